// reflect.Value.Call of a function of 12 ints returning 2 (three
// arguments on the stack on amd64), 1,000,000 times (BASELINES §1 (d):
// gc 1216 ns, 4 allocations). Checksum: the sum of the results.
package main

import "reflect"

//go:noinline
func many(a, b, c, d, e, f, g, h, i, j, k, l int) (int, int) {
	return a + b + c + d + e + f + g + h + i + j + k + l, a - l
}

func main() {
	fn := reflect.ValueOf(many)
	var args []reflect.Value
	for i := 1; i <= 12; i++ {
		args = append(args, reflect.ValueOf(i))
	}
	total := 0
	for i := 0; i < 1000000; i++ {
		r := fn.Call(args)
		total += int(r[0].Int() + r[1].Int())
	}
	println(total)
}
