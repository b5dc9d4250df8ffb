// time from GOROOT: Parse and Format, fixed zones, durations, and timers
// through the runtime's timer goroutine (AfterFunc, Stop, Reset, tickers,
// context deadlines). Nothing printed depends on the clock or the load.
package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"
)

func main() {
	t, err := time.Parse(time.RFC3339, "2012-11-01T22:08:41Z")
	fmt.Println(t, err)
	fmt.Println(t.Format("Mon Jan _2 15:04:05 2006"), t.Format(time.Kitchen), t.YearDay(), t.Weekday())
	_, err = time.Parse("Mon Jan _2 15:04:05 2006", "8:41PM")
	fmt.Println(err)
	est := time.FixedZone("EST", -5*3600)
	u, err := time.ParseInLocation("2006-01-02 15:04", "2022-08-02 09:30", est)
	fmt.Println(u, err, u.UTC(), u.Unix())
	utc, err := time.LoadLocation("UTC")
	fmt.Println(utc, err, u.In(utc).Format(time.RFC1123Z))
	b, _ := u.MarshalJSON()
	fmt.Println(string(b))
	var back time.Time
	fmt.Println(back.UnmarshalJSON(b), back.Equal(u))
	d, err := time.ParseDuration("1h15m30.918273645s")
	fmt.Println(d, err, d.Round(time.Millisecond), d.Truncate(time.Minute), d.Minutes())
	y, w := u.ISOWeek()
	fmt.Println(y, w, u.AddDate(0, 1, -3).Format("2006-01-02"))

	// AfterFunc: both run, each in a goroutine of its own (in which order
	// depends on how late the machine is: not printed); a stopped timer
	// never runs.
	done := make(chan string, 3)
	time.AfterFunc(30*time.Millisecond, func() { done <- "second" })
	time.AfterFunc(10*time.Millisecond, func() { done <- "first" })
	never := time.AfterFunc(time.Hour, func() { done <- "never" })
	fmt.Println("stopped:", never.Stop(), never.Stop())
	got := []string{<-done, <-done}
	sort.Strings(got)
	fmt.Println(got)

	// Reset of a fired timer re-arms it.
	tm := time.NewTimer(time.Millisecond)
	<-tm.C
	fmt.Println("reset:", tm.Reset(time.Millisecond))
	<-tm.C
	fmt.Println("fired again")

	// A ticker ticks until stopped.
	tk := time.NewTicker(2 * time.Millisecond)
	for i := 0; i < 3; i++ {
		<-tk.C
	}
	tk.Stop()
	fmt.Println("ticked 3 times")

	// select with time.After: the ready channel wins, the timeout fires later.
	ready := make(chan int, 1)
	ready <- 7
	select {
	case v := <-ready:
		fmt.Println("ready", v)
	case <-time.After(time.Hour):
		fmt.Println("timeout")
	}
	select {
	case <-make(chan int):
	case <-time.After(time.Millisecond):
		fmt.Println("timed out")
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	<-ctx.Done()
	fmt.Println(ctx.Err(), errors.Is(ctx.Err(), context.DeadlineExceeded))

	start := time.Now()
	time.Sleep(3 * time.Millisecond)
	fmt.Println(time.Since(start) >= 3*time.Millisecond)
}
