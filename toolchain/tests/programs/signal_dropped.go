// Signals a Go program does not ask for and whose default would end it
// (SIGUSR1, SIGUSR2, SIGALRM, a real-time signal) are caught and dropped,
// as gc does; after signal.Stop too. A SIGINT sent while another goroutine
// stops a channel for it is neither lost nor fatal: a second channel that
// stays registered receives it. (Whether the channel being stopped gets it
// too depends on when the signal is delivered, which under qemu-user and on
// a loaded machine is late: nothing printed depends on it.)
package main

import (
	"fmt"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

func main() {
	pid := syscall.Getpid()
	for _, s := range []syscall.Signal{syscall.SIGUSR1, syscall.SIGUSR2, syscall.SIGALRM, syscall.Signal(40)} {
		syscall.Kill(pid, s)
	}
	time.Sleep(5 * time.Millisecond)
	fmt.Println("alive after unwanted signals")

	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGUSR1)
	syscall.Kill(pid, syscall.SIGUSR1)
	fmt.Println("notified:", <-c)
	signal.Stop(c)
	syscall.Kill(pid, syscall.SIGUSR1)
	time.Sleep(5 * time.Millisecond)
	fmt.Println("alive after Stop")

	keep := make(chan os.Signal, 1)
	signal.Notify(keep, syscall.SIGINT)
	for i := 0; i < 5; i++ {
		cs := make(chan os.Signal, 1)
		signal.Notify(cs, syscall.SIGINT)
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			signal.Stop(cs)
		}()
		syscall.Kill(pid, syscall.SIGINT)
		wg.Wait()
		fmt.Println("SIGINT around Stop:", <-keep)
	}
}
