//! Targets: everything that depends on the machine sits behind [`Target`],
//! so arm64 and riscv64 backends slot in beside amd64 (as Cranelift's `isa`).

pub mod amd64;
pub mod frame;

use crate::ir::Program;
use reflect::abi::Arch;

/// A machine and OS rgo can build for.
pub trait Target: Sync {
    /// Go's GOARCH name, e.g. `amd64`.
    fn goarch(&self) -> &'static str;
    /// The register description the ABI assignment runs on.
    fn arch(&self) -> &'static Arch;
    /// Emits GNU assembler text for the whole program.
    fn emit_asm(&self, prog: &Program) -> Result<String, String>;
    /// The C compiler driver that assembles and links for this target.
    fn cc(&self) -> &'static str;
}

/// The target named `name` (`amd64`), if rgo has a backend for it.
pub fn by_name(name: &str) -> Option<&'static dyn Target> {
    match name {
        "amd64" | "x86_64" => Some(&amd64::Amd64),
        _ => None,
    }
}

/// The target rgo runs on.
pub fn host() -> &'static dyn Target {
    &amd64::Amd64
}
