//! The `mem*` functions on x86-64, written with `rep movsb`/`rep stosb` (fast on every x86-64 with
//! ERMSB), `repne scasb` and plain loops in inline assembly, so the compiler cannot turn
//! their bodies back into calls of themselves.

use core::arch::asm;

/// # Safety
/// `src` readable and `dst` writable for `n` bytes; the ranges must not
/// overlap.
#[no_mangle]
pub unsafe extern "C" fn memcpy(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    // SAFETY: the caller vouches for both ranges. Register use: RDI = dst,
    // RSI = src, RCX = n on entry; all three advanced/consumed on exit.
    unsafe {
        asm!(
            "rep movsb",
            inout("rcx") n => _,
            inout("rdi") dst => _,
            inout("rsi") src => _,
            options(nostack, preserves_flags),
        );
    }
    dst
}

/// Copies `n` bytes from the end backwards (for `memmove` when `dst`
/// overlaps the tail of `src`).
///
/// # Safety
/// `src` readable and `dst` writable for `n` bytes, `n > 0`.
pub unsafe fn copy_backward(dst: *mut u8, src: *const u8, n: usize) {
    // SAFETY: the caller vouches for both ranges. Register use: RDI =
    // last byte of dst, RSI = last byte of src, RCX = n; the direction
    // flag is set for the copy and cleared again (the ABI requires it
    // clear).
    unsafe {
        asm!(
            "std",
            "rep movsb",
            "cld",
            inout("rcx") n => _,
            inout("rdi") dst.add(n - 1) => _,
            inout("rsi") src.add(n - 1) => _,
            options(nostack),
        );
    }
}

/// # Safety
/// `dst` writable for `n` bytes.
#[no_mangle]
pub unsafe extern "C" fn memset(dst: *mut u8, c: i32, n: usize) -> *mut u8 {
    // SAFETY: the caller vouches for the range. Register use: RDI = dst,
    // AL = byte, RCX = n on entry.
    unsafe {
        asm!(
            "rep stosb",
            inout("rcx") n => _,
            inout("rdi") dst => _,
            in("al") c as u8,
            options(nostack, preserves_flags),
        );
    }
    dst
}

/// # Safety
/// `a` and `b` readable for `n` bytes.
#[no_mangle]
pub unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    let diff: i32;
    // SAFETY: the caller vouches for both ranges. Register use: RSI = a,
    // RDI = b, RCX = remaining count; on exit EAX = a[i] - b[i] for the
    // first differing i, or 0. R8D/R9D are scratch.
    unsafe {
        asm!(
            "xor eax, eax",
            "2:",
            "test rcx, rcx",
            "jz 3f",
            "movzx r8d, byte ptr [rsi]",
            "movzx r9d, byte ptr [rdi]",
            "inc rsi",
            "inc rdi",
            "dec rcx",
            "mov eax, r8d",
            "sub eax, r9d",
            "jz 2b",
            "3:",
            inout("rcx") n => _,
            inout("rsi") a => _,
            inout("rdi") b => _,
            out("eax") diff,
            out("r8") _,
            out("r9") _,
            options(nostack, readonly),
        );
    }
    diff
}

/// # Safety
/// `s` must point at a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn strlen(s: *const u8) -> usize {
    let left: usize;
    // SAFETY: the caller vouches for the string. Register use: RDI = s,
    // AL = 0, RCX = -1 on entry; `repne scasb` stops after the NUL with
    // RCX = -1 - (length + 1).
    unsafe {
        asm!(
            "repne scasb",
            inout("rdi") s => _,
            inout("rcx") usize::MAX => left,
            in("al") 0u8,
            options(nostack, readonly),
        );
    }
    !left - 1
}
