//! The `mem*` functions on RISC-V 64 in inline assembly. `memset`, and
//! `memcpy` when source and destination are aligned alike, move 8-byte
//! words once the destination is aligned (four per iteration for
//! `memset`: the collector's arena is zeroed with it, 64 MiB on a board);
//! the ends, and copies between differently aligned addresses, go by
//! bytes (a misaligned access may trap, M-mode on the board has no one to
//! emulate it). The rest are byte loops: short, rare calls.

use core::arch::asm;

/// # Safety
/// `src` readable and `dst` writable for `n` bytes; the ranges must not
/// overlap.
#[no_mangle]
pub unsafe extern "C" fn memcpy(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    // SAFETY: the caller vouches for both ranges. Register use: {d} = dst,
    // {s} = src, {n} = count, advanced/consumed; {t} scratch. Words only
    // when dst and src agree modulo 8 (then both are aligned once dst is).
    unsafe {
        asm!(
            "xor {t}, {d}, {s}",
            "andi {t}, {t}, 7",
            "bnez {t}, 3f",
            // Bytes until dst is aligned.
            "1:",
            "andi {t}, {d}, 7",
            "beqz {t}, 2f",
            "beqz {n}, 4f",
            "lbu {t}, 0({s})",
            "sb {t}, 0({d})",
            "addi {s}, {s}, 1",
            "addi {d}, {d}, 1",
            "addi {n}, {n}, -1",
            "j 1b",
            // Words.
            "2:",
            "li {t}, 8",
            "bltu {n}, {t}, 3f",
            "ld {t}, 0({s})",
            "sd {t}, 0({d})",
            "addi {s}, {s}, 8",
            "addi {d}, {d}, 8",
            "addi {n}, {n}, -8",
            "j 2b",
            // Bytes: the tail, or everything when misaligned.
            "3:",
            "beqz {n}, 4f",
            "lbu {t}, 0({s})",
            "sb {t}, 0({d})",
            "addi {s}, {s}, 1",
            "addi {d}, {d}, 1",
            "addi {n}, {n}, -1",
            "j 3b",
            "4:",
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
    // advanced; {n} = count, consumed; {w} = the byte in all eight lanes;
    // {t} scratch.
    unsafe {
        asm!(
            "andi {w}, {c}, 0xff",
            "slli {t}, {w}, 8",
            "or {w}, {w}, {t}",
            "slli {t}, {w}, 16",
            "or {w}, {w}, {t}",
            "slli {t}, {w}, 32",
            "or {w}, {w}, {t}",
            // Bytes until dst is aligned.
            "1:",
            "andi {t}, {d}, 7",
            "beqz {t}, 2f",
            "beqz {n}, 5f",
            "sb {w}, 0({d})",
            "addi {d}, {d}, 1",
            "addi {n}, {n}, -1",
            "j 1b",
            // 32 bytes at a time.
            "2:",
            "li {t}, 32",
            "bltu {n}, {t}, 3f",
            "sd {w}, 0({d})",
            "sd {w}, 8({d})",
            "sd {w}, 16({d})",
            "sd {w}, 24({d})",
            "addi {d}, {d}, 32",
            "addi {n}, {n}, -32",
            "j 2b",
            // Words.
            "3:",
            "li {t}, 8",
            "bltu {n}, {t}, 4f",
            "sd {w}, 0({d})",
            "addi {d}, {d}, 8",
            "addi {n}, {n}, -8",
            "j 3b",
            // The last bytes.
            "4:",
            "beqz {n}, 5f",
            "sb {w}, 0({d})",
            "addi {d}, {d}, 1",
            "addi {n}, {n}, -1",
            "j 4b",
            "5:",
            d = inout(reg) dst => _,
            c = in(reg) c,
            n = inout(reg) n => _,
            w = out(reg) _,
            t = out(reg) _,
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
