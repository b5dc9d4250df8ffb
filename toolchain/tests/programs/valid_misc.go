package main

import (
	"fmt"
	"os"
)

type ET struct{}

func (*ET) Error() string { return "err" }

type ID [3]interface{}

func mk(x int) [3]interface{} {
	var a [3]interface{}
	a[0] = x
	return a
}

type P *int

func main() {
	fmt.Println((*ET)(nil) == error(nil), (*ET)(nil) != error(nil), error(nil) == nil)
	var id ID = mk(5)
	fmt.Println(id == mk(5), mk(6) != id, id == ID{5})
	var p P
	var q *int
	fmt.Println(p == q, q == p)
	n, err := os.Stdout.Write([]byte("written\n"))
	fmt.Println(n, err)
	n, err = os.Stdout.WriteString("string\n")
	fmt.Println(n, err)
	n, err = os.Stderr.Write(nil)
	fmt.Println(n, err)
}
