//! How the runtime library (`librgo_rt.a`, rt-core/staticlib) is built for
//! a target: the one `cargo build` command that toolchain/build.rs runs for
//! [`RuntimeBuild::WithRgo`] targets and rgo runs on first use for
//! [`RuntimeBuild::BuildStd`] ones.
//!
//! The nested build must not inherit what the outer build (or test run)
//! asked of *its* crate (RUSTFLAGS such as coverage instrumentation, a
//! target dir, a build target, rustc wrappers): it gets a clean environment
//! except for what locates the toolchain, the registry and the jobserver.

use crate::{RuntimeBuild, Target};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The library file cargo writes.
pub const LIB_NAME: &str = "librgo_rt.a";

/// Debian's Rust, which builds `core` and `alloc` for any target from the
/// sources of `rust-web-src` (`-Zbuild-std`, allowed by RUSTC_BOOTSTRAP).
pub struct DebianRust {
    pub cargo: &'static str,
    pub rustc: &'static str,
    /// The standard library's sources that `-Zbuild-std` compiles.
    pub library_src: &'static str,
    /// What to install when one of them is missing.
    pub packages: &'static [&'static str],
}

pub const DEBIAN_RUST: DebianRust = DebianRust {
    cargo: "/usr/bin/cargo",
    rustc: "/usr/bin/rustc",
    library_src: "/usr/lib/rustlib/src/rust/library",
    packages: &["rustc-web", "cargo-web", "rust-web-src"],
};

impl DebianRust {
    /// The first of its parts that is missing, if any.
    pub fn missing(&self) -> Option<&'static str> {
        [self.cargo, self.rustc, self.library_src].into_iter().find(|p| !Path::new(p).exists())
    }
}

/// Where cargo puts the library when building for `target` into
/// `target_dir`.
pub fn lib_path(target: &Target, target_dir: &Path) -> PathBuf {
    target_dir.join(target.rust_triple).join("release").join(LIB_NAME)
}

/// The `cargo build` of rt-core/staticlib (`manifest`) for `target` into
/// `target_dir`, in release mode with the committed lock file: the
/// [`cargo_for`] command with `build` and its arguments.
pub fn cargo_build(cargo: &OsStr, target: &Target, manifest: &Path, target_dir: &Path) -> Command {
    let mut cmd = cargo_for(cargo, target);
    cmd.args(["build", "--release", "--locked", "--target", target.rust_triple])
        .arg("--manifest-path")
        .arg(manifest)
        .arg("--target-dir")
        .arg(target_dir);
    if let Some(flag) = build_std_flag(target) {
        cmd.arg(flag);
    }
    cmd
}

/// The cargo that builds Rust code for `target`, without arguments, in an
/// environment cleaned of the outer build's variables
/// ([`leaks_into_nested_build`]): `cargo` for a [`RuntimeBuild::WithRgo`]
/// target (the one building rgo); Debian's for a [`RuntimeBuild::BuildStd`]
/// one, with its rustc, `RUSTC_BOOTSTRAP` (for `-Zbuild-std`, see
/// [`build_std_flag`]) and the target's C compiler and archiver for the
/// `cc` crate (rt-arch's assembly).
pub fn cargo_for(cargo: &OsStr, target: &Target) -> Command {
    let mut cmd = match target.runtime {
        RuntimeBuild::WithRgo => Command::new(cargo),
        RuntimeBuild::BuildStd { .. } => Command::new(DEBIAN_RUST.cargo),
    };
    for (key, _) in std::env::vars_os() {
        if key.to_str().is_some_and(leaks_into_nested_build) {
            cmd.env_remove(&key);
        }
    }
    if let RuntimeBuild::BuildStd { .. } = target.runtime {
        let cc = target.c_compiler().command;
        let triple = target.rust_triple.replace('-', "_");
        cmd.env("RUSTC", DEBIAN_RUST.rustc)
            .env("RUSTC_BOOTSTRAP", "1")
            .env(format!("CC_{triple}"), cc)
            .env(format!("AR_{triple}"), format!("{}-ar", target.gnu_triple));
    }
    cmd
}

/// `-Zbuild-std=CRATES` for a target whose standard crates are built from
/// source ([`RuntimeBuild::BuildStd`]), for the [`cargo_for`] command.
pub fn build_std_flag(target: &Target) -> Option<String> {
    match target.runtime {
        RuntimeBuild::BuildStd { crates } => Some(format!("-Zbuild-std={crates}")),
        RuntimeBuild::WithRgo => None,
    }
}

/// The name of cargo's per-target environment variable `CARGO_TARGET_<TRIPLE>_<KEY>`
/// (`key`: `LINKER`, `RUNNER`) for `target`.
pub fn cargo_target_var(target: &Target, key: &str) -> String {
    format!("CARGO_TARGET_{}_{key}", target.rust_triple.replace(['-', '.'], "_").to_ascii_uppercase())
}

/// Whether an environment variable of the outer build would change the
/// nested runtime build. Cargo's variables describe the outer package's
/// build or configure cargo (profiles, target dir, build target,
/// rustflags), so they go, except those that find the registry, the
/// network and the jobserver; so do the per-script variables `cc` reads.
/// (RUSTC stays: the nested build of a [`RuntimeBuild::WithRgo`] target
/// uses the outer build's compiler; a [`RuntimeBuild::BuildStd`] build sets
/// its own.)
pub fn leaks_into_nested_build(key: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::find;

    fn envs(cmd: &Command) -> Vec<(String, Option<String>)> {
        cmd.get_envs()
            .map(|(k, v)| (k.to_string_lossy().into_owned(), v.map(|v| v.to_string_lossy().into_owned())))
            .collect()
    }

    fn args(cmd: &Command) -> Vec<String> {
        cmd.get_args().map(|a| a.to_string_lossy().into_owned()).collect()
    }

    #[test]
    fn cross_runtime_uses_debian_cargo_and_build_std() {
        let t = find("linux", "arm64").unwrap();
        let cmd = cargo_build(OsStr::new("cargo"), t, Path::new("/r/rt-core/staticlib/Cargo.toml"), Path::new("/c"));
        assert_eq!(cmd.get_program(), "/usr/bin/cargo");
        let a = args(&cmd);
        assert!(a.contains(&"-Zbuild-std=core,alloc".to_string()), "{a:?}");
        assert!(a.windows(2).any(|w| w == ["--target", "aarch64-unknown-linux-gnu"]), "{a:?}");
        assert!(a.windows(2).any(|w| w == ["--target-dir", "/c"]), "{a:?}");
        let e = envs(&cmd);
        let has = |k: &str, v: &str| e.iter().any(|(ek, ev)| ek == k && ev.as_deref() == Some(v));
        assert!(has("RUSTC", "/usr/bin/rustc") && has("RUSTC_BOOTSTRAP", "1"), "{e:?}");
        if !t.is_host() {
            assert!(has("CC_aarch64_unknown_linux_gnu", "aarch64-linux-gnu-gcc"), "{e:?}");
        }
        assert!(has("AR_aarch64_unknown_linux_gnu", "aarch64-linux-gnu-ar"), "{e:?}");
        assert_eq!(lib_path(t, Path::new("/c")), Path::new("/c/aarch64-unknown-linux-gnu/release/librgo_rt.a"));
    }

    #[test]
    fn host_runtime_uses_the_given_cargo() {
        let t = find("linux", "amd64").unwrap();
        let cmd = cargo_build(OsStr::new("/x/cargo"), t, Path::new("m"), Path::new("d"));
        assert_eq!(cmd.get_program(), "/x/cargo");
        assert!(!args(&cmd).iter().any(|a| a.starts_with("-Z")));
    }

    #[test]
    fn cargo_for_a_board() {
        let t = find("none", "riscv64").unwrap();
        let cmd = cargo_for(OsStr::new("cargo"), t);
        assert_eq!(cmd.get_program(), "/usr/bin/cargo");
        assert!(args(&cmd).is_empty());
        let e = envs(&cmd);
        let has = |k: &str, v: &str| e.iter().any(|(ek, ev)| ek == k && ev.as_deref() == Some(v));
        assert!(has("RUSTC", "/usr/bin/rustc") && has("RUSTC_BOOTSTRAP", "1"), "{e:?}");
        assert!(has("AR_riscv64gc_unknown_none_elf", "riscv64-linux-gnu-ar"), "{e:?}");
        assert_eq!(build_std_flag(t).as_deref(), Some("-Zbuild-std=core,alloc"));
        assert_eq!(build_std_flag(find("linux", "amd64").unwrap()), None);
        assert_eq!(cargo_target_var(t, "RUNNER"), "CARGO_TARGET_RISCV64GC_UNKNOWN_NONE_ELF_RUNNER");
        let arm64 = find("none", "arm64").unwrap();
        assert_eq!(cargo_target_var(arm64, "LINKER"), "CARGO_TARGET_AARCH64_UNKNOWN_NONE_LINKER");
    }

    #[test]
    fn nested_build_environment() {
        for k in ["CARGO_TARGET_DIR", "CARGO_BUILD_TARGET", "RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS"] {
            assert!(leaks_into_nested_build(k), "{k}");
        }
        for k in ["CARGO_HOME", "CARGO_MAKEFLAGS", "CARGO_NET_OFFLINE", "PATH", "HOME"] {
            assert!(!leaks_into_nested_build(k), "{k}");
        }
    }
}
