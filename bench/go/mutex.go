// Uncontended sync.Mutex Lock+Unlock: 50,000,000 pairs (BASELINES §5).
package main

import "sync"

type counter struct {
	mu sync.Mutex
	n  int
}

func main() {
	var c counter
	for i := 0; i < 50000000; i++ {
		c.mu.Lock()
		c.n++
		c.mu.Unlock()
	}
	println(c.n)
}
