//! Generated wrappers: method wrappers that tail-call (seed 000) and the
//! ABI wrappers between ABI0 and ABIInternal (seed 002).

use super::asm::{Asm, Mem, Reg, INT_ARGS};
use super::asm_sym;
use crate::isa::emit::faults_on_nil;
use crate::ir::{Func, RecvStep};
use crate::isa::frame::{abi0_of, abi0_offset, align_up, RegClass, SeqMoves};
use reflect::abi::{FuncAbi, StepKind};
use Reg::*;

type R<T> = Result<T, String>;

/// Bytes between RBP and the caller's stack arguments (saved RBP, return
/// address).
const INCOMING: i64 = 16;

/// A promoted method with a pointer receiver: adjust the receiver in RAX
/// and jump to the target with every other argument, register or stack,
/// exactly where the caller put it. No frame, so the target returns
/// straight to our caller.
pub(super) fn tail_wrapper(asm: &mut Asm, nil_guard: u64, func: &Func, recv_path: &[RecvStep], target: &str, nil_target: Option<&str>) -> R<()> {
    let target = &*asm_sym(target)?;
    let abi = &func.abi;
    let recv_in_rax = abi.call.values.first().is_some_and(|_| {
        let steps = abi.call.steps_of(0);
        steps.len() == 1
            && matches!(steps[0].kind, StepKind::IntReg | StepKind::Pointer)
            && steps[0].reg == 0
            && steps[0].size == 8
    });
    if !recv_in_rax {
        return Err("method wrapper: the receiver is not one word in the first integer register".into());
    }
    if let Some(nil) = nil_target {
        let nil = &*asm_sym(nil)?;
        asm.ins("test rax, rax");
        asm.ins(format!("jz {nil}"));
    }
    let mut i = 0;
    while i < recv_path.len() {
        match (recv_path[i], recv_path.get(i + 1)) {
            (RecvStep::Offset(n), Some(RecvStep::Load)) if faults_on_nil(nil_guard, n) => {
                // Embedded pointer field: the load checks for nil itself.
                asm.ins(format!("mov rax, {}", Mem::reg(Rax, n as i64).at(8)));
                i += 2;
                continue;
            }
            (RecvStep::Offset(n), _) => {
                // Touch the receiver so a nil one faults here, in the
                // wrapper, as Go's does ("value method called using nil
                // pointer" comes from the runtime's fault handler).
                asm.ins("test byte ptr [rax], al");
                if n != 0 {
                    asm.ins(format!("add rax, {n}"));
                }
            }
            (RecvStep::Load, _) => asm.ins("mov rax, qword ptr [rax]"),
        }
        i += 1;
    }
    asm.ins(format!("jmp {target}"));
    Ok(())
}

fn no_values(abi: &FuncAbi) -> bool {
    abi.call.values.is_empty() && abi.ret.values.is_empty()
}

/// The ABIInternal entry of an ABI0 function:
///
/// ```text
///   +----------------------------+
///   | caller's stack args/results| <- RBP + 16 (ABIInternal offsets)
///   | return address             |
///   | saved RBP                  | <- RBP
///   | saved R14                  | <- RBP - 8
///   | padding                    |
///   | ABI0 results               |
///   | ABI0 arguments             | <- RSP (16-aligned at the call)
///   +----------------------------+
/// ```
///
/// Go 1.19 never tail-calls from an ABIInternal wrapper to ABI0 on amd64
/// (`ssagen/abi.go`), even with no parameters and no results: ABI0 code
/// may use X15 and R14 freely, and ABIInternal code expects them intact
/// when the call returns. So this wrapper always calls, saves R14 in its
/// frame, and re-zeroes X15 afterwards.
pub(super) fn to_abi0(asm: &mut Asm, func: &Func, target: &str) -> R<()> {
    let target = &*asm_sym(target)?;
    let abi = &*func.abi;
    let abi0 = abi0_of(abi)?;
    let size = align_up(abi0.stack_size as u64 + 8, 16);
    frame_enter(asm, size, false);
    asm.store(&Mem::reg(Rbp, -8), R14, 8);
    // Register arguments first: the stack copies use scratch registers.
    let moves = SeqMoves::of(&abi.call);
    for m in &moves.regs {
        let dst = Mem::reg(Rsp, abi0_offset(&abi0.call, m.value) as i64 + m.offset as i64);
        match m.class {
            RegClass::Int => asm.store(&dst, INT_ARGS[m.reg as usize], m.size),
            RegClass::Float => asm.store_float(&dst, m.reg, m.size),
        }
    }
    for m in &moves.stack {
        let dst = Mem::reg(Rsp, abi0_offset(&abi0.call, m.value) as i64);
        asm.copy(&dst, &Mem::reg(Rbp, INCOMING + m.area_offset as i64), m.size);
    }
    asm.ins(format!("call {target}"));
    asm.load_zx(R14, &Mem::reg(Rbp, -8), 8);
    asm.ins("xorps xmm15, xmm15");
    // Stack results first, register results last.
    let moves = SeqMoves::of(&abi.ret);
    for m in &moves.stack {
        let src = Mem::reg(Rsp, abi0_offset(&abi0.ret, m.value) as i64);
        asm.copy(&Mem::reg(Rbp, INCOMING + m.area_offset as i64), &src, m.size);
    }
    for m in &moves.regs {
        let src = Mem::reg(Rsp, abi0_offset(&abi0.ret, m.value) as i64 + m.offset as i64);
        match m.class {
            RegClass::Int => asm.load_zx(INT_ARGS[m.reg as usize], &src, m.size),
            RegClass::Float => asm.load_float(m.reg, &src, m.size),
        }
    }
    frame_leave(asm);
    Ok(())
}

/// The ABI0 entry of an ABIInternal function, for callers in assembly:
///
/// ```text
///   +----------------------------+
///   | ABI0 args, then results    | <- RBP + 16 (ABI0 offsets)
///   | return address             |
///   | saved RBP                  | <- RBP
///   | padding (and alignment)    |
///   | target's spill area        |
///   | target's stack args/results| <- RSP (16-aligned at the call)
///   +----------------------------+
/// ```
///
/// ABI0 leaves X15 undefined, so it is zeroed before entering ABIInternal
/// code; R14 is left to the runtime, which keeps it pointing at the
/// goroutine. ABI0 callers promise only 8-byte stack alignment, so the
/// frame is aligned explicitly. With no parameters and no results it is a
/// tail jump, still zeroing X15 first (as gc does on amd64).
pub(super) fn from_abi0(asm: &mut Asm, func: &Func, target: &str) -> R<()> {
    let target = &*asm_sym(target)?;
    let abi = &*func.abi;
    if no_values(abi) {
        asm.ins("xorps xmm15, xmm15");
        asm.ins(format!("jmp {target}"));
        return Ok(());
    }
    let abi0 = abi0_of(abi)?;
    let size = align_up((abi.stack_size + abi.spill_size) as u64, 16);
    frame_enter(asm, size, true);
    asm.ins("xorps xmm15, xmm15");
    let moves = SeqMoves::of(&abi.call);
    for m in &moves.stack {
        let src = Mem::reg(Rbp, INCOMING + abi0_offset(&abi0.call, m.value) as i64);
        asm.copy(&Mem::reg(Rsp, m.area_offset as i64), &src, m.size);
    }
    for m in &moves.regs {
        let src = Mem::reg(Rbp, INCOMING + abi0_offset(&abi0.call, m.value) as i64 + m.offset as i64);
        match m.class {
            RegClass::Int => asm.load_zx(INT_ARGS[m.reg as usize], &src, m.size),
            RegClass::Float => asm.load_float(m.reg, &src, m.size),
        }
    }
    asm.ins(format!("call {target}"));
    // Register results first: the stack copies use scratch registers.
    let moves = SeqMoves::of(&abi.ret);
    for m in &moves.regs {
        let dst = Mem::reg(Rbp, INCOMING + abi0_offset(&abi0.ret, m.value) as i64 + m.offset as i64);
        match m.class {
            RegClass::Int => asm.store(&dst, INT_ARGS[m.reg as usize], m.size),
            RegClass::Float => asm.store_float(&dst, m.reg, m.size),
        }
    }
    for m in &moves.stack {
        let dst = Mem::reg(Rbp, INCOMING + abi0_offset(&abi0.ret, m.value) as i64);
        asm.copy(&dst, &Mem::reg(Rsp, m.area_offset as i64), m.size);
    }
    frame_leave(asm);
    Ok(())
}

/// `push rbp; mov rbp, rsp; sub rsp, size`, with CFI; `align`: also round
/// RSP down to 16 bytes.
fn frame_enter(asm: &mut Asm, size: u64, align: bool) {
    asm.ins("push rbp");
    asm.ins(".cfi_def_cfa_offset 16");
    asm.ins(".cfi_offset rbp, -16");
    asm.ins("mov rbp, rsp");
    asm.ins(".cfi_def_cfa_register rbp");
    if size > 0 {
        asm.ins(format!("sub rsp, {size}"));
    }
    if align {
        asm.ins("and rsp, -16");
    }
}

fn frame_leave(asm: &mut Asm) {
    asm.ins("mov rsp, rbp");
    asm.ins("pop rbp");
    asm.ins(".cfi_def_cfa rsp, 8");
    asm.ins("ret");
}
