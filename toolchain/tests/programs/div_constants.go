// Division and remainder by constants that are no power of two, at every
// width and sign, around the values where a multiply-and-shift could go
// wrong (the extremes, multiples of the divisor and their neighbours).

package main

import "fmt"

func div_int8(xs []int8) {
	for _, x := range xs {
		fmt.Println("int8", x, "/ 3", x/3, x%3)
		fmt.Println("int8", x, "/ -3", x/-3, x%-3)
		fmt.Println("int8", x, "/ 5", x/5, x%5)
		fmt.Println("int8", x, "/ -5", x/-5, x%-5)
		fmt.Println("int8", x, "/ 6", x/6, x%6)
		fmt.Println("int8", x, "/ -6", x/-6, x%-6)
		fmt.Println("int8", x, "/ 7", x/7, x%7)
		fmt.Println("int8", x, "/ -7", x/-7, x%-7)
		fmt.Println("int8", x, "/ 10", x/10, x%10)
		fmt.Println("int8", x, "/ -10", x/-10, x%-10)
		fmt.Println("int8", x, "/ 11", x/11, x%11)
		fmt.Println("int8", x, "/ -11", x/-11, x%-11)
		fmt.Println("int8", x, "/ 12", x/12, x%12)
		fmt.Println("int8", x, "/ -12", x/-12, x%-12)
		fmt.Println("int8", x, "/ 25", x/25, x%25)
		fmt.Println("int8", x, "/ -25", x/-25, x%-25)
		fmt.Println("int8", x, "/ 100", x/100, x%100)
		fmt.Println("int8", x, "/ -100", x/-100, x%-100)
		fmt.Println("int8", x, "/ 125", x/125, x%125)
		fmt.Println("int8", x, "/ -125", x/-125, x%-125)
	}
}

func div_int16(xs []int16) {
	for _, x := range xs {
		fmt.Println("int16", x, "/ 3", x/3, x%3)
		fmt.Println("int16", x, "/ -3", x/-3, x%-3)
		fmt.Println("int16", x, "/ 5", x/5, x%5)
		fmt.Println("int16", x, "/ -5", x/-5, x%-5)
		fmt.Println("int16", x, "/ 6", x/6, x%6)
		fmt.Println("int16", x, "/ -6", x/-6, x%-6)
		fmt.Println("int16", x, "/ 7", x/7, x%7)
		fmt.Println("int16", x, "/ -7", x/-7, x%-7)
		fmt.Println("int16", x, "/ 10", x/10, x%10)
		fmt.Println("int16", x, "/ -10", x/-10, x%-10)
		fmt.Println("int16", x, "/ 11", x/11, x%11)
		fmt.Println("int16", x, "/ -11", x/-11, x%-11)
		fmt.Println("int16", x, "/ 12", x/12, x%12)
		fmt.Println("int16", x, "/ -12", x/-12, x%-12)
		fmt.Println("int16", x, "/ 25", x/25, x%25)
		fmt.Println("int16", x, "/ -25", x/-25, x%-25)
		fmt.Println("int16", x, "/ 100", x/100, x%100)
		fmt.Println("int16", x, "/ -100", x/-100, x%-100)
		fmt.Println("int16", x, "/ 125", x/125, x%125)
		fmt.Println("int16", x, "/ -125", x/-125, x%-125)
		fmt.Println("int16", x, "/ 641", x/641, x%641)
		fmt.Println("int16", x, "/ -641", x/-641, x%-641)
		fmt.Println("int16", x, "/ 1000", x/1000, x%1000)
		fmt.Println("int16", x, "/ -1000", x/-1000, x%-1000)
		fmt.Println("int16", x, "/ 10000", x/10000, x%10000)
		fmt.Println("int16", x, "/ -10000", x/-10000, x%-10000)
		fmt.Println("int16", x, "/ 32767", x/32767, x%32767)
		fmt.Println("int16", x, "/ -32767", x/-32767, x%-32767)
	}
}

func div_int32(xs []int32) {
	for _, x := range xs {
		fmt.Println("int32", x, "/ 3", x/3, x%3)
		fmt.Println("int32", x, "/ -3", x/-3, x%-3)
		fmt.Println("int32", x, "/ 5", x/5, x%5)
		fmt.Println("int32", x, "/ -5", x/-5, x%-5)
		fmt.Println("int32", x, "/ 6", x/6, x%6)
		fmt.Println("int32", x, "/ -6", x/-6, x%-6)
		fmt.Println("int32", x, "/ 7", x/7, x%7)
		fmt.Println("int32", x, "/ -7", x/-7, x%-7)
		fmt.Println("int32", x, "/ 10", x/10, x%10)
		fmt.Println("int32", x, "/ -10", x/-10, x%-10)
		fmt.Println("int32", x, "/ 11", x/11, x%11)
		fmt.Println("int32", x, "/ -11", x/-11, x%-11)
		fmt.Println("int32", x, "/ 12", x/12, x%12)
		fmt.Println("int32", x, "/ -12", x/-12, x%-12)
		fmt.Println("int32", x, "/ 25", x/25, x%25)
		fmt.Println("int32", x, "/ -25", x/-25, x%-25)
		fmt.Println("int32", x, "/ 100", x/100, x%100)
		fmt.Println("int32", x, "/ -100", x/-100, x%-100)
		fmt.Println("int32", x, "/ 125", x/125, x%125)
		fmt.Println("int32", x, "/ -125", x/-125, x%-125)
		fmt.Println("int32", x, "/ 641", x/641, x%641)
		fmt.Println("int32", x, "/ -641", x/-641, x%-641)
		fmt.Println("int32", x, "/ 1000", x/1000, x%1000)
		fmt.Println("int32", x, "/ -1000", x/-1000, x%-1000)
		fmt.Println("int32", x, "/ 10000", x/10000, x%10000)
		fmt.Println("int32", x, "/ -10000", x/-10000, x%-10000)
		fmt.Println("int32", x, "/ 1000000000", x/1000000000, x%1000000000)
		fmt.Println("int32", x, "/ -1000000000", x/-1000000000, x%-1000000000)
		fmt.Println("int32", x, "/ 32767", x/32767, x%32767)
		fmt.Println("int32", x, "/ -32767", x/-32767, x%-32767)
	}
}

func div_int64(xs []int64) {
	for _, x := range xs {
		fmt.Println("int64", x, "/ 3", x/3, x%3)
		fmt.Println("int64", x, "/ -3", x/-3, x%-3)
		fmt.Println("int64", x, "/ 5", x/5, x%5)
		fmt.Println("int64", x, "/ -5", x/-5, x%-5)
		fmt.Println("int64", x, "/ 6", x/6, x%6)
		fmt.Println("int64", x, "/ -6", x/-6, x%-6)
		fmt.Println("int64", x, "/ 7", x/7, x%7)
		fmt.Println("int64", x, "/ -7", x/-7, x%-7)
		fmt.Println("int64", x, "/ 10", x/10, x%10)
		fmt.Println("int64", x, "/ -10", x/-10, x%-10)
		fmt.Println("int64", x, "/ 11", x/11, x%11)
		fmt.Println("int64", x, "/ -11", x/-11, x%-11)
		fmt.Println("int64", x, "/ 12", x/12, x%12)
		fmt.Println("int64", x, "/ -12", x/-12, x%-12)
		fmt.Println("int64", x, "/ 25", x/25, x%25)
		fmt.Println("int64", x, "/ -25", x/-25, x%-25)
		fmt.Println("int64", x, "/ 100", x/100, x%100)
		fmt.Println("int64", x, "/ -100", x/-100, x%-100)
		fmt.Println("int64", x, "/ 125", x/125, x%125)
		fmt.Println("int64", x, "/ -125", x/-125, x%-125)
		fmt.Println("int64", x, "/ 641", x/641, x%641)
		fmt.Println("int64", x, "/ -641", x/-641, x%-641)
		fmt.Println("int64", x, "/ 1000", x/1000, x%1000)
		fmt.Println("int64", x, "/ -1000", x/-1000, x%-1000)
		fmt.Println("int64", x, "/ 10000", x/10000, x%10000)
		fmt.Println("int64", x, "/ -10000", x/-10000, x%-10000)
		fmt.Println("int64", x, "/ 1000000000", x/1000000000, x%1000000000)
		fmt.Println("int64", x, "/ -1000000000", x/-1000000000, x%-1000000000)
		fmt.Println("int64", x, "/ 32767", x/32767, x%32767)
		fmt.Println("int64", x, "/ -32767", x/-32767, x%-32767)
		fmt.Println("int64", x, "/ 4294967291", x/4294967291, x%4294967291)
		fmt.Println("int64", x, "/ -4294967291", x/-4294967291, x%-4294967291)
		fmt.Println("int64", x, "/ 1099511627779", x/1099511627779, x%1099511627779)
		fmt.Println("int64", x, "/ -1099511627779", x/-1099511627779, x%-1099511627779)
		fmt.Println("int64", x, "/ 4611686018427387905", x/4611686018427387905, x%4611686018427387905)
		fmt.Println("int64", x, "/ -4611686018427387905", x/-4611686018427387905, x%-4611686018427387905)
	}
}

func div_uint8(xs []uint8) {
	for _, x := range xs {
		fmt.Println("uint8", x, "/ 3", x/3, x%3)
		fmt.Println("uint8", x, "/ 5", x/5, x%5)
		fmt.Println("uint8", x, "/ 6", x/6, x%6)
		fmt.Println("uint8", x, "/ 7", x/7, x%7)
		fmt.Println("uint8", x, "/ 10", x/10, x%10)
		fmt.Println("uint8", x, "/ 11", x/11, x%11)
		fmt.Println("uint8", x, "/ 12", x/12, x%12)
		fmt.Println("uint8", x, "/ 25", x/25, x%25)
		fmt.Println("uint8", x, "/ 100", x/100, x%100)
		fmt.Println("uint8", x, "/ 125", x/125, x%125)
	}
}

func div_uint16(xs []uint16) {
	for _, x := range xs {
		fmt.Println("uint16", x, "/ 3", x/3, x%3)
		fmt.Println("uint16", x, "/ 5", x/5, x%5)
		fmt.Println("uint16", x, "/ 6", x/6, x%6)
		fmt.Println("uint16", x, "/ 7", x/7, x%7)
		fmt.Println("uint16", x, "/ 10", x/10, x%10)
		fmt.Println("uint16", x, "/ 11", x/11, x%11)
		fmt.Println("uint16", x, "/ 12", x/12, x%12)
		fmt.Println("uint16", x, "/ 25", x/25, x%25)
		fmt.Println("uint16", x, "/ 100", x/100, x%100)
		fmt.Println("uint16", x, "/ 125", x/125, x%125)
		fmt.Println("uint16", x, "/ 641", x/641, x%641)
		fmt.Println("uint16", x, "/ 1000", x/1000, x%1000)
		fmt.Println("uint16", x, "/ 10000", x/10000, x%10000)
		fmt.Println("uint16", x, "/ 32767", x/32767, x%32767)
	}
}

func div_uint32(xs []uint32) {
	for _, x := range xs {
		fmt.Println("uint32", x, "/ 3", x/3, x%3)
		fmt.Println("uint32", x, "/ 5", x/5, x%5)
		fmt.Println("uint32", x, "/ 6", x/6, x%6)
		fmt.Println("uint32", x, "/ 7", x/7, x%7)
		fmt.Println("uint32", x, "/ 10", x/10, x%10)
		fmt.Println("uint32", x, "/ 11", x/11, x%11)
		fmt.Println("uint32", x, "/ 12", x/12, x%12)
		fmt.Println("uint32", x, "/ 25", x/25, x%25)
		fmt.Println("uint32", x, "/ 100", x/100, x%100)
		fmt.Println("uint32", x, "/ 125", x/125, x%125)
		fmt.Println("uint32", x, "/ 641", x/641, x%641)
		fmt.Println("uint32", x, "/ 1000", x/1000, x%1000)
		fmt.Println("uint32", x, "/ 10000", x/10000, x%10000)
		fmt.Println("uint32", x, "/ 1000000000", x/1000000000, x%1000000000)
		fmt.Println("uint32", x, "/ 32767", x/32767, x%32767)
		fmt.Println("uint32", x, "/ 4294967291", x/4294967291, x%4294967291)
	}
}

func div_uint64(xs []uint64) {
	for _, x := range xs {
		fmt.Println("uint64", x, "/ 3", x/3, x%3)
		fmt.Println("uint64", x, "/ 5", x/5, x%5)
		fmt.Println("uint64", x, "/ 6", x/6, x%6)
		fmt.Println("uint64", x, "/ 7", x/7, x%7)
		fmt.Println("uint64", x, "/ 10", x/10, x%10)
		fmt.Println("uint64", x, "/ 11", x/11, x%11)
		fmt.Println("uint64", x, "/ 12", x/12, x%12)
		fmt.Println("uint64", x, "/ 25", x/25, x%25)
		fmt.Println("uint64", x, "/ 100", x/100, x%100)
		fmt.Println("uint64", x, "/ 125", x/125, x%125)
		fmt.Println("uint64", x, "/ 641", x/641, x%641)
		fmt.Println("uint64", x, "/ 1000", x/1000, x%1000)
		fmt.Println("uint64", x, "/ 10000", x/10000, x%10000)
		fmt.Println("uint64", x, "/ 1000000000", x/1000000000, x%1000000000)
		fmt.Println("uint64", x, "/ 32767", x/32767, x%32767)
		fmt.Println("uint64", x, "/ 4294967291", x/4294967291, x%4294967291)
		fmt.Println("uint64", x, "/ 1099511627779", x/1099511627779, x%1099511627779)
		fmt.Println("uint64", x, "/ 4611686018427387905", x/4611686018427387905, x%4611686018427387905)
	}
}

func main() {
	div_int8([]int8{-127-1, int8(-127), int8(-101), int8(-100), int8(-99), int8(-43), int8(-19), int8(-11), int8(-10), int8(-9), int8(-2), int8(-1), int8(0), int8(1), int8(2), int8(9), int8(10), int8(11), int8(42), int8(63), int8(99), int8(100), int8(101), int8(126), int8(127)})
	div_int16([]int16{-32767-1, int16(-32767), int16(-10923), int16(-4682), int16(-1001), int16(-1000), int16(-101), int16(-100), int16(-99), int16(-11), int16(-10), int16(-9), int16(-2), int16(-1), int16(0), int16(1), int16(2), int16(9), int16(10), int16(11), int16(99), int16(100), int16(101), int16(999), int16(1000), int16(1001), int16(10922), int16(16383), int16(32766), int16(32767)})
	div_int32([]int32{-2147483647-1, int32(-2147483647), int32(-715827883), int32(-306783379), int32(-1001), int32(-1000), int32(-101), int32(-100), int32(-99), int32(-11), int32(-10), int32(-9), int32(-2), int32(-1), int32(0), int32(1), int32(2), int32(9), int32(10), int32(11), int32(99), int32(100), int32(101), int32(999), int32(1000), int32(1001), int32(715827882), int32(1073741823), int32(2147483646), int32(2147483647)})
	div_int64([]int64{-9223372036854775807-1, int64(-9223372036854775807), int64(-3074457345618258603), int64(-1317624576693539402), int64(-1001), int64(-1000), int64(-101), int64(-100), int64(-99), int64(-11), int64(-10), int64(-9), int64(-2), int64(-1), int64(0), int64(1), int64(2), int64(9), int64(10), int64(11), int64(99), int64(100), int64(101), int64(999), int64(1000), int64(1001), int64(3074457345618258602), int64(4611686018427387903), int64(9223372036854775806), int64(9223372036854775807)})
	div_uint8([]uint8{0, 1, 2, 9, 10, 11, 85, 99, 100, 101, 127, 254, 255})
	div_uint16([]uint16{0, 1, 2, 9, 10, 11, 99, 100, 101, 999, 1000, 1001, 21845, 32767, 65534, 65535})
	div_uint32([]uint32{0, 1, 2, 9, 10, 11, 99, 100, 101, 999, 1000, 1001, 1431655765, 2147483647, 4294967294, 4294967295})
	div_uint64([]uint64{0, 1, 2, 9, 10, 11, 99, 100, 101, 999, 1000, 1001, 6148914691236517205, 9223372036854775807, 18446744073709551614, 18446744073709551615})
}
