/*
 * riscv64_start.S - a stand-in runtime for the riscv64 backend's execution
 * tests. Linked with one generated .s and run under qemu-riscv64:
 *
 *     riscv64-linux-gnu-gcc -nostdlib -static riscv64_start.S prog.s
 *
 * The program defines rgo_test_main (ABIInternal, no arguments, no
 * results); everything it prints goes to stdout through rgo_test_report*.
 * The harness checks the invariants ABIInternal code owes the runtime and
 * exits with a distinct status when one is broken:
 *
 *     0    fine
 *     96   rgo_morestack reached (the harness never grows stacks)
 *     97   s11 (X27, the goroutine register) changed across rgo_test_main
 *     98   a C-ABI call made with a misaligned stack: the system stack
 *          pointer, or the goroutine's (saved in g.go_sp), not 16-aligned
 *
 * Every helper below clobbers all the registers the C ABI lets it (t0-t6,
 * a0-a7 but its results, ft0-ft11, fa0-fa7 but its result) so that tests
 * catch a backend relying on one surviving a runtime call.
 *
 * Register names are the LP64D ones (a0 = X10, s9 = X25, s11 = X27).
 */

/* Linux riscv64 system calls. */
#define SYS_write 64
#define SYS_exit 93

/* rgo_abi.h's G header offsets used here. */
#define G_SYS_SP 24
#define G_GO_SP 32

    .bss
    .balign 16
/* A goroutine for s11 to point at: stackguard 0 so prologue checks never
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

/* Clobbers every register a C function may clobber but a0, a1, fa0. */
.macro clobber_c_scratch
    li t0, 0x5a5a5a5a5a5a5a5a
    mv t1, t0
    mv t2, t0
    mv t3, t0
    mv t4, t0
    mv t5, t0
    mv t6, t0
    mv a2, t0
    mv a3, t0
    mv a4, t0
    mv a5, t0
    mv a6, t0
    mv a7, t0
    fmv.d.x ft0, t0
    fmv.d.x ft1, t0
    fmv.d.x ft2, t0
    fmv.d.x ft3, t0
    fmv.d.x ft4, t0
    fmv.d.x ft5, t0
    fmv.d.x ft6, t0
    fmv.d.x ft7, t0
    fmv.d.x ft8, t0
    fmv.d.x ft9, t0
    fmv.d.x ft10, t0
    fmv.d.x ft11, t0
    fmv.d.x fa1, t0
    fmv.d.x fa2, t0
    fmv.d.x fa3, t0
    fmv.d.x fa4, t0
    fmv.d.x fa5, t0
    fmv.d.x fa6, t0
    fmv.d.x fa7, t0
.endm

/* Exits with status 98 unless sp and the saved goroutine sp are 16-aligned.
 * Clobbers t0, t1. */
.macro check_c_alignment
    andi t0, sp, 15
    bnez t0, .Lmisaligned
    ld t1, G_GO_SP(s11)
    andi t0, t1, 15
    bnez t0, .Lmisaligned
.endm

/* ---- _start ------------------------------------------------------------ */

    .globl _start
    .type _start, @function
_start:
    /* Entry: sp 16-aligned (the kernel's), everything else undefined. */
    .option push
    .option norelax
    lla gp, __global_pointer$
    .option pop
    li s9, 0
    lla s11, rgo_test_g
    lla t0, rgo_test_sysstack_top
    sd t0, G_SYS_SP(s11)
    call rgo_test_main
    lla t0, rgo_test_g
    bne s11, t0, 1f
    li a0, 0
    j rgo_test_exit
1:  li a0, 97
    j rgo_test_exit
    .size _start, .-_start

/* rgo_morestack: compiled prologues reference it; with the harness's
 * stackguard of 0 their check never fails, so reaching it is a bug: exit 96. */
    .globl rgo_morestack
    .type rgo_morestack, @function
rgo_morestack:
    li a0, 96
    j rgo_test_exit
    .size rgo_morestack, .-rgo_morestack

/* void rgo_test_exit(int status) [C ABI]: ends the process. */
    .globl rgo_test_exit
    .type rgo_test_exit, @function
rgo_test_exit:
    li a7, SYS_exit
    ecall
    unimp
    .size rgo_test_exit, .-rgo_test_exit

.Lmisaligned:
    li a0, 98
    j rgo_test_exit

/* ---- preemption points -------------------------------------------------- */

/* void rgo_test_preempt(void) [C ABI]: a standing preemption request: the
 * goroutine's stackguard becomes STACK_PREEMPT (0xffff_ffff_ffff_fade), so
 * every loop poll takes its out-of-line path until rgo_test_unpreempt. (A
 * prologue check would fail too: only leaves without one may run between.)
 * Entry: s11 = g. Exit: [s11] = STACK_PREEMPT; t0, t1 clobbered. */
    .globl rgo_test_preempt
    .type rgo_test_preempt, @function
rgo_test_preempt:
    check_c_alignment
    li t0, -1314
    sd t0, 0(s11)
    ret
    .size rgo_test_preempt, .-rgo_test_preempt

/* int64 rgo_test_unpreempt(void) [C ABI]: withdraws the request; returns
 * how many times rgo_poll ran since the last call, and starts the count
 * again. Entry: s11 = g. Exit: a0 = the count, [s11] = 0; t0, t1
 * clobbered. */
    .globl rgo_test_unpreempt
    .type rgo_test_unpreempt, @function
rgo_test_unpreempt:
    check_c_alignment
    sd zero, 0(s11)
    lla t0, rgo_test_polls
    ld a0, 0(t0)
    sd zero, 0(t0)
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
    ebreak

/* void rgo_poll(void) [C ABI]: the runtime's yield at a loop's preemption
 * point. Here it counts the call and clobbers every register a compiled
 * body may keep a value in, the Go argument registers C saves too (s0-s7,
 * fs0-fs7): a body that kept one across its poll without reloading it
 * computes a wrong result.
 * Entry: nothing. Exit: t0-t6, a0-a7, s0-s7, ft0-ft11, fa0-fa7, fs0-fs7
 * clobbered. */
    .globl rgo_poll
    .type rgo_poll, @function
rgo_poll:
    check_c_alignment
    lla t0, rgo_test_polls
    ld t1, 0(t0)
    addi t1, t1, 1
    sd t1, 0(t0)
    clobber_c_scratch
    mv a0, t0
    mv a1, t0
    mv s0, t0
    mv s1, t0
    mv s2, t0
    mv s3, t0
    mv s4, t0
    mv s5, t0
    mv s6, t0
    mv s7, t0
    fmv.d.x fa0, t0
    fmv.d.x fs0, t0
    fmv.d.x fs1, t0
    fmv.d.x fs2, t0
    fmv.d.x fs3, t0
    fmv.d.x fs4, t0
    fmv.d.x fs5, t0
    fmv.d.x fs6, t0
    fmv.d.x fs7, t0
    ret
    .size rgo_poll, .-rgo_poll

/* void rgo_test_resume(void *frame, void *pc) [C ABI]: resumes compiled
 * code at a landing pad as the runtime's rgo_resume does: s9 = sp =
 * frame, then jump to pc (x27 is still the goroutine). */
    .globl rgo_test_resume
    .type rgo_test_resume, @function
rgo_test_resume:
    mv s9, a0
    mv sp, a0
    jr a1
    .size rgo_test_resume, .-rgo_test_resume

/* ---- printing ------------------------------------------------------------ */

/* void rgo_test_report(int64 v) [C ABI]: prints v in decimal and a newline. */
    .globl rgo_test_report
    .type rgo_test_report, @function
rgo_test_report:
    check_c_alignment
    li a2, 0                        /* a2 = 1: negative */
    bgez a0, print_u64
    neg a0, a0                      /* MinInt64 stays 2^63 as unsigned */
    li a2, 1
    j print_u64
    .size rgo_test_report, .-rgo_test_report

/* void rgo_test_report_u(uint64 v) [C ABI]: v in decimal, unsigned. */
    .globl rgo_test_report_u
    .type rgo_test_report_u, @function
rgo_test_report_u:
    check_c_alignment
    li a2, 0
    /* fall through */

/* a0 = magnitude, a2 = 1 if a minus sign goes first. */
print_u64:
    lla a1, rgo_test_buf + 31
    li t0, 10
    sb t0, 0(a1)                    /* '\n' */
    li t1, 10
2:  remu t2, a0, t1
    divu a0, a0, t1
    addi t2, t2, '0'
    addi a1, a1, -1
    sb t2, 0(a1)
    bnez a0, 2b
    beqz a2, 3f
    addi a1, a1, -1
    li t2, '-'
    sb t2, 0(a1)
3:  lla a2, rgo_test_buf + 32
    sub a2, a2, a1                  /* length */
    li a0, 1                        /* stdout */
    li a7, SYS_write
    ecall
    clobber_c_scratch
    mv a0, t0
    mv a1, t0
    fmv.d.x fa0, t0
    ret
    .size rgo_test_report_u, .-rgo_test_report_u

/* void rgo_test_report_bits(double x) [C ABI]: x's bits, unsigned decimal. */
    .globl rgo_test_report_bits
    .type rgo_test_report_bits, @function
rgo_test_report_bits:
    fmv.x.d a0, fa0
    j rgo_test_report_u
    .size rgo_test_report_bits, .-rgo_test_report_bits

/* ---- argument passing --------------------------------------------------- */

/*
 * struct { int64 d; int64 b; } rgo_test_mix(int64 a, double x, int8 b,
 *                                            float y, int64 c) [C ABI]
 * Entry: a0 = a, fa0 = x, a1 = b (sign-extended by the caller, as LP64
 *        requires), fa1 = y, a2 = c.
 * Exit:  a0 = a - c + (int64)(x + y), a1 = b as is (shows the extension).
 *        Everything else C may clobber is clobbered.
 */
    .globl rgo_test_mix
    .type rgo_test_mix, @function
rgo_test_mix:
    check_c_alignment
    fcvt.d.s fa1, fa1
    fadd.d fa0, fa0, fa1
    fcvt.l.d t0, fa0, rtz
    add a0, a0, t0
    sub a0, a0, a2
    addi sp, sp, -16
    sd a0, 0(sp)
    sd a1, 8(sp)
    clobber_c_scratch
    fmv.d.x fa0, t0
    ld a0, 0(sp)
    ld a1, 8(sp)
    addi sp, sp, 16
    ret
    .size rgo_test_mix, .-rgo_test_mix

/* double rgo_test_fma(double x, int64 n, float y) [C ABI]: x * n + y.
 * Entry: fa0 = x, a0 = n, fa1 = y (NaN-boxed single). Exit: fa0. */
    .globl rgo_test_fma
    .type rgo_test_fma, @function
rgo_test_fma:
    check_c_alignment
    fcvt.d.l fa2, a0
    fmul.d fa0, fa0, fa2
    fcvt.d.s fa1, fa1
    fadd.d fa0, fa0, fa1
    addi sp, sp, -16
    fsd fa0, 0(sp)
    clobber_c_scratch
    fld fa0, 0(sp)
    addi sp, sp, 16
    mv a0, t0
    mv a1, t0
    ret
    .size rgo_test_fma, .-rgo_test_fma

/* ---- ABI0 fixtures ------------------------------------------------------ */

/*
 * rgo_test_abi0_callee                                              [ABI0]
 *   func(a int64, b float64, c [2]int64, d int8) (r1 int64, r2 float64, r3 [2]int64)
 *   r1 = a - c[1]; r2 = b + b; r3 = {c[1] + d, c[0] + d}
 *
 * ABI0 frame (offsets from sp on entry; 0(sp) is the caller's word):
 *     8: a    16: b    24: c[0]  32: c[1]  40: d (1 byte)
 *    48: r1   56: r2   64: r3[0] 72: r3[1]
 * ABI0 code may use every register but sp, gp, tp and (by Go's rules)
 * s11; it leaves s9 (X25, which gc's duff routines use) and every
 * argument register garbage, and s11 too, to show the wrapper restores it.
 */
    .globl rgo_test_abi0_callee
    .type rgo_test_abi0_callee, @function
rgo_test_abi0_callee:
    ld t0, 8(sp)
    ld t1, 32(sp)
    sub t0, t0, t1
    sd t0, 48(sp)
    fld ft0, 16(sp)
    fadd.d ft0, ft0, ft0
    fsd ft0, 56(sp)
    lb t2, 40(sp)
    add t0, t1, t2
    sd t0, 64(sp)
    ld t0, 24(sp)
    add t0, t0, t2
    sd t0, 72(sp)
    li t0, 0x0badc0de
    mv s9, t0
    mv s11, t0
    mv s10, t0
    mv s8, t0
    mv a0, t0
    mv s0, t0
    mv s7, t0
    fmv.d.x fa0, t0
    fmv.d.x fs0, t0
    ret
    .size rgo_test_abi0_callee, .-rgo_test_abi0_callee

/*
 * void rgo_test_abi0_caller(int64 a, int64 b0, int64 b1, double c, float d)
 *                                                                  [C ABI]
 * Calls the program's rgo_test_from_abi0 the way assembly would, through
 * ABI0:
 *   func(a int64, b [2]int64, c float64, d float32) (r1 int64, r2 float64, r3 [2]int64)
 * ABI0 frame (offsets from sp at the call; 0(sp) is our own word):
 *     8: a   16: b[0]  24: b[1]  32: c   40: d (4 bytes)
 *    48: r1  56: r2    64: r3[0] 72: r3[1]
 * and reports r1, r2's bits, r3[0], r3[1]. The call is made with sp only
 * 8-aligned, as ABI0 allows, and with s9 garbage. We run on the system
 * stack (a runtime call brought us here); the Go callee runs where Go
 * code runs, on the goroutine stack below the stack pointer its caller
 * saved in g.go_sp, and its own runtime calls go below our frame: g.sys_sp
 * points at it during the call (and leads back to it: Go code keeps no C
 * callee-saved register but the goroutine register s11).
 */
    /* Only the ABI-wrapper test defines it. */
    .weak rgo_test_from_abi0

    .globl rgo_test_abi0_caller
    .type rgo_test_abi0_caller, @function
rgo_test_abi0_caller:
    check_c_alignment
    addi sp, sp, -64
    sd ra, 56(sp)
    sd s0, 48(sp)
    sd s1, 40(sp)
    sd s2, 32(sp)
    sd s3, 24(sp)
    sd s9, 16(sp)
    ld t0, G_SYS_SP(s11)
    sd t0, 8(sp)                    /* the old system stack top */
    sd sp, G_SYS_SP(s11)            /* runtime calls below us */
    ld t0, G_GO_SP(s11)
    addi sp, t0, -88                /* on the goroutine stack, 8 mod 16 */
    sd a0, 8(sp)
    sd a1, 16(sp)
    sd a2, 24(sp)
    fsd fa0, 32(sp)
    fsw fa1, 40(sp)
    li t0, -1                       /* results start as garbage */
    sd t0, 48(sp)
    sd t0, 56(sp)
    sd t0, 64(sp)
    sd t0, 72(sp)
    li s9, 0x0badc0de
    call rgo_test_from_abi0
    ld s0, 48(sp)
    ld s1, 56(sp)
    ld s2, 64(sp)
    ld s3, 72(sp)
    ld sp, G_SYS_SP(s11)            /* back on our frame */
    ld t0, 8(sp)
    sd t0, G_SYS_SP(s11)
    mv a0, s0
    call rgo_test_report
    mv a0, s1
    call rgo_test_report_u
    mv a0, s2
    call rgo_test_report
    mv a0, s3
    call rgo_test_report
    ld ra, 56(sp)
    ld s0, 48(sp)
    ld s1, 40(sp)
    ld s2, 32(sp)
    ld s3, 24(sp)
    ld s9, 16(sp)
    addi sp, sp, 64
    ret
    .size rgo_test_abi0_caller, .-rgo_test_abi0_caller

    .section .note.GNU-stack,"",@progbits
