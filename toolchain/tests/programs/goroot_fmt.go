// fmt compiled from GOROOT, with rt-core's formatter in front of its
// printer: what the formatter prints, what it leaves to GOROOT's printer
// (methods, Formatter, %w), scanning, and math/big's formatting through
// fmt.State.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"math/big"
	"os"
	"strings"
)

type point struct{ X, Y int }

type celsius float64

func (c celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type loud string

func (l loud) Format(f fmt.State, verb rune) {
	w, wok := f.Width()
	fmt.Fprintf(f, "%c|%s|%d|%v|%v", verb, strings.ToUpper(string(l)), w, wok, f.Flag('+'))
}

type bad struct{}

func (bad) String() string { panic("no string") }

type pair struct {
	C celsius
	P point
}

func main() {
	// The formatter's part.
	fmt.Println("plain", 42, 3.5, true, nil, []int{1, 2}, map[string]int{"b": 2, "a": 1})
	fmt.Printf("%5d|%-5s|%x|%q|%v|%+v|%#v|%T\n", 7, "ab", "hi", "q", point{1, 2}, point{1, 2}, point{1, 2}, point{})
	// GOROOT's printer: methods at any depth, Formatter, panics in String.
	fmt.Println(celsius(21.5), []celsius{1, 2}, pair{C: 3, P: point{4, 5}})
	fmt.Printf("%v %+8v %s\n", loud("x"), loud("y"), loud("z"))
	fmt.Println(bad{})
	fmt.Printf("%d %v\n", celsius(2), fmt.Sprint(celsius(0.25)))
	// Errorf and wrapping.
	base := errors.New("base")
	err := fmt.Errorf("ctx %d: %w", 1, base)
	fmt.Println(err, errors.Is(err, base), errors.Unwrap(err) == base)
	fmt.Printf("%w\n", base)
	// Writers other than files, Append.
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "%03d-%s", 5, "x")
	fmt.Fprint(&buf, " ", celsius(1))
	fmt.Println(buf.String(), string(fmt.Appendf([]byte("a:"), "%d", 9)), string(fmt.Append(nil, 1, "b")))
	fmt.Fprintln(os.Stdout, "to stdout", 1)
	// Scanning.
	var name string
	var n int
	var f float64
	k, serr := fmt.Sscanf("bob 12 2.5", "%s %d %g", &name, &n, &f)
	fmt.Println(k, serr, name, n, f)
	var a, b int
	k, serr = fmt.Sscan("3\n4", &a, &b)
	fmt.Println(k, serr, a+b)
	// math/big formats through fmt.State (its Format method).
	x := new(big.Int)
	x.SetString("123456789012345678901234567890", 10)
	y := new(big.Int).Mul(x, x)
	fmt.Printf("%d %x %v\n", x, big.NewInt(255), y)
	r := big.NewRat(1, 3)
	fmt.Println(r, new(big.Float).SetFloat64(1.5).Text('g', 10))
}
