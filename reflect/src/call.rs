//! `Value::call`: calling a Go func value with arguments given as Values.
//!
//! The steps follow Go's `reflect.Value.call`: check the arguments against
//! the signature, lay the frame out from the cached [`Layout`], move each
//! argument into its registers or stack slots, hand the frame to the
//! assembly's `rgo_reflectcall`, and read each result back out.

use crate::abi::{Receiver, NATIVE};
use crate::error::CallError;
use crate::layout::{layout, Layout};
use crate::marshal;
use crate::types::{Kind, TypeRef};
use crate::value::Value;
use alloc::boxed::Box;
use alloc::vec;
use alloc::vec::Vec;
use rt_arch::bindings::native::{rgo_call_frame, rgo_reg_args as RegArgs};

/// A zeroed register block.
fn empty_regs() -> RegArgs {
    // SAFETY: the block is plain integers, floats and raw pointers, for
    // all of which zero bits are a valid value.
    unsafe { core::mem::zeroed() }
}

/// The frame of one call for the assembly's `rgo_reflectcall` (with
/// `regs`' `return_is_ptr` set).
///
/// # Safety
/// `closure` must be a live Go func value whose function has the signature
/// `l` was computed for; `regs` (valid for writes; it may be uninitialized
/// where no argument lives) and `stack` must hold its arguments as `l` lays
/// them out (`stack`: `l.abi.stack_size` bytes, 8-aligned, or null when that
/// is 0).
#[inline]
pub(crate) unsafe fn call_frame(l: &Layout, closure: *const (), regs: *mut RegArgs, stack: *mut u8) -> rgo_call_frame {
    // SAFETY: `regs` is valid for writes.
    unsafe { core::ptr::addr_of_mut!((*regs).return_is_ptr).write((l.abi.out_reg_ptrs as u16).to_le_bytes()) };
    rgo_call_frame {
        fn_: closure.cast(),
        stack_args: stack.cast(),
        regs,
        stack_args_size: l.abi.stack_size as u32,
        stack_ret_offset: l.abi.ret_offset as u32,
        frame_size: l.frame_size,
        flags: l.flags,
    }
}

impl Value {
    /// Go's `v.Call(args)`: calls the func value `v`.
    ///
    /// # Panics
    /// With Go's wording, when `v` is not a func, is nil, or the arguments
    /// do not match the signature. [`Value::try_call`] returns those as errors.
    pub fn call(&self, args: &[Value]) -> Vec<Value> {
        self.try_call(args).unwrap_or_else(|e| panic!("{e}"))
    }

    /// [`Value::call`] returning misuse as an error.
    pub fn try_call(&self, args: &[Value]) -> Result<Vec<Value>, CallError> {
        // SAFETY: the assembly makes the call the frame describes.
        unsafe {
            self.try_call_with(args, |frame| {
                rt_arch::rgo_reflectcall(frame);
                Ok(())
            })
        }
    }

    /// [`Value::try_call`] with the call made by `run`, given the laid out
    /// frame, instead of on the current stack by `rgo_reflectcall` (a host
    /// of rgo-compiled Go code runs it on a goroutine stack, behind a
    /// boundary that recovers panics). An error of `run` is returned as is.
    ///
    /// # Safety
    /// `run` must make the call the frame describes, as `rgo_reflectcall`
    /// does, or return an error; the frame's registers and stack area hold
    /// the results only when it returns `Ok`.
    pub unsafe fn try_call_with<E: From<CallError>>(
        &self,
        args: &[Value],
        run: impl FnOnce(&rgo_call_frame) -> Result<(), E>,
    ) -> Result<Vec<Value>, E> {
        let method = "reflect.Value.Call";
        let ft = self.typ.ok_or(CallError::ZeroValue { method })?;
        let f = ft.as_func().ok_or(CallError::WrongKind { method, kind: ft.kind })?;

        // The code to call and, for method values, the receiver word.
        let mut receiver_box: Option<Box<[u8]>> = None;
        let (closure, receiver) = match self.as_method() {
            Some((recv, index)) => {
                let rt = recv.typ();
                let m = &rt.methods()[index];
                let word = if rt.is_pointer_shaped() {
                    u64::from_le_bytes(recv.as_bytes()[..8].try_into().unwrap())
                } else {
                    // The one-word convention passes a pointer to a copy.
                    let b = receiver_box.insert(recv.as_bytes().to_vec().into_boxed_slice());
                    b.as_mut_ptr() as u64
                };
                (m.ifn, Some((Receiver::InterfaceWord(rt), word)))
            }
            None => (self.pointer() as *const (), None),
        };
        if closure.is_null() {
            return Err(CallError::NilFunc.into());
        }

        let args = check_args(f.ins.as_slice(), f.variadic, args)?;
        let l = layout(ft, receiver.map(|r| r.0))?;
        let abi = &l.abi;
        let mut regs = empty_regs();
        let mut stack = vec![0u64; abi.stack_size.div_ceil(8)];
        let stack_ptr: *mut u8 = stack.as_mut_ptr().cast();

        let first_arg = usize::from(receiver.is_some());
        if let Some((_, word)) = receiver {
            let bytes = word.to_le_bytes();
            // SAFETY: the receiver step moves one word from `bytes`; the stack
            // buffer covers the whole stack area.
            unsafe { marshal::store(NATIVE, abi.call.steps_of(0), bytes.as_ptr(), &mut regs, stack_ptr) };
        }
        for (i, a) in args.iter().enumerate() {
            // SAFETY: `a` has the parameter's type (checked), so its bytes
            // match the steps; the stack buffer covers the stack area.
            unsafe { marshal::store(NATIVE, abi.call.steps_of(first_arg + i), a.data_ptr(), &mut regs, stack_ptr) };
        }

        // SAFETY: `closure` is a func value of type `ft` (a Value of func
        // type holds one, or a method table entry of the receiver's type),
        // and the frame was built from its layout.
        let frame = unsafe { call_frame(&l, closure, &mut regs, stack_ptr) };
        run(&frame)?;
        drop(receiver_box);

        // SAFETY: the call left its results in `regs` and the stack buffer.
        Ok(unsafe { marshal::load_values(&abi.ret, &regs, stack_ptr) })
    }
}

/// Checks argument count and types; for variadic functions packs the extra
/// arguments into a slice as Go's `Call` does.
fn check_args(params: &[TypeRef], variadic: bool, args: &[Value]) -> Result<Vec<Value>, CallError> {
    let fixed = if variadic { params.len() - 1 } else { params.len() };
    if args.len() < fixed {
        return Err(CallError::TooFewArgs);
    }
    if !variadic && args.len() > fixed {
        return Err(CallError::TooManyArgs);
    }
    let mut out = Vec::with_capacity(params.len());
    for (a, &p) in args.iter().zip(params) {
        if variadic && out.len() == fixed {
            break;
        }
        out.push(convert(a, p)?);
    }
    if variadic {
        let slice_t = params[fixed];
        let elem = slice_t.elem().expect("variadic parameter is a slice");
        let extra = args[fixed..].iter().map(|a| convert(a, elem)).collect::<Result<Vec<_>, _>>()?;
        out.push(pack_slice(slice_t, elem, &extra));
    }
    Ok(out)
}

/// The argument as a value of the parameter type, or why it is not one.
fn convert(a: &Value, param: TypeRef) -> Result<Value, CallError> {
    let at = a.typ.ok_or(CallError::ZeroValueArg)?;
    if at.identical(param) {
        return Ok(a.clone());
    }
    if at.assignable_to(param) && param.kind == Kind::Interface {
        return Ok(a.to_interface());
    }
    Err(CallError::ArgType { have: at.string(), want: param.string() })
}

/// A slice of `elem` holding `items`, its backing array leaked to Go.
fn pack_slice(slice_t: TypeRef, elem: TypeRef, items: &[Value]) -> Value {
    let mut backing = vec![0u8; elem.size * items.len()].into_boxed_slice();
    for (i, v) in items.iter().enumerate() {
        backing[i * elem.size..(i + 1) * elem.size].copy_from_slice(v.as_bytes());
    }
    let ptr = if items.is_empty() { core::ptr::null_mut() } else { Box::leak(backing).as_mut_ptr() };
    let header = [ptr as u64, items.len() as u64, items.len() as u64];
    // SAFETY: a slice is (pointer, len, cap) and `ptr` holds `len` elements.
    unsafe { Value::from_raw(slice_t, header.as_ptr().cast()) }
}
