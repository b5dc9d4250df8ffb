//! Nil checks of pointers already known not to be nil.
//!
//! Lowering probes a pointer before computing an address from it
//! (`Checker::nil_check`, for `&p.f` and method calls through `p`): a
//! one-byte load into a slot nothing reads, which faults on nil. A pointer
//! that an earlier instruction on every path has already accessed (the
//! access would have faulted), probed, or made (the address of a variable,
//! a new object, the address of a field of a pointer known not to be nil)
//! cannot be nil, so its probe goes: a mutex's `Lock` and `Unlock` inlined
//! in a loop probe the same pointer twice per iteration, both made
//! redundant by the `new` before the loop. gc's nilcheckelim pass removes
//! the same checks (it walks the dominator tree; this is the equivalent
//! forward must-analysis over the body's basic blocks).
//!
//! Only whole 8-byte slots whose address the body never takes are
//! tracked, so nothing but an instruction naming a slot changes it.

use crate::ir::{Addr, Body, Inst, Operand, Scalar, SlotId};
use crate::isa::liveness::{effect, SlotSet};
use crate::runtime_abi as rt;

/// Rounds of the analysis before it gives up (and changes nothing).
const MAX_ROUNDS: usize = 50;

/// Drops the nil checks of `body` whose pointer is known not to be nil
/// (see the module's doc). `guard`: the bytes at address 0 that are never
/// mapped on the target, so that an access through nil below that offset
/// faults.
pub fn redundant_nil_checks(body: &mut Body, guard: u64) {
    let nslots = body.slots.len();
    let mut tracked = SlotSet::new(nslots);
    for (s, slot) in body.slots.iter().enumerate() {
        if slot.size == 8 {
            tracked.insert(s as SlotId);
        }
    }
    let uses = super::count(body);
    for inst in &body.insts {
        if let Inst::AddrOf { src: Addr::Slot(s, _), .. } = inst {
            tracked.remove(*s);
        }
    }
    let probe_of = |inst: &Inst| match inst {
        Inst::Move { ty: Scalar::U8, dst: Addr::Slot(d, 0), src: Operand::Mem(Addr::Deref(p, 0)) }
            if uses[*d as usize].reads == 0 && !uses[*d as usize].pinned =>
        {
            Some(*p)
        }
        _ => None,
    };
    let blocks = body.blocks();
    let nb = blocks.len();
    // Forward must-analysis: `None` is "not reached yet" (every slot).
    let mut out: Vec<Option<SlotSet>> = vec![None; nb];
    let entry_of = |b: usize, out: &[Option<SlotSet>]| -> SlotSet {
        let mut acc: Option<SlotSet> = None;
        if b != 0 {
            for &p in &blocks.preds[b] {
                if let Some(o) = &out[p] {
                    match &mut acc {
                        None => acc = Some(o.clone()),
                        Some(a) => a.intersect_with(o),
                    }
                }
            }
        }
        acc.unwrap_or_else(|| SlotSet::new(nslots))
    };
    let mut changed = true;
    let mut rounds = 0;
    while changed {
        rounds += 1;
        if rounds > MAX_ROUNDS {
            return;
        }
        changed = false;
        for b in 0..nb {
            let mut set = entry_of(b, &out);
            for inst in &body.insts[blocks.range(b)] {
                transfer(inst, &tracked, guard, &mut set);
            }
            if out[b].as_ref() != Some(&set) {
                out[b] = Some(set);
                changed = true;
            }
        }
    }
    let mut drop = vec![false; body.insts.len()];
    for b in 0..nb {
        let mut set = entry_of(b, &out);
        for i in blocks.range(b) {
            let inst = &body.insts[i];
            drop[i] = probe_of(inst).is_some_and(|p| set.contains(p));
            transfer(inst, &tracked, guard, &mut set);
        }
    }
    super::drop_marked(body, &drop);
}

/// Applies one instruction to `set`, the tracked slots known to hold a
/// pointer that is not nil.
fn transfer(inst: &Inst, tracked: &SlotSet, guard: u64, set: &mut SlotSet) {
    let known = |set: &SlotSet, s: SlotId| set.contains(s);
    // What the instruction itself makes, judged before it writes.
    let made = match *inst {
        Inst::AddrOf { dst: Addr::Slot(d, 0), src: Addr::Slot(..) | Addr::Global(..) } => Some(d),
        Inst::AddrOf { dst: Addr::Slot(d, 0), src: Addr::Deref(p, k) } if k >= 0 && known(set, p) => Some(d),
        Inst::Move { ty, dst: Addr::Slot(d, 0), src: Operand::Mem(Addr::Slot(s, 0)) } if ty.size() == 8 && known(set, s) => Some(d),
        _ => None,
    };
    let made = made.or(match inst {
        Inst::CallRuntime { func, rets, .. } if *func == rt::ALLOC => match rets.as_slice() {
            [(_, Addr::Slot(d, 0))] => Some(*d),
            _ => None,
        },
        _ => None,
    });
    // An access through a pointer below the guard faults on nil: past it,
    // the pointer is not nil (until written).
    let mut accessed: Vec<SlotId> = vec![];
    let mut through = |a: &Addr, size: u64| {
        if let Addr::Deref(p, k) = *a {
            if k >= 0 && size > 0 && (k as u64).saturating_add(size) <= guard {
                accessed.push(p);
            }
        }
    };
    match inst {
        Inst::Move { ty, dst, src } => {
            through(dst, ty.size() as u64);
            if let Operand::Mem(a) = src {
                through(a, ty.size() as u64);
            }
        }
        Inst::Bin { ty, a, b, .. } => {
            for o in [a, b] {
                if let Operand::Mem(x) = o {
                    through(x, ty.size() as u64);
                }
            }
        }
        Inst::Un { ty, a: Operand::Mem(x), .. } => through(x, ty.size() as u64),
        Inst::Convert { from, src: Operand::Mem(x), .. } => through(x, from.size() as u64),
        Inst::Copy { dst, src, size } => {
            through(dst, *size as u64);
            through(src, *size as u64);
        }
        Inst::Zero { dst, size } => through(dst, *size as u64),
        Inst::Atomic { addr: Operand::Mem(Addr::Slot(p, 0)), size, .. } => through(&Addr::Deref(*p, 0), *size as u64),
        _ => {}
    }
    for p in accessed {
        if tracked.contains(p) {
            set.insert(p);
        }
    }
    for (w, _) in effect(inst).writes {
        set.remove(w);
    }
    if let Some(d) = made.filter(|&d| tracked.contains(d)) {
        set.insert(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Slot;

    const GUARD: u64 = 4096;

    fn probe(p: u32, into: u32) -> Inst {
        Inst::Move { ty: Scalar::U8, dst: Addr::Slot(into, 0), src: Operand::Mem(Addr::Deref(p, 0)) }
    }

    fn body(insts: Vec<Inst>, nlabels: u32) -> Body {
        Body { slots: (0..8).map(|_| Slot::scalar(8, 8)).collect(), insts, nlabels, ..Body::default() }
    }

    fn probes(b: &Body) -> usize {
        b.insts.iter().filter(|i| matches!(i, Inst::Move { ty: Scalar::U8, .. })).count()
    }

    fn alloc(d: u32) -> Inst {
        Inst::CallRuntime { func: rt::ALLOC, args: vec![], rets: vec![(Scalar::U64, Addr::Slot(d, 0))] }
    }

    #[test]
    fn a_second_probe_and_a_probe_after_an_access_go() {
        let load = Inst::Move { ty: Scalar::I64, dst: Addr::Slot(3, 0), src: Operand::Mem(Addr::Deref(0, 8)) };
        let mut b = body(vec![probe(0, 1), probe(0, 2), Inst::Ret], 0);
        redundant_nil_checks(&mut b, GUARD);
        assert_eq!(probes(&b), 1);
        let mut b = body(vec![load, probe(0, 2), Inst::Ret], 0);
        redundant_nil_checks(&mut b, GUARD);
        assert_eq!(probes(&b), 0);
        // An access beyond the guard proves nothing.
        let far = Inst::Move { ty: Scalar::I64, dst: Addr::Slot(3, 0), src: Operand::Mem(Addr::Deref(0, 8192)) };
        let mut b = body(vec![far, probe(0, 2), Inst::Ret], 0);
        redundant_nil_checks(&mut b, GUARD);
        assert_eq!(probes(&b), 1);
    }

    #[test]
    fn made_pointers_are_not_nil_around_a_loop() {
        // p = new(T); loop: probe p; q = &p.f; probe q; if c goto loop.
        let insts = vec![
            alloc(0),
            Inst::Label(0),
            probe(0, 1),
            Inst::AddrOf { dst: Addr::Slot(4, 0), src: Addr::Deref(0, 8) },
            probe(4, 2),
            Inst::JumpIf { cond: Operand::Mem(Addr::Slot(5, 0)), target: 0 },
            Inst::Ret,
        ];
        let mut b = body(insts, 1);
        redundant_nil_checks(&mut b, GUARD);
        assert_eq!(probes(&b), 0);
    }

    #[test]
    fn a_write_a_path_without_the_fact_or_an_address_keeps_the_probe() {
        // Written between: the pointer may be anything.
        let write = Inst::Move { ty: Scalar::U64, dst: Addr::Slot(0, 0), src: Operand::Mem(Addr::Slot(6, 0)) };
        let mut b = body(vec![probe(0, 1), write, probe(0, 2), Inst::Ret], 0);
        redundant_nil_checks(&mut b, GUARD);
        assert_eq!(probes(&b), 2);
        // Label 0 is reached by a jump that skips the first probe.
        let insts = vec![
            Inst::JumpIf { cond: Operand::Mem(Addr::Slot(5, 0)), target: 0 },
            probe(0, 1),
            Inst::Label(0),
            probe(0, 2),
            Inst::Ret,
        ];
        let mut b = body(insts, 1);
        redundant_nil_checks(&mut b, GUARD);
        assert_eq!(probes(&b), 2);
        // A slot whose address is taken may change through the pointer.
        let mut b = body(vec![Inst::AddrOf { dst: Addr::Slot(6, 0), src: Addr::Slot(0, 0) }, probe(0, 1), probe(0, 2), Inst::Ret], 0);
        redundant_nil_checks(&mut b, GUARD);
        assert_eq!(probes(&b), 2);
        // A probe whose byte is read is no nil check.
        let read = Inst::Move { ty: Scalar::U8, dst: Addr::Slot(3, 0), src: Operand::Mem(Addr::Slot(2, 0)) };
        let mut b = body(vec![alloc(0), probe(0, 2), read, Inst::Ret], 0);
        redundant_nil_checks(&mut b, GUARD);
        assert_eq!(probes(&b), 2);
    }
}
