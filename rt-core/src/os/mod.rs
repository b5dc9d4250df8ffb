//! The operating system under the runtime. Only Linux exists so far,
//! through raw system calls on each architecture of [`crate::arch`];
//! bare-metal boards come later.
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

#[cfg(not(target_os = "linux"))]
compile_error!("rt-core has an OS layer for Linux only so far");

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
