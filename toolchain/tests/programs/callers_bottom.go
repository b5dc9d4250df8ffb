// The frames below a goroutine's own: gc's runtime.Callers ends every
// goroutine's stack with runtime.goexit (and the main goroutine's with
// runtime.main before it), and code that walks up to a known frame relies
// on finding more frames after it (the testing package's t.Helper search
// through subtests).
package main

import (
	"fmt"
	"runtime"
)

func dump(tag string) {
	var pc [50]uintptr
	n := runtime.Callers(1, pc[:])
	frames := runtime.CallersFrames(pc[:n])
	for {
		f, more := frames.Next()
		fmt.Println(tag, f.Function, more, f.Entry != 0)
		if !more {
			break
		}
	}
	// From the second: gc inlines runtime.Callers into dump, and its
	// FuncForPC names the inlined function for an address inside it.
	for i := 1; i < n; i++ {
		f := runtime.FuncForPC(pc[i])
		fmt.Println(tag, "FuncForPC", f.Name(), f.Entry() != 0)
	}
}

// runner calls fn as testing's tRunner calls a test.
func runner(fn func()) {
	fn()
}

// afterRunner reports whether a walk up from its caller finds a frame
// after runner's, as testing's helper search asks.
func afterRunner() bool {
	var pc [50]uintptr
	n := runtime.Callers(2, pc[:])
	frames := runtime.CallersFrames(pc[:n])
	for {
		f, more := frames.Next()
		if f.Function == "main.runner" {
			return more
		}
		if !more {
			return false
		}
	}
}

func main() {
	dump("main")
	done := make(chan bool)
	go func() {
		dump("go")
		done <- true
	}()
	<-done
	go runner(func() {
		fmt.Println("more after runner:", afterRunner())
		done <- true
	})
	<-done
	defer dump("defer")
}
