// Map elements and keys of unusual sizes: empty structs (sets), large arrays
// (5000-byte elements read through the runtime's larger zero block), bytes.
package main

import "fmt"

type Big [200]int

func main() {
	set := map[int]struct{}{}
	for i := 0; i < 100; i++ {
		set[i%10] = struct{}{}
	}
	_, ok := set[3]
	_, no := set[30]
	fmt.Println(len(set), ok, no, set[5])
	bm := map[string]Big{}
	var b Big
	b[199] = 7
	bm["x"] = b
	bm["y"] = Big{1}
	fmt.Println(bm["x"][199], bm["y"][0], bm["z"][199], len(bm))
	for k, v := range bm {
		if k == "x" && v[199] != 7 {
			fmt.Println("bad")
		}
	}
	kb := map[Big]int{b: 1}
	fmt.Println(kb[b], kb[Big{}])
	huge := map[int][5000]byte{}
	var h [5000]byte
	h[4999] = 9
	huge[1] = h
	fmt.Println(huge[1][4999], huge[2][4999])
	u8 := map[uint8]uint8{}
	for i := 0; i < 256; i++ {
		u8[uint8(i)] = uint8(255 - i)
	}
	fmt.Println(len(u8), u8[0], u8[255])
	type pair struct {
		a int8
		b int16
	}
	pm := map[pair]pair{}
	pm[pair{1, 2}] = pair{3, 4}
	pm[pair{1, 2}] = pair{5, 6}
	fmt.Println(pm, len(pm))
}
