// reflect's Value.Call and CallSlice: every shape of signature (register
// and stack arguments, floats, strings, structs, many results), variadic
// calls, closures, method values (pointer and value receivers, through
// interfaces), panics crossing reflect frames both ways, stack growth and
// collections inside the callee, and Go's misuse panics.
package main

import (
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"strings"
)

func add(a, b int) int { return a + b }

func twelve(a, b, c, d, e, f, g, h, i, j, k, l int) (int, string) {
	return a + b + c + d + e + f + g + h + i + j + k + l, "twelve"
}

func floats(a float32, b float64, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q float64) (float64, float32) {
	return float64(a) + b + c + d + e + f + g + h + i + j + k + l + m + n + o + p + q, a * 2
}

func join(sep string, parts ...string) string { return strings.Join(parts, sep) }

func sum(xs ...int) (n int) {
	for _, x := range xs {
		n += x
	}
	return
}

type P struct{ X, Y float64 }

type Tail struct {
	A int
	_ struct{}
}

func scale(p P, k float64) (P, *P, error) { q := P{p.X * k, p.Y * k}; return q, &q, nil }

func tail(t Tail, s []string) (Tail, int) { return Tail{A: t.A + len(s)}, len(s) }

func fails() (int, error) { return 0, errors.New("failed") }

func boom(n int) int {
	var a []int
	return a[n]
}

func deep(n int) int {
	var pad [64]byte
	pad[n%64] = byte(n)
	if n == 0 {
		return int(pad[0])
	}
	return deep(n-1) + 1
}

type Node struct {
	V    int
	Next *Node
}

func build(n int) *Node {
	var head *Node
	for i := 0; i < n; i++ {
		head = &Node{i, head}
		if i%100 == 0 {
			runtime.GC()
		}
	}
	return head
}

func length(l *Node) (n int) {
	runtime.GC()
	for ; l != nil; l = l.Next {
		n++
	}
	return
}

type Acc struct{ total int }

func (a *Acc) Add(n int) int              { a.total += n; return a.total }
func (a Acc) Total() int                  { return a.total }
func (a Acc) Describe(p string) string    { return fmt.Sprintf("%s%d", p, a.total) }
func (a *Acc) Many(xs ...float64) float64 { return float64(len(xs)) }
func (a *Acc) unexported()                {}

type Totaler interface{ Total() int }

func try(what string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Printf("%s: panic: %v\n", what, r)
		}
	}()
	f()
	fmt.Printf("%s: ok\n", what)
}

func vals(xs ...any) []reflect.Value {
	var out []reflect.Value
	for _, x := range xs {
		out = append(out, reflect.ValueOf(x))
	}
	return out
}

func main() {
	r := reflect.ValueOf(add).Call(vals(2, 3))
	fmt.Println(len(r), r[0].Int(), r[0].Type())
	r = reflect.ValueOf(twelve).Call(vals(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12))
	fmt.Println(r[0].Int(), r[1].String())
	r = reflect.ValueOf(floats).Call(vals(float32(1.5), 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0))
	fmt.Println(r[0].Float(), r[1].Float(), r[1].Kind())
	fmt.Println(reflect.ValueOf(join).Call(vals("-", "a", "b", "c"))[0], reflect.ValueOf(join).Call(vals(","))[0].Len())
	fmt.Println(reflect.ValueOf(join).CallSlice(vals("+", []string{"x", "y"}))[0])
	fmt.Println(reflect.ValueOf(sum).Call(vals(1, 2, 3, 4))[0], reflect.ValueOf(sum).Call(nil)[0])
	r = reflect.ValueOf(scale).Call(vals(P{1, 2}, 2.5))
	fmt.Println(r[0].Interface(), r[1].Elem().Field(1).Float(), r[2].IsNil(), r[2].Type())
	r = reflect.ValueOf(tail).Call(vals(Tail{A: 1}, []string{"a", "b"}))
	fmt.Println(r[0].Field(0).Int(), r[1].Int())
	r = reflect.ValueOf(fails).Call(nil)
	fmt.Println(r[0].Int(), r[1].Interface().(error).Error())
	k := 10
	closure := func(x int) int { k += x; return k }
	fmt.Println(reflect.ValueOf(closure).Call(vals(5))[0], k)
	// Arguments converted to the parameter's interface type.
	show := func(v any, s fmt.Stringer) string { return fmt.Sprint(v, " ", s) }
	fmt.Println(reflect.ValueOf(show).Call(vals(42, reflect.TypeOf(0)))[0])

	// Deep recursion and collections inside the callee.
	// 20,000 frames of ~130 bytes: many stack segments (and within the
	// boards' 8 MiB stack limit).
	fmt.Println(reflect.ValueOf(deep).Call(vals(20000))[0])
	lst := reflect.ValueOf(build).Call(vals(1000))[0]
	fmt.Println(reflect.ValueOf(length).Call([]reflect.Value{lst})[0])

	// A panic in the callee reaches the caller's deferred calls.
	try("callee panics", func() { reflect.ValueOf(boom).Call(vals(3)) })
	try("callee panics with a value", func() {
		reflect.ValueOf(func() { panic(fmt.Sprintf("custom %d", 7)) }).Call(nil)
	})
	// A callee that recovers its own panic.
	safe := func() (s string) {
		defer func() { s = fmt.Sprint("recovered inside: ", recover()) }()
		boom(1)
		return "unreached"
	}
	fmt.Println(reflect.ValueOf(safe).Call(nil)[0])

	// Method values.
	a := &Acc{}
	v := reflect.ValueOf(a)
	fmt.Println(v.NumMethod(), v.Elem().NumMethod(), v.Type().NumMethod())
	addM := v.MethodByName("Add")
	fmt.Println(addM.Type(), addM.Kind(), addM.IsNil())
	addM.Call(vals(5))
	fmt.Println(addM.Call(vals(7))[0].Int(), a.total)
	fmt.Println(v.Method(1).Call(vals("total="))[0], v.Elem().MethodByName("Total").Call(nil)[0], v.MethodByName("Many").Call(vals(1.0, 2.0))[0])
	fmt.Println(v.MethodByName("Many").CallSlice(vals([]float64{1, 2, 3}))[0])
	var t Totaler = Acc{total: 99}
	iv := reflect.ValueOf(&t).Elem()
	fmt.Println(iv.Kind(), iv.NumMethod(), iv.Method(0).Type(), iv.Method(0).Call(nil)[0], iv.MethodByName("Total").Call(nil)[0])
	fmt.Println(v.MethodByName("unexported").IsValid(), v.MethodByName("Nope").IsValid())

	try("nil func", func() { reflect.ValueOf((func())(nil)).Call(nil) })
	try("too few", func() { reflect.ValueOf(add).Call(vals(1)) })
	try("too many", func() { reflect.ValueOf(add).Call(vals(1, 2, 3)) })
	try("wrong type", func() { reflect.ValueOf(add).Call(vals(1, "2")) })
	try("zero Value argument", func() { reflect.ValueOf(add).Call([]reflect.Value{reflect.ValueOf(1), {}}) })
	try("variadic wrong type", func() { reflect.ValueOf(sum).Call(vals(1, 2.5)) })
	try("CallSlice of non-variadic", func() { reflect.ValueOf(add).CallSlice(vals(1, 2)) })
	try("CallSlice too few", func() { reflect.ValueOf(join).CallSlice(vals("x")) })
	try("Call of int", func() { reflect.ValueOf(1).Call(nil) })
	try("Method out of range", func() { v.Method(9) })
	try("method wrong type", func() { addM.Call(vals("x")) })
	try("Method on nil interface", func() {
		var nt Totaler
		reflect.ValueOf(&nt).Elem().Method(0)
	})
}
