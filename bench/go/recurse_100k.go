// Recursion to depth 100,000 on a fresh stack (BASELINES §3: a 24 B frame).
package main

//go:noinline
func rec(n int) int {
	if n == 0 {
		return 0
	}
	return rec(n-1) + 1
}

func main() {
	println(rec(100000))
}
