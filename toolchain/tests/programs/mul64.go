// math/bits.Mul64 as two multiplications (opt::strength::math_instructions),
// called, inlined through bits.Mul, taken as a func value, and with a
// result written over an operand; math/big on top; gc's output.
package main

import (
	"fmt"
	"math/big"
	"math/bits"
)

var sink func(x, y uint64) (uint64, uint64) = bits.Mul64

func main() {
	vals := []uint64{0, 1, 2, 3, 0xffffffff, 0x100000000, 0xffffffffffffffff, 0x8000000000000000, 0x123456789abcdef0, 0xfedcba9876543210}
	h := uint64(0)
	for _, x := range vals {
		for _, y := range vals {
			hi, lo := bits.Mul64(x, y)
			h = h*31 + hi ^ lo
			h2, l2 := sink(x, y)
			if h2 != hi || l2 != lo {
				fmt.Println("func value differs", x, y)
			}
			a, b := bits.Mul(uint(x), uint(y))
			if uint64(a) != hi || uint64(b) != lo {
				fmt.Println("Mul differs")
			}
		}
	}
	// a result written over an operand
	x, y := uint64(0xdeadbeefcafebabe), uint64(0x0123456789abcdef)
	x, y = bits.Mul64(x, y)
	fmt.Printf("%x %x %x\n", h, x, y)
	p := &x
	*p, y = bits.Mul64(*p, y)
	fmt.Printf("%x %x\n", x, y)
	a, _ := new(big.Int).SetString("123456789012345678901234567890123456789012345678901234567890", 10)
	fmt.Println(new(big.Int).Exp(a, big.NewInt(20), big.NewInt(1000000007)))
}
