/*
 * arm64_regs.h - moving Go's argument registers to and from a register block
 * (rgo_reg_args, rgo_abi.h). Shared by arm64.S (rgo_spill_args,
 * rgo_reflectcall, rgo_make_func_stub) and runtime/arm64.S
 * (rgo_reflect_gostub), so the register order is written once.
 */
#ifndef RGO_ARM64_REGS_H
#define RGO_ARM64_REGS_H

/* Stores R0-R15 to \base->ints[0..16]. */
.macro spill_ints base
    stp x0,  x1,  [\base, #(RGO_REGS_INTS +  0 * 8)]
    stp x2,  x3,  [\base, #(RGO_REGS_INTS +  2 * 8)]
    stp x4,  x5,  [\base, #(RGO_REGS_INTS +  4 * 8)]
    stp x6,  x7,  [\base, #(RGO_REGS_INTS +  6 * 8)]
    stp x8,  x9,  [\base, #(RGO_REGS_INTS +  8 * 8)]
    stp x10, x11, [\base, #(RGO_REGS_INTS + 10 * 8)]
    stp x12, x13, [\base, #(RGO_REGS_INTS + 12 * 8)]
    stp x14, x15, [\base, #(RGO_REGS_INTS + 14 * 8)]
.endm

/* Loads R0-R15 from \base->ints[0..16]. */
.macro unspill_ints base
    ldp x0,  x1,  [\base, #(RGO_REGS_INTS +  0 * 8)]
    ldp x2,  x3,  [\base, #(RGO_REGS_INTS +  2 * 8)]
    ldp x4,  x5,  [\base, #(RGO_REGS_INTS +  4 * 8)]
    ldp x6,  x7,  [\base, #(RGO_REGS_INTS +  6 * 8)]
    ldp x8,  x9,  [\base, #(RGO_REGS_INTS +  8 * 8)]
    ldp x10, x11, [\base, #(RGO_REGS_INTS + 10 * 8)]
    ldp x12, x13, [\base, #(RGO_REGS_INTS + 12 * 8)]
    ldp x14, x15, [\base, #(RGO_REGS_INTS + 14 * 8)]
.endm

/* Stores F0-F15 (as D registers, 8 bytes each) to \base->floats. */
.macro spill_floats base
    stp d0,  d1,  [\base, #(RGO_REGS_FLOATS +  0 * 8)]
    stp d2,  d3,  [\base, #(RGO_REGS_FLOATS +  2 * 8)]
    stp d4,  d5,  [\base, #(RGO_REGS_FLOATS +  4 * 8)]
    stp d6,  d7,  [\base, #(RGO_REGS_FLOATS +  6 * 8)]
    stp d8,  d9,  [\base, #(RGO_REGS_FLOATS +  8 * 8)]
    stp d10, d11, [\base, #(RGO_REGS_FLOATS + 10 * 8)]
    stp d12, d13, [\base, #(RGO_REGS_FLOATS + 12 * 8)]
    stp d14, d15, [\base, #(RGO_REGS_FLOATS + 14 * 8)]
.endm

/* Loads F0-F15 (as D registers) from \base->floats. */
.macro unspill_floats base
    ldp d0,  d1,  [\base, #(RGO_REGS_FLOATS +  0 * 8)]
    ldp d2,  d3,  [\base, #(RGO_REGS_FLOATS +  2 * 8)]
    ldp d4,  d5,  [\base, #(RGO_REGS_FLOATS +  4 * 8)]
    ldp d6,  d7,  [\base, #(RGO_REGS_FLOATS +  6 * 8)]
    ldp d8,  d9,  [\base, #(RGO_REGS_FLOATS +  8 * 8)]
    ldp d10, d11, [\base, #(RGO_REGS_FLOATS + 10 * 8)]
    ldp d12, d13, [\base, #(RGO_REGS_FLOATS + 12 * 8)]
    ldp d14, d15, [\base, #(RGO_REGS_FLOATS + 14 * 8)]
.endm

#endif
