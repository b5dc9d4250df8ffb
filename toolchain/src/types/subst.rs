//! Substitution of type parameters, and instantiation of generic types.
//!
//! Substitution rebuilds a type with type parameters replaced by types.
//! It never looks into a defined type's underlying type: a generic type
//! met inside is re-instantiated with substituted type arguments, which is
//! what makes recursive generic types (`List[T]` holding a `*List[T]`)
//! terminate: an instance exists (made once per argument list) before its
//! underlying type is substituted, so meeting it again finds it.

use super::object::ObjKind;
use super::ty::{Field, IMethod, Iface, NamedId, Sig, Term, Type, TypeId, TypeParamId};
use super::World;
use std::collections::{HashMap, VecDeque};

/// How many instances one instantiation may expand in a row (those it
/// makes while substituting, and theirs). Only a type whose instances
/// grow without end (`type T[P any] struct{ f *T[[]P] }`) reaches it;
/// the instances left then are expanded on demand ([`World::expand_named`]).
const EXPANSION_BUDGET: usize = 1000;

/// Type parameters to the types that replace them.
#[derive(Clone, Debug, Default)]
pub struct SubstMap {
    map: HashMap<TypeParamId, TypeId>,
}

impl SubstMap {
    pub fn new() -> SubstMap {
        SubstMap::default()
    }

    pub fn insert(&mut self, p: TypeParamId, t: TypeId) {
        self.map.insert(p, t);
    }

    pub fn get(&self, p: TypeParamId) -> Option<TypeId> {
        self.map.get(&p).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// One substitution: its map, what it made so far, and the instances it
/// created that still need their underlying type.
struct Subster<'a> {
    smap: &'a SubstMap,
    memo: HashMap<TypeId, TypeId>,
    made: Vec<TypeId>,
}

impl Subster<'_> {
    fn typ(&mut self, w: &mut World, t: TypeId) -> TypeId {
        if let Some(&r) = self.memo.get(&t) {
            return r;
        }
        let r = match w.types.get(t).clone() {
            Type::Basic(_) | Type::Invalid => t,
            Type::TypeParam(p) => self.smap.get(p).unwrap_or(t),
            Type::Pointer(e) => self.rebuild(w, t, &[e], |k| Type::Pointer(k[0])),
            Type::Slice(e) => self.rebuild(w, t, &[e], |k| Type::Slice(k[0])),
            Type::Array(e, n) => self.rebuild(w, t, &[e], |k| Type::Array(k[0], n)),
            Type::Map(a, b) => self.rebuild(w, t, &[a, b], |k| Type::Map(k[0], k[1])),
            Type::Chan(d, e) => self.rebuild(w, t, &[e], |k| Type::Chan(d, k[0])),
            Type::Tuple(ts) => self.rebuild(w, t, &ts, |k| Type::Tuple(k.to_vec())),
            Type::Func(s) => {
                let n = s.params.len();
                let all: Vec<TypeId> = s.params.iter().chain(&s.results).copied().collect();
                self.rebuild(w, t, &all, |k| {
                    Type::Func(Sig { params: k[..n].to_vec(), results: k[n..].to_vec(), variadic: s.variadic })
                })
            }
            Type::Struct(fields) => {
                let ts: Vec<TypeId> = fields.iter().map(|f| f.typ).collect();
                self.rebuild(w, t, &ts, |k| {
                    Type::Struct(fields.iter().zip(k).map(|(f, &typ)| Field { typ, ..f.clone() }).collect())
                })
            }
            Type::Union(terms) => {
                let ts: Vec<TypeId> = terms.iter().map(|t| t.typ).collect();
                self.rebuild(w, t, &ts, |k| {
                    Type::Union(terms.iter().zip(k).map(|(t, &typ)| Term { tilde: t.tilde, typ }).collect())
                })
            }
            Type::Interface(i) => {
                // Met again inside itself (never without a defined type in
                // between, but cheap to guard): itself.
                self.memo.insert(t, t);
                let iface = w.types.ifaces[i.0 as usize].clone();
                let mut changed = false;
                let mut methods = Vec::with_capacity(iface.methods.len());
                for m in &iface.methods {
                    let sig = self.typ(w, m.sig);
                    changed |= sig != m.sig;
                    methods.push(IMethod { sig, ..m.clone() });
                }
                let mut embeds = Vec::with_capacity(iface.embeds.len());
                for &e in &iface.embeds {
                    let e2 = self.typ(w, e);
                    changed |= e2 != e;
                    embeds.push(e2);
                }
                if changed {
                    w.types.new_interface(Iface { methods, embeds, comparable: iface.comparable, implicit: iface.implicit, ..Iface::default() })
                } else {
                    t
                }
            }
            Type::Named(n) => {
                let named = &w.types.named[n.0 as usize];
                let (origin, targs) = match named.origin {
                    Some(o) => (o, named.targs.clone()),
                    // The generic type itself, met inside its own
                    // declaration: as if instantiated with its own type
                    // parameters.
                    None if !named.tparams.is_empty() => {
                        (n, named.tparams.iter().map(|p| w.types.tparams[p.0 as usize].id).collect())
                    }
                    None => return self.done(t, t),
                };
                let mut changed = false;
                let mut new = Vec::with_capacity(targs.len());
                for &a in &targs {
                    let a2 = self.typ(w, a);
                    changed |= a2 != a;
                    new.push(a2);
                }
                if changed {
                    let (inst, fresh) = w.make_instance(origin, new);
                    if fresh {
                        self.made.push(inst);
                    }
                    inst
                } else {
                    t
                }
            }
        };
        self.done(t, r)
    }

    fn done(&mut self, t: TypeId, r: TypeId) -> TypeId {
        self.memo.insert(t, r);
        r
    }

    /// `t` rebuilt around its substituted parts, or `t` if none changed.
    fn rebuild(&mut self, w: &mut World, t: TypeId, parts: &[TypeId], make: impl FnOnce(&[TypeId]) -> Type) -> TypeId {
        let mut changed = false;
        let mut new = Vec::with_capacity(parts.len());
        for &p in parts {
            let p2 = self.typ(w, p);
            changed |= p2 != p;
            new.push(p2);
        }
        if changed {
            w.types.intern(make(&new))
        } else {
            t
        }
    }
}

impl World {
    /// The map from type parameters `tparams` (their types) to `targs`;
    /// pairs beyond the shorter list, and entries that are not type
    /// parameters, are left out.
    pub fn subst_map(&self, tparams: &[TypeId], targs: &[TypeId]) -> SubstMap {
        let mut m = SubstMap::new();
        for (&p, &a) in tparams.iter().zip(targs) {
            if let Type::TypeParam(id) = *self.types.get(p) {
                m.insert(id, a);
            }
        }
        m
    }

    /// Like [`World::subst_map`], leaving out the type parameters whose
    /// type is not known (`None`).
    pub fn subst_map_known(&self, tparams: &[TypeId], targs: &[Option<TypeId>]) -> SubstMap {
        let mut m = SubstMap::new();
        for (&p, a) in tparams.iter().zip(targs) {
            if let (Type::TypeParam(id), Some(a)) = (self.types.get(p), a) {
                m.insert(*id, *a);
            }
        }
        m
    }

    /// `t` with the type parameters of `smap` replaced, recursively; `t`
    /// itself (the same id) when nothing changes. Instances of generic
    /// types are made (and expanded) as needed; interfaces whose elements
    /// change are new interfaces (their methods keep their objects).
    pub fn subst(&mut self, t: TypeId, smap: &SubstMap) -> TypeId {
        if smap.is_empty() {
            return t;
        }
        let mut s = Subster { smap, memo: HashMap::new(), made: vec![] };
        let r = s.typ(self, t);
        self.expand_all(s.made);
        r
    }

    /// A generic function's signature instantiated: `subst` of `sig` with
    /// `tparams` (the function's) replaced by `targs`.
    pub fn instantiate_sig(&mut self, sig: TypeId, tparams: &[TypeId], targs: &[TypeId]) -> TypeId {
        let m = self.subst_map(tparams, targs);
        self.subst(sig, &m)
    }

    /// The instance of generic type `generic` (or of the origin of an
    /// instance) with `targs`, made once per list of identical arguments;
    /// its underlying type is substituted now if the generic type's is
    /// resolved, else later by [`World::expand_named`]. Invalid if
    /// `generic` is not generic or the argument count is wrong (the
    /// checker reports that).
    pub fn instantiate_named(&mut self, generic: TypeId, targs: Vec<TypeId>) -> TypeId {
        let origin = match self.types.get(generic) {
            Type::Named(n) => self.types.named[n.0 as usize].origin.unwrap_or(*n),
            _ => return self.invalid,
        };
        let (inst, fresh) = self.make_instance(origin, targs);
        if fresh {
            self.expand_all(vec![inst]);
        }
        inst
    }

    /// The instance of `origin` with `targs` (keyed by their canonical
    /// keys) and whether it was made just now.
    fn make_instance(&mut self, origin: NamedId, targs: Vec<TypeId>) -> (TypeId, bool) {
        let n = self.types.named[origin.0 as usize].tparams.len();
        if n != targs.len() {
            return (self.invalid, false);
        }
        if n == 0 {
            // Not generic: nothing to instantiate.
            return (self.types.named[origin.0 as usize].id, false);
        }
        let key: Vec<TypeId> = targs.iter().map(|&t| self.type_key(t)).collect();
        self.types.instance(origin, targs, key)
    }

    /// Expands the instances in `queue` and those their expansion makes,
    /// within [`EXPANSION_BUDGET`].
    fn expand_all(&mut self, queue: Vec<TypeId>) {
        let mut queue: VecDeque<TypeId> = queue.into();
        let mut budget = EXPANSION_BUDGET;
        while let Some(t) = queue.pop_front() {
            if budget == 0 {
                break;
            }
            budget -= 1;
            queue.extend(self.expand_one(t));
        }
    }

    /// Sets the underlying type of instance `t` if it has none and its
    /// origin's is known; the instances that made.
    fn expand_one(&mut self, t: TypeId) -> Vec<TypeId> {
        let Some(n) = self.types.named(t) else { return vec![] };
        let (Some(o), None) = (n.origin, n.underlying) else { return vec![] };
        let origin = &self.types.named[o.0 as usize];
        let Some(ou) = origin.underlying else { return vec![] };
        let tparams: Vec<TypeId> = origin.tparams.iter().map(|p| self.types.tparams[p.0 as usize].id).collect();
        let targs = n.targs.clone();
        let smap = self.subst_map(&tparams, &targs);
        let mut s = Subster { smap: &smap, memo: HashMap::new(), made: vec![] };
        let u = s.typ(self, ou);
        let made = s.made;
        if let Some(n) = self.types.named_mut(t) {
            n.underlying = Some(u);
        }
        made
    }

    /// The underlying type of instance `t`, substituting it now if it was
    /// left for later (its origin's underlying type was not resolved when
    /// the instance was made); `None` while that still is not. For any
    /// other defined type, its underlying type.
    pub fn expand_named(&mut self, t: TypeId) -> Option<TypeId> {
        let n = self.types.named(t)?;
        if n.underlying.is_none() && n.origin.is_some() {
            self.expand_all(vec![t]);
        }
        self.types.named(t)?.underlying
    }

    /// Expands every instance of `generic` still waiting for its
    /// underlying type: the checker calls it once it has resolved a
    /// generic type's underlying type (instances made while resolving it,
    /// such as `List[T]` inside `List`'s declaration, wait until then).
    pub fn expand_instances_of(&mut self, generic: TypeId) {
        let Some(Type::Named(g)) = Some(self.types.get(generic).clone()) else { return };
        let waiting: Vec<TypeId> =
            self.types.named.iter().filter(|n| n.origin == Some(g) && n.underlying.is_none()).map(|n| n.id).collect();
        self.expand_all(waiting);
    }

    /// The signature of method `m` (an object of the generic type's method
    /// list) of instance `inst`: the method's receiver type parameters (or
    /// the generic type's, if the method declares none) replaced by the
    /// instance's type arguments. For a method of a type that is no
    /// instance, its signature. Invalid while the method's signature is
    /// not known.
    pub fn instance_method_sig(&mut self, inst: TypeId, m: super::object::ObjId) -> TypeId {
        if let Some(&s) = self.types.memo.method_sigs.get(&(inst, m)) {
            return s;
        }
        let Some(sig) = self.obj(m).typ else { return self.invalid };
        let Some(named) = self.types.named(inst) else { return sig };
        let Some(origin) = named.origin else { return sig };
        let targs = named.targs.clone();
        let mut tparams = match &self.obj(m).kind {
            ObjKind::Func { tparams, .. } => tparams.clone(),
            _ => vec![],
        };
        if tparams.is_empty() {
            tparams = self.types.named[origin.0 as usize]
                .tparams
                .iter()
                .map(|p| self.types.tparams[p.0 as usize].id)
                .collect();
        }
        let smap = self.subst_map(&tparams, &targs);
        let r = self.subst(sig, &smap);
        self.types.memo.method_sigs.insert((inst, m), r);
        r
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::types::ty::{basic, Basic};

    #[test]
    fn recursive_generic_list_instantiates_to_itself() {
        let (mut w, p) = world();
        let int = basic(Basic::Int);
        // type List[T any] struct{ next *List[T]; v T }
        let any = w.any;
        let (list, t) = generic(&mut w, p, "List", &[("T", any)]);
        let t = t[0];
        let self_inst = w.instantiate_named(list, vec![t]);
        assert!(w.types.named(self_inst).unwrap().underlying.is_none(), "List's underlying type is not resolved yet");
        let ptr = w.types.pointer(self_inst);
        let body = strukt(&mut w, &[("next", ptr, false, "example.com/p"), ("v", t, false, "example.com/p")]);
        w.types.named_mut(list).unwrap().underlying = Some(body);
        w.expand_instances_of(list);
        assert_eq!(w.types.named(self_inst).unwrap().underlying, Some(body));

        let li = w.instantiate_named(list, vec![int]);
        let u = w.types.named(li).unwrap().underlying.expect("expanded");
        let Type::Struct(fields) = w.types.get(u).clone() else { panic!("a struct") };
        assert_eq!(fields[1].typ, int);
        assert_eq!(*w.types.get(fields[0].typ), Type::Pointer(li), "next is *List[int], the same instance");
        assert_eq!(w.instantiate_named(list, vec![int]), li);
        // Through the bare generic type as well.
        let body2 = w.types.pointer(list);
        let mut m = SubstMap::new();
        let Type::TypeParam(tp) = *w.types.get(t) else { unreachable!() };
        m.insert(tp, int);
        assert_eq!(w.subst(body2, &m), w.types.pointer(li));
        // Identical interface arguments give one instance.
        let i1 = iface(&mut w, p, &[], &[]);
        let i2 = iface(&mut w, p, &[], &[]);
        let l1 = w.instantiate_named(list, vec![i1]);
        let l2 = w.instantiate_named(list, vec![i2]);
        assert_eq!(l1, l2);
        let ls = w.instantiate_named(list, vec![basic(Basic::String)]);
        assert!(!w.identical(l1, ls));
        assert_eq!(w.instantiate_named(int, vec![int]), w.invalid, "not generic");
        assert_eq!(w.instantiate_named(list, vec![int, int]), w.invalid, "wrong count");
    }

    #[test]
    fn growing_instances_terminate() {
        let (mut w, p) = world();
        // type T[P any] struct{ f *T[[]P] }
        let any = w.any;
        let (g, tps) = generic(&mut w, p, "T", &[("P", any)]);
        let sl = w.types.slice(tps[0]);
        let inner = w.instantiate_named(g, vec![sl]);
        let ptr = w.types.pointer(inner);
        let body = strukt(&mut w, &[("f", ptr, false, "")]);
        w.types.named_mut(g).unwrap().underlying = Some(body);
        w.expand_instances_of(g);
        let t = w.instantiate_named(g, vec![basic(Basic::Int)]);
        assert!(w.expand_named(t).is_some());
    }

    #[test]
    fn substitution_through_types_and_methods() {
        let (mut w, p) = world();
        let int = basic(Basic::Int);
        let string = basic(Basic::String);
        let any = w.any;
        let (bx, tps) = generic(&mut w, p, "Box", &[("T", any)]);
        let t = tps[0];
        let body = strukt(&mut w, &[("v", t, false, "example.com/p")]);
        w.types.named_mut(bx).unwrap().underlying = Some(body);
        // func (b Box[R]) Get() R, with the receiver's own type parameter R.
        let r = w.types.new_type_param(w.types.type_param(t).unwrap().obj, 0);
        w.types.tparams.last_mut().unwrap().constraint = Some(any);
        let get = method(&mut w, bx, "Get", &[], &[r], false);
        if let ObjKind::Func { tparams, .. } = &mut w.obj_mut(get).kind {
            *tparams = vec![r];
        }
        let bi = w.instantiate_named(bx, vec![int]);
        let s = w.instance_method_sig(bi, get);
        assert_eq!(s, w.types.func(vec![], vec![int], false));
        // An interface mentioning T becomes a new interface.
        let ms = sig(&mut w, &[t], &[]);
        let i = iface(&mut w, p, &[("Put", ms)], &[]);
        let m = w.subst_map(&[t], &[string]);
        let i2 = w.subst(i, &m);
        assert_ne!(i, i2);
        let put = w.types.func(vec![string], vec![], false);
        assert_eq!(w.type_set(i2).methods[0].sig, put);
        // Nothing to substitute: the same id.
        let f = w.types.func(vec![int], vec![], false);
        assert_eq!(w.subst(f, &m), f);
        let plain = iface(&mut w, p, &[("M", f)], &[]);
        assert_eq!(w.subst(plain, &m), plain);
    }
}
