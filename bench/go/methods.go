// Direct method calls in a loop: one with a pointer receiver that mutates
// its struct, one with a value receiver (the struct is copied into
// registers). Callees are noinline: rgo does not inline, and gc must not
// inline them away either. Checksum: the counter's final state and the sum.
package main

type Counter struct {
	n    int
	step int
}

//go:noinline
func (c *Counter) Add(x int) {
	c.n += x ^ c.step
}

//go:noinline
func (c Counter) Peek(x int) int {
	return c.n&0xffff + x + c.step
}

const iters = 100000000

func main() {
	c := &Counter{step: 3}
	sum := 0
	for i := 0; i < iters; i++ {
		c.Add(i)
		sum += c.Peek(i)
	}
	println(c.n, sum)
}
