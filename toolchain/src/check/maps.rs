//! Maps: lowering of `make`, literals, index, comma-ok, assignment,
//! `delete`, `len` and `range` to calls of rt-core's map entry points
//! ([`crate::runtime_abi`]), in the shape gc's walk gives them
//! (`mapaccess1`/`mapaccess2`/`mapassign`/`mapdelete`/`mapiterinit`/
//! `mapiternext`). A map value is one word, the runtime's map pointer;
//! keys go to the runtime by address, and an element the runtime returns
//! by address is copied out at once (the table may move at the next
//! change). Nothing here depends on the target.

use super::facts::{Known, What};
use super::constant::Const;
use super::expr::{strip_parens, V, VK};
use super::types::{Ty, TypeId};
use super::Checker;
use crate::diag::{Diag, Pos, Result};
use crate::ir::{Addr, BinOp, Inst, Operand, PtrMask, Scalar, SlotId};
use crate::runtime_abi as rt;
use crate::syntax::ast::{self, Expr, ExprKind};

/// A map literal with more entries than this, all static, is filled by a
/// loop over arrays in data ([`Checker::static_map_literal`]); gc's bound.
const STATIC_MAP_ENTRIES: usize = 25;

fn err<T>(pos: &Pos, msg: impl Into<String>) -> Result<T> {
    Err(Diag::new(pos, msg))
}

/// The target `m[k]` of an assignment, with the map and key evaluated (in
/// the first phase of the assignment); the store calls `mapassign`.
#[derive(Clone, Debug)]
pub struct MapTarget {
    pub map_t: TypeId,
    pub elem_t: TypeId,
    /// Slot holding the map pointer.
    map: SlotId,
    /// Slot holding the key's address (of a frozen copy).
    key: SlotId,
}

/// The key shapes with a specialised lookup in the runtime.
#[derive(Clone, Copy)]
enum FastKey {
    /// A string: pointer and length.
    Str,
    /// One 8-byte word compared by its bits.
    Word,
}

impl Checker<'_> {
    /// Key and element types of a map type.
    pub fn map_types(&self, t: TypeId) -> Option<(TypeId, TypeId)> {
        match self.types.under(t) {
            Ty::Map(k, v) => Some((*k, *v)),
            _ => None,
        }
    }

    fn map_desc(&mut self, t: TypeId) -> Operand {
        Operand::SymAddr(self.descriptor(t), 0)
    }

    /// A fresh slot holding the map pointer of `m`.
    fn map_word(&mut self, m: &V) -> SlotId {
        let a = self.to_addr(m);
        self.load_ptr_copy(&a)
    }

    /// A slot holding the address of a copy of `key` (of the key type).
    fn key_addr(&mut self, key: &V, kt: TypeId) -> SlotId {
        let a = self.temp(kt);
        self.store(&a, key, kt);
        let p = self.slot_addr_of(&a);
        self.fb().emit(Inst::AddrOf { dst: Addr::Slot(p, 0), src: a });
        p
    }

    /// The key operand `ke` of an index on a map with key type `kt`. A
    /// lookup keeps no key: there `m[string(b)]` reads b's bytes in place.
    fn key_value(&mut self, ke: &Expr, kt: TypeId, lookup: bool) -> Result<V> {
        if let ExprKind::Composite { typ: None, .. } = &ke.kind {
            return err(&ke.pos, "invalid composite literal type: missing type");
        }
        if !lookup {
            return self.value_as(ke, kt, "map index");
        }
        let key = self.string_view_expr(ke, Some(kt))?;
        let key = self.single(key, ke)?;
        self.convert_to(key, kt, &ke.pos, "map index")
    }

    /// `m[k]` read: the element (a copy), and with `comma_ok` a bool slot
    /// saying whether the key was there.
    pub fn map_index(&mut self, m: &V, ke: &Expr, comma_ok: bool) -> Result<(V, Option<Addr>)> {
        let (kt, et) = self.map_types(m.ty).expect("a map type");
        let mw = self.map_word(m);
        let key = self.key_value(ke, kt, true)?;
        let desc = self.map_desc(m.ty);
        let mut args = vec![(Scalar::U64, desc), (Scalar::U64, Operand::Mem(Addr::Slot(mw, 0)))];
        // Strings and 8-byte scalar keys go by value to the runtime's
        // specialised lookups, as gc's `mapaccess1_faststr`/`_fast64`.
        let (access1, access2) = match self.fast_key(kt) {
            Some(FastKey::Str) => {
                let a = self.to_addr(&key);
                args.push((Scalar::U64, Operand::Mem(a.clone())));
                args.push((Scalar::U64, Operand::Mem(a.offset(8))));
                (rt::MAPACCESS1_FASTSTR, rt::MAPACCESS2_FASTSTR)
            }
            Some(FastKey::Word) => {
                let a = self.to_addr(&key);
                args.push((Scalar::U64, Operand::Mem(a)));
                (rt::MAPACCESS1_FAST64, rt::MAPACCESS2_FAST64)
            }
            None => {
                let kp = self.key_addr(&key, kt);
                args.push((Scalar::U64, Operand::Mem(Addr::Slot(kp, 0))));
                (rt::MAPACCESS1, rt::MAPACCESS2)
            }
        };
        let p = self.fb().slot_ptr();
        let ok = if comma_ok {
            let ok = self.fb().slot_scalar(8, 8);
            self.fb().emit(Inst::CallRuntime { func: access2, args, rets: vec![(Scalar::U64, Addr::Slot(p, 0)), (Scalar::U64, Addr::Slot(ok, 0))] });
            Some(Addr::Slot(ok, 0))
        } else {
            self.fb().emit(Inst::CallRuntime { func: access1, args, rets: vec![(Scalar::U64, Addr::Slot(p, 0))] });
            None
        };
        let dst = self.temp(et);
        self.copy(&dst, &Addr::Deref(p, 0), et);
        Ok((V::mem(et, dst), ok))
    }

    /// Whether keys of type `kt` take a specialised lookup.
    fn fast_key(&self, kt: TypeId) -> Option<FastKey> {
        use super::types::Basic;
        match self.types.under(kt) {
            Ty::Basic(Basic::String) => Some(FastKey::Str),
            Ty::Basic(Basic::Int | Basic::Int64 | Basic::Uint | Basic::Uint64 | Basic::Uintptr | Basic::UnsafePointer)
            | Ty::Pointer(_)
            | Ty::Chan(..) => Some(FastKey::Word),
            _ => None,
        }
    }

    /// If `l` is a map index expression `m[k]`, evaluates `m` and `k` for
    /// an assignment to it.
    pub fn map_target(&mut self, l: &Expr) -> Result<Option<MapTarget>> {
        let ExprKind::Index { x, index, .. } = &strip_parens(l).kind else { return Ok(None) };
        if self.map_index_type(l).is_none() {
            return Ok(None);
        }
        let m = self.value(x)?;
        let (kt, et) = self.map_types(m.ty).expect("a map type");
        let mw = self.map_word(&m);
        let key = self.key_value(index, kt, false)?;
        let kp = self.key_addr(&key, kt);
        Ok(Some(MapTarget { map_t: m.ty, elem_t: et, map: mw, key: kp }))
    }

    /// The current element of a map target (`m[k] op= v` reads it first).
    pub fn map_target_read(&mut self, t: &MapTarget) -> V {
        let desc = self.map_desc(t.map_t);
        let p = self.fb().slot_ptr();
        self.fb().emit(Inst::CallRuntime {
            func: rt::MAPACCESS1,
            args: vec![(Scalar::U64, desc), (Scalar::U64, Operand::Mem(Addr::Slot(t.map, 0))), (Scalar::U64, Operand::Mem(Addr::Slot(t.key, 0)))],
            rets: vec![(Scalar::U64, Addr::Slot(p, 0))],
        });
        let dst = self.temp(t.elem_t);
        self.copy(&dst, &Addr::Deref(p, 0), t.elem_t);
        V::mem(t.elem_t, dst)
    }

    /// `m[k] = v` (`v` already converted to the element type).
    pub fn map_store(&mut self, t: &MapTarget, v: &V) {
        // The value is complete before the entry exists: reading it may
        // still fault (`m[0] = *p` with a nil `p`), and then the map must be
        // left without the key, as Go leaves it.
        let tmp = self.temp(t.elem_t);
        self.store(&tmp, v, t.elem_t);
        let v = &V::mem(t.elem_t, tmp);
        let desc = self.map_desc(t.map_t);
        let p = self.fb().slot_ptr();
        self.fb().emit(Inst::CallRuntime {
            func: rt::MAPASSIGN,
            args: vec![(Scalar::U64, desc), (Scalar::U64, Operand::Mem(Addr::Slot(t.map, 0))), (Scalar::U64, Operand::Mem(Addr::Slot(t.key, 0)))],
            rets: vec![(Scalar::U64, Addr::Slot(p, 0))],
        });
        self.store(&Addr::Deref(p, 0), v, t.elem_t);
    }

    /// The comma-ok forms `v, ok := m[k]` and `x.(T)`: the value and the
    /// ok slot, or `None` when `e` is neither.
    pub fn comma_ok_value(&mut self, e: &Expr) -> Result<Option<(V, Addr)>> {
        match &strip_parens(e).kind {
            ExprKind::TypeAssert { x, typ: Some(te) } => {
                let t = self.resolve_type(te)?;
                let (v, ok) = self.type_assert(x, t, true, &e.pos)?;
                Ok(Some((v, ok.expect("comma-ok assertion"))))
            }
            ExprKind::Index { x, index, .. } => {
                if self.map_index_type(e).is_none() {
                    return Ok(None);
                }
                let m = self.value(x)?;
                let (v, ok) = self.map_index(&m, index, true)?;
                Ok(Some((v, ok.expect("comma-ok index"))))
            }
            _ => Ok(None),
        }
    }

    /// The map type of `e` when it is a map index expression.
    pub fn map_index_type(&mut self, e: &Expr) -> Option<TypeId> {
        let ExprKind::Index { x, .. } = &strip_parens(e).kind else { return None };
        let k = self.known(x).ok()?;
        (self.map_types(k.ty).is_some() && !matches!(k.what, What::Type)).then_some(k.ty)
    }

    /// `make(map[K]V)` or `make(map[K]V, hint)`.
    pub fn make_map(&mut self, t: TypeId, args: &[Expr], pos: &Pos) -> Result<V> {
        if args.len() > 2 {
            return err(pos, format!("invalid operation: make({}) expects 1 or 2 arguments; found {}", self.types.name(t), args.len()));
        }
        let hint = if args.len() == 2 { self.size_arg(&args[1])? } else { Operand::Imm(0) };
        let desc = self.map_desc(t);
        let dst = self.temp(t);
        self.fb().emit(Inst::CallRuntime { func: rt::MAKEMAP, args: vec![(Scalar::U64, desc), (Scalar::I64, hint)], rets: vec![(Scalar::U64, dst.clone())] });
        Ok(V::mem(t, dst))
    }

    /// `len(m)`: 0 for nil, else the map's first word.
    pub fn map_len(&mut self, m: &V) -> V {
        let int_t = self.int_t();
        let mw = self.map_word(m);
        let dst = self.temp(int_t);
        let done = self.fb().label();
        self.fb().emit(Inst::Move { ty: Scalar::I64, dst: dst.clone(), src: Operand::Imm(0) });
        let c = self.fb().slot_scalar(1, 1);
        self.fb().emit(Inst::Bin { op: BinOp::Eq, ty: Scalar::U64, dst: Addr::Slot(c, 0), a: Operand::Mem(Addr::Slot(mw, 0)), b: Operand::Imm(0) });
        self.fb().emit(Inst::JumpIf { cond: Operand::Mem(Addr::Slot(c, 0)), target: done });
        self.fb().emit(Inst::Move { ty: Scalar::I64, dst: dst.clone(), src: Operand::Mem(Addr::Deref(mw, 0)) });
        self.fb().bind(done);
        V::mem(int_t, dst)
    }

    /// `delete(m, k)`.
    pub fn map_delete(&mut self, args: &[Expr], pos: &Pos) -> Result<V> {
        if args.len() < 2 {
            return err(pos, format!("not enough arguments for delete({}) (expected 2, found {})", args.iter().map(|a| self.describe_expr(a)).collect::<Vec<_>>().join(", "), args.len()));
        }
        if args.len() > 2 {
            return err(pos, format!("too many arguments for delete({}) (expected 2, found {})", args.iter().map(|a| self.describe_expr(a)).collect::<Vec<_>>().join(", "), args.len()));
        }
        let m = self.value(&args[0])?;
        let Some((kt, _)) = self.map_types(m.ty) else {
            return err(&args[0].pos, format!("invalid argument: {} (variable of type {}) is not a map", self.describe_expr(&args[0]), self.types.name(m.ty)));
        };
        let mw = self.map_word(&m);
        let key = self.value_as(&args[1], kt, "argument to delete")?;
        let kp = self.key_addr(&key, kt);
        let desc = self.map_desc(m.ty);
        self.fb().emit(Inst::CallRuntime {
            func: rt::MAPDELETE,
            args: vec![(Scalar::U64, desc), (Scalar::U64, Operand::Mem(Addr::Slot(mw, 0))), (Scalar::U64, Operand::Mem(Addr::Slot(kp, 0)))],
            rets: vec![],
        });
        Ok(V { ty: 0, kind: VK::Void })
    }

    /// A map composite literal `map[K]V{k: v, ...}` into `dst`.
    pub fn map_literal(&mut self, t: TypeId, elems: &[ast::KeyedElement], dst: &Addr) -> Result<()> {
        let (kt, et) = self.map_types(t).expect("a map type");
        let desc = self.map_desc(t);
        self.fb().emit(Inst::CallRuntime {
            func: rt::MAKEMAP,
            args: vec![(Scalar::U64, desc), (Scalar::I64, Operand::Imm(elems.len() as i64))],
            rets: vec![(Scalar::U64, dst.clone())],
        });
        let mw = self.load_ptr_copy(dst);
        if elems.len() > STATIC_MAP_ENTRIES && self.generics.bind.is_empty() && self.static_map_literal(t, elems, mw)? {
            return Ok(());
        }
        // Constant keys seen, with their (dynamic, for interface keys) type.
        let mut seen: Vec<(TypeId, Const)> = vec![];
        let iface_key = self.types.is_interface(kt);
        for el in elems {
            let Some(ke) = &el.key else { return err(&el.value.pos, "missing key in map literal") };
            let key_const = match (iface_key, self.known(ke)) {
                (true, Ok(Known { ty, what: What::Const(c) })) => Some((self.default_type(ty, &ke.pos)?, c)),
                _ => None,
            };
            // A bad key or value is reported and the next element checked
            // (gc reports each).
            let key = match self.elem_value_ctx(ke, kt, "map literal") {
                Ok(k) => k,
                Err(d) => {
                    self.report(d)?;
                    continue;
                }
            };
            let key_const = match &key.kind {
                VK::Const(c) => Some((kt, c.clone())),
                _ => key_const,
            };
            if let Some(k) = key_const {
                // (Allowed in generic code, `T(0)` and `U(0)` being one key
                // in an instance: the last one is stored.)
                if seen.contains(&k) && self.generics.bind.is_empty() {
                    // Reported, and checking goes on (gc reports each one).
                    let d = Diag::new(&ke.pos, format!("duplicate key {} in map literal", self.describe_expr(ke)));
                    self.report(d)?;
                } else {
                    seen.push(k);
                }
            }
            let kp = self.key_addr(&key, kt);
            let v = match self.elem_value_ctx(&el.value, et, "map literal") {
                Ok(v) => v,
                Err(d) => {
                    self.report(d)?;
                    continue;
                }
            };
            let target = MapTarget { map_t: t, elem_t: et, map: mw, key: kp };
            self.map_store(&target, &v);
        }
        Ok(())
    }

    /// Fills map `mw` (of type `t`) with the entries `elems` by a loop over
    /// two arrays, its keys and its elements, when every key is static
    /// (gc's `maplit`): the keys are an array in the program's data, and
    /// so are the elements when they are static too, else they are
    /// evaluated in order into an array on the stack first (what a
    /// literal's elements do cannot depend on the map it is building).
    /// False, with nothing emitted, when a key is not static. unicode's
    /// maps of scripts and categories were 100 KB of `unicode.init`, one
    /// assignment after the other.
    fn static_map_literal(&mut self, t: TypeId, elems: &[ast::KeyedElement], mw: SlotId) -> Result<bool> {
        let (kt, et) = self.map_types(t).expect("a map type");
        let Some(keys) = elems.iter().map(|e| e.key.as_ref()).collect::<Option<Vec<&Expr>>>() else { return Ok(false) };
        let values: Vec<&Expr> = elems.iter().map(|e| &e.value).collect();
        let Some(ks) = self.static_array(kt, &keys)? else { return Ok(false) };
        let (ksize, esize) = (self.types.size(kt) as i64, self.types.size(et) as i64);
        let vs = match self.static_array(et, &values)? {
            Some(vs) => Operand::SymAddr(vs, 0),
            None => {
                let at = self.types.array(et, values.len() as u64);
                let arr = self.temp(at);
                for (i, e) in values.iter().enumerate() {
                    let v = self.elem_value_ctx(e, et, "map literal")?;
                    self.store(&arr.offset(i as i32 * esize as i32), &v, et);
                }
                let p = self.slot_addr_of(&arr);
                self.fb().emit(Inst::AddrOf { dst: Addr::Slot(p, 0), src: arr });
                Operand::Mem(Addr::Slot(p, 0))
            }
        };
        let i = self.fb().slot_scalar(8, 8);
        self.fb().emit(Inst::Move { ty: Scalar::I64, dst: Addr::Slot(i, 0), src: Operand::Imm(0) });
        let (top, done) = (self.fb().label(), self.fb().label());
        self.fb().bind(top);
        let more = self.fb().slot_scalar(1, 1);
        self.fb().emit(Inst::Bin { op: BinOp::Lt, ty: Scalar::I64, dst: Addr::Slot(more, 0), a: Operand::Mem(Addr::Slot(i, 0)), b: Operand::Imm(elems.len() as i64) });
        self.fb().emit(Inst::JumpIfNot { cond: Operand::Mem(Addr::Slot(more, 0)), target: done });
        // The addresses of entry i of each array.
        let at = |c: &mut Self, base: Operand, size: i64| {
            let p = c.fb().slot_ptr();
            c.fb().emit(Inst::Bin { op: BinOp::Mul, ty: Scalar::I64, dst: Addr::Slot(p, 0), a: Operand::Mem(Addr::Slot(i, 0)), b: Operand::Imm(size) });
            c.fb().emit(Inst::Bin { op: BinOp::Add, ty: Scalar::U64, dst: Addr::Slot(p, 0), a: Operand::Mem(Addr::Slot(p, 0)), b: base });
            p
        };
        let kp = at(self, Operand::SymAddr(ks, 0), ksize);
        let vp = at(self, vs, esize);
        let target = MapTarget { map_t: t, elem_t: et, map: mw, key: kp };
        self.map_store(&target, &V::mem(et, Addr::Deref(vp, 0)));
        self.fb().emit(Inst::Bin { op: BinOp::Add, ty: Scalar::I64, dst: Addr::Slot(i, 0), a: Operand::Mem(Addr::Slot(i, 0)), b: Operand::Imm(1) });
        self.fb().emit(Inst::Jump(top));
        self.fb().bind(done);
        Ok(true)
    }

    /// Starts `range m`: evaluates `m` once, sets up the iterator and
    /// binds the loop top, where the loop ends when the iterator is done.
    pub fn range_map_begin(&mut self, m: &V) -> MapRange {
        let mw = self.map_word(m);
        // The iterator holds the map and entry addresses: every word may
        // be a pointer.
        let words = rt::MAP_ITER_SIZE as u64 / 8;
        let it = self.fb().slot_mask(rt::MAP_ITER_SIZE as u64, 8, PtrMask::all(words));
        let itp = self.slot_addr_of(&Addr::Slot(it, 0));
        self.fb().emit(Inst::AddrOf { dst: Addr::Slot(itp, 0), src: Addr::Slot(it, 0) });
        let desc = self.map_desc(m.ty);
        self.fb().emit(Inst::CallRuntime {
            func: rt::MAPITERINIT,
            args: vec![(Scalar::U64, desc), (Scalar::U64, Operand::Mem(Addr::Slot(mw, 0))), (Scalar::U64, Operand::Mem(Addr::Slot(itp, 0)))],
            rets: vec![],
        });
        let r = MapRange { it, itp, top: self.fb().label(), cont: self.fb().label(), brk: self.fb().label() };
        self.fb().bind(r.top);
        let c = self.fb().slot_scalar(1, 1);
        self.fb().emit(Inst::Bin { op: BinOp::Eq, ty: Scalar::U64, dst: Addr::Slot(c, 0), a: Operand::Mem(Addr::Slot(it, 0)), b: Operand::Imm(0) });
        self.fb().emit(Inst::JumpIf { cond: Operand::Mem(Addr::Slot(c, 0)), target: r.brk });
        r
    }

    /// The current key (`which` 0) or element (1) of a map range, of type `t`.
    pub fn range_map_item(&mut self, r: &MapRange, which: i32, t: TypeId) -> V {
        let p = self.fb().slot_ptr();
        self.fb().emit(Inst::Move { ty: Scalar::U64, dst: Addr::Slot(p, 0), src: Operand::Mem(Addr::Slot(r.it, 8 * which)) });
        V::mem(t, Addr::Deref(p, 0))
    }

    /// Ends a map range at its `continue` label: next entry, loop.
    pub fn range_map_end(&mut self, r: &MapRange) {
        self.fb().bind(r.cont);
        self.fb().emit(Inst::CallRuntime { func: rt::MAPITERNEXT, args: vec![(Scalar::U64, Operand::Mem(Addr::Slot(r.itp, 0)))], rets: vec![] });
        self.fb().emit(Inst::Jump(r.top));
        self.fb().bind(r.brk);
    }
}

/// A `range` over a map being lowered.
pub struct MapRange {
    /// The iterator (`MAP_ITER_SIZE` bytes) and a slot with its address.
    it: SlotId,
    itp: SlotId,
    top: crate::ir::Label,
    pub cont: crate::ir::Label,
    pub brk: crate::ir::Label,
}
