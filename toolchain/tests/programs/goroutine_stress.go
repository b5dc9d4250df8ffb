// Many goroutines at once on channels, a mutex-guarded map, sync.WaitGroup,
// select, the allocator and runtime.GC, with loops that yield only at
// their back edges: whatever the interleaving (preemption comes from a
// CPU-time tick), the totals are fixed. ci runs it under RGO_GCSTRESS too.
package main

import (
	"fmt"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
)

type item struct {
	next *item
	key  string
	val  int
}

const workers = 8
const rounds = 150

func main() {
	var mu sync.Mutex
	shared := map[string]int{}
	jobs := make(chan int, 4)
	results := make(chan *item, 4)
	quit := make(chan struct{})
	var spins int64
	var wg sync.WaitGroup

	// Workers: take a job, build a list of fresh objects for it, record
	// it in the map under the lock, send the list's head on.
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for j := range jobs {
				var head *item
				for k := 0; k < j%7+1; k++ {
					head = &item{head, fmt.Sprintf("k%d", j%13), k}
				}
				mu.Lock()
				shared[head.key] += j
				mu.Unlock()
				if j%50 == 0 {
					runtime.GC()
				}
				results <- head
			}
		}(w)
	}
	// A spinner that calls nothing in its inner loop: it yields at the
	// back edges. Main waits until it has spun once, then goes on while
	// it spins.
	spun, started := make(chan bool), make(chan bool)
	go func() {
		n, first := int64(0), true
		for {
			select {
			case <-quit:
				atomic.StoreInt64(&spins, n)
				spun <- true
				return
			default:
			}
			for i := 0; i < 1000; i++ {
				n += int64(i & 1)
			}
			if first {
				first = false
				started <- true
			}
		}
	}()
	<-started
	// The producer.
	go func() {
		for j := 1; j <= workers*rounds; j++ {
			jobs <- j
		}
		close(jobs)
	}()
	// The consumer: walks each list (written by another goroutine).
	total, lists := 0, 0
	for i := 0; i < workers*rounds; i++ {
		for p := <-results; p != nil; p = p.next {
			total += p.val
		}
		lists++
	}
	wg.Wait()
	close(quit)
	<-spun
	keys := make([]string, 0, len(shared))
	sum := 0
	for k, v := range shared {
		keys = append(keys, k)
		sum += v
	}
	sort.Strings(keys)
	fmt.Println("lists", lists, "list total", total)
	fmt.Println("map keys", len(keys), keys[0], keys[len(keys)-1], "sum", sum)
	fmt.Println("spinner ran", atomic.LoadInt64(&spins) >= 500)
}
