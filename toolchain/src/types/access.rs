//! Expressions that reach into a value: selectors, index and slice
//! expressions, indirection, type assertions, address-of and receive.

use super::check::Checker;
use super::constant::Const;
use super::lookup::{Found, Lookup};
use super::object::ObjKind;
use super::ty::{basic, Basic, Type, TypeId};
use super::{Mode, Operand, Selection, SelectionKind};
use crate::syntax::ast::{self, ChanDir, Expr, ExprKind};

impl<'a> Checker<'a> {
    /// `x.sel` where `x` is not a package name: a field, a method value or
    /// a method expression.
    pub(super) fn selector(&mut self, e: &'a Expr, xe: &'a Expr, sel: &'a ast::Ident) -> Operand<'a> {
        let x = self.expr_or_type(xe);
        if x.mode == Mode::Invalid {
            return self.invalid_expr(e);
        }
        if matches!(x.mode, Mode::Builtin(_) | Mode::NoValue) || (x.mode != Mode::TypeExpr && matches!(self.w.types.get(x.typ), Type::Tuple(_))) {
            self.single_value_or_type(&x);
            return self.invalid_expr(e);
        }
        if x.typ == self.w.invalid || self.w.types.underlying(x.typ) == self.w.invalid {
            // Its type failed (reported): nothing to say of its members.
            return self.invalid_expr(e);
        }
        let pkg = self.path().to_string();
        let method_expr = x.mode == Mode::TypeExpr;
        let addressable = x.mode == Mode::Variable;
        let found = self.w.lookup_field_or_method(x.typ, addressable, &pkg, &sel.name);
        let (found, index, indirect) = match found {
            Lookup::Found { found, index, indirect } => (found, index, indirect),
            Lookup::Ambiguous { .. } => {
                let text = self.expr_string(e);
                self.error(&sel.pos, format!("ambiguous selector {text}"));
                return self.invalid_expr(e);
            }
            Lookup::NeedsPointer => {
                let t = self.type_string(x.typ);
                if method_expr {
                    let text = self.expr_string(e);
                    self.error(&e.pos, format!("invalid method expression {text} (needs pointer receiver (*{t}).{})", sel.name));
                } else {
                    self.error(&sel.pos, format!("cannot call pointer method {} on {t}", sel.name));
                }
                return self.invalid_expr(e);
            }
            Lookup::NotFound => {
                if let Some(what) = self.unsupported_member(x.typ, &sel.name) {
                    self.error(&sel.pos, format!("rgo does not support {what} yet"));
                    return self.invalid_expr(e);
                }
                let text = self.expr_string(e);
                let t = self.type_string(x.typ);
                let what = if method_expr { format!("type {t} has no method {}", sel.name) } else if matches!(self.w.types.get(x.typ), Type::Pointer(p) if self.w.types.is_interface(*p)) { format!("type {t} is pointer to interface, not interface") } else { format!("type {t} has no field or method {}", sel.name) };
                self.error(&sel.pos, format!("{text} undefined ({what})"));
                return self.invalid_expr(e);
            }
        };
        match found {
            Found::Field { typ, .. } => {
                if typ == self.w.invalid {
                    return self.invalid_expr(e);
                }
                if method_expr {
                    let t = self.type_string(x.typ);
                    let text = self.expr_string(e);
                    self.error(&sel.pos, format!("{text} undefined (type {t} has no method {})", sel.name));
                    return self.invalid_expr(e);
                }
                let mode = if x.mode == Mode::Variable || indirect { Mode::Variable } else { Mode::Value };
                self.info.selections.insert(e.id, Selection { kind: SelectionKind::FieldVal, recv: x.typ, obj: None, index, indirect, typ });
                Operand { mode, typ, value: None, expr: Some(e) }
            }
            Found::Method { obj, .. } | Found::IfaceMethod { obj, .. } => {
                self.obj_decl(obj);
                // A method value or expression refers to a method of a
                // concrete type, for the order of initialization (the spec's
                // "references"); an interface's method refers to nothing.
                if matches!(found, Found::Method { .. }) {
                    self.add_dep(obj);
                }
                self.info.uses.insert(sel.id, obj);
                self.w.obj_mut(obj).used = true;
                let Some(sig) = self.w.found_method_sig(&found) else { return self.invalid_expr(e) };
                if method_expr {
                    // T.M: the receiver becomes the first parameter.
                    let s = self.w.types.sig(sig).expect("a method has a signature").clone();
                    let mut params = vec![x.typ];
                    params.extend(s.params);
                    let t = self.w.types.func(params, s.results, s.variadic);
                    self.info.selections.insert(e.id, Selection { kind: SelectionKind::MethodExpr, recv: x.typ, obj: Some(obj), index, indirect, typ: t });
                    return Operand { mode: Mode::Value, typ: t, value: None, expr: Some(e) };
                }
                self.info.selections.insert(e.id, Selection { kind: SelectionKind::MethodVal, recv: x.typ, obj: Some(obj), index, indirect, typ: sig });
                Operand { mode: Mode::Value, typ: sig, value: None, expr: Some(e) }
            }
        }
    }

    /// Reports an operand that is neither one value nor a type.
    fn single_value_or_type(&mut self, x: &Operand<'a>) {
        let s = x.expr.map(|e| self.expr_string(e)).unwrap_or_default();
        let pos = x.expr.map_or(crate::diag::Pos::new("".into(), 0, 0), |e| e.pos.clone());
        match x.mode {
            Mode::NoValue => self.error(&pos, format!("{s} (no value) used as value")),
            Mode::Builtin(_) => self.error(&pos, format!("{s} (built-in) must be called")),
            _ => {
                let t = self.type_string(x.typ);
                self.error(&pos, format!("multiple-value {s} (value of type {t}) in single-value context"));
            }
        }
    }

    /// Whether `e` names a type (an identifier, a qualified identifier or
    /// an instantiation of one), found without checking anything.
    pub(super) fn denotes_type(&mut self, e: &'a Expr) -> bool {
        match &e.unparen().kind {
            ExprKind::Ident(id) => self.w.lookup(self.scope, &id.name).is_some_and(|(o, _)| matches!(self.w.obj(o).kind, ObjKind::TypeName { .. })),
            ExprKind::Selector { x, sel } => {
                let ExprKind::Ident(pid) = &x.kind else { return false };
                let Some((p, _)) = self.w.lookup(self.scope, &pid.name) else { return false };
                let ObjKind::PkgName { pkg } = self.w.obj(p).kind else { return false };
                self.w.scope(self.w.pkg(pkg).scope).get(&sel.name).is_some_and(|m| matches!(self.w.obj(m).kind, ObjKind::TypeName { .. }))
            }
            ExprKind::Index { x, .. } | ExprKind::IndexList { x, .. } => self.denotes_type(x),
            _ => false,
        }
    }

    /// `x[i]`: an index expression, or an instantiation of a generic
    /// function or type.
    pub(super) fn index(&mut self, e: &'a Expr, xe: &'a Expr, indices: &[&'a Expr]) -> Operand<'a> {
        if self.denotes_type(xe) {
            let t = self.typ(e);
            return Operand { mode: if t == self.w.invalid { Mode::Invalid } else { Mode::TypeExpr }, typ: t, value: None, expr: Some(e) };
        }
        if let Some(x) = self.instantiated_func(e, xe, indices) {
            return x;
        }
        let x = self.expr(xe);
        if x.mode == Mode::Invalid {
            for i in indices {
                self.expr(i);
            }
            return self.invalid_expr(e);
        }
        let core = self.w.core_type(x.typ).or_else(|| self.common_index_type(x.typ));
        // What cannot be indexed at all is reported first, as gc does
        // (`f[int, string]` of a function that is not generic).
        let indexable = core.is_some_and(|c| match self.w.types.get(c) {
            Type::Basic(b) => b.is_string(),
            Type::Array(..) | Type::Slice(_) | Type::Map(..) => true,
            Type::Pointer(p) => matches!(self.w.types.under(*p), Type::Array(..)),
            _ => false,
        });
        if indices.len() != 1 {
            if indexable {
                self.error(&indices[1].pos, "invalid operation: more than one index");
            } else {
                let d = self.operand_string(&x);
                let at = match &e.kind {
                    ExprKind::IndexList { lbrack, .. } => lbrack,
                    _ => &e.pos,
                };
                self.error(at, format!("invalid operation: cannot index {d}"));
            }
            for i in indices {
                self.expr(i);
            }
            return self.invalid_expr(e);
        }
        let ie = indices[0];
        let Some(core) = core else {
            let d = self.operand_string(&x);
            self.error(&e.pos, format!("invalid operation: cannot index {d}"));
            self.expr(ie);
            return self.invalid_expr(e);
        };
        let (elem, mode, len): (TypeId, Mode, Option<u64>) = match self.w.types.get(core).clone() {
            Type::Basic(b) if b.is_string() => {
                let len = match (&x.value, x.mode) {
                    (Some(Const::String(s)), Mode::Constant) => Some(s.len() as u64),
                    _ => None,
                };
                (super::ty::BYTE, Mode::Value, len)
            }
            Type::Array(el, n) => (el, if x.mode == Mode::Variable { Mode::Variable } else { Mode::Value }, Some(n)),
            Type::Pointer(p) => match self.w.types.under(p).clone() {
                Type::Array(el, n) => (el, Mode::Variable, Some(n)),
                _ => return self.cannot_index(e, &x, ie),
            },
            Type::Slice(el) => (el, Mode::Variable, None),
            Type::Map(k, v) => {
                let mut key = self.expr(ie);
                if key.mode != Mode::Invalid && self.single_value_ok_arg(&key) {
                    self.assign_to(&mut key, k, "map index");
                }
                return Operand { mode: Mode::MapIndex, typ: v, value: None, expr: Some(e) };
            }
            _ => return self.cannot_index(e, &x, ie),
        };
        let Some(i) = self.index_value(ie, "index") else { return Operand { mode, typ: elem, value: None, expr: Some(e) } };
        if let (Some(i), Some(n)) = (i, len) {
            if i as u128 >= n as u128 {
                let d = self.expr_string(ie);
                self.error(&ie.pos, format!("invalid argument: index {d} out of bounds [0:{n}]"));
                return self.invalid_expr(e);
            }
        }
        // A constant string indexed by a constant: still not a constant.
        Operand { mode, typ: elem, value: None, expr: Some(e) }
    }

    /// A type parameter without a core type may still be indexed when
    /// every type of its set is an array, a pointer to one, a slice or a
    /// string with one element type: a slice of that element stands for
    /// them (the result is a value, never a variable, as gc has it).
    fn common_index_type(&mut self, t: TypeId) -> Option<TypeId> {
        let unders = self.term_unders(t)?;
        let mut elem: Option<TypeId> = None;
        for u in unders {
            let u = match self.w.types.get(u) {
                Type::Pointer(p) => self.w.types.underlying(*p),
                _ => u,
            };
            let e = match self.w.types.get(u) {
                Type::Array(e, _) | Type::Slice(e) => *e,
                Type::Basic(b) if b.is_string() => super::ty::BYTE,
                _ => return None,
            };
            if elem.is_some_and(|x| !self.identical(x, e)) {
                return None;
            }
            elem = Some(e);
        }
        Some(self.w.types.slice(elem?))
    }

    fn cannot_index(&mut self, e: &'a Expr, x: &Operand<'a>, ie: &'a Expr) -> Operand<'a> {
        self.expr(ie);
        let d = self.operand_string(x);
        self.error(&e.pos, format!("invalid operation: cannot index {d}"));
        self.invalid_expr(e)
    }

    fn single_value_ok_arg(&mut self, x: &Operand<'a>) -> bool {
        !matches!(x.mode, Mode::NoValue | Mode::TypeExpr | Mode::Builtin(_)) && !matches!(self.w.types.get(x.typ), Type::Tuple(_))
    }

    /// `x[lo:hi]`, `x[lo:hi:max]`.
    pub(super) fn slice_expr(&mut self, e: &'a Expr, xe: &'a Expr, bounds: [Option<&'a Expr>; 3], three: bool) -> Operand<'a> {
        let mut x = self.expr(xe);
        if x.mode == Mode::Invalid {
            for b in bounds.iter().flatten() {
                self.expr(b);
            }
            return self.invalid_expr(e);
        }
        let Some(core) = self.w.core_string(x.typ) else {
            let d = self.operand_string(&x);
            self.error(&e.pos, format!("cannot slice {d}: {} has no core type", self.type_string(x.typ)));
            return self.invalid_expr(e);
        };
        let (result, len): (TypeId, Option<u64>) = match self.w.types.get(core).clone() {
            Type::Basic(b) if b.is_string() => {
                if three {
                    self.error(&e.pos, "invalid operation: 3-index slice of string");
                    return self.invalid_expr(e);
                }
                let len = match (&x.value, x.mode) {
                    (Some(Const::String(s)), Mode::Constant) => Some(s.len() as u64),
                    _ => None,
                };
                let t = if self.w.types.is_untyped(x.typ) {
                    let s = basic(Basic::String);
                    self.convert_untyped(&mut x, s, "slice expression");
                    self.record_final(&x);
                    s
                } else {
                    x.typ
                };
                (t, len)
            }
            Type::Array(el, n) => {
                if x.mode != Mode::Variable {
                    let d = self.operand_string(&x);
                    self.error(&e.pos, format!("invalid operation: {d} (slice of unaddressable value)"));
                    return self.invalid_expr(e);
                }
                (self.w.types.slice(el), Some(n))
            }
            Type::Pointer(p) => match self.w.types.under(p).clone() {
                Type::Array(el, n) => (self.w.types.slice(el), Some(n)),
                _ => {
                    let d = self.operand_string(&x);
                    self.error(&e.pos, format!("cannot slice {d}"));
                    return self.invalid_expr(e);
                }
            },
            Type::Slice(_) => (x.typ, None),
            _ => {
                let d = self.operand_string(&x);
                self.error(&e.pos, format!("cannot slice {d}"));
                return self.invalid_expr(e);
            }
        };
        let mut values: Vec<Option<i128>> = vec![];
        for b in bounds.iter() {
            match b {
                Some(b) => match self.index_value(b, "index") {
                    Some(v) => {
                        if let (Some(v), Some(n)) = (v, len) {
                            if v as u128 > n as u128 {
                                let d = self.expr_string(b);
                                self.error(&b.pos, format!("invalid argument: index {d} out of bounds [0:{}]", n + 1));
                                return self.invalid_expr(e);
                            }
                        }
                        values.push(v);
                    }
                    None => return self.invalid_expr(e),
                },
                None => values.push(None),
            }
        }
        // Constant indices must be in order.
        let known: Vec<(usize, i128)> = values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (i, v))).collect();
        for w in known.windows(2) {
            if w[0].1 > w[1].1 {
                let at = bounds[w[1].0].map_or(e.pos.clone(), |b| b.pos.clone());
                self.error(&at, format!("invalid slice indices: {} < {}", w[1].1, w[0].1));
                return self.invalid_expr(e);
            }
        }
        Operand { mode: Mode::Value, typ: result, value: None, expr: Some(e) }
    }

    /// `*x`: a pointer type when `x` is a type, else an indirection.
    pub(super) fn star(&mut self, e: &'a Expr, xe: &'a Expr) -> Operand<'a> {
        let x = self.expr_or_type(xe);
        match x.mode {
            Mode::Invalid => self.invalid_expr(e),
            Mode::TypeExpr => {
                let t = self.w.types.pointer(x.typ);
                Operand { mode: Mode::TypeExpr, typ: t, value: None, expr: Some(e) }
            }
            _ => {
                if self.w.types.basic_of(x.typ) == Some(Basic::UntypedNil) {
                    self.error(&e.pos, "invalid operation: cannot indirect nil");
                    return self.invalid_expr(e);
                }
                match self.w.core_type(x.typ).map(|c| self.w.types.get(c).clone()) {
                    Some(Type::Pointer(elem)) => Operand { mode: Mode::Variable, typ: elem, value: None, expr: Some(e) },
                    _ => {
                        let d = self.operand_string(&x);
                        self.error(&e.pos, format!("invalid operation: cannot indirect {d}"));
                        self.invalid_expr(e)
                    }
                }
            }
        }
    }

    /// `x.(T)`.
    pub(super) fn type_assert(&mut self, e: &'a Expr, xe: &'a Expr, te: Option<&'a Expr>) -> Operand<'a> {
        let x = self.expr(xe);
        let Some(te) = te else {
            self.error(&e.pos, "invalid syntax tree: use of .(type) outside type switch");
            return self.invalid_expr(e);
        };
        let t = self.typ(te);
        if x.mode == Mode::Invalid || t == self.w.invalid {
            return self.invalid_expr(e);
        }
        if self.w.types.is_type_param(x.typ) {
            let d = self.operand_string(&x);
            self.error(&xe.pos, format!("invalid operation: cannot use type assertion on type parameter value {d}"));
            return self.invalid_expr(e);
        }
        if !self.w.types.is_interface(x.typ) {
            let d = self.operand_string(&x);
            self.error(&xe.pos, format!("invalid operation: {d} is not an interface"));
            return self.invalid_expr(e);
        }
        if !self.w.types.is_interface(t) {
            if let Some(m) = self.w.missing_method(t, x.typ, false) {
                let text = self.expr_string(e);
                let (ts, is) = (self.type_string(t), self.type_string(x.typ));
                let why = self.missing_method_reason(t, x.typ, &super::lookup::NotImplemented::Method(m));
                self.error(&te.pos, format!("impossible type assertion: {text}\n\t{ts} does not implement {is} {why}"));
                return self.invalid_expr(e);
            }
        }
        Operand { mode: Mode::CommaOk, typ: t, value: None, expr: Some(e) }
    }

    /// `&x`.
    pub(super) fn address_of(&mut self, e: &'a Expr, xe: &'a Expr) -> Operand<'a> {
        let inner = xe.unparen();
        let x = self.expr(xe);
        if x.mode == Mode::Invalid {
            return self.invalid_expr(e);
        }
        let composite = matches!(inner.kind, ExprKind::Composite { .. });
        if x.mode != Mode::Variable && !composite {
            let d = self.operand_string(&x);
            self.error(&e.pos, format!("invalid operation: cannot take address of {d}"));
            return self.invalid_expr(e);
        }
        let t = self.w.types.pointer(x.typ);
        Operand { mode: Mode::Value, typ: t, value: None, expr: Some(e) }
    }

    /// `<-x`.
    pub(super) fn receive(&mut self, e: &'a Expr, xe: &'a Expr) -> Operand<'a> {
        let x = self.expr(xe);
        if x.mode == Mode::Invalid {
            return self.invalid_expr(e);
        }
        let d = self.operand_string(&x);
        match self.w.core_type(x.typ).map(|c| self.w.types.get(c).clone()) {
            Some(Type::Chan(ChanDir::Send, _)) => {
                self.error(&xe.pos, format!("invalid operation: cannot receive from send-only channel {d}"));
                self.invalid_expr(e)
            }
            Some(Type::Chan(_, elem)) => Operand { mode: Mode::CommaOk, typ: elem, value: None, expr: Some(e) },
            _ => {
                self.error(&e.pos, format!("invalid operation: cannot receive from non-channel {d}"));
                self.invalid_expr(e)
            }
        }
    }
}

impl Checker<'_> {
    /// `time.Time.Format` when `t` (or what it points to) is a defined type
    /// of a package of rgo's own that lacks member `name` which Go's
    /// package of that path has (`Package::go_api`).
    fn unsupported_member(&self, t: TypeId, name: &str) -> Option<String> {
        let t = match self.w.types.get(t) {
            Type::Pointer(e) => *e,
            _ => t,
        };
        let obj = self.w.types.named(t)?.obj;
        let o = self.w.obj(obj);
        let pkg = self.w.pkg(o.pkg?);
        let key = format!("{}.{name}", o.name);
        pkg.go_api.as_ref()?.contains(&key).then(|| format!("{}.{key}", pkg.name))
    }
}
