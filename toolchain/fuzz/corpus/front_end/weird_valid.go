package main

import (
	. "fmt"
	_ "os"
)

type (
	I interface{ M(int) (x, y int); Stringer }
	S struct {
		I
		*T `tag`
		a, b [4]chan<- <-chan func(...int) map[string][]*S
	}
	T = S
)

const (
	A, B = iota, -iota
	C, D
)

func (s *S) M(int) (x, y int) { return }

func main() {
	var f = (*S).M
	_ = f
L:
	for i := range [...]int{1, 2: 3} {
		select {
		case <-make(chan int):
			continue L
		default:
			break L
		}
		goto L
		_ = i
	}
	defer func() { recover() }()
	Println(0x1p-2, 1_000, 0o17, 'a', "\u00e4", `raw`, 2i)
}
