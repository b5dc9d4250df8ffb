//! Generated wrappers on riscv64: method wrappers that tail-call (seed 000)
//! and the ABI wrappers between ABI0 and ABIInternal (seed 002).
//!
//! ABI0 on riscv64 passes everything on the stack: the caller's 0(sp) is
//! its fixed_frame word, arguments then results start at 8(sp) at the
//! call, in the stack-only assignment's offsets. ABI0 code keeps sp and
//! s11 (X27, the goroutine) but may use X25 (our frame pointer s9) freely,
//! as gc's duffcopy/duffzero do.

use super::code::{FnGen, Mem, FLOAT_ARGS, INT_ARGS};
use super::asm_sym;
use crate::ir::{Func, RecvStep};
use crate::isa::emit::Machine;
use crate::isa::frame::{abi0_of, abi0_offset, align_up, RegClass, SeqMoves};
use reflect::abi::{FuncAbi, StepKind};

type R<T> = Result<T, String>;

/// Bytes from the frame record (saved s9, saved ra) to the caller's stack
/// arguments: the record and the caller's fixed_frame word.
const INCOMING: i64 = super::code::INCOMING;

fn load_op(size: u32) -> &'static str {
    match size {
        1 => "lbu",
        2 => "lhu",
        4 => "lwu",
        _ => "ld",
    }
}

fn store_op(size: u32) -> &'static str {
    match size {
        1 => "sb",
        2 => "sh",
        4 => "sw",
        _ => "sd",
    }
}

/// Stores argument/result register `reg` of `class` (`size` bytes) to `m`.
fn store_reg(g: &mut FnGen, class: RegClass, reg: u8, size: u32, m: &Mem) {
    match class {
        RegClass::Int => g.ldst(store_op(size), INT_ARGS[reg as usize], m),
        RegClass::Float => g.ldst(if size == 4 { "fsw" } else { "fsd" }, FLOAT_ARGS[reg as usize], m),
    }
}

/// Loads argument/result register `reg` of `class` (`size` bytes) from `m`
/// (a float32 NaN-boxed by flw).
fn load_reg(g: &mut FnGen, class: RegClass, reg: u8, size: u32, m: &Mem) {
    match class {
        RegClass::Int => g.ldst(load_op(size), INT_ARGS[reg as usize], m),
        RegClass::Float => g.ldst(if size == 4 { "flw" } else { "fld" }, FLOAT_ARGS[reg as usize], m),
    }
}

/// A promoted method with a pointer receiver: adjust the receiver in a0
/// and jump to the target with every other argument, register or stack,
/// exactly where the caller put it. No frame, so the target returns
/// straight to our caller. `tail` goes through t1 (no argument register).
pub(super) fn tail_wrapper(
    g: &mut FnGen,
    func: &Func,
    recv_path: &[RecvStep],
    target: &str,
    nil_target: Option<&str>,
) -> R<()> {
    let target = &*asm_sym(target)?;
    let abi = &func.abi;
    let recv_in_a0 = abi.call.values.first().is_some_and(|_| {
        let steps = abi.call.steps_of(0);
        steps.len() == 1
            && matches!(steps[0].kind, StepKind::IntReg | StepKind::Pointer)
            && steps[0].reg == 0
            && steps[0].size == 8
    });
    if !recv_in_a0 {
        return Err("method wrapper: the receiver is not one word in the first integer register".into());
    }
    if let Some(nil) = nil_target {
        // A conditional branch reaches only 4 KiB: jump over a `tail`.
        let nil = &*asm_sym(nil)?;
        let ok = g.local();
        g.ins(format!("bnez a0, {ok}"));
        g.ins(format!("tail {nil}"));
        g.label(&ok);
    }
    let mut i = 0;
    while i < recv_path.len() {
        match (recv_path[i], recv_path.get(i + 1)) {
            (RecvStep::Offset(n), Some(RecvStep::Load)) if g.cx().faults_on_nil(n) => {
                // Embedded pointer field: the load checks for nil itself.
                g.ldst("ld", "a0", &Mem::new("a0", n as i64));
                i += 2;
                continue;
            }
            (RecvStep::Offset(n), _) => {
                // Touch the receiver so a nil one faults here, in the
                // wrapper, as Go's does.
                g.ins("lb zero, 0(a0)");
                if n != 0 {
                    g.add_imm("a0", "a0", n as i64);
                }
            }
            (RecvStep::Load, _) => g.ins("ld a0, 0(a0)"),
        }
        i += 1;
    }
    g.ins(format!("tail {target}"));
    Ok(())
}

fn no_values(abi: &FuncAbi) -> bool {
    abi.call.values.is_empty() && abi.ret.values.is_empty()
}

/// Pushes the frame record (ra, s9) and points s9 at it.
fn frame_record(g: &mut FnGen) {
    g.ins("addi sp, sp, -16");
    g.ins(".cfi_def_cfa_offset 16");
    g.ins("sd ra, 8(sp)");
    g.ins("sd s9, 0(sp)");
    g.ins(".cfi_offset ra, -8");
    g.ins(".cfi_offset s9, -16");
    g.ins("mv s9, sp");
}

/// Pops the frame record (sp pointing at it) and returns.
fn pop_record_and_return(g: &mut FnGen) {
    g.ins("ld ra, 8(sp)");
    g.ins("ld s9, 0(sp)");
    g.ins(".cfi_restore ra");
    g.ins(".cfi_restore s9");
    g.ins("addi sp, sp, 16");
    g.ins(".cfi_def_cfa_offset 0");
    g.ins("ret");
}

/// The ABIInternal entry of an ABI0 function:
///
/// ```text
///   +----------------------------+
///   | caller's stack args/results| <- sp + size + 24 (ABIInternal offsets)
///   | caller's fixed_frame word  | <- entry SP
///   | saved ra                   |
///   | saved s9                   | <- s9 = sp + size
///   | saved s11                  | <- sp + size - 8
///   | padding                    |
///   | ABI0 results               |
///   | ABI0 arguments             | <- sp + 8
///   | fixed_frame word           | <- sp (16-aligned at the call)
///   +----------------------------+
/// ```
///
/// ABI0 code may clobber s9, so everything after the call is addressed
/// from sp, which it keeps, and s9 and s11 are restored from the frame.
/// The wrapper always calls, even with no parameters and no results, so
/// that both are restored.
pub(super) fn to_abi0(g: &mut FnGen, func: &Func, target: &str) -> R<()> {
    let target = &*asm_sym(target)?;
    let abi = &*func.abi;
    let abi0 = abi0_of(abi)?;
    let size = align_up(8 + abi0.stack_size as u64 + 8, 16) as i64;
    frame_record(g);
    g.sub_imm("sp", "sp", size);
    g.ins(format!(".cfi_def_cfa_offset {}", 16 + size));
    let g_slot = Mem::new("sp", size - 8);
    g.ldst("sd", "s11", &g_slot);
    // Register arguments first: the stack copies use scratch registers.
    let moves = SeqMoves::of(&abi.call);
    for m in &moves.regs {
        let dst = Mem::new("sp", 8 + abi0_offset(&abi0.call, m.value) as i64 + m.offset as i64);
        store_reg(g, m.class, m.reg, m.size, &dst);
    }
    for m in &moves.stack {
        let dst = Mem::new("sp", 8 + abi0_offset(&abi0.call, m.value) as i64);
        g.copy_mem(&dst, &Mem::new("sp", size + INCOMING + m.area_offset as i64), m.size);
    }
    g.ins(format!("call {target}"));
    g.ldst("ld", "s11", &g_slot);
    // Stack results first, register results last.
    let moves = SeqMoves::of(&abi.ret);
    for m in &moves.stack {
        let src = Mem::new("sp", 8 + abi0_offset(&abi0.ret, m.value) as i64);
        g.copy_mem(&Mem::new("sp", size + INCOMING + m.area_offset as i64), &src, m.size);
    }
    for m in &moves.regs {
        let src = Mem::new("sp", 8 + abi0_offset(&abi0.ret, m.value) as i64 + m.offset as i64);
        load_reg(g, m.class, m.reg, m.size, &src);
    }
    g.add_imm("sp", "sp", size);
    g.ins(".cfi_def_cfa_offset 16");
    pop_record_and_return(g);
    Ok(())
}

/// The ABI0 entry of an ABIInternal function, for callers in assembly:
///
/// ```text
///   +----------------------------+
///   | ABI0 args, then results    | <- s9 + 24 (ABI0 offsets)
///   | caller's fixed_frame word  | <- entry SP (only 8-aligned in ABI0)
///   | saved ra                   |
///   | saved s9                   | <- s9
///   | padding (and alignment)    |
///   | target's spill area        |
///   | target's stack args/results| <- sp + 8
///   | fixed_frame word           | <- sp (16-aligned at the call)
///   +----------------------------+
/// ```
///
/// The target (compiled code) keeps s9. With no parameters and no results
/// it is a tail jump.
pub(super) fn from_abi0(g: &mut FnGen, func: &Func, target: &str) -> R<()> {
    let target = &*asm_sym(target)?;
    let abi = &*func.abi;
    if no_values(abi) {
        g.ins(format!("tail {target}"));
        return Ok(());
    }
    let abi0 = abi0_of(abi)?;
    let size = align_up(8 + (abi.stack_size + abi.spill_size) as u64, 16) as i64;
    frame_record(g);
    g.ins(".cfi_def_cfa s9, 16");
    g.sub_imm("sp", "sp", size);
    g.ins("andi sp, sp, -16");
    let moves = SeqMoves::of(&abi.call);
    for m in &moves.stack {
        let src = Mem::new("s9", INCOMING + abi0_offset(&abi0.call, m.value) as i64);
        g.copy_mem(&Mem::new("sp", 8 + m.area_offset as i64), &src, m.size);
    }
    for m in &moves.regs {
        let src = Mem::new("s9", INCOMING + abi0_offset(&abi0.call, m.value) as i64 + m.offset as i64);
        load_reg(g, m.class, m.reg, m.size, &src);
    }
    g.ins(format!("call {target}"));
    // Register results first: the stack copies use scratch registers.
    let moves = SeqMoves::of(&abi.ret);
    for m in &moves.regs {
        let dst = Mem::new("s9", INCOMING + abi0_offset(&abi0.ret, m.value) as i64 + m.offset as i64);
        store_reg(g, m.class, m.reg, m.size, &dst);
    }
    for m in &moves.stack {
        let dst = Mem::new("s9", INCOMING + abi0_offset(&abi0.ret, m.value) as i64);
        g.copy_mem(&dst, &Mem::new("sp", 8 + m.area_offset as i64), m.size);
    }
    g.ins("mv sp, s9");
    g.ins(".cfi_def_cfa sp, 16");
    pop_record_and_return(g);
    Ok(())
}
