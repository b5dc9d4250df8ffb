package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	done := make(chan [2]int64)
	// Each goroutine reports how long after start it woke; main prints the
	// reports in the goroutines' order. The order in which they wake is left
	// out: goroutines whose deadlines have all passed on a loaded machine are
	// woken together, and a preemption may let any of them print first.
	for i := 1; i <= 3; i++ {
		go func(i int) {
			time.Sleep(time.Duration(i) * 20 * time.Millisecond)
			done <- [2]int64{int64(i), int64(time.Since(start))}
		}(i)
	}
	var woke [4]time.Duration
	for i := 0; i < 3; i++ {
		r := <-done
		woke[r[0]] = time.Duration(r[1])
	}
	for i := 1; i <= 3; i++ {
		fmt.Println("woke", i, woke[i] >= time.Duration(i)*20*time.Millisecond)
	}
	el := time.Since(start)
	fmt.Println(el >= 60*time.Millisecond, el < time.Minute)
	t := time.NewTimer(10 * time.Millisecond)
	<-t.C
	fmt.Println("timer")
	fired := make(chan bool)
	time.AfterFunc(5*time.Millisecond, func() { fired <- true })
	fmt.Println(<-fired)
	tk := time.NewTicker(5 * time.Millisecond)
	n := 0
	for range tk.C {
		n++
		if n == 3 {
			tk.Stop()
			break
		}
	}
	fmt.Println("ticks", n)
	t2 := time.NewTimer(time.Hour)
	fmt.Println(t2.Stop(), t2.Stop())
	select {
	case <-time.After(10 * time.Millisecond):
		fmt.Println("after")
	}
	time.Sleep(0)
	time.Sleep(-5)
	fmt.Println(time.Now().Unix() > 1600000000)
}
