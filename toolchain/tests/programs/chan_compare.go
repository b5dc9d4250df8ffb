// A bidirectional channel compares with a directional one of its element
// type (it is assignable to it), as in test/cmp6.go; rgo has no channel
// operations yet, so the channels are nil.
package main

import "fmt"

type sendOnly chan<- int

func main() {
	var c1 chan<- int
	var c2 <-chan int
	var c3 chan int
	var s sendOnly
	fmt.Println(c1 == c3, c3 == c1, c2 == c3, c3 == c2, s == c3, c3 != s)
}
