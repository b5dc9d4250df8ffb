// parallel_spectral_norm: spectral-norm for n = 3000 (see spectral_norm.go)
// with the rows of every matrix-vector product split among
// runtime.NumCPU() goroutines, joined by a sync.WaitGroup each time (40
// joins; GOMAXPROCS set to NumCPU unless the environment sets it); prints
// the norm times 1e9. Each row is one goroutine's, in one order, so the
// result does not depend on the split.
package main

import (
	"math"
	"os"
	"runtime"
	"sync"
)

const n = 3000

func a(i, j int) float64 {
	return 1 / float64((i+j)*(i+j+1)/2+i+1)
}

// rows computes rows lo..hi of v = A u, or of v = A' u when transposed.
func rows(v, u []float64, lo, hi int, transposed bool) {
	for i := lo; i < hi; i++ {
		s := 0.0
		for j := range u {
			if transposed {
				s += a(j, i) * u[j]
			} else {
				s += a(i, j) * u[j]
			}
		}
		v[i] = s
	}
}

// product computes v = A u (or A' u) on `workers` goroutines.
func product(v, u []float64, transposed bool, workers int) {
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := w*len(v)/workers, (w+1)*len(v)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			rows(v, u, lo, hi, transposed)
		}()
	}
	wg.Wait()
}

func main() {
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(runtime.NumCPU())
	}
	workers := runtime.NumCPU()
	u := make([]float64, n)
	v := make([]float64, n)
	tmp := make([]float64, n)
	for i := range u {
		u[i] = 1
	}
	for i := 0; i < 10; i++ {
		product(tmp, u, false, workers)
		product(v, tmp, true, workers)
		product(tmp, v, false, workers)
		product(u, tmp, true, workers)
	}
	var vbv, vv float64
	for i := range v {
		vbv += u[i] * v[i]
		vv += v[i] * v[i]
	}
	println(int64(math.Sqrt(vbv/vv) * 1e9))
}
