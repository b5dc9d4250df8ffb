// spectral-norm for n = 2000: the largest singular value of the infinite
// matrix A(i,j) = 1/((i+j)(i+j+1)/2+i+1), by ten power iterations of
// A'A; prints it times 1e9. Nested loops calling a small function.
package main

import "math"

const n = 2000

func a(i, j int) float64 {
	return 1 / float64((i+j)*(i+j+1)/2+i+1)
}

func times(v, u []float64) {
	for i := range v {
		s := 0.0
		for j := range u {
			s += a(i, j) * u[j]
		}
		v[i] = s
	}
}

func timesTransposed(v, u []float64) {
	for i := range v {
		s := 0.0
		for j := range u {
			s += a(j, i) * u[j]
		}
		v[i] = s
	}
}

func ata(v, u, tmp []float64) {
	times(tmp, u)
	timesTransposed(v, tmp)
}

func main() {
	u := make([]float64, n)
	v := make([]float64, n)
	tmp := make([]float64, n)
	for i := range u {
		u[i] = 1
	}
	for i := 0; i < 10; i++ {
		ata(v, u, tmp)
		ata(u, v, tmp)
	}
	var vbv, vv float64
	for i := range v {
		vbv += u[i] * v[i]
		vv += v[i] * v[i]
	}
	println(int64(math.Sqrt(vbv/vv) * 1e9))
}
