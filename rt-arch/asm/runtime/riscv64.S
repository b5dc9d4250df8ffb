/*
 * runtime/riscv64.S - rt-core's transitions between the Rust runtime (C
 * ABI, LP64D) and Go code (ABIInternal) on RISC-V 64 Linux, and between
 * goroutine stack segments.
 *
 * Go's ABIInternal fixes registers the C ABI does not know about (the
 * conventions rgo's compiler follows are written down in docs/targets.md):
 *   X27 (s11)  the current goroutine (a G*)   callee-saved in the C ABI too
 *   X26 (s10)  closure context                callee-saved in the C ABI
 *   X25 (s9)   frame pointer of compiled code (X8 is an argument register)
 *   X1  (ra)   return address
 * Every other register is clobbered by a Go call, including the C ABI's
 * callee-saved s0-s8 and fs0-fs11 (many are Go argument registers:
 * X8 X9 X18-X23, F8 F9 F18-F23). A compiled function F:
 *
 *     prologue  [stack check]  addi sp, sp, -16  sd ra, 8(sp)  sd s9, 0(sp)
 *               mv s9, sp  (sp -= size)
 *     epilogue  mv sp, s9  ld ra, 8(sp)  ld s9, 0(sp)  addi sp, sp, 16  ret
 *
 * so F's entry SP is its argument pointer (s9 + 16, what recover
 * compares); [entry SP] is its caller's fixed frame word and its stack
 * arguments start at entry SP + 8.
 *
 * Two stacks: Go code runs on the goroutine's stack (a chain of segments,
 * see docs/stacks.md), the runtime's Rust code on the system stack. The
 * goroutine record's header (rgo_abi.h, RGO_G_*) holds the switch points:
 * g.sys_sp, where runtime calls go, and g.go_sp, the goroutine stack pointer
 * saved by the latest switch. Compiled code switches around every runtime
 * call (s8 = X24 is callee-saved in C, so it keeps the goroutine SP):
 *
 *     mv s8, sp
 *     ld t0, RGO_G_SYS_SP(s11)
 *     mv sp, t0
 *     sd s8, RGO_G_GO_SP(s11)
 *     call rgo_...
 *     mv sp, s8
 *
 * GNU as, preprocessed by the C compiler; the macros come from rt-arch's
 * asm/ directory. rt-core's build.rs assembles this file into rt-core (and
 * so into the rgo-rt static library). The Rust side of these routines is
 * in rt-core/src (stack.rs, gocall.rs, defer.rs, signal.rs; the
 * architecture's items in arch/riscv64.rs).
 */

#include "rgo_asm.h"
#include "riscv64_c_frame.h"
#include "riscv64_regs.h"

/*
 * The Go registers that the C ABI does not preserve and that a Go
 * function may hold live values in at a call or a return (its argument and
 * result registers), saved on the system stack around Rust calls made by
 * the stack switch routines, which must look transparent to Go code:
 *
 *     +-----------------------+ <- SP before save_go_regs (16-aligned)
 *     | fa0-fa7 (F10-F17)     | SP + 64 .. SP + 120
 *     | a0-a7   (X10-X17)     | SP + 0  .. SP + 56
 *     +-----------------------+ <- SP after
 *
 * The other Go argument registers (X8 X9 X18-X23, F8 F9 F18-F23), s9,
 * s10 and s11 are callee-saved in the C ABI; t0-t6 carry the routines'
 * own values.
 */
#define GO_REGS_SIZE 128

/*
 * rt_gate fn: calls fn (rgo_rt_enter or rgo_rt_exit) when several threads
 * run Go code (rt-core's rgo_parallel), every register kept (t6 and ra
 * saved below SP for it); with one thread, a load and a branch. Compiled
 * code emits the same test around each runtime call, with t0 and ra free
 * there (toolchain/src/isa/riscv64/code.rs).
 */
.macro rt_gate fn
    addi sp, sp, -16
    sd t6, 0(sp)
    sd ra, 8(sp)
    lla t6, rgo_parallel
    lbu t6, 0(t6)
    beqz t6, 1f
    call \fn
1:
    ld t6, 0(sp)
    ld ra, 8(sp)
    addi sp, sp, 16
.endm

.macro save_go_regs
    addi sp, sp, -GO_REGS_SIZE
    .irp i, 0, 1, 2, 3, 4, 5, 6, 7
    sd a\i, (\i * 8)(sp)
    fsd fa\i, (64 + \i * 8)(sp)
    .endr
.endm

.macro restore_go_regs
    .irp i, 0, 1, 2, 3, 4, 5, 6, 7
    ld a\i, (\i * 8)(sp)
    fld fa\i, (64 + \i * 8)(sp)
    .endr
    addi sp, sp, GO_REGS_SIZE
.endm

/*
 * rgo_words rgo_gocall(G *g, const void *fn, uintptr argp, uintptr word)
 *                                                             [C ABI]
 *
 * Entry: a0 = g, the goroutine the Go code runs as;
 *        a1 = fn, a Go func value (a closure: its first word is the code
 *              address) of an ABIInternal function taking at most one
 *              word argument (in X10) and returning at most two words (in
 *              X10, X11): a func() (deferred calls, rgo.main) or a method
 *              func() string with its receiver as one word;
 *        a2 = argp: the goroutine stack pointer at the call, 16-aligned,
 *              inside g's current segment, everything below it free;
 *              its argument area above it is reserved (ABIInternal:
 *              the caller's): for a word argument the fixed frame word
 *              and the spill slot [argp + 8, argp + 16) (rt-core's
 *              GOCALL_WORD_ARGS), which the callee's prologue writes
 *              when it calls rgo_morestack;
 *        a3 = word, the argument (X10 at the call);
 *        ra = return address; SP 16-aligned, on the system stack.
 * Exit:  a0, a1 = the callee's X10, X11;
 *        ra, s0-s11, fs0-fs11 and SP as on entry; g->sys_sp and g->go_sp
 *        as on entry; every other register clobbered.
 *
 * Runs the function on the goroutine stack with s11 = g, s10 = fn (the
 * closure context), s9 = this frame (preserved by Go code, so it also
 * describes the frame to unwinders) and SP = argp at the call (the callee's entry SP, its
 * argument pointer). The code address is loaded on the goroutine stack: a
 * nil fn faults there, in Go's context, and becomes a nil-dereference
 * panic as in gc. While the callee runs, g->sys_sp is this routine's
 * frame, so runtime calls made by that Go code run below the runtime
 * frames that are live here:
 *
 *     system stack                        goroutine stack
 *     | caller's frame           |        | ...                     |
 *     +--------------------------+        +-------------------------+ <- argp
 *     | fs0-fs11, s0-s11, ra     | <- s9  | the callee's frame ...  |
 *     | saved g->go_sp           | SP + 8
 *     | saved g->sys_sp          | SP + 0
 *     +--------------------------+ <- g->sys_sp during the call
 *
 * After the call s11 is still g (ABIInternal preserves it) and leads back
 * to this frame through g->sys_sp. A deferred call that recovers a panic
 * never returns here: the runtime resumes Go code elsewhere and resets
 * g->sys_sp itself (see rgo_resume).
 */
rgo_section_func rgo_gocall
    .cfi_startproc
    save_c_callee_saved
    mv s9, sp
    .cfi_def_cfa s9, CSAVE_FRAME
    ld t0, RGO_G_SYS_SP(a0)
    ld t1, RGO_G_GO_SP(a0)
    addi sp, sp, -16
    sd t0, 0(sp)
    sd t1, 8(sp)
    sd sp, RGO_G_SYS_SP(a0)
    mv s11, a0
    mv s10, a1
    mv a0, a3
    mv sp, a2
    ld t0, 0(s10)
    jalr t0
    ld sp, RGO_G_SYS_SP(s11)
    ld t0, 0(sp)
    ld t1, 8(sp)
    addi sp, sp, 16
    .cfi_def_cfa sp, CSAVE_FRAME
    sd t0, RGO_G_SYS_SP(s11)
    sd t1, RGO_G_GO_SP(s11)
    restore_c_callee_saved
    ret
    .cfi_endproc
rgo_endfunc rgo_gocall

/*
 * void rgo_reflectcall_g(const rgo_call_frame *frame, G *g, uintptr argp)
 *                                                             [C ABI]
 *
 * Entry: a0 = frame (as for rt-arch's rgo_reflectcall), a1 = g,
 *        a2 = argp: where rgo_reflectcall runs on the goroutine stack
 *              (16-aligned, room for its frames below);
 *        ra = return address; SP 16-aligned, on the system stack.
 * Exit:  as rgo_reflectcall (results in *frame->regs and the stack area);
 *        ra, s0-s11, fs0-fs11, SP, g->sys_sp, g->go_sp preserved.
 *
 * rgo_reflectcall (C ABI) passes s11 through to the Go callee untouched;
 * this sets it to g and moves the whole call to the goroutine stack, with
 * g->sys_sp pointing here for runtime calls the Go code makes.
 * rgo_reflectcall keeps s0 and s11 (C callee-saved), so both lead back.
 *
 *     system stack                        goroutine stack
 *     | caller's frame    |               +------------------------+ <- argp
 *     +-------------------+               | rgo_reflectcall's and  |
 *     | padding           | SP + 40       | its trampoline's frame |
 *     | saved go_sp       | SP + 32       | the Go callee ...      |
 *     | saved sys_sp      | SP + 24
 *     | saved s11         | SP + 16
 *     | saved s0          | SP + 8
 *     | ra                | SP + 0  <- s0 = g->sys_sp during the call
 *     +-------------------+
 */
rgo_section_func rgo_reflectcall_g
    .cfi_startproc
    addi sp, sp, -48
    .cfi_adjust_cfa_offset 48
    sd ra, 0(sp)
    .cfi_rel_offset ra, 0
    sd s0, 8(sp)
    .cfi_rel_offset s0, 8
    sd s11, 16(sp)
    .cfi_rel_offset s11, 16
    mv s0, sp
    .cfi_def_cfa s0, 48
    ld t0, RGO_G_SYS_SP(a1)
    ld t1, RGO_G_GO_SP(a1)
    sd t0, 24(sp)
    sd t1, 32(sp)
    sd sp, RGO_G_SYS_SP(a1)
    mv s11, a1
    mv sp, a2
    call rgo_reflectcall
    mv sp, s0
    .cfi_def_cfa sp, 48
    ld t0, 24(sp)
    ld t1, 32(sp)
    sd t0, RGO_G_SYS_SP(s11)
    sd t1, RGO_G_GO_SP(s11)
    ld ra, 0(sp)
    .cfi_restore ra
    ld s0, 8(sp)
    .cfi_restore s0
    ld s11, 16(sp)
    .cfi_restore s11
    addi sp, sp, 48
    .cfi_adjust_cfa_offset -48
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
 *        then what the handler reads); X10-X17 X8 X9 X18-X23 /
 *        F10-F17 F8 F9 F18-F23 = register arguments; ra = return address;
 *        [SP] = the caller's fixed frame word, 8(SP) = first stack
 *        argument; X27 = g; SP on the goroutine stack.
 * Exit:  the argument registers = register results from the block; stack
 *        results written in place by the handler; SP, X25 (the compiled
 *        frame pointer), X27 preserved; everything else clobbered. s8
 *        (X24, C callee-saved) holds the caller's stack pointer across the
 *        handler; the return address waits in the system-stack frame.
 *
 *     goroutine stack                      system stack
 *     | caller's stack args ... |          +------------------------+ <- g->sys_sp
 *     | caller's fixed frame    | <- s8    | padding, return addr.  | +RGO_REGS_SIZE
 *     +-------------------------+          | rgo_reg_args regs      |
 *                                          +------------------------+ <- SP = &regs
 */
#define GOSTUB_RA RGO_REGS_SIZE
#define GOSTUB_FRAME (RGO_REGS_SIZE + 16)
rgo_section_func rgo_reflect_gostub
    .cfi_startproc
    mv s8, sp
    .cfi_def_cfa_register s8
    sd s8, RGO_G_GO_SP(s11)
    sd ra, RGO_G_GO_PC(s11)
    rt_gate rgo_rt_enter
    ld t0, RGO_G_SYS_SP(s11)
    addi sp, t0, -GOSTUB_FRAME
    sd ra, GOSTUB_RA(sp)
    mv t1, sp
    spill_ints t1
    spill_floats t1
    mv a0, x26                          /* closure */
    addi a1, s8, RGO_FIXED_FRAME_SIZE   /* the caller's stack arguments */
    mv a2, sp                           /* &regs */
    call rgo_reflect_gostub_rs
    mv t1, sp
    unspill_ints t1
    unspill_floats t1
    ld t0, GOSTUB_RA(sp)
    mv sp, s8
    .cfi_def_cfa_register sp
    rt_gate rgo_rt_exit
    jr t0
    .cfi_endproc
rgo_endfunc rgo_reflect_gostub

/*
 * rgo_morestack                           [compiled prologues' convention]
 *
 * Entry: SP = F's entry stack pointer (the prologue checks before it
 *        pushes anything), on the old segment;
 *        t2 (X7) = F's own return address; ra = the continuation (the
 *              return address into F's prologue);
 *        t0 (X5) = bytes F needs below its entry SP;
 *        t1 (X6) = bytes of F's incoming argument area (the ABI's stack
 *              area, then the spill area) at entry SP + 8, register
 *              arguments already spilled into its spill part;
 *        s11 = g; s9 = F's caller's frame pointer; s10 = F's closure
 *        context; the argument registers hold F's arguments.
 * Exit:  jumps to the continuation with SP on a new segment (16-aligned):
 *        [SP + 8 ...] = a copy of the argument area; ra = &rgo_lessstack
 *        (F's return address from now on);
 *        every Go argument register, s9, s10, s11 as on entry; t0-t6
 *        and s8 clobbered; g's stack fields describe the new segment.
 *        A preemption request (g->stackguard poisoned, rt-core's
 *        sched.rs) that needs no new segment: the same, except that SP =
 *        F's entry SP on the old segment (unchanged) and ra = F's own
 *        return address.
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
    .cfi_undefined ra
    rt_gate rgo_rt_enter
    mv t3, sp
    sd t3, RGO_G_GO_SP(s11)
    ld t4, RGO_G_SYS_SP(s11)
    mv sp, t4
    save_go_regs
    mv a0, s11                      /* g */
    mv a1, t3                       /* F's entry SP */
    mv a2, t2                       /* F's return address */
    mv a3, ra                       /* the continuation */
    mv a4, t0                       /* need */
    mv a5, t1                       /* args */
    mv s8, t2                       /* F's return address, kept by the call */
    call rgo_morestack_rs           /* a0 = new SP, a1 = continuation */
    mv t3, a0
    mv t4, a1
    restore_go_regs
    mv sp, t3
    rt_gate rgo_rt_exit
    /* A preemption request that needed no new segment (rgo_morestack_rs
     * yielded and returned F's entry SP, still in g->go_sp): F returns
     * to its own return address. */
    ld t5, RGO_G_GO_SP(s11)
    lla ra, rgo_lessstack
    bne t3, t5, 1f
    mv ra, s8
1:
    jr t4
    .cfi_endproc
rgo_endfunc rgo_morestack

/*
 * rgo_lessstack                  [the return address morestack plants]
 *
 * Entry: a function F entered through rgo_morestack has returned (its
 *        `ret` jumped here): SP = its entry SP on the dying segment, its
 *        argument area (stack results written there) at SP + 8; the result
 *        registers hold its results; s9 = F's caller's frame pointer;
 *        s11 = g; s10 whatever F left.
 * Exit:  continues at F's original return address (ra = it) with SP =
 *        F's entry stack pointer on the older segment, the argument area
 *        copied back over F's caller's, every result register, s9, s10
 *        and s11 as on entry; t3, t4 clobbered; g's stack fields describe
 *        the older segment again. The dying segment stays mapped (cached).
 */
rgo_section_func rgo_lessstack
    .cfi_startproc
    .cfi_undefined ra
    rt_gate rgo_rt_enter
    addi t3, sp, 8
    ld t4, RGO_G_SYS_SP(s11)
    mv sp, t4
    save_go_regs
    mv a0, s11                      /* g */
    mv a1, t3                       /* the argument area */
    call rgo_lessstack_rs           /* a0 = caller's SP, a1 = return address */
    mv t3, a0
    mv t4, a1
    restore_go_regs
    mv sp, t3
    rt_gate rgo_rt_exit
    mv ra, t4
    ret
    .cfi_endproc
rgo_endfunc rgo_lessstack

/*
 * void rgo_resume(G *g, uintptr frame, uintptr pc)   [C ABI, no return]
 *
 * Entry: a0 = g, a1 = the frame pointer of the Go function to resume,
 *        a1's segment already current in g and g->sys_sp set;
 *        a2 = its landing pad.
 * Exit:  jumps to pc with s11 = g, s9 = frame, SP = frame (inside the
 *        frame's segment: the landing pad recomputes SP from s9), t0 and
 *        s1 clobbered. The system stack frames of the caller are
 *        abandoned. With several processors, rgo_rt_unlock(g) runs first
 *        on the thread's scheduler stack (the runtime lock goes back
 *        unless runtime frames of g stay live): only once nothing of this
 *        thread is on the system stack any more.
 */
rgo_section_func rgo_resume
    .cfi_startproc
    .cfi_undefined ra
    mv s11, a0
    mv s9, a1
    lla t0, rgo_parallel
    lbu t0, 0(t0)
    beqz t0, 1f
    mv s1, a2
    ld t0, RGO_G_M(s11)
    ld sp, RGO_M_SCHED_TOP(t0)
    call rgo_rt_unlock
    mv a2, s1
1:
    mv sp, s9
    jr a2
    .cfi_endproc
rgo_endfunc rgo_resume

/*
 * rgo_sigpanic                    [entered from a rewritten signal context]
 *
 * Entry: as if the faulting instruction of a Go function had called it:
 *        ra = the faulting pc (unchanged when the fault was a jump to 0),
 *        s11 = g (set by the handler), SP and every other register as at
 *        the fault. The fault is recorded in g (sig, sigcode0/1, sigpc).
 * Exit:  never returns: switches to the system stack (g->go_sp = SP, as
 *        a runtime call would) and panics (rgo_sigpanic_rs), which runs
 *        the deferred calls on the goroutine stack below.
 */
rgo_section_func rgo_sigpanic
    .cfi_startproc
    rt_gate rgo_rt_enter
    mv s8, sp
    ld t0, RGO_G_SYS_SP(s11)
    mv sp, t0
    sd s8, RGO_G_GO_SP(s11)
    call rgo_sigpanic_rs
    unimp
    .cfi_endproc
rgo_endfunc rgo_sigpanic

/*
 * The Error methods of the runtime's error types        [ABIInternal]
 *
 * Entry: X10 = the receiver as one interface word (a pointer to the value,
 *        or the pointer itself for *TypeAssertionError); s11 = g;
 *        ra = return address; SP on the goroutine stack.
 * Exit:  X10 = the string's data, X11 = its length; SP, s9 and s11 as on
 *        entry; every other register clobbered.
 *
 * Calls the Rust text function (C ABI: receiver in a0, string back in
 * a0:a1) on the system stack, as compiled code calls the runtime; s1
 * (callee-saved in C, a scratch register to Go) keeps the return address.
 * No frame on the goroutine stack.
 */
.macro rgo_error_shim name, text
rgo_section_func \name
    .cfi_startproc
    mv s1, ra
    .cfi_register ra, s1
    rt_gate rgo_rt_enter
    mv s8, sp
    ld t0, RGO_G_SYS_SP(s11)
    mv sp, t0
    sd s8, RGO_G_GO_SP(s11)
    call \text
    mv sp, s8
    rt_gate rgo_rt_exit
    jr s1
    .cfi_endproc
rgo_endfunc \name
.endm

rgo_error_shim rgo_bounds_error_error, rgo_bounds_error_text
rgo_error_shim rgo_error_string_error, rgo_error_string_text
rgo_error_shim rgo_type_assertion_error_error, rgo_type_assertion_error_text

/*
 * Error() of runtime.plainError                           [ABIInternal]
 *
 * Entry: X10 = the receiver, a pointer to a struct whose first field is
 * the message string. Exit: X10, X11 = the string. A leaf that touches no
 * stack, so it runs on the goroutine stack as it is (rt-core/src/rterror.rs).
 */
rgo_section_func rgo_error_text_method
    .cfi_startproc
    ld a1, 8(a0)
    ld a0, 0(a0)
    ret
    .cfi_endproc
rgo_endfunc rgo_error_text_method

/*
 * RuntimeError() of the runtime's error types            [ABIInternal]
 *
 * Entry: X10 = the receiver word. Exit: nothing changed (the method is a
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
 * (`ebreak`); the SIGTRAP handler reports it as Go does and exits with
 * status 2.
 */
rgo_section_func rgo_breakpoint
    .cfi_startproc
    ebreak
    ret
    .cfi_endproc
rgo_endfunc rgo_breakpoint

/*
 * No rgo_sigreturn here: Linux on RISC-V has no SA_RESTORER, and signal
 * handlers return through the vDSO's rt_sigreturn trampoline.
 */

/*
 * The goroutine switch (rt-core/src/sched.rs, docs/goroutines.md): see
 * amd64.S for the scheme. A goroutine blocks only inside a runtime call
 * on the system stack; rgo_ctx_park saves the LP64D callee-saved state
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
 * Entry: a0 = save: where the saved stack pointer goes;
 *        a1 = stack: the top of the stack f runs on (16-aligned);
 *        a2 = f; a3 = its argument;
 *        ra = return address; SP 16-aligned, on the system stack.
 * Exit:  returns through rgo_ctx_resume(*save), or when f returns: s0-s11, fs0-fs11,
 *        ra and SP as on entry; every other register clobbered
 *        (caller-saved in LP64D).
 *
 *     +----------------------+ <- SP at entry
 *     | fs0 - fs11           | +104 .. +192
 *     | s0 - s11             | +8 .. +96
 *     | ra                   | +0
 *     +----------------------+ <- *save (CSAVE_FRAME bytes)
 */
rgo_section_func rgo_ctx_park
    .globl rgo_ctx_call
    .type rgo_ctx_call, @function
rgo_ctx_call:
    .cfi_startproc
    save_c_callee_saved
    sd sp, 0(a0)
    mv s1, a0
    mv sp, a1
    mv a0, a3
    li s0, 0
    jalr a2
    /* f returned: back to the saved frame (s1 = save, kept by f). */
    ld sp, 0(s1)
    restore_c_callee_saved
    ret
    .cfi_endproc
rgo_endfunc rgo_ctx_park

/*
 * void rgo_ctx_resume(uintptr sp)                  [C ABI, no return]
 *
 * Entry: a0 = a stack pointer rgo_ctx_park saved, its frame intact.
 * Exit:  returns from that rgo_ctx_park (to its ra) with s0-s11,
 *        fs0-fs11, ra and SP as at its entry; the caller's stack is
 *        abandoned.
 */
rgo_section_func rgo_ctx_resume
    .cfi_startproc
    .cfi_undefined ra
    mv sp, a0
    restore_c_callee_saved
    ret
    .cfi_endproc
rgo_endfunc rgo_ctx_resume

/*
 * void rgo_call_on(uintptr stack, void (*f)(uintptr) noreturn, uintptr arg)
 *                                                  [C ABI, no return]
 *
 * Entry: a0 = the top of a stack (16-aligned), a1 = f, a2 = its argument.
 * Exit:  never returns: calls f(arg) with SP = stack and s0 = 0.
 */
rgo_section_func rgo_call_on
    .cfi_startproc
    .cfi_undefined ra
    mv sp, a0
    mv a0, a2
    li s0, 0
    jalr a1
    ebreak
    .cfi_endproc
rgo_endfunc rgo_call_on

/*
 * void rgo_go_start(G *g, const void *fn, uintptr argp)   [C ABI, no return]
 *
 * Entry: a0 = g, the goroutine to start: current, its first segment
 *             entered, g->sys_sp the top of the system stack part
 *             goroutines use;
 *        a1 = fn, its Go func value (type func(): no arguments, no
 *             results);
 *        a2 = argp, the top of its first segment (16-aligned, everything
 *             below it free).
 * Exit:  never returns: enters fn's code as rgo_gocall calls it (s11 = g,
 *        s10 = fn, SP = argp) with s0 = 0 and ra = rgo_go_exit's return
 *        address; the caller's stack is abandoned.
 *
 * Unlike a call through rgo_gocall, nothing of the goroutine stays on the
 * system stack while its Go code runs: its runtime calls start at
 * g->sys_sp, the top, and a switch copies only their frames.
 */
rgo_section_func rgo_go_start
    .cfi_startproc
    .cfi_undefined ra
    mv s11, a0
    mv s10, a1
    mv sp, a2
    li s0, 0
    lla ra, .Lgo_exit_ret
    ld t0, 0(s10)
    jr t0
    .cfi_endproc
rgo_endfunc rgo_go_start

/*
 * rgo_go_exit                                          [Go ABIInternal]
 *
 * Where every function rgo_go_start entered returns: the return address
 * is the instruction after the nop, so that it minus one lies in this
 * routine, which no stack walk takes for compiled code.
 *
 * Entry: SP = argp of rgo_go_start, s11 = g.
 * Exit:  never returns: switches to the system stack as a runtime call
 *        does (g->go_sp = SP; g->go_pc = 0: no Go frame is left) and
 *        calls rgo_go_exit_rs, which ends the goroutine.
 */
rgo_section_func rgo_go_exit
    .cfi_startproc
    .cfi_undefined ra
    nop
.Lgo_exit_ret:
    rt_gate rgo_rt_enter
    mv s8, sp
    ld t0, RGO_G_SYS_SP(s11)
    mv sp, t0
    sd s8, RGO_G_GO_SP(s11)
    sd zero, RGO_G_GO_PC(s11)
    call rgo_go_exit_rs
    unimp
    .cfi_endproc
rgo_endfunc rgo_go_exit

/*
 * go_to_sched_stack bytes: the first steps of rgo_rt_try and rgo_rt_pure.
 * The Go caller's frame goes into g (go_pc, go_sp: as a runtime call's
 * would), then sp moves `bytes` below the top of the thread's scheduler
 * stack.
 * Entry: s11 = g, ra = the return address into the Go caller, sp its.
 * Exit:  sp = g->m's scheduler stack top - bytes; t3 = the goroutine's sp;
 *        t1 = g->m; t2 clobbered.
 */
.macro go_to_sched_stack bytes
    sd ra, RGO_G_GO_PC(s11)
    sd sp, RGO_G_GO_SP(s11)
    ld t1, RGO_G_M(s11)
    ld t2, RGO_M_SCHED_TOP(t1)
    mv t3, sp
    addi sp, t2, -\bytes
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
 * Entry: a0-a4 = the entry point's arguments (at most five, integers),
 *        t5 = the lockless variant, s11 = g, ra = the return address into
 *        the Go caller, sp its stack pointer.
 * Exit:  t5 = 0 when the variant declined (a0-a4 as on entry: the locked
 *        call follows), else not 0, with a0 and a1 = the entry point's
 *        results; s0-s11, ra and sp as on entry; the other caller-saved
 *        registers clobbered (compiled code keeps nothing in them across a
 *        runtime call). g->go_sp and g->go_pc name the caller's frame, as a
 *        runtime call's would. The variant runs as variant(g->m,
 *        arguments...) on the thread's scheduler stack (free while a
 *        goroutine of the thread runs):
 *
 *     scheduler stack of g->m
 *     +-----------------------+ <- sched_top
 *     | ra, goroutine sp      | +48
 *     | a0-a4                 |
 *     +-----------------------+ <- sp at the call
 */
rgo_section_func rgo_rt_try
    .cfi_startproc
    go_to_sched_stack 64
    sd a0, 0(sp)
    sd a1, 8(sp)
    sd a2, 16(sp)
    sd a3, 24(sp)
    sd a4, 32(sp)
    sd t3, 40(sp)
    sd ra, 48(sp)
    mv a5, a4
    mv a4, a3
    mv a3, a2
    mv a2, a1
    mv a1, a0
    mv a0, t1
    jalr t5
    mv t5, a0
    ld ra, 48(sp)
    bnez t5, 1f
    ld a0, 0(sp)
    ld a1, 8(sp)
    ld a2, 16(sp)
    ld a3, 24(sp)
    ld a4, 32(sp)
1:
    ld sp, 40(sp)
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
 * Entry: the entry point's arguments in a0-a7 and fa0-fa7 (none on the
 *        stack), t5 = the entry point, s11 = g, ra = the return address
 *        into the Go caller, sp its stack pointer.
 * Exit:  the entry point's results (a0, a1, fa0, fa1); s0-s11, ra and sp as
 *        on entry; the other caller-saved registers clobbered. g->go_sp and
 *        g->go_pc name the caller's frame, as a runtime call's would. The
 *        entry point runs on the thread's scheduler stack (free while a
 *        goroutine of the thread runs), without the runtime lock, with the
 *        goroutine's sp and ra saved at its top.
 */
rgo_section_func rgo_rt_pure
    .cfi_startproc
    go_to_sched_stack 16
    sd t3, 0(sp)
    sd ra, 8(sp)
    jalr t5
    ld ra, 8(sp)
    ld sp, 0(sp)
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
 * Entry: ra = return address; SP on the goroutine stack (32 bytes are
 *        pushed there); s11 = g, whose g->m is the thread running it.
 * Exit:  every register but ra as on entry; rgo_rt_lock(g) or
 *        rgo_rt_unlock(g) ran on the thread's scheduler stack (free while
 *        a goroutine of the thread runs), with the C ABI's caller-saved
 *        registers saved on it:
 *
 *     goroutine stack                 scheduler stack of g->m
 *     | t5 t6 ra        |             +------------------------+ <- sched_top
 *     +-----------------+ <- t5       | ft0-ft11, fa0-fa7      | +112
 *                                     | a0-a7, t0-t5           | +0
 *                                     +------------------------+ <- SP at the call
 */
rgo_section_func rgo_rt_enter
    .cfi_startproc
    addi sp, sp, -32
    sd t5, 0(sp)
    sd t6, 8(sp)
    sd ra, 16(sp)
    lla t6, rgo_rt_lock
    j .Lrt_slow
    .cfi_endproc
rgo_endfunc rgo_rt_enter

rgo_section_func rgo_rt_exit
    .cfi_startproc
    addi sp, sp, -32
    sd t5, 0(sp)
    sd t6, 8(sp)
    sd ra, 16(sp)
    lla t6, rgo_rt_unlock
.Lrt_slow:
    mv t5, sp
    ld ra, RGO_G_M(s11)
    ld ra, RGO_M_SCHED_TOP(ra)
    addi sp, ra, -288
    .irp i, 0, 1, 2, 3, 4, 5, 6, 7
    sd a\i, (\i * 8)(sp)
    fsd fa\i, (112 + \i * 8)(sp)
    .endr
    .irp i, 0, 1, 2, 3, 4, 5
    sd t\i, (64 + \i * 8)(sp)
    .endr
    .irp i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
    fsd ft\i, (176 + \i * 8)(sp)
    .endr
    mv a0, s11
    jalr t6
    .irp i, 0, 1, 2, 3, 4, 5, 6, 7
    ld a\i, (\i * 8)(sp)
    fld fa\i, (112 + \i * 8)(sp)
    .endr
    .irp i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
    fld ft\i, (176 + \i * 8)(sp)
    .endr
    .irp i, 0, 1, 2, 3, 4, 5
    ld t\i, (64 + \i * 8)(sp)
    .endr
    mv sp, t5
    ld t5, 0(sp)
    ld t6, 8(sp)
    ld ra, 16(sp)
    addi sp, sp, 32
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
 * Entry: a0, a1, fa0, fa1 = the runtime call's results; s11 = g, whose
 *        g->m is the thread running it; ra = return address.
 * Exit:  a0, a1, fa0, fa1, s0-s11, ra and sp as on entry; the other
 *        caller-saved registers clobbered.
 *
 *     scheduler stack of g->m
 *     +-----------------------+ <- sched_top
 *     | goroutine sp, ra      | +32
 *     | a0 a1 fa0 fa1         |
 *     +-----------------------+ <- sp at the call (16-aligned)
 */
rgo_section_func rgo_rt_leave
    .cfi_startproc
    ld t1, RGO_G_M(s11)
    ld t1, RGO_M_SCHED_TOP(t1)
    mv t2, sp
    addi sp, t1, -48
    sd a0, 0(sp)
    sd a1, 8(sp)
    fsd fa0, 16(sp)
    fsd fa1, 24(sp)
    sd t2, 32(sp)
    sd ra, 40(sp)
    mv a0, s11
    call rgo_rt_unlock
    ld a0, 0(sp)
    ld a1, 8(sp)
    fld fa0, 16(sp)
    fld fa1, 24(sp)
    ld ra, 40(sp)
    ld sp, 32(sp)
    ret
    .cfi_endproc
rgo_endfunc rgo_rt_leave

    .section .note.GNU-stack, "", @progbits
