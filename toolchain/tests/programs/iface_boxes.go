// Values converted to interfaces whose boxes stay in the frame when the
// interface value does not outlive the call (gc's non-escaping convT):
// counted with testing.AllocsPerRun, and checked while the collector runs
// with a box in the frame holding the only pointer to its data.
package main

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
)

type point struct{ x, y int }

type named struct {
	name string
	tags []string
}

var sink interface{}

type level int

const point2 level = 7

//go:noinline
func length(v interface{}) int {
	switch x := v.(type) {
	case string:
		return len(x)
	case point:
		return x.x + x.y
	case named:
		runtime.GC()
		return len(x.name) + len(strings.Join(x.tags, ","))
	case int:
		return x
	}
	return -1
}

//go:noinline
func keep(v interface{}) {
	sink = v
}

func lengths(vs ...interface{}) int {
	n := 0
	for _, v := range vs {
		n += length(v)
	}
	return n
}

var m sync.Map

func main() {
	m.Store("key", 1)
	s := strings.Repeat("ab", 3)
	p := point{3, 4}
	big := 1000
	fmt.Println("string arg", testing.AllocsPerRun(100, func() { length(s) }))
	fmt.Println("struct arg", testing.AllocsPerRun(100, func() { length(p) }))
	fmt.Println("int arg", testing.AllocsPerRun(100, func() { length(big) }))
	fmt.Println("variadic", testing.AllocsPerRun(100, func() { lengths(s, p, big) }))
	fmt.Println("conversion", testing.AllocsPerRun(100, func() { length(interface{}(p)) }))
	fmt.Println("sync.Map.Load", testing.AllocsPerRun(100, func() { m.Load("key") }))
	// Kept: the box is on the heap.
	fmt.Println("kept", testing.AllocsPerRun(100, func() { keep(p) }))
	fmt.Println(length(s), length(p), length(big), lengths(s, p, big), sink)
	// Constants: their boxes are read-only data, kept or not.
	fmt.Println("constants", testing.AllocsPerRun(100, func() {
		keep("constant")
		keep(1 << 40)
		keep(2.5)
		keep(point2)
	}))
	fmt.Println(sink, length("seven"), length(1<<20), lengths("a", "bc", 12345))

	// The box of a struct holding the only pointers to its strings; the
	// callee collects before it reads them.
	for i := 0; i < 3; i++ {
		tags := []string{strings.Repeat("t", i+1), "u"}
		n := named{name: strings.Repeat("n", 10+i), tags: tags}
		tags = nil
		fmt.Println(length(n))
	}
	// Boxes made in a loop, each used before the next.
	total := 0
	for i := 0; i < 5; i++ {
		total += length(point{i, i})
	}
	fmt.Println(total)
}
