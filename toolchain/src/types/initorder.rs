//! The order in which a package's variables are initialized, and the
//! cycles that make one impossible (the spec's "Package initialization").
//!
//! Each package-level constant, variable and function refers to others in
//! its initializer or body (`Checker::deps`). Functions are taken out of
//! that graph (a variable that calls a function depends on what the
//! function refers to), then the variables are taken in turn: one whose
//! dependencies are all initialized, the earliest in the source among
//! those. A variable that still waits for others is on a cycle, reported
//! as gc reports it (`initialization loop for x`, then the path).

use super::check::Checker;
use super::object::{ObjId, ObjKind};
use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap, HashMap, HashSet};

impl Checker<'_> {
    /// Works out [`super::Info::init_order`] and reports initialization
    /// cycles.
    pub(super) fn init_order(&mut self) {
        // The graph's nodes: constants, variables and functions, in source
        // order (methods too: a method value refers to its method).
        let is_node = |c: &Self, o: ObjId| matches!(c.w.obj(o).kind, ObjKind::Const { .. } | ObjKind::Var { .. } | ObjKind::Func { .. });
        let mut nodes: Vec<ObjId> = self.order.iter().copied().filter(|&o| is_node(self, o)).collect();
        let mut known: HashSet<ObjId> = nodes.iter().copied().collect();
        let mut owners: Vec<ObjId> = self.deps.keys().copied().collect();
        owners.sort();
        for o in owners {
            for &d in &self.deps[&o] {
                if is_node(self, d) && known.insert(d) {
                    nodes.push(d);
                }
            }
        }
        let index: HashMap<ObjId, usize> = nodes.iter().enumerate().map(|(i, &o)| (o, i)).collect();
        let n = nodes.len();
        let mut succ: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
        let mut pred: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
        for (i, &o) in nodes.iter().enumerate() {
            for d in self.deps.get(&o).into_iter().flatten() {
                if let Some(&j) = index.get(d) {
                    succ[i].insert(j);
                    pred[j].insert(i);
                }
            }
        }
        let is_func = |c: &Self, i: usize| matches!(c.w.obj(nodes[i]).kind, ObjKind::Func { .. });
        // Functions out, the cheapest first: each one's dependents depend
        // on its dependencies instead.
        let mut funcs: Vec<usize> = (0..n).filter(|&i| is_func(self, i)).collect();
        funcs.sort_by_key(|&f| pred[f].len() * succ[f].len());
        for f in funcs {
            let (ps, ss) = (pred[f].clone(), succ[f].clone());
            for &p in ps.iter().filter(|&&p| p != f) {
                for &s in ss.iter().filter(|&&s| s != f) {
                    succ[p].insert(s);
                    pred[s].insert(p);
                }
                succ[p].remove(&f);
            }
            for &s in &ss {
                pred[s].remove(&f);
            }
        }
        // The others in turn: fewest outstanding dependencies first, then
        // source order.
        let mut ndeps: Vec<usize> = (0..n).map(|i| succ[i].len()).collect();
        let mut queue: BinaryHeap<Reverse<(usize, usize)>> = (0..n).filter(|&i| !is_func(self, i)).map(|i| Reverse((ndeps[i], i))).collect();
        let mut done = vec![false; n];
        let init_of: HashMap<ObjId, usize> = self.initializers.iter().enumerate().flat_map(|(k, init)| init.lhs.iter().map(move |&o| (o, k))).collect();
        let mut emitted = HashSet::new();
        let mut order = vec![];
        while let Some(Reverse((d, i))) = queue.pop() {
            if done[i] || d != ndeps[i] {
                continue;
            }
            done[i] = true;
            if d > 0 {
                if let Some(cycle) = self.find_path(nodes[i], nodes[i], &mut HashSet::new()) {
                    self.report_init_cycle(&cycle);
                }
            }
            for &p in &pred[i] {
                if !done[p] {
                    ndeps[p] = ndeps[p].saturating_sub(1);
                    queue.push(Reverse((ndeps[p], p)));
                }
            }
            if let Some(&k) = init_of.get(&nodes[i]) {
                if emitted.insert(k) {
                    order.push(k);
                }
            }
        }
        let mut inits: Vec<Option<super::Initializer>> = std::mem::take(&mut self.initializers).into_iter().map(Some).collect();
        self.info.init_order = order.into_iter().filter_map(|k| inits[k].take()).collect();
    }

    /// A path of references from `from` to `to`, `to` first and the rest
    /// backwards (the first step last).
    fn find_path(&self, from: ObjId, to: ObjId, seen: &mut HashSet<ObjId>) -> Option<Vec<ObjId>> {
        if !seen.insert(from) {
            return None;
        }
        for &d in self.deps.get(&from).into_iter().flatten() {
            if d == to {
                return Some(vec![d]);
            }
            if let Some(mut p) = crate::stack::grow(|| self.find_path(d, to, seen)) {
                p.push(d);
                return Some(p);
            }
        }
        None
    }

    /// gc's report of an initialization cycle: at its first object, then
    /// each object on the way round and the first again.
    fn report_init_cycle(&mut self, cycle: &[ObjId]) {
        let first = cycle[0];
        let mut msg = format!("initialization loop for {}", self.w.obj(first).name);
        let mut obj = first;
        for i in (0..cycle.len()).rev() {
            let o = self.w.obj(obj);
            msg += &format!("\n\t{}: {} refers to", o.pos, o.name);
            obj = cycle[i];
        }
        let o = self.w.obj(obj);
        msg += &format!("\n\t{}: {}", o.pos, o.name);
        let pos = self.w.obj(first).pos.clone();
        self.error(&pos, msg);
    }
}
