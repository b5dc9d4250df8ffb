/*
 * runtime/riscv64_virt_entry.S - the reset entry of programs built by rgo
 * for qemu's riscv64 `virt` board (`--target virt-riscv64`, docs/boards.md).
 *
 * qemu (-bios none) loads the ELF image at its link address (RAM from
 * 0x80000000, the linker script's) and starts every hart at _start in
 * M-mode, with no MMU (M-mode translates nothing) and no firmware.
 */

#include "rgo_asm.h"

/*
 * _start                                            [reset entry]
 *
 * Entry: M-mode; A0 = the hart's id, A1 = the device tree's address
 *        (unused); SP, RA, GP undefined.
 * Exit:  never returns: rgo_rt_start runs the program and ends the
 *        emulation.
 *
 * Parks every hart but hart 0 (the runtime runs on one), enables the FPU
 * (mstatus.FS = Initial), sets GP, the boot stack, the exception stack
 * (MSCRATCH) and the trap vector,
 * clears .bss, then calls rgo_rt_start(A0 = 0: no initial process stack,
 * A1 = &rgo.main) with RA = S0 = 0.
 */
    .section .text._start, "ax", @progbits
    .globl _start
    .type _start, @function
    .p2align 4
_start:
    csrr t0, mhartid
    bnez t0, 3f
    li t0, (1 << 13)
    csrs mstatus, t0
    csrw fcsr, zero
    .option push
    .option norelax
    lla gp, __global_pointer$
    .option pop
    lla sp, __rgo_boot_stack_hi
    /* Traps run on the exception stack (the boot stack's lowest 16 KiB),
     * whose top mscratch holds. */
    lla t0, __rgo_boot_stack_lo
    li t1, (16 << 10)
    add t0, t0, t1
    csrw mscratch, t0
    lla t0, rgo_board_vector
    csrw mtvec, t0
    lla t0, __bss_start
    lla t1, __bss_end
1:  bgeu t0, t1, 2f
    sd zero, 0(t0)
    addi t0, t0, 8
    j 1b
2:  li ra, 0
    li s0, 0
    li s9, 0
    li a0, 0
    lla a1, rgo.main
    call rgo_rt_start
    unimp                           /* rgo_rt_start does not return */
3:  wfi
    j 3b
rgo_endfunc _start

/*
 * rgo_board_vector                                  [mtvec, direct mode]
 *
 * Entry: a trap from M-mode code; MCAUSE, MEPC, MTVAL say which, where
 *        and at what address; MSCRATCH = the exception stack's top.
 * Exit:  the interrupted code resumes from the frame (possibly rewritten:
 *        a nil dereference in Go code resumes in rgo_sigpanic), or never.
 *
 * Swaps SP with MSCRATCH, saves the registers in the frame below (the FP
 * registers and FCSR too: an interrupt may stop code in the middle of
 * using them, and the Rust handler may use them), calls
 * rgo_board_trap(A0 = 0, A1 = MCAUSE, A2 = the frame, A3 = MTVAL) (a trap
 * inside it nests below the frame), then restores everything and MRETs.
 *
 * The frame, laid out as Linux's riscv64 ucontext_t where the runtime
 * reads it (rt-core's arch::UCONTEXT_*), so that a nil dereference takes
 * the path of a SIGSEGV:
 *
 *   frame + 704  +-----------------------+
 *                | (unused)              |  696
 *                | FCSR                  |  688
 *                | F31 ... F0            |  432 + 8 n
 *                | X31 ... X1            |  176 + 8 n (X2 = the interrupted SP)
 *                | PC (MEPC)             |  176  UCONTEXT_PC
 *                | (unused)              |
 *   frame + 0    +-----------------------+
 */
#define FRAME_SIZE 704
#define REGS 176
#define FPREGS 432

    .section .text.rgo_board_vector, "ax", @progbits
    .p2align 4
rgo_board_vector:
    csrrw sp, mscratch, sp
    addi sp, sp, -FRAME_SIZE
    sd x1, (REGS + 1 * 8)(sp)
    sd x3, (REGS + 3 * 8)(sp)
    sd x4, (REGS + 4 * 8)(sp)
    sd x5, (REGS + 5 * 8)(sp)
    sd x6, (REGS + 6 * 8)(sp)
    sd x7, (REGS + 7 * 8)(sp)
    sd x8, (REGS + 8 * 8)(sp)
    sd x9, (REGS + 9 * 8)(sp)
    sd x10, (REGS + 10 * 8)(sp)
    sd x11, (REGS + 11 * 8)(sp)
    sd x12, (REGS + 12 * 8)(sp)
    sd x13, (REGS + 13 * 8)(sp)
    sd x14, (REGS + 14 * 8)(sp)
    sd x15, (REGS + 15 * 8)(sp)
    sd x16, (REGS + 16 * 8)(sp)
    sd x17, (REGS + 17 * 8)(sp)
    sd x18, (REGS + 18 * 8)(sp)
    sd x19, (REGS + 19 * 8)(sp)
    sd x20, (REGS + 20 * 8)(sp)
    sd x21, (REGS + 21 * 8)(sp)
    sd x22, (REGS + 22 * 8)(sp)
    sd x23, (REGS + 23 * 8)(sp)
    sd x24, (REGS + 24 * 8)(sp)
    sd x25, (REGS + 25 * 8)(sp)
    sd x26, (REGS + 26 * 8)(sp)
    sd x27, (REGS + 27 * 8)(sp)
    sd x28, (REGS + 28 * 8)(sp)
    sd x29, (REGS + 29 * 8)(sp)
    sd x30, (REGS + 30 * 8)(sp)
    sd x31, (REGS + 31 * 8)(sp)
    fsd f0, (FPREGS + 0 * 8)(sp)
    fsd f1, (FPREGS + 1 * 8)(sp)
    fsd f2, (FPREGS + 2 * 8)(sp)
    fsd f3, (FPREGS + 3 * 8)(sp)
    fsd f4, (FPREGS + 4 * 8)(sp)
    fsd f5, (FPREGS + 5 * 8)(sp)
    fsd f6, (FPREGS + 6 * 8)(sp)
    fsd f7, (FPREGS + 7 * 8)(sp)
    fsd f8, (FPREGS + 8 * 8)(sp)
    fsd f9, (FPREGS + 9 * 8)(sp)
    fsd f10, (FPREGS + 10 * 8)(sp)
    fsd f11, (FPREGS + 11 * 8)(sp)
    fsd f12, (FPREGS + 12 * 8)(sp)
    fsd f13, (FPREGS + 13 * 8)(sp)
    fsd f14, (FPREGS + 14 * 8)(sp)
    fsd f15, (FPREGS + 15 * 8)(sp)
    fsd f16, (FPREGS + 16 * 8)(sp)
    fsd f17, (FPREGS + 17 * 8)(sp)
    fsd f18, (FPREGS + 18 * 8)(sp)
    fsd f19, (FPREGS + 19 * 8)(sp)
    fsd f20, (FPREGS + 20 * 8)(sp)
    fsd f21, (FPREGS + 21 * 8)(sp)
    fsd f22, (FPREGS + 22 * 8)(sp)
    fsd f23, (FPREGS + 23 * 8)(sp)
    fsd f24, (FPREGS + 24 * 8)(sp)
    fsd f25, (FPREGS + 25 * 8)(sp)
    fsd f26, (FPREGS + 26 * 8)(sp)
    fsd f27, (FPREGS + 27 * 8)(sp)
    fsd f28, (FPREGS + 28 * 8)(sp)
    fsd f29, (FPREGS + 29 * 8)(sp)
    fsd f30, (FPREGS + 30 * 8)(sp)
    fsd f31, (FPREGS + 31 * 8)(sp)
    frcsr t0
    sd t0, (FPREGS + 32 * 8)(sp)
    csrr t0, mscratch
    sd t0, (REGS + 2 * 8)(sp)
    csrr t0, mepc
    sd t0, REGS(sp)
    csrw mscratch, sp
    li a0, 0
    csrr a1, mcause
    mv a2, sp
    csrr a3, mtval
    li s0, 0
    call rgo_board_trap
    fld f0, (FPREGS + 0 * 8)(sp)
    fld f1, (FPREGS + 1 * 8)(sp)
    fld f2, (FPREGS + 2 * 8)(sp)
    fld f3, (FPREGS + 3 * 8)(sp)
    fld f4, (FPREGS + 4 * 8)(sp)
    fld f5, (FPREGS + 5 * 8)(sp)
    fld f6, (FPREGS + 6 * 8)(sp)
    fld f7, (FPREGS + 7 * 8)(sp)
    fld f8, (FPREGS + 8 * 8)(sp)
    fld f9, (FPREGS + 9 * 8)(sp)
    fld f10, (FPREGS + 10 * 8)(sp)
    fld f11, (FPREGS + 11 * 8)(sp)
    fld f12, (FPREGS + 12 * 8)(sp)
    fld f13, (FPREGS + 13 * 8)(sp)
    fld f14, (FPREGS + 14 * 8)(sp)
    fld f15, (FPREGS + 15 * 8)(sp)
    fld f16, (FPREGS + 16 * 8)(sp)
    fld f17, (FPREGS + 17 * 8)(sp)
    fld f18, (FPREGS + 18 * 8)(sp)
    fld f19, (FPREGS + 19 * 8)(sp)
    fld f20, (FPREGS + 20 * 8)(sp)
    fld f21, (FPREGS + 21 * 8)(sp)
    fld f22, (FPREGS + 22 * 8)(sp)
    fld f23, (FPREGS + 23 * 8)(sp)
    fld f24, (FPREGS + 24 * 8)(sp)
    fld f25, (FPREGS + 25 * 8)(sp)
    fld f26, (FPREGS + 26 * 8)(sp)
    fld f27, (FPREGS + 27 * 8)(sp)
    fld f28, (FPREGS + 28 * 8)(sp)
    fld f29, (FPREGS + 29 * 8)(sp)
    fld f30, (FPREGS + 30 * 8)(sp)
    fld f31, (FPREGS + 31 * 8)(sp)
    ld t0, (FPREGS + 32 * 8)(sp)
    fscsr t0
    ld t0, REGS(sp)
    csrw mepc, t0
    addi t0, sp, FRAME_SIZE
    csrw mscratch, t0
    ld x1, (REGS + 1 * 8)(sp)
    ld x3, (REGS + 3 * 8)(sp)
    ld x4, (REGS + 4 * 8)(sp)
    ld x5, (REGS + 5 * 8)(sp)
    ld x6, (REGS + 6 * 8)(sp)
    ld x7, (REGS + 7 * 8)(sp)
    ld x8, (REGS + 8 * 8)(sp)
    ld x9, (REGS + 9 * 8)(sp)
    ld x10, (REGS + 10 * 8)(sp)
    ld x11, (REGS + 11 * 8)(sp)
    ld x12, (REGS + 12 * 8)(sp)
    ld x13, (REGS + 13 * 8)(sp)
    ld x14, (REGS + 14 * 8)(sp)
    ld x15, (REGS + 15 * 8)(sp)
    ld x16, (REGS + 16 * 8)(sp)
    ld x17, (REGS + 17 * 8)(sp)
    ld x18, (REGS + 18 * 8)(sp)
    ld x19, (REGS + 19 * 8)(sp)
    ld x20, (REGS + 20 * 8)(sp)
    ld x21, (REGS + 21 * 8)(sp)
    ld x22, (REGS + 22 * 8)(sp)
    ld x23, (REGS + 23 * 8)(sp)
    ld x24, (REGS + 24 * 8)(sp)
    ld x25, (REGS + 25 * 8)(sp)
    ld x26, (REGS + 26 * 8)(sp)
    ld x27, (REGS + 27 * 8)(sp)
    ld x28, (REGS + 28 * 8)(sp)
    ld x29, (REGS + 29 * 8)(sp)
    ld x30, (REGS + 30 * 8)(sp)
    ld x31, (REGS + 31 * 8)(sp)
    ld sp, (REGS + 2 * 8)(sp)
    mret

    .section .note.GNU-stack, "", @progbits
