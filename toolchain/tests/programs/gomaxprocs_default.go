// GOMAXPROCS at start-up is the environment's when it is a number above 0,
// else the CPUs the process may use (runtime.NumCPU), as gc sets it; it
// changes with runtime.GOMAXPROCS(n) and stays with n < 1.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
)

func main() {
	want := runtime.NumCPU()
	if n, err := strconv.Atoi(os.Getenv("GOMAXPROCS")); err == nil && n > 0 {
		want = n
	}
	got := runtime.GOMAXPROCS(0)
	fmt.Println("start-up setting as gc's:", got == want)
	if prev := runtime.GOMAXPROCS(1); prev != got {
		fmt.Println("GOMAXPROCS(1) returned", prev, "want", got)
	}
	fmt.Println("after GOMAXPROCS(1):", runtime.GOMAXPROCS(-1))
	runtime.GOMAXPROCS(got)
	fmt.Println("restored:", runtime.GOMAXPROCS(0) == got)
}
