//! Calls: of functions and methods (generic ones with their type arguments
//! written or inferred), of built-ins, and conversions.

use super::check::Checker;
use super::constant::Const;
use super::object::{Builtin, ObjKind};
use super::ty::{basic, Basic, Type, TypeId};
use super::unify::InferError;
use super::{Instance, Mode, Operand, TypeAndValue};
use crate::diag::Pos;
use crate::syntax::ast::{ChanDir, Expr, ExprKind};

/// A generic function named by a callee or an instantiation, with the type
/// arguments written so far.
pub(super) struct GenericFunc {
    /// The function's type parameters.
    pub tparams: Vec<TypeId>,
    /// The type arguments written (a prefix of the list).
    pub targs: Vec<TypeId>,
    /// Where each written type argument is.
    pub targ_pos: Vec<Pos>,
    /// The identifier naming the function: instances are recorded at it.
    pub ident: u32,
    /// Its generic signature.
    pub sig: TypeId,
}

impl<'a> Checker<'a> {
    /// `func(args)`: a call, a conversion, or a built-in's call.
    pub(super) fn call(&mut self, e: &'a Expr, func: &'a Expr, args: &'a [Expr], ellipsis: bool) -> Operand<'a> {
        let (f, generic) = self.callee(func);
        match f.mode {
            Mode::Invalid => {
                self.use_exprs(args);
                return self.invalid_expr(e);
            }
            Mode::TypeExpr => return self.conversion_call(e, f.typ, args, ellipsis),
            Mode::Builtin(b) => return self.builtin(e, b, args, ellipsis),
            _ => {}
        }
        let Some(sig_t) = self.w.core_type(f.typ).filter(|&c| matches!(self.w.types.get(c), Type::Func(_))) else {
            self.use_exprs(args);
            let d = self.operand_string(&f);
            self.error(&e.pos, format!("invalid operation: cannot call non-function {d}"));
            return self.invalid_expr(e);
        };
        let xs = self.arguments(args);
        let Some(xs) = xs else { return self.invalid_expr(e) };
        let sig_t = match generic {
            Some(g) => match self.infer_call(e, &g, sig_t, &xs, ellipsis) {
                Some(s) => s,
                None => return self.invalid_expr(e),
            },
            None => sig_t,
        };
        let sig = self.w.types.sig(sig_t).expect("a func type").clone();
        let name = self.expr_string(func);
        if !self.check_arguments(e, &name, &sig, xs, args, ellipsis) {
            // Arguments are wrong, but the call's result is known.
        }
        self.result_of(e, &sig)
    }

    /// The operand a call with signature `sig` gives.
    fn result_of(&mut self, e: &'a Expr, sig: &super::ty::Sig) -> Operand<'a> {
        match sig.results.len() {
            0 => Operand { mode: Mode::NoValue, typ: self.w.types.tuple(vec![]), value: None, expr: Some(e) },
            1 => Operand { mode: Mode::Value, typ: sig.results[0], value: None, expr: Some(e) },
            _ => {
                let t = self.w.types.tuple(sig.results.clone());
                Operand { mode: Mode::Value, typ: t, value: None, expr: Some(e) }
            }
        }
    }

    pub(super) fn invalid_expr(&self, e: &'a Expr) -> Operand<'a> {
        Operand { mode: Mode::Invalid, typ: self.w.invalid, value: None, expr: Some(e) }
    }

    /// Checks expressions whose values go nowhere (after an error).
    pub(super) fn use_exprs(&mut self, es: &'a [Expr]) {
        for a in es {
            self.expr_or_type(a);
        }
    }

    /// The callee of a call: an expression (or type), and for a generic
    /// function the type parameters and the type arguments written.
    fn callee(&mut self, func: &'a Expr) -> (Operand<'a>, Option<GenericFunc>) {
        let inner = func.unparen();
        let (base, targ_exprs): (&'a Expr, Vec<&'a Expr>) = match &inner.kind {
            ExprKind::Index { x, index, .. } => (&**x, vec![&**index]),
            ExprKind::IndexList { x, indices, .. } => (&**x, indices.iter().collect()),
            _ => (inner, vec![]),
        };
        if let Some((obj, ident)) = self.generic_func_named(base) {
            let x = self.expr_allowing_generic(base);
            if x.mode == Mode::Invalid {
                return (x, None);
            }
            let tparams = match &self.w.obj(obj).kind {
                ObjKind::Func { tparams, .. } => tparams.clone(),
                _ => vec![],
            };
            let targs: Vec<TypeId> = targ_exprs.iter().map(|a| self.typ(a)).collect();
            if targs.contains(&self.w.invalid) {
                return (self.invalid_expr(func), None);
            }
            if targs.len() > tparams.len() {
                self.error(&targ_exprs[tparams.len()].pos, format!("got {} type arguments but want {}", targs.len(), tparams.len()));
                return (self.invalid_expr(func), None);
            }
            let targ_pos = targ_exprs.iter().map(|a| a.pos.clone()).collect();
            let g = GenericFunc { tparams, targs, targ_pos, ident, sig: x.typ };
            return (Operand { expr: Some(func), ..x }, Some(g));
        }
        (self.expr_or_type(func), None)
    }

    /// The generic function object an identifier or qualified identifier
    /// names, with the identifier's id (without checking or recording).
    fn generic_func_named(&mut self, e: &'a Expr) -> Option<(super::object::ObjId, u32)> {
        let (obj, ident) = match &e.unparen().kind {
            ExprKind::Ident(id) => (self.w.lookup(self.scope, &id.name)?.0, id.id),
            ExprKind::Selector { x, sel } => {
                let ExprKind::Ident(pid) = &x.kind else { return None };
                let (p, _) = self.w.lookup(self.scope, &pid.name)?;
                let ObjKind::PkgName { pkg } = self.w.obj(p).kind else { return None };
                let m = self.w.scope(self.w.pkg(pkg).scope).get(&sel.name)?;
                (m, sel.id)
            }
            _ => return None,
        };
        self.obj_decl(obj);
        match &self.w.obj(obj).kind {
            ObjKind::Func { tparams, method: None } if !tparams.is_empty() => Some((obj, ident)),
            _ => None,
        }
    }

    /// Checks `e` where a generic function may stand without its type
    /// arguments (they follow, or are inferred).
    fn expr_allowing_generic(&mut self, e: &'a Expr) -> Operand<'a> {
        let saved = std::mem::replace(&mut self.allow_generic, true);
        let x = self.expr(e);
        self.allow_generic = saved;
        x
    }

    /// `f[A, B]` outside a call: every type argument must be given.
    pub(super) fn instantiated_func(&mut self, e: &'a Expr, base: &'a Expr, targ_exprs: &[&'a Expr]) -> Option<Operand<'a>> {
        let (obj, ident) = self.generic_func_named(base)?;
        let x = self.expr_allowing_generic(base);
        if x.mode == Mode::Invalid {
            return Some(self.invalid_expr(e));
        }
        let tparams = match &self.w.obj(obj).kind {
            ObjKind::Func { tparams, .. } => tparams.clone(),
            _ => vec![],
        };
        let targs: Vec<TypeId> = targ_exprs.iter().map(|a| self.typ(a)).collect();
        if targs.contains(&self.w.invalid) {
            return Some(self.invalid_expr(e));
        }
        let s = self.expr_string(base);
        // Missing type arguments may follow from the constraints alone.
        let targs = if targs.len() < tparams.len() {
            match self.w.infer(&tparams, &targs, &[], &[]) {
                Ok(all) => all,
                Err(_) => {
                    self.error(&e.pos, format!("cannot use generic function {s} without instantiation"));
                    return Some(self.invalid_expr(e));
                }
            }
        } else {
            targs
        };
        if targs.len() > tparams.len() {
            self.error(&targ_exprs[tparams.len()].pos, format!("got {} type arguments but want {}", targs.len(), tparams.len()));
            return Some(self.invalid_expr(e));
        }
        let pos: Vec<Pos> = targ_exprs.iter().map(|a| a.pos.clone()).collect();
        if !self.verify_targs(&tparams, &targs, &pos) {
            return Some(self.invalid_expr(e));
        }
        let sig = self.w.instantiate_sig(x.typ, &tparams, &targs);
        self.record_flows(&tparams, &targs, &e.pos);
        self.info.instances.insert(ident, Instance { targs, typ: sig });
        Some(Operand { mode: Mode::Value, typ: sig, value: None, expr: Some(e) })
    }

    /// Infers and verifies the type arguments of a generic call; the
    /// instantiated signature.
    fn infer_call(&mut self, e: &'a Expr, g: &GenericFunc, sig_t: TypeId, xs: &[Operand<'a>], ellipsis: bool) -> Option<TypeId> {
        let sig = self.w.types.sig(sig_t).expect("a func type").clone();
        // Parameters paired with arguments (a variadic call's extra
        // arguments with the element type).
        let mut params = vec![];
        let mut arg_types = vec![];
        for (i, x) in xs.iter().enumerate() {
            let p = if sig.variadic && !ellipsis && i + 1 >= sig.params.len() {
                match sig.params.last().map(|&l| self.w.types.get(l).clone()) {
                    Some(Type::Slice(elem)) => elem,
                    _ => continue,
                }
            } else {
                match sig.params.get(i) {
                    Some(&p) => p,
                    None => continue,
                }
            };
            params.push(p);
            arg_types.push(if x.mode == Mode::Invalid { self.w.invalid } else { x.typ });
        }
        let targs = match self.w.infer(&g.tparams, &g.targs, &params, &arg_types) {
            Ok(t) => t,
            Err(why) => {
                self.infer_error(e, g, xs, why);
                return None;
            }
        };
        let mut at = g.targ_pos.clone();
        at.resize(targs.len(), call_paren(e, false));
        if !self.verify_targs(&g.tparams, &targs, &at) {
            return None;
        }
        let inst = self.w.instantiate_sig(g.sig, &g.tparams, &targs);
        self.record_flows(&g.tparams, &targs, &e.pos);
        self.info.instances.insert(g.ident, Instance { targs, typ: inst });
        Some(inst)
    }

    fn infer_error(&mut self, e: &'a Expr, g: &GenericFunc, xs: &[Operand<'a>], why: InferError) {
        match why {
            InferError::CannotInfer { tparam } => {
                let p = self.w.types.type_param(g.tparams[tparam]).map(|p| p.obj);
                let (name, pos) = p.map_or((String::new(), String::new()), |o| (self.w.obj(o).name.clone(), self.w.obj(o).pos.to_string()));
                self.error(&call_paren(e, false), format!("cannot infer {name} ({pos})"));
            }
            InferError::CoreMismatch { tparam, core } => {
                let targ = self.type_string(g.tparams[tparam]);
                let c = self.type_string(core.typ);
                let tilde = if core.tilde { "~" } else { "" };
                self.error(&call_paren(e, false), format!("{targ} does not match {tilde}{c}"));
            }
            InferError::ArgMismatch { arg, default, param, arg_type, inferred, nothing_inferred } => {
                let x = &xs[arg.min(xs.len().saturating_sub(1))];
                let text = x.expr.map(|a| self.expr_string(a)).unwrap_or_default();
                let pos = x.expr.map_or(e.pos.clone(), |a| a.pos.clone());
                let at = self.type_string(arg_type);
                let ps = self.type_string(param);
                let def = if default { "default type " } else { "type " };
                let msg = if nothing_inferred {
                    let names: Vec<String> = g.tparams.iter().map(|&p| self.type_string(p)).collect();
                    format!("{def}{at} of {text} does not match {ps} (cannot infer {})", names.join(" and "))
                } else if let Some(i) = inferred {
                    let is = self.type_string(i);
                    format!("{def}{at} of {text} does not match inferred type {is} for {ps}")
                } else {
                    format!("{def}{at} of {text} does not match {ps}")
                };
                self.error(&pos, msg);
            }
        }
    }

    /// The call's arguments as operands: one per argument, or the results
    /// of a single multi-value call spread out. `None` after an error.
    pub(super) fn arguments(&mut self, args: &'a [Expr]) -> Option<Vec<Operand<'a>>> {
        if args.len() == 1 {
            let x = self.expr(&args[0]);
            if x.mode == Mode::Invalid {
                return None;
            }
            if let Type::Tuple(ts) = self.w.types.get(x.typ).clone() {
                if x.mode == Mode::NoValue {
                    let s = self.expr_string(&args[0]);
                    self.error(&args[0].pos, format!("{s} (no value) used as value"));
                    return None;
                }
                return Some(ts.into_iter().map(|t| Operand { mode: Mode::Value, typ: t, value: None, expr: Some(&args[0]) }).collect());
            }
            if !self.single_value_arg(&x) {
                return None;
            }
            return Some(vec![x]);
        }
        let mut out = vec![];
        let mut ok = true;
        for a in args {
            let x = self.expr(a);
            if x.mode == Mode::Invalid || !self.single_value_arg(&x) {
                ok = false;
            }
            out.push(x);
        }
        ok.then_some(out)
    }

    fn single_value_arg(&mut self, x: &Operand<'a>) -> bool {
        let s = x.expr.map(|e| self.expr_string(e)).unwrap_or_default();
        let pos = x.expr.map_or(Pos::new("".into(), 0, 0), |e| e.pos.clone());
        match x.mode {
            Mode::NoValue => self.error(&pos, format!("{s} (no value) used as value")),
            Mode::TypeExpr => self.error(&pos, format!("{s} (type) is not an expression")),
            Mode::Builtin(_) => self.error(&pos, format!("{s} (built-in) must be called")),
            _ if matches!(self.w.types.get(x.typ), Type::Tuple(_)) => {
                let t = self.type_string(x.typ);
                self.error(&pos, format!("multiple-value {s} (value of type {t}) in single-value context"));
            }
            _ => return true,
        }
        false
    }

    /// Arguments against parameters: their number, then each assignable.
    fn check_arguments(&mut self, call: &'a Expr, name: &str, sig: &super::ty::Sig, mut xs: Vec<Operand<'a>>, args: &'a [Expr], ellipsis: bool) -> bool {
        let np = sig.params.len();
        if ellipsis {
            if !sig.variadic {
                let last = args.last().map_or(call.pos.clone(), |a| a.pos.clone());
                self.error(&last, format!("have (...) but function is not variadic: {name}"));
                return false;
            }
            if xs.len() != np || (args.len() == 1 && np != 1) {
                self.count_error(call, name, sig, &xs, args);
                return false;
            }
        }
        let enough = if sig.variadic && !ellipsis { xs.len() + 1 >= np } else { xs.len() == np };
        if !enough || (!sig.variadic || ellipsis) && xs.len() != np {
            self.count_error(call, name, sig, &xs, args);
            return false;
        }
        let mut ok = true;
        for (i, x) in xs.iter_mut().enumerate() {
            let t = if sig.variadic && !ellipsis && i + 1 >= np {
                match self.w.types.get(sig.params[np - 1]).clone() {
                    Type::Slice(e) => e,
                    _ => continue,
                }
            } else {
                sig.params[i]
            };
            let ctx = format!("argument to {name}");
            ok &= self.assign_to(x, t, &ctx);
        }
        ok
    }

    /// A list of types as gc's argument-count errors show it (types2's
    /// `typesSummary`): `<T>` for an invalid type, `number` for an untyped
    /// numeric one, `...E` for a variadic last parameter.
    fn types_summary(&self, list: &[TypeId], variadic: bool) -> String {
        let parts: Vec<String> = list
            .iter()
            .enumerate()
            .map(|(i, &t)| {
                if t == self.w.invalid {
                    return "<T>".to_string();
                }
                if let Some(b) = self.w.types.basic_of(t).filter(|b| b.is_untyped()) {
                    return if b.is_numeric() { "number".to_string() } else { b.name().replace("untyped ", "") };
                }
                if variadic && i + 1 == list.len() {
                    if let Type::Slice(e) = self.w.types.get(t) {
                        return format!("...{}", self.type_string(*e));
                    }
                }
                self.type_string(t)
            })
            .collect();
        parts.join(", ")
    }

    fn count_error(&mut self, call: &'a Expr, name: &str, sig: &super::ty::Sig, xs: &[Operand<'a>], args: &'a [Expr]) {
        let have: Vec<TypeId> = xs.iter().map(|x| x.typ).collect();
        let have = self.types_summary(&have, false);
        let want = format!("({})", self.types_summary(&sig.params, sig.variadic));
        let few = xs.len() < sig.params.len();
        let (what, pos) = if few {
            // At the last argument, or the call when there is none (gc).
            ("not enough", args.last().map_or(call.pos.clone(), |a| a.pos.clone()))
        } else {
            ("too many", args.get(sig.params.len()).map_or(call.pos.clone(), |a| a.pos.clone()))
        };
        self.error(&pos, format!("{what} arguments in call to {name}\n\thave ({have})\n\twant {want}"));
    }

    /// A call of built-in `b`.
    fn builtin(&mut self, e: &'a Expr, b: Builtin, args: &'a [Expr], ellipsis: bool) -> Operand<'a> {
        use Builtin::*;
        let name = builtin_name(b);
        let (min, max): (usize, Option<usize>) = match b {
            Append => (1, None),
            Cap | Close | Len | New | Panic | Real | Imag | Alignof | Offsetof | Sizeof => (1, Some(1)),
            Complex | Copy | Delete | Add | Slice => (2, Some(2)),
            Make => (1, Some(3)),
            Print | Println => (0, None),
            Recover => (0, Some(0)),
        };
        if ellipsis && b != Append {
            self.use_exprs(args);
            self.error(&e.pos, format!("invalid operation: invalid use of ... with built-in {name}"));
            return self.invalid_expr(e);
        }
        let spread = args.len() == 1 && matches!(b, Append | Complex | Copy | Delete | Print | Println) && self.is_multi_value_call(&args[0]);
        if !spread && (args.len() < min || max.is_some_and(|m| args.len() > m)) {
            // A first argument that fails is the one error (gc).
            if let Some((first, rest)) = args.split_first() {
                let x = self.expr_or_type(first);
                self.use_exprs(rest);
                if x.mode == Mode::Invalid {
                    return self.invalid_expr(e);
                }
            }
            let few = args.len() < min;
            let text = self.expr_string(e);
            let msg = if few { format!("not enough arguments for {text} (expected {min}, found {})", args.len()) } else { format!("too many arguments for {text} (expected {}, found {})", max.unwrap_or(0), args.len()) };
            // At the call, as gc reports it.
            self.error(&e.pos, format!("invalid operation: {msg}"));
            return self.invalid_expr(e);
        }
        let value = |t: TypeId| Operand { mode: Mode::Value, typ: t, value: None, expr: Some(e) };
        let int = basic(Basic::Int);
        match b {
            Len | Cap => {
                let x = self.expr(&args[0]);
                if x.mode == Mode::Invalid || !self.single_value_arg(&x) {
                    return self.invalid_expr(e);
                }
                let unders = self.term_unders(x.typ).unwrap_or_default();
                let lengthy = |c: &Self, u: TypeId| {
                    let u = match c.w.types.get(u) {
                        Type::Pointer(p) if matches!(c.w.types.under(*p), Type::Array(..)) => c.w.types.underlying(*p),
                        _ => u,
                    };
                    match c.w.types.get(u) {
                        Type::Basic(bb) => bb.is_string() && b == Len,
                        Type::Array(..) | Type::Slice(_) | Type::Chan(..) => true,
                        Type::Map(..) => b == Len,
                        _ => false,
                    }
                };
                let ok = !unders.is_empty() && unders.iter().all(|&u| lengthy(self, u));
                let t = match self.w.types.get(self.w.types.underlying(x.typ)) {
                    Type::Pointer(p) if matches!(self.w.types.under(*p), Type::Array(..)) => self.w.types.underlying(*p),
                    _ => self.w.types.underlying(x.typ),
                };
                if !ok {
                    let d = self.operand_string(&x);
                    self.error(&args[0].pos, format!("invalid argument: {d} for {name}"));
                    return self.invalid_expr(e);
                }
                // A constant: a constant string's length; an array's, when
                // the argument has no calls or receives.
                if let (Type::Basic(_), Some(Const::String(s))) = (self.w.types.get(t), &x.value) {
                    return Operand { mode: Mode::Constant, typ: int, value: Some(Const::Int(s.len() as i128)), expr: Some(e) };
                }
                if let Type::Array(_, n) = self.w.types.get(t) {
                    if !self.w.types.is_type_param(x.typ) && !self.has_call_or_recv(&args[0]) {
                        return Operand { mode: Mode::Constant, typ: int, value: Some(Const::Int(*n as i128)), expr: Some(e) };
                    }
                }
                value(int)
            }
            New => {
                let t = self.typ(&args[0]);
                if t == self.w.invalid {
                    return self.invalid_expr(e);
                }
                let p = self.w.types.pointer(t);
                value(p)
            }
            Make => {
                let t = self.typ(&args[0]);
                if t == self.w.invalid {
                    self.use_exprs(&args[1..]);
                    return self.invalid_expr(e);
                }
                let core = self.w.core_type(t).unwrap_or(t);
                let (min_args, kind_ok) = match self.w.types.get(core) {
                    Type::Slice(_) => (2, true),
                    Type::Map(..) | Type::Chan(..) => (1, true),
                    _ => (1, false),
                };
                if !kind_ok {
                    self.use_exprs(&args[1..]);
                    let s = self.expr_string(&args[0]);
                    self.error(&args[0].pos, format!("invalid argument: cannot make {s}; type must be slice, map, or channel"));
                    return self.invalid_expr(e);
                }
                if args.len() < min_args || (min_args == 1 && args.len() > 2) {
                    self.use_exprs(&args[1..]);
                    let msg = format!("invalid operation: {} expects {min_args} or {} arguments; found {}", self.expr_string(e), min_args + 1, args.len());
                    self.error(&e.pos, msg);
                    return self.invalid_expr(e);
                }
                let mut sizes = vec![];
                for a in &args[1..] {
                    match self.index_value(a, "index") {
                        Some(v) => sizes.push(v),
                        None => return value(t),
                    }
                }
                if let [Some(len), Some(cap)] = sizes[..] {
                    if len > cap {
                        self.error(&args[1].pos, "invalid argument: length and capacity swapped");
                    }
                }
                value(t)
            }
            Append => {
                let xs = self.arguments(args);
                let Some(mut xs) = xs else { return self.invalid_expr(e) };
                let s = xs[0].clone();
                let Some(core) = self.w.core_type(s.typ).filter(|&c| matches!(self.w.types.get(c), Type::Slice(_))) else {
                    let d = self.operand_string(&s);
                    let msg = if self.w.types.basic_of(s.typ) == Some(Basic::UntypedNil) { "invalid argument: nil is not a slice".to_string() } else { format!("invalid argument: {d} is not a slice") };
                    self.error(&args[0].pos, msg);
                    return self.invalid_expr(e);
                };
                let Type::Slice(elem) = *self.w.types.get(core) else { unreachable!("a slice") };
                if ellipsis {
                    if xs.len() != 2 {
                        self.error(&e.pos, "can only use ... with final argument in list");
                        return self.invalid_expr(e);
                    }
                    // append([]byte, string...)
                    let y = &mut xs[1];
                    let is_bytes = self.w.types.basic_of(elem) == Some(Basic::Uint8);
                    if is_bytes && self.w.core_string(y.typ).is_some_and(|c| self.w.types.basic_of(c).is_some_and(Basic::is_string)) {
                        if self.w.types.is_untyped(y.typ) {
                            self.convert_untyped(y, basic(Basic::String), "argument to append");
                        }
                        return value(s.typ);
                    }
                    let st = self.w.types.slice(elem);
                    self.assign_to(y, st, "argument to append");
                    return value(s.typ);
                }
                for x in xs.iter_mut().skip(1) {
                    self.assign_to(x, elem, "argument to append");
                }
                value(s.typ)
            }
            Copy => {
                let Some(xs) = self.arguments(args) else { return self.invalid_expr(e) };
                let (dst, src) = (&xs[0], &xs[1]);
                let dc = self.w.core_type(dst.typ);
                let sc = self.w.core_string(src.typ);
                let delem = dc.and_then(|c| match self.w.types.get(c) {
                    Type::Slice(el) => Some(*el),
                    _ => None,
                });
                let selem = sc.and_then(|c| match self.w.types.get(c) {
                    Type::Slice(el) => Some(*el),
                    Type::Basic(bb) if bb.is_string() => Some(super::ty::BYTE),
                    _ => None,
                });
                match (delem, selem) {
                    (Some(a), Some(bt)) if self.identical(a, bt) => value(int),
                    (Some(a), Some(bt)) => {
                        let (dd, ss) = (self.operand_string(dst), self.operand_string(src));
                        let (as_, bs) = (self.type_string(a), self.type_string(bt));
                        self.error(&e.pos, format!("invalid argument: arguments to copy {dd} and {ss} have different element types {as_} and {bs}"));
                        self.invalid_expr(e)
                    }
                    _ => {
                        let (dd, ss) = (self.operand_string(dst), self.operand_string(src));
                        self.error(&e.pos, format!("invalid argument: copy expects slice arguments; found {dd} and {ss}"));
                        self.invalid_expr(e)
                    }
                }
            }
            Delete => {
                let Some(mut xs) = self.arguments(args) else { return self.invalid_expr(e) };
                let m = xs[0].clone();
                let unders = self.term_unders(m.typ).unwrap_or_default();
                let keys: Vec<TypeId> = unders.iter().filter_map(|&u| match self.w.types.get(u) {
                    Type::Map(k, _) => Some(*k),
                    _ => None,
                }).collect();
                let same_key = !keys.is_empty() && keys.len() == unders.len() && keys.iter().all(|&k| self.identical(k, keys[0]));
                let Some(k) = same_key.then(|| keys[0]) else {
                    let d = self.operand_string(&m);
                    self.error(&args[0].pos, format!("invalid argument: {d} is not a map"));
                    return self.invalid_expr(e);
                };
                let ks = self.type_string(k);
                let d = self.operand_string(&xs[1]);
                if !self.assign_to_quiet(&mut xs[1], k) {
                    self.error(&args[1].pos, format!("cannot use {d} as {ks} value in argument to delete"));
                }
                Operand { mode: Mode::NoValue, typ: self.w.types.tuple(vec![]), value: None, expr: Some(e) }
            }
            Close => {
                let x = self.expr(&args[0]);
                if x.mode == Mode::Invalid || !self.single_value_arg(&x) {
                    return self.invalid_expr(e);
                }
                let d = self.operand_string(&x);
                let unders = self.term_unders(x.typ).unwrap_or_default();
                let chans: Vec<ChanDir> = unders.iter().filter_map(|&u| match self.w.types.get(u) {
                    Type::Chan(dir, _) => Some(*dir),
                    _ => None,
                }).collect();
                if chans.is_empty() || chans.len() != unders.len() {
                    self.error(&args[0].pos, format!("invalid operation: cannot close non-channel {d}"));
                    return self.invalid_expr(e);
                }
                if chans.contains(&ChanDir::Recv) {
                    self.error(&args[0].pos, format!("invalid operation: cannot close receive-only channel {d}"));
                    return self.invalid_expr(e);
                }
                Operand { mode: Mode::NoValue, typ: self.w.types.tuple(vec![]), value: None, expr: Some(e) }
            }
            Panic => {
                let x = self.expr(&args[0]);
                if x.mode == Mode::Invalid || !self.single_value_arg(&x) {
                    return self.invalid_expr(e);
                }
                let mut x = x;
                let any = self.w.any;
                self.assign_to(&mut x, any, "argument to panic");
                Operand { mode: Mode::NoValue, typ: self.w.types.tuple(vec![]), value: None, expr: Some(e) }
            }
            Print | Println => {
                let Some(xs) = self.arguments(args) else { return self.invalid_expr(e) };
                for mut x in xs {
                    let a = x.expr.expect("arguments have expressions");
                    if self.w.types.is_untyped(x.typ) {
                        if self.w.types.basic_of(x.typ) == Some(Basic::UntypedNil) {
                            self.error(&a.pos, "use of untyped nil in argument to built-in print");
                            continue;
                        }
                        let d = self.default_type(x.typ);
                        self.convert_untyped(&mut x, d, &format!("argument to built-in {name}"));
                        self.record_final(&x);
                    }
                }
                Operand { mode: Mode::NoValue, typ: self.w.types.tuple(vec![]), value: None, expr: Some(e) }
            }
            Recover => value(self.w.any),
            Complex => {
                let Some(xs) = self.arguments(args) else { return self.invalid_expr(e) };
                let [mut x, mut y] = <[Operand<'a>; 2]>::try_from(xs).unwrap_or_else(|xs| {
                    let first = xs.into_iter().next().expect("at least one argument");
                    (first.clone(), Operand { mode: Mode::Invalid, ..first })
                }.into());
                if x.mode == Mode::Invalid || y.mode == Mode::Invalid {
                    return self.invalid_expr(e);
                }
                // Untyped arguments take each other's type, else float64.
                let (xu, yu) = (self.w.types.is_untyped(x.typ), self.w.types.is_untyped(y.typ));
                if xu && !yu {
                    let t = y.typ;
                    self.convert_untyped(&mut x, t, "argument to complex");
                } else if yu && !xu {
                    let t = x.typ;
                    self.convert_untyped(&mut y, t, "argument to complex");
                } else if xu && yu && !(x.mode == Mode::Constant && y.mode == Mode::Constant) {
                    let f = basic(Basic::Float64);
                    self.convert_untyped(&mut x, f, "argument to complex");
                    self.convert_untyped(&mut y, f, "argument to complex");
                } else if xu && yu {
                    // Two untyped constants: the larger kind of both.
                    let f = basic(Basic::UntypedFloat);
                    for z in [&mut x, &mut y] {
                        if matches!(self.w.types.basic_of(z.typ), Some(Basic::UntypedInt | Basic::UntypedRune)) {
                            z.typ = f;
                        }
                    }
                }
                if x.mode == Mode::Invalid || y.mode == Mode::Invalid {
                    return self.invalid_expr(e);
                }
                if !self.identical(x.typ, y.typ) {
                    let (xs, ys) = (self.type_string(x.typ), self.type_string(y.typ));
                    let text = self.expr_string(e);
                    self.error(&e.pos, format!("invalid operation: {text} (mismatched types {xs} and {ys})"));
                    return self.invalid_expr(e);
                }
                let res = match self.w.types.basic_of(x.typ) {
                    Some(Basic::Float32) => basic(Basic::Complex64),
                    Some(Basic::Float64) => basic(Basic::Complex128),
                    Some(bb) if bb.is_untyped() && bb.is_numeric() => basic(Basic::UntypedComplex),
                    _ => {
                        self.error(&args[0].pos, format!("invalid argument: arguments have type {}, expected floating-point", self.type_string(x.typ)));
                        return self.invalid_expr(e);
                    }
                };
                if let (Mode::Constant, Mode::Constant, Some(re), Some(im)) = (x.mode, y.mode, x.value.as_ref().and_then(Const::as_f64), y.value.as_ref().and_then(Const::as_f64)) {
                    let is_complex = |v: &Option<Const>| matches!(v, Some(Const::Complex(_, i)) if *i != 0.0);
                    if is_complex(&x.value) || is_complex(&y.value) {
                        self.error(&e.pos, "invalid operation: complex arguments must be real");
                        return self.invalid_expr(e);
                    }
                    // Exact parts where both are known exactly (a part
                    // beyond float64's precision stays exact).
                    let exact = match (x.value.as_ref().and_then(Const::to_rat), y.value.as_ref().and_then(Const::to_rat)) {
                        (Some(r), Some(i)) => crate::check::constant::normalize_complex(r, i).ok(),
                        _ => None,
                    };
                    let v = exact.unwrap_or(Const::Complex(re, im));
                    return Operand { mode: Mode::Constant, typ: res, value: Some(v), expr: Some(e) };
                }
                value(res)
            }
            Real | Imag => {
                let mut x = self.expr(&args[0]);
                if x.mode == Mode::Invalid || !self.single_value_arg(&x) {
                    return self.invalid_expr(e);
                }
                if self.w.types.is_untyped(x.typ) && x.mode != Mode::Constant {
                    let c = basic(Basic::Complex128);
                    self.convert_untyped(&mut x, c, &format!("argument to {name}"));
                }
                let res = match self.w.types.basic_of(x.typ) {
                    Some(Basic::Complex64) => basic(Basic::Float32),
                    Some(Basic::Complex128) => basic(Basic::Float64),
                    Some(bb) if bb.is_untyped() && bb.is_numeric() => basic(Basic::UntypedFloat),
                    _ => {
                        let d = self.operand_string(&x);
                        self.error(&args[0].pos, format!("invalid argument: {d} not of complex type"));
                        return self.invalid_expr(e);
                    }
                };
                if x.mode == Mode::Constant {
                    // The exact part (`imag(0.01i) == 0.01`), else its f64.
                    let exact = x.value.as_ref().and_then(Const::to_rat_pair).and_then(|(re, im)| {
                        crate::check::constant::normalize(if b == Real { re } else { im }, false).ok()
                    });
                    let v = exact.unwrap_or_else(|| {
                        let (re, im) = x.value.as_ref().and_then(Const::as_complex).unwrap_or((0.0, 0.0));
                        Const::Float(if b == Real { re } else { im } + 0.0)
                    });
                    return Operand { mode: Mode::Constant, typ: res, value: Some(v), expr: Some(e) };
                }
                value(res)
            }
            Sizeof | Alignof => {
                let mut x = self.expr(&args[0]);
                if x.mode == Mode::Invalid || !self.single_value_arg(&x) {
                    return self.invalid_expr(e);
                }
                if self.w.types.is_untyped(x.typ) {
                    let d = self.default_type(x.typ);
                    self.convert_untyped(&mut x, d, &format!("argument to unsafe.{name}"));
                    self.record_final(&x);
                }
                let uintptr = basic(Basic::Uintptr);
                match self.w.size_align(x.typ) {
                    Some((s, a)) => {
                        let v = if b == Sizeof { s } else { a };
                        Operand { mode: Mode::Constant, typ: uintptr, value: Some(Const::Int(v as i128)), expr: Some(e) }
                    }
                    None => value(uintptr),
                }
            }
            Offsetof => {
                let arg = args[0].unparen();
                let ExprKind::Selector { x: base, sel } = &arg.kind else {
                    self.expr(&args[0]);
                    let s = self.expr_string(&args[0]);
                    self.error(&args[0].pos, format!("invalid argument: {s} is not a selector expression"));
                    return self.invalid_expr(e);
                };
                let x = self.expr(arg);
                if x.mode == Mode::Invalid {
                    return self.invalid_expr(e);
                }
                let Some(selection) = self.info.selections.get(arg.id).cloned() else {
                    let s = self.expr_string(&args[0]);
                    self.error(&args[0].pos, format!("invalid argument: {s} is a method value"));
                    return self.invalid_expr(e);
                };
                if selection.kind != super::SelectionKind::FieldVal {
                    let s = self.expr_string(&args[0]);
                    self.error(&args[0].pos, format!("invalid argument: {s} is a method value"));
                    return self.invalid_expr(e);
                }
                // The field must be reached without an embedded pointer.
                // The selector's operand, its pointer followed.
                let base_t = self.info.types.get(base.id).map(|tv| tv.typ).unwrap_or(self.w.invalid);
                let mut t = match self.w.types.get(base_t) {
                    Type::Pointer(p) => *p,
                    _ => base_t,
                };
                let mut off = 0u64;
                for (k, &i) in selection.index.iter().enumerate() {
                    let Some(offs) = self.w.field_offsets(t) else { return value(basic(Basic::Uintptr)) };
                    off += offs[i as usize];
                    let Type::Struct(fs) = self.w.types.under(t).clone() else { break };
                    let ft = fs[i as usize].typ;
                    if k + 1 < selection.index.len() && matches!(self.w.types.get(ft), Type::Pointer(_)) {
                        let s = self.expr_string(&args[0]);
                        self.error(&args[0].pos, format!("invalid argument: field {} is embedded via a pointer in {s}", sel.name));
                        return self.invalid_expr(e);
                    }
                    t = ft;
                }
                Operand { mode: Mode::Constant, typ: basic(Basic::Uintptr), value: Some(Const::Int(off as i128)), expr: Some(e) }
            }
            Add => {
                let mut p = self.expr(&args[0]);
                let n = self.expr(&args[1]);
                if p.mode == Mode::Invalid || n.mode == Mode::Invalid {
                    return self.invalid_expr(e);
                }
                let up = basic(Basic::UnsafePointer);
                self.assign_to(&mut p, up, "argument to unsafe.Add");
                if !self.w.types.basic_of(n.typ).is_some_and(Basic::is_integer) {
                    let d = self.operand_string(&n);
                    self.error(&args[1].pos, format!("cannot use {d} as int value in argument to unsafe.Add"));
                }
                value(up)
            }
            Slice => {
                let p = self.expr(&args[0]);
                let n = self.expr(&args[1]);
                if p.mode == Mode::Invalid || n.mode == Mode::Invalid {
                    return self.invalid_expr(e);
                }
                let Type::Pointer(elem) = *self.w.types.under(p.typ) else {
                    let d = self.operand_string(&p);
                    self.error(&args[0].pos, format!("invalid argument: {d} is not a pointer"));
                    return self.invalid_expr(e);
                };
                if !self.w.types.basic_of(n.typ).is_some_and(Basic::is_integer) {
                    let d = self.operand_string(&n);
                    self.error(&args[1].pos, format!("cannot use {d} as int value in argument to unsafe.Slice"));
                }
                let s = self.w.types.slice(elem);
                value(s)
            }
        }
    }

    /// Whether an expression contains a function call or a receive (the
    /// spec's condition for `len` of an array not being constant):
    /// conversions and calls with constant results are no such calls.
    fn has_call_or_recv(&self, e: &Expr) -> bool {
        let recorded = |x: &Expr| self.info.types.get(x.id).map(|tv| tv.mode);
        match &e.kind {
            ExprKind::Call { func, args, .. } => {
                let conversion = recorded(func.unparen()) == Some(Mode::TypeExpr);
                let constant = recorded(e) == Some(Mode::Constant);
                !(conversion || constant) || args.iter().any(|a| self.has_call_or_recv(a))
            }
            ExprKind::Unary { op: crate::syntax::ast::UnaryOp::Recv, .. } => true,
            ExprKind::Paren(x) | ExprKind::Unary { x, .. } | ExprKind::Star(x) => self.has_call_or_recv(x),
            ExprKind::Selector { x, .. } => self.has_call_or_recv(x),
            ExprKind::Index { x, index, .. } => self.has_call_or_recv(x) || self.has_call_or_recv(index),
            ExprKind::Binary { x, y, .. } => self.has_call_or_recv(x) || self.has_call_or_recv(y),
            ExprKind::Composite { elems, .. } => elems.iter().any(|el| self.has_call_or_recv(&el.value) || el.key.as_ref().is_some_and(|k| self.has_call_or_recv(k))),
            _ => false,
        }
    }

    /// The underlying types `t` may have: its own, or for a type parameter
    /// those of its type set's terms (`None` without specific types).
    pub(super) fn term_unders(&mut self, t: TypeId) -> Option<Vec<TypeId>> {
        if !self.w.types.is_type_param(t) {
            return Some(vec![self.w.types.underlying(t)]);
        }
        let c = self.w.types.type_param(t).and_then(|p| p.constraint)?;
        let terms = self.w.type_set(c).terms.clone().filter(|ts| !ts.is_empty())?;
        Some(terms.iter().map(|term| self.w.types.underlying(term.typ)).collect())
    }

    /// Whether `e` is a call of a function with several results (without
    /// checking it: its callee's type, if already known, says).
    fn is_multi_value_call(&mut self, e: &'a Expr) -> bool {
        let ExprKind::Call { func, .. } = &e.unparen().kind else { return false };
        let ExprKind::Ident(id) = &func.unparen().kind else { return false };
        let Some((o, _)) = self.w.lookup(self.scope, &id.name) else { return false };
        self.obj_decl(o);
        self.w.obj(o).typ.and_then(|t| self.w.types.sig(t)).is_some_and(|s| s.results.len() > 1)
    }

    /// An index or size argument: an integer value, or an untyped
    /// constant representable as an int; its constant value if it has one
    /// (negative ones are reported). `None` after an error.
    pub(super) fn index_value(&mut self, a: &'a Expr, what: &str) -> Option<Option<i128>> {
        let mut x = self.expr(a);
        if x.mode == Mode::Invalid || !self.single_value_arg(&x) {
            return None;
        }
        if x.mode == Mode::Constant && self.w.types.is_untyped(x.typ) {
            let v = x.value.clone().expect("constant");
            let Some(i) = v.to_integer() else {
                let d = self.operand_string(&x);
                self.error(&a.pos, format!("invalid argument: {what} {d} truncated to int"));
                return None;
            };
            let int = basic(Basic::Int);
            if !self.convert_untyped(&mut x, int, what) {
                return None;
            }
            self.record_final(&x);
            let n = i.as_int();
            if n.is_some_and(|n| n < 0) {
                let d = self.operand_string(&x);
                self.error(&a.pos, format!("invalid argument: {what} {d} must not be negative"));
                return None;
            }
            return Some(n);
        }
        if !self.w.all_basic(x.typ, Basic::is_integer) {
            let d = self.operand_string(&x);
            self.error(&a.pos, format!("invalid argument: {what} {d} must be integer"));
            return None;
        }
        if x.mode == Mode::Constant {
            let n = x.value.as_ref().and_then(Const::as_int);
            if n.is_some_and(|n| n < 0) {
                let d = self.operand_string(&x);
                self.error(&a.pos, format!("invalid argument: {what} {d} must not be negative"));
                return None;
            }
            return Some(n);
        }
        Some(None)
    }

    /// Records an operand's type and value again, after its context gave
    /// it its final type.
    pub(super) fn record_final(&mut self, x: &Operand<'a>) {
        if let (Some(e), true) = (x.expr, x.mode != Mode::Invalid) {
            self.info.types.insert(e.id, TypeAndValue { mode: x.mode, typ: x.typ, value: x.value.clone() });
        }
    }

    /// Like [`Checker::assign_to`], without a message: whether it is.
    fn assign_to_quiet(&mut self, x: &mut Operand<'a>, t: TypeId) -> bool {
        let before = self.errors_len();
        let ok = self.assign_to(x, t, "argument");
        self.truncate_errors(before);
        ok
    }
}

fn builtin_name(b: Builtin) -> &'static str {
    Builtin::UNIVERSE.iter().chain(Builtin::UNSAFE.iter()).find(|(_, x)| *x == b).map_or("?", |(n, _)| n)
}

/// A call's opening parenthesis (where gc reports about its type
/// arguments) or, with `closing`, its closing one (missing arguments).
fn call_paren(call: &Expr, closing: bool) -> Pos {
    match &call.kind {
        ExprKind::Call { lparen, rparen, .. } => if closing { rparen.clone() } else { lparen.clone() },
        _ => call.pos.clone(),
    }
}

