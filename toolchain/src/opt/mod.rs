//! Target-independent clean-up of lowered IR.
//!
//! Lowering gives every intermediate value its own frame slot, so a Go
//! statement like `c.n += x ^ c.step` becomes "compute into a temporary,
//! then move the temporary to its destination". [`forward_temps`] removes
//! such single-use temporaries when the producer and the consumer are
//! adjacent, which is the common shape, without changing what any other
//! instruction sees.

pub mod dce;

use crate::ir::{Addr, Body, Callee, Inst, Operand, Scalar, SlotId};

/// Per-slot use counts.
#[derive(Clone, Copy, Default)]
struct Uses {
    reads: u32,
    writes: u32,
    /// Address taken, or used as a parameter, result or context slot:
    /// never rewritten.
    pinned: bool,
}

fn addr_slots(a: &Addr, read: bool, u: &mut [Uses]) {
    match a {
        Addr::Slot(s, _) => {
            let e = &mut u[*s as usize];
            if read {
                e.reads += 1;
            } else {
                e.writes += 1;
            }
        }
        // The pointer in the slot is read whether the access reads or writes.
        Addr::Deref(s, _) => u[*s as usize].reads += 1,
        Addr::Global(..) => {}
    }
}

fn op_slots(o: &Operand, u: &mut [Uses]) {
    if let Operand::Mem(a) = o {
        addr_slots(a, true, u);
    }
}

fn count(body: &Body) -> Vec<Uses> {
    let mut u = vec![Uses::default(); body.slots.len()];
    for &s in body.params.iter().chain(&body.results).chain(body.ctx.iter()) {
        u[s as usize].pinned = true;
    }
    for i in &body.insts {
        match i {
            Inst::Label(_) | Inst::Landing(_) | Inst::Jump(_) | Inst::Ret | Inst::Comment(_) | Inst::Line(_) => {}
            Inst::JumpIf { cond, .. } | Inst::JumpIfNot { cond, .. } => op_slots(cond, &mut u),
            Inst::Move { dst, src, .. } => {
                op_slots(src, &mut u);
                addr_slots(dst, false, &mut u);
            }
            Inst::Copy { dst, src, .. } => {
                addr_slots(src, true, &mut u);
                addr_slots(dst, false, &mut u);
            }
            Inst::Zero { dst, .. } => addr_slots(dst, false, &mut u),
            Inst::AddrOf { dst, src } => {
                addr_slots(dst, false, &mut u);
                match src {
                    Addr::Slot(s, _) => u[*s as usize].pinned = true,
                    other => addr_slots(other, true, &mut u),
                }
            }
            Inst::Bin { dst, a, b, .. } => {
                op_slots(a, &mut u);
                op_slots(b, &mut u);
                addr_slots(dst, false, &mut u);
            }
            Inst::Un { dst, a, .. } | Inst::Convert { dst, src: a, .. } => {
                op_slots(a, &mut u);
                addr_slots(dst, false, &mut u);
            }
            Inst::Call { callee, args, results, .. } => {
                match callee {
                    Callee::Direct(_) => {}
                    Callee::Closure(o) | Callee::Indirect(o) => op_slots(o, &mut u),
                }
                for a in args {
                    addr_slots(a, true, &mut u);
                }
                for r in results {
                    addr_slots(r, false, &mut u);
                }
            }
            Inst::Atomic { addr, val, old, dst, .. } => {
                // The pointer in `addr` is read, not the memory it points to
                // (which no slot is: a slot's address is pinned when taken).
                for o in std::iter::once(addr).chain(val).chain(old) {
                    op_slots(o, &mut u);
                }
                if let Some(d) = dst {
                    addr_slots(d, false, &mut u);
                }
            }
            // The pointer is read, as for an atomic. Neither pass below
            // rewrites a volatile access: `scalar_dst` leaves its result
            // where it is and `forward_consts` its operands.
            Inst::VolatileLoad { addr, dst, .. } => {
                op_slots(addr, &mut u);
                addr_slots(dst, false, &mut u);
            }
            Inst::VolatileStore { addr, val, .. } => {
                op_slots(addr, &mut u);
                op_slots(val, &mut u);
            }
            Inst::CallRuntime { args, rets, .. } => {
                for (_, a) in args {
                    op_slots(a, &mut u);
                }
                for (_, r) in rets {
                    addr_slots(r, false, &mut u);
                }
            }
        }
    }
    u
}

/// For each slot, whether it is a temporary written once and read once
/// (so a backend may keep its value in a register between the two).
pub fn single_use(body: &Body) -> Vec<bool> {
    count(body).iter().map(|u| !u.pinned && u.reads == 1 && u.writes == 1).collect()
}

/// The destination and result type of a scalar-producing instruction.
fn scalar_dst(i: &mut Inst) -> Option<(&mut Addr, Scalar)> {
    match i {
        Inst::Move { ty, dst, .. } | Inst::Un { ty, dst, .. } => Some((dst, *ty)),
        Inst::Bin { op, ty, dst, .. } => {
            use crate::ir::BinOp::*;
            let t = if matches!(op, Eq | Ne | Lt | Le | Gt | Ge) { Scalar::U8 } else { *ty };
            Some((dst, t))
        }
        Inst::Convert { to, dst, .. } => Some((dst, *to)),
        // The result is written after the atomic access, so it may go
        // straight to its final place.
        Inst::Atomic { op, size, dst: Some(dst), .. } => {
            let t = match (op, size) {
                (crate::ir::AtomicOp::Cas, _) => Scalar::U8,
                (_, 4) => Scalar::U32,
                _ => Scalar::U64,
            };
            Some((dst, t))
        }
        _ => None,
    }
}

fn mentions(a: &Addr, s: SlotId) -> bool {
    matches!(a, Addr::Slot(x, _) | Addr::Deref(x, _) if *x == s)
}

/// Rewrites `t = op(...); d = t` into `d = op(...)` when the temporary
/// slot `t` is written and read exactly once.
pub fn forward_temps(body: &mut Body) {
    let uses = count(body);
    let single = |s: SlotId| {
        let u = uses[s as usize];
        !u.pinned && u.reads == 1 && u.writes == 1
    };
    let mut out: Vec<Inst> = Vec::with_capacity(body.insts.len());
    for inst in std::mem::take(&mut body.insts) {
        if let Inst::Move { ty, dst: d, src: Operand::Mem(Addr::Slot(t, 0)) } = &inst {
            if single(*t) && !mentions(d, *t) {
                if let Some(prev) = out.last_mut() {
                    if let Some((pdst, pty)) = scalar_dst(prev) {
                        // Integers of one size are the same bytes whatever
                        // their signedness (an atomic's U32 moved to an int32).
                        let same = pty == *ty || (pty.size() == ty.size() && !pty.is_float() && !ty.is_float());
                        if *pdst == Addr::Slot(*t, 0) && same {
                            *pdst = d.clone();
                            continue;
                        }
                    }
                }
            }
        }
        out.push(inst);
    }
    body.insts = out;
}

/// Rewrites `t = const; ... op(t)` into `op(const)` when the temporary
/// slot `t` is written and read exactly once, as the right operand of an
/// integer [`Inst::Bin`] of `t`'s type or by an [`Inst::Atomic`] of its size (so the backend can use an
/// immediate: `lock cmpxchg` of constants no longer reloads them from the
/// frame).
pub fn forward_consts(body: &mut Body) {
    let uses = count(body);
    let single = |s: SlotId| {
        let u = uses[s as usize];
        !u.pinned && u.reads == 1 && u.writes == 1
    };
    let mut consts: Vec<Option<(Scalar, Operand)>> = vec![None; body.slots.len()];
    for i in &body.insts {
        if let Inst::Move { ty, dst: Addr::Slot(t, 0), src: src @ (Operand::Imm(_) | Operand::Float(_)) } = i {
            if single(*t) {
                consts[*t as usize] = Some((*ty, src.clone()));
            }
        }
    }
    let mut used = vec![false; body.slots.len()];
    let mut take = |o: &mut Operand, fits: &dyn Fn(Scalar) -> bool| {
        if let Operand::Mem(Addr::Slot(t, 0)) = o {
            if let Some((ty, c)) = &consts[*t as usize] {
                if fits(*ty) {
                    used[*t as usize] = true;
                    *o = c.clone();
                }
            }
        }
    };
    for i in &mut body.insts {
        match i {
            // The right operand only, integers only: every ISA takes an
            // immediate there.
            Inst::Bin { ty, b, .. } if !matches!(ty, Scalar::F32 | Scalar::F64) => {
                let want = *ty;
                take(b, &|t| t == want);
            }
            Inst::Atomic { size, val, old, .. } => {
                let want = *size;
                let int = move |t: Scalar| t.size() == want && !matches!(t, Scalar::F32 | Scalar::F64);
                for o in val.iter_mut().chain(old.iter_mut()) {
                    take(o, &int);
                }
            }
            _ => {}
        }
    }
    body.insts.retain(|i| !matches!(i, Inst::Move { dst: Addr::Slot(t, 0), .. } if used[*t as usize]));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{AtomicOp, Slot};

    fn body(nslots: usize, insts: Vec<Inst>) -> Body {
        Body { slots: vec![Slot::scalar(8, 8); nslots], insts, ..Body::default() }
    }

    fn m(s: SlotId) -> Operand {
        Operand::Mem(Addr::Slot(s, 0))
    }

    #[test]
    fn atomic_operands_are_reads() {
        // p is read twice (by the move and as the atomic's pointer), so
        // the move must not absorb p's definition.
        let insts = vec![
            Inst::Move { ty: Scalar::U64, dst: Addr::Slot(0, 0), src: Operand::SymAddr("x".into(), 0) },
            Inst::Move { ty: Scalar::U64, dst: Addr::Slot(1, 0), src: m(0) },
            Inst::Atomic { op: AtomicOp::Store, size: 8, addr: m(0), val: Some(m(1)), old: None, dst: None },
        ];
        let mut b = body(2, insts.clone());
        forward_temps(&mut b);
        assert_eq!(b.insts, insts);
    }

    /// Volatile accesses stay as they are, each one: their results are not
    /// forwarded, constants do not move into them, and an unread result or
    /// a repeated load of one address is kept.
    #[test]
    fn volatile_accesses_are_never_rewritten() {
        let insts = vec![
            Inst::Move { ty: Scalar::U32, dst: Addr::Slot(1, 0), src: Operand::Imm(7) },
            Inst::VolatileStore { size: 4, addr: m(0), val: m(1) },
            Inst::VolatileLoad { size: 4, addr: m(0), dst: Addr::Slot(2, 0) },
            Inst::Move { ty: Scalar::U32, dst: Addr::Slot(3, 0), src: m(2) },
            Inst::VolatileLoad { size: 4, addr: m(0), dst: Addr::Slot(4, 0) },
            Inst::VolatileLoad { size: 4, addr: m(0), dst: Addr::Slot(4, 0) },
        ];
        let mut b = body(5, insts.clone());
        forward_temps(&mut b);
        forward_consts(&mut b);
        assert_eq!(b.insts, insts);
    }

    #[test]
    fn atomic_result_forwards() {
        let atomic = |dst| Inst::Atomic {
            op: AtomicOp::Add,
            size: 4,
            addr: Operand::SymAddr("x".into(), 0),
            val: Some(Operand::Imm(1)),
            old: None,
            dst: Some(Addr::Slot(dst, 0)),
        };
        let mut b = body(2, vec![atomic(0), Inst::Move { ty: Scalar::U32, dst: Addr::Slot(1, 0), src: m(0) }]);
        forward_temps(&mut b);
        assert_eq!(b.insts, vec![atomic(1)]);
        // A different type is a conversion the move must keep.
        let kept = vec![atomic(0), Inst::Move { ty: Scalar::U64, dst: Addr::Slot(1, 0), src: m(0) }];
        let mut b = body(2, kept.clone());
        forward_temps(&mut b);
        assert_eq!(b.insts, kept);
    }

    #[test]
    fn constants_forward_into_atomics_and_binary_operations_of_their_type() {
        let insts = vec![
            Inst::Move { ty: Scalar::I32, dst: Addr::Slot(0, 0), src: Operand::Imm(0) },
            Inst::Move { ty: Scalar::I32, dst: Addr::Slot(1, 0), src: Operand::Imm(1) },
            Inst::Atomic { op: AtomicOp::Cas, size: 4, addr: m(4), val: Some(m(1)), old: Some(m(0)), dst: Some(Addr::Slot(2, 0)) },
            // A different type: left alone.
            Inst::Move { ty: Scalar::U8, dst: Addr::Slot(3, 0), src: Operand::Imm(7) },
            Inst::Bin { op: crate::ir::BinOp::Add, ty: Scalar::I64, dst: Addr::Slot(5, 0), a: m(2), b: m(3) },
        ];
        let mut b = body(6, insts);
        forward_consts(&mut b);
        assert_eq!(
            b.insts,
            vec![
                Inst::Atomic {
                    op: AtomicOp::Cas,
                    size: 4,
                    addr: m(4),
                    val: Some(Operand::Imm(1)),
                    old: Some(Operand::Imm(0)),
                    dst: Some(Addr::Slot(2, 0))
                },
                Inst::Move { ty: Scalar::U8, dst: Addr::Slot(3, 0), src: Operand::Imm(7) },
                Inst::Bin { op: crate::ir::BinOp::Add, ty: Scalar::I64, dst: Addr::Slot(5, 0), a: m(2), b: m(3) },
            ]
        );
    }
}
