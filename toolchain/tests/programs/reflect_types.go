// reflect's Type side over rgo's type descriptors: every Type method rgo
// has, on predeclared, defined, composite, function, channel, map and
// interface types, with Go's panics for misuse; StructTag parsing; the
// string and slice headers.
package main

import (
	"container/list"
	"fmt"
	"reflect"
	"sync"
	"unsafe"
)

type MyInt int

func (MyInt) Exported()   {}
func (MyInt) unexported() {}
func (*MyInt) PtrOnly()   {}

type Inner struct {
	X, Y int
	z    bool
}

type Other struct {
	Y int
	W string
}

type Outer struct {
	Inner
	*Other
	Name  string
	Deep  Level2
	small int8
	f     float64
}

type Level2 struct {
	Level3
}

type Level3 struct {
	Q complex128
}

type Shape interface {
	Area() float64
	Perimeter() float64
	private()
}

type Fn func(int, ...string) (bool, error)

type Tagged struct {
	Name  string `json:"name,omitempty" xml:"n"`
	age   int    `json:"-"`
	Inner `embed:"yes"`
	Plain bool
}

func describe(t reflect.Type) {
	fmt.Printf("%-28s kind=%-14v name=%-8q size=%-3d align=%d fieldAlign=%d methods=%d comparable=%v\n",
		t.String(), t.Kind(), t.Name(), t.Size(), t.Align(), t.FieldAlign(), t.NumMethod(), t.Comparable())
	switch t.Kind() {
	case reflect.Array:
		fmt.Println("  elem", t.Elem(), "len", t.Len())
	case reflect.Slice, reflect.Pointer:
		fmt.Println("  elem", t.Elem())
	case reflect.Map:
		fmt.Println("  key", t.Key(), "elem", t.Elem())
	case reflect.Chan:
		fmt.Println("  elem", t.Elem(), "dir", t.ChanDir())
	case reflect.Func:
		fmt.Print("  in")
		for i := 0; i < t.NumIn(); i++ {
			fmt.Print(" ", t.In(i))
		}
		fmt.Print(" out")
		for i := 0; i < t.NumOut(); i++ {
			fmt.Print(" ", t.Out(i))
		}
		fmt.Println(" variadic", t.IsVariadic())
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			fmt.Printf("  field %d %s %v offset=%d index=%v anonymous=%v exported=%v\n", i, f.Name, f.Type, f.Offset, f.Index, f.Anonymous, f.IsExported())
		}
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8,
		reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr, reflect.Float32, reflect.Float64,
		reflect.Complex64, reflect.Complex128:
		fmt.Println("  bits", t.Bits())
	}
}

func try(what string, f func()) {
	defer func() {
		fmt.Printf("%s: %v\n", what, recover())
	}()
	f()
}

func main() {
	var shape Shape
	var mi MyInt
	values := []any{
		true, 1, int8(1), int16(1), int32(1), int64(1), uint(1), uint8(1), uint16(1), uint32(1), uint64(1),
		uintptr(1), float32(1), 1.5, complex64(1), 2i, "s", unsafe.Pointer(nil),
		mi, &mi, [3]MyInt{}, []string{}, map[string][]int{}, make(chan int), make(<-chan bool), make(chan<- *Inner),
		Inner{}, Outer{}, &Outer{}, Fn(nil), func() {}, func(a, b float64) float64 { return a }, &shape,
		struct{}{}, [0]int{}, [2][]int{}, struct{ A [2]func() }{}, []Shape{}, new(any),
	}
	for _, v := range values {
		describe(reflect.TypeOf(v))
	}
	describe(reflect.TypeOf(&shape).Elem())
	describe(reflect.TypeOf((*any)(nil)).Elem())
	describe(reflect.TypeOf((*error)(nil)).Elem())

	fmt.Println(reflect.TypeOf(nil) == nil, reflect.TypeOf(shape) == nil)
	fmt.Println(reflect.TypeOf(1) == reflect.TypeOf(2), reflect.TypeOf(1) == reflect.TypeOf(mi))
	fmt.Println(reflect.TypeOf([]int{}).Elem() == reflect.TypeOf(0))
	fmt.Printf("%v %s\n", reflect.TypeOf(Outer{}), reflect.TypeOf(map[Inner]bool{}))

	outer := reflect.TypeOf(Outer{})
	for _, name := range []string{"X", "Y", "W", "Name", "Q", "z", "Level3", "Inner", "Other", "missing"} {
		f, ok := outer.FieldByName(name)
		fmt.Printf("FieldByName(%q) = %v %s %v %v %d\n", name, ok, f.Name, f.Type, f.Index, f.Offset)
	}
	f := outer.FieldByIndex([]int{3, 0, 0})
	fmt.Println("FieldByIndex", f.Name, f.Type, f.Index, f.Offset)
	f = outer.FieldByIndex([]int{1, 1})
	fmt.Println("FieldByIndex through a pointer", f.Name, f.Type, f.Index, f.Offset)

	for _, k := range []reflect.Kind{reflect.Invalid, reflect.Bool, reflect.Pointer, reflect.Ptr, reflect.UnsafePointer, reflect.Kind(27), reflect.Kind(100)} {
		fmt.Print(k, " ")
	}
	fmt.Println()
	for _, d := range []reflect.ChanDir{reflect.RecvDir, reflect.SendDir, reflect.BothDir, 0, 7} {
		fmt.Print(d, " ")
	}
	fmt.Println()

	tag := reflect.StructTag(`json:"name,omitempty" xml:"n" esc:"a\"b\\c\x41\u00e9\101" bad:x`)
	for _, key := range []string{"json", "xml", "esc", "bad", "none", ""} {
		v, ok := tag.Lookup(key)
		fmt.Printf("tag %q: %q %v %q\n", key, v, ok, tag.Get(key))
	}

	try("Elem of int", func() { reflect.TypeOf(0).Elem() })
	try("Key of slice", func() { reflect.TypeOf([]int{}).Key() })
	try("Len of slice", func() { reflect.TypeOf([]int{}).Len() })
	try("Field of int", func() { reflect.TypeOf(0).Field(0) })
	try("Field out of range", func() { reflect.TypeOf(Inner{}).Field(3) })
	try("NumField of map", func() { reflect.TypeOf(map[int]int{}).NumField() })
	try("In of struct", func() { reflect.TypeOf(Inner{}).In(0) })
	try("NumIn of int", func() { reflect.TypeOf(0).NumIn() })
	try("Out of int", func() { reflect.TypeOf(0).Out(0) })
	try("NumOut of int", func() { reflect.TypeOf(0).NumOut() })
	try("IsVariadic of int", func() { reflect.TypeOf(0).IsVariadic() })
	try("ChanDir of int", func() { reflect.TypeOf(0).ChanDir() })
	try("Bits of string", func() { reflect.TypeOf("").Bits() })
	try("FieldByName of int", func() { reflect.TypeOf(0).FieldByName("X") })
	try("FieldByIndex of int", func() { reflect.TypeOf(0).FieldByIndex([]int{0}) })
	try("nil Type", func() { reflect.TypeOf(nil).Kind() })

	// Package paths and tags.
	for _, t := range []reflect.Type{reflect.TypeOf(mi), reflect.TypeOf(&mi), reflect.TypeOf(0), reflect.TypeOf(unsafe.Pointer(nil)),
		reflect.TypeOf((*error)(nil)).Elem(), reflect.TypeOf(sync.Mutex{}), reflect.TypeOf(list.List{}), reflect.TypeOf(struct{ a int }{}),
		reflect.TypeOf(Tagged{}), reflect.TypeOf([]Tagged{})} {
		fmt.Printf("%s: pkgPath=%q name=%q\n", t, t.PkgPath(), t.Name())
	}
	tt := reflect.TypeOf(Tagged{})
	for i := 0; i < tt.NumField(); i++ {
		f := tt.Field(i)
		fmt.Printf("  %s pkgPath=%q tag=%q exported=%v json=%q\n", f.Name, f.PkgPath, f.Tag, f.IsExported(), f.Tag.Get("json"))
	}
	anon := reflect.TypeOf(struct {
		A int `k:"v\"q"`
		b string
	}{})
	fmt.Println(anon, anon.Field(0).Tag.Get("k"), anon.Field(1).PkgPath)
	type Untagged struct {
		Name  string
		age   int
		Inner
		Plain bool
	}
	fmt.Println(reflect.TypeOf(Untagged{}).AssignableTo(tt), reflect.TypeOf(Tagged(Untagged{})) == tt)

	s := "hello, world"
	sh := (*reflect.StringHeader)(unsafe.Pointer(&s))
	fmt.Println(sh.Len, *(*byte)(unsafe.Pointer(sh.Data + 7)))
	b := make([]int, 3, 10)
	bh := (*reflect.SliceHeader)(unsafe.Pointer(&b))
	bh.Len = 5
	fmt.Println(len(b), cap(b), bh.Cap)
}
