package main

func main() {
	x := 0
	func() {
	defer func() {
	func() {
	defer func() {
	func() {
	defer func() {
	func() {
	defer func() {
	func() {
	defer func() {
	func() {
	defer func() {
	func() {
	defer func() {
	func() {
	defer func() {
	func() {
	defer func() {
	func() {
	defer func() {
	func() {
	defer func() {
	func() {
	defer func() {
	func() {
	defer func() {
	func() {
	defer func() {
	func() {
	defer func() {
	x++
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	}()
	println(x)
}
