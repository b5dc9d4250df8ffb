package main

import (
	"fmt"
	"os"
	"strings"
)

type writer func(string) (int, error)

func emit(w writer, parts ...string) {
	for _, p := range parts {
		w(p)
	}
}

func main() {
	var b strings.Builder
	ws := b.WriteString
	wb := b.WriteByte
	wr := b.WriteRune
	ws("hello")
	wb(' ')
	n, err := wr('é')
	fmt.Println(n, err)
	emit(b.WriteString, ", ", "world")
	str, ln := b.String, b.Len
	fmt.Println(str(), ln())
	pb := &b
	reset := pb.Reset
	grow := pb.Grow
	grow(64)
	reset()
	fmt.Println(str() == "", ln(), b.Cap() >= 0)
	w := os.Stdout.Write
	m, err := w([]byte("bytes\n"))
	fmt.Println(m, err)
	emit(os.Stdout.WriteString, "a", "b", "\n")
	var f func(string) (int, error) = os.Stderr.WriteString
	fmt.Println(f != nil)
}
