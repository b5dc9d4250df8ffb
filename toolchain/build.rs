//! Builds the runtime library that `rgo` links into every program:
//! rt-core packaged as `librgo_rt.a` by `rt-core/staticlib` (a workspace of
//! its own), for each target of the table (`rgo-targets`) whose runtime is
//! built with rgo (`RuntimeBuild::WithRgo`: linux/amd64), in release mode,
//! by a nested `cargo build` into `$OUT_DIR/rt` (the command and its clean
//! environment: `rgo_targets::runtime::cargo_build`). The paths reach the
//! driver as `$OUT_DIR/runtime_libs.rs`, a list of (target name, path).
//! Other targets' runtimes are built by rgo on first use (driver/runtime.rs).

use rgo_targets::{runtime, RuntimeBuild, TARGETS};
use std::env;
use std::fmt::Write;
use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let root = manifest.parent().expect("toolchain/ has a parent").to_path_buf();
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let target_dir = out.join("rt");
    let staticlib = root.join("rt-core/staticlib/Cargo.toml");

    println!("cargo:rerun-if-changed=build.rs");
    for p in [
        "rt-core/Cargo.toml",
        "rt-core/build.rs",
        "rt-core/src",
        "rt-core/staticlib/Cargo.toml",
        "rt-core/staticlib/Cargo.lock",
        "rt-core/staticlib/src",
        "rt-arch/Cargo.toml",
        "rt-arch/build.rs",
        "rt-arch/src",
        "rt-arch/asm",
        "rt-arch/include",
        "reflect/Cargo.toml",
        "reflect/src",
    ] {
        // Only what exists: cargo reruns a script each time for a missing path.
        if root.join(p).exists() {
            println!("cargo:rerun-if-changed={}", root.join(p).display());
        }
    }

    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut list = String::from("&[\n");
    for t in TARGETS.iter().filter(|t| t.runtime == RuntimeBuild::WithRgo) {
        let mut cmd = runtime::cargo_build(&cargo, t, &staticlib, &target_dir);
        let output = cmd.output().unwrap_or_else(|e| panic!("rgo: cannot run cargo to build the runtime: {e}"));
        if !output.status.success() {
            panic!(
                "rgo: building the runtime library (rt-core/staticlib) for {t} failed with {}:\n{}{}",
                output.status,
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let lib = runtime::lib_path(t, &target_dir);
        assert!(lib.is_file(), "rgo: the runtime build did not produce {}", lib.display());
        let _ = writeln!(list, "    ({:?}, {:?}),", t.name, lib.display().to_string());
    }
    list.push(']');
    let file = out.join("runtime_libs.rs");
    std::fs::write(&file, list).unwrap_or_else(|e| panic!("rgo: cannot write {}: {e}", file.display()));
    library_table(&manifest.join("lib"), &out.join("golib.rs"));
}

/// Embeds the Go sources of the library packages (`toolchain/lib/<import
/// path>/*.go`) as `$OUT_DIR/golib.rs`: a sorted list of (import path, file
/// name, source), read by `check::library`.
fn library_table(lib: &std::path::Path, out: &std::path::Path) {
    println!("cargo:rerun-if-changed={}", lib.display());
    let mut files = vec![];
    let mut dirs = vec![lib.to_path_buf()];
    while let Some(d) = dirs.pop() {
        println!("cargo:rerun-if-changed={}", d.display());
        let entries = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("rgo: cannot read {}: {e}", d.display()));
        for e in entries {
            let p = e.unwrap_or_else(|e| panic!("rgo: cannot read {}: {e}", d.display())).path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "go") {
                let rel = p.strip_prefix(lib).expect("under lib/");
                let pkg = rel.parent().expect("a file in a package directory").to_string_lossy().replace('\\', "/");
                let name = rel.file_name().expect("a file name").to_string_lossy().to_string();
                files.push((pkg, name, p.display().to_string()));
            }
        }
    }
    files.sort();
    let mut table = String::from("&[\n");
    for (pkg, name, path) in files {
        let _ = writeln!(table, "    ({pkg:?}, {name:?}, include_str!({path:?})),");
    }
    table.push(']');
    std::fs::write(out, table).unwrap_or_else(|e| panic!("rgo: cannot write {}: {e}", out.display()));
}
