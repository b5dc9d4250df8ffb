//! Composite literals and function literals.

use super::check::Checker;
use super::constant::Const;
use super::object::ScopeKind;
use super::ty::{Type, TypeId};
use super::{Mode, Operand, TypeAndValue};
use crate::syntax::ast::{self, Expr, ExprKind, KeyedElement};
use std::collections::HashMap;

impl<'a> Checker<'a> {
    /// `T{...}`; `hint` is the type of an elided literal (`{...}` inside
    /// another literal, `T` or `*T` from the outer literal's element type).
    pub(super) fn composite(&mut self, e: &'a Expr, typ: Option<&'a Expr>, elems: &'a [KeyedElement], hint: Option<TypeId>) -> Operand<'a> {
        let t = match (typ, hint) {
            (Some(te), _) => match &te.kind {
                // `[...]T{...}`: the length is the literal's.
                ExprKind::ArrayType { len: None, elem } => {
                    let el = self.typ(elem);
                    if el == self.w.invalid {
                        self.use_elements(elems);
                        return self.invalid_expr(e);
                    }
                    let n = self.indexed_elements(elems, el, None);
                    let t = self.w.types.intern(Type::Array(el, n));
                    self.info.types.insert(te.id, TypeAndValue { mode: Mode::TypeExpr, typ: t, value: None });
                    return Operand { mode: Mode::Value, typ: t, value: None, expr: Some(e) };
                }
                _ => self.typ(te),
            },
            (None, Some(h)) => {
                // An elided `&T{...}` element of pointer type `*T`.
                match self.w.core_type(h).map(|c| self.w.types.get(c).clone()) {
                    Some(Type::Pointer(base)) => {
                        let inner = self.composite(e, None, elems, Some(base));
                        if inner.mode == Mode::Invalid {
                            return inner;
                        }
                        return Operand { mode: Mode::Value, typ: h, value: None, expr: Some(e) };
                    }
                    _ => h,
                }
            }
            (None, None) => {
                self.error(&e.pos, "missing type in composite literal");
                self.use_elements(elems);
                return self.invalid_expr(e);
            }
        };
        if t == self.w.invalid {
            self.use_elements(elems);
            return self.invalid_expr(e);
        }
        let core = self.w.core_type(t).unwrap_or(t);
        match self.w.types.get(core).clone() {
            Type::Struct(fields) => self.struct_literal(e, t, &fields, elems),
            Type::Array(el, n) => {
                self.indexed_elements(elems, el, Some(n));
            }
            Type::Slice(el) => {
                self.indexed_elements(elems, el, None);
            }
            Type::Map(k, v) => self.map_literal(k, v, elems),
            _ => {
                let s = self.type_string(t);
                self.error(typ.map_or(&e.pos, |te| &te.pos), format!("invalid composite literal type {s}"));
                self.use_elements(elems);
                return self.invalid_expr(e);
            }
        }
        Operand { mode: Mode::Value, typ: t, value: None, expr: Some(e) }
    }

    fn use_elements(&mut self, elems: &'a [KeyedElement]) {
        for el in elems {
            if let Some(k) = &el.key {
                if !matches!(k.kind, ExprKind::Ident(_)) {
                    self.expr(k);
                }
            }
            if !matches!(el.value.kind, ExprKind::Composite { typ: None, .. }) {
                self.expr(&el.value);
            }
        }
    }

    /// An element value of type `t`. A composite literal element may omit
    /// its type (and gets `t`) where `elided` says so: in arrays, slices and
    /// maps, not in structs.
    fn element(&mut self, v: &'a Expr, t: TypeId, ctx: &str, elided: bool) {
        if let (ExprKind::Composite { typ: None, elems, .. }, true) = (&v.kind, elided) {
            let x = self.composite(v, None, elems, Some(t));
            self.record_final(&x);
            return;
        }
        let mut x = self.expr(v);
        if x.mode != Mode::Invalid {
            self.assign_to(&mut x, t, ctx);
        }
    }

    fn struct_literal(&mut self, e: &'a Expr, t: TypeId, fields: &[super::ty::Field], elems: &'a [KeyedElement]) {
        let ts = self.type_string(t);
        let local = self.path().to_string();
        if elems.is_empty() {
            return;
        }
        let keyed = elems[0].key.is_some();
        if keyed {
            let mut seen: HashMap<&str, ()> = HashMap::new();
            for el in elems {
                let Some(k) = &el.key else {
                    self.error(&el.value.pos, "mixture of field:value and value elements in struct literal");
                    self.expr(&el.value);
                    continue;
                };
                let ExprKind::Ident(name) = &k.kind else {
                    let s = self.expr_string(k);
                    self.error(&k.pos, format!("invalid field name {s} in struct literal"));
                    self.expr(&el.value);
                    continue;
                };
                let Some(i) = fields.iter().position(|f| f.name == name.name && f.name != "_" && (f.pkg.is_empty() || f.pkg == local)) else {
                    // gc says the same of another package's unexported field.
                    let msg = format!("unknown field '{}' in struct literal of type {ts}", name.name);
                    self.error(&k.pos, msg);
                    self.expr(&el.value);
                    continue;
                };
                if seen.insert(&fields[i].name, ()).is_some() {
                    self.error(el.colon.as_ref().unwrap_or(&k.pos), format!("duplicate field name {} in struct literal", name.name));
                    self.expr(&el.value);
                    continue;
                }
                let ctx = "struct literal";
                self.element(&el.value, fields[i].typ, ctx, false);
            }
            return;
        }
        for (i, el) in elems.iter().enumerate() {
            if let Some(k) = &el.key {
                self.error(&k.pos, "mixture of field:value and value elements in struct literal");
                self.expr(&el.value);
                continue;
            }
            let Some(f) = fields.get(i) else {
                self.error(&el.value.pos, format!("too many values in struct literal of type {ts}"));
                self.expr(&el.value);
                break;
            };
            if !f.pkg.is_empty() && f.pkg != local {
                self.error(&el.value.pos, format!("implicit assignment to unexported field {} in struct literal of type {ts}", f.name));
                self.expr(&el.value);
                continue;
            }
            self.element(&el.value, f.typ, "struct literal", false);
        }
        if elems.len() < fields.len() {
            let at = match &e.kind {
                ExprKind::Composite { rbrace, .. } => rbrace.clone(),
                _ => e.pos.clone(),
            };
            self.error(&at, format!("too few values in struct literal of type {ts}"));
        }
    }

    /// Elements of an array or slice literal, keyed by constant indices
    /// or not; the length they need. `len` bounds an array's indices.
    fn indexed_elements(&mut self, elems: &'a [KeyedElement], elem: TypeId, len: Option<u64>) -> u64 {
        let mut next: u64 = 0;
        let mut max: u64 = 0;
        let mut seen = std::collections::HashSet::new();
        for el in elems {
            let mut index = Some(next);
            if let Some(k) = &el.key {
                index = match self.index_value(k, "index") {
                    Some(Some(i)) => u64::try_from(i).ok(),
                    Some(None) => {
                        let s = self.expr_string(k);
                        self.error(&k.pos, format!("index {s} must be integer constant"));
                        None
                    }
                    None => None,
                };
            }
            if let Some(i) = index {
                // At the element, or at its key's `:`, as gc reports them.
                let at = el.colon.as_ref().unwrap_or(&el.value.pos);
                if len.is_some_and(|n| i >= n) {
                    let n = len.unwrap_or(0);
                    self.error(at, format!("index {i} is out of bounds (>= {n})"));
                } else if !seen.insert(i) {
                    self.error(at, format!("duplicate index {i} in array or slice literal"));
                }
                next = i + 1;
                max = max.max(next);
            }
            self.element(&el.value, elem, "array or slice literal", true);
        }
        max
    }

    fn map_literal(&mut self, k: TypeId, v: TypeId, elems: &'a [KeyedElement]) {
        let mut seen: Vec<(Const, TypeId)> = vec![];
        for el in elems {
            let Some(key) = &el.key else {
                self.error(&el.value.pos, "missing key in map literal");
                self.expr(&el.value);
                continue;
            };
            if let ExprKind::Composite { typ: None, elems: kel, .. } = &key.kind {
                let x = self.composite(key, None, kel, Some(k));
                self.record_final(&x);
            } else {
                let mut x = self.expr(key);
                if x.mode != Mode::Invalid && self.assign_to(&mut x, k, "map literal") {
                    if let (Mode::Constant, Some(c)) = (x.mode, x.value.clone()) {
                        if seen.iter().any(|(s, t)| *s == c && self.identical(*t, x.typ)) {
                            let s = self.expr_string(key);
                            self.error(&key.pos, format!("duplicate key {s} in map literal"));
                        } else {
                            seen.push((c, x.typ));
                        }
                    }
                }
            }
            self.element(&el.value, v, "map literal", true);
        }
    }

    /// `func(...) ... { body }`: its body is checked at once, in a scope
    /// inside the current one (it sees the enclosing function's names).
    pub(super) fn func_lit(&mut self, e: &'a Expr, sig: &'a ast::FuncType, body: &'a ast::Block) -> Operand<'a> {
        let scope = self.open_scope(ScopeKind::Func);
        let t = self.signature(sig, None);
        self.close_scope();
        let results = sig.results.iter().flat_map(|g| &g.names).filter_map(|n| self.info.defs.get(n.id).copied()).collect();
        let generic = self.func.as_ref().is_some_and(|f| f.generic);
        self.func_body(t, results, scope, body, generic);
        Operand { mode: Mode::Value, typ: t, value: None, expr: Some(e) }
    }
}
