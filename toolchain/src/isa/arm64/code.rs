//! The arm64 primitives of the shared emission driver ([`Machine`]).
//!
//! No value stays in a register from one primitive to the next (the IR
//! is memory-based), so inside a primitive every register but the fixed
//! ones is scratch. All scratch registers are outside x0-x15 and
//! d0-d15, the ABIInternal argument registers, so no primitive ever
//! clobbers an argument the driver is assembling; they are the ones
//! Go's own arm64 ABI calls permanent scratch (R16, R17, R19-R25, R27,
//! F16-F31). The roles are fixed so that sequences never collide:
//!
//! ```text
//!   x20, x21, x22    values (operand a and result, operand b, extra:
//!                    quotient, shift limit, loop count)
//!   d16, d17         float values (operand a and result, operand b)
//!   x23, x24, x25    bases of Deref/Global addresses of operand a (or a
//!                    copy's source), operand b, dst
//!   x17              the base while argument registers are live (a
//!                    register move of the driver's); the stack guard
//!   x16              the target of an indirect call; the stack check;
//!                    the system stack pointer at a C call; the status
//!                    of an atomic's store-exclusive
//!   x27              offsets and addresses too large for one
//!                    instruction, used by the next one only
//!   x19              the goroutine's SP across a C call (callee-saved)
//!   x26, x28, x29, sp   context, goroutine, frame pointer: never
//!                    written but by the sequences that own them
//! ```

use crate::isa::divmagic::of_divisor as magic;
use super::asm::{fr, int_arg, logical_imm, Asm, CopyRegs, Mem, Reg, C_FLOAT_ARGS, C_FLOAT_RETS, C_INT_ARGS, C_INT_RETS};
use super::asm::{CTX, FP, G, LR, SP, TMP, ZR};
use super::{asm_sym, check_sym};
use crate::ir::{AtomicOp, BinOp, Callee, Func, RecvStep, Scalar, Special, UnOp};
use crate::isa::emit::{float_bits, norm_imm, reg_scalar, FnCtx, Loc, Machine, Src, Text, Word, R};
use crate::isa::frame::{FrameParams, RegClass, SlotHome};

use rt_arch::bindings::arm64 as shared;
use std::fmt::Write;

/// Bytes between the frame pointer and the caller's stack arguments: the
/// saved x29 and x30, then the caller's `fixed_frame` word.
pub(super) const INCOMING: i64 = 16 + 8;

/// Argument register indices 0-15.
const ALL_16: [u8; 16] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

/// Frame parameters of arm64: SP is 16-aligned at every call and on
/// entry; the prologue saves 16 bytes and a frame size that is a multiple
/// of 16 keeps it aligned. The bottom word of the outgoing area is the
/// callee's `fixed_frame` (reserved, as Go's saved-LR slot).
pub const FRAME: FrameParams = FrameParams { fixed_frame: 8, stack_align: 16, max_slot_align: 16 };

const A: Reg = Reg::x(20);
const B: Reg = Reg::x(21);
const C: Reg = Reg::x(22);
const BASE_A: Reg = Reg::x(23);
const BASE_B: Reg = Reg::x(24);
const BASE_D: Reg = Reg::x(25);
/// Base register while argument registers are live.
const BASE_R: Reg = Reg::x(17);
const CALLEE: Reg = Reg::x(16);
/// The status of a store-exclusive (atomics; no call is under way).
const STATUS: Reg = Reg::x(16);
const GO_SP: Reg = Reg::x(19);
const FA: u8 = 16;
const FB: u8 = 17;

/// The registers a copy between memory operands uses.
const COPY: CopyRegs = CopyRegs { sa: BASE_A, da: BASE_D, t0: A, t1: B, n: C };

pub struct FnGen {
    pub(super) asm: Asm,
    cx: FnCtx,
}

/// The register width an operation on `ty` runs at.
fn width(ty: Scalar) -> u32 {
    if ty.size() == 8 {
        8
    } else {
        4
    }
}

/// The condition that is true when `cc` is false (also for float
/// comparisons: see [`FnGen::bin_float`] for why they stay right with NaNs).
fn invert(cc: &str) -> &'static str {
    match cc {
        "eq" => "ne",
        "ne" => "eq",
        "lt" => "ge",
        "ge" => "lt",
        "le" => "gt",
        "gt" => "le",
        "lo" => "hs",
        "hs" => "lo",
        "ls" => "hi",
        "hi" => "ls",
        "mi" => "pl",
        "pl" => "mi",
        _ => unreachable!("condition code {cc}"),
    }
}

/// The register a [`Loc::Reg`] or [`Loc::Context`] names, if it is an integer one.
fn int_reg(l: &Loc) -> R<Option<Reg>> {
    Ok(match l {
        Loc::Reg(RegClass::Int, n) => Some(int_arg(*n).ok_or_else(|| format!("no integer argument register {n}"))?),
        Loc::Context => Some(CTX),
        _ => None,
    })
}

/// The float register number a float [`Loc::Reg`] names.
fn float_reg(l: &Loc) -> R<Option<u8>> {
    Ok(match l {
        Loc::Reg(RegClass::Float, n) if (*n as usize) < reflect::abi::ARM64.float_regs.len() => Some(*n),
        Loc::Reg(RegClass::Float, n) => return Err(format!("no float argument register {n}")),
        _ => None,
    })
}

/// Conditional branches (`b.cond`, `cbz`, `cbnz`) reach 1 MiB either way,
/// `b` 128 MiB. A function of fewer instruction lines than this (each is
/// at most one 4-byte instruction) cannot need more.
const FAR_BRANCHES_AFTER: usize = 200_000;

/// Rewrites every conditional branch of a function too large for them as
/// the inverse condition around an unconditional branch (with GNU as's
/// numeric local labels, which may repeat).
fn far_branches(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for line in text.lines() {
        let t = line.trim_start();
        let far = if let Some((cc, target)) = t.strip_prefix("b.").and_then(|r| r.split_once(' ')) {
            Some((format!("b.{} 1f", invert(cc)), target))
        } else if let Some((op, rest)) = t.split_once(' ').filter(|(op, _)| matches!(*op, "cbz" | "cbnz")) {
            let (reg, target) = rest.split_once(", ").unwrap_or((rest, ""));
            let inv = if op == "cbz" { "cbnz" } else { "cbz" };
            Some((format!("{inv} {reg}, 1f"), target))
        } else {
            None
        };
        match far {
            Some((skip, target)) => {
                let _ = writeln!(out, "\t{skip}\n\tb {target}\n1:");
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// `sym+off` as an assembler expression.
fn sym_expr(sym: &str, off: i32) -> String {
    match off {
        0 => sym.to_string(),
        o if o < 0 => format!("{sym}-{}", o.unsigned_abs()),
        o => format!("{sym}+{o}"),
    }
}

impl Machine for FnGen {
    const FRAME: FrameParams = FRAME;
    const SAVED: u32 = 16;
    /// A frameless leaf's return address stays in LR (a fault pushes it:
    /// rt-core's `arch::inject_call`).
    const FRAMELESS_LEAVES: bool = true;
    const SMALL_FRAME: u32 = shared::RGO_STACK_SMALL;
    const STACK_GUARD: u32 = shared::RGO_STACK_GUARD;
    /// Every argument register: the scratch registers are all outside them.
    const ALLOCATABLE: (&'static [u8], &'static [u8]) = (&ALL_16, &ALL_16);
    const COMMENT: &'static str = "//";
    type Cond = &'static str;

    fn preamble(_out: &mut Text) {}

    fn new(cx: FnCtx) -> Self {
        FnGen { asm: Asm::new(cx.fi), cx }
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

    fn comment(&mut self, s: &str) {
        self.asm.comment(s);
    }

    fn mark(&mut self, l: &str) {
        self.asm.mark(l);
    }

    fn finish(self) -> String {
        let lines = self.asm.out.lines().filter(|l| l.starts_with('\t') && !l.starts_with("\t.")).count();
        if lines < FAR_BRANCHES_AFTER {
            self.asm.out
        } else {
            far_branches(&self.asm.out)
        }
    }

    fn sym(s: &str) -> R<std::borrow::Cow<'_, str>> {
        asm_sym(s)
    }

    /// ```text
    ///   sub  x16, sp, #need          (via x17 when need is large)
    ///   ldr  x17, [x28, #stackguard]
    ///   cmp  x16, x17
    ///   b.lo grow                    (out of line)
    /// ```
    fn stack_check(&mut self, need: u32, grow: &str) {
        if need < 4096 {
            self.asm.ins(format!("sub x16, sp, #{need}"));
        } else {
            self.asm.mov_imm(BASE_R, need as i64);
            self.asm.ins("sub x16, sp, x17");
        }
        self.asm.ins(format!("ldr x17, [{}, #{}]", G.q(), shared::RGO_G_STACKGUARD));
        self.asm.ins("cmp x16, x17");
        self.asm.ins(format!("b.lo {grow}"));
    }

    /// ```text
    ///   ldr  x17, [x28, #stackguard]
    ///   cmp  sp, x17
    ///   b.lo slow                    (out of line)
    /// ```
    fn poll(&mut self, slow: &str) {
        self.asm.ins(format!("ldr x17, [{}, #{}]", G.q(), shared::RGO_G_STACKGUARD));
        self.asm.ins("cmp sp, x17");
        self.asm.ins(format!("b.lo {slow}"));
    }

    fn enter(&mut self) {
        if !self.cx.frameless {
            self.asm.enter(self.cx.frame.size);
        }
    }

    fn leave_and_return(&mut self) {
        if self.cx.frameless {
            self.asm.ins("ret");
        } else {
            self.asm.leave();
        }
    }

    /// `x20 = return address, x21 = need, x22 = args; bl rgo_morestack`:
    /// it returns on the new segment with x30 = rgo_lessstack (see
    /// rt-arch's arm64 assembly).
    fn call_morestack(&mut self, need: u32, args: u32) {
        self.asm.ins(format!("mov {}, {}", A.q(), LR.q()));
        self.asm.mov_imm(B, need as i64);
        self.asm.mov_imm(C, args as i64);
        self.asm.ins(format!("bl {}", crate::runtime_abi::MORESTACK));
    }

    fn trap(&mut self) {
        self.asm.ins("udf #0");
    }

    fn probe(&mut self, at: &Loc) -> R<()> {
        let m = self.mem(at, BASE_A)?;
        self.asm.access("ldrb", "wzr", &m, 1);
        Ok(())
    }

    fn nop(&mut self) {
        self.asm.ins("nop");
    }

    /// Entered from the runtime with x29 = this frame: the stack pointer
    /// is wherever the runtime left it.
    fn landing(&mut self) {
        self.asm.add_imm(SP, FP, -(self.cx.frame.size as i64));
    }

    fn jump(&mut self, label: &str) {
        self.asm.ins(format!("b {label}"));
    }

    fn jump_if(&mut self, cond: &Src, when: bool, label: &str) -> R<()> {
        if let Src::Imm(v) = cond {
            if (*v as u8 != 0) == when {
                self.asm.ins(format!("b {label}"));
            }
            return Ok(());
        }
        self.load_int(A, cond, Scalar::U8, BASE_A)?;
        self.asm.ins(format!("{} {}, {label}", if when { "cbnz" } else { "cbz" }, A.w()));
        Ok(())
    }

    fn jump_on(&mut self, cc: &'static str, when: bool, label: &str) {
        let cc = if when { cc } else { invert(cc) };
        self.asm.ins(format!("b.{cc} {label}"));
    }

    fn move_(&mut self, ty: Scalar, dst: &Loc, src: &Src) -> R<()> {
        self.move_impl(ty, dst, src)
    }

    fn copy(&mut self, dst: &Loc, src: &Loc, size: u32) -> R<()> {
        let s = self.mem(src, BASE_A)?;
        let d = self.mem(dst, BASE_D)?;
        self.asm.copy(&d, &s, size, COPY);
        Ok(())
    }

    fn zero(&mut self, dst: &Loc, size: u32) -> R<()> {
        let d = self.mem(dst, BASE_D)?;
        self.asm.zero(&d, size, BASE_D, C);
        Ok(())
    }

    fn addr_of(&mut self, dst: &Loc, src: &Loc) -> R<()> {
        let s = self.mem(src, BASE_A)?;
        self.asm.add_imm(A, s.base, s.off);
        self.put(dst, A, 8)
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

    /// `add dst, base, index, lsl #shift`, in the destination's register
    /// when it has one.
    fn index_addr(&mut self, dst: &Loc, base: &Src, index: &Src, shift: u32) -> R<()> {
        let b = self.int_operand(A, base, Scalar::U64, BASE_A)?;
        let i = self.int_operand(B, index, Scalar::U64, BASE_B)?;
        let d = match dst {
            Loc::Reg(RegClass::Int, _) => int_reg(dst)?.unwrap_or(A),
            _ => A,
        };
        self.asm.ins(format!("add {}, {}, {}, lsl #{shift}", d.q(), b.q(), i.q()));
        self.put(dst, d, 8)
    }

    fn convert(&mut self, from: Scalar, to: Scalar, dst: &Loc, src: &Src) -> R<()> {
        self.convert_impl(from, to, dst, src)
    }

    fn load_callee(&mut self, callee: &Callee) -> R<()> {
        match callee {
            Callee::Direct(_) => {}
            // The closure context register holds the func value.
            Callee::Closure(op) => self.load_int(CTX, &op.into(), Scalar::U64, BASE_R)?,
            Callee::Indirect(op) => self.load_int(CALLEE, &op.into(), Scalar::U64, BASE_R)?,
        }
        Ok(())
    }

    fn call(&mut self, callee: &Callee) -> R<()> {
        match callee {
            Callee::Direct(sym) => {
                let sym = asm_sym(sym)?;
                self.asm.ins(format!("bl {sym}"));
            }
            Callee::Closure(_) => {
                self.asm.ins(format!("ldr {}, [{}]", CALLEE.q(), CTX.q()));
                self.asm.ins(format!("blr {}", CALLEE.q()));
            }
            Callee::Indirect(_) => self.asm.ins(format!("blr {}", CALLEE.q())),
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
        Some("eq")
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
    /// The memory of slot `s`.
    fn slot(&self, s: crate::ir::SlotId) -> R<Mem> {
        Ok(match self.cx.frame.home(s)? {
            SlotHome::Frame(o) => Mem::new(SP, o as i64),
            SlotHome::Incoming(o) => Mem::new(FP, INCOMING + o as i64),
            SlotHome::Nowhere => return Err(format!("slot {s} has no bytes")),
        })
    }

    /// The memory `l` names; a `Deref` loads its pointer into `tmp`, a
    /// `Global` its address.
    fn mem(&mut self, l: &Loc, tmp: Reg) -> R<Mem> {
        Ok(match l {
            Loc::Slot(s, off) => self.slot(*s)?.plus(*off as i64),
            Loc::Global(sym, off) => {
                let e = sym_expr(&asm_sym(sym)?, *off);
                self.asm.ins(format!("adrp {}, {e}", tmp.q()));
                self.asm.ins(format!("add {0}, {0}, :lo12:{e}", tmp.q()));
                Mem::new(tmp, 0)
            }
            Loc::Deref(s, off) => {
                let p = self.slot(*s)?;
                self.asm.load_zx(tmp, &p, 8);
                if !self.cx.faults_on_nil(*off as u32) {
                    // Through a nil pointer this access would land beyond
                    // the unmapped first page: touch the base first, so a
                    // nil pointer faults (and panics) as Go requires.
                    self.asm.touch(tmp);
                }
                Mem::new(tmp, *off as i64)
            }
            Loc::DerefReg(n, off) => {
                let r = int_reg(&Loc::Reg(RegClass::Int, *n))?.ok_or("a register location")?;
                if !self.cx.faults_on_nil(*off as u32) {
                    self.asm.touch(r);
                }
                Mem::new(r, *off as i64)
            }
            Loc::Indexed { base, index, shift, off } => {
                // The element's address in `tmp`: the base first (loaded
                // or computed there unless in a register), then the index
                // (loaded into TMP unless in a register).
                let reg = |n: u8| int_reg(&Loc::Reg(RegClass::Int, n)).and_then(|r| r.ok_or_else(|| "a register location".to_string()));
                let b = match *base {
                    Word::Reg(n) => reg(n)?,
                    Word::Slot(s) => {
                        let m = self.slot(s)?;
                        self.asm.load_zx(tmp, &m, 8);
                        tmp
                    }
                    Word::Frame(s, o) => {
                        let m = self.slot(s)?.plus(o as i64);
                        self.asm.add_imm(tmp, m.base, m.off);
                        tmp
                    }
                };
                let i = match *index {
                    Word::Reg(n) => reg(n)?,
                    Word::Slot(s) => {
                        let m = self.slot(s)?;
                        self.asm.load_zx(TMP, &m, 8);
                        TMP
                    }
                    Word::Frame(..) => return Err("an address as an index".into()),
                };
                self.asm.ins(format!("add {}, {}, {}, lsl #{shift}", tmp.q(), b.q(), i.q()));
                if !self.cx.faults_on_nil(*off as u32) {
                    self.asm.touch(tmp);
                }
                Mem::new(tmp, *off as i64)
            }
            Loc::In(off) => Mem::new(FP, INCOMING + *off as i64),
            // Before the prologue: the caller's fixed_frame word at [sp].
            Loc::EntryIn(off) => Mem::new(SP, FRAME.fixed_frame as i64 + *off as i64),
            Loc::Out(off) => Mem::new(SP, FRAME.fixed_frame as i64 + *off as i64),
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
        if let Some(f) = float_reg(dst)? {
            // Float bits computed in an integer register (negation).
            self.asm.ins(format!("fmov {}, {}", fr(f, size), r.name(size)));
            return Ok(());
        }
        let d = self.mem(dst, BASE_D)?;
        self.asm.store(&d, r, size);
        Ok(())
    }

    /// Stores float register `f` (`size` bytes) to `dst` (memory or register).
    fn put_float(&mut self, dst: &Loc, f: u8, size: u32) -> R<()> {
        if let Some(d) = float_reg(dst)? {
            if d != f {
                self.asm.ins(format!("fmov {}, {}", fr(d, 8), fr(f, 8)));
            }
            return Ok(());
        }
        if int_reg(dst)?.is_some() {
            return Err("a float value stored to an integer register".into());
        }
        let d = self.mem(dst, BASE_D)?;
        self.asm.store_float(&d, f, size);
        Ok(())
    }

    /// A move where one side is an argument register: the other side's
    /// address uses x17 (and x27) only, so the other argument registers
    /// keep what the driver put there.
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
                        self.asm.ins(format!("fmov {}, {}", fr(a, 8), fr(b, 8)));
                    }
                } else {
                    return Err(format!("move between register classes {s:?} -> {d:?}"));
                }
            }
            (Some(s), d) if s.is_reg() => {
                let m = self.mem(d, BASE_R)?;
                match (int_reg(s)?, float_reg(s)?) {
                    (Some(r), _) => self.asm.store(&m, r, size),
                    (_, Some(f)) => self.asm.store_float(&m, f, size),
                    _ => unreachable!("a register location"),
                }
            }
            (Some(s), d) if d.is_reg() => {
                let m = self.mem(s, BASE_R)?;
                match (int_reg(d)?, float_reg(d)?) {
                    (Some(r), _) => self.asm.load_zx(r, &m, size),
                    (_, Some(f)) => self.asm.load_float(f, &m, size),
                    _ => unreachable!("a register location"),
                }
            }
            (None, d) if d.is_reg() => match (int_reg(d)?, float_reg(d)?) {
                (Some(r), _) => self.load_int(r, src, ty, BASE_R)?,
                (_, Some(f)) => self.load_fl(f, src, ty, BASE_R)?,
                _ => unreachable!("a register location"),
            },
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Loads an integer operand into `r`, extended to 64 bits by `ty`'s
    /// signedness (so both the 32- and the 64-bit view are the value).
    fn load_int(&mut self, r: Reg, op: &Src, ty: Scalar, tmp: Reg) -> R<()> {
        match op {
            Src::Loc(a) if a.is_reg() => {
                if let Some(f) = float_reg(a)? {
                    let size = if ty.size() == 4 { 4 } else { 8 };
                    self.asm.ins(format!("fmov {}, {}", r.name(size), fr(f, size)));
                    return Ok(());
                }
                let s = int_reg(a)?.ok_or("a register location")?;
                match ty {
                    Scalar::I8 => self.asm.ins(format!("sxtb {}, {}", r.q(), s.w())),
                    Scalar::I16 => self.asm.ins(format!("sxth {}, {}", r.q(), s.w())),
                    Scalar::I32 => self.asm.ins(format!("sxtw {}, {}", r.q(), s.w())),
                    Scalar::U8 => self.asm.ins(format!("uxtb {}, {}", r.w(), s.w())),
                    Scalar::U16 => self.asm.ins(format!("uxth {}, {}", r.w(), s.w())),
                    Scalar::U32 | Scalar::F32 => self.asm.ins(format!("mov {}, {}", r.w(), s.w())),
                    _ if r != s => self.asm.ins(format!("mov {}, {}", r.q(), s.q())),
                    _ => {}
                }
            }
            Src::Loc(a) => {
                let m = self.mem(a, tmp)?;
                if ty.is_signed() {
                    self.asm.load_sx(r, &m, ty.size());
                } else {
                    self.asm.load_zx(r, &m, ty.size());
                }
            }
            Src::Imm(v) => self.asm.mov_imm(r, norm_imm(ty, *v)),
            Src::SymAddr(s, off) => {
                let e = sym_expr(&asm_sym(s)?, *off);
                self.asm.ins(format!("adrp {}, {e}", r.q()));
                self.asm.ins(format!("add {0}, {0}, :lo12:{e}", r.q()));
            }
            Src::Special(sp) => match sp {
                Special::FramePointer => self.asm.ins(format!("mov {}, {}", r.q(), FP.q())),
                Special::ArgPointer => self.asm.add_imm(r, FP, 16),
                Special::CallArea => self.asm.ins(format!("mov {}, sp", r.q())),
                Special::Panicking => self.asm.ins(format!("ldr {}, [{}, #{}]", r.q(), G.q(), shared::RGO_G_PANIC)),
                Special::Label(l) => {
                    // adrp + add: adr reaches only 1 MiB.
                    let l = self.cx.label(*l);
                    self.asm.ins(format!("adrp {}, {l}", r.q()));
                    self.asm.ins(format!("add {0}, {0}, :lo12:{l}", r.q()));
                }
            },
            Src::Float(f) => {
                if !ty.is_float() {
                    return Err(format!("float constant {f} in a {ty:?} operation"));
                }
                self.asm.mov_imm(r, float_bits(ty, *f));
            }
        }
        Ok(())
    }

    /// Loads an integer operand as the second operand of `op`: a small
    /// immediate stays one (`#v`, for instructions with a 12-bit
    /// immediate), anything else is loaded into `r`.
    fn imm12_or_reg(&mut self, op: &Src, ty: Scalar, r: Reg, tmp: Reg) -> R<Result<i64, Reg>> {
        if let Src::Imm(v) = op {
            let v = norm_imm(ty, *v);
            if v.unsigned_abs() < 4096 {
                return Ok(Ok(v));
            }
        }
        Ok(Err(self.int_operand(r, op, ty, tmp)?))
    }

    /// The register holding integer operand `op`: its own when an 8-byte
    /// value lives in one (`regs.rs`), else `r` loaded.
    fn int_operand(&mut self, r: Reg, op: &Src, ty: Scalar, tmp: Reg) -> R<Reg> {
        if let Src::Loc(l @ Loc::Reg(RegClass::Int, _)) = op {
            if ty.size() == 8 {
                return int_reg(l)?.ok_or_else(|| "a register location".into());
            }
        }
        self.load_int(r, op, ty, tmp)?;
        Ok(r)
    }

    /// The float register holding operand `op`: its own, or `f` loaded.
    fn fl_operand(&mut self, f: u8, op: &Src, ty: Scalar, tmp: Reg) -> R<u8> {
        if let Src::Loc(l) = op {
            if let Some(x) = float_reg(l)? {
                return Ok(x);
            }
        }
        self.load_fl(f, op, ty, tmp)?;
        Ok(f)
    }

    /// Loads a float operand into float register `f`. An `Imm` in a float
    /// operation is the integer's value, as Go converts an untyped
    /// integer constant.
    fn load_fl(&mut self, f: u8, op: &Src, ty: Scalar, tmp: Reg) -> R<()> {
        let size = ty.size();
        match op {
            Src::Loc(a) if a.is_reg() => match (float_reg(a)?, int_reg(a)?) {
                (Some(y), _) if y != f => self.asm.ins(format!("fmov {}, {}", fr(f, 8), fr(y, 8))),
                (Some(_), _) => {}
                (_, Some(r)) => self.asm.ins(format!("fmov {}, {}", fr(f, size), r.name(size))),
                _ => unreachable!("a register location"),
            },
            Src::Loc(a) => {
                let m = self.mem(a, tmp)?;
                self.asm.load_float(f, &m, size);
            }
            Src::Float(v) => self.float_const(f, ty, *v),
            Src::Imm(v) => self.float_const(f, ty, *v as f64),
            Src::SymAddr(..) | Src::Special(_) => return Err("an address as a float operand".into()),
        }
        Ok(())
    }

    /// Float register `f` = the constant `v` as a `ty`: zero from the zero
    /// register, anything else from the constant pool.
    fn float_const(&mut self, f: u8, ty: Scalar, v: f64) {
        let size = ty.size();
        if float_bits(ty, v) == 0 {
            self.asm.ins(format!("fmov {}, {}", fr(f, size), ZR.name(size)));
            return;
        }
        let l = self.cx.consts.float(ty, v);
        self.asm.ins(format!("adrp {}, {l}", TMP.q()));
        self.asm.ins(format!("ldr {}, [{}, :lo12:{l}]", fr(f, size), TMP.q()));
    }

    /// Stores the constant `v` (`size` bytes) to `dst` (memory or register).
    fn put_imm(&mut self, dst: &Loc, size: u32, v: i64) -> R<()> {
        if let Some(r) = int_reg(dst)? {
            self.asm.mov_imm(r, v);
            return Ok(());
        }
        if v == 0 && !dst.is_reg() {
            let d = self.mem(dst, BASE_D)?;
            self.asm.store(&d, ZR, size);
            return Ok(());
        }
        self.asm.mov_imm(A, v);
        self.put(dst, A, size)
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
                let s = self.mem(a, BASE_A)?;
                self.asm.load_zx(A, &s, size);
                self.put(dst, A, size)?;
            }
            Src::SymAddr(..) | Src::Special(_) => {
                self.load_int(A, src, Scalar::U64, BASE_A)?;
                self.put(dst, A, size)?;
            }
        }
        Ok(())
    }

    fn bin_int(&mut self, op: BinOp, ty: Scalar, dst: &Loc, a: &Src, b: &Src, cond_only: bool) -> R<Option<&'static str>> {
        let w = width(ty);
        let size = ty.size();
        let (ra, rb, rc) = (A.name(w), B.name(w), C.name(w));
        let signed = ty.is_signed();
        let mut result = A;
        // Single three-operand instructions read registers in place and
        // write the destination's register when it has one (`regs.rs`).
        let o = match dst {
            Loc::Reg(RegClass::Int, _) if w == 8 => int_reg(dst)?.ok_or("a register location")?,
            _ => A,
        };
        let ro = o.name(w);
        match op {
            BinOp::Add | BinOp::Sub => {
                let x = self.int_operand(A, a, ty, BASE_A)?.name(w);
                match self.imm12_or_reg(b, ty, B, BASE_B)? {
                    Ok(v) => {
                        let v = if op == BinOp::Sub { -v } else { v };
                        let mn = if v < 0 { "sub" } else { "add" };
                        self.asm.ins(format!("{mn} {ro}, {x}, #{}", v.unsigned_abs()));
                    }
                    Err(y) => {
                        let mn = if op == BinOp::Add { "add" } else { "sub" };
                        self.asm.ins(format!("{mn} {ro}, {x}, {}", y.name(w)));
                    }
                }
                result = o;
            }
            BinOp::MulHigh => {
                if ty != Scalar::U64 {
                    return Err(format!("the high half of a product of {ty:?}"));
                }
                let x = self.int_operand(A, a, ty, BASE_A)?.name(w);
                let y = self.int_operand(B, b, ty, BASE_B)?.name(w);
                self.asm.ins(format!("umulh {ro}, {x}, {y}"));
                result = o;
            }
            BinOp::Mul | BinOp::And | BinOp::Or | BinOp::Xor | BinOp::AndNot => {
                // The low half of a product is the same signed or unsigned.
                let mn = match op {
                    BinOp::Mul => "mul",
                    BinOp::And => "and",
                    BinOp::Or => "orr",
                    BinOp::Xor => "eor",
                    _ => "bic",
                };
                let x = self.int_operand(A, a, ty, BASE_A)?.name(w);
                // A constant mask the logical instructions encode (a &^ c
                // is a & ^c); anything else goes through a register.
                let imm = match (op, b) {
                    (BinOp::And | BinOp::Or | BinOp::Xor, Src::Imm(v)) => Some((mn, norm_imm(ty, *v))),
                    (BinOp::AndNot, Src::Imm(v)) => Some(("and", !norm_imm(ty, *v))),
                    _ => None,
                };
                match imm.filter(|&(_, v)| logical_imm(v as u64, w)) {
                    Some((mn, v)) => {
                        let v = if w == 4 { v as u32 as u64 } else { v as u64 };
                        self.asm.ins(format!("{mn} {ro}, {x}, #{v:#x}"));
                    }
                    None => {
                        let y = self.int_operand(B, b, ty, BASE_B)?.name(w);
                        self.asm.ins(format!("{mn} {ro}, {x}, {y}"));
                    }
                }
                result = o;
            }
            BinOp::Div | BinOp::Rem if magic(b, ty).is_some() => {
                // A constant divisor: the high half of a product and shifts
                // (isa/divmagic.rs), on the dividend extended to 64 bits.
                let g = magic(b, ty).ok_or("a magic number")?;
                self.load_int(A, a, ty, BASE_A)?;
                let (xa, xb, xc) = (A.q(), B.q(), C.q());
                self.asm.mov_imm(C, g.m as i64);
                if signed {
                    self.asm.ins(format!("smulh {xc}, {xa}, {xc}"));
                    if g.add {
                        self.asm.ins(format!("add {xc}, {xc}, {xa}"));
                    }
                    if g.s > 0 {
                        self.asm.ins(format!("asr {xc}, {xc}, #{}", g.s));
                    }
                    self.asm.ins(format!("sub {xc}, {xc}, {xa}, asr #63"));
                } else if g.pre > 0 {
                    self.asm.ins(format!("lsr {xb}, {xa}, #{}", g.pre));
                    self.asm.ins(format!("umulh {xc}, {xb}, {xc}"));
                } else {
                    self.asm.ins(format!("umulh {xc}, {xa}, {xc}"));
                }
                if !signed && g.add {
                    // q = (t + ((x - t) >> 1)) >> (s - 1), t in C.
                    self.asm.ins(format!("sub {xb}, {xa}, {xc}"));
                    self.asm.ins(format!("add {xc}, {xc}, {xb}, lsr #1"));
                    self.asm.ins(format!("lsr {xc}, {xc}, #{}", g.s - 1));
                } else if !signed && g.s > 0 {
                    self.asm.ins(format!("lsr {xc}, {xc}, #{}", g.s));
                }
                if op == BinOp::Rem {
                    self.asm.mov_imm(B, g.d as i64);
                    self.asm.ins(format!("msub {xa}, {xc}, {xb}, {xa}"));
                } else {
                    result = C;
                }
            }
            BinOp::Div | BinOp::Rem => {
                // Operands are extended to the operation's width, where a
                // narrow quotient cannot overflow (MinInt8 / -1 = 128
                // truncates back to -128 as Go wants). sdiv gives MinInt
                // for MinInt / -1 without trapping, which is Go's result,
                // and the remainder x - (x / y) * y is then 0. Division by
                // zero (0 here) never happens: lowering checks first.
                self.load_int(A, a, ty, BASE_A)?;
                self.load_int(B, b, ty, BASE_B)?;
                let mn = if signed { "sdiv" } else { "udiv" };
                self.asm.ins(format!("{mn} {rc}, {ra}, {rb}"));
                if op == BinOp::Rem {
                    self.asm.ins(format!("msub {ra}, {rc}, {rb}, {ra}"));
                } else {
                    result = C;
                }
            }
            BinOp::Shl | BinOp::Shr => {
                // The count is an unsigned 64-bit value whatever `ty` is;
                // arm64 takes register counts modulo the register width,
                // Go does not.
                let bits = size as u64 * 8;
                let mn = match (op, signed) {
                    (BinOp::Shl, _) => "lsl",
                    (_, true) => "asr",
                    (_, false) => "lsr",
                };
                match b {
                    Src::Imm(c) => {
                        let c = *c as u64;
                        if c >= bits && mn != "asr" {
                            self.put_imm(dst, size, 0)?;
                            return Ok(None);
                        }
                        let c = c.min(bits - 1);
                        let x = self.int_operand(A, a, ty, BASE_A)?;
                        if c > 0 {
                            self.asm.ins(format!("{mn} {ro}, {}, #{c}", x.name(w)));
                            result = o;
                        } else {
                            result = x;
                        }
                    }
                    _ => {
                        // Narrow values are extended to 32 bits, so a
                        // 32-bit shift by up to 31 is right for them too;
                        // only counts of the register width or more need
                        // fixing.
                        let reg_bits = w as u64 * 8;
                        self.load_int(A, a, ty, BASE_A)?;
                        self.load_int(B, b, Scalar::U64, BASE_B)?;
                        if mn == "asr" {
                            // Counts past the width shift in sign bits only.
                            self.asm.ins(format!("mov {}, #{}", C.q(), reg_bits - 1));
                            self.asm.ins(format!("cmp {}, {}", B.q(), C.q()));
                            self.asm.ins(format!("csel {0}, {0}, {1}, ls", B.q(), C.q()));
                            self.asm.ins(format!("asr {ra}, {ra}, {rb}"));
                        } else {
                            self.asm.ins(format!("{mn} {ra}, {ra}, {rb}"));
                            self.asm.ins(format!("cmp {}, #{reg_bits}", B.q()));
                            self.asm.ins(format!("csel {ra}, {ra}, {}, lo", ZR.name(w)));
                        }
                    }
                }
            }
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                let x = self.int_operand(A, a, ty, BASE_A)?.name(w);
                match self.imm12_or_reg(b, ty, B, BASE_B)? {
                    Ok(v) if v < 0 => self.asm.ins(format!("cmn {x}, #{}", v.unsigned_abs())),
                    Ok(v) => self.asm.ins(format!("cmp {x}, #{v}")),
                    Err(y) => self.asm.ins(format!("cmp {x}, {}", y.name(w))),
                }
                let cc = match (op, signed) {
                    (BinOp::Eq, _) => "eq",
                    (BinOp::Ne, _) => "ne",
                    (BinOp::Lt, true) => "lt",
                    (BinOp::Le, true) => "le",
                    (BinOp::Gt, true) => "gt",
                    (BinOp::Lt, false) => "lo",
                    (BinOp::Le, false) => "ls",
                    (BinOp::Gt, false) => "hi",
                    (_, true) => "ge",
                    (_, false) => "hs",
                };
                if !cond_only {
                    self.asm.ins(format!("cset {}, {cc}", A.w()));
                    self.put(dst, A, 1)?;
                }
                return Ok(Some(cc));
            }
        }
        self.put(dst, result, size)?;
        Ok(None)
    }

    fn bin_float(&mut self, op: BinOp, ty: Scalar, dst: &Loc, a: &Src, b: &Src, cond_only: bool) -> R<Option<&'static str>> {
        let size = ty.size();
        // Operands and result that live in registers are used in place.
        let x = self.fl_operand(FA, a, ty, BASE_A)?;
        let y = self.fl_operand(FB, b, ty, BASE_B)?;
        let (fa, fb) = (fr(x, size), fr(y, size));
        match op {
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div => {
                let mn = match op {
                    BinOp::Add => "fadd",
                    BinOp::Sub => "fsub",
                    BinOp::Mul => "fmul",
                    _ => "fdiv",
                };
                let d = float_reg(dst)?.unwrap_or(FA);
                self.asm.ins(format!("{mn} {}, {fa}, {fb}", fr(d, size)));
                self.put_float(dst, d, size)?;
                Ok(None)
            }
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                // fcmp sets NZCV to 0011 for unordered (NaN) operands, so
                // each condition below is false on NaN (and `ne` true):
                // `mi` (N) is "less than" and `ls` (C=0 or Z) "less or
                // equal", where the signed `lt`/`le` would hold on NaN;
                // `gt` and `ge` need N=V. Their inverses (`pl`, `hi`,
                // `le`, `lt`) hold on NaN, as "not less" etc. must.
                self.asm.ins(format!("fcmp {fa}, {fb}"));
                let cc = match op {
                    BinOp::Eq => "eq",
                    BinOp::Ne => "ne",
                    BinOp::Lt => "mi",
                    BinOp::Le => "ls",
                    BinOp::Gt => "gt",
                    _ => "ge",
                };
                if !cond_only {
                    self.asm.ins(format!("cset {}, {cc}", A.w()));
                    self.put(dst, A, 1)?;
                }
                Ok(Some(cc))
            }
            _ => Err(format!("{op:?} is not a float operation")),
        }
    }

    fn un_impl(&mut self, op: UnOp, ty: Scalar, dst: &Loc, a: &Src) -> R<()> {
        let w = width(ty);
        let ra = A.name(w);
        match (op, ty.is_float()) {
            (UnOp::Neg, false) => {
                self.load_int(A, a, ty, BASE_A)?;
                self.asm.ins(format!("neg {ra}, {ra}"));
            }
            (UnOp::Com, false) => {
                self.load_int(A, a, ty, BASE_A)?;
                self.asm.ins(format!("mvn {ra}, {ra}"));
            }
            (UnOp::Not, false) => {
                self.load_int(A, a, ty, BASE_A)?;
                self.asm.ins(format!("eor {ra}, {ra}, #1"));
            }
            (UnOp::Sqrt, true) => {
                let size = ty.size();
                let x = self.fl_operand(FA, a, ty, BASE_A)?;
                let d = float_reg(dst)?.unwrap_or(FA);
                self.asm.ins(format!("fsqrt {}, {}", fr(d, size), fr(x, size)));
                return self.put_float(dst, d, size);
            }
            (UnOp::Neg, true) => {
                // Flip the sign bit of the bits (Go's negation): -0.0 and
                // NaNs come out right, unlike 0 - x.
                self.load_int(A, a, ty, BASE_A)?;
                let bit = if ty == Scalar::F32 { 1u64 << 31 } else { 1 << 63 };
                self.asm.ins(format!("eor {ra}, {ra}, #{bit:#x}"));
            }
            _ => return Err(format!("{op:?} on {ty:?}")),
        }
        self.put(dst, A, ty.size())?;
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
                self.load_int(A, src, from, BASE_A)?;
                self.put(dst, A, ts)?;
            }
            (false, true) => {
                // Every source but uint64 is exact as a signed 64-bit value
                // once extended; ucvtf rounds uint64 directly (as gc does
                // on arm64).
                self.load_int(A, src, from, BASE_A)?;
                let mn = if from == Scalar::U64 { "ucvtf" } else { "scvtf" };
                self.asm.ins(format!("{mn} {}, {}", fr(FA, ts), A.q()));
                self.put_float(dst, FA, ts)?;
            }
            (true, false) => {
                // As gc on arm64: fcvtzu for uint64, through int64 for
                // int64 and uint32, through int32 for the narrower types.
                // The conversions saturate (NaN gives 0), as gc's do.
                self.load_fl(FA, src, from, BASE_A)?;
                let f = fr(FA, fs);
                match to {
                    Scalar::U64 => self.asm.ins(format!("fcvtzu {}, {f}", A.q())),
                    Scalar::I64 | Scalar::U32 => self.asm.ins(format!("fcvtzs {}, {f}", A.q())),
                    _ => self.asm.ins(format!("fcvtzs {}, {f}", A.w())),
                }
                self.put(dst, A, ts)?;
            }
            (true, true) => {
                if from == to {
                    return self.move_(to, dst, src);
                }
                self.load_fl(FA, src, from, BASE_A)?;
                self.asm.ins(format!("fcvt {}, {}", fr(FA, ts), fr(FA, fs)));
                self.put_float(dst, FA, ts)?;
            }
        }
        Ok(())
    }

    /// A sequentially consistent atomic operation. The baseline (ARMv8.0,
    /// cortex-a57 class) has no LSE atomics, so read-modify-writes are
    /// load-acquire-exclusive / store-release-exclusive loops; loads and
    /// stores are `ldar`/`stlr`. That is the ARMv8 mapping of C++'s
    /// seq_cst (and gc's without LSE):
    ///
    /// ```text
    ///   load   ldar  w22, [x23]
    ///   store  stlr  w20, [x23]
    ///   add    1: ldaxr w22, [x23]; add w24, w22, w20; stlxr w16, w24, [x23]; cbnz w16, 1b
    ///   swap   1: ldaxr w22, [x23]; stlxr w16, w20, [x23]; cbnz w16, 1b
    ///   cas    1: ldaxr w22, [x23]; cmp w22, w21; b.ne 2f
    ///             stlxr w16, w20, [x23]; cbnz w16, 1b
    ///          2: cset w24, eq
    /// ```
    /// (x registers for 8 bytes.) x20 holds the value (store, add, swap,
    /// the new value of cas), x21 the expected value of cas, x23 the
    /// pointer, loaded last, so the exclusive or acquire access is the first
    /// through it (a nil pointer faults there); the result (x22 or x24) is
    /// stored after (a Deref base in x25). Operands' own bases use x24.
    fn atomic_impl(&mut self, op: AtomicOp, size: u32, addr: &Src, val: Option<&Src>, old: Option<&Src>, dst: Option<&Loc>) -> R<()> {
        let ty = if size == 4 { Scalar::U32 } else { Scalar::U64 };
        let (val, old) = (val.ok_or("atomic: no value"), old.ok_or("atomic: no expected value"));
        match op {
            AtomicOp::Load => {}
            AtomicOp::Cas => {
                self.load_int(B, old?, ty, BASE_B)?;
                self.load_int(A, val?, ty, BASE_B)?;
            }
            _ => self.load_int(A, val?, ty, BASE_B)?,
        }
        self.load_int(BASE_A, addr, Scalar::U64, BASE_A)?;
        let p = BASE_A.q();
        let (a, b, c, n, st) = (A.name(size), B.name(size), C.name(size), BASE_B.name(size), STATUS.w());
        let result = match op {
            AtomicOp::Load => {
                self.asm.ins(format!("ldar {c}, [{p}]"));
                C
            }
            AtomicOp::Store => {
                self.asm.ins(format!("stlr {a}, [{p}]"));
                return Ok(());
            }
            AtomicOp::Add | AtomicOp::Swap => {
                let again = self.asm.local();
                self.asm.label(&again);
                self.asm.ins(format!("ldaxr {c}, [{p}]"));
                let stored = if op == AtomicOp::Add {
                    self.asm.ins(format!("add {n}, {c}, {a}"));
                    &n
                } else {
                    &a
                };
                self.asm.ins(format!("stlxr {st}, {stored}, [{p}]"));
                self.asm.ins(format!("cbnz {st}, {again}"));
                if op == AtomicOp::Add {
                    BASE_B
                } else {
                    C
                }
            }
            AtomicOp::Cas => {
                let (again, done) = (self.asm.local(), self.asm.local());
                self.asm.label(&again);
                self.asm.ins(format!("ldaxr {c}, [{p}]"));
                self.asm.ins(format!("cmp {c}, {b}"));
                self.asm.ins(format!("b.ne {done}"));
                self.asm.ins(format!("stlxr {st}, {a}, [{p}]"));
                self.asm.ins(format!("cbnz {st}, {again}"));
                self.asm.label(&done);
                // Equal: the store-exclusive succeeded (cbnz leaves the
                // flags of the comparison).
                self.asm.ins(format!("cset {}, eq", BASE_B.w()));
                BASE_B
            }
        };
        match dst {
            Some(d) => self.put(d, result, if op == AtomicOp::Cas { 1 } else { size }),
            None => Ok(()),
        }
    }

    /// A volatile access ([`Inst::VolatileLoad`], [`Inst::VolatileStore`]):
    ///
    /// ```text
    ///   load   ldrb w22, [x23]     (ldrh w22; ldr w22; ldr x22)
    ///   store  strb w20, [x23]     (strh w20; str w20; str x20)
    /// ```
    /// x20 holds the stored value (`Ok`; its own base in x24), x23 the
    /// pointer, loaded last, so the access is the first through it; a
    /// loaded value (x22) goes to the destination (`Err`) after (a Deref
    /// base in x25). Written with `ins`, past the assembler's store-to-load
    /// forwarding (`Asm::access`): a volatile load always reads memory, and
    /// a volatile store leaves nothing a later load could take for the
    /// memory's value. Plain accesses, not `ldar`/`stlr`: on Device-nGnRnE
    /// memory, as the virt board maps its devices, the hardware keeps
    /// accesses to one device in program order by itself.
    fn volatile_impl(&mut self, size: u32, addr: &Src, access: Result<&Src, &Loc>) -> R<()> {
        let ty = reg_scalar(RegClass::Int, size)?;
        if let Ok(val) = access {
            self.load_int(A, val, ty, BASE_B)?;
        }
        self.load_int(BASE_A, addr, Scalar::U64, BASE_A)?;
        let (mn, r) = match (access.is_ok(), size) {
            (true, 1) => ("strb", A.w()),
            (true, 2) => ("strh", A.w()),
            (true, 4) => ("str", A.w()),
            (true, _) => ("str", A.q()),
            (false, 1) => ("ldrb", C.w()),
            (false, 2) => ("ldrh", C.w()),
            (false, 4) => ("ldr", C.w()),
            (false, _) => ("ldr", C.q()),
        };
        self.asm.ins(format!("{mn} {r}, [{}]", BASE_A.q()));
        match access {
            Ok(_) => Ok(()),
            Err(dst) => self.put(dst, C, size),
        }
    }

    /// A call into the runtime with AAPCS64 on the system stack (see the
    /// module docs of `super`): x19, callee-saved in C, keeps the
    /// goroutine's stack pointer, and x28 (the goroutine) is callee-saved
    /// in C too, so nothing needs restoring afterwards.
    /// Calls the runtime lock's gate `gate` (every register kept but X16
    /// and X30, free around a runtime call) when several threads run Go
    /// code (`rgo_parallel`, rt-core's threads.rs).
    fn rt_gate(&mut self, gate: &str) {
        let skip = self.asm.local();
        self.skip_unless_parallel(&skip);
        self.asm.ins(format!("bl {gate}"));
        self.asm.label(&skip);
    }

    /// Branches to `skip` unless several threads run Go code (X16 clobbered).
    fn skip_unless_parallel(&mut self, skip: &str) {
        let flag = crate::runtime_abi::PARALLEL;
        self.asm.ins(format!("adrp {}, {flag}", CALLEE.q()));
        self.asm.ins(format!("ldrb {}, [{}, :lo12:{flag}]", CALLEE.w(), CALLEE.q()));
        self.asm.ins(format!("cbz {}, {skip}", CALLEE.w()));
    }

    fn call_runtime_impl(&mut self, func: &str, args: &[(Scalar, Src)], rets: &[(Scalar, Loc)]) -> R<()> {
        check_sym(func)?;
        let (mut ni, mut nf) = (0usize, 0u8);
        for (ty, op) in args {
            if ty.is_float() {
                if nf >= C_FLOAT_ARGS {
                    return Err(format!("{func}: more than {C_FLOAT_ARGS} float arguments"));
                }
                self.load_fl(nf, op, *ty, BASE_A)?;
                nf += 1;
            } else {
                if ni >= C_INT_ARGS {
                    return Err(format!("{func}: more than {C_INT_ARGS} integer arguments"));
                }
                // Extended to 64 bits: AAPCS64 leaves the upper bits of a
                // narrow argument unspecified, but some callees (and the
                // tests) read the whole register.
                self.load_int(Reg::x(ni as u8), op, *ty, BASE_A)?;
                ni += 1;
            }
        }
        // With several threads running Go code, the runtime lock first
        // (rt-arch's rgo_rt_enter; a load and a branch otherwise). An
        // entry point with a lockless variant tries that before it
        // (rgo_rt_try, the variant in x9: x9 0 when it declined, with the
        // arguments kept, else x0 and x1 the results), and is done when it
        // did the work.
        let done = if let Some(variant) = crate::runtime_abi::lockless(func) {
            if nf != 0 || ni > crate::runtime_abi::LOCKLESS_MAX_ARGS {
                return Err(format!("{func}: a lockless variant takes at most {} integer arguments", crate::runtime_abi::LOCKLESS_MAX_ARGS));
            }
            let (skip, done) = (self.asm.local(), self.asm.local());
            self.skip_unless_parallel(&skip);
            self.asm.ins(format!("adrp x9, {variant}"));
            self.asm.ins(format!("add x9, x9, :lo12:{variant}"));
            self.asm.ins(format!("bl {}", crate::runtime_abi::RT_TRY));
            self.asm.ins(format!("cbnz x9, {done}"));
            self.asm.ins(format!("bl {}", crate::runtime_abi::RT_ENTER));
            self.asm.label(&skip);
            Some(done)
        } else if crate::runtime_abi::PURE.contains(&func) {
            // One that needs nothing of the runtime's runs without the
            // lock (rgo_rt_pure, the entry point in x9).
            let (skip, done) = (self.asm.local(), self.asm.local());
            self.skip_unless_parallel(&skip);
            self.asm.ins(format!("adrp x9, {func}"));
            self.asm.ins(format!("add x9, x9, :lo12:{func}"));
            self.asm.ins(format!("bl {}", crate::runtime_abi::RT_PURE));
            self.asm.ins(format!("b {done}"));
            self.asm.label(&skip);
            Some(done)
        } else {
            self.rt_gate(crate::runtime_abi::RT_ENTER);
            None
        };
        self.asm.ins(format!("mov {}, sp", GO_SP.q()));
        self.asm.ins(format!("ldr {}, [{}, #{}]", CALLEE.q(), G.q(), shared::RGO_G_SYS_SP));
        self.asm.ins(format!("mov sp, {}", CALLEE.q()));
        self.asm.ins(format!("str {}, [{}, #{}]", GO_SP.q(), G.q(), shared::RGO_G_GO_SP));
        // The return address, for the collector's stack walk (g.go_pc).
        let ret = self.asm.local();
        self.asm.ins(format!("adr {}, {ret}", CALLEE.q()));
        self.asm.ins(format!("str {}, [{}, #{}]", CALLEE.q(), G.q(), shared::RGO_G_GO_PC));
        self.asm.ins(format!("bl {func}"));
        self.asm.label(&ret);
        self.asm.ins(format!("mov sp, {}", GO_SP.q()));
        self.rt_gate(crate::runtime_abi::RT_LEAVE);
        if let Some(done) = done {
            self.asm.label(&done);
        }
        let (mut ni, mut nf) = (0usize, 0u8);
        for (ty, addr) in rets {
            if ty.is_float() {
                if nf >= C_FLOAT_RETS {
                    return Err(format!("{func}: more than {C_FLOAT_RETS} float results"));
                }
                let d = self.mem(addr, BASE_A)?;
                self.asm.store_float(&d, nf, ty.size());
                nf += 1;
            } else {
                if ni >= C_INT_RETS {
                    return Err(format!("{func}: more than {C_INT_RETS} integer results"));
                }
                let d = self.mem(addr, BASE_A)?;
                self.asm.store(&d, Reg::x(ni as u8), ty.size());
                ni += 1;
            }
        }
        Ok(())
    }
}
