//! Element addresses moved down to their one use.
//!
//! `a[i], a[j] = a[j], a[i]` computes both elements' addresses first,
//! with a bounds check between them, and reads and writes through them
//! afterwards. A computation `p = i * 2^k; p = p + base` (after `base =
//! &array` when the base is read by it alone) whose address one
//! instruction further on uses moves to just before it, so that the
//! backend folds it into that access ([`crate::isa::fold`]) and `p` needs
//! no register across the instructions between.

use crate::ir::{Addr, BinOp, Body, Inst, Operand, Role, Scalar, SlotId};

/// How far (in instructions) a computation may move.
const MAX_DISTANCE: usize = 24;

/// Moves each element address computation of `body` down to the one
/// instruction that uses it, when nothing between writes its base or
/// index, and no label lies between (the straight line from the
/// computation to the use, conditional jumps out of it allowed). The base
/// and index must be slots whose address is not taken, so that nothing
/// writes them but by name.
pub fn sink_element_addresses(body: &mut Body) {
    let uses = super::count(body);
    let n = body.insts.len();
    // Per instruction: the pairs that move to just before it, in order.
    let mut arriving: Vec<Vec<(usize, usize)>> = vec![vec![]; n];
    let mut moved = vec![false; n];
    let mut i = 0;
    while i + 2 < n {
        if let Some((to, len)) = target(body, &uses, i) {
            arriving[to].push((i, len));
            moved[i..i + len].fill(true);
            i += len;
        } else {
            i += 1;
        }
    }
    if !moved.contains(&true) {
        return;
    }
    let old = std::mem::take(&mut body.insts);
    let mut insts = Vec::with_capacity(n);
    for (k, inst) in old.iter().enumerate() {
        for &(from, len) in &arriving[k] {
            insts.extend_from_slice(&old[from..from + len]);
        }
        if !moved[k] {
            insts.push(inst.clone());
        }
    }
    body.insts = insts;
}

/// An element address computation at `i`: `p = i * 2^k; p = p + base`,
/// with `base` and `i` whole 8-byte slots, `p` none of them and not
/// pinned: (p, index, base, shift).
pub(crate) fn address(body: &Body, i: usize) -> Option<(SlotId, SlotId, SlotId, u8)> {
    let word = |o: &Operand| match o {
        Operand::Mem(Addr::Slot(s, 0)) if body.slots[*s as usize].size == 8 => Some(*s),
        _ => None,
    };
    let Inst::Bin { op: BinOp::Mul, ty: Scalar::I64 | Scalar::U64, dst: Addr::Slot(p, 0), a: index, b: Operand::Imm(scale) } = body.insts.get(i)? else { return None };
    let Inst::Bin { op: BinOp::Add, ty: Scalar::I64 | Scalar::U64, dst: Addr::Slot(p2, 0), a: Operand::Mem(Addr::Slot(p3, 0)), b: base } = body.insts.get(i + 1)? else {
        return None;
    };
    let shift = [1, 2, 4, 8].iter().position(|s| s == scale)? as u8;
    let (p, index, base) = (*p, word(index)?, word(base)?);
    (*p2 == p && *p3 == p && index != p && base != p).then_some((p, index, base, shift))
}

/// The array in the frame whose address instruction `i` takes into
/// `base` for the next instruction alone: `base = &a + off`.
pub(crate) fn frame_base(body: &Body, uses: &[super::Uses], i: usize, base: SlotId) -> Option<(SlotId, i32)> {
    let Inst::AddrOf { dst: Addr::Slot(b, 0), src: Addr::Slot(a, off) } = body.insts.get(i)? else { return None };
    let u = uses[base as usize];
    (*b == base && !u.pinned && u.reads == 1 && u.writes == 1).then_some((*a, *off))
}

/// Where the address computed from `i` on moves to, if it moves, and how
/// many instructions compute it (2, or 3 when `i` takes its array's
/// address).
fn target(body: &Body, uses: &[super::Uses], i: usize) -> Option<(usize, usize)> {
    let (at, frame) = match body.insts[i] {
        Inst::AddrOf { .. } => (i + 1, true),
        _ => (i, false),
    };
    let (p, index, base, _) = address(body, at)?;
    if frame && frame_base(body, uses, i, base).is_none() {
        return None;
    }
    if uses[p as usize].pinned || uses[p as usize].writes != 2 {
        return None;
    }
    // What the computation reads must not change on the way.
    let read = |s: SlotId| s == index || (!frame && s == base);
    if uses[index as usize].pinned || (!frame && uses[base as usize].pinned) {
        return None;
    }
    let start = at + 2;
    let end = (start + MAX_DISTANCE).min(body.insts.len());
    for j in start..end {
        let inst = &body.insts[j];
        if matches!(inst, Inst::Label(_) | Inst::Landing(_) | Inst::Jump(_) | Inst::Ret) {
            return None;
        }
        let (mut through, mut names_p, mut writes) = (0, false, false);
        inst.clone().addrs_mut(|a, role| match a {
            Addr::Deref(s, _) if *s == p => through += 1,
            Addr::Slot(s, _) if *s == p => names_p = true,
            Addr::Slot(s, _) if role == Role::Write && read(*s) => writes = true,
            _ => {}
        });
        if names_p {
            return None;
        }
        if through > 0 {
            // The use: p read by it alone (and by the add).
            return (j > start && uses[p as usize].reads == 1 + through).then_some((j, at + 2 - i));
        }
        if writes {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Slot;

    fn m(s: SlotId) -> Operand {
        Operand::Mem(Addr::Slot(s, 0))
    }

    fn body(insts: Vec<Inst>) -> Body {
        Body { slots: vec![Slot::scalar(8, 8); 6], insts, nlabels: 2, ..Body::default() }
    }

    fn pair() -> [Inst; 2] {
        [
            Inst::Bin { op: BinOp::Mul, ty: Scalar::I64, dst: Addr::Slot(2, 0), a: m(0), b: Operand::Imm(8) },
            Inst::Bin { op: BinOp::Add, ty: Scalar::U64, dst: Addr::Slot(2, 0), a: m(2), b: m(1) },
        ]
    }

    fn load() -> Inst {
        Inst::Move { ty: Scalar::I64, dst: Addr::Slot(3, 0), src: Operand::Mem(Addr::Deref(2, 0)) }
    }

    fn check() -> Inst {
        Inst::JumpIf { cond: m(5), target: 1 }
    }

    #[test]
    fn moves_past_a_check_to_the_use() {
        let [a, b] = pair();
        let mut body = body(vec![a.clone(), b.clone(), check(), Inst::Line(3), load()]);
        sink_element_addresses(&mut body);
        assert_eq!(body.insts, vec![check(), Inst::Line(3), a, b, load()]);
    }

    #[test]
    fn moves_an_arrays_address_with_its_element() {
        let arr = Inst::AddrOf { dst: Addr::Slot(1, 0), src: Addr::Slot(4, 8) };
        let [a, b] = pair();
        let mut body = body(vec![arr.clone(), a.clone(), b.clone(), check(), load()]);
        sink_element_addresses(&mut body);
        assert_eq!(body.insts, vec![check(), arr, a, b, load()]);
    }

    #[test]
    fn stays_where_its_base_or_index_changes_or_a_label_lies_between() {
        let [a, b] = pair();
        let write_index = Inst::Move { ty: Scalar::I64, dst: Addr::Slot(0, 0), src: Operand::Imm(1) };
        for between in [write_index, Inst::Label(0)] {
            let insts = vec![a.clone(), b.clone(), between, load()];
            let mut body = body(insts.clone());
            sink_element_addresses(&mut body);
            assert_eq!(body.insts, insts);
        }
        // The address read twice.
        let insts = vec![a.clone(), b.clone(), check(), load(), load()];
        let mut body = body(insts.clone());
        sink_element_addresses(&mut body);
        assert_eq!(body.insts, insts);
    }
}
