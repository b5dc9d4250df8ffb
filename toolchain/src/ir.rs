//! rgo's intermediate representation: what lowering produces and each target
//! turns into assembly.
//!
//! The IR is deliberately memory-based: every Go value lives in a frame slot,
//! in global data or behind a pointer held in a slot, and each instruction
//! reads its operands from memory and writes its result to memory. Targets map
//! an instruction to a short fixed sequence (load, operate, store). Calls carry
//! the [`FuncAbi`] computed by `reflect::abi`, the one implementation of the
//! register assignment, so the backend never decides where a value goes.

use crate::diag::Pos;
use reflect::abi::FuncAbi;
use std::sync::Arc;

/// Index of a frame slot in [`Body::slots`].
pub type SlotId = u32;
/// A jump target inside one function.
pub type Label = u32;

/// A whole program: everything one `rgo build` emits besides the runtime.
#[derive(Debug, Default)]
pub struct Program {
    pub funcs: Vec<Func>,
    pub data: Vec<Data>,
    /// The ABIInternal function (no arguments, no results) the runtime calls
    /// once the main goroutine is set up: package initialization, then
    /// `main.main`.
    pub entry: String,
    /// Pairs (a, b): wherever a is kept, b is kept too, though nothing
    /// in a refers to b (`opt::dce`): the descriptor of `*T` with that of
    /// `T`, since reflect's `PointerTo(T)` finds it through the type links
    /// and it alone has `*T`'s methods.
    pub ties: Vec<(String, String)>,
    /// The entries of the type descriptors' method tables (`opt::dce`
    /// keeps a method reached only through them when some live code calls
    /// an interface method of its name, as gc's linker does).
    pub method_slots: Vec<MethodSlot>,
    /// Functions never inlined (`opt::inline`): `//go:noinline` ones, and
    /// those whose callers keep `uintptr` arguments alive across the call.
    pub noinline: std::collections::HashSet<String>,
    /// Data the build sets after lowering, as gc's linker sets it (`-X`
    /// strings, the build information: `driver::stamp`). It is emitted in a
    /// unit of its own ([`LINK_UNIT`]), so the objects of the packages whose
    /// variables it sets stay cached.
    pub link_data: Vec<Data>,
    /// Pairs (f, v): function f, which a package's `init` calls, only
    /// initializes variable v (a map), so `opt::dce` keeps the call and f
    /// only if something else keeps v.
    pub weak_inits: Vec<(String, String)>,
    /// With `-gcflags=-m`: the escape analysis's report (`check::report`),
    /// a line per site: the package (by its symbols' prefix), where, what.
    pub reports: Vec<(String, crate::diag::Pos, String)>,
}

/// The unit that holds [`Program::link_data`].
pub const LINK_UNIT: &str = "go.link";

/// The import path of the package a symbol belongs to (`unicode/utf8` for
/// `unicode/utf8.DecodeRune`, `main` for `main.T.M[example.org/x.T]`:
/// type arguments aside), if it names one (`rgo_alloc` does not).
pub fn symbol_package(sym: &str) -> Option<&str> {
    let head = sym.split('[').next().unwrap_or(sym);
    let base = head.rfind('/').map_or(0, |i| i + 1);
    head[base..].find('.').map(|dot| &head[..base + dot])
}

/// Where a method table holds the code of method `name`: the 8-byte
/// address at `offset` in data symbol `table`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MethodSlot {
    pub table: String,
    pub offset: u32,
    pub name: String,
    /// The entry is the method's type (`mtyp`), not its code: kept as the
    /// code is, or when the type is live anyway; else it points at
    /// [`crate::check::UNREACHABLE_TYPE`], which no type is identical to.
    pub ty: bool,
}

/// One data symbol: string bytes, a type descriptor, an itab, a static
/// closure, or a package-level variable.
#[derive(Clone, Debug, Hash)]
pub struct Data {
    /// Symbol name; characters are from `[A-Za-z0-9_.$]`.
    pub sym: String,
    pub align: u32,
    pub size: u32,
    /// Initial bytes (`size` long), or `None` for zero-initialized storage.
    pub init: Option<Vec<u8>>,
    /// 8-byte absolute addresses written over `init` at link time.
    pub relocs: Vec<Reloc>,
    pub readonly: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Reloc {
    pub offset: u32,
    pub sym: String,
    pub addend: i64,
}

/// One function symbol.
#[derive(Debug, Hash)]
pub struct Func {
    /// Symbol name; characters are from `[A-Za-z0-9_.$]`.
    pub sym: String,
    /// The function's calling convention (receiver first, for methods).
    pub abi: Arc<FuncAbi>,
    pub kind: FuncKind,
    /// Where the function was declared (for the listing), if in source.
    pub pos: Option<Pos>,
}

#[derive(Debug, Hash)]
pub enum FuncKind {
    /// Ordinary compiled code.
    Code(Body),
    /// A method wrapper that adjusts the receiver in the first integer
    /// register and tail-jumps to `target`, leaving every other argument in
    /// its register (seed 000). Used for promoted methods with a pointer
    /// receiver reached through embedded fields. `abi` is the wrapper's and
    /// the target's ABI (the receiver is one pointer word in both).
    /// With `nil_target`, a nil receiver jumps there instead (a function
    /// with no parameters that panics as Go's `panicwrap`).
    TailWrapper { recv_path: Vec<RecvStep>, target: String, nil_target: Option<String> },
    /// The ABIInternal entry of the ABI0 (stack-only) assembly function
    /// `target`: stores register arguments to an ABI0 frame, calls `target`,
    /// loads results back into registers. Even with no parameters and no
    /// results it calls rather than jumps on amd64: ABI0 code may clobber the
    /// zero and goroutine registers, which must hold again on return (gc
    /// refuses that tail call on amd64 for the same reason).
    ToAbi0 { target: String },
    /// The ABI0 entry of the ABIInternal function `target`, for callers in
    /// assembly: loads the stack arguments into registers, calls `target`,
    /// stores the register results back to the stack. A plain tail jump
    /// (after zeroing X15) when there are no parameters and no results
    /// (seed 002).
    FromAbi0 { target: String },
}

/// One step of a receiver adjustment in a [`FuncKind::TailWrapper`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecvStep {
    /// Fault (nil check) if the receiver is nil, then add this byte offset
    /// (an embedded value field).
    Offset(u32),
    /// Replace the receiver with the pointer stored at `*receiver` (an
    /// embedded pointer field, after its `Offset`); faults on nil.
    Load,
}

/// The body of compiled code.
#[derive(Clone, Debug, Default, Hash)]
pub struct Body {
    pub slots: Vec<Slot>,
    /// One slot per `abi.call.values` entry (receiver first). On entry the
    /// backend stores each register-assigned parameter into its slot (by the
    /// ABI steps) and copies each stack-assigned one from the caller's area.
    pub params: Vec<SlotId>,
    /// One slot per `abi.ret.values` entry. `Ret` moves them to the result
    /// registers or the caller's stack result area.
    pub results: Vec<SlotId>,
    /// Slot (8 bytes) that receives the closure context register on entry.
    pub ctx: Option<SlotId>,
    /// Words of parameters that arrive in a register each and live in
    /// slots of their own (`opt::sroa`): the entry moves each such word
    /// straight to its slot, and the parameter's own slot is not written.
    pub param_words: Vec<ParamWord>,
    pub insts: Vec<Inst>,
    /// Labels are `0..nlabels`.
    pub nlabels: u32,
    /// The names of the interface methods the body calls (through an
    /// itab, or a method value of an interface): what keeps methods of
    /// those names in the method tables ([`Program::method_slots`]).
    pub iface_calls: Vec<String>,
    /// The calls `opt::inline` copied into the body, by
    /// [`Inst::InlineMark`] index.
    pub inlined: Vec<InlinedCall>,
}

impl Body {
    /// Whether the entry writes slot `s`: a parameter, or a word of one
    /// that lives in a slot of its own.
    pub fn is_param(&self, s: SlotId) -> bool {
        self.params.contains(&s) || self.param_words.iter().any(|w| w.slot == s)
    }

    /// Where the entry puts the bytes at `offset` of parameter `value`: a
    /// slot and the offset in it.
    pub fn param_home(&self, value: usize, offset: u32) -> (SlotId, u32) {
        match self.param_words.iter().find(|w| w.value == value && (w.offset..w.offset + 8).contains(&offset)) {
            Some(w) => (w.slot, offset - w.offset),
            None => (self.params[value], offset),
        }
    }

    /// Where each label stands (`usize::MAX` for one never placed).
    pub fn label_positions(&self) -> Vec<usize> {
        let mut at = vec![usize::MAX; self.nlabels as usize];
        for (i, inst) in self.insts.iter().enumerate() {
            if let Inst::Label(l) = inst {
                if let Some(a) = at.get_mut(*l as usize) {
                    *a = i;
                }
            }
        }
        at
    }

    /// The body's basic blocks (see [`Blocks`]).
    pub fn blocks(&self) -> Blocks {
        let n = self.insts.len();
        let ends_block = |inst: &Inst| match inst {
            Inst::Jump(_) | Inst::JumpIf { .. } | Inst::JumpIfNot { .. } | Inst::Ret => true,
            Inst::CallRuntime { func, .. } => crate::runtime_abi::NEVER_RETURN.contains(func),
            _ => false,
        };
        let mut starts = vec![0usize];
        for (i, inst) in self.insts.iter().enumerate() {
            if i > 0 && matches!(inst, Inst::Label(_) | Inst::Landing(_)) && *starts.last().unwrap() != i {
                starts.push(i);
            }
            if ends_block(inst) && i + 1 < n {
                starts.push(i + 1);
            }
        }
        starts.dedup();
        let nb = starts.len();
        let end = |b: usize| if b + 1 < nb { starts[b + 1] } else { n };
        let mut block_of = vec![0usize; n];
        for b in 0..nb {
            block_of[starts[b]..end(b)].fill(b);
        }
        let at = self.label_positions();
        let succs: Vec<Vec<usize>> = (0..nb)
            .map(|b| {
                let Some(last) = end(b).checked_sub(1).filter(|&e| e >= starts[b]).map(|e| &self.insts[e]) else { return vec![] };
                let next = (end(b) < n).then(|| block_of[end(b)]);
                let target = |l: &u32| at.get(*l as usize).copied().filter(|&i| i != usize::MAX).map(|i| block_of[i]);
                match last {
                    Inst::Jump(l) => target(l).into_iter().collect(),
                    Inst::JumpIf { target: l, .. } | Inst::JumpIfNot { target: l, .. } => next.into_iter().chain(target(l)).collect(),
                    inst if ends_block(inst) => vec![],
                    _ => next.into_iter().collect(),
                }
            })
            .collect();
        let mut preds = vec![vec![]; nb];
        for (b, ss) in succs.iter().enumerate() {
            for &t in ss {
                preds[t].push(b);
            }
        }
        Blocks { starts, block_of, succs, preds, n }
    }

    /// Loop depth of each instruction (labels at `at`, as
    /// [`Body::label_positions`] gives them): one level per backward jump
    /// spanning it.
    pub fn loop_depths(&self, at: &[usize]) -> Vec<u32> {
        let n = self.insts.len();
        // +1 where a loop starts, -1 after it ends.
        let mut delta = vec![0i32; n + 1];
        for (j, inst) in self.insts.iter().enumerate() {
            if let Inst::Jump(l) | Inst::JumpIf { target: l, .. } | Inst::JumpIfNot { target: l, .. } = inst {
                if let Some(&i) = at.get(*l as usize).filter(|&&i| i <= j) {
                    delta[i] += 1;
                    delta[j + 1] -= 1;
                }
            }
        }
        let mut depth = 0i32;
        (0..n)
            .map(|i| {
                depth += delta[i];
                depth.max(0) as u32
            })
            .collect()
    }
}

/// A body's basic blocks, in code order ([`Body::blocks`]): a new block at
/// each label or landing pad, and after each jump, return or call that
/// never returns. A landing pad has no predecessor here (a panic reaches
/// it), nor has the first block.
pub struct Blocks {
    /// Where each block starts.
    pub starts: Vec<usize>,
    /// The block of each instruction.
    pub block_of: Vec<usize>,
    pub succs: Vec<Vec<usize>>,
    pub preds: Vec<Vec<usize>>,
    n: usize,
}

impl Blocks {
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The instructions of block `b`.
    pub fn range(&self, b: usize) -> std::ops::Range<usize> {
        self.starts[b]..self.starts.get(b + 1).copied().unwrap_or(self.n)
    }
}

/// Whether an instruction reads or writes the memory at an address it
/// names (a write through `Addr::Deref` still reads the pointer's slot).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Read,
    Write,
}

impl Inst {
    /// Calls `f` with every address the instruction names, operands' memory
    /// included, and whether it reads or writes there. A taken address
    /// (`AddrOf`'s source) and a call's arguments count as reads, a call's
    /// results as writes.
    pub fn addrs_mut(&mut self, mut f: impl FnMut(&mut Addr, Role)) {
        self.visit_mut(&mut |_| {}, &mut f);
    }

    /// Calls `op` on every operand of the instruction, then `addr` on the
    /// memory an operand names (a read); `addr` on every other address it
    /// names too, as [`Inst::addrs_mut`] does.
    pub fn visit_mut(&mut self, op: &mut dyn FnMut(&mut Operand), addr: &mut dyn FnMut(&mut Addr, Role)) {
        fn operand(o: &mut Operand, op: &mut dyn FnMut(&mut Operand), addr: &mut dyn FnMut(&mut Addr, Role)) {
            op(o);
            if let Operand::Mem(a) = o {
                addr(a, Role::Read);
            }
        }
        match self {
            Inst::JumpIf { cond, .. } | Inst::JumpIfNot { cond, .. } => operand(cond, op, addr),
            Inst::Move { dst, src, .. } => {
                operand(src, op, addr);
                addr(dst, Role::Write);
            }
            Inst::Copy { dst, src, .. } | Inst::AddrOf { dst, src } => {
                addr(src, Role::Read);
                addr(dst, Role::Write);
            }
            Inst::Zero { dst, .. } => addr(dst, Role::Write),
            Inst::Bin { dst, a, b, .. } => {
                operand(a, op, addr);
                operand(b, op, addr);
                addr(dst, Role::Write);
            }
            Inst::Un { dst, a, .. } | Inst::Convert { dst, src: a, .. } => {
                operand(a, op, addr);
                addr(dst, Role::Write);
            }
            Inst::Call { callee, args, results, .. } => {
                if let Callee::Closure(o) | Callee::Indirect(o) = callee {
                    operand(o, op, addr);
                }
                args.iter_mut().for_each(|a| addr(a, Role::Read));
                results.iter_mut().for_each(|a| addr(a, Role::Write));
            }
            Inst::CallRuntime { args, rets, .. } => {
                args.iter_mut().for_each(|(_, o)| operand(o, op, addr));
                rets.iter_mut().for_each(|(_, a)| addr(a, Role::Write));
            }
            Inst::Atomic { addr: p, val, old, dst, .. } => {
                operand(p, op, addr);
                val.iter_mut().chain(old.iter_mut()).for_each(|o| operand(o, op, addr));
                dst.iter_mut().for_each(|a| addr(a, Role::Write));
            }
            Inst::VolatileLoad { addr: p, dst, .. } => {
                operand(p, op, addr);
                addr(dst, Role::Write);
            }
            Inst::VolatileStore { addr: p, val, .. } => {
                operand(p, op, addr);
                operand(val, op, addr);
            }
            Inst::Label(_)
            | Inst::Jump(_)
            | Inst::Landing(_)
            | Inst::Ret
            | Inst::Poll
            | Inst::Comment(_)
            | Inst::Line(_)
            | Inst::InlineMark(_)
            | Inst::InlineResume(_)
            | Inst::InlineEnd(_) => {}
        }
    }
}

/// Word `offset / 8` of parameter `value` (an index of
/// [`Body::params`]), which lives in `slot` (see [`Body::param_words`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ParamWord {
    pub value: usize,
    pub offset: u32,
    pub slot: SlotId,
}

/// A function whose body `opt::inline` copied into another: what
/// tracebacks and `runtime.Callers` show as a frame of its own for the
/// copy's code.
#[derive(Clone, Debug, Hash)]
pub struct InlinedCall {
    /// The inlined function's symbol.
    pub sym: String,
    /// Where it is declared (its file, and the line of the copy's code
    /// before its first [`Inst::Line`]).
    pub pos: Pos,
    /// It takes no parameters (tracebacks print `f()`, else `f(...)`).
    pub no_params: bool,
}

/// A frame slot. Slots start zeroed only if the code zeroes them, except
/// their pointer words: the prologue zeroes those (parameters aside), so
/// that the collector, which reads [`Slot::ptrs`] of the slots live at a
/// call (or of all of them, at a fault), never sees a stale word there,
/// even in a slot that is live at a call before some path has written it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Slot {
    pub size: u32,
    pub align: u32,
    /// Which of the slot's 8-byte words may hold a pointer the collector
    /// must follow. Over-approximating is safe (the runtime validates every
    /// candidate); a missing word lets live memory be freed.
    pub ptrs: PtrMask,
}

impl Slot {
    /// A slot that never holds a pointer.
    pub fn scalar(size: u32, align: u32) -> Slot {
        Slot { size, align, ptrs: PtrMask::default() }
    }
}

/// A set of 8-byte words of a value: word `w` (bytes `8*w..8*w+8`) is bit
/// `w % 64` of `bits[w / 64]`. Words past the end of `bits` are not in the
/// set, so the empty mask is "no pointers" and costs no allocation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct PtrMask {
    bits: Vec<u64>,
}

impl PtrMask {
    /// Word 0 only: one pointer.
    pub fn one() -> PtrMask {
        PtrMask { bits: vec![1] }
    }

    /// Words `0..n`.
    pub fn all(n: u64) -> PtrMask {
        let mut m = PtrMask::default();
        m.set_range(0, n);
        m
    }

    pub fn is_empty(&self) -> bool {
        self.bits.iter().all(|&b| b == 0)
    }

    pub fn get(&self, w: u64) -> bool {
        self.bits.get((w / 64) as usize).is_some_and(|b| b >> (w % 64) & 1 != 0)
    }

    pub fn set(&mut self, w: u64) {
        let i = (w / 64) as usize;
        if self.bits.len() <= i {
            self.bits.resize(i + 1, 0);
        }
        self.bits[i] |= 1 << (w % 64);
    }

    /// Adds words `from..to`.
    pub fn set_range(&mut self, from: u64, to: u64) {
        if from >= to {
            return;
        }
        let last = ((to - 1) / 64) as usize;
        if self.bits.len() <= last {
            self.bits.resize(last + 1, 0);
        }
        let mut w = from;
        while w < to {
            if w % 64 == 0 && to - w >= 64 {
                self.bits[(w / 64) as usize] = !0;
                w += 64;
            } else {
                self.bits[(w / 64) as usize] |= 1 << (w % 64);
                w += 1;
            }
        }
    }

    /// Adds `other`'s words moved `by` words further.
    pub fn or_shifted(&mut self, other: &PtrMask, by: u64) {
        for w in other.words() {
            self.set(w + by);
        }
    }

    /// The words in the set, ascending.
    pub fn words(&self) -> impl Iterator<Item = u64> + '_ {
        self.bits.iter().enumerate().flat_map(|(i, &b)| {
            (0..64u64).filter(move |k| b >> k & 1 != 0).map(move |k| i as u64 * 64 + k)
        })
    }

    /// One past the highest word in the set (0 when empty).
    pub fn len(&self) -> u64 {
        self.words().last().map_or(0, |w| w + 1)
    }

    /// Words `0..nwords` as the collector's bitmap: bit `k` is
    /// `bytes[k / 8] >> (k % 8) & 1` (`rgo_abi.h`, the collector's tables).
    pub fn to_bytes(&self, nwords: u64) -> Vec<u8> {
        let mut out = vec![0u8; nwords.div_ceil(8) as usize];
        for w in self.words().take_while(|&w| w < nwords) {
            out[(w / 8) as usize] |= 1 << (w % 8);
        }
        out
    }

    /// Runs of consecutive words as `(first, count)`, ascending.
    pub fn runs(&self) -> Vec<(u64, u64)> {
        let mut out: Vec<(u64, u64)> = vec![];
        for w in self.words() {
            match out.last_mut() {
                Some((f, n)) if *f + *n == w => *n += 1,
                _ => out.push((w, 1)),
            }
        }
        out
    }
}

/// The machine-level type of a scalar operation. Go's bool is `U8` (0 or 1);
/// pointers, `uintptr`, func values, maps and channels are `U64`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scalar {
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
    F32,
    F64,
}

impl Scalar {
    pub fn size(self) -> u32 {
        match self {
            Scalar::I8 | Scalar::U8 => 1,
            Scalar::I16 | Scalar::U16 => 2,
            Scalar::I32 | Scalar::U32 | Scalar::F32 => 4,
            Scalar::I64 | Scalar::U64 | Scalar::F64 => 8,
        }
    }
    pub fn is_float(self) -> bool {
        matches!(self, Scalar::F32 | Scalar::F64)
    }
    pub fn is_signed(self) -> bool {
        matches!(self, Scalar::I8 | Scalar::I16 | Scalar::I32 | Scalar::I64)
    }
}

/// A memory location.
#[derive(Clone, Debug, PartialEq, Hash)]
pub enum Addr {
    /// Frame slot plus byte offset.
    Slot(SlotId, i32),
    /// Data symbol plus byte offset.
    Global(String, i32),
    /// The pointer stored (8 bytes) in the slot, plus byte offset. The
    /// pointer is not nil-checked here: lowering emits explicit checks.
    Deref(SlotId, i32),
}

impl Addr {
    /// The same location moved `by` bytes further.
    pub fn offset(&self, by: i32) -> Addr {
        match self {
            Addr::Slot(s, o) => Addr::Slot(*s, o + by),
            Addr::Global(g, o) => Addr::Global(g.clone(), o + by),
            Addr::Deref(s, o) => Addr::Deref(*s, o + by),
        }
    }
}

/// An instruction input.
#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    /// Read `ty.size()` bytes from memory.
    Mem(Addr),
    /// An integer constant (truncated to the operation's width).
    Imm(i64),
    /// A float constant (rounded to `F32` for 32-bit operations).
    Float(f64),
    /// The address of a data or function symbol, plus an offset.
    SymAddr(String, i32),
    /// A machine address of the current frame (for defer and recover).
    Special(Special),
}

/// By the float's bits: the build cache keys objects by hashes of the IR.
impl std::hash::Hash for Operand {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        std::mem::discriminant(self).hash(h);
        match self {
            Operand::Mem(a) => a.hash(h),
            Operand::Imm(v) => v.hash(h),
            Operand::Float(f) => f.to_bits().hash(h),
            Operand::SymAddr(s, off) => (s, off).hash(h),
            Operand::Special(x) => x.hash(h),
        }
    }
}

/// Addresses only the backend can spell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Special {
    /// The frame pointer: identifies this function's frame to the runtime.
    FramePointer,
    /// Where this function's incoming arguments start (the caller's stack
    /// pointer at the call): the argument pointer `recover` compares.
    ArgPointer,
    /// The bottom of this function's outgoing call area: the argument
    /// pointer of the function it calls next.
    CallArea,
    /// The code address of a label (a [`Inst::Landing`]).
    Label(Label),
    /// The running goroutine's innermost panic record, null when it is not
    /// panicking: method wrappers test it before asking the runtime to
    /// move a deferred call's `recover` rights to the method they call.
    Panicking,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    /// The high 64 bits of the 128-bit product of two unsigned 64-bit
    /// values (`ty` U64 only; math/bits' `Mul64`, whose low half is `Mul`).
    MulHigh,
    /// Integer division truncates; `x / -1` is `-x` without trapping (even
    /// for the minimum value). Division by zero is undefined here: lowering
    /// checks the divisor first.
    Div,
    /// Remainder with the dividend's sign; `x % -1` is 0 without trapping.
    Rem,
    And,
    Or,
    Xor,
    /// `a &^ b`.
    AndNot,
    /// `b` is an unsigned 64-bit count; counts of the width or more give 0.
    Shl,
    /// Arithmetic for signed `ty`, logical for unsigned; counts of the width
    /// or more give 0 or all sign bits.
    Shr,
    // Comparisons write a U8 (0/1) to `dst`; `ty` is the operands' type.
    // Float comparisons with NaN are false, except `Ne`, which is true.
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnOp {
    /// Two's complement or float negation (flips the sign bit, as Go does).
    Neg,
    /// Bitwise complement.
    Com,
    /// Boolean not of a U8 0/1.
    Not,
    /// Square root of a float, correctly rounded (IEEE 754, as Go's
    /// `math.Sqrt`: the instruction every target has).
    Sqrt,
}

/// What a `Call` calls.
#[derive(Clone, Debug, PartialEq, Hash)]
pub enum Callee {
    /// A function symbol (ABIInternal).
    Direct(String),
    /// A Go func value: a pointer to a closure object whose first word is
    /// the code address. The object's address goes in the closure context
    /// register.
    Closure(Operand),
    /// A code address with no closure context (interface method calls: the
    /// address comes from an itab).
    Indirect(Operand),
}

#[derive(Clone, Debug, PartialEq, Hash)]
pub enum Inst {
    Label(Label),
    Jump(Label),
    /// Jump when the U8 `cond` is non-zero.
    JumpIf { cond: Operand, target: Label },
    /// Jump when the U8 `cond` is zero.
    JumpIfNot { cond: Operand, target: Label },
    Move { ty: Scalar, dst: Addr, src: Operand },
    /// Copies `size` bytes; `dst` and `src` do not partly overlap.
    Copy { dst: Addr, src: Addr, size: u32 },
    Zero { dst: Addr, size: u32 },
    /// Stores the address of `src` (8 bytes) at `dst`.
    AddrOf { dst: Addr, src: Addr },
    Bin { op: BinOp, ty: Scalar, dst: Addr, a: Operand, b: Operand },
    Un { op: UnOp, ty: Scalar, dst: Addr, a: Operand },
    /// Numeric conversion with Go's semantics (truncation and sign or zero
    /// extension between integers, rounding toward zero from float to int).
    Convert { from: Scalar, to: Scalar, dst: Addr, src: Operand },
    /// A Go call (ABIInternal). `args` has one address per `abi.call.values`
    /// entry (receiver first) and `results` one per `abi.ret.values` entry;
    /// the backend moves each by its ABI steps.
    Call { callee: Callee, abi: Arc<FuncAbi>, args: Vec<Addr>, results: Vec<Addr> },
    /// A call into the Rust runtime through the C ABI (see
    /// [`crate::runtime_abi`]): scalar arguments in C argument registers,
    /// up to two integer result words or one float result. The backend
    /// restores what ABIInternal fixes (zero register, goroutine register)
    /// afterwards.
    CallRuntime { func: &'static str, args: Vec<(Scalar, Operand)>, rets: Vec<(Scalar, Addr)> },
    /// Returns, moving the result slots by the ABI.
    Ret,
    /// A label the runtime jumps to (with the frame pointer of this frame
    /// restored) when a deferred call of this function recovers a panic;
    /// the backend re-establishes the stack pointer from the frame pointer.
    Landing(Label),
    /// A sequentially consistent atomic memory operation (sync/atomic) on
    /// the `size`-byte (4 or 8) integer at the address `addr` holds. All
    /// atomic operations of a program, on any addresses, appear in one
    /// total order that every goroutine observes, as Go's memory model
    /// requires of sync/atomic. The access at `addr` is the first memory
    /// access through it: a nil `addr` faults there (the runtime turns the
    /// fault into Go's nil-dereference panic); `addr` must be aligned to
    /// `size`. Values are `size`-byte unsigned integers (a 4-byte operand
    /// reads 4 bytes; `dst` receives 4 bytes).
    Atomic {
        op: AtomicOp,
        /// 4 or 8.
        size: u32,
        /// The address (a U64 pointer value, not the memory it points to):
        /// e.g. `Operand::Mem(Addr::Slot(p, 0))` for the pointer in slot `p`.
        addr: Operand,
        /// `Store`, `Add` (the delta; wraps), `Swap`: the value to store or
        /// add; `Cas`: the new value. `None` for `Load`.
        val: Option<Operand>,
        /// `Cas`: the expected value. `None` for every other operation.
        old: Option<Operand>,
        /// `Load`: the value read; `Add`: the new value (old + delta);
        /// `Swap`: the old value; `Cas`: a U8 bool, 1 if it swapped. `None`
        /// for `Store`; optional for `Add`, `Swap` and `Cas` (the result is
        /// then dropped); required for `Load`.
        dst: Option<Addr>,
    },
    /// A volatile load (runtime/volatile): exactly one load instruction
    /// of `size` (1, 2, 4 or 8) bytes at the address `addr` holds (a U64
    /// pointer value, as for [`Inst::Atomic`]), its value zero-extended into
    /// the `size` bytes of `dst`. Volatile accesses are never removed,
    /// repeated, merged with each other or with other accesses, split or
    /// widened, and are emitted in program order relative to every other
    /// volatile access and call: no pass reuses a value a volatile access
    /// read or wrote (backends emit them past their store-to-load
    /// forwarding), and no pass drops one whose result goes unread. The
    /// load is the first access through the pointer (a nil pointer faults
    /// there, as Go's nil dereference); `addr` must be aligned to `size`.
    /// It orders nothing by itself for other goroutines or devices beyond
    /// the program order of the instructions: see docs/boards.md.
    VolatileLoad {
        /// 1, 2, 4 or 8.
        size: u32,
        addr: Operand,
        dst: Addr,
    },
    /// A volatile store: exactly one store instruction of the low `size`
    /// bytes of `val` at the address `addr` holds; otherwise as
    /// [`Inst::VolatileLoad`].
    VolatileStore {
        /// 1, 2, 4 or 8.
        size: u32,
        addr: Operand,
        val: Operand,
    },
    /// A preemption point on a loop's back edge ([`crate::opt::loop_polls`]):
    /// the goroutine yields here when the scheduler has asked it to, so a
    /// loop that calls no function with a stack check still lets the
    /// others run. A safepoint, as a call is, that reads and writes no
    /// slot; a backend keeps values in registers across it (only its
    /// out-of-line path, taken on a request, stores and reloads them).
    Poll,
    /// The call site of the `k`th inlined call ([`Body::inlined`]): one
    /// no-op instruction, at the caller's line, that stands for the
    /// caller's frame in `runtime.Callers` while the copy runs. From here
    /// to the matching [`Inst::InlineEnd`] the code is the inlined
    /// function's: its [`Inst::Line`]s are lines of its file. Reads and
    /// writes nothing.
    InlineMark(u32),
    /// The end of the `k`th inlined call's code: the caller's line at its
    /// [`Inst::InlineMark`] holds again. Emits nothing.
    InlineEnd(u32),
    /// The `k`th inlined call's code again, up to the matching
    /// [`Inst::InlineEnd`], away from its [`Inst::InlineMark`]: a panic path
    /// `opt::cold` moved after the body. Emits nothing (the call's site is
    /// its mark's); reads and writes nothing.
    InlineResume(u32),
    /// Text for the assembly listing.
    Comment(String),
    /// The source line of the code that follows, up to the next `Line`
    /// (in code order): the line of each call, for the pc-to-line table
    /// (`runtime.Caller`, tracebacks). Emits nothing.
    Line(u32),
}

/// What an [`Inst::Atomic`] does, with `*addr` the memory it operates on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AtomicOp {
    /// `dst = *addr`.
    Load,
    /// `*addr = val`.
    Store,
    /// `*addr += val; dst = *addr` (the new value).
    Add,
    /// `dst = *addr; *addr = val` (the old value).
    Swap,
    /// `if *addr == old { *addr = val; dst = 1 } else { dst = 0 }`; a
    /// failed compare stores nothing.
    Cas,
}

#[cfg(test)]
mod tests {
    use super::PtrMask;

    #[test]
    fn ptr_mask_words_runs_and_bytes() {
        let mut m = PtrMask::default();
        assert!(m.is_empty() && m.len() == 0 && m.to_bytes(3) == vec![0]);
        m.set_range(62, 130);
        m.set(0);
        assert_eq!(m.len(), 130);
        assert!(m.get(62) && m.get(64) && m.get(129) && !m.get(130) && !m.get(61));
        assert_eq!(m.runs(), vec![(0, 1), (62, 68)]);
        let mut s = PtrMask::default();
        s.or_shifted(&PtrMask::one(), 9);
        assert_eq!(s.to_bytes(10), vec![0, 0b10]);
        // Words past `nwords` are left out.
        assert_eq!(s.to_bytes(9), vec![0, 0]);
        assert_eq!(PtrMask::all(3).runs(), vec![(0, 3)]);
    }
}
