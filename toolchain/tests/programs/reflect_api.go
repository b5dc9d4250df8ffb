// reflect's members that Go's standard library uses (encoding/json,
// text/template): the Can*/Overflow* predicates, Slice3, FieldByIndexErr,
// FieldByNameFunc and InterfaceData.
package main

import (
	"fmt"
	"math"
	"reflect"
	"strings"
)

type Inner struct {
	Deep int
}

type Outer struct {
	*Inner
	Name  string
	count int
}

func main() {
	i8 := reflect.ValueOf(int8(0))
	u16 := reflect.ValueOf(uint16(0))
	f32 := reflect.ValueOf(float32(0))
	c64 := reflect.ValueOf(complex64(0))
	fmt.Println(i8.CanInt(), i8.CanUint(), u16.CanUint(), f32.CanFloat(), c64.CanComplex(), f32.CanInt())
	fmt.Println(i8.OverflowInt(127), i8.OverflowInt(128), i8.OverflowInt(-128), i8.OverflowInt(-129))
	fmt.Println(u16.OverflowUint(65535), u16.OverflowUint(65536))
	fmt.Println(f32.OverflowFloat(math.MaxFloat32), f32.OverflowFloat(1e39), f32.OverflowFloat(-1e39), f32.OverflowFloat(math.Inf(1)))
	fmt.Println(c64.OverflowComplex(complex(1, 1e39)), reflect.ValueOf(1.0).OverflowFloat(1e300))

	s := []int{0, 1, 2, 3, 4, 5}
	t := reflect.ValueOf(s).Slice3(1, 3, 4)
	fmt.Println(t.Len(), t.Cap(), t.Interface())
	a := [4]string{"a", "b", "c", "d"}
	u := reflect.ValueOf(&a).Elem().Slice3(0, 2, 3)
	fmt.Println(u.Len(), u.Cap(), u.Interface())

	var o Outer
	v := reflect.ValueOf(&o).Elem()
	_, err := v.FieldByIndexErr([]int{0, 0})
	fmt.Println(err)
	o.Inner = &Inner{Deep: 7}
	d, err := v.FieldByIndexErr([]int{0, 0})
	fmt.Println(d.Int(), err)
	f, ok := v.Type().FieldByNameFunc(func(n string) bool { return strings.ToUpper(n) == "NAME" })
	fmt.Println(f.Name, f.Index, ok)
	fmt.Println(v.FieldByNameFunc(func(n string) bool { return n == "Deep" }).Int())
	_, ok = v.Type().FieldByNameFunc(func(n string) bool { return true })
	fmt.Println(ok)

	var e any = 5
	w := reflect.ValueOf(&e).Elem().InterfaceData()
	fmt.Println(w[0] != 0, w[1] != 0)
	defer func() { fmt.Println(recover()) }()
	reflect.ValueOf("x").OverflowInt(1)
}
