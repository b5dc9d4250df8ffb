package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	done := make(chan int)
	// Started in the order of their deadlines: the run queue is first in,
	// first out, so each sleep begins no earlier than the one before and
	// lasts longer, and the wake-ups come in this order however much a
	// loaded machine delays the goroutines (started the other way round,
	// a delay of 40 ms between them reordered the output).
	for i := 1; i <= 3; i++ {
		go func(i int) {
			time.Sleep(time.Duration(i) * 20 * time.Millisecond)
			fmt.Println("woke", i)
			done <- i
		}(i)
	}
	for i := 0; i < 3; i++ {
		<-done
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
