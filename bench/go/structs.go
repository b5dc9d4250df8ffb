// Structs passed and returned by value: a 4-float vector (four float
// registers each way) and a record with an array field (an array of
// length 2 is not register-assignable, so the whole record travels in
// memory). Callees are noinline. Checksum: the final fields.
package main

type Vec4 struct {
	x, y, z, w float64
}

type Rec struct {
	a, b int
	c    float64
	d    [2]int
}

//go:noinline
func add4(p, q Vec4) Vec4 {
	return Vec4{p.x + q.x, p.y + q.y, p.z + q.z, p.w + q.w}
}

//go:noinline
func step(r Rec, k int) Rec {
	r.a += k
	r.b ^= r.a
	r.c += 0.5
	r.d[0] += r.b & 7
	r.d[1] = r.d[0] - k
	return r
}

const iters = 30000000

func main() {
	v := Vec4{}
	d := Vec4{1, 0.5, 0.25, 2}
	r := Rec{a: 1, b: 2}
	for i := 0; i < iters; i++ {
		v = add4(v, d)
		r = step(r, i)
	}
	println(v.x, v.y, v.z, v.w)
	println(r.a, r.b, r.c, r.d[0], r.d[1])
}
