//! Loops tested at the bottom.
//!
//! Lowering gives a `for` loop its test at the top: the head label, the
//! test, a conditional jump out, the body, and an unconditional jump back
//! to the head. Every iteration then runs two jumps. [`rotate_loops`] moves
//! the test below the body, as gc lays loops out: one jump into the test
//! before the first iteration, and a conditional jump back to the body's
//! start at the end of each; the body then falls into the test.

use crate::ir::{Body, Inst, Label};

/// A loop of the shape lowering gives: `Label(head)` at `head_at`, a test
/// without labels or jumps ending in the conditional jump at `test_end`
/// that leaves for `exit`, the body, and `Jump(head)` at `back_at` right
/// before `Label(exit)`.
struct TopTested {
    head: Label,
    head_at: usize,
    test_end: usize,
    back_at: usize,
}

/// Rotates every loop of the shape [`TopTested`] describes so that its
/// test comes after its body. Any other jump to the head still reaches the
/// test (a `continue` of a loop without a post statement); the code before
/// the loop jumps there instead of falling in. One pass over the body:
/// loops are found where lowering left them (rotating one changes no other
/// one's shape) and emitted inside out.
pub fn rotate_loops(body: &mut Body) {
    let loops = find(body);
    if loops.iter().all(Option::is_none) {
        return;
    }
    let old = std::mem::take(&mut body.insts);
    let mut out = Vec::with_capacity(old.len() + 2 * loops.len());
    emit(&old, &loops, &mut body.nlabels, &mut out);
    body.insts = out;
}

/// Per instruction: the loop whose head label it is, if of the shape.
fn find(body: &Body) -> Vec<Option<TopTested>> {
    let insts = &body.insts;
    let label_at = body.label_positions();
    let mut out: Vec<Option<TopTested>> = (0..insts.len()).map(|_| None).collect();
    for (head_at, i) in insts.iter().enumerate() {
        let Inst::Label(head) = *i else { continue };
        // The test: straight-line code up to its conditional jump (each
        // instruction is scanned from the label before it only).
        let mut k = head_at + 1;
        let exit = loop {
            match insts.get(k) {
                Some(Inst::JumpIf { target, .. } | Inst::JumpIfNot { target, .. }) => break Some(*target),
                Some(Inst::Label(_) | Inst::Landing(_) | Inst::Jump(_) | Inst::Ret | Inst::Poll) | None => break None,
                Some(Inst::CallRuntime { func, .. }) if crate::runtime_abi::NEVER_RETURN.contains(func) => break None,
                Some(_) => k += 1,
            }
        };
        let Some(&exit_at) = exit.and_then(|x| label_at.get(x as usize)) else { continue };
        if exit_at == usize::MAX || exit_at <= k + 1 {
            continue;
        }
        if matches!(insts[exit_at - 1], Inst::Jump(h) if h == head) {
            out[head_at] = Some(TopTested { head, head_at, test_end: k, back_at: exit_at - 1 });
        }
    }
    out
}

/// What [`emit`] has left to do, last first.
enum Task {
    /// Emit `old[from..to]`, rotating the loops wholly inside it.
    Range(usize, usize),
    /// Emit these (a rotated loop's test and its jump back).
    Insts(Vec<Inst>),
}

/// Emits `old` into `out`, the loops found rotated, each one's body
/// emitted the same way first (a work list, not recursion: loops may nest
/// deeply).
fn emit(old: &[Inst], loops: &[Option<TopTested>], nlabels: &mut u32, out: &mut Vec<Inst>) {
    let mut work = vec![Task::Range(0, old.len())];
    while let Some(task) = work.pop() {
        let (mut k, to) = match task {
            Task::Insts(v) => {
                out.extend(v);
                continue;
            }
            Task::Range(from, to) => (from, to),
        };
        while k < to {
            let Some(l) = loops[k].as_ref().filter(|l| l.back_at < to) else {
                out.push(old[k].clone());
                k += 1;
                continue;
            };
            // Back to the body's start while the test holds.
            let start = *nlabels;
            let back = match &old[l.test_end] {
                Inst::JumpIf { cond, .. } => Inst::JumpIfNot { cond: cond.clone(), target: start },
                Inst::JumpIfNot { cond, .. } => Inst::JumpIf { cond: cond.clone(), target: start },
                _ => {
                    out.push(old[k].clone());
                    k += 1;
                    continue;
                }
            };
            *nlabels += 1;
            if !matches!(out.last(), Some(Inst::Jump(_) | Inst::Ret)) {
                out.push(Inst::Jump(l.head));
            }
            out.push(Inst::Label(start));
            // The body, then the test and the jump back, then the exit
            // label and what follows.
            let mut test: Vec<Inst> = old[l.head_at..l.test_end].to_vec();
            test.push(back);
            work.push(Task::Range(l.back_at + 1, to));
            work.push(Task::Insts(test));
            work.push(Task::Range(l.test_end + 1, l.back_at));
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Addr, BinOp, Operand, Scalar, Slot};

    fn cmp() -> Inst {
        Inst::Bin { op: BinOp::Lt, ty: Scalar::I64, dst: Addr::Slot(1, 0), a: Operand::Mem(Addr::Slot(0, 0)), b: Operand::Imm(10) }
    }

    fn inc() -> Inst {
        Inst::Bin { op: BinOp::Add, ty: Scalar::I64, dst: Addr::Slot(0, 0), a: Operand::Mem(Addr::Slot(0, 0)), b: Operand::Imm(1) }
    }

    fn body(insts: Vec<Inst>, nlabels: u32) -> Body {
        Body { slots: vec![Slot::scalar(8, 8); 2], insts, nlabels, ..Body::default() }
    }

    #[test]
    fn the_test_moves_below_the_body() {
        let t = Operand::Mem(Addr::Slot(1, 0));
        let mut b = body(vec![Inst::Label(0), cmp(), Inst::JumpIfNot { cond: t.clone(), target: 1 }, inc(), Inst::Jump(0), Inst::Label(1), Inst::Ret], 2);
        rotate_loops(&mut b);
        assert_eq!(b.nlabels, 3);
        assert_eq!(b.insts, vec![Inst::Jump(0), Inst::Label(2), inc(), Inst::Label(0), cmp(), Inst::JumpIf { cond: t, target: 2 }, Inst::Label(1), Inst::Ret,]);
    }

    #[test]
    fn deep_nests_rotate_without_recursion() {
        // 20,000 loops, each the body of the one around it.
        let n = 20_000u32;
        let t = Operand::Mem(Addr::Slot(1, 0));
        let mut insts = vec![];
        for k in 0..n {
            insts.extend([Inst::Label(2 * k), cmp(), Inst::JumpIfNot { cond: t.clone(), target: 2 * k + 1 }]);
        }
        insts.push(inc());
        for k in (0..n).rev() {
            insts.extend([Inst::Jump(2 * k), Inst::Label(2 * k + 1)]);
        }
        insts.push(Inst::Ret);
        let mut b = body(insts, 2 * n);
        rotate_loops(&mut b);
        assert_eq!(b.nlabels, 3 * n);
        let conds = b.insts.iter().filter(|i| matches!(i, Inst::JumpIf { .. })).count();
        assert_eq!(conds, n as usize);
    }

    #[test]
    fn nested_loops_rotate_and_other_shapes_stay() {
        let t = Operand::Mem(Addr::Slot(1, 0));
        let inner = vec![Inst::Label(2), cmp(), Inst::JumpIf { cond: t.clone(), target: 3 }, inc(), Inst::Jump(2), Inst::Label(3)];
        let mut insts = vec![Inst::Label(0), cmp(), Inst::JumpIfNot { cond: t.clone(), target: 1 }];
        insts.extend(inner);
        insts.extend([Inst::Jump(0), Inst::Label(1), Inst::Ret]);
        let mut b = body(insts, 4);
        rotate_loops(&mut b);
        assert_eq!(b.nlabels, 6);
        // Both back edges are conditional now; no unconditional jump is
        // left but the two into the tests.
        let jumps = b.insts.iter().filter(|i| matches!(i, Inst::Jump(_))).count();
        let conds = b.insts.iter().filter(|i| matches!(i, Inst::JumpIf { .. } | Inst::JumpIfNot { .. })).count();
        assert_eq!((jumps, conds), (2, 2));
        // A test with a label inside is left alone.
        let insts = vec![Inst::Label(0), Inst::Label(2), cmp(), Inst::JumpIfNot { cond: t, target: 1 }, inc(), Inst::Jump(0), Inst::Label(1), Inst::Ret];
        let mut b = body(insts.clone(), 3);
        rotate_loops(&mut b);
        assert_eq!(b.insts, insts);
    }
}
