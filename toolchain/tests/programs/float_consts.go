// Untyped float constants beyond float64's range: Go's constants have a
// far wider exponent, and only the typed result must fit.
package main

import "fmt"

const big = 1e1000
const tiny = 1e-1000
const huge = 1e646456992

func main() {
	fmt.Println(big/1e999, tiny*1e1001, big*tiny, huge/1e646456991)
	fmt.Println(big > 1e999, -big < 0, tiny > 0, tiny < 1e-999, -tiny)
	const sq = 1e300 * 1e300
	fmt.Println(sq > 1e599, 1e-300*1e-300*1e600, float32(1e38*10/100))
	x := big / 1e998
	var y float64 = 0x1p-1100 * 0x1p1100
	var z float32 = 1e-50 * 1e50
	fmt.Println(x, y, z, float64(tiny), float64(1e-320))
	const c = complex(big/1e999, 0)
	fmt.Println(c, real(c))
	fmt.Println(1.5, 1e23, 5e-324, 1.7976931348623157e308, 0x1.fffffffffffffp1023)
}
