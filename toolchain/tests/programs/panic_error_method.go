// A panic value's Error method, called by nothing but the runtime when it
// prints the panic, is kept.
package main

type E struct{ code int }

func (e E) Error() string { return "failure " + string(rune('0'+e.code)) }

type S struct{}

func (S) String() string { return "stringer" }

func main() {
	defer func() {
		panic(E{7})
	}()
	panic(S{})
}
