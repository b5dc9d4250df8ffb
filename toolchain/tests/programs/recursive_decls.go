package main

import "fmt"

type T1 struct {
	Next *T2
	V    int
}

type T2 T1

type Ring struct {
	next *Link
	name string
}

type Link Alias
type Alias Ring

type T int

func (r T) Get() int { return a * 10 }

var first = T(0).Get()
var second = T.Get(1)

var a = twice(b)
var b = twice(3)

func twice(a int) int { return a * 2 }

func main() {
	x := &T2{V: 2}
	y := T1{Next: x, V: 1}
	fmt.Println(y.V, y.Next.V, y.Next.Next == nil)
	r := &Ring{name: "r"}
	r.next = (*Link)(r)
	fmt.Println(r.next.name, (*Ring)(r.next.next) == nil)
	fmt.Println(first, second, a, b)
}
