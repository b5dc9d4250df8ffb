//! Direct calls on RISC-V 64.
//!
//! Go's ABIInternal here (see `asm/riscv64.S`): integer registers X10-X17
//! X8 X9 X18-X23, float registers F10-F17 F8 F9 F18-F23, closure context
//! X26; the caller's 0(SP) is its own return-address slot and stack
//! arguments start at 8(SP). The callee may destroy every register but SP
//! (X2), GP (X3), TP (X4) and X27 (the goroutine register: passed through,
//! and declared clobbered here anyway). X8 and X9 cannot be operands of
//! inline assembly: their arguments and results travel in X28 and X29 and
//! are moved in and out here, around the saved X8 and X9.
//!
//! Frame of every call (SP stays 16-aligned):
//!
//! ```text
//!     | caller's frame                | <- SP on entry to the block
//!     | [call_stack: area, words]     |
//!     | saved X8, X9                  |
//!     | padding                       |
//!     | FRAME bytes: stack arguments, |
//!     | results, spill area           | <- callee's 8(SP)
//!     | return-address slot           | <- SP at the call
//! ```
//!
//! (`call_ints` and `call_regs` move SP once, for the saved registers and
//! the outgoing area together.)
//!
//! Each shape takes the number of integer (and float) registers the
//! signature uses, arguments or results: only those are operands, and X8
//! and X9 are moved in and out only when they are among them. The callee's
//! other argument registers hold whatever they held (an ABIInternal
//! function reads no argument register beyond its own, and no collector
//! scans registers: stack maps name only the callee's own arguments), and
//! they are declared clobbered, as the callee may use them.

use super::{Regs, FLOAT_REGS, FRAME, INT_REGS};
use core::arch::asm;
use core::ffi::c_void;

/// The outgoing area: the fixed 8-byte slot, [`FRAME`] bytes, padding to 16.
const OUT: usize = FRAME + 16;

/// The integer argument registers as [`by_count!`] groups of one, for
/// [`call_ints`]. Entries: index, register (X28 and X29 stand for X8 and
/// X9), template lines before and after the call.
macro_rules! ints_dispatch {
    ($n:expr, $cb:ident ! { $($ctx:tt)* }) => {
        by_count!($n, $cb ! { $($ctx)* }, [], [
            ((0 "x10" [] [])) ((1 "x11" [] [])) ((2 "x12" [] [])) ((3 "x13" [] []))
            ((4 "x14" [] [])) ((5 "x15" [] [])) ((6 "x16" [] [])) ((7 "x17" [] []))
            ((8 "x28" ["mv x8, x28"] ["mv x28, x8"])) ((9 "x29" ["mv x9, x29"] ["mv x29, x9"]))
            ((10 "x18" [] [])) ((11 "x19" [] [])) ((12 "x20" [] [])) ((13 "x21" [] []))
            ((14 "x22" [] [])) ((15 "x23" [] []))
        ])
    };
}

/// The integer and float argument registers as [`by_counts!`] groups of
/// 2, 2, 4 and 8 each (a block per exact pair of counts would make 289).
macro_rules! regs_dispatch {
    ($n:expr, $m:expr, $cb:ident ! { $($ctx:tt)* }) => {
        by_counts!($n, $m, $cb ! { $($ctx)* }, [
            ((0 "x10" [] []) (1 "x11" [] []))
            ((2 "x12" [] []) (3 "x13" [] []))
            ((4 "x14" [] []) (5 "x15" [] []) (6 "x16" [] []) (7 "x17" [] []))
            ((8 "x28" ["mv x8, x28"] ["mv x28, x8"]) (9 "x29" ["mv x9, x29"] ["mv x29, x9"])
             (10 "x18" [] []) (11 "x19" [] []) (12 "x20" [] []) (13 "x21" [] [])
             (14 "x22" [] []) (15 "x23" [] []))
        ], [
            ((0 "f10" [] []) (1 "f11" [] []))
            ((2 "f12" [] []) (3 "f13" [] []))
            ((4 "f14" [] []) (5 "f15" [] []) (6 "f16" [] []) (7 "f17" [] []))
            ((8 "f8" [] []) (9 "f9" [] []) (10 "f18" [] []) (11 "f19" [] [])
             (12 "f20" [] []) (13 "f21" [] []) (14 "f22" [] []) (15 "f23" [] []))
        ])
    };
}

/// The block of [`call_ints`] for a prefix of the integer registers.
macro_rules! ints_block {
    ($closure:ident, $ints:ident ;
     [$( ( $( ($i:tt $r:tt [$($pre:tt)*] [$($post:tt)*]) )* ) )*]
     [$( ( $( ($ui:tt $ur:tt [$($upre:tt)*] [$($upost:tt)*]) )* ) )*]) => {
        asm!(
            "addi sp, sp, -{total}",
            "sd x8, {s8}(sp)",
            "sd x9, {s9}(sp)",
            $( $( $( $pre, )* )* )*
            "ld x5, 0(x26)",
            "jalr x1, 0(x5)",
            $( $( $( $post, )* )* )*
            "ld x8, {s8}(sp)",
            "ld x9, {s9}(sp)",
            "addi sp, sp, {total}",
            total = const OUT + 16,
            s8 = const OUT,
            s9 = const OUT + 8,
            $( $( inout($r) $ints[$i], )* )*
            $( $( out($ur) _, )* )*
            inout("x26") $closure => _,
            out("x24") _,
            out("x25") _,
            out("x27") _,
            out("f8") _,
            out("f9") _,
            out("f18") _,
            out("f19") _,
            out("f20") _,
            out("f21") _,
            out("f22") _,
            out("f23") _,
            out("f24") _,
            out("f25") _,
            out("f26") _,
            out("f27") _,
            clobber_abi("C"),
        )
    };
}

/// Calls the Go func value `closure` with the first `n` integer argument
/// registers loaded from `ints`, and leaves the first `n` integer result
/// registers there (`n`: the most registers the signature uses, for its
/// arguments or its results; `ints[n..]` is left alone).
///
/// On entry to the callee: the first `n` of X10-X17 X8 X9 X18-X23 =
/// `ints[0..n]`, the others undefined, X26 = `closure`, X27 = the caller's
/// X27, 8(SP) = `FRAME` bytes of scratch, X1 = the return address. On
/// return: `ints[0..n]` = the same registers.
///
/// `n` should be a constant once inlined (one block is left); a variable
/// `n` picks among the blocks by comparisons.
///
/// # Safety
/// `closure` is a Go func value whose first word is the code of an
/// ABIInternal function that takes its arguments in these `n` integer
/// registers at most (no float register, no stack area) and returns its
/// results there, whose spill area fits in [`FRAME`] bytes, and that is
/// sound to call; the stack has room for it and [`FRAME`] more bytes;
/// `n <= INT_REGS`.
#[inline(always)]
pub unsafe fn call_ints(closure: *const c_void, ints: &mut [u64; INT_REGS], n: usize) {
    debug_assert!(n <= INT_REGS);
    // SAFETY: the caller's contract; the block restores SP, X8 and X9 and
    // declares every other register the callee may change as clobbered.
    unsafe { ints_dispatch!(n, ints_block! { closure, ints }) }
}

/// The block of [`call_regs`] for prefixes of the integer and float
/// registers.
macro_rules! regs_block {
    ($closure:ident, $ints:ident, $f:ident ;
     [$( ( $( ($i:tt $r:tt [$($pre:tt)*] [$($post:tt)*]) )* ) )*]
     [$( ( $( ($ui:tt $ur:tt [$($upre:tt)*] [$($upost:tt)*]) )* ) )*] ;
     [$( ( $( ($fi:tt $fr:tt [$($fpre:tt)*] [$($fpost:tt)*]) )* ) )*]
     [$( ( $( ($ufi:tt $ufr:tt [$($ufpre:tt)*] [$($ufpost:tt)*]) )* ) )*]) => {
        asm!(
            "addi sp, sp, -{total}",
            "sd x8, {s8}(sp)",
            "sd x9, {s9}(sp)",
            $( $( $( $pre, )* )* )*
            "ld x5, 0(x26)",
            "jalr x1, 0(x5)",
            $( $( $( $post, )* )* )*
            "ld x8, {s8}(sp)",
            "ld x9, {s9}(sp)",
            "addi sp, sp, {total}",
            total = const OUT + 16,
            s8 = const OUT,
            s9 = const OUT + 8,
            $( $( inout($r) $ints[$i], )* )*
            $( $( out($ur) _, )* )*
            $( $( inout($fr) $f[$fi], )* )*
            $( $( out($ufr) _, )* )*
            inout("x26") $closure => _,
            out("x24") _,
            out("x25") _,
            out("x27") _,
            out("f24") _,
            out("f25") _,
            out("f26") _,
            out("f27") _,
            clobber_abi("C"),
        )
    };
}

/// [`call_ints`] with the float registers too: the first `m` of F10-F17
/// F8 F9 F18-F23 = `regs.floats[0..m]` on entry to the callee, and back
/// into `regs.floats[0..m]` on return. The counts are rounded up to groups
/// of 2, 2, 4 and 8 registers: the registers of a group beyond `n` (or
/// `m`) are passed and read back as they are in `regs`.
///
/// # Safety
/// As [`call_ints`], for a function that may also use the first `m` float
/// registers; `m <= FLOAT_REGS`.
#[inline(always)]
pub unsafe fn call_regs(closure: *const c_void, regs: &mut Regs, n: usize, m: usize) {
    debug_assert!(n <= INT_REGS && m <= FLOAT_REGS);
    // The float registers as f64s (the register class's type): the same
    // bits in the same memory.
    // SAFETY: [u64; 16] and [f64; 16] have the same size and alignment,
    // and every bit pattern is valid for both.
    let f = unsafe { &mut *regs.floats.as_mut_ptr().cast::<[f64; FLOAT_REGS]>() };
    let ints = &mut regs.ints;
    // SAFETY: as in `call_ints`.
    unsafe { regs_dispatch!(n, m, regs_block! { closure, ints, f }) }
}

/// The block of [`call_stack`] for prefixes of the integer and float
/// registers.
macro_rules! stack_block {
    ($closure:ident, $ints:ident, $f:ident, $area:ident, $words:ident ;
     [$( ( $( ($i:tt $r:tt [$($pre:tt)*] [$($post:tt)*]) )* ) )*]
     [$( ( $( ($ui:tt $ur:tt [$($upre:tt)*] [$($upost:tt)*]) )* ) )*] ;
     [$( ( $( ($fi:tt $fr:tt [$($fpre:tt)*] [$($fpost:tt)*]) )* ) )*]
     [$( ( $( ($ufi:tt $ufr:tt [$($ufpre:tt)*] [$($ufpost:tt)*]) )* ) )*]) => {
        asm!(
            "addi sp, sp, -32",
            "sd x8, 0(sp)",
            "sd x9, 8(sp)",
            "sd x30, 16(sp)",
            "sd x31, 24(sp)",
            "addi sp, sp, -{out}",
            $( $( $( $pre, )* )* )*
            "beqz x31, 3f",
            "addi x24, sp, 8",
            "mv x25, x30",
            "mv x5, x31",
            "2:",
            "ld x6, 0(x25)",
            "sd x6, 0(x24)",
            "addi x25, x25, 8",
            "addi x24, x24, 8",
            "addi x5, x5, -1",
            "bnez x5, 2b",
            "3:",
            "ld x5, 0(x26)",
            "jalr x1, 0(x5)",
            $( $( $( $post, )* )* )*
            "ld x30, {out_area}(sp)",
            "ld x31, {out_words}(sp)",
            "beqz x31, 5f",
            "addi x24, sp, 8",
            "4:",
            "ld x6, 0(x24)",
            "sd x6, 0(x30)",
            "addi x24, x24, 8",
            "addi x30, x30, 8",
            "addi x31, x31, -1",
            "bnez x31, 4b",
            "5:",
            "addi sp, sp, {out}",
            "ld x8, 0(sp)",
            "ld x9, 8(sp)",
            "addi sp, sp, 32",
            out = const OUT,
            out_area = const OUT + 16,
            out_words = const OUT + 24,
            $( $( inout($r) $ints[$i], )* )*
            $( $( out($ur) _, )* )*
            $( $( inout($fr) $f[$fi], )* )*
            $( $( out($ufr) _, )* )*
            inout("x26") $closure => _,
            inout("x30") $area => _,
            inout("x31") $words => _,
            out("x24") _,
            out("x25") _,
            out("x27") _,
            out("f24") _,
            out("f25") _,
            out("f26") _,
            out("f27") _,
            clobber_abi("C"),
        )
    };
}

/// [`call_regs`] with a stack area: `words` words at `area` (the stack
/// arguments, then the stack results, as the ABI lays them out) are copied
/// to the callee's 8(SP) before the call and back to `area` after it.
/// `n` and `m` count the registers as for [`call_regs`].
///
/// X30 = `area` and X31 = `words` are saved above the frame across the
/// call; the copies use X5, X6, X24 and X25 as scratch.
///
/// # Safety
/// As [`call_regs`], and `area` is valid for reads and writes of `words`
/// words, where `words * 8` plus the spill area is at most [`FRAME`].
#[inline(always)]
pub unsafe fn call_stack(closure: *const c_void, regs: &mut Regs, area: *mut u64, words: usize, n: usize, m: usize) {
    debug_assert!(n <= INT_REGS && m <= FLOAT_REGS);
    // The float registers as f64s (the register class's type): the same
    // bits in the same memory.
    // SAFETY: [u64; 16] and [f64; 16] have the same size and alignment,
    // and every bit pattern is valid for both.
    let f = unsafe { &mut *regs.floats.as_mut_ptr().cast::<[f64; FLOAT_REGS]>() };
    let ints = &mut regs.ints;
    // SAFETY: as in `call_ints`; the copies stay inside `area` and the
    // reserved frame by the caller's contract.
    unsafe { regs_dispatch!(n, m, stack_block! { closure, ints, f, area, words }) }
}
