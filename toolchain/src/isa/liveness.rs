//! Which pointer slots the collector must scan at each call of a body.
//!
//! The frame bitmap of a function ([`super::frame::FrameLayout::ptr_words`])
//! holds for the whole body, so a pointer left in a temporary would keep its
//! object alive until the function returns. At a call, only the slots whose
//! current pointer words may still be read matter: a backward dataflow over
//! the body's control flow finds them, per call.
//!
//! A slot is live at a point when some path from there reads it before
//! overwriting all of its pointer words. At a call the collector scans:
//! the slots live after it; the slots the call itself reads (its arguments
//! and callee: while the callee is stopped in its prologue, its register
//! arguments exist only in the caller's slots, and a runtime call may
//! collect before it is done with its arguments); and, always, the results
//! and the closure context. Only slots with pointer words
//! ([`crate::ir::Slot::ptrs`]) are tracked: the others never reach a bitmap.
//!
//! A slot whose address is taken is also read through pointers this
//! analysis does not follow. Taking its address counts as a read (whoever
//! holds the pointer may read everything written before, and a variable
//! must not come back from the dead with stale pointers), and the slot is a
//! *stack object* ([`stack_objects`]): where its own liveness ends, the
//! collector still scans it when a pointer it follows points into it, as
//! gc's stack objects are scanned.
//!
//! A recovered panic enters a landing pad from any call of the body, so
//! every call has an edge to every [`Inst::Landing`]. A fault enters it
//! too, but no call separates a fault from the landing: a frame stopped at
//! a fault is scanned by what the landing pads read ([`Liveness::fault`]).

use super::frame::SeqMoves;
use crate::ir::{Addr, AtomicOp, BinOp, Body, Callee, Inst, Operand, SlotId};

/// A set of slots, one bit each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlotSet {
    bits: Vec<u64>,
}

impl SlotSet {
    pub fn new(nslots: usize) -> SlotSet {
        SlotSet { bits: vec![0; nslots.div_ceil(64)] }
    }

    pub fn insert(&mut self, s: SlotId) {
        self.bits[s as usize / 64] |= 1 << (s % 64);
    }

    pub fn remove(&mut self, s: SlotId) {
        self.bits[s as usize / 64] &= !(1 << (s % 64));
    }

    pub fn contains(&self, s: SlotId) -> bool {
        self.bits.get(s as usize / 64).is_some_and(|w| w >> (s % 64) & 1 != 0)
    }

    /// Removes `other`'s slots.
    pub fn subtract(&mut self, other: &SlotSet) {
        for (a, b) in self.bits.iter_mut().zip(&other.bits) {
            *a &= !b;
        }
    }

    /// Keeps only the slots `other` holds too.
    pub fn intersect_with(&mut self, other: &SlotSet) {
        for (a, b) in self.bits.iter_mut().zip(&other.bits) {
            *a &= b;
        }
    }

    /// Adds `other`'s slots; whether that changed the set.
    pub fn union_with(&mut self, other: &SlotSet) -> bool {
        let mut changed = false;
        for (a, b) in self.bits.iter_mut().zip(&other.bits) {
            let n = *a | b;
            changed |= n != *a;
            *a = n;
        }
        changed
    }

    /// The slots, ascending.
    pub fn iter(&self) -> impl Iterator<Item = SlotId> + '_ {
        self.bits.iter().enumerate().flat_map(|(i, &w)| {
            (0..64).filter(move |b| w >> b & 1 != 0).map(move |b| (i * 64 + b) as SlotId)
        })
    }
}

/// What one instruction does to liveness: the slots it reads, and its
/// writes (slot, byte ranges written, relative to the slot's start).
#[derive(Default)]
pub(crate) struct Effect {
    pub(crate) uses: Vec<SlotId>,
    pub(crate) writes: Vec<(SlotId, Vec<(i64, i64)>)>,
}

impl Effect {
    fn read_addr(&mut self, a: &Addr) {
        match a {
            Addr::Slot(s, _) | Addr::Deref(s, _) => self.uses.push(*s),
            Addr::Global(..) => {}
        }
    }

    fn read(&mut self, o: &Operand) {
        if let Operand::Mem(a) = o {
            self.read_addr(a);
        }
    }

    /// A write of `size` bytes at `a`: a slot's own bytes, or memory
    /// through the pointer a slot holds (which reads that slot).
    fn write(&mut self, a: &Addr, size: u32) {
        self.write_parts(a, &[(0, size)]);
    }

    /// A write of the byte ranges `parts` (offset, size) of the value at `a`.
    fn write_parts(&mut self, a: &Addr, parts: &[(u32, u32)]) {
        match a {
            Addr::Slot(s, o) => {
                let ranges = parts.iter().map(|&(p, n)| (*o as i64 + p as i64, *o as i64 + p as i64 + n as i64)).collect();
                self.writes.push((*s, ranges));
            }
            Addr::Deref(s, _) => self.uses.push(*s),
            Addr::Global(..) => {}
        }
    }
}

pub(crate) fn effect(inst: &Inst) -> Effect {
    let mut e = Effect::default();
    match inst {
        Inst::Label(_) | Inst::Landing(_) | Inst::Jump(_) | Inst::Ret | Inst::Poll | Inst::Comment(_) | Inst::Line(_) | Inst::InlineMark(_) | Inst::InlineResume(_) | Inst::InlineEnd(_) => {}
        Inst::JumpIf { cond, .. } | Inst::JumpIfNot { cond, .. } => e.read(cond),
        Inst::Move { ty, dst, src } => {
            e.read(src);
            e.write(dst, ty.size());
        }
        Inst::Copy { dst, src, size } => {
            e.read_addr(src);
            e.write(dst, *size);
        }
        Inst::Zero { dst, size } => e.write(dst, *size),
        Inst::AddrOf { dst, src } => {
            // The address of a slot reads it (see the module documentation);
            // the address of `*p` reads `p`.
            match src {
                Addr::Slot(s, _) | Addr::Deref(s, _) => e.uses.push(*s),
                Addr::Global(..) => {}
            }
            e.write(dst, 8);
        }
        Inst::Bin { op, ty, dst, a, b } => {
            e.read(a);
            e.read(b);
            let cmp = matches!(op, BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge);
            e.write(dst, if cmp { 1 } else { ty.size() });
        }
        Inst::Un { ty, dst, a, .. } => {
            e.read(a);
            e.write(dst, ty.size());
        }
        Inst::Convert { to, dst, src, .. } => {
            e.read(src);
            e.write(dst, to.size());
        }
        Inst::Atomic { op, addr, val, old, dst, size } => {
            e.read(addr);
            for o in val.iter().chain(old) {
                e.read(o);
            }
            if let Some(d) = dst {
                // A Cas writes a one-byte bool, the others a value of `size`.
                e.write(d, if *op == AtomicOp::Cas { 1 } else { *size });
            }
        }
        Inst::VolatileLoad { size, addr, dst } => {
            e.read(addr);
            e.write(dst, *size);
        }
        Inst::VolatileStore { addr, val, .. } => {
            e.read(addr);
            e.read(val);
        }
        Inst::Call { callee, abi, args, results } => {
            for a in args {
                e.read_addr(a);
            }
            match callee {
                Callee::Direct(_) => {}
                Callee::Closure(o) | Callee::Indirect(o) => e.read(o),
            }
            let moves = SeqMoves::of(&abi.ret);
            for (v, r) in results.iter().enumerate() {
                let mut parts: Vec<(u32, u32)> = moves.regs.iter().filter(|m| m.value == v).map(|m| (m.offset, m.size)).collect();
                parts.extend(moves.stack.iter().filter(|m| m.value == v).map(|m| (0, m.size)));
                e.write_parts(r, &parts);
            }
        }
        Inst::CallRuntime { args, rets, .. } => {
            for (_, o) in args {
                e.read(o);
            }
            for (ty, r) in rets {
                e.write(r, ty.size());
            }
        }
    }
    e
}

/// Whether the byte ranges cover every pointer word of the slot (so that
/// no pointer it held before can be read afterwards).
fn kills(body: &Body, s: SlotId, ranges: &[(i64, i64)]) -> bool {
    let ptrs = &body.slots[s as usize].ptrs;
    ptrs.runs().iter().all(|&(w, n)| {
        (w..w + n).all(|w| {
            let (lo, hi) = (8 * w as i64, 8 * w as i64 + 8);
            ranges.iter().any(|&(a, b)| a <= lo && hi <= b)
        })
    })
}

/// The slots with pointer words live everywhere: the results (read by the
/// return, and by deferred calls through their addresses) and the closure
/// context.
fn always_live(body: &Body) -> SlotSet {
    let mut set = SlotSet::new(body.slots.len());
    for &s in body.results.iter().chain(&body.ctx) {
        if !body.slots[s as usize].ptrs.is_empty() {
            set.insert(s);
        }
    }
    set
}

/// The slots with pointer words whose address the body takes: its stack
/// objects (see the module documentation).
pub fn stack_objects(body: &Body) -> SlotSet {
    let mut set = SlotSet::new(body.slots.len());
    for inst in &body.insts {
        if let Inst::AddrOf { src: Addr::Slot(s, _), .. } = inst {
            if !body.slots[*s as usize].ptrs.is_empty() {
                set.insert(*s);
            }
        }
    }
    set
}

/// The slots with pointer words the collector must scan in a frame
/// stopped at one call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallLive {
    /// While the callee runs in a frame of its own: what is read after the
    /// call returns.
    pub after: SlotSet,
    /// While the frame stands in the call itself (a runtime call, or a Go
    /// callee stopped in its prologue, whose register arguments exist only
    /// in this frame's slots): `after` and the call's operands.
    pub during: SlotSet,
}

/// What the collector must scan in a frame of one body.
pub struct Liveness {
    /// For every [`Inst::Call`], [`Inst::CallRuntime`] and [`Inst::Poll`]
    /// (a yield is a runtime call), in order.
    pub calls: Vec<CallLive>,
    /// In a frame stopped at a fault: the code after the faulting
    /// instruction never runs, only a landing pad once a deferred call
    /// recovers, so what some landing pad reads (and the slots always
    /// live).
    pub fault: SlotSet,
}

/// Makes every frame word that may hold the address of a stack object a
/// pointer word ([`crate::ir::Slot::ptrs`]), so that the collector follows
/// it: lowering keeps the address of a frame slot in an untyped word (it
/// kept nothing alive while address-taken slots were scanned everywhere).
/// Follows the address through moves and copies between slots; a word
/// that becomes a pointer can make its slot a stack object in turn (a
/// `select`'s case array, holding the addresses of its elements).
pub fn track_stack_addresses(body: &mut Body) {
    loop {
        let objs = stack_objects(body);
        let is_ptr = |body: &Body, s: SlotId, off: i32| {
            off >= 0 && off % 8 == 0 && body.slots[s as usize].ptrs.get(off as u64 / 8)
        };
        let mut add: Vec<(SlotId, i32)> = vec![];
        for inst in &body.insts {
            match inst {
                Inst::AddrOf { dst: Addr::Slot(d, off), src: Addr::Slot(s, _) } if objs.contains(*s) => add.push((*d, *off)),
                Inst::Move { ty, dst: Addr::Slot(d, off), src: Operand::Mem(Addr::Slot(s, soff)) }
                    if ty.size() == 8 && is_ptr(body, *s, *soff) =>
                {
                    add.push((*d, *off))
                }
                Inst::Copy { dst: Addr::Slot(d, off), src: Addr::Slot(s, soff), size } => {
                    for k in (0..*size as i32 / 8).map(|k| 8 * k) {
                        if is_ptr(body, *s, soff + k) {
                            add.push((*d, off + k));
                        }
                    }
                }
                _ => {}
            }
        }
        let mut changed = false;
        for (d, off) in add {
            let slot = &mut body.slots[d as usize];
            if off >= 0 && off % 8 == 0 && off as u32 + 8 <= slot.size && !slot.ptrs.get(off as u64 / 8) {
                slot.ptrs.set(off as u64 / 8);
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

/// The body's [`Liveness`].
pub fn analyze(body: &Body) -> Liveness {
    let n = body.insts.len();
    let nslots = body.slots.len();
    let tracked = |s: SlotId| !body.slots[s as usize].ptrs.is_empty();
    let effects: Vec<Effect> = body.insts.iter().map(effect).collect();
    // Successors: the label positions, then each instruction's.
    let mut at = vec![usize::MAX; body.nlabels as usize];
    let mut landings = vec![];
    for (i, inst) in body.insts.iter().enumerate() {
        match inst {
            Inst::Label(l) => at[*l as usize] = i,
            Inst::Landing(l) => {
                at[*l as usize] = i;
                landings.push(i);
            }
            _ => {}
        }
    }
    let target = |l: u32| at.get(l as usize).copied().filter(|&i| i != usize::MAX);
    let succs: Vec<Vec<usize>> = body
        .insts
        .iter()
        .enumerate()
        .map(|(i, inst)| {
            let next = (i + 1 < n).then_some(i + 1);
            match inst {
                Inst::Jump(l) => target(*l).into_iter().collect(),
                Inst::JumpIf { target: l, .. } | Inst::JumpIfNot { target: l, .. } => {
                    next.into_iter().chain(target(*l)).collect()
                }
                Inst::Ret => vec![],
                Inst::Call { .. } | Inst::CallRuntime { .. } => next.into_iter().chain(landings.iter().copied()).collect(),
                _ => next.into_iter().collect(),
            }
        })
        .collect();
    // live_in[i]: the tracked slots live before instruction i. Backward
    // passes until nothing changes (the order converges fast on code laid
    // out mostly forward).
    let mut live_in = vec![SlotSet::new(nslots); n];
    let live_out = |live_in: &[SlotSet], i: usize| {
        let mut out = SlotSet::new(nslots);
        for &j in &succs[i] {
            out.union_with(&live_in[j]);
        }
        out
    };
    let mut changed = true;
    while changed {
        changed = false;
        for i in (0..n).rev() {
            let mut live = live_out(&live_in, i);
            for (s, ranges) in &effects[i].writes {
                if tracked(*s) && kills(body, *s, ranges) {
                    live.remove(*s);
                }
            }
            for &s in &effects[i].uses {
                if tracked(s) {
                    live.insert(s);
                }
            }
            changed |= live_in[i].union_with(&live);
        }
    }
    let always = always_live(body);
    let mut out = vec![];
    for (i, inst) in body.insts.iter().enumerate() {
        if matches!(inst, Inst::Call { .. } | Inst::CallRuntime { .. } | Inst::Poll) {
            // Only slots with pointer words: `live_in` and `always` hold no others.
            let mut after = live_out(&live_in, i);
            after.union_with(&always);
            let mut during = after.clone();
            for &s in &effects[i].uses {
                if tracked(s) {
                    during.insert(s);
                }
            }
            out.push(CallLive { after, during });
        }
    }
    let mut fault = always;
    for &l in &landings {
        fault.union_with(&live_in[l]);
    }
    Liveness { calls: out, fault }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{PtrMask, Scalar, Slot};

    /// A body of `ptr_words` slots (one pointer-holding 8-byte slot per
    /// entry with 1, a 16-byte one with 2 pointer words for 2, a scalar
    /// for 0).
    fn body(ptr_words: &[u64], insts: Vec<Inst>) -> Body {
        let slots = ptr_words
            .iter()
            .map(|&n| match n {
                0 => Slot::scalar(8, 8),
                _ => Slot { size: 8 * n as u32, align: 8, ptrs: PtrMask::all(n) },
            })
            .collect();
        let nlabels = 4;
        Body { slots, insts, nlabels, ..Body::default() }
    }

    fn call(args: &[SlotId]) -> Inst {
        Inst::CallRuntime {
            func: "f",
            args: args.iter().map(|&s| (Scalar::U64, Operand::Mem(Addr::Slot(s, 0)))).collect(),
            rets: vec![],
        }
    }

    fn set(s: &[SlotId]) -> Vec<SlotId> {
        s.to_vec()
    }

    /// Per call: the slots live during it.
    fn live(b: &Body) -> Vec<Vec<SlotId>> {
        analyze(b).calls.iter().map(|s| s.during.iter().collect()).collect()
    }

    /// Per call: the slots live after it.
    fn live_after(b: &Body) -> Vec<Vec<SlotId>> {
        analyze(b).calls.iter().map(|s| s.after.iter().collect()).collect()
    }

    fn mv(dst: SlotId, src: Operand) -> Inst {
        Inst::Move { ty: Scalar::U64, dst: Addr::Slot(dst, 0), src }
    }

    fn read(s: SlotId) -> Operand {
        Operand::Mem(Addr::Slot(s, 0))
    }

    #[test]
    fn straight_line() {
        // s0 = 1; f(s0); f(); s2 = s0 (scalar 2 never appears); f()
        let b = body(
            &[1, 1, 0],
            vec![
                mv(0, Operand::Imm(1)),
                call(&[0]),
                mv(1, read(0)),
                call(&[]),
                mv(2, read(1)),
                call(&[]),
                Inst::Ret,
            ],
        );
        assert_eq!(live(&b), vec![set(&[0]), set(&[1]), set(&[])]);
        assert_eq!(live_after(&b), vec![set(&[0]), set(&[1]), set(&[])]);
        // Once the callee has a frame, an argument read by no one after
        // the call is its own business.
        let b = body(&[1], vec![mv(0, Operand::Imm(1)), call(&[0]), call(&[]), Inst::Ret]);
        assert_eq!(live(&b), vec![set(&[0]), set(&[])]);
        assert_eq!(live_after(&b), vec![set(&[]), set(&[])]);
    }

    #[test]
    fn call_results_kill() {
        // s0 = f(s0): s0 is read by the call, dead after it.
        let b = body(
            &[1],
            vec![
                Inst::CallRuntime { func: "f", args: vec![(Scalar::U64, read(0))], rets: vec![(Scalar::U64, Addr::Slot(0, 0))] },
                call(&[]),
                mv(0, read(0)),
                Inst::Ret,
            ],
        );
        // The result overwrites s0 before the second call and is read after it.
        assert_eq!(live(&b), vec![set(&[0]), set(&[0])]);
        let b = body(
            &[1],
            vec![
                Inst::CallRuntime { func: "f", args: vec![], rets: vec![(Scalar::U64, Addr::Slot(0, 0))] },
                call(&[]),
                Inst::Ret,
            ],
        );
        assert_eq!(live(&b), vec![set(&[]), set(&[])]);
    }

    #[test]
    fn branches() {
        // f(); if c { s1 = s0 } else { f() }; f(s1)
        let b = body(
            &[1, 1, 0],
            vec![
                call(&[]),
                Inst::JumpIf { cond: read(2), target: 0 },
                call(&[]),
                Inst::Jump(1),
                Inst::Label(0),
                mv(1, read(0)),
                Inst::Label(1),
                call(&[1]),
                Inst::Ret,
            ],
        );
        // s0 is read on one path after the first call, on none after the
        // second; s1 (never written on the else path) stays live there.
        assert_eq!(live(&b), vec![set(&[0, 1]), set(&[1]), set(&[1])]);
    }

    #[test]
    fn loops() {
        // L0: f(); s1 = s0; if c goto L0; f()
        let b = body(
            &[1, 1, 0],
            vec![
                Inst::Label(0),
                call(&[]),
                mv(1, read(0)),
                Inst::JumpIf { cond: read(2), target: 0 },
                call(&[]),
                Inst::Ret,
            ],
        );
        assert_eq!(live(&b), vec![set(&[0]), set(&[])]);
    }

    #[test]
    fn landing_pads() {
        // f(); s0 = 0; f(); return; landing: s1 = s0; return
        let b = body(
            &[1, 1],
            vec![
                call(&[]),
                mv(0, Operand::Imm(0)),
                call(&[]),
                Inst::Ret,
                Inst::Landing(0),
                mv(1, read(0)),
                Inst::Ret,
            ],
        );
        // Either call may recover into the landing pad, which reads s0.
        assert_eq!(live(&b), vec![set(&[0]), set(&[0])]);
        // So may a fault anywhere.
        assert_eq!(analyze(&b).fault.iter().collect::<Vec<_>>(), vec![0]);
        let b = body(&[1], vec![call(&[0]), Inst::Ret]);
        assert!(analyze(&b).fault.iter().next().is_none());
    }

    #[test]
    fn partial_writes_do_not_kill() {
        // f(); s0[0..8] = 0; f(s0): the second word written before the
        // first call is still read.
        let insts = |w: Inst| vec![call(&[]), w, call(&[0]), Inst::Ret];
        let b = body(&[2], insts(Inst::Move { ty: Scalar::U64, dst: Addr::Slot(0, 0), src: Operand::Imm(0) }));
        assert_eq!(live(&b), vec![set(&[0]), set(&[0])]);
        let b = body(&[2], insts(Inst::Move { ty: Scalar::U64, dst: Addr::Slot(0, 8), src: Operand::Imm(0) }));
        assert_eq!(live(&b), vec![set(&[0]), set(&[0])]);
        // The whole slot written: nothing from before it is read.
        let b = body(&[2], insts(Inst::Zero { dst: Addr::Slot(0, 0), size: 16 }));
        assert_eq!(live(&b), vec![set(&[]), set(&[0])]);
        // A store through the pointer in s0 reads s0.
        let b = body(&[1], vec![call(&[]), Inst::Move { ty: Scalar::U64, dst: Addr::Deref(0, 0), src: Operand::Imm(0) }, Inst::Ret]);
        assert_eq!(live(&b), vec![set(&[0])]);
    }

    #[test]
    fn stack_addresses_become_pointer_words() {
        // s1 = &s0 (s0 holds a pointer); s2 = s1; copy s2 to s3 word 1;
        // s4 = &s5 (s5 holds no pointer).
        let mut b = body(&[1, 0, 0, 0, 0, 0], vec![]);
        b.slots[3] = Slot::scalar(16, 8);
        b.insts = vec![
            Inst::AddrOf { dst: Addr::Slot(1, 0), src: Addr::Slot(0, 0) },
            mv(2, read(1)),
            Inst::Copy { dst: Addr::Slot(3, 8), src: Addr::Slot(2, 0), size: 8 },
            Inst::AddrOf { dst: Addr::Slot(4, 0), src: Addr::Slot(5, 0) },
            Inst::Ret,
        ];
        track_stack_addresses(&mut b);
        let words: Vec<Vec<u64>> = b.slots.iter().map(|s| s.ptrs.words().collect()).collect();
        assert_eq!(words, vec![vec![0], vec![0], vec![0], vec![1], vec![], vec![]]);
    }

    #[test]
    fn always_live_slots() {
        // s0 is a parameter never read, s1 a result, s2 the closure
        // context; s3 is dead everywhere.
        let mut b = body(&[1, 1, 1, 1], vec![call(&[]), Inst::Ret]);
        b.params = vec![0];
        b.results = vec![1];
        b.ctx = Some(2);
        assert_eq!(live(&b), vec![set(&[1, 2])]);
    }

    #[test]
    fn address_taken_slots_are_stack_objects() {
        // s0 = &s1; f(); f(s0); s2 = s1; f(); s3 = &s4 (s4 a scalar)
        let addr = |dst, src| Inst::AddrOf { dst: Addr::Slot(dst, 0), src: Addr::Slot(src, 0) };
        let b = body(
            &[1, 1, 1, 1, 0],
            vec![addr(0, 1), call(&[]), call(&[0]), mv(2, read(1)), call(&[]), addr(3, 4), Inst::Ret],
        );
        // s1 is live by its direct read up to the second call, and only as
        // a stack object after it; the pointer s0 keeps it while it lives.
        assert_eq!(live(&b), vec![set(&[0, 1]), set(&[0, 1]), set(&[])]);
        assert_eq!(live_after(&b), vec![set(&[0, 1]), set(&[1]), set(&[])]);
        assert_eq!(stack_objects(&b).iter().collect::<Vec<_>>(), vec![1]);
        // Taking the address again reads it: its words stay live up to
        // there, so no pointer to it finds stale words.
        let b = body(&[1, 1], vec![call(&[]), addr(0, 1), call(&[0]), Inst::Ret]);
        assert_eq!(live(&b), vec![set(&[1]), set(&[0])]);
    }
}
