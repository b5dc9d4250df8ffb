// reflect's functions made at run time: MakeFunc of every shape of
// signature (register and stack arguments, floats, strings, structs, many
// results, variadic), called directly, deferred, as goroutines and through
// Value.Call; the Interface of method values; Type.Method's Func and Type;
// FuncOf; panics in both directions, stack growth and collections inside
// the implementation, and MakeFunc's misuse panics.
package main

import (
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"strings"
)

type P struct{ X, Y float64 }

type Big struct {
	A, B, C, D, E, F, G, H, I, J int
	S                            string
}

type T struct{ n int }

func (t T) Get() int                      { return t.n }
func (t *T) Add(d int) int                { t.n += d; return t.n }
func (t T) Join(sep string, s ...string) string { return strings.Join(s, sep) + fmt.Sprint(t.n) }
func (t T) Pair(a int, b float64) (int, float64) { return a * t.n, b * float64(t.n) }

type Getter interface{ Get() int }

type Rec struct{}

func (*Rec) Catch(who string) { fmt.Println(who, "recovers:", recover()) }

// echo returns its arguments as its results (same types).
func echo(args []reflect.Value) []reflect.Value { return args }

func try(name string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Printf("%s: panic: %v\n", name, r)
		}
	}()
	f()
}

func deep(n int) int {
	if n == 0 {
		return 0
	}
	return deep(n-1) + 1
}

func main() {
	// Register arguments and results.
	var add func(int, int) int
	reflect.ValueOf(&add).Elem().Set(reflect.MakeFunc(reflect.TypeOf(add), func(a []reflect.Value) []reflect.Value {
		return []reflect.Value{reflect.ValueOf(int(a[0].Int() + a[1].Int()))}
	}))
	fmt.Println("add", add(40, 2))

	// Stack arguments and results of every class, echoed back.
	var many func(int8, int16, int32, int64, uint, float32, float64, string, P, Big, []int, map[string]int, *T, complex128, bool, [2]string, struct{}, error) (int8, int16, int32, int64, uint, float32, float64, string, P, Big, []int, map[string]int, *T, complex128, bool, [2]string, struct{}, error)
	reflect.ValueOf(&many).Elem().Set(reflect.MakeFunc(reflect.TypeOf(many), echo))
	t := &T{7}
	a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r := many(-1, -2, -3, -4, 5, 6.5, 7.25, "eight", P{9, 10}, Big{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, "big"}, []int{11}, map[string]int{"twelve": 12}, t, 13+14i, true, [2]string{"x", "y"}, struct{}{}, errors.New("err"))
	fmt.Println("many", a, b, c, d, e, f, g, h, i, j, k, l, m == t, n, o, p, q, r)

	// Floats beyond the registers.
	var fsum func(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r float64, s float32) (float64, float32)
	reflect.ValueOf(&fsum).Elem().Set(reflect.MakeFunc(reflect.TypeOf(fsum), func(a []reflect.Value) []reflect.Value {
		s := 0.0
		for _, x := range a[:18] {
			s += x.Float()
		}
		return []reflect.Value{reflect.ValueOf(s), reflect.ValueOf(float32(a[18].Float() * 2))}
	}))
	fmt.Println(fsum(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 1.5))

	// Variadic: the variadic argument arrives as one slice.
	join := reflect.MakeFunc(reflect.TypeOf(func(string, ...string) string { return "" }), func(a []reflect.Value) []reflect.Value {
		parts := a[1].Interface().([]string)
		return []reflect.Value{reflect.ValueOf(strings.Join(parts, a[0].String()))}
	}).Interface().(func(string, ...string) string)
	fmt.Println(join("-", "a", "b", "c"), join("+"), join(",", []string{"x", "y"}...))

	// Results assigned to interface and named types.
	type Count int
	var iface func() (fmt.Stringer, any, error, Count)
	reflect.ValueOf(&iface).Elem().Set(reflect.MakeFunc(reflect.TypeOf(iface), func([]reflect.Value) []reflect.Value {
		var nilErr error
		return []reflect.Value{reflect.ValueOf(reflect.Int), reflect.ValueOf(3.5), reflect.ValueOf(&nilErr).Elem(), reflect.ValueOf(Count(4))}
	}))
	s1, s2, s3, s4 := iface()
	fmt.Println("iface", s1, s2, s3 == nil, s4)

	// Closures keep their own state; Value.Call of a MakeFunc func.
	counter := 0
	inc := reflect.MakeFunc(reflect.TypeOf(func() int { return 0 }), func([]reflect.Value) []reflect.Value {
		counter++
		return []reflect.Value{reflect.ValueOf(counter)}
	})
	inc.Call(nil)
	fmt.Println("inc", inc.Call(nil)[0].Int(), inc.Interface().(func() int)(), counter)

	// Deferred, and started as goroutines.
	func() {
		defer reflect.MakeFunc(reflect.TypeOf(func(string) {}), func(a []reflect.Value) []reflect.Value {
			fmt.Println("deferred", a[0])
			return nil
		}).Interface().(func(string))("bye")
		fmt.Println("before defer")
	}()
	done := make(chan int)
	worker := reflect.MakeFunc(reflect.TypeOf(func(int, chan int) {}), func(a []reflect.Value) []reflect.Value {
		a[1].Send(reflect.ValueOf(int(a[0].Int() * 2)))
		return nil
	}).Interface().(func(int, chan int))
	for i := 0; i < 3; i++ {
		go worker(i, done)
	}
	total := 0
	for i := 0; i < 3; i++ {
		total += <-done
	}
	fmt.Println("goroutines", total)

	// Stack growth and collections inside, pointers kept alive across them.
	grow := reflect.MakeFunc(reflect.TypeOf(func(*T, []byte, int) (int, *T, string) { return 0, nil, "" }), func(a []reflect.Value) []reflect.Value {
		runtime.GC()
		n := deep(int(a[2].Int()))
		runtime.GC()
		t := a[0].Interface().(*T)
		return []reflect.Value{reflect.ValueOf(n + t.n + len(a[1].Bytes())), reflect.ValueOf(&T{t.n + 1}), reflect.ValueOf(strings.Repeat("z", 3))}
	}).Interface().(func(*T, []byte, int) (int, *T, string))
	gn, gt, gs := grow(&T{5}, make([]byte, 10), 20000)
	runtime.GC()
	fmt.Println("grow", gn, gt.n, gs)

	// Panics pass through: out of the implementation to the caller, and
	// from a function the implementation calls.
	try("impl panics", func() {
		reflect.MakeFunc(reflect.TypeOf(func() {}), func([]reflect.Value) []reflect.Value {
			panic("from the impl")
		}).Interface().(func())()
	})
	try("callee panics", func() {
		f := reflect.MakeFunc(reflect.TypeOf(func([]int) int { return 0 }), func(a []reflect.Value) []reflect.Value {
			return []reflect.Value{reflect.ValueOf(a[0].Index(5).Interface())}
		}).Interface().(func([]int) int)
		f([]int{1})
	})
	recovered := reflect.MakeFunc(reflect.TypeOf(func() string { return "" }), func([]reflect.Value) (out []reflect.Value) {
		defer func() {
			out = []reflect.Value{reflect.ValueOf(fmt.Sprint("recovered: ", recover()))}
		}()
		panic("inner")
	}).Interface().(func() string)
	fmt.Println(recovered())

	// Deferred and run by a panic, the implementation or the method
	// counts as the deferred call: recover works there.
	func() {
		defer func() { fmt.Println("after recover:", recover()) }()
		func() {
			defer reflect.MakeFunc(reflect.TypeOf(func() {}), func([]reflect.Value) []reflect.Value {
				fmt.Println("impl recovers:", recover())
				return nil
			}).Interface().(func())()
			panic("deferred makefunc")
		}()
		func() {
			defer reflect.ValueOf(&Rec{}).MethodByName("Catch").Interface().(func(string))("method value")
			panic("deferred method value")
		}()
		func() {
			m, _ := reflect.TypeOf(&Rec{}).MethodByName("Catch")
			defer m.Func.Interface().(func(*Rec, string))(&Rec{}, "method func")
			panic("deferred method func")
		}()
		func() {
			// Not deferred: a call inside the deferred function does not
			// recover.
			defer func() {
				reflect.ValueOf(&Rec{}).MethodByName("Catch").Interface().(func(string))("nested")
				fmt.Println("outer recovers:", recover())
			}()
			panic("nested call")
		}()
	}()

	// MakeFunc's misuse panics.
	try("non-func", func() { reflect.MakeFunc(reflect.TypeOf(1), echo) })
	try("count", func() {
		reflect.MakeFunc(reflect.TypeOf(func() int { return 0 }), func([]reflect.Value) []reflect.Value { return nil }).Interface().(func() int)()
	})
	try("zero", func() {
		reflect.MakeFunc(reflect.TypeOf(func() int { return 0 }), func([]reflect.Value) []reflect.Value { return []reflect.Value{{}} }).Interface().(func() int)()
	})
	try("type", func() {
		reflect.MakeFunc(reflect.TypeOf(func() int { return 0 }), func([]reflect.Value) []reflect.Value { return []reflect.Value{reflect.ValueOf("s")} }).Interface().(func() int)()
	})
	try("unexported", func() {
		v := reflect.ValueOf(T{3}).Field(0)
		reflect.MakeFunc(reflect.TypeOf(func() int { return 0 }), func([]reflect.Value) []reflect.Value { return []reflect.Value{v} }).Interface().(func() int)()
	})

	// Method values as func values.
	tv := T{6}
	get := reflect.ValueOf(tv).MethodByName("Get").Interface().(func() int)
	pt := &T{1}
	addm := reflect.ValueOf(pt).MethodByName("Add").Interface().(func(int) int)
	addm(10)
	fmt.Println("methods", get(), addm(5), pt.n)
	jm := reflect.ValueOf(T{2}).MethodByName("Join").Interface().(func(string, ...string) string)
	fmt.Println(jm("/", "p", "q"))
	var gi Getter = T{9}
	ig := reflect.ValueOf(&gi).Elem().Method(0).Interface().(func() int)
	fmt.Println("interface method", ig())
	var fv func(int, float64) (int, float64)
	reflect.ValueOf(&fv).Elem().Set(reflect.ValueOf(T{3}).MethodByName("Pair"))
	fmt.Println(fv(2, 1.5))
	conv := reflect.ValueOf(T{4}).MethodByName("Get").Convert(reflect.TypeOf(func() int { return 0 })).Interface().(func() int)
	fmt.Println("converted", conv())
	try("nil interface", func() {
		var ni Getter
		reflect.ValueOf(&ni).Elem().Method(0).Interface()
	})

	// Type.Method: Type and Func with the receiver first.
	tt := reflect.TypeOf(T{})
	for i := 0; i < tt.NumMethod(); i++ {
		m := tt.Method(i)
		fmt.Println(m.Index, m.Name, m.Type, m.IsExported())
	}
	pm, ok := reflect.TypeOf(&T{}).MethodByName("Add")
	fmt.Println(pm.Name, pm.Type, ok)
	tp := &T{20}
	fmt.Println(pm.Func.Call([]reflect.Value{reflect.ValueOf(tp), reflect.ValueOf(1)})[0], tp.n)
	gm, _ := tt.MethodByName("Get")
	fmt.Println(gm.Func.Interface().(func(T) int)(T{31}))
	jn, _ := tt.MethodByName("Join")
	fmt.Println(jn.Func.Interface().(func(T, string, ...string) string)(T{1}, ":", "u", "v"))
	_, ok = tt.MethodByName("Missing")
	fmt.Println("missing", ok)
	im := reflect.TypeOf((*Getter)(nil)).Elem().Method(0)
	fmt.Println(im.Name, im.Type, im.Func.IsValid(), im.Index)

	// FuncOf: equal to the compiled type, usable in MakeFunc.
	ft := reflect.FuncOf([]reflect.Type{reflect.TypeOf(0), reflect.TypeOf("")}, []reflect.Type{reflect.TypeOf(false)}, false)
	fmt.Println(ft, ft == reflect.TypeOf(func(int, string) bool { return false }))
	vt := reflect.FuncOf([]reflect.Type{reflect.TypeOf([]P{})}, nil, true)
	fmt.Println(vt, vt.IsVariadic())
	made := reflect.MakeFunc(ft, func(a []reflect.Value) []reflect.Value {
		return []reflect.Value{reflect.ValueOf(len(a[1].String()) == int(a[0].Int()))}
	}).Interface().(func(int, string) bool)
	fmt.Println(made(3, "abc"), made(1, "abc"))
	try("funcof", func() { reflect.FuncOf([]reflect.Type{reflect.TypeOf(0)}, nil, true) })
}
