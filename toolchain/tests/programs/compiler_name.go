// runtime.Compiler names gc, as the gc build tag rgo builds with says, so
// go/build's default context chooses the files the build chose and
// go/importer's Default is an importer; runtime.GOROOT is the build's.
package main

import (
	"fmt"
	"go/build"
	"go/importer"
	"runtime"
)

func main() {
	fmt.Println(runtime.Compiler, build.Default.Compiler, importer.Default() != nil)
	fmt.Println(runtime.GOROOT() != "", runtime.GOROOT() == build.Default.GOROOT)
}
