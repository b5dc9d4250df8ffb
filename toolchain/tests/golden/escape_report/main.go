// The program of driver test `gcflags_m`: its `-gcflags=-m` report is gc's
// (gc-m.txt: gc 1.19's lines but those about inlining and the implicit
// conversions of an assignment and a declaration, which rgo does not
// report).
package main

type T struct{ a, b int }

var sink *T
var keep []int
var iface interface{}

//go:noinline
func local() int {
	t := &T{1, 2}
	return t.a
}

//go:noinline
func leak() {
	t := &T{3, 4}
	sink = t
}

//go:noinline
func moved() *int {
	x := 5
	return &x
}

//go:noinline
func slices(n int) int {
	s := make([]int, 10)
	u := make([]int, n)
	v := []int{1, 2, 3}
	w := []int{4, 5}
	keep = w
	big := make([]byte, 1<<20)
	return len(s) + len(u) + v[0] + len(big)
}

//go:noinline
func boxes(n int, s string) {
	iface = n
	var local interface{} = s
	_ = local
}

//go:noinline
func conversions(b []byte, s string) int {
	t := string(b)
	u := []byte(s)
	return len(t) + len(u)
}

//go:noinline
func show(v interface{}) { iface = v }

//go:noinline
func look(v interface{}) bool { return v == nil }

func main() {
	k := 7
	show(k)
	println(look(k + 1))
	println(local(), *moved(), slices(3))
	leak()
	boxes(1, "x")
	println(conversions([]byte("ab"), "cd"))
	n := 3
	f := func() int { n++; return n }
	println(f())
}
