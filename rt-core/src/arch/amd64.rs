//! x86-64.
//!
//! Go's ABIInternal here: goroutine R14, closure context RDX, X15 zero.
//! `call` pushes the return address, so a function's entry stack pointer
//! points at it and its arguments start 8 bytes above.

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
    let ret: isize;
    // SAFETY: the caller vouches for the call's memory effects; the kernel
    // (RAX = number and result, arguments in RDI RSI RDX) preserves every
    // register but RAX, RCX and R11, and uses no user stack.
    unsafe {
        asm!(
            "syscall",
            inlateout("rax") n as isize => ret,
            in("rdi") a1,
            in("rsi") a2,
            in("rdx") a3,
            lateout("rcx") _,
            lateout("r11") _,
            options(nostack),
        );
    }
    ret
}

/// A system call with six arguments (the 4th to 6th in R10, R8, R9).
///
/// # Safety
/// As for [`syscall1`].
#[inline]
pub unsafe fn syscall6(n: usize, a1: usize, a2: usize, a3: usize, a4: usize, a5: usize, a6: usize) -> isize {
    let ret: isize;
    // SAFETY: as in `syscall3`.
    unsafe {
        asm!(
            "syscall",
            inlateout("rax") n as isize => ret,
            in("rdi") a1,
            in("rsi") a2,
            in("rdx") a3,
            in("r10") a4,
            in("r8") a5,
            in("r9") a6,
            lateout("rcx") _,
            lateout("r11") _,
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
    // SAFETY: as the caller promises. Entry: RAX = n, RDI = flags,
    // RSI = the child's stack, RDX R10 R8 = 0, R12 = f, R13 = arg; the
    // kernel copies every register into the child but RAX (0 there), RCX
    // and R11. Exit (parent): RAX = the result. The child calls f(arg)
    // with RSP = stack before the call (8 mod 16 at f's entry), RBP = 0.
    unsafe {
        asm!(
            "syscall",
            "test rax, rax",
            "jnz 2f",
            "mov rdi, r13",
            "xor ebp, ebp",
            "call r12",
            "ud2",
            "2:",
            inlateout("rax") n as isize => ret,
            in("rdi") flags,
            in("rsi") stack,
            in("rdx") 0usize,
            in("r10") 0usize,
            in("r8") 0usize,
            in("r12") f as usize,
            in("r13") arg,
            lateout("rcx") _,
            lateout("r11") _,
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
    unsafe { asm!("mov {}, rsp", out(reg) sp, options(nomem, nostack, preserves_flags)) };
    sp
}

/// `math.Sqrt`: the `sqrtsd` instruction, as gc compiles it.
#[inline]
pub fn sqrt(x: f64) -> f64 {
    let r: f64;
    // SAFETY: an SSE2 instruction on registers (SSE2 is baseline on x86_64).
    unsafe { asm!("sqrtsd {0}, {1}", out(xmm_reg) r, in(xmm_reg) x, options(pure, nomem, nostack)) };
    r
}

/// The NaN the floating-point unit produces for an invalid operation such
/// as the square root of a negative number (the x86 "real indefinite", negative).
pub const DEFAULT_NAN: u64 = 0xfff8_0000_0000_0000;
/// Whether an operation on a NaN returns that NaN (quieted) rather than
/// [`DEFAULT_NAN`].
pub const PROPAGATES_NAN: bool = true;

/// Offsets of interrupted registers in Linux's `ucontext_t`: `uc_mcontext`
/// (after `uc_flags`, `uc_link` and the 24-byte `uc_stack`) at 40, then
/// `gregs[]` in the kernel's order (R8..R15 = 0..7, RDI 8, RSI 9, RBP 10,
/// RBX 11, RDX 12, RAX 13, RCX 14, RSP 15, RIP 16).
pub const UCONTEXT_G: usize = 40 + 6 * 8;
pub const UCONTEXT_SP: usize = 40 + 15 * 8;
pub const UCONTEXT_PC: usize = 40 + 16 * 8;


/// The return address of a call through a nil func value that faulted at
/// pc 0 (Go adds no frame for it): on top of the interrupted stack.
///
/// # Safety
/// `ctx` must be a signal handler's `ucontext_t` of a fault at pc 0 in Go
/// code, whose stack pointer points at mapped goroutine stack.
pub unsafe fn fault_return_address(ctx: *const u8) -> usize {
    // SAFETY: as the caller promises: the call pushed its return address.
    unsafe { (super::context_word(ctx, UCONTEXT_SP) as *const usize).read() }
}

/// Rewrites the interrupted context `ctx` so that the instruction at its
/// pc seems to have called `target` with the goroutine register `g`: the
/// pc is pushed as the return address (unless it is 0, a call through a
/// nil func value, whose caller's return address is already on the
/// stack). False, with nothing changed, when the push would go below
/// `lo`. A frameless leaf (`_frameless`) needs nothing more: its return
/// address stays where its caller's `call` pushed it, above the new one.
///
/// # Safety
/// `ctx` must be a signal handler's `ucontext_t` whose stack pointer lies
/// in a live goroutine stack segment starting at `lo`.
pub unsafe fn inject_call(ctx: *mut u8, target: usize, g: usize, lo: usize, _frameless: bool) -> bool {
    // SAFETY: as the caller promises; `sp - 8` is checked to lie in the
    // segment, below the interrupted frame's stack pointer, so nothing
    // live is overwritten.
    unsafe {
        let pc = super::context_word(ctx, UCONTEXT_PC);
        let mut sp = super::context_word(ctx, UCONTEXT_SP);
        if pc != 0 {
            if sp < lo + 8 {
                return false;
            }
            sp -= 8;
            (sp as *mut usize).write(pc);
        }
        super::set_context_word(ctx, UCONTEXT_SP, sp);
        super::set_context_word(ctx, UCONTEXT_PC, target);
        super::set_context_word(ctx, UCONTEXT_G, g);
    }
    true
}

/// Bytes a call pushes: a function's argument pointer (what `recover`
/// compares, RBP + 16) is its entry stack pointer plus this.
pub const CALL_PUSH: usize = 8;

/// A frameless leaf (`RGO_GCFUNC_FRAMELESS`, which the amd64 backend
/// emits) stopped at a fault with stack pointer `sp`: its return address
/// (where `call` pushed it, at `sp`: such a function pushes nothing) and
/// its caller's stack pointer then, the caller's body stack pointer.
///
/// # Safety
/// `sp` must be the stack pointer of such a function, stopped in it.
pub unsafe fn frameless_return(sp: usize) -> Option<(usize, usize)> {
    // SAFETY: as the caller promises: the word at `sp` is the return
    // address the call pushed.
    Some((unsafe { (sp as *const usize).read() }, sp + CALL_PUSH))
}

/// How `rgo_morestack` enters a new segment whose frames end at `hi`, for
/// a function with `args` bytes of arguments: returns the function's new
/// entry stack pointer, with `lessstack` stored there as its return
/// address (the arguments go at that pointer + 8):
///
/// ```text
///   hi  +----------------------------+
///       | padding (to 16)            |
///       | copy of the argument area  |  args bytes
///       +----------------------------+ <- sp + 8 (16-aligned)
///       | &rgo_lessstack             |  the function's return address
///       +----------------------------+ <- sp
/// ```
///
/// # Safety
/// `hi - args - 24 .. hi` must be free memory of the new segment.
pub unsafe fn morestack_entry(hi: usize, args: usize, lessstack: usize) -> usize {
    let sp = ((hi - args) & !15) - 8;
    // SAFETY: as the caller promises.
    unsafe { (sp as *mut usize).write(lessstack) };
    sp
}

/// Bytes `rgo_reflectcall` and its trampoline use below the argument
/// pointer besides the trampoline's frame: six saved registers, padding,
/// two return addresses and the saved frame pointer.
pub const REFLECTCALL_OVERHEAD: usize = 128;

/// How far below the argument pointer `rgo_reflectcall` is called at the
/// Go callee's own argument pointer (what `recover` compares) is, besides
/// the trampoline's frame of a power of two bytes: the return address into `rgo_reflectcall_g`, the six saved registers and
/// padding, the return address into `rgo_reflectcall` and the saved frame
/// descriptor.
pub const REFLECTCALL_CALLEE_ARGP: usize = 80;

/// Whether several threads may run Go code here (crate::threads,
/// `GOMAXPROCS` above 1): rt-arch's gates (`rgo_rt_enter`, `rgo_rt_exit`) are written for it.
pub const PARALLEL: bool = true;
