package main

type Ñandú struct{ größe int }

func (n *Ñandú) Wachse(d int) { n.größe += d }

var π = 3.14159

func é() string { return "é" }

func main() {
	n := &Ñandú{}
	n.Wachse(3)
	println(é(), π, n.größe)
}
