// Generic code: functions and types with type parameters, constraints
// with type sets, and inference. rgo makes each generic function and type
// once per list of type arguments (docs/frontend.md).
package main

// Number is a constraint: the types whose underlying type is one of these.
type Number interface {
	~int | ~int64 | ~float64
}

// Sum adds any numbers; T is inferred from the arguments.
func Sum[T Number](xs ...T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

// Map applies f to each element: T and U are inferred from s and f.
func Map[T, U any](s []T, f func(T) U) []U {
	out := make([]U, 0, len(s))
	for _, x := range s {
		out = append(out, f(x))
	}
	return out
}

// Stack is a generic type with methods.
type Stack[T any] struct {
	items []T
}

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }

func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, true
}

type Celsius float64

func main() {
	println(Sum(1, 2, 3), Sum(1.5, 2.25), Sum[Celsius](20, 1.5))
	lens := Map([]string{"a", "bb", "ccc"}, func(s string) int { return len(s) })
	println(len(lens), lens[0], lens[1], lens[2])
	var s Stack[string]
	s.Push("generic")
	s.Push("hello")
	for {
		v, ok := s.Pop()
		if !ok {
			break
		}
		println(v)
	}
}
