// ABI0 functions for add.go, in GNU assembler syntax for RISC-V 64.
// ABI0 passes every argument and result on the stack: at entry 0(sp) is
// the caller's own word (where Go keeps its return address), the arguments
// start at 8(sp), and the results follow them. The return address arrives
// in ra; a function that calls keeps it at 0(sp) of its own frame, as Go's
// riscv64 assembly does.
//
//	rgo run --target riscv64 examples/asm/add.go examples/asm/add_riscv64.S

	.text

// func Add(a, b int64) int64
//   entry: 8(sp) = a, 16(sp) = b; exit: 24(sp) = a + b
	.globl main.Add
main.Add:
	ld t0, 8(sp)
	ld t1, 16(sp)
	add t0, t0, t1
	sd t0, 24(sp)
	ret

// func Scale(x int64) int64 { return triple(x) + 1 }
//   entry: 8(sp) = x; exit: 16(sp) = result.
//   Frame (32 bytes, keeping sp 16-aligned): 0(sp) our ra, 8(sp) the
//   ABI0 argument of main.triple, 16(sp) its result, 24(sp) padding.
	.globl main.Scale
main.Scale:
	addi sp, sp, -32
	sd ra, 0(sp)
	ld t0, 40(sp)              // x (8 + 32 above the new sp)
	sd t0, 8(sp)
	call main.triple           // the ABI0 entry rgo generates for triple
	ld t0, 16(sp)
	addi t0, t0, 1
	sd t0, 48(sp)              // the result (16 + 32)
	ld ra, 0(sp)
	addi sp, sp, 32
	ret

// func Ping() { pong() }
	.globl main.Ping
main.Ping:
	addi sp, sp, -16
	sd ra, 0(sp)
	call main.pong
	ld ra, 0(sp)
	addi sp, sp, 16
	ret

	.section .note.GNU-stack,"",@progbits
