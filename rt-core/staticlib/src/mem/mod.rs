//! `memcpy`, `memmove`, `memset`, `memcmp`, `bcmp` and `strlen`: the C
//! library functions that Rust code compiles to calls of (a loop looking
//! for a NUL byte becomes `strlen`). Without a C library something has to
//! define them; compiler-builtins only does on targets without one.
//!
//! Each architecture's file defines `memcpy`, `memset`, `memcmp`, `strlen`
//! and `copy_backward` in inline assembly, so the compiler cannot turn
//! their bodies back into calls of themselves; `memmove` and `bcmp` are
//! built on them here.

#[cfg(target_arch = "aarch64")]
mod aarch64;
#[cfg(target_arch = "aarch64")]
use aarch64::{copy_backward, memcmp, memcpy};

#[cfg(target_arch = "riscv64")]
mod riscv64;
#[cfg(target_arch = "riscv64")]
use riscv64::{copy_backward, memcmp, memcpy};

#[cfg(target_arch = "x86_64")]
mod x86_64;
#[cfg(target_arch = "x86_64")]
use x86_64::{copy_backward, memcmp, memcpy};

/// # Safety
/// `src` readable and `dst` writable for `n` bytes; the ranges may overlap.
#[no_mangle]
pub unsafe extern "C" fn memmove(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    if (dst as usize).wrapping_sub(src as usize) >= n {
        // dst is below src or past its end: a forward copy reads every
        // byte before overwriting it.
        // SAFETY: as for memcpy; forward order is safe for this overlap.
        unsafe { memcpy(dst, src, n) };
    } else {
        // dst overlaps the tail of src (so n > 0): copy from the last byte.
        // SAFETY: the caller vouches for both ranges.
        unsafe { copy_backward(dst, src, n) };
    }
    dst
}

/// # Safety
/// As for `memcmp`.
#[no_mangle]
pub unsafe extern "C" fn bcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    // SAFETY: same contract.
    unsafe { memcmp(a, b, n) }
}
