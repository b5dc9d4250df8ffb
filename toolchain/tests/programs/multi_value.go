package main

import (
	"fmt"
	"strings"
)

type T struct{ x int }

var it interface{} = &T{42}
var pt, pok = it.(*T)
var s2, sok = it.(string)

func two() ([]int, []int)         { return []int{0, 0, 0}, []int{7, 8} }
func parts() (float64, float64)   { return 1.5, -2 }
func format() (string, int, bool) { return "%d %v", 100, true }
func strs() (string, string)      { return "hello world", "wor" }
func nums() (int, int, int)       { return 1, 2, 3 }
func sum(xs ...int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}
func app() ([]int, int, int) { return []int{1}, 2, 3 }

func main() {
	fmt.Println(pt.x, pok, s2 == "", sok)
	var a, ok = it.(*T)
	var b, ok2 interface{} = it.(fmt.Stringer)
	fmt.Println(a.x, ok, b, ok2)
	dst, src := two()
	n := copy(two())
	_ = dst
	_ = src
	fmt.Println(n)
	c := complex(parts())
	fmt.Println(c, real(c), imag(c))
	fmt.Println(fmt.Sprintf(format()))
	fmt.Println(strings.Contains(strs()))
	fmt.Println(sum(nums()))
	fmt.Println(append(app()))
	println(nums())
}
