/*
 * riscv64_regs.h - moving Go's argument registers to and from a register block
 * (rgo_reg_args, rgo_abi.h). Shared by riscv64.S (rgo_spill_args,
 * rgo_reflectcall, rgo_make_func_stub) and runtime/riscv64.S
 * (rgo_reflect_gostub), so the register order is written once.
 */
#ifndef RGO_RISCV64_REGS_H
#define RGO_RISCV64_REGS_H

/* Stores X10-X17 X8 X9 X18-X23 to \base->ints[0..16], in that order. */
.macro spill_ints base
    sd x10, (RGO_REGS_INTS +  0 * 8)(\base)
    sd x11, (RGO_REGS_INTS +  1 * 8)(\base)
    sd x12, (RGO_REGS_INTS +  2 * 8)(\base)
    sd x13, (RGO_REGS_INTS +  3 * 8)(\base)
    sd x14, (RGO_REGS_INTS +  4 * 8)(\base)
    sd x15, (RGO_REGS_INTS +  5 * 8)(\base)
    sd x16, (RGO_REGS_INTS +  6 * 8)(\base)
    sd x17, (RGO_REGS_INTS +  7 * 8)(\base)
    sd x8,  (RGO_REGS_INTS +  8 * 8)(\base)
    sd x9,  (RGO_REGS_INTS +  9 * 8)(\base)
    sd x18, (RGO_REGS_INTS + 10 * 8)(\base)
    sd x19, (RGO_REGS_INTS + 11 * 8)(\base)
    sd x20, (RGO_REGS_INTS + 12 * 8)(\base)
    sd x21, (RGO_REGS_INTS + 13 * 8)(\base)
    sd x22, (RGO_REGS_INTS + 14 * 8)(\base)
    sd x23, (RGO_REGS_INTS + 15 * 8)(\base)
.endm

/* Loads X10-X17 X8 X9 X18-X23 from \base->ints[0..16]. */
.macro unspill_ints base
    ld x10, (RGO_REGS_INTS +  0 * 8)(\base)
    ld x11, (RGO_REGS_INTS +  1 * 8)(\base)
    ld x12, (RGO_REGS_INTS +  2 * 8)(\base)
    ld x13, (RGO_REGS_INTS +  3 * 8)(\base)
    ld x14, (RGO_REGS_INTS +  4 * 8)(\base)
    ld x15, (RGO_REGS_INTS +  5 * 8)(\base)
    ld x16, (RGO_REGS_INTS +  6 * 8)(\base)
    ld x17, (RGO_REGS_INTS +  7 * 8)(\base)
    ld x8,  (RGO_REGS_INTS +  8 * 8)(\base)
    ld x9,  (RGO_REGS_INTS +  9 * 8)(\base)
    ld x18, (RGO_REGS_INTS + 10 * 8)(\base)
    ld x19, (RGO_REGS_INTS + 11 * 8)(\base)
    ld x20, (RGO_REGS_INTS + 12 * 8)(\base)
    ld x21, (RGO_REGS_INTS + 13 * 8)(\base)
    ld x22, (RGO_REGS_INTS + 14 * 8)(\base)
    ld x23, (RGO_REGS_INTS + 15 * 8)(\base)
.endm

/* Stores F10-F17 F8 F9 F18-F23 (8 bytes each) to \base->floats. */
.macro spill_floats base
    fsd f10, (RGO_REGS_FLOATS +  0 * 8)(\base)
    fsd f11, (RGO_REGS_FLOATS +  1 * 8)(\base)
    fsd f12, (RGO_REGS_FLOATS +  2 * 8)(\base)
    fsd f13, (RGO_REGS_FLOATS +  3 * 8)(\base)
    fsd f14, (RGO_REGS_FLOATS +  4 * 8)(\base)
    fsd f15, (RGO_REGS_FLOATS +  5 * 8)(\base)
    fsd f16, (RGO_REGS_FLOATS +  6 * 8)(\base)
    fsd f17, (RGO_REGS_FLOATS +  7 * 8)(\base)
    fsd f8,  (RGO_REGS_FLOATS +  8 * 8)(\base)
    fsd f9,  (RGO_REGS_FLOATS +  9 * 8)(\base)
    fsd f18, (RGO_REGS_FLOATS + 10 * 8)(\base)
    fsd f19, (RGO_REGS_FLOATS + 11 * 8)(\base)
    fsd f20, (RGO_REGS_FLOATS + 12 * 8)(\base)
    fsd f21, (RGO_REGS_FLOATS + 13 * 8)(\base)
    fsd f22, (RGO_REGS_FLOATS + 14 * 8)(\base)
    fsd f23, (RGO_REGS_FLOATS + 15 * 8)(\base)
.endm

/* Loads F10-F17 F8 F9 F18-F23 (8 bytes each) from \base->floats. */
.macro unspill_floats base
    fld f10, (RGO_REGS_FLOATS +  0 * 8)(\base)
    fld f11, (RGO_REGS_FLOATS +  1 * 8)(\base)
    fld f12, (RGO_REGS_FLOATS +  2 * 8)(\base)
    fld f13, (RGO_REGS_FLOATS +  3 * 8)(\base)
    fld f14, (RGO_REGS_FLOATS +  4 * 8)(\base)
    fld f15, (RGO_REGS_FLOATS +  5 * 8)(\base)
    fld f16, (RGO_REGS_FLOATS +  6 * 8)(\base)
    fld f17, (RGO_REGS_FLOATS +  7 * 8)(\base)
    fld f8,  (RGO_REGS_FLOATS +  8 * 8)(\base)
    fld f9,  (RGO_REGS_FLOATS +  9 * 8)(\base)
    fld f18, (RGO_REGS_FLOATS + 10 * 8)(\base)
    fld f19, (RGO_REGS_FLOATS + 11 * 8)(\base)
    fld f20, (RGO_REGS_FLOATS + 12 * 8)(\base)
    fld f21, (RGO_REGS_FLOATS + 13 * 8)(\base)
    fld f22, (RGO_REGS_FLOATS + 14 * 8)(\base)
    fld f23, (RGO_REGS_FLOATS + 15 * 8)(\base)
.endm

#endif
