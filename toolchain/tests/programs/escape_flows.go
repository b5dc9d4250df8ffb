// Escape analysis: every address below outlives its frame or its loop
// iteration in some way, so each variable must live on the heap; a frame
// reused by smash() between must not change what is printed.
package main

import (
	"fmt"
	"unsafe"
)

type B struct{ buf [4]int }

//go:noinline
func (b *B) Field() *[4]int { return &b.buf }

func viaMethodResult() *[4]int {
	var x B
	x.buf[1] = 42
	return x.Field()
}

func identity(p *int) *int { return p }

func viaParamResult() *int {
	x := 7
	return identity(&x)
}

type holder struct{ p *int }

func viaStructResult() holder {
	x := 8
	h := holder{p: &x}
	return h
}

func viaSliceOfArray() []int {
	var a [3]int
	a[2] = 9
	return a[:]
}

func viaInterface() interface{} {
	x := 10
	var i interface{} = &x
	return i
}

var global *int

func viaGlobal() {
	x := 11
	global = &x
}

func viaPointerStore(pp **int) {
	x := 12
	*pp = &x
}

func viaLoopVariable() []*int {
	var first *int
	var all []*int
	for i := 0; i < 3; i++ {
		x := i * 100
		if first == nil {
			first = &x
		}
		all = append(all, first)
	}
	return all
}

func viaGoto() *int {
	var p *int
	i := 0
loop:
	x := i + 13
	if p == nil {
		p = &x
	}
	i++
	if i < 3 {
		goto loop
	}
	return p
}

func viaDeferInLoop() (out []int) {
	func() {
		for i := 0; i < 3; i++ {
			x := i + 20
			defer func(p *int) { out = append(out, *p) }(&x)
		}
	}()
	return out
}

func viaClosure() func() int {
	x := 30
	return func() int { x++; return x }
}

func viaMethodValue() func() *[4]int {
	var b B
	b.buf[0] = 31
	return b.Field
}

func viaUnsafeArithmetic() unsafe.Pointer {
	var a [2]int
	a[1] = 32
	return unsafe.Pointer(uintptr(unsafe.Pointer(&a)) + unsafe.Sizeof(a[0]))
}

func viaChannel() *int {
	ch := make(chan *int, 1)
	x := 33
	ch <- &x
	return <-ch
}

func viaMap() *int {
	m := map[int]*int{}
	x := 34
	m[0] = &x
	return m[0]
}

func viaAppend() []*int {
	x := 35
	return append([]*int(nil), &x)
}

type node struct{ next *node; v int }

func viaLinked() *node {
	a := node{v: 36}
	b := node{next: &a, v: 37}
	return b.next
}

func viaDoublePointer() **int {
	x := 38
	p := &x
	return &p
}

func viaRangeValue() *int {
	arr := [2]int{39, 40}
	var p *int
	for _, v := range arr {
		if p == nil {
			vv := v
			p = &vv
		}
	}
	return p
}

func viaTypeSwitch() *int {
	x := 41
	var i interface{} = &x
	switch v := i.(type) {
	case *int:
		return v
	}
	return nil
}

func viaNewReturned() *[4]int {
	p := new([4]int)
	p[2] = 43
	return p
}

func viaNewInLoop() []*int {
	var keep *int
	var out []*int
	for i := 0; i < 3; i++ {
		p := new(int)
		*p = 44 + i
		if keep == nil {
			keep = p
		}
		out = append(out, keep)
	}
	return out
}

func viaCompositeStored() *holder {
	x := 47
	h := &holder{p: &x}
	global = h.p
	return h
}

var globalString string

func viaRuneString() (string, string) {
	r := rune(0x4E16)
	s := string(r)
	globalString = string(r + 1)
	return s, globalString
}

func viaRuneStringInLoop() string {
	var keep string
	for r := 'a'; r < 'd'; r++ {
		s := string(r)
		if keep == "" {
			keep = s
		}
	}
	return keep
}

//go:noinline
func smash(n int) int {
	var a [64]int
	for i := range a {
		a[i] = n*1000 + i
	}
	if n > 0 {
		return smash(n-1) + a[3]
	}
	return a[5]
}

func main() {
	r1 := viaMethodResult()
	r2 := viaParamResult()
	r3 := viaStructResult()
	r4 := viaSliceOfArray()
	r5 := viaInterface()
	viaGlobal()
	var r6 *int
	viaPointerStore(&r6)
	r7 := viaLoopVariable()
	r8 := viaGoto()
	r9 := viaDeferInLoop()
	r10 := viaClosure()
	r11 := viaMethodValue()
	r12 := viaUnsafeArithmetic()
	r13 := viaChannel()
	r14 := viaMap()
	r15 := viaAppend()
	r16 := viaLinked()
	r17 := viaDoublePointer()
	r18 := viaRangeValue()
	r19 := viaTypeSwitch()
	r20 := viaNewReturned()
	r21 := viaNewInLoop()
	r22 := viaCompositeStored()
	r23, r24 := viaRuneString()
	r25 := viaRuneStringInLoop()
	smash(20)
	fmt.Println(r1[1], *r2, *r3.p, r4[2], *r5.(*int), *global, *r6)
	fmt.Println(*r7[0], *r7[1], *r7[2], *r8, r9, r10(), r10(), r11()[0])
	fmt.Println(*(*int)(r12), *r13, *r14, *r15[0], r16.v, **r17, *r18, *r19)
	fmt.Println(r20[2], *r21[0], *r21[2], *r22.p, *global)
	fmt.Println(r23, r24, globalString, r25)
}
