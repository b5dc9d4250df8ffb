/*
 * Go ABIInternal callees for the reflect-call benchmarks (arm64), the
 * functions of amd64.S for AArch64.
 *
 * Each is a frameless leaf, reached through a Go func value: the data
 * symbol <name>_closure is a one-word closure holding the code address.
 * Registers per abi-internal.md: integers R0-R15, floats F0-F15; the
 * caller's 0(RSP) is its return-address slot, stack arguments start at
 * 8(RSP), results follow the arguments, pointer-aligned.
 */
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
 * entry: R0 = a, R1 = b; exit: R0 = a + b. */
    .globl rgo_bench_add
    .balign 16
rgo_bench_add:
    add x0, x0, x1
    ret
    closure rgo_bench_add

/* func(f float64, s string, x struct{ a int32; b float32; c float64 }) (string, float64)
 * entry: F0 = f, R0/R1 = s.ptr/s.len, R2 = x.a, F1 = x.b, F2 = x.c
 * exit:  R0/R1 = s, F0 = f + x.c */
    .globl rgo_bench_mix
    .balign 16
rgo_bench_mix:
    fadd d0, d0, d2
    ret
    closure rgo_bench_mix

/* func(a, b, c, d, e, f, g, h, i, j, k, l int) (int, int)
 * entry: R0-R11 = a..l; exit: R0 = a+b+c+d+e+f, R1 = g+h+i+j+k+l */
    .globl rgo_bench_many
    .balign 16
rgo_bench_many:
    add x0, x0, x1
    add x0, x0, x2
    add x0, x0, x3
    add x0, x0, x4
    add x0, x0, x5
    add x1, x6, x7
    add x1, x1, x8
    add x1, x1, x9
    add x1, x1, x10
    add x1, x1, x11
    ret
    closure rgo_bench_many

/* func (p *T) M(x int) int, T = struct{ v int }, as a method table entry
 * (receiver word first).
 * entry: R0 = p, R1 = x; exit: R0 = p.v + x */
    .globl rgo_bench_method
    .balign 16
rgo_bench_method:
    ldr x0, [x0]
    add x0, x0, x1
    ret
    closure rgo_bench_method

/* func(a [4]int) [4]int (arrays of more than one element go on the stack)
 * entry: a at 8..40(RSP); exit: the result at 40..72(RSP) = a, reversed. */
    .globl rgo_bench_arr4
    .balign 16
rgo_bench_arr4:
    ldr x9, [sp, #8]
    str x9, [sp, #64]
    ldr x9, [sp, #16]
    str x9, [sp, #56]
    ldr x9, [sp, #24]
    str x9, [sp, #48]
    ldr x9, [sp, #32]
    str x9, [sp, #40]
    ret
    closure rgo_bench_arr4

    .section .note.GNU-stack, "", @progbits
