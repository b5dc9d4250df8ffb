//go:build ignore

// A generator kept beside the package, never built with it.
package main

func main() { undefined() }
