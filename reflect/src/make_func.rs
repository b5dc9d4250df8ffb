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
use crate::layout::{layout, Layout, Move};
use crate::marshal;
use crate::types::{Kind, TypeRef};
use crate::value::Value;
use crate::CallError;
use alloc::boxed::Box;
use alloc::vec::Vec;
use rt_arch::bindings::native::{rgo_make_func_closure_header, rgo_reg_args as RegArgs};

/// The Rust side of a make-func closure: given the arguments, it hands each
/// result to the sink, which puts it where the ABI wants it (no collection
/// of results is made).
pub type MakeFuncImpl = dyn Fn(&[Value], &mut dyn FnMut(Value)) + Send + Sync + 'static;

/// Arguments a make-func closure receives without allocating for them.
const INLINE_ARGS: usize = 8;

/// The arguments into `inline`, whole words from the registers and the
/// stack area by the layout's word plan. Out of line in debug builds, whose
/// frames keep every temporary: the handler runs on its Go caller's stack.
///
/// # Safety
/// The frame (`regs`, `stack`) holds the arguments as `wp`, the plan of
/// `seq`'s layout, says; `seq` has at most [`INLINE_ARGS`] values.
#[cfg_attr(debug_assertions, inline(never))]
#[cfg_attr(not(debug_assertions), inline(always))]
unsafe fn load_args_by_plan(
    inline: &mut [Value; INLINE_ARGS],
    seq: &crate::abi::Seq,
    wp: &crate::layout::WordPlan,
    regs: &RegArgs,
    stack: *const u8,
) {
    let frame = |slot: u16| {
        // SAFETY: the stack area covers every stack word of the plan; the
        // slot is only read.
        unsafe { frame_slot(core::ptr::from_ref(regs).cast_mut(), stack.cast_mut(), usize::from(slot)).read_unaligned() }
    };
    for (i, ((dst, v), &mv)) in inline.iter_mut().zip(&seq.values).zip(&wp.ins).enumerate() {
        match mv {
            Move::Word(slot) => {
                dst.typ = Some(v.typ);
                dst.words_mut()[0] = frame(slot);
            }
            Move::Words { start, n } => {
                if v.typ.size <= Value::INLINE_WORDS * 8 {
                    dst.typ = Some(v.typ);
                } else {
                    *dst = Value::zero(v.typ);
                }
                for (d, &slot) in dst.words_mut().iter_mut().zip(&wp.slots[usize::from(start)..][..usize::from(n)]) {
                    *d = frame(slot);
                }
            }
            // SAFETY: the caller's frame holds the arguments as the layout says.
            Move::Steps => *dst = unsafe { load_arg(seq, i, regs, stack) },
        }
    }
}

/// [`marshal::load_value`] out of line: the handler runs on its Go
/// caller's stack, so its own frame stays small (the steps' temporaries
/// live here, and only while an argument is read).
///
/// # Safety
/// As [`marshal::load_value`].
#[inline(never)]
unsafe fn load_arg(seq: &crate::abi::Seq, i: usize, regs: &RegArgs, stack: *const u8) -> Value {
    // SAFETY: the caller's guarantee.
    unsafe { marshal::load_value(seq, i, regs, stack) }
}

/// Where word `slot` of a make-func call's frame is, as a [`WordPlan`]
/// numbers them: an integer register of the block, a float register, or a
/// word of the stack area (which may be unaligned: read and write it with
/// `read_unaligned`/`write_unaligned`).
///
/// # Safety
/// `regs` must point to a register block; a stack word must lie inside the
/// stack area at `stack`.
///
/// [`WordPlan`]: crate::layout::WordPlan
#[inline(always)]
unsafe fn frame_slot(regs: *mut RegArgs, stack: *mut u8, slot: usize) -> *mut u64 {
    use rt_arch::direct::{FLOAT_REGS, INT_REGS};
    // SAFETY: the caller's guarantees; a register index is in its array.
    unsafe {
        if slot < INT_REGS {
            (&raw mut (*regs).ints).cast::<u64>().add(slot)
        } else if slot < INT_REGS + FLOAT_REGS {
            (&raw mut (*regs).floats).cast::<u64>().add(slot - INT_REGS)
        } else {
            stack.cast::<u64>().add(slot - INT_REGS - FLOAT_REGS)
        }
    }
}

/// The closure object a make-func value points at.
#[repr(C)]
struct Closure {
    header: rgo_make_func_closure_header,
    layout: &'static Layout,
    imp: Box<MakeFuncImpl>,
}

/// Go's `reflect.MakeFunc(typ, fn)`: a func value of type `typ` that calls
/// `imp` with its arguments and returns what `imp` returns: any collection
/// of Values (an array such as `[v]` allocates nothing; a `Vec` or
/// [`Values`](crate::Values) will do).
///
/// The closure object is leaked: Go code may keep the func value forever.
///
/// # Panics
/// When `typ` is not a func type or its frame is too large; see
/// [`try_make_func`].
pub fn make_func<R: IntoIterator<Item = Value>>(typ: TypeRef, imp: impl Fn(&[Value]) -> R + Send + Sync + 'static) -> Value {
    try_make_func(typ, imp).unwrap_or_else(|e| panic!("{e}"))
}

/// [`make_func`] returning misuse as an error.
pub fn try_make_func<R: IntoIterator<Item = Value>>(
    typ: TypeRef,
    imp: impl Fn(&[Value]) -> R + Send + Sync + 'static,
) -> Result<Value, CallError> {
    if typ.kind != Kind::Func {
        return Err(CallError::WrongKind { method: "reflect.MakeFunc", kind: typ.kind });
    }
    let layout = layout(typ, None)?;
    let closure = Box::leak(Box::new(Closure {
        header: rgo_make_func_closure_header { code: rt_arch::rgo_make_func_stub as *const _, handler: Some(dispatch) },
        layout,
        imp: Box::new(move |args: &[Value], sink: &mut dyn FnMut(Value)| imp(args).into_iter().for_each(sink)),
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

    // The arguments as Values: in an array on the stack when there are few
    // (no allocation), else in a vector. The array starts as constant
    // invalid Values, and each argument is written into its element field
    // by field: a Value made elsewhere and moved in would make the move
    // wait for the parts just written.
    let n = abi.call.values.len();
    let mut inline: [Value; INLINE_ARGS] = [const { Value::INVALID }; INLINE_ARGS];
    let mut heap = Vec::new();
    if let (Some(wp), true) = (&closure.layout.words, n <= INLINE_ARGS) {
        // SAFETY: the caller's frame holds the arguments as the layout says.
        unsafe { load_args_by_plan(&mut inline, &abi.call, wp, regs, stack) };
    } else if n <= INLINE_ARGS {
        for (i, dst) in inline.iter_mut().enumerate().take(n) {
            // SAFETY: the caller's frame holds the arguments as the layout says.
            *dst = unsafe { load_arg(&abi.call, i, regs, stack) };
        }
    } else {
        heap.reserve_exact(n);
        for i in 0..n {
            // SAFETY: as above.
            heap.push(unsafe { load_arg(&abi.call, i, regs, stack) });
        }
    }
    let args: &[Value] = if n <= INLINE_ARGS { &inline[..n] } else { &heap };

    // Each result is checked and stored as the closure yields it. Go checks
    // the count before the types: a wrong result is remembered, and named
    // only once the count is known to be right.
    let outs = f.outs.as_slice();
    let mut count = 0;
    let mut wrong: Option<(Option<TypeRef>, TypeRef)> = None;
    (closure.imp)(args, &mut |r: Value| {
        let i = count;
        count += 1;
        let Some(&want) = outs.get(i) else { return };
        if wrong.is_some() {
            return;
        }
        match r.typ {
            Some(have) if core::ptr::eq(have, want) || have.identical(want) => {
                let src = r.words();
                match closure.layout.words.as_ref().map(|wp| (wp, wp.outs[i])) {
                    // Whole words, straight to their registers or stack words.
                    // SAFETY (both arms): the caller reserved the plan's result words.
                    Some((_, Move::Word(slot))) if !src.is_empty() => unsafe {
                        frame_slot(regs, stack, usize::from(slot)).write_unaligned(src[0])
                    },
                    Some((wp, Move::Words { start, n })) if src.len() >= usize::from(n) => {
                        for (&w, &slot) in src.iter().zip(&wp.slots[usize::from(start)..][..usize::from(n)]) {
                            // SAFETY: as above.
                            unsafe { frame_slot(regs, stack, usize::from(slot)).write_unaligned(w) };
                        }
                    }
                    // SAFETY: `r` is a `want`; the caller reserved the result slots.
                    _ => unsafe { store_result(abi.ret.steps_of(i), &r, regs, stack) },
                }
            }
            have => wrong = Some((have, want)),
        }
    });
    if count != outs.len() {
        panic!("reflect: wrong return count from function created by MakeFunc");
    }
    match wrong {
        None => {}
        Some((None, _)) => panic!("reflect: function created by MakeFunc using closure returned zero Value"),
        Some((Some(have), want)) => {
            panic!("reflect: function created by MakeFunc using closure returned wrong type: have {have} for {want}")
        }
    }
}

/// Writes one result where the ABI wants it; out of line in debug builds,
/// as [`load_args_by_plan`].
///
/// # Safety
/// `r` has the type the steps are for; the frame reserves their slots.
#[cfg_attr(debug_assertions, inline(never))]
#[cfg_attr(not(debug_assertions), inline(always))]
unsafe fn store_result(steps: &[crate::abi::Step], r: &Value, regs: &mut RegArgs, stack: *mut u8) {
    // A method value has no memory to pass: a func value that calls it.
    let func;
    let r = if r.as_method().is_some() {
        func = crate::call::method_func(r);
        &func
    } else {
        r
    };
    // SAFETY: `r` has memory of its own, of the steps' type (the caller's
    // guarantee), and the frame reserves the slots.
    unsafe { marshal::store(NATIVE, steps, r.data_ptr(), regs, stack) };
}
