// The channel errors are recoverable panics with Go's messages, and a
// panic in a deferred call of a goroutine is recovered there too.
package main

import "fmt"

func try(name string, f func()) {
	defer func() {
		r := recover()
		err, isErr := r.(error)
		fmt.Println(name+":", r, isErr, err != nil)
	}()
	f()
}

func main() {
	var nilc chan int
	closed := make(chan int, 1)
	close(closed)
	try("send", func() { closed <- 1 })
	try("close nil", func() { close(nilc) })
	try("close closed", func() { close(closed) })
	n := -1
	try("makechan", func() { _ = make(chan int, n) })
	big := 1 << 62
	try("makechan big", func() { _ = make(chan int64, big) })
	// A sender blocked on a channel that gets closed panics.
	c := make(chan int)
	res := make(chan string)
	go func() {
		defer func() { res <- fmt.Sprint(recover()) }()
		c <- 1
	}()
	go func() {
		defer func() { res <- fmt.Sprint(recover()) }()
		select {
		case c <- 2:
		}
	}()
	close(c)
	fmt.Println(<-res)
	fmt.Println(<-res)
	v, ok := <-c
	fmt.Println(v, ok)
}
