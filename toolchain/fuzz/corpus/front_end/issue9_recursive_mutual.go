package main

type a struct{ b }
type b struct{ a }

type C struct{ d [2]D }
type D struct{ c C }

var x interface{}

func main() {
	x = a{}
	type L struct{ l [1]L }
	var c C
	_ = c
}
