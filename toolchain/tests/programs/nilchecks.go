// Nil checks that no load performs: each case must panic where Go does,
// with Go's message.
package main

type T int
type Big struct{ a, b, c int }
type Empty struct{}
type HasEmpty struct {
	e Empty
	n int
}

type I interface{ F() }
type J interface{ G(x int) int }
type C interface{ Close() }

func (t T) F()            {}
func (b Big) F()          {}
func (b Big) G(x int) int { return x + b.a }

var sink interface{}

func try(name string, f func()) {
	defer func() {
		r := recover()
		if r == nil {
			println(name, "did not panic")
			return
		}
		println(name+":", r.(error).Error())
	}()
	f()
}

func main() {
	var t *T
	var b *Big
	var i I = t
	try("one-word value method through nil pointer", func() { i.F() })
	i = b
	try("value method through nil pointer", func() { i.F() })
	var j J = b
	try("value method with arguments", func() { j.G(1) })

	var c C
	try("defer of a nil interface's method", func() {
		defer c.Close()
		println("not reached")
	})
	try("method value of a nil interface", func() { f := c.Close; _ = f })

	var p *int
	try("blank assignment", func() { _ = *p })
	try("blank in a tuple assignment", func() {
		x := 0
		x, _ = 1, *p
		println("not reached", x)
	})
	try("blank var", func() { var _ = *p })

	var e *Empty
	try("zero-size value to interface", func() { sink = *e })
	var he *HasEmpty
	try("zero-size field", func() { sink = he.e })
	try("zero-size compare", func() { println(*e == *e) })

	var a *[4]int
	try("slicing a nil array pointer", func() { s := a[0:0]; _ = s })
	try("len of a nil array pointer", func() { println(len(a)) })
}
