// Goroutines on several processors (runtime.GOMAXPROCS(2); where rgo's
// runtime runs one thread the program runs on one, with the same output):
// they allocate trees while others collect, exchange on channels, update a
// map under a mutex and atomic counters, sleep, and read a pipe that blocks
// until another goroutine writes it.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

type node struct {
	l, r *node
	v    int
}

func tree(d int) *node {
	if d == 0 {
		return &node{v: 1}
	}
	return &node{l: tree(d - 1), r: tree(d - 1), v: d}
}

func (n *node) sum() int {
	if n == nil {
		return 0
	}
	return n.v + n.l.sum() + n.r.sum()
}

func spin(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i % 7
	}
	return s
}

func main() {
	prev := runtime.GOMAXPROCS(2)
	fmt.Println("procs set:", prev >= 1, runtime.GOMAXPROCS(0) >= 1)

	var mu sync.Mutex
	var wg sync.WaitGroup
	var count int64
	m := map[int]int{}
	results := make(chan int, 4)
	for w := 0; w < 6; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 60; i++ {
				s := tree(8).sum()
				mu.Lock()
				m[w*100+i] = s
				mu.Unlock()
				atomic.AddInt64(&count, 1)
				results <- s
				if i%20 == 0 {
					runtime.GC()
				}
				if i%7 == 0 {
					runtime.Gosched()
				}
			}
		}(w)
	}
	total := 0
	collected := make(chan bool)
	go func() {
		for v := range results {
			total += v
		}
		collected <- true
	}()

	// A goroutine computing without calls, one sleeping, one blocked in a
	// read, while the others allocate.
	computed := make(chan int)
	go func() { computed <- spin(3000000) }()
	slept := make(chan bool)
	go func() {
		time.Sleep(20 * time.Millisecond)
		slept <- true
	}()
	var p [2]int
	if err := syscall.Pipe(p[:]); err != nil {
		panic(err)
	}
	read := make(chan byte)
	go func() {
		buf := make([]byte, 1)
		syscall.Read(p[0], buf)
		read <- buf[0]
	}()

	wg.Wait()
	close(results)
	<-collected
	syscall.Write(p[1], []byte{42})
	fmt.Println("trees:", len(m), total, atomic.LoadInt64(&count))
	fmt.Println("spin:", <-computed)
	fmt.Println("slept:", <-slept)
	fmt.Println("read:", <-read)

	// Ping-pong between two goroutines, many times.
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
		close(pong)
	}()
	v := 0
	for i := 0; i < 20000; i++ {
		ping <- v
		v = <-pong
	}
	close(ping)
	fmt.Println("pingpong:", v)

	// A panic recovered on one goroutine while others run.
	errs := make(chan string, 3)
	for i := 0; i < 3; i++ {
		go func(i int) {
			defer func() { errs <- fmt.Sprint(recover()) }()
			var a []int
			_ = a[i+5]
		}(i)
	}
	got := map[string]bool{}
	for i := 0; i < 3; i++ {
		got[<-errs] = true
	}
	fmt.Println("recovered:", len(got))
	runtime.GOMAXPROCS(prev)
}
