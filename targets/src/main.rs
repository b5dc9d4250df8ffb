//! `rgo-targets`: the table of targets for shell scripts (ci/test).
//!
//! ```text
//! rgo-targets list                      # linux/amd64, one name a line
//! rgo-targets host                      # the host's target (linux/amd64)
//! rgo-targets get linux/arm64 rust-triple gnu-triple emulator
//! ```
//!
//! `get` accepts a name or a bare GOARCH and prints the fields asked for on
//! one line, separated by spaces: name goos goarch rust-triple gnu-triple
//! cc cc-package emulator emulator-package page-size.
//!
//! Two commands run things the table describes, for Rust programs built
//! for a target (such as reflect/board-test on the boards):
//!
//! ```text
//! rgo-targets cargo virt-arm64 build --release --manifest-path M   # cargo for the target
//! rgo-targets run virt-arm64 app.elf                                # boot/run an executable
//! ```
//!
//! `cargo TARGET SUBCOMMAND ARGS...` runs the cargo that builds for the
//! target (Debian's with `-Zbuild-std` where rustup has no standard
//! library for it, as rgo builds its runtime: `rgo_targets::runtime`) as
//! `cargo SUBCOMMAND --target TRIPLE [-Zbuild-std=...] ARGS...`, with the
//! target's C compiler as the linker and `rgo-targets run TARGET` as the
//! runner (so `cargo run` and `cargo test` boot the result). The crate's
//! own build script gives the target's link flags and linker script
//! (`Target::link`). `CARGO_BUILD_JOBS` is passed through.
//!
//! `run TARGET EXE ARGS...` runs an executable for the target here: itself
//! on its own architecture, else under the target's emulator with the
//! table's arguments (a board image boots in qemu-system, whose standard
//! output is the UART). Its exit status is the program's (128 + N for a
//! program killed by signal N).

use rgo_targets::runtime::{self, DEBIAN_RUST};
use rgo_targets::{parse, Emulator, Target, Tool, TARGETS};
use std::ffi::OsStr;
use std::process::{Command, ExitCode};

fn field(t: &Target, name: &str) -> Option<String> {
    Some(match name {
        "name" => t.name.into(),
        "goos" => t.goos.into(),
        "goarch" => t.goarch.into(),
        "rust-triple" => t.rust_triple.into(),
        "gnu-triple" => t.gnu_triple.into(),
        "cc" => t.cc.command.into(),
        "cc-package" => t.cc.debian_package.into(),
        "emulator" => t.emulator.tool().command.into(),
        "emulator-package" => t.emulator.tool().debian_package.into(),
        "page-size" => t.page_size.to_string(),
        _ => return None,
    })
}

/// Runs `cmd`, passing its exit status through; `tool` names what it runs
/// (and the Debian package that provides it, if any) in errors.
fn status_of(mut cmd: Command, tool: &str, package: Option<&str>) -> ExitCode {
    match cmd.status() {
        Ok(st) => {
            use std::os::unix::process::ExitStatusExt;
            let code = st.code().unwrap_or_else(|| 128 + st.signal().unwrap_or(0));
            ExitCode::from(u8::try_from(code).unwrap_or(1))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && package.is_some() => {
            eprintln!("rgo-targets: {tool} not found: install the Debian package {}", package.unwrap_or_default());
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("rgo-targets: cannot run {tool}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `rgo-targets cargo TARGET SUBCOMMAND ARGS...` (see the top).
fn cargo(t: &Target, sub: &str, args: &[&str]) -> ExitCode {
    let mut cmd = runtime::cargo_for(OsStr::new("cargo"), t);
    let tool = match t.runtime {
        rgo_targets::RuntimeBuild::BuildStd { .. } => {
            if let Some(part) = DEBIAN_RUST.missing() {
                eprintln!(
                    "rgo-targets: building for {t} needs Debian's Rust ({part} is missing): install the Debian \
                     packages {}",
                    DEBIAN_RUST.packages.join(" ")
                );
                return ExitCode::FAILURE;
            }
            Tool { command: DEBIAN_RUST.cargo, debian_package: "cargo-web" }
        }
        rgo_targets::RuntimeBuild::WithRgo => Tool { command: "cargo", debian_package: "cargo" },
    };
    if let Some(jobs) = std::env::var_os("CARGO_BUILD_JOBS") {
        cmd.env("CARGO_BUILD_JOBS", jobs);
    }
    let me = match std::env::current_exe() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("rgo-targets: cannot find its own executable (for cargo's runner): {e}");
            return ExitCode::FAILURE;
        }
    };
    let Some(me) = me.to_str().filter(|m| !m.contains(char::is_whitespace)) else {
        eprintln!("rgo-targets: its path {} holds white space or is not UTF-8: cargo cannot run it", me.display());
        return ExitCode::FAILURE;
    };
    cmd.env(runtime::cargo_target_var(t, "LINKER"), t.c_compiler().command)
        .env(runtime::cargo_target_var(t, "RUNNER"), format!("{me} run {}", t.name))
        .arg(sub)
        .args(["--target", t.rust_triple]);
    if let Some(flag) = runtime::build_std_flag(t) {
        cmd.arg(flag);
    }
    cmd.args(args);
    status_of(cmd, tool.command, Some(tool.debian_package))
}

/// `rgo-targets run TARGET EXE ARGS...` (see the top).
fn run(t: &Target, exe: &str, args: &[&str]) -> ExitCode {
    if !std::path::Path::new(exe).is_file() {
        eprintln!("rgo-targets: {exe}: no such file");
        return ExitCode::FAILURE;
    }
    match t.runner() {
        Some(Emulator::User { tool, args: emu_args } | Emulator::System { tool, args: emu_args }) => {
            let mut cmd = Command::new(tool.command);
            cmd.args(*emu_args).arg(exe).args(args);
            status_of(cmd, tool.command, Some(tool.debian_package))
        }
        None => {
            let mut cmd = Command::new(exe);
            cmd.args(args);
            status_of(cmd, exe, None)
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["list"] => {
            for t in TARGETS {
                println!("{}", t.name);
            }
            ExitCode::SUCCESS
        }
        ["host"] => match rgo_targets::host() {
            Some(t) => {
                println!("{}", t.name);
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("rgo-targets: this host is none of {}", rgo_targets::names().join(", "));
                ExitCode::FAILURE
            }
        },
        ["get", spec, fields @ ..] if !fields.is_empty() => {
            let t = match parse(spec, None) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("rgo-targets: {e}");
                    return ExitCode::FAILURE;
                }
            };
            let mut out = Vec::new();
            for f in fields {
                match field(t, f) {
                    Some(v) => out.push(v),
                    None => {
                        eprintln!("rgo-targets: unknown field {f:?}");
                        return ExitCode::FAILURE;
                    }
                }
            }
            println!("{}", out.join(" "));
            ExitCode::SUCCESS
        }
        ["cargo", spec, sub, rest @ ..] => match parse(spec, None) {
            Ok(t) => cargo(t, sub, rest),
            Err(e) => {
                eprintln!("rgo-targets: {e}");
                ExitCode::FAILURE
            }
        },
        ["run", spec, exe, rest @ ..] => match parse(spec, None) {
            Ok(t) => run(t, exe, rest),
            Err(e) => {
                eprintln!("rgo-targets: {e}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!(
                "usage: rgo-targets list | rgo-targets host | rgo-targets get TARGET FIELD...\n       \
                 rgo-targets cargo TARGET SUBCOMMAND ARGS... | rgo-targets run TARGET EXE ARGS..."
            );
            ExitCode::from(2)
        }
    }
}
