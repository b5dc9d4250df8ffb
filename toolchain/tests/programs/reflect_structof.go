// reflect.StructOf and Swapper: struct types built at run time equal the
// program's own (fields, tags, package of unexported names), laid out as
// the compiler does, usable in New, MakeSlice, maps and Interface, with
// their pointers kept alive by the collector; Go's panics for bad fields;
// Swapper on slices of every element size.
package main

import (
	"fmt"
	"reflect"
	"runtime"
	"sort"
)

type Point struct {
	X, Y int `json:"x"`
}

func try(name string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Printf("%s: panic: %v\n", name, r)
		}
	}()
	f()
}

func main() {
	intT, strT := reflect.TypeOf(0), reflect.TypeOf("")
	// The same as a compiled type, with and without tags.
	st := reflect.StructOf([]reflect.StructField{{Name: "X", Type: intT}, {Name: "Y", Type: intT, Tag: `json:"x"`}})
	fmt.Println(st, st.Size(), st.NumField(), st.Field(1).Tag.Get("json"))
	fmt.Println(st == reflect.TypeOf(struct {
		X int
		Y int `json:"x"`
	}{}), st == reflect.TypeOf(Point{}), st.ConvertibleTo(reflect.TypeOf(Point{})))
	// Layout: padding, alignment, a trailing zero-size field.
	lay := reflect.StructOf([]reflect.StructField{
		{Name: "A", Type: reflect.TypeOf(byte(0))},
		{Name: "B", Type: reflect.TypeOf(int64(0))},
		{Name: "C", Type: reflect.TypeOf(int16(0))},
		{Name: "Z", Type: reflect.TypeOf(struct{}{})},
	})
	for i := 0; i < lay.NumField(); i++ {
		fmt.Print(lay.Field(i).Name, "@", lay.Field(i).Offset, " ")
	}
	fmt.Println(lay.Size(), lay.Align())
	// Unexported names with their package.
	un := reflect.StructOf([]reflect.StructField{{Name: "a", PkgPath: "main", Type: intT}, {Name: "_", PkgPath: "main", Type: intT}, {Name: "_", PkgPath: "main", Type: intT}})
	fmt.Println(un, un.Field(0).PkgPath, un == reflect.TypeOf(struct {
		a int
		_ int
		_ int
	}{}))
	// Embedded fields without methods.
	type Inner struct{ N int }
	emb := reflect.StructOf([]reflect.StructField{{Name: "Inner", Type: reflect.TypeOf(Inner{}), Anonymous: true}, {Name: "S", Type: strT}})
	f, ok := emb.FieldByName("N")
	fmt.Println(emb.Field(0).Name, emb.Field(0).Anonymous, emb.NumField(), f.Index, ok)

	// Values of built types: New, Set, Interface, fmt, maps, slices.
	pt := reflect.StructOf([]reflect.StructField{{Name: "Name", Type: strT}, {Name: "Next", Type: reflect.TypeOf((*Point)(nil))}, {Name: "Vals", Type: reflect.TypeOf([]int{})}})
	v := reflect.New(pt).Elem()
	v.Field(0).SetString("first")
	v.Field(1).Set(reflect.ValueOf(&Point{3, 4}))
	v.Field(2).Set(reflect.ValueOf([]int{5, 6, 7}))
	runtime.GC()
	fmt.Printf("%v %+v %v\n", v.Field(0), v.Field(1).Interface(), v.Field(2))
	m := reflect.MakeMap(reflect.MapOf(strT, pt))
	m.SetMapIndex(reflect.ValueOf("k"), v)
	sl := reflect.MakeSlice(reflect.SliceOf(pt), 3, 3)
	sl.Index(2).Set(v)
	for i := 0; i < 100; i++ {
		_ = make([]byte, 1000)
	}
	runtime.GC()
	fmt.Println(m.MapIndex(reflect.ValueOf("k")).Field(1).Elem().Field(0), sl.Index(2).Field(2).Len(), sl.Index(0).Field(0))
	big := reflect.StructOf([]reflect.StructField{{Name: "B", Type: reflect.TypeOf(byte(0))}, {Name: "P", Type: reflect.ArrayOf(3000, reflect.TypeOf((*int)(nil)))}})
	bv := reflect.New(big).Elem()
	for i := 0; i < 3000; i += 999 {
		n := i
		bv.Field(1).Index(i).Set(reflect.ValueOf(&n))
	}
	runtime.GC()
	fmt.Println(big.Size(), *bv.Field(1).Index(2997).Interface().(*int))
	fmt.Println(reflect.StructOf(nil), reflect.StructOf(nil).Size())

	// Go's panics.
	try("no name", func() { reflect.StructOf([]reflect.StructField{{Type: intT}}) })
	try("invalid name", func() { reflect.StructOf([]reflect.StructField{{Name: "1a", Type: intT}}) })
	try("no type", func() { reflect.StructOf([]reflect.StructField{{Name: "A"}}) })
	try("no pkgpath", func() { reflect.StructOf([]reflect.StructField{{Name: "a", Type: intT}}) })
	try("anonymous pkgpath", func() {
		reflect.StructOf([]reflect.StructField{{Name: "Inner", PkgPath: "main", Type: reflect.TypeOf(Inner{}), Anonymous: true}})
	})
	try("duplicate", func() { reflect.StructOf([]reflect.StructField{{Name: "A", Type: intT}, {Name: "A", Type: strT}}) })
	try("two packages", func() {
		reflect.StructOf([]reflect.StructField{{Name: "a", PkgPath: "p", Type: intT}, {Name: "b", PkgPath: "q", Type: intT}})
	})
	try("embedded **T", func() {
		reflect.StructOf([]reflect.StructField{{Name: "P", Type: reflect.TypeOf((**Point)(nil)), Anonymous: true}})
	})

	// Swapper on elements of every size.
	ints := []int{1, 2, 3, 4, 5}
	sw := reflect.Swapper(ints)
	sw(0, 4)
	sw(1, 3)
	strs := []string{"c", "a", "b"}
	sort.Slice(strs, func(i, j int) bool { return strs[i] < strs[j] })
	pts := []Point{{1, 2}, {3, 4}, {5, 6}}
	reflect.Swapper(pts)(0, 2)
	bs := []byte("xyz")
	reflect.Swapper(bs)(0, 1)
	ptrs := []*Point{&pts[0], nil}
	reflect.Swapper(ptrs)(0, 1)
	runtime.GC()
	fmt.Println(ints, strs, pts, string(bs), ptrs[0] == nil, ptrs[1].X)
	reflect.Swapper([]int{7})(0, 0)
	try("swap out of range", func() { reflect.Swapper([]int{7})(0, 1) })
	try("swap empty", func() { reflect.Swapper([]int{})(0, 0) })
	try("swap i", func() { reflect.Swapper(ints)(5, 0) })
	try("swap j", func() { reflect.Swapper(pts)(0, 3) })
	try("swap non-slice", func() { reflect.Swapper(3) })
}
