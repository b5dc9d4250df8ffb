package main

import "fmt"

// Ranges over the same maps many times: the order must not always be the
// same (Go randomizes where each range starts), yet every range produces
// every entry exactly once.
func orders(m map[int]int, times int) (varies bool) {
	var first []int
	for t := 0; t < times; t++ {
		var order []int
		seen := map[int]bool{}
		for k, v := range m {
			if v != k*k || seen[k] {
				fmt.Println("bad entry", k, v)
			}
			seen[k] = true
			order = append(order, k)
		}
		if len(order) != len(m) {
			fmt.Println("missing entries", len(order), len(m))
		}
		if first == nil {
			first = order
			continue
		}
		for i := range order {
			if order[i] != first[i] {
				varies = true
			}
		}
	}
	return varies
}

func main() {
	for _, n := range []int{3, 8, 9, 100, 1000} {
		m := make(map[int]int)
		for i := 0; i < n; i++ {
			m[i] = i * i
		}
		fmt.Println(n, "entries: order varies:", orders(m, 100))
	}
	// Keys-only ranges over string keys, too.
	s := map[string]bool{"a": true, "b": true, "c": true, "d": true}
	firsts := map[string]bool{}
	for i := 0; i < 200; i++ {
		for k := range s {
			firsts[k] = true
			break
		}
	}
	fmt.Println("distinct first keys > 1:", len(firsts) > 1)
}
