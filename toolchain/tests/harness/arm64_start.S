/*
 * arm64_start.S - a stand-in runtime for the arm64 backend's execution
 * tests (toolchain/tests/backend.rs). Linked with one generated .s and
 * run under qemu-aarch64:
 *
 *     aarch64-linux-gnu-gcc -nostdlib -static arm64_start.S prog.s
 *
 * The program defines rgo_test_main (ABIInternal, no arguments, no
 * results); everything it prints goes to stdout through rgo_test_report*.
 * The harness checks the invariants ABIInternal code owes the runtime and
 * exits with a distinct status when one is broken:
 *
 *     0    fine
 *     96   rgo_morestack reached (the harness never grows stacks)
 *     97   x28 (the goroutine register) changed across rgo_test_main
 *     98   a C-ABI call made with SP not 16-byte aligned
 *
 * Every helper below clobbers all the registers AAPCS64 lets it (x0-x17
 * but results, v0-v7 and v16-v31, the upper halves of v8-v15) so that
 * tests catch a backend relying on one surviving a runtime call.
 *
 * GNU as syntax for AArch64, preprocessed by the C compiler.
 */

/* Linux arm64 system calls. */
#define SYS_write 64
#define SYS_exit 93

/* rgo_abi.h's goroutine header offsets. */
#define G_SYS_SP 24
#define G_GO_SP 32

    .bss
    .balign 16
/* A goroutine for x28 to point at: stackguard 0 so prologue checks never
 * fire, and a system stack for runtime calls. */
rgo_test_g:
    .zero 80
rgo_test_sysstack:
    .zero 65536
rgo_test_sysstack_top:
/* Digits of one number being printed. */
rgo_test_buf:
    .zero 32
/* rt-core's rgo_parallel: 0, one thread runs Go code, so compiled code
 * never calls the runtime lock's gates (rgo_rt_enter, rgo_rt_exit). */
    .globl rgo_parallel
rgo_parallel:
    .zero 8
/* How many times rgo_poll ran (rgo_test_unpreempt reads and clears it). */
    .balign 8
rgo_test_polls:
    .zero 8

    .text

/* Clobbers x2-x17 and v1-v7, v16-v31 entirely, v8-v15's upper halves. */
.macro clobber_c_scratch
    mov x2, #0x5555555555555555
    mov x3, x2
    mov x4, x2
    mov x5, x2
    mov x6, x2
    mov x7, x2
    mov x8, x2
    mov x9, x2
    mov x10, x2
    mov x11, x2
    mov x12, x2
    mov x13, x2
    mov x14, x2
    mov x15, x2
    mov x16, x2
    mov x17, x2
    movi v1.2d, #0xffffffffffffffff
    mov v2.16b, v1.16b
    mov v3.16b, v1.16b
    mov v4.16b, v1.16b
    mov v5.16b, v1.16b
    mov v6.16b, v1.16b
    mov v7.16b, v1.16b
    mov v16.16b, v1.16b
    mov v17.16b, v1.16b
    mov v18.16b, v1.16b
    mov v19.16b, v1.16b
    mov v20.16b, v1.16b
    mov v21.16b, v1.16b
    mov v22.16b, v1.16b
    mov v23.16b, v1.16b
    mov v24.16b, v1.16b
    mov v25.16b, v1.16b
    mov v26.16b, v1.16b
    mov v27.16b, v1.16b
    mov v28.16b, v1.16b
    mov v29.16b, v1.16b
    mov v30.16b, v1.16b
    mov v31.16b, v1.16b
    mov v8.d[1], x2
    mov v9.d[1], x2
    mov v10.d[1], x2
    mov v11.d[1], x2
    mov v12.d[1], x2
    mov v13.d[1], x2
    mov v14.d[1], x2
    mov v15.d[1], x2
.endm

/* Copies v1 into v0 and the whole of v8-v15 (Go argument registers that
 * a C function returns with other values, or with their low halves saved). */
.macro clobber_v0_v8_v15
    mov v0.16b, v1.16b
    mov v8.16b, v1.16b
    mov v9.16b, v1.16b
    mov v10.16b, v1.16b
    mov v11.16b, v1.16b
    mov v12.16b, v1.16b
    mov v13.16b, v1.16b
    mov v14.16b, v1.16b
    mov v15.16b, v1.16b
.endm

/* Exits with status 98 unless SP is 16-aligned (at a call it is as on
 * entry: bl pushes nothing). */
.macro check_c_alignment
    mov x16, sp
    tst x16, #15
    b.ne .Lmisaligned
.endm

/* ---- _start ------------------------------------------------------------ */

    .globl _start
    .type _start, %function
_start:
    /* The kernel enters with SP 16-aligned. */
    mov x29, #0
    mov x30, #0
    adrp x28, rgo_test_g
    add x28, x28, :lo12:rgo_test_g
    adrp x0, rgo_test_sysstack_top
    add x0, x0, :lo12:rgo_test_sysstack_top
    str x0, [x28, #G_SYS_SP]
    bl rgo_test_main
    adrp x0, rgo_test_g
    add x0, x0, :lo12:rgo_test_g
    cmp x28, x0
    b.ne 1f
    mov x0, #0
    b rgo_test_exit
1:  mov x0, #97
    b rgo_test_exit
    .size _start, .-_start

/* rgo_morestack: compiled prologues reference it; with the harness's
 * stackguard of 0 their check never fails, so reaching it is a bug: exit 96. */
    .globl rgo_morestack
    .type rgo_morestack, %function
rgo_morestack:
    mov x0, #96
    b rgo_test_exit
    .size rgo_morestack, .-rgo_morestack

/* void rgo_test_exit(int status) [C ABI]: ends the process. */
    .globl rgo_test_exit
    .type rgo_test_exit, %function
rgo_test_exit:
    mov x8, #SYS_exit
    svc #0
    udf #0
    .size rgo_test_exit, .-rgo_test_exit

.Lmisaligned:
    mov x0, #98
    b rgo_test_exit

/* ---- preemption points -------------------------------------------------- */

/* void rgo_test_preempt(void) [C ABI]: a standing preemption request: the
 * goroutine's stackguard becomes STACK_PREEMPT (0xffff_ffff_ffff_fade), so
 * every loop poll takes its out-of-line path until rgo_test_unpreempt. (A
 * prologue check would fail too: only leaves without one may run between.)
 * Entry: x28 = g. Exit: [x28] = STACK_PREEMPT; x0 clobbered. */
    .globl rgo_test_preempt
    .type rgo_test_preempt, %function
rgo_test_preempt:
    check_c_alignment
    mov x0, #-1314
    str x0, [x28]
    ret
    .size rgo_test_preempt, .-rgo_test_preempt

/* int64 rgo_test_unpreempt(void) [C ABI]: withdraws the request; returns
 * how many times rgo_poll ran since the last call, and starts the count
 * again. Entry: x28 = g. Exit: x0 = the count, [x28] = 0; x1 clobbered. */
    .globl rgo_test_unpreempt
    .type rgo_test_unpreempt, %function
rgo_test_unpreempt:
    check_c_alignment
    str xzr, [x28]
    adrp x1, rgo_test_polls
    add x1, x1, :lo12:rgo_test_polls
    ldr x0, [x1]
    str xzr, [x1]
    ret
    .size rgo_test_unpreempt, .-rgo_test_unpreempt

/* rgo_rt_enter, rgo_rt_exit, rgo_rt_leave, rgo_rt_try, rgo_rt_pure: the
 * runtime lock's gates and the lockless runtime calls, never called here
 * (rgo_parallel is 0): a trap if they were. */
    .globl rgo_rt_enter
    .globl rgo_rt_exit
    .globl rgo_rt_try
    .globl rgo_rt_pure
    .globl rgo_rt_leave
rgo_rt_enter:
rgo_rt_exit:
rgo_rt_try:
rgo_rt_pure:
rgo_rt_leave:
    brk #1

/* void rgo_poll(void) [C ABI]: the runtime's yield at a loop's preemption
 * point. Here it counts the call and clobbers every register a compiled
 * body may keep a value in, v8-v15 whole too (their low halves are
 * callee-saved in C): a body that kept one across its poll without
 * reloading it computes a wrong result.
 * Entry: nothing. Exit: x0-x17, v0-v31 clobbered. */
    .globl rgo_poll
    .type rgo_poll, %function
rgo_poll:
    check_c_alignment
    adrp x1, rgo_test_polls
    add x1, x1, :lo12:rgo_test_polls
    ldr x0, [x1]
    add x0, x0, #1
    str x0, [x1]
    clobber_c_scratch
    mov x0, x2
    mov x1, x2
    clobber_v0_v8_v15
    ret
    .size rgo_poll, .-rgo_poll

/* void rgo_test_resume(void *frame, void *pc) [C ABI]: resumes compiled
 * code at a landing pad as the runtime's rgo_resume does: x29 = SP =
 * frame, then branch to pc (x28 is still the goroutine). */
    .globl rgo_test_resume
    .type rgo_test_resume, %function
rgo_test_resume:
    mov x29, x0
    mov sp, x0
    br x1
    .size rgo_test_resume, .-rgo_test_resume

/* ---- printing ------------------------------------------------------------ */

/* void rgo_test_report(int64 v) [C ABI]: prints v in decimal and a newline. */
    .globl rgo_test_report
    .type rgo_test_report, %function
rgo_test_report:
    check_c_alignment
    mov x9, #0                      /* x9 = 1: negative */
    cmp x0, #0
    b.ge print_u64
    neg x0, x0                      /* MinInt64 stays 2^63 as unsigned */
    mov x9, #1
    b print_u64
    .size rgo_test_report, .-rgo_test_report

/* void rgo_test_report_u(uint64 v) [C ABI]: v in decimal, unsigned. */
    .globl rgo_test_report_u
    .type rgo_test_report_u, %function
rgo_test_report_u:
    check_c_alignment
    mov x9, #0
    /* fall through */

/* x0 = magnitude, x9 = 1 if a minus sign goes first. */
print_u64:
    adrp x11, rgo_test_buf
    add x11, x11, :lo12:rgo_test_buf
    add x11, x11, #32               /* x11: end of the buffer */
    sub x10, x11, #1                /* x10: first byte written */
    mov w12, #10                    /* '\n' */
    strb w12, [x10]
    mov x13, #10
2:  udiv x14, x0, x13
    msub x15, x14, x13, x0
    add w15, w15, #'0'
    sub x10, x10, #1
    strb w15, [x10]
    mov x0, x14
    cbnz x0, 2b
    cbz x9, 3f
    mov w15, #'-'
    sub x10, x10, #1
    strb w15, [x10]
3:  sub x2, x11, x10                /* length */
    mov x1, x10
    mov x0, #1                      /* stdout */
    mov x8, #SYS_write
    svc #0
    clobber_c_scratch
    mov x0, x2
    mov x1, x2
    mov v0.16b, v1.16b
    ret
    .size rgo_test_report_u, .-rgo_test_report_u

/* void rgo_test_report_bits(double x) [C ABI]: x's bits, unsigned decimal. */
    .globl rgo_test_report_bits
    .type rgo_test_report_bits, %function
rgo_test_report_bits:
    fmov x0, d0
    b rgo_test_report_u
    .size rgo_test_report_bits, .-rgo_test_report_bits

/* ---- argument passing --------------------------------------------------- */

/*
 * struct { int64 d; int64 b; } rgo_test_mix(int64 a, double x, int8 b,
 *                                            float y, int64 c) [C ABI]
 * Entry: x0 = a, d0 = x, w1 = b (x1 sign-extended by the caller: AAPCS64
 *        does not ask it, the backend does it anyway), s1 = y, x2 = c.
 * Exit:  x0 = a - c + (int64)(x + y), x1 = all 64 bits of the b register
 *        (shows the extension). Everything else C may clobber is clobbered.
 */
    .globl rgo_test_mix
    .type rgo_test_mix, %function
rgo_test_mix:
    check_c_alignment
    fcvt d1, s1
    fadd d0, d0, d1
    fcvtzs x3, d0
    add x3, x3, x0
    sub x3, x3, x2
    stp x3, x1, [sp, #-16]!
    clobber_c_scratch
    mov v0.16b, v1.16b
    ldp x0, x1, [sp], #16
    ret
    .size rgo_test_mix, .-rgo_test_mix

/* double rgo_test_fma(double x, int64 n, float y) [C ABI]: x * n + y.
 * Entry: d0 = x, x0 = n, s1 = y. Exit: d0. */
    .globl rgo_test_fma
    .type rgo_test_fma, %function
rgo_test_fma:
    check_c_alignment
    scvtf d2, x0
    fmul d0, d0, d2
    fcvt d1, s1
    fadd d0, d0, d1
    fmov x3, d0
    str x3, [sp, #-16]!
    clobber_c_scratch
    mov x0, x2
    mov x1, x2
    ldr x3, [sp], #16
    fmov d0, x3
    ret
    .size rgo_test_fma, .-rgo_test_fma

/* ---- ABI0 fixtures ------------------------------------------------------ */

/*
 * rgo_test_abi0_callee                                              [ABI0]
 *   func(a int64, b float64, c [2]int64, d int8) (r1 int64, r2 float64, r3 [2]int64)
 *   r1 = a - c[1]; r2 = b + b; r3 = {c[1] + d, c[0] + d}
 *
 * ABI0 frame (offsets from SP on entry; [sp] is the caller's
 * fixed_frame word, then the stack-only assignment):
 *     8: a    16: b    24: c[0]  32: c[1]  40: d (1 byte)
 *    48: r1   56: r2   64: r3[0] 72: r3[1]
 * ABI0 code may use every register but x28 (the goroutine, fixed in both
 * ABIs on arm64), x29 and SP; it leaves them all garbage to show the
 * wrapper relies on none.
 */
    .globl rgo_test_abi0_callee
    .type rgo_test_abi0_callee, %function
rgo_test_abi0_callee:
    ldr x0, [sp, #8]
    ldr x1, [sp, #32]
    sub x0, x0, x1
    str x0, [sp, #48]
    ldr d0, [sp, #16]
    fadd d0, d0, d0
    str d0, [sp, #56]
    ldrsb x2, [sp, #40]
    ldr x0, [sp, #32]
    add x0, x0, x2
    str x0, [sp, #64]
    ldr x0, [sp, #24]
    add x0, x0, x2
    str x0, [sp, #72]
    clobber_c_scratch
    mov x0, x2
    mov x1, x2
    mov x19, x2
    mov x20, x2
    mov x21, x2
    mov x22, x2
    mov x23, x2
    mov x24, x2
    mov x25, x2
    mov x26, x2
    mov x27, x2
    clobber_v0_v8_v15
    ret
    .size rgo_test_abi0_callee, .-rgo_test_abi0_callee

/*
 * void rgo_test_abi0_caller(int64 a, int64 b0, int64 b1, double c, float d)
 *                                                                  [C ABI]
 * Calls the program's rgo_test_from_abi0 the way assembly would, through
 * ABI0:
 *   func(a int64, b [2]int64, c float64, d float32) (r1 int64, r2 float64, r3 [2]int64)
 * ABI0 frame (offsets from SP at the call; [sp] is the callee's
 * fixed_frame word):
 *     8: a   16: b[0]  24: b[1]  32: c   40: d (4 bytes)
 *    48: r1  56: r2    64: r3[0] 72: r3[1]
 * and reports r1, r2's bits, r3[0], r3[1]. Go code may clobber x19-x27,
 * which C callers expect kept, so all callee-saved registers are saved.
 * We run on the system stack (a runtime call brought us here). The Go
 * callee runs where Go code runs, on the goroutine stack below the stack
 * pointer its caller saved in g.go_sp, and the goroutine's system stack
 * pointer points at this frame meanwhile, so that Go code's own C calls go
 * below it:
 *
 *   system stack                      goroutine stack
 *   | saved x19 - x28, old sys_sp |   | the Go caller's frame | <- g.go_sp
 *   | saved x29, x30              |   | ABI0 results, args    | <- sp + 8
 *   +-----------------------------+   | fixed_frame word      | <- sp at the call
 *     <- g.sys_sp during the call     | rgo_test_from_abi0 ...|
 */
    /* Only the ABI-wrapper test defines it. */
    .weak rgo_test_from_abi0

    .globl rgo_test_abi0_caller
    .type rgo_test_abi0_caller, %function
rgo_test_abi0_caller:
    check_c_alignment
    stp x29, x30, [sp, #-112]!
    mov x29, sp
    stp x19, x20, [sp, #16]
    stp x21, x22, [sp, #32]
    stp x23, x24, [sp, #48]
    stp x25, x26, [sp, #64]
    stp x27, x28, [sp, #80]
    ldr x3, [x28, #G_SYS_SP]
    str x3, [sp, #96]
    mov x3, sp
    str x3, [x28, #G_SYS_SP]        /* Go code's runtime calls go below us */
    ldr x3, [x28, #G_GO_SP]
    sub sp, x3, #80                 /* the ABI0 frame, on the goroutine stack */
    str x0, [sp, #8]
    str x1, [sp, #16]
    str x2, [sp, #24]
    str d0, [sp, #32]
    str s1, [sp, #40]
    mov x3, #-1                     /* results start as garbage */
    str x3, [sp, #48]
    str x3, [sp, #56]
    str x3, [sp, #64]
    str x3, [sp, #72]
    bl rgo_test_from_abi0
    ldr x19, [sp, #48]
    ldr x20, [sp, #56]
    ldr x21, [sp, #64]
    ldr x22, [sp, #72]
    ldr x3, [x28, #G_SYS_SP]        /* back on our frame (Go keeps x28) */
    mov sp, x3
    ldr x3, [sp, #96]
    str x3, [x28, #G_SYS_SP]
    mov x0, x19
    bl rgo_test_report
    mov x0, x20
    bl rgo_test_report_u
    mov x0, x21
    bl rgo_test_report
    mov x0, x22
    bl rgo_test_report
    ldp x19, x20, [sp, #16]
    ldp x21, x22, [sp, #32]
    ldp x23, x24, [sp, #48]
    ldp x25, x26, [sp, #64]
    ldp x27, x28, [sp, #80]
    ldp x29, x30, [sp], #112
    ret
    .size rgo_test_abi0_caller, .-rgo_test_abi0_caller

    .section .note.GNU-stack,"",%progbits
