// Calls copied into their callers (opt/inline.rs) still show as frames of
// their own, as gc's inlined calls do: runtime.Caller and runtime.Callers
// from inside a small function and from a function it calls, FuncForPC's
// innermost function, and panics raised inside small functions (a nil
// dereference, an index out of range, an explicit panic) recovered by the
// caller, with the lines Go reports.
package main

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
)

type point struct{ x, y int }

func (p *point) X() int { return p.x }

func at(s []int, i int) int { return s[i] }

func here() string {
	_, file, line, ok := runtime.Caller(0)
	return fmt.Sprint(filepath.Base(file), ":", line, " ", ok)
}

func caller() string {
	pc, file, line, _ := runtime.Caller(1)
	return fmt.Sprint(runtime.FuncForPC(pc).Name(), " ", filepath.Base(file), ":", line)
}

func stack() string {
	pcs := make([]uintptr, 8)
	n := runtime.Callers(1, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	var out []string
	for {
		f, more := frames.Next()
		if strings.HasPrefix(f.Function, "runtime.") {
			break
		}
		out = append(out, fmt.Sprint(f.Function, ":", f.Line))
		if !more {
			break
		}
	}
	return strings.Join(out, " <- ")
}

func viaSmall() string { return stack() }

func twice(x int) int { return x * 2 }

func mustPositive(x int) int {
	if x < 0 {
		panic(fmt.Sprint("negative: ", x))
	}
	return x
}

func try(name string, f func()) {
	defer func() {
		fmt.Println(name, "recovered:", recover())
	}()
	f()
}

func main() {
	fmt.Println(here())
	fmt.Println(caller())
	fmt.Println(viaSmall())
	fmt.Println(stack())
	sum := 0
	for i := 0; i < 10; i++ {
		sum += twice(i)
	}
	fmt.Println(sum)
	p := &point{3, 4}
	fmt.Println(p.X())
	try("nil", func() {
		var q *point
		fmt.Println(q.X())
	})
	try("index", func() {
		s := []int{1, 2, 3}
		fmt.Println(at(s, 1), at(s, 5))
	})
	try("panic", func() {
		fmt.Println(mustPositive(1), mustPositive(-2))
	})
}
