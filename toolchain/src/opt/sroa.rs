//! Small aggregates split into words.
//!
//! A slice, a string, an interface or a small struct lives in one frame slot
//! of two to four words, and `isa/regs.rs` gives registers only to slots of
//! one word: a loop over a slice parameter loaded the slice's pointer and
//! length from the frame on every iteration, and `a[i], a[j] = a[j], a[i]`
//! copied the slice header through memory twice. [`split_aggregates`]
//! gives each word of such a slot a slot of its own (gc's SSA decomposes
//! the same values into their parts), so each word can have a register.
//!
//! A slot is split when every instruction names it by words: scalar
//! accesses within one word, copies and zeroings of whole words, the pointer
//! of a `Deref`. Its address is never taken, and it is no closure context,
//! no result, and no argument or result of a Go call (those move by the
//! ABI's steps from one slot). A parameter whose every word arrives whole
//! in a register of its own (`func (c Counter) Peek()` with `Counter` two
//! ints) is split always: the entry moves each register straight to its
//! word's slot ([`Body::param_words`]), so a small method on a value
//! receiver needs no frame. Any other parameter is split only when a loop
//! reads or writes it: it still arrives in its slot, and a move per word at
//! the entry takes it from there, a cost worth paying once per call only
//! for what a loop then saves. Bodies with a landing pad keep their slots
//! (no value lives in a register there).

use crate::ir::{Addr, BinOp, Body, Callee, Inst, Operand, ParamWord, PtrMask, Scalar, Slot, SlotId, UnOp};
use reflect::abi::{FuncAbi, StepKind};

/// Slots of two to four words are split.
const MAX_WORDS: u32 = 4;

/// How a word of a candidate is accessed whole.
#[derive(Clone, Copy, Default, PartialEq)]
struct WordUse {
    int: bool,
    float: bool,
}

/// One candidate's state while the body is scanned.
#[derive(Clone)]
struct Cand {
    ok: bool,
    words: Vec<WordUse>,
    in_loop: bool,
}

/// Splits the small aggregates of `body` (a function of calling convention
/// `abi`) into a slot per word (see the module's doc).
pub fn split_aggregates(body: &mut Body, abi: &FuncAbi) {
    if body.insts.iter().any(|i| matches!(i, Inst::Landing(_))) {
        return;
    }
    let mut cands: Vec<Option<Cand>> = body
        .slots
        .iter()
        .map(|s| {
            let words = s.size / 8;
            (s.size % 8 == 0 && s.align >= 8 && (2..=MAX_WORDS).contains(&words))
                .then(|| Cand { ok: true, words: vec![WordUse::default(); words as usize], in_loop: false })
        })
        .collect();
    let reject = |s: SlotId, cands: &mut Vec<Option<Cand>>| {
        if let Some(Some(c)) = cands.get_mut(s as usize) {
            c.ok = false;
        }
    };
    for &s in body.results.iter().chain(body.ctx.iter()) {
        reject(s, &mut cands);
    }
    let depth = body.loop_depths(&body.label_positions());
    for (i, inst) in body.insts.iter().enumerate() {
        let mut seen: Vec<SlotId> = vec![];
        accesses(inst, &mut |a: Access| {
            let s = a.slot;
            let Some(Some(c)) = cands.get_mut(s as usize) else { return };
            seen.push(s);
            match a.kind {
                Kind::Pinned => c.ok = false,
                Kind::Scalar { off, size, ty } => {
                    let w = (off / 8) as usize;
                    if off < 0 || off % 8 + size as i32 > 8 || w >= c.words.len() {
                        c.ok = false;
                    } else if size == 8 && off % 8 == 0 {
                        match ty {
                            Some(t) if t.is_float() => c.words[w].float = true,
                            Some(_) => c.words[w].int = true,
                            None => {}
                        }
                    }
                }
                Kind::Block { off, size } => {
                    let within = off >= 0 && (off % 8) as u32 + size <= 8;
                    let words = off >= 0 && off % 8 == 0 && size % 8 == 0;
                    if !(within || words) || off as u32 + size > 8 * c.words.len() as u32 {
                        c.ok = false;
                    }
                }
            }
        });
        if depth[i] > 0 {
            for s in seen {
                if let Some(Some(c)) = cands.get_mut(s as usize) {
                    c.in_loop = true;
                }
            }
        }
    }
    // Parameter `v`'s slot, if each of its words arrives in a register.
    let direct: Vec<bool> = (0..body.params.len()).map(|v| in_word_registers(abi, v, &body.slots[body.params[v] as usize])).collect();
    for (v, &p) in body.params.iter().enumerate() {
        if let Some(Some(c)) = cands.get_mut(p as usize) {
            c.ok &= c.in_loop || direct[v];
        }
    }
    // The new slots: word `k` of slot `s` is `parts[s][k]`, of the class
    // its whole accesses agree on.
    let mut parts: Vec<Option<Vec<(SlotId, Scalar)>>> = vec![None; body.slots.len()];
    for (s, c) in cands.iter().enumerate() {
        let Some(c) = c.as_ref().filter(|c| c.ok) else { continue };
        let ptrs = body.slots[s].ptrs.clone();
        let mut words = vec![];
        for (k, u) in c.words.iter().enumerate() {
            let id = body.slots.len() as SlotId;
            let ptr = ptrs.get(k as u64);
            body.slots.push(Slot { size: 8, align: 8, ptrs: if ptr { PtrMask::one() } else { PtrMask::default() } });
            let ty = if u.float && !u.int && !ptr { Scalar::F64 } else { Scalar::U64 };
            words.push((id, ty));
        }
        parts[s] = Some(words);
    }
    if parts.iter().all(Option::is_none) {
        return;
    }
    let old = std::mem::take(&mut body.insts);
    let mut out = Vec::with_capacity(old.len() + 8);
    // A split parameter's words go to their slots at the entry: from their
    // registers, or moved out of the slot it arrives in.
    for (v, &p) in body.params.iter().enumerate() {
        if let Some(words) = &parts[p as usize] {
            for (k, &(w, ty)) in words.iter().enumerate() {
                if direct[v] {
                    body.param_words.push(ParamWord { value: v, offset: 8 * k as u32, slot: w });
                } else {
                    out.push(Inst::Move { ty, dst: Addr::Slot(w, 0), src: Operand::Mem(Addr::Slot(p, 8 * k as i32)) });
                }
            }
        }
    }
    for inst in old {
        rewrite(inst, &parts, &mut out);
    }
    body.insts = out;
}

/// Whether every word of parameter `v` (in `slot`) arrives whole in a
/// register of its own: one register step of 8 bytes per word.
fn in_word_registers(abi: &FuncAbi, v: usize, slot: &Slot) -> bool {
    let Some(value) = abi.call.values.get(v) else { return false };
    let steps = abi.call.steps_of(v);
    let words = slot.size / 8;
    value.typ.size == slot.size as usize
        && steps.len() == words as usize
        && steps.iter().enumerate().all(|(k, st)| st.kind != StepKind::Stack && st.size == 8 && st.offset == 8 * k as u32)
}

/// What an instruction does with a slot's bytes.
enum Kind {
    /// Reads or writes `size` bytes at `off` as one value (of `ty`, if an
    /// integer or float of that size: a comparison's bool says nothing).
    Scalar { off: i32, size: u32, ty: Option<Scalar> },
    /// Copies or zeroes `size` bytes at `off`.
    Block { off: i32, size: u32 },
    /// Takes its address, or moves it whole by the ABI: never split.
    Pinned,
}

struct Access {
    slot: SlotId,
    kind: Kind,
}

fn scalar_addr(a: &Addr, size: u32, ty: Option<Scalar>, f: &mut impl FnMut(Access)) {
    match *a {
        Addr::Slot(s, off) => f(Access { slot: s, kind: Kind::Scalar { off, size, ty } }),
        Addr::Deref(s, _) => f(Access { slot: s, kind: Kind::Scalar { off: 0, size: 8, ty: Some(Scalar::U64) } }),
        Addr::Global(..) => {}
    }
}

fn scalar_op(o: &Operand, size: u32, ty: Option<Scalar>, f: &mut impl FnMut(Access)) {
    if let Operand::Mem(a) = o {
        scalar_addr(a, size, ty, f);
    }
}

fn block_addr(a: &Addr, size: u32, f: &mut impl FnMut(Access)) {
    match *a {
        Addr::Slot(s, off) => f(Access { slot: s, kind: Kind::Block { off, size } }),
        Addr::Deref(..) | Addr::Global(..) => scalar_addr(a, 8, None, f),
    }
}

fn pinned_addr(a: &Addr, f: &mut impl FnMut(Access)) {
    match *a {
        Addr::Slot(s, _) => f(Access { slot: s, kind: Kind::Pinned }),
        Addr::Deref(..) | Addr::Global(..) => scalar_addr(a, 8, None, f),
    }
}

/// Every slot access of `inst`.
fn accesses(inst: &Inst, f: &mut impl FnMut(Access)) {
    let sized = |t: Scalar| Some(t).filter(|t| t.size() == 8);
    match inst {
        Inst::Label(_)
        | Inst::Jump(_)
        | Inst::Ret
        | Inst::Landing(_)
        | Inst::Poll
        | Inst::InlineMark(_)
        | Inst::InlineResume(_)
        | Inst::InlineEnd(_)
        | Inst::Comment(_)
        | Inst::Line(_) => {}
        Inst::JumpIf { cond, .. } | Inst::JumpIfNot { cond, .. } => scalar_op(cond, 1, None, f),
        Inst::Move { ty, dst, src } => {
            scalar_addr(dst, ty.size(), sized(*ty), f);
            scalar_op(src, ty.size(), sized(*ty), f);
        }
        Inst::Copy { dst, src, size } => {
            block_addr(dst, *size, f);
            block_addr(src, *size, f);
        }
        Inst::Zero { dst, size } => block_addr(dst, *size, f),
        Inst::AddrOf { dst, src } => {
            scalar_addr(dst, 8, Some(Scalar::U64), f);
            pinned_addr(src, f);
        }
        Inst::Bin { op, ty, dst, a, b } => {
            let cmp = matches!(op, BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge);
            if cmp {
                scalar_addr(dst, 1, None, f);
            } else {
                scalar_addr(dst, ty.size(), sized(*ty), f);
            }
            scalar_op(a, ty.size(), sized(*ty), f);
            if matches!(op, BinOp::Shl | BinOp::Shr) {
                scalar_op(b, 8, Some(Scalar::U64), f);
            } else {
                scalar_op(b, ty.size(), sized(*ty), f);
            }
        }
        Inst::Un { op, ty, dst, a } => {
            let ty = if *op == UnOp::Not { Scalar::U8 } else { *ty };
            scalar_addr(dst, ty.size(), sized(ty), f);
            scalar_op(a, ty.size(), sized(ty), f);
        }
        Inst::Convert { from, to, dst, src } => {
            scalar_addr(dst, to.size(), sized(*to), f);
            scalar_op(src, from.size(), sized(*from), f);
        }
        Inst::Call { callee, args, results, .. } => {
            if let Callee::Closure(o) | Callee::Indirect(o) = callee {
                scalar_op(o, 8, Some(Scalar::U64), f);
            }
            for a in args.iter().chain(results) {
                pinned_addr(a, f);
            }
        }
        Inst::CallRuntime { args, rets, .. } => {
            for (t, o) in args {
                scalar_op(o, t.size(), sized(*t), f);
            }
            for (t, a) in rets {
                scalar_addr(a, t.size(), sized(*t), f);
            }
        }
        Inst::Atomic { op, size, addr, val, old, dst } => {
            scalar_op(addr, 8, Some(Scalar::U64), f);
            for o in val.iter().chain(old) {
                scalar_op(o, *size, None, f);
            }
            if let Some(d) = dst {
                let n = if *op == crate::ir::AtomicOp::Cas { 1 } else { *size };
                scalar_addr(d, n, None, f);
            }
        }
        Inst::VolatileLoad { size, addr, dst } => {
            scalar_op(addr, 8, Some(Scalar::U64), f);
            scalar_addr(dst, *size, None, f);
        }
        Inst::VolatileStore { size, addr, val } => {
            scalar_op(addr, 8, Some(Scalar::U64), f);
            // (Backends may read the whole word the low bytes come from.)
            let _ = size;
            scalar_op(val, 8, None, f);
        }
    }
}

type Parts = [Option<Vec<(SlotId, Scalar)>>];

/// `a` with a split slot's word in place of the slot.
fn map_addr(a: &mut Addr, parts: &Parts) {
    match a {
        Addr::Slot(s, off) => {
            if let Some(words) = &parts[*s as usize] {
                let (w, _) = words[(*off / 8) as usize];
                *a = Addr::Slot(w, *off % 8);
            }
        }
        Addr::Deref(s, _) => {
            if let Some(words) = &parts[*s as usize] {
                *s = words[0].0;
            }
        }
        Addr::Global(..) => {}
    }
}

/// The words of a block access to `a` that a split slot makes separate:
/// per word, its address and the type it moves as; `None` when `a` is no
/// split slot or the block stays within one word.
fn block_words(a: &Addr, size: u32, parts: &Parts) -> Option<Vec<(Addr, Scalar)>> {
    let Addr::Slot(s, off) = *a else { return None };
    let words = parts[s as usize].as_ref()?;
    if (off % 8) as u32 + size <= 8 && size < 8 {
        return None;
    }
    Some((0..size / 8).map(|k| words[(off / 8) as usize + k as usize]).map(|(w, ty)| (Addr::Slot(w, 0), ty)).collect())
}

/// Word `k` of a block at `a`: from `words` when `a` is a split slot (with
/// the type that word moves as), else `a` moved `k` words on.
fn word_of(a: &Addr, words: Option<&[(Addr, Scalar)]>, k: u32, parts: &Parts) -> (Addr, Option<Scalar>) {
    match words {
        Some(w) => (w[k as usize].0.clone(), Some(w[k as usize].1)),
        None => {
            let mut a = a.offset(8 * k as i32);
            map_addr(&mut a, parts);
            (a, None)
        }
    }
}

/// Appends `inst` to `out` with split slots replaced by their words: a
/// copy or zeroing of several words becomes one instruction per word.
fn rewrite(mut inst: Inst, parts: &Parts, out: &mut Vec<Inst>) {
    match &mut inst {
        Inst::Copy { dst, src, size } => {
            let (d, s) = (block_words(dst, *size, parts), block_words(src, *size, parts));
            if d.is_some() || s.is_some() {
                let n = *size / 8;
                for k in 0..n {
                    let (dk, dty) = word_of(dst, d.as_deref(), k, parts);
                    let (sk, sty) = word_of(src, s.as_deref(), k, parts);
                    let ty = match (dty, sty) {
                        (Some(a), Some(b)) if a != b => Scalar::U64,
                        (Some(t), _) | (None, Some(t)) => t,
                        (None, None) => Scalar::U64,
                    };
                    out.push(Inst::Move { ty, dst: dk, src: Operand::Mem(sk) });
                }
                return;
            }
            map_addr(dst, parts);
            map_addr(src, parts);
        }
        Inst::Zero { dst, size } => {
            if let Some(words) = block_words(dst, *size, parts) {
                for (w, _) in words {
                    out.push(Inst::Zero { dst: w, size: 8 });
                }
                return;
            }
            map_addr(dst, parts);
        }
        _ => inst.addrs_mut(|a, _| map_addr(a, parts)),
    }
    out.push(inst);
}

#[cfg(test)]
mod tests {
    use super::*;
    use reflect::types::{struct_of, Field, INT, INT32};

    /// A body returning word 1 of its one parameter (a struct of `fields`),
    /// in a loop when `in_loop`, and that parameter's calling convention.
    fn body(fields: &[Field], in_loop: bool) -> (Body, FuncAbi) {
        let t = struct_of(fields);
        let abi = FuncAbi::from_parts(&reflect::abi::arch::AMD64, None, &[t], &[&INT]).unwrap();
        let read = Inst::Move { ty: Scalar::U64, dst: Addr::Slot(1, 0), src: Operand::Mem(Addr::Slot(0, 8)) };
        let insts = if in_loop { vec![Inst::Label(0), read, Inst::Jump(0)] } else { vec![read, Inst::Ret] };
        let slots = vec![Slot { size: t.size as u32, align: 8, ptrs: PtrMask::default() }, Slot::scalar(8, 8)];
        (Body { slots, params: vec![0], results: vec![1], insts, nlabels: 1, ..Body::default() }, abi)
    }

    #[test]
    fn a_parameter_in_word_registers_is_split_at_the_entry() {
        let (mut b, abi) = body(&[Field::new("a", &INT), Field::new("b", &INT)], false);
        split_aggregates(&mut b, &abi);
        let words: Vec<(usize, u32)> = b.param_words.iter().map(|w| (w.value, w.offset)).collect();
        assert_eq!(words, [(0, 0), (0, 8)]);
        // No move out of the parameter's slot: the read names word 1's slot.
        let w1 = b.param_words[1].slot;
        assert!(matches!(&b.insts[..], [Inst::Move { src: Operand::Mem(Addr::Slot(s, 0)), .. }, Inst::Ret] if *s == w1), "{:?}", b.insts);
        assert_eq!(b.param_home(0, 8), (w1, 0));
        assert!(b.is_param(w1));
    }

    #[test]
    fn a_parameter_with_two_values_in_a_word_is_split_only_for_a_loop() {
        let fields = [Field::new("a", &INT32), Field::new("b", &INT32), Field::new("c", &INT)];
        let (mut b, abi) = body(&fields, false);
        split_aggregates(&mut b, &abi);
        assert_eq!(b.slots.len(), 2);
        let (mut b, abi) = body(&fields, true);
        split_aggregates(&mut b, &abi);
        assert!(b.param_words.is_empty());
        // Split, and its words moved out of the slot it arrives in.
        assert_eq!(b.slots.len(), 4);
        assert!(matches!(&b.insts[..2], [Inst::Move { src: Operand::Mem(Addr::Slot(0, 0)), .. }, Inst::Move { src: Operand::Mem(Addr::Slot(0, 8)), .. }]), "{:?}", b.insts);
    }
}
