/*
 * runtime/amd64.S - rt-core's transitions between the Rust runtime (C ABI) and Go
 * code (ABIInternal) on x86-64 Linux, and between goroutine stack
 * segments.
 *
 * Go's ABIInternal fixes two registers that the C ABI does not know about:
 *   R14  the current goroutine (a G*)          callee-saved in the C ABI too
 *   X15  always zero                           caller-saved scratch in C
 * Code entering Go from Rust must set both; Rust code called from Go keeps
 * R14 (callee-saved) and the compiled caller re-zeroes X15 afterwards.
 *
 * Two stacks: Go code runs on the goroutine's stack (a chain of segments,
 * see docs/stacks.md), the runtime's Rust code on the system stack (the
 * main thread's). The goroutine record's header (rgo_abi.h, RGO_G_*) holds
 * the switch points: g.sys_sp, where runtime calls go, and g.go_sp, the
 * goroutine stack pointer saved by the latest switch. Compiled code
 * switches around every runtime call:
 *
 *     mov r12, rsp
 *     mov rsp, [r14 + RGO_G_SYS_SP]
 *     mov [r14 + RGO_G_GO_SP], r12
 *     call rgo_...
 *     mov rsp, r12
 *     xorps xmm15, xmm15
 *
 * Intel syntax, GNU as, preprocessed by the C compiler. The macros come from
 * rt-arch's asm/ directory; rt-core's build.rs assembles this file into
 * rt-core (and so into the rgo-rt static library). The Rust side of these
 * routines is in rt-core/src (stack.rs, gocall.rs, defer.rs, signal.rs).
 */

#include "rgo_asm.h"
#include "amd64_c_frame.h"
#include "amd64_regs.h"

    .intel_syntax noprefix

/*
 * The registers a Go function may hold live values in at a call or a
 * return, saved on the system stack around Rust calls made by the stack
 * switch routines (which must look transparent to Go code):
 *
 *     +-----------------------+ <- RSP before save_go_regs (16-aligned)
 *     | padding               | +328
 *     | R15                   | +320
 *     | R11 R10 R9 R8         | +312 .. +288
 *     | RSI RDI RDX RCX RBX   | +280 .. +248
 *     | RAX                   | +240
 *     | X14 ... X0            | +224 .. +0 (16 bytes each)
 *     +-----------------------+ <- RSP after (16-aligned)
 *
 * RBP, R12-R14 are callee-saved in the C ABI (R12 and R13 carry the
 * routines' own values); X15 is re-zeroed by the routines.
 */
#define GO_REGS_SIZE 336

/*
 * rt_gate fn: calls fn (rgo_rt_enter or rgo_rt_exit) when several threads
 * run Go code (rt-core's rgo_parallel), preserving every register; with
 * one thread, a compare and a branch. Compiled code emits the same
 * sequence around each runtime call (toolchain/src/isa/amd64/code.rs).
 * Clobbers the flags.
 */
.macro rt_gate fn
    cmp byte ptr [rip + rgo_parallel], 0
    je 1f
    call \fn
1:
.endm

.macro save_go_regs
    sub rsp, GO_REGS_SIZE
    .irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14
    movups xmmword ptr [rsp + \n * 16], xmm\n
    .endr
    mov qword ptr [rsp + 240], rax
    mov qword ptr [rsp + 248], rbx
    mov qword ptr [rsp + 256], rcx
    mov qword ptr [rsp + 264], rdx
    mov qword ptr [rsp + 272], rdi
    mov qword ptr [rsp + 280], rsi
    mov qword ptr [rsp + 288], r8
    mov qword ptr [rsp + 296], r9
    mov qword ptr [rsp + 304], r10
    mov qword ptr [rsp + 312], r11
    mov qword ptr [rsp + 320], r15
.endm

.macro restore_go_regs
    .irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14
    movups xmm\n, xmmword ptr [rsp + \n * 16]
    .endr
    mov rax, qword ptr [rsp + 240]
    mov rbx, qword ptr [rsp + 248]
    mov rcx, qword ptr [rsp + 256]
    mov rdx, qword ptr [rsp + 264]
    mov rdi, qword ptr [rsp + 272]
    mov rsi, qword ptr [rsp + 280]
    mov r8, qword ptr [rsp + 288]
    mov r9, qword ptr [rsp + 296]
    mov r10, qword ptr [rsp + 304]
    mov r11, qword ptr [rsp + 312]
    mov r15, qword ptr [rsp + 320]
    add rsp, GO_REGS_SIZE
.endm

/*
 * rgo_words rgo_gocall(G *g, const void *fn, uintptr argp, uintptr word)
 *                                                             [C ABI]
 *
 * Entry: RDI = g, the goroutine the Go code runs as;
 *        RSI = fn, a Go func value (a closure: its first word is the code
 *              address) of an ABIInternal function taking at most one
 *              word argument (in RAX) and returning at most two words (in
 *              RAX, RBX): a func() (deferred calls, rgo.main) or a method
 *              func() string with its receiver as one word;
 *        RDX = argp: the goroutine stack pointer at the call, 16-aligned,
 *              inside g's current segment, everything below it free;
 *              its argument area above it is reserved (ABIInternal:
 *              the caller's): for a word argument the spill slot
 *              [argp, argp + 8), the pushed return address being below
 *              argp (rt-core's GOCALL_WORD_ARGS), which the callee's
 *              prologue writes when it calls rgo_morestack;
 *        RCX = word, the argument (RAX at the call);
 *        RSP = 8 mod 16, on the system stack.
 * Exit:  RAX, RDX = the callee's RAX, RBX;
 *        RBX RBP R12-R15 and RSP as on entry; g->sys_sp and g->go_sp as
 *        on entry; every other register clobbered.
 *
 * Runs the function on the goroutine stack with R14 = g, X15 = 0,
 * RDX = fn (the closure context) and RSP = argp at the call (so the
 * callee's incoming argument pointer, RBP + 16 in it, is argp: what
 * recover compares). The code address is loaded by the call itself, on
 * the goroutine stack: a nil fn faults there, in Go's context, and becomes
 * a nil-dereference panic as in gc. While the callee runs, g->sys_sp is
 * this routine's frame, so runtime calls made by that Go code run below
 * the runtime frames that are live here:
 *
 *     system stack                       goroutine stack
 *     | return address          |        | ...                     |
 *     | saved RBP               | <- RBP +-------------------------+ <- argp
 *     | saved RBX R12-R15       |        | return address          |
 *     | padding                 |        | the callee's frame ...  |
 *     | saved g->sys_sp         |
 *     | saved g->go_sp          |
 *     +-------------------------+ <- g->sys_sp during the call
 *
 * After the call R14 is still g (ABIInternal preserves it) and leads back
 * to this frame through g->sys_sp. A deferred call that recovers a panic
 * never returns here: the runtime resumes Go code elsewhere and resets
 * g->sys_sp itself (see rgo_resume).
 */
rgo_section_func rgo_gocall
    .cfi_startproc
    save_c_callee_saved
    push qword ptr [rdi + RGO_G_SYS_SP]
    .cfi_adjust_cfa_offset 8
    push qword ptr [rdi + RGO_G_GO_SP]
    .cfi_adjust_cfa_offset 8
    .cfi_remember_state
    .cfi_def_cfa rbp, 16
    mov qword ptr [rdi + RGO_G_SYS_SP], rsp
    mov r14, rdi
    mov rax, rcx
    mov rsp, rdx
    mov rdx, rsi
    xorps xmm15, xmm15
    call qword ptr [rdx]
    mov rsp, qword ptr [r14 + RGO_G_SYS_SP]
    .cfi_restore_state
    pop qword ptr [r14 + RGO_G_GO_SP]
    .cfi_adjust_cfa_offset -8
    pop qword ptr [r14 + RGO_G_SYS_SP]
    .cfi_adjust_cfa_offset -8
    mov rdx, rbx
    restore_c_callee_saved
    ret
    .cfi_endproc
rgo_endfunc rgo_gocall

/*
 * void rgo_reflectcall_g(const rgo_call_frame *frame, G *g, uintptr argp)
 *                                                             [C ABI]
 *
 * Entry: RDI = frame (as for rt-arch's rgo_reflectcall), RSI = g,
 *        RDX = argp: where rgo_reflectcall runs on the goroutine stack
 *              (16-aligned, room for its trampoline's frame below);
 *        RSP = 8 mod 16, on the system stack.
 * Exit:  as rgo_reflectcall (results in *frame->regs and the stack area);
 *        RBX RBP R12-R15, g->sys_sp, g->go_sp preserved.
 *
 * rgo_reflectcall (C ABI) passes R14 through to the Go callee untouched;
 * this sets it to g and moves the whole call to the goroutine stack, with
 * g->sys_sp pointing here for runtime calls the Go code makes.
 *
 *     system stack                        goroutine stack
 *     | return address  |                 +------------------------+ <- argp
 *     | saved RBP       | <- RBP          | return address         |
 *     | saved R14       |                 | rgo_reflectcall's and  |
 *     | saved sys_sp    |                 | its trampoline's frame |
 *     | saved go_sp     |                 | the Go callee ...      |
 *     | padding         |
 *     +-----------------+ <- g->sys_sp during the call (16-aligned)
 */
rgo_section_func rgo_reflectcall_g
    .cfi_startproc
    push rbp
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset rbp, 0
    mov rbp, rsp
    push r14
    .cfi_adjust_cfa_offset 8
    .cfi_rel_offset r14, 0
    push qword ptr [rsi + RGO_G_SYS_SP]
    .cfi_adjust_cfa_offset 8
    push qword ptr [rsi + RGO_G_GO_SP]
    .cfi_adjust_cfa_offset 8
    sub rsp, 8
    .cfi_adjust_cfa_offset 8
    .cfi_remember_state
    .cfi_def_cfa rbp, 16
    mov qword ptr [rsi + RGO_G_SYS_SP], rsp
    mov r14, rsi
    mov rsp, rdx
    call rgo_reflectcall
    mov rsp, qword ptr [r14 + RGO_G_SYS_SP]
    .cfi_restore_state
    add rsp, 8
    .cfi_adjust_cfa_offset -8
    pop qword ptr [r14 + RGO_G_GO_SP]
    .cfi_adjust_cfa_offset -8
    pop qword ptr [r14 + RGO_G_SYS_SP]
    .cfi_adjust_cfa_offset -8
    pop r14
    .cfi_adjust_cfa_offset -8
    .cfi_restore r14
    pop rbp
    .cfi_adjust_cfa_offset -8
    .cfi_restore rbp
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
 * Entry: RDX = closure (the Go object reflect made: this stub's address,
 *        then what the handler reads); RAX..R11 / X0-X14 = register
 *        arguments; [RSP] = return address; 8(RSP) = first stack argument;
 *        R14 = g; RSP on the goroutine stack.
 * Exit:  RAX..R11 / X0-X14 = register results from the block; stack
 *        results written in place by the handler; RSP = entry RSP + 8 (as
 *        after ret); RBP, R14 preserved; X15 = 0; everything else
 *        clobbered. R12 holds the caller's stack pointer and R13 the
 *        return address across the handler (C callee-saved).
 *
 *     goroutine stack                      system stack
 *     | caller's stack args ... | <- R12   +------------------------+ <- g->sys_sp
 *     +-------------------------+          | rgo_reg_args regs      |
 *     (return address popped into R13)     +------------------------+ <- RSP = &regs
 *
 * A panic the handler's Go calls do not recover never comes back here
 * (the runtime resumes at a deferring frame and resets g->sys_sp).
 */
rgo_section_func rgo_reflect_gostub
    .cfi_startproc
    pop r13
    .cfi_def_cfa rsp, 0
    .cfi_register rip, r13
    mov r12, rsp
    .cfi_def_cfa_register r12
    mov qword ptr [r14 + RGO_G_GO_SP], r12
    mov qword ptr [r14 + RGO_G_GO_PC], r13
    rt_gate rgo_rt_enter
    mov rsp, qword ptr [r14 + RGO_G_SYS_SP]
    sub rsp, RGO_REGS_SIZE
    spill_ints rsp
    spill_floats rsp
    mov rdi, rdx                    /* closure */
    mov rsi, r12                    /* the caller's stack arguments */
    mov rdx, rsp                    /* &regs */
    call rgo_reflect_gostub_rs
    unspill_ints rsp
    unspill_floats rsp
    mov rsp, r12
    .cfi_def_cfa_register rsp
    rt_gate rgo_rt_exit
    xorps xmm15, xmm15
    jmp r13
    .cfi_endproc
rgo_endfunc rgo_reflect_gostub

/*
 * rgo_morestack                           [compiled prologues' convention]
 *
 * Entry: R12 = bytes the function F needs below its entry stack pointer;
 *        R13 = bytes of F's incoming argument area (the ABI's stack area,
 *              then the spill area);
 *        [RSP] = the continuation (the return address into F's prologue);
 *        [RSP + 8] = F's own return address;
 *        [RSP + 16 ...] = F's argument area (register arguments already
 *              spilled into its spill part);
 *        R14 = g; RBP = F's caller's frame pointer; RDX = F's closure
 *        context; the argument registers hold F's arguments.
 * Exit:  jumps to the continuation with RSP on a new segment:
 *        [RSP] = &rgo_lessstack (F's return address from now on),
 *        [RSP + 8 ...] = a copy of the argument area;
 *        RAX RBX RCX RDX RDI RSI R8-R11 R15 X0-X14 RBP R14 as on entry,
 *        X15 = 0; R12 and R13 clobbered; g's stack fields describe the
 *        new segment.
 *        A preemption request (g->stackguard poisoned, rt-core's
 *        sched.rs) that needs no new segment: the same, except that RSP =
 *        F's entry stack pointer on the old segment ([RSP] = F's own return
 *        address, the argument area at RSP + 8, unchanged).
 *
 *     old segment                          new segment
 *     | F's caller's frame   |             | (record)             | hi
 *     | argument area        |  -- copy -> | argument area        |
 *     | F's return address   | <- F's      | &rgo_lessstack       | <- RSP at exit
 *     | continuation         |   entry SP  |                      |
 *     +----------------------+ <- RSP at entry
 *
 * The work happens in Rust (rgo_morestack_rs in stack.rs) on the system
 * stack, with every Go register saved there: the prologue spilled the
 * register arguments, but RDX (the closure context) is not among them, and
 * preserving all of them costs little next to a segment switch.
 */
rgo_section_func rgo_morestack
    .cfi_startproc
    .cfi_undefined rip
    rt_gate rgo_rt_enter
    mov qword ptr [r14 + RGO_G_GO_SP], rsp
    mov rsp, qword ptr [r14 + RGO_G_SYS_SP]
    save_go_regs
    mov rdi, r14                    /* g */
    mov rsi, qword ptr [r14 + RGO_G_GO_SP]
    mov rcx, qword ptr [rsi]        /* the continuation */
    mov rdx, qword ptr [rsi + 8]    /* F's return address */
    add rsi, 8                      /* F's entry stack pointer */
    mov r8, r12                     /* need */
    mov r9, r13                     /* args */
    call rgo_morestack_rs           /* RAX = new stack pointer, RDX = continuation */
    mov r12, rax
    mov r13, rdx
    restore_go_regs
    mov rsp, r12
    rt_gate rgo_rt_exit
    xorps xmm15, xmm15
    jmp r13
    .cfi_endproc
rgo_endfunc rgo_morestack

/*
 * rgo_lessstack                  [the return address morestack plants]
 *
 * Entry: a function F entered through rgo_morestack has returned (its
 *        `ret` popped this address): RSP = its argument area on the dying
 *        segment (stack results written there); the result registers
 *        RAX RBX RCX RDI RSI R8-R11 and X0-X14 hold its results; RBP =
 *        F's caller's frame pointer; R14 = g.
 * Exit:  continues at F's original return address with RSP = F's entry
 *        stack pointer on the older segment + 8 (as if F had returned
 *        there), the argument area copied back over F's caller's, every
 *        result register, RDX, R15, RBP and R14 as on entry, X15 = 0;
 *        R12 and R13 clobbered; g's stack fields describe the older
 *        segment again. The dying segment stays mapped (cached).
 */
rgo_section_func rgo_lessstack
    .cfi_startproc
    .cfi_undefined rip
    rt_gate rgo_rt_enter
    mov r12, rsp
    mov rsp, qword ptr [r14 + RGO_G_SYS_SP]
    save_go_regs
    mov rdi, r14
    mov rsi, r12
    call rgo_lessstack_rs           /* RAX = caller's stack pointer, RDX = return address */
    mov r12, rax
    mov r13, rdx
    restore_go_regs
    mov rsp, r12
    rt_gate rgo_rt_exit
    xorps xmm15, xmm15
    jmp r13
    .cfi_endproc
rgo_endfunc rgo_lessstack

/*
 * void rgo_resume(G *g, uintptr frame, uintptr pc)   [C ABI, no return]
 *
 * Entry: RDI = g, RSI = the frame pointer of the Go function to resume,
 *        RSI's segment already current in g and g->sys_sp set;
 *        RDX = its landing pad.
 * Exit:  jumps to pc with R14 = g, RBP = frame, RSP = frame (inside the
 *        frame's segment: the landing pad recomputes RSP from RBP),
 *        X15 = 0, RBX clobbered. The system stack frames of the caller
 *        are abandoned. With several processors, rgo_rt_unlock(g) runs
 *        first on the thread's scheduler stack (the runtime lock goes
 *        back unless runtime frames of g stay live): only once nothing
 *        of this thread is on the system stack any more.
 */
rgo_section_func rgo_resume
    .cfi_startproc
    .cfi_undefined rip
    mov r14, rdi
    mov rbp, rsi
    cmp byte ptr [rip + rgo_parallel], 0
    je 1f
    mov rbx, rdx
    mov rsp, qword ptr [r14 + RGO_G_M]
    mov rsp, qword ptr [rsp + RGO_M_SCHED_TOP]
    call rgo_rt_unlock
    mov rdx, rbx
1:
    mov rsp, rbp
    xorps xmm15, xmm15
    jmp rdx
    .cfi_endproc
rgo_endfunc rgo_resume

/*
 * rgo_sigpanic                    [entered from a rewritten signal context]
 *
 * Entry: as if the faulting instruction of a Go function had called it:
 *        [RSP] = the faulting pc (no push when the fault was a jump to 0),
 *        R14 = g (set by the handler), every other register as at the
 *        fault. The fault is recorded in g (sig, sigcode0/1, sigpc).
 * Exit:  never returns: switches to the system stack (g->go_sp = RSP, as
 *        a runtime call would) and panics (rgo_sigpanic_rs), which runs
 *        the deferred calls on the goroutine stack below.
 */
rgo_section_func rgo_sigpanic
    .cfi_startproc
    rt_gate rgo_rt_enter
    mov r12, rsp
    mov rsp, qword ptr [r14 + RGO_G_SYS_SP]
    mov qword ptr [r14 + RGO_G_GO_SP], r12
    call rgo_sigpanic_rs
    ud2
    .cfi_endproc
rgo_endfunc rgo_sigpanic

/*
 * The Error methods of the runtime's error types        [ABIInternal]
 *
 * Entry: RAX = the receiver as one interface word (a pointer to the value,
 *        or the pointer itself for *TypeAssertionError); R14 = g;
 *        RSP on the goroutine stack.
 * Exit:  RAX = the string's data, RBX = its length; X15 = 0; RSP, RBP
 *        and R14 as on entry; every other register clobbered.
 *
 * Calls the Rust text function (C ABI: receiver in RDI, string back in
 * RAX:RDX) on the system stack, as compiled code calls the runtime. No
 * frame on the goroutine stack beyond the return address.
 */
.macro rgo_error_shim name, text
rgo_section_func \name
    .cfi_startproc
    mov rdi, rax
    rt_gate rgo_rt_enter
    mov r12, rsp
    mov rsp, qword ptr [r14 + RGO_G_SYS_SP]
    mov qword ptr [r14 + RGO_G_GO_SP], r12
    call \text
    mov rsp, r12
    rt_gate rgo_rt_exit
    mov rbx, rdx
    xorps xmm15, xmm15
    ret
    .cfi_endproc
rgo_endfunc \name
.endm

rgo_error_shim rgo_bounds_error_error, rgo_bounds_error_text
rgo_error_shim rgo_error_string_error, rgo_error_string_text
rgo_error_shim rgo_type_assertion_error_error, rgo_type_assertion_error_text

/*
 * Error() of runtime.plainError                           [ABIInternal]
 *
 * Entry: RAX = the receiver, a pointer to a struct whose first field is
 * the message string. Exit: RAX, RBX = the string. A leaf that touches no
 * stack, so it runs on the goroutine stack as it is (rt-core/src/rterror.rs).
 */
rgo_section_func rgo_error_text_method
    .cfi_startproc
    mov rbx, qword ptr [rax + 8]
    mov rax, qword ptr [rax]
    ret
    .cfi_endproc
rgo_endfunc rgo_error_text_method

/*
 * RuntimeError() of the runtime's error types            [ABIInternal]
 *
 * Entry: RAX = the receiver word. Exit: nothing changed (the method is a
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
 * Entry/exit: nothing read or changed. runtime.Breakpoint(): a trap; the
 * SIGTRAP handler reports it as Go does and exits with status 2.
 */
rgo_section_func rgo_breakpoint
    .cfi_startproc
    int3
    ret
    .cfi_endproc
rgo_endfunc rgo_breakpoint

/*
 * rgo_sigreturn                                [signal handler restorer]
 *
 * Entry: RSP = the signal frame the kernel built (the handler's return
 *        address popped): the saved context of the interrupted code.
 * Exit:  does not return here: rt_sigreturn resumes the interrupted code
 *        with every register from the saved context.
 *
 * The x86-64 kernel requires a restorer (SA_RESTORER) for every handler.
 */
rgo_section_func rgo_sigreturn
    .cfi_startproc
    mov eax, 15                     /* __NR_rt_sigreturn */
    syscall
    ud2
    .cfi_endproc
rgo_endfunc rgo_sigreturn

/*
 * The goroutine switch (rt-core/src/sched.rs, docs/goroutines.md).
 *
 * A goroutine that blocks is always inside a runtime call, on the system
 * stack. rgo_ctx_park saves the C callee-saved registers there, records
 * where, and calls the scheduler on a stack of its own; the scheduler
 * copies the parked goroutine's part of the system stack away and later
 * back, then rgo_ctx_resume returns from rgo_ctx_park as if it had been
 * an ordinary call. Everything else the goroutine needs (its Go registers,
 * its goroutine stack) is already saved by the runtime call that blocked.
 *
 * void rgo_ctx_park(uintptr *save, uintptr stack, void (*f)(uintptr) noreturn,
 *                   uintptr arg)                              [C ABI]
 * void rgo_ctx_call(uintptr *save, uintptr stack, void (*f)(uintptr),
 *                   uintptr arg)                              [C ABI]
 *
 * The same code under two names. rgo_ctx_call's f may return (a system
 * call made on the thread's own stack, rt-core/src/threads.rs): then it
 * returns as an ordinary call, its call and return paired (the return
 * predictor stays right).
 *
 * Entry: RDI = save: where the saved stack pointer goes;
 *        RSI = stack: the top of the stack f runs on (16-aligned);
 *        RDX = f; RCX = its argument;
 *        RSP = 8 mod 16 (the caller's, on the system stack).
 * Exit:  returns through rgo_ctx_resume(*save), or when f returns: RBX RBP
 *        R12-R15 and RSP as on entry; RAX RCX RDX RSI RDI R8-R11 and the
 *        vector registers clobbered (caller-saved in the C ABI).
 *
 *     | return address  |
 *     | saved RBP       |
 *     | saved RBX       |
 *     | saved R12 - R15 |
 *     | padding         |
 *     +-----------------+ <- *save (16-aligned)
 */
rgo_section_func rgo_ctx_park
    .globl rgo_ctx_call
    .type rgo_ctx_call, @function
rgo_ctx_call:
    .cfi_startproc
    push rbp
    .cfi_adjust_cfa_offset 8
    push rbx
    .cfi_adjust_cfa_offset 8
    push r12
    .cfi_adjust_cfa_offset 8
    push r13
    .cfi_adjust_cfa_offset 8
    push r14
    .cfi_adjust_cfa_offset 8
    push r15
    .cfi_adjust_cfa_offset 8
    sub rsp, 8
    .cfi_adjust_cfa_offset 8
    mov qword ptr [rdi], rsp
    mov rbx, rdi
    mov rsp, rsi
    mov rdi, rcx
    xor ebp, ebp
    call rdx
    /* f returned: back to the saved frame (RBX = save, kept by f). */
    mov rsp, qword ptr [rbx]
    add rsp, 8
    .cfi_adjust_cfa_offset -8
    pop r15
    .cfi_adjust_cfa_offset -8
    pop r14
    .cfi_adjust_cfa_offset -8
    pop r13
    .cfi_adjust_cfa_offset -8
    pop r12
    .cfi_adjust_cfa_offset -8
    pop rbx
    .cfi_adjust_cfa_offset -8
    pop rbp
    .cfi_adjust_cfa_offset -8
    ret
    .cfi_endproc
rgo_endfunc rgo_ctx_park

/*
 * void rgo_ctx_resume(uintptr sp)                  [C ABI, no return]
 *
 * Entry: RDI = a stack pointer rgo_ctx_park saved, the frame below it
 *        intact (copied back by the scheduler).
 * Exit:  returns from that rgo_ctx_park with RBX RBP R12-R15 restored and
 *        RSP as at its entry; the caller's stack is abandoned.
 */
rgo_section_func rgo_ctx_resume
    .cfi_startproc
    .cfi_undefined rip
    mov rsp, rdi
    add rsp, 8
    pop r15
    pop r14
    pop r13
    pop r12
    pop rbx
    pop rbp
    ret
    .cfi_endproc
rgo_endfunc rgo_ctx_resume

/*
 * void rgo_call_on(uintptr stack, void (*f)(uintptr) noreturn, uintptr arg)
 *                                                  [C ABI, no return]
 *
 * Entry: RDI = the top of a stack (16-aligned), RSI = f, RDX = its argument.
 * Exit:  never returns: calls f(arg) with RSP = stack (so f sees RSP =
 *        8 mod 16) and RBP = 0; the caller's stack is abandoned.
 */
rgo_section_func rgo_call_on
    .cfi_startproc
    .cfi_undefined rip
    mov rsp, rdi
    mov rdi, rdx
    xor ebp, ebp
    call rsi
    ud2
    .cfi_endproc
rgo_endfunc rgo_call_on

/*
 * void rgo_go_start(G *g, const void *fn, uintptr argp)   [C ABI, no return]
 *
 * Entry: RDI = g, the goroutine to start: current, its first segment
 *              entered, g->sys_sp the top of the system stack part
 *              goroutines use;
 *        RSI = fn, its Go func value (type func(): no arguments, no
 *              results);
 *        RDX = argp, the top of its first segment (16-aligned, everything
 *              below it free).
 * Exit:  never returns: enters fn's code as rgo_gocall calls it (R14 = g,
 *        RDX = fn, X15 = 0, RSP = argp at the call) with RBP = 0 and the
 *        return address rgo_go_exit's; the caller's stack is abandoned.
 *
 * Unlike a call through rgo_gocall, nothing of the goroutine stays on the
 * system stack while its Go code runs: its runtime calls start at
 * g->sys_sp, the top, and a switch copies only their frames.
 */
rgo_section_func rgo_go_start
    .cfi_startproc
    .cfi_undefined rip
    mov r14, rdi
    mov rsp, rdx
    lea rax, [rip + .Lgo_exit_ret]
    push rax
    mov rdx, rsi
    xor ebp, ebp
    xorps xmm15, xmm15
    jmp qword ptr [rdx]
    .cfi_endproc
rgo_endfunc rgo_go_start

/*
 * rgo_go_exit                                          [Go ABIInternal]
 *
 * Where every function rgo_go_start entered returns: the return address
 * is the instruction after the nop, so that it minus one lies in this
 * routine, which no stack walk takes for compiled code.
 *
 * Entry: RSP = argp of rgo_go_start (the return popped), R14 = g.
 * Exit:  never returns: switches to the system stack as a runtime call
 *        does (g->go_sp = RSP; g->go_pc = 0: no Go frame is left) and
 *        calls rgo_go_exit_rs, which ends the goroutine.
 */
rgo_section_func rgo_go_exit
    .cfi_startproc
    .cfi_undefined rip
    nop
.Lgo_exit_ret:
    rt_gate rgo_rt_enter
    mov r12, rsp
    mov rsp, qword ptr [r14 + RGO_G_SYS_SP]
    mov qword ptr [r14 + RGO_G_GO_SP], r12
    mov qword ptr [r14 + RGO_G_GO_PC], 0
    call rgo_go_exit_rs
    ud2
    .cfi_endproc
rgo_endfunc rgo_go_exit

/*
 * go_to_sched_stack: the first steps of rgo_rt_try and rgo_rt_pure. The
 * Go caller's frame goes into g (go_pc, go_sp: as a runtime call's would),
 * then RSP moves to the thread's scheduler stack with the goroutine's RSP
 * pushed on it.
 * Entry: R14 = g, [RSP] = the return address into the Go caller.
 * Exit:  RSP = g->m's scheduler stack top - 8, [RSP] = the goroutine's RSP;
 *        RAX = g->m; R10 clobbered.
 */
.macro go_to_sched_stack
    mov rax, qword ptr [rsp]
    mov qword ptr [r14 + RGO_G_GO_PC], rax
    lea rax, [rsp + 8]
    mov qword ptr [r14 + RGO_G_GO_SP], rax
    mov rax, qword ptr [r14 + RGO_G_M]
    mov r10, rsp
    mov rsp, qword ptr [rax + RGO_M_SCHED_TOP]
    push r10
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
 * Entry: RDI, RSI, RDX, RCX, R8 = the entry point's arguments (at most
 *        five, integers), R11 = the lockless variant, R14 = g, [RSP] = the
 *        return address into the Go caller (on its goroutine stack).
 * Exit:  RAX = 0 when the variant declined (RDI-R8 as on entry: the locked
 *        call follows), else RAX and RDX = the entry point's results;
 *        R12-R15, RBX, RBP as on entry; the other caller-saved registers
 *        clobbered (compiled code keeps nothing in them across a runtime
 *        call). g->go_sp and g->go_pc name the caller's frame, as a runtime
 *        call's would. The variant runs as variant(g->m, arguments...) on
 *        the thread's scheduler stack (free while a goroutine of the thread
 *        runs):
 *
 *     scheduler stack of g->m
 *     +-----------------------+ <- sched_top
 *     | goroutine RSP         |
 *     | RDI RSI RDX RCX R8    |
 *     +-----------------------+ <- RSP at the call (16-aligned)
 */
rgo_section_func rgo_rt_try
    .cfi_startproc
    go_to_sched_stack
    push rdi
    push rsi
    push rdx
    push rcx
    push r8
    mov r9, r8
    mov r8, rcx
    mov rcx, rdx
    mov rdx, rsi
    mov rsi, rdi
    mov rdi, rax
    call r11
    test rax, rax
    jz 1f
    add rsp, 40
    pop rsp
    ret
1:
    pop r8
    pop rcx
    pop rdx
    pop rsi
    pop rdi
    pop rsp
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
 * Entry: the entry point's arguments in the C ABI's argument registers
 *        (none on the stack), R11 = the entry point, R14 = g, [RSP] = the
 *        return address into the Go caller (on its goroutine stack).
 * Exit:  the entry point's results (RAX, RDX, XMM0, XMM1); R12-R15, RBX,
 *        RBP as on entry; the other caller-saved registers clobbered.
 *        g->go_sp and g->go_pc name the caller's frame, as a runtime call's
 *        would. The entry point runs on the thread's scheduler stack (free
 *        while a goroutine of the thread runs), without the runtime lock.
 */
rgo_section_func rgo_rt_pure
    .cfi_startproc
    go_to_sched_stack
    sub rsp, 8
    call r11
    add rsp, 8
    pop rsp
    ret
    .cfi_endproc
rgo_endfunc rgo_rt_pure

/*
 * rgo_rt_enter, rgo_rt_exit                 [any context, every register kept]
 *
 * The runtime lock's gates (rt-core's threads.rs) when several threads
 * run Go code: rgo_rt_enter before a runtime call switches to the system
 * stack, rgo_rt_exit after it switched back (the rt_gate sequence).
 *
 * Entry: [RSP] = return address, on the goroutine stack (at most 16 bytes
 *        are pushed there); R14 = g, whose g->m is the thread running it.
 * Exit:  every register but the flags as on entry; rgo_rt_lock(g) or
 *        rgo_rt_unlock(g) ran on the thread's scheduler stack (free while
 *        a goroutine of the thread runs; the lock's waits happen there),
 *        with the caller-saved registers saved on it:
 *
 *     goroutine stack                 scheduler stack of g->m
 *     | return address  |             +------------------------+ <- sched_top
 *     | saved R11       |             | goroutine RSP          |
 *     | saved RAX       | <- RAX      | RCX RDX RSI RDI R8-R10 |
 *                                     | X0-X15                 |
 *                                     +------------------------+ <- RSP at the call
 */
rgo_section_func rgo_rt_enter
    .cfi_startproc
    push r11
    lea r11, [rip + rgo_rt_lock]
    jmp .Lrt_slow
    .cfi_endproc
rgo_endfunc rgo_rt_enter

rgo_section_func rgo_rt_exit
    .cfi_startproc
    push r11
    lea r11, [rip + rgo_rt_unlock]
.Lrt_slow:
    push rax
    mov rax, rsp
    mov rsp, qword ptr [r14 + RGO_G_M]
    mov rsp, qword ptr [rsp + RGO_M_SCHED_TOP]
    push rax
    push rcx
    push rdx
    push rsi
    push rdi
    push r8
    push r9
    push r10
    sub rsp, 256
    movdqu xmmword ptr [rsp + 0], xmm0
    movdqu xmmword ptr [rsp + 16], xmm1
    movdqu xmmword ptr [rsp + 32], xmm2
    movdqu xmmword ptr [rsp + 48], xmm3
    movdqu xmmword ptr [rsp + 64], xmm4
    movdqu xmmword ptr [rsp + 80], xmm5
    movdqu xmmword ptr [rsp + 96], xmm6
    movdqu xmmword ptr [rsp + 112], xmm7
    movdqu xmmword ptr [rsp + 128], xmm8
    movdqu xmmword ptr [rsp + 144], xmm9
    movdqu xmmword ptr [rsp + 160], xmm10
    movdqu xmmword ptr [rsp + 176], xmm11
    movdqu xmmword ptr [rsp + 192], xmm12
    movdqu xmmword ptr [rsp + 208], xmm13
    movdqu xmmword ptr [rsp + 224], xmm14
    movdqu xmmword ptr [rsp + 240], xmm15
    mov rdi, r14
    call r11
    movdqu xmm0, xmmword ptr [rsp + 0]
    movdqu xmm1, xmmword ptr [rsp + 16]
    movdqu xmm2, xmmword ptr [rsp + 32]
    movdqu xmm3, xmmword ptr [rsp + 48]
    movdqu xmm4, xmmword ptr [rsp + 64]
    movdqu xmm5, xmmword ptr [rsp + 80]
    movdqu xmm6, xmmword ptr [rsp + 96]
    movdqu xmm7, xmmword ptr [rsp + 112]
    movdqu xmm8, xmmword ptr [rsp + 128]
    movdqu xmm9, xmmword ptr [rsp + 144]
    movdqu xmm10, xmmword ptr [rsp + 160]
    movdqu xmm11, xmmword ptr [rsp + 176]
    movdqu xmm12, xmmword ptr [rsp + 192]
    movdqu xmm13, xmmword ptr [rsp + 208]
    movdqu xmm14, xmmword ptr [rsp + 224]
    movdqu xmm15, xmmword ptr [rsp + 240]
    add rsp, 256
    pop r10
    pop r9
    pop r8
    pop rdi
    pop rsi
    pop rdx
    pop rcx
    pop rsp
    pop rax
    pop r11
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
 * Entry: RAX, RDX, XMM0, XMM1 = the runtime call's results; R14 = g, whose
 *        g->m is the thread running it; [RSP] = return address.
 * Exit:  RAX, RDX, XMM0, XMM1, R12-R15, RBX, RBP as on entry; the other
 *        caller-saved registers clobbered.
 *
 *     scheduler stack of g->m
 *     +-----------------------+ <- sched_top
 *     | goroutine RSP         |
 *     | RAX RDX               |
 *     | (8 bytes) XMM0 XMM1   |
 *     +-----------------------+ <- RSP at the call (16-aligned)
 */
rgo_section_func rgo_rt_leave
    .cfi_startproc
    mov r10, rsp
    mov r11, qword ptr [r14 + RGO_G_M]
    mov rsp, qword ptr [r11 + RGO_M_SCHED_TOP]
    push r10
    push rax
    push rdx
    sub rsp, 40
    movdqu xmmword ptr [rsp], xmm0
    movdqu xmmword ptr [rsp + 16], xmm1
    mov rdi, r14
    call rgo_rt_unlock
    movdqu xmm0, xmmword ptr [rsp]
    movdqu xmm1, xmmword ptr [rsp + 16]
    add rsp, 40
    pop rdx
    pop rax
    pop rsp
    ret
    .cfi_endproc
rgo_endfunc rgo_rt_leave

    .section .note.GNU-stack, "", @progbits
