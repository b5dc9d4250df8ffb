// A binary min-heap used as a priority queue: 1M pushes then 1M pops, 3
// times: generic_container.go written for int by hand (the baseline of its
// generic version).
package main

type Heap struct {
	items []int
}

func (h *Heap) Len() int { return len(h.items) }

func (h *Heap) Push(v int) {
	h.items = append(h.items, v)
	i := len(h.items) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !(h.items[i] < h.items[p]) {
			break
		}
		h.items[i], h.items[p] = h.items[p], h.items[i]
		i = p
	}
}

func (h *Heap) Pop() int {
	top := h.items[0]
	last := len(h.items) - 1
	h.items[0] = h.items[last]
	h.items = h.items[:last]
	i := 0
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < last && h.items[l] < h.items[m] {
			m = l
		}
		if r < last && h.items[r] < h.items[m] {
			m = r
		}
		if m == i {
			break
		}
		h.items[i], h.items[m] = h.items[m], h.items[i]
		i = m
	}
	return top
}

func main() {
	const n = 1000000
	var h Heap
	seed := uint32(7)
	sum := 0
	for round := 0; round < 3; round++ {
		for i := 0; i < n; i++ {
			seed = seed*1664525 + 1013904223
			h.Push(int(seed >> 8))
		}
		prev := -1
		for h.Len() > 0 {
			v := h.Pop()
			if v < prev {
				panic("heap order")
			}
			prev = v
			sum += v & 0xff
		}
	}
	println(sum)
}
