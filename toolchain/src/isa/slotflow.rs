//! Liveness of chosen slots of a body (the candidates, numbered densely)
//! over its basic blocks: what register assignment (`regs.rs`) and the
//! sharing of frame bytes (`frame.rs`) read to find which slots interfere.
//!
//! A slot is live where some path reads it before writing all of it: an
//! instruction that writes only part of a slot reads the rest, and a
//! return reads the results. Control
//! goes from a block to the next one and to its jumps' labels, and nowhere
//! after a return or a runtime call that never returns; bodies with landing
//! pads (entered from any call) are left to the callers to refuse.

use super::liveness::{effect, SlotSet};
use crate::ir::{Body, Inst};


/// The candidates' liveness in one body.
pub struct SlotFlow {
    /// Per instruction: the candidates it reads (a partial write reads the
    /// rest of the slot).
    pub uses: Vec<Vec<usize>>,
    /// Per instruction: the candidates it writes whole.
    pub defs: Vec<Vec<usize>>,
    /// Per instruction: the candidates it writes only part of.
    pub partial: Vec<Vec<usize>>,
    /// The first instruction of each block.
    starts: Vec<usize>,
    /// Each block's successors.
    succs: Vec<Vec<usize>>,
    /// The candidates live at each block's start.
    live_in: Vec<SlotSet>,
    nc: usize,
}

impl SlotFlow {
    /// The liveness of the `nc` candidates; `index[s]` is slot `s`'s
    /// candidate number, or `usize::MAX`.
    pub fn new(body: &Body, index: &[usize], nc: usize) -> SlotFlow {
        let cand = |s: u32| index.get(s as usize).copied().filter(|&k| k != usize::MAX);
        let n = body.insts.len();
        let (mut uses, mut defs, mut partial) = (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
        for inst in &body.insts {
            let e = effect(inst);
            let mut u: Vec<usize> = e.uses.iter().filter_map(|&s| cand(s)).collect();
            // The return reads the results (the caller does).
            if let Inst::Ret = inst {
                u.extend(body.results.iter().filter_map(|&s| cand(s)));
            }
            let (mut d, mut p) = (vec![], vec![]);
            for (s, ranges) in &e.writes {
                let Some(k) = cand(*s) else { continue };
                if super::regs::writes_whole(body, *s, ranges) {
                    d.push(k);
                } else {
                    u.push(k);
                    p.push(k);
                }
            }
            uses.push(u);
            defs.push(d);
            partial.push(p);
        }

        // Basic blocks and their successors.
        let blocks = body.blocks();
        let (nb, starts, succs) = (blocks.len(), blocks.starts.clone(), blocks.succs.clone());
        let block_end = |b: usize| blocks.range(b).end;

        // Upward-exposed uses and whole writes per block, then liveness.
        let mut gen = vec![SlotSet::new(nc); nb];
        let mut kill = vec![SlotSet::new(nc); nb];
        for b in 0..nb {
            for i in (starts[b]..block_end(b)).rev() {
                for &d in &defs[i] {
                    gen[b].remove(d as u32);
                    kill[b].insert(d as u32);
                }
                for &u in &uses[i] {
                    gen[b].insert(u as u32);
                }
            }
        }
        let mut live_in = gen.clone();
        let mut changed = true;
        while changed {
            changed = false;
            for b in (0..nb).rev() {
                let mut live = SlotSet::new(nc);
                for &s in &succs[b] {
                    live.union_with(&live_in[s]);
                }
                live.subtract(&kill[b]);
                live.union_with(&gen[b]);
                changed |= live_in[b].union_with(&live);
            }
        }
        SlotFlow { uses, defs, partial, starts, succs, live_in, nc }
    }

    /// The candidates live at the body's entry.
    pub fn live_at_entry(&self) -> SlotSet {
        self.live_in.first().cloned().unwrap_or_else(|| SlotSet::new(self.nc))
    }

    /// Calls `f(i, live)` for every instruction `i`, last to first block
    /// by block, with `live` the candidates live just after it.
    pub fn walk_backward(&self, mut f: impl FnMut(usize, &SlotSet)) {
        let (n, nb) = (self.uses.len(), self.starts.len());
        for b in 0..nb {
            let end = if b + 1 < nb { self.starts[b + 1] } else { n };
            let mut live = SlotSet::new(self.nc);
            for &s in &self.succs[b] {
                live.union_with(&self.live_in[s]);
            }
            for i in (self.starts[b]..end).rev() {
                f(i, &live);
                for &d in &self.defs[i] {
                    live.remove(d as u32);
                }
                for &u in &self.uses[i] {
                    live.insert(u as u32);
                }
            }
        }
    }
}
