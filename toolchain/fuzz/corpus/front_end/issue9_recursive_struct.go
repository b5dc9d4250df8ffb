package main

type A struct{ a A }

func (a A) bar() {}

type T struct{ T }

func main() {
	new(A).bar()
	println(T{} == T{})
}
