//! Targets: everything that depends on the machine sits behind [`Target`],
//! so arm64 and riscv64 backends slot in beside amd64 (as Cranelift's `isa`).

pub mod amd64;
pub mod arm64;
pub mod divmagic;
pub mod emit;
pub mod fold;
pub mod frame;
pub mod liveness;
pub mod regs;
pub mod riscv64;
pub mod slotflow;

use crate::diag::Pos;
use crate::ir::Program;
use reflect::abi::Arch;
use std::borrow::Cow;
use std::fmt;
use std::fmt::Write;

/// Why a backend could not emit a program: the message and, when it
/// concerns one function, that function's source position, so that the
/// driver reports it as a Go error (`file:line:col: message`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmitError {
    pub pos: Option<Pos>,
    pub msg: String,
}

impl fmt::Display for EmitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg)
    }
}

impl From<String> for EmitError {
    fn from(msg: String) -> EmitError {
        EmitError { pos: None, msg }
    }
}

/// A machine and OS rgo can build for.
pub trait Target: Sync {
    /// Go's GOARCH name, e.g. `amd64`.
    fn goarch(&self) -> &'static str;
    /// The register description the ABI assignment runs on.
    fn arch(&self) -> &'static Arch;
    /// Emits GNU assembler text for the whole program, for `target` (a row
    /// of the target table with this backend's GOARCH: its nil-check policy
    /// decides which accesses need an explicit touch).
    fn emit_asm(&self, prog: &Program, target: &rgo_targets::Target) -> Result<String, EmitError>;
    /// Emits the program as one assembler file per package
    /// ([`emit::emit_units`]).
    /// With `cache`, a unit whose object the build cache holds is not
    /// emitted (its text is empty).
    fn emit_units(&self, prog: &Program, target: &rgo_targets::Target, cache: Option<&emit::UnitCache>) -> Result<Vec<emit::Unit>, EmitError>;
}

/// The target named `name` (`amd64`), if rgo has a backend for it.
pub fn by_name(name: &str) -> Option<&'static dyn Target> {
    match name {
        "amd64" | "x86_64" => Some(&amd64::Amd64),
        "arm64" | "aarch64" => Some(&arm64::Arm64),
        "riscv64" => Some(&riscv64::Riscv64),
        _ => None,
    }
}

/// The target rgo runs on.
pub fn host() -> &'static dyn Target {
    &amd64::Amd64
}

/// The assembler spelling of symbol `s`: Go identifiers may hold any
/// Unicode letter or digit, which the assembler does not take, and
/// instances of generic code are named with their type arguments
/// (`main.Map[int,string]`), so each character outside `[A-Za-z0-9_.$]`
/// becomes `$u<hex>$` (Go names never contain `$`, so distinct names stay
/// distinct). Then checked as [`check_sym`] checks.
pub(crate) fn asm_sym(s: &str) -> Result<Cow<'_, str>, String> {
    // `/` comes from import paths (`sync/atomic.AddInt32`).
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '$');
    let m = if s.chars().all(plain) {
        Cow::Borrowed(s)
    } else {
        let mut out = String::with_capacity(s.len() + 8);
        for c in s.chars() {
            if plain(c) {
                out.push(c);
            } else {
                let _ = write!(out, "$u{:x}$", c as u32);
            }
        }
        Cow::Owned(out)
    };
    check_sym(&m)?;
    Ok(m)
}

/// Checks a symbol name: `[A-Za-z0-9_.$]`, not starting with a digit, not
/// one of our local labels (`.L...`).
pub(crate) fn check_sym(s: &str) -> Result<(), String> {
    let ok_chars = !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"_.$".contains(&b));
    if !ok_chars || s.as_bytes()[0].is_ascii_digit() {
        return Err(format!("bad symbol name {s:?}"));
    }
    if s.starts_with(".L") {
        return Err(format!("symbol {s:?} would be an assembler-local label"));
    }
    Ok(())
}
