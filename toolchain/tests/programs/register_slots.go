// Values that live in registers between calls (docs/codegen.md, "Slots
// in registers"): loop counters and accumulators of every class, a
// pointer walked through a list, values live across instructions that
// work on slot memory (atomics, struct copies, runtime calls), call
// arguments and results, parameters, and a nil dereference through a
// pointer held in a register, recovered by the caller.
package main

import (
	"fmt"
	"sync/atomic"
)

type node struct {
	v    int
	next *node
}

type pair struct{ a, b int64 }

func sumList(n *node) int {
	s := 0
	for p := n; p != nil; p = p.next {
		s += p.v
	}
	return s
}

func floats(n int) (float64, float32) {
	x, y := 0.0, float32(1)
	for i := 0; i < n; i++ {
		x += float64(i) * 0.5
		y = y*1.5 - float32(i)
	}
	return x, y
}

func acrossMemoryOps(n int) (int64, pair) {
	var counter int64
	var p, q pair
	acc := int64(7)
	for i := int64(0); i < int64(n); i++ {
		acc = acc*3 + i // live across the atomic and the copy below
		atomic.AddInt64(&counter, acc&15)
		p = pair{acc, i}
		q = p
		acc ^= q.b
	}
	return atomic.LoadInt64(&counter) + acc, q
}

//go:noinline
func twice(x int) int { return 2 * x }

func callsInLoop(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		r := twice(i) // a result, read once after the call
		s += r
	}
	return s
}

func params(a, b int, c float64) float64 {
	for a < b {
		a += 3
		c = c*2 + float64(a)
	}
	return c
}

func deref(p *node, k int) int {
	t := 0
	for i := 0; i < k; i++ {
		t += p.v
	}
	return t
}

func safeDeref(p *node) (r int, err error) {
	defer func() {
		if e := recover(); e != nil {
			err = fmt.Errorf("%v", e)
		}
	}()
	return deref(p, 3), nil
}

func divs(n int64) (int64, int64) {
	q, r := int64(0), int64(0)
	for d := int64(1); d <= 9; d++ {
		q += n / d
		r += n % d
	}
	return q, r
}

func main() {
	var list *node
	for i := 1; i <= 10; i++ {
		list = &node{i * i, list}
	}
	fmt.Println(sumList(list))
	x, y := floats(20)
	fmt.Println(x, y)
	c, q := acrossMemoryOps(1000)
	fmt.Println(c, q)
	fmt.Println(callsInLoop(100))
	fmt.Println(params(1, 20, 0.25))
	fmt.Println(safeDeref(list))
	fmt.Println(safeDeref(nil))
	fmt.Println(divs(-1234567))
}
