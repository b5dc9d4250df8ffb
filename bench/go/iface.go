// Dynamic interface method calls: one call site, an interface variable
// alternating between two concrete types (a value-receiver type, called
// through its pointer wrapper, and a pointer-receiver type), so neither
// compiler can devirtualize it. Checksum: the sum of the results.
// iface_index.go is the same loop without the local variable `s`.
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
		s := shapes[i&1]
		total += s.Area(i)
	}
	println(total)
}
