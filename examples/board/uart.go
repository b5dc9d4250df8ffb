// Drives the console UART of a virt board directly through its registers,
// with runtime/volatile, beside the runtime's own driver (println).
//
//	cd examples/board && rgo run --target virt-arm64 .
//	cd examples/board && rgo run --target virt-riscv64 .
//
// arm64's board has a PL011 at 0x0900_0000, riscv64's an NS16550A at
// 0x1000_0000 (docs/boards.md); the program picks by runtime.GOARCH. On
// Linux (built without the boards' build tag `baremetal`: onboard_linux.go)
// there is no UART to drive: it says so and exits with status 1.
// (runtime.GOOS is linux on the boards too, whose packages build as
// linux's.)
package main

import (
	"os"
	"runtime"
	"runtime/volatile"
	"unsafe"
)

// The PL011 (ARM PrimeCell UART, DDI 0183): 32-bit registers.
const (
	pl011Base  = 0x0900_0000
	pl011DR    = 0x000 // data: a write sends a character
	pl011FR    = 0x018 // flags
	pl011TXFF  = 1 << 5
	pl011ID0   = 0xfe0 // UARTPeriphID0-3, one byte each: 0x11 0x10 0x?4 0x00
	pl011PartN = 0x011
)

// The NS16550A: 8-bit registers.
const (
	ns16550Base = 0x1000_0000
	ns16550THR  = 0 // transmit holding (write)
	ns16550LSR  = 5 // line status
	ns16550THRE = 1 << 5
	ns16550SCR  = 7 // scratch: reads back what was written
)

func reg32(addr uintptr) *volatile.Register32 {
	return (*volatile.Register32)(unsafe.Pointer(addr))
}

func reg8(addr uintptr) *volatile.Register8 {
	return (*volatile.Register8)(unsafe.Pointer(addr))
}

// A UART: how to send a byte, and whether the device answers as the
// expected part.
type uart struct {
	name  string
	put   func(c byte)
	check func() bool
}

var pl011 = uart{
	name: "PL011",
	put: func(c byte) {
		for reg32(pl011Base + pl011FR).HasBits(pl011TXFF) {
		}
		reg32(pl011Base + pl011DR).Set(uint32(c))
	},
	check: func() bool {
		// The part number: the low byte of ID0, the low nibble of ID1.
		id0 := reg32(pl011Base+pl011ID0).Get() & 0xff
		id1 := reg32(pl011Base+pl011ID0+4).Get() & 0xf
		return id1<<8|id0 == pl011PartN
	},
}

var ns16550 = uart{
	name: "NS16550A",
	put: func(c byte) {
		for !reg8(ns16550Base + ns16550LSR).HasBits(ns16550THRE) {
		}
		volatile.StoreUint8((*uint8)(unsafe.Pointer(uintptr(ns16550Base+ns16550THR))), c)
	},
	check: func() bool {
		scr := reg8(ns16550Base + ns16550SCR)
		for _, v := range []uint8{0x5a, 0xa5} {
			scr.Set(v)
			if scr.Get() != v {
				return false
			}
		}
		return true
	},
}

func (u *uart) write(s string) {
	for i := 0; i < len(s); i++ {
		u.put(s[i])
	}
}

func main() {
	if !onBoard {
		println("uart: no UART to drive on", runtime.GOOS+"; run on a virt board (--target virt-arm64 or virt-riscv64)")
		os.Exit(1)
	}
	var u *uart
	switch runtime.GOARCH {
	case "arm64":
		u = &pl011
	case "riscv64":
		u = &ns16550
	default:
		println("uart: no virt board for", runtime.GOARCH)
		os.Exit(1)
	}
	println("println: through the runtime's driver")
	u.write("uart: hello through the registers\n")
	if !u.check() {
		println("uart: the", u.name, "did not answer as expected")
		os.Exit(1)
	}
	u.write("uart: the device answers as expected\n")
	for i := 0; i < 3; i++ {
		u.write("uart: line ")
		u.put('1' + byte(i))
		u.put('\n')
		println("println: line", i+1)
	}
}
