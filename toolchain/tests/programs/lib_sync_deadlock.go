// A WaitGroup nobody marks done: every goroutine is asleep.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	wg.Add(2)
	go func() {
		defer wg.Done()
		mu.Lock()
		fmt.Println("locked")
	}()
	wg.Wait()
}
