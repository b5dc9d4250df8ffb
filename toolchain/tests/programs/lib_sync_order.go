package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

// work calls a function, so it has a stack check in its prologue: the
// preemption point of the busy loop below (a leaf function has none).
//
//go:noinline
func work(i int) int { return twice(i) + i + 1 }

//go:noinline
func twice(i int) int { return 2 * i }

func main() {
	// The orders below are the scheduler's with one processor; with more
	// they are not defined (gc's own broadcast order varies from run to run
	// with GOMAXPROCS=2), so the program runs on one whatever the
	// environment says.
	runtime.GOMAXPROCS(1)
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

	// Every AfterFunc runs, however late the machine lets its timer fire.
	res := make(chan int, 10)
	var fired sync.WaitGroup
	for i := 0; i < 5; i++ {
		i := i
		fired.Add(1)
		time.AfterFunc(20*time.Millisecond, func() { res <- i; fired.Done() })
	}
	fired.Wait()
	close(res)
	var got []int
	for v := range res {
		got = append(got, v)
	}
	fmt.Println("afterfunc order", len(got))

	// Timers fire while main is busy: main computes until the ticker's
	// goroutine has seen three ticks, which it can only do if main is
	// preempted (at work's prologue check). No deadline: a loaded machine only
	// makes this take longer, and a scheduler that never preempts main
	// hangs here until the test's time limit.
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
	s := 0
	rounds := 0
busy:
	for {
		select {
		case <-done:
			break busy
		default:
		}
		for k := 0; k < 10000; k++ {
			s += work(s)
		}
		rounds++
	}
	fmt.Println("ticks during busy main", ticks, rounds > 0)
	// mutex FIFO fairness: waiters acquire in arrival order. Each waiter
	// blocks in Lock while main sleeps (one thread runs goroutines, so
	// the sleep only orders them; its length does not matter).
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
