// iface.go without the local variable: the same dynamic calls, made
// straight on the slice element (`shapes[i&1].Area(i)`). rgo heap-allocates
// any local whose method is called (its escape rule is by name), and
// iface.go's `s := shapes[i&1]` is a new variable every iteration, so there
// rgo allocates 16 bytes per call; here nothing is allocated in the loop.
// This isolates the cost of the dispatch itself. Checksum: as iface.go.
package main

type Shape interface {
	Area(k int) int
}

type Square struct {
	s int
}

type Rect struct {
	w, h int
}

//go:noinline
func (q Square) Area(k int) int {
	return q.s*q.s + k&7
}

//go:noinline
func (r *Rect) Area(k int) int {
	return r.w*r.h - k&3
}

const iters = 60000000

func main() {
	shapes := []Shape{Square{3}, &Rect{2, 5}}
	total := 0
	for i := 0; i < iters; i++ {
		total += shapes[i&1].Area(i)
	}
	println(total)
}
