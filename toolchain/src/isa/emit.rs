//! The shared emission driver: everything about turning a [`Program`] into
//! assembler text that does not depend on the instruction set.
//!
//! The split follows Cranelift's `machinst`/`isa` (and gc's `ArchInfo`):
//! this module walks the program and each function body, lays the frame out
//! ([`FrameLayout`]), decides when the prologue checks the stack, orders the
//! ABI moves of the prologue, of every call, of the return and of the
//! morestack path, names labels, pools float constants and writes the data
//! symbols. Each instruction set implements [`Machine`]: a small set of
//! primitives over [`Loc`] and [`Src`] operands, which name frame slots,
//! memory and registers alike, so that a register allocator can later hand
//! the primitives registers without rewriting the backends.
//!
//! Where the ABI's values go is never decided here either: the moves come
//! from `reflect::abi`'s steps ([`SeqMoves`]).

use super::frame::{FrameLayout, FrameParams, RegClass, SeqMoves, SlotHome};
use super::regs::Assignment;
use super::{asm_sym, EmitError};
use crate::ir::{Addr, AtomicOp, BinOp, Body, Callee, Data, Func, FuncKind, Inst, Label, Operand, Program, PtrMask, RecvStep, Scalar, SlotId, Special, UnOp};
use crate::runtime_abi::GC_FUNCS_SECTION;
use reflect::abi::FuncAbi;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;

pub type R<T> = Result<T, String>;

/// A place an instruction primitive reads or writes.
#[derive(Clone, Debug, PartialEq)]
pub enum Loc {
    /// Frame slot plus byte offset (wherever the frame layout put the slot).
    Slot(SlotId, i32),
    /// Data symbol plus byte offset.
    Global(String, i32),
    /// The pointer stored in the slot, plus byte offset.
    Deref(SlotId, i32),
    /// Byte offset into this function's incoming stack argument area (the
    /// caller's outgoing area above its `fixed_frame`), during the body.
    In(u32),
    /// The same area addressed before the prologue has built the frame (the
    /// stack check's out-of-line path).
    EntryIn(u32),
    /// Byte offset into the outgoing stack argument area of the next call.
    Out(u32),
    /// ABIInternal argument/result register `n` of the class.
    Reg(RegClass, u8),
    /// The pointer held in integer argument register `n` (a slot that
    /// lives there: `regs.rs`), plus byte offset; not nil-checked.
    DerefReg(u8, i32),
    /// The element at `base + (index << shift)`, plus byte offset: an
    /// element's address folded into the one access that uses it
    /// ([`super::fold`]). Nil-checked as a [`Loc::Deref`] of that address
    /// would be.
    Indexed { base: Word, index: Word, shift: u8, off: i32 },
    /// The closure context register.
    Context,
}

/// An 8-byte integer the driver names in a [`Loc::Indexed`]: in integer
/// argument register `n` (a slot that lives there), in a slot's memory,
/// or the address of a slot plus an offset (an array in the frame).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Word {
    Reg(u8),
    Slot(SlotId),
    Frame(SlotId, i32),
}

impl Loc {
    /// Whether the location is a register rather than memory.
    pub fn is_reg(&self) -> bool {
        matches!(self, Loc::Reg(..) | Loc::Context)
    }

    /// The same memory location `by` bytes further.
    pub fn plus(&self, by: u32) -> Loc {
        let b = by as i32;
        match self {
            Loc::Slot(s, o) => Loc::Slot(*s, o + b),
            Loc::Global(g, o) => Loc::Global(g.clone(), o + b),
            Loc::Deref(s, o) => Loc::Deref(*s, o + b),
            Loc::DerefReg(r, o) => Loc::DerefReg(*r, o + b),
            Loc::Indexed { base, index, shift, off } => Loc::Indexed { base: *base, index: *index, shift: *shift, off: off + b },
            Loc::In(o) => Loc::In(o + by),
            Loc::EntryIn(o) => Loc::EntryIn(o + by),
            Loc::Out(o) => Loc::Out(o + by),
            r @ (Loc::Reg(..) | Loc::Context) => {
                debug_assert!(by == 0, "offset into a register");
                r.clone()
            }
        }
    }
}

impl From<&Addr> for Loc {
    fn from(a: &Addr) -> Loc {
        match a {
            Addr::Slot(s, o) => Loc::Slot(*s, *o),
            Addr::Global(g, o) => Loc::Global(g.clone(), *o),
            Addr::Deref(s, o) => Loc::Deref(*s, *o),
        }
    }
}

/// An instruction input.
#[derive(Clone, Debug, PartialEq)]
pub enum Src {
    /// Read the operation's width from a location.
    Loc(Loc),
    /// An integer constant (truncated to the operation's width).
    Imm(i64),
    /// A float constant (rounded to `F32` for 32-bit operations).
    Float(f64),
    /// The address of a symbol plus an offset.
    SymAddr(String, i32),
    /// A machine address of the current frame.
    Special(Special),
}

impl From<&Operand> for Src {
    fn from(o: &Operand) -> Src {
        match o {
            Operand::Mem(a) => Src::Loc(a.into()),
            Operand::Imm(v) => Src::Imm(*v),
            Operand::Float(f) => Src::Float(*f),
            Operand::SymAddr(s, o) => Src::SymAddr(s.clone(), *o),
            Operand::Special(s) => Src::Special(*s),
        }
    }
}

/// The scalar type a register move of `size` bytes of `class` uses.
pub fn reg_scalar(class: RegClass, size: u32) -> R<Scalar> {
    Ok(match (class, size) {
        (RegClass::Int, 1) => Scalar::U8,
        (RegClass::Int, 2) => Scalar::U16,
        (RegClass::Int, 4) => Scalar::U32,
        (RegClass::Int, 8) => Scalar::U64,
        (RegClass::Float, 4) => Scalar::F32,
        (RegClass::Float, 8) => Scalar::F64,
        _ => return Err(format!("no {size}-byte {class:?} register move")),
    })
}

/// The float constants a program's code refers to, emitted once at the end
/// under local labels.
#[derive(Default)]
pub struct Consts {
    f32s: BTreeSet<u32>,
    f64s: BTreeSet<u64>,
}

impl Consts {
    /// The label of a read-only word holding `f` as a `ty` (F32 or F64).
    pub fn float(&mut self, ty: Scalar, f: f64) -> String {
        if ty == Scalar::F32 {
            let bits = (f as f32).to_bits();
            self.f32s.insert(bits);
            format!(".Lf32.{bits:08x}")
        } else {
            let bits = f.to_bits();
            self.f64s.insert(bits);
            format!(".Lf64.{bits:016x}")
        }
    }

    fn merge(&mut self, other: &Consts) {
        self.f32s.extend(&other.f32s);
        self.f64s.extend(&other.f64s);
    }

    fn emit(&self, out: &mut Text) {
        if self.f32s.is_empty() && self.f64s.is_empty() {
            return;
        }
        out.blank();
        out.ins(".section .rodata");
        out.ins(".balign 8");
        for b in &self.f64s {
            out.label(&format!(".Lf64.{b:016x}"));
            out.ins(format!(".quad 0x{b:016x}"));
        }
        for b in &self.f32s {
            out.label(&format!(".Lf32.{b:08x}"));
            out.ins(format!(".long 0x{b:08x}"));
        }
    }
}

/// Assembler text: directives and labels shared by every instruction set
/// (GNU as on ELF).
pub struct Text {
    pub out: String,
    /// What starts a comment line (`#`, or `//` on arm64).
    comment: &'static str,
}

impl Text {
    pub fn new(comment: &'static str) -> Text {
        Text { out: String::new(), comment }
    }

    pub fn ins(&mut self, s: impl AsRef<str>) {
        self.out.push('\t');
        self.out.push_str(s.as_ref());
        self.out.push('\n');
    }

    pub fn label(&mut self, l: &str) {
        let _ = writeln!(self.out, "{l}:");
    }

    pub fn comment(&mut self, s: &str) {
        for line in s.lines() {
            let _ = writeln!(self.out, "\t{} {line}", self.comment);
        }
    }

    pub fn blank(&mut self) {
        self.out.push('\n');
    }
}

/// What every function's generator is given.
pub struct FnCtx {
    /// Float constants the function refers to (merged into the program's).
    pub consts: Consts,
    /// The function's index in the program, for its local labels.
    pub fi: usize,
    /// Its frame (compiled bodies only).
    pub frame: FrameLayout,
    /// Labels of the body are `0..nlabels`.
    pub nlabels: u32,
    /// Bytes at address 0 that are never mapped on the target (its
    /// [`rgo_targets::NilCheck`]): accesses through nil below this offset
    /// fault and become nil-dereference panics.
    pub nil_guard: u64,
    /// The function keeps no frame ([`frameless`]): `enter` and
    /// `leave_and_return` save and restore no frame pointer.
    pub frameless: bool,
}

impl FnCtx {
    /// See [`faults_on_nil`].
    pub fn faults_on_nil(&self, n: u32) -> bool {
        faults_on_nil(self.nil_guard, n)
    }

    /// The assembler name of label `l` of this function.
    pub fn label(&self, l: Label) -> String {
        debug_assert!(l < self.nlabels);
        format!(".L{}_{}", self.fi, l)
    }
}

/// The instruction primitives of one instruction set, for one function.
///
/// Every primitive writes a short fixed sequence. No value stays in a
/// register from one primitive to the next, except the argument registers
/// that the driver's ABI moves fill and empty: a primitive whose operand is
/// a [`Loc::Reg`] or [`Loc::Context`] must not clobber the other argument
/// registers (the driver loads a call's registers one move at a time, and
/// stores a callee's parameters the same way).
pub trait Machine: Sized {
    /// Frame parameters: fixed_frame, stack alignment, largest slot alignment.
    const FRAME: FrameParams;
    /// Bytes the prologue saves below the entry stack pointer before the
    /// frame proper (return address and frame pointer, as the ISA keeps them).
    const SAVED: u32;
    /// Frames needing at most this many bytes below the entry stack
    /// pointer skip the stack check unless they call Go code
    /// (`RGO_STACK_SMALL` of the ISA's bindings: the guard keeps that much
    /// slack).
    const SMALL_FRAME: u32;
    /// Bytes between a goroutine stack's guard and its lowest address
    /// (`RGO_STACK_GUARD`): a frame of at most this less `SMALL_FRAME` and
    /// 16 (a small leaf's frame and return address below it) may compare
    /// the stack pointer itself with the guard, as a loop's poll does.
    const STACK_GUARD: u32;
    /// Whether a leaf that needs no frame bytes may keep no frame at all
    /// (no frame pointer saved: [`frameless`]); the runtime must then find
    /// its return address at a fault (rt-core's `arch::frameless_return`).
    const FRAMELESS_LEAVES: bool = false;
    /// The ABI argument registers (indices, integer and float) that may
    /// hold a slot's value between calls (`regs.rs`): those no primitive
    /// uses as scratch.
    const ALLOCATABLE: (&'static [u8], &'static [u8]);
    /// The comment leader of the assembler.
    const COMMENT: &'static str;

    /// Directives that open the text section of a program (syntax mode).
    fn preamble(out: &mut Text);
    /// The generator of one function.
    fn new(cx: FnCtx) -> Self;
    fn cx(&self) -> &FnCtx;
    fn cx_mut(&mut self) -> &mut FnCtx;
    /// Defines a label: control may arrive from elsewhere.
    fn label(&mut self, l: &str);
    /// A label reached only by jumps already emitted and, when `falls_in`,
    /// by the code before it: a backend that keeps track of what its
    /// registers hold may keep what all those paths agree on. By default
    /// as [`Machine::label`].
    fn forward_label(&mut self, l: &str, falls_in: bool) {
        let _ = falls_in;
        self.label(l);
    }
    fn comment(&mut self, s: &str);
    /// Names the current code address `l` for the tables (a `.set`
    /// directive), without making it a place control arrives at: what a
    /// backend knows of its registers and last store stays known.
    fn mark(&mut self, l: &str);
    /// The function's assembler text.
    fn finish(self) -> String;
    /// The assembler spelling of a symbol (see [`asm_sym`]); an ISA adds
    /// its own reserved words.
    fn sym(s: &str) -> R<std::borrow::Cow<'_, str>> {
        asm_sym(s)
    }

    // ---- frame ----------------------------------------------------------

    /// The stack check at entry, before anything is saved: branch to `grow`
    /// when the stack pointer minus `need` falls below the goroutine's
    /// stack guard.
    fn stack_check(&mut self, need: u32, grow: &str);
    /// A loop's preemption check ([`Inst::Poll`]), in the body: branch to
    /// `slow` when the goroutine's stack guard lies above the stack pointer
    /// (a preemption request, [`STACK_PREEMPT`](crate::runtime_abi)'s
    /// value: a body's own frame always fits above the real guard). Uses
    /// no register a slot may live in.
    fn poll(&mut self, slow: &str);
    /// Saves what [`Self::SAVED`] counts, sets the frame pointer and
    /// allocates the frame (`cx().frame.size` bytes).
    fn enter(&mut self);
    /// Frees the frame, restores what `enter` saved and returns.
    fn leave_and_return(&mut self);
    /// Calls the runtime's morestack with the ISA's convention (see
    /// docs/targets.md), the register arguments already spilled to the
    /// incoming spill area; `need` as for `stack_check`, `args` the bytes
    /// of the incoming area (stack arguments, results and spill).
    fn call_morestack(&mut self, need: u32, args: u32);
    /// Stops execution: control ran off the end of a body.
    fn trap(&mut self);
    /// One instruction that does nothing (an inlined call's site:
    /// [`Inst::InlineMark`]).
    fn nop(&mut self);
    /// Reads a byte at memory `at` and keeps nothing: a nil check's probe
    /// (a nil pointer faults here).
    fn probe(&mut self, at: &Loc) -> R<()>;
    /// A landing pad's entry: re-establish the stack pointer from the frame
    /// pointer the runtime restored.
    fn landing(&mut self);

    // ---- control --------------------------------------------------------

    fn jump(&mut self, label: &str);
    /// Jumps when the U8 `cond` is non-zero (`when`), or zero (`!when`).
    fn jump_if(&mut self, cond: &Src, when: bool, label: &str) -> R<()>;

    /// A comparison left in the machine's condition state for the jump
    /// right after it.
    type Cond: Copy;
    /// Jumps on a condition [`Self::bin`] returned (`when`: if it holds).
    fn jump_on(&mut self, cond: Self::Cond, when: bool, label: &str);

    // ---- data -----------------------------------------------------------

    /// Moves a `ty` (floats as their bits).
    fn move_(&mut self, ty: Scalar, dst: &Loc, src: &Src) -> R<()>;
    /// Copies `size` bytes between memory locations that do not partly overlap.
    fn copy(&mut self, dst: &Loc, src: &Loc, size: u32) -> R<()>;
    fn zero(&mut self, dst: &Loc, size: u32) -> R<()>;
    /// Stores the address of memory `src` (8 bytes) at `dst`.
    fn addr_of(&mut self, dst: &Loc, src: &Loc) -> R<()>;
    /// A binary operation with the IR's semantics ([`BinOp`]). A comparison
    /// may return a condition for a fused jump; with `cond_only` its result
    /// feeds only that jump and need not be stored.
    fn bin(&mut self, op: BinOp, ty: Scalar, dst: &Loc, a: &Src, b: &Src, cond_only: bool) -> R<Option<Self::Cond>>;
    fn un(&mut self, op: UnOp, ty: Scalar, dst: &Loc, a: &Src) -> R<()>;
    /// `dst = base + (index << shift)`, an element's address (`shift` at
    /// most 3; `base` does not read `dst`). By default a shift and an add;
    /// amd64 has one instruction for it.
    fn index_addr(&mut self, dst: &Loc, base: &Src, index: &Src, shift: u32) -> R<()> {
        self.bin(BinOp::Mul, Scalar::I64, dst, index, &Src::Imm(1 << shift), false)?;
        self.bin(BinOp::Add, Scalar::U64, dst, &Src::Loc(dst.clone()), base, false)?;
        Ok(())
    }
    /// `dst = &array + (index << shift)`, an element's address in an array
    /// in memory (`shift` at most 3), in one instruction where the ISA has
    /// one; false (and nothing emitted) where it does not, and then the
    /// driver takes the array's address first and calls [`index_addr`].
    ///
    /// [`index_addr`]: Machine::index_addr
    fn index_addr_of(&mut self, _dst: &Loc, _array: &Loc, _index: &Src, _shift: u32) -> R<bool> {
        Ok(false)
    }
    fn convert(&mut self, from: Scalar, to: Scalar, dst: &Loc, src: &Src) -> R<()>;

    // ---- atomics --------------------------------------------------------

    /// A sequentially consistent atomic operation, see [`Inst::Atomic`]:
    /// `size` is 4 or 8; `addr` is the pointer value; `val`, `old` and
    /// `dst` are present exactly when [`check_atomic`] says. The first
    /// access through the pointer is the atomic access itself (so a nil
    /// pointer faults there), and nothing is written to `dst` before it.
    fn atomic(&mut self, op: AtomicOp, size: u32, addr: &Src, val: Option<&Src>, old: Option<&Src>, dst: Option<&Loc>) -> R<()>;
    /// The condition an [`AtomicOp::Cas`] without `dst` leaves true when
    /// it swapped, where the ISA leaves one (flags): a jump on the result
    /// then tests it instead of a stored bool.
    fn cas_cond() -> Option<Self::Cond> {
        None
    }

    // ---- volatile accesses ------------------------------------------------

    /// [`Inst::VolatileLoad`]: the pointer `addr` loaded into a register,
    /// then exactly one load instruction of `size` (1, 2, 4 or 8) bytes
    /// through it, zero-extending, written as such (never replaced by a
    /// register move of a value just stored: the store-to-load forwarding
    /// of the ISA's assembler is bypassed), then the value stored to `dst`.
    /// The load is the first access through the pointer.
    fn volatile_load(&mut self, size: u32, addr: &Src, dst: &Loc) -> R<()>;
    /// [`Inst::VolatileStore`]: the value `val` and then the pointer `addr`
    /// loaded into registers, then exactly one store instruction of the low
    /// `size` bytes through the pointer, the first access through it.
    fn volatile_store(&mut self, size: u32, addr: &Src, val: &Src) -> R<()>;

    // ---- calls ----------------------------------------------------------

    /// Before a call's register arguments are loaded: put a closure in the
    /// context register, or an indirect target where `call` finds it.
    fn load_callee(&mut self, callee: &Callee) -> R<()>;
    fn call(&mut self, callee: &Callee) -> R<()>;
    /// A call into the Rust runtime (C ABI, on the system stack), see
    /// [`Inst::CallRuntime`].
    fn call_runtime(&mut self, func: &str, args: &[(Scalar, Src)], rets: &[(Scalar, Loc)]) -> R<()>;

    // ---- generated wrappers --------------------------------------------

    /// See [`FuncKind::TailWrapper`].
    fn tail_wrapper(&mut self, func: &Func, recv_path: &[RecvStep], target: &str, nil_target: Option<&str>) -> R<()>;
    /// See [`FuncKind::ToAbi0`].
    fn wrapper_to_abi0(&mut self, func: &Func, target: &str) -> R<()>;
    /// See [`FuncKind::FromAbi0`].
    fn wrapper_from_abi0(&mut self, func: &Func, target: &str) -> R<()>;
}

/// The whole program as one assembler file (`rgo build -S`, the backend's
/// tests).
pub fn emit_program<M: Machine>(prog: &Program, name: &str, target: &rgo_targets::Target) -> Result<String, EmitError> {
    let mut units = emit_units::<M>(prog, name, target, false, None)?;
    Ok(units.pop().map(|u| u.text).unwrap_or_default())
}

/// One assembler file of a build: the functions and variables of a
/// package, or the data the program's packages share (type descriptors in
/// the unit `type`; itabs, string bytes and the link tables in `go`).
pub struct Unit {
    /// The package's import path (or `type`, `go`); `""` for symbols of no
    /// package, and for the whole program as one file.
    pub name: String,
    /// The assembly; empty for a unit whose object the build cache holds
    /// ([`UnitCache::cached`]).
    pub text: String,
    /// With a [`UnitCache`]: a hash of what the text is made from.
    pub fingerprint: Option<Fingerprint>,
}

/// A hash of a unit's functions and data, of the backend and target that
/// emit them and of a salt (what else decides the object: the assembler,
/// rgo's own build): equal fingerprints give equal text, so an object the
/// build cache holds under one need not be emitted again ([`fingerprints`]).
pub type Fingerprint = [u8; 32];

/// The build cache as [`emit_units`] sees it: each unit's fingerprint
/// ([`fingerprints`]), and the units whose objects the cache holds, which
/// are not emitted.
pub struct UnitCache {
    pub fingerprints: HashMap<String, Fingerprint>,
    pub cached: std::collections::HashSet<String>,
}

/// Feeds what [`std::hash::Hash`] writes to BLAKE3, in blocks.
struct Blake3Hasher {
    h: blake3::Hasher,
    buf: Vec<u8>,
}

impl std::hash::Hasher for Blake3Hasher {
    fn write(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= 1 << 16 {
            self.h.update(&self.buf);
            self.buf.clear();
        }
    }

    fn finish(&self) -> u64 {
        unreachable!("a fingerprint is read from the BLAKE3 hasher itself")
    }
}

/// The unit (assembler file) of symbol `sym` when a program is emitted
/// one file per package: its package's, or `""` (data every package
/// shares is named `type.…` and `go.…`, whose package is that name).
pub fn unit_of(sym: &str) -> &str {
    crate::ir::symbol_package(sym).unwrap_or("")
}

/// The functions and data of each unit, in the program's order.
type Groups<'p> = Vec<(&'p str, Vec<&'p Func>, Vec<&'p Data>)>;

fn groups(prog: &Program, split: bool) -> Groups<'_> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut groups: Groups = vec![];
    fn group<'p>(unit: &'p str, index: &mut HashMap<&'p str, usize>, groups: &mut Groups<'p>) -> usize {
        *index.entry(unit).or_insert_with(|| {
            groups.push((unit, vec![], vec![]));
            groups.len() - 1
        })
    }
    let unit = |sym| if split { unit_of(sym) } else { "" };
    for f in &prog.funcs {
        let g = group(unit(&f.sym), &mut index, &mut groups);
        groups[g].1.push(f);
    }
    for d in &prog.data {
        let g = group(unit(&d.sym), &mut index, &mut groups);
        groups[g].2.push(d);
    }
    for d in &prog.link_data {
        let g = group(if split { crate::ir::LINK_UNIT } else { "" }, &mut index, &mut groups);
        groups[g].2.push(d);
    }
    if groups.is_empty() {
        groups.push(("", vec![], vec![]));
    }
    groups
}

/// The [`Fingerprint`] of each unit of `prog` (one per package), for the
/// `backend` (its GOARCH) and `target`. Taken before the driver's passes
/// that change each body alone (`opt::sroa` and the others: functions of
/// the body, its ABI and the target), so a unit the cache holds is
/// neither optimized nor emitted.
pub fn fingerprints(prog: &Program, backend: &str, target: &rgo_targets::Target, salt: &[u8]) -> HashMap<String, Fingerprint> {
    use rayon::prelude::*;
    groups(prog, true).par_iter().map(|(unit, funcs, data)| (unit.to_string(), fingerprint(salt, backend, target, unit, funcs, data))).collect()
}

/// The [`Fingerprint`] of one unit.
fn fingerprint(salt: &[u8], backend: &str, target: &rgo_targets::Target, unit: &str, funcs: &[&Func], data: &[&Data]) -> Fingerprint {
    use std::hash::Hash;
    let mut x = Blake3Hasher { h: blake3::Hasher::new(), buf: Vec::with_capacity(1 << 16) };
    ("rgo unit 1", salt, backend, target.to_string(), target.nil_check.guard(), unit).hash(&mut x);
    funcs.hash(&mut x);
    data.hash(&mut x);
    x.h.update(&x.buf);
    *x.h.finalize().as_bytes()
}

/// The program as assembler files, one per package when `split` (each a
/// unit of assembly and of the object cache: `driver::build`), else one.
/// The files refer to each other's symbols only (every symbol is global;
/// `.L` labels, pooled constants and the collector's records stay in the
/// file of their function), and each file's function records go to the
/// one section the linker gathers ([`GC_FUNCS_SECTION`]). Emitted in
/// parallel.
pub fn emit_units<M: Machine>(prog: &Program, name: &str, target: &rgo_targets::Target, split: bool, cache: Option<&UnitCache>) -> Result<Vec<Unit>, EmitError> {
    use rayon::prelude::*;
    let nil_guard = target.nil_check.guard();
    groups(prog, split)
        .par_iter()
        .map(|(unit, funcs, data)| {
            let fingerprint = cache.and_then(|c| c.fingerprints.get(*unit).copied());
            let text = match cache {
                Some(c) if c.cached.contains(*unit) => String::new(),
                _ => emit_unit::<M>(unit, funcs, data, name, nil_guard)?,
            };
            Ok(Unit { name: unit.to_string(), text, fingerprint })
        })
        .collect()
}

/// One assembler file: `funcs`, the float constants they use, `data`, and
/// the functions' records for the collector.
fn emit_unit<M: Machine>(unit: &str, funcs: &[&Func], data: &[&Data], name: &str, nil_guard: u64) -> Result<String, EmitError> {
    let mut text = Text::new(M::COMMENT);
    let mut consts = Consts::default();
    let _ = writeln!(text.out, "{} Generated by rgo ({name} backend).", M::COMMENT);
    // The file symbol names the package: without one, some linkers name
    // the object's local symbols after its path, and a binary built from
    // the object cache would differ from a fresh build (test results are
    // cached by the binary's contents).
    text.ins(format!(".file \"{}.s\"", if unit.is_empty() { "go" } else { unit }));
    M::preamble(&mut text);
    text.ins(".text");
    // Per compiled function: its start and end labels and its frame.
    let mut gc: Vec<(String, String, GcFrame)> = vec![];
    for (fi, func) in funcs.iter().enumerate() {
        let sym = &*M::sym(&func.sym).map_err(|e| format!("function {}: {e}", func.sym))?;
        text.blank();
        if let Some(pos) = &func.pos {
            text.comment(&format!("at {pos}"));
        }
        text.ins(".p2align 4");
        text.ins(format!(".globl {sym}"));
        text.ins(format!(".type {sym}, %function"));
        text.label(sym);
        // Nested closures have names as long as their depth (gc's): the
        // function is named four times and referred to by local labels.
        let (begin, end) = (format!(".L{fi}_begin"), format!(".L{fi}_end"));
        text.label(&begin);
        text.ins(".cfi_startproc");
        let (body, frame) = emit_func::<M>(&mut consts, fi, func, nil_guard).map_err(|e| match &func.pos {
            Some(pos) => EmitError { pos: Some(pos.clone()), msg: e },
            None => format!("function {sym}: {e}").into(),
        })?;
        text.out.push_str(&body);
        text.label(&end);
        if let Some(frame) = frame {
            gc.push((begin.clone(), end.clone(), frame));
        }
        text.ins(".cfi_endproc");
        text.ins(format!(".size {sym}, {end}-{begin}"));
    }
    consts.emit(&mut text);
    for d in data {
        emit_data::<M>(&mut text, d, None).map_err(|e| format!("data {}: {e}", d.sym))?;
    }
    let (table, parts) = gc_funcs(gc);
    for d in &parts {
        emit_data::<M>(&mut text, d, None).map_err(|e| format!("data {}: {e}", d.sym))?;
    }
    if let Some(table) = table {
        emit_data::<M>(&mut text, &table, Some(&format!(".section {GC_FUNCS_SECTION},\"awR\""))).map_err(|e| format!("data {}: {e}", table.sym))?;
    }
    text.blank();
    // No executable stack.
    text.ins(".section .note.GNU-stack,\"\",%progbits");
    Ok(text.out)
}

/// What the collector knows of a compiled function's frame.
pub struct GcFrame {
    /// [`FrameLayout::size`].
    pub size: u32,
    /// Pointer words from the body's stack pointer (`size / 8` of them)
    /// live in a frame stopped at a fault ([`super::liveness::Liveness::fault`]).
    pub frame: PtrMask,
    /// Pointer words of the incoming stack argument area.
    pub args: PtrMask,
    /// Per call, in code order: its safepoint label (right after the
    /// call's instruction sequence) and the frame words live there, after
    /// the call and during it (see [`super::liveness::CallLive`]).
    pub safepoints: Vec<(String, PtrMask, PtrMask)>,
    /// The stack objects: offset from the body's stack pointer, size in
    /// words, pointer words; by offset.
    pub objects: Vec<(u32, u32, PtrMask)>,
    /// Where each source line's code starts: its mark (`Machine::mark`),
    /// the line, and whose line it is (0: the function's; `k + 1`: that of
    /// the function its `k`th inlined call copied in), in code order.
    pub lines: Vec<(String, u32, u32)>,
    /// The calls inlined into it, by [`Inst::InlineMark`] index.
    pub inlined: Vec<InlinedFrame>,
    /// The function's Go name ([`go_func_name`]), source file (absolute)
    /// and the line it is declared at.
    pub name: String,
    pub file: String,
    pub line: u32,
    /// It takes no parameters (receiver included).
    pub no_params: bool,
    /// It keeps no frame ([`frameless`]).
    pub frameless: bool,
}

/// A call inlined into a compiled function, as its record in the function
/// tables describes it (`RGO_GCFUNC_INL`).
#[derive(Clone, Debug)]
pub struct InlinedFrame {
    /// The mark of the call site's no-op ([`Inst::InlineMark`]).
    pub site: String,
    /// The inlined function's Go name, source file (absolute) and the line
    /// it is declared at.
    pub name: String,
    pub file: String,
    pub line: u32,
    pub no_params: bool,
}

/// The Go name of the function compiled as `sym`, as gc's runtime names
/// it: `pkg.(*T).M` for a method of the pointer type (rgo's `pkg.T$p.M`),
/// and the type arguments of an instance as `[...]`.
pub fn go_func_name(sym: &str) -> String {
    // A result-frame variant is the function it copies.
    let variant = crate::check::RESULT_FRAME_SUFFIX;
    let sym = &sym.replace(&format!("{variant}."), ".");
    let sym = sym.strip_suffix(variant).unwrap_or(sym);
    let mut out = String::with_capacity(sym.len());
    let mut depth = 0;
    for c in sym.chars() {
        match c {
            '[' => {
                if depth == 0 {
                    out.push_str("[...]");
                }
                depth += 1;
            }
            ']' => depth -= 1,
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    if let Some(i) = out.find("$p.") {
        // The type's name starts after the last `.` before it.
        let start = out[..i].rfind('.').map_or(0, |d| d + 1);
        out = format!("{}(*{}).{}", &out[..start], &out[start..i], &out[i + 3..]);
    }
    out
}


/// The function a record names (`RGO_GCFUNC_NAME`, `FILE`, `LINE`,
/// `FLAGS`): a compiled function, or one a call inlined; its name and file
/// are at the string symbols `name_sym` and `file_sym`.
struct Named<'a> {
    name: &'a str,
    name_sym: String,
    file: &'a str,
    file_sym: String,
    line: u32,
    no_params: bool,
}

/// The code a record describes: from the mark `start` to `end`, with the
/// function's `nlines` line records at `lines` (`RGO_GCFUNC_START`, `END`,
/// `NLINES`, `LINES`).
struct Code {
    start: String,
    end: String,
    lines: Option<String>,
    nlines: u64,
}

/// Writes the fields a compiled function's record and an inlined call's
/// share into the record at byte `at` of `init`, their relocations into
/// `relocs`.
fn put_named(init: &mut [u8], relocs: &mut Vec<crate::ir::Reloc>, at: usize, n: Named, code: Code) {
    use rt_arch::bindings::amd64 as t;
    let mut put = |off: u32, bytes: &[u8]| init[at + off as usize..at + off as usize + bytes.len()].copy_from_slice(bytes);
    put(t::RGO_GCFUNC_NAME_LEN, &(n.name.len() as u32).to_le_bytes());
    put(t::RGO_GCFUNC_LINE, &n.line.to_le_bytes());
    put(t::RGO_GCFUNC_FILE_LEN, &(n.file.len() as u32).to_le_bytes());
    put(t::RGO_GCFUNC_FLAGS, &(if n.no_params { t::RGO_GCFUNC_NO_PARAMS } else { 0 }).to_le_bytes());
    put(t::RGO_GCFUNC_NLINES, &code.nlines.to_le_bytes());
    let reloc = |off: u32, sym: String| crate::ir::Reloc { offset: at as u32 + off, sym, addend: 0 };
    relocs.push(reloc(t::RGO_GCFUNC_NAME, n.name_sym));
    relocs.push(reloc(t::RGO_GCFUNC_FILE, n.file_sym));
    relocs.push(reloc(t::RGO_GCFUNC_START, code.start));
    relocs.push(reloc(t::RGO_GCFUNC_END, code.end));
    if let Some(sym) = code.lines {
        relocs.push(reloc(t::RGO_GCFUNC_LINES, sym));
    }
}

/// The label of a file's function records ([`gc_funcs`]).
const GC_TABLE: &str = ".Lgcf.table";

/// The collector's records of one file's functions (layout
/// `RGO_GCFUNC_*`, in code order; `None` when there are none), for the
/// section the linker gathers into the runtime's function table, and what
/// they refer to, under labels local to the file: the safepoint records
/// (`RGO_GCSAFE_*`, in code order), the stack objects, the line marks,
/// the bitmaps (shared by every record with the same one), the names and
/// file paths.
fn gc_funcs(funcs: Vec<(String, String, GcFrame)>) -> (Option<Data>, Vec<Data>) {
    use rt_arch::bindings::amd64 as t;
    let rec = t::RGO_GCFUNC_SIZE as usize;
    let mut out = vec![];
    let mut bitmaps: HashMap<Vec<u8>, String> = HashMap::new();
    // Names and file paths, each once.
    let mut strings: HashMap<String, String> = HashMap::new();
    let mut string = |out: &mut Vec<Data>, s: &str| -> String {
        if let Some(sym) = strings.get(s) {
            return sym.clone();
        }
        let sym = format!(".Lgcf.str.{}", strings.len());
        out.push(Data { sym: sym.clone(), align: 1, size: s.len().max(1) as u32, init: Some(if s.is_empty() { vec![0] } else { s.as_bytes().to_vec() }), relocs: vec![], readonly: true });
        strings.insert(s.to_string(), sym.clone());
        sym
    };
    let mut init = vec![0u8; rec * funcs.len()];
    let mut relocs = vec![];
    for (i, (sym, end, f)) in funcs.into_iter().enumerate() {
        let at = i * rec;
        let frame_words = f.size as u64 / 8;
        let args_words = f.args.len();
        let mut all = f.frame;
        all.or_shifted(&f.args, frame_words);
        let mut bitmap = |bytes: Vec<u8>| {
            let n = bitmaps.len();
            bitmaps
                .entry(bytes.clone())
                .or_insert_with(|| {
                    let sym = format!(".Lgcf.bits.{n}");
                    out.push(Data { sym: sym.clone(), align: 1, size: bytes.len() as u32, init: Some(bytes), relocs: vec![], readonly: true });
                    sym
                })
                .clone()
        };
        let bits = bitmap(all.to_bytes(frame_words + args_words));
        let safe = t::RGO_GCSAFE_SIZE as usize;
        let mut sp_init = vec![0u8; safe * f.safepoints.len()];
        let mut sp_relocs = vec![];
        for (k, (label, after, during)) in f.safepoints.iter().enumerate() {
            let at = (k * safe) as u32;
            sp_relocs.push(crate::ir::Reloc { offset: at + t::RGO_GCSAFE_PC, sym: label.clone(), addend: 0 });
            let bits = bitmap(after.to_bytes(frame_words));
            sp_relocs.push(crate::ir::Reloc { offset: at + t::RGO_GCSAFE_BITMAP, sym: bits, addend: 0 });
            let bits = bitmap(during.to_bytes(frame_words));
            sp_relocs.push(crate::ir::Reloc { offset: at + t::RGO_GCSAFE_CALL_BITMAP, sym: bits, addend: 0 });
        }
        let obj = t::RGO_GCOBJ_SIZE as usize;
        let mut objs = f.objects;
        objs.sort_by_key(|o| o.0);
        let mut obj_init = vec![0u8; obj * objs.len()];
        let mut obj_relocs = vec![];
        for (k, (offset, words, ptrs)) in objs.iter().enumerate() {
            let at = k * obj;
            let put = |init: &mut Vec<u8>, off: u32, v: u32| {
                init[at + off as usize..at + off as usize + 4].copy_from_slice(&v.to_le_bytes())
            };
            put(&mut obj_init, t::RGO_GCOBJ_OFFSET, *offset);
            put(&mut obj_init, t::RGO_GCOBJ_WORDS, *words);
            let bits = bitmap(ptrs.to_bytes(*words as u64));
            obj_relocs.push(crate::ir::Reloc { offset: (at as u32) + t::RGO_GCOBJ_BITMAP, sym: bits, addend: 0 });
        }
        let nobj = objs.len() as u64;
        init[at + t::RGO_GCFUNC_NOBJ as usize..at + t::RGO_GCFUNC_NOBJ as usize + 8].copy_from_slice(&nobj.to_le_bytes());
        let nsafe = f.safepoints.len() as u64;
        init[at + t::RGO_GCFUNC_NSAFE as usize..at + t::RGO_GCFUNC_NSAFE as usize + 8].copy_from_slice(&nsafe.to_le_bytes());
        let sp_sym = (nsafe > 0).then(|| {
            let sym = format!(".Lgcf.safe.{i}");
            out.push(Data { sym: sym.clone(), align: 8, size: sp_init.len() as u32, init: Some(std::mem::take(&mut sp_init)), relocs: sp_relocs, readonly: true });
            sym
        });
        let obj_sym = (nobj > 0).then(|| {
            let sym = format!(".Lgcf.objs.{i}");
            out.push(Data { sym: sym.clone(), align: 8, size: obj_init.len() as u32, init: Some(obj_init), relocs: obj_relocs, readonly: true });
            sym
        });
        let put32 = |init: &mut Vec<u8>, off: u32, v: u32| {
            init[at + off as usize..at + off as usize + 4].copy_from_slice(&v.to_le_bytes())
        };
        put32(&mut init, t::RGO_GCFUNC_FRAME_SIZE, f.size);
        put32(&mut init, t::RGO_GCFUNC_ARGS_WORDS, args_words as u32);
        let own = Named { name: &f.name, name_sym: string(&mut out, &f.name), file: &f.file, file_sym: string(&mut out, &f.file), line: f.line, no_params: f.no_params };
        let nlines = f.lines.len() as u64;
        let lines_sym = (nlines > 0).then(|| {
            let rec = t::RGO_GCLINE_SIZE as usize;
            let mut ln_init = vec![0u8; rec * f.lines.len()];
            let mut ln_relocs = vec![];
            for (k, (label, line, inl)) in f.lines.iter().enumerate() {
                let o = k * rec;
                ln_init[o + t::RGO_GCLINE_LINE as usize..o + t::RGO_GCLINE_LINE as usize + 4].copy_from_slice(&line.to_le_bytes());
                ln_init[o + t::RGO_GCLINE_INL as usize..o + t::RGO_GCLINE_INL as usize + 4].copy_from_slice(&inl.to_le_bytes());
                ln_relocs.push(crate::ir::Reloc { offset: (o as u32) + t::RGO_GCLINE_PC, sym: label.clone(), addend: 0 });
            }
            let sym = format!(".Lgcf.lines.{i}");
            out.push(Data { sym: sym.clone(), align: 8, size: ln_init.len() as u32, init: Some(ln_init), relocs: ln_relocs, readonly: true });
            sym
        });
        let code = |start: String| Code { start, end: end.clone(), lines: lines_sym.clone(), nlines };
        put_named(&mut init, &mut relocs, at, own, code(sym));
        if f.frameless {
            let flags = t::RGO_GCFUNC_FRAMELESS | if f.no_params { t::RGO_GCFUNC_NO_PARAMS } else { 0 };
            put32(&mut init, t::RGO_GCFUNC_FLAGS, flags);
        }
        // The calls inlined into it: records of the same layout, each
        // pointing back at this one.
        put32(&mut init, t::RGO_GCFUNC_NINL, f.inlined.len() as u32);
        let inl_sym = (!f.inlined.is_empty()).then(|| {
            let mut inl_init = vec![0u8; rec * f.inlined.len()];
            let mut inl_relocs = vec![];
            for (k, call) in f.inlined.iter().enumerate() {
                let o = k * rec;
                let (name_sym, file_sym) = (string(&mut out, &call.name), string(&mut out, &call.file));
                let named = Named { name: &call.name, name_sym, file: &call.file, file_sym, line: call.line, no_params: call.no_params };
                put_named(&mut inl_init, &mut inl_relocs, o, named, code(call.site.clone()));
                let index = o + t::RGO_GCFUNC_INL_INDEX as usize;
                inl_init[index..index + 4].copy_from_slice(&(k as u32 + 1).to_le_bytes());
                inl_relocs.push(crate::ir::Reloc { offset: (o as u32) + t::RGO_GCFUNC_INL, sym: GC_TABLE.into(), addend: at as i64 });
            }
            let sym = format!(".Lgcf.inl.{i}");
            out.push(Data { sym: sym.clone(), align: 8, size: inl_init.len() as u32, init: Some(inl_init), relocs: inl_relocs, readonly: true });
            sym
        });
        let reloc = |off: u32, sym: String| crate::ir::Reloc { offset: (at as u32) + off, sym, addend: 0 };
        if let Some(sym) = inl_sym {
            relocs.push(reloc(t::RGO_GCFUNC_INL, sym));
        }
        relocs.push(reloc(t::RGO_GCFUNC_BITMAP, bits));
        if let Some(sym) = sp_sym {
            relocs.push(reloc(t::RGO_GCFUNC_SAFE, sym));
        }
        if let Some(sym) = obj_sym {
            relocs.push(reloc(t::RGO_GCFUNC_OBJS, sym));
        }
    }
    let table = (!init.is_empty()).then(|| Data { sym: GC_TABLE.into(), align: 8, size: init.len() as u32, init: Some(init), relocs, readonly: true });
    (table, out)
}

/// One function's instructions, as text, and the collector's view of its
/// frame (compiled bodies only).
fn emit_func<M: Machine>(consts: &mut Consts, fi: usize, func: &Func, nil_guard: u64) -> R<(String, Option<GcFrame>)> {
    let cx = |frame, nlabels| FnCtx { consts: Consts::default(), fi, frame, nlabels, nil_guard, frameless: false };
    let empty = FrameLayout { homes: vec![], outgoing: 0, size: 0 };
    let mut gc = None;
    let m = match &func.kind {
        FuncKind::Code(body) => {
            let (int, float) = M::ALLOCATABLE;
            let regs = super::regs::assign(body, int, float, &abi_registers(body, &func.abi), &call_registers(body));
            let direct = DirectCalls::of(body, &regs);
            let frame = FrameLayout::compute(body, &func.abi, M::FRAME, &regs.memoryless(body, |i, s, w| direct.moves(i, s, w)))?;
            let liveness = super::liveness::analyze(body);
            let (_, args) = frame.ptr_words(body)?;
            let (fw, _) = frame.ptr_words_of(body, |s| liveness.fault.contains(s))?;
            // Polls yield from out-of-line paths after the body's code
            // (`Body_::emit`): their safepoints come after the calls', in
            // code order, and each path is marked with its loop's line.
            let (mut safepoints, mut poll_safepoints) = (vec![], vec![]);
            let mut lines = vec![];
            // The line in force and whose it is (0: the function's own;
            // k + 1: its kth inlined call's), and the caller's at the
            // inlined call being emitted.
            let (mut line, mut inl) = (func.pos.as_ref().map_or(0, |p| p.line), 0);
            let mut at_call = (line, inl);
            let mut k = 0;
            for inst in &body.insts {
                match inst {
                    Inst::Line(l) => {
                        lines.push((line_label(fi, lines.len()), *l, inl));
                        line = *l;
                    }
                    Inst::InlineMark(c) | Inst::InlineResume(c) => {
                        let call = body.inlined.get(*c as usize).ok_or("an inline mark without its call")?;
                        at_call = (line, inl);
                        (line, inl) = (call.pos.line, c + 1);
                        lines.push((line_label(fi, lines.len()), line, inl));
                    }
                    Inst::InlineEnd(_) => {
                        (line, inl) = at_call;
                        lines.push((line_label(fi, lines.len()), line, inl));
                    }
                    Inst::Call { .. } | Inst::CallRuntime { .. } | Inst::Poll => {
                        let live = liveness.calls.get(k).ok_or("fewer call records than calls")?;
                        let (after, _) = frame.ptr_words_of(body, |s| live.after.contains(s))?;
                        let (during, _) = frame.ptr_words_of(body, |s| live.during.contains(s))?;
                        if let Inst::Poll = inst {
                            poll_safepoints.push(((safepoint_label(fi, k), after, during), line, inl));
                        } else {
                            safepoints.push((safepoint_label(fi, k), after, during));
                        }
                        k += 1;
                    }
                    _ => {}
                }
            }
            for (j, (sp, line, inl)) in poll_safepoints.into_iter().enumerate() {
                safepoints.push(sp);
                lines.push((poll_line_label(fi, j), line, inl));
            }
            let inlined = body
                .inlined
                .iter()
                .enumerate()
                .map(|(c, call)| InlinedFrame {
                    site: inline_site_label(fi, c as u32),
                    name: go_func_name(&call.sym),
                    file: call.pos.file.to_string(),
                    line: call.pos.line,
                    no_params: call.no_params,
                })
                .collect();
            let objects = frame.stack_objects(body, super::liveness::stack_objects(body).iter());
            let (file, decl) = func.pos.as_ref().map_or((String::new(), 0), |p| (p.file.to_string(), p.line));
            let frameless = M::FRAMELESS_LEAVES && frameless(body, &func.abi, &frame);
            gc = Some(GcFrame {
                size: frame.size,
                frame: fw,
                args,
                safepoints,
                objects,
                lines,
                inlined,
                name: go_func_name(&func.sym),
                file,
                line: decl,
                no_params: func.abi.call.values.is_empty(),
                frameless,
            });
            let mut m = M::new(FnCtx { frameless, ..cx(frame, body.nlabels) });
            Body_::emit(&mut m, body, &func.abi, &regs, &direct)?;
            m
        }
        FuncKind::TailWrapper { recv_path, target, nil_target } => {
            let mut m = M::new(cx(empty, 0));
            m.tail_wrapper(func, recv_path, target, nil_target.as_deref())?;
            m
        }
        FuncKind::ToAbi0 { target } => {
            let mut m = M::new(cx(empty, 0));
            m.wrapper_to_abi0(func, target)?;
            m
        }
        FuncKind::FromAbi0 { target } => {
            let mut m = M::new(cx(empty, 0));
            m.wrapper_from_abi0(func, target)?;
            m
        }
    };
    consts.merge(&m.cx().consts);
    Ok((m.finish(), gc))
}

/// The mark of the no-op at the site of the `k`th call inlined into
/// function `fi` ([`Inst::InlineMark`]).
fn inline_site_label(fi: usize, k: u32) -> String {
    format!(".L{fi}_inl{k}")
}

/// The mark where the code of the `k`th [`Inst::Line`] of function `fi`
/// starts.
fn line_label(fi: usize, k: usize) -> String {
    format!(".L{fi}_ln{k}")
}

/// The label right after the instruction sequence of call `k` (counting
/// `Call`, `CallRuntime` and `Poll`) of function `fi`: the call's return
/// address lies at or before it, and after the previous call's.
fn safepoint_label(fi: usize, k: usize) -> String {
    format!(".L{fi}_sp{k}")
}

/// The mark where the out-of-line path of the `j`th [`Inst::Poll`] of
/// function `fi` starts (a line of the pc-to-line table: its loop's).
fn poll_line_label(fi: usize, j: usize) -> String {
    format!(".L{fi}_pl{j}")
}

/// A loop's preemption point whose out-of-line path waits to be emitted
/// after the body.
struct PendingPoll {
    /// Its call number (for [`safepoint_label`]).
    call: usize,
    /// The slots with a register live across it.
    live: Vec<SlotId>,
}

impl PendingPoll {
    fn slow(fi: usize, j: usize) -> String {
        format!(".L{fi}_poll{j}")
    }

    fn resume(fi: usize, j: usize) -> String {
        format!(".L{fi}_polled{j}")
    }
}

/// Whether a compiled body can run without a frame of its own: a leaf (no
/// call of any kind, no poll, whose slow path calls the runtime, no landing
/// pad) that skips the stack check (no atomic or volatile access, which
/// need it as a preemption point), has no frame bytes (every slot in a
/// register or nowhere), no parameters or results on the stack and no use
/// of its frame or argument pointer. gc's leaves keep no frame either
/// (`NOFRAME`): a method such as `func (c *Counter) Add(x int) { c.n += x }`
/// is then its body and `ret`. Only a fault stops a goroutine in such a
/// function, and the runtime finds its caller from the return address the
/// ISA's call left (`RGO_GCFUNC_FRAMELESS`).
fn frameless(body: &Body, abi: &FuncAbi, frame: &FrameLayout) -> bool {
    let special = |o: &Operand| matches!(o, Operand::Special(Special::FramePointer | Special::ArgPointer | Special::CallArea));
    frame.size == 0
        && abi.stack_size == 0
        && !body.insts.iter().any(|i| {
            // (Only bodies without frame bytes get here: the copy is cheap.)
            let mut uses_frame = false;
            i.clone().visit_mut(&mut |o| uses_frame |= special(o), &mut |_, _| {});
            uses_frame
                || matches!(
                    i,
                    Inst::Call { .. }
                        | Inst::CallRuntime { .. }
                        | Inst::Poll
                        | Inst::Landing(_)
                        | Inst::Atomic { .. }
                        | Inst::VolatileLoad { .. }
                        | Inst::VolatileStore { .. }
                )
        })
}

/// The driver of one compiled body.
struct Body_;

impl Body_ {
    fn emit<M: Machine>(m: &mut M, body: &Body, abi: &FuncAbi, regs: &Assignment, direct: &DirectCalls) -> R<()> {
        check_labels(body)?;
        let single = crate::opt::single_use(body);
        let uses = crate::opt::count(body);
        let need = M::SAVED + m.cx().frame.size;
        // A small leaf skips the check, except around an atomic operation
        // or a volatile access: goroutines spin on atomics waiting for each
        // other (and on device registers, with volatile loads), so a
        // function doing one is a preemption point (the check doubles as
        // one).
        let checks = need > M::SMALL_FRAME
            || body.insts.iter().any(|i| {
                matches!(i, Inst::Call { .. } | Inst::Atomic { .. } | Inst::VolatileLoad { .. } | Inst::VolatileStore { .. })
            });
        let fi = m.cx().fi;
        let (entry, grow) = (format!(".L{fi}_entry"), format!(".L{fi}_grow"));
        if checks {
            m.label(&entry);
            if need + M::SMALL_FRAME + 16 <= M::STACK_GUARD {
                m.poll(&grow);
            } else {
                m.stack_check(need, &grow);
            }
        }
        m.enter();
        prologue_moves(m, body, abi, regs)?;
        zero_pointer_words(m, body)?;
        let any_regs = !regs.is_empty();
        for &s in regs.at_entry() {
            load_reg(m, body, regs, s)?;
        }
        let mut calls = 0;
        let mut lines = 0;
        let mut polls: Vec<PendingPoll> = vec![];
        let forward = forward_labels(body);
        let redundant = crate::opt::redundant_nil_checks(body, m.cx().nil_guard);
        let mut i = 0;
        while i < body.insts.len() {
            let inst = &body.insts[i];
            if redundant[i] {
                i += 1;
                continue;
            }
            if let Inst::Line(_) | Inst::InlineMark(_) | Inst::InlineResume(_) | Inst::InlineEnd(_) = inst {
                if let Inst::InlineMark(k) = inst {
                    m.mark(&inline_site_label(fi, *k));
                    m.nop();
                }
                m.mark(&line_label(fi, lines));
                lines += 1;
                i += 1;
                continue;
            }
            if let Inst::Poll = inst {
                let j = polls.len();
                m.poll(&PendingPoll::slow(fi, j));
                m.label(&PendingPoll::resume(fi, j));
                polls.push(PendingPoll { call: calls, live: regs.live_at_poll(i).to_vec() });
                calls += 1;
                i += 1;
                continue;
            }
            if let Inst::Label(l) = inst {
                if forward[*l as usize] {
                    let name = m.cx().label(*l);
                    m.forward_label(&name, falls_into(body, i));
                    i += 1;
                    continue;
                }
            }
            // A nil check's probe whose byte nothing reads: the load alone.
            if let Inst::Move { ty: Scalar::U8, dst: Addr::Slot(d, 0), src: Operand::Mem(at @ Addr::Deref(..)) } = inst {
                if uses[*d as usize].reads == 0 && !uses[*d as usize].pinned {
                    m.probe(&reg_loc(regs, at)).map_err(|e| format!("instruction {i} ({inst:?}): {e}"))?;
                    i += 1;
                    continue;
                }
            }
            // An element's address, folded into the access after it
            // (`reg_loc`): no code of its own.
            let folded = regs.folds().starts_at(i);
            if folded > 0 {
                i += folded;
                continue;
            }
            // An element of an array in memory: `b = &a; p = i * 2^k; p = p
            // + b`, with `b` read by that add alone.
            if let (Inst::AddrOf { dst: Addr::Slot(b, 0), src: array }, Some(next)) = (inst, body.insts.get(i + 1)) {
                if let Some((dst, Operand::Mem(Addr::Slot(b2, 0)), index, shift)) = index_pair(next, body.insts.get(i + 2)) {
                    if b2 == b && single[*b as usize] && !redundant[i + 1..i + 3].contains(&true) && regs.folds().starts_at(i + 1) == 0 {
                        let (dst, array, index) = (reg_loc(regs, dst), reg_loc(regs, array), reg_src(regs, index));
                        if m.index_addr_of(&dst, &array, &index, shift).map_err(|e| format!("instruction {i} ({inst:?}): {e}"))? {
                            write_through(m, body, regs, &body.insts[i + 2])?;
                            i += 3;
                            continue;
                        }
                    }
                }
            }
            // An element's address: `p = i * 2^k; p = p + base`.
            if let Some((dst, base, index, shift)) = index_pair(inst, body.insts.get(i + 1)) {
                if !redundant.get(i + 1).copied().unwrap_or(false) {
                    let (dst, base, index) = (reg_loc(regs, dst), reg_src(regs, base), reg_src(regs, index));
                    m.index_addr(&dst, &base, &index, shift).map_err(|e| format!("instruction {i} ({inst:?}): {e}"))?;
                    write_through(m, body, regs, &body.insts[i + 1])?;
                    i += 2;
                    continue;
                }
            }
            // A comparison whose only use is the jump right after it: the
            // jump tests the machine's condition instead of the stored bool.
            let next = body.insts.get(i + 1);
            let fusable = match (inst, next) {
                (
                    Inst::Bin { dst, .. },
                    Some(Inst::JumpIf { cond: Operand::Mem(c), .. } | Inst::JumpIfNot { cond: Operand::Mem(c), .. }),
                ) => c == dst,
                (
                    Inst::Atomic { op: AtomicOp::Cas, dst: Some(Addr::Slot(t, 0)), .. },
                    Some(Inst::JumpIf { cond: Operand::Mem(c), .. } | Inst::JumpIfNot { cond: Operand::Mem(c), .. }),
                ) => *c == Addr::Slot(*t, 0) && single[*t as usize] && M::cas_cond().is_some(),
                _ => false,
            };
            let cond_only = fusable
                && matches!(inst, Inst::Bin { dst: Addr::Slot(t, 0), .. } | Inst::Atomic { dst: Some(Addr::Slot(t, 0)), .. } if single[*t as usize]);
            // Values live across a call that are not written through go to
            // memory first (the call's argument moves may write their
            // registers), but for the arguments it reads from memory, which
            // `inst_synced` stores.
            if matches!(inst, Inst::Call { .. } | Inst::CallRuntime { .. }) {
                let d = direct.at(i);
                let read = super::liveness::effect(inst).uses;
                for s in regs.stores_at(i).filter(|s| !read.contains(s) || d.args.iter().any(|(a, _)| a == s)) {
                    store_reg(m, body, regs, s)?;
                }
            }
            let cond = match inst {
                // The swap's outcome in the condition, not in the slot.
                Inst::Atomic { op: AtomicOp::Cas, size, addr, val, old, .. } if cond_only => {
                    let i2 = Inst::Atomic { op: AtomicOp::Cas, size: *size, addr: addr.clone(), val: val.clone(), old: old.clone(), dst: None };
                    inst_(m, &i2, body, abi, regs, &CallDirect::default(), false).map_err(|e| format!("instruction {i} ({inst:?}): {e}"))?;
                    M::cas_cond()
                }
                _ if any_regs && super::regs::synced(inst, body) => {
                    inst_synced(m, inst, body, abi, regs, direct.at(i), cond_only).map_err(|e| format!("instruction {i} ({inst:?}): {e}"))?
                }
                _ => {
                    let c = inst_(m, inst, body, abi, regs, direct.at(i), cond_only).map_err(|e| format!("instruction {i} ({inst:?}): {e}"))?;
                    if !cond_only {
                        write_through(m, body, regs, inst)?;
                    }
                    c
                }
            };
            if matches!(inst, Inst::Call { .. } | Inst::CallRuntime { .. }) {
                // The registers of values live across the call come back
                // from memory; results it moved into registers go to it.
                let d = direct.at(i);
                for &(s, _) in d.results.iter().filter(|(s, _)| regs.through(*s)) {
                    store_reg(m, body, regs, s)?;
                }
                for &s in regs.reloads_at(i) {
                    load_reg(m, body, regs, s)?;
                }
                // Only the call's return reaches it.
                m.forward_label(&safepoint_label(fi, calls), true);
                calls += 1;
            }
            if let (Some(c), true) = (cond, fusable) {
                match next {
                    Some(Inst::JumpIf { target, .. }) => {
                        let l = m.cx().label(*target);
                        m.jump_on(c, true, &l);
                    }
                    Some(Inst::JumpIfNot { target, .. }) => {
                        let l = m.cx().label(*target);
                        m.jump_on(c, false, &l);
                    }
                    _ => unreachable!("fusable means a jump follows"),
                }
                i += 1;
            } else if cond_only {
                return Err(format!("instruction {i}: the comparison left no condition to jump on"));
            }
            i += 1;
        }
        // Control must never run off the end into the next function.
        let last = body.insts.iter().rev().find(|i| !matches!(i, Inst::Comment(_) | Inst::Line(_) | Inst::InlineEnd(_)));
        let ends = match last {
            Some(Inst::Ret | Inst::Jump(_)) => true,
            Some(Inst::CallRuntime { func, .. }) => crate::runtime_abi::NEVER_RETURN.contains(func),
            _ => false,
        };
        if !ends {
            m.trap();
        }
        for (j, p) in polls.iter().enumerate() {
            poll_path(m, body, regs, p, j)?;
        }
        if checks {
            grow_path(m, abi, need, &entry, &grow)?;
        }
        Ok(())
    }
}

/// `p = index * 2^shift` then `p = p + base` (shift at most 3, `p` a whole
/// 8-byte slot that `base` and `index` do not read): lowering's element
/// address, which [`Machine::index_addr`] emits as one.
fn index_pair<'a>(inst: &'a Inst, next: Option<&'a Inst>) -> Option<(&'a Addr, &'a Operand, &'a Operand, u32)> {
    let Inst::Bin { op: BinOp::Mul, ty: Scalar::I64 | Scalar::U64, dst, a: index, b: Operand::Imm(scale) } = inst else { return None };
    let Some(Inst::Bin { op: BinOp::Add, ty: Scalar::I64 | Scalar::U64, dst: d2, a: Operand::Mem(a2), b: base }) = next else { return None };
    let shift = match *scale {
        1 => 0,
        2 => 1,
        4 => 2,
        8 => 3,
        _ => return None,
    };
    let Addr::Slot(p, 0) = *dst else { return None };
    let names = |o: &Operand| matches!(o, Operand::Mem(Addr::Slot(s, _) | Addr::Deref(s, _)) if *s == p);
    (d2 == dst && a2 == dst && !names(base) && !names(index)).then_some((dst, base, index, shift))
}

/// For each label: whether every jump to it comes before it in the code
/// (so a backend has seen every path into it by the time it gets there).
/// Landings never are: the runtime enters them.
fn forward_labels(body: &Body) -> Vec<bool> {
    let n = body.nlabels as usize;
    let (mut placed, mut forward) = (vec![false; n], vec![true; n]);
    for inst in &body.insts {
        match inst {
            Inst::Label(l) => placed[*l as usize] = true,
            Inst::Landing(l) => {
                placed[*l as usize] = true;
                forward[*l as usize] = false;
            }
            Inst::Jump(l) | Inst::JumpIf { target: l, .. } | Inst::JumpIfNot { target: l, .. } if placed[*l as usize] => {
                forward[*l as usize] = false;
            }
            _ => {}
        }
    }
    forward
}

/// Whether control can fall into instruction `i` from the one before it
/// (comments aside): not after a jump, a return or a runtime call that
/// never returns.
fn falls_into(body: &Body, i: usize) -> bool {
    match body.insts[..i].iter().rev().find(|i| !matches!(i, Inst::Comment(_) | Inst::Line(_) | Inst::InlineMark(_) | Inst::InlineResume(_) | Inst::InlineEnd(_))) {
        Some(Inst::Jump(_) | Inst::Ret) => false,
        Some(Inst::CallRuntime { func, .. }) => !crate::runtime_abi::NEVER_RETURN.contains(func),
        _ => true,
    }
}

fn check_labels(body: &Body) -> R<()> {
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

/// Per slot: the one ABI register a parameter or result slot arrives or
/// leaves in whole, if so (see [`super::regs::assign`]).
fn abi_registers(body: &Body, abi: &FuncAbi) -> Vec<Option<(RegClass, u8)>> {
    let mut out = vec![None; body.slots.len()];
    for (slots, seq) in [(&body.params, &abi.call), (&body.results, &abi.ret)] {
        let moves = SeqMoves::of(seq);
        for (v, &s) in slots.iter().enumerate() {
            if let (Some(r), Some(o)) = (whole_register(&moves, v, body, s), out.get_mut(s as usize)) {
                *o = Some(r);
            }
        }
    }
    // A parameter's word in a slot of its own arrives in its register.
    let moves = SeqMoves::of(&abi.call);
    for w in &body.param_words {
        let mv = moves.regs.iter().find(|mv| mv.value == w.value && mv.offset == w.offset && mv.size == 8);
        if let (Some(mv), Some(o)) = (mv, out.get_mut(w.slot as usize)) {
            *o = Some((mv.class, mv.reg));
        }
    }
    // A slot that is both a parameter and a result (or the closure
    // context) has no one register.
    for &s in body.params.iter().filter(|s| body.results.contains(s)).chain(&body.ctx) {
        if let Some(o) = out.get_mut(s as usize) {
            *o = None;
        }
    }
    out
}

/// The one register value `v` of `moves` is moved in, if it is moved
/// whole in one (slot `s` holds it).
fn whole_register(moves: &SeqMoves, v: usize, body: &Body, s: SlotId) -> Option<(RegClass, u8)> {
    let size = body.slots.get(s as usize)?.size;
    let mut mine = moves.regs.iter().filter(|mv| mv.value == v);
    match (mine.next(), mine.next()) {
        (Some(mv), None) if mv.offset == 0 && mv.size == size && !moves.stack.iter().any(|st| st.value == v) => Some((mv.class, mv.reg)),
        _ => None,
    }
}

/// Per slot: the registers the body's calls move it to (an argument) or
/// from (a result) whole.
fn call_registers(body: &Body) -> Vec<Vec<(RegClass, u8)>> {
    let mut out = vec![vec![]; body.slots.len()];
    for inst in &body.insts {
        let Inst::Call { abi, args, results, .. } = inst else { continue };
        for (addrs, seq) in [(args, &abi.call), (results, &abi.ret)] {
            let moves = SeqMoves::of(seq);
            for (v, a) in addrs.iter().enumerate() {
                let Addr::Slot(s, 0) = a else { continue };
                if let (Some(r), Some(hints)) = (whole_register(&moves, v, body, *s), out.get_mut(*s as usize)) {
                    if !hints.contains(&r) {
                        hints.push(r);
                    }
                }
            }
        }
    }
    out
}

/// A move from register `from` to `to` of slot `s`'s class and size, if
/// they differ.
fn reg_move<M: Machine>(m: &mut M, body: &Body, regs: &Assignment, s: SlotId, from: (RegClass, u8), to: (RegClass, u8)) -> R<()> {
    if from == to {
        return Ok(());
    }
    m.move_(slot_scalar(body, regs, s)?, &Loc::Reg(to.0, to.1), &Src::Loc(Loc::Reg(from.0, from.1)))
}

/// Moves the parameters into their slots: the closure context first, then
/// the register parameters (before the copies, which use scratch registers
/// that may be argument registers): those in memory stored, then those
/// with a register of their own moved into it (`regs.rs`; no primitive
/// uses those registers as scratch), then the stack parameters that did
/// not stay in the caller's area.
fn prologue_moves<M: Machine>(m: &mut M, body: &Body, abi: &FuncAbi, regs: &Assignment) -> R<()> {
    if let Some(c) = body.ctx {
        m.move_(Scalar::U64, &Loc::Slot(c, 0), &Src::Loc(Loc::Context))?;
    }
    let moves = SeqMoves::of(&abi.call);
    for mv in &moves.regs {
        let (s, off) = body.param_home(mv.value, mv.offset);
        // (A parameter written through is stored as it arrives, and moved.)
        let moved = regs.entry_moves().iter().any(|(p, _)| *p == s) && !regs.through(s);
        if moved || m.cx().frame.home(s)? == SlotHome::Nowhere {
            continue;
        }
        let dst = Loc::Slot(s, off as i32);
        m.move_(reg_scalar(mv.class, mv.size)?, &dst, &Src::Loc(Loc::Reg(mv.class, mv.reg)))?;
    }
    for &(s, from) in regs.entry_moves() {
        let to = regs.reg(s).ok_or("a parameter moved to no register")?;
        reg_move(m, body, regs, s, from, to)?;
    }
    for mv in &moves.stack {
        let s = body.params[mv.value];
        if let SlotHome::Frame(_) = m.cx().frame.home(s)? {
            m.copy(&Loc::Slot(s, 0), &Loc::In(mv.area_offset), mv.size)?;
        }
    }
    Ok(())
}

/// Zeroes every slot word that may hold a pointer, except in the
/// parameters and the closure context (stored at entry): the collector
/// reads a slot live at a call before every path has written it (and every
/// slot of a frame stopped at a fault), so no such word may keep what an
/// earlier frame left there. Runs of pointer words that are
/// neighbours in memory, across slots, are zeroed at once. Runs after the
/// parameter moves: the zeroing may use argument registers as scratch.
fn zero_pointer_words<M: Machine>(m: &mut M, body: &Body) -> R<()> {
    // (in the caller's area, byte offset in that area or the frame, slot,
    // offset in the slot, bytes)
    let mut runs: Vec<(bool, u32, SlotId, u32, u32)> = vec![];
    for (i, slot) in body.slots.iter().enumerate() {
        let s = i as SlotId;
        if slot.ptrs.is_empty() || body.is_param(s) || body.ctx == Some(s) {
            continue;
        }
        let (incoming, base) = match m.cx().frame.home(s)? {
            SlotHome::Frame(o) => (false, o),
            SlotHome::Incoming(o) => (true, o),
            // No bytes: written before it is read, never live at a call.
            SlotHome::Nowhere => continue,
        };
        for (w, n) in slot.ptrs.runs() {
            runs.push((incoming, base + 8 * w as u32, s, 8 * w as u32, 8 * n as u32));
        }
    }
    runs.sort_by_key(|r| (r.0, r.1));
    let mut i = 0;
    while i < runs.len() {
        let (incoming, at, s, in_slot, mut bytes) = runs[i];
        i += 1;
        while i < runs.len() && runs[i].0 == incoming && runs[i].1 == at + bytes {
            bytes += runs[i].4;
            i += 1;
        }
        m.zero(&Loc::Slot(s, in_slot as i32), bytes)?;
    }
    Ok(())
}

/// Moves the results out (stack results first: the copies use scratch
/// registers that are result registers; then those in registers of their
/// own, as `regs.rs` ordered them; then those in memory) and returns.
fn ret<M: Machine>(m: &mut M, body: &Body, abi: &FuncAbi, regs: &Assignment) -> R<()> {
    let moves = SeqMoves::of(&abi.ret);
    for mv in &moves.stack {
        let s = body.results[mv.value];
        if let SlotHome::Frame(_) = m.cx().frame.home(s)? {
            m.copy(&Loc::In(mv.area_offset), &Loc::Slot(s, 0), mv.size)?;
        }
    }
    for &s in regs.ret_spilled() {
        store_reg(m, body, regs, s)?;
    }
    for &(s, to) in regs.ret_moves() {
        let from = regs.reg(s).ok_or("a result moved from no register")?;
        reg_move(m, body, regs, s, from, to)?;
    }
    for mv in &moves.regs {
        let s = body.results[mv.value];
        if regs.ret_moves().iter().any(|(r, _)| *r == s) {
            continue;
        }
        let src = Loc::Slot(s, mv.offset as i32);
        m.move_(reg_scalar(mv.class, mv.size)?, &Loc::Reg(mv.class, mv.reg), &Src::Loc(src))?;
    }
    m.leave_and_return();
    Ok(())
}

/// The out-of-line half of the stack check: spill the register arguments
/// into the spill area the caller reserved above the stack arguments, let
/// the runtime move the argument area to a new segment, reload the
/// registers from the moved copy and check again.
fn grow_path<M: Machine>(m: &mut M, abi: &FuncAbi, need: u32, entry: &str, grow: &str) -> R<()> {
    let moves = SeqMoves::of(&abi.call);
    let spill_at = |mv: &super::frame::RegMove| {
        let off = match abi.call.values[mv.value].placement {
            reflect::abi::Placement::Registers { spill_offset: Some(o) } => o,
            _ => 0,
        };
        Loc::EntryIn(abi.stack_size as u32 + off + mv.offset)
    };
    m.label(grow);
    for mv in &moves.regs {
        m.move_(reg_scalar(mv.class, mv.size)?, &spill_at(mv), &Src::Loc(Loc::Reg(mv.class, mv.reg)))?;
    }
    m.call_morestack(need, (abi.stack_size + abi.spill_size) as u32);
    for mv in &moves.regs {
        m.move_(reg_scalar(mv.class, mv.size)?, &Loc::Reg(mv.class, mv.reg), &Src::Loc(spill_at(mv)))?;
    }
    m.jump(entry);
    Ok(())
}

/// The out-of-line half of poll `j` (`p`): store the registers live across
/// it in their slots (the collector reads slots, at the poll's safepoint),
/// yield, reload them and go back into the loop.
fn poll_path<M: Machine>(m: &mut M, body: &Body, regs: &Assignment, p: &PendingPoll, j: usize) -> R<()> {
    let fi = m.cx().fi;
    m.label(&PendingPoll::slow(fi, j));
    m.mark(&poll_line_label(fi, j));
    for &s in p.live.iter().filter(|&&s| !regs.through(s)) {
        store_reg(m, body, regs, s)?;
    }
    m.call_runtime(crate::runtime_abi::POLL, &[], &[])?;
    m.forward_label(&safepoint_label(fi, p.call), true);
    for &s in &p.live {
        load_reg(m, body, regs, s)?;
    }
    m.jump(&PendingPoll::resume(fi, j));
    Ok(())
}

/// The register moves of one call that skip memory: arguments without
/// pointers moved from their slot's register into the ABI's, results from
/// the ABI's into their slot's (see [`DirectCalls`]).
#[derive(Clone, Debug, Default)]
struct CallDirect {
    /// (slot, the ABI register it goes to), in an order that reads each
    /// register before another move writes it.
    args: Vec<(SlotId, (RegClass, u8))>,
    /// (slot, the ABI register it comes from), likewise ordered.
    results: Vec<(SlotId, (RegClass, u8))>,
}

/// Per call of a body (by instruction index): the values it moves between
/// registers without going through their slots' memory. An argument
/// qualifies when its slot has a register of the ABI register's class,
/// holds no pointer (a pointer passed only in a register would be seen by
/// no stack map if the callee's stack check yields to a collection: the
/// slot's memory, live during the call, keeps it) and is passed once and
/// not also as the callee; a result when its slot has a register of the
/// class and receives it once. Moves that would close a cycle go through
/// memory as before.
#[derive(Default)]
struct DirectCalls {
    calls: HashMap<usize, CallDirect>,
}

impl DirectCalls {
    fn of(body: &Body, regs: &Assignment) -> DirectCalls {
        let mut calls = HashMap::new();
        for (i, inst) in body.insts.iter().enumerate() {
            let Inst::Call { callee, abi, args, results } = inst else { continue };
            let callee_slot = match callee {
                Callee::Closure(Operand::Mem(a)) | Callee::Indirect(Operand::Mem(a)) => match a {
                    Addr::Slot(s, _) | Addr::Deref(s, _) => Some(*s),
                    Addr::Global(..) => None,
                },
                _ => None,
            };
            let once = |addrs: &[Addr], s: SlotId| addrs.iter().filter(|a| matches!(a, Addr::Slot(t, _) | Addr::Deref(t, _) if *t == s)).count() == 1;
            let mut d = CallDirect::default();
            // (slot, from, to) candidates, then ordered.
            let pick = |addrs: &[Addr], seq: &reflect::abi::Seq, to_abi: bool| {
                let moves = SeqMoves::of(seq);
                let mut cands: Vec<(SlotId, (RegClass, u8))> = vec![];
                let mut pairs = vec![];
                for (v, a) in addrs.iter().enumerate() {
                    let Addr::Slot(s, 0) = *a else { continue };
                    let (Some(own), Some(abi_reg)) = (regs.reg(s), whole_register(&moves, v, body, s)) else { continue };
                    let plain = !to_abi || body.slots[s as usize].ptrs.is_empty();
                    if own.0 == abi_reg.0 && plain && once(addrs, s) && callee_slot != Some(s) {
                        cands.push((s, abi_reg));
                        pairs.push(if to_abi { (own, abi_reg) } else { (abi_reg, own) });
                    }
                }
                let (order, _) = super::regs::schedule(&pairs);
                order.into_iter().map(|j| cands[j]).collect::<Vec<_>>()
            };
            d.args = pick(args, &abi.call, true);
            d.results = pick(results, &abi.ret, false);
            if !d.args.is_empty() || !d.results.is_empty() {
                calls.insert(i, d);
            }
        }
        DirectCalls { calls }
    }

    /// The direct moves of the call at instruction `i` (none for others).
    fn at(&self, i: usize) -> &CallDirect {
        static NONE: CallDirect = CallDirect { args: vec![], results: vec![] };
        self.calls.get(&i).unwrap_or(&NONE)
    }

    /// Whether the call at instruction `i` moves slot `s` without memory,
    /// as a result (`write`) or as an argument.
    fn moves(&self, i: usize, s: SlotId, write: bool) -> bool {
        self.calls.get(&i).is_some_and(|d| if write { &d.results } else { &d.args }.iter().any(|(t, _)| *t == s))
    }
}

/// A Go call. Stack arguments are copied into the outgoing area first, then
/// the arguments moved from registers (`direct`; no copy or callee load
/// touches the registers slots live in), then the callee is loaded, then
/// the register arguments from memory last, so no scratch register use can
/// clobber them; after the call, register results are stored before the
/// direct ones are moved out of the ABI registers they would overwrite, and
/// the stack results copied last, for the same reason.
#[allow(clippy::too_many_arguments)]
fn call<M: Machine>(
    m: &mut M,
    body: &Body,
    regs: &Assignment,
    callee: &Callee,
    abi: &FuncAbi,
    args: &[Addr],
    results: &[Addr],
    direct: &CallDirect,
) -> R<()> {
    if args.len() != abi.call.values.len() || results.len() != abi.ret.values.len() {
        return Err(format!(
            "call has {} arguments and {} results, its ABI {} and {}",
            args.len(),
            results.len(),
            abi.call.values.len(),
            abi.ret.values.len()
        ));
    }
    let moves = SeqMoves::of(&abi.call);
    for mv in &moves.stack {
        m.copy(&Loc::Out(mv.area_offset), &Loc::from(&args[mv.value]), mv.size)?;
    }
    for &(s, to) in &direct.args {
        let from = regs.reg(s).ok_or("a direct argument without a register")?;
        reg_move(m, body, regs, s, from, to)?;
    }
    m.load_callee(callee)?;
    let is_direct = |list: &[(SlotId, (RegClass, u8))], a: &Addr, mv: &super::frame::RegMove| {
        matches!(a, Addr::Slot(s, 0) if list.iter().any(|(t, r)| t == s && *r == (mv.class, mv.reg)))
    };
    for mv in moves.regs.iter().filter(|mv| !is_direct(&direct.args, &args[mv.value], mv)) {
        let src = Loc::from(&args[mv.value]).plus(mv.offset);
        m.move_(reg_scalar(mv.class, mv.size)?, &Loc::Reg(mv.class, mv.reg), &Src::Loc(src))?;
    }
    m.call(callee)?;
    let moves = SeqMoves::of(&abi.ret);
    for mv in moves.regs.iter().filter(|mv| !is_direct(&direct.results, &results[mv.value], mv)) {
        let dst = Loc::from(&results[mv.value]).plus(mv.offset);
        m.move_(reg_scalar(mv.class, mv.size)?, &dst, &Src::Loc(Loc::Reg(mv.class, mv.reg)))?;
    }
    for &(s, from) in &direct.results {
        let to = regs.reg(s).ok_or("a direct result without a register")?;
        reg_move(m, body, regs, s, from, to)?;
    }
    for mv in &moves.stack {
        m.copy(&Loc::from(&results[mv.value]), &Loc::Out(mv.area_offset), mv.size)?;
    }
    Ok(())
}

/// The type a slot that lives in a register moves as between it and the
/// slot's memory.
fn slot_scalar(body: &Body, regs: &Assignment, s: SlotId) -> R<Scalar> {
    let (class, _) = regs.reg(s).ok_or("a slot without a register")?;
    reg_scalar(class, body.slots[s as usize].size)
}

/// Stores the register slot `s` lives in into the slot's memory.
fn store_reg<M: Machine>(m: &mut M, body: &Body, regs: &Assignment, s: SlotId) -> R<()> {
    let (c, n) = regs.reg(s).ok_or("a slot without a register")?;
    m.move_(slot_scalar(body, regs, s)?, &Loc::Slot(s, 0), &Src::Loc(Loc::Reg(c, n)))
}

/// Loads slot `s`'s memory into the register it lives in.
fn load_reg<M: Machine>(m: &mut M, body: &Body, regs: &Assignment, s: SlotId) -> R<()> {
    let (c, n) = regs.reg(s).ok_or("a slot without a register")?;
    m.move_(slot_scalar(body, regs, s)?, &Loc::Reg(c, n), &Src::Loc(Loc::Slot(s, 0)))
}

/// Stores the registers of the written-through slots ([`Assignment::through`])
/// that native instruction `inst` wrote, into their memory.
fn write_through<M: Machine>(m: &mut M, body: &Body, regs: &Assignment, inst: &Inst) -> R<()> {
    for (s, _) in super::liveness::effect(inst).writes {
        if regs.through(s) {
            store_reg(m, body, regs, s)?;
        }
    }
    Ok(())
}

/// Stores the registers of the slots an instruction reads (its effect
/// `e`) into their slots' memory, where it reads them (`regs.rs`).
fn sync_out<M: Machine>(m: &mut M, body: &Body, regs: &Assignment, e: &super::liveness::Effect) -> R<()> {
    let mut done: Vec<SlotId> = vec![];
    // A partial write keeps the rest of the slot: it reads it too.
    let partial = e.writes.iter().filter(|(s, r)| !super::regs::writes_whole(body, *s, r)).map(|(s, _)| s);
    for &s in e.uses.iter().chain(partial) {
        // (Memory written through is current.)
        if regs.reg(s).is_some() && !regs.through(s) && !done.contains(&s) {
            done.push(s);
            store_reg(m, body, regs, s)?;
        }
    }
    Ok(())
}

/// Loads the slots an instruction (of effect `e`) wrote in memory into
/// their registers.
fn sync_in<M: Machine>(m: &mut M, body: &Body, regs: &Assignment, e: &super::liveness::Effect) -> R<()> {
    let mut done: Vec<SlotId> = vec![];
    for &(s, _) in &e.writes {
        if regs.reg(s).is_some() && !done.contains(&s) {
            done.push(s);
            load_reg(m, body, regs, s)?;
        }
    }
    Ok(())
}

/// An instruction that works on slots' memory ([`super::regs::synced`]),
/// with the registers of the slots it reads stored before it and those
/// it writes loaded after it.
fn inst_synced<M: Machine>(m: &mut M, inst: &Inst, body: &Body, abi: &FuncAbi, regs: &Assignment, direct: &CallDirect, cond_only: bool) -> R<Option<M::Cond>> {
    let mut e = super::liveness::effect(inst);
    // What a call moves between registers itself needs no memory.
    e.uses.retain(|s| !direct.args.iter().any(|(a, _)| a == s));
    e.writes.retain(|(s, _)| !direct.results.iter().any(|(r, _)| r == s));
    sync_out(m, body, regs, &e)?;
    let c = inst_(m, inst, body, abi, regs, direct, cond_only)?;
    sync_in(m, body, regs, &e)?;
    Ok(c)
}

/// Where a native instruction finds `a`: the register of the slot (or of
/// the pointer) when it has one, else memory; an element whose address
/// was folded into the access, at its base and index.
fn reg_loc(regs: &Assignment, a: &Addr) -> Loc {
    match *a {
        Addr::Slot(s, 0) => regs.reg(s).map_or_else(|| Loc::from(a), |(c, n)| Loc::Reg(c, n)),
        Addr::Deref(p, off) => match regs.folds().of_temp(p) {
            Some(f) => {
                let word = |s: SlotId| regs.reg(s).map_or(Word::Slot(s), |(_, n)| Word::Reg(n));
                let base = match f.base {
                    super::fold::Base::Slot(s) => word(s),
                    super::fold::Base::Frame { array, off: array_off, .. } => Word::Frame(array, array_off),
                };
                Loc::Indexed { base, index: word(f.index), shift: f.shift, off }
            }
            None => regs.reg(p).map_or_else(|| Loc::from(a), |(_, n)| Loc::DerefReg(n, off)),
        },
        _ => Loc::from(a),
    }
}

/// Operand `o` as [`reg_loc`] finds it.
fn reg_src(regs: &Assignment, o: &Operand) -> Src {
    match o {
        Operand::Mem(a) => Src::Loc(reg_loc(regs, a)),
        _ => Src::from(o),
    }
}

/// One instruction; a comparison may return its condition for jump fusion.
fn inst_<M: Machine>(m: &mut M, inst: &Inst, body: &Body, abi: &FuncAbi, regs: &Assignment, direct: &CallDirect, cond_only: bool) -> R<Option<M::Cond>> {
    // Slots that live in registers, for the instructions that take them
    // (the others read and write slots' memory, brought in line by
    // `Body_::emit`).
    let loc = |a: &Addr| reg_loc(regs, a);
    let src = |o: &Operand| reg_src(regs, o);
    match inst {
        Inst::Comment(s) => m.comment(s),
        // Marked by the driver (`Body_::emit`), with the mark's no-op.
        Inst::Line(_) | Inst::InlineMark(_) | Inst::InlineResume(_) | Inst::InlineEnd(_) => {}
        Inst::Label(l) => {
            let l = m.cx().label(*l);
            m.label(&l);
        }
        Inst::Landing(l) => {
            let l = m.cx().label(*l);
            m.label(&l);
            m.landing();
        }
        Inst::Jump(l) => {
            let l = m.cx().label(*l);
            m.jump(&l);
        }
        Inst::JumpIf { cond, target } | Inst::JumpIfNot { cond, target } => {
            let when = matches!(inst, Inst::JumpIf { .. });
            let l = m.cx().label(*target);
            m.jump_if(&src(cond), when, &l)?;
        }
        Inst::Move { ty, dst, src: a } => m.move_(*ty, &loc(dst), &src(a))?,
        Inst::Copy { dst, src, size } => {
            if *size > 0 {
                m.copy(&dst.into(), &src.into(), *size)?;
            }
        }
        Inst::Zero { dst: Addr::Slot(s, 0), .. } if regs.reg(*s).is_some() => {
            m.move_(slot_scalar(body, regs, *s)?, &loc(&Addr::Slot(*s, 0)), &Src::Imm(0))?;
        }
        Inst::Zero { dst, size } => {
            if *size > 0 {
                m.zero(&dst.into(), *size)?;
            }
        }
        Inst::AddrOf { dst, src: a } => m.addr_of(&loc(dst), &loc(a))?,
        Inst::Bin { op, ty, dst, a, b } => return m.bin(*op, *ty, &loc(dst), &src(a), &src(b), cond_only),
        Inst::Un { op, ty, dst, a } => m.un(*op, *ty, &loc(dst), &src(a))?,
        Inst::Convert { from, to, dst, src: a } => m.convert(*from, *to, &loc(dst), &src(a))?,
        Inst::Call { callee, abi, args, results } => call(m, body, regs, callee, abi, args, results, direct)?,
        Inst::CallRuntime { func, args, rets } => {
            let args: Vec<(Scalar, Src)> = args.iter().map(|(t, o)| (*t, o.into())).collect();
            let rets: Vec<(Scalar, Loc)> = rets.iter().map(|(t, a)| (*t, a.into())).collect();
            m.call_runtime(func, &args, &rets)?
        }
        Inst::Ret => ret(m, body, abi, regs)?,
        Inst::Poll => return Err("a poll emitted outside the body's driver".into()),
        Inst::Atomic { op, size, addr, val, old, dst } => {
            check_atomic(*op, *size, val.is_some(), old.is_some(), dst.is_some())?;
            let (val, old) = (val.as_ref().map(src), old.as_ref().map(src));
            let dst = dst.as_ref().map(loc);
            m.atomic(*op, *size, &src(addr), val.as_ref(), old.as_ref(), dst.as_ref())?
        }
        Inst::VolatileLoad { size, addr, dst } => {
            check_volatile(*size)?;
            m.volatile_load(*size, &addr.into(), &dst.into())?
        }
        Inst::VolatileStore { size, addr, val } => {
            check_volatile(*size)?;
            m.volatile_store(*size, &addr.into(), &val.into())?
        }
    }
    Ok(None)
}

/// Checks the size of a volatile access: 1, 2, 4 or 8 bytes.
pub fn check_volatile(size: u32) -> R<()> {
    match size {
        1 | 2 | 4 | 8 => Ok(()),
        _ => Err(format!("volatile access of {size} bytes (1, 2, 4 or 8)")),
    }
}

/// Checks the shape of an [`Inst::Atomic`]: a size of 4 or 8; `val` for
/// every operation but `Load`; `old` for `Cas` only; `dst` for `Load`, none
/// for `Store` (optional for the others).
pub fn check_atomic(op: AtomicOp, size: u32, val: bool, old: bool, dst: bool) -> R<()> {
    if size != 4 && size != 8 {
        return Err(format!("atomic {op:?} of {size} bytes (4 or 8)"));
    }
    if val != (op != AtomicOp::Load) {
        return Err(format!("atomic {op:?} {} a value operand", if val { "with" } else { "without" }));
    }
    if old != (op == AtomicOp::Cas) {
        return Err(format!("atomic {op:?} {} an expected (old) operand", if old { "with" } else { "without" }));
    }
    match (op, dst) {
        (AtomicOp::Load, false) => Err("atomic Load without a destination".into()),
        (AtomicOp::Store, true) => Err("atomic Store with a destination".into()),
        _ => Ok(()),
    }
}

/// One data symbol. Read-only data with relocations goes to
/// `.data.rel.ro`, which the linker may keep writable until relocation in
/// position-independent links; everything else to `.rodata`, `.data` or
/// (zero and writable, no relocations) `.bss`.
/// Writes data symbol `d` in its section (`section`, when given, else the
/// one its kind calls for); a `.L` name is a label local to the file.
fn emit_data<M: Machine>(out: &mut Text, d: &Data, section: Option<&str>) -> Result<(), String> {
    let local = is_local_label(&d.sym);
    let sym = if local { d.sym.as_str().into() } else { M::sym(&d.sym)? };
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
        if !is_local_label(&r.sym) {
            M::sym(&r.sym)?;
        }
        if (r.offset as u64) < end || r.offset as u64 + 8 > d.size as u64 {
            return Err(format!("relocation at {} overlaps another or the end", r.offset));
        }
        end = r.offset as u64 + 8;
    }
    let by_kind = match (d.readonly, relocs.is_empty(), d.init.is_some()) {
        (true, true, _) => ".section .rodata",
        (true, false, _) => ".section .data.rel.ro,\"aw\"",
        (false, true, false) => ".bss",
        (false, _, _) => ".data",
    };
    out.blank();
    out.ins(section.unwrap_or(by_kind));
    if !local {
        out.ins(format!(".globl {sym}"));
        out.ins(format!(".type {sym}, %object"));
        out.ins(format!(".size {sym}, {}", d.size));
    }
    out.ins(format!(".balign {align}"));
    out.label(&sym);
    // Zero storage is written as `.zero` runs, never materialized: a
    // global may be gigabytes large.
    let Some(bytes) = d.init.as_deref() else {
        let mut at = 0u64;
        for r in &relocs {
            if r.offset as u64 > at {
                out.ins(format!(".zero {}", r.offset as u64 - at));
            }
            emit_quad(out, r);
            at = r.offset as u64 + 8;
        }
        if (d.size as u64) > at {
            out.ins(format!(".zero {}", d.size as u64 - at));
        }
        return Ok(());
    };
    let mut at = 0usize;
    for r in &relocs {
        emit_bytes(out, &bytes[at..r.offset as usize]);
        emit_quad(out, r);
        at = r.offset as usize + 8;
    }
    emit_bytes(out, &bytes[at..]);
    Ok(())
}

/// Whether a name is a label local to the file (a safepoint,
/// [`safepoint_label`], or the collector's records) rather than a symbol.
fn is_local_label(sym: &str) -> bool {
    sym.starts_with(".L")
}

/// An 8-byte absolute address.
fn emit_quad(out: &mut Text, r: &crate::ir::Reloc) {
    // Checked by `emit_data` already.
    let sym = if is_local_label(&r.sym) { r.sym.as_str().into() } else { asm_sym(&r.sym).unwrap_or_default() };
    let sign = if r.addend < 0 { "-" } else { "+" };
    if r.addend == 0 {
        out.ins(format!(".quad {sym}"));
    } else {
        out.ins(format!(".quad {sym}{sign}{}", r.addend.unsigned_abs()));
    }
}

/// Bytes as `.byte` lines, with runs of zeros as `.zero`.
fn emit_bytes(out: &mut Text, bytes: &[u8]) {
    let mut i = 0;
    while i < bytes.len() {
        let zeros = bytes[i..].iter().take_while(|&&b| b == 0).count();
        if zeros >= 8 || zeros == bytes.len() - i {
            out.ins(format!(".zero {zeros}"));
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
        out.ins(format!(".byte {line}"));
    }
}

/// The integer constant `v` truncated to `ty` and extended back by its
/// signedness: the value the operation sees.
pub fn norm_imm(ty: Scalar, v: i64) -> i64 {
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
pub fn float_bits(ty: Scalar, f: f64) -> i64 {
    if ty == Scalar::F32 {
        (f as f32).to_bits() as i64
    } else {
        f.to_bits() as i64
    }
}

/// Whether an access at `[base + n]` through a nil base faults by itself
/// when the first `guard` bytes of the address space are never mapped (gc
/// folds nil checks into loads under the same rule); otherwise the code
/// touches the base first.
pub fn faults_on_nil(guard: u64, n: u32) -> bool {
    (n as u64) < guard
}
