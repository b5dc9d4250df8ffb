// Deferred calls that run within their frame's life keep their closure
// and bound arguments in the frame (gc's open-coded defers allocate
// nothing either); what they hold stays alive until they run.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

type T struct {
	mu sync.Mutex
	n  int
}

func (t *T) inc() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.n++
}

func withArgs(xs []int) (s int) {
	defer func(a, b int, p *int) { s = a + b + *p + len(xs) }(1, 2, &xs[0])
	buf := make([]byte, 1<<16)
	_ = buf
	runtime.GC()
	return 0
}

// The deferred call's argument is reachable only through its bound
// cell: a collection before it runs must keep it.
func onlyInCell() (ok bool) {
	defer func(b []byte) {
		ok = true
		for i := range b {
			if b[i] != byte(i) {
				ok = false
			}
		}
	}(fill(make([]byte, 4096)))
	for i := 0; i < 50; i++ {
		junk := make([]byte, 4096)
		for j := range junk {
			junk[j] = 0xAA
		}
		runtime.GC()
	}
	return false
}

func fill(b []byte) []byte {
	for i := range b {
		b[i] = byte(i)
	}
	return b
}

func recovered() (r string) {
	defer func() {
		if e := recover(); e != nil {
			r = fmt.Sprint("recovered: ", e)
		}
	}()
	var m map[string]int
	m["x"] = 1
	return "no"
}

func ordered() {
	defer fmt.Println("first deferred, runs last")
	x := 5
	defer fmt.Println("x at defer:", x)
	x = 6
	defer func() { fmt.Println("x at return:", x) }()
}

func allocs(f func()) uint64 {
	var a, b runtime.MemStats
	f()
	runtime.ReadMemStats(&a)
	for i := 0; i < 100; i++ {
		f()
	}
	runtime.ReadMemStats(&b)
	return (b.Mallocs - a.Mallocs) / 100
}

func main() {
	t := &T{}
	fmt.Println("lock/defer unlock allocs:", allocs(t.inc))
	fmt.Println(withArgs([]int{10, 20}), recovered(), onlyInCell())
	ordered()
	for i := 0; i < 3; i++ {
		func() {
			defer fmt.Println("loop body defer", i)
		}()
	}
}
