// Loops that call no function with a stack check are preempted on their
// back edges: with one thread running goroutines, each part below hangs
// if they are not. The output does not depend on when preemption comes.
package main

import (
	"fmt"
	"runtime"
	"time"
)

type node struct {
	next *node
	v    int
}

// leaf is small enough to have no stack check: a loop calling only it
// yields at its own back edge.
func leaf(x int) int {
	return x*3 + 1
}

// walk sums the list from l over and over (l and p in registers: no call
// in the loop) until quit has a value, and reports how many walks it made,
// or -1 if a sum came out wrong: the collector ran while it waited at a
// back edge, so it must have found l and p in its frame.
func walk(l *node, quit chan bool, done chan int) {
	walks, bad := 0, false
	for len(quit) == 0 {
		s := 0
		for p := l; p != nil; p = p.next {
			s += p.v
		}
		if s != 5050 {
			bad = true
		}
		walks++
	}
	if bad {
		walks = -1
	}
	done <- walks
}

func main() {
	// A loop of a non-blocking select (a runtime call) only.
	stop := make(chan bool)
	count := 0
	go func() {
		for {
			select {
			case <-stop:
				return
			default:
				count++
			}
		}
	}()
	time.Sleep(10 * time.Millisecond)
	stop <- true
	fmt.Println("select loop ran:", count > 0)

	// A goto loop of leaf calls, waiting for another goroutine's send.
	ready := make(chan int, 1)
	go func() { ready <- 42 }()
	n := 0
again:
	if len(ready) == 0 {
		n = leaf(n) % 1000
		goto again
	}
	fmt.Println("goto loop saw:", <-ready, n >= 0)

	// A list only the walker's registers hold while others allocate and
	// collect.
	var head *node
	for i := 1; i <= 100; i++ {
		head = &node{head, i}
	}
	quit := make(chan bool, 1)
	done := make(chan int, 1)
	go walk(head, quit, done)
	head = nil
	var keep []*node
	for round := 0; round < 3; round++ {
		keep = nil
		for i := 0; i < 2000; i++ {
			keep = append(keep, &node{nil, -1})
		}
		runtime.GC()
		runtime.Gosched()
	}
	quit <- true
	walks := <-done
	fmt.Println("list intact:", walks > 0, len(keep))
}
