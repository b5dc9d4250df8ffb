// Package greet is a dependency vendored into the module.
package greet

import (
	"strings"

	"example.org/greet/internal/style"
)

// A Greeter says hello in its own way.
type Greeter struct {
	Punct string
}

// Hello greets name.
func (g Greeter) Hello(name string) string {
	return style.Title("hello, "+strings.ToLower(name)) + g.Punct
}

// Hello greets name plainly.
func Hello(name string) string {
	return Greeter{Punct: "."}.Hello(name)
}
