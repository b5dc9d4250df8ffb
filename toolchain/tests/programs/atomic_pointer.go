// A generic type of another package: sync/atomic's Pointer[T], instantiated
// by the program, its methods lowered in their own package.
package main

import (
	"fmt"
	"sync/atomic"
)

type node struct{ v int }

func main() {
	var p atomic.Pointer[node]
	fmt.Println(p.Load() == nil)
	p.Store(&node{1})
	old := p.Swap(&node{2})
	fmt.Println(old.v, p.Load().v, p.CompareAndSwap(old, &node{3}), p.Load().v)
	var q atomic.Pointer[string]
	s := "x"
	q.Store(&s)
	fmt.Println(*q.Load())
}
