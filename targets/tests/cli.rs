//! The `rgo-targets` command's `run` (exit status passed through, clear
//! errors) and `cargo` (its argument errors), on the host.

use std::process::{Command, Output};

fn rgo_targets(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rgo-targets")).args(args).output().expect("run rgo-targets")
}

#[test]
fn run_passes_the_exit_status_through() {
    let host = rgo_targets::host().expect("a supported host").name;
    let out = rgo_targets(&["run", host, "/bin/sh", "-c", "echo hi; exit 7"]);
    assert_eq!(out.status.code(), Some(7));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "hi\n");
}

#[test]
fn run_names_what_is_missing() {
    let out = rgo_targets(&["run", "virt-arm64", "/nonexistent/app.elf"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "rgo-targets: /nonexistent/app.elf: no such file\n");
    let out = rgo_targets(&["cargo", "linux/mips", "build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("rgo-targets: unsupported GOOS/GOARCH pair linux/mips"));
    let out = rgo_targets(&["cargo", "virt-arm64"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("usage: rgo-targets"));
}
