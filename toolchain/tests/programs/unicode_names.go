// Non-ASCII identifiers for functions, methods, types, globals and closures:
// their symbols are mangled for the assembler.
package main

import "fmt"

type Ñandú struct{ größe int }

func (n Ñandú) Größe() int   { return n.größe }
func (n *Ñandú) Wachse(d int) { n.größe += d }

type Sprecher interface{ Größe() int }

var π = 3.14159
var 世界 = []string{"hello", "世界"}

func é() string { return "é" }

func main() {
	n := &Ñandú{größe: 2}
	n.Wachse(3)
	var s Sprecher = n
	fmt.Println(é(), π, 世界, s.Größe())
	f := é
	g := func() int { return n.größe * 2 }
	fmt.Println(f(), g())
	fmt.Printf("%T %v\n", *n, *n)
	defer func() { fmt.Println(recover()) }()
	var p *Ñandú
	p.Wachse(1)
}
