// Timers: 1,000 goroutines each sleeping 100 times for 1 µs to 1 ms,
// then 200,000 timers created and stopped (time.AfterFunc + Stop) and
// 100,000 time.Now/time.Since pairs. The process sleeps while every
// goroutine waits on a timer.
package main

import (
	"sync"
	"time"
)

func main() {
	var wg sync.WaitGroup
	for g := 0; g < 1000; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				time.Sleep(time.Duration(1+(g*7+i*13)%1000) * time.Microsecond)
			}
		}(g)
	}
	wg.Wait()
	stopped := 0
	for i := 0; i < 200000; i++ {
		t := time.AfterFunc(time.Hour, func() {})
		if t.Stop() {
			stopped++
		}
	}
	var total time.Duration
	for i := 0; i < 100000; i++ {
		start := time.Now()
		total += time.Since(start)
	}
	println(stopped, total >= 0)
}
