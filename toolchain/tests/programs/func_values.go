package main

import (
	"errors"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
)

var contains = strings.Contains
var sprintf = fmt.Sprintf
var printers = []func(...interface{}) (int, error){fmt.Println, fmt.Print}

func apply(f func(float64) float64, x float64) float64 { return f(x) }

func each(xs []string, f func(string) string) []string {
	var out []string
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

type holder struct{ f func(string) string }

func lower() func(string) string { return strings.ToLower }

// In composite literals, as results, assigned to declared variables.
func more() {
	s := holder{f: strings.ToUpper}
	a := [2]func(string) string{strings.TrimSpace, lower()}
	m := []holder{{strings.ToLower}}
	var g func(string) string
	g = strings.ToUpper
	fmt.Println(s.f("x"), a[0](" y "), a[1]("Z"), m[0].f("Q"), g("w"))
}

func main() {
	more()
	p := fmt.Println
	n, err := p("hello", 42, true)
	p(n, err)
	fmt.Printf("%T\n", p)
	fmt.Printf("%T %v\n", contains, contains("seafood", "foo"))
	fmt.Println(sprintf("%d-%s", 7, "x"), contains != nil, p != nil)
	for _, pr := range printers {
		pr("via", "slice")
	}
	fmt.Println()
	fmt.Println(apply(math.Sqrt, 16), apply(math.Floor, -2.5), apply(math.Abs, -3))
	fmt.Println(each([]string{"a", "Bc"}, strings.ToUpper), each([]string{"x"}, strconv.Quote))
	atoi := strconv.Atoi
	v, e := atoi("123")
	_, e2 := atoi("z")
	fmt.Println(v, e, e2)
	var mk func(string) error = errors.New
	fmt.Println(mk("boom"))
	split := strings.Split
	fmt.Println(len(split("a,b,c", ",")), strings.Join(split("a,b", ","), "+"))
	var f func() float64
	fmt.Println(f == nil)
	f = math.NaN
	fmt.Println(f != nil, math.IsNaN(f()))
	errorf := fmt.Errorf
	fmt.Println(errorf("code %d", 5))
	isinf := math.IsInf
	fmt.Println(isinf(math.Inf(1), 0), os.Getenv != nil)
	sp := fmt.Sprint
	fmt.Println(sp("a", 1, 2, "b"))
	fi := strconv.Itoa
	fmt.Println(fi(-5) + strconv.FormatInt(10, 2))
	exit := os.Exit
	fmt.Println(exit != nil)
}
