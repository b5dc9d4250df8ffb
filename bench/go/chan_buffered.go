// Buffered channel (capacity 128) send + receive in one goroutine:
// 20,000,000 of each (BASELINES §5).
package main

func main() {
	c := make(chan int, 128)
	sum := 0
	for i := 0; i < 20000000; i++ {
		c <- i
		sum += <-c
	}
	println(sum)
}
