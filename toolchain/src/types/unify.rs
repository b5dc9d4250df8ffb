//! Unification and type argument inference (Go 1.19's algorithm).
//!
//! Unification matches two types structurally, recording for each type
//! parameter being inferred the type it must be. Inference first unifies
//! the parameter types of a generic function with the typed arguments,
//! then uses the constraints' core types (constraint type inference), then
//! the default types of untyped constant arguments, then constraints
//! again; whatever is still unknown cannot be inferred.

use super::predicates::under;
use super::ty::{Term, Type, TypeId};
use super::World;
use std::collections::HashMap;

/// How deep unification may go: types are finite but for cycles through
/// interfaces, which the pair stack ends; this bounds anything else.
const DEPTH_LIMIT: u32 = 50;

/// Unification state for one list of type parameters.
///
/// Each type parameter has a slot: unknown and alone, known (an index
/// into `types` with a type), or joined with others (several type
/// parameters sharing one slot, known or not).
#[derive(Clone, Debug)]
pub struct Unifier {
    exact: bool,
    tparams: Vec<TypeId>,
    /// Type parameters on the right-hand side count too (constraint type
    /// inference); otherwise only the left-hand side's are inferred and
    /// the right-hand side's are ordinary types.
    both_sides: bool,
    /// 0: unknown; k > 0: `types[k-1]` is known; k < 0: joined, unknown,
    /// slot `types[-k-1]`.
    indices: Vec<i32>,
    types: Vec<Option<TypeId>>,
    depth: u32,
}

impl Unifier {
    /// A unifier inferring `tparams` (their types). `exact`: named and
    /// underlying types do not match, channel directions must; otherwise
    /// the looser matching of assignability is used.
    pub fn new(tparams: Vec<TypeId>, exact: bool, both_sides: bool) -> Unifier {
        let n = tparams.len();
        Unifier { exact, tparams, both_sides, indices: vec![0; n], types: vec![], depth: 0 }
    }

    fn x_index(&self, t: TypeId) -> Option<usize> {
        self.tparams.iter().position(|&p| p == t)
    }

    fn y_index(&self, t: TypeId) -> Option<usize> {
        if self.both_sides {
            self.x_index(t)
        } else {
            None
        }
    }

    /// The type inferred for type parameter `i` so far.
    pub fn at(&self, i: usize) -> Option<TypeId> {
        match self.indices[i] {
            k if k > 0 => self.types[(k - 1) as usize],
            _ => None,
        }
    }

    /// Records that type parameter `i` is `t` (ignored if already known).
    pub fn set(&mut self, i: usize, t: TypeId) {
        match self.indices[i] {
            k if k < 0 => {
                self.types[(-k - 1) as usize] = Some(t);
                self.relink(i, -k);
            }
            0 => {
                self.types.push(Some(t));
                self.indices[i] = self.types.len() as i32;
            }
            _ => {}
        }
    }

    /// Moves every type parameter sharing `i`'s slot to slot `to`.
    fn relink(&mut self, i: usize, to: i32) {
        let from = self.indices[i];
        for k in self.indices.iter_mut() {
            if *k == from {
                *k = to;
            }
        }
    }

    /// Joins the slots of type parameters `i` and `j`; false if both are
    /// known already (then their types must unify instead).
    fn join(&mut self, i: usize, j: usize) -> bool {
        let (ti, tj) = (self.indices[i], self.indices[j]);
        match () {
            _ if ti == 0 && tj == 0 => {
                self.types.push(None);
                let k = -(self.types.len() as i32);
                self.indices[i] = k;
                self.indices[j] = k;
            }
            _ if ti == 0 => self.indices[i] = tj,
            _ if tj == 0 => self.indices[j] = ti,
            _ if ti == tj => {}
            _ if ti > 0 && tj > 0 => return false,
            _ if ti > 0 => self.relink(j, ti),
            _ => self.relink(i, tj),
        }
        true
    }

    /// How many type parameters are still unknown.
    pub fn unknowns(&self) -> usize {
        self.indices.iter().filter(|&&k| k <= 0).count()
    }

    /// The types inferred so far, and the index of the first unknown one.
    pub fn types(&self) -> (Vec<Option<TypeId>>, Option<usize>) {
        let list: Vec<Option<TypeId>> = (0..self.tparams.len()).map(|i| self.at(i)).collect();
        let first = list.iter().position(Option::is_none);
        (list, first)
    }

    /// Whether `x` and `y` unify, recording what that implies for the
    /// type parameters (also when it fails part way).
    pub fn unify(&mut self, w: &World, x: TypeId, y: TypeId) -> bool {
        self.nify(w, x, y, &mut vec![])
    }

    fn nify_eq(&mut self, w: &World, x: TypeId, y: TypeId, pairs: &mut Vec<(TypeId, TypeId)>) -> bool {
        x == y || self.nify(w, x, y, pairs)
    }

    fn nify(&mut self, w: &World, x: TypeId, y: TypeId, pairs: &mut Vec<(TypeId, TypeId)>) -> bool {
        if self.depth >= DEPTH_LIMIT {
            return false;
        }
        self.depth += 1;
        let r = self.nify_in(w, x, y, pairs);
        self.depth -= 1;
        r
    }

    fn nify_in(&mut self, w: &World, x: TypeId, y: TypeId, pairs: &mut Vec<(TypeId, TypeId)>) -> bool {
        let t = &w.types;
        if !self.exact {
            // A defined type matches a type literal by its underlying type.
            if t.named(x).is_some() && !t.is_named(y) {
                return self.nify(w, under(w, x), y, pairs);
            } else if t.named(y).is_some() && !t.is_named(x) {
                return self.nify(w, x, under(w, y), pairs);
            }
        }
        match (self.x_index(x), self.y_index(y)) {
            (Some(i), Some(j)) => {
                if self.join(i, j) {
                    return true;
                }
                let (tx, ty) = (self.at(i).unwrap_or(x), self.at(j).unwrap_or(y));
                return self.nify_eq(w, tx, ty, pairs);
            }
            (Some(i), None) => {
                if let Some(tx) = self.at(i) {
                    return self.nify_eq(w, tx, y, pairs);
                }
                self.set(i, y);
                return true;
            }
            (None, Some(j)) => {
                if let Some(ty) = self.at(j) {
                    return self.nify_eq(w, x, ty, pairs);
                }
                self.set(j, x);
                return true;
            }
            (None, None) => {}
        }
        if !self.exact {
            // A type parameter (not one being inferred) matches a type
            // literal by its core type.
            if t.is_type_param(x) && !t.is_named(y) {
                if let Some(cx) = w.core_type(x) {
                    return self.nify(w, cx, y, pairs);
                }
            } else if t.is_type_param(y) && !t.is_named(x) {
                if let Some(cy) = w.core_type(y) {
                    return self.nify(w, x, cy, pairs);
                }
            }
        }
        match (t.get(x).clone(), t.get(y).clone()) {
            (Type::Basic(a), Type::Basic(b)) => a == b,
            (Type::Invalid, Type::Invalid) => true,
            (Type::Array(ea, na), Type::Array(eb, nb)) => na == nb && self.nify(w, ea, eb, pairs),
            (Type::Slice(a), Type::Slice(b)) | (Type::Pointer(a), Type::Pointer(b)) => self.nify(w, a, b, pairs),
            (Type::Map(ka, ea), Type::Map(kb, eb)) => self.nify(w, ka, kb, pairs) && self.nify(w, ea, eb, pairs),
            (Type::Chan(da, ea), Type::Chan(db, eb)) => (!self.exact || da == db) && self.nify(w, ea, eb, pairs),
            (Type::Struct(fa), Type::Struct(fb)) => {
                fa.len() == fb.len()
                    && fa.iter().zip(&fb).all(|(f, g)| {
                        f.embedded == g.embedded
                            && f.tag == g.tag
                            && super::predicates::same_id(&f.name, &f.pkg, &g.name, &g.pkg)
                            && self.nify(w, f.typ, g.typ, pairs)
                    })
            }
            (Type::Tuple(a), Type::Tuple(b)) => self.nify_list(w, &a, &b, pairs),
            (Type::Func(a), Type::Func(b)) => {
                a.variadic == b.variadic
                    && self.nify_list(w, &a.params, &b.params, pairs)
                    && self.nify_list(w, &a.results, &b.results, pairs)
            }
            (Type::Interface(_), Type::Interface(_)) => {
                let (a, b) = (w.type_set(x), w.type_set(y));
                if a.comparable != b.comparable
                    || !w.terms_equal(&a.terms, &b.terms)
                    || a.methods.len() != b.methods.len()
                {
                    return false;
                }
                if pairs.iter().any(|&(p, q)| (p, q) == (x, y) || (p, q) == (y, x)) {
                    return true;
                }
                pairs.push((x, y));
                let ok = a.methods.iter().zip(&b.methods).all(|(f, g)| {
                    super::predicates::same_id(&f.name, &f.pkg, &g.name, &g.pkg) && self.nify(w, f.sig, g.sig, pairs)
                });
                pairs.pop();
                ok
            }
            (Type::Named(a), Type::Named(b)) => {
                let (a, b) = (&t.named[a.0 as usize], &t.named[b.0 as usize]);
                a.obj == b.obj && a.targs.len() == b.targs.len() && {
                    let (xa, ya) = (a.targs.clone(), b.targs.clone());
                    self.nify_list(w, &xa, &ya, pairs)
                }
            }
            (Type::TypeParam(_), Type::TypeParam(_)) => x == y,
            _ => false,
        }
    }

    fn nify_list(&mut self, w: &World, a: &[TypeId], b: &[TypeId], pairs: &mut Vec<(TypeId, TypeId)>) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(&x, &y)| self.nify(w, x, y, pairs))
    }
}

/// Why type arguments could not be inferred. `tparam` is an index into the
/// list of type parameters given to [`World::infer`]; types may mention
/// copies of those type parameters (same objects, so they print alike).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InferError {
    /// Argument `arg` (its index in the call) does not match its
    /// parameter. gc (types2) says, at the argument:
    /// "type A of x does not match P (cannot infer T and U)" when nothing
    /// was inferred yet (`nothing_inferred`; the list is all the type
    /// parameters), else "type A of x does not match inferred type I for
    /// P" (`inferred`) or "type A of x does not match P". With `default`
    /// the argument was an untyped constant and A its default type, and
    /// the wording starts "default type A of x".
    ArgMismatch {
        arg: usize,
        default: bool,
        param: TypeId,
        arg_type: TypeId,
        inferred: Option<TypeId>,
        nothing_inferred: bool,
    },
    /// A known type argument does not match its constraint's core type:
    /// "T does not match ~C" (the tilde if `core.tilde`), at the call.
    CoreMismatch { tparam: usize, core: Term },
    /// "cannot infer T (decl position of T)", at the call.
    CannotInfer { tparam: usize },
}

impl World {
    /// Infers the type arguments of a generic function call: `tparams`
    /// the function's type parameters, `targs` those written (a prefix),
    /// `params` and `args` the parameter and argument types pairwise (a
    /// variadic call's extra arguments paired with the element type; an
    /// untyped constant argument as its untyped basic type; an invalid
    /// argument as the invalid type, skipped). Go 1.19's infer.
    pub fn infer(
        &mut self,
        tparams: &[TypeId],
        targs: &[TypeId],
        params: &[TypeId],
        args: &[TypeId],
    ) -> Result<Vec<TypeId>, InferError> {
        let n = tparams.len();
        if targs.len() >= n {
            return Ok(targs[..n].to_vec());
        }
        let mut tparams = tparams.to_vec();
        let mut params = params.to_vec();
        // A call of a generic function from inside itself passes arguments
        // whose types mention its type parameters: infer copies of them,
        // so that those arguments are ordinary types.
        if args.iter().chain(targs).any(|&a| self.is_parameterized(&tparams, a)) {
            let copies: Vec<TypeId> = tparams
                .iter()
                .map(|&p| match self.types.type_param(p).cloned() {
                    Some(tp) => self.types.new_type_param(tp.obj, tp.index),
                    None => p,
                })
                .collect();
            let rename = self.subst_map(&tparams, &copies);
            for (&p, &c) in tparams.iter().zip(&copies) {
                let bound = self.types.type_param(p).and_then(|tp| tp.constraint);
                let bound = bound.map(|b| self.subst(b, &rename));
                if let Type::TypeParam(id) = *self.types.get(c) {
                    self.types.tparams[id.0 as usize].constraint = bound;
                }
            }
            params = params.iter().map(|&t| self.subst(t, &rename)).collect();
            tparams = copies;
        }
        // Arguments of named types first: they fix the type arguments that
        // untyped-literal-like arguments (type literals) then must match.
        let mut order: Vec<usize> = (0..args.len().min(params.len())).collect();
        if order.len() >= 2 {
            let (named, unnamed): (Vec<usize>, Vec<usize>) = order.iter().partition(|&&i| self.types.is_named(args[i]));
            if !named.is_empty() && !unnamed.is_empty() {
                order = named.into_iter().chain(unnamed).collect();
            }
        }
        let given = self.subst_map(&tparams, targs);
        let params: Vec<TypeId> = params.iter().map(|&t| self.subst(t, &given)).collect();

        let mut u = Unifier::new(tparams.clone(), false, false);
        for (i, &t) in targs.iter().enumerate() {
            u.set(i, t);
        }
        let mismatch = |w: &mut World, u: &Unifier, default: bool, arg: usize, param: TypeId, arg_type: TypeId| {
            let (known, _) = u.types();
            let nothing_inferred = known.iter().all(Option::is_none);
            let m = w.subst_map_known(&tparams, &known);
            let s = w.subst(param, &m);
            InferError::ArgMismatch {
                arg,
                default,
                param,
                arg_type,
                inferred: (s != param).then_some(s),
                nothing_inferred,
            }
        };

        let mut untyped = vec![];
        for &i in &order {
            let (par, arg) = (params[i], args[i]);
            if !self.is_parameterized(&tparams, par) || matches!(self.types.get(arg), Type::Invalid) {
                continue;
            }
            if !self.types.is_untyped(arg) {
                if !u.unify(self, par, arg) {
                    return Err(mismatch(self, &u, false, i, par, arg));
                }
            } else if self.types.is_type_param(par) {
                untyped.push(i);
            }
        }
        let (known, first) = u.types();
        if first.is_none() {
            return Ok(known.into_iter().flatten().collect());
        }
        let (known, first) = self.infer_from_constraints(&tparams, known)?;
        if first.is_none() {
            return Ok(known.into_iter().flatten().collect());
        }
        // Untyped constants: their default types, for the type parameters
        // still unknown.
        for &i in &untyped {
            let par = params[i];
            let k = tparams.iter().position(|&p| p == par);
            if k.is_some_and(|k| known[k].is_none()) {
                let d = self.default_type(args[i]);
                if !self.types.is_untyped(d) && !u.unify(self, par, d) {
                    return Err(mismatch(self, &u, true, i, par, d));
                }
            }
        }
        let (known, first) = u.types();
        if first.is_none() {
            return Ok(known.into_iter().flatten().collect());
        }
        let (known, first) = self.infer_from_constraints(&tparams, known)?;
        match first {
            None => Ok(known.into_iter().flatten().collect()),
            Some(i) => Err(InferError::CannotInfer { tparam: i }),
        }
    }

    /// Constraint type inference: type parameters whose constraint has a
    /// core type are unified with it (`[P *Q, Q any]` with `P = *int`
    /// gives `Q = int`); inferred types are then substituted into each
    /// other until no type parameter is left in them (those that would
    /// expand without end stay unknown). The types and the index of the
    /// first unknown one.
    fn infer_from_constraints(
        &mut self,
        tparams: &[TypeId],
        targs: Vec<Option<TypeId>>,
    ) -> Result<(Vec<Option<TypeId>>, Option<usize>), InferError> {
        let mut u = Unifier::new(tparams.to_vec(), false, true);
        for (i, t) in targs.iter().enumerate() {
            if let Some(t) = t {
                u.set(i, *t);
            }
        }
        let mut n = u.unknowns();
        while n > 0 {
            let mut nn = n;
            for (i, &tp) in tparams.iter().enumerate() {
                let Some((core, single)) = self.core_term(tp) else { continue };
                match u.at(i) {
                    Some(mut tx) => {
                        if core.tilde && !self.types.is_type_param(tx) {
                            tx = under(self, tx);
                        }
                        if !u.unify(self, tx, core.typ) {
                            return Err(InferError::CoreMismatch { tparam: i, core });
                        }
                    }
                    None if single && !core.tilde => u.set(i, core.typ),
                    None => continue,
                }
                nn = u.unknowns();
                if nn == 0 {
                    break;
                }
            }
            if nn == n {
                break;
            }
            n = nn;
        }
        let (mut types, _) = u.types();
        // Break cycles (`[A interface{ *A }]`) before substituting.
        for &tp in tparams {
            self.kill_cycles(tparams, &mut types, tp, &mut vec![]);
        }
        let mut dirty: Vec<usize> =
            (0..types.len()).filter(|&i| types[i].is_some() && targs.get(i).is_none_or(Option::is_none)).collect();
        let mut rounds = 0;
        while !dirty.is_empty() && rounds < 100 {
            rounds += 1;
            let m = self.subst_map_known(tparams, &types);
            let mut still = vec![];
            for &i in &dirty {
                let Some(t0) = types[i] else { continue };
                let t1 = self.subst(t0, &m);
                if t1 != t0 {
                    types[i] = Some(t1);
                    still.push(i);
                }
            }
            dirty = still;
        }
        for t in types.iter_mut() {
            if t.is_some_and(|t| self.is_parameterized(tparams, t)) {
                *t = None;
            }
        }
        let first = types.iter().position(Option::is_none);
        Ok((types, first))
    }

    /// Forgets the inferred type of every type parameter of `tparams`
    /// whose inferred type leads back to itself.
    fn kill_cycles(&self, tparams: &[TypeId], types: &mut Vec<Option<TypeId>>, t: TypeId, path: &mut Vec<TypeId>) {
        if path.contains(&t) {
            if let Some(i) = tparams.iter().position(|&p| p == t) {
                types[i] = None;
            }
            return;
        }
        if !self.is_parameterized(tparams, t) {
            return;
        }
        path.push(t);
        let parts: Vec<TypeId> = match self.types.get(t).clone() {
            Type::Array(e, _) | Type::Slice(e) | Type::Pointer(e) | Type::Chan(_, e) => vec![e],
            Type::Map(k, e) => vec![k, e],
            Type::Struct(fs) => fs.iter().map(|f| f.typ).collect(),
            Type::Func(s) => s.params.iter().chain(&s.results).copied().collect(),
            Type::Tuple(ts) => ts,
            Type::Union(ts) => ts.iter().map(|t| t.typ).collect(),
            Type::Interface(i) => {
                let iface = &self.types.ifaces[i.0 as usize];
                iface.methods.iter().map(|m| m.sig).chain(iface.embeds.iter().copied()).collect()
            }
            Type::Named(_) => self.types.named(t).map(|n| n.targs.clone()).unwrap_or_default(),
            Type::TypeParam(_) => match tparams.iter().position(|&p| p == t) {
                Some(i) => types[i].into_iter().collect(),
                None => vec![],
            },
            Type::Basic(_) | Type::Invalid => vec![],
        };
        for p in parts {
            self.kill_cycles(tparams, types, p, path);
        }
        path.pop();
    }

    /// Whether `t` mentions any of `tparams` (through type arguments,
    /// signatures, interface methods and terms).
    pub fn is_parameterized(&self, tparams: &[TypeId], t: TypeId) -> bool {
        self.param_walk(tparams, t, &mut HashMap::new())
    }

    fn param_walk(&self, tparams: &[TypeId], t: TypeId, seen: &mut HashMap<TypeId, bool>) -> bool {
        if let Some(&r) = seen.get(&t) {
            return r;
        }
        seen.insert(t, false);
        let any = |w: &World, ts: &[TypeId], seen: &mut HashMap<TypeId, bool>| {
            ts.iter().any(|&x| w.param_walk(tparams, x, seen))
        };
        let r = match self.types.get(t) {
            Type::Basic(_) | Type::Invalid => false,
            Type::Array(e, _) | Type::Slice(e) | Type::Pointer(e) | Type::Chan(_, e) => {
                self.param_walk(tparams, *e, seen)
            }
            Type::Map(k, e) => any(self, &[*k, *e], seen),
            Type::Struct(fs) => fs.iter().any(|f| self.param_walk(tparams, f.typ, seen)),
            Type::Func(s) => any(self, &s.params, seen) || any(self, &s.results, seen),
            Type::Tuple(ts) => any(self, ts, seen),
            Type::Union(ts) => ts.iter().any(|x| self.param_walk(tparams, x.typ, seen)),
            Type::Interface(_) => {
                let set = self.type_set(t);
                set.methods.iter().any(|m| self.param_walk(tparams, m.sig, seen))
                    || set.terms.as_ref().is_some_and(|ts| ts.iter().any(|x| self.param_walk(tparams, x.typ, seen)))
            }
            Type::Named(n) => any(self, &self.types.named[n.0 as usize].targs, seen),
            Type::TypeParam(_) => tparams.contains(&t),
        };
        seen.insert(t, r);
        r
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::types::ty::{basic, Basic};

    #[test]
    fn map_infers_from_a_slice_and_a_func() {
        let (mut w, p) = world();
        let int = basic(Basic::Int);
        let string = basic(Basic::String);
        let any = w.any;
        // func Map[T, U any](s []T, f func(T) U) []U
        let t = tparam(&mut w, p, "T", 0, any);
        let u = tparam(&mut w, p, "U", 1, any);
        let st = w.types.slice(t);
        let f = w.types.func(vec![t], vec![u], false);
        let si = w.types.slice(int);
        let fa = w.types.func(vec![int], vec![string], false);
        assert_eq!(w.infer(&[t, u], &[], &[st, f], &[si, fa]), Ok(vec![int, string]));
        // With T given.
        assert_eq!(w.infer(&[t, u], &[int], &[st, f], &[si, fa]), Ok(vec![int, string]));
        // A defined slice type matches []T by its underlying type.
        let ints = named(&mut w, p, "Ints", si);
        assert_eq!(w.infer(&[t, u], &[], &[st, f], &[ints, fa]), Ok(vec![int, string]));
        // Mismatch: []string for []T after T = int.
        let ss = w.types.slice(string);
        let g = w.types.func(vec![t], vec![t], false);
        let fi = w.types.func(vec![int], vec![int], false);
        let e = w.infer(&[t], &[], &[g, st], &[fi, ss]).unwrap_err();
        assert!(
            matches!(
                e,
                InferError::ArgMismatch { arg: 1, default: false, nothing_inferred: false, inferred: Some(_), .. }
            ),
            "{e:?}"
        );
    }

    #[test]
    fn constraint_inference_through_core_types() {
        let (mut w, p) = world();
        let int = basic(Basic::Int);
        let any = w.any;
        // func F[P *Q, Q any](p P)
        let q = tparam(&mut w, p, "Q", 1, any);
        let pq = w.types.pointer(q);
        let c = iface(&mut w, p, &[], &[pq]);
        let pp = tparam(&mut w, p, "P", 0, c);
        let pint = w.types.pointer(int);
        assert_eq!(w.infer(&[pp, q], &[], &[pp], &[pint]), Ok(vec![pint, int]));
        // Given Q only: P = *int from its single term.
        assert_eq!(w.infer(&[q], &[int], &[], &[]), Ok(vec![int]));
        let e = w.infer(&[pp, q], &[], &[pp], &[int]).unwrap_err();
        assert_eq!(e, InferError::CoreMismatch { tparam: 0, core: Term { tilde: false, typ: pq } });
    }

    #[test]
    fn untyped_constants_and_cannot_infer() {
        let (mut w, p) = world();
        let any = w.any;
        let t = tparam(&mut w, p, "T", 0, any);
        let u = tparam(&mut w, p, "U", 1, any);
        // func F[T any](x T) called as F(1): T = int.
        assert_eq!(w.infer(&[t], &[], &[t], &[basic(Basic::UntypedInt)]), Ok(vec![basic(Basic::Int)]));
        // An untyped rune defaults to rune: int32 under the name types2 gives it.
        assert_eq!(w.infer(&[t], &[], &[t], &[basic(Basic::UntypedRune)]), Ok(vec![super::super::ty::RUNE]));
        // func G[T, U any](x T) called as G(1): cannot infer U.
        assert_eq!(
            w.infer(&[t, u], &[], &[t], &[basic(Basic::UntypedInt)]),
            Err(InferError::CannotInfer { tparam: 1 })
        );
        // F(nil): cannot infer T.
        assert_eq!(w.infer(&[t], &[], &[t], &[basic(Basic::UntypedNil)]), Err(InferError::CannotInfer { tparam: 0 }));
        // A typed argument fixes T before an untyped one: F2(x float64, 1).
        let f64 = basic(Basic::Float64);
        assert_eq!(w.infer(&[t], &[], &[t, t], &[basic(Basic::UntypedInt), f64]), Ok(vec![f64]));
    }

    #[test]
    fn recursive_calls_infer_the_callers_type_parameters() {
        let (mut w, p) = world();
        let any = w.any;
        let t = tparam(&mut w, p, "T", 0, any);
        let st = w.types.slice(t);
        // Inside func F[T any](s []T), the call F(s) infers T = T.
        assert_eq!(w.infer(&[t], &[], &[st], &[st]), Ok(vec![t]));
        // And F([]T{}) with an element type of []T infers T = []T.
        let sst = w.types.slice(st);
        assert_eq!(w.infer(&[t], &[], &[st], &[sst]), Ok(vec![st]));
    }

    #[test]
    fn exact_unification_keeps_names_and_directions() {
        let (mut w, p) = world();
        let int = basic(Basic::Int);
        let any = w.any;
        let t = tparam(&mut w, p, "T", 0, any);
        let st = w.types.slice(t);
        let si = w.types.slice(int);
        let ints = named(&mut w, p, "Ints", si);
        let mut u = Unifier::new(vec![t], true, false);
        assert!(!u.unify(&w, st, ints));
        let mut u = Unifier::new(vec![t], false, false);
        assert!(u.unify(&w, st, ints));
        assert_eq!(u.at(0), Some(int));
        let ct = w.types.intern(Type::Chan(crate::syntax::ast::ChanDir::Recv, t));
        let ci = w.types.intern(Type::Chan(crate::syntax::ast::ChanDir::Both, int));
        assert!(Unifier::new(vec![t], false, false).unify(&w, ct, ci));
        assert!(!Unifier::new(vec![t], true, false).unify(&w, ct, ci));
    }
}
