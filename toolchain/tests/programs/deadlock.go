// Every goroutine blocked: Go's deadlock report, exit status 2.
package main

func main() {
	c := make(chan int)
	go func() { <-c }()
	<-c
}
