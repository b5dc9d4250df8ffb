// Package sort sorts slices and user-defined collections and searches
// sorted ones.
package sort

// Interface is a collection that Sort, Stable and IsSorted can sort by
// integer index.
type Interface interface {
	// Len is the number of elements.
	Len() int
	// Less reports whether element i must sort before element j. It must
	// be a strict weak ordering.
	Less(i, j int) bool
	// Swap exchanges elements i and j.
	Swap(i, j int)
}

// Sort sorts data in ascending order by Less. It makes O(n log n) calls of
// Less and Swap and is not stable.
func Sort(data Interface) {
	n := data.Len()
	if n < 2 {
		return
	}
	introSort(data, 0, n, 2*floorLog2(n))
}

// floorLog2 returns the index of n's highest set bit (n > 0).
func floorLog2(n int) int {
	k := 0
	for n > 1 {
		n >>= 1
		k++
	}
	return k
}

// smallSort is the length under which insertion sort takes over.
const smallSort = 12

// introSort sorts data[lo:hi]: quicksort with a median pivot, recursing into
// the smaller part and looping on the larger, and heapsort once depth
// partitions have not shrunk the range enough.
func introSort(data Interface, lo, hi, depth int) {
	for hi-lo > smallSort {
		if depth == 0 {
			heapSort(data, lo, hi)
			return
		}
		depth--
		p := partition(data, lo, hi)
		// data[lo:p] <= data[p] <= data[p+1:hi]
		if p-lo < hi-p-1 {
			introSort(data, lo, p, depth)
			lo = p + 1
		} else {
			introSort(data, p+1, hi, depth)
			hi = p
		}
	}
	insertionSort(data, lo, hi)
}

// sort3 orders data[a], data[b], data[c] so that data[b] is their median.
func sort3(data Interface, a, b, c int) {
	if data.Less(b, a) {
		data.Swap(a, b)
	}
	if data.Less(c, b) {
		data.Swap(b, c)
		if data.Less(b, a) {
			data.Swap(a, b)
		}
	}
}

// partition picks a pivot (median of three, or of three medians of three
// for long ranges), moves it to lo, and partitions data[lo+1:hi] around it
// with two inward scans that both stop at elements equal to the pivot, so
// runs of equal elements split evenly. It returns the pivot's final index.
func partition(data Interface, lo, hi int) int {
	n := hi - lo
	m := lo + n/2
	if n > 40 {
		s := n / 8
		sort3(data, lo, lo+s, lo+2*s)
		sort3(data, m-s, m, m+s)
		sort3(data, hi-1-2*s, hi-1-s, hi-1)
		sort3(data, lo+s, m, hi-1-s)
	} else {
		sort3(data, lo, m, hi-1)
	}
	data.Swap(lo, m)
	i, j := lo+1, hi-1
	for {
		for i <= j && data.Less(i, lo) {
			i++
		}
		for i <= j && data.Less(lo, j) {
			j--
		}
		if i >= j {
			break
		}
		data.Swap(i, j)
		i++
		j--
	}
	// Every element before j+1 is <= pivot and data[j] is one of them
	// (or the pivot's own slot when j == lo).
	data.Swap(lo, j)
	return j
}

func insertionSort(data Interface, lo, hi int) {
	for i := lo + 1; i < hi; i++ {
		for j := i; j > lo && data.Less(j, j-1); j-- {
			data.Swap(j, j-1)
		}
	}
}

// heapSort sorts data[lo:hi] with a max-heap rooted at lo.
func heapSort(data Interface, lo, hi int) {
	n := hi - lo
	for root := n/2 - 1; root >= 0; root-- {
		siftDown(data, root, n, lo)
	}
	for end := n - 1; end > 0; end-- {
		data.Swap(lo, lo+end)
		siftDown(data, 0, end, lo)
	}
}

// siftDown restores the heap property below root in a heap of n elements
// stored from offset base.
func siftDown(data Interface, root, n, base int) {
	for {
		child := 2*root + 1
		if child >= n {
			return
		}
		if child+1 < n && data.Less(base+child, base+child+1) {
			child++
		}
		if !data.Less(base+root, base+child) {
			return
		}
		data.Swap(base+root, base+child)
		root = child
	}
}

// IsSorted reports whether data is sorted.
func IsSorted(data Interface) bool {
	for i := data.Len() - 1; i > 0; i-- {
		if data.Less(i, i-1) {
			return false
		}
	}
	return true
}

type reverse struct {
	Interface
}

func (r reverse) Less(i, j int) bool { return r.Interface.Less(j, i) }

// Reverse returns data with the order of Less reversed.
func Reverse(data Interface) Interface {
	return &reverse{data}
}
