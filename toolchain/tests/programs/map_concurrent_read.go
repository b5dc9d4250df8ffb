// One goroutine reads a map while another writes it, without a lock, on
// two processors: the runtime detects it and dies as gc does ("fatal
// error: concurrent map read and map write", exit status 2). Both loop
// until it does. (The reader sees the write under way; the writer never
// sees the reader, as in gc.)
package main

import "runtime"

var sum int

func main() {
	runtime.GOMAXPROCS(2)
	m := map[string]int{}
	keys := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
	for i, k := range keys {
		m[k] = i
	}
	go func() {
		for i := 0; ; i++ {
			m[keys[i&7]] = i
		}
	}()
	go func() {
		for i := 0; ; i++ {
			sum += m[keys[i&7]]
		}
	}()
	select {}
}
