/*
 * runtime/arm64_entry.S - the process entry of programs built by rgo
 * (static ELF executables on AArch64 Linux, no C library).
 *
 * Kept apart from arm64.S: this object refers to the program's rgo.main,
 * which only compiled Go programs define, and defines _start, which every
 * C-library program already has. The linker pulls it out of the archive
 * only for an undefined _start, i.e. only when linking a Go program.
 */

#include "rgo_asm.h"

/*
 * _start                                            [ELF process entry]
 *
 * Entry: SP = address of argc, followed by argv[0..argc], NULL, envp...,
 *        NULL, then the auxiliary vector (the kernel's initial stack);
 *        SP is 16-aligned; X0 = a function to register with atexit
 *        (0 for a static executable: ignored); X29, X30 undefined.
 * Exit:  never returns: rgo_rt_start runs the program and exits.
 *
 * Calls rgo_rt_start(X0 = initial SP, X1 = &rgo.main) with X29 = X30 = 0
 * (the end of the frame-record chain).
 */
    .section .text._start, "ax", @progbits
    .globl _start
    .type _start, @function
    .p2align 4
_start:
    .cfi_startproc
    .cfi_undefined x30
    mov x29, #0
    mov x30, #0
    mov x0, sp
    adrp x1, rgo.main
    add x1, x1, :lo12:rgo.main
    bl rgo_rt_start
    brk #1                          /* rgo_rt_start does not return */
    .cfi_endproc
rgo_endfunc _start

    .section .note.GNU-stack, "", @progbits
