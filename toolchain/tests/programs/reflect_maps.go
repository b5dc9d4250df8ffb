// reflect on maps (MakeMap, MapIndex, MapKeys, MapRange, SetMapIndex,
// deleting with a zero Value) and DeepEqual over every kind, cycles
// included.
package main

import (
	"fmt"
	"reflect"
	"sort"
)

type Key struct {
	A int
	B string
}

type Node struct {
	V    int
	Next *Node
}

func try(what string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Printf("%s: panic: %v\n", what, r)
		}
	}()
	f()
	fmt.Printf("%s: ok\n", what)
}

func sortedKeys(m reflect.Value) []string {
	var ks []string
	for _, k := range m.MapKeys() {
		ks = append(ks, fmt.Sprint(k.Interface()))
	}
	sort.Strings(ks)
	return ks
}

func main() {
	m := map[string]int{"one": 1, "two": 2, "three": 3}
	mv := reflect.ValueOf(m)
	fmt.Println(mv.Len(), mv.MapIndex(reflect.ValueOf("two")), mv.MapIndex(reflect.ValueOf("four")).IsValid(), sortedKeys(mv))
	mv.SetMapIndex(reflect.ValueOf("four"), reflect.ValueOf(4))
	mv.SetMapIndex(reflect.ValueOf("one"), reflect.Value{})
	fmt.Println(m)

	var pairs []string
	it := mv.MapRange()
	for it.Next() {
		pairs = append(pairs, fmt.Sprintf("%v=%v", it.Key(), it.Value()))
	}
	sort.Strings(pairs)
	fmt.Println(pairs)
	it.Reset(reflect.ValueOf(map[int]bool{}))
	fmt.Println(it.Next())

	// Made by reflect, with struct keys and pointer-shaped elements.
	t := reflect.TypeOf(map[Key]*Node{})
	nm := reflect.MakeMapWithSize(t, 10)
	for i := 0; i < 100; i++ {
		nm.SetMapIndex(reflect.ValueOf(Key{i % 10, fmt.Sprint(i / 10)}), reflect.ValueOf(&Node{V: i}))
	}
	real := nm.Interface().(map[Key]*Node)
	fmt.Println(len(real), real[Key{3, "4"}].V, nm.MapIndex(reflect.ValueOf(Key{9, "9"})).Elem().Field(0).Int())
	empty := reflect.MakeMap(reflect.TypeOf(map[float64]string{}))
	empty.SetMapIndex(reflect.ValueOf(0.0), reflect.ValueOf("zero"))
	fmt.Println(empty.Interface(), empty.MapIndex(reflect.ValueOf(-0.0)))

	var nilMap map[string]int
	nv := reflect.ValueOf(nilMap)
	fmt.Println(nv.Len(), len(nv.MapKeys()), nv.MapIndex(reflect.ValueOf("x")).IsValid(), nv.MapRange().Next())

	// A map element read through MapIndex is a copy, not addressable.
	sm := map[string][2]int{"a": {1, 2}}
	e := reflect.ValueOf(sm).MapIndex(reflect.ValueOf("a"))
	sm["a"] = [2]int{5, 6}
	fmt.Println(e, e.CanSet(), e.CanAddr())

	try("MapIndex wrong key type", func() { mv.MapIndex(reflect.ValueOf(1)) })
	try("SetMapIndex wrong elem type", func() { mv.SetMapIndex(reflect.ValueOf("x"), reflect.ValueOf("y")) })
	try("SetMapIndex on nil map", func() { nv.SetMapIndex(reflect.ValueOf("x"), reflect.ValueOf(1)) })
	try("MapKeys of slice", func() { reflect.ValueOf([]int{}).MapKeys() })
	try("MakeMap of slice type", func() { reflect.MakeMap(reflect.TypeOf([]int{})) })
	try("Next on exhausted", func() {
		it := reflect.ValueOf(map[int]int{}).MapRange()
		it.Next()
		it.Next()
	})
	try("Key before Next", func() { reflect.ValueOf(map[int]int{1: 1}).MapRange().Key() })

	// DeepEqual.
	a := &Node{1, &Node{2, nil}}
	b := &Node{1, &Node{2, nil}}
	c1 := &Node{V: 1}
	c1.Next = c1
	c2 := &Node{V: 1}
	c2.Next = c2
	var nilSlice []int
	var nilIface any
	f := func() {}
	cases := []struct {
		x, y any
	}{
		{1, 1}, {1, 2}, {1, int64(1)}, {"a", "a"}, {1.5, 1.5},
		{[]int{1, 2}, []int{1, 2}}, {[]int{1, 2}, []int{2, 1}}, {nilSlice, []int{}}, {nilSlice, nilSlice},
		{map[string]int{"a": 1}, map[string]int{"a": 1}}, {map[string]int{"a": 1}, map[string]int{"a": 2}},
		{map[string]int{"a": 1}, map[string]int{"b": 1}}, {map[int]int(nil), map[int]int{}},
		{a, b}, {a, &Node{1, nil}}, {c1, c2}, {[2]any{1, "x"}, [2]any{1, "x"}}, {[2]any{1, "x"}, [2]any{1, 2}},
		{Key{1, "a"}, Key{1, "a"}}, {Key{1, "a"}, Key{1, "b"}}, {nilIface, nilIface}, {nil, 1},
		{f, f}, {(func())(nil), (func())(nil)}, {[]any{nil}, []any{nil}}, {[]any{nilSlice}, []any{[]int{}}},
		{[]float64{0}, []float64{-0.0}}, {map[Key][]int{{1, "x"}: {1}}, map[Key][]int{{1, "x"}: {1}}},
		{&[3]byte{1, 2, 3}, &[3]byte{1, 2, 3}}, {complex(1, 2), complex(1, 2)},
	}
	for i, tc := range cases {
		fmt.Print(i, ":", reflect.DeepEqual(tc.x, tc.y), " ")
	}
	fmt.Println()
	s := []int{1, 2}
	fmt.Println(reflect.DeepEqual(s, s), reflect.DeepEqual(m, m))
}
