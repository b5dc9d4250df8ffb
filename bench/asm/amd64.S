/*
 * Go ABIInternal callees for the reflect-call benchmarks (amd64).
 *
 * Each is a plain Go function as the gc compiler would emit it (no frame,
 * leaf), reached through a Go func value: the data symbol <name>_closure is
 * a one-word closure holding the code address. Registers per abi-internal.md:
 * integers RAX RBX RCX RDI RSI R8 R9 R10 R11, floats X0-X14; stack
 * arguments start at 8(RSP) (above the return address), results follow the
 * arguments, pointer-aligned.
 */
    .intel_syntax noprefix
    .text

.macro closure name
    .section .data.rel.ro.\name\()_closure, "aw"
    .balign 8
    .globl \name\()_closure
\name\()_closure:
    .quad \name
    .text
.endm

/* func()
 * entry: nothing; exit: nothing. */
    .globl rgo_bench_nop
    .balign 16
rgo_bench_nop:
    ret
    closure rgo_bench_nop

/* func(a, b int) int
 * entry: RAX = a, RBX = b; exit: RAX = a + b. */
    .globl rgo_bench_add
    .balign 16
rgo_bench_add:
    add rax, rbx
    ret
    closure rgo_bench_add

/* func(f float64, s string, x struct{ a int32; b float32; c float64 }) (string, float64)
 * entry: X0 = f, RAX/RBX = s.ptr/s.len, RCX = x.a, X1 = x.b, X2 = x.c
 * exit:  RAX/RBX = s, X0 = f + x.c */
    .globl rgo_bench_mix
    .balign 16
rgo_bench_mix:
    addsd xmm0, xmm2
    ret
    closure rgo_bench_mix

/* func(a, b, c, d, e, f, g, h, i, j, k, l int) (int, int)
 * entry: RAX RBX RCX RDI RSI R8 R9 R10 R11 = a..i; j, k, l at 8, 16, 24(RSP)
 * exit:  RAX = a+b+c+d+e+f, RBX = g+h+i+j+k+l */
    .globl rgo_bench_many
    .balign 16
rgo_bench_many:
    add rax, rbx
    add rax, rcx
    add rax, rdi
    add rax, rsi
    add rax, r8
    mov rbx, r9
    add rbx, r10
    add rbx, r11
    add rbx, qword ptr [rsp + 8]
    add rbx, qword ptr [rsp + 16]
    add rbx, qword ptr [rsp + 24]
    ret
    closure rgo_bench_many

/* func (p *T) M(x int) int, T = struct{ v int }, as a method table entry
 * (receiver word first).
 * entry: RAX = p, RBX = x; exit: RAX = p.v + x */
    .globl rgo_bench_method
    .balign 16
rgo_bench_method:
    mov rax, qword ptr [rax]
    add rax, rbx
    ret
    closure rgo_bench_method

/* func(a [4]int) [4]int (arrays of more than one element go on the stack)
 * entry: a at 8..40(RSP); exit: the result at 40..72(RSP) = a, reversed. */
    .globl rgo_bench_arr4
    .balign 16
rgo_bench_arr4:
    mov rax, qword ptr [rsp + 8]
    mov qword ptr [rsp + 64], rax
    mov rax, qword ptr [rsp + 16]
    mov qword ptr [rsp + 56], rax
    mov rax, qword ptr [rsp + 24]
    mov qword ptr [rsp + 48], rax
    mov rax, qword ptr [rsp + 32]
    mov qword ptr [rsp + 40], rax
    ret
    closure rgo_bench_arr4

    .section .note.GNU-stack, "", @progbits
