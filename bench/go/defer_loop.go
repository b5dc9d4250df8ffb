// defer in a loop: one deferred closure per call, and ten per call
// (heap defer records in gc, as in BASELINES §2).
package main

var sink int

//go:noinline
func once(n int) {
	for i := 0; i < 1; i++ {
		defer func() { sink += n }()
	}
}

//go:noinline
func ten(n int) {
	for i := 0; i < 10; i++ {
		defer func() { sink += n }()
	}
}

func main() {
	for i := 0; i < 3000000; i++ {
		once(i)
	}
	for i := 0; i < 300000; i++ {
		ten(i)
	}
	println(sink)
}
