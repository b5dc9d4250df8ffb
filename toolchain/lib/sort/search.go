package sort

// Search returns the smallest index i in [0, n) at which f(i) is true,
// assuming f is false up to some index and true from there on; it returns n
// if there is no such index.
func Search(n int, f func(int) bool) int {
	lo, hi := 0, n
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		if !f(h) {
			lo = h + 1
		} else {
			hi = h
		}
	}
	return lo
}

// Find returns the smallest index i in [0, n) at which cmp(i) <= 0,
// assuming cmp is positive up to some index and non-positive from there
// on, or n if there is none; found reports whether cmp(i) == 0 there.
func Find(n int, cmp func(int) int) (i int, found bool) {
	lo, hi := 0, n
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		if cmp(h) > 0 {
			lo = h + 1
		} else {
			hi = h
		}
	}
	return lo, lo < n && cmp(lo) == 0
}

// SearchInts returns the index at which x is in the sorted slice a, or
// where it would be inserted.
func SearchInts(a []int, x int) int {
	lo, hi := 0, len(a)
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		if !(a[h] >= x) {
			lo = h + 1
		} else {
			hi = h
		}
	}
	return lo
}

// SearchFloat64s returns the index at which x is in the sorted slice a, or
// where it would be inserted.
func SearchFloat64s(a []float64, x float64) int {
	lo, hi := 0, len(a)
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		if !(a[h] >= x) {
			lo = h + 1
		} else {
			hi = h
		}
	}
	return lo
}

// SearchStrings returns the index at which x is in the sorted slice a, or
// where it would be inserted.
func SearchStrings(a []string, x string) int {
	lo, hi := 0, len(a)
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		if !(a[h] >= x) {
			lo = h + 1
		} else {
			hi = h
		}
	}
	return lo
}
