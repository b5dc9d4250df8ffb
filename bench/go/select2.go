// A 2-case select on buffered channels, one ready at a time: 10,000,000
// selects (BASELINES §5).
package main

func main() {
	a, b := make(chan int, 1), make(chan int, 1)
	sum := 0
	for i := 0; i < 10000000; i++ {
		if i&1 == 0 {
			a <- i
		} else {
			b <- i
		}
		select {
		case v := <-a:
			sum += v
		case v := <-b:
			sum -= v
		}
	}
	println(sum)
}
