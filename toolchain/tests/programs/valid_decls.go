package main

import "unsafe"

// Aliases that refer back to a type definition (test/fixedbugs/issue18640,
// issue27232, issue27267): valid, since the cycle passes a defined type.
type (
	a = b
	b struct {
		*a
		n int
	}
)

type (
	c struct {
		*d
		n int
	}
	d = c
)

type F = func(T) int

type T interface {
	m(F) int
}

type t struct{ k int }

func (x t) m(f F) int { return f(x) + x.k }

var _ T = &t{}

type G = func(E) int

type E struct {
	f G
	k int
}

var x = E{func(e E) int { return e.k * 2 }, 21}

type P = *S

type S struct {
	p P
	v int
}

// A byte of a constant string and unsafe.Pointer(uintptr(1)) are no
// constants (issue11370, issue24760): their arithmetic wraps at run time.
var shifted = uintptr(unsafe.Pointer(uintptr(1))) << 100
var big = uintptr(unsafe.Pointer(uintptr(3))) << 62

func main() {
	println(-"abc"[1]>>1, -"abc"[1], "abc"[2]+200)
	var k uint8 = "xyz"[0] * 3
	println(k)
	println(shifted, big)
	in := &b{n: 1}
	out := b{a: in, n: 2}
	println(out.a.n, out.n)
	cc := c{d: &c{n: 5}, n: 6}
	println(cc.d.n, cc.n)
	var i T = t{k: 4}
	println(i.m(func(T) int { return 10 }))
	println(x.f(x))
	s := S{p: &S{v: 9}, v: 8}
	println(s.p.v, s.v)
}
