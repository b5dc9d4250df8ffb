// Command app uses the packages of its module and a vendored dependency.
package main

import (
	"fmt"

	"example.com/app/internal/count"
	"example.com/app/shapes"
	"example.org/greet"
)

func init() { count.Order = append(count.Order, "main") }

func main() {
	fmt.Println(greet.Hello("GOPHER"))
	fmt.Println(greet.Greeter{Punct: "!"}.Hello("World"))
	var s shapes.Stack[shapes.Shape]
	s.Push(shapes.Rect{W: 2, H: 3})
	s.Push(shapes.Circle{R: 1})
	for {
		sh, ok := s.Pop()
		if !ok {
			break
		}
		fmt.Printf("%v: %.3f\n", sh, sh.Area())
	}
	fmt.Println("areas:", count.Add("area")-1)
	fmt.Println("platform:", shapes.Platform())
	fmt.Println("init order:", count.Order)
	generics()
}
