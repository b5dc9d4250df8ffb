//! The riscv64 backend: IR to GNU assembler text for RV64GC Linux (ELF,
//! LP64D for calls into the runtime).
//!
//! Registers (`cmd/compile/abi-internal.md`, riscv64, and docs/targets.md):
//!
//! ```text
//!   a0-a7 s0 s1 s2-s7     (X10-X17 X8 X9 X18-X23)   integer arguments, results
//!   fa0-fa7 fs0 fs1 fs2-fs7 (F10-F17 F8 F9 F18-F23) float arguments, results
//!   s10 (X26)             closure context at a call
//!   s11 (X27)             current goroutine (never written)
//!   s9 (X25)              frame pointer of compiled code
//!   s8 (X24)              the goroutine's SP across a C call
//!   ra (X1), sp (X2)      return address, stack pointer
//!   gp (X3), tp (X4)      never touched
//!   t0-t6, ft0-ft2        scratch inside one primitive (see `code.rs`)
//! ```
//! No scratch register is an argument register, so a primitive can never
//! clobber an argument the driver has already loaded.
//!
//! Frame of a compiled function ([`FuncKind::Code`]), laid out by
//! [`crate::isa::frame`]; SP is 16-aligned at every call:
//!
//! ```text
//!          higher addresses
//!     +--------------------------------+
//!     | caller's frame ...             |
//!     | incoming spill area            |  abi.spill_size bytes (the grow
//!     |                                |  path spills there)
//!     | incoming stack args, results   |  abi.stack_size bytes; stack-assigned
//!     |                                |  parameter/result slots live here
//!     +--------------------------------+  <- s9 + 24
//!     | caller's fixed_frame word      |  <- s9 + 16 = entry SP (ArgPointer)
//!     | saved ra                       |  <- s9 + 8
//!     | saved s9                       |  <- s9
//!     +--------------------------------+
//!     | slots, each at its alignment   |
//!     | padding to 16                  |
//!     +--------------------------------+  <- sp + outgoing
//!     | outgoing spill area            |  max over Go calls of
//!     | outgoing stack args, results   |  stack_size + spill_size
//!     | fixed_frame word (reserved)    |
//!     +--------------------------------+  <- sp (16-aligned; CallArea)
//!          lower addresses
//! ```
//!
//! Stack-assigned parameters and results are used where the caller put
//! them, as on amd64.
//!
//! [`FuncKind::Code`]: crate::ir::FuncKind::Code

mod code;
mod wrappers;

use crate::ir::Program;
use reflect::abi::Arch;

/// riscv64 Linux.
pub struct Riscv64;

impl super::Target for Riscv64 {
    fn goarch(&self) -> &'static str {
        "riscv64"
    }
    fn arch(&self) -> &'static Arch {
        &reflect::abi::RISCV64
    }
    fn emit_asm(&self, prog: &Program, target: &rgo_targets::Target) -> Result<String, super::EmitError> {
        super::emit::emit_program::<code::FnGen>(prog, "riscv64", target)
    }
    fn emit_units(&self, prog: &Program, target: &rgo_targets::Target, cache: Option<&super::emit::UnitCache>) -> Result<Vec<super::emit::Unit>, super::EmitError> {
        super::emit::emit_units::<code::FnGen>(prog, "riscv64", target, true, cache)
    }
}

/// Whether GNU as could read `name` as a register where the backend
/// writes a symbol (`lla t0, name`, `call name`). Go symbols are
/// package-qualified (`main.f`) and never collide.
fn register_name(name: &str) -> bool {
    const ABI: &[&str] = &[
        "zero", "ra", "sp", "gp", "tp", "fp", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "s0", "s1", "s2", "s3", "s4",
        "s5", "s6", "s7", "s8", "s9", "s10", "s11", "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "ft0", "ft1", "ft2",
        "ft3", "ft4", "ft5", "ft6", "ft7", "ft8", "ft9", "ft10", "ft11", "fs0", "fs1", "fs2", "fs3", "fs4", "fs5",
        "fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5", "fa6", "fa7",
    ];
    let l = name.to_ascii_lowercase();
    if ABI.contains(&l.as_str()) {
        return true;
    }
    ["x", "f"].iter().any(|p| {
        l.strip_prefix(p)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && n.parse::<u32>().is_ok_and(|v| v < 32))
    })
}

/// The assembler spelling of symbol `s` on riscv64: as
/// [`crate::isa::asm_sym`], and not a register name.
pub(crate) fn asm_sym(s: &str) -> Result<std::borrow::Cow<'_, str>, String> {
    let m = crate::isa::asm_sym(s)?;
    if register_name(&m) {
        return Err(format!("symbol {s:?} reads as a register name in RISC-V assembly"));
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arg_registers_match_reflect() {
        let ints: Vec<String> = code::INT_ARGS.iter().map(|r| format!("X{}", code::x_number(r))).collect();
        assert_eq!(ints, reflect::abi::RISCV64.int_regs);
        let floats: Vec<String> = code::FLOAT_ARGS.iter().map(|r| format!("F{}", code::f_number(r))).collect();
        assert_eq!(floats, reflect::abi::RISCV64.float_regs);
        assert_eq!(code::FRAME.fixed_frame as usize, reflect::abi::RISCV64.fixed_frame);
    }

    #[test]
    fn reserved_names() {
        for s in ["a0", "ra", "x31", "F7", "fs11", "zero", "s10"] {
            assert!(asm_sym(s).is_err(), "{s}");
        }
        for s in ["main.a0", "rgo_alloc", "main.T.M$ptr", "x32", "x", "f", "fa8", "rax"] {
            assert!(asm_sym(s).is_ok(), "{s}");
        }
    }
}
