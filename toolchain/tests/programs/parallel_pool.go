// sync.Pool and defer on several processors (runtime.GOMAXPROCS(2); one
// processor where rgo's runtime runs one thread, with the same output):
// goroutines take buffers from a pool, mark them theirs while they use
// them (a buffer two goroutines held at once would show), format with fmt
// (whose printers come from a pool), collect now and then (each
// collection empties the pools, so their next use takes the pool's slow
// path under its global mutex, contended), and return through deferred
// calls that unlock, count and recover.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

type buffer struct {
	owner int32
	b     []byte
}

var pool = sync.Pool{New: func() any { return &buffer{b: make([]byte, 0, 64)} }}

var (
	mu        sync.Mutex
	lengths   int
	recovered atomic.Int64
	shared    atomic.Int64
)

// format borrows a buffer, formats into it and gives it back.
func format(id int32, j int) int {
	b := pool.Get().(*buffer)
	if !atomic.CompareAndSwapInt32(&b.owner, 0, id) {
		shared.Add(1)
	}
	defer pool.Put(b)
	defer atomic.StoreInt32(&b.owner, 0)
	b.b = append(b.b[:0], fmt.Sprintf("%d:%d", id, j)...)
	return len(b.b)
}

// add counts n under the mutex, unlocked by a deferred call.
func add(n int) {
	mu.Lock()
	defer mu.Unlock()
	lengths += n
}

// mayPanic panics for every 100th j; the deferred call recovers.
func mayPanic(j int) (ok bool) {
	defer func() {
		if recover() != nil {
			recovered.Add(1)
			ok = false
		}
	}()
	if j%100 == 0 {
		panic(j)
	}
	return true
}

func main() {
	runtime.GOMAXPROCS(2)
	const workers, rounds = 8, 20000
	var wg sync.WaitGroup
	for i := 1; i <= workers; i++ {
		wg.Add(1)
		go func(id int32) {
			defer wg.Done()
			n := 0
			for j := 0; j < rounds; j++ {
				n += format(id, j)
				mayPanic(j)
				if j%5000 == 0 && id%2 == 0 {
					runtime.GC()
				}
			}
			add(n)
		}(int32(i))
	}
	wg.Wait()
	fmt.Println("lengths", lengths)
	fmt.Println("recovered", recovered.Load())
	fmt.Println("buffers held twice", shared.Load())
}
