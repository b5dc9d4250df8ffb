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
mod wrappers;

use crate::ir::{Data, FuncKind, Program, Scalar};
use asm::{Asm, Mem};
use reflect::abi::Arch;
use std::collections::BTreeSet;
use std::fmt::Write;

/// amd64 Linux.
pub struct Amd64;

impl super::Target for Amd64 {
    fn goarch(&self) -> &'static str {
        "amd64"
    }
    fn arch(&self) -> &'static Arch {
        &reflect::abi::AMD64
    }
    fn emit_asm(&self, prog: &Program) -> Result<String, super::EmitError> {
        emit_program(prog)
    }
    fn cc(&self) -> &'static str {
        "gcc"
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

/// The assembler spelling of symbol `s`: Go identifiers may hold any
/// Unicode letter or digit, which the assembler does not take, so each
/// non-ASCII character becomes `$u<hex>$` (Go names never contain `$`, so
/// distinct names stay distinct). Then checked as [`check_sym`] checks.
pub(crate) fn asm_sym(s: &str) -> Result<std::borrow::Cow<'_, str>, String> {
    let m = if s.is_ascii() {
        std::borrow::Cow::Borrowed(s)
    } else {
        let mut out = String::with_capacity(s.len() + 8);
        for c in s.chars() {
            if c.is_ascii() {
                out.push(c);
            } else {
                let _ = write!(out, "$u{:x}$", c as u32);
            }
        }
        std::borrow::Cow::Owned(out)
    };
    check_sym(&m)?;
    Ok(m)
}

/// Checks a symbol name: `[A-Za-z0-9_.$]`, not starting with a digit, not
/// one of our local labels (`.L...`), not a register or operator name.
pub(crate) fn check_sym(s: &str) -> Result<(), String> {
    let ok_chars = !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"_.$".contains(&b));
    if !ok_chars || s.as_bytes()[0].is_ascii_digit() {
        return Err(format!("bad symbol name {s:?}"));
    }
    if s.starts_with(".L") {
        return Err(format!("symbol {s:?} would be an assembler-local label"));
    }
    if intel_reserved(s) {
        return Err(format!("symbol {s:?} reads as a register or operator in Intel syntax"));
    }
    Ok(())
}

/// The float constants a program's code refers to, emitted once at the end.
#[derive(Default)]
pub(crate) struct Consts {
    f32s: BTreeSet<u32>,
    f64s: BTreeSet<u64>,
}

impl Consts {
    /// The memory holding `f` as a `ty` (F32 or F64).
    pub(crate) fn float(&mut self, ty: Scalar, f: f64) -> Mem {
        if ty == Scalar::F32 {
            let bits = (f as f32).to_bits();
            self.f32s.insert(bits);
            Mem::sym(&format!(".Lf32.{bits:08x}"), 0)
        } else {
            let bits = f.to_bits();
            self.f64s.insert(bits);
            Mem::sym(&format!(".Lf64.{bits:016x}"), 0)
        }
    }

    fn emit(&self, asm: &mut Asm) {
        if self.f32s.is_empty() && self.f64s.is_empty() {
            return;
        }
        asm.blank();
        asm.ins(".section .rodata");
        asm.ins(".balign 8");
        for b in &self.f64s {
            asm.label(&format!(".Lf64.{b:016x}"));
            asm.ins(format!(".quad 0x{b:016x}"));
        }
        for b in &self.f32s {
            asm.label(&format!(".Lf32.{b:08x}"));
            asm.ins(format!(".long 0x{b:08x}"));
        }
    }
}

fn emit_program(prog: &Program) -> Result<String, super::EmitError> {
    let mut asm = Asm::default();
    let mut consts = Consts::default();
    asm.out.push_str("# Generated by rgo (amd64 backend).\n");
    asm.ins(".intel_syntax noprefix");
    asm.ins(".text");
    for (fi, func) in prog.funcs.iter().enumerate() {
        let sym = &*asm_sym(&func.sym).map_err(|e| format!("function {}: {e}", func.sym))?;
        asm.blank();
        if let Some(pos) = &func.pos {
            asm.comment(&format!("{sym} at {pos}"));
        }
        asm.ins(".p2align 4");
        asm.ins(format!(".globl {sym}"));
        asm.ins(format!(".type {sym}, @function"));
        asm.label(sym);
        asm.ins(".cfi_startproc");
        let r = match &func.kind {
            FuncKind::Code(body) => code::FnGen::emit(&mut asm, &mut consts, fi, func, body),
            FuncKind::TailWrapper { recv_path, target, nil_target } => {
                wrappers::tail_wrapper(&mut asm, func, recv_path, target, nil_target.as_deref())
            }
            FuncKind::ToAbi0 { target } => wrappers::to_abi0(&mut asm, func, target),
            FuncKind::FromAbi0 { target } => wrappers::from_abi0(&mut asm, func, target),
        };
        r.map_err(|e| match &func.pos {
            Some(pos) => super::EmitError { pos: Some(pos.clone()), msg: e },
            None => format!("function {sym}: {e}").into(),
        })?;
        asm.ins(".cfi_endproc");
        asm.ins(format!(".size {sym}, .-{sym}"));
    }
    consts.emit(&mut asm);
    for d in &prog.data {
        emit_data(&mut asm, d).map_err(|e| format!("data {}: {e}", d.sym))?;
    }
    asm.blank();
    // No executable stack.
    asm.ins(".section .note.GNU-stack,\"\",@progbits");
    Ok(asm.out)
}

/// One data symbol. Read-only data with relocations goes to
/// `.data.rel.ro`, which the linker may keep writable until relocation in
/// position-independent links; everything else to `.rodata`, `.data` or
/// (zero and writable, no relocations) `.bss`.
fn emit_data(asm: &mut Asm, d: &Data) -> Result<(), String> {
    let sym = asm_sym(&d.sym)?;
    let align = d.align.max(1);
    if !align.is_power_of_two() {
        return Err(format!("alignment {} is not a power of two", d.align));
    }
    if let Some(init) = &d.init {
        if init.len() != d.size as usize {
            return Err(format!("{} initial bytes for a {}-byte symbol", init.len(), d.size));
        }
    }
    let mut relocs = d.relocs.clone();
    relocs.sort_by_key(|r| r.offset);
    let mut end = 0u64;
    for r in &relocs {
        asm_sym(&r.sym)?;
        if (r.offset as u64) < end || r.offset as u64 + 8 > d.size as u64 {
            return Err(format!("relocation at {} overlaps another or the end", r.offset));
        }
        end = r.offset as u64 + 8;
    }
    let section = match (d.readonly, relocs.is_empty(), d.init.is_some()) {
        (true, true, _) => ".section .rodata",
        (true, false, _) => ".section .data.rel.ro,\"aw\"",
        (false, true, false) => ".bss",
        (false, _, _) => ".data",
    };
    asm.blank();
    asm.ins(section);
    asm.ins(format!(".globl {sym}"));
    asm.ins(format!(".type {sym}, @object"));
    asm.ins(format!(".size {sym}, {}", d.size));
    asm.ins(format!(".balign {align}"));
    asm.label(&sym);
    // Zero storage is written as `.zero` runs, never materialized: a
    // global may be gigabytes large.
    let Some(bytes) = d.init.as_deref() else {
        let mut at = 0u64;
        for r in &relocs {
            if r.offset as u64 > at {
                asm.ins(format!(".zero {}", r.offset as u64 - at));
            }
            emit_quad(asm, r);
            at = r.offset as u64 + 8;
        }
        if (d.size as u64) > at {
            asm.ins(format!(".zero {}", d.size as u64 - at));
        }
        return Ok(());
    };
    let mut at = 0usize;
    for r in &relocs {
        emit_bytes(asm, &bytes[at..r.offset as usize]);
        emit_quad(asm, r);
        at = r.offset as usize + 8;
    }
    emit_bytes(asm, &bytes[at..]);
    Ok(())
}

/// An 8-byte absolute address.
fn emit_quad(asm: &mut Asm, r: &crate::ir::Reloc) {
    // Checked by `emit_data` already.
    let sym = asm_sym(&r.sym).unwrap_or_default();
    let sign = if r.addend < 0 { "-" } else { "+" };
    if r.addend == 0 {
        asm.ins(format!(".quad {sym}"));
    } else {
        asm.ins(format!(".quad {sym}{sign}{}", r.addend.unsigned_abs()));
    }
}

/// Bytes as `.byte` lines, with runs of zeros as `.zero`.
fn emit_bytes(asm: &mut Asm, bytes: &[u8]) {
    let mut i = 0;
    while i < bytes.len() {
        let zeros = bytes[i..].iter().take_while(|&&b| b == 0).count();
        if zeros >= 8 || zeros == bytes.len() - i {
            asm.ins(format!(".zero {zeros}"));
            i += zeros;
            continue;
        }
        // Up to 16 bytes, stopping before a long zero run.
        let mut line = String::new();
        let mut n = 0;
        while i < bytes.len() && n < 16 {
            if bytes[i] == 0 && bytes[i..].iter().take_while(|&&b| b == 0).count() >= 8 {
                break;
            }
            if n > 0 {
                line.push_str(", ");
            }
            let _ = write!(line, "{}", bytes[i]);
            i += 1;
            n += 1;
        }
        asm.ins(format!(".byte {line}"));
    }
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
