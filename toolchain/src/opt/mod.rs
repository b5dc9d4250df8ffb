//! Target-independent clean-up of lowered IR.
//!
//! Lowering gives every intermediate value its own frame slot, so a Go
//! statement like `c.n += x ^ c.step` becomes "compute into a temporary,
//! then move the temporary to its destination". [`forward_temps`] removes
//! such single-use temporaries when the producer and the consumer are
//! adjacent, which is the common shape, without changing what any other
//! instruction sees.

pub mod dce;
pub mod checks;
pub mod cold;
pub mod copies;
pub mod inline;
pub mod nilness;
pub mod rotate;
pub mod sink;
pub mod sroa;
pub mod strength;

use crate::ir::{Addr, Body, Callee, Inst, Operand, Scalar, SlotId};

/// Per-slot use counts.
#[derive(Clone, Copy, Default)]
pub(crate) struct Uses {
    pub(crate) reads: u32,
    pub(crate) writes: u32,
    /// Address taken, or used as a parameter, result or context slot:
    /// never rewritten.
    pub(crate) pinned: bool,
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

pub(crate) fn count(body: &Body) -> Vec<Uses> {
    let mut u = vec![Uses::default(); body.slots.len()];
    for &s in body.params.iter().chain(&body.results).chain(body.ctx.iter()) {
        u[s as usize].pinned = true;
    }
    for i in &body.insts {
        match i {
            Inst::Label(_) | Inst::Landing(_) | Inst::Jump(_) | Inst::Ret | Inst::Poll | Inst::Comment(_) | Inst::Line(_) | Inst::InlineMark(_) | Inst::InlineResume(_) | Inst::InlineEnd(_) => {}
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

/// For each instruction, whether it is a nil check made redundant by the
/// straight-line code after it: a one-byte load through pointer `p` into a
/// slot nothing reads (the lowering's `nil_check`, for `&p.f`), followed,
/// before anything else could be observed (only moves into frame slots and
/// address computations between, on the same source line), by an access
/// through `p` or an address computed from it at an offset below `guard`
/// (the bytes at address 0 that are never mapped): that access faults
/// first, as the check would, with the same panic at the same line.
pub fn redundant_nil_checks(body: &Body, guard: u64) -> Vec<bool> {
    let uses = count(body);
    let mut out = vec![false; body.insts.len()];
    for (i, inst) in body.insts.iter().enumerate() {
        let Inst::Move { ty: Scalar::U8, dst: Addr::Slot(probe, 0), src: Operand::Mem(Addr::Deref(p, 0)) } = inst else { continue };
        let u = uses[*probe as usize];
        if u.reads != 0 || u.pinned {
            continue;
        }
        // Slots holding `p` plus an offset.
        let mut derived: Vec<(SlotId, u64)> = vec![(*p, 0)];
        let at = |derived: &[(SlotId, u64)], a: &Addr| match a {
            Addr::Deref(s, k) if *k >= 0 => derived.iter().find(|d| d.0 == *s).map(|d| d.1 + *k as u64),
            _ => None,
        };
        for next in &body.insts[i + 1..] {
            let faults = |a: &Addr| at(&derived, a).is_some_and(|o| o < guard);
            match next {
                Inst::Atomic { addr: Operand::Mem(Addr::Slot(t, 0)), .. } if faults(&Addr::Deref(*t, 0)) => {
                    out[i] = true;
                    break;
                }
                Inst::Move { dst, src, .. } if faults(dst) || matches!(src, Operand::Mem(a) if faults(a)) => {
                    out[i] = true;
                    break;
                }
                Inst::AddrOf { dst: Addr::Slot(t, 0), src } if at(&derived, src).is_some() => {
                    let o = at(&derived, src).unwrap_or(u64::MAX);
                    derived.retain(|d| d.0 != *t);
                    derived.push((*t, o));
                }
                // Nothing observable: a store into the frame, reading the
                // frame or a constant.
                Inst::Move { dst: Addr::Slot(t, _), src, .. } if !matches!(src, Operand::Mem(Addr::Deref(..))) => {
                    derived.retain(|d| d.0 != *t);
                }
                Inst::AddrOf { dst: Addr::Slot(t, _), src: Addr::Slot(..) | Addr::Global(..) } => {
                    derived.retain(|d| d.0 != *t);
                }
                Inst::Comment(_) => {}
                _ => break,
            }
        }
    }
    out
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

/// Puts a preemption point ([`Inst::Poll`]) on every back edge: before each
/// jump to a label at or before it, and before the comparison a
/// conditional one tests (so the backend still fuses the two). Every loop,
/// `goto` loops too, then yields when asked, whatever it calls; a loop
/// body's prologue checks alone miss loops of leaf calls and runtime calls
/// (gc since 1.14 preempts them with a signal instead: docs/goroutines.md
/// says why rgo does not).
pub fn loop_polls(body: &mut Body) {
    let mut at = vec![usize::MAX; body.nlabels as usize];
    for (k, i) in body.insts.iter().enumerate() {
        if let Inst::Label(l) = i {
            if let Some(a) = at.get_mut(*l as usize) {
                *a = k;
            }
        }
    }
    let backward = |k: usize, l: &u32| at.get(*l as usize).is_some_and(|&a| a <= k);
    let mut out: Vec<Inst> = Vec::with_capacity(body.insts.len());
    for (k, inst) in std::mem::take(&mut body.insts).into_iter().enumerate() {
        match &inst {
            Inst::Jump(l) if backward(k, l) => out.push(Inst::Poll),
            Inst::JumpIf { cond, target } | Inst::JumpIfNot { cond, target } if backward(k, target) => {
                let tested = match (cond, out.last()) {
                    (Operand::Mem(c), Some(Inst::Bin { dst, .. } | Inst::Atomic { dst: Some(dst), .. })) => c == dst,
                    _ => false,
                };
                let at = if tested { out.len() - 1 } else { out.len() };
                out.insert(at, Inst::Poll);
            }
            _ => {}
        }
        out.push(inst);
    }
    body.insts = out;
}

/// Branches on constants become jumps (or nothing), and what no path from
/// the entry or a landing reaches goes: GOROOT's `if race.Enabled { ... }`
/// and other constant-false conditions cost no code. Labels stay (a label
/// no jump names emits nothing); a jump to the label right after it goes.
pub fn fold_branches(body: &mut Body) {
    body.insts.retain_mut(|i| {
        let (taken, target) = match i {
            Inst::JumpIf { cond: Operand::Imm(v), target } => (*v != 0, *target),
            Inst::JumpIfNot { cond: Operand::Imm(v), target } => (*v == 0, *target),
            _ => return true,
        };
        if taken {
            *i = Inst::Jump(target);
        }
        taken
    });
    // Reachability over the instructions: fall-through unless control
    // leaves for good, and every jump's target.
    let n = body.insts.len();
    let mut at = vec![usize::MAX; body.nlabels as usize];
    for (k, i) in body.insts.iter().enumerate() {
        if let Inst::Label(l) | Inst::Landing(l) = i {
            if let Some(a) = at.get_mut(*l as usize) {
                *a = k;
            }
        }
    }
    let mut reached = vec![false; n];
    let mut work: Vec<usize> = vec![0];
    work.extend(body.insts.iter().enumerate().filter(|(_, i)| matches!(i, Inst::Landing(_))).map(|(k, _)| k));
    while let Some(k) = work.pop() {
        if k >= n || reached[k] {
            continue;
        }
        reached[k] = true;
        let falls = match &body.insts[k] {
            Inst::Jump(_) | Inst::Ret => false,
            Inst::CallRuntime { func, .. } => !crate::runtime_abi::NEVER_RETURN.contains(func),
            _ => true,
        };
        if let Inst::Jump(l) | Inst::JumpIf { target: l, .. } | Inst::JumpIfNot { target: l, .. } = &body.insts[k] {
            match at.get(*l as usize) {
                Some(&t) if t != usize::MAX => work.push(t),
                // A jump to a label that is not placed: leave the body alone.
                _ => return,
            }
        }
        if falls {
            work.push(k + 1);
        }
    }
    let mut k = 0;
    body.insts.retain(|i| {
        let keep = reached[k] || matches!(i, Inst::Label(_) | Inst::Landing(_));
        k += 1;
        keep
    });
    // `Jump(L)` straight before `Label(L)` (only labels between).
    let mut drop = vec![false; body.insts.len()];
    for (k, i) in body.insts.iter().enumerate() {
        if let Inst::Jump(l) = i {
            let next = body.insts[k + 1..].iter().take_while(|j| matches!(j, Inst::Label(_))).any(|j| matches!(j, Inst::Label(m) if m == l));
            drop[k] = next;
        }
    }
    drop_marked(body, &drop);
}

/// `if c goto L; goto M; L:` (only labels no jump names, and line marks,
/// between) becomes `if !c goto M; L:`: one branch where two ran. Inlining
/// makes this shape: `if cas(...) { return }` ends in a jump to the inlined
/// body's end, and the slow path after it is where the condition jumps
/// past.
pub fn branches_over_jumps(body: &mut Body) {
    let mut refs = vec![0u32; body.nlabels as usize];
    for inst in &body.insts {
        if let Inst::Jump(l) | Inst::JumpIf { target: l, .. } | Inst::JumpIfNot { target: l, .. } = inst {
            if let Some(r) = refs.get_mut(*l as usize) {
                *r += 1;
            }
        }
    }
    let unnamed = |i: &Inst| match i {
        Inst::Label(x) => refs.get(*x as usize) == Some(&0),
        Inst::Line(_) => true,
        _ => false,
    };
    let mut drop = vec![false; body.insts.len()];
    for k in 0..body.insts.len() {
        let (Inst::JumpIf { target: l, .. } | Inst::JumpIfNot { target: l, .. }) = body.insts[k] else { continue };
        let j = k + 1 + body.insts[k + 1..].iter().take_while(|i| unnamed(i)).count();
        let Some(&Inst::Jump(m)) = body.insts.get(j) else { continue };
        let lands = body.insts[j + 1..].iter().take_while(|i| matches!(i, Inst::Label(_) | Inst::Line(_))).any(|i| *i == Inst::Label(l));
        if !lands || m == l {
            continue;
        }
        body.insts[k] = match std::mem::replace(&mut body.insts[k], Inst::Ret) {
            Inst::JumpIf { cond, .. } => Inst::JumpIfNot { cond, target: m },
            Inst::JumpIfNot { cond, .. } => Inst::JumpIf { cond, target: m },
            other => other,
        };
        drop[j] = true;
    }
    drop_marked(body, &drop);
}

/// Removes the instructions `drop` marks (one flag per instruction).
pub(crate) fn drop_marked(body: &mut Body, drop: &[bool]) {
    let mut k = 0;
    body.insts.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
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
    fn a_branch_over_a_jump_is_inverted() {
        let c = Operand::Mem(Addr::Slot(0, 0));
        let mut b = body(1, vec![
            Inst::JumpIf { cond: c.clone(), target: 1 },
            Inst::Label(0),
            Inst::Line(3),
            Inst::Jump(2),
            Inst::Label(1),
            Inst::Ret,
            Inst::Label(2),
            Inst::Ret,
        ]);
        b.nlabels = 3;
        branches_over_jumps(&mut b);
        assert_eq!(b.insts[..4], [Inst::JumpIfNot { cond: c.clone(), target: 2 }, Inst::Label(0), Inst::Line(3), Inst::Label(1)]);
        // A label some jump names between them keeps the jump.
        let insts = vec![
            Inst::JumpIf { cond: c.clone(), target: 1 },
            Inst::Label(0),
            Inst::Jump(2),
            Inst::Label(1),
            Inst::Jump(0),
            Inst::Label(2),
            Inst::Ret,
        ];
        let mut b = body(1, insts.clone());
        b.nlabels = 3;
        branches_over_jumps(&mut b);
        assert_eq!(b.insts, insts);
    }

    #[test]
    fn constant_branches_fold_and_dead_code_goes() {
        // if false { x = 1 }; x = 2; return
        let insts = vec![
            Inst::JumpIfNot { cond: Operand::Imm(0), target: 0 },
            Inst::Move { ty: Scalar::U64, dst: Addr::Slot(0, 0), src: Operand::Imm(1) },
            Inst::Jump(1),
            Inst::Label(0),
            Inst::Label(1),
            Inst::Move { ty: Scalar::U64, dst: Addr::Slot(0, 0), src: Operand::Imm(2) },
            Inst::Ret,
            // after the return: only a landing reaches this
            Inst::Move { ty: Scalar::U64, dst: Addr::Slot(0, 0), src: Operand::Imm(3) },
            Inst::Landing(2),
            Inst::Move { ty: Scalar::U64, dst: Addr::Slot(0, 0), src: Operand::Imm(4) },
            Inst::Ret,
        ];
        let mut b = body(1, insts);
        b.nlabels = 3;
        fold_branches(&mut b);
        let moved: Vec<i64> = b.insts.iter().filter_map(|i| if let Inst::Move { src: Operand::Imm(v), .. } = i { Some(*v) } else { None }).collect();
        assert_eq!(moved, [2, 4]);
        assert!(!b.insts.iter().any(|i| matches!(i, Inst::Jump(_) | Inst::JumpIfNot { .. })), "{:?}", b.insts);
        // if true { x = 1 }: the branch goes, the body stays.
        let mut b = body(1, vec![Inst::JumpIfNot { cond: Operand::Imm(1), target: 0 }, Inst::Move { ty: Scalar::U64, dst: Addr::Slot(0, 0), src: Operand::Imm(1) }, Inst::Label(0), Inst::Ret]);
        b.nlabels = 1;
        fold_branches(&mut b);
        assert_eq!(b.insts.len(), 3);
        // A loop stays whole.
        let mut b = body(1, vec![Inst::Label(0), Inst::JumpIf { cond: Operand::Mem(Addr::Slot(0, 0)), target: 0 }, Inst::Ret]);
        b.nlabels = 1;
        fold_branches(&mut b);
        assert_eq!(b.insts.len(), 3);
    }

    #[test]
    fn nil_checks_before_a_faulting_access_are_redundant() {
        // probe [p]; t = &[p+0]; atomic [t]: the atomic faults first.
        let probe = Inst::Move { ty: Scalar::U8, dst: Addr::Slot(1, 0), src: m_deref(0, 0) };
        let atomic = |t| Inst::Atomic { op: AtomicOp::Add, size: 4, addr: m(t), val: Some(Operand::Imm(1)), old: None, dst: None };
        let b = body(3, vec![probe.clone(), Inst::AddrOf { dst: Addr::Slot(2, 0), src: Addr::Deref(0, 0) }, atomic(2), Inst::Ret]);
        assert_eq!(redundant_nil_checks(&b, 4096), [true, false, false, false]);
        // Not past the guard, a call, or a line.
        let b = body(3, vec![probe.clone(), Inst::AddrOf { dst: Addr::Slot(2, 0), src: Addr::Deref(0, 8192) }, atomic(2), Inst::Ret]);
        assert_eq!(redundant_nil_checks(&b, 4096)[0], false);
        let b = body(3, vec![probe.clone(), Inst::Line(3), Inst::Move { ty: Scalar::U64, dst: Addr::Slot(2, 0), src: m_deref(0, 8) }]);
        assert_eq!(redundant_nil_checks(&b, 4096)[0], false);
        // A load through p itself.
        let b = body(3, vec![probe.clone(), Inst::Move { ty: Scalar::U64, dst: Addr::Slot(2, 0), src: m_deref(0, 16) }]);
        assert_eq!(redundant_nil_checks(&b, 4096)[0], true);
        // A probe whose value is read is no nil check.
        let b = body(3, vec![probe, Inst::Move { ty: Scalar::U8, dst: Addr::Slot(2, 0), src: m(1) }, Inst::Move { ty: Scalar::U64, dst: Addr::Slot(2, 0), src: m_deref(0, 16) }]);
        assert_eq!(redundant_nil_checks(&b, 4096)[0], false);
    }

    fn m_deref(s: SlotId, k: i32) -> Operand {
        Operand::Mem(Addr::Deref(s, k))
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
