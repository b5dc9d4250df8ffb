// sync/atomic: the functions and types, from many goroutines.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"unsafe"
)

type counters struct {
	i32 int32
	u32 uint32
	i64 int64
	u64 uint64
	up  uintptr
}

func main() {
	var c counters
	var wg sync.WaitGroup
	var ai atomic.Int64
	var ab atomic.Bool
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				atomic.AddInt32(&c.i32, 1)
				atomic.AddUint32(&c.u32, 2)
				atomic.AddInt64(&c.i64, -3)
				atomic.AddUint64(&c.u64, 4)
				atomic.AddUintptr(&c.up, 5)
				ai.Add(int64(g))
			}
			ab.Store(true)
		}(g)
	}
	wg.Wait()
	fmt.Println(atomic.LoadInt32(&c.i32), atomic.LoadUint32(&c.u32), atomic.LoadInt64(&c.i64), atomic.LoadUint64(&c.u64), atomic.LoadUintptr(&c.up), ai.Load(), ab.Load())
	var x int32 = -1
	ok1 := atomic.CompareAndSwapInt32(&x, -1, 7)
	ok2 := atomic.CompareAndSwapInt32(&x, -1, 8)
	x1 := x
	old := atomic.SwapInt32(&x, -2)
	fmt.Println(ok1, ok2, x1, old, x)
	var u uint32 = 0x80000000
	ok3 := atomic.CompareAndSwapUint32(&u, 0x80000000, 1)
	u1 := u
	a1 := atomic.AddUint32(&u, ^uint32(0))
	a2 := atomic.AddUint32(&u, ^uint32(0))
	fmt.Println(ok3, u1, a1, a2)
	v := 10
	var p unsafe.Pointer
	atomic.StorePointer(&p, unsafe.Pointer(&v))
	fmt.Println(*(*int)(atomic.LoadPointer(&p)), atomic.CompareAndSwapPointer(&p, nil, nil))
	var val atomic.Value
	fmt.Println(val.Load())
	val.Store("a")
	fmt.Println(val.Load(), val.Swap("b"), val.CompareAndSwap("b", "c"), val.Load())
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		val.Store(1)
	}()
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		val.Store(nil)
	}()
	var u32 atomic.Uint32
	u32.Store(5)
	fmt.Println(u32.CompareAndSwap(5, 6), u32.Load(), u32.Swap(9), u32.Add(1))
	var nilp *int32
	defer func() { fmt.Println("recovered:", recover()) }()
	atomic.AddInt32(nilp, 1)
}
