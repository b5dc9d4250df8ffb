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
const c = 1e500i
const z = (1 + 2i) * (3 - 4i) / (2 + 1i)

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
	fmt.Println(imag(c/1e499), z, real(z), imag(0.01i) == 0.01, complex64(1.1+2.2i), -(3 + 4i))
	fmt.Println(complex(1e300, 1e-300)*1, 0123i, 0x10i, 1_0.5i)
	var n int64 = 0.0005 * 1e9
	fmt.Println(n, int(1e100/1e98), 0.01 == imag(0.01i))
}
