// fannkuch-redux for n = 10: every permutation of 0..9 in the order of
// the counting rotations, each flipped (its prefix reversed up to its
// first element) until 0 leads; prints a checksum and the most flips.
// Loops over small int arrays: indexing, swaps, compares.
package main

const n = 10

func main() {
	var perm, count, work [n]int
	for i := range perm {
		perm[i] = i
	}
	maxFlips, checksum, index := 0, 0, 0
	r := n
	for {
		for ; r != 1; r-- {
			count[r-1] = r
		}
		work = perm
		flips := 0
		for k := work[0]; k != 0; k = work[0] {
			for i, j := 0, k; i < j; i, j = i+1, j-1 {
				work[i], work[j] = work[j], work[i]
			}
			flips++
		}
		if flips > maxFlips {
			maxFlips = flips
		}
		if index%2 == 0 {
			checksum += flips
		} else {
			checksum -= flips
		}
		index++
		// The next permutation: rotate the first r+1 elements until a
		// counter is not exhausted.
		for {
			if r == n {
				println(checksum, maxFlips)
				return
			}
			first := perm[0]
			for i := 0; i < r; i++ {
				perm[i] = perm[i+1]
			}
			perm[r] = first
			count[r]--
			if count[r] > 0 {
				break
			}
			r++
		}
	}
}
