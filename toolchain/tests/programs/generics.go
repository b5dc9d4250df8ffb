package main

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
)

// Constraints with type sets, methods, and both.
type Number interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~float32 | ~float64
}

type Ordered interface {
	Number | ~string
}

type Stringish interface {
	~string
	Len() int
}

type Name string

func (n Name) Len() int { return len(n) }

func Max[T Ordered](a, b T) T {
	if a > b {
		return a
	}
	return b
}

func Sum[T Number](xs ...T) (s T) {
	for _, x := range xs {
		s += x
	}
	return
}

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Reduce[T, A any](xs []T, init A, f func(A, T) A) A {
	acc := init
	for _, x := range xs {
		acc = f(acc, x)
	}
	return acc
}

// Constraint type inference: E is inferred from S's core type.
func Filter[S ~[]E, E any](s S, keep func(E) bool) S {
	var out S
	for _, e := range s {
		if keep(e) {
			out = append(out, e)
		}
	}
	return out
}

func TotalLen[T Stringish](xs []T) int {
	n := 0
	for _, x := range xs {
		n += x.Len()
	}
	return n
}

type Ints []int

// A generic container with methods, recursive through a pointer.
type List[T any] struct {
	head *node[T]
	n    int
}

type node[T any] struct {
	v    T
	next *node[T]
}

func (l *List[T]) Push(v T) { l.head = &node[T]{v, l.head}; l.n++ }

func (l *List[T]) Each(f func(T)) {
	for n := l.head; n != nil; n = n.next {
		f(n.v)
	}
}

func (l *List[T]) Len() int { return l.n }

// A generic type whose methods satisfy an ordinary interface.
type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func (p Pair[K, V]) String() string { return fmt.Sprintf("(%v: %v)", p.Key, p.Val) }

type Set[T comparable] map[T]struct{}

func (s Set[T]) Add(v T)           { s[v] = struct{}{} }
func (s Set[T]) Has(v T) bool      { _, ok := s[v]; return ok }
func NewSet[T comparable]() Set[T] { return Set[T]{} }

type Sizer interface{ Len() int }

// A type switch on a type parameter's value, through an interface.
func Kind[T any](v T) string {
	switch any(v).(type) {
	case int:
		return "int"
	case string:
		return "string"
	case fmt.Stringer:
		return "Stringer"
	}
	return "other"
}

// A generic closure capturing a type-parameter value.
func Counter[T Number](step T) func() T {
	var n T
	return func() T { n += step; return n }
}

type MyInt int

func main() {
	// Inference: from arguments, untyped constants, and explicit lists.
	fmt.Println(Max(3, 7), Max(2.5, 1.0), Max("go", "rgo"), Max[int8](-1, -2))
	fmt.Println(Sum(1, 2, 3), Sum(1.5, 2.25), Sum[MyInt](4, 5), Sum[int]())
	words := Map([]int{1, 2, 3}, func(i int) string { return strings.Repeat("*", i) })
	fmt.Println(words, len(words))
	fmt.Println(Reduce(words, 0, func(n int, s string) int { return n + len(s) }))
	evens := Filter(Ints{1, 2, 3, 4, 5, 6}, func(i int) bool { return i%2 == 0 })
	fmt.Printf("%v %T\n", evens, evens)
	fmt.Println(TotalLen([]Name{"ab", "cde"}))
	toStr := Map[MyInt, string]
	fmt.Println(toStr([]MyInt{7}, func(m MyInt) string { return fmt.Sprint(m * 2) }))

	// Generic methods through interfaces, and instance names.
	var l List[string]
	l.Push("a")
	l.Push("b")
	var s Sizer = &l
	fmt.Println(s.Len())
	l.Each(func(v string) { fmt.Print(v, " ") })
	fmt.Println()
	var st fmt.Stringer = Pair[string, MyInt]{"k", 9}
	fmt.Println(st, st.String())
	fmt.Printf("%T|%T|%T\n", st, &l, NewSet[float64]())
	t := reflect.TypeOf(Pair[int, []string]{})
	fmt.Println(t.Name(), "|", t.String(), "|", t.Kind(), t.NumField(), t.Field(1).Type)
	fmt.Println(reflect.TypeOf(l).Name(), reflect.TypeOf(&l).String())
	set := NewSet[string]()
	set.Add("x")
	fmt.Println(set.Has("x"), set.Has("y"), len(set))
	fmt.Println(Kind(1), Kind("s"), Kind(Pair[int, int]{}), Kind(2.5))
	next := Counter(2.5)
	next()
	fmt.Println(next())

	// The collector on generic containers: every node stays reachable.
	var big List[*Pair[int, string]]
	for i := 0; i < 3000; i++ {
		big.Push(&Pair[int, string]{i, fmt.Sprint(i)})
		if i%1000 == 0 {
			runtime.GC()
		}
	}
	runtime.GC()
	total, bad := 0, 0
	i := 2999
	big.Each(func(p *Pair[int, string]) {
		total += p.Key
		if p.Val != fmt.Sprint(i) {
			bad++
		}
		i--
	})
	fmt.Println(big.Len(), total, bad)
}
