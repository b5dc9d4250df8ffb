/*
 * runtime/arm64.S - rt-core's transitions between the Rust runtime (C ABI,
 * AAPCS64) and Go code (ABIInternal) on AArch64 Linux, and between
 * goroutine stack segments.
 *
 * Go's ABIInternal fixes registers the C ABI does not know about (the
 * conventions rgo's compiler follows are written down in docs/targets.md):
 *   R28  the current goroutine (a G*)      callee-saved in the C ABI too
 *   R26  closure context                   callee-saved in the C ABI
 *   R29  frame pointer, R30 link register
 * Every other register is clobbered by a Go call, including R19-R27 and
 * D8-D15, which the C ABI treats as callee-saved. A compiled function F:
 *
 *     prologue  [stack check]  stp x29, x30, [sp, #-16]!  mov x29, sp
 *               sub sp, sp, #size
 *     epilogue  mov sp, x29  ldp x29, x30, [sp], #16  ret
 *
 * so F's entry SP is its argument pointer (x29 + 16, what recover
 * compares); [entry SP] is its caller's fixed frame word and its stack
 * arguments start at entry SP + 8.
 *
 * Two stacks: Go code runs on the goroutine's stack (a chain of segments,
 * see docs/stacks.md), the runtime's Rust code on the system stack. The
 * goroutine record's header (rgo_abi.h, RGO_G_*) holds the switch points:
 * g.sys_sp, where runtime calls go, and g.go_sp, the goroutine stack pointer
 * saved by the latest switch. Compiled code switches around every runtime
 * call (X19 is callee-saved in C, so it keeps the goroutine SP):
 *
 *     mov x19, sp
 *     ldr x16, [x28, #RGO_G_SYS_SP]
 *     mov sp, x16
 *     str x19, [x28, #RGO_G_GO_SP]
 *     bl rgo_...
 *     mov sp, x19
 *
 * GNU as, preprocessed by the C compiler; the macros come from rt-arch's
 * asm/ directory. rt-core's build.rs assembles this file into rt-core (and
 * so into the rgo-rt static library). The Rust side of these routines is
 * in rt-core/src (stack.rs, gocall.rs, defer.rs, signal.rs; the
 * architecture's items in arch/arm64.rs).
 */

#include "rgo_asm.h"
#include "arm64_c_frame.h"
#include "arm64_regs.h"

/*
 * The Go registers that the C ABI does not preserve and that a Go
 * function may hold live values in at a call or a return (its argument and
 * result registers), saved on the system stack around Rust calls made by
 * the stack switch routines, which must look transparent to Go code:
 *
 *     +-----------------------+ <- SP before save_go_regs (16-aligned)
 *     | D0-D7                 | SP + 128 .. SP + 184
 *     | X0-X15                | SP + 0   .. SP + 120
 *     +-----------------------+ <- SP after
 *
 * D8-D15 (the low 64 bits, all a Go float register holds), X19-X29 are
 * callee-saved in the C ABI; X16, X17 carry the routines' own values.
 */
#define GO_REGS_SIZE 192

/*
 * rt_gate fn: calls fn (rgo_rt_enter or rgo_rt_exit) when several threads
 * run Go code (rt-core's rgo_parallel), every register kept (X16 and X30
 * saved below SP for it); with one thread, a load and a branch. Compiled
 * code emits the same test around each runtime call, with X16 and X30
 * free there (toolchain/src/isa/arm64/code.rs).
 */
.macro rt_gate fn
    stp x16, x30, [sp, #-16]!
    adrp x16, rgo_parallel
    ldrb w16, [x16, :lo12:rgo_parallel]
    cbz w16, 1f
    bl \fn
1:
    ldp x16, x30, [sp], #16
.endm

.macro save_go_regs
    sub sp, sp, #GO_REGS_SIZE
    stp x0, x1, [sp, #0]
    stp x2, x3, [sp, #16]
    stp x4, x5, [sp, #32]
    stp x6, x7, [sp, #48]
    stp x8, x9, [sp, #64]
    stp x10, x11, [sp, #80]
    stp x12, x13, [sp, #96]
    stp x14, x15, [sp, #112]
    stp d0, d1, [sp, #128]
    stp d2, d3, [sp, #144]
    stp d4, d5, [sp, #160]
    stp d6, d7, [sp, #176]
.endm

.macro restore_go_regs
    ldp x0, x1, [sp, #0]
    ldp x2, x3, [sp, #16]
    ldp x4, x5, [sp, #32]
    ldp x6, x7, [sp, #48]
    ldp x8, x9, [sp, #64]
    ldp x10, x11, [sp, #80]
    ldp x12, x13, [sp, #96]
    ldp x14, x15, [sp, #112]
    ldp d0, d1, [sp, #128]
    ldp d2, d3, [sp, #144]
    ldp d4, d5, [sp, #160]
    ldp d6, d7, [sp, #176]
    add sp, sp, #GO_REGS_SIZE
.endm

/*
 * rgo_words rgo_gocall(G *g, const void *fn, uintptr argp, uintptr word)
 *                                                             [C ABI]
 *
 * Entry: X0 = g, the goroutine the Go code runs as;
 *        X1 = fn, a Go func value (a closure: its first word is the code
 *              address) of an ABIInternal function taking at most one
 *              word argument (in R0) and returning at most two words (in
 *              R0, R1): a func() (deferred calls, rgo.main) or a method
 *              func() string with its receiver as one word;
 *        X2 = argp: the goroutine stack pointer at the call, 16-aligned,
 *              inside g's current segment, everything below it free;
 *              its argument area above it is reserved (ABIInternal:
 *              the caller's): for a word argument the fixed frame word
 *              and the spill slot [argp + 8, argp + 16) (rt-core's
 *              GOCALL_WORD_ARGS), which the callee's prologue writes
 *              when it calls rgo_morestack;
 *        X3 = word, the argument (R0 at the call);
 *        X30 = return address; SP 16-aligned, on the system stack.
 * Exit:  X0, X1 = the callee's R0, R1;
 *        X19-X29, D8-D15 and SP as on entry; g->sys_sp and g->go_sp as on
 *        entry; every other register clobbered.
 *
 * Runs the function on the goroutine stack with X28 = g, X26 = fn (the
 * closure context) and SP = argp at the call (the callee's entry SP, its
 * argument pointer). The code address is loaded on the goroutine stack: a
 * nil fn faults there, in Go's context, and becomes a nil-dereference
 * panic as in gc. While the callee runs, g->sys_sp is this routine's
 * frame, so runtime calls made by that Go code run below the runtime
 * frames that are live here:
 *
 *     system stack                        goroutine stack
 *     | caller's frame           |        | ...                     |
 *     +--------------------------+        +-------------------------+ <- argp
 *     | D8-D15, X19-X28          |        | the callee's frame ...  |
 *     | X29, X30                 | <- X29
 *     | saved g->sys_sp, go_sp   |
 *     +--------------------------+ <- g->sys_sp during the call
 *
 * After the call X28 is still g (ABIInternal preserves it) and leads back
 * to this frame through g->sys_sp. A deferred call that recovers a panic
 * never returns here: the runtime resumes Go code elsewhere and resets
 * g->sys_sp itself (see rgo_resume).
 */
rgo_section_func rgo_gocall
    .cfi_startproc
    save_c_callee_saved
    ldr x9, [x0, #RGO_G_SYS_SP]
    ldr x10, [x0, #RGO_G_GO_SP]
    stp x9, x10, [sp, #-16]!
    .cfi_adjust_cfa_offset 16
    .cfi_remember_state
    .cfi_def_cfa x29, 160
    mov x9, sp
    str x9, [x0, #RGO_G_SYS_SP]
    mov x28, x0
    mov x26, x1
    mov x0, x3
    mov sp, x2
    ldr x16, [x26]
    blr x16
    ldr x9, [x28, #RGO_G_SYS_SP]
    mov sp, x9
    .cfi_restore_state
    ldp x9, x10, [sp], #16
    .cfi_adjust_cfa_offset -16
    str x9, [x28, #RGO_G_SYS_SP]
    str x10, [x28, #RGO_G_GO_SP]
    restore_c_callee_saved
    ret
    .cfi_endproc
rgo_endfunc rgo_gocall

/*
 * void rgo_reflectcall_g(const rgo_call_frame *frame, G *g, uintptr argp)
 *                                                             [C ABI]
 *
 * Entry: X0 = frame (as for rt-arch's rgo_reflectcall), X1 = g,
 *        X2 = argp: where rgo_reflectcall runs on the goroutine stack
 *              (16-aligned, room for its frames below);
 *        X30 = return address; SP 16-aligned, on the system stack.
 * Exit:  as rgo_reflectcall (results in *frame->regs and the stack area);
 *        X19-X29, D8-D15, SP, g->sys_sp, g->go_sp preserved.
 *
 * rgo_reflectcall (C ABI) passes X28 through to the Go callee untouched;
 * this sets it to g and moves the whole call to the goroutine stack, with
 * g->sys_sp pointing here for runtime calls the Go code makes.
 * rgo_reflectcall keeps X28 and X29 (C callee-saved), so both lead back.
 *
 *     system stack                        goroutine stack
 *     | caller's frame    |               +------------------------+ <- argp
 *     +-------------------+               | rgo_reflectcall's and  |
 *     | saved go_sp       | SP + 40       | its trampoline's frame |
 *     | saved sys_sp      | SP + 32       | the Go callee ...      |
 *     | padding           | SP + 24
 *     | saved X28         | SP + 16
 *     | X29, X30          | SP + 0  <- X29 = g->sys_sp during the call
 *     +-------------------+
 */
rgo_section_func rgo_reflectcall_g
    .cfi_startproc
    stp x29, x30, [sp, #-48]!
    .cfi_def_cfa_offset 48
    .cfi_offset x29, -48
    .cfi_offset x30, -40
    mov x29, sp
    .cfi_def_cfa x29, 48
    str x28, [sp, #16]
    .cfi_offset x28, -32
    ldr x9, [x1, #RGO_G_SYS_SP]
    ldr x10, [x1, #RGO_G_GO_SP]
    stp x9, x10, [sp, #32]
    mov x9, sp
    str x9, [x1, #RGO_G_SYS_SP]
    mov x28, x1
    mov sp, x2
    bl rgo_reflectcall
    mov sp, x29
    .cfi_def_cfa sp, 48
    ldp x9, x10, [sp, #32]
    str x9, [x28, #RGO_G_SYS_SP]
    str x10, [x28, #RGO_G_GO_SP]
    ldr x28, [sp, #16]
    .cfi_restore x28
    ldp x29, x30, [sp], #48
    .cfi_def_cfa_offset 0
    .cfi_restore x29
    .cfi_restore x30
    ret
    .cfi_endproc
rgo_endfunc rgo_reflectcall_g

/*
 * rgo_reflect_gostub                                  [Go ABIInternal]
 *
 * The code of the func values package reflect makes at run time for Go
 * programs (MakeFunc, the Interface of a method value): a runtime call
 * made on the caller's behalf, recorded as compiled code records one
 * (g->go_sp = the caller's stack pointer at the call, g->go_pc = the
 * return address), so the collector walks the caller from its call site
 * and Go code the handler calls runs below the caller's frame. Nothing of
 * the stub stays on the goroutine stack; the register block is on the
 * system stack. rt-core's rgo_reflect_gostub_rs (reflectrt.rs) does the
 * work: it reads the arguments out of the block and the caller's stack
 * argument area, calls the Go side, and writes the results back.
 *
 * Entry: X26 = closure (the Go object reflect made: this stub's address,
 *        then what the handler reads); R0-R15 / F0-F15 = register
 *        arguments; X30 = return address; [SP] = the caller's fixed frame
 *        word, 8(SP) = first stack argument; X28 = g; SP on the goroutine
 *        stack.
 * Exit:  R0-R15 / F0-F15 = register results from the block; stack results
 *        written in place by the handler; SP, X29, X28 preserved;
 *        everything else clobbered. X19 holds the caller's stack pointer
 *        and X20 the return address across the handler (C callee-saved).
 *
 *     goroutine stack                      system stack
 *     | caller's stack args ... |          +------------------------+ <- g->sys_sp
 *     | caller's fixed frame    | <- X19   | rgo_reg_args regs      |
 *     +-------------------------+          +------------------------+ <- SP = &regs
 */
rgo_section_func rgo_reflect_gostub
    .cfi_startproc
    mov x19, sp
    .cfi_def_cfa_register x19
    mov x20, x30
    .cfi_register x30, x20
    str x19, [x28, #RGO_G_GO_SP]
    str x30, [x28, #RGO_G_GO_PC]
    rt_gate rgo_rt_enter
    ldr x16, [x28, #RGO_G_SYS_SP]
    sub sp, x16, #RGO_REGS_SIZE
    mov x21, sp
    spill_ints x21
    spill_floats x21
    mov x0, x26                         /* closure */
    add x1, x19, #RGO_FIXED_FRAME_SIZE  /* the caller's stack arguments */
    mov x2, sp                          /* &regs */
    bl rgo_reflect_gostub_rs
    mov x21, sp
    unspill_ints x21
    unspill_floats x21
    mov sp, x19
    .cfi_def_cfa_register sp
    rt_gate rgo_rt_exit
    ret x20
    .cfi_endproc
rgo_endfunc rgo_reflect_gostub

/*
 * rgo_morestack                           [compiled prologues' convention]
 *
 * Entry: SP = F's entry stack pointer (the prologue checks before it
 *        pushes anything), on the old segment;
 *        X20 = F's own return address; X30 = the continuation (the
 *              return address into F's prologue);
 *        X21 = bytes F needs below its entry SP;
 *        X22 = bytes of F's incoming argument area (the ABI's stack area,
 *              then the spill area) at entry SP + 8, register arguments
 *              already spilled into its spill part;
 *        X28 = g; X29 = F's caller's frame pointer; X26 = F's closure
 *        context; the argument registers hold F's arguments.
 * Exit:  jumps to the continuation with SP on a new segment (16-aligned):
 *        [SP + 8 ...] = a copy of the argument area; X30 = &rgo_lessstack
 *        (F's return address from now on);
 *        X0-X15, D0-D15, X26, X28, X29 as on entry; X16, X17, X19-X22
 *        clobbered; g's stack fields describe the new segment.
 *        A preemption request (g->stackguard poisoned, rt-core's
 *        sched.rs) that needs no new segment: the same, except that SP =
 *        F's entry SP on the old segment (unchanged) and X30 = F's own
 *        return address (X20).
 *
 *     old segment                          new segment
 *     | F's caller's frame   |             | (record)             | hi
 *     | argument area        |  -- copy -> | argument area        |
 *     | fixed frame word     | <- SP at    | (fixed frame word)   | <- SP at exit
 *     +----------------------+    entry    +----------------------+
 *
 * The work happens in Rust (rgo_morestack_rs in stack.rs) on the system
 * stack, with the Go registers the C ABI does not keep saved there: the
 * prologue spilled the register arguments, but preserving all of them
 * costs little next to a segment switch.
 */
rgo_section_func rgo_morestack
    .cfi_startproc
    .cfi_undefined x30
    rt_gate rgo_rt_enter
    mov x16, sp
    str x16, [x28, #RGO_G_GO_SP]
    ldr x17, [x28, #RGO_G_SYS_SP]
    mov sp, x17
    save_go_regs
    mov x0, x28                     /* g */
    mov x1, x16                     /* F's entry SP */
    mov x2, x20                     /* F's return address */
    mov x3, x30                     /* the continuation */
    mov x4, x21                     /* need */
    mov x5, x22                     /* args */
    bl rgo_morestack_rs             /* X0 = new SP, X1 = continuation */
    mov x16, x0
    mov x17, x1
    restore_go_regs
    mov sp, x16
    rt_gate rgo_rt_exit
    /* A preemption request that needed no new segment (rgo_morestack_rs
     * yielded and returned F's entry SP, still in g->go_sp): F returns
     * to its own return address (X20, callee-saved in the Rust call). */
    ldr x30, [x28, #RGO_G_GO_SP]
    cmp x16, x30
    adrp x30, rgo_lessstack
    add x30, x30, :lo12:rgo_lessstack
    csel x30, x20, x30, eq
    br x17
    .cfi_endproc
rgo_endfunc rgo_morestack

/*
 * rgo_lessstack                  [the return address morestack plants]
 *
 * Entry: a function F entered through rgo_morestack has returned (its
 *        `ret` jumped here): SP = its entry SP on the dying segment, its
 *        argument area (stack results written there) at SP + 8; the result
 *        registers X0-X15 and D0-D15 hold its results; X29 = F's caller's
 *        frame pointer; X28 = g; X26 whatever F left.
 * Exit:  continues at F's original return address (X30 = it) with SP =
 *        F's entry stack pointer on the older segment, the argument area
 *        copied back over F's caller's, X0-X15, D0-D15, X26, X28 and X29
 *        as on entry; X16, X17 clobbered; g's stack fields describe the
 *        older segment again. The dying segment stays mapped (cached).
 */
rgo_section_func rgo_lessstack
    .cfi_startproc
    .cfi_undefined x30
    rt_gate rgo_rt_enter
    add x16, sp, #8
    ldr x17, [x28, #RGO_G_SYS_SP]
    mov sp, x17
    save_go_regs
    mov x0, x28                     /* g */
    mov x1, x16                     /* the argument area */
    bl rgo_lessstack_rs             /* X0 = caller's SP, X1 = return address */
    mov x16, x0
    mov x30, x1
    restore_go_regs
    mov sp, x16
    rt_gate rgo_rt_exit
    ret
    .cfi_endproc
rgo_endfunc rgo_lessstack

/*
 * void rgo_resume(G *g, uintptr frame, uintptr pc)   [C ABI, no return]
 *
 * Entry: X0 = g, X1 = the frame pointer of the Go function to resume,
 *        X1's segment already current in g and g->sys_sp set;
 *        X2 = its landing pad.
 * Exit:  jumps to pc with X28 = g, X29 = frame, SP = frame (inside the
 *        frame's segment: the landing pad recomputes SP from X29), X16
 *        and X19 clobbered. The system stack frames of the caller are
 *        abandoned. With several processors, rgo_rt_unlock(g) runs first
 *        on the thread's scheduler stack (the runtime lock goes back
 *        unless runtime frames of g stay live): only once nothing of this
 *        thread is on the system stack any more.
 */
rgo_section_func rgo_resume
    .cfi_startproc
    .cfi_undefined x30
    mov x28, x0
    mov x29, x1
    adrp x16, rgo_parallel
    ldrb w16, [x16, :lo12:rgo_parallel]
    cbz w16, 1f
    mov x19, x2
    ldr x16, [x28, #RGO_G_M]
    ldr x16, [x16, #RGO_M_SCHED_TOP]
    mov sp, x16
    bl rgo_rt_unlock
    mov x2, x19
1:
    mov sp, x29
    br x2
    .cfi_endproc
rgo_endfunc rgo_resume

/*
 * rgo_sigpanic                    [entered from a rewritten signal context]
 *
 * Entry: as if the faulting instruction of a Go function had called it:
 *        X30 = the faulting pc (unchanged when the fault was a jump to 0),
 *        X28 = g (set by the handler), SP and every other register as at
 *        the fault. The fault is recorded in g (sig, sigcode0/1, sigpc).
 * Exit:  never returns: switches to the system stack (g->go_sp = SP, as
 *        a runtime call would) and panics (rgo_sigpanic_rs), which runs
 *        the deferred calls on the goroutine stack below.
 */
rgo_section_func rgo_sigpanic
    .cfi_startproc
    rt_gate rgo_rt_enter
    mov x19, sp
    ldr x16, [x28, #RGO_G_SYS_SP]
    mov sp, x16
    str x19, [x28, #RGO_G_GO_SP]
    bl rgo_sigpanic_rs
    brk #1
    .cfi_endproc
rgo_endfunc rgo_sigpanic

/*
 * The Error methods of the runtime's error types        [ABIInternal]
 *
 * Entry: X0 = the receiver as one interface word (a pointer to the value,
 *        or the pointer itself for *TypeAssertionError); X28 = g;
 *        X30 = return address; SP on the goroutine stack.
 * Exit:  X0 = the string's data, X1 = its length; SP, X28 and X29 as on
 *        entry; every other register clobbered.
 *
 * Calls the Rust text function (C ABI: receiver in X0, string back in
 * X0:X1) on the system stack, as compiled code calls the runtime; X20
 * (callee-saved in C) keeps the return address. No frame on the
 * goroutine stack.
 */
.macro rgo_error_shim name, text
rgo_section_func \name
    .cfi_startproc
    mov x20, x30
    .cfi_register x30, x20
    rt_gate rgo_rt_enter
    mov x19, sp
    ldr x16, [x28, #RGO_G_SYS_SP]
    mov sp, x16
    str x19, [x28, #RGO_G_GO_SP]
    bl \text
    mov sp, x19
    rt_gate rgo_rt_exit
    ret x20
    .cfi_endproc
rgo_endfunc \name
.endm

rgo_error_shim rgo_bounds_error_error, rgo_bounds_error_text
rgo_error_shim rgo_error_string_error, rgo_error_string_text
rgo_error_shim rgo_type_assertion_error_error, rgo_type_assertion_error_text

/*
 * Error() of runtime.plainError                           [ABIInternal]
 *
 * Entry: X0 = the receiver, a pointer to a struct whose first field is
 * the message string. Exit: X0, X1 = the string. A leaf that touches no
 * stack, so it runs on the goroutine stack as it is (rt-core/src/rterror.rs).
 */
rgo_section_func rgo_error_text_method
    .cfi_startproc
    ldr x1, [x0, #8]
    ldr x0, [x0]
    ret
    .cfi_endproc
rgo_endfunc rgo_error_text_method

/*
 * RuntimeError() of the runtime's error types            [ABIInternal]
 *
 * Entry: X0 = the receiver word. Exit: nothing changed (the method is a
 * marker for the runtime.Error interface).
 */
rgo_section_func rgo_runtime_error_method
    .cfi_startproc
    ret
    .cfi_endproc
rgo_endfunc rgo_runtime_error_method

/*
 * void rgo_breakpoint(void)                                   [C ABI]
 *
 * Entry/exit: nothing read or changed. runtime.Breakpoint(): a trap
 * (`brk #0`); the SIGTRAP handler reports it as Go does and exits with
 * status 2.
 */
rgo_section_func rgo_breakpoint
    .cfi_startproc
    brk #0
    ret
    .cfi_endproc
rgo_endfunc rgo_breakpoint

/*
 * rgo_sigreturn                                [signal handler restorer]
 *
 * Entry: X30 = this routine (the handler returned here), SP = the signal
 *        frame the kernel built: the saved context of the interrupted code.
 * Exit:  does not return here: rt_sigreturn resumes the interrupted code
 *        with every register from the saved context.
 *
 * Given as the SA_RESTORER of every handler (rt-core/src/os/linux), so
 * returning from a handler does not depend on the vDSO's trampoline.
 */
rgo_section_func rgo_sigreturn
    .cfi_startproc
    mov x8, #139                    /* __NR_rt_sigreturn */
    svc #0
    brk #1
    .cfi_endproc
rgo_endfunc rgo_sigreturn

/*
 * The goroutine switch (rt-core/src/sched.rs, docs/goroutines.md): see
 * amd64.S for the scheme. A goroutine blocks only inside a runtime call
 * on the system stack; rgo_ctx_park saves the AAPCS64 callee-saved state
 * there and calls the scheduler on a stack of its own, rgo_ctx_resume
 * returns from it once the scheduler copied that part of the system stack
 * back.
 *
 * void rgo_ctx_park(uintptr *save, uintptr stack, void (*f)(uintptr) noreturn,
 *                   uintptr arg)                              [C ABI]
 * void rgo_ctx_call(uintptr *save, uintptr stack, void (*f)(uintptr),
 *                   uintptr arg)                              [C ABI]
 *
 * The same code under two names; rgo_ctx_call's f may return (see
 * amd64.S), and then it returns as an ordinary call.
 *
 * Entry: X0 = save: where the saved stack pointer goes;
 *        X1 = stack: the top of the stack f runs on (16-aligned);
 *        X2 = f; X3 = its argument;
 *        X30 = return address; SP 16-aligned, on the system stack.
 * Exit:  returns through rgo_ctx_resume(*save), or when f returns: X19-X29, X30 (the
 *        return address), D8-D15 and SP as on entry; X0-X18 and the rest
 *        of the vector registers clobbered (caller-saved in AAPCS64).
 *
 *     +----------------------+ <- SP at entry
 *     | D8 - D15             | +96 .. +152
 *     | X19 - X28            | +16 .. +88
 *     | X29, X30             | +0, +8
 *     +----------------------+ <- *save
 */
rgo_section_func rgo_ctx_park
    .globl rgo_ctx_call
    .type rgo_ctx_call, @function
rgo_ctx_call:
    .cfi_startproc
    save_c_callee_saved
    mov x16, sp
    str x16, [x0]
    mov x19, x0
    mov sp, x1
    mov x0, x3
    mov x29, xzr
    blr x2
    /* f returned: back to the saved frame (X19 = save, kept by f). */
    ldr x16, [x19]
    mov sp, x16
    restore_c_callee_saved
    ret
    .cfi_endproc
rgo_endfunc rgo_ctx_park

/*
 * void rgo_ctx_resume(uintptr sp)                  [C ABI, no return]
 *
 * Entry: X0 = a stack pointer rgo_ctx_park saved, its frame intact.
 * Exit:  returns from that rgo_ctx_park (to its X30) with X19-X30, D8-D15
 *        and SP as at its entry; the caller's stack is abandoned.
 */
rgo_section_func rgo_ctx_resume
    .cfi_startproc
    .cfi_undefined x30
    mov sp, x0
    restore_c_callee_saved
    ret
    .cfi_endproc
rgo_endfunc rgo_ctx_resume

/*
 * void rgo_call_on(uintptr stack, void (*f)(uintptr) noreturn, uintptr arg)
 *                                                  [C ABI, no return]
 *
 * Entry: X0 = the top of a stack (16-aligned), X1 = f, X2 = its argument.
 * Exit:  never returns: calls f(arg) with SP = stack and X29 = 0.
 */
rgo_section_func rgo_call_on
    .cfi_startproc
    .cfi_undefined x30
    mov sp, x0
    mov x0, x2
    mov x29, xzr
    blr x1
    brk #1
    .cfi_endproc
rgo_endfunc rgo_call_on

/*
 * void rgo_go_start(G *g, const void *fn, uintptr argp)   [C ABI, no return]
 *
 * Entry: X0 = g, the goroutine to start: current, its first segment
 *             entered, g->sys_sp the top of the system stack part
 *             goroutines use;
 *        X1 = fn, its Go func value (type func(): no arguments, no
 *             results);
 *        X2 = argp, the top of its first segment (16-aligned, everything
 *             below it free).
 * Exit:  never returns: enters fn's code as rgo_gocall calls it (X28 = g,
 *        X26 = fn, SP = argp) with X29 = 0 and X30 = rgo_go_exit's
 *        return address; the caller's stack is abandoned.
 *
 * Unlike a call through rgo_gocall, nothing of the goroutine stays on the
 * system stack while its Go code runs: its runtime calls start at
 * g->sys_sp, the top, and a switch copies only their frames.
 */
rgo_section_func rgo_go_start
    .cfi_startproc
    .cfi_undefined x30
    mov x28, x0
    mov x26, x1
    mov sp, x2
    mov x29, xzr
    adrp x30, .Lgo_exit_ret
    add x30, x30, :lo12:.Lgo_exit_ret
    ldr x16, [x26]
    br x16
    .cfi_endproc
rgo_endfunc rgo_go_start

/*
 * rgo_go_exit                                          [Go ABIInternal]
 *
 * Where every function rgo_go_start entered returns: the return address
 * is the instruction after the nop, so that it minus one lies in this
 * routine, which no stack walk takes for compiled code.
 *
 * Entry: SP = argp of rgo_go_start, X28 = g.
 * Exit:  never returns: switches to the system stack as a runtime call
 *        does (g->go_sp = SP; g->go_pc = 0: no Go frame is left) and
 *        calls rgo_go_exit_rs, which ends the goroutine.
 */
rgo_section_func rgo_go_exit
    .cfi_startproc
    .cfi_undefined x30
    nop
.Lgo_exit_ret:
    rt_gate rgo_rt_enter
    mov x19, sp
    ldr x16, [x28, #RGO_G_SYS_SP]
    mov sp, x16
    str x19, [x28, #RGO_G_GO_SP]
    str xzr, [x28, #RGO_G_GO_PC]
    bl rgo_go_exit_rs
    brk #1
    .cfi_endproc
rgo_endfunc rgo_go_exit

/*
 * go_to_sched_stack bytes: the first steps of rgo_rt_try and rgo_rt_pure.
 * The Go caller's frame goes into g (go_pc, go_sp: as a runtime call's
 * would), then SP moves `bytes` below the top of the thread's scheduler
 * stack.
 * Entry: X28 = g, X30 = the return address into the Go caller, SP its.
 * Exit:  SP = g->m's scheduler stack top - bytes; X16 = the goroutine's SP;
 *        X17 = g->m; X15 clobbered.
 */
.macro go_to_sched_stack bytes
    str x30, [x28, #RGO_G_GO_PC]
    mov x16, sp
    str x16, [x28, #RGO_G_GO_SP]
    ldr x17, [x28, #RGO_G_M]
    ldr x15, [x17, #RGO_M_SCHED_TOP]
    sub x15, x15, #\bytes
    mov sp, x15
.endm

/*
 * rgo_rt_try                             [compiled code, several processors]
 *
 * A runtime call without the runtime lock: compiled code calls it in place
 * of rgo_rt_enter before a call of an entry point that has a lockless
 * variant (the toolchain's runtime_abi::LOCKLESS; rt-core's *_nolock
 * functions), with the entry point's arguments loaded, and skips the
 * locked call when the variant did the work.
 *
 * Entry: X0-X4 = the entry point's arguments (at most five, integers),
 *        X9 = the lockless variant, X28 = g, X30 = the return address into
 *        the Go caller, SP its stack pointer.
 * Exit:  X9 = 0 when the variant declined (X0-X4 as on entry: the locked
 *        call follows), else not 0, with X0 and X1 = the entry point's
 *        results; X19-X29, X30 and SP as on entry; the other caller-saved
 *        registers clobbered (compiled code keeps nothing in them across a
 *        runtime call). g->go_sp and g->go_pc name the caller's frame, as a
 *        runtime call's would. The variant runs as variant(g->m,
 *        arguments...) on the thread's scheduler stack (free while a
 *        goroutine of the thread runs):
 *
 *     scheduler stack of g->m
 *     +-----------------------+ <- sched_top
 *     | X30                   | +48
 *     | X4, goroutine SP      | +32
 *     | X0-X3                 |
 *     +-----------------------+ <- SP at the call
 */
rgo_section_func rgo_rt_try
    .cfi_startproc
    go_to_sched_stack 64
    stp x0, x1, [sp]
    stp x2, x3, [sp, #16]
    stp x4, x16, [sp, #32]
    str x30, [sp, #48]
    mov x5, x4
    mov x4, x3
    mov x3, x2
    mov x2, x1
    mov x1, x0
    mov x0, x17
    blr x9
    mov x9, x0
    ldr x30, [sp, #48]
    ldr x16, [sp, #40]
    cbnz x9, 1f
    ldp x0, x1, [sp]
    ldp x2, x3, [sp, #16]
    ldr x4, [sp, #32]
1:
    mov sp, x16
    ret
    .cfi_endproc
rgo_endfunc rgo_rt_try

/*
 * rgo_rt_pure                            [compiled code, several processors]
 *
 * A runtime call that needs nothing of the runtime's shared state (the
 * toolchain's runtime_abi::PURE: string comparison, memmove, the clocks,
 * math helpers): compiled code calls it in place of the locked call.
 *
 * Entry: the entry point's arguments in X0-X7 and D0-D7 (none on the
 *        stack), X9 = the entry point, X28 = g, X30 = the return address
 *        into the Go caller, SP its stack pointer.
 * Exit:  the entry point's results (X0, X1, D0, D1); X19-X29, X30 and SP as
 *        on entry; the other caller-saved registers clobbered. g->go_sp and
 *        g->go_pc name the caller's frame, as a runtime call's would. The
 *        entry point runs on the thread's scheduler stack (free while a
 *        goroutine of the thread runs), without the runtime lock, with the
 *        goroutine's SP and X30 saved at its top.
 */
rgo_section_func rgo_rt_pure
    .cfi_startproc
    go_to_sched_stack 16
    stp x16, x30, [sp]
    blr x9
    ldp x16, x30, [sp]
    mov sp, x16
    ret
    .cfi_endproc
rgo_endfunc rgo_rt_pure

/*
 * rgo_rt_enter, rgo_rt_exit                 [any context, every register kept]
 *
 * The runtime lock's gates (rt-core's threads.rs) when several threads
 * run Go code: rgo_rt_enter before a runtime call switches to the system
 * stack, rgo_rt_exit after it switched back.
 *
 * Entry: X30 = return address; SP on the goroutine stack (32 bytes are
 *        pushed there); X28 = g, whose g->m is the thread running it.
 * Exit:  every register but X30 as on entry; rgo_rt_lock(g) or
 *        rgo_rt_unlock(g) ran on the thread's scheduler stack (free while
 *        a goroutine of the thread runs), with X0-X18 and Q0-Q31 saved on
 *        it:
 *
 *     goroutine stack                 scheduler stack of g->m
 *     | X16 X17 X30     |             +------------------------+ <- sched_top
 *     +-----------------+ <- X16      | Q0-Q31                 | +160
 *                                     | X18, goroutine SP      | +128
 *                                     | X0-X15                 | +0
 *                                     +------------------------+ <- SP at the call
 */
rgo_section_func rgo_rt_enter
    .cfi_startproc
    sub sp, sp, #32
    stp x16, x17, [sp]
    str x30, [sp, #16]
    adrp x17, rgo_rt_lock
    add x17, x17, :lo12:rgo_rt_lock
    b .Lrt_slow
    .cfi_endproc
rgo_endfunc rgo_rt_enter

rgo_section_func rgo_rt_exit
    .cfi_startproc
    sub sp, sp, #32
    stp x16, x17, [sp]
    str x30, [sp, #16]
    adrp x17, rgo_rt_unlock
    add x17, x17, :lo12:rgo_rt_unlock
.Lrt_slow:
    mov x16, sp
    ldr x30, [x28, #RGO_G_M]
    ldr x30, [x30, #RGO_M_SCHED_TOP]
    mov sp, x30
    sub sp, sp, #672
    stp x0, x1, [sp, #0]
    stp x2, x3, [sp, #16]
    stp x4, x5, [sp, #32]
    stp x6, x7, [sp, #48]
    stp x8, x9, [sp, #64]
    stp x10, x11, [sp, #80]
    stp x12, x13, [sp, #96]
    stp x14, x15, [sp, #112]
    stp x18, x16, [sp, #128]
    stp q0, q1, [sp, #160]
    stp q2, q3, [sp, #192]
    stp q4, q5, [sp, #224]
    stp q6, q7, [sp, #256]
    stp q8, q9, [sp, #288]
    stp q10, q11, [sp, #320]
    stp q12, q13, [sp, #352]
    stp q14, q15, [sp, #384]
    stp q16, q17, [sp, #416]
    stp q18, q19, [sp, #448]
    stp q20, q21, [sp, #480]
    stp q22, q23, [sp, #512]
    stp q24, q25, [sp, #544]
    stp q26, q27, [sp, #576]
    stp q28, q29, [sp, #608]
    stp q30, q31, [sp, #640]
    mov x0, x28
    blr x17
    ldp q0, q1, [sp, #160]
    ldp q2, q3, [sp, #192]
    ldp q4, q5, [sp, #224]
    ldp q6, q7, [sp, #256]
    ldp q8, q9, [sp, #288]
    ldp q10, q11, [sp, #320]
    ldp q12, q13, [sp, #352]
    ldp q14, q15, [sp, #384]
    ldp q16, q17, [sp, #416]
    ldp q18, q19, [sp, #448]
    ldp q20, q21, [sp, #480]
    ldp q22, q23, [sp, #512]
    ldp q24, q25, [sp, #544]
    ldp q26, q27, [sp, #576]
    ldp q28, q29, [sp, #608]
    ldp q30, q31, [sp, #640]
    ldp x0, x1, [sp, #0]
    ldp x2, x3, [sp, #16]
    ldp x4, x5, [sp, #32]
    ldp x6, x7, [sp, #48]
    ldp x8, x9, [sp, #64]
    ldp x10, x11, [sp, #80]
    ldp x12, x13, [sp, #96]
    ldp x14, x15, [sp, #112]
    ldp x18, x16, [sp, #128]
    mov sp, x16
    ldp x16, x17, [sp]
    ldr x30, [sp, #16]
    add sp, sp, #32
    ret
    .cfi_endproc
rgo_endfunc rgo_rt_exit

/*
 * rgo_rt_leave                              [compiled code, several processors]
 *
 * rgo_rt_exit for compiled code's runtime calls, which keep nothing in
 * caller-saved registers across the call but its results: the lock goes
 * back (rgo_rt_unlock(g), on the thread's scheduler stack) with only the
 * result registers kept.
 *
 * Entry: X0, X1, Q0, Q1 = the runtime call's results; X28 = g, whose g->m
 *        is the thread running it; X30 = return address.
 * Exit:  X0, X1, Q0, Q1, X19-X29, X30 and SP as on entry; the other
 *        caller-saved registers clobbered.
 *
 *     scheduler stack of g->m
 *     +-----------------------+ <- sched_top
 *     | goroutine SP, X30     | +48
 *     | Q0 Q1                 | +16
 *     | X0 X1                 |
 *     +-----------------------+ <- SP at the call
 */
rgo_section_func rgo_rt_leave
    .cfi_startproc
    mov x16, sp
    ldr x17, [x28, #RGO_G_M]
    ldr x17, [x17, #RGO_M_SCHED_TOP]
    sub x17, x17, #64
    mov sp, x17
    stp x0, x1, [sp]
    stp q0, q1, [sp, #16]
    stp x16, x30, [sp, #48]
    mov x0, x28
    bl rgo_rt_unlock
    ldp x0, x1, [sp]
    ldp q0, q1, [sp, #16]
    ldp x16, x30, [sp, #48]
    mov sp, x16
    ret
    .cfi_endproc
rgo_endfunc rgo_rt_leave

    .section .note.GNU-stack, "", @progbits
