// Unbounded recursion ends in Go's stack overflow fatal error.
package main

func f(n int) int { return f(n+1) + 1 }

func main() {
	println(f(0))
}
