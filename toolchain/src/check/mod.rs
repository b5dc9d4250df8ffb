//! Type checking and lowering of Go syntax trees to IR.
//!
//! One pass does both: checking an expression yields its type and, at the
//! same time, the IR that computes it into a frame slot ([`expr`]). Package
//! level declarations are resolved lazily, on first use, so declaration
//! order does not matter (as in Go), and recursive types work because a
//! defined type exists before its underlying type is resolved.

pub mod bignum;
mod bounds;
mod call;
mod captures;
pub mod constant;
mod emit;
mod escape;
pub use emit::{ITABLINKS, LIBEXPORTS, TYPELINKS, UNREACHABLE_TYPE};
mod expr;
mod facts;
pub mod float;
pub mod func;
pub mod generic;
mod gonames;
pub mod goroot_bodies;
pub mod library;
mod maps;
pub mod report;
mod result_frame;
pub use result_frame::VARIANT_SUFFIX as RESULT_FRAME_SUFFIX;
mod staticinit;
mod stdlib;
mod stmt;
pub mod types;

use crate::diag::{Diag, Pos, Result};
use crate::ir::{self, Program};
use crate::syntax::ast::{self, Expr, ExprKind};
use crate::isa::Target;
use constant::Const;
use func::{Fb, Local};
use reflect::abi::{FuncAbi, Receiver};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;
use types::{Basic, FieldT, IMethod, MethodDecl, Ty, TypeId, Types};

/// Go symbols that assembly files passed to rgo define or reference, by
/// their Go-assembly names (`main.Add`). Those are ABI0 symbols: the checker
/// generates ABI wrappers for them.
#[derive(Clone, Debug, Default)]
pub struct AsmSymbols {
    pub defined: BTreeSet<String>,
    pub referenced: BTreeSet<String>,
}

/// gc's limit: after this many errors it stops with `too many errors`.
const MAX_ERRORS: usize = 10;

/// The largest data symbol, as gc's linker allows (and rgo's 32-bit data
/// sizes and PC-relative addressing can hold).
const MAX_SYMBOL_SIZE: u64 = 2_000_000_000;

/// What a build makes of the program's files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// An executable: package main with `func main`, entered at `rgo.main`.
    Program,
    /// A library for a host program (`rgo build --lib`, docs/host.md): one
    /// package of any name, `func main` optional and never called, entered
    /// at [`LIBINIT`] (which initializes the package), with its exported
    /// functions listed in [`emit::LIBEXPORTS`] and the host boundary
    /// ([`library::HOST_PACKAGE`]) built in.
    Library,
}

/// The entry of a library ([`Output::Library`]): the collector's tables,
/// the static itabs and type links, then package initialization.
pub const LIBINIT: &str = "rgo.libinit";

/// Type-checks the files of package main, with the library packages they
/// import (`library`), and lowers them to IR for `target`. `ids` made the
/// expression ids of `files`; the library files get theirs from it too.
/// For [`Output::Library`] the package may have any name (it is still
/// compiled as package main: symbols and type names say `main.`).
///
/// Errors are collected, as gc does: checking goes on at the next
/// declaration or statement, up to [`MAX_ERRORS`] (then a last `too many
/// errors`); they come back sorted by position. A `rgo does not support`
/// error stops checking at once: the program is out of rgo's scope.
pub fn compile(
    files: Vec<ast::File>,
    mut facts: generic::Facts,
    target: &dyn Target,
    goos: &'static str,
    asm: &AsmSymbols,
    output: Output,
) -> std::result::Result<Program, Vec<Diag>> {
    if files.is_empty() {
        return Err(vec![Diag::new(&Pos::new("<command-line>".into(), 1, 1), "no Go files")]);
    }
    let name = files[0].package.name.clone();
    for f in &files {
        if output == Output::Program && f.package.name != "main" {
            return Err(vec![Diag::new(
                &f.package.pos,
                format!("package {}; expected package main (rgo builds commands only; rgo build --lib builds libraries)", f.package.name),
            )]);
        }
        if f.package.name != name {
            return Err(vec![Diag::new(&f.package.pos, format!("package {}; expected package {name}", f.package.name))]);
        }
    }
    // Every file, the library packages' first (each after those it
    // imports), then main's.
    let extra = library::implicit_imports(output);
    // As for the type checker.
    let ctx = crate::load::constraint::Context::for_target(goos, target.goarch());
    let libs = library::load(&files, extra, &ctx, &mut facts.packages)?;
    let goroot = GorootPackages::new(&libs, &facts.module_packages);
    let mut all = vec![];
    let mut packages = vec![];
    let mut infos = vec![];
    for lib in libs {
        let first = all.len();
        all.extend(lib.files);
        packages.push(PkgInfo::new(lib.path, first..all.len()));
        infos.push(lib.info);
    }
    let first = all.len();
    all.extend(files);
    packages.push(PkgInfo::new("main", first..all.len()));
    infos.push(Some(facts.info));
    let main = &all[first..];
    let r = compile_packages(&all, packages, &facts.world, &infos, target, asm, output).map_err(|ds| goroot.blame(main, ds));
    // The trees and facts of every package take a twentieth of a warm
    // build to free: another thread frees them while this one goes on.
    let _ = std::thread::Builder::new().name("rgo-free".into()).spawn(move || drop((all, infos)));
    r
}

/// The packages of GOROOT's a build compiles from source, for errors in
/// them: each is valid Go (the type checker took it), so what the
/// lowering reports there is a part of Go rgo lacks, said at the import
/// of the program's that brings the package in.
struct GorootPackages {
    /// By file name, the package.
    files: HashMap<Arc<str>, &'static str>,
    /// By package, what it imports.
    imports: HashMap<&'static str, Vec<String>>,
}

impl GorootPackages {
    fn new(libs: &[library::Package], modules: &HashSet<String>) -> GorootPackages {
        let mut g = GorootPackages { files: HashMap::new(), imports: HashMap::new() };
        for lib in libs.iter().filter(|l| library::package(l.path).is_none() && !modules.contains(l.path)) {
            for f in &lib.files {
                g.files.insert(f.package.pos.file.clone(), lib.path);
            }
            g.imports.insert(lib.path, lib.files.iter().flat_map(|f| &f.imports).map(|i| i.path.clone()).collect());
        }
        g
    }

    /// Whether package `from` is `to` or imports it, directly or not.
    fn reaches(&self, from: &str, to: &str) -> bool {
        let mut seen = HashSet::new();
        let mut todo = vec![from];
        while let Some(p) = todo.pop() {
            if p == to {
                return true;
            }
            if seen.insert(p) {
                todo.extend(self.imports.get(p).into_iter().flatten().map(String::as_str));
            }
        }
        false
    }

    /// `errors` with each one in a package of GOROOT's turned into `rgo
    /// does not support package "P" yet: <the error>` at the first import
    /// in `main` of a package P that reaches it; one for each such import.
    fn blame(&self, main: &[ast::File], errors: Vec<Diag>) -> Vec<Diag> {
        let mut out = vec![];
        let mut blamed = HashSet::new();
        for d in errors {
            let Some(&pkg) = self.files.get(&d.pos.file) else {
                out.push(d);
                continue;
            };
            let imp = main.iter().flat_map(|f| &f.imports).find(|i| self.reaches(&i.path, pkg));
            match imp {
                Some(imp) if blamed.insert(imp.path.clone()) => {
                    out.push(Diag::new(&imp.pos, format!("rgo does not support package {:?} yet: {d}", imp.path)));
                }
                Some(_) => {}
                None => out.push(d),
            }
        }
        if !blamed.is_empty() {
            // In order again; gc's `too many errors` stays last.
            out.sort_by_key(|d| (d.msg == "too many errors", d.pos.file.clone(), d.pos.line, d.pos.col));
        }
        out
    }
}

/// [`compile`], once every file is parsed and assigned to its package.
#[allow(clippy::too_many_arguments)]
fn compile_packages(
    files: &[ast::File],
    mut packages: Vec<PkgInfo>,
    world: &crate::types::World,
    infos: &[Option<crate::types::Info>],
    target: &dyn Target,
    asm: &AsmSymbols,
    output: Output,
) -> std::result::Result<Program, Vec<Diag>> {
    let lowered: Vec<&'static str> = packages.iter().map(|p| p.path).collect();
    for p in &mut packages {
        for imp in files[p.files.clone()].iter().flat_map(|f| &f.imports) {
            let Some(path) = import_path(&imp.path, lowered.iter().copied()) else {
                return Err(vec![Diag::new(&imp.pos, format!("rgo does not support package {:?} yet", imp.path))]);
            };
            let last = path.rsplit('/').next().unwrap_or(path);
            let local = imp.name.as_ref().map(|n| n.name.clone()).unwrap_or_else(|| last.to_string());
            // Dot imports, one key each (not an identifier, so never a name).
            let local = if local == "." { format!(".{path}") } else { local };
            if local != "_" {
                p.imports.insert(local, path);
            }
        }
    }
    let sources: Vec<_> = packages
        .iter()
        .enumerate()
        .map(|(i, p)| (&files[p.files.clone()], escape::Callees { world, info: infos.get(i).and_then(Option::as_ref) }))
        .collect();
    let tags = escape::Tags::compute(&sources);
    let mut c = Checker::new(files, target, asm, world, infos);
    c.tags = tags;
    c.pushed = pushed_linknames(files, &packages);
    c.output = output;
    c.cur = packages.len() - 1;
    c.packages = packages;
    for d in files.iter().flat_map(|f| f.errors.iter().chain(&f.decl_directive_errors)) {
        let _ = c.report(d.clone());
    }
    if let Err(d) = c.run() {
        let _ = c.report(d);
    }
    if !c.errors.is_empty() {
        let mut errors = std::mem::take(&mut c.errors);
        errors.sort_by(|a, b| (&a.pos.file, a.pos.line, a.pos.col).cmp(&(&b.pos.file, b.pos.line, b.pos.col)));
        if let Some(pos) = c.too_many {
            errors.push(Diag::new(&pos, "too many errors"));
        }
        return Err(errors);
    }
    // Each pass reads and changes one body alone: the bodies go to threads.
    use rayon::prelude::*;
    c.prog.funcs.par_iter_mut().for_each(|f| {
        if let ir::FuncKind::Code(body) = &mut f.kind {
            crate::opt::fold_branches(body);
            crate::opt::forward_consts(body);
            crate::opt::forward_temps(body);
            crate::opt::checks::redundant_bounds_checks(body);
            crate::opt::strength::divisions_by_powers_of_two(body);
            crate::opt::strength::remainders_from_quotients(body);
            crate::opt::strength::math_instructions(body);
            crate::opt::rotate::rotate_loops(body);
            crate::opt::loop_polls(body);
            crate::isa::liveness::track_stack_addresses(body);
        }
    });
    Ok(c.prog)
}

/// The symbols that functions of library packages give their code under
/// with `//go:linkname local target` (a push, as gc's runtime gives
/// `syscall.runtime_envs` its body): functions with a body or a `//rgo:`
/// directive, linked to a member of another package. Package main's
/// linknames keep their meaning of old (rgo links by no other names).
fn pushed_linknames(files: &[ast::File], packages: &[PkgInfo]) -> HashSet<String> {
    let mut pushed = HashSet::new();
    for p in packages.iter().filter(|p| p.path != "main") {
        for f in &files[p.files.clone()] {
            for (_, local, target) in &f.linknames {
                let Some(target) = target.as_deref().filter(|t| linked_elsewhere(t, p.path)) else { continue };
                if gives_code(f, local) {
                    pushed.insert(target.to_string());
                }
            }
        }
    }
    pushed
}

/// Whether file `f` declares function `local` with code of its own: a
/// body, or a `//rgo:` directive that makes one.
fn gives_code(f: &ast::File, local: &str) -> bool {
    f.decls.iter().any(|d| {
        matches!(d, ast::Decl::Func(fd) if fd.recv.is_none() && fd.name.name == local
            && (fd.body.is_some() || fd.pragmas.iter().any(|p| p.starts_with("rgo:"))))
    })
}

/// Whether `//go:linkname` target `target` names a member of a package
/// other than `path` (`runtime.nanotime` from `internal/poll`).
fn linked_elsewhere(target: &str, path: &str) -> bool {
    target.rsplit_once('.').is_some_and(|(p, m)| p != path && !p.is_empty() && !m.is_empty())
}

/// A check of a type that needs the types it names complete: made at
/// once, or once every package-level type is defined.
#[derive(Clone)]
enum TypeCheck {
    /// A map key type must be comparable.
    MapKey(TypeId, Pos, String),
    /// An embedded field's type (without the `*` written, which the flag
    /// tells) must not be a pointer, unsafe.Pointer or an interface under `*`.
    Embedded(TypeId, bool, Pos),
}

/// A package being compiled: a library package, or main (the last).
pub(super) struct PkgInfo {
    /// The import path; `main` for the program's own package.
    pub path: &'static str,
    /// Its files, as indices into `Checker::files`.
    files: std::ops::Range<usize>,
    /// Its files' imports: local name -> import path (an intrinsic or a
    /// library package).
    pub imports: HashMap<String, &'static str>,
}

impl PkgInfo {
    fn new(path: &'static str, files: std::ops::Range<usize>) -> PkgInfo {
        PkgInfo { path, files, imports: HashMap::new() }
    }

    /// The name types and messages show (`atomic` for `sync/atomic`).
    pub fn name(&self) -> &'static str {
        self.path.rsplit('/').next().unwrap_or(self.path)
    }
}

/// The import path `path` as the lowering knows it: an intrinsic package
/// or one of the packages `lowered` compiles from source; `None` for a
/// package rgo does not provide.
fn import_path(path: &str, lowered: impl IntoIterator<Item = &'static str>) -> Option<&'static str> {
    INTRINSIC_PACKAGES.iter().copied().chain(lowered).find(|p| *p == path)
}

/// A package-level declaration, before resolution.
#[derive(Clone)]
enum PkgDecl<'a> {
    Type(&'a ast::TypeSpec),
    /// `inherited`: the value is repeated from an earlier spec (errors in it
    /// are reported at `name`, as gc does).
    Const { name: &'a ast::Ident, typ: Option<&'a Expr>, value: Option<&'a Expr>, iota: u32, inherited: bool },
    Var { spec: &'a ast::ValueSpec, index: usize },
    Func(&'a ast::FuncDecl),
}

#[derive(Clone, Debug)]
enum PkgObj {
    Type(TypeId),
    Const(TypeId, Const),
    Var(String, TypeId),
    Func(String),
    /// A generic function or type, or a constraint interface: made per
    /// instance (`generic`), never lowered as declared.
    Generic,
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
    /// `errors.New`.
    /// A function of os, strconv, errors, math, unsafe or runtime.
    Lib(stdlib::LibFn),
}

pub struct Checker<'a> {
    pub target: &'a dyn Target,
    /// A program or a library.
    output: Output,
    asm: &'a AsmSymbols,
    pub types: Types,
    /// Escape sets of the function literals of the function being lowered.
    lit_escapes: escape::LitEscapes,
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
    /// Each type's name in symbols (`emit.rs`'s `type_key`), and which type
    /// holds each.
    type_keys: HashMap<TypeId, String>,
    type_key_owners: HashMap<String, TypeId>,
    desc_queue: Vec<TypeId>,
    /// The last type name emitted for a descriptor and its symbol: the
    /// names of `[]T`'s element types are suffixes of it (see
    /// `emit_descriptor`).
    last_type_string: Option<(String, String)>,
    itabs: HashMap<(TypeId, TypeId), String>,
    /// Package-level variables whose type can hold pointers, for the
    /// collector's globals table (`emit_gc_globals`).
    gc_globals: Vec<(String, TypeId)>,
    /// Anonymous symbols made for static values (`staticinit`), and types
    /// declared in function bodies, counted per package (by index): their
    /// symbols are numbered within their package, so that another
    /// package's code does not renumber them.
    static_syms: HashMap<usize, usize>,
    /// Per package, the map variables whose initialization is a function
    /// of its own (`outlined_map_init`).
    map_inits: HashMap<usize, usize>,
    /// An initializer of the current package lowered to code so far may
    /// have changed a variable (`static_copy`).
    init_mutation: bool,
    local_types: HashMap<usize, usize>,
    emitted: HashSet<String>,
    abis: HashMap<(TypeId, Option<(bool, TypeId)>), Arc<FuncAbi>>,
    iota: Option<i128>,
    next_var: u32,
    /// Method bodies to lower: package, receiver named index, method
    /// index, decl.
    method_decls: Vec<(usize, u32, usize, &'a ast::FuncDecl)>,
    /// The functions and methods (their symbols) whose `uintptr(p)`
    /// arguments keep `p`'s object alive until they return:
    /// `//go:uintptrescapes` ones (see [`keeps_uintptr_args`]).
    pub(super) uintptr_keepalive: HashSet<String>,
    /// The next func literal is the wrapper of a deferred call.
    pub defer_wrapper_next: bool,
    /// The next func literal lowered is a deferred call's closure that
    /// lives in the frame (see `escape::Escapes::frame_defers`).
    pub defer_in_frame_next: bool,
    /// The next function literal is the wrapper of a `go` or `defer`
    /// statement's call (no source position: tracebacks pass it over).
    pub call_wrapper_next: bool,
    /// The packages compiled, main last.
    pub(super) packages: Vec<PkgInfo>,
    /// The package whose code is being checked (an index into `packages`).
    pub(super) cur: usize,
    /// The package of each declaration of `decls`.
    decl_pkg: Vec<usize>,
    /// The `//rgo:atomic` and `//rgo:volatile` functions by symbol: their
    /// calls from library packages are inlined.
    intrinsics: HashMap<String, library::Intrinsic>,
    /// Library functions declared without a body or a directive: Go's
    /// API that rgo does not implement yet (`library::directive_func`).
    unsupported: HashSet<String>,
    /// Functions whose body `goroot_bodies` gives, by key.
    replaced: HashSet<String>,
    /// The symbols library functions give their code under by
    /// `//go:linkname local pkg.name` (a push: rgo's runtime's
    /// `os.runtime_args`): a function of `pkg` declared without a body
    /// has that code ([`pushed_linknames`]).
    pushed: HashSet<String>,
    /// Errors reported so far (see [`Checker::report`]).
    errors: Vec<Diag>,
    /// Where the last error went when one more came: checking stopped.
    too_many: Option<Pos>,
    /// Checking stopped: too many errors, or a feature rgo lacks.
    stopped: bool,
    /// Probing an expression: its errors go back to the prober, which may
    /// expect them, instead of being reported.
    pub(super) probing: u32,
    /// Package-level declarations that failed (their error is reported).
    failed: HashSet<usize>,
    /// Type checks waiting for package-level types to be complete.
    later: Vec<TypeCheck>,
    /// An argument expression (by address) already evaluated to this value:
    /// a built-in call's single argument, evaluated first to see whether it
    /// is a multi-value call.
    pre_evaluated: Option<(usize, expr::V)>,
    /// The arguments (by address) of a conversion `string(b)` whose result
    /// is only read at once (a comparison's operand, a map lookup's key):
    /// it may share `b`'s bytes instead of copying them, as gc's
    /// `slicebytetostringtmp` does ([`Checker::string_view_expr`]).
    string_view: Option<usize>,
    /// The parameters of the program's functions that never let their
    /// value escape.
    tags: escape::Tags,
    /// The result-frame variants of functions (`result_frame`).
    result_frames: result_frame::ResultFrames<'a>,
    /// The variables closures capture by value (`captures`), and the
    /// objects of the lowering's variables (by their ids) that have one.
    by_value_vars: HashSet<crate::types::object::ObjId>,
    var_objs: HashMap<u32, crate::types::object::ObjId>,
    /// Named types declared as another named type whose underlying type is
    /// not known yet (`type T2 T1` met while resolving T1's struct): set
    /// when it is, an invalid recursive type if it never is.
    pending_underlying: Vec<(TypeId, TypeId, ast::Ident)>,
    /// Named interface types whose declared interface is being resolved a
    /// second time, for an embedding met inside their own declaration, with
    /// the depth of interface method signatures they were met at.
    reembedding: HashMap<TypeId, usize>,
    /// How many interface method signatures are being resolved.
    method_depth: usize,
    /// Names of methods rejected for clashing with a field: calls of the
    /// field raise no follow-on error.
    pub(super) bad_methods: HashSet<String>,
    /// Types (by name) one of whose method declarations failed.
    pub(super) bad_method_types: HashSet<String>,
    /// Defined types marked `//go:notinheap`.
    pub(super) notinheap: HashSet<TypeId>,
    /// What the type checker recorded: the world of the build's packages,
    /// and the facts of each package in `packages` whose trees it checked.
    world: &'a crate::types::World,
    infos: &'a [Option<crate::types::Info>],
    pub(super) generics: generic::Generics<'a>,
}

/// Packages the compiler provides itself, their members backed by rt-core
/// (`fmt` formats through the type descriptors in Rust).
const INTRINSIC_PACKAGES: &[&str] = &["runtime", "math", "unsafe"];

/// Packages the lowering knows some members of by name, the others
/// compiled from Go source: rgo's `runtime`, GOROOT's `math` (whose
/// `Sqrt`, `Floor`, … called from other packages are rt-core calls).
const PARTLY_INTRINSIC: &[&str] = &["runtime", "math"];

/// Whether the lowering knows package `path` by name, all of it.
pub fn intrinsic_package(path: &str) -> bool {
    INTRINSIC_PACKAGES.contains(&path) && !PARTLY_INTRINSIC.contains(&path)
}

impl<'a> Checker<'a> {
    fn new(
        files: &'a [ast::File],
        target: &'a dyn Target,
        asm: &'a AsmSymbols,
        world: &'a crate::types::World,
        infos: &'a [Option<crate::types::Info>],
    ) -> Checker<'a> {
        Checker {
            output: Output::Program,
            uintptr_keepalive: HashSet::new(),
            target,
            asm,
            types: Types::new(),
            lit_escapes: Default::default(),
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
            type_keys: HashMap::new(),
            type_key_owners: HashMap::new(),
            desc_queue: vec![],
            last_type_string: None,
            itabs: HashMap::new(),
            gc_globals: vec![],
            static_syms: HashMap::new(),
            map_inits: HashMap::new(),
            init_mutation: false,
            local_types: HashMap::new(),
            replaced: HashSet::new(),
            emitted: HashSet::new(),
            abis: HashMap::new(),
            iota: None,
            next_var: 0,
            method_decls: vec![],
            defer_wrapper_next: false,
            defer_in_frame_next: false,
            call_wrapper_next: false,
            packages: vec![],
            cur: 0,
            decl_pkg: vec![],
            intrinsics: HashMap::new(),
            unsupported: HashSet::new(),
            pushed: HashSet::new(),
            errors: vec![],
            too_many: None,
            stopped: false,
            probing: 0,
            failed: HashSet::new(),
            later: vec![],
            pre_evaluated: None,
            string_view: None,
            tags: escape::Tags::default(),
            result_frames: Default::default(),
            by_value_vars: HashSet::new(),
            var_objs: HashMap::new(),
            pending_underlying: vec![],
            reembedding: HashMap::new(),
            method_depth: 0,
            bad_methods: HashSet::new(),
            bad_method_types: HashSet::new(),
            notinheap: HashSet::new(),
            world,
            infos,
            generics: generic::Generics::default(),
        }
    }

    /// Makes `c` now, or when package-level types are complete if some
    /// are still being defined.
    fn type_check(&mut self, c: TypeCheck) -> Result<()> {
        if self.resolving.iter().any(|i| matches!(self.decls[*i], PkgDecl::Type(_))) {
            self.later.push(c);
            return Ok(());
        }
        match c {
            TypeCheck::MapKey(k, pos, text) => {
                if !self.types.comparable(k) {
                    return Err(Diag::new(&pos, format!("invalid map key type {text}")));
                }
            }
            TypeCheck::Embedded(base, written_ptr, pos) => {
                let why = match self.types.under(base) {
                    Ty::Basic(Basic::UnsafePointer) => Some("unsafe.Pointer"),
                    Ty::Pointer(_) => Some("a pointer"),
                    Ty::Interface(_) if written_ptr => Some("a pointer to an interface"),
                    _ => None,
                };
                if let Some(why) = why {
                    return Err(Diag::new(&pos, format!("embedded field type cannot be {why}")));
                }
            }
        }
        Ok(())
    }

    /// Records an error so that checking can go on after it; the error
    /// back (to propagate) when checking must stop instead: while probing,
    /// after [`MAX_ERRORS`], and at a feature rgo does not support.
    pub(super) fn report(&mut self, d: Diag) -> Result<()> {
        if self.probing > 0 {
            return Err(d);
        }
        if self.stopped {
            return Err(Diag::reported());
        }
        if d.is_reported() || self.errors.contains(&d) {
            return Ok(());
        }
        if self.errors.len() == MAX_ERRORS {
            self.too_many = self.errors.last().map(|e| e.pos.clone());
            self.stopped = true;
            return Err(Diag::reported());
        }
        let fatal = d.is_unsupported();
        self.errors.push(d);
        if fatal {
            self.stopped = true;
            return Err(Diag::reported());
        }
        Ok(())
    }

    pub fn fb(&mut self) -> &mut Fb {
        self.fns.last_mut().expect("a function is being lowered")
    }

    /// The package being checked.
    pub(super) fn pkg(&self) -> &PkgInfo {
        &self.packages[self.cur]
    }

    /// Whether the code being checked is the program's own (package main).
    pub(super) fn in_main(&self) -> bool {
        self.cur + 1 == self.packages.len()
    }

    /// The current package's imports.
    pub(super) fn imports(&self) -> &HashMap<String, &'static str> {
        &self.packages[self.cur].imports
    }

    /// The key of package-level name `name` of the current package in
    /// `pkg_names` and `funcs`: the name itself in main, `path.name` in a
    /// library package (never a Go identifier, so the two never meet).
    pub(super) fn key(&self, name: &str) -> String {
        Self::key_in(self.pkg().path, name)
    }

    pub(super) fn key_in(path: &str, name: &str) -> String {
        if path == "main" {
            name.to_string()
        } else {
            format!("{path}.{name}")
        }
    }

    /// The symbol of package-level `name` of the current package
    /// (`main.f`, `sync/atomic.AddInt32`).
    pub(super) fn sym(&self, name: &str) -> String {
        format!("{}.{name}", self.pkg().path)
    }

    /// Runs `f` with `p` as the current package.
    pub(super) fn in_pkg<T>(&mut self, p: usize, f: impl FnOnce(&mut Self) -> T) -> T {
        let saved = std::mem::replace(&mut self.cur, p);
        let r = f(self);
        self.cur = saved;
        r
    }

    /// The package of file `fi` (an index into `files`).
    fn file_pkg(&self, fi: usize) -> usize {
        self.packages.iter().position(|p| p.files.contains(&fi)).expect("every file belongs to a package")
    }

    pub fn new_var_id(&mut self) -> u32 {
        self.next_var += 1;
        self.next_var
    }

    fn run(&mut self) -> Result<()> {
        let main_pkg = self.packages.len() - 1;
        self.collect()?;
        // What follows until the function bodies is about package main.
        self.cur = main_pkg;
        self.check_import_names()?;
        // A scratch builder for package-level constant and type expressions.
        self.fns.push(Fb::new("main"));
        let r = self.resolve_all();
        self.fns.pop();
        r?;
        self.check_linknames()?;
        let main = self.pkg_names.get("main").copied();
        // (A main whose declaration failed was reported.) A library needs none.
        if self.output == Output::Program && !main.is_some_and(|i| matches!(self.resolved.get(&i), Some(PkgObj::Func(_))) || self.failed.contains(&i)) {
            let pos = self.files[0].package.pos.clone();
            self.report(Diag::new(&pos, "function main is undeclared in the main package"))?;
        }
        self.note_variant_sources();
        // Function bodies, package by package.
        let mut inits: Vec<Vec<String>> = vec![vec![]; self.packages.len()];
        let mut blanks = 0;
        for (fi, f) in self.files.iter().enumerate() {
            self.cur = self.file_pkg(fi);
            for d in &f.decls {
                if let ast::Decl::Func(fd) = d {
                    if fd.recv.is_none() {
                        let r = if fd.name.name == "init" {
                            let sym = self.sym(&format!("init.{}", inits[self.cur].len()));
                            inits[self.cur].push(sym.clone());
                            self.lower_func(fd, &sym, None)
                        } else if fd.name.name != "_" {
                            // Absent when its signature failed.
                            match self.funcs.get(&self.key(&fd.name.name)).cloned() {
                                Some(_) if self.replaced.contains(&self.key(&fd.name.name)) => Ok(()),
                                Some(fs) if fd.body.is_some() || self.in_main() => self.lower_top_func(fd, &fs),
                                // A library directive's body is generated.
                                _ => Ok(()),
                            }
                        } else if fd.type_params.is_some() {
                            // Generic: made per instance, and never used.
                            Ok(())
                        } else {
                            // Never called, but checked (and built) all the same;
                            // named apart from blank variables (`_.{i}`).
                            blanks += 1;
                            self.lower_func(fd, &self.sym(&format!("_func.{blanks}")), None)
                        };
                        if let Err(d) = r {
                            self.report(d)?;
                        }
                    }
                }
            }
        }
        for (p, ni, mi, fd) in self.method_decls.clone() {
            self.cur = p;
            let sym = self.method_sym_declared(ni, mi);
            if let Err(d) = self.lower_func(fd, &sym, Some((ni, mi))) {
                self.report(d)?;
            }
        }
        for p in 0..self.packages.len() {
            self.cur = p;
            self.lower_init(&inits[p])?;
        }
        self.cur = main_pkg;
        self.lower_instances()?;
        self.lower_result_frame_variants()?;
        self.place_instances();
        if !self.errors.is_empty() {
            // The program is not built: no descriptors or wrappers.
            return Ok(());
        }
        if self.output == Output::Library {
            self.cur = main_pkg;
            self.emit_libexports()?;
        }
        self.flush_queues()?;
        let has_itabs = self.emit_itablinks();
        // A host's reflect (one interning table for the process) builds
        // types from the library's descriptors (`pointer_to(param)`): the
        // type links make those the library's own, as for Go's reflect.
        let typelinks = self.uses_reflect() || self.output == Output::Library;
        if typelinks {
            self.emit_typelinks();
        }
        self.emit_unreachable_type();
        let nglobals = self.emit_gc_globals();
        let entry = match self.output {
            Output::Program => "rgo.main",
            Output::Library => LIBINIT,
        };
        self.lower_entry(entry, has_itabs, typelinks, nglobals)?;
        self.prog.entry = entry.into();
        Ok(())
    }

    /// `//go:linkname` needs `import "unsafe"` and names a package-level
    /// function or variable, once. (rgo does not link by these names.)
    fn check_linknames(&mut self) -> Result<()> {
        let mut seen = HashSet::new();
        let files = &self.files[self.pkg().files.clone()];
        for f in files {
            let unsafe_imported = f.imports.iter().any(|i| i.path == "unsafe");
            for (pos, local, _) in &f.linknames {
                let msg = if !unsafe_imported {
                    "//go:linkname only allowed in Go files that import \"unsafe\"".to_string()
                } else if !matches!(self.pkg_names.get(local).map(|&i| &self.decls[i]), Some(PkgDecl::Func(_) | PkgDecl::Var { .. })) {
                    "//go:linkname must refer to declared function or variable".to_string()
                } else if !seen.insert(local.as_str()) {
                    format!("duplicate //go:linkname for {local}")
                } else {
                    continue;
                };
                self.report(Diag::new(pos, msg))?;
            }
        }
        Ok(())
    }

    /// The name package-level `local` of the current package links to
    /// (`//go:linkname local target`), if it has one.
    fn linkname_target(&self, local: &str) -> Option<String> {
        let files = &self.files[self.pkg().files.clone()];
        files.iter().flat_map(|f| &f.linknames).find(|(_, l, _)| l == local).and_then(|(_, _, t)| t.clone())
    }

    /// The symbol a function declared without a body and linked to
    /// `target` calls: the code a push gives that symbol, or the function
    /// `target` of a package the build compiles (`syscall.recvfromInet4`
    /// for internal/syscall/unix's `RecvfromInet4`), whose signature may
    /// differ only as gc's linker lets it: not at all in rgo's lowering,
    /// but for the push's own (the runtime cannot name `syscall.Errno`).
    /// `None` when nothing gives it.
    fn linked_func(&mut self, target: &str, sig: TypeId) -> Option<String> {
        if self.pushed.contains(target) {
            return Some(target.to_string());
        }
        let (path, member) = target.rsplit_once('.')?;
        let &j = self.pkg_names.get(&Self::key_in(path, member))?;
        match self.resolve_decl(j) {
            Ok(PkgObj::Func(key)) => self.funcs.get(&key).filter(|fs| fs.sig == sig).map(|fs| fs.sym.clone()),
            _ => None,
        }
    }

    /// Variable `name` of type `t`, declared with `//go:linkname name
    /// target`: the variable `target` (`runtime.overflowError`) of a
    /// package the build compiles from source, which must have `t`'s
    /// type. rgo links by no other names. `None` when no package the build
    /// compiles declares `target`: in package main the variable is then
    /// main's own (gc's linker would give it that name).
    fn linked_var(&mut self, name: &ast::Ident, target: &str, t: TypeId) -> Result<Option<PkgObj>> {
        let unsupported = || Diag::new(&name.pos, format!("rgo does not support //go:linkname {} {target} yet", name.name));
        let decl = target.rsplit_once('.').filter(|(path, _)| *path != self.pkg().path).and_then(|(path, member)| self.pkg_names.get(&Self::key_in(path, member)));
        let Some(&j) = decl else {
            return if self.in_main() { Ok(None) } else { Err(unsupported()) };
        };
        match self.resolve_decl(j)? {
            PkgObj::Var(sym, t2) if t2 == t => Ok(Some(PkgObj::Var(sym, t))),
            _ => Err(unsupported()),
        }
    }

    /// Resolves every package-level declaration (reporting errors in unused
    /// ones too), types, constants and functions before variables. Type
    /// definitions come before aliases, as in gc: an alias met again while
    /// its own right-hand side is resolved (`type A = B; type B struct{ *A }`)
    /// is then always inside a definition whose named type exists already.
    fn resolve_all(&mut self) -> Result<()> {
        let rank = |d: &PkgDecl| match d {
            PkgDecl::Type(s) if !s.alias => 0,
            PkgDecl::Type(_) => 1,
            PkgDecl::Var { .. } => 3,
            _ => 2,
        };
        for pass in 0..3 {
            for i in 0..self.decls.len() {
                if rank(&self.decls[i]) == pass {
                    if let Err(d) = self.resolve_decl(i) {
                        self.report(d)?;
                    }
                }
            }
        }
        if let Some((_, _, name)) = self.pending_underlying.first() {
            return Err(Diag::new(&name.pos, format!("invalid recursive type {}", name.name)));
        }
        for c in std::mem::take(&mut self.later) {
            if let Err(d) = self.type_check(c) {
                self.report(d)?;
            }
        }
        self.declare_methods()?;
        self.cur = self.packages.len() - 1;
        for i in 0..self.decls.len() {
            if matches!(self.decls[i], PkgDecl::Var { .. }) {
                if let Err(d) = self.resolve_decl(i) {
                    self.report(d)?;
                }
            }
        }
        Ok(())
    }

    /// Gathers the package scope of every package from its files.
    fn collect(&mut self) -> Result<()> {
        self.collect_decls()?;
        self.collect_generic_methods();
        Ok(())
    }

    fn collect_decls(&mut self) -> Result<()> {
        let files = self.files;
        for (fi, f) in files.iter().enumerate() {
            self.cur = self.file_pkg(fi);
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
                        if fd.name.name == "main" && self.in_main() && (!fd.sig.params.is_empty() || !fd.sig.results.is_empty()) {
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
                                    let inherited = s.values.is_empty();
                                    self.add_decl(n, PkgDecl::Const { name: n, typ: last.0, value: Some(v), iota: s.iota, inherited })?;
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

    /// A file's import may not share its name with a package-level
    /// declaration (reported at the declaration, as gc does).
    fn check_import_names(&self) -> Result<()> {
        for imp in self.files[self.pkg().files.clone()].iter().flat_map(|f| &f.imports) {
            let pkg = imp.path.rsplit('/').next().unwrap_or(&imp.path);
            let local = imp.name.as_ref().map_or(pkg, |n| n.name.as_str());
            let Some(&i) = self.pkg_names.get(local) else { continue };
            let at = match &self.decls[i] {
                PkgDecl::Type(s) => &s.name,
                PkgDecl::Const { name, .. } => name,
                PkgDecl::Var { spec, index } => &spec.names[*index],
                PkgDecl::Func(f) => &f.name,
            };
            let msg = format!("{local} already declared through import of package {pkg} ({:?})", imp.path);
            return Err(Diag::new(&at.pos, msg));
        }
        Ok(())
    }

    fn add_decl(&mut self, name: &ast::Ident, d: PkgDecl<'a>) -> Result<()> {
        if name.name == "init" {
            // (`func init` is not declared: see `collect`.)
            return self.report(Diag::new(&name.pos, "cannot declare init - must be func"));
        }
        self.decl_pkg.push(self.cur);
        if name.name == "main" && self.in_main() && !matches!(d, PkgDecl::Func(_)) && !self.pkg_names.contains_key("main") {
            // Failed, so that main is not reported undeclared as well.
            self.pkg_names.insert(name.name.clone(), self.decls.len());
            self.failed.insert(self.decls.len());
            self.decls.push(d);
            return self.report(Diag::new(&name.pos, "cannot declare main - must be func"));
        }
        if name.name == "_" {
            // Still checked, never referenced.
            self.decls.push(d);
            return Ok(());
        }
        let key = self.key(&name.name);
        if self.pkg_names.contains_key(&key) {
            self.decl_pkg.pop();
            return self.report(Diag::new(&name.pos, format!("{} redeclared in this block", name.name)));
        }
        self.pkg_names.insert(key, self.decls.len());
        self.decls.push(d);
        Ok(())
    }

    /// Resolves declaration `i` once; a failed one is reported once and
    /// its uses fail silently after. An invalid type declaration stops
    /// checking: types that refer to it may be incomplete.
    fn resolve_decl(&mut self, i: usize) -> Result<PkgObj> {
        if let Some(o) = self.resolved.get(&i) {
            return Ok(o.clone());
        }
        if self.failed.contains(&i) {
            return Err(Diag::reported());
        }
        let r = self.in_pkg(self.decl_pkg[i], |c| c.resolve_decl_once(i));
        if let Err(d) = &r {
            self.resolving.remove(&i);
            let is_type = matches!(self.decls[i], PkgDecl::Type(_));
            if self.probing > 0 {
                if is_type {
                    self.resolved.remove(&i);
                }
                return r;
            }
            self.failed.insert(i);
            self.report(d.clone())?;
            if is_type {
                self.stopped = true;
            }
            return Err(Diag::reported());
        }
        r
    }

    fn resolve_decl_once(&mut self, i: usize) -> Result<PkgObj> {
        let d = self.decls[i].clone();
        if self.resolving.contains(&i) {
            let (pos, name) = match &d {
                PkgDecl::Type(s) => (s.name.pos.clone(), s.name.name.clone()),
                PkgDecl::Const { name, .. } => (name.pos.clone(), name.name.clone()),
                PkgDecl::Var { spec, index } => (spec.names[*index].pos.clone(), spec.names[*index].name.clone()),
                PkgDecl::Func(f) => (f.name.pos.clone(), f.name.name.clone()),
            };
            // An alias met again inside a type definition it refers to
            // (`type A = interface{ B }; type B interface{ A }`): gc blames
            // the defined type.
            if matches!(d, PkgDecl::Type(s) if s.alias) {
                let defined = self.resolving.iter().copied().filter(|&j| matches!(self.decls[j], PkgDecl::Type(s) if !s.alias)).min();
                if let Some(PkgDecl::Type(s)) = defined.map(|j| &self.decls[j]) {
                    return Err(Diag::new(&s.name.pos, format!("invalid recursive type {}", s.name.name)));
                }
            }
            return Err(Diag::new(&pos, format!("initialization cycle or invalid recursive type {name}")));
        }
        self.resolving.insert(i);
        let obj = match d {
            PkgDecl::Type(spec) if spec.type_params.is_some() || self.is_constraint(&spec.name) => PkgObj::Generic,
            PkgDecl::Func(fd) if fd.type_params.is_some() => PkgObj::Generic,
            PkgDecl::Type(spec) => {
                if spec.alias {
                    let t = self.resolve_type(&spec.typ)?;
                    PkgObj::Type(t)
                } else {
                    let t = self.types.new_named(&format!("{}.{}", self.pkg().name(), spec.name.name), &self.sym(&spec.name.name));
                    self.made_named(&spec.name, t);
                    if spec.notinheap {
                        self.notinheap.insert(t);
                    }
                    // Recursive references find the named type already.
                    self.resolved.insert(i, PkgObj::Type(t));
                    let u = self.resolve_type(&spec.typ)?;
                    if self.types.underlying(u) == t {
                        return Err(Diag::new(&spec.name.pos, format!("invalid recursive type {}", spec.name.name)));
                    }
                    if matches!(self.types.ty(self.types.underlying(u)), Ty::Named(_)) {
                        self.pending_underlying.push((t, u, spec.name.clone()));
                    } else {
                        self.types.set_underlying(t, u);
                        if self.types.contains_itself(t) {
                            self.types.reset_underlying(t);
                            return Err(Diag::new(&spec.name.pos, format!("invalid recursive type {}", spec.name.name)));
                        }
                        self.check_type_size(t, &spec.name.pos)?;
                        self.settle_underlying()?;
                    }
                    PkgObj::Type(t)
                }
            }
            PkgDecl::Const { name, typ, value, iota, inherited } => {
                let r = self.const_decl(typ, value.expect("const value"), iota);
                let (t, v) = r.map_err(|e| if inherited { Diag::new(&name.pos, e.msg) } else { e })?;
                PkgObj::Const(t, v)
            }
            PkgDecl::Var { spec, index } => {
                let name = &spec.names[index];
                // A type written is resolved as every type expression is
                // (gc's later checks of types are made there); else the
                // type is the one the checker inferred.
                let t = if let Some(te) = &spec.typ {
                    self.resolve_type(te)?
                } else if let Some(t) = self.declared_type(name) {
                    t
                } else if spec.values.len() == spec.names.len() {
                    let v = self.probe(&spec.values[index])?;
                    let v = self.single(v, &spec.values[index])?;
                    self.default_type(v.ty, &spec.values[index].pos)?
                } else if let (1, 2, ExprKind::TypeAssert { typ: Some(te), .. }) = (spec.values.len(), spec.names.len(), &expr::strip_parens(&spec.values[0]).kind) {
                    // The comma-ok form of a type assertion.
                    if index == 0 {
                        self.resolve_type(te)?
                    } else {
                        types::basic_id(Basic::Bool)
                    }
                } else if let (1, 2, Some(mt)) = (spec.values.len(), spec.names.len(), self.map_index_type(&spec.values[0])) {
                    // The comma-ok form of a map index.
                    if index == 0 {
                        self.map_types(mt).expect("a map type").1
                    } else {
                        types::basic_id(Basic::Bool)
                    }
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
                let linked = match self.linkname_target(&name.name) {
                    Some(target) => self.linked_var(name, &target, t)?,
                    None => None,
                };
                if let Some(obj) = linked {
                    obj
                } else {
                    let sym = if name.name == "_" { self.sym(&format!("_.{i}")) } else { self.sym(&name.name) };
                    let (size, align) = self.types.layout(t);
                    if size > MAX_SYMBOL_SIZE {
                        // gc's linker limit, reported where gc reports it.
                        return Err(Diag::new(&name.pos, format!("{sym}: symbol too large ({size} bytes > {MAX_SYMBOL_SIZE} bytes)")));
                    }
                    self.prog.data.push(ir::Data {
                        sym: sym.clone(),
                        align: align as u32,
                        size: size as u32,
                        init: None,
                        relocs: vec![],
                        readonly: false,
                    });
                    if self.types.has_pointers(t) {
                        self.gc_globals.push((sym.clone(), t));
                    }
                    PkgObj::Var(sym, t)
                }
            }
            PkgDecl::Func(fd) => {
                let sig = self.resolve_sig(&fd.sig, None)?;
                let name = &fd.name.name;
                let mut asm_name = self.sym(name);
                let replaced = if self.in_main() { None } else { goroot_bodies::body(self.pkg().path, name) };
                if replaced.is_some() {
                    self.replaced.insert(self.key(name));
                }
                // `//go:linkname` in a library package: a function with code
                // gives it under the target's symbol (a push); one without
                // calls the target (a pull), when something gives that.
                let linked = if self.in_main() || replaced.is_some() {
                    None
                } else {
                    self.linkname_target(name).filter(|t| linked_elsewhere(t, self.pkg().path))
                };
                let directive = fd.pragmas.iter().any(|p| p.starts_with("rgo:"));
                let mut given = None;
                match linked {
                    Some(target) if fd.body.is_some() || directive => asm_name = target,
                    Some(target) => given = self.linked_func(&target, sig),
                    None if fd.body.is_none() && !directive && self.pushed.contains(&asm_name) => given = Some(asm_name.clone()),
                    None => {}
                }
                let sym = if let Some(sym) = given {
                    sym
                } else if let Some(goroot_bodies::Body::Fallback(go)) = replaced {
                    self.sym(go)
                } else if let Some(goroot_bodies::Body::Runtime(entry)) = replaced {
                    self.generated_func(fd, sig, &asm_name, &["runtime", entry])?;
                    asm_name
                } else if let Some(goroot_bodies::Body::Zero) = replaced {
                    self.generated_func(fd, sig, &asm_name, &["zero"])?;
                    asm_name
                } else if let Some(goroot_bodies::Body::Unreachable) = replaced {
                    self.generated_func(fd, sig, &asm_name, &["unreachable"])?;
                    asm_name
                } else if fd.body.is_none() && !self.in_main() {
                    // A library function whose body a directive gives.
                    self.directive_func(fd, sig, &asm_name)?;
                    asm_name
                } else if fd.body.is_none() {
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
                if keeps_uintptr_args(fd) {
                    self.uintptr_keepalive.insert(sym.clone());
                    self.prog.noinline.insert(sym.clone());
                }
                let key = self.key(name);
                self.funcs.insert(key.clone(), FuncSym { sym, sig });
                PkgObj::Func(key)
            }
        };
        self.resolving.remove(&i);
        self.resolved.insert(i, obj.clone());
        Ok(obj)
    }

    /// Sets the underlying type of the pending named types whose
    /// declared type now has one.
    fn settle_underlying(&mut self) -> Result<()> {
        while let Some(i) = self.pending_underlying.iter().position(|&(_, u, _)| !matches!(self.types.ty(self.types.underlying(u)), Ty::Named(_))) {
            let (t, u, name) = self.pending_underlying.swap_remove(i);
            self.types.set_underlying(t, u);
            // Its declared type was laid out while `t` had no underlying
            // type: that was only right if it holds `t` behind pointers.
            if self.types.contains_itself(t) {
                self.types.reset_underlying(t);
                return Err(Diag::new(&name.pos, format!("invalid recursive type {}", name.name)));
            }
            self.check_type_size(t, &name.pos)?;
        }
        Ok(())
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
        self.probing += 1;
        let (funcs, data) = (self.prog.funcs.len(), self.prog.data.len());
        let r = self.expr(e, None);
        self.probing -= 1;
        self.fns.pop();
        self.drop_probe_funcs(funcs, data);
        r
    }

    /// The type of an expression, without keeping its code.
    fn probe_type(&mut self, e: &Expr) -> Result<TypeId> {
        Ok(self.probe(e)?.ty)
    }

    /// Func literals lowered while probing an expression's type are
    /// lowered again for real later; drop the probe's copies (all made after
    /// the first `funcs` functions and `data` symbols).
    fn drop_probe_funcs(&mut self, funcs: usize, data: usize) {
        let probed = |sym: &str| sym.starts_with("main.probe");
        let mut dropped = vec![];
        let mut tail = self.prog.funcs.split_off(funcs);
        tail.retain(|f| !probed(&f.sym) || {
            dropped.push(f.sym.clone());
            false
        });
        self.prog.funcs.append(&mut tail);
        let mut tail = self.prog.data.split_off(data);
        tail.retain(|d| !probed(&d.sym) || {
            dropped.push(d.sym.clone());
            false
        });
        self.prog.data.append(&mut tail);
        for sym in dropped {
            self.emitted.remove(&sym);
        }
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
                // A typed constant keeps its type: it must be the declared one.
                Some(t) if !self.types.is_untyped(v.ty) && v.ty != t => {
                    let msg = format!(
                        "cannot use {} (constant {} of type {}) as {} value in constant declaration",
                        self.describe_expr(value),
                        c.describe(),
                        self.types.name(v.ty),
                        self.types.name(t)
                    );
                    Err(Diag::new(&value.pos, msg))
                }
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
        for (fi, f) in files.iter().enumerate() {
            self.cur = self.file_pkg(fi);
            for d in &f.decls {
                let ast::Decl::Func(fd) = d else { continue };
                if generic::is_generic_method(fd) {
                    // Declared on each instance of its type (`collect`).
                    continue;
                }
                if let Err(d) = self.declare_method(fd) {
                    // Its type then lacks a method: no follow-on errors for that.
                    if let Some(r) = &fd.recv {
                        if let Some(n) = embedded_name(&r.typ) {
                            self.bad_method_types.insert(format!("{}.{n}", self.pkg().name()));
                        }
                    }
                    self.report(d)?;
                }
            }
        }
        Ok(())
    }

    /// Attaches method `fd` (a func declaration with a receiver, or not) to its type.
    fn declare_method(&mut self, fd: &'a ast::FuncDecl) -> Result<()> {
        {
            {
                let Some(recv) = &fd.recv else { return Ok(()) };
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
                    return Ok(());
                }
                let named = &self.types.named[ni as usize];
                if named.methods.iter().any(|m| m.name == name) {
                    return Err(Diag::new(&fd.name.pos, format!("method {}.{} already declared", id.name, name)));
                }
                if self.types.fields(t).iter().any(|f| f.name == name) {
                    self.bad_methods.insert(name.clone());
                    return Err(Diag::new(&fd.name.pos, format!("field and method with the same name {name}")));
                }
                self.types.named[ni as usize].methods.push(MethodDecl { name, ptr_recv: ptr, sig });
                let mi = self.types.named[ni as usize].methods.len() - 1;
                if keeps_uintptr_args(fd) {
                    let sym = self.method_sym_declared(ni, mi);
                    self.prog.noinline.insert(sym.clone());
                    self.uintptr_keepalive.insert(sym);
                }
                self.method_decls.push((self.cur, ni, mi, fd));
            }
        }
        Ok(())
    }

    /// Whether `id` names an imported package (not shadowed).
    pub fn is_package(&self, id: &ast::Ident) -> bool {
        self.package_path(id).is_some()
    }

    /// The import path of the package `id` names, if it names one: the
    /// checker's record (a package's files may import different packages
    /// under one name: crypto/cipher's `subtle`), else the package's
    /// imports by name, unless a local or package-level name shadows it.
    fn package_path(&self, id: &ast::Ident) -> Option<&'static str> {
        if let Some(f) = self.pkg_facts().filter(|_| id.id != ast::SYNTHETIC) {
            if let Some(&o) = f.info.uses.get(id.id) {
                let crate::types::object::ObjKind::PkgName { pkg } = f.world.obj(o).kind else { return None };
                let path = f.world.pkg(pkg).path.as_str();
                return self.known_package(path);
            }
        }
        let name = id.name.as_str();
        let shadowed = self.fns.iter().any(|f| f.lookup(name).is_some()) || self.pkg_names.contains_key(&self.key(name));
        self.imports().get(name).copied().filter(|_| !shadowed)
    }

    /// The import path `path` as the lowering knows it ([`import_path`]).
    pub(super) fn known_package(&self, path: &str) -> Option<&'static str> {
        import_path(path, self.packages.iter().map(|p| p.path))
    }

    /// Whether the build compiles package `path` from Go source (rgo's
    /// own, or GOROOT's), rather than knowing it by name.
    pub(super) fn from_source(&self, path: &str) -> bool {
        self.packages.iter().any(|p| p.path == path)
    }

    /// `pkg.Name` for an imported package.
    pub fn package_member(&mut self, pkg: &ast::Ident, sel: &ast::Ident) -> Result<expr::V> {
        let Some(path) = self.package_path(pkg) else { return Err(Diag::new(&pkg.pos, format!("internal error: {} is not a package", pkg.name))) };
        self.member_of(path, sel)
    }

    /// `Name` of the package `path` (an intrinsic package, or a library
    /// package the build compiles), whether or not the current file
    /// imports it.
    pub(super) fn member_of(&mut self, path: &'static str, sel: &ast::Ident) -> Result<expr::V> {
        if path == "runtime" {
            // Intrinsic members first, then those written in Go.
            return match self.runtime_member(sel) {
                Err(_) if self.from_source(path) && self.runtime_lib_has(&sel.name) => self.library_member(path, sel),
                r => r,
            };
        }
        if path == "math" && self.from_source(path) {
            // Intrinsic members first, then GOROOT's.
            return match self.stdlib_member(path, sel) {
                Err(_) => self.library_member(path, sel),
                r => r,
            };
        }
        if self.from_source(path) {
            return self.library_member(path, sel);
        }
        match path {
            "runtime" => self.runtime_member(sel),
            _ => self.stdlib_member(path, sel),
        }
    }

    /// `runtime.Name`.
    pub fn runtime_member(&mut self, sel: &ast::Ident) -> Result<expr::V> {
        Ok(match sel.name.as_str() {
            "Breakpoint" => expr::V { ty: 0, kind: expr::VK::Builtin(Builtin::Breakpoint) },
            "Gosched" => expr::V { ty: 0, kind: expr::VK::Builtin(Builtin::Lib(stdlib::LibFn::RuntimeGosched)) },
            "GC" => expr::V { ty: 0, kind: expr::VK::Builtin(Builtin::Lib(stdlib::LibFn::RuntimeGC)) },
            "NumGoroutine" => expr::V { ty: 0, kind: expr::VK::Builtin(Builtin::Lib(stdlib::LibFn::RuntimeNumGoroutine)) },
            "Goexit" => expr::V { ty: 0, kind: expr::VK::Builtin(Builtin::Lib(stdlib::LibFn::RuntimeGoexit)) },
            "GOMAXPROCS" => expr::V { ty: 0, kind: expr::VK::Builtin(Builtin::Lib(stdlib::LibFn::RuntimeGomaxprocs)) },
            _ => return Err(gonames::unknown_member("runtime", sel)),
        })
    }

    /// Looks a name up: local scopes (innermost function first, capturing
    /// from enclosing functions), then the package, then the universe.
    pub fn lookup(&mut self, name: &str, pos: &Pos) -> Result<expr::Named> {
        let depth = self.fns.len();
        for lvl in (0..depth).rev() {
            if let Some(l) = self.fns[lvl].lookup(name).cloned() {
                return Ok(match l {
                    Local::Invalid => return Err(Diag::reported()),
                    Local::Var { id, var, ty } => {
                        let var = if lvl + 1 == depth { var } else { self.capture(lvl, depth - 1, id, var, ty) };
                        expr::Named::Var(var, ty)
                    }
                    Local::Const(t, c) => expr::Named::Const(t, c),
                    Local::Type(t) => expr::Named::Type(t),
                });
            }
        }
        if let Some(t) = self.generics.bind.lookup(name) {
            return Ok(expr::Named::Type(t));
        }
        if let Some(&i) = self.pkg_names.get(&self.key(name)) {
            return Ok(match self.resolve_decl(i)? {
                PkgObj::Type(t) => expr::Named::Type(t),
                PkgObj::Const(t, c) => expr::Named::Const(t, c),
                PkgObj::Var(sym, t) => expr::Named::Global(sym, t),
                PkgObj::Func(n) => {
                    let f = self.funcs[&n].clone();
                    if self.unsupported.contains(&f.sym) {
                        // Declared without a body (in GOROOT: in assembly).
                        let path = self.pkg().path;
                        return Err(gonames::not_yet(path, &ast::Ident { name: name.to_string(), pos: pos.clone(), id: ast::SYNTHETIC }));
                    }
                    expr::Named::Func(f.sym, f.sig)
                }
                PkgObj::Generic => expr::Named::Generic(i),
            });
        }
        if name == "comparable" {
            // Predeclared in Go, but only a constraint of type parameters.
            return Err(generics(pos));
        }
        self.universe(name).ok_or_else(|| Diag::new(pos, format!("undefined: {name}")))
    }

    /// Makes variable `id` (owned by function level `owner`, stored as
    /// `var` there) reachable from function level `at`, through the closure
    /// contexts of every level in between.
    fn capture(&mut self, owner: usize, at: usize, id: u32, var: func::VarRef, ty: TypeId) -> func::VarRef {
        if at == owner {
            return var;
        }
        if let Some(c) = self.fns[at].captures.iter().find(|c| c.var_id == id) {
            return func::VarRef::Heap(c.slot);
        }
        let outer = self.capture(owner, at - 1, id, var, ty);
        let slot = self.fns[at].slot_ptr();
        let by_value = self.var_objs.get(&id).is_some_and(|o| self.by_value_vars.contains(o));
        self.fns[at].captures.push(func::Capture { var_id: id, outer, slot, ty, by_value });
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
        crate::stack::grow(|| self.resolve_type_inner(e))
    }

    /// `id` as a member of the packages imported with `import . "path"`
    /// (only types when `want_type`), once the scopes did not have it
    /// (`undefined`). A member Go has but rgo lacks is not supported
    /// rather than undefined.
    pub(super) fn dot_imported(&mut self, id: &ast::Ident, undefined: Diag, want_type: bool) -> Result<expr::V> {
        let mut dots: Vec<String> = self.imports().keys().filter(|k| k.starts_with('.')).cloned().collect();
        dots.sort();
        let mut lacking = None;
        for dot in dots {
            let path = self.imports()[&dot];
            match self.member_of(path, id) {
                Ok(v) if !want_type || matches!(v.kind, expr::VK::Type) => return Ok(v),
                Err(e) if e.is_unsupported() => lacking = lacking.or(Some(e)),
                _ => {}
            }
        }
        Err(lacking.unwrap_or(undefined))
    }

    fn resolve_type_inner(&mut self, e: &Expr) -> Result<TypeId> {
        match &e.kind {
            ExprKind::Ident(id) => match self.lookup(&id.name, &id.pos) {
                Ok(expr::Named::Type(t)) => Ok(t),
                Ok(_) => Err(Diag::new(&id.pos, format!("{} is not a type", id.name))),
                // A type of a package imported with `import . "path"` (test/import.go).
                Err(d) => self.dot_imported(id, d, true).map(|v| v.ty),
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
                if !self.types.is_untyped(v.ty) && !self.types.basic(v.ty).is_some_and(|b| b.is_integer()) {
                    let c = if let expr::VK::Const(c) = &v.kind { c.describe() } else { String::new() };
                    let msg = format!("array length {} (constant {c} of type {}) must be integer", self.describe_expr(l), self.types.name(v.ty));
                    return Err(Diag::new(&l.pos, msg));
                }
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
                let check = TypeCheck::MapKey(k, key.pos.clone(), self.describe_expr(key));
                self.type_check(check)?;
                Ok(self.types.intern(Ty::Map(k, v)))
            }
            ExprKind::ChanType { dir, elem } => {
                let t = self.resolve_type(elem)?;
                let d = match dir {
                    ast::ChanDir::Both => 0,
                    ast::ChanDir::Recv => 1,
                    ast::ChanDir::Send => 2,
                };
                if self.types.size(t) >= 1 << 16 {
                    return Err(Diag::new(&e.pos, "channel element type too large (>64kB)"));
                }
                Ok(self.types.intern(Ty::Chan(d, t)))
            }
            ExprKind::FuncType(ft) => self.resolve_sig(ft, None),
            ExprKind::StructType(fields) => {
                let mut fs: Vec<FieldT> = vec![];
                // Where each field is named, for duplicates (reported there, as gc does).
                let mut at: Vec<&Pos> = vec![];
                for f in fields {
                    let t = self.resolve_type(&f.typ)?;
                    if f.names.is_empty() {
                        let name = embedded_name(&f.typ).ok_or_else(|| Diag::new(&f.pos, "invalid embedded field type"))?;
                        let written_ptr = matches!(f.typ.kind, ExprKind::Star(_));
                        let base = match self.types.ty(t) {
                            Ty::Pointer(b) if written_ptr => *b,
                            _ => t,
                        };
                        self.type_check(TypeCheck::Embedded(base, written_ptr, f.typ.pos.clone()))?;
                        let pkg = if ast::is_exported(&name) { String::new() } else { self.pkg().path.to_string() };
                        fs.push(FieldT { name, typ: t, embedded: true, tag: f.tag.clone().unwrap_or_default(), pkg });
                        at.push(&f.typ.pos);
                    } else {
                        for n in &f.names {
                            let pkg = if ast::is_exported(&n.name) { String::new() } else { self.pkg().path.to_string() };
                            fs.push(FieldT { name: n.name.clone(), typ: t, embedded: false, tag: f.tag.clone().unwrap_or_default(), pkg });
                            at.push(&n.pos);
                        }
                    }
                }
                for (i, f) in fs.iter().enumerate() {
                    if f.name != "_" && fs[..i].iter().any(|g| g.name == f.name) {
                        return Err(Diag::new(at[i], format!("{} redeclared", f.name)));
                    }
                }
                let t = self.types.intern(Ty::Struct(fs));
                self.check_type_size(t, &e.pos)?;
                Ok(t)
            }
            ExprKind::InterfaceType(elems) if self.pkg_facts().is_some() && elems.iter().any(generic::is_type_term) => self.checked_type(e),
            ExprKind::InterfaceType(elems) => {
                let mut ms: Vec<IMethod> = vec![];
                // A bad method signature is reported and the others checked.
                let mut bad = false;
                for el in elems {
                    match el {
                        ast::InterfaceElem::Method { name, sig } => {
                            self.method_depth += 1;
                            let s = self.resolve_sig(sig, None);
                            self.method_depth -= 1;
                            let s = match s {
                                Ok(s) => s,
                                Err(d) => {
                                    self.report(d)?;
                                    bad = true;
                                    continue;
                                }
                            };
                            if ms.iter().any(|m| m.name == name.name) {
                                return Err(Diag::new(&name.pos, format!("duplicate method {}", name.name)));
                            }
                            ms.push(IMethod { name: name.name.clone(), sig: s });
                        }
                        ast::InterfaceElem::Embed(x) => {
                            // A type literal embedded is a constraint's term
                            // (Go 1.18), as are `~T`, unions and instances,
                            // which `resolve_type` rejects.
                            if !matches!(
                                x.kind,
                                ExprKind::Ident(_)
                                    | ExprKind::Selector { .. }
                                    | ExprKind::Index { .. }
                                    | ExprKind::IndexList { .. }
                                    | ExprKind::Tilde(_)
                                    | ExprKind::Union(_)
                            ) {
                                return Err(generics(&x.pos));
                            }
                            let t = self.resolve_type(x)?;
                            let t = self.embedded_interface(t, &x.pos)?;
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
                if bad {
                    return Err(Diag::reported());
                }
                ms.sort_by(|a, b| a.name.cmp(&b.name));
                Ok(self.types.intern(Ty::Interface(ms)))
            }
            ExprKind::Selector { x, sel } => {
                if let ExprKind::Ident(p) = &x.kind {
                    if self.is_package(p) {
                        let v = self.package_member(p, sel)?;
                        if let expr::VK::Type = v.kind {
                            return Ok(v.ty);
                        }
                        return Err(Diag::new(&sel.pos, format!("{}.{} is not a type", p.name, sel.name)));
                    }
                }
                Err(Diag::new(&sel.pos, format!("undefined: {}.{}", self.describe_expr(x), sel.name)))
            }
            // An instantiated generic type, and an interface with type
            // terms that denotes a basic interface (`interface{ any | int }`),
            // as the new checker saw them.
            ExprKind::Index { .. } | ExprKind::IndexList { .. } if self.pkg_facts().is_some() => self.checked_type(e),
            // Constraint terms.
            ExprKind::Index { lbrack, .. } | ExprKind::IndexList { lbrack, .. } => Err(generics(lbrack)),
            ExprKind::Tilde(_) | ExprKind::Union(_) => Err(generics(&e.pos)),
            _ => Err(Diag::new(&e.pos, format!("{} is not a type", self.describe_expr(e)))),
        }
    }

    /// The interface of an embedded type `t`. A package-level named type
    /// whose declaration is still being resolved (`type I1 interface{ m() I2 }`
    /// with `type I2 interface{ I1 }`) has its declared interface resolved
    /// once more: its methods refer to types by identity only. An interface
    /// that holds itself by structure (`type I interface{ m() interface{ I } }`)
    /// cannot be built so.
    fn embedded_interface(&mut self, t: TypeId, pos: &Pos) -> Result<TypeId> {
        if !matches!(self.types.ty(t), Ty::Named(_)) || self.types.underlying(t) != t {
            return Ok(t);
        }
        let decl = (0..self.decls.len()).find(|i| matches!(self.resolved.get(i), Some(PkgObj::Type(u)) if *u == t));
        let Some(PkgDecl::Type(spec)) = decl.map(|i| self.decls[i].clone()) else {
            return Ok(t);
        };
        if spec.alias || !matches!(spec.typ.kind, ExprKind::InterfaceType(_)) {
            return Ok(t);
        }
        match self.reembedding.get(&t) {
            // Embedded in itself through embeddings only (test/fixedbugs/bug251.go).
            Some(&d) if d == self.method_depth => {
                return Err(Diag::new(&spec.name.pos, format!("invalid recursive type {}", spec.name.name)));
            }
            Some(_) => return Err(Diag::new(pos, "rgo does not support interfaces that embed themselves through their methods yet")),
            None => {}
        }
        self.reembedding.insert(t, self.method_depth);
        let r = self.resolve_type(&spec.typ);
        self.reembedding.remove(&t);
        r
    }

    /// Resolves a signature; `names` collects the parameter names when given.
    pub fn resolve_sig(&mut self, ft: &ast::FuncType, mut names: Option<&mut Vec<(Option<ast::Ident>, TypeId)>>) -> Result<TypeId> {
        // Parameters and results share one scope.
        let mut seen = HashSet::new();
        for id in ft.params.iter().chain(&ft.results).flat_map(|p| &p.names) {
            if id.name != "_" && !seen.insert(id.name.as_str()) {
                return Err(Diag::new(&id.pos, format!("{} redeclared in this block", id.name)));
            }
        }
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
    pub fn abi_of(&mut self, sig: TypeId, recv: Option<(bool, TypeId)>) -> Arc<FuncAbi> {
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
        let abi = Arc::new(FuncAbi::from_parts(self.target.arch(), receiver, &ins, &outs).expect("every rgo type has a shape"));
        self.abis.insert((sig, recv), abi.clone());
        abi
    }

    /// How an expression reads in diagnostics (as Go prints it).
    pub fn describe_expr(&self, e: &Expr) -> String {
        crate::syntax::parser::expr_string(e)
    }
}

/// The error for generic code in a package the lowering compiles without
/// the checker's facts (rgo's host package: docs/frontend.md),
/// at `pos`: only facts give type parameters their meaning.
pub(super) fn generics(pos: &Pos) -> Diag {
    Diag::new(pos, "rgo does not support generics here yet")
}

fn embedded_name(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Ident(i) => Some(i.name.clone()),
        ExprKind::Star(x) | ExprKind::Paren(x) => embedded_name(x),
        // An instance of a generic type (`List[T]`).
        ExprKind::Index { x, .. } | ExprKind::IndexList { x, .. } => embedded_name(x),
        ExprKind::Selector { sel, .. } => Some(sel.name.clone()),
        _ => None,
    }
}

/// Whether calls of `fd` keep the objects of their `uintptr(p)` arguments
/// alive until they return, as gc's `//go:uintptrescapes` and
/// `//go:uintptrkeepalive` functions do (syscall.Syscall is one)
/// (the object may be reached through the integer meanwhile).
fn keeps_uintptr_args(fd: &ast::FuncDecl) -> bool {
    fd.pragmas.iter().any(|p| p == "uintptrescapes" || p == "uintptrkeepalive")
}
