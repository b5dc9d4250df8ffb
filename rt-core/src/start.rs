//! How a program starts. (The goroutine record is [`crate::g`]'s.)
//!
//! `_start` (`rt-arch/asm/runtime/<arch>_entry.S`) hands the kernel's initial
//! stack to [`rgo_rt_start`], which records the arguments, maps the main
//! goroutine's first stack segment ([`crate::stack`]), installs the signal
//! handlers and enters Go at `rgo.main` on that segment through
//! `rgo_gocall` (`rt-arch/asm/runtime/<arch>.S`), which sets the goroutine
//! register (and amd64's zero register) and `g.sys_sp`. When `rgo.main`
//! returns, the process exits with status 0.
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
//!
//! # A Rust program as the program's main (feature `rust-main`)
//!
//! A `no_std` Rust program can use the runtime's platform layer (a board's
//! boot code, UART, exit and page allocator, on Linux the process entry)
//! without any Go code: built with rt-core's `rust-main` feature, it
//! defines the symbol the entry passes, `rgo.main`, as a Rust function
//!
//! ```ignore
//! #[export_name = "rgo.main"]
//! extern "C" fn main() -> i32 { /* ... */ 0 }
//! ```
//!
//! and [`rgo_rt_start`] initializes the runtime as for Go code, then calls
//! it with the C ABI on the stack it runs on itself, the system stack (on a
//! board the 1 MiB boot stack: Rust code has no prologue checks, so it must
//! not run on a goroutine's small segment), instead of entering Go. Its
//! result is the exit status. No goroutine runs Go code; reflect's calls
//! (`Value::call`, make-func closures) need none. reflect/board-test is
//! such a program.

use crate::g::current_g;
use core::ptr;
#[cfg_attr(feature = "rust-main", allow(unused_imports))]
use core::sync::atomic::{AtomicPtr, Ordering};

/// The func value of `rgo.main`, for entering it like any Go func value.
#[cfg_attr(feature = "rust-main", allow(dead_code))]
static MAIN_FN: AtomicPtr<()> = AtomicPtr::new(ptr::null_mut());

/// The Rust side of the process entry.
///
/// # Safety
/// Only `_start` calls this, once, with `sp` the kernel's initial stack
/// pointer (pointing at `argc`) and `entry` the program's `rgo.main`
/// (Go code; with the `rust-main` feature a Rust function, see the module
/// documentation).
#[no_mangle]
pub unsafe extern "C" fn rgo_rt_start(sp: *const usize, entry: *const ()) -> ! {
    // SAFETY: `sp` is the kernel's initial stack pointer.
    let (argc, argv, envp) = unsafe { crate::os::initial_stack(sp) };
    crate::process::set_args(argc, argv, envp);
    // SAFETY: the kernel's environment pointers, as above.
    unsafe { crate::os::init(envp) };

    let hi = sp as usize;
    let g = current_g();
    // SAFETY: nothing else runs yet; `g` is the static main goroutine.
    unsafe {
        (*g).sys_hi = hi;
        (*g).sys_lo = crate::process::main_stack_lo(hi, crate::os::stack_limit());
        crate::stack::init_goroutine(g);
    }

    crate::signal::install();
    crate::sigqueue::init();

    // Goroutines' runtime frames go below this frame (crate::sched).
    crate::sched::init(crate::arch::current_sp());
    // A system call that blocks may hand the processor to another thread
    // (not while a Rust main runs on the system stack).
    #[cfg(not(feature = "rust-main"))]
    {
        crate::threads::enable();
        crate::threads::init_maxprocs();
    }

    #[cfg(not(feature = "rust-main"))]
    {
        // A func value for `rgo.main` (one word: the code address).
        MAIN_FN.store(entry as *mut (), Ordering::Relaxed);
        // SAFETY: `entry` is the program's ABIInternal `rgo.main` (no
        // arguments, no results, no closure context), and `g`, current, has
        // its first stack segment. Its return ends the process.
        unsafe { crate::sched::start_main(MAIN_FN.as_ptr() as *const ()) }
    }
    #[cfg(feature = "rust-main")]
    {
        // SAFETY: with `rust-main`, `entry` is the program's Rust main (see
        // the module documentation): a C-ABI function without arguments
        // returning the exit status. It runs here, on the system stack.
        let main = unsafe { core::mem::transmute::<*const (), extern "C" fn() -> i32>(entry) };
        let status = main();
        crate::print::with_out(|o| o.flush());
        crate::os::exit(status)
    }
}
