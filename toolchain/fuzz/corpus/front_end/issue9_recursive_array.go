package main

type T [1]T

func g() (t T) { return }

func main() {
	var t T
	_ = t
	g()
}
