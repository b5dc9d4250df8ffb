//! RISC-V 64 (RV64GC).
//!
//! Go's ABIInternal here (docs/targets.md): goroutine X27 (s11), closure
//! context X26 (s10), frame pointer of compiled code X25 (s9), return
//! address in RA (X1). A call pushes nothing: a function's entry stack
//! pointer is its argument pointer, and its caller's fixed frame word sits
//! there, so its stack arguments start 8 bytes above.

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
    // (A7 = number, A0-A5 = arguments, A0 = result) preserves every other
    // register and uses no user stack.
    unsafe {
        asm!(
            "ecall",
            in("a7") n,
            inlateout("a0") a1 as isize => ret,
            in("a1") a2,
            in("a2") a3,
            in("a3") a4,
            in("a4") a5,
            in("a5") a6,
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
    // SAFETY: as the caller promises. Entry: A7 = n, A0 = flags, A1 = the
    // child's stack, A2-A4 = 0, T0 = f, T1 = arg; the kernel copies every
    // register into the child but A0 (0 there). Exit (parent): A0 = the
    // result. The child calls f(arg) with SP = stack and S0 = 0.
    unsafe {
        asm!(
            "ecall",
            "bnez a0, 2f",
            "mv a0, t1",
            "li s0, 0",
            "jalr t0",
            "unimp",
            "2:",
            in("a7") n,
            inlateout("a0") flags as isize => ret,
            in("a1") stack,
            in("a2") 0usize,
            in("a3") 0usize,
            in("a4") 0usize,
            in("t0") f as usize,
            in("t1") arg,
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
    unsafe { asm!("mv {}, sp", out(reg) sp, options(nomem, nostack, preserves_flags)) };
    sp
}

/// `math.Sqrt`: the `fsqrt.d` instruction (D extension), as gc compiles it.
#[inline]
pub fn sqrt(x: f64) -> f64 {
    let r: f64;
    // SAFETY: a D-extension instruction on registers (RV64GC has D).
    unsafe { asm!("fsqrt.d {0}, {1}", out(freg) r, in(freg) x, options(pure, nomem, nostack)) };
    r
}

/// The NaN the floating-point unit produces for an invalid operation such
/// as the square root of a negative number (the canonical NaN, positive).
pub const DEFAULT_NAN: u64 = 0x7ff8_0000_0000_0000;
/// Whether an operation on a NaN returns that NaN (quieted) rather than
/// [`DEFAULT_NAN`].
pub const PROPAGATES_NAN: bool = false;

/// Offsets in Linux's `ucontext_t`: `uc_mcontext` at 176 (16-aligned after
/// the 128-byte signal mask) starts with `__gregs[32]`: the pc in slot 0,
/// then X1..X31 in slots 1..31.
const UCONTEXT_GREGS: usize = 176;
pub const UCONTEXT_PC: usize = UCONTEXT_GREGS;
pub const UCONTEXT_LR: usize = UCONTEXT_GREGS + 8;
pub const UCONTEXT_SP: usize = UCONTEXT_GREGS + 2 * 8;
pub const UCONTEXT_G: usize = UCONTEXT_GREGS + 27 * 8;


/// The return address of a call through a nil func value that faulted at
/// pc 0 (Go adds no frame for it): the return address register.
///
/// # Safety
/// `ctx` must be a signal handler's `ucontext_t`.
pub unsafe fn fault_return_address(ctx: *const u8) -> usize {
    // SAFETY: as the caller promises.
    unsafe { super::context_word(ctx, UCONTEXT_LR) }
}

/// Rewrites the interrupted context `ctx` so that the instruction at its
/// pc seems to have called `target` with the goroutine register `g`:
/// RA = that pc (unless it is 0, a call through a nil func value, which
/// left its return address in RA already), PC = `target`, X27 = `g`.
/// A frameless leaf (`frameless`: its return address is in RA alone) first
/// gets its RA pushed, 16 bytes below its stack pointer
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

/// Bytes a call pushes: none (the return address travels in RA).
pub const CALL_PUSH: usize = 0;

/// A frameless leaf (`RGO_GCFUNC_FRAMELESS`) stopped at a fault with
/// stack pointer `sp`, as [`inject_call`] left it: its return address
/// (its RA, pushed at `sp`) and its caller's stack pointer then, the
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
/// RA itself (`_lessstack` is unused here):
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
/// pointer besides the trampoline's frame: the 208-byte save of the C
/// callee-saved registers and the trampoline's 16 bytes, with a margin.
pub const REFLECTCALL_OVERHEAD: usize = 256;

/// How far below the argument pointer `rgo_reflectcall` is called at the
/// Go callee's own argument pointer (what `recover` compares) is, besides
/// the trampoline's frame of a power of two bytes: the 208-byte save of the C callee-saved registers and the
/// trampoline's 16 bytes.
pub const REFLECTCALL_CALLEE_ARGP: usize = 224;

/// Whether several threads may run Go code here (crate::threads,
/// `GOMAXPROCS` above 1): rt-arch's gates (`rgo_rt_enter`, `rgo_rt_exit`) are written for it.
pub const PARALLEL: bool = true;
