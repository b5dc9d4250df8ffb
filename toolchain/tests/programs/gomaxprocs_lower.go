// runtime.GOMAXPROCS(1) after goroutines ran on two processors: from its
// return on, one thread runs goroutines (gc stops the world to resize its
// processors). Four goroutines then spin on arithmetic (no allocation, no
// system call, so no collection helper and no thread back from a call
// runs beside them): the process's CPU time cannot exceed the wall time
// they took by much (the monitor's ticks), where two processors would take
// up to twice the wall time. The check cannot fail for a runtime that
// keeps to GOMAXPROCS, however loaded the machine (load only lowers the
// CPU time); raised again, GOMAXPROCS(2) lets them overlap.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"syscall"
	"time"
)

var sink [4]int

func spin(k, n int, wg *sync.WaitGroup) {
	defer wg.Done()
	x := k
	for i := 0; i < n; i++ {
		x = x*1103515245 + 12345
		x ^= x >> 7
	}
	sink[k] = x
}

func cpu() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func run(n int) (wall, used time.Duration) {
	var wg sync.WaitGroup
	c0, t0 := cpu(), time.Now()
	for k := 0; k < 4; k++ {
		wg.Add(1)
		go spin(k, n, &wg)
	}
	wg.Wait()
	return time.Since(t0), cpu() - c0
}

func main() {
	runtime.GOMAXPROCS(2)
	// Goroutines on both processors, one still spinning when the setting
	// drops.
	var wg sync.WaitGroup
	wg.Add(1)
	go spin(0, 50_000_000, &wg)
	run(10_000_000)
	fmt.Println("was", runtime.GOMAXPROCS(1))
	wall, used := run(50_000_000)
	fmt.Println("one processor: cpu within wall", used < wall+wall/4+20*time.Millisecond)
	wg.Wait()
	fmt.Println("was", runtime.GOMAXPROCS(2))
	run(10_000_000)
	fmt.Println("done", runtime.GOMAXPROCS(0))
}
