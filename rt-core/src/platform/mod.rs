//! The operating system under the runtime. Only Linux on amd64 exists so
//! far, through raw system calls; bare-metal boards come later.

#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
mod linux_amd64;
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
pub use linux_amd64::*;

#[cfg(not(all(target_os = "linux", target_arch = "x86_64")))]
compile_error!("rt-core has a platform layer for linux/amd64 only so far");

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
