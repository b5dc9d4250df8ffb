package main

import "fmt"

type S struct {
	F0 int8
	F1 complex64
	F2 float64
}

type T struct {
	F0 complex64
	F1 int8
}

//go:noinline
func f(p S) complex64 { return p.F1 }

//go:noinline
func g(i T) *T { return &i }

func main() {
	fmt.Println(f(S{7, complex(1.5, -2.5), 3.25}), g(T{1, 2}).F1)
}
