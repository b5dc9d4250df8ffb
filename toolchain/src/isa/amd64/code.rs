//! Code generation for [`FuncKind::Code`](crate::ir::FuncKind::Code):
//! prologue, one short fixed sequence per IR instruction, epilogue.
//!
//! No value stays in a register from one instruction to the next (the IR
//! is memory-based), so inside an instruction every register but the fixed
//! ones is scratch. The choice is fixed so that sequences never collide:
//!
//! ```text
//!   RAX, RCX, RDX    values (operand a, operand b, division/extra)
//!   XMM0, XMM1       float values
//!   RSI, RDI, R8     bases of Deref addresses of operand a, operand b, dst
//!   R12              bases of Deref addresses while call arguments or
//!                    results are live in the argument registers (R12 is
//!                    no ABIInternal argument register)
//!   R13              the target of an indirect call
//!   R11              bases of Deref addresses around a C call (no C
//!                    argument register)
//!   RSP, RBP, R14, X15 never written (X15 is re-zeroed after C calls)
//! ```

use super::asm::{Asm, Mem, Reg, C_FLOAT_ARGS, C_FLOAT_RETS, C_INT_ARGS, C_INT_RETS, INT_ARGS};
use super::{asm_sym, check_sym, Consts};
use crate::ir::{Addr, BinOp, Body, Callee, Func, Inst, Label, Operand, Scalar, SlotId, Special, UnOp};
use crate::isa::frame::{FrameLayout, FrameParams, RegClass, SeqMoves, SlotHome};
use reflect::abi::FuncAbi;
use Reg::*;

/// Bytes between RBP and the caller's stack arguments: saved RBP and the
/// return address.
const INCOMING: i64 = 16;

use rt_arch::bindings::amd64 as shared;


/// Frame parameters of amd64: RSP is 8 mod 16 on entry (the caller's call
/// pushed the return address onto a 16-aligned stack), `push rbp` makes it
/// 16-aligned, and a frame size that is a multiple of 16 keeps it so at
/// every call in the body.
pub const FRAME: FrameParams = FrameParams { fixed_frame: 0, stack_align: 16, max_slot_align: 16 };

pub(super) struct FnGen<'a> {
    asm: &'a mut Asm,
    consts: &'a mut Consts,
    /// The function's index in the program, for its local labels.
    fi: usize,
    frame: FrameLayout,
    nlabels: u32,
    /// Counter for labels inside one instruction's sequence.
    next_local: u32,
    /// The comparison being emitted only feeds the jump after it: leave
    /// its result in the flags, without materializing the bool.
    cond_only: bool,
}

type R<T> = Result<T, String>;

fn width(ty: Scalar) -> u32 {
    if ty.size() == 8 {
        8
    } else {
        4
    }
}

/// An integer constant truncated to `ty` and extended back by its
/// signedness: the value the operation sees.
fn norm_imm(ty: Scalar, v: i64) -> i64 {
    match ty {
        Scalar::I8 => v as i8 as i64,
        Scalar::U8 => v as u8 as i64,
        Scalar::I16 => v as i16 as i64,
        Scalar::U16 => v as u16 as i64,
        Scalar::I32 => v as i32 as i64,
        Scalar::U32 => v as u32 as i64,
        _ => v,
    }
}

/// The bits of a float constant of type `ty` (`F32` rounds).
fn float_bits(ty: Scalar, f: f64) -> i64 {
    if ty == Scalar::F32 {
        (f as f32).to_bits() as i64
    } else {
        f.to_bits() as i64
    }
}

fn fits_i32(v: i64) -> bool {
    v == v as i32 as i64
}

/// The condition that is true when `cc` is false.
fn invert(cc: &str) -> &'static str {
    match cc {
        "e" => "ne",
        "ne" => "e",
        "l" => "ge",
        "ge" => "l",
        "le" => "g",
        "g" => "le",
        "b" => "ae",
        "ae" => "b",
        "be" => "a",
        "a" => "be",
        "p" => "np",
        "np" => "p",
        _ => unreachable!("condition code {cc}"),
    }
}

impl<'a> FnGen<'a> {
    pub(super) fn emit(asm: &'a mut Asm, consts: &'a mut Consts, fi: usize, func: &Func, body: &Body) -> R<()> {
        let abi = &*func.abi;
        let frame = FrameLayout::compute(body, abi, FRAME)?;
        let mut g = FnGen { asm, consts, fi, frame, nlabels: body.nlabels, next_local: 0, cond_only: false };
        let single = crate::opt::single_use(body);
        g.check_labels(body)?;
        g.prologue(body, abi)?;
        let mut i = 0;
        while i < body.insts.len() {
            let inst = &body.insts[i];
            g.cond_only = match (inst, body.insts.get(i + 1)) {
                (
                    Inst::Bin { dst: Addr::Slot(t, 0), .. },
                    Some(Inst::JumpIf { cond: Operand::Mem(c), .. } | Inst::JumpIfNot { cond: Operand::Mem(c), .. }),
                ) => *c == Addr::Slot(*t, 0) && single[*t as usize],
                _ => false,
            };
            let fused = g.inst(inst, body, abi).map_err(|e| format!("instruction {i} ({inst:?}): {e}"))?;
            // A comparison followed by a jump on its result: jump on the
            // flags still standing instead of reloading the stored bool.
            if let Some((dst, cc)) = fused {
                match body.insts.get(i + 1) {
                    Some(Inst::JumpIf { cond: Operand::Mem(a), target }) if *a == dst => {
                        g.asm.ins(format!("j{cc} {}", g.label(*target)));
                        i += 1;
                    }
                    Some(Inst::JumpIfNot { cond: Operand::Mem(a), target }) if *a == dst => {
                        g.asm.ins(format!("j{} {}", invert(cc), g.label(*target)));
                        i += 1;
                    }
                    _ => {}
                }
            }
            i += 1;
        }
        // Control must never run off the end into the next function:
        // trap if the body does not end in a return or a jump.
        let last = body.insts.iter().rev().find(|i| !matches!(i, Inst::Comment(_)));
        if !matches!(last, Some(Inst::Ret | Inst::Jump(_))) {
            g.asm.ins("ud2");
        }
        g.grow_path(body, abi);
        Ok(())
    }

    fn check_labels(&self, body: &Body) -> R<()> {
        let mut defined = vec![false; body.nlabels as usize];
        for inst in &body.insts {
            if let Inst::Label(l) | Inst::Landing(l) = inst {
                let d = defined
                    .get_mut(*l as usize)
                    .ok_or_else(|| format!("label {l} not below nlabels {}", body.nlabels))?;
                if *d {
                    return Err(format!("label {l} defined twice"));
                }
                *d = true;
            }
        }
        for inst in &body.insts {
            if let Inst::Jump(l) | Inst::JumpIf { target: l, .. } | Inst::JumpIfNot { target: l, .. } = inst {
                if !defined.get(*l as usize).copied().unwrap_or(false) {
                    return Err(format!("jump to undefined label {l}"));
                }
            }
        }
        Ok(())
    }

    fn label(&self, l: Label) -> String {
        debug_assert!(l < self.nlabels);
        format!(".L{}_{}", self.fi, l)
    }

    /// A fresh label for a branch inside one instruction's sequence.
    fn local(&mut self) -> String {
        self.next_local += 1;
        format!(".L{}_i{}", self.fi, self.next_local)
    }

    // ---- frame ---------------------------------------------------------

    /// Bytes a function needs below its entry stack pointer: the saved RBP
    /// and the frame.
    fn need(&self) -> u32 {
        8 + self.frame.size
    }

    /// Whether the prologue checks the stack guard: every function that
    /// calls Go code or has a frame larger than the guard's slack.
    fn checks_stack(&self, body: &Body) -> bool {
        self.need() > shared::RGO_STACK_SMALL || body.insts.iter().any(|i| matches!(i, Inst::Call { .. }))
    }

    fn entry_label(&self) -> String {
        format!(".L{}_entry", self.fi)
    }

    fn grow_label(&self) -> String {
        format!(".L{}_grow", self.fi)
    }

    /// The stack check at entry (before anything is pushed):
    ///
    /// ```text
    /// .Lentry: lea r12, [rsp - need]          R12, R13: no Go argument registers
    ///          cmp r12, [r14 + stackguard]
    ///          jb  .Lgrow                      (out of line, see `grow_path`)
    /// ```
    fn stack_check(&mut self, body: &Body) {
        if !self.checks_stack(body) {
            return;
        }
        let entry = self.entry_label();
        self.asm.label(&entry);
        self.asm.ins(format!("lea r12, [rsp - {}]", self.need()));
        self.asm.ins(format!("cmp r12, qword ptr [r14 + {}]", shared::RGO_G_STACKGUARD));
        self.asm.ins(format!("jb {}", self.grow_label()));
    }

    /// The out-of-line half of the stack check: spill the register
    /// arguments into the spill area the caller reserved above the stack
    /// arguments, let `rgo_morestack` move the argument area to a new
    /// segment, reload the registers from the moved copy and check again.
    ///
    /// ```text
    ///   entry rsp + 8 + stack_size + spill_offset   <- each register argument
    ///   r12 = need, r13 = stack_size + spill_size
    ///   call rgo_morestack      returns on the new segment, [rsp] = rgo_lessstack
    /// ```
    fn grow_path(&mut self, body: &Body, abi: &FuncAbi) {
        if !self.checks_stack(body) {
            return;
        }
        let spill_base = 8 + abi.stack_size as i64;
        let moves = SeqMoves::of(&abi.call);
        let spill_at = |m: &crate::isa::frame::RegMove| {
            let off = match abi.call.values[m.value].placement {
                reflect::abi::Placement::Registers { spill_offset: Some(o) } => o as i64,
                _ => 0,
            };
            Mem::reg(Rsp, spill_base + off + m.offset as i64)
        };
        let grow = self.grow_label();
        self.asm.label(&grow);
        for m in &moves.regs {
            let at = spill_at(m);
            match m.class {
                RegClass::Int => self.asm.store(&at, INT_ARGS[m.reg as usize], m.size),
                RegClass::Float => self.asm.store_float(&at, m.reg, m.size),
            }
        }
        self.asm.ins(format!("mov r12d, {}", self.need()));
        self.asm.ins(format!("mov r13d, {}", abi.stack_size + abi.spill_size));
        self.asm.ins(format!("call {}", crate::runtime_abi::MORESTACK));
        for m in &moves.regs {
            let at = spill_at(m);
            match m.class {
                RegClass::Int => self.asm.load_zx(INT_ARGS[m.reg as usize], &at, m.size),
                RegClass::Float => self.asm.load_float(m.reg, &at, m.size),
            }
        }
        self.asm.ins(format!("jmp {}", self.entry_label()));
    }

    fn prologue(&mut self, body: &Body, abi: &FuncAbi) -> R<()> {
        self.stack_check(body);
        self.asm.ins("push rbp");
        self.asm.ins(".cfi_def_cfa_offset 16");
        self.asm.ins(".cfi_offset rbp, -16");
        self.asm.ins("mov rbp, rsp");
        self.asm.ins(".cfi_def_cfa_register rbp");
        if self.frame.size > 0 {
            self.asm.ins(format!("sub rsp, {}", self.frame.size));
        }
        // RDX first: nothing below touches it.
        if let Some(c) = body.ctx {
            let m = self.slot(c)?;
            self.asm.store(&m, Rdx, 8);
        }
        // Register parameters before the copies, which use scratch
        // registers that may be argument registers.
        let moves = SeqMoves::of(&abi.call);
        for m in &moves.regs {
            let dst = self.slot(body.params[m.value])?.plus(m.offset as i64);
            match m.class {
                RegClass::Int => self.asm.store(&dst, INT_ARGS[m.reg as usize], m.size),
                RegClass::Float => self.asm.store_float(&dst, m.reg, m.size),
            }
        }
        for m in &moves.stack {
            let s = body.params[m.value];
            if let SlotHome::Frame(_) = self.frame.home(s)? {
                let dst = self.slot(s)?;
                self.asm.copy(&dst, &Mem::reg(Rbp, INCOMING + m.area_offset as i64), m.size);
            }
        }
        Ok(())
    }

    fn ret(&mut self, body: &Body, abi: &FuncAbi) -> R<()> {
        let moves = SeqMoves::of(&abi.ret);
        // Stack results first: the copies use scratch registers that are
        // result registers.
        for m in &moves.stack {
            let s = body.results[m.value];
            if let SlotHome::Frame(_) = self.frame.home(s)? {
                let src = self.slot(s)?;
                self.asm.copy(&Mem::reg(Rbp, INCOMING + m.area_offset as i64), &src, m.size);
            }
        }
        for m in &moves.regs {
            let src = self.slot(body.results[m.value])?.plus(m.offset as i64);
            match m.class {
                RegClass::Int => self.asm.load_zx(INT_ARGS[m.reg as usize], &src, m.size),
                RegClass::Float => self.asm.load_float(m.reg, &src, m.size),
            }
        }
        self.asm.ins(".cfi_remember_state");
        self.asm.ins("mov rsp, rbp");
        self.asm.ins("pop rbp");
        self.asm.ins(".cfi_def_cfa rsp, 8");
        self.asm.ins("ret");
        self.asm.ins(".cfi_restore_state");
        Ok(())
    }

    /// The memory of slot `s`.
    fn slot(&self, s: SlotId) -> R<Mem> {
        Ok(match self.frame.home(s)? {
            SlotHome::Frame(o) => Mem::reg(Rsp, o as i64),
            SlotHome::Incoming(o) => Mem::reg(Rbp, INCOMING + o as i64),
        })
    }

    /// The memory `a` names; a `Deref` loads its pointer into `tmp`.
    fn mem(&mut self, a: &Addr, tmp: Reg) -> R<Mem> {
        Ok(match a {
            Addr::Slot(s, off) => self.slot(*s)?.plus(*off as i64),
            Addr::Global(sym, off) => Mem::sym(&asm_sym(sym)?, *off as i64),
            Addr::Deref(s, off) => {
                let p = self.slot(*s)?;
                self.asm.ins(format!("mov {}, {}", tmp.q(), p.at(8)));
                if *off >= 4096 {
                    // Through a nil pointer this access would land beyond
                    // the unmapped first page: touch the base first, so a
                    // nil pointer faults (and panics) as Go requires.
                    self.asm.ins(format!("test byte ptr [{}], al", tmp.q()));
                }
                Mem::reg(tmp, *off as i64)
            }
        })
    }

    // ---- operands --------------------------------------------------------

    /// Loads `m` into `r`, extended by `ty`'s signedness to 32 bits (types
    /// up to 4 bytes) or 64 bits.
    fn load_ext(&mut self, r: Reg, m: &Mem, ty: Scalar) {
        match ty {
            Scalar::I8 => self.asm.ins(format!("movsx {}, {}", r.d(), m.at(1))),
            Scalar::I16 => self.asm.ins(format!("movsx {}, {}", r.d(), m.at(2))),
            _ => self.asm.load_zx(r, m, ty.size()),
        }
    }

    /// Loads `m` into `r` extended by `ty`'s signedness to all 64 bits.
    fn load_ext64(&mut self, r: Reg, m: &Mem, ty: Scalar) {
        match ty {
            Scalar::I8 => self.asm.ins(format!("movsx {}, {}", r.q(), m.at(1))),
            Scalar::I16 => self.asm.ins(format!("movsx {}, {}", r.q(), m.at(2))),
            Scalar::I32 => self.asm.ins(format!("movsxd {}, {}", r.q(), m.at(4))),
            _ => self.asm.load_zx(r, m, ty.size()),
        }
    }

    /// `r = v` for a value already normalized to the operation.
    fn mov_imm(&mut self, r: Reg, v: i64) {
        if v == 0 {
            self.asm.ins(format!("xor {0}, {0}", r.d()));
        } else if (0..=u32::MAX as i64).contains(&v) {
            // A 32-bit move zero-extends and is shorter.
            self.asm.ins(format!("mov {}, {}", r.d(), v));
        } else {
            self.asm.ins(format!("mov {}, {}", r.q(), v));
        }
    }

    /// Loads an integer operand into `r`, extended as [`Self::load_ext`]
    /// (`ext64`: to all 64 bits).
    fn load_int(&mut self, r: Reg, op: &Operand, ty: Scalar, tmp: Reg, ext64: bool) -> R<()> {
        match op {
            Operand::Mem(a) => {
                let m = self.mem(a, tmp)?;
                if ext64 {
                    self.load_ext64(r, &m, ty)
                } else {
                    self.load_ext(r, &m, ty)
                }
            }
            Operand::Imm(v) => {
                let v = norm_imm(ty, *v);
                if ext64 || width(ty) == 8 {
                    self.mov_imm(r, v)
                } else {
                    self.mov_imm(r, v as u32 as i64)
                }
            }
            Operand::SymAddr(s, off) => {
                let s = asm_sym(s)?;
                self.asm.ins(format!("lea {}, {}", r.q(), Mem::sym(&s, *off as i64).addr()));
            }
            Operand::Special(sp) => {
                let a = match sp {
                    Special::FramePointer => "[rbp]".to_string(),
                    Special::ArgPointer => format!("[rbp + {INCOMING}]"),
                    Special::CallArea => "[rsp]".to_string(),
                    Special::Label(l) => format!("[rip + {}]", self.label(*l)),
                };
                self.asm.ins(format!("lea {}, {a}", r.q()));
            }
            Operand::Float(f) => {
                if !ty.is_float() {
                    return Err(format!("float constant {f} in a {ty:?} operation"));
                }
                self.mov_imm(r, float_bits(ty, *f));
            }
        }
        Ok(())
    }

    /// The second operand of a two-operand integer instruction at the
    /// width of `ty`: an immediate, a memory operand, or `r` loaded.
    fn alu_src(&mut self, op: &Operand, ty: Scalar, r: Reg, tmp: Reg) -> R<String> {
        match op {
            Operand::Imm(v) => {
                let v = norm_imm(ty, *v);
                if width(ty) == 4 {
                    return Ok((v as i32).to_string());
                }
                if fits_i32(v) {
                    return Ok(v.to_string());
                }
            }
            // Narrow memory operands need extending first.
            Operand::Mem(a) if ty.size() >= 4 => {
                let m = self.mem(a, tmp)?;
                return Ok(m.at(ty.size()));
            }
            _ => {}
        }
        self.load_int(r, op, ty, tmp, false)?;
        Ok(r.name(width(ty)).to_string())
    }

    /// Loads a float operand into XMM`x`.
    fn load_fl(&mut self, x: u8, op: &Operand, ty: Scalar, tmp: Reg) -> R<()> {
        let src = match op {
            Operand::Mem(a) => self.mem(a, tmp)?,
            Operand::Float(f) => self.consts.float(ty, *f),
            Operand::Imm(v) => self.consts.float(ty, *v as f64),
            Operand::SymAddr(..) | Operand::Special(_) => return Err("an address as a float operand".into()),
        };
        self.asm.load_float(x, &src, ty.size());
        Ok(())
    }

    /// A float operand as a memory operand (constants come from the
    /// constant pool). An `Imm` in a float operation is the integer's
    /// value, as Go converts an untyped integer constant.
    fn fl_src(&mut self, op: &Operand, ty: Scalar, tmp: Reg) -> R<String> {
        let size = ty.size();
        match op {
            Operand::Mem(a) => Ok(self.mem(a, tmp)?.at(size)),
            Operand::Float(f) => Ok(self.consts.float(ty, *f).at(size)),
            Operand::Imm(v) => Ok(self.consts.float(ty, *v as f64).at(size)),
            Operand::SymAddr(..) | Operand::Special(_) => Err("an address as a float operand".into()),
        }
    }

    /// Stores the constant `v` (`size` bytes) to `m`.
    fn store_imm(&mut self, m: &Mem, size: u32, v: i64) {
        if size == 8 && !fits_i32(v) {
            // No 64-bit immediate store; the address base is never RAX.
            self.asm.ins(format!("mov rax, {v}"));
            self.asm.store(m, Rax, 8);
        } else {
            let v = match size {
                1 => v as i8 as i64,
                2 => v as i16 as i64,
                4 => v as i32 as i64,
                _ => v,
            };
            self.asm.ins(format!("mov {}, {v}", m.at(size)));
        }
    }

    // ---- instructions ----------------------------------------------------

    /// Emits one instruction. A comparison returns its destination and the
    /// condition code that is true when it stored 1, for jump fusion.
    fn inst(&mut self, inst: &Inst, body: &Body, abi: &FuncAbi) -> R<Option<(Addr, &'static str)>> {
        match inst {
            Inst::Comment(s) => self.asm.comment(s),
            Inst::Label(l) => {
                let l = self.label(*l);
                self.asm.label(&l);
            }
            Inst::Landing(l) => {
                // Entered from the runtime with RBP = this frame: the stack
                // pointer is wherever the runtime left it.
                let l = self.label(*l);
                self.asm.label(&l);
                self.asm.ins(format!("lea rsp, [rbp - {}]", self.frame.size));
                self.asm.ins("xorps xmm15, xmm15");
            }
            Inst::Jump(l) => self.asm.ins(format!("jmp {}", self.label(*l))),
            Inst::JumpIf { cond, target } | Inst::JumpIfNot { cond, target } => {
                let when = matches!(inst, Inst::JumpIf { .. });
                let target = self.label(*target);
                match cond {
                    Operand::Mem(a) => {
                        let m = self.mem(a, Rsi)?;
                        self.asm.ins(format!("cmp {}, 0", m.at(1)));
                        self.asm.ins(format!("j{} {target}", if when { "ne" } else { "e" }));
                    }
                    Operand::Imm(v) => {
                        if (*v as u8 != 0) == when {
                            self.asm.ins(format!("jmp {target}"));
                        }
                    }
                    _ => return Err("jump condition is not a U8".into()),
                }
            }
            Inst::Move { ty, dst, src } => self.move_(*ty, dst, src)?,
            Inst::Copy { dst, src, size } => {
                if *size > 0 {
                    let s = self.mem(src, Rsi)?;
                    let d = self.mem(dst, R8)?;
                    self.asm.copy(&d, &s, *size);
                }
            }
            Inst::Zero { dst, size } => {
                if *size > 0 {
                    let d = self.mem(dst, R8)?;
                    self.asm.zero(&d, *size);
                }
            }
            Inst::AddrOf { dst, src } => {
                let s = self.mem(src, Rsi)?;
                self.asm.ins(format!("lea rax, {}", s.addr()));
                let d = self.mem(dst, R8)?;
                self.asm.store(&d, Rax, 8);
            }
            Inst::Bin { op, ty, dst, a, b } => {
                return if ty.is_float() {
                    self.bin_float(*op, *ty, dst, a, b)
                } else {
                    self.bin_int(*op, *ty, dst, a, b)
                };
            }
            Inst::Un { op, ty, dst, a } => self.un(*op, *ty, dst, a)?,
            Inst::Convert { from, to, dst, src } => self.convert(*from, *to, dst, src)?,
            Inst::Call { callee, abi, args, results } => self.call(callee, abi, args, results)?,
            Inst::CallRuntime { func, args, rets } => self.call_runtime(func, args, rets)?,
            Inst::Ret => self.ret(body, abi)?,
        }
        Ok(None)
    }

    fn move_(&mut self, ty: Scalar, dst: &Addr, src: &Operand) -> R<()> {
        let size = ty.size();
        match src {
            Operand::Imm(v) => {
                let v = if ty.is_float() { float_bits(ty, *v as f64) } else { *v };
                let d = self.mem(dst, R8)?;
                self.store_imm(&d, size, v);
            }
            Operand::Float(f) => {
                if !ty.is_float() {
                    return Err(format!("float constant {f} moved as {ty:?}"));
                }
                let d = self.mem(dst, R8)?;
                self.store_imm(&d, size, float_bits(ty, *f));
            }
            Operand::Mem(a) => {
                // Floats move as their bits: no conversion, NaNs unchanged.
                let s = self.mem(a, Rsi)?;
                self.asm.load_zx(Rax, &s, size);
                let d = self.mem(dst, R8)?;
                self.asm.store(&d, Rax, size);
            }
            Operand::SymAddr(..) | Operand::Special(_) => {
                self.load_int(Rax, src, Scalar::U64, Rsi, true)?;
                let d = self.mem(dst, R8)?;
                self.asm.store(&d, Rax, size);
            }
        }
        Ok(())
    }

    fn bin_int(
        &mut self,
        op: BinOp,
        ty: Scalar,
        dst: &Addr,
        a: &Operand,
        b: &Operand,
    ) -> R<Option<(Addr, &'static str)>> {
        let w = width(ty);
        let size = ty.size();
        let (ax, cx, dx) = (Rax.name(w), Rcx.name(w), Rdx.name(w));
        let signed = ty.is_signed();
        let mut result = Rax;
        match op {
            BinOp::Add | BinOp::Sub | BinOp::And | BinOp::Or | BinOp::Xor => {
                let mn = match op {
                    BinOp::Add => "add",
                    BinOp::Sub => "sub",
                    BinOp::And => "and",
                    BinOp::Or => "or",
                    _ => "xor",
                };
                self.load_int(Rax, a, ty, Rsi, false)?;
                let s = self.alu_src(b, ty, Rcx, Rdi)?;
                self.asm.ins(format!("{mn} {ax}, {s}"));
            }
            BinOp::Mul => {
                // The low half of a product is the same signed or unsigned.
                self.load_int(Rax, a, ty, Rsi, false)?;
                let s = self.alu_src(b, ty, Rcx, Rdi)?;
                if s.parse::<i64>().is_ok() {
                    // The immediate form takes three operands.
                    self.asm.ins(format!("imul {ax}, {ax}, {s}"));
                } else {
                    self.asm.ins(format!("imul {ax}, {s}"));
                }
            }
            BinOp::AndNot => {
                self.load_int(Rax, a, ty, Rsi, false)?;
                if let Operand::Imm(v) = b {
                    let s = self.alu_src(&Operand::Imm(!norm_imm(ty, *v)), ty, Rcx, Rdi)?;
                    self.asm.ins(format!("and {ax}, {s}"));
                } else {
                    self.load_int(Rcx, b, ty, Rdi, false)?;
                    self.asm.ins(format!("not {cx}"));
                    self.asm.ins(format!("and {ax}, {cx}"));
                }
            }
            BinOp::Div | BinOp::Rem => {
                // Narrow types are widened to 32 bits first (sign- or
                // zero-extended), where their quotient cannot overflow:
                // MinInt8 / -1 = 128 truncates back to -128 as Go wants.
                let minus_one = signed && matches!(b, Operand::Imm(v) if norm_imm(ty, *v) == -1);
                self.load_int(Rax, a, ty, Rsi, false)?;
                if !minus_one {
                    self.load_int(Rcx, b, ty, Rdi, false)?;
                }
                if op == BinOp::Rem {
                    result = Rdx;
                }
                let ext = if w == 8 { "cqo" } else { "cdq" };
                if !signed {
                    self.asm.ins(format!("xor {0}, {0}", Rdx.d()));
                    self.asm.ins(format!("div {cx}"));
                } else {
                    // x / -1 traps in idiv for the minimum value (the
                    // quotient overflows), so -1 takes the Go result
                    // directly: -x, and remainder 0.
                    let may_overflow = size >= 4 && !matches!(b, Operand::Imm(_));
                    if minus_one {
                        if op == BinOp::Div {
                            self.asm.ins(format!("neg {ax}"));
                        } else {
                            self.asm.ins(format!("xor {0}, {0}", Rdx.d()));
                        }
                    } else if may_overflow {
                        let (neg, done) = (self.local(), self.local());
                        self.asm.ins(format!("cmp {cx}, -1"));
                        self.asm.ins(format!("je {neg}"));
                        self.asm.ins(ext);
                        self.asm.ins(format!("idiv {cx}"));
                        self.asm.ins(format!("jmp {done}"));
                        self.asm.label(&neg);
                        if op == BinOp::Div {
                            self.asm.ins(format!("neg {ax}"));
                        } else {
                            self.asm.ins(format!("xor {0}, {0}", Rdx.d()));
                        }
                        self.asm.label(&done);
                    } else {
                        self.asm.ins(ext);
                        self.asm.ins(format!("idiv {cx}"));
                    }
                }
            }
            BinOp::Shl | BinOp::Shr => {
                // The count is an unsigned 64-bit value whatever `ty` is;
                // x86 masks counts to 5 or 6 bits, Go does not.
                let bits = size as i64 * 8;
                let mn = match (op, signed) {
                    (BinOp::Shl, _) => "shl",
                    (_, true) => "sar",
                    (_, false) => "shr",
                };
                match b {
                    Operand::Imm(c) => {
                        let c = *c as u64;
                        if c >= bits as u64 && mn != "sar" {
                            let d = self.mem(dst, R8)?;
                            self.store_imm(&d, size, 0);
                            return Ok(None);
                        }
                        let c = c.min(bits as u64 - 1);
                        self.load_int(Rax, a, ty, Rsi, false)?;
                        if c > 0 {
                            self.asm.ins(format!("{mn} {ax}, {c}"));
                        }
                    }
                    _ => {
                        self.load_int(Rax, a, ty, Rsi, false)?;
                        self.load_int(Rcx, b, Scalar::U64, Rdi, false)?;
                        if mn == "sar" {
                            // Counts past the width shift in sign bits only.
                            self.asm.ins(format!("mov edx, {}", bits - 1));
                            self.asm.ins("cmp rcx, rdx");
                            self.asm.ins("cmova rcx, rdx");
                            self.asm.ins(format!("sar {ax}, cl"));
                        } else {
                            self.asm.ins(format!("{mn} {ax}, cl"));
                            self.asm.ins("xor edx, edx");
                            self.asm.ins(format!("cmp rcx, {bits}"));
                            self.asm.ins(format!("cmovae {ax}, {dx}"));
                        }
                    }
                }
            }
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                self.load_int(Rax, a, ty, Rsi, false)?;
                let s = self.alu_src(b, ty, Rcx, Rdi)?;
                self.asm.ins(format!("cmp {ax}, {s}"));
                let cc = match (op, signed) {
                    (BinOp::Eq, _) => "e",
                    (BinOp::Ne, _) => "ne",
                    (BinOp::Lt, true) => "l",
                    (BinOp::Le, true) => "le",
                    (BinOp::Gt, true) => "g",
                    (BinOp::Lt, false) => "b",
                    (BinOp::Le, false) => "be",
                    (BinOp::Gt, false) => "a",
                    (_, true) => "ge",
                    (_, false) => "ae",
                };
                if !self.cond_only {
                    self.asm.ins(format!("set{cc} al"));
                    let d = self.mem(dst, R8)?;
                    self.asm.store(&d, Rax, 1);
                }
                return Ok(Some((dst.clone(), cc)));
            }
        }
        let d = self.mem(dst, R8)?;
        self.asm.store(&d, result, size);
        Ok(None)
    }

    fn bin_float(
        &mut self,
        op: BinOp,
        ty: Scalar,
        dst: &Addr,
        a: &Operand,
        b: &Operand,
    ) -> R<Option<(Addr, &'static str)>> {
        let sfx = if ty == Scalar::F32 { "ss" } else { "sd" };
        let size = ty.size();
        match op {
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div => {
                let mn = match op {
                    BinOp::Add => "add",
                    BinOp::Sub => "sub",
                    BinOp::Mul => "mul",
                    _ => "div",
                };
                self.load_fl(0, a, ty, Rsi)?;
                let s = self.fl_src(b, ty, Rdi)?;
                self.asm.ins(format!("{mn}{sfx} xmm0, {s}"));
                let d = self.mem(dst, R8)?;
                self.asm.store_float(&d, 0, size);
                Ok(None)
            }
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                // ucomis* sets ZF, PF and CF all to 1 for unordered (NaN)
                // operands. a > b is "above" (CF=0, ZF=0) and a >= b
                // "above or equal" (CF=0), both false on NaN; a < b and
                // a <= b are the same with the operands swapped. Equality
                // needs ZF=1 and PF=0; inequality is its negation.
                let (x, y) = if matches!(op, BinOp::Lt | BinOp::Le) { (b, a) } else { (a, b) };
                self.load_fl(0, x, ty, Rsi)?;
                let s = self.fl_src(y, ty, Rdi)?;
                self.asm.ins(format!("ucomi{sfx} xmm0, {s}"));
                let cc = match op {
                    BinOp::Eq => {
                        self.asm.ins("sete al");
                        self.asm.ins("setnp cl");
                        self.asm.ins("and al, cl");
                        "ne"
                    }
                    BinOp::Ne => {
                        self.asm.ins("setne al");
                        self.asm.ins("setp cl");
                        self.asm.ins("or al, cl");
                        "ne"
                    }
                    BinOp::Gt | BinOp::Lt => {
                        if !self.cond_only {
                            self.asm.ins("seta al");
                        }
                        "a"
                    }
                    _ => {
                        if !self.cond_only {
                            self.asm.ins("setae al");
                        }
                        "ae"
                    }
                };
                // Equality's flags come from combining two setcc results in
                // AL, so only the store can go.
                if !self.cond_only {
                    let d = self.mem(dst, R8)?;
                    self.asm.store(&d, Rax, 1);
                }
                Ok(Some((dst.clone(), cc)))
            }
            _ => Err(format!("{op:?} is not a float operation")),
        }
    }

    fn un(&mut self, op: UnOp, ty: Scalar, dst: &Addr, a: &Operand) -> R<()> {
        let w = width(ty);
        let ax = Rax.name(w);
        match (op, ty.is_float()) {
            (UnOp::Neg, false) => {
                self.load_int(Rax, a, ty, Rsi, false)?;
                self.asm.ins(format!("neg {ax}"));
            }
            (UnOp::Com, false) => {
                self.load_int(Rax, a, ty, Rsi, false)?;
                self.asm.ins(format!("not {ax}"));
            }
            (UnOp::Not, false) => {
                self.load_int(Rax, a, ty, Rsi, false)?;
                self.asm.ins("xor eax, 1");
            }
            (UnOp::Neg, true) => {
                // Flip the sign bit of the bits (Go's negation): -0.0 and
                // NaNs come out right, unlike 0 - x.
                self.load_int(Rax, a, ty, Rsi, false)?;
                if ty == Scalar::F32 {
                    self.asm.ins("xor eax, -2147483648");
                } else {
                    self.asm.ins("btc rax, 63");
                }
            }
            _ => return Err(format!("{op:?} on {ty:?}")),
        }
        let d = self.mem(dst, R8)?;
        self.asm.store(&d, Rax, ty.size());
        Ok(())
    }

    fn convert(&mut self, from: Scalar, to: Scalar, dst: &Addr, src: &Operand) -> R<()> {
        let (fs, ts) = (from.size(), to.size());
        match (from.is_float(), to.is_float()) {
            (false, false) => {
                // Extend by the source's signedness, keep the low bytes.
                if let Operand::Imm(v) = src {
                    let d = self.mem(dst, R8)?;
                    self.store_imm(&d, ts, norm_imm(from, *v));
                    return Ok(());
                }
                self.load_int(Rax, src, from, Rsi, true)?;
                let d = self.mem(dst, R8)?;
                self.asm.store(&d, Rax, ts);
            }
            (false, true) => {
                let sfx = if to == Scalar::F32 { "ss" } else { "sd" };
                self.load_int(Rax, src, from, Rsi, true)?;
                // cvtsi2s* writes only the low lane; clearing the register
                // first breaks the dependency on its old contents.
                self.asm.ins("pxor xmm0, xmm0");
                if from == Scalar::U64 {
                    // Values with the top bit set are negative to cvtsi2s*:
                    // halve them keeping the lost bit as a sticky bit (so
                    // the rounding is the same), convert, double.
                    let (big, done) = (self.local(), self.local());
                    self.asm.ins("test rax, rax");
                    self.asm.ins(format!("js {big}"));
                    self.asm.ins(format!("cvtsi2{sfx} xmm0, rax"));
                    self.asm.ins(format!("jmp {done}"));
                    self.asm.label(&big);
                    self.asm.ins("mov rcx, rax");
                    self.asm.ins("shr rcx, 1");
                    self.asm.ins("and eax, 1");
                    self.asm.ins("or rcx, rax");
                    self.asm.ins(format!("cvtsi2{sfx} xmm0, rcx"));
                    self.asm.ins(format!("add{sfx} xmm0, xmm0"));
                    self.asm.label(&done);
                } else {
                    // Every other source fits a signed 64-bit value.
                    self.asm.ins(format!("cvtsi2{sfx} xmm0, rax"));
                }
                let d = self.mem(dst, R8)?;
                self.asm.store_float(&d, 0, ts);
            }
            (true, false) => {
                let sfx = if from == Scalar::F32 { "ss" } else { "sd" };
                self.load_fl(0, src, from, Rsi)?;
                match to {
                    Scalar::U64 => {
                        // cvtts*2si only reaches 2^63 - 1: subtract 2^63
                        // from larger values and set the top bit after (as
                        // gc does; NaN and out-of-range values give
                        // 0x8000000000000000 as with gc).
                        let (big, done) = (self.local(), self.local());
                        let two63 = self.consts.float(from, 9223372036854775808.0).at(fs);
                        self.asm.ins(format!("ucomi{sfx} xmm0, {two63}"));
                        self.asm.ins(format!("jae {big}"));
                        self.asm.ins(format!("cvtt{sfx}2si rax, xmm0"));
                        self.asm.ins(format!("jmp {done}"));
                        self.asm.label(&big);
                        self.asm.ins(format!("sub{sfx} xmm0, {two63}"));
                        self.asm.ins(format!("cvtt{sfx}2si rax, xmm0"));
                        self.asm.ins("bts rax, 63");
                        self.asm.label(&done);
                    }
                    // Through int64 so every uint32 is reachable.
                    Scalar::I64 | Scalar::U32 => self.asm.ins(format!("cvtt{sfx}2si rax, xmm0")),
                    // Through int32, as gc converts to the narrow types.
                    _ => self.asm.ins(format!("cvtt{sfx}2si eax, xmm0")),
                }
                let d = self.mem(dst, R8)?;
                self.asm.store(&d, Rax, ts);
            }
            (true, true) => {
                if from == to {
                    return self.move_(to, dst, src);
                }
                let mn = if from == Scalar::F32 { "cvtss2sd" } else { "cvtsd2ss" };
                let s = self.fl_src(src, from, Rsi)?;
                self.asm.ins(format!("{mn} xmm0, {s}"));
                let d = self.mem(dst, R8)?;
                self.asm.store_float(&d, 0, ts);
            }
        }
        Ok(())
    }

    /// A Go call. Stack arguments are copied into the outgoing area first,
    /// then the callee's address is fetched, then the register arguments
    /// are loaded last, so no scratch register use can clobber them; after
    /// the call, register results are stored before the stack results are
    /// copied, for the same reason.
    fn call(&mut self, callee: &Callee, abi: &FuncAbi, args: &[Addr], results: &[Addr]) -> R<()> {
        if args.len() != abi.call.values.len() || results.len() != abi.ret.values.len() {
            return Err(format!(
                "call has {} arguments and {} results, its ABI {} and {}",
                args.len(),
                results.len(),
                abi.call.values.len(),
                abi.ret.values.len()
            ));
        }
        let out = |o: u32| Mem::reg(Rsp, FRAME.fixed_frame as i64 + o as i64);
        let moves = SeqMoves::of(&abi.call);
        for m in &moves.stack {
            let src = self.mem(&args[m.value], Rsi)?;
            self.asm.copy(&out(m.area_offset), &src, m.size);
        }
        match callee {
            Callee::Direct(_) => {}
            // The closure context register holds the func value.
            Callee::Closure(op) => self.load_int(Rdx, op, Scalar::U64, R12, true)?,
            Callee::Indirect(op) => self.load_int(R13, op, Scalar::U64, R12, true)?,
        }
        let mut base: Option<(usize, Mem)> = None;
        for m in &moves.regs {
            // One base load per value, however many registers it fills.
            let src = match &base {
                Some((v, mem)) if *v == m.value => mem.clone(),
                _ => {
                    let mem = self.mem(&args[m.value], R12)?;
                    base = Some((m.value, mem.clone()));
                    mem
                }
            }
            .plus(m.offset as i64);
            match m.class {
                RegClass::Int => self.asm.load_zx(INT_ARGS[m.reg as usize], &src, m.size),
                RegClass::Float => self.asm.load_float(m.reg, &src, m.size),
            }
        }
        match callee {
            Callee::Direct(sym) => {
                let sym = asm_sym(sym)?;
                self.asm.ins(format!("call {sym}"));
            }
            Callee::Closure(_) => self.asm.ins("call qword ptr [rdx]"),
            Callee::Indirect(_) => self.asm.ins("call r13"),
        }
        let moves = SeqMoves::of(&abi.ret);
        let mut base: Option<(usize, Mem)> = None;
        for m in &moves.regs {
            let dst = match &base {
                Some((v, mem)) if *v == m.value => mem.clone(),
                _ => {
                    let mem = self.mem(&results[m.value], R12)?;
                    base = Some((m.value, mem.clone()));
                    mem
                }
            }
            .plus(m.offset as i64);
            match m.class {
                RegClass::Int => self.asm.store(&dst, INT_ARGS[m.reg as usize], m.size),
                RegClass::Float => self.asm.store_float(&dst, m.reg, m.size),
            }
        }
        for m in &moves.stack {
            let dst = self.mem(&results[m.value], R8)?;
            self.asm.copy(&dst, &out(m.area_offset), m.size);
        }
        Ok(())
    }

    /// A call into the runtime with the System V ABI. The stack is
    /// 16-aligned already (see [`FRAME`]); afterwards X15 is zeroed again,
    /// since C code may use it, and R14 is callee-saved in C.
    fn call_runtime(&mut self, func: &str, args: &[(Scalar, Operand)], rets: &[(Scalar, Addr)]) -> R<()> {
        check_sym(func)?;
        let (mut ni, mut nf) = (0usize, 0u8);
        for (ty, op) in args {
            if ty.is_float() {
                if nf >= C_FLOAT_ARGS {
                    return Err(format!("{func}: more than {C_FLOAT_ARGS} float arguments"));
                }
                self.load_fl(nf, op, *ty, R11)?;
                nf += 1;
            } else {
                let r = *C_INT_ARGS.get(ni).ok_or_else(|| format!("{func}: more than 6 integer arguments"))?;
                // Extended to 64 bits: C callees may rely on narrow
                // arguments being extended (clang does, to 32 bits).
                self.load_int(r, op, *ty, R11, true)?;
                ni += 1;
            }
        }
        // Rust runs on the system stack; R12 (callee-saved in C, no Go
        // argument register) keeps the goroutine's stack pointer.
        self.asm.ins("mov r12, rsp");
        self.asm.ins(format!("mov rsp, qword ptr [r14 + {}]", shared::RGO_G_SYS_SP));
        self.asm.ins(format!("mov qword ptr [r14 + {}], r12", shared::RGO_G_GO_SP));
        self.asm.ins(format!("call {func}"));
        self.asm.ins("mov rsp, r12");
        self.asm.ins("xorps xmm15, xmm15");
        let (mut ni, mut nf) = (0usize, 0u8);
        for (ty, addr) in rets {
            if ty.is_float() {
                if nf >= C_FLOAT_RETS {
                    return Err(format!("{func}: more than {C_FLOAT_RETS} float results"));
                }
                let d = self.mem(addr, R11)?;
                self.asm.store_float(&d, nf, ty.size());
                nf += 1;
            } else {
                let r = *C_INT_RETS.get(ni).ok_or_else(|| format!("{func}: more than 2 integer results"))?;
                let d = self.mem(addr, R11)?;
                self.asm.store(&d, r, ty.size());
                ni += 1;
            }
        }
        Ok(())
    }
}
