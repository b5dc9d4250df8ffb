//! A prepared call with Rust types: the signature is checked once, the
//! layout fetched once, and each call moves arguments straight from Rust
//! values into the register block, with no Values and no heap allocation
//! when the stack area fits in a small buffer.
//!
//! ```ignore
//! let add: TypedFunc<(isize, isize), isize> = TypedFunc::new(&f)?;
//! assert_eq!(add.call((1, 2)), 3);
//! ```

use crate::abi::NATIVE;
use crate::call::call_frame;
use rt_arch::bindings::native::{rgo_call_frame, rgo_reg_args as RegArgs};
use crate::error::CallError;
use crate::layout::{layout, Layout};
use crate::marshal;
use crate::types::{self, TypeRef};
use crate::value::Value;
use alloc::sync::Arc;
use alloc::vec;
use alloc::vec::Vec;
use core::marker::PhantomData;
use core::mem::MaybeUninit;
use core::ptr;

/// A Rust scalar with the memory layout of a Go scalar type (at most one
/// word, passed in one register or one stack slot).
///
/// # Safety
/// `Self` must have exactly the size and layout of `go_type()`, and
/// `from_word` must accept any word `to_word` or Go code may produce.
pub unsafe trait GoType: Copy {
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

/// Where one scalar of a typed call goes, precomputed from its ABI step.
#[derive(Clone, Copy, Debug)]
pub enum Slot {
    Int(u8),
    Float(u8),
    /// A float32 in a float register (boxed as the target wants).
    Float32(u8),
    /// Offset in the stack area, and size.
    Stack(u32, u8),
}

impl Slot {
    /// Writes one scalar. The block may be uninitialized, so it is only
    /// touched through raw pointers.
    ///
    /// # Safety
    /// `regs` must be valid for writes; `stack` must cover this slot when it
    /// is a stack slot.
    #[inline(always)]
    unsafe fn store(self, w: u64, regs: *mut RegArgs, stack: *mut u8) {
        // SAFETY (all arms): the caller's guarantees; register indexes come
        // from the ABI assignment and are below the register counts.
        unsafe {
            match self {
                Slot::Int(r) => ptr::addr_of_mut!((*regs).ints).cast::<u64>().add(r as usize).write(w),
                Slot::Float(r) => ptr::addr_of_mut!((*regs).floats).cast::<u64>().add(r as usize).write(w),
                Slot::Float32(r) => ptr::addr_of_mut!((*regs).floats)
                    .cast::<u64>()
                    .add(r as usize)
                    .write(NATIVE.float32_in_reg.box_bits(w as u32)),
                Slot::Stack(off, size) => marshal::write_le(stack.add(off as usize), size as usize, w),
            }
        }
    }

    /// Reads one scalar.
    ///
    /// # Safety
    /// The register or stack slot must have been written (by the assembly,
    /// which spills every integer result register, and every float one when
    /// the signature has float results).
    #[inline(always)]
    unsafe fn load(self, regs: *const RegArgs, stack: *const u8) -> u64 {
        // SAFETY (all arms): the caller's guarantee.
        unsafe {
            match self {
                Slot::Int(r) => ptr::addr_of!((*regs).ints).cast::<u64>().add(r as usize).read(),
                Slot::Float(r) | Slot::Float32(r) => ptr::addr_of!((*regs).floats).cast::<u64>().add(r as usize).read(),
                Slot::Stack(off, size) => marshal::read_le(stack.add(off as usize), size as usize),
            }
        }
    }
}

/// The inputs or outputs of a signature, as a tuple of [`GoType`]s.
pub trait GoTuple: Sized {
    fn types() -> Vec<TypeRef>;
    /// Stores each element at its slot.
    ///
    /// # Safety
    /// As [`Slot::store`], for the first slot of each element.
    unsafe fn store(&self, slots: &[Slot; MAX_TUPLE], regs: *mut RegArgs, stack: *mut u8);
    /// Loads each element from its slot.
    ///
    /// # Safety
    /// As [`Slot::load`], for the first slot of each element.
    unsafe fn load(slots: &[Slot; MAX_TUPLE], regs: *const RegArgs, stack: *const u8) -> Self;
}

macro_rules! tuple {
    ($($t:ident $i:tt),*) => {
        impl<$($t: GoType),*> GoTuple for ($($t,)*) {
            fn types() -> Vec<TypeRef> { vec![$($t::go_type()),*] }
            #[inline(always)]
            #[allow(unused_variables)]
            unsafe fn store(&self, slots: &[Slot; MAX_TUPLE], regs: *mut RegArgs, stack: *mut u8) {
                // SAFETY: the caller's guarantee.
                $(unsafe { slots[$i].store(self.$i.to_word(), regs, stack) };)*
            }
            #[inline(always)]
            #[allow(unused_variables, clippy::unused_unit)]
            unsafe fn load(slots: &[Slot; MAX_TUPLE], regs: *const RegArgs, stack: *const u8) -> Self {
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

/// The slot of each value of a sequence of scalars (at most [`MAX_TUPLE`]).
fn slots(seq: &crate::abi::Seq) -> [Slot; MAX_TUPLE] {
    use crate::abi::StepKind;
    let mut out = [Slot::Int(0); MAX_TUPLE];
    for (i, slot) in out.iter_mut().enumerate().take(seq.values.len()) {
        *slot = match seq.steps_of(i) {
            [s] => match s.kind {
                StepKind::IntReg | StepKind::Pointer => Slot::Int(s.reg),
                StepKind::FloatReg if s.size == 4 => Slot::Float32(s.reg),
                StepKind::FloatReg => Slot::Float(s.reg),
                StepKind::Stack => Slot::Stack(s.stack_offset, s.size as u8),
            },
            other => unreachable!("a scalar moves in one step, not {other:?}"),
        };
    }
    out
}

/// Words of stack area a call keeps in its own frame instead of the heap.
const SMALL_STACK_WORDS: usize = 32;

/// A Go func value checked against the Rust signature `fn(A) -> R`.
pub struct TypedFunc<A, R> {
    closure: *const (),
    layout: Arc<Layout>,
    in_slots: [Slot; MAX_TUPLE],
    out_slots: [Slot; MAX_TUPLE],
    _sig: PhantomData<fn(A) -> R>,
}

// SAFETY: the func value and layout are immutable; calling a Go function
// from several threads is as safe as calling it from one (Go functions are
// reentrant; their own synchronization is their business).
unsafe impl<A, R> Send for TypedFunc<A, R> {}
// SAFETY: as above.
unsafe impl<A, R> Sync for TypedFunc<A, R> {}

impl<A: GoTuple, R: GoTuple> TypedFunc<A, R> {
    /// Checks that `f` is a non-nil func value of exactly the signature
    /// `func(A...) (R...)` and prepares its layout.
    pub fn new(f: &Value) -> Result<Self, CallError> {
        let method = "reflect.TypedFunc";
        let ft = f.typ.ok_or(CallError::ZeroValue { method })?;
        let func = ft.as_func().ok_or(CallError::WrongKind { method, kind: ft.kind })?;
        if f.as_method().is_some() {
            return Err(CallError::WrongKind { method: "reflect.TypedFunc of a method value", kind: ft.kind });
        }
        let want = types::func_of(&A::types(), &R::types(), false);
        if func.variadic || !ft.identical(want) {
            return Err(CallError::ArgType { have: ft.string(), want: want.string() });
        }
        let closure = f.pointer() as *const ();
        if closure.is_null() {
            return Err(CallError::NilFunc);
        }
        let layout = layout(ft, None)?;
        let (in_slots, out_slots) = (slots(&layout.abi.call), slots(&layout.abi.ret));
        Ok(TypedFunc { closure, layout, in_slots, out_slots, _sig: PhantomData })
    }

    /// Calls the function.
    #[inline]
    pub fn call(&self, args: A) -> R {
        // SAFETY: the assembly makes the call the frame describes.
        let r = unsafe {
            self.call_with(args, |frame| {
                rt_arch::rgo_reflectcall(frame);
                Ok::<(), core::convert::Infallible>(())
            })
        };
        match r {
            Ok(r) => r,
            Err(never) => match never {},
        }
    }

    /// [`TypedFunc::call`] with the call made by `run`, given the laid out
    /// frame, instead of on the current stack by `rgo_reflectcall` (a host
    /// of rgo-compiled Go code runs it on a goroutine stack, behind a
    /// boundary that recovers panics). An error of `run` is returned as is.
    ///
    /// # Safety
    /// `run` must make the call the frame describes, as `rgo_reflectcall`
    /// does, or return an error; the frame's registers and stack area hold
    /// the results only when it returns `Ok`.
    #[inline]
    pub unsafe fn call_with<E>(&self, args: A, run: impl FnOnce(&rgo_call_frame) -> Result<(), E>) -> Result<R, E> {
        let abi = &self.layout.abi;
        // Left uninitialized: the assembly loads registers from it whatever
        // they hold, and only slots written before or by the call are read.
        let mut regs = MaybeUninit::<RegArgs>::uninit();
        let regs = regs.as_mut_ptr();
        let mut small = MaybeUninit::<[u64; SMALL_STACK_WORDS]>::uninit();
        let mut big = Vec::new();
        let stack: *mut u8 = if abi.stack_size == 0 {
            core::ptr::null_mut()
        } else if abi.stack_size <= SMALL_STACK_WORDS * 8 {
            small.as_mut_ptr().cast()
        } else {
            big.resize(abi.stack_size.div_ceil(8), 0u64);
            big.as_mut_ptr().cast()
        };
        // SAFETY: one slot per element (from the same signature); `stack`
        // covers the stack area.
        unsafe { args.store(&self.in_slots, regs, stack) };
        // SAFETY: `closure` is a func value of the checked signature and the
        // frame was built from its layout.
        let frame = unsafe { call_frame(&self.layout, self.closure, regs, stack) };
        run(&frame)?;
        // SAFETY: the call wrote every result register and stack result.
        Ok(unsafe { R::load(&self.out_slots, regs, stack) })
    }
}
