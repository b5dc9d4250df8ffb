//! `rgo list`: the packages patterns name, as the go command lists them:
//! import paths, `-json` (go's `Package` records, the fields rgo knows),
//! or `-f` (a template over the same records), with `-deps`.
//!
//! The records describe the packages rgo builds: rgo's own packages in
//! place of GOROOT's (runtime, reflect, …) list their files and imports,
//! so `Deps` is what an rgo build compiles. `Target` is where `rgo install`
//! puts a command; `Stale` and the cgo fields are not given (rgo keeps no
//! installed archives to compare with, and refuses cgo).

use super::{build, err, Error};
use crate::load::module::{Found, Modules};
use crate::load::pattern::Listed;
use crate::load::Goroot;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

/// How `rgo list` prints each package.
pub enum Format {
    Paths,
    Json,
    Template(Template),
}

/// One package as `go list -json` describes it (the fields rgo fills).
#[derive(Default, Clone)]
struct Package {
    dir: String,
    import_path: String,
    name: String,
    doc: String,
    /// Where `rgo install` puts a command.
    target: String,
    root: String,
    module: Option<ModuleInfo>,
    matches: Vec<String>,
    goroot: bool,
    standard: bool,
    dep_only: bool,
    go_files: Vec<String>,
    ignored_go_files: Vec<String>,
    ignored_other_files: Vec<String>,
    s_files: Vec<String>,
    syso_files: Vec<String>,
    embed_patterns: Vec<String>,
    embed_files: Vec<String>,
    imports: Vec<String>,
    import_map: BTreeMap<String, String>,
    deps: Vec<String>,
    test_go_files: Vec<String>,
    test_imports: Vec<String>,
    test_embed_patterns: Vec<String>,
    xtest_go_files: Vec<String>,
    xtest_imports: Vec<String>,
    xtest_embed_patterns: Vec<String>,
}

#[derive(Default, Clone)]
struct ModuleInfo {
    path: String,
    version: String,
    main: bool,
    dir: String,
    go_mod: String,
    go_version: String,
}

/// `rgo list`: each package `patterns` name (after their dependencies
/// with `deps`), printed as `format` says.
pub fn list(patterns: &[String], target: build::Target, format: &Format, deps: bool) -> Result<String, Error> {
    // Each pattern alone, to know which matched each package (`Match`).
    let mut listed: Vec<Listed> = vec![];
    let mut matched: HashMap<String, Vec<String>> = HashMap::new();
    for p in patterns {
        for f in super::packages(std::slice::from_ref(p), target)? {
            matched.entry(f.import_path.clone()).or_default().push(p.clone());
            if !listed.iter().any(|l| l.import_path == f.import_path) {
                listed.push(f);
            }
        }
    }
    if matches!(format, Format::Paths) && !deps {
        return Ok(listed.iter().map(|l| format!("{}\n", l.import_path)).collect());
    }
    let root = crate::load::goroot().unwrap_or_else(|| PathBuf::from("/usr/lib/go-1.19"));
    let goroot = Goroot { root, ctx: build::context(target), own: crate::load::Own::All };
    let modules = build::modules()?;
    let mut l = Lister { goroot, modules, loaded: HashMap::new() };
    for pkg in &listed {
        let mut p = l.load(pkg)?;
        p.matches = matched.remove(&pkg.import_path).unwrap_or_default();
        if p.name == "main" {
            p.target = super::install_path(build::command_name(&p.import_path).as_ref(), target).map(|t| t.display().to_string()).unwrap_or_default();
        }
        l.loaded.insert(p.import_path.clone(), p);
    }
    let named: Vec<String> = listed.iter().map(|p| p.import_path.clone()).collect();
    // `-deps`: every package after the packages it imports, each once
    // (go's order: a depth-first walk of the imports in sorted order).
    let order = if deps { l.post_order(&named)? } else { named.clone() };
    let mut out = String::new();
    for path in &order {
        let Some(mut p) = l.loaded.get(path).cloned() else { continue };
        p.deps = l.deps(&p)?;
        p.dep_only = !named.contains(path);
        format.render(&mut out, &p.import_path, || p.json(), || p.value())?;
    }
    Ok(out)
}

impl Format {
    /// Appends one record to `out`: its `line`, its `json()` or the
    /// template's output for its `value()`.
    fn render(&self, out: &mut String, line: &str, json: impl FnOnce() -> String, value: impl FnOnce() -> Value) -> Result<(), Error> {
        match self {
            Format::Paths => out.push_str(line),
            // A JSON record ends with its own newline.
            Format::Json => {
                out.push_str(&json());
                return Ok(());
            }
            Format::Template(t) => out.push_str(&t.execute(&value()).or_else(err)?),
        }
        out.push('\n');
        Ok(())
    }
}

/// A package's files as `rgo generate` and `rgo clean` read them: its
/// directory, name, import path, the files of its build, of its tests and
/// of its external tests (names in the directory), and whether a
/// dependency module (not the main one) holds it.
pub(crate) struct PackageFiles {
    pub dir: PathBuf,
    pub name: String,
    pub import_path: String,
    pub go_files: Vec<String>,
    pub test_go_files: Vec<String>,
    pub xtest_go_files: Vec<String>,
    pub dependency: bool,
}

/// The packages `patterns` name, their files chosen by the build context.
pub(crate) fn package_files(patterns: &[String], target: build::Target) -> Result<Vec<PackageFiles>, Error> {
    let root = crate::load::goroot().unwrap_or_else(|| PathBuf::from("/usr/lib/go-1.19"));
    let goroot = Goroot { root, ctx: build::context(target), own: crate::load::Own::None };
    let mut l = Lister { goroot, modules: build::modules()?, loaded: HashMap::new() };
    let mut out = vec![];
    for pkg in super::packages(patterns, target)? {
        let p = l.load(&pkg)?;
        let dependency = p.module.as_ref().is_some_and(|m| !m.main);
        out.push(PackageFiles {
            dir: pkg.dir.clone(),
            name: p.name,
            import_path: p.import_path,
            go_files: p.go_files,
            test_go_files: p.test_go_files,
            xtest_go_files: p.xtest_go_files,
            dependency,
        });
    }
    Ok(out)
}

struct Lister {
    goroot: Goroot,
    modules: Option<Modules>,
    loaded: HashMap<String, Package>,
}

impl Lister {
    /// The record of package `pkg`, its files read and parsed.
    fn load(&mut self, pkg: &Listed) -> Result<Package, Error> {
        if let Some(p) = self.loaded.get(&pkg.import_path) {
            return Ok(p.clone());
        }
        let path = pkg.import_path.as_str();
        let dir = &pkg.dir;
        let standard = self.modules.as_ref().is_none_or(|m| !matches!(m.find_package(path), Ok(Found::Dir(_))));
        let ctx = self.goroot.ctx.for_package(path).into_owned();
        let mut p = Package { dir: dir.display().to_string(), import_path: path.to_string(), ..Package::default() };
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .or_else(|e| err(format!("{}: {}", dir.display(), build::io_msg(&e))))?
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_file())
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        names.sort();
        let mut ids = crate::syntax::IdGen::default();
        // The files the build compiles: rgo's own in place of GOROOT's.
        let own = standard && self.goroot.is_own(path.strip_prefix("vendor/").unwrap_or(path));
        let mut sources: Vec<(String, Vec<u8>)> = vec![];
        if own {
            for (f, src) in self.goroot.read(path).map_err(Error::Source)? {
                sources.push((f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(), src));
            }
        }
        let mut tests = vec![];
        for n in &names {
            let Some(kind) = n.rsplit_once('.').map(|(_, k)| k) else { continue };
            if n.starts_with('_') || n.starts_with('.') {
                continue;
            }
            let read = || std::fs::read(dir.join(n)).or_else(|e| err(format!("open {}: {}", dir.join(n).display(), build::io_msg(&e))));
            let constraint_ok = |src: &[u8]| ctx.file_ok(src).or_else(|e| err(format!("{}: {e}", dir.join(n).display())));
            match kind {
                "go" if n.ends_with("_test.go") => {
                    let src = read()?;
                    if ctx.test_file_name_ok(n) && constraint_ok(&src)? {
                        tests.push((n.clone(), src));
                    } else {
                        p.ignored_go_files.push(n.clone());
                    }
                }
                "go" if own => {}
                "go" => {
                    let src = read()?;
                    if ctx.file_name_ok(n) && constraint_ok(&src)? {
                        sources.push((n.clone(), src));
                    } else {
                        p.ignored_go_files.push(n.clone());
                    }
                }
                "s" | "S" if !own => {
                    let as_go = format!("{}.go", &n[..n.len() - 2]);
                    if ctx.file_name_ok(&as_go) && constraint_ok(&read()?)? {
                        p.s_files.push(n.clone());
                    } else {
                        p.ignored_other_files.push(n.clone());
                    }
                }
                "syso" if !own => p.syso_files.push(n.clone()),
                _ => {}
            }
        }
        let mut imports = BTreeSet::new();
        let mut embeds = BTreeSet::new();
        // Headers only, unless the file may have `//go:embed` lines.
        let parse = |n: &str, src: &[u8], ids: &mut crate::syntax::IdGen| -> Result<crate::syntax::ast::File, Error> {
            let shown = dir.join(n).display().to_string();
            let header = crate::syntax::parse_header(&shown, src, ids).map_err(Error::Source)?;
            if header.imports.iter().any(|i| i.path == "embed") {
                return crate::syntax::parse_bytes_all(&shown, src, ids).map_err(Error::Source);
            }
            Ok(header)
        };
        for (n, src) in &sources {
            let file = parse(n, src, &mut ids)?;
            // A cgo file is excluded, as without CGO_ENABLED.
            if file.imports.iter().any(|i| i.path == "C") {
                p.ignored_go_files.push(n.clone());
                continue;
            }
            if p.name.is_empty() {
                p.name = file.package.name.clone();
            }
            if p.doc.is_empty() {
                p.doc = synopsis(&package_doc(src, file.package.pos.line));
            }
            imports.extend(file.imports.iter().map(|i| i.path.clone()));
            embeds.extend(embed_patterns(&file));
            p.go_files.push(n.clone());
        }
        p.ignored_go_files.sort();
        let (mut test_imports, mut xtest_imports) = (BTreeSet::new(), BTreeSet::new());
        let (mut test_embeds, mut xtest_embeds) = (BTreeSet::new(), BTreeSet::new());
        for (n, src) in &tests {
            let file = parse(n, src, &mut ids)?;
            let external = file.package.name.ends_with("_test") && file.package.name != p.name;
            if p.name.is_empty() && !external {
                p.name = file.package.name.clone();
            }
            let (files, imps, emb) = if external {
                (&mut p.xtest_go_files, &mut xtest_imports, &mut xtest_embeds)
            } else {
                (&mut p.test_go_files, &mut test_imports, &mut test_embeds)
            };
            files.push(n.clone());
            imps.extend(file.imports.iter().map(|i| i.path.clone()));
            emb.extend(embed_patterns(&file));
        }
        if p.name.is_empty() {
            p.name = tests.first().map(|_| pkg.import_path.rsplit('/').next().unwrap_or("").to_string()).unwrap_or_default();
        }
        // In the order of the paths as written, as go lists them.
        let resolve =
            |set: BTreeSet<String>, map: &mut BTreeMap<String, String>| -> Vec<String> { set.into_iter().map(|i| self.resolved(&i, standard, map)).collect() };
        let mut map = BTreeMap::new();
        p.imports = resolve(imports, &mut map);
        // The tests' imports go sorts again once resolved.
        p.import_map = map;
        // (go's ImportMap is of the package's own imports.)
        p.test_imports = resolve(test_imports, &mut BTreeMap::new());
        p.test_imports.sort();
        p.xtest_imports = resolve(xtest_imports, &mut BTreeMap::new());
        p.xtest_imports.sort();
        // The tests' files are go list's only with -test.
        let mut all = BTreeSet::new();
        for pat in &embeds {
            let found = crate::load::embed::match_pattern(dir, pat).or_else(|e| err(format!("{}: pattern {pat}: {e}", dir.display())))?;
            all.extend(found);
        }
        p.embed_patterns = embeds.into_iter().collect();
        p.embed_files = all.into_iter().collect();
        p.test_embed_patterns = test_embeds.into_iter().collect();
        p.xtest_embed_patterns = xtest_embeds.into_iter().collect();
        if own {
            // The documentation is of Go's package, which rgo's stands in for.
            p.doc.clear();
            for n in names.iter().filter(|n| ctx.file_name_ok(n)) {
                let Ok(src) = std::fs::read(dir.join(n)) else { continue };
                let Ok(file) = crate::syntax::parse_header(n, &src, &mut ids) else { continue };
                p.doc = synopsis(&package_doc(&src, file.package.pos.line));
                if !p.doc.is_empty() {
                    break;
                }
            }
        }
        if standard {
            p.goroot = true;
            p.standard = true;
            p.root = self.goroot.root.display().to_string();
        } else if let Some(m) = &self.modules {
            p.module = module_info(m, path);
            p.root = p.module.as_ref().map(|m| m.dir.clone()).unwrap_or_default();
        }
        self.loaded.insert(path.to_string(), p.clone());
        Ok(p)
    }

    /// The import path the build gives import `i` of a package (standard
    /// or not): GOROOT's vendored packages are `vendor/…` for the standard
    /// library's importers, noted in `map` as go's `ImportMap` notes them.
    fn resolved(&self, i: &str, standard: bool, map: &mut BTreeMap<String, String>) -> String {
        let src = self.goroot.root.join("src");
        if standard && i.contains('.') && !src.join(i).is_dir() && src.join("vendor").join(i).is_dir() {
            let v = format!("vendor/{i}");
            map.insert(i.to_string(), v.clone());
            return v;
        }
        i.to_string()
    }

    /// The package an import path names, loaded.
    fn load_path(&mut self, path: &str) -> Result<Package, Error> {
        if let Some(p) = self.loaded.get(path) {
            return Ok(p.clone());
        }
        let dir = match self.modules.as_ref().map(|m| m.find_package(path)).transpose().or_else(err)? {
            Some(Found::Dir(d)) => Some(d),
            _ => self.goroot.dir(path.strip_prefix("vendor/").unwrap_or(path)),
        };
        let Some(dir) = dir else {
            return err(format!("package {path} is not in GOROOT ({})", self.goroot.root.join("src").join(path).display()));
        };
        self.load(&Listed { import_path: path.to_string(), dir, tests_only: false })
    }

    /// Every package `p` imports, directly or not, sorted.
    fn deps(&mut self, p: &Package) -> Result<Vec<String>, Error> {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<String> = p.imports.clone();
        while let Some(i) = todo.pop() {
            if !seen.insert(i.clone()) || i == "unsafe" {
                continue;
            }
            todo.extend(self.load_path(&i)?.imports);
        }
        Ok(seen.into_iter().collect())
    }

    /// `roots` and everything they import, each after its imports.
    fn post_order(&mut self, roots: &[String]) -> Result<Vec<String>, Error> {
        fn visit(l: &mut Lister, path: &str, done: &mut BTreeSet<String>, out: &mut Vec<String>) -> Result<(), Error> {
            if !done.insert(path.to_string()) {
                return Ok(());
            }
            let p = if path == "unsafe" { l.unsafe_package() } else { l.load_path(path)? };
            for i in &p.imports {
                visit(l, i, done, out)?;
            }
            out.push(path.to_string());
            Ok(())
        }
        let mut done = BTreeSet::new();
        let mut out = vec![];
        for r in roots {
            visit(self, r, &mut done, &mut out)?;
        }
        Ok(out)
    }

    /// Package unsafe's record: no files, as the go command lists it.
    fn unsafe_package(&mut self) -> Package {
        let dir = self.goroot.root.join("src/unsafe");
        let p = match self.load(&Listed { import_path: "unsafe".into(), dir, tests_only: false }) {
            Ok(p) => p,
            Err(_) => Package { import_path: "unsafe".into(), name: "unsafe".into(), goroot: true, standard: true, ..Package::default() },
        };
        self.loaded.insert("unsafe".into(), p.clone());
        p
    }
}

/// The `//go:embed` patterns of `file`'s variables.
fn embed_patterns(file: &crate::syntax::ast::File) -> Vec<String> {
    let mut out = vec![];
    for d in &file.decls {
        if let crate::syntax::ast::Decl::Gen(crate::syntax::ast::GenDecl::Var(specs)) = d {
            out.extend(specs.iter().filter_map(|s| s.embed.as_ref()).flat_map(|e| e.patterns.iter().map(|p| p.text.clone())));
        }
    }
    out
}

/// The module of package `path`, as go's `Module` field gives it.
fn module_info(m: &Modules, path: &str) -> Option<ModuleInfo> {
    let (mpath, version, dir) = m.module_of(path)?;
    let main = mpath == m.path;
    let go_mod = dir.as_ref().map(|d| d.join("go.mod")).filter(|g| g.is_file());
    let go_version = go_mod
        .as_ref()
        .and_then(|g| std::fs::read_to_string(g).ok())
        .and_then(|t| crate::load::module::parse_mod("go.mod", &t).ok())
        .and_then(|f| f.go)
        .unwrap_or_default();
    Some(ModuleInfo {
        path: mpath,
        version: version.unwrap_or_default(),
        main,
        dir: dir.map(|d| d.display().to_string()).unwrap_or_default(),
        go_mod: go_mod.map(|g| g.display().to_string()).unwrap_or_default(),
        go_version,
    })
}

/// The package's doc comment in `src`, whose package clause is on line
/// `clause`: the comment lines directly above it, without their markers
/// and without directives.
fn package_doc(src: &[u8], clause: u32) -> String {
    let text = String::from_utf8_lossy(src);
    let lines: Vec<&str> = text.lines().collect();
    let at = (clause as usize).saturating_sub(1).min(lines.len());
    let mut doc: Vec<String> = vec![];
    let mut i = at;
    // A `/* … */` block ending on the line above.
    if i > 0 && lines[i - 1].trim_end().ends_with("*/") {
        let end = i - 1;
        let mut start = end;
        while !lines[start].trim_start().starts_with("/*") {
            if start == 0 {
                return String::new();
            }
            start -= 1;
        }
        let block = lines[start..=end].join("\n");
        let inner = block.trim().trim_start_matches("/*").trim_end_matches("*/");
        return inner.to_string();
    }
    while i > 0 && lines[i - 1].trim_start().starts_with("//") {
        i -= 1;
        let l = lines[i].trim_start().trim_start_matches("//");
        // Directives (`//go:build`, `//line`) are not documentation.
        if l.starts_with("go:") || l.starts_with("line ") {
            continue;
        }
        doc.insert(0, l.strip_prefix(' ').unwrap_or(l).to_string());
    }
    doc.join("\n")
}

/// go/doc's synopsis: the first sentence of `text`, on one line; empty for
/// a copyright or author notice.
fn synopsis(text: &str) -> String {
    let mut end = text.len();
    let (mut ppp, mut pp, mut p) = (' ', ' ', ' ');
    for (i, q) in text.char_indices() {
        let q = if matches!(q, '\n' | '\r' | '\t') { ' ' } else { q };
        if q == ' ' && p == '.' && (!pp.is_uppercase() || ppp.is_uppercase()) {
            end = i;
            break;
        }
        if p == '。' || p == '．' {
            end = i;
            break;
        }
        (ppp, pp, p) = (pp, p, q);
    }
    let first = text[..end].split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = first.to_lowercase();
    if ["copyright", "all rights", "author"].iter().any(|p| lower.starts_with(p)) {
        return String::new();
    }
    first.replace("``", "\u{201c}").replace("''", "\u{201d}")
}

/// JSON as go's encoder writes it (`json.MarshalIndent` with a tab): `<`,
/// `>`, `&`, U+2028 and U+2029 escaped too.
struct Json {
    out: String,
    depth: usize,
    first: bool,
}

impl Json {
    fn new() -> Json {
        Json { out: "{".into(), depth: 1, first: true }
    }

    fn key(&mut self, k: &str) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        self.out.push('\n');
        self.out.push_str(&"\t".repeat(self.depth));
        quote(&mut self.out, k);
        self.out.push_str(": ");
    }

    fn str(&mut self, k: &str, v: &str) {
        if !v.is_empty() {
            self.key(k);
            quote(&mut self.out, v);
        }
    }

    fn bool(&mut self, k: &str, v: bool) {
        if v {
            self.key(k);
            self.out.push_str("true");
        }
    }

    fn list(&mut self, k: &str, v: &[String]) {
        if v.is_empty() {
            return;
        }
        self.key(k);
        self.out.push('[');
        for (i, s) in v.iter().enumerate() {
            self.out.push_str(if i == 0 { "\n" } else { ",\n" });
            self.out.push_str(&"\t".repeat(self.depth + 1));
            quote(&mut self.out, s);
        }
        self.out.push('\n');
        self.out.push_str(&"\t".repeat(self.depth));
        self.out.push(']');
    }

    fn open(&mut self, k: &str) {
        self.key(k);
        self.out.push('{');
        self.depth += 1;
        self.first = true;
    }

    fn close(&mut self) {
        self.depth -= 1;
        self.out.push('\n');
        self.out.push_str(&"\t".repeat(self.depth));
        self.out.push('}');
        self.first = false;
    }
}

fn quote(out: &mut String, s: &str) {
    super::test2json::json_string(out, s.as_bytes());
}

impl Package {
    fn json(&self) -> String {
        let mut j = Json::new();
        j.str("Dir", &self.dir);
        j.str("ImportPath", &self.import_path);
        j.str("Name", &self.name);
        j.str("Doc", &self.doc);
        j.str("Target", &self.target);
        j.str("Root", &self.root);
        if let Some(m) = &self.module {
            j.open("Module");
            j.str("Path", &m.path);
            j.str("Version", &m.version);
            j.bool("Main", m.main);
            j.str("Dir", &m.dir);
            j.str("GoMod", &m.go_mod);
            j.str("GoVersion", &m.go_version);
            j.close();
        }
        j.list("Match", &self.matches);
        j.bool("Goroot", self.goroot);
        j.bool("Standard", self.standard);
        j.bool("DepOnly", self.dep_only);
        j.list("GoFiles", &self.go_files);
        j.list("IgnoredGoFiles", &self.ignored_go_files);
        j.list("IgnoredOtherFiles", &self.ignored_other_files);
        j.list("SFiles", &self.s_files);
        j.list("SysoFiles", &self.syso_files);
        j.list("EmbedPatterns", &self.embed_patterns);
        j.list("EmbedFiles", &self.embed_files);
        j.list("Imports", &self.imports);
        if !self.import_map.is_empty() {
            j.open("ImportMap");
            for (k, v) in &self.import_map {
                j.str(k, v);
            }
            j.close();
        }
        j.list("Deps", &self.deps);
        j.list("TestGoFiles", &self.test_go_files);
        j.list("TestImports", &self.test_imports);
        j.list("TestEmbedPatterns", &self.test_embed_patterns);
        j.list("XTestGoFiles", &self.xtest_go_files);
        j.list("XTestImports", &self.xtest_imports);
        j.list("XTestEmbedPatterns", &self.xtest_embed_patterns);
        j.out.push_str("\n}\n");
        j.out
    }

    /// The record as a template's dot.
    fn value(&self) -> Value {
        let s = |v: &str| Value::Str(v.to_string());
        let l = |v: &[String]| Value::List(v.iter().map(|x| Value::Str(x.clone())).collect());
        let mut f: BTreeMap<&'static str, Value> = BTreeMap::new();
        for (k, v) in [
            ("Dir", &self.dir),
            ("ImportPath", &self.import_path),
            ("Name", &self.name),
            ("Doc", &self.doc),
            ("Root", &self.root),
            ("Target", &self.target),
            ("StaleReason", &String::new()),
        ] {
            f.insert(k, s(v));
        }
        for (k, v) in [("Goroot", self.goroot), ("Standard", self.standard), ("DepOnly", self.dep_only), ("Stale", false), ("Incomplete", false)] {
            f.insert(k, Value::Bool(v));
        }
        for (k, v) in [
            ("Match", &self.matches),
            ("GoFiles", &self.go_files),
            ("CgoFiles", &vec![]),
            ("IgnoredGoFiles", &self.ignored_go_files),
            ("IgnoredOtherFiles", &self.ignored_other_files),
            ("SFiles", &self.s_files),
            ("SysoFiles", &self.syso_files),
            ("EmbedPatterns", &self.embed_patterns),
            ("EmbedFiles", &self.embed_files),
            ("Imports", &self.imports),
            ("Deps", &self.deps),
            ("TestGoFiles", &self.test_go_files),
            ("TestImports", &self.test_imports),
            ("TestEmbedPatterns", &self.test_embed_patterns),
            ("TestEmbedFiles", &vec![]),
            ("XTestGoFiles", &self.xtest_go_files),
            ("XTestImports", &self.xtest_imports),
            ("XTestEmbedPatterns", &self.xtest_embed_patterns),
            ("XTestEmbedFiles", &vec![]),
        ] {
            f.insert(k, l(v));
        }
        f.insert(
            "Module",
            match &self.module {
                None => Value::Nil,
                Some(m) => {
                    let mut mf = BTreeMap::new();
                    for (k, v) in [("Path", &m.path), ("Version", &m.version), ("Dir", &m.dir), ("GoMod", &m.go_mod), ("GoVersion", &m.go_version)] {
                        mf.insert(k, s(v));
                    }
                    mf.insert("Main", Value::Bool(m.main));
                    Value::Struct("modinfo.ModulePublic", mf)
                }
            },
        );
        Value::Struct("load.PackagePublic", f)
    }
}

pub use template::{Template, Value};

/// `go list -f`'s templates: the part of text/template that listing
/// formats use, with text/template's messages for what it rejects.
mod modules;
pub(crate) use modules::matches_pattern;
mod template;

pub(crate) use modules::list_modules;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synopsis_is_go_docs_first_sentence() {
        // What go/doc.Synopsis answers for each.
        assert_eq!(
            synopsis("Package fmt implements formatted I/O with functions analogous\nto C's printf. More."),
            "Package fmt implements formatted I/O with functions analogous to C's printf."
        );
        assert_eq!(synopsis("Package x is v1.2. Then."), "Package x is v1.2.");
        assert_eq!(synopsis("Copyright 2009 The Go Authors."), "");
        assert_eq!(synopsis("Uses ``quotes''."), "Uses \u{201c}quotes\u{201d}.");
        assert_eq!(synopsis("See Mr. X. Then"), "See Mr.");
        assert_eq!(synopsis("Use the X. Y method. Then"), "Use the X. Y method.");
        assert_eq!(synopsis("Ends ABC. Next"), "Ends ABC.");
    }

    #[test]
    fn package_doc_is_the_comment_above_the_clause() {
        assert_eq!(package_doc(b"// Copyright\n\n//go:build linux\n\n// Package p does.\n// More.\npackage p\n", 7), "Package p does.\nMore.");
        assert_eq!(package_doc(b"/*\nPackage q is q.\npackage takes\n*/\npackage q\n", 5), "\nPackage q is q.\npackage takes\n");
        assert_eq!(package_doc(b"// Not doc.\n\npackage r\n", 3), "");
    }

    #[test]
    fn json_as_go_encodes_it() {
        let p = Package { dir: "/d".into(), import_path: "a<b>&c".into(), matches: vec!["./...".into()], standard: true, ..Package::default() };
        assert_eq!(
            p.json(),
            "{\n\t\"Dir\": \"/d\",\n\t\"ImportPath\": \"a\\u003cb\\u003e\\u0026c\",\n\t\"Match\": [\n\t\t\"./...\"\n\t],\n\t\"Standard\": true\n}\n"
        );
    }
}
