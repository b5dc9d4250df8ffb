// debug.SetMaxStack: the previous limit comes back (Go's 1e9 bytes at
// first), a recursion within the new limit runs, one past it ends the
// program with Go's fatal error.
package main

import "runtime/debug"

func f(n int) int {
	var a [1024]byte
	a[n%1024] = byte(n)
	if n == 0 {
		return int(a[0])
	}
	return f(n-1) + int(a[n%1024])
}

func main() {
	println(debug.SetMaxStack(1 << 20))
	println(debug.SetMaxStack(1 << 20))
	println(f(100))
	f(100000)
	println("not reached")
}
