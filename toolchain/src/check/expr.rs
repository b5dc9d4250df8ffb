//! Expressions: each is checked and lowered at once into IR that leaves its
//! value in memory (a frame slot, a global, or behind a pointer).

use super::facts::{Known, What};
use super::constant::{self, Const};
use super::func::VarRef;
use super::types::{basic_id, Basic, SelKind, Ty, TypeId};
use super::{Builtin, Checker};
use crate::diag::{Diag, Pos, Result};
use crate::ir::{Addr, BinOp, Inst, Operand, Scalar, UnOp};
use crate::runtime_abi as rt;
use crate::syntax::ast::{self, BasicLit, BinaryOp, Expr, ExprKind, UnaryOp};

/// What a name denotes.
#[derive(Clone, Debug)]
pub enum Named {
    Var(VarRef, TypeId),
    Global(String, TypeId),
    Const(TypeId, Const),
    Type(TypeId),
    Func(String, TypeId),
    Builtin(Builtin),
    Nil,
    /// A generic function or type (a package-level declaration's index):
    /// only ever used instantiated.
    Generic(usize),
}

/// A checked expression.
#[derive(Clone, Debug)]
pub struct V {
    pub ty: TypeId,
    pub kind: VK,
}

#[derive(Clone, Debug)]
pub enum VK {
    Const(Const),
    /// The value is in memory at `addr`.
    Mem { addr: Addr, addressable: bool },
    /// A call with no results.
    Void,
    /// The results of a multi-value call.
    Tuple(Vec<Addr>),
    /// A type used as an expression (conversions, method expressions).
    Type,
    Nil,
    Builtin(Builtin),
    /// A top-level function, by symbol (called directly).
    Func(String),
}

impl V {
    pub fn mem(ty: TypeId, addr: Addr) -> V {
        V { ty, kind: VK::Mem { addr, addressable: false } }
    }
}

fn err<T>(pos: &Pos, msg: impl Into<String>) -> Result<T> {
    Err(Diag::new(pos, msg))
}

impl Checker<'_> {
    // ----- small helpers -----

    pub fn temp(&mut self, ty: TypeId) -> Addr {
        let s = self.types.size(ty);
        if s > super::call::MAX_IMPLICIT_STACK_VAR_SIZE {
            // Too large for a stack frame (a big composite literal): on
            // the heap, as gc places it.
            let p = self.alloc(ty);
            let ps = self.load_ptr(&p);
            return Addr::Deref(ps, 0);
        }
        let slot = self.slot_typed(ty);
        Addr::Slot(slot, 0)
    }

    /// A slot for the address of `src`: a pointer the collector must follow
    /// only when `src` lies behind a pointer (`Deref`). The address of a
    /// frame slot or of a global keeps nothing alive that is not alive
    /// anyway (goroutine stacks and globals are no heap objects, and both
    /// are roots), so its slot needs no zeroing.
    pub fn slot_addr_of(&mut self, src: &Addr) -> crate::ir::SlotId {
        match src {
            Addr::Deref(..) => self.fb().slot_ptr(),
            Addr::Slot(..) | Addr::Global(..) => self.fb().slot_scalar(8, 8),
        }
    }

    /// Whether `o` may be a heap pointer: anything but a constant, a
    /// symbol's address or a slot word the collector does not scan (which
    /// holds no heap pointer, see [`Checker::slot_addr_of`]).
    pub fn may_be_heap_ptr(&mut self, o: &Operand) -> bool {
        match o {
            Operand::Imm(_) | Operand::Float(_) | Operand::SymAddr(..) => false,
            Operand::Mem(Addr::Slot(s, off)) if off % 8 == 0 => {
                self.fb().body.slots[*s as usize].ptrs.get(*off as u64 / 8)
            }
            _ => true,
        }
    }

    /// A slot for an address computed from `base` plus an offset: a
    /// pointer slot unless `base` is no heap pointer.
    pub fn slot_derived(&mut self, base: &Operand) -> crate::ir::SlotId {
        if self.may_be_heap_ptr(base) {
            self.fb().slot_ptr()
        } else {
            self.fb().slot_scalar(8, 8)
        }
    }

    /// A slot of the current function for a value of type `t`, with its
    /// pointer mask.
    pub fn slot_typed(&mut self, t: TypeId) -> crate::ir::SlotId {
        let (s, a) = self.types.layout(t);
        let ptrs = self.types.ptr_mask(t);
        self.fb().slot_mask(s, a, ptrs)
    }

    /// A slot holding the pointer stored at `p`, for `Addr::Deref`: `p`'s
    /// own slot when `p` is a whole slot, else a fresh copy. Reads through
    /// the slot see later changes of it, so targets of multiple assignment
    /// are frozen with [`Checker::load_ptr_copy`].
    pub fn load_ptr(&mut self, p: &Addr) -> crate::ir::SlotId {
        if let Addr::Slot(s, 0) = p {
            return *s;
        }
        let s = self.fb().slot_ptr();
        self.fb().emit(Inst::Move { ty: Scalar::U64, dst: Addr::Slot(s, 0), src: Operand::Mem(p.clone()) });
        s
    }

    /// Whether `v` is the untyped `nil` (not `nil` converted to a type).
    pub fn is_untyped_nil(&self, v: &V) -> bool {
        matches!(v.kind, VK::Nil) && self.types.is_untyped(v.ty)
    }

    pub fn bool_t(&self) -> TypeId {
        basic_id(Basic::Bool)
    }
    pub fn int_t(&self) -> TypeId {
        basic_id(Basic::Int)
    }

    /// Go's default type for an untyped constant's type.
    pub fn default_type(&mut self, t: TypeId, pos: &Pos) -> Result<TypeId> {
        Ok(match self.types.ty(t) {
            Ty::Basic(Basic::UntypedBool) => basic_id(Basic::Bool),
            Ty::Basic(Basic::UntypedInt) => basic_id(Basic::Int),
            Ty::Basic(Basic::UntypedRune) => basic_id(Basic::Int32),
            Ty::Basic(Basic::UntypedFloat) => basic_id(Basic::Float64),
            Ty::Basic(Basic::UntypedComplex) => basic_id(Basic::Complex128),
            Ty::Basic(Basic::UntypedString) => basic_id(Basic::String),
            Ty::Basic(Basic::UntypedNil) => return err(pos, "use of untyped nil in assignment"),
            Ty::Tuple(_) => return err(pos, "multiple-value in single-value context"),
            _ => t,
        })
    }

    /// Converts constant `c` of type `from` to type `to`, checking that it
    /// is representable (Go's rules for constant conversion/assignment).
    pub fn convert_const(&mut self, c: &Const, to: TypeId, pos: &Pos) -> Result<Const> {
        let Some(b) = self.types.basic(to) else {
            return err(pos, format!("cannot convert {} (untyped constant) to type {}", c.describe(), self.types.name(to)));
        };
        let bad = |this: &Self| {
            Diag::new(
                pos,
                format!("cannot use {} (untyped {} constant) as {} value", c.describe(), const_kind(c), this.types.name(to)),
            )
        };
        Ok(match b {
            _ if b.is_integer() => {
                // An integer beyond i128 overflows every integer type.
                if let Const::Big(r, true) = c {
                    if !b.is_untyped() {
                        return err(pos, format!("constant {} overflows {}", r.describe(), self.types.name(to)));
                    }
                }
                let v = c.as_int().ok_or_else(|| {
                    if matches!(c, Const::Float(_) | Const::Complex(..) | Const::Big(_, false) | Const::BigComplex(_) | Const::Huge(_)) {
                        Diag::new(pos, format!("cannot use {} (untyped float constant) as {} value (truncated)", c.describe(), self.types.name(to)))
                    } else {
                        bad(self)
                    }
                })?;
                if !b.is_untyped() && !constant::int_fits(v, b.size(), !b.is_unsigned()) {
                    return err(pos, format!("cannot use {} (untyped int constant {}) as {} value (overflows)", v, v, self.types.name(to)))
                        .or_else(|_: Diag| err(pos, format!("constant {} overflows {}", v, self.types.name(to))));
                }
                Const::Int(v)
            }
            // An untyped constant stays as wide as it is.
            _ if b.is_untyped() && matches!(c, Const::Huge(_)) => c.clone(),
            _ if b.is_float() => {
                let v = match (c, b) {
                    // Rounded once from the exact value.
                    (Const::Big(r, _), Basic::Float32) => r.to_f32().map_or(f64::INFINITY, f64::from),
                    (Const::Big(r, _), _) => r.to_f64().unwrap_or(f64::INFINITY),
                    _ => c.as_f64().ok_or_else(|| bad(self))?,
                };
                // Rounded to zero, it is +0: constants have no -0.
                let v = if b == Basic::Float32 { v as f32 as f64 } else { v } + 0.0;
                if v.is_infinite() {
                    return err(pos, format!("constant {} overflows {}", c.describe(), self.types.name(to)));
                }
                Const::Float(v)
            }
            _ if b.is_complex() => {
                let (r, i) = c.as_complex().ok_or_else(|| bad(self))?;
                if let (Const::BigComplex(parts), Basic::Complex64) = (c, b) {
                    // Each part rounded once from its exact value.
                    let part = |x: &super::bignum::Rat| x.to_f32().map_or(f64::INFINITY, f64::from);
                    Const::Complex(part(&parts.0), part(&parts.1))
                } else if b == Basic::Complex64 {
                    Const::Complex(r as f32 as f64, i as f32 as f64)
                } else {
                    Const::Complex(r, i)
                }
            }
            _ if b.is_string() => match c {
                Const::String(_) => c.clone(),
                _ => return Err(bad(self)),
            },
            _ if b.is_bool() => match c {
                Const::Bool(_) => c.clone(),
                _ => return Err(bad(self)),
            },
            _ => return Err(bad(self)),
        })
    }

    /// Writes a constant of (typed) type `t` to memory.
    pub fn store_const(&mut self, dst: &Addr, c: &Const, t: TypeId) {
        let b = self.types.basic(t).unwrap_or(Basic::Int);
        match c {
            Const::Bool(v) => self.fb().emit(Inst::Move { ty: Scalar::U8, dst: dst.clone(), src: Operand::Imm(*v as i64) }),
            Const::String(s) => {
                // "" has a nil data pointer, as in gc (strings.Clone's test
                // compares it with a zero string's).
                let src = if s.is_empty() { Operand::Imm(0) } else { Operand::SymAddr(self.string_sym(s), 0) };
                self.fb().emit(Inst::Move { ty: Scalar::U64, dst: dst.clone(), src });
                self.fb().emit(Inst::Move { ty: Scalar::I64, dst: dst.offset(8), src: Operand::Imm(s.len() as i64) });
            }
            _ if b.is_complex() => {
                let (r, i) = c.as_complex().unwrap_or((0.0, 0.0));
                let (ty, w) = if b == Basic::Complex64 { (Scalar::F32, 4) } else { (Scalar::F64, 8) };
                self.fb().emit(Inst::Move { ty, dst: dst.clone(), src: Operand::Float(r) });
                self.fb().emit(Inst::Move { ty, dst: dst.offset(w), src: Operand::Float(i) });
            }
            _ => {
                let sc = self.types.scalar(t).unwrap_or(Scalar::I64);
                let src = if sc.is_float() {
                    Operand::Float(c.as_f64().unwrap_or(0.0))
                } else {
                    Operand::Imm(c.as_int().unwrap_or(0) as i64)
                };
                self.fb().emit(Inst::Move { ty: sc, dst: dst.clone(), src });
            }
        }
    }

    /// Copies a value of type `t` from `src` to `dst`.
    pub fn copy(&mut self, dst: &Addr, src: &Addr, t: TypeId) {
        if dst == src {
            return;
        }
        if let Some(sc) = self.types.scalar(t) {
            self.fb().emit(Inst::Move { ty: sc, dst: dst.clone(), src: Operand::Mem(src.clone()) });
            return;
        }
        let size = self.types.size(t) as u32;
        if size == 0 {
            return;
        }
        // Two arrays reached through pointers may overlap in part (slices
        // of one array converted to array pointers); the value is read
        // whole before it is written, so such a copy goes through a
        // temporary (the backend's copy runs forward).
        let in_memory = |a: &Addr| !matches!(a, Addr::Slot(..));
        if in_memory(dst) && in_memory(src) && matches!(self.types.under(t), Ty::Array(..)) {
            let tmp = self.temp(t);
            self.fb().emit(Inst::Copy { dst: tmp.clone(), src: src.clone(), size });
            self.fb().emit(Inst::Copy { dst: dst.clone(), src: tmp, size });
            return;
        }
        self.fb().emit(Inst::Copy { dst: dst.clone(), src: src.clone(), size });
    }

    /// Stores `v` (already of type `t`, see [`Checker::convert_to`]) at `dst`.
    pub fn store(&mut self, dst: &Addr, v: &V, t: TypeId) {
        match &v.kind {
            VK::Const(c) => self.store_const(dst, c, t),
            VK::Mem { addr, .. } => self.copy(dst, addr, t),
            VK::Nil => {
                let size = self.types.size(t) as u32;
                self.fb().emit(Inst::Zero { dst: dst.clone(), size });
            }
            VK::Func(sym) => {
                let clo = self.static_closure(sym);
                self.fb().emit(Inst::Move { ty: Scalar::U64, dst: dst.clone(), src: Operand::SymAddr(clo, 0) });
            }
            _ => {}
        }
    }

    /// The value of `v` in memory (a temporary for constants).
    pub fn to_addr(&mut self, v: &V) -> Addr {
        if let VK::Mem { addr, .. } = &v.kind {
            return addr.clone();
        }
        let t = v.ty;
        let a = self.temp(t);
        self.store(&a, v, t);
        a
    }

    /// A one-scalar operand for `v`.
    pub fn operand(&mut self, v: &V) -> Operand {
        match &v.kind {
            VK::Const(c) => match c {
                Const::Bool(b) => Operand::Imm(*b as i64),
                _ => {
                    let sc = self.types.scalar(v.ty).unwrap_or(Scalar::I64);
                    if sc.is_float() {
                        Operand::Float(c.as_f64().unwrap_or(0.0))
                    } else {
                        Operand::Imm(c.as_int().unwrap_or(0) as i64)
                    }
                }
            },
            VK::Mem { addr, .. } => Operand::Mem(addr.clone()),
            VK::Nil => Operand::Imm(0),
            VK::Func(sym) => Operand::SymAddr(self.static_closure(sym), 0),
            _ => Operand::Imm(0),
        }
    }

    // ----- conversion for assignment -----

    /// Converts `v` for assignment to type `to` (Go's assignability), or
    /// reports `cannot use ... as ... value in <ctx>`.
    pub fn convert_to(&mut self, v: V, to: TypeId, pos: &Pos, ctx: &str) -> Result<V> {
        self.convert_to_at(v, to, pos, ctx, None)
    }

    /// [`Self::convert_to`] of the value of expression `site`: a box made
    /// for an interface is in the frame when escape analysis says it may be
    /// ([`super::escape::Escapes::boxes`]).
    pub fn convert_to_at(&mut self, v: V, to: TypeId, pos: &Pos, ctx: &str, site: Option<crate::syntax::ast::ExprId>) -> Result<V> {
        let from = v.ty;
        match &v.kind {
            VK::Type => return err(pos, format!("{} (type) is not an expression", self.types.name(from))),
            VK::Void => return err(pos, "function call used as value (it has no result)"),
            VK::Builtin(_) => return err(pos, "builtin must be called"),
            VK::Tuple(_) => return err(pos, "multiple-value in single-value context"),
            _ => {}
        }
        if from == to {
            return Ok(v);
        }
        if self.is_untyped_nil(&v) {
            return match self.types.under(to) {
                Ty::Pointer(_) | Ty::Slice(_) | Ty::Map(..) | Ty::Chan(..) | Ty::Func(_) | Ty::Interface(_) => Ok(V { ty: to, kind: VK::Nil }),
                Ty::Basic(Basic::UnsafePointer) => Ok(V { ty: to, kind: VK::Nil }),
                _ => err(pos, format!("cannot use nil as {} value in {ctx}", self.types.name(to))),
            };
        }
        // A non-constant untyped bool (a comparison result).
        if !matches!(v.kind, VK::Const(_)) && self.types.is_untyped(from) {
            let b = basic_id(Basic::Bool);
            if self.types.basic(to).is_some_and(|x| x == Basic::Bool) {
                return Ok(retype(v, to));
            }
            if self.types.is_interface(to) {
                return self.convert_to_at(retype(v, b), to, pos, ctx, site);
            }
        }
        if let VK::Const(c) = &v.kind {
            if self.types.is_untyped(from) {
                if self.types.is_interface(to) {
                    let dt = self.default_type(from, pos)?;
                    let c2 = self.convert_const(c, dt, pos)?;
                    return self.convert_to_at(V { ty: dt, kind: VK::Const(c2) }, to, pos, ctx, site);
                }
                let c2 = self.convert_const(c, to, pos).map_err(|d| {
                    if d.msg.contains("overflows") || d.msg.contains("truncated") {
                        d
                    } else {
                        Diag::new(pos, format!("cannot use {} (untyped {} constant) as {} value in {ctx}", c.describe(), const_kind(c), self.types.name(to)))
                    }
                })?;
                return Ok(V { ty: to, kind: VK::Const(c2) });
            }
        }
        if self.types.is_interface(to) {
            if !self.types.is_interface(from) {
                if let Some(m) = self.missing_method(from, to) {
                    let base = self.types.pointer_elem(from).unwrap_or(from);
                    if self.bad_method_types.contains(&self.types.name(base)) {
                        return Err(Diag::reported());
                    }
                    return Err(self.unimplemented(from, to, &m, pos));
                }
                return Ok(self.to_iface(v, to, site));
            }
            if let Some(m) = self.missing_method(from, to) {
                return Err(self.unimplemented(from, to, &m, pos));
            }
            return Ok(self.iface_to_iface(v, to));
        }
        // Identical underlying types where one side is unnamed.
        let (uf, ut) = (self.types.underlying(from), self.types.underlying(to));
        let unnamed = !self.types.is_named(from) || !self.types.is_named(to);
        if uf == ut && unnamed {
            return Ok(retype(v, to));
        }
        // Bidirectional channel to directional.
        if let (Ty::Chan(0, e1), Ty::Chan(_, e2)) = (self.types.ty(uf).clone(), self.types.ty(ut).clone()) {
            if e1 == e2 && unnamed {
                return Ok(retype(v, to));
            }
        }
        err(pos, format!("cannot use value of type {} as {} value in {ctx}", self.types.name(from), self.types.name(to)))
    }

    /// A value of type `from` that the lowering finds does not implement
    /// `to`, missing `m`. The type checker found it does, so this is a type
    /// of a package rgo knows by name whose methods are fewer than Go's
    /// (`*os.File` has no `Write` yet, so it is no `io.Writer`).
    fn unimplemented(&self, from: TypeId, to: TypeId, m: &str, pos: &Pos) -> Diag {
        Diag::new(pos, format!("rgo does not support {} as {} yet ({m})", self.types.name(from), self.types.name(to)))
    }

    /// `None` when `t` has every method of interface `iface`; otherwise
    /// Go's explanation, e.g. `missing method M`.
    pub fn missing_method(&mut self, t: TypeId, iface: TypeId) -> Option<String> {
        let ms = self.types.iface_methods(iface).to_vec();
        let t_is_iface = self.types.is_interface(t);
        for m in ms {
            if t_is_iface {
                match self.types.iface_methods(t).iter().find(|x| x.name == m.name) {
                    Some(x) if x.sig == m.sig => continue,
                    Some(_) => return Some(format!("wrong type for method {}", m.name)),
                    None => return Some(format!("missing method {}", m.name)),
                }
            }
            match self.types.lookup(t, &m.name) {
                Some(sel) => match sel.kind {
                    SelKind::Method { sig, ptr_recv, .. } => {
                        if sig != m.sig {
                            return Some(format!("wrong type for method {}", m.name));
                        }
                        // Pointer methods are not in a value type's method set
                        // unless reached through an embedded pointer.
                        if ptr_recv && self.types.pointer_elem(t).is_none() {
                            let via_ptr = self.types.path_steps(t, &sel.path).iter().any(|s| s.1);
                            if !via_ptr {
                                return Some(format!("method {} has pointer receiver", m.name));
                            }
                        }
                    }
                    SelKind::Field(_) => return Some(format!("missing method {}", m.name)),
                },
                None => return Some(format!("missing method {}", m.name)),
            }
        }
        None
    }

    /// Boxes a concrete value into an interface value of type `iface`: in
    /// the frame when the value is that of expression `site` and escape
    /// analysis keeps its box there.
    pub fn to_iface(&mut self, v: V, iface: TypeId, site: Option<crate::syntax::ast::ExprId>) -> V {
        let t = v.ty;
        let dst = self.temp(iface);
        let word0 = if self.types.iface_methods(iface).is_empty() {
            Operand::SymAddr(self.descriptor(t), 0)
        } else {
            Operand::SymAddr(self.itab(t, iface), 0)
        };
        self.fb().emit(Inst::Move { ty: Scalar::U64, dst: dst.clone(), src: word0 });
        let size = self.types.size(t);
        let in_frame = site.is_some_and(|s| self.fb().stack_boxes.contains(&s)) && size > 0 && size <= super::call::MAX_IMPLICIT_STACK_VAR_SIZE;
        let constant = match &v.kind {
            VK::Const(c) if !self.types.is_pointer_shaped(t) => self.static_box(c, t),
            _ => None,
        };
        if self.types.is_pointer_shaped(t) {
            self.store(&dst.offset(8), &v, t);
        } else if let Some(sym) = constant {
            self.fb().emit(Inst::Move { ty: Scalar::U64, dst: dst.offset(8), src: Operand::SymAddr(sym, 0) });
        } else if in_frame {
            let obj = self.slot_typed(t);
            self.store(&Addr::Slot(obj, 0), &v, t);
            self.fb().emit(Inst::AddrOf { dst: dst.offset(8), src: Addr::Slot(obj, 0) });
        } else if self.is_small_scalar(t) {
            // As gc's convT16/32/64: a value below 256 (its bytes read as a
            // little-endian unsigned word) points into a static table of
            // the words 0..=255 instead of a new heap object.
            let w = self.fb().slot_scalar(8, 8);
            self.fb().emit(Inst::Move { ty: Scalar::U64, dst: Addr::Slot(w, 0), src: Operand::Imm(0) });
            self.store(&Addr::Slot(w, 0), &v, t);
            let big = self.fb().slot_scalar(1, 1);
            self.fb().emit(Inst::Bin { op: BinOp::Ge, ty: Scalar::U64, dst: Addr::Slot(big, 0), a: Operand::Mem(Addr::Slot(w, 0)), b: Operand::Imm(256) });
            let (heap, done) = (self.fb().label(), self.fb().label());
            self.fb().emit(Inst::JumpIf { cond: Operand::Mem(Addr::Slot(big, 0)), target: heap });
            let off = self.fb().slot_scalar(8, 8);
            self.fb().emit(Inst::Bin { op: BinOp::Shl, ty: Scalar::U64, dst: Addr::Slot(off, 0), a: Operand::Mem(Addr::Slot(w, 0)), b: Operand::Imm(3) });
            let table = self.static_uint64s();
            self.fb().emit(Inst::Bin { op: BinOp::Add, ty: Scalar::U64, dst: dst.offset(8), a: Operand::SymAddr(table, 0), b: Operand::Mem(Addr::Slot(off, 0)) });
            self.fb().emit(Inst::Jump(done));
            self.fb().bind(heap);
            let p = self.alloc(t);
            let slot = self.load_ptr(&p);
            self.store(&Addr::Deref(slot, 0), &v, t);
            self.fb().emit(Inst::Move { ty: Scalar::U64, dst: dst.offset(8), src: Operand::Mem(Addr::Slot(slot, 0)) });
            self.fb().bind(done);
        } else {
            let p = self.alloc(t);
            let slot = self.load_ptr(&p);
            self.store(&Addr::Deref(slot, 0), &v, t);
            self.fb().emit(Inst::Move { ty: Scalar::U64, dst: dst.offset(8), src: Operand::Mem(Addr::Slot(slot, 0)) });
        }
        V::mem(iface, dst)
    }

    /// Whether a value of `t` boxed into an interface may point into the
    /// static table of small words: a boolean, integer or float of 1, 2, 4
    /// or 8 bytes (no pointers; its bytes read as a word on every target,
    /// all little-endian).
    fn is_small_scalar(&self, t: TypeId) -> bool {
        use super::types::Basic::*;
        matches!(
            self.types.under(t),
            Ty::Basic(Bool | Int | Int8 | Int16 | Int32 | Int64 | Uint | Uint8 | Uint16 | Uint32 | Uint64 | Uintptr | Float32 | Float64)
        )
    }

    /// Converts between interface types (the checker has verified the
    /// method sets statically).
    fn iface_to_iface(&mut self, v: V, to: TypeId) -> V {
        let from = v.ty;
        let src = self.to_addr(&v);
        let dst = self.temp(to);
        let from_empty = self.types.iface_methods(from).is_empty();
        let to_empty = self.types.iface_methods(to).is_empty();
        self.fb().emit(Inst::Move { ty: Scalar::U64, dst: dst.offset(8), src: Operand::Mem(src.offset(8)) });
        if to_empty {
            if from_empty {
                self.fb().emit(Inst::Move { ty: Scalar::U64, dst: dst.clone(), src: Operand::Mem(src.clone()) });
            } else {
                let t = self.iface_type_word(&src, from);
                self.fb().emit(Inst::Move { ty: Scalar::U64, dst: dst.clone(), src: t });
            }
        } else {
            let typ = self.iface_type_word(&src, from);
            let tw = self.fb().slot_scalar(8, 8);
            self.fb().emit(Inst::Move { ty: Scalar::U64, dst: Addr::Slot(tw, 0), src: typ });
            self.fb().emit(Inst::Move { ty: Scalar::U64, dst: dst.clone(), src: Operand::Imm(0) });
            let done = self.fb().label();
            let isnil = self.fb().slot_scalar(1, 1);
            self.fb().emit(Inst::Bin { op: BinOp::Eq, ty: Scalar::U64, dst: Addr::Slot(isnil, 0), a: Operand::Mem(Addr::Slot(tw, 0)), b: Operand::Imm(0) });
            self.fb().emit(Inst::JumpIf { cond: Operand::Mem(Addr::Slot(isnil, 0)), target: done });
            let inter = self.descriptor(to);
            self.fb().emit(Inst::CallRuntime {
                func: rt::GETITAB,
                args: vec![(Scalar::U64, Operand::SymAddr(inter, 0)), (Scalar::U64, Operand::Mem(Addr::Slot(tw, 0))), (Scalar::U8, Operand::Imm(0))],
                rets: vec![(Scalar::U64, dst.clone())],
            });
            self.fb().bind(done);
        }
        V::mem(to, dst)
    }

    /// The dynamic type word of an interface value at `src` (null for nil).
    pub fn iface_type_word(&mut self, src: &Addr, iface: TypeId) -> Operand {
        if self.types.iface_methods(iface).is_empty() {
            return Operand::Mem(src.clone());
        }
        // itab ? itab.typ : nil
        let out = self.fb().slot_scalar(8, 8);
        let itab = self.load_ptr(src);
        self.fb().emit(Inst::Move { ty: Scalar::U64, dst: Addr::Slot(out, 0), src: Operand::Imm(0) });
        let done = self.fb().label();
        let isnil = self.fb().slot_scalar(1, 1);
        self.fb().emit(Inst::Bin { op: BinOp::Eq, ty: Scalar::U64, dst: Addr::Slot(isnil, 0), a: Operand::Mem(Addr::Slot(itab, 0)), b: Operand::Imm(0) });
        self.fb().emit(Inst::JumpIf { cond: Operand::Mem(Addr::Slot(isnil, 0)), target: done });
        self.fb().emit(Inst::Move { ty: Scalar::U64, dst: Addr::Slot(out, 0), src: Operand::Mem(Addr::Deref(itab, 8)) });
        self.fb().bind(done);
        Operand::Mem(Addr::Slot(out, 0))
    }

    /// Copies the pointer at `p` into a fresh slot (always a new slot).
    pub fn load_ptr_copy(&mut self, p: &Addr) -> crate::ir::SlotId {
        let s = self.fb().slot_ptr();
        self.fb().emit(Inst::Move { ty: Scalar::U64, dst: Addr::Slot(s, 0), src: Operand::Mem(p.clone()) });
        s
    }

    /// Allocates a zeroed `t` on the heap; returns the slot address holding
    /// the pointer.
    pub fn alloc(&mut self, t: TypeId) -> Addr {
        let size = self.types.size(t).max(1);
        let desc = self.descriptor(t);
        let s = self.fb().slot_ptr();
        self.fb().emit(Inst::CallRuntime {
            func: rt::ALLOC,
            args: vec![(Scalar::U64, Operand::Imm(size as i64)), (Scalar::U64, Operand::SymAddr(desc, 0))],
            rets: vec![(Scalar::U64, Addr::Slot(s, 0))],
        });
        Addr::Slot(s, 0)
    }

    /// The object of `new(T)` or `&T{...}` (`site`: the id escape
    /// analysis knows it by): in the frame when it does not escape and is
    /// small (gc's limit for implicit variables, 64 KiB), zeroed if
    /// `zero`; else on the heap (always zeroed). Returns the slot address
    /// holding the pointer.
    pub fn alloc_at(&mut self, site: crate::syntax::ast::ExprId, t: TypeId, zero: bool) -> Addr {
        if let Some(p) = self.result_buffer_object(&super::escape::FreshSite::Alloc(site), zero) {
            return p;
        }
        let size = self.types.size(t);
        if !self.fb().stack_allocs.contains(&site) || size == 0 || size > super::call::MAX_IMPLICIT_STACK_VAR_SIZE {
            return self.alloc(t);
        }
        let obj = self.slot_typed(t);
        if zero {
            self.fb().emit(Inst::Zero { dst: Addr::Slot(obj, 0), size: size as u32 });
        }
        self.slot_address(obj)
    }

    /// A new pointer slot holding the address of frame slot `obj` (which
    /// becomes a stack object); the pointer slot's address.
    pub fn slot_address(&mut self, obj: crate::ir::SlotId) -> Addr {
        let s = self.fb().slot_ptr();
        self.fb().emit(Inst::AddrOf { dst: Addr::Slot(s, 0), src: Addr::Slot(obj, 0) });
        Addr::Slot(s, 0)
    }

    // ----- expressions -----

    /// Checks and lowers `e`. `hint` is the type the context expects, used
    /// for untyped shift operands.
    pub fn expr(&mut self, e: &Expr, hint: Option<TypeId>) -> Result<V> {
        crate::stack::grow(|| self.expr_inner(e, hint))
    }

    fn expr_inner(&mut self, e: &Expr, hint: Option<TypeId>) -> Result<V> {
        if let Some((at, v)) = &self.pre_evaluated {
            if *at == e as *const Expr as usize {
                return Ok(v.clone());
            }
        }
        // Constants of other packages, and constant expressions, as the
        // checker computed them; but not in a constant declaration, whose
        // expression repeats for each `iota` (one record, many values).
        if self.iota.is_none() && matches!(e.kind, ExprKind::Selector { .. } | ExprKind::Unary { .. } | ExprKind::Binary { .. }) {
            if let Some(v) = self.recorded_const(e) {
                return Ok(v);
            }
        }
        match &e.kind {
            ExprKind::Ident(id) => {
                if id.name == "_" {
                    return err(&id.pos, "cannot use _ as value");
                }
                if self.is_package(id) {
                    return err(&id.pos, format!("use of package {} without selector", id.name));
                }
                let named = match self.lookup(&id.name, &id.pos) {
                    // A member of a package imported with `import . "path"`.
                    Err(d) => return self.dot_imported(id, d, false),
                    Ok(n) => n,
                };
                Ok(match named {
                    Named::Var(var, ty) => V { ty, kind: VK::Mem { addr: var.addr(), addressable: true } },
                    Named::Global(sym, ty) => V { ty, kind: VK::Mem { addr: Addr::Global(sym, 0), addressable: true } },
                    Named::Const(ty, c) => V { ty, kind: VK::Const(c) },
                    Named::Type(ty) => V { ty, kind: VK::Type },
                    Named::Func(sym, ty) => V { ty, kind: VK::Func(sym) },
                    Named::Builtin(b) => V { ty: 0, kind: VK::Builtin(b) },
                    Named::Nil => V { ty: basic_id(Basic::UntypedNil), kind: VK::Nil },
                    Named::Generic(decl) => {
                        let f = self.func_instance(decl, id)?;
                        V { ty: f.sig, kind: VK::Func(f.sym) }
                    }
                })
            }
            ExprKind::BasicLit(l) => self.basic_lit(l, &e.pos),
            ExprKind::Paren(x) => self.expr(x, hint),
            ExprKind::FuncLit { sig, body } => self.func_lit(e.id, sig, body, &e.pos),
            ExprKind::Composite { typ, elems, .. } => {
                let Some(te) = typ else { return err(&e.pos, "invalid composite literal type: missing type") };
                let t = self.composite_type(te, elems)?;
                self.composite(Some(e.id), t, elems, &e.pos)
            }
            ExprKind::Selector { x, sel } => self.selector(x, sel, &e.pos),
            ExprKind::Index { .. } | ExprKind::IndexList { .. } if self.is_instantiation(e) => self.instantiation(e),
            ExprKind::Index { x, index, lbrack } => self.index(x, index, lbrack, &e.pos),
            ExprKind::IndexList { lbrack, .. } => Err(super::generics(lbrack)),
            ExprKind::Tilde(x) => {
                // gc's checker looks at the operand first.
                self.value(x)?;
                err(&e.pos, "cannot use ~ outside of interface or type constraint")
            }
            ExprKind::Slice { x, lo, hi, max, three } => self.slice_expr(x, lo.as_deref(), hi.as_deref(), max.as_deref(), *three, &e.pos),
            ExprKind::TypeAssert { x, typ } => {
                let Some(te) = typ else { return err(&e.pos, "use of .(type) outside type switch") };
                let t = self.resolve_type(te)?;
                let (v, _) = self.type_assert(x, t, false, &e.pos)?;
                Ok(v)
            }
            ExprKind::Call { func, args, ellipsis, lparen, .. } => {
                // A call's line is its parenthesis's, as gc's line table has
                // it, also after its arguments' calls on other lines.
                if let Some(fb) = self.fns.last_mut() {
                    fb.call_lines.push(lparen.line);
                }
                let depth = self.fns.len();
                let r = self.call(e.id, func, args, *ellipsis, &e.pos);
                if let Some(fb) = self.fns.get_mut(depth.wrapping_sub(1)) {
                    fb.call_lines.pop();
                }
                r
            }
            ExprKind::Star(x) => {
                let v = self.expr(x, None)?;
                if let VK::Type = v.kind {
                    let t = self.types.pointer(v.ty);
                    return Ok(V { ty: t, kind: VK::Type });
                }
                let Some(elem) = self.types.pointer_elem(v.ty) else {
                    return err(&e.pos, format!("invalid operation: cannot indirect {} (value of type {})", self.describe_expr(x), self.types.name(v.ty)));
                };
                let a = self.to_addr(&v);
                let s = self.load_ptr(&a);
                // Nothing loads a zero-size value: check the pointer here.
                if self.types.size(elem) == 0 {
                    self.nil_check(s);
                }
                Ok(V { ty: elem, kind: VK::Mem { addr: Addr::Deref(s, 0), addressable: true } })
            }
            ExprKind::Unary { op, x } => self.unary(*op, x, &e.pos, hint),
            ExprKind::Binary { op, x, y } => self.binary(e.id, *op, x, y, &e.pos, hint),
            ExprKind::ArrayType { .. }
            | ExprKind::SliceType(_)
            | ExprKind::MapType { .. }
            | ExprKind::ChanType { .. }
            | ExprKind::FuncType(_)
            | ExprKind::StructType(_)
            | ExprKind::InterfaceType(_)
            | ExprKind::Union(_) => {
                let t = self.resolve_type(e)?;
                Ok(V { ty: t, kind: VK::Type })
            }
            ExprKind::Bad => err(&e.pos, "invalid expression"),
        }
    }

    /// `e`, where a conversion `string(b)` of a byte slice may give `b`'s
    /// bytes without copying them: for a value read at once and kept
    /// nowhere (a comparison's operand, a map lookup's key), when nothing
    /// evaluated after `e` and before that use can write to `b`.
    pub fn string_view_expr(&mut self, e: &Expr, hint: Option<TypeId>) -> Result<V> {
        if let ExprKind::Call { args, .. } = &strip_parens(e).kind {
            if args.len() == 1 {
                self.string_view = Some(args.as_ptr() as usize);
            }
        }
        let r = self.expr(e, hint);
        self.string_view = None;
        r
    }

    /// Whether evaluating `e` may run code that writes memory: a call that
    /// is not a conversion, a function literal, a receive (another
    /// goroutine runs meanwhile). Conservative: anything unrecognised may.
    pub fn may_write(&self, e: &Expr) -> bool {
        let mut work = vec![e];
        while let Some(e) = work.pop() {
            match &e.kind {
                ExprKind::Ident(_) | ExprKind::BasicLit(_) => {}
                ExprKind::Paren(x) | ExprKind::Selector { x, .. } | ExprKind::Star(x) => work.push(x),
                ExprKind::Unary { op, x } => {
                    if *op == UnaryOp::Recv {
                        return true;
                    }
                    work.push(x);
                }
                ExprKind::Binary { x, y, .. } | ExprKind::Index { x, index: y, .. } => {
                    work.push(x);
                    work.push(y);
                }
                ExprKind::Slice { x, lo, hi, max, .. } => {
                    work.push(x);
                    work.extend([lo, hi, max].into_iter().flatten().map(|b| &**b));
                }
                ExprKind::Call { func, args, .. } if args.len() == 1 && self.is_type_expr(func) => work.push(&args[0]),
                _ => return true,
            }
        }
        false
    }

    /// Checks and lowers `e` as a single value (not a type, not void).
    pub fn value(&mut self, e: &Expr) -> Result<V> {
        let v = self.expr(e, None)?;
        self.single(v, e)
    }

    pub fn single(&mut self, v: V, e: &Expr) -> Result<V> {
        match &v.kind {
            VK::Type => err(&e.pos, format!("{} (type) is not an expression", self.types.name(v.ty))),
            VK::Void => err(&e.pos, format!("{} (no value) used as value", self.describe_expr(e))),
            VK::Builtin(b) => self.builtin_value(*b, e),
            VK::Tuple(ts) => err(&e.pos, format!("multiple-value {} (value of type {}) in single-value context", self.describe_expr(e), ts.len())),
            _ => Ok(v),
        }
    }

    /// Checks `e` and converts it to type `to` for assignment.
    pub fn value_as(&mut self, e: &Expr, to: TypeId, ctx: &str) -> Result<V> {
        let v = self.expr(e, Some(to))?;
        let v = self.single(v, e)?;
        self.convert_to(v, to, &e.pos, ctx)
    }

    /// Checks `e` and gives it its default type if untyped.
    pub fn typed_value(&mut self, e: &Expr) -> Result<V> {
        let v = self.value(e)?;
        self.typed(v, e)
    }

    /// `v`, the value of `e`, with its default type if untyped.
    pub fn typed(&mut self, v: V, e: &Expr) -> Result<V> {
        if self.is_untyped_nil(&v) {
            return err(&e.pos, "use of untyped nil in assignment");
        }
        if self.types.is_untyped(v.ty) {
            let t = self.default_type(v.ty, &e.pos)?;
            return self.convert_to(v, t, &e.pos, "assignment");
        }
        Ok(v)
    }

    fn basic_lit(&mut self, l: &BasicLit, pos: &Pos) -> Result<V> {
        let (b, c) = constant::literal(l).map_err(|m| Diag::new(pos, m))?;
        Ok(V { ty: basic_id(b), kind: VK::Const(c) })
    }

    /// Faults (and so panics, through rt-core's fault handler) when the
    /// pointer in `ptr_slot` is nil: a one-byte load through it. Accesses
    /// through a pointer fault by themselves; this is for address
    /// computations that do not access memory (`&p.f`, `&*p`, embedded
    /// fields reached through a pointer).
    pub fn nil_check(&mut self, ptr_slot: crate::ir::SlotId) {
        if self.fb().elem_ptrs.contains(&ptr_slot) {
            return;
        }
        let probe = self.fb().slot_scalar(1, 1);
        self.fb().emit(Inst::Move { ty: Scalar::U8, dst: Addr::Slot(probe, 0), src: Operand::Mem(Addr::Deref(ptr_slot, 0)) });
    }

    /// Evaluates a value that is then discarded (`_ = *p`): a load through
    /// a nil pointer must still panic, though nothing reads the value.
    pub fn discard(&mut self, v: &V) {
        if let VK::Mem { addr: Addr::Deref(p, _), .. } = &v.kind {
            self.nil_check(*p);
        }
    }

    // ----- unary and binary -----

    fn unary(&mut self, op: UnaryOp, x: &Expr, pos: &Pos, hint: Option<TypeId>) -> Result<V> {
        match op {
            UnaryOp::Addr => {
                if let ExprKind::Composite { .. } | ExprKind::Paren(_) = &x.kind {
                    let inner = strip_parens(x);
                    if let ExprKind::Composite { .. } = &inner.kind {
                        let v = self.value(inner)?;
                        let p = self.alloc_at(inner.id, v.ty, false);
                        let s = self.load_ptr(&p);
                        self.store(&Addr::Deref(s, 0), &v, v.ty);
                        let pt = self.types.pointer(v.ty);
                        return Ok(V::mem(pt, Addr::Slot(s, 0)));
                    }
                }
                let v = self.value(x)?;
                let VK::Mem { addr, addressable: true } = &v.kind else {
                    if self.map_index_type(x).is_some() {
                        return err(pos, format!("invalid operation: cannot take address of {} (map index expression of type {})", self.describe_expr(x), self.types.name(v.ty)));
                    }
                    return err(pos, format!("invalid operation: cannot take address of {}", self.describe_expr(x)));
                };
                if let Addr::Deref(p, _) = addr {
                    self.nil_check(*p);
                }
                let pt = self.types.pointer(v.ty);
                let dst = self.temp(pt);
                self.fb().emit(Inst::AddrOf { dst: dst.clone(), src: addr.clone() });
                Ok(V::mem(pt, dst))
            }
            UnaryOp::Recv => Ok(self.recv(x, pos)?.0),
            _ => {
                let v = self.expr(x, hint)?;
                let v = self.single(v, x)?;
                let Some(b) = self.types.basic(v.ty) else {
                    return err(pos, format!("invalid operation: operator {} not defined on {}", unop_str(op), self.describe_expr(x)));
                };
                let ok = match op {
                    UnaryOp::Plus | UnaryOp::Neg => b.is_numeric(),
                    UnaryOp::Not => b.is_bool(),
                    UnaryOp::Com => b.is_integer(),
                    _ => false,
                };
                if !ok {
                    return err(pos, format!("invalid operation: operator {} not defined on {} (variable of type {})", unop_str(op), self.describe_expr(x), self.types.name(v.ty)));
                }
                if let VK::Const(c) = &v.kind {
                    let r = match (op, c) {
                        (UnaryOp::Plus, _) => c.clone(),
                        (UnaryOp::Neg, Const::Int(i)) => Const::Int(-i),
                        // Constants are exact: there is no negative zero.
                        (UnaryOp::Neg, Const::Float(f)) => Const::Float(-f + 0.0),
                        (UnaryOp::Neg, Const::Huge(h)) => Const::Huge(-*h),
                        (UnaryOp::Neg, Const::Complex(r, i)) => Const::Complex(-r + 0.0, -i + 0.0),
                        (UnaryOp::Neg, Const::Big(r, int)) => Const::Big(Box::new(r.neg()), *int),
                        (UnaryOp::Neg, Const::BigComplex(c)) => Const::BigComplex(Box::new((c.0.neg(), c.1.neg()))),
                        // ^x is -x - 1 for an untyped integer.
                        (UnaryOp::Com, Const::Big(r, true)) => constant::normalize(r.neg().sub(&super::bignum::Rat::from_i128(1)), true).map_err(|m| Diag::new(pos, m))?,
                        (UnaryOp::Not, Const::Bool(b)) => Const::Bool(!b),
                        (UnaryOp::Com, Const::Int(i)) => {
                            if b.is_unsigned() {
                                let bits = b.size() * 8;
                                Const::Int(!i & ((1i128 << bits) - 1))
                            } else {
                                Const::Int(!i)
                            }
                        }
                        _ => return err(pos, "invalid constant operation"),
                    };
                    if !b.is_untyped() {
                        let r = self.convert_const(&r, v.ty, pos)?;
                        return Ok(V { ty: v.ty, kind: VK::Const(r) });
                    }
                    return Ok(V { ty: v.ty, kind: VK::Const(r) });
                }
                if op == UnaryOp::Plus {
                    return Ok(v);
                }
                let a = self.to_addr(&v);
                let dst = self.temp(v.ty);
                if b.is_complex() {
                    let (sc, w) = if b == Basic::Complex64 { (Scalar::F32, 4) } else { (Scalar::F64, 8) };
                    for off in [0, w] {
                        self.fb().emit(Inst::Un { op: UnOp::Neg, ty: sc, dst: dst.offset(off), a: Operand::Mem(a.offset(off)) });
                    }
                    return Ok(V::mem(v.ty, dst));
                }
                let sc = self.types.scalar(v.ty).unwrap_or(Scalar::I64);
                let uop = match op {
                    UnaryOp::Neg => UnOp::Neg,
                    UnaryOp::Not => UnOp::Not,
                    _ => UnOp::Com,
                };
                self.fb().emit(Inst::Un { op: uop, ty: sc, dst: dst.clone(), a: Operand::Mem(a) });
                Ok(V::mem(v.ty, dst))
            }
        }
    }

    /// The binary expression `site` (its id, which escape analysis knows a
    /// string sum's new string by): `xe op ye`.
    fn binary(&mut self, site: crate::syntax::ast::ExprId, op: BinaryOp, xe: &Expr, ye: &Expr, pos: &Pos, hint: Option<TypeId>) -> Result<V> {
        let shift = |op: BinaryOp| matches!(op, BinaryOp::Shl | BinaryOp::Shr);
        if shift(op) {
            return self.binary_op(site, op, None, xe, ye, pos, hint);
        }
        if op == BinaryOp::Add {
            if let Some((t, parts)) = self.string_sum_parts(xe, ye) {
                return self.string_sum(site, t, &parts);
            }
        }
        // A left-nested chain (`a + b + ... + z`) is as deep as it is long:
        // walk its left spine in a loop, then apply the operators from the
        // innermost out, so that only right operands recurse.
        let mut spine = vec![(site, op, xe, ye, pos)];
        let mut leaf = xe;
        while let ExprKind::Binary { op, x, y } = &leaf.kind {
            if shift(*op) {
                break;
            }
            spine.push((leaf.id, *op, &**x, &**y, &leaf.pos));
            leaf = x;
        }
        // Whether each node's left operand holds an untyped shift, from the
        // leaf up (one pass, not one walk of the chain per node).
        let mut left_shift = vec![false; spine.len()];
        let mut below = has_untyped_shift(leaf);
        for (i, &(_, op, _, y, _)) in spine.iter().enumerate().rev() {
            left_shift[i] = below;
            below = is_arithmetic(op) && (below || has_untyped_shift(y));
        }
        // Each node's left operand gets the hint the recursion would give
        // it, from the top down.
        let mut hints = Vec::with_capacity(spine.len());
        let mut h = hint;
        for (i, &(_, op, _, y, _)) in spine.iter().enumerate() {
            hints.push(h);
            h = if matches!(op, BinaryOp::LAnd | BinaryOp::LOr) { None } else { self.left_hint(op, y, h, left_shift[i]) };
        }
        let mut v = match spine[..] {
            [(_, op, _, ye, _)] if is_comparison(op) && !self.may_write(ye) => self.string_view_expr(leaf, h)?,
            _ => self.expr(leaf, h)?,
        };
        while let Some((site, op, xe, ye, pos)) = spine.pop() {
            let hint = hints.pop().flatten();
            v = self.binary_op(site, op, Some(v), xe, ye, pos, hint)?;
        }
        Ok(v)
    }

    /// The hint for the left operand of `x op ye` when the expression's is
    /// `hint`. A comparison's operands do not take the type of its (boolean)
    /// context. An untyped non-constant shift in the left operand takes the
    /// right operand's type (Go's spec: the type the constant would have if
    /// the shift were replaced by its left operand alone); not while probing
    /// already, as nested probes would take time exponential in the nesting.
    fn left_hint(&mut self, op: BinaryOp, ye: &Expr, hint: Option<TypeId>, left_has_shift: bool) -> Option<TypeId> {
        let is_cmp = is_comparison(op);
        let hint = if is_cmp { None } else { hint };
        if !left_has_shift || self.probing > 0 {
            return hint;
        }
        match self.known(ye) {
            Ok(k) if !self.types.is_untyped(k.ty) && (matches!(k.what, What::Const(_)) || k.is_value()) => Some(k.ty),
            // Both sides untyped and no typed context: the shift takes the
            // default type of the other side's constant (`1<<s != 1.0` shifts
            // a float64, which is invalid).
            Ok(Known { ty, what: What::Const(_) }) if !self.typed_basic(hint) => self.default_type(ty, &ye.pos).ok().or(hint),
            _ => hint,
        }
    }

    /// Whether `hint` is a typed basic type: the type an untyped non-constant
    /// shift takes from its context.
    fn typed_basic(&self, hint: Option<TypeId>) -> bool {
        hint.is_some_and(|h| self.types.basic(h).is_some_and(|b| !b.is_untyped()))
    }

    /// `xe op ye` (the expression `site`), with `xe`'s value `x` already
    /// computed when given.
    #[allow(clippy::too_many_arguments)]
    fn binary_op(&mut self, site: crate::syntax::ast::ExprId, op: BinaryOp, x: Option<V>, xe: &Expr, ye: &Expr, pos: &Pos, hint: Option<TypeId>) -> Result<V> {
        if matches!(op, BinaryOp::LAnd | BinaryOp::LOr) {
            return self.logical(op, x, xe, ye, pos);
        }
        if matches!(op, BinaryOp::Shl | BinaryOp::Shr) {
            return self.shift(op, xe, ye, pos, hint);
        }
        let x = match x {
            Some(x) => x,
            None => {
                let x_hint = self.left_hint(op, ye, hint, has_untyped_shift(xe));
                self.expr(xe, x_hint)?
            }
        };
        let x = self.single(x, xe)?;
        // `*p` is read where it is used: read it now, before the right
        // operand, which may panic too (`*l == r[0]` with both nil: gc
        // reports the dereference, test/fixedbugs/issue32187.go).
        let x = match &x.kind {
            VK::Mem { addr: a @ Addr::Deref(..), .. } if !matches!(strip_parens(ye).kind, ExprKind::Ident(_) | ExprKind::BasicLit(_)) => {
                let a = a.clone();
                let t = self.temp(x.ty);
                self.copy(&t, &a, x.ty);
                V::mem(x.ty, t)
            }
            _ => x,
        };
        let is_cmp = is_comparison(op);
        // A comparison's operands do not take the type of its (boolean) context.
        let hint = if is_cmp { None } else { hint };
        let y_hint = if self.types.is_untyped(x.ty) || matches!(x.kind, VK::Nil) { hint } else { Some(x.ty) };
        // An untyped constant beside an untyped non-constant shift, with no
        // typed context: the shift takes the constant's default type
        // (`x := 1.0 + 1<<s` shifts a float64, which is invalid).
        let y_hint = match &x.kind {
            VK::Const(_) if self.types.is_untyped(x.ty) && !self.typed_basic(y_hint) && has_untyped_shift(ye) => self.default_type(x.ty, pos).ok().or(y_hint),
            _ => y_hint,
        };
        let y = if is_cmp { self.string_view_expr(ye, y_hint)? } else { self.expr(ye, y_hint)? };
        let y = self.single(y, ye)?;
        // Bring both operands to one type.
        let (x, y) = self.match_operands(x, y, op, pos, xe, ye)?;
        let t = x.ty;
        if is_cmp {
            return self.compare(op, x, y, pos, xe, ye);
        }
        let Some(b) = self.types.basic(t) else {
            return err(pos, format!("invalid operation: operator {} not defined on {} (variable of type {})", binop_str(op), self.describe_expr(xe), self.types.name(t)));
        };
        let ok = match op {
            BinaryOp::Add => b.is_numeric() || b.is_string(),
            BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div => b.is_numeric(),
            BinaryOp::Rem | BinaryOp::And | BinaryOp::Or | BinaryOp::Xor | BinaryOp::AndNot => b.is_integer(),
            _ => false,
        };
        if !ok {
            return err(pos, format!("invalid operation: operator {} not defined on {} (variable of type {})", binop_str(op), self.describe_expr(xe), self.types.name(t)));
        }
        if let (VK::Const(a), VK::Const(c)) = (&x.kind, &y.kind) {
            let r = constant::binary(op, a, c, b.is_integer()).map_err(|m| Diag::new(pos, m))?;
            let r = if b.is_untyped() {
                // The result kind follows the "larger" operand kind.
                r
            } else {
                self.convert_const(&r, t, pos).map_err(|_| Diag::new(pos, format!("constant {} overflows {}", r.describe(), self.types.name(t))))?
            };
            let rt = if b.is_untyped() { untyped_of(&r, t) } else { t };
            return Ok(V { ty: rt, kind: VK::Const(r) });
        }
        let t = if b.is_untyped() { self.default_type(t, pos)? } else { t };
        let b = self.types.basic(t).unwrap();
        if b.is_string() {
            // The result has the operands' type (a named string type stays named).
            let v = self.concat(Some(site), vec![x, y])?;
            return Ok(V { ty: t, ..v });
        }
        if matches!(op, BinaryOp::Div | BinaryOp::Rem) && b.is_integer() {
            if let VK::Const(c) = &y.kind {
                if c.as_int() == Some(0) {
                    return err(pos, "invalid operation: division by zero");
                }
            } else {
                self.check_divisor(&y);
            }
        }
        if b.is_complex() {
            return self.complex_arith(op, x, y, t);
        }
        let sc = self.types.scalar(t).unwrap();
        let a = self.operand(&x);
        let c = self.operand(&y);
        let dst = self.temp(t);
        let bop = match op {
            BinaryOp::Add => BinOp::Add,
            BinaryOp::Sub => BinOp::Sub,
            BinaryOp::Mul => BinOp::Mul,
            BinaryOp::Div => BinOp::Div,
            BinaryOp::Rem => BinOp::Rem,
            BinaryOp::And => BinOp::And,
            BinaryOp::Or => BinOp::Or,
            BinaryOp::Xor => BinOp::Xor,
            _ => BinOp::AndNot,
        };
        self.fb().emit(Inst::Bin { op: bop, ty: sc, dst: dst.clone(), a, b: c });
        Ok(V::mem(t, dst))
    }

    fn check_divisor(&mut self, y: &V) {
        let sc = self.types.scalar(y.ty).unwrap_or(Scalar::I64);
        let o = self.operand(y);
        let z = self.fb().slot_scalar(1, 1);
        let ok = self.fb().label();
        self.fb().emit(Inst::Bin { op: BinOp::Ne, ty: sc, dst: Addr::Slot(z, 0), a: o, b: Operand::Imm(0) });
        self.fb().emit(Inst::JumpIf { cond: Operand::Mem(Addr::Slot(z, 0)), target: ok });
        self.fb().emit(Inst::CallRuntime { func: rt::PANIC_DIVIDE, args: vec![], rets: vec![] });
        self.fb().bind(ok);
    }

    /// Gives two binary operands a common type (untyped constants take the
    /// other side's type; interface vs concrete converts the concrete one).
    fn match_operands(&mut self, x: V, y: V, op: BinaryOp, pos: &Pos, xe: &Expr, ye: &Expr) -> Result<(V, V)> {
        let (xu, yu) = (self.types.is_untyped(x.ty), self.types.is_untyped(y.ty));
        match (xu, yu) {
            (true, true) => {
                if matches!(x.kind, VK::Nil) || matches!(y.kind, VK::Nil) {
                    return err(pos, "invalid operation: mismatched types untyped nil and untyped constant");
                }
                // Both untyped constants: the larger kind wins.
                let (cx, cy) = match (&x.kind, &y.kind) {
                    (VK::Const(a), VK::Const(b)) => (a.clone(), b.clone()),
                    _ => return Ok((x, y)),
                };
                let rank = |t: TypeId| match self.types.basic(t) {
                    Some(Basic::UntypedInt) => 1,
                    Some(Basic::UntypedRune) => 2,
                    Some(Basic::UntypedFloat) => 3,
                    Some(Basic::UntypedComplex) => 4,
                    _ => 0,
                };
                let (rx, ry) = (rank(x.ty), rank(y.ty));
                if (rx == 0) != (ry == 0) || (rx == 0 && x.ty != y.ty) {
                    return err(pos, format!("invalid operation: {} (mismatched types {} and {})", describe_bin(self, xe, op, ye), self.types.name(x.ty), self.types.name(y.ty)));
                }
                let t = if rx >= ry { x.ty } else { y.ty };
                Ok((V { ty: t, kind: VK::Const(cx) }, V { ty: t, kind: VK::Const(cy) }))
            }
            (true, false) => {
                let x2 = self.convert_operand(x, y.ty, pos, xe, ye, op)?;
                Ok((x2, y))
            }
            (false, true) => {
                let y2 = self.convert_operand(y, x.ty, pos, xe, ye, op)?;
                Ok((x, y2))
            }
            (false, false) => {
                if x.ty == y.ty {
                    return Ok((x, y));
                }
                let (xi, yi) = (self.types.is_interface(x.ty), self.types.is_interface(y.ty));
                // An interface compares with a concrete value only when the
                // latter's type is comparable (`i == s` with a slice `s` is invalid).
                if xi != yi && matches!(op, BinaryOp::Eq | BinaryOp::Ne) {
                    let c = if xi { y.ty } else { x.ty };
                    let what = match self.types.under(c) {
                        Ty::Slice(_) => Some("slice can only be compared to nil"),
                        Ty::Map(..) => Some("map can only be compared to nil"),
                        Ty::Func(_) => Some("func can only be compared to nil"),
                        _ if !self.types.comparable(c) => Some("struct containing uncomparable field"),
                        _ => None,
                    };
                    if let Some(what) = what {
                        return err(pos, format!("invalid operation: {} ({what})", describe_bin(self, xe, op, ye)));
                    }
                }
                if xi && !yi && self.missing_method(y.ty, x.ty).is_none() {
                    let y2 = self.convert_to(y, x.ty, pos, "comparison")?;
                    return Ok((x, y2));
                }
                if yi && !xi && self.missing_method(x.ty, y.ty).is_none() {
                    let x2 = self.convert_to(x, y.ty, pos, "comparison")?;
                    return Ok((x2, y));
                }
                // Two interfaces: one assignable to the other (its method
                // set includes the other's), as `I1 == I2` with identical
                // method sets (test/cmp.go).
                if xi && yi && self.missing_method(x.ty, y.ty).is_none() {
                    let x2 = self.convert_to(x, y.ty, pos, "comparison")?;
                    return Ok((x2, y));
                }
                if xi && yi && self.missing_method(y.ty, x.ty).is_none() {
                    let y2 = self.convert_to(y, x.ty, pos, "comparison")?;
                    return Ok((x, y2));
                }
                // Identical underlying types, one of them unnamed: the
                // unnamed operand is assignable to the other's type.
                let defined = |t: TypeId| self.types.is_named(t) || matches!(self.types.ty(t), Ty::Basic(_));
                if self.types.underlying(x.ty) == self.types.underlying(y.ty) {
                    if !defined(x.ty) {
                        let t = y.ty;
                        return Ok((retype(x, t), y));
                    }
                    if !defined(y.ty) {
                        let t = x.ty;
                        return Ok((x, retype(y, t)));
                    }
                }
                // A bidirectional channel is assignable to a channel type of
                // its element type (one of the two unnamed): `c3 == c1` with
                // `c3 chan int`, `c1 chan<- int` (test/cmp6.go).
                let chan = |t: TypeId| match self.types.ty(self.types.underlying(t)) {
                    Ty::Chan(d, e) => Some((*d, *e)),
                    _ => None,
                };
                if let (Some((dx, ex)), Some((dy, ey))) = (chan(x.ty), chan(y.ty)) {
                    if ex == ey && (!defined(x.ty) || !defined(y.ty)) {
                        if dx == 0 {
                            let t = y.ty;
                            return Ok((retype(x, t), y));
                        }
                        if dy == 0 {
                            let t = x.ty;
                            return Ok((x, retype(y, t)));
                        }
                    }
                }
                err(pos, format!("invalid operation: {} (mismatched types {} and {})", describe_bin(self, xe, op, ye), self.types.name(x.ty), self.types.name(y.ty)))
            }
        }
    }

    fn convert_operand(&mut self, v: V, to: TypeId, pos: &Pos, xe: &Expr, ye: &Expr, op: BinaryOp) -> Result<V> {
        let what = self.types.name(v.ty);
        self.convert_to(v, to, pos, "operation").map_err(|d| {
            if d.msg.contains("overflows") || d.msg.contains("truncated") {
                d
            } else {
                Diag::new(pos, format!("invalid operation: {} (mismatched types {} and {})", describe_bin(self, xe, op, ye), what, self.types.name(to)))
            }
        })
    }

    fn logical(&mut self, op: BinaryOp, x: Option<V>, xe: &Expr, ye: &Expr, pos: &Pos) -> Result<V> {
        let x = match x {
            Some(x) => self.single(x, xe)?,
            None => self.value(xe)?,
        };
        if !self.types.basic(x.ty).is_some_and(|b| b.is_bool()) {
            return err(pos, format!("invalid operation: operator {} not defined on {} (variable of type {})", binop_str(op), self.describe_expr(xe), self.types.name(x.ty)));
        }
        // Untyped until one side has a type (`true && x < y` is untyped, as
        // comparisons are: assignable to any boolean type).
        let t = if self.types.is_untyped(x.ty) { basic_id(Basic::UntypedBool) } else { x.ty };
        let dst = self.temp(self.bool_t());
        let xo = self.operand(&x);
        self.fb().emit(Inst::Move { ty: Scalar::U8, dst: dst.clone(), src: xo });
        let done = self.fb().label();
        if op == BinaryOp::LAnd {
            self.fb().emit(Inst::JumpIfNot { cond: Operand::Mem(dst.clone()), target: done });
        } else {
            self.fb().emit(Inst::JumpIf { cond: Operand::Mem(dst.clone()), target: done });
        }
        let y = self.value(ye)?;
        if !self.types.basic(y.ty).is_some_and(|b| b.is_bool()) {
            return err(pos, format!("invalid operation: operator {} not defined on {} (variable of type {})", binop_str(op), self.describe_expr(ye), self.types.name(y.ty)));
        }
        self.logical_types(op, &x, &y, xe, ye, pos)?;
        // Both sides constant: a constant. The right side is lowered behind
        // the short-circuit jump in any case, so a constant left side never
        // makes it run unconditionally (`false && f()`).
        if let (VK::Const(Const::Bool(a)), VK::Const(Const::Bool(b))) = (&x.kind, &y.kind) {
            let r = if op == BinaryOp::LAnd { *a && *b } else { *a || *b };
            let t = if self.types.is_untyped(x.ty) { y.ty } else { x.ty };
            self.fb().bind(done);
            return Ok(V { ty: t, kind: VK::Const(Const::Bool(r)) });
        }
        let yo = self.operand(&y);
        self.fb().emit(Inst::Move { ty: Scalar::U8, dst: dst.clone(), src: yo });
        self.fb().bind(done);
        // An untyped left side takes the right side's type (`true && b`);
        // with both sides untyped the result stays an untyped bool, which is
        // assignable to any boolean type (`var b mybool = x < y && ok`).
        let t = match (self.types.is_untyped(x.ty), self.types.is_untyped(y.ty)) {
            (true, false) => y.ty,
            (true, true) => basic_id(Basic::UntypedBool),
            _ => t,
        };
        Ok(V::mem(t, dst))
    }

    /// Both sides of `&&` and `||` must have one boolean type (or be untyped).
    fn logical_types(&self, op: BinaryOp, x: &V, y: &V, xe: &Expr, ye: &Expr, pos: &Pos) -> Result<()> {
        if !self.types.is_untyped(x.ty) && !self.types.is_untyped(y.ty) && x.ty != y.ty {
            let (a, b) = (self.types.name(x.ty), self.types.name(y.ty));
            return err(pos, format!("invalid operation: {} (mismatched types {a} and {b})", describe_bin(self, xe, op, ye)));
        }
        Ok(())
    }

    fn shift(&mut self, op: BinaryOp, xe: &Expr, ye: &Expr, pos: &Pos, hint: Option<TypeId>) -> Result<V> {
        let x = self.expr(xe, hint)?;
        let x = self.single(x, xe)?;
        let y = self.value(ye)?;
        let yb = self.types.basic(y.ty);
        let y = match (&y.kind, yb) {
            (VK::Const(c), _) => {
                let Some(n) = c.as_int() else {
                    return err(pos, format!("invalid operation: shift count {} must be integer", self.describe_expr(ye)));
                };
                if n < 0 {
                    return err(pos, format!("invalid operation: negative shift count {}", self.describe_expr(ye)));
                }
                V { ty: basic_id(Basic::Uint), kind: VK::Const(Const::Int(n)) }
            }
            (_, Some(b)) if b.is_integer() => y,
            _ => return err(pos, format!("invalid operation: shift count {} must be integer", self.describe_expr(ye))),
        };
        let mut x = x;
        if let (VK::Const(cx), VK::Const(cy)) = (&x.kind, &y.kind) {
            let xb = self.types.basic(x.ty);
            let Some(xi) = cx.to_integer() else {
                return err(pos, format!("invalid operation: shifted operand {} must be integer", self.describe_expr(xe)));
            };
            if !xb.is_some_and(|b| b.is_integer() || b.is_untyped()) {
                return err(pos, format!("invalid operation: shifted operand {} must be integer", self.describe_expr(xe)));
            }
            let r = constant::binary(op, &xi, cy, true).map_err(|m| Diag::new(pos, m))?;
            // An untyped rune stays one (`'a' << 1` is a rune); other
            // untyped operands become integer constants.
            let t = match xb {
                Some(Basic::UntypedRune) => x.ty,
                _ if self.types.is_untyped(x.ty) => basic_id(Basic::UntypedInt),
                _ => x.ty,
            };
            if !self.types.is_untyped(t) {
                let r = self.convert_const(&r, t, pos).map_err(|_| Diag::new(pos, format!("constant {} overflows {}", r.describe(), self.types.name(t))))?;
                return Ok(V { ty: t, kind: VK::Const(r) });
            }
            return Ok(V { ty: t, kind: VK::Const(r) });
        }
        if self.types.is_untyped(x.ty) {
            // A non-constant shift: the untyped operand takes the type the
            // context wants (or int).
            let to = match hint {
                Some(h) if self.types.basic(h).is_some_and(|b| !b.is_untyped()) => h,
                _ => self.int_t(),
            };
            if !self.types.basic(to).is_some_and(|b| b.is_integer()) {
                return err(pos, format!("invalid operation: {} (shift of type {})", describe_bin(self, xe, op, ye), self.types.name(to)));
            }
            x = self.convert_to(x, to, pos, "shift")?;
        }
        if !self.types.basic(x.ty).is_some_and(|b| b.is_integer()) {
            return err(pos, format!("invalid operation: shifted operand {} (variable of type {}) must be integer", self.describe_expr(xe), self.types.name(x.ty)));
        };
        // Negative counts panic.
        if let Some(yb) = self.types.basic(y.ty) {
            if !yb.is_unsigned() && !matches!(y.kind, VK::Const(_)) {
                let sc = self.types.scalar(y.ty).unwrap();
                let o = self.operand(&y);
                let z = self.fb().slot_scalar(1, 1);
                let ok = self.fb().label();
                self.fb().emit(Inst::Bin { op: BinOp::Ge, ty: sc, dst: Addr::Slot(z, 0), a: o, b: Operand::Imm(0) });
                self.fb().emit(Inst::JumpIf { cond: Operand::Mem(Addr::Slot(z, 0)), target: ok });
                self.fb().emit(Inst::CallRuntime { func: rt::PANIC_SHIFT, args: vec![], rets: vec![] });
                self.fb().bind(ok);
            }
        }
        // The count as an unsigned 64-bit value.
        let count = match &y.kind {
            VK::Const(c) => Operand::Imm(c.as_int().unwrap_or(0).min(255) as i64),
            _ => {
                let ysc = self.types.scalar(y.ty).unwrap();
                if ysc.size() == 8 {
                    self.operand(&y)
                } else {
                    let t = self.fb().slot_scalar(8, 8);
                    let o = self.operand(&y);
                    let from = match ysc {
                        Scalar::I8 => Scalar::U8,
                        Scalar::I16 => Scalar::U16,
                        Scalar::I32 => Scalar::U32,
                        s => s,
                    };
                    self.fb().emit(Inst::Convert { from, to: Scalar::U64, dst: Addr::Slot(t, 0), src: o });
                    Operand::Mem(Addr::Slot(t, 0))
                }
            }
        };
        let sc = self.types.scalar(x.ty).unwrap();
        let a = self.operand(&x);
        let dst = self.temp(x.ty);
        let bop = if op == BinaryOp::Shl { BinOp::Shl } else { BinOp::Shr };
        self.fb().emit(Inst::Bin { op: bop, ty: sc, dst: dst.clone(), a, b: count });
        Ok(V::mem(x.ty, dst))
    }

    fn complex_arith(&mut self, op: BinaryOp, x: V, y: V, t: TypeId) -> Result<V> {
        let (sc, w) = if self.types.basic(t) == Some(Basic::Complex64) { (Scalar::F32, 4) } else { (Scalar::F64, 8) };
        let a = self.to_addr(&x);
        let b = self.to_addr(&y);
        let dst = self.temp(t);
        let m = |a: &Addr, o: i32| Operand::Mem(a.offset(o));
        match op {
            BinaryOp::Add | BinaryOp::Sub => {
                let bop = if op == BinaryOp::Add { BinOp::Add } else { BinOp::Sub };
                for o in [0, w] {
                    self.fb().emit(Inst::Bin { op: bop, ty: sc, dst: dst.offset(o), a: m(&a, o), b: m(&b, o) });
                }
            }
            BinaryOp::Mul => {
                let t1 = self.temp(t);
                let t2 = self.temp(t);
                // re = ar*br - ai*bi ; im = ar*bi + ai*br
                self.fb().emit(Inst::Bin { op: BinOp::Mul, ty: sc, dst: t1.clone(), a: m(&a, 0), b: m(&b, 0) });
                self.fb().emit(Inst::Bin { op: BinOp::Mul, ty: sc, dst: t1.offset(w), a: m(&a, w), b: m(&b, w) });
                self.fb().emit(Inst::Bin { op: BinOp::Mul, ty: sc, dst: t2.clone(), a: m(&a, 0), b: m(&b, w) });
                self.fb().emit(Inst::Bin { op: BinOp::Mul, ty: sc, dst: t2.offset(w), a: m(&a, w), b: m(&b, 0) });
                self.fb().emit(Inst::Bin { op: BinOp::Sub, ty: sc, dst: dst.clone(), a: m(&t1, 0), b: m(&t1, w) });
                self.fb().emit(Inst::Bin { op: BinOp::Add, ty: sc, dst: dst.offset(w), a: m(&t2, 0), b: m(&t2, w) });
            }
            _ => {
                // (a+bi)/(c+di) = ((ac+bd) + (bc-ad)i) / (c²+d²)
                let t1 = self.temp(t);
                let t2 = self.temp(t);
                let den = self.temp(t);
                self.fb().emit(Inst::Bin { op: BinOp::Mul, ty: sc, dst: den.clone(), a: m(&b, 0), b: m(&b, 0) });
                self.fb().emit(Inst::Bin { op: BinOp::Mul, ty: sc, dst: den.offset(w), a: m(&b, w), b: m(&b, w) });
                self.fb().emit(Inst::Bin { op: BinOp::Add, ty: sc, dst: den.clone(), a: m(&den, 0), b: m(&den, w) });
                self.fb().emit(Inst::Bin { op: BinOp::Mul, ty: sc, dst: t1.clone(), a: m(&a, 0), b: m(&b, 0) });
                self.fb().emit(Inst::Bin { op: BinOp::Mul, ty: sc, dst: t1.offset(w), a: m(&a, w), b: m(&b, w) });
                self.fb().emit(Inst::Bin { op: BinOp::Add, ty: sc, dst: t1.clone(), a: m(&t1, 0), b: m(&t1, w) });
                self.fb().emit(Inst::Bin { op: BinOp::Mul, ty: sc, dst: t2.clone(), a: m(&a, w), b: m(&b, 0) });
                self.fb().emit(Inst::Bin { op: BinOp::Mul, ty: sc, dst: t2.offset(w), a: m(&a, 0), b: m(&b, w) });
                self.fb().emit(Inst::Bin { op: BinOp::Sub, ty: sc, dst: t2.clone(), a: m(&t2, 0), b: m(&t2, w) });
                self.fb().emit(Inst::Bin { op: BinOp::Div, ty: sc, dst: dst.clone(), a: m(&t1, 0), b: m(&den, 0) });
                self.fb().emit(Inst::Bin { op: BinOp::Div, ty: sc, dst: dst.offset(w), a: m(&t2, 0), b: m(&den, 0) });
            }
        }
        Ok(V::mem(t, dst))
    }

    /// The operands of `xe + ye` when `xe` is itself a sum of strings
    /// that is not a constant (`a + b + c`, left to right), and their type:
    /// one concatenation makes the whole string, as gc's `concatstrings`.
    fn string_sum_parts<'e>(&mut self, xe: &'e Expr, ye: &'e Expr) -> Option<(TypeId, Vec<&'e Expr>)> {
        // (Without facts, asking would lower the operands.)
        self.pkg_facts()?;
        let sum_of_strings = |this: &mut Self, e: &Expr| -> Option<TypeId> {
            let ExprKind::Binary { op: BinaryOp::Add, .. } = strip_parens(e).kind else { return None };
            let k = this.known(e).ok()?;
            (k.is_value() && this.types.basic(k.ty).is_some_and(|b| b.is_string() && !b.is_untyped())).then_some(k.ty)
        };
        let t = sum_of_strings(self, xe)?;
        let mut parts = vec![ye];
        let mut cur = xe;
        while let ExprKind::Binary { x, y, .. } = &strip_parens(cur).kind {
            if sum_of_strings(self, cur).is_none() {
                break;
            }
            parts.push(y);
            cur = x;
        }
        parts.push(cur);
        parts.reverse();
        Some((t, parts))
    }

    /// The sum `site` of strings `parts` (of type `t`): the operands left
    /// to right (a variable read after the calls, as gc reads it; what a
    /// pointer points to when it is met), then one concatenation.
    fn string_sum(&mut self, site: crate::syntax::ast::ExprId, t: TypeId, parts: &[&Expr]) -> Result<V> {
        let mut vs = Vec::with_capacity(parts.len());
        for e in parts {
            let v = self.expr(e, Some(t))?;
            let v = self.single(v, e)?;
            let v = if self.types.is_untyped(v.ty) { self.convert_to(v, t, &e.pos, "operand")? } else { v };
            let v = match &v.kind {
                VK::Mem { addr: a @ Addr::Deref(..), .. } => {
                    let a = a.clone();
                    let tmp = self.temp(v.ty);
                    self.copy(&tmp, &a, v.ty);
                    V::mem(v.ty, tmp)
                }
                _ => v,
            };
            vs.push(v);
        }
        let v = self.concat(Some(site), vs)?;
        Ok(V { ty: t, ..v })
    }

    /// String concatenation through the runtime: into a frame buffer when
    /// escape analysis lets the sum `site`'s string stay in the frame.
    pub fn concat(&mut self, site: Option<crate::syntax::ast::ExprId>, parts: Vec<V>) -> Result<V> {
        let st = basic_id(Basic::String);
        let n = parts.len();
        let arr_t = self.types.array(st, n as u64);
        let arr = self.temp(arr_t);
        for (i, p) in parts.iter().enumerate() {
            self.store(&arr.offset(16 * i as i32), p, st);
        }
        self.concat_array(site, arr, n)
    }

    /// The concatenation of the `n` strings in array `arr`.
    fn concat_array(&mut self, site: Option<crate::syntax::ast::ExprId>, arr: Addr, n: usize) -> Result<V> {
        let st = basic_id(Basic::String);
        let ap = self.slot_addr_of(&arr);
        self.fb().emit(Inst::AddrOf { dst: Addr::Slot(ap, 0), src: arr });
        let dst = self.temp(st);
        let mut args = vec![(Scalar::U64, Operand::Mem(Addr::Slot(ap, 0))), (Scalar::U64, Operand::Imm(n as i64))];
        let rets = vec![(Scalar::U64, dst.clone()), (Scalar::U64, dst.offset(8))];
        if let Some(s) = site.filter(|&s| self.fb().stack_allocs.contains(&s) || self.in_result_buffer(s)) {
            args.extend(self.frame_buffer_for(s));
            self.fb().emit(Inst::CallRuntime { func: rt::CONCAT_INTO, args, rets });
        } else {
            self.fb().emit(Inst::CallRuntime { func: rt::CONCAT, args, rets });
        }
        Ok(V::mem(st, dst))
    }

    fn compare(&mut self, op: BinaryOp, x: V, y: V, pos: &Pos, xe: &Expr, ye: &Expr) -> Result<V> {
        let t = x.ty;
        let ordered = matches!(op, BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge);
        let bt = self.types.basic(t);
        if ordered && !bt.is_some_and(|b| b.is_integer() || b.is_float() || b.is_string()) {
            return err(pos, format!("invalid operation: {} (operator {} not defined on {})", describe_bin(self, xe, op, ye), binop_str(op), self.types.name(t)));
        }
        let nil_cmp = matches!(x.kind, VK::Nil) || matches!(y.kind, VK::Nil);
        if !ordered && !nil_cmp && !self.types.comparable(t) {
            let what = match self.types.under(t) {
                Ty::Slice(_) => "slice can only be compared to nil",
                Ty::Map(..) => "map can only be compared to nil",
                Ty::Func(_) => "func can only be compared to nil",
                _ => "struct containing uncomparable field",
            };
            return err(pos, format!("invalid operation: {} ({what})", describe_bin(self, xe, op, ye)));
        }
        let untyped_bool = basic_id(Basic::UntypedBool);
        if let (VK::Const(a), VK::Const(b)) = (&x.kind, &y.kind) {
            let r = constant::binary(op, a, b, false).map_err(|m| Diag::new(pos, m))?;
            return Ok(V { ty: untyped_bool, kind: VK::Const(r) });
        }
        let t = if self.types.is_untyped(t) { self.default_type(t, pos)? } else { t };
        let dst = self.fb().slot_scalar(1, 1);
        let dst = Addr::Slot(dst, 0);
        if nil_cmp {
            let v = if matches!(x.kind, VK::Nil) { &y } else { &x };
            let a = self.to_addr(v);
            // A slice compares its data pointer; an interface its first word.
            let bop = if op == BinaryOp::Ne { BinOp::Ne } else { BinOp::Eq };
            self.fb().emit(Inst::Bin { op: bop, ty: Scalar::U64, dst: dst.clone(), a: Operand::Mem(a), b: Operand::Imm(0) });
            return Ok(V { ty: untyped_bool, kind: VK::Mem { addr: dst, addressable: false } });
        } else if let Some(sc) = self.types.scalar(t).filter(|_| !ordered) {
            // One machine comparison (`!=` too: a jump can use it directly).
            let a = self.operand(&x);
            let b = self.operand(&y);
            let bop = if op == BinaryOp::Ne { BinOp::Ne } else { BinOp::Eq };
            self.fb().emit(Inst::Bin { op: bop, ty: sc, dst: dst.clone(), a, b });
            return Ok(V { ty: untyped_bool, kind: VK::Mem { addr: dst, addressable: false } });
        } else if ordered {
            if bt.is_some_and(|b| b.is_string()) {
                let c = self.string_cmp(&x, &y);
                let bop = cmp_op(op);
                self.fb().emit(Inst::Bin { op: bop, ty: Scalar::I64, dst: dst.clone(), a: c, b: Operand::Imm(0) });
            } else {
                let sc = self.types.scalar(t).unwrap();
                let a = self.operand(&x);
                let b = self.operand(&y);
                self.fb().emit(Inst::Bin { op: cmp_op(op), ty: sc, dst: dst.clone(), a, b });
            }
            return Ok(V { ty: untyped_bool, kind: VK::Mem { addr: dst, addressable: false } });
        } else {
            let xv = V { ty: t, kind: x.kind.clone() };
            let yv = V { ty: t, kind: y.kind.clone() };
            self.equal(&xv, &yv, t, &dst);
        }
        if op == BinaryOp::Ne {
            self.fb().emit(Inst::Un { op: UnOp::Not, ty: Scalar::U8, dst: dst.clone(), a: Operand::Mem(dst.clone()) });
        }
        Ok(V { ty: untyped_bool, kind: VK::Mem { addr: dst, addressable: false } })
    }

    fn string_cmp(&mut self, x: &V, y: &V) -> Operand {
        let a = self.to_addr(x);
        let b = self.to_addr(y);
        let r = self.fb().slot_scalar(8, 8);
        self.fb().emit(Inst::CallRuntime {
            func: rt::CMP_STRING,
            args: vec![
                (Scalar::U64, Operand::Mem(a.clone())),
                (Scalar::I64, Operand::Mem(a.offset(8))),
                (Scalar::U64, Operand::Mem(b.clone())),
                (Scalar::I64, Operand::Mem(b.offset(8))),
            ],
            rets: vec![(Scalar::I64, Addr::Slot(r, 0))],
        });
        Operand::Mem(Addr::Slot(r, 0))
    }

    /// Writes `x == y` (both of type `t`) as a U8 to `dst`.
    pub fn equal(&mut self, x: &V, y: &V, t: TypeId, dst: &Addr) {
        if let Some(sc) = self.types.scalar(t) {
            let a = self.operand(x);
            let b = self.operand(y);
            self.fb().emit(Inst::Bin { op: BinOp::Eq, ty: sc, dst: dst.clone(), a, b });
            return;
        }
        let a = self.to_addr(x);
        let b = self.to_addr(y);
        self.equal_mem(&a, &b, t, dst);
    }

    fn equal_mem(&mut self, a: &Addr, b: &Addr, t: TypeId, dst: &Addr) {
        if let Some(sc) = self.types.scalar(t) {
            self.fb().emit(Inst::Bin { op: BinOp::Eq, ty: sc, dst: dst.clone(), a: Operand::Mem(a.clone()), b: Operand::Mem(b.clone()) });
            return;
        }
        let done = self.fb().label();
        match self.types.under(t).clone() {
            Ty::Basic(Basic::String) => {
                self.fb().emit(Inst::Bin { op: BinOp::Eq, ty: Scalar::I64, dst: dst.clone(), a: Operand::Mem(a.offset(8)), b: Operand::Mem(b.offset(8)) });
                self.fb().emit(Inst::JumpIfNot { cond: Operand::Mem(dst.clone()), target: done });
                self.fb().emit(Inst::CallRuntime {
                    func: rt::MEMEQUAL,
                    args: vec![(Scalar::U64, Operand::Mem(a.clone())), (Scalar::U64, Operand::Mem(b.clone())), (Scalar::U64, Operand::Mem(a.offset(8)))],
                    rets: vec![(Scalar::U8, dst.clone())],
                });
            }
            Ty::Basic(Basic::Complex64) | Ty::Basic(Basic::Complex128) => {
                let (sc, w) = if self.types.basic(t) == Some(Basic::Complex64) { (Scalar::F32, 4) } else { (Scalar::F64, 8) };
                self.fb().emit(Inst::Bin { op: BinOp::Eq, ty: sc, dst: dst.clone(), a: Operand::Mem(a.clone()), b: Operand::Mem(b.clone()) });
                self.fb().emit(Inst::JumpIfNot { cond: Operand::Mem(dst.clone()), target: done });
                self.fb().emit(Inst::Bin { op: BinOp::Eq, ty: sc, dst: dst.clone(), a: Operand::Mem(a.offset(w)), b: Operand::Mem(b.offset(w)) });
            }
            Ty::Interface(_) => {
                // Same dynamic type (or itab), then the data by that type.
                self.fb().emit(Inst::Bin { op: BinOp::Eq, ty: Scalar::U64, dst: dst.clone(), a: Operand::Mem(a.clone()), b: Operand::Mem(b.clone()) });
                self.fb().emit(Inst::JumpIfNot { cond: Operand::Mem(dst.clone()), target: done });
                let isnil = self.fb().slot_scalar(1, 1);
                self.fb().emit(Inst::Bin { op: BinOp::Eq, ty: Scalar::U64, dst: Addr::Slot(isnil, 0), a: Operand::Mem(a.clone()), b: Operand::Imm(0) });
                self.fb().emit(Inst::JumpIf { cond: Operand::Mem(Addr::Slot(isnil, 0)), target: done });
                let typ = self.iface_type_word(a, t);
                self.fb().emit(Inst::CallRuntime {
                    func: rt::EFACE_EQ,
                    args: vec![(Scalar::U64, typ), (Scalar::U64, Operand::Mem(a.offset(8))), (Scalar::U64, Operand::Mem(b.offset(8)))],
                    rets: vec![(Scalar::U8, dst.clone())],
                });
            }
            Ty::Struct(fields) => {
                let offs = self.types.field_offsets(t);
                self.fb().emit(Inst::Move { ty: Scalar::U8, dst: dst.clone(), src: Operand::Imm(1) });
                for (f, off) in fields.iter().zip(offs) {
                    if f.name == "_" || self.types.size(f.typ) == 0 {
                        continue;
                    }
                    self.equal_mem(&a.offset(off as i32), &b.offset(off as i32), f.typ, dst);
                    self.fb().emit(Inst::JumpIfNot { cond: Operand::Mem(dst.clone()), target: done });
                }
            }
            Ty::Array(e, n) => {
                let es = self.types.size(e) as i32;
                self.fb().emit(Inst::Move { ty: Scalar::U8, dst: dst.clone(), src: Operand::Imm(1) });
                if self.plain_memory(e) {
                    let size = es as i64 * n as i64;
                    if size > 0 {
                        let pa = self.slot_addr_of(a);
                        let pb = self.slot_addr_of(b);
                        self.fb().emit(Inst::AddrOf { dst: Addr::Slot(pa, 0), src: a.clone() });
                        self.fb().emit(Inst::AddrOf { dst: Addr::Slot(pb, 0), src: b.clone() });
                        self.fb().emit(Inst::CallRuntime {
                            func: rt::MEMEQUAL,
                            args: vec![(Scalar::U64, Operand::Mem(Addr::Slot(pa, 0))), (Scalar::U64, Operand::Mem(Addr::Slot(pb, 0))), (Scalar::U64, Operand::Imm(size))],
                            rets: vec![(Scalar::U8, dst.clone())],
                        });
                    }
                } else {
                    for i in 0..n as i32 {
                        self.equal_mem(&a.offset(i * es), &b.offset(i * es), e, dst);
                        self.fb().emit(Inst::JumpIfNot { cond: Operand::Mem(dst.clone()), target: done });
                    }
                }
            }
            _ => {
                self.fb().emit(Inst::Move { ty: Scalar::U8, dst: dst.clone(), src: Operand::Imm(0) });
            }
        }
        self.fb().bind(done);
    }

    /// Whether equality of `t` is equality of its bytes (no floats, strings,
    /// interfaces or padding).
    fn plain_memory(&mut self, t: TypeId) -> bool {
        match self.types.under(t).clone() {
            Ty::Basic(b) => b.is_integer() || b.is_bool() || b == Basic::UnsafePointer,
            Ty::Pointer(_) | Ty::Chan(..) => true,
            Ty::Array(e, _) => self.plain_memory(e),
            Ty::Struct(fields) => {
                let mut sum = 0;
                for f in &fields {
                    if f.name == "_" || !self.plain_memory(f.typ) {
                        return false;
                    }
                    sum += self.types.size(f.typ);
                }
                sum == self.types.size(t)
            }
            _ => false,
        }
    }

    // ----- selectors, indexing, slicing -----

    fn selector(&mut self, x: &Expr, sel: &ast::Ident, pos: &Pos) -> Result<V> {
        if let ExprKind::Ident(p) = &x.kind {
            if self.is_package(p) {
                return self.package_member(p, sel);
            }
        }
        let xv = self.expr(x, None)?;
        if let VK::Type = xv.kind {
            return self.method_expr(xv.ty, sel, pos);
        }
        let xv = self.single(xv, x)?;
        let found = if self.hidden(xv.ty, &sel.name) { None } else { self.types.lookup(xv.ty, &sel.name) };
        let Some(s) = found else {
            if let Some(d) = self.unsupported_library_method(xv.ty, sel) {
                return Err(d);
            }
            return err(&sel.pos, format!("{}.{} undefined (type {} has no field or method {})", self.describe_expr(x), sel.name, self.types.name(xv.ty), sel.name));
        };
        match s.kind {
            SelKind::Field(ft) => {
                let (base, _) = self.walk_path(&xv, &s.path[..s.path.len() - 1])?;
                let last = *s.path.last().unwrap();
                let bt = base.ty;
                let (addr, addressable) = match self.types.pointer_elem(bt).filter(|_| !matches!(self.types.under(bt), Ty::Struct(_))) {
                    Some(elem) => {
                        let a = self.to_addr(&base);
                        let p = self.load_ptr(&a);
                        // (An offset beyond the first page: the backend touches
                        // the base first, so a nil p still faults.)
                        let off = self.types.field_offsets(elem)[last];
                        if self.types.size(ft) == 0 {
                            self.nil_check(p);
                        }
                        (Addr::Deref(p, off as i32), true)
                    }
                    None => {
                        let (a, addressable) = match &base.kind {
                            VK::Mem { addr, addressable } => (addr.clone(), *addressable),
                            _ => (self.to_addr(&base), false),
                        };
                        let off = self.types.field_offsets(bt)[last];
                        (a.offset(off as i32), addressable)
                    }
                };
                Ok(V { ty: ft, kind: VK::Mem { addr, addressable } })
            }
            SelKind::Method { .. } => self.method_value(xv, &sel.name, s, pos),
        }
    }

    /// Follows embedded fields: returns the value (or pointer) reached and
    /// whether it is a pointer.
    pub fn walk_path(&mut self, v: &V, path: &[usize]) -> Result<(V, bool)> {
        let mut cur = v.clone();
        for &i in path {
            let is_ptr = self.types.pointer_elem(cur.ty).is_some() && !matches!(self.types.under(cur.ty), Ty::Struct(_));
            let st = if is_ptr { self.types.pointer_elem(cur.ty).unwrap() } else { cur.ty };
            let fields = self.types.fields(st);
            let off = self.types.field_offsets(st)[i] as i32;
            let f = &fields[i];
            let (addr, addressable) = if is_ptr {
                let a = self.to_addr(&cur);
                let p = self.load_ptr(&a);
                self.nil_check(p);
                (Addr::Deref(p, off), true)
            } else {
                match &cur.kind {
                    VK::Mem { addr, addressable } => (addr.offset(off), *addressable),
                    _ => (self.to_addr(&cur).offset(off), false),
                }
            };
            cur = V { ty: f.typ, kind: VK::Mem { addr, addressable } };
        }
        let is_ptr = self.types.pointer_elem(cur.ty).is_some();
        Ok((cur, is_ptr))
    }

    fn index(&mut self, xe: &Expr, ie: &Expr, lbrack: &Pos, pos: &Pos) -> Result<V> {
        let x = self.expr(xe, None)?;
        if let VK::Type = x.kind {
            // A type with type arguments: an instantiation.
            return Err(super::generics(lbrack));
        }
        let x = self.single(x, xe)?;
        let xt = x.ty;
        let ut = self.types.under(xt).clone();
        // gc indexes an array a call returns in a copy in its frame
        // (counted for its frame limit, see `Fb::gc_locals`).
        if matches!(ut, Ty::Array(..)) && matches!(strip_parens(xe).kind, ExprKind::Call { .. }) && matches!(x.kind, VK::Mem { .. }) {
            let n = self.types.size(xt);
            self.fb().gc_locals += n;
        }
        match ut {
            Ty::Basic(b) if b.is_string() => {
                let i = self.index_value(ie)?;
                if let (VK::Const(Const::String(s)), VK::Const(c)) = (&x.kind, &i.kind) {
                    let n = c.as_int().unwrap_or(-1);
                    if n < 0 || n as usize >= s.len() {
                        return err(&ie.pos, format!("invalid argument: index {} out of bounds [0:{}]", n, s.len()));
                    }
                    // A byte of a constant string is no constant (`-"abc"[1]`
                    // wraps as a byte does).
                    let u8t = basic_id(Basic::Uint8);
                    let a = self.temp(u8t);
                    self.store_const(&a, &Const::Int(s[n as usize] as i128), u8t);
                    return Ok(V::mem(u8t, a));
                }
                let xa = self.to_addr(&V { ty: basic_id(Basic::String), kind: x.kind.clone() });
                let io = self.bounds_unless_proven(xe, ie, &i, Operand::Mem(xa.offset(8)));
                let p = self.fb().slot_ptr();
                self.fb().emit(Inst::Bin { op: BinOp::Add, ty: Scalar::U64, dst: Addr::Slot(p, 0), a: Operand::Mem(xa), b: io });
                Ok(V::mem(basic_id(Basic::Uint8), Addr::Deref(p, 0)))
            }
            Ty::Slice(e) => {
                let i = self.index_value(ie)?;
                let xa = self.to_addr(&x);
                let io = self.bounds_unless_proven(xe, ie, &i, Operand::Mem(xa.offset(8)));
                let addr = self.elem_addr(Operand::Mem(xa), io, e);
                if let Addr::Deref(p, _) = addr {
                    self.fb().elem_ptrs.insert(p);
                }
                Ok(V { ty: e, kind: VK::Mem { addr, addressable: true } })
            }
            Ty::Array(e, n) => {
                let i = self.index_value(ie)?;
                if let VK::Const(c) = &i.kind {
                    let k = c.as_int().unwrap_or(-1);
                    if k < 0 || k as u64 >= n {
                        return err(&ie.pos, format!("invalid argument: index {} out of bounds [0:{}]", k, n));
                    }
                    let es = self.types.size(e) as i32;
                    let (a, addressable) = match &x.kind {
                        VK::Mem { addr, addressable } => (addr.clone(), *addressable),
                        _ => (self.to_addr(&x), false),
                    };
                    return Ok(V { ty: e, kind: VK::Mem { addr: a.offset(k as i32 * es), addressable } });
                }
                let (a, addressable) = match &x.kind {
                    VK::Mem { addr, addressable } => (addr.clone(), *addressable),
                    _ => (self.to_addr(&x), false),
                };
                let io = self.bounds_unless_proven(xe, ie, &i, Operand::Imm(n as i64));
                if let Addr::Deref(p, _) = &a {
                    self.nil_check(*p);
                }
                let base = self.slot_addr_of(&a);
                self.fb().emit(Inst::AddrOf { dst: Addr::Slot(base, 0), src: a });
                let addr = self.elem_addr(Operand::Mem(Addr::Slot(base, 0)), io, e);
                Ok(V { ty: e, kind: VK::Mem { addr, addressable } })
            }
            Ty::Pointer(p) if matches!(self.types.under(p), Ty::Array(..)) => {
                let Ty::Array(e, n) = self.types.under(p).clone() else { unreachable!() };
                let i = self.index_value(ie)?;
                let xa = self.to_addr(&x);
                // The element may lie beyond the first page.
                let ps = self.load_ptr(&xa);
                self.nil_check(ps);
                let io = self.bounds_unless_proven(xe, ie, &i, Operand::Imm(n as i64));
                let addr = self.elem_addr(Operand::Mem(xa), io, e);
                Ok(V { ty: e, kind: VK::Mem { addr, addressable: true } })
            }
            Ty::Map(..) => Ok(self.map_index(&x, ie, false)?.0),
            _ => err(pos, format!("invalid operation: cannot index {} (variable of type {})", self.describe_expr(xe), self.types.name(xt))),
        }
    }

    /// An index operand converted to int.
    pub(super) fn index_value(&mut self, ie: &Expr) -> Result<V> {
        let i = self.value(ie)?;
        if !self.types.basic(i.ty).is_some_and(|b| b.is_integer() || (b.is_untyped() && matches!(i.kind, VK::Const(_)))) {
            return err(&ie.pos, format!("invalid argument: index {} (variable of type {}) must be integer", self.describe_expr(ie), self.types.name(i.ty)));
        };
        if let VK::Const(c) = &i.kind {
            let Some(n) = c.as_int() else {
                return err(&ie.pos, format!("invalid argument: index {} (untyped float constant) truncated", self.describe_expr(ie)));
            };
            if n < 0 {
                return err(&ie.pos, format!("invalid argument: index {} (constant of type int) must not be negative", self.describe_expr(ie)));
            }
            return Ok(V { ty: self.int_t(), kind: VK::Const(Const::Int(n)) });
        }
        self.to_int(i)
    }

    /// Widens an integer value to int (64-bit) for index arithmetic.
    pub fn to_int(&mut self, v: V) -> Result<V> {
        let sc = self.types.scalar(v.ty).unwrap_or(Scalar::I64);
        if sc.size() == 8 {
            return Ok(V { ty: self.int_t(), kind: v.kind });
        }
        let dst = self.temp(self.int_t());
        let o = self.operand(&v);
        self.fb().emit(Inst::Convert { from: sc, to: Scalar::I64, dst: dst.clone(), src: o });
        Ok(V::mem(self.int_t(), dst))
    }

    /// Emits `0 <= i < len` (or `<= len` when `inclusive`) with Go's panic,
    /// and returns `i` as an operand.
    pub(super) fn bounds(&mut self, i: &V, len: Operand, inclusive: bool) -> Operand {
        let io = self.operand(i);
        let ok = self.fb().label();
        let c = self.fb().slot_scalar(1, 1);
        // Unsigned compare covers negative indices too.
        let op = if inclusive { BinOp::Le } else { BinOp::Lt };
        self.fb().emit(Inst::Bin { op, ty: Scalar::U64, dst: Addr::Slot(c, 0), a: io.clone(), b: len.clone() });
        self.fb().emit(Inst::JumpIf { cond: Operand::Mem(Addr::Slot(c, 0)), target: ok });
        self.fb().emit(Inst::CallRuntime { func: rt::PANIC_INDEX, args: vec![(Scalar::I64, io.clone()), (Scalar::I64, len)], rets: vec![] });
        self.fb().bind(ok);
        io
    }

    /// [`Checker::bounds`] of index `i` (expression `ie`) into `xe`, but
    /// none where a loop proved it (`check/bounds.rs`).
    fn bounds_unless_proven(&mut self, xe: &Expr, ie: &Expr, i: &V, len: Operand) -> Operand {
        let proven = self.proven_in_bounds(xe, ie);
        self.index_checked_unless(proven, i, len)
    }

    /// `i` as an index below `len`: [`Checker::bounds`] unless `proven`.
    pub(super) fn index_checked_unless(&mut self, proven: bool, i: &V, len: Operand) -> Operand {
        if proven {
            self.operand(i)
        } else {
            self.bounds(i, len, false)
        }
    }

    /// The address of element `i` of an array at pointer `base`.
    pub(super) fn elem_addr(&mut self, base: Operand, i: Operand, e: TypeId) -> Addr {
        let es = self.types.size(e) as i64;
        let p = self.slot_derived(&base);
        match i {
            Operand::Imm(k) => {
                self.fb().emit(Inst::Move { ty: Scalar::U64, dst: Addr::Slot(p, 0), src: base });
                return Addr::Deref(p, (k * es) as i32);
            }
            _ => {
                self.fb().emit(Inst::Bin { op: BinOp::Mul, ty: Scalar::I64, dst: Addr::Slot(p, 0), a: i, b: Operand::Imm(es) });
                self.fb().emit(Inst::Bin { op: BinOp::Add, ty: Scalar::U64, dst: Addr::Slot(p, 0), a: Operand::Mem(Addr::Slot(p, 0)), b: base });
            }
        }
        Addr::Deref(p, 0)
    }

    /// The value of a constant integer index expression, if it is one
    /// (errors are left to its real evaluation).
    fn const_index(&mut self, e: &Expr) -> Option<i128> {
        match self.known(e) {
            Ok(Known { what: What::Const(c), .. }) => c.as_int(),
            _ => None,
        }
    }

    fn slice_expr(&mut self, xe: &Expr, lo: Option<&Expr>, hi: Option<&Expr>, max: Option<&Expr>, three: bool, pos: &Pos) -> Result<V> {
        let x = self.value(xe)?;
        let xt = x.ty;
        // (base pointer, len, cap, result type, is string)
        let (base, len, cap, rt_, is_str): (Operand, Operand, Operand, TypeId, bool) = match self.types.under(xt).clone() {
            Ty::Basic(b) if b.is_string() => {
                if three {
                    return err(pos, "invalid operation: 3-index slice of string");
                }
                let st = if b.is_untyped() { basic_id(Basic::String) } else { xt };
                let a = self.to_addr(&V { ty: basic_id(Basic::String), kind: x.kind.clone() });
                (Operand::Mem(a.clone()), Operand::Mem(a.offset(8)), Operand::Mem(a.offset(8)), st, true)
            }
            Ty::Slice(_) => {
                let a = self.to_addr(&x);
                (Operand::Mem(a.clone()), Operand::Mem(a.offset(8)), Operand::Mem(a.offset(16)), xt, false)
            }
            Ty::Array(e, n) => {
                let VK::Mem { addr, addressable: true } = &x.kind else {
                    return err(pos, format!("invalid operation: {} (slice of unaddressable value)", self.describe_expr(xe)));
                };
                let p = self.slot_addr_of(addr);
                self.fb().emit(Inst::AddrOf { dst: Addr::Slot(p, 0), src: addr.clone() });
                let st = self.types.slice(e);
                (Operand::Mem(Addr::Slot(p, 0)), Operand::Imm(n as i64), Operand::Imm(n as i64), st, false)
            }
            Ty::Pointer(p) if matches!(self.types.under(p), Ty::Array(..)) => {
                let Ty::Array(e, n) = self.types.under(p).clone() else { unreachable!() };
                let a = self.to_addr(&x);
                // Slicing through a nil array pointer panics, even for
                // `p[0:0]`, where no element is touched.
                let ps = self.load_ptr(&a);
                self.nil_check(ps);
                let st = self.types.slice(e);
                (Operand::Mem(Addr::Slot(ps, 0)), Operand::Imm(n as i64), Operand::Imm(n as i64), st, false)
            }
            _ => return err(pos, format!("cannot slice {} (variable of type {})", self.describe_expr(xe), self.types.name(xt))),
        };
        let elem_size = if is_str { 1 } else {
            let Ty::Slice(e) = self.types.under(rt_).clone() else { unreachable!() };
            self.types.size(e) as i64
        };
        // Constant indices are checked against a constant length and each other.
        let const_len = match (self.types.under(xt).clone(), &x.kind) {
            (Ty::Array(_, n), _) => Some(n as i128),
            (Ty::Pointer(p), _) => match self.types.under(p) {
                Ty::Array(_, n) => Some(*n as i128),
                _ => None,
            },
            (_, VK::Const(Const::String(s))) => Some(s.len() as i128),
            _ => None,
        };
        let mut consts: Vec<i128> = vec![];
        for e in [lo, hi, max].into_iter().flatten() {
            let Some(k) = self.const_index(e) else { continue };
            if let Some(n) = const_len {
                if k > n {
                    return err(&e.pos, format!("invalid argument: index {k} out of bounds [0:{}]", n + 1));
                }
            }
            if let Some(&prev) = consts.iter().max() {
                if k < prev {
                    return err(&e.pos, format!("invalid slice indices: {k} < {prev}"));
                }
            }
            consts.push(k);
        }
        let idx = |this: &mut Self, e: Option<&Expr>| -> Result<Option<Operand>> {
            match e {
                None => Ok(None),
                Some(e) => {
                    let v = this.index_value(e)?;
                    let o = this.operand(&v);
                    // Keep it in a slot so later code can reuse it.
                    let s = this.fb().slot_scalar(8, 8);
                    this.fb().emit(Inst::Move { ty: Scalar::I64, dst: Addr::Slot(s, 0), src: o });
                    Ok(Some(Operand::Mem(Addr::Slot(s, 0))))
                }
            }
        };
        let lo = idx(self, lo)?.unwrap_or(Operand::Imm(0));
        let hi_given = idx(self, hi)?;
        let max_given = idx(self, max)?;
        let hi = hi_given.clone().unwrap_or(len.clone());
        let maxv = max_given.clone().unwrap_or(cap.clone());
        // Checks in Go's order: max <= cap, hi <= max, lo <= hi.
        let c = self.fb().slot_scalar(1, 1);
        let check = |this: &mut Self, a: Operand, b: Operand, code: rt::SliceFail| {
            let ok = this.fb().label();
            this.fb().emit(Inst::Bin { op: BinOp::Le, ty: Scalar::U64, dst: Addr::Slot(c, 0), a: a.clone(), b: b.clone() });
            this.fb().emit(Inst::JumpIf { cond: Operand::Mem(Addr::Slot(c, 0)), target: ok });
            this.fb().emit(Inst::CallRuntime {
                func: rt::PANIC_SLICE,
                args: vec![(Scalar::U64, Operand::Imm(code as i64)), (Scalar::I64, a), (Scalar::I64, b)],
                rets: vec![],
            });
            this.fb().bind(ok);
        };
        if three {
            check(self, maxv.clone(), cap.clone(), rt::SliceFail::MaxCap);
            check(self, hi.clone(), maxv.clone(), rt::SliceFail::HiMax);
            check(self, lo.clone(), hi.clone(), rt::SliceFail::LoHi3);
        } else {
            if hi_given.is_some() {
                let code = if is_str { rt::SliceFail::HiLen } else { rt::SliceFail::HiCap };
                let bound = if is_str { len.clone() } else { cap.clone() };
                check(self, hi.clone(), bound, code);
            }
            check(self, lo.clone(), hi.clone(), rt::SliceFail::LoHi);
        }
        let dst = self.temp(rt_);
        // ptr = base + lo*size (when the result is non-empty or lo < cap;
        // Go avoids pointing past the end: we keep base when newcap == 0).
        let off = self.fb().slot_scalar(8, 8);
        self.fb().emit(Inst::Bin { op: BinOp::Mul, ty: Scalar::I64, dst: Addr::Slot(off, 0), a: lo.clone(), b: Operand::Imm(elem_size) });
        let newlen = Addr::Slot(self.fb().slot_scalar(8, 8), 0);
        self.fb().emit(Inst::Bin { op: BinOp::Sub, ty: Scalar::I64, dst: newlen.clone(), a: hi, b: lo.clone() });
        if !is_str {
            let newcap = dst.offset(16);
            self.fb().emit(Inst::Bin { op: BinOp::Sub, ty: Scalar::I64, dst: newcap.clone(), a: maxv, b: lo });
            let z = self.fb().slot_scalar(1, 1);
            let skip = self.fb().label();
            self.fb().emit(Inst::Bin { op: BinOp::Ne, ty: Scalar::I64, dst: Addr::Slot(z, 0), a: Operand::Mem(newcap), b: Operand::Imm(0) });
            self.fb().emit(Inst::JumpIf { cond: Operand::Mem(Addr::Slot(z, 0)), target: skip });
            self.fb().emit(Inst::Move { ty: Scalar::I64, dst: Addr::Slot(off, 0), src: Operand::Imm(0) });
            self.fb().bind(skip);
        } else {
            let z = self.fb().slot_scalar(1, 1);
            let skip = self.fb().label();
            self.fb().emit(Inst::Bin { op: BinOp::Ne, ty: Scalar::I64, dst: Addr::Slot(z, 0), a: Operand::Mem(newlen.clone()), b: Operand::Imm(0) });
            self.fb().emit(Inst::JumpIf { cond: Operand::Mem(Addr::Slot(z, 0)), target: skip });
            self.fb().emit(Inst::Move { ty: Scalar::I64, dst: Addr::Slot(off, 0), src: Operand::Imm(0) });
            self.fb().bind(skip);
        }
        self.fb().emit(Inst::Bin { op: BinOp::Add, ty: Scalar::U64, dst: dst.clone(), a: base, b: Operand::Mem(Addr::Slot(off, 0)) });
        self.fb().emit(Inst::Move { ty: Scalar::I64, dst: dst.offset(8), src: Operand::Mem(newlen) });
        Ok(V::mem(rt_, dst))
    }

    /// `x.(T)`: returns the value and, for the comma-ok form, the ok flag.
    pub fn type_assert(&mut self, xe: &Expr, t: TypeId, comma_ok: bool, pos: &Pos) -> Result<(V, Option<Addr>)> {
        let x = self.value(xe)?;
        if !self.types.is_interface(x.ty) {
            return err(pos, format!("invalid operation: {} (variable of type {}) is not an interface", self.describe_expr(xe), self.types.name(x.ty)));
        }
        let xa = self.to_addr(&x);
        let ok = Addr::Slot(self.fb().slot_scalar(1, 1), 0);
        let dst = self.temp(t);
        let size = self.types.size(t) as u32;
        self.fb().emit(Inst::Zero { dst: dst.clone(), size });
        self.assert_into(&xa, x.ty, t, &ok, Some(&dst), pos)?;
        if !comma_ok {
            let good = self.fb().label();
            self.fb().emit(Inst::JumpIf { cond: Operand::Mem(ok.clone()), target: good });
            let have = self.iface_type_word(&xa, x.ty);
            let want = self.descriptor(t);
            let iface = self.descriptor(x.ty);
            self.fb().emit(Inst::CallRuntime {
                func: rt::PANIC_TYPE_ASSERT,
                args: vec![(Scalar::U64, have), (Scalar::U64, Operand::SymAddr(want, 0)), (Scalar::U64, Operand::SymAddr(iface, 0))],
                rets: vec![],
            });
            self.fb().bind(good);
            return Ok((V::mem(t, dst), None));
        }
        Ok((V::mem(t, dst), Some(ok)))
    }

    /// Tests whether the interface at `xa` (type `it`) holds a `t`; writes
    /// the flag to `ok` and, on success, the value to `dst`.
    pub fn assert_into(&mut self, xa: &Addr, it: TypeId, t: TypeId, ok: &Addr, dst: Option<&Addr>, pos: &Pos) -> Result<()> {
        if self.types.is_interface(t) {
            let typ = self.iface_type_word(xa, it);
            let tw = self.fb().slot_scalar(8, 8);
            self.fb().emit(Inst::Move { ty: Scalar::U64, dst: Addr::Slot(tw, 0), src: typ });
            self.fb().emit(Inst::Bin { op: BinOp::Ne, ty: Scalar::U64, dst: ok.clone(), a: Operand::Mem(Addr::Slot(tw, 0)), b: Operand::Imm(0) });
            let done = self.fb().label();
            self.fb().emit(Inst::JumpIfNot { cond: Operand::Mem(ok.clone()), target: done });
            if self.types.iface_methods(t).is_empty() {
                if let Some(d) = dst {
                    self.fb().emit(Inst::Move { ty: Scalar::U64, dst: d.clone(), src: Operand::Mem(Addr::Slot(tw, 0)) });
                    self.fb().emit(Inst::Move { ty: Scalar::U64, dst: d.offset(8), src: Operand::Mem(xa.offset(8)) });
                }
            } else {
                let inter = self.descriptor(t);
                let tab = self.fb().slot_scalar(8, 8);
                self.fb().emit(Inst::CallRuntime {
                    func: rt::GETITAB,
                    args: vec![(Scalar::U64, Operand::SymAddr(inter, 0)), (Scalar::U64, Operand::Mem(Addr::Slot(tw, 0))), (Scalar::U8, Operand::Imm(1))],
                    rets: vec![(Scalar::U64, Addr::Slot(tab, 0))],
                });
                self.fb().emit(Inst::Bin { op: BinOp::Ne, ty: Scalar::U64, dst: ok.clone(), a: Operand::Mem(Addr::Slot(tab, 0)), b: Operand::Imm(0) });
                if let Some(d) = dst {
                    self.fb().emit(Inst::JumpIfNot { cond: Operand::Mem(ok.clone()), target: done });
                    self.fb().emit(Inst::Move { ty: Scalar::U64, dst: d.clone(), src: Operand::Mem(Addr::Slot(tab, 0)) });
                    self.fb().emit(Inst::Move { ty: Scalar::U64, dst: d.offset(8), src: Operand::Mem(xa.offset(8)) });
                }
            }
            self.fb().bind(done);
            return Ok(());
        }
        let want = if self.types.iface_methods(it).is_empty() {
            self.descriptor(t)
        } else {
            match self.missing_method(t, it) {
                None => self.itab(t, it),
                Some(m) if self.generics.bind.is_empty() => {
                    return err(pos, format!("impossible type assertion: {} does not implement {} ({m})", self.types.name(t), self.types.name(it)));
                }
                // In an instance (the checker allowed it for the type
                // parameter): never true, as no itab is at a descriptor's
                // address.
                Some(_) => self.descriptor(t),
            }
        };
        self.fb().emit(Inst::Bin { op: BinOp::Eq, ty: Scalar::U64, dst: ok.clone(), a: Operand::Mem(xa.clone()), b: Operand::SymAddr(want, 0) });
        if let Some(d) = dst {
            let done = self.fb().label();
            self.fb().emit(Inst::JumpIfNot { cond: Operand::Mem(ok.clone()), target: done });
            if self.types.is_pointer_shaped(t) {
                self.fb().emit(Inst::Move { ty: Scalar::U64, dst: d.clone(), src: Operand::Mem(xa.offset(8)) });
            } else {
                let p = self.load_ptr(&xa.offset(8));
                self.copy(d, &Addr::Deref(p, 0), t);
            }
            self.fb().bind(done);
        }
        Ok(())
    }
}

/// `==`, `!=`, `<`, `<=`, `>`, `>=`.
fn is_comparison(op: BinaryOp) -> bool {
    matches!(op, BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge)
}

/// The operators through which an untyped shift's type comes from the
/// other operand (those [`has_untyped_shift`] looks through).
fn is_arithmetic(op: BinaryOp) -> bool {
    matches!(
        op,
        BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div | BinaryOp::Rem | BinaryOp::And | BinaryOp::Or | BinaryOp::Xor | BinaryOp::AndNot
    )
}

/// Whether `e` may be an untyped constant shifted by a non-constant count,
/// or an arithmetic expression with one as an operand: such an expression
/// gets its type from the context. Syntactic, so it may say yes for a
/// constant shift; that only costs probing the other operand's type.
pub fn has_untyped_shift(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Paren(x) => has_untyped_shift(x),
        ExprKind::Unary { op: UnaryOp::Plus | UnaryOp::Neg | UnaryOp::Com, x } => has_untyped_shift(x),
        ExprKind::Binary { op: BinaryOp::Shl | BinaryOp::Shr, x, y } => {
            !matches!(strip_parens(y).kind, ExprKind::BasicLit(_)) && is_maybe_constant(x)
        }
        ExprKind::Binary { op, x, y } if is_arithmetic(*op) => has_untyped_shift(x) || has_untyped_shift(y),
        _ => false,
    }
}

/// Whether `e` may be an untyped constant (a literal, a name, or an
/// operation on such).
fn is_maybe_constant(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::BasicLit(_) | ExprKind::Ident(_) => true,
        ExprKind::Paren(x) | ExprKind::Unary { x, .. } => is_maybe_constant(x),
        ExprKind::Binary { x, y, .. } => is_maybe_constant(x) && is_maybe_constant(y),
        _ => false,
    }
}

pub fn retype(v: V, t: TypeId) -> V {
    V { ty: t, kind: v.kind }
}

pub fn strip_parens(e: &Expr) -> &Expr {
    e.unparen()
}

fn untyped_of(c: &Const, t: TypeId) -> TypeId {
    match c {
        Const::Bool(_) => basic_id(Basic::UntypedBool),
        Const::String(_) => basic_id(Basic::UntypedString),
        Const::Float(_) | Const::Big(_, false) | Const::Huge(_) => basic_id(Basic::UntypedFloat),
        Const::Complex(..) | Const::BigComplex(_) => basic_id(Basic::UntypedComplex),
        Const::Int(_) | Const::Big(_, true) => {
            if t == basic_id(Basic::UntypedRune) {
                t
            } else {
                basic_id(Basic::UntypedInt)
            }
        }
    }
}

fn const_kind(c: &Const) -> &'static str {
    match c {
        Const::Bool(_) => "bool",
        Const::Int(_) | Const::Big(_, true) => "int",
        Const::Float(_) | Const::Big(_, false) | Const::Huge(_) => "float",
        Const::Complex(..) | Const::BigComplex(_) => "complex",
        Const::String(_) => "string",
    }
}

fn cmp_op(op: BinaryOp) -> BinOp {
    match op {
        BinaryOp::Eq => BinOp::Eq,
        BinaryOp::Ne => BinOp::Ne,
        BinaryOp::Lt => BinOp::Lt,
        BinaryOp::Le => BinOp::Le,
        BinaryOp::Gt => BinOp::Gt,
        _ => BinOp::Ge,
    }
}

pub(crate) use crate::syntax::parser::binary_op_str as binop_str;

use crate::syntax::parser::unary_op_str as unop_str;

fn describe_bin(c: &Checker, x: &Expr, op: BinaryOp, y: &Expr) -> String {
    format!("{} {} {}", c.describe_expr(x), binop_str(op), c.describe_expr(y))
}
