/*
 * riscv64_c_frame.h - saving the C callee-saved registers (ra, s0-s11,
 * fs0-fs11) around code that calls Go, which may clobber them. Shared by
 * riscv64.S (rgo_reflectcall) and fixtures/riscv64.S (its test harness).
 */
#ifndef RGO_RISCV64_C_FRAME_H
#define RGO_RISCV64_C_FRAME_H

/*
 * The C callee-saved registers, saved in a 208-byte frame:
 *
 *     +-----------+ <- SP + 208 (CFA)
 *     | padding   | SP + 200
 *     | fs0-fs11  | SP + 104 .. SP + 192
 *     | s0-s11    | SP + 8   .. SP + 96
 *     | ra        | SP + 0
 *     +-----------+ <- SP
 */
#define CSAVE_FRAME 208

.macro save_c_callee_saved
    addi sp, sp, -CSAVE_FRAME
    .cfi_adjust_cfa_offset CSAVE_FRAME
    sd ra, 0(sp)
    .cfi_rel_offset ra, 0
    .irp i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
    sd s\i, (8 + \i * 8)(sp)
    .cfi_rel_offset s\i, (8 + \i * 8)
    fsd fs\i, (104 + \i * 8)(sp)
    .cfi_rel_offset fs\i, (104 + \i * 8)
    .endr
.endm

.macro restore_c_callee_saved
    ld ra, 0(sp)
    .cfi_restore ra
    .irp i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
    ld s\i, (8 + \i * 8)(sp)
    .cfi_restore s\i
    fld fs\i, (104 + \i * 8)(sp)
    .cfi_restore fs\i
    .endr
    addi sp, sp, CSAVE_FRAME
    .cfi_adjust_cfa_offset -CSAVE_FRAME
.endm

#endif /* RGO_RISCV64_C_FRAME_H */
