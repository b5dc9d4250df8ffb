// parallel_binarytrees: the Benchmarks Game's binary-trees in its goroutine
// form, at depth 18: a stretch tree, a long-lived tree, then for each depth
// 4, 6, ... 18 a goroutine that builds and checks 2^(18-d+4) trees of that
// depth (GOMAXPROCS set to runtime.NumCPU() unless the environment sets
// GOMAXPROCS). The time is the allocator's and the collector's.
package main

import (
	"fmt"
	"os"
	"runtime"
)

type node struct{ left, right *node }

func build(d int) *node {
	if d == 0 {
		return &node{}
	}
	return &node{build(d - 1), build(d - 1)}
}

func (n *node) check() int {
	if n.left == nil {
		return 1
	}
	return 1 + n.left.check() + n.right.check()
}

const maxDepth = 18

func main() {
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(runtime.NumCPU())
	}
	fmt.Printf("stretch tree of depth %d\t check: %d\n", maxDepth+1, build(maxDepth+1).check())
	long := build(maxDepth)
	results := make([]string, maxDepth+1)
	done := make(chan bool)
	for d := 4; d <= maxDepth; d += 2 {
		go func(d int) {
			iters := 1 << (maxDepth - d + 4)
			sum := 0
			for i := 0; i < iters; i++ {
				sum += build(d).check()
			}
			results[d] = fmt.Sprintf("%d\t trees of depth %d\t check: %d", iters, d, sum)
			done <- true
		}(d)
	}
	for d := 4; d <= maxDepth; d += 2 {
		<-done
	}
	for d := 4; d <= maxDepth; d += 2 {
		fmt.Println(results[d])
	}
	fmt.Printf("long lived tree of depth %d\t check: %d\n", maxDepth, long.check())
}
