// Goroutines and channels: go of functions, closures, method values and
// builtins; unbuffered ping-pong, buffered channels, range, close, comma-ok,
// directional channels, nil channels in select, select with default,
// runtime.Gosched, NumGoroutine and Goexit (deferred calls run), main
// returning while goroutines are left.
package main

import (
	"fmt"
	"runtime"
)

type counter struct{ n int }

func (c *counter) add(k int, done chan<- bool) {
	c.n += k
	done <- true
}

func pingPong(n int) int {
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
		close(pong)
	}()
	v := 0
	for i := 0; i < n; i++ {
		ping <- v
		v = <-pong
	}
	close(ping)
	_, ok := <-pong
	if ok {
		return -1
	}
	return v
}

func producer(out chan<- int, n int) {
	for i := 1; i <= n; i++ {
		out <- i
	}
	close(out)
}

func main() {
	// Arguments are evaluated at the go statement.
	x := 1
	res := make(chan int)
	go func(v int) { res <- v }(x)
	x = 2
	fmt.Println("arg", <-res, x)

	fmt.Println("pingpong", pingPong(1000))

	// A method value and a method call with bound receiver.
	c := &counter{}
	done := make(chan bool)
	go c.add(5, done)
	<-done
	f := c.add
	go f(7, done)
	<-done
	fmt.Println("counter", c.n)

	// Buffered: len and cap, FIFO order, drain after close.
	b := make(chan string, 3)
	b <- "a"
	b <- "b"
	fmt.Println("buffered", len(b), cap(b))
	b <- "c"
	close(b)
	for s := range b {
		fmt.Print(s, " ")
	}
	s, ok := <-b
	fmt.Printf("%q %v\n", s, ok)

	// Directional conversion and a receive-only view.
	nums := make(chan int, 10)
	go producer(nums, 10)
	var ro <-chan int = nums
	sum := 0
	for v := range ro {
		sum += v
	}
	fmt.Println("sum", sum)

	// Select: a nil channel case never fires; default when nothing is ready.
	var nilc chan int
	ready := make(chan int, 1)
	ready <- 3
	select {
	case v := <-nilc:
		fmt.Println("nil?", v)
	case v := <-ready:
		fmt.Println("ready", v)
	}
	select {
	case nilc <- 1:
		fmt.Println("nil send?")
	default:
		fmt.Println("default")
	}
	// A blocking select woken by a sender.
	sel := make(chan int)
	quit := make(chan struct{})
	go func() {
		sel <- 10
		close(quit)
	}()
	got := 0
loop:
	for {
		select {
		case v := <-sel:
			got += v
		case <-quit:
			break loop
		}
	}
	fmt.Println("select", got)

	// Goexit runs the deferred calls, then ends the goroutine only.
	exited := make(chan string, 2)
	go func() {
		defer func() { exited <- "deferred" }()
		func() {
			runtime.Goexit()
		}()
		exited <- "not reached"
	}()
	fmt.Println("goexit", <-exited)

	// Gosched lets the others run; wait until they are all done.
	steps := make(chan int, 3)
	for i := 0; i < 3; i++ {
		go func(i int) {
			runtime.Gosched()
			steps <- i
		}(i)
	}
	total := 0
	for i := 0; i < 3; i++ {
		total += <-steps
	}
	for runtime.NumGoroutine() > 1 {
		runtime.Gosched()
	}
	fmt.Println("gosched", total, runtime.NumGoroutine())

	// A goroutine blocked in a deferred call.
	inDefer := make(chan int)
	back := make(chan int)
	go func() {
		defer func() { back <- <-inDefer * 2 }()
	}()
	inDefer <- 21
	fmt.Println("defer", <-back)

	// Main returning ends the program: goroutines blocked for good do not
	// keep it alive.
	go func() { select {} }()
	go func() { <-make(chan int) }()
}
