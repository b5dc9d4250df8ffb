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
