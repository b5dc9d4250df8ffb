//! Paths to a panic, out of line.
//!
//! Lowering puts the runtime call that panics (an index out of range, a
//! division by zero, a failed type assertion...) right after the check
//! that guards it:
//!
//! ```text
//!     if c goto ok
//!     call panicIndex(i, len)      // never returns
//! ok:
//! ```
//!
//! so every check a program passes jumps over the call, and a loop's code
//! is interleaved with its panic paths. [`outline`] moves each such path
//! after the body's code and inverts the check's jump, as gc lays out its
//! panic blocks: a passed check falls through (a branch not taken), and the
//! loop's instructions are contiguous.
//!
//! A moved path keeps its source position: it starts with the line in
//! force at the check and, inside a copy `opt::inline` made, the copy's
//! frame again ([`Inst::InlineResume`] ... [`Inst::InlineEnd`]), so a
//! traceback of the panic reads as before.

use crate::ir::{Body, Inst, Label};
use crate::runtime_abi::NEVER_RETURN;

/// Where the source position stands at an instruction: the innermost
/// inlined call's index (none: the function's own code) and the last
/// [`Inst::Line`] seen at that level (none: the level's first line, not
/// yet restated).
#[derive(Clone, Copy)]
struct Position {
    inl: Option<u32>,
    line: Option<u32>,
}

/// A guarded panic path found at `jump`: the jump to `ok`, the path
/// `jump + 1 ..= call`, then `Label(ok)`.
struct ColdPath {
    jump: usize,
    call: usize,
    at: Position,
}

/// Moves every panic path of the shape the module's doc shows to the end
/// of `body`, behind a label of its own, and makes its check jump there
/// when it fails.
pub fn outline(body: &mut Body) {
    let paths = find(body);
    if paths.is_empty() {
        return;
    }
    let mut refs = vec![0u32; body.nlabels as usize];
    for inst in &body.insts {
        if let Inst::Jump(l) | Inst::JumpIf { target: l, .. } | Inst::JumpIfNot { target: l, .. } = inst {
            if let Some(r) = refs.get_mut(*l as usize) {
                *r += 1;
            }
        }
    }
    let old = std::mem::take(&mut body.insts);
    let mut hot = Vec::with_capacity(old.len() + 2 * paths.len());
    let mut cold = vec![];
    let mut next = paths.iter().peekable();
    let mut k = 0;
    while k < old.len() {
        let Some(p) = next.next_if(|p| p.jump == k) else {
            hot.push(old[k].clone());
            k += 1;
            continue;
        };
        let label = body.nlabels;
        body.nlabels += 1;
        let (cond, ok) = match &old[p.jump] {
            Inst::JumpIf { cond, target } => (Inst::JumpIfNot { cond: cond.clone(), target: label }, *target),
            Inst::JumpIfNot { cond, target } => (Inst::JumpIf { cond: cond.clone(), target: label }, *target),
            _ => unreachable!("a cold path starts at a conditional jump"),
        };
        hot.push(cond);
        // The check's `ok` label stays only if something else jumps there.
        if refs.get(ok as usize).is_some_and(|&r| r > 1) {
            hot.push(Inst::Label(ok));
        }
        // A line the path stated holds after it, as it did.
        if let Some(l) = last_line(&old[p.jump + 1..=p.call]) {
            hot.push(Inst::Line(l));
        }
        cold.push(Inst::Label(label));
        if let Some(c) = p.at.inl {
            cold.push(Inst::InlineResume(c));
        }
        if let Some(l) = p.at.line {
            cold.push(Inst::Line(l));
        }
        cold.extend(old[p.jump + 1..=p.call].iter().cloned());
        if let Some(c) = p.at.inl {
            cold.push(Inst::InlineEnd(c));
        }
        k = p.call + 2;
    }
    hot.extend(cold);
    body.insts = hot;
}

/// The body's guarded panic paths, in order.
fn find(body: &Body) -> Vec<ColdPath> {
    let insts = &body.insts;
    let mut out = vec![];
    let mut at = Position { inl: None, line: None };
    // The caller's position at each open inlined call.
    let mut outer: Vec<Position> = vec![];
    let mut k = 0;
    while k < insts.len() {
        match &insts[k] {
            Inst::Line(l) => at.line = Some(*l),
            Inst::InlineMark(c) | Inst::InlineResume(c) => {
                outer.push(at);
                at = Position { inl: Some(*c), line: None };
            }
            Inst::InlineEnd(_) => at = outer.pop().unwrap_or(Position { inl: None, line: None }),
            Inst::JumpIf { target, .. } | Inst::JumpIfNot { target, .. } => {
                // Only the function's own lines and one level of inlined
                // copy have a position the end of the body can restate
                // (the inline records describe one level).
                if let (Some(call), true) = (path_end(insts, k, *target), outer.len() <= 1 && (at.line.is_some() || at.inl.is_some())) {
                    out.push(ColdPath { jump: k, call, at });
                    at.line = last_line(&insts[k + 1..=call]).or(at.line);
                    k = call + 2;
                    continue;
                }
            }
            _ => {}
        }
        k += 1;
    }
    out
}

/// The last line `insts` state, if any.
fn last_line(insts: &[Inst]) -> Option<u32> {
    insts.iter().rev().find_map(|i| match i {
        Inst::Line(l) => Some(*l),
        _ => None,
    })
}

/// The index of the never-returning runtime call that ends the straight
/// path after the conditional jump at `jump`, when `Label(ok)` follows it.
fn path_end(insts: &[Inst], jump: usize, ok: Label) -> Option<usize> {
    let mut k = jump + 1;
    loop {
        match insts.get(k)? {
            Inst::CallRuntime { func, .. } if NEVER_RETURN.contains(func) => {
                return matches!(insts.get(k + 1), Some(Inst::Label(l)) if *l == ok).then_some(k);
            }
            Inst::Move { .. } | Inst::Bin { .. } | Inst::Un { .. } | Inst::Convert { .. } | Inst::Copy { .. } | Inst::Zero { .. } | Inst::AddrOf { .. } | Inst::Comment(_) | Inst::Line(_) => {
                k += 1
            }
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::outline;
    use crate::ir::{Addr, BinOp, Body, Inst, Operand, Scalar, Slot};
    use crate::runtime_abi as rt;

    fn check(ok: u32) -> Vec<Inst> {
        vec![
            Inst::Bin { op: BinOp::Lt, ty: Scalar::U64, dst: Addr::Slot(0, 0), a: Operand::Mem(Addr::Slot(1, 0)), b: Operand::Imm(4) },
            Inst::JumpIf { cond: Operand::Mem(Addr::Slot(0, 0)), target: ok },
            Inst::CallRuntime { func: rt::PANIC_INDEX, args: vec![(Scalar::I64, Operand::Mem(Addr::Slot(1, 0))), (Scalar::I64, Operand::Imm(4))], rets: vec![] },
            Inst::Label(ok),
        ]
    }

    fn body(insts: Vec<Inst>, nlabels: u32) -> Body {
        Body { slots: vec![Slot::scalar(1, 1), Slot::scalar(8, 8)], insts, nlabels, ..Body::default() }
    }

    fn work() -> Inst {
        Inst::Move { ty: Scalar::I64, dst: Addr::Slot(1, 0), src: Operand::Imm(7) }
    }

    #[test]
    fn a_checked_panic_moves_to_the_end_with_its_line() {
        let mut insts = vec![Inst::Line(5)];
        insts.extend(check(0));
        insts.push(work());
        insts.push(Inst::Ret);
        let mut b = body(insts, 1);
        outline(&mut b);
        let call = check(0)[2].clone();
        assert_eq!(
            b.insts,
            vec![
                Inst::Line(5),
                check(0)[0].clone(),
                Inst::JumpIfNot { cond: Operand::Mem(Addr::Slot(0, 0)), target: 1 },
                work(),
                Inst::Ret,
                Inst::Label(1),
                Inst::Line(5),
                call,
            ]
        );
        assert_eq!(b.nlabels, 2);
    }

    #[test]
    fn a_label_other_jumps_reach_stays_and_inlined_paths_resume_their_frame() {
        let mut insts = vec![Inst::Line(3), Inst::InlineMark(0), Inst::Line(40)];
        insts.extend(check(0));
        insts.push(Inst::InlineEnd(0));
        insts.push(Inst::Jump(0));
        let mut b = body(insts, 1);
        outline(&mut b);
        let tail: Vec<Inst> = b.insts[b.insts.iter().position(|i| *i == Inst::Label(1)).unwrap()..].to_vec();
        assert_eq!(tail, vec![Inst::Label(1), Inst::InlineResume(0), Inst::Line(40), check(0)[2].clone(), Inst::InlineEnd(0)]);
        assert!(b.insts.contains(&Inst::Label(0)), "the back jump still needs the label");
    }

    #[test]
    fn paths_with_control_flow_or_without_a_position_stay() {
        // No line yet: the end of the body could not restate it.
        let mut b = body(check(0), 1);
        outline(&mut b);
        assert_eq!(b.insts, check(0));
        // A label inside the path.
        let mut insts = vec![Inst::Line(1)];
        let mut c = check(0);
        c.insert(2, Inst::Label(1));
        insts.extend(c);
        let mut b = body(insts.clone(), 2);
        outline(&mut b);
        assert_eq!(b.insts, insts);
    }
}
