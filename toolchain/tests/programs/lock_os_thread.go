// runtime.LockOSThread wires a goroutine to its thread: it runs only
// there, through channel operations and system calls that block (which
// hand the processor to other threads), and no other goroutine runs there
// meanwhile. A goroutine that ends locked takes its thread with it: no
// goroutine runs there again. main, locked in init, stays on the main
// thread.
package main

import (
	"fmt"
	"runtime"
	"syscall"
)

func init() {
	runtime.LockOSThread()
}

// blockingRead reads an empty pipe that another goroutine writes: the
// reader's thread blocks in the kernel and the processor moves on.
func blockingRead() {
	var p [2]int
	if err := syscall.Pipe(p[:]); err != nil {
		panic(err)
	}
	go func() { syscall.Write(p[1], []byte{1}) }()
	buf := make([]byte, 1)
	syscall.Read(p[0], buf)
	syscall.Close(p[0])
	syscall.Close(p[1])
}

func main() {
	mainThread := syscall.Getpid()
	onMain := syscall.Gettid() == mainThread

	// A goroutine locked to its thread, exchanging with main.
	ch := make(chan int)
	locked := make(chan int)
	others := map[int]bool{}
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		me := syscall.Gettid()
		locked <- me
		stable := true
		for i := 0; i < 50; i++ {
			ch <- i
			blockingRead()
			if syscall.Gettid() != me {
				stable = false
			}
		}
		close(ch)
		locked <- map[bool]int{true: 1}[stable]
	}()
	lockedTid := <-locked
	for range ch {
		others[syscall.Gettid()] = true
		blockingRead()
		others[syscall.Gettid()] = true
	}
	fmt.Println("locked goroutine kept its thread:", <-locked == 1)
	fmt.Println("main never ran on it:", !others[lockedTid])
	fmt.Println("main stayed on the main thread:", onMain && len(others) == 1 && others[mainThread])

	// A goroutine that ends locked: its thread runs nothing again.
	gone := make(chan int)
	go func() {
		runtime.LockOSThread()
		blockingRead()
		gone <- syscall.Gettid()
	}()
	dead := <-gone
	seen := map[int]bool{}
	results := make(chan int)
	for i := 0; i < 20; i++ {
		go func() {
			blockingRead()
			results <- syscall.Gettid()
		}()
	}
	for i := 0; i < 20; i++ {
		seen[<-results] = true
	}
	blockingRead()
	fmt.Println("its thread ran nothing after:", !seen[dead] && syscall.Gettid() != dead)
}
