// Unbuffered channel ping-pong between two goroutines: 1,000,000 round
// trips (BASELINES §5).
package main

func main() {
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
	}()
	v := 0
	for i := 0; i < 1000000; i++ {
		ping <- v
		v = <-pong
	}
	close(ping)
	println(v)
}
