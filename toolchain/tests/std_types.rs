//! The new type checker (docs/frontend.md) on Go's own standard library:
//! every package of GOROOT (Go 1.19, installed by ci/setup) checked from
//! source for linux/amd64 with its imports. The result per package is
//! checked in (`golden/std_types.txt`); `RGO_BLESS=1` rewrites it. A
//! package that passed and fails now fails the test, and so does one that
//! passes but is listed as failing (bless to record the progress).

use rgo::load::{constraint::Context, goroot, std_packages, Goroot, StdImporter};
use rgo::types::World;
use std::path::Path;

fn report() -> String {
    let root = goroot().expect("no GOROOT: run ci/setup (it installs golang-1.19-src)");
    let mut imp = StdImporter::new(Goroot { root: root.clone(), ctx: Context::new("linux", "amd64") });
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
            Err(e) if e.starts_with("build constraints exclude all Go files") => {
                skipped += 1;
                format!("skip {p}: no files for linux/amd64")
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
    format!("# {ok} of the {n} packages of GOROOT that build for linux/amd64 type-check ({skipped} others skipped)\n{}\n", lines.join("\n"))
}

#[test]
fn standard_library_type_checks() {
    let got = rgo::stack::grow(report);
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/std_types.txt");
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
