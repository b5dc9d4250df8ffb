// Small functions copied into their callers (opt/inline.rs) and integer
// division and remainder by powers of two as shifts (opt/strength.rs):
// every width and sign, negative dividends, the minimum values, results
// of inlined calls used in loops, multiple returns, named results, struct
// and array arguments and results passed in registers and in memory, and
// a //go:noinline function whose frame runtime.Callers still sees.
package main

import (
	"fmt"
	"runtime"
	"strings"
)

func a(i, j int) float64 {
	return 1 / float64((i+j)*(i+j+1)/2+i+1)
}

func sign(x int) int {
	if x < 0 {
		return -1
	}
	if x > 0 {
		return 1
	}
	return 0
}

func divmod(x int64) (q, r int64) {
	q = x / 8
	r = x % 8
	return
}

type vec struct{ x, y, z float64 }

func add(p, q vec) vec { return vec{p.x + q.x, p.y + q.y, p.z + q.z} }

type rec struct {
	n [3]int
	s string
}

func bump(r rec, k int) rec {
	r.n[0] += k
	r.n[2] = r.n[1] - k
	return r
}

func greeting() string { return "hi" }

var counter int

func tick() { counter += 3 }

//go:noinline
func where() string {
	pcs := make([]uintptr, 4)
	n := runtime.Callers(1, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	var names []string
	for {
		f, more := frames.Next()
		names = append(names, f.Function)
		if !more || len(names) == 2 {
			break
		}
	}
	return strings.Join(names, " <- ")
}

func main() {
	s := 0.0
	for i := 0; i < 300; i++ {
		for j := 0; j < 300; j++ {
			s += a(i, j)
		}
	}
	fmt.Printf("%.12f\n", s)

	t := 0
	for x := -5; x <= 5; x++ {
		t = t*3 + sign(x)
	}
	fmt.Println(t)

	for _, x := range []int64{0, 7, 8, 9, -1, -7, -8, -9, -9223372036854775808, 9223372036854775807} {
		q, r := divmod(x)
		fmt.Println(x, q, r)
	}
	for _, x := range []int8{0, 1, -1, 3, -3, 127, -128, -127, 64, -64} {
		fmt.Println(x, x/2, x%2, x/4, x%4, x/64, x%64, x/1, x%1)
	}
	for _, x := range []int16{-32768, 32767, -5, 5} {
		fmt.Println(x, x/16, x%16, x/16384, x%16384)
	}
	for _, x := range []int32{-2147483648, 2147483647, -1000, 1000} {
		fmt.Println(x, x/1024, x%1024, x/1073741824, x%1073741824)
	}
	for _, x := range []uint8{0, 1, 255, 128, 127} {
		fmt.Println(x, x/2, x%2, x/128, x%128)
	}
	for _, x := range []uint64{0, 1, 18446744073709551615, 9223372036854775808} {
		fmt.Println(x, x/2, x%2, x/9223372036854775808, x%9223372036854775808)
	}

	v := vec{}
	for i := 0; i < 10; i++ {
		v = add(v, vec{1, 0.5, 0.25})
	}
	fmt.Println(v)

	r := rec{n: [3]int{1, 2, 3}, s: "r"}
	for i := 0; i < 5; i++ {
		r = bump(r, i)
	}
	fmt.Println(r)

	fmt.Println(greeting(), len(greeting()))
	for i := 0; i < 4; i++ {
		tick()
	}
	fmt.Println(counter)
	fmt.Println(where())
}
