// VisibleFields, SetPointer, SetIterKey and SetIterValue, with gc's
// output and panics.
package main

import (
	"fmt"
	"reflect"
	"sort"
	"unsafe"
)

type Inner struct {
	A, B int
	c    string
}

type Other struct {
	B float64
	D bool
}

type Deep struct {
	Inner
	E int
}

type Cycle struct {
	*Cycle
	F int
}

type Outer struct {
	Inner
	*Other
	A    string
	deep Deep
	Deep
	G    []int `json:"g"`
}

func show(t reflect.Type) {
	fmt.Println(t)
	for _, f := range reflect.VisibleFields(t) {
		fmt.Printf("  %s %v %v anon=%v exported=%v tag=%q\n", f.Name, f.Type, f.Index, f.Anonymous, f.IsExported(), f.Tag)
	}
}

func try(name string, f func()) {
	defer func() {
		fmt.Printf("%s: %v\n", name, recover())
	}()
	f()
}

func main() {
	show(reflect.TypeOf(Outer{}))
	show(reflect.TypeOf(Cycle{}))
	show(reflect.TypeOf(struct{}{}))
	try("nil", func() { reflect.VisibleFields(nil) })
	try("int", func() { reflect.VisibleFields(reflect.TypeOf(1)) })

	x := 7
	var p unsafe.Pointer
	v := reflect.ValueOf(&p).Elem()
	v.SetPointer(unsafe.Pointer(&x))
	fmt.Println(*(*int)(p))
	try("SetPointer unaddressable", func() { reflect.ValueOf(p).SetPointer(nil) })
	try("SetPointer int", func() { reflect.ValueOf(&x).Elem().SetPointer(nil) })

	m := map[string]int{"a": 1, "b": 2, "c": 3}
	iter := reflect.ValueOf(m).MapRange()
	k := reflect.New(reflect.TypeOf("")).Elem()
	e := reflect.New(reflect.TypeOf(0)).Elem()
	var keys []string
	sum := 0
	for iter.Next() {
		k.SetIterKey(iter)
		e.SetIterValue(iter)
		keys = append(keys, k.String())
		sum += int(e.Int())
	}
	sort.Strings(keys)
	fmt.Println(keys, sum)
	// Into an interface: the key is boxed.
	var anyKey any
	iter.Reset(reflect.ValueOf(map[int]bool{4: true}))
	iter.Next()
	reflect.ValueOf(&anyKey).Elem().SetIterKey(iter)
	fmt.Println(anyKey)
	try("SetIterKey before Next", func() {
		k.SetIterKey(reflect.ValueOf(m).MapRange())
	})
	try("SetIterValue exhausted", func() {
		it := reflect.ValueOf(map[string]int{}).MapRange()
		it.Next()
		e.SetIterValue(it)
	})
	try("SetIterKey wrong type", func() {
		it := reflect.ValueOf(m).MapRange()
		it.Next()
		e.SetIterKey(it)
	})
	try("SetIterKey unaddressable", func() {
		it := reflect.ValueOf(m).MapRange()
		it.Next()
		reflect.ValueOf("").SetIterKey(it)
	})
}
