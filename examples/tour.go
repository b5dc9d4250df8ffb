// A tour of the Go that rgo compiles today: every feature here runs through
// the register ABI. `rgo run examples/tour.go`
package main

type Shape interface {
	Area() float64
	Name() string
}

type Rect struct{ W, H float64 }

func (r Rect) Area() float64 { return r.W * r.H }
func (r Rect) Name() string  { return "rect" }

type Square struct {
	Rect // embedding promotes Area and Name
	tag  string
}

func (s *Square) Name() string { return "square " + s.tag }

type Counter int

func (c *Counter) Inc() { *c++ }

type Color int

// Meters is one machine word: the wrappers that reach its value method
// through a pointer (interfaces, (*Meters).Double) are tail jumps.
type Meters int

func (m Meters) Double(k int) int { return int(m)*2 + k }

type Doubler interface{ Double(k int) int }

const (
	Red Color = iota
	Green
	Blue
)

func divmod(a, b int) (q, r int) {
	q = a / b
	r = a % b
	return
}

func sum(xs ...int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

func makeAdder(n int) func(int) int {
	return func(x int) int { return x + n }
}

var order = initOrder()

func initOrder() string { return "vars before init" }

func init() { println("init:", order) }

func describe(v interface{}) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case int:
		if x > 100 {
			return "big int"
		}
		return "int"
	case string:
		return "string " + x
	case Shape:
		return "shape " + x.Name()
	default:
		return "other"
	}
}

func main() {
	// Multiple and named results.
	q, r := divmod(17, 5)
	println("divmod:", q, r)

	// Numbers of every kind.
	var i8 int8 = 127
	i8++
	var u uint32 = 1 << 31
	f := float32(1) / 3
	c := complex(1.5, -2)
	println("numbers:", i8, u, f, c, real(c)*2)

	// Strings, bytes and runes.
	s := "héllo"
	b := []byte(s)
	b[0] = 'H'
	n := 0
	for range s {
		n++
	}
	println("strings:", string(b), len(s), n, s[1:3] == "é", string(rune(0x4e16)))

	// Arrays, slices, append and copy.
	arr := [5]int{1, 2, 3}
	sl := arr[1:4]
	sl = append(sl, 10, 11)
	dst := make([]int, 2)
	copied := copy(dst, sl)
	println("slices:", len(sl), cap(sl) >= 5, sl[3], copied, dst[1], sum(1, 2, 3), sum(sl...))

	// Structs, embedding, methods and interfaces.
	sq := &Square{Rect{2, 3}, "A"}
	var sh Shape = sq
	println("methods:", sh.Area(), sh.Name(), Rect{1, 1} == Rect{1, 1})
	var cnt Counter
	inc := cnt.Inc // method value
	inc()
	inc()
	(*Counter).Inc(&cnt) // method expression
	println("counter:", cnt)
	m := Meters(21)
	var d Doubler = &m
	var d2 Doubler = m
	println("wrappers:", d.Double(0), d2.Double(1), (*Meters).Double(&m, 2))

	// Closures capture variables.
	add5 := makeAdder(5)
	total := 0
	bump := func() { total += add5(1) }
	bump()
	bump()
	println("closures:", total)

	// Type switches and assertions.
	println("switch:", describe(nil), describe(7), describe(1000), describe("go"), describe(sq), describe(1.5))
	if rr, ok := sh.(*Square); ok {
		println("assert:", rr.tag, Blue)
	}

	// Labels, goto, break and continue.
	count := 0
outer:
	for x := 0; x < 5; x++ {
		for y := 0; y < 5; y++ {
			if y > x {
				continue outer
			}
			if x == 4 {
				break outer
			}
			count++
		}
	}
	k := 0
loop:
	if k < 3 {
		k++
		goto loop
	}
	println("control:", count, k)
}
