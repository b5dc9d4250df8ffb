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
/// the loop jumps there instead of falling in.
pub fn rotate_loops(body: &mut Body) {
    // Each rotation removes one `Jump(head); Label(exit)` pair and makes
    // none, so this ends.
    while let Some(l) = find(body) {
        rotate(body, &l);
    }
}

fn find(body: &Body) -> Option<TopTested> {
    let insts = &body.insts;
    let mut label_at = vec![usize::MAX; body.nlabels as usize];
    for (k, i) in insts.iter().enumerate() {
        if let Inst::Label(l) = i {
            if let Some(a) = label_at.get_mut(*l as usize) {
                *a = k;
            }
        }
    }
    for (head_at, i) in insts.iter().enumerate() {
        let Inst::Label(head) = *i else { continue };
        // The test: straight-line code up to its conditional jump.
        let mut k = head_at + 1;
        let exit = loop {
            match insts.get(k)? {
                Inst::JumpIf { target, .. } | Inst::JumpIfNot { target, .. } => break *target,
                Inst::Label(_) | Inst::Landing(_) | Inst::Jump(_) | Inst::Ret | Inst::Poll => break u32::MAX,
                Inst::CallRuntime { func, .. } if crate::runtime_abi::NEVER_RETURN.contains(func) => break u32::MAX,
                _ => k += 1,
            }
        };
        let Some(&exit_at) = label_at.get(exit as usize) else { continue };
        if exit_at == usize::MAX || exit_at <= k + 1 {
            continue;
        }
        if matches!(insts[exit_at - 1], Inst::Jump(h) if h == head) {
            return Some(TopTested { head, head_at, test_end: k, back_at: exit_at - 1 });
        }
    }
    None
}

fn rotate(body: &mut Body, l: &TopTested) {
    let start = body.nlabels;
    // Back to the body's start while the test holds.
    let back = match &body.insts[l.test_end] {
        Inst::JumpIf { cond, .. } => Inst::JumpIfNot { cond: cond.clone(), target: start },
        Inst::JumpIfNot { cond, .. } => Inst::JumpIf { cond: cond.clone(), target: start },
        _ => return,
    };
    body.nlabels += 1;
    let mut insts = std::mem::take(&mut body.insts);
    let after: Vec<Inst> = insts.split_off(l.back_at + 1);
    let mut loop_: Vec<Inst> = insts.split_off(l.head_at);
    loop_.pop(); // the jump back to the head
    let mut rest = loop_.split_off(l.test_end + 1 - l.head_at);
    let mut test = loop_; // Label(head), the test, its jump out
    test.pop();
    if !matches!(insts.last(), Some(Inst::Jump(_) | Inst::Ret)) {
        insts.push(Inst::Jump(l.head));
    }
    insts.push(Inst::Label(start));
    insts.append(&mut rest);
    insts.append(&mut test);
    insts.push(back);
    insts.extend(after);
    body.insts = insts;
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
