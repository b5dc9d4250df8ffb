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
    /// No bytes: the slot lives in its register for the whole body and no
    /// instruction reads or writes its memory, or no instruction names it
    /// at all ([`super::regs::Assignment::memoryless`]).
    Nowhere,
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
    /// Lays out the frame of `body`, compiled under `abi`; the slots
    /// `memoryless` marks get no bytes ([`SlotHome::Nowhere`]).
    pub fn compute(body: &Body, abi: &FuncAbi, p: FrameParams, memoryless: &[bool]) -> Result<FrameLayout, String> {
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

        let align_of = |i: usize| {
            let align = body.slots[i].align.max(1) as u64;
            if !align.is_power_of_two() || align > p.max_slot_align as u64 {
                return Err(format!("slot {i}: alignment {} is not supported (at most {})", body.slots[i].align, p.max_slot_align));
            }
            Ok(align)
        };
        // Slots without bytes share none, nor do the words of parameters
        // the entry writes (written before any instruction).
        let mut busy: Vec<u8> = claimed.iter().enumerate().map(|(i, &c)| c + memoryless.get(i).copied().unwrap_or(false) as u8).collect();
        for w in &body.param_words {
            if let Some(b) = busy.get_mut(w.slot as usize) {
                *b += 1;
            }
        }
        let shared = Sharing::of(body, &busy);
        let mut homes = Vec::with_capacity(body.slots.len());
        let mut at = outgoing;
        for (i, s) in body.slots.iter().enumerate() {
            if memoryless.get(i).copied().unwrap_or(false) && incoming[i].is_none() {
                homes.push(SlotHome::Nowhere);
                continue;
            }
            // A slot that is both a parameter and a result (or the
            // context) must not be shared with the caller's area twice.
            if let (Some(off), 1) = (incoming[i], claimed[i]) {
                homes.push(SlotHome::Incoming(off));
                continue;
            }
            let align = align_of(i)?;
            if shared.index[i] != usize::MAX {
                // Placed below, among the slots that may share bytes.
                homes.push(SlotHome::Frame(0));
                continue;
            }
            at = align_up(at, align);
            homes.push(SlotHome::Frame(at as u32));
            at += s.size as u64;
        }

        // The slots that may share bytes, above the others: each at the
        // lowest offset where it overlaps no slot it interferes with, the
        // most aligned and biggest first.
        let base = at;
        let mut order: Vec<usize> = (0..shared.slots.len()).collect();
        let key = |k: usize| {
            let s = &body.slots[shared.slots[k] as usize];
            (std::cmp::Reverse(s.align), std::cmp::Reverse(s.size), k)
        };
        order.sort_by_key(|&k| key(k));
        let mut placed: Vec<Option<(u64, u64)>> = vec![None; shared.slots.len()];
        for k in order {
            let s = shared.slots[k] as usize;
            let (align, size) = (align_of(s)?, body.slots[s].size as u64);
            let mut taken: Vec<(u64, u64)> = shared.edges[k].iter().filter_map(|j| placed[j as usize]).collect();
            taken.sort_unstable();
            let mut start = align_up(base, align);
            for &(lo, hi) in &taken {
                if lo >= start + size {
                    break;
                }
                if hi > start {
                    start = align_up(hi, align);
                }
            }
            placed[k] = Some((start, start + size));
            homes[s] = SlotHome::Frame(start as u32);
            at = at.max(start + size);
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
                SlotHome::Incoming(_) | SlotHome::Nowhere => None,
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
                // Never live at a call, and a fault leaves nothing of it to
                // read.
                SlotHome::Nowhere => continue,
            };
            if off % 8 != 0 || slot.ptrs.len() * 8 > slot.size as u64 {
                return Err(format!("slot {i}: pointer words at offset {off} do not fit its {} bytes", slot.size));
            }
            mask.or_shifted(&slot.ptrs, off as u64 / 8);
        }
        Ok((frame, args))
    }
}

/// Slot counts above which every slot of a body keeps bytes of its own:
/// the interference matrix grows with the square (such bodies are package
/// initialisers and tables).
const MAX_SHARED: usize = 2048;

/// The slots of a body that may share frame bytes with others that are
/// never live at the same time (the temporaries of different statements,
/// the slots of different inlined calls), and which pairs may not.
///
/// A slot may share unless it is a parameter (or a word of one), a result
/// or the closure context (read by the caller, the return, the prologue), its address is
/// taken (read through pointers no liveness follows; a stack object the
/// collector finds by address), or the body has a landing pad (entered from
/// any call and any fault, with all of memory as it was). Two slots
/// interfere when an instruction writes one (whole or in part) while the
/// other is live after it, or reads or writes the other itself (so no
/// instruction reads and writes one byte through two slots). Liveness is
/// `slotflow`'s, the one the register assignment uses, so a register's
/// home is stored to only where its slot is live.
///
/// What a slot holds before its first write was never defined (only
/// pointer words start zeroed, and the prologue zeroes every slot's that
/// could share them); the collector reads the pointer words of the slots
/// live at a call, and any stale word it finds elsewhere is a candidate it
/// validates, never a pointer it trusts.
struct Sharing {
    /// Per slot, its number among [`Self::slots`], or `usize::MAX`.
    index: Vec<usize>,
    /// The slots that may share.
    slots: Vec<SlotId>,
    /// Per shared slot (by number), those it interferes with.
    edges: Vec<super::liveness::SlotSet>,
}

impl Sharing {
    fn of(body: &Body, claimed: &[u8]) -> Sharing {
        let nslots = body.slots.len();
        let none = Sharing { index: vec![usize::MAX; nslots], slots: vec![], edges: vec![] };
        let mut addressed = vec![false; nslots];
        for inst in &body.insts {
            match inst {
                Inst::Landing(_) => return none,
                Inst::AddrOf { src: crate::ir::Addr::Slot(s, _), .. } => {
                    if let Some(a) = addressed.get_mut(*s as usize) {
                        *a = true;
                    }
                }
                _ => {}
            }
        }
        let slots: Vec<SlotId> = (0..nslots).filter(|&s| claimed[s] == 0 && !addressed[s]).map(|s| s as SlotId).collect();
        if slots.len() < 2 || slots.len() > MAX_SHARED {
            return none;
        }
        let mut index = vec![usize::MAX; nslots];
        for (k, &s) in slots.iter().enumerate() {
            index[s as usize] = k;
        }
        let n = slots.len();
        let flow = super::slotflow::SlotFlow::new(body, &index, n);
        let mut edges = vec![super::liveness::SlotSet::new(n); n];
        let mut add = |a: usize, b: usize| {
            if a != b {
                edges[a].insert(b as SlotId);
                edges[b].insert(a as SlotId);
            }
        };
        flow.walk_backward(|i, live| {
            for &w in flow.defs[i].iter().chain(&flow.partial[i]) {
                for x in live.iter() {
                    add(w, x as usize);
                }
                for &x in flow.uses[i].iter().chain(&flow.defs[i]) {
                    add(w, x);
                }
            }
        });
        Sharing { index, slots, edges }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Addr, Operand, Scalar, Slot};

    const PARAMS: FrameParams = FrameParams { fixed_frame: 0, stack_align: 16, max_slot_align: 16 };

    fn layout(slots: Vec<Slot>, insts: Vec<Inst>) -> FrameLayout {
        let body = Body { slots, insts, nlabels: 4, ..Body::default() };
        let abi = FuncAbi::from_parts(&reflect::abi::arch::AMD64, None, &[], &[]).unwrap();
        FrameLayout::compute(&body, &abi, PARAMS, &[]).unwrap()
    }

    fn set(d: SlotId, v: i64) -> Inst {
        Inst::Move { ty: Scalar::U64, dst: Addr::Slot(d, 0), src: Operand::Imm(v) }
    }

    fn copy(d: SlotId, s: SlotId) -> Inst {
        Inst::Move { ty: Scalar::U64, dst: Addr::Slot(d, 0), src: Operand::Mem(Addr::Slot(s, 0)) }
    }

    fn read(s: SlotId) -> Inst {
        Inst::JumpIf { cond: Operand::Mem(Addr::Slot(s, 0)), target: 0 }
    }

    fn offset(f: &FrameLayout, s: SlotId) -> u32 {
        match f.home(s).unwrap() {
            SlotHome::Frame(o) => o,
            SlotHome::Incoming(_) => panic!("slot {s} in the caller's area"),
            SlotHome::Nowhere => panic!("slot {s} has no bytes"),
        }
    }

    #[test]
    fn slots_never_live_together_share_bytes() {
        // 0 lives from its write to its read, then 1 does: one word for both.
        let f = layout(vec![Slot::scalar(8, 8); 2], vec![Inst::Label(0), set(0, 1), read(0), set(1, 2), read(1), Inst::Ret]);
        assert_eq!(offset(&f, 0), offset(&f, 1));
        assert_eq!(f.size, 16);
        // Overlapping lives keep apart.
        let f = layout(vec![Slot::scalar(8, 8); 2], vec![Inst::Label(0), set(0, 1), set(1, 2), read(0), read(1), Inst::Ret]);
        assert_ne!(offset(&f, 0), offset(&f, 1));
    }

    #[test]
    fn one_instruction_never_reads_and_writes_shared_bytes() {
        // 0's last read is the write of 1: still two words.
        let f = layout(vec![Slot::scalar(8, 8); 2], vec![Inst::Label(0), set(0, 1), copy(1, 0), read(1), Inst::Ret]);
        assert_ne!(offset(&f, 0), offset(&f, 1));
    }

    #[test]
    fn a_value_live_around_a_loop_keeps_its_bytes() {
        // 0 is written before the loop and read at its top on every turn;
        // 1 is written later in the loop: they interfere through the back
        // edge, though 1's code comes after 0's last read.
        let insts = vec![set(0, 1), Inst::Label(0), read(0), set(1, 2), read(1), Inst::Jump(0)];
        let f = layout(vec![Slot::scalar(8, 8); 2], insts);
        assert_ne!(offset(&f, 0), offset(&f, 1));
    }

    #[test]
    fn a_partial_write_keeps_the_rest_of_the_slot_live() {
        // 0 (16 bytes) is written whole, then 8 bytes of it, then read whole:
        // 1, written between, may not take its bytes.
        let insts = vec![
            Inst::Zero { dst: Addr::Slot(0, 0), size: 16 },
            set(1, 5),
            read(1),
            Inst::Move { ty: Scalar::U64, dst: Addr::Slot(0, 8), src: Operand::Imm(3) },
            Inst::Copy { dst: Addr::Slot(2, 0), src: Addr::Slot(0, 0), size: 16 },
            read(2),
            Inst::Ret,
        ];
        let f = layout(vec![Slot::scalar(16, 8), Slot::scalar(8, 8), Slot::scalar(16, 8)], insts);
        let (a, b) = (offset(&f, 0), offset(&f, 1));
        assert!(b + 8 <= a || a + 16 <= b, "slot 1 at {b} overlaps slot 0 at {a}");
    }

    #[test]
    fn addressed_slots_and_bodies_with_landing_pads_keep_their_bytes() {
        let addressed = vec![
            set(0, 1),
            Inst::AddrOf { dst: Addr::Slot(2, 0), src: Addr::Slot(0, 0) },
            read(2),
            set(1, 2),
            read(1),
            Inst::Ret,
        ];
        let f = layout(vec![Slot::scalar(8, 8); 3], addressed);
        assert_ne!(offset(&f, 0), offset(&f, 1));
        let landing = vec![set(0, 1), read(0), set(1, 2), read(1), Inst::Ret, Inst::Landing(1), Inst::Ret];
        let f = layout(vec![Slot::scalar(8, 8); 2], landing);
        assert_ne!(offset(&f, 0), offset(&f, 1));
    }
}
