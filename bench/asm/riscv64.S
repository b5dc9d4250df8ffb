/*
 * Go ABIInternal callees for the reflect-call benchmarks (riscv64), the
 * functions of amd64.S for RISC-V.
 *
 * Each is a frameless leaf, reached through a Go func value: the data
 * symbol <name>_closure is a one-word closure holding the code address.
 * Registers per abi-internal.md: integers X10-X17 X8 X9 X18-X23, floats
 * F10-F17 F8 F9 F18-F23; the caller's 0(SP) is its return-address slot,
 * stack arguments start at 8(SP), results follow the arguments,
 * pointer-aligned.
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
 * entry: X10 = a, X11 = b; exit: X10 = a + b. */
    .globl rgo_bench_add
    .balign 16
rgo_bench_add:
    add x10, x10, x11
    ret
    closure rgo_bench_add

/* func(f float64, s string, x struct{ a int32; b float32; c float64 }) (string, float64)
 * entry: F10 = f, X10/X11 = s.ptr/s.len, X12 = x.a, F11 = x.b, F12 = x.c
 * exit:  X10/X11 = s, F10 = f + x.c */
    .globl rgo_bench_mix
    .balign 16
rgo_bench_mix:
    fadd.d f10, f10, f12
    ret
    closure rgo_bench_mix

/* func(a, b, c, d, e, f, g, h, i, j, k, l int) (int, int)
 * entry: X10-X17 = a..h, X8 = i, X9 = j, X18 = k, X19 = l
 * exit:  X10 = a+b+c+d+e+f, X11 = g+h+i+j+k+l */
    .globl rgo_bench_many
    .balign 16
rgo_bench_many:
    add x10, x10, x11
    add x10, x10, x12
    add x10, x10, x13
    add x10, x10, x14
    add x10, x10, x15
    add x11, x16, x17
    add x11, x11, x8
    add x11, x11, x9
    add x11, x11, x18
    add x11, x11, x19
    ret
    closure rgo_bench_many

/* func (p *T) M(x int) int, T = struct{ v int }, as a method table entry
 * (receiver word first).
 * entry: X10 = p, X11 = x; exit: X10 = p.v + x */
    .globl rgo_bench_method
    .balign 16
rgo_bench_method:
    ld x10, 0(x10)
    add x10, x10, x11
    ret
    closure rgo_bench_method

/* func(a [4]int) [4]int (arrays of more than one element go on the stack)
 * entry: a at 8..40(SP); exit: the result at 40..72(SP) = a, reversed. */
    .globl rgo_bench_arr4
    .balign 16
rgo_bench_arr4:
    ld x5, 8(sp)
    sd x5, 64(sp)
    ld x5, 16(sp)
    sd x5, 56(sp)
    ld x5, 24(sp)
    sd x5, 48(sp)
    ld x5, 32(sp)
    sd x5, 40(sp)
    ret
    closure rgo_bench_arr4

    .section .note.GNU-stack, "", @progbits
