package main

import "fmt"

type Point struct {
	X, Y int
}

type Inner struct {
	Name string
	Tags []string
}

type Holder struct {
	ID    int
	Props map[string]int
}

type Counter map[string]int

func (c Counter) Add(k string) { c[k]++ }

func count(words []string) map[string]int {
	m := make(map[string]int, len(words))
	for _, w := range words {
		m[w]++
	}
	return m
}

func total(m map[string]int) int {
	t := 0
	for _, v := range m {
		t += v
	}
	return t
}

func keysOf(m map[string]int) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	// Insertion sort: the order of range is random.
	for i := 1; i < len(ks); i++ {
		for j := i; j > 0 && ks[j] < ks[j-1]; j-- {
			ks[j], ks[j-1] = ks[j-1], ks[j]
		}
	}
	return ks
}

var global = map[string][]int{"a": {1}, "b": {2, 3}}

func main() {
	// make, assignment, index, comma-ok, len, delete.
	m := make(map[string]int)
	m["one"] = 1
	m["two"] = 2
	m["three"] = 3
	fmt.Println(len(m), m["one"], m["two"], m["three"], m["four"])
	v, ok := m["two"]
	fmt.Println(v, ok)
	v, ok = m["four"]
	fmt.Println(v, ok)
	if _, ok := m["three"]; ok {
		fmt.Println("three present")
	}
	delete(m, "two")
	delete(m, "nothing")
	fmt.Println(len(m), m)

	// Op-assignment and ++/--.
	m["one"] += 10
	m["one"] *= 2
	m["new"]++
	m["neg"]--
	m["s"] <<= 3
	fmt.Println(m)

	// Literals: keyed, with elided composite types.
	pts := map[Point]string{{1, 2}: "a", {3, 4}: "b"}
	fmt.Println(pts[Point{1, 2}], pts[Point{3, 4}], pts[Point{5, 6}] == "")
	nested := map[string]map[string]int{"x": {"y": 1}, "z": {}}
	nested["z"]["w"] = 5
	fmt.Println(nested, len(nested["none"]))
	ptrs := map[string]*Point{"p": {7, 8}}
	ptrs["p"].X = 70
	fmt.Println(*ptrs["p"])
	arrs := map[[2]int][]string{{1, 2}: {"x"}}
	arrs[[2]int{1, 2}] = append(arrs[[2]int{1, 2}], "y")
	fmt.Println(arrs)

	// Values of every shape: structs, arrays, strings, interfaces.
	si := map[int]Inner{1: {"a", []string{"t"}}}
	si[2] = Inner{Name: "b"}
	fmt.Println(si[1].Name, si[1].Tags, si[2], si[3].Name == "")
	ai := map[int][3]float64{1: {1.5, 2.5}}
	fmt.Println(ai[1][1], ai[2])
	ii := map[string]interface{}{"i": 1, "s": "str", "f": 2.5, "nil": nil}
	fmt.Println(ii["i"], ii["s"], ii["f"], ii["nil"], ii["none"])
	fmt.Println(ii)

	// Maps as arguments, results, struct fields, and named map types.
	c := count([]string{"a", "b", "a", "c", "a"})
	fmt.Println(c, total(c), keysOf(c))
	h := Holder{ID: 1, Props: map[string]int{}}
	h.Props["k"] = 9
	hp := &h
	hp.Props["j"] = 8
	fmt.Println(h)
	cn := Counter{}
	cn.Add("x")
	cn.Add("x")
	fmt.Println(cn, len(cn))
	global["c"] = append(global["c"], 4)
	fmt.Println(global)

	// Aliasing: a map value is a reference.
	alias := m
	alias["shared"] = 42
	fmt.Println(m["shared"])

	// Nil maps: reads, len, range, delete; comparison with nil.
	var nm map[int]string
	fmt.Println(nm == nil, len(nm), nm[5] == "", nm)
	for k, v := range nm {
		fmt.Println("never", k, v)
	}
	delete(nm, 5)
	_, ok = nm[1]
	fmt.Println(ok, m != nil)

	// Range forms: key only, key and value, assigned variables, blank.
	small := map[int]int{1: 10, 2: 20, 3: 30}
	ks, vs := 0, 0
	for k := range small {
		ks += k
	}
	for k, v := range small {
		ks += k
		vs += v
	}
	var kk, vv int
	n := 0
	for kk, vv = range small {
		n += kk * vv
	}
	for _, v := range small {
		vs += v
	}
	for range small {
		n++
	}
	fmt.Println(ks, vs, n)

	// Swaps through maps and multiple assignment.
	sw := map[string]int{"a": 1, "b": 2}
	sw["a"], sw["b"] = sw["b"], sw["a"]
	fmt.Println(sw)
	var x int
	x, sw["c"] = 5, 6
	fmt.Println(x, sw)

	// Large maps: growth keeps every entry.
	big := make(map[int]int)
	for i := 0; i < 100000; i++ {
		big[i] = i * 2
	}
	sum := 0
	for k, v := range big {
		if v != k*2 {
			fmt.Println("bad", k, v)
		}
		sum += k
	}
	for i := 0; i < 100000; i += 2 {
		delete(big, i)
	}
	fmt.Println(len(big), sum, big[99999], big[99998])

	// fmt verbs on maps.
	fm := map[string]int{"b": 2, "a": 1, "c": 3}
	fmt.Printf("%v %d %+v\n", fm, fm, fm)
	fmt.Printf("%#v\n", fm)
	fmt.Printf("%v %#v\n", nm, nm)
	fmt.Println(fmt.Sprint(map[int]bool{3: true, 1: false, 2: true}))
	fmt.Println(map[float64]string{2.5: "x", -1: "y", 0: "z"})
	fmt.Println(map[bool]int{true: 1, false: 0})
	fmt.Println(map[Point]int{{2, 1}: 1, {1, 2}: 2, {1, 1}: 3})
	fmt.Println(map[interface{}]int{"b": 1, "a": 2})
	fmt.Printf("%x %5d\n", map[int]int{255: 16}, map[int]int{1: 2})

	// Map elements as range targets over slices, arrays and strings.
	rt := map[int]int{}
	for rt[0], rt[1] = range []int{5, 6, 7} {
	}
	rs := map[string]string{}
	for _, rs["v"] = range [2]string{"x", "y"} {
	}
	for rt[9] = range "héllo" {
	}
	fmt.Println(rt, rs)
}
