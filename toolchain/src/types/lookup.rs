//! Field and method lookup through embedded fields, method sets, and the
//! "implements" relation (interfaces and constraint satisfaction).
//!
//! Lookup goes depth by depth (spec: "Selectors"): the shallowest match
//! wins, two matches at one depth are ambiguous, and a defined type met
//! twice is searched only at its shallowest depth.

use super::object::{ObjId, ObjKind};
use super::predicates::{is_exported, same_id, under};
use super::ty::{Term, Type, TypeId};
use super::typeset::TypeSet;
use super::World;

/// What a selector found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// A struct field: its type and whether it is an embedded field.
    Field { typ: TypeId, embedded: bool },
    /// A method declared on a defined type. `recv` is the defined type it
    /// was found on: an instance for methods of generic types, whose
    /// signature is then [`World::instance_method_sig`]`(recv, obj)`.
    Method { obj: ObjId, recv: TypeId },
    /// A method of an interface (an embedded interface, or a type
    /// parameter's constraint) with its signature.
    IfaceMethod { obj: ObjId, sig: TypeId },
}

/// The result of [`World::lookup_field_or_method`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// `index`: the embedded fields' indices from the outermost, then the
    /// field's index in its struct or the method's index in its type's
    /// method list (declared methods, or the interface's type set
    /// methods). `indirect`: a pointer was followed on the way.
    Found {
        found: Found,
        index: Vec<u32>,
        indirect: bool,
    },
    /// The name occurs twice at the shallowest depth where it occurs
    /// ("ambiguous selector"); `index` leads to one of them.
    Ambiguous {
        index: Vec<u32>,
    },
    /// A method with a pointer receiver, on a value that is neither a
    /// pointer nor addressable.
    NeedsPointer,
    NotFound,
}

/// A type met at one depth of the search.
#[derive(Clone)]
struct Embedded {
    typ: TypeId,
    index: Vec<u32>,
    indirect: bool,
    /// Met more than once at this depth: whatever it has is ambiguous.
    multiples: bool,
}

/// One entry of a method set ([`World::method_set`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MethodSetEntry {
    pub name: String,
    /// The import path of an unexported method's package; empty otherwise.
    pub pkg: String,
    /// A [`Found::Method`] or [`Found::IfaceMethod`].
    pub found: Found,
    pub index: Vec<u32>,
    pub indirect: bool,
}

/// Why a type lacks a method an interface requires.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingMethod {
    /// The interface's method: its name, signature and object.
    pub name: String,
    pub want: TypeId,
    pub want_obj: ObjId,
    pub kind: Missing,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Missing {
    /// Not there at all: "(missing method M)" (gc 1.19: "(missing M
    /// method)"; when the type or the interface is a pointer to an
    /// interface, see [`World::is_interface_ptr`]).
    NotFound,
    /// Only `*T` has it: "(method M has pointer receiver)".
    PtrRecv,
    /// There with another signature: "(wrong type for method M)\n\t\thave
    /// M(have)\n\t\twant M(want)".
    WrongType { have: TypeId },
    /// A method whose name differs only in case: "(missing method
    /// M)\n\t\thave m(have)\n\t\twant M(want)".
    WrongName { have_name: String, have: TypeId },
}

/// Why a type does not implement an interface (or satisfy a constraint);
/// the comments give go/types' wording (`V`, `T` the two types).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotImplemented {
    /// "V does not implement T (T is not an interface)"; with `ptr`,
    /// "(type T is pointer to interface, not interface)".
    NotAnInterface { ptr: bool },
    /// "cannot implement T (empty type set)".
    EmptyTypeSet,
    /// "V does not implement T (missing method M)" and the variants of
    /// [`Missing`].
    Method(MissingMethod),
    /// "V does not implement comparable".
    NotComparable,
    /// V is an interface whose type set is not within T's: "V does not
    /// implement T".
    NotSubset,
    /// "V does not implement T (possibly missing ~ for A in constraint
    /// T)".
    MissingTilde { alt: TypeId },
    /// "V does not implement T (V missing in ~string | int)": T's terms.
    NotInTypeSet { terms: Vec<Term> },
}

/// The base of a pointer type literal and true; else the type itself.
fn deref(w: &World, t: TypeId) -> (TypeId, bool) {
    match *w.types.get(t) {
        Type::Pointer(b) => (b, true),
        _ => (t, false),
    }
}

impl World {
    /// Looks up field or method `name` (qualified by import path `pkg` if
    /// unexported) in `t`, as the selector `x.name` with `x` of type `t`
    /// does; `addressable`: `x` is addressable (only matters for methods
    /// with pointer receivers). go/types' LookupFieldOrMethod.
    pub fn lookup_field_or_method(&self, t: TypeId, addressable: bool, pkg: &str, name: &str) -> Lookup {
        // A defined pointer type has no methods: look in the pointer type
        // it stands for, keeping only fields.
        if self.types.named(t).is_some() {
            let u = under(self, t);
            if matches!(self.types.get(u), Type::Pointer(_)) {
                return match self.lookup_in(u, false, pkg, name, false) {
                    Lookup::Found { found: Found::Method { .. } | Found::IfaceMethod { .. }, .. } => Lookup::NotFound,
                    r => r,
                };
            }
        }
        self.lookup_in(t, addressable, pkg, name, false)
    }

    /// The methods of defined type `t` (of its origin, for an instance).
    pub fn declared_methods(&self, t: TypeId) -> &[ObjId] {
        match self.types.named(t) {
            Some(n) => match n.origin {
                Some(o) => &self.types.named[o.0 as usize].methods,
                None => &n.methods,
            },
            None => &[],
        }
    }

    /// Whether method `m` has a pointer receiver.
    pub fn has_ptr_recv(&self, m: ObjId) -> bool {
        matches!(&self.obj(m).kind, ObjKind::Func { method: Some(mm), .. } if mm.ptr_recv)
    }

    /// The import path of an object's package (empty for the universe's).
    fn obj_pkg_path(&self, o: ObjId) -> &str {
        self.obj(o).pkg.map_or("", |p| self.pkg(p).path.as_str())
    }

    /// The declared method `name` of defined type `t`: its index and object.
    fn named_method(&self, t: TypeId, pkg: &str, name: &str, fold: bool) -> Option<(usize, ObjId)> {
        self.declared_methods(t).iter().copied().enumerate().find(|&(_, m)| {
            let o = self.obj(m);
            let name_ok = o.name == name || fold && o.name.to_lowercase() == name.to_lowercase();
            name_ok && (is_exported(&o.name) || self.obj_pkg_path(m) == pkg)
        })
    }

    /// The set of methods of `t`'s type set when `t` is an interface or a
    /// type parameter.
    fn iface_methods_of(&self, t: TypeId) -> Option<std::rc::Rc<TypeSet>> {
        if self.types.is_type_param(t) || matches!(self.types.get(under(self, t)), Type::Interface(_)) {
            Some(self.type_set(t))
        } else {
            None
        }
    }

    fn lookup_in(&self, t: TypeId, addressable: bool, pkg: &str, name: &str, fold: bool) -> Lookup {
        if name == "_" {
            return Lookup::NotFound;
        }
        let (typ, is_ptr) = deref(self, t);
        // A pointer to an interface (or type parameter) has no methods.
        if is_ptr && self.iface_methods_of(typ).is_some() {
            return Lookup::NotFound;
        }
        let mut current = vec![Embedded { typ, index: vec![], indirect: is_ptr, multiples: false }];
        let mut seen: Vec<TypeId> = vec![];
        while !current.is_empty() {
            let mut next = vec![];
            let mut found: Option<(Found, Vec<u32>, bool)> = None;
            for e in &current {
                let typ = e.typ;
                if self.types.named(typ).is_some() {
                    if seen.iter().any(|&s| self.identical(s, typ)) {
                        // Met at a shallower depth, which shadows this one.
                        continue;
                    }
                    seen.push(typ);
                    if let Some((i, m)) = self.named_method(typ, pkg, name, fold) {
                        let index = concat(&e.index, i);
                        if found.is_some() || e.multiples {
                            return Lookup::Ambiguous { index };
                        }
                        found = Some((Found::Method { obj: m, recv: typ }, index, e.indirect));
                        continue;
                    }
                }
                if let Some(set) = self.iface_methods_of(typ) {
                    if let Some((i, m)) = set.method_folded(pkg, name, fold) {
                        let index = concat(&e.index, i);
                        if found.is_some() || e.multiples {
                            return Lookup::Ambiguous { index };
                        }
                        found = Some((Found::IfaceMethod { obj: m.obj, sig: m.sig }, index, e.indirect));
                    }
                    continue;
                }
                if let Type::Struct(fields) = self.types.get(under(self, typ)) {
                    for (i, f) in fields.iter().enumerate() {
                        if same_id(&f.name, &f.pkg, name, pkg) {
                            let index = concat(&e.index, i);
                            if found.is_some() || e.multiples {
                                return Lookup::Ambiguous { index };
                            }
                            found = Some((Found::Field { typ: f.typ, embedded: f.embedded }, index, e.indirect));
                            continue;
                        }
                        if found.is_none() && f.embedded {
                            let (ft, p) = deref(self, f.typ);
                            next.push(Embedded {
                                typ: ft,
                                index: concat(&e.index, i),
                                indirect: e.indirect || p,
                                multiples: e.multiples,
                            });
                        }
                    }
                }
            }
            if let Some((found, index, indirect)) = found {
                if let Found::Method { obj, .. } = found {
                    if self.has_ptr_recv(obj) && !indirect && !addressable {
                        return Lookup::NeedsPointer;
                    }
                }
                return Lookup::Found { found, index, indirect };
            }
            current = self.consolidate(next);
        }
        Lookup::NotFound
    }

    /// Merges entries of identical types into one marked as multiple.
    fn consolidate(&self, list: Vec<Embedded>) -> Vec<Embedded> {
        let mut out: Vec<Embedded> = Vec::with_capacity(list.len());
        for e in list {
            match out.iter_mut().find(|o| self.identical(o.typ, e.typ)) {
                Some(o) => o.multiples = true,
                None => out.push(e),
            }
        }
        out
    }

    /// The method set of `t` (spec: "Method sets"), sorted by name:
    /// methods reachable through embedded fields that are neither
    /// ambiguous nor hidden by a field, those with pointer receivers only
    /// through a pointer. go/types' NewMethodSet.
    pub fn method_set(&self, t: TypeId) -> Vec<MethodSetEntry> {
        let (typ, is_ptr) = deref(self, t);
        if is_ptr && self.iface_methods_of(typ).is_some() {
            return vec![];
        }
        // By (name, pkg): the entry, or None for a collision.
        let mut base: Vec<((String, String), Option<MethodSetEntry>)> = vec![];
        let mut current = vec![Embedded { typ, index: vec![], indirect: is_ptr, multiples: false }];
        let mut seen: Vec<TypeId> = vec![];
        while !current.is_empty() {
            let mut next = vec![];
            let mut fields: Vec<(String, String)> = vec![];
            let mut mset: Vec<((String, String), Option<MethodSetEntry>)> = vec![];
            let mut add = |key: (String, String), entry: MethodSetEntry, ptr_recv: bool, multiples: bool| {
                let pos = mset.iter().position(|(k, _)| *k == key);
                if !multiples && pos.is_none() && (entry.indirect || !ptr_recv) {
                    mset.push((key, Some(entry)));
                } else if let Some(p) = pos {
                    mset[p].1 = None;
                } else {
                    mset.push((key, None));
                }
            };
            for e in &current {
                let typ = e.typ;
                if self.types.named(typ).is_some() {
                    if seen.iter().any(|&s| self.identical(s, typ)) {
                        continue;
                    }
                    seen.push(typ);
                    for (i, &m) in self.declared_methods(typ).iter().enumerate() {
                        let o = self.obj(m);
                        let pkg = if is_exported(&o.name) { String::new() } else { self.obj_pkg_path(m).to_string() };
                        let entry = MethodSetEntry {
                            name: o.name.clone(),
                            pkg: pkg.clone(),
                            found: Found::Method { obj: m, recv: typ },
                            index: concat(&e.index, i),
                            indirect: e.indirect,
                        };
                        add((o.name.clone(), pkg), entry, self.has_ptr_recv(m), e.multiples);
                    }
                }
                if let Some(set) = self.iface_methods_of(typ) {
                    for (i, m) in set.methods.iter().enumerate() {
                        let pkg = if is_exported(&m.name) { String::new() } else { m.pkg.clone() };
                        let entry = MethodSetEntry {
                            name: m.name.clone(),
                            pkg: pkg.clone(),
                            found: Found::IfaceMethod { obj: m.obj, sig: m.sig },
                            index: concat(&e.index, i),
                            indirect: true,
                        };
                        add((m.name.clone(), pkg), entry, false, e.multiples);
                    }
                    continue;
                }
                if let Type::Struct(fs) = self.types.get(under(self, typ)) {
                    for (i, f) in fs.iter().enumerate() {
                        let pkg = if is_exported(&f.name) { String::new() } else { f.pkg.clone() };
                        fields.push((f.name.clone(), pkg));
                        if f.embedded {
                            let (ft, p) = deref(self, f.typ);
                            next.push(Embedded {
                                typ: ft,
                                index: concat(&e.index, i),
                                indirect: e.indirect || p,
                                multiples: e.multiples,
                            });
                        }
                    }
                }
            }
            for (k, m) in mset {
                if !base.iter().any(|(b, _)| *b == k) {
                    let m = if fields.contains(&k) { None } else { m };
                    base.push((k, m));
                }
            }
            for k in fields {
                if !base.iter().any(|(b, _)| *b == k) {
                    base.push((k, None));
                }
            }
            current = self.consolidate(next);
        }
        let mut list: Vec<MethodSetEntry> = base.into_iter().filter_map(|(_, m)| m).collect();
        list.sort_by(|a, b| (&a.name, &a.pkg).cmp(&(&b.name, &b.pkg)));
        list
    }

    /// The signature of a method found by lookup: substituted for the
    /// instance it was found on.
    pub fn found_method_sig(&mut self, f: &Found) -> Option<TypeId> {
        match *f {
            Found::Method { obj, recv } => Some(self.instance_method_sig(recv, obj)),
            Found::IfaceMethod { sig, .. } => Some(sig),
            Found::Field { .. } => None,
        }
    }

    /// The first method of interface `iface` that `v` lacks, if any.
    /// `static_`: every method must be there (implements); otherwise, for
    /// an interface `v`, only the methods `v` has must match (a type
    /// assertion from `v`). go/types' missingMethod.
    pub fn missing_method(&mut self, v: TypeId, iface: TypeId, static_: bool) -> Option<MissingMethod> {
        let want_set = self.type_set(iface);
        if want_set.methods.is_empty() {
            return None;
        }
        if let Some(have_set) = self.iface_methods_of(v) {
            for m in &want_set.methods {
                let miss = |kind| Some(MissingMethod { name: m.name.clone(), want: m.sig, want_obj: m.obj, kind });
                match have_set.method(&m.pkg, &m.name) {
                    None if static_ => return miss(Missing::NotFound),
                    Some((_, f)) if !self.identical(f.sig, m.sig) => return miss(Missing::WrongType { have: f.sig }),
                    _ => {}
                }
            }
            return None;
        }
        for m in &want_set.methods {
            let miss = |kind| Some(MissingMethod { name: m.name.clone(), want: m.sig, want_obj: m.obj, kind });
            // The package the wanted method is declared in (an exported
            // one's qualifies names that differ from it only in case).
            let pkg = if m.pkg.is_empty() { self.obj_pkg_path(m.obj).to_string() } else { m.pkg.clone() };
            let mut r = self.lookup_in(v, false, &pkg, &m.name, false);
            let found = matches!(r, Lookup::Found { .. });
            if !found {
                let pv = self.types.pointer(v);
                r = self.lookup_in(pv, false, &pkg, &m.name, false);
                if !matches!(r, Lookup::Found { .. }) {
                    r = self.lookup_in(v, false, &pkg, &m.name, true);
                }
            }
            let Lookup::Found { found: f, .. } = r else { return miss(Missing::NotFound) };
            let have_name = match f {
                Found::Method { obj, .. } | Found::IfaceMethod { obj, .. } => self.obj(obj).name.clone(),
                Found::Field { .. } => return miss(Missing::NotFound),
            };
            let have = self.found_method_sig(&f).unwrap_or(self.invalid);
            let same = self.identical(have, m.sig);
            if found && same {
                continue;
            }
            return miss(if have_name != m.name {
                Missing::WrongName { have_name, have }
            } else if same {
                Missing::PtrRecv
            } else {
                Missing::WrongType { have }
            });
        }
        None
    }

    /// Whether `v` implements `t` (spec: "Implementing an interface"), as
    /// go/types' `implements` decides for assignments and for type
    /// arguments alike: methods, comparability, type set membership.
    /// Invalid types implement everything (no follow-on errors).
    pub fn implements(&mut self, v: TypeId, t: TypeId) -> Result<(), NotImplemented> {
        let vu = under(self, v);
        let tu = under(self, t);
        if matches!(self.types.get(vu), Type::Invalid) || matches!(self.types.get(tu), Type::Invalid) {
            return Ok(());
        }
        if let Type::Pointer(b) = *self.types.get(vu) {
            if matches!(self.types.get(under(self, b)), Type::Invalid) {
                return Ok(());
            }
        }
        if !matches!(self.types.get(tu), Type::Interface(_)) {
            return Err(NotImplemented::NotAnInterface { ptr: self.is_interface_ptr(t) });
        }
        let tset = self.type_set(t);
        if tset.is_all() {
            return Ok(());
        }
        // An interface or a type parameter: its type set must be within.
        let v_iface = self.iface_methods_of(v).is_some();
        let vset = self.type_set(v);
        if v_iface && vset.is_empty() {
            return Ok(());
        }
        if tset.is_empty() {
            return Err(NotImplemented::EmptyTypeSet);
        }
        if let Some(m) = self.missing_method(v, t, true) {
            return Err(NotImplemented::Method(m));
        }
        let pending = if self.type_set_comparable(&tset) && !self.comparable_strict(v) {
            Err(NotImplemented::NotComparable)
        } else {
            Ok(())
        };
        if !tset.has_terms() {
            return pending;
        }
        if v_iface {
            if !self.terms_subset(&vset.terms, &tset.terms) {
                return Err(NotImplemented::NotSubset);
            }
            return pending;
        }
        let terms = tset.terms.clone().unwrap_or_default();
        if terms.iter().any(|&term| self.term_includes(term, v)) {
            return pending;
        }
        let alt = terms.iter().find_map(|&term| {
            let tilde = Term { tilde: true, typ: term.typ };
            (!term.tilde && self.identical(term.typ, under(self, term.typ)) && self.term_includes(tilde, v))
                .then_some(term.typ)
        });
        match alt {
            Some(alt) => Err(NotImplemented::MissingTilde { alt }),
            None => Err(NotImplemented::NotInTypeSet { terms }),
        }
    }

    /// Whether type argument `targ` satisfies `constraint` (already
    /// substituted with the instantiation's type arguments). In Go 1.19
    /// this is [`World::implements`].
    pub fn satisfies(&mut self, targ: TypeId, constraint: TypeId) -> Result<(), NotImplemented> {
        self.implements(targ, constraint)
    }

    /// Checks type arguments against their type parameters' constraints,
    /// each constraint substituted with all the type arguments first: the
    /// index of the first that fails and why. go/types' `verify`.
    pub fn verify(&mut self, tparams: &[TypeId], targs: &[TypeId]) -> Result<(), (usize, NotImplemented)> {
        let smap = self.subst_map(tparams, targs);
        for (i, (&tp, &targ)) in tparams.iter().zip(targs).enumerate() {
            let Some(bound) = self.types.type_param(tp).and_then(|p| p.constraint) else { continue };
            let bound = self.subst(bound, &smap);
            // A constraint that is not an interface stands for interface{C}.
            let bound = if matches!(self.types.get(under(self, bound)), Type::Interface(_)) {
                bound
            } else {
                self.types.new_interface(super::ty::Iface { embeds: vec![bound], implicit: true, ..Default::default() })
            };
            self.satisfies(targ, bound).map_err(|e| (i, e))?;
        }
        Ok(())
    }
}

fn concat(list: &[u32], i: usize) -> Vec<u32> {
    let mut v = Vec::with_capacity(list.len() + 1);
    v.extend_from_slice(list);
    v.push(i as u32);
    v
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::types::ty::{basic, Basic};

    #[test]
    fn fields_and_methods_through_embedded_pointers() {
        let (mut w, p) = world();
        let int = basic(Basic::Int);
        // type Inner struct{ X int }; func (*Inner) M(); func (Inner) V()
        let inner_s = strukt(&mut w, &[("X", int, false, "")]);
        let inner = named(&mut w, p, "Inner", inner_s);
        let m = method(&mut w, inner, "M", &[], &[], true);
        let v = method(&mut w, inner, "V", &[], &[], false);
        // type Outer struct{ *Inner; Y int }
        let pin = w.types.pointer(inner);
        let outer_s = strukt(&mut w, &[("Inner", pin, true, ""), ("Y", int, false, "")]);
        let outer = named(&mut w, p, "Outer", outer_s);
        assert_eq!(
            w.lookup_field_or_method(outer, false, "p", "X"),
            Lookup::Found { found: Found::Field { typ: int, embedded: false }, index: vec![0, 0], indirect: true }
        );
        assert_eq!(
            w.lookup_field_or_method(outer, false, "p", "M"),
            Lookup::Found { found: Found::Method { obj: m, recv: inner }, index: vec![0, 0], indirect: true }
        );
        assert_eq!(w.lookup_field_or_method(outer, false, "p", "Z"), Lookup::NotFound);
        // Embedded by value: M needs an addressable operand.
        let by_value = strukt(&mut w, &[("Inner", inner, true, "")]);
        assert_eq!(w.lookup_field_or_method(by_value, false, "p", "M"), Lookup::NeedsPointer);
        assert!(matches!(w.lookup_field_or_method(by_value, true, "p", "M"), Lookup::Found { indirect: false, .. }));
        assert!(matches!(w.lookup_field_or_method(by_value, false, "p", "V"), Lookup::Found { .. }));
        let _ = v;
        // Method sets: Inner has V, *Inner has M and V.
        let names = |w: &World, t| w.method_set(t).into_iter().map(|e| e.name).collect::<Vec<_>>();
        assert_eq!(names(&w, inner), ["V"]);
        assert_eq!(names(&w, pin), ["M", "V"]);
        assert_eq!(names(&w, outer), ["M", "V"]);
        // A defined pointer type has no methods.
        let ptr_named = named(&mut w, p, "P", pin);
        assert_eq!(w.lookup_field_or_method(ptr_named, false, "p", "M"), Lookup::NotFound);
        assert!(matches!(w.lookup_field_or_method(ptr_named, false, "p", "X"), Lookup::Found { .. }));
    }

    #[test]
    fn same_depth_is_ambiguous_and_shallower_wins() {
        let (mut w, p) = world();
        let int = basic(Basic::Int);
        let a_s = strukt(&mut w, &[("X", int, false, "")]);
        let a = named(&mut w, p, "A", a_s);
        let b_s = strukt(&mut w, &[("X", int, false, "")]);
        let b = named(&mut w, p, "B", b_s);
        let both = strukt(&mut w, &[("A", a, true, ""), ("B", b, true, "")]);
        assert_eq!(w.lookup_field_or_method(both, false, "p", "X"), Lookup::Ambiguous { index: vec![1, 0] });
        let shadow = strukt(&mut w, &[("A", a, true, ""), ("B", b, true, ""), ("X", basic(Basic::String), false, "")]);
        assert!(
            matches!(w.lookup_field_or_method(shadow, false, "p", "X"), Lookup::Found { index, .. } if index == vec![2])
        );
        // Unexported names of another package are not found.
        let hidden = strukt(&mut w, &[("x", int, false, "example.com/p")]);
        assert!(matches!(w.lookup_field_or_method(hidden, false, "example.com/p", "x"), Lookup::Found { .. }));
        assert_eq!(w.lookup_field_or_method(hidden, false, "example.com/q", "x"), Lookup::NotFound);
    }

    #[test]
    fn missing_method_variants() {
        let (mut w, p) = world();
        let int = basic(Basic::Int);
        let s = sig(&mut w, &[], &[int]);
        let i = iface(&mut w, p, &[("M", s)], &[]);
        let i = named(&mut w, p, "I", i);
        let t = named(&mut w, p, "T", int);
        let miss = w.missing_method(t, i, true).unwrap();
        assert_eq!((miss.name.as_str(), &miss.kind), ("M", &Missing::NotFound));
        assert!(matches!(w.implements(t, i), Err(NotImplemented::Method(_))));
        // Pointer receiver.
        let pt = named(&mut w, p, "PT", int);
        method(&mut w, pt, "M", &[], &[int], true);
        assert_eq!(w.missing_method(pt, i, true).unwrap().kind, Missing::PtrRecv);
        let ppt = w.types.pointer(pt);
        assert_eq!(w.missing_method(ppt, i, true), None);
        assert_eq!(w.implements(ppt, i), Ok(()));
        // Wrong type.
        let wt = named(&mut w, p, "WT", int);
        method(&mut w, wt, "M", &[int], &[], false);
        let string = basic(Basic::String);
        let _ = string;
        let m = w.missing_method(wt, i, true).unwrap();
        assert!(matches!(m.kind, Missing::WrongType { .. }));
        // Wrong case.
        let wc = named(&mut w, p, "WC", int);
        method(&mut w, wc, "m", &[], &[int], false);
        assert!(
            matches!(w.missing_method(wc, i, true).unwrap().kind, Missing::WrongName { ref have_name, .. } if have_name == "m")
        );
        // Interface to interface: a type assertion only checks shared methods.
        let empty = w.any;
        assert_eq!(w.missing_method(empty, i, false), None);
        assert!(w.missing_method(empty, i, true).is_some());
    }

    #[test]
    fn methods_of_instances_interfaces_and_type_parameters() {
        let (mut w, p) = world();
        let int = basic(Basic::Int);
        let string = basic(Basic::String);
        let any = w.any;
        // type Box[T any] struct{ v T }; func (b Box[R]) Get() R
        let (bx, tps) = generic(&mut w, p, "Box", &[("T", any)]);
        let body = strukt(&mut w, &[("v", tps[0], false, "")]);
        w.types.named_mut(bx).unwrap().underlying = Some(body);
        let r = tparam(&mut w, p, "R", 0, any);
        let get = method(&mut w, bx, "Get", &[], &[r], false);
        if let ObjKind::Func { tparams, .. } = &mut w.obj_mut(get).kind {
            *tparams = vec![r];
        }
        let bi = w.instantiate_named(bx, vec![int]);
        // type Outer struct{ Box[int]; io.Stringer-like interface }
        let s = sig(&mut w, &[], &[string]);
        let stringer = iface(&mut w, p, &[("String", s)], &[]);
        let stringer = named(&mut w, p, "Stringer", stringer);
        let outer = strukt(&mut w, &[("Box", bi, true, ""), ("Stringer", stringer, true, "")]);
        let Lookup::Found { found, index, indirect } = w.lookup_field_or_method(outer, false, "example.com/p", "Get")
        else {
            panic!("Get found")
        };
        assert_eq!((found.clone(), index, indirect), (Found::Method { obj: get, recv: bi }, vec![0, 0], false));
        let want = w.types.func(vec![], vec![int], false);
        assert_eq!(w.found_method_sig(&found), Some(want));
        assert!(matches!(
            w.lookup_field_or_method(outer, false, "example.com/p", "String"),
            Lookup::Found { found: Found::IfaceMethod { sig, .. }, index, .. } if sig == s && index == vec![1, 0]
        ));
        assert!(
            matches!(w.lookup_field_or_method(outer, false, "example.com/p", "v"), Lookup::Found { index, .. } if index == vec![0, 0])
        );
        // Box[int] implements interface{ Get() int }, not interface{ Get() string }.
        let gi = iface(&mut w, p, &[("Get", want)], &[]);
        assert_eq!(w.implements(bi, gi), Ok(()));
        let gs = sig(&mut w, &[], &[string]);
        let gs = iface(&mut w, p, &[("Get", gs)], &[]);
        assert!(
            matches!(w.implements(bi, gs), Err(NotImplemented::Method(MissingMethod { kind: Missing::WrongType { have }, .. })) if have == want)
        );
        // A type parameter has its constraint's methods; a pointer to it none.
        let tp = tparam(&mut w, p, "S", 0, stringer);
        assert!(matches!(w.lookup_field_or_method(tp, false, "example.com/p", "String"), Lookup::Found { .. }));
        let ptp = w.types.pointer(tp);
        assert_eq!(w.lookup_field_or_method(ptp, false, "example.com/p", "String"), Lookup::NotFound);
        // verify: Box's constraint substituted, then checked.
        let cmp = w.comparable;
        let k = tparam(&mut w, p, "K", 0, cmp);
        let sl = w.types.slice(int);
        assert_eq!(w.verify(&[k], &[int]), Ok(()));
        assert_eq!(w.verify(&[k], &[sl]), Err((0, NotImplemented::NotComparable)));
    }

    #[test]
    fn constraint_satisfaction() {
        let (mut w, p) = world();
        let int = basic(Basic::Int);
        let string = basic(Basic::String);
        let sl = w.types.slice(int);
        let cmp = w.comparable;
        assert_eq!(w.satisfies(sl, cmp), Err(NotImplemented::NotComparable));
        assert_eq!(w.satisfies(int, cmp), Ok(()));
        let any = w.any;
        assert_eq!(w.satisfies(any, cmp), Err(NotImplemented::NotComparable), "Go 1.19: interfaces are not comparable");
        // interface{ ~string }
        let u = union(&mut w, &[(true, string)]);
        let tilde_string = iface(&mut w, p, &[], &[u]);
        assert_eq!(
            w.satisfies(int, tilde_string),
            Err(NotImplemented::NotInTypeSet { terms: vec![Term { tilde: true, typ: string }] })
        );
        let my_string = named(&mut w, p, "MyString", string);
        assert_eq!(w.satisfies(my_string, tilde_string), Ok(()));
        // interface{ string } with MyString: possibly missing ~.
        let exact = iface(&mut w, p, &[], &[string]);
        assert_eq!(w.satisfies(my_string, exact), Err(NotImplemented::MissingTilde { alt: string }));
        // Empty type set.
        let empty = iface(&mut w, p, &[], &[int, string]);
        assert_eq!(w.satisfies(int, empty), Err(NotImplemented::EmptyTypeSet));
        // A type parameter satisfies a constraint if its type set is within it.
        let c = union(&mut w, &[(false, int), (false, string)]);
        let c = iface(&mut w, p, &[], &[c]);
        let tp = tparam(&mut w, p, "T", 0, exact);
        assert_eq!(w.satisfies(tp, c), Ok(()));
        let tp2 = tparam(&mut w, p, "U", 1, c);
        assert_eq!(w.satisfies(tp2, exact), Err(NotImplemented::NotSubset));
        assert_eq!(w.implements(int, int), Err(NotImplemented::NotAnInterface { ptr: false }));
    }
}
