//! `make_func`: a Go func value whose calls run a Rust closure (Go's
//! `reflect.MakeFunc`).
//!
//! The func value points at a closure object that starts with the header
//! the assembly knows (`rgo_make_func_closure_header`): the code address
//! `rgo_make_func_stub` and the Rust handler [`dispatch`]. When Go code calls
//! it, the stub spills the argument registers into a register block and
//! calls `dispatch`, which rebuilds the arguments as Values from the
//! signature's layout, runs the closure, and writes the results back where
//! the ABI wants them; the stub then loads the result registers and returns.

use crate::abi::NATIVE;
use crate::layout::{layout, Layout};
use crate::marshal;
use crate::types::{Kind, TypeRef};
use crate::value::Value;
use crate::CallError;
use alloc::boxed::Box;
use alloc::vec::Vec;
use rt_arch::bindings::native::{rgo_make_func_closure_header, rgo_reg_args as RegArgs};

/// The Rust side of a make-func closure.
pub type MakeFuncImpl = dyn Fn(&[Value]) -> Vec<Value> + Send + Sync + 'static;

/// Arguments a make-func closure receives without allocating for them.
const INLINE_ARGS: usize = 8;

/// The closure object a make-func value points at.
#[repr(C)]
struct Closure {
    header: rgo_make_func_closure_header,
    layout: &'static Layout,
    imp: Box<MakeFuncImpl>,
}

/// Go's `reflect.MakeFunc(typ, fn)`: a func value of type `typ` that calls
/// `imp` with its arguments and returns what `imp` returns.
///
/// The closure object is leaked: Go code may keep the func value forever.
///
/// # Panics
/// When `typ` is not a func type or its frame is too large; see
/// [`try_make_func`].
pub fn make_func(typ: TypeRef, imp: impl Fn(&[Value]) -> Vec<Value> + Send + Sync + 'static) -> Value {
    try_make_func(typ, imp).unwrap_or_else(|e| panic!("{e}"))
}

/// [`make_func`] returning misuse as an error.
pub fn try_make_func(
    typ: TypeRef,
    imp: impl Fn(&[Value]) -> Vec<Value> + Send + Sync + 'static,
) -> Result<Value, CallError> {
    if typ.kind != Kind::Func {
        return Err(CallError::WrongKind { method: "reflect.MakeFunc", kind: typ.kind });
    }
    let layout = layout(typ, None)?;
    let closure = Box::leak(Box::new(Closure {
        header: rgo_make_func_closure_header { code: rt_arch::rgo_make_func_stub as *const _, handler: Some(dispatch) },
        layout,
        imp: Box::new(imp),
    }));
    // SAFETY: the closure object begins with the func value header, its
    // stub implements `typ`'s signature through `dispatch`, and it is leaked
    // so it stays valid.
    Ok(unsafe { Value::from_func_ptr(typ, (closure as *const Closure).cast()) })
}

/// Called by `rgo_make_func_stub` with the incoming registers spilled.
///
/// A panic in here cannot unwind through the Go frames of the caller, so
/// it aborts the process after printing its message.
unsafe extern "C" fn dispatch(closure: *const core::ffi::c_void, stack_args: *mut core::ffi::c_void, regs: *mut RegArgs) {
    // SAFETY: the stub passes the closure register, which holds the func
    // value `try_make_func` leaked, and a register block of its own frame.
    let (closure, regs) = unsafe { (&*closure.cast::<Closure>(), &mut *regs) };
    let stack: *mut u8 = stack_args.cast();
    let abi = &closure.layout.abi;
    let f = closure.layout.func_type.as_func().expect("make-func of a func type");

    // The arguments as Values: in a buffer on the stack when there are few
    // (no allocation), else in a vector.
    let n = abi.call.values.len();
    let mut inline: [Value; INLINE_ARGS] = core::array::from_fn(|_| Value::default());
    let mut heap = Vec::new();
    let args: &mut [Value] = if n <= INLINE_ARGS {
        &mut inline[..n]
    } else {
        heap.resize_with(n, Value::default);
        &mut heap
    };
    // SAFETY: the caller's frame holds the arguments as the layout says.
    unsafe { marshal::load_into(&abi.call, args, regs, stack) };

    let results = (closure.imp)(args);

    let outs = f.outs.as_slice();
    if results.len() != outs.len() {
        panic!("reflect: wrong return count from function created by MakeFunc");
    }
    for (i, (r, &want)) in results.iter().zip(outs).enumerate() {
        let have = r.typ.unwrap_or_else(|| panic!("reflect: function created by MakeFunc using closure returned zero Value"));
        if !have.identical(want) {
            panic!("reflect: function created by MakeFunc using closure returned wrong type: have {have} for {want}");
        }
        // A method value has no memory to pass: a func value that calls it.
        let func;
        let r = if r.as_method().is_some() {
            func = crate::call::method_func(r);
            &func
        } else {
            r
        };
        // SAFETY: `r` is a `want` with memory of its own; the caller
        // reserved the result slots.
        unsafe { marshal::store(NATIVE, abi.ret.steps_of(i), r.data_ptr(), regs, stack) };
    }
}
