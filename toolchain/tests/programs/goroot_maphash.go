// hash/maphash from GOROOT over the runtime's memhash and fastrand64: equal
// input hashes equal however it is written, different input and seeds differ.
package main

import (
	"fmt"
	"hash/maphash"
)

func main() {
	seed := maphash.MakeSeed()
	var h maphash.Hash
	h.SetSeed(seed)
	h.WriteString("hello, world")
	a := h.Sum64()
	h.Reset()
	h.WriteString("hello, ")
	h.WriteString("world")
	fmt.Println(a == h.Sum64())
	var h2 maphash.Hash
	h2.SetSeed(seed)
	h2.Write([]byte("hello, world"))
	fmt.Println(a == h2.Sum64())
	h2.Reset()
	h2.WriteString("hello, worle")
	fmt.Println(a == h2.Sum64())
	var h3 maphash.Hash
	h3.WriteByte('x')
	fmt.Println(h3.Sum64() != 0 || true)
	big := make([]byte, 1000)
	for i := range big {
		big[i] = byte(i)
	}
	h.Reset()
	h.Write(big)
	x := h.Sum64()
	h.Reset()
	for i := 0; i < 1000; i += 7 {
		end := i + 7
		if end > 1000 {
			end = 1000
		}
		h.Write(big[i:end])
	}
	fmt.Println(x == h.Sum64())
	other := maphash.MakeSeed()
	fmt.Println(other != seed)
}
