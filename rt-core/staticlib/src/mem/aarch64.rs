//! The `mem*` functions on AArch64 in inline assembly. `memcpy` and
//! `memset` move 16 bytes per `ldp`/`stp` (64 per iteration for `memset`:
//! the collector's arena is zeroed with it, 64 MiB on a board) and finish
//! with bytes; ordinary memory takes unaligned accesses (SCTLR_EL1.A is
//! clear on Linux and on the boards, and the runtime never copies to or
//! from device memory). The rest are byte loops: short, rare calls.

use core::arch::asm;

/// # Safety
/// `src` readable and `dst` writable for `n` bytes; the ranges must not
/// overlap.
#[no_mangle]
pub unsafe extern "C" fn memcpy(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    // SAFETY: the caller vouches for both ranges. Register use: {d} = dst,
    // {s} = src, {n} = count, advanced/consumed; {a}, {b} scratch.
    unsafe {
        asm!(
            "1:",
            "cmp {n}, #16",
            "b.lo 2f",
            "ldp {a}, {b}, [{s}], #16",
            "stp {a}, {b}, [{d}], #16",
            "sub {n}, {n}, #16",
            "b 1b",
            "2:",
            "cbz {n}, 4f",
            "3:",
            "ldrb {a:w}, [{s}], #1",
            "strb {a:w}, [{d}], #1",
            "subs {n}, {n}, #1",
            "b.ne 3b",
            "4:",
            d = inout(reg) dst => _,
            s = inout(reg) src => _,
            n = inout(reg) n => _,
            a = out(reg) _,
            b = out(reg) _,
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
            "ldrb {t:w}, [{s}, #-1]!",
            "strb {t:w}, [{d}, #-1]!",
            "subs {n}, {n}, #1",
            "b.ne 1b",
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
    // advanced; {n} = count, consumed; {w} = the byte in all eight lanes.
    unsafe {
        asm!(
            "and {w:w}, {c:w}, #0xff",
            "orr {w}, {w}, {w}, lsl #8",
            "orr {w}, {w}, {w}, lsl #16",
            "orr {w}, {w}, {w}, lsl #32",
            "1:",
            "cmp {n}, #64",
            "b.lo 2f",
            "stp {w}, {w}, [{d}]",
            "stp {w}, {w}, [{d}, #16]",
            "stp {w}, {w}, [{d}, #32]",
            "stp {w}, {w}, [{d}, #48]",
            "add {d}, {d}, #64",
            "sub {n}, {n}, #64",
            "b 1b",
            "2:",
            "cmp {n}, #16",
            "b.lo 3f",
            "stp {w}, {w}, [{d}], #16",
            "sub {n}, {n}, #16",
            "b 2b",
            "3:",
            "cbz {n}, 5f",
            "4:",
            "strb {w:w}, [{d}], #1",
            "subs {n}, {n}, #1",
            "b.ne 4b",
            "5:",
            d = inout(reg) dst => _,
            c = in(reg) c,
            n = inout(reg) n => _,
            w = out(reg) _,
            options(nostack),
        );
    }
    dst
}

/// # Safety
/// `a` and `b` readable for `n` bytes.
#[no_mangle]
pub unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    let diff: i32;
    // SAFETY: the caller vouches for both ranges. Register use: {a}, {b},
    // {n} advanced/consumed; {r} = a[i] - b[i] for the first differing i,
    // or 0; {t} scratch.
    unsafe {
        asm!(
            "mov {r:w}, #0",
            "cbz {n}, 2f",
            "1:",
            "ldrb {r:w}, [{a}], #1",
            "ldrb {t:w}, [{b}], #1",
            "subs {r:w}, {r:w}, {t:w}",
            "b.ne 2f",
            "subs {n}, {n}, #1",
            "b.ne 1b",
            "2:",
            a = inout(reg) a => _,
            b = inout(reg) b => _,
            n = inout(reg) n => _,
            r = out(reg) diff,
            t = out(reg) _,
            options(nostack, readonly),
        );
    }
    diff
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
            "mov {n}, #0",
            "1:",
            "ldrb {t:w}, [{p}, {n}]",
            "cbz {t:w}, 2f",
            "add {n}, {n}, #1",
            "b 1b",
            "2:",
            p = in(reg) s,
            n = out(reg) len,
            t = out(reg) _,
            options(nostack, readonly),
        );
    }
    len
}
