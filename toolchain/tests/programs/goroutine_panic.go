// A panic in a goroutine other than main ends the program.
package main

func main() {
	c := make(chan int)
	go func() { panic("boom") }()
	<-c
}
