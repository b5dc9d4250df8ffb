// runtime.Caller, Callers, CallersFrames and FuncForPC: function names,
// files and lines from rgo's tables, through methods, closures, generic
// instances, recursion, a deferred call during a panic and a goroutine.
package main

import (
	"fmt"
	"runtime"
	"strings"
)

func base(file string) string {
	return file[strings.LastIndex(file, "/")+1:]
}

type T struct{}

func (*T) where() string {
	_, file, line, ok := runtime.Caller(0)
	return fmt.Sprint(base(file), ":", line, " ", ok)
}

func (T) caller() string {
	pc, _, line, _ := runtime.Caller(1)
	return fmt.Sprint(runtime.FuncForPC(pc).Name(), ":", line)
}

// stack lists the frames above it up to main.main.
func stack() []string {
	pcs := make([]uintptr, 32)
	n := runtime.Callers(2, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	var out []string
	for {
		f, more := frames.Next()
		out = append(out, fmt.Sprintf("%s %s:%d", f.Function, base(f.File), f.Line))
		if f.Function == "main.main" || !more {
			return out
		}
	}
}

func deep(n int) []string {
	if n > 0 {
		return deep(n - 1)
	}
	return stack()
}

func G[X any](x X) string {
	pc, _, line, _ := runtime.Caller(0)
	return fmt.Sprint(runtime.FuncForPC(pc).Name(), " ", line)
}

func twoLines(a, b string) string {
	return a + " " + b
}

func fromPanic() (s []string) {
	defer func() {
		recover()
		s = stack()
	}()
	var m map[string]int
	m["x"] = 1
	return nil
}

func main() {
	fmt.Println(new(T).where())
	fmt.Println(T{}.caller())
	for _, f := range deep(2) {
		fmt.Println(f)
	}
	func() {
		pc, _, line, _ := runtime.Caller(0)
		fmt.Println(runtime.FuncForPC(pc).Name(), line)
		_, _, line, _ = runtime.Caller(1)
		fmt.Println("called at", line)
	}()
	fmt.Println(G(1), G("s"))
	fmt.Println(twoLines(
		T{}.caller(),
		T{}.caller(),
	))
	fmt.Println(len(fromPanic()) > 1)
	done := make(chan string)
	go func() {
		_, _, line, _ := runtime.Caller(0)
		done <- fmt.Sprint("goroutine ", line)
	}()
	fmt.Println(<-done)
	_, _, _, ok := runtime.Caller(100)
	var f *runtime.Func
	fmt.Println(ok, runtime.FuncForPC(0) == nil, f.Name() == "", runtime.Callers(0, nil))
	pc, _, _, _ := runtime.Caller(0)
	fn := runtime.FuncForPC(pc)
	fmt.Println(fn.Entry() <= pc, fn.Entry() > 0)
}
