/*
 * arm64.S - rgo's register-ABI machinery for AArch64 (AAPCS64, ELF).
 *
 * Go's ABIInternal on arm64 (cmd/compile/abi-internal.md):
 *   integer arguments/results  R0 - R15                 (16)
 *   float arguments/results    F0 - F15 (D0 - D15)      (16)
 *   closure context            R26
 *   current goroutine          R28 (callee-saved in the C ABI too)
 *   preserved across calls     RSP, R29 (frame pointer), R28; R18 unused
 *   fixed frame                0(RSP) holds the caller's own return PC,
 *                              so stack arguments start at 8(RSP)
 *   SP is always 16-aligned.
 * Every other register is clobbered by a Go call, including R19-R27 and
 * D8-D15, which the C ABI treats as callee-saved.
 *
 * One more rule: a Go function saves its caller's R29 at -8(RSP) of its own
 * frame, i.e. in the 8 bytes just below the SP it calls with. Code reached
 * by a Go call must therefore never write to [entry SP - 16, entry SP).
 *
 * The spill/unspill routines take the register block's address in R20: a
 * scratch register in ABIInternal that carries no argument.
 */

#include "rgo_asm.h"
#include "arm64_c_frame.h"

#if RGO_INT_ARG_REGS != 16 || RGO_FLOAT_ARG_REGS != 16 || RGO_FIXED_FRAME_SIZE != 8
#error "arm64.S is written for 16+16 argument registers and an 8-byte fixed frame"
#endif
#if RGO_REGS_SIZE > 504 || RGO_REGS_SIZE % 16 != 0
#error "rgo_make_func_stub addresses its frame record at RGO_REGS_SIZE(sp) with stp"
#endif

    rgo_asm_check_sizes

#include "arm64_regs.h"

/*
 * Copies \len bytes from \src to \dst, 8 at a time then 1 at a time.
 * \dst, \src, \len are X registers and are consumed; x\tmp / w\tmp is
 * scratch (pass its number).
 */
.macro copy_bytes dst, src, len, tmp
    subs \len, \len, #8
    b.lo .Lcopy_tail\@
.Lcopy_words\@:
    ldr x\tmp, [\src], #8
    str x\tmp, [\dst], #8
    subs \len, \len, #8
    b.hs .Lcopy_words\@
.Lcopy_tail\@:
    adds \len, \len, #8
    b.eq .Lcopy_done\@
.Lcopy_bytes\@:
    ldrb w\tmp, [\src], #1
    strb w\tmp, [\dst], #1
    subs \len, \len, #1
    b.ne .Lcopy_bytes\@
.Lcopy_done\@:
.endm

/* ---- rgo_spill_args / rgo_unspill_args ------------------------------- */

/*
 * rgo_spill_args                                  [internal convention]
 *
 * Entry: X20 = rgo_reg_args *block; X30 = return address
 *        R0-R15, F0-F15 = argument (or result) registers
 * Exit:  block->ints[0..16], block->floats[0..16] written (8 bytes per
 *        float register); no register changed. ptrs and return_is_ptr are
 *        left alone.
 */
rgo_func rgo_spill_args
    .cfi_startproc
    spill_ints x20
    spill_floats x20
    ret
    .cfi_endproc
rgo_endfunc rgo_spill_args

/*
 * rgo_unspill_args                                [internal convention]
 *
 * Entry: X20 = const rgo_reg_args *block; X30 = return address
 * Exit:  R0-R15 = block->ints[0..16]; D0-D15 = block->floats[0..16] (the
 *        upper halves of V0-V15 are zeroed). Nothing else changes.
 */
rgo_func rgo_unspill_args
    .cfi_startproc
    unspill_ints x20
    unspill_floats x20
    ret
    .cfi_endproc
rgo_endfunc rgo_unspill_args

/* ---- rgo_reflectcall -------------------------------------------------- */

/*
 * void rgo_reflectcall(const rgo_call_frame *frame)           [C ABI]
 *
 * Entry: X0 = frame; X30 = return address; SP 16-aligned.
 *        X28 = whatever the caller has: it is passed through to the Go
 *        callee untouched as its goroutine register.
 * Exit:  X19-X30 (X29 = FP, X30 = LR), D8-D15 and SP as on entry; all else
 *        clobbered. Results are in *frame->regs and frame->stack_args (see
 *        the trampolines below).
 *
 * Saves every C callee-saved register (a Go callee may destroy all of them
 * except R28 and R29), then calls the smallest rgo_callN with
 * N >= frame->frame_size. A frame_size above RGO_CALL_MAX_FRAME is a
 * caller bug and traps (brk).
 *
 *     +-------------------+ <- entry SP (CFA)
 *     | D14 D15           | SP + 144
 *     | D12 D13           | SP + 128
 *     | D10 D11           | SP + 112
 *     | D8  D9            | SP + 96
 *     | X27 X28           | SP + 80
 *     | X25 X26           | SP + 64
 *     | X23 X24           | SP + 48
 *     | X21 X22           | SP + 32
 *     | X19 X20           | SP + 16
 *     | X29 X30           | SP + 0  <- X29 (frame record)
 *     +-------------------+ <- SP at `bl rgo_callN`
 */
rgo_func rgo_reflectcall
    .cfi_startproc
    save_c_callee_saved

    ldr w9, [x0, #RGO_CALL_FRAME_SIZE]
    /* Smallest first: register-only calls need the 16-byte frame. */
    .irp size, RGO_CALL_SIZES
    cmp w9, #\size
    b.hi 1f
    bl rgo_call\size
    b .Lreflectcall_done
1:
    .endr
    brk #0x1                        /* frame_size > RGO_CALL_MAX_FRAME */

.Lreflectcall_done:
    restore_c_callee_saved
    ret
    .cfi_endproc
rgo_endfunc rgo_reflectcall

/*
 * rgo_call<N>                                     [internal convention]
 *
 * Entry: X0 = const rgo_call_frame *frame, frame->frame_size <= N;
 *        X30 = return into rgo_reflectcall; SP 16-aligned; callee-saved
 *        registers already saved by rgo_reflectcall.
 * Exit:  frame->regs->ints[0..16] = R0-R15;
 *        frame->regs->floats = F0-F15 if RGO_CALL_FLOAT_RESULTS;
 *        frame->regs->ptrs[i] = ints[i] for each bit i of return_is_ptr if
 *        RGO_CALL_PTR_RESULTS;
 *        stack results copied back to frame->stack_args + stack_ret_offset.
 *        All registers but SP, X29, X30 clobbered.
 *
 * At the call into Go:
 *
 *     +-------------------------+ <- entry SP
 *     | X30 (into reflectcall)  | SP + N + 24
 *     | X29                     | SP + N + 16  <- X29 (frame record)
 *     | frame (saved X0)        | SP + N + 8
 *     | outgoing argument area, |
 *     | N bytes: stack args,    |
 *     | stack results, spill    |
 *     | space (Go's layout)     | SP + 8       = callee's 8(RSP)
 *     | X30 (Go's fixed frame)  | SP + 0
 *     +-------------------------+ <- SP (16-aligned)
 *
 * Register use before the call: X21 = frame, X20 = frame->regs,
 * X26 = frame->fn (the closure context), X17 = code pointer. After the call
 * only SP is trusted: the frame is reloaded from SP + N + 8 into X17, and
 * X16 = frame->regs. N >= 4096 is a multiple of 4096, so `add ..., #N`
 * encodes as a shifted immediate. Frames above RGO_STACK_PROBE_STEP are
 * touched page by page as SP moves down (X9 counts).
 */
.macro rgo_callfn size
rgo_func_hidden rgo_call\size
    .cfi_startproc
    stp x29, x30, [sp, #-16]!
    .cfi_def_cfa_offset 16
    .cfi_offset x29, -16
    .cfi_offset x30, -8
    mov x29, sp
    sub sp, sp, #16
    .if \size > RGO_STACK_PROBE_STEP
    /* Touch the frame a page at a time so a too-small stack faults on
     * its guard page instead of jumping past it. */
    .cfi_def_cfa x29, 16
    mov x9, #(\size / RGO_STACK_PROBE_STEP)
.Lprobe\@:
    sub sp, sp, #RGO_STACK_PROBE_STEP
    str xzr, [sp]
    subs x9, x9, #1
    b.ne .Lprobe\@
    .cfi_def_cfa sp, (\size + 32)
    .else
    sub sp, sp, #\size
    .cfi_def_cfa_offset (\size + 32)
    .endif
    str x0, [x29, #-8]
    str x30, [sp]
    mov x21, x0

    /* Copy the stack arguments into the outgoing area. */
    ldr w3, [x21, #RGO_CALL_STACK_ARGS_SIZE]
    cbz w3, 1f
    ldr x1, [x21, #RGO_CALL_STACK_ARGS]
    add x2, sp, #RGO_FIXED_FRAME_SIZE
    copy_bytes x2, x1, x3, 4
1:
    /* Argument registers; floats only when the signature has some. */
    ldr x20, [x21, #RGO_CALL_REGS]
    ldr w22, [x21, #RGO_CALL_FLAGS]
    ldr x26, [x21, #RGO_CALL_FN]    /* closure context */
    tst w22, #RGO_CALL_FLOAT_ARGS
    b.eq 2f
    unspill_floats x20
2:
    unspill_ints x20
    ldr x17, [x26]
    blr x17

    /* The callee may have clobbered everything but SP. */
    add x16, sp, #\size
    ldr x17, [x16, #8]
    ldr x16, [x17, #RGO_CALL_REGS]
    spill_ints x16
    ldr w9, [x17, #RGO_CALL_FLAGS]
    tst w9, #RGO_CALL_FLOAT_RESULTS
    b.eq 3f
    spill_floats x16
3:
    /* Stack results: [stack_ret_offset, stack_args_size) of the area. */
    ldr w3, [x17, #RGO_CALL_STACK_ARGS_SIZE]
    ldr w4, [x17, #RGO_CALL_STACK_RET_OFFSET]
    subs w3, w3, w4
    b.ls 4f                         /* no results (or a bogus offset) */
    add x1, sp, #RGO_FIXED_FRAME_SIZE
    add x1, x1, x4
    ldr x2, [x17, #RGO_CALL_STACK_ARGS]
    add x2, x2, x4
    copy_bytes x2, x1, x3, 5
4:
    /* Pointer results become visible in ptrs[]. */
    tst w9, #RGO_CALL_PTR_RESULTS
    b.eq 6f
    ldrh w10, [x16, #RGO_REGS_RETURN_IS_PTR]   /* 16 bits = 16 registers */
    cbz w10, 6f
    add x11, x16, #RGO_REGS_INTS
    add x12, x16, #RGO_REGS_PTRS
5:
    rbit w13, w10
    clz w13, w13                    /* index of the lowest set bit */
    ldr x14, [x11, x13, lsl #3]
    str x14, [x12, x13, lsl #3]
    sub w13, w10, #1
    ands w10, w10, w13              /* clear it */
    b.ne 5b
6:
    add sp, sp, #\size
    add sp, sp, #16
    .cfi_def_cfa_offset 16
    ldp x29, x30, [sp], #16
    .cfi_def_cfa_offset 0
    .cfi_restore x29
    .cfi_restore x30
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
 *        data); R0-R15 / F0-F15 = register arguments; X30 = return PC;
 *        SP 16-aligned; 8(SP) = first stack argument; [SP-8] = the Go
 *        caller's saved frame pointer (must survive); X28 = goroutine.
 * Exit:  R0-R15 / F0-F15 = register results as the handler left them in the
 *        block; SP, X29, X28 preserved (the handler is C, which keeps
 *        X19-X29); everything else clobbered. Stack results are written by
 *        the handler in place.
 *
 * Calls handler(closure, entry SP + 8, &regs) with the C ABI.
 *
 *     +-------------------------+
 *     | caller's stack args ... | <- entry SP + 8 (stack_args)
 *     | caller's fixed frame    | <- entry SP
 *     | reserved: Go caller's   | SP + RGO_REGS_SIZE + 16
 *     | saved FP lives here     |
 *     | X29 X30                 | SP + RGO_REGS_SIZE  <- X29
 *     | rgo_reg_args regs       |
 *     | (RGO_REGS_SIZE bytes)   |
 *     +-------------------------+ <- SP = &regs = X20
 */
#define STUB_FRAME (RGO_REGS_SIZE + 32)

rgo_func rgo_make_func_stub
    .cfi_startproc
    sub sp, sp, #STUB_FRAME
    .cfi_def_cfa_offset STUB_FRAME
    stp x29, x30, [sp, #RGO_REGS_SIZE]
    .cfi_offset x29, -32
    .cfi_offset x30, -24
    add x29, sp, #RGO_REGS_SIZE
    mov x20, sp
    spill_ints x20
    spill_floats x20

    mov x0, x26                         /* closure */
    add x1, sp, #(STUB_FRAME + RGO_FIXED_FRAME_SIZE)  /* stack_args */
    mov x2, sp                          /* &regs */
    ldr x9, [x26, #RGO_CLOSURE_HANDLER]
    blr x9

    mov x20, sp
    unspill_ints x20
    unspill_floats x20
    ldp x29, x30, [sp, #RGO_REGS_SIZE]
    add sp, sp, #STUB_FRAME
    .cfi_def_cfa_offset 0
    .cfi_restore x29
    .cfi_restore x30
    ret
    .cfi_endproc
rgo_endfunc rgo_make_func_stub

/* ---- rgo_regs_roundtrip ------------------------------------------------ */

/*
 * void rgo_regs_roundtrip(const rgo_reg_args *in, rgo_reg_args *out) [C ABI]
 *
 * Entry: X0 = in, X1 = out.
 * Exit:  out->ints / out->floats = in->ints / in->floats, having passed
 *        through the argument registers via rgo_unspill_args and
 *        rgo_spill_args. X19 X20 X29 X30 D8-D15 restored.
 *
 *     | D14 D15 | SP + 80
 *     | D12 D13 | SP + 64
 *     | D10 D11 | SP + 48
 *     | D8  D9  | SP + 32
 *     | X19 X20 | SP + 16
 *     | X29 X30 | SP + 0  <- X29
 */
rgo_func rgo_regs_roundtrip
    .cfi_startproc
    stp x29, x30, [sp, #-96]!
    .cfi_def_cfa_offset 96
    .cfi_offset x29, -96
    .cfi_offset x30, -88
    mov x29, sp
    stp x19, x20, [sp, #16]
    .cfi_offset x19, -80
    .cfi_offset x20, -72
    stp d8, d9, [sp, #32]
    .cfi_offset d8, -64
    .cfi_offset d9, -56
    stp d10, d11, [sp, #48]
    .cfi_offset d10, -48
    .cfi_offset d11, -40
    stp d12, d13, [sp, #64]
    .cfi_offset d12, -32
    .cfi_offset d13, -24
    stp d14, d15, [sp, #80]
    .cfi_offset d14, -16
    .cfi_offset d15, -8

    mov x19, x1                     /* out survives the unspill in X19 */
    mov x20, x0
    bl rgo_unspill_args
    mov x20, x19
    bl rgo_spill_args

    ldp d14, d15, [sp, #80]
    ldp d12, d13, [sp, #64]
    ldp d10, d11, [sp, #48]
    ldp d8, d9, [sp, #32]
    ldp x19, x20, [sp, #16]
    ldp x29, x30, [sp], #96
    .cfi_def_cfa_offset 0
    .cfi_restore x29
    .cfi_restore x30
    .cfi_restore x19
    .cfi_restore x20
    .cfi_restore d8
    .cfi_restore d9
    .cfi_restore d10
    .cfi_restore d11
    .cfi_restore d12
    .cfi_restore d13
    .cfi_restore d14
    .cfi_restore d15
    ret
    .cfi_endproc
rgo_endfunc rgo_regs_roundtrip

    .section .note.GNU-stack, "", @progbits
