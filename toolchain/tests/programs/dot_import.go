package main

import (
	"fmt"
	. "strings"
	. "unsafe"
)

func main() {
	var x int32
	(_) = 0
	(_), _ = 1, 2
	fmt.Println(Sizeof(x), Contains("seafood", "foo"), ToUpper("dot"))
	f := Repeat
	fmt.Println(f("ab", 3))
}
