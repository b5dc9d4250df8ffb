// Where a frame variable may stay in its frame when its address is passed
// to a call, and where it must move to the heap: a method that keeps its
// receiver, a go statement's call, a method value, a pointer passed on
// through a method. Each case writes the variable, lets another frame
// reuse the stack, then reads it back. And the cases that need no heap
// at all, counted by runtime.ReadMemStats: a receiver that stays put,
// arrays sliced for copy, append and non-escaping parameters,
// string(b) compared and used as a map key.
package main

import (
	"fmt"
	"runtime"
)

type T struct{ a [64]int }

var kept []*T

func (t *T) register()  { kept = append(kept, t) }
func (t *T) first() int { return t.a[0] }

// keep's parameter escapes through the method it calls on it.
func keep(p *T) { p.register() }

func viaMethod(i int) {
	var t T
	t.a[0] = i
	keep(&t)
}

func viaReceiver(i int) {
	var t T
	t.a[0] = i
	t.register()
}

func use(p *T, done chan bool) {
	<-done
	fmt.Println("go statement:", p.a[0])
	done <- true
}

func viaGo(done chan bool) {
	var t T
	t.a[0] = 7
	go use(&t, done)
}

func viaMethodValue(i int) func() int {
	var t T
	t.a[0] = i
	return t.first
}

var leaked []byte

// leakAlias's parameter escapes through a local that aliases it, assigned
// after the use that leaks it (in loop order, before).
func leakAlias(p []byte) {
	var q []byte
	for i := 0; i < 2; i++ {
		if i == 1 {
			leaked = q
		}
		q = p[1:]
	}
}

var leaked2 []byte

// leakDirect's parameter escapes through a local, then a package variable.
func leakDirect(p []byte) {
	q := p[1:]
	leaked2 = q
}

func viaAlias() {
	var b [8]byte
	b[1] = 9
	leakAlias(b[:])
	var c [8]byte
	c[1] = 8
	leakDirect(c[:])
}

// smash overwrites the stack below its caller.
func smash() {
	var x [200]int
	for i := range x {
		x[i] = -1
	}
	runtime.KeepAlive(x)
}

func sum(p *T) int { return p.a[0] + p.a[1] }

func fill(b []byte, c byte) int {
	for i := range b {
		b[i] = c
	}
	return len(b)
}

type acc struct{ n [8]int }

func (a *acc) add(k int) { a.n[k%8] += k }

var sink int
var scratch = make([]byte, 0, 64)
var table = map[string]int{"abc": 3}

func quiet() {
	var t T
	t.a[1] = 2
	sink += sum(&t)
	var a acc
	for k := 0; k < 10; k++ {
		a.add(k)
	}
	sink += a.n[3]
	var buf [16]byte
	sink += fill(buf[:], 'a')
	out := scratch[:0]
	out = append(out, buf[:4]...)
	var tmp [4]byte
	copy(tmp[:], out)
	if string(tmp[:3]) == "aaa" {
		sink++
	}
	sink += table[string(buf[:0])]
	switch string(out[:1]) {
	case "a":
		sink++
	}
}

func main() {
	for i := 0; i < 3; i++ {
		viaMethod(i)
		smash()
		viaReceiver(10 + i)
		smash()
	}
	runtime.GC()
	for _, t := range kept {
		fmt.Println("kept:", t.a[0])
	}
	done := make(chan bool)
	viaGo(done)
	smash()
	done <- true
	<-done
	viaAlias()
	smash()
	fmt.Println("alias:", leaked, leaked2)
	f := viaMethodValue(5)
	smash()
	fmt.Println("method value:", f())

	quiet()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	for i := 0; i < 100; i++ {
		quiet()
	}
	runtime.ReadMemStats(&m1)
	fmt.Println("allocations per call:", (m1.Mallocs-m0.Mallocs)/100, sink > 0)
}
