package main

func main() {
	var x float32
	_ = complex64(x)
}
