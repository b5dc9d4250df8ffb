// Variables closures capture by value: copies in the closure object,
// never cells, when nothing changes them after their declaration.
package main

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"testing"
)

type big struct{ a [20]int }

func sorted(xs []int, desc bool) []int {
	sort.Slice(xs, func(i, j int) bool {
		if desc {
			return xs[i] > xs[j]
		}
		return xs[i] < xs[j]
	})
	return xs
}

func counter() func() int {
	n := 0
	return func() int { n++; return n }
}

func adders() []func() int {
	var fs []func() int
	for i := 0; i < 3; i++ {
		j := i * 10
		fs = append(fs, func() int { return i + j })
	}
	return fs
}

func ranged() []func() string {
	var fs []func() string
	for _, s := range []string{"a", "b"} {
		fs = append(fs, func() string { return s })
	}
	return fs
}

func nested(s string, k int) func() string {
	return func() string {
		return strings.Repeat(s, k) + func() string { return s }()
	}
}

// Parameters and locals read by a closure that does not outlive the call.
func apply(xs []int, k int) int {
	f := func(i int) int { return xs[i] * k }
	t := 0
	for i := range xs {
		t += f(i)
	}
	return t
}

type pair struct{ a, b string }

func (p *pair) set(s string) { p.a = s }

func methods() (string, string) {
	var p pair
	p.set("x")
	f := func() string { return p.a }
	q := pair{a: "q"}
	g := func() string { return q.a + q.b }
	q.b = "!"
	return f(), g()
}

var global *int

var sink int

var keptFunc, keptInner func() int

type holder struct{ f func() int }

func keep(f func() int) { keptFunc = f }

func use(f func() int) int { return f() + f() }

// Closures that stay in the frame, and the ways their variables can
// still leave it.
func frames() {
	x := 1
	// Called at once: the closure returns x's address, which is kept.
	global = func() *int { return &x }()
	x = 2
	y := 10
	// An inner closure made by an outer one, returned and kept.
	mk := func() func() int { return func() int { y++; return y } }
	keptInner = mk()
	// In a local struct, and passed to a function that keeps it.
	z := 100
	h := holder{f: func() int { z++; return z }}
	h.f()
	keep(h.f)
	w := 5
	fmt.Println(use(func() int { w++; return w }), w)
}

func leak() {
	y := 7
	p := &y
	f := func() { global = p }
	f()
}

func setp(p **int, two *int) int {
	*p = two
	return 5
}

// A closure in the frame that changes the pointer an assignment goes
// through: read and written through one address, as gc's.
func order() {
	one, two := 1, 2
	x := &one
	*x += func() int { x = &two; return 0 }()
	a, b := 1, 2
	y := &a
	*y += setp(&y, &b)
	c, d := 1, 2
	z := &c
	*z = func() int { z = &d; return 5 }()
	fmt.Println(one, two, a, b, c, d)
}

func main() {
	order()
	xs := []int{3, 1, 2}
	fmt.Println(sorted(xs, true), sorted([]int{5, 4, 6}, false))
	c := counter()
	c()
	fmt.Println(c(), c())
	for _, f := range adders() {
		fmt.Print(f(), " ")
	}
	for _, f := range ranged() {
		fmt.Print(f(), " ")
	}
	fmt.Println()
	f := nested("ab", 2)
	runtime.GC()
	fmt.Println(f())
	b := big{}
	b.a[3] = 7
	g := func() int { return b.a[3] }
	b.a[3] = 8
	fmt.Println(g())
	s := strings.Repeat("x", 3)
	h := func() string { return s + "!" }
	runtime.GC()
	fmt.Println(h())
	var later int
	k := func() int { return later }
	later = 5
	fmt.Println(k())
	fmt.Println(methods())
	frames()
	runtime.GC()
	var junk [64]int
	for i := range junk {
		junk[i] = -1
	}
	fmt.Println(*global, keptFunc(), keptFunc(), keptInner(), keptInner(), junk[3])
	fmt.Println(testing.AllocsPerRun(100, func() {
		n := len(xs)
		func() { sink += n + xs[0] }()
	}), testing.AllocsPerRun(100, func() { sink += use(func() int { return xs[1] }) }))
	leak()
	runtime.GC()
	fmt.Println(*global)
	fmt.Println(apply([]int{1, 2, 3}, 2), testing.AllocsPerRun(100, func() { apply(xs, 3) }) <= 1)
	done := make(chan string)
	for i := 0; i < 3; i++ {
		name := fmt.Sprint("g", i)
		go func() { done <- name }()
	}
	got := map[string]bool{}
	for i := 0; i < 3; i++ {
		got[<-done] = true
	}
	fmt.Println(len(got), got["g0"], got["g2"])
}
