// Valid recursive types: through pointers, slices, funcs, interfaces.
package main

import (
	"fmt"
	"unsafe"
)

type L struct {
	next *L
	v    int
}
type S []S
type F func(F) F
type I interface{ M() I }
type A [2]*A
type M struct {
	kids []M
	f    func(M) M
	p    *[3]M
}
type P *P

func main() {
	l := &L{&L{nil, 2}, 1}
	fmt.Println(l.v, l.next.v)
	s := S{S{}, S{S{}}}
	fmt.Println(len(s), len(s[1]))
	var f F
	f = func(g F) F { return g }
	fmt.Println(f(f) != nil)
	var a A
	a[0] = &a
	fmt.Println(a[0][0] == nil)
	m := M{kids: []M{{}}}
	fmt.Println(len(m.kids))
	var p P
	fmt.Println(p == nil)
	var i I
	fmt.Println(i == nil)
}

// B's layout is computed while A, which it holds, is still being resolved.
type RA struct {
	x int64
	p *RB
}
type RB struct {
	a RA
	y int32
}

func init() {
	var b RB
	b.a.x = 5
	b.y = 7
	fmt.Println(unsafe.Sizeof(b), unsafe.Sizeof(RA{}), b.a.x, b.y)
}
