//! The `mem*` functions on RISC-V 64: byte loops in inline assembly
//! (simple and correct; the runtime's copies are short).

use core::arch::asm;

/// # Safety
/// `src` readable and `dst` writable for `n` bytes; the ranges must not
/// overlap.
#[no_mangle]
pub unsafe extern "C" fn memcpy(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    // SAFETY: the caller vouches for both ranges. Register use: {d} = dst,
    // {s} = src, {n} = count, advanced/consumed; {t} scratch.
    unsafe {
        asm!(
            "beqz {n}, 2f",
            "1:",
            "lbu {t}, 0({s})",
            "sb {t}, 0({d})",
            "addi {s}, {s}, 1",
            "addi {d}, {d}, 1",
            "addi {n}, {n}, -1",
            "bnez {n}, 1b",
            "2:",
            d = inout(reg) dst => _,
            s = inout(reg) src => _,
            n = inout(reg) n => _,
            t = out(reg) _,
            options(nostack),
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
    // SAFETY: the caller vouches for both ranges. Register use: {d}, {s} =
    // one past the ends, moving down; {n} = count; {t} scratch.
    unsafe {
        asm!(
            "1:",
            "addi {s}, {s}, -1",
            "addi {d}, {d}, -1",
            "lbu {t}, 0({s})",
            "sb {t}, 0({d})",
            "addi {n}, {n}, -1",
            "bnez {n}, 1b",
            d = inout(reg) dst.add(n) => _,
            s = inout(reg) src.add(n) => _,
            n = inout(reg) n => _,
            t = out(reg) _,
            options(nostack),
        );
    }
}

/// # Safety
/// `dst` writable for `n` bytes.
#[no_mangle]
pub unsafe extern "C" fn memset(dst: *mut u8, c: i32, n: usize) -> *mut u8 {
    // SAFETY: the caller vouches for the range. Register use: {d} = dst,
    // {c} = byte, {n} = count.
    unsafe {
        asm!(
            "beqz {n}, 2f",
            "1:",
            "sb {c}, 0({d})",
            "addi {d}, {d}, 1",
            "addi {n}, {n}, -1",
            "bnez {n}, 1b",
            "2:",
            d = inout(reg) dst => _,
            c = in(reg) c,
            n = inout(reg) n => _,
            options(nostack),
        );
    }
    dst
}

/// # Safety
/// `a` and `b` readable for `n` bytes.
#[no_mangle]
pub unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    let diff: isize;
    // SAFETY: the caller vouches for both ranges. Register use: {a}, {b},
    // {n} advanced/consumed; {r} = a[i] - b[i] for the first differing i,
    // or 0; {t} scratch.
    unsafe {
        asm!(
            "li {r}, 0",
            "beqz {n}, 2f",
            "1:",
            "lbu {r}, 0({a})",
            "lbu {t}, 0({b})",
            "sub {r}, {r}, {t}",
            "bnez {r}, 2f",
            "addi {a}, {a}, 1",
            "addi {b}, {b}, 1",
            "addi {n}, {n}, -1",
            "bnez {n}, 1b",
            "2:",
            a = inout(reg) a => _,
            b = inout(reg) b => _,
            n = inout(reg) n => _,
            r = out(reg) diff,
            t = out(reg) _,
            options(nostack, readonly),
        );
    }
    diff as i32
}

/// # Safety
/// `s` must point at a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn strlen(s: *const u8) -> usize {
    let len: usize;
    // SAFETY: the caller vouches for the string. Register use: {p} walks
    // the string, {n} counts bytes before the NUL; {t} scratch.
    unsafe {
        asm!(
            "li {n}, 0",
            "1:",
            "add {t}, {p}, {n}",
            "lbu {t}, 0({t})",
            "beqz {t}, 2f",
            "addi {n}, {n}, 1",
            "j 1b",
            "2:",
            p = in(reg) s,
            n = out(reg) len,
            t = out(reg) _,
            options(nostack, readonly),
        );
    }
    len
}
