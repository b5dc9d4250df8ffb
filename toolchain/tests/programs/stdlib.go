// The intrinsic packages: fmt, strconv, math, unsafe, errors, strings.Builder, os.
package main

import (
	"errors"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"unsafe"
)

type T struct {
	a int8
	b int64
	c [3]uint16
}

type MyErr struct{ code int }

func (e *MyErr) Error() string { return "myerr " + strconv.Itoa(e.code) }

func main() {
	fmt.Println(strconv.Itoa(-42), strconv.FormatInt(255, 16), strconv.Quote("hi\n"))
	n, err := strconv.Atoi("123")
	fmt.Println(n, err)
	_, err = strconv.Atoi("x1")
	fmt.Println(err)
	v, err := strconv.ParseInt("-0x1f", 0, 64)
	fmt.Println(v, err, strconv.FormatFloat(1.5, 'f', 3, 64), strconv.FormatFloat(0.1, 'g', -1, 32))
	fmt.Println(math.Sqrt(2), math.Floor(-1.5), math.Ceil(1.2), math.Trunc(-2.7), math.Abs(-3), math.Inf(1), math.IsNaN(math.NaN()), math.IsInf(math.Inf(-1), -1))
	fmt.Println(math.MaxInt64, math.Pi, math.Float64bits(1.0), math.Float32frombits(0x40490fdb), math.Signbit(-0.0*1))
	var t T
	fmt.Println(unsafe.Sizeof(t), unsafe.Alignof(t.b), unsafe.Offsetof(t.c))
	p := unsafe.Pointer(&t)
	fmt.Println(p != nil, uintptr(p) != 0)
	base := errors.New("base")
	wrapped := fmt.Errorf("wrap: %w", base)
	fmt.Println(errors.Unwrap(wrapped) == base, errors.Is(wrapped, base), errors.Is(base, wrapped))
	var me *MyErr
	err2 := fmt.Errorf("outer: %w", &MyErr{7})
	fmt.Println(errors.As(err2, &me), me.code)
	var b strings.Builder
	b.WriteString("hello")
	b.WriteByte(',')
	b.WriteRune('世')
	fmt.Println(b.String(), b.Len())
	fmt.Fprintln(os.Stderr, "to stderr", len(os.Args) > 0, os.Getenv("RGO_NOPE") == "")
	fmt.Fprintf(os.Stdout, "%d-%s\n", 5, "x")
	os.Exit(0)
	println("not reached")
}
