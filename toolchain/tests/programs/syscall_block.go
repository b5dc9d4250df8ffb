// A goroutine blocked in a system call (a read of an empty pipe, which
// does not use the poller) does not stop the others: they run, sleep,
// exchange on channels and collect, and one of them writes what unblocks
// the read.
package main

import (
	"fmt"
	"runtime"
	"syscall"
	"time"
)

func main() {
	var p [2]int
	if err := syscall.Pipe(p[:]); err != nil {
		panic(err)
	}
	got := make(chan string)
	started := make(chan bool)
	go func() {
		buf := make([]byte, 16)
		started <- true
		n, err := syscall.Read(p[0], buf)
		if err != nil {
			panic(err)
		}
		got <- string(buf[:n])
	}()
	<-started

	// Work while the reader is blocked: a ping-pong, a sleep, a collection.
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v * 2
		}
		close(pong)
	}()
	sum := 0
	for i := 0; i < 1000; i++ {
		ping <- i
		sum += <-pong
	}
	close(ping)
	time.Sleep(2 * time.Millisecond)
	runtime.GC()
	fmt.Println("others ran:", sum)

	if _, err := syscall.Write(p[1], []byte("hello")); err != nil {
		panic(err)
	}
	fmt.Println("read:", <-got)

	// The main goroutine itself blocked: a timer's goroutine writes.
	go func() {
		time.Sleep(time.Millisecond)
		syscall.Write(p[1], []byte("later"))
	}()
	buf := make([]byte, 16)
	n, err := syscall.Read(p[0], buf)
	fmt.Println("main read:", string(buf[:n]), err)
}
