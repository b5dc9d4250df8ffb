// Package shapes has a few shapes, and a file for each kind of system.
package shapes

import (
	"fmt"
	"math"

	"example.com/app/internal/count"
)

func init() { count.Order = append(count.Order, "shapes") }

// A Shape has an area.
type Shape interface {
	Area() float64
	fmt.Stringer
}

type Rect struct{ W, H float64 }

func (r Rect) Area() float64  { count.Add("area"); return r.W * r.H }
func (r Rect) String() string { return fmt.Sprintf("rect %gx%g", r.W, r.H) }

type Circle struct{ R float64 }

func (c Circle) Area() float64  { count.Add("area"); return math.Pi * c.R * c.R }
func (c Circle) String() string { return fmt.Sprintf("circle r=%g", c.R) }

// Stack is a generic stack of values.
type Stack[T any] struct{ items []T }

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

// Platform says which file of the package the build took.
func Platform() string { return platform() }

// Number is what Sum adds.
type Number interface {
	~int | ~int64 | ~float64
}

// Sum adds xs.
func Sum[T Number](xs ...T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

// Map applies f to each of xs.
func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

// Areas are the areas of shapes, through a generic function of this package.
func Areas(shapes []Shape) []float64 {
	return Map(shapes, Shape.Area)
}
