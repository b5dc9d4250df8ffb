//! `abi-dump`: prints rgo's ABIInternal assignment for Go signatures.
//!
//! Input (stdin), one item a line, in the format of
//! `../shared/abi-vectors/sigs.txt`:
//!
//! ```text
//! # a comment
//! type Name T                      declares a named type (extension)
//! name | receiver type | func type
//! ```
//!
//! Output: for each signature, the block Go's `abiutils` tests print, under
//! the amd64 and the arm64/riscv64 register configurations (see
//! `../shared/abi-vectors/FORMAT.md`). The named types of Go's own tests
//! that sigs.txt refers to are predeclared (`go-test-types.txt`).
//!
//! Bad lines are reported as `<stdin>:LINE:COL: message`; the others are
//! still dumped, and the exit status is 1.

mod dump;

use reflect::types::parse::Scope;
use std::io::{self, BufRead, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut scope = Scope::default();
    for (i, line) in include_str!("../go-test-types.txt").lines().enumerate() {
        if let Some(decl) = declaration(line) {
            if let Err(e) = scope.declare(decl) {
                eprintln!("go-test-types.txt:{}:{e}", i + 1);
                return ExitCode::FAILURE;
            }
        }
    }

    let stdin = io::stdin();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut failed = false;
    for (i, line) in stdin.lock().lines().enumerate() {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!("<stdin>:{}:1: cannot read input: {e}", i + 1);
                return ExitCode::FAILURE;
            }
        };
        let result = if let Some(decl) = declaration(&line) {
            scope.declare(decl).map(|()| String::new())
        } else if line.trim().is_empty() || line.trim_start().starts_with('#') {
            Ok(String::new())
        } else {
            dump::signature_line(&scope, &line)
        };
        match result {
            Ok(text) => {
                if out.write_all(text.as_bytes()).is_err() {
                    return ExitCode::FAILURE;
                }
            }
            Err(e) => {
                eprintln!("<stdin>:{}:{e}", i + 1);
                failed = true;
            }
        }
    }
    if out.flush().is_err() || failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The line, when it is a `type` declaration.
fn declaration(line: &str) -> Option<&str> {
    let t = line.trim_start();
    (t == "type" || t.starts_with("type ") || t.starts_with("type\t")).then_some(line)
}
