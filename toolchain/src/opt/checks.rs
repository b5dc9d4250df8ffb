//! Bounds checks an earlier check of the same index makes redundant:
//! `a[i], a[j] = a[j], a[i]` checks `i` and `j` against `len(a)` once each,
//! not twice (gc's prove pass drops the second of two equal checks too).
//!
//! A check, as the lowering emits it (`Checker::bounds`), is
//!
//! ```text
//!     c = i <u len
//!     if c goto ok
//!     call panicIndex(i, len)      // never returns
//! ok:
//! ```
//!
//! so after `ok` (which only that jump names) `i <u len` holds until
//! something writes `i` or `len`, or control joins from elsewhere (any
//! other label). Only operands that are constants or slots whose address
//! the body never takes are remembered: those change only by instructions
//! that name them. A later check of the same pair within that stretch goes.

use crate::ir::{Addr, Body, Inst, Operand};
use crate::isa::liveness::effect;
use crate::runtime_abi as rt;
use std::collections::HashSet;

/// Drops the bounds checks of `body` that an earlier check of the same
/// index and length makes redundant (see the module's doc).
pub fn redundant_bounds_checks(body: &mut Body) {
    let taken: HashSet<u32> = body
        .insts
        .iter()
        .filter_map(|i| match i {
            Inst::AddrOf { src: Addr::Slot(s, _), .. } => Some(*s),
            _ => None,
        })
        .collect();
    let mut refs = vec![0u32; body.nlabels as usize];
    for inst in &body.insts {
        match inst {
            Inst::Jump(l) | Inst::JumpIf { target: l, .. } | Inst::JumpIfNot { target: l, .. } => {
                if let Some(r) = refs.get_mut(*l as usize) {
                    *r += 1;
                }
            }
            _ => {}
        }
    }
    let stable = |o: &Operand| match o {
        Operand::Imm(_) => true,
        Operand::Mem(Addr::Slot(s, _)) => !taken.contains(s),
        _ => false,
    };
    let names = |o: &Operand, s: u32| matches!(o, Operand::Mem(Addr::Slot(t, _)) if *t == s);
    let mut facts: Vec<(Operand, Operand)> = vec![];
    let mut drop = vec![false; body.insts.len()];
    let mut k = 0;
    while k < body.insts.len() {
        if let Some((index, len)) = check_at(&body.insts[k..], &refs) {
            if facts.iter().any(|(i, l)| i == index && l == len) {
                drop[k..k + 3].fill(true);
            } else if stable(index) && stable(len) {
                facts.push((index.clone(), len.clone()));
            }
            k += 4;
            continue;
        }
        match &body.insts[k] {
            Inst::Label(_) | Inst::Landing(_) => facts.clear(),
            inst => {
                for (s, _) in effect(inst).writes {
                    facts.retain(|(i, l)| !names(i, s) && !names(l, s));
                }
            }
        }
        k += 1;
    }
    super::drop_marked(body, &drop);
}

/// The index and length of the bounds check `insts` starts with, if it
/// does (its label named by its jump alone).
fn check_at<'a>(insts: &'a [Inst], refs: &[u32]) -> Option<(&'a Operand, &'a Operand)> {
    let [Inst::Bin { op: crate::ir::BinOp::Lt, ty: crate::ir::Scalar::U64, dst: Addr::Slot(c, 0), a, b }, Inst::JumpIf { cond: Operand::Mem(Addr::Slot(c2, 0)), target }, Inst::CallRuntime { func, args, rets }, Inst::Label(ok), ..] =
        insts
    else {
        return None;
    };
    let [(_, ia), (_, la)] = args.as_slice() else { return None };
    let ours = c == c2 && target == ok && *func == rt::PANIC_INDEX && rets.is_empty() && ia == a && la == b;
    (ours && refs.get(*ok as usize) == Some(&1)).then_some((a, b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{BinOp, Scalar, Slot};

    fn check(index: Operand, len: Operand, c: u32, ok: u32) -> Vec<Inst> {
        vec![
            Inst::Bin { op: BinOp::Lt, ty: Scalar::U64, dst: Addr::Slot(c, 0), a: index.clone(), b: len.clone() },
            Inst::JumpIf { cond: Operand::Mem(Addr::Slot(c, 0)), target: ok },
            Inst::CallRuntime { func: rt::PANIC_INDEX, args: vec![(Scalar::I64, index), (Scalar::I64, len)], rets: vec![] },
            Inst::Label(ok),
        ]
    }

    fn body(insts: Vec<Vec<Inst>>) -> Body {
        let insts: Vec<Inst> = insts.into_iter().flatten().collect();
        let nlabels = insts.iter().filter(|i| matches!(i, Inst::Label(_))).count() as u32 + 1;
        Body { insts, slots: (0..8).map(|_| Slot::scalar(8, 8)).collect(), nlabels, ..Body::default() }
    }

    fn checks(b: &Body) -> usize {
        b.insts.iter().filter(|i| matches!(i, Inst::CallRuntime { func, .. } if *func == rt::PANIC_INDEX)).count()
    }

    const I: Operand = Operand::Mem(Addr::Slot(0, 0));
    const LEN: Operand = Operand::Mem(Addr::Slot(1, 8));

    #[test]
    fn a_second_check_of_the_same_pair_goes() {
        let mut b = body(vec![check(I, LEN, 2, 0), check(Operand::Imm(3), LEN, 3, 1), check(I, LEN, 4, 2), check(Operand::Imm(3), LEN, 5, 3)]);
        redundant_bounds_checks(&mut b);
        assert_eq!(checks(&b), 2);
        // The labels stay (a label no jump names emits nothing).
        assert_eq!(b.insts.iter().filter(|i| matches!(i, Inst::Label(_))).count(), 4);
    }

    #[test]
    fn a_write_a_join_or_an_address_keeps_the_second() {
        let write_i = vec![Inst::Move { ty: Scalar::I64, dst: Addr::Slot(0, 0), src: Operand::Imm(1) }];
        let write_len = vec![Inst::Move { ty: Scalar::I64, dst: Addr::Slot(1, 8), src: Operand::Imm(1) }];
        let join = vec![Inst::Label(9)];
        for between in [write_i, write_len, join] {
            let mut b = body(vec![check(I, LEN, 2, 0), between, check(I, LEN, 3, 1)]);
            b.nlabels = 10;
            redundant_bounds_checks(&mut b);
            assert_eq!(checks(&b), 2, "{:?}", b.insts);
        }
        // A slot whose address is taken may change through the pointer.
        let addr = vec![Inst::AddrOf { dst: Addr::Slot(6, 0), src: Addr::Slot(0, 0) }];
        let mut b = body(vec![addr, check(I, LEN, 2, 0), check(I, LEN, 3, 1)]);
        redundant_bounds_checks(&mut b);
        assert_eq!(checks(&b), 2);
        // A check whose label another jump names is no fact past it.
        let mut b = body(vec![vec![Inst::JumpIf { cond: Operand::Imm(1), target: 0 }], check(I, LEN, 2, 0), check(I, LEN, 3, 1)]);
        redundant_bounds_checks(&mut b);
        assert_eq!(checks(&b), 2);
    }
}
