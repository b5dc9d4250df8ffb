// Map lookups: a 1024-key map[string]int with keys like "key-123", read 30
// million times (BASELINES §5: gc takes 11.1–11.4 ns per lookup). The keys
// are built once; the lookups index a slice of them. Checksum: the sum of
// the values read.
package main

import "strconv"

const iters = 30000000

func main() {
	keys := make([]string, 1024)
	m := make(map[string]int)
	for i := range keys {
		keys[i] = "key-" + strconv.Itoa(i)
		m[keys[i]] = i
	}
	total := 0
	for i := 0; i < iters; i++ {
		total += m[keys[i&1023]]
	}
	println(total)
}
