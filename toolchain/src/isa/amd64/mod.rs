//! The amd64 backend: IR to GNU assembler text (Intel syntax, as
//! rt-arch's assembly), for System V ELF (Linux).
//!
//! Registers (`cmd/compile/abi-internal.md`, amd64):
//!
//! ```text
//!   RAX RBX RCX RDI RSI R8 R9 R10 R11   integer arguments and results
//!   X0 - X14                            float arguments and results
//!   RDX                                 closure context at a call
//!   R14                                 current goroutine (never written)
//!   X15                                 zero (re-zeroed after C calls)
//!   RSP, RBP                            stack and frame pointer
//! ```
//! Every other register is clobbered by a call. Compiled code keeps no
//! value in a register across IR instructions, so it never needs to save
//! one; see `code.rs` for which scratch register does what.
//!
//! Frame of a compiled function ([`FuncKind::Code`]), laid out by
//! [`crate::isa::frame`]:
//!
//! ```text
//!          higher addresses
//!     +--------------------------------+
//!     | caller's frame ...             |
//!     | incoming spill area            |  abi.spill_size bytes (unused: the
//!     |                                |  prologue spills to its own slots)
//!     | incoming stack args, results   |  abi.stack_size bytes; stack-assigned
//!     |                                |  parameter/result slots live here
//!     +--------------------------------+  <- RBP + 16
//!     | return address                 |  <- RBP + 8
//!     | saved RBP                      |  <- RBP (entry RSP - 8; 16-aligned)
//!     +--------------------------------+
//!     | slots, each at its alignment   |
//!     | padding to 16                  |
//!     +--------------------------------+  <- RSP + outgoing
//!     | outgoing spill area            |  max over Go calls of
//!     | outgoing stack args, results   |  stack_size + spill_size
//!     +--------------------------------+  <- RSP (16-aligned at every call)
//!          lower addresses
//! ```
//!
//! The frame size (slots plus outgoing area) is a multiple of 16, so RSP is
//! 16-aligned at every call, Go or C: every caller of compiled code calls
//! with a 16-aligned stack (compiled code, rt-arch's reflectcall, the
//! runtime), so RSP is 8 mod 16 on entry and 0 after `push rbp`.
//! Only [`FuncKind::FromAbi0`], whose callers are hand-written assembly,
//! aligns dynamically.
//!
//! Stack-assigned parameters and results are used where the caller put
//! them rather than copied into the frame: it saves a copy per call of
//! every large struct or array, and `Ret` has nothing to move for them.

mod asm;
mod code;
mod track;
mod wrappers;

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
    fn emit_asm(&self, prog: &Program, target: &rgo_targets::Target) -> Result<String, super::EmitError> {
        super::emit::emit_program::<code::FnGen>(prog, "amd64", target)
    }
    fn emit_units(&self, prog: &Program, target: &rgo_targets::Target, cache: Option<&super::emit::UnitCache>) -> Result<Vec<super::emit::Unit>, super::EmitError> {
        super::emit::emit_units::<code::FnGen>(prog, "amd64", target, true, cache)
    }
}

/// Names Intel-syntax GNU as reads as registers or operators wherever an
/// expression may appear, so a symbol spelled like one cannot be
/// referenced (quoting does not help in Intel syntax). Go symbols are
/// package-qualified (`main.f`) and never collide.
fn intel_reserved(name: &str) -> bool {
    const WORDS: &[&str] = &[
        "and", "or", "xor", "not", "mod", "shl", "shr", "eq", "ne", "lt", "le", "gt", "ge", "offset", "byte", "word",
        "dword", "qword", "fword", "tbyte", "oword", "xmmword", "ymmword", "zmmword", "ptr", "short", "flat", "near",
        "far", "rip", "eip", "st", "al", "ah", "bl", "bh", "cl", "ch", "dl", "dh", "ax", "bx", "cx", "dx", "si", "di",
        "sp", "bp", "sil", "dil", "spl", "bpl", "eax", "ebx", "ecx", "edx", "esi", "edi", "esp", "ebp", "rax", "rbx",
        "rcx", "rdx", "rsi", "rdi", "rsp", "rbp", "cs", "ds", "es", "fs", "gs", "ss",
    ];
    let l = name.to_ascii_lowercase();
    if WORDS.contains(&l.as_str()) {
        return true;
    }
    // r8..r15 with b/w/d suffixes; xmm/ymm/zmm/mm/k/cr/dr/st numbered.
    let numbered = |prefix: &str| {
        l.strip_prefix(prefix).is_some_and(|rest| {
            let digits = rest.trim_end_matches(['b', 'w', 'd', 'l']);
            !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
        })
    };
    ["r", "xmm", "ymm", "zmm", "mm", "k", "cr", "dr", "tr", "bnd"].iter().any(|p| numbered(p))
}

/// The assembler spelling of symbol `s` on amd64: as [`crate::isa::asm_sym`],
/// and not a register or operator name of Intel syntax.
pub(crate) fn asm_sym(s: &str) -> Result<std::borrow::Cow<'_, str>, String> {
    let m = crate::isa::asm_sym(s)?;
    if intel_reserved(&m) {
        return Err(format!("symbol {s:?} reads as a register or operator in Intel syntax"));
    }
    Ok(m)
}

/// Checks a symbol name as [`crate::isa::check_sym`] does, and that it is
/// not a register or operator name.
pub(crate) fn check_sym(s: &str) -> Result<(), String> {
    crate::isa::check_sym(s)?;
    if intel_reserved(s) {
        return Err(format!("symbol {s:?} reads as a register or operator in Intel syntax"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_args_match_reflect() {
        let names: Vec<String> = asm::INT_ARGS.iter().map(|r| r.q().to_ascii_uppercase()).collect();
        assert_eq!(names, reflect::abi::AMD64.int_regs);
        assert_eq!(reflect::abi::AMD64.float_regs.len(), 15, "X15 is the zero register, never an argument");
        assert_eq!(code::FRAME.fixed_frame as usize, reflect::abi::AMD64.fixed_frame);
    }

    #[test]
    fn reserved_names() {
        for s in ["rax", "R8d", "xmm15", "and", "byte", "k1", "st"] {
            assert!(check_sym(s).is_err(), "{s}");
        }
        for s in ["main.rax", "rgo_alloc", "main.T.M$ptr", "type..eq.main.T", "rgo_test_main", "ret", "r", "mm"] {
            assert!(check_sym(s).is_ok(), "{s}");
        }
        assert!(check_sym("1x").is_err());
        assert!(check_sym(".L1").is_err());
        assert!(check_sym("a(b)").is_err());
    }
}
