// parallel_fannkuch: fannkuch-redux for n = 11 (see fannkuch.go) split
// among runtime.NumCPU() goroutines (GOMAXPROCS set to NumCPU unless the
// environment sets it): the n! permutations, in the order of the counting
// rotations, in chunks of consecutive indexes dealt out through a
// channel; a worker starts a chunk at the permutation of its first index.
// Prints the checksum and the most flips (sums and maxima: the same
// however the chunks fall).
package main

import (
	"os"
	"runtime"
)

const n = 11

// fact[i] = i!
var fact [n + 1]int

type result struct{ checksum, maxFlips int }

// rotate turns perm[0..i] left by one.
func rotate(perm *[n]int, i int) {
	first := perm[0]
	for j := 0; j < i; j++ {
		perm[j] = perm[j+1]
	}
	perm[i] = first
}

// start sets perm and count to the permutation of index idx: count[i] is
// how often prefix 0..i turned since prefix 0..i+1 last did, the digits of
// idx in the factorial base; the larger prefixes turn first.
func start(idx int, perm, count *[n]int) {
	for i := range perm {
		perm[i] = i
	}
	for i := n - 1; i > 0; i-- {
		count[i] = idx / fact[i]
		idx %= fact[i]
		for k := 0; k < count[i]; k++ {
			rotate(perm, i)
		}
	}
}

// next moves perm and count to the next index.
func next(perm, count *[n]int) {
	for i := 1; i < n; i++ {
		rotate(perm, i)
		count[i]++
		if count[i] <= i {
			return
		}
		count[i] = 0
	}
}

// chunk flips the permutations of indexes lo..hi-1.
func chunk(lo, hi int) result {
	var perm, count, work [n]int
	var r result
	start(lo, &perm, &count)
	for idx := lo; idx < hi; idx++ {
		work = perm
		flips := 0
		for k := work[0]; k != 0; k = work[0] {
			for i, j := 0, k; i < j; i, j = i+1, j-1 {
				work[i], work[j] = work[j], work[i]
			}
			flips++
		}
		if flips > r.maxFlips {
			r.maxFlips = flips
		}
		if idx%2 == 0 {
			r.checksum += flips
		} else {
			r.checksum -= flips
		}
		next(&perm, &count)
	}
	return r
}

func main() {
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(runtime.NumCPU())
	}
	fact[0] = 1
	for i := 1; i <= n; i++ {
		fact[i] = fact[i-1] * i
	}
	workers := runtime.NumCPU()
	chunks := 24 * workers
	jobs := make(chan int, chunks)
	for k := 0; k < chunks; k++ {
		jobs <- k
	}
	close(jobs)
	results := make(chan result)
	for w := 0; w < workers; w++ {
		go func() {
			var t result
			for k := range jobs {
				r := chunk(k*fact[n]/chunks, (k+1)*fact[n]/chunks)
				t.checksum += r.checksum
				if r.maxFlips > t.maxFlips {
					t.maxFlips = r.maxFlips
				}
			}
			results <- t
		}()
	}
	var total result
	for w := 0; w < workers; w++ {
		t := <-results
		total.checksum += t.checksum
		if t.maxFlips > total.maxFlips {
			total.maxFlips = t.maxFlips
		}
	}
	println(total.checksum, total.maxFlips)
}
