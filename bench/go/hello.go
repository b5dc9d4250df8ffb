// The smallest program: startup cost and binary size.
package main

func main() {
	println("hello, world")
}
