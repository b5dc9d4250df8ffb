//! Package-level declarations: collecting the package's objects from its
//! files, then checking each declaration once, on first use or in source
//! order, whichever comes first (so declaration order does not matter, as
//! in Go).

use super::check::{Checker, Decl, Importer, State};
use super::object::{Method, ObjId, ObjKind, ScopeKind, VarKind};
use super::ty::{Basic, Type, TypeId};
use crate::syntax::ast::{self, Expr, ExprKind};

impl<'a> Checker<'a> {
    /// Declares every package-level object of the files in the package
    /// scope, and every import in its file's scope.
    pub(super) fn collect_objects(&mut self, importer: &mut dyn Importer) {
        let pkg_scope = self.w.pkg(self.pkg).scope;
        let files = self.files;
        for (fi, f) in files.iter().enumerate() {
            let fs = self.w.new_scope(Some(pkg_scope), ScopeKind::File);
            self.file_scopes.push(fs);
            for imp in &f.imports {
                self.import(importer, fs, imp);
            }
            for d in &f.decls {
                match d {
                    ast::Decl::Func(fd) => self.collect_func(fd, fi),
                    ast::Decl::Gen(ast::GenDecl::Type(specs)) => {
                        for s in specs {
                            let obj = self.w.new_obj(&s.name.name, s.name.pos.clone(), Some(self.pkg), ObjKind::TypeName { alias: s.alias }, None);
                            self.collect(&s.name, obj, Decl::Type(s), fi);
                        }
                    }
                    ast::Decl::Gen(ast::GenDecl::Var(specs)) => {
                        for s in specs {
                            for (index, n) in s.names.iter().enumerate() {
                                let obj = self.new_var(n, VarKind::Package, None);
                                self.collect(n, obj, Decl::Var { spec: s, index }, fi);
                            }
                        }
                    }
                    ast::Decl::Gen(ast::GenDecl::Const(specs)) => self.collect_consts(specs, fi),
                }
            }
        }
        // A name may not be both a package-level object and an import of
        // one of the files (reported at the object, as gc does).
        for (fi, f) in files.iter().enumerate() {
            for imp in &f.imports {
                let fs = self.file_scopes[fi];
                let Some(local) = self.import_name(imp) else { continue };
                let (Some(pkgname), Some(obj)) = (self.w.scope(fs).get(&local), self.w.scope(pkg_scope).get(&local)) else { continue };
                let pos = self.w.obj(obj).pos.clone();
                let name = local.rsplit('/').next().unwrap_or(&local).to_string();
                let pkg = imp.path.rsplit('/').next().unwrap_or(&imp.path);
                let other = self.other_declaration(pkgname);
                self.error(&pos, format!("{name} already declared through import of package {pkg} ({:?}){other}", imp.path));
            }
            // Or a member a dot import brought into the file.
            let mut dotted: Vec<(String, ObjId)> = self.w.scope(self.file_scopes[fi]).names().filter(|(_, o)| self.dot_imports.contains_key(&(self.file_scopes[fi], *o))).map(|(n, o)| (n.to_string(), o)).collect();
            dotted.sort();
            for (name, member) in dotted {
                let Some(obj) = self.w.scope(pkg_scope).get(&name) else { continue };
                let pos = self.w.obj(obj).pos.clone();
                let Some(from) = self.w.obj(member).pkg else { continue };
                let (pkg, path) = (self.w.pkg(from).name.clone(), self.w.pkg(from).path.clone());
                self.error(&pos, format!("{name} already declared through dot-import of package {pkg} ({path:?})"));
            }
        }
    }

    /// The name an import declares in its file: its own, or the package's;
    /// `None` for `_` and `.`.
    fn import_name(&self, imp: &ast::Import) -> Option<String> {
        match &imp.name {
            Some(n) if n.name == "_" || n.name == "." => None,
            Some(n) => Some(n.name.clone()),
            None => {
                let p = self.w.package_by_path(&imp.path)?;
                Some(self.w.pkg(p).name.clone())
            }
        }
    }

    fn import(&mut self, importer: &mut dyn Importer, file_scope: super::object::ScopeId, imp: &ast::Import) {
        if imp.path == "C" {
            self.error(&imp.pos, "rgo does not support cgo");
            return;
        }
        let (from, test_main) = match self.w.pkg(self.pkg).path.as_str() {
            "main" => (self.w.main_import_path.as_deref().unwrap_or("main"), self.w.main_is_test),
            p => (p, false),
        };
        // An external test package (`net/http_test`) is in its package's
        // directory, and the go command judges by directory.
        let from = from.strip_suffix("_test").unwrap_or(from);
        if !test_main && !internal_import_allowed(from, &imp.path) {
            // The go command's rule (its message): an `internal` package is
            // for the tree rooted at its parent directory.
            self.error(&imp.pos, format!("use of internal package {} not allowed", imp.path));
            return;
        }
        let pkg = match importer.import(self.w, &imp.path) {
            Ok(p) => p,
            Err(e) => {
                match e {
                    super::ImportError::Message(m) => self.error(&imp.pos, m),
                    super::ImportError::Failed(e) => self.error(&imp.pos, format!("could not import {} ({e})", imp.path)),
                }
                // An empty, incomplete package stands for it: its name
                // resolves, and what is selected from it silently fails.
                let last = imp.path.rsplit('/').next().unwrap_or(&imp.path).to_string();
                self.w.new_package(&imp.path, &last)
            }
        };
        let name = match &imp.name {
            Some(n) if n.name == "_" => return,
            Some(n) => n.name.clone(),
            None => self.w.pkg(pkg).name.clone(),
        };
        let pos = imp.name.as_ref().map_or(imp.pos.clone(), |n| n.pos.clone());
        let pkgname = self.w.new_obj(&name, pos.clone(), Some(self.pkg), ObjKind::PkgName { pkg }, None);
        if name == "." {
            // Every exported member joins the file's scope; the import is
            // used once one of them is.
            let members: Vec<ObjId> = {
                let s = self.w.scope(self.w.pkg(pkg).scope);
                let mut m: Vec<ObjId> = s.names().map(|(_, o)| o).filter(|&o| self.w.obj(o).exported()).collect();
                m.sort();
                m
            };
            for m in members {
                if let Err(alt) = self.w.declare(file_scope, m) {
                    let n = self.w.obj(m).name.clone();
                    let other = self.other_declaration(alt);
                    self.error(&pos, format!("{n} redeclared in this block{other}"));
                }
                self.dot_imports.insert((file_scope, m), pkgname);
            }
            self.imports.push(pkgname);
            return;
        }
        if let Some(n) = &imp.name {
            self.info.defs.insert(n.id, pkgname);
        }
        if let Err(alt) = self.w.declare(file_scope, pkgname) {
            let other = self.other_declaration(alt);
            self.error(&pos, format!("{name} redeclared in this block{other}"));
        }
        self.imports.push(pkgname);
    }

    /// Declares a package-level object with its declaration.
    fn collect(&mut self, id: &ast::Ident, obj: ObjId, decl: Decl<'a>, file: usize) {
        if id.name == "init" {
            self.info.defs.insert(id.id, obj);
            return self.error(&id.pos, "cannot declare init - must be func");
        }
        if id.name == "main" && self.w.pkg(self.pkg).name == "main" && !matches!(decl, Decl::Func(_)) {
            self.error(&id.pos, "cannot declare main - must be func");
        }
        let scope = self.w.pkg(self.pkg).scope;
        self.declare(scope, id, obj);
        self.decls.insert(obj, (decl, file));
        self.order.push(obj);
    }

    fn collect_consts(&mut self, specs: &'a [ast::ConstSpec], file: usize) {
        let mut last: (Option<&'a Expr>, &'a [Expr]) = (None, &[]);
        for s in specs {
            let inherited = s.values.is_empty();
            if !inherited {
                last = (s.typ.as_ref(), &s.values);
            } else if s.typ.is_some() {
                self.error(&s.pos, "missing init expr for const declaration");
            }
            for (i, n) in s.names.iter().enumerate() {
                let value = last.1.get(i);
                if value.is_none() && (!inherited || s.typ.is_none()) {
                    self.error(&n.pos, "missing init expr for const declaration");
                }
                let obj = self.w.new_obj(&n.name, n.pos.clone(), Some(self.pkg), ObjKind::Const { value: None }, None);
                self.collect(n, obj, Decl::Const { typ: last.0, value, iota: s.iota, inherited }, file);
            }
            if !inherited && s.values.len() > s.names.len() {
                self.error(&s.values[s.names.len()].pos, "extra init expr");
            }
        }
    }

    fn collect_func(&mut self, fd: &'a ast::FuncDecl, file: usize) {
        let obj = self.w.new_obj(&fd.name.name, fd.name.pos.clone(), Some(self.pkg), ObjKind::Func { tparams: vec![], method: None }, None);
        if fd.recv.is_some() {
            // Attached to its type once every type is declared.
            self.info.defs.insert(fd.name.id, obj);
            self.decls.insert(obj, (Decl::Func(fd), file));
            self.order.push(obj);
            self.methods.push((fd, obj));
            return;
        }
        let main_pkg = self.w.pkg(self.pkg).name == "main";
        if fd.name.name == "init" || (fd.name.name == "main" && main_pkg) {
            if fd.type_params.is_some() {
                self.error(&fd.name.pos, format!("func {} must have no type parameters", fd.name.name));
            }
            if !fd.sig.params.is_empty() || !fd.sig.results.is_empty() {
                self.error(&fd.name.pos, format!("func {} must have no arguments and no return values", fd.name.name));
            }
        }
        if fd.body.is_none() && fd.name.name == "init" {
            self.error(&fd.name.pos, "missing function body");
        }
        if fd.name.name == "init" || fd.name.name == "_" {
            // Never referred to by name; checked all the same.
            self.info.defs.insert(fd.name.id, obj);
            self.decls.insert(obj, (Decl::Func(fd), file));
            self.order.push(obj);
            return;
        }
        let scope = self.w.pkg(self.pkg).scope;
        self.declare(scope, &fd.name, obj);
        self.decls.insert(obj, (Decl::Func(fd), file));
        self.order.push(obj);
    }

    /// Checks every package-level declaration, in source order, then the
    /// method declarations' receivers, and the types that contain
    /// themselves.
    pub(super) fn package_objects(&mut self) {
        self.attach_methods();
        for obj in self.order.clone() {
            if self.stopped {
                return;
            }
            self.obj_decl(obj);
        }
        self.settle_underlying();
        self.check_valid_types();
        self.run_later();
    }

    /// Checks the declaration of `obj` unless done (nothing for objects
    /// not declared at package level in this package).
    pub(super) fn obj_decl(&mut self, obj: ObjId) {
        match self.state.get(&obj) {
            Some(State::Done) => return,
            Some(State::InProgress) => return self.cycle(obj),
            None => {}
        }
        let Some(&(decl, file)) = self.decls.get(&obj) else { return };
        self.state.insert(obj, State::InProgress);
        self.path.push(obj);
        let saved = (self.scope, self.iota, self.func.take());
        self.scope = self.file_scopes[file];
        self.iota = None;
        match decl {
            Decl::Const { typ, value, iota, inherited } => self.const_decl(obj, typ, value, iota, inherited),
            Decl::Var { spec, index } => self.var_decl(obj, spec, index),
            Decl::Type(spec) => self.type_decl(obj, spec),
            Decl::Func(fd) => self.func_decl(obj, fd),
        }
        (self.scope, self.iota, self.func) = saved;
        self.path.pop();
        self.state.insert(obj, State::Done);
    }

    /// `obj` was met while its own declaration is checked. Through a
    /// defined type that is fine (the type exists before its underlying
    /// type is known); anything else is a cycle, reported as gc does.
    fn cycle(&mut self, obj: ObjId) {
        let o = self.w.obj(obj);
        if matches!(o.kind, ObjKind::TypeName { alias: false }) && o.typ.is_some() {
            return;
        }
        if matches!(o.kind, ObjKind::TypeName { alias: true }) {
            // An alias met again inside a defined type it refers to
            // (`type A = *B; type B struct{ a A }`): the defined type
            // exists already, so the alias can be resolved now, once.
            let start = self.path.iter().position(|&p| p == obj).unwrap_or(0);
            let defined = self.path[start..].iter().copied().find(|&p| matches!(self.w.obj(p).kind, ObjKind::TypeName { alias: false }));
            if let (Some(_), Some(&(Decl::Type(spec), file))) = (defined, self.decls.get(&obj)) {
                if self.eager_aliases.insert(obj) {
                    let saved = std::mem::replace(&mut self.scope, self.file_scopes[file]);
                    let t = self.typ(&spec.typ);
                    self.scope = saved;
                    self.w.obj_mut(obj).typ = Some(t);
                    return;
                }
                let cycle = self.path[start..].to_vec();
                return self.cycle_error(&cycle);
            }
        }
        let start = self.path.iter().position(|&p| p == obj).unwrap_or(0);
        let cycle = self.path[start..].to_vec();
        // Constants and variables only: the initialization order reports
        // the cycle (gc's `initialization loop`); here the value is
        // unknown, silently.
        if !matches!(o.kind, ObjKind::TypeName { .. }) && cycle.iter().all(|&p| matches!(self.w.obj(p).kind, ObjKind::Const { .. } | ObjKind::Var { .. })) {
            return;
        }
        self.cycle_error(&cycle);
    }

    /// The defined types `named`'s declaration leads to through declared
    /// right-hand sides that are defined types, from where they loop.
    pub(super) fn named_cycle(&self, named: TypeId) -> Vec<ObjId> {
        let mut chain: Vec<TypeId> = vec![];
        let mut t = named;
        while !chain.contains(&t) {
            chain.push(t);
            match self.declared_rhs.get(&t) {
                Some(&r) if self.w.types.named(r).is_some() => t = r,
                _ => break,
            }
        }
        let from = chain.iter().position(|&c| c == t).unwrap_or(0);
        chain[from..].iter().filter_map(|&c| self.w.types.named(c).map(|n| n.obj)).collect()
    }

    /// gc's report of a declaration cycle: at the cycle's first object in
    /// the source, then each object on the way round and that one again.
    pub(super) fn cycle_error(&mut self, cycle: &[ObjId]) {
        let Some(i) = (0..cycle.len()).min_by_key(|&i| {
            let p = &self.w.obj(cycle[i]).pos;
            (p.file.clone(), p.line, p.col)
        }) else {
            return;
        };
        let first = self.w.obj(cycle[i]);
        let what = if matches!(first.kind, ObjKind::TypeName { .. }) { "invalid recursive type" } else { "illegal cycle in declaration of" };
        let mut msg = format!("{what} {}", first.name);
        for k in 0..cycle.len() {
            let o = self.w.obj(cycle[(i + k) % cycle.len()]);
            msg += &format!("\n\t{}: {} refers to", o.pos, o.name);
        }
        msg += &format!("\n\t{}: {}", first.pos, first.name);
        let pos = first.pos.clone();
        self.error(&pos, msg);
    }

    /// Where the field `name` of the struct type declared as `t` (a type
    /// of this package) is declared, from its declaration's syntax.
    fn field_position(&self, t: TypeId, name: &str) -> Option<crate::diag::Pos> {
        let obj = self.w.types.named(t)?.obj;
        let (Decl::Type(spec), _) = self.decls.get(&obj)? else { return None };
        let ExprKind::StructType(fields) = &spec.typ.kind else { return None };
        fields.iter().flat_map(|f| &f.names).find(|n| n.name == name).map(|n| n.pos.clone())
    }

    fn const_decl(&mut self, obj: ObjId, typ: Option<&'a Expr>, value: Option<&'a Expr>, iota: u32, inherited: bool) {
        self.iota = Some(iota);
        let t = typ.map(|t| self.typ(t));
        let Some(value) = value else {
            self.w.obj_mut(obj).typ = Some(self.w.invalid);
            return;
        };
        // Errors in a value repeated from an earlier spec are reported at
        // the constant's name.
        let at = inherited.then(|| self.w.obj(obj).pos.clone());
        let (typ, v) = self.const_init(value, t, at.as_ref());
        let o = self.w.obj_mut(obj);
        o.typ = Some(typ);
        o.kind = ObjKind::Const { value: v };
    }

    fn var_decl(&mut self, obj: ObjId, spec: &'a ast::ValueSpec, index: usize) {
        let t = spec.typ.as_ref().map(|t| self.typ(t));
        let names = spec.names.len();
        let values = spec.values.len();
        if values == 0 {
            let t = t.unwrap_or(self.w.invalid);
            self.w.obj_mut(obj).typ = Some(t);
            if let Some(e) = &spec.embed {
                self.embed_var(t, spec, e);
            }
            return;
        }
        if values == names {
            let typ = self.var_init(&spec.values[index], t);
            self.w.obj_mut(obj).typ = Some(typ);
            if index == 0 || values > 1 {
                self.initializers.push(super::Initializer { lhs: vec![obj], rhs: spec.values[index].id });
            }
            return;
        }
        // `var a, b = f()`: one initializer for all names; the first name
        // to be checked checks it for every one.
        let lhs: Vec<ObjId> = spec.names.iter().map(|n| self.info.defs.get(n.id).copied().expect("collected")).collect();
        if values == 1 {
            let types = self.multi_init(&spec.values[0], names, t);
            for (i, &o) in lhs.iter().enumerate() {
                let ti = types.as_ref().map_or(self.w.invalid, |ts| ts[i]);
                self.w.obj_mut(o).typ = Some(ti);
                self.state.insert(o, State::Done);
                // One initializer: every name depends on what it refers to.
                if o != obj {
                    let deps = self.deps.get(&obj).cloned().unwrap_or_default();
                    for d in deps {
                        if self.dep_seen.insert((o, d)) {
                            self.deps.entry(o).or_default().push(d);
                        }
                    }
                }
            }
            self.initializers.push(super::Initializer { lhs, rhs: spec.values[0].id });
            return;
        }
        let at = spec.names.get(values).map_or_else(|| spec.values[names].pos.clone(), |n| n.pos.clone());
        let msg = self.mismatch(&spec.values, names, values);
        self.error(&at, msg);
        for &o in &lhs {
            self.w.obj_mut(o).typ = Some(self.w.invalid);
            self.state.insert(o, State::Done);
        }
    }

    /// A `//go:embed` variable of type `t`: gc's checks of its type (a
    /// string, a byte slice or `embed.FS`) and of the files for the first two
    /// (exactly one).
    fn embed_var(&mut self, t: TypeId, spec: &ast::ValueSpec, e: &ast::Embed) {
        if t == self.w.invalid {
            return;
        }
        let name = &spec.names[0].pos;
        let fs = self.w.types.named(t).is_some_and(|n| {
            let o = self.w.obj(n.obj);
            o.name == "FS" && o.pkg.is_some_and(|p| self.w.pkg(p).path == "embed")
        });
        if fs {
            return;
        }
        let one_file = match self.w.types.under(t) {
            Type::Basic(Basic::String) => true,
            Type::Slice(el) => self.w.types.basic_of(*el) == Some(Basic::Uint8),
            _ => false,
        };
        if !one_file {
            let msg = format!("go:embed cannot apply to var of type {}", self.type_string(t));
            self.error(name, msg);
        } else if e.files.len() > 1 {
            let msg = format!("invalid go:embed: multiple files for type {}", self.type_string(t));
            self.error(name, msg);
        }
    }

    fn type_decl(&mut self, obj: ObjId, spec: &'a ast::TypeSpec) {
        if spec.alias {
            if let Some(tp) = &spec.type_params {
                self.error(&tp.lbrack, "generic type cannot be alias");
            }
            if self.w.obj(obj).typ.is_some() {
                // Resolved already, inside a type it refers to (`cycle`).
                return;
            }
            let t = self.typ(&spec.typ);
            self.w.obj_mut(obj).typ = Some(t);
            return;
        }
        let (named, rhs) = self.defined_type(obj, spec);
        if spec.type_params.is_some() && self.w.types.is_type_param(rhs) {
            self.error(&spec.typ.pos, "cannot use a type parameter as RHS in type declaration");
        }
        self.set_underlying(named, rhs, &spec.name);
        if spec.type_params.is_some() {
            // Instances made while the type was declared (`List[T]` in its
            // own fields) get their underlying types now.
            self.w.expand_instances_of(named);
        }
        // Its methods' signatures now: whoever uses the type next may ask
        // whether it implements an interface.
        let methods = self.w.types.named(named).map(|n| n.methods.clone()).unwrap_or_default();
        for m in methods {
            // (A method whose declaration led here finishes by itself.)
            if self.state.get(&m) != Some(&State::InProgress) {
                self.obj_decl(m);
            }
        }
    }

    /// The defined type `obj` declares (with its methods, collected before)
    /// and the type its declaration names, resolved with its type
    /// parameters in scope: the new type exists before its right-hand side
    /// is resolved, so the declaration may refer to it.
    pub(super) fn defined_type(&mut self, obj: ObjId, spec: &'a ast::TypeSpec) -> (TypeId, TypeId) {
        let named = self.w.types.new_named(obj);
        self.w.obj_mut(obj).typ = Some(named);
        let methods = self.methods_of.remove(&obj).unwrap_or_default();
        self.w.types.named_mut(named).expect("defined").methods = methods;
        let Some(tps) = &spec.type_params else {
            let rhs = self.typ(&spec.typ);
            self.declared_rhs.insert(named, rhs);
            return (named, rhs);
        };
        self.open_scope(ScopeKind::Block);
        let tparams = self.declare_type_params(tps);
        let ids = tparams.iter().map(|&t| self.w.types.type_param_id(t)).collect();
        self.w.types.named_mut(named).expect("defined").tparams = ids;
        let rhs = self.typ(&spec.typ);
        self.declared_rhs.insert(named, rhs);
        self.close_scope();
        (named, rhs)
    }

    /// The underlying type of `named`, declared as `rhs`: `rhs`'s own, now
    /// or, when `rhs` is a defined type still being declared, once it is.
    fn set_underlying(&mut self, named: TypeId, rhs: TypeId, name: &ast::Ident) {
        let u = self.w.types.underlying(rhs);
        if u == named {
            let cycle = self.named_cycle(named);
            return self.cycle_error(&cycle);
        }
        if matches!(self.w.types.get(u), Type::Named(_)) {
            self.pending.push((named, rhs, name.pos.clone()));
            return;
        }
        self.w.types.named_mut(named).expect("defined").underlying = Some(u);
    }

    /// Resolves underlying types left pending on defined types declared in
    /// terms of each other; what is left is a cycle (`type A B; type B A`).
    fn settle_underlying(&mut self) {
        loop {
            let before = self.pending.len();
            let pending = std::mem::take(&mut self.pending);
            for (named, rhs, pos) in pending {
                let u = self.w.types.underlying(rhs);
                if matches!(self.w.types.get(u), Type::Named(_)) {
                    self.pending.push((named, rhs, pos));
                } else {
                    self.w.types.named_mut(named).expect("defined").underlying = Some(u);
                }
            }
            if self.pending.is_empty() || self.pending.len() == before {
                break;
            }
        }
        let mut pending = std::mem::take(&mut self.pending);
        pending.sort_by_key(|p| (p.2.line, p.2.col));
        if let Some(&(named, _, _)) = pending.first() {
            let cycle = self.named_cycle(named);
            self.cycle_error(&cycle);
        }
        let invalid = self.w.invalid;
        for (named, _, _) in pending {
            self.w.types.named_mut(named).expect("defined").underlying = Some(invalid);
        }
    }

    /// Reports defined types of this package that contain themselves by
    /// value (through struct fields and array elements), once per cycle,
    /// at the cycle's first type in source order.
    fn check_valid_types(&mut self) {
        let mut reported = std::collections::HashSet::new();
        for obj in self.order.clone() {
            let o = self.w.obj(obj);
            if !matches!(o.kind, ObjKind::TypeName { alias: false }) {
                continue;
            }
            let Some(t) = o.typ else { continue };
            if !matches!(self.w.types.get(t), Type::Named(_)) || reported.contains(&t) {
                continue;
            }
            if let Some(cycle) = self.report_self_containing(t) {
                reported.extend(cycle);
            }
        }
    }

    /// Reports the defined type `t` when it contains itself by value (or
    /// embeds itself); the types on the way round, when it does.
    pub(super) fn report_self_containing(&mut self, t: TypeId) -> Option<Vec<TypeId>> {
        let cycle = self.self_containing(t)?;
        let objs: Vec<ObjId> = cycle.iter().filter_map(|&t| self.w.types.named(t).map(|n| n.obj)).collect();
        self.cycle_error(&objs);
        Some(cycle)
    }

    /// The defined types on a path from `t` back to itself through what
    /// `t` holds by value, if there is one.
    fn self_containing(&self, t: TypeId) -> Option<Vec<TypeId>> {
        fn walk(c: &Checker, target: TypeId, t: TypeId, path: &mut Vec<TypeId>, seen: &mut std::collections::HashSet<TypeId>) -> bool {
            if matches!(c.w.types.get(t), Type::Named(_)) {
                if t == target && !path.is_empty() {
                    return true;
                }
                if !seen.insert(t) {
                    return false;
                }
                path.push(t);
                // The declared right-hand side, so that the path goes
                // through each type declaration as written.
                let u = c.declared_rhs.get(&t).copied().unwrap_or_else(|| c.w.types.underlying(t));
                if u != t && walk(c, target, u, path, seen) {
                    return true;
                }
                path.pop();
                return false;
            }
            match c.w.types.get(t) {
                Type::Array(e, _) => walk(c, target, *e, path, seen),
                Type::Struct(fields) => fields.iter().any(|f| walk(c, target, f.typ, path, seen)),
                Type::Interface(_) => c.w.types.iface(t).is_some_and(|i| i.embeds.iter().any(|&e| walk(c, target, e, path, seen))),
                _ => false,
            }
        }
        let mut path = vec![];
        let mut seen = std::collections::HashSet::new();
        walk(self, t, t, &mut path, &mut seen).then_some(path)
    }

    /// Declares the type parameters of a list in the current scope, then
    /// resolves their constraints (which may name each other).
    pub(super) fn declare_type_params(&mut self, tps: &'a ast::TypeParams) -> Vec<TypeId> {
        let mut out = vec![];
        for group in &tps.list {
            for n in &group.names {
                let obj = self.w.new_obj(&n.name, n.pos.clone(), Some(self.pkg), ObjKind::TypeName { alias: false }, None);
                let tp = self.w.types.new_type_param(obj, out.len() as u32);
                self.w.obj_mut(obj).typ = Some(tp);
                let scope = self.scope;
                self.declare(scope, n, obj);
                out.push(tp);
            }
        }
        let mut i = 0;
        for group in &tps.list {
            let bound = self.bound(&group.typ);
            for _ in &group.names {
                let Type::TypeParam(p) = *self.w.types.get(out[i]) else { unreachable!("made as a type parameter") };
                self.w.types.tparams[p.0 as usize].constraint = Some(bound);
                i += 1;
            }
        }
        out
    }

    /// Groups method declarations by the defined type their receiver
    /// names (syntactically, before any type is checked), so that a type's
    /// methods are known when its declaration is checked.
    fn attach_methods(&mut self) {
        let pkg_scope = self.w.pkg(self.pkg).scope;
        for (fd, obj) in self.methods.clone() {
            let recv = fd.recv.as_ref().expect("a method");
            let Some(base) = receiver_base(&recv.typ) else { continue };
            let Some(mut tobj) = self.w.scope(pkg_scope).get(&base.name) else { continue };
            // Through aliases to the defined type they name (`type A = T;
            // func (A) m()` is a method of T), as written.
            let mut hops = 0;
            while let (ObjKind::TypeName { alias: true }, Some(&(Decl::Type(spec), _))) = (&self.w.obj(tobj).kind, self.decls.get(&tobj)) {
                let Some(next) = receiver_base(&spec.typ).and_then(|b| self.w.scope(pkg_scope).get(&b.name)) else { break };
                hops += 1;
                if hops > self.decls.len() {
                    break;
                }
                tobj = next;
            }
            if !matches!(self.w.obj(tobj).kind, ObjKind::TypeName { alias: false }) || !self.decls.contains_key(&tobj) {
                continue;
            }
            if fd.name.name == "_" {
                continue;
            }
            let type_name = self.w.obj(tobj).name.clone();
            let list = self.methods_of.entry(tobj).or_default();
            if let Some(&alt) = list.iter().find(|&&m| self.w.objs[m.0 as usize].name == fd.name.name) {
                let other = self.other_declaration(alt);
                let msg = format!("{type_name}.{} redeclared in this block{other}", fd.name.name);
                self.error(&fd.name.pos, msg);
                continue;
            }
            list.push(obj);
        }
    }

    fn func_decl(&mut self, obj: ObjId, fd: &'a ast::FuncDecl) {
        let scope = self.open_scope(ScopeKind::Func);
        let (tparams, method) = match &fd.recv {
            Some(recv) => {
                let m = self.receiver(obj, fd, recv);
                if m.is_none() {
                    // The receiver's type is wrong (reported): its name
                    // still exists in the body, silently invalid.
                    if let Some(n) = recv.names.first() {
                        if self.w.scope(self.scope).get(&n.name).is_none() {
                            let v = self.new_var(n, VarKind::Recv, Some(self.w.invalid));
                            let scope = self.scope;
                            self.declare(scope, n, v);
                        }
                    }
                }
                // A generic type's method has the receiver's type
                // parameters (`receiver` records them on the object).
                let own = match &self.w.obj(obj).kind {
                    ObjKind::Func { tparams, .. } => tparams.clone(),
                    _ => vec![],
                };
                (own, m)
            }
            None => {
                let tps = fd.type_params.as_ref().map(|tps| self.declare_type_params(tps)).unwrap_or_default();
                (tps, None)
            }
        };
        // While its signature is checked the function is done, with an
        // empty signature (types2's): `func f(x f)` is `f (value of type
        // func()) is not a type`, not a cycle.
        let empty = self.w.types.func(vec![], vec![], false);
        self.w.obj_mut(obj).typ = Some(empty);
        let was = self.state.insert(obj, State::Done);
        let sig = self.signature(&fd.sig, None);
        if let Some(was) = was {
            self.state.insert(obj, was);
        }
        self.close_scope();
        let o = self.w.obj_mut(obj);
        o.typ = Some(sig);
        o.kind = ObjKind::Func { tparams, method };
        if fd.body.is_none() && fd.recv.is_some() {
            self.error(&fd.name.pos, "missing function body");
        }
        self.func_scopes.insert(obj, scope);
        self.bodies.push((obj, fd));
    }

    /// Checks a method's receiver, declared in the current (the method's)
    /// scope: a defined type of this package, or a pointer to one, that is
    /// neither a pointer nor an interface; for a generic type, with its type
    /// parameters named again (`func (l *List[T]) ...`).
    fn receiver(&mut self, obj: ObjId, fd: &'a ast::FuncDecl, recv: &'a ast::Param) -> Option<Method> {
        let (base_expr, ptr) = strip_star(&recv.typ);
        let (base_expr, targs): (&Expr, Vec<&'a Expr>) = match &base_expr.kind {
            ExprKind::Index { x, index, .. } => (x, vec![&**index]),
            ExprKind::IndexList { x, indices, .. } => (x, indices.iter().collect()),
            _ => (base_expr, vec![]),
        };
        let base = match &base_expr.kind {
            ExprKind::Ident(base) => base,
            ExprKind::Selector { x, sel } => {
                // A type of another package: its import is used all the same.
                if let ExprKind::Ident(p) = &x.kind {
                    if let Some((o, _)) = self.w.lookup(self.scope, &p.name) {
                        self.w.obj_mut(o).used = true;
                    }
                    self.error(&p.pos, format!("cannot define new methods on non-local type {}.{}", p.name, sel.name));
                    return None;
                }
                self.error(&recv.typ.pos, "invalid receiver type");
                return None;
            }
            _ => {
                self.error(&recv.typ.pos, "invalid receiver type");
                return None;
            }
        };
        let Some((tobj, _)) = self.w.lookup(self.scope, &base.name) else {
            self.error(&base.pos, format!("undefined: {}", base.name));
            return None;
        };
        self.info.uses.insert(base.id, tobj);
        self.obj_decl(tobj);
        let t = self.w.obj(tobj).typ?;
        let local = self.w.obj(tobj).pkg == Some(self.pkg);
        if !matches!(self.w.types.get(t), Type::Named(_)) || !local {
            if !local && matches!(self.w.obj(tobj).kind, ObjKind::TypeName { .. }) {
                self.error(&base.pos, format!("cannot define new methods on non-local type {}", base.name));
            } else {
                self.error(&base.pos, format!("invalid receiver type {}", base.name));
            }
            return None;
        }
        let u = self.w.types.underlying(t);
        if t == self.w.error || matches!(self.w.types.get(u), Type::Pointer(_) | Type::Interface(_)) {
            self.error(&base.pos, format!("invalid receiver type {}", base.name));
            return None;
        }
        let generic: Vec<TypeId> = self.w.types.named(t).expect("defined").tparams.iter().map(|p| self.w.types.tparams[p.0 as usize].id).collect();
        let recv_type = if generic.is_empty() {
            if let Some(first) = targs.first() {
                self.error(&first.pos, format!("{} is not a generic type", base.name));
                return None;
            }
            t
        } else {
            if targs.len() != generic.len() {
                let at = if targs.is_empty() { &base.pos } else { &targs[0].pos };
                self.error(at, format!("got {} type parameter{}, but receiver base type declares {}", targs.len(), plural(targs.len()), generic.len()));
                return None;
            }
            // The receiver's type parameters: new ones, constrained as the
            // type's (substituted), standing for the type's in the body.
            let mut own = vec![];
            for (i, a) in targs.iter().enumerate() {
                let ExprKind::Ident(n) = &a.kind else {
                    self.error(&a.pos, "receiver type parameter must be an identifier");
                    return None;
                };
                let o = self.w.new_obj(&n.name, n.pos.clone(), Some(self.pkg), ObjKind::TypeName { alias: false }, None);
                let tp = self.w.types.new_type_param(o, i as u32);
                self.w.obj_mut(o).typ = Some(tp);
                let scope = self.scope;
                self.declare(scope, n, o);
                own.push(tp);
            }
            for (i, &g) in generic.iter().enumerate() {
                let c = self.w.types.type_param(g).and_then(|p| p.constraint).unwrap_or(self.w.any);
                let c = self.subst_params(c, &generic, &own);
                let Type::TypeParam(p) = *self.w.types.get(own[i]) else { unreachable!("made as a type parameter") };
                self.w.types.tparams[p.0 as usize].constraint = Some(c);
            }
            if let ObjKind::Func { tparams, .. } = &mut self.w.obj_mut(obj).kind {
                tparams.clone_from(&own);
            }
            self.instantiate(t, &own, &base.pos)
        };
        let rt = if ptr { self.w.types.pointer(recv_type) } else { recv_type };
        if let Some(n) = recv.names.first() {
            let v = self.new_var(n, VarKind::Recv, Some(rt));
            let scope = self.scope;
            self.declare(scope, n, v);
        }
        if fd.name.name != "_" {
            let fields = match self.w.types.get(u) {
                Type::Struct(fs) => fs.iter().any(|f| f.name == fd.name.name),
                _ => false,
            };
            if fields {
                let other = self.field_position(recv_type, &fd.name.name).map(|p| format!("\n\t{p}: other declaration of {}", fd.name.name)).unwrap_or_default();
                self.error(&fd.name.pos, format!("field and method with the same name {}{other}", fd.name.name));
            }
        }
        Some(Method { recv: t, ptr_recv: ptr })
    }

    /// Reports imports no file uses, in gc 1.19's words.
    pub(super) fn unused_imports(&mut self) {
        for &p in &self.imports.clone() {
            if self.w.obj(p).used {
                continue;
            }
            let o = self.w.obj(p);
            let ObjKind::PkgName { pkg } = o.kind else { continue };
            let path = self.w.pkg(pkg).path.clone();
            let own = self.w.pkg(pkg).name.clone();
            let pos = o.pos.clone();
            let msg = if o.name != own && o.name != "." {
                format!("imported and not used: {path:?} as {}", o.name)
            } else {
                format!("imported and not used: {path:?}")
            };
            self.error(&pos, msg);
        }
    }
}

/// `T` of a receiver type `T`, `*T`, `(T)`, `T[P]`, `*T[P, Q]`.
fn receiver_base(e: &Expr) -> Option<&ast::Ident> {
    let (e, _) = strip_star(e);
    match &e.kind {
        ExprKind::Ident(id) => Some(id),
        ExprKind::Index { x, .. } | ExprKind::IndexList { x, .. } => match &x.kind {
            ExprKind::Ident(id) => Some(id),
            _ => None,
        },
        _ => None,
    }
}

/// A receiver type without its parentheses and `*` (and whether it had one).
fn strip_star(mut e: &Expr) -> (&Expr, bool) {
    let mut ptr = false;
    loop {
        match &e.kind {
            ExprKind::Paren(x) => e = x,
            ExprKind::Star(x) if !ptr => {
                ptr = true;
                e = x;
            }
            _ => return (e, ptr),
        }
    }
}

pub(super) fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Whether the package `importer` may import `path`: a path with an
/// `internal` element is importable only from the tree rooted at the
/// element's parent, the standard library's for `internal/...` itself.
fn internal_import_allowed(importer: &str, path: &str) -> bool {
    let parent = if path == "internal" || path.starts_with("internal/") {
        ""
    } else if let Some(i) = path.find("/internal/").or_else(|| path.ends_with("/internal").then(|| path.len() - "/internal".len())) {
        &path[..i]
    } else {
        return true;
    };
    if parent.is_empty() {
        // The standard library: paths whose first element has no dot.
        let first = importer.split('/').next().unwrap_or("");
        return importer != "main" && !first.contains('.');
    }
    importer == parent || importer.starts_with(&format!("{parent}/"))
}

#[cfg(test)]
mod tests {
    use super::internal_import_allowed as allowed;

    #[test]
    fn internal_packages_are_for_their_parents_tree() {
        // The standard library's own, for the standard library only.
        assert!(allowed("fmt", "internal/fmtsort"));
        assert!(allowed("crypto/tls", "crypto/internal/boring"));
        assert!(!allowed("main", "internal/abi"));
        assert!(!allowed("example.com/m", "internal/abi"));
        assert!(!allowed("net", "crypto/internal/boring"));
        // A module's, for the tree rooted at the parent directory.
        assert!(allowed("example.com/m", "example.com/m/internal/x"));
        assert!(allowed("example.com/m/a/b", "example.com/m/internal"));
        assert!(!allowed("example.com/mm", "example.com/m/internal/x"));
        assert!(!allowed("example.com/other", "example.com/m/internal/x"));
        // Not an `internal` element.
        assert!(allowed("main", "example.com/internals/x"));
    }
}
