// Map literals of more than 25 entries with static keys are filled by a
// loop over arrays: elements static or evaluated in order, interface
// elements, struct keys, pointer elements, and unicode's tables.
package main

import (
	"fmt"
	"sort"
	"unicode"
)

var calls []int

func f(i int) int { calls = append(calls, i); return i * 10 }

type P struct{ a, b int }

var global = map[string]float64{"a": 1.5, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7, "h": 8, "i": 9, "j": 10, "k": 11, "l": 12, "m": 13, "n": 14, "o": 15, "p": 16, "q": 17, "r": 18, "s": 19, "t": 20, "u": 21, "v": 22, "w": 23, "x": 24, "y": 25, "z": 26.25}

func keys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func main() {
	m := map[string]int{"a": f(1), "b": f(2), "c": f(3), "d": f(4), "e": f(5), "f": f(6), "g": f(7), "h": f(8), "i": f(9), "j": f(10), "k": f(11), "l": f(12), "m": f(13), "n": f(14), "o": f(15), "p": f(16), "q": f(17), "r": f(18), "s": f(19), "t": f(20), "u": f(21), "v": f(22), "w": f(23), "x": f(24), "y": f(25), "z": f(26)}
	fmt.Println(len(m), m["a"], m["z"], calls)
	n := map[int]interface{}{1: "a", 2: 2, 3: 3.5, 4: P{1, 2}, 5: nil, 6: []int{1}, 7: 'x', 8: true, 9: "i", 10: 10, 11: 11, 12: 12, 13: 13, 14: 14, 15: 15, 16: 16, 17: 17, 18: 18, 19: 19, 20: 20, 21: 21, 22: 22, 23: 23, 24: 24, 25: 25, 26: 26}
	fmt.Println(len(n), n[1], n[3], n[4], n[5], n[6], n[7], n[26])
	q := map[P]*P{{1, 1}: {2, 2}, {1, 2}: {2, 3}, {1, 3}: nil, {1, 4}: {}, {1, 5}: {}, {1, 6}: {}, {1, 7}: {}, {1, 8}: {}, {1, 9}: {}, {1, 10}: {}, {1, 11}: {}, {1, 12}: {}, {1, 13}: {}, {1, 14}: {}, {1, 15}: {}, {1, 16}: {}, {1, 17}: {}, {1, 18}: {}, {1, 19}: {}, {1, 20}: {}, {1, 21}: {}, {1, 22}: {}, {1, 23}: {}, {1, 24}: {}, {1, 25}: {}, {1, 26}: {9, 9}}
	q[P{1, 1}].a = 7
	fmt.Println(len(q), *q[P{1, 1}], *q[P{1, 2}], q[P{1, 3}], *q[P{1, 26}])
	global["a"] *= 2
	fmt.Println(len(global), global["a"], global["z"], keys(global)[:3])
	fmt.Println(len(unicode.Scripts), len(unicode.Categories), len(unicode.Properties), len(unicode.FoldCategory), len(unicode.FoldScript))
	fmt.Println(unicode.Is(unicode.Scripts["Greek"], 'λ'), unicode.In('x', unicode.Categories["Ll"]), unicode.Is(unicode.Properties["White_Space"], ' '))
	fmt.Println(keys(unicode.Categories)[:5])
	// A panic while evaluating an element leaves nothing assigned.
	var r map[string]int
	func() {
		defer func() { fmt.Println("recovered:", recover() != nil, r == nil) }()
		var z []int
		r = map[string]int{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7, "h": 8, "i": 9, "j": 10, "k": 11, "l": 12, "m": 13, "n": 14, "o": 15, "p": 16, "q": 17, "r": 18, "s": 19, "t": 20, "u": 21, "v": 22, "w": 23, "x": 24, "y": 25, "z": z[3]}
	}()
}
