//! The operating system under the runtime: Linux, through raw system
//! calls on each architecture of [`crate::arch`], or none at all on qemu's
//! `virt` boards (`board`: the devices themselves).
//!
//! Every OS layer gives the same functions; the ones the scheduler's timers
//! need are `nanotime()` (monotonic nanoseconds), `walltime()` (seconds and
//! nanoseconds since the Unix epoch) and `sleep_until(when)` (block the
//! whole machine, using no CPU, until the monotonic clock reaches `when`).
//! `init(envp)` runs once at the start (Linux finds the vDSO's clock there).

#[cfg(target_os = "linux")]
mod linux;
#[cfg(target_os = "linux")]
pub use linux::*;

#[cfg(target_os = "none")]
mod board;
#[cfg(target_os = "none")]
pub use board::*;

#[cfg(not(any(target_os = "linux", target_os = "none")))]
compile_error!("rt-core has OS layers for Linux and for the virt boards only");

// ---- the signal vocabulary of the fault path (crate::signal) ----
// Linux's numbers and `siginfo_t` offsets. A board has no signals: its
// exception handler reports a nil dereference in these words too.

pub const SIGTRAP: i32 = 5;
pub const SIGBUS: i32 = 7;
pub const SIGSEGV: i32 = 11;
/// The preemption tick's signal.
pub const SIGPROF: i32 = 27;

/// `si_code` values of the faults Go turns into panics.
pub const SEGV_MAPERR: i32 = 1;
pub const SEGV_ACCERR: i32 = 2;
pub const BUS_ADRERR: i32 = 2;

/// The parts of `siginfo_t` a fault handler reads: `si_code` at 8 and, for
/// SIGSEGV and SIGBUS, the faulting address at 16. Where the interrupted
/// registers sit in the `ucontext_t` is the architecture's
/// (`crate::arch::UCONTEXT_*`).
pub const SIGINFO_CODE: usize = 8;
pub const SIGINFO_ADDR: usize = 16;

/// The handler type of `set_fault_handler`: `(signal, siginfo, ucontext)`;
/// the handler may rewrite the context (see `crate::arch::inject_call`).
pub type FaultHandler = unsafe extern "C" fn(i32, *const u8, *mut u8);

/// Writes all of `b` to file descriptor `fd`, retrying short writes and
/// interrupted calls. Errors are dropped: there is nowhere left to report
/// a failure to write to stderr.
pub fn write_all(fd: i32, mut b: &[u8]) {
    while !b.is_empty() {
        let n = write(fd, b);
        if n == -EINTR {
            continue;
        }
        if n <= 0 {
            return;
        }
        b = &b[n as usize..];
    }
}
