/*
 * amd64_c_frame.h - saving the C callee-saved registers (RBP, RBX,
 * R12-R15) around code that calls Go, which may clobber all of them but
 * RSP, RBP and R14. Shared by amd64.S (rgo_reflectcall) and
 * fixtures/amd64.S (its test harness). Intel syntax.
 *
 * Entered with RSP = 8 mod 16 (just after a call), save_c_callee_saved
 * leaves RSP 16-aligned and RBP pointing at the saved RBP:
 *
 *     | return address |
 *     | saved RBP      | <- RBP
 *     | saved RBX      |
 *     | saved R12      |
 *     | saved R13      |
 *     | saved R14      |
 *     | saved R15      |
 *     | padding        | <- RSP (16-aligned)
 */
#ifndef RGO_AMD64_C_FRAME_H
#define RGO_AMD64_C_FRAME_H

.macro save_c_callee_saved
    push rbp
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset rbp, 0
    mov rbp, rsp
    push rbx
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset rbx, 0
    push r12
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset r12, 0
    push r13
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset r13, 0
    push r14
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset r14, 0
    push r15
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset r15, 0
    sub rsp, 8
    .cfi_adjust_cfa_offset 8
.endm

/* Undoes save_c_callee_saved; RSP must be where it left it. */
.macro restore_c_callee_saved
    add rsp, 8
    .cfi_adjust_cfa_offset -8
    pop r15
    .cfi_adjust_cfa_offset -8
    .cfi_restore r15
    pop r14
    .cfi_adjust_cfa_offset -8
    .cfi_restore r14
    pop r13
    .cfi_adjust_cfa_offset -8
    .cfi_restore r13
    pop r12
    .cfi_adjust_cfa_offset -8
    .cfi_restore r12
    pop rbx
    .cfi_adjust_cfa_offset -8
    .cfi_restore rbx
    pop rbp
    .cfi_adjust_cfa_offset -8
    .cfi_restore rbp
.endm

#endif /* RGO_AMD64_C_FRAME_H */
