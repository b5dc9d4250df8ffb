// unsafe.Slice: the slice it makes, lengths of any integer type, and the
// checks of Go 1.19 (a nil pointer with a slice of no bytes is allowed).
package main

import (
	"fmt"
	"unsafe"
)

func try(f func()) {
	defer func() { fmt.Println("recovered:", recover()) }()
	f()
}

func main() {
	a := [4]int32{1, 2, 3, 4}
	s := unsafe.Slice(&a[1], 3)
	fmt.Println(s, len(s), cap(s))
	var n uint8 = 2
	b := unsafe.Slice(&a[0], n)
	fmt.Println(b)
	var np *int
	fmt.Println(len(unsafe.Slice(np, 0)))
	var e *struct{}
	fmt.Println(len(unsafe.Slice(e, 5)))
	try(func() { _ = unsafe.Slice(np, 1) })
	m := -1
	try(func() { _ = unsafe.Slice(&a[0], m) })
	big := 1 << 62
	try(func() { _ = unsafe.Slice(&a[0], big) })
	var u uint64 = 1 << 63
	try(func() { _ = unsafe.Slice(&a[0], u) })
}
