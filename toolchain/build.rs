//! Builds the runtime library that `rgo` links into every program:
//! rt-core packaged as `librgo_rt.a` by `rt-core/staticlib` (a workspace of
//! its own), built for x86_64-unknown-linux-gnu in release mode by a nested
//! `cargo build` into `$OUT_DIR/rt`. Its path reaches the driver as the
//! compile-time variable `RGO_RT_LIB_AMD64`.
//!
//! The nested build must not inherit what the outer build was asked to do
//! to *this* crate (RUSTFLAGS such as coverage instrumentation, a target
//! dir, a build target, rustc wrappers for workspace members): it gets a
//! clean environment except for what locates the toolchain, the registry
//! and the jobserver.

use std::env;
use std::path::PathBuf;
use std::process::Command;

const RT_TARGET: &str = "x86_64-unknown-linux-gnu";

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
        "rt-core/asm",
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
        println!("cargo:rerun-if-changed={}", root.join(p).display());
    }

    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.args(["build", "--release", "--locked", "--target", RT_TARGET])
        .arg("--manifest-path")
        .arg(&staticlib)
        .arg("--target-dir")
        .arg(&target_dir);
    for (key, _) in env::vars_os() {
        if key.to_str().is_some_and(leaks_into_nested_build) {
            cmd.env_remove(&key);
        }
    }
    let output = cmd.output().unwrap_or_else(|e| panic!("rgo: cannot run cargo to build the runtime: {e}"));
    if !output.status.success() {
        panic!(
            "rgo: building the runtime library (rt-core/staticlib) failed with {}:\n{}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let lib = target_dir.join(RT_TARGET).join("release").join("librgo_rt.a");
    assert!(lib.is_file(), "rgo: the runtime build did not produce {}", lib.display());
    println!("cargo:rustc-env=RGO_RT_LIB_AMD64={}", lib.display());
}

/// Whether an environment variable of this build script would change the
/// nested runtime build. Cargo's variables describe this package's build
/// or configure cargo (profiles, target dir, build target, rustflags), so
/// they go, except those that find the registry, the network and the
/// jobserver; so do the per-script variables `cc` reads.
fn leaks_into_nested_build(key: &str) -> bool {
    const KEEP: &[&str] = &["CARGO_HOME", "CARGO_MAKEFLAGS", "CARGO_TERM_COLOR"];
    const KEEP_PREFIXES: &[&str] = &["CARGO_NET_", "CARGO_HTTP_", "CARGO_REGISTRIES_", "CARGO_REGISTRY_"];
    if key.starts_with("CARGO_") {
        return !(KEEP.contains(&key) || KEEP_PREFIXES.iter().any(|p| key.starts_with(p)));
    }
    matches!(
        key,
        "RUSTFLAGS"
            | "RUSTDOCFLAGS"
            | "RUSTC_WORKSPACE_WRAPPER"
            | "TARGET"
            | "HOST"
            | "OUT_DIR"
            | "OPT_LEVEL"
            | "PROFILE"
            | "DEBUG"
            | "NUM_JOBS"
    )
}
