//! rt-core's assembly for arm64 and riscv64 exercised by hand-written
//! programs (`tests/cross/<arch>.S`), linked with the rgo-rt static library
//! built for that architecture and run under qemu-user: process entry,
//! stack growth through many segments, a nil dereference turned into a
//! panic and recovered by a deferred call, the runtime calling an `Error`
//! method, an unrecovered fault's report and `runtime.Breakpoint`.
//!
//! The static library is built as rgo builds it on first use (the table's
//! command: Debian's cargo with `-Zbuild-std=core,alloc`, since rustup has
//! only x86-64's std here), the programs assembled and linked with the
//! table's cross gcc and flags. These tools are
//! part of the CI image (ci/setup); without them the tests fail and say
//! what is missing.
//!
//! The tests run on an x86-64 host (the cross stages of ci/test run rt-core
//! natively on the emulated target instead).
#![cfg(target_arch = "x86_64")]

use rgo_targets::runtime::{self, DEBIAN_RUST};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// One cross target, a row of rgo's table of targets (`rgo-targets`): its
/// C compiler, link flags, emulator and runtime build come from there.
struct Cross {
    t: &'static rgo_targets::Target,
}

impl Cross {
    fn linux(goarch: &str) -> Cross {
        Cross { t: rgo_targets::find("linux", goarch).unwrap_or_else(|e| panic!("{e}")) }
    }

    /// The GNU triple: prefix of the cross gcc and binutils.
    fn gnu(&self) -> &'static str {
        self.t.gnu_triple
    }
}

fn require(tool: &str) {
    let found = if tool.contains('/') {
        Path::new(tool).exists()
    } else {
        std::env::var_os("PATH")
            .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(tool).is_file()))
    };
    assert!(found, "{tool} is missing: install the cross tools as ci/setup does");
}

impl Cross {
    /// Builds `librgo_rt.a` for the target with the table's command, into
    /// the cache rgo itself uses for runtimes built on first use
    /// (`$RGO_RT_CACHE`, else `target/rgo-rt` of this checkout), so a test
    /// run builds each cross runtime once for both (a no-op once built;
    /// cargo's lock serializes concurrent builds).
    fn runtime_lib(&self) -> PathBuf {
        if let Some(missing) = DEBIAN_RUST.missing() {
            panic!("{missing} is missing: install {} as ci/setup does", DEBIAN_RUST.packages.join(" "));
        }
        for tool in [self.t.c_compiler().command, self.runner().0] {
            require(tool);
        }
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("staticlib/Cargo.toml");
        let target_dir = match std::env::var_os("RGO_RT_CACHE") {
            Some(d) if !d.is_empty() => PathBuf::from(d),
            _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/rgo-rt"),
        };
        let out = runtime::cargo_build("cargo".as_ref(), self.t, &manifest, &target_dir)
            .output()
            .expect("run Debian's cargo");
        assert!(
            out.status.success(),
            "building rt-core/staticlib for {} failed:\n{}{}",
            self.t.rust_triple,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        runtime::lib_path(self.t, &target_dir)
    }

    /// The emulator command and its arguments (every cross target has one
    /// on this x86-64 host).
    fn runner(&self) -> (&'static str, &'static [&'static str]) {
        match self.t.runner() {
            Some(rgo_targets::Emulator::User { tool, args } | rgo_targets::Emulator::System { tool, args }) => (tool.command, args),
            None => panic!("{} runs natively here: not a cross target", self.t),
        }
    }

    /// Assembles `tests/cross/<arch>.S` with the preprocessor symbols
    /// `defines` and links it with `lib` as `rgo build` links programs.
    fn build(&self, lib: &Path, name: &str, defines: &[&str]) -> PathBuf {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cross-programs").join(self.t.goarch);
        std::fs::create_dir_all(&dir).unwrap();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/cross/{}.S", self.t.goarch));
        let include = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rt-arch/include");
        let gcc = self.t.c_compiler().command;
        let obj = dir.join(format!("{name}.o"));
        let st = Command::new(gcc)
            .arg("-c")
            .arg("-I")
            .arg(&include)
            .args(defines.iter().map(|d| format!("-D{d}")))
            .args(self.t.asm_flags)
            .arg("-o")
            .arg(&obj)
            .arg(&src)
            .status()
            .expect("run the cross gcc");
        assert!(st.success(), "assembling {} for {name}", src.display());
        let exe = dir.join(name);
        let st = Command::new(gcc)
            .args(self.t.link.flags)
            .arg("-o")
            .arg(&exe)
            .arg(&obj)
            .arg(lib)
            .status()
            .expect("run the cross gcc");
        assert!(st.success(), "linking {}", exe.display());
        exe
    }

    /// Runs `exe` with one processor: the programs' runtime calls (the
    /// `rtcall` macro) pass none of the runtime lock's gates compiled code
    /// passes with several (docs/goroutines.md, "Several processors").
    fn run(&self, exe: &Path) -> Output {
        let (emulator, args) = self.runner();
        Command::new(emulator).args(args).arg(exe).env("GOMAXPROCS", "1").output().expect("run qemu-user")
    }

    /// The address of symbol `name` in `exe`.
    fn symbol(&self, exe: &Path, name: &str) -> u64 {
        let out = Command::new(format!("{}-nm", self.gnu())).arg(exe).output().expect("run nm");
        let table = String::from_utf8_lossy(&out.stdout).into_owned();
        let line = table
            .lines()
            .find(|l| l.ends_with(&format!(" {name}")))
            .unwrap_or_else(|| panic!("{name} not in {}", exe.display()));
        u64::from_str_radix(line.split(' ').next().unwrap(), 16).unwrap()
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The goroutine header; no frames (hand-written assembly has no tables).
const TRAILER: &str = "\ngoroutine 1 [running]:\n";
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
    programs(&Cross::linux("arm64"));
}

#[test]
fn riscv64_programs_grow_stacks_recover_faults_and_trap() {
    programs(&Cross::linux("riscv64"));
}
