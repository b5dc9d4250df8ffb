//! `rgo list -m`: modules instead of packages, as go list -m lists them:
//! the main module (no argument), the build list (`all`: the main module
//! and every module go.mod requires, as Go 1.17's pruned module graphs
//! have them), or the modules named (paths, patterns with `...`). Lines
//! `path version` with ` => replacement`, `-json` records of go's
//! `ModulePublic`, or `-f` templates over the same records. rgo downloads
//! nothing, so `-u`, `-versions` and `-retracted` are not offered.

use super::template::Value;
use super::{build, err, Error, Format, Json};
use crate::load::module::{escape_path, mod_cache, Modules};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One module as go list -m describes it (the fields rgo knows).
#[derive(Default, Clone)]
struct Module {
    path: String,
    version: String,
    replace: Option<Box<Module>>,
    time: String,
    main: bool,
    indirect: bool,
    dir: String,
    go_mod: String,
    go_version: String,
}

impl Module {
    /// go's one-line form: `path version => replacement version`.
    fn line(&self) -> String {
        let mut s = self.path.clone();
        if !self.version.is_empty() {
            s += &format!(" {}", self.version);
        }
        if let Some(r) = &self.replace {
            s += &format!(" => {}", r.path);
            if !r.version.is_empty() {
                s += &format!(" {}", r.version);
            }
        }
        s
    }

    fn fields(&self, j: &mut Json) {
        j.str("Path", &self.path);
        j.str("Version", &self.version);
        if let Some(r) = &self.replace {
            j.open("Replace");
            r.fields(j);
            j.close();
        }
        j.str("Time", &self.time);
        j.bool("Main", self.main);
        j.bool("Indirect", self.indirect);
        j.str("Dir", &self.dir);
        j.str("GoMod", &self.go_mod);
        j.str("GoVersion", &self.go_version);
    }

    fn json(&self) -> String {
        let mut j = Json::new();
        self.fields(&mut j);
        j.out.push_str("\n}\n");
        j.out
    }

    fn value(&self) -> Value {
        let s = |v: &str| Value::Str(v.to_string());
        let mut f: BTreeMap<&'static str, Value> = BTreeMap::new();
        for (k, v) in [
            ("Path", &self.path),
            ("Version", &self.version),
            ("Time", &self.time),
            ("Dir", &self.dir),
            ("GoMod", &self.go_mod),
            ("GoVersion", &self.go_version),
        ] {
            f.insert(k, s(v));
        }
        f.insert("Main", Value::Bool(self.main));
        f.insert("Indirect", Value::Bool(self.indirect));
        f.insert("Replace", self.replace.as_ref().map_or(Value::Nil, |r| r.value()));
        Value::Struct("modinfo.ModulePublic", f)
    }
}

/// The `go` directive of the go.mod file `go_mod`, if it has one.
fn go_version(go_mod: &Path) -> String {
    std::fs::read_to_string(go_mod).ok().and_then(|t| crate::load::module::parse_mod("go.mod", &t).ok()).and_then(|f| f.go).unwrap_or_default()
}

/// A module from the module cache at `version`: its directory, the cached
/// go.mod and the time its `.info` file gives.
fn cached(path: &str, version: &str) -> Module {
    let mut m = Module { path: path.into(), version: version.into(), ..Module::default() };
    let Some(cache) = mod_cache() else { return m };
    let dir = cache.join(format!("{}@{}", escape_path(path), escape_path(version)));
    if dir.is_dir() {
        m.dir = dir.display().to_string();
    }
    let download = cache.join("cache/download").join(escape_path(path)).join("@v");
    let go_mod = download.join(format!("{}.mod", escape_path(version)));
    if go_mod.is_file() {
        m.go_version = go_version(&go_mod);
        m.go_mod = go_mod.display().to_string();
    }
    if let Ok(info) = std::fs::read_to_string(download.join(format!("{}.info", escape_path(version)))) {
        // {"Version":"v1.2.3","Time":"2022-01-02T03:04:05Z"}
        if let Some(t) = info.split("\"Time\":\"").nth(1).and_then(|r| r.split('"').next()) {
            m.time = t.to_string();
        }
    }
    m
}

/// The build list: the main module, then the modules go.mod requires, by
/// path, each with its replacement.
fn build_list(m: &Modules) -> Vec<Module> {
    let go_mod = m.dir.join("go.mod");
    let main = Module {
        path: m.path.clone(),
        main: true,
        dir: m.dir.display().to_string(),
        go_mod: go_mod.display().to_string(),
        go_version: m.file.go.clone().unwrap_or_default(),
        ..Module::default()
    };
    // vendor/modules.txt's `## explicit; go 1.19` lines, by module.
    let mut vendored_go: BTreeMap<String, String> = BTreeMap::new();
    if m.vendoring() {
        let mut module = None;
        for line in std::fs::read_to_string(m.dir.join("vendor/modules.txt")).unwrap_or_default().lines() {
            if let Some(rest) = line.strip_prefix("## ") {
                if let (Some(p), Some(v)) = (&module, rest.split(';').find_map(|a| a.trim().strip_prefix("go "))) {
                    vendored_go.insert(String::clone(p), v.trim().to_string());
                }
            } else if let Some(rest) = line.strip_prefix("# ") {
                module = rest.split_whitespace().next().map(str::to_string);
            }
        }
    }
    let mut deps: Vec<Module> = m
        .file
        .require
        .iter()
        .map(|r| {
            let mut d = if m.vendoring() {
                Module {
                    path: r.path.clone(),
                    version: r.version.clone(),
                    go_version: vendored_go.get(&r.path).cloned().unwrap_or_default(),
                    ..Module::default()
                }
            } else {
                cached(&r.path, &r.version)
            };
            d.indirect = r.indirect;
            let rep = m.file.replace.iter().filter(|p| p.old == r.path).find(|p| p.old_version.as_ref().is_none_or(|v| *v == r.version));
            if let Some(p) = rep {
                let local = p.new.starts_with("./") || p.new.starts_with("../") || p.new.starts_with('/');
                let r = if local {
                    let dir: PathBuf = crate::paths::normalize(&m.dir.join(&p.new));
                    let go_mod = dir.join("go.mod");
                    Module {
                        path: p.new.clone(),
                        dir: dir.display().to_string(),
                        go_version: go_version(&go_mod),
                        go_mod: go_mod.display().to_string(),
                        ..Module::default()
                    }
                } else {
                    cached(&p.new, p.new_version.as_deref().unwrap_or(&r.version))
                };
                // The replaced module's own files are the replacement's.
                d.dir = r.dir.clone();
                d.go_mod = r.go_mod.clone();
                d.go_version = r.go_version.clone();
                d.time = r.time.clone();
                d.replace = Some(Box::new(r));
            }
            d
        })
        .collect();
    deps.sort_by(|a, b| a.path.cmp(&b.path));
    std::iter::once(main).chain(deps).collect()
}

/// `rgo list -m`: the modules `args` name, as `format` says.
pub fn list_modules(args: &[String], format: &Format) -> Result<String, Error> {
    let Some(m) = build::modules()? else {
        // Outside a module, as go: the command-line-arguments module.
        if args.is_empty() && matches!(format, Format::Paths) {
            return Ok("command-line-arguments\n".into());
        }
        return err("list -m: not using modules");
    };
    let list = build_list(&m);
    let mut chosen: Vec<&Module> = vec![];
    if args.is_empty() {
        chosen.push(&list[0]);
    }
    for a in args {
        if a == "all" {
            if m.vendoring() {
                return err("can't compute 'all' using the vendor directory\n\t(Use -mod=mod or -mod=readonly to bypass.)");
            }
            chosen.extend(list.iter());
            continue;
        }
        if a.contains('@') {
            return err(format!("list -m {a}: rgo downloads no modules: name modules of the build list"));
        }
        let matches: Vec<&Module> =
            if a.contains("...") { list.iter().filter(|x| matches_pattern(a, &x.path)).collect() } else { list.iter().filter(|x| x.path == *a).collect() };
        if matches.is_empty() && !a.contains("...") {
            return err(format!("module {a}: not a known dependency"));
        }
        if matches.is_empty() {
            super::super::say(&format!("rgo: warning: {a:?} matched no packages"));
        }
        chosen.extend(matches);
    }
    let mut out = String::new();
    let mut seen = std::collections::HashSet::new();
    for x in chosen {
        if !seen.insert(x.path.clone()) {
            continue;
        }
        format.render(&mut out, &x.line(), || x.json(), || x.value())?;
    }
    Ok(out)
}

/// Whether `path` matches `pattern`, where `...` matches any string and a
/// trailing `/...` also matches nothing (`x/...` matches `x`), as go's.
pub(crate) fn matches_pattern(pattern: &str, path: &str) -> bool {
    let mut re = String::from("^");
    let (body, tail) = match pattern.strip_suffix("/...") {
        Some(b) => (b, "(/.*)?"),
        None => (pattern, ""),
    };
    re += &body.split("...").map(regex::escape).collect::<Vec<_>>().join(".*");
    re += tail;
    re.push('$');
    regex::Regex::new(&re).is_ok_and(|r| r.is_match(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_as_go_prints_them() {
        let local = Module { path: "../local".into(), ..Module::default() };
        let m = Module { path: "example.org/a".into(), version: "v1.0.0".into(), replace: Some(Box::new(local)), ..Module::default() };
        assert_eq!(m.line(), "example.org/a v1.0.0 => ../local");
        let other = Module { path: "example.org/b".into(), version: "v2.0.0".into(), ..Module::default() };
        let m = Module { path: "example.org/a".into(), version: "v1.0.0".into(), replace: Some(Box::new(other)), ..Module::default() };
        assert_eq!(m.line(), "example.org/a v1.0.0 => example.org/b v2.0.0");
        assert_eq!(Module { path: "example.com/main".into(), main: true, ..Module::default() }.line(), "example.com/main");
    }

    #[test]
    fn patterns_as_go_matches_them() {
        assert!(matches_pattern("example.org/...", "example.org/a/b"));
        assert!(matches_pattern("example.org/a/...", "example.org/a"));
        assert!(!matches_pattern("example.org/a/...", "example.org/ab"));
        assert!(matches_pattern("...x...", "axb"));
        assert!(!matches_pattern("example.org/a", "example.org/a/b"));
    }
}
