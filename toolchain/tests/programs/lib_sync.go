package main

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

type S struct{ a, b int }

func catch(f func()) (m any) {
	defer func() { m = recover() }()
	f()
	return nil
}

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	n := 0
	for g := 0; g < 50; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				mu.Lock()
				v := n
				runtime.Gosched()
				n = v + 1
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	fmt.Println("mutex", n)

	var rw sync.RWMutex
	shared := 0
	readers := 0
	for g := 0; g < 20; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				if g%4 == 0 {
					rw.Lock()
					if readers != 0 {
						fmt.Println("writer with readers")
					}
					v := shared
					runtime.Gosched()
					shared = v + 1
					rw.Unlock()
				} else {
					l := rw.RLocker()
					l.Lock()
					readers++
					runtime.Gosched()
					readers--
					l.Unlock()
				}
			}
		}(g)
	}
	wg.Wait()
	fmt.Println("rwmutex", shared, rw.TryLock(), rw.TryRLock())
	rw.Unlock()

	var once sync.Once
	c := 0
	for i := 0; i < 10; i++ {
		once.Do(func() { c++ })
	}
	fmt.Println("once", c)

	cmu := &sync.Mutex{}
	cond := sync.NewCond(cmu)
	q := []int{}
	done := make(chan int)
	for w := 0; w < 4; w++ {
		go func() {
			sum := 0
			for {
				cmu.Lock()
				for len(q) == 0 {
					cond.Wait()
				}
				v := q[0]
				q = q[1:]
				cmu.Unlock()
				if v < 0 {
					done <- sum
					return
				}
				sum += v
			}
		}()
	}
	for i := 1; i <= 1000; i++ {
		cmu.Lock()
		q = append(q, i)
		cond.Signal()
		cmu.Unlock()
		if i%10 == 0 {
			runtime.Gosched()
		}
	}
	cmu.Lock()
	q = append(q, -1, -1, -1, -1)
	cond.Broadcast()
	cmu.Unlock()
	tot := 0
	for w := 0; w < 4; w++ {
		tot += <-done
	}
	fmt.Println("cond", tot)
	fmt.Println(catch(func() { c2 := *cond; c2.Signal() }).(string))

	p := sync.Pool{New: func() any { return "new" }}
	p.Put("a")
	fmt.Println("pool", p.Get().(string), p.Get().(string))

	var m sync.Map
	for i := 0; i < 100; i++ {
		m.Store(i, i*i)
	}
	v, ok := m.Load(7)
	a, l := m.LoadOrStore(7, 0)
	b, l2 := m.LoadOrStore(700, 1)
	d, ok3 := m.LoadAndDelete(8)
	m.Delete(9)
	cnt, sum := 0, 0
	m.Range(func(k, v any) bool { cnt++; sum += v.(int); return true })
	fmt.Println("map", v.(int), ok, a.(int), l, b.(int), l2, d.(int), ok3, cnt, sum)

	var val atomic.Value
	fmt.Println(val.Load() == nil, catch(func() { val.Store(nil) }).(string))
	val.Store(S{1, 2})
	fmt.Println(catch(func() { val.Store(3) }).(string))
	fmt.Println(val.CompareAndSwap(S{1, 2}, S{3, 4}), val.CompareAndSwap(S{1, 2}, S{5, 6}), val.Load().(S).a)
	fmt.Println(val.Swap(S{7, 8}).(S).b, catch(func() { val.CompareAndSwap(1, "x") }).(string))
	fmt.Println(catch(func() { val.CompareAndSwap(nil, 1) }).(string))
	var bo atomic.Bool
	var i64 atomic.Int64
	i64.Add(5)
	bo.Store(true)
	fmt.Println(bo.Load(), bo.Swap(false), bo.Load(), i64.Load(), i64.CompareAndSwap(5, 6), i64.Load())

	fmt.Println(catch(func() { var wg2 sync.WaitGroup; wg2.Add(-1) }).(string))
	var m2 sync.Mutex
	m2.Lock()
	m2.Unlock()
	m2.Unlock()
}
