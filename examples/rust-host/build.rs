//! Builds app.go into libapp.a with `rgo build --lib` for the target being
//! compiled for. rgo is `$RGO`, else the workspace's target/PROFILE/rgo
//! (the profile being built), else the other of target/release/rgo and
//! target/debug/rgo: build it first (`cargo build -p rgo`).

use std::path::PathBuf;
use std::process::Command;

fn main() {
    let manifest = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let root = manifest.join("../..");
    let rgo = match std::env::var_os("RGO") {
        Some(p) => PathBuf::from(p),
        None => {
            let profile = std::env::var("PROFILE").unwrap_or_default();
            let order = if profile == "release" {
                ["release", "debug"]
            } else {
                ["debug", "release"]
            };
            order
                .into_iter()
                .map(|p| root.join("target").join(p).join("rgo"))
                .find(|p| p.is_file())
                .unwrap_or_else(|| panic!("no rgo: build it first (cargo build -p rgo) or set RGO"))
        }
    };
    let goarch = match std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() {
        Ok("x86_64") => "amd64",
        Ok("aarch64") => "arm64",
        Ok("riscv64") => "riscv64",
        other => panic!("rgo builds no library for target arch {other:?}"),
    };
    let src = manifest.join("app.go");
    let lib = out.join("libapp.a");
    let status = Command::new(&rgo)
        .args([
            "build",
            "--lib",
            "--target",
            &format!("linux/{goarch}"),
            "-o",
        ])
        .arg(&lib)
        .arg(&src)
        .status()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", rgo.display()));
    assert!(
        status.success(),
        "{} build --lib failed ({status})",
        rgo.display()
    );
    println!("cargo:rustc-link-search=native={}", out.display());
    println!("cargo:rustc-link-lib=static=app");
    println!("cargo:rerun-if-changed={}", src.display());
    println!("cargo:rerun-if-changed={}", rgo.display());
    println!("cargo:rerun-if-env-changed=RGO");
}
