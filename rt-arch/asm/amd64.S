/*
 * amd64.S - rgo's register-ABI machinery for x86-64 (System V, ELF).
 *
 * Go's ABIInternal on amd64 (cmd/compile/abi-internal.md):
 *   integer arguments/results  RAX RBX RCX RDI RSI R8 R9 R10 R11   (9)
 *   float arguments/results    X0 - X14                              (15)
 *   closure context            RDX
 *   current goroutine          R14 (callee-saved in the C ABI too)
 *   always zero                X15
 *   preserved across calls     RSP, RBP, R14, R15 (and X15 stays zero)
 *   stack arguments            at 8(RSP) on entry, above the return address
 * Every other register is clobbered by a Go call, including RBX and R12-R13,
 * which the C ABI treats as callee-saved.
 *
 * The spill/unspill routines take the register block's address in R12: a
 * scratch register in ABIInternal that carries no argument.
 *
 * Intel syntax, GNU as, preprocessed by the C compiler.
 */

#include "rgo_asm.h"
#include "amd64_c_frame.h"

    .intel_syntax noprefix

#if RGO_INT_ARG_REGS != 9 || RGO_FLOAT_ARG_REGS != 15 || RGO_FIXED_FRAME_SIZE != 0
#error "amd64.S is written for 9 integer and 15 float registers and no fixed frame"
#endif

    rgo_asm_check_sizes

#include "amd64_regs.h"

/* ---- rgo_spill_args / rgo_unspill_args ------------------------------- */

/*
 * rgo_spill_args                                  [internal convention]
 *
 * Entry: R12 = rgo_reg_args *block
 *        RAX RBX RCX RDI RSI R8-R11, X0-X14 = argument (or result) registers
 * Exit:  block->ints[0..9] and block->floats[0..15] written (8 bytes per
 *        float register); no register changed. ptrs and return_is_ptr are
 *        left alone.
 */
rgo_func rgo_spill_args
    .cfi_startproc
    spill_ints r12
    spill_floats r12
    ret
    .cfi_endproc
rgo_endfunc rgo_spill_args

/*
 * rgo_unspill_args                                [internal convention]
 *
 * Entry: R12 = const rgo_reg_args *block
 * Exit:  RAX RBX RCX RDI RSI R8-R11 = block->ints[0..9]
 *        X0-X14 = block->floats[0..15] (upper lanes zeroed)
 *        Nothing else changes: in particular X15 is NOT re-zeroed here.
 */
rgo_func rgo_unspill_args
    .cfi_startproc
    unspill_ints r12
    unspill_floats r12
    ret
    .cfi_endproc
rgo_endfunc rgo_unspill_args

/* ---- rgo_reflectcall -------------------------------------------------- */

/*
 * void rgo_reflectcall(const rgo_call_frame *frame)           [C ABI]
 *
 * Entry: RDI = frame; RSP = 8 mod 16 (the C ABI's alignment).
 *        R14 = whatever the caller has: it is passed through to the Go
 *        callee untouched as its goroutine register.
 * Exit:  RBX RBP R12-R15 and RSP as on entry; all other registers, X15
 *        included, clobbered. Results are in *frame->regs and in
 *        frame->stack_args (see the trampolines below).
 *
 * Saves the registers the C ABI makes callee-saved (the Go callee may
 * destroy any of them except RSP and, by Go's rules, RBP and R14), then
 * calls the smallest rgo_callN whose N >= frame->frame_size. A frame_size
 * above RGO_CALL_MAX_FRAME is a caller bug and traps (ud2).
 *
 *     +-------------------------+ <- entry RSP + 8 (CFA)
 *     | return address          |
 *     | saved RBP               |
 *     | saved RBX               |
 *     | saved R12               |
 *     | saved R13               |
 *     | saved R14               |
 *     | saved R15               |
 *     | padding                 |
 *     +-------------------------+ <- RSP at `call rgo_callN` (16-aligned)
 *
 * Everything after the call is addressed from RSP, which the callee
 * restores, rather than from RBP.
 */
rgo_func rgo_reflectcall
    .cfi_startproc
    save_c_callee_saved

    mov eax, dword ptr [rdi + RGO_CALL_FRAME_SIZE]
    /* Smallest first: register-only calls need the 16-byte frame. */
    .irp size, RGO_CALL_SIZES
    cmp eax, \size
    ja 1f
    call rgo_call\size
    jmp .Lreflectcall_done
1:
    .endr
    ud2                             /* frame_size > RGO_CALL_MAX_FRAME */

.Lreflectcall_done:
    restore_c_callee_saved
    ret
    .cfi_endproc
rgo_endfunc rgo_reflectcall

/*
 * rgo_call<N>                                     [internal convention]
 *
 * Entry: RDI = const rgo_call_frame *frame, with frame->frame_size <= N;
 *        RSP = 8 mod 16; callee-saved registers already saved by
 *        rgo_reflectcall.
 * Exit:  frame->regs->ints[0..9] = result registers RAX..R11;
 *        frame->regs->floats = X0-X14 if RGO_CALL_FLOAT_RESULTS;
 *        frame->regs->ptrs[i] = ints[i] for each bit i of return_is_ptr
 *        if RGO_CALL_PTR_RESULTS;
 *        stack results copied back to frame->stack_args + stack_ret_offset.
 *        All registers but RSP clobbered.
 *
 * At the call into Go:
 *
 *     +-------------------------+
 *     | return into reflectcall |
 *     | frame (saved RDI)       | <- RSP + N
 *     | outgoing argument area, |
 *     | N bytes: stack args,    |
 *     | stack results, spill    |
 *     | space (Go's layout)     |
 *     +-------------------------+ <- RSP (16-aligned) = callee's 8(RSP) - 8
 *
 * Register use: R13 = frame and R12 = frame->regs until the call; after it
 * only RSP is trusted, so the frame is reloaded from RSP + N. Frames above
 * RGO_STACK_PROBE_STEP are touched page by page as RSP moves down (R11
 * holds RSP + 0 meanwhile, EAX counts).
 */
.macro rgo_callfn size
rgo_func_hidden rgo_call\size
    .cfi_startproc
    push rdi
    .cfi_adjust_cfa_offset 8
    .if \size > RGO_STACK_PROBE_STEP
    /* Touch the frame a page at a time so a too-small stack faults on
     * its guard page instead of jumping past it. */
    mov r11, rsp
    .cfi_def_cfa_register r11
    mov eax, \size / RGO_STACK_PROBE_STEP
.Lprobe\@:
    sub rsp, RGO_STACK_PROBE_STEP
    mov qword ptr [rsp], 0
    dec eax
    jnz .Lprobe\@
    .cfi_def_cfa rsp, \size + 16
    .else
    sub rsp, \size
    .cfi_adjust_cfa_offset \size
    .endif
    mov r13, rdi

    /* Copy the stack arguments into the outgoing area. */
    mov ecx, dword ptr [r13 + RGO_CALL_STACK_ARGS_SIZE]
    test ecx, ecx
    jz 1f
    mov rsi, qword ptr [r13 + RGO_CALL_STACK_ARGS]
    mov rdi, rsp
    rep movsb
1:
    /* Argument registers; floats only when the signature has some. */
    mov r12, qword ptr [r13 + RGO_CALL_REGS]
    test byte ptr [r13 + RGO_CALL_FLAGS], RGO_CALL_FLOAT_ARGS
    jz 2f
    unspill_floats r12
2:
    unspill_ints r12
    xorps xmm15, xmm15              /* ABIInternal's zero register */
    mov rdx, qword ptr [r13 + RGO_CALL_FN]  /* closure context */
    call qword ptr [rdx]

    /* The callee may have clobbered everything but RSP. */
    mov r13, qword ptr [rsp + \size]
    mov r12, qword ptr [r13 + RGO_CALL_REGS]
    spill_ints r12
    test byte ptr [r13 + RGO_CALL_FLAGS], RGO_CALL_FLOAT_RESULTS
    jz 3f
    spill_floats r12
3:
    /* Stack results: [stack_ret_offset, stack_args_size) of the area. */
    mov ecx, dword ptr [r13 + RGO_CALL_STACK_ARGS_SIZE]
    mov eax, dword ptr [r13 + RGO_CALL_STACK_RET_OFFSET]
    sub ecx, eax
    jbe 4f                          /* no results (or a bogus offset) */
    lea rsi, [rsp + rax]
    mov rdi, qword ptr [r13 + RGO_CALL_STACK_ARGS]
    add rdi, rax
    rep movsb
4:
    /* Pointer results become visible in ptrs[]. */
    test byte ptr [r13 + RGO_CALL_FLAGS], RGO_CALL_PTR_RESULTS
    jz 6f
    movzx eax, word ptr [r12 + RGO_REGS_RETURN_IS_PTR]
    and eax, (1 << RGO_INT_ARG_REGS) - 1
    jz 6f
5:
    bsf ecx, eax
    mov rdx, qword ptr [r12 + RGO_REGS_INTS + rcx * 8]
    mov qword ptr [r12 + RGO_REGS_PTRS + rcx * 8], rdx
    lea edx, [rax - 1]
    and eax, edx                    /* clear the lowest set bit */
    jnz 5b
6:
    add rsp, \size + 8
    .cfi_adjust_cfa_offset -(\size + 8)
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
 * Entry: RDX = closure (rgo_make_func_closure_header *, then the handler's
 *        data); RAX..R11 / X0-X14 = register arguments; 8(RSP) = first
 *        stack argument; RSP only 8-aligned (Go promises no more);
 *        R14 = goroutine.
 * Exit:  RAX..R11 / X0-X14 = register results as the handler left them in
 *        the block; X15 = 0; RSP, RBP, R14, R15 preserved (the handler is
 *        C, which keeps RBP/R14/R15); everything else clobbered. Stack
 *        results are written by the handler in place.
 *
 * Calls handler(closure, entry RSP + 8, &regs) with the C ABI.
 *
 *     +-------------------------+
 *     | caller's stack args ... | <- entry RSP + 8 = RBP + 16 (stack_args)
 *     | return address          | <- entry RSP
 *     | saved RBP               | <- RBP
 *     | alignment padding 0/8   |
 *     | rgo_reg_args regs       |
 *     | (RGO_REGS_SIZE bytes)   |
 *     +-------------------------+ <- RSP (16-aligned) = &regs = R12
 */
rgo_func rgo_make_func_stub
    .cfi_startproc
    push rbp
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset rbp, 0
    mov rbp, rsp
    .cfi_def_cfa_register rbp
    and rsp, -16
    sub rsp, RGO_REGS_SIZE
    mov r12, rsp
    spill_ints r12
    spill_floats r12

    mov rdi, rdx                    /* closure */
    lea rsi, [rbp + 16]             /* caller's stack arguments */
    mov rdx, rsp                    /* &regs */
    call qword ptr [rdi + RGO_CLOSURE_HANDLER]

    mov r12, rsp
    unspill_ints r12
    unspill_floats r12
    xorps xmm15, xmm15              /* C code may have used X15 */
    mov rsp, rbp
    pop rbp
    .cfi_def_cfa rsp, 8
    .cfi_restore rbp
    ret
    .cfi_endproc
rgo_endfunc rgo_make_func_stub

/* ---- rgo_regs_roundtrip ------------------------------------------------ */

/*
 * void rgo_regs_roundtrip(const rgo_reg_args *in, rgo_reg_args *out) [C ABI]
 *
 * Entry: RDI = in, RSI = out.
 * Exit:  out->ints / out->floats = in->ints / in->floats, having passed
 *        through the argument registers via rgo_unspill_args and
 *        rgo_spill_args. RBX R12 R13 restored; caller-saved clobbered.
 *
 *     | return address |
 *     | saved RBX      |
 *     | saved R12      |
 *     | saved R13      | <- RSP
 */
rgo_func rgo_regs_roundtrip
    .cfi_startproc
    push rbx
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset rbx, 0
    push r12
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset r12, 0
    push r13
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset r13, 0
    mov r13, rsi                    /* out survives the unspill in R13 */
    mov r12, rdi
    call rgo_unspill_args
    mov r12, r13
    call rgo_spill_args
    pop r13
    .cfi_adjust_cfa_offset -8
    .cfi_restore r13
    pop r12
    .cfi_adjust_cfa_offset -8
    .cfi_restore r12
    pop rbx
    .cfi_adjust_cfa_offset -8
    .cfi_restore rbx
    ret
    .cfi_endproc
rgo_endfunc rgo_regs_roundtrip

    .section .note.GNU-stack, "", @progbits
