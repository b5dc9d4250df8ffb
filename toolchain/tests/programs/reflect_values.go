// reflect's Value side: reading every kind, settability and the setters,
// assignability (Set, Implements, AssignableTo), Zero, Copy, Go's misuse
// panics, and fmt printing Values as what they hold.
package main

import (
	"errors"
	"fmt"
	"reflect"
)

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type Point struct {
	X, Y   int
	label  string
	Tags   []string
	Next   *Point
	Attrs  map[string]int
	Any    any
	Err    error
	hidden Celsius
}

type Inner struct{ V int }

type Outer struct {
	Inner
	*Point
	W int
}

type Stringer interface{ String() string }

func try(what string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Printf("%s: panic: %v\n", what, r)
		}
	}()
	f()
	fmt.Printf("%s: ok\n", what)
}

func main() {
	p := Point{X: 1, Y: -2, label: "origin", Tags: []string{"a", "b"}, Attrs: map[string]int{"k": 1}, Any: 3.5, Err: errors.New("boom"), hidden: 21.5}
	v := reflect.ValueOf(p)
	fmt.Println(v.Kind(), v.Type(), v.NumField(), v.CanAddr(), v.CanSet())
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		fmt.Printf("  %d %s kind=%v canInterface=%v canSet=%v isZero=%v\n", i, v.Type().Field(i).Name, f.Kind(), f.CanInterface(), f.CanSet(), f.IsZero())
	}
	fmt.Println(v.Field(0).Int(), v.Field(1).Int(), v.Field(2).String(), v.Field(3).Len(), v.Field(3).Index(1).String())
	fmt.Println(v.Field(4).IsNil(), v.Field(5).Len(), v.Field(6).Elem().Float(), v.Field(6).Elem().Kind(), v.Field(7).Elem().Type())
	fmt.Println(v.Field(8).Float(), v.Field(8).Type(), v.Field(8).String())

	// Values printed by fmt: as the value held, with its methods.
	fmt.Println(v.Field(0), v.Field(3), v.Field(6), v.Field(7), v.Field(8), reflect.ValueOf(Celsius(3)))
	fmt.Printf("%v %d %q %x %v\n", reflect.ValueOf(42), reflect.ValueOf(42), reflect.ValueOf("hi"), reflect.ValueOf([]byte("hi")), reflect.Value{})
	fmt.Printf("%v %s\n", struct{ V reflect.Value }{reflect.ValueOf(7)}, reflect.ValueOf(Celsius(1)))
	fmt.Println(reflect.ValueOf(1.5).String(), reflect.Value{}.String(), reflect.ValueOf("s").String())

	// Numbers of every size.
	for _, x := range []any{int8(-8), int16(-16), int32(-32), int64(-64), int(-1)} {
		fmt.Print(reflect.ValueOf(x).Int(), " ")
	}
	for _, x := range []any{uint8(8), uint16(16), uint32(32), uint64(64), uint(1), uintptr(2)} {
		fmt.Print(reflect.ValueOf(x).Uint(), " ")
	}
	fmt.Println(reflect.ValueOf(float32(0.5)).Float(), reflect.ValueOf(complex64(1+2i)).Complex(), reflect.ValueOf(3i).Complex(), reflect.ValueOf(true).Bool())

	// Pointers make Values settable.
	q := &Point{X: 5}
	e := reflect.ValueOf(q).Elem()
	fmt.Println(e.CanAddr(), e.CanSet(), e.Field(0).CanSet(), e.Field(2).CanSet(), e.Field(2).CanAddr())
	e.Field(0).SetInt(50)
	e.Field(1).Set(reflect.ValueOf(60))
	e.Field(3).Set(reflect.ValueOf([]string{"x"}))
	e.Field(6).Set(reflect.ValueOf("now a string"))
	e.Field(7).Set(reflect.ValueOf(errors.New("set")))
	e.FieldByName("Next").Set(reflect.ValueOf(&Point{X: 9}))
	fmt.Println(q.X, q.Y, q.Tags, q.Any, q.Err, q.Next.X)
	e.Field(3).SetLen(0)
	fmt.Println(len(q.Tags), cap(q.Tags))

	var (
		b  bool
		i  int16
		u  uint32
		f  float32
		c  complex128
		s  string
		bs []byte
		st Stringer
	)
	reflect.ValueOf(&b).Elem().SetBool(true)
	reflect.ValueOf(&i).Elem().SetInt(-300)
	reflect.ValueOf(&u).Elem().SetUint(1 << 33)
	reflect.ValueOf(&f).Elem().SetFloat(0.25)
	reflect.ValueOf(&c).Elem().SetComplex(1 - 1i)
	reflect.ValueOf(&s).Elem().SetString("set")
	reflect.ValueOf(&bs).Elem().SetBytes([]byte("bytes"))
	reflect.ValueOf(&st).Elem().Set(reflect.ValueOf(Celsius(-4)))
	fmt.Println(b, i, u, f, c, s, string(bs), st.String())

	// Interfaces, pointers, Indirect, FieldByName through embedding.
	var any1 any = &Inner{V: 4}
	iv := reflect.ValueOf(&any1).Elem()
	fmt.Println(iv.Kind(), iv.Elem().Kind(), iv.Elem().Elem().Field(0).Int(), reflect.Indirect(iv.Elem()).Type(), reflect.Indirect(reflect.ValueOf(3)).Int())
	o := Outer{Inner{1}, &Point{Y: 2}, 3}
	ov := reflect.ValueOf(o)
	fmt.Println(ov.FieldByName("V").Int(), ov.FieldByName("Y").Int(), ov.FieldByName("W").Int(), ov.FieldByName("nope").IsValid())
	var nilSt Stringer
	fmt.Println(reflect.ValueOf(&nilSt).Elem().IsNil(), reflect.ValueOf(&nilSt).Elem().Elem().IsValid())

	// Arrays, slices, strings, maps, channels.
	arr := [3]int{7, 8, 9}
	av := reflect.ValueOf(&arr).Elem()
	av.Index(1).SetInt(80)
	fmt.Println(arr, av.Len(), av.Cap(), reflect.ValueOf(arr).Index(2).CanSet(), av.Index(2).CanSet())
	sl := make([]int, 2, 5)
	fmt.Println(reflect.ValueOf(sl).Len(), reflect.ValueOf(sl).Cap(), reflect.ValueOf(sl).Index(0).CanSet())
	fmt.Println(reflect.ValueOf("héllo").Index(1).Uint(), reflect.ValueOf("héllo").Len())
	ch := make(chan int, 4)
	ch <- 1
	fmt.Println(reflect.ValueOf(ch).Len(), reflect.ValueOf(ch).Cap(), reflect.ValueOf(map[int]bool{1: true, 2: false}).Len())
	var nilMap map[int]int
	var nilCh chan int
	fmt.Println(reflect.ValueOf(nilMap).Len(), reflect.ValueOf(nilCh).Cap(), reflect.ValueOf(nilMap).IsNil())
	bytes := [4]byte{'a', 'b', 'c', 'd'}
	fmt.Println(string(reflect.ValueOf(&bytes).Elem().Bytes()), string(reflect.ValueOf([]byte("xy")).Bytes()))
	fmt.Println(reflect.ValueOf(&arr).Pointer() == reflect.ValueOf(&arr[0]).Pointer(), reflect.ValueOf(sl).Pointer() == reflect.ValueOf(&sl[0]).Pointer())

	// IsZero.
	for _, x := range []any{0, 1, "", "x", 0.0, -0.0, [2]int{}, [2]int{0, 1}, Point{}, p, (*int)(nil), []int(nil), []int{}, complex(0, 0), false} {
		fmt.Print(reflect.ValueOf(x).IsZero(), " ")
	}
	fmt.Println()

	// Zero and Copy.
	z := reflect.Zero(reflect.TypeOf(p))
	fmt.Println(z.Field(0).Int(), z.Field(3).IsNil(), z.CanSet(), reflect.Zero(reflect.TypeOf(&p)).IsNil())
	dst := make([]int, 2)
	fmt.Println(reflect.Copy(reflect.ValueOf(dst), reflect.ValueOf([]int{4, 5, 6})), dst)
	var darr [3]byte
	fmt.Println(reflect.Copy(reflect.ValueOf(&darr).Elem(), reflect.ValueOf("xyzw")), string(darr[:]))

	// Interface round trips.
	back := reflect.ValueOf(p).Interface().(Point)
	fmt.Println(back.X, back.label)
	x := 10
	xv := reflect.ValueOf(&x).Elem()
	held := xv.Interface()
	x = 11
	fmt.Println(held, xv.Interface())

	// Implements and AssignableTo.
	stringerT := reflect.TypeOf((*Stringer)(nil)).Elem()
	errorT := reflect.TypeOf((*error)(nil)).Elem()
	fmt.Println(reflect.TypeOf(Celsius(0)).Implements(stringerT), reflect.TypeOf(0).Implements(stringerT), reflect.TypeOf(errors.New("")).Implements(errorT))
	fmt.Println(reflect.TypeOf(Celsius(0)).AssignableTo(stringerT), reflect.TypeOf(0.0).AssignableTo(reflect.TypeOf(Celsius(0))))
	type Floats []float64
	fmt.Println(reflect.TypeOf([]float64{}).AssignableTo(reflect.TypeOf(Floats{})), reflect.TypeOf(Floats{}).AssignableTo(reflect.TypeOf([]float64{})))
	fmt.Println(reflect.TypeOf(make(chan int)).AssignableTo(reflect.TypeOf(make(<-chan int))), reflect.TypeOf(make(<-chan int)).AssignableTo(reflect.TypeOf(make(chan int))))
	fmt.Println(stringerT.Implements(reflect.TypeOf((*any)(nil)).Elem()), reflect.TypeOf((*any)(nil)).Elem().Implements(stringerT))

	// Misuse.
	try("Int of string", func() { reflect.ValueOf("s").Int() })
	try("Uint of int", func() { reflect.ValueOf(1).Uint() })
	try("Float of bool", func() { reflect.ValueOf(true).Float() })
	try("Bool of zero", func() { reflect.Value{}.Bool() })
	try("Type of zero", func() { reflect.Value{}.Type() })
	try("Interface of zero", func() { reflect.Value{}.Interface() })
	try("Interface of unexported", func() { v.Field(2).Interface() })
	try("SetInt unaddressable", func() { reflect.ValueOf(1).SetInt(2) })
	try("SetString unexported", func() { reflect.ValueOf(q).Elem().Field(2).SetString("x") })
	try("SetInt on string", func() { reflect.ValueOf(&s).Elem().SetInt(1) })
	try("Set wrong type", func() { reflect.ValueOf(&s).Elem().Set(reflect.ValueOf(1)) })
	try("Set not implementing", func() { reflect.ValueOf(&st).Elem().Set(reflect.ValueOf(1)) })
	try("Set from unexported", func() { reflect.ValueOf(&s).Elem().Set(v.Field(2)) })
	try("Index out of range", func() { reflect.ValueOf([]int{1}).Index(1) })
	try("array Index out of range", func() { reflect.ValueOf([1]int{}).Index(-1) })
	try("string Index out of range", func() { reflect.ValueOf("ab").Index(2) })
	try("Field out of range", func() { v.Field(99) })
	try("Field of int", func() { reflect.ValueOf(1).Field(0) })
	try("Elem of int", func() { reflect.ValueOf(1).Elem() })
	try("Len of int", func() { reflect.ValueOf(1).Len() })
	try("Cap of map", func() { reflect.ValueOf(map[int]int{}).Cap() })
	try("IsNil of int", func() { reflect.ValueOf(1).IsNil() })
	try("NumField of zero", func() { reflect.Value{}.NumField() })
	try("SetLen too long", func() { reflect.ValueOf(&sl).Elem().SetLen(6) })
	try("FieldByIndex nil embedded", func() { reflect.ValueOf(Outer{}).FieldByName("X") })
	try("Copy mismatched", func() { reflect.Copy(reflect.ValueOf(dst), reflect.ValueOf([]string{"a"})) })
	try("Bytes of ints", func() { reflect.ValueOf([]int{}).Bytes() })
	try("Zero(nil)", func() { reflect.Zero(nil) })
}
