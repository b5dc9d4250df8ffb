//! Instantiation cycles: generic code that would need infinitely many
//! instances (`f[T]` calling `f[[]T]`), found statically as gc 1.19's
//! checker finds them, so that a program rgo monomorphises never makes
//! instances without end.
//!
//! Each instantiation adds edges from the type parameters its type
//! arguments mention to the type parameters they are bound to: weight 0
//! when the argument is the parameter itself, 1 when the parameter is
//! inside a larger type. A cycle of positive weight means the arguments
//! grow on every turn: an instantiation cycle, reported at a type
//! parameter on it.

use super::check::Checker;
use super::ty::{Type, TypeId};
use crate::diag::Pos;

/// One edge: type parameter `from` flows into type parameter `to`.
#[derive(Clone, Debug)]
pub(super) struct Flow {
    from: TypeId,
    to: TypeId,
    /// 1 when `from` is inside a larger type argument, else 0.
    weight: u32,
    /// The type argument, and where the instantiation is.
    arg: TypeId,
    pos: Pos,
}

impl<'a> Checker<'a> {
    /// Records the flows of an instantiation of a generic with `tparams`
    /// by `targs`.
    pub(super) fn record_flows(&mut self, tparams: &[TypeId], targs: &[TypeId], pos: &Pos) {
        for (&to, &arg) in tparams.iter().zip(targs) {
            let mut found = vec![];
            self.type_params_in(arg, &mut found, &mut vec![]);
            for from in found {
                let weight = u32::from(from != arg);
                self.flows.push(Flow { from, to, weight, arg, pos: pos.clone() });
            }
        }
    }

    /// The type parameters that `t` mentions (through instances' type
    /// arguments too), each once.
    fn type_params_in(&self, t: TypeId, out: &mut Vec<TypeId>, seen: &mut Vec<TypeId>) {
        if seen.contains(&t) {
            return;
        }
        seen.push(t);
        let mut each = |ts: &[TypeId], out: &mut Vec<TypeId>| ts.iter().for_each(|&x| self.type_params_in(x, out, seen));
        match self.w.types.get(t) {
            Type::TypeParam(_) => {
                if !out.contains(&t) {
                    out.push(t);
                }
            }
            Type::Pointer(e) | Type::Slice(e) | Type::Array(e, _) | Type::Chan(_, e) => each(&[*e], out),
            Type::Map(k, v) => each(&[*k, *v], out),
            Type::Struct(fields) => each(&fields.iter().map(|f| f.typ).collect::<Vec<_>>(), out),
            Type::Func(sig) => each(&[sig.params.clone(), sig.results.clone()].concat(), out),
            Type::Tuple(ts) => each(&ts.clone(), out),
            Type::Named(_) => each(&self.w.types.named(t).map(|n| n.targs.clone()).unwrap_or_default(), out),
            Type::Interface(_) => {
                let sigs: Vec<TypeId> = self.w.types.iface(t).map(|i| i.methods.iter().map(|m| m.sig).collect()).unwrap_or_default();
                each(&sigs, out)
            }
            Type::Basic(_) | Type::Union(_) | Type::Invalid => {}
        }
    }

    /// Reports an instantiation cycle among the flows recorded, once, at
    /// the declaration of a type parameter on it (gc's position), with
    /// the instantiations around the cycle.
    pub(super) fn check_flows(&mut self) {
        let mut params: Vec<TypeId> = self.flows.iter().flat_map(|f| [f.from, f.to]).collect();
        params.sort();
        params.dedup();
        let index = |t: TypeId| params.binary_search(&t).expect("every endpoint is listed");
        // Greatest weights of paths ending at each parameter, the flow
        // that last raised it and the length of that path: a path as long
        // as there are parameters holds a cycle, and only a cycle of
        // positive weight keeps raising weights.
        let n = params.len();
        let mut weight = vec![0u32; n];
        let mut last: Vec<Option<usize>> = vec![None; n];
        let mut len = vec![0usize; n];
        let mut changed = true;
        while changed {
            changed = false;
            for (i, f) in self.flows.iter().enumerate() {
                let (a, b) = (index(f.from), index(f.to));
                let w = weight[a] + f.weight;
                if w <= weight[b] {
                    continue;
                }
                last[b] = Some(i);
                len[b] = len[a] + 1;
                if len[b] >= n {
                    let cycle = self.cycle_ending_at(b, &params, &last);
                    self.report_cycle(&cycle);
                    return;
                }
                weight[b] = w;
                changed = true;
            }
        }
    }

    /// The flows of the cycle on the path that ends at parameter `v`
    /// (walked back along `last` until a parameter repeats), in order.
    fn cycle_ending_at(&self, mut v: usize, params: &[TypeId], last: &[Option<usize>]) -> Vec<usize> {
        let index = |t: TypeId| params.binary_search(&t).expect("every endpoint is listed");
        let mut seen = vec![false; params.len()];
        let mut path = vec![];
        while !seen[v] {
            seen[v] = true;
            let Some(e) = last[v] else { break };
            path.push(e);
            v = index(self.flows[e].from);
        }
        // The flows from the first repeated parameter on form the cycle.
        let start = path.iter().position(|&e| index(self.flows[e].to) == v).unwrap_or(0);
        let mut cycle = path[start..].to_vec();
        cycle.reverse();
        cycle
    }

    fn report_cycle(&mut self, cycle: &[usize]) {
        let Some(&first) = cycle.first() else { return };
        let Some(at) = self.w.types.type_param(self.flows[first].from).map(|tp| self.w.obj(tp.obj).pos.clone()) else { return };
        let mut msg = String::from("instantiation cycle:");
        for &e in cycle {
            let f = &self.flows[e];
            let name = self.w.types.type_param(f.to).map(|tp| self.w.obj(tp.obj).name.clone()).unwrap_or_default();
            let arg = self.type_string(f.arg);
            msg += &format!("\n\t{}: {name} instantiated as {arg}", f.pos);
        }
        self.error(&at, msg);
    }
}
