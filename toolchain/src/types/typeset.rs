//! Type sets of interfaces: the methods and the types an interface allows.
//!
//! An interface's type set is computed from its elements (its own methods,
//! embedded interfaces, unions, single types) on first use and cached in
//! the interface ([`Iface::typeset`]) once everything it depends on is
//! resolved. Term lists follow the spec's rules for type terms: `T` is the
//! set `{T}`, `~T` every type whose underlying type is `T`; lists are kept
//! normalised (no term overlaps another), `None` being the set of all
//! types. Core types (spec: "Core types") are here too.

use super::object::ObjId;
use super::predicates::{is_exported, under, unresolved};
use super::ty::{Basic, IMethod, Iface, IfaceId, Term, Type, TypeId};
use super::World;
use crate::syntax::ast::ChanDir;
use std::rc::Rc;

/// The type set of an interface: every method it requires (its own and
/// its embedded interfaces', sorted by name) and the types it allows.
#[derive(Clone, Debug, Default)]
pub struct TypeSet {
    pub methods: Vec<IMethod>,
    /// `None`: every type (no type terms); otherwise the union of these
    /// terms, normalised (no term is a subset of another).
    pub terms: Option<Vec<Term>>,
    /// Only comparable types (`comparable` embedded). Only ever set when
    /// `terms` is `None`: with terms, the incomparable ones are dropped.
    pub comparable: bool,
}

/// A term list: `None` is the set of all types, `Some(vec![])` the empty
/// set, otherwise the union of the terms.
pub type Terms = Option<Vec<Term>>;

impl TypeSet {
    /// The set of all types (`interface{}`).
    pub fn all() -> TypeSet {
        TypeSet::default()
    }

    /// Whether this is the type set of a basic interface (methods only),
    /// which may be the type of a variable.
    pub fn is_basic(&self) -> bool {
        self.terms.is_none() && !self.comparable
    }

    /// The empty type set: no type satisfies it.
    pub fn is_empty(&self) -> bool {
        self.terms.as_ref().is_some_and(Vec::is_empty)
    }

    /// Every type: no methods, no terms, not `comparable`.
    pub fn is_all(&self) -> bool {
        self.is_basic() && self.methods.is_empty()
    }

    /// Has specific terms (neither all types nor none).
    pub fn has_terms(&self) -> bool {
        self.terms.as_ref().is_some_and(|t| !t.is_empty())
    }

    /// The method `name` (qualified by `pkg` when unexported): its index
    /// in [`TypeSet::methods`] and itself.
    pub fn method(&self, pkg: &str, name: &str) -> Option<(usize, &IMethod)> {
        self.method_folded(pkg, name, false)
    }

    /// Like [`TypeSet::method`]; with `fold`, names equal but for case
    /// match too (for "have m, want M" hints).
    pub(super) fn method_folded(&self, pkg: &str, name: &str, fold: bool) -> Option<(usize, &IMethod)> {
        if name == "_" {
            return None;
        }
        self.methods.iter().enumerate().find(|(_, m)| {
            let name_ok = m.name == name || fold && m.name.to_lowercase() == name.to_lowercase();
            name_ok && (is_exported(&m.name) || m.pkg == pkg)
        })
    }
}

/// Two methods of one interface with the same name: declared twice, or
/// met through embedded interfaces with different signatures. gc reports
/// "duplicate method X" at `second` (and "\tother declaration of X" at
/// `first`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateMethod {
    pub name: String,
    pub first: ObjId,
    pub second: ObjId,
}

/// A method's identity: its name, qualified by its package if unexported.
fn method_id(m: &IMethod) -> (&str, &str) {
    (&m.name, if is_exported(&m.name) { "" } else { &m.pkg })
}

/// What computing one type set yields besides the set.
pub(super) struct Computed {
    pub set: Rc<TypeSet>,
    /// Nothing unresolved was met: the set may be cached.
    pub complete: bool,
}

impl World {
    /// The type set of `t`: of its underlying interface; of its constraint
    /// for a type parameter (a constraint that is not an interface counts
    /// as `interface{C}`); `{t}` for any other type; all types for an
    /// invalid or unresolved one (no follow-on errors).
    pub fn type_set(&self, t: TypeId) -> Rc<TypeSet> {
        match *self.types.get(t) {
            Type::TypeParam(p) => match self.types.tparams[p.0 as usize].constraint {
                Some(c) if !self.types.is_type_param(c) => self.constraint_set(c),
                _ => Rc::new(TypeSet::all()),
            },
            _ => self.constraint_set(t),
        }
    }

    /// The type set of a type used as a constraint or embedded element.
    fn constraint_set(&self, t: TypeId) -> Rc<TypeSet> {
        let u = under(self, t);
        match *self.types.get(u) {
            Type::Interface(i) => self.iface_set(i).set,
            Type::Invalid => Rc::new(TypeSet::all()),
            Type::Union(_) => Rc::new(TypeSet { terms: self.union_terms(u).0, ..TypeSet::default() }),
            _ => Rc::new(TypeSet { terms: Some(vec![Term { tilde: false, typ: t }]), ..TypeSet::default() }),
        }
    }

    /// The type set of interface type `t` as [`World::type_set`] does, and
    /// the errors in it that are the interface's own: methods declared
    /// twice, or embedded twice with different signatures. The checker
    /// calls it once per interface type it checks.
    pub fn check_type_set(&self, t: TypeId) -> Result<Rc<TypeSet>, Vec<DuplicateMethod>> {
        let Type::Interface(i) = *self.types.get(under(self, t)) else {
            return Ok(self.type_set(t));
        };
        let iface = &self.types.ifaces[i.0 as usize];
        let mut dups = vec![];
        // Own methods: any repetition is an error.
        for (k, m) in iface.methods.iter().enumerate() {
            if let Some(first) = iface.methods[..k].iter().find(|f| method_id(f) == method_id(m)) {
                dups.push(DuplicateMethod { name: m.name.clone(), first: first.obj, second: m.obj });
            }
        }
        // Embedded methods: an error if the signatures differ (from the
        // own ones or from each other). Compared only now, the set being
        // computed (and cached), so comparing signatures that mention the
        // interface itself does not recompute it.
        let set = self.iface_set(i).set;
        let mut seen: Vec<IMethod> = iface.methods.clone();
        for &e in &iface.embeds {
            if self.types.is_type_param(e) {
                continue;
            }
            let Type::Interface(ei) = *self.types.get(under(self, e)) else { continue };
            let eset = self.iface_set(ei).set;
            for m in eset.methods.iter() {
                match seen.iter().find(|f| method_id(f) == method_id(m)) {
                    Some(f) => {
                        if f.obj != m.obj && !self.identical(f.sig, m.sig) && !dups.iter().any(|d| d.name == m.name) {
                            dups.push(DuplicateMethod { name: m.name.clone(), first: f.obj, second: m.obj });
                        }
                    }
                    None => seen.push(m.clone()),
                }
            }
        }
        if dups.is_empty() {
            Ok(set)
        } else {
            Err(dups)
        }
    }

    /// The type set of interface `i`, computed and cached if need be.
    pub(super) fn iface_set(&self, i: IfaceId) -> Computed {
        let iface: &Iface = &self.types.ifaces[i.0 as usize];
        if let Some(s) = iface.typeset.get() {
            return Computed { set: s.clone(), complete: true };
        }
        if self.types.memo.busy_sets.borrow().contains(&i) {
            return Computed { set: Rc::new(TypeSet::all()), complete: false };
        }
        self.types.memo.busy_sets.borrow_mut().push(i);
        let c = self.compute_iface_set(iface);
        self.types.memo.busy_sets.borrow_mut().retain(|&b| b != i);
        if c.complete {
            // Set by a nested computation meanwhile only if the set
            // depended on itself, when either value will do.
            let _ = iface.typeset.set(c.set.clone());
        }
        c
    }

    fn compute_iface_set(&self, iface: &Iface) -> Computed {
        let mut complete = true;
        let mut methods: Vec<IMethod> = vec![];
        for m in &iface.methods {
            if !methods.iter().any(|f| method_id(f) == method_id(m)) {
                methods.push(m.clone());
            }
        }
        let mut terms: Terms = None;
        let mut comparable = iface.comparable;
        for &e in &iface.embeds {
            let (eterms, ecomparable) = match *self.types.get(e) {
                // A type parameter cannot be embedded (the checker says so).
                Type::TypeParam(_) | Type::Invalid => continue,
                Type::Named(n) if self.types.named[n.0 as usize].underlying.is_none() => {
                    complete = false;
                    continue;
                }
                _ => match *self.types.get(under(self, e)) {
                    Type::Interface(ei) => {
                        let c = self.iface_set(ei);
                        complete &= c.complete;
                        for m in &c.set.methods {
                            if !methods.iter().any(|f| method_id(f) == method_id(m)) {
                                methods.push(m.clone());
                            }
                        }
                        (c.set.terms.clone(), c.set.comparable)
                    }
                    Type::Union(_) => {
                        let (t, c) = self.union_terms(under(self, e));
                        complete &= c;
                        (t, false)
                    }
                    Type::Invalid => continue,
                    _ => (Some(vec![Term { tilde: false, typ: e }]), false),
                },
            };
            let (t, c) = self.intersect_with_comparable(&terms, comparable, &eterms, ecomparable);
            terms = t;
            comparable = c;
        }
        methods.sort_by(|a, b| method_id(a).cmp(&method_id(b)));
        Computed { set: Rc::new(TypeSet { methods, terms, comparable }), complete }
    }

    /// The term list of a union type, and whether everything in it was
    /// resolved. Interface terms contribute their terms (their methods are
    /// an error the checker reports); `~T` with `T` not its own underlying
    /// type is the empty set.
    pub(super) fn union_terms(&self, u: TypeId) -> (Terms, bool) {
        let Type::Union(list) = self.types.get(u) else {
            return (None, true);
        };
        let mut complete = true;
        let mut all: Terms = Some(vec![]);
        for t in list {
            let tu = under(self, t.typ);
            let terms = match *self.types.get(tu) {
                Type::Interface(i) if !self.types.is_type_param(t.typ) => {
                    let c = self.iface_set(i);
                    complete &= c.complete;
                    c.set.terms.clone()
                }
                Type::Invalid => {
                    complete &= !unresolved(self, t.typ);
                    continue;
                }
                _ if self.types.is_type_param(t.typ) => continue,
                _ if t.tilde && !self.identical(t.typ, tu) => continue,
                _ => Some(vec![*t]),
            };
            all = self.terms_union(&all, &terms);
        }
        (all, complete)
    }

    /// The intersection of two term lists with their `comparable` bits:
    /// with either bit set, only comparable types stay.
    fn intersect_with_comparable(&self, x: &Terms, xc: bool, y: &Terms, yc: bool) -> (Terms, bool) {
        let terms = self.terms_intersect(x, y);
        let mut comparable = xc || yc;
        match terms {
            Some(list) if comparable => {
                comparable = false;
                (Some(list.into_iter().filter(|t| self.comparable(t.typ)).collect()), comparable)
            }
            other => (other, comparable),
        }
    }

    // Single terms (never the empty or the universal set here).

    /// `x ∩ y = ∅`.
    fn term_disjoint(&self, x: Term, y: Term) -> bool {
        let ux = if y.tilde { under(self, x.typ) } else { x.typ };
        let uy = if x.tilde { under(self, y.typ) } else { y.typ };
        !self.identical(ux, uy)
    }

    /// `x ∪ y`: one term, or both when they are disjoint.
    fn term_union(&self, x: Term, y: Term) -> (Term, Option<Term>) {
        if self.term_disjoint(x, y) {
            return (x, Some(y));
        }
        if x.tilde || !y.tilde {
            (x, None)
        } else {
            (y, None)
        }
    }

    /// `x ∩ y`, `None` when empty.
    fn term_intersect(&self, x: Term, y: Term) -> Option<Term> {
        if self.term_disjoint(x, y) {
            return None;
        }
        if !x.tilde || y.tilde {
            Some(x)
        } else {
            Some(y)
        }
    }

    /// `x ⊆ y`.
    fn term_subset(&self, x: Term, y: Term) -> bool {
        !self.term_disjoint(x, y) && (!x.tilde || y.tilde)
    }

    /// `t ∈ x`.
    pub fn term_includes(&self, x: Term, t: TypeId) -> bool {
        let u = if x.tilde { under(self, t) } else { t };
        self.identical(x.typ, u)
    }

    // Term lists.

    /// The normal form of a list of terms: overlapping terms merged.
    pub fn terms_norm(&self, list: Vec<Term>) -> Vec<Term> {
        let mut used = vec![false; list.len()];
        let mut out = vec![];
        for i in 0..list.len() {
            if used[i] {
                continue;
            }
            let mut xi = list[i];
            for j in i + 1..list.len() {
                if used[j] {
                    continue;
                }
                if let (u, None) = self.term_union(xi, list[j]) {
                    xi = u;
                    used[j] = true;
                }
            }
            out.push(xi);
        }
        out
    }

    /// `x ∪ y`.
    pub fn terms_union(&self, x: &Terms, y: &Terms) -> Terms {
        match (x, y) {
            (Some(a), Some(b)) => Some(self.terms_norm(a.iter().chain(b).copied().collect())),
            _ => None,
        }
    }

    /// `x ∩ y`.
    pub fn terms_intersect(&self, x: &Terms, y: &Terms) -> Terms {
        match (x, y) {
            (None, other) | (other, None) => other.clone(),
            (Some(a), Some(b)) => {
                let mut out = vec![];
                for &s in a {
                    for &t in b {
                        if let Some(r) = self.term_intersect(s, t) {
                            out.push(r);
                        }
                    }
                }
                Some(self.terms_norm(out))
            }
        }
    }

    /// `x ⊆ y`.
    pub fn terms_subset(&self, x: &Terms, y: &Terms) -> bool {
        match (x, y) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some(a), Some(b)) => a.iter().all(|&s| b.iter().any(|&t| self.term_subset(s, t))),
        }
    }

    /// `x = y` as sets.
    pub fn terms_equal(&self, x: &Terms, y: &Terms) -> bool {
        self.terms_subset(x, y) && self.terms_subset(y, x)
    }

    /// `t ∈ x`.
    pub fn terms_include(&self, x: &Terms, t: TypeId) -> bool {
        match x {
            None => true,
            Some(list) => list.iter().any(|&s| self.term_includes(s, t)),
        }
    }

    /// Whether every type of the set is comparable (go/types'
    /// `IsComparable`: interfaces in the set count only if their own type
    /// set is comparable).
    pub fn type_set_comparable(&self, s: &TypeSet) -> bool {
        match &s.terms {
            None => s.comparable,
            Some(list) => list.iter().all(|t| self.comparable_strict(t.typ)),
        }
    }

    /// `f` of the underlying type of every term of `t`'s type set (for a
    /// type parameter), or `f(under(t))` for any other type; `f(None)` when
    /// a type parameter has no specific terms. True if every call is.
    pub fn under_is(&self, t: TypeId, mut f: impl FnMut(Option<TypeId>) -> bool) -> bool {
        if !self.types.is_type_param(t) {
            return f(Some(under(self, t)));
        }
        let set = self.type_set(t);
        match &set.terms {
            Some(list) if !list.is_empty() => {
                list.iter().all(|term| f(Some(if term.tilde { term.typ } else { under(self, term.typ) })))
            }
            _ => f(None),
        }
    }

    /// The core type of `t` (spec: "Core types"): its underlying type if it
    /// is not a type parameter; for a type parameter, the one underlying
    /// type of all the types in its type set, where channels that differ
    /// only in direction give the directed one (`None` if the directions
    /// conflict, or the set has no specific types, or they differ).
    pub fn core_type(&self, t: TypeId) -> Option<TypeId> {
        if !self.types.is_type_param(t) {
            return Some(under(self, t));
        }
        let mut su: Option<TypeId> = None;
        let ok = self.under_is(t, |u| {
            let Some(mut u) = u else { return false };
            if let Some(s) = su {
                match self.match_core(s, u) {
                    Some(m) => u = m,
                    None => return false,
                }
            }
            su = Some(u);
            true
        });
        if ok {
            su
        } else {
            None
        }
    }

    /// Like [`World::core_type`], but `string` and `[]byte` count as one
    /// (for `append(b, s...)`, `copy(b, s)`): when both or only strings
    /// occur the result is `string` (or untyped string, for an untyped
    /// operand that is no type parameter).
    pub fn core_string(&self, t: TypeId) -> Option<TypeId> {
        if !self.types.is_type_param(t) {
            return Some(under(self, t));
        }
        // `None` inside stands for `[]byte` met as a string.
        let mut su: Option<Option<TypeId>> = None;
        let mut has_string = false;
        let ok = self.under_is(t, |u| {
            let Some(u) = u else { return false };
            let cur = if matches!(self.types.get(u), Type::Basic(b) if b.is_string()) {
                has_string = true;
                None
            } else {
                Some(u)
            };
            let merged = match (su, cur) {
                (None, c) => c,
                (Some(None), None) => None,
                (Some(None), Some(c)) | (Some(Some(c)), None) => {
                    if self.is_byte_slice(c) {
                        Some(c)
                    } else {
                        return false;
                    }
                }
                (Some(Some(a)), Some(b)) => match self.match_core(a, b) {
                    Some(m) => Some(m),
                    None => return false,
                },
            };
            su = Some(merged);
            true
        });
        match (ok, su) {
            (true, Some(_)) if has_string => Some(super::ty::basic(Basic::String)),
            (true, Some(s)) => s,
            _ => None,
        }
    }

    fn is_byte_slice(&self, t: TypeId) -> bool {
        matches!(*self.types.get(t), Type::Slice(e) if self.types.basic_of(e) == Some(Basic::Uint8))
    }

    /// `x` if `x` and `y` are identical; the directed one of two channel
    /// types that differ only in direction, one of them undirected.
    fn match_core(&self, x: TypeId, y: TypeId) -> Option<TypeId> {
        if self.identical(x, y) {
            return Some(x);
        }
        if let (Type::Chan(dx, ex), Type::Chan(dy, ey)) = (self.types.get(x), self.types.get(y)) {
            if self.identical(*ex, *ey) {
                if *dx == ChanDir::Both {
                    return Some(y);
                }
                if *dy == ChanDir::Both {
                    return Some(x);
                }
            }
        }
        None
    }

    /// The core term of a type parameter, for constraint type inference:
    /// its single term and `true` if it has exactly one; otherwise its core
    /// type as a term (with a tilde if any term has one) and `false`;
    /// `None` without a core type.
    pub fn core_term(&self, tpar: TypeId) -> Option<(Term, bool)> {
        let set = self.type_set(tpar);
        let list = match &set.terms {
            Some(l) if !l.is_empty() => l,
            _ => return None,
        };
        if list.len() == 1 {
            return Some((list[0], true));
        }
        let tilde = list.iter().any(|t| t.tilde);
        self.core_type(tpar).map(|typ| (Term { tilde, typ }, false))
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::super::ty::basic;
    use super::*;

    #[test]
    fn embedded_interfaces_are_flattened_and_methods_sorted() {
        let (mut w, p) = world();
        let int = basic(Basic::Int);
        let s = sig(&mut w, &[], &[int]);
        let reader = iface(&mut w, p, &[("Read", s)], &[]);
        let reader = named(&mut w, p, "Reader", reader);
        let closer = iface(&mut w, p, &[("Close", s)], &[]);
        let both = iface(&mut w, p, &[("Alpha", s)], &[reader, closer]);
        let set = w.check_type_set(both).unwrap();
        let names: Vec<_> = set.methods.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["Alpha", "Close", "Read"]);
        assert!(set.is_basic());
        assert!(w.types.iface(both).unwrap().typeset.get().is_some(), "cached");
    }

    #[test]
    fn duplicate_methods_are_reported_unless_embedded_identically() {
        let (mut w, p) = world();
        let int = basic(Basic::Int);
        let s1 = sig(&mut w, &[], &[int]);
        let s2 = sig(&mut w, &[int], &[]);
        let a = iface(&mut w, p, &[("M", s1)], &[]);
        let b = iface(&mut w, p, &[("M", s1)], &[]);
        let ok = iface(&mut w, p, &[], &[a, b]);
        assert!(w.check_type_set(ok).is_ok());
        let c = iface(&mut w, p, &[("M", s2)], &[]);
        let bad = iface(&mut w, p, &[], &[a, c]);
        let err = w.check_type_set(bad).unwrap_err();
        assert_eq!(err[0].name, "M");
        // Own method and embedded one: fine if identical.
        let own_same = iface(&mut w, p, &[("M", s1)], &[a]);
        assert!(w.check_type_set(own_same).is_ok());
        let own_other = iface(&mut w, p, &[("M", s2)], &[a]);
        assert_eq!(w.check_type_set(own_other).unwrap_err()[0].name, "M");
        let twice = iface(&mut w, p, &[("M", s1), ("M", s1)], &[]);
        assert_eq!(w.check_type_set(twice).unwrap_err().len(), 1);
        // Still usable: the first one counts.
        assert_eq!(w.type_set(bad).methods.len(), 1);
    }

    #[test]
    fn unions_and_tilde_terms() {
        let (mut w, p) = world();
        let int = basic(Basic::Int);
        let string = basic(Basic::String);
        let my_int = named(&mut w, p, "MyInt", int);
        // ~int | string | MyInt: MyInt is in ~int.
        let u = union(&mut w, &[(true, int), (false, string), (false, my_int)]);
        let i = iface(&mut w, p, &[], &[u]);
        let set = w.type_set(i);
        assert_eq!(set.terms.as_ref().unwrap().len(), 2);
        assert!(w.terms_include(&set.terms, my_int));
        assert!(w.terms_include(&set.terms, int));
        assert!(!w.terms_include(&set.terms, basic(Basic::Int8)));
        // (~int | string) ∩ (int | float64) = int
        let u2 = union(&mut w, &[(false, int), (false, basic(Basic::Float64))]);
        let both = iface(&mut w, p, &[], &[u, u2]);
        let terms = w.type_set(both).terms.clone().unwrap();
        assert_eq!(terms, vec![Term { tilde: false, typ: int }]);
        // int ∩ string = ∅
        let empty = iface(&mut w, p, &[], &[int, string]);
        assert!(w.type_set(empty).is_empty());
        // ~MyInt is empty (MyInt is not an underlying type).
        let bad = union(&mut w, &[(true, my_int)]);
        let bad = iface(&mut w, p, &[], &[bad]);
        assert!(w.type_set(bad).is_empty());
        // Subsets.
        let t_int: Terms = Some(vec![Term { tilde: false, typ: int }]);
        let t_tint: Terms = Some(vec![Term { tilde: true, typ: int }]);
        assert!(w.terms_subset(&t_int, &t_tint));
        assert!(!w.terms_subset(&t_tint, &t_int));
        assert!(w.terms_subset(&t_tint, &None));
        assert!(!w.terms_subset(&None, &t_tint));
        assert!(w.terms_equal(&w.terms_union(&t_int, &t_tint), &t_tint));
    }

    #[test]
    fn comparable_embedded_drops_incomparable_terms() {
        let (mut w, p) = world();
        let int = basic(Basic::Int);
        let sl = w.types.slice(int);
        let u = union(&mut w, &[(false, int), (false, sl)]);
        let cmp = w.comparable;
        let i = iface(&mut w, p, &[], &[u, cmp]);
        let set = w.type_set(i);
        assert_eq!(set.terms, Some(vec![Term { tilde: false, typ: int }]));
        assert!(!set.comparable);
        let only = iface(&mut w, p, &[], &[cmp]);
        assert!(w.type_set(only).comparable);
    }

    #[test]
    fn core_types() {
        let (mut w, p) = world();
        let int = basic(Basic::Int);
        let my_int = named(&mut w, p, "MyInt", int);
        let u = union(&mut w, &[(true, int), (false, my_int)]);
        let c = iface(&mut w, p, &[], &[u]);
        let tp = tparam(&mut w, p, "T", 0, c);
        assert_eq!(w.core_type(tp), Some(int));
        let both = w.types.intern(Type::Chan(ChanDir::Both, int));
        let recv = w.types.intern(Type::Chan(ChanDir::Recv, int));
        let send = w.types.intern(Type::Chan(ChanDir::Send, int));
        let u = union(&mut w, &[(false, both), (false, recv)]);
        let c = iface(&mut w, p, &[], &[u]);
        let tp = tparam(&mut w, p, "C", 0, c);
        assert_eq!(w.core_type(tp), Some(recv));
        let u = union(&mut w, &[(false, send), (false, recv)]);
        let c = iface(&mut w, p, &[], &[u]);
        let tp = tparam(&mut w, p, "D", 0, c);
        assert_eq!(w.core_type(tp), None);
        let any = w.any;
        let tp = tparam(&mut w, p, "E", 0, any);
        assert_eq!(w.core_type(tp), None);
        let bytes = w.types.slice(basic(Basic::Uint8));
        let string = basic(Basic::String);
        let u = union(&mut w, &[(false, bytes), (true, string)]);
        let c = iface(&mut w, p, &[], &[u]);
        let tp = tparam(&mut w, p, "B", 0, c);
        assert_eq!(w.core_type(tp), None);
        assert_eq!(w.core_string(tp), Some(string));
        assert_eq!(w.core_term(tp).map(|(t, single)| (t.typ, single)), None);
    }

    #[test]
    fn cyclic_embedding_terminates() {
        let (mut w, p) = world();
        let obj = w.new_obj("I", pos(), Some(p), crate::types::object::ObjKind::TypeName { alias: false }, None);
        let n = w.types.new_named(obj);
        let i = iface(&mut w, p, &[], &[n]);
        w.types.named_mut(n).unwrap().underlying = Some(i);
        let set = w.type_set(n);
        assert!(set.is_all());
        assert!(w.identical(n, n));
    }
}
