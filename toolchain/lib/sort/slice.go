package sort

import "unsafe"

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

// sliceElemSize returns the size of the elements of the slice x holds,
// panicking as sliceLen does if x is not a slice.
//
//rgo:runtime rgo_slice_elem_size
func sliceElemSize(x any) int

// anySlice adapts a slice held in an interface and a less function to
// Interface. Elements of 8 and 16 bytes (ints, pointers, strings,
// interfaces) are swapped here; others by the runtime.
type anySlice struct {
	x    any
	base unsafe.Pointer
	size uintptr
	n    int
	less func(i, j int) bool
}

func newAnySlice(x any, less func(i, j int) bool) *anySlice {
	n := sliceLen(x)
	size := uintptr(sliceElemSize(x))
	// The interface's data word points at the slice header, whose first
	// word is the array.
	hdr := (*[2]unsafe.Pointer)(unsafe.Pointer(&x))[1]
	return &anySlice{x: x, base: *(*unsafe.Pointer)(hdr), size: size, n: n, less: less}
}

func (s *anySlice) Len() int           { return s.n }
func (s *anySlice) Less(i, j int) bool { return s.less(i, j) }

func (s *anySlice) Swap(i, j int) {
	if uint(i) >= uint(s.n) || uint(j) >= uint(s.n) {
		panic("reflect: slice index out of range")
	}
	a := unsafe.Add(s.base, uintptr(i)*s.size)
	b := unsafe.Add(s.base, uintptr(j)*s.size)
	switch s.size {
	case 8:
		pa, pb := (*uint64)(a), (*uint64)(b)
		*pa, *pb = *pb, *pa
	case 16:
		pa, pb := (*[2]uint64)(a), (*[2]uint64)(b)
		*pa, *pb = *pb, *pa
	default:
		sliceSwap(s.x, i, j)
	}
}

// Slice sorts the slice x by less, which reports whether x[i] must come
// before x[j]. The sort is not stable. It panics if x is not a slice.
func Slice(x any, less func(i, j int) bool) {
	s := newAnySlice(x, less)
	if s.n < 2 {
		return
	}
	introSort(s, 0, s.n, 2*floorLog2(s.n))
}

// SliceStable sorts the slice x by less, keeping equal elements in their
// original order. It panics if x is not a slice.
func SliceStable(x any, less func(i, j int) bool) {
	Stable(newAnySlice(x, less))
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
