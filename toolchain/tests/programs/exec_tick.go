// syscall.Exec replaces a program whose runtime keeps a CPU-time interval
// timer (rgo's preemption tick, started by the second goroutine). execve
// keeps interval timers, and the new program does not handle their signal,
// whose default action ends it: the runtime stops the timer before the
// exec. The shell that replaces this program spends well over one tick of
// CPU time (not of wall time) and then prints; under gc, which keeps no
// such timer, it does the same.
package main

import (
	"fmt"
	"os"
	"syscall"
)

const busy = `i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done; echo "the shell survived $i steps"`

func main() {
	done := make(chan int)
	go func() {
		n := 0
		for i := 0; i < 1000000; i++ {
			n += i % 7
		}
		done <- n
	}()
	fmt.Println("before exec:", <-done)
	err := syscall.Exec("/bin/sh", []string{"sh", "-c", busy}, os.Environ())
	fmt.Println("exec failed:", err)
}
