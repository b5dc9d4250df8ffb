// Values that live in registers across calls (isa/regs.rs: written
// through to their slots, reloaded after each call): pointers kept across
// allocating calls and collections, floats and integers across calls that
// park the goroutine, grow the stack or panic and recover inside, results
// of calls kept across later calls, and loop counters passed as arguments.
package main

import (
	"fmt"
	"runtime"
)

type node struct {
	next *node
	val  int
	pad  [4]*int
}

//go:noinline
func churn(n int) []*node {
	out := make([]*node, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, &node{val: -i})
	}
	return out
}

//go:noinline
func twice(x int) int { return 2 * x }

//go:noinline
func fscale(x float64) float64 { return x * 1.5 }

// A list walked with the cursor, the sum and the count in registers while
// every step allocates and every tenth collects.
func walk(head *node) (int, int) {
	sum, count := 0, 0
	for p := head; p != nil; p = p.next {
		junk := churn(8)
		if count%10 == 0 {
			runtime.GC()
		}
		sum += p.val + twice(p.val) + len(junk) + count
		count++
	}
	return sum, count
}

// Floats across calls.
func floats(n int) float64 {
	a, b := 0.5, 1.25
	for i := 0; i < n; i++ {
		a = fscale(a) - b + float64(i)
		b = b*0.5 + a*0.001
		if a > 1e6 {
			a -= 1e6
		}
	}
	return a + b
}

// Values across channel operations: the goroutine parks while its values
// wait in memory.
func pingpong(n int) int {
	in, out := make(chan int), make(chan int)
	go func() {
		for v := range in {
			out <- v * 3
		}
		close(out)
	}()
	acc, k := 7, 0
	for i := 0; i < n; i++ {
		in <- i + acc
		r := <-out
		acc = acc ^ r + k
		k += i
	}
	close(in)
	<-out
	return acc + k
}

//go:noinline
func deep(n int) int {
	var buf [32]int
	buf[n%32] = n
	if n == 0 {
		return 0
	}
	return deep(n-1) + buf[n%32]
}

// Values across a call whose callees grow the stack by segments.
func grows(n int) int {
	x, y := n, n*n
	for i := 0; i < 3; i++ {
		x += deep(200 + i)
		y -= x + i
	}
	return x + y
}

//go:noinline
func mayPanic(i int) (r int) {
	defer func() {
		if e := recover(); e != nil {
			r = -1
		}
	}()
	if i%3 == 0 {
		panic(fmt.Sprint("bad ", i))
	}
	return i
}

// Values across calls that panic and recover inside the callee.
func recovered(n int) int {
	good, bad, last := 0, 0, 0
	for i := 0; i < n; i++ {
		v := mayPanic(i)
		if v < 0 {
			bad++
		} else {
			good += v
		}
		last = i*good - bad
	}
	return good*1000 + bad + last
}

type shape interface{ area() int }
type rect struct{ w, h int }

func (r rect) area() int { return r.w * r.h }

// Interface and method-value calls with values live across them.
func shapes(n int) int {
	var s shape = rect{3, 4}
	f := rect{5, 6}.area
	total, i := 0, 0
	for i < n {
		total += s.area() + f() + i
		i++
	}
	return total
}

// A pointer kept only in a register between collections inside calls:
// the object must survive them.
func keep(n int) int {
	p := &node{val: 99}
	q := &node{val: 1, next: p}
	t := 0
	for i := 0; i < n; i++ {
		churn(64)
		runtime.GC()
		t += q.next.val + p.val
	}
	return t
}

func main() {
	var head *node
	for i := 0; i < 200; i++ {
		head = &node{next: head, val: i}
	}
	fmt.Println(walk(head))
	fmt.Printf("%.6f\n", floats(1000))
	fmt.Println(pingpong(500))
	fmt.Println(grows(5))
	fmt.Println(recovered(20))
	fmt.Println(shapes(100))
	fmt.Println(keep(20))
}
