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

use super::{Regs, FRAME, INT_REGS};
use core::arch::asm;
use core::ffi::c_void;

/// Calls the Go func value `closure` with the integer argument registers
/// `ints`, and leaves the integer result registers there.
///
/// On entry to the callee: RAX RBX RCX RDI RSI R8-R11 = `ints[0..9]`,
/// RDX = `closure`, X15 = 0, R14 = the caller's R14, 8(RSP) = `FRAME`
/// bytes of scratch. On return: `ints[0..9]` = RAX RBX RCX RDI RSI R8-R11.
///
/// # Safety
/// `closure` is a Go func value whose first word is the code of an
/// ABIInternal function that takes its arguments in exactly these integer
/// registers (no float register, no stack area), whose spill area fits in
/// [`FRAME`] bytes, and that is sound to call; the stack has room for it
/// and [`FRAME`] more bytes.
#[inline(always)]
pub unsafe fn call_ints(closure: *const c_void, ints: &mut [u64; INT_REGS]) {
    // SAFETY: the caller's contract; the block restores RSP, RBX and RBP and
    // declares every other register the callee may change as clobbered.
    unsafe {
        asm!(
            "push rbx",
            "push rbp",
            "sub rsp, {frame}",
            "mov rbx, r12",
            "xorps xmm15, xmm15",
            "call qword ptr [rdx]",
            "mov r12, rbx",
            "add rsp, {frame}",
            "pop rbp",
            "pop rbx",
            frame = const FRAME,
            inout("rax") ints[0],
            inout("r12") ints[1],
            inout("rcx") ints[2],
            inout("rdi") ints[3],
            inout("rsi") ints[4],
            inout("r8") ints[5],
            inout("r9") ints[6],
            inout("r10") ints[7],
            inout("r11") ints[8],
            inout("rdx") closure => _,
            out("r13") _,
            out("r14") _,
            out("r15") _,
            clobber_abi("C"),
        );
    }
}

/// [`call_ints`] with the float registers too: X0-X14 = `regs.floats`
/// on entry to the callee, and back into `regs.floats` on return.
///
/// # Safety
/// As [`call_ints`], for a function that may also use float registers.
#[inline(always)]
pub unsafe fn call_regs(closure: *const c_void, regs: &mut Regs) {
    let f = &mut regs.floats;
    let mut x: [f64; 15] = core::array::from_fn(|i| f64::from_bits(f[i]));
    let ints = &mut regs.ints;
    // SAFETY: as in `call_ints`.
    unsafe {
        asm!(
            "push rbx",
            "push rbp",
            "sub rsp, {frame}",
            "mov rbx, r12",
            "xorps xmm15, xmm15",
            "call qword ptr [rdx]",
            "mov r12, rbx",
            "add rsp, {frame}",
            "pop rbp",
            "pop rbx",
            frame = const FRAME,
            inout("rax") ints[0],
            inout("r12") ints[1],
            inout("rcx") ints[2],
            inout("rdi") ints[3],
            inout("rsi") ints[4],
            inout("r8") ints[5],
            inout("r9") ints[6],
            inout("r10") ints[7],
            inout("r11") ints[8],
            inout("xmm0") x[0],
            inout("xmm1") x[1],
            inout("xmm2") x[2],
            inout("xmm3") x[3],
            inout("xmm4") x[4],
            inout("xmm5") x[5],
            inout("xmm6") x[6],
            inout("xmm7") x[7],
            inout("xmm8") x[8],
            inout("xmm9") x[9],
            inout("xmm10") x[10],
            inout("xmm11") x[11],
            inout("xmm12") x[12],
            inout("xmm13") x[13],
            inout("xmm14") x[14],
            inout("rdx") closure => _,
            out("r13") _,
            out("r14") _,
            out("r15") _,
            clobber_abi("C"),
        );
    }
    for (w, x) in f.iter_mut().zip(x) {
        *w = x.to_bits();
    }
}

/// [`call_regs`] with a stack area: `words` words at `area` (the stack
/// arguments, then the stack results, as the ABI lays them out) are copied
/// to the callee's 8(RSP) before the call and back to `area` after it.
///
/// The copies use R12 (after RBX is loaded) and RDX (after the call) as
/// scratch; R13 = `area` and R15 = `words` are saved above the frame
/// across the call.
///
/// # Safety
/// As [`call_regs`], and `area` is valid for reads and writes of `words`
/// words, where `words * 8` plus the spill area is at most [`FRAME`].
#[inline(always)]
pub unsafe fn call_stack(closure: *const c_void, regs: &mut Regs, area: *mut u64, words: usize) {
    let f = &mut regs.floats;
    let mut x: [f64; 15] = core::array::from_fn(|i| f64::from_bits(f[i]));
    let ints = &mut regs.ints;
    // SAFETY: as in `call_ints`; the copies stay inside `area` and the
    // reserved frame by the caller's contract.
    unsafe {
        asm!(
            "push rbx",
            "push rbp",
            "push r13",
            "push r15",
            "sub rsp, {frame}",
            "mov rbx, r12",
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
            "mov r12, rbx",
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
            inout("rax") ints[0],
            inout("r12") ints[1],
            inout("rcx") ints[2],
            inout("rdi") ints[3],
            inout("rsi") ints[4],
            inout("r8") ints[5],
            inout("r9") ints[6],
            inout("r10") ints[7],
            inout("r11") ints[8],
            inout("xmm0") x[0],
            inout("xmm1") x[1],
            inout("xmm2") x[2],
            inout("xmm3") x[3],
            inout("xmm4") x[4],
            inout("xmm5") x[5],
            inout("xmm6") x[6],
            inout("xmm7") x[7],
            inout("xmm8") x[8],
            inout("xmm9") x[9],
            inout("xmm10") x[10],
            inout("xmm11") x[11],
            inout("xmm12") x[12],
            inout("xmm13") x[13],
            inout("xmm14") x[14],
            inout("rdx") closure => _,
            inout("r13") area => _,
            inout("r15") words => _,
            out("r14") _,
            clobber_abi("C"),
        );
    }
    for (w, x) in f.iter_mut().zip(x) {
        *w = x.to_bits();
    }
}
