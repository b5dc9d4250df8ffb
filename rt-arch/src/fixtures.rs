//! Hand-written ABIInternal callees (`asm/fixtures/<arch>.S`) for tests.
//!
//! They are written from the register names of Go's spec rather than from
//! the order the header and the spill code use, so a mistake made the same
//! way in [`rgo_reflectcall`](crate::rgo_reflectcall) and in the make-func
//! stub still shows up as a wrong result.
//!
//! Each function here returns a Go func value (a pointer to a closure whose
//! first word is the code address) backed by a static `<name>_closure`
//! symbol, ready for [`CallFrame::fn_`](crate::CallFrame). In the
//! signatures, `N` is [`RGO_INT_ARG_REGS`](crate::RGO_INT_ARG_REGS) (9 on
//! amd64, 16 on arm64 and riscv64) and `F` is
//! [`RGO_FLOAT_ARG_REGS`](crate::RGO_FLOAT_ARG_REGS) (15 / 16 / 16).

use core::ffi::c_void;

use crate::rgo_call_frame;

extern "C" {
    static rgo_fixture_echo_int_regs_closure: *const c_void;
    static rgo_fixture_echo_float_regs_closure: *const c_void;
    static rgo_fixture_stack_args_closure: *const c_void;
    static rgo_fixture_stack_results_closure: *const c_void;
    static rgo_fixture_ctx_closure: *const c_void;
    static rgo_fixture_g_closure: *const c_void;
    static rgo_fixture_args_addr_closure: *const c_void;
    static rgo_fixture_clobber_closure: *const c_void;

    // ABIInternal: only its address is used.
    fn rgo_fixture_call_shifted();

    /// See [`test_callee_saved`].
    ///
    /// # Safety
    /// As for [`rgo_reflectcall`](crate::rgo_reflectcall).
    pub fn rgo_test_callee_saved(frame: *const rgo_call_frame) -> u64;
}

/// `func(a0, ..., a{N-1} int) (r0, ..., r{N-1} int)` with `r_k = a_{N-1-k}`.
pub fn echo_int_regs() -> *const c_void {
    &raw const rgo_fixture_echo_int_regs_closure as *const c_void
}

/// `func(f0, ..., f{F-1} float64) (g0, ..., g{F-1} float64)` with
/// `g_k = f_{F-1-k}`, bit for bit.
pub fn echo_float_regs() -> *const c_void {
    &raw const rgo_fixture_echo_float_regs_closure as *const c_void
}

/// `func(a0, ..., a{N-1} int, s0, s1 int) (int, int)` returning `(s0, s1)`.
///
/// `s0` and `s1` are the stack arguments at offsets 0 and 8; the results are
/// in the first two integer registers. Reads them from their exact slots
/// (entry SP + 8 and + 16 on every architecture).
pub fn stack_args() -> *const c_void {
    &raw const rgo_fixture_stack_args_closure as *const c_void
}

/// `func(a0, ..., a{N-1} int, s0 int) (r0, ..., r{N-1} int, t0 int)` with
/// `r_k = a_k` and `t0 = s0 + a0`.
///
/// Stack layout: `s0` at offset 0, the stack result `t0` at offset 8
/// (`stack_ret_offset = 8`, `stack_args_size = 16`).
pub fn stack_results() -> *const c_void {
    &raw const rgo_fixture_stack_results_closure as *const c_void
}

/// `func() uintptr` returning its closure context register, i.e. the func
/// value it was called through.
pub fn ctx() -> *const c_void {
    &raw const rgo_fixture_ctx_closure as *const c_void
}

/// `func() uintptr` returning the goroutine register (amd64 R14, arm64 R28,
/// riscv64 X27), which reflectcall passes through from its caller.
pub fn g() -> *const c_void {
    &raw const rgo_fixture_g_closure as *const c_void
}

/// `func() uintptr` returning the address of its first stack argument slot:
/// the start of the caller's outgoing argument area. Shows which
/// reflectcall trampoline (frame size) ran.
pub fn args_addr() -> *const c_void {
    &raw const rgo_fixture_args_addr_closure as *const c_void
}

/// `func()` that destroys every register an ABIInternal callee may destroy
/// (and the frame pointer too, stricter than Go): only SP, the goroutine
/// register and the platform's reserved registers survive.
pub fn clobber() -> *const c_void {
    &raw const rgo_fixture_clobber_closure as *const c_void
}

/// The code of a forwarding fixture: a closure `[call_shifted_code(), inner]`
/// calls the func value `inner` with the register arguments and results
/// passed through unchanged, from an SP that is 8 bytes off its own call
/// alignment on amd64 and riscv64 (Go keeps SP only 8-aligned there), and
/// with a Go-style saved word below its SP on arm64 that the callee must
/// not touch (it traps if it did). Register-only signatures only.
pub fn call_shifted_code() -> *const c_void {
    rgo_fixture_call_shifted as *const c_void
}

/// Loads a distinct pattern into every register the C ABI makes
/// callee-saved, calls [`rgo_reflectcall`](crate::rgo_reflectcall)`(frame)`
/// and returns a mask of the registers that did not survive (0 = all did).
///
/// Bits: amd64 0-5 = RBX RBP R12 R13 R14 R15; arm64 0-10 = X19-X29,
/// 11-18 = D8-D15; riscv64 0-11 = s0-s11, 12-23 = fs0-fs11.
///
/// # Safety
/// As for [`reflectcall`](crate::reflectcall).
pub unsafe fn test_callee_saved(frame: &rgo_call_frame) -> u64 {
    // SAFETY: the caller upholds reflectcall's contract; the helper itself
    // restores every callee-saved register of its caller.
    unsafe { rgo_test_callee_saved(frame) }
}
