/*
 * amd64.S - rt-core's transitions between the Rust runtime (C ABI) and Go
 * code (ABIInternal) on x86-64 Linux.
 *
 * Go's ABIInternal fixes two registers that the C ABI does not know about:
 *   R14  the current goroutine (a G*)          callee-saved in the C ABI too
 *   X15  always zero                           caller-saved scratch in C
 * Code entering Go from Rust must set both; Rust code called from Go keeps
 * R14 (callee-saved) and the compiled caller re-zeroes X15 afterwards.
 *
 * Intel syntax, GNU as, preprocessed by the C compiler. The macros come from
 * rt-arch's asm/ directory.
 */

#include "rgo_asm.h"
#include "amd64_c_frame.h"

    .intel_syntax noprefix

/*
 * Opens a global function in a section of its own, so that the linker's
 * --gc-sections keeps only the routines a program uses (rgo_reflectcall_g
 * pulls in rt-arch's whole reflectcall family).
 */
.macro rt_func name
    .section .text.\name, "ax", @progbits
    .globl \name
    .type \name, @function
    .p2align 4
\name:
.endm

/*
 * void rgo_enter_go(G *g, const void *entry)                   [C ABI]
 *
 * Entry: RDI = g, the goroutine Go code runs as;
 *        RSI = code address of an ABIInternal function with no arguments
 *              and no results (the program's rgo.main);
 *        RSP = 8 mod 16.
 * Exit:  RBX RBP R12-R15 and RSP as on entry; every other register
 *        clobbered (Go code may destroy all but RSP, RBP and R14).
 *
 * Calls entry with R14 = g, X15 = 0, RDX = 0 (no closure context) and
 * RSP 16-aligned at the call, as the C ABI would align it.
 *
 *     +-------------------------+ <- entry RSP + 8
 *     | return address          |
 *     | saved RBP               | <- RBP
 *     | saved RBX               |
 *     | saved R12               |
 *     | saved R13               |
 *     | saved R14               |
 *     | saved R15               |
 *     | padding                 |
 *     +-------------------------+ <- RSP at `call rsi` (16-aligned)
 */
rt_func rgo_enter_go
    .cfi_startproc
    save_c_callee_saved
    mov r14, rdi
    xorps xmm15, xmm15
    xor edx, edx
    call rsi
    restore_c_callee_saved
    ret
    .cfi_endproc
rgo_endfunc rgo_enter_go

/*
 * void rgo_reflectcall_g(const rgo_call_frame *frame, G *g)    [C ABI]
 *
 * Entry: RDI = frame (as for rt-arch's rgo_reflectcall), RSI = g;
 *        RSP = 8 mod 16.
 * Exit:  as rgo_reflectcall (results in *frame->regs and the stack area);
 *        R14 restored, RBX RBP R12 R13 R15 preserved by rgo_reflectcall.
 *
 * rgo_reflectcall passes R14 through to the Go callee untouched; Rust code
 * may hold anything in R14, so runtime calls into Go go through here to
 * give the callee its goroutine.
 *
 *     | return address |
 *     | saved R14      | <- RSP at `call rgo_reflectcall` (16-aligned)
 */
rt_func rgo_reflectcall_g
    .cfi_startproc
    push r14
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset r14, 0
    mov r14, rsi
    call rgo_reflectcall
    pop r14
    .cfi_adjust_cfa_offset -8
    .cfi_restore r14
    ret
    .cfi_endproc
rgo_endfunc rgo_reflectcall_g

/*
 * rgo_sigreturn                                [signal handler restorer]
 *
 * Entry: RSP = the signal frame the kernel built (the handler's return
 *        address popped): the saved context of the interrupted code.
 * Exit:  does not return here: rt_sigreturn resumes the interrupted code
 *        with every register from the saved context.
 *
 * The x86-64 kernel requires a restorer (SA_RESTORER) for every handler.
 */
rt_func rgo_sigreturn
    .cfi_startproc
    mov eax, 15                     /* __NR_rt_sigreturn */
    syscall
    ud2
    .cfi_endproc
rgo_endfunc rgo_sigreturn

    .section .note.GNU-stack, "", @progbits
