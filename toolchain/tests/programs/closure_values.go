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

func leak() {
	y := 7
	p := &y
	f := func() { global = p }
	f()
}

func main() {
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
