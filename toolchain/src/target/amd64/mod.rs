//! The amd64 backend.

use crate::ir::Program;
use reflect::abi::Arch;

/// amd64 Linux.
pub struct Amd64;

impl super::Target for Amd64 {
    fn goarch(&self) -> &'static str {
        "amd64"
    }
    fn arch(&self) -> &'static Arch {
        &reflect::abi::AMD64
    }
    fn emit_asm(&self, _prog: &Program) -> Result<String, String> {
        Err("amd64 backend not written yet".into())
    }
    fn cc(&self) -> &'static str {
        "gcc"
    }
}
