//! Type checking and lowering of Go syntax trees to IR.

use crate::diag::Diag;
use crate::ir::Program;
use crate::syntax::ast;
use crate::target::Target;
use std::collections::BTreeSet;

/// Go symbols that assembly files passed to rgo define or reference, by
/// their Go-assembly names (`main.Add`). Those are ABI0 symbols: the checker
/// generates ABI wrappers for them.
#[derive(Clone, Debug, Default)]
pub struct AsmSymbols {
    pub defined: BTreeSet<String>,
    pub referenced: BTreeSet<String>,
}

/// Type-checks the files of package main and lowers them to IR for `target`.
pub fn compile(files: &[ast::File], target: &dyn Target, asm: &AsmSymbols) -> Result<Program, Diag> {
    let _ = (files, target, asm);
    Err(Diag::new(&files[0].package.pos, "type checker not written yet"))
}
