//! Inlining: a direct call of a small function becomes a copy of the
//! function's body in the caller.
//!
//! Go's ABIInternal saves no register across a call, so a call in a loop
//! sends every value the loop keeps in registers to memory and back
//! (`isa/regs.rs`); a loop whose only call is to a two-line function (the
//! Benchmarks Game's spectral-norm calls `a(i, j)` n² times) runs from
//! memory. Copying the body in makes the loop call-free, and a call of a
//! getter, a `//rgo:atomic` binding or a `math` helper costs no call.
//!
//! What is inlined: a function compiled from source (not a closure or a
//! wrapper), not marked `//go:noinline` (`Program::noinline`), whose body
//! weighs at most [`BUDGET`] (an instruction 1, a runtime call
//! [`RUNTIME_CALL_COST`], a call of a Go function [`CALL_COST`]), or
//! [`SEEN_BUDGET`] if a stack walk can stop in it, with at most
//! [`MAX_FRAME`] bytes of slots, that reads
//! nothing about its own frame (no operand only the backend can spell:
//! frame pointer, argument pointer, panicking; no landing pad; no call of
//! a [`crate::runtime_abi::FRAME_BOUND`] entry: `defer` and `recover` keep
//! their frame). A body with copies of its own in them is copied only if
//! those copies need no frame (below): the inline records describe one
//! level; the pass runs [`ROUNDS`] times, so such a function, once its
//! calls are replaced, is copied into its callers in the next round.
//!
//! The copy stays a frame in what Go shows: an [`Inst::InlineMark`] (one
//! no-op, at the call's line) before it stands for the caller's frame, the
//! copy's lines are the inlined function's, and the function tables carry a
//! record per inlined call (`RGO_GCFUNC_INL` of `rgo_abi.h`), so tracebacks,
//! `runtime.Callers`, `runtime.Caller`'s skip counts and `FuncForPC` see
//! the inlined function's frame as gc's do. The collector walks physical
//! frames: the copy's slots are the caller's. A copy no stack walk can stop
//! in (no call, poll, access through a pointer or division that may trap:
//! [`quiet`]) needs none of that and gets none: it costs no no-op in a
//! loop, and its code keeps the call's line.
//!
//! The copy gets slots and labels of its own in the caller; the arguments
//! are moved into its parameter slots, each `Ret` jumps past the copy, and
//! its result slots are moved to the call's results (one move per ABI step,
//! so scalars stay candidates for registers).

use crate::diag::Pos;
use crate::ir::{Addr, Body, Callee, Func, FuncKind, InlinedCall, Inst, Label, Operand, Program, Scalar, SlotId, Special};
use reflect::abi::{Placement, Seq, StepKind};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// The weight an inlined body has at most. gc's budget is 80 nodes of its
/// syntax tree; an IR instruction is about one Go operation.
pub const BUDGET: usize = 40;

/// The weight a body that needs a frame of its own when inlined (one with
/// a call, a poll, an access through a pointer or a trapping division)
/// has at most: each copy of such a body brings its runtime calls' code,
/// safepoints and line records along, and a record of its own.
pub const SEEN_BUDGET: usize = 22;

/// What a call of a Go function in an inlined body weighs (its argument
/// and result moves are instructions of their own).
pub const CALL_COST: usize = 16;

/// What a runtime call weighs (a bounds check's panic is one): the switch
/// to the system stack and back is a dozen instructions.
pub const RUNTIME_CALL_COST: usize = 4;

/// Bytes of slots an inlined body has at most: every copy adds its slots
/// to the caller's frame.
pub const MAX_FRAME: u32 = 512;

/// A caller stops growing by inlining at this many instructions.
const MAX_CALLER: usize = 20_000;

/// How many times calls are replaced: a function whose calls were all
/// replaced by copies no stack walk can stop in (so it has no inline
/// records) may be small enough to be copied in turn, as `bits.Add`, which
/// calls `bits.Add64`, into math/big's loops. (gc inlines bottom-up to any
/// depth within its budget.)
const ROUNDS: usize = 3;

/// A body that may be copied into its callers.
struct Inlinable {
    abi: Arc<reflect::abi::FuncAbi>,
    pos: Pos,
    body: Body,
    /// Some instruction of the body can be a frame's code address: a
    /// call (a safepoint, a panic), a loop's poll, an access through a
    /// pointer or a division that may fault. A copy of a body with none
    /// needs no frame of its own: no mark, no record, no lines.
    seen: bool,
}

/// Copies the bodies of small functions into their direct callers, but for
/// the functions of packages `no_inline` names by import path (`-gcflags=-l`:
/// their calls stay calls, and they are copied nowhere).
pub fn inline_calls_in(prog: &mut Program, no_inline: &(dyn Fn(&str) -> bool + Sync)) {
    let off = |sym: &str| crate::ir::symbol_package(sym).is_some_and(no_inline);
    // Round k + 1 offers only the functions round k changed: the others
    // were offered already, and their calls left are of functions that
    // cannot be inlined.
    let mut changed: Option<HashSet<String>> = None;
    for _ in 0..ROUNDS {
        let callees: HashMap<String, Inlinable> = prog
            .funcs
            .iter()
            .filter(|f| changed.as_ref().map_or(true, |c| c.contains(&f.sym)) && !off(&f.sym))
            .filter_map(|f| match (&f.kind, &f.pos, inlinable(f, &prog.noinline)) {
                (FuncKind::Code(b), Some(pos), Some(seen)) => {
                    Some((f.sym.clone(), Inlinable { abi: f.abi.clone(), pos: pos.clone(), body: b.clone(), seen }))
                }
                _ => None,
            })
            .collect();
        if callees.is_empty() {
            return;
        }
        // Each caller changes alone, reading the callees' copies taken
        // above: the callers go to threads.
        use rayon::prelude::*;
        let now = prog
            .funcs
            .par_iter_mut()
            .filter_map(|f| {
                // Code the compiler generated (the program's entry, wrappers) keeps
                // its calls: the functions it calls are frames of their own there,
                // as gc's runtime.main calls main.main.
                let (FuncKind::Code(body), Some(_)) = (&mut f.kind, &f.pos) else {
                    return None;
                };
                if off(&f.sym) {
                    return None;
                }
                if !inline_calls(&f.sym, body, &callees) {
                    return None;
                }
                super::forward_temps(body);
                crate::isa::liveness::track_stack_addresses(body);
                Some(f.sym.clone())
            })
            .collect::<HashSet<String>>();
        changed = Some(now);
    }
}

/// Whether `f` is a function whose body may replace its calls (the module
/// documentation says which): if so, whether a stack walk can stop in it.
fn inlinable(f: &Func, noinline: &HashSet<String>) -> Option<bool> {
    let FuncKind::Code(b) = &f.kind else {
        return None;
    };
    if f.pos.is_none() || b.ctx.is_some() || noinline.contains(&f.sym) || !b.inlined.is_empty() {
        return None;
    }
    if b.slots.iter().map(|s| s.size).sum::<u32>() > MAX_FRAME {
        return None;
    }
    let (mut weight, mut seen) = (0, false);
    for inst in &b.insts {
        weight += match inst {
            Inst::Comment(_) | Inst::Line(_) | Inst::Label(_) => 0,
            Inst::Landing(_) | Inst::InlineMark(_) | Inst::InlineResume(_) | Inst::InlineEnd(_) => return None,
            Inst::CallRuntime { func, .. } if crate::runtime_abi::FRAME_BOUND.contains(func) => return None,
            Inst::Call { .. } => CALL_COST,
            Inst::CallRuntime { .. } => RUNTIME_CALL_COST,
            _ => 1,
        };
        seen |= !quiet(inst);
        if weight > BUDGET || reads_frame(inst) {
            return None;
        }
    }
    (weight <= if seen { SEEN_BUDGET } else { BUDGET }).then_some(seen)
}

/// Whether no stack walk can stop at `inst`: it calls nothing, is no
/// poll, reads and writes no memory through a pointer, and divides only by
/// a constant other than zero.
fn quiet(inst: &Inst) -> bool {
    let not_deref = |a: &Addr| !matches!(a, Addr::Deref(..));
    let op = |o: &Operand| match o {
        Operand::Mem(a) => not_deref(a),
        Operand::Special(_) => false,
        Operand::Imm(_) | Operand::Float(_) | Operand::SymAddr(..) => true,
    };
    match inst {
        Inst::Comment(_) | Inst::Line(_) | Inst::Label(_) | Inst::Jump(_) | Inst::Ret => true,
        Inst::JumpIf { cond, .. } | Inst::JumpIfNot { cond, .. } => op(cond),
        Inst::Move { dst, src, .. } => not_deref(dst) && op(src),
        Inst::Copy { dst, src, .. } => not_deref(dst) && not_deref(src),
        Inst::Zero { dst, .. } => not_deref(dst),
        Inst::AddrOf { dst, src } => not_deref(dst) && not_deref(src),
        Inst::Bin { op: bin, ty, dst, a, b } => {
            let traps = matches!(bin, crate::ir::BinOp::Div | crate::ir::BinOp::Rem) && !ty.is_float() && !matches!(b, Operand::Imm(v) if *v != 0);
            !traps && not_deref(dst) && op(a) && op(b)
        }
        Inst::Un { dst, a, .. } => not_deref(dst) && op(a),
        Inst::Convert { dst, src, .. } => not_deref(dst) && op(src),
        _ => false,
    }
}

/// Whether `inst` has an operand only the backend can spell (the frame
/// pointer, the argument pointer, the call area, a landing's address, the
/// panicking record): what identifies the function's own frame.
fn reads_frame(inst: &Inst) -> bool {
    let mut found = false;
    inst.clone().visit_mut(&mut |o| found |= matches!(o, Operand::Special(_)), &mut |_, _| {});
    found
}

/// Replaces the calls in `body` (of function `me`) of functions in
/// `callees` by copies of their bodies; whether it replaced any.
fn inline_calls(me: &str, body: &mut Body, callees: &HashMap<String, Inlinable>) -> bool {
    let wanted = |inst: &Inst| match inst {
        Inst::Call { callee: Callee::Direct(sym), args, results, .. } if sym != me => {
            callees.get(sym).filter(|c| c.body.params.len() == args.len() && c.body.results.len() == results.len())
        }
        _ => None,
    };
    if !body.insts.iter().any(|i| wanted(i).is_some()) {
        return false;
    }
    let old = std::mem::take(&mut body.insts);
    let mut out = Vec::with_capacity(old.len());
    for inst in old {
        match wanted(&inst) {
            Some(c) if out.len() < MAX_CALLER => {
                let Inst::Call { callee: Callee::Direct(sym), args, results, .. } = &inst else { unreachable!() };
                copy_body(body, &mut out, sym, c, args, results);
            }
            _ => out.push(inst),
        }
    }
    body.insts = out;
    true
}

/// Appends to `out` the body of `c` (symbol `sym`) with its own slots and
/// labels in `body`, reading its arguments from `args` and writing its
/// results to `results`, between the marks of a new inlined call.
fn copy_body(body: &mut Body, out: &mut Vec<Inst>, sym: &str, c: &Inlinable, args: &[Addr], results: &[Addr]) {
    let base = body.slots.len() as SlotId;
    body.slots.extend(c.body.slots.iter().cloned());
    let lbase = body.nlabels;
    body.nlabels += c.body.nlabels;
    let slot = |s: SlotId| s + base;
    let mut end: Option<Label> = None;
    let k = body.inlined.len() as u32;
    if c.seen {
        body.inlined.push(InlinedCall { sym: sym.to_string(), pos: c.pos.clone(), no_params: c.abi.call.values.is_empty() });
    }
    out.push(Inst::Comment(format!("inlined {sym}")));
    for (v, (&p, a)) in c.body.params.iter().zip(args).enumerate() {
        move_value(out, &c.abi.call, v, Addr::Slot(slot(p), 0), a, c.body.slots[p as usize].size);
    }
    if c.seen {
        out.push(Inst::InlineMark(k));
    }
    let last = c.body.insts.iter().rposition(|i| !matches!(i, Inst::Comment(_) | Inst::Line(_)));
    for (j, inst) in c.body.insts.iter().enumerate() {
        match inst {
            Inst::Ret if Some(j) == last => {}
            // Unseen code keeps the call's line.
            Inst::Line(_) if !c.seen => {}
            Inst::Ret => {
                let l = *end.get_or_insert_with(|| {
                    body.nlabels += 1;
                    body.nlabels - 1
                });
                out.push(Inst::Jump(l));
            }
            _ => {
                let mut i = inst.clone();
                renumber(&mut i, &slot, &|l| l + lbase);
                out.push(i);
            }
        }
    }
    if let Some(l) = end {
        out.push(Inst::Label(l));
    }
    if c.seen {
        out.push(Inst::InlineEnd(k));
    }
    for (v, (&r, d)) in c.body.results.iter().zip(results).enumerate() {
        move_value(out, &c.abi.ret, v, d.clone(), &Addr::Slot(slot(r), 0), c.body.slots[r as usize].size);
    }
    body.iface_calls.extend(c.body.iface_calls.iter().cloned());
}

/// Moves value `k` of `seq` (`size` bytes) from `src` to `dst`: a move per
/// register step, a copy for a value passed in memory.
fn move_value(out: &mut Vec<Inst>, seq: &Seq, k: usize, dst: Addr, src: &Addr, size: u32) {
    let v = &seq.values[k];
    match v.placement {
        Placement::ZeroSized { .. } => {}
        Placement::Stack { .. } => out.push(Inst::Copy { dst, src: src.clone(), size }),
        Placement::Registers { .. } => {
            for st in &seq.steps[v.steps.start as usize..v.steps.end as usize] {
                let ty = match (st.kind, st.size) {
                    (StepKind::FloatReg, 8) => Scalar::F64,
                    (StepKind::FloatReg, _) => Scalar::F32,
                    (_, 8) => Scalar::U64,
                    (_, 4) => Scalar::U32,
                    (_, 2) => Scalar::U16,
                    _ => Scalar::U8,
                };
                let off = st.offset as i32;
                out.push(Inst::Move { ty, dst: dst.offset(off), src: Operand::Mem(src.offset(off)) });
            }
        }
    }
}

/// Renames the slots and labels `inst` names.
pub fn renumber(inst: &mut Inst, slot: &impl Fn(SlotId) -> SlotId, label: &impl Fn(Label) -> Label) {
    match inst {
        Inst::Label(l) | Inst::Jump(l) | Inst::Landing(l) => *l = label(*l),
        Inst::JumpIf { target, .. } | Inst::JumpIfNot { target, .. } => *target = label(*target),
        _ => {}
    }
    inst.visit_mut(
        &mut |o| {
            if let Operand::Special(Special::Label(l)) = o {
                *l = label(*l);
            }
        },
        &mut |a, _| {
            if let Addr::Slot(s, _) | Addr::Deref(s, _) = a {
                *s = slot(*s);
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{BinOp, Slot};
    use reflect::abi::FuncAbi;

    fn void() -> Arc<FuncAbi> {
        Arc::new(FuncAbi::from_parts(&reflect::abi::arch::AMD64, None, &[], &[]).unwrap())
    }

    fn func(sym: &str, insts: Vec<Inst>) -> Func {
        let body = Body { slots: vec![Slot::scalar(8, 8); 2], insts, ..Body::default() };
        Func { sym: sym.into(), abi: void(), kind: FuncKind::Code(body), pos: Some(Pos::new("/src/a.go".into(), 3, 1)) }
    }

    fn call(s: &str) -> Inst {
        Inst::Call { callee: Callee::Direct(s.into()), abi: void(), args: vec![], results: vec![] }
    }

    fn add() -> Inst {
        Inst::Bin { op: BinOp::Add, ty: Scalar::U64, dst: Addr::Slot(0, 0), a: Operand::Mem(Addr::Slot(1, 0)), b: Operand::Imm(1) }
    }

    fn load() -> Inst {
        Inst::Move { ty: Scalar::U64, dst: Addr::Slot(0, 0), src: Operand::Mem(Addr::Deref(1, 0)) }
    }

    fn body(p: &Program, sym: &str) -> Vec<Inst> {
        match &p.funcs.iter().find(|f| f.sym == sym).unwrap().kind {
            FuncKind::Code(b) => b.insts.clone(),
            _ => unreachable!(),
        }
    }

    #[test]
    fn what_keeps_its_frame() {
        let none: HashSet<String> = HashSet::new();
        assert_eq!(inlinable(&func("a", vec![add(), Inst::Ret]), &none), Some(false));
        assert_eq!(inlinable(&func("a", vec![load(), call("g"), Inst::Ret]), &none), Some(true));
        let marked: HashSet<String> = ["a".to_string()].into();
        assert_eq!(inlinable(&func("a", vec![add(), Inst::Ret]), &marked), None);
        let recover = Inst::CallRuntime { func: crate::runtime_abi::GORECOVER, args: vec![], rets: vec![] };
        assert_eq!(inlinable(&func("a", vec![recover, Inst::Ret]), &none), None);
        let fp = Inst::Move { ty: Scalar::U64, dst: Addr::Slot(0, 0), src: Operand::Special(Special::FramePointer) };
        assert_eq!(inlinable(&func("a", vec![fp, Inst::Ret]), &none), None);
        assert_eq!(inlinable(&func("a", vec![Inst::Landing(0), Inst::Ret]), &none), None);
        assert_eq!(inlinable(&func("a", vec![add(); BUDGET + 1]), &none), None);
        assert_eq!(inlinable(&func("a", vec![call("g"), call("g"), call("g"), call("g"), call("g")]), &none), None);
        // A body a stack walk can stop in is held to the smaller budget.
        let mut seen = vec![load()];
        seen.extend(vec![add(); SEEN_BUDGET]);
        assert_eq!(inlinable(&func("a", seen), &none), None);
        assert_eq!(inlinable(&func("a", vec![add(); SEEN_BUDGET + 1]), &none), Some(false));
        let mut generated = func("a", vec![add(), Inst::Ret]);
        generated.pos = None;
        assert_eq!(inlinable(&generated, &none), None);
    }

    /// A copy that may fault is a frame of its own (a mark, a record, its
    /// lines); one that cannot needs none; generated code and recursive
    /// calls keep their calls.
    #[test]
    fn copies_and_their_marks() {
        let mut p = Program {
            funcs: vec![
                func("quiet", vec![Inst::Line(4), add(), Inst::Ret]),
                func("seen", vec![Inst::Line(9), load(), Inst::Ret]),
                func("main", vec![Inst::Line(20), call("quiet"), call("seen"), call("main"), Inst::Ret]),
            ],
            ..Program::default()
        };
        p.funcs.push(Func { pos: None, ..func("entry", vec![call("main"), Inst::Ret]) });
        inline_calls_in(&mut p, &|_| false);
        let main = body(&p, "main");
        let marks: Vec<&Inst> = main.iter().filter(|i| matches!(i, Inst::InlineMark(_) | Inst::InlineEnd(_) | Inst::Line(_))).collect();
        assert_eq!(marks, vec![&Inst::Line(20), &Inst::InlineMark(0), &Inst::Line(9), &Inst::InlineEnd(0)]);
        assert!(!main.iter().any(|i| matches!(i, Inst::Call { callee: Callee::Direct(s), .. } if s != "main")));
        assert!(main.iter().any(|i| matches!(i, Inst::Call { callee: Callee::Direct(s), .. } if s == "main")));
        let FuncKind::Code(b) = &p.funcs[2].kind else { unreachable!() };
        assert_eq!(b.inlined.len(), 1);
        assert_eq!((b.inlined[0].sym.as_str(), b.slots.len()), ("seen", 6));
        assert_eq!(body(&p, "entry"), vec![call("main"), Inst::Ret]);
    }

    /// `-gcflags=-l` for a package: its calls stay calls, and its functions
    /// are copied into no other package's code.
    #[test]
    fn packages_without_inlining() {
        let program = || Program {
            funcs: vec![func("a.leaf", vec![Inst::Line(4), add(), Inst::Ret]), func("b.caller", vec![Inst::Line(9), call("a.leaf"), Inst::Ret])],
            ..Program::default()
        };
        let calls_leaf = |p: &Program| body(p, "b.caller").iter().any(|i| matches!(i, Inst::Call { callee: Callee::Direct(s), .. } if s == "a.leaf"));
        for (off, kept) in [("", false), ("a", true), ("b", true)] {
            let mut p = program();
            inline_calls_in(&mut p, &|pkg| pkg == off);
            assert_eq!(calls_leaf(&p), kept, "-l for {off:?}");
        }
    }
}
