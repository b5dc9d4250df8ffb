//! Type expressions: what a type written in the source denotes.

use super::check::Checker;
use super::object::{ObjKind, VarKind};
use super::ty::{Basic, Field, IMethod, Iface, Term, Type, TypeId};
use super::{Mode, Operand, TypeAndValue};
use crate::diag::Pos;
use crate::syntax::ast::{self, Expr, ExprKind};

impl<'a> Checker<'a> {
    /// The type `e` denotes, recorded as a type expression; the invalid
    /// type after an error. A generic type must be instantiated here.
    pub fn typ(&mut self, e: &'a Expr) -> TypeId {
        let t = crate::stack::grow(|| self.typ_inner(e));
        if self.w.types.named(t).is_none_or(|n| n.tparams.is_empty()) {
            return t;
        }
        let name = self.type_string(t);
        self.error(&e.pos, format!("cannot use generic type {name} without instantiation"));
        self.w.invalid
    }

    /// A type expression that may be a generic type not instantiated (the
    /// operand of an instantiation).
    fn generic_typ(&mut self, e: &'a Expr) -> TypeId {
        crate::stack::grow(|| self.typ_inner(e))
    }

    fn record_type(&mut self, e: &Expr, t: TypeId) -> TypeId {
        self.info.types.insert(e.id, TypeAndValue { mode: Mode::TypeExpr, typ: t, value: None });
        t
    }

    fn typ_inner(&mut self, e: &'a Expr) -> TypeId {
        let t = match &e.kind {
            ExprKind::Ident(id) => self.type_name(e, id),
            ExprKind::Selector { x, sel } => self.qualified_type(x, sel),
            ExprKind::Paren(x) => self.typ_inner(x),
            ExprKind::Star(x) => {
                let elem = self.typ(x);
                if elem == self.w.invalid {
                    elem
                } else {
                    self.w.types.pointer(elem)
                }
            }
            ExprKind::ArrayType { len: Some(len), elem } => {
                let n = self.array_len(len);
                let elem = self.typ(elem);
                match n {
                    Some(n) => self.w.types.intern(Type::Array(elem, n)),
                    None => self.w.invalid,
                }
            }
            ExprKind::ArrayType { len: None, elem } => {
                self.typ(elem);
                self.error(&e.pos, "invalid use of [...] array (outside a composite literal)");
                self.w.invalid
            }
            ExprKind::SliceType(elem) => {
                let elem = self.typ(elem);
                self.w.types.slice(elem)
            }
            ExprKind::MapType { key, value } => {
                let k = self.typ(key);
                let v = self.typ(value);
                self.later_map_key(k, &key.pos);
                self.w.types.intern(Type::Map(k, v))
            }
            ExprKind::ChanType { dir, elem } => {
                let elem = self.typ(elem);
                self.w.types.intern(Type::Chan(*dir, elem))
            }
            ExprKind::FuncType(ft) => {
                self.open_scope(super::object::ScopeKind::Func);
                let t = self.signature(ft, None);
                self.close_scope();
                t
            }
            ExprKind::StructType(fields) => self.struct_type(fields),
            ExprKind::InterfaceType(elems) => self.interface_type(elems),
            ExprKind::Index { x, index, .. } => self.instance_type(x, &[&**index]),
            ExprKind::IndexList { x, indices, .. } => {
                let args: Vec<&'a Expr> = indices.iter().collect();
                self.instance_type(x, &args)
            }
            ExprKind::Tilde(_) | ExprKind::Union(_) => {
                self.error(&e.pos, "cannot use ~ outside of interface or type constraint");
                self.w.invalid
            }
            ExprKind::Bad => self.w.invalid,
            _ => {
                let what = self.expr_string(e);
                self.error(&e.pos, format!("{what} is not a type"));
                self.w.invalid
            }
        };
        self.record_type(e, t)
    }

    /// A type named by an identifier.
    fn type_name(&mut self, e: &'a Expr, id: &ast::Ident) -> TypeId {
        let Some(obj) = self.use_ident(id) else { return self.w.invalid };
        self.obj_decl(obj);
        let o = self.w.obj(obj);
        // A value is described as gc describes operands.
        let mode = match &o.kind {
            ObjKind::TypeName { .. } if o.typ.is_none() && self.local_aliases.contains(&obj) => {
                self.cycle_error(&[obj]);
                return self.w.invalid;
            }
            ObjKind::TypeName { .. } => return o.typ.unwrap_or(self.w.invalid),
            ObjKind::Var { .. } => Some(Mode::Variable),
            ObjKind::Const { .. } => Some(Mode::Constant),
            ObjKind::Func { .. } => Some(Mode::Value),
            _ => None,
        };
        let what = match (mode, o.typ) {
            (Some(mode), Some(typ)) if typ != self.w.invalid => {
                let value = match &o.kind {
                    ObjKind::Const { value } => value.clone(),
                    _ => None,
                };
                self.operand_string(&Operand { mode, typ, value, expr: Some(e) })
            }
            _ => id.name.clone(),
        };
        self.error(&id.pos, format!("{what} is not a type"));
        self.w.invalid
    }

    /// Looks an identifier up from the current scope, records the use and
    /// marks the object used; reports `undefined` when nothing is found.
    pub fn use_ident(&mut self, id: &ast::Ident) -> Option<super::object::ObjId> {
        if id.name == "_" {
            self.error(&id.pos, "cannot use _ as value");
            return None;
        }
        let Some((obj, found_in)) = self.w.lookup(self.scope, &id.name) else {
            self.error(&id.pos, format!("undefined: {}", id.name));
            return None;
        };
        self.info.uses.insert(id.id, obj);
        self.w.obj_mut(obj).used = true;
        // Through a dot import: that import is used. (The member's own
        // flag says nothing of this package: its package's code sets it.)
        if let Some(&dot) = self.dot_imports.get(&(found_in, obj)) {
            self.w.obj_mut(dot).used = true;
        }
        Some(obj)
    }

    /// `pkg.T`.
    fn qualified_type(&mut self, x: &'a Expr, sel: &ast::Ident) -> TypeId {
        let ExprKind::Ident(pid) = &x.kind else {
            let what = self.expr_string(x);
            self.error(&x.pos, format!("{what}.{} is not a type", sel.name));
            return self.w.invalid;
        };
        let Some(obj) = self.use_ident(pid) else { return self.w.invalid };
        let ObjKind::PkgName { pkg } = self.w.obj(obj).kind else {
            self.error(&x.pos, format!("{}.{} is not a type", pid.name, sel.name));
            return self.w.invalid;
        };
        let Some(member) = self.package_member(pkg, sel, &pid.name) else { return self.w.invalid };
        let o = self.w.obj(member);
        match o.kind {
            ObjKind::TypeName { .. } => o.typ.unwrap_or(self.w.invalid),
            _ => {
                self.error(&sel.pos, format!("{}.{} is not a type", pid.name, sel.name));
                self.w.invalid
            }
        }
    }

    /// An exported member of an imported package, recorded as used at
    /// `sel`; `undefined: p.x` when there is none.
    pub fn package_member(&mut self, pkg: super::object::PkgId, sel: &ast::Ident, local: &str) -> Option<super::object::ObjId> {
        let scope = self.w.pkg(pkg).scope;
        let found = self.w.scope(scope).get(&sel.name).filter(|&m| self.w.obj(m).exported());
        if found.is_none() && !self.w.pkg(pkg).complete {
            // A package that could not be imported (reported).
            return None;
        }
        let Some(m) = found else {
            // Named by the package's own name, whatever the import calls it.
            let _ = local;
            let name = self.w.pkg(pkg).name.clone();
            if self.w.pkg(pkg).go_api.as_ref().is_some_and(|api| api.contains(&sel.name)) {
                self.error(&sel.pos, format!("rgo does not support {name}.{} yet", sel.name));
            } else {
                self.error(&sel.pos, format!("undefined: {name}.{}", sel.name));
            }
            return None;
        };
        self.info.uses.insert(sel.id, m);
        Some(m)
    }

    /// The length of an array type: a constant representable as an int.
    fn array_len(&mut self, len: &'a Expr) -> Option<u64> {
        let x = self.expr(len);
        if x.mode == Mode::Invalid {
            return None;
        }
        let text = self.expr_string(len);
        let Some(v) = x.value.clone().filter(|_| x.mode == Mode::Constant) else {
            let _ = text;
            let d = self.operand_string(&x);
            self.error(&len.pos, format!("array length {d} must be constant"));
            return None;
        };
        let desc = self.operand_string(&x);
        let Some(n) = v.to_integer() else {
            self.error(&len.pos, format!("array length {desc} must be integer"));
            return None;
        };
        if !(self.w.types.is_untyped(x.typ) || self.w.types.basic_of(x.typ).is_some_and(Basic::is_integer)) {
            self.error(&len.pos, format!("array length {desc} must be integer"));
            return None;
        }
        match n.as_int() {
            Some(n) if n >= 0 && n < i64::MAX as i128 => Some(n as u64),
            _ => {
                self.error(&len.pos, format!("invalid array length {desc}"));
                None
            }
        }
    }

    fn struct_type(&mut self, fields: &'a [ast::Field]) -> TypeId {
        let mut out: Vec<Field> = vec![];
        let mut seen: std::collections::HashMap<String, Pos> = std::collections::HashMap::new();
        let path = self.path().to_string();
        for f in fields {
            let t = self.typ(&f.typ);
            let tag = f.tag.clone().unwrap_or_default();
            if f.names.is_empty() {
                let Some(name) = embedded_name(&f.typ) else {
                    self.error(&f.typ.pos, "invalid embedded field type");
                    continue;
                };
                self.later_embedded(t, &f.typ);
                let pos = f.typ.pos.clone();
                self.add_field(&mut out, &mut seen, &name, &pos, t, true, tag, &path);
                continue;
            }
            for n in &f.names {
                let v = self.w.new_obj(&n.name, n.pos.clone(), Some(self.pkg), ObjKind::Var { kind: VarKind::Local }, Some(t));
                self.info.defs.insert(n.id, v);
                self.add_field(&mut out, &mut seen, &n.name, &n.pos, t, false, tag.clone(), &path);
            }
        }
        self.w.types.intern(Type::Struct(out))
    }

    #[allow(clippy::too_many_arguments)]
    fn add_field(
        &mut self,
        out: &mut Vec<Field>,
        seen: &mut std::collections::HashMap<String, Pos>,
        name: &str,
        pos: &Pos,
        typ: TypeId,
        embedded: bool,
        tag: String,
        path: &str,
    ) {
        if name != "_" {
            if let Some(first) = seen.get(name) {
                self.error(pos, format!("{name} redeclared\n\t{first}: other declaration of {name}"));
                return;
            }
            seen.insert(name.to_string(), pos.clone());
        }
        let pkg = if ast::is_exported(name) { String::new() } else { path.to_string() };
        out.push(Field { name: name.to_string(), typ, embedded, tag, pkg });
    }

    fn interface_type(&mut self, elems: &'a [ast::InterfaceElem]) -> TypeId {
        let mut iface = Iface::default();
        let path = self.path().to_string();
        let mut seen = std::collections::HashSet::new();
        for el in elems {
            match el {
                ast::InterfaceElem::Method { name, sig } => {
                    self.open_scope(super::object::ScopeKind::Func);
                    let t = self.signature(sig, None);
                    self.close_scope();
                    if name.name == "_" {
                        self.error(&name.pos, "methods must have a unique non-blank name");
                        continue;
                    }
                    if !seen.insert(name.name.clone()) {
                        self.error(&name.pos, format!("duplicate method {}", name.name));
                        continue;
                    }
                    let m = self.w.new_obj(&name.name, name.pos.clone(), Some(self.pkg), ObjKind::Func { tparams: vec![], method: None }, Some(t));
                    self.info.defs.insert(name.id, m);
                    let pkg = if ast::is_exported(&name.name) { String::new() } else { path.clone() };
                    iface.methods.push(IMethod { name: name.name.clone(), pkg, sig: t, obj: m });
                }
                ast::InterfaceElem::Embed(e) => {
                    let t = self.type_term_list(e);
                    iface.embeds.push(t);
                }
            }
        }
        let t = self.w.types.new_interface(iface);
        for m in self.w.types.iface(t).expect("an interface").methods.clone() {
            if let ObjKind::Func { method, .. } = &mut self.w.obj_mut(m.obj).kind {
                *method = Some(super::object::Method { recv: t, ptr_recv: false });
            }
        }
        t
    }

    /// An embedded element of an interface: a type (an interface embeds its
    /// methods and type set), `~T`, or a union of those.
    fn type_term_list(&mut self, e: &'a Expr) -> TypeId {
        match &e.kind {
            ExprKind::Union(terms) => {
                let mut out = vec![];
                for term in terms {
                    if let Some(t) = self.type_term(term, terms.len() > 1) {
                        out.push(t);
                    }
                }
                let t = self.w.types.intern(Type::Union(out));
                self.record_type(e, t)
            }
            ExprKind::Tilde(_) => match self.type_term(e, false) {
                Some(term) => {
                    let t = self.w.types.intern(Type::Union(vec![term]));
                    self.record_type(e, t)
                }
                None => self.w.invalid,
            },
            _ => self.typ(e),
        }
    }

    /// One term of a union: `T` or `~T` (in a union of several terms, not
    /// an interface with methods, and `~T` only of a type that is its own
    /// underlying type).
    fn type_term(&mut self, e: &'a Expr, in_union: bool) -> Option<Term> {
        let (tilde, x) = match &e.kind {
            ExprKind::Tilde(x) => (true, &**x),
            _ => (false, e),
        };
        let t = self.typ(x);
        if t == self.w.invalid {
            return None;
        }
        if tilde && self.w.types.underlying(t) != t {
            let s = self.type_string(t);
            self.error(&e.pos, format!("invalid use of ~ ({s} is not the underlying type of {s})"));
            return None;
        }
        if in_union && self.w.types.is_interface(t) {
            let has_methods = self.w.types.iface(self.w.types.underlying(t)).is_some_and(|i| !i.methods.is_empty());
            if has_methods || t == self.w.comparable {
                let s = self.type_string(t);
                self.error(&x.pos, format!("cannot use {s} in union ({s} contains methods)"));
                return None;
            }
        }
        if in_union && self.w.types.is_type_param(t) {
            self.error(&x.pos, "term cannot be a type parameter");
            return None;
        }
        Some(Term { tilde, typ: t })
    }

    /// The constraint of a type parameter: an interface, written as one or
    /// (in place) as a type, `~T` or union, which stands for
    /// `interface{ ... }` of it.
    pub(super) fn bound(&mut self, e: &'a Expr) -> TypeId {
        let t = match &e.kind {
            ExprKind::Union(_) | ExprKind::Tilde(_) => self.type_term_list(e),
            _ => self.generic_typ(e),
        };
        if t == self.w.invalid {
            return self.w.any;
        }
        if self.w.types.is_interface(t) {
            return t;
        }
        if self.w.types.is_type_param(t) {
            self.error(&e.pos, "cannot use a type parameter as constraint");
            return self.w.any;
        }
        self.w.types.new_interface(Iface { embeds: vec![t], implicit: true, ..Iface::default() })
    }

    /// A function's signature; its parameters and results are declared in
    /// the current scope (the function's).
    pub(super) fn signature(&mut self, ft: &'a ast::FuncType, _recv: Option<TypeId>) -> TypeId {
        // The parameters' scope starts at the body: every type of the
        // signature is resolved before any name is declared
        // (`func f(time int64, d time.Duration)` names package time).
        let (params, variadic) = self.param_types(&ft.params, true);
        let (results, _) = self.param_types(&ft.results, false);
        self.declare_params(&ft.params, &params, VarKind::Param);
        self.declare_params(&ft.results, &results, VarKind::Result);
        self.w.types.func(params, results, variadic)
    }

    /// The type of each parameter (one per name, or per group without
    /// names), and whether the last is variadic.
    fn param_types(&mut self, groups: &'a [ast::Param], variadic_ok: bool) -> (Vec<TypeId>, bool) {
        let mut out = vec![];
        let mut variadic = false;
        for (gi, g) in groups.iter().enumerate() {
            let mut t = self.typ(&g.typ);
            if g.variadic {
                if !variadic_ok || gi + 1 != groups.len() || g.names.len() > 1 {
                    self.error(&g.typ.pos, "can only use ... with final parameter in list");
                } else {
                    variadic = true;
                }
                t = self.w.types.slice(t);
            }
            out.extend(std::iter::repeat_n(t, g.names.len().max(1)));
        }
        (out, variadic)
    }

    /// Declares the named parameters of `groups` with their `types`.
    fn declare_params(&mut self, groups: &'a [ast::Param], types: &[TypeId], kind: VarKind) {
        let names = groups.iter().flat_map(|g| g.names.iter());
        for (n, &t) in names.zip(types) {
            let v = self.new_var(n, kind, Some(t));
            let scope = self.scope;
            self.declare(scope, n, v);
        }
    }

    /// `G[A, B]` as a type: the instance of generic type `G`.
    fn instance_type(&mut self, x: &'a Expr, args: &[&'a Expr]) -> TypeId {
        let g = self.generic_typ(x);
        if g == self.w.invalid {
            args.iter().for_each(|a| {
                self.typ(a);
            });
            return g;
        }
        let tparams: Vec<TypeId> = self.w.types.named(g).map(|n| n.tparams.iter().map(|p| self.w.types.tparams[p.0 as usize].id).collect()).unwrap_or_default();
        if tparams.is_empty() {
            // A generic type named in its own type parameter list: its
            // parameters are not known yet.
            let own = self.w.types.named(g).and_then(|n| match self.decls.get(&n.obj) {
                Some((super::check::Decl::Type(spec), _)) if spec.type_params.is_some() => Some(n.obj),
                _ => None,
            });
            if let Some(o) = own {
                self.cycle_error(&[o]);
                return self.w.invalid;
            }
            let s = self.expr_string(x);
            self.error(&x.pos, format!("{s} is not a generic type"));
            return self.w.invalid;
        }
        let targs: Vec<TypeId> = args.iter().map(|a| self.typ(a)).collect();
        if targs.contains(&self.w.invalid) {
            return self.w.invalid;
        }
        if targs.len() != tparams.len() {
            let at = if targs.len() < tparams.len() { &x.pos } else { &args[tparams.len()].pos };
            self.error(at, format!("got {} arguments but {} type parameters", targs.len(), tparams.len()));
            return self.w.invalid;
        }
        let t = self.instantiate(g, &targs, &x.pos);
        self.w.expand_named(t);
        self.verify_instance(g, &targs, args.iter().map(|a| a.pos.clone()).collect());
        t
    }

    /// The type an untyped value gets where no type is asked for.
    pub(super) fn default_type(&self, t: TypeId) -> TypeId {
        self.w.default_type(t)
    }
}

/// The name an embedded field gets from its type: `T`, `*T`, `p.T`, `T[A]`.
fn embedded_name(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Ident(id) => Some(id.name.clone()),
        ExprKind::Star(x) if !matches!(x.kind, ExprKind::Star(_)) => embedded_name(x),
        ExprKind::Selector { sel, .. } => Some(sel.name.clone()),
        ExprKind::Index { x, .. } | ExprKind::IndexList { x, .. } => embedded_name(x),
        ExprKind::Paren(x) => embedded_name(x),
        _ => None,
    }
}
