package main

type Number interface {
	~int | ~int64 | ~float64
}

type List[T any] struct {
	next *List[T]
	val  T
}

func (l *List[T]) Push(v T) *List[T] { return &List[T]{next: l, val: v} }

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func (p Pair[K, V]) String() string { return "" }

type A[P *C, Q interface{ ~[]byte | string }] int
type C [2]int
type N [len(C{}) * 2]int

func Sum[T Number](xs ...T) (s T) {
	for _, x := range xs {
		s += x
	}
	return
}

func Map[T, U any](xs []T, f func(T) U) []U {
	var out []U
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func main() {
	_ = Sum[int](1, 2)
	_ = Map[int, string]([]int{1}, func(int) string { return "" })
	_ = Pair[string, int]{"a", 1}
}
