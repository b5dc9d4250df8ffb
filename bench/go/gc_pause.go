// Collection pause with a large live heap: 20 runtime.GC() calls with a
// binary tree of 262,143 nodes (depth 17, BASELINES §5: gc's pause 12 ms)
// live. The run's time is almost all pauses. Issue 12's target: at most
// 2x gc.
package main

import "runtime"

type node struct {
	left, right *node
	item        int
}

func tree(depth int) *node {
	if depth <= 0 {
		return &node{item: 1}
	}
	return &node{tree(depth - 1), tree(depth - 1), 1}
}

func (n *node) count() int {
	if n.left == nil {
		return n.item
	}
	return n.item + n.left.count() + n.right.count()
}

func main() {
	t := tree(17)
	for i := 0; i < 20; i++ {
		runtime.GC()
	}
	println(t.count())
}
