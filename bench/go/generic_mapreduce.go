// Map, filter and reduce over 1M ints through function values, 20 times,
// written once with type parameters; special_mapreduce.go is the same code
// written for the concrete types (issue 25: generic within 1.05x of
// hand-specialised).
package main

func mapSlice[T, U any](dst []U, src []T, f func(T) U) []U {
	dst = dst[:0]
	for _, x := range src {
		dst = append(dst, f(x))
	}
	return dst
}

func filter[T any](dst, src []T, keep func(T) bool) []T {
	dst = dst[:0]
	for _, x := range src {
		if keep(x) {
			dst = append(dst, x)
		}
	}
	return dst
}

func reduce[T, A any](src []T, acc A, f func(A, T) A) A {
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
