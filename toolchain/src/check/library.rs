//! Library packages written in Go (`toolchain/lib/<import path>/*.go`),
//! embedded in rgo and compiled with the program that imports them.
//!
//! Beside the intrinsic packages (whose members the compiler knows, see
//! `stdlib.rs`), a library package is ordinary Go: `sync`, `sort`, `time`.
//! Its body-less functions may carry one of rgo's directives, which the
//! checker turns into a generated body (`Checker::directive_body`):
//!
//! - `//rgo:runtime NAME`: one C-ABI call of the rt-core entry point NAME,
//!   which must be listed in `runtime_abi::LIB_ENTRIES`;
//! - `//rgo:atomic OP`: one sequentially consistent atomic operation
//!   (`load`, `store`, `add`, `swap`, `cas`) on the first parameter;
//! - `//rgo:volatile OP`: one volatile access (`load`, `store`) of the
//!   integer the first parameter points to (`ir::Inst::VolatileLoad`,
//!   `ir::Inst::VolatileStore`; runtime/volatile).
//!
//! Their files get positions under `$GOROOT/src/`, as gc's traceback shows
//! the standard library's files.

use super::expr::{VK, V};
use super::types::{Ty, TypeId};
use super::{gonames, Checker, PkgObj};
use crate::diag::{Diag, Pos, Result};
use crate::ir::{self, Addr, Inst, Operand, Scalar};
use crate::syntax::{self, ast, IdGen};
use crate::load::constraint::Context;
use crate::types as checked;
use std::collections::{HashMap, HashSet};

/// The embedded sources: (import path, file name, source), sorted.
static FILES: &[(&str, &str, &str)] = include!(concat!(env!("OUT_DIR"), "/golib.rs"));

/// Where library files say they are, in positions.
pub const FILE_PREFIX: &str = "$GOROOT/src/";

/// Whether `path` is a library package rgo compiles from Go source; its
/// path as a `'static` string when it is.
pub fn package(path: &str) -> Option<&'static str> {
    FILES.iter().find(|f| f.0 == path).map(|f| f.0)
}

/// rgo's packages that replace Go's whole: those the runtime requires rgo
/// to provide (as TinyGo provides its own), each with Go 1.19's exported
/// API (`tests/golden/own_api.txt`). rgo's other library packages (`time`,
/// `sort`) stand in for Go's until GOROOT's compile (issue 26).
pub const REPLACEMENTS: &[&str] =
    &["internal/reflectlite", "reflect", "runtime", "sync/atomic", "testing/internal/testdeps"];

/// GOROOT's packages that rgo compiles from GOROOT's source with files of
/// its own added (`toolchain/lib/<path>/`), as the go command's `-overlay`
/// adds files: each with the functions and methods (`Type.method`) of
/// GOROOT's files that take another name, so that rgo's files may declare
/// the name and call GOROOT's code under the new one. fmt's printing goes
/// to rt-core's formatter first and to GOROOT's printer where that
/// declines (docs/stdlib.md).
pub const OVERLAYS: &[(&str, &[(&str, &str)])] =
    &[("fmt", &[("pp.doPrint", "doPrintGo"), ("pp.doPrintln", "doPrintlnGo"), ("pp.doPrintf", "doPrintfGo")])];

/// The renames of overlay package `path` ([`OVERLAYS`]), if it is one.
pub fn overlay(path: &str) -> Option<&'static [(&'static str, &'static str)]> {
    OVERLAYS.iter().find(|o| o.0 == path).map(|o| o.1)
}

/// Renames the declarations of a GOROOT file of overlay package `path` as
/// [`OVERLAYS`] says.
pub fn rename_overlaid(path: &str, file: &mut ast::File) {
    let Some(renames) = overlay(path) else { return };
    for d in &mut file.decls {
        let ast::Decl::Func(fd) = d else { continue };
        let key = match fd.receiver_name() {
            Some(recv) => format!("{recv}.{}", fd.name.name),
            None => fd.name.name.clone(),
        };
        if let Some((_, to)) = renames.iter().find(|(from, _)| *from == key) {
            fd.name.name = to.to_string();
        }
    }
}

/// Every library package rgo has, by import path, sorted.
pub fn paths() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = FILES.iter().map(|f| f.0).collect();
    v.dedup();
    v
}

/// The files of library package `path` (name, source), when rgo has it.
pub fn files(path: &str) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
    FILES.iter().filter(move |f| f.0 == path).map(|f| (f.1, f.2))
}

/// The files of library package `path` that a build for `ctx` uses (by
/// their names' `_GOOS`/`_GOARCH` suffixes and their `//go:build` lines,
/// as the go command chooses; a test checks that every line parses).
pub fn files_for<'c>(path: &'c str, ctx: &'c Context) -> impl Iterator<Item = (&'static str, &'static str)> + 'c {
    files(path).filter(|(name, src)| ctx.file_name_ok(name) && ctx.source_ok(src).unwrap_or(true))
}

/// One library package, parsed.
pub struct Package {
    pub path: &'static str,
    pub files: Vec<ast::File>,
    /// The type checker's facts about `files`, if it checked them.
    pub info: Option<checked::Info>,
}

/// The library package built into every library (`rgo build --lib`): the
/// Go side of a host's calls (recovering a panic into the host's request,
/// `Gosched`, pinning func values the host holds; docs/host.md). User
/// code cannot import it (an `internal/` path).
pub const HOST_PACKAGE: &str = "internal/rgohost";

/// The library packages a build compiles whether or not the program
/// imports them: a library gets the host boundary.
pub fn implicit_imports(output: super::Output) -> &'static [&'static str] {
    match output {
        super::Output::Program => &[],
        super::Output::Library => &[HOST_PACKAGE],
    }
}

/// The packages that `files` import and the lowering compiles from Go
/// source, directly or through other such packages, and the packages
/// `extra`, each after the packages it imports: rgo's own (`toolchain/lib`)
/// and GOROOT's that rgo has no package of its own for. The trees come
/// from `checked`, the type checker's, with its facts; rgo's host package,
/// which the checker does not check, is parsed here. Files for another operating system or
/// architecture than `ctx`'s (`goarch_arm64.go`) are left out, as the go
/// command leaves them out.
pub fn load(
    files: &[ast::File],
    extra: &[&str],
    ctx: &Context,
    checked: &mut HashMap<String, (Vec<ast::File>, checked::Info)>,
) -> std::result::Result<Vec<Package>, Vec<Diag>> {
    let mut out = vec![];
    let mut state = HashSet::new();
    for path in files.iter().flat_map(|f| &f.imports).map(|i| i.path.as_str()).chain(extra.iter().copied()) {
        visit(path, &mut state, &mut out, ctx, checked)?;
    }
    Ok(out)
}

/// Depth-first: a package goes out after everything it imports. Packages
/// the lowering does not compile from source (`fmt`) are passed over.
fn visit(
    path: &str,
    seen: &mut HashSet<String>,
    out: &mut Vec<Package>,
    ctx: &Context,
    checked: &mut HashMap<String, (Vec<ast::File>, checked::Info)>,
) -> std::result::Result<(), Vec<Diag>> {
    if !checked.contains_key(path) && package(path).is_none() {
        return Ok(());
    }
    if !seen.insert(path.to_string()) {
        if !out.iter().any(|p| p.path == path) {
            let pos = Pos::new(format!("{FILE_PREFIX}{path}").into(), 1, 1);
            return Err(vec![Diag::new(&pos, format!("import cycle not allowed: library package {path}"))]);
        }
        return Ok(());
    }
    let (path, parsed, info) = match (checked.remove(path), package(path)) {
        // A package of GOROOT's: its path lives as long as the build (the
        // lowering names packages by `&'static str`).
        (Some((files, info)), own) => (own.unwrap_or_else(|| Box::leak(path.to_string().into_boxed_str())), files, Some(info)),
        (None, Some(path)) => {
            let mut ids = IdGen::default();
            let mut parsed = vec![];
            for (name, src) in files_for(path, ctx) {
                let file = syntax::parse_file(&format!("{FILE_PREFIX}{path}/{name}"), src, &mut ids).map_err(|d| vec![d])?;
                parsed.push(file);
            }
            (path, parsed, None)
        }
        (None, None) => unreachable!("checked above"),
    };
    for imp in parsed.iter().flat_map(|f| &f.imports) {
        visit(&imp.path, seen, out, ctx, checked)?;
    }
    // The packages `//go:linkname` pulls from (math/bits's errors are the
    // runtime's), when the lowering compiles them, come first too; those a
    // push gives code to (rgo's runtime gives `os.runtime_args`) do not.
    let linked: Vec<String> = parsed
        .iter()
        .flat_map(|f| f.linknames.iter().filter(|(_, local, _)| !super::gives_code(f, local)))
        .filter_map(|(_, _, t)| Some(t.as_ref()?.rsplit_once('.')?.0.to_string()))
        .filter(|p| p != path)
        .collect();
    for dep in linked {
        visit(&dep, seen, out, ctx, checked)?;
    }
    out.push(Package { path, files: parsed, info });
    Ok(())
}

/// A word of a value passed to or returned by an rt-core entry point: its
/// machine type and offset in the value.
fn c_words(c: &Checker, t: TypeId) -> Option<Vec<(Scalar, u32)>> {
    if let Some(s) = c.types.scalar(t) {
        return Some(vec![(s, 0)]);
    }
    let words = match c.types.under(t) {
        Ty::Basic(super::types::Basic::String) | Ty::Interface(_) => 2,
        Ty::Slice(_) => 3,
        _ => return None,
    };
    Some((0..words).map(|i| (Scalar::U64, 8 * i)).collect())
}

/// A library function that is one instruction: its body, and what a call
/// of it from a library package becomes.
#[derive(Clone, Copy, Debug)]
pub(super) enum Intrinsic {
    /// `//rgo:atomic OP` on `size` bytes.
    Atomic(ir::AtomicOp, u32),
    /// `//rgo:volatile load|store` of `size` bytes: `store` says which.
    Volatile { store: bool, size: u32 },
}

/// The instruction of an intrinsic on its arguments (`addr`, then the
/// value; for `cas` the expected value, then the new one) and its result:
/// the function's body, or a call of it inlined. The signature was checked
/// when the function was declared (`Checker::intrinsic_body`).
fn intrinsic_inst(k: Intrinsic, args: &[Addr], results: &[Addr]) -> Inst {
    let mem = |i: usize| Operand::Mem(args[i].clone());
    match k {
        Intrinsic::Atomic(op, size) => {
            let (val, old) = match op {
                ir::AtomicOp::Load => (None, None),
                ir::AtomicOp::Cas => (Some(mem(2)), Some(mem(1))),
                _ => (Some(mem(1)), None),
            };
            Inst::Atomic { op, size, addr: mem(0), val, old, dst: results.first().cloned() }
        }
        Intrinsic::Volatile { store: true, size } => Inst::VolatileStore { size, addr: mem(0), val: mem(1) },
        Intrinsic::Volatile { store: false, size } => Inst::VolatileLoad { size, addr: mem(0), dst: results[0].clone() },
    }
}

impl Checker<'_> {
    /// `pkg.Name` for an imported library package: its exported member,
    /// resolved in its own package.
    pub(super) fn library_member(&mut self, path: &'static str, sel: &ast::Ident) -> Result<V> {
        let key = Self::key_in(path, &sel.name);
        let Some(&i) = self.pkg_names.get(&key) else {
            return Err(gonames::unknown_member(path, sel));
        };
        if !ast::is_exported(&sel.name) {
            // gc 1.19's words for an unexported member too.
            return Err(gonames::unknown_member(path, sel));
        }
        Ok(match self.resolve_decl(i)? {
            PkgObj::Type(t) => V { ty: t, kind: VK::Type },
            PkgObj::Const(t, c) => V { ty: t, kind: VK::Const(c) },
            PkgObj::Var(sym, t) => V { ty: t, kind: VK::Mem { addr: Addr::Global(sym, 0), addressable: true } },
            PkgObj::Func(k) => {
                let f = self.funcs[&k].clone();
                if self.unsupported.contains(&f.sym) {
                    return Err(gonames::not_yet(path, sel));
                }
                V { ty: f.sig, kind: VK::Func(f.sym) }
            }
            // A generic function of another package, instantiated where
            // it is used (the checker recorded the instance on `sel`).
            PkgObj::Generic if matches!(self.decls[i], super::PkgDecl::Func(_)) => {
                let f = self.func_instance(i, sel)?;
                V { ty: f.sig, kind: VK::Func(f.sym) }
            }
            PkgObj::Generic => return Err(Diag::new(&sel.pos, format!("rgo does not support generic {path}.{} yet", sel.name))),
        })
    }

    /// Whether package runtime's Go source declares `name` (runtime is
    /// partly intrinsic, partly Go: `Checker::package_member`).
    pub(super) fn runtime_lib_has(&self, name: &str) -> bool {
        self.pkg_names.contains_key(&Self::key_in("runtime", name))
    }

    /// Whether field or method `name` of `t` (or of what `t` points to) is
    /// invisible here: unexported, of a named type of another package.
    /// (Fields promoted through an embedded library type into a type of
    /// this package are not told apart.)
    pub(super) fn hidden(&self, t: TypeId, name: &str) -> bool {
        if ast::is_exported(name) {
            return false;
        }
        let base = match self.types.ty(t) {
            Ty::Pointer(e) => *e,
            _ => t,
        };
        match self.types.ty(base) {
            Ty::Named(i) => {
                let sym = &self.types.named[*i as usize].sym;
                super::emit::package_of_sym(sym) != self.pkg().path && sym.contains('.')
            }
            _ => false,
        }
    }

    /// `rgo does not support time.Time.Format yet`: a method Go's library
    /// type `t` (or `*t`) has and rgo's lacks.
    pub(super) fn unsupported_library_method(&self, t: TypeId, sel: &ast::Ident) -> Option<Diag> {
        let base = match self.types.ty(t) {
            Ty::Pointer(e) => *e,
            _ => t,
        };
        let Ty::Named(i) = self.types.ty(base) else { return None };
        let sym = &self.types.named[*i as usize].sym;
        let path = super::emit::package_of_sym(sym);
        package(path)?;
        gonames::unsupported_method(path, &sym[path.len() + 1..], sel)
    }

    /// A direct call of a `//rgo:atomic` or `//rgo:volatile` function from
    /// a library package, as the instruction itself (gc makes sync/atomic
    /// intrinsics too, TinyGo runtime/volatile's): `args` and `results` are
    /// the evaluated call's. False when `callee` is no such function or the
    /// caller is the program's own code: there a loop spinning on an atomic
    /// or a device register must stay preemptible, and the call's stack
    /// check is its only preemption point. Either way the access is the
    /// one instruction.
    pub(super) fn inline_intrinsic(&mut self, callee: &ir::Callee, args: &[Addr], results: &[Addr]) -> bool {
        if self.in_main() {
            return false;
        }
        let ir::Callee::Direct(sym) = callee else { return false };
        let Some(&k) = self.intrinsics.get(sym) else { return false };
        self.fb().emit(intrinsic_inst(k, args, results));
        true
    }

    /// The body of library function `fd` (signature `sig`, symbol `sym`),
    /// declared without one, from its `//rgo:` directive.
    pub(super) fn directive_func(&mut self, fd: &ast::FuncDecl, sig: TypeId, sym: &str) -> Result<()> {
        let directive = fd.pragmas.iter().find_map(|p| p.strip_prefix("rgo:"));
        let fields: Vec<&str> = directive.map(|d| d.split_ascii_whitespace().collect()).unwrap_or_default();
        self.generated_func(fd, sig, sym, &fields)
    }

    /// The body of function `fd` that directive `fields` (`rgo:` and its
    /// words) gives it.
    pub(super) fn generated_func(&mut self, fd: &ast::FuncDecl, sig: TypeId, sym: &str, fields: &[&str]) -> Result<()> {
        match fields {
            // Calls are compiled in place (`Checker::package_member`): the
            // declaration only gives the type checker Go's signature.
            ["intrinsic"] => return Ok(()),
            // Go's API, not implemented yet: a use is an error.
            [] => {
                self.unsupported.insert(sym.to_string());
                return Ok(());
            }
            _ => {}
        }
        let s = self.types.sig(sig).cloned().expect("a func type");
        let mut fb = super::func::Fb::new(sym);
        let params: Vec<Addr> = s
            .params
            .iter()
            .map(|&p| {
                let slot = fb.slot_typed(&mut self.types, p);
                fb.body.params.push(slot);
                Addr::Slot(slot, 0)
            })
            .collect();
        let results: Vec<Addr> = s
            .results
            .iter()
            .map(|&r| {
                let slot = fb.slot_typed(&mut self.types, r);
                fb.body.results.push(slot);
                Addr::Slot(slot, 0)
            })
            .collect();
        let bad = |msg: String| Err(Diag::new(&fd.name.pos, msg));
        match fields {
            // A fatal error (`goroot_bodies::Body::Unreachable`).
            ["unreachable"] => {
                let msg = format!("rgo has no body for {} (GOROOT's assembly)", fd.name.name);
                let sym = self.string_sym(msg.as_bytes());
                fb.emit(Inst::CallRuntime {
                    func: crate::runtime_abi::THROW,
                    args: vec![(Scalar::U64, Operand::SymAddr(sym, 0)), (Scalar::I64, Operand::Imm(msg.len() as i64))],
                    rets: vec![],
                });
            }
            // Results all zero (`goroot_bodies::Body::Zero`).
            ["zero"] => {
                for (a, &t) in results.iter().zip(&s.results) {
                    let size = self.types.size(t) as u32;
                    fb.emit(Inst::Zero { dst: a.clone(), size });
                }
            }
            ["runtime", entry] => {
                let Some(func) = crate::runtime_abi::LIB_ENTRIES.iter().copied().find(|e| e == entry) else {
                    return bad(format!("//rgo:runtime {entry}: no such runtime entry point (runtime_abi::LIB_ENTRIES)"));
                };
                let mut args = vec![];
                for (a, &t) in params.iter().zip(&s.params) {
                    let Some(words) = c_words(self, t) else {
                        return bad(format!("//rgo:runtime: cannot pass {} to the runtime", self.types.name(t)));
                    };
                    args.extend(words.into_iter().map(|(sc, off)| (sc, Operand::Mem(a.offset(off as i32)))));
                }
                let mut rets = vec![];
                for (a, &t) in results.iter().zip(&s.results) {
                    match c_words(self, t) {
                        Some(words) if words.len() + rets.len() <= 2 => rets.extend(words.into_iter().map(|(sc, off)| (sc, a.offset(off as i32)))),
                        _ => return bad(format!("//rgo:runtime: cannot return {} from the runtime", self.types.name(t))),
                    }
                }
                fb.emit(Inst::CallRuntime { func, args, rets });
            }
            [kind @ ("atomic" | "volatile"), op] => self.intrinsic_body(&mut fb, kind, op, &s, &params, &results).or_else(|m| bad(m))?,
            _ => return bad("missing function body".into()),
        }
        fb.emit(Inst::Ret);
        let abi = self.abi_of(sig, None);
        self.prog.funcs.push(ir::Func { sym: sym.to_string(), abi, kind: ir::FuncKind::Code(fb.body), pos: Some(fd.name.pos.clone()) });
        Ok(())
    }

    /// The body of a `//rgo:atomic OP` or `//rgo:volatile OP` function:
    /// one `Inst::Atomic`, `Inst::VolatileLoad` or `Inst::VolatileStore`
    /// on the first parameter, sized by what it points to.
    fn intrinsic_body(
        &mut self,
        fb: &mut super::func::Fb,
        kind: &str,
        op: &str,
        s: &super::types::Sig,
        params: &[Addr],
        results: &[Addr],
    ) -> std::result::Result<(), String> {
        let k = match (kind, op) {
            ("atomic", "load") => Intrinsic::Atomic(ir::AtomicOp::Load, 0),
            ("atomic", "store") => Intrinsic::Atomic(ir::AtomicOp::Store, 0),
            ("atomic", "add") => Intrinsic::Atomic(ir::AtomicOp::Add, 0),
            ("atomic", "swap") => Intrinsic::Atomic(ir::AtomicOp::Swap, 0),
            ("atomic", "cas") => Intrinsic::Atomic(ir::AtomicOp::Cas, 0),
            ("volatile", "load") => Intrinsic::Volatile { store: false, size: 0 },
            ("volatile", "store") => Intrinsic::Volatile { store: true, size: 0 },
            _ => return Err(format!("//rgo:{kind} {op}: unknown operation")),
        };
        let (nparams, nresults) = match k {
            Intrinsic::Atomic(ir::AtomicOp::Load, _) | Intrinsic::Volatile { store: false, .. } => (1, 1),
            Intrinsic::Atomic(ir::AtomicOp::Store, _) | Intrinsic::Volatile { store: true, .. } => (2, 0),
            Intrinsic::Atomic(ir::AtomicOp::Add | ir::AtomicOp::Swap, _) => (2, 1),
            Intrinsic::Atomic(ir::AtomicOp::Cas, _) => (3, 1),
        };
        if s.params.len() != nparams || s.results.len() != nresults {
            return Err(format!("//rgo:{kind}: wrong signature"));
        }
        let Some(elem) = self.types.pointer_elem(s.params[0]) else {
            return Err(format!("//rgo:{kind}: the first parameter must be a pointer"));
        };
        let size = self.types.layout(elem).0 as u32;
        let k = match k {
            Intrinsic::Atomic(op, _) => {
                if size != 4 && size != 8 {
                    return Err("//rgo:atomic: operand must be 4 or 8 bytes".into());
                }
                Intrinsic::Atomic(op, size)
            }
            Intrinsic::Volatile { store, .. } => {
                // An integer, and the value of its very type: the access is
                // exactly as wide as the integer.
                let int = self.types.basic(elem).is_some_and(|b| b.is_integer()) && matches!(size, 1 | 2 | 4 | 8);
                let value = if store { s.params[1] } else { s.results[0] };
                if !int || value != elem {
                    return Err("//rgo:volatile: the first parameter must point to an integer of the value's type".into());
                }
                Intrinsic::Volatile { store, size }
            }
        };
        fb.emit(intrinsic_inst(k, params, results));
        self.intrinsics.insert(fb.sym.clone(), k);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// reflect's mirror of the runtime's map iterator has its size.
    #[test]
    fn reflect_map_iterator_is_the_runtimes_size() {
        let (_, _, src) = FILES.iter().find(|f| f.0 == "reflect" && f.1 == "map.go").expect("reflect/map.go");
        let words = crate::runtime_abi::MAP_ITER_SIZE / 8;
        assert!(src.contains(&format!("type hiter [{words}]unsafe.Pointer")), "reflect/map.go: hiter is not {words} words");
    }

    #[test]
    fn every_library_file_parses_and_names_its_directory() {
        let mut ids = IdGen::default();
        for &(path, name, src) in FILES {
            let f = syntax::parse_file(&format!("{FILE_PREFIX}{path}/{name}"), src, &mut ids)
                .unwrap_or_else(|d| panic!("{path}/{name}: {}", d.msg));
            let last = path.rsplit('/').next().unwrap();
            assert_eq!(f.package.name, last, "{path}/{name}: package clause");
            if let Err(e) = Context::new("linux", "amd64").source_ok(src) {
                panic!("{path}/{name}: //go:build: {e}");
            }
        }
    }

    /// `//go:build` lines choose files as file names do: the Linux system
    /// call numbers arm64 and riscv64 share are in one file.
    #[test]
    fn go_build_lines_choose_library_files() {
        let names = |goarch: &str| -> Vec<&str> { files_for("runtime", &Context::new("linux", goarch)).map(|(n, _)| n).collect() };
        assert!(names("arm64").contains(&"sys_generic.go") && names("riscv64").contains(&"sys_generic.go"));
        assert!(!names("amd64").contains(&"sys_generic.go") && names("amd64").contains(&"goarch_amd64.go"));
        // A board builds as linux with the tag `baremetal`.
        let board: Vec<&str> = files_for("runtime", &Context::for_target("none", "arm64")).map(|(n, _)| n).collect();
        assert!(board.contains(&"goos_board.go") && !board.contains(&"goos_linux.go"), "{board:?}");
        assert!(names("arm64").contains(&"goos_linux.go") && !names("arm64").contains(&"goos_board.go"));
    }
}
