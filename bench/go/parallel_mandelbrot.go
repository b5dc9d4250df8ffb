// parallel_mandelbrot: mandelbrot's 1600x1600 bitmap (50 iterations per
// point) with its rows dealt out to runtime.NumCPU() goroutines through a
// channel, as the Benchmarks Game's goroutine version does (GOMAXPROCS
// set to NumCPU unless the environment sets GOMAXPROCS); prints a
// checksum of the bytes.
package main

import (
	"fmt"
	"os"
	"runtime"
	"sync"
)

const (
	size  = 1600
	iters = 50
)

func row(y int, out []byte) {
	ci := 2*float64(y)/size - 1
	bits, nbits, at := byte(0), 0, 0
	for x := 0; x < size; x++ {
		cr := 2*float64(x)/size - 1.5
		zr, zi := 0.0, 0.0
		in := true
		for k := 0; k < iters; k++ {
			zr, zi = zr*zr-zi*zi+cr, 2*zr*zi+ci
			if zr*zr+zi*zi > 4 {
				in = false
				break
			}
		}
		bits <<= 1
		if in {
			bits |= 1
		}
		nbits++
		if nbits == 8 {
			out[at] = bits
			at++
			bits, nbits = 0, 0
		}
	}
}

func main() {
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(runtime.NumCPU())
	}
	img := make([][]byte, size)
	rows := make(chan int, size)
	for y := 0; y < size; y++ {
		img[y] = make([]byte, size/8)
		rows <- y
	}
	close(rows)
	var wg sync.WaitGroup
	for w := 0; w < runtime.NumCPU(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for y := range rows {
				row(y, img[y])
			}
		}()
	}
	wg.Wait()
	sum := uint32(0)
	for _, r := range img {
		for _, b := range r {
			sum = sum*31 + uint32(b)
		}
	}
	fmt.Println(sum)
}
