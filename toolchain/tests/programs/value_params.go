// Parameters of two to four words that arrive in registers: value
// receivers, strings, slices, interfaces and small structs, read after
// calls, reassigned, captured, and holding the only pointer to an object
// while the collector runs.
package main

import (
	"fmt"
	"runtime"
)

type Pair struct{ a, b int }

func (p Pair) Sum() int { return p.a + p.b }

func (p Pair) Swap() Pair { return Pair{p.b, p.a} }

type Mixed struct {
	x float64
	n int
	y float64
}

func (m Mixed) Scale(k float64) float64 { return (m.x + m.y) * k * float64(m.n) }

type Narrow struct {
	a, b int32
	c    int
}

func (n Narrow) Total() int { return int(n.a) + int(n.b) + n.c }

type Node struct {
	val  int
	next *Node
}

type Holder struct {
	p    *Node
	tag  string
	size int
}

//go:noinline
func churn() {
	for i := 0; i < 1000; i++ {
		_ = make([]byte, 64)
	}
	runtime.GC()
}

// The only reference to the list is in h.p while the collector runs.
func (h Holder) Walk() int {
	churn()
	total := 0
	for n := h.p; n != nil; n = n.next {
		total += n.val
	}
	return total + len(h.tag) + h.size
}

func concat(a, b string) string {
	churn()
	return a + "+" + b
}

func sum(s []int) (t int) {
	for _, v := range s {
		t += v
	}
	return
}

func reassigned(p Pair) int {
	p = p.Swap()
	p.a *= 10
	return p.Sum()
}

func captured(p Pair) func() int {
	return func() int { return p.a - p.b }
}

func describe(v interface{}) string {
	churn()
	return fmt.Sprint(v)
}

type Shape interface{ Area() float64 }

type Rect struct{ w, h float64 }

func (r Rect) Area() float64 { return r.w * r.h }

func fib(p Pair, n int) Pair {
	if n == 0 {
		return p
	}
	return fib(Pair{p.b, p.a + p.b}, n-1)
}

func main() {
	fmt.Println(Pair{3, 4}.Sum(), Pair{3, 4}.Swap())
	fmt.Println(Mixed{1.5, 3, 2.5}.Scale(2))
	fmt.Println(Narrow{-2, 5, 100}.Total())
	var list *Node
	for i := 1; i <= 10; i++ {
		list = &Node{i, list}
	}
	h := Holder{list, "tag", 7}
	list = nil
	fmt.Println(h.Walk())
	fmt.Println(concat(fmt.Sprint(12), fmt.Sprint(34)))
	fmt.Println(sum([]int{1, 2, 3, 4}))
	fmt.Println(reassigned(Pair{1, 2}))
	f := captured(Pair{9, 4})
	churn()
	fmt.Println(f())
	fmt.Println(describe(Pair{5, 6}), describe("str"))
	var s Shape = Rect{2, 3.5}
	fmt.Println(s.Area())
	fmt.Println(fib(Pair{0, 1}, 40))
}
