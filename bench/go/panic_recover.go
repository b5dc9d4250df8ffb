// panic + recover round trips (BASELINES §2).
package main

var recovered int

//go:noinline
func roundTrip(i int) {
	defer func() {
		if recover() != nil {
			recovered++
		}
	}()
	panic(i)
}

func main() {
	for i := 0; i < 1000000; i++ {
		roundTrip(i)
	}
	println(recovered)
}
