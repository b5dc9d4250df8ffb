package main

import (
	"fmt"
	"math"
)

type S struct {
	A int8
	B string
	_ int32
	C float64
}

type Key interface{ K() int }

type KI int

func (k KI) K() int { return int(k) }

type KS struct{ s string }

func (k KS) K() int { return len(k.s) }

type KP struct{ n []int }

func (k *KP) K() int { return 0 }

type KSlice []int

func (k KSlice) K() int { return len(k) }

func tryHash(f func()) {
	defer func() {
		r := recover()
		err, ok := r.(error)
		fmt.Println("recovered:", r, ok && err.Error() == fmt.Sprint(r))
	}()
	f()
}

func main() {
	// Integers of every size, signed and not.
	i8 := map[int8]int{-128: 1, 127: 2, 0: 3}
	u16 := map[uint16]int{65535: 1, 0: 2}
	i32 := map[int32]string{-1: "m", 1 << 30: "big"}
	u64 := map[uint64]bool{math.MaxUint64: true, 0: false}
	up := map[uintptr]int{1: 1}
	r := map[rune]int{'a': 1, 'é': 2}
	b := map[byte]int{'x': 1}
	fmt.Println(i8[-128], i8[127], i8[0], u16[65535], i32[-1], i32[1<<30], u64[math.MaxUint64], up[1], r['é'], b['x'])
	fmt.Println(i8, u16, i32, u64, r)

	// Floats: +0 and -0 are one key, NaN never matches and adds an entry each time.
	f := map[float64]int{}
	negz := math.Copysign(0, -1)
	f[0] = 1
	f[negz] = 2
	fmt.Println(len(f), f[0], f[negz])
	nan := math.NaN()
	f[nan] = 3
	f[nan] = 4
	f[nan]++
	_, ok := f[nan]
	fmt.Println(len(f), f[nan], ok)
	nans, others := 0, 0
	for k, v := range f {
		if k != k {
			nans += v
		} else {
			others += v
		}
	}
	fmt.Println(nans, others)
	delete(f, nan)
	fmt.Println(len(f))
	f32 := map[float32]int{1.5: 1, float32(math.Inf(1)): 2, float32(math.Inf(-1)): 3}
	fmt.Println(f32[1.5], f32[float32(math.Inf(1))], f32[float32(math.Inf(-1))], f32)

	// Complex numbers.
	c := map[complex128]int{1 + 2i: 1, complex(0, negz): 2}
	fmt.Println(c[1+2i], c[0], len(c))
	c64 := map[complex64]string{1i: "i"}
	fmt.Println(c64[1i], c64[1])

	// Strings and bools.
	s := map[string]int{"": 1, "a": 2, "a\x00": 3, "long string key with many many bytes in it": 4}
	fmt.Println(s[""], s["a"], s["a\x00"], s["long string key with many many bytes in it"], len(s))
	buf := []byte("dynamic")
	s[string(buf)] = 5
	fmt.Println(s["dynamic"])
	bo := map[bool]string{true: "t"}
	fmt.Println(bo[true], bo[false] == "")

	// Pointers.
	x, y := 1, 2
	p := map[*int]string{&x: "x", &y: "y", nil: "nil"}
	fmt.Println(p[&x], p[&y], p[nil], len(p))

	// Structs (blank fields take no part) and arrays.
	st := map[S]int{{A: 1, B: "b", C: 2.5}: 7}
	fmt.Println(st[S{A: 1, B: "b", C: 2.5}], st[S{A: 1, B: "c", C: 2.5}])
	zs := map[S]int{{C: negz}: 1}
	fmt.Println(zs[S{}])
	ar := map[[3]string]int{{"a", "b", "c"}: 1}
	fmt.Println(ar[[3]string{"a", "b", "c"}], ar[[3]string{"a", "b"}])
	fa := map[[2]float64]int{{0, 1}: 1}
	fmt.Println(fa[[2]float64{negz, 1}])
	es := map[struct{}]int{{}: 5}
	fmt.Println(es[struct{}{}], len(es))

	// Interfaces: dynamic type and value.
	e := map[interface{}]string{}
	e[1] = "int 1"
	e[int64(1)] = "int64 1"
	e["1"] = "string 1"
	e[1.0] = "float 1"
	e[[2]int{1, 1}] = "array"
	e[S{A: 1}] = "struct"
	e[nil] = "nil"
	e[&x] = "pointer"
	fmt.Println(len(e), e[1], e[int64(1)], e["1"], e[1.0], e[[2]int{1, 1}], e[S{A: 1}], e[nil], e[&x])
	var z interface{} = 0.0
	var nz interface{} = negz
	e[z] = "zero"
	fmt.Println(e[nz], len(e))
	ki := map[Key]int{KI(3): 1, KS{"abc"}: 2}
	fmt.Println(ki[KI(3)], ki[KS{"abc"}], ki[KS{"ab"}], ki[nil])
	kp := &KP{}
	ki[kp] = 3
	fmt.Println(ki[kp], ki[&KP{}])

	// Unhashable dynamic types panic, recoverably.
	tryHash(func() { e[[]int{1}] = "slice" })
	tryHash(func() { _ = e[map[int]int{}] })
	tryHash(func() { _, _ = e[func() {}] })
	tryHash(func() { delete(e, []string{}) })
	tryHash(func() { ki[KSlice{1}] = 1 })
	tryHash(func() { e[[1]interface{}{[]int{}}] = "" })
	tryHash(func() { e[struct{ a interface{} }{[]int{}}] = "" })
	var nilmap map[interface{}]int
	tryHash(func() { _ = nilmap[[]int{}] })
	var nilstructs map[struct{ a interface{} }]int
	tryHash(func() { delete(nilstructs, struct{ a interface{} }{map[string]int{}}) })
	fmt.Println(len(e))
}
