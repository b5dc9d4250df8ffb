package sort

// sliceLen returns the length of the slice x holds. If x is not a slice it
// panics as Go's reflect-based Swapper does ("reflect: call of Swapper on
// int Value").
//
//rgo:runtime rgo_slice_len
func sliceLen(x any) int

// sliceSwap exchanges elements i and j of the slice x holds.
//
//rgo:runtime rgo_slice_swap
func sliceSwap(x any, i, j int)

// anySlice adapts a slice held in an interface and a less function to
// Interface.
type anySlice struct {
	x    any
	n    int
	less func(i, j int) bool
}

func (s *anySlice) Len() int           { return s.n }
func (s *anySlice) Less(i, j int) bool { return s.less(i, j) }
func (s *anySlice) Swap(i, j int)      { sliceSwap(s.x, i, j) }

// Slice sorts the slice x by less, which reports whether x[i] must come
// before x[j]. The sort is not stable. It panics if x is not a slice.
func Slice(x any, less func(i, j int) bool) {
	n := sliceLen(x)
	if n < 2 {
		return
	}
	introSort(&anySlice{x: x, n: n, less: less}, 0, n, 2*floorLog2(n))
}

// SliceStable sorts the slice x by less, keeping equal elements in their
// original order. It panics if x is not a slice.
func SliceStable(x any, less func(i, j int) bool) {
	Stable(&anySlice{x: x, n: sliceLen(x), less: less})
}

// SliceIsSorted reports whether the slice x is sorted by less. It panics if
// x is not a slice.
func SliceIsSorted(x any, less func(i, j int) bool) bool {
	for i := sliceLen(x) - 1; i > 0; i-- {
		if less(i, i-1) {
			return false
		}
	}
	return true
}
