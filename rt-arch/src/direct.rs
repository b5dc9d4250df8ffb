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
