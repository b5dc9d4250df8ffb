/*
 * runtime/riscv64_entry.S - the process entry of programs built by rgo
 * (static ELF executables on RISC-V 64 Linux, no C library).
 *
 * Kept apart from riscv64.S: this object refers to the program's rgo.main,
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
 *        a0 = a function to register with atexit (0 for a static
 *        executable: ignored); gp, ra, s0 undefined.
 * Exit:  never returns: rgo_rt_start runs the program and exits.
 *
 * Sets gp to __global_pointer$ (the linker relaxes accesses to small data
 * into gp-relative ones; no relaxation may apply to setting gp itself),
 * then calls rgo_rt_start(a0 = initial SP, a1 = &rgo.main) with ra = s0 =
 * s9 = 0 (the ends of the frame chains) and SP 16-aligned.
 */
    .section .text._start, "ax", @progbits
    .globl _start
    .type _start, @function
    .p2align 4
_start:
    .cfi_startproc
    .cfi_undefined ra
    .option push
    .option norelax
    lla gp, __global_pointer$
    .option pop
    li ra, 0
    li s0, 0
    li s9, 0
    mv a0, sp
    lla a1, rgo.main
    andi sp, sp, -16
    call rgo_rt_start
    unimp                           /* rgo_rt_start does not return */
    .cfi_endproc
rgo_endfunc _start

    .section .note.GNU-stack, "", @progbits
