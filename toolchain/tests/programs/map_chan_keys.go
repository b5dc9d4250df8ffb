package main

import "fmt"

func main() {
	a, b := make(chan int), make(chan int)
	m := map[chan int]int{a: 1, b: 2}
	m[a] += 10
	fmt.Println(m[a], m[b], len(m))
	var i interface{} = a
	n := map[interface{}]string{i: "x"}
	fmt.Println(n[a])
}
