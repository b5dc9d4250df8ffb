package main

import "fmt"

var s uint = 33

var gu uint64 = 1 << s

func ret() uint32 { return 1<<s - 1 }

func k(p int32, x int32) bool { return -(1 << x) <= p }

func main() {
	var u32 uint32 = 7
	var a = u32 | 1<<(s&31)
	fmt.Printf("%T %v\n", a, a)
	b := 1<<s + u32
	fmt.Printf("%T %v\n", b, b)
	var c int64 = 1 << s
	fmt.Println(c, gu, ret())
	var d uint8
	d = 1<<(s-30) + 1
	fmt.Printf("%T %v\n", d, d)
	fmt.Println(1<<s == 1<<33, k(-8, 3), k(-9, 3))
	e := uint16(1<<(s-20)) | 3
	fmt.Printf("%T %v\n", e, e)
	bits := [2]uint64{^uint64(0), 0}
	bits[0] ^= 1<<(s&63) - 1
	fmt.Println(bits[0])
	var i interface{} = 1 << s
	fmt.Printf("%T %v\n", i, i)
	var x, y uint16 = 1 << (s - 30), 2
	fmt.Println(x, y)
}
