/*
 * riscv64.S - a hand-written RISC-V 64 program in the conventions of
 * compiled code (docs/targets.md), linked with the rgo-rt static library
 * built for riscv64gc and run under qemu-riscv64 by ../cross_programs.rs.
 * The same program as arm64.S:
 *
 *   - sum(100000) recurses through many goroutine stack segments
 *     (rgo_morestack with a spilled register argument, rgo_lessstack with
 *     a register result);
 *   - f2 defers a closure, recurses 20000 deep and dereferences nil: the
 *     fault handler makes the faulting frame call rgo_sigpanic, the
 *     deferred call (run by rgo_gocall) recovers and calls the error's
 *     Error method (an rgo_error_shim), rgo_resume lands in f2's landing
 *     pad, which returns the named result 42;
 *   - back in main, the stack is the first segment again.
 *
 * With -DMAIN_FAULTS main dereferences nil unrecovered; with
 * -DMAIN_BREAKS it calls runtime.Breakpoint (rgo_breakpoint).
 */

#include "rgo_abi.h"

/* A runtime call as compiled code makes it (docs/targets.md). */
.macro rtcall f
    mv s8, sp
    ld t0, RGO_G_SYS_SP(s11)
    mv sp, t0
    sd s8, RGO_G_GO_SP(s11)
    call \f
    mv sp, s8
.endm

.macro func name
    .text
    .globl \name
    .type \name, @function
    .p2align 4
\name:
.endm

/* Prologue with the stack check: `size` bytes of frame below the saved
 * ra/s9, `args` bytes of incoming argument area; with `spill`, X10 is the
 * one register argument (spilled at entry SP + 8 before growing). */
.macro enter name, size, args=0, spill=0
    addi t0, sp, -(16 + \size)
    ld t1, RGO_G_STACKGUARD(s11)
    bgeu t0, t1, .Lenter\@
    .if \spill
    sd a0, 8(sp)
    .endif
    mv t2, ra
    li t0, (16 + \size)
    li t1, \args
    call rgo_morestack
    .if \spill
    ld a0, 8(sp)
    .endif
    j \name
.Lenter\@:
    addi sp, sp, -16
    sd ra, 8(sp)
    sd s9, 0(sp)
    mv s9, sp
    addi sp, sp, -\size
.endm

.macro leave_ret
    mv sp, s9
    ld ra, 8(sp)
    ld s9, 0(sp)
    addi sp, sp, 16
    ret
.endm

.macro lit label, text:vararg
    .pushsection .rodata
\label: .ascii \text
    .set \label\()_len, . - \label
    .popsection
.endm

.macro print_lit label
    lla a0, \label
    li a1, \label\()_len
    rtcall rgo_print_string
.endm

.macro print_end
    rtcall rgo_print_nl
    rtcall rgo_print_end
.endm

    lit s_sum, "sum "
    lit s_f2, "f2 returned "
    lit s_rec, "recovered: "
    lit s_first, "back on the first segment "

/* func sum(n int) int { if n == 0 { return 0 }; return n + sum(n-1) } */
func sum
    enter sum, 32, 8, 1
    beqz a0, 1f
    sd a0, -8(s9)
    addi a0, a0, -1
    call sum
    ld a1, -8(s9)
    add a0, a0, a1
1:  leave_ret

/* func deepfault(n int): recurses n times, then dereferences nil. */
func deepfault
    enter deepfault, 32, 8, 1
    beqz a0, 1f
    addi a0, a0, -1
    call deepfault
    leave_ret
1:  li t3, 0
    .globl fault_here
fault_here:
    ld t3, 16(t3)
    ebreak

/* The deferred closure {drecover, &r}: if recover() != nil { *r = 42;
 * println("recovered:", err.Error()) }. */
func drecover
    enter drecover, 48
    sd s10, -8(s9)
    addi a0, s9, 16
    rtcall rgo_gorecover
    beqz a0, 1f
    sd a1, -16(s9)
    ld t3, -8(s9)
    ld t3, 8(t3)
    li t4, 42
    sd t4, 0(t3)
    ld t3, 40(a0)               /* uncommon */
    ld t3, 16(t3)               /* methods */
    ld s10, 24(t3)              /* Error's func value */
    ld a0, -16(s9)
    ld t0, 0(s10)
    jalr t0
    sd a0, -32(s9)
    sd a1, -24(s9)
    print_lit s_rec
    ld a0, -32(s9)
    ld a1, -24(s9)
    rtcall rgo_print_string
    print_end
1:  leave_ret

/* func f2() (r int) { defer drecover(&r); deepfault(n); r = 7; return } */
func f2
    enter f2, 48
    sd zero, -8(s9)
    li a0, 16
    li a1, 0
    rtcall rgo_alloc
    lla t3, drecover
    sd t3, 0(a0)
    addi t3, s9, -8
    sd t3, 8(a0)
    mv a1, s9
    lla a2, .Lf2_landing
    rtcall rgo_deferproc
    li a0, 20000
    call deepfault
    li t3, 7
    sd t3, -8(s9)
    mv a0, s9
    rtcall rgo_deferreturn
    ld a0, -8(s9)
    leave_ret
.Lf2_landing:
    addi sp, s9, -48
    mv a0, s9
    rtcall rgo_deferreturn
    ld a0, -8(s9)
    leave_ret

#ifdef MAIN_GOROUTINES
/*
 * Goroutines (-DMAIN_GOROUTINES): main and a goroutine started with
 * rgo_newproc play ping-pong over two unbuffered channels 1000 times, so
 * each side parks and is resumed 1000 times (rgo_ctx_park/rgo_ctx_resume
 * must bring back s8, s9 and s11, which the code uses after each runtime
 * call); then a goroutine that only calls a function with a stack check
 * spins until main, which yielded to it, gets back by preemption (the
 * tick poisons stackguard, rgo_morestack_rs yields and the spinner
 * continues at its own return address).
 */
    lit s_pp, "pingpong "
    lit s_pre, "preempted, goroutines "

    .data
    .p2align 3
stop_flag: .quad 0
    .pushsection .rodata
    .p2align 3
spin_closure: .quad spin
    .popsection

/* The closure {pong, a, b}: for { v := <-a; if v < 0 { return }; b <- v + 1 } */
func pong
    enter pong, 48
    sd s10, -8(s9)
1:  ld t3, -8(s9)
    ld a0, 8(t3)
    addi a1, s9, -16
    rtcall rgo_chanrecv
    ld t4, -16(s9)
    bltz t4, 2f
    addi t4, t4, 1
    sd t4, -24(s9)
    ld t3, -8(s9)
    ld a0, 16(t3)
    addi a1, s9, -24
    rtcall rgo_chansend
    j 1b
2:  leave_ret

/* A function with a stack check: a preemption point. */
func tick
    enter tick, 16
    leave_ret

/* The closure {spin}: for stop_flag == 0 { tick() } */
func spin
    enter spin, 16
1:  call tick
    lla t3, stop_flag
    ld t3, 0(t3)
    beqz t3, 1b
    leave_ret

/* The goroutine part of main; frame: a at -8, b at -16, v at -24, i at -32. */
func goroutines
    enter goroutines, 48
    la a0, elem8
    li a1, 0
    rtcall rgo_makechan
    sd a0, -8(s9)
    la a0, elem8
    li a1, 0
    rtcall rgo_makechan
    sd a0, -16(s9)
    li a0, 24
    li a1, 0
    rtcall rgo_alloc
    lla t3, pong
    sd t3, 0(a0)
    ld t3, -8(s9)
    sd t3, 8(a0)
    ld t3, -16(s9)
    sd t3, 16(a0)
    rtcall rgo_newproc
    sd zero, -24(s9)
    sd zero, -32(s9)
1:  ld a0, -8(s9)
    addi a1, s9, -24
    rtcall rgo_chansend
    ld a0, -16(s9)
    addi a1, s9, -24
    rtcall rgo_chanrecv
    ld t3, -32(s9)
    addi t3, t3, 1
    sd t3, -32(s9)
    li t4, 1000
    bltu t3, t4, 1b
    print_lit s_pp
    ld a0, -24(s9)
    rtcall rgo_print_int
    print_end
    /* Stop pong: send -1. */
    li t3, -1
    sd t3, -24(s9)
    ld a0, -8(s9)
    addi a1, s9, -24
    rtcall rgo_chansend
    /* Spin, yield to it, get back by preemption. */
    lla a0, spin_closure
    rtcall rgo_newproc
    rtcall rgo_gosched
    lla t3, stop_flag
    li t4, 1
    sd t4, 0(t3)
    /* Let the spinner and pong finish. */
    rtcall rgo_gosched
    rtcall rgo_gosched
    print_lit s_pre
    rtcall rgo_numgoroutine
    rtcall rgo_print_int
    print_end
    leave_ret
#endif

func rgo.main
    enter rgo.main, 48
#ifdef MAIN_GOROUTINES
    call goroutines
    leave_ret
#endif
#ifdef MAIN_FAULTS
    li t3, 0
    .globl main_fault
main_fault:
    ld t3, 8(t3)
#endif
#ifdef MAIN_BREAKS
    rtcall rgo_breakpoint
#endif
    ld t3, RGO_G_STACK_LO(s11)
    sd t3, -8(s9)
    li a0, 100000
    call sum
    sd a0, -16(s9)
    print_lit s_sum
    ld a0, -16(s9)
    rtcall rgo_print_int
    print_end
    .rept 2
    call f2
    sd a0, -16(s9)
    print_lit s_f2
    ld a0, -16(s9)
    rtcall rgo_print_int
    print_end
    .endr
    print_lit s_first
    ld t3, RGO_G_STACK_LO(s11)
    ld t4, -8(s9)
    sub a0, t3, t4
    seqz a0, a0
    rtcall rgo_print_bool
    print_end
    leave_ret

    /* The channels' element type for rgo_makechan: a descriptor (reflect's
     * Type layout) of an 8-byte value without pointers: size 8, ptrdata 0,
     * the rest zero. */
    .section .rodata
    .p2align 3
elem8:
    .quad 8, 0, 0, 0, 0, 0

    .section .note.GNU-stack, "", @progbits
