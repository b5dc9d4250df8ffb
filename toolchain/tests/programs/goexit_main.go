// runtime.Goexit in main: the others go on; when none is left, Go reports
// that main called Goexit.
package main

import "runtime"

func main() {
	done := make(chan bool)
	go func() {
		println("other")
		done <- true
	}()
	go func() { <-done }()
	defer println("deferred in main")
	runtime.Goexit()
}
