// The cases of rt-core/src/errors.rs's unit tests as a Go program: its output
// is what the tests expect (`go run errors_cases.go`).
package main

import (
	"errors"
	"fmt"
)

type MyErr struct{ Code int }

func (e MyErr) Error() string { return fmt.Sprint("my ", e.Code) }

type PtrErr struct{ msg string }

func (e *PtrErr) Error() string { return e.msg }

type Wrap struct{ inner error }

func (w Wrap) Error() string { return "wrap" }
func (w Wrap) Unwrap() error { return w.inner }

var sentinel = errors.New("sentinel")

type IsErr struct{}

func (IsErr) Error() string   { return "iserr" }
func (IsErr) Is(t error) bool { return t == sentinel }

type AsErr struct{}

func (AsErr) Error() string { return "aserr" }
func (AsErr) As(t any) bool {
	if p, ok := t.(*MyErr); ok {
		*p = MyErr{42}
		return true
	}
	return false
}

type Sl struct{ s []int }

func (Sl) Error() string { return "sl" }

type E2 interface{ Error() string }
type Fooer interface{ Foo() }

func try(f func()) (msg any) {
	defer func() { msg = recover() }()
	f()
	return nil
}

func main() {
	w := fmt.Errorf("w: %w", sentinel)
	fmt.Println(errors.Unwrap(sentinel) == nil, errors.Unwrap(w) == sentinel, errors.Unwrap(Wrap{sentinel}) == sentinel)
	fmt.Println(errors.Is(nil, nil), errors.Is(sentinel, nil), errors.Is(nil, sentinel))
	fmt.Println(errors.Is(sentinel, sentinel), errors.Is(w, sentinel), errors.Is(Wrap{w}, sentinel), errors.Is(errors.New("sentinel"), sentinel))
	fmt.Println(errors.Is(Wrap{MyErr{1}}, MyErr{1}), errors.Is(Wrap{MyErr{1}}, MyErr{2}))
	fmt.Println(errors.Is(Sl{}, Sl{}))
	fmt.Println(errors.Is(Wrap{IsErr{}}, sentinel), errors.Is(IsErr{}, w))
	p := &PtrErr{"p"}
	var tp *PtrErr
	fmt.Println(errors.As(Wrap{p}, &tp), tp == p)
	var m MyErr
	fmt.Println(errors.As(Wrap{MyErr{7}}, &m), m.Code)
	var e error
	fmt.Println(errors.As(w, &e), e == w)
	var e2 E2
	fmt.Println(errors.As(sentinel, &e2), e2 == sentinel)
	var fo Fooer
	fmt.Println(errors.As(sentinel, &fo))
	var m2 MyErr
	fmt.Println(errors.As(Wrap{AsErr{}}, &m2), m2.Code)
	fmt.Println(errors.As(nil, &m2))
	fmt.Println(try(func() { errors.As(sentinel, nil) }))
	fmt.Println(try(func() { errors.As(sentinel, m) }))
	fmt.Println(try(func() { var np *MyErr; errors.As(sentinel, np) }))
	fmt.Println(try(func() { var i int; errors.As(sentinel, &i) }))
	fmt.Println(try(func() { var i int; errors.As(nil, &i) }))
	fmt.Println(try(func() { var pe PtrErr; errors.As(nil, &pe) }))
}
