// A nil dereference in a leaf that keeps no frame (frameless leaves,
// docs/gc.md): the walk from the fault must find the leaf's caller
// by its return address, scan the caller's frame (its pointers live across
// the call survive a collection during the panic) and name every frame.
package main

import (
	"fmt"
	"runtime"
	"strings"
)

type T struct{ a, b int }

//go:noinline
func (t *T) Sum() int { return t.a + t.b }

type node struct {
	next *node
	val  []int
}

//go:noinline
func walk(n *node, t *T) (s int) {
	defer func() {
		if r := recover(); r != nil {
			var pcs [32]uintptr
			k := runtime.Callers(1, pcs[:])
			frames := runtime.CallersFrames(pcs[:k])
			var names []string
			for {
				f, more := frames.Next()
				if strings.HasPrefix(f.Function, "main.") {
					names = append(names, f.Function)
				}
				if !more {
					break
				}
			}
			fmt.Println(strings.Join(names, " <- "))
			runtime.GC()
			fmt.Println("recovered:", r)
			s = -1
		}
	}()
	keep := n
	s = t.Sum()
	for ; keep != nil; keep = keep.next {
		s += keep.val[0]
	}
	return s
}

func main() {
	var list *node
	for i := 0; i < 100; i++ {
		list = &node{next: list, val: make([]int, 1000)}
		list.val[0] = i
	}
	fmt.Println(walk(list, &T{1, 2}))
	fmt.Println(walk(list, nil))
	runtime.GC()
	total := 0
	for n := list; n != nil; n = n.next {
		total += n.val[0] + len(n.val)
	}
	fmt.Println(total)
}
