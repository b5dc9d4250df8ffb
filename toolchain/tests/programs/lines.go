// Valid Go around the diagnostics fixed for issue 9's wrong lines:
// fallthrough followed by empty statements, line directives in code,
// repeated constant specs with iota, a labeled fallthrough (bug495), and
// initialization order through methods but not through field names
// (bug482).
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

func labeled(i int) (s string) {
	switch i {
	case 0:
		s = "zero "
		goto lab
	lab:
		fallthrough
	case 1:
		s += "one"
	}
	return
}

type S struct{ F int }

type T struct{}

func (T) M() int { return late }

// F is not a dependency of V: V's key F is a field name.
var V = S{F: 1}
var F = V.F + 1

// A blank variable is no dependency of a function assigning to _.
var _ = blankUser()

func blankUser() int {
	_ = late
	return 0
}

// viaMethod depends on late through T.M.
var viaMethod = T{}.M() + 1
var late = 10

//line other.go:100
func moved() int {
	return /*line :5:1*/ 42
}

func main() {
	for i := 0; i < 4; i++ {
		fmt.Println(i, classify(i))
	}
	fmt.Println(small, second, third, moved())
	fmt.Println(labeled(0), labeled(1), V, F, viaMethod, late)
}
