// Growable stacks: deep recursion and a huge frame on a goroutine stack
// that starts small.
package main

//go:noinline
func depth(n int) int {
	if n == 0 {
		return 0
	}
	return depth(n-1) + 1
}

//go:noinline
func big(i int) int {
	var a [100000]int // an 800 KB frame
	a[i] = i
	a[99999-i] = 2 * i
	s := 0
	for _, v := range a {
		s += v
	}
	return s
}

// Arguments and results on the stack must cross segments intact.
//
//go:noinline
func many(a, b, c, d, e, f, g, h, i, j, k int, x [3]int, n int) (int, [3]int) {
	if n == 0 {
		return a + b + c + d + e + f + g + h + i + j + k, x
	}
	s, y := many(a, b, c, d, e, f, g, h, i, j, k, [3]int{x[1], x[2], x[0]}, n-1)
	return s + 1, y
}

func main() {
	println(depth(1000000))
	println(depth(100000))
	println(big(7))
	s, y := many(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, [3]int{1, 2, 3}, 50000)
	println(s, y[0], y[1], y[2])
}
