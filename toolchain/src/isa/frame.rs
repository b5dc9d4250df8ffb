//! Target-independent pieces of code generation: the frame layout of a
//! compiled function and the order in which a call moves its values.
//!
//! Every backend lays a frame out the same way (Go's shape, see
//! `cmd/compile/abi-internal.md`, "Stack layout"): the fixed part the target
//! saves on entry (amd64: return address and RBP), then the function's
//! slots, then at the bottom the outgoing call area, which every call in the
//! function shares. Only how the fixed part is saved and how an address is
//! spelled differ per target; those stay in `target/<arch>`.
//!
//! ```text
//!        higher addresses
//!   +-----------------------------+
//!   | caller's outgoing area:     |  stack-assigned parameters and results
//!   |   stack args, stack results |  of this function; stack-assigned
//!   |   then the spill area       |  parameter/result slots live here
//!   +-----------------------------+  (SlotHome::Incoming)
//!   | fixed part saved on entry   |  target-specific (amd64: return PC,
//!   |                             |  saved RBP)
//!   +-----------------------------+
//!   | slots (SlotHome::Frame)     |
//!   | padding to the stack align  |
//!   +-----------------------------+  sp + outgoing
//!   | callee spill area           |  max over calls of stack_size +
//!   | callee stack args/results   |  spill_size, above `fixed_frame`
//!   | fixed_frame (arm64: LR)     |
//!   +-----------------------------+  <- sp during the body
//! ```

use crate::ir::{Body, Inst, PtrMask, SlotId};
use reflect::abi::{FuncAbi, Placement, Seq, StepKind};
use reflect::types::TypeRef;

/// Where a slot lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlotHome {
    /// In this function's frame, at this offset from the stack pointer as
    /// it stands during the body.
    Frame(u32),
    /// In the caller's outgoing area, at this offset into the stack
    /// argument/result area: a stack-assigned parameter or result used in
    /// place, as Go's gc reads stack arguments where the caller put them.
    Incoming(u32),
}

/// The frame of one compiled function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameLayout {
    /// One home per [`Body::slots`] entry.
    pub homes: Vec<SlotHome>,
    /// Bytes at the bottom of the frame for outgoing calls (including the
    /// target's `fixed_frame`), or 0 when the function makes no Go call.
    pub outgoing: u32,
    /// Bytes the prologue subtracts from the stack pointer: slots and the
    /// outgoing area, rounded up so the stack stays aligned.
    pub size: u32,
}

/// What a target tells [`FrameLayout::compute`].
#[derive(Clone, Copy, Debug)]
pub struct FrameParams {
    /// Bytes at the bottom of an outgoing area below the callee's stack
    /// arguments (`Arch::fixed_frame`: 0 on amd64, the saved-LR word on
    /// arm64/riscv64).
    pub fixed_frame: u32,
    /// Alignment `size` is rounded up to, chosen by the target so that the
    /// stack pointer is aligned at every call once the fixed part is saved.
    pub stack_align: u32,
    /// Largest slot alignment the frame can honour (the alignment the
    /// stack pointer is known to have during the body).
    pub max_slot_align: u32,
}

pub const fn align_up(x: u64, a: u64) -> u64 {
    (x + a - 1) & !(a - 1)
}

impl FrameLayout {
    /// Lays out the frame of `body`, compiled under `abi`.
    pub fn compute(body: &Body, abi: &FuncAbi, p: FrameParams) -> Result<FrameLayout, String> {
        let mut outgoing: u64 = 0;
        for inst in &body.insts {
            if let Inst::Call { abi, .. } = inst {
                outgoing = outgoing.max(p.fixed_frame as u64 + (abi.stack_size + abi.spill_size) as u64);
            }
        }

        // Stack-assigned parameters and results are used in place when the
        // slot is exactly the value (it always is for lowering's output; a
        // differently sized slot would be a lowering choice we do not
        // second-guess, so it gets a frame slot and a copy).
        let mut incoming: Vec<Option<u32>> = vec![None; body.slots.len()];
        let mut claimed = vec![0u8; body.slots.len()];
        let roles = [(&body.params, &abi.call), (&body.results, &abi.ret)];
        for (slots, seq) in roles {
            if slots.len() != seq.values.len() {
                return Err(format!(
                    "body has {} parameter/result slots but the ABI has {} values",
                    slots.len(),
                    seq.values.len()
                ));
            }
            for (i, &s) in slots.iter().enumerate() {
                let slot = body.slots.get(s as usize).ok_or_else(|| format!("slot {s} out of range"))?;
                claimed[s as usize] += 1;
                let typ = seq.values[i].typ;
                if (slot.size as usize) < typ.size {
                    return Err(format!(
                        "slot {s} ({} bytes) cannot hold a {} ({} bytes)",
                        slot.size,
                        typ.string(),
                        typ.size
                    ));
                }
                if let Placement::Stack { offset } = seq.values[i].placement {
                    if slot.size as usize == seq.values[i].typ.size {
                        incoming[s as usize] = Some(offset);
                    }
                }
            }
        }
        if let Some(c) = body.ctx {
            let i = c as usize;
            if i >= body.slots.len() {
                return Err(format!("context slot {c} out of range"));
            }
            claimed[i] += 1;
        }

        let mut homes = Vec::with_capacity(body.slots.len());
        let mut at = outgoing;
        for (i, s) in body.slots.iter().enumerate() {
            // A slot that is both a parameter and a result (or the
            // context) must not be shared with the caller's area twice.
            if let (Some(off), 1) = (incoming[i], claimed[i]) {
                homes.push(SlotHome::Incoming(off));
                continue;
            }
            let align = s.align.max(1) as u64;
            if !align.is_power_of_two() || align > p.max_slot_align as u64 {
                return Err(format!("slot {i}: alignment {} is not supported (at most {})", s.align, p.max_slot_align));
            }
            at = align_up(at, align);
            homes.push(SlotHome::Frame(at as u32));
            at += s.size as u64;
        }
        let size = align_up(at, p.stack_align as u64);
        if size > i32::MAX as u64 / 2 {
            return Err(format!("frame of {size} bytes is too large"));
        }
        Ok(FrameLayout { homes, outgoing: outgoing as u32, size: size as u32 })
    }

    /// The home of slot `s`.
    pub fn home(&self, s: SlotId) -> Result<SlotHome, String> {
        self.homes.get(s as usize).copied().ok_or_else(|| format!("slot {s} out of range"))
    }

    /// Which words of the frame may hold pointers anywhere in the body (the
    /// prologue zeroes them, see [`crate::ir::Slot`]); the collector's
    /// tables narrow the frame's to what is live ([`super::liveness`]). The first mask counts words up from the
    /// body's stack pointer (`size / 8` of them), the second words of the
    /// incoming stack argument area (the slots used in the caller's area,
    /// [`SlotHome::Incoming`]).
    pub fn ptr_words(&self, body: &Body) -> Result<(PtrMask, PtrMask), String> {
        self.ptr_words_of(body, |_| true)
    }

    /// The frame's stack objects among `slots` (see
    /// [`super::liveness::stack_objects`]): each one's offset from the
    /// body's stack pointer, size in words and pointer words. Slots in the
    /// caller's area are left out: the argument bitmap, which holds for the
    /// whole body, covers them.
    pub fn stack_objects(&self, body: &Body, slots: impl Iterator<Item = SlotId>) -> Vec<(u32, u32, PtrMask)> {
        slots
            .filter_map(|s| match self.homes[s as usize] {
                SlotHome::Frame(o) => {
                    let slot = &body.slots[s as usize];
                    Some((o, slot.size.div_ceil(8), slot.ptrs.clone()))
                }
                SlotHome::Incoming(_) => None,
            })
            .collect()
    }

    /// [`Self::ptr_words`] of the slots `which` accepts.
    pub fn ptr_words_of(&self, body: &Body, which: impl Fn(SlotId) -> bool) -> Result<(PtrMask, PtrMask), String> {
        let (mut frame, mut args) = (PtrMask::default(), PtrMask::default());
        for (i, slot) in body.slots.iter().enumerate() {
            if slot.ptrs.is_empty() || !which(i as SlotId) {
                continue;
            }
            let (off, mask) = match self.homes[i] {
                SlotHome::Frame(o) => (o, &mut frame),
                SlotHome::Incoming(o) => (o, &mut args),
            };
            if off % 8 != 0 || slot.ptrs.len() * 8 > slot.size as u64 {
                return Err(format!("slot {i}: pointer words at offset {off} do not fit its {} bytes", slot.size));
            }
            mask.or_shifted(&slot.ptrs, off as u64 / 8);
        }
        Ok((frame, args))
    }
}

/// The register class of a register move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegClass {
    Int,
    Float,
}

/// Moving a whole stack-assigned value between memory and a stack area.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StackMove {
    /// Index into the sequence's values.
    pub value: usize,
    /// Offset in the stack argument/result area.
    pub area_offset: u32,
    pub size: u32,
}

/// Moving one part of a register-assigned value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RegMove {
    pub value: usize,
    /// Offset of the part inside the value.
    pub offset: u32,
    pub size: u32,
    pub class: RegClass,
    /// Index into the architecture's int or float argument registers.
    pub reg: u8,
}

/// The moves of one sequence (a call's arguments or its results), split so
/// that a caller can do every stack move first, using scratch registers
/// freely, and every register move last, when nothing clobbers them any
/// more; and a callee receiving them can do the reverse. Zero-sized values
/// have no moves.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SeqMoves {
    pub stack: Vec<StackMove>,
    pub regs: Vec<RegMove>,
}

impl SeqMoves {
    pub fn of(seq: &Seq) -> SeqMoves {
        let mut m = SeqMoves::default();
        for value in 0..seq.values.len() {
            for s in seq.steps_of(value) {
                match s.kind {
                    StepKind::Stack => {
                        if s.size > 0 {
                            m.stack.push(StackMove { value, area_offset: s.stack_offset, size: s.size })
                        }
                    }
                    StepKind::IntReg | StepKind::Pointer => {
                        m.regs.push(RegMove { value, offset: s.offset, size: s.size, class: RegClass::Int, reg: s.reg })
                    }
                    StepKind::FloatReg => m.regs.push(RegMove {
                        value,
                        offset: s.offset,
                        size: s.size,
                        class: RegClass::Float,
                        reg: s.reg,
                    }),
                }
            }
        }
        m
    }
}

/// The stack-only (ABI0) layout of a function with the same parameter and
/// result types as `abi`: what an assembly function expects. A receiver
/// becomes an ordinary first argument, which is how ABI0 passes it.
pub fn abi0_of(abi: &FuncAbi) -> Result<FuncAbi, String> {
    let ins: Vec<TypeRef> = abi.call.values.iter().map(|v| v.typ).collect();
    let outs: Vec<TypeRef> = abi.ret.values.iter().map(|v| v.typ).collect();
    FuncAbi::from_parts(&abi.arch.abi0(), None, &ins, &outs).map_err(|e| e.to_string())
}

/// Offset of value `i` of `seq` in a stack-only layout (every value has one).
pub fn abi0_offset(seq: &Seq, i: usize) -> u32 {
    match seq.values[i].placement {
        Placement::Stack { offset } | Placement::ZeroSized { offset } => offset,
        // ABI0 has no registers, so the assignment never produces this.
        Placement::Registers { .. } => unreachable!("ABI0 value in registers"),
    }
}
