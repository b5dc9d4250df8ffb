// `range []byte(s)` reads the string's bytes in place (no copy), with
// a defined byte-slice type, a constant and a sliced string.
package main

import "fmt"

type B []byte

func main() {
	s := "héllo"
	n := 0
	for i, c := range []byte(s) {
		n += i * int(c)
	}
	for _, c := range B("xyz") {
		n += int(c)
	}
	var cs []byte
	for i := range []byte("abc") {
		cs = append(cs, byte('a'+i))
	}
	for _, c := range ([]byte)(s[1:3]) {
		n += int(c)
	}
	fmt.Println(n, string(cs))
}
