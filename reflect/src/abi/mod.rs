//! Go's ABIInternal register assignment: the one implementation in rgo.
//!
//! The compiler calls [`FuncAbi::new`] to lay out every function it
//! generates and reflect calls it (through a cache) to build and read call
//! frames, so the two cannot disagree. The algorithm is the one in
//! `cmd/compile/abi-internal.md` ("Function call argument and result
//! passing"): each argument, then each result, is either wholly assigned to
//! registers, by walking its type and taking the next integer or float
//! register for every scalar part, or, when that would run out of registers
//! or the type contains an array of more than one element, wholly assigned
//! to the stack at its alignment. Zero-sized values always go to the stack
//! (with no bytes) so that ABI0 is the zero-register case of the same rules.

pub mod arch;
mod bitmap;

pub use arch::{Arch, Float32InReg, AMD64, ARM64, NATIVE, RISCV64};
pub use bitmap::Bitmap;

use crate::types::{Kind, Type, TypeRef};
use alloc::vec::Vec;
use core::ops::Range;

/// What one step of moving a value between memory and a call frame does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StepKind {
    /// The whole value lives in the stack area at `stack_offset`.
    Stack,
    /// `size` bytes at `offset` in the value go in integer register `reg`.
    IntReg,
    /// Like `IntReg`, and the word is a pointer.
    Pointer,
    /// `size` bytes at `offset` in the value go in float register `reg`.
    FloatReg,
}

/// One move between a value in memory and a call frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Step {
    pub kind: StepKind,
    /// Offset of this part inside the value (0 for `Stack`).
    pub offset: u32,
    pub size: u32,
    /// For `Stack`: offset in the stack argument area (results included).
    pub stack_offset: u32,
    /// For register kinds: index into the architecture's int or float registers.
    pub reg: u8,
}

/// Where one argument, receiver or result goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Placement {
    /// In registers; inputs also get a slot in the spill area.
    Registers { spill_offset: Option<u32> },
    /// In the stack area at this offset.
    Stack { offset: u32 },
    /// A zero-sized value: nothing moves, but it aligned the stack to here.
    ZeroSized { offset: u32 },
}

/// The assignment of one value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueAbi {
    pub typ: TypeRef,
    pub placement: Placement,
    /// Range into the owning [`Seq::steps`].
    pub steps: Range<u32>,
}

/// The type by what the assignment and a stack-only layout read of it (a
/// descriptor's address differs from one process to the next): the
/// compiler keys its build cache by hashes of ABIs.
impl core::hash::Hash for ValueAbi {
    fn hash<H: core::hash::Hasher>(&self, h: &mut H) {
        let t = self.typ;
        (t.size, t.ptrdata, t.hash, t.align, t.field_align, t.kind, t.string()).hash(h);
        self.placement.hash(h);
        self.steps.hash(h);
    }
}

/// The assignment of a sequence of values: the receiver and arguments of a
/// call, or its results.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Seq {
    pub steps: Vec<Step>,
    pub values: Vec<ValueAbi>,
    /// Integer and float registers used.
    pub int_regs: usize,
    pub float_regs: usize,
    /// End of this sequence's stack area (for results: from the start of the
    /// whole stack area, i.e. including the arguments).
    pub stack_end: usize,
}

/// How a method's receiver is passed.
#[derive(Clone, Copy, Debug)]
pub enum Receiver {
    /// Assigned like an argument of its type: static calls of methods.
    ByType(TypeRef),
    /// One word, the interface data word: the value itself when it is
    /// pointer-shaped, otherwise a pointer to it. Interface calls and
    /// reflect method values use this convention (Go's `methodReceiver`).
    InterfaceWord(TypeRef),
}

/// The whole calling convention of one function type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FuncAbi {
    pub arch: Arch,
    /// Receiver (when any) then arguments.
    pub call: Seq,
    pub ret: Seq,
    /// Whether `call.values[0]` is a receiver.
    pub has_receiver: bool,
    /// Offset of the first stack result: the argument stack area, rounded
    /// up to a pointer.
    pub ret_offset: usize,
    /// Bytes of the stack area: arguments, then results, each rounded up to
    /// a pointer. This is what a caller copies in and out.
    pub stack_size: usize,
    /// Bytes of the spill area that follows the stack area, where a callee
    /// may spill its register arguments.
    pub spill_size: usize,
    /// Pointer words of the stack area (arguments and results).
    pub stack_ptrs: Bitmap,
    /// Argument registers that hold pointers.
    pub in_reg_ptrs: u32,
    /// Result registers that hold pointers (the ReturnIsPtr bitmap).
    pub out_reg_ptrs: u32,
}

/// Why a type cannot be laid out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AbiError {
    /// The type of a function layout was not a func type.
    NotAFunc(&'static str),
    /// A kind this assignment does not know how to pass.
    UnsupportedKind(Kind),
}

impl core::fmt::Display for AbiError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            AbiError::NotAFunc(t) => write!(f, "abi: {t} is not a func type"),
            AbiError::UnsupportedKind(k) => write!(f, "abi: cannot pass a value of kind {k}"),
        }
    }
}

const fn align_up(x: usize, a: usize) -> usize {
    (x + a - 1) & !(a - 1)
}

/// The register assignment of one sequence under construction.
struct Assigner<'a> {
    arch: &'a Arch,
    seq: Seq,
}

impl Assigner<'_> {
    fn new(arch: &Arch, stack_start: usize) -> Assigner<'_> {
        Assigner { arch, seq: Seq { stack_end: stack_start, ..Seq::default() } }
    }

    /// Assigns a whole value (argument or result).
    fn add_value(&mut self, typ: TypeRef) -> Result<(), AbiError> {
        let first = self.seq.steps.len() as u32;
        let placement = if typ.size == 0 {
            self.seq.stack_end = align_up(self.seq.stack_end, typ.align().max(1));
            Placement::ZeroSized { offset: self.seq.stack_end as u32 }
        } else {
            let (steps, iregs, fregs) = (self.seq.steps.len(), self.seq.int_regs, self.seq.float_regs);
            if self.assign_regs(typ, 0)? {
                Placement::Registers { spill_offset: None }
            } else {
                // Roll back a partial register assignment: values are never split.
                self.seq.steps.truncate(steps);
                self.seq.int_regs = iregs;
                self.seq.float_regs = fregs;
                Placement::Stack { offset: self.assign_stack(typ.size, typ.align().max(1)) as u32 }
            }
        };
        let last = self.seq.steps.len() as u32;
        self.seq.values.push(ValueAbi { typ, placement, steps: first..last });
        Ok(())
    }

    /// Assigns a receiver passed as one interface data word.
    fn add_receiver_word(&mut self, typ: TypeRef) {
        let first = self.seq.steps.len() as u32;
        // Go marks the word as a pointer unless the receiver is stored
        // directly and holds no pointers (which cannot happen today).
        let is_ptr = !typ.is_pointer_shaped() || typ.has_pointers();
        let word = self.arch.ptr_size;
        let placement = if self.assign_ints(0, word, 1, if is_ptr { 1 } else { 0 }) {
            Placement::Registers { spill_offset: None }
        } else {
            Placement::Stack { offset: self.assign_stack(word, word) as u32 }
        };
        let last = self.seq.steps.len() as u32;
        let word_typ: TypeRef = if is_ptr { &crate::types::UNSAFE_POINTER } else { &crate::types::UINTPTR };
        self.seq.values.push(ValueAbi { typ: word_typ, placement, steps: first..last });
    }

    fn assign_stack(&mut self, size: usize, align: usize) -> usize {
        let offset = align_up(self.seq.stack_end, align);
        self.seq.steps.push(Step { kind: StepKind::Stack, offset: 0, size: size as u32, stack_offset: offset as u32, reg: 0 });
        self.seq.stack_end = offset + size;
        offset
    }

    /// Tries to put every scalar part of `typ` (at `offset` inside the
    /// whole value) in registers. `Ok(false)`: it does not fit.
    fn assign_regs(&mut self, typ: &Type, offset: usize) -> Result<bool, AbiError> {
        let w = self.arch.ptr_size;
        Ok(match typ.kind {
            Kind::Pointer | Kind::UnsafePointer | Kind::Chan | Kind::Map | Kind::Func => {
                self.assign_ints(offset, typ.size, 1, 0b1)
            }
            Kind::Bool
            | Kind::Int
            | Kind::Int8
            | Kind::Int16
            | Kind::Int32
            | Kind::Int64
            | Kind::Uint
            | Kind::Uint8
            | Kind::Uint16
            | Kind::Uint32
            | Kind::Uint64
            | Kind::Uintptr => self.assign_ints(offset, typ.size, 1, 0),
            Kind::Float32 | Kind::Float64 => self.assign_floats(offset, typ.size, 1),
            Kind::Complex64 => self.assign_floats(offset, 4, 2),
            Kind::Complex128 => self.assign_floats(offset, 8, 2),
            Kind::String => self.assign_ints(offset, w, 2, 0b01),
            Kind::Interface => self.assign_ints(offset, w, 2, 0b10),
            Kind::Slice => self.assign_ints(offset, w, 3, 0b001),
            Kind::Array => {
                let a = typ.as_array().expect("array descriptor");
                match a.len {
                    0 => true,
                    1 => self.assign_regs(a.elem, offset)?,
                    _ => false,
                }
            }
            Kind::Struct => {
                for f in typ.as_struct().expect("struct descriptor").fields.as_slice() {
                    if !self.assign_regs(f.typ, offset + f.offset)? {
                        return Ok(false);
                    }
                }
                true
            }
            Kind::Invalid => return Err(AbiError::UnsupportedKind(typ.kind)),
        })
    }

    /// `n` integer registers for `n` consecutive parts of `size` bytes;
    /// bit i of `ptr_map` marks part i as a pointer.
    fn assign_ints(&mut self, offset: usize, size: usize, n: usize, ptr_map: u8) -> bool {
        if self.seq.int_regs + n > self.arch.int_reg_count() {
            return false;
        }
        for i in 0..n {
            let kind = if ptr_map & (1 << i) != 0 { StepKind::Pointer } else { StepKind::IntReg };
            self.seq.steps.push(Step {
                kind,
                offset: (offset + i * size) as u32,
                size: size as u32,
                stack_offset: 0,
                reg: self.seq.int_regs as u8,
            });
            self.seq.int_regs += 1;
        }
        true
    }

    fn assign_floats(&mut self, offset: usize, size: usize, n: usize) -> bool {
        if self.seq.float_regs + n > self.arch.float_reg_count() || size > self.arch.float_reg_size {
            return false;
        }
        for i in 0..n {
            self.seq.steps.push(Step {
                kind: StepKind::FloatReg,
                offset: (offset + i * size) as u32,
                size: size as u32,
                stack_offset: 0,
                reg: self.seq.float_regs as u8,
            });
            self.seq.float_regs += 1;
        }
        true
    }
}

impl Seq {
    /// The steps that move value `i`.
    #[inline]
    pub fn steps_of(&self, i: usize) -> &[Step] {
        let r = &self.values[i].steps;
        &self.steps[r.start as usize..r.end as usize]
    }
}

impl FuncAbi {
    /// Lays out a call of `func_type` (a func descriptor) on `arch`, with an
    /// optional method receiver in front of the arguments.
    pub fn new(arch: &Arch, func_type: TypeRef, receiver: Option<Receiver>) -> Result<FuncAbi, AbiError> {
        let f = func_type.as_func().ok_or(AbiError::NotAFunc(func_type.string()))?;
        Self::from_parts(arch, receiver, f.ins.as_slice(), f.outs.as_slice())
    }

    /// Lays out a call with the given receiver, argument and result types.
    pub fn from_parts(
        arch: &Arch,
        receiver: Option<Receiver>,
        ins: &[TypeRef],
        outs: &[TypeRef],
    ) -> Result<FuncAbi, AbiError> {
        let w = arch.ptr_size;
        let mut stack_ptrs = Bitmap::default();
        let mut in_reg_ptrs = 0u32;
        let mut out_reg_ptrs = 0u32;

        let mut call = Assigner::new(arch, 0);
        match receiver {
            Some(Receiver::ByType(t)) => call.add_value(t)?,
            Some(Receiver::InterfaceWord(t)) => call.add_receiver_word(t),
            None => {}
        }
        for &t in ins {
            call.add_value(t)?;
        }
        let mut call = call.seq;
        // Spill slots in order, each at its type's alignment.
        let mut spill = 0usize;
        for v in &mut call.values {
            if let Placement::Registers { spill_offset } = &mut v.placement {
                spill = align_up(spill, v.typ.align().max(1));
                *spill_offset = Some(spill as u32);
                spill += v.typ.size;
            }
        }
        let spill_size = align_up(spill, w);
        let ret_offset = align_up(call.stack_end, w);

        let mut ret = Assigner::new(arch, ret_offset);
        for &t in outs {
            ret.add_value(t)?;
        }
        let ret = ret.seq;
        let stack_size = align_up(ret.stack_end, w);

        for (seq, reg_ptrs) in [(&call, &mut in_reg_ptrs), (&ret, &mut out_reg_ptrs)] {
            for (i, v) in seq.values.iter().enumerate() {
                match v.placement {
                    Placement::Stack { offset } => add_type_bits(&mut stack_ptrs, offset as usize, v.typ, w),
                    Placement::Registers { .. } => {
                        for s in seq.steps_of(i) {
                            if s.kind == StepKind::Pointer {
                                *reg_ptrs |= 1 << s.reg;
                            }
                        }
                    }
                    Placement::ZeroSized { .. } => {}
                }
            }
        }

        Ok(FuncAbi {
            arch: *arch,
            call,
            ret,
            has_receiver: receiver.is_some(),
            ret_offset,
            stack_size,
            spill_size,
            stack_ptrs,
            in_reg_ptrs,
            out_reg_ptrs,
        })
    }

    /// Bytes of stack holding the arguments (before `ret_offset`).
    pub fn stack_args_size(&self) -> usize {
        self.call.stack_end
    }

    /// Bytes a caller reserves for the callee beyond the fixed frame: the
    /// stack area and the spill area.
    pub fn frame_size(&self) -> usize {
        self.stack_size + self.spill_size
    }

    /// Whether any argument or result travels in a float register.
    pub fn uses_float_args(&self) -> bool {
        self.call.float_regs > 0
    }

    pub fn uses_float_results(&self) -> bool {
        self.ret.float_regs > 0
    }
}

/// Marks the pointer words of a value of type `t` stored at `offset`.
fn add_type_bits(bits: &mut Bitmap, offset: usize, t: &Type, w: usize) {
    if t.ptrdata == 0 {
        return;
    }
    match t.kind {
        Kind::Pointer | Kind::UnsafePointer | Kind::Chan | Kind::Map | Kind::Func | Kind::String | Kind::Slice => {
            bits.set(offset / w)
        }
        Kind::Interface => {
            bits.set(offset / w);
            bits.set(offset / w + 1);
        }
        Kind::Array => {
            let a = t.as_array().expect("array descriptor");
            for i in 0..a.len {
                add_type_bits(bits, offset + i * a.elem.size, a.elem, w);
            }
        }
        Kind::Struct => {
            for f in t.as_struct().expect("struct descriptor").fields.as_slice() {
                add_type_bits(bits, offset + f.offset, f.typ, w);
            }
        }
        _ => {}
    }
}
