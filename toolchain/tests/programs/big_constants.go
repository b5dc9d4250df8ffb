package main

import "fmt"

const (
	huge   = 1 << 100
	huge1  = huge - 1
	bigger = huge * huge >> 150
	rsh    = 1e302 >> 1000
	tiny   = 1.0 / (1 << 149)
	tiny64 = 1.0 / (1 << 500) / (1 << 500) / (1 << 74)
	third  = 1.0 / 3
	sum    = 0.1 + 0.2
	two128 = 1 << 128
	ulp32  = two128 >> 24
	max32  = two128 - ulp32
	near   = max32 + ulp32/2 - 1.0/(1<<200)
	negbig = -huge >> 99
	neg    = ^-huge
	exact  = 1e100 / 1e98
	big10  = 10000000000000000000000000000000000000000000000
)

func main() {
	fmt.Println(huge1 > huge-2, huge/(1<<90), bigger, rsh)
	var f32 float32 = tiny
	var f64 float64 = tiny64
	fmt.Println(f32, f64, float32(near) == max32, float32(third), third)
	fmt.Println(sum == 0.3, sum, float64(0.1)+0.2)
	fmt.Println(negbig, neg == -huge-1, exact, big10/1e40)
	var x float64 = huge
	fmt.Println(x, float32(1e38*10/10))
	const xi = 0.01i
	const z = (1 + 2i) / (3 + 4i)
	fmt.Println(imag(xi) == 0.01, xi == complex(0, 0.01), real(z), imag(z), z*z)
	var c64 complex64 = complex(near, 1.0/3)
	fmt.Println(c64, -z, complex(0.1, 0.2)*10 == 1+2i)
	const c = 1e-320 * 1e300
	fmt.Println(c, 5.0/2.0, 7/2, 7.0/2)
}
