package sort

// Stable sorts data in ascending order by Less, keeping equal elements in
// their original order. It makes O(n log n) calls of Less and O(n log² n)
// calls of Swap, and needs no extra memory: runs of stableRun elements are
// insertion sorted, then neighbouring runs are merged in place with
// SymMerge (Kim and Kutzner, 2004), doubling the run length each pass.
func Stable(data Interface) {
	n := data.Len()
	run := stableRun
	for lo := 0; lo < n; lo += run {
		hi := lo + run
		if hi > n {
			hi = n
		}
		insertionSort(data, lo, hi)
	}
	for ; run < n; run *= 2 {
		for lo := 0; lo+run < n; lo += 2 * run {
			hi := lo + 2*run
			if hi > n {
				hi = n
			}
			symMerge(data, lo, lo+run, hi)
		}
	}
}

const stableRun = 20

// symMerge merges the sorted ranges data[a:m] and data[m:b] stably.
//
// The two ranges are split around the middle of data[a:b] so that a suffix
// of the left range and a prefix of the right one trade places by one
// rotation; the two halves this leaves are then merged recursively.
func symMerge(data Interface, a, m, b int) {
	if m-a == 1 {
		// Insert data[a] before the first element of data[m:b] not less
		// than it.
		lo, hi := m, b
		for lo < hi {
			h := int(uint(lo+hi) >> 1)
			if data.Less(h, a) {
				lo = h + 1
			} else {
				hi = h
			}
		}
		for k := a; k < lo-1; k++ {
			data.Swap(k, k+1)
		}
		return
	}
	if b-m == 1 {
		// Insert data[m] after the last element of data[a:m] not greater
		// than it.
		lo, hi := a, m
		for lo < hi {
			h := int(uint(lo+hi) >> 1)
			if !data.Less(m, h) {
				lo = h + 1
			} else {
				hi = h
			}
		}
		for k := m; k > lo; k-- {
			data.Swap(k, k-1)
		}
		return
	}

	mid := int(uint(a+b) >> 1)
	total := mid + m
	// Find cut, the start of the left range's moving suffix: the smallest
	// index such that data[cut] must follow data[total-1-cut], searching
	// only where the mirrored index stays inside the right range.
	var lo, hi int
	if m > mid {
		lo, hi = total-b, mid
	} else {
		lo, hi = a, m
	}
	last := total - 1
	for lo < hi {
		c := int(uint(lo+hi) >> 1)
		if !data.Less(last-c, c) {
			lo = c + 1
		} else {
			hi = c
		}
	}
	cut := lo
	end := total - cut
	if cut < m && m < end {
		rotate(data, cut, m, end)
	}
	if a < cut && cut < mid {
		symMerge(data, a, cut, mid)
	}
	if mid < end && end < b {
		symMerge(data, mid, end, b)
	}
}

// rotate turns data[a:m] data[m:b] into data[m:b] data[a:m] by repeatedly
// swapping equal-length blocks (the Gries-Mills rotation).
func rotate(data Interface, a, m, b int) {
	left, right := m-a, b-m
	for left != right {
		if left > right {
			swapBlocks(data, m-left, m, right)
			left -= right
		} else {
			swapBlocks(data, m-left, m+right-left, left)
			right -= left
		}
	}
	swapBlocks(data, m-left, m, left)
}

// swapBlocks exchanges data[x:x+n] with data[y:y+n].
func swapBlocks(data Interface, x, y, n int) {
	for k := 0; k < n; k++ {
		data.Swap(x+k, y+k)
	}
}
