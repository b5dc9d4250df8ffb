//! Modules, as the go command has them (`go help modules`): the main
//! module is the directory holding `go.mod`, found from the current
//! directory upwards; its packages import each other by the module path;
//! other modules' packages come from `vendor/` (when the module vendors
//! them, as Go 1.14 and later do by default) or from the module cache
//! (`GOMODCACHE`) at the versions `go.mod` requires.
//!
//! rgo never downloads: a module that is not in the cache is an error
//! saying so. The build list is the main module's requirements as
//! written, which for a module at `go 1.17` or later lists every module
//! that provides a package (Go's pruned module graphs); rgo does not walk
//! the requirements of older dependencies' `go.mod` files. `go.sum` must
//! name each module a package comes from (as the go command requires
//! before it builds); the module cache's files are trusted, as the go
//! command trusts them once extracted.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A `go.mod` file, the directives a build needs.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ModFile {
    pub module: String,
    /// The `go` directive's version (`1.19`).
    pub go: Option<String>,
    pub require: Vec<Require>,
    pub replace: Vec<Replace>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Require {
    pub path: String,
    pub version: String,
    /// Marked `// indirect`.
    pub indirect: bool,
}

/// `replace old [version] => new [version]`: `new` is a directory when it
/// starts with `./`, `../` or `/`, else a module path at `new_version`.
#[derive(Debug, Clone, PartialEq)]
pub struct Replace {
    pub old: String,
    pub old_version: Option<String>,
    pub new: String,
    pub new_version: Option<String>,
}

/// The words of a `go.mod` line: bare words and quoted strings (`"…"` with
/// Go's escapes, `` `…` `` raw), `=>`, `(` and `)`; a `//` comment ends it
/// (returned apart: it marks `indirect` requirements).
fn words(line: &str) -> Result<(Vec<String>, &str), String> {
    let mut out = vec![];
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' | b'\r' => i += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => return Ok((out, line[i + 2..].trim())),
            b'"' => {
                let mut s = String::new();
                i += 1;
                loop {
                    match b.get(i) {
                        None => return Err("unterminated quoted string".into()),
                        Some(b'"') => break,
                        Some(b'\\') => {
                            let c = *b.get(i + 1).ok_or("unterminated quoted string")?;
                            s.push(match c {
                                b'n' => '\n',
                                b't' => '\t',
                                b'\\' | b'"' => c as char,
                                _ => return Err(format!("invalid quoted string: unknown escape \\{}", c as char)),
                            });
                            i += 2;
                        }
                        Some(_) => {
                            let ch = line[i..].chars().next().unwrap_or('\u{fffd}');
                            s.push(ch);
                            i += ch.len_utf8();
                        }
                    }
                }
                i += 1;
                out.push(s);
            }
            b'`' => {
                let end = line[i + 1..].find('`').ok_or("unterminated quoted string")?;
                out.push(line[i + 1..i + 1 + end].to_string());
                i += end + 2;
            }
            b'(' | b')' => {
                out.push((b[i] as char).to_string());
                i += 1;
            }
            _ => {
                let start = i;
                while i < b.len() && !matches!(b[i], b' ' | b'\t' | b'\r' | b'"' | b'`' | b'(' | b')') && !(b[i] == b'/' && b.get(i + 1) == Some(&b'/')) {
                    i += 1;
                }
                out.push(line[start..i].to_string());
            }
        }
    }
    Ok((out, ""))
}

/// Parses `go.mod`; an error is `file:line: message`, as the go command
/// words it (`go.mod:3: unknown directive: foo`).
pub fn parse_mod(file: &str, text: &str) -> Result<ModFile, String> {
    let mut m = ModFile::default();
    let mut block: Option<String> = None;
    for (n, line) in text.lines().enumerate() {
        let at = |msg: String| format!("{file}:{}: {msg}", n + 1);
        let (mut w, comment) = words(line).map_err(at)?;
        if w.is_empty() {
            continue;
        }
        if w == [")"] && block.is_some() {
            block = None;
            continue;
        }
        let verb = match &block {
            Some(v) => v.clone(),
            None => {
                let v = w.remove(0);
                if w == ["("] {
                    block = Some(v);
                    continue;
                }
                v
            }
        };
        let indirect = comment == "indirect" || comment.starts_with("indirect;");
        match verb.as_str() {
            "module" => match w.as_slice() {
                [p] => m.module = p.clone(),
                _ => return Err(at("usage: module module/path".into())),
            },
            "go" => match w.as_slice() {
                [v] if v.split('.').all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit())) => m.go = Some(v.clone()),
                [v] => return Err(at(format!("invalid go version '{v}': must match format 1.23"))),
                _ => return Err(at("usage: go 1.23".into())),
            },
            "require" => match w.as_slice() {
                [p, v] => m.require.push(Require { path: p.clone(), version: v.clone(), indirect }),
                _ => return Err(at("usage: require module/path v1.2.3".into())),
            },
            "replace" => {
                let arrow = w.iter().position(|x| x == "=>").ok_or_else(|| at("usage: replace module/path [v1.2.3] => other/module v1.4\n\t or replace module/path [v1.2.3] => ../local/directory".into()))?;
                let (old, new) = (&w[..arrow], &w[arrow + 1..]);
                if old.is_empty() || old.len() > 2 || new.is_empty() || new.len() > 2 {
                    return Err(at("usage: replace module/path [v1.2.3] => other/module v1.4\n\t or replace module/path [v1.2.3] => ../local/directory".into()));
                }
                m.replace.push(Replace { old: old[0].clone(), old_version: old.get(1).cloned(), new: new[0].clone(), new_version: new.get(1).cloned() });
            }
            "exclude" | "retract" | "toolchain" => {}
            other => return Err(at(format!("unknown directive: {other}"))),
        }
    }
    if block.is_some() {
        return Err(format!("{file}:{}: syntax error: unexpected EOF, expected )", text.lines().count()));
    }
    if m.module.is_empty() {
        return Err(format!("{file}: no module declaration in go.mod. To specify the module path:\n\tgo mod edit -module=example.com/mymodule"));
    }
    Ok(m)
}

/// Whether `dir` is a local replacement directory rather than a module
/// path (the go command's rule).
fn is_local(dir: &str) -> bool {
    dir.starts_with("./") || dir.starts_with("../") || dir.starts_with('/') || dir == "." || dir == ".."
}

/// A module path's directory name in the module cache: each upper-case
/// letter becomes `!` and its lower case (`github.com/!burnt!sushi`).
pub fn escape_path(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    for c in p.chars() {
        if c.is_ascii_uppercase() {
            out.push('!');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `path` is `prefix` or a package below it.
pub fn has_prefix(path: &str, prefix: &str) -> bool {
    path == prefix || (path.starts_with(prefix) && path.as_bytes().get(prefix.len()) == Some(&b'/'))
}

/// The module cache: `$GOMODCACHE`, else the first `$GOPATH` entry's
/// `pkg/mod`, else `$HOME/go/pkg/mod`, as the go command finds it.
pub fn mod_cache() -> Option<PathBuf> {
    if let Some(c) = std::env::var_os("GOMODCACHE").filter(|c| !c.is_empty()) {
        return Some(PathBuf::from(c));
    }
    Some(gopath()?.join("pkg").join("mod"))
}

/// `$GOPATH`'s first entry, else `$HOME/go`.
pub fn gopath() -> Option<PathBuf> {
    if let Some(first) = std::env::var_os("GOPATH").and_then(|g| std::env::split_paths(&g).next()).filter(|g| !g.as_os_str().is_empty()) {
        return Some(first);
    }
    Some(PathBuf::from(std::env::var_os("HOME")?).join("go"))
}

/// A module of the build other than the main one: where its files are.
#[derive(Debug, Clone)]
struct Dep {
    path: String,
    /// `path@version`, or the replacement directory, as errors name it.
    shown: String,
    dir: PathBuf,
    /// go.sum must name it (not for local replacements).
    version: Option<String>,
}

/// A module as a program's build information names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct BuildModule {
    pub path: String,
    pub version: String,
    pub sum: String,
    pub replace: Option<Box<BuildModule>>,
}

/// Where packages outside the main module come from.
#[derive(Debug)]
enum Source {
    /// `vendor/`: `modules.txt`'s packages, each of its module, and its
    /// modules' replacements (`# old version => new [version]`).
    Vendor { packages: HashMap<String, String>, replaced: HashMap<String, BuildModule> },
    /// The module cache (or local replacements), and go.sum's hashes of
    /// modules (not of their go.mod files) by path and version.
    Cache { deps: Vec<Dep>, sums: HashMap<(String, String), String> },
}

/// The main module and where its dependencies' packages are.
#[derive(Debug)]
pub struct Modules {
    /// The main module's path (`example.com/app`).
    pub path: String,
    /// Its root: the directory of `go.mod`.
    pub dir: PathBuf,
    pub file: ModFile,
    source: Source,
}

/// Where an import path's package is, as [`Modules::find_package`] says.
#[derive(Debug, PartialEq)]
pub enum Found {
    /// In the main module or a dependency: the directory.
    Dir(PathBuf),
    /// Not a path any module of the build provides (the standard library's).
    NotModule,
}

impl Modules {
    /// The main module of a build run in `cwd`: the nearest `go.mod` at or
    /// above it; `None` outside any module (`GO111MODULE=off` also says
    /// none). `GOFLAGS=-mod=…` picks vendor or the module cache as the go
    /// command's `-mod` flag does; by default a module at `go 1.14` or
    /// later with a `vendor` directory uses it.
    pub fn find(cwd: &Path) -> Result<Option<Modules>, String> {
        if std::env::var("GO111MODULE").is_ok_and(|v| v == "off") {
            return Ok(None);
        }
        let Some(dir) = cwd.ancestors().find(|d| d.join("go.mod").is_file()) else { return Ok(None) };
        let gomod = dir.join("go.mod");
        super::inputs::note(dir);
        let text = std::fs::read_to_string(&gomod).map_err(|e| format!("reading {}: {e}", gomod.display()))?;
        let file = parse_mod(&gomod.display().to_string(), &text).map_err(|e| format!("errors parsing go.mod:\n{e}"))?;
        let flag = std::env::var("GOFLAGS").ok().and_then(|f| f.split_whitespace().find_map(|w| w.strip_prefix("-mod=").map(str::to_string)));
        Modules::new(dir.to_path_buf(), file, flag.as_deref())
    }

    /// The build's modules for the main module `file` at `dir`; `mode` is
    /// `-mod`'s value (`vendor`, `mod`, `readonly`), if given.
    pub fn new(dir: PathBuf, file: ModFile, mode: Option<&str>) -> Result<Option<Modules>, String> {
        let vendor_dir = dir.join("vendor");
        let go_at_least_114 = file.go.as_deref().is_some_and(|v| {
            let mut p = v.split('.').map(|x| x.parse::<u32>().unwrap_or(0));
            (p.next().unwrap_or(0), p.next().unwrap_or(0)) >= (1, 14)
        });
        let vendor = match mode {
            Some("vendor") => true,
            Some("mod" | "readonly") => false,
            Some(other) => return Err(format!("invalid -mod={other} in GOFLAGS (use vendor, mod or readonly)")),
            None => go_at_least_114 && vendor_dir.is_dir(),
        };
        let source = if vendor { Self::vendored(&dir, &file)? } else { Self::cached(&dir, &file)? };
        Ok(Some(Modules { path: file.module.clone(), dir, file, source }))
    }

    /// Reads `vendor/modules.txt` and checks it against go.mod as the go
    /// command does (`inconsistent vendoring`).
    fn vendored(dir: &Path, file: &ModFile) -> Result<Source, String> {
        super::inputs::note(&dir.join("vendor"));
        let txt = dir.join("vendor").join("modules.txt");
        let text = std::fs::read_to_string(&txt).unwrap_or_default();
        let mut packages = HashMap::new();
        let mut replaced = HashMap::new();
        // Modules listed: path -> (version, explicit).
        let mut listed: HashMap<String, (String, bool)> = HashMap::new();
        let mut module: Option<String> = None;
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix("## ") {
                if let Some(m) = &module {
                    if rest.split(';').any(|a| a.trim() == "explicit") {
                        if let Some(e) = listed.get_mut(m) {
                            e.1 = true;
                        }
                    }
                }
            } else if let Some(rest) = line.strip_prefix("# ") {
                let (old, new) = rest.split_once("=>").map_or((rest, None), |(o, n)| (o, Some(n)));
                let mut f = old.split_whitespace();
                let (Some(path), version) = (f.next(), f.next()) else { continue };
                module = Some(path.to_string());
                listed.insert(path.to_string(), (version.unwrap_or("").to_string(), false));
                let mut n = new.unwrap_or("").split_whitespace();
                if let Some(new_path) = n.next() {
                    let version = n.next().unwrap_or("(devel)").to_string();
                    replaced.insert(path.to_string(), BuildModule { path: new_path.to_string(), version, sum: String::new(), replace: None });
                }
            } else if !line.trim().is_empty() {
                if let Some(m) = &module {
                    packages.insert(line.trim().to_string(), m.clone());
                }
            }
        }
        let mut problems = vec![];
        for r in &file.require {
            match listed.get(&r.path) {
                Some((v, true)) if *v == r.version => {}
                Some((v, true)) => problems.push(format!("{}@{}: is explicitly required in go.mod, but vendor/modules.txt indicates {}@{v}", r.path, r.version, r.path)),
                _ => problems.push(format!("{}@{}: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt", r.path, r.version)),
            }
        }
        for (p, (v, explicit)) in &listed {
            if *explicit && !file.require.iter().any(|r| &r.path == p) {
                problems.push(format!("{p}@{v}: is marked as explicit in vendor/modules.txt, but not explicitly required in go.mod"));
            }
        }
        if !problems.is_empty() {
            problems.sort();
            return Err(format!(
                "inconsistent vendoring in {}:\n\t{}\n\n\tTo ignore the vendor directory, use -mod=readonly or -mod=mod.\n\tTo sync the vendor directory, run:\n\t\tgo mod vendor",
                dir.display(),
                problems.join("\n\t")
            ));
        }
        Ok(Source::Vendor { packages, replaced })
    }

    /// The required modules' directories: a local replacement's, else the
    /// module cache's `path@version`; and `go.sum`'s modules.
    fn cached(dir: &Path, file: &ModFile) -> Result<Source, String> {
        let cache = mod_cache();
        let mut deps = vec![];
        for r in &file.require {
            let rep = file.replace.iter().filter(|p| p.old == r.path).find(|p| p.old_version.as_ref().is_none_or(|v| *v == r.version));
            let (path, version) = match rep {
                Some(p) if is_local(&p.new) => {
                    let d = dir.join(&p.new);
                    if !d.join("go.mod").is_file() {
                        return Err(format!("{}@{}: replacement directory {} does not exist or has no go.mod", r.path, r.version, p.new));
                    }
                    deps.push(Dep { path: r.path.clone(), shown: p.new.clone(), dir: d, version: None });
                    continue;
                }
                Some(p) => (p.new.clone(), p.new_version.clone().unwrap_or_else(|| r.version.clone())),
                None => (r.path.clone(), r.version.clone()),
            };
            let Some(cache) = &cache else {
                return Err("module cache not found: neither GOMODCACHE nor GOPATH nor HOME is set".into());
            };
            let d = cache.join(format!("{}@{}", escape_path(&path), escape_path(&version)));
            deps.push(Dep { path: r.path.clone(), shown: format!("{path}@{version}"), dir: d, version: Some(version) });
        }
        let mut sums = HashMap::new();
        if let Ok(text) = std::fs::read_to_string(dir.join("go.sum")) {
            for line in text.lines() {
                let mut f = line.split_whitespace();
                if let (Some(p), Some(v), Some(h)) = (f.next(), f.next(), f.next()) {
                    if !v.ends_with("/go.mod") {
                        sums.insert((p.to_string(), v.to_string()), h.to_string());
                    }
                }
            }
        }
        Ok(Source::Cache { deps, sums })
    }

    /// Whether the build vendors its dependencies.
    pub fn vendoring(&self) -> bool {
        matches!(self.source, Source::Vendor { .. })
    }

    /// Where package `path` is. `Found::NotModule` for a path no module of
    /// the build could hold: the standard library's (first element without
    /// a dot) outside the main module. An error is the go command's message
    /// for an import it cannot resolve.
    pub fn find_package(&self, path: &str) -> Result<Found, String> {
        if has_prefix(path, &self.path) {
            let d = self.dir.join(path[self.path.len()..].trim_start_matches('/'));
            if has_go_files(&d) {
                return Ok(Found::Dir(d));
            }
            if !self.path_in_deps(path) {
                return Err(self.missing(path));
            }
        }
        let first = path.split('/').next().unwrap_or("");
        if !first.contains('.') {
            return Ok(Found::NotModule);
        }
        match &self.source {
            Source::Vendor { packages, .. } => {
                let d = self.dir.join("vendor").join(path);
                if packages.contains_key(path) && has_go_files(&d) {
                    return Ok(Found::Dir(d));
                }
                if has_go_files(&d) {
                    return Err(format!("package {path} is vendored but not listed in vendor/modules.txt: run go mod vendor"));
                }
                Err(format!("cannot find package \".\" in:\n\t{}", d.display()))
            }
            Source::Cache { deps, sums } => {
                // The module with the longest path that is a prefix of the import.
                let mut best: Option<&Dep> = None;
                for d in deps.iter().filter(|d| has_prefix(path, &d.path)) {
                    if best.is_none_or(|b| d.path.len() > b.path.len()) {
                        best = Some(d);
                    }
                }
                let Some(dep) = best else { return Err(self.missing(path)) };
                if let Some(v) = &dep.version {
                    if !dep.dir.is_dir() {
                        return Err(format!("{}: module not in the module cache ({}); rgo does not download modules: run `go mod download {}`", dep.shown, dep.dir.display(), dep.path));
                    }
                    if !sums.contains_key(&(dep.path.clone(), v.clone())) {
                        return Err(format!("missing go.sum entry for module providing package {path}; to add:\n\tgo mod download {}", dep.path));
                    }
                }
                let d = dep.dir.join(path[dep.path.len()..].trim_start_matches('/'));
                if has_go_files(&d) {
                    Ok(Found::Dir(d))
                } else {
                    Err(format!("module {} found ({}), but does not contain package {path}", dep.path, dep.shown))
                }
            }
        }
    }

    /// The module that provides package `path`: its path, version (none
    /// for the main module and local replacements) and directory (none
    /// when vendored).
    pub fn module_of(&self, path: &str) -> Option<(String, Option<String>, Option<PathBuf>)> {
        if has_prefix(path, &self.path) && !self.path_in_deps(path) {
            return Some((self.path.clone(), None, Some(self.dir.clone())));
        }
        let version = |m: &str| self.file.require.iter().find(|r| r.path == m).map(|r| r.version.clone());
        match &self.source {
            Source::Vendor { packages, .. } => packages.get(path).map(|m| (m.clone(), version(m), None)),
            Source::Cache { deps, .. } => deps.iter().filter(|d| has_prefix(path, &d.path)).max_by_key(|d| d.path.len()).map(|d| (d.path.clone(), d.version.clone(), Some(d.dir.clone()))),
        }
    }

    /// The module that provides package `path` as the build information
    /// records it (`runtime/debug.Module`): the version go.mod requires,
    /// go.sum's hash, or the replacement (a directory's version is
    /// `(devel)`); `None` for the main module's packages and packages no
    /// module provides.
    pub fn build_module(&self, path: &str) -> Option<BuildModule> {
        let (module, _, _) = self.module_of(path)?;
        if module == self.path {
            return None;
        }
        let version = self.file.require.iter().find(|r| r.path == module).map(|r| r.version.clone()).unwrap_or_default();
        let sum = |p: &str, v: &str| match &self.source {
            Source::Cache { sums, .. } => sums.get(&(p.to_string(), v.to_string())).cloned().unwrap_or_default(),
            Source::Vendor { .. } => String::new(),
        };
        let replace = match &self.source {
            Source::Vendor { replaced, .. } => replaced.get(&module).cloned(),
            Source::Cache { .. } => {
                self.file.replace.iter().filter(|p| p.old == module).find(|p| p.old_version.as_ref().is_none_or(|v| *v == version)).map(|p| {
                    let v = if is_local(&p.new) { "(devel)".to_string() } else { p.new_version.clone().unwrap_or_else(|| version.clone()) };
                    let s = if is_local(&p.new) { String::new() } else { sum(&p.new, &v) };
                    BuildModule { path: p.new.clone(), version: v, sum: s, replace: None }
                })
            }
        };
        let sum = if replace.is_some() { String::new() } else { sum(&module, &version) };
        Some(BuildModule { path: module, version, sum, replace: replace.map(Box::new) })
    }

    fn path_in_deps(&self, path: &str) -> bool {
        match &self.source {
            Source::Vendor { packages, .. } => packages.contains_key(path),
            Source::Cache { deps, .. } => deps.iter().any(|d| d.path.len() > self.path.len() && has_prefix(path, &d.path)),
        }
    }

    fn missing(&self, path: &str) -> String {
        format!("no required module provides package {path}; to add it:\n\tgo get {path}")
    }

    /// The import path of the package in directory `dir` (absolute, or
    /// relative to `cwd`), if it is in the main module.
    pub fn import_path_of(&self, dir: &Path) -> Option<String> {
        let rel = dir.strip_prefix(&self.dir).ok()?;
        let rel = rel.to_str()?;
        if rel.split('/').any(|e| e == "vendor" || e == "testdata") {
            return None;
        }
        Some(if rel.is_empty() { self.path.clone() } else { format!("{}/{rel}", self.path) })
    }
}

/// Whether `dir` holds a `.go` file.
pub fn has_go_files(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|rd| rd.filter_map(|e| e.ok()).any(|e| e.file_name().to_string_lossy().ends_with(".go") && e.path().is_file()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_mod_directives() {
        let text = "// comment\nmodule \"example.com/app\"\n\ngo 1.19\n\nrequire (\n\texample.org/a v1.2.0\n\texample.org/b v0.1.0 // indirect\n)\nrequire example.org/c v1.0.0\nreplace example.org/a => ../a\nreplace (\n\texample.org/c v1.0.0 => example.org/d v1.1.0\n)\nexclude example.org/x v0.0.1\n";
        let m = parse_mod("go.mod", text).unwrap();
        assert_eq!(m.module, "example.com/app");
        assert_eq!(m.go.as_deref(), Some("1.19"));
        let req: Vec<(&str, &str, bool)> = m.require.iter().map(|r| (r.path.as_str(), r.version.as_str(), r.indirect)).collect();
        assert_eq!(req, [("example.org/a", "v1.2.0", false), ("example.org/b", "v0.1.0", true), ("example.org/c", "v1.0.0", false)]);
        assert_eq!(m.replace[0], Replace { old: "example.org/a".into(), old_version: None, new: "../a".into(), new_version: None });
        assert_eq!(m.replace[1].new_version.as_deref(), Some("v1.1.0"));
    }

    #[test]
    fn go_mod_errors() {
        assert_eq!(parse_mod("go.mod", "module m\nfrobnicate x\n").unwrap_err(), "go.mod:2: unknown directive: frobnicate");
        assert_eq!(parse_mod("go.mod", "module m\ngo one\n").unwrap_err(), "go.mod:2: invalid go version 'one': must match format 1.23");
        assert!(parse_mod("go.mod", "go 1.19\n").unwrap_err().contains("no module declaration"));
        assert!(parse_mod("go.mod", "module m\nrequire (\n").unwrap_err().contains("unexpected EOF"));
        assert!(parse_mod("go.mod", "module \"m\n").unwrap_err().contains("unterminated"));
    }

    #[test]
    fn cache_paths() {
        assert_eq!(escape_path("github.com/BurntSushi/toml"), "github.com/!burnt!sushi/toml");
        assert!(has_prefix("a/b/c", "a/b") && has_prefix("a/b", "a/b") && !has_prefix("a/bc", "a/b"));
    }
}
