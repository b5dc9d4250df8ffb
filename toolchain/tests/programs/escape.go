// Addresses passed to parameters that keep them must outlive the frame;
// those passed to parameters that only use them may stay in the frame.
package main

var kept *int

func keep(p *int)       { kept = p }
func pass(p *int)       { keep(p) }
func id(p *int) *int    { return p }
func read(p *int) int   { return *p + 1 }
func bump(p *[2]int)    { p[1]++ }
func later(p *int) func() int {
	return func() int { return *p }
}

//go:noinline
func clobber(n int) int {
	var a [64]int
	for i := range a {
		a[i] = n + i
	}
	return a[n%64]
}

func main() {
	x := 41
	pass(&x)
	y := 5
	q := id(&y)
	z := 7
	f := later(&z)
	w := [2]int{1, 2}
	bump(&w)
	v := 9
	println(read(&v), w[1])
	println(clobber(3), clobber(100))
	println(*kept, *q, f())
}
