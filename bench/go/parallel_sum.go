// parallel_sum: a sum over a 16M-element slice, 200 times, split among
// runtime.NumCPU() goroutines (GOMAXPROCS set to it unless the
// environment sets GOMAXPROCS); prints the total. Loops with no calls:
// the time is the processors'.
package main

import (
	"fmt"
	"os"
	"runtime"
)

const (
	n      = 1 << 24
	rounds = 200
)

func main() {
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(runtime.NumCPU())
	}
	s := make([]int32, n)
	for i := range s {
		s[i] = int32(i % 1000)
	}
	workers := runtime.NumCPU()
	out := make(chan int64)
	for w := 0; w < workers; w++ {
		lo, hi := w*n/workers, (w+1)*n/workers
		go func(part []int32) {
			var t int64
			for r := 0; r < rounds; r++ {
				for _, v := range part {
					t += int64(v) ^ int64(r)
				}
			}
			out <- t
		}(s[lo:hi])
	}
	var total int64
	for w := 0; w < workers; w++ {
		total += <-out
	}
	fmt.Println(total)
}
