// Package heap keeps any sort.Interface with Push and Pop as a binary
// min-heap, as Go's container/heap: element 0 is the least by Less.
package heap

import "sort"

// Interface is what the heap functions work on. Push appends x as the
// last element; Pop removes the last element and returns it.
type Interface interface {
	sort.Interface
	Push(x any)
	Pop() any
}

// Init arranges h into a heap, in O(n).
func Init(h Interface) {
	n := h.Len()
	for i := n/2 - 1; i >= 0; i-- {
		sink(h, i, n)
	}
}

// Push adds x, in O(log n).
func Push(h Interface, x any) {
	h.Push(x)
	rise(h, h.Len()-1)
}

// Pop removes and returns the least element, in O(log n).
func Pop(h Interface) any {
	last := h.Len() - 1
	h.Swap(0, last)
	sink(h, 0, last)
	return h.Pop()
}

// Remove removes and returns the element at index i, in O(log n).
func Remove(h Interface, i int) any {
	last := h.Len() - 1
	if i != last {
		h.Swap(i, last)
		if !sink(h, i, last) {
			rise(h, i)
		}
	}
	return h.Pop()
}

// Fix restores the heap after the element at index i changed, in O(log n).
func Fix(h Interface, i int) {
	if !sink(h, i, h.Len()) {
		rise(h, i)
	}
}

// rise moves the element at i up while it is less than its parent.
func rise(h Interface, i int) {
	for i > 0 {
		parent := (i - 1) / 2
		if !h.Less(i, parent) {
			return
		}
		h.Swap(parent, i)
		i = parent
	}
}

// sink moves the element at i down, within the first n elements, while a
// child is less than it; reports whether it moved.
func sink(h Interface, i, n int) bool {
	start := i
	for {
		child := 2*i + 1
		if child >= n || child < 0 {
			break
		}
		if right := child + 1; right < n && h.Less(right, child) {
			child = right
		}
		if !h.Less(child, i) {
			break
		}
		h.Swap(i, child)
		i = child
	}
	return i > start
}
