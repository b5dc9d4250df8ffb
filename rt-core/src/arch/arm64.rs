//! AArch64.
//!
//! Go's ABIInternal here (docs/targets.md): goroutine R28, closure context
//! R26, frame pointer R29, link register R30. `bl` leaves the return
//! address in R30 and pushes nothing: a function's entry stack pointer is
//! its argument pointer, and its caller's fixed frame word sits there, so
//! its stack arguments start 8 bytes above.

use core::arch::asm;

/// A system call with one argument.
///
/// # Safety
/// The call must be one whose effects on memory the caller has made sound
/// (buffers valid for what the kernel reads or writes).
#[inline]
pub unsafe fn syscall1(n: usize, a1: usize) -> isize {
    // SAFETY: as the caller promises.
    unsafe { syscall6(n, a1, 0, 0, 0, 0, 0) }
}

/// A system call with up to three arguments.
///
/// # Safety
/// As for [`syscall1`].
#[inline]
pub unsafe fn syscall3(n: usize, a1: usize, a2: usize, a3: usize) -> isize {
    // SAFETY: as the caller promises.
    unsafe { syscall6(n, a1, a2, a3, 0, 0, 0) }
}

/// A system call with six arguments.
///
/// # Safety
/// As for [`syscall1`].
#[inline]
pub unsafe fn syscall6(n: usize, a1: usize, a2: usize, a3: usize, a4: usize, a5: usize, a6: usize) -> isize {
    let ret: isize;
    // SAFETY: the caller vouches for the call's memory effects; the kernel
    // (X8 = number, X0-X5 = arguments, X0 = result) preserves every other
    // register and uses no user stack.
    unsafe {
        asm!(
            "svc #0",
            in("x8") n,
            inlateout("x0") a1 as isize => ret,
            in("x1") a2,
            in("x2") a3,
            in("x3") a4,
            in("x4") a5,
            in("x5") a6,
            options(nostack),
        );
    }
    ret
}

/// `clone` making a thread that starts by calling `f(arg)` on `stack`
/// ([`crate::arch`]'s list says the rest).
///
/// # Safety
/// `stack` must be a mapped stack the child owns alone, `f` safe to run
/// there with `arg`.
#[allow(dead_code)]
pub unsafe fn clone_thread(n: usize, flags: usize, stack: usize, f: unsafe extern "C" fn(usize) -> !, arg: usize) -> isize {
    let ret: isize;
    // SAFETY: as the caller promises. Entry: X8 = n, X0 = flags, X1 = the
    // child's stack, X2-X4 = 0, X9 = f, X10 = arg; the kernel copies every
    // register into the child but X0 (0 there). Exit (parent): X0 = the
    // result. The child calls f(arg) with SP = stack and X29 = 0.
    unsafe {
        asm!(
            "svc #0",
            "cbnz x0, 2f",
            "mov x0, x10",
            "mov x29, xzr",
            "blr x9",
            "brk #0",
            "2:",
            in("x8") n,
            inlateout("x0") flags as isize => ret,
            in("x1") stack,
            in("x2") 0usize,
            in("x3") 0usize,
            in("x4") 0usize,
            in("x9") f as usize,
            in("x10") arg,
            options(nostack),
        );
    }
    ret
}

/// The stack pointer of the calling code.
#[inline(always)]
pub fn current_sp() -> usize {
    let sp: usize;
    // SAFETY: reads a register.
    unsafe { asm!("mov {}, sp", out(reg) sp, options(nomem, nostack, preserves_flags)) };
    sp
}

/// `math.Sqrt`: the `fsqrt` instruction, as gc compiles it.
#[inline]
pub fn sqrt(x: f64) -> f64 {
    let r: f64;
    // SAFETY: an FP instruction on registers (FP is baseline on AArch64).
    unsafe { asm!("fsqrt {0:d}, {1:d}", out(vreg) r, in(vreg) x, options(pure, nomem, nostack)) };
    r
}

/// The NaN the floating-point unit produces for an invalid operation such
/// as the square root of a negative number (positive).
pub const DEFAULT_NAN: u64 = 0x7ff8_0000_0000_0000;
/// Whether an operation on a NaN returns that NaN (quieted) rather than
/// [`DEFAULT_NAN`].
pub const PROPAGATES_NAN: bool = true;

/// Offsets in Linux's `ucontext_t`: `uc_mcontext` (a `struct sigcontext`,
/// 16-aligned after the 128-byte signal mask) at 176, then
/// `fault_address`, `regs[31]` (X0-X30) at 184, `sp` at 432, `pc` at 440.
const UCONTEXT_REGS: usize = 184;
pub const UCONTEXT_G: usize = UCONTEXT_REGS + 28 * 8;
pub const UCONTEXT_LR: usize = UCONTEXT_REGS + 30 * 8;
pub const UCONTEXT_SP: usize = 432;
pub const UCONTEXT_PC: usize = 440;


/// The return address of a call through a nil func value that faulted at
/// pc 0 (Go adds no frame for it): the link register.
///
/// # Safety
/// `ctx` must be a signal handler's `ucontext_t`.
pub unsafe fn fault_return_address(ctx: *const u8) -> usize {
    // SAFETY: as the caller promises.
    unsafe { super::context_word(ctx, UCONTEXT_LR) }
}

/// Rewrites the interrupted context `ctx` so that the instruction at its
/// pc seems to have called `target` with the goroutine register `g`:
/// LR = that pc (unless it is 0, a call through a nil func value, which
/// left its return address in LR already), PC = `target`, X28 = `g`.
/// A frameless leaf (`frameless`: its return address is in LR alone) first
/// gets its LR pushed, 16 bytes below its stack pointer
/// ([`frameless_return`] reads it there); false, with nothing changed,
/// when that push would go below `lo`. Otherwise nothing is pushed.
///
/// # Safety
/// `ctx` must be a signal handler's `ucontext_t` whose stack pointer lies
/// in a live goroutine stack segment starting at `lo`.
pub unsafe fn inject_call(ctx: *mut u8, target: usize, g: usize, lo: usize, frameless: bool) -> bool {
    // SAFETY: as the caller promises (which `push_link_register` needs too).
    unsafe {
        let pc = super::context_word(ctx, UCONTEXT_PC);
        if pc != 0 {
            if frameless && !super::push_link_register(ctx, lo) {
                return false;
            }
            super::set_context_word(ctx, UCONTEXT_LR, pc);
        }
        super::set_context_word(ctx, UCONTEXT_PC, target);
        super::set_context_word(ctx, UCONTEXT_G, g);
    }
    true
}

/// Bytes a call pushes: none (the return address travels in LR).
pub const CALL_PUSH: usize = 0;

/// A frameless leaf (`RGO_GCFUNC_FRAMELESS`) stopped at a fault with
/// stack pointer `sp`, as [`inject_call`] left it: its return address
/// (its LR, pushed at `sp`) and its caller's stack pointer then, the
/// caller's body stack pointer (the leaf's own, 16 bytes above).
///
/// # Safety
/// `sp` must be the stack pointer of such a function, stopped in it by a
/// fault that [`inject_call`] turned into a call.
pub unsafe fn frameless_return(sp: usize) -> Option<(usize, usize)> {
    // SAFETY: as the caller promises: `inject_call` pushed the word.
    Some((unsafe { (sp as *const usize).read() }, sp + 16))
}

/// How `rgo_morestack` enters a new segment whose frames end at `hi`, for
/// a function with `args` bytes of arguments: returns the function's new
/// entry stack pointer (16-aligned); the arguments go at that pointer + 8,
/// above the fixed frame word, and `rgo_morestack` puts `rgo_lessstack` in
/// LR itself (`_lessstack` is unused here):
///
/// ```text
///   hi  +----------------------------+
///       | padding (to 16)            |
///       | copy of the argument area  |  args bytes
///       +----------------------------+ <- sp + 8
///       | fixed frame word           |
///       +----------------------------+ <- sp (16-aligned)
/// ```
///
/// # Safety
/// None (kept unsafe for the same signature on every architecture).
pub unsafe fn morestack_entry(hi: usize, args: usize, _lessstack: usize) -> usize {
    (hi - args - 8) & !15
}

/// Bytes `rgo_reflectcall` and its trampoline use below the argument
/// pointer besides the trampoline's frame: the 160-byte save of the C
/// callee-saved registers, the trampoline's frame record and saved frame
/// pointer, with a margin.
pub const REFLECTCALL_OVERHEAD: usize = 256;

/// How far below the argument pointer `rgo_reflectcall` is called at the
/// Go callee's own argument pointer (what `recover` compares) is, besides
/// the trampoline's frame of a power of two bytes: the 160-byte save of the C callee-saved registers and the
/// trampoline's 32 bytes of frame record and saved descriptor.
pub const REFLECTCALL_CALLEE_ARGP: usize = 192;

/// Whether several threads may run Go code here (crate::threads,
/// `GOMAXPROCS` above 1): yes, through rt-arch's gates (`rgo_rt_enter`,
/// `rgo_rt_exit`).
pub const PARALLEL: bool = true;
