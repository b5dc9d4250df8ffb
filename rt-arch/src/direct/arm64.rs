//! Direct calls on AArch64.
//!
//! Go's ABIInternal here (see `asm/arm64.S`): integer registers R0-R15,
//! float registers F0-F15 (D0-D15), closure context R26; the caller's 0(SP)
//! is its own return-address slot and stack arguments start at 8(SP). The
//! callee may destroy every register but SP, R28 (the goroutine register:
//! passed through, and declared clobbered here anyway) and R29 (saved here
//! anyway). R19 and R29 cannot be operands of inline assembly, so the block
//! saves and restores them itself.
//!
//! Frame of every call (SP stays 16-aligned):
//!
//! ```text
//!     | caller's frame                | <- SP on entry to the block
//!     | saved R19, R29                |
//!     | [call_stack: area, words]     |
//!     | padding                       |
//!     | FRAME bytes: stack arguments, |
//!     | results, spill area           | <- callee's 8(SP)
//!     | return-address slot           | <- SP at the call
//! ```
//!
//! Each shape takes the number of integer (and float) registers the
//! signature uses, arguments or results: only those are operands. The
//! callee's other argument registers hold whatever they held (an
//! ABIInternal function reads no argument register beyond its own, and no
//! collector scans registers: stack maps name only the callee's own
//! arguments), and they are declared clobbered, as the callee may use them.

use super::{Regs, FLOAT_REGS, FRAME, INT_REGS};
use core::arch::asm;
use core::ffi::c_void;

/// The outgoing area: the fixed 8-byte slot, [`FRAME`] bytes, padding to 16.
const OUT: usize = FRAME + 16;


/// The integer argument registers as [`by_count!`] groups of one, for
/// [`call_ints`]. Entries: index, register, template lines before and
/// after the call (none here).
macro_rules! ints_dispatch {
    ($n:expr, $cb:ident ! { $($ctx:tt)* }) => {
        by_count!($n, $cb ! { $($ctx)* }, [], [
            ((0 "x0" [] [])) ((1 "x1" [] [])) ((2 "x2" [] [])) ((3 "x3" [] []))
            ((4 "x4" [] [])) ((5 "x5" [] [])) ((6 "x6" [] [])) ((7 "x7" [] []))
            ((8 "x8" [] [])) ((9 "x9" [] [])) ((10 "x10" [] [])) ((11 "x11" [] []))
            ((12 "x12" [] [])) ((13 "x13" [] [])) ((14 "x14" [] [])) ((15 "x15" [] []))
        ])
    };
}

/// The integer and float argument registers as [`by_counts!`] groups of
/// 2, 2, 4 and 8 each (a block per exact pair of counts would make 289).
macro_rules! regs_dispatch {
    ($n:expr, $m:expr, $cb:ident ! { $($ctx:tt)* }) => {
        by_counts!($n, $m, $cb ! { $($ctx)* }, [
            ((0 "x0" [] []) (1 "x1" [] []))
            ((2 "x2" [] []) (3 "x3" [] []))
            ((4 "x4" [] []) (5 "x5" [] []) (6 "x6" [] []) (7 "x7" [] []))
            ((8 "x8" [] []) (9 "x9" [] []) (10 "x10" [] []) (11 "x11" [] [])
             (12 "x12" [] []) (13 "x13" [] []) (14 "x14" [] []) (15 "x15" [] []))
        ], [
            ((0 "d0" [] []) (1 "d1" [] []))
            ((2 "d2" [] []) (3 "d3" [] []))
            ((4 "d4" [] []) (5 "d5" [] []) (6 "d6" [] []) (7 "d7" [] []))
            ((8 "d8" [] []) (9 "d9" [] []) (10 "d10" [] []) (11 "d11" [] [])
             (12 "d12" [] []) (13 "d13" [] []) (14 "d14" [] []) (15 "d15" [] []))
        ])
    };
}

/// The block of [`call_ints`] for a prefix of the integer registers.
macro_rules! ints_block {
    ($closure:ident, $ints:ident ;
     [$( ( $( ($i:tt $r:tt [$($pre:tt)*] [$($post:tt)*]) )* ) )*]
     [$( ( $( ($ui:tt $ur:tt [$($upre:tt)*] [$($upost:tt)*]) )* ) )*]) => {
        asm!(
            "stp x19, x29, [sp, #-16]!",
            "sub sp, sp, #{out}",
            "ldr x17, [x26]",
            "blr x17",
            "add sp, sp, #{out}",
            "ldp x19, x29, [sp], #16",
            out = const OUT,
            $( $( inout($r) $ints[$i], )* )*
            $( $( out($ur) _, )* )*
            inout("x26") $closure => _,
            out("x20") _,
            out("x21") _,
            out("x22") _,
            out("x23") _,
            out("x24") _,
            out("x25") _,
            out("x27") _,
            out("x28") _,
            clobber_abi("C"),
        )
    };
}

/// Calls the Go func value `closure` with the first `n` integer argument
/// registers loaded from `ints`, and leaves the first `n` integer result
/// registers there (`n`: the most registers the signature uses, for its
/// arguments or its results; `ints[n..]` is left alone).
///
/// On entry to the callee: R0-R{n-1} = `ints[0..n]`, R{n}-R15 undefined,
/// R26 = `closure`, R28 = the caller's R28, 8(SP) = `FRAME` bytes of
/// scratch, X30 = the return address. On return: `ints[0..n]` = R0-R{n-1}.
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
    // SAFETY: the caller's contract; the block restores SP, R19 and R29 and
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
            "stp x19, x29, [sp, #-16]!",
            "sub sp, sp, #{out}",
            "ldr x17, [x26]",
            "blr x17",
            "add sp, sp, #{out}",
            "ldp x19, x29, [sp], #16",
            out = const OUT,
            $( $( inout($r) $ints[$i], )* )*
            $( $( out($ur) _, )* )*
            $( $( inout($fr) $f[$fi], )* )*
            $( $( out($ufr) _, )* )*
            inout("x26") $closure => _,
            out("x20") _,
            out("x21") _,
            out("x22") _,
            out("x23") _,
            out("x24") _,
            out("x25") _,
            out("x27") _,
            out("x28") _,
            clobber_abi("C"),
        )
    };
}

/// [`call_ints`] with the float registers too: D0-D{m-1} = `regs.floats[0..m]`
/// on entry to the callee, and back into `regs.floats[0..m]` on return.
/// The counts are rounded up to groups of 2, 2, 4 and 8 registers: the
/// registers of a group beyond `n` (or `m`) are passed and read back as
/// they are in `regs`.
///
/// # Safety
/// As [`call_ints`], for a function that may also use the first `m` float
/// registers; `m <= FLOAT_REGS`.
#[inline(always)]
pub unsafe fn call_regs(closure: *const c_void, regs: &mut Regs, n: usize, m: usize) {
    debug_assert!(n <= INT_REGS && m <= FLOAT_REGS);
    let f = &mut regs.floats;
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
            "stp x19, x29, [sp, #-16]!",
            "stp x20, x21, [sp, #-16]!",
            "sub sp, sp, #{out}",
            "cbz x21, 3f",
            "mov x22, x20",
            "mov x23, x21",
            "add x24, sp, #8",
            "2:",
            "ldr x25, [x22], #8",
            "str x25, [x24], #8",
            "subs x23, x23, #1",
            "b.ne 2b",
            "3:",
            "ldr x17, [x26]",
            "blr x17",
            "add x24, sp, #{out}",
            "ldp x20, x21, [x24]",
            "cbz x21, 5f",
            "add x24, sp, #8",
            "4:",
            "ldr x25, [x24], #8",
            "str x25, [x20], #8",
            "subs x21, x21, #1",
            "b.ne 4b",
            "5:",
            "add sp, sp, #{out}",
            "add sp, sp, #16",
            "ldp x19, x29, [sp], #16",
            out = const OUT,
            $( $( inout($r) $ints[$i], )* )*
            $( $( out($ur) _, )* )*
            $( $( inout($fr) $f[$fi], )* )*
            $( $( out($ufr) _, )* )*
            inout("x26") $closure => _,
            inout("x20") $area => _,
            inout("x21") $words => _,
            out("x22") _,
            out("x23") _,
            out("x24") _,
            out("x25") _,
            out("x27") _,
            out("x28") _,
            clobber_abi("C"),
        )
    };
}

/// [`call_regs`] with a stack area: `words` words at `area` (the stack
/// arguments, then the stack results, as the ABI lays them out) are copied
/// to the callee's 8(SP) before the call and back to `area` after it.
///
/// X20 = `area` and X21 = `words` are saved above the frame across the
/// call; the copies use X22-X25 as scratch.
///
/// `n` and `m` count the registers as for [`call_regs`].
///
/// # Safety
/// As [`call_regs`], and `area` is valid for reads and writes of `words`
/// words, where `words * 8` plus the spill area is at most [`FRAME`].
#[inline(always)]
pub unsafe fn call_stack(closure: *const c_void, regs: &mut Regs, area: *mut u64, words: usize, n: usize, m: usize) {
    debug_assert!(n <= INT_REGS && m <= FLOAT_REGS);
    let f = &mut regs.floats;
    let ints = &mut regs.ints;
    // SAFETY: as in `call_ints`; the copies stay inside `area` and the
    // reserved frame by the caller's contract.
    unsafe { regs_dispatch!(n, m, stack_block! { closure, ints, f, area, words }) }
}
