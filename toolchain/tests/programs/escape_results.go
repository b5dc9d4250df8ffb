// Objects a function makes and returns, in the caller's frame when the
// caller keeps them no longer than itself (result-frame variants).
package main

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

type Point struct{ x, y, z, t [5]uint64 }

var identity = &Point{x: [5]uint64{1, 2}}

func (v *Point) Set(u *Point) *Point {
	*v = *u
	return v
}

func NewIdentityPoint() *Point { return new(Point).Set(identity) }

func (v *Point) Add(p, q *Point) *Point {
	for i := range v.x {
		v.x[i] = p.x[i] + q.x[i]
	}
	return v
}

func (v *Point) bytes(buf *[32]byte) []byte {
	for i := range buf {
		buf[i] = byte(v.x[i%5])
	}
	return buf[:]
}

// A variable whose address a callee returns.
func (v *Point) Bytes() []byte {
	var buf [32]byte
	return v.bytes(&buf)
}

type Scalar struct{ s [32]byte }

func NewScalar() *Scalar { return &Scalar{} }

// A constant-size make.
func (s *Scalar) Bytes() []byte {
	buf := make([]byte, 32)
	copy(buf, s.s[:])
	return buf
}

// Two results, each a fresh object.
func pair(n int) (*Point, []byte) {
	a := &Point{}
	a.x[0] = uint64(n)
	b := make([]byte, 4)
	b[0] = byte(n)
	return a, b
}

// Each iteration's object points to the last: on the heap.
func chain(n int) *Point {
	var last *Point
	for i := 0; i < n; i++ {
		p := &Point{}
		p.x[0] = uint64(i)
		if last != nil {
			p.x[1] = last.x[0]
		}
		last = p
	}
	return last
}

// A fresh object holding the only pointer to a heap string.
type Named struct {
	name string
	next *Named
}

func newNamed(parts ...string) *Named {
	n := &Named{}
	n.name = strings.Join(parts, "-")
	return n
}

// Collects while the caller's buffer holds the object.
func collectAndName() *Named {
	n := &Named{name: strings.Repeat("x", 3)}
	runtime.GC()
	return n
}

// Where the function runs, by name.
func where() *Named {
	n := &Named{}
	pc, _, _, _ := runtime.Caller(0)
	n.name = runtime.FuncForPC(pc).Name()
	return n
}

// A fresh object that escapes in the callee too: on the heap.
var saved *Point

func savedPoint() *Point {
	p := &Point{}
	saved = p
	return p
}

// Objects held by the returned object.
type Elem struct{ v [4]uint64 }

type P3 struct{ x, y *Elem }

func (e *Elem) One() *Elem {
	e.v[0] = 1
	return e
}

func NewP3() *P3 { return &P3{x: new(Elem), y: new(Elem).One()} }

var keptElem *Elem

// A string made from bytes, returned: its bytes in the caller's buffer
// when the caller only concatenates it.
func str4(n byte) string {
	ret := make([]byte, 0, 15)
	ret = append(ret, '1', '.', '2', '.', n)
	return string(ret)
}

// A sum whose only non-empty operand is in the frame: the runtime copies it.
//
//go:noinline
func frameSum(b []byte, prefix string) string {
	s := string(b)
	return prefix + s
}

func clobber() {
	var x [256]byte
	for i := range x {
		x[i] = 'z'
	}
	sink ^= x[7]
}

var sinkString string

var sink byte
var kept *Point
var keptNamed []*Named

func main() {
	fmt.Println("constructors", testing.AllocsPerRun(100, func() {
		p := NewIdentityPoint()
		p.Add(p, NewIdentityPoint())
		s := NewScalar()
		sink ^= s.Bytes()[0]
		sink ^= p.Bytes()[3]
	}), sink)
	fmt.Println("pair", testing.AllocsPerRun(100, func() {
		a, b := pair(3)
		sink ^= byte(a.x[0]) + b[0]
	}))
	fmt.Println("loop", testing.AllocsPerRun(100, func() {
		var total uint64
		for i := 0; i < 10; i++ {
			total += NewIdentityPoint().x[1]
		}
		sink ^= byte(total)
	}))
	// Kept past the frame: on the heap, one object per call.
	fmt.Println("kept", testing.AllocsPerRun(100, func() { kept = NewIdentityPoint() }))
	fmt.Println("appended", testing.AllocsPerRun(100, func() {
		var ps []*Point
		for i := 0; i < 3; i++ {
			ps = append(ps, NewIdentityPoint())
		}
		sink ^= byte(ps[2].x[0])
	}))
	fmt.Println("escaping in callee", testing.AllocsPerRun(100, func() { sink ^= byte(savedPoint().x[0]) }))
	fmt.Println("nested", testing.AllocsPerRun(100, func() {
		p := NewP3()
		p.x.v[1] = 5
		sink ^= byte(p.y.v[0] + p.x.v[1])
	}))
	fmt.Println("string sum", testing.AllocsPerRun(100, func() { sinkString = "::ffff:" + str4('3') + "%" + sinkString[:0] }))
	fmt.Println("chain", testing.AllocsPerRun(100, func() { sink ^= byte(chain(3).x[1]) }))

	// Distinct objects per call, their values as the heap's would be.
	p, q := NewIdentityPoint(), NewIdentityPoint()
	p.x[0] = 9
	fmt.Println(p != q, p.x[0], q.x[0])
	var ps []*Point
	for i := 0; i < 3; i++ {
		ps = append(ps, NewIdentityPoint())
	}
	ps[0].x[0] = 7
	fmt.Println(ps[0].x[0], ps[1].x[0], ps[2].x[0])
	for i := 0; i < 3; i++ {
		a, b := pair(i)
		fmt.Println(a.x[0], b[0], len(b), cap(b))
	}
	fmt.Println(chain(5).x[:2])
	fmt.Println(string(NewScalar().Bytes()[:2]) == "\x00\x00", NewIdentityPoint().Bytes()[:6])

	// An object the returned one holds, kept: on the heap.
	func() {
		p := NewP3()
		keptElem = p.y
	}()
	NewP3().y.v[0] = 9
	runtime.GC()
	fmt.Println(keptElem.v[0])

	r := frameSum([]byte("frame"), "")
	clobber()
	fmt.Println(r, sinkString, "::"+str4('9'))

	// The collector finds what the caller's buffer points to.
	n := newNamed("a", "b", "c")
	runtime.GC()
	fmt.Println(n.name)
	m := collectAndName()
	runtime.GC()
	fmt.Println(m.name)
	keptNamed = append(keptNamed, newNamed("kept", "one"))
	runtime.GC()
	fmt.Println(keptNamed[0].name)
	fmt.Println(where().name)

	// Deferred and go statements, method values and func values.
	defer func() { fmt.Println("deferred", NewIdentityPoint().x[1]) }()
	done := make(chan *Point)
	go func() { done <- NewIdentityPoint() }()
	fmt.Println("from goroutine", (<-done).x[1])
	f := NewIdentityPoint
	fmt.Println("func value", f().x[1])
	g := NewScalar().Bytes
	fmt.Println("method value", len(g()))
}
