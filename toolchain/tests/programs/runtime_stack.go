// runtime.Stack (the calling goroutine, then all) and debug.Stack, as gc
// formats them: frames from the caller of Stack on.
package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

func frames(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l == "" || strings.HasPrefix(l, "\t") {
			continue
		}
		if i := strings.Index(l, "("); i > 0 {
			l = l[:i]
		}
		out = append(out, l)
	}
	return out
}

func inner() string {
	buf := make([]byte, 4096)
	n := runtime.Stack(buf, false)
	return string(buf[:n])
}

func main() {
	fmt.Println(frames(inner()))
	fmt.Println(frames(string(debug.Stack()))[:3])
	c := make(chan int)
	go func() { <-c }()
	runtime.Gosched()
	buf := make([]byte, 8192)
	all := string(buf[:runtime.Stack(buf, true)])
	fmt.Println(strings.Count(all, "goroutine "), strings.Contains(all, "[chan receive]:"))
	fmt.Println(runtime.Stack(buf[:10], false), runtime.Stack(nil, false))
	close(c)
}
