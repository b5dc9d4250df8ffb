//! A prepared call with Rust types: the signature is checked once, and each
//! call hands the arguments straight from Rust values to the callee's
//! registers (rt-arch's [`direct`] calls), with no Values, no frame
//! descriptor and no heap allocation.
//!
//! Where each value goes is worked out from the Rust types alone, at
//! compile time ([`Plan`]): a tuple of scalars is the simple case of the
//! ABI assignment, one register of its class or one stack slot per value.
//! [`TypedFunc::new`] checks that plan against the one implementation of the
//! assignment ([`crate::abi::FuncAbi`], through the layout cache) before any
//! call is made, so the two cannot disagree at run time.
//!
//! ```ignore
//! let add: TypedFunc<(isize, isize), isize> = TypedFunc::new(&f)?;
//! assert_eq!(add.call((1, 2)), 3);
//! ```

use crate::abi::{FuncAbi, Receiver, Seq, StepKind, NATIVE};
use crate::call::call_frame;
use crate::error::CallError;
use crate::layout::{layout, Layout};
use crate::marshal;
use crate::types::{self, TypeRef};
use crate::value::Value;
use alloc::boxed::Box;
use alloc::vec;
use alloc::vec::Vec;
use core::marker::PhantomData;
use core::mem::MaybeUninit;
use rt_arch::bindings::native::{rgo_call_frame, rgo_reg_args as RegArgs};
use rt_arch::direct::{self, Regs};

/// A Rust scalar with the memory layout of a Go scalar type (at most one
/// word, passed in one register or one stack slot).
///
/// # Safety
/// `Self` must have exactly the size and layout of `go_type()`, and
/// `from_word` must accept any word `to_word` or Go code may produce.
pub unsafe trait GoType: Copy {
    /// Whether the value travels in a float register (else an integer one).
    const FLOAT: bool;
    fn go_type() -> TypeRef;
    /// The value's bytes as a zero-extended little-endian word.
    fn to_word(self) -> u64;
    /// The value whose bytes are the low bytes of `w`.
    fn from_word(w: u64) -> Self;
}

macro_rules! go_int {
    ($($rust:ty => $go:ident),* $(,)?) => {$(
        // SAFETY: the Rust and Go integer types have the same size and every
        // bit pattern is valid for both.
        unsafe impl GoType for $rust {
            const FLOAT: bool = false;
            fn go_type() -> TypeRef { &types::$go }
            #[inline(always)]
            fn to_word(self) -> u64 {
                let mut w = [0u8; 8];
                w[..core::mem::size_of::<$rust>()].copy_from_slice(&self.to_le_bytes());
                u64::from_le_bytes(w)
            }
            #[inline(always)]
            fn from_word(w: u64) -> Self {
                let b = w.to_le_bytes();
                <$rust>::from_le_bytes(b[..core::mem::size_of::<$rust>()].try_into().unwrap())
            }
        }
    )*};
}

go_int! {
    i8 => INT8, i16 => INT16, i32 => INT32, i64 => INT64, isize => INT,
    u8 => UINT8, u16 => UINT16, u32 => UINT32, u64 => UINT64, usize => UINTPTR,
}

// SAFETY: f32 is Go's float32: 4 bytes, every bit pattern valid.
unsafe impl GoType for f32 {
    const FLOAT: bool = true;
    fn go_type() -> TypeRef {
        &types::FLOAT32
    }
    #[inline(always)]
    fn to_word(self) -> u64 {
        self.to_bits() as u64
    }
    #[inline(always)]
    fn from_word(w: u64) -> Self {
        f32::from_bits(w as u32)
    }
}

// SAFETY: f64 is Go's float64: 8 bytes, every bit pattern valid.
unsafe impl GoType for f64 {
    const FLOAT: bool = true;
    fn go_type() -> TypeRef {
        &types::FLOAT64
    }
    #[inline(always)]
    fn to_word(self) -> u64 {
        self.to_bits()
    }
    #[inline(always)]
    fn from_word(w: u64) -> Self {
        f64::from_bits(w)
    }
}

// SAFETY: bool is Go's bool: one byte, 0 or 1; `from_word` reads only the
// low byte, so any word Go code leaves gives a valid bool.
unsafe impl GoType for bool {
    const FLOAT: bool = false;
    fn go_type() -> TypeRef {
        &types::BOOL
    }
    #[inline(always)]
    fn to_word(self) -> u64 {
        self as u64
    }
    #[inline(always)]
    fn from_word(w: u64) -> Self {
        w as u8 != 0
    }
}

/// Where one scalar of a typed call goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    Int(u8),
    Float(u8),
    /// A float32 in a float register (boxed as the target wants).
    Float32(u8),
    /// Offset in the stack area, and size.
    Stack(u32, u8),
}

impl Slot {
    /// Writes one scalar into the registers or the stack area.
    ///
    /// # Safety
    /// `stack` must cover this slot when it is a stack slot.
    #[inline(always)]
    unsafe fn store(self, w: u64, regs: &mut Regs, stack: *mut u8) {
        match self {
            Slot::Int(r) => regs.ints[r as usize] = w,
            Slot::Float(r) => regs.floats[r as usize] = w,
            Slot::Float32(r) => regs.floats[r as usize] = NATIVE.float32_in_reg.box_bits(w as u32),
            // SAFETY: the caller's guarantee.
            Slot::Stack(off, size) => unsafe { marshal::write_le(stack.add(off as usize), size as usize, w) },
        }
    }

    /// Reads one scalar.
    ///
    /// # Safety
    /// `stack` must cover this slot when it is a stack slot.
    #[inline(always)]
    unsafe fn load(self, regs: &Regs, stack: *const u8) -> u64 {
        match self {
            Slot::Int(r) => regs.ints[r as usize],
            // The low bytes hold a float32 on every supported target (a
            // NaN-boxed single keeps its bits in the low word).
            Slot::Float(r) | Slot::Float32(r) => regs.floats[r as usize],
            // SAFETY: the caller's guarantee.
            Slot::Stack(off, size) => unsafe { marshal::read_le(stack.add(off as usize), size as usize) },
        }
    }
}

/// One scalar of a signature, as the assignment sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scalar {
    pub float: bool,
    pub size: u8,
}

impl Scalar {
    /// The scalar of `T`.
    pub const fn of<T: GoType>() -> Scalar {
        Scalar { float: T::FLOAT, size: core::mem::size_of::<T>() as u8 }
    }
}

/// The inputs or outputs of a signature, as a tuple of [`GoType`]s.
pub trait GoTuple: Sized {
    /// Each element's scalar, in order.
    const SCALARS: &'static [Scalar];
    fn types() -> Vec<TypeRef>;
    /// Stores each element at its slot.
    ///
    /// # Safety
    /// `slots` has a slot per element; `stack` covers each stack slot.
    unsafe fn store(&self, slots: &[Slot], regs: &mut Regs, stack: *mut u8);
    /// Loads each element from its slot.
    ///
    /// # Safety
    /// As [`GoTuple::store`].
    unsafe fn load(slots: &[Slot], regs: &Regs, stack: *const u8) -> Self;
}

macro_rules! tuple {
    ($($t:ident $i:tt),*) => {
        impl<$($t: GoType),*> GoTuple for ($($t,)*) {
            const SCALARS: &'static [Scalar] = &[$(Scalar::of::<$t>()),*];
            fn types() -> Vec<TypeRef> { vec![$($t::go_type()),*] }
            #[inline(always)]
            #[allow(unused_variables)]
            unsafe fn store(&self, slots: &[Slot], regs: &mut Regs, stack: *mut u8) {
                // SAFETY: the caller's guarantee.
                $(unsafe { slots[$i].store(self.$i.to_word(), regs, stack) };)*
            }
            #[inline(always)]
            #[allow(unused_variables, clippy::unused_unit)]
            unsafe fn load(slots: &[Slot], regs: &Regs, stack: *const u8) -> Self {
                // SAFETY: the caller's guarantee.
                ($($t::from_word(unsafe { slots[$i].load(regs, stack) }),)*)
            }
        }
    };
}

tuple!();
tuple!(A 0);
tuple!(A 0, B 1);
tuple!(A 0, B 1, C 2);
tuple!(A 0, B 1, C 2, D 3);
tuple!(A 0, B 1, C 2, D 3, E 4);
tuple!(A 0, B 1, C 2, D 3, E 4, F 5);
tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);

/// Elements of the longest tuple [`GoTuple`] is implemented for.
const MAX_TUPLE: usize = 12;
/// Inputs of a call: a method value's receiver word, then the arguments.
const MAX_INS: usize = MAX_TUPLE + 1;
/// Words of the largest stack area of a typed call: every input and every
/// result on the stack, a word each.
const MAX_AREA_WORDS: usize = MAX_INS + MAX_TUPLE;

/// Where every value of a typed call goes: what the ABI assignment gives
/// a receiver word (for method values) and a tuple of scalars.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The receiver word's slot (method values), then each argument's.
    pub ins: [Slot; MAX_INS],
    pub n_ins: usize,
    pub outs: [Slot; MAX_TUPLE],
    pub n_outs: usize,
    /// Bytes of the stack area: arguments, then results from `ret_offset`,
    /// each part rounded up to a word.
    pub stack_size: usize,
    pub ret_offset: usize,
    /// Whether any value travels in a float register.
    pub floats: bool,
    /// Integer and float registers used: the most of the arguments' and
    /// the results' (registers are assigned from the first).
    pub int_regs: usize,
    pub float_regs: usize,
}

const fn align_up(x: usize, a: usize) -> usize {
    (x + a - 1) & !(a - 1)
}

/// Assigns `values` in order from stack offset `start`: each wholly to the
/// next register of its class while there is one, else to the stack at its
/// alignment. Returns the end of the stack part and the integer and float
/// registers used.
const fn assign_seq(
    out: &mut [Slot],
    values: &[Scalar],
    int_regs: usize,
    float_regs: usize,
    start: usize,
) -> (usize, usize, usize) {
    let (mut ni, mut nf, mut end) = (0, 0, start);
    let mut i = 0;
    while i < values.len() {
        let v = values[i];
        out[i] = if v.float && nf < float_regs {
            nf += 1;
            if v.size == 4 { Slot::Float32(nf as u8 - 1) } else { Slot::Float(nf as u8 - 1) }
        } else if !v.float && ni < int_regs {
            ni += 1;
            Slot::Int(ni as u8 - 1)
        } else {
            let off = align_up(end, v.size as usize);
            end = off + v.size as usize;
            Slot::Stack(off as u32, v.size)
        };
        i += 1;
    }
    (end, ni, nf)
}

impl Plan {
    /// The plan of a call with `int_regs` integer and `float_regs` float
    /// argument registers, of a receiver word (when `receiver`), `ins` and
    /// `outs`.
    pub const fn new(int_regs: usize, float_regs: usize, receiver: bool, ins: &[Scalar], outs: &[Scalar]) -> Plan {
        assert!(ins.len() <= MAX_TUPLE && outs.len() <= MAX_TUPLE);
        let mut all = [Scalar { float: false, size: 8 }; MAX_INS];
        let first = receiver as usize;
        let mut i = 0;
        while i < ins.len() {
            all[first + i] = ins[i];
            i += 1;
        }
        let n_ins = first + ins.len();
        let (all, _) = all.split_at(n_ins);
        let mut in_slots = [Slot::Int(0); MAX_INS];
        let (in_end, in_ints, in_floats) = assign_seq(&mut in_slots, all, int_regs, float_regs, 0);
        let ret_offset = align_up(in_end, 8);
        let mut out_slots = [Slot::Int(0); MAX_TUPLE];
        let (out_end, out_ints, out_floats) = assign_seq(&mut out_slots, outs, int_regs, float_regs, ret_offset);
        let stack_size = align_up(out_end, 8);
        assert!(stack_size <= MAX_AREA_WORDS * 8);
        Plan {
            ins: in_slots,
            n_ins,
            outs: out_slots,
            n_outs: outs.len(),
            stack_size,
            ret_offset,
            floats: in_floats + out_floats > 0,
            int_regs: if in_ints > out_ints { in_ints } else { out_ints },
            float_regs: if in_floats > out_floats { in_floats } else { out_floats },
        }
    }

    /// The same description read off a layout computed by [`FuncAbi`], or
    /// `None` when some value is not a single scalar.
    pub fn of_abi(abi: &FuncAbi) -> Option<Plan> {
        fn slots<const N: usize>(seq: &Seq) -> Option<[Slot; N]> {
            let mut out = [Slot::Int(0); N];
            if seq.values.len() > N {
                return None;
            }
            for (i, slot) in out.iter_mut().enumerate().take(seq.values.len()) {
                let [s] = seq.steps_of(i) else { return None };
                *slot = match s.kind {
                    StepKind::IntReg | StepKind::Pointer => Slot::Int(s.reg),
                    StepKind::FloatReg if s.size == 4 => Slot::Float32(s.reg),
                    StepKind::FloatReg => Slot::Float(s.reg),
                    StepKind::Stack => Slot::Stack(s.stack_offset, s.size as u8),
                };
            }
            Some(out)
        }
        Some(Plan {
            ins: slots(&abi.call)?,
            n_ins: abi.call.values.len(),
            outs: slots(&abi.ret)?,
            n_outs: abi.ret.values.len(),
            stack_size: abi.stack_size,
            ret_offset: abi.ret_offset,
            floats: abi.call.float_regs + abi.ret.float_regs > 0,
            int_regs: abi.call.int_regs.max(abi.ret.int_regs),
            float_regs: abi.call.float_regs.max(abi.ret.float_regs),
        })
    }
}

/// A Go func value checked against the Rust signature `fn(A) -> R`: a
/// plain func value, or a method value (its receiver bound at
/// preparation).
pub struct TypedFunc<A, R> {
    /// The func value called (for a method value, its method table entry).
    closure: *const (),
    /// A method value's receiver word (Go's interface data word).
    receiver: Option<u64>,
    /// What the receiver word points to when the receiver is not
    /// pointer-shaped: a copy owned by the prepared call.
    _receiver_copy: Option<Box<[u64]>>,
    layout: &'static Layout,
    _sig: PhantomData<fn(A) -> R>,
}

// SAFETY: the func value, receiver and layout are immutable; calling a Go
// function from several threads is as safe as calling it from one (Go
// functions are reentrant; their own synchronization is their business).
unsafe impl<A, R> Send for TypedFunc<A, R> {}
// SAFETY: as above.
unsafe impl<A, R> Sync for TypedFunc<A, R> {}

impl<A: GoTuple, R: GoTuple> TypedFunc<A, R> {
    /// The plan of a plain func value's calls.
    const PLAN: Plan = Plan::new(direct::INT_REGS, direct::FLOAT_REGS, false, A::SCALARS, R::SCALARS);
    /// The plan of a method value's calls (receiver word first).
    const METHOD_PLAN: Plan = Plan::new(direct::INT_REGS, direct::FLOAT_REGS, true, A::SCALARS, R::SCALARS);

    /// Checks that `f` is a non-nil func value, or a method value, of
    /// exactly the signature `func(A...) (R...)` and prepares its calls.
    pub fn new(f: &Value) -> Result<Self, CallError> {
        let method = "reflect.TypedFunc";
        let ft = f.typ.ok_or(CallError::ZeroValue { method })?;
        let func = ft.as_func().ok_or(CallError::WrongKind { method, kind: ft.kind })?;
        let want = types::func_of(&A::types(), &R::types(), false);
        if func.variadic || !ft.identical(want) {
            return Err(CallError::ArgType { have: ft.string(), want: want.string() });
        }
        let (closure, receiver, receiver_copy, l, plan) = match f.as_method() {
            Some((recv, index)) => {
                let rt = recv.typ;
                let m = &rt.methods()[index];
                let (word, copy) = if rt.is_pointer_shaped() {
                    (recv.word(), None)
                } else {
                    // The one-word convention passes a pointer to a copy.
                    let mut b = vec![0u64; rt.size.div_ceil(8)].into_boxed_slice();
                    // SAFETY: `b` has room for the receiver's bytes.
                    unsafe { core::ptr::copy_nonoverlapping(recv.words.as_ptr().cast::<u8>(), b.as_mut_ptr().cast(), rt.size) };
                    (b.as_ptr() as u64, Some(b))
                };
                let l = layout(ft, Some(Receiver::InterfaceWord(rt)))?;
                (m.ifn, Some(word), copy, l, Self::METHOD_PLAN)
            }
            None => (f.pointer() as *const (), None, None, layout(ft, None)?, Self::PLAN),
        };
        if closure.is_null() {
            return Err(CallError::NilFunc);
        }
        // The plan made from the Rust types must be the assignment's.
        // The plan made from the Rust types must be the assignment's (a
        // bug otherwise, in one or the other), and its frame must fit a
        // direct call's (true of every tuple of scalars: 25 words of stack
        // area and 13 of spill area at most).
        assert_eq!(Plan::of_abi(&l.abi), Some(plan), "reflect: TypedFunc's plan disagrees with reflect::abi for {ft}");
        assert!(l.frame_size as usize <= direct::FRAME, "reflect: a typed call's frame exceeds RGO_DIRECT_FRAME");
        Ok(TypedFunc { closure, receiver, _receiver_copy: receiver_copy, layout: l, _sig: PhantomData })
    }

    /// Calls the function.
    #[inline]
    pub fn call(&self, args: A) -> R {
        match self.receiver {
            None => self.call_direct::<false>(0, args),
            Some(word) => self.call_direct::<true>(word, args),
        }
    }

    /// A direct call with the receiver word `recv` (for method values).
    #[inline(always)]
    fn call_direct<const METHOD: bool>(&self, recv: u64, args: A) -> R {
        let p = if METHOD { &Self::METHOD_PLAN } else { &Self::PLAN };
        let mut regs = Regs::ZERO;
        // Only the plan's stack area is used, and zeroed (a word may hold
        // narrower values).
        let mut area = MaybeUninit::<[u64; MAX_AREA_WORDS]>::uninit();
        let stack: *mut u8 = area.as_mut_ptr().cast();
        // SAFETY: the plan's stack area is at most MAX_AREA_WORDS words.
        unsafe { stack.write_bytes(0, p.stack_size) };
        // SAFETY: the plan has a slot per input and output, inside `area`
        // (at most MAX_AREA_WORDS words, asserted by `Plan::new`). `new`
        // checked that the closure is a func value of this signature, that
        // the plan is its ABI assignment, and that its frame fits the
        // direct call's; the call shape and the registers passed are picked
        // from what the plan uses (constants here: one assembly block).
        unsafe {
            if METHOD {
                p.ins[0].store(recv, &mut regs, stack);
            }
            args.store(&p.ins[METHOD as usize..], &mut regs, stack);
            let closure = self.closure.cast();
            let (n, m) = (p.int_regs, p.float_regs);
            if p.stack_size == 0 && !p.floats {
                direct::call_ints(closure, &mut regs.ints, n);
            } else if p.stack_size == 0 {
                direct::call_regs(closure, &mut regs, n, m);
            } else {
                direct::call_stack(closure, &mut regs, stack.cast(), p.stack_size / 8, n, m);
            }
            R::load(&p.outs, &regs, stack)
        }
    }

    /// [`TypedFunc::call`] with the call made by `run`, given the laid out
    /// frame, instead of on the current stack by a direct call (a host of
    /// rgo-compiled Go code runs it on a goroutine stack, behind a boundary
    /// that recovers panics). An error of `run` is returned as is.
    ///
    /// # Safety
    /// `run` must make the call the frame describes, as `rgo_reflectcall`
    /// does, or return an error; the frame's registers and stack area hold
    /// the results only when it returns `Ok`.
    #[inline]
    pub unsafe fn call_with<E>(&self, args: A, run: impl FnOnce(&rgo_call_frame) -> Result<(), E>) -> Result<R, E> {
        let p = if self.receiver.is_some() { &Self::METHOD_PLAN } else { &Self::PLAN };
        let mut regs = Regs::ZERO;
        let mut area = [0u64; MAX_AREA_WORDS];
        let stack: *mut u8 = area.as_mut_ptr().cast();
        // SAFETY: as in `call_direct`, for the slots.
        unsafe {
            if let Some(word) = self.receiver {
                p.ins[0].store(word, &mut regs, stack);
            }
            args.store(&p.ins[self.receiver.is_some() as usize..], &mut regs, stack);
        }
        let mut block = MaybeUninit::<RegArgs>::uninit();
        let block = block.as_mut_ptr();
        // SAFETY: `block` is valid for writes; the register block's ints and
        // floats are arrays of the same lengths as `regs`'.
        unsafe {
            core::ptr::addr_of_mut!((*block).ints).write(regs.ints);
            core::ptr::addr_of_mut!((*block).floats).write(regs.floats);
        }
        let stack = if p.stack_size == 0 { core::ptr::null_mut() } else { stack };
        // SAFETY: `closure` is a func value of the checked signature and the
        // frame was built from its layout.
        let frame = unsafe { call_frame(self.layout, self.closure, block, stack) };
        run(&frame)?;
        // SAFETY: the call wrote every result register (the assembly spills
        // all integer ones, and the float ones when the signature has float
        // results) and every stack result.
        unsafe {
            regs.ints = core::ptr::addr_of!((*block).ints).read();
            if p.floats {
                regs.floats = core::ptr::addr_of!((*block).floats).read();
            }
            Ok(R::load(&p.outs, &regs, stack))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::{Arch, AMD64, ARM64, RISCV64};

    /// Every signature of up to `n` inputs and `n` results drawn from int,
    /// int32, int8, float64 and float32, with and without a receiver word:
    /// the plan made from the scalars is the one `FuncAbi` assigns.
    fn check_arch(arch: &Arch) {
        let kinds: [(Scalar, TypeRef); 5] = [
            (Scalar { float: false, size: 8 }, &types::INT),
            (Scalar { float: false, size: 4 }, &types::INT32),
            (Scalar { float: false, size: 1 }, &types::INT8),
            (Scalar { float: true, size: 8 }, &types::FLOAT64),
            (Scalar { float: true, size: 4 }, &types::FLOAT32),
        ];
        let mut checked = 0;
        // Lengths up to the longest tuple; element kinds from a counter.
        for len in [0usize, 1, 2, 5, 9, 10, 12] {
            for seed in 0..40u64 {
                let pick = |i: usize, salt: u64| kinds[((seed * 7 + salt + i as u64 * 3) % 5) as usize];
                let ins: Vec<_> = (0..len).map(|i| pick(i, seed % 3)).collect();
                let outs: Vec<_> = (0..(len + seed as usize) % 13).map(|i| pick(i, 1)).collect();
                let f = types::func_of(
                    &ins.iter().map(|x| x.1).collect::<Vec<_>>(),
                    &outs.iter().map(|x| x.1).collect::<Vec<_>>(),
                    false,
                );
                for recv in [false, true] {
                    let receiver = recv.then_some(Receiver::InterfaceWord(&types::UNSAFE_POINTER));
                    let abi = FuncAbi::new(arch, f, receiver).unwrap();
                    let s_ins: Vec<_> = ins.iter().map(|x| x.0).collect();
                    let s_outs: Vec<_> = outs.iter().map(|x| x.0).collect();
                    let plan = Plan::new(arch.int_reg_count(), arch.float_reg_count(), recv, &s_ins, &s_outs);
                    assert_eq!(Plan::of_abi(&abi), Some(plan), "{} {f} receiver {recv}", arch.name);
                    assert!(abi.frame_size() <= direct::FRAME, "{} {f}: frame {}", arch.name, abi.frame_size());
                    checked += 1;
                }
            }
        }
        assert!(checked > 500);
    }

    #[test]
    fn plans_match_the_abi_assignment_on_amd64() {
        check_arch(&AMD64);
    }

    #[test]
    fn plans_match_the_abi_assignment_on_arm64() {
        check_arch(&ARM64);
    }

    #[test]
    fn plans_match_the_abi_assignment_on_riscv64() {
        check_arch(&RISCV64);
    }

    #[test]
    fn a_mismatched_plan_is_seen() {
        // Guards the comparison above: a plan for other registers differs.
        let f = types::func_of(&[&types::INT; 10], &[], false);
        let abi = FuncAbi::new(&AMD64, f, None).unwrap();
        let s = [Scalar { float: false, size: 8 }; 10];
        assert_ne!(Plan::of_abi(&abi), Some(Plan::new(16, 16, false, &s, &[])));
    }
}
