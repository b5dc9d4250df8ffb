// Generates the strings.Builder table of rt-core/src/gostrings.rs's tests
// (operation, len, cap) after each step, and the final text.
package main

import (
	"fmt"
	"strings"
)

func main() {
	var b strings.Builder
	ops := []interface{}{"", "a", 'b', 'é', "hello", '世', '😀', -1, 0x110000, 0xD800, "x", strings.Repeat("y", 40), 'z', "", '€',
		strings.Repeat("0123456789", 30), 'Ω', 0x7f, 0x80, 0x10FFFF}
	fmt.Println("    // (string or rune, len, cap)")
	for _, op := range ops {
		switch v := op.(type) {
		case string:
			b.WriteString(v)
			fmt.Printf("    (Op::S(%q), %d, %d),\n", v, b.Len(), b.Cap())
		case rune:
			b.WriteRune(v)
			fmt.Printf("    (Op::R(%d), %d, %d),\n", v, b.Len(), b.Cap())
		case int:
			b.WriteRune(rune(v))
			fmt.Printf("    (Op::R(%d), %d, %d),\n", v, b.Len(), b.Cap())
		}
	}
	fmt.Printf("    // %q\n", b.String())
	var c strings.Builder
	for i := 0; i < 12; i++ {
		c.WriteRune('é')
		fmt.Printf("%d/%d ", c.Len(), c.Cap())
	}
	fmt.Println()
	var d strings.Builder
	for i := 0; i < 40; i++ {
		d.WriteString("abc")
		fmt.Printf("%d/%d ", d.Len(), d.Cap())
	}
	fmt.Println()
}
