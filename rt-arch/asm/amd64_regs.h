/*
 * amd64_regs.h - moving Go's argument registers to and from a register block
 * (rgo_reg_args, rgo_abi.h). Shared by amd64.S (rgo_spill_args,
 * rgo_reflectcall, rgo_make_func_stub) and runtime/amd64.S
 * (rgo_reflect_gostub), so the register order is written once.
 */
#ifndef RGO_AMD64_REGS_H
#define RGO_AMD64_REGS_H

/* Stores RAX RBX RCX RDI RSI R8 R9 R10 R11 to \base->ints[0..9]. */
.macro spill_ints base
    mov qword ptr [\base + RGO_REGS_INTS + 0 * 8], rax
    mov qword ptr [\base + RGO_REGS_INTS + 1 * 8], rbx
    mov qword ptr [\base + RGO_REGS_INTS + 2 * 8], rcx
    mov qword ptr [\base + RGO_REGS_INTS + 3 * 8], rdi
    mov qword ptr [\base + RGO_REGS_INTS + 4 * 8], rsi
    mov qword ptr [\base + RGO_REGS_INTS + 5 * 8], r8
    mov qword ptr [\base + RGO_REGS_INTS + 6 * 8], r9
    mov qword ptr [\base + RGO_REGS_INTS + 7 * 8], r10
    mov qword ptr [\base + RGO_REGS_INTS + 8 * 8], r11
.endm

/* Loads RAX RBX RCX RDI RSI R8 R9 R10 R11 from \base->ints[0..9]. */
.macro unspill_ints base
    mov rax, qword ptr [\base + RGO_REGS_INTS + 0 * 8]
    mov rbx, qword ptr [\base + RGO_REGS_INTS + 1 * 8]
    mov rcx, qword ptr [\base + RGO_REGS_INTS + 2 * 8]
    mov rdi, qword ptr [\base + RGO_REGS_INTS + 3 * 8]
    mov rsi, qword ptr [\base + RGO_REGS_INTS + 4 * 8]
    mov r8,  qword ptr [\base + RGO_REGS_INTS + 5 * 8]
    mov r9,  qword ptr [\base + RGO_REGS_INTS + 6 * 8]
    mov r10, qword ptr [\base + RGO_REGS_INTS + 7 * 8]
    mov r11, qword ptr [\base + RGO_REGS_INTS + 8 * 8]
.endm

/* Stores the low 8 bytes of X0-X14 to \base->floats[0..15]. */
.macro spill_floats base
    movsd qword ptr [\base + RGO_REGS_FLOATS +  0 * 8], xmm0
    movsd qword ptr [\base + RGO_REGS_FLOATS +  1 * 8], xmm1
    movsd qword ptr [\base + RGO_REGS_FLOATS +  2 * 8], xmm2
    movsd qword ptr [\base + RGO_REGS_FLOATS +  3 * 8], xmm3
    movsd qword ptr [\base + RGO_REGS_FLOATS +  4 * 8], xmm4
    movsd qword ptr [\base + RGO_REGS_FLOATS +  5 * 8], xmm5
    movsd qword ptr [\base + RGO_REGS_FLOATS +  6 * 8], xmm6
    movsd qword ptr [\base + RGO_REGS_FLOATS +  7 * 8], xmm7
    movsd qword ptr [\base + RGO_REGS_FLOATS +  8 * 8], xmm8
    movsd qword ptr [\base + RGO_REGS_FLOATS +  9 * 8], xmm9
    movsd qword ptr [\base + RGO_REGS_FLOATS + 10 * 8], xmm10
    movsd qword ptr [\base + RGO_REGS_FLOATS + 11 * 8], xmm11
    movsd qword ptr [\base + RGO_REGS_FLOATS + 12 * 8], xmm12
    movsd qword ptr [\base + RGO_REGS_FLOATS + 13 * 8], xmm13
    movsd qword ptr [\base + RGO_REGS_FLOATS + 14 * 8], xmm14
.endm

/* Loads X0-X14 (low 8 bytes; the rest is zeroed) from \base->floats. */
.macro unspill_floats base
    movsd xmm0,  qword ptr [\base + RGO_REGS_FLOATS +  0 * 8]
    movsd xmm1,  qword ptr [\base + RGO_REGS_FLOATS +  1 * 8]
    movsd xmm2,  qword ptr [\base + RGO_REGS_FLOATS +  2 * 8]
    movsd xmm3,  qword ptr [\base + RGO_REGS_FLOATS +  3 * 8]
    movsd xmm4,  qword ptr [\base + RGO_REGS_FLOATS +  4 * 8]
    movsd xmm5,  qword ptr [\base + RGO_REGS_FLOATS +  5 * 8]
    movsd xmm6,  qword ptr [\base + RGO_REGS_FLOATS +  6 * 8]
    movsd xmm7,  qword ptr [\base + RGO_REGS_FLOATS +  7 * 8]
    movsd xmm8,  qword ptr [\base + RGO_REGS_FLOATS +  8 * 8]
    movsd xmm9,  qword ptr [\base + RGO_REGS_FLOATS +  9 * 8]
    movsd xmm10, qword ptr [\base + RGO_REGS_FLOATS + 10 * 8]
    movsd xmm11, qword ptr [\base + RGO_REGS_FLOATS + 11 * 8]
    movsd xmm12, qword ptr [\base + RGO_REGS_FLOATS + 12 * 8]
    movsd xmm13, qword ptr [\base + RGO_REGS_FLOATS + 13 * 8]
    movsd xmm14, qword ptr [\base + RGO_REGS_FLOATS + 14 * 8]
.endm

#endif
