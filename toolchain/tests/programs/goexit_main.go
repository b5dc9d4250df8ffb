// runtime.Goexit in main: the others go on; when none is left, Go reports
// that main called Goexit. The other goroutine prints only once main's
// deferred calls have run (the last of them lets it go), so the order is
// the same with any number of processors.
package main

import "runtime"

func main() {
	start := make(chan bool)
	done := make(chan bool)
	go func() {
		<-start
		println("other")
		done <- true
	}()
	go func() { <-done }()
	defer close(start)
	defer println("deferred in main")
	runtime.Goexit()
}
