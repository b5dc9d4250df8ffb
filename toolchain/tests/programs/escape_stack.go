// Escape analysis: variables whose addresses never outlive their frame
// stay in it, as under gc: each line's allocation count is gc's (counted
// by runtime.ReadMemStats, which boards have too).
package main

import (
	"fmt"
	"runtime"
	"strings"
	"unicode/utf8"
)

type counter struct{ n int }

func (c *counter) add(k int) { c.n += k }

func (c *counter) get() int { return c.n }

func sum(p *[8]int) int {
	s := 0
	for _, v := range p {
		s += v
	}
	return s
}

func fill(b []byte, c byte) {
	for i := range b {
		b[i] = c
	}
}

func first(p *int) *int { return p }

type pair struct{ a, b *int }

func sumPair(p pair) int { return *p.a + *p.b }

var sink int

// allocsPerRun is testing.AllocsPerRun's count: allocations per call of f.
func allocsPerRun(runs int, f func()) uint64 {
	var before, after runtime.MemStats
	f()
	runtime.ReadMemStats(&before)
	for i := 0; i < runs; i++ {
		f()
	}
	runtime.ReadMemStats(&after)
	return (after.Mallocs - before.Mallocs) / uint64(runs)
}

func main() {
	report := func(name string, f func()) {
		fmt.Println(name, allocsPerRun(100, f))
	}
	report("method on local", func() {
		var c counter
		c.add(3)
		c.add(4)
		sink = c.get()
	})
	report("array to pointer param", func() {
		var a [8]int
		a[3] = 5
		sink = sum(&a)
	})
	report("slice of local array", func() {
		var buf [16]byte
		fill(buf[:], 'x')
		sink = int(buf[7])
	})
	report("result aliasing param, kept local", func() {
		x := 9
		p := first(&x)
		sink = *p
	})
	report("struct of local pointers", func() {
		x, y := 1, 2
		sink = sumPair(pair{&x, &y})
	})
	report("builder", func() {
		var b strings.Builder
		b.Grow(8)
		b.WriteString("abc")
		sink = len(b.String())
	})
	report("encode rune", func() {
		var b [utf8.UTFMax]byte
		n := utf8.EncodeRune(b[:], '世')
		sink = n + int(b[0])
	})
	report("pointer to local in local", func() {
		x := 4
		p := &x
		*p += 1
		sink = x
	})
	report("new kept local", func() {
		p := new([8]int)
		p[1] = 6
		sink = sum(p)
	})
	report("composite address kept local", func() {
		c := &counter{n: 2}
		c.add(5)
		sink = c.get()
	})
	report("new in loop, one iteration", func() {
		t := 0
		for i := 0; i < 4; i++ {
			p := new(int)
			*p = i
			t += *p
		}
		sink = t
	})
	report("string of a rune, compared", func() {
		r := rune(0x4E16 + sink%2)
		if strings.Index("x世界", string(r)) < 0 {
			sink++
		}
	})
	report("loop variable address, same iteration", func() {
		t := 0
		for i := 0; i < 4; i++ {
			v := i
			p := &v
			t += *p
		}
		sink = t
	})
}
