/*
 * riscv64.S - rgo's register-ABI machinery for RISC-V 64 (LP64D, ELF).
 *
 * Go's ABIInternal on riscv64 (cmd/compile/abi-internal.md):
 *   integer arguments/results  X10-X17 X8 X9 X18-X23      (16; a0-a7 s0-s7)
 *   float arguments/results    F10-F17 F8 F9 F18-F23      (16; fa0-fa7 fs0-fs7)
 *   closure context            X26 (s10)
 *   current goroutine          X27 (s11, callee-saved in the C ABI too)
 *   preserved across calls     X2 (SP), X3 (GP), X4 (TP), X27
 *   fixed frame                0(SP) holds the caller's own return PC, so
 *                              stack arguments start at 8(SP)
 *   SP is only 8-aligned (the C ABI wants 16).
 * There is no frame pointer in Go: X8 (the C ABI's s0/fp) is an argument
 * register. Everything else is clobbered by a Go call, including s0-s10
 * and fs0-fs11, which the C ABI treats as callee-saved.
 *
 * The spill/unspill routines take the register block's address in X25
 * (s9): a scratch register in ABIInternal that carries no argument.
 *
 * Registers of the Go convention are written with their X/F names; the
 * C-ABI-only parts use the ABI names (ra, sp, s0..., fs0...).
 */

#include "rgo_asm.h"
#include "riscv64_c_frame.h"

#if RGO_INT_ARG_REGS != 16 || RGO_FLOAT_ARG_REGS != 16 || RGO_FIXED_FRAME_SIZE != 8
#error "riscv64.S is written for 16+16 argument registers and an 8-byte fixed frame"
#endif
#if RGO_REGS_SIZE + 16 > 2047 || RGO_REGS_SIZE % 16 != 0 || RGO_REGS_SIZE < 64 || RGO_REGS_SIZE + 8 >= 8192
#error "rgo_make_func_stub's frame offsets must be 12-bit immediates and 2-byte SLEB128s"
#endif

    rgo_asm_check_sizes

#include "riscv64_regs.h"

/*
 * Copies \len bytes from \src to \dst, 8 at a time then 1 at a time.
 * All four are X registers; \dst, \src, \len are consumed, \tmp is scratch.
 */
.macro copy_bytes dst, src, len, tmp
.Lcopy_words\@:
    sltiu \tmp, \len, 8
    bnez \tmp, .Lcopy_tail\@
    ld \tmp, 0(\src)
    sd \tmp, 0(\dst)
    addi \src, \src, 8
    addi \dst, \dst, 8
    addi \len, \len, -8
    j .Lcopy_words\@
.Lcopy_tail\@:
    beqz \len, .Lcopy_done\@
    lbu \tmp, 0(\src)
    sb \tmp, 0(\dst)
    addi \src, \src, 1
    addi \dst, \dst, 1
    addi \len, \len, -1
    j .Lcopy_tail\@
.Lcopy_done\@:
.endm


/* ---- rgo_spill_args / rgo_unspill_args ------------------------------- */

/*
 * rgo_spill_args                                  [internal convention]
 *
 * Entry: X25 = rgo_reg_args *block; X1 (ra) = return address
 *        X10-X17 X8 X9 X18-X23, F10-F17 F8 F9 F18-F23 = argument (or
 *        result) registers
 * Exit:  block->ints[0..16], block->floats[0..16] written (8 bytes per
 *        float register); no register changed. ptrs and return_is_ptr are
 *        left alone.
 */
rgo_func rgo_spill_args
    .cfi_startproc
    spill_ints x25
    spill_floats x25
    ret
    .cfi_endproc
rgo_endfunc rgo_spill_args

/*
 * rgo_unspill_args                                [internal convention]
 *
 * Entry: X25 = const rgo_reg_args *block; X1 (ra) = return address
 * Exit:  X10-X17 X8 X9 X18-X23 = block->ints[0..16];
 *        F10-F17 F8 F9 F18-F23 = block->floats[0..16] (fld: all 64 bits,
 *        so a float32 must already be NaN-boxed in the block).
 *        Nothing else changes.
 */
rgo_func rgo_unspill_args
    .cfi_startproc
    unspill_ints x25
    unspill_floats x25
    ret
    .cfi_endproc
rgo_endfunc rgo_unspill_args

/* ---- rgo_reflectcall -------------------------------------------------- */

/*
 * void rgo_reflectcall(const rgo_call_frame *frame)           [C ABI]
 *
 * Entry: a0 (X10) = frame; ra = return address; SP 16-aligned.
 *        s11 (X27) = whatever the caller has: it is passed through to the
 *        Go callee untouched as its goroutine register.
 * Exit:  ra, s0-s11, fs0-fs11, SP as on entry (gp/tp are never touched);
 *        all else clobbered. Results are in *frame->regs and
 *        frame->stack_args (see the trampolines below).
 *
 * Saves every C callee-saved register (see save_c_callee_saved for the
 * frame), then calls the smallest rgo_callN with N >= frame->frame_size.
 * A frame_size above RGO_CALL_MAX_FRAME is a caller bug and traps (unimp).
 */
rgo_func rgo_reflectcall
    .cfi_startproc
    save_c_callee_saved

    lwu x5, RGO_CALL_FRAME_SIZE(a0)
    /* Smallest first: register-only calls need the 16-byte frame. */
    .irp size, RGO_CALL_SIZES
    li x6, \size
    bgtu x5, x6, 1f
    call rgo_call\size
    j .Lreflectcall_done
1:
    .endr
    unimp                           /* frame_size > RGO_CALL_MAX_FRAME */

.Lreflectcall_done:
    restore_c_callee_saved
    ret
    .cfi_endproc
rgo_endfunc rgo_reflectcall

/*
 * rgo_call<N>                                     [internal convention]
 *
 * Entry: X10 (a0) = const rgo_call_frame *frame, frame->frame_size <= N;
 *        ra = return into rgo_reflectcall; SP 16-aligned; callee-saved
 *        registers already saved by rgo_reflectcall.
 * Exit:  frame->regs->ints[0..16] = X10-X17 X8 X9 X18-X23;
 *        frame->regs->floats = F10-F17 F8 F9 F18-F23 if
 *        RGO_CALL_FLOAT_RESULTS;
 *        frame->regs->ptrs[i] = ints[i] for each bit i of return_is_ptr if
 *        RGO_CALL_PTR_RESULTS;
 *        stack results copied back to frame->stack_args + stack_ret_offset.
 *        All registers but SP, ra clobbered.
 *
 * At the call into Go:
 *
 *     +-------------------------+ <- entry SP
 *     | frame (saved X10)       | SP + N + 8
 *     | outgoing argument area, |
 *     | N bytes: stack args,    |
 *     | stack results, spill    |
 *     | space (Go's layout)     | SP + 8      = callee's 8(SP)
 *     | ra (Go's fixed frame)   | SP + 0
 *     +-------------------------+ <- SP (16-aligned)
 *
 * Register use before the call: X24 = frame, X25 = frame->regs,
 * X26 = frame->fn (the closure context), X31 = code pointer, X28 = entry
 * SP while the frame is set up. After the call only SP is trusted: the
 * frame is reloaded from SP + N + 8 into X24. Frames above
 * RGO_STACK_PROBE_STEP are touched page by page as SP moves down.
 */
.macro rgo_callfn size
rgo_func_hidden rgo_call\size
    .cfi_startproc
    mv x28, sp
    .cfi_def_cfa_register x28
    addi sp, sp, -16
    .if \size > RGO_STACK_PROBE_STEP
    /* Touch the frame a page at a time so a too-small stack faults on
     * its guard page instead of jumping past it. */
    li x5, (\size / RGO_STACK_PROBE_STEP)
    li x6, RGO_STACK_PROBE_STEP
.Lprobe\@:
    sub sp, sp, x6
    sd zero, 0(sp)
    addi x5, x5, -1
    bnez x5, .Lprobe\@
    .else
    li x5, \size
    sub sp, sp, x5
    .endif
    sd ra, 0(sp)
    .cfi_def_cfa sp, (\size + 16)
    .cfi_offset ra, -(\size + 16)
    sd x10, -8(x28)                 /* entry SP - 8 = SP + N + 8 */
    mv x24, x10

    /* Copy the stack arguments into the outgoing area. */
    lwu x5, RGO_CALL_STACK_ARGS_SIZE(x24)
    beqz x5, 1f
    ld x6, RGO_CALL_STACK_ARGS(x24)
    addi x7, sp, RGO_FIXED_FRAME_SIZE
    copy_bytes x7, x6, x5, x28
1:
    /* Argument registers; floats only when the signature has some. */
    ld x25, RGO_CALL_REGS(x24)
    lwu x28, RGO_CALL_FLAGS(x24)
    ld x26, RGO_CALL_FN(x24)        /* closure context */
    andi x29, x28, RGO_CALL_FLOAT_ARGS
    beqz x29, 2f
    unspill_floats x25
2:
    unspill_ints x25
    ld x31, 0(x26)
    jalr ra, 0(x31)

    /* The callee may have clobbered everything but SP. */
    li x5, \size
    add x5, sp, x5
    ld x24, 8(x5)
    ld x25, RGO_CALL_REGS(x24)
    spill_ints x25
    lwu x28, RGO_CALL_FLAGS(x24)
    andi x29, x28, RGO_CALL_FLOAT_RESULTS
    beqz x29, 3f
    spill_floats x25
3:
    /* Stack results: [stack_ret_offset, stack_args_size) of the area. */
    lwu x5, RGO_CALL_STACK_ARGS_SIZE(x24)
    lwu x6, RGO_CALL_STACK_RET_OFFSET(x24)
    bleu x5, x6, 4f                 /* no results (or a bogus offset) */
    sub x5, x5, x6
    addi x7, sp, RGO_FIXED_FRAME_SIZE
    add x7, x7, x6
    ld x29, RGO_CALL_STACK_ARGS(x24)
    add x29, x29, x6
    copy_bytes x29, x7, x5, x30
4:
    /* Pointer results become visible in ptrs[]. */
    andi x29, x28, RGO_CALL_PTR_RESULTS
    beqz x29, 6f
    lhu x29, RGO_REGS_RETURN_IS_PTR(x25)   /* 16 bits = 16 registers */
    addi x30, x25, RGO_REGS_INTS
    addi x31, x25, RGO_REGS_PTRS
5:
    beqz x29, 6f
    andi x6, x29, 1
    beqz x6, 7f
    ld x6, 0(x30)
    sd x6, 0(x31)
7:
    srli x29, x29, 1
    addi x30, x30, 8
    addi x31, x31, 8
    j 5b
6:
    ld ra, 0(sp)
    .cfi_restore ra
    li x5, (\size + 16)
    add sp, sp, x5
    .cfi_def_cfa_offset 0
    ret
    .cfi_endproc
rgo_endfunc rgo_call\size
.endm

    .irp size, RGO_CALL_SIZES
    rgo_callfn \size
    .endr

/* ---- rgo_make_func_stub ----------------------------------------------- */

/*
 * rgo_make_func_stub                                 [Go ABIInternal]
 *
 * Entry: X26 = closure (rgo_make_func_closure_header *, then the handler's
 *        data); X10-X17 X8 X9 X18-X23 / F10-F17 F8 F9 F18-F23 = register
 *        arguments; X1 (ra) = return PC; 8(SP) = first stack argument;
 *        SP only 8-aligned; X27 = goroutine.
 * Exit:  argument registers = register results as the handler left them in
 *        the block; SP, X27, GP, TP preserved (the handler is C, which
 *        keeps s11); everything else clobbered. Stack results are written
 *        by the handler in place.
 *
 * Calls handler(closure, entry SP + 8, &regs) with the C ABI on a
 * 16-aligned stack.
 *
 *     +-------------------------+
 *     | caller's stack args ... | <- entry SP + 8 (stack_args)
 *     | caller's fixed frame    | <- entry SP
 *     | alignment padding 0/8   |
 *     | ra                      | SP + RGO_REGS_SIZE + 8
 *     | entry SP                | SP + RGO_REGS_SIZE
 *     | rgo_reg_args regs       |
 *     | (RGO_REGS_SIZE bytes)   |
 *     +-------------------------+ <- SP (16-aligned) = &regs = X25
 *
 * The CFA (entry SP) is not a constant offset from the realigned SP, so
 * the unwind info describes it as *(SP + RGO_REGS_SIZE) with a DWARF
 * expression, and ra as saved at SP + RGO_REGS_SIZE + 8.
 */
#define STUB_OLD_SP RGO_REGS_SIZE
#define STUB_RA (RGO_REGS_SIZE + 8)
#define STUB_FRAME (RGO_REGS_SIZE + 16)
/* DW_CFA_def_cfa_expression, DW_CFA_expression, DW_OP_breg2 (sp),
 * DW_OP_deref, and a two-byte SLEB128 of a value in [64, 8192). */
#define DW_CFA_def_cfa_expression 0x0f
#define DW_CFA_expression 0x10
#define DW_OP_breg_sp 0x72
#define DW_OP_deref 0x06
#define SLEB2(v) (((v) & 0x7f) | 0x80), ((v) >> 7)

rgo_func rgo_make_func_stub
    .cfi_startproc
    mv x5, sp
    .cfi_def_cfa_register x5
    andi sp, sp, -16
    addi sp, sp, -STUB_FRAME
    sd x5, STUB_OLD_SP(sp)
    sd ra, STUB_RA(sp)
    .cfi_escape DW_CFA_def_cfa_expression, 4, DW_OP_breg_sp, SLEB2(STUB_OLD_SP), DW_OP_deref
    .cfi_escape DW_CFA_expression, 1, 3, DW_OP_breg_sp, SLEB2(STUB_RA)
    mv x25, sp
    spill_ints x25
    spill_floats x25

    mv a0, x26                      /* closure */
    addi a1, x5, RGO_FIXED_FRAME_SIZE  /* stack_args */
    mv a2, sp                       /* &regs */
    ld x31, RGO_CLOSURE_HANDLER(x26)
    jalr ra, 0(x31)

    mv x25, sp
    unspill_ints x25
    unspill_floats x25
    ld ra, STUB_RA(sp)
    ld x5, STUB_OLD_SP(sp)
    mv sp, x5
    .cfi_def_cfa sp, 0
    .cfi_restore ra
    ret
    .cfi_endproc
rgo_endfunc rgo_make_func_stub

/* ---- rgo_regs_roundtrip ------------------------------------------------ */

/*
 * void rgo_regs_roundtrip(const rgo_reg_args *in, rgo_reg_args *out) [C ABI]
 *
 * Entry: a0 = in, a1 = out.
 * Exit:  out->ints / out->floats = in->ints / in->floats, having passed
 *        through the argument registers via rgo_unspill_args and
 *        rgo_spill_args. ra, s0-s11, fs0-fs11 restored (the frame of
 *        save_c_callee_saved).
 */
rgo_func rgo_regs_roundtrip
    .cfi_startproc
    save_c_callee_saved
    mv x24, a1                      /* out survives the unspill in X24 */
    mv x25, a0
    call rgo_unspill_args
    mv x25, x24
    call rgo_spill_args
    restore_c_callee_saved
    ret
    .cfi_endproc
rgo_endfunc rgo_regs_roundtrip

    .section .note.GNU-stack, "", @progbits
