// Values too large for a stack frame live on the heap (as in gc), large
// zero globals go to .bss without being materialized by the compiler, and
// blank labels may repeat (test/fixedbugs/issue52278.go).
package main

import "fmt"

var big [1 << 30]byte

var lit = [20 << 20]byte{42, 7: 1}

func local() int {
	var x [64 << 20]byte
	x[len(x)-1] = 3
	y := x
	y[0] = 9
	return int(x[0]) + int(x[len(x)-1]) + int(y[0])
}

func composite() (int8, int8, int) {
	z := [32 << 20]int8{5, 6}
	return z[0], z[1], len(z)
}

func main() {
_:
	big[len(big)-1] = 1
_:
	fmt.Println(big[0], big[len(big)-1], len(big), lit[0], lit[7], lit[8])
	fmt.Println(local())
	fmt.Println(composite())
}
