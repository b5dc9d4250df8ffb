// Value semantics, closures, integer wrap-around, appends that alias or copy.
package main

import "fmt"

type Pt struct{ X, Y int }
type Arr [3]Pt

func mod(a Arr) Arr { a[0].X = 99; return a }
func modp(a *Arr)   { a[1].Y = 77 }
func counter() func() int {
	c := 0
	return func() int { c++; return c }
}

func main() {
	var a Arr
	b := mod(a)
	modp(&a)
	fmt.Println(a, b)
	c1, c2 := counter(), counter()
	fmt.Println(c1(), c1(), c2())
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i * i })
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()
	var i8 int8 = 127
	i8++
	var u8 uint8 = 0
	u8--
	fmt.Println(i8, u8, -7/2, -7%2, 7>>1, -7>>1, uint32(1)<<31, int64(-1)<<63)
	x := 1
	x <<= 65 % 64
	var sh uint = 70
	fmt.Println(x, 1<<sh, int32(1)<<sh, -1>>sh)
	for i, r := range "héllo, 世界" {
		fmt.Print(i, ":", string(r), " ")
	}
	fmt.Println()
	s := []byte("abc")
	t := s[:2]
	t = append(t, 'X')
	fmt.Println(string(s), string(t), len(t), cap(t))
	t = append(t, 'Y')
	t[0] = 'Z'
	fmt.Println(string(s), string(t))
outer:
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			if j == 2 {
				continue outer
			}
			if i == 2 {
				break outer
			}
			fmt.Print(i, j, ";")
		}
	}
	fmt.Println()
	switch v := 5; {
	case v > 3:
		fmt.Println("big")
		fallthrough
	case v > 10:
		fmt.Println("fell")
	default:
		fmt.Println("def")
	}
	n := 0
loop:
	if n < 3 {
		n++
		goto loop
	}
	fmt.Println(n)
	m := [][]int{{1}, {2, 3}}
	m2 := append([][]int(nil), m...)
	m2[1][0] = 9
	fmt.Println(m, m2, len(m2[1:]))
	fmt.Println(float32(1)/3, 1.0/3.0, float64(float32(0.1)), 1e21, 1e20, 123456789.0, 0.000001, 1e-7)
	var f32 float32 = 16777216
	f32++
	fmt.Println(f32, int(-3), uint8(300&0xff), string(rune(65)), []rune("añ"))
	p := &Pt{1, 2}
	q := *p
	q.X = 5
	fmt.Println(*p, q, Pt{1, 2} == *p)
	fmt.Printf("%v %v\n", [2][2]int{{1, 2}, {3, 4}}, struct {
		A int
		B string
	}{1, "x"})
}
