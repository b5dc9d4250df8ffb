// Package variables whose values the program's data holds (gc's static
// initialization): constants, composite literals, &T{…}, slices, nil,
// and heap pointers later stored into that data, across collections.
package main

import (
	"fmt"
	"runtime"
)

type Point struct {
	X, Y int
	Name string
	_    int
}

type Table struct {
	R    []Point
	Next *Table
	F    float32
	C    complex128
	B    bool
	U8   uint8
	I16  int16
	Arr  [3]int8
	Ptrs []*Point
}

type Rune3 [3]rune

var (
	a       = 42
	s       = "hello"
	f       = 2.5
	c       = 1 + 2i
	pt      = Point{1, 2, "p", 0}
	ppt     = &Point{X: 3, Name: "q"}
	keyed   = [...]string{2: "two", 0: "zero"}
	tbl     = &Table{R: []Point{{1, 1, "a", 0}, {2, 2, "b", 0}}, Next: &Table{F: 1.5}, F: -0.25, C: 3i, B: true, U8: 255, I16: -2, Arr: [3]int8{-1, 0, 1}, Ptrs: []*Point{{X: 9}, nil, {Y: 8}}}
	runes   = []Rune3{{'a', 'b', 'c'}, {1, 2, 3}}
	nilp    *Point
	nils    []int = nil
	empty         = []int{}
	bytes         = []byte{1, 2, 3}
	strs          = []string{"x", "yy", "zzz"}
	mixed         = []interface{}{1, "a"}
	m             = map[string]int{"a": 1}
	derived       = a + 1
	fromFn        = fn()
	ptrs          = [2]*int{}
)

func fn() int { return a * 2 }

func main() {
	fmt.Println(a, s, f, c, pt, *ppt, keyed, len(keyed))
	fmt.Println(tbl.R, tbl.Next.F, tbl.F, tbl.C, tbl.B, tbl.U8, tbl.I16, tbl.Arr, *tbl.Ptrs[0], tbl.Ptrs[1], *tbl.Ptrs[2])
	fmt.Println(runes, nilp == nil, nils == nil, empty == nil, len(empty), bytes, strs, mixed, m, derived, fromFn, ptrs)
	// Heap pointers stored into static data survive collections.
	for i := 0; i < 1000; i++ {
		tbl.Ptrs[1] = &Point{X: i, Name: fmt.Sprint("n", i)}
		tbl.Next.Next = &Table{R: make([]Point, 10)}
		strs[0] = fmt.Sprint("s", i)
		ptrs[0] = new(int)
		*ptrs[0] = i
		runtime.GC()
	}
	fmt.Println(*tbl.Ptrs[1], len(tbl.Next.Next.R), strs[0], *ptrs[0])
	tbl.R[0].X = 100
	bytes[0] = 7
	fmt.Println(tbl.R[0], bytes)
}
