// reflect's Value.Convert, CanConvert and Type.ConvertibleTo over Go's
// conversion table: numbers, strings and byte/rune slices, defined types,
// structs differing in tags, pointers, slices to array pointers,
// channels, and into interfaces.
package main

import (
	"fmt"
	"reflect"
)

type MyInt int
type MyString string
type Bytes []byte
type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1fC", float64(c)) }

type A struct {
	X int `json:"x"`
}
type B struct {
	X int `xml:"x"`
}

func try(what string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Printf("%s: panic: %v\n", what, r)
		}
	}()
	f()
}

func main() {
	types := []reflect.Type{
		reflect.TypeOf(int8(0)), reflect.TypeOf(int16(0)), reflect.TypeOf(int32(0)), reflect.TypeOf(int64(0)), reflect.TypeOf(0),
		reflect.TypeOf(uint8(0)), reflect.TypeOf(uint16(0)), reflect.TypeOf(uint32(0)), reflect.TypeOf(uint64(0)), reflect.TypeOf(uint(0)),
		reflect.TypeOf(uintptr(0)), reflect.TypeOf(float32(0)), reflect.TypeOf(0.0), reflect.TypeOf(MyInt(0)), reflect.TypeOf(Celsius(0)),
	}
	// Floats only where every integer type holds them (Go leaves other
	// float-to-integer results to the implementation: they differ by ISA).
	for _, x := range []any{int8(-100), int64(1 << 40), uint8(250), 3.75, float32(100.5), MyInt(-1), Celsius(98.6)} {
		v := reflect.ValueOf(x)
		fmt.Printf("%T(%v):", x, x)
		for _, t := range types {
			fmt.Printf(" %v", v.Convert(t).Interface())
		}
		fmt.Println()
	}
	c := reflect.ValueOf(complex64(1 + 2i)).Convert(reflect.TypeOf(0i))
	fmt.Println(c.Interface(), reflect.ValueOf(3+4i).Convert(reflect.TypeOf(complex64(0))).Interface())

	str := reflect.TypeOf("")
	for _, x := range []any{65, int64(0x4e16), -1, 0x110000, uint8(200), uint64(1 << 40)} {
		fmt.Printf("%q ", reflect.ValueOf(x).Convert(str).Interface())
	}
	fmt.Println()
	fmt.Println(reflect.ValueOf("héllo").Convert(reflect.TypeOf([]byte(nil))).Interface(), reflect.ValueOf("héllo").Convert(reflect.TypeOf([]rune(nil))).Interface())
	fmt.Println(reflect.ValueOf([]byte("abc")).Convert(str), reflect.ValueOf([]rune{'x', 'é'}).Convert(reflect.TypeOf(MyString(""))).Interface())
	fmt.Println(reflect.ValueOf(MyString("s")).Convert(reflect.TypeOf(Bytes(nil))).Interface(), reflect.ValueOf(Bytes("b")).Convert(str).Type())

	// Defined types, tags, pointers.
	a := A{7}
	b := reflect.ValueOf(a).Convert(reflect.TypeOf(B{}))
	fmt.Println(b.Type(), b.Interface())
	pb := reflect.ValueOf(&a).Convert(reflect.TypeOf(&B{}))
	pb.Elem().Field(0).SetInt(8)
	fmt.Println(pb.Type(), a.X)
	// Converting an addressable value copies it.
	x := 5
	xv := reflect.ValueOf(&x).Elem().Convert(reflect.TypeOf(MyInt(0)))
	x = 6
	fmt.Println(xv.Interface(), xv.CanSet())

	// Slices to array pointers.
	s := []int{1, 2, 3, 4}
	ap := reflect.ValueOf(s).Convert(reflect.TypeOf((*[3]int)(nil)))
	ap.Elem().Index(0).SetInt(100)
	fmt.Println(ap.Type(), s[0], reflect.ValueOf(s).CanConvert(reflect.TypeOf((*[4]int)(nil))), reflect.ValueOf(s).CanConvert(reflect.TypeOf((*[5]int)(nil))))

	// Channels.
	ch := make(chan int)
	fmt.Println(reflect.ValueOf(ch).Convert(reflect.TypeOf((<-chan int)(nil))).Type(), reflect.TypeOf((<-chan int)(nil)).ConvertibleTo(reflect.TypeOf(ch)))

	// Into interfaces.
	anyT := reflect.TypeOf((*any)(nil)).Elem()
	stringerT := reflect.TypeOf((*fmt.Stringer)(nil)).Elem()
	iv := reflect.ValueOf(Celsius(20)).Convert(stringerT)
	fmt.Println(iv.Kind(), iv.Type(), iv.Interface(), iv.Elem().Type())
	fmt.Println(iv.Convert(anyT).Elem().Type(), reflect.ValueOf(3).Convert(anyT).Elem().Int())
	var nilS fmt.Stringer
	nv := reflect.ValueOf(&nilS).Elem().Convert(anyT)
	fmt.Println(nv.Kind(), nv.IsNil())

	// ConvertibleTo.
	all := append(types, str, reflect.TypeOf([]byte(nil)), reflect.TypeOf([]rune(nil)), reflect.TypeOf(A{}), reflect.TypeOf(B{}),
		reflect.TypeOf(&A{}), reflect.TypeOf(0i), anyT, stringerT, reflect.TypeOf(true), reflect.TypeOf([]int(nil)), reflect.TypeOf((*[2]int)(nil)))
	for _, t := range all {
		row := ""
		for _, u := range all {
			if t.ConvertibleTo(u) {
				row += "1"
			} else {
				row += "."
			}
		}
		fmt.Printf("%-12s %s\n", t, row)
	}

	try("int to bool", func() { reflect.ValueOf(1).Convert(reflect.TypeOf(true)) })
	try("string to int", func() { reflect.ValueOf("1").Convert(reflect.TypeOf(0)) })
	try("short slice to array pointer", func() { reflect.ValueOf([]int{1}).Convert(reflect.TypeOf((*[2]int)(nil))) })
	try("not a Stringer", func() { reflect.ValueOf(1).Convert(stringerT) })
}
