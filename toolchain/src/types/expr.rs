//! Expressions: operands, constants and operators.
//!
//! Every expression checked gets its [`TypeAndValue`] recorded. Untyped
//! operands keep their untyped type until the context gives them one
//! ([`Checker::convert_untyped`]), which then records the final type on the
//! expression and its untyped operands, as go/types does.

use super::check::Checker;
use super::constant::{self, Const};
use super::object::ObjKind;
use super::ty::{basic, Basic, Type, TypeId};
use super::{Mode, Operand, TypeAndValue};
use crate::diag::Pos;
use crate::syntax::ast::{BinaryOp, Expr, ExprKind, UnaryOp};

/// Where a binary operation is, for its messages: its expression (none
/// for the operation of an `op=` statement), position and text.
struct Site<'a> {
    e: Option<&'a Expr>,
    pos: Pos,
    /// The text of an `op=` statement's operation (no expression has it).
    text: Option<String>,
}

impl Site<'_> {
    /// The operation as messages show it (made only for a message: deep
    /// expressions are long).
    fn text(&self) -> String {
        match (&self.text, self.e) {
            (Some(t), _) => t.clone(),
            (None, Some(e)) => crate::syntax::parser::expr_string(e),
            (None, None) => String::new(),
        }
    }
}

/// Why a constant does not fit a type.
enum Unfit {
    /// A float value for an integer type.
    Truncated,
    /// A value beyond the type's range.
    Overflows,
    /// A value of another kind (a string for a number).
    Mismatch,
}

impl<'a> Checker<'a> {
    /// Checks `e` as an expression that yields one value, a type, or a
    /// built-in (the caller says which it accepts).
    pub fn expr(&mut self, e: &'a Expr) -> Operand<'a> {
        let x = crate::stack::grow(|| self.raw_expr(e));
        self.record(&x);
        x
    }

    /// Records what `x` is at its expression.
    fn record(&mut self, x: &Operand<'a>) {
        if let Some(e) = x.expr {
            if x.mode != Mode::Invalid {
                self.info.types.insert(e.id, TypeAndValue { mode: x.mode, typ: x.typ, value: x.value.clone() });
            }
        }
    }

    fn invalid_site(&self, site: &Site<'a>) -> Operand<'a> {
        Operand { mode: Mode::Invalid, typ: self.w.invalid, value: None, expr: site.e }
    }

    fn invalid(&self, e: &'a Expr) -> Operand<'a> {
        Operand { mode: Mode::Invalid, typ: self.w.invalid, value: None, expr: Some(e) }
    }

    fn raw_expr(&mut self, e: &'a Expr) -> Operand<'a> {
        match &e.kind {
            ExprKind::Ident(id) => {
                let Some(obj) = self.use_ident(id) else { return self.invalid(e) };
                self.obj_decl(obj);
                self.add_dep(obj);
                let o = self.w.obj(obj);
                let typ = o.typ.unwrap_or(self.w.invalid);
                let mut x = Operand { mode: Mode::Value, typ, value: None, expr: Some(e) };
                match &o.kind {
                    ObjKind::PkgName { .. } => {
                        self.error(&id.pos, format!("use of package {} without selector", id.name));
                        return self.invalid(e);
                    }
                    ObjKind::Const { value } => {
                        x.mode = Mode::Constant;
                        x.value = value.clone();
                        if o.pkg.is_none() && id.name == "iota" {
                            let Some(iota) = self.iota else {
                                self.error(&id.pos, "cannot use iota outside constant declaration");
                                return self.invalid(e);
                            };
                            x.value = Some(Const::Int(iota as i128));
                        }
                        if x.value.is_none() || typ == self.w.invalid {
                            return self.invalid(e);
                        }
                    }
                    ObjKind::TypeName { .. } => {
                        if typ == self.w.invalid {
                            return self.invalid(e);
                        }
                        if !self.allow_generic && self.w.types.named(typ).is_some_and(|n| !n.tparams.is_empty()) {
                            let s = self.type_string(typ);
                            self.error(&id.pos, format!("cannot use generic type {s} without instantiation"));
                            return self.invalid(e);
                        }
                        x.mode = Mode::TypeExpr;
                    }
                    ObjKind::Var { .. } => {
                        if typ == self.w.invalid {
                            return self.invalid(e);
                        }
                        x.mode = Mode::Variable;
                    }
                    ObjKind::Func { tparams, .. } => {
                        if !tparams.is_empty() && !self.allow_generic {
                            self.error(&id.pos, format!("cannot use generic function {} without instantiation", id.name));
                            return self.invalid(e);
                        }
                    }
                    ObjKind::Builtin(b) => x.mode = Mode::Builtin(*b),
                    ObjKind::Nil => {}
                    ObjKind::Label => return self.invalid(e),
                }
                x
            }
            ExprKind::BasicLit(lit) => match constant::literal(lit) {
                Ok((b, v)) => Operand { mode: Mode::Constant, typ: basic(b), value: Some(v), expr: Some(e) },
                Err(msg) => {
                    self.error(&e.pos, msg);
                    self.invalid(e)
                }
            },
            ExprKind::Paren(x) => {
                let mut o = self.expr(x);
                o.expr = Some(e);
                o
            }
            ExprKind::Unary { op, x } => self.unary(e, *op, x),
            ExprKind::Binary { op, x, y } => self.binary(e, *op, x, y),
            ExprKind::Selector { x, sel } => {
                if let ExprKind::Ident(pid) = &x.kind {
                    let pkgname = self.w.lookup(self.scope, &pid.name).map(|(o, _)| o).filter(|&o| matches!(self.w.obj(o).kind, ObjKind::PkgName { .. }));
                    if let Some(p) = pkgname {
                        return self.qualified(e, p, pid, sel);
                    }
                }
                self.selector(e, x, sel)
            }
            ExprKind::Call { func, args, ellipsis, .. } => self.call(e, func, args, *ellipsis),
            ExprKind::ArrayType { .. }
            | ExprKind::SliceType(_)
            | ExprKind::MapType { .. }
            | ExprKind::ChanType { .. }
            | ExprKind::FuncType(_)
            | ExprKind::StructType(_)
            | ExprKind::InterfaceType(_) => {
                let t = self.typ(e);
                Operand { mode: if t == self.w.invalid { Mode::Invalid } else { Mode::TypeExpr }, typ: t, value: None, expr: Some(e) }
            }
            ExprKind::Star(x) => self.star(e, x),
            ExprKind::Composite { typ, elems, .. } => self.composite(e, typ.as_deref(), elems, None),
            ExprKind::FuncLit { sig, body } => self.func_lit(e, sig, body),
            ExprKind::Index { x, index, .. } => self.index(e, x, &[&**index]),
            ExprKind::IndexList { x, indices, .. } => {
                let list: Vec<&'a Expr> = indices.iter().collect();
                self.index(e, x, &list)
            }
            ExprKind::Slice { x, lo, hi, max, three } => self.slice_expr(e, x, [lo.as_deref(), hi.as_deref(), max.as_deref()], *three),
            ExprKind::TypeAssert { x, typ } => self.type_assert(e, x, typ.as_deref()),
            ExprKind::Tilde(x) => {
                // The operand first, as gc (it counts as used).
                if self.expr(x).mode != Mode::Invalid {
                    self.error(&e.pos, "cannot use ~ outside of interface or type constraint");
                }
                self.invalid(e)
            }
            ExprKind::Union(_) => {
                self.error(&e.pos, "cannot use ~ outside of interface or type constraint");
                self.invalid(e)
            }
            ExprKind::Bad => self.invalid(e),
        }
    }

    /// An expression that may also be a type (the callee of a call, which
    /// a conversion names).
    pub(super) fn expr_or_type(&mut self, e: &'a Expr) -> Operand<'a> {
        self.expr(e)
    }

    /// `pkg.Name`.
    fn qualified(&mut self, e: &'a Expr, pkgname: super::object::ObjId, pid: &crate::syntax::ast::Ident, sel: &crate::syntax::ast::Ident) -> Operand<'a> {
        self.info.uses.insert(pid.id, pkgname);
        self.w.obj_mut(pkgname).used = true;
        let ObjKind::PkgName { pkg } = self.w.obj(pkgname).kind else { unreachable!("filtered to package names") };
        let Some(m) = self.package_member(pkg, sel, &pid.name) else { return self.invalid(e) };
        self.w.obj_mut(m).used = true;
        let o = self.w.obj(m);
        let typ = o.typ.unwrap_or(self.w.invalid);
        let (mode, value) = match &o.kind {
            ObjKind::Const { value } => (Mode::Constant, value.clone()),
            ObjKind::TypeName { .. } => (Mode::TypeExpr, None),
            ObjKind::Var { .. } => (Mode::Variable, None),
            ObjKind::Builtin(b) => (Mode::Builtin(*b), None),
            _ => (Mode::Value, None),
        };
        if typ == self.w.invalid && !matches!(mode, Mode::Builtin(_)) {
            return self.invalid(e);
        }
        Operand { mode, typ, value, expr: Some(e) }
    }

    fn unary(&mut self, e: &'a Expr, op: UnaryOp, xe: &'a Expr) -> Operand<'a> {
        match op {
            UnaryOp::Addr => return self.address_of(e, xe),
            UnaryOp::Recv => return self.receive(e, xe),
            _ => {}
        }
        let mut x = self.expr(xe);
        if x.mode == Mode::Invalid {
            return self.invalid(e);
        }
        if !self.single_value(&x) {
            return self.invalid(e);
        }
        x.expr = Some(e);
        let ok = match op {
            UnaryOp::Plus | UnaryOp::Neg => self.w.all_basic(x.typ, Basic::is_numeric),
            UnaryOp::Not => self.w.all_basic(x.typ, Basic::is_bool),
            UnaryOp::Com => self.w.all_basic(x.typ, Basic::is_integer),
            UnaryOp::Addr | UnaryOp::Recv => unreachable!("handled before"),
        };
        if !ok {
            let sym = match op {
                UnaryOp::Plus => "+",
                UnaryOp::Neg => "-",
                UnaryOp::Not => "!",
                _ => "^",
            };
            let d = self.operand_string(&Operand { expr: Some(xe), ..x.clone() });
            self.error(&e.pos, format!("invalid operation: operator {sym} not defined on {d}"));
            return self.invalid(e);
        }
        if x.mode != Mode::Constant {
            x.mode = Mode::Value;
            return x;
        }
        let v = x.value.clone().expect("a constant has a value");
        let r = match op {
            UnaryOp::Plus => Ok(v),
            UnaryOp::Neg => constant::binary(BinaryOp::Sub, &Const::Int(0), &v, false),
            UnaryOp::Not => match v {
                Const::Bool(b) => Ok(Const::Bool(!b)),
                _ => Err("not a boolean".into()),
            },
            _ => self.complement(&v, x.typ),
        };
        match r {
            Ok(v) => {
                x.value = Some(v);
                self.overflow(x)
            }
            Err(msg) => {
                self.error(&e.pos, format!("invalid operation: {msg}"));
                self.invalid(e)
            }
        }
    }

    /// `^v` of an integer constant of type `t`: `-v-1` for signed and
    /// untyped integers, the bits flipped within the type for unsigned ones.
    fn complement(&self, v: &Const, t: TypeId) -> Result<Const, String> {
        let b = self.w.types.basic_of(t).unwrap_or(Basic::UntypedInt);
        let n = v.as_int().ok_or("constant overflow")?;
        if b.is_unsigned() {
            let bits = if b == Basic::Uint || b == Basic::Uintptr { 64 } else { b.size() * 8 };
            let mask = if bits >= 128 { -1i128 } else { (1i128 << bits) - 1 };
            return Ok(Const::Int(!n & mask));
        }
        Ok(Const::Int(!n))
    }

    /// A constant of a typed type must be representable in it (gc:
    /// `x (constant 256 of type uint8) overflows uint8`).
    fn overflow(&mut self, mut x: Operand<'a>) -> Operand<'a> {
        if x.mode != Mode::Constant || self.w.types.is_untyped(x.typ) {
            return x;
        }
        let Some(b) = self.w.types.basic_of(x.typ) else { return x };
        let v = x.value.clone().expect("a constant has a value");
        match represent(&v, b) {
            Ok(v) => {
                x.value = Some(v);
                x
            }
            Err(_) => {
                let d = self.operand_string(&x);
                let t = self.type_string(x.typ);
                let pos = x.expr.map_or(Pos::new("".into(), 0, 0), |e| e.pos.clone());
                self.error(&pos, format!("{d} overflows {t}"));
                let e = x.expr.expect("checked operands have expressions");
                self.invalid(e)
            }
        }
    }

    /// Reports a multi-value or no-value operand where one value is wanted.
    fn single_value(&mut self, x: &Operand<'a>) -> bool {
        let pos = x.expr.map_or(Pos::new("".into(), 0, 0), |e| e.pos.clone());
        match x.mode {
            Mode::NoValue => {
                let s = x.expr.map(|e| self.expr_string(e)).unwrap_or_default();
                self.error(&pos, format!("{s} (no value) used as value"));
                false
            }
            Mode::TypeExpr => {
                let s = x.expr.map(|e| self.expr_string(e)).unwrap_or_default();
                self.error(&pos, format!("{s} (type) is not an expression"));
                false
            }
            Mode::Builtin(_) => {
                let s = x.expr.map(|e| self.expr_string(e)).unwrap_or_default();
                self.error(&pos, format!("{s} (built-in) must be called"));
                false
            }
            _ if matches!(self.w.types.get(x.typ), Type::Tuple(_)) => {
                let s = x.expr.map(|e| self.expr_string(e)).unwrap_or_default();
                self.error(&pos, format!("multiple-value {s} (value of type {}) in single-value context", self.type_string(x.typ)));
                false
            }
            _ => true,
        }
    }

    fn binary(&mut self, e: &'a Expr, op: BinaryOp, xe: &'a Expr, ye: &'a Expr) -> Operand<'a> {
        if op == BinaryOp::Add {
            return self.add_chain(e);
        }
        let site = Site { e: Some(e), pos: e.pos.clone(), text: None };
        let x = self.expr(xe);
        let y = self.expr(ye);
        if matches!(op, BinaryOp::Shl | BinaryOp::Shr) {
            return self.shift_ops(&site, op, x, y, xe, ye);
        }
        self.binary_ops(&site, op, x, y, xe, ye)
    }

    /// `a + b + c + …`: the left-deep chain of additions walked as a list
    /// (source files hold chains of thousands of string constants), with
    /// constant strings appended in place instead of copied at each step.
    /// Intermediate constant strings of the chain are recorded without
    /// their values; the whole chain's value is recorded at its top.
    fn add_chain(&mut self, e: &'a Expr) -> Operand<'a> {
        let mut spine: Vec<&'a Expr> = vec![];
        let mut cur = e;
        while let ExprKind::Binary { op: BinaryOp::Add, x, .. } = &cur.kind {
            spine.push(cur);
            cur = x;
        }
        let mut acc = self.expr(cur);
        for (i, node) in spine.iter().rev().enumerate() {
            let ExprKind::Binary { x: xe, y: ye, .. } = &node.kind else { unreachable!("a chain of additions") };
            let y = self.expr(ye);
            let top = i + 1 == spine.len();
            if let Some(r) = self.append_strings(&mut acc, &y, node) {
                acc = r;
            } else {
                let site = Site { e: Some(node), pos: node.pos.clone(), text: None };
                acc = self.binary_ops(&site, BinaryOp::Add, acc, y, xe, ye);
            }
            if !top {
                let mut rec = acc.clone();
                if matches!(rec.value, Some(Const::String(_))) {
                    rec.value = None;
                }
                self.record(&rec);
            }
        }
        acc
    }

    /// `acc + y` for two constant strings whose types meet: `y` appended to
    /// `acc`'s bytes.
    fn append_strings(&mut self, acc: &mut Operand<'a>, y: &Operand<'a>, node: &'a Expr) -> Option<Operand<'a>> {
        if acc.mode != Mode::Constant || y.mode != Mode::Constant {
            return None;
        }
        let (Some(Const::String(_)), Some(Const::String(ys))) = (&acc.value, &y.value) else { return None };
        let tt = &self.w.types;
        let typ = match (tt.is_untyped(acc.typ), tt.is_untyped(y.typ)) {
            (true, true) => acc.typ,
            (true, false) => y.typ,
            (false, true) => acc.typ,
            (false, false) if self.identical(acc.typ, y.typ) => acc.typ,
            _ => return None,
        };
        let ys = ys.clone();
        let mut out = std::mem::replace(acc, Operand { mode: Mode::Invalid, typ, value: None, expr: None });
        if let Some(Const::String(buf)) = &mut out.value {
            buf.extend_from_slice(&ys);
        }
        out.typ = typ;
        out.expr = Some(node);
        Some(out)
    }

    /// `l op= r`, `l` of type `t` (already checked): the value assigned.
    pub(super) fn binary_values(&mut self, op: BinaryOp, l: &'a Expr, r: &'a Expr, t: TypeId) -> Option<Operand<'a>> {
        let text = format!("{} {}= {}", self.expr_string(l), op_str(op), self.expr_string(r));
        let site = Site { e: None, pos: l.pos.clone(), text: Some(text) };
        let x = Operand { mode: Mode::Variable, typ: t, value: None, expr: Some(l) };
        let y = self.expr(r);
        let v = if matches!(op, BinaryOp::Shl | BinaryOp::Shr) { self.shift_ops(&site, op, x, y, l, r) } else { self.binary_ops(&site, op, x, y, l, r) };
        (v.mode != Mode::Invalid).then_some(v)
    }

    fn binary_ops(&mut self, site: &Site<'a>, op: BinaryOp, mut x: Operand<'a>, mut y: Operand<'a>, xe: &'a Expr, ye: &'a Expr) -> Operand<'a> {
        if x.mode == Mode::Invalid || y.mode == Mode::Invalid {
            return self.invalid_site(site);
        }
        if !self.single_value(&x) || !self.single_value(&y) {
            return self.invalid_site(site);
        }
        // Untyped operands take the other's type, or the larger kind.
        let nil_operand = |c: &Self, o: &Operand<'a>| c.w.types.basic_of(o.typ) == Some(Basic::UntypedNil) && !c.w.types.is_type_param(o.typ);
        let nils = (nil_operand(self, &x), nil_operand(self, &y));
        if !self.match_types(&mut x, &mut y) {
            let (xs, ys) = (self.type_string(x.typ), self.type_string(y.typ));
            let text = site.text();
            let at = if is_comparison(op) && self.w.types.is_untyped(y.typ) && !self.w.types.is_untyped(x.typ) { &ye.pos } else { &site.pos };
            self.error(at, format!("invalid operation: {text} (mismatched types {xs} and {ys})"));
            return self.invalid_site(site);
        }
        if is_comparison(op) {
            return self.comparison(site, op, x, y, nils);
        }
        if !self.identical(x.typ, y.typ) {
            let (xs, ys) = (self.type_string(x.typ), self.type_string(y.typ));
            let text = site.text();
            self.error(&site.pos, format!("invalid operation: {text} (mismatched types {xs} and {ys})"));
            return self.invalid_site(site);
        }
        let all = |c: &Self, f: fn(Basic) -> bool| c.w.all_basic(x.typ, f);
        let defined = match op {
            BinaryOp::Add => all(self, |b| b.is_numeric() || b.is_string()),
            BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div => all(self, Basic::is_numeric),
            BinaryOp::Rem | BinaryOp::And | BinaryOp::Or | BinaryOp::Xor | BinaryOp::AndNot => all(self, Basic::is_integer),
            BinaryOp::LAnd | BinaryOp::LOr => all(self, Basic::is_bool),
            _ => false,
        };
        let b = self.w.types.basic_of(x.typ);
        if !defined {
            let d = self.operand_string(&x);
            self.error(&xe.pos, format!("invalid operation: operator {} not defined on {d}", op_str(op)));
            return self.invalid_site(site);
        }
        let integer = b.is_some_and(Basic::is_integer) || self.w.all_basic(x.typ, Basic::is_integer);
        if matches!(op, BinaryOp::Div | BinaryOp::Rem) && y.mode == Mode::Constant {
            let zero = y.value.as_ref().is_some_and(|v| v.as_complex().is_some_and(|c| c == (0.0, 0.0)) && !matches!(v, Const::Huge(_)));
            if zero && (integer || x.mode == Mode::Constant) {
                self.error(&ye.pos, "invalid operation: division by zero");
                return self.invalid_site(site);
            }
        }
        self.fold(site, op, &x, &y, integer)
    }

    /// The result of `x op y` of type `x.typ`: a constant when both are,
    /// representable in its type (`integer`: integer division).
    fn fold(&mut self, site: &Site<'a>, op: BinaryOp, x: &Operand<'a>, y: &Operand<'a>, integer: bool) -> Operand<'a> {
        if x.mode != Mode::Constant || y.mode != Mode::Constant {
            return Operand { mode: Mode::Value, typ: x.typ, value: None, expr: site.e };
        }
        let (a, c) = (x.value.clone().expect("constant"), y.value.clone().expect("constant"));
        match constant::binary(op, &a, &c, integer) {
            Ok(v) => {
                let r = Operand { mode: Mode::Constant, typ: x.typ, value: Some(v), expr: site.e };
                self.overflow(r)
            }
            Err(msg) => {
                self.error(&site.pos, format!("invalid operation: {msg}"));
                self.invalid_site(site)
            }
        }
    }

    /// Gives untyped operands of a binary operation their type: the other
    /// operand's, or for two untyped ones the larger kind. False when
    /// they cannot meet.
    fn match_types(&mut self, x: &mut Operand<'a>, y: &mut Operand<'a>) -> bool {
        let (xu, yu) = (self.w.types.is_untyped(x.typ), self.w.types.is_untyped(y.typ));
        match (xu, yu) {
            (false, false) => true,
            (true, false) => self.implicit(x, y.typ),
            (false, true) => self.implicit(y, x.typ),
            (true, true) => {
                let (a, b) = (self.w.types.basic_of(x.typ).expect("untyped"), self.w.types.basic_of(y.typ).expect("untyped"));
                if a == b {
                    return true;
                }
                if a.is_numeric() && b.is_numeric() {
                    let t = if untyped_rank(a) > untyped_rank(b) { x.typ } else { y.typ };
                    x.typ = t;
                    y.typ = t;
                    return true;
                }
                // nil against nil is checked by the comparison.
                false
            }
        }
    }

    /// An untyped operand used where type `t` is: its value must be
    /// representable there (nil only for types that have it). False when
    /// the two cannot meet (the caller reports a mismatch); errors about
    /// the value itself are reported here.
    fn implicit(&mut self, x: &mut Operand<'a>, t: TypeId) -> bool {
        if t == self.w.invalid {
            return true;
        }
        let from = self.w.types.basic_of(x.typ).expect("untyped");
        if from == Basic::UntypedNil {
            if !self.has_nil(t) {
                return false;
            }
            x.typ = t;
            return true;
        }
        if self.w.types.is_type_param(t) {
            // Every type of the type parameter's set must take the value.
            let Some(c) = self.w.types.type_param(t).and_then(|p| p.constraint) else { return false };
            let Some(terms) = self.w.type_set(c).terms.clone().filter(|ts| !ts.is_empty()) else { return false };
            for term in terms {
                let mut y = x.clone();
                let before = self.errors_len();
                let ok = self.implicit(&mut y, term.typ) && y.mode != Mode::Invalid;
                self.truncate_errors(before);
                if !ok {
                    return false;
                }
            }
            // A constant of a type parameter's type is no constant; the
            // value stays known for the code of each instance.
            x.typ = t;
            if x.mode == Mode::Constant {
                x.mode = Mode::Value;
            }
            return true;
        }
        let Some(to) = self.w.types.basic_of(t).filter(|_| !self.w.types.is_interface(t)) else {
            if self.w.types.is_interface(t) && !self.w.types.is_type_param(t) {
                // An untyped value in an interface gets its default type.
                x.typ = self.default_type(x.typ);
                return true;
            }
            return false;
        };
        let kinds_meet = (from.is_numeric() && to.is_numeric()) || (from.is_string() && to.is_string()) || (from.is_bool() && to.is_bool());
        if !kinds_meet {
            return false;
        }
        if x.mode == Mode::Constant {
            let v = x.value.clone().expect("constant");
            match represent(&v, to) {
                Ok(v) => x.value = Some(v),
                Err(why) => {
                    let d = self.operand_string(x);
                    let ts = self.type_string(t);
                    let pos = x.expr.map_or(Pos::new("".into(), 0, 0), |e| e.pos.clone());
                    let msg = match why {
                        Unfit::Truncated => format!("{d} truncated to {ts}"),
                        Unfit::Overflows => format!("{d} overflows {ts}"),
                        Unfit::Mismatch => format!("cannot convert {d} to type {ts}"),
                    };
                    self.error(&pos, msg);
                    x.mode = Mode::Invalid;
                    return true;
                }
            }
        }
        x.typ = t;
        self.update_untyped(x);
        true
    }

    /// Records the type an untyped expression ended up with on it and on
    /// its untyped operands.
    fn update_untyped(&mut self, x: &Operand<'a>) {
        let Some(e) = x.expr else { return };
        let mut stack = vec![e];
        while let Some(e) = stack.pop() {
            let Some(tv) = self.info.types.get(e.id) else { continue };
            if !self.w.types.is_untyped(tv.typ) {
                continue;
            }
            let mut tv = tv.clone();
            tv.typ = x.typ;
            if tv.mode == Mode::Constant {
                if let (Some(v), Some(b)) = (&tv.value, self.w.types.basic_of(x.typ)) {
                    if let Ok(v) = represent(v, b) {
                        tv.value = Some(v);
                    }
                }
            }
            self.info.types.insert(e.id, tv);
            if let ExprKind::Binary { op: BinaryOp::Shl | BinaryOp::Shr, x: a, .. } = &e.kind {
                if self.w.types.basic_of(x.typ).is_some_and(|b| !b.is_integer()) && self.info.types.get(a.id).is_some_and(|tv| tv.mode != Mode::Constant || self.w.types.is_untyped(tv.typ)) && self.info.types.get(e.id).is_some_and(|tv| tv.mode != Mode::Constant) {
                    // gc's wording (types2 with compiler messages): the shift, at its operand.
                    let s = self.expr_string(e);
                    let t = self.type_string(x.typ);
                    self.error(&a.pos, format!("invalid operation: {s} (shift of type {t})"));
                }
            }
            match &e.kind {
                ExprKind::Paren(y) | ExprKind::Unary { x: y, .. } => stack.push(y),
                ExprKind::Binary { op, x: a, y: b } if !is_comparison(*op) => {
                    stack.push(a);
                    if !matches!(op, BinaryOp::Shl | BinaryOp::Shr) {
                        stack.push(b);
                    }
                }
                _ => {}
            }
        }
    }

    /// Gives an untyped operand its final type in a context of type `t`
    /// (an assignment, a declaration with a type); reports it when it does
    /// not fit, in gc's words for the context `ctx`.
    pub fn convert_untyped(&mut self, x: &mut Operand<'a>, t: TypeId, ctx: &str) -> bool {
        if !self.w.types.is_untyped(x.typ) || x.mode == Mode::Invalid {
            return true;
        }
        let from = self.w.types.basic_of(x.typ).expect("untyped");
        let to = self.w.types.basic_of(t).filter(|_| !self.w.types.is_interface(t));
        if let (Some(to), Mode::Constant) = (to, x.mode) {
            let kinds_meet = (from.is_numeric() && to.is_numeric()) || (from.is_string() && to.is_string()) || (from.is_bool() && to.is_bool());
            if kinds_meet {
                let v = x.value.clone().expect("constant");
                if let Err(why) = represent(&v, to) {
                    let d = self.operand_string(x);
                    let ts = self.type_string(t);
                    let pos = x.expr.map_or(Pos::new("".into(), 0, 0), |e| e.pos.clone());
                    let why = match why {
                        Unfit::Truncated => " (truncated)",
                        Unfit::Overflows => " (overflows)",
                        Unfit::Mismatch => "",
                    };
                    self.error(&pos, format!("cannot use {d} as {ts} value in {ctx}{why}"));
                    x.mode = Mode::Invalid;
                    return false;
                }
            }
        }
        let mut y = x.clone();
        if !self.implicit(&mut y, t) || y.mode == Mode::Invalid {
            if y.mode != Mode::Invalid {
                let d = self.operand_string(x);
                let ts = self.type_string(t);
                let pos = x.expr.map_or(Pos::new("".into(), 0, 0), |e| e.pos.clone());
                self.error(&pos, format!("cannot use {d} as {ts} value in {ctx}"));
            }
            x.mode = Mode::Invalid;
            return false;
        }
        *x = y;
        true
    }

    /// `x op y` for a comparison; `nils` says which operands were written
    /// as `nil` (they have the other's type by now).
    fn comparison(&mut self, site: &Site<'a>, op: BinaryOp, x: Operand<'a>, y: Operand<'a>, nils: (bool, bool)) -> Operand<'a> {
        let text = site.text();
        let (xt, yt) = (x.typ, y.typ);
        let ok_types = self.assignable_either(xt, yt);
        if !ok_types {
            let (xs, ys) = (self.type_string(xt), self.type_string(yt));
            self.error(&site.pos, format!("invalid operation: {text} (mismatched types {xs} and {ys})"));
            return self.invalid_site(site);
        }
        let ordered = matches!(op, BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge);
        if nils.0 && nils.1 {
            // Neither side has a type that has nil (gc reports it at `y`).
            let at = y.expr.map_or(site.pos.clone(), |e| e.pos.clone());
            self.error(&at, format!("invalid operation: {text} (operator {} not defined on untyped nil)", op_str(op)));
            return self.invalid_site(site);
        }
        // The operand at fault, as gc finds it: the first that is not
        // ordered (or comparable), where the error is reported.
        let is_ordered = |c: &Self, t: TypeId| c.w.all_basic(t, |b| b.is_integer() || b.is_float() || b.is_string());
        let fault = if ordered {
            if !is_ordered(self, xt) {
                Some(&x)
            } else if !is_ordered(self, yt) {
                Some(&y)
            } else {
                None
            }
        } else if nils.0 || nils.1 {
            let other = if nils.0 { yt } else { xt };
            (!self.has_nil(other)).then_some(&x)
        } else if !self.comparable(xt) {
            Some(&x)
        } else if !self.comparable(yt) {
            Some(&y)
        } else {
            None
        };
        if let Some(f) = fault {
            let d = self.operand_string(f);
            let why = if ordered { format!("operator {} not defined on {d}", op_str(op)) } else { format!("{text} ({})", self.incomparable_reason(f.typ)) };
            let at = if ordered || !(nils.0 || nils.1) { f.expr.map_or(site.pos.clone(), |e| e.pos.clone()) } else { site.pos.clone() };
            self.error(&at, format!("invalid operation: {why}"));
            return self.invalid_site(site);
        }
        let t = basic(Basic::UntypedBool);
        if x.mode == Mode::Constant && y.mode == Mode::Constant {
            let (a, b) = (x.value.clone().expect("constant"), y.value.clone().expect("constant"));
            return match constant::binary(op, &a, &b, false) {
                Ok(v) => Operand { mode: Mode::Constant, typ: t, value: Some(v), expr: site.e },
                Err(msg) => {
                    self.error(&site.pos, format!("invalid operation: {msg}"));
                    self.invalid_site(site)
                }
            };
        }
        Operand { mode: Mode::Value, typ: t, value: None, expr: site.e }
    }

    fn shift_ops(&mut self, site: &Site<'a>, op: BinaryOp, mut x: Operand<'a>, mut y: Operand<'a>, xe: &'a Expr, ye: &'a Expr) -> Operand<'a> {
        if x.mode == Mode::Invalid || y.mode == Mode::Invalid || !self.single_value(&x) || !self.single_value(&y) {
            return self.invalid_site(site);
        }
        // The count: an integer, or an untyped constant that is one.
        if y.mode == Mode::Constant {
            let v = y.value.clone().expect("constant");
            match v.to_integer().and_then(|i| i.as_int()) {
                Some(n) if n >= 0 => {
                    if self.w.types.is_untyped(y.typ) {
                        y.value = Some(Const::Int(n));
                        y.typ = basic(Basic::Uint);
                        self.update_untyped(&y);
                    }
                }
                Some(_) => {
                    let d = self.operand_string(&y);
                    self.error(&ye.pos, format!("invalid shift count {d} (must not be negative)"));
                    return self.invalid_site(site);
                }
                None if v.to_integer().is_some() => {
                    let d = self.operand_string(&y);
                    self.error(&ye.pos, format!("invalid shift count {d}"));
                    return self.invalid_site(site);
                }
                None => {
                    let d = self.operand_string(&y);
                    let msg = if self.w.types.is_untyped(y.typ) { format!("{d} truncated to uint") } else { format!("invalid operation: shift count {d} must be integer") };
                    self.error(&ye.pos, msg);
                    return self.invalid_site(site);
                }
            }
        } else if !self.w.all_basic(y.typ, Basic::is_integer) {
            let d = self.operand_string(&y);
            self.error(&ye.pos, format!("invalid operation: shift count {d} must be integer"));
            return self.invalid_site(site);
        }
        // The shifted operand: an integer, or an untyped constant that is one.
        if x.mode == Mode::Constant && self.w.types.is_untyped(x.typ) {
            let v = x.value.clone().expect("constant");
            let Some(i) = v.to_integer() else {
                let d = self.operand_string(&x);
                self.error(&xe.pos, format!("invalid operation: shifted operand {d} must be integer"));
                return self.invalid_site(site);
            };
            x.value = Some(i);
            if y.mode == Mode::Constant {
                if !matches!(self.w.types.basic_of(x.typ), Some(Basic::UntypedInt | Basic::UntypedRune)) {
                    x.typ = basic(Basic::UntypedInt);
                }
            } else {
                // A non-constant shift: the operand's type comes from the
                // context (gc's delayed rule); int when there is none.
                // Its type comes from the context (the spec's rule for
                // non-constant shifts); `update_untyped` checks it is an
                // integer type then, and int is the default.
                x.mode = Mode::Value;
                x.value = None;
                if !matches!(self.w.types.basic_of(x.typ), Some(Basic::UntypedInt | Basic::UntypedRune)) {
                    x.typ = basic(Basic::UntypedInt);
                }
                return Operand { mode: Mode::Value, typ: x.typ, value: None, expr: site.e };
            }
        } else if !self.w.all_basic(x.typ, Basic::is_integer) {
            let d = self.operand_string(&x);
            self.error(&xe.pos, format!("invalid operation: shifted operand {d} must be integer"));
            return self.invalid_site(site);
        }
        if x.mode == Mode::Constant && y.mode == Mode::Constant {
            let (a, b) = (x.value.clone().expect("constant"), y.value.clone().expect("constant"));
            let n = b.as_int().unwrap_or(0);
            if n > 10_000 && !matches!(a, Const::Int(0)) {
                let d = self.operand_string(&y);
                self.error(&ye.pos, format!("invalid shift count {d}"));
                return self.invalid_site(site);
            }
        }
        self.fold(site, op, &x, &y, true)
    }

    /// `T(x)`: a conversion.
    pub(super) fn conversion_call(&mut self, e: &'a Expr, t: TypeId, args: &'a [Expr], ellipsis: bool) -> Operand<'a> {
        if args.len() != 1 || ellipsis {
            args.iter().for_each(|a| {
                self.expr(a);
            });
            let ts = self.type_string(t);
            let msg = if args.is_empty() { format!("missing argument in conversion to {ts}") } else if ellipsis { format!("invalid use of ... in conversion to {ts}") } else { format!("too many arguments in conversion to {ts}") };
            self.error(&e.pos, msg);
            return self.invalid(e);
        }
        let mut x = self.expr(&args[0]);
        if x.mode == Mode::Invalid || !self.single_value(&x) || self.w.types.underlying(t) == self.w.invalid {
            // (A type that failed was reported where it was declared.)
            return self.invalid(e);
        }
        let tb = self.w.types.basic_of(t).filter(|b| !self.w.types.is_type_param(t) && *b != Basic::UnsafePointer);
        if x.mode == Mode::Constant && self.w.types.is_type_param(t) {
            // A constant converts to a type parameter's type when it
            // converts to every type of its set; the result is no constant.
            let terms = self.term_unders(t).unwrap_or_default();
            let from = self.w.types.basic_of(x.typ).expect("a constant is basic");
            let fits = |to: Basic| (from.is_numeric() && to.is_numeric()) || (from.is_string() && to.is_string()) || (from.is_bool() && to.is_bool()) || (from.is_integer() && to.is_string());
            let all = !terms.is_empty() && terms.iter().all(|&u| self.w.types.basic_of(u).is_some_and(fits));
            if all {
                return Operand { mode: Mode::Value, typ: t, value: x.value.clone(), expr: Some(e) };
            }
        }
        if x.mode == Mode::Constant {
            if let Some(to) = tb {
                let v = x.value.clone().expect("constant");
                let from = self.w.types.basic_of(x.typ).expect("a constant is basic");
                // Integer to string: the rune's UTF-8 text.
                let v = if from.is_integer() && to.is_string() {
                    let r = v.as_int().and_then(|i| u32::try_from(i).ok()).and_then(char::from_u32).unwrap_or('\u{fffd}');
                    Ok(Const::String(r.to_string().into_bytes()))
                } else if (from.is_numeric() && to.is_numeric()) || (from.is_string() && to.is_string()) || (from.is_bool() && to.is_bool()) {
                    // Floats round to the type; integers must fit.
                    represent(&v, to)
                } else {
                    Err(Unfit::Mismatch)
                };
                return match v {
                    Ok(v) => Operand { mode: Mode::Constant, typ: t, value: Some(v), expr: Some(e) },
                    // types2 says why only in assignments: a conversion that
                    // truncates or overflows is just not possible.
                    Err(_) => {
                        let d = self.operand_string(&x);
                        let ts = self.type_string(t);
                        self.error(&args[0].pos, format!("cannot convert {d} to type {ts}"));
                        self.invalid(e)
                    }
                };
            }
        }
        if self.w.types.is_untyped(x.typ) {
            let nil = self.w.types.basic_of(x.typ) == Some(Basic::UntypedNil);
            if nil && !self.has_nil(t) {
                let d = self.operand_string(&x);
                let ts = self.type_string(t);
                self.error(&args[0].pos, format!("cannot convert {d} to type {ts}"));
                return self.invalid(e);
            }
            let target = if nil || (!self.w.types.is_interface(t) && tb.is_some()) { t } else { self.default_type(x.typ) };
            if x.mode != Mode::Constant && !nil && !self.w.types.is_interface(t) {
                // A non-constant untyped value (a shift, a comparison) takes
                // the type it is converted to, as types2 gives it: a shift's
                // operand must then be an integer.
                let from = self.default_type(x.typ);
                if !self.convertible(from, t) {
                    let d = self.operand_string(&x);
                    let ts = self.type_string(t);
                    self.error(&args[0].pos, format!("cannot convert {d} to type {ts}"));
                    return self.invalid(e);
                }
                x.typ = t;
                self.update_untyped(&x);
                return Operand { mode: Mode::Value, typ: t, value: None, expr: Some(e) };
            }
            if !self.convert_untyped(&mut x, target, "conversion") {
                return self.invalid(e);
            }
        }
        if !self.convertible(x.typ, t) {
            let d = self.operand_string(&x);
            let ts = self.type_string(t);
            self.error(&args[0].pos, format!("cannot convert {d} to type {ts}"));
            return self.invalid(e);
        }
        Operand { mode: Mode::Value, typ: t, value: None, expr: Some(e) }
    }

    /// The initializer of a constant: a constant expression, of type `t`
    /// when one is written. Errors at `at` when the value is repeated from
    /// an earlier spec.
    pub(super) fn const_init(&mut self, e: &'a Expr, t: Option<TypeId>, at: Option<&Pos>) -> (TypeId, Option<Const>) {
        let before = self.error_count();
        let mut x = self.expr(e);
        self.move_errors_to(before, at);
        if x.mode == Mode::Invalid {
            return (self.w.invalid, None);
        }
        if x.mode != Mode::Constant {
            if self.single_value(&x) {
                let d = self.operand_string(&x);
                self.error(at.unwrap_or(&e.pos), format!("{d} is not constant"));
            }
            return (self.w.invalid, None);
        }
        if let Some(t) = t {
            if t == self.w.invalid {
                return (t, None);
            }
            if self.w.types.basic_of(t).is_none() || self.w.types.is_interface(t) {
                let ts = self.type_string(t);
                self.error(at.unwrap_or(&e.pos), format!("invalid constant type {ts}"));
                return (self.w.invalid, None);
            }
            let before = self.error_count();
            if self.w.types.is_untyped(x.typ) {
                self.convert_untyped(&mut x, t, "constant declaration");
            } else if !self.identical(x.typ, t) {
                let d = self.operand_string(&x);
                let ts = self.type_string(t);
                self.error(&e.pos, format!("cannot use {d} as type {ts} in constant declaration"));
                x.mode = Mode::Invalid;
            }
            self.move_errors_to(before, at);
            if x.mode == Mode::Invalid {
                return (self.w.invalid, None);
            }
            self.record(&x);
            return (t, x.value);
        }
        (x.typ, x.value)
    }

    /// The initializer of a variable, of type `t` when one is written; the
    /// variable's type.
    pub(super) fn var_init(&mut self, e: &'a Expr, t: Option<TypeId>) -> TypeId {
        let mut x = self.expr(e);
        if x.mode == Mode::Invalid || !self.single_value(&x) {
            return t.unwrap_or(self.w.invalid);
        }
        match t {
            Some(t) => {
                self.assign_to(&mut x, t, "variable declaration");
                t
            }
            None => {
                if self.w.types.basic_of(x.typ) == Some(Basic::UntypedNil) {
                    self.error(&e.pos, "use of untyped nil in variable declaration");
                    return self.w.invalid;
                }
                let d = self.default_type(x.typ);
                if d != x.typ {
                    self.convert_untyped(&mut x, d, "variable declaration");
                    self.record(&x);
                }
                d
            }
        }
    }

    /// `x` assigned to a variable of type `t` (in context `ctx`): it must
    /// be assignable, untyped constants representable.
    pub(super) fn assign_to(&mut self, x: &mut Operand<'a>, t: TypeId, ctx: &str) -> bool {
        if t == self.w.invalid || x.mode == Mode::Invalid {
            return false;
        }
        if self.w.types.is_untyped(x.typ) {
            let nil = self.w.types.basic_of(x.typ) == Some(Basic::UntypedNil);
            let target = if !nil && self.w.types.is_interface(t) && !self.w.types.is_type_param(t) { self.default_type(x.typ) } else { t };
            if nil && !self.has_nil(t) {
                let ts = self.type_string(t);
                let pos = x.expr.map_or(Pos::new("".into(), 0, 0), |e| e.pos.clone());
                self.error(&pos, format!("cannot use nil as {ts} value in {ctx}"));
                return false;
            }
            if !self.convert_untyped(x, target, ctx) {
                return false;
            }
            self.record(x);
        }
        if !self.assignable(x.typ, t) {
            let d = self.operand_string(x);
            let ts = self.type_string(t);
            let pos = x.expr.map_or(Pos::new("".into(), 0, 0), |e| e.pos.clone());
            // Why an interface is not implemented, on the next line.
            let why = match self.w.types.is_interface(t) && !self.w.types.is_type_param(t) {
                true => match self.w.implements(x.typ, t) {
                    Err(why) => format!(":\n\t{}", self.not_implemented(x.typ, t, &why)),
                    Ok(()) => String::new(),
                },
                false => String::new(),
            };
            self.error(&pos, format!("cannot use {d} as type {ts} in {ctx}{why}"));
            return false;
        }
        true
    }

    /// `var a, b = f()`: the types of the results of the one initializer,
    /// `n` of them (of type `t` when written).
    pub(super) fn multi_init(&mut self, e: &'a Expr, n: usize, t: Option<TypeId>) -> Option<Vec<TypeId>> {
        let x = self.expr(e);
        if x.mode == Mode::Invalid {
            return None;
        }
        let results = match self.w.types.get(x.typ) {
            Type::Tuple(ts) => ts.clone(),
            _ if matches!(x.mode, Mode::CommaOk | Mode::MapIndex) && n == 2 => vec![x.typ, basic(Basic::Bool)],
            _ => vec![x.typ],
        };
        if results.len() != n {
            let msg = self.mismatch(std::slice::from_ref(e), n, results.len());
            self.error(&e.pos, msg);
            return None;
        }
        Some(match t {
            Some(t) => vec![t; n],
            None => results.iter().map(|&r| self.default_type(r)).collect(),
        })
    }

    /// How many errors are reported so far.
    fn error_count(&self) -> usize {
        self.errors_len()
    }
}

/// `v` as a value of basic type `b`, rounded for floats; why not when it
/// does not fit.
fn represent(v: &Const, b: Basic) -> Result<Const, Unfit> {
    if b.is_integer() {
        if matches!(v, Const::Big(_, true)) {
            return if b.is_untyped() { Ok(v.clone()) } else { Err(Unfit::Overflows) };
        }
        let Some(i) = v.as_int() else {
            return match v {
                Const::Float(_) | Const::Big(_, false) | Const::Huge(_) | Const::Complex(..) | Const::BigComplex(_) => {
                    if v.to_integer().is_some() {
                        Err(Unfit::Overflows)
                    } else {
                        Err(Unfit::Truncated)
                    }
                }
                _ => Err(Unfit::Mismatch),
            };
        };
        if b.is_untyped() {
            return Ok(Const::Int(i));
        }
        let size = if matches!(b, Basic::Int | Basic::Uint | Basic::Uintptr) { 8 } else { b.size() };
        if constant::int_fits(i, size, !b.is_unsigned()) {
            return Ok(Const::Int(i));
        }
        return Err(Unfit::Overflows);
    }
    if b.is_float() {
        if b.is_untyped() {
            return match v {
                Const::Complex(_, i) if *i != 0.0 => Err(Unfit::Truncated),
                Const::Complex(r, _) => Ok(Const::Float(*r)),
                Const::String(_) | Const::Bool(_) => Err(Unfit::Mismatch),
                _ => Ok(v.clone()),
            };
        }
        let f = match (v, b) {
            (Const::Big(r, _), Basic::Float32) => r.to_f32().map_or(f64::INFINITY, f64::from),
            // Rounded once, not through float64.
            (Const::Int(i), Basic::Float32) => *i as f32 as f64,
            (Const::Big(r, _), _) => r.to_f64().unwrap_or(f64::INFINITY),
            (Const::String(_) | Const::Bool(_), _) => return Err(Unfit::Mismatch),
            (Const::Complex(_, i), _) if *i != 0.0 => return Err(Unfit::Truncated),
            _ => v.as_f64().ok_or(Unfit::Mismatch)?,
        };
        let f = if b == Basic::Float32 { f as f32 as f64 } else { f } + 0.0;
        if f.is_infinite() {
            return Err(Unfit::Overflows);
        }
        return Ok(Const::Float(f));
    }
    if b.is_complex() {
        if b.is_untyped() {
            return match v {
                Const::String(_) | Const::Bool(_) => Err(Unfit::Mismatch),
                _ => Ok(v.clone()),
            };
        }
        // Each part as a float of the part's size, rounded from its exact
        // value (not through float64 first: that can round twice).
        let (re, im) = match v {
            Const::BigComplex(c) => (Const::Big(Box::new(c.0.clone()), false), Const::Big(Box::new(c.1.clone()), false)),
            Const::Complex(r, i) => (Const::Float(*r), Const::Float(*i)),
            Const::String(_) | Const::Bool(_) => return Err(Unfit::Mismatch),
            real => (real.clone(), Const::Float(0.0)),
        };
        let part = if b == Basic::Complex64 { Basic::Float32 } else { Basic::Float64 };
        let f = |c: &Const| represent(c, part).map(|c| c.as_f64().unwrap_or(0.0));
        return Ok(Const::Complex(f(&re)?, f(&im)?));
    }
    match (v, b.is_string(), b.is_bool()) {
        (Const::String(_), true, _) | (Const::Bool(_), _, true) => Ok(v.clone()),
        _ => Err(Unfit::Mismatch),
    }
}

fn is_comparison(op: BinaryOp) -> bool {
    matches!(op, BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge)
}

/// Untyped numeric kinds in the order a binary operation promotes them.
fn untyped_rank(b: Basic) -> u8 {
    match b {
        Basic::UntypedInt => 0,
        Basic::UntypedRune => 1,
        Basic::UntypedFloat => 2,
        _ => 3,
    }
}

pub(super) fn op_str(op: BinaryOp) -> &'static str {
    use BinaryOp::*;
    match op {
        Add => "+",
        Sub => "-",
        Mul => "*",
        Div => "/",
        Rem => "%",
        And => "&",
        Or => "|",
        Xor => "^",
        Shl => "<<",
        Shr => ">>",
        AndNot => "&^",
        LAnd => "&&",
        LOr => "||",
        Eq => "==",
        Ne => "!=",
        Lt => "<",
        Le => "<=",
        Gt => ">",
        Ge => ">=",
    }
}
