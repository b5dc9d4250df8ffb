//! The riscv64 primitives of the shared emission driver ([`Machine`]).
//!
//! No value stays in a register from one primitive to the next (the IR is
//! memory-based), so inside a primitive the scratch registers are free.
//! Their roles are fixed so that sequences never collide:
//!
//! ```text
//!   t0, t1, t2     values (operand a, operand b, result/extra); t0/t1 are
//!                  also the operands of a fused conditional branch
//!   ft0, ft1       float values
//!   t3, t4, t5     bases of Deref or Global addresses of operand a (and
//!                  copy sources, register moves), operand b, destination;
//!                  an atomic's pointer (t3) and `sc` status (t4)
//!   t6             address of a memory operand whose offset is no 12-bit
//!                  immediate (used by nothing else)
//!   t2             the target of an indirect call, between `load_callee`
//!                  and `call` (register moves touch only t0, t3, t6)
//!   s8             the goroutine's stack pointer across a C call
//! ```
//! None of them is an ABIInternal argument register.
//!
//! Values are loaded into registers extended to 64 bits by their type's
//! signedness and operated on with the 64-bit instructions; stores keep the
//! low bytes. That gives Go's results for every operation whose low bits do
//! not depend on the upper ones; division, right shifts and comparisons see
//! correctly extended operands.

use crate::isa::divmagic::of_divisor as magic;
use super::asm_sym;
use crate::ir::{AtomicOp, BinOp, Callee, Func, RecvStep, Scalar, SlotId, Special, UnOp};
use crate::isa::emit::{float_bits, norm_imm, reg_scalar, FnCtx, Loc, Machine, Src, Text, Word, R};
use crate::isa::frame::{FrameParams, RegClass, SlotHome};
use rt_arch::bindings::riscv64 as shared;
use std::fmt::Write;

/// Argument register indices 0-15.
const ALL_16: [u8; 16] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

/// Frame parameters of riscv64: the caller's outgoing area starts with the
/// fixed_frame word, SP is 16-aligned on entry, the prologue saves 16
/// bytes and frame sizes are multiples of 16.
pub const FRAME: FrameParams = FrameParams { fixed_frame: 8, stack_align: 16, max_slot_align: 16 };

/// Bytes between s9 and the caller's stack arguments: saved s9, saved ra,
/// the caller's fixed_frame word.
pub(super) const INCOMING: i64 = 24;

/// ABIInternal integer argument/result registers, in assignment order
/// (X10-X17 X8 X9 X18-X23; a test checks them against reflect).
pub const INT_ARGS: [&str; 16] =
    ["a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7"];
/// ABIInternal float argument/result registers (F10-F17 F8 F9 F18-F23).
pub const FLOAT_ARGS: [&str; 16] =
    ["fa0", "fa1", "fa2", "fa3", "fa4", "fa5", "fa6", "fa7", "fs0", "fs1", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7"];
/// LP64D integer and float argument registers.
const C_INT_ARGS: [&str; 8] = ["a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7"];
const C_FLOAT_ARGS: [&str; 8] = ["fa0", "fa1", "fa2", "fa3", "fa4", "fa5", "fa6", "fa7"];
const C_INT_RETS: [&str; 2] = ["a0", "a1"];
const C_FLOAT_RETS: [&str; 2] = ["fa0", "fa1"];

/// The closure context register (X26).
const CONTEXT: &str = "s10";
/// The goroutine register (X27).
const G: &str = "s11";

/// The X number of an integer register's ABI name.
#[cfg(test)]
pub fn x_number(r: &str) -> u32 {
    match r {
        "s0" => 8,
        "s1" => 9,
        _ if r.starts_with('a') => 10 + r[1..].parse::<u32>().expect("a register"),
        _ if r.starts_with('s') => 16 + r[1..].parse::<u32>().expect("s register"),
        _ => panic!("not an argument register: {r}"),
    }
}

/// The F number of a float register's ABI name.
#[cfg(test)]
pub fn f_number(r: &str) -> u32 {
    x_number(&r[1..])
}

/// A memory operand `off(base)`; `off` may be any size (see [`FnGen::ldst`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Mem {
    pub base: &'static str,
    pub off: i64,
}

impl Mem {
    pub fn new(base: &'static str, off: i64) -> Mem {
        Mem { base, off }
    }
    pub fn plus(&self, d: i64) -> Mem {
        Mem { base: self.base, off: self.off + d }
    }
}

/// Whether `v` is a 12-bit signed immediate.
pub(super) fn fits12(v: i64) -> bool {
    (-2048..=2047).contains(&v)
}

/// A comparison for a fused branch: `br a, b, label`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cond {
    br: &'static str,
    a: &'static str,
    b: &'static str,
}

fn invert(br: &str) -> &'static str {
    match br {
        "beq" => "bne",
        "bne" => "beq",
        "blt" => "bge",
        "bge" => "blt",
        "bltu" => "bgeu",
        "bgeu" => "bltu",
        _ => unreachable!("branch {br}"),
    }
}

/// The integer register a [`Loc::Reg`] or [`Loc::Context`] names.
fn int_reg(l: &Loc) -> R<Option<&'static str>> {
    Ok(match l {
        Loc::Reg(RegClass::Int, n) => {
            Some(*INT_ARGS.get(*n as usize).ok_or_else(|| format!("no integer argument register {n}"))?)
        }
        Loc::Context => Some(CONTEXT),
        _ => None,
    })
}

/// The float register a float [`Loc::Reg`] names.
fn float_reg(l: &Loc) -> R<Option<&'static str>> {
    Ok(match l {
        Loc::Reg(RegClass::Float, n) => {
            Some(*FLOAT_ARGS.get(*n as usize).ok_or_else(|| format!("no float argument register {n}"))?)
        }
        _ => None,
    })
}

/// The `.s`/`.d` suffix of a float type.
fn fsfx(ty: Scalar) -> &'static str {
    if ty == Scalar::F32 {
        "s"
    } else {
        "d"
    }
}

/// The load instruction for `size` bytes, extended by `signed`.
fn load_op(size: u32, signed: bool) -> &'static str {
    match (size, signed) {
        (1, true) => "lb",
        (1, false) => "lbu",
        (2, true) => "lh",
        (2, false) => "lhu",
        (4, true) => "lw",
        (4, false) => "lwu",
        (8, _) => "ld",
        _ => panic!("no {size}-byte load"),
    }
}

fn store_op(size: u32) -> &'static str {
    match size {
        1 => "sb",
        2 => "sh",
        4 => "sw",
        8 => "sd",
        _ => panic!("no {size}-byte store"),
    }
}

/// Block moves up to this size are unrolled; larger ones loop.
const UNROLL_MAX: u32 = 64;

pub struct FnGen {
    out: String,
    cx: FnCtx,
    /// Counter for labels inside one primitive's sequence.
    next_local: u32,
    /// The 8-byte store just emitted, as (operand, register), when nothing
    /// has run since: reloading that memory gives the register's value, so
    /// the load becomes a register move or nothing. The memory-based IR
    /// makes store-then-reload the commonest pair (a result becomes the
    /// next instruction's operand).
    just_stored: Option<(String, String)>,
}

impl Machine for FnGen {
    const FRAME: FrameParams = FRAME;
    const SAVED: u32 = 16;
    /// A frameless leaf's return address stays in RA (a fault pushes it:
    /// rt-core's `arch::inject_call`).
    const FRAMELESS_LEAVES: bool = true;
    const SMALL_FRAME: u32 = shared::RGO_STACK_SMALL;
    const STACK_GUARD: u32 = shared::RGO_STACK_GUARD;
    /// Every argument register: the scratch registers are all outside them.
    const ALLOCATABLE: (&'static [u8], &'static [u8]) = (&ALL_16, &ALL_16);
    const COMMENT: &'static str = "#";
    type Cond = Cond;

    fn preamble(_out: &mut Text) {}

    fn new(cx: FnCtx) -> Self {
        FnGen { out: String::new(), cx, next_local: 0, just_stored: None }
    }

    fn cx(&self) -> &FnCtx {
        &self.cx
    }

    fn cx_mut(&mut self) -> &mut FnCtx {
        &mut self.cx
    }

    fn label(&mut self, l: &str) {
        self.just_stored = None;
        let _ = writeln!(self.out, "{l}:");
    }

    fn mark(&mut self, l: &str) {
        // A directive: what was just stored stays known.
        let _ = writeln!(self.out, "\t.set {l}, .");
    }

    fn comment(&mut self, s: &str) {
        for line in s.lines() {
            let _ = writeln!(self.out, "\t# {line}");
        }
    }

    fn finish(self) -> String {
        self.out
    }

    fn sym(s: &str) -> R<std::borrow::Cow<'_, str>> {
        asm_sym(s)
    }

    /// ```text
    ///   t0 = sp - need                 t0, t1: no Go argument registers
    ///   ld   t1, STACKGUARD(s11)
    ///   bltu t0, t1, grow              (out of line)
    /// ```
    fn stack_check(&mut self, need: u32, grow: &str) {
        self.sub_imm("t0", "sp", need as i64);
        self.ins(format!("ld t1, {}({G})", shared::RGO_G_STACKGUARD));
        self.ins(format!("bltu t0, t1, {grow}"));
    }

    /// ```text
    ///   ld   t1, STACKGUARD(s11)       t1: no Go argument register
    ///   bltu sp, t1, slow              (out of line)
    /// ```
    fn poll(&mut self, slow: &str) {
        self.ins(format!("ld t1, {}({G})", shared::RGO_G_STACKGUARD));
        self.ins(format!("bltu sp, t1, {slow}"));
    }

    fn enter(&mut self) {
        if self.cx.frameless {
            return;
        }
        self.ins("addi sp, sp, -16");
        self.ins(".cfi_def_cfa_offset 16");
        self.ins("sd ra, 8(sp)");
        self.ins("sd s9, 0(sp)");
        self.ins(".cfi_offset ra, -8");
        self.ins(".cfi_offset s9, -16");
        self.ins("mv s9, sp");
        self.ins(".cfi_def_cfa s9, 16");
        let size = self.cx.frame.size as i64;
        if size > 0 {
            self.sub_imm("sp", "sp", size);
        }
    }

    fn leave_and_return(&mut self) {
        if self.cx.frameless {
            self.ins("ret");
            return;
        }
        self.ins(".cfi_remember_state");
        self.ins("mv sp, s9");
        self.ins(".cfi_def_cfa sp, 16");
        self.ins("ld ra, 8(sp)");
        self.ins("ld s9, 0(sp)");
        self.ins(".cfi_restore ra");
        self.ins(".cfi_restore s9");
        self.ins("addi sp, sp, 16");
        self.ins(".cfi_def_cfa_offset 0");
        self.ins("ret");
        self.ins(".cfi_restore_state");
    }

    /// `t2 = ra, t0 = need, t1 = args; call rgo_morestack`: it returns on the
    /// new segment with ra = rgo_lessstack (see rt-arch's runtime assembly).
    fn call_morestack(&mut self, need: u32, args: u32) {
        self.ins("mv t2, ra");
        self.ins(format!("li t0, {need}"));
        self.ins(format!("li t1, {args}"));
        self.ins(format!("call {}", crate::runtime_abi::MORESTACK));
    }

    fn trap(&mut self) {
        self.ins("unimp");
    }

    fn probe(&mut self, at: &Loc) -> R<()> {
        let m = self.mem(at, "t3")?;
        self.ldst("lb", "zero", &m);
        Ok(())
    }

    fn nop(&mut self) {
        self.ins("nop");
    }

    /// Entered from the runtime with s9 = this frame: the stack pointer is
    /// wherever the runtime left it.
    fn landing(&mut self) {
        let size = self.cx.frame.size as i64;
        self.sub_imm("sp", "s9", size);
    }

    fn jump(&mut self, label: &str) {
        self.ins(format!("j {label}"));
    }

    fn jump_if(&mut self, cond: &Src, when: bool, label: &str) -> R<()> {
        if let Src::Imm(v) = cond {
            if (*v as u8 != 0) == when {
                self.jump(label);
            }
            return Ok(());
        }
        self.load_int("t0", cond, Scalar::U8, "t3")?;
        self.ins(format!("{} t0, {label}", if when { "bnez" } else { "beqz" }));
        Ok(())
    }

    fn jump_on(&mut self, c: Cond, when: bool, label: &str) {
        let br = if when { c.br } else { invert(c.br) };
        self.ins(format!("{br} {}, {}, {label}", c.a, c.b));
    }

    fn move_(&mut self, ty: Scalar, dst: &Loc, src: &Src) -> R<()> {
        if let Some(f) = float_reg(dst)? {
            return self.load_fl(f, src, ty, "t3");
        }
        if let Src::Loc(s) = src {
            if let Some(f) = float_reg(s)? {
                return self.put_float(dst, f, ty.size());
            }
        }
        let size = ty.size();
        // Floats move as their bits: no conversion, NaNs unchanged.
        let ity = match ty {
            Scalar::F32 => Scalar::U32,
            Scalar::F64 => Scalar::U64,
            t => t,
        };
        let src = match src {
            Src::Imm(v) if ty.is_float() => Src::Imm(float_bits(ty, *v as f64)),
            Src::Float(f) if ty.is_float() => Src::Imm(float_bits(ty, *f)),
            Src::Float(f) => return Err(format!("float constant {f} moved as {ty:?}")),
            s => s.clone(),
        };
        if let Some(r) = int_reg(dst)? {
            return self.load_int(r, &src, ity, "t3");
        }
        if let Src::Loc(s) = &src {
            if let Some(r) = int_reg(s)? {
                let d = self.mem(dst, "t5")?;
                self.ldst(store_op(size), r, &d);
                return Ok(());
            }
        }
        if let Src::Imm(v) = src {
            if norm_imm(ity, v) == 0 {
                let d = self.mem(dst, "t5")?;
                self.ldst(store_op(size), "zero", &d);
                return Ok(());
            }
        }
        self.load_int("t0", &src, ity, "t3")?;
        self.put(dst, "t0", size)
    }

    fn copy(&mut self, dst: &Loc, src: &Loc, size: u32) -> R<()> {
        let s = self.mem(src, "t3")?;
        let d = self.mem(dst, "t5")?;
        self.copy_mem(&d, &s, size);
        Ok(())
    }

    fn zero(&mut self, dst: &Loc, size: u32) -> R<()> {
        let d = self.mem(dst, "t5")?;
        self.zero_mem(&d, size);
        Ok(())
    }

    fn addr_of(&mut self, dst: &Loc, src: &Loc) -> R<()> {
        let s = self.mem(src, "t3")?;
        self.addr("t0", &s);
        self.put(dst, "t0", 8)
    }

    fn bin(&mut self, op: BinOp, ty: Scalar, dst: &Loc, a: &Src, b: &Src, cond_only: bool) -> R<Option<Cond>> {
        if ty.is_float() {
            self.bin_float(op, ty, dst, a, b, cond_only)
        } else {
            self.bin_int(op, ty, dst, a, b, cond_only)
        }
    }

    fn un(&mut self, op: UnOp, ty: Scalar, dst: &Loc, a: &Src) -> R<()> {
        match (op, ty.is_float()) {
            (UnOp::Neg, true) => {
                // Sign injection flips the sign bit only: -0.0 and NaNs
                // come out as Go wants, unlike 0 - x.
                let f = fsfx(ty);
                self.load_fl("ft0", a, ty, "t3")?;
                self.ins(format!("fneg.{f} ft0, ft0"));
                return self.put_float(dst, "ft0", ty.size());
            }
            (UnOp::Sqrt, true) => {
                let f = fsfx(ty);
                let x = self.fl_operand("ft0", a, ty, "t3")?;
                let d = float_reg(dst)?.unwrap_or("ft0");
                self.ins(format!("fsqrt.{f} {d}, {x}"));
                return self.put_float(dst, d, ty.size());
            }
            (UnOp::Neg, false) => {
                self.load_int("t0", a, ty, "t3")?;
                self.ins("neg t0, t0");
            }
            (UnOp::Com, false) => {
                self.load_int("t0", a, ty, "t3")?;
                self.ins("not t0, t0");
            }
            (UnOp::Not, false) => {
                self.load_int("t0", a, ty, "t3")?;
                self.ins("xori t0, t0, 1");
            }
            _ => return Err(format!("{op:?} on {ty:?}")),
        }
        self.put(dst, "t0", ty.size())
    }

    fn convert(&mut self, from: Scalar, to: Scalar, dst: &Loc, src: &Src) -> R<()> {
        self.convert_impl(from, to, dst, src)
    }

    fn load_callee(&mut self, callee: &Callee) -> R<()> {
        match callee {
            Callee::Direct(_) => {}
            Callee::Closure(op) => self.load_int(CONTEXT, &op.into(), Scalar::U64, "t3")?,
            Callee::Indirect(op) => self.load_int("t2", &op.into(), Scalar::U64, "t3")?,
        }
        Ok(())
    }

    fn call(&mut self, callee: &Callee) -> R<()> {
        match callee {
            Callee::Direct(sym) => {
                let sym = asm_sym(sym)?;
                self.ins(format!("call {sym}"));
            }
            Callee::Closure(_) => {
                self.ins(format!("ld t0, 0({CONTEXT})"));
                self.ins("jalr t0");
            }
            Callee::Indirect(_) => self.ins("jalr t2"),
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

    fn tail_wrapper(&mut self, func: &Func, recv_path: &[RecvStep], target: &str, nil_target: Option<&str>) -> R<()> {
        super::wrappers::tail_wrapper(self, func, recv_path, target, nil_target)
    }

    fn wrapper_to_abi0(&mut self, func: &Func, target: &str) -> R<()> {
        super::wrappers::to_abi0(self, func, target)
    }

    fn wrapper_from_abi0(&mut self, func: &Func, target: &str) -> R<()> {
        super::wrappers::from_abi0(self, func, target)
    }
}

impl FnGen {
    /// One instruction or directive, indented.
    pub(super) fn ins(&mut self, s: impl AsRef<str>) {
        self.just_stored = None;
        self.out.push('\t');
        self.out.push_str(s.as_ref());
        self.out.push('\n');
    }

    /// A fresh label for a branch inside one primitive's sequence.
    pub(super) fn local(&mut self) -> String {
        self.next_local += 1;
        format!(".L{}_i{}", self.cx.fi, self.next_local)
    }

    /// `rd = rs - v` for any `v` (through t6 when it is no immediate).
    pub(super) fn sub_imm(&mut self, rd: &str, rs: &str, v: i64) {
        self.add_imm(rd, rs, -v);
    }

    /// `rd = rs + v` for any `v` (through t6 when it is no immediate).
    pub(super) fn add_imm(&mut self, rd: &str, rs: &str, v: i64) {
        if fits12(v) {
            if v != 0 || rd != rs {
                self.ins(format!("addi {rd}, {rs}, {v}"));
            }
        } else {
            self.ins(format!("li t6, {v}"));
            self.ins(format!("add {rd}, {rs}, t6"));
        }
    }

    /// A load or store `op reg, m`; an offset beyond 12 bits goes through t6.
    pub(super) fn ldst(&mut self, op: &str, reg: &str, m: &Mem) {
        if fits12(m.off) {
            let at = format!("{}({})", m.off, m.base);
            if let Some((mem, src)) = &self.just_stored {
                // Only whole registers are known equal to what was stored.
                let moved = match op {
                    "ld" if *mem == at && !src.starts_with('f') => Some("mv"),
                    "fld" if *mem == at && src.starts_with('f') => Some("fmv.d"),
                    _ => None,
                };
                if let Some(mv) = moved {
                    let src = src.clone();
                    if src != reg {
                        self.ins(format!("{mv} {reg}, {src}"));
                    }
                    // The memory still holds the value, now in both.
                    self.just_stored = Some((at, src));
                    return;
                }
            }
            self.ins(format!("{op} {reg}, {at}"));
            if (op == "sd" || op == "fsd") && reg != "zero" && m.base != reg {
                self.just_stored = Some((at, reg.to_string()));
            }
        } else {
            self.ins(format!("li t6, {}", m.off));
            self.ins(format!("add t6, t6, {}", m.base));
            self.ins(format!("{op} {reg}, 0(t6)"));
        }
    }

    /// `rd = address of m`.
    pub(super) fn addr(&mut self, rd: &str, m: &Mem) {
        self.add_imm(rd, m.base, m.off);
    }

    /// The memory of slot `s`.
    fn slot(&self, s: SlotId) -> R<Mem> {
        Ok(match self.cx.frame.home(s)? {
            SlotHome::Frame(o) => Mem::new("sp", o as i64),
            SlotHome::Incoming(o) => Mem::new("s9", INCOMING + o as i64),
            SlotHome::Nowhere => return Err(format!("slot {s} has no bytes")),
        })
    }

    /// The memory `l` names; a `Deref` loads its pointer into `tmp` and a
    /// `Global` its address.
    fn mem(&mut self, l: &Loc, tmp: &'static str) -> R<Mem> {
        Ok(match l {
            Loc::Slot(s, off) => self.slot(*s)?.plus(*off as i64),
            Loc::Global(sym, off) => {
                let sym = asm_sym(sym)?;
                self.ins(format!("lla {tmp}, {sym}"));
                Mem::new(tmp, *off as i64)
            }
            Loc::Deref(s, off) => {
                let p = self.slot(*s)?;
                self.ldst("ld", tmp, &p);
                if !self.cx.faults_on_nil(*off as u32) {
                    // Through a nil pointer this access would land beyond
                    // the unmapped first page: touch the base first, so a
                    // nil pointer faults (and panics) as Go requires.
                    self.ins(format!("lb zero, 0({tmp})"));
                }
                Mem::new(tmp, *off as i64)
            }
            Loc::DerefReg(n, off) => {
                let r = int_reg(&Loc::Reg(RegClass::Int, *n))?.ok_or("a register location")?;
                if !self.cx.faults_on_nil(*off as u32) {
                    self.ins(format!("lb zero, 0({r})"));
                }
                Mem::new(r, *off as i64)
            }
            Loc::Indexed { base, index, shift, off } => {
                // The element's address in `tmp`, the base loaded through
                // t6 when it is in memory.
                match *index {
                    Word::Reg(n) => {
                        let i = int_reg(&Loc::Reg(RegClass::Int, n))?.ok_or("a register location")?;
                        self.ins(format!("slli {tmp}, {i}, {shift}"));
                    }
                    Word::Slot(s) => {
                        let m = self.slot(s)?;
                        self.ldst("ld", tmp, &m);
                        self.ins(format!("slli {tmp}, {tmp}, {shift}"));
                    }
                    Word::Frame(..) => return Err("an address as an index".into()),
                }
                let b = match *base {
                    Word::Reg(n) => int_reg(&Loc::Reg(RegClass::Int, n))?.ok_or("a register location")?,
                    Word::Slot(s) => {
                        let m = self.slot(s)?;
                        self.ldst("ld", "t6", &m);
                        "t6"
                    }
                    Word::Frame(s, o) => {
                        let m = self.slot(s)?.plus(o as i64);
                        self.addr("t6", &m);
                        "t6"
                    }
                };
                self.ins(format!("add {tmp}, {tmp}, {b}"));
                if !self.cx.faults_on_nil(*off as u32) {
                    self.ins(format!("lb zero, 0({tmp})"));
                }
                Mem::new(tmp, *off as i64)
            }
            Loc::In(off) => Mem::new("s9", INCOMING + *off as i64),
            // Before the prologue: the caller's fixed_frame word is at 0(sp).
            Loc::EntryIn(off) => Mem::new("sp", FRAME.fixed_frame as i64 + *off as i64),
            Loc::Out(off) => Mem::new("sp", FRAME.fixed_frame as i64 + *off as i64),
            Loc::Reg(..) | Loc::Context => return Err(format!("{l:?} where memory is needed")),
        })
    }

    /// Stores the low `size` bytes of integer register `r` to `dst`
    /// (memory or register).
    fn put(&mut self, dst: &Loc, r: &str, size: u32) -> R<()> {
        if let Some(d) = int_reg(dst)? {
            if d != r {
                self.ins(format!("mv {d}, {r}"));
            }
            return Ok(());
        }
        if let Some(f) = float_reg(dst)? {
            // Float bits computed in an integer register (negation).
            match size {
                8 => self.ins(format!("fmv.d.x {f}, {r}")),
                4 => self.ins(format!("fmv.w.x {f}, {r}")),
                _ => return Err(format!("a {size}-byte integer value stored to a float register")),
            }
            return Ok(());
        }
        let d = self.mem(dst, "t5")?;
        self.ldst(store_op(size), r, &d);
        Ok(())
    }

    /// Stores float register `f` (`size` bytes) to `dst` (memory or register).
    fn put_float(&mut self, dst: &Loc, f: &str, size: u32) -> R<()> {
        if let Some(d) = float_reg(dst)? {
            if d != f {
                self.ins(format!("fmv.d {d}, {f}"));
            }
            return Ok(());
        }
        if int_reg(dst)?.is_some() {
            return Err("a float value stored to an integer register".into());
        }
        let d = self.mem(dst, "t5")?;
        self.ldst(if size == 4 { "fsw" } else { "fsd" }, f, &d);
        Ok(())
    }

    /// Extends the low bytes of `r` in place by `ty`'s width and signedness.
    fn extend(&mut self, r: &str, ty: Scalar) {
        match ty {
            Scalar::I8 | Scalar::I16 => {
                let sh = 64 - ty.size() * 8;
                self.ins(format!("slli {r}, {r}, {sh}"));
                self.ins(format!("srai {r}, {r}, {sh}"));
            }
            Scalar::I32 => self.ins(format!("sext.w {r}, {r}")),
            Scalar::U8 => self.ins(format!("andi {r}, {r}, 255")),
            Scalar::U16 | Scalar::U32 | Scalar::F32 => {
                let sh = 64 - ty.size() * 8;
                self.ins(format!("slli {r}, {r}, {sh}"));
                self.ins(format!("srli {r}, {r}, {sh}"));
            }
            _ => {}
        }
    }

    /// Loads an integer operand into `r`, extended to 64 bits by `ty`'s
    /// signedness (a float type reads as its unsigned bits). `tmp` holds a
    /// Deref or Global base.
    fn load_int(&mut self, r: &str, op: &Src, ty: Scalar, tmp: &'static str) -> R<()> {
        match op {
            Src::Loc(a) => {
                if let Some(f) = float_reg(a)? {
                    self.ins(format!("fmv.x.{} {r}, {f}", if ty.size() == 4 { "w" } else { "d" }));
                    self.extend(r, ty);
                    return Ok(());
                }
                if let Some(s) = int_reg(a)? {
                    if s != r {
                        self.ins(format!("mv {r}, {s}"));
                    }
                    self.extend(r, ty);
                    return Ok(());
                }
                let m = self.mem(a, tmp)?;
                self.ldst(load_op(ty.size(), ty.is_signed()), r, &m);
            }
            Src::Imm(v) => {
                let v = if ty.is_float() { float_bits(ty, *v as f64) } else { norm_imm(ty, *v) };
                self.ins(format!("li {r}, {v}"));
            }
            Src::Float(f) => {
                if !ty.is_float() {
                    return Err(format!("float constant {f} in a {ty:?} operation"));
                }
                self.ins(format!("li {r}, {}", float_bits(ty, *f)));
            }
            Src::SymAddr(s, off) => {
                let s = asm_sym(s)?;
                match off {
                    0 => self.ins(format!("lla {r}, {s}")),
                    o if *o < 0 => self.ins(format!("lla {r}, {s}-{}", o.unsigned_abs())),
                    o => self.ins(format!("lla {r}, {s}+{o}")),
                }
            }
            Src::Special(sp) => match sp {
                Special::FramePointer => self.ins(format!("mv {r}, s9")),
                Special::ArgPointer => self.ins(format!("addi {r}, s9, 16")),
                Special::CallArea => self.ins(format!("mv {r}, sp")),
                Special::Panicking => self.ins(format!("ld {r}, {}({G})", shared::RGO_G_PANIC)),
                Special::Label(l) => {
                    let l = self.cx.label(*l);
                    self.ins(format!("lla {r}, {l}"));
                }
            },
        }
        Ok(())
    }

    /// The float register holding operand `op`: its own, or `f` loaded.
    fn fl_operand(&mut self, f: &'static str, op: &Src, ty: Scalar, tmp: &'static str) -> R<&'static str> {
        if let Src::Loc(l) = op {
            if let Some(g) = float_reg(l)? {
                return Ok(g);
            }
        }
        self.load_fl(f, op, ty, tmp)?;
        Ok(f)
    }

    /// Loads a float operand into float register `f`. An `Imm` in a float
    /// operation is the integer's value, as Go converts an untyped
    /// constant. `tmp` holds a base or a constant's bits.
    fn load_fl(&mut self, f: &str, op: &Src, ty: Scalar, tmp: &'static str) -> R<()> {
        let w = if ty.size() == 4 { "w" } else { "d" };
        match op {
            Src::Loc(a) => {
                if let Some(g) = float_reg(a)? {
                    if g != f {
                        self.ins(format!("fmv.d {f}, {g}"));
                    }
                    return Ok(());
                }
                if let Some(r) = int_reg(a)? {
                    // fmv.w.x NaN-boxes a float32.
                    self.ins(format!("fmv.{w}.x {f}, {r}"));
                    return Ok(());
                }
                let m = self.mem(a, tmp)?;
                // flw NaN-boxes a float32, as ABIInternal wants it in a register.
                self.ldst(if ty.size() == 4 { "flw" } else { "fld" }, f, &m);
            }
            Src::Float(_) | Src::Imm(_) => {
                let v = match op {
                    Src::Float(x) => *x,
                    Src::Imm(i) => *i as f64,
                    _ => unreachable!(),
                };
                let bits = float_bits(ty, v);
                if bits == 0 {
                    self.ins(format!("fmv.{w}.x {f}, zero"));
                } else if ty == Scalar::F32 {
                    self.ins(format!("li {tmp}, {bits}"));
                    self.ins(format!("fmv.w.x {f}, {tmp}"));
                } else {
                    let l = self.cx.consts.float(ty, v);
                    self.ins(format!("lla {tmp}, {l}"));
                    self.ins(format!("fld {f}, 0({tmp})"));
                }
            }
            Src::SymAddr(..) | Src::Special(_) => return Err("an address as a float operand".into()),
        }
        Ok(())
    }

    /// Stores the constant `v` (`size` bytes) to `dst`.
    fn put_imm(&mut self, dst: &Loc, size: u32, v: i64) -> R<()> {
        if v == 0 && !dst.is_reg() {
            let d = self.mem(dst, "t5")?;
            self.ldst(store_op(size), "zero", &d);
            return Ok(());
        }
        self.ins(format!("li t0, {v}"));
        self.put(dst, "t0", size)
    }

    /// Copies `size` bytes from `s` to `d` (which do not partly overlap):
    /// words, then the tail; a loop over 8-byte words for large blocks.
    /// Clobbers t0, t1, t2 and, for large blocks, the two bases' copies in
    /// t3 and t5.
    pub(super) fn copy_mem(&mut self, d: &Mem, s: &Mem, size: u32) {
        let (mut d, mut s) = (d.clone(), s.clone());
        let mut left = size;
        if size > UNROLL_MAX {
            // t3 = src, t5 = dst, t2 = words left.
            self.addr("t3", &s);
            self.addr("t5", &d);
            self.ins(format!("li t2, {}", size / 8));
            let top = self.local();
            self.label(&top);
            self.ins("ld t0, 0(t3)");
            self.ins("sd t0, 0(t5)");
            self.ins("addi t3, t3, 8");
            self.ins("addi t5, t5, 8");
            self.ins("addi t2, t2, -1");
            self.ins(format!("bnez t2, {top}"));
            s = Mem::new("t3", 0);
            d = Mem::new("t5", 0);
            left = size % 8;
        }
        let mut off = 0i64;
        for chunk in [8u32, 4, 2, 1] {
            while left >= chunk {
                self.ldst(load_op(chunk, false), "t0", &s.plus(off));
                self.ldst(store_op(chunk), "t0", &d.plus(off));
                off += chunk as i64;
                left -= chunk;
            }
        }
    }

    /// Zeroes `size` bytes at `d`; a loop for large blocks (clobbers t2, t5).
    pub(super) fn zero_mem(&mut self, d: &Mem, size: u32) {
        let mut d = d.clone();
        let mut left = size;
        if size > UNROLL_MAX {
            self.addr("t5", &d);
            self.ins(format!("li t2, {}", size / 8));
            let top = self.local();
            self.label(&top);
            self.ins("sd zero, 0(t5)");
            self.ins("addi t5, t5, 8");
            self.ins("addi t2, t2, -1");
            self.ins(format!("bnez t2, {top}"));
            d = Mem::new("t5", 0);
            left = size % 8;
        }
        let mut off = 0i64;
        for chunk in [8u32, 4, 2, 1] {
            while left >= chunk {
                self.ldst(store_op(chunk), "zero", &d.plus(off));
                off += chunk as i64;
                left -= chunk;
            }
        }
    }

    /// The second operand of an integer operation in a register: `zero`
    /// for the constant 0, else loaded into t1.
    fn operand_b(&mut self, b: &Src, ty: Scalar) -> R<&'static str> {
        if let Src::Imm(v) = b {
            if norm_imm(ty, *v) == 0 {
                return Ok("zero");
            }
        }
        self.int_operand("t1", b, ty, "t4")
    }

    /// The register holding integer operand `op`: its own when an 8-byte
    /// value lives in one (`regs.rs`), else `r` loaded.
    fn int_operand(&mut self, r: &'static str, op: &Src, ty: Scalar, tmp: &'static str) -> R<&'static str> {
        if let Src::Loc(l @ Loc::Reg(RegClass::Int, _)) = op {
            if ty.size() == 8 {
                return int_reg(l)?.ok_or_else(|| "a register location".into());
            }
        }
        self.load_int(r, op, ty, tmp)?;
        Ok(r)
    }

    fn bin_int(&mut self, op: BinOp, ty: Scalar, dst: &Loc, a: &Src, b: &Src, cond_only: bool) -> R<Option<Cond>> {
        let size = ty.size();
        let signed = ty.is_signed();
        let bits = size as i64 * 8;
        let imm = match b {
            Src::Imm(v) => Some(norm_imm(ty, *v)),
            _ => None,
        };
        // Operands that live in registers are read in place, and a
        // destination register (`regs.rs`) is written directly.
        let x = self.int_operand("t0", a, ty, "t3")?;
        let o = match dst {
            Loc::Reg(RegClass::Int, _) if size == 8 => int_reg(dst)?.ok_or("a register location")?,
            _ => "t0",
        };
        let mut result = o;
        match op {
            BinOp::Add | BinOp::Sub | BinOp::And | BinOp::Or | BinOp::Xor | BinOp::AndNot => {
                // The immediate form where the constant fits.
                let (iop, k) = match (op, imm) {
                    (BinOp::Add, Some(v)) => ("addi", v),
                    (BinOp::Sub, Some(v)) => ("addi", v.wrapping_neg()),
                    (BinOp::And, Some(v)) => ("andi", v),
                    (BinOp::Or, Some(v)) => ("ori", v),
                    (BinOp::Xor, Some(v)) => ("xori", v),
                    (BinOp::AndNot, Some(v)) => ("andi", !v),
                    _ => ("", 1 << 20),
                };
                if fits12(k) {
                    self.ins(format!("{iop} {o}, {x}, {k}"));
                } else {
                    let r = self.operand_b(b, ty)?;
                    match op {
                        BinOp::Add => self.ins(format!("add {o}, {x}, {r}")),
                        BinOp::Sub => self.ins(format!("sub {o}, {x}, {r}")),
                        BinOp::And => self.ins(format!("and {o}, {x}, {r}")),
                        BinOp::Or => self.ins(format!("or {o}, {x}, {r}")),
                        BinOp::Xor => self.ins(format!("xor {o}, {x}, {r}")),
                        _ => {
                            self.ins(format!("not t1, {r}"));
                            self.ins(format!("and {o}, {x}, t1"));
                        }
                    }
                }
            }
            BinOp::Mul => {
                // The low half of a product is the same signed or unsigned.
                let r = self.operand_b(b, ty)?;
                self.ins(format!("mul {o}, {x}, {r}"));
            }
            BinOp::MulHigh => {
                if ty != Scalar::U64 {
                    return Err(format!("the high half of a product of {ty:?}"));
                }
                let r = self.operand_b(b, ty)?;
                self.ins(format!("mulhu {o}, {x}, {r}"));
            }
            BinOp::Div | BinOp::Rem if magic(b, ty).is_some() => {
                // A constant divisor: the high half of a product and shifts
                // (isa/divmagic.rs), on the dividend extended to 64 bits,
                // in t1 and t2 (`x` may be a register slot's own).
                let g = magic(b, ty).ok_or("a magic number")?;
                self.ins(format!("li t2, {}", g.m as i64));
                if signed {
                    self.ins(format!("mulh t1, {x}, t2"));
                    if g.add {
                        self.ins(format!("add t1, t1, {x}"));
                    }
                    if g.s > 0 {
                        self.ins(format!("srai t1, t1, {}", g.s));
                    }
                    self.ins(format!("srai t2, {x}, 63"));
                    self.ins("sub t1, t1, t2");
                } else {
                    if g.pre > 0 {
                        self.ins(format!("srli t1, {x}, {}", g.pre));
                        self.ins("mulhu t1, t1, t2");
                    } else {
                        self.ins(format!("mulhu t1, {x}, t2"));
                    }
                    if g.add {
                        // q = (t + ((x - t) >> 1)) >> (s - 1), t in t1.
                        self.ins(format!("sub t2, {x}, t1"));
                        self.ins("srli t2, t2, 1");
                        self.ins("add t1, t1, t2");
                        self.ins(format!("srli t1, t1, {}", g.s - 1));
                    } else if g.s > 0 {
                        self.ins(format!("srli t1, t1, {}", g.s));
                    }
                }
                if op == BinOp::Rem {
                    self.ins(format!("li t2, {}", g.d as i64));
                    self.ins("mul t2, t1, t2");
                    self.ins(format!("sub t1, {x}, t2"));
                }
                result = "t1";
            }
            BinOp::Div | BinOp::Rem => {
                // On operands extended to 64 bits the quotient of narrow
                // types cannot overflow (MinInt8 / -1 = 128 truncates back
                // to -128, as Go wants); for int64 the instruction itself
                // gives MinInt64 / -1 = MinInt64 and MinInt64 % -1 = 0.
                // Division by zero never gets here (lowering checks).
                let r = self.operand_b(b, ty)?;
                let mn = match (op, signed) {
                    (BinOp::Div, true) => "div",
                    (BinOp::Div, false) => "divu",
                    (_, true) => "rem",
                    (_, false) => "remu",
                };
                self.ins(format!("{mn} {o}, {x}, {r}"));
            }
            BinOp::Shl | BinOp::Shr => {
                // The count is an unsigned 64-bit value whatever `ty` is;
                // sll/srl/sra use only its low 6 bits, Go all of it.
                let mn = match (op, signed) {
                    (BinOp::Shl, _) => "sll",
                    (_, true) => "sra",
                    (_, false) => "srl",
                };
                match b {
                    Src::Imm(c) => {
                        let c = *c as u64;
                        if c >= bits as u64 && mn != "sra" {
                            self.ins(format!("li {o}, 0"));
                        } else if c > 0 {
                            // Values are extended to 64 bits: shifting a
                            // signed one right by 63 gives its sign bits.
                            self.ins(format!("{mn}i {o}, {x}, {}", c.min(63)));
                        } else {
                            result = x;
                        }
                    }
                    _ => {
                        self.load_int("t1", b, Scalar::U64, "t4")?;
                        if mn == "sra" {
                            // Counts of 64 or more become all ones (63 to sra).
                            self.ins("sltiu t2, t1, 64");
                            self.ins("addi t2, t2, -1");
                            self.ins("or t1, t1, t2");
                            self.ins(format!("sra {o}, {x}, t1"));
                        } else {
                            // t2 = the shifted value, kept only if the count
                            // is below the width.
                            self.ins(format!("{mn} t2, {x}, t1"));
                            self.ins(format!("sltiu t1, t1, {bits}"));
                            self.ins("neg t1, t1");
                            self.ins(format!("and {o}, t2, t1"));
                        }
                    }
                }
            }
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                let r = self.operand_b(b, ty)?;
                let (slt, blt, bge) = if signed { ("slt", "blt", "bge") } else { ("sltu", "bltu", "bgeu") };
                let cond = match op {
                    BinOp::Eq => Cond { br: "beq", a: x, b: r },
                    BinOp::Ne => Cond { br: "bne", a: x, b: r },
                    BinOp::Lt => Cond { br: blt, a: x, b: r },
                    BinOp::Ge => Cond { br: bge, a: x, b: r },
                    BinOp::Gt => Cond { br: blt, a: r, b: x },
                    _ => Cond { br: bge, a: r, b: x },
                };
                if !cond_only {
                    match op {
                        BinOp::Eq => {
                            self.ins(format!("xor t2, {x}, {r}"));
                            self.ins("seqz t2, t2");
                        }
                        BinOp::Ne => {
                            self.ins(format!("xor t2, {x}, {r}"));
                            self.ins("snez t2, t2");
                        }
                        BinOp::Lt => self.ins(format!("{slt} t2, {x}, {r}")),
                        BinOp::Gt => self.ins(format!("{slt} t2, {r}, {x}")),
                        BinOp::Ge => {
                            self.ins(format!("{slt} t2, {x}, {r}"));
                            self.ins("xori t2, t2, 1");
                        }
                        _ => {
                            self.ins(format!("{slt} t2, {r}, {x}"));
                            self.ins("xori t2, t2, 1");
                        }
                    }
                    self.put(dst, "t2", 1)?;
                    // A result that lives in an operand's register has
                    // replaced it: the branch tests the result instead.
                    if int_reg(dst)?.is_some_and(|d| d == cond.a || d == cond.b) {
                        return Ok(Some(Cond { br: "bne", a: "t2", b: "zero" }));
                    }
                }
                return Ok(Some(cond));
            }
        }
        self.put(dst, result, size)?;
        Ok(None)
    }

    fn bin_float(&mut self, op: BinOp, ty: Scalar, dst: &Loc, a: &Src, b: &Src, cond_only: bool) -> R<Option<Cond>> {
        let f = fsfx(ty);
        // Operands and result that live in registers are used in place.
        let x = self.fl_operand("ft0", a, ty, "t3")?;
        let y = self.fl_operand("ft1", b, ty, "t4")?;
        match op {
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div => {
                let mn = match op {
                    BinOp::Add => "fadd",
                    BinOp::Sub => "fsub",
                    BinOp::Mul => "fmul",
                    _ => "fdiv",
                };
                let d = float_reg(dst)?.unwrap_or("ft0");
                self.ins(format!("{mn}.{f} {d}, {x}, {y}"));
                self.put_float(dst, d, ty.size())?;
                Ok(None)
            }
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                // feq/flt/fle give 0 when either operand is NaN; a > b is
                // b < a; a != b is the negation of a == b (true on NaN).
                match op {
                    BinOp::Eq | BinOp::Ne => self.ins(format!("feq.{f} t2, {x}, {y}")),
                    BinOp::Lt => self.ins(format!("flt.{f} t2, {x}, {y}")),
                    BinOp::Le => self.ins(format!("fle.{f} t2, {x}, {y}")),
                    BinOp::Gt => self.ins(format!("flt.{f} t2, {y}, {x}")),
                    _ => self.ins(format!("fle.{f} t2, {y}, {x}")),
                }
                let cond = if op == BinOp::Ne {
                    Cond { br: "beq", a: "t2", b: "zero" }
                } else {
                    Cond { br: "bne", a: "t2", b: "zero" }
                };
                if !cond_only {
                    if op == BinOp::Ne {
                        self.ins("xori t2, t2, 1");
                        // The branch tests the stored value from here on.
                        self.put(dst, "t2", 1)?;
                        return Ok(Some(Cond { br: "bne", a: "t2", b: "zero" }));
                    }
                    self.put(dst, "t2", 1)?;
                }
                Ok(Some(cond))
            }
            _ => Err(format!("{op:?} is not a float operation")),
        }
    }

    fn convert_impl(&mut self, from: Scalar, to: Scalar, dst: &Loc, src: &Src) -> R<()> {
        let ts = to.size();
        match (from.is_float(), to.is_float()) {
            (false, false) => {
                // Extend by the source's signedness, keep the low bytes.
                if let Src::Imm(v) = src {
                    return self.put_imm(dst, ts, norm_imm(from, *v));
                }
                self.load_int("t0", src, from, "t3")?;
                self.put(dst, "t0", ts)
            }
            (false, true) => {
                // Every source but uint64 is extended to a signed 64-bit
                // value it equals.
                self.load_int("t0", src, from, "t3")?;
                let u = if from == Scalar::U64 { "lu" } else { "l" };
                self.ins(format!("fcvt.{}.{u} ft0, t0", fsfx(to)));
                self.put_float(dst, "ft0", ts)
            }
            (true, false) => {
                // Round toward zero, as gc on riscv64: the narrow types
                // through int32 (fcvt.w), int64 and uint32 through int64
                // (fcvt.l); out-of-range values saturate as the hardware
                // does, which is what gc's code gives too.
                let f = fsfx(from);
                self.load_fl("ft0", src, from, "t3")?;
                match to {
                    Scalar::U64 => {
                        // gc's sequence: below 2^63 convert directly, else
                        // convert x - 2^63 and set the top bit.
                        let (big, done) = (self.local(), self.local());
                        self.load_fl("ft1", &Src::Float(9223372036854775808.0), from, "t3")?;
                        self.ins(format!("flt.{f} t1, ft0, ft1"));
                        self.ins(format!("beqz t1, {big}"));
                        self.ins(format!("fcvt.l.{f} t0, ft0, rtz"));
                        self.ins(format!("j {done}"));
                        self.label(&big);
                        self.ins(format!("fsub.{f} ft0, ft0, ft1"));
                        self.ins(format!("fcvt.l.{f} t0, ft0, rtz"));
                        self.ins("li t1, -1");
                        self.ins("slli t1, t1, 63");
                        self.ins("or t0, t0, t1");
                        self.label(&done);
                    }
                    Scalar::I64 | Scalar::U32 => self.ins(format!("fcvt.l.{f} t0, ft0, rtz")),
                    _ => self.ins(format!("fcvt.w.{f} t0, ft0, rtz")),
                }
                self.put(dst, "t0", ts)
            }
            (true, true) => {
                if from == to {
                    return self.move_(to, dst, src);
                }
                self.load_fl("ft0", src, from, "t3")?;
                self.ins(format!("fcvt.{}.{} ft0, ft0", fsfx(to), fsfx(from)));
                self.put_float(dst, "ft0", ts)
            }
        }
    }

    /// A sequentially consistent atomic operation, by the RISC-V
    /// psABI's mapping of C++'s seq_cst (the A extension is in RV64GC):
    ///
    /// ```text
    ///   load   fence rw, rw; lw t2, 0(t3); fence r, rw
    ///   store  amoswap.w.aqrl zero, t0, (t3)
    ///   add    amoadd.w.aqrl t2, t0, (t3); addw t2, t2, t0
    ///   swap   amoswap.w.aqrl t2, t0, (t3)
    ///   cas    1: lr.w.aqrl t2, (t3); bne t2, t1, 2f
    ///             sc.w.rl t4, t0, (t3); bnez t4, 1b
    ///          2: xor t2, t2, t1; seqz t2, t2
    /// ```
    /// (`.d`/`ld`/`add` for 8 bytes.) t0 holds the value (store, add,
    /// swap, the new value of cas), t1 the expected value of cas, t3 the
    /// pointer, loaded last, so the atomic access is the first through it
    /// (a nil pointer faults there); the result in t2 is stored after it (a
    /// Deref base in t5). Operands' own bases use t4. `lr.w` sign-extends
    /// the word it loads, so a 4-byte expected value is loaded
    /// sign-extended too (`lw`) and the 64-bit `bne` compares the words.
    fn atomic_impl(&mut self, op: AtomicOp, size: u32, addr: &Src, val: Option<&Src>, old: Option<&Src>, dst: Option<&Loc>) -> R<()> {
        let (ty, sty, w) = if size == 4 { (Scalar::U32, Scalar::I32, "w") } else { (Scalar::U64, Scalar::I64, "d") };
        let (val, old) = (val.ok_or("atomic: no value"), old.ok_or("atomic: no expected value"));
        match op {
            AtomicOp::Load => {}
            AtomicOp::Cas => {
                self.load_int("t1", old?, sty, "t4")?;
                self.load_int("t0", val?, ty, "t4")?;
            }
            _ => self.load_int("t0", val?, ty, "t4")?,
        }
        self.load_int("t3", addr, Scalar::U64, "t3")?;
        match op {
            AtomicOp::Load => {
                self.ins("fence rw, rw");
                self.ins(format!("l{w} t2, 0(t3)"));
                self.ins("fence r, rw");
            }
            AtomicOp::Store => {
                self.ins(format!("amoswap.{w}.aqrl zero, t0, (t3)"));
                return Ok(());
            }
            AtomicOp::Add => {
                self.ins(format!("amoadd.{w}.aqrl t2, t0, (t3)"));
                self.ins(format!("add{} t2, t2, t0", if size == 4 { "w" } else { "" }));
            }
            AtomicOp::Swap => self.ins(format!("amoswap.{w}.aqrl t2, t0, (t3)")),
            AtomicOp::Cas => {
                let (again, done) = (self.local(), self.local());
                Machine::label(self, &again);
                self.ins(format!("lr.{w}.aqrl t2, (t3)"));
                self.ins(format!("bne t2, t1, {done}"));
                self.ins(format!("sc.{w}.rl t4, t0, (t3)"));
                self.ins(format!("bnez t4, {again}"));
                Machine::label(self, &done);
                self.ins("xor t2, t2, t1");
                self.ins("seqz t2, t2");
            }
        }
        match dst {
            Some(d) => self.put(d, "t2", if op == AtomicOp::Cas { 1 } else { size }),
            None => Ok(()),
        }
    }

    /// A volatile access ([`Inst::VolatileLoad`], [`Inst::VolatileStore`]):
    ///
    /// ```text
    ///   load   lbu t2, 0(t3)     (lhu; lwu; ld)
    ///   store  sb t0, 0(t3)      (sh; sw; sd)
    /// ```
    /// t0 holds the stored value (`Ok`; its own base in t4), t3 the
    /// pointer, loaded last, so the access is the first through it; a
    /// loaded value (t2) goes to the destination (`Err`) after (a Deref
    /// base in t5). Written with `ins`, past the store-to-load forwarding
    /// of `ldst`: a volatile load always reads memory, and a volatile store
    /// leaves nothing a later load could take for the memory's value.
    fn volatile_impl(&mut self, size: u32, addr: &Src, access: Result<&Src, &Loc>) -> R<()> {
        let ty = reg_scalar(RegClass::Int, size)?;
        if let Ok(val) = access {
            self.load_int("t0", val, ty, "t4")?;
        }
        self.load_int("t3", addr, Scalar::U64, "t3")?;
        let access_ins = match (access.is_ok(), size) {
            (true, 1) => "sb t0",
            (true, 2) => "sh t0",
            (true, 4) => "sw t0",
            (true, _) => "sd t0",
            (false, 1) => "lbu t2",
            (false, 2) => "lhu t2",
            (false, 4) => "lwu t2",
            (false, _) => "ld t2",
        };
        self.ins(format!("{access_ins}, 0(t3)"));
        match access {
            Ok(_) => Ok(()),
            Err(dst) => self.put(dst, "t2", size),
        }
    }

    /// A call into the runtime with LP64D on the system stack; s8 (saved
    /// by C) keeps the goroutine's stack pointer, s11 (the goroutine) is
    /// callee-saved in C too.
    /// Calls the runtime lock's gate `gate` (every register kept but t0
    /// and ra, free around a runtime call) when several threads run Go
    /// code (`rgo_parallel`, rt-core's threads.rs).
    fn rt_gate(&mut self, gate: &str) {
        let skip = self.local();
        self.skip_unless_parallel(&skip);
        self.ins(format!("call {gate}"));
        self.label(&skip);
    }

    /// Branches to `skip` unless several threads run Go code (t0 clobbered).
    fn skip_unless_parallel(&mut self, skip: &str) {
        self.ins(format!("lla t0, {}", crate::runtime_abi::PARALLEL));
        self.ins("lbu t0, 0(t0)");
        self.ins(format!("beqz t0, {skip}"));
    }

    fn call_runtime_impl(&mut self, func: &str, args: &[(Scalar, Src)], rets: &[(Scalar, Loc)]) -> R<()> {
        let func = &*asm_sym(func)?;
        let (mut ni, mut nf) = (0usize, 0usize);
        for (ty, op) in args {
            if ty.is_float() {
                let r = *C_FLOAT_ARGS.get(nf).ok_or_else(|| format!("{func}: more than 8 float arguments"))?;
                self.load_fl(r, op, *ty, "t3")?;
                nf += 1;
            } else {
                let r = *C_INT_ARGS.get(ni).ok_or_else(|| format!("{func}: more than 8 integer arguments"))?;
                self.load_int(r, op, *ty, "t3")?;
                if *ty == Scalar::U32 {
                    // LP64 passes 32-bit values sign-extended, unsigned too.
                    self.ins(format!("sext.w {r}, {r}"));
                }
                ni += 1;
            }
        }
        // With several threads running Go code, the runtime lock first
        // (rt-arch's rgo_rt_enter; a load and a branch otherwise). An
        // entry point with a lockless variant tries that before it
        // (rgo_rt_try, the variant in t5: t5 0 when it declined, with the
        // arguments kept, else a0 and a1 the results), and is done when it
        // did the work.
        let done = if let Some(variant) = crate::runtime_abi::lockless(func) {
            if nf != 0 || ni > crate::runtime_abi::LOCKLESS_MAX_ARGS {
                return Err(format!("{func}: a lockless variant takes at most {} integer arguments", crate::runtime_abi::LOCKLESS_MAX_ARGS));
            }
            let (skip, done) = (self.local(), self.local());
            self.skip_unless_parallel(&skip);
            self.ins(format!("lla t5, {variant}"));
            self.ins(format!("call {}", crate::runtime_abi::RT_TRY));
            self.ins(format!("bnez t5, {done}"));
            self.ins(format!("call {}", crate::runtime_abi::RT_ENTER));
            self.label(&skip);
            Some(done)
        } else if crate::runtime_abi::PURE.contains(&func) {
            // One that needs nothing of the runtime's runs without the
            // lock (rgo_rt_pure, the entry point in t5).
            let (skip, done) = (self.local(), self.local());
            self.skip_unless_parallel(&skip);
            self.ins(format!("lla t5, {func}"));
            self.ins(format!("call {}", crate::runtime_abi::RT_PURE));
            self.ins(format!("j {done}"));
            self.label(&skip);
            Some(done)
        } else {
            self.rt_gate(crate::runtime_abi::RT_ENTER);
            None
        };
        self.ins("mv s8, sp");
        self.ins(format!("ld t0, {}({G})", shared::RGO_G_SYS_SP));
        self.ins("mv sp, t0");
        self.ins(format!("sd s8, {}({G})", shared::RGO_G_GO_SP));
        // The return address, for the collector's stack walk (g.go_pc).
        let ret = self.local();
        self.ins(format!("lla t0, {ret}"));
        self.ins(format!("sd t0, {}({G})", shared::RGO_G_GO_PC));
        self.ins(format!("call {func}"));
        self.label(&ret);
        self.ins("mv sp, s8");
        self.rt_gate(crate::runtime_abi::RT_LEAVE);
        if let Some(done) = done {
            self.label(&done);
        }
        let (mut ni, mut nf) = (0usize, 0usize);
        for (ty, addr) in rets {
            let d = self.mem(addr, "t5")?;
            if ty.is_float() {
                let r = *C_FLOAT_RETS.get(nf).ok_or_else(|| format!("{func}: more than 2 float results"))?;
                self.ldst(if ty.size() == 4 { "fsw" } else { "fsd" }, r, &d);
                nf += 1;
            } else {
                let r = *C_INT_RETS.get(ni).ok_or_else(|| format!("{func}: more than 2 integer results"))?;
                self.ldst(store_op(ty.size()), r, &d);
                ni += 1;
            }
        }
        Ok(())
    }
}
