// Types named through several imports of one package, a dot import among
// them (as in test/import.go), are one type.
package main

import (
	"fmt"
	. "os"
	myos "os"
	"os"
)

func isNil(f *os.File) bool { return f == nil }

type files struct {
	a *File
	b *myos.File
}

func main() {
	var dot *File
	var renamed *myos.File
	fs := files{a: dot, b: renamed}
	fs.a = fs.b
	fmt.Println(isNil(dot), isNil(renamed), isNil(fs.a))
}
