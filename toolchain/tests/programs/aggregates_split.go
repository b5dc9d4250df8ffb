// Slices, strings, interfaces and small structs kept in registers word by
// word (opt/sroa.rs), copies read from their sources (opt/copies.rs) and
// panic paths placed after the body (opt/cold.rs): values swapped and
// reassigned in loops, copies whose source changes afterwards, and panics
// from moved paths, with the lines a traceback and recover see.
package main

import (
	"fmt"
	"runtime"
	"strings"
)

type pair struct {
	a, b float64
}

type shape interface{ area() float64 }

type sq struct{ s float64 }

func (q sq) area() float64 { return q.s * q.s }

func partition(a []int) int {
	m := len(a) / 2
	if a[m] < a[0] {
		a[m], a[0] = a[0], a[m]
	}
	pivot := a[m]
	a[m], a[len(a)-1] = a[len(a)-1], a[m]
	i := 0
	for j := 0; j < len(a)-1; j++ {
		if a[j] < pivot {
			a[i], a[j] = a[j], a[i]
			i++
		}
	}
	a[i], a[len(a)-1] = a[len(a)-1], a[i]
	return i
}

func sortInts(a []int) {
	for len(a) > 1 {
		p := partition(a)
		sortInts(a[:p])
		a = a[p+1:]
	}
}

// A copy of a slice keeps the old header when the slice is reassigned.
func shrink(s []int) (int, int) {
	old := s
	for len(s) > 2 {
		s = s[1:]
	}
	return len(old), len(s)
}

// A string walked and sliced in a loop.
func words(s string) []string {
	var out []string
	for len(s) > 0 {
		i := strings.IndexByte(s, ' ')
		if i < 0 {
			out = append(out, s)
			break
		}
		w := s[:i]
		s = s[i+1:]
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// Structs of floats rotated through a loop.
func spin(n int) pair {
	p, q := pair{1, 2}, pair{3, 4}
	for i := 0; i < n; i++ {
		p, q = q, pair{p.a + q.b, p.b - q.a}
	}
	return p
}

// Interfaces swapped in a loop.
func areas(n int) float64 {
	var x, y shape = sq{2}, sq{3}
	t := 0.0
	for i := 0; i < n; i++ {
		x, y = y, x
		t += x.area() - y.area()/2
	}
	return t
}

// A copy made before a write of its source reads what it copied.
func copies(n int) (int, int) {
	a := n
	b := a
	for i := 0; i < 3; i++ {
		a += i
	}
	c := b
	if n > 5 {
		c = a
	}
	return b, c
}

// Panics from checks whose paths moved: recover sees Go's message and the
// line of the failing expression.
func get(s []int, i int) (v int, msg string, line int) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
			line = panicLine()
		}
	}()
	t := 0
	for k := 0; k <= i; k++ {
		t += s[k]
	}
	return t, "", 0
}

func div(a, b int) (q int, msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	for i := 0; i < 3; i++ {
		q += a / (b - i)
	}
	return q, ""
}

func main() {
	a := []int{9, 3, 7, 1, 8, 2, 6, 4, 5, 0, 11, 10}
	sortInts(a)
	fmt.Println(a)
	fmt.Println(shrink([]int{1, 2, 3, 4, 5, 6}))
	fmt.Printf("%q\n", words("  split  these words into a list "))
	fmt.Println(spin(7))
	fmt.Println(areas(5))
	fmt.Println(copies(3))
	fmt.Println(copies(9))
	fmt.Println(get([]int{1, 2, 3}, 2))
	fmt.Println(get([]int{1, 2, 3}, 5))
	fmt.Println(div(10, 5))
	fmt.Println(div(10, 1))
}

// The line of the innermost frame of package main's get below the panic.
func panicLine() int {
	pcs := make([]uintptr, 20)
	n := runtime.Callers(1, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		if f.Function == "main.get" {
			return f.Line
		}
		if !more {
			return -1
		}
	}
}
