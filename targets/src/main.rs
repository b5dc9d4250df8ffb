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

use rgo_targets::{parse, Target, TARGETS};
use std::process::ExitCode;

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
        _ => {
            eprintln!("usage: rgo-targets list | rgo-targets host | rgo-targets get TARGET FIELD...");
            ExitCode::from(2)
        }
    }
}
