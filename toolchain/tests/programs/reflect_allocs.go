// reflect's calls allocate no more than gc's (BASELINES §1: allocations
// per call of Value.Call, of a method value's Call, and of a MakeFunc'd
// function called directly). Prints whether each stays within gc's count.
package main

import (
	"fmt"
	"reflect"
	"runtime"
)

//go:noinline
func add(a, b int) int { return a + b }

//go:noinline
func twelve(a, b, c, d, e, f, g, h, i, j, k, l int) (int, int) {
	return a + b + c + d + e + f, g + h + i + j + k + l
}

type T struct{ n int }

//go:noinline
func (t *T) M(x int) int { t.n += x; return t.n }

// perCall is the heap allocations one call of f makes, averaged.
func perCall(f func()) uint64 {
	var a, b runtime.MemStats
	f()
	runtime.ReadMemStats(&a)
	const n = 1000
	for i := 0; i < n; i++ {
		f()
	}
	runtime.ReadMemStats(&b)
	return (b.Mallocs - a.Mallocs + n/2) / n
}

func main() {
	fadd := reflect.ValueOf(add)
	args := []reflect.Value{reflect.ValueOf(1), reflect.ValueOf(2)}
	f12 := reflect.ValueOf(twelve)
	var args12 []reflect.Value
	for i := 0; i < 12; i++ {
		args12 = append(args12, reflect.ValueOf(1+i))
	}
	m := reflect.ValueOf(&T{}).Method(0)
	margs := []reflect.Value{reflect.ValueOf(1)}
	var made func(int, int) int
	reflect.ValueOf(&made).Elem().Set(reflect.MakeFunc(reflect.TypeOf(made), func(a []reflect.Value) []reflect.Value {
		return []reflect.Value{reflect.ValueOf(int(a[0].Int() + a[1].Int()))}
	}))
	sink := 0
	for _, c := range []struct {
		name string
		gc   uint64
		f    func()
	}{
		{"Value.Call func(int, int) int", 2, func() { sink += int(fadd.Call(args)[0].Int()) }},
		{"Value.Call of 12 ints", 4, func() { sink += int(f12.Call(args12)[1].Int()) }},
		{"Method(0).Call", 3, func() { sink += int(m.Call(margs)[0].Int()) }},
		{"MakeFunc'd func(int, int) int", 4, func() { sink += made(1, 2) }},
	} {
		n := perCall(c.f)
		fmt.Printf("%s: within gc's %d: %v\n", c.name, c.gc, n <= c.gc)
	}
	fmt.Println(sink > 0)
}
