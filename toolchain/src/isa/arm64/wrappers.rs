//! Generated wrappers on arm64: method wrappers that tail-call (seed 000)
//! and the ABI wrappers between ABI0 and ABIInternal (seed 002).

use super::asm::{int_arg, Asm, CopyRegs, Mem, Reg, FP, SP};
use super::asm_sym;
use super::code::INCOMING;
use crate::ir::{Func, RecvStep};
use crate::isa::emit::faults_on_nil;
use crate::isa::frame::{abi0_of, abi0_offset, align_up, RegClass, SeqMoves};
use reflect::abi::{FuncAbi, StepKind};

type R<T> = Result<T, String>;

/// The receiver's register (the first integer argument register).
const RECV: Reg = Reg::x(0);
/// Scratch registers for the stack copies (none is an argument register).
const COPY: CopyRegs = CopyRegs { sa: Reg::x(23), da: Reg::x(25), t0: Reg::x(20), t1: Reg::x(21), n: Reg::x(22) };
/// Where the outgoing stack area starts: above the callee's
/// `fixed_frame` word at [sp].
const OUT: i64 = 8;

/// A promoted method with a pointer receiver: adjust the receiver in x0
/// and branch to the target with every other argument, register or
/// stack, exactly where the caller put it, and x30 still the caller's
/// return address. No frame, so the target returns straight to our
/// caller.
pub(super) fn tail_wrapper(asm: &mut Asm, nil_guard: u64, func: &Func, recv_path: &[RecvStep], target: &str, nil_target: Option<&str>) -> R<()> {
    let target = &*asm_sym(target)?;
    let abi = &func.abi;
    let recv_in_x0 = abi.call.values.first().is_some_and(|_| {
        let steps = abi.call.steps_of(0);
        steps.len() == 1
            && matches!(steps[0].kind, StepKind::IntReg | StepKind::Pointer)
            && steps[0].reg == 0
            && steps[0].size == 8
    });
    if !recv_in_x0 {
        return Err("method wrapper: the receiver is not one word in the first integer register".into());
    }
    let x0 = RECV.q();
    if let Some(nil) = nil_target {
        let nil = &*asm_sym(nil)?;
        // cbz reaches only 1 MiB; b reaches the whole program.
        let ok = asm.local();
        asm.ins(format!("cbnz {x0}, {ok}"));
        asm.ins(format!("b {nil}"));
        asm.label(&ok);
    }
    let mut i = 0;
    while i < recv_path.len() {
        match (recv_path[i], recv_path.get(i + 1)) {
            (RecvStep::Offset(n), Some(RecvStep::Load)) if faults_on_nil(nil_guard, n) => {
                // Embedded pointer field: the load checks for nil itself.
                asm.load_zx(RECV, &Mem::new(RECV, n as i64), 8);
                i += 2;
                continue;
            }
            (RecvStep::Offset(n), _) => {
                // Touch the receiver so a nil one faults here, in the
                // wrapper, as Go's does ("value method called using nil
                // pointer" comes from the runtime's fault handler).
                asm.touch(RECV);
                asm.add_imm(RECV, RECV, n as i64);
            }
            (RecvStep::Load, _) => asm.load_zx(RECV, &Mem::new(RECV, 0), 8),
        }
        i += 1;
    }
    asm.ins(format!("b {target}"));
    Ok(())
}

fn no_values(abi: &FuncAbi) -> bool {
    abi.call.values.is_empty() && abi.ret.values.is_empty()
}

/// The ABIInternal entry of an ABI0 function:
///
/// ```text
///   +----------------------------+
///   | caller's stack args/results| <- x29 + 24 (ABIInternal offsets)
///   | caller's fixed_frame word  |
///   | saved x30                  |
///   | saved x29                  | <- x29
///   | padding                    |
///   | ABI0 results               |
///   | ABI0 arguments             | <- sp + 8
///   | target's fixed_frame word  | <- sp (16-aligned at the call)
///   +----------------------------+
/// ```
///
/// ABI0 code on arm64 keeps x28 (the goroutine) and x29 as ABIInternal
/// does, and there is no zero register to restore, so with no
/// parameters and no results this is a plain branch (gc tail-calls there
/// too; only amd64 must not).
pub(super) fn to_abi0(asm: &mut Asm, func: &Func, target: &str) -> R<()> {
    let target = &*asm_sym(target)?;
    let abi = &*func.abi;
    if no_values(abi) {
        asm.ins(format!("b {target}"));
        return Ok(());
    }
    let abi0 = abi0_of(abi)?;
    let size = align_up(OUT as u64 + abi0.stack_size as u64, 16);
    asm.enter(frame_size(size)?);
    let moves = SeqMoves::of(&abi.call);
    for m in &moves.regs {
        let dst = Mem::new(SP, OUT + abi0_offset(&abi0.call, m.value) as i64 + m.offset as i64);
        store_reg(asm, &dst, m.class, m.reg, m.size);
    }
    for m in &moves.stack {
        let dst = Mem::new(SP, OUT + abi0_offset(&abi0.call, m.value) as i64);
        asm.copy(&dst, &Mem::new(FP, INCOMING + m.area_offset as i64), m.size, COPY);
    }
    asm.ins(format!("bl {target}"));
    // Stack results first: the copies use scratch registers only, but the
    // register results are then the last thing written.
    let moves = SeqMoves::of(&abi.ret);
    for m in &moves.stack {
        let src = Mem::new(SP, OUT + abi0_offset(&abi0.ret, m.value) as i64);
        asm.copy(&Mem::new(FP, INCOMING + m.area_offset as i64), &src, m.size, COPY);
    }
    for m in &moves.regs {
        let src = Mem::new(SP, OUT + abi0_offset(&abi0.ret, m.value) as i64 + m.offset as i64);
        load_reg(asm, &src, m.class, m.reg, m.size);
    }
    asm.leave();
    Ok(())
}

/// The ABI0 entry of an ABIInternal function, for callers in assembly:
///
/// ```text
///   +----------------------------+
///   | ABI0 args, then results    | <- x29 + 24 (ABI0 offsets)
///   | caller's fixed_frame word  |
///   | saved x30                  |
///   | saved x29                  | <- x29
///   | padding                    |
///   | target's spill area        |
///   | target's stack args/results| <- sp + 8
///   | target's fixed_frame word  | <- sp (16-aligned at the call)
///   +----------------------------+
/// ```
///
/// ABI0 callers keep SP 16-aligned on arm64 (the hardware checks it), and
/// x28 already holds the goroutine. With no parameters and no results
/// it is a plain branch.
pub(super) fn from_abi0(asm: &mut Asm, func: &Func, target: &str) -> R<()> {
    let target = &*asm_sym(target)?;
    let abi = &*func.abi;
    if no_values(abi) {
        asm.ins(format!("b {target}"));
        return Ok(());
    }
    let abi0 = abi0_of(abi)?;
    let size = align_up(OUT as u64 + (abi.stack_size + abi.spill_size) as u64, 16);
    asm.enter(frame_size(size)?);
    let moves = SeqMoves::of(&abi.call);
    for m in &moves.stack {
        let src = Mem::new(FP, INCOMING + abi0_offset(&abi0.call, m.value) as i64);
        asm.copy(&Mem::new(SP, OUT + m.area_offset as i64), &src, m.size, COPY);
    }
    for m in &moves.regs {
        let src = Mem::new(FP, INCOMING + abi0_offset(&abi0.call, m.value) as i64 + m.offset as i64);
        load_reg(asm, &src, m.class, m.reg, m.size);
    }
    asm.ins(format!("bl {target}"));
    let moves = SeqMoves::of(&abi.ret);
    for m in &moves.regs {
        let dst = Mem::new(FP, INCOMING + abi0_offset(&abi0.ret, m.value) as i64 + m.offset as i64);
        store_reg(asm, &dst, m.class, m.reg, m.size);
    }
    for m in &moves.stack {
        let dst = Mem::new(FP, INCOMING + abi0_offset(&abi0.ret, m.value) as i64);
        asm.copy(&dst, &Mem::new(SP, OUT + m.area_offset as i64), m.size, COPY);
    }
    asm.leave();
    Ok(())
}

fn frame_size(size: u64) -> R<u32> {
    u32::try_from(size)
        .ok()
        .filter(|&s| s <= i32::MAX as u32 / 2)
        .ok_or_else(|| format!("frame of {size} bytes is too large"))
}

fn store_reg(asm: &mut Asm, m: &Mem, class: RegClass, reg: u8, size: u32) {
    match class {
        RegClass::Int => asm.store(m, int_arg(reg).expect("an integer argument register"), size),
        RegClass::Float => asm.store_float(m, reg, size),
    }
}

fn load_reg(asm: &mut Asm, m: &Mem, class: RegClass, reg: u8, size: u32) {
    match class {
        RegClass::Int => asm.load_zx(int_arg(reg).expect("an integer argument register"), m, size),
        RegClass::Float => asm.load_float(reg, m, size),
    }
}
