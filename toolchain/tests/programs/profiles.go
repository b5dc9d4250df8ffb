// runtime's profiles and runtime/pprof over them: the memory profile
// (every allocation sampled at MemProfileRate 1, frees counted by the
// collection), goroutine, block, mutex and thread-creation profiles, a CPU
// profile that names the function that spun, and goroutine labels in the
// goroutine profile; printed as checks, so the output is gc's.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"time"
)

var sink [][]byte

//go:noinline
func allocate() {
	for i := 0; i < 1000; i++ {
		sink = append(sink, make([]byte, 1024))
	}
}

//go:noinline
func spin(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i * i % 7
	}
	return s
}

// names is a stack's functions, innermost first.
func names(stk []uintptr) string {
	var out []string
	frames := runtime.CallersFrames(stk)
	for {
		f, more := frames.Next()
		out = append(out, f.Function)
		if !more {
			break
		}
	}
	return strings.Join(out, " <- ")
}

// memRecord sums the memory profile's records of allocate's 1 KiB
// allocations.
func memRecord() (sum runtime.MemProfileRecord) {
	n, _ := runtime.MemProfile(nil, true)
	recs := make([]runtime.MemProfileRecord, n+10)
	n, ok := runtime.MemProfile(recs, true)
	for _, r := range recs[:n] {
		if ok && strings.Contains(names(r.Stack()), "main.allocate <- main.main <- runtime.main") && r.AllocBytes == 1024*r.AllocObjects {
			sum.AllocObjects += r.AllocObjects
			sum.AllocBytes += r.AllocBytes
			sum.FreeObjects += r.FreeObjects
			sum.FreeBytes += r.FreeBytes
		}
	}
	return sum
}

// waitMain returns once the main goroutine waits in state (the wait
// reason a traceback shows), so that its wait is certain to be blocked.
func waitMain(state string) {
	buf := make([]byte, 1<<16)
	for !strings.Contains(string(buf[:runtime.Stack(buf, true)]), "goroutine 1 ["+state+"]") {
		time.Sleep(time.Millisecond)
	}
}

func main() {
	runtime.MemProfileRate = 1
	allocate()
	runtime.GC()
	r := memRecord()
	fmt.Println("allocate's records:", r.AllocObjects, r.AllocBytes, r.InUseObjects())
	sink = nil
	runtime.GC()
	runtime.GC()
	r = memRecord()
	fmt.Println("after their frees:", r.AllocObjects, r.FreeObjects, r.InUseBytes())

	ch := make(chan int)
	go func() { ch <- 1 }()
	gp := make([]runtime.StackRecord, 10)
	n, ok := runtime.GoroutineProfile(gp)
	fmt.Println("goroutines:", n, ok, strings.HasSuffix(names(gp[0].Stack()), "main.main <- runtime.main <- runtime.goexit"))
	<-ch

	runtime.SetBlockProfileRate(1)
	done := make(chan bool)
	go func() { waitMain("chan receive"); done <- true }()
	<-done
	runtime.SetBlockProfileRate(0)
	bp := make([]runtime.BlockProfileRecord, 10)
	n, ok = runtime.BlockProfile(bp)
	fmt.Println("block:", n, ok, bp[0].Count, bp[0].Cycles > 0, strings.Contains(names(bp[0].Stack()), "main.main <- runtime.main"))

	fmt.Println("mutex fraction:", runtime.SetMutexProfileFraction(1))
	var mu sync.Mutex
	mu.Lock()
	go func() { waitMain("semacquire"); mu.Unlock() }()
	mu.Lock()
	mp := make([]runtime.BlockProfileRecord, 10)
	n, ok = runtime.MutexProfile(mp)
	fmt.Println("mutex:", n, ok, mp[0].Count, names(mp[0].Stack()))

	n, ok = runtime.ThreadCreateProfile(nil)
	fmt.Println("threads:", n > 0, !ok)

	// A CPU profile of a spinning loop names it, and its samples carry the
	// goroutine's labels (tried until a tick fell in it: the samples come
	// with the CPU time spent).
	named := false
	for try := 0; try < 50 && !named; try++ {
		var buf bytes.Buffer
		if err := pprof.StartCPUProfile(&buf); err != nil {
			fmt.Println(err)
			return
		}
		pprof.Do(context.Background(), pprof.Labels("worker", "spinner"), func(ctx context.Context) {
			spin(20_000_000)
		})
		pprof.StopCPUProfile()
		zr, err := gzip.NewReader(&buf)
		if err != nil {
			fmt.Println(err)
			return
		}
		raw, _ := io.ReadAll(zr)
		named = bytes.Contains(raw, []byte("main.spin")) && bytes.Contains(raw, []byte("spinner"))
	}
	fmt.Println("cpu profile names main.spin and its label:", named)
	fmt.Println("a second profile at once:", pprof.StartCPUProfile(io.Discard), pprof.StartCPUProfile(io.Discard) != nil)
	pprof.StopCPUProfile()
	var hb bytes.Buffer
	pprof.Lookup("heap").WriteTo(&hb, 1)
	fmt.Println("heap profile:", strings.HasPrefix(hb.String(), "heap profile: "), strings.Contains(hb.String(), "main.allocate"))
}
