//! Copies read from their source.
//!
//! Lowering evaluates an operand into a temporary of its own before using
//! it (`a[i], a[j] = a[j], a[i]` copies the slice `a` once per index
//! expression; `opt::sroa` makes those copies word moves), and each copy
//! costs a register or a store. [`propagate_copies`] reads the source
//! wherever a copy is still what it holds, then drops moves into slots that
//! nothing reads any more: the forward "available copies" analysis of
//! textbook copy propagation, over the body's basic blocks.
//!
//! Only whole 8-byte slots whose address the body never takes are tracked,
//! so nothing but an instruction naming a slot changes it.

use crate::ir::{Addr, Body, Inst, Operand, Role, SlotId};
use crate::isa::liveness::effect;
use std::collections::HashSet;

/// A copy `(dst, src, off)` still valid: `dst` holds what `src` holds
/// plus `off` (an address `&p.f` is `p` plus the field's offset). A read
/// of `dst` itself needs `off` 0; an access through it, `*(dst + k)`, is
/// an access `*(src + off + k)` whatever `off`.
type Pair = (SlotId, SlotId, i32);

/// At most this many copies are remembered at a time (forgetting one is
/// always sound), so a long initialiser's thousands of temporaries cost
/// linear time.
const MAX_PAIRS: usize = 64;

/// Rounds of the analysis before it gives up (and changes nothing).
const MAX_ROUNDS: usize = 50;

/// Rewrites reads of copies to their sources and drops the moves nothing
/// reads any more (see the module's doc).
pub fn propagate_copies(body: &mut Body) {
    if body.insts.iter().any(|i| matches!(i, Inst::Landing(_))) {
        return;
    }
    let tracked = tracked_slots(body);
    let read_before = reads(body);
    if !rewrite_reads(body, &tracked) {
        return;
    }
    drop_unread_moves(body, &tracked, &read_before);
}

/// Per slot, whether some instruction reads it.
fn reads(body: &Body) -> Vec<bool> {
    let mut read = vec![false; body.slots.len()];
    for inst in &body.insts {
        for s in effect(inst).uses {
            read[s as usize] = true;
        }
    }
    read
}

/// Whole 8-byte slots whose address is never taken, with whether the
/// collector reads each as a pointer: the ones a pair may name.
fn tracked_slots(body: &Body) -> Vec<Option<bool>> {
    let mut t: Vec<Option<bool>> = body.slots.iter().map(|s| (s.size == 8).then(|| !s.ptrs.is_empty())).collect();
    for inst in &body.insts {
        if let Inst::AddrOf { src: Addr::Slot(s, _), .. } = inst {
            t[*s as usize] = None;
        }
    }
    t
}

/// The copy `inst` makes, if it is a whole move between two tracked slots
/// the collector sees alike: a pointer copied into a pointer slot to keep
/// its object alive (lowering's `uintptr` arguments) is not read from a
/// slot the collector does not scan.
fn copy_of(inst: &Inst, tracked: &[Option<bool>]) -> Option<Pair> {
    let alike = |d: SlotId, s: SlotId| d != s && tracked[d as usize].is_some() && tracked[d as usize] == tracked[s as usize];
    match *inst {
        Inst::Move { ty, dst: Addr::Slot(d, 0), src: Operand::Mem(Addr::Slot(s, 0)) } if ty.size() == 8 && alike(d, s) => Some((d, s, 0)),
        // (Its nil check is an instruction of its own, before it.)
        Inst::AddrOf { dst: Addr::Slot(d, 0), src: Addr::Deref(s, off) } if off >= 0 && alike(d, s) => Some((d, s, off)),
        _ => None,
    }
}

/// Applies one instruction to the set of valid copies: its writes end the
/// copies that name what they write, then a copy it makes begins.
fn transfer(inst: &Inst, tracked: &[Option<bool>], set: &mut Vec<Pair>) {
    for (w, _) in effect(inst).writes {
        set.retain(|&(d, s, _)| d != w && s != w);
    }
    if let Some((d, s, off)) = copy_of(inst, tracked) {
        // A copy of a copy holds the first source: `m = t` after `t = &c.mu`
        // holds `c` plus the offset (and stays valid when `t` changes).
        let p = match set.iter().find(|&&(d2, _, _)| d2 == s) {
            Some(&(_, s2, o2)) if s2 != d => match o2.checked_add(off) {
                Some(o) => (d, s2, o),
                None => (d, s, off),
            },
            _ => (d, s, off),
        };
        if set.len() == MAX_PAIRS {
            set.remove(0);
        }
        set.push(p);
    }
}

/// Rewrites every read of a slot that a valid copy holds to a read of the
/// copy's source. Returns whether anything changed.
fn rewrite_reads(body: &mut Body, tracked: &[Option<bool>]) -> bool {
    let blocks = body.blocks();
    let (nb, preds) = (blocks.len(), &blocks.preds);
    // Forward must-analysis: `None` is "not reached yet" (every copy).
    let mut out: Vec<Option<Vec<Pair>>> = vec![None; nb];
    let entry_of = |b: usize, out: &[Option<Vec<Pair>>]| -> Vec<Pair> {
        if b == 0 {
            return vec![];
        }
        let mut acc: Option<Vec<Pair>> = None;
        for &p in &preds[b] {
            if let Some(o) = &out[p] {
                acc = Some(match acc {
                    None => o.clone(),
                    Some(a) => a.into_iter().filter(|x| o.contains(x)).collect(),
                });
            }
        }
        acc.unwrap_or_default()
    };
    let mut changed = true;
    let mut rounds = 0;
    while changed {
        rounds += 1;
        if rounds > MAX_ROUNDS {
            return false;
        }
        changed = false;
        for b in 0..nb {
            let mut set = entry_of(b, &out);
            for inst in &body.insts[blocks.range(b)] {
                transfer(inst, tracked, &mut set);
            }
            set.sort_unstable();
            if out[b].as_ref() != Some(&set) {
                out[b] = Some(set);
                changed = true;
            }
        }
    }
    let mut any = false;
    for b in 0..nb {
        let mut set = entry_of(b, &out);
        for i in blocks.range(b) {
            let source = |s: SlotId| set.iter().find(|&&(d, _, _)| d == s).map(|&(_, src, off)| (src, off));
            any |= map_reads(&mut body.insts[i], &source);
            transfer(&body.insts[i], tracked, &mut set);
        }
    }
    any
}

/// Rewrites the reads of `inst` by `source` (a write's address reads a
/// slot only through its pointer); whether any changed.
fn map_reads(inst: &mut Inst, source: &impl Fn(SlotId) -> Option<(SlotId, i32)>) -> bool {
    let mut changed = false;
    inst.addrs_mut(|a, role| match a {
        Addr::Slot(s, _) if role == Role::Read => {
            if let Some((src, 0)) = source(*s) {
                *s = src;
                changed = true;
            }
        }
        Addr::Deref(s, k) => {
            if let Some((src, off)) = source(*s) {
                if let Some(k2) = k.checked_add(off) {
                    *a = Addr::Deref(src, k2);
                    changed = true;
                }
            }
        }
        _ => {}
    });
    changed
}

/// Drops moves (and zeroings, and addresses computed from pointers) into tracked slots that were read before the rewrite and
/// no longer are, nor by the ABI (parameters, results, the closure
/// context). A slot nothing read to begin with is left as it is: lowering
/// moves a value into an unread slot on purpose, to keep what it points to
/// alive up to there (`runtime.KeepAlive`, `uintptr` arguments).
fn drop_unread_moves(body: &mut Body, tracked: &[Option<bool>], read_before: &[bool]) {
    let pinned: HashSet<SlotId> = body.params.iter().chain(&body.results).chain(body.ctx.iter()).copied().collect();
    // (Each round drops the moves the previous one left unread: a chain
    // of copies. A few rounds catch the chains lowering makes.)
    for _ in 0..4 {
        let read = reads(body);
        let dead = |inst: &Inst| match inst {
            Inst::Move { dst: Addr::Slot(d, _), .. } | Inst::Zero { dst: Addr::Slot(d, _), .. } | Inst::AddrOf { dst: Addr::Slot(d, _), src: Addr::Deref(..) } => {
                let d = *d as usize;
                tracked[d].is_some() && read_before[d] && !read[d] && !pinned.contains(&(d as SlotId))
            }
            _ => false,
        };
        let before = body.insts.len();
        body.insts.retain(|i| !dead(i));
        if body.insts.len() == before {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::propagate_copies;
    use crate::ir::{Addr, BinOp, Body, Inst, Operand, Scalar, Slot};

    fn mv(d: u32, s: u32) -> Inst {
        Inst::Move { ty: Scalar::U64, dst: Addr::Slot(d, 0), src: Operand::Mem(Addr::Slot(s, 0)) }
    }

    fn add(d: u32, a: u32) -> Inst {
        Inst::Bin { op: BinOp::Add, ty: Scalar::I64, dst: Addr::Slot(d, 0), a: Operand::Mem(Addr::Slot(a, 0)), b: Operand::Imm(1) }
    }

    fn body(insts: Vec<Inst>, nlabels: u32) -> Body {
        Body { slots: vec![Slot::scalar(8, 8); 4], params: vec![0], results: vec![3], insts, nlabels, ..Body::default() }
    }

    #[test]
    fn a_copy_is_read_from_its_source_and_dropped() {
        let mut b = body(vec![mv(1, 0), add(3, 1), Inst::Ret], 0);
        propagate_copies(&mut b);
        assert_eq!(b.insts, vec![add(3, 0), Inst::Ret]);
    }

    #[test]
    fn a_write_of_either_side_ends_the_copy() {
        let insts = vec![mv(1, 0), add(0, 0), add(3, 1), Inst::Ret];
        let mut b = body(insts.clone(), 0);
        propagate_copies(&mut b);
        assert_eq!(b.insts, insts);
    }

    #[test]
    fn paths_must_agree_at_a_label() {
        // Label 0 is reached with the copy (fall through) and after a write
        // of the source (the back edge): the read stays.
        let insts = vec![mv(1, 0), Inst::Label(0), add(3, 1), add(0, 0), Inst::JumpIf { cond: Operand::Mem(Addr::Slot(2, 0)), target: 0 }, Inst::Ret];
        let mut b = body(insts.clone(), 1);
        propagate_copies(&mut b);
        assert_eq!(b.insts, insts);
        // Without the write, the copy holds on both paths.
        let mut b = body(vec![mv(1, 0), Inst::Label(0), add(3, 1), Inst::JumpIf { cond: Operand::Mem(Addr::Slot(2, 0)), target: 0 }, Inst::Ret], 1);
        propagate_copies(&mut b);
        assert_eq!(b.insts[..2], [Inst::Label(0), add(3, 0)]);
        assert!(!b.insts.contains(&mv(1, 0)));
    }

    #[test]
    fn unread_sinks_and_pointer_copies_of_scalars_stay() {
        // Slot 2 is a sink nothing reads (a keep-alive): its move stays,
        // reading the copy's source.
        let mut b = body(vec![mv(1, 0), mv(2, 1), Inst::Ret], 0);
        propagate_copies(&mut b);
        assert_eq!(b.insts, vec![mv(2, 0), Inst::Ret]);
        // A pointer slot copied from a scalar one is read as itself.
        let mut b = body(vec![mv(1, 0), add(3, 1), Inst::Ret], 0);
        b.slots[1].ptrs = crate::ir::PtrMask::one();
        let before = b.insts.clone();
        propagate_copies(&mut b);
        assert_eq!(b.insts, before);
    }

    #[test]
    fn a_field_address_is_its_base_plus_the_offset() {
        // d = &p.f (offset 8); *d = *d + 1; c = d (a read of d itself).
        let addr = Inst::AddrOf { dst: Addr::Slot(1, 0), src: Addr::Deref(0, 8) };
        let load = |p: u32, k: i32| Inst::Move { ty: Scalar::I64, dst: Addr::Slot(2, 0), src: Operand::Mem(Addr::Deref(p, k)) };
        let store = |p: u32, k: i32| Inst::Move { ty: Scalar::I64, dst: Addr::Deref(p, k), src: Operand::Mem(Addr::Slot(2, 0)) };
        let mut b = body(vec![addr.clone(), load(1, 0), store(1, 0), Inst::Ret], 0);
        b.slots[0].ptrs = crate::ir::PtrMask::one();
        b.slots[1].ptrs = crate::ir::PtrMask::one();
        propagate_copies(&mut b);
        assert_eq!(b.insts, vec![load(0, 8), store(0, 8), Inst::Ret]);
        // A read of the address itself keeps it (it is no copy of p).
        let mut b = body(vec![addr.clone(), load(1, 0), mv(3, 1), Inst::Ret], 0);
        for s in 0..4 {
            b.slots[s].ptrs = crate::ir::PtrMask::one();
        }
        propagate_copies(&mut b);
        assert_eq!(b.insts, vec![addr, load(0, 8), mv(3, 1), Inst::Ret]);
    }

    #[test]
    fn address_taken_slots_are_left_alone() {
        let insts = vec![mv(1, 0), Inst::AddrOf { dst: Addr::Slot(2, 0), src: Addr::Slot(1, 0) }, add(3, 1), Inst::Ret];
        let mut b = body(insts.clone(), 0);
        propagate_copies(&mut b);
        assert_eq!(b.insts, insts);
    }
}
