/*
 * runtime/arm64_virt_entry.S - the reset entry of programs built by rgo for
 * qemu's arm64 `virt` board (`--target virt-arm64`, docs/boards.md).
 *
 * qemu loads the ELF image at its link address (RAM from 0x40000000, the
 * linker script's) and starts it at _start in EL1 with the MMU and caches
 * off. With the MMU off every access is a Device access, which may not be
 * unaligned and which the code Rust and rgo generate does not expect, so
 * the first thing is an identity map:
 *
 *   virtual = physical        level 1 (1 GiB)        level 2 (2 MiB)
 *   0x0000_0000-0x3fff_ffff   -> table ----------->  [0] invalid: page 0 faults
 *                                                     [1..511] device (UART...)
 *   0x4000_0000-0x7fff_ffff   normal memory, write-back (RAM)
 *   beyond                    invalid
 *
 * Registers: MAIR_EL1 attribute 0 = Device-nGnRnE, 1 = Normal write-back;
 * TCR_EL1: 4 KiB granule, 39-bit addresses (walks start at level 1), no
 * TTBR1 walks, 36-bit physical addresses.
 */

#include "rgo_asm.h"

#define MAIR_VALUE 0xff00
#define TCR_VALUE ((25) | (1 << 8) | (1 << 10) | (3 << 12) | (1 << 23) | (1 << 32))
/* Block descriptors: valid block (0b01), access flag, attribute index. */
#define DEVICE_BLOCK ((1 << 0) | (1 << 10) | (0 << 2) | (1 << 53) | (1 << 54))
#define NORMAL_BLOCK ((1 << 0) | (1 << 10) | (1 << 2) | (3 << 8))
#define TABLE_DESC 3

/*
 * _start                                            [reset entry]
 *
 * Entry: EL1, MMU off; X0 = the device tree's address (unused); SP, X29,
 *        X30 undefined.
 * Exit:  never returns: rgo_rt_start runs the program and ends the
 *        emulation.
 *
 * Enables FP/SIMD, clears .bss (before the tables in it are written),
 * builds the identity map and turns the MMU and caches on, installs the
 * exception vectors, then calls rgo_rt_start(X0 = 0: no initial process
 * stack, X1 = &rgo.main) on the boot stack (SP_EL0; SP_EL1 is the
 * exception stack) with X29 = X30 = 0.
 */
    .section .text._start, "ax", @progbits
    .globl _start
    .type _start, @function
    .p2align 4
_start:
    mov x0, #(3 << 20)              /* CPACR_EL1.FPEN: no FP/SIMD traps */
    msr cpacr_el1, x0
    isb
    /* Exceptions run on SP_EL1, the exception stack (the boot stack's
     * lowest 16 KiB); everything else on SP_EL0, the boot stack above. */
    adrp x0, __rgo_boot_stack_lo
    add x0, x0, :lo12:__rgo_boot_stack_lo
    add x0, x0, #(16 << 10)
    mov sp, x0
    msr spsel, #0
    adrp x0, __rgo_boot_stack_hi
    add x0, x0, :lo12:__rgo_boot_stack_hi
    mov sp, x0
    adrp x0, __bss_start
    add x0, x0, :lo12:__bss_start
    adrp x1, __bss_end
    add x1, x1, :lo12:__bss_end
1:  cmp x0, x1
    b.hs 2f
    str xzr, [x0], #8
    b 1b
2:
    /* Level 2 for the first GiB: entry 0 stays invalid, 1..511 device. */
    adrp x0, rgo_board_l2
    mov x1, #1
    ldr x3, =DEVICE_BLOCK
3:  lsl x2, x1, #21
    orr x2, x2, x3
    str x2, [x0, x1, lsl #3]
    add x1, x1, #1
    cmp x1, #512
    b.lo 3b
    /* Level 1: [0] -> level 2, [1] RAM. */
    adrp x1, rgo_board_l1
    orr x2, x0, #TABLE_DESC
    str x2, [x1]
    mov x2, #0x40000000
    ldr x3, =NORMAL_BLOCK
    orr x2, x2, x3
    str x2, [x1, #8]
    dsb sy
    mov x0, #MAIR_VALUE
    msr mair_el1, x0
    ldr x0, =TCR_VALUE
    msr tcr_el1, x0
    msr ttbr0_el1, x1
    isb
    tlbi vmalle1
    dsb sy
    isb
    mrs x0, sctlr_el1
    orr x0, x0, #(1 << 0)           /* M: the MMU */
    orr x0, x0, #(1 << 2)           /* C: data cache */
    orr x0, x0, #(1 << 12)          /* I: instruction cache */
    bic x0, x0, #(1 << 1)           /* A: no alignment checks */
    msr sctlr_el1, x0
    isb
    adrp x0, rgo_board_vectors
    add x0, x0, :lo12:rgo_board_vectors
    msr vbar_el1, x0
    isb
    mov x29, #0
    mov x30, #0
    mov x0, #0
    adrp x1, rgo.main
    add x1, x1, :lo12:rgo.main
    bl rgo_rt_start
    brk #1                          /* rgo_rt_start does not return */
rgo_endfunc _start

/*
 * rgo_board_vectors                                 [VBAR_EL1 table]
 *
 * Sixteen entries of 128 bytes (current EL with SP_EL0 - where all code
 * runs -, current EL with SP_ELx - an exception in the handler -, lower
 * EL AArch64, lower EL AArch32; each synchronous, IRQ, FIQ, SError). The
 * CPU has switched to SP_EL1, the exception stack. Each entry opens the
 * frame below, saves X0 and X1, and enters rgo_board_vector with X0 = its
 * index.
 *
 * The frame, laid out as Linux's arm64 ucontext_t where the runtime reads
 * it (rt-core's arch::UCONTEXT_*), so that a nil dereference takes the
 * path of a SIGSEGV:
 *
 *   SP_EL1 + 992  +-----------------------+
 *                 | FPCR, FPSR            |  984, 976
 *                 | Q31 ... Q0            |  464 + 16 n
 *                 | (unused)              |  456
 *                 | SPSR_EL1              |  448
 *                 | PC (ELR_EL1)          |  440  UCONTEXT_PC
 *                 | SP (SP_EL0)           |  432  UCONTEXT_SP
 *                 | X30 ... X0            |  184 + 8 n
 *                 | (unused)              |
 *   SP_EL1 + 0    +-----------------------+
 */
#define FRAME_SIZE 992
#define REGS 184
#define FPREGS 464

    .section .text.rgo_board_vectors, "ax", @progbits
    .p2align 11
    .globl rgo_board_vectors
rgo_board_vectors:
    .irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    .p2align 7
    sub sp, sp, #FRAME_SIZE
    stp x0, x1, [sp, #REGS]
    mov x0, #\n
    b rgo_board_vector
    .endr

/*
 * rgo_board_vector                                  [exception]
 *
 * Entry: SP_EL1 = the frame (X0, X1 saved); X0 = the vector's index; every
 *        other register the interrupted code's.
 * Exit:  the interrupted code resumes from the frame (possibly rewritten:
 *        a nil dereference in Go code resumes in rgo_sigpanic), or never.
 *
 * Saves X2-X30, SP_EL0, ELR_EL1, SPSR_EL1 and the FP/SIMD registers (an
 * interrupt may stop code in the middle of using them, and the Rust
 * handler may use them too) in the frame, calls
 * rgo_board_trap(X0 = index, X1 = ESR_EL1, X2 = the frame, X3 = FAR_EL1),
 * then restores all of them and returns with ERET.
 */
    .p2align 4
rgo_board_vector:
    stp x2, x3, [sp, #(REGS + 2 * 8)]
    stp x4, x5, [sp, #(REGS + 4 * 8)]
    stp x6, x7, [sp, #(REGS + 6 * 8)]
    stp x8, x9, [sp, #(REGS + 8 * 8)]
    stp x10, x11, [sp, #(REGS + 10 * 8)]
    stp x12, x13, [sp, #(REGS + 12 * 8)]
    stp x14, x15, [sp, #(REGS + 14 * 8)]
    stp x16, x17, [sp, #(REGS + 16 * 8)]
    stp x18, x19, [sp, #(REGS + 18 * 8)]
    stp x20, x21, [sp, #(REGS + 20 * 8)]
    stp x22, x23, [sp, #(REGS + 22 * 8)]
    stp x24, x25, [sp, #(REGS + 24 * 8)]
    stp x26, x27, [sp, #(REGS + 26 * 8)]
    stp x28, x29, [sp, #(REGS + 28 * 8)]
    str x30, [sp, #(REGS + 30 * 8)]
    mrs x1, sp_el0
    str x1, [sp, #432]
    mrs x1, elr_el1
    str x1, [sp, #440]
    mrs x1, spsr_el1
    str x1, [sp, #448]
    stp q0, q1, [sp, #(FPREGS + 0 * 16)]
    stp q2, q3, [sp, #(FPREGS + 2 * 16)]
    stp q4, q5, [sp, #(FPREGS + 4 * 16)]
    stp q6, q7, [sp, #(FPREGS + 6 * 16)]
    stp q8, q9, [sp, #(FPREGS + 8 * 16)]
    stp q10, q11, [sp, #(FPREGS + 10 * 16)]
    stp q12, q13, [sp, #(FPREGS + 12 * 16)]
    stp q14, q15, [sp, #(FPREGS + 14 * 16)]
    stp q16, q17, [sp, #(FPREGS + 16 * 16)]
    stp q18, q19, [sp, #(FPREGS + 18 * 16)]
    stp q20, q21, [sp, #(FPREGS + 20 * 16)]
    stp q22, q23, [sp, #(FPREGS + 22 * 16)]
    stp q24, q25, [sp, #(FPREGS + 24 * 16)]
    stp q26, q27, [sp, #(FPREGS + 26 * 16)]
    stp q28, q29, [sp, #(FPREGS + 28 * 16)]
    stp q30, q31, [sp, #(FPREGS + 30 * 16)]
    mrs x1, fpsr
    str x1, [sp, #976]
    mrs x1, fpcr
    str x1, [sp, #984]
    mrs x1, esr_el1
    mov x2, sp
    mrs x3, far_el1
    mov x29, #0
    bl rgo_board_trap
    ldp q0, q1, [sp, #(FPREGS + 0 * 16)]
    ldp q2, q3, [sp, #(FPREGS + 2 * 16)]
    ldp q4, q5, [sp, #(FPREGS + 4 * 16)]
    ldp q6, q7, [sp, #(FPREGS + 6 * 16)]
    ldp q8, q9, [sp, #(FPREGS + 8 * 16)]
    ldp q10, q11, [sp, #(FPREGS + 10 * 16)]
    ldp q12, q13, [sp, #(FPREGS + 12 * 16)]
    ldp q14, q15, [sp, #(FPREGS + 14 * 16)]
    ldp q16, q17, [sp, #(FPREGS + 16 * 16)]
    ldp q18, q19, [sp, #(FPREGS + 18 * 16)]
    ldp q20, q21, [sp, #(FPREGS + 20 * 16)]
    ldp q22, q23, [sp, #(FPREGS + 22 * 16)]
    ldp q24, q25, [sp, #(FPREGS + 24 * 16)]
    ldp q26, q27, [sp, #(FPREGS + 26 * 16)]
    ldp q28, q29, [sp, #(FPREGS + 28 * 16)]
    ldp q30, q31, [sp, #(FPREGS + 30 * 16)]
    ldr x1, [sp, #976]
    msr fpsr, x1
    ldr x1, [sp, #984]
    msr fpcr, x1
    ldr x1, [sp, #448]
    msr spsr_el1, x1
    ldr x1, [sp, #440]
    msr elr_el1, x1
    ldr x1, [sp, #432]
    msr sp_el0, x1
    ldp x2, x3, [sp, #(REGS + 2 * 8)]
    ldp x4, x5, [sp, #(REGS + 4 * 8)]
    ldp x6, x7, [sp, #(REGS + 6 * 8)]
    ldp x8, x9, [sp, #(REGS + 8 * 8)]
    ldp x10, x11, [sp, #(REGS + 10 * 8)]
    ldp x12, x13, [sp, #(REGS + 12 * 8)]
    ldp x14, x15, [sp, #(REGS + 14 * 8)]
    ldp x16, x17, [sp, #(REGS + 16 * 8)]
    ldp x18, x19, [sp, #(REGS + 18 * 8)]
    ldp x20, x21, [sp, #(REGS + 20 * 8)]
    ldp x22, x23, [sp, #(REGS + 22 * 8)]
    ldp x24, x25, [sp, #(REGS + 24 * 8)]
    ldp x26, x27, [sp, #(REGS + 26 * 8)]
    ldp x28, x29, [sp, #(REGS + 28 * 8)]
    ldr x30, [sp, #(REGS + 30 * 8)]
    ldp x0, x1, [sp, #REGS]
    add sp, sp, #FRAME_SIZE
    eret

/* The identity map's tables (cleared with .bss before they are written). */
    .section .bss.rgo_board_tables, "aw", @nobits
    .p2align 12
rgo_board_l1:
    .zero 4096
rgo_board_l2:
    .zero 4096

    .section .note.GNU-stack, "", @progbits
