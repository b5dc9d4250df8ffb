/*
 * arm64.S - a hand-written AArch64 program in the conventions of compiled
 * code (docs/targets.md), linked with the rgo-rt static library built for
 * aarch64 and run under qemu-aarch64 by ../cross_programs.rs:
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
    mov x19, sp
    ldr x16, [x28, #RGO_G_SYS_SP]
    mov sp, x16
    str x19, [x28, #RGO_G_GO_SP]
    bl \f
    mov sp, x19
.endm

.macro func name
    .text
    .globl \name
    .type \name, @function
    .p2align 4
\name:
.endm

/* Prologue with the stack check: `size` bytes of frame below the frame
 * record, `args` bytes of incoming argument area; with `spill`, X0 is the
 * one register argument (spilled at entry SP + 8 before growing). */
.macro enter name, size, args=0, spill=0
    sub x16, sp, #(16 + \size)
    ldr x17, [x28, #RGO_G_STACKGUARD]
    cmp x16, x17
    b.hs .Lenter\@
    .if \spill
    str x0, [sp, #8]
    .endif
    mov x20, x30
    mov x21, #(16 + \size)
    mov x22, #\args
    bl rgo_morestack
    .if \spill
    ldr x0, [sp, #8]
    .endif
    b \name
.Lenter\@:
    stp x29, x30, [sp, #-16]!
    mov x29, sp
    sub sp, sp, #\size
.endm

.macro leave_ret
    mov sp, x29
    ldp x29, x30, [sp], #16
    ret
.endm

.macro lit label, text:vararg
    .pushsection .rodata
\label: .ascii \text
    .set \label\()_len, . - \label
    .popsection
.endm

.macro print_lit label
    adrp x0, \label
    add x0, x0, :lo12:\label
    mov x1, #\label\()_len
    rtcall rgo_print_string
.endm

.macro print_int reg
    mov x0, \reg
    rtcall rgo_print_int
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
    cbz x0, 1f
    str x0, [x29, #-8]
    sub x0, x0, #1
    bl sum
    ldr x1, [x29, #-8]
    add x0, x0, x1
1:  leave_ret

/* func deepfault(n int): recurses n times, then dereferences nil. */
func deepfault
    enter deepfault, 32, 8, 1
    cbz x0, 1f
    sub x0, x0, #1
    bl deepfault
    leave_ret
1:  mov x9, #0
    .globl fault_here
fault_here:
    ldr x9, [x9, #16]
    brk #1

/* The deferred closure {drecover, &r}: if recover() != nil { *r = 42;
 * println("recovered:", err.Error()) }. */
func drecover
    enter drecover, 48
    str x26, [x29, #-8]
    add x0, x29, #16
    rtcall rgo_gorecover
    cbz x0, 1f
    str x1, [x29, #-16]
    ldr x9, [x29, #-8]
    ldr x9, [x9, #8]
    mov x10, #42
    str x10, [x9]
    ldr x9, [x0, #40]           /* uncommon */
    ldr x9, [x9, #16]           /* methods */
    ldr x26, [x9, #24]          /* Error's func value */
    ldr x0, [x29, #-16]
    ldr x16, [x26]
    blr x16
    stp x0, x1, [x29, #-32]
    print_lit s_rec
    ldp x0, x1, [x29, #-32]
    rtcall rgo_print_string
    print_end
1:  leave_ret

/* func f2() (r int) { defer drecover(&r); deepfault(n); r = 7; return } */
func f2
    enter f2, 48
    str xzr, [x29, #-8]
    mov x0, #16
    mov x1, #0
    rtcall rgo_alloc
    adrp x9, drecover
    add x9, x9, :lo12:drecover
    str x9, [x0]
    sub x9, x29, #8
    str x9, [x0, #8]
    mov x1, x29
    adr x2, .Lf2_landing
    rtcall rgo_deferproc
    ldr x0, =20000
    bl deepfault
    mov x9, #7
    str x9, [x29, #-8]
    mov x0, x29
    rtcall rgo_deferreturn
    ldr x0, [x29, #-8]
    leave_ret
.Lf2_landing:
    sub sp, x29, #48
    mov x0, x29
    rtcall rgo_deferreturn
    ldr x0, [x29, #-8]
    leave_ret

#ifdef MAIN_GOROUTINES
/*
 * Goroutines (-DMAIN_GOROUTINES): main and a goroutine started with
 * rgo_newproc play ping-pong over two unbuffered channels 1000 times, so
 * each side parks and is resumed 1000 times (rgo_ctx_park/rgo_ctx_resume
 * must bring back X19, X28 and X29, which the code uses after each runtime
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
    str x26, [x29, #-8]
1:  ldr x9, [x29, #-8]
    ldr x0, [x9, #8]
    sub x1, x29, #16
    rtcall rgo_chanrecv
    ldr x10, [x29, #-16]
    tbnz x10, #63, 2f
    add x10, x10, #1
    str x10, [x29, #-24]
    ldr x9, [x29, #-8]
    ldr x0, [x9, #16]
    sub x1, x29, #24
    rtcall rgo_chansend
    b 1b
2:  leave_ret

/* A function with a stack check: a preemption point. */
func tick
    enter tick, 16
    leave_ret

/* The closure {spin}: for stop_flag == 0 { tick() } */
func spin
    enter spin, 16
1:  bl tick
    adrp x9, stop_flag
    ldr x9, [x9, :lo12:stop_flag]
    cbz x9, 1b
    leave_ret

/* The goroutine part of main; frame: a at -8, b at -16, v at -24, i at -32. */
func goroutines
    enter goroutines, 48
    adrp x0, elem8
    add x0, x0, :lo12:elem8
    mov x1, #0
    rtcall rgo_makechan
    str x0, [x29, #-8]
    adrp x0, elem8
    add x0, x0, :lo12:elem8
    mov x1, #0
    rtcall rgo_makechan
    str x0, [x29, #-16]
    mov x0, #24
    mov x1, #0
    rtcall rgo_alloc
    adrp x9, pong
    add x9, x9, :lo12:pong
    str x9, [x0]
    ldr x9, [x29, #-8]
    str x9, [x0, #8]
    ldr x9, [x29, #-16]
    str x9, [x0, #16]
    rtcall rgo_newproc
    str xzr, [x29, #-24]
    str xzr, [x29, #-32]
1:  ldr x0, [x29, #-8]
    sub x1, x29, #24
    rtcall rgo_chansend
    ldr x0, [x29, #-16]
    sub x1, x29, #24
    rtcall rgo_chanrecv
    ldr x9, [x29, #-32]
    add x9, x9, #1
    str x9, [x29, #-32]
    cmp x9, #1000
    b.lo 1b
    print_lit s_pp
    ldr x0, [x29, #-24]
    print_int x0
    print_end
    /* Stop pong: send -1. */
    mov x9, #-1
    str x9, [x29, #-24]
    ldr x0, [x29, #-8]
    sub x1, x29, #24
    rtcall rgo_chansend
    /* Spin, yield to it, get back by preemption. */
    adrp x0, spin_closure
    add x0, x0, :lo12:spin_closure
    rtcall rgo_newproc
    rtcall rgo_gosched
    adrp x9, stop_flag
    mov x10, #1
    str x10, [x9, :lo12:stop_flag]
    /* Let the spinner and pong finish. */
    rtcall rgo_gosched
    rtcall rgo_gosched
    print_lit s_pre
    rtcall rgo_numgoroutine
    print_int x0
    print_end
    leave_ret
#endif

func rgo.main
    enter rgo.main, 48
#ifdef MAIN_GOROUTINES
    bl goroutines
    leave_ret
#endif
#ifdef MAIN_FAULTS
    mov x9, #0
    .globl main_fault
main_fault:
    ldr x9, [x9, #8]
#endif
#ifdef MAIN_BREAKS
    rtcall rgo_breakpoint
#endif
    ldr x9, [x28, #RGO_G_STACK_LO]
    str x9, [x29, #-8]
    ldr x0, =100000
    bl sum
    str x0, [x29, #-16]
    print_lit s_sum
    ldr x0, [x29, #-16]
    print_int x0
    print_end
    .rept 2
    bl f2
    str x0, [x29, #-16]
    print_lit s_f2
    ldr x0, [x29, #-16]
    print_int x0
    print_end
    .endr
    print_lit s_first
    ldr x9, [x28, #RGO_G_STACK_LO]
    ldr x10, [x29, #-8]
    cmp x9, x10
    cset x0, eq
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
