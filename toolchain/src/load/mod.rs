//! Loading packages: where a package's source is, which of its files a
//! build uses, and checking packages each after the packages it imports.
//!
//! The standard library comes from a Go installation's source (GOROOT:
//! `$GOROOT`, else `go env GOROOT`, else Debian's `/usr/lib/go-1.19`), as
//! issue 26 asks; nothing of it is copied into rgo. Imports of `vendor/`
//! packages of the standard library resolve as the go command resolves
//! them. This is the first stage of the pipeline; today it serves the new
//! type checker (docs/frontend.md).

pub mod constraint;

use crate::diag::{Diag, Pos};
use crate::syntax::{ast, IdGen};
use crate::types::object::PkgId;
use crate::types::{check_package, Importer, Info, World};
use constraint::Context;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The Go installation whose source the standard library is read from.
pub fn goroot() -> Option<PathBuf> {
    if let Some(g) = std::env::var_os("GOROOT").filter(|g| !g.is_empty()) {
        return Some(PathBuf::from(g));
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
}

impl Goroot {
    /// The directory of standard library package `path` (a vendored one
    /// under `src/vendor`), if it exists.
    pub fn dir(&self, path: &str) -> Option<PathBuf> {
        let src = self.root.join("src");
        [src.join(path), src.join("vendor").join(path)].into_iter().find(|d| d.is_dir() && has_go_files(d))
    }

    /// Reads and parses the files of package `path` that the build uses.
    /// Files that `import "C"` are left out (no cgo), as are files the
    /// constraints exclude.
    pub fn load(&self, path: &str, ids: &mut IdGen) -> Result<Source, Vec<Diag>> {
        let at = || Pos::new("<import>".into(), 0, 0);
        let Some(dir) = self.dir(path) else {
            return Err(vec![Diag::new(&at(), format!("package {path} is not in GOROOT ({})", self.root.join("src").join(path).display()))]);
        };
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .map_err(|e| vec![Diag::new(&at(), format!("{}: {e}", dir.display()))])?
            .filter_map(|e| e.ok().and_then(|e| e.file_name().into_string().ok()))
            .filter(|n| self.ctx.file_name_ok(n))
            .collect();
        names.sort();
        let mut files = vec![];
        let mut errors = vec![];
        for n in names {
            let file = dir.join(&n);
            let src = std::fs::read(&file).map_err(|e| vec![Diag::new(&at(), format!("{}: {e}", file.display()))])?;
            match self.ctx.source_ok(&String::from_utf8_lossy(&src)) {
                Ok(true) => {}
                Ok(false) => continue,
                Err(e) => {
                    errors.push(Diag::new(&Pos::new(file.display().to_string().into(), 1, 1), e));
                    continue;
                }
            }
            match crate::syntax::parse_bytes_all(&file.display().to_string(), &src, ids) {
                Ok(f) if !self.ctx.cgo && f.imports.iter().any(|i| i.path == "C") => {}
                Ok(mut f) => {
                    f.errors.retain(|d| !crate::syntax::parser::std_only(d));
                    files.push(f);
                }
                Err(es) => errors.extend(es),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        if files.is_empty() {
            return Err(vec![Diag::new(&at(), format!("build constraints exclude all Go files in {}", dir.display()))]);
        }
        // Files of another package in the directory (a `package main`
        // generator kept under `//go:build ignore` is excluded already).
        let name = files[0].package.name.clone();
        files.retain(|f| f.package.name == name);
        Ok(Source { path: path.to_string(), files })
    }
}

fn has_go_files(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|rd| rd.filter_map(|e| e.ok()).any(|e| e.file_name().to_string_lossy().ends_with(".go")))
}

/// Imports standard library packages by checking them from GOROOT's
/// source into the world, each once, its imports first.
pub struct StdImporter {
    pub goroot: Goroot,
    /// The facts of every package checked, by import path.
    pub infos: HashMap<String, Info>,
    /// Packages being checked, for import cycles.
    loading: Vec<String>,
    /// Packages that failed, with their errors (reported once).
    pub failed: HashMap<String, Vec<Diag>>,
}

impl StdImporter {
    pub fn new(goroot: Goroot) -> StdImporter {
        StdImporter { goroot, infos: HashMap::new(), loading: vec![], failed: HashMap::new() }
    }

    /// Checks package `path` (and what it imports) if not done yet.
    pub fn check(&mut self, w: &mut World, path: &str) -> Result<PkgId, String> {
        if self.failed.contains_key(path) {
            return Err(format!("package {path} has errors"));
        }
        if let Some(p) = w.package_by_path(path).filter(|&p| w.pkg(p).complete) {
            return Ok(p);
        }
        if self.loading.iter().any(|l| l == path) {
            return Err("import cycle not allowed".into());
        }
        let mut ids = IdGen::default();
        let src = match self.goroot.load(path, &mut ids) {
            Ok(s) => s,
            Err(ds) => {
                let first = ds.first().map(|d| d.msg.clone()).unwrap_or_default();
                self.failed.insert(path.to_string(), ds);
                return Err(first);
            }
        };
        self.loading.push(path.to_string());
        let mut info = Info::default();
        let r = crate::stack::grow(|| check_package(w, &mut info, path, &src.files, self));
        self.loading.pop();
        match r {
            Ok(p) => {
                self.infos.insert(path.to_string(), info);
                Ok(p)
            }
            Err(ds) => {
                let first = ds.first().map(|d| d.to_string()).unwrap_or_default();
                self.failed.insert(path.to_string(), ds);
                Err(format!("package {path} has errors: {first}"))
            }
        }
    }
}

impl Importer for StdImporter {
    fn import(&mut self, w: &mut World, path: &str) -> Result<PkgId, String> {
        if path == "unsafe" {
            return Ok(w.unsafe_pkg);
        }
        self.check(w, path)
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
