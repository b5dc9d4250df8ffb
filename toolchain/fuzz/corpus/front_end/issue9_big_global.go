package main

var a [1 << 31]byte
var b [1<<31 - 1024]byte

func main() {
	println(a[0], b[0])
}
