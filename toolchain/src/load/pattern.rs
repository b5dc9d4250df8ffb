//! Package patterns on the command line, as the go command reads them
//! (`go help packages`): a directory (`.`, `./cmd/app`, `../lib`, an
//! absolute path), an import path (`example.com/app/util`, `fmt`), either
//! ending in `/...` for every package below it, and `std` for the standard
//! library. Directories and `...` patterns are the main module's; an
//! import path may be any package the build can import.

use super::constraint::Context;
use super::module::{has_prefix, Modules};
use super::Goroot;
use crate::paths::normalize;
use std::path::{Path, PathBuf};

/// A package a pattern names.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    pub import_path: String,
    pub dir: PathBuf,
    /// Matched by a `...` pattern with test files only: `go test` tests it,
    /// `go build` passes over it.
    pub tests_only: bool,
}

/// Whether a command-line argument is a directory pattern rather than an
/// import path (the go command's `build.IsLocalImport`, and absolute paths).
pub fn is_local(arg: &str) -> bool {
    arg == "." || arg == ".." || arg.starts_with("./") || arg.starts_with("../") || arg.starts_with('/')
}

/// The packages `patterns` name, in order, each once, and warnings for
/// `...` patterns that match nothing (the go command's `"./x/..." matched no
/// packages`, as `rgo: warning: …`). `cwd` is where relative directories start. A directory
/// outside the main module, or a package that is not there, is the go
/// command's error.
pub fn expand(patterns: &[String], modules: Option<&Modules>, goroot: &Goroot, cwd: &Path) -> Result<(Vec<Listed>, Vec<String>), String> {
    let mut out: Vec<Listed> = vec![];
    let mut warnings = vec![];
    let add = |l: Listed, out: &mut Vec<Listed>| {
        if !out.iter().any(|o| o.import_path == l.import_path) {
            out.push(l);
        }
    };
    for pat in patterns {
        let (base, all) = match pat.strip_suffix("/...") {
            Some(b) => (b, true),
            None if pat == "..." => ("", true),
            None => (pat.as_str(), false),
        };
        if is_local(pat) {
            let Some(m) = modules else {
                return Err("go.mod file not found in current directory or any parent directory; see 'go help modules'".into());
            };
            let dir = normalize(&cwd.join(base));
            let Some(import_path) = m.import_path_of(&dir) else {
                return Err(format!("directory {pat} outside main module or its selected dependencies"));
            };
            if all {
                let found = walk(&dir, &import_path, &goroot.ctx);
                if found.is_empty() {
                    warnings.push(format!("warning: \"{pat}\" matched no packages"));
                }
                for l in found {
                    add(l, &mut out);
                }
            } else {
                if !dir.is_dir() {
                    return Err(format!("stat {}: directory not found", dir.display()));
                }
                if !super::module::has_go_files(&dir) {
                    return Err(format!("no Go files in {}", dir.display()));
                }
                add(Listed { import_path, dir, tests_only: false }, &mut out);
            }
            continue;
        }
        if pat == "std" {
            for p in super::std_packages(&goroot.root) {
                if let Some(dir) = goroot.dir(&p) {
                    add(Listed { import_path: p, dir, tests_only: false }, &mut out);
                }
            }
            continue;
        }
        if all {
            // The main module's packages under an import path.
            let m = modules.filter(|m| has_prefix(base, &m.path) || has_prefix(&m.path, base));
            let Some(m) = m else {
                return Err(format!("pattern {pat}: rgo matches `...` import path patterns in the main module only"));
            };
            let root = if base.len() > m.path.len() { m.dir.join(&base[m.path.len() + 1..]) } else { m.dir.clone() };
            let found: Vec<Listed> = walk(&root, &m.import_path_of(&root).unwrap_or_default(), &goroot.ctx).into_iter().filter(|l| has_prefix(&l.import_path, base)).collect();
            if found.is_empty() {
                warnings.push(format!("warning: \"{pat}\" matched no packages"));
            }
            for l in found {
                add(l, &mut out);
            }
            continue;
        }
        // One import path.
        let dir = match modules.map(|m| m.find_package(pat)).transpose()? {
            Some(super::module::Found::Dir(d)) => Some(d),
            _ => goroot.dir(pat),
        };
        match dir {
            Some(dir) => add(Listed { import_path: pat.clone(), dir, tests_only: false }, &mut out),
            None if modules.is_none() && pat.split('/').next().is_some_and(|f| f.contains('.')) => {
                return Err(format!("no required module provides package {pat}: go.mod file not found in current directory or any parent directory; see 'go help modules'"));
            }
            None => return Err(format!("package {pat} is not in GOROOT ({})", goroot.root.join("src").join(pat).display())),
        }
    }
    Ok((out, warnings))
}


/// The packages at and below `dir` (import path `path`): directories with
/// a Go file the build may use (a test file counts), but `vendor`, `testdata`, names starting
/// with `.` or `_`, and other modules (a `go.mod` of their own).
fn walk(dir: &Path, path: &str, ctx: &Context) -> Vec<Listed> {
    let mut out = vec![];
    let Ok(rd) = std::fs::read_dir(dir) else { return out };
    let mut entries: Vec<(String, PathBuf)> = rd.filter_map(|e| e.ok()).filter_map(|e| Some((e.file_name().into_string().ok()?, e.path()))).collect();
    entries.sort();
    let has = |ok: &dyn Fn(&str) -> bool| entries.iter().any(|(n, p)| ok(n) && p.is_file());
    let tests_only = !has(&|n| ctx.file_name_ok(n)) && has(&|n| ctx.test_file_name_ok(n));
    if tests_only || has(&|n| ctx.file_name_ok(n)) {
        out.push(Listed { import_path: path.to_string(), dir: dir.to_path_buf(), tests_only });
    }
    for (name, sub) in entries {
        if !sub.is_dir() || name == "vendor" || name == "testdata" || name.starts_with('.') || name.starts_with('_') || sub.join("go.mod").is_file() {
            continue;
        }
        out.extend(walk(&sub, &format!("{path}/{name}"), ctx));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_patterns() {
        assert!(is_local(".") && is_local("./x") && is_local("../y") && is_local("/abs"));
        assert!(!is_local("fmt") && !is_local("example.com/x") && !is_local(".hidden"));
    }
}
