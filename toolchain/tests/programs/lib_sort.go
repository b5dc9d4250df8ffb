package main

import (
	"fmt"
	"sort"
)

type rec struct{ key, idx int }

var seed uint64 = 88172645463325252

func rnd() int {
	seed ^= seed << 13
	seed ^= seed >> 7
	seed ^= seed << 17
	return int(seed >> 1)
}

func main() {
	a := make([]int, 1000)
	r := make([]rec, 1000)
	for i := range a {
		a[i] = rnd() % 100
		r[i] = rec{a[i], i}
	}
	sort.Ints(a)
	fmt.Println(sort.IntsAreSorted(a), a[:10], sort.SearchInts(a, 50))
	sort.SliceStable(r, func(i, j int) bool { return r[i].key < r[j].key })
	ok := true
	for i := 1; i < len(r); i++ {
		if r[i].key < r[i-1].key || r[i].key == r[i-1].key && r[i].idx < r[i-1].idx {
			ok = false
		}
	}
	fmt.Println("stable", ok, r[:3])
	s := []string{"pear", "apple", "fig"}
	sort.Strings(s)
	fmt.Println(s)
	sort.Sort(sort.Reverse(sort.StringSlice(s)))
	fmt.Println(s)
	f := []float64{2, 1, 3}
	sort.Float64s(f)
	fmt.Println(f)
	defer func() { fmt.Println("recovered:", recover()) }()
	sort.Slice(3, func(i, j int) bool { return false })
}
