// Map lookups: a 1024-key map[int]int read 50 million times (BASELINES §5:
// gc takes 10.2 ns per lookup). Keys hit and miss alternately.
// Checksum: the sum of the values read.
package main

const iters = 50000000

func main() {
	m := make(map[int]int)
	for i := 0; i < 1024; i++ {
		m[i*2] = i
	}
	total := 0
	for i := 0; i < iters; i++ {
		total += m[i&2047]
	}
	println(total)
}
