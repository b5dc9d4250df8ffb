//! The new type checker (docs/frontend.md) on Go's own standard library:
//! every package of GOROOT (Go 1.19, installed by ci/setup) checked from
//! source for linux/amd64 with its imports, as Go has it
//! (`golden/std_types.txt`) and with rgo's own packages in place of Go's
//! where rgo has them, as a build checks them (`golden/std_types_own.txt`:
//! the packages that use what rgo's own lack of Go's API fail). The result
//! per package is checked in; `RGO_BLESS=1` rewrites it. A package that
//! passed and fails now fails the test, and so does one that passes but is
//! listed as failing (bless to record the progress).

use rgo::load::{constraint::Context, goroot, std_packages, Goroot, Own, PackageImporter};
use rgo::types::World;
use std::path::Path;

fn report(own: Own) -> String {
    let root = goroot().expect("no GOROOT: run ci/setup (it installs golang-1.19-src)");
    let mut imp = PackageImporter::new(Goroot { root: root.clone(), ctx: Context::new("linux", "amd64"), own });
    let mut w = World::new();
    // RGO_STD_PACKAGES=a,b checks only those (for investigating one).
    let pkgs: Vec<String> = match std::env::var("RGO_STD_PACKAGES") {
        Ok(list) => list.split(',').map(str::to_string).collect(),
        Err(_) => std_packages(&root),
    };
    let mut lines = vec![];
    let mut ok = 0;
    let mut skipped = 0;
    for p in &pkgs {
        // Not a package a build can use: `builtin` documents the universe
        // (go build refuses it too); others have no file for this target.
        if p == "builtin" {
            skipped += 1;
            lines.push(format!("skip {p}: documentation only"));
            continue;
        }
        if std::env::var_os("RGO_STD_VERBOSE").is_some() {
            eprintln!("checking {p}");
        }
        let line = match imp.check(&mut w, p) {
            Ok(_) => {
                ok += 1;
                format!("ok   {p}")
            }
            Err(e) if e.to_string().starts_with("build constraints exclude all Go files") => {
                skipped += 1;
                format!("skip {p}: no files for linux/amd64")
            }
            Err(e) if e.to_string().starts_with("no non-test Go files") => {
                skipped += 1;
                format!("skip {p}: test files only")
            }
            Err(_) => {
                let first = imp.failed.get(p.as_str()).and_then(|ds| ds.first()).map(|d| {
                    let file = d.pos.file.rsplit('/').next().unwrap_or("").to_string();
                    format!("{file}:{}: {}", d.pos.line, d.msg.lines().next().unwrap_or(""))
                });
                format!("FAIL {p}: {}", first.unwrap_or_default())
            }
        };
        lines.push(line);
    }
    let n = pkgs.len() - skipped;
    let against = match own {
        Own::None => "",
        Own::All => " against every package of rgo's own",
    };
    format!("# {ok} of the {n} packages of GOROOT that build for linux/amd64 type-check{against} ({skipped} others skipped)\n{}\n", lines.join("\n"))
}

#[test]
fn standard_library_type_checks() {
    compare(Own::None, "std_types.txt");
}

/// As a build checks programs: GOROOT's library with rgo's own packages
/// in place of Go's.
#[test]
fn standard_library_type_checks_against_rgos_own_packages() {
    compare(Own::All, "std_types_own.txt");
}

fn compare(own: Own, name: &str) {
    let got = rgo::stack::grow(|| report(own));
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("RGO_BLESS").is_some() {
        std::fs::write(&golden, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&golden).unwrap_or_default();
    if got != want {
        let diff: Vec<String> = got
            .lines()
            .zip(want.lines().chain(std::iter::repeat("")))
            .filter(|(g, w)| g != w)
            .take(20)
            .map(|(g, w)| format!("- {w}\n+ {g}"))
            .collect();
        panic!("the standard library's type-checking changed (RGO_BLESS=1 to record it):\n{}", diff.join("\n"));
    }
}

/// An object's kind as text, its types written out (not as ids, which
/// differ between worlds).
fn kind(w: &World, k: &rgo::types::object::ObjKind, p: rgo::types::object::PkgId) -> String {
    use rgo::types::object::ObjKind;
    match k {
        ObjKind::Func { tparams, method } => {
            let tps: Vec<String> = tparams.iter().map(|&t| format!("{} {}", w.type_string(t, Some(p)), w.type_string(w.types.type_param(t).and_then(|tp| tp.constraint).unwrap_or(w.invalid), Some(p)))).collect();
            let recv = method.as_ref().map(|m| format!("recv {} ptr {}", w.type_string(m.recv, Some(p)), m.ptr_recv));
            format!("func [{}] {}", tps.join(", "), recv.unwrap_or_default())
        }
        k => format!("{k:?}"),
    }
}

/// What a package's importers see of it, as text: each exported object
/// (kind, type, constant value) and, for defined types, the underlying
/// type and the declared methods.
fn describe(w: &World, p: rgo::types::object::PkgId) -> String {
    use rgo::types::object::ObjKind;
    let scope = w.scope(w.pkg(p).scope);
    let mut names: Vec<(&str, rgo::types::object::ObjId)> = scope.names().filter(|&(_, o)| w.obj(o).exported()).collect();
    names.sort();
    let mut out = String::new();
    for (name, o) in names {
        let obj = w.obj(o);
        let t = obj.typ.expect("exported objects have types");
        let pos = format!("{}:{}:{}", obj.pos.file, obj.pos.line, obj.pos.col);
        out += &format!("{name} {pos} {} {}\n", kind(w, &obj.kind, p), w.type_string(t, Some(p)));
        if let (ObjKind::TypeName { alias: false }, Some(n)) = (&obj.kind, w.types.named(t)) {
            out += &format!("  = {}\n", w.type_string(n.underlying.expect("resolved"), Some(p)));
            for &m in &n.methods {
                let m = w.obj(m);
                let mpos = format!("{}:{}:{}", m.pos.file, m.pos.line, m.pos.col);
                out += &format!("  {} {mpos} {} {}\n", m.name, kind(w, &m.kind, p), w.type_string(m.typ.expect("a signature"), Some(p)));
            }
        }
    }
    out
}

/// Every package of the standard library, checked from source, written as
/// export data and read into another world, looks the same to importers
/// there: the build cache may stand in for checking GOROOT from source.
#[test]
fn export_data_round_trips() {
    rgo::stack::grow(|| {
        let root = goroot().expect("no GOROOT: run ci/setup (it installs golang-1.19-src)");
        let mut imp = PackageImporter::new(Goroot { root: root.clone(), ctx: Context::new("linux", "amd64"), own: Own::None });
        let mut a = World::new();
        let mut data = std::collections::HashMap::new();
        for p in std_packages(&root) {
            if p == "builtin" || p == "unsafe" {
                continue;
            }
            let _ = imp.check(&mut a, &p);
        }
        // With the vendored packages they import.
        for (i, pkg) in a.pkgs.iter().enumerate() {
            let id = rgo::types::object::PkgId(i as u32);
            if pkg.complete && id != a.unsafe_pkg && !imp.failed.contains_key(&pkg.path) {
                let bytes = rgo::types::write_export(&a, id).unwrap_or_else(|e| panic!("{}: {e}", pkg.path));
                data.insert(pkg.path.clone(), (id, bytes));
            }
        }
        assert!(data.len() > 200, "only {} packages checked", data.len());
        fn load(b: &mut World, p: &str, data: &std::collections::HashMap<String, (rgo::types::object::PkgId, Vec<u8>)>) -> rgo::types::object::PkgId {
            if let Some(id) = b.package_by_path(p) {
                return id;
            }
            if p == "unsafe" {
                return b.unsafe_pkg;
            }
            let bytes = &data[p].1;
            for r in rgo::types::export_refs(bytes).unwrap() {
                load(b, &r, data);
            }
            rgo::types::read_export(b, bytes).unwrap_or_else(|e| panic!("{e}"))
        }
        let mut b = World::new();
        let mut paths: Vec<&String> = data.keys().collect();
        paths.sort();
        for p in paths {
            let id = load(&mut b, p, &data);
            let (want, got) = (describe(&a, data[p.as_str()].0), describe(&b, id));
            if want != got {
                let diff: Vec<String> = want.lines().zip(got.lines()).filter(|(w, g)| w != g).take(5).map(|(w, g)| format!("- {w}\n+ {g}")).collect();
                panic!("{p} differs after export data ({} against {} lines):\n{}", want.lines().count(), got.lines().count(), diff.join("\n"));
            }
        }
    });
}

/// Each of rgo's own packages that stands in for one of GOROOT's, against
/// Go 1.19's API for it (`$GOROOT/api/go1*.txt`): how many of Go's members
/// it declares, and which it lacks (`golden/own_api.txt`; issue 26 asks
/// for all of them). A member rgo declares without implementing it is
/// declared all the same (docs/stdlib.md).
#[test]
fn rgos_own_packages_against_gos_api() {
    let got = rgo::stack::grow(|| {
        let root = goroot().expect("no GOROOT: run ci/setup (it installs golang-1.19-src)");
        let mut imp = PackageImporter::new(Goroot { root: root.clone(), ctx: Context::new("linux", "amd64"), own: Own::All });
        let mut w = World::new();
        let mut out = String::from("# rgo's own packages against Go 1.19's API (linux/amd64): members declared of Go's, then those missing\n");
        for path in rgo::check::library::paths() {
            // GOROOT's packages with files of rgo's added are GOROOT's.
            if path.starts_with("internal/") || path.contains("/internal/") || !root.join("src").join(path).is_dir() || rgo::check::library::overlay(path).is_some() {
                continue;
            }
            let mut api: Vec<String> = rgo::load::api::members(&root, path).into_iter().collect();
            api.sort();
            let Ok(p) = imp.check(&mut w, path) else {
                out += &format!("{path}: does not type-check\n");
                continue;
            };
            let scope = w.pkg(p).scope;
            let mut missing = vec![];
            for m in &api {
                let found = match m.split_once('.') {
                    None => w.scope(scope).get(m).is_some(),
                    Some((t, name)) => match w.scope(scope).get(t).and_then(|o| w.obj(o).typ) {
                        None => false,
                        Some(t) => {
                            let ptr = w.types.pointer(t);
                            [t, ptr].into_iter().any(|t| matches!(w.lookup_field_or_method(t, true, path, name), rgo::types::lookup::Lookup::Found { .. }))
                        }
                    },
                };
                if !found {
                    missing.push(m);
                }
            }
            // A package that replaces Go's whole has all of Go's API, but
            // for the runtime's type assertion error, whose descriptor
            // rt-core makes (docs/stdlib.md).
            let excused = |m: &str| path == "runtime" && m.starts_with("TypeAssertionError");
            if rgo::check::library::REPLACEMENTS.contains(&path) {
                let gaps: Vec<&&String> = missing.iter().filter(|m| !excused(m)).collect();
                assert!(gaps.is_empty(), "{path} replaces Go's package but lacks {gaps:?}");
            }
            out += &format!("{path}: {} of {}\n", api.len() - missing.len(), api.len());
            for m in missing {
                out += &format!("  {m}\n");
            }
        }
        out
    });
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/own_api.txt");
    if std::env::var_os("RGO_BLESS").is_some() {
        std::fs::write(&golden, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&golden).unwrap_or_default();
    assert!(got == want, "rgo's own packages against Go's API changed (RGO_BLESS=1 to record it):\n{got}");
}
