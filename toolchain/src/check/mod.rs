//! Type checking and lowering of Go syntax trees to IR.
//!
//! One pass does both: checking an expression yields its type and, at the
//! same time, the IR that computes it into a frame slot ([`expr`]). Package
//! level declarations are resolved lazily, on first use, so declaration
//! order does not matter (as in Go), and recursive types work because a
//! defined type exists before its underlying type is resolved.

mod call;
pub mod constant;
mod emit;
mod expr;
pub mod float;
pub mod func;
mod stdlib;
mod stmt;
pub mod types;

use crate::diag::{Diag, Pos, Result};
use crate::ir::{self, Program};
use crate::syntax::ast::{self, Expr, ExprKind};
use crate::target::Target;
use constant::Const;
use func::{Fb, Local};
use reflect::abi::{FuncAbi, Receiver};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::rc::Rc;
use types::{Basic, FieldT, IMethod, MethodDecl, Ty, TypeId, Types};

/// Go symbols that assembly files passed to rgo define or reference, by
/// their Go-assembly names (`main.Add`). Those are ABI0 symbols: the checker
/// generates ABI wrappers for them.
#[derive(Clone, Debug, Default)]
pub struct AsmSymbols {
    pub defined: BTreeSet<String>,
    pub referenced: BTreeSet<String>,
}

/// Type-checks the files of package main and lowers them to IR for `target`.
pub fn compile(files: &[ast::File], target: &dyn Target, asm: &AsmSymbols) -> std::result::Result<Program, Diag> {
    if files.is_empty() {
        return Err(Diag::new(&Pos::new("<command-line>".into(), 1, 1), "no Go files"));
    }
    for f in files {
        if f.package.name != "main" {
            return Err(Diag::new(
                &f.package.pos,
                format!("package {}; expected package main (rgo builds commands only)", f.package.name),
            ));
        }
        if let Some(imp) = f.imports.iter().find(|i| !INTRINSIC_PACKAGES.contains(&i.path.as_str())) {
            return Err(Diag::new(&imp.pos, format!("rgo does not support package {:?} yet", imp.path)));
        }
    }
    let mut c = Checker::new(files, target, asm);
    // Packages whose members the compiler knows itself, backed by rt-core.
    for imp in files.iter().flat_map(|f| &f.imports) {
        let path = INTRINSIC_PACKAGES.iter().find(|p| **p == imp.path).copied().unwrap_or("runtime");
        let local = imp.name.as_ref().map(|n| n.name.clone()).unwrap_or_else(|| path.to_string());
        if local != "_" {
            c.imports.insert(local, path);
        }
    }
    c.run()?;
    for f in &mut c.prog.funcs {
        if let ir::FuncKind::Code(body) = &mut f.kind {
            crate::opt::forward_temps(body);
        }
    }
    Ok(c.prog)
}

/// A package-level declaration, before resolution.
#[derive(Clone)]
enum PkgDecl<'a> {
    Type(&'a ast::TypeSpec),
    Const { name: &'a ast::Ident, typ: Option<&'a Expr>, value: Option<&'a Expr>, iota: u32 },
    Var { spec: &'a ast::ValueSpec, index: usize },
    Func(&'a ast::FuncDecl),
}

#[derive(Clone, Debug)]
enum PkgObj {
    Type(TypeId),
    Const(TypeId, Const),
    Var(String, TypeId),
    Func(String),
}

/// A top-level function as callers see it.
#[derive(Clone, Debug)]
pub struct FuncSym {
    /// The ABIInternal symbol callers use.
    pub sym: String,
    pub sig: TypeId,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    Append,
    Cap,
    Close,
    Complex,
    Copy,
    Delete,
    Imag,
    Len,
    Make,
    New,
    Panic,
    Print,
    Println,
    Real,
    Recover,
    /// `runtime.Breakpoint`.
    Breakpoint,
    /// Internal (`$argp()`): the current function's argument pointer, as a
    /// uintptr; used by `defer recover()`.
    ArgP,
    /// Internal (`$recover_at(argp)`): recover on behalf of the function
    /// whose argument pointer is `argp` (gc's ORECOVERFP).
    RecoverAt,
    /// A function of package fmt.
    Fmt(FmtFn),
    /// `errors.New`.
    ErrorsNew,
    /// A function of package strings: an index into [`STRINGS_FNS`].
    Strings(u8),
    /// A function of os, strconv, errors, math, unsafe or runtime.
    Lib(stdlib::LibFn),
}

/// A parameter or result of a package strings function: string, int,
/// bool, `[]string`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StrArg {
    S,
    I,
    B,
    L,
}

/// The functions of package strings rgo provides: name, rt-core entry
/// point, parameters, result. Strings and slices go to rt-core by address.
pub const STRINGS_FNS: &[(&str, &str, &[StrArg], StrArg)] = {
    use StrArg::*;
    &[
        ("Index", "rgo_strings_index", &[S, S], I),
        ("Contains", "rgo_strings_contains", &[S, S], B),
        ("HasPrefix", "rgo_strings_hasprefix", &[S, S], B),
        ("HasSuffix", "rgo_strings_hassuffix", &[S, S], B),
        ("Repeat", "rgo_strings_repeat", &[S, I], S),
        ("ToUpper", "rgo_strings_toupper", &[S], S),
        ("ToLower", "rgo_strings_tolower", &[S], S),
        ("TrimSpace", "rgo_strings_trimspace", &[S], S),
        ("Replace", "rgo_strings_replace", &[S, S, S, I], S),
        // ReplaceAll is Replace with n = -1 (see `strings_call`).
        ("ReplaceAll", "rgo_strings_replace", &[S, S, S], S),
        ("Split", "rgo_strings_split", &[S, S], L),
        ("Fields", "rgo_strings_fields", &[S], L),
        ("Join", "rgo_strings_join", &[L, S], S),
    ]
};

/// The functions of package fmt rgo provides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FmtFn {
    Print,
    Println,
    Printf,
    Sprint,
    Sprintln,
    Sprintf,
    Errorf,
    Fprint,
    Fprintln,
    Fprintf,
}

pub struct Checker<'a> {
    pub target: &'a dyn Target,
    asm: &'a AsmSymbols,
    pub types: Types,
    files: &'a [ast::File],
    decls: Vec<PkgDecl<'a>>,
    pkg_names: HashMap<String, usize>,
    resolved: HashMap<usize, PkgObj>,
    resolving: HashSet<usize>,
    pub funcs: HashMap<String, FuncSym>,
    pub prog: Program,
    /// Function builders: the one being lowered is last; enclosing
    /// functions of a func literal are below it.
    pub fns: Vec<Fb>,
    strings: HashMap<Vec<u8>, String>,
    descs: HashMap<TypeId, String>,
    desc_queue: Vec<TypeId>,
    itabs: HashMap<(TypeId, TypeId), String>,
    emitted: HashSet<String>,
    abis: HashMap<(TypeId, Option<(bool, TypeId)>), Rc<FuncAbi>>,
    iota: Option<i128>,
    next_var: u32,
    /// Method bodies to lower: receiver named index, method index, decl.
    method_decls: Vec<(u32, usize, &'a ast::FuncDecl)>,
    /// The next func literal is the wrapper of a deferred call.
    pub defer_wrapper_next: bool,
    /// Imported packages: local name -> import path (an intrinsic package).
    imports: HashMap<String, &'static str>,
    /// `os.File` and `strings.Builder`, once used.
    os_file: Option<TypeId>,
    builder: Option<TypeId>,
    /// Parameters of top-level functions that never let their value escape.
    noescape: func::NoEscape,
    /// `fmt.Stringer` and `runtime.Error`, once named.
    fmt_stringer: Option<TypeId>,
    runtime_error: Option<TypeId>,
}

/// Packages the compiler provides itself, their members backed by rt-core
/// (`fmt` formats through the type descriptors in Rust).
const INTRINSIC_PACKAGES: &[&str] = &["runtime", "fmt", "errors", "strings", "os", "strconv", "math", "unsafe"];

impl<'a> Checker<'a> {
    fn new(files: &'a [ast::File], target: &'a dyn Target, asm: &'a AsmSymbols) -> Checker<'a> {
        Checker {
            target,
            asm,
            types: Types::new(),
            files,
            decls: vec![],
            pkg_names: HashMap::new(),
            resolved: HashMap::new(),
            resolving: HashSet::new(),
            funcs: HashMap::new(),
            prog: Program::default(),
            fns: vec![],
            strings: HashMap::new(),
            descs: HashMap::new(),
            desc_queue: vec![],
            itabs: HashMap::new(),
            emitted: HashSet::new(),
            abis: HashMap::new(),
            iota: None,
            next_var: 0,
            method_decls: vec![],
            defer_wrapper_next: false,
            imports: HashMap::new(),
            fmt_stringer: None,
            runtime_error: None,
            noescape: func::NoEscape::compute(files),
            os_file: None,
            builder: None,
        }
    }

    pub fn fb(&mut self) -> &mut Fb {
        self.fns.last_mut().expect("a function is being lowered")
    }

    pub fn new_var_id(&mut self) -> u32 {
        self.next_var += 1;
        self.next_var
    }

    fn run(&mut self) -> Result<()> {
        self.collect()?;
        // A scratch builder for package-level constant and type expressions.
        self.fns.push(Fb::new("main"));
        // Resolve every declaration (reports errors in unused ones too).
        for i in 0..self.decls.len() {
            if !matches!(self.decls[i], PkgDecl::Var { .. }) {
                self.resolve_decl(i)?;
            }
        }
        self.declare_methods()?;
        for i in 0..self.decls.len() {
            if matches!(self.decls[i], PkgDecl::Var { .. }) {
                self.resolve_decl(i)?;
            }
        }
        self.fns.pop();
        if !self.pkg_names.contains_key("main") || !matches!(self.resolved.get(&self.pkg_names["main"]), Some(PkgObj::Func(_))) {
            let pos = self.files[0].package.pos.clone();
            return Err(Diag::new(&pos, "function main is undeclared in the main package"));
        }
        // Function bodies.
        let mut inits = vec![];
        for f in self.files {
            for d in &f.decls {
                if let ast::Decl::Func(fd) = d {
                    if fd.recv.is_none() {
                        if fd.name.name == "init" {
                            let sym = format!("main.init.{}", inits.len());
                            inits.push(sym.clone());
                            self.lower_func(fd, &sym, None)?;
                        } else if fd.name.name != "_" {
                            let fs = self.funcs[&fd.name.name].clone();
                            self.lower_top_func(fd, &fs)?;
                        }
                    }
                }
            }
        }
        for (ni, mi, fd) in self.method_decls.clone() {
            let sym = self.method_sym_declared(ni, mi);
            self.lower_func(fd, &sym, Some((ni, mi)))?;
        }
        self.lower_init(&inits)?;
        self.flush_queues()?;
        self.emit_itablinks();
        self.prog.entry = "rgo.main".into();
        Ok(())
    }

    /// Gathers the package scope from every file.
    fn collect(&mut self) -> Result<()> {
        let files = self.files;
        for f in files {
            for d in &f.decls {
                match d {
                    ast::Decl::Func(fd) => {
                        if fd.recv.is_some() {
                            continue;
                        }
                        if fd.name.name == "init" {
                            if !fd.sig.params.is_empty() || !fd.sig.results.is_empty() {
                                return Err(Diag::new(&fd.name.pos, "func init must have no arguments and no return values"));
                            }
                            if fd.body.is_none() {
                                return Err(Diag::new(&fd.name.pos, "missing function body"));
                            }
                            continue;
                        }
                        if fd.name.name == "main" && (!fd.sig.params.is_empty() || !fd.sig.results.is_empty()) {
                            return Err(Diag::new(&fd.name.pos, "func main must have no arguments and no return values"));
                        }
                        self.add_decl(&fd.name, PkgDecl::Func(fd))?;
                    }
                    ast::Decl::Gen(g) => match g {
                        ast::GenDecl::Type(specs) => {
                            for s in specs {
                                self.add_decl(&s.name, PkgDecl::Type(s))?;
                            }
                        }
                        ast::GenDecl::Var(specs) => {
                            for s in specs {
                                for (i, n) in s.names.iter().enumerate() {
                                    self.add_decl(n, PkgDecl::Var { spec: s, index: i })?;
                                }
                            }
                        }
                        ast::GenDecl::Const(specs) => {
                            let mut last: (Option<&Expr>, &[Expr]) = (None, &[]);
                            for s in specs {
                                if !s.values.is_empty() {
                                    last = (s.typ.as_ref(), &s.values);
                                } else if s.typ.is_some() {
                                    return Err(Diag::new(&s.pos, "missing init expr for const declaration"));
                                }
                                for (i, n) in s.names.iter().enumerate() {
                                    let Some(v) = last.1.get(i) else {
                                        return Err(Diag::new(&n.pos, "missing init expr for const declaration"));
                                    };
                                    self.add_decl(n, PkgDecl::Const { name: n, typ: last.0, value: Some(v), iota: s.iota })?;
                                }
                                if last.1.len() > s.names.len() {
                                    return Err(Diag::new(&s.pos, "extra init expr"));
                                }
                            }
                        }
                    },
                }
            }
        }
        Ok(())
    }

    fn add_decl(&mut self, name: &ast::Ident, d: PkgDecl<'a>) -> Result<()> {
        if name.name == "_" {
            // Still checked, never referenced.
            self.decls.push(d);
            return Ok(());
        }
        if self.pkg_names.contains_key(&name.name) {
            return Err(Diag::new(&name.pos, format!("{} redeclared in this block", name.name)));
        }
        self.pkg_names.insert(name.name.clone(), self.decls.len());
        self.decls.push(d);
        Ok(())
    }

    fn resolve_decl(&mut self, i: usize) -> Result<PkgObj> {
        if let Some(o) = self.resolved.get(&i) {
            return Ok(o.clone());
        }
        let d = self.decls[i].clone();
        if self.resolving.contains(&i) {
            let (pos, name) = match &d {
                PkgDecl::Type(s) => (s.name.pos.clone(), s.name.name.clone()),
                PkgDecl::Const { name, .. } => (name.pos.clone(), name.name.clone()),
                PkgDecl::Var { spec, index } => (spec.names[*index].pos.clone(), spec.names[*index].name.clone()),
                PkgDecl::Func(f) => (f.name.pos.clone(), f.name.name.clone()),
            };
            return Err(Diag::new(&pos, format!("initialization cycle or invalid recursive type {name}")));
        }
        self.resolving.insert(i);
        let obj = match d {
            PkgDecl::Type(spec) => {
                if spec.alias {
                    let t = self.resolve_type(&spec.typ)?;
                    PkgObj::Type(t)
                } else {
                    let t = self.types.new_named(&format!("main.{}", spec.name.name), &format!("main.{}", spec.name.name));
                    // Recursive references find the named type already.
                    self.resolved.insert(i, PkgObj::Type(t));
                    let u = self.resolve_type(&spec.typ)?;
                    if self.types.underlying(u) == t || matches!(self.types.ty(self.types.underlying(u)), Ty::Named(_)) {
                        return Err(Diag::new(&spec.name.pos, format!("invalid recursive type {}", spec.name.name)));
                    }
                    self.types.set_underlying(t, u);
                    self.check_type_size(t, &spec.name.pos)?;
                    PkgObj::Type(t)
                }
            }
            PkgDecl::Const { typ, value, iota, .. } => {
                let (t, v) = self.const_decl(typ, value.expect("const value"), iota)?;
                PkgObj::Const(t, v)
            }
            PkgDecl::Var { spec, index } => {
                let name = &spec.names[index];
                let t = if let Some(te) = &spec.typ {
                    self.resolve_type(te)?
                } else if spec.values.len() == spec.names.len() {
                    let t = self.probe_type(&spec.values[index])?;
                    self.default_type(t, &spec.values[index].pos)?
                } else if spec.values.len() == 1 {
                    let t = self.probe_type(&spec.values[0])?;
                    match self.types.ty(t).clone() {
                        Ty::Tuple(ts) if ts.len() == spec.names.len() => ts[index],
                        _ => {
                            return Err(Diag::new(
                                &name.pos,
                                format!("assignment mismatch: {} variables but 1 value", spec.names.len()),
                            ))
                        }
                    }
                } else {
                    return Err(Diag::new(
                        &name.pos,
                        format!("assignment mismatch: {} variables but {} values", spec.names.len(), spec.values.len()),
                    ));
                };
                let sym = if name.name == "_" { format!("main._.{i}") } else { format!("main.{}", name.name) };
                let (size, align) = self.types.layout(t);
                self.prog.data.push(ir::Data {
                    sym: sym.clone(),
                    align: align as u32,
                    size: size as u32,
                    init: None,
                    relocs: vec![],
                    readonly: false,
                });
                PkgObj::Var(sym, t)
            }
            PkgDecl::Func(fd) => {
                let sig = self.resolve_sig(&fd.sig, None)?;
                let name = &fd.name.name;
                let asm_name = format!("main.{name}");
                let sym = if fd.body.is_none() {
                    if !self.asm.defined.contains(&asm_name) {
                        return Err(Diag::new(&fd.name.pos, "missing function body"));
                    }
                    // Go callers reach the ABI0 assembly through a wrapper.
                    let wsym = format!("{asm_name}.abiinternal");
                    let abi = self.abi_of(sig, None);
                    self.prog.funcs.push(ir::Func {
                        sym: wsym.clone(),
                        abi,
                        kind: ir::FuncKind::ToAbi0 { target: asm_name.clone() },
                        pos: Some(fd.name.pos.clone()),
                    });
                    wsym
                } else if self.asm.referenced.contains(&asm_name) {
                    // Assembly calls this Go function by its ABI0 name.
                    let isym = format!("{asm_name}.abiinternal");
                    let abi = self.abi_of(sig, None);
                    self.prog.funcs.push(ir::Func {
                        sym: asm_name.clone(),
                        abi,
                        kind: ir::FuncKind::FromAbi0 { target: isym.clone() },
                        pos: Some(fd.name.pos.clone()),
                    });
                    isym
                } else {
                    asm_name
                };
                self.funcs.insert(name.clone(), FuncSym { sym, sig });
                PkgObj::Func(name.clone())
            }
        };
        self.resolving.remove(&i);
        self.resolved.insert(i, obj.clone());
        Ok(obj)
    }

    fn check_type_size(&mut self, t: TypeId, pos: &Pos) -> Result<()> {
        let s = self.types.size(t);
        if s >= 1 << 40 {
            return Err(Diag::new(pos, format!("type {} too large", self.types.name(t))));
        }
        Ok(())
    }

    /// Checks `e` by lowering it into a scratch builder whose code is thrown
    /// away (with the func literals it lowered): for an expression's type or
    /// kind before its real lowering. Scopes of the enclosing functions stay
    /// visible through `lookup`.
    pub(super) fn probe(&mut self, e: &Expr) -> Result<expr::V> {
        self.fns.push(Fb::new("main.probe"));
        let r = self.expr(e, None);
        self.fns.pop();
        self.drop_probe_funcs();
        r
    }

    /// The type of an expression, without keeping its code.
    fn probe_type(&mut self, e: &Expr) -> Result<TypeId> {
        Ok(self.probe(e)?.ty)
    }

    /// Func literals lowered while probing an expression's type are
    /// lowered again for real later; drop the probe's copies.
    fn drop_probe_funcs(&mut self) {
        self.prog.funcs.retain(|f| !f.sym.starts_with("main.probe"));
        self.prog.data.retain(|d| !d.sym.starts_with("main.probe"));
        self.emitted.retain(|s| !s.starts_with("main.probe"));
    }

    fn const_decl(&mut self, typ: Option<&Expr>, value: &Expr, iota: u32) -> Result<(TypeId, Const)> {
        let saved = self.iota.replace(iota as i128);
        self.fns.push(Fb::new("main.const"));
        let r = (|| {
            let want = match typ {
                Some(t) => Some(self.resolve_type(t)?),
                None => None,
            };
            let v = self.expr(value, want)?;
            let expr::VK::Const(c) = v.kind.clone() else {
                return Err(Diag::new(&value.pos, format!("{} is not constant", self.describe_expr(value))));
            };
            match want {
                Some(t) => {
                    if self.types.basic(t).is_none() {
                        return Err(Diag::new(&value.pos, format!("invalid constant type {}", self.types.name(t))));
                    }
                    let c = self.convert_const(&c, t, &value.pos)?;
                    Ok((t, c))
                }
                None => Ok((v.ty, c)),
            }
        })();
        self.fns.pop();
        self.iota = saved;
        r
    }

    /// Attaches methods to their receiver types.
    fn declare_methods(&mut self) -> Result<()> {
        let files = self.files;
        for f in files {
            for d in &f.decls {
                let ast::Decl::Func(fd) = d else { continue };
                let Some(recv) = &fd.recv else { continue };
                let (base, ptr) = match &recv.typ.kind {
                    ExprKind::Star(x) => (&**x, true),
                    ExprKind::Paren(x) => match &x.kind {
                        ExprKind::Star(y) => (&**y, true),
                        _ => (&**x, false),
                    },
                    _ => (&recv.typ, false),
                };
                let ExprKind::Ident(id) = &base.kind else {
                    return Err(Diag::new(&recv.typ.pos, "invalid receiver type"));
                };
                let t = self.resolve_type(base)?;
                let Some(ni) = self.types.named_index(t) else {
                    return Err(Diag::new(&id.pos, format!("cannot define new methods on non-local type {}", id.name)));
                };
                if t == self.types.error || matches!(self.types.ty(self.types.underlying(t)), Ty::Pointer(_) | Ty::Interface(_)) {
                    return Err(Diag::new(&id.pos, format!("invalid receiver type {}", id.name)));
                }
                if fd.body.is_none() {
                    return Err(Diag::new(&fd.name.pos, "missing function body"));
                }
                let sig = self.resolve_sig(&fd.sig, None)?;
                let name = fd.name.name.clone();
                if name == "_" {
                    continue;
                }
                let named = &self.types.named[ni as usize];
                if named.methods.iter().any(|m| m.name == name) {
                    return Err(Diag::new(&fd.name.pos, format!("method {}.{} already declared", id.name, name)));
                }
                if self.types.fields(t).iter().any(|f| f.name == name) {
                    return Err(Diag::new(&fd.name.pos, format!("field and method with the same name {name}")));
                }
                self.types.named[ni as usize].methods.push(MethodDecl { name, ptr_recv: ptr, sig });
                let mi = self.types.named[ni as usize].methods.len() - 1;
                self.method_decls.push((ni, mi, fd));
            }
        }
        Ok(())
    }

    /// Whether `name` is an imported package (not shadowed).
    pub fn is_package(&self, name: &str) -> bool {
        self.imports.contains_key(name) && !self.fns.iter().any(|f| f.lookup(name).is_some()) && !self.pkg_names.contains_key(name)
    }

    /// `pkg.Name` for an imported intrinsic package.
    pub fn package_member(&mut self, pkg: &str, sel: &ast::Ident) -> Result<expr::V> {
        let path = self.imports[pkg];
        let b = |b: Builtin| Ok(expr::V { ty: 0, kind: expr::VK::Builtin(b) });
        match (path, sel.name.as_str()) {
            ("runtime", _) => self.runtime_member(sel),
            ("fmt", "Print") => b(Builtin::Fmt(FmtFn::Print)),
            ("fmt", "Println") => b(Builtin::Fmt(FmtFn::Println)),
            ("fmt", "Printf") => b(Builtin::Fmt(FmtFn::Printf)),
            ("fmt", "Sprint") => b(Builtin::Fmt(FmtFn::Sprint)),
            ("fmt", "Sprintln") => b(Builtin::Fmt(FmtFn::Sprintln)),
            ("fmt", "Sprintf") => b(Builtin::Fmt(FmtFn::Sprintf)),
            ("fmt", "Errorf") => b(Builtin::Fmt(FmtFn::Errorf)),
            ("fmt", "Stringer") => {
                let string = types::basic_id(Basic::String);
                let sig = self.types.func(vec![], vec![string], false);
                let u = self.types.intern(Ty::Interface(vec![IMethod { name: "String".into(), sig }]));
                let t = self.fmt_stringer.get_or_insert_with(|| {
                    let t = self.types.new_named("fmt.Stringer", "fmt.Stringer");
                    self.types.set_underlying(t, u);
                    t
                });
                Ok(expr::V { ty: *t, kind: expr::VK::Type })
            }
            ("errors", "New") => b(Builtin::ErrorsNew),
            ("strings", name) if STRINGS_FNS.iter().any(|f| f.0 == name) => {
                b(Builtin::Strings(STRINGS_FNS.iter().position(|f| f.0 == name).unwrap() as u8))
            }
            ("fmt", "Fprint") => b(Builtin::Fmt(FmtFn::Fprint)),
            ("fmt", "Fprintln") => b(Builtin::Fmt(FmtFn::Fprintln)),
            ("fmt", "Fprintf") => b(Builtin::Fmt(FmtFn::Fprintf)),
            _ => self.stdlib_member(path, sel),
        }
    }

    /// `runtime.Name`.
    pub fn runtime_member(&mut self, sel: &ast::Ident) -> Result<expr::V> {
        let string = types::basic_id(Basic::UntypedString);
        Ok(match sel.name.as_str() {
            "GOARCH" => expr::V { ty: string, kind: expr::VK::Const(Const::String(self.target.goarch().as_bytes().to_vec())) },
            "GOOS" => expr::V { ty: string, kind: expr::VK::Const(Const::String(b"linux".to_vec())) },
            "Compiler" => expr::V { ty: string, kind: expr::VK::Const(Const::String(b"rgo".to_vec())) },
            "Breakpoint" => expr::V { ty: 0, kind: expr::VK::Builtin(Builtin::Breakpoint) },
            "Gosched" => expr::V { ty: 0, kind: expr::VK::Builtin(Builtin::Lib(stdlib::LibFn::RuntimeGosched)) },
            "Error" => {
                // interface { error; RuntimeError() }: what runtime panics satisfy.
                let string = types::basic_id(Basic::String);
                let err_sig = self.types.func(vec![], vec![string], false);
                let rt_sig = self.types.func(vec![], vec![], false);
                let u = self.types.intern(Ty::Interface(vec![
                    IMethod { name: "Error".into(), sig: err_sig },
                    IMethod { name: "RuntimeError".into(), sig: rt_sig },
                ]));
                let t = *self.runtime_error.get_or_insert_with(|| {
                    let t = self.types.new_named("runtime.Error", "runtime.Error");
                    self.types.set_underlying(t, u);
                    t
                });
                expr::V { ty: t, kind: expr::VK::Type }
            }
            _ => return Err(Diag::new(&sel.pos, format!("rgo does not support runtime.{} yet", sel.name))),
        })
    }

    /// Looks a name up: local scopes (innermost function first, capturing
    /// from enclosing functions), then the package, then the universe.
    pub fn lookup(&mut self, name: &str, pos: &Pos) -> Result<expr::Named> {
        let depth = self.fns.len();
        for lvl in (0..depth).rev() {
            if let Some(l) = self.fns[lvl].lookup(name).cloned() {
                return Ok(match l {
                    Local::Var { id, var, ty } => {
                        let var = if lvl + 1 == depth { var } else { self.capture(lvl, depth - 1, id, var) };
                        expr::Named::Var(var, ty)
                    }
                    Local::Const(t, c) => expr::Named::Const(t, c),
                    Local::Type(t) => expr::Named::Type(t),
                });
            }
        }
        if let Some(&i) = self.pkg_names.get(name) {
            return Ok(match self.resolve_decl(i)? {
                PkgObj::Type(t) => expr::Named::Type(t),
                PkgObj::Const(t, c) => expr::Named::Const(t, c),
                PkgObj::Var(sym, t) => expr::Named::Global(sym, t),
                PkgObj::Func(n) => {
                    let f = self.funcs[&n].clone();
                    expr::Named::Func(f.sym, f.sig)
                }
            });
        }
        self.universe(name).ok_or_else(|| Diag::new(pos, format!("undefined: {name}")))
    }

    /// Makes variable `id` (owned by function level `owner`, stored as
    /// `var` there) reachable from function level `at`, through the closure
    /// contexts of every level in between.
    fn capture(&mut self, owner: usize, at: usize, id: u32, var: func::VarRef) -> func::VarRef {
        if at == owner {
            return var;
        }
        if let Some(c) = self.fns[at].captures.iter().find(|c| c.var_id == id) {
            return func::VarRef::Heap(c.slot);
        }
        let outer = self.capture(owner, at - 1, id, var);
        let slot = self.fns[at].slot(8, 8);
        self.fns[at].captures.push(func::Capture { var_id: id, outer, slot });
        func::VarRef::Heap(slot)
    }

    fn universe(&mut self, name: &str) -> Option<expr::Named> {
        use types::basic_id as b;
        Some(match name {
            "bool" => expr::Named::Type(b(Basic::Bool)),
            "int" => expr::Named::Type(b(Basic::Int)),
            "int8" => expr::Named::Type(b(Basic::Int8)),
            "int16" => expr::Named::Type(b(Basic::Int16)),
            "int32" | "rune" => expr::Named::Type(b(Basic::Int32)),
            "int64" => expr::Named::Type(b(Basic::Int64)),
            "uint" => expr::Named::Type(b(Basic::Uint)),
            "uint8" | "byte" => expr::Named::Type(b(Basic::Uint8)),
            "uint16" => expr::Named::Type(b(Basic::Uint16)),
            "uint32" => expr::Named::Type(b(Basic::Uint32)),
            "uint64" => expr::Named::Type(b(Basic::Uint64)),
            "uintptr" => expr::Named::Type(b(Basic::Uintptr)),
            "float32" => expr::Named::Type(b(Basic::Float32)),
            "float64" => expr::Named::Type(b(Basic::Float64)),
            "complex64" => expr::Named::Type(b(Basic::Complex64)),
            "complex128" => expr::Named::Type(b(Basic::Complex128)),
            "string" => expr::Named::Type(b(Basic::String)),
            "error" => expr::Named::Type(self.types.error),
            "any" => expr::Named::Type(self.types.empty_iface),
            "true" => expr::Named::Const(b(Basic::UntypedBool), Const::Bool(true)),
            "false" => expr::Named::Const(b(Basic::UntypedBool), Const::Bool(false)),
            "iota" => expr::Named::Const(b(Basic::UntypedInt), Const::Int(self.iota?)),
            "nil" => expr::Named::Nil,
            "append" => expr::Named::Builtin(Builtin::Append),
            "cap" => expr::Named::Builtin(Builtin::Cap),
            "close" => expr::Named::Builtin(Builtin::Close),
            "complex" => expr::Named::Builtin(Builtin::Complex),
            "copy" => expr::Named::Builtin(Builtin::Copy),
            "delete" => expr::Named::Builtin(Builtin::Delete),
            "imag" => expr::Named::Builtin(Builtin::Imag),
            "len" => expr::Named::Builtin(Builtin::Len),
            "make" => expr::Named::Builtin(Builtin::Make),
            "new" => expr::Named::Builtin(Builtin::New),
            "panic" => expr::Named::Builtin(Builtin::Panic),
            "print" => expr::Named::Builtin(Builtin::Print),
            "println" => expr::Named::Builtin(Builtin::Println),
            "real" => expr::Named::Builtin(Builtin::Real),
            "recover" => expr::Named::Builtin(Builtin::Recover),
            // Names no Go program can spell: the defer lowering's own.
            "$argp" => expr::Named::Builtin(Builtin::ArgP),
            "$recover_at" => expr::Named::Builtin(Builtin::RecoverAt),
            _ => return None,
        })
    }

    /// Resolves a type expression.
    pub fn resolve_type(&mut self, e: &Expr) -> Result<TypeId> {
        match &e.kind {
            ExprKind::Ident(id) => match self.lookup(&id.name, &id.pos)? {
                expr::Named::Type(t) => Ok(t),
                _ => Err(Diag::new(&id.pos, format!("{} is not a type", id.name))),
            },
            ExprKind::Paren(x) => self.resolve_type(x),
            ExprKind::Star(x) => {
                let t = self.resolve_type(x)?;
                Ok(self.types.pointer(t))
            }
            ExprKind::SliceType(x) => {
                let t = self.resolve_type(x)?;
                Ok(self.types.slice(t))
            }
            ExprKind::ArrayType { len: Some(l), elem } => {
                let v = self.expr(l, None)?;
                let n = match &v.kind {
                    expr::VK::Const(c) => c.as_int(),
                    _ => None,
                };
                let Some(n) = n else {
                    return Err(Diag::new(&l.pos, format!("array length {} must be constant", self.describe_expr(l))));
                };
                if n < 0 {
                    return Err(Diag::new(&l.pos, format!("invalid array length {n}")));
                }
                let t = self.resolve_type(elem)?;
                let at = self.types.array(t, n as u64);
                self.check_type_size(at, &e.pos)?;
                Ok(at)
            }
            ExprKind::ArrayType { len: None, .. } => Err(Diag::new(&e.pos, "invalid use of [...] array (outside a composite literal)")),
            ExprKind::MapType { key, value } => {
                let k = self.resolve_type(key)?;
                let v = self.resolve_type(value)?;
                Ok(self.types.intern(Ty::Map(k, v)))
            }
            ExprKind::ChanType { dir, elem } => {
                let t = self.resolve_type(elem)?;
                let d = match dir {
                    ast::ChanDir::Both => 0,
                    ast::ChanDir::Recv => 1,
                    ast::ChanDir::Send => 2,
                };
                Ok(self.types.intern(Ty::Chan(d, t)))
            }
            ExprKind::FuncType(ft) => self.resolve_sig(ft, None),
            ExprKind::StructType(fields) => {
                let mut fs: Vec<FieldT> = vec![];
                for f in fields {
                    let t = self.resolve_type(&f.typ)?;
                    if f.names.is_empty() {
                        let name = embedded_name(&f.typ).ok_or_else(|| Diag::new(&f.pos, "invalid embedded field type"))?;
                        fs.push(FieldT { name, typ: t, embedded: true });
                    } else {
                        for n in &f.names {
                            fs.push(FieldT { name: n.name.clone(), typ: t, embedded: false });
                        }
                    }
                }
                for (i, f) in fs.iter().enumerate() {
                    if f.name != "_" && fs[..i].iter().any(|g| g.name == f.name) {
                        return Err(Diag::new(&e.pos, format!("{} redeclared", f.name)));
                    }
                }
                let t = self.types.intern(Ty::Struct(fs));
                self.check_type_size(t, &e.pos)?;
                Ok(t)
            }
            ExprKind::InterfaceType(elems) => {
                let mut ms: Vec<IMethod> = vec![];
                for el in elems {
                    match el {
                        ast::InterfaceElem::Method { name, sig } => {
                            let s = self.resolve_sig(sig, None)?;
                            if ms.iter().any(|m| m.name == name.name) {
                                return Err(Diag::new(&name.pos, format!("duplicate method {}", name.name)));
                            }
                            ms.push(IMethod { name: name.name.clone(), sig: s });
                        }
                        ast::InterfaceElem::Embed(x) => {
                            let t = self.resolve_type(x)?;
                            if !self.types.is_interface(t) {
                                return Err(Diag::new(&x.pos, "rgo supports only interfaces as embedded interface elements"));
                            }
                            for m in self.types.iface_methods(t).to_vec() {
                                if let Some(old) = ms.iter().find(|o| o.name == m.name) {
                                    if old.sig != m.sig {
                                        return Err(Diag::new(&x.pos, format!("duplicate method {}", m.name)));
                                    }
                                    continue;
                                }
                                ms.push(m);
                            }
                        }
                    }
                }
                ms.sort_by(|a, b| a.name.cmp(&b.name));
                Ok(self.types.intern(Ty::Interface(ms)))
            }
            ExprKind::Selector { x, sel } => {
                if let ExprKind::Ident(p) = &x.kind {
                    if self.is_package(&p.name) {
                        let v = self.package_member(&p.name, sel)?;
                        if let expr::VK::Type = v.kind {
                            return Ok(v.ty);
                        }
                        return Err(Diag::new(&sel.pos, format!("{}.{} is not a type", p.name, sel.name)));
                    }
                }
                Err(Diag::new(&sel.pos, format!("undefined: {}.{}", self.describe_expr(x), sel.name)))
            }
            _ => Err(Diag::new(&e.pos, format!("{} is not a type", self.describe_expr(e)))),
        }
    }

    /// Resolves a signature; `names` collects the parameter names when given.
    pub fn resolve_sig(&mut self, ft: &ast::FuncType, mut names: Option<&mut Vec<(Option<ast::Ident>, TypeId)>>) -> Result<TypeId> {
        let mut params = vec![];
        let mut variadic = false;
        for (i, p) in ft.params.iter().enumerate() {
            let mut t = self.resolve_type(&p.typ)?;
            if p.variadic {
                if i + 1 != ft.params.len() || p.names.len() > 1 {
                    return Err(Diag::new(&p.pos, "can only use ... with final parameter in list"));
                }
                variadic = true;
                t = self.types.slice(t);
            }
            if p.names.is_empty() {
                params.push(t);
                if let Some(n) = names.as_deref_mut() {
                    n.push((None, t));
                }
            }
            for id in &p.names {
                params.push(t);
                if let Some(n) = names.as_deref_mut() {
                    n.push((Some(id.clone()), t));
                }
            }
        }
        let mut results = vec![];
        for p in &ft.results {
            let t = self.resolve_type(&p.typ)?;
            if p.names.is_empty() {
                results.push(t);
            }
            for _ in &p.names {
                results.push(t);
            }
        }
        Ok(self.types.func(params, results, variadic))
    }

    /// The calling convention of signature `sig` with an optional receiver
    /// (`(true, T)`: by type; `(false, T)`: as one interface data word).
    pub fn abi_of(&mut self, sig: TypeId, recv: Option<(bool, TypeId)>) -> Rc<FuncAbi> {
        if let Some(a) = self.abis.get(&(sig, recv)) {
            return a.clone();
        }
        let s = self.types.sig(sig).cloned().expect("a func type");
        let ins: Vec<_> = s.params.iter().map(|&t| self.types.shape(t)).collect();
        let outs: Vec<_> = s.results.iter().map(|&t| self.types.shape(t)).collect();
        let receiver = recv.map(|(by_type, t)| {
            let shape = self.types.shape(t);
            if by_type {
                Receiver::ByType(shape)
            } else {
                Receiver::InterfaceWord(&reflect::types::UNSAFE_POINTER)
            }
        });
        let abi = Rc::new(FuncAbi::from_parts(self.target.arch(), receiver, &ins, &outs).expect("every rgo type has a shape"));
        self.abis.insert((sig, recv), abi.clone());
        abi
    }

    /// How an expression reads in diagnostics (as Go prints it).
    pub fn describe_expr(&self, e: &Expr) -> String {
        crate::syntax::parser::expr_string(e)
    }
}

fn embedded_name(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Ident(i) => Some(i.name.clone()),
        ExprKind::Star(x) | ExprKind::Paren(x) => embedded_name(x),
        ExprKind::Selector { sel, .. } => Some(sel.name.clone()),
        _ => None,
    }
}
