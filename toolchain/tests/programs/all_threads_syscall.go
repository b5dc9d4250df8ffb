// syscall.Setgid is made on every thread of the process, so goroutines
// that later run on the runtime's other threads (which a goroutine
// blocked in a system call hands the processor to) see the new group id.
// As root the program changes its group; otherwise it sets the one it has.
package main

import (
	"fmt"
	"os"
	"syscall"
)

// blockOnce blocks a goroutine in a read of an empty pipe, on the thread
// holding the processor; the caller runs on meanwhile (on another thread,
// which the processor was handed to), reports the effective group id it
// sees there and writes what ends the read.
func blockOnce(seen chan<- int) {
	var p [2]int
	if err := syscall.Pipe(p[:]); err != nil {
		panic(err)
	}
	started, done := make(chan bool), make(chan bool)
	go func() {
		buf := make([]byte, 1)
		started <- true
		syscall.Read(p[0], buf)
		done <- true
	}()
	<-started
	seen <- syscall.Getegid()
	syscall.Write(p[1], []byte{1})
	<-done
	syscall.Close(p[0])
	syscall.Close(p[1])
}

func main() {
	seen := make(chan int, 100)
	// Threads besides the main one, started before the change.
	for i := 0; i < 3; i++ {
		blockOnce(seen)
	}
	for len(seen) > 0 {
		<-seen
	}
	gid := os.Getgid()
	if os.Getuid() == 0 {
		gid = 4242
	}
	if err := syscall.Setgid(gid); err != nil {
		fmt.Println("Setgid:", err)
		return
	}
	for i := 0; i < 6; i++ {
		blockOnce(seen)
	}
	bad := 0
	for len(seen) > 0 {
		if g := <-seen; g != gid {
			bad++
			fmt.Println("a thread kept group", g)
		}
	}
	fmt.Println("threads agree:", bad == 0, syscall.Getegid() == gid)
}
