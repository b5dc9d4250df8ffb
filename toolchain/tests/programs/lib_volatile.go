// runtime/volatile (TinyGo's API) on ordinary memory: every function and
// method at every width, exactly as wide as named (the neighbours of each
// cell stay untouched), in library code (inlined) and through func values;
// a nil address is Go's nil-dereference panic.
//
// Go has no runtime/volatile: lib_volatile.out is gc's output for this
// program with the import pointed at a plain-Go package of TinyGo's API
// (loads and stores as `*addr`, the methods as TinyGo documents them).
package main

import (
	"fmt"
	"runtime/volatile"
	"unsafe"
)

// cells: each register between two guard words that must never change.
type cells struct {
	g0  uint64
	r8  volatile.Register8
	p8  [7]uint8
	g1  uint64
	r16 volatile.Register16
	p16 [3]uint16
	g2  uint64
	r32 volatile.Register32
	p32 uint32
	g3  uint64
	r64 volatile.Register64
	g4  uint64
}

const guard = 0x5a5a5a5a5a5a5a5a

func (c *cells) check(what string) {
	ok := c.g0 == guard && c.g1 == guard && c.g2 == guard && c.g3 == guard && c.g4 == guard
	for _, b := range c.p8 {
		ok = ok && b == 0x5a
	}
	for _, h := range c.p16 {
		ok = ok && h == 0x5a5a
	}
	ok = ok && c.p32 == 0x5a5a5a5a
	if !ok {
		fmt.Println(what, "wrote past its register")
	}
}

func main() {
	c := &cells{g0: guard, g1: guard, g2: guard, g3: guard, g4: guard, p32: 0x5a5a5a5a}
	for i := range c.p8 {
		c.p8[i] = 0x5a
	}
	for i := range c.p16 {
		c.p16[i] = 0x5a5a
	}

	// The functions.
	volatile.StoreUint8(&c.r8.Reg, 0xff)
	volatile.StoreUint16(&c.r16.Reg, 0xfedc)
	volatile.StoreUint32(&c.r32.Reg, 0xfedcba98)
	volatile.StoreUint64(&c.r64.Reg, 0xfedcba9876543210)
	c.check("Store")
	fmt.Printf("%#x %#x %#x %#x\n", volatile.LoadUint8(&c.r8.Reg), volatile.LoadUint16(&c.r16.Reg),
		volatile.LoadUint32(&c.r32.Reg), volatile.LoadUint64(&c.r64.Reg))
	// A load after a store reads memory: what another store (here through
	// an unsafe alias, as a device would change it) left there.
	alias := (*uint32)(unsafe.Pointer(&c.r32))
	volatile.StoreUint32(&c.r32.Reg, 1)
	*alias = 2
	fmt.Println(volatile.LoadUint32(&c.r32.Reg))

	// The register types.
	c.r8.Set(0xf0)
	c.r8.SetBits(0x0f)
	c.r8.ClearBits(0x81)
	fmt.Printf("r8 %#x %v %v\n", c.r8.Get(), c.r8.HasBits(0x40), c.r8.HasBits(0x81))
	c.r8.ReplaceBits(0x5, 0x7, 2)
	fmt.Printf("r8 %#x\n", c.r8.Get())

	c.r16.Set(0x1234)
	c.r16.SetBits(0x8001)
	c.r16.ClearBits(0x0030)
	fmt.Printf("r16 %#x %v %v\n", c.r16.Get(), c.r16.HasBits(0x8000), c.r16.HasBits(0x0030))
	c.r16.ReplaceBits(0xab, 0xff, 4)
	fmt.Printf("r16 %#x\n", c.r16.Get())

	c.r32.Set(0xdeadbeef)
	c.r32.SetBits(0x00110000)
	c.r32.ClearBits(0xf000000f)
	fmt.Printf("r32 %#x %v %v\n", c.r32.Get(), c.r32.HasBits(1<<31|1<<4), c.r32.HasBits(0xf))
	c.r32.ReplaceBits(0x3, 0x3, 30)
	fmt.Printf("r32 %#x\n", c.r32.Get())

	c.r64.Set(1 << 63)
	c.r64.SetBits(0xff)
	c.r64.ClearBits(0x0f)
	fmt.Printf("r64 %#x %v %v\n", c.r64.Get(), c.r64.HasBits(1<<63), c.r64.HasBits(0x0f))
	c.r64.ReplaceBits(0xffff, 0xffff, 40)
	fmt.Printf("r64 %#x\n", c.r64.Get())
	// The value is not masked: bits beyond the mask are set too.
	c.r64.ReplaceBits(0x1ff, 0xff, 0)
	fmt.Printf("r64 %#x\n", c.r64.Get())
	c.check("methods")

	// A register reached by converting its address, as a driver does.
	reg := (*volatile.Register32)(unsafe.Pointer(uintptr(unsafe.Pointer(&c.r32))))
	reg.Set(7)
	fmt.Println(reg.Get(), c.r32.Get())

	// Func values and method values.
	load, store := volatile.LoadUint16, volatile.StoreUint16
	store(&c.r16.Reg, 42)
	set := c.r16.Set
	set(load(&c.r16.Reg) + 1)
	fmt.Println(c.r16.Get())
	c.check("func values")

	// A loop spinning on a register until it changes.
	var n int
	for c.r8.Set(0); !c.r8.HasBits(0x80); n++ {
		c.r8.Set(c.r8.Get() + 0x10)
	}
	fmt.Println(n, c.r8.Get())

	// Nil addresses panic as any nil dereference does.
	for _, f := range []func(){
		func() { volatile.LoadUint8(nil) },
		func() { volatile.StoreUint64(nil, 1) },
		func() { var r *volatile.Register32; r.Get() },
		func() { var r *volatile.Register16; r.SetBits(1) },
	} {
		func() {
			defer func() { fmt.Println(recover()) }()
			f()
		}()
	}
}
