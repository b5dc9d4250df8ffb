//! Inlining: a direct call of a small function becomes a copy of the
//! function's body in the caller.
//!
//! Go's ABIInternal saves no register across a call, so a call in a loop
//! sends every value the loop keeps in registers to memory and back
//! (`isa/regs.rs`); a loop whose only call is to a two-line function (the
//! Benchmarks Game's spectral-norm calls `a(i, j)` n² times) runs from
//! memory. Copying the body in makes the loop call-free.
//!
//! What is inlined, for now, is code no stack walk can see: a function
//! compiled from source, not a closure or a wrapper, not marked
//! `//go:noinline` (`Program::noinline`), of at most [`BUDGET`]
//! instructions, that calls nothing (no Go call, no runtime call, so no
//! panic it raises itself), has no loop (a loop has a preemption point, a
//! safepoint), reads no memory through a pointer (a nil one faults) and
//! divides only by constants (a zero divisor traps). So no instruction of
//! the copy is ever a frame's code address in a traceback, `runtime.Callers`
//! or the collector's stack walk, and inlining changes nothing a program
//! can observe but its speed and frame sizes: gc's tracebacks would show
//! the inlined function's frame, and there is none to show. Functions that
//! may fault or call the runtime wait for inline records in the function
//! tables (docs/codegen.md).
//!
//! The copy gets slots and labels of its own in the caller; the arguments
//! are moved into its parameter slots, each `Ret` jumps past the copy, and
//! its result slots are moved to the call's results (one move per ABI step,
//! so scalars stay candidates for registers).

use crate::ir::{Addr, Body, Callee, Func, FuncKind, Inst, Label, Operand, Program, Scalar, SlotId, Special};
use reflect::abi::{Placement, Seq, StepKind};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Instructions (comments, labels and line marks aside) an inlined body has
/// at most. gc's budget is 80 nodes of its syntax tree; an IR instruction
/// is about one Go operation.
pub const BUDGET: usize = 40;

/// A caller stops growing by inlining at this many instructions.
const MAX_CALLER: usize = 20_000;

/// A body that may be copied into its callers.
struct Inlinable {
    abi: Arc<reflect::abi::FuncAbi>,
    body: Body,
}

/// Copies the bodies of small leaf functions into their direct callers.
pub fn inline_leaves(prog: &mut Program) {
    let callees: HashMap<String, Inlinable> = prog
        .funcs
        .iter()
        .filter(|f| inlinable(f, &prog.noinline))
        .filter_map(|f| match &f.kind {
            FuncKind::Code(b) => Some((f.sym.clone(), Inlinable { abi: f.abi.clone(), body: b.clone() })),
            _ => None,
        })
        .collect();
    if callees.is_empty() {
        return;
    }
    for f in &mut prog.funcs {
        let FuncKind::Code(body) = &mut f.kind else {
            continue;
        };
        if inline_calls(body, &callees) {
            super::forward_temps(body);
            crate::isa::liveness::track_stack_addresses(body);
        }
    }
}

/// Whether `f` is a function whose body may replace its calls (the module
/// documentation says which).
fn inlinable(f: &Func, noinline: &HashSet<String>) -> bool {
    let FuncKind::Code(b) = &f.kind else {
        return false;
    };
    if f.pos.is_none() || b.ctx.is_some() || noinline.contains(&f.sym) {
        return false;
    }
    let mut n = 0;
    for inst in &b.insts {
        let quiet = match inst {
            Inst::Comment(_) | Inst::Line(_) | Inst::Label(_) => continue,
            Inst::Jump(_) | Inst::Ret => true,
            Inst::JumpIf { cond, .. } | Inst::JumpIfNot { cond, .. } => quiet_operand(cond),
            Inst::Move { dst, src, .. } => quiet_addr(dst) && quiet_operand(src),
            Inst::Copy { dst, src, .. } => quiet_addr(dst) && quiet_addr(src),
            Inst::Zero { dst, .. } => quiet_addr(dst),
            Inst::AddrOf { dst, src: Addr::Global(..) } => quiet_addr(dst),
            Inst::Bin { op, ty, dst, a, b } => {
                let traps = matches!(op, crate::ir::BinOp::Div | crate::ir::BinOp::Rem) && !ty.is_float() && !matches!(b, Operand::Imm(v) if *v != 0);
                !traps && quiet_addr(dst) && quiet_operand(a) && quiet_operand(b)
            }
            Inst::Un { dst, a, .. } => quiet_addr(dst) && quiet_operand(a),
            Inst::Convert { dst, src, .. } => quiet_addr(dst) && quiet_operand(src),
            _ => false,
        };
        n += 1;
        if !quiet || n > BUDGET {
            return false;
        }
    }
    // A backward jump is a loop (which would have a preemption point).
    let mut at = vec![usize::MAX; b.nlabels as usize];
    for (k, inst) in b.insts.iter().enumerate() {
        if let Inst::Label(l) = inst {
            at[*l as usize] = k;
        }
    }
    !b.insts.iter().enumerate().any(|(k, inst)| match inst {
        Inst::Jump(l) | Inst::JumpIf { target: l, .. } | Inst::JumpIfNot { target: l, .. } => at[*l as usize] <= k,
        _ => false,
    })
}

/// An address whose access cannot fault: not through a pointer.
fn quiet_addr(a: &Addr) -> bool {
    !matches!(a, Addr::Deref(..))
}

fn quiet_operand(o: &Operand) -> bool {
    match o {
        Operand::Mem(a) => quiet_addr(a),
        Operand::Special(_) => false,
        Operand::Imm(_) | Operand::Float(_) | Operand::SymAddr(..) => true,
    }
}

/// Replaces the calls in `body` of functions in `callees` by copies of
/// their bodies; whether it replaced any.
fn inline_calls(body: &mut Body, callees: &HashMap<String, Inlinable>) -> bool {
    let wanted = |inst: &Inst| match inst {
        Inst::Call { callee: Callee::Direct(sym), args, results, .. } => {
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
/// results to `results`.
fn copy_body(body: &mut Body, out: &mut Vec<Inst>, sym: &str, c: &Inlinable, args: &[Addr], results: &[Addr]) {
    let base = body.slots.len() as SlotId;
    body.slots.extend(c.body.slots.iter().cloned());
    let lbase = body.nlabels;
    body.nlabels += c.body.nlabels;
    let slot = |s: SlotId| s + base;
    let mut end: Option<Label> = None;
    out.push(Inst::Comment(format!("inlined {sym}")));
    for (k, (&p, a)) in c.body.params.iter().zip(args).enumerate() {
        move_value(out, &c.abi.call, k, Addr::Slot(slot(p), 0), a, c.body.slots[p as usize].size);
    }
    let last = c.body.insts.iter().rposition(|i| !matches!(i, Inst::Comment(_) | Inst::Line(_)));
    for (k, inst) in c.body.insts.iter().enumerate() {
        match inst {
            // The copy's code is the call's line (no frame of its own).
            Inst::Line(_) => {}
            Inst::Ret if Some(k) == last => {}
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
    for (k, (&r, d)) in c.body.results.iter().zip(results).enumerate() {
        move_value(out, &c.abi.ret, k, d.clone(), &Addr::Slot(slot(r), 0), c.body.slots[r as usize].size);
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
    let addr = |a: &mut Addr| match a {
        Addr::Slot(s, _) | Addr::Deref(s, _) => *s = slot(*s),
        Addr::Global(..) => {}
    };
    let operand = |o: &mut Operand| match o {
        Operand::Mem(a) => addr(a),
        Operand::Special(Special::Label(l)) => *l = label(*l),
        _ => {}
    };
    match inst {
        Inst::Label(l) | Inst::Jump(l) | Inst::Landing(l) => *l = label(*l),
        Inst::JumpIf { cond, target } | Inst::JumpIfNot { cond, target } => {
            operand(cond);
            *target = label(*target);
        }
        Inst::Move { dst, src, .. } => {
            addr(dst);
            operand(src);
        }
        Inst::Copy { dst, src, .. } => {
            addr(dst);
            addr(src);
        }
        Inst::Zero { dst, .. } => addr(dst),
        Inst::AddrOf { dst, src } => {
            addr(dst);
            addr(src);
        }
        Inst::Bin { dst, a, b, .. } => {
            addr(dst);
            operand(a);
            operand(b);
        }
        Inst::Un { dst, a, .. } => {
            addr(dst);
            operand(a);
        }
        Inst::Convert { dst, src, .. } => {
            addr(dst);
            operand(src);
        }
        Inst::Call { callee, args, results, .. } => {
            if let Callee::Closure(o) | Callee::Indirect(o) = callee {
                operand(o);
            }
            args.iter_mut().chain(results.iter_mut()).for_each(addr);
        }
        Inst::CallRuntime { args, rets, .. } => {
            args.iter_mut().for_each(|(_, o)| operand(o));
            rets.iter_mut().for_each(|(_, a)| addr(a));
        }
        Inst::Atomic { addr: p, val, old, dst, .. } => {
            operand(p);
            val.iter_mut().chain(old.iter_mut()).for_each(operand);
            dst.iter_mut().for_each(addr);
        }
        Inst::VolatileLoad { addr: p, dst, .. } => {
            operand(p);
            addr(dst);
        }
        Inst::VolatileStore { addr: p, val, .. } => {
            operand(p);
            operand(val);
        }
        Inst::Ret | Inst::Poll | Inst::Comment(_) | Inst::Line(_) => {}
    }
}
