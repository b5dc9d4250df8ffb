//! Calls from the runtime into Go code (so far: `Error` and `String`
//! methods of panic values).
//!
//! The frame comes from reflect's ABI assignment, the one implementation
//! the compiler uses too, and goes through rt-arch's `rgo_reflectcall`.
//! That routine passes the goroutine register through unchanged, and Rust
//! code may hold anything in R14, so the call goes through
//! `rgo_reflectcall_g` (asm/amd64.S), which sets R14 to the goroutine first.

use crate::start::{current_g, G};
use crate::GoString;
use alloc::vec;
use reflect::abi::{FuncAbi, Receiver, StepKind, NATIVE};
use reflect::types::{Kind, Method, TypeRef};
use rt_arch::{rgo_call_frame, RegArgs, RGO_CALL_MAX_FRAME, RGO_CALL_PTR_RESULTS};

extern "C" {
    /// `rgo_reflectcall(frame)` with R14 = `g` during the call.
    fn rgo_reflectcall_g(frame: *const rgo_call_frame, g: *mut G);
}

/// Whether `mtyp` is `func() string`: the signature of `Error` in `error`
/// and of `String` in `fmt.Stringer`.
pub fn is_string_method(mtyp: TypeRef) -> bool {
    mtyp.as_func().is_some_and(|f| {
        let outs = f.outs.as_slice();
        f.ins.as_slice().is_empty()
            && !f.variadic
            && outs.len() == 1
            && outs[0].kind == Kind::String
            && outs[0].string() == "string"
    })
}

/// Why a method could not be called.
#[derive(Debug, PartialEq, Eq)]
pub enum CallFail {
    /// The method table has no code for it (null `ifn`).
    NoCode,
    /// The ABI assignment refused the signature or the frame is too large.
    Layout,
}

/// Calls method `m` (of type `func() string`) of a value of type `recv`
/// whose interface data word is `word`, and returns the string.
///
/// # Safety
/// `m` must be in `recv`'s method table, its `ifn` a Go func value taking
/// the receiver as one interface word, `word` an interface data word of a
/// value of type `recv`, and calling the method must be sound (it runs
/// arbitrary Go code, on the current stack).
pub unsafe fn call_string_method(recv: TypeRef, m: &Method, word: usize) -> Result<GoString, CallFail> {
    debug_assert!(is_string_method(m.mtyp));
    if m.ifn.is_null() {
        return Err(CallFail::NoCode);
    }
    let abi = FuncAbi::new(NATIVE, m.mtyp, Some(Receiver::InterfaceWord(recv))).map_err(|_| CallFail::Layout)?;
    let frame_size = abi.frame_size();
    if frame_size > RGO_CALL_MAX_FRAME as usize {
        return Err(CallFail::Layout);
    }
    // SAFETY: the register block is integers and raw pointers; all-zero
    // bits are valid for each.
    let mut regs: RegArgs = unsafe { core::mem::zeroed() };
    let mut stack = vec![0u64; abi.stack_size.div_ceil(8)];
    let stack_ptr = stack.as_mut_ptr() as *mut u8;

    for s in abi.call.steps_of(0) {
        match s.kind {
            StepKind::IntReg | StepKind::Pointer => regs.ints[s.reg as usize] = word as u64,
            // SAFETY: the step's slot lies inside the stack area.
            StepKind::Stack => unsafe { (stack_ptr.add(s.stack_offset as usize) as *mut usize).write_unaligned(word) },
            StepKind::FloatReg => return Err(CallFail::Layout),
        }
    }
    regs.return_is_ptr = (abi.out_reg_ptrs as u16).to_le_bytes();

    let frame = rgo_call_frame {
        fn_: m.ifn.cast(),
        stack_args: stack_ptr.cast(),
        regs: &mut regs,
        stack_args_size: abi.stack_size as u32,
        stack_ret_offset: abi.ret_offset as u32,
        frame_size: frame_size as u32,
        flags: if abi.out_reg_ptrs != 0 { RGO_CALL_PTR_RESULTS } else { 0 },
    };
    // SAFETY: the frame was laid out by the ABI assignment for this
    // signature and receiver convention, and the caller vouches for the
    // method and its receiver word; `current_g` is the running goroutine.
    unsafe { rgo_reflectcall_g(&frame, current_g()) };

    let mut out = [0u8; 16];
    for s in abi.ret.steps_of(0) {
        let (off, size) = (s.offset as usize, s.size as usize);
        match s.kind {
            StepKind::IntReg | StepKind::Pointer => {
                out[off..off + size].copy_from_slice(&regs.ints[s.reg as usize].to_le_bytes()[..size]);
            }
            StepKind::Stack => {
                // SAFETY: a stack-assigned string result is 16 bytes inside
                // the stack area, copied back there by rgo_reflectcall.
                let src = unsafe { core::slice::from_raw_parts(stack_ptr.add(s.stack_offset as usize), 16) };
                out.copy_from_slice(src);
            }
            StepKind::FloatReg => return Err(CallFail::Layout),
        }
    }
    let (p, l) = out.split_at(8);
    let word = |b: &[u8]| b.iter().rev().fold(0usize, |w, &x| w << 8 | x as usize);
    Ok(GoString { ptr: word(p) as *const u8, len: word(l) })
}

/// The goroutine register seen by Go code called through the runtime:
/// calls `closure` (a `func() uintptr`) and returns its result.
///
/// # Safety
/// `closure` must be a Go func value of type `func() uintptr`.
#[cfg(test)]
unsafe fn call_uintptr(closure: *const core::ffi::c_void) -> u64 {
    // SAFETY: zero bits are a valid register block.
    let mut regs: RegArgs = unsafe { core::mem::zeroed() };
    let frame = rgo_call_frame {
        fn_: closure,
        stack_args: core::ptr::null_mut(),
        regs: &mut regs,
        stack_args_size: 0,
        stack_ret_offset: 0,
        frame_size: 0,
        flags: 0,
    };
    // SAFETY: a register-only call with no arguments and one int result.
    unsafe { rgo_reflectcall_g(&frame, current_g()) };
    regs.ints[0]
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;
    use alloc::vec::Vec;
    use reflect::types::{self, MethodSpec};
    use reflect::{make_func, Value};

    #[test]
    fn go_code_sees_the_goroutine() {
        // SAFETY: the fixture is a `func() uintptr` returning R14.
        let seen = unsafe { call_uintptr(rt_arch::fixtures::g()) };
        assert_eq!(seen as usize, current_g() as usize);
    }

    #[test]
    fn string_methods_are_called_with_the_receiver_word() {
        let word_t = &types::UNSAFE_POINTER;
        let sig = types::func_of(&[], &[&types::STRING], false);
        assert!(is_string_method(sig));
        assert!(!is_string_method(types::func_of(&[&types::INT], &[&types::STRING], false)));
        // `type E int` with `func (e E) Error() string`: the receiver word
        // points at the int.
        let error = make_func(types::func_of(&[word_t], &[&types::STRING], false), |a| {
            // SAFETY: the receiver word of a non-pointer-shaped E points at it.
            let n = unsafe { *(a[0].pointer() as *const i64) };
            let mut s = String::from("error ");
            s.push_str(if n == 7 { "seven" } else { "other" });
            Vec::from([Value::from_string(s)])
        });
        let e = types::named(
            "main.E",
            &types::INT,
            Vec::from([MethodSpec {
                name: "Error".into(),
                mtyp: sig,
                ifn: error.pointer() as *const (),
                tfn: core::ptr::null(),
            }]),
        );
        let seven = 7i64;
        // SAFETY: the method is E's, the word points at an E.
        let s = unsafe { call_string_method(e, &e.methods()[0], &seven as *const i64 as usize) }.unwrap();
        // SAFETY: the make-func closure returned a leaked Rust string.
        assert_eq!(unsafe { s.as_bytes() }, b"error seven");
    }
}
