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

use crate::ir::{Addr, Body, Inst, Operand, SlotId};
use crate::opt::sink::{address, frame_base};
use std::collections::HashMap;

/// Where a folded element's base address is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Base {
    /// In a slot (8 bytes).
    Slot(SlotId),
    /// It is the address of slot `array` plus `off` (an array in the
    /// frame): `temp = &array + off` right before the computation, with
    /// `temp` read by it alone.
    Frame { array: SlotId, off: i32, temp: SlotId },
}

/// One folded access.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fold {
    pub base: Base,
    /// The slot holding the index (8 bytes).
    pub index: SlotId,
    /// The scale's power of two.
    pub shift: u8,
    /// The temporary the address went through.
    pub temp: SlotId,
    /// How many instructions compute the address (2, or 3 with `&a`).
    pub len: usize,
}

/// The folds of a body: where each starts, and each by its temporary.
#[derive(Clone, Debug, Default)]
pub struct Folds {
    starts: Vec<usize>,
    by_temp: HashMap<SlotId, Fold>,
}

impl Folds {
    /// How many instructions from `i` on compute a folded address (they
    /// emit nothing), or 0.
    pub fn starts_at(&self, i: usize) -> usize {
        self.starts.get(i).copied().unwrap_or(0)
    }

    /// The fold whose temporary is `s`, if any: the access's
    /// `Deref(s, off)` is the element.
    pub fn of_temp(&self, s: SlotId) -> Option<Fold> {
        self.by_temp.get(&s).copied()
    }

    /// The temporaries (never accessed): the addresses' and the arrays'.
    pub fn temps(&self) -> impl Iterator<Item = SlotId> + '_ {
        self.by_temp.values().flat_map(|f| match f.base {
            Base::Frame { temp, .. } => vec![f.temp, temp],
            Base::Slot(_) => vec![f.temp],
        })
    }
}

/// Finds the folds of `body`: an element's [`address`] (after its array's
/// [`frame_base`], if any) right before an instruction that accesses
/// `Deref(p, off)` (once or more) and is one the backends take registers
/// for ([`super::regs::native`]), where `p` is written and read by those
/// instructions alone. A nil check's probe (a load into a slot nothing
/// reads) is left as it is: the driver may drop it.
pub fn find(body: &Body) -> Folds {
    let uses = crate::opt::count(body);
    let n = body.insts.len();
    let mut folds = Folds { starts: vec![0; n], by_temp: HashMap::new() };
    let mut i = 0;
    while i + 2 < n {
        let found = (|| {
            let (at, frame) = match body.insts[i] {
                Inst::AddrOf { .. } => (i + 1, true),
                _ => (i, false),
            };
            let (p, index, base, shift) = address(body, at)?;
            let base = if frame {
                let (array, off) = frame_base(body, &uses, i, base)?;
                Base::Frame { array, off, temp: base }
            } else {
                Base::Slot(base)
            };
            let access = body.insts.get(at + 2)?;
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
            let len = at + 2 - i;
            (through > 0 && !names && !u.pinned && u.writes == 2 && u.reads == 1 + through).then_some(Fold { base, index, shift, temp: p, len })
        })();
        if let Some(f) = found {
            folds.starts[i] = f.len;
            folds.by_temp.insert(f.temp, f);
            i += f.len + 1;
        } else {
            i += 1;
        }
    }
    folds
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{BinOp, Scalar, Slot};

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
        assert_eq!((f.starts_at(0), f.starts_at(1)), (2, 0));
        assert_eq!(f.of_temp(2), Some(Fold { base: Base::Slot(1), index: 0, shift: 3, temp: 2, len: 2 }));
        assert_eq!(f.of_temp(3), None);
        let store = Inst::Move { ty: Scalar::I64, dst: Addr::Deref(2, 0), src: m(3) };
        assert_eq!(find(&body(5, vec![a.clone(), b.clone(), store])).starts_at(0), 2);
        // An update in place: read and written through the address.
        let add = Inst::Bin { op: BinOp::Add, ty: Scalar::I64, dst: Addr::Deref(2, 0), a: Operand::Mem(Addr::Deref(2, 0)), b: m(3) };
        assert_eq!(find(&body(5, vec![a.clone(), b.clone(), add])).starts_at(0), 2);
        // An array in the frame: its address folds too.
        let arr = Inst::AddrOf { dst: Addr::Slot(1, 0), src: Addr::Slot(5, 16) };
        let load = Inst::Move { ty: Scalar::I64, dst: Addr::Slot(3, 0), src: Operand::Mem(Addr::Deref(2, 0)) };
        let f = find(&body(6, vec![arr, a, b, load, read(3)]));
        assert_eq!(f.starts_at(0), 3);
        assert_eq!(f.of_temp(2).map(|f| f.base), Some(Base::Frame { array: 5, off: 16, temp: 1 }));
        assert_eq!(f.temps().collect::<std::collections::BTreeSet<_>>(), [1, 2].into());
    }

    #[test]
    fn leaves_a_temporary_read_again_or_a_probe() {
        let [a, b] = addr(2, 0, 1);
        let load = Inst::Move { ty: Scalar::I64, dst: Addr::Slot(3, 0), src: Operand::Mem(Addr::Deref(2, 0)) };
        // The address read once more.
        let f = find(&body(5, vec![a.clone(), b.clone(), load.clone(), read(3), read(2)]));
        assert!(f.starts_at(0) == 0 && f.of_temp(2).is_none());
        // The loaded value never read: a nil check's probe.
        assert_eq!(0, find(&body(5, vec![a.clone(), b.clone(), load])).starts_at(0));
        // The index is the temporary itself.
        let [a2, b2] = addr(2, 2, 1);
        let load = Inst::Move { ty: Scalar::I64, dst: Addr::Slot(3, 0), src: Operand::Mem(Addr::Deref(2, 0)) };
        assert_eq!(0, find(&body(5, vec![a2, b2, load, read(3)])).starts_at(0));
        // A scale that is no power of two up to 8.
        let odd = Inst::Bin { op: BinOp::Mul, ty: Scalar::I64, dst: Addr::Slot(2, 0), a: m(0), b: Operand::Imm(24) };
        let load = Inst::Move { ty: Scalar::I64, dst: Addr::Slot(3, 0), src: Operand::Mem(Addr::Deref(2, 0)) };
        assert_eq!(0, find(&body(5, vec![odd, b, load, read(3)])).starts_at(0));
    }
}
