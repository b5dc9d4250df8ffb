//! Calls (functions, closures, methods, interfaces), builtins, conversions,
//! composite literals, func literals, method values and expressions.

use super::facts::{Known, What};
use super::constant::Const;
use super::expr::{strip_parens, V, VK};
use super::func::{Fb, Local, VarRef};
use super::types::{basic_id, Basic, SelKind, Selection, Ty, TypeId};
use super::{Builtin, Checker};
use crate::diag::{Diag, Pos, Result};
use crate::ir::{self, Addr, BinOp, Callee, Inst, Operand, Scalar};
use crate::runtime_abi as rt;
use crate::syntax::ast::{self, Expr, ExprKind};
use crate::types::object::ObjId;

/// The largest variable kept in a stack frame (gc's limit for explicitly
/// declared variables); larger ones are allocated on the heap.
pub const MAX_STACK_VAR_SIZE: u64 = 10 << 20;

/// The largest temporary kept in a stack frame (gc's limit for implicit
/// variables: composite literals, conversions, receive buffers); larger
/// ones are allocated on the heap, so that a goroutine copying a big value
/// does not need a big stack.
pub const MAX_IMPLICIT_STACK_VAR_SIZE: u64 = 64 << 10;

/// Bytes of the frame buffer a conversion or string sum whose result stays
/// in the frame writes to when they fit (gc's `tmpBuf`).
pub const FRAME_BUFFER_SIZE: u32 = 32;

fn err<T>(pos: &Pos, msg: impl Into<String>) -> Result<T> {
    Err(Diag::new(pos, msg))
}

/// What a call expression calls.
enum Target {
    Direct(String),
    Closure(Operand),
    /// A method: callee, receiver argument address, receiver mode.
    Method { callee: Callee, recv: Addr, recv_mode: (bool, TypeId) },
}

impl Checker<'_> {
    /// The call `site` (its id, which escape analysis knows it by) of `fe`.
    pub fn call(&mut self, site: ast::ExprId, fe: &Expr, args: &[Expr], ellipsis: bool, pos: &Pos) -> Result<V> {
        // Method calls: x.M(...) without materializing a method value.
        if let ExprKind::Selector { x, sel } = &strip_parens(fe).kind {
            let is_pkg = matches!(&x.kind, ExprKind::Ident(p) if self.is_package(p));
            let xv = if is_pkg { V { ty: 0, kind: VK::Type } } else { self.expr(x, None)? };
            if !matches!(xv.kind, VK::Type) {
                let xv = self.single(xv, x)?;
                if let Some(s) = self.types.lookup(xv.ty, &sel.name).filter(|_| !self.hidden(xv.ty, &sel.name)) {
                    if let SelKind::Method { sig, .. } = s.kind {
                        let target = self.method_target(xv, &s, &sel.name, &sel.pos)?;
                        return self.finish_call(site, target, sig, args, ellipsis, pos, fe);
                    }
                }
                // A field of func type, or an error: fall through by
                // re-evaluating as an ordinary expression.
            }
        }
        let f = self.expr(fe, None)?;
        match &f.kind {
            VK::Type => return self.conversion(site, f.ty, args, pos),
            VK::Builtin(b) => return self.builtin_call(*b, args, ellipsis, pos),
            _ => {}
        }
        let f = self.single(f, fe)?;
        if self.types.sig(f.ty).is_none() {
            if matches!(&strip_parens(fe).kind, ExprKind::Selector { sel, .. } if self.bad_methods.contains(&sel.name)) {
                return Err(Diag::reported());
            }
            return err(pos, format!("invalid operation: cannot call non-function {} (variable of type {})", self.describe_expr(fe), self.types.name(f.ty)));
        }
        let target = match &f.kind {
            VK::Func(sym) => Target::Direct(sym.clone()),
            _ => {
                let a = self.to_addr(&f);
                Target::Closure(Operand::Mem(a))
            }
        };
        self.finish_call(site, target, f.ty, args, ellipsis, pos, fe)
    }

    /// A call of a built-in or intrinsic library function. As for other
    /// functions, `f(g())` with a multi-value `g` passes g's results as the
    /// arguments (`copy(f())`, `complex(f())`, `fmt.Sprintf(f())`).
    fn builtin_call(&mut self, b: Builtin, args: &[Expr], ellipsis: bool, pos: &Pos) -> Result<V> {
        use super::stdlib::LibFn::{UnsafeAlignof, UnsafeOffsetof, UnsafeSizeof};
        let takes_values = !matches!(b, Builtin::New | Builtin::Make | Builtin::ArgP | Builtin::RecoverAt | Builtin::Lib(UnsafeSizeof | UnsafeAlignof | UnsafeOffsetof));
        let [arg] = args else { return self.builtin(b, args, ellipsis, pos) };
        if !takes_values || !matches!(strip_parens(arg).kind, ExprKind::Call { .. }) {
            return self.builtin(b, args, ellipsis, pos);
        }
        let v = self.expr(arg, None)?;
        if let VK::Tuple(addrs) = &v.kind {
            // Name each result by a synthetic local and pass the names.
            let Ty::Tuple(ts) = self.types.ty(v.ty).clone() else { unreachable!() };
            let mut spread = vec![];
            for (a, t) in addrs.iter().zip(ts) {
                spread.push(self.synthetic_local(a, t, "$result", &arg.pos));
            }
            return self.builtin(b, &spread, ellipsis, pos);
        }
        let saved = self.pre_evaluated.replace((arg as *const Expr as usize, v));
        let r = self.builtin(b, args, ellipsis, pos);
        self.pre_evaluated = saved;
        r
    }

    /// An identifier for the value of type `t` at `a` (copied to a slot of
    /// its own unless it is one), as [`Checker::synthetic_name`] declares.
    pub(super) fn synthetic_local(&mut self, a: &Addr, t: TypeId, prefix: &str, pos: &Pos) -> Expr {
        let slot = match a {
            Addr::Slot(s, 0) => *s,
            _ => {
                let Addr::Slot(s, _) = self.temp(t) else { unreachable!("a temporary is a slot") };
                self.copy(&Addr::Slot(s, 0), a, t);
                s
            }
        };
        self.synthetic_name(slot, t, prefix, pos)
    }

    /// An identifier for frame slot `slot` of type `t`, declared as a
    /// local named `prefix` and a number (no program can name it).
    fn synthetic_name(&mut self, slot: ir::SlotId, t: TypeId, prefix: &str, pos: &Pos) -> Expr {
        let name = format!("{prefix}{}", self.new_var_id());
        let id = self.new_var_id();
        self.fb().declare(&name, super::func::Local::Var { id, var: VarRef::Slot(slot), ty: t });
        Expr { id: ast::SYNTHETIC, pos: pos.clone(), kind: ExprKind::Ident(ast::Ident { name, pos: pos.clone(), id: ast::SYNTHETIC }) }
    }

    /// Bytes of the argument and result area of a function of signature
    /// `sig_t` (with receiver type `recv`), each value 8-aligned, as gc
    /// counts it for its frame limit.
    pub(super) fn arg_area(&mut self, recv: Option<TypeId>, sig_t: TypeId) -> u64 {
        let Some(sig) = self.types.sig(sig_t).cloned() else { return 0 };
        let vals = recv.into_iter().chain(sig.params).chain(sig.results);
        vals.map(|t| crate::isa::frame::align_up(self.types.size(t), 8)).sum()
    }

    /// Evaluates arguments, emits the call, returns its results.
    #[allow(clippy::too_many_arguments)]
    fn finish_call(&mut self, site: ast::ExprId, target: Target, sig_t: TypeId, args: &[Expr], ellipsis: bool, pos: &Pos, fe: &Expr) -> Result<V> {
        let sig = self.types.sig(sig_t).cloned().unwrap();
        let keepalive = match &target {
            Target::Direct(s) | Target::Method { callee: Callee::Direct(s), .. } => self.uintptr_keepalive.contains(s),
            _ => false,
        };
        let unsafe_args = if keepalive { self.unsafe_uintptr_args(args) } else { vec![] };
        let argv = self.call_args(site, &sig, args, ellipsis, pos, fe)?;
        let keep = self.pointer_copies(&sig, &argv, ellipsis, &unsafe_args);
        let (callee, recv, recv_mode) = match target {
            Target::Direct(s) => (Callee::Direct(s), None, None),
            Target::Closure(o) => (Callee::Closure(o), None, None),
            Target::Method { callee, recv, recv_mode } => (callee, Some(recv), Some(recv_mode)),
        };
        let variant = if keepalive { None } else { self.result_frame_call(site, &callee, pos) };
        let abi = self.abi_of(sig_t, recv_mode);
        let area = self.arg_area(recv_mode.map(|(_, t)| t), sig_t);
        let fb = self.fb();
        fb.gc_callee = fb.gc_callee.max(area);
        let mut addrs: Vec<Addr> = recv.into_iter().collect();
        addrs.extend(argv);
        let results: Vec<Addr> = sig.results.iter().map(|&t| self.temp(t)).collect();
        if let Some((sym, layout)) = variant {
            self.emit_result_frame_call(sym, &layout, sig_t, recv_mode, addrs, results.clone());
        } else if !self.inline_intrinsic(&callee, &addrs, &results) {
            self.fb().emit(Inst::Call { callee, abi, args: addrs, results: results.clone() });
        }
        self.keep_alive_after_call(&keep);
        Ok(match sig.results.len() {
            0 => V { ty: 0, kind: VK::Void },
            1 => V::mem(sig.results[0], results[0].clone()),
            _ => {
                let t = self.types.tuple(sig.results.clone());
                V { ty: t, kind: VK::Tuple(results) }
            }
        })
    }

    /// `a` as the conversion `uintptr(p)` of an `unsafe.Pointer` `p`: the
    /// conversion's function expression and `p`.
    pub(in crate::check) fn uintptr_of_pointer<'e>(&mut self, a: &'e Expr) -> Option<(&'e Expr, &'e Expr)> {
        let ExprKind::Call { func, args: inner, ellipsis: false, .. } = &strip_parens(a).kind else { return None };
        let [p] = inner.as_slice() else { return None };
        let is_uintptr = matches!(&strip_parens(func).kind, ExprKind::Ident(id) if id.name == "uintptr")
            && self.known(func).is_ok_and(|k| matches!(k.what, What::Type) && k.ty == basic_id(Basic::Uintptr));
        let of_pointer = is_uintptr && self.known(p).is_ok_and(|k| k.ty == basic_id(Basic::UnsafePointer));
        of_pointer.then_some((&**func, p))
    }

    /// The indices of a call's `uintptr(p)` arguments (`p` an
    /// `unsafe.Pointer`).
    fn unsafe_uintptr_args(&mut self, args: &[Expr]) -> Vec<usize> {
        (0..args.len()).filter(|&i| self.uintptr_of_pointer(&args[i]).is_some()).collect()
    }

    /// Copies of the arguments `which` (indices into the call's argument
    /// list; `argv` as [`Self::call_args`] made it, variadic ones packed in
    /// its last slice) into pointer slots, which the collector follows.
    fn pointer_copies(&mut self, sig: &super::types::Sig, argv: &[Addr], ellipsis: bool, which: &[usize]) -> Vec<ir::SlotId> {
        let packed = sig.variadic && !ellipsis;
        let first_extra = sig.params.len().saturating_sub(1);
        let mut keep = vec![];
        for &i in which {
            let src = if packed && i >= first_extra {
                // Element i - first_extra of the packed slice's array.
                let Some(slice) = argv.get(first_extra) else { continue };
                let data = self.load_ptr(slice);
                Addr::Deref(data, 8 * (i - first_extra) as i32)
            } else {
                let Some(a) = argv.get(i) else { continue };
                a.clone()
            };
            let p = self.fb().slot_ptr();
            self.fb().emit(Inst::Move { ty: Scalar::U64, dst: Addr::Slot(p, 0), src: Operand::Mem(src) });
            keep.push(p);
        }
        keep
    }

    /// Reads each slot of `keep` after a call, so that the collector keeps
    /// what it points to alive while the call runs.
    fn keep_alive_after_call(&mut self, keep: &[ir::SlotId]) {
        for &s in keep {
            let sink = self.fb().slot_scalar(8, 8);
            self.fb().emit(Inst::Move { ty: Scalar::U64, dst: Addr::Slot(sink, 0), src: Operand::Mem(Addr::Slot(s, 0)) });
        }
    }

    /// Evaluates call arguments into addresses matching `sig.params`
    /// (packing variadic arguments into a slice, whose array is in the
    /// frame if escape analysis says so of the call `site`).
    fn call_args(&mut self, site: ast::ExprId, sig: &super::types::Sig, args: &[Expr], ellipsis: bool, pos: &Pos, fe: &Expr) -> Result<Vec<Addr>> {
        let name = self.describe_expr(fe);
        // f(g()) with a multi-value g.
        let mut vals: Vec<(V, Pos, Option<ast::ExprId>)> = vec![];
        // The type an argument is assigned to (for untyped shifts).
        let param_t = |this: &Self, i: usize| match sig.params.get(i) {
            Some(&t) if sig.variadic && !ellipsis && i + 1 >= sig.params.len() => match this.types.under(t) {
                Ty::Slice(et) => Some(*et),
                _ => None,
            },
            Some(&t) => Some(t),
            None if sig.variadic && !ellipsis => sig.params.last().and_then(|&t| match this.types.under(t) {
                Ty::Slice(et) => Some(*et),
                _ => None,
            }),
            None => None,
        };
        // The analysis sees `f(g())`'s results packed on the heap.
        let mut site = Some(site);
        if args.len() == 1 && (sig.params.len() > 1 || sig.variadic) {
            let v = self.expr(&args[0], param_t(self, 0))?;
            if let VK::Tuple(addrs) = &v.kind {
                site = None;
                let Ty::Tuple(ts) = self.types.ty(v.ty).clone() else { unreachable!() };
                for (a, t) in addrs.iter().zip(ts) {
                    vals.push((V::mem(t, a.clone()), args[0].pos.clone(), None));
                }
            } else {
                let v = self.single(v, &args[0])?;
                vals.push((v, args[0].pos.clone(), Some(args[0].id)));
            }
        } else {
            for (i, a) in args.iter().enumerate() {
                let hint = param_t(self, i);
                let v = self.expr(a, hint)?;
                let v = self.single(v, a)?;
                // gc keeps a call's results passed on as an argument in its
                // frame (`g(h(), h())`).
                if matches!(strip_parens(a).kind, ExprKind::Call { .. }) && matches!(v.kind, VK::Mem { .. }) {
                    let n = self.types.size(v.ty);
                    self.fb().gc_locals += n;
                }
                vals.push((v, a.pos.clone(), Some(a.id)));
            }
        }
        let np = sig.params.len();
        let mut out = vec![];
        if sig.variadic && !ellipsis {
            if vals.len() < np - 1 {
                return err(pos, format!("not enough arguments in call to {name}"));
            }
            for (i, (v, p, id)) in vals.iter().take(np - 1).enumerate() {
                let v = self.convert_to_at(v.clone(), sig.params[i], p, "argument", *id)?;
                out.push(self.to_addr(&v));
            }
            let st = sig.params[np - 1];
            let Ty::Slice(et) = self.types.under(st).clone() else { unreachable!() };
            let extra: Vec<(V, Pos, Option<ast::ExprId>)> = vals[np - 1..].to_vec();
            let mut conv = vec![];
            for (v, p, id) in extra {
                conv.push(self.convert_to_at(v, et, &p, "argument", id)?);
            }
            let s = self.make_slice_at(site, st, et, &conv);
            out.push(s);
            return Ok(out);
        }
        if ellipsis && !sig.variadic {
            return err(pos, format!("have (...) in call to non-variadic {name}"));
        }
        if vals.len() != np {
            let msg = if vals.len() < np { "not enough" } else { "too many" };
            return err(pos, format!("{msg} arguments in call to {name}"));
        }
        for (i, (v, p, id)) in vals.into_iter().enumerate() {
            let v = self.convert_to_at(v, sig.params[i], &p, "argument", id)?;
            out.push(self.to_addr(&v));
        }
        Ok(out)
    }

    /// A new slice of type `st` holding `vals`: its array in the frame if
    /// escape analysis lets the allocation `site` live there, else on the
    /// heap.
    pub fn make_slice_at(&mut self, site: Option<ast::ExprId>, st: TypeId, et: TypeId, vals: &[V]) -> Addr {
        let dst = self.temp(st);
        if vals.is_empty() {
            self.fb().emit(Inst::Zero { dst: dst.clone(), size: 24 });
            return dst;
        }
        let at = self.types.array(et, vals.len() as u64);
        // Every element is stored below: no zeroing needed.
        let p = match site {
            Some(site) => self.alloc_at(site, at, false),
            None => self.alloc(at),
        };
        let ps = self.load_ptr(&p);
        let es = self.types.size(et) as i32;
        for (i, v) in vals.iter().enumerate() {
            self.store(&Addr::Deref(ps, i as i32 * es), v, et);
        }
        self.fb().emit(Inst::Move { ty: Scalar::U64, dst: dst.clone(), src: Operand::Mem(Addr::Slot(ps, 0)) });
        self.fb().emit(Inst::Move { ty: Scalar::I64, dst: dst.offset(8), src: Operand::Imm(vals.len() as i64) });
        self.fb().emit(Inst::Move { ty: Scalar::I64, dst: dst.offset(16), src: Operand::Imm(vals.len() as i64) });
        dst
    }

    /// Resolves `x.M` for a call: a static method (receiver by type) or an
    /// interface method (receiver as one word, code from the itab).
    fn method_target(&mut self, xv: V, s: &Selection, name: &str, pos: &Pos) -> Result<Target> {
        let SelKind::Method { recv_named, iface, index, ptr_recv, .. } = s.kind else { unreachable!() };
        let (base, _) = self.walk_path(&xv, &s.path)?;
        if iface.is_some() {
            // Interface method: receiver is the data word.
            let a = self.to_addr(&base);
            let tab = self.load_ptr(&a);
            let code = Operand::Mem(Addr::Deref(tab, 16 + 8 * index as i32));
            let calls = &mut self.fb().body.iface_calls;
            if !calls.iter().any(|c| c == name) {
                calls.push(name.to_string());
            }
            return Ok(Target::Method { callee: Callee::Indirect(code), recv: a.offset(8), recv_mode: (false, self.types.empty_iface) });
        }
        let ni = recv_named.unwrap();
        let named_t = self.named_type_id(ni);
        let sym = self.method_sym_declared(ni, index);
        let base_is_ptr = self.types.pointer_elem(base.ty).is_some() && !matches!(self.types.ty(base.ty), Ty::Named(_));
        if ptr_recv {
            let pt = self.types.pointer(named_t);
            let recv = if base_is_ptr {
                self.to_addr(&base)
            } else {
                let VK::Mem { addr, addressable: true } = &base.kind else {
                    return err(pos, format!("cannot call pointer method {name} on {}", self.types.name(base.ty)));
                };
                if let Addr::Deref(p, _) = addr {
                    // &p.f through a nil p must panic here, not in the method.
                    self.nil_check(*p);
                }
                let d = self.temp(pt);
                self.fb().emit(Inst::AddrOf { dst: d.clone(), src: addr.clone() });
                d
            };
            Ok(Target::Method { callee: Callee::Direct(sym), recv, recv_mode: (true, pt) })
        } else {
            let recv = if base_is_ptr {
                let a = self.to_addr(&base);
                let p = self.load_ptr(&a);
                // The copy of a zero-sized receiver reads nothing.
                self.nil_check(p);
                Addr::Deref(p, 0)
            } else {
                self.to_addr(&base)
            };
            Ok(Target::Method { callee: Callee::Direct(sym), recv, recv_mode: (true, named_t) })
        }
    }

    /// [`Checker::method_target`] for wrappers: callee, receiver address and
    /// receiver mode.
    pub fn method_target_pub(&mut self, xv: V, s: &Selection, name: &str, pos: &Pos) -> Result<(Callee, Addr, (bool, TypeId))> {
        match self.method_target(xv, s, name, pos)? {
            Target::Method { callee, recv, recv_mode } => Ok((callee, recv, recv_mode)),
            _ => unreachable!("method targets are methods"),
        }
    }

    pub fn named_type_id(&self, ni: u32) -> TypeId {
        self.types.named[ni as usize].id
    }

    /// `x.M` as a value: a closure binding the receiver.
    /// The type of a method value's closure object: `struct { code, icode
    /// unsafe.Pointer; recv R; pad [8 - size(R)]byte }` (the padding only
    /// for receivers smaller than a word, which the object stores as one).
    fn method_value_ctx_type(&mut self, recv_t: TypeId, rsize: u64) -> TypeId {
        let ptr = basic_id(Basic::UnsafePointer);
        let f = |name: &str, typ| super::types::FieldT::plain(name, typ, "runtime");
        let mut fields = vec![f("code", ptr), f("icode", ptr), f("recv", recv_t)];
        if rsize < 8 {
            let pad = self.types.array(basic_id(Basic::Uint8), 8 - rsize);
            fields.push(f("pad", pad));
        }
        self.types.intern(Ty::Struct(fields))
    }

    pub fn method_value(&mut self, xv: V, name: &str, s: Selection, pos: &Pos) -> Result<V> {
        let SelKind::Method { sig, iface, .. } = s.kind else { unreachable!() };
        let target = self.method_target(xv, &s, name, pos)?;
        let Target::Method { callee, recv, recv_mode } = target else { unreachable!() };
        let recv_t = if iface.is_some() { basic_id(Basic::UnsafePointer) } else { recv_mode.1 };
        // For interface methods the closure keeps the itab entry's code
        // address too.
        let rsize = self.types.size(recv_t) as i32;
        // The closure object: the wrapper's code, the itab entry's, then
        // the receiver, typed so the collector finds the receiver's
        // pointers (code words are no heap pointers: it ignores them).
        let ctx_t = self.method_value_ctx_type(recv_t, rsize as u64);
        let p = self.alloc(ctx_t);
        let ps = self.load_ptr(&p);
        let wrapper = self.bound_wrapper(sig, recv_mode, &callee, name);
        self.fb().emit(Inst::Move { ty: Scalar::U64, dst: Addr::Deref(ps, 0), src: Operand::SymAddr(wrapper, 0) });
        if let Callee::Indirect(code) = &callee {
            self.fb().emit(Inst::Move { ty: Scalar::U64, dst: Addr::Deref(ps, 8), src: code.clone() });
        }
        self.copy(&Addr::Deref(ps, 16), &recv, recv_t);
        Ok(V::mem(sig, Addr::Slot(ps, 0)))
    }

    /// The code of a bound method value: reads the receiver from the
    /// closure context and calls the method with the forwarded arguments.
    fn bound_wrapper(&mut self, sig: TypeId, recv_mode: (bool, TypeId), callee: &Callee, name: &str) -> String {
        let tag = match callee {
            Callee::Direct(s) => s.clone(),
            _ => format!("iface.{}.{}", sig, name),
        };
        let sym = format!("{tag}-fm");
        let sym = sym.replace('-', "$");
        if !self.emitted.insert(sym.clone()) {
            return sym;
        }
        let s = self.types.sig(sig).cloned().unwrap();
        let abi = self.abi_of(sig, None);
        let mabi = self.abi_of(sig, Some(recv_mode));
        let mut fb = Fb::new(&sym);
        let ctx = fb.slot_ptr();
        fb.body.ctx = Some(ctx);
        for &p in &s.params {
            let sl = fb.slot_typed(&mut self.types, p);
            fb.body.params.push(sl);
        }
        for &r in &s.results {
            let sl = fb.slot_typed(&mut self.types, r);
            fb.body.results.push(sl);
        }
        let call_callee = match callee {
            Callee::Direct(s) => Callee::Direct(s.clone()),
            _ => Callee::Indirect(Operand::Mem(Addr::Deref(ctx, 8))),
        };
        Self::emit_wrapper_adjust(&mut fb);
        let mut args = vec![Addr::Deref(ctx, 16)];
        args.extend(fb.body.params.iter().map(|&p| Addr::Slot(p, 0)));
        let results = fb.body.results.iter().map(|&r| Addr::Slot(r, 0)).collect();
        fb.emit(Inst::Call { callee: call_callee, abi: mabi, args, results });
        fb.emit(Inst::Ret);
        self.prog.funcs.push(ir::Func { sym: sym.clone(), abi, kind: ir::FuncKind::Code(fb.body), pos: None });
        sym
    }

    /// `T.M` / `(*T).M`: a func value taking the receiver first.
    pub fn method_expr(&mut self, t: TypeId, sel: &ast::Ident, pos: &Pos) -> Result<V> {
        let Some(s) = self.types.lookup(t, &sel.name).filter(|_| !self.hidden(t, &sel.name)) else {
            if let Some(d) = self.unsupported_library_method(t, sel) {
                return Err(d);
            }
            return err(&sel.pos, format!("{}.{} undefined (type {} has no method {})", self.types.name(t), sel.name, self.types.name(t), sel.name));
        };
        let SelKind::Method { sig, ptr_recv, .. } = s.kind else {
            return err(&sel.pos, format!("{}.{} undefined (type {} has no method {})", self.types.name(t), sel.name, self.types.name(t), sel.name));
        };
        let is_ptr = self.types.pointer_elem(t).is_some() && !matches!(self.types.ty(t), Ty::Named(_));
        if ptr_recv && !is_ptr && !self.types.path_steps(t, &s.path).iter().any(|x| x.1) {
            return err(pos, format!("invalid method expression {}.{} (needs pointer receiver (*{}).{})", self.types.name(t), sel.name, self.types.name(t), sel.name));
        }
        let msig = self.types.sig(sig).cloned().unwrap();
        let mut params = vec![t];
        params.extend(msig.params.iter().copied());
        let ft = self.types.func(params, msig.results.clone(), msig.variadic);
        let sym = self.method_entry(t, &sel.name)?;
        Ok(V { ty: ft, kind: VK::Func(sym) })
    }

    // ----- conversions -----

    /// The conversion `site` (the call's id, which escape analysis knows
    /// the conversion's new object by) of `args` to `t`.
    fn conversion(&mut self, site: ast::ExprId, t: TypeId, args: &[Expr], pos: &Pos) -> Result<V> {
        if args.len() != 1 {
            return err(pos, format!("{} arguments in conversion to {}", if args.is_empty() { "missing" } else { "too many" }, self.types.name(t)));
        }
        let view = self.string_view.take() == Some(args.as_ptr() as usize);
        let v = self.expr(&args[0], Some(t))?;
        let v = self.single(v, &args[0])?;
        if view && !matches!(v.kind, VK::Const(_)) && self.types.basic(t).is_some_and(|b| b.is_string()) {
            if let Ty::Slice(e) = self.types.under(v.ty) {
                if self.types.basic(*e) == Some(Basic::Uint8) {
                    // The bytes themselves, not a copy: the string is read
                    // at once and kept nowhere.
                    let a = self.to_addr(&v);
                    let dst = self.temp(t);
                    self.fb().emit(Inst::Move { ty: Scalar::U64, dst: dst.clone(), src: Operand::Mem(a.clone()) });
                    self.fb().emit(Inst::Move { ty: Scalar::I64, dst: dst.offset(8), src: Operand::Mem(a.offset(8)) });
                    return Ok(V { ty: t, kind: VK::Mem { addr: dst, addressable: false } });
                }
            }
        }
        let mut r = self.convert_explicit(site, v, t, &args[0].pos, &args[0])?;
        // A conversion is a value, never a variable.
        if let VK::Mem { addressable, .. } = &mut r.kind {
            *addressable = false;
        }
        Ok(r)
    }

    /// Whether values of `t` may not live in Go's heap (`//go:notinheap`):
    /// a marked type, one defined from it, or an array or struct holding one.
    fn not_in_heap(&self, t: TypeId) -> bool {
        if self.notinheap.is_empty() {
            return false;
        }
        let mut work = vec![t];
        while let Some(t) = work.pop() {
            if self.notinheap.contains(&t) {
                return true;
            }
            match self.types.ty(t) {
                Ty::Named(_) => work.push(self.types.underlying(t)),
                Ty::Array(e, _) => work.push(*e),
                Ty::Struct(fs) => work.extend(fs.iter().map(|f| f.typ)),
                _ => {}
            }
        }
        false
    }

    pub fn convert_explicit(&mut self, site: ast::ExprId, v: V, t: TypeId, pos: &Pos, e: &Expr) -> Result<V> {
        let from = v.ty;
        let (fb_, tb) = (self.types.basic(from), self.types.basic(t));
        // Constant conversions stay constant.
        if let (VK::Const(c), Some(tbb)) = (&v.kind, tb) {
            if tbb.is_string() && fb_.is_some_and(|b| b.is_integer()) {
                let n = c.as_int().unwrap_or(-1);
                let ch = u32::try_from(n).ok().and_then(char::from_u32).unwrap_or('\u{FFFD}');
                let mut buf = [0u8; 4];
                return Ok(V { ty: t, kind: VK::Const(Const::String(ch.encode_utf8(&mut buf).as_bytes().to_vec())) });
            }
            if tbb.is_numeric() && fb_.is_some_and(|b| b.is_numeric()) {
                let c2 = match (c, tbb.is_integer()) {
                    (Const::Float(f), true) if !self.types.is_untyped(from) => Const::Int(f.trunc() as i128),
                    _ => c.clone(),
                };
                let r = self.convert_const(&c2, t, pos).map_err(|d| {
                    if d.msg.contains("truncated") {
                        Diag::new(pos, format!("cannot convert {} (untyped float constant) to type {} (truncated)", c.describe(), self.types.name(t)))
                    } else {
                        Diag::new(pos, format!("cannot convert {} (untyped {} constant) to type {}", c.describe(), "int", self.types.name(t)))
                            .with_overflow(&d)
                    }
                })?;
                return Ok(V { ty: t, kind: VK::Const(r) });
            }
            if (tbb.is_string() && fb_.is_some_and(|b| b.is_string())) || (tbb.is_bool() && fb_.is_some_and(|b| b.is_bool())) {
                return Ok(V { ty: t, kind: VK::Const(c.clone()) });
            }
        }
        match self.convert_to_at(v.clone(), t, pos, "conversion", Some(e.id)) {
            Ok(v2) => return Ok(V { ty: t, kind: v2.kind }),
            // A type of an intrinsic package lacking a method of Go's.
            Err(d) if d.is_unsupported() => return Err(d),
            Err(_) => {}
        }
        let v = if self.types.is_untyped(from) {
            let dt = self.default_type(from, pos)?;
            self.convert_to(v, dt, pos, "conversion")?
        } else {
            v
        };
        let from = v.ty;
        let (fu, tu) = (self.types.underlying(from), self.types.underlying(t));
        // Struct tags do not matter to conversions (Go 1.8).
        if fu == tu || self.types.without_tags(fu) == self.types.without_tags(tu) {
            return Ok(V { ty: t, kind: v.kind });
        }
        // unsafe.Pointer to and from any pointer and uintptr.
        let up = basic_id(Basic::UnsafePointer);
        let is_ptr = |this: &Self, t: TypeId| matches!(this.types.under(t), Ty::Pointer(_));
        let is_uintptr = |this: &Self, t: TypeId| this.types.basic(t) == Some(Basic::Uintptr);
        if (tu == up && (is_ptr(self, fu) || is_uintptr(self, fu))) || (fu == up && (is_ptr(self, tu) || is_uintptr(self, tu))) {
            // `unsafe.Pointer(uintptr(1))` is no constant.
            if let VK::Const(c) = &v.kind {
                let a = self.temp(t);
                self.store_const(&a, c, from);
                return Ok(V::mem(t, a));
            }
            if tu == up && is_uintptr(self, fu) {
                // A uintptr made a pointer again (`unsafe.Pointer(v.Pointer())`)
                // goes into a pointer slot at once, so the collector keeps
                // what it points to alive while the rest of the expression
                // runs (issue15329).
                let a = self.temp(t);
                self.store(&a, &v, t);
                return Ok(V::mem(t, a));
            }
            return Ok(V { ty: t, kind: v.kind });
        }
        // Slice to array pointer (Go 1.17): panics when the slice is short.
        if let (Ty::Slice(se), Ty::Pointer(p)) = (self.types.ty(fu).clone(), self.types.ty(tu).clone()) {
            if let Ty::Array(ae, n) = self.types.under(p).clone() {
                if ae == se {
                    let a = self.to_addr(&v);
                    let ok = Addr::Slot(self.fb().slot_scalar(1, 1), 0);
                    let good = self.fb().label();
                    self.fb().emit(Inst::Bin { op: BinOp::Ge, ty: Scalar::I64, dst: ok.clone(), a: Operand::Mem(a.offset(8)), b: Operand::Imm(n as i64) });
                    self.fb().emit(Inst::JumpIf { cond: Operand::Mem(ok), target: good });
                    self.fb().emit(Inst::CallRuntime {
                        func: rt::PANIC_SLICE_CONVERT,
                        args: vec![(Scalar::I64, Operand::Mem(a.offset(8))), (Scalar::I64, Operand::Imm(n as i64))],
                        rets: vec![],
                    });
                    self.fb().bind(good);
                    return Ok(V::mem(t, a));
                }
            }
        }
        // Pointers to identical underlying base types.
        if let (Ty::Pointer(a), Ty::Pointer(b)) = (self.types.ty(fu).clone(), self.types.ty(tu).clone()) {
            if self.not_in_heap(b) && !self.not_in_heap(a) {
                let (na, nb) = (self.types.name(a), self.types.name(b));
                return err(pos, format!("cannot convert {} (value of type {}) to type {}: {nb} is incomplete (or unallocatable), but {na} is not", self.describe_expr(e), self.types.name(from), self.types.name(t)));
            }
            let (ua, ub) = (self.types.underlying(a), self.types.underlying(b));
            if ua == ub || self.types.without_tags(ua) == self.types.without_tags(ub) {
                return Ok(V { ty: t, kind: v.kind });
            }
        }
        let (fb_, tb) = (self.types.basic(from), self.types.basic(t));
        if let (Some(a), Some(b)) = (fb_, tb) {
            // A complex value converts only to a complex type (constants
            // were converted before, by value).
            if a.is_numeric() && b.is_numeric() && (a.is_complex() == b.is_complex() || a.is_untyped()) {
                return Ok(self.numeric_convert(v, t));
            }
            if a.is_integer() && b.is_string() {
                let iv = self.to_int(v)?;
                let o = self.operand(&iv);
                let dst = self.temp(t);
                let rets = vec![(Scalar::U64, dst.clone()), (Scalar::U64, dst.offset(8))];
                // Its bytes in the frame when the string does not escape.
                if self.fb().stack_allocs.contains(&site) {
                    let buf = self.fb().slot_scalar(4, 1);
                    let p = self.slot_address(buf);
                    let args = vec![(Scalar::I64, o), (Scalar::U64, Operand::Mem(p))];
                    self.fb().emit(Inst::CallRuntime { func: rt::STRING_FROM_RUNE_INTO, args, rets });
                } else {
                    self.fb().emit(Inst::CallRuntime { func: rt::STRING_FROM_RUNE, args: vec![(Scalar::I64, o)], rets });
                }
                return Ok(V::mem(t, dst));
            }
        }
        let elem_basic = |this: &Self, st: TypeId| match this.types.under(st) {
            Ty::Slice(e) => this.types.basic(*e),
            _ => None,
        };
        if tb.is_some_and(|b| b.is_string()) {
            if let Some(eb) = elem_basic(self, from) {
                let func = match eb {
                    Basic::Uint8 => rt::STRING_FROM_BYTES,
                    Basic::Int32 => rt::STRING_FROM_RUNES,
                    _ => return err(pos, format!("cannot convert {} (variable of type {}) to type {}", self.describe_expr(e), self.types.name(from), self.types.name(t))),
                };
                let a = self.to_addr(&v);
                let dst = self.temp(t);
                let mut args = vec![(Scalar::U64, Operand::Mem(a.clone())), (Scalar::I64, Operand::Mem(a.offset(8)))];
                let rets = vec![(Scalar::U64, dst.clone()), (Scalar::U64, dst.offset(8))];
                // Its bytes in the frame when the string does not escape.
                if eb == Basic::Uint8 && (self.fb().stack_allocs.contains(&site) || self.in_result_buffer(site)) {
                    args.extend(self.frame_buffer_for(site));
                    self.fb().emit(Inst::CallRuntime { func: rt::STRING_FROM_BYTES_INTO, args, rets });
                } else {
                    self.fb().emit(Inst::CallRuntime { func, args, rets });
                }
                return Ok(V::mem(t, dst));
            }
        }
        if fb_.is_some_and(|b| b.is_string()) {
            if let Some(eb) = elem_basic(self, t) {
                let func = match eb {
                    Basic::Uint8 => rt::BYTES_FROM_STRING,
                    Basic::Int32 => rt::RUNES_FROM_STRING,
                    _ => return err(pos, format!("cannot convert {} (variable of type {}) to type {}", self.describe_expr(e), self.types.name(from), self.types.name(t))),
                };
                let a = self.to_addr(&v);
                let dst = self.temp(t);
                let dp = self.slot_addr_of(&dst);
                self.fb().emit(Inst::AddrOf { dst: Addr::Slot(dp, 0), src: dst.clone() });
                let mut args = vec![(Scalar::U64, Operand::Mem(Addr::Slot(dp, 0))), (Scalar::U64, Operand::Mem(a.clone())), (Scalar::I64, Operand::Mem(a.offset(8)))];
                // Its array in the frame when the slice does not escape.
                if eb == Basic::Uint8 && (self.fb().stack_allocs.contains(&site) || self.in_result_buffer(site)) {
                    args.extend(self.frame_buffer_for(site));
                    self.fb().emit(Inst::CallRuntime { func: rt::BYTES_FROM_STRING_INTO, args, rets: vec![] });
                } else {
                    self.fb().emit(Inst::CallRuntime { func, args, rets: vec![] });
                }
                // The bytes of a constant string get an array of exactly
                // their size in Go (cap == len; appending copies).
                if let (Basic::Uint8, VK::Const(Const::String(cs))) = (eb, &v.kind) {
                    self.fb().emit(Inst::Move { ty: Scalar::I64, dst: dst.offset(16), src: Operand::Imm(cs.len() as i64) });
                }
                return Ok(V::mem(t, dst));
            }
        }
        err(pos, format!("cannot convert {} (variable of type {}) to type {}", self.describe_expr(e), self.types.name(from), self.types.name(t)))
    }

    /// A buffer of the frame for a conversion's bytes (gc's `tmpBuf`: 32
    /// bytes; longer conversions go to the heap), as the two arguments of
    /// the runtime's `_into` conversions: its address and size.
    pub(super) fn frame_buffer(&mut self) -> [(Scalar, Operand); 2] {
        let buf = self.fb().slot_scalar(FRAME_BUFFER_SIZE as u64, 8);
        let p = self.slot_address(buf);
        [(Scalar::U64, Operand::Mem(p)), (Scalar::U64, Operand::Imm(FRAME_BUFFER_SIZE as i64))]
    }

    fn numeric_convert(&mut self, v: V, t: TypeId) -> V {
        let (fb_, tb) = (self.types.basic(v.ty).unwrap(), self.types.basic(t).unwrap());
        let dst = self.temp(t);
        let parts = |b: Basic| if b == Basic::Complex64 { (Scalar::F32, 4) } else { (Scalar::F64, 8) };
        if fb_.is_complex() && tb.is_complex() {
            let a = self.to_addr(&v);
            let ((fs, fw), (ts, tw)) = (parts(fb_), parts(tb));
            for k in 0..2 {
                self.fb().emit(Inst::Convert { from: fs, to: ts, dst: dst.offset(k * tw), src: Operand::Mem(a.offset(k * fw)) });
            }
            return V::mem(t, dst);
        }
        let fs = self.types.scalar(v.ty).unwrap();
        let ts = self.types.scalar(t).unwrap();
        let o = self.operand(&v);
        if fs == ts {
            self.fb().emit(Inst::Move { ty: ts, dst: dst.clone(), src: o });
        } else {
            self.fb().emit(Inst::Convert { from: fs, to: ts, dst: dst.clone(), src: o });
        }
        V::mem(t, dst)
    }

    // ----- builtins -----

    /// A copy of the scalar at `a` in a fresh temporary.
    fn read_now(&mut self, t: TypeId, sc: Scalar, a: Addr) -> V {
        let dst = self.temp(t);
        self.fb().emit(Inst::Move { ty: sc, dst: dst.clone(), src: Operand::Mem(a) });
        V::mem(t, dst)
    }

    /// `len` or `cap` of an array (or pointer to one) of length `n`: a
    /// constant unless `x` holds a function call or a channel receive (the
    /// spec's rule), else an int value (`x` itself is already lowered).
    fn array_len(&mut self, n: u64, x: &Expr) -> V {
        let int_t = self.int_t();
        if !self.calls_or_receives(x) {
            return V { ty: int_t, kind: VK::Const(Const::Int(n as i128)) };
        }
        let dst = self.temp(int_t);
        self.fb().emit(Inst::Move { ty: Scalar::I64, dst: dst.clone(), src: Operand::Imm(n as i64) });
        V::mem(int_t, dst)
    }

    /// Whether `e` holds a non-constant function call or a channel receive
    /// (outside func literal bodies). A worklist, not recursion: nesting
    /// has no fixed limit.
    fn calls_or_receives(&mut self, e: &Expr) -> bool {
        let mut work = vec![e];
        while let Some(e) = work.pop() {
            match &e.kind {
                ExprKind::Call { func, args, .. } => {
                    if matches!(self.known(func), Ok(Known { what: What::Type, .. })) {
                        work.extend(args);
                    } else if !matches!(self.known(e), Ok(Known { what: What::Const(_), .. })) {
                        return true;
                    }
                }
                ExprKind::Unary { op: ast::UnaryOp::Recv, .. } => return true,
                ExprKind::Unary { x, .. } | ExprKind::Paren(x) | ExprKind::Star(x) | ExprKind::Selector { x, .. } | ExprKind::TypeAssert { x, .. } => work.push(x),
                ExprKind::Index { x, index, .. } => work.extend([&**x, &**index]),
                ExprKind::Binary { x, y, .. } => work.extend([&**x, &**y]),
                ExprKind::Slice { x, lo, hi, max, .. } => {
                    work.push(x);
                    work.extend([lo, hi, max].into_iter().flatten().map(|b| &**b));
                }
                ExprKind::Composite { elems, .. } => {
                    for el in elems {
                        work.extend(el.key.iter());
                        work.push(&el.value);
                    }
                }
                _ => {}
            }
        }
        false
    }

    pub(super) fn builtin(&mut self, b: Builtin, args: &[Expr], ellipsis: bool, pos: &Pos) -> Result<V> {
        let int_t = self.int_t();
        let nargs = |n: usize, name: &str| -> Result<()> {
            if args.len() < n {
                return err(pos, format!("not enough arguments for {name}() (expected {n}, found {})", args.len()));
            }
            if args.len() > n {
                return err(pos, format!("too many arguments for {name}() (expected {n}, found {})", args.len()));
            }
            Ok(())
        };
        match b {
            Builtin::Len | Builtin::Cap => {
                let name = if b == Builtin::Len { "len" } else { "cap" };
                nargs(1, name)?;
                let v = self.value(&args[0])?;
                let ut = self.types.under(v.ty).clone();
                match (&ut, &v.kind) {
                    (Ty::Basic(bb), VK::Const(Const::String(s))) if bb.is_string() && b == Builtin::Len => {
                        Ok(V { ty: int_t, kind: VK::Const(Const::Int(s.len() as i128)) })
                    }
                    (Ty::Array(_, n), _) => Ok(self.array_len(*n, &args[0])),
                    (Ty::Pointer(p), _) if matches!(self.types.under(*p), Ty::Array(..)) => {
                        let Ty::Array(_, n) = self.types.under(*p).clone() else { unreachable!() };
                        Ok(self.array_len(n, &args[0]))
                    }
                    // The result is read now, not where it is used: a call
                    // later in the same expression may change the operand.
                    (Ty::Basic(bb), _) if bb.is_string() && b == Builtin::Len => {
                        let a = self.to_addr(&v);
                        Ok(self.read_now(int_t, Scalar::I64, a.offset(8)))
                    }
                    (Ty::Slice(_), _) => {
                        let a = self.to_addr(&v);
                        Ok(self.read_now(int_t, Scalar::I64, a.offset(if b == Builtin::Len { 8 } else { 16 })))
                    }
                    (Ty::Map(..), _) if b == Builtin::Len => Ok(self.map_len(&v)),
                    (Ty::Chan(..), _) => Ok(self.chan_len_cap(&v, b == Builtin::Len)),
                    _ => err(pos, format!("invalid argument: {} (variable of type {}) for {name}", self.describe_expr(&args[0]), self.types.name(v.ty))),
                }
            }
            Builtin::New => {
                nargs(1, "new")?;
                let t = self.resolve_type(&args[0])?;
                let p = self.alloc_at(args[0].id, t, true);
                let pt = self.types.pointer(t);
                Ok(V::mem(pt, p))
            }
            Builtin::Make => {
                if args.is_empty() {
                    return err(pos, "not enough arguments for make() (expected 1, found 0)");
                }
                let t = self.resolve_type(&args[0])?;
                let Ty::Slice(et) = self.types.under(t).clone() else {
                    if matches!(self.types.under(t), Ty::Map(..)) {
                        return self.make_map(t, args, pos);
                    }
                    if let Ty::Chan(_, et) = self.types.under(t).clone() {
                        return self.make_chan(t, et, args, pos);
                    }
                    return err(&args[0].pos, format!("invalid argument: cannot make {}; type must be slice, map, or channel", self.types.name(t)));
                };
                if args.len() < 2 {
                    return err(pos, format!("invalid operation: make({}) expects 2 or 3 arguments; found 1", self.types.name(t)));
                }
                if args.len() > 3 {
                    return err(pos, format!("invalid operation: make({}) expects 2 or 3 arguments; found {}", self.types.name(t), args.len()));
                }
                let len = self.size_arg(&args[1])?;
                let cap = if args.len() == 3 { self.size_arg(&args[2])? } else { len.clone() };
                if let (Operand::Imm(l), Operand::Imm(c)) = (&len, &cap) {
                    if l > c {
                        return err(pos, "invalid argument: length and capacity swapped".to_string());
                    }
                }
                let dst = self.temp(t);
                // A constant size whose array does not escape: in the frame
                // (zeroed), as gc's up to 64 KiB.
                if let (Operand::Imm(l), Operand::Imm(c)) = (&len, &cap) {
                    let size = self.types.size(et).saturating_mul(*c as u64);
                    if size <= MAX_IMPLICIT_STACK_VAR_SIZE && (self.fb().stack_allocs.contains(&args[0].id) || self.in_result_buffer(args[0].id)) {
                        let at = self.types.array(et, *c as u64);
                        let p = self.alloc_at(args[0].id, at, true);
                        self.fb().emit(Inst::Move { ty: Scalar::U64, dst: dst.clone(), src: Operand::Mem(p) });
                        self.fb().emit(Inst::Move { ty: Scalar::I64, dst: dst.offset(8), src: Operand::Imm(*l) });
                        self.fb().emit(Inst::Move { ty: Scalar::I64, dst: dst.offset(16), src: Operand::Imm(*c) });
                        return Ok(V::mem(t, dst));
                    }
                }
                let desc = self.descriptor(et);
                self.fb().emit(Inst::CallRuntime {
                    func: rt::MAKESLICE,
                    args: vec![(Scalar::U64, Operand::SymAddr(desc, 0)), (Scalar::I64, len.clone()), (Scalar::I64, cap.clone())],
                    rets: vec![(Scalar::U64, dst.clone())],
                });
                self.fb().emit(Inst::Move { ty: Scalar::I64, dst: dst.offset(8), src: len });
                self.fb().emit(Inst::Move { ty: Scalar::I64, dst: dst.offset(16), src: cap });
                Ok(V::mem(t, dst))
            }
            Builtin::Append => self.append(args, ellipsis, pos),
            Builtin::Copy => {
                nargs(2, "copy")?;
                let d = self.value(&args[0])?;
                let s = self.value(&args[1])?;
                let Ty::Slice(et) = self.types.under(d.ty).clone() else {
                    return err(pos, format!("invalid argument: copy expects slice arguments; found {} (variable of type {}) and {}", self.describe_expr(&args[0]), self.types.name(d.ty), self.describe_expr(&args[1])));
                };
                let s_ok = match self.types.under(s.ty).clone() {
                    Ty::Slice(e2) => e2 == et,
                    Ty::Basic(bb) => bb.is_string() && self.types.basic(et) == Some(Basic::Uint8),
                    _ => false,
                };
                if !s_ok {
                    return err(pos, format!("invalid argument: arguments to copy {} (variable of type {}) and {} (variable of type {}) have different element types", self.describe_expr(&args[0]), self.types.name(d.ty), self.describe_expr(&args[1]), self.types.name(s.ty)));
                }
                let s = if self.types.is_untyped(s.ty) { self.convert_to(s, basic_id(Basic::String), pos, "argument")? } else { s };
                let da = self.to_addr(&d);
                let sa = self.to_addr(&s);
                let n = self.temp(int_t);
                // n = min(len(d), len(s))
                self.fb().emit(Inst::Move { ty: Scalar::I64, dst: n.clone(), src: Operand::Mem(da.offset(8)) });
                let c = Addr::Slot(self.fb().slot_scalar(1, 1), 0);
                let l = self.fb().label();
                self.fb().emit(Inst::Bin { op: BinOp::Le, ty: Scalar::I64, dst: c.clone(), a: Operand::Mem(n.clone()), b: Operand::Mem(sa.offset(8)) });
                self.fb().emit(Inst::JumpIf { cond: Operand::Mem(c), target: l });
                self.fb().emit(Inst::Move { ty: Scalar::I64, dst: n.clone(), src: Operand::Mem(sa.offset(8)) });
                self.fb().bind(l);
                let es = self.types.size(et) as i64;
                let bytes = Addr::Slot(self.fb().slot_scalar(8, 8), 0);
                self.fb().emit(Inst::Bin { op: BinOp::Mul, ty: Scalar::I64, dst: bytes.clone(), a: Operand::Mem(n.clone()), b: Operand::Imm(es) });
                self.fb().emit(Inst::CallRuntime {
                    func: rt::MEMMOVE,
                    args: vec![(Scalar::U64, Operand::Mem(da)), (Scalar::U64, Operand::Mem(sa)), (Scalar::U64, Operand::Mem(bytes))],
                    rets: vec![],
                });
                Ok(V::mem(int_t, n))
            }
            Builtin::Print | Builtin::Println => {
                let ln = b == Builtin::Println;
                // print(f()) with a multi-value f prints every result.
                let mut vals: Vec<(V, &Expr)> = vec![];
                for a in args {
                    let v = self.expr(a, None)?;
                    match (&v.kind, args.len()) {
                        (VK::Tuple(addrs), 1) => {
                            let Ty::Tuple(ts) = self.types.ty(v.ty).clone() else { unreachable!() };
                            for (ad, t) in addrs.iter().zip(ts) {
                                vals.push((V::mem(t, ad.clone()), a));
                            }
                        }
                        _ => vals.push((self.single(v, a)?, a)),
                    }
                }
                for (i, (v, a)) in vals.into_iter().enumerate() {
                    if ln && i > 0 {
                        self.fb().emit(Inst::CallRuntime { func: rt::PRINT_SP, args: vec![], rets: vec![] });
                    }
                    if self.is_untyped_nil(&v) {
                        return err(&a.pos, "use of untyped nil in argument to built-in print");
                    }
                    let v = if self.types.is_untyped(v.ty) {
                        let t = self.default_type(v.ty, &a.pos)?;
                        self.convert_to(v, t, &a.pos, "argument to built-in print")?
                    } else {
                        v
                    };
                    self.print_value(&v, &a.pos)?;
                }
                if ln {
                    self.fb().emit(Inst::CallRuntime { func: rt::PRINT_NL, args: vec![], rets: vec![] });
                }
                self.fb().emit(Inst::CallRuntime { func: rt::PRINT_END, args: vec![], rets: vec![] });
                Ok(V { ty: 0, kind: VK::Void })
            }
            Builtin::Panic => {
                nargs(1, "panic")?;
                let e = self.types.empty_iface;
                let v = self.value_as(&args[0], e, "argument to panic")?;
                let a = self.to_addr(&v);
                self.fb().emit(Inst::CallRuntime {
                    func: rt::PANIC,
                    args: vec![(Scalar::U64, Operand::Mem(a.clone())), (Scalar::U64, Operand::Mem(a.offset(8)))],
                    rets: vec![],
                });
                Ok(V { ty: 0, kind: VK::Void })
            }
            Builtin::Complex => {
                nargs(2, "complex")?;
                let r = self.value(&args[0])?;
                let i = self.value(&args[1])?;
                if let (VK::Const(a), VK::Const(c)) = (&r.kind, &i.kind) {
                    let (Some(x), Some(y)) = (a.to_rat(), c.to_rat()) else { return err(pos, "invalid arguments to complex") };
                    let ft = if self.types.is_untyped(r.ty) { i.ty } else { r.ty };
                    let t = match self.types.basic(ft) {
                        Some(Basic::Float32) => basic_id(Basic::Complex64),
                        Some(Basic::Float64) => basic_id(Basic::Complex128),
                        _ => basic_id(Basic::UntypedComplex),
                    };
                    let c = super::constant::normalize_complex(x, y).map_err(|m| Diag::new(pos, m))?;
                    let c = if self.types.is_untyped(t) { c } else { self.convert_const(&c, t, pos)? };
                    return Ok(V { ty: t, kind: VK::Const(c) });
                }
                let ft = if self.types.is_untyped(r.ty) { i.ty } else { r.ty };
                let r = self.convert_to(r, ft, pos, "argument")?;
                let i = self.convert_to(i, ft, pos, "argument")?;
                let (t, sc, w) = match self.types.basic(ft) {
                    Some(Basic::Float32) => (basic_id(Basic::Complex64), Scalar::F32, 4),
                    Some(Basic::Float64) => (basic_id(Basic::Complex128), Scalar::F64, 8),
                    _ => return err(pos, format!("invalid operation: complex({}, {}) (arguments must be floats)", self.describe_expr(&args[0]), self.describe_expr(&args[1]))),
                };
                let dst = self.temp(t);
                let (ro, io) = (self.operand(&r), self.operand(&i));
                self.fb().emit(Inst::Move { ty: sc, dst: dst.clone(), src: ro });
                self.fb().emit(Inst::Move { ty: sc, dst: dst.offset(w), src: io });
                Ok(V::mem(t, dst))
            }
            Builtin::Real | Builtin::Imag => {
                nargs(1, if b == Builtin::Real { "real" } else { "imag" })?;
                let v = self.value(&args[0])?;
                if let VK::Const(c) = &v.kind {
                    let (r, i) = c.to_rat_pair().ok_or_else(|| Diag::new(pos, "invalid argument to real/imag"))?;
                    let x = super::constant::normalize(if b == Builtin::Real { r } else { i }, false).map_err(|m| Diag::new(pos, m))?;
                    let t = match self.types.basic(v.ty) {
                        Some(Basic::Complex64) => basic_id(Basic::Float32),
                        Some(Basic::Complex128) => basic_id(Basic::Float64),
                        _ => basic_id(Basic::UntypedFloat),
                    };
                    return Ok(V { ty: t, kind: VK::Const(x) });
                }
                let (t, w) = match self.types.basic(v.ty) {
                    Some(Basic::Complex64) => (basic_id(Basic::Float32), 4),
                    Some(Basic::Complex128) => (basic_id(Basic::Float64), 8),
                    _ => return err(pos, format!("invalid argument: {} (variable of type {}) not of complex type", self.describe_expr(&args[0]), self.types.name(v.ty))),
                };
                let a = self.to_addr(&v);
                let sc = if w == 4 { Scalar::F32 } else { Scalar::F64 };
                Ok(self.read_now(t, sc, if b == Builtin::Real { a } else { a.offset(w) }))
            }
            Builtin::Recover => {
                nargs(0, "recover")?;
                let e = self.types.empty_iface;
                let dst = self.temp(e);
                self.fb().emit(Inst::CallRuntime {
                    func: rt::GORECOVER,
                    args: vec![(Scalar::U64, Operand::Special(ir::Special::ArgPointer))],
                    rets: vec![(Scalar::U64, dst.clone()), (Scalar::U64, dst.offset(8))],
                });
                Ok(V::mem(e, dst))
            }
            Builtin::ArgP => {
                let t = basic_id(Basic::Uintptr);
                let dst = self.temp(t);
                self.fb().emit(Inst::Move { ty: Scalar::U64, dst: dst.clone(), src: Operand::Special(ir::Special::ArgPointer) });
                Ok(V::mem(t, dst))
            }
            Builtin::RecoverAt => {
                let argp = self.value_as(&args[0], basic_id(Basic::Uintptr), "argument")?;
                let o = self.operand(&argp);
                let e = self.types.empty_iface;
                let dst = self.temp(e);
                self.fb().emit(Inst::CallRuntime {
                    func: rt::GORECOVER,
                    args: vec![(Scalar::U64, o)],
                    rets: vec![(Scalar::U64, dst.clone()), (Scalar::U64, dst.offset(8))],
                });
                Ok(V::mem(e, dst))
            }
            Builtin::Lib(f) => self.lib_call(f, args, pos),
            Builtin::Breakpoint => {
                nargs(0, "Breakpoint")?;
                self.fb().emit(Inst::CallRuntime { func: rt::BREAKPOINT, args: vec![], rets: vec![] });
                Ok(V { ty: 0, kind: VK::Void })
            }
            Builtin::Delete => self.map_delete(args, pos),
            Builtin::Close => self.close_chan(args, pos),
        }
    }

    pub(super) fn size_arg(&mut self, e: &Expr) -> Result<Operand> {
        let v = self.value(e)?;
        if let VK::Const(c) = &v.kind {
            // A typed constant must have an integer type (1.0 may, float32(1.0) may not).
            if !self.types.is_untyped(v.ty) && !self.types.basic(v.ty).is_some_and(|b| b.is_integer()) {
                let msg = format!("invalid argument: index {} (constant {} of type {}) must be integer", self.describe_expr(e), c.describe(), self.types.name(v.ty));
                return err(&e.pos, msg);
            }
            let Some(n) = c.as_int() else { return err(&e.pos, format!("{} (untyped float constant) truncated to int", self.describe_expr(e))) };
            if n < 0 {
                return err(&e.pos, format!("invalid argument: index {} (constant of type int) must not be negative", self.describe_expr(e)));
            }
            if n > i64::MAX as i128 {
                return err(&e.pos, format!("invalid argument: index {} (constant {} of type {}) overflows int", self.describe_expr(e), c.describe(), self.types.name(v.ty)));
            }
            return Ok(Operand::Imm(n as i64));
        }
        if !self.types.basic(v.ty).is_some_and(|b| b.is_integer()) {
            return err(&e.pos, format!("cannot convert {} (variable of type {}) to type int", self.describe_expr(e), self.types.name(v.ty)));
        }
        let v = self.to_int(v)?;
        Ok(self.operand(&v))
    }

    fn append(&mut self, args: &[Expr], ellipsis: bool, pos: &Pos) -> Result<V> {
        if args.is_empty() {
            return err(pos, "not enough arguments for append() (expected 1, found 0)");
        }
        let s = self.value(&args[0])?;
        let st = if self.is_untyped_nil(&s) { return err(pos, "first argument to append must be a typed slice; have untyped nil") } else { s.ty };
        let Ty::Slice(et) = self.types.under(st).clone() else {
            return err(pos, format!("invalid argument: {} (variable of type {}) is not a slice", self.describe_expr(&args[0]), self.types.name(st)));
        };
        let sa = self.to_addr(&s);
        // One value that is a constant or in a frame slot is stored in
        // place once there is room (no other write comes between its
        // evaluation and the store); others are gathered first.
        let mut direct: Option<V> = None;
        // The appended elements: either a slice (...) or individual values.
        let (src_ptr, n): (Operand, Operand) = if ellipsis {
            if args.len() != 2 {
                return err(pos, "can only use ... with final argument in list");
            }
            let v = self.value(&args[1])?;
            let v = if self.types.is_untyped(v.ty) { self.convert_to(v, basic_id(Basic::String), pos, "argument")? } else if matches!(v.kind, VK::Nil) { self.convert_to(v, st, pos, "argument")? } else { v };
            let ok = match self.types.under(v.ty).clone() {
                Ty::Slice(e) => e == et,
                Ty::Basic(b) => b.is_string() && self.types.basic(et) == Some(Basic::Uint8),
                _ => false,
            };
            if !ok {
                return err(&args[1].pos, format!("cannot use {} (variable of type {}) as {} value in argument to append", self.describe_expr(&args[1]), self.types.name(v.ty), self.types.name(st)));
            }
            let a = self.to_addr(&v);
            (Operand::Mem(a.clone()), Operand::Mem(a.offset(8)))
        } else {
            let mut vals = vec![];
            for a in &args[1..] {
                let v = self.value_as(a, et, "argument to append")?;
                vals.push(v);
            }
            if vals.is_empty() {
                return Ok(V::mem(st, sa));
            }
            if let [v] = &vals[..] {
                if matches!(v.kind, VK::Const(_) | VK::Nil | VK::Func(_) | VK::Mem { addr: Addr::Slot(..), .. }) {
                    direct = Some(v.clone());
                }
            }
            if direct.is_some() {
                (Operand::Imm(0), Operand::Imm(1))
            } else {
                let at = self.types.array(et, vals.len() as u64);
                let tmp = self.temp(at);
                let es = self.types.size(et) as i32;
                for (i, v) in vals.iter().enumerate() {
                    self.store(&tmp.offset(i as i32 * es), v, et);
                }
                let p = self.slot_addr_of(&tmp);
                self.fb().emit(Inst::AddrOf { dst: Addr::Slot(p, 0), src: tmp });
                (Operand::Mem(Addr::Slot(p, 0)), Operand::Imm(vals.len() as i64))
            }
        };
        let dst = self.temp(st);
        self.copy(&dst, &sa, st);
        let oldlen = Addr::Slot(self.fb().slot_scalar(8, 8), 0);
        self.fb().emit(Inst::Move { ty: Scalar::I64, dst: oldlen.clone(), src: Operand::Mem(dst.offset(8)) });
        let newlen = Addr::Slot(self.fb().slot_scalar(8, 8), 0);
        self.fb().emit(Inst::Bin { op: BinOp::Add, ty: Scalar::I64, dst: newlen.clone(), a: Operand::Mem(dst.offset(8)), b: n.clone() });
        let c = Addr::Slot(self.fb().slot_scalar(1, 1), 0);
        let fits = self.fb().label();
        self.fb().emit(Inst::Bin { op: BinOp::Le, ty: Scalar::U64, dst: c.clone(), a: Operand::Mem(newlen.clone()), b: Operand::Mem(dst.offset(16)) });
        self.fb().emit(Inst::JumpIf { cond: Operand::Mem(c), target: fits });
        let desc = self.descriptor(et);
        // The new array and capacity come back in registers (the length
        // is set below), so `dst` keeps no address and may live in them.
        self.fb().emit(Inst::CallRuntime {
            func: rt::GROWSLICE,
            args: vec![
                (Scalar::U64, Operand::SymAddr(desc, 0)),
                (Scalar::U64, Operand::Mem(dst.clone())),
                (Scalar::I64, Operand::Mem(dst.offset(8))),
                (Scalar::I64, Operand::Mem(dst.offset(16))),
                (Scalar::I64, Operand::Mem(newlen.clone())),
            ],
            rets: vec![(Scalar::U64, dst.clone()), (Scalar::I64, dst.offset(16))],
        });
        self.fb().bind(fits);
        // memmove(ptr + oldlen*es, src, n*es); len = newlen
        let es = self.types.size(et) as i64;
        let at = Addr::Slot(self.fb().slot_ptr(), 0);
        self.fb().emit(Inst::Bin { op: BinOp::Mul, ty: Scalar::I64, dst: at.clone(), a: Operand::Mem(oldlen), b: Operand::Imm(es) });
        self.fb().emit(Inst::Bin { op: BinOp::Add, ty: Scalar::U64, dst: at.clone(), a: Operand::Mem(at.clone()), b: Operand::Mem(dst.clone()) });
        if let Some(v) = direct {
            let Addr::Slot(p, _) = at else { unreachable!("a pointer slot") };
            if es > 0 {
                self.store(&Addr::Deref(p, 0), &v, et);
            }
            self.fb().emit(Inst::Move { ty: Scalar::I64, dst: dst.offset(8), src: Operand::Mem(newlen) });
            return Ok(V::mem(st, dst));
        }
        let bytes = Addr::Slot(self.fb().slot_scalar(8, 8), 0);
        self.fb().emit(Inst::Bin { op: BinOp::Mul, ty: Scalar::I64, dst: bytes.clone(), a: n, b: Operand::Imm(es) });
        self.fb().emit(Inst::CallRuntime {
            func: rt::MEMMOVE,
            args: vec![(Scalar::U64, Operand::Mem(at)), (Scalar::U64, src_ptr), (Scalar::U64, Operand::Mem(bytes))],
            rets: vec![],
        });
        self.fb().emit(Inst::Move { ty: Scalar::I64, dst: dst.offset(8), src: Operand::Mem(newlen) });
        Ok(V::mem(st, dst))
    }

    fn print_value(&mut self, v: &V, pos: &Pos) -> Result<()> {
        let t = v.ty;
        let a = self.to_addr(v);
        let m = |o: i32| Operand::Mem(a.offset(o));
        let (func, args) = match self.types.under(t).clone() {
            Ty::Basic(b) => match b {
                Basic::Bool => (rt::PRINT_BOOL, vec![(Scalar::U8, m(0))]),
                Basic::Float32 | Basic::Float64 => {
                    let o = if b == Basic::Float32 {
                        let d = Addr::Slot(self.fb().slot_scalar(8, 8), 0);
                        self.fb().emit(Inst::Convert { from: Scalar::F32, to: Scalar::F64, dst: d.clone(), src: m(0) });
                        Operand::Mem(d)
                    } else {
                        m(0)
                    };
                    (rt::PRINT_FLOAT, vec![(Scalar::F64, o)])
                }
                Basic::Complex64 => {
                    let d = Addr::Slot(self.fb().slot_scalar(16, 8), 0);
                    self.fb().emit(Inst::Convert { from: Scalar::F32, to: Scalar::F64, dst: d.clone(), src: m(0) });
                    self.fb().emit(Inst::Convert { from: Scalar::F32, to: Scalar::F64, dst: d.offset(8), src: m(4) });
                    (rt::PRINT_COMPLEX, vec![(Scalar::F64, Operand::Mem(d.clone())), (Scalar::F64, Operand::Mem(d.offset(8)))])
                }
                Basic::Complex128 => (rt::PRINT_COMPLEX, vec![(Scalar::F64, m(0)), (Scalar::F64, m(8))]),
                Basic::String => (rt::PRINT_STRING, vec![(Scalar::U64, m(0)), (Scalar::U64, m(8))]),
                Basic::UnsafePointer => (rt::PRINT_POINTER, vec![(Scalar::U64, m(0))]),
                _ if b.is_unsigned() => {
                    let sc = self.types.scalar(t).unwrap();
                    let d = Addr::Slot(self.fb().slot_scalar(8, 8), 0);
                    self.fb().emit(Inst::Convert { from: sc, to: Scalar::U64, dst: d.clone(), src: m(0) });
                    (rt::PRINT_UINT, vec![(Scalar::U64, Operand::Mem(d))])
                }
                _ => {
                    let sc = self.types.scalar(t).unwrap();
                    let d = Addr::Slot(self.fb().slot_scalar(8, 8), 0);
                    self.fb().emit(Inst::Convert { from: sc, to: Scalar::I64, dst: d.clone(), src: m(0) });
                    (rt::PRINT_INT, vec![(Scalar::I64, Operand::Mem(d))])
                }
            },
            Ty::Pointer(_) | Ty::Chan(..) | Ty::Map(..) | Ty::Func(_) => (rt::PRINT_POINTER, vec![(Scalar::U64, m(0))]),
            Ty::Interface(_) => (rt::PRINT_IFACE, vec![(Scalar::U64, m(0)), (Scalar::U64, m(8))]),
            Ty::Slice(_) => (rt::PRINT_SLICE, vec![(Scalar::U64, m(0)), (Scalar::I64, m(8)), (Scalar::I64, m(16))]),
            _ => return err(pos, format!("illegal types for operand: print\n\t{}", self.types.name(t))),
        };
        self.fb().emit(Inst::CallRuntime { func, args, rets: vec![] });
        Ok(())
    }

    // ----- composite literals -----

    /// The type of a composite literal (resolving `[...]T`).
    pub fn composite_type(&mut self, te: &Expr, elems: &[ast::KeyedElement]) -> Result<TypeId> {
        if let ExprKind::ArrayType { len: None, elem } = &te.kind {
            let et = self.resolve_type(elem)?;
            let mut n: i128 = 0;
            let mut idx: i128 = 0;
            for el in elems {
                if let Some(k) = &el.key {
                    let kv = self.value(k)?;
                    let VK::Const(c) = kv.kind else { return err(&k.pos, "index must be non-negative integer constant") };
                    idx = c.as_int().unwrap_or(0);
                }
                idx += 1;
                n = n.max(idx);
            }
            return Ok(self.types.array(et, n as u64));
        }
        self.resolve_type(te)
    }

    /// The composite literal `site` (its id, which escape analysis knows
    /// a slice literal's array by; `None`: its array is on the heap).
    pub fn composite(&mut self, site: Option<ast::ExprId>, t: TypeId, elems: &[ast::KeyedElement], pos: &Pos) -> Result<V> {
        let dst = self.temp(t);
        self.composite_into(site, t, elems, pos, &dst)?;
        Ok(V::mem(t, dst))
    }

    /// Evaluates an element value, which may be a composite literal with
    /// its type elided (`{1, 2}` inside `[]T{...}`; `&T` elided as `{...}`).
    fn elem_value(&mut self, e: &Expr, et: TypeId) -> Result<V> {
        if let ExprKind::Composite { typ: None, elems, .. } = &e.kind {
            // `&T` is elided for an element type whose underlying type is
            // `*T`, named or not (Go 1.19; test/typeparam/issue50833.go).
            if let Some(pt) = self.types.pointer_elem(et) {
                let v = self.composite(None, pt, elems, &e.pos)?;
                let p = self.alloc(pt);
                let s = self.load_ptr(&p);
                self.store(&Addr::Deref(s, 0), &v, pt);
                return Ok(V::mem(et, Addr::Slot(s, 0)));
            }
            return self.composite(Some(e.id), et, elems, &e.pos);
        }
        self.value_as(e, et, "array or slice literal")
    }

    fn composite_into(&mut self, site: Option<ast::ExprId>, t: TypeId, elems: &[ast::KeyedElement], pos: &Pos, dst: &Addr) -> Result<()> {
        let size = self.types.size(t) as u32;
        match self.types.under(t).clone() {
            Ty::Struct(fields) => {
                self.fb().emit(Inst::Zero { dst: dst.clone(), size });
                let offs = self.types.field_offsets(t);
                let keyed = elems.first().is_some_and(|e| e.key.is_some());
                if !keyed && !elems.is_empty() && elems.len() != fields.len() {
                    return err(pos, format!("too {} values in struct literal of type {}", if elems.len() < fields.len() { "few" } else { "many" }, self.types.name(t)));
                }
                for (i, el) in elems.iter().enumerate() {
                    let fi = if keyed {
                        let Some(k) = &el.key else { return err(&el.value.pos, "mixture of field:value and value elements in struct literal") };
                        let ExprKind::Ident(id) = &k.kind else { return err(&k.pos, format!("invalid field name {} in struct literal", self.describe_expr(k))) };
                        // A blank field cannot be named (issue19482).
                        let hidden = self.hidden(t, &id.name);
                        fields.iter().position(|f| f.name == id.name && id.name != "_" && !hidden).ok_or_else(|| {
                            Diag::new(&k.pos, format!("unknown field '{}' in struct literal of type {}", id.name, self.types.name(t)))
                        })?
                    } else {
                        if el.key.is_some() {
                            return err(&el.value.pos, "mixture of field:value and value elements in struct literal");
                        }
                        i
                    };
                    let ft = fields[fi].typ;
                    let v = self.elem_value_ctx(&el.value, ft, "struct literal")?;
                    // A blank field keeps its zero value (gc: issue31546);
                    // its element is still evaluated.
                    if fields[fi].name != "_" {
                        self.store(&dst.offset(offs[fi] as i32), &v, ft);
                    }
                }
            }
            Ty::Array(et, n) => {
                self.fb().emit(Inst::Zero { dst: dst.clone(), size });
                let es = self.types.size(et) as i32;
                let mut idx: i128 = 0;
                let mut seen = std::collections::HashSet::new();
                for el in elems {
                    if let Some(k) = &el.key {
                        let kv = self.value(k)?;
                        let VK::Const(c) = kv.kind else { return err(&k.pos, "index must be non-negative integer constant") };
                        idx = c.as_int().unwrap_or(-1);
                    }
                    if idx < 0 || idx as u64 >= n {
                        return err(&el.value.pos, format!("index {idx} out of bounds [0:{n}]"));
                    }
                    if !seen.insert(idx) {
                        return err(el.key.as_ref().map_or(&el.value.pos, |k| &k.pos), format!("duplicate index {idx} in array or slice literal"));
                    }
                    let v = self.elem_value(&el.value, et)?;
                    self.store(&dst.offset(idx as i32 * es), &v, et);
                    idx += 1;
                }
            }
            Ty::Slice(et) => {
                let mut idx: i128 = 0;
                let mut n: i128 = 0;
                let mut vals = vec![];
                let mut seen = std::collections::HashSet::new();
                for el in elems {
                    if let Some(k) = &el.key {
                        let kv = self.value(k)?;
                        let VK::Const(c) = kv.kind else { return err(&k.pos, "index must be non-negative integer constant") };
                        idx = c.as_int().unwrap_or(-1);
                        if idx < 0 {
                            return err(&k.pos, "index must be non-negative integer constant");
                        }
                    }
                    if !seen.insert(idx) {
                        return err(el.key.as_ref().map_or(&el.value.pos, |k| &k.pos), format!("duplicate index {idx} in array or slice literal"));
                    }
                    let v = self.elem_value(&el.value, et)?;
                    vals.push((idx, v));
                    idx += 1;
                    n = n.max(idx);
                }
                if n == 0 {
                    // An empty, non-nil slice.
                    let at = self.types.array(et, 0);
                    let p = self.alloc(at);
                    self.fb().emit(Inst::Move { ty: Scalar::U64, dst: dst.clone(), src: Operand::Mem(p) });
                    self.fb().emit(Inst::Move { ty: Scalar::I64, dst: dst.offset(8), src: Operand::Imm(0) });
                    self.fb().emit(Inst::Move { ty: Scalar::I64, dst: dst.offset(16), src: Operand::Imm(0) });
                    return Ok(());
                }
                let at = self.types.array(et, n as u64);
                // In the frame, zeroed when some index has no element.
                let sparse = vals.len() as i128 != n;
                let p = match site {
                    Some(site) => self.alloc_at(site, at, sparse),
                    None => self.alloc(at),
                };
                let ps = self.load_ptr(&p);
                let es = self.types.size(et) as i32;
                for (i, v) in vals {
                    self.store(&Addr::Deref(ps, i as i32 * es), &v, et);
                }
                self.fb().emit(Inst::Move { ty: Scalar::U64, dst: dst.clone(), src: Operand::Mem(Addr::Slot(ps, 0)) });
                self.fb().emit(Inst::Move { ty: Scalar::I64, dst: dst.offset(8), src: Operand::Imm(n as i64) });
                self.fb().emit(Inst::Move { ty: Scalar::I64, dst: dst.offset(16), src: Operand::Imm(n as i64) });
            }
            Ty::Map(..) => self.map_literal(t, elems, dst)?,
            _ => return err(pos, format!("invalid composite literal type {}", self.types.name(t))),
        }
        Ok(())
    }

    pub(super) fn elem_value_ctx(&mut self, e: &Expr, t: TypeId, ctx: &str) -> Result<V> {
        if let ExprKind::Composite { typ: None, .. } = &e.kind {
            return self.elem_value(e, t);
        }
        self.value_as(e, t, ctx)
    }

    // ----- func literals -----

    /// The function literal `site`: its code, and its closure (in the
    /// frame when it stays there, or when it is a deferred call's that
    /// runs within the frame's life).
    pub fn func_lit(&mut self, site: ast::ExprId, sig: &ast::FuncType, body: &ast::Block, pos: &Pos) -> Result<V> {
        let mut names = vec![];
        let ft = self.resolve_sig(sig, Some(&mut names))?;
        if self.probing > 0 {
            // A probe wants the literal's type only, and the body is
            // checked when lowered for real: lowering it here as well would
            // double the work at each level of nested literals.
            self.defer_wrapper_next = false;
            self.call_wrapper_next = false;
            self.defer_in_frame_next = false;
            let v = self.temp(ft);
            return Ok(V::mem(ft, v));
        }
        let parent = self.fns.len() - 1;
        self.fns[parent].nclosures += 1;
        let n = self.fns[parent].nclosures;
        let sym = match &self.fns[parent].closure_prefix {
            Some(prefix) => format!("{prefix}{n}"),
            None => format!("{}.func{n}", self.fns[parent].sym),
        };
        let mut fb = Fb::new(&sym);
        fb.closure_prefix = Some(format!("{sym}."));
        let is_defer_wrapper = std::mem::take(&mut self.defer_wrapper_next);
        let in_frame = std::mem::take(&mut self.defer_in_frame_next) || (site != ast::SYNTHETIC && self.fns[parent].stack_allocs.contains(&site));
        // The wrapper of a `go` or `defer` statement's call has no source of
        // its own: tracebacks and runtime.Callers pass it over, as gc's do.
        let is_wrapper = std::mem::take(&mut self.call_wrapper_next);
        let declared = self.fns[parent].declared.clone();
        let esc = match self.lit_escapes.take(body) {
            Some(esc) => esc,
            None => super::escape::escaping(None, sig, body, &self.tags, self.callees(), &mut self.lit_escapes),
        };
        self.note_report(&sym, &esc);
        fb.declared = declared;
        // The variables the literal declares (parameters and locals) are
        // its own: they escape by what its body does with them. The
        // parent's set is about the parent's variables, which the literal
        // reaches through its context.
        self.by_value_vars.extend(esc.by_value.iter().copied());
        (fb.escaping, fb.heap_objs, fb.stack_allocs, fb.stack_boxes, fb.frame_defers, fb.addressed) =
            (esc.vars, esc.heap_objs, esc.allocs, esc.boxes, esc.frame_defers, Some(esc.addressed));
        fb.result_frames = esc.result_frames;
        let ctx = fb.slot_ptr();
        fb.body.ctx = Some(ctx);
        if is_defer_wrapper {
            // recover() in the deferred function counts as called by the
            // deferred call itself (Go marks such wrappers the same way);
            // the runtime is asked only while the goroutine panics.
            Self::emit_wrapper_adjust(&mut fb);
        }
        self.fns.push(fb);
        let r = self.lower_body(ft, &names, &sig.results, body, None);
        let fb = self.fns.pop().unwrap();
        r?;
        self.check_frame_size(&fb, None, ft, pos)?;
        let caps: Vec<(VarRef, TypeId, bool)> = fb.captures.iter().map(|c| (c.outer, c.ty, c.by_value)).collect();
        let cap_slots: Vec<_> = fb.captures.iter().map(|c| c.slot).collect();
        let mut body_ir = fb.body;
        // The closure object: the code pointer, then per capture a cell
        // pointer (pointers the collector follows; the code word it
        // ignores) or a copy of the value.
        let fields: Vec<TypeId> = std::iter::once(basic_id(Basic::UnsafePointer))
            .chain(caps.iter().map(|&(_, t, by_value)| if by_value { t } else { basic_id(Basic::UnsafePointer) }))
            .collect();
        let obj_t = self.types.intern(Ty::Struct(
            fields.iter().enumerate().map(|(i, &typ)| super::types::FieldT { name: format!("F{i}"), typ, embedded: false, tag: String::new(), pkg: String::new() }).collect(),
        ));
        let offsets = self.types.field_offsets(obj_t);
        // Prologue: each captured variable's cell pointer out of the
        // closure object, or the address of its copy there.
        let mut pro = vec![];
        for (i, s) in cap_slots.iter().enumerate() {
            let at = offsets[i + 1] as i32;
            pro.push(if caps[i].2 {
                Inst::Bin { op: BinOp::Add, ty: Scalar::U64, dst: Addr::Slot(*s, 0), a: Operand::Mem(Addr::Slot(ctx, 0)), b: Operand::Imm(at as i64) }
            } else {
                Inst::Move { ty: Scalar::U64, dst: Addr::Slot(*s, 0), src: Operand::Mem(Addr::Deref(ctx, at)) }
            });
        }
        pro.append(&mut body_ir.insts);
        body_ir.insts = pro;
        let abi = self.abi_of(ft, None);
        self.prog.funcs.push(ir::Func { sym: sym.clone(), abi, kind: ir::FuncKind::Code(body_ir), pos: (!is_wrapper).then(|| pos.clone()) });
        if caps.is_empty() {
            return Ok(V { ty: ft, kind: VK::Func(sym) });
        }
        // A closure that stays in this frame (`Escapes::allocs`), or a
        // deferred call's that runs within its life (`Escapes::frame_defers`),
        // is a frame object, its cells the frame's variables; any other
        // closure and its cells are on the heap.
        let p = if in_frame {
            let obj = self.slot_typed(obj_t);
            self.slot_address(obj)
        } else {
            self.alloc(obj_t)
        };
        let ps = self.load_ptr(&p);
        self.fb().emit(Inst::Move { ty: Scalar::U64, dst: Addr::Deref(ps, 0), src: Operand::SymAddr(sym, 0) });
        for (i, &(c, t, by_value)) in caps.iter().enumerate() {
            let at = offsets[i + 1] as i32;
            if by_value {
                let src = match c {
                    VarRef::Heap(s) => Addr::Deref(s, 0),
                    VarRef::Slot(s) => Addr::Slot(s, 0),
                };
                self.copy(&Addr::Deref(ps, at), &src, t);
                continue;
            }
            let cell = match c {
                VarRef::Heap(s) => Operand::Mem(Addr::Slot(s, 0)),
                VarRef::Slot(s) if in_frame => Operand::Mem(self.slot_address(s)),
                VarRef::Slot(_) => unreachable!("variables a closure captures by reference live on the heap"),
            };
            self.fb().emit(Inst::Move { ty: Scalar::U64, dst: Addr::Deref(ps, at), src: cell });
        }
        Ok(V::mem(ft, Addr::Slot(ps, 0)))
    }

    /// Whether local `name` of type `t` must live on the heap.
    pub fn escapes_var(&mut self, name: &str, t: TypeId) -> bool {
        self.escapes_var_obj(name, None, t)
    }

    /// Whether local `name` (the variable `obj`, when the facts name it)
    /// of type `t` must live on the heap.
    pub fn escapes_var_obj(&mut self, name: &str, obj: Option<ObjId>, t: TypeId) -> bool {
        let fb = self.fns.last().expect("a function");
        // Variables too large for a stack frame live on the heap, as in gc.
        obj.is_some_and(|o| fb.heap_objs.contains(&o)) || fb.escaping.contains(name) || self.types.size(t) > MAX_STACK_VAR_SIZE
    }

    /// The variable identifier `id` declares, by the facts.
    pub fn var_obj(&self, id: &ast::Ident) -> Option<ObjId> {
        self.pkg_facts()?.info.defs.get(id.id).copied()
    }

    /// Declares a local variable of type `t` (on the heap when it escapes).
    pub fn declare_var(&mut self, name: &str, t: TypeId) -> VarRef {
        self.declare_var_obj(name, None, t)
    }

    /// Declares the variable `id` declares, of type `t`.
    pub fn declare_local(&mut self, id: &ast::Ident, t: TypeId) -> VarRef {
        let obj = self.var_obj(id);
        self.declare_var_obj(&id.name, obj, t)
    }

    /// [`Checker::declare_var`] of variable `obj`, when the facts name it.
    pub fn declare_var_obj(&mut self, name: &str, obj: Option<ObjId>, t: TypeId) -> VarRef {
        let var = if self.escapes_var_obj(name, obj, t) {
            let site = super::escape::FreshSite::Var(name.to_string());
            let p = match self.result_buffer_object(&site, true) {
                Some(p) => p,
                None => self.alloc(t),
            };
            let s = self.load_ptr(&p);
            VarRef::Heap(s)
        } else {
            VarRef::Slot(self.slot_typed(t))
        };
        let id = self.new_var_id();
        if let Some(o) = obj {
            self.var_objs.insert(id, o);
        }
        self.fb().declare(name, Local::Var { id, var, ty: t });
        var
    }
}

trait WithOverflow {
    fn with_overflow(self, d: &Diag) -> Diag;
}

impl WithOverflow for Diag {
    fn with_overflow(self, d: &Diag) -> Diag {
        if d.msg.contains("overflows") {
            d.clone()
        } else {
            self
        }
    }
}
