package main

import "fmt"

// Prints the order of one range over a map: the e2e test runs it several
// times and expects the order to differ between runs (the hash seed and
// the start of each range are random per process).
func main() {
	m := map[int]bool{}
	for i := 0; i < 64; i++ {
		m[i] = true
	}
	for k := range m {
		fmt.Print(k, " ")
	}
	fmt.Println()
}
