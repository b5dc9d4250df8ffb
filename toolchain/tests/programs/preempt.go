// A goroutine that never blocks but keeps calling functions is preempted
// (a prologue stack check fails on the scheduler's request), so main gets
// to run again on the one thread rgo schedules goroutines on. As in gc
// before Go 1.14, only functions that check their stack are preemption
// points: small leaf functions do not check, so step calls another.
package main

import "fmt"

var stop bool

//go:noinline
func leaf(x int) int {
	return x*3 + 1
}

//go:noinline
func step(x int) int {
	return leaf(x) ^ 5
}

func spin(started chan<- bool, done chan<- int) {
	started <- true
	n := 0
	for !stop {
		n = step(n) & 0xffff
	}
	done <- 1
}

func main() {
	started := make(chan bool)
	done := make(chan int)
	go spin(started, done)
	go spin(started, done)
	<-started
	<-started
	// Both spinners run now; main only gets back here by preemption.
	stop = true
	fmt.Println("stopped", <-done+<-done)
}
