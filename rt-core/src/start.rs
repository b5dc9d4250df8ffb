//! How a program starts, and the goroutine record.
//!
//! `_start` (rt-arch/asm/runtime/<arch>_entry.S) hands the kernel's initial stack to
//! [`rgo_rt_start`], which records the arguments, maps the main goroutine's
//! first stack segment ([`crate::stack`]), installs the signal handlers and
//! enters Go at `rgo.main` on that segment through `rgo_gocall`
//! (rt-arch/asm/runtime/<arch>.S), which sets the goroutine register (and
//! amd64's zero register) and `g.sys_sp`. When `rgo.main` returns, the process
//! exits with status 0.
//!
//! Two stacks are in play from then on:
//!
//! ```text
//!   the system stack (the OS main-thread stack)     the goroutine stack (segments)
//!   +------------------------------+ sys_hi         +---------------------------+ stack_hi
//!   | _start, rgo_rt_start         |                | rgo.main                  |
//!   | rgo_gocall's saved registers |                | Go frames ...             |
//!   +------------------------------+ <- g.sys_sp    | <- g.go_sp (at a runtime  |
//!   | Rust runtime frames of the   |                |    call: the caller's RSP)|
//!   | current runtime call         |                +---------------------------+ stackguard
//!   v                              v                | RGO_STACK_GUARD bytes     |
//!                                                   +---------------------------+ stack_lo
//! ```
//!
//! Compiled code runs on the goroutine stack and switches to `g.sys_sp` for
//! every runtime call (`toolchain/src/runtime_abi.rs`); the runtime calls
//! Go code back (deferred calls, `Error` methods) below `g.go_sp`.

use crate::defer::{Defer, DeferPool, Panic};
use crate::stack::Segment;
#[cfg(not(test))]
use core::cell::UnsafeCell;
use core::ptr;
use core::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

/// A goroutine as the runtime and compiled code see it. Compiled code finds
/// the current one in the goroutine register.
///
/// The first eight words are the header of `rgo_abi.h` ("the goroutine"):
/// compiled prologues read `stackguard`, runtime calls read and write
/// `sys_sp` and `go_sp`, rt-core's assembly reads the rest. Their offsets
/// are checked against the generated bindings below. The fields after the
/// header are the runtime's own.
#[repr(C)]
#[derive(Debug)]
pub struct G {
    /// `stack_lo + RGO_STACK_GUARD`: a frame whose lowest byte would fall
    /// below this needs a new segment (`rgo_morestack`).
    pub stackguard: usize,
    /// The current stack segment: `[stack_lo, stack_hi)`.
    pub stack_lo: usize,
    pub stack_hi: usize,
    /// Where runtime calls switch to: the system stack below every live
    /// runtime frame (16-aligned).
    pub sys_sp: usize,
    /// The goroutine stack pointer saved by the latest switch to the system
    /// stack: Go code the runtime calls runs below it.
    pub go_sp: usize,
    /// Innermost pending `defer` record.
    pub defer: *mut Defer,
    /// Innermost active panic.
    pub panic: *mut Panic,
    /// The current stack segment's record.
    pub segment: *mut Segment,

    /// Go's goroutine id (1 for the main goroutine).
    pub goid: u64,
    /// The system stack: `[sys_lo, sys_hi)` (an estimate of the main
    /// thread's stack from RLIMIT_STACK), for reporting its overflow.
    pub sys_lo: usize,
    pub sys_hi: usize,
    /// The signal that caused the current panic (0: none), its `si_code`,
    /// fault address and pc: Go's `g.sig`, `sigcode0`, `sigcode1`, `sigpc`,
    /// printed as the `[signal ...]` line of an unrecovered panic.
    pub sig: i32,
    pub sigcode0: i32,
    pub sigcode1: usize,
    pub sigpc: usize,
    /// Free defer records (Go's per-P `deferpool`).
    pub defer_pool: DeferPool,
}

const _: () = {
    use core::mem::offset_of;
    use rt_arch::*;
    assert!(offset_of!(G, stackguard) == RGO_G_STACKGUARD as usize);
    assert!(offset_of!(G, stack_lo) == RGO_G_STACK_LO as usize);
    assert!(offset_of!(G, stack_hi) == RGO_G_STACK_HI as usize);
    assert!(offset_of!(G, sys_sp) == RGO_G_SYS_SP as usize);
    assert!(offset_of!(G, go_sp) == RGO_G_GO_SP as usize);
    assert!(offset_of!(G, defer) == RGO_G_DEFER as usize);
    assert!(offset_of!(G, panic) == RGO_G_PANIC as usize);
    assert!(offset_of!(G, segment) == RGO_G_SEGMENT as usize);
    assert!(offset_of!(G, goid) == RGO_G_HEADER_SIZE as usize);
};

impl G {
    /// A goroutine with no stack yet.
    pub const fn new(goid: u64) -> G {
        G {
            stackguard: 0,
            stack_lo: 0,
            stack_hi: 0,
            sys_sp: 0,
            go_sp: 0,
            defer: ptr::null_mut(),
            panic: ptr::null_mut(),
            segment: ptr::null_mut(),
            goid,
            sys_lo: 0,
            sys_hi: 0,
            sig: 0,
            sigcode0: 0,
            sigcode1: 0,
            sigpc: 0,
            defer_pool: DeferPool::new(),
        }
    }
}

/// Assumed stack size when RLIMIT_STACK is unlimited.
const DEFAULT_STACK: usize = 8 << 20;
/// How far below the estimated `sys_lo` a fault still counts as an
/// overflow of the system stack: the slack below plus the kernel's guard
/// gap (256 pages) and a margin.
pub const STACK_OVERFLOW_BAND: usize = ARGS_SLACK + (4 << 20);
/// Slack between the initial stack pointer and the true top of the stack
/// mapping, which holds the argument and environment strings.
const ARGS_SLACK: usize = 256 << 10;

#[cfg(not(test))]
struct GCell(UnsafeCell<G>);

// SAFETY: the main goroutine is only touched by the one thread that runs
// Go code (and its signal handlers), and by Go code through the goroutine
// register.
#[cfg(not(test))]
unsafe impl Sync for GCell {}

#[cfg(not(test))]
static MAIN_G: GCell = GCell(UnsafeCell::new(G::new(1)));

/// The goroutine Go code runs as. There is only the main goroutine so far.
#[cfg(not(test))]
pub fn current_g() -> *mut G {
    MAIN_G.0.get()
}

/// In unit tests every test thread has a goroutine of its own (tests run in
/// parallel), with a first stack segment, so runtime code that calls Go
/// can be tested on the host.
#[cfg(test)]
pub fn current_g() -> *mut G {
    std::thread_local! {
        static TEST_G: *mut G = {
            let g = alloc::boxed::Box::leak(alloc::boxed::Box::new(G::new(1)));
            // SAFETY: a fresh goroutine of this thread only.
            unsafe { crate::stack::init_goroutine(g) };
            g
        };
    }
    TEST_G.with(|g| *g)
}

/// The func value of `rgo.main`, for entering it like any Go func value.
static MAIN_FN: AtomicPtr<()> = AtomicPtr::new(ptr::null_mut());

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

/// The Rust side of the process entry.
///
/// # Safety
/// Only `_start` calls this, once, with `sp` the kernel's initial stack
/// pointer (pointing at `argc`) and `entry` the program's `rgo.main`.
#[no_mangle]
pub unsafe extern "C" fn rgo_rt_start(sp: *const usize, entry: *const ()) -> ! {
    // SAFETY: `sp` is the kernel's initial stack pointer.
    let (argc, argv, envp) = unsafe { crate::os::initial_stack(sp) };
    ARGC.store(argc, Ordering::Relaxed);
    ARGV.store(argv as *mut *const u8, Ordering::Relaxed);
    ENVP.store(envp as *mut *const u8, Ordering::Relaxed);

    let hi = sp as usize;
    let size = crate::os::stack_limit().unwrap_or(DEFAULT_STACK);
    let g = current_g();
    // SAFETY: nothing else runs yet; `g` is the static main goroutine.
    unsafe {
        (*g).sys_hi = hi;
        (*g).sys_lo = hi.saturating_sub(size.saturating_sub(ARGS_SLACK));
        crate::stack::init_goroutine(g);
    }

    crate::signal::install();

    // A func value for `rgo.main` (one word: the code address).
    MAIN_FN.store(entry as *mut (), Ordering::Relaxed);
    // SAFETY: `entry` is the program's ABIInternal `rgo.main` (no
    // arguments, no results, no closure context), and `g` has its first
    // stack segment; `go_sp` is that segment's top.
    unsafe { crate::gocall::call_go(g, MAIN_FN.as_ptr() as *const (), (*g).go_sp) };

    crate::print::with_out(|o| o.flush());
    crate::os::exit(0)
}
