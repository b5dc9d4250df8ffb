//! Building types by hand for the tests of the type-level algorithms.

use super::object::{Method, ObjId, ObjKind, PkgId};
use super::ty::{Field, IMethod, Iface, Term, Type, TypeId};
use super::World;
use crate::diag::Pos;

pub fn pos() -> Pos {
    Pos::new("t.go".into(), 1, 1)
}

/// A world with package `example.com/p`.
pub fn world() -> (World, PkgId) {
    let mut w = World::new();
    let p = w.new_package("example.com/p", "p");
    (w, p)
}

fn path(w: &World, p: PkgId) -> String {
    w.pkg(p).path.clone()
}

/// `type name under`.
pub fn named(w: &mut World, p: PkgId, name: &str, under: TypeId) -> TypeId {
    let obj = w.new_obj(name, pos(), Some(p), ObjKind::TypeName { alias: false }, None);
    let t = w.types.new_named(obj);
    w.obj_mut(obj).typ = Some(t);
    w.types.named_mut(t).unwrap().underlying = Some(w.types.underlying(under));
    t
}

/// A generic defined type with type parameters `(name, constraint)`, its
/// underlying type left unresolved.
pub fn generic(w: &mut World, p: PkgId, name: &str, tps: &[(&str, TypeId)]) -> (TypeId, Vec<TypeId>) {
    let obj = w.new_obj(name, pos(), Some(p), ObjKind::TypeName { alias: false }, None);
    let t = w.types.new_named(obj);
    w.obj_mut(obj).typ = Some(t);
    let mut ids = vec![];
    let mut tparams = vec![];
    for (i, &(n, c)) in tps.iter().enumerate() {
        let tp = tparam(w, p, n, i as u32, c);
        let Type::TypeParam(id) = *w.types.get(tp) else { unreachable!() };
        ids.push(id);
        tparams.push(tp);
    }
    w.types.named_mut(t).unwrap().tparams = ids;
    (t, tparams)
}

/// A type parameter with its constraint.
pub fn tparam(w: &mut World, p: PkgId, name: &str, index: u32, constraint: TypeId) -> TypeId {
    let obj = w.new_obj(name, pos(), Some(p), ObjKind::TypeName { alias: false }, None);
    let t = w.types.new_type_param(obj, index);
    w.obj_mut(obj).typ = Some(t);
    let Type::TypeParam(id) = *w.types.get(t) else { unreachable!() };
    w.types.tparams[id.0 as usize].constraint = Some(constraint);
    t
}

/// A method of defined type `recv`.
pub fn method(w: &mut World, recv: TypeId, name: &str, params: &[TypeId], results: &[TypeId], ptr_recv: bool) -> ObjId {
    let s = w.types.func(params.to_vec(), results.to_vec(), false);
    let pkg = w.obj(w.types.named(recv).unwrap().obj).pkg;
    let m = w.new_obj(
        name,
        pos(),
        pkg,
        ObjKind::Func { tparams: vec![], method: Some(Method { recv, ptr_recv }) },
        Some(s),
    );
    w.types.named_mut(recv).unwrap().methods.push(m);
    m
}

pub fn sig(w: &mut World, params: &[TypeId], results: &[TypeId]) -> TypeId {
    w.types.func(params.to_vec(), results.to_vec(), false)
}

/// An interface of package `p` with methods `(name, signature)` and
/// embedded elements.
pub fn iface(w: &mut World, p: PkgId, methods: &[(&str, TypeId)], embeds: &[TypeId]) -> TypeId {
    let pkg_path = path(w, p);
    let ms = methods
        .iter()
        .map(|&(name, sig)| {
            let obj = w.new_obj(name, pos(), Some(p), ObjKind::Func { tparams: vec![], method: None }, Some(sig));
            let pkg = if crate::syntax::ast::is_exported(name) { String::new() } else { pkg_path.clone() };
            IMethod { name: name.to_string(), pkg, sig, obj }
        })
        .collect();
    w.types.new_interface(Iface { methods: ms, embeds: embeds.to_vec(), ..Iface::default() })
}

/// A struct of fields `(name, type, embedded, tag)`; unexported names are
/// of package `example.com/p`.
pub fn strukt(w: &mut World, fields: &[(&str, TypeId, bool, &str)]) -> TypeId {
    let fs = fields
        .iter()
        .map(|&(name, typ, embedded, tag)| Field {
            name: name.to_string(),
            typ,
            embedded,
            tag: tag.to_string(),
            pkg: if crate::syntax::ast::is_exported(name) { String::new() } else { "example.com/p".into() },
        })
        .collect();
    w.types.intern(Type::Struct(fs))
}

/// A union of `(tilde, type)` terms.
pub fn union(w: &mut World, terms: &[(bool, TypeId)]) -> TypeId {
    w.types.intern(Type::Union(terms.iter().map(|&(tilde, typ)| Term { tilde, typ }).collect()))
}
