// Valid Go around the diagnostics fixed for issue 9's wrong lines:
// fallthrough followed by empty statements, line directives in code,
// and repeated constant specs with iota.
package main

import "fmt"

const (
	small = byte(iota + 250)
	second
	third
)

func classify(x int) string {
	s := ""
	switch x {
	case 0:
		s += "zero "
		fallthrough
		;
	case 1:
		s += "one "
		fallthrough
		; ;
	case 2:
		s += "two"
	default:
		s += "many"
	}
	return s
}

//line other.go:100
func moved() int {
	return /*line :5:1*/ 42
}

func main() {
	for i := 0; i < 4; i++ {
		fmt.Println(i, classify(i))
	}
	fmt.Println(small, second, third, moved())
}
