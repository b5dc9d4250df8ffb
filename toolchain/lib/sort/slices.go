package sort

// IntSlice sorts a []int in increasing order.
type IntSlice []int

func (x IntSlice) Len() int           { return len(x) }
func (x IntSlice) Less(i, j int) bool { return x[i] < x[j] }
func (x IntSlice) Swap(i, j int)      { x[i], x[j] = x[j], x[i] }

// Sort sorts x in increasing order.
func (x IntSlice) Sort() { sortInts(x) }

// Search returns SearchInts(x, v).
func (x IntSlice) Search(v int) int { return SearchInts(x, v) }

// Float64Slice sorts a []float64 in increasing order, with NaNs before
// every other value.
type Float64Slice []float64

func (x Float64Slice) Len() int           { return len(x) }
func (x Float64Slice) Less(i, j int) bool { return lessFloat(x[i], x[j]) }
func (x Float64Slice) Swap(i, j int)      { x[i], x[j] = x[j], x[i] }

// Sort sorts x in increasing order.
func (x Float64Slice) Sort() { sortFloat64s(x) }

// Search returns SearchFloat64s(x, v).
func (x Float64Slice) Search(v float64) int { return SearchFloat64s(x, v) }

// StringSlice sorts a []string in increasing order.
type StringSlice []string

func (x StringSlice) Len() int           { return len(x) }
func (x StringSlice) Less(i, j int) bool { return x[i] < x[j] }
func (x StringSlice) Swap(i, j int)      { x[i], x[j] = x[j], x[i] }

// Sort sorts x in increasing order.
func (x StringSlice) Sort() { sortStrings(x) }

// Search returns SearchStrings(x, v).
func (x StringSlice) Search(v string) int { return SearchStrings(x, v) }

// Ints sorts x in increasing order.
func Ints(x []int) { sortInts(x) }

// Float64s sorts x in increasing order, NaNs first.
func Float64s(x []float64) { sortFloat64s(x) }

// Strings sorts x in increasing order.
func Strings(x []string) { sortStrings(x) }

// IntsAreSorted reports whether x is in increasing order.
func IntsAreSorted(x []int) bool { return IsSorted(IntSlice(x)) }

// Float64sAreSorted reports whether x is in increasing order, NaNs first.
func Float64sAreSorted(x []float64) bool { return IsSorted(Float64Slice(x)) }

// StringsAreSorted reports whether x is in increasing order.
func StringsAreSorted(x []string) bool { return IsSorted(StringSlice(x)) }
