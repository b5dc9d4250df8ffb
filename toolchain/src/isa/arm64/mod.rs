//! The arm64 backend: IR to GNU assembler text for AArch64 ELF (Linux).
//!
//! Registers (`cmd/compile/abi-internal.md`, arm64, and docs/targets.md):
//!
//! ```text
//!   x0 - x15      integer arguments and results
//!   d0 - d15      float arguments and results (float32 in the low bits)
//!   x26           closure context at a call
//!   x28           current goroutine (never written; callee-saved in C)
//!   x29, x30      frame pointer, link register
//!   x16, x17, x19 - x25, x27, d16 - d31   scratch (see `code.rs`)
//!   x18           platform register: never used
//! ```
//! Every register but x28, x29 and sp is clobbered by a Go call; compiled
//! code keeps no value in a register across IR instructions, so it never
//! needs to save one. Code that calls compiled code from C (the runtime's
//! assembly) saves the C callee-saved registers it needs.
//!
//! Frame of a compiled function ([`FuncKind::Code`]), laid out by
//! [`crate::isa::frame`]:
//!
//! ```text
//!          higher addresses
//!     +--------------------------------+
//!     | caller's frame ...             |
//!     | incoming spill area            |  abi.spill_size bytes (the stack
//!     |                                |  check's grow path spills here)
//!     | incoming stack args, results   |  abi.stack_size bytes; stack-assigned
//!     |                                |  parameter/result slots live here
//!     +--------------------------------+  <- x29 + 24
//!     | caller's fixed_frame word      |  <- x29 + 16 = entry SP (ArgPointer)
//!     | saved x30 (return address)     |  <- x29 + 8
//!     | saved x29                      |  <- x29 (16-aligned)
//!     +--------------------------------+
//!     | slots, each at its alignment   |
//!     | padding to 16                  |
//!     +--------------------------------+  <- sp + outgoing
//!     | outgoing spill area            |  max over Go calls of
//!     | outgoing stack args, results   |  stack_size + spill_size
//!     | callee's fixed_frame word      |
//!     +--------------------------------+  <- sp (16-aligned; CallArea)
//!          lower addresses
//! ```
//!
//! The prologue is `[stack check] stp x29, x30, [sp, #-16]!; mov x29, sp;
//! sub sp, sp, #size`, the epilogue `mov sp, x29; ldp x29, x30, [sp],
//! #16; ret`; the stack check and its grow path, runtime calls and landing
//! pads follow docs/targets.md (rgo_morestack: x20 = return address, x21
//! = bytes needed, x22 = argument bytes; C calls on the goroutine's system
//! stack with the goroutine SP in x19).
//!
//! [`FuncKind::Code`]: crate::ir::FuncKind::Code

mod asm;
mod code;
mod wrappers;

use crate::ir::Program;
use reflect::abi::Arch;

/// arm64 (AArch64) Linux.
pub struct Arm64;

impl super::Target for Arm64 {
    fn goarch(&self) -> &'static str {
        "arm64"
    }
    fn arch(&self) -> &'static Arch {
        &reflect::abi::ARM64
    }
    fn emit_asm(&self, prog: &Program, target: &rgo_targets::Target) -> Result<String, super::EmitError> {
        super::emit::emit_program::<code::FnGen>(prog, "arm64", target)
    }
    fn emit_units(&self, prog: &Program, target: &rgo_targets::Target, cache: Option<&super::emit::UnitCache>) -> Result<Vec<super::emit::Unit>, super::EmitError> {
        super::emit::emit_units::<code::FnGen>(prog, "arm64", target, true, cache)
    }
}

/// Names GNU as for AArch64 reads as registers where an expression may
/// stand (`adrp x0, x1` is an error), so a symbol spelled like one cannot
/// be referenced. Go symbols are package-qualified (`main.x1`) and never
/// collide.
fn reserved(name: &str) -> bool {
    let l = name.to_ascii_lowercase();
    if ["sp", "wsp", "xzr", "wzr", "lr", "fp", "ip0", "ip1", "pc"].contains(&l.as_str()) {
        return true;
    }
    // x0-x30, w0-w30, and the vector views b/h/s/d/q/v0-31, z/p (SVE).
    let mut chars = l.chars();
    let Some(first) = chars.next() else { return false };
    let rest = chars.as_str();
    "xwbhsdqvzp".contains(first)
        && !rest.is_empty()
        && rest.len() <= 2
        && rest.bytes().all(|b| b.is_ascii_digit())
        && rest.parse::<u32>().is_ok_and(|n| n <= 31)
}

/// The assembler spelling of symbol `s` on arm64: as
/// [`crate::isa::asm_sym`], and not a register name.
pub(crate) fn asm_sym(s: &str) -> Result<std::borrow::Cow<'_, str>, String> {
    let m = crate::isa::asm_sym(s)?;
    if reserved(&m) {
        return Err(format!("symbol {s:?} reads as a register in AArch64 assembly"));
    }
    Ok(m)
}

/// Checks a symbol name as [`crate::isa::check_sym`] does, and that it is
/// not a register name.
pub(crate) fn check_sym(s: &str) -> Result<(), String> {
    crate::isa::check_sym(s)?;
    if reserved(s) {
        return Err(format!("symbol {s:?} reads as a register in AArch64 assembly"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registers_match_reflect() {
        let a = &reflect::abi::ARM64;
        let names: Vec<String> = (0..16).map(|n| asm::int_arg(n).unwrap().q().to_ascii_uppercase()).collect();
        let want: Vec<String> = a.int_regs.iter().map(|r| r.replace('R', "X")).collect();
        assert_eq!(names, want);
        assert!(asm::int_arg(16).is_none());
        assert_eq!(a.float_regs.len(), 16);
        assert_eq!(code::FRAME.fixed_frame as usize, a.fixed_frame);
    }

    #[test]
    fn logical_immediates() {
        // Encodable: runs of ones, rotated, repeated in 2..64-bit elements.
        let yes = [
            (1u64, 8),
            (0xff, 8),
            (0x8000_0000_0000_0000, 8),
            (0x7fff_ffff_ffff_ffff, 8),
            (!6, 8),
            (0x5555_5555_5555_5555, 8),
            (0xff, 4),
            (0x8000_0000, 4),
            (0xf00f_f00f, 4),
            (0x0ff0_0000_0000_0000, 8),
        ];
        for (v, w) in yes {
            assert!(asm::logical_imm(v, w), "{v:#x}/{w}");
        }
        // Not: zero, all ones, runs that are not contiguous in any rotation.
        let no = [
            (0u64, 8),
            (u64::MAX, 8),
            (0xffff_ffff, 4),
            (5, 8),
            (0x1234, 8),
            (0x5a5a_5a5a_5a5a_5a5a, 8),
            (0x1_0000_0003, 8),
            (0xff_0000_00ff_0001, 8),
        ];
        for (v, w) in no {
            assert!(!asm::logical_imm(v, w), "{v:#x}/{w}");
        }
    }

    #[test]
    fn reserved_names() {
        for s in ["x0", "X30", "w7", "sp", "xzr", "d31", "v0", "q15", "lr"] {
            assert!(check_sym(s).is_err(), "{s}");
        }
        for s in ["main.x0", "x32", "rgo_alloc", "main.T.M$ptr", "type..eq.main.T", "s", "x", "d100", "ret"] {
            assert!(check_sym(s).is_ok(), "{s}");
        }
        assert!(check_sym("1x").is_err());
        assert!(check_sym(".L1").is_err());
    }
}
