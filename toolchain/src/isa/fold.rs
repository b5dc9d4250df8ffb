//! Element addresses folded into the access that uses them.
//!
//! Lowering computes an element's address into a temporary (`p = i *
//! 2^k; p = p + base`) and then reads or writes through it (`x = *(p +
//! off)` or `*(p + off) = x`). When that access is the temporary's only
//! other use, the driver emits the three instructions as one access at
//! [`Loc::Indexed`] (`[base + i*2^k + off]` on amd64): the temporary is
//! never written, so it needs no register, which leaves one more for the
//! loop's values ([`super::regs::assign`] skips it).
//!
//! [`Loc::Indexed`]: super::emit::Loc::Indexed

use crate::ir::{Addr, BinOp, Body, Inst, Operand, Scalar, SlotId};
use std::collections::HashMap;

/// One folded access: instructions `at..at + 3` of the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fold {
    /// The slot holding the base address (8 bytes).
    pub base: SlotId,
    /// The slot holding the index (8 bytes).
    pub index: SlotId,
    /// The scale's power of two.
    pub shift: u8,
    /// The temporary the address went through.
    pub temp: SlotId,
}

/// The folds of a body: where each starts, and each by its temporary.
#[derive(Clone, Debug, Default)]
pub struct Folds {
    starts: Vec<bool>,
    by_temp: HashMap<SlotId, Fold>,
}

impl Folds {
    /// Whether a fold starts at instruction `i` (its first two
    /// instructions emit nothing).
    pub fn starts_at(&self, i: usize) -> bool {
        self.starts.get(i).copied().unwrap_or(false)
    }

    /// The fold whose temporary is `s`, if any: the third instruction's
    /// `Deref(s, off)` is the element.
    pub fn of_temp(&self, s: SlotId) -> Option<Fold> {
        self.by_temp.get(&s).copied()
    }

    /// The temporaries (never accessed).
    pub fn temps(&self) -> impl Iterator<Item = SlotId> + '_ {
        self.by_temp.keys().copied()
    }
}

/// Finds the folds of `body`: `p = i * 2^k; p = p + base` right before an
/// instruction that accesses `Deref(p, off)` (once or more) and is one
/// the backends take registers for ([`super::regs::native`]), where `i`
/// and `base` are whole 8-byte slots and `p` is written and read by those
/// three instructions alone. A nil check's probe (a load into a slot
/// nothing reads) is left as it is: the driver may drop it.
pub fn find(body: &Body) -> Folds {
    let uses = crate::opt::count(body);
    let n = body.insts.len();
    let mut folds = Folds { starts: vec![false; n], by_temp: HashMap::new() };
    let word = |o: &Operand| match o {
        Operand::Mem(Addr::Slot(s, 0)) if body.slots[*s as usize].size == 8 => Some(*s),
        _ => None,
    };
    let mut i = 0;
    while i + 2 < n {
        let found = (|| {
            let Inst::Bin { op: BinOp::Mul, ty: Scalar::I64 | Scalar::U64, dst: Addr::Slot(p, 0), a: index, b: Operand::Imm(scale) } = &body.insts[i] else { return None };
            let Inst::Bin { op: BinOp::Add, ty: Scalar::I64 | Scalar::U64, dst: Addr::Slot(p2, 0), a: Operand::Mem(Addr::Slot(p3, 0)), b: base } = &body.insts[i + 1] else {
                return None;
            };
            let shift = [1, 2, 4, 8].iter().position(|s| s == scale)? as u8;
            let (p, index, base) = (*p, word(index)?, word(base)?);
            if *p2 != p || *p3 != p || index == p || base == p {
                return None;
            }
            let access = &body.insts[i + 2];
            if !super::regs::native(access, body) {
                return None;
            }
            if let Inst::Move { dst: Addr::Slot(d, _), src: Operand::Mem(Addr::Deref(q, _)), .. } = access {
                if *q == p && uses[*d as usize].reads == 0 {
                    return None;
                }
            }
            // Every address the access names through `p`, and none of `p`.
            let (mut through, mut names) = (0, false);
            access.clone().addrs_mut(|a, _| match a {
                Addr::Deref(s, _) if *s == p => through += 1,
                Addr::Slot(s, _) if *s == p => names = true,
                _ => {}
            });
            let u = uses[p as usize];
            (through > 0 && !names && !u.pinned && u.writes == 2 && u.reads == 1 + through).then_some(Fold { base, index, shift, temp: p })
        })();
        if let Some(f) = found {
            folds.starts[i] = true;
            folds.by_temp.insert(f.temp, f);
            i += 3;
        } else {
            i += 1;
        }
    }
    folds
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Slot;

    fn body(n: usize, insts: Vec<Inst>) -> Body {
        Body { slots: vec![Slot::scalar(8, 8); n], insts, ..Body::default() }
    }

    fn m(s: SlotId) -> Operand {
        Operand::Mem(Addr::Slot(s, 0))
    }

    fn addr(p: SlotId, index: SlotId, base: SlotId) -> [Inst; 2] {
        [
            Inst::Bin { op: BinOp::Mul, ty: Scalar::I64, dst: Addr::Slot(p, 0), a: m(index), b: Operand::Imm(8) },
            Inst::Bin { op: BinOp::Add, ty: Scalar::U64, dst: Addr::Slot(p, 0), a: m(p), b: m(base) },
        ]
    }

    fn read(d: SlotId) -> Inst {
        Inst::Move { ty: Scalar::I64, dst: Addr::Slot(4, 0), src: m(d) }
    }

    #[test]
    fn folds_a_load_and_a_store() {
        let [a, b] = addr(2, 0, 1);
        let load = Inst::Move { ty: Scalar::I64, dst: Addr::Slot(3, 0), src: Operand::Mem(Addr::Deref(2, 8)) };
        let f = find(&body(5, vec![a.clone(), b.clone(), load, read(3)]));
        assert!(f.starts_at(0) && !f.starts_at(1));
        assert_eq!(f.of_temp(2), Some(Fold { base: 1, index: 0, shift: 3, temp: 2 }));
        assert_eq!(f.of_temp(3), None);
        let store = Inst::Move { ty: Scalar::I64, dst: Addr::Deref(2, 0), src: m(3) };
        assert!(find(&body(5, vec![a.clone(), b.clone(), store])).starts_at(0));
        // An update in place: read and written through the address.
        let add = Inst::Bin { op: BinOp::Add, ty: Scalar::I64, dst: Addr::Deref(2, 0), a: Operand::Mem(Addr::Deref(2, 0)), b: m(3) };
        assert!(find(&body(5, vec![a, b, add])).starts_at(0));
    }

    #[test]
    fn leaves_a_temporary_read_again_or_a_probe() {
        let [a, b] = addr(2, 0, 1);
        let load = Inst::Move { ty: Scalar::I64, dst: Addr::Slot(3, 0), src: Operand::Mem(Addr::Deref(2, 0)) };
        // The address read once more.
        let f = find(&body(5, vec![a.clone(), b.clone(), load.clone(), read(3), read(2)]));
        assert!(!f.starts_at(0) && f.of_temp(2).is_none());
        // The loaded value never read: a nil check's probe.
        assert!(!find(&body(5, vec![a.clone(), b.clone(), load])).starts_at(0));
        // The index is the temporary itself.
        let [a2, b2] = addr(2, 2, 1);
        let load = Inst::Move { ty: Scalar::I64, dst: Addr::Slot(3, 0), src: Operand::Mem(Addr::Deref(2, 0)) };
        assert!(!find(&body(5, vec![a2, b2, load, read(3)])).starts_at(0));
        // A scale that is no power of two up to 8.
        let odd = Inst::Bin { op: BinOp::Mul, ty: Scalar::I64, dst: Addr::Slot(2, 0), a: m(0), b: Operand::Imm(24) };
        let load = Inst::Move { ty: Scalar::I64, dst: Addr::Slot(3, 0), src: Operand::Mem(Addr::Deref(2, 0)) };
        assert!(!find(&body(5, vec![odd, b, load, read(3)])).starts_at(0));
    }
}
