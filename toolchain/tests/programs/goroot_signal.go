// os/signal from GOROOT over the runtime's signal queue: Notify, Ignore,
// Ignored, Stop, Reset and NotifyContext with signals the program sends
// itself (syscall.Kill). Linux only: no signal reaches a board.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGUSR1, syscall.SIGTERM)
	syscall.Kill(os.Getpid(), syscall.SIGUSR1)
	fmt.Println("got", <-sigs)
	syscall.Kill(syscall.Getpid(), syscall.SIGTERM)
	fmt.Println("got", <-sigs)

	signal.Ignore(syscall.SIGHUP)
	fmt.Println("ignored:", signal.Ignored(syscall.SIGHUP), signal.Ignored(syscall.SIGUSR2))
	syscall.Kill(os.Getpid(), syscall.SIGHUP)
	fmt.Println("still here")

	signal.Stop(sigs)
	more := make(chan os.Signal, 2)
	signal.Notify(more, syscall.SIGUSR2)
	syscall.Kill(os.Getpid(), syscall.SIGUSR2)
	fmt.Println("got", <-more, len(sigs))

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGUSR1)
	go syscall.Kill(os.Getpid(), syscall.SIGUSR1)
	<-ctx.Done()
	fmt.Println("context:", ctx.Err())
	stop()

	done := make(chan bool)
	go func() {
		s := <-more
		fmt.Println("goroutine got", s)
		done <- true
	}()
	syscall.Kill(os.Getpid(), syscall.SIGUSR2)
	<-done
	signal.Reset(syscall.SIGUSR2)
	fmt.Println("reset")
}
