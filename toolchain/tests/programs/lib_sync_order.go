package main

import (
	"fmt"
	"sync"
	"time"
)

//go:noinline
func work(i int) int { return i*3 + 1 }

func main() {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	var wg sync.WaitGroup
	var order []int
	n := 0
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			mu.Lock()
			n++
			c.Wait()
			order = append(order, i)
			mu.Unlock()
		}(i)
	}
	for {
		mu.Lock()
		k := n
		mu.Unlock()
		if k == 6 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	mu.Lock()
	c.Broadcast()
	mu.Unlock()
	wg.Wait()
	fmt.Println("broadcast order", order)

	res := make(chan int, 10)
	for i := 0; i < 5; i++ {
		i := i
		time.AfterFunc(20*time.Millisecond, func() { res <- i })
	}
	time.Sleep(50 * time.Millisecond)
	close(res)
	var got []int
	for v := range res {
		got = append(got, v)
	}
	fmt.Println("afterfunc order", len(got))

	// Timers fire while main is busy (preemption points).
	tk := time.NewTicker(5 * time.Millisecond)
	ticks := 0
	done := make(chan bool)
	go func() {
		for range tk.C {
			ticks++
			if ticks == 3 {
				tk.Stop()
				done <- true
				return
			}
		}
	}()
	start := time.Now()
	s := 0
	for time.Since(start) < 100*time.Millisecond {
		for k := 0; k < 10000; k++ {
			s += work(s)
		}
	}
	select {
	case <-done:
		fmt.Println("ticks during busy main", ticks)
	default:
		fmt.Println("no ticks yet", ticks)
	}
	// mutex FIFO fairness: waiters acquire in arrival order
	var m2 sync.Mutex
	m2.Lock()
	var got2 []int
	var wg2 sync.WaitGroup
	for i := 0; i < 5; i++ {
		wg2.Add(1)
		go func(i int) {
			defer wg2.Done()
			m2.Lock()
			got2 = append(got2, i)
			m2.Unlock()
		}(i)
		time.Sleep(time.Millisecond)
	}
	m2.Unlock()
	wg2.Wait()
	fmt.Println("mutex order", got2)
}
