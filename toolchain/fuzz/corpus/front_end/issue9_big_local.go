package main

var test = [1600 * 1024 * 1024]byte{42}

func main() {
	var l [1 << 31]byte
	l[1] = 1
	x := [64 << 20]int8{5, 6}
	println(test[0], l[1], x[1])
}
