package main

type L struct {
	next *L
	v    int
}
type S []S
type F func(F) F
type I interface{ M() I }
type P *P
type RA struct {
	x int64
	p *RB
}
type RB struct {
	a RA
	y int32
}

func main() {
	l := &L{&L{nil, 2}, 1}
	var b RB
	println(l.next.v, len(S{S{}}), b.y)
}
