//! Which frame slots of a body live in registers instead of memory.
//!
//! The IR keeps every value in a frame slot; the primitives move values
//! through fixed scratch registers and accept registers as operands
//! ([`super::emit::Loc::Reg`]). This pass picks slots whose value can stay
//! in a register for the whole body, and a register for each:
//!
//! - the slot holds one scalar of 8 bytes (an integer or pointer, or a
//!   float) or a 4-byte float, and every instruction the register can serve
//!   directly (moves, arithmetic, conversions, branches, address
//!   arithmetic: [`native`]) reads or writes it whole, as that class, or
//!   uses it as the base of a dereference; its address is never taken;
//! - what a call reads is stored to the slot's own memory first and what
//!   it writes loaded back after it, and so for every other instruction
//!   the backends take memory operands for ([`synced`]: copies, atomics,
//!   volatile accesses, calls); a loop's preemption point ([`Inst::Poll`])
//!   is no call: its out-of-line path stores and reloads the registers
//!   live across it ([`Assignment::live_at_poll`]);
//! - a value live across a call is *written through*
//!   ([`Assignment::through`]): Go's ABIInternal saves no register across
//!   calls, and the collector finds pointers only in slots (`liveness.rs`),
//!   so every write of its register is stored to its memory at once, and
//!   the register is reloaded after each call it is live across
//!   ([`Assignment::reloads_at`]). A value without pointers written more
//!   often than such calls run (a loop's counter beside a slow path's
//!   call) is stored before each of those calls instead
//!   ([`Assignment::stores_at`]): its memory is read only there, at polls
//!   and by instructions that read memory, which store it themselves.
//!   Such a value gets a register only when
//!   native instructions and Go calls (an argument without pointers moves
//!   from its register) read it more often than calls clobber it (both
//!   weighted by loop depth);
//! - nothing reads it before a write on some path from the entry, except
//!   a parameter;
//! - not the closure context, not a result returned in memory or in more
//!   than one register (read by the return, and through their addresses by
//!   deferred calls: an address taken already keeps a slot in memory), and
//!   no slot of a body with a landing pad (a recovered panic enters it with
//!   only memory valid).
//!
//! A parameter that arrives in one register goes straight from it into its
//! own register after the prologue, and a result leaves from its register
//! into the ABI's at the return ([`Assignment::entry_moves`],
//! [`Assignment::ret_moves`]): both ends are ordered as a parallel move
//! ([`schedule`]); a cycle is broken through the slot's memory. Each such
//! slot prefers its ABI register, so most of those moves vanish. A slot in
//! a register that no instruction reads or writes in memory needs no bytes
//! of the frame ([`Assignment::memoryless`]).
//!
//! The registers are the ABI argument registers each backend names free
//! between calls ([`super::emit::Machine::ALLOCATABLE`]): at a call, a
//! function's entry and its return, where the driver assembles arguments
//! and results in them, no chosen slot's value is only in a register. Two slots
//! interfere when one is live where the other is written; slots are
//! coloured greedily, the most used first (an access inside loops counts
//! ten times per loop level). A slot left without a register stays in
//! memory, as before.

use super::fold::Folds;
use super::frame::RegClass;
use super::liveness::SlotSet;
use super::slotflow::SlotFlow;
use crate::ir::{Addr, BinOp, Body, Inst, Operand, SlotId};
use std::collections::HashMap;

/// Slot counts above which a body keeps all its slots in memory: the
/// interference matrix grows with the square (such bodies are package
/// initialisers and tables, rarely hot).
const MAX_CANDIDATES: usize = 2048;

/// The register of each slot that has one.
#[derive(Clone, Debug, Default)]
pub struct Assignment {
    regs: Vec<Option<(RegClass, u8)>>,
    /// The parameters with a register that are live at the entry and
    /// arrive in memory (or through a broken cycle): loaded into it after
    /// the prologue (a dead one may share its register).
    entry: Vec<SlotId>,
    /// The parameters with a register that are live at the entry and
    /// arrive in one ABI register: moved from it, in this order.
    entry_moves: Vec<(SlotId, (RegClass, u8))>,
    /// The results with a register that leave in one ABI register: moved
    /// there at the return, in this order.
    ret_moves: Vec<(SlotId, (RegClass, u8))>,
    /// The results with a register that leave through memory (a broken
    /// cycle of `ret_moves`, or an ABI register of the other class):
    /// stored before the moves.
    ret_spilled: Vec<SlotId>,
    /// Per [`Inst::Poll`] (by instruction index): the slots with a
    /// register live across it, which its out-of-line path stores before
    /// yielding and reloads after.
    polls: HashMap<usize, Vec<SlotId>>,
    /// Per slot: whether its memory is kept equal to its register at
    /// every instruction (it is live across a call): every write of the
    /// register is stored at once.
    through: Vec<bool>,
    /// Per slot: whether it is live across calls but stored before each
    /// of them rather than at every write ([`Self::stores_at`]).
    at_calls: Vec<bool>,
    /// Per call (by instruction index): the slots with a register live
    /// across it, reloaded after it (no register survives a call).
    reloads: HashMap<usize, Vec<SlotId>>,
    /// The element addresses folded into their accesses.
    folds: Folds,
}

impl Assignment {
    /// The element addresses the driver folds into their accesses (none
    /// in a body without registers).
    pub fn folds(&self) -> &Folds {
        &self.folds
    }

    /// The register (class, ABI argument register index) of slot `s`.
    pub fn reg(&self, s: SlotId) -> Option<(RegClass, u8)> {
        self.regs.get(s as usize).copied().flatten()
    }

    /// The slots that have a register, ascending.
    pub fn slots(&self) -> impl Iterator<Item = (SlotId, RegClass, u8)> + '_ {
        self.regs.iter().enumerate().filter_map(|(s, r)| r.map(|(c, n)| (s as SlotId, c, n)))
    }

    /// The parameters to load into their registers from memory after the
    /// prologue.
    pub fn at_entry(&self) -> &[SlotId] {
        &self.entry
    }

    /// The parameters moved from the ABI register they arrive in (the
    /// pair's second) into their own, in an order that reads each ABI
    /// register before it is overwritten.
    pub fn entry_moves(&self) -> &[(SlotId, (RegClass, u8))] {
        &self.entry_moves
    }

    /// The results moved from their own register into the ABI register
    /// they leave in (the pair's second), in an order that reads each
    /// register before it is overwritten; [`Self::ret_spilled`] go through
    /// memory.
    pub fn ret_moves(&self) -> &[(SlotId, (RegClass, u8))] {
        &self.ret_moves
    }

    /// The results with a register the return stores to their slot before
    /// [`Self::ret_moves`] (and loads from it after, as results in memory).
    pub fn ret_spilled(&self) -> &[SlotId] {
        &self.ret_spilled
    }

    /// Per slot: whether it lives only in its register, with no byte of
    /// the frame: no instruction of `body` reads or writes its memory (the
    /// driver brings registers and memory in line around those that do:
    /// [`synced`]), no loop's preemption point stores it, and it arrives
    /// and leaves, if at all, through register moves.
    /// A slot no instruction names needs none either (unless a result or
    /// the closure context, which the return and the entry move; a
    /// parameter nothing reads is not stored).
    ///
    /// `direct(i, s, write)`: instruction `i` (a call) reads (writes) slot
    /// `s` from (into) its register itself, without its memory.
    pub fn memoryless(&self, body: &Body, direct: impl Fn(usize, SlotId, bool) -> bool) -> Vec<bool> {
        let n = self.regs.len();
        // One pass: which slots an instruction names, and which a synced
        // instruction reads or writes in memory.
        let (mut named, mut in_memory) = (vec![false; n], vec![false; n]);
        for (i, inst) in body.insts.iter().enumerate() {
            let e = super::liveness::effect(inst);
            let synced = synced(inst, body);
            let reads = e.uses.iter().map(|&s| (s, false));
            let writes = e.writes.iter().map(|(s, _)| (*s, true));
            for (s, w) in reads.chain(writes) {
                if let Some(k) = named.get_mut(s as usize) {
                    *k = true;
                }
                if synced && !direct(i, s, w) {
                    if let Some(m) = in_memory.get_mut(s as usize) {
                        *m = true;
                    }
                }
            }
        }
        // The return reads the results, the entry writes the context.
        for s in body.results.iter().chain(&body.ctx) {
            if let Some(k) = named.get_mut(*s as usize) {
                *k = true;
            }
        }
        let mut out: Vec<bool> = self.regs.iter().zip(&named).zip(&in_memory).map(|((r, k), m)| (r.is_some() || !k) && !m).collect();
        for &s in self.entry.iter().chain(&self.ret_spilled).chain(self.polls.values().flatten()).chain(self.reloads.values().flatten()) {
            out[s as usize] = false;
        }
        for s in body.params.iter().chain(&body.results).copied().chain(body.param_words.iter().map(|w| w.slot)) {
            let moved = self.entry_moves.iter().chain(&self.ret_moves).any(|(m, _)| *m == s);
            // (A parameter nothing names is not even stored.)
            if !moved && named.get(s as usize).copied().unwrap_or(true) {
                if let Some(o) = out.get_mut(s as usize) {
                    *o = false;
                }
            }
        }
        out
    }

    /// The slots with a register live across the [`Inst::Poll`] at
    /// instruction `i`.
    pub fn live_at_poll(&self, i: usize) -> &[SlotId] {
        self.polls.get(&i).map_or(&[], Vec::as_slice)
    }

    /// Whether slot `s` lives in its register and, written through, in its
    /// memory too: a value live across calls, whose memory the collector
    /// reads at them and which is reloaded after them.
    pub fn through(&self, s: SlotId) -> bool {
        self.through.get(s as usize).copied().unwrap_or(false)
    }

    /// The slots stored before the call at instruction `i`: those live
    /// across it whose memory is not written through (see the module's
    /// doc).
    pub fn stores_at(&self, i: usize) -> impl Iterator<Item = SlotId> + '_ {
        self.reloads_at(i).iter().copied().filter(|&s| self.at_calls.get(s as usize).copied().unwrap_or(false))
    }

    /// The slots whose registers the call at instruction `i` clobbers and
    /// that are live after it: reloaded from their memory (written
    /// through, or stored before the call).
    pub fn reloads_at(&self, i: usize) -> &[SlotId] {
        self.reloads.get(&i).map_or(&[], Vec::as_slice)
    }

    pub fn is_empty(&self) -> bool {
        self.regs.iter().all(Option::is_none)
    }
}

/// Whether the backends take registers for the slots `inst` names (else
/// the instruction works on the slots' memory: [`synced`]). A `Zero` is a
/// move of zero when it clears one whole slot.
pub fn native(inst: &Inst, body: &Body) -> bool {
    match inst {
        Inst::Move { .. } | Inst::Bin { .. } | Inst::Un { .. } | Inst::Convert { .. } | Inst::AddrOf { .. } => true,
        Inst::JumpIf { .. } | Inst::JumpIfNot { .. } => true,
        // Its operands are loaded into the backend's own registers first
        // and its result written after, as a move's.
        Inst::Atomic { .. } => true,
        Inst::Zero { dst: Addr::Slot(s, 0), size } => body.slots[*s as usize].size == *size,
        _ => false,
    }
}

/// Whether `inst` touches slot memory the driver must bring in line with
/// the registers around it.
pub fn synced(inst: &Inst, body: &Body) -> bool {
    !native(inst, body)
        && !matches!(inst, Inst::Label(_) | Inst::Jump(_) | Inst::Poll | Inst::Comment(_) | Inst::Line(_) | Inst::InlineMark(_) | Inst::InlineResume(_) | Inst::InlineEnd(_))
}

/// For each instruction: whether only one forward conditional branch
/// leads to it (the fall-through or the target of a conditional jump, up
/// to the next place paths join). A jump to a panic path (code that ends
/// in a call that never returns) leads to nothing that matters here.
fn conditional(body: &Body, at: &[usize]) -> Vec<bool> {
    let n = body.insts.len();
    // Labels whose code ends in a never-returning call (a label never
    // placed is at usize::MAX).
    let mut cold = vec![false; at.len()];
    for (l, &i) in at.iter().enumerate() {
        for inst in body.insts.iter().skip(i.saturating_add(1)) {
            match inst {
                Inst::CallRuntime { func, .. } if crate::runtime_abi::NEVER_RETURN.contains(func) => {
                    cold[l] = true;
                    break;
                }
                Inst::Label(_) | Inst::Landing(_) | Inst::Jump(_) | Inst::JumpIf { .. } | Inst::JumpIfNot { .. } | Inst::Ret => break,
                Inst::Call { .. } | Inst::CallRuntime { .. } => break,
                _ => {}
            }
        }
    }
    // Per label: the jumps into it, and whether each is a forward
    // conditional one.
    // (Labels out of range are the emitter's error to report.)
    let mut into = vec![(0u32, true); at.len()];
    for (j, inst) in body.insts.iter().enumerate() {
        let (l, forward_cond) = match inst {
            Inst::Jump(l) | Inst::Landing(l) => (l, false),
            Inst::JumpIf { target: l, .. } | Inst::JumpIfNot { target: l, .. } => (l, at.get(*l as usize).is_some_and(|&i| i > j)),
            _ => continue,
        };
        if let Some(e) = into.get_mut(*l as usize) {
            *e = (e.0 + 1, e.1 && forward_cond);
        }
    }
    let mut out = vec![false; n];
    // Whether control falls into the next instruction, and whether the
    // code being walked is an arm.
    let (mut falls, mut cur) = (true, false);
    for (i, inst) in body.insts.iter().enumerate() {
        match inst {
            Inst::Label(l) | Inst::Landing(l) => {
                let (jumps, forward) = into.get(*l as usize).copied().unwrap_or((0, false));
                cur = match (falls, jumps) {
                    (true, 0) => cur,
                    (false, 1) => forward,
                    _ => false,
                };
                falls = true;
            }
            _ => {}
        }
        out[i] = cur;
        match inst {
            Inst::Jump(_) | Inst::Ret => falls = false,
            Inst::JumpIf { target, .. } | Inst::JumpIfNot { target, .. } if !cold.get(*target as usize).copied().unwrap_or(false) => cur = true,
            Inst::CallRuntime { func, .. } if crate::runtime_abi::NEVER_RETURN.contains(func) => falls = false,
            _ => {}
        }
    }
    out
}

/// Whether the byte ranges `ranges` written to slot `s` cover all of it.
pub fn writes_whole(body: &Body, s: SlotId, ranges: &[(i64, i64)]) -> bool {
    let size = body.slots[s as usize].size as i64;
    ranges.iter().any(|&(a, b)| a <= 0 && b >= size)
}

/// What an access needs of a slot.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    Unknown,
    Int,
    Float,
    /// Not a candidate.
    No,
}

/// The candidates' shape: what each slot is accessed as.
struct Shapes<'b> {
    body: &'b Body,
    class: Vec<Class>,
    /// Accesses by native instructions, weighted by loop depth.
    weight: Vec<u64>,
}

impl Shapes<'_> {
    fn reject(&mut self, s: SlotId) {
        self.class[s as usize] = Class::No;
    }

    /// A whole-slot access of `size` bytes as `float` or integer.
    fn whole(&mut self, s: SlotId, off: i32, size: u32, float: bool, w: u64) {
        let slot = &self.body.slots[s as usize];
        let want = if float { Class::Float } else { Class::Int };
        let fits = off == 0 && slot.size == size && (size == 8 || (size == 4 && float) || (!float && matches!(size, 1 | 2 | 4)));
        let c = &mut self.class[s as usize];
        match *c {
            _ if !fits => *c = Class::No,
            Class::Unknown => *c = want,
            Class::No => {}
            k if k != want => *c = Class::No,
            _ => {}
        }
        self.weight[s as usize] += w;
    }

    fn addr(&mut self, a: &Addr, size: u32, float: bool, w: u64) {
        match a {
            Addr::Slot(s, off) => self.whole(*s, *off, size, float, w),
            Addr::Deref(p, _) => self.whole(*p, 0, 8, false, w),
            Addr::Global(..) => {}
        }
    }

    fn operand(&mut self, o: &Operand, size: u32, float: bool, w: u64) {
        if let Operand::Mem(a) = o {
            self.addr(a, size, float, w);
        }
    }

    /// Records what native instruction `inst` needs of its slots.
    fn native(&mut self, inst: &Inst, w: u64) {
        match inst {
            Inst::Move { ty, dst, src } => {
                self.addr(dst, ty.size(), ty.is_float(), w);
                self.operand(src, ty.size(), ty.is_float(), w);
            }
            Inst::Bin { op, ty, dst, a, b } => {
                let cmp = matches!(op, BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge);
                self.addr(dst, if cmp { 1 } else { ty.size() }, !cmp && ty.is_float(), w);
                self.operand(a, ty.size(), ty.is_float(), w);
                self.operand(b, ty.size(), ty.is_float(), w);
            }
            Inst::Un { ty, dst, a, .. } => {
                self.addr(dst, ty.size(), ty.is_float(), w);
                self.operand(a, ty.size(), ty.is_float(), w);
            }
            Inst::Convert { from, to, dst, src } => {
                self.addr(dst, to.size(), to.is_float(), w);
                self.operand(src, from.size(), from.is_float(), w);
            }
            Inst::AddrOf { dst, src } => {
                self.addr(dst, 8, false, w);
                match src {
                    Addr::Slot(s, _) => self.reject(*s),
                    Addr::Deref(p, _) => self.whole(*p, 0, 8, false, w),
                    Addr::Global(..) => {}
                }
            }
            Inst::JumpIf { cond, .. } | Inst::JumpIfNot { cond, .. } => self.operand(cond, 1, false, w),
            Inst::Atomic { op, size, addr, val, old, dst } => {
                self.operand(addr, 8, false, w);
                for o in val.iter().chain(old) {
                    self.operand(o, *size, false, w);
                }
                if let Some(d) = dst {
                    self.addr(d, if *op == crate::ir::AtomicOp::Cas { 1 } else { *size }, false, w);
                }
            }
            Inst::Zero { dst: Addr::Slot(s, _), .. } => {
                // A whole slot: a move of zero of its class.
                self.weight[*s as usize] += w;
            }
            _ => {}
        }
    }
}

/// The slots of `body` that live in registers, from `int` and `float` (ABI
/// argument register indices the backend leaves free between calls).
/// `abi[s]` is the one ABI register a parameter or result slot `s` arrives
/// or leaves in whole, if so (a result without one stays in memory);
/// `hints[s]` the registers slot `s` is moved to or from elsewhere (a
/// call's arguments and results), which it takes when free. Element
/// addresses fold into their accesses ([`super::fold`]) in a body with
/// registers: their temporaries get none.
pub fn assign(body: &Body, int: &[u8], float: &[u8], abi: &[Option<(RegClass, u8)>], hints: &[Vec<(RegClass, u8)>]) -> Assignment {
    let nslots = body.slots.len();
    let abi_reg = |s: SlotId| abi.get(s as usize).copied().flatten();
    let prefs = |s: SlotId| abi_reg(s).into_iter().chain(hints.get(s as usize).into_iter().flatten().copied());
    let none = Assignment { regs: vec![None; nslots], ..Assignment::default() };
    if body.insts.iter().any(|i| matches!(i, Inst::Landing(_))) || (int.is_empty() && float.is_empty()) {
        return none;
    }
    let at = body.label_positions();
    // Each instruction's weight: ten times per enclosing loop (at most five).
    let weight: Vec<u64> = body.loop_depths(&at).into_iter().map(|d| 10u64.pow(d.min(5))).collect();
    // How often each instruction runs, as a value's reads and the calls it
    // is live across are weighed against each other: an arm of an `if`
    // (code one branch alone leads to) half as often as the code around
    // it. So a call on a slow path (a mutex's) costs a value in a register
    // less than one every iteration makes, as in gc's likely-branch
    // heuristics. (Ranks compare these with twice the access weights.)
    let arm = conditional(body, &at);
    let freq: Vec<u64> = weight.iter().zip(&arm).map(|(&w, &a)| if a { w } else { 2 * w }).collect();
    let mut shapes = Shapes { body, class: vec![Class::Unknown; nslots], weight: vec![0; nslots] };
    if let Some(c) = body.ctx {
        shapes.reject(c);
    }
    let folds = super::fold::find(body);
    for s in folds.temps() {
        shapes.reject(s);
    }
    for &s in &body.results {
        if abi_reg(s).is_none() || body.params.contains(&s) {
            shapes.reject(s);
        }
    }
    for (i, inst) in body.insts.iter().enumerate() {
        if native(inst, body) {
            shapes.native(inst, weight[i]);
        }
    }
    // A whole-slot Zero says nothing of the class; a slot only zeroed and
    // otherwise used through memory stays there.
    let mut cands: Vec<SlotId> = (0..nslots as SlotId)
        .filter(|&s| matches!(shapes.class[s as usize], Class::Int | Class::Float) && shapes.weight[s as usize] > 0)
        .collect();
    if cands.is_empty() {
        return none;
    }
    if cands.len() > MAX_CANDIDATES {
        cands.sort_by_key(|&s| std::cmp::Reverse(shapes.weight[s as usize]));
        cands.truncate(MAX_CANDIDATES);
        cands.sort_unstable();
    }
    let mut index = vec![usize::MAX; nslots];
    for (k, &s) in cands.iter().enumerate() {
        index[s as usize] = k;
    }
    let nc = cands.len();

    let flow = SlotFlow::new(body, &index, nc);
    // Interference, the candidates the entry rules out, and what each call
    // clobbers: the candidates live across it (weighted, per candidate).
    let mut out = vec![false; nc];
    let mut edges = vec![SlotSet::new(nc); nc];
    let mut polls: HashMap<usize, SlotSet> = HashMap::new();
    let mut across_calls: HashMap<usize, SlotSet> = HashMap::new();
    let mut across = vec![0u64; nc];
    flow.walk_backward(|i, live| {
        if matches!(body.insts[i], Inst::Call { .. } | Inst::CallRuntime { .. }) {
            let mut kept = live.clone();
            for &d in &flow.defs[i] {
                kept.remove(d as u32);
            }
            for s in kept.iter() {
                across[s as usize] += freq[i];
            }
            across_calls.insert(i, kept);
        }
        if matches!(body.insts[i], Inst::Poll) {
            polls.insert(i, live.clone());
        }
        // A whole write interferes with what is live after it, but for
        // itself and the instruction's earlier whole writes.
        let defs = &flow.defs[i];
        for (k, &d) in defs.iter().enumerate() {
            for s in live.iter().filter(|&s| !defs[..=k].contains(&(s as usize))) {
                edges[d].insert(s);
                edges[s as usize].insert(d as SlotId);
            }
        }
    });
    // Live at the entry: parameters (loaded there together) or nothing.
    let entry: Vec<usize> = flow.live_at_entry().iter().map(|s| s as usize).collect();
    for &k in &entry {
        if !body.is_param(cands[k]) {
            out[k] = true;
        }
        for &j in &entry {
            if j != k {
                edges[k].insert(j as SlotId);
            }
        }
    }

    // A value live across calls is reloaded after each of them: it gets a
    // register only if the native instructions and the Go calls read it
    // more often than that (both weighted by loop depth), and then ranks
    // by the reads it saves beyond the reloads.
    // (A Go call takes an argument without pointers from its register.)
    let mut reads = vec![0u64; nc];
    for (i, inst) in body.insts.iter().enumerate() {
        let call = matches!(inst, Inst::Call { .. });
        if call || native(inst, body) {
            for &u in flow.uses[i].iter().filter(|&&u| !call || body.slots[cands[u] as usize].ptrs.is_empty()) {
                reads[u] += freq[i];
            }
        }
    }
    for k in 0..nc {
        if across[k] > 0 && reads[k] <= across[k] {
            out[k] = true;
        }
    }
    // A boolean or a 1- or 2-byte integer saves little (its memory
    // accesses are a compare's result and the branch's read): it ranks
    // after the words a loop walks, which lose a register to it otherwise.
    let narrow = |k: usize| body.slots[cands[k] as usize].size < 4;
    let rank = |k: usize| {
        let r = if across[k] > 0 { reads[k] - across[k] } else { 2 * shapes.weight[cands[k] as usize] };
        if narrow(k) {
            r / 4
        } else {
            r
        }
    };

    // Greedy colouring, the heaviest first; a slot takes the register it
    // is moved to or from when free (its ABI register first), and leaves
    // those its uncoloured neighbours want to them while it can.
    let mut order: Vec<usize> = (0..nc).filter(|&k| !out[k]).collect();
    order.sort_by_key(|&k| (std::cmp::Reverse(rank(k)), k));
    let mut regs = none.regs;
    let mut color: Vec<Option<(RegClass, u8)>> = vec![None; nc];
    for k in order {
        let s = cands[k];
        let (class, pool) = match shapes.class[s as usize] {
            Class::Float => (RegClass::Float, float),
            _ => (RegClass::Int, int),
        };
        let taken: Vec<u8> = edges[k].iter().filter_map(|j| color[j as usize]).filter(|(c, _)| *c == class).map(|(_, r)| r).collect();
        let free = |r: &&u8| !taken.contains(r);
        let own = prefs(s).find(|&(c, r)| c == class && pool.contains(&r) && !taken.contains(&r)).map(|(_, r)| r);
        let wanted: Vec<u8> =
            edges[k].iter().filter(|&j| color[j as usize].is_none()).flat_map(|j| prefs(cands[j as usize])).filter(|(c, _)| *c == class).map(|(_, r)| r).collect();
        let pick = own.or_else(|| pool.iter().filter(free).find(|r| !wanted.contains(r)).copied()).or_else(|| pool.iter().find(free).copied());
        if let Some(r) = pick {
            color[k] = Some((class, r));
            regs[s as usize] = Some((class, r));
        }
    }
    // Parameters arriving in one register move straight into theirs.
    // (A value read in the other class goes through memory.)
    let (mut moved, mut entry_from) = (vec![], vec![]);
    let mut in_memory: Vec<SlotId> = vec![];
    for s in entry.iter().map(|&k| cands[k]).filter(|&s| regs[s as usize].is_some()) {
        match abi_reg(s) {
            Some(from) if regs[s as usize].is_some_and(|(c, _)| c == from.0) => {
                moved.push(s);
                entry_from.push((from, regs[s as usize].unwrap_or(from)));
            }
            _ => in_memory.push(s),
        }
    }
    let (order, broken) = schedule(&entry_from);
    let entry_moves = order.iter().map(|&j| (moved[j], entry_from[j].0)).collect();
    in_memory.extend(broken.iter().map(|&j| moved[j]));
    // Results leaving in one register move from theirs.
    let (mut rets, mut ret_from, mut ret_spilled) = (vec![], vec![], vec![]);
    for &s in &body.results {
        match (regs.get(s as usize).copied().flatten(), abi_reg(s)) {
            (Some(own), Some(to)) if own.0 == to.0 => {
                rets.push(s);
                ret_from.push((own, to));
            }
            (Some(_), _) => ret_spilled.push(s),
            (None, _) => {}
        }
    }
    let (order, broken) = schedule(&ret_from);
    let ret_moves = order.iter().map(|&j| (rets[j], ret_from[j].1)).collect();
    ret_spilled.extend(broken.iter().map(|&j| rets[j]));
    let with_regs = |live: SlotSet| -> Vec<SlotId> { live.iter().map(|k| cands[k as usize]).filter(|&s| regs[s as usize].is_some()).collect() };
    let polls = polls.into_iter().map(|(i, live)| (i, with_regs(live))).collect();
    let reloads: HashMap<usize, Vec<SlotId>> =
        across_calls.into_iter().map(|(i, live)| (i, with_regs(live))).filter(|(_, l): &(usize, Vec<SlotId>)| !l.is_empty()).collect();
    // Written through, or stored before the calls when its writes run
    // at least as often as those calls (a tie goes to the calls: they
    // cost far more than a store anyway).
    let mut writes = vec![0u64; nc];
    for (i, f) in freq.iter().enumerate() {
        for &d in flow.defs[i].iter().chain(&flow.partial[i]) {
            writes[d] += f;
        }
    }
    let (mut through, mut at_calls) = (vec![false; nslots], vec![false; nslots]);
    for &s in reloads.values().flatten() {
        through[s as usize] = true;
    }
    for (k, &s) in cands.iter().enumerate() {
        let s = s as usize;
        if through[s] && body.slots[s].ptrs.is_empty() && !body.is_param(s as SlotId) && writes[k] >= across[k] {
            through[s] = false;
            at_calls[s] = true;
        }
    }
    Assignment { regs, entry: in_memory, entry_moves, ret_moves, ret_spilled, polls, through, at_calls, reloads, folds }
}

/// Orders the register moves `moves` (from, to; no two to the same
/// register) so that each reads its register before another move writes
/// it: the indices of the moves in order, and those left out to break
/// cycles (their values go through memory: saved before the ordered
/// moves, restored after).
pub fn schedule(moves: &[((RegClass, u8), (RegClass, u8))]) -> (Vec<usize>, Vec<usize>) {
    let mut pending: Vec<usize> = (0..moves.len()).collect();
    let (mut order, mut broken) = (vec![], vec![]);
    while !pending.is_empty() {
        // A move whose destination no other pending move still reads.
        let ready = pending.iter().position(|&j| !pending.iter().any(|&k| k != j && moves[k].0 == moves[j].1));
        match ready {
            Some(p) => order.push(pending.remove(p)),
            // Every destination is still to be read: a cycle.
            None => broken.push(pending.remove(0)),
        }
    }
    (order, broken)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Scalar, Slot};

    fn body(nslots: usize, insts: Vec<Inst>) -> Body {
        Body { slots: vec![Slot::scalar(8, 8); nslots], insts, nlabels: 4, ..Body::default() }
    }

    fn mv(dst: SlotId, src: Operand) -> Inst {
        Inst::Move { ty: Scalar::I64, dst: Addr::Slot(dst, 0), src }
    }

    fn slot(s: SlotId) -> Operand {
        Operand::Mem(Addr::Slot(s, 0))
    }

    fn add(dst: SlotId, a: SlotId, b: SlotId) -> Inst {
        Inst::Bin { op: BinOp::Add, ty: Scalar::I64, dst: Addr::Slot(dst, 0), a: slot(a), b: slot(b) }
    }

    fn call() -> Inst {
        Inst::CallRuntime { func: "f", args: vec![], rets: vec![] }
    }

    #[test]
    fn values_live_together_get_different_registers() {
        let b = body(3, vec![mv(0, Operand::Imm(1)), mv(1, Operand::Imm(2)), add(2, 0, 1), Inst::Ret]);
        let a = assign(&b, &[0, 1, 2], &[], &[], &[]);
        let (r0, r1, r2) = (a.reg(0).unwrap(), a.reg(1).unwrap(), a.reg(2).unwrap());
        assert_ne!(r0, r1);
        // The sum may reuse an operand's register: both die where it is written.
        assert!(r2.0 == RegClass::Int);
        // One register is not enough for two values live together.
        let a = assign(&b, &[0], &[], &[], &[]);
        assert!(a.reg(0).is_none() || a.reg(1).is_none());
    }

    #[test]
    fn a_value_read_once_across_a_call_stays_in_memory() {
        let b = body(2, vec![mv(0, Operand::Imm(1)), call(), mv(1, slot(0)), Inst::Ret]);
        let a = assign(&b, &[0, 1], &[], &[], &[]);
        assert!(a.reg(0).is_none());
        // A value the call reads but nobody after it may have one.
        let arg = Inst::CallRuntime { func: "f", args: vec![(Scalar::I64, slot(0))], rets: vec![] };
        let b = body(2, vec![mv(0, Operand::Imm(1)), arg, Inst::Ret]);
        assert!(assign(&b, &[0], &[], &[], &[]).reg(0).is_some());
    }

    #[test]
    fn a_value_read_more_often_than_calls_clobber_it_is_written_through() {
        // s0 = p; f(); s1 = s0 + s0; s2 = s1 + s0, with s0 a pointer.
        let mut b = body(3, vec![mv(0, Operand::Imm(1)), call(), add(1, 0, 0), add(2, 1, 0), Inst::Ret]);
        b.slots[0].ptrs = crate::ir::PtrMask::one();
        let a = assign(&b, &[0, 1, 2], &[], &[], &[]);
        assert!(a.reg(0).is_some() && a.through(0));
        assert_eq!(a.reloads_at(1), &[0]);
        assert_eq!(a.stores_at(1).count(), 0);
        assert!(!a.through(1) && a.reloads_at(2).is_empty());
        // Its memory stays: the collector and the reload read it.
        assert!(!a.memoryless(&b, |_, _, _| false)[0]);
        // Inside a loop around the call, three reads outside it do not pay
        // for a reload per iteration.
        let insts = vec![mv(0, Operand::Imm(1)), Inst::Label(0), call(), Inst::JumpIf { cond: Operand::Imm(1), target: 0 }, add(1, 0, 0), add(2, 1, 0), Inst::Ret];
        let a = assign(&body(3, insts), &[0, 1, 2], &[], &[], &[]);
        assert!(a.reg(0).is_none());
    }

    #[test]
    fn a_counter_written_more_often_than_calls_run_is_stored_before_them() {
        // for { s0 = s0 + s1; if c { f() } }, s1 read in the loop too: the
        // call runs on one arm, the write every iteration.
        let insts = vec![
            mv(0, Operand::Imm(0)),
            mv(1, Operand::Imm(1)),
            Inst::Label(0),
            add(0, 0, 1),
            Inst::JumpIf { cond: Operand::Imm(1), target: 1 },
            call(),
            Inst::Label(1),
            Inst::Jump(0),
        ];
        let b = body(2, insts);
        let a = assign(&b, &[0, 1, 2], &[], &[], &[]);
        assert!(a.reg(0).is_some() && !a.through(0));
        assert_eq!(a.stores_at(5).collect::<Vec<_>>(), [0]);
        assert!(a.reloads_at(5).contains(&0));
        // A pointer is written through all the same (its memory is what
        // the collector reads wherever the frame stops).
        let mut b = b;
        b.slots[0].ptrs = crate::ir::PtrMask::one();
        let a = assign(&b, &[0, 1, 2], &[], &[], &[]);
        assert!(a.reg(0).is_none() || (a.through(0) && a.stores_at(5).count() == 0));
    }

    #[test]
    fn address_taken_results_read_before_written_and_landings_stay_in_memory() {
        let taken = Inst::AddrOf { dst: Addr::Slot(1, 0), src: Addr::Slot(0, 0) };
        let b = body(2, vec![mv(0, Operand::Imm(1)), taken, Inst::Ret]);
        assert!(assign(&b, &[0, 1], &[], &[], &[]).reg(0).is_none());
        let mut b = body(2, vec![mv(0, Operand::Imm(1)), mv(1, slot(0)), Inst::Ret]);
        b.results = vec![1];
        let a = assign(&b, &[0, 1], &[], &[], &[]);
        assert!(a.reg(0).is_some() && a.reg(1).is_none());
        let b = body(2, vec![mv(1, slot(0)), Inst::Ret]);
        assert!(assign(&b, &[0, 1], &[], &[], &[]).reg(0).is_none(), "slot 0 is read before any write");
        let b = body(2, vec![mv(0, Operand::Imm(1)), mv(1, slot(0)), Inst::Landing(0), Inst::Ret]);
        assert!(assign(&b, &[0, 1], &[], &[], &[]).is_empty());
    }

    #[test]
    fn partial_and_mixed_accesses_stay_in_memory() {
        let b = body(2, vec![mv(0, Operand::Imm(1)), Inst::Move { ty: Scalar::I32, dst: Addr::Slot(1, 0), src: slot(0) }, Inst::Ret]);
        assert!(assign(&b, &[0, 1], &[0], &[], &[]).reg(0).is_none());
        let f = Inst::Move { ty: Scalar::F64, dst: Addr::Slot(1, 0), src: slot(0) };
        let b = body(2, vec![mv(0, Operand::Imm(1)), f, Inst::Ret]);
        let a = assign(&b, &[0, 1], &[0], &[], &[]);
        assert!(a.reg(0).is_none(), "read as an integer and as a float");
    }

    #[test]
    fn parameters_live_at_entry_interfere() {
        let mut b = body(3, vec![add(2, 0, 1), Inst::Ret]);
        b.params = vec![0, 1];
        let a = assign(&b, &[0, 1, 2], &[], &[], &[]);
        assert_ne!(a.reg(0), a.reg(1));
        assert!(a.reg(0).is_some());
    }

    #[test]
    fn schedule_reads_each_register_before_it_is_written() {
        let r = |n| (RegClass::Int, n);
        // 0 -> 1 must wait for 1 -> 2; the self-move is free.
        let (order, broken) = schedule(&[(r(0), r(1)), (r(1), r(2)), (r(3), r(3))]);
        assert_eq!((order, broken), (vec![1, 0, 2], vec![]));
        // A swap is a cycle: one side goes through memory.
        let (order, broken) = schedule(&[(r(0), r(1)), (r(1), r(0))]);
        assert_eq!((order, broken), (vec![1], vec![0]));
        // The same numbers in two classes are two registers.
        let (order, broken) = schedule(&[(r(0), r(1)), ((RegClass::Float, 1), (RegClass::Float, 0))]);
        assert_eq!(broken, vec![]);
        assert_eq!(order.len(), 2);
    }

    #[test]
    fn parameters_and_results_move_through_their_abi_registers() {
        // s2 = s0 + s1; return s2, with s0, s1 arriving in registers 1 and
        // 0 and s2 leaving in 0: each takes its own register when free.
        let mut b = body(3, vec![add(2, 0, 1), Inst::Ret]);
        b.params = vec![0, 1];
        b.results = vec![2];
        let int = |n| Some((RegClass::Int, n));
        let a = assign(&b, &[0, 1, 2], &[], &[int(1), int(0), int(0)], &[]);
        assert_eq!((a.reg(0), a.reg(1), a.reg(2)), (int(1), int(0), int(0)));
        assert_eq!(a.entry_moves().len(), 2);
        assert!(a.at_entry().is_empty());
        assert_eq!(a.ret_moves(), &[(2, (RegClass::Int, 0))]);
        // No instruction needs their memory.
        assert_eq!(a.memoryless(&b, |_, _, _| false), vec![true, true, true]);
        // A result with no one ABI register stays in memory.
        let a = assign(&b, &[0, 1, 2], &[], &[int(1), int(0), None], &[]);
        assert!(a.reg(2).is_none());
        assert_eq!(a.memoryless(&b, |_, _, _| false), vec![true, true, false]);
    }

    #[test]
    fn memory_is_kept_where_an_instruction_reads_it() {
        // s0 = 1; f(s0); s1 is named nowhere; s2 = 2 read by nothing.
        let arg = Inst::CallRuntime { func: "f", args: vec![(Scalar::I64, slot(0))], rets: vec![] };
        let b = body(3, vec![mv(0, Operand::Imm(1)), arg, mv(2, Operand::Imm(2)), Inst::Ret]);
        let a = assign(&b, &[0, 1], &[], &[], &[]);
        assert!(a.reg(0).is_some());
        assert_eq!(a.memoryless(&b, |_, _, _| false), vec![false, true, a.reg(2).is_some()]);
    }

    #[test]
    fn hints_pick_the_register_a_call_wants() {
        let b = body(2, vec![mv(0, Operand::Imm(1)), mv(1, slot(0)), Inst::Ret]);
        let a = assign(&b, &[0, 1, 2], &[], &[], &[vec![(RegClass::Int, 2)], vec![]]);
        assert_eq!(a.reg(0), Some((RegClass::Int, 2)));
    }

    #[test]
    fn loops_weigh_more() {
        // Slot 1 is used in the loop, slot 0 once outside: with one
        // register, the loop's value gets it.
        let insts = vec![
            mv(0, Operand::Imm(0)),
            mv(1, Operand::Imm(0)),
            mv(2, slot(0)),
            Inst::Label(0),
            add(1, 1, 1),
            Inst::JumpIf { cond: Operand::Imm(1), target: 0 },
            mv(2, slot(1)),
            Inst::Ret,
        ];
        let b = body(3, insts);
        let a = assign(&b, &[0], &[], &[], &[]);
        assert!(a.reg(1).is_some());
    }

    #[test]
    fn arms_of_ifs_but_not_loops_joins_or_past_panic_checks() {
        let call = |f| Inst::CallRuntime { func: f, args: vec![], rets: vec![] };
        let jump_if = |l| Inst::JumpIf { cond: slot(0), target: l };
        let insts = vec![
            jump_if(0),                          // 0: if !c { 1 }
            call("f"),                           // 1: an arm
            Inst::Label(0),                      // 2: a join
            call("g"),                           // 3
            jump_if(1),                          // 4: a bounds check
            call("h"),                           // 5: still every time
            Inst::Label(2),                      // 6: a loop's head
            call("k"),                           // 7
            jump_if(2),                          // 8: its back edge
            Inst::Ret,                           // 9
            Inst::Label(1),                      // 10: the panic path
            call(crate::runtime_abi::PANIC_INDEX), // 11
        ];
        let b = body(1, insts);
        let arm = conditional(&b, &b.label_positions());
        assert_eq!(arm, [false, true, false, false, false, false, false, false, false, true, true, true]);
    }

}
