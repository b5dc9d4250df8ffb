//! The targets rgo builds for, written once (TinyGo's `targets/*.json`,
//! as Rust data): for each one its GOOS and GOARCH, Rust triple, C compiler
//! driver and flags, link flags, emulator, page size, how nil dereferences
//! are caught and how its runtime library is built.
//!
//! rgo's driver, its build script, `runtime.GOOS`/`GOARCH`, the end-to-end
//! tests, ci/conformance, ci/test (through the `rgo-targets` command) and
//! the build script of reflect/board-test (the boards' reflect test
//! program) read [`TARGETS`]; nothing else lists targets.
//!
//! Adding a target is adding a row. The bare-metal boards (`virt-arm64`,
//! `virt-riscv64`, GOOS `none`) are rows whose [`Target::link`] carries a
//! linker script (`ld/`) and whose [`Emulator`] is a `qemu-system-*`
//! machine.

pub mod runtime;

use std::fmt;

/// A program rgo runs, and the Debian package that provides it (named in
/// the error when it is missing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tool {
    pub command: &'static str,
    pub debian_package: &'static str,
}

/// How a target's programs are linked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    /// Flags given to the C compiler driver before the objects.
    pub flags: &'static [&'static str],
    /// The text of a linker script (written beside the objects and given
    /// as `-Wl,-T,...`), for boards; none for Linux, whose default layout
    /// serves.
    pub script: Option<&'static str>,
}

/// How programs for a target run on a machine of another architecture.
/// rgo's executables are static, so qemu-user needs no `-L SYSROOT`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Emulator {
    /// A user-mode emulator (qemu-user): `COMMAND ARGS... EXE PROGRAM-ARGS...`,
    /// which passes the standard streams, signals and the exit status
    /// through.
    User { tool: Tool, args: &'static [&'static str] },
    /// A machine emulator (qemu-system) booting the image: `COMMAND
    /// ARGS... EXE`. The board's UART is its standard output (standard
    /// error shares it), and the program's exit status becomes qemu's.
    /// Programs take no arguments.
    System { tool: Tool, args: &'static [&'static str] },
}

impl Emulator {
    pub fn tool(&self) -> Tool {
        match self {
            Emulator::User { tool, .. } | Emulator::System { tool, .. } => *tool,
        }
    }
}

/// How a nil pointer dereference becomes a Go panic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NilCheck {
    /// The first `bytes` of the address space are never mapped: a load or
    /// store through nil plus an offset below `bytes` faults and the signal
    /// handler panics; larger offsets touch the base pointer first.
    UnmappedLow { bytes: u64 },
}

impl NilCheck {
    /// The offsets below which an access through nil faults.
    pub fn guard(self) -> u64 {
        match self {
            NilCheck::UnmappedLow { bytes } => bytes,
        }
    }
}

/// How the runtime library (rt-core/staticlib, `librgo_rt.a`) for a target
/// is built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuntimeBuild {
    /// With the cargo that builds rgo (rustup's stable, which carries this
    /// target's `core`), by toolchain/build.rs, and baked into rgo: what
    /// the README's plain `cargo build` gives.
    WithRgo,
    /// On first use, by rgo, with Debian's Rust and `-Zbuild-std` (rustup
    /// has no `core` for this target here); see [`runtime`].
    BuildStd { crates: &'static str },
}

/// One target: an OS and an architecture rgo builds executables for.
#[derive(Debug, PartialEq, Eq)]
pub struct Target {
    /// `GOOS/GOARCH`, as `go tool dist list` prints it.
    pub name: &'static str,
    pub goos: &'static str,
    pub goarch: &'static str,
    /// The Rust target the runtime library is built for.
    pub rust_triple: &'static str,
    /// The GNU triple: prefix of the cross tools, `/usr/<gnu_triple>` is
    /// the cross sysroot.
    pub gnu_triple: &'static str,
    /// The C compiler driver that assembles and links for this target from
    /// another architecture (on its own architecture rgo uses [`HOST_CC`]).
    pub cc: Tool,
    /// Flags for assembling a `.s`/`.S` file (`-c -o OBJ SRC` follow).
    pub asm_flags: &'static [&'static str],
    pub link: Link,
    /// Runs its programs on another architecture.
    pub emulator: Emulator,
    pub page_size: u64,
    pub nil_check: NilCheck,
    pub runtime: RuntimeBuild,
}

/// The C compiler on a machine building for its own architecture.
pub const HOST_CC: Tool = Tool { command: "gcc", debian_package: "gcc" };

/// Assembling: no executable stack, whatever the file says (generated code
/// says nothing).
const ASM_FLAGS: &[&str] = &["-Wa,--noexecstack"];

/// Linking a Linux executable: static, no C library and no startup files
/// (rt-core's `_start` is the entry), `--gc-sections` dropping every
/// runtime routine the program does not use.
const LINUX_LINK: Link = Link {
    flags: &["-nostdlib", "-static", "-no-pie", "-Wl,--gc-sections", "-Wl,-z,noexecstack"],
    script: None,
};

/// Linux never maps the first page (vm.mmap_min_addr is at least 4096).
const LINUX_NIL: NilCheck = NilCheck::UnmappedLow { bytes: 4096 };

/// Linking a board image: as for Linux, at the linker script's addresses.
const BOARD_LINK_FLAGS: &[&str] =
    &["-nostdlib", "-static", "-no-pie", "-Wl,--gc-sections", "-Wl,--no-warn-rwx-segments", "-Wl,-z,max-page-size=4096"];

/// Nothing answers at address 0 on either board: the arm64 boot code maps
/// no memory below 2 MiB, and riscv64's virt machine has no device there.
/// (A fault there is a fatal exception so far, not yet Go's panic:
/// docs/boards.md.)
const BOARD_NIL: NilCheck = NilCheck::UnmappedLow { bytes: 4096 };

const QEMU_SYSTEM_ARM: &str = "qemu-system-arm";
const QEMU_SYSTEM_MISC: &str = "qemu-system-misc";

const QEMU_USER: &str = "qemu-user";

/// Every target, the host's first.
pub static TARGETS: &[Target] = &[
    Target {
        name: "linux/amd64",
        goos: "linux",
        goarch: "amd64",
        rust_triple: "x86_64-unknown-linux-gnu",
        gnu_triple: "x86_64-linux-gnu",
        cc: Tool { command: "x86_64-linux-gnu-gcc", debian_package: "gcc-x86-64-linux-gnu" },
        asm_flags: ASM_FLAGS,
        link: LINUX_LINK,
        emulator: Emulator::User { tool: Tool { command: "qemu-x86_64", debian_package: QEMU_USER }, args: &[] },
        page_size: 4096,
        nil_check: LINUX_NIL,
        runtime: RuntimeBuild::WithRgo,
    },
    Target {
        name: "linux/arm64",
        goos: "linux",
        goarch: "arm64",
        rust_triple: "aarch64-unknown-linux-gnu",
        gnu_triple: "aarch64-linux-gnu",
        cc: Tool { command: "aarch64-linux-gnu-gcc", debian_package: "gcc-aarch64-linux-gnu" },
        asm_flags: ASM_FLAGS,
        link: LINUX_LINK,
        emulator: Emulator::User { tool: Tool { command: "qemu-aarch64", debian_package: QEMU_USER }, args: &[] },
        page_size: 4096,
        nil_check: LINUX_NIL,
        runtime: RuntimeBuild::BuildStd { crates: "core,alloc" },
    },
    Target {
        name: "linux/riscv64",
        goos: "linux",
        goarch: "riscv64",
        rust_triple: "riscv64gc-unknown-linux-gnu",
        gnu_triple: "riscv64-linux-gnu",
        cc: Tool { command: "riscv64-linux-gnu-gcc", debian_package: "gcc-riscv64-linux-gnu" },
        asm_flags: ASM_FLAGS,
        link: LINUX_LINK,
        emulator: Emulator::User { tool: Tool { command: "qemu-riscv64", debian_package: QEMU_USER }, args: &[] },
        page_size: 4096,
        nil_check: LINUX_NIL,
        runtime: RuntimeBuild::BuildStd { crates: "core,alloc" },
    },
    Target {
        name: "virt-arm64",
        goos: "none",
        goarch: "arm64",
        rust_triple: "aarch64-unknown-none",
        gnu_triple: "aarch64-linux-gnu",
        cc: Tool { command: "aarch64-linux-gnu-gcc", debian_package: "gcc-aarch64-linux-gnu" },
        asm_flags: ASM_FLAGS,
        link: Link { flags: BOARD_LINK_FLAGS, script: Some(include_str!("../ld/virt-arm64.ld")) },
        emulator: Emulator::System {
            tool: Tool { command: "qemu-system-aarch64", debian_package: QEMU_SYSTEM_ARM },
            args: &["-M", "virt", "-cpu", "cortex-a57", "-m", "128M", "-nographic", "-semihosting", "-nic", "none", "-kernel"],
        },
        page_size: 4096,
        nil_check: BOARD_NIL,
        runtime: RuntimeBuild::BuildStd { crates: "core,alloc" },
    },
    Target {
        name: "virt-riscv64",
        goos: "none",
        goarch: "riscv64",
        rust_triple: "riscv64gc-unknown-none-elf",
        gnu_triple: "riscv64-linux-gnu",
        cc: Tool { command: "riscv64-linux-gnu-gcc", debian_package: "gcc-riscv64-linux-gnu" },
        asm_flags: ASM_FLAGS,
        link: Link { flags: BOARD_LINK_FLAGS, script: Some(include_str!("../ld/virt-riscv64.ld")) },
        emulator: Emulator::System {
            tool: Tool { command: "qemu-system-riscv64", debian_package: QEMU_SYSTEM_MISC },
            args: &["-M", "virt", "-m", "128M", "-bios", "none", "-nographic", "-semihosting", "-kernel"],
        },
        page_size: 4096,
        nil_check: BOARD_NIL,
        runtime: RuntimeBuild::BuildStd { crates: "core,alloc" },
    },
];

/// The GOARCH of the machine rgo runs on (Rust's `target_arch` in Go's
/// words), if Go has one rgo knows.
pub fn host_goarch() -> Option<&'static str> {
    match std::env::consts::ARCH {
        "x86_64" => Some("amd64"),
        "aarch64" => Some("arm64"),
        "riscv64" => Some("riscv64"),
        _ => None,
    }
}

/// The GOOS of the machine rgo runs on.
pub fn host_goos() -> &'static str {
    std::env::consts::OS
}

/// The target of the machine rgo runs on, if it is one of [`TARGETS`].
pub fn host() -> Option<&'static Target> {
    let arch = host_goarch()?;
    TARGETS.iter().find(|t| t.goos == host_goos() && t.goarch == arch)
}

impl Target {
    /// Whether its programs run here natively.
    pub fn is_host(&self) -> bool {
        host_goarch() == Some(self.goarch) && host_goos() == self.goos
    }

    /// The C compiler driver to assemble and link with, here.
    pub fn c_compiler(&self) -> Tool {
        if self.is_host() {
            HOST_CC
        } else {
            self.cc
        }
    }

    /// The emulator its programs need here: none on its own architecture.
    pub fn runner(&self) -> Option<&Emulator> {
        (!self.is_host()).then_some(&self.emulator)
    }

    /// `GOARCH` in upper case with `-` and `/` as `_`, for environment
    /// variable names (`RGO_RT_LIB_ARM64`).
    pub fn env_suffix(&self) -> String {
        let id = if self.goos == "linux" { self.goarch } else { self.name };
        id.to_ascii_uppercase().replace(['-', '/'], "_")
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// A GOOS/GOARCH pair that is not in [`TARGETS`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsupported {
    pub goos: String,
    pub goarch: String,
}

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unsupported GOOS/GOARCH pair {}/{} (supported: {})", self.goos, self.goarch, names().join(", "))
    }
}

impl std::error::Error for Unsupported {}

/// The names of every target, `linux/amd64` first.
pub fn names() -> Vec<&'static str> {
    TARGETS.iter().map(|t| t.name).collect()
}

/// The target `goos/goarch`.
pub fn find(goos: &str, goarch: &str) -> Result<&'static Target, Unsupported> {
    TARGETS
        .iter()
        .find(|t| t.goos == goos && t.goarch == goarch)
        .ok_or_else(|| Unsupported { goos: goos.to_string(), goarch: goarch.to_string() })
}

/// A target as a user names it: a board (`virt-arm64`), `linux/arm64`, or
/// a bare GOARCH (`arm64`) for the host's GOOS (or `default_goos` when
/// given, as `GOOS` sets it).
pub fn parse(spec: &str, default_goos: Option<&str>) -> Result<&'static Target, Unsupported> {
    if let Some(t) = TARGETS.iter().find(|t| t.name == spec) {
        return Ok(t);
    }
    match spec.split_once('/') {
        Some((goos, goarch)) => find(goos, goarch),
        None => find(default_goos.unwrap_or(host_goos()), spec),
    }
}

/// The target chosen the way `go` chooses it: `--target` (a name or a bare
/// GOARCH) wins; else `GOOS` and `GOARCH` (each defaulting to the host's
/// when unset or empty).
pub fn select(flag: Option<&str>, goos: Option<&str>, goarch: Option<&str>) -> Result<&'static Target, Unsupported> {
    let goos = goos.filter(|s| !s.is_empty());
    let goarch = goarch.filter(|s| !s.is_empty());
    if let Some(spec) = flag {
        return parse(spec, goos);
    }
    let os = goos.unwrap_or(host_goos());
    match goarch.or(host_goarch()) {
        Some(arch) => find(os, arch),
        None => Err(Unsupported { goos: os.to_string(), goarch: std::env::consts::ARCH.to_string() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_target_once() {
        for (i, t) in TARGETS.iter().enumerate() {
            if t.goos == "linux" {
                assert_eq!(t.name, format!("{}/{}", t.goos, t.goarch));
                assert!(t.rust_triple.ends_with("-linux-gnu"), "{}", t.name);
                assert!(matches!(t.emulator, Emulator::User { .. }), "{}", t.name);
            } else {
                // A board: GOOS none, its own runtime target, a machine emulator.
                assert_eq!((t.goos, t.name), ("none", format!("virt-{}", t.goarch).leak() as &str));
                assert!(t.rust_triple.contains("-none"), "{}", t.name);
                assert!(matches!(t.emulator, Emulator::System { .. }) && t.link.script.is_some(), "{}", t.name);
            }
            assert!(t.cc.command.starts_with(t.gnu_triple), "{}", t.name);
            assert!(TARGETS[..i].iter().all(|u| u.name != t.name && u.rust_triple != t.rust_triple));
            assert!(TARGETS[..i].iter().all(|u| u.env_suffix() != t.env_suffix()));
        }
        assert_eq!(names(), ["linux/amd64", "linux/arm64", "linux/riscv64", "virt-arm64", "virt-riscv64"]);
    }

    #[test]
    fn parse_names_and_bare_goarch() {
        assert_eq!(parse("linux/arm64", None).unwrap().rust_triple, "aarch64-unknown-linux-gnu");
        assert_eq!(parse("riscv64", None).unwrap().name, "linux/riscv64");
        assert_eq!(parse("amd64", Some("linux")).unwrap().name, "linux/amd64");
        assert_eq!(parse("virt-riscv64", None).unwrap().rust_triple, "riscv64gc-unknown-none-elf");
        assert_eq!(parse("none/arm64", None).unwrap().name, "virt-arm64");
        let e = parse("linux/mips", None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "unsupported GOOS/GOARCH pair linux/mips (supported: linux/amd64, linux/arm64, linux/riscv64, virt-arm64, virt-riscv64)"
        );
        assert!(parse("arm64", Some("darwin")).is_err());
        assert!(parse("x86_64", None).is_err());
    }

    #[test]
    fn select_like_go() {
        // The flag wins over GOARCH.
        assert_eq!(select(Some("linux/riscv64"), None, Some("arm64")).unwrap().goarch, "riscv64");
        // A bare GOARCH in the flag takes GOOS from the environment.
        assert_eq!(select(Some("arm64"), Some("windows"), None).unwrap_err().goos, "windows");
        assert_eq!(select(None, Some("linux"), Some("arm64")).unwrap().name, "linux/arm64");
        assert_eq!(select(None, None, Some("riscv64")).unwrap().name, "linux/riscv64");
        assert_eq!(select(None, Some("plan9"), Some("amd64")).unwrap_err().to_string().split(" (").next(),
            Some("unsupported GOOS/GOARCH pair plan9/amd64"));
        // Empty variables are unset, as for go.
        if let Some(h) = host() {
            assert_eq!(select(None, Some(""), Some("")).unwrap(), h);
            assert_eq!(select(None, None, None).unwrap(), h);
        }
    }

    #[test]
    fn host_tools() {
        let h = host().expect("tests run on a supported host");
        assert!(h.is_host() && h.runner().is_none());
        assert_eq!(h.c_compiler(), HOST_CC);
        for t in TARGETS.iter().filter(|t| !t.is_host()) {
            assert_eq!(t.c_compiler(), t.cc);
            assert!(match t.runner() {
                Some(Emulator::User { tool, .. }) => tool.debian_package == "qemu-user",
                Some(Emulator::System { tool, .. }) => tool.debian_package.starts_with("qemu-system-"),
                None => false,
            });
        }
        assert_eq!(find("linux", "riscv64").unwrap().env_suffix(), "RISCV64");
        assert_eq!(find("none", "riscv64").unwrap().env_suffix(), "VIRT_RISCV64");
    }
}
