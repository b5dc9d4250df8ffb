// An assembly function called from Go, and a Go function called from
// assembly: rgo generates the ABI wrappers between Go's register ABI
// (ABIInternal) and the stack-only ABI0 that hand-written assembly uses.
//
//	rgo run examples/asm/add.go examples/asm/add_amd64.S
package main

// Add is implemented in add_amd64.S (ABI0: arguments and results on the stack).
func Add(a, b int64) int64

// Scale is implemented in add_amd64.S; it calls back into Go's triple.
func Scale(x int64) int64

// Ping has no parameters and no results: its wrapper is a plain jump.
func Ping()

var pinged int

// triple is called from assembly through its ABI0 wrapper.
func triple(x int64) int64 { return 3 * x }

// pong is called from assembly (no parameters, no results).
func pong() { pinged++ }

func main() {
	println("Add(40, 2) =", Add(40, 2))
	println("Scale(14) =", Scale(14))
	Ping()
	println("pinged", pinged, "time")
}
