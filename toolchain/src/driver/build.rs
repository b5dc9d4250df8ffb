//! The build pipeline: read and parse the `.go` files, type-check and lower
//! them, emit assembly for the target, assemble it and the user's assembly
//! files with the target's C compiler driver, and link the objects with the
//! runtime library into a static executable.

use super::{err, Error};
use crate::check::{self, AsmSymbols};
use crate::isa;
use crate::isa::emit::Unit;
use crate::syntax::{self, IdGen};
use rgo_targets::Tool;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Command;

/// What a build is for: the table's description of the target (tools,
/// flags, emulator, runtime) and the compiler backend for its GOARCH.
#[derive(Clone, Copy)]
pub struct Target {
    pub spec: &'static rgo_targets::Target,
    pub isa: &'static dyn isa::Target,
}

/// The target a command builds for, chosen as `go` chooses it: `--target`
/// (`linux/arm64`, or a bare GOARCH), else the `GOOS` and `GOARCH`
/// environment variables, else the host. A pair that is not in the table
/// of targets, or one without a compiler backend yet, is an error naming
/// the supported ones.
pub fn target(flag: Option<&str>) -> Result<Target, Error> {
    let var = |k: &str| std::env::var(k).ok();
    select(flag, var("GOOS").as_deref(), var("GOARCH").as_deref())
}

/// [`target`] with the environment given.
pub fn select(flag: Option<&str>, goos: Option<&str>, goarch: Option<&str>) -> Result<Target, Error> {
    let spec = rgo_targets::select(flag, goos, goarch).or_else(|e| err(e.to_string()))?;
    match isa::by_name(spec.goarch) {
        Some(isa) => Ok(Target { spec, isa }),
        None => {
            let ready: Vec<&str> =
                rgo_targets::TARGETS.iter().filter(|t| isa::by_name(t.goarch).is_some()).map(|t| t.name).collect();
            err(format!("no compiler backend for {spec} yet (rgo compiles for {})", ready.join(", ")))
        }
    }
}

/// What an input file is, by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Go,
    /// GNU assembler source: `.s` as is, `.S` through the C preprocessor.
    Asm,
}

/// The files of one build, sorted by kind, in command-line order.
#[derive(Debug, Default)]
pub struct Inputs {
    pub go: Vec<PathBuf>,
    pub asm: Vec<PathBuf>,
    /// The package's import path, when a package pattern named it
    /// (`rgo build ./cmd/app`) rather than files.
    pub import_path: Option<String>,
}

impl Inputs {
    pub fn kind_of(p: &Path) -> Option<Kind> {
        match p.extension().and_then(|e| e.to_str()) {
            Some("go") => Some(Kind::Go),
            Some("s" | "S") => Some(Kind::Asm),
            _ => None,
        }
    }

    /// Sorts `files`; refuses other extensions and a build without `.go` files.
    pub fn classify(files: &[PathBuf]) -> Result<Inputs, Error> {
        if files.is_empty() {
            return err("no files given (usage: rgo build [-o OUT] FILE.go... [FILE.s...])");
        }
        let mut inputs = Inputs::default();
        for f in files {
            match Inputs::kind_of(f) {
                Some(Kind::Go) => inputs.go.push(f.clone()),
                Some(Kind::Asm) => inputs.asm.push(f.clone()),
                None => return err(format!("named files must be .go or assembly (.s, .S) files: {}", f.display())),
            }
        }
        if inputs.go.is_empty() {
            return err("no .go files given");
        }
        Ok(inputs)
    }

    /// The files of the package in `dir` (import path `import_path`) that
    /// a build for `target` uses, named as the go command shows them.
    pub fn package(import_path: &str, dir: &Path, target: Target) -> Result<Inputs, Error> {
        let cwd = std::env::current_dir().unwrap_or_default();
        let go = crate::load::read_dir(dir, &context(target), |f| crate::load::short_path(f, &cwd))?.into_iter().map(|(f, _)| f).collect();
        Ok(Inputs { go, asm: vec![], import_path: Some(import_path.to_string()) })
    }

    /// `go build`'s default output: for a package, the last element of its
    /// import path (the one before a major version suffix such as `/v2`);
    /// else the first `.go` file's name without `.go`; in the current
    /// directory.
    pub fn default_output(&self) -> PathBuf {
        if let Some(p) = &self.import_path {
            return PathBuf::from(command_name(p));
        }
        let stem = self.go[0].file_stem().map_or_else(|| OsString::from("a.out"), |s| s.to_os_string());
        PathBuf::from(stem)
    }

    /// `rgo build --lib`'s default output: `lib<first .go file's stem>.a`.
    pub fn default_lib_output(&self) -> PathBuf {
        let stem = self.go[0].file_stem().map_or_else(|| "a".into(), |s| s.to_string_lossy().into_owned());
        PathBuf::from(format!("lib{stem}.a"))
    }
}

/// The name go gives the command of import path `p`: its last element,
/// or the one before a major version suffix such as `/v2`.
pub fn command_name(p: &str) -> &str {
    let mut elems = p.rsplit('/');
    let last = elems.next().unwrap_or(p);
    let major = last.len() > 1 && last.starts_with('v') && last[1..].bytes().all(|b| b.is_ascii_digit());
    elems.next().filter(|_| major).unwrap_or(last)
}

/// An I/O error as Go words it (`no such file or directory`).
pub fn io_msg(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or directory".into(),
        PermissionDenied => "permission denied".into(),
        IsADirectory => "is a directory".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).or_else(|e| err(format!("open {}: {}", path.display(), io_msg(&e))))
}

/// Parses and compiles the program (or library) to assembly text for
/// `target`, as one file (`rgo build -S`).
pub fn compile_to_asm(inputs: &Inputs, target: Target, output: check::Output) -> Result<String, Error> {
    let mut units = compile(inputs, target, output, false)?;
    Ok(units.pop().map(|u| u.text).unwrap_or_default())
}

/// Parses and compiles the program (or library) for `target` to assembly
/// text, one file per package ([`crate::isa::emit::emit_units`]).
pub fn compile_to_units(inputs: &Inputs, target: Target, output: check::Output) -> Result<Vec<Unit>, Error> {
    compile(inputs, target, output, true)
}

/// [`compile_to_asm`] (one file) or [`compile_to_units`] (`split`).
fn compile(inputs: &Inputs, target: Target, output: check::Output, split: bool) -> Result<Vec<Unit>, Error> {
    let mut syms = AsmSymbols::default();
    for a in &inputs.asm {
        super::scan_asm(&read(a)?, &mut syms);
    }
    let mut ids = IdGen::default();
    let mut files = Vec::with_capacity(inputs.go.len());
    // Syntax errors of every file, as gc reports them: up to 10, then
    // `too many errors`; no type checking after them.
    let mut syntax_errs = vec![];
    for g in &inputs.go {
        // Bytes, so that invalid UTF-8 is a positioned syntax error.
        let src = std::fs::read(g).or_else(|e| err(format!("open {}: {}", g.display(), io_msg(&e))))?;
        match syntax::parse_bytes_all(&g.to_string_lossy(), &src, &mut ids) {
            Ok(mut f) => {
                // The go command's work before the compiler's.
                if let Err(es) = crate::load::embed::resolve(&mut f) {
                    syntax_errs.extend(es);
                }
                files.push(f)
            }
            Err(es) => syntax_errs.extend(es),
        }
    }
    if !syntax_errs.is_empty() {
        let too_many = syntax_errs.len() > 10;
        syntax_errs.truncate(10);
        let last = syntax_errs[syntax_errs.len() - 1].pos.clone();
        syntax_errs.sort_by(|a, b| (&a.pos.file, a.pos.line, a.pos.col).cmp(&(&b.pos.file, b.pos.line, b.pos.col)));
        if too_many {
            syntax_errs.push(crate::diag::Diag::new(&last, "too many errors"));
        }
        return Err(Error::Source(syntax_errs));
    }
    let dir = inputs.go.first().and_then(|g| g.parent()).map(|d| if d.as_os_str().is_empty() { Path::new(".") } else { d });
    let dir = dir.map(|d| std::path::absolute(d).unwrap_or_else(|_| d.to_path_buf()));
    let main = MainPackage { import_path: inputs.import_path.clone(), dir, ..MainPackage::default() };
    compile_files(files, &syms, target, output, main, split)
}

/// What a build knows of package main beyond its files.
#[derive(Default)]
pub struct MainPackage {
    /// Its import path in its module, when a pattern named it.
    pub import_path: Option<String>,
    /// Packages built from files given, not read from their directories
    /// (`rgo test`'s package under test with its tests, and its external
    /// test package).
    pub given: std::collections::HashMap<String, crate::load::Given>,
    /// Package main is a test binary's generated main (`World::main_is_test`).
    pub test_main: bool,
    /// The directory of its files, when they are on disk.
    pub dir: Option<PathBuf>,
}

/// Compiles a test binary's generated `main` (source `main_src`, shown as
/// `name`), with the packages `given`, to assembly units for `target`
/// (`rgo test`, driver/test.rs). `import_path` is the package under test's.
pub fn compile_test_main(main_src: &str, name: &str, import_path: &str, given: std::collections::HashMap<String, crate::load::Given>, target: Target) -> Result<Vec<Unit>, Error> {
    let mut ids = IdGen::default();
    let file = syntax::parse_bytes_all(name, main_src.as_bytes(), &mut ids).map_err(Error::Source)?;
    let main = MainPackage { import_path: Some(import_path.to_string()), given, test_main: true, dir: None };
    compile_files(vec![file], &AsmSymbols::default(), target, check::Output::Program, main, true)
}


/// Prints the escape analysis's report (`-gcflags=-m`, `check::report`)
/// for the packages the flag names, as gc prints it: a `# package` line
/// (`command-line-arguments` for a program given as files), then each
/// line once, by position.
fn print_reports(reports: &mut Vec<(String, crate::diag::Pos, String)>, main_path: Option<&str>) {
    if reports.is_empty() {
        return;
    }
    reports.sort_by(|(pa, a, la), (pb, b, lb)| (pa, &a.file, a.line, a.col, la).cmp(&(pb, &b.file, b.line, b.col, lb)));
    reports.dedup();
    let mut out = String::new();
    let mut current = None;
    for (pkg, pos, line) in reports.iter().filter(|(pkg, ..)| super::gcflags::report(pkg)) {
        if current != Some(pkg) {
            let name = if pkg == "main" { main_path.unwrap_or("command-line-arguments") } else { pkg };
            out.push_str(&format!("# {name}\n"));
            current = Some(pkg);
        }
        out.push_str(&format!("{pos}: {line}\n"));
    }
    eprint!("{out}");
}
/// Checks and lowers the parsed program `files` (package main, as `main`
/// says) and emits its assembly for `target`.
fn compile_files(files: Vec<crate::syntax::ast::File>, syms: &AsmSymbols, target: Target, output: check::Output, main: MainPackage, split: bool) -> Result<Vec<Unit>, Error> {
    let isa = target.isa;
    // The checker recurses over the tree, moving to new stack segments as
    // needed (`stack::grow`); a roomy first segment keeps that rare.
    let lower = || -> Result<Vec<Unit>, Error> {
        let (test_main, import_path, dir) = (main.test_main, main.import_path.clone(), main.dir.clone());
        let facts = check_program(&files, check::library::implicit_imports(output), context(target), main)?;
        let mut strings: Vec<(String, Vec<u8>)> =
            super::stamp::x_strings(&facts.world, &super::stamp::get().link.strings)?.into_iter().map(|(s, v)| (s, v.into_bytes())).collect();
        // go.mod and its companions, read once for both uses below.
        let modules = modules()?;
        let modinfo = if test_main {
            super::stamp::marked("")
        } else {
            super::stamp::marked(&build_info(&facts, modules.as_ref(), import_path.as_deref(), dir.as_deref(), target)?)
        };
        strings.push(("runtime.modinfo".into(), modinfo.clone()));
        let trimpath = super::stamp::get().trimpath;
        if let Some(goroot) = crate::load::goroot().filter(|_| !trimpath) {
            strings.push(("runtime.defaultGOROOT".into(), goroot.display().to_string().into_bytes()));
        }
        let names = super::stamp::FileNames { trim: trimpath.then(|| trimmed_dirs(&facts, modules.as_ref(), import_path.is_none().then_some(dir.as_deref()).flatten())) };
        let mut prog = check::compile(files, facts, isa, target.spec.goos, syms, output)?;
        print_reports(&mut prog.reports, import_path.as_deref());
        crate::opt::inline::inline_calls_in(&mut prog, &super::gcflags::no_inline);
        let asm_refs: std::collections::HashSet<String> = syms.referenced.iter().cloned().collect();
        if super::stamp::get().link.dumpdep {
            let mut err = std::io::stderr().lock();
            crate::opt::dce::dead_code_dumping(&mut prog, &asm_refs, output == check::Output::Library, Some(&mut err));
        } else {
            crate::opt::dce::dead_code(&mut prog, &asm_refs, output == check::Output::Library);
        }
        super::stamp::set_strings(&mut prog, &strings);
        names.apply(&mut prog);
        // Units whose objects the build cache holds are neither optimized
        // nor emitted (`isa::emit::fingerprints`).
        let unit_cache = if split {
            // Trimmed first: an object found here then stays until it links.
            let cache = crate::load::cache::Cache::open();
            if let Some(c) = &cache {
                c.trim(OBJECTS);
            }
            let salt = object_salt(&crate::load::cache::toolchain_id(), target.spec);
            let fingerprints = crate::isa::emit::fingerprints(&prog, isa.goarch(), target.spec, salt.as_bytes());
            let cached = match &cache {
                Some(c) => fingerprints.iter().filter(|(_, f)| c.existing(OBJECTS, f).is_some()).map(|(u, _)| u.clone()).collect(),
                None => Default::default(),
            };
            Some(crate::isa::emit::UnitCache { fingerprints, cached })
        } else {
            None
        };
        use rayon::prelude::*;
        prog.funcs.par_iter_mut().for_each(|f| {
            if unit_cache.as_ref().is_some_and(|c| c.cached.contains(crate::isa::emit::unit_of(&f.sym))) {
                return;
            }
            if let crate::ir::FuncKind::Code(body) = &mut f.kind {
                crate::opt::sroa::split_aggregates(body, &f.abi);
                crate::opt::copies::propagate_copies(body);
                crate::opt::branches_over_jumps(body);
                crate::opt::checks::redundant_bounds_checks(body);
                crate::opt::nilness::redundant_nil_checks(body, target.spec.nil_check.guard());
                crate::opt::cold::outline(body);
                crate::opt::sink::sink_element_addresses(body);
            }
        });
        let mut units = if let Some(c) = &unit_cache {
            isa.emit_units(&prog, target.spec, Some(c))
        } else {
            isa.emit_asm(&prog, target.spec).map(|text| vec![Unit { name: String::new(), text, fingerprint: None }])
        };
        // `go version -m` finds the build information in its ELF section.
        if let (Ok(units), true) = (&mut units, split && output == check::Output::Program && target.spec.goos == "linux") {
            let text = super::stamp::buildinfo_asm(&super::stamp::buildinfo_section(&modinfo));
            units.push(Unit { name: "go.buildinfo".into(), text, fingerprint: None });
        }
        // Freed by another thread, as the trees are (`check::compile`).
        let _ = std::thread::Builder::new().name("rgo-free".into()).spawn(move || drop(prog));
        units.or_else(|e| match e.pos {
            Some(pos) => Err(crate::diag::Diag::new(&pos, e.msg).into()),
            None => err(format!("{} backend: {e}", isa.goarch())),
        })
    };
    std::thread::scope(|s| match std::thread::Builder::new().stack_size(256 << 20).spawn_scoped(s, lower) {
        Ok(h) => h.join().unwrap_or_else(|_| err("internal error: the compiler panicked".to_string())),
        Err(e) => err(format!("cannot start the compiler thread: {e}")),
    })
}

/// The build information of the program whose facts are `facts`, with
/// main package `import_path` (from files when `None`) in `dir`, of the
/// build with main module `modules`
/// (`driver::stamp`).
fn build_info(facts: &check::generic::Facts, modules: Option<&crate::load::module::Modules>, import_path: Option<&str>, dir: Option<&Path>, target: Target) -> Result<String, Error> {
    let in_module = |m: &crate::load::module::Modules| import_path.is_some_and(|p| m.module_of(p).is_some_and(|(path, _, _)| path == m.path));
    let main_module = modules.filter(|m| in_module(m));
    let deps = match modules {
        Some(m) => facts.module_packages.iter().filter_map(|p| m.build_module(p)).collect(),
        None => vec![],
    };
    let vcs = match (main_module, dir) {
        (Some(m), Some(d)) => super::stamp::vcs_settings(&m.dir, d)?,
        _ => vec![],
    };
    let info = super::stamp::BuildInfo {
        path: import_path.unwrap_or("command-line-arguments"),
        main_module: main_module.map(|m| m.path.as_str()),
        deps,
        target: target.spec,
        vcs,
    };
    Ok(info.text())
}

/// What `-trimpath` shows each directory of the build as
/// ([`super::stamp::FileNames`]): GOROOT's `src` as nothing, each module's
/// directory (a vendored one's too) as its path, `@version` added when it
/// has one, and `files_dir` (of files named on the command line) as `.`.
fn trimmed_dirs(facts: &check::generic::Facts, modules: Option<&crate::load::module::Modules>, files_dir: Option<&Path>) -> Vec<(PathBuf, String)> {
    let mut dirs = vec![];
    if let Some(g) = crate::load::goroot() {
        dirs.push((g.join("src"), String::new()));
    }
    if let Some(m) = modules {
        dirs.push((m.dir.clone(), m.path.clone()));
        for p in &facts.module_packages {
            let Some((path, _, dir)) = m.module_of(p) else { continue };
            // The version go.mod requires, a replaced module's too.
            let shown = match m.build_module(p) {
                Some(b) => format!("{path}@{}", b.version),
                None => path.clone(),
            };
            let dir = crate::paths::normalize(&dir.unwrap_or_else(|| m.dir.join("vendor").join(&path)));
            if !dirs.iter().any(|(d, _)| *d == dir) {
                dirs.push((dir, shown));
            }
        }
    }
    if let Some(d) = files_dir {
        dirs.push((d.to_path_buf(), ".".into()));
    }
    dirs
}

/// `rgo build` of a package that is not a command: checked and compiled,
/// the result discarded, as `go build` does (through a program that
/// imports it, so that the lowering compiles it as any build would).
pub fn check_package(import_path: &str, target: Target) -> Result<(), Error> {
    let src = format!("package main\n\nimport _ {import_path:?}\n\nfunc main() {{}}\n");
    let mut ids = IdGen::default();
    let file = syntax::parse_bytes_all("<command-line>", src.as_bytes(), &mut ids).map_err(Error::Source)?;
    // The package's own path stands for the program's, so that it may
    // import its module's internal packages.
    let main = MainPackage { import_path: Some(import_path.to_string()), ..MainPackage::default() };
    compile_files(vec![file], &AsmSymbols::default(), target, check::Output::Program, main, false).map(drop)
}

/// Whether `files` import any package but `unsafe`.
fn imports_packages(files: &[crate::syntax::ast::File]) -> bool {
    files.iter().flat_map(|f| &f.imports).any(|i| i.path != "unsafe")
}

/// The build context of `target` for choosing files (the boards' as
/// `Context::for_target` says).
pub fn context(target: Target) -> crate::load::constraint::Context {
    crate::load::constraint::Context::for_target(target.spec.goos, target.isa.goarch())
}

/// The main module of a build run here, if any (`load::module`).
pub fn modules() -> Result<Option<crate::load::module::Modules>, Error> {
    let cwd = std::env::current_dir().or_else(|e| err(format!("cannot read the current directory: {}", io_msg(&e))))?;
    crate::load::module::Modules::find(&cwd).or_else(err)
}

/// The type checker (`types`, docs/frontend.md) on the program, before the
/// lowering builds it: what it reports is what the build reports. The
/// packages the program imports are checked from source: GOROOT's, with
/// rgo's own packages in the place of GOROOT's (`load::Own::All`), and
/// the main module's and its dependencies'; those the lowering compiles
/// are checked from source, and their trees and facts handed to it, with
/// those of `implicit` (packages a build compiles unasked:
/// `check::library::implicit_imports`). `main` says what package main is
/// beyond its files. Errors in a module's package are
/// reported where they are, as the go command reports them (the first
/// package to fail, not the imports of it).
fn check_program(files: &[crate::syntax::ast::File], implicit: &[&str], ctx: crate::load::constraint::Context, main: MainPackage) -> Result<check::generic::Facts, Error> {
    use crate::load::{goroot, Goroot, PackageImporter};
    let mut world = crate::types::World::new();
    world.main_import_path = main.import_path;
    world.main_is_test = main.test_main;
    let mut info = crate::types::Info::default();
    let mut packages = std::collections::HashMap::new();
    let mut module_packages = std::collections::HashSet::new();
    let checked = match goroot() {
        Some(root) => {
            let mut importer = PackageImporter::new(Goroot {
                root,
                ctx,
                own: crate::load::Own::All,
            })
            .with_cache(crate::load::cache::Cache::open())
            .with_modules(modules()?)
            .with_given(main.given);
            importer.keep_for(files.iter().flat_map(|f| &f.imports).map(|i| i.path.as_str()).chain(implicit.iter().copied()));
            for path in implicit {
                if let Err(e) = importer.check(&mut world, path) {
                    let ds = importer.failed.remove(*path).unwrap_or_default();
                    return Err(if ds.is_empty() { Error::Driver(format!("package {path}: {e}")) } else { Error::Source(ds) });
                }
            }
            let r = crate::types::check_package(&mut world, &mut info, "main", files, &mut importer);
            if let Err(ds) = r {
                return Err(Error::Source(module_failures(&importer, ds)));
            }
            for (path, files) in std::mem::take(&mut importer.sources) {
                if let Some(info) = importer.infos.remove(&path) {
                    if importer.is_module_package(&path) {
                        module_packages.insert(path.clone());
                    }
                    packages.insert(path, (files, info));
                }
            }
            r
        }
        // A program that imports nothing needs no Go installation.
        None if !imports_packages(files) => crate::types::check_package(&mut world, &mut info, "main", files, &mut crate::types::InWorld),
        None => {
            return err("a program that imports packages needs Go's source (GOROOT) for rgo's type checker: install golang-1.19-src, or set GOROOT");
        }
    };
    checked.map_err(Error::Source)?;
    Ok(check::generic::Facts { world, info, packages, module_packages })
}

/// The errors of a build whose package main has errors `main`: first
/// those of the modules' packages (and packages given as files: a test
/// binary's) that failed, each package's in the order
/// they failed, then main's; but those that only say an import of such a
/// package failed (`could not import P (package P has errors…)`). When
/// some are the go command's errors in loading packages (an import that
/// finds no package, a cycle, an internal package), only those: the go
/// command checks nothing after them. gc's `too many errors` rule applies
/// to the whole.
fn module_failures(importer: &crate::load::PackageImporter, main: Vec<crate::diag::Diag>) -> Vec<crate::diag::Diag> {
    let order: Vec<String> = importer.failed_order.iter().filter(|p| importer.is_module_package(p) || importer.is_given(p)).cloned().collect();
    let loading = |d: &crate::diag::Diag| importer.load_errors.contains(&d.msg) || d.msg.starts_with("use of internal package ");
    if order.is_empty() {
        return if main.iter().any(loading) { main.into_iter().filter(loading).collect() } else { main };
    }
    let mut out = vec![];
    let consequence = |d: &crate::diag::Diag| d.msg == "too many errors" || order.iter().any(|q| d.msg.starts_with(&format!("could not import {q} (")));
    for p in &order {
        let ds = importer.failed.get(p).cloned().unwrap_or_default();
        out.extend(ds.into_iter().filter(|d| !consequence(d)));
    }
    out.extend(main.into_iter().filter(|d| !consequence(d)));
    if out.iter().any(loading) {
        out.retain(loading);
    }
    if out.len() > crate::types::MAX_ERRORS {
        let last = out[crate::types::MAX_ERRORS - 1].pos.clone();
        out.truncate(crate::types::MAX_ERRORS);
        out.push(crate::diag::Diag::new(&last, "too many errors"));
    }
    out
}

/// A temporary work directory, removed on drop unless `RGO_KEEP_WORK=1`,
/// in which case its path is printed (as `go build -work` prints WORK=).
pub struct WorkDir {
    dir: Option<tempfile::TempDir>,
    path: PathBuf,
}

impl WorkDir {
    pub fn new() -> Result<WorkDir, Error> {
        let dir = tempfile::Builder::new()
            .prefix("rgo-build-")
            .tempdir()
            .or_else(|e| err(format!("cannot create a work directory: {}", io_msg(&e))))?;
        let path = dir.path().to_path_buf();
        if std::env::var_os("RGO_KEEP_WORK").is_some_and(|v| v == "1") {
            super::say(&format!("WORK={}", path.display()));
            return Ok(WorkDir { dir: None, path: dir.keep() });
        }
        Ok(WorkDir { dir: Some(dir), path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        if let Some(d) = self.dir.take() {
            let _ = d.close();
        }
    }
}

/// Where `command` is found on the search path `path` (`PATH`), or as
/// given when it holds a `/`.
pub fn find_program(command: &str, path: Option<&OsStr>) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let runnable = |p: &Path| p.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0);
    if command.contains('/') {
        let p = PathBuf::from(command);
        return runnable(&p).then_some(p);
    }
    std::env::split_paths(path?).map(|d| d.join(command)).find(|p| runnable(p))
}

/// `tool`, found on `PATH`; its absence is an error naming what it is for
/// and the Debian package that provides it.
pub fn require(tool: Tool, what: &str) -> Result<PathBuf, Error> {
    match find_program(tool.command, std::env::var_os("PATH").as_deref()) {
        Some(p) => Ok(p),
        None => err(missing_tool(tool, what)),
    }
}

/// The message for a missing tool.
pub fn missing_tool(tool: Tool, what: &str) -> String {
    format!("{} ({what}) is not installed: install the Debian package {}", tool.command, tool.debian_package)
}

/// Runs a tool; its output goes to our stderr; failure is a driver error.
fn run_tool(mut cmd: Command, what: &str) -> Result<(), Error> {
    let shown = format!("{cmd:?}");
    match cmd.status() {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => err(format!("{what} failed ({s}): {shown}")),
        Err(e) => err(format!("cannot run {:?} for {what}: {}", cmd.get_program(), io_msg(&e))),
    }
}

/// The C compiler driver for `target`, found on `PATH`.
fn c_compiler(target: &rgo_targets::Target) -> Result<PathBuf, Error> {
    require(target.c_compiler(), &format!("the C compiler for {target}"))
}

/// Assembles `src` (GNU as syntax; `.S` goes through the preprocessor)
/// into the object `obj` with the target's C compiler driver and flags.
pub fn assemble(target: &rgo_targets::Target, src: &Path, obj: &Path) -> Result<(), Error> {
    let mut cmd = Command::new(c_compiler(target)?);
    cmd.args(target.asm_flags).args(["-c", "-o"]).arg(obj).arg(src);
    run_tool(cmd, &format!("assembling {}", src.display()))
}

/// Links `objects` with the runtime into the static executable `out`,
/// with the target's link flags (for Linux: no C library and no startup
/// files, rt-core's `_start` is the entry, and `--gc-sections` drops every
/// runtime routine the program does not use).
pub fn link(target: &rgo_targets::Target, objects: &[PathBuf], out: &Path) -> Result<(), Error> {
    let cc = c_compiler(target)?;
    let rt = super::runtime::runtime_lib(target)?;
    let mut cmd = Command::new(cc);
    cmd.args(target.link.flags);
    if let Some(script) = target.link.script {
        // Written beside the executable (in the build's work directory).
        let dir = out.parent().unwrap_or(Path::new("."));
        let path = dir.join("link.ld");
        std::fs::write(&path, script).or_else(|e| err(format!("write {}: {}", path.display(), io_msg(&e))))?;
        cmd.arg(format!("-Wl,-T,{}", path.display()));
    }
    // `-ldflags=-s`, `-w`.
    let link = &super::stamp::get().link;
    if link.strip {
        cmd.arg("-Wl,--strip-all");
    } else if link.no_dwarf {
        cmd.arg("-Wl,--strip-debug");
    }
    cmd.arg("-o").arg(out).args(objects).arg(&rt);
    run_tool(cmd, "linking")
}

/// `rgo build`: compiles `inputs` into the executable `out`.
pub fn build(inputs: &Inputs, target: Target, out: &Path) -> Result<(), Error> {
    let units = compile_to_units(inputs, target, check::Output::Program)?;
    build_in(&WorkDir::new()?, &units, inputs, target, out)
}

/// `rgo build --lib`: compiles `inputs` as a library and archives its
/// objects (no runtime: a Rust host links rt-core) into `out`.
pub fn build_lib(inputs: &Inputs, target: Target, out: &Path) -> Result<(), Error> {
    let units = compile_to_units(inputs, target, check::Output::Library)?;
    let work = WorkDir::new()?;
    let objects = assemble_all(&work, &units, inputs, target.spec)?;
    let archive = work.path().join("lib.a");
    let mut cmd = Command::new(archiver(target.spec)?);
    cmd.arg("rcs").arg(&archive).args(&objects);
    run_tool(cmd, "archiving")?;
    install(&archive, out)
}

/// The archiver for `target`: binutils' `ar` beside its C compiler
/// (`aarch64-linux-gnu-gcc` -> `aarch64-linux-gnu-ar`), from the same
/// Debian package.
fn archiver(target: &rgo_targets::Target) -> Result<PathBuf, Error> {
    let cc = target.c_compiler();
    let command = match cc.command.strip_suffix("gcc") {
        Some(prefix) => format!("{prefix}ar"),
        None => "ar".to_string(),
    };
    let package = if cc.debian_package == "gcc" { "binutils" } else { cc.debian_package };
    match find_program(&command, std::env::var_os("PATH").as_deref()) {
        Some(p) => Ok(p),
        None => err(format!("{command} (the archiver for {target}) is not installed: install the Debian package {package}")),
    }
}

/// Assembles the program's files `units` and the user's assembly files in
/// `work`, as many at once as there are processors; returns the objects,
/// in that order. The object of a unit the build cache has is the cache's,
/// not assembled again: its key is the unit's fingerprint (what the text
/// is made from, the target and rgo's identity: what decides the object),
/// or for a unit emitted without one, its text with the same.
fn assemble_all(work: &WorkDir, units: &[Unit], inputs: &Inputs, target: &rgo_targets::Target) -> Result<Vec<PathBuf>, Error> {
    use rayon::prelude::*;
    let cache = crate::load::cache::Cache::open();
    // The cache is trimmed before emission looks objects up (`compile`):
    // an entry this build finds then stays until it links. (Trimmed after
    // the lookups, the cache could lose entries found a moment before: use
    // is marked only to the hour, so within the hour they may look least
    // recently used, and the link failed on them.)
    let salt = object_salt(&crate::load::cache::toolchain_id(), target);
    let program = units.par_iter().enumerate().map(|(i, u)| {
        let key = u.fingerprint.unwrap_or_else(|| object_key(&salt, &u.text));
        if let Some(obj) = cache.as_ref().and_then(|c| c.existing(OBJECTS, &key)) {
            return Ok(obj);
        }
        if u.text.is_empty() && u.fingerprint.is_some() {
            return err(format!("the build cache lost the object of package {} while building: build again", u.name));
        }
        let stem = if u.name.is_empty() { "shared".to_string() } else { u.name.replace('/', "_") };
        let (src, obj) = (work.path().join(format!("{i}_{stem}.s")), work.path().join(format!("{i}_{stem}.o")));
        std::fs::write(&src, &u.text).or_else(|e| err(format!("write {}: {}", src.display(), io_msg(&e))))?;
        assemble(target, &src, &obj)?;
        if let Some(c) = &cache {
            c.put_file(OBJECTS, &key, &obj);
        }
        Ok(obj)
    });
    let user = inputs.asm.par_iter().enumerate().map(|(i, a)| {
        let stem = a.file_stem().map_or_else(|| "asm".into(), |s| s.to_string_lossy().into_owned());
        let obj = work.path().join(format!("user{i}_{stem}.o"));
        assemble(target, a, &obj)?;
        Ok(obj)
    });
    program.chain(user).collect()
}

/// The build cache's kind for assembled objects.
const OBJECTS: &str = "obj";

/// What decides an object besides the assembly or the IR it comes from:
/// the rgo `tool`, the target and its assembler.
fn object_salt(tool: &str, target: &rgo_targets::Target) -> String {
    ["rgo object 2", tool, &target.to_string(), target.c_compiler().command].join("\0")
}

/// The cache key of the object assembled from `text` (see [`object_salt`]).
fn object_key(salt: &str, text: &str) -> crate::load::cache::Key {
    let mut h = blake3::Hasher::new();
    h.update(salt.as_bytes());
    h.update(&[0]);
    h.update(text.as_bytes());
    *h.finalize().as_bytes()
}

/// Assembles the program's files `units` and the user's assembly files in
/// `work` and links them into `out`.
pub fn build_in(work: &WorkDir, units: &[Unit], inputs: &Inputs, target: Target, out: &Path) -> Result<(), Error> {
    let target = target.spec;
    let objects = assemble_all(work, units, inputs, target)?;
    let linked = work.path().join("a.out");
    link(target, &objects, &linked)?;
    install(&linked, out)
}

/// Moves the executable linked in the work directory to `out`.
///
/// The linker unlinks its output file before writing it, which would replace
/// a device such as `/dev/null` with a regular file; as `go build -o
/// /dev/null` does, anything that is not a regular file or a directory gets
/// the executable's bytes written into it instead.
fn install(linked: &Path, out: &Path) -> Result<(), Error> {
    let fail = |e: std::io::Error| err(format!("write {}: {}", out.display(), io_msg(&e)));
    match std::fs::metadata(out) {
        Ok(m) if !m.is_file() && !m.is_dir() => {
            let bytes = std::fs::read(linked).or_else(|e| err(format!("read {}: {}", linked.display(), io_msg(&e))))?;
            std::fs::write(out, bytes).or_else(fail)
        }
        // A rename fails across file systems (the work directory is in /tmp);
        // a copy keeps the executable's permissions.
        _ => match std::fs::rename(linked, out) {
            Ok(()) => Ok(()),
            Err(_) => std::fs::copy(linked, out).map(drop).or_else(fail),
        },
    }
}
