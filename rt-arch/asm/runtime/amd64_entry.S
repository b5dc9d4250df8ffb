/*
 * runtime/amd64_entry.S - the process entry of programs built by rgo (static ELF
 * executables on x86-64 Linux, no C library).
 *
 * Kept apart from amd64.S: this object refers to the program's rgo.main,
 * which only compiled Go programs define, and defines _start, which every
 * C-library program already has. The linker pulls it out of the archive
 * only for an undefined _start, i.e. only when linking a Go program.
 *
 * Intel syntax, GNU as, preprocessed by the C compiler.
 */

#include "rgo_asm.h"

    .intel_syntax noprefix

/*
 * _start                                            [ELF process entry]
 *
 * Entry: RSP = address of argc, followed by argv[0..argc], NULL, envp...,
 *        NULL, then the auxiliary vector (the kernel's initial stack);
 *        RSP is 16-aligned; RDX = a function to register with atexit
 *        (always 0 for a static executable: ignored); RBP undefined.
 * Exit:  never returns: rgo_rt_start runs the program and exits.
 *
 * Calls rgo_rt_start(RDI = initial RSP, RSI = &rgo.main) with RBP = 0
 * (the end of the frame-pointer chain) and RSP 16-aligned at the call.
 */
    .section .text._start, "ax", @progbits
    .globl _start
    .type _start, @function
    .p2align 4
_start:
    .cfi_startproc
    .cfi_undefined rip
    xor ebp, ebp
    mov rdi, rsp
    lea rsi, [rip + rgo.main]
    and rsp, -16
    call rgo_rt_start
    ud2                             /* rgo_rt_start does not return */
    .cfi_endproc
rgo_endfunc _start

    .section .note.GNU-stack, "", @progbits
