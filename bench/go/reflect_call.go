// reflect.Value.Call of func(int, int) int, 2,000,000 times (BASELINES
// §1 (b): gc 439 ns and 2 allocations per call). Checksum: the sum of
// the results.
package main

import "reflect"

//go:noinline
func add(a, b int) int { return a + b }

func main() {
	f := reflect.ValueOf(add)
	args := []reflect.Value{reflect.ValueOf(1), reflect.ValueOf(2)}
	total := 0
	for i := 0; i < 2000000; i++ {
		total += int(f.Call(args)[0].Int())
	}
	println(total)
}
