//! Direct calls of Go functions: the callee's argument registers loaded
//! straight from Rust values, with no frame descriptor, no trampoline and
//! no copy through memory for register-only signatures.
//!
//! `rgo_reflectcall` takes any frame, described at run time; that
//! generality costs a descriptor, a dispatch on the frame size, saving
//! every C callee-saved register and moving every argument register
//! through memory. A prepared call knows its signature when it is prepared,
//! so it can instead hand its arguments to an inline assembly block that
//! has the ABIInternal registers as operands: the Rust compiler puts each
//! argument in its register, keeps results where they come back, and saves
//! only the registers it actually needs around the call (declared clobbered
//! here, as the Go callee may destroy them).
//!
//! Three shapes, by what the signature uses:
//! - [`call_ints`]: integer registers only (no float register, nothing on
//!   the stack), the common case;
//! - [`call_regs`]: integer and float registers, nothing on the stack;
//! - [`call_stack`]: registers and a stack area (arguments, then results),
//!   copied into and back out of the outgoing area.
//!
//! Each reserves [`FRAME`] bytes ([`RGO_DIRECT_FRAME`]) below the caller's
//! stack pointer for the callee's stack area and spill area, on the
//! current stack (as `rgo_reflectcall` does): the caller checks that the
//! signature's frame fits. The goroutine register is not set: the caller's
//! value passes through, as with `rgo_reflectcall`.
//!
//! The per-architecture blocks (`direct/<arch>.rs`) document the registers
//! on entry to and exit from the callee.

use crate::bindings::native::{RGO_DIRECT_FRAME, RGO_FLOAT_ARG_REGS, RGO_INT_ARG_REGS};

/// Integer argument registers of the target.
pub const INT_REGS: usize = RGO_INT_ARG_REGS as usize;
/// Float argument registers of the target.
pub const FLOAT_REGS: usize = RGO_FLOAT_ARG_REGS as usize;
/// Bytes reserved for the callee's stack area and spill area.
pub const FRAME: usize = RGO_DIRECT_FRAME as usize;

const _: () = assert!(FRAME % 16 == 0 && FRAME <= 2048, "a 16-aligned immediate on every target");

/// The argument (and on return, result) registers of a direct call, in
/// ABIInternal's assignment order: `ints[i]` is integer register `i`,
/// `floats[i]` float register `i` (its 8 bytes; a float32 as the target
/// keeps one in a double register).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
pub struct Regs {
    pub ints: [u64; INT_REGS],
    pub floats: [u64; FLOAT_REGS],
}

impl Regs {
    /// Every register zero.
    pub const ZERO: Regs = Regs { ints: [0; INT_REGS], floats: [0; FLOAT_REGS] };
}

/// Expands to the block of `$cb` for the first prefix of the register
/// `groups` that covers `$n` registers: `if $n < 1 { .. } else if $n <
/// 1 + len(group 0) { .. } else ..`. With `$n` a constant after inlining (a
/// typed call's), one block is left; otherwise it is a chain of
/// comparisons.
///
/// A group is `( (index "reg" [template lines before the call] [after]) .. )`.
/// `$cb! { ctx ; [used groups] [unused groups] }` is expanded for each
/// prefix.
macro_rules! by_count {
    (@len $( ( $($e:tt)* ) )*) => { 0 $( $( + by_count!(@one $e) )* )* };
    (@one $e:tt) => { 1 };
    ($n:expr, $cb:ident ! { $($ctx:tt)* }, [$($used:tt)*], []) => {
        $cb! { $($ctx)* ; [$($used)*] [] }
    };
    ($n:expr, $cb:ident ! { $($ctx:tt)* }, [$($used:tt)*], [$next:tt $($rest:tt)*]) => {
        if $n < 1 + by_count!(@len $($used)*) {
            $cb! { $($ctx)* ; [$($used)*] [$next $($rest)*] }
        } else {
            by_count!($n, $cb ! { $($ctx)* }, [$($used)* $next], [$($rest)*])
        }
    };
}

/// [`by_count!`] for two register files: `$cb` gets `ctx ; [used ints]
/// [unused ints] ; [used floats] [unused floats]`.
macro_rules! by_counts {
    ($n:expr, $m:expr, $cb:ident ! { $($ctx:tt)* }, [$($ig:tt)*], [$($fg:tt)*]) => {
        by_count!($n, by_counts_floats ! { $m, $cb, { $($ctx)* }, [$($fg)*] }, [], [$($ig)*])
    };
}

/// The second level of [`by_counts!`].
macro_rules! by_counts_floats {
    ($m:expr, $cb:ident, { $($ctx:tt)* }, [$($fg:tt)*] ; [$($iu:tt)*] [$($if:tt)*]) => {
        by_count!($m, $cb ! { $($ctx)* ; [$($iu)*] [$($if)*] }, [], [$($fg)*])
    };
}

#[cfg(target_arch = "x86_64")]
#[path = "direct/amd64.rs"]
mod imp;
#[cfg(target_arch = "aarch64")]
#[path = "direct/arm64.rs"]
mod imp;
#[cfg(target_arch = "riscv64")]
#[path = "direct/riscv64.rs"]
mod imp;

pub use imp::{call_ints, call_regs, call_stack};
