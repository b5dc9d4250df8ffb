//! Data the program carries: string bytes, static closures, type
//! descriptors (in `reflect`'s `#[repr(C)]` layout), itabs, and the method
//! wrappers descriptors and itabs point at.

use super::expr::V;
use super::func::Fb;
use super::types::{SelKind, Ty, TypeId};
use super::Checker;
use crate::syntax::ast;
use crate::diag::{Diag, Result};
use crate::ir::{self, Addr, Data, Inst, Reloc, RecvStep};
use reflect::types as rty;
use crate::runtime_abi as rt;
use std::collections::HashMap;
use std::mem::{offset_of, size_of};

/// Bytes with 8-byte absolute relocations.
struct Blob {
    bytes: Vec<u8>,
    relocs: Vec<Reloc>,
}

impl Blob {
    fn new(size: usize) -> Blob {
        Blob { bytes: vec![0; size], relocs: vec![] }
    }
    fn u64(&mut self, off: usize, v: u64) {
        self.bytes[off..off + 8].copy_from_slice(&v.to_le_bytes());
    }
    fn u32(&mut self, off: usize, v: u32) {
        self.bytes[off..off + 4].copy_from_slice(&v.to_le_bytes());
    }
    fn u8(&mut self, off: usize, v: u8) {
        self.bytes[off] = v;
    }
    fn sym(&mut self, off: usize, sym: &str) {
        self.sym_plus(off, sym, 0);
    }
    fn sym_plus(&mut self, off: usize, sym: &str, addend: i64) {
        self.relocs.push(Reloc { offset: off as u32, sym: sym.into(), addend });
    }
    /// A `Str` or `List`: pointer then length.
    fn pair(&mut self, off: usize, sym: Option<&str>, len: usize) {
        if let Some(s) = sym {
            self.sym(off, s);
        }
        self.u64(off + 8, len as u64);
    }
}

/// The table of the program's static itabs, which the entry hands to the
/// runtime ([`crate::runtime_abi::ADD_ITABS`]): an itab built at run time
/// for the same pair would otherwise compare unequal to the static one.
pub const ITABLINKS: &str = "go.itablinks";
/// The program's type descriptors, for reflect's type constructors
/// ([`crate::runtime_abi::ADD_TYPELINKS`]): `PtrTo(T)` of a type the
/// program has returns the program's descriptor, one per type as Go wants.
/// Emitted only when package reflect is built in.
pub const TYPELINKS: &str = "go.typelinks";

/// A descriptor of the invalid kind, identical to no type: the type of a
/// method in a method table whose code dead-code elimination dropped and
/// whose type nothing else keeps (`opt::dce`), as gc's linker leaves such
/// an entry's type unresolved. No interface can then match the method,
/// and none could: an interface with it would keep its type.
pub const UNREACHABLE_TYPE: &str = "go.unreachabletype";

/// A library's table for its host (`rgo build --lib`, docs/host.md), read
/// by rt-core's `host` module (`LibExports` there, the same layout): the
/// static closures of the host boundary's four functions (`call`,
/// `gosched`, `pin`, `unpin` of [`super::library::HOST_PACKAGE`]), the
/// number of exported functions, then one record per exported top-level
/// function of the package, sorted by name: its name (a `Str`), its
/// signature's descriptor and its static closure (four words).
pub const LIBEXPORTS: &str = "go.libexports";

/// The functions of [`super::library::HOST_PACKAGE`] whose closures head
/// [`LIBEXPORTS`], in that order.
const HOST_FUNCS: [&str; 4] = ["call", "gosched", "pin", "unpin"];

/// A readable tail for a descriptor's symbol (the type id makes it unique),
/// cut short so that deeply nested types do not make symbols quadratic.
fn sanitize(s: &str) -> String {
    s.chars().take(48).map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '.' { c } else { '$' }).collect()
}

/// The first 16 hex digits of `bytes`' BLAKE3 hash: the part of a shared
/// symbol's name that is the same in every program.
fn short_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..16].to_string()
}

impl Checker<'_> {
    fn push_data(&mut self, sym: &str, align: u32, blob: Blob, readonly: bool) {
        self.prog.data.push(Data { sym: sym.into(), align, size: blob.bytes.len() as u32, init: Some(blob.bytes), relocs: blob.relocs, readonly });
    }

    /// The symbol of a string literal's bytes, named by their hash, so
    /// that a package's code names its strings alike in every program
    /// (its object is then the same, and found in the build cache).
    pub fn string_sym(&mut self, s: &[u8]) -> String {
        if let Some(sym) = self.strings.get(s) {
            return sym.clone();
        }
        let sym = format!("go.str.{}", short_hash(s));
        self.strings.insert(s.to_vec(), sym.clone());
        let mut b = Blob::new(s.len().max(1));
        b.bytes[..s.len()].copy_from_slice(s);
        self.push_data(&sym, 1, b, true);
        sym
    }

    /// `go.staticuint64s`: the words 0 to 255, read-only, which interface
    /// values of small scalars point into (gc's `staticuint64s`).
    pub fn static_uint64s(&mut self) -> String {
        let sym = "go.staticuint64s".to_string();
        if self.emitted.insert(sym.clone()) {
            let mut b = Blob::new(256 * 8);
            for (i, w) in b.bytes.chunks_exact_mut(8).enumerate() {
                w.copy_from_slice(&(i as u64).to_le_bytes());
            }
            self.push_data(&sym, 8, b, true);
        }
        sym
    }

    /// A func value for a function with no captures: a one-word closure
    /// object holding its code address.
    pub fn static_closure(&mut self, sym: &str) -> String {
        let clo = format!("{sym}$f");
        if self.emitted.insert(clo.clone()) {
            let mut b = Blob::new(8);
            b.sym(0, sym);
            self.push_data(&clo, 8, b, true);
        }
        clo
    }

    /// `t`'s name in the symbols of its descriptor and itabs: a readable
    /// prefix and a hash of its link name (`Types::link_name`), the same in
    /// every program (a number of the program's type table would change a
    /// package's code, and so its cached object, whenever another package
    /// adds a type). Distinct types whose names would coincide (not
    /// expected: a guard) are told apart by a counter.
    fn type_key(&mut self, t: TypeId) -> String {
        if let Some(k) = self.type_keys.get(&t) {
            return k.clone();
        }
        let base = format!("{}.{}", sanitize(&self.types.short_name(t, 48)), short_hash(self.types.link_name(t).as_bytes()));
        let mut key = base.clone();
        let mut n = 1;
        while self.type_key_owners.get(&key).is_some_and(|&o| o != t) {
            n += 1;
            key = format!("{base}.{n}");
        }
        self.type_key_owners.insert(key.clone(), t);
        self.type_keys.insert(t, key.clone());
        key
    }

    /// The symbol of `t`'s type descriptor (emitted at the end).
    pub fn descriptor(&mut self, t: TypeId) -> String {
        if let Some(s) = self.descs.get(&t) {
            return s.clone();
        }
        let sym = format!("type.{}", self.type_key(t));
        self.descs.insert(t, sym.clone());
        self.desc_queue.push(t);
        sym
    }

    /// The symbol of the static itab pairing concrete `t` with `iface`.
    pub fn itab(&mut self, t: TypeId, iface: TypeId) -> String {
        if let Some(s) = self.itabs.get(&(t, iface)) {
            return s.clone();
        }
        let sym = format!("go.itab.{}.{}", self.type_key(t), self.type_key(iface));
        self.itabs.insert((t, iface), sym.clone());
        let methods = self.types.iface_methods(iface).to_vec();
        let mut b = Blob::new(16 + 8 * methods.len());
        let idesc = self.descriptor(iface);
        let tdesc = self.descriptor(t);
        b.sym(offset_of!(rty::Itab, inter), &idesc);
        b.sym(offset_of!(rty::Itab, typ), &tdesc);
        for (i, m) in methods.iter().enumerate() {
            // Interface satisfaction was checked by the caller.
            let code = self.ifn(t, &m.name).unwrap_or_default();
            b.sym(offset_of!(rty::Itab, fun) + 8 * i, &code);
        }
        self.push_data(&sym, 8, b, true);
        sym
    }

    /// The code taking the receiver as one interface data word.
    pub fn ifn(&mut self, t: TypeId, name: &str) -> Result<String> {
        if self.types.is_pointer_shaped(t) {
            self.method_entry(t, name)
        } else {
            let pt = self.types.pointer(t);
            self.method_entry(pt, name)
        }
    }

    /// Symbol of declared method `mi` of named type `ni`.
    pub fn method_sym_declared(&self, ni: u32, mi: usize) -> String {
        let n = &self.types.named[ni as usize];
        let m = &n.methods[mi];
        if m.ptr_recv {
            format!("{}$p.{}", n.sym, m.name)
        } else {
            format!("{}.{}", n.sym, m.name)
        }
    }

    fn recv_sym(&mut self, r: TypeId) -> String {
        match self.types.ty(r) {
            Ty::Named(i) => self.types.named[*i as usize].sym.clone(),
            &Ty::Pointer(e) => format!("{}$p", self.recv_sym(e)),
            _ => format!("main.type.{}", self.type_key(r)),
        }
    }

    /// The symbol of a function implementing method `name` with its
    /// receiver passed by type `r` (`T` or `*T`): the declared method
    /// itself, or a wrapper generated here.
    pub fn method_entry(&mut self, r: TypeId, name: &str) -> Result<String> {
        let sel = self.types.lookup(r, name).ok_or_else(|| Diag::new(&crate::diag::Pos::new("<rgo>".into(), 1, 1), format!("no method {name}")))?;
        let SelKind::Method { recv_named, iface, index, ptr_recv, sig } = sel.kind else {
            return Err(Diag::new(&crate::diag::Pos::new("<rgo>".into(), 1, 1), format!("{name} is a field")));
        };
        let r_is_ptr = matches!(self.types.ty(r), Ty::Pointer(_));
        if sel.path.is_empty() && iface.is_none() {
            let ni = recv_named.unwrap();
            if ptr_recv == r_is_ptr {
                return Ok(self.method_sym_declared(ni, index));
            }
        }
        let sym = format!("{}.{}", self.recv_sym(r), name);
        if !self.emitted.insert(sym.clone()) {
            return Ok(sym);
        }
        let abi = self.abi_of(sig, Some((true, r)));
        // Seed 000: a promoted pointer method reached through embedded
        // fields of a pointer receiver is a tail call.
        if r_is_ptr && ptr_recv && iface.is_none() && !sel.path.is_empty() {
            let steps = self.types.path_steps(r, &sel.path);
            let mut recv_path = vec![];
            for (off, through_ptr, _) in steps {
                recv_path.push(RecvStep::Offset(off as u32));
                if through_ptr {
                    recv_path.push(RecvStep::Load);
                }
            }
            let target = self.method_sym_declared(recv_named.unwrap(), index);
            self.prog.funcs.push(ir::Func { sym: sym.clone(), abi, kind: ir::FuncKind::TailWrapper { recv_path, target, nil_target: None }, pos: None });
            return Ok(sym);
        }
        // A value method reached through a pointer, when the value is one
        // integer word: load it over the pointer in the same register and
        // tail-jump; the other arguments already sit where the method wants
        // them.
        if r_is_ptr && !ptr_recv && iface.is_none() && sel.path.is_empty() {
            let n = self.types.pointer_elem(r).unwrap();
            let vabi = self.abi_of(sig, Some((true, n)));
            let one_word = self.types.size(n) == 8
                && matches!(vabi.call.steps_of(0), [st] if st.reg == 0 && matches!(st.kind, reflect::abi::StepKind::IntReg | reflect::abi::StepKind::Pointer));
            let same_rest = vabi.call.steps.len() == abi.call.steps.len()
                && vabi.call.steps.iter().zip(&abi.call.steps).skip(1).all(|(a, b)| a == b)
                && vabi.ret == abi.ret;
            if one_word && same_rest {
                let target = self.method_sym_declared(recv_named.unwrap(), index);
                let nil = format!("{sym}$nil");
                let mut fb = Fb::new(&nil);
                self.emit_panicwrap(&mut fb, n, name);
                let void = self.types.func(vec![], vec![], false);
                let vabi = self.abi_of(void, None);
                self.prog.funcs.push(ir::Func { sym: nil.clone(), abi: vabi, kind: ir::FuncKind::Code(fb.body), pos: None });
                self.prog.funcs.push(ir::Func {
                    sym: sym.clone(),
                    abi,
                    kind: ir::FuncKind::TailWrapper { recv_path: vec![RecvStep::Load], target, nil_target: Some(nil) },
                    pos: None,
                });
                return Ok(sym);
            }
        }
        // Every other wrapper calls.
        let s = self.types.sig(sig).cloned().unwrap();
        let mut fb = Fb::new(&sym);
        let rslot = fb.slot_typed(&mut self.types, r);
        fb.body.params.push(rslot);
        for &p in &s.params {
            let sl = fb.slot_typed(&mut self.types, p);
            fb.body.params.push(sl);
        }
        for &t in &s.results {
            let sl = fb.slot_typed(&mut self.types, t);
            fb.body.results.push(sl);
        }
        // A nil *T calling a value method of T: Go's panicwrap.
        if r_is_ptr && !ptr_recv && iface.is_none() && sel.path.is_empty() {
            let ok = fb.label();
            let nonnil = fb.slot_scalar(1, 1);
            fb.emit(Inst::Bin {
                op: ir::BinOp::Ne,
                ty: ir::Scalar::U64,
                dst: Addr::Slot(nonnil, 0),
                a: ir::Operand::Mem(Addr::Slot(rslot, 0)),
                b: ir::Operand::Imm(0),
            });
            fb.emit(Inst::JumpIf { cond: ir::Operand::Mem(Addr::Slot(nonnil, 0)), target: ok });
            let n = self.types.pointer_elem(r).unwrap();
            self.emit_panicwrap(&mut fb, n, name);
            fb.bind(ok);
        }
        Self::emit_wrapper_adjust(&mut fb);
        self.fns.push(fb);
        let recv_v = V { ty: r, kind: super::expr::VK::Mem { addr: Addr::Slot(rslot, 0), addressable: true } };
        let r2 = self.wrapper_call(recv_v, &sel, name, sig);
        let fb = self.fns.pop().unwrap();
        r2?;
        self.prog.funcs.push(ir::Func { sym: sym.clone(), abi, kind: ir::FuncKind::Code(fb.body), pos: None });
        Ok(sym)
    }

    /// Emits Go's `panicwrap` for value method `name` of `t` called through
    /// a nil `*t`: "value method main.T.M called using nil *T pointer".
    /// The start of a wrapper that calls a method (Go marks them as
    /// wrappers): deferred and run by a panic, it hands its `recover`
    /// rights to the method it calls. The runtime is asked only while the
    /// goroutine panics.
    pub(super) fn emit_wrapper_adjust(fb: &mut Fb) {
        let done = fb.label();
        let p = fb.slot_scalar(8, 8);
        fb.emit(Inst::Move { ty: ir::Scalar::U64, dst: Addr::Slot(p, 0), src: ir::Operand::Special(ir::Special::Panicking) });
        let none = fb.slot_scalar(1, 1);
        fb.emit(Inst::Bin { op: ir::BinOp::Eq, ty: ir::Scalar::U64, dst: Addr::Slot(none, 0), a: ir::Operand::Mem(Addr::Slot(p, 0)), b: ir::Operand::Imm(0) });
        fb.emit(Inst::JumpIf { cond: ir::Operand::Mem(Addr::Slot(none, 0)), target: done });
        fb.emit(Inst::CallRuntime {
            func: crate::runtime_abi::DEFER_WRAP,
            args: vec![
                (ir::Scalar::U64, ir::Operand::Special(ir::Special::ArgPointer)),
                (ir::Scalar::U64, ir::Operand::Special(ir::Special::CallArea)),
            ],
            rets: vec![],
        });
        fb.bind(done);
    }

    fn emit_panicwrap(&mut self, fb: &mut Fb, t: TypeId, name: &str) {
        let tn = self.types.name(t);
        let short = tn.split_once('.').map_or(tn.as_str(), |(_, n)| n);
        let msg = format!("value method {tn}.{name} called using nil *{short} pointer");
        let s = self.string_sym(msg.as_bytes());
        fb.emit(Inst::CallRuntime {
            func: crate::runtime_abi::PANIC_WRAP,
            args: vec![(ir::Scalar::U64, ir::Operand::SymAddr(s, 0)), (ir::Scalar::U64, ir::Operand::Imm(msg.len() as i64))],
            rets: vec![],
        });
        fb.emit(Inst::Ret);
    }

    /// Body of a calling wrapper: forwards the parameters to the method.
    fn wrapper_call(&mut self, recv: V, sel: &super::types::Selection, name: &str, sig: TypeId) -> Result<()> {
        let pos = crate::diag::Pos::new("<wrapper>".into(), 1, 1);
        let target = self.method_target_pub(recv, sel, name, &pos)?;
        let (callee, raddr, mode) = target;
        let params: Vec<Addr> = self.fb().body.params[1..].iter().map(|&p| Addr::Slot(p, 0)).collect();
        let results: Vec<Addr> = self.fb().body.results.iter().map(|&r| Addr::Slot(r, 0)).collect();
        let abi = self.abi_of(sig, Some(mode));
        let mut args = vec![raddr];
        args.extend(params);
        self.fb().emit(Inst::Call { callee, abi, args, results });
        self.fb().emit(Inst::Ret);
        Ok(())
    }

    /// Emits every queued descriptor.
    pub fn flush_queues(&mut self) -> Result<()> {
        while let Some(t) = self.desc_queue.pop() {
            self.emit_descriptor(t)?;
        }
        Ok(())
    }

    /// Whether the program imports package reflect (directly or through
    /// a library package): then it gets [`TYPELINKS`] and `*T` for each
    /// defined type.
    pub fn uses_reflect(&self) -> bool {
        self.packages.iter().any(|p| p.path == "reflect")
    }

    /// Emits [`LIBEXPORTS`] for the package being checked (main, compiled
    /// as a library). Called before the descriptor queue is flushed.
    pub fn emit_libexports(&mut self) -> Result<()> {
        let host = super::library::HOST_PACKAGE;
        let mut heads = vec![];
        for name in HOST_FUNCS {
            let sym = self.funcs.get(&Self::key_in(host, name)).map(|f| f.sym.clone());
            let Some(sym) = sym else {
                let pos = crate::diag::Pos::new(format!("{}{host}", super::library::FILE_PREFIX).into(), 1, 1);
                return Err(Diag::new(&pos, format!("internal error: {host}.{name} is missing")));
            };
            heads.push(self.static_closure(&sym));
        }
        let files = &self.files[self.pkg().files.clone()];
        let mut names: Vec<String> = files
            .iter()
            .flat_map(|f| &f.decls)
            .filter_map(|d| match d {
                ast::Decl::Func(fd) if fd.recv.is_none() && ast::is_exported(&fd.name.name) => Some(fd.name.name.clone()),
                _ => None,
            })
            .collect();
        names.sort();
        names.dedup();
        let mut records = vec![];
        for name in names {
            // (Absent when its declaration failed: then nothing is built.)
            let Some(f) = self.funcs.get(&self.key(&name)).cloned() else { continue };
            let desc = self.descriptor(f.sig);
            let clo = self.static_closure(&f.sym);
            let str_sym = self.string_sym(name.as_bytes());
            records.push((str_sym, name.len(), desc, clo));
        }
        let head = 8 * (HOST_FUNCS.len() + 1);
        let mut b = Blob::new(head + 32 * records.len());
        for (i, h) in heads.iter().enumerate() {
            b.sym(8 * i, h);
        }
        b.u64(8 * HOST_FUNCS.len(), records.len() as u64);
        for (i, (s, len, desc, clo)) in records.iter().enumerate() {
            let at = head + 32 * i;
            b.pair(at, Some(s), *len);
            b.sym(at + 16, desc);
            b.sym(at + 24, clo);
        }
        self.push_data(LIBEXPORTS, 8, b, true);
        Ok(())
    }

    /// Emits [`UNREACHABLE_TYPE`] (dead-code elimination drops it unless a
    /// method table needs it).
    pub fn emit_unreachable_type(&mut self) {
        self.push_data(UNREACHABLE_TYPE, 8, Blob::new(size_of::<rty::Type>()), true);
    }

    /// Emits [`TYPELINKS`]: the number of descriptors, then their
    /// addresses. Called once every descriptor exists.
    pub fn emit_typelinks(&mut self) {
        let descs: Vec<(TypeId, String)> = self.descs.iter().map(|(&t, s)| (t, s.clone())).collect();
        for (t, sym) in descs {
            let pt = self.types.pointer(t);
            if let Some(psym) = self.descs.get(&pt) {
                self.prog.ties.push((sym, psym.clone()));
            }
        }
        let mut syms: Vec<String> = self.descs.values().cloned().collect();
        syms.sort();
        let mut b = Blob::new(8 * (syms.len() + 1));
        b.u64(0, syms.len() as u64);
        for (i, s) in syms.iter().enumerate() {
            b.sym(8 * (i + 1), s);
        }
        self.push_data(TYPELINKS, 8, b, true);
    }

    /// Emits [`ITABLINKS`]: the number of static itabs, then their
    /// addresses. Called once every itab exists; whether there are any.
    pub fn emit_itablinks(&mut self) -> bool {
        if self.itabs.is_empty() {
            return false;
        }
        let mut syms: Vec<String> = self.itabs.values().cloned().collect();
        syms.sort();
        let mut b = Blob::new(8 * (syms.len() + 1));
        b.u64(0, syms.len() as u64);
        for (i, s) in syms.iter().enumerate() {
            b.sym(8 * (i + 1), s);
        }
        self.push_data(ITABLINKS, 8, b, true);
        true
    }

    /// Emits [`rt::GC_GLOBALS`]: per package-level variable that can hold
    /// pointers its address, its size in words up to its last pointer word
    /// and the bitmap of those words (layout `RGO_GCGLOBAL_*`; variables
    /// with the same bitmap share it). Returns the record count.
    pub fn emit_gc_globals(&mut self) -> usize {
        use rt_arch::bindings::amd64 as t;
        let globals = std::mem::take(&mut self.gc_globals);
        let rec = t::RGO_GCGLOBAL_SIZE as usize;
        let mut table = Blob::new(rec * globals.len().max(1));
        let mut bitmaps: HashMap<Vec<u8>, String> = HashMap::new();
        for (i, (sym, ty)) in globals.iter().enumerate() {
            let mask = self.types.ptr_mask(*ty);
            let words = mask.len();
            let bytes = mask.to_bytes(words);
            let bits = match bitmaps.get(&bytes) {
                Some(b) => b.clone(),
                None => {
                    let b = format!("{}.bits.{}", rt::GC_GLOBALS, bitmaps.len());
                    let mut blob = Blob::new(bytes.len());
                    blob.bytes.copy_from_slice(&bytes);
                    self.push_data(&b, 1, blob, true);
                    bitmaps.insert(bytes, b.clone());
                    b
                }
            };
            let at = i * rec;
            table.sym(at + t::RGO_GCGLOBAL_ADDR as usize, sym);
            table.u64(at + t::RGO_GCGLOBAL_WORDS as usize, words);
            table.sym(at + t::RGO_GCGLOBAL_BITMAP as usize, &bits);
        }
        self.push_data(rt::GC_GLOBALS, 8, table, true);
        globals.len()
    }

    /// The method set of `t` for descriptors: names and signatures, sorted.
    fn method_set(&mut self, t: TypeId) -> Vec<(String, TypeId)> {
        let mut names: Vec<String> = vec![];
        let mut stack = vec![t];
        let mut seen = vec![];
        while let Some(x) = stack.pop() {
            let base = match self.types.ty(x) {
                Ty::Pointer(e) => *e,
                _ => x,
            };
            if seen.contains(&base) {
                continue;
            }
            seen.push(base);
            if let Ty::Named(i) = self.types.ty(base) {
                for m in &self.types.named[*i as usize].methods {
                    names.push(m.name.clone());
                }
            }
            match self.types.under(base).clone() {
                Ty::Struct(fields) => {
                    for f in fields.iter().filter(|f| f.embedded) {
                        stack.push(f.typ);
                    }
                }
                Ty::Interface(ms) if base != t => names.extend(ms.iter().map(|m| m.name.clone())),
                _ => {}
            }
        }
        names.sort();
        names.dedup();
        let mut out = vec![];
        for n in names {
            let Some(sel) = self.types.lookup(t, &n) else { continue };
            let SelKind::Method { sig, ptr_recv, .. } = sel.kind else { continue };
            let is_ptr = matches!(self.types.ty(t), Ty::Pointer(_));
            if ptr_recv && !is_ptr && !self.types.path_steps(t, &sel.path).iter().any(|s| s.1) {
                continue;
            }
            if n.starts_with(|c: char| c.is_lowercase()) {
                // Unexported methods are still in the method set (same package).
            }
            out.push((n, sig));
        }
        out
    }

    fn emit_descriptor(&mut self, t: TypeId) -> Result<()> {
        let sym = self.descs[&t].clone();
        let name = self.types.name(t);
        let (size, align) = self.types.layout(t);
        let under = self.types.under(t).clone();
        let kind = match &under {
            Ty::Basic(b) => b.kind(),
            Ty::Pointer(_) => rty::Kind::Pointer,
            Ty::Slice(_) => rty::Kind::Slice,
            Ty::Array(..) => rty::Kind::Array,
            Ty::Map(..) => rty::Kind::Map,
            Ty::Chan(..) => rty::Kind::Chan,
            Ty::Struct(_) => rty::Kind::Struct,
            Ty::Func(_) => rty::Kind::Func,
            Ty::Interface(_) => rty::Kind::Interface,
            _ => rty::Kind::Invalid,
        };
        let hdr = size_of::<rty::Type>();
        let tail = match &under {
            Ty::Array(..) => size_of::<rty::ArrayType>(),
            Ty::Slice(_) => size_of::<rty::SliceType>(),
            Ty::Pointer(_) => size_of::<rty::PointerType>(),
            Ty::Map(..) => size_of::<rty::MapType>(),
            Ty::Chan(..) => size_of::<rty::ChanType>(),
            Ty::Struct(_) => size_of::<rty::StructType>(),
            Ty::Func(_) => size_of::<rty::FuncType>(),
            Ty::Interface(_) => size_of::<rty::InterfaceType>(),
            _ => hdr,
        };
        let mut b = Blob::new(tail);
        b.u64(offset_of!(rty::Type, size), size);
        let ptrdata = if self.types.has_pointers(t) { size } else { 0 };
        b.u64(offset_of!(rty::Type, ptrdata), ptrdata);
        b.u32(offset_of!(rty::Type, hash), rty::predeclared::type_hash(&name));
        b.u8(offset_of!(rty::Type, align), align as u8);
        b.u8(offset_of!(rty::Type, field_align), align as u8);
        b.u8(offset_of!(rty::Type, kind), kind as u8);
        // Descriptors are emitted outside in, and the name of `[]T`, `*T`
        // or `[N]T` ends with `T`'s: point into the enclosing type's name
        // rather than writing each one out (quadratic for deep nesting).
        let (name_sym, name_off) = match &self.last_type_string {
            Some((text, s)) if text.ends_with(name.as_str()) => (s.clone(), text.len() - name.len()),
            _ => {
                let s = self.string_sym(name.as_bytes());
                self.last_type_string = Some((name.clone(), s.clone()));
                (s, 0)
            }
        };
        b.sym_plus(offset_of!(rty::Type, string), &name_sym, name_off as i64);
        b.u64(offset_of!(rty::Type, string) + 8, name.len() as u64);
        let mut tflag = rty::TFlag::empty();
        if self.types.is_named(t) {
            tflag |= rty::TFlag::NAMED;
        }
        // Method table, and for a defined type its package (reflect's
        // PkgPath): an Uncommon record when either is there.
        let ms = if matches!(under, Ty::Interface(_)) { vec![] } else { self.method_set(t) };
        let defined_in = match self.types.ty(t) {
            Ty::Named(i) => {
                // Predeclared named types (`error`) have no package.
                ir::symbol_package(&self.types.named[*i as usize].sym).map(str::to_string)
            }
            _ => None,
        };
        // With reflect, `*T` exists for each defined type T, so that
        // PtrTo(T) has T's pointer methods even when the program never
        // writes `*T`.
        if defined_in.is_some() && !matches!(under, Ty::Interface(_)) && self.uses_reflect() {
            let p = self.types.pointer(t);
            self.descriptor(p);
        }
        if !ms.is_empty() || defined_in.is_some() {
            tflag |= rty::TFlag::UNCOMMON;
            let usym = format!("{sym}.uncommon");
            let msym = format!("{sym}.methods");
            if !ms.is_empty() {
                let msz = size_of::<rty::Method>();
                let mut mb = Blob::new(msz * ms.len());
                for (i, (mname, msig)) in ms.iter().enumerate() {
                    let o = i * msz;
                    let ns = self.string_sym(mname.as_bytes());
                    mb.pair(o + offset_of!(rty::Method, name), Some(&ns), mname.len());
                    let mt = self.descriptor(*msig);
                    mb.sym(o + offset_of!(rty::Method, mtyp), &mt);
                    let code = self.ifn(t, mname)?;
                    let clo = self.static_closure(&code);
                    mb.sym(o + offset_of!(rty::Method, ifn), &clo);
                    for (field, ty) in [(offset_of!(rty::Method, ifn), false), (offset_of!(rty::Method, mtyp), true)] {
                        self.prog.method_slots.push(ir::MethodSlot { table: msym.clone(), offset: (o + field) as u32, name: mname.clone(), ty });
                    }
                }
                self.push_data(&msym, 8, mb, true);
            }
            let mut ub = Blob::new(size_of::<rty::Uncommon>());
            // An unnamed type with methods (`*T`) is the program's.
            let path = defined_in.unwrap_or_else(|| "main".to_string());
            let ps = self.string_sym(path.as_bytes());
            ub.pair(offset_of!(rty::Uncommon, pkg_path), Some(&ps), path.len());
            ub.pair(offset_of!(rty::Uncommon, methods), (!ms.is_empty()).then_some(msym.as_str()), ms.len());
            self.push_data(&usym, 8, ub, true);
            b.sym(offset_of!(rty::Type, uncommon), &usym);
        }
        b.u8(offset_of!(rty::Type, tflag), tflag.bits());
        match under {
            Ty::Array(e, n) => {
                let es = self.descriptor(e);
                b.sym(offset_of!(rty::ArrayType, elem), &es);
                b.u64(offset_of!(rty::ArrayType, len), n);
            }
            Ty::Slice(e) => {
                let es = self.descriptor(e);
                b.sym(offset_of!(rty::SliceType, elem), &es);
            }
            Ty::Pointer(e) => {
                let es = self.descriptor(e);
                b.sym(offset_of!(rty::PointerType, elem), &es);
            }
            Ty::Map(k, v) => {
                let ks = self.descriptor(k);
                let vs = self.descriptor(v);
                b.sym(offset_of!(rty::MapType, key), &ks);
                b.sym(offset_of!(rty::MapType, elem), &vs);
            }
            Ty::Chan(d, e) => {
                let es = self.descriptor(e);
                b.sym(offset_of!(rty::ChanType, elem), &es);
                // The checker's 0 (both ways) is Go's BothDir, 3.
                b.u8(offset_of!(rty::ChanType, dir), if d == 0 { 3 } else { d });
            }
            Ty::Struct(fields) => {
                let offs = self.types.field_offsets(t);
                let fsz = size_of::<rty::StructField>();
                let fsym = format!("{sym}.fields");
                let mut fb = Blob::new((fsz * fields.len()).max(1));
                for (i, f) in fields.iter().enumerate() {
                    let o = i * fsz;
                    let ns = self.string_sym(f.name.as_bytes());
                    fb.pair(o + offset_of!(rty::StructField, name), Some(&ns), f.name.len());
                    let ft = self.descriptor(f.typ);
                    fb.sym(o + offset_of!(rty::StructField, typ), &ft);
                    fb.u64(o + offset_of!(rty::StructField, offset), offs[i]);
                    if !f.tag.is_empty() {
                        let ts = self.string_sym(f.tag.as_bytes());
                        fb.pair(o + offset_of!(rty::StructField, tag), Some(&ts), f.tag.len());
                    }
                    fb.u8(o + offset_of!(rty::StructField, embedded), f.embedded as u8);
                }
                self.push_data(&fsym, 8, fb, true);
                b.pair(offset_of!(rty::StructType, fields), Some(&fsym), fields.len());
                // The package of the unexported names (one per struct type).
                if let Some(pkg) = fields.iter().map(|f| &f.pkg).find(|p| !p.is_empty()) {
                    let ps = self.string_sym(pkg.as_bytes());
                    b.pair(offset_of!(rty::StructType, pkg_path), Some(&ps), pkg.len());
                }
            }
            Ty::Func(s) => {
                let ins = format!("{sym}.ins");
                let outs = format!("{sym}.outs");
                for (list, tys, off) in [(&ins, &s.params, offset_of!(rty::FuncType, ins)), (&outs, &s.results, offset_of!(rty::FuncType, outs))] {
                    let mut lb = Blob::new((8 * tys.len()).max(1));
                    for (i, &pt) in tys.iter().enumerate() {
                        let d = self.descriptor(pt);
                        lb.sym(8 * i, &d);
                    }
                    self.push_data(list, 8, lb, true);
                    b.pair(off, Some(list), tys.len());
                }
                b.u8(offset_of!(rty::FuncType, variadic), s.variadic as u8);
            }
            Ty::Interface(ms) => {
                let isz = size_of::<rty::InterfaceMethod>();
                let msym = format!("{sym}.imethods");
                let mut mb = Blob::new((isz * ms.len()).max(1));
                for (i, m) in ms.iter().enumerate() {
                    let o = i * isz;
                    let ns = self.string_sym(m.name.as_bytes());
                    mb.pair(o + offset_of!(rty::InterfaceMethod, name), Some(&ns), m.name.len());
                    let mt = self.descriptor(m.sig);
                    mb.sym(o + offset_of!(rty::InterfaceMethod, typ), &mt);
                }
                self.push_data(&msym, 8, mb, true);
                b.pair(offset_of!(rty::InterfaceType, methods), Some(&msym), ms.len());
            }
            _ => {}
        }
        self.push_data(&sym, 8, b, true);
        Ok(())
    }
}

/// The import path of the package that declared the named type whose
/// symbol is `sym` (`main.T`, `sync/atomic.Int32`, `main.T.7` for a local
/// type).
pub(super) fn package_of_sym(sym: &str) -> &str {
    ir::symbol_package(sym).unwrap_or(sym)
}
