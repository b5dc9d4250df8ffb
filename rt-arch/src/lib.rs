//! rgo's per-architecture assembly: Go's ABIInternal seen from Rust.
//!
//! Go's register calling convention cannot be expressed in Rust, so the
//! pieces that stand at its edge are written in assembly (`asm/<arch>.S`,
//! one file per architecture, assembled by `build.rs`):
//!
//! - [`rgo_reflectcall`]: a C-ABI entry that calls a Go func value with its
//!   arguments laid out in memory (a register block and a stack area), and
//!   collects the results the same way. It picks one of a family of
//!   trampolines `rgo_call16` .. `rgo_call1048576` by frame size.
//! - [`direct`]: calls of Go functions with the argument registers as
//!   operands of inline assembly, for callers that know the register
//!   assignment (reflect's prepared calls, and `Value::call` for frames
//!   that fit its fixed outgoing area).
//! - `rgo_make_func_stub` ([`make_func_stub`]): the code of every
//!   make-func closure; it spills the incoming argument registers and calls
//!   a Rust [`MakeFuncHandler`] with the C ABI.
//! - `rgo_spill_args` / `rgo_unspill_args`: move every argument register
//!   to or from a block, for other assembly (an internal convention: see
//!   each `.S` file for the scratch register holding the block address).
//!
//! Layouts and constants come from `include/rgo_abi.h` via [`bindings`];
//! the ones for the target being built are re-exported at the crate root.
#![no_std]

use core::ffi::c_void;

pub mod bindings;
pub mod direct;

pub use bindings::native::*;

/// Go's `abi.RegArgs` for the target: the argument/result registers as
/// memory.
pub type RegArgs = rgo_reg_args;

/// What [`reflectcall`] needs to make one call.
pub type CallFrame = rgo_call_frame;

/// The first two words of every make-func closure.
pub type MakeFuncClosureHeader = rgo_make_func_closure_header;

/// The Rust side of a make-func closure, called by the stub with the C ABI:
/// `handler(closure, stack_args, regs)`. It reads the arguments from `regs`
/// and `stack_args` and leaves the results there.
pub type MakeFuncHandler =
    unsafe extern "C" fn(closure: *const c_void, stack_args: *mut c_void, regs: *mut RegArgs);

extern "C" {
    /// Calls `frame.fn_` with Go's ABIInternal.
    ///
    /// Loads the argument registers from `*frame.regs` (float registers only
    /// with [`RGO_CALL_FLOAT_ARGS`]) and copies `stack_args_size` bytes from
    /// `stack_args` into a fresh outgoing area of at least `frame_size`
    /// bytes, puts `fn_` in the closure context register and calls
    /// `*fn_`. Afterwards it stores the integer result registers into
    /// `regs.ints`, the float ones into `regs.floats` (with
    /// [`RGO_CALL_FLOAT_RESULTS`]), copies the stack results
    /// (`stack_ret_offset..stack_args_size`) back into `stack_args`, and
    /// with [`RGO_CALL_PTR_RESULTS`] sets `regs.ptrs[i] = regs.ints[i]` for
    /// every bit `i` of `regs.return_is_ptr`.
    ///
    /// The goroutine register is not set: the caller's value passes
    /// through. A `frame_size` above [`RGO_CALL_MAX_FRAME`] traps.
    ///
    /// # Safety
    /// See [`reflectcall`].
    pub fn rgo_reflectcall(frame: *const rgo_call_frame);

    /// Loads `input`'s integer and float blocks into the argument registers
    /// with `rgo_unspill_args` and stores them into `out` with
    /// `rgo_spill_args`. A test helper for the two routines.
    ///
    /// # Safety
    /// `input` must be valid for reads and `out` for writes of a
    /// [`RegArgs`]. [`regs_roundtrip`] is the safe form.
    pub fn rgo_regs_roundtrip(input: *const rgo_reg_args, out: *mut rgo_reg_args);

    /// The code of every make-func closure (Go ABIInternal, closure in the
    /// context register). Declared only so its address can be taken (see
    /// [`make_func_stub`]).
    ///
    /// # Safety
    /// Never call it from Rust: its convention is not the C ABI.
    pub fn rgo_make_func_stub();

    /// Stores every argument register into the block whose address is in
    /// the scratch register (amd64 R12, arm64 R20, riscv64 X25). For
    /// assembly and generated code; declared for its address.
    ///
    /// # Safety
    /// Never call it from Rust: its convention is not the C ABI.
    pub fn rgo_spill_args();

    /// Loads every argument register from the block whose address is in
    /// the scratch register (as [`rgo_spill_args`]).
    ///
    /// # Safety
    /// Never call it from Rust: its convention is not the C ABI.
    pub fn rgo_unspill_args();
}

/// Calls a Go func value as described by `frame` (see [`rgo_reflectcall`]).
///
/// # Safety
/// - `frame.fn_` points to a Go func value (closure) whose first word is the
///   address of code following ABIInternal for the signature the frame
///   describes, and calling it is sound (it may run arbitrary code).
/// - `frame.regs` is valid for reads and writes of a [`RegArgs`].
/// - `frame.stack_args` is valid for reads of `stack_args_size` bytes and
///   writes of the result bytes from `stack_ret_offset` to
///   `stack_args_size`.
/// - `frame.frame_size` is at least the callee's argument, result and spill
///   area and at most [`RGO_CALL_MAX_FRAME`] (more traps); the current
///   stack has room for [`trampoline_size`]`(frame_size)` bytes plus a few
///   hundred, in addition to whatever the callee itself needs.
/// - Pointers stored into `regs.ptrs` are only as valid as the callee's
///   results.
pub unsafe fn reflectcall(frame: &CallFrame) {
    // SAFETY: the caller upholds the contract above, which is exactly the
    // assembly's; `frame` is a valid reference for the duration.
    unsafe { rgo_reflectcall(frame) }
}

/// Passes `input.ints` and `input.floats` through the argument registers
/// (unspill, then spill) into `out`. `out.ptrs` and `out.return_is_ptr` are
/// left unchanged.
pub fn regs_roundtrip(input: &RegArgs, out: &mut RegArgs) {
    // SAFETY: both references are valid for a whole block; the routine
    // touches only the argument registers, saves the callee-saved ones it
    // uses, and writes nothing but `out.ints` and `out.floats`.
    unsafe { rgo_regs_roundtrip(input, out) }
}

/// The code address every make-func closure starts with
/// ([`MakeFuncClosureHeader::code`]).
pub fn make_func_stub() -> *const c_void {
    rgo_make_func_stub as *const c_void
}

/// The address of `rgo_spill_args`, for generated or assembly code (block
/// address in a per-arch scratch register; see `asm/<arch>.S`).
pub fn spill_args_code() -> *const c_void {
    rgo_spill_args as *const c_void
}

/// The address of `rgo_unspill_args` (see [`spill_args_code`]).
pub fn unspill_args_code() -> *const c_void {
    rgo_unspill_args as *const c_void
}

/// The outgoing-area size of the trampoline [`rgo_reflectcall`] uses for
/// `frame_size`: the smallest power of two that is at least `frame_size`
/// and [`RGO_CALL_MIN_FRAME`]; `None` above [`RGO_CALL_MAX_FRAME`].
pub const fn trampoline_size(frame_size: u32) -> Option<u32> {
    if frame_size > RGO_CALL_MAX_FRAME {
        return None;
    }
    if frame_size <= RGO_CALL_MIN_FRAME {
        Some(RGO_CALL_MIN_FRAME)
    } else {
        Some(frame_size.next_power_of_two())
    }
}

/// Ties one architecture's generated structs to the offset constants the
/// assembly uses (bindgen checks the struct layouts against clang's; this
/// checks them against the header's own arithmetic).
macro_rules! check_layout {
    ($arch:ident) => {
        const _: () = {
            use crate::bindings::$arch::*;
            use core::mem::{align_of, offset_of, size_of};

            assert!(offset_of!(rgo_reg_args, ints) == RGO_REGS_INTS as usize);
            assert!(offset_of!(rgo_reg_args, floats) == RGO_REGS_FLOATS as usize);
            assert!(offset_of!(rgo_reg_args, ptrs) == RGO_REGS_PTRS as usize);
            assert!(offset_of!(rgo_reg_args, return_is_ptr) == RGO_REGS_RETURN_IS_PTR as usize);
            assert!(size_of::<rgo_reg_args>() == RGO_REGS_SIZE as usize);
            assert!(align_of::<rgo_reg_args>() == 16);
            assert!(RGO_REGS_SIZE % 16 == 0);
            assert!(
                RGO_REGS_FLOATS - RGO_REGS_INTS == RGO_INT_ARG_REGS * RGO_PTR_SIZE,
                "one word per integer register"
            );
            assert!(
                RGO_REGS_PTRS - RGO_REGS_FLOATS == RGO_FLOAT_ARG_REGS * RGO_FLOAT_REG_SIZE,
                "8 bytes per float register"
            );
            assert!(RGO_RETURN_IS_PTR_BYTES * 8 >= RGO_INT_ARG_REGS);
            assert!(
                RGO_RETURN_IS_PTR_BYTES == 2,
                "the assembly loads a 16-bit bitmap"
            );

            assert!(offset_of!(rgo_call_frame, fn_) == RGO_CALL_FN as usize);
            assert!(offset_of!(rgo_call_frame, stack_args) == RGO_CALL_STACK_ARGS as usize);
            assert!(offset_of!(rgo_call_frame, regs) == RGO_CALL_REGS as usize);
            assert!(
                offset_of!(rgo_call_frame, stack_args_size) == RGO_CALL_STACK_ARGS_SIZE as usize
            );
            assert!(
                offset_of!(rgo_call_frame, stack_ret_offset) == RGO_CALL_STACK_RET_OFFSET as usize
            );
            assert!(offset_of!(rgo_call_frame, frame_size) == RGO_CALL_FRAME_SIZE as usize);
            assert!(offset_of!(rgo_call_frame, flags) == RGO_CALL_FLAGS as usize);
            assert!(size_of::<rgo_call_frame>() == RGO_CALL_SIZE as usize);

            assert!(offset_of!(rgo_make_func_closure_header, code) == RGO_CLOSURE_CODE as usize);
            assert!(
                offset_of!(rgo_make_func_closure_header, handler) == RGO_CLOSURE_HANDLER as usize
            );

            assert!(RGO_CALL_MIN_FRAME.is_power_of_two() && RGO_CALL_MIN_FRAME >= 16);
            assert!(RGO_CALL_MAX_FRAME.is_power_of_two());
            assert!(RGO_CALL_FLOAT_ARGS.is_power_of_two());
            assert!(RGO_CALL_FLOAT_RESULTS.is_power_of_two());
            assert!(RGO_CALL_PTR_RESULTS.is_power_of_two());
        };
    };
}

check_layout!(amd64);
check_layout!(arm64);
check_layout!(riscv64);

// The `MakeFuncHandler` alias must be the same function type the header
// declares (bindgen wraps it in an Option for the null pointer).
const _: () = {
    let _: fn(MakeFuncHandler) -> rgo_make_func_handler = Some;
};

#[cfg(feature = "test-fixtures")]
pub mod fixtures;
