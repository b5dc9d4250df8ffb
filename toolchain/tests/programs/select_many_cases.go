// A select of more cases than the runtime keeps on its stack (18) over
// three channels, several cases per channel: the channels' locks are taken
// once each with several processors. A blocking select waits on all of
// them while another goroutine sends; a select with a default polls.
package main

import "fmt"

func main() {
	a, b, c := make(chan int), make(chan int), make(chan int, 4)
	done := make(chan bool)
	go func() {
		for i := 0; i < 300; i++ {
			switch i % 3 {
			case 0:
				a <- i
			case 1:
				b <- i
			default:
				c <- i
			}
		}
		done <- true
	}()
	sum, n := 0, 0
	for n < 300 {
		var v int
		select {
		case v = <-a:
		case v = <-b:
		case v = <-c:
		case v = <-a:
		case v = <-b:
		case v = <-c:
		case v = <-a:
		case v = <-b:
		case v = <-c:
		case v = <-a:
		case v = <-b:
		case v = <-c:
		case v = <-a:
		case v = <-b:
		case v = <-c:
		case v = <-a:
		case v = <-b:
		case v = <-c:
		}
		sum += v
		n++
	}
	<-done
	polled := 0
	for i := 0; i < 20; i++ {
		select {
		case c <- i:
		case c <- i:
		case c <- i:
		case c <- i:
		case c <- i:
		case c <- i:
		case c <- i:
		case c <- i:
		case c <- i:
		case c <- i:
		case c <- i:
		case c <- i:
		case c <- i:
		case c <- i:
		case c <- i:
		case c <- i:
		case c <- i:
		case v := <-a:
			fmt.Println("unexpected", v)
		default:
			polled++
		}
	}
	fmt.Println(sum, n, len(c), polled)
}
