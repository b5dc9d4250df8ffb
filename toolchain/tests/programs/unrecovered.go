// A panic during panicking, then none recovered: Go prints both.
package main

func main() {
	defer func() {
		panic("second")
	}()
	panic("first")
}
