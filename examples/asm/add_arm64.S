// ABI0 functions for add.go on arm64, in GNU assembler syntax. ABI0
// passes every argument and result on the stack: at entry the return
// address is in x30, 0(sp) is a word the caller reserves (where a callee
// with a frame keeps its own return address, as Go's arm64 code does),
// the arguments start at 8(sp), and the results follow them. SP stays
// 16-aligned; x28 (the goroutine) must be kept.
//
//	rgo run --target arm64 examples/asm/add.go examples/asm/add_arm64.S

	.text

// func Add(a, b int64) int64
//   entry: [sp, #8] = a, [sp, #16] = b; exit: [sp, #24] = a + b
	.globl main.Add
	.type main.Add, %function
main.Add:
	ldr x0, [sp, #8]
	ldr x1, [sp, #16]
	add x0, x0, x1
	str x0, [sp, #24]
	ret
	.size main.Add, .-main.Add

// func Scale(x int64) int64 { return triple(x) + 1 }
//   entry: [sp, #8] = x; exit: [sp, #16] = result.
//   Frame (32 bytes):
//     +------------------------+
//     | caller's area: x, res  | <- sp + 32 + 8
//     +------------------------+
//     | padding                | <- sp + 24
//     | triple's result        | <- sp + 16
//     | triple's argument      | <- sp + 8
//     | saved x30              | <- sp (triple's reserved word)
//     +------------------------+
	.globl main.Scale
	.type main.Scale, %function
main.Scale:
	sub sp, sp, #32
	str x30, [sp]
	ldr x0, [sp, #40]           // x (8 + 32 above the new sp)
	str x0, [sp, #8]
	bl main.triple              // the ABI0 entry rgo generates for triple
	ldr x0, [sp, #16]
	add x0, x0, #1
	str x0, [sp, #48]           // the result (16 + 32)
	ldr x30, [sp]
	add sp, sp, #32
	ret
	.size main.Scale, .-main.Scale

// func Ping() { pong() }
	.globl main.Ping
	.type main.Ping, %function
main.Ping:
	sub sp, sp, #16
	str x30, [sp]
	bl main.pong
	ldr x30, [sp]
	add sp, sp, #16
	ret
	.size main.Ping, .-main.Ping

	.section .note.GNU-stack,"",%progbits
