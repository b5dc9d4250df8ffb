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

use super::{Regs, FRAME, INT_REGS};
use core::arch::asm;
use core::ffi::c_void;

/// The outgoing area: the fixed 8-byte slot, [`FRAME`] bytes, padding to 16.
const OUT: usize = FRAME + 16;

/// Calls the Go func value `closure` with the integer argument registers
/// `ints`, and leaves the integer result registers there.
///
/// On entry to the callee: X10-X17 X8 X9 X18-X23 = `ints[0..16]`,
/// X26 = `closure`, X27 = the caller's X27, 8(SP) = `FRAME` bytes of
/// scratch, X1 = the return address. On return: `ints[0..16]` = the same
/// registers.
///
/// # Safety
/// `closure` is a Go func value whose first word is the code of an
/// ABIInternal function that takes its arguments in exactly these integer
/// registers (no float register, no stack area), whose spill area fits in
/// [`FRAME`] bytes, and that is sound to call; the stack has room for it
/// and [`FRAME`] more bytes.
#[inline(always)]
pub unsafe fn call_ints(closure: *const c_void, ints: &mut [u64; INT_REGS]) {
    // SAFETY: the caller's contract; the block restores SP, X8 and X9 and
    // declares every other register the callee may change as clobbered.
    unsafe {
        asm!(
            "addi sp, sp, -16",
            "sd x8, 0(sp)",
            "sd x9, 8(sp)",
            "addi sp, sp, -{out}",
            "mv x8, x28",
            "mv x9, x29",
            "ld x5, 0(x26)",
            "jalr x1, 0(x5)",
            "mv x28, x8",
            "mv x29, x9",
            "addi sp, sp, {out}",
            "ld x8, 0(sp)",
            "ld x9, 8(sp)",
            "addi sp, sp, 16",
            out = const OUT,
            inout("x10") ints[0],
            inout("x11") ints[1],
            inout("x12") ints[2],
            inout("x13") ints[3],
            inout("x14") ints[4],
            inout("x15") ints[5],
            inout("x16") ints[6],
            inout("x17") ints[7],
            inout("x28") ints[8],
            inout("x29") ints[9],
            inout("x18") ints[10],
            inout("x19") ints[11],
            inout("x20") ints[12],
            inout("x21") ints[13],
            inout("x22") ints[14],
            inout("x23") ints[15],
            inout("x26") closure => _,
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
        );
    }
}

/// [`call_ints`] with the float registers too: F10-F17 F8 F9 F18-F23 =
/// `regs.floats` on entry to the callee, and back into `regs.floats` on
/// return.
///
/// # Safety
/// As [`call_ints`], for a function that may also use float registers.
#[inline(always)]
pub unsafe fn call_regs(closure: *const c_void, regs: &mut Regs) {
    let f = &mut regs.floats;
    let mut d: [f64; 16] = core::array::from_fn(|i| f64::from_bits(f[i]));
    let ints = &mut regs.ints;
    // SAFETY: as in `call_ints`.
    unsafe {
        asm!(
            "addi sp, sp, -16",
            "sd x8, 0(sp)",
            "sd x9, 8(sp)",
            "addi sp, sp, -{out}",
            "mv x8, x28",
            "mv x9, x29",
            "ld x5, 0(x26)",
            "jalr x1, 0(x5)",
            "mv x28, x8",
            "mv x29, x9",
            "addi sp, sp, {out}",
            "ld x8, 0(sp)",
            "ld x9, 8(sp)",
            "addi sp, sp, 16",
            out = const OUT,
            inout("x10") ints[0],
            inout("x11") ints[1],
            inout("x12") ints[2],
            inout("x13") ints[3],
            inout("x14") ints[4],
            inout("x15") ints[5],
            inout("x16") ints[6],
            inout("x17") ints[7],
            inout("x28") ints[8],
            inout("x29") ints[9],
            inout("x18") ints[10],
            inout("x19") ints[11],
            inout("x20") ints[12],
            inout("x21") ints[13],
            inout("x22") ints[14],
            inout("x23") ints[15],
            inout("f10") d[0],
            inout("f11") d[1],
            inout("f12") d[2],
            inout("f13") d[3],
            inout("f14") d[4],
            inout("f15") d[5],
            inout("f16") d[6],
            inout("f17") d[7],
            inout("f8") d[8],
            inout("f9") d[9],
            inout("f18") d[10],
            inout("f19") d[11],
            inout("f20") d[12],
            inout("f21") d[13],
            inout("f22") d[14],
            inout("f23") d[15],
            inout("x26") closure => _,
            out("x24") _,
            out("x25") _,
            out("x27") _,
            out("f24") _,
            out("f25") _,
            out("f26") _,
            out("f27") _,
            clobber_abi("C"),
        );
    }
    for (w, d) in f.iter_mut().zip(d) {
        *w = d.to_bits();
    }
}

/// [`call_regs`] with a stack area: `words` words at `area` (the stack
/// arguments, then the stack results, as the ABI lays them out) are copied
/// to the callee's 8(SP) before the call and back to `area` after it.
///
/// X30 = `area` and X31 = `words` are saved above the frame across the
/// call; the copies use X5, X6, X24 and X25 as scratch.
///
/// # Safety
/// As [`call_regs`], and `area` is valid for reads and writes of `words`
/// words, where `words * 8` plus the spill area is at most [`FRAME`].
#[inline(always)]
pub unsafe fn call_stack(closure: *const c_void, regs: &mut Regs, area: *mut u64, words: usize) {
    let f = &mut regs.floats;
    let mut d: [f64; 16] = core::array::from_fn(|i| f64::from_bits(f[i]));
    let ints = &mut regs.ints;
    // SAFETY: as in `call_ints`; the copies stay inside `area` and the
    // reserved frame by the caller's contract.
    unsafe {
        asm!(
            "addi sp, sp, -32",
            "sd x8, 0(sp)",
            "sd x9, 8(sp)",
            "sd x30, 16(sp)",
            "sd x31, 24(sp)",
            "addi sp, sp, -{out}",
            "mv x8, x28",
            "mv x9, x29",
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
            "mv x28, x8",
            "mv x29, x9",
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
            inout("x10") ints[0],
            inout("x11") ints[1],
            inout("x12") ints[2],
            inout("x13") ints[3],
            inout("x14") ints[4],
            inout("x15") ints[5],
            inout("x16") ints[6],
            inout("x17") ints[7],
            inout("x28") ints[8],
            inout("x29") ints[9],
            inout("x18") ints[10],
            inout("x19") ints[11],
            inout("x20") ints[12],
            inout("x21") ints[13],
            inout("x22") ints[14],
            inout("x23") ints[15],
            inout("f10") d[0],
            inout("f11") d[1],
            inout("f12") d[2],
            inout("f13") d[3],
            inout("f14") d[4],
            inout("f15") d[5],
            inout("f16") d[6],
            inout("f17") d[7],
            inout("f8") d[8],
            inout("f9") d[9],
            inout("f18") d[10],
            inout("f19") d[11],
            inout("f20") d[12],
            inout("f21") d[13],
            inout("f22") d[14],
            inout("f23") d[15],
            inout("x26") closure => _,
            inout("x30") area => _,
            inout("x31") words => _,
            out("x24") _,
            out("x25") _,
            out("x27") _,
            out("f24") _,
            out("f25") _,
            out("f26") _,
            out("f27") _,
            clobber_abi("C"),
        );
    }
    for (w, d) in f.iter_mut().zip(d) {
        *w = d.to_bits();
    }
}
