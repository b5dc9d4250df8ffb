// Two goroutines write one map without a lock, on two processors: the
// runtime detects it and dies as gc does ("fatal error: concurrent map
// writes", exit status 2). The writers loop until it does, so the program
// ends however the two threads are scheduled, once they overlap.
package main

import "runtime"

func main() {
	runtime.GOMAXPROCS(2)
	m := map[int]int{}
	for i := 0; i < 64; i++ {
		m[i] = i
	}
	for w := 0; w < 2; w++ {
		go func(w int) {
			for i := 0; ; i++ {
				m[(i+w*32)&63] = i
			}
		}(w)
	}
	select {}
}
