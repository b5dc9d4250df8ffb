//! The amd64 primitives of the shared emission driver ([`Machine`]).
//!
//! No value stays in a register from one primitive to the next (the IR
//! is memory-based), so inside a primitive every register but the fixed
//! ones is scratch. The choice is fixed so that sequences never collide:
//!
//! ```text
//!   RAX, RCX, RDX    values (operand a, operand b, division/extra)
//!   XMM0, XMM1       float values
//!   RSI, RDI, R8     bases of Deref addresses of operand a, operand b, dst;
//!                    RSI is also an atomic's pointer
//!   R12              bases of Deref addresses while call arguments or
//!                    results are live in the argument registers (R12 is
//!                    no ABIInternal argument register); the stack check
//!   R13              the target of an indirect call (between calls, like
//!                    R15, RBX and R9-R11: a register slot's home, `regs.rs`)
//!   R11              bases of Deref addresses around a C call (no C
//!                    argument register)
//!   RSP, RBP, R14, X15 never written (X15 is re-zeroed after C calls)
//! ```

use crate::isa::divmagic::of_divisor as magic;
use super::asm::{xmm, Asm, Base, Mem, Reg, BODY_INT, C_FLOAT_ARGS, C_FLOAT_RETS, C_INT_ARGS, C_INT_RETS};
use super::{asm_sym, check_sym};
use crate::ir::{AtomicOp, BinOp, Callee, Func, RecvStep, Scalar, Special, UnOp};
use crate::isa::emit::{float_bits, norm_imm, reg_scalar, FnCtx, Loc, Machine, Src, Text, Word, R};
use crate::isa::frame::{FrameParams, RegClass, SlotHome};
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

pub struct FnGen {
    pub(super) asm: Asm,
    cx: FnCtx,
    /// Counter for labels inside one primitive's sequence.
    next_local: u32,
}

fn width(ty: Scalar) -> u32 {
    if ty.size() == 8 {
        8
    } else {
        4
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

/// The register a [`Loc::Reg`] or [`Loc::Context`] names, if it is an integer one.
fn int_reg(l: &Loc) -> R<Option<Reg>> {
    Ok(match l {
        Loc::Reg(RegClass::Int, n) => {
            Some(*BODY_INT.get(*n as usize).ok_or_else(|| format!("no integer register {n}"))?)
        }
        Loc::Context => Some(Rdx),
        _ => None,
    })
}

/// Where a two-operand integer instruction of `w` bytes computes `dst = a
/// op b`: in `dst`'s register when it is a whole-width register that `b`
/// does not read (directly or as a pointer) or that `a` already is, else
/// in RAX.
fn in_place_target(dst: &Loc, a: &Src, b: &Src, w: u32) -> R<Reg> {
    let d = match dst {
        Loc::Reg(RegClass::Int, _) if w == 8 => int_reg(dst)?.ok_or("a register location")?,
        _ => return Ok(Rax),
    };
    let a_is_d = match a {
        Src::Loc(l @ Loc::Reg(RegClass::Int, _)) => int_reg(l)? == Some(d),
        _ => false,
    };
    Ok(if reads_reg(b, d)? && !a_is_d { Rax } else { d })
}

/// Whether operand `o` reads general register `r` (as a value or as a
/// pointer).
fn reads_reg(o: &Src, r: Reg) -> R<bool> {
    Ok(match o {
        Src::Loc(l @ Loc::Reg(RegClass::Int, _)) => int_reg(l)? == Some(r),
        Src::Loc(Loc::DerefReg(n, _)) => int_reg(&Loc::Reg(RegClass::Int, *n))? == Some(r),
        Src::Loc(Loc::Indexed { base, index, .. }) => [base, index].iter().any(|w| matches!(w, Word::Reg(n) if int_reg(&Loc::Reg(RegClass::Int, *n)).ok().flatten() == Some(r))),
        _ => false,
    })
}

/// The XMM register number a float [`Loc::Reg`] names.
fn float_reg(l: &Loc) -> R<Option<u8>> {
    Ok(match l {
        Loc::Reg(RegClass::Float, n) if (*n as usize) < reflect::abi::AMD64.float_regs.len() => Some(*n),
        Loc::Reg(RegClass::Float, n) => return Err(format!("no float argument register {n}")),
        _ => None,
    })
}

impl Machine for FnGen {
    const FRAME: FrameParams = FRAME;
    const SAVED: u32 = 8;
    /// A frameless leaf's return address is at `[rsp]` all along.
    const FRAMELESS_LEAVES: bool = true;
    const SMALL_FRAME: u32 = shared::RGO_STACK_SMALL;
    const STACK_GUARD: u32 = shared::RGO_STACK_GUARD;
    /// RBX, R9, R10, R11, R13, R15 (`BODY_INT` 9 and 10) and X2-X14: no
    /// primitive's scratch (R11 only around C calls, R13 only for an
    /// indirect call's target, which no such value lives across).
    const ALLOCATABLE: (&'static [u8], &'static [u8]) = (&[1, 6, 7, 8, 9, 10], &[2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    const COMMENT: &'static str = "#";
    type Cond = &'static str;

    fn preamble(out: &mut Text) {
        out.ins(".intel_syntax noprefix");
    }

    fn new(cx: FnCtx) -> Self {
        FnGen { asm: Asm::default(), cx, next_local: 0 }
    }

    fn cx(&self) -> &FnCtx {
        &self.cx
    }

    fn cx_mut(&mut self) -> &mut FnCtx {
        &mut self.cx
    }

    fn label(&mut self, l: &str) {
        self.asm.label(l);
    }

    fn forward_label(&mut self, l: &str, falls_in: bool) {
        self.asm.forward_label(l, falls_in);
    }

    fn comment(&mut self, s: &str) {
        self.asm.comment(s);
    }

    fn mark(&mut self, l: &str) {
        self.asm.mark(l);
    }

    fn finish(self) -> String {
        self.asm.out
    }

    fn sym(s: &str) -> R<std::borrow::Cow<'_, str>> {
        super::asm_sym(s)
    }

    /// ```text
    ///   lea r12, [rsp - need]          R12, R13: no Go argument registers
    ///   cmp r12, [r14 + stackguard]
    ///   jb  grow                       (out of line)
    /// ```
    fn stack_check(&mut self, need: u32, grow: &str) {
        self.asm.ins(format!("lea r12, [rsp - {need}]"));
        self.asm.ins(format!("cmp r12, qword ptr [r14 + {}]", shared::RGO_G_STACKGUARD));
        self.asm.ins(format!("jb {grow}"));
    }

    /// ```text
    ///   cmp rsp, [r14 + stackguard]
    ///   jb  slow                       (out of line)
    /// ```
    fn poll(&mut self, slow: &str) {
        self.asm.ins(format!("cmp rsp, qword ptr [r14 + {}]", shared::RGO_G_STACKGUARD));
        self.asm.ins(format!("jb {slow}"));
    }

    fn enter(&mut self) {
        if self.cx.frameless {
            return;
        }
        self.asm.ins("push rbp");
        self.asm.ins(".cfi_def_cfa_offset 16");
        self.asm.ins(".cfi_offset rbp, -16");
        self.asm.ins("mov rbp, rsp");
        self.asm.ins(".cfi_def_cfa_register rbp");
        if self.cx.frame.size > 0 {
            self.asm.ins(format!("sub rsp, {}", self.cx.frame.size));
        }
    }

    fn leave_and_return(&mut self) {
        if self.cx.frameless {
            self.asm.ins("ret");
            return;
        }
        self.asm.ins(".cfi_remember_state");
        // RSP is RBP minus the frame everywhere in the body (calls use the
        // frame's outgoing area; a landing restores it): `add` rather than
        // `mov rsp, rbp`, which before the `pop` costs AMD's stack engine a
        // synchronization on every return (bench/go/fib.go ran 1.5x as long).
        if self.cx.frame.size > 0 {
            self.asm.ins(format!("add rsp, {}", self.cx.frame.size));
        }
        self.asm.ins("pop rbp");
        self.asm.ins(".cfi_def_cfa rsp, 8");
        self.asm.ins("ret");
        self.asm.ins(".cfi_restore_state");
    }

    /// `r12 = need, r13 = args; call rgo_morestack`: it returns on the new
    /// segment with `[rsp]` = rgo_lessstack (see rt-arch's runtime assembly).
    fn call_morestack(&mut self, need: u32, args: u32) {
        self.asm.ins(format!("mov r12d, {need}"));
        self.asm.ins(format!("mov r13d, {args}"));
        self.asm.ins(format!("call {}", crate::runtime_abi::MORESTACK));
    }

    fn trap(&mut self) {
        self.asm.ins("ud2");
    }

    fn probe(&mut self, at: &Loc) -> R<()> {
        let m = self.mem(at, Rsi)?;
        self.asm.ins(format!("test byte ptr {}, al", m.addr()));
        Ok(())
    }

    fn nop(&mut self) {
        self.asm.ins("nop");
    }

    /// Entered from the runtime with RBP = this frame: the stack pointer is
    /// wherever the runtime left it.
    fn landing(&mut self) {
        self.asm.ins(format!("lea rsp, [rbp - {}]", self.cx.frame.size));
        self.asm.ins("xorps xmm15, xmm15");
    }

    fn jump(&mut self, label: &str) {
        self.asm.ins(format!("jmp {label}"));
    }

    fn jump_if(&mut self, cond: &Src, when: bool, label: &str) -> R<()> {
        match cond {
            Src::Loc(l) if !l.is_reg() => {
                let m = self.mem(l, Rsi)?;
                self.asm.ins(format!("cmp {}, 0", m.at(1)));
                self.asm.ins(format!("j{} {label}", if when { "ne" } else { "e" }));
            }
            Src::Imm(v) => {
                if (*v as u8 != 0) == when {
                    self.asm.ins(format!("jmp {label}"));
                }
            }
            _ => {
                self.load_int(Rax, cond, Scalar::U8, Rsi, false)?;
                self.asm.ins("test al, al");
                self.asm.ins(format!("j{} {label}", if when { "ne" } else { "e" }));
            }
        }
        Ok(())
    }

    fn jump_on(&mut self, cc: &'static str, when: bool, label: &str) {
        let cc = if when { cc } else { invert(cc) };
        self.asm.ins(format!("j{cc} {label}"));
    }

    fn move_(&mut self, ty: Scalar, dst: &Loc, src: &Src) -> R<()> {
        self.move_impl(ty, dst, src)
    }

    fn copy(&mut self, dst: &Loc, src: &Loc, size: u32) -> R<()> {
        let s = self.mem(src, Rsi)?;
        let d = self.mem(dst, R8)?;
        self.asm.copy(&d, &s, size);
        Ok(())
    }

    fn zero(&mut self, dst: &Loc, size: u32) -> R<()> {
        let d = self.mem(dst, R8)?;
        self.asm.zero(&d, size);
        Ok(())
    }

    fn addr_of(&mut self, dst: &Loc, src: &Loc) -> R<()> {
        let s = self.mem(src, Rsi)?;
        // Straight into the destination's register when it has one.
        let t = match dst {
            Loc::Reg(RegClass::Int, _) => int_reg(dst)?.unwrap_or(Rax),
            _ => Rax,
        };
        self.asm.ins(format!("lea {}, {}", t.q(), s.addr()));
        self.put(dst, t, 8)
    }

    fn bin(&mut self, op: BinOp, ty: Scalar, dst: &Loc, a: &Src, b: &Src, cond_only: bool) -> R<Option<&'static str>> {
        if ty.is_float() {
            self.bin_float(op, ty, dst, a, b, cond_only)
        } else {
            self.bin_int(op, ty, dst, a, b, cond_only)
        }
    }

    fn un(&mut self, op: UnOp, ty: Scalar, dst: &Loc, a: &Src) -> R<()> {
        self.un_impl(op, ty, dst, a)
    }

    /// `lea dst, [base + index * 2^shift]`, in the destination's register
    /// when it has one; operands not in registers are loaded into RSI and
    /// RCX.
    fn index_addr(&mut self, dst: &Loc, base: &Src, index: &Src, shift: u32) -> R<()> {
        let b = self.word_in_reg(base, Rsi)?;
        self.lea_indexed(dst, b, 0, index, shift)
    }

    /// `lea dst, [rsp + index*2^shift + offset]` for an array in the frame.
    fn index_addr_of(&mut self, dst: &Loc, array: &Loc, index: &Src, shift: u32) -> R<bool> {
        let Loc::Slot(s, off) = array else { return Ok(false) };
        let m = self.slot(*s)?.plus(*off as i64);
        let Base::Reg(base) = m.base else { return Ok(false) };
        self.lea_indexed(dst, base, m.disp, index, shift)?;
        Ok(true)
    }

    fn convert(&mut self, from: Scalar, to: Scalar, dst: &Loc, src: &Src) -> R<()> {
        self.convert_impl(from, to, dst, src)
    }

    fn load_callee(&mut self, callee: &Callee) -> R<()> {
        match callee {
            Callee::Direct(_) => {}
            // The closure context register holds the func value.
            Callee::Closure(op) => self.load_int(Rdx, &op.into(), Scalar::U64, R12, true)?,
            Callee::Indirect(op) => self.load_int(R13, &op.into(), Scalar::U64, R12, true)?,
        }
        Ok(())
    }

    fn call(&mut self, callee: &Callee) -> R<()> {
        match callee {
            Callee::Direct(sym) => {
                let sym = asm_sym(sym)?;
                self.asm.ins(format!("call {sym}"));
            }
            Callee::Closure(_) => self.asm.ins("call qword ptr [rdx]"),
            Callee::Indirect(_) => self.asm.ins("call r13"),
        }
        Ok(())
    }

    fn call_runtime(&mut self, func: &str, args: &[(Scalar, Src)], rets: &[(Scalar, Loc)]) -> R<()> {
        self.call_runtime_impl(func, args, rets)
    }

    fn atomic(&mut self, op: AtomicOp, size: u32, addr: &Src, val: Option<&Src>, old: Option<&Src>, dst: Option<&Loc>) -> R<()> {
        self.atomic_impl(op, size, addr, val, old, dst)
    }

    fn volatile_load(&mut self, size: u32, addr: &Src, dst: &Loc) -> R<()> {
        self.volatile_impl(size, addr, Err(dst))
    }

    fn volatile_store(&mut self, size: u32, addr: &Src, val: &Src) -> R<()> {
        self.volatile_impl(size, addr, Ok(val))
    }

    fn cas_cond() -> Option<&'static str> {
        // The compare leaves the flags: equal when it swapped.
        Some("e")
    }

    fn tail_wrapper(&mut self, func: &Func, recv_path: &[RecvStep], target: &str, nil_target: Option<&str>) -> R<()> {
        super::wrappers::tail_wrapper(&mut self.asm, self.cx.nil_guard, func, recv_path, target, nil_target)
    }

    fn wrapper_to_abi0(&mut self, func: &Func, target: &str) -> R<()> {
        super::wrappers::to_abi0(&mut self.asm, func, target)
    }

    fn wrapper_from_abi0(&mut self, func: &Func, target: &str) -> R<()> {
        super::wrappers::from_abi0(&mut self.asm, func, target)
    }
}

impl FnGen {
    /// A fresh label for a branch inside one primitive's sequence.
    fn local(&mut self) -> String {
        self.next_local += 1;
        format!(".L{}_i{}", self.cx.fi, self.next_local)
    }

    /// The memory of slot `s`.
    fn slot(&self, s: crate::ir::SlotId) -> R<Mem> {
        Ok(match self.cx.frame.home(s)? {
            SlotHome::Frame(o) => Mem::reg(Rsp, o as i64),
            SlotHome::Incoming(o) => Mem::reg(Rbp, INCOMING + o as i64),
            SlotHome::Nowhere => return Err(format!("slot {s} has no bytes")),
        })
    }

    /// The memory `l` names; a `Deref` loads its pointer into `tmp`.
    /// The register holding the 8-byte operand `o`: its own, or `tmp`
    /// loaded with it.
    fn word_in_reg(&mut self, o: &Src, tmp: Reg) -> R<Reg> {
        if let Src::Loc(l @ Loc::Reg(RegClass::Int, _)) = o {
            if let Some(r) = int_reg(l)? {
                return Ok(r);
            }
        }
        self.load_int(tmp, o, Scalar::U64, Rdi, false)?;
        Ok(tmp)
    }

    /// `lea dst, [base + index*2^shift + disp]`, in the destination's
    /// register when it has one (else RAX, then stored); the index is
    /// loaded into RCX when not in a register.
    fn lea_indexed(&mut self, dst: &Loc, base: Reg, disp: i64, index: &Src, shift: u32) -> R<()> {
        let i = self.word_in_reg(index, Rcx)?;
        let t = match dst {
            Loc::Reg(RegClass::Int, _) => int_reg(dst)?.unwrap_or(Rax),
            _ => Rax,
        };
        let disp = match disp.cmp(&0) {
            std::cmp::Ordering::Less => format!(" - {}", disp.unsigned_abs()),
            std::cmp::Ordering::Greater => format!(" + {disp}"),
            std::cmp::Ordering::Equal => String::new(),
        };
        self.asm.ins(format!("lea {}, [{} + {}*{}{}]", t.q(), base.q(), i.q(), 1u32 << shift, disp));
        self.put(dst, t, 8)
    }

    /// The register of a [`Word`] that has one.
    fn word_reg(&self, w: Word) -> R<Option<Reg>> {
        match w {
            Word::Reg(n) => int_reg(&Loc::Reg(RegClass::Int, n)),
            Word::Slot(_) | Word::Frame(..) => Ok(None),
        }
    }

    /// The memory of a [`Word`] in a slot.
    fn word_mem(&self, w: Word) -> R<Mem> {
        match w {
            Word::Slot(s) => self.slot(s),
            Word::Reg(n) => Err(format!("register {n} where memory is needed")),
            Word::Frame(s, _) => Err(format!("the address of slot {s} where memory is needed")),
        }
    }

    fn mem(&mut self, l: &Loc, tmp: Reg) -> R<Mem> {
        Ok(match l {
            Loc::Slot(s, off) => self.slot(*s)?.plus(*off as i64),
            Loc::Global(sym, off) => Mem::sym(&asm_sym(sym)?, *off as i64),
            Loc::Deref(s, off) => {
                let p = self.slot(*s)?;
                self.asm.ins(format!("mov {}, {}", tmp.q(), p.at(8)));
                if !self.cx.faults_on_nil(*off as u32) {
                    // Through a nil pointer this access would land beyond
                    // the unmapped first page: touch the base first, so a
                    // nil pointer faults (and panics) as Go requires.
                    self.asm.ins(format!("test byte ptr [{}], al", tmp.q()));
                }
                Mem::reg(tmp, *off as i64)
            }
            Loc::DerefReg(n, off) => {
                let r = int_reg(&Loc::Reg(RegClass::Int, *n))?.ok_or("a register location")?;
                if !self.cx.faults_on_nil(*off as u32) {
                    self.asm.ins(format!("test byte ptr [{}], al", r.q()));
                }
                Mem::reg(r, *off as i64)
            }
            Loc::Indexed { base, index, shift, off } => {
                // Both in registers: one operand; else `tmp` holds what
                // is in memory, or the whole address.
                let m = match (*base, self.word_reg(*base)?, self.word_reg(*index)?) {
                    (Word::Frame(s, o), _, i) => {
                        let a = self.slot(s)?.plus(o as i64);
                        let Base::Reg(b) = a.base else { return Err("a frame slot off the stack".into()) };
                        let i = match i {
                            Some(i) => i,
                            None => {
                                let i = self.word_mem(*index)?;
                                self.asm.ins(format!("mov {}, {}", tmp.q(), i.at(8)));
                                tmp
                            }
                        };
                        Mem::indexed(b, i, *shift, a.disp)
                    }
                    (_, Some(b), Some(i)) => Mem::indexed(b, i, *shift, 0),
                    (_, None, Some(i)) => {
                        let b = self.word_mem(*base)?;
                        self.asm.ins(format!("mov {}, {}", tmp.q(), b.at(8)));
                        Mem::indexed(tmp, i, *shift, 0)
                    }
                    (_, Some(b), None) => {
                        let i = self.word_mem(*index)?;
                        self.asm.ins(format!("mov {}, {}", tmp.q(), i.at(8)));
                        Mem::indexed(b, tmp, *shift, 0)
                    }
                    (_, None, None) => {
                        let (b, i) = (self.word_mem(*base)?, self.word_mem(*index)?);
                        self.asm.ins(format!("mov {}, {}", tmp.q(), i.at(8)));
                        if *shift > 0 {
                            self.asm.ins(format!("shl {}, {shift}", tmp.q()));
                        }
                        self.asm.ins(format!("add {}, {}", tmp.q(), b.at(8)));
                        Mem::reg(tmp, 0)
                    }
                };
                if !self.cx.faults_on_nil(*off as u32) {
                    self.asm.ins(format!("test byte ptr {}, al", m.addr()));
                }
                m.plus(*off as i64)
            }
            Loc::In(off) => Mem::reg(Rbp, INCOMING + *off as i64),
            // Before `push rbp`: the return address is at [rsp].
            Loc::EntryIn(off) => Mem::reg(Rsp, 8 + *off as i64),
            Loc::Out(off) => Mem::reg(Rsp, FRAME.fixed_frame as i64 + *off as i64),
            Loc::Reg(..) | Loc::Context => return Err(format!("{l:?} where memory is needed")),
        })
    }

    /// Stores the low `size` bytes of `r` to `dst` (memory or register).
    fn put(&mut self, dst: &Loc, r: Reg, size: u32) -> R<()> {
        if let Some(d) = int_reg(dst)? {
            if d != r {
                self.asm.ins(format!("mov {}, {}", d.q(), r.q()));
            }
            return Ok(());
        }
        if let Some(x) = float_reg(dst)? {
            // Float bits computed in an integer register (negation).
            match size {
                8 => self.asm.ins(format!("movq {}, {}", xmm(x), r.q())),
                4 => self.asm.ins(format!("movd {}, {}", xmm(x), r.d())),
                _ => return Err(format!("a {size}-byte integer value stored to a float register")),
            }
            return Ok(());
        }
        let d = self.mem(dst, R8)?;
        self.asm.store(&d, r, size);
        Ok(())
    }

    /// Stores XMM`x` (`size` bytes) to `dst` (memory or register).
    fn put_float(&mut self, dst: &Loc, x: u8, size: u32) -> R<()> {
        if let Some(d) = float_reg(dst)? {
            if d != x {
                self.asm.ins(format!("movaps {}, {}", xmm(d), xmm(x)));
            }
            return Ok(());
        }
        if int_reg(dst)?.is_some() {
            return Err("a float value stored to an integer register".into());
        }
        let d = self.mem(dst, R8)?;
        self.asm.store_float(&d, x, size);
        Ok(())
    }

    /// A move where one side is an argument register: no scratch register
    /// but R12 (no argument register) is touched, so the other argument
    /// registers keep what the driver put there.
    fn reg_move(&mut self, ty: Scalar, dst: &Loc, src: &Src) -> R<bool> {
        let size = ty.size();
        let src_loc = match src {
            Src::Loc(l) => Some(l),
            _ => None,
        };
        match (src_loc, dst) {
            (Some(s), d) if s.is_reg() && d.is_reg() => {
                if let (Some(a), Some(b)) = (int_reg(d)?, int_reg(s)?) {
                    if a != b {
                        self.asm.ins(format!("mov {}, {}", a.q(), b.q()));
                    }
                } else if let (Some(a), Some(b)) = (float_reg(d)?, float_reg(s)?) {
                    if a != b {
                        self.asm.ins(format!("movaps {}, {}", xmm(a), xmm(b)));
                    }
                } else {
                    return Err(format!("move between register classes {s:?} -> {d:?}"));
                }
            }
            (Some(s), d) if s.is_reg() => {
                let m = self.mem(d, R12)?;
                match (int_reg(s)?, float_reg(s)?) {
                    (Some(r), _) => self.asm.store(&m, r, size),
                    (_, Some(x)) => self.asm.store_float(&m, x, size),
                    _ => unreachable!("a register location"),
                }
            }
            (Some(s), d) if d.is_reg() => {
                let m = self.mem(s, R12)?;
                match (int_reg(d)?, float_reg(d)?) {
                    (Some(r), _) => self.asm.load_zx(r, &m, size),
                    (_, Some(x)) => self.asm.load_float(x, &m, size),
                    _ => unreachable!("a register location"),
                }
            }
            (None, d) if d.is_reg() => match (int_reg(d)?, float_reg(d)?) {
                (Some(r), _) => self.load_int(r, src, ty, R12, true)?,
                (_, Some(x)) => self.load_fl(x, src, ty, R12)?,
                _ => unreachable!("a register location"),
            },
            _ => return Ok(false),
        }
        Ok(true)
    }

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
    fn load_int(&mut self, r: Reg, op: &Src, ty: Scalar, tmp: Reg, ext64: bool) -> R<()> {
        match op {
            Src::Loc(a) if a.is_reg() => {
                if let Some(x) = float_reg(a)? {
                    self.asm.ins(format!("movq {}, {}", r.q(), xmm(x)));
                    return Ok(());
                }
                let s = int_reg(a)?.ok_or("a register location")?;
                match (ty.size(), ty.is_signed()) {
                    (8, _) if r == s => {}
                    (8, _) => self.asm.ins(format!("mov {}, {}", r.q(), s.q())),
                    (4, true) if ext64 => self.asm.ins(format!("movsxd {}, {}", r.q(), s.d())),
                    (4, _) => self.asm.ins(format!("mov {}, {}", r.d(), s.d())),
                    (n, true) => self.asm.ins(format!("movsx {}, {}", if ext64 { r.q() } else { r.d() }, s.name(n))),
                    (n, false) => self.asm.ins(format!("movzx {}, {}", r.d(), s.name(n))),
                }
            }
            Src::Loc(a) => {
                let m = self.mem(a, tmp)?;
                if ext64 {
                    self.load_ext64(r, &m, ty)
                } else {
                    self.load_ext(r, &m, ty)
                }
            }
            Src::Imm(v) => {
                let v = norm_imm(ty, *v);
                if ext64 || width(ty) == 8 {
                    self.mov_imm(r, v)
                } else {
                    self.mov_imm(r, v as u32 as i64)
                }
            }
            Src::SymAddr(s, off) => {
                let s = asm_sym(s)?;
                self.asm.ins(format!("lea {}, {}", r.q(), Mem::sym(&s, *off as i64).addr()));
            }
            Src::Special(Special::Panicking) => {
                self.asm.ins(format!("mov {}, qword ptr [r14 + {}]", r.q(), shared::RGO_G_PANIC));
            }
            Src::Special(sp) => {
                let a = match sp {
                    Special::FramePointer => "[rbp]".to_string(),
                    Special::ArgPointer => format!("[rbp + {INCOMING}]"),
                    Special::CallArea => "[rsp]".to_string(),
                    Special::Label(l) => format!("[rip + {}]", self.cx.label(*l)),
                    Special::Panicking => unreachable!("loaded above"),
                };
                self.asm.ins(format!("lea {}, {a}", r.q()));
            }
            Src::Float(f) => {
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
    fn alu_src(&mut self, op: &Src, ty: Scalar, r: Reg, tmp: Reg) -> R<String> {
        match op {
            Src::Imm(v) => {
                let v = norm_imm(ty, *v);
                if width(ty) == 4 {
                    return Ok((v as i32).to_string());
                }
                if fits_i32(v) {
                    return Ok(v.to_string());
                }
            }
            // A value living in a register is used in place.
            Src::Loc(a) if ty.size() >= 4 && matches!(a, Loc::Reg(RegClass::Int, _)) => {
                if let Some(s) = int_reg(a)? {
                    return Ok(s.name(width(ty)).to_string());
                }
            }
            // Narrow memory operands need extending first.
            Src::Loc(a) if ty.size() >= 4 && !a.is_reg() => {
                let m = self.mem(a, tmp)?;
                return Ok(m.at(ty.size()));
            }
            _ => {}
        }
        self.load_int(r, op, ty, tmp, false)?;
        Ok(r.name(width(ty)).to_string())
    }

    /// Loads a float operand into XMM`x`.
    fn load_fl(&mut self, x: u8, op: &Src, ty: Scalar, tmp: Reg) -> R<()> {
        let src = match op {
            Src::Loc(a) if a.is_reg() => {
                match (float_reg(a)?, int_reg(a)?) {
                    (Some(y), _) if y != x => self.asm.ins(format!("movaps {}, {}", xmm(x), xmm(y))),
                    (Some(_), _) => {}
                    (_, Some(r)) => self.asm.ins(format!("movq {}, {}", xmm(x), r.q())),
                    _ => unreachable!("a register location"),
                }
                return Ok(());
            }
            Src::Loc(a) => self.mem(a, tmp)?,
            Src::Float(f) => Mem::sym(&self.cx.consts.float(ty, *f), 0),
            Src::Imm(v) => Mem::sym(&self.cx.consts.float(ty, *v as f64), 0),
            Src::SymAddr(..) | Src::Special(_) => return Err("an address as a float operand".into()),
        };
        self.asm.load_float(x, &src, ty.size());
        Ok(())
    }

    /// A float operand as a memory operand (constants come from the
    /// constant pool). An `Imm` in a float operation is the integer's
    /// value, as Go converts an untyped integer constant.
    fn fl_src(&mut self, op: &Src, ty: Scalar, tmp: Reg) -> R<String> {
        let size = ty.size();
        match op {
            Src::Loc(a) if a.is_reg() => match float_reg(a)? {
                Some(y) => Ok(xmm(y)),
                None => {
                    self.load_fl(1, op, ty, tmp)?;
                    Ok(xmm(1))
                }
            },
            Src::Loc(a) => Ok(self.mem(a, tmp)?.at(size)),
            Src::Float(f) => Ok(Mem::sym(&self.cx.consts.float(ty, *f), 0).at(size)),
            Src::Imm(v) => Ok(Mem::sym(&self.cx.consts.float(ty, *v as f64), 0).at(size)),
            Src::SymAddr(..) | Src::Special(_) => Err("an address as a float operand".into()),
        }
    }

    /// Stores the constant `v` (`size` bytes) to `dst` (memory or register).
    fn put_imm(&mut self, dst: &Loc, size: u32, v: i64) -> R<()> {
        if let Some(r) = int_reg(dst)? {
            self.mov_imm(r, v);
            return Ok(());
        }
        if let Some(x) = float_reg(dst)? {
            self.mov_imm(Rax, v);
            self.asm.ins(format!("movq {}, rax", xmm(x)));
            return Ok(());
        }
        let d = self.mem(dst, R8)?;
        self.store_imm(&d, size, v);
        Ok(())
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

    fn move_impl(&mut self, ty: Scalar, dst: &Loc, src: &Src) -> R<()> {
        if self.reg_move(ty, dst, src)? {
            return Ok(());
        }
        let size = ty.size();
        match src {
            Src::Imm(v) => {
                let v = if ty.is_float() { float_bits(ty, *v as f64) } else { *v };
                self.put_imm(dst, size, v)?;
            }
            Src::Float(f) => {
                if !ty.is_float() {
                    return Err(format!("float constant {f} moved as {ty:?}"));
                }
                self.put_imm(dst, size, float_bits(ty, *f))?;
            }
            Src::Loc(a) => {
                // Floats move as their bits: no conversion, NaNs unchanged.
                let s = self.mem(a, Rsi)?;
                self.asm.load_zx(Rax, &s, size);
                self.put(dst, Rax, size)?;
            }
            Src::SymAddr(..) | Src::Special(_) => {
                self.load_int(Rax, src, Scalar::U64, Rsi, true)?;
                self.put(dst, Rax, size)?;
            }
        }
        Ok(())
    }

    fn bin_int(&mut self, op: BinOp, ty: Scalar, dst: &Loc, a: &Src, b: &Src, cond_only: bool) -> R<Option<&'static str>> {
        let w = width(ty);
        let size = ty.size();
        let (ax, cx, dx) = (Rax.name(w), Rcx.name(w), Rdx.name(w));
        let signed = ty.is_signed();
        // `d = a op d` of a commutative operation is `d = d op a`: in place.
        let own = if let Loc::Reg(RegClass::Int, _) = dst { int_reg(dst)? } else { None };
        let swap = match (matches!(op, BinOp::Add | BinOp::And | BinOp::Or | BinOp::Xor | BinOp::Mul), own) {
            (true, Some(d)) if w == 8 => reads_reg(b, d)? && !reads_reg(a, d)?,
            _ => false,
        };
        let (a, b) = if swap { (b, a) } else { (a, b) };
        // Two-operand instructions compute in the destination's register
        // when it has one (`regs.rs`), so `x += y` is one instruction.
        let t = in_place_target(dst, a, b, w)?;
        let tx = t.name(w);
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
                self.load_int(t, a, ty, Rsi, false)?;
                let s = self.alu_src(b, ty, Rcx, Rdi)?;
                self.asm.ins(format!("{mn} {tx}, {s}"));
                result = t;
            }
            BinOp::Mul => {
                // The low half of a product is the same signed or unsigned.
                self.load_int(t, a, ty, Rsi, false)?;
                let s = self.alu_src(b, ty, Rcx, Rdi)?;
                let pow2 = match b {
                    Src::Imm(v) if *v > 1 && (*v as u64).is_power_of_two() && v.trailing_zeros() < 8 * w => Some(v.trailing_zeros()),
                    _ => None,
                };
                if let Some(k) = pow2 {
                    // The low bits of x * 2^k are x << k: one cycle, not three.
                    self.asm.ins(format!("shl {tx}, {k}"));
                } else if s.parse::<i64>().is_ok() {
                    // The immediate form takes three operands.
                    self.asm.ins(format!("imul {tx}, {tx}, {s}"));
                } else {
                    self.asm.ins(format!("imul {tx}, {s}"));
                }
                result = t;
            }
            BinOp::MulHigh => {
                // One-operand `mul` multiplies RAX into RDX:RAX.
                if ty != Scalar::U64 {
                    return Err(format!("the high half of a product of {ty:?}"));
                }
                self.load_int(Rax, a, ty, Rsi, false)?;
                self.load_int(Rcx, b, ty, Rdi, false)?;
                self.asm.ins("mul rcx");
                result = Rdx;
            }
            BinOp::AndNot => {
                self.load_int(Rax, a, ty, Rsi, false)?;
                if let Src::Imm(v) = b {
                    let s = self.alu_src(&Src::Imm(!norm_imm(ty, *v)), ty, Rcx, Rdi)?;
                    self.asm.ins(format!("and {ax}, {s}"));
                } else {
                    self.load_int(Rcx, b, ty, Rdi, false)?;
                    self.asm.ins(format!("not {cx}"));
                    self.asm.ins(format!("and {ax}, {cx}"));
                }
            }
            BinOp::Div | BinOp::Rem if magic(b, ty).is_some() => {
                // A constant divisor: the high half of a product and shifts
                // (isa/divmagic.rs), on the dividend widened to 64 bits in
                // RCX. `mul`/`imul` with one operand multiply by RAX into
                // RDX:RAX.
                let g = magic(b, ty).ok_or("a magic number")?;
                self.load_int(Rcx, a, ty, Rsi, true)?;
                if signed {
                    self.mov_imm(Rax, g.m as i64);
                    self.asm.ins("imul rcx");
                    if g.add {
                        self.asm.ins("add rdx, rcx");
                    }
                    if g.s > 0 {
                        self.asm.ins(format!("sar rdx, {}", g.s));
                    }
                    self.asm.ins("mov rax, rcx");
                    self.asm.ins("sar rax, 63");
                    self.asm.ins("sub rdx, rax");
                } else {
                    self.asm.ins("mov rax, rcx");
                    if g.pre > 0 {
                        self.asm.ins(format!("shr rax, {}", g.pre));
                    }
                    self.mov_imm(Rdx, g.m as i64);
                    self.asm.ins("mul rdx");
                    if g.add {
                        // q = (t + ((x - t) >> 1)) >> (s - 1), t in RDX.
                        self.asm.ins("mov rax, rcx");
                        self.asm.ins("sub rax, rdx");
                        self.asm.ins("shr rax, 1");
                        self.asm.ins("add rdx, rax");
                        self.asm.ins(format!("shr rdx, {}", g.s - 1));
                    } else if g.s > 0 {
                        self.asm.ins(format!("shr rdx, {}", g.s));
                    }
                }
                result = Rdx;
                if op == BinOp::Rem {
                    self.mov_imm(Rax, g.d as i64);
                    self.asm.ins("imul rdx, rax");
                    self.asm.ins("sub rcx, rdx");
                    result = Rcx;
                }
            }
            BinOp::Div | BinOp::Rem => {
                // Narrow types are widened to 32 bits first (sign- or
                // zero-extended), where their quotient cannot overflow:
                // MinInt8 / -1 = 128 truncates back to -128 as Go wants.
                let minus_one = signed && matches!(b, Src::Imm(v) if norm_imm(ty, *v) == -1);
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
                    let may_overflow = size >= 4 && !matches!(b, Src::Imm(_));
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
                    Src::Imm(c) => {
                        let c = *c as u64;
                        if c >= bits as u64 && mn != "sar" {
                            self.put_imm(dst, size, 0)?;
                            return Ok(None);
                        }
                        let c = c.min(bits as u64 - 1);
                        self.load_int(t, a, ty, Rsi, false)?;
                        if c > 0 {
                            self.asm.ins(format!("{mn} {tx}, {c}"));
                        }
                        result = t;
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
                // A value in a register is compared in place (a 4-byte one
                // by its low half; narrower ones need extending).
                let x = match a {
                    Src::Loc(l @ Loc::Reg(RegClass::Int, _)) if ty.size() >= 4 => int_reg(l)?.ok_or("a register location")?,
                    _ => {
                        self.load_int(Rax, a, ty, Rsi, false)?;
                        Rax
                    }
                };
                let s = self.alu_src(b, ty, Rcx, Rdi)?;
                self.asm.ins(format!("cmp {}, {s}", x.name(w)));
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
                if !cond_only {
                    self.asm.ins(format!("set{cc} al"));
                    self.put(dst, Rax, 1)?;
                }
                return Ok(Some(cc));
            }
        }
        self.put(dst, result, size)?;
        Ok(None)
    }

    fn bin_float(&mut self, op: BinOp, ty: Scalar, dst: &Loc, a: &Src, b: &Src, cond_only: bool) -> R<Option<&'static str>> {
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
                // In the destination's register when it has one that `b`
                // does not read or `a` already is (`dst = a op b` as
                // `movaps dst, a; op dst, b`), else in XMM0; `d = a + d`
                // and `d = a * d` as `d = d op a`.
                let is = |s: &Src, d: u8| -> R<bool> { Ok(if let Src::Loc(l) = s { float_reg(l)? == Some(d) } else { false }) };
                let own = float_reg(dst)?;
                let (a, b) = match own {
                    Some(d) if matches!(op, BinOp::Add | BinOp::Mul) && is(b, d)? && !is(a, d)? => (b, a),
                    _ => (a, b),
                };
                let t = match own {
                    Some(d) if !is(b, d)? || is(a, d)? => d,
                    _ => 0,
                };
                self.load_fl(t, a, ty, Rsi)?;
                let s = self.fl_src(b, ty, Rdi)?;
                self.asm.ins(format!("{mn}{sfx} {}, {s}", xmm(t)));
                self.put_float(dst, t, size)?;
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
                        if !cond_only {
                            self.asm.ins("seta al");
                        }
                        "a"
                    }
                    _ => {
                        if !cond_only {
                            self.asm.ins("setae al");
                        }
                        "ae"
                    }
                };
                // Equality's flags come from combining two setcc results in
                // AL, so only the store can go.
                if !cond_only {
                    self.put(dst, Rax, 1)?;
                }
                Ok(Some(cc))
            }
            _ => Err(format!("{op:?} is not a float operation")),
        }
    }

    fn un_impl(&mut self, op: UnOp, ty: Scalar, dst: &Loc, a: &Src) -> R<()> {
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
            (UnOp::Sqrt, true) => {
                // In the destination's register when it has one.
                let sfx = if ty == Scalar::F32 { "ss" } else { "sd" };
                let t = float_reg(dst)?.unwrap_or(0);
                let s = self.fl_src(a, ty, Rsi)?;
                self.asm.ins(format!("sqrt{sfx} {}, {s}", xmm(t)));
                return self.put_float(dst, t, ty.size());
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
        self.put(dst, Rax, ty.size())?;
        Ok(())
    }

    fn convert_impl(&mut self, from: Scalar, to: Scalar, dst: &Loc, src: &Src) -> R<()> {
        let (fs, ts) = (from.size(), to.size());
        match (from.is_float(), to.is_float()) {
            (false, false) => {
                // Extend by the source's signedness, keep the low bytes.
                if let Src::Imm(v) = src {
                    self.put_imm(dst, ts, norm_imm(from, *v))?;
                    return Ok(());
                }
                self.load_int(Rax, src, from, Rsi, true)?;
                self.put(dst, Rax, ts)?;
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
                self.put_float(dst, 0, ts)?;
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
                        let two63 = Mem::sym(&self.cx.consts.float(from, 9223372036854775808.0), 0).at(fs);
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
                self.put(dst, Rax, ts)?;
            }
            (true, true) => {
                if from == to {
                    return self.move_(to, dst, src);
                }
                let mn = if from == Scalar::F32 { "cvtss2sd" } else { "cvtsd2ss" };
                let s = self.fl_src(src, from, Rsi)?;
                self.asm.ins(format!("{mn} xmm0, {s}"));
                self.put_float(dst, 0, ts)?;
            }
        }
        Ok(())
    }

    /// A sequentially consistent atomic operation. x86 is TSO: a plain
    /// load is a load-acquire, and every locked instruction (`xchg` with
    /// memory is locked implicitly) is a full barrier, so SC needs only the
    /// stores locked (gc's mapping too):
    ///
    /// ```text
    ///   load   mov eax, [rsi]
    ///   store  xchg [rsi], eax                 (eax = val)
    ///   add    mov ecx, eax; lock xadd [rsi], eax; add eax, ecx
    ///   swap   xchg [rsi], eax                 (eax = val; the old value)
    ///   cas    lock cmpxchg [rsi], ecx; sete al (eax = old, ecx = new)
    /// ```
    /// (32-bit registers for 4 bytes, 64-bit for 8.) The operands are
    /// loaded first (their Deref bases in RDI), the pointer last into RSI,
    /// so the atomic instruction is the first access through it; the
    /// result is stored after it (a Deref base in R8).
    fn atomic_impl(&mut self, op: AtomicOp, size: u32, addr: &Src, val: Option<&Src>, old: Option<&Src>, dst: Option<&Loc>) -> R<()> {
        let ty = if size == 4 { Scalar::U32 } else { Scalar::U64 };
        let (ax, cx) = (Rax.name(size), Rcx.name(size));
        let (val, old) = (val.ok_or("atomic: no value"), old.ok_or("atomic: no expected value"));
        match op {
            AtomicOp::Load => {}
            AtomicOp::Cas => {
                self.load_int(Rax, old?, ty, Rdi, false)?;
                self.load_int(Rcx, val?, ty, Rdi, false)?;
            }
            _ => self.load_int(Rax, val?, ty, Rdi, false)?,
        }
        // A pointer in a register of its own is used in place (no
        // allocatable register is RAX or RCX).
        let base = self.word_in_reg(addr, Rsi)?;
        let at = Mem::reg(base, 0).at(size);
        match op {
            AtomicOp::Load => self.asm.ins(format!("mov {ax}, {at}")),
            AtomicOp::Store | AtomicOp::Swap => self.asm.ins(format!("xchg {at}, {ax}")),
            AtomicOp::Add => {
                if dst.is_some() {
                    self.asm.ins(format!("mov {cx}, {ax}"));
                }
                self.asm.ins(format!("lock xadd {at}, {ax}"));
                if dst.is_some() {
                    self.asm.ins(format!("add {ax}, {cx}"));
                }
            }
            AtomicOp::Cas => {
                self.asm.ins(format!("lock cmpxchg {at}, {cx}"));
                if dst.is_some() {
                    self.asm.ins("sete al");
                }
            }
        }
        match (dst, op) {
            (None, _) | (_, AtomicOp::Store) => Ok(()),
            (Some(d), AtomicOp::Cas) => self.put(d, Rax, 1),
            (Some(d), _) => self.put(d, Rax, size),
        }
    }

    /// A volatile access ([`Inst::VolatileLoad`], [`Inst::VolatileStore`]):
    ///
    /// ```text
    ///   load   movzx eax, byte ptr [rsi]     (word ptr; mov eax, dword ptr;
    ///                                         mov rax, qword ptr)
    ///   store  mov byte ptr [rsi], al        (ax, eax, rax)
    /// ```
    /// The stored value (`Ok`) is loaded into RAX first (a Deref base in
    /// RDI), the pointer last into RSI, so the access is the first through
    /// it; a loaded value goes to the destination (`Err`) after (a Deref
    /// base in R8). Written with `ins`, past the assembler's
    /// store-to-load forwarding (`Asm::load_zx`, `Asm::store`): a volatile
    /// load always reads memory, and a volatile store leaves nothing a
    /// later load could take for the memory's value. x86 keeps stores in
    /// order with stores and loads with loads, and the boards' devices are
    /// no concern here (amd64 has no board).
    fn volatile_impl(&mut self, size: u32, addr: &Src, access: Result<&Src, &Loc>) -> R<()> {
        let ty = reg_scalar(RegClass::Int, size)?;
        if let Ok(val) = access {
            self.load_int(Rax, val, ty, Rdi, false)?;
        }
        self.load_int(Rsi, addr, Scalar::U64, Rsi, true)?;
        let at = Mem::reg(Rsi, 0).at(size);
        match access {
            Ok(_) => {
                self.asm.ins(format!("mov {at}, {}", Rax.name(size)));
                Ok(())
            }
            Err(dst) => {
                match size {
                    1 | 2 => self.asm.ins(format!("movzx eax, {at}")),
                    4 => self.asm.ins(format!("mov eax, {at}")),
                    _ => self.asm.ins(format!("mov rax, {at}")),
                }
                self.put(dst, Rax, size)
            }
        }
    }

    /// A call into the runtime with the System V ABI. The stack is
    /// 16-aligned already (see [`FRAME`]); afterwards X15 is zeroed again,
    /// since C code may use it, and R14 is callee-saved in C.
    /// Calls the runtime lock's gate `gate` (every register kept) when
    /// several threads run Go code (`rgo_parallel`, rt-core's threads.rs).
    fn rt_gate(&mut self, gate: &str) {
        let skip = self.local();
        self.skip_unless_parallel(&skip);
        self.asm.ins(format!("call {gate}"));
        self.asm.label(&skip);
    }

    /// Branches to `skip` unless several threads run Go code.
    fn skip_unless_parallel(&mut self, skip: &str) {
        self.asm.ins(format!("cmp byte ptr [rip + {}], 0", crate::runtime_abi::PARALLEL));
        self.asm.ins(format!("je {skip}"));
    }

    fn call_runtime_impl(&mut self, func: &str, args: &[(Scalar, Src)], rets: &[(Scalar, Loc)]) -> R<()> {
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
        // With several threads running Go code, the runtime lock first
        // (rt-arch's rgo_rt_enter; a compare and a branch otherwise). An
        // entry point with a lockless variant tries that before it
        // (rgo_rt_try, the variant in R11: RAX 0 when it declined, with
        // the arguments kept), and is done when it did the work.
        let done = if let Some(variant) = crate::runtime_abi::lockless(func) {
            if nf != 0 || ni > crate::runtime_abi::LOCKLESS_MAX_ARGS {
                return Err(format!("{func}: a lockless variant takes at most {} integer arguments", crate::runtime_abi::LOCKLESS_MAX_ARGS));
            }
            check_sym(variant)?;
            let (skip, done) = (self.local(), self.local());
            self.skip_unless_parallel(&skip);
            self.asm.ins(format!("lea r11, [rip + {variant}]"));
            self.asm.ins(format!("call {}", crate::runtime_abi::RT_TRY));
            self.asm.ins("test rax, rax");
            self.asm.ins(format!("jnz {done}"));
            self.asm.ins(format!("call {}", crate::runtime_abi::RT_ENTER));
            self.asm.label(&skip);
            Some(done)
        } else if crate::runtime_abi::PURE.contains(&func) {
            // One that needs nothing of the runtime's runs without the
            // lock (rgo_rt_pure, the entry point in R11).
            let (skip, done) = (self.local(), self.local());
            self.skip_unless_parallel(&skip);
            self.asm.ins(format!("lea r11, [rip + {func}]"));
            self.asm.ins(format!("call {}", crate::runtime_abi::RT_PURE));
            self.asm.ins(format!("jmp {done}"));
            self.asm.label(&skip);
            Some(done)
        } else {
            self.rt_gate(crate::runtime_abi::RT_ENTER);
            None
        };
        // Rust runs on the system stack; R12 (callee-saved in C, no Go
        // argument register) keeps the goroutine's stack pointer.
        self.asm.ins("mov r12, rsp");
        self.asm.ins(format!("mov rsp, qword ptr [r14 + {}]", shared::RGO_G_SYS_SP));
        self.asm.ins(format!("mov qword ptr [r14 + {}], r12", shared::RGO_G_GO_SP));
        // The return address, for the collector's stack walk (g.go_pc).
        let ret = self.local();
        self.asm.ins(format!("lea r11, [rip + {ret}]"));
        self.asm.ins(format!("mov qword ptr [r14 + {}], r11", shared::RGO_G_GO_PC));
        self.asm.ins(format!("call {func}"));
        self.asm.label(&ret);
        self.asm.ins("mov rsp, r12");
        self.rt_gate(crate::runtime_abi::RT_LEAVE);
        if let Some(done) = done {
            self.asm.label(&done);
        }
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
