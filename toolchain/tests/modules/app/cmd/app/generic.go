package main

import (
	"fmt"
	"strings"

	"example.com/app/shapes"
)

type meters float64

func generics() {
	words := []string{"vendored", "module", "packages"}
	fmt.Println(shapes.Map(words, strings.ToUpper))
	lengths := shapes.Map[string, int](words, func(s string) int { return len(s) })
	fmt.Println(lengths, shapes.Sum(lengths...))
	fmt.Println(shapes.Sum[meters](1.5, 2.25))
	sum := shapes.Sum[int64]
	fmt.Println(sum(1, 2, 3))
	fmt.Printf("%.2f\n", shapes.Areas([]shapes.Shape{shapes.Rect{W: 1, H: 2}, shapes.Circle{R: 2}}))
}
