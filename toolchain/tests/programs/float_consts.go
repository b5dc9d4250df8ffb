// Untyped float constants beyond float64's range, and rounding once to
// the target type.
package main

import (
	"fmt"
	"math"
)

const big = 1e1000
const tiny = 1e-1000
const third = 1.0 / 3

func main() {
	fmt.Println(big/1e999, tiny*1e1001, big*tiny)
	fmt.Println(0.1+0.2 == 0.3, float32(third), float64(third), third*3 == 1)
	var f32 float32 = 16777217.0
	fmt.Println(f32, 1<<62*1.0, 7/2.0, -0.0, 1e23, 5e-324, 1.7976931348623157e308)
	fmt.Println(math.Pi, math.MaxFloat64, math.SmallestNonzeroFloat64, float32(math.MaxFloat32))
	const h = 0x1.fffffffffffffp1023
	fmt.Println(h, 0x1p-2, 1_000.5e2)
	x := 3.0
	fmt.Println(x/2, int64(1e18), uint64(1<<63), float32(0.1), complex(1e300, 2))
	fmt.Println(big > 1e999, -big < 0, tiny > 0, 2.5e-1 == 0.25)
}
