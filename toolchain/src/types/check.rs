//! The checker of one package: its state, its errors, its entry point.

use super::object::{ObjId, ObjKind, PkgId, ScopeId, ScopeKind, VarKind};
use super::ty::TypeId;
use super::{Info, World};
use crate::diag::{Diag, Pos};
use crate::syntax::ast;
// FxHash: the maps are keyed by small ids and names; SipHash was a tenth of a
// warm build's time (docs/frontend.md, Figures).
use rustc_hash::FxHashMap as HashMap;

/// gc stops after this many errors, with a last `too many errors`.
pub const MAX_ERRORS: usize = 10;

/// Finds an imported package in the world by import path: packages are
/// checked each after those it imports, so an import is a lookup.
pub trait Importer {
    /// The package, or why it cannot be had.
    fn import(&mut self, w: &mut World, path: &str) -> Result<PkgId, ImportError>;
}

/// Why an import failed, and how the importing file reports it.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportError {
    /// The package exists but cannot be had (its errors, a cycle): gc's
    /// `could not import P (why)`.
    Failed(String),
    /// Said as is at the import: the go command's words for a package it
    /// cannot find (`no required module provides package P; …`), or rgo's
    /// for what it lacks.
    Message(String),
}

impl From<String> for ImportError {
    fn from(s: String) -> ImportError {
        ImportError::Failed(s)
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Failed(s) | ImportError::Message(s) => f.write_str(s),
        }
    }
}

/// An importer that finds what is already in the world.
pub struct InWorld;

impl Importer for InWorld {
    fn import(&mut self, w: &mut World, path: &str) -> Result<PkgId, ImportError> {
        w.package_by_path(path).filter(|&p| w.pkg(p).complete).ok_or_else(|| ImportError::Failed(format!("package {path} is not in std")))
    }
}

/// A package-level declaration, as written.
#[derive(Clone, Copy)]
pub(super) enum Decl<'a> {
    /// `typ` and `value` are the spec's own or, when the spec omits them,
    /// the last spec's of the group that had them (`inherited`).
    Const { typ: Option<&'a ast::Expr>, value: Option<&'a ast::Expr>, iota: u32, inherited: bool },
    /// The `index`th name of a spec; with one value per name, `value` is
    /// its own; with one call for all, every name has it.
    Var { spec: &'a ast::ValueSpec, index: usize },
    Type(&'a ast::TypeSpec),
    Func(&'a ast::FuncDecl),
}

/// Where a package-level object's declaration stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum State {
    /// Being checked: meeting it again is a cycle.
    InProgress,
    Done,
}

/// The enclosing function of the code being checked.
#[derive(Clone, Debug)]
pub(super) struct FuncCtx {
    /// Its signature (a `Func` type).
    pub sig: TypeId,
    /// Result variables, when named.
    pub named_results: Vec<ObjId>,
    /// Inside a generic function or a method of a generic type (function
    /// literals included), where gc 1.19 declares no types.
    pub generic: bool,
}

pub struct Checker<'a> {
    pub w: &'a mut World,
    pub info: &'a mut Info,
    pub pkg: PkgId,
    pub(super) files: &'a [ast::File],
    /// Each file's scope (its imports), in file order.
    pub(super) file_scopes: Vec<ScopeId>,
    /// Package-level objects with their declarations and the file each is in.
    pub(super) decls: HashMap<ObjId, (Decl<'a>, usize)>,
    /// Package-level objects in source order (what gets checked, in order).
    pub(super) order: Vec<ObjId>,
    pub(super) state: HashMap<ObjId, State>,
    /// Aliases resolved early, inside a defined type they refer to.
    pub(super) eager_aliases: std::collections::HashSet<ObjId>,
    /// The package-level objects being checked, innermost last: a cycle
    /// is reported along it.
    pub(super) path: Vec<ObjId>,
    /// Method declarations with their objects, to attach to their types.
    pub(super) methods: Vec<(&'a ast::FuncDecl, ObjId)>,
    /// The methods of each defined type of the package, by its type name.
    pub(super) methods_of: HashMap<ObjId, Vec<ObjId>>,
    /// The file-level import objects (package names, dot imports).
    pub(super) imports: Vec<ObjId>,
    /// Objects made visible by a dot import, by the file scope they were
    /// imported into (each file has its own import), with the import's object.
    pub(super) dot_imports: HashMap<(super::object::ScopeId, ObjId), ObjId>,
    /// Defined types whose underlying type waits for another's: the type,
    /// its declared right-hand side, its name's position.
    pub(super) pending: Vec<(TypeId, TypeId, Pos)>,
    /// Each defined type's right-hand side as declared (`B` for `type A B`):
    /// the path a recursive type takes, as gc reports it.
    pub(super) declared_rhs: HashMap<TypeId, TypeId>,
    /// Each function's scope (type parameters, receiver, parameters and
    /// results), in which its body's scope opens.
    pub func_scopes: HashMap<ObjId, ScopeId>,
    /// Function bodies to check once every package-level declaration is.
    pub(super) bodies: Vec<(ObjId, &'a ast::FuncDecl)>,
    /// Checks of types that wait for the package's types to be complete.
    pub(super) later: Vec<super::later::Later>,
    /// The scope names are looked up in.
    pub scope: ScopeId,
    /// The value of `iota` in the constant declaration being checked.
    pub(super) iota: Option<u32>,
    pub(super) func: Option<FuncCtx>,
    /// Variables declared in the function being checked (for `declared
    /// but not used`).
    pub(super) locals: Vec<ObjId>,
    /// The statements `break` and `continue` may leave, innermost last.
    pub(super) breakables: Vec<super::stmt::Breakable>,
    /// Labeled statements seen: the statement's position and its label.
    pub(super) labels_at: Vec<(Pos, String)>,
    /// The statement being checked ends a switch clause that another
    /// follows: `fallthrough` is allowed.
    pub(super) fallthrough_ok: bool,
    /// Local aliases whose right-hand side is being resolved: naming one
    /// there is a cycle (`type T = *T` in a function).
    pub(super) local_aliases: Vec<ObjId>,
    /// A generic function may be named without type arguments here (the
    /// callee of a call, the operand of an instantiation).
    pub(super) allow_generic: bool,
    /// How instantiations pass type parameters on (instantiation cycles).
    pub(super) flows: Vec<super::mono::Flow>,
    /// The package-level constants, variables and functions each of them
    /// refers to (in its initializer or body), in the order met.
    pub(super) deps: HashMap<ObjId, Vec<ObjId>>,
    pub(super) dep_seen: std::collections::HashSet<(ObjId, ObjId)>,
    /// The function whose body is being checked.
    pub(super) body_owner: Option<ObjId>,
    /// The package-level variables' initializers, in source order (the
    /// initialization order is worked out from them and `deps`).
    pub(super) initializers: Vec<super::Initializer>,
    errors: Vec<Diag>,
    /// Checking stopped: too many errors, or a feature rgo lacks.
    pub(super) stopped: bool,
    too_many: Option<Pos>,
}

/// Checks package `path` made of `files` into `w`, recording facts in
/// `info`. Imports are found through `importer`. Errors come back as gc
/// reports them: the first [`MAX_ERRORS`] found, sorted by position, and
/// then `too many errors` if more were found.
pub fn check_package(
    w: &mut World,
    info: &mut Info,
    path: &str,
    files: &[ast::File],
    importer: &mut dyn Importer,
) -> Result<PkgId, Vec<Diag>> {
    let Some(first) = files.first() else {
        return Err(vec![Diag::new(&Pos::new("<command-line>".into(), 1, 1), "no Go files")]);
    };
    let name = first.package.name.clone();
    let pkg = w.new_package(path, &name);
    let scope = w.pkg(pkg).scope;
    let mut c = Checker {
        w,
        info,
        pkg,
        files,
        file_scopes: vec![],
        decls: HashMap::default(),
        order: vec![],
        state: HashMap::default(),
        eager_aliases: std::collections::HashSet::new(),
        path: vec![],
        methods: vec![],
        methods_of: HashMap::default(),
        imports: vec![],
        dot_imports: HashMap::default(),
        pending: vec![],
        declared_rhs: HashMap::default(),
        func_scopes: HashMap::default(),
        bodies: vec![],
        later: vec![],
        scope,
        iota: None,
        func: None,
        locals: vec![],
        breakables: vec![],
        labels_at: vec![],
        fallthrough_ok: false,
        local_aliases: vec![],
        allow_generic: false,
        flows: vec![],
        deps: HashMap::default(),
        dep_seen: std::collections::HashSet::new(),
        body_owner: None,
        initializers: vec![],
        errors: vec![],
        stopped: false,
        too_many: None,
    };
    if name == "_" {
        c.error(&first.package.pos, "invalid package name _");
    }
    for f in files {
        // Directives the parser found out of place, with the type errors
        // (as gc's noder reports them).
        for d in &f.errors {
            c.report(d.clone());
        }
        if f.package.name != name {
            c.error(&f.package.pos, format!("package {}; expected package {name}", f.package.name));
        }
    }
    if !c.stopped {
        c.collect_objects(importer);
    }
    if !c.stopped {
        c.package_objects();
    }
    if !c.stopped {
        c.func_bodies();
        c.check_flows();
    }
    if !c.stopped {
        c.init_order();
    }
    if !c.stopped {
        c.unused_imports();
    }
    c.w.pkgs[pkg.0 as usize].complete = true;
    c.finish().map(|()| pkg)
}

impl<'a> Checker<'a> {
    /// Reports an error at `pos`.
    pub fn error(&mut self, pos: &Pos, msg: impl Into<String>) {
        self.report(Diag::new(pos, msg));
    }

    /// Records `d`, unless checking has stopped. A `rgo does not support`
    /// error stops checking: the program is beyond what rgo builds.
    pub fn report(&mut self, d: Diag) {
        if self.stopped || d.msg.is_empty() {
            return;
        }
        // gc's (types2's) rule: after a first error, a message that
        // mentions an invalid operand or type past its start is taken for
        // a follow-on error and dropped.
        let inside = |s: &str| d.msg.find(s).is_some_and(|i| i > 0);
        if !self.errors.is_empty() && (inside("invalid operand") || inside("invalid type")) {
            return;
        }
        if self.errors.len() == MAX_ERRORS {
            // gc says so where the last error it reports is.
            self.too_many = self.errors.last().map(|e| e.pos.clone());
            self.stopped = true;
            return;
        }
        if d.msg.starts_with("rgo does not support") {
            self.stopped = true;
        }
        self.errors.push(d);
    }

    fn finish(mut self) -> Result<(), Vec<Diag>> {
        if self.errors.is_empty() {
            return Ok(());
        }
        let mut errors = std::mem::take(&mut self.errors);
        errors.sort_by(|a, b| (&a.pos.file, a.pos.line, a.pos.col).cmp(&(&b.pos.file, b.pos.line, b.pos.col)));
        if let Some(pos) = self.too_many {
            errors.push(Diag::new(&pos, "too many errors"));
        }
        Err(errors)
    }

    /// How many errors are reported so far.
    pub(super) fn errors_len(&self) -> usize {
        self.errors.len()
    }

    /// Moves the errors reported since there were `before` of them to
    /// `at`, when given (errors in a constant's value repeated from an
    /// earlier spec belong to the constant, as gc reports them).
    pub(super) fn move_errors_to(&mut self, before: usize, at: Option<&Pos>) {
        if let Some(at) = at {
            for d in &mut self.errors[before..] {
                d.pos = at.clone();
            }
        }
    }

    /// Drops the errors reported since there were `before` of them (a
    /// check made only for its answer).
    pub(super) fn truncate_errors(&mut self, before: usize) {
        self.errors.truncate(before);
    }

    /// A new scope inside the current one, made current.
    pub(super) fn open_scope(&mut self, kind: ScopeKind) -> ScopeId {
        let s = self.w.new_scope(Some(self.scope), kind);
        self.scope = s;
        s
    }

    /// Back to the scope enclosing the current one.
    pub(super) fn close_scope(&mut self) {
        self.scope = self.w.scope(self.scope).parent.expect("a closed scope has a parent");
    }

    /// Declares `obj` in `scope`, or reports gc's redeclaration error at
    /// `id` (`_` is never declared). Records the definition either way.
    pub(super) fn declare(&mut self, scope: ScopeId, id: &ast::Ident, obj: ObjId) {
        self.info.defs.insert(id.id, obj);
        if id.name == "_" {
            return;
        }
        if let Err(alt) = self.w.declare(scope, obj) {
            // Not in any scope: never reported unused (gc looks in scopes).
            self.w.obj_mut(obj).used = true;
            let other = self.other_declaration(alt);
            self.error(&id.pos, format!("{} redeclared in this block{other}", id.name));
        }
    }

    /// gc's second line of a redeclaration error: where `alt`, the object
    /// already declared, is (nothing for the universe's, which have no
    /// position).
    pub(super) fn other_declaration(&self, alt: ObjId) -> String {
        let o = self.w.obj(alt);
        if o.pkg.is_none() || o.pos.line == 0 {
            return String::new();
        }
        format!("\n\t{}: other declaration of {}", o.pos, o.name)
    }

    /// Notes that the declaration being checked (a package-level object's,
    /// or the body of the function `body_owner`) refers to `obj`, when
    /// `obj` is a constant, variable or function of this package.
    pub(super) fn add_dep(&mut self, obj: ObjId) {
        if !self.decls.contains_key(&obj) || !matches!(self.w.obj(obj).kind, ObjKind::Const { .. } | ObjKind::Var { .. } | ObjKind::Func { .. }) {
            return;
        }
        let Some(owner) = self.path.last().copied().or(self.body_owner) else { return };
        if self.dep_seen.insert((owner, obj)) {
            self.deps.entry(owner).or_default().push(obj);
        }
    }

    /// A new variable object (not yet declared in any scope).
    pub(super) fn new_var(&mut self, id: &ast::Ident, kind: VarKind, typ: Option<TypeId>) -> ObjId {
        self.w.new_obj(&id.name, id.pos.clone(), Some(self.pkg), ObjKind::Var { kind }, typ)
    }

    /// The import path of the package being checked.
    pub fn path(&self) -> &str {
        &self.w.pkg(self.pkg).path
    }
}
