//! `Value::call`: calling a Go func value with arguments given as Values.
//!
//! The steps follow Go's `reflect.Value.call`: check the arguments against
//! the signature, lay the frame out from the cached [`Layout`], move each
//! argument into its registers or stack slots, make the call, and read
//! each result back out. The call is a direct one (rt-arch's
//! [`direct`](rt_arch::direct): registers loaded straight from a block on
//! this stack) when the frame fits its fixed outgoing area, else it goes
//! through the assembly's `rgo_reflectcall` with a frame descriptor, as
//! does every call made by [`Value::try_call_with`]'s `run`.

use crate::abi::{FuncAbi, Receiver, NATIVE};
use crate::error::CallError;
use crate::layout::{layout, Layout, Move, WordPlan, WORD_PLAN_STACK_WORDS};
use crate::marshal;
use crate::types::{Kind, TypeRef};
use crate::value::{Data, Value, Values};
use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::vec;
use alloc::vec::Vec;
use core::mem::MaybeUninit;
use crate::marshal::RegFile;
use rt_arch::bindings::native::{rgo_call_frame, rgo_reg_args as RegArgs};
use rt_arch::direct::{self, Regs};

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
    #[inline(always)]
    pub fn call(&self, args: &[Value]) -> Values {
        let mut out = MaybeUninit::uninit();
        self.call_to(args, &mut out);
        // SAFETY: `call_to` initialized it (or panicked).
        unsafe { out.assume_init() }
    }

    /// [`Value::call`] into `out`. The results are written where the caller
    /// wants them (inlined, `call` hands this the caller's own place): built
    /// elsewhere and moved, the move would wait for their parts to be
    /// written.
    #[inline(never)]
    fn call_to(&self, args: &[Value], out: &mut MaybeUninit<Values>) {
        let out = out.write(Values::new());
        // SAFETY: no `run`: the call is made here.
        let r = unsafe { self.call_inner::<CallError, fn(&rgo_call_frame) -> Result<(), CallError>>(args, None, out) };
        if let Err(e) = r {
            call_panic(e)
        }
    }

    /// [`Value::call`] returning misuse as an error.
    pub fn try_call(&self, args: &[Value]) -> Result<Values, CallError> {
        let mut out = Values::new();
        // SAFETY: no `run`: the call is made here.
        unsafe { self.call_inner::<CallError, fn(&rgo_call_frame) -> Result<(), CallError>>(args, None, &mut out) }?;
        Ok(out)
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
    ) -> Result<Values, E> {
        let mut out = Values::new();
        // SAFETY: the caller's contract.
        unsafe { self.call_inner(args, Some(run), &mut out) }?;
        Ok(out)
    }

    /// The body of the three above, inlined into each; the results are
    /// appended to `out` (empty on entry), in place.
    ///
    /// # Safety
    /// As [`Value::try_call_with`].
    #[inline(always)]
    unsafe fn call_inner<E: From<CallError>, F: FnOnce(&rgo_call_frame) -> Result<(), E>>(
        &self,
        args: &[Value],
        run: Option<F>,
        out: &mut Values,
    ) -> Result<(), E> {
        let method = "reflect.Value.Call";
        let ft = self.typ.ok_or(CallError::ZeroValue { method })?;
        let f = ft.as_func().ok_or(CallError::WrongKind { method, kind: ft.kind })?;

        // The code to call and, for method values, the receiver word.
        let (closure, receiver) = match self.as_method() {
            Some((recv, index)) => {
                let rt = recv.typ;
                let m = &rt.methods()[index];
                let word = if rt.is_pointer_shaped() {
                    recv.word()
                } else {
                    // The one-word convention passes a pointer to the value:
                    // the receiver Value's own bytes, which outlive the call
                    // (a method table entry of a non-pointer receiver copies
                    // the value before using it).
                    recv.words.as_ptr() as u64
                };
                (m.ifn, Some((Receiver::InterfaceWord(rt), word)))
            }
            // A func value's one word: the closure (one aligned load).
            None => (self.words().first().map_or(0, |&w| w) as *const (), None),
        };
        if closure.is_null() {
            return Err(CallError::NilFunc.into());
        }

        let params = f.ins.as_slice();
        // The arguments' errors come before the layout's.
        let l = match layout(ft, receiver.map(|r| r.0)) {
            Ok(l) => l,
            Err(e) => {
                check_args(params, f.variadic, args)?;
                return Err(e.into());
            }
        };
        let receiver_word = receiver.map(|(_, word)| word);
        if let (None, Some(wp)) = (&run, &l.words) {
            // A direct call. Arguments of exactly the parameters' types are
            // checked as they are moved; others are converted first.
            // SAFETY: `closure` is a func value of type `ft` (as below), and
            // the plan is its layout's; arguments whose types differ from
            // the parameters' stop the first try before anything is called.
            if !f.variadic
                && args.len() == params.len()
                && unsafe { call_words::<true>(l, wp, closure.cast(), receiver_word, params, args, out) }
            {
                return Ok(());
            }
            let args = check_args(params, f.variadic, args)?;
            // SAFETY: as above; the arguments now have the parameters' types.
            if unsafe { call_words::<false>(l, wp, closure.cast(), receiver_word, params, &args, out) } {
                return Ok(());
            }
            unreachable!("checked arguments have memory of their parameters' types");
        }
        let args = check_args(params, f.variadic, args)?;
        // The stack area: on this stack when it is small (no allocation).
        let stack_size = l.abi.stack_size;
        let mut small = MaybeUninit::<[u64; SMALL_STACK_WORDS]>::uninit();
        let mut big = Vec::new();
        let stack_ptr: *mut u8 = if stack_size <= SMALL_STACK_WORDS * 8 {
            let p: *mut u8 = small.as_mut_ptr().cast();
            // SAFETY: the buffer has room for the stack area; zeroed, it is
            // initialized wherever no argument is stored.
            unsafe { p.write_bytes(0, stack_size) };
            p
        } else {
            big.resize(stack_size.div_ceil(8), 0u64);
            big.as_mut_ptr().cast()
        };
        match run {
            // A frame too large for a direct call.
            // SAFETY: `rgo_reflectcall` makes the call the frame describes.
            None => unsafe {
                call_frame_with(l, closure, receiver_word, &args, stack_ptr, out, |frame| {
                    rt_arch::rgo_reflectcall(frame);
                    Ok(())
                })
            },
            // SAFETY: the caller's contract for `run`.
            Some(run) => unsafe { call_frame_with(l, closure, receiver_word, &args, stack_ptr, out, run) },
        }
    }
}

/// The buffer of a [`WordPlan`] call: the registers, then the stack area,
/// contiguous words.
#[repr(C)]
struct WordBuf {
    regs: Regs,
    stack: MaybeUninit<[u64; WORD_PLAN_STACK_WORDS]>,
}

/// The words of a [`WordPlan`] buffer as a register block and a stack
/// area, for the values that go by their ABI steps.
struct BufRegs<'a>(&'a mut [u64]);

impl RegFile for BufRegs<'_> {
    #[inline(always)]
    fn set_int(&mut self, r: usize, w: u64, _is_ptr: bool) {
        self.0[r] = w;
    }
    #[inline(always)]
    fn set_float(&mut self, r: usize, w: u64) {
        self.0[direct::INT_REGS + r] = w;
    }
    #[inline(always)]
    fn int(&self, r: usize) -> u64 {
        self.0[r]
    }
    #[inline(always)]
    fn float(&self, r: usize) -> u64 {
        self.0[direct::INT_REGS + r]
    }
}

/// A direct call by the layout's plan: each value moved straight between
/// its memory and the registers or stack area, and the result Values built
/// in place in `out` (empty). False, before anything is called, when some
/// argument has no memory of its own (a method value) or, with `CHECK`,
/// when one is not of exactly its parameter's type.
///
/// # Safety
/// `closure` is a live func value of the type `l` was computed for (with a
/// receiver word when `l` has one); `params` are its parameter types; `wp`
/// is `l`'s plan; without `CHECK`, each argument has its parameter's type.
#[inline(always)]
unsafe fn call_words<const CHECK: bool>(
    l: &Layout,
    wp: &WordPlan,
    closure: *const core::ffi::c_void,
    receiver: Option<u64>,
    params: &[TypeRef],
    args: &[Value],
    out: &mut Values,
) -> bool {
    let (n, m) = (wp.int_regs, wp.float_regs);
    if m == 0 && wp.stack_words == 0 {
        // Integer registers only: every slot of the plan is one of them.
        let mut ints = [0u64; direct::INT_REGS];
        // SAFETY: there is no stack area.
        if !unsafe { put_values::<CHECK>(l, wp, receiver, params, args, &mut ints, core::ptr::null_mut()) } {
            return false;
        }
        // SAFETY: the caller's guarantees: the registers hold the arguments
        // as the layout assigns them, none in a float register or on the
        // stack, and its frame fits a direct call's (a condition of the plan).
        unsafe { direct::call_ints(closure, &mut ints, n) };
        // SAFETY: as above.
        unsafe { take_results(l, wp, &mut ints, core::ptr::null(), out) };
        return true;
    }
    let mut buf = WordBuf { regs: Regs::ZERO, stack: MaybeUninit::uninit() };
    let stack: *mut u64 = buf.stack.as_mut_ptr().cast();
    // SAFETY: the plan's stack area is at most WORD_PLAN_STACK_WORDS words;
    // zeroed, it is initialized where no argument goes (results, padding).
    unsafe { stack.write_bytes(0, wp.stack_words) };
    let len = direct::INT_REGS + direct::FLOAT_REGS + wp.stack_words;
    // SAFETY: `WordBuf` is `repr(C)` words with no padding (`Regs` is
    // `repr(C)` arrays of u64, then the stack words): its first `len` words
    // are the registers and the zeroed part of the stack area, all
    // initialized. `view` is the only way to them until the call.
    let view = unsafe { core::slice::from_raw_parts_mut((&raw mut buf).cast::<u64>(), len) };
    let stack = view[direct::INT_REGS + direct::FLOAT_REGS..].as_mut_ptr();
    // SAFETY: `stack` is the plan's stack area, inside `view`.
    if !unsafe { put_values::<CHECK>(l, wp, receiver, params, args, view, stack.cast()) } {
        return false;
    }
    // SAFETY: as above, with the registers and the stack area.
    unsafe {
        if wp.stack_words != 0 {
            direct::call_stack(closure, &mut buf.regs, stack, wp.stack_words, n, m);
        } else {
            direct::call_regs(closure, &mut buf.regs, n, m);
        }
    }
    // SAFETY: as above; the call left its results in the registers and the
    // stack area.
    let view = unsafe { core::slice::from_raw_parts_mut((&raw mut buf).cast::<u64>(), len) };
    let stack = view[direct::INT_REGS + direct::FLOAT_REGS..].as_ptr();
    // SAFETY: `stack` is the stack area, inside `view`.
    unsafe { take_results(l, wp, view, stack.cast(), out) };
    true
}

/// Writes the receiver word (when any) and each argument at its buffer
/// words (`view`: the buffer of [`WordPlan`], as far as the plan's slots
/// go, with its stack area at `stack`). False, with nothing called yet,
/// when an argument has no memory of its own (a method value) or, with
/// `CHECK`, is not of exactly its parameter's type.
///
/// # Safety
/// `stack` points at `view`'s stack area (null when the plan has none).
/// Without `CHECK`, each argument has its parameter's type.
#[inline(always)]
unsafe fn put_values<const CHECK: bool>(
    l: &Layout,
    wp: &WordPlan,
    receiver: Option<u64>,
    params: &[TypeRef],
    args: &[Value],
    view: &mut [u64],
    stack: *mut u8,
) -> bool {
    let mut moves = wp.ins.iter();
    if let Some(word) = receiver {
        let Some(&Move::Word(slot)) = moves.next() else {
            unreachable!("a method's plan starts with its receiver word")
        };
        view[usize::from(slot)] = word;
    }
    let first = usize::from(receiver.is_some());
    for (i, ((a, &p), &mv)) in args.iter().zip(params).zip(moves).enumerate() {
        if CHECK && !a.typ.is_some_and(|t| core::ptr::eq(t, p)) {
            return false;
        }
        match mv {
            Move::Word(slot) => {
                view[usize::from(slot)] = match &a.data {
                    Data::Inline(w) => w[0],
                    Data::Heap(b) if !b.is_empty() => b[0],
                    _ => return false,
                };
            }
            Move::Words { start, n } => {
                let src = a.words();
                let n = usize::from(n);
                if src.len() < n {
                    return false;
                }
                for (&w, &slot) in src[..n].iter().zip(&wp.slots[usize::from(start)..][..n]) {
                    view[usize::from(slot)] = w;
                }
            }
            Move::Steps => {
                if a.as_method().is_some() {
                    return false;
                }
                // SAFETY: `a` has the parameter's type (checked, or the
                // caller's guarantee), so its bytes match the steps, which
                // stay inside the registers of `view` and the stack area.
                unsafe { marshal::store(NATIVE, l.abi.call.steps_of(first + i), a.data_ptr(), &mut BufRegs(view), stack) };
            }
        }
    }
    true
}

/// The results of a [`WordPlan`] call, read from its buffer words into
/// `out` (empty).
///
/// They are written straight into the result's memory, and its length set
/// once: a Value (or the vector) written part by part and then moved would
/// make the move wait for the parts.
///
/// # Safety
/// `view` and `stack` hold the results of a call of `l`'s signature, as
/// for [`put_values`].
#[inline(always)]
unsafe fn take_results(l: &Layout, wp: &WordPlan, view: &mut [u64], stack: *const u8, out: &mut Values) {
    debug_assert!(out.is_empty());
    out.reserve_exact(wp.outs.len());
    // SAFETY: the reservation makes the first `wp.outs.len()` elements
    // memory of `out`'s, which `MaybeUninit` lets be written uninitialized.
    let spare = unsafe { core::slice::from_raw_parts_mut(out.as_mut_ptr().cast::<MaybeUninit<Value>>(), wp.outs.len()) };
    let mut written = 0;
    for (i, ((dst, v), &mv)) in spare.iter_mut().zip(&l.abi.ret.values).zip(&wp.outs).enumerate() {
        match mv {
            Move::Word(slot) => {
                dst.write(Value::from_inline_words(v.typ, [view[usize::from(slot)], 0, 0]));
            }
            Move::Words { start, n } => {
                let slots = &wp.slots[usize::from(start)..][..usize::from(n)];
                if v.typ.size <= Value::INLINE_WORDS * 8 {
                    let mut w = [0u64; Value::INLINE_WORDS];
                    for (d, &slot) in w.iter_mut().zip(slots) {
                        *d = view[usize::from(slot)];
                    }
                    dst.write(Value::from_inline_words(v.typ, w));
                } else {
                    let mut z = Value::zero(v.typ);
                    for (d, &slot) in z.words_mut().iter_mut().zip(slots) {
                        *d = view[usize::from(slot)];
                    }
                    dst.write(z);
                }
            }
            Move::Steps => {
                // SAFETY: the caller's guarantee: the steps' registers are
                // in `view`, their stack words at `stack`.
                dst.write(unsafe { marshal::load_value(&l.abi.ret, i, &BufRegs(view), stack) });
            }
        }
        written += 1;
    }
    debug_assert_eq!(written, l.abi.ret.values.len());
    // SAFETY: the first `written` elements were written just above (the
    // capacity covers them: one per result of the plan).
    unsafe { out.set_len(written) };
}

/// Moves the receiver word (when any) and the arguments into their
/// registers and stack slots.
///
/// # Safety
/// Each argument has its parameter's type in `abi`; `stack` covers the
/// stack area.
#[inline(always)]
unsafe fn store_args(abi: &FuncAbi, receiver: Option<u64>, args: &[Value], regs: &mut impl RegFile, stack: *mut u8) {
    let first_arg = usize::from(receiver.is_some());
    if let Some(word) = receiver {
        let bytes = word.to_le_bytes();
        // SAFETY: the receiver step moves one word from `bytes`; the stack
        // buffer covers the whole stack area.
        unsafe { marshal::store(NATIVE, abi.call.steps_of(0), bytes.as_ptr(), regs, stack) };
    }
    for (i, a) in args.iter().enumerate() {
        // SAFETY: `a` has the parameter's type (the caller's guarantee), so
        // its bytes match the steps; the stack buffer covers the stack area.
        unsafe { marshal::store(NATIVE, abi.call.steps_of(first_arg + i), a.data_ptr(), regs, stack) };
    }
}

/// A call through a frame descriptor and the assembly's register block,
/// made by `run`.
///
/// # Safety
/// `closure` is a func value of the type `l` was computed for (with a
/// receiver word when `l` has one); the arguments have its parameter
/// types; `stack` covers the stack area; `run` makes the call the frame
/// describes, or returns an error.
#[inline(always)]
unsafe fn call_frame_with<E>(
    l: &Layout,
    closure: *const (),
    receiver: Option<u64>,
    args: &[Value],
    stack: *mut u8,
    out: &mut Values,
    run: impl FnOnce(&rgo_call_frame) -> Result<(), E>,
) -> Result<(), E> {
    let mut regs = empty_regs();
    // SAFETY: the caller's guarantees.
    unsafe { store_args(&l.abi, receiver, args, &mut regs, stack) };
    // SAFETY: as the caller promises, the frame is `closure`'s.
    let frame = unsafe { call_frame(l, closure, &mut regs, stack) };
    run(&frame)?;
    // SAFETY: the call left its results in `regs` and the stack buffer.
    unsafe { marshal::load_values(&l.abi.ret, &regs, stack, out) };
    Ok(())
}

/// The panic of [`Value::call`] on misuse, with Go's wording.
#[cold]
#[inline(never)]
fn call_panic(e: CallError) -> ! {
    panic!("{e}")
}

/// Words of stack area a call keeps in its own frame instead of the heap.
const SMALL_STACK_WORDS: usize = 32;

/// Checks argument count and types; for variadic functions packs the extra
/// arguments into a slice as Go's `Call` does. The arguments are used as
/// they are (no copy) when each already has its parameter's type.
#[inline]
fn check_args<'a>(params: &[TypeRef], variadic: bool, args: &'a [Value]) -> Result<Cow<'a, [Value]>, CallError> {
    if !variadic
        && args.len() == params.len()
        && args.iter().zip(params).all(|(a, &p)| a.typ.is_some_and(|at| core::ptr::eq(at, p)) && a.as_method().is_none())
    {
        return Ok(Cow::Borrowed(args));
    }
    check_args_slow(params, variadic, args)
}

/// [`check_args`] past its fast path: every check, and conversions.
#[cold]
fn check_args_slow<'a>(params: &[TypeRef], variadic: bool, args: &'a [Value]) -> Result<Cow<'a, [Value]>, CallError> {
    let fixed = if variadic { params.len() - 1 } else { params.len() };
    if args.len() < fixed {
        return Err(CallError::TooFewArgs);
    }
    if !variadic && args.len() > fixed {
        return Err(CallError::TooManyArgs);
    }
    if !variadic {
        let mut exact = true;
        for (a, &p) in args.iter().zip(params) {
            let at = a.typ.ok_or(CallError::ZeroValueArg)?;
            if !at.identical(p) {
                exact = false;
                break;
            }
        }
        if exact && args.iter().all(|a| a.as_method().is_none()) {
            return Ok(Cow::Borrowed(args));
        }
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
    Ok(Cow::Owned(out))
}

/// The argument as a value of the parameter type, or why it is not one.
fn convert(a: &Value, param: TypeRef) -> Result<Value, CallError> {
    let at = a.typ.ok_or(CallError::ZeroValueArg)?;
    if a.as_method().is_some() {
        // A method value has no memory to pass: the callee gets a func
        // value that calls the method (Go's makeMethodValue).
        return convert(&method_func(a), param);
    }
    if at.identical(param) {
        return Ok(a.clone());
    }
    if at.assignable_to(param) && param.kind == Kind::Interface {
        return Ok(a.to_interface());
    }
    Err(CallError::ArgType { have: at.string(), want: param.string() })
}

/// A func value (made at run time) that calls the method value `m`.
pub(crate) fn method_func(m: &Value) -> Value {
    let bound = m.clone();
    crate::make_func::make_func(m.typ(), move |args| bound.call(args))
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
