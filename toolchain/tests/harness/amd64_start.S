/*
 * amd64_start.S - a stand-in runtime for the amd64 backend's execution
 * tests (toolchain/tests/backend_amd64.rs). Linked with one generated .s:
 *
 *     gcc -nostdlib -static -no-pie amd64_start.S prog.s
 *
 * The program defines rgo_test_main (ABIInternal, no arguments, no
 * results); everything it prints goes to stdout through rgo_test_report*.
 * The harness checks the invariants ABIInternal code owes the runtime and
 * exits with a distinct status when one is broken:
 *
 *     0    fine
 *     96   rgo_morestack reached (the harness never grows stacks)
 *     97   R14 (the goroutine register) changed across rgo_test_main
 *     98   a C-ABI call made with RSP not 16-byte aligned
 *
 * Every helper below clobbers all the registers the C ABI lets it (RCX,
 * RSI, RDI, R8-R11, XMM0-XMM15, and RAX/RDX when they carry no result)
 * so that tests catch a backend relying on one surviving a runtime call.
 * X15 in particular is left all ones: a test that zeroes memory after a
 * helper call (Zero stores X15) shows the backend re-zeroed it.
 *
 * Intel syntax, GNU as, preprocessed by the C compiler.
 */

    .intel_syntax noprefix

/* Linux x86-64 system calls. */
#define SYS_write 1
#define SYS_exit 60

    .bss
    .balign 16
/* A goroutine for R14 to point at (rgo_abi.h's header): stackguard 0 so
 * prologue checks never fire, and a system stack for runtime calls. */
rgo_test_g:
    .zero 80
rgo_test_sysstack:
    .zero 65536
rgo_test_sysstack_top:
/* Digits of one number being printed. */
rgo_test_buf:
    .zero 32
/* rt-core's rgo_parallel: 0, one thread runs Go code, so compiled code
 * never calls the runtime lock's gates (rgo_rt_enter, rgo_rt_exit). */
    .globl rgo_parallel
rgo_parallel:
    .zero 8
/* How many times rgo_poll ran (rgo_test_unpreempt reads and clears it). */
    .balign 8
rgo_test_polls:
    .zero 8

    .text

/* Clobbers every register a C function may clobber (not RAX/RDX: results). */
.macro clobber_c_scratch
    mov rcx, 0x5a5a5a5a5a5a5a5a
    mov rsi, rcx
    mov rdi, rcx
    mov r8, rcx
    mov r9, rcx
    mov r10, rcx
    mov r11, rcx
    pcmpeqd xmm1, xmm1
    pcmpeqd xmm2, xmm2
    pcmpeqd xmm3, xmm3
    pcmpeqd xmm4, xmm4
    pcmpeqd xmm5, xmm5
    pcmpeqd xmm6, xmm6
    pcmpeqd xmm7, xmm7
    pcmpeqd xmm8, xmm8
    pcmpeqd xmm9, xmm9
    pcmpeqd xmm10, xmm10
    pcmpeqd xmm11, xmm11
    pcmpeqd xmm12, xmm12
    pcmpeqd xmm13, xmm13
    pcmpeqd xmm14, xmm14
    pcmpeqd xmm15, xmm15
.endm

/* Exits with status 98 unless RSP was 16-aligned at the call (so it is
 * 8 mod 16 on entry, before anything is pushed). */
.macro check_c_alignment
    test rsp, 8
    jz .Lmisaligned
.endm

/* ---- _start ------------------------------------------------------------ */

    .globl _start
    .type _start, @function
_start:
    /* The kernel enters with RSP 16-aligned; `call` keeps our convention
     * (16-aligned at the call). */
    xor ebp, ebp
    lea r14, [rip + rgo_test_g]
    lea rax, [rip + rgo_test_sysstack_top]
    mov qword ptr [r14 + 24], rax   /* RGO_G_SYS_SP */
    xorps xmm15, xmm15
    call rgo_test_main
    lea rax, [rip + rgo_test_g]
    cmp r14, rax
    jne 1f
    xor edi, edi
    jmp rgo_test_exit
1:  mov edi, 97
    jmp rgo_test_exit
    .size _start, .-_start

/* rgo_morestack: compiled prologues reference it; with the harness's
 * stackguard of 0 their check never fails, so reaching it is a bug: exit 96. */
    .globl rgo_morestack
    .type rgo_morestack, @function
rgo_morestack:
    mov edi, 96
    jmp rgo_test_exit
    .size rgo_morestack, .-rgo_morestack

/* void rgo_test_exit(int status) [C ABI]: ends the process. */
    .globl rgo_test_exit
    .type rgo_test_exit, @function
rgo_test_exit:
    mov eax, SYS_exit
    syscall
    ud2
    .size rgo_test_exit, .-rgo_test_exit

.Lmisaligned:
    mov edi, 98
    jmp rgo_test_exit

/* ---- preemption points -------------------------------------------------- */

/* void rgo_test_preempt(void) [C ABI]: a standing preemption request: the
 * goroutine's stackguard becomes STACK_PREEMPT (0xffff_ffff_ffff_fade), so
 * every loop poll takes its out-of-line path until rgo_test_unpreempt. (A
 * prologue check would fail too: only leaves without one may run between.)
 * Entry: R14 = g. Exit: [R14] = STACK_PREEMPT; RAX clobbered. */
    .globl rgo_test_preempt
    .type rgo_test_preempt, @function
rgo_test_preempt:
    check_c_alignment
    mov qword ptr [r14], -1314
    mov rax, 0x5a5a5a5a5a5a5a5a
    ret
    .size rgo_test_preempt, .-rgo_test_preempt

/* int64 rgo_test_unpreempt(void) [C ABI]: withdraws the request; returns
 * how many times rgo_poll ran since the last call, and starts the count
 * again. Entry: R14 = g. Exit: RAX = the count, [R14] = 0. */
    .globl rgo_test_unpreempt
    .type rgo_test_unpreempt, @function
rgo_test_unpreempt:
    check_c_alignment
    mov qword ptr [r14], 0
    mov rax, qword ptr [rip + rgo_test_polls]
    mov qword ptr [rip + rgo_test_polls], 0
    ret
    .size rgo_test_unpreempt, .-rgo_test_unpreempt

/* rgo_rt_enter, rgo_rt_exit, rgo_rt_leave, rgo_rt_try, rgo_rt_pure: the
 * runtime lock's gates and the lockless runtime calls, never called here
 * (rgo_parallel is 0): a trap if they were. */
    .globl rgo_rt_enter
    .globl rgo_rt_exit
    .globl rgo_rt_try
    .globl rgo_rt_pure
    .globl rgo_rt_leave
rgo_rt_enter:
rgo_rt_exit:
rgo_rt_try:
rgo_rt_pure:
rgo_rt_leave:
    ud2

/* void rgo_poll(void) [C ABI]: the runtime's yield at a loop's preemption
 * point. Here it counts the call and clobbers every register a compiled
 * body may keep a value in, RBX too (callee-saved in C): a body that kept
 * one across its poll without reloading it computes a wrong result.
 * Entry: nothing. Exit: RAX, RBX, RCX, RDX, RSI, RDI, R8-R11, R13, R15, XMM0-XMM15
 * clobbered (XMM15 all ones: the body must zero it again). */
    .globl rgo_poll
    .type rgo_poll, @function
rgo_poll:
    check_c_alignment
    add qword ptr [rip + rgo_test_polls], 1
    clobber_c_scratch
    mov rax, rcx
    mov rbx, rcx
    mov rdx, rcx
    mov r13, rcx
    mov r15, rcx
    pcmpeqd xmm0, xmm0
    ret
    .size rgo_poll, .-rgo_poll

/* void rgo_test_resume(void *frame, void *pc) [C ABI]: resumes compiled
 * code at a landing pad as the runtime's rgo_resume does: RBP = RSP =
 * frame, then jump to pc (R14 is still the goroutine). */
    .globl rgo_test_resume
    .type rgo_test_resume, @function
rgo_test_resume:
    mov rbp, rdi
    mov rsp, rdi
    jmp rsi
    .size rgo_test_resume, .-rgo_test_resume

/* ---- printing ------------------------------------------------------------ */

/* void rgo_test_report(int64 v) [C ABI]: prints v in decimal and a newline. */
    .globl rgo_test_report
    .type rgo_test_report, @function
rgo_test_report:
    check_c_alignment
    mov rax, rdi
    xor r8d, r8d                    /* r8 = 1: negative */
    test rax, rax
    jns print_u64
    neg rax                         /* MinInt64 stays 2^63 as unsigned */
    mov r8d, 1
    jmp print_u64
    .size rgo_test_report, .-rgo_test_report

/* void rgo_test_report_u(uint64 v) [C ABI]: v in decimal, unsigned. */
    .globl rgo_test_report_u
    .type rgo_test_report_u, @function
rgo_test_report_u:
    check_c_alignment
    mov rax, rdi
    xor r8d, r8d
    /* fall through */

/* RAX = magnitude, R8 = 1 if a minus sign goes first. */
print_u64:
    lea rsi, [rip + rgo_test_buf + 32]
    dec rsi
    mov byte ptr [rsi], 10          /* '\n' */
    mov ecx, 10
2:  xor edx, edx
    div rcx
    add dl, '0'
    dec rsi
    mov byte ptr [rsi], dl
    test rax, rax
    jnz 2b
    test r8d, r8d
    jz 3f
    dec rsi
    mov byte ptr [rsi], '-'
3:  lea rdx, [rip + rgo_test_buf + 32]
    sub rdx, rsi                    /* length */
    mov edi, 1                      /* stdout */
    mov eax, SYS_write
    syscall
    clobber_c_scratch
    pcmpeqd xmm0, xmm0
    mov rax, rcx
    mov rdx, rcx
    ret
    .size rgo_test_report_u, .-rgo_test_report_u

/* void rgo_test_report_bits(double x) [C ABI]: x's bits, unsigned decimal. */
    .globl rgo_test_report_bits
    .type rgo_test_report_bits, @function
rgo_test_report_bits:
    movq rdi, xmm0
    jmp rgo_test_report_u
    .size rgo_test_report_bits, .-rgo_test_report_bits

/* ---- argument passing --------------------------------------------------- */

/*
 * struct { int64 d; int64 b; } rgo_test_mix(int64 a, double x, int8 b,
 *                                            float y, int64 c) [C ABI]
 * Entry: RDI = a, XMM0 = x, SIL = b (sign-extended by the caller, as
 *        clang expects of narrow arguments), XMM1 = y, RDX = c.
 * Exit:  RAX = a - c + (int64)(x + y), RDX = b as an int64 (shows the
 *        extension). Everything else C may clobber is clobbered.
 */
    .globl rgo_test_mix
    .type rgo_test_mix, @function
rgo_test_mix:
    check_c_alignment
    cvtss2sd xmm1, xmm1
    addsd xmm0, xmm1
    cvttsd2si rax, xmm0
    add rax, rdi
    sub rax, rdx
    mov rdx, rsi
    push rax
    push rdx
    clobber_c_scratch
    pop rdx
    pop rax
    ret
    .size rgo_test_mix, .-rgo_test_mix

/* double rgo_test_fma(double x, int64 n, float y) [C ABI]: x * n + y. */
    .globl rgo_test_fma
    .type rgo_test_fma, @function
rgo_test_fma:
    check_c_alignment
    cvtsi2sd xmm2, rdi
    mulsd xmm0, xmm2
    cvtss2sd xmm1, xmm1
    addsd xmm0, xmm1
    movq rax, xmm0
    push rax
    clobber_c_scratch
    pop rax
    movq xmm0, rax
    ret
    .size rgo_test_fma, .-rgo_test_fma

/* ---- ABI0 fixtures ------------------------------------------------------ */

/*
 * rgo_test_abi0_callee                                              [ABI0]
 *   func(a int64, b float64, c [2]int64, d int8) (r1 int64, r2 float64, r3 [2]int64)
 *   r1 = a - c[1]; r2 = b + b; r3 = {c[1] + d, c[0] + d}
 *
 * ABI0 frame (offsets from RSP on entry; the stack-only assignment):
 *     8: a    16: b    24: c[0]  32: c[1]  40: d (1 byte)
 *    48: r1   56: r2   64: r3[0] 72: r3[1]
 * ABI0 code may use every register but RSP and RBP, including R14 and
 * X15, which it leaves garbage to show the wrapper restores them.
 */
    .globl rgo_test_abi0_callee
    .type rgo_test_abi0_callee, @function
rgo_test_abi0_callee:
    mov rax, qword ptr [rsp + 8]
    sub rax, qword ptr [rsp + 32]
    mov qword ptr [rsp + 48], rax
    movsd xmm0, qword ptr [rsp + 16]
    addsd xmm0, xmm0
    movsd qword ptr [rsp + 56], xmm0
    movsx rcx, byte ptr [rsp + 40]
    mov rax, qword ptr [rsp + 32]
    add rax, rcx
    mov qword ptr [rsp + 64], rax
    mov rax, qword ptr [rsp + 24]
    add rax, rcx
    mov qword ptr [rsp + 72], rax
    mov r14, 0x0badc0de
    pcmpeqd xmm15, xmm15
    mov rbx, 0x0badc0de
    mov r12, rbx
    mov r13, rbx
    mov r15, rbx
    ret
    .size rgo_test_abi0_callee, .-rgo_test_abi0_callee

/*
 * void rgo_test_abi0_caller(int64 a, int64 b0, int64 b1, double c, float d)
 *                                                                  [C ABI]
 * Calls the program's rgo_test_from_abi0 the way assembly would, through
 * ABI0:
 *   func(a int64, b [2]int64, c float64, d float32) (r1 int64, r2 float64, r3 [2]int64)
 * ABI0 frame (offsets from RSP at the call):
 *     0: a    8: b[0]  16: b[1]  24: c   32: d (4 bytes)
 *    40: r1  48: r2    56: r3[0] 64: r3[1]
 * and reports r1, r2's bits, r3[0], r3[1]. The call is made with RSP only
 * 8-aligned and X15 garbage, as ABI0 allows.
 */
    /* Only the ABI-wrapper test defines it. */
    .weak rgo_test_from_abi0

    .globl rgo_test_abi0_caller
    .type rgo_test_abi0_caller, @function
rgo_test_abi0_caller:
    check_c_alignment
    push rbp
    mov rbp, rsp
    push rbx
    push r12
    push r13
    push r14
    push r15                        /* RSP = 8 mod 16 */
    push qword ptr [r14 + 24]       /* g.sys_sp; RSP = 0 mod 16 */
    /*
     * We run on the system stack (a runtime call brought us here). The Go
     * callee runs where Go code runs, on the goroutine stack below the
     * stack pointer its caller saved in g.go_sp, and its own runtime calls
     * go below this frame:
     *
     *   system stack                 goroutine stack
     *   | saved RBP, RBX R12-R15 |   | the Go caller's frame | <- g.go_sp
     *   | saved g.sys_sp         |   | ABI0 frame (88 bytes) | <- RSP at the call
     *   +------------------------+   | rgo_test_from_abi0 ...|
     *     <- g.sys_sp during the call
     */
    mov qword ptr [r14 + 24], rsp
    mov rax, qword ptr [r14 + 32]
    lea rsp, [rax - 88]             /* 8 mod 16 */
    mov qword ptr [rsp + 0], rdi
    mov qword ptr [rsp + 8], rsi
    mov qword ptr [rsp + 16], rdx
    movsd qword ptr [rsp + 24], xmm0
    movss dword ptr [rsp + 32], xmm1
    mov qword ptr [rsp + 40], -1    /* results start as garbage */
    mov qword ptr [rsp + 48], -1
    mov qword ptr [rsp + 56], -1
    mov qword ptr [rsp + 64], -1
    pcmpeqd xmm15, xmm15
    call rgo_test_from_abi0
    mov rbx, qword ptr [rsp + 40]
    mov r12, qword ptr [rsp + 48]
    mov r13, qword ptr [rsp + 56]
    mov r15, qword ptr [rsp + 64]
    lea rsp, [rbp - 48]             /* back on our frame (Go code keeps RBP) */
    pop qword ptr [r14 + 24]        /* RSP = 8 mod 16 */
    sub rsp, 8                      /* 16-aligned for the C calls */
    mov rdi, rbx
    call rgo_test_report
    mov rdi, r12
    call rgo_test_report_u
    mov rdi, r13
    call rgo_test_report
    mov rdi, r15
    call rgo_test_report
    add rsp, 8
    pop r15
    pop r14
    pop r13
    pop r12
    pop rbx
    pop rbp
    ret
    .size rgo_test_abi0_caller, .-rgo_test_abi0_caller

    .section .note.GNU-stack,"",@progbits
