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

use super::{Regs, FRAME, INT_REGS};
use core::arch::asm;
use core::ffi::c_void;

/// The outgoing area: the fixed 8-byte slot, [`FRAME`] bytes, padding to 16.
const OUT: usize = FRAME + 16;

/// Calls the Go func value `closure` with the integer argument registers
/// `ints`, and leaves the integer result registers there.
///
/// On entry to the callee: R0-R15 = `ints[0..16]`, R26 = `closure`,
/// R28 = the caller's R28, 8(SP) = `FRAME` bytes of scratch, X30 = the
/// return address. On return: `ints[0..16]` = R0-R15.
///
/// # Safety
/// `closure` is a Go func value whose first word is the code of an
/// ABIInternal function that takes its arguments in exactly these integer
/// registers (no float register, no stack area), whose spill area fits in
/// [`FRAME`] bytes, and that is sound to call; the stack has room for it
/// and [`FRAME`] more bytes.
#[inline(always)]
pub unsafe fn call_ints(closure: *const c_void, ints: &mut [u64; INT_REGS]) {
    // SAFETY: the caller's contract; the block restores SP, R19 and R29 and
    // declares every other register the callee may change as clobbered.
    unsafe {
        asm!(
            "stp x19, x29, [sp, #-16]!",
            "sub sp, sp, #{out}",
            "ldr x17, [x26]",
            "blr x17",
            "add sp, sp, #{out}",
            "ldp x19, x29, [sp], #16",
            out = const OUT,
            inout("x0") ints[0],
            inout("x1") ints[1],
            inout("x2") ints[2],
            inout("x3") ints[3],
            inout("x4") ints[4],
            inout("x5") ints[5],
            inout("x6") ints[6],
            inout("x7") ints[7],
            inout("x8") ints[8],
            inout("x9") ints[9],
            inout("x10") ints[10],
            inout("x11") ints[11],
            inout("x12") ints[12],
            inout("x13") ints[13],
            inout("x14") ints[14],
            inout("x15") ints[15],
            inout("x26") closure => _,
            out("x20") _,
            out("x21") _,
            out("x22") _,
            out("x23") _,
            out("x24") _,
            out("x25") _,
            out("x27") _,
            out("x28") _,
            clobber_abi("C"),
        );
    }
}

/// [`call_ints`] with the float registers too: D0-D15 = `regs.floats` on
/// entry to the callee, and back into `regs.floats` on return.
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
            "stp x19, x29, [sp, #-16]!",
            "sub sp, sp, #{out}",
            "ldr x17, [x26]",
            "blr x17",
            "add sp, sp, #{out}",
            "ldp x19, x29, [sp], #16",
            out = const OUT,
            inout("x0") ints[0],
            inout("x1") ints[1],
            inout("x2") ints[2],
            inout("x3") ints[3],
            inout("x4") ints[4],
            inout("x5") ints[5],
            inout("x6") ints[6],
            inout("x7") ints[7],
            inout("x8") ints[8],
            inout("x9") ints[9],
            inout("x10") ints[10],
            inout("x11") ints[11],
            inout("x12") ints[12],
            inout("x13") ints[13],
            inout("x14") ints[14],
            inout("x15") ints[15],
            inout("d0") d[0],
            inout("d1") d[1],
            inout("d2") d[2],
            inout("d3") d[3],
            inout("d4") d[4],
            inout("d5") d[5],
            inout("d6") d[6],
            inout("d7") d[7],
            inout("d8") d[8],
            inout("d9") d[9],
            inout("d10") d[10],
            inout("d11") d[11],
            inout("d12") d[12],
            inout("d13") d[13],
            inout("d14") d[14],
            inout("d15") d[15],
            inout("x26") closure => _,
            out("x20") _,
            out("x21") _,
            out("x22") _,
            out("x23") _,
            out("x24") _,
            out("x25") _,
            out("x27") _,
            out("x28") _,
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
/// X20 = `area` and X21 = `words` are saved above the frame across the
/// call; the copies use X22-X25 as scratch.
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
            inout("x0") ints[0],
            inout("x1") ints[1],
            inout("x2") ints[2],
            inout("x3") ints[3],
            inout("x4") ints[4],
            inout("x5") ints[5],
            inout("x6") ints[6],
            inout("x7") ints[7],
            inout("x8") ints[8],
            inout("x9") ints[9],
            inout("x10") ints[10],
            inout("x11") ints[11],
            inout("x12") ints[12],
            inout("x13") ints[13],
            inout("x14") ints[14],
            inout("x15") ints[15],
            inout("d0") d[0],
            inout("d1") d[1],
            inout("d2") d[2],
            inout("d3") d[3],
            inout("d4") d[4],
            inout("d5") d[5],
            inout("d6") d[6],
            inout("d7") d[7],
            inout("d8") d[8],
            inout("d9") d[9],
            inout("d10") d[10],
            inout("d11") d[11],
            inout("d12") d[12],
            inout("d13") d[13],
            inout("d14") d[14],
            inout("d15") d[15],
            inout("x26") closure => _,
            inout("x20") area => _,
            inout("x21") words => _,
            out("x22") _,
            out("x23") _,
            out("x24") _,
            out("x25") _,
            out("x27") _,
            out("x28") _,
            clobber_abi("C"),
        );
    }
    for (w, d) in f.iter_mut().zip(d) {
        *w = d.to_bits();
    }
}
