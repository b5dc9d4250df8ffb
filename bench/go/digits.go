// digits: the decimal digits of 0..30M summed two at a time, as strconv's
// integer formatting divides (by 100, then 10, unsigned), plus a signed
// division by 7 per number; prints the sum. Division by constants in a
// loop with no calls.
package main

import "fmt"

func main() {
	s := 0
	for i := 0; i < 30000000; i++ {
		u := uint64(i)
		for u >= 100 {
			s += int(u % 100)
			u /= 100
		}
		s += int(u/10) + int(u%10)
		v := int64(i) - 15000000
		s += int(v / 7)
	}
	fmt.Println(s)
}
