//! Direct calls on x86-64.
//!
//! Go's ABIInternal here (see `asm/amd64.S`): integer registers RAX RBX RCX
//! RDI RSI R8 R9 R10 R11, float registers X0-X14, closure context RDX,
//! X15 zero; stack arguments start at the callee's 8(RSP), i.e. at the
//! caller's RSP at the `call`. The callee may destroy every register but
//! RSP, RBP and R14 (RBP is saved here anyway; R14, the goroutine
//! register, is passed through and declared clobbered). RBX and RBP cannot
//! be operands of inline assembly: RBX's argument and result travel in R12
//! and are moved in and out here, around a saved RBX.
//!
//! Frame of every call (16-aligned at the `call`, as the block is entered
//! with RSP 16-aligned):
//!
//! ```text
//!     | caller's frame                | <- RSP on entry to the block
//!     | saved RBX                     |
//!     | saved RBP                     |
//!     | [call_stack: area pointer]    |
//!     | [call_stack: area words]      |
//!     | FRAME bytes: stack arguments, |
//!     | results, spill area           | <- RSP at the call = callee's 8(RSP)
//! ```
//!
//! Each shape takes the number of integer (and float) registers the
//! signature uses, arguments or results: only those are operands, and RBX
//! is moved in and out only when it is among them. The callee's other
//! argument registers hold whatever they held (an ABIInternal function
//! reads no argument register beyond its own, and no collector scans
//! registers: stack maps name only the callee's own arguments), and they
//! are declared clobbered, as the callee may use them. X15 is zeroed
//! always: ABIInternal wants it zero on entry to every function.

use super::{Regs, FLOAT_REGS, FRAME, INT_REGS};
use core::arch::asm;
use core::ffi::c_void;

/// The integer argument registers as [`by_count!`] groups of one, for
/// [`call_ints`]. Entries: index, register (R12 stands for RBX), template
/// lines before and after the call.
macro_rules! ints_dispatch {
    ($n:expr, $cb:ident ! { $($ctx:tt)* }) => {
        by_count!($n, $cb ! { $($ctx)* }, [], [
            ((0 "rax" [] [])) ((1 "r12" ["mov rbx, r12"] ["mov r12, rbx"])) ((2 "rcx" [] []))
            ((3 "rdi" [] [])) ((4 "rsi" [] [])) ((5 "r8" [] [])) ((6 "r9" [] []))
            ((7 "r10" [] [])) ((8 "r11" [] []))
        ])
    };
}

/// The integer and float argument registers as [`by_counts!`] groups: 2,
/// 2 and 5 integer ones, 2, 2, 4 and 7 float ones.
macro_rules! regs_dispatch {
    ($n:expr, $m:expr, $cb:ident ! { $($ctx:tt)* }) => {
        by_counts!($n, $m, $cb ! { $($ctx)* }, [
            ((0 "rax" [] []) (1 "r12" ["mov rbx, r12"] ["mov r12, rbx"]))
            ((2 "rcx" [] []) (3 "rdi" [] []))
            ((4 "rsi" [] []) (5 "r8" [] []) (6 "r9" [] []) (7 "r10" [] []) (8 "r11" [] []))
        ], [
            ((0 "xmm0" [] []) (1 "xmm1" [] []))
            ((2 "xmm2" [] []) (3 "xmm3" [] []))
            ((4 "xmm4" [] []) (5 "xmm5" [] []) (6 "xmm6" [] []) (7 "xmm7" [] []))
            ((8 "xmm8" [] []) (9 "xmm9" [] []) (10 "xmm10" [] []) (11 "xmm11" [] [])
             (12 "xmm12" [] []) (13 "xmm13" [] []) (14 "xmm14" [] []))
        ])
    };
}

/// The block of [`call_ints`] for a prefix of the integer registers.
macro_rules! ints_block {
    ($closure:ident, $ints:ident ;
     [$( ( $( ($i:tt $r:tt [$($pre:tt)*] [$($post:tt)*]) )* ) )*]
     [$( ( $( ($ui:tt $ur:tt [$($upre:tt)*] [$($upost:tt)*]) )* ) )*]) => {
        asm!(
            "push rbx",
            "push rbp",
            "sub rsp, {frame}",
            $( $( $( $pre, )* )* )*
            "xorps xmm15, xmm15",
            "call qword ptr [rdx]",
            $( $( $( $post, )* )* )*
            "add rsp, {frame}",
            "pop rbp",
            "pop rbx",
            frame = const FRAME,
            $( $( inout($r) $ints[$i], )* )*
            $( $( out($ur) _, )* )*
            inout("rdx") $closure => _,
            out("r13") _,
            out("r14") _,
            out("r15") _,
            clobber_abi("C"),
        )
    };
}

/// Calls the Go func value `closure` with the first `n` integer argument
/// registers loaded from `ints`, and leaves the first `n` integer result
/// registers there (`n`: the most registers the signature uses, for its
/// arguments or its results; `ints[n..]` is left alone).
///
/// On entry to the callee: the first `n` of RAX RBX RCX RDI RSI R8-R11 =
/// `ints[0..n]`, the others undefined, RDX = `closure`, X15 = 0, R14 = the
/// caller's R14, 8(RSP) = `FRAME` bytes of scratch. On return: `ints[0..n]`
/// = the same registers.
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
    // SAFETY: the caller's contract; the block restores RSP, RBX and RBP and
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
            "push rbx",
            "push rbp",
            "sub rsp, {frame}",
            $( $( $( $pre, )* )* )*
            "xorps xmm15, xmm15",
            "call qword ptr [rdx]",
            $( $( $( $post, )* )* )*
            "add rsp, {frame}",
            "pop rbp",
            "pop rbx",
            frame = const FRAME,
            $( $( inout($r) $ints[$i], )* )*
            $( $( out($ur) _, )* )*
            $( $( inout($fr) $f[$fi], )* )*
            $( $( out($ufr) _, )* )*
            inout("rdx") $closure => _,
            out("r13") _,
            out("r14") _,
            out("r15") _,
            clobber_abi("C"),
        )
    };
}

/// [`call_ints`] with the float registers too: X0-X{m-1} =
/// `regs.floats[0..m]` on entry to the callee, and back into
/// `regs.floats[0..m]` on return. The counts are rounded up to the groups
/// of `regs_dispatch!`: the registers of a group beyond `n` (or `m`) are
/// passed and read back as they are in `regs`.
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
            "push rbx",
            "push rbp",
            "push r13",
            "push r15",
            "sub rsp, {frame}",
            $( $( $( $pre, )* )* )*
            "test r15, r15",
            "jz 3f",
            "2:",
            "mov r12, qword ptr [r13 + r15 * 8 - 8]",
            "mov qword ptr [rsp + r15 * 8 - 8], r12",
            "dec r15",
            "jnz 2b",
            "3:",
            "xorps xmm15, xmm15",
            "call qword ptr [rdx]",
            $( $( $( $post, )* )* )*
            "mov r13, qword ptr [rsp + {frame} + 8]",
            "mov r15, qword ptr [rsp + {frame}]",
            "test r15, r15",
            "jz 5f",
            "4:",
            "mov rdx, qword ptr [rsp + r15 * 8 - 8]",
            "mov qword ptr [r13 + r15 * 8 - 8], rdx",
            "dec r15",
            "jnz 4b",
            "5:",
            "add rsp, {frame} + 16",
            "pop rbp",
            "pop rbx",
            frame = const FRAME,
            $( $( inout($r) $ints[$i], )* )*
            $( $( out($ur) _, )* )*
            $( $( inout($fr) $f[$fi], )* )*
            $( $( out($ufr) _, )* )*
            inout("rdx") $closure => _,
            inout("r13") $area => _,
            inout("r15") $words => _,
            out("r14") _,
            clobber_abi("C"),
        )
    };
}

/// [`call_regs`] with a stack area: `words` words at `area` (the stack
/// arguments, then the stack results, as the ABI lays them out) are copied
/// to the callee's 8(RSP) before the call and back to `area` after it.
/// `n` and `m` count the registers as for [`call_regs`].
///
/// The copies use R12 (after RBX is loaded) and RDX (after the call) as
/// scratch; R13 = `area` and R15 = `words` are saved above the frame
/// across the call.
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
