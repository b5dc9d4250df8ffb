//! Loading packages: where a package's source is, which of its files a
//! build uses, and checking packages each after the packages it imports.
//!
//! The standard library comes from a Go installation's source (GOROOT:
//! `$GOROOT`, else `go env GOROOT`, else Debian's `/usr/lib/go-1.19`), as
//! issue 26 asks; nothing of it is copied into rgo. Imports of `vendor/`
//! packages of the standard library resolve as the go command resolves
//! them. Other packages come from the main module and its dependencies
//! ([`module`]). This is the first stage of the pipeline.

pub mod api;
pub mod cache;
pub mod constraint;
pub mod embed;
pub mod inputs;
pub mod module;
pub mod pattern;

use crate::diag::{Diag, Pos};
use crate::syntax::{ast, IdGen};
use crate::types::object::PkgId;
use crate::types::{check_package, ImportError, Importer, Info, World};
use constraint::Context;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The Go installation whose source the standard library is read from.
pub fn goroot() -> Option<PathBuf> {
    if let Some(g) = std::env::var_os("GOROOT").filter(|g| !g.is_empty()) {
        return Some(PathBuf::from(g));
    }
    // What `go env GOROOT` says without running it (10 ms a build): the go
    // command's own tree, found from the executable as the go command finds
    // it (the directory above its `bin`, through symlinks).
    let on_path = std::env::var_os("PATH").and_then(|p| std::env::split_paths(&p).map(|d| d.join("go")).find(|g| g.is_file()));
    if let Some(tree) = on_path.and_then(|g| std::fs::canonicalize(g).ok()).and_then(|g| Some(g.parent()?.parent()?.to_path_buf())) {
        if tree.join("src").join("runtime").is_dir() {
            return Some(tree);
        }
    }
    if let Ok(out) = std::process::Command::new("go").args(["env", "GOROOT"]).output() {
        let s = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if out.status.success() && !s.is_empty() && Path::new(&s).join("src").is_dir() {
            return Some(PathBuf::from(s));
        }
    }
    let debian = Path::new("/usr/lib/go-1.19");
    debian.join("src").is_dir().then(|| debian.to_path_buf())
}

/// One package's source files for a build, parsed.
pub struct Source {
    pub path: String,
    pub files: Vec<ast::File>,
}

/// Finds and reads standard library packages from GOROOT for one build
/// context.
pub struct Goroot {
    pub root: PathBuf,
    pub ctx: Context,
    /// Which of rgo's own packages take the place of GOROOT's.
    pub own: Own,
}

/// Which of rgo's own packages (`toolchain/lib`) take the place of
/// GOROOT's for the type checker. In every case rgo's stand in for the
/// packages GOROOT lacks (`runtime/volatile`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Own {
    /// None: GOROOT's library as Go has it.
    None,
    /// Every one, as a build checks programs: the replacements the
    /// runtime requires and the stand-ins the lowering compiles until
    /// GOROOT's compile (`time`, `sort`).
    All,
}

impl Goroot {
    /// The directory of standard library package `path` (a vendored one
    /// under `src/vendor`), if it exists.
    pub fn dir(&self, path: &str) -> Option<PathBuf> {
        let src = self.root.join("src");
        [src.join(path), src.join("vendor").join(path)].into_iter().find(|d| d.is_dir() && has_go_files(d))
    }

    /// Reads the files of package `path` that the build uses (by name and
    /// build constraints), with their contents.
    /// A package rgo has of its own (`toolchain/lib`: `runtime`, `sync`,
    /// `reflect`, `runtime/volatile`, …) takes the place of GOROOT's whole,
    /// as the lowering compiles it (docs/stdlib.md), its files named as the
    /// lowering names them (`$GOROOT/src/…`).
    pub fn read(&self, path: &str) -> Result<Vec<(PathBuf, Vec<u8>)>, Vec<Diag>> {
        let at = || Pos::new("<import>".into(), 0, 0);
        if let Some(own) = self.own(path).filter(|_| self.is_own(path)) {
            return Ok(own);
        }
        let Some(dir) = self.dir(path) else {
            if let Some(own) = self.own(path).filter(|_| crate::check::library::overlay(path).is_none()) {
                return Ok(own);
            }
            return Err(vec![Diag::new(&at(), format!("package {path} is not in GOROOT ({})", self.root.join("src").join(path).display()))]);
        };
        let mut read = read_dir(&dir, &self.ctx.for_package(path), |f| f.to_path_buf())?;
        if self.own == Own::All && crate::check::library::overlay(path).is_some() {
            read.extend(self.own(path).unwrap_or_default());
        }
        Ok(read)
    }

    /// Whether package `path` is rgo's own (`Goroot::own`) and takes the
    /// place of GOROOT's.
    pub fn is_own(&self, path: &str) -> bool {
        self.own == Own::All && crate::check::library::overlay(path).is_none() && crate::check::library::files_for(path, &self.ctx).next().is_some()
    }

    /// Whether the lowering compiles package `path` from its source: one
    /// of rgo's own packages that takes GOROOT's place, or a package of
    /// GOROOT's for which rgo has neither a package of its own nor one the
    /// lowering knows by name (`check::intrinsic_package`: `math`, `runtime`,
    /// …).
    pub fn lowered(&self, path: &str) -> bool {
        if path == "unsafe" || path == "C" {
            return false;
        }
        let stand_in = crate::check::library::overlay(path).is_none() && crate::check::library::files_for(path, &self.ctx).next().is_some();
        self.is_own(path) || (!crate::check::intrinsic_package(path) && !stand_in && self.dir(path).is_some())
    }

    /// The files of rgo's own package `path` that the build uses, if rgo
    /// has such a package. (User code cannot import rgo's `internal/` ones:
    /// the checker allows an internal package to its parent's tree only.)
    pub fn own(&self, path: &str) -> Option<Vec<(PathBuf, Vec<u8>)>> {
        let own: Vec<(PathBuf, Vec<u8>)> = crate::check::library::files_for(path, &self.ctx)
            .map(|(name, src)| (PathBuf::from(format!("{}{path}/{name}", crate::check::library::FILE_PREFIX)), src.as_bytes().to_vec()))
            .collect();
        (!own.is_empty()).then_some(own)
    }

    /// Reads and parses the files of package `path` that the build uses.
    /// Files that `import "C"` are left out (no cgo), as are files the
    /// constraints exclude.
    pub fn load(&self, path: &str, ids: &mut IdGen) -> Result<Source, Vec<Diag>> {
        let read = self.read(path)?;
        self.parse(path, &read, ids)
    }

    /// Parses the files [`Goroot::read`] read.
    fn parse(&self, path: &str, read: &[(PathBuf, Vec<u8>)], ids: &mut IdGen) -> Result<Source, Vec<Diag>> {
        let mut files = vec![];
        let mut errors = vec![];
        for (file, src) in read {
            match crate::syntax::parse_bytes_all(&file.display().to_string(), src, ids) {
                Ok(f) if !self.ctx.cgo && f.imports.iter().any(|i| i.path == "C") => {}
                Ok(mut f) => {
                    f.errors.retain(|d| !crate::syntax::parser::std_only(d));
                    if let Err(es) = embed::resolve(&mut f) {
                        errors.extend(es);
                    }
                    if self.own == Own::All && !file.starts_with(crate::check::library::FILE_PREFIX) {
                        crate::check::library::rename_overlaid(path, &mut f);
                    }
                    files.push(f);
                }
                Err(es) => errors.extend(es),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        if files.is_empty() {
            let dir = read.first().and_then(|(f, _)| f.parent()).map(|d| d.display().to_string()).unwrap_or_default();
            return Err(vec![Diag::new(&Pos::new("<import>".into(), 0, 0), format!("build constraints exclude all Go files in {dir}"))]);
        }
        // Files of another package in the directory (a `package main`
        // generator kept under `//go:build ignore` is excluded already).
        let name = files[0].package.name.clone();
        files.retain(|f| f.package.name == name);
        Ok(Source { path: path.to_string(), files })
    }
}

use module::has_go_files;

/// Reads the files of the package in `dir` that a build for `ctx` uses
/// (by name and build constraints), with their contents, each named as
/// `name` says (its path as diagnostics show it).
pub fn read_dir(dir: &Path, ctx: &Context, name: impl Fn(&Path) -> PathBuf) -> Result<Vec<(PathBuf, Vec<u8>)>, Vec<Diag>> {
    let files = read_non_test_files(dir, ctx, &name)?;
    if files.is_empty() {
        let at = Pos::new("<import>".into(), 0, 0);
        if !read_test_files(dir, ctx, name)?.is_empty() {
            return Err(vec![Diag::new(&at, format!("no non-test Go files in {}", dir.display()))]);
        }
        return Err(vec![Diag::new(&at, format!("build constraints exclude all Go files in {}", dir.display()))]);
    }
    Ok(files)
}

/// The files of the package in `dir` as [`read_dir`] reads them, where there
/// may be none (a package of test files only, which `go test` takes).
pub fn read_non_test_files(dir: &Path, ctx: &Context, name: impl Fn(&Path) -> PathBuf) -> Result<Files, Vec<Diag>> {
    read_matching(dir, ctx, |n| ctx.file_name_ok(n), name)
}

/// The test files (`_test.go`) of the package in `dir` that a build for
/// `ctx` uses, as [`read_dir`] reads the others; there may be none.
pub fn read_test_files(dir: &Path, ctx: &Context, name: impl Fn(&Path) -> PathBuf) -> Result<Files, Vec<Diag>> {
    read_matching(dir, ctx, |n| ctx.test_file_name_ok(n), name)
}

/// The files of `dir` whose names `pick` takes and whose build
/// constraints `ctx` satisfies, named as `name` says, sorted by name.
fn read_matching(dir: &Path, ctx: &Context, pick: impl Fn(&str) -> bool, name: impl Fn(&Path) -> PathBuf) -> Result<Files, Vec<Diag>> {
    let at = || Pos::new("<import>".into(), 0, 0);
    inputs::note(dir);
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| vec![Diag::new(&at(), format!("{}: {e}", dir.display()))])?
        .filter_map(|e| e.ok().and_then(|e| e.file_name().into_string().ok()))
        .filter(|n| pick(n))
        .collect();
    names.sort();
    let mut files = vec![];
    let mut errors = vec![];
    for n in names {
        let file = dir.join(&n);
        if file.is_dir() {
            continue;
        }
        let src = std::fs::read(&file).map_err(|e| vec![Diag::new(&at(), format!("{}: {e}", file.display()))])?;
        let shown = name(&file);
        match ctx.file_ok(&src) {
            Ok(true) => files.push((shown, src)),
            Ok(false) => {}
            Err(e) => errors.push(Diag::new(&Pos::new(shown.display().to_string().into(), 1, 1), e)),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(files)
}

/// `path` as the go command shows it (`base.ShortPath`): relative to
/// `cwd` when that is shorter, `./name` for a file in `cwd` itself.
pub fn short_path(path: &Path, cwd: &Path) -> PathBuf {
    let (a, b): (Vec<_>, Vec<_>) = (path.components().collect(), cwd.components().collect());
    if !path.is_absolute() || !cwd.is_absolute() {
        return path.to_path_buf();
    }
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut rel = PathBuf::new();
    for _ in common..b.len() {
        rel.push("..");
    }
    for c in &a[common..] {
        rel.push(c);
    }
    if rel.as_os_str().len() >= path.as_os_str().len() {
        return path.to_path_buf();
    }
    if rel.components().count() == 1 {
        return Path::new(".").join(rel);
    }
    rel
}

/// A package's files as read: names and contents.
pub type Files = Vec<(PathBuf, Vec<u8>)>;

/// A package whose files a build is given, in place of those its directory
/// holds for a build: as the go command builds a test binary, the package
/// under test with its `_test.go` files of the same package, and its
/// external test package (`p_test`), which has no directory of its own.
#[derive(Clone, Debug, Default)]
pub struct Given {
    pub files: Files,
    /// The directory of a module's package; `None` for GOROOT's.
    pub module_dir: Option<PathBuf>,
}

/// Imports packages by checking them from source into the world, each
/// once, its imports first: the standard library's from GOROOT (or, with
/// a build cache, by reading the export data an earlier build left
/// there), the main module's and its dependencies' from where
/// [`module::Modules`] finds them.
pub struct PackageImporter {
    pub goroot: Goroot,
    /// The main module, if the build is in one.
    pub modules: Option<module::Modules>,
    /// The directory file names are shown relative to ([`short_path`]).
    cwd: PathBuf,
    /// [`Self::module_dir`]'s answers, by import path.
    module_dirs: std::cell::RefCell<HashMap<String, Result<Option<PathBuf>, String>>>,
    /// The packages that failed, in the order they failed (a package
    /// before those that import it).
    pub failed_order: Vec<String>,
    /// The messages of imports that found no package (or a cycle): the go
    /// command's errors in loading, reported alone, before any checking.
    pub load_errors: HashSet<String>,
    /// The facts of every package checked from source, by import path.
    pub infos: HashMap<String, Info>,
    /// The packages whose syntax trees are kept, checked from source in
    /// every build: the ones the lowering compiles from source
    /// ([`Goroot::lowered`]) that the program reaches through such
    /// packages ([`PackageImporter::keep_for`]). The lowering compiles those
    /// trees and reads their facts.
    keep: HashSet<String>,
    /// Files read and parsed while finding what to keep, checked from them.
    parsed: HashMap<String, (Files, Source)>,
    /// The trees kept, by import path.
    pub sources: HashMap<String, Vec<ast::File>>,
    /// Packages being checked, for import cycles.
    loading: Vec<String>,
    /// Packages that failed, with their errors (reported once).
    pub failed: HashMap<String, Vec<Diag>>,
    cache: Option<cache::Cache>,
    /// Packages whose files are given ([`Given`]), by import path.
    given: HashMap<String, Given>,
    /// What identifies rgo itself, in every key.
    toolchain: String,
    /// The key of each package imported: its files, the target, rgo, and
    /// the keys of its imports.
    keys: HashMap<String, cache::Key>,
}

/// The kind of cache entry: a package's export data, after the keys of the
/// imports it was checked against.
const EXPORT: &str = "types";

/// The kind of cache entry: a package's own key ([`PackageImporter::own_key`])
/// under a key of its files' names, sizes and modification times.
const STAT: &str = "stat";

impl PackageImporter {
    pub fn new(goroot: Goroot) -> PackageImporter {
        PackageImporter {
            goroot,
            modules: None,
            cwd: std::env::current_dir().unwrap_or_default(),
            module_dirs: Default::default(),
            failed_order: vec![],
            load_errors: HashSet::new(),
            infos: HashMap::new(),
            keep: HashSet::new(),
            parsed: HashMap::new(),
            sources: HashMap::new(),
            loading: vec![],
            failed: HashMap::new(),
            cache: None,
            given: HashMap::new(),
            toolchain: String::new(),
            keys: HashMap::new(),
        }
    }

    /// Imports the packages of `modules`' modules too.
    pub fn with_modules(mut self, modules: Option<module::Modules>) -> PackageImporter {
        self.modules = modules;
        self
    }

    /// Builds packages `given` from the files given ([`Given`]).
    pub fn with_given(mut self, given: HashMap<String, Given>) -> PackageImporter {
        self.given = given;
        self
    }

    /// The directory of package `path` if a module of the build holds it;
    /// `None` for the standard library's. Without a main module, a path
    /// that only a module could hold (its first element has a dot) and
    /// that GOROOT does not vendor is the go command's error.
    pub fn module_dir(&self, path: &str) -> Result<Option<PathBuf>, String> {
        // Asked several times per package (reading, lowering, errors):
        // the file system is looked at once.
        if let Some(g) = self.given.get(path) {
            return Ok(g.module_dir.clone());
        }
        if let Some(found) = self.module_dirs.borrow().get(path) {
            return found.clone();
        }
        let found = self.find_module_dir(path);
        self.module_dirs.borrow_mut().insert(path.to_string(), found.clone());
        found
    }

    fn find_module_dir(&self, path: &str) -> Result<Option<PathBuf>, String> {
        match &self.modules {
            Some(m) => match m.find_package(path)? {
                module::Found::Dir(d) => Ok(Some(d)),
                module::Found::NotModule => Ok(None),
            },
            None => {
                let first = path.split('/').next().unwrap_or("");
                if first.contains('.') && self.goroot.dir(path).is_none() {
                    return Err(format!("no required module provides package {path}: go.mod file not found in current directory or any parent directory; see 'go help modules'"));
                }
                Ok(None)
            }
        }
    }

    /// Whether package `path` is built from files given ([`Given`]).
    pub fn is_given(&self, path: &str) -> bool {
        self.given.contains_key(path)
    }

    /// Whether `path` is a package of a module (not the standard library's).
    pub fn is_module_package(&self, path: &str) -> bool {
        matches!(self.module_dir(path), Ok(Some(_)))
    }

    /// Reads the files of package `path` the build uses: a module's, named
    /// as the go command shows them, or GOROOT's. A package that cannot be
    /// found is an error said at the import.
    fn read(&self, path: &str) -> Result<Files, ReadError> {
        if let Some(g) = self.given.get(path) {
            return Ok(g.files.clone());
        }
        match self.module_dir(path) {
            Ok(Some(dir)) => read_dir(&dir, &self.goroot.ctx, |f| short_path(f, &self.cwd)).map_err(ReadError::Package),
            Ok(None) => self.goroot.read(path).map_err(ReadError::Package),
            Err(m) => Err(ReadError::Import(m)),
        }
    }

    /// Parses what [`Self::read`] read; a module's `package main` cannot be
    /// imported.
    fn parse(&self, path: &str, read: &[(PathBuf, Vec<u8>)], ids: &mut IdGen) -> Result<Source, ReadError> {
        let src = self.goroot.parse(path, read, ids).map_err(ReadError::Package)?;
        if src.files[0].package.name == "main" && self.is_module_package(path) {
            return Err(ReadError::Import(format!("import \"{path}\" is a program, not an importable package")));
        }
        Ok(src)
    }

    /// Whether the lowering compiles package `path` from source: every
    /// module package, and GOROOT's as [`Goroot::lowered`] says.
    pub fn lowered(&self, path: &str) -> bool {
        if self.given.contains_key(path) {
            return true;
        }
        match self.module_dir(path) {
            Ok(Some(_)) => true,
            Ok(None) => self.goroot.lowered(path),
            Err(_) => false,
        }
    }

    /// Imports through `cache`: export data found there is read instead of
    /// checking the package's source, and what is checked is stored.
    pub fn with_cache(mut self, cache: Option<cache::Cache>) -> PackageImporter {
        self.toolchain = cache::toolchain_id();
        self.cache = cache;
        self
    }

    /// Keeps the trees of the packages the lowering compiles from source
    /// that `roots` (the program's imports) reach through such packages:
    /// found before any is checked, since a package checked for another
    /// reason first (`fmt` importing `sync`) would not be checked again.
    /// A package that cannot be read or parsed is left to [`Self::check`]
    /// to report.
    pub fn keep_for<'p>(&mut self, roots: impl IntoIterator<Item = &'p str>) {
        let mut todo: Vec<String> = roots.into_iter().map(str::to_string).collect();
        while let Some(path) = todo.pop() {
            if !self.lowered(&path) || !self.keep.insert(path.clone()) {
                continue;
            }
            let Ok(read) = self.read(&path) else { continue };
            let Ok(src) = self.parse(&path, &read, &mut IdGen::default()) else { continue };
            todo.extend(src.files.iter().flat_map(|f| &f.imports).map(|i| i.path.clone()));
            self.parsed.insert(path, (read, src));
        }
    }

    /// Checks package `path` (and what it imports) if not done yet.
    pub fn check(&mut self, w: &mut World, path: &str) -> Result<PkgId, ImportError> {
        if self.failed.contains_key(path) {
            return Err(ImportError::Failed(format!("package {path} has errors")));
        }
        if let Some(p) = w.package_by_path(path).filter(|&p| w.pkg(p).complete) {
            return Ok(p);
        }
        if let Some(at) = self.loading.iter().position(|l| l == path) {
            // The go command's words, with the chain of imports.
            let chain: Vec<&str> = self.loading[at..].iter().map(String::as_str).chain([path]).collect();
            let m = format!("import cycle not allowed: {}", chain.join(" imports "));
            self.load_errors.insert(m.clone());
            return Err(ImportError::Message(m));
        }
        // A package the lowering compiles is checked from source: its
        // trees and facts are what the lowering reads.
        let keep = self.keep.contains(path);
        if let Some((read, src)) = self.parsed.remove(path) {
            let own = self.cache.is_some().then(|| self.own_key(path, &read));
            return self.check_source(w, path, src, own);
        }
        // The files' names, sizes and times stand for their contents when
        // an earlier build saw them so (`STAT` entries).
        let stat = self.cache.as_ref().filter(|_| !keep).and_then(|_| self.stat_key(path));
        let remembered = match (&stat, &self.cache) {
            (Some(s), Some(c)) => c.get(STAT, s).and_then(|b| cache::Key::try_from(b.as_slice()).ok()),
            _ => None,
        };
        if let Some(own) = remembered {
            self.loading.push(path.to_string());
            let found = self.cached(w, path, &own);
            self.loading.pop();
            if let Some(p) = found {
                return Ok(p);
            }
        }
        let read = match self.read(path) {
            Ok(r) => r,
            Err(e) => return Err(self.fail(path, e)),
        };
        let own = self.cache.is_some().then(|| self.own_key(path, &read));
        if let (Some(own), Some(stat), Some(cache)) = (&own, &stat, &self.cache) {
            cache.put(STAT, stat, own);
        }
        if let Some(own) = own.as_ref().filter(|_| !keep) {
            self.loading.push(path.to_string());
            let found = self.cached(w, path, own);
            self.loading.pop();
            if let Some(p) = found {
                return Ok(p);
            }
        }
        let mut ids = IdGen::default();
        let src = match self.parse(path, &read, &mut ids) {
            Ok(s) => s,
            Err(e) => return Err(self.fail(path, e)),
        };
        self.check_source(w, path, src, own)
    }

    /// Checks package `path` from its parsed files; `own` is the key of
    /// its files when there is a cache.
    fn check_source(&mut self, w: &mut World, path: &str, src: Source, own: Option<cache::Key>) -> Result<PkgId, ImportError> {
        let keep = self.keep.contains(path);
        self.loading.push(path.to_string());
        let mut info = Info::default();
        let r = crate::stack::grow(|| check_package(w, &mut info, path, &src.files, self));
        self.loading.pop();
        match r {
            Ok(p) => {
                self.infos.insert(path.to_string(), info);
                if let Some(own) = own {
                    self.store(w, p, &src, &own, keep);
                }
                if keep {
                    self.sources.insert(src.path, src.files);
                }
                Ok(p)
            }
            Err(ds) => {
                let first = ds.first().map(|d| d.to_string()).unwrap_or_default();
                self.failed.insert(path.to_string(), ds);
                self.failed_order.push(path.to_string());
                Err(ImportError::Failed(format!("package {path} has errors: {first}")))
            }
        }
    }

    /// Records why package `path` could not be read: errors in its files
    /// are the package's; a package not found is said at each import.
    fn fail(&mut self, path: &str, e: ReadError) -> ImportError {
        match e {
            ReadError::Package(ds) => {
                let first = ds.first().map(|d| d.msg.clone()).unwrap_or_default();
                self.failed.insert(path.to_string(), ds);
                self.failed_order.push(path.to_string());
                ImportError::Failed(first)
            }
            ReadError::Import(m) => {
                self.load_errors.insert(m.clone());
                ImportError::Message(m)
            }
        }
    }

    /// The key of a package's own inputs: rgo, the build context, the
    /// import path and the files (names and contents).
    fn own_key(&self, path: &str, read: &[(PathBuf, Vec<u8>)]) -> cache::Key {
        let mut h = blake3::Hasher::new();
        let ctx = &self.goroot.ctx;
        let tags = ctx.tags.join(",");
        for part in [self.toolchain.as_str(), &ctx.goos, &ctx.goarch, &tags, if ctx.cgo { "cgo" } else { "" }, path] {
            h.update(&(part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
        for (file, src) in read {
            let name = file.display().to_string();
            h.update(&(name.len() as u64).to_le_bytes());
            h.update(name.as_bytes());
            h.update(&(src.len() as u64).to_le_bytes());
            h.update(src);
        }
        *h.finalize().as_bytes()
    }

    /// A key of what `stat` says of the files package `path` may use (in
    /// GOROOT: rgo's own packages are read from memory anyway), as the go
    /// command trusts a file's size and time for its contents. `None` when
    /// a file changed in the last two seconds (a time that may not have
    /// moved yet), or the directory cannot be read.
    fn stat_key(&self, path: &str) -> Option<cache::Key> {
        if self.goroot.is_own(path) || self.is_module_package(path) || self.given.contains_key(path) {
            // rgo's own: read from memory (`Goroot::own`); a module's is
            // compiled from source, so checked from it; given files are
            // not the directory's.
            return None;
        }
        let recent = std::time::SystemTime::now().checked_sub(std::time::Duration::from_secs(2))?;
        // The package's directory as `Goroot::dir` finds it, read once.
        let src = self.goroot.root.join("src");
        let mut found = None;
        for dir in [src.join(path), src.join("vendor").join(path)] {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            inputs::note(&dir);
            let mut files: Vec<(String, u64, u128)> = vec![];
            let mut any_go = false;
            for e in entries {
                let e = e.ok()?;
                let name = e.file_name().into_string().ok()?;
                any_go |= name.ends_with(".go");
                if !self.goroot.ctx.file_name_ok(&name) {
                    continue;
                }
                let meta = e.metadata().ok()?;
                let mtime = meta.modified().ok()?;
                if mtime > recent {
                    return None;
                }
                files.push((name, meta.len(), mtime.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos()));
            }
            if any_go {
                found = Some((dir, files));
                break;
            }
        }
        let (dir, mut files) = found?;
        files.sort();
        let mut h = blake3::Hasher::new();
        let ctx = &self.goroot.ctx;
        let tags = ctx.tags.join(",");
        for part in [self.toolchain.as_str(), &ctx.goos, &ctx.goarch, &tags, if ctx.cgo { "cgo" } else { "" }, path, &dir.display().to_string()] {
            h.update(&(part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
        for (name, len, mtime) in files {
            h.update(&(name.len() as u64).to_le_bytes());
            h.update(name.as_bytes());
            h.update(&len.to_le_bytes());
            h.update(&mtime.to_le_bytes());
        }
        Some(*h.finalize().as_bytes())
    }

    /// The whole key of a package: its own, and its imports' keys.
    fn full_key(own: &cache::Key, deps: &[(String, cache::Key)]) -> cache::Key {
        let mut h = blake3::Hasher::new();
        h.update(own);
        for (p, k) in deps {
            h.update(&(p.len() as u64).to_le_bytes());
            h.update(p.as_bytes());
            h.update(k);
        }
        *h.finalize().as_bytes()
    }

    /// The package from its cache entry, if there is one made against the
    /// imports as they are now (each imported first, from the cache or
    /// its source).
    fn cached(&mut self, w: &mut World, path: &str, own: &cache::Key) -> Option<PkgId> {
        let entry = self.cache.as_ref()?.get(EXPORT, own)?;
        let (deps, data) = decode_entry(&entry)?;
        for (dep, key) in &deps {
            self.import(w, dep).ok()?;
            if self.keys.get(dep) != Some(key) {
                return None;
            }
        }
        let p = crate::types::read_export(w, data).ok()?;
        self.keys.insert(path.to_string(), Self::full_key(own, &deps));
        Some(p)
    }

    /// Stores the export data of `p`, checked from `src`, with the keys of
    /// its imports; `kept` for the lowering.
    fn store(&mut self, w: &World, p: PkgId, src: &Source, own: &cache::Key, kept: bool) {
        let mut imports: Vec<&str> = src.files.iter().flat_map(|f| &f.imports).map(|i| i.path.as_str()).filter(|&i| i != "unsafe" && i != "C").collect();
        imports.sort();
        imports.dedup();
        let mut deps = vec![];
        for i in imports {
            let Some(&k) = self.keys.get(i) else { return };
            deps.push((i.to_string(), k));
        }
        self.keys.insert(src.path.clone(), Self::full_key(own, &deps));
        let Some(cache) = &self.cache else { return };
        let Ok(data) = crate::types::write_export(w, p) else { return };
        let entry = encode_entry(&deps, &data);
        // A package kept for the lowering is checked from source in every
        // build; its entry, for builds that import it otherwise, is written
        // again only when it differs (made against other imports, or
        // damaged).
        if kept && cache.get(EXPORT, own).is_some_and(|e| e == entry) {
            return;
        }
        cache.put(EXPORT, own, &entry);
    }
}

/// The imports a package was checked against, with their keys.
type Deps = Vec<(String, cache::Key)>;

/// A cache entry of export data: the imports with their keys, then the data.
fn encode_entry(deps: &[(String, cache::Key)], data: &[u8]) -> Vec<u8> {
    let mut out = (deps.len() as u32).to_le_bytes().to_vec();
    for (p, k) in deps {
        out.extend_from_slice(&(p.len() as u32).to_le_bytes());
        out.extend_from_slice(p.as_bytes());
        out.extend_from_slice(k);
    }
    out.extend_from_slice(data);
    out
}

/// What [`encode_entry`] wrote; `None` if damaged.
fn decode_entry(b: &[u8]) -> Option<(Deps, &[u8])> {
    fn take<'b>(b: &mut &'b [u8], n: usize) -> Option<&'b [u8]> {
        let (h, t) = (b.get(..n)?, b.get(n..)?);
        *b = t;
        Some(h)
    }
    let mut b = b;
    let n = u32::from_le_bytes(take(&mut b, 4)?.try_into().ok()?);
    let mut deps = vec![];
    for _ in 0..n {
        let len = u32::from_le_bytes(take(&mut b, 4)?.try_into().ok()?) as usize;
        let p = String::from_utf8(take(&mut b, len)?.to_vec()).ok()?;
        let k: cache::Key = take(&mut b, 32)?.try_into().ok()?;
        deps.push((p, k));
    }
    Some((deps, b))
}

/// Why a package's files could not be had.
enum ReadError {
    /// Errors in the package's files (constraints, syntax).
    Package(Vec<Diag>),
    /// No package at that path: said at the import.
    Import(String),
}

impl Importer for PackageImporter {
    fn import(&mut self, w: &mut World, path: &str) -> Result<PkgId, ImportError> {
        if path == "unsafe" {
            return Ok(w.unsafe_pkg);
        }
        let p = self.check(w, path)?;
        if w.pkg(p).go_api.is_none() && self.goroot.is_own(path) {
            let (root, path) = (self.goroot.root.clone(), path.to_string());
            w.pkg_mut(p).go_api = Some(std::rc::Rc::new(crate::types::object::GoApi::new(move || api::members(&root, &path))));
        }
        Ok(p)
    }
}

/// Every standard library package in `goroot` (import paths, sorted):
/// directories under `src` with Go files, but commands (`cmd/…`), test
/// data and the vendored copies.
pub fn std_packages(goroot: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(rd) = std::fs::read_dir(dir) else { return };
        let mut subdirs: Vec<PathBuf> = rd.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_dir()).collect();
        subdirs.sort();
        for d in subdirs {
            let name = d.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
            if name == "testdata" || name == "cmd" || name == "vendor" || name.starts_with('.') || name.starts_with('_') {
                continue;
            }
            if has_go_files(&d) {
                if let Ok(rel) = d.strip_prefix(root) {
                    out.push(rel.to_string_lossy().to_string());
                }
            }
            walk(root, &d, out);
        }
    }
    let src = goroot.join("src");
    let mut out = vec![];
    walk(&src, &src, &mut out);
    out
}
