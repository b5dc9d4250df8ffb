// The collector's API: runtime.GC, ReadMemStats, SetFinalizer (setting,
// clearing), KeepAlive, debug.SetGCPercent and FreeOSMemory; what the
// figures say must hold in any collector (printed as checks, so the
// output is the same as gc's).
package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

type big struct {
	data [1 << 16]byte
	next *big
}

var keep []*big

func alloc(n int) {
	for i := 0; i < n; i++ {
		b := new(big)
		b.data[i%len(b.data)] = 1
		if i%16 == 0 {
			keep = append(keep, b)
		}
	}
}

func main() {
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	alloc(256) // 16 MB, 1 MB of it kept
	runtime.GC()
	runtime.ReadMemStats(&b)
	fmt.Println("NumGC grew:", b.NumGC > a.NumGC)
	fmt.Println("forced counted:", b.NumForcedGC > a.NumForcedGC)
	fmt.Println("TotalAlloc grew by 16 MB:", b.TotalAlloc-a.TotalAlloc >= 16<<20)
	fmt.Println("Mallocs grew:", b.Mallocs-a.Mallocs >= 256)
	fmt.Println("freed most:", b.Frees-a.Frees >= 200)
	fmt.Println("HeapAlloc = Alloc:", b.HeapAlloc == b.Alloc)
	fmt.Println("HeapAlloc small:", b.HeapAlloc < 8<<20)
	fmt.Println("HeapInuse+HeapIdle = HeapSys:", b.HeapInuse+b.HeapIdle == b.HeapSys)
	fmt.Println("Sys >= HeapSys:", b.Sys >= b.HeapSys)
	fmt.Println("HeapObjects = Mallocs-Frees:", b.HeapObjects == b.Mallocs-b.Frees)
	fmt.Println("NextGC above HeapAlloc:", b.NextGC > b.HeapAlloc)
	fmt.Println("BySize[1].Size:", b.BySize[1].Size)
	fmt.Println("EnableGC:", b.EnableGC)

	// GOGC off: allocation does not collect; back on: it does.
	old := debug.SetGCPercent(-1)
	fmt.Println("old percent:", old)
	runtime.ReadMemStats(&a)
	alloc(256)
	runtime.ReadMemStats(&b)
	fmt.Println("no collection while off:", b.NumGC == a.NumGC)
	fmt.Println("percent while off:", debug.SetGCPercent(50))
	alloc(512)
	runtime.ReadMemStats(&b)
	fmt.Println("collected when back on:", b.NumGC > a.NumGC)
	debug.SetGCPercent(100)

	// FreeOSMemory collects and releases the free pages.
	keep = nil
	debug.FreeOSMemory()
	runtime.ReadMemStats(&b)
	fmt.Println("released after FreeOSMemory:", b.HeapReleased > 0)

	// A finalizer set then cleared never runs; one left set runs.
	ran := make(chan string, 2)
	func() {
		x := new(big)
		runtime.SetFinalizer(x, func(*big) { ran <- "cleared one ran" })
		runtime.SetFinalizer(x, nil)
		y := &big{}
		runtime.SetFinalizer(y, func(p *big) { ran <- fmt.Sprint("set one ran ", len(p.data)) })
		runtime.KeepAlive(y)
	}()
	for i := 0; i < 10 && len(ran) == 0; i++ {
		runtime.GC()
	}
	fmt.Println(<-ran)

	// A finalizer may take its object as an empty interface.
	func() {
		z := &big{}
		runtime.SetFinalizer(z, func(v interface{}) { ran <- fmt.Sprintf("interface one ran %T", v) })
	}()
	for i := 0; i < 10 && len(ran) == 0; i++ {
		runtime.GC()
	}
	fmt.Println(<-ran)
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
