//! Generic code in the lowering: each generic function and type is made
//! once per distinct list of type arguments (monomorphisation, as TinyGo
//! does; docs/frontend.md says why).
//!
//! The new checker (`crate::types`) has checked the program, each generic
//! body once against its constraints, and recorded the type arguments of
//! every use of a generic function (`Info::instances`) and the type of every
//! type expression (`Info::types`), instances of generic types included. The
//! lowering reads those facts: it translates the checker's types into its
//! own (as gc's noder translates types2's), and lowers an instance's body
//! with the type parameters bound to the arguments, by name for the source
//! it reads and by identity for the checker's types it translates.

use super::func::Fb;
use super::types::{basic_id, FieldT, IMethod, MethodDecl, Sig, Ty, TypeId};
use super::{Checker, FuncSym, PkgDecl, PkgObj, Result};
use crate::diag::{Diag, Pos};
use crate::syntax::ast::{self, Expr, ExprKind};
use crate::types::{self as checked, ty::Type};
use std::collections::{HashMap, HashSet};

/// What the type checker found out about a build: the world of its
/// packages, the program's facts, and the packages that the checker
/// checked from source for the lowering (`load::PackageImporter::keep_for`),
/// each with its syntax trees and facts, by import path: the lowering
/// compiles those very trees.
#[derive(Default)]
pub struct Facts {
    pub world: checked::World,
    pub info: checked::Info,
    pub packages: HashMap<String, (Vec<ast::File>, checked::Info)>,
    /// Which of `packages` are modules' (the main module's and its
    /// dependencies'), not the standard library's: errors in them are
    /// reported where they are.
    pub module_packages: std::collections::HashSet<String>,
}

/// The facts of the package being lowered.
#[derive(Clone, Copy)]
pub(super) struct PkgFacts<'a> {
    pub world: &'a checked::World,
    pub info: &'a checked::Info,
}

/// Type parameters bound to type arguments while an instance is lowered.
#[derive(Clone, Default)]
pub struct Bindings {
    /// By name: what the lowering's scopes find (`lookup`).
    names: Vec<(String, TypeId)>,
    /// By identity: what the checker's types name ([`Checker::translate`]).
    params: Vec<(checked::ty::TypeParamId, TypeId)>,
}

impl Bindings {
    pub(super) fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    pub(super) fn lookup(&self, name: &str) -> Option<TypeId> {
        self.names.iter().rev().find(|(n, _)| n == name).map(|(_, t)| *t)
    }
}

/// A body to lower once the program's own functions are lowered.
enum Job<'a> {
    Func { fd: &'a ast::FuncDecl, pkg: usize, sym: String, bind: Bindings, depth: usize },
    Method { fd: &'a ast::FuncDecl, pkg: usize, ni: u32, mi: usize, bind: Bindings, depth: usize },
}

/// The lowering's state for generic code.
#[derive(Default)]
pub struct Generics<'a> {
    /// The type parameters in scope (none outside instances).
    pub bind: Bindings,
    /// Function instances: declaration index and type arguments.
    funcs: HashMap<(usize, Vec<TypeId>), FuncSym>,
    /// Type instances: declaration index and type arguments.
    types: HashMap<(usize, Vec<TypeId>), TypeId>,
    /// Symbols given to instances (distinct even when two local types of
    /// one name are arguments).
    syms: HashSet<String>,
    /// The methods of each generic type, by declaration index.
    pub methods: HashMap<usize, Vec<&'a ast::FuncDecl>>,
    /// Defined types the lowering made, by the checker's object.
    pub named: HashMap<checked::object::ObjId, TypeId>,
    /// Generic types declared in function bodies, by the checker's object
    /// (a copy of the declaration: instances are made as it is lowered).
    local_generic: HashMap<checked::object::ObjId, std::rc::Rc<ast::TypeSpec>>,
    /// Their instances: object and type arguments.
    local_types: HashMap<(checked::object::ObjId, Vec<TypeId>), TypeId>,
    queue: Vec<Job<'a>>,
    /// How many instances made the one being lowered, one from the other
    /// (0 in the program's own functions).
    depth: usize,
    /// How many type instances are being made, one inside the other.
    type_depth: usize,
}

/// More instances made one from another than any program needs: an
/// instantiation cycle (`f[T]` calling `f[[]T]`), which the checker
/// reports first (`types/mono.rs`); this keeps the lowering finite should
/// one get past it.
const MAX_INSTANCE_DEPTH: usize = 100;

/// The identifier a generic function or type is named by in `e` (`F`,
/// `F[int]`, `(F)`), if `e` is one of those forms.
pub(super) fn base_ident(e: &Expr) -> Option<&ast::Ident> {
    match &e.unparen().kind {
        ExprKind::Ident(id) => Some(id),
        ExprKind::Index { x, .. } | ExprKind::IndexList { x, .. } => base_ident(x),
        _ => None,
    }
}

/// What `e` instantiates when it names a member of another package
/// (`pkg.F[int]`): the package's identifier and the member's.
fn qualified_base(e: &Expr) -> Option<(&ast::Ident, &ast::Ident)> {
    match &e.unparen().kind {
        ExprKind::Selector { x, sel } => match &x.unparen().kind {
            ExprKind::Ident(pkg) => Some((pkg, sel)),
            _ => None,
        },
        ExprKind::Index { x, .. } | ExprKind::IndexList { x, .. } => qualified_base(x),
        _ => None,
    }
}

/// A receiver's type without parentheses and `*` (`List[T]` in
/// `(l *List[T])`).
fn receiver_base_type(recv: &ast::Param) -> &Expr {
    let t = recv.typ.unparen();
    match &t.kind {
        ExprKind::Star(x) => x.unparen(),
        _ => t,
    }
}

/// The type parameter names a generic method's receiver declares
/// (`(l *List[T])` declares `T`), in order.
fn receiver_params(recv: &ast::Param) -> Vec<&ast::Ident> {
    let exprs: Vec<&Expr> = match &receiver_base_type(recv).kind {
        ExprKind::Index { index, .. } => vec![&**index],
        ExprKind::IndexList { indices, .. } => indices.iter().collect(),
        _ => vec![],
    };
    exprs.into_iter().filter_map(|e| if let ExprKind::Ident(id) = &e.kind { Some(id) } else { None }).collect()
}

/// Whether `fd` is a method of a generic type (its receiver lists type
/// parameters).
pub fn is_generic_method(fd: &ast::FuncDecl) -> bool {
    fd.recv.as_ref().is_some_and(|r| matches!(receiver_base_type(r).kind, ExprKind::Index { .. } | ExprKind::IndexList { .. }))
}

/// The generic type a generic method's receiver names (`List` in `(l *List[T])`).
pub(super) fn receiver_base(fd: &ast::FuncDecl) -> Option<&ast::Ident> {
    base_ident(receiver_base_type(fd.recv.as_ref()?))
}

/// Whether an interface element is a type term (`~int`, `A | B`, an
/// embedded non-interface type literal), which only the new checker reads.
pub(super) fn is_type_term(el: &ast::InterfaceElem) -> bool {
    matches!(el, ast::InterfaceElem::Embed(x) if matches!(x.kind, ExprKind::Tilde(_) | ExprKind::Union(_)))
}

/// The identifiers a type parameter list declares, in order.
fn type_param_idents(tp: &Option<ast::TypeParams>) -> Vec<&ast::Ident> {
    tp.iter().flat_map(|tp| &tp.list).flat_map(|p| &p.names).collect()
}

/// Instances of `name` nested [`MAX_INSTANCE_DEPTH`] deep.
fn instantiation_cycle(name: &ast::Ident) -> Diag {
    Diag::new(&name.pos, format!("instantiation cycle: {} made from itself with ever larger type arguments", name.name))
}

fn internal(pos: &Pos, what: &str) -> Diag {
    Diag::new(pos, format!("internal error: generic code: {what}"))
}

impl<'a> Checker<'a> {
    /// The facts of the package being lowered, if the checker checked the
    /// trees the lowering reads (every package but rgo's host package,
    /// docs/frontend.md).
    pub(super) fn pkg_facts(&self) -> Option<PkgFacts<'a>> {
        let info = self.infos.get(self.cur)?.as_ref()?;
        Some(PkgFacts { world: self.world, info })
    }

    /// How the escape walks resolve calls in the package being lowered.
    pub(super) fn callees(&self) -> super::escape::Callees<'a> {
        super::escape::Callees { world: self.world, info: self.infos.get(self.cur).and_then(Option::as_ref) }
    }

    /// [`Checker::pkg_facts`], which exist for generic code.
    fn facts(&self, pos: &Pos) -> Result<PkgFacts<'a>> {
        self.pkg_facts().ok_or_else(|| internal(pos, "no facts from the type checker"))
    }

    /// Bindings of the type parameters declared by `idents` to `targs`.
    fn bindings(&self, idents: &[&ast::Ident], targs: &[TypeId], pos: &Pos) -> Result<Bindings> {
        let facts = self.facts(pos)?;
        if idents.len() != targs.len() {
            return Err(internal(pos, "type argument count"));
        }
        let mut b = Bindings::default();
        for (id, &t) in idents.iter().zip(targs) {
            b.names.push((id.name.clone(), t));
            let obj = facts.info.defs.get(id.id).ok_or_else(|| internal(&id.pos, "type parameter without object"))?;
            let typ = facts.world.obj(*obj).typ.ok_or_else(|| internal(&id.pos, "type parameter without type"))?;
            if facts.world.types.type_param(typ).is_some() {
                b.params.push((facts.world.types.type_param_id(typ), t));
            }
        }
        Ok(b)
    }

    /// Runs `f` in package `pkg` with `bind` as the type parameters in
    /// scope, outside any function being lowered (`fns` stands in: a
    /// scratch builder for declarations, none for bodies).
    fn with_bindings<T>(&mut self, pkg: usize, bind: Bindings, fns: Vec<Fb>, f: impl FnOnce(&mut Self) -> T) -> T {
        let saved_fns = std::mem::replace(&mut self.fns, fns);
        let saved_bind = std::mem::replace(&mut self.generics.bind, bind);
        let saved_iota = self.iota.take();
        let r = self.in_pkg(pkg, f);
        self.iota = saved_iota;
        self.generics.bind = saved_bind;
        self.fns = saved_fns;
        r
    }

    /// A symbol for instance `name`, distinct from every other instance's.
    fn instance_sym(&mut self, name: String) -> String {
        let mut sym = name.clone();
        let mut n = 1;
        while !self.generics.syms.insert(sym.clone()) {
            n += 1;
            sym = format!("{name}.{n}");
        }
        sym
    }

    fn targ_list(&self, targs: &[TypeId]) -> String {
        targs.iter().map(|&t| self.types.name(t)).collect::<Vec<_>>().join(",")
    }

    /// The instance of generic function `decl` that identifier `id` uses
    /// (its type arguments written or inferred, as the checker recorded).
    pub(super) fn func_instance(&mut self, decl: usize, id: &ast::Ident) -> Result<FuncSym> {
        let facts = self.facts(&id.pos)?;
        let inst = facts.info.instances.get(id.id).ok_or_else(|| internal(&id.pos, "use without type arguments"))?;
        let targs = inst.targs.iter().map(|&t| self.translate(t, &id.pos)).collect::<Result<Vec<_>>>()?;
        if let Some(fs) = self.generics.funcs.get(&(decl, targs.clone())) {
            return Ok(fs.clone());
        }
        let PkgDecl::Func(fd) = self.decls[decl] else { return Err(internal(&id.pos, "not a generic function")) };
        let pkg = self.decl_pkg[decl];
        // (The type parameters' objects are in the facts of the function's package.)
        let bind = self.in_pkg(pkg, |c| c.bindings(&type_param_idents(&fd.type_params), &targs, &id.pos))?;
        let name = format!("{}.{}[{}]", self.packages[pkg].path, fd.name.name, self.targ_list(&targs));
        let sym = self.instance_sym(name);
        let sig = self.with_bindings(pkg, bind.clone(), vec![Fb::new(&sym)], |c| c.resolve_sig(&fd.sig, None))?;
        let fs = FuncSym { sym: sym.clone(), sig };
        self.generics.funcs.insert((decl, targs), fs.clone());
        let depth = self.generics.depth + 1;
        if depth > MAX_INSTANCE_DEPTH {
            return Err(instantiation_cycle(&fd.name));
        }
        self.generics.queue.push(Job::Func { fd, pkg, sym, bind, depth });
        Ok(fs)
    }

    /// The instance of generic type `decl` for `targs`, with its methods
    /// (each lowered once, later).
    fn type_instance(&mut self, decl: usize, targs: Vec<TypeId>, pos: &Pos) -> Result<TypeId> {
        if let Some(&t) = self.generics.types.get(&(decl, targs.clone())) {
            return Ok(t);
        }
        let PkgDecl::Type(spec) = self.decls[decl] else { return Err(internal(pos, "not a generic type")) };
        let pkg = self.decl_pkg[decl];
        let (t, sym) = self.new_type_instance(spec, pkg, &targs)?;
        // Recursive references (`next *List[T]`) find it already.
        self.generics.types.insert((decl, targs.clone()), t);
        // (The type parameters' objects are in the facts of the type's package.)
        let bind = self.in_pkg(pkg, |c| c.bindings(&type_param_idents(&spec.type_params), &targs, pos))?;
        self.instance_underlying(t, pos, |c| c.with_bindings(pkg, bind, vec![Fb::new(&sym)], |c| c.resolve_type(&spec.typ)))?;
        let Some(ni) = self.types.named_index(t) else { return Err(internal(pos, "instance is not a defined type")) };
        for fd in self.generics.methods.get(&decl).cloned().unwrap_or_default() {
            let Some(recv) = &fd.recv else { continue };
            let bind = self.in_pkg(pkg, |c| c.bindings(&receiver_params(recv), &targs, &fd.name.pos))?;
            let ptr_recv = matches!(recv.typ.unparen().kind, ExprKind::Star(_));
            let sig = self.with_bindings(pkg, bind.clone(), vec![Fb::new(&sym)], |c| c.resolve_sig(&fd.sig, None))?;
            if fd.name.name == "_" {
                continue;
            }
            self.types.named[ni as usize].methods.push(MethodDecl { name: fd.name.name.clone(), ptr_recv, sig });
            let mi = self.types.named[ni as usize].methods.len() - 1;
            let depth = self.generics.depth + 1;
            if depth > MAX_INSTANCE_DEPTH {
                return Err(instantiation_cycle(&spec.name));
            }
            self.generics.queue.push(Job::Method { fd, pkg, ni, mi, bind, depth });
        }
        Ok(t)
    }

    /// The type a type expression denotes (`List[int]`), as the checker
    /// recorded it.
    pub(super) fn checked_type(&mut self, e: &Expr) -> Result<TypeId> {
        let facts = self.facts(&e.pos)?;
        let tv = facts.info.types.get(e.id).ok_or_else(|| internal(&e.pos, "type expression without a type"))?;
        self.translate(tv.typ, &e.pos)
    }

    /// Whether `e` (an index expression) instantiates a generic function
    /// or type, as the checker saw it.
    pub(super) fn is_instantiation(&self, e: &Expr) -> bool {
        let Some(f) = self.pkg_facts() else { return false };
        base_ident(e).or_else(|| qualified_base(e).map(|(_, sel)| sel)).is_some_and(|id| f.info.instances.get(id.id).is_some())
            || f.info.types.get(e.id).is_some_and(|tv| tv.mode == checked::Mode::TypeExpr)
    }

    /// Moves the code of each instance to where its generic declaration
    /// is, among the functions of its file in source order: laid out as
    /// the same code written for its types would be, so that generic code
    /// runs as that code does (code placement moves loop alignment).
    pub(super) fn place_instances(&mut self) {
        // Instances, functions and methods alike, are named with their
        // type arguments: no other symbol holds a `[`.
        let funcs = std::mem::take(&mut self.prog.funcs);
        let (instances, mut rest): (Vec<_>, Vec<_>) = funcs.into_iter().partition(|f| f.sym.contains('[') && f.pos.is_some());
        let key = |p: &Pos| (p.line, p.col);
        for inst in instances {
            let at = inst.pos.clone().expect("partitioned on a position");
            // Before the first function of its file declared after it; or
            // after the last one of its file; or last.
            let same_file = |f: &crate::ir::Func| f.pos.as_ref().is_some_and(|p| p.file == at.file);
            let later = rest.iter().position(|f| same_file(f) && f.pos.as_ref().is_some_and(|p| key(p) > key(&at)));
            let i = later.or_else(|| rest.iter().rposition(same_file).map(|i| i + 1)).unwrap_or(rest.len());
            rest.insert(i, inst);
        }
        self.prog.funcs = rest;
    }

    /// Lowers the bodies of the instances made so far, and of those they
    /// make in turn.
    pub(super) fn lower_instances(&mut self) -> Result<()> {
        while let Some(job) = self.generics.queue.pop() {
            let r = match job {
                Job::Func { fd, pkg, sym, bind, depth } => {
                    self.generics.depth = depth;
                    self.with_bindings(pkg, bind, vec![], |c| c.lower_func(fd, &sym, None))
                }
                Job::Method { fd, pkg, ni, mi, bind, depth } => {
                    self.generics.depth = depth;
                    let sym = self.method_sym_declared(ni, mi);
                    self.with_bindings(pkg, bind, vec![], |c| c.lower_func(fd, &sym, Some((ni, mi))))
                }
            };
            self.generics.depth = 0;
            if let Err(d) = r {
                self.report(d)?;
            }
        }
        Ok(())
    }

    /// The lowering's type for the checker's type `t`, type parameters
    /// replaced by what they are bound to.
    pub(super) fn translate(&mut self, t: checked::ty::TypeId, pos: &Pos) -> Result<TypeId> {
        crate::stack::grow(|| self.translate_inner(t, pos))
    }

    fn translate_inner(&mut self, t: checked::ty::TypeId, pos: &Pos) -> Result<TypeId> {
        let w = self.world;
        Ok(match w.types.get(t).clone() {
            Type::Basic(b) => basic_id(b),
            Type::Pointer(e) => {
                let e = self.translate(e, pos)?;
                self.types.pointer(e)
            }
            Type::Slice(e) => {
                let e = self.translate(e, pos)?;
                self.types.slice(e)
            }
            Type::Array(e, n) => {
                let e = self.translate(e, pos)?;
                self.types.intern(Ty::Array(e, n))
            }
            Type::Map(k, v) => {
                let k = self.translate(k, pos)?;
                let v = self.translate(v, pos)?;
                self.types.intern(Ty::Map(k, v))
            }
            Type::Chan(dir, e) => {
                let e = self.translate(e, pos)?;
                let d = match dir {
                    ast::ChanDir::Both => 0,
                    ast::ChanDir::Recv => 1,
                    ast::ChanDir::Send => 2,
                };
                self.types.intern(Ty::Chan(d, e))
            }
            Type::Struct(fields) => {
                let mut fs = Vec::with_capacity(fields.len());
                for f in fields {
                    let typ = self.translate(f.typ, pos)?;
                    fs.push(FieldT { name: f.name, typ, embedded: f.embedded, tag: f.tag, pkg: f.pkg });
                }
                self.types.intern(Ty::Struct(fs))
            }
            Type::Func(s) => self.translate_sig(&s, pos)?,
            Type::Tuple(ts) => {
                let ts = ts.iter().map(|&t| self.translate(t, pos)).collect::<Result<Vec<_>>>()?;
                self.types.intern(Ty::Tuple(ts))
            }
            Type::Interface(_) => {
                let set = w.type_set(t);
                if !set.is_basic() {
                    return Err(internal(pos, "a constraint interface as a type"));
                }
                let mut ms = Vec::with_capacity(set.methods.len());
                for m in &set.methods {
                    let sig = self.translate(m.sig, pos)?;
                    ms.push(IMethod { name: m.name.clone(), sig });
                }
                ms.sort_by(|a, b| a.name.cmp(&b.name));
                self.types.intern(Ty::Interface(ms))
            }
            Type::Named(_) => self.translate_named(t, pos)?,
            Type::TypeParam(_) => {
                let p = w.types.type_param_id(t);
                match self.generics.bind.params.iter().rev().find(|(q, _)| *q == p) {
                    Some(&(_, t)) => t,
                    None => return Err(internal(pos, "unbound type parameter")),
                }
            }
            Type::Union(_) | Type::Invalid => return Err(internal(pos, "an invalid type")),
        })
    }

    fn translate_sig(&mut self, s: &checked::ty::Sig, pos: &Pos) -> Result<TypeId> {
        let params = s.params.iter().map(|&t| self.translate(t, pos)).collect::<Result<Vec<_>>>()?;
        let results = s.results.iter().map(|&t| self.translate(t, pos)).collect::<Result<Vec<_>>>()?;
        Ok(self.types.intern(Ty::Func(Sig { params, results, variadic: s.variadic })))
    }

    /// A defined type: an instance (made here), one of the program's own
    /// (made when its declaration was lowered), `error`, or a type of an
    /// imported package.
    fn translate_named(&mut self, t: checked::ty::TypeId, pos: &Pos) -> Result<TypeId> {
        let w = self.world;
        let Some(n) = w.types.named(t) else { return Err(internal(pos, "not a defined type")) };
        let obj = w.obj(n.obj);
        let Some(pkg) = obj.pkg else { return Ok(self.types.error) };
        let path = w.pkg(pkg).path.as_str();
        let own = self.packages[self.cur].path == path;
        if let Some(origin) = n.origin {
            let origin_obj = w.types.named[origin.0 as usize].obj;
            if let Some(spec) = self.generics.local_generic.get(&origin_obj).cloned() {
                let targs = n.targs.clone();
                let targs = targs.iter().map(|&a| self.translate(a, pos)).collect::<Result<Vec<_>>>()?;
                return self.local_type_instance(origin_obj, &spec, targs, pos);
            }
            let name = &w.obj(origin_obj).name;
            // Declared in this package or in another the build compiles
            // from source (`atomic.Pointer[T]`).
            let decl = match self.pkg_names.get(&Self::key_in(path, name)) {
                Some(&i) if own || self.from_source(path) => i,
                _ => return Err(Diag::new(pos, format!("rgo does not support the generic type {}.{name} of package {path} yet", w.pkg(pkg).name))),
            };
            let targs = n.targs.clone();
            let targs = targs.iter().map(|&a| self.translate(a, pos)).collect::<Result<Vec<_>>>()?;
            return self.type_instance(decl, targs, pos);
        }
        if let Some(&t) = self.generics.named.get(&n.obj) {
            return Ok(t);
        }
        let name = obj.name.clone();
        if own {
            if let Some(&i) = self.pkg_names.get(&self.key(&name)) {
                if let PkgObj::Type(t) = self.resolve_decl(i)? {
                    return Ok(t);
                }
            }
            return Err(internal(pos, "a defined type the lowering has not made"));
        }
        // A type of another package, which the program need not import
        // (`flag.Duration` gives a `*time.Duration`).
        let Some(path) = self.known_package(path) else {
            return Err(Diag::new(pos, format!("rgo does not support package {path:?} yet")));
        };
        let v = self.member_of(path, &ast::Ident { name: name.clone(), pos: pos.clone(), id: ast::SYNTHETIC })?;
        match v.kind {
            super::expr::VK::Type => Ok(v.ty),
            _ => Err(internal(pos, "an imported type that is not a type")),
        }
    }
}

impl Checker<'_> {
    /// Whether the type declared by `name` is an interface that only
    /// constraints may use (with type terms, or `comparable`).
    pub(super) fn is_constraint(&self, name: &ast::Ident) -> bool {
        let Some(f) = self.pkg_facts() else { return false };
        let Some(&obj) = f.info.defs.get(name.id) else { return false };
        let Some(t) = f.world.obj(obj).typ else { return false };
        matches!(f.world.types.under(t), Type::Interface(_)) && !f.world.type_set(t).is_basic()
    }

    /// Records that the lowering made `t` for the type declared by `name`.
    pub(super) fn made_named(&mut self, name: &ast::Ident, t: TypeId) {
        if let Some(&obj) = self.pkg_facts().and_then(|f| f.info.defs.get(name.id)) {
            self.generics.named.insert(obj, t);
        }
    }
}

impl Checker<'_> {
    /// An instantiation used as an expression: a function instance's
    /// value, or a type (in a conversion or a composite literal).
    pub(super) fn instantiation(&mut self, e: &Expr) -> Result<super::expr::V> {
        use super::expr::{V, VK};
        let facts = self.facts(&e.pos)?;
        if facts.info.types.get(e.id).is_some_and(|tv| tv.mode == checked::Mode::TypeExpr) {
            let ty = self.checked_type(e)?;
            return Ok(V { ty, kind: VK::Type });
        }
        if let Some((pkg, sel)) = qualified_base(e).filter(|(pkg, _)| self.is_package(pkg)) {
            // `pkg.F[int]`: the member is the instance.
            return self.package_member(pkg, sel);
        }
        let Some(id) = base_ident(e) else { return Err(internal(&e.pos, "an instantiation without a name")) };
        match self.lookup(&id.name, &id.pos)? {
            super::expr::Named::Generic(decl) => {
                let f = self.func_instance(decl, id)?;
                Ok(V { ty: f.sig, kind: VK::Func(f.sym) })
            }
            _ => Err(internal(&e.pos, "an instantiation of something not generic")),
        }
    }
}

impl<'a> Checker<'a> {
    /// Attaches the methods of generic types to their declarations: each
    /// instance declares them (`type_instance`), whenever it is made.
    pub(super) fn collect_generic_methods(&mut self) {
        let files = self.files;
        for (fi, f) in files.iter().enumerate() {
            let pkg = self.file_pkg(fi);
            for d in &f.decls {
                let ast::Decl::Func(fd) = d else { continue };
                if !is_generic_method(fd) {
                    continue;
                }
                let Some(base) = receiver_base(fd) else { continue };
                let decl = self.in_pkg(pkg, |c| c.pkg_names.get(&c.key(&base.name)).copied());
                if let Some(decl) = decl {
                    self.generics.methods.entry(decl).or_default().push(fd);
                }
            }
        }
    }
}

impl Checker<'_> {
    /// Records a generic type declared in a function body.
    pub(super) fn local_generic_type(&mut self, spec: &ast::TypeSpec) {
        if let Some(&obj) = self.pkg_facts().and_then(|f| f.info.defs.get(spec.name.id)) {
            self.generics.local_generic.insert(obj, std::rc::Rc::new(spec.clone()));
        }
    }

    /// The instance of a generic type declared in the function being
    /// lowered: resolved in that function's scopes, its type parameters
    /// bound on top of them.
    fn local_type_instance(&mut self, obj: checked::object::ObjId, spec: &ast::TypeSpec, targs: Vec<TypeId>, pos: &Pos) -> Result<TypeId> {
        if let Some(&t) = self.generics.local_types.get(&(obj, targs.clone())) {
            return Ok(t);
        }
        let (t, _) = self.new_type_instance(spec, self.cur, &targs)?;
        self.generics.local_types.insert((obj, targs.clone()), t);
        let mut bind = self.generics.bind.clone();
        let own = self.bindings(&type_param_idents(&spec.type_params), &targs, pos)?;
        bind.names.extend(own.names);
        bind.params.extend(own.params);
        let saved = std::mem::replace(&mut self.generics.bind, bind);
        let r = self.instance_underlying(t, pos, |c| c.resolve_type(&spec.typ));
        self.generics.bind = saved;
        r.map(|()| t)
    }

    /// A new defined type for the instance of `spec` with `targs`, declared
    /// in package `pkg`, named as Go names it; and its symbol.
    fn new_type_instance(&mut self, spec: &ast::TypeSpec, pkg: usize, targs: &[TypeId]) -> Result<(TypeId, String)> {
        if self.generics.type_depth > MAX_INSTANCE_DEPTH {
            return Err(instantiation_cycle(&spec.name));
        }
        let args = self.targ_list(targs);
        let display = format!("{}.{}[{args}]", self.packages[pkg].name(), spec.name.name);
        let sym = self.instance_sym(format!("{}.{}[{args}]", self.packages[pkg].path, spec.name.name));
        Ok((self.types.new_named(&display, &sym), sym))
    }

    /// Sets instance `t`'s underlying type to what `resolve` finds, one
    /// level of instances deeper.
    fn instance_underlying(&mut self, t: TypeId, pos: &Pos, resolve: impl FnOnce(&mut Self) -> Result<TypeId>) -> Result<()> {
        self.generics.type_depth += 1;
        let u = resolve(self);
        self.generics.type_depth -= 1;
        let u = u?;
        if self.types.underlying(u) == t {
            return Err(internal(pos, "recursive instance"));
        }
        self.types.set_underlying(t, u);
        Ok(())
    }
}
