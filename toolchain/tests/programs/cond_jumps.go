// Conditions of if and for as jumps (check/stmt.rs, cond_jump): &&, || and !
// nested, with parentheses, constants and a named bool type, in the order
// and with the short-circuits Go gives them; gc's output.
package main

import "fmt"

var calls []string

func t(s string) bool { calls = append(calls, s); return true }
func f(s string) bool { calls = append(calls, s); return false }

type B bool

func main() {
	for i, c := range []func() bool{
		func() bool { return t("a") && f("b") || t("c") },
		func() bool { return !(f("a") || f("b")) && t("c") },
	} {
		calls = nil
		r := c()
		fmt.Println(i, r, calls)
	}
	n := 0
	var b B = true
	for i := 0; i < 10 && (i%3 != 2 || i < 5) && !!bool(b); i++ {
		n += i
		if i > 1 && !(i == 4) || i == 0 {
			n *= 2
		}
		if !(i < 3) {
			n++
		}
		if t("x") && f("y") || f("z") && t("w") {
			n = -1
		} else if !(f("p") || !t("q")) {
			n += 100
		}
	}
	fmt.Println(n, len(calls), calls[:8])
	const k = true
	if k && false {
		fmt.Println("no")
	} else if k || f("never") {
		fmt.Println("yes", len(calls))
	}
	x := []int{1, 2, 3}
	j := 0
	for j < len(x) && x[j] < 3 {
		j++
	}
	fmt.Println(j)
}
