package main

import (
	"fmt"
	"time"
)

func main() {
	ds := []time.Duration{0, 1, 1500, 1500 * time.Microsecond, 3723500 * time.Millisecond, -90 * time.Second, 1<<63 - 1}
	for _, d := range ds {
		fmt.Println(d, d.String(), d.Seconds(), d.Round(time.Second), d.Truncate(time.Minute))
	}
	fmt.Printf("%v %s %d\n", 2*time.Hour, time.Minute, time.Millisecond)
	start := time.Now()
	time.Sleep(20 * time.Millisecond)
	el := time.Since(start)
	fmt.Println("slept ok:", el >= 20*time.Millisecond && el < time.Minute)

	t := time.NewTimer(30 * time.Millisecond)
	<-t.C
	fmt.Println("timer ok:", time.Since(start) >= 50*time.Millisecond, t.Stop())
	t2 := time.NewTimer(time.Hour)
	fmt.Println("stop pending:", t2.Stop(), t2.Reset(10*time.Millisecond))
	<-t2.C
	select {
	case <-time.After(10 * time.Millisecond):
		fmt.Println("after")
	}
	done := make(chan bool)
	time.AfterFunc(5*time.Millisecond, func() { done <- true })
	fmt.Println("afterfunc", <-done)
	// Before the ticker: its fourth tick is 20 ms after s2 at the least.
	s2 := time.Now()
	tk := time.NewTicker(5 * time.Millisecond)
	n := 0
	for range tk.C {
		n++
		if n == 4 {
			break
		}
	}
	tk.Stop()
	fmt.Println("ticks", n, time.Since(s2) >= 20*time.Millisecond)
	tk.Reset(2 * time.Millisecond)
	<-tk.C
	tk.Stop()
	<-time.Tick(time.Millisecond)
	u := time.Unix(1700000000, 5)
	fmt.Println(u.Unix(), u.UnixNano(), u.UnixMilli(), u.Add(time.Hour).Sub(u), u.Before(u.Add(1)), time.Until(u) < 0)
	fmt.Println(time.March, time.Saturday, time.Month(13), u.IsZero(), time.Time{}.IsZero())
	// Everyone waits on timers: the process sleeps, no deadlock. Each
	// sleeper's bit, not the order they arrive in: a sleeper woken first
	// may be preempted before it sends (a loaded machine, RGO_GCSTRESS).
	c := make(chan int)
	for i := 0; i < 3; i++ {
		go func(i int) {
			time.Sleep(time.Duration(i+1) * 10 * time.Millisecond)
			c <- i
		}(i)
	}
	fmt.Println(1<<<-c | 1<<<-c | 1<<<-c)
	defer func() { fmt.Println("recovered:", recover()) }()
	time.NewTicker(0)
}
