// Hello world through package fmt: the binary-size figure of issue 5.
package main

import "fmt"

func main() {
	fmt.Println("hello, world")
}
