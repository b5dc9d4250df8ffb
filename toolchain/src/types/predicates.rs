//! Predicates on types: identity, comparability, nil-ness, and canonical
//! keys (ids equal exactly for identical types).
//!
//! Type ids are not identities: structural types are interned, but every
//! interface type written is a type of its own, and two interfaces are
//! identical when their type sets are. [`World::identical`] is the spec's
//! type identity; [`World::type_key`] maps identical types to one id, for
//! tables keyed by type (instances of generic types).

use super::ty::{basic, Basic, Sig, Type, TypeId};
use super::World;

/// Whether a field or method name is exported (visible from any package).
pub fn is_exported(name: &str) -> bool {
    crate::syntax::ast::is_exported(name)
}

/// Two field or method names denote the same member: equal, and declared
/// in the same package unless exported. `pkg` is the import path.
pub fn same_id(name1: &str, pkg1: &str, name2: &str, pkg2: &str) -> bool {
    name1 == name2 && (is_exported(name1) || pkg1 == pkg2)
}

/// The underlying type of `t` as the algorithms here see it: a defined
/// type whose underlying type is not resolved yet is invalid; a type
/// parameter's is its constraint interface (`any` without one).
pub fn under(w: &World, t: TypeId) -> TypeId {
    let mut t = t;
    // Following a type parameter's constraint: anything but an interface
    // there (an error the checker reports) counts as `any`.
    let mut constraint = false;
    let otherwise = |constraint: bool, t: TypeId| if constraint { w.any } else { t };
    // Underlying types are never defined types; the bound only guards
    // against a table the checker left inconsistent after an error.
    for _ in 0..64 {
        match *w.types.get(t) {
            Type::Named(n) => match w.types.named[n.0 as usize].underlying {
                Some(u) if u != t => t = u,
                _ => return otherwise(constraint, w.invalid),
            },
            Type::TypeParam(p) => match w.types.tparams[p.0 as usize].constraint {
                Some(c) if !constraint => {
                    t = c;
                    constraint = true;
                }
                _ => return w.any,
            },
            Type::Interface(_) => return t,
            _ => return otherwise(constraint, t),
        }
    }
    w.invalid
}

/// A defined type whose underlying type the checker has not resolved yet.
pub fn unresolved(w: &World, t: TypeId) -> bool {
    w.types.named(t).is_some_and(|n| n.underlying.is_none())
}

/// Why a type is not comparable, for gc's wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotComparable {
    /// A slice, map or function type (or one that is none of the others).
    Kind,
    /// "struct containing F cannot be compared": the field's type.
    StructField(TypeId),
    /// "A cannot be compared": the array type.
    Array(TypeId),
    /// A type parameter (or constraint) with an empty type set.
    EmptyTypeSet,
    /// "incomparable types in type set".
    IncomparableTypes,
}

impl World {
    /// Type identity (spec: "Type identity"): defined types and instances
    /// by origin and identical type arguments, type parameters by
    /// themselves, interfaces by identical type sets, everything else
    /// structurally (struct tags included).
    pub fn identical(&self, a: TypeId, b: TypeId) -> bool {
        self.ident(a, b, true, &mut vec![])
    }

    /// Type identity ignoring struct tags (conversions).
    pub fn identical_ignore_tags(&self, a: TypeId, b: TypeId) -> bool {
        self.ident(a, b, false, &mut vec![])
    }

    /// `pairs`: the interface pairs being compared further up, which are
    /// identical if nothing else differs (cycles through method
    /// signatures end there).
    fn ident(&self, x: TypeId, y: TypeId, tags: bool, pairs: &mut Vec<(TypeId, TypeId)>) -> bool {
        if x == y {
            return true;
        }
        let t = &self.types;
        match (t.get(x), t.get(y)) {
            (Type::Basic(a), Type::Basic(b)) => a == b,
            (Type::Array(ea, na), Type::Array(eb, nb)) => na == nb && self.ident(*ea, *eb, tags, pairs),
            (Type::Slice(a), Type::Slice(b)) | (Type::Pointer(a), Type::Pointer(b)) => self.ident(*a, *b, tags, pairs),
            (Type::Map(ka, ea), Type::Map(kb, eb)) => {
                self.ident(*ka, *kb, tags, pairs) && self.ident(*ea, *eb, tags, pairs)
            }
            (Type::Chan(da, ea), Type::Chan(db, eb)) => da == db && self.ident(*ea, *eb, tags, pairs),
            (Type::Struct(fa), Type::Struct(fb)) => {
                fa.len() == fb.len()
                    && fa.iter().zip(fb).all(|(f, g)| {
                        f.embedded == g.embedded
                            && (!tags || f.tag == g.tag)
                            && same_id(&f.name, &f.pkg, &g.name, &g.pkg)
                            && self.ident(f.typ, g.typ, tags, pairs)
                    })
            }
            (Type::Tuple(a), Type::Tuple(b)) => self.ident_list(a, b, tags, pairs),
            (Type::Func(a), Type::Func(b)) => self.ident_sig(a, b, tags, pairs),
            (Type::Union(_), Type::Union(_)) => {
                let (a, _) = self.union_terms(x);
                let (b, _) = self.union_terms(y);
                self.terms_equal(&a, &b)
            }
            (Type::Interface(_), Type::Interface(_)) => {
                let (a, b) = (self.type_set(x), self.type_set(y));
                if a.comparable != b.comparable
                    || !self.terms_equal(&a.terms, &b.terms)
                    || a.methods.len() != b.methods.len()
                {
                    return false;
                }
                if pairs.iter().any(|&(p, q)| (p, q) == (x, y) || (p, q) == (y, x)) {
                    return true;
                }
                pairs.push((x, y));
                let ok =
                    a.methods.iter().zip(&b.methods).all(|(f, g)| {
                        same_id(&f.name, &f.pkg, &g.name, &g.pkg) && self.ident(f.sig, g.sig, tags, pairs)
                    });
                pairs.pop();
                ok
            }
            (Type::Named(a), Type::Named(b)) => {
                let (a, b) = (&t.named[a.0 as usize], &t.named[b.0 as usize]);
                !a.targs.is_empty()
                    && a.targs.len() == b.targs.len()
                    && a.origin.is_some()
                    && a.origin == b.origin
                    && self.ident_list(&a.targs, &b.targs, tags, pairs)
            }
            _ => false,
        }
    }

    fn ident_list(&self, a: &[TypeId], b: &[TypeId], tags: bool, pairs: &mut Vec<(TypeId, TypeId)>) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(&x, &y)| self.ident(x, y, tags, pairs))
    }

    fn ident_sig(&self, a: &Sig, b: &Sig, tags: bool, pairs: &mut Vec<(TypeId, TypeId)>) -> bool {
        a.variadic == b.variadic
            && self.ident_list(&a.params, &b.params, tags, pairs)
            && self.ident_list(&a.results, &b.results, tags, pairs)
    }

    /// Whether values of type `t` can be compared with `==` (map keys,
    /// `==` operands): interfaces always can; a type parameter only if all
    /// types in its type set can. Invalid types count as comparable.
    pub fn comparable(&self, t: TypeId) -> bool {
        self.comparable_reason(t, true).is_ok()
    }

    /// Comparability as constraint satisfaction sees it in Go 1.19: an
    /// interface type is comparable only if its type set is (so `any` does
    /// not satisfy `comparable`).
    pub fn comparable_strict(&self, t: TypeId) -> bool {
        self.comparable_reason(t, false).is_ok()
    }

    /// [`World::comparable`] (`dynamic`) or [`World::comparable_strict`],
    /// with the reason when not.
    pub fn comparable_reason(&self, t: TypeId, dynamic: bool) -> Result<(), NotComparable> {
        self.comparable_in(t, dynamic, &mut vec![])
    }

    fn comparable_in(&self, t: TypeId, dynamic: bool, seen: &mut Vec<TypeId>) -> Result<(), NotComparable> {
        if seen.contains(&t) {
            return Ok(());
        }
        seen.push(t);
        let u = under(self, t);
        match self.types.get(u) {
            Type::Basic(b) => {
                if *b == Basic::UntypedNil {
                    Err(NotComparable::Kind)
                } else {
                    Ok(())
                }
            }
            Type::Invalid | Type::Pointer(_) | Type::Chan(..) => Ok(()),
            Type::Struct(fields) => {
                for f in fields {
                    if self.comparable_in(f.typ, dynamic, seen).is_err() {
                        return Err(NotComparable::StructField(f.typ));
                    }
                }
                Ok(())
            }
            Type::Array(e, _) => self.comparable_in(*e, dynamic, seen).map_err(|_| NotComparable::Array(u)),
            Type::Interface(_) => {
                let is_tparam = self.types.is_type_param(t);
                if dynamic && !is_tparam {
                    return Ok(());
                }
                let set = self.type_set(t);
                let ok = match &set.terms {
                    None => set.comparable,
                    Some(list) => list.iter().all(|term| self.comparable_in(term.typ, false, seen).is_ok()),
                };
                if ok {
                    Ok(())
                } else if set.is_empty() {
                    Err(NotComparable::EmptyTypeSet)
                } else {
                    Err(NotComparable::IncomparableTypes)
                }
            }
            _ => Err(NotComparable::Kind),
        }
    }

    /// Whether `nil` is a value of type `t` (a type parameter: of every
    /// type in its type set).
    pub fn has_nil(&self, t: TypeId) -> bool {
        match self.types.get(under(self, t)) {
            Type::Basic(b) => *b == Basic::UnsafePointer,
            Type::Slice(_) | Type::Pointer(_) | Type::Func(_) | Type::Map(..) | Type::Chan(..) => true,
            Type::Interface(_) => {
                !self.types.is_type_param(t)
                    || self.under_is(t, |u| u.is_some_and(|u| !self.types.is_type_param(u) && self.has_nil(u)))
            }
            _ => false,
        }
    }

    /// The type an untyped constant takes where no type is asked for:
    /// `bool`, `int`, `rune` (`int32`), `float64`, `complex128`, `string`;
    /// any other type is its own default (untyped nil included).
    pub fn default_type(&self, t: TypeId) -> TypeId {
        match self.types.get(t) {
            Type::Basic(Basic::UntypedRune) => super::ty::RUNE,
            Type::Basic(b) => basic(match b {
                Basic::UntypedBool => Basic::Bool,
                Basic::UntypedInt => Basic::Int,
                Basic::UntypedFloat => Basic::Float64,
                Basic::UntypedComplex => Basic::Complex128,
                Basic::UntypedString => Basic::String,
                _ => return t,
            }),
            _ => t,
        }
    }

    /// Whether `t`'s underlying type is a pointer to an interface (or to a
    /// type parameter): gc explains then "type *I is pointer to interface,
    /// not interface".
    pub fn is_interface_ptr(&self, t: TypeId) -> bool {
        matches!(*self.types.get(under(self, t)), Type::Pointer(b) if matches!(self.types.get(under(self, b)), Type::Interface(_)))
    }

    /// `f` holds for the basic type under `t` or, for a type parameter,
    /// under every type of its type set (false without specific types):
    /// go/types' allInteger, allString, allOrdered and the like.
    pub fn all_basic(&self, t: TypeId, f: impl Fn(Basic) -> bool) -> bool {
        self.under_is(t, |u| u.is_some_and(|u| matches!(self.types.get(u), Type::Basic(b) if f(*b))))
    }

    /// Whether `t` is generic (a defined type with type parameters, not
    /// instantiated).
    pub fn is_generic(&self, t: TypeId) -> bool {
        self.types.named(t).is_some_and(|n| n.origin.is_none() && !n.tparams.is_empty())
    }

    /// A canonical id for `t`: `type_key(a) == type_key(b)` exactly when
    /// `a` and `b` are identical (for interfaces whose embedded types are
    /// all resolved). An interface maps to the first interface seen with
    /// an identical type set; composite types are rebuilt around the keys
    /// of their parts; defined types, instances and type parameters are
    /// their own keys (instances are made once per key list).
    pub fn type_key(&mut self, t: TypeId) -> TypeId {
        self.key_of(t).0
    }

    /// The key and whether it may be cached.
    fn key_of(&mut self, t: TypeId) -> (TypeId, bool) {
        if let Some(&k) = self.types.memo.keys.get(&t) {
            return (k, true);
        }
        let (k, keep) = match self.types.get(t).clone() {
            // `byte` is `uint8`'s key, `rune` `int32`'s.
            Type::Basic(b) => (basic(b), true),
            Type::Named(_) | Type::TypeParam(_) | Type::Invalid => (t, true),
            Type::Pointer(e) => self.key_rebuild(&[e], |k| Type::Pointer(k[0])),
            Type::Slice(e) => self.key_rebuild(&[e], |k| Type::Slice(k[0])),
            Type::Array(e, n) => self.key_rebuild(&[e], |k| Type::Array(k[0], n)),
            Type::Map(a, b) => self.key_rebuild(&[a, b], |k| Type::Map(k[0], k[1])),
            Type::Chan(d, e) => self.key_rebuild(&[e], |k| Type::Chan(d, k[0])),
            Type::Tuple(ts) => self.key_rebuild(&ts, |k| Type::Tuple(k.to_vec())),
            Type::Func(s) => {
                let n = s.params.len();
                let all: Vec<TypeId> = s.params.iter().chain(&s.results).copied().collect();
                self.key_rebuild(&all, |k| {
                    Type::Func(Sig { params: k[..n].to_vec(), results: k[n..].to_vec(), variadic: s.variadic })
                })
            }
            Type::Struct(fields) => {
                let ts: Vec<TypeId> = fields.iter().map(|f| f.typ).collect();
                self.key_rebuild(&ts, |k| {
                    Type::Struct(fields.iter().zip(k).map(|(f, &typ)| super::ty::Field { typ, ..f.clone() }).collect())
                })
            }
            Type::Union(terms) => {
                let ts: Vec<TypeId> = terms.iter().map(|t| t.typ).collect();
                self.key_rebuild(&ts, |k| {
                    Type::Union(terms.iter().zip(k).map(|(t, &typ)| super::ty::Term { tilde: t.tilde, typ }).collect())
                })
            }
            Type::Interface(i) => {
                if !self.iface_set_complete(i) {
                    (t, false)
                } else {
                    let found = self.types.memo.canon_ifaces.iter().copied().find(|&c| self.identical(c, t));
                    match found {
                        Some(c) => (c, true),
                        None => {
                            self.types.memo.canon_ifaces.push(t);
                            (t, true)
                        }
                    }
                }
            }
        };
        if keep {
            self.types.memo.keys.insert(t, k);
        }
        (k, keep)
    }

    fn key_rebuild(&mut self, parts: &[TypeId], make: impl FnOnce(&[TypeId]) -> Type) -> (TypeId, bool) {
        let mut keep = true;
        let mut keys = Vec::with_capacity(parts.len());
        for &p in parts {
            let (k, c) = self.key_of(p);
            keep &= c;
            keys.push(k);
        }
        (self.types.intern(make(&keys)), keep)
    }

    /// Whether the type set of interface `i` could be computed in full
    /// (every embedded type resolved); it is cached then.
    fn iface_set_complete(&self, i: super::ty::IfaceId) -> bool {
        self.iface_set(i).complete
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn interfaces_with_the_same_type_set_are_identical() {
        let (mut w, p) = world();
        let int = basic(Basic::Int);
        let string = basic(Basic::String);
        let s = sig(&mut w, &[], &[string]);
        let t = sig(&mut w, &[int], &[]);
        // interface{ String() string; Set(int) }
        let a = iface(&mut w, p, &[("String", s), ("Set", t)], &[]);
        // interface{ Stringer; Set(int) } with Stringer interface{ String() string }
        let stringer = iface(&mut w, p, &[("String", s)], &[]);
        let stringer = named(&mut w, p, "Stringer", stringer);
        let b = iface(&mut w, p, &[("Set", t)], &[stringer]);
        assert!(w.identical(a, b));
        let c = iface(&mut w, p, &[("Set", t)], &[]);
        assert!(!w.identical(a, c));
        // Composite types around them, and their keys.
        let sa = w.types.slice(a);
        let sb = w.types.slice(b);
        assert_ne!(sa, sb);
        assert!(w.identical(sa, sb));
        assert_eq!(w.type_key(sa), w.type_key(sb));
        let sc = w.types.slice(c);
        assert_ne!(w.type_key(sa), w.type_key(sc));
        // Unexported methods of different packages differ.
        let q = w.new_package("example.com/q", "q");
        let d = iface(&mut w, p, &[("m", t)], &[]);
        let e = iface(&mut w, q, &[("m", t)], &[]);
        assert!(!w.identical(d, e));
    }

    #[test]
    fn recursive_interfaces_compare_without_looping() {
        let (mut w, p) = world();
        // Two anonymous-ish interfaces whose method returns an interface
        // embedding the defined one: type I interface{ M() interface{ I } }.
        let mk = |w: &mut crate::types::World, name: &str| {
            let obj = w.new_obj(name, pos(), Some(p), crate::types::object::ObjKind::TypeName { alias: false }, None);
            let n = w.types.new_named(obj);
            w.obj_mut(obj).typ = Some(n);
            let inner = iface(w, p, &[], &[n]);
            let s = sig(w, &[], &[inner]);
            let i = iface(w, p, &[("M", s)], &[]);
            w.types.named_mut(n).unwrap().underlying = Some(i);
            (n, i, inner)
        };
        let (n1, i1, in1) = mk(&mut w, "I");
        let (n2, i2, in2) = mk(&mut w, "J");
        // The defined types differ, but their underlying interfaces only
        // ever lead back to one another: identical.
        assert!(!w.identical(n1, n2));
        assert!(w.identical(i1, i2));
        assert!(w.identical(in1, in2));
        assert!(w.identical(in1, i1), "interface{{ I }} has I's type set");
        assert_eq!(w.type_key(in1), w.type_key(i2));
        // With a method whose result is the defined type, they differ.
        let s1 = sig(&mut w, &[], &[n1]);
        let s2 = sig(&mut w, &[], &[n2]);
        let a = iface(&mut w, p, &[("N", s1)], &[]);
        let b = iface(&mut w, p, &[("N", s2)], &[]);
        assert!(!w.identical(a, b));
    }

    #[test]
    fn structs_funcs_and_defined_types() {
        let (mut w, p) = world();
        let int = basic(Basic::Int);
        let a = strukt(&mut w, &[("x", int, false, "")]);
        let b = strukt(&mut w, &[("x", int, false, "json:\"x\"")]);
        assert!(!w.identical(a, b));
        assert!(w.identical_ignore_tags(a, b));
        let f1 = w.types.func(vec![int], vec![], true);
        let f2 = w.types.func(vec![int], vec![], false);
        assert!(!w.identical(f1, f2));
        let n1 = named(&mut w, p, "A", int);
        let n2 = named(&mut w, p, "B", int);
        assert!(!w.identical(n1, n2));
        assert!(
            w.identical(basic(Basic::Uint8), w.lookup(w.universe, "byte").map(|(o, _)| w.obj(o).typ.unwrap()).unwrap())
        );
    }

    #[test]
    fn comparability_and_nil() {
        let (mut w, p) = world();
        let int = basic(Basic::Int);
        let sl = w.types.slice(int);
        let st = strukt(&mut w, &[("s", sl, false, "")]);
        assert!(w.comparable(int));
        assert!(!w.comparable(sl));
        assert_eq!(w.comparable_reason(st, true), Err(NotComparable::StructField(sl)));
        let arr = w.types.intern(Type::Array(sl, 2));
        assert_eq!(w.comparable_reason(arr, true), Err(NotComparable::Array(arr)));
        let any = w.any;
        assert!(w.comparable(any));
        assert!(!w.comparable_strict(any));
        let cmp = w.comparable;
        let tp = tparam(&mut w, p, "K", 0, cmp);
        assert!(w.comparable(tp));
        let tp2 = tparam(&mut w, p, "V", 1, any);
        assert!(!w.comparable(tp2));
        let u = union(&mut w, &[(false, int), (false, sl)]);
        let c = iface(&mut w, p, &[], &[u]);
        let tp3 = tparam(&mut w, p, "W", 2, c);
        assert_eq!(w.comparable_reason(tp3, true), Err(NotComparable::IncomparableTypes));
        assert!(w.has_nil(sl) && !w.has_nil(int) && w.has_nil(any));
        assert!(!w.has_nil(tp2));
        let m = w.types.intern(Type::Map(int, int));
        let u = union(&mut w, &[(false, sl), (false, m)]);
        let c = iface(&mut w, p, &[], &[u]);
        let tp4 = tparam(&mut w, p, "S", 3, c);
        assert!(w.has_nil(tp4));
    }
}
