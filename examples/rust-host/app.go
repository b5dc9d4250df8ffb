// Package app is the Go side of the rust-host example: built by
// `rgo build --lib` (build.rs) and called from src/main.rs.
package app

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
)

// Add is the figure's function (docs/host.md).
func Add(a, b int) int { return a + b }

// AddLoop calls Add n times, the Go side of the figure.
func AddLoop(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s = Add(s, i)
	}
	return s
}

func Hypot(x, y float64) float64 {
	// Newton's square root, so that the example needs no package math.
	s := x*x + y*y
	r := s
	if r == 0 {
		return 0
	}
	for i := 0; i < 60; i++ {
		r = (r + s/r) / 2
	}
	return r
}

func Mean(xs ...float32) float32 {
	var s float32
	for _, x := range xs {
		s += x
	}
	return s / float32(len(xs))
}

func Greet(name string) string {
	return fmt.Sprintf("hello, %s (%d bytes)", strings.ToUpper(name), len(name))
}

type Point struct {
	X, Y float64
	Tag  string
}

func Scale(p Point, k float64) Point {
	return Point{p.X * k, p.Y * k, p.Tag + "'"}
}

type Counter struct{ n int }

func (c *Counter) Next() int {
	c.n++
	return c.n
}

// NewCounter returns a method value: the counter's Next, bound to it.
func NewCounter(start int) func() int {
	c := &Counter{n: start}
	return c.Next
}

// Adder returns a closure.
func Adder(n int) func(int) int {
	return func(x int) int { return x + n }
}

func Div(a, b int) int { return a / b }

func Fail(msg string) int {
	if msg == "error" {
		panic(errors.New("an error value"))
	}
	panic(msg)
}

var in chan int
var total chan int

// StartSummer starts a goroutine that sums what Feed sends it; Finish
// closes the input and returns the sum.
func StartSummer() {
	in = make(chan int)
	total = make(chan int)
	go func() {
		s := 0
		for x := range in {
			s += x
		}
		total <- s
	}()
}

func Feed(x int) { in <- x }

func Finish() int {
	close(in)
	return <-total
}

var inits = 0

func init() { inits++ }

// Inits says how often the package's init ran (once).
func Inits() int { return inits }

// What the tests (tests/host.rs) call besides.

// Depth recurses n deep: the goroutine stack grows.
func Depth(n int) int {
	if n == 0 {
		return 0
	}
	return Depth(n-1) + 1
}

// Collect allocates garbage and collects.
func Collect() {
	var keep [][]int
	for i := 0; i < 1000; i++ {
		keep = append(keep, make([]int, 100))
		if len(keep) > 10 {
			keep = keep[1:]
		}
	}
	runtime.GC()
}

var flag bool

// Spawn starts a goroutine that sets the flag Flag reports.
func Spawn() { go func() { flag = true }() }

func Flag() bool { return flag }

type node struct{ next *node }

func NilDeref() int {
	var n *node
	return len(fmt.Sprint(n.next))
}

func Index(i int) int {
	xs := []int{1, 2, 3}
	return xs[i]
}

func NArgs() int { return len(os.Args) }

type Shape interface{ Area() float64 }

type Rect struct{ W, H float64 }

func (r Rect) Area() float64 { return r.W * r.H }

// Areas sums the areas of n rectangles through an interface.
func Areas(n int) float64 {
	var shapes []Shape
	for i := 1; i <= n; i++ {
		shapes = append(shapes, Rect{float64(i), 2})
	}
	s := 0.0
	for _, x := range shapes {
		s += x.Area()
	}
	return s
}
