package main

// An interface embedding another whose methods name the first
// (test/fixedbugs/bug250.go), and untyped rune shifts (test/rune.go).
type I1 interface {
	m() I2
	n() int
}

type I2 interface {
	I1
}

type v int

func (x v) m() I2  { return x + 1 }
func (x v) n() int { return int(x) }

var i1 I1 = i2
var i2 I2 = v(3)
var i2a I2 = i1

var (
	r5 = 'a' << 1
	r6 = 'b' << 2
	r7 int32
	r  = []rune{r5, r6, r7}
	i1s = 1 << '\x01'
	is  = []int{i1s}
)

func main() {
	println(i1.m().m().n(), i2a.n())
	var j I1 = i2.m()
	_, ok := j.(I2)
	println(ok, j.m().n())
	println(r[0], r[1], r[2], is[0])
	var x rune = 'c' << 3
	println(x)
}
