// The smallest rgo program: `rgo run examples/hello.go`.
package main

func main() {
	println("hello, world")
}
