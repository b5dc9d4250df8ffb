package main

import (
	"container/ring"
	"fmt"
)

func show(name string, r *ring.Ring) {
	fmt.Print(name, " len=", r.Len(), ":")
	r.Do(func(v any) { fmt.Print(" ", v) })
	fmt.Println()
}

func main() {
	var z ring.Ring
	fmt.Println(z.Len(), z.Next() == &z, z.Prev() == &z, z.Move(3) == &z)
	var nilRing *ring.Ring
	fmt.Println(nilRing.Len(), ring.New(0) == nil, ring.New(-1) == nil)
	nilRing.Do(func(any) { fmt.Println("never") })

	r := ring.New(5)
	for i := 0; i < r.Len(); i++ {
		r.Value = i
		r = r.Next()
	}
	show("r", r)
	show("r.Move(2)", r.Move(2))
	show("r.Move(-1)", r.Move(-1))
	show("r.Move(12)", r.Move(12))
	show("r.Prev()", r.Prev())

	s := ring.New(3)
	for i := 0; i < 3; i++ {
		s.Value = fmt.Sprint("s", i)
		s = s.Next()
	}
	old := r.Link(s)
	show("after link r", r)
	show("old next", old)

	cut := r.Unlink(3)
	show("cut", cut)
	show("rest", r)
	fmt.Println(r.Unlink(0) == nil, r.Unlink(-2) == nil)

	// Linking a ring with itself removes the elements between.
	x := r.Move(2)
	removed := r.Link(x)
	show("removed", removed)
	show("left", r)

	sum := 0
	q := ring.New(10)
	for i := 1; i <= 10; i++ {
		q.Value = i * i
		q = q.Next()
	}
	q.Do(func(v any) { sum += v.(int) })
	fmt.Println("sum of squares", sum)
	// Unlinking as many as the length leaves the ring whole and returns r.Next().
	show("unlink 10 of 10", q.Unlink(10))
	show("q", q)
}
