// Package strings as rgo provides it (rt-core implements the functions).
package main

import "strings"

func main() {
	s := "  Hello, Gophers  "
	t := strings.TrimSpace(s)
	println(t, strings.Index(t, "Go"), strings.Contains(t, "x"), strings.HasPrefix(t, "He"))
	parts := strings.Split("a,b,c", ",")
	println(len(parts), parts[2], strings.Join(parts, "-"), strings.ToUpper(t), strings.Repeat("ab", 3))
	println(strings.ReplaceAll("oink oink", "k", "ky"), len(strings.Fields(" a b  c ")))
}
