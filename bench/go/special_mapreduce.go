// Map, filter and reduce over 1M ints through function values, 20 times:
// generic_mapreduce.go written for its concrete types by hand (the baseline
// of its generic version).
package main

func mapSlice(dst []point, src []int, f func(int) point) []point {
	dst = dst[:0]
	for _, x := range src {
		dst = append(dst, f(x))
	}
	return dst
}

func filter(dst, src []point, keep func(point) bool) []point {
	dst = dst[:0]
	for _, x := range src {
		if keep(x) {
			dst = append(dst, x)
		}
	}
	return dst
}

func reduce(src []point, acc float64, f func(float64, point) float64) float64 {
	for _, x := range src {
		acc = f(acc, x)
	}
	return acc
}

type point struct{ x, y float64 }

func main() {
	const n = 1000000
	src := make([]int, n)
	for i := range src {
		src[i] = i*7 + 3
	}
	var pts []point
	var kept []point
	total := 0.0
	for round := 0; round < 20; round++ {
		pts = mapSlice(pts, src, func(i int) point { return point{float64(i % 1000), float64(i % 17)} })
		kept = filter(kept, pts, func(p point) bool { return p.x > p.y })
		total += reduce(kept, 0.0, func(s float64, p point) float64 { return s + p.x - p.y })
	}
	println(int64(total), len(kept))
}
