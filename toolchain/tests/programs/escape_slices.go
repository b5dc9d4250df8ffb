// Slice literals and the slices of variadic arguments: each array stays in
// its frame unless the slice (not only its elements) can outlive the call
// or the loop iteration that made it. The cases that must move to the
// heap write the array, let other frames reuse the stack, then read it
// back; the cases that need no heap are counted by runtime.ReadMemStats,
// with one-byte strings (a table, as gc's) and a variadic call whose
// callee keeps only the elements.
package main

import (
	"fmt"
	"io"
	"log"
	"runtime"
	"strings"
)

var global []int

func ret() []int { return []int{1, 2, 3} }

func store() { global = []int{4, 5, 6} }

func keep(xs ...int) { global = xs }

func count(xs ...int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

// first keeps only what its slice's first element points to.
var firsts []*int

func first(ps ...*int) { firsts = append(firsts, ps[0]) }

func viaKeep(i int) { keep(i, i+1, i+2) }

func loop() [][]int {
	var all [][]int
	for i := 0; i < 3; i++ {
		xs := []int{i, i * 10}
		all = append(all, xs)
	}
	return all
}

func closure(i int) func() int {
	xs := []int{i, i + 1}
	return func() int { return xs[0] + xs[1] }
}

func viaGo(done chan bool) {
	go func(xs ...int) {
		<-done
		fmt.Println("go statement:", xs)
		done <- true
	}(7, 8, 9)
}

func nested() [][]int {
	return [][]int{{1}, {2, 3}}
}

func pointers() {
	a, b := 11, 12
	first(&a, &b)
}

func sparse() []int {
	xs := []int{5: 1, 2: 9}
	return append([]int(nil), xs...)
}

var strs []string
var table = map[string]int{}

func strOut(b []byte) string { return string(b) }

func strKept(b []byte) { strs = append(strs, string(b)) }

func strKey(b []byte) { table[string(b)] = len(b) }

func bytesOut(s string) []byte { return []byte(s) }

func strLoop() []string {
	var out []string
	b := []byte("loop-0")
	for i := 0; i < 3; i++ {
		b[5] = byte('0' + i)
		s := string(b)
		out = append(out, s)
	}
	return out
}

func made() ([]int, [][]byte) {
	kept := make([]int, 3)
	var bufs [][]byte
	for i := 0; i < 2; i++ {
		b := make([]byte, 2, 4)
		b[0] = byte('a' + i)
		bufs = append(bufs, b)
	}
	for i := range kept {
		kept[i] = i * 7
	}
	return kept, bufs
}

func sumOut(a, b string) string { return a + b }

func sumLoop(parts []string) (string, []string) {
	s := ""
	var all []string
	for _, p := range parts {
		s = s + p + ","
		t := "<" + p + ">"
		all = append(all, t)
	}
	return s, all
}

func join(sep string, parts ...string) string { return strings.Join(parts, sep) }

// Expressions that make two new objects: each is judged on its own.
func twice() (string, []byte) {
	s := string([]byte{'o', 'k'})
	b := []byte(join("-", "a", "b"))
	return s, b
}

func capacity(s string) (int, int, int) {
	short := []byte(s[:3])
	long := []byte(s + s + s + s + s + s + s)
	lit := []byte("abc")
	return cap(short), len(long), cap(lit)
}

// smash overwrites the stack below its caller.
func smash() {
	var x [200]int
	for i := range x {
		x[i] = -1
	}
	runtime.KeepAlive(x)
}

var sink int
var sinks string

func quiet() {
	xs := []int{1, 2, 3}
	sink += xs[1] + count(4, 5, 6) + count(xs...)
	for i := 0; i < 3; i++ {
		ys := []int{i, i + 1}
		sink += count(ys...)
	}
	names := []string{"a", "b"}
	sinks = strings.Join(names, "")[:1]
	b := []byte("xyz")
	sinks = string(b[1:2])
	if string(b) != "xyz" || string(b[:2]) == sinks {
		sink--
	}
	tmp := make([]byte, 0, 16)
	tmp = append(tmp, "abc"...)
	sink += len(tmp)
	c := []byte(sinks)
	c[0] = 'q'
	sink += len(string(c) + "!")
}

func allocs(f func()) uint64 {
	var m0, m1 runtime.MemStats
	f()
	runtime.ReadMemStats(&m0)
	for i := 0; i < 100; i++ {
		f()
	}
	runtime.ReadMemStats(&m1)
	return (m1.Mallocs - m0.Mallocs) / 100
}

func main() {
	a := ret()
	smash()
	store()
	smash()
	fmt.Println("returned:", a, "stored:", global)
	viaKeep(20)
	smash()
	fmt.Println("kept by callee:", global)
	all := loop()
	smash()
	fmt.Println("loop:", all)
	f := closure(30)
	smash()
	fmt.Println("closure:", f())
	done := make(chan bool)
	viaGo(done)
	smash()
	done <- true
	<-done
	n := nested()
	smash()
	fmt.Println("nested:", n)
	pointers()
	smash()
	runtime.GC()
	fmt.Println("pointer kept:", *firsts[0])
	fmt.Println("sparse:", sparse())
	buf := []byte("bytes of a frame")
	s1 := strOut(buf)
	strKept(buf[:5])
	strKey(buf[6:8])
	b1 := bytesOut("a string")
	smash()
	buf[0] = 'X'
	runtime.GC()
	fmt.Println("strings:", s1, strs, table, string(b1), strLoop())
	fmt.Println(capacity("0123456789"))
	s2 := sumOut("left ", "right")
	s3, all3 := sumLoop([]string{"p", "q", "r"})
	s4, b4 := twice()
	m5, b5 := made()
	smash()
	runtime.GC()
	fmt.Println("sums:", s2, s3, all3, s4, string(b4))
	fmt.Println("made:", m5, b5)

	fmt.Println("quiet allocations per call:", allocs(quiet), sink > 0, sinks)
	l := log.New(io.Discard, "", 0)
	s := strings.Repeat("a", 102)
	fmt.Println("log.Printf to io.Discard:", allocs(func() { l.Printf("%s", s) }))
}
