// reflect's type constructors (PointerTo, SliceOf, ArrayOf, MapOf,
// ChanOf) agree with the program's own types, and New, Addr, MakeSlice,
// MakeChan, Slice, Append and AppendSlice make values of them.
package main

import (
	"fmt"
	"reflect"
)

type Counter struct{ N int }

func (c *Counter) Inc() { c.N++ }

type Lonely struct{ V string }

func (l *Lonely) Set(v string) { l.V = v }

type Setter interface{ Set(string) }

func try(what string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Printf("%s: panic: %v\n", what, r)
		}
	}()
	f()
	fmt.Printf("%s: ok\n", what)
}

func main() {
	intT, strT := reflect.TypeOf(0), reflect.TypeOf("")
	fmt.Println(reflect.PointerTo(intT) == reflect.TypeOf(new(int)), reflect.PtrTo(intT))
	fmt.Println(reflect.SliceOf(strT) == reflect.TypeOf([]string{}), reflect.SliceOf(reflect.SliceOf(intT)))
	fmt.Println(reflect.ArrayOf(4, intT) == reflect.TypeOf([4]int{}), reflect.ArrayOf(0, strT), reflect.ArrayOf(2, reflect.TypeOf(Counter{})))
	fmt.Println(reflect.MapOf(strT, intT) == reflect.TypeOf(map[string]int{}), reflect.MapOf(reflect.TypeOf(Counter{}), reflect.SliceOf(strT)))
	fmt.Println(reflect.ChanOf(reflect.BothDir, intT) == reflect.TypeOf(make(chan int)), reflect.ChanOf(reflect.SendDir, strT), reflect.ChanOf(reflect.RecvDir, reflect.TypeOf(1.5)))
	// Built twice, one type.
	fmt.Println(reflect.SliceOf(reflect.TypeOf(int16(0))) == reflect.SliceOf(reflect.TypeOf(int16(0))))

	// *T of a type the program never writes as *T has T's pointer methods.
	lt := reflect.PointerTo(reflect.TypeOf(Lonely{}))
	fmt.Println(lt, lt.NumMethod(), lt.Implements(reflect.TypeOf((*Setter)(nil)).Elem()))
	lv := reflect.New(reflect.TypeOf(Lonely{}))
	lv.Interface().(Setter).Set("set through an interface")
	fmt.Println(lv.Elem().Field(0))

	// New, Addr, NewAt.
	cv := reflect.New(reflect.TypeOf(Counter{}))
	c := cv.Interface().(*Counter)
	c.Inc()
	cv.Elem().Field(0).SetInt(cv.Elem().Field(0).Int() + 10)
	fmt.Println(c.N, cv.Elem().Addr().Interface() == c, cv.Elem().Field(0).Addr().Interface() == &c.N)
	x := 42
	xp := reflect.NewAt(intT, reflect.ValueOf(&x).UnsafePointer())
	xp.Elem().SetInt(43)
	fmt.Println(x, reflect.ValueOf(&x).Elem().UnsafeAddr() == reflect.ValueOf(&x).Pointer())
	arr := reflect.New(reflect.ArrayOf(8, strT)).Elem()
	arr.Index(7).SetString("last")
	a8 := arr.Interface().([8]string)
	fmt.Println(a8[7], len(a8))

	// Maps and slices of constructed types.
	mt := reflect.MapOf(strT, reflect.SliceOf(intT))
	m := reflect.MakeMap(mt)
	m.SetMapIndex(reflect.ValueOf("k"), reflect.ValueOf([]int{1, 2}))
	fmt.Println(m.Interface().(map[string][]int))
	s := reflect.MakeSlice(reflect.SliceOf(strT), 1, 2)
	s.Index(0).SetString("a")
	s = reflect.Append(s, reflect.ValueOf("b"), reflect.ValueOf("c"))
	s = reflect.AppendSlice(s, reflect.ValueOf([]string{"d", "e"}))
	fmt.Println(s.Interface(), s.Len(), s.Cap())
	fmt.Println(s.Slice(1, 3), s.Slice(1, 3).Cap(), reflect.ValueOf("hello").Slice(1, 4), reflect.ValueOf(&[4]int{1, 2, 3, 4}).Elem().Slice(2, 4))
	big := reflect.MakeSlice(reflect.TypeOf([]*Counter{}), 0, 0)
	for i := 0; i < 300; i++ {
		big = reflect.Append(big, reflect.ValueOf(&Counter{N: i}))
	}
	fmt.Println(big.Len(), big.Index(299).Elem().Field(0).Int())

	// Channels.
	ch := reflect.MakeChan(reflect.ChanOf(reflect.BothDir, intT), 3)
	real := ch.Interface().(chan int)
	real <- 5
	fmt.Println(ch.Len(), ch.Cap(), <-real)

	try("ArrayOf negative", func() { reflect.ArrayOf(-1, intT) })
	try("ArrayOf too big", func() { reflect.ArrayOf(1<<62, reflect.TypeOf([16]byte{})) })
	try("MapOf bad key", func() { reflect.MapOf(reflect.TypeOf([]int{}), intT) })
	try("ChanOf bad dir", func() { reflect.ChanOf(0, intT) })
	try("New(nil)", func() { reflect.New(nil) })
	try("Addr unaddressable", func() { reflect.ValueOf(1).Addr() })
	try("MakeSlice of int", func() { reflect.MakeSlice(intT, 0, 0) })
	try("MakeSlice len > cap", func() { reflect.MakeSlice(reflect.SliceOf(intT), 3, 2) })
	try("MakeChan send-only", func() { reflect.MakeChan(reflect.ChanOf(reflect.SendDir, intT), 0) })
	try("MakeChan negative", func() { reflect.MakeChan(reflect.ChanOf(reflect.BothDir, intT), -1) })
	try("Slice of unaddressable array", func() { reflect.ValueOf([2]int{}).Slice(0, 1) })
	try("Slice out of range", func() { reflect.ValueOf([]int{1}).Slice(0, 2) })
	try("string Slice out of range", func() { reflect.ValueOf("ab").Slice(1, 3) })
	try("Append wrong type", func() { reflect.Append(reflect.ValueOf([]int{}), reflect.ValueOf("x")) })
	try("AppendSlice mismatched", func() { reflect.AppendSlice(reflect.ValueOf([]int{}), reflect.ValueOf([]string{})) })
}
