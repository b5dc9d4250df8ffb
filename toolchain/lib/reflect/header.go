package reflect

// StringHeader is the run-time representation of a string.
type StringHeader struct {
	Data uintptr
	Len  int
}

// SliceHeader is the run-time representation of a slice.
type SliceHeader struct {
	Data uintptr
	Len  int
	Cap  int
}
