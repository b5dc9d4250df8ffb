// ABI0 functions for add.go, in GNU assembler syntax (AT&T). ABI0 passes
// every argument and result on the stack: at entry 0(%rsp) is the return
// address, the arguments start at 8(%rsp), and the results follow them.

	.text

// func Add(a, b int64) int64
//   entry: 8(%rsp) = a, 16(%rsp) = b; exit: 24(%rsp) = a + b
	.globl main.Add
main.Add:
	movq 8(%rsp), %rax
	addq 16(%rsp), %rax
	movq %rax, 24(%rsp)
	ret

// func Scale(x int64) int64 { return triple(x) + 1 }
//   entry: 8(%rsp) = x; exit: 16(%rsp) = result.
//   Frame: 16 bytes of outgoing ABI0 arguments for main.triple
//   (8 for x, 8 for its result), plus 8 to keep the stack 16-aligned.
	.globl main.Scale
main.Scale:
	subq $24, %rsp
	movq 32(%rsp), %rax        // x (8 + 24 above the new %rsp)
	movq %rax, 0(%rsp)
	call main.triple           // the ABI0 entry rgo generates for triple
	movq 8(%rsp), %rax
	addq $1, %rax
	movq %rax, 40(%rsp)
	addq $24, %rsp
	ret

// func Ping() { pong() }
	.globl main.Ping
main.Ping:
	subq $8, %rsp
	call main.pong
	addq $8, %rsp
	ret

	.section .note.GNU-stack,"",@progbits
