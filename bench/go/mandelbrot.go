// mandelbrot: the 1600x1600 bitmap of the Mandelbrot set over
// [-1.5, 0.5] x [-1, 1], 50 iterations per point, packed 8 points a
// byte; prints a checksum of the bytes. A float64 loop with no calls.
package main

const (
	size  = 1600
	iters = 50
)

func main() {
	sum := uint32(0)
	for y := 0; y < size; y++ {
		ci := 2*float64(y)/size - 1
		bits, nbits := byte(0), 0
		for x := 0; x < size; x++ {
			cr := 2*float64(x)/size - 1.5
			zr, zi := 0.0, 0.0
			in := true
			for k := 0; k < iters; k++ {
				zr, zi = zr*zr-zi*zi+cr, 2*zr*zi+ci
				if zr*zr+zi*zi > 4 {
					in = false
					break
				}
			}
			bits <<= 1
			if in {
				bits |= 1
			}
			nbits++
			if nbits == 8 {
				sum = sum*31 + uint32(bits)
				bits, nbits = 0, 0
			}
		}
	}
	println(sum)
}
