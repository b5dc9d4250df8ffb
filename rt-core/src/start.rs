//! How a program starts: `_start` (asm/amd64_entry.S) hands the kernel's
//! initial stack to [`rgo_rt_start`], which records the arguments, sets up
//! the main goroutine and enters Go at `rgo.main` through `rgo_enter_go`
//! (asm/amd64.S), which sets the goroutine register (R14) and the zero
//! register (X15). When `rgo.main` returns, the process exits with status 0.
//!
//! Go code runs on the OS main-thread stack: growable goroutine stacks
//! (and `morestack`) are a later step, so the stack bounds recorded in
//! [`G`] are those of the main thread and a Go program that recurses past
//! them dies with SIGSEGV instead of growing its stack.

use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

/// A goroutine as the runtime and compiled code see it. Compiled code finds
/// the current one in R14 (amd64).
///
/// The first three fields sit where Go's `runtime.g` has them (stack
/// bounds at 0 and 8, `stackguard0` at 16), so the stack check in a
/// function prologue reads the same offset as in Go. Nothing in assembly
/// reads the fields yet; once something does, their offsets move to
/// rt-arch's `rgo_abi.h` like the other shared layouts.
#[repr(C)]
#[derive(Debug)]
pub struct G {
    /// Lowest address of the goroutine's stack.
    pub stack_lo: usize,
    /// One past the highest address of the goroutine's stack.
    pub stack_hi: usize,
    /// A function whose stack pointer would drop below this needs a
    /// bigger stack: `stack_lo` plus room for runtime calls.
    pub stackguard0: usize,
    /// Go's goroutine id (1 for the main goroutine).
    pub goid: u64,
}

const _: () = {
    assert!(core::mem::offset_of!(G, stack_lo) == 0);
    assert!(core::mem::offset_of!(G, stack_hi) == 8);
    assert!(core::mem::offset_of!(G, stackguard0) == 16);
};

/// Bytes kept free below `stackguard0`: what a chain of runtime (Rust)
/// calls made from Go code may use. Go's own reserve is 928 bytes; Rust
/// frames are bigger, so more.
pub const STACK_GUARD: usize = 16 << 10;
/// Assumed stack size when RLIMIT_STACK is unlimited.
const DEFAULT_STACK: usize = 8 << 20;
/// How far below the estimated `stack_lo` a fault still counts as a stack
/// overflow: the slack below plus the kernel's guard gap (256 pages) and
/// a margin.
pub const STACK_OVERFLOW_BAND: usize = ARGS_SLACK + (4 << 20);
/// Slack between the initial stack pointer and the true top of the stack
/// mapping, which holds the argument and environment strings.
const ARGS_SLACK: usize = 256 << 10;

struct GCell(UnsafeCell<G>);

// SAFETY: the main goroutine is only touched by the one thread that runs
// Go code, and by Go code through R14.
unsafe impl Sync for GCell {}

static MAIN_G: GCell = GCell(UnsafeCell::new(G { stack_lo: 0, stack_hi: 0, stackguard0: 0, goid: 1 }));

/// The goroutine Go code runs as. There is only the main goroutine so far.
pub fn current_g() -> *mut G {
    MAIN_G.0.get()
}

static ARGC: AtomicUsize = AtomicUsize::new(0);
static ARGV: AtomicPtr<*const u8> = AtomicPtr::new(core::ptr::null_mut());
static ENVP: AtomicPtr<*const u8> = AtomicPtr::new(core::ptr::null_mut());

/// The program's arguments as the kernel passed them: `argc` and `argv`
/// (NUL-terminated strings; `argv[argc]` is null). Zero and null before the
/// runtime started (as in tests).
pub fn args() -> (usize, *const *const u8) {
    (ARGC.load(Ordering::Relaxed), ARGV.load(Ordering::Relaxed))
}

/// The environment: a null-terminated array of `NAME=value` strings.
pub fn environ() -> *const *const u8 {
    ENVP.load(Ordering::Relaxed)
}

extern "C" {
    /// Calls the ABIInternal function at `entry` (no arguments, no results)
    /// as goroutine `g`; see asm/amd64.S.
    fn rgo_enter_go(g: *mut G, entry: *const ());
}

/// The Rust side of the process entry.
///
/// # Safety
/// Only `_start` calls this, once, with `sp` the kernel's initial stack
/// pointer (pointing at `argc`) and `entry` the program's `rgo.main`.
#[no_mangle]
pub unsafe extern "C" fn rgo_rt_start(sp: *const usize, entry: *const ()) -> ! {
    // SAFETY: the kernel's initial stack is argc, argv[argc] and a null,
    // then the environment pointers.
    unsafe {
        let argc = *sp;
        let argv = sp.add(1) as *mut *const u8;
        ARGC.store(argc, Ordering::Relaxed);
        ARGV.store(argv, Ordering::Relaxed);
        ENVP.store(argv.add(argc + 1), Ordering::Relaxed);
    }

    let hi = sp as usize;
    let size = crate::platform::stack_limit().unwrap_or(DEFAULT_STACK);
    let lo = hi.saturating_sub(size.saturating_sub(ARGS_SLACK));
    let g = current_g();
    // SAFETY: nothing else runs yet; `g` is the static main goroutine.
    unsafe {
        (*g).stack_lo = lo;
        (*g).stack_hi = hi;
        (*g).stackguard0 = lo + STACK_GUARD;
    }

    crate::signal::install();

    // SAFETY: `entry` is the program's ABIInternal `rgo.main`, and `g`
    // describes the stack it runs on.
    unsafe { rgo_enter_go(g, entry) };

    crate::print::with_out(|o| o.flush());
    crate::platform::exit(0)
}
