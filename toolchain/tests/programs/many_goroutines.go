// 100,000 goroutines parked on one channel at the same time, then released.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	const n = 100000
	gate := make(chan struct{})
	results := make(chan int, 100)
	started := make(chan bool)
	for i := 0; i < n; i++ {
		go func(i int) {
			started <- true
			<-gate
			results <- i % 7
		}(i)
		<-started
	}
	fmt.Println("parked", runtime.NumGoroutine())
	close(gate)
	sum := 0
	for i := 0; i < n; i++ {
		sum += <-results
	}
	fmt.Println("sum", sum)
}
