//! Objects in the caller's frame: a function that returns an object it
//! makes (`return new(Point).Set(identity)`, `buf := make([]byte, 32);
//! ...; return buf`, `var buf [32]byte; return v.bytes(&buf)`) gets a
//! second body, its *result-frame variant* (symbol `F$rf`), that takes one
//! more parameter: the address of a buffer in the caller's frame, where it
//! puts those objects instead of allocating them. A call whose results the
//! caller keeps no longer than its own frame calls the variant.
//!
//! gc reaches the same end by inlining the function and analysing the
//! copy's escapes in the caller; the standard library is written for it
//! ("outlined so that the returned key can be stack-allocated": ed25519,
//! edwards25519, netip). rgo's inliner runs on the IR, after escape
//! analysis, so the analysis finds which objects qualify
//! ([`super::escape::ResultObject`]) and which calls may pass a buffer
//! ([`super::escape::Escapes::result_frames`]), and this module lays out
//! the buffers and lowers the variants.

use super::escape::{FreshSite, ObjectType};
use super::types::{Basic, Sig, Ty, TypeId};
use super::Checker;
use crate::diag::{Pos, Result};
use crate::ir::{self, Addr, BinOp, Callee, Inst, Operand, PtrMask, Scalar};
use crate::syntax::ast::{self, ExprId};
use crate::types::object::ObjId;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// The suffix of a result-frame variant's symbol (tracebacks and
/// `runtime.FuncForPC` name the function without it).
pub const VARIANT_SUFFIX: &str = "$rf";

/// Where a function's fresh objects lie in the caller's buffer.
#[derive(Debug)]
pub struct ResultLayout {
    /// The buffer, as a frame slot of the caller.
    pub slot: ir::Slot,
    /// Each object's offset in it and type. Objects larger than gc puts in
    /// a frame (64 KiB) are not among them: they stay on the heap.
    pub offsets: HashMap<FreshSite, (u32, TypeId)>,
}

/// A function declaration that may get a variant: its package and
/// method, if it is one.
#[derive(Clone, Copy)]
pub struct VariantSource<'a> {
    pkg: usize,
    obj: ObjId,
    fd: &'a ast::FuncDecl,
    method: Option<(u32, usize)>,
}

/// The program's result-frame variants.
#[derive(Default)]
pub struct ResultFrames<'a> {
    layouts: HashMap<ObjId, Option<Rc<ResultLayout>>>,
    /// The functions declared in source, by symbol.
    sources: HashMap<String, VariantSource<'a>>,
    /// The variants some call uses, by the function's symbol.
    wanted: HashSet<String>,
    queue: Vec<String>,
    /// The layout of the variant `lower_func` lowers next.
    pub next: Option<Rc<ResultLayout>>,
}

impl<'a> Checker<'a> {
    /// Notes that function `fd` (the object `info` of package `pkg`
    /// defines) is lowered into `sym`, so that a call may use its variant.
    pub(super) fn note_variant_source(&mut self, sym: &str, pkg: usize, fd: &'a ast::FuncDecl, method: Option<(u32, usize)>) {
        let Some(obj) = self.infos.get(pkg).and_then(Option::as_ref).and_then(|i| i.defs.get(fd.name.id)).copied() else { return };
        if fd.body.is_some() && !self.tags.fresh(obj).is_empty() {
            self.result_frames.sources.insert(sym.to_string(), VariantSource { pkg, obj, fd, method });
        }
    }

    /// Notes every function and method the loop over bodies lowers from
    /// its declaration (as [`Checker::note_variant_source`]).
    pub(super) fn note_variant_sources(&mut self) {
        let files = self.files;
        for (fi, f) in files.iter().enumerate() {
            self.cur = self.file_pkg(fi);
            for d in &f.decls {
                let ast::Decl::Func(fd) = d else { continue };
                if fd.recv.is_some() || fd.name.name == "init" || fd.name.name == "_" || fd.type_params.is_some() {
                    continue;
                }
                let key = self.key(&fd.name.name);
                if self.replaced.contains(&key) {
                    continue;
                }
                if let Some(fs) = self.funcs.get(&key).cloned() {
                    self.note_variant_source(&fs.sym, self.cur, fd, None);
                }
            }
        }
        for (p, ni, mi, fd) in self.method_decls.clone() {
            self.cur = p;
            let sym = self.method_sym_declared(ni, mi);
            self.note_variant_source(&sym, p, fd, Some((ni, mi)));
        }
    }

    /// For call `site` of `callee`: the variant to call and its buffer's
    /// layout, when the escape analysis lets this call pass a buffer.
    pub(super) fn result_frame_call(&mut self, site: ExprId, callee: &Callee, pos: &Pos) -> Option<(String, Rc<ResultLayout>)> {
        let &f = self.fb().result_frames.get(&site)?;
        let Callee::Direct(sym) = callee else { return None };
        let src = *self.result_frames.sources.get(sym)?;
        if src.obj != f {
            return None;
        }
        let layout = self.result_layout(f, pos)?;
        if self.result_frames.wanted.insert(sym.clone()) {
            self.result_frames.queue.push(sym.clone());
        }
        Some((format!("{sym}{VARIANT_SUFFIX}"), layout))
    }

    /// The layout of function `f`'s buffer (None if no object fits).
    fn result_layout(&mut self, f: ObjId, pos: &Pos) -> Option<Rc<ResultLayout>> {
        if let Some(l) = self.result_frames.layouts.get(&f) {
            return l.clone();
        }
        let mut offsets = HashMap::new();
        let (mut size, mut align, mut ptrs) = (0u64, 1u64, PtrMask::default());
        for o in self.tags.fresh(f).to_vec() {
            let t = match o.ty {
                ObjectType::Value(t) => self.translate(t, pos).ok(),
                ObjectType::Array(e, n) => self.translate(e, pos).ok().map(|e| self.types.array(e, n)),
                ObjectType::Buffer => Some(self.types.array(super::types::basic_id(Basic::Uint8), super::call::FRAME_BUFFER_SIZE as u64)),
            };
            let Some(t) = t else { continue };
            let (s, a) = self.types.layout(t);
            if s == 0 || s > super::call::MAX_IMPLICIT_STACK_VAR_SIZE {
                continue;
            }
            let at = crate::isa::frame::align_up(size, a.max(1));
            ptrs.or_shifted(&self.types.ptr_mask(t), at / 8);
            offsets.insert(o.site, (at as u32, t));
            size = at + s;
            align = align.max(a);
        }
        let layout = (!offsets.is_empty()).then(|| {
            let align = align.clamp(1, 16);
            // A slot with pointers is whole words.
            let align = if ptrs.is_empty() { align } else { align.max(8) };
            let size = crate::isa::frame::align_up(size, align);
            Rc::new(ResultLayout { slot: ir::Slot { size: size as u32, align: align as u32, ptrs }, offsets })
        });
        self.result_frames.layouts.insert(f, layout.clone());
        layout
    }

    /// A call of `callee`'s result-frame variant `sym`: a buffer laid out
    /// by `layout` in this frame, its address the last argument.
    pub(super) fn emit_result_frame_call(
        &mut self,
        sym: String,
        layout: &ResultLayout,
        sig_t: TypeId,
        recv: Option<(bool, TypeId)>,
        mut args: Vec<Addr>,
        results: Vec<Addr>,
    ) {
        let ft = self.variant_sig(sig_t);
        let abi = self.abi_of(ft, recv);
        let fb = self.fb();
        fb.body.slots.push(layout.slot.clone());
        let buf = (fb.body.slots.len() - 1) as ir::SlotId;
        let p = self.slot_address(buf);
        args.push(p);
        self.fb().emit(Inst::Call { callee: Callee::Direct(sym), abi, args, results });
    }

    /// Signature `ft` with the buffer's address as one more parameter.
    pub(super) fn variant_sig(&mut self, ft: TypeId) -> TypeId {
        let sig = self.types.sig(ft).cloned().expect("a func type");
        let mut params = sig.params;
        params.push(super::types::basic_id(Basic::UnsafePointer));
        self.types.intern(Ty::Func(Sig { params, results: sig.results, variadic: false }))
    }

    /// In a variant, the object `site` makes: its place in the caller's
    /// buffer (zeroed if `zero`: a new object is), as the address of a
    /// slot holding the pointer. None elsewhere, and for an object not in
    /// the buffer.
    pub(super) fn result_buffer_object(&mut self, site: &FreshSite, zero: bool) -> Option<Addr> {
        let layout = self.fb().result_buffer.clone()?;
        let &(offset, t) = layout.offsets.get(site)?;
        // The buffer's address is the variant's last parameter.
        let buf = *self.fb().body.params.last()?;
        let size = self.types.size(t) as u32;
        let fb = self.fb();
        let p = fb.slot_ptr();
        fb.emit(Inst::Bin { op: BinOp::Add, ty: Scalar::U64, dst: Addr::Slot(p, 0), a: Operand::Mem(Addr::Slot(buf, 0)), b: Operand::Imm(offset as i64) });
        if zero {
            fb.emit(Inst::Zero { dst: Addr::Deref(p, 0), size });
        }
        Some(Addr::Slot(p, 0))
    }

    /// Whether, in a variant, the object of `site` goes in the caller's
    /// buffer.
    pub(super) fn in_result_buffer(&self, site: ExprId) -> bool {
        self.fns.last().and_then(|fb| fb.result_buffer.as_ref()).is_some_and(|b| b.offsets.contains_key(&FreshSite::Alloc(site)))
    }

    /// The buffer a conversion or string sum `site` whose bytes may stay
    /// in the frame writes to (its address and size): in a variant, its
    /// place in the caller's buffer.
    pub(super) fn frame_buffer_for(&mut self, site: ExprId) -> [(Scalar, Operand); 2] {
        // (The conversion writes the bytes it keeps.)
        match self.result_buffer_object(&FreshSite::Alloc(site), false) {
            Some(p) => [(Scalar::U64, Operand::Mem(p)), (Scalar::U64, Operand::Imm(super::call::FRAME_BUFFER_SIZE as i64))],
            None => self.frame_buffer(),
        }
    }

    /// Lowers the variants calls have asked for, and the generic instances
    /// those need, until none is left.
    pub(super) fn lower_result_frame_variants(&mut self) -> Result<()> {
        while let Some(sym) = self.result_frames.queue.pop() {
            let src = self.result_frames.sources[&sym];
            let Some(layout) = self.result_frames.layouts.get(&src.obj).cloned().flatten() else { continue };
            self.cur = src.pkg;
            self.result_frames.next = Some(layout);
            let r = self.lower_func(src.fd, &format!("{sym}{VARIANT_SUFFIX}"), src.method);
            self.result_frames.next = None;
            if let Err(d) = r {
                self.report(d)?;
            }
            self.lower_instances()?;
        }
        Ok(())
    }
}
