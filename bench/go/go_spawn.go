// Goroutine spawn + join: 1,000,000 goroutines, each started and joined
// through a channel one after the other (BASELINES §5).
package main

func main() {
	done := make(chan int)
	sum := 0
	for i := 0; i < 1000000; i++ {
		go func(i int) { done <- i & 1 }(i)
		sum += <-done
	}
	println(sum)
}
