// Sizes, alignments and field offsets of Go's types on 64-bit targets, as
// unsafe reports them: rgo's layout (shared with reflect) must agree with
// gc's. The values go through functions so that they are compiled code's
// view too, not only the checker's constants.
package main

import (
	"fmt"
	"unsafe"
)

type S1 struct {
	F0 int8
	F1 complex64
	F2 float64
}

type S2 struct {
	F0 complex64
	F1 int8
}

type S3 struct {
	A int8
	B int16
	C int8
	D int32
	E int8
	F int64
	G int8
}

type S4 struct {
	A uint8
	B [3]complex64
	C bool
}

type S5 struct {
	A int32
	B struct{}
}

type S6 struct {
	A string
	B int8
	C []int
	D interface{}
	E complex128
	F float32
	G uintptr
	H *int
	I func()
	J uint16
}

type S7 struct {
	A bool
	B S2
	C [0]int64
	D int8
}

type S8 struct {
	A [2]S2
	B int8
}

func main() {
	var (
		b    bool
		i    int
		i8   int8
		i16  int16
		i32  int32
		i64  int64
		u    uint
		u8   uint8
		u16  uint16
		u32  uint32
		u64  uint64
		up   uintptr
		f32  float32
		f64  float64
		c64  complex64
		c128 complex128
		s    string
		p    unsafe.Pointer
		ptr  *int
		sl   []int
		e    interface{}
		fn   func()
		by   byte
		r    rune
		a0   [0]complex64
		a3   [3]complex64
		es   struct{}
	)
	fmt.Println("bool", unsafe.Sizeof(b), unsafe.Alignof(b))
	fmt.Println("int", unsafe.Sizeof(i), unsafe.Alignof(i))
	fmt.Println("int8", unsafe.Sizeof(i8), unsafe.Alignof(i8))
	fmt.Println("int16", unsafe.Sizeof(i16), unsafe.Alignof(i16))
	fmt.Println("int32", unsafe.Sizeof(i32), unsafe.Alignof(i32))
	fmt.Println("int64", unsafe.Sizeof(i64), unsafe.Alignof(i64))
	fmt.Println("uint", unsafe.Sizeof(u), unsafe.Alignof(u))
	fmt.Println("uint8", unsafe.Sizeof(u8), unsafe.Alignof(u8))
	fmt.Println("uint16", unsafe.Sizeof(u16), unsafe.Alignof(u16))
	fmt.Println("uint32", unsafe.Sizeof(u32), unsafe.Alignof(u32))
	fmt.Println("uint64", unsafe.Sizeof(u64), unsafe.Alignof(u64))
	fmt.Println("uintptr", unsafe.Sizeof(up), unsafe.Alignof(up))
	fmt.Println("float32", unsafe.Sizeof(f32), unsafe.Alignof(f32))
	fmt.Println("float64", unsafe.Sizeof(f64), unsafe.Alignof(f64))
	fmt.Println("complex64", unsafe.Sizeof(c64), unsafe.Alignof(c64))
	fmt.Println("complex128", unsafe.Sizeof(c128), unsafe.Alignof(c128))
	fmt.Println("string", unsafe.Sizeof(s), unsafe.Alignof(s))
	fmt.Println("unsafe.Pointer", unsafe.Sizeof(p), unsafe.Alignof(p))
	fmt.Println("*int", unsafe.Sizeof(ptr), unsafe.Alignof(ptr))
	fmt.Println("[]int", unsafe.Sizeof(sl), unsafe.Alignof(sl))
	fmt.Println("interface{}", unsafe.Sizeof(e), unsafe.Alignof(e))
	fmt.Println("func()", unsafe.Sizeof(fn), unsafe.Alignof(fn))
	fmt.Println("byte", unsafe.Sizeof(by), unsafe.Alignof(by))
	fmt.Println("rune", unsafe.Sizeof(r), unsafe.Alignof(r))
	fmt.Println("[0]complex64", unsafe.Sizeof(a0), unsafe.Alignof(a0))
	fmt.Println("[3]complex64", unsafe.Sizeof(a3), unsafe.Alignof(a3))
	fmt.Println("struct{}", unsafe.Sizeof(es), unsafe.Alignof(es))

	var s1 S1
	fmt.Println("S1", unsafe.Sizeof(s1), unsafe.Alignof(s1), unsafe.Offsetof(s1.F0), unsafe.Offsetof(s1.F1), unsafe.Offsetof(s1.F2))
	var s2 S2
	fmt.Println("S2", unsafe.Sizeof(s2), unsafe.Alignof(s2), unsafe.Offsetof(s2.F0), unsafe.Offsetof(s2.F1))
	var s3 S3
	fmt.Println("S3", unsafe.Sizeof(s3), unsafe.Alignof(s3), unsafe.Offsetof(s3.A), unsafe.Offsetof(s3.B), unsafe.Offsetof(s3.C),
		unsafe.Offsetof(s3.D), unsafe.Offsetof(s3.E), unsafe.Offsetof(s3.F), unsafe.Offsetof(s3.G))
	var s4 S4
	fmt.Println("S4", unsafe.Sizeof(s4), unsafe.Alignof(s4), unsafe.Offsetof(s4.A), unsafe.Offsetof(s4.B), unsafe.Offsetof(s4.C))
	var s5 S5
	fmt.Println("S5", unsafe.Sizeof(s5), unsafe.Alignof(s5), unsafe.Offsetof(s5.A), unsafe.Offsetof(s5.B))
	var s6 S6
	fmt.Println("S6", unsafe.Sizeof(s6), unsafe.Alignof(s6), unsafe.Offsetof(s6.A), unsafe.Offsetof(s6.B), unsafe.Offsetof(s6.C),
		unsafe.Offsetof(s6.D), unsafe.Offsetof(s6.E), unsafe.Offsetof(s6.F), unsafe.Offsetof(s6.G), unsafe.Offsetof(s6.H),
		unsafe.Offsetof(s6.I), unsafe.Offsetof(s6.J))
	var s7 S7
	fmt.Println("S7", unsafe.Sizeof(s7), unsafe.Alignof(s7), unsafe.Offsetof(s7.A), unsafe.Offsetof(s7.B), unsafe.Offsetof(s7.C), unsafe.Offsetof(s7.D))
	var s8 S8
	fmt.Println("S8", unsafe.Sizeof(s8), unsafe.Alignof(s8), unsafe.Offsetof(s8.A), unsafe.Offsetof(s8.B))

	// Compiled code's view: field addresses relative to the struct's.
	base := uintptr(unsafe.Pointer(&s1))
	fmt.Println("&S1", uintptr(unsafe.Pointer(&s1.F1))-base, uintptr(unsafe.Pointer(&s1.F2))-base)
	var arr [2]S2
	fmt.Println("&[2]S2", uintptr(unsafe.Pointer(&arr[1]))-uintptr(unsafe.Pointer(&arr[0])), uintptr(unsafe.Pointer(&arr[1].F1))-uintptr(unsafe.Pointer(&arr[0])))
	fmt.Println(f(S1{7, complex(1.5, -2.5), 3.25}), mk())
	t := g(S2{complex(2, 3), 9})
	fmt.Println(t.F0, t.F1)
	fmt.Println(h(S4{1, [3]complex64{1i, 2, 3 + 3i}, true}))
}

//go:noinline
func f(p S1) complex64 { return p.F1 }

//go:noinline
func mk() S1 { return S1{-1, complex(0.5, 4), 8} }

//go:noinline
func g(i S2) *S2 { return &i }

//go:noinline
func h(s S4) (uint8, complex64, bool) { return s.A, s.B[2], s.C }
