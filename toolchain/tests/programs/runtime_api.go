// Package runtime's API as Go declares it, from rgo's own runtime package:
// the constants, the run time error interface, and the profile records
// whose methods are plain Go.
package main

import (
	"fmt"
	"runtime"
)

func fault() (err runtime.Error) {
	defer func() {
		err = recover().(runtime.Error)
	}()
	var a []int
	_ = a[3]
	return nil
}

func main() {
	// GOOS is linux on the boards too (docs/boards.md).
	fmt.Println(runtime.GOOS == "linux", runtime.GOARCH == "amd64" || runtime.GOARCH == "arm64" || runtime.GOARCH == "riscv64")
	err := fault()
	err.RuntimeError()
	fmt.Println(err)
	var r runtime.MemProfileRecord
	r.AllocBytes, r.FreeBytes = 10, 4
	r.AllocObjects = 3
	r.Stack0[0], r.Stack0[1] = 5, 6
	fmt.Println(r.InUseBytes(), r.InUseObjects(), r.Stack())
	var b runtime.BlockProfileRecord
	b.Stack0[0] = 7
	fmt.Println(len(b.Stack()), b.Count)
	var f runtime.Frames
	fr, more := f.Next()
	fmt.Println(fr.Line, fr.Function == "", more)
}
