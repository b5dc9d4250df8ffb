//! The runtime library (`librgo_rt.a`) a program is linked with, per
//! target:
//!
//! - `RGO_RT_LIB_<GOARCH>` (`RGO_RT_LIB_ARM64`) from the environment, if
//!   set: an installed toolchain, or a library built elsewhere.
//! - Targets whose runtime is built with rgo (`RuntimeBuild::WithRgo`,
//!   linux/amd64): the library toolchain/build.rs built, its path baked in.
//! - Other targets (`RuntimeBuild::BuildStd`): built by rgo on first use
//!   with Debian's Rust and `-Zbuild-std` (as TinyGo builds its runtime per
//!   target), into a cache directory: `$RGO_RT_CACHE` if set, else
//!   `target/rgo-rt` of the checkout rgo was built from (beside rt-core's
//!   sources, which the build reads; `cargo clean` empties it). Every use
//!   runs cargo, which decides whether the library is fresh (a no-op build
//!   takes well under a second) and locks the directory, so parallel rgo
//!   invocations wait for one build instead of racing.

use super::build::{missing_tool, require};
use super::{err, Error};
use rgo_targets::runtime::{self, DEBIAN_RUST};
use rgo_targets::{RuntimeBuild, Target};
use std::path::{Path, PathBuf};

/// (target name, library) for the targets whose runtime toolchain/build.rs
/// built.
const WITH_RGO: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/runtime_libs.rs"));

/// The checkout rgo was built from.
fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap_or(Path::new("."))
}

/// Where runtimes built on first use are kept.
pub fn cache_dir() -> PathBuf {
    match std::env::var_os("RGO_RT_CACHE") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => repo().join("target/rgo-rt"),
    }
}

/// The runtime library for `target`.
pub fn runtime_lib(target: &Target) -> Result<PathBuf, Error> {
    let var = format!("RGO_RT_LIB_{}", target.env_suffix());
    if let Some(p) = std::env::var_os(&var) {
        return Ok(PathBuf::from(p));
    }
    match target.runtime {
        RuntimeBuild::WithRgo => {
            let Some((_, built)) = WITH_RGO.iter().find(|(name, _)| *name == target.name) else {
                return err(format!("rgo was built without a runtime library for {target} (set {var})"));
            };
            let p = PathBuf::from(built);
            if !p.is_file() {
                return err(format!("runtime library {} is missing (rebuild rgo, or set {var})", p.display()));
            }
            Ok(p)
        }
        RuntimeBuild::BuildStd { .. } => build_cached(target, &cache_dir()),
    }
}

/// Builds (or finds fresh) the runtime for `target` in `cache`.
pub fn build_cached(target: &Target, cache: &Path) -> Result<PathBuf, Error> {
    if let Some(part) = DEBIAN_RUST.missing() {
        return err(format!(
            "building the runtime library for {target} needs Debian's Rust ({part} is missing): install the \
             Debian packages {}",
            DEBIAN_RUST.packages.join(" ")
        ));
    }
    require(target.c_compiler(), &format!("the C compiler for {target}"))?;
    let manifest = repo().join("rt-core/staticlib/Cargo.toml");
    if !manifest.is_file() {
        return err(format!(
            "cannot build the runtime library for {target}: {} is missing (rgo builds it from the checkout it was \
             built from; or set RGO_RT_LIB_{})",
            manifest.display(),
            target.env_suffix()
        ));
    }
    let lib = runtime::lib_path(target, cache);
    if !lib.is_file() {
        super::say(&format!("rgo: building the runtime library for {target} (first use) in {}", cache.display()));
    }
    let mut cmd = runtime::cargo_build(std::ffi::OsStr::new("cargo"), target, &manifest, cache);
    let shown = format!("{cmd:?}");
    let out = match cmd.output() {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return err(missing_tool(
                rgo_targets::Tool { command: DEBIAN_RUST.cargo, debian_package: "cargo-web" },
                "Debian's cargo",
            ))
        }
        Err(e) => return err(format!("cannot run {shown}: {}", super::build::io_msg(&e))),
    };
    if !out.status.success() {
        return err(format!(
            "building the runtime library for {target} failed ({}): {shown}\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr).trim_end()
        ));
    }
    if !lib.is_file() {
        return err(format!("the runtime build for {target} did not produce {}", lib.display()));
    }
    Ok(lib)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amd64_runtime_is_built_with_rgo() {
        let t = rgo_targets::find("linux", "amd64").unwrap();
        assert!(WITH_RGO.iter().any(|(n, p)| *n == t.name && Path::new(p).is_file()), "{WITH_RGO:?}");
    }

    #[test]
    fn cache_is_under_the_checkout() {
        if std::env::var_os("RGO_RT_CACHE").is_none() {
            assert!(cache_dir().ends_with("target/rgo-rt"));
            assert!(cache_dir().parent().unwrap().parent().unwrap().join("rt-core/staticlib/Cargo.toml").is_file());
        }
    }

    /// The first-use build with Debian's cargo and -Zbuild-std, end to end,
    /// for the host's own triple (cross triples need rt-core's ports): a
    /// few minutes on two cores, so only on request
    /// (`cargo test -p rgo --lib -- --ignored build_std_runtime`).
    #[test]
    #[ignore]
    fn build_std_runtime() {
        let host = rgo_targets::host().expect("a supported host");
        let t = Target { runtime: RuntimeBuild::BuildStd { crates: "core,alloc" }, ..*host };
        let dir = tempfile::tempdir().unwrap();
        let lib = build_cached(&t, dir.path()).unwrap_or_else(|e| panic!("{e}"));
        assert!(lib.starts_with(dir.path()) && lib.is_file());
        // A second use finds it fresh.
        assert_eq!(build_cached(&t, dir.path()).unwrap_or_else(|e| panic!("{e}")), lib);
    }
}
