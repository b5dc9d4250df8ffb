//! rt-core's assembly for arm64 and riscv64 exercised by hand-written
//! programs (`tests/cross/<arch>.S`), linked with the rgo-rt static library
//! built for that architecture and run under qemu-user: process entry,
//! stack growth through many segments, a nil dereference turned into a
//! panic and recovered by a deferred call, the runtime calling an `Error`
//! method, an unrecovered fault's report and `runtime.Breakpoint`.
//!
//! The static library is built here by a nested Debian cargo with
//! `-Zbuild-std=core,alloc` (rustup has only x86-64's std here), the
//! programs assembled and linked with Debian's cross gcc. These tools are
//! part of the CI image (ci/setup); without them the tests fail and say
//! what is missing.
//!
//! The tests run on an x86-64 host (the cross stages of ci/test run rt-core
//! natively on the emulated target instead).
#![cfg(target_arch = "x86_64")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// One cross target: Rust's triple, the GNU triple of its gcc and binutils,
/// and the qemu-user emulator.
struct Cross {
    arch: &'static str,
    triple: &'static str,
    gnu: &'static str,
    qemu: &'static str,
}

const ARM64: Cross =
    Cross { arch: "arm64", triple: "aarch64-unknown-linux-gnu", gnu: "aarch64-linux-gnu", qemu: "qemu-aarch64" };
const RISCV64: Cross =
    Cross { arch: "riscv64", triple: "riscv64gc-unknown-linux-gnu", gnu: "riscv64-linux-gnu", qemu: "qemu-riscv64" };

/// Debian's toolchain, which can build core and alloc for any target.
const DEBIAN_CARGO: &str = "/usr/bin/cargo";
const DEBIAN_RUSTC: &str = "/usr/bin/rustc";

fn require(tool: &str) {
    let found = if tool.contains('/') {
        Path::new(tool).is_file()
    } else {
        std::env::var_os("PATH")
            .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(tool).is_file()))
    };
    assert!(found, "{tool} is missing: install the cross tools as ci/setup does");
}

impl Cross {
    /// Builds `librgo_rt.a` for the target (a no-op once built; each
    /// target has its own target directory so the two tests do not wait
    /// for each other's build).
    fn runtime_lib(&self) -> PathBuf {
        for tool in [DEBIAN_CARGO, DEBIAN_RUSTC, &format!("{}-gcc", self.gnu), self.qemu] {
            require(tool);
        }
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("staticlib/Cargo.toml");
        let target_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("rgo-rt-{}", self.arch));
        let env_triple = self.triple.replace('-', "_");
        let mut cmd = Command::new(DEBIAN_CARGO);
        for (key, _) in std::env::vars_os() {
            if key.to_str().is_some_and(leaks_into_nested_build) {
                cmd.env_remove(&key);
            }
        }
        cmd.args(["build", "--release", "--locked", "-Zbuild-std=core,alloc", "--target", self.triple])
            .arg("--manifest-path")
            .arg(&manifest)
            .arg("--target-dir")
            .arg(&target_dir)
            .env("RUSTC", DEBIAN_RUSTC)
            .env("RUSTC_BOOTSTRAP", "1")
            .env(format!("CC_{env_triple}"), format!("{}-gcc", self.gnu))
            .env(format!("AR_{env_triple}"), format!("{}-ar", self.gnu));
        let out = cmd.output().expect("run Debian's cargo");
        assert!(
            out.status.success(),
            "building rt-core/staticlib for {} failed:\n{}{}",
            self.triple,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        target_dir.join(self.triple).join("release/librgo_rt.a")
    }

    /// Assembles `tests/cross/<arch>.S` with the preprocessor symbols
    /// `defines` and links it with `lib` as `rgo build` links programs.
    fn build(&self, lib: &Path, name: &str, defines: &[&str]) -> PathBuf {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cross-programs").join(self.arch);
        std::fs::create_dir_all(&dir).unwrap();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/cross/{}.S", self.arch));
        let include = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rt-arch/include");
        let gcc = format!("{}-gcc", self.gnu);
        let obj = dir.join(format!("{name}.o"));
        let st = Command::new(&gcc)
            .arg("-c")
            .arg("-I")
            .arg(&include)
            .args(defines.iter().map(|d| format!("-D{d}")))
            .args(["-Wa,--noexecstack", "-o"])
            .arg(&obj)
            .arg(&src)
            .status()
            .expect("run the cross gcc");
        assert!(st.success(), "assembling {} for {name}", src.display());
        let exe = dir.join(name);
        let st = Command::new(&gcc)
            .args(["-nostdlib", "-static", "-no-pie", "-Wl,--gc-sections", "-Wl,-z,noexecstack", "-o"])
            .arg(&exe)
            .arg(&obj)
            .arg(lib)
            .status()
            .expect("run the cross gcc");
        assert!(st.success(), "linking {}", exe.display());
        exe
    }

    fn run(&self, exe: &Path) -> Output {
        Command::new(self.qemu).arg(exe).output().expect("run qemu-user")
    }

    /// The address of symbol `name` in `exe`.
    fn symbol(&self, exe: &Path, name: &str) -> u64 {
        let out = Command::new(format!("{}-nm", self.gnu)).arg(exe).output().expect("run nm");
        let table = String::from_utf8_lossy(&out.stdout).into_owned();
        let line = table
            .lines()
            .find(|l| l.ends_with(&format!(" {name}")))
            .unwrap_or_else(|| panic!("{name} not in {}", exe.display()));
        u64::from_str_radix(line.split(' ').next().unwrap(), 16).unwrap()
    }
}

/// Whether an environment variable of this test process would change the
/// nested build (as toolchain/build.rs decides it).
fn leaks_into_nested_build(key: &str) -> bool {
    const KEEP: &[&str] = &["CARGO_HOME", "CARGO_MAKEFLAGS", "CARGO_TERM_COLOR"];
    const KEEP_PREFIXES: &[&str] = &["CARGO_NET_", "CARGO_HTTP_", "CARGO_REGISTRIES_", "CARGO_REGISTRY_"];
    if key.starts_with("CARGO_") {
        return !(KEEP.contains(&key) || KEEP_PREFIXES.iter().any(|p| key.starts_with(p)));
    }
    matches!(
        key,
        "RUSTC" | "RUSTDOC" | "RUSTFLAGS" | "RUSTDOCFLAGS" | "RUSTC_WORKSPACE_WRAPPER" | "RUSTC_WRAPPER" | "LLVM_PROFILE_FILE"
    )
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const TRAILER: &str = "\ngoroutine 1 [running]:\n\t(no traceback: rgo has no unwinder yet)\n";
const NIL: &str = "runtime error: invalid memory address or nil pointer dereference";

/// All three programs of `tests/cross/<arch>.S` on one target.
fn programs(t: &Cross) {
    let lib = t.runtime_lib();

    let exe = t.build(&lib, "stack_and_recover", &[]);
    let o = t.run(&exe);
    let rec = format!("recovered: {NIL}\nf2 returned 42\n");
    assert_eq!(stderr(&o), format!("sum 5000050000\n{rec}{rec}back on the first segment true\n"));
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));

    let exe = t.build(&lib, "unrecovered_fault", &["MAIN_FAULTS"]);
    let pc = t.symbol(&exe, "main_fault");
    let o = t.run(&exe);
    assert_eq!(
        stderr(&o),
        format!("panic: {NIL}\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x8 pc={pc:#x}]\n{TRAILER}")
    );
    assert_eq!(o.status.code(), Some(2));

    // The trap reports the breakpoint instruction's pc; the signal code is
    // the kernel's (TRAP_BRKPT, or 0 from some emulators), so only its
    // presence is checked.
    let exe = t.build(&lib, "breakpoint", &["MAIN_BREAKS"]);
    let pc = t.symbol(&exe, "rgo_breakpoint");
    let o = t.run(&exe);
    let err = stderr(&o);
    let prefix = format!("SIGTRAP: trace trap\nPC={pc:#x} m=0 sigcode=");
    assert!(err.starts_with(&prefix), "stderr: {err}");
    let code = err[prefix.len()..].strip_suffix(&format!("\n{TRAILER}")).unwrap_or_else(|| panic!("stderr: {err}"));
    assert!(code.parse::<i32>().is_ok(), "stderr: {err}");
    assert_eq!(o.status.code(), Some(2));

    let exe = t.build(&lib, "goroutines", &["MAIN_GOROUTINES"]);
    let o = t.run(&exe);
    assert_eq!(stderr(&o), "pingpong 1000\npreempted, goroutines 1\n");
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
}

#[test]
fn arm64_programs_grow_stacks_recover_faults_and_trap() {
    programs(&ARM64);
}

#[test]
fn riscv64_programs_grow_stacks_recover_faults_and_trap() {
    programs(&RISCV64);
}
