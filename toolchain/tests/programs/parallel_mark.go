// Marking shared between threads (runtime.GOMAXPROCS(2); one processor
// where rgo's runtime runs one thread, with the same output): a live heap
// of several megabytes (trees, a long list, a big pointer slice, maps,
// strings and interfaces) is collected again and again, by runtime.GC and
// by allocation, while goroutines wait on channels (their threads idle,
// so a collection has threads to mark on). After each round every
// structure is walked and its checksum compared: an object a marker
// missed would be freed and reused, and a sum would change.
package main

import (
	"fmt"
	"runtime"
	"strconv"
)

type node struct {
	left, right *node
	val         int
}

func tree(depth, val int) *node {
	if depth == 0 {
		return &node{val: val}
	}
	return &node{tree(depth-1, 2*val), tree(depth-1, 2*val+1), val}
}

func (n *node) sum() int {
	if n == nil {
		return 0
	}
	return n.val + n.left.sum() + n.right.sum()
}

type item struct {
	next *item
	name string
	v    any
}

func list(n int) *item {
	var head *item
	for i := 0; i < n; i++ {
		head = &item{head, strconv.Itoa(i), i}
	}
	return head
}

func (it *item) sum() int {
	s := 0
	for ; it != nil; it = it.next {
		n, _ := strconv.Atoi(it.name)
		s += n + it.v.(int)
	}
	return s
}

type world struct {
	trees []*node
	list  *item
	ptrs  []*[4]int
	index map[string]*node
}

func build() *world {
	w := &world{index: map[string]*node{}}
	for i := 0; i < 8; i++ {
		w.trees = append(w.trees, tree(13, i))
	}
	w.list = list(20000)
	w.ptrs = make([]*[4]int, 100000)
	for i := range w.ptrs {
		w.ptrs[i] = &[4]int{i, i, i, i}
	}
	for i := 0; i < 2000; i++ {
		w.index["k"+strconv.Itoa(i)] = tree(2, i)
	}
	return w
}

func (w *world) sum() int {
	s := 0
	for _, t := range w.trees {
		s += t.sum()
	}
	s += w.list.sum()
	for _, p := range w.ptrs {
		s += p[0] + p[1] + p[2] + p[3]
	}
	for k, t := range w.index {
		n, _ := strconv.Atoi(k[1:])
		s += n + t.sum()
	}
	return s
}

func main() {
	runtime.GOMAXPROCS(2)
	// Goroutines that wait most of the time: their threads go idle.
	requests := make(chan int)
	replies := make(chan int)
	for i := 0; i < 4; i++ {
		go func() {
			for n := range requests {
				replies <- tree(10, n).sum()
			}
		}()
	}
	w := build()
	want := w.sum()
	fmt.Println("built", want > 0)
	for round := 0; round < 6; round++ {
		runtime.GC()
		// Garbage while the others work: collections by allocation too.
		for i := 0; i < 4; i++ {
			requests <- i
		}
		garbage := 0
		for i := 0; i < 20000; i++ {
			garbage += len(strconv.Itoa(i))
		}
		got := 0
		for i := 0; i < 4; i++ {
			got += <-replies
		}
		if s := w.sum(); s != want {
			fmt.Println("round", round, "sum changed:", s, "!=", want)
			return
		}
		// Replace part of the world: old parts become garbage.
		w.trees[round] = tree(13, round)
		w.list = list(20000)
		fmt.Println("round", round, got, garbage)
	}
	close(requests)
	var st runtime.MemStats
	runtime.ReadMemStats(&st)
	fmt.Println("collections", st.NumGC >= 6)
}
