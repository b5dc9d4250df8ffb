// && and || of untyped booleans (comparisons, constants) stay untyped:
// assignable to any boolean type, bool by default (test/fixedbugs/issue6671.go).
package main

import "fmt"

type mybool bool

func main() {
	x, y := 1, 2
	var b mybool = true && x < y
	b = x < y || false
	c := true && x > y
	var i interface{} = false || x < y
	var j interface{} = b && x < y
	fmt.Printf("%v %T %v %T %v %T %v %T\n", b, b, c, c, i, i, j, j)
	if true && x < y {
		fmt.Println("yes")
	}
}
