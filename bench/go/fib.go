// Recursive Fibonacci: call and return overhead of a small non-leaf
// function (about 30M calls). Checksum: fib(35) = 9227465.
package main

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	println(fib(35))
}
