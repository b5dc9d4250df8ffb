// math.Sqrt is an instruction (sqrtsd, fsqrt, fsqrt.d), not a runtime
// call: its special values, results to the bit, float32
// through float64 as Go rounds, and a loop whose values stay in registers
// across the square root. The output is gc's.
package main

import (
	"fmt"
	"math"
)

//go:noinline
func f32(x float32) float32 { return float32(math.Sqrt(float64(x))) }

func main() {
	for _, x := range []float64{0, math.Copysign(0, -1), 1, 2, 4, -1, math.Inf(1), math.Inf(-1), math.NaN(), 1e-310, 1.5e308, 0.1} {
		r := math.Sqrt(x)
		if math.IsNaN(r) {
			// A NaN's sign is the ISA's (x86 makes -1's negative).
			fmt.Println(x, r)
			continue
		}
		fmt.Println(x, r, math.Float64bits(r))
	}
	fmt.Println(f32(2), f32(-0.0), f32(3))
	// A sum of distances: i, sum and the coordinates live in registers.
	sum := 0.0
	for i := 0; i < 1000; i++ {
		x, y := float64(i), float64(1000-i)
		sum += math.Sqrt(x*x + y*y)
	}
	fmt.Printf("%.6f\n", sum)
}
