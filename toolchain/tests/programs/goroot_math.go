// GOROOT's math compiled from Go's source, with the bodies rgo gives it
// (check/goroot_bodies.rs: sqrt, floor, ceil and trunc from rt-core; the
// Go fallbacks of its assembly; internal/cpu's probes finding nothing),
// math/rand on top; math's functions as values.
package main

import (
	"fmt"
	"math"
	"math/rand"
)

func main() {
	fmt.Println(math.Sin(1), math.Cos(1), math.Tan(0.5), math.Exp2(10), math.Log2(8), math.Log10(1000), math.Log1p(1e-10))
	fmt.Println(math.Pow(2, 0.5), math.Pow(-8, 1.0/3), math.Sqrt(2), math.Floor(-1.5), math.Ceil(-1.5), math.Trunc(-1.5), math.Round(2.5), math.RoundToEven(2.5))
	fmt.Println(math.Max(3, math.NaN()), math.Min(-0.0, 0), math.Dim(5, 3), math.Atan2(1, 1), math.Cbrt(27), math.Asin(1), math.Sinh(1))
	i, f := math.Modf(-3.25)
	fr, e := math.Frexp(8)
	fmt.Println(i, f, fr, e, math.Ldexp(0.5, 4), math.Mod(7, 3), math.Remainder(7, 3), math.Inf(1), math.MaxInt64, math.Pi)
	fmt.Println(math.Gamma(5), math.Erf(0.5), math.J0(1), math.Float64bits(1.5), math.Nextafter(1, 2), math.FMA(2, 3, 4))
	lg, sign := math.Lgamma(-0.5)
	fmt.Println(lg, sign, math.IsInf(math.Exp(1000), 1), math.Expm1(0), math.Log(1))
	for _, g := range []func(float64) float64{math.Sqrt, math.Abs, math.Floor, math.Sin} {
		fmt.Println(g(-4.5))
	}
	r := rand.New(rand.NewSource(42))
	fmt.Println(r.Intn(1000), r.Int63(), r.Float64(), r.Perm(6), r.NormFloat64(), r.ExpFloat64())
	z := rand.NewZipf(r, 1.5, 2, 100)
	fmt.Println(z.Uint64(), z.Uint64())
}
