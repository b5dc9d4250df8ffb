//! Export data: a checked package as the packages importing it see it.
//!
//! Checking a package that imports another needs only the imported
//! package's exported objects and the types they reach, with the methods of
//! those types; function bodies and unexported functions, variables and
//! constants play no part. [`write`] encodes that much of a package;
//! [`read`] rebuilds it in another world, where its objects and types stand
//! for the package as if it had been checked there from source. The build
//! cache (`crate::load::cache`) keeps it per package, so that a Go
//! installation's standard library is checked once, not at every build (the
//! job of gc's export data).
//!
//! The encoding is private to one rgo version (the cache key holds the
//! version): a list of type entries, each referring only to earlier ones;
//! defined types and type parameters are entered before what they contain
//! (their underlying types, methods and constraints come after the list),
//! which is how recursive types are written. The basic types are entries
//! `0..PREDECLARED` of every list (the basic types, `byte`, `rune`).

use super::constant::Const;
use super::object::{Method, ObjId, ObjKind, PkgId, VarKind};
use super::ty::{Field, IMethod, Iface, NamedId, Term, Type, TypeId, PREDECLARED};
use super::World;
use crate::diag::Pos;
use crate::syntax::ast::ChanDir;
// FxHash: the maps are keyed by small ids and names; SipHash was a tenth of a
// warm build's time (docs/frontend.md, Figures).
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

/// What every export data begins with.
const MAGIC: &[u8] = b"rgo export 1\n";

// Type entry tags.
const UNIVERSE: u8 = 0;
const EXTERNAL: u8 = 1;
const NAMED: u8 = 2;
const TPARAM: u8 = 3;
const INSTANCE: u8 = 4;
const POINTER: u8 = 5;
const SLICE: u8 = 6;
const ARRAY: u8 = 7;
const MAP: u8 = 8;
const CHAN: u8 = 9;
const STRUCT: u8 = 10;
const FUNC: u8 = 11;
const INTERFACE: u8 = 12;
const TUPLE: u8 = 13;
const UNION: u8 = 14;
const INVALID: u8 = 15;

// Object tags.
const OBJ_CONST: u8 = 0;
const OBJ_TYPE: u8 = 1;
const OBJ_ALIAS: u8 = 2;
const OBJ_VAR: u8 = 3;
const OBJ_FUNC: u8 = 4;

// Constant value tags.
const C_BOOL: u8 = 0;
const C_INT: u8 = 1;
const C_FLOAT: u8 = 2;
const C_COMPLEX: u8 = 3;
const C_STRING: u8 = 4;
const C_BIG: u8 = 5;
const C_BIG_COMPLEX: u8 = 6;
const C_HUGE: u8 = 7;

/// Encodes what importers of `pkg` need of it (see the module comment).
/// The package must be checked without errors; package unsafe, made of
/// built-ins, has no export data.
pub fn write(w: &World, pkg: PkgId) -> Result<Vec<u8>, String> {
    let mut x = Writer { w, pkg, index: HashMap::default(), entries: Enc::default(), count: PREDECLARED as u64, files: HashMap::default(), fills: vec![], refs: std::collections::BTreeSet::new() };
    let scope = w.scope(w.pkg(pkg).scope);
    let mut members: Vec<(&str, ObjId)> = scope.names().filter(|&(_, o)| w.obj(o).exported()).collect();
    members.sort();
    let mut objs = Enc::default();
    objs.u(members.len() as u64);
    for (_, o) in members {
        x.object(&mut objs, o)?;
    }
    // Defined types and type parameters met so far are filled in; filling
    // them may meet more.
    let mut fills = Enc::default();
    let mut done = 0;
    let mut nfills = 0u64;
    while done < x.fills.len() {
        let (i, t) = x.fills[done];
        done += 1;
        nfills += 1;
        fills.u(i);
        x.fill(&mut fills, t);
    }
    let mut out = Enc::default();
    out.buf.extend_from_slice(MAGIC);
    out.s(&w.pkg(pkg).path);
    out.s(&w.pkg(pkg).name);
    out.u(x.refs.len() as u64);
    for r in &x.refs {
        out.s(r);
    }
    let mut files: Vec<(&Arc<str>, u64)> = x.files.iter().map(|(f, i)| (f, *i)).collect();
    files.sort_by_key(|(_, i)| *i);
    out.u(files.len() as u64);
    for (f, _) in files {
        out.s(f);
    }
    out.u(x.count - PREDECLARED as u64);
    out.buf.extend_from_slice(&x.entries.buf);
    out.u(nfills);
    out.buf.extend_from_slice(&fills.buf);
    out.buf.extend_from_slice(&objs.buf);
    Ok(out.buf)
}

struct Writer<'w> {
    w: &'w World,
    pkg: PkgId,
    /// Entry of each type written.
    index: HashMap<TypeId, u64>,
    entries: Enc,
    /// Entries so far, the basic types included.
    count: u64,
    /// File names of positions, numbered.
    files: HashMap<Arc<str>, u64>,
    /// Defined types and type parameters of the package to fill in: their
    /// entry and type.
    fills: Vec<(u64, TypeId)>,
    /// The other packages the data refers to, by import path.
    refs: std::collections::BTreeSet<String>,
}

impl Writer<'_> {
    fn pos(&mut self, e: &mut Enc, p: &Pos) {
        let n = self.files.len() as u64;
        let f = *self.files.entry(p.file.clone()).or_insert(n);
        e.u(f);
        e.u(p.line as u64);
        e.u(p.col as u64);
    }

    /// The import path of `p` (empty for none), noted as referred to.
    fn pkg_path(&mut self, p: Option<PkgId>) -> &str {
        let w = self.w;
        match p {
            Some(p) if p != self.pkg => {
                self.refs.insert(w.pkg(p).path.clone());
                &w.pkg(p).path
            }
            Some(p) => &w.pkg(p).path,
            None => "",
        }
    }

    /// The entry of `t`, written (with what it refers to) if new.
    fn typ(&mut self, t: TypeId) -> u64 {
        if (t.0 as usize) < PREDECLARED {
            return t.0 as u64;
        }
        if let Some(&i) = self.index.get(&t) {
            return i;
        }
        let w = self.w;
        let mut e = Enc::default();
        match w.types.get(t).clone() {
            Type::Basic(_) => unreachable!("basic types are entries of their own"),
            Type::Named(n) => {
                let named = &w.types.named[n.0 as usize];
                let obj = w.obj(named.obj);
                if let Some(origin) = named.origin {
                    let o = self.typ(w.types.named[origin.0 as usize].id);
                    let targs: Vec<u64> = named.targs.iter().map(|&a| self.typ(a)).collect();
                    e.tag(INSTANCE);
                    e.u(o);
                    e.list(&targs);
                } else if obj.pkg.is_none() {
                    e.tag(UNIVERSE);
                    e.s(&obj.name);
                } else if obj.pkg != Some(self.pkg) {
                    e.tag(EXTERNAL);
                    e.s(self.pkg_path(obj.pkg));
                    e.s(&obj.name);
                    let pos = obj.pos.clone();
                    self.pos(&mut e, &pos);
                } else {
                    // Its type parameters first: instances of it may be
                    // made as soon as it is read.
                    let tparams: Vec<u64> = named.tparams.iter().map(|p| self.typ(w.types.tparams[p.0 as usize].id)).collect();
                    e.tag(NAMED);
                    e.s(&obj.name);
                    let pos = obj.pos.clone();
                    self.pos(&mut e, &pos);
                    e.list(&tparams);
                    return self.enter(t, e, true);
                }
            }
            Type::TypeParam(p) => {
                let tp = &w.types.tparams[p.0 as usize];
                let obj = w.obj(tp.obj);
                e.tag(TPARAM);
                e.s(&obj.name);
                let pos = obj.pos.clone();
                self.pos(&mut e, &pos);
                e.u(tp.index as u64);
                e.s(self.pkg_path(obj.pkg));
                return self.enter(t, e, true);
            }
            _ if t == w.any => {
                e.tag(UNIVERSE);
                e.s("any");
            }
            _ if t == w.comparable => {
                e.tag(UNIVERSE);
                e.s("comparable");
            }
            Type::Pointer(x) => {
                let x = self.typ(x);
                e.tag(POINTER);
                e.u(x);
            }
            Type::Slice(x) => {
                let x = self.typ(x);
                e.tag(SLICE);
                e.u(x);
            }
            Type::Array(x, n) => {
                let x = self.typ(x);
                e.tag(ARRAY);
                e.u(x);
                e.u(n);
            }
            Type::Map(k, v) => {
                let (k, v) = (self.typ(k), self.typ(v));
                e.tag(MAP);
                e.u(k);
                e.u(v);
            }
            Type::Chan(d, x) => {
                let x = self.typ(x);
                e.tag(CHAN);
                e.u(match d {
                    ChanDir::Both => 0,
                    ChanDir::Send => 1,
                    ChanDir::Recv => 2,
                });
                e.u(x);
            }
            Type::Struct(fields) => {
                let types: Vec<u64> = fields.iter().map(|f| self.typ(f.typ)).collect();
                e.tag(STRUCT);
                e.u(fields.len() as u64);
                for (f, t) in fields.iter().zip(types) {
                    e.s(&f.name);
                    e.u(t);
                    e.b(f.embedded);
                    e.s(&f.tag);
                    e.s(&f.pkg);
                }
            }
            Type::Func(sig) => {
                let params: Vec<u64> = sig.params.iter().map(|&p| self.typ(p)).collect();
                let results: Vec<u64> = sig.results.iter().map(|&r| self.typ(r)).collect();
                e.tag(FUNC);
                e.list(&params);
                e.list(&results);
                e.b(sig.variadic);
            }
            Type::Interface(i) => {
                let iface = &w.types.ifaces[i.0 as usize];
                let sigs: Vec<u64> = iface.methods.iter().map(|m| self.typ(m.sig)).collect();
                let embeds: Vec<u64> = iface.embeds.iter().map(|&x| self.typ(x)).collect();
                e.tag(INTERFACE);
                e.u(iface.methods.len() as u64);
                for (m, sig) in iface.methods.iter().zip(sigs) {
                    e.s(&m.name);
                    e.s(&m.pkg);
                    e.u(sig);
                    let obj = w.obj(m.obj);
                    let pos = obj.pos.clone();
                    self.pos(&mut e, &pos);
                    e.s(self.pkg_path(obj.pkg));
                }
                e.list(&embeds);
                e.b(iface.comparable);
                e.b(iface.implicit);
            }
            Type::Tuple(ts) => {
                let ts: Vec<u64> = ts.iter().map(|&x| self.typ(x)).collect();
                e.tag(TUPLE);
                e.list(&ts);
            }
            Type::Union(terms) => {
                let ts: Vec<u64> = terms.iter().map(|x| self.typ(x.typ)).collect();
                e.tag(UNION);
                e.u(terms.len() as u64);
                for (term, t) in terms.iter().zip(ts) {
                    e.b(term.tilde);
                    e.u(t);
                }
            }
            Type::Invalid => e.tag(INVALID),
        }
        self.enter(t, e, false)
    }

    fn enter(&mut self, t: TypeId, e: Enc, fill: bool) -> u64 {
        let i = self.count;
        self.count += 1;
        self.entries.buf.extend_from_slice(&e.buf);
        self.index.insert(t, i);
        if fill {
            self.fills.push((i, t));
        }
        i
    }

    /// What comes after a defined type's or type parameter's entry: its
    /// underlying type and methods, or its constraint.
    fn fill(&mut self, e: &mut Enc, t: TypeId) {
        let w = self.w;
        match w.types.get(t) {
            Type::Named(n) => {
                let named = &w.types.named[n.0 as usize];
                let u = self.typ(named.underlying.unwrap_or(w.invalid));
                e.u(u);
                e.u(named.methods.len() as u64);
                for &m in &named.methods {
                    let obj = w.obj(m);
                    let (ObjKind::Func { tparams, method }, Some(sig)) = (&obj.kind, obj.typ) else {
                        unreachable!("methods are functions with a signature")
                    };
                    let tparams: Vec<u64> = tparams.iter().map(|&p| self.typ(p)).collect();
                    let sig = self.typ(sig);
                    e.s(&obj.name);
                    let pos = obj.pos.clone();
                    self.pos(e, &pos);
                    e.b(method.as_ref().is_some_and(|m| m.ptr_recv));
                    e.u(sig);
                    e.list(&tparams);
                }
            }
            Type::TypeParam(p) => {
                let c = self.typ(w.types.tparams[p.0 as usize].constraint.unwrap_or(w.invalid));
                e.u(c);
            }
            _ => unreachable!("only defined types and type parameters are filled"),
        }
    }

    fn object(&mut self, e: &mut Enc, o: ObjId) -> Result<(), String> {
        let w = self.w;
        let obj = w.obj(o);
        let typ = obj.typ.unwrap_or(w.invalid);
        match &obj.kind {
            ObjKind::TypeName { alias: false } => {
                let t = self.typ(typ);
                e.tag(OBJ_TYPE);
                e.u(t);
                return Ok(());
            }
            ObjKind::Const { value } => {
                let t = self.typ(typ);
                e.tag(OBJ_CONST);
                e.u(t);
                match value {
                    Some(v) => {
                        e.b(true);
                        konst(e, v);
                    }
                    None => e.b(false),
                }
            }
            ObjKind::TypeName { alias: true } => {
                let t = self.typ(typ);
                e.tag(OBJ_ALIAS);
                e.u(t);
            }
            ObjKind::Var { .. } => {
                let t = self.typ(typ);
                e.tag(OBJ_VAR);
                e.u(t);
            }
            ObjKind::Func { tparams, .. } => {
                let tparams: Vec<u64> = tparams.iter().map(|&p| self.typ(p)).collect();
                let t = self.typ(typ);
                e.tag(OBJ_FUNC);
                e.u(t);
                e.list(&tparams);
            }
            ObjKind::PkgName { .. } | ObjKind::Label | ObjKind::Builtin(_) | ObjKind::Nil => {
                return Err(format!("{} is not a member export data can hold", obj.name));
            }
        }
        e.s(&obj.name);
        let pos = obj.pos.clone();
        self.pos(e, &pos);
        Ok(())
    }
}

fn konst(e: &mut Enc, v: &Const) {
    match v {
        Const::Bool(b) => {
            e.tag(C_BOOL);
            e.b(*b);
        }
        Const::Int(i) => {
            e.tag(C_INT);
            e.bytes(&i.to_le_bytes());
        }
        Const::Float(f) => {
            e.tag(C_FLOAT);
            e.u(f.to_bits());
        }
        Const::Complex(r, i) => {
            e.tag(C_COMPLEX);
            e.u(r.to_bits());
            e.u(i.to_bits());
        }
        Const::String(s) => {
            e.tag(C_STRING);
            e.bytes(s);
        }
        Const::Big(r, int) => {
            e.tag(C_BIG);
            rat(e, r);
            e.b(*int);
        }
        Const::BigComplex(c) => {
            e.tag(C_BIG_COMPLEX);
            rat(e, &c.0);
            rat(e, &c.1);
        }
        Const::Huge(f) => {
            e.tag(C_HUGE);
            let (neg, mant, exp) = f.parts();
            e.b(neg);
            e.bytes(&mant.to_le_bytes());
            e.bytes(&exp.to_le_bytes());
        }
    }
}

fn rat(e: &mut Enc, r: &crate::check::bignum::Rat) {
    let (neg, num, den) = r.parts();
    e.b(neg);
    e.list(&num.iter().map(|&l| l as u64).collect::<Vec<_>>());
    e.list(&den.iter().map(|&l| l as u64).collect::<Vec<_>>());
}

/// The import paths of the other packages that `data` ([`write`]) refers
/// to: [`read`] needs them in the world first.
pub fn refs(data: &[u8]) -> Result<Vec<String>, String> {
    if !data.starts_with(MAGIC) {
        return Err("not rgo export data of this version".into());
    }
    let mut d = Dec { data, at: MAGIC.len() };
    d.s()?;
    d.s()?;
    let n = d.u()?;
    (0..n).map(|_| d.s()).collect()
}

/// Rebuilds the package `data` encodes ([`write`]) in `w`, whose packages
/// must include every package the data refers to. An error says what is
/// wrong with the data; the package is then left out of `w`'s lookups.
pub fn read(w: &mut World, data: &[u8]) -> Result<PkgId, String> {
    let mut d = Dec { data, at: 0 };
    if !data.starts_with(MAGIC) {
        return Err("not rgo export data of this version".into());
    }
    d.at = MAGIC.len();
    let path = d.s()?;
    let name = d.s()?;
    let nrefs = d.u()?;
    for _ in 0..nrefs {
        d.s()?;
    }
    let pkg = w.new_package(&path, &name);
    let r = Reader { w: &mut *w, pkg, d, files: vec![], types: vec![], named: HashMap::default(), instances: vec![] }.read();
    match r {
        Ok(()) => {
            w.pkgs[pkg.0 as usize].complete = true;
            Ok(pkg)
        }
        Err(e) => {
            // Out of every lookup by path.
            w.pkgs[pkg.0 as usize].path = String::new();
            Err(format!("export data of {path}: {e}"))
        }
    }
}

struct Reader<'w, 'd> {
    w: &'w mut World,
    pkg: PkgId,
    d: Dec<'d>,
    files: Vec<Arc<str>>,
    /// The type of each entry.
    types: Vec<TypeId>,
    /// Defined types of other packages by package, name and position.
    named: HashMap<(PkgId, String, Arc<str>, u32, u32), TypeId>,
    /// Instances made while reading, expanded at the end.
    instances: Vec<TypeId>,
}

impl Reader<'_, '_> {
    fn read(mut self) -> Result<(), String> {
        let nfiles = self.d.u()?;
        for _ in 0..nfiles {
            let f = self.d.s()?;
            self.files.push(f.into());
        }
        self.types = (0..PREDECLARED as u32).map(TypeId).collect();
        let n = self.d.u()?;
        for _ in 0..n {
            let t = self.entry()?;
            self.types.push(t);
        }
        let nfills = self.d.u()?;
        for _ in 0..nfills {
            let i = self.d.u()?;
            let t = self.typ_at(i)?;
            self.fill(t)?;
        }
        for t in std::mem::take(&mut self.instances) {
            self.w.expand_named(t);
        }
        let nobjs = self.d.u()?;
        let scope = self.w.pkg(self.pkg).scope;
        for _ in 0..nobjs {
            let o = self.object()?;
            if self.w.declare(scope, o).is_err() {
                return Err(format!("{} declared twice", self.w.obj(o).name));
            }
        }
        if self.d.at != self.d.data.len() {
            return Err("trailing bytes".into());
        }
        Ok(())
    }

    fn pos(&mut self) -> Result<Pos, String> {
        let f = self.d.u()? as usize;
        let file = self.files.get(f).cloned().ok_or("bad file number")?;
        let line = self.d.u()? as u32;
        let col = self.d.u()? as u32;
        Ok(Pos { file, line, col })
    }

    fn typ_at(&self, i: u64) -> Result<TypeId, String> {
        self.types.get(i as usize).copied().ok_or_else(|| format!("type entry {i} out of range"))
    }

    fn typ(&mut self) -> Result<TypeId, String> {
        let i = self.d.u()?;
        self.typ_at(i)
    }

    fn types(&mut self) -> Result<Vec<TypeId>, String> {
        let n = self.d.u()?;
        (0..n).map(|_| self.typ()).collect()
    }

    fn pkg_by_path(&self, path: &str) -> Result<Option<PkgId>, String> {
        if path.is_empty() {
            return Ok(None);
        }
        if path == self.w.pkg(self.pkg).path {
            return Ok(Some(self.pkg));
        }
        match self.w.package_by_path(path) {
            Some(p) if self.w.pkg(p).complete => Ok(Some(p)),
            _ => Err(format!("package {path} is not imported")),
        }
    }

    fn entry(&mut self) -> Result<TypeId, String> {
        let w = &mut *self.w;
        Ok(match self.d.tag()? {
            UNIVERSE => match self.d.s()?.as_str() {
                "any" => w.any,
                "comparable" => w.comparable,
                name => {
                    let universe = w.universe;
                    let o = w.scope(universe).get(name).ok_or_else(|| format!("no {name} in the universe"))?;
                    w.obj(o).typ.ok_or("a universe type without a type")?
                }
            },
            EXTERNAL => {
                let path = self.d.s()?;
                let name = self.d.s()?;
                let pos = self.pos()?;
                let p = self.pkg_by_path(&path)?.ok_or("an external type of no package")?;
                if self.named.is_empty() {
                    let w = &*self.w;
                    for n in w.types.named.iter().filter(|n| n.origin.is_none()) {
                        let o = w.obj(n.obj);
                        if let Some(op) = o.pkg {
                            self.named.insert((op, o.name.clone(), o.pos.file.clone(), o.pos.line, o.pos.col), n.id);
                        }
                    }
                }
                *self.named.get(&(p, name.clone(), pos.file, pos.line, pos.col)).ok_or_else(|| format!("no type {path}.{name} at its position"))?
            }
            NAMED => {
                let name = self.d.s()?;
                let pos = self.pos()?;
                let tparams = self.types()?;
                let w = &mut *self.w;
                let o = w.new_obj(&name, pos, Some(self.pkg), ObjKind::TypeName { alias: false }, None);
                let t = w.types.new_named(o);
                w.obj_mut(o).typ = Some(t);
                let ids = tparams.iter().map(|&p| w.types.type_param_id(p)).collect();
                w.types.named_mut(t).expect("made just now").tparams = ids;
                t
            }
            TPARAM => {
                let name = self.d.s()?;
                let pos = self.pos()?;
                let index = self.d.u()? as u32;
                let pkg = self.d.s()?;
                let pkg = self.pkg_by_path(&pkg)?;
                let w = &mut *self.w;
                let o = w.new_obj(&name, pos, pkg, ObjKind::TypeName { alias: false }, None);
                let t = w.types.new_type_param(o, index);
                w.obj_mut(o).typ = Some(t);
                t
            }
            INSTANCE => {
                let origin = self.typ()?;
                let targs = self.types()?;
                let t = self.w.instantiate_named(origin, targs);
                self.instances.push(t);
                t
            }
            POINTER => {
                let x = self.typ()?;
                self.w.types.pointer(x)
            }
            SLICE => {
                let x = self.typ()?;
                self.w.types.slice(x)
            }
            ARRAY => {
                let x = self.typ()?;
                let n = self.d.u()?;
                self.w.types.intern(Type::Array(x, n))
            }
            MAP => {
                let k = self.typ()?;
                let v = self.typ()?;
                self.w.types.intern(Type::Map(k, v))
            }
            CHAN => {
                let dir = match self.d.u()? {
                    0 => ChanDir::Both,
                    1 => ChanDir::Send,
                    2 => ChanDir::Recv,
                    d => return Err(format!("bad channel direction {d}")),
                };
                let x = self.typ()?;
                self.w.types.intern(Type::Chan(dir, x))
            }
            STRUCT => {
                let n = self.d.u()?;
                let mut fields = vec![];
                for _ in 0..n {
                    let name = self.d.s()?;
                    let typ = self.typ()?;
                    let embedded = self.d.b()?;
                    let tag = self.d.s()?;
                    let pkg = self.d.s()?;
                    fields.push(Field { name, typ, embedded, tag, pkg });
                }
                self.w.types.intern(Type::Struct(fields))
            }
            FUNC => {
                let params = self.types()?;
                let results = self.types()?;
                let variadic = self.d.b()?;
                self.w.types.func(params, results, variadic)
            }
            INTERFACE => {
                let n = self.d.u()?;
                let mut methods = vec![];
                for _ in 0..n {
                    let name = self.d.s()?;
                    let pkg = self.d.s()?;
                    let sig = self.typ()?;
                    let pos = self.pos()?;
                    let opkg = self.d.s()?;
                    let opkg = self.pkg_by_path(&opkg)?;
                    let obj = self.w.new_obj(&name, pos, opkg, ObjKind::Func { tparams: vec![], method: None }, Some(sig));
                    methods.push(IMethod { name, pkg, sig, obj });
                }
                let embeds = self.types()?;
                let comparable = self.d.b()?;
                let implicit = self.d.b()?;
                self.w.types.new_interface(Iface { methods, embeds, comparable, implicit, ..Iface::default() })
            }
            TUPLE => {
                let ts = self.types()?;
                self.w.types.tuple(ts)
            }
            UNION => {
                let n = self.d.u()?;
                let mut terms = vec![];
                for _ in 0..n {
                    let tilde = self.d.b()?;
                    let typ = self.typ()?;
                    terms.push(Term { tilde, typ });
                }
                self.w.types.intern(Type::Union(terms))
            }
            INVALID => self.w.invalid,
            tag => return Err(format!("bad type tag {tag}")),
        })
    }

    fn fill(&mut self, t: TypeId) -> Result<(), String> {
        match self.w.types.get(t).clone() {
            Type::Named(n) => self.fill_named(t, n),
            Type::TypeParam(p) => {
                let c = self.typ()?;
                self.w.types.tparams[p.0 as usize].constraint = Some(c);
                Ok(())
            }
            _ => Err("a filled entry that is no defined type or type parameter".into()),
        }
    }

    fn fill_named(&mut self, t: TypeId, n: NamedId) -> Result<(), String> {
        let u = self.typ()?;
        let count = self.d.u()?;
        let mut methods = vec![];
        for _ in 0..count {
            let name = self.d.s()?;
            let pos = self.pos()?;
            let ptr_recv = self.d.b()?;
            let sig = self.typ()?;
            let tparams = self.types()?;
            let method = Some(Method { recv: t, ptr_recv });
            methods.push(self.w.new_obj(&name, pos, Some(self.pkg), ObjKind::Func { tparams, method }, Some(sig)));
        }
        let named = &mut self.w.types.named[n.0 as usize];
        if named.origin.is_some() || named.underlying.is_some() {
            return Err("a defined type filled twice".into());
        }
        named.underlying = Some(u);
        named.methods = methods;
        Ok(())
    }

    fn object(&mut self) -> Result<ObjId, String> {
        let tag = self.d.tag()?;
        let typ = self.typ()?;
        if tag == OBJ_TYPE {
            let n = self.w.types.named(typ).filter(|n| n.origin.is_none()).ok_or("a type name of no defined type")?;
            let o = n.obj;
            if self.w.obj(o).pkg != Some(self.pkg) {
                return Err("a type name of another package".into());
            }
            return Ok(o);
        }
        let kind = match tag {
            OBJ_CONST => ObjKind::Const { value: if self.d.b()? { Some(self.konst()?) } else { None } },
            OBJ_ALIAS => ObjKind::TypeName { alias: true },
            OBJ_VAR => ObjKind::Var { kind: VarKind::Package },
            OBJ_FUNC => ObjKind::Func { tparams: self.types()?, method: None },
            tag => return Err(format!("bad object tag {tag}")),
        };
        let name = self.d.s()?;
        let pos = self.pos()?;
        Ok(self.w.new_obj(&name, pos, Some(self.pkg), kind, Some(typ)))
    }

    fn konst(&mut self) -> Result<Const, String> {
        Ok(match self.d.tag()? {
            C_BOOL => Const::Bool(self.d.b()?),
            C_INT => Const::Int(i128::from_le_bytes(self.d.bytes()?.try_into().map_err(|_| "bad integer constant")?)),
            C_FLOAT => Const::Float(f64::from_bits(self.d.u()?)),
            C_COMPLEX => Const::Complex(f64::from_bits(self.d.u()?), f64::from_bits(self.d.u()?)),
            C_STRING => Const::String(self.d.bytes()?),
            C_BIG => {
                let r = self.rat()?;
                Const::Big(Box::new(r), self.d.b()?)
            }
            C_BIG_COMPLEX => {
                let re = self.rat()?;
                let im = self.rat()?;
                Const::BigComplex(Box::new((re, im)))
            }
            C_HUGE => {
                let neg = self.d.b()?;
                let mant = u128::from_le_bytes(self.d.bytes()?.try_into().map_err(|_| "bad float constant")?);
                let exp = i64::from_le_bytes(self.d.bytes()?.try_into().map_err(|_| "bad float constant")?);
                Const::Huge(crate::check::float::Float::from_parts(neg, mant, exp))
            }
            tag => return Err(format!("bad constant tag {tag}")),
        })
    }

    fn rat(&mut self) -> Result<crate::check::bignum::Rat, String> {
        let neg = self.d.b()?;
        let limbs = |d: &mut Dec| -> Result<Vec<u32>, String> {
            let n = d.u()?;
            (0..n).map(|_| d.u().and_then(|l| u32::try_from(l).map_err(|_| "bad limb".to_string()))).collect()
        };
        let num = limbs(&mut self.d)?;
        let den = limbs(&mut self.d)?;
        crate::check::bignum::Rat::from_parts(neg, num, den).ok_or_else(|| "a zero denominator".into())
    }
}

/// Bytes being encoded: unsigned LEB128 numbers, length-prefixed strings.
#[derive(Default)]
struct Enc {
    buf: Vec<u8>,
}

impl Enc {
    fn u(&mut self, mut v: u64) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.buf.push(b);
                return;
            }
            self.buf.push(b | 0x80);
        }
    }

    fn tag(&mut self, t: u8) {
        self.buf.push(t);
    }

    fn b(&mut self, b: bool) {
        self.buf.push(b as u8);
    }

    fn bytes(&mut self, s: &[u8]) {
        self.u(s.len() as u64);
        self.buf.extend_from_slice(s);
    }

    fn s(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    fn list(&mut self, xs: &[u64]) {
        self.u(xs.len() as u64);
        for &x in xs {
            self.u(x);
        }
    }
}

/// Bytes being decoded; every read checks the bounds.
struct Dec<'d> {
    data: &'d [u8],
    at: usize,
}

impl Dec<'_> {
    fn byte(&mut self) -> Result<u8, String> {
        let b = *self.data.get(self.at).ok_or("truncated")?;
        self.at += 1;
        Ok(b)
    }

    fn u(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("a number too long".into())
    }

    fn tag(&mut self) -> Result<u8, String> {
        self.byte()
    }

    fn b(&mut self) -> Result<bool, String> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            b => Err(format!("bad boolean {b}")),
        }
    }

    fn bytes(&mut self) -> Result<Vec<u8>, String> {
        let n = self.u()? as usize;
        let end = self.at.checked_add(n).filter(|&e| e <= self.data.len()).ok_or("truncated")?;
        let b = self.data[self.at..end].to_vec();
        self.at = end;
        Ok(b)
    }

    fn s(&mut self) -> Result<String, String> {
        String::from_utf8(self.bytes()?).map_err(|_| "a string that is not UTF-8".into())
    }
}
