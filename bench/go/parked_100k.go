// 100,000 goroutines parked on one channel, then released and joined
// (BASELINES §5: time and peak RSS).
package main

func main() {
	const n = 100000
	gate := make(chan bool)
	done := make(chan int)
	for i := 0; i < n; i++ {
		go func(i int) {
			<-gate
			done <- i & 1
		}(i)
	}
	close(gate)
	sum := 0
	for i := 0; i < n; i++ {
		sum += <-done
	}
	println(sum)
}
