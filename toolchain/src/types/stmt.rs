//! Function bodies and statements.

use super::check::{Checker, FuncCtx};
use super::decl::plural;
use super::object::{ObjId, ObjKind, ScopeKind, VarKind};
use super::ty::{basic, Basic, Type, TypeId};
use super::{Mode, Operand, TypeAndValue};
use crate::diag::Pos;
use crate::syntax::ast::{self, AssignOp, BinaryOp, BranchKind, ChanDir, Expr, ExprKind, Stmt, StmtKind};

/// A statement a `break` or `continue` may leave.
#[derive(Clone, Debug)]
pub(super) struct Breakable {
    pub label: Option<String>,
    /// A loop (`continue` may name it too), not a switch or select.
    pub is_loop: bool,
}

impl<'a> Checker<'a> {
    /// Checks the bodies of the package's functions and methods, once every
    /// package-level declaration is checked.
    pub(super) fn func_bodies(&mut self) {
        let mut i = 0;
        while i < self.bodies.len() {
            if self.stopped {
                return;
            }
            let (obj, fd) = self.bodies[i];
            i += 1;
            let Some(body) = &fd.body else { continue };
            let Some(sig) = self.w.obj(obj).typ else { continue };
            let scope = self.func_scopes[&obj];
            let results = fd.sig.results.iter().flat_map(|g| &g.names).filter_map(|n| self.info.defs.get(n.id).copied()).collect();
            let generic = fd.type_params.is_some() || crate::check::generic::is_generic_method(fd);
            self.body_owner = Some(obj);
            self.func_body(sig, results, scope, body, generic);
            self.body_owner = None;
        }
    }

    /// Checks a function body in scope `scope` (its parameters'), then what
    /// Go requires of the body as a whole: used variables and labels, a
    /// terminating statement when there are results.
    pub(super) fn func_body(&mut self, sig: TypeId, named_results: Vec<ObjId>, scope: super::object::ScopeId, body: &'a ast::Block, generic: bool) {
        let saved_scope = std::mem::replace(&mut self.scope, scope);
        let saved_func = self.func.replace(FuncCtx { sig, named_results, generic });
        let saved_locals = std::mem::take(&mut self.locals);
        let saved_breakables = std::mem::take(&mut self.breakables);
        self.stmts(&body.stmts);
        let (label_errors, _) = super::labels::check(body);
        for d in label_errors {
            self.report(d);
        }
        let has_results = self.w.types.sig(sig).is_some_and(|s| !s.results.is_empty());
        if has_results && !super::terminating::is_terminating_list(&body.stmts) {
            self.error(&body.end, "missing return");
        }
        self.report_unused_locals();
        self.scope = saved_scope;
        self.func = saved_func;
        self.locals = saved_locals;
        self.breakables = saved_breakables;
    }

    /// `x declared but not used` for the function's variables never read,
    /// in source order.
    fn report_unused_locals(&mut self) {
        let mut unused: Vec<(Pos, String)> = self
            .locals
            .iter()
            .map(|&v| self.w.obj(v))
            .filter(|o| !o.used && o.name != "_")
            .map(|o| (o.pos.clone(), o.name.clone()))
            .collect();
        unused.sort_by_key(|u| (u.0.line, u.0.col));
        for (pos, name) in unused {
            self.error(&pos, format!("{name} declared but not used"));
        }
    }

    pub(super) fn stmts(&mut self, list: &'a [Stmt]) {
        for s in list {
            if self.stopped {
                return;
            }
            crate::stack::grow(|| self.stmt(s));
        }
    }

    fn block(&mut self, b: &'a ast::Block) {
        self.open_scope(ScopeKind::Block);
        self.stmts(&b.stmts);
        self.close_scope();
    }

    /// A new local variable, declared in the current scope and counted for
    /// `declared but not used`.
    fn declare_local(&mut self, id: &ast::Ident, typ: TypeId) -> ObjId {
        let v = self.new_var(id, VarKind::Local, Some(typ));
        let scope = self.scope;
        self.declare(scope, id, v);
        self.locals.push(v);
        v
    }

    fn stmt(&mut self, s: &'a Stmt) {
        match &s.kind {
            StmtKind::Empty => {}
            StmtKind::Expr(e) => self.expr_stmt(e),
            StmtKind::Decl(d) => self.local_decl(d),
            StmtKind::Assign { lhs, op, rhs, op_pos } => match op {
                // gc's position for the statement is its `:=`.
                AssignOp::Define => self.short_var_decl(op_pos, lhs, rhs),
                AssignOp::Assign => self.assign(&s.pos, lhs, rhs),
                AssignOp::Op(op) => self.op_assign(*op, &lhs[0], &rhs[0]),
            },
            StmtKind::IncDec { x, inc } => {
                let mut v = self.expr(x);
                if v.mode == Mode::Invalid {
                    return;
                }
                if !self.w.all_basic(v.typ, Basic::is_numeric) {
                    let op = if *inc { "++" } else { "--" };
                    self.error(&x.pos, format!("invalid operation: {}{op} (non-numeric type {})", self.expr_string(x), self.type_string(v.typ)));
                    return;
                }
                self.assignable_target(&mut v, x);
            }
            StmtKind::Send { ch, value } => {
                let c = self.expr(ch);
                let mut v = self.expr(value);
                if c.mode == Mode::Invalid || v.mode == Mode::Invalid {
                    return;
                }
                let core = self.w.core_type(c.typ);
                match core.map(|t| self.w.types.get(t).clone()) {
                    Some(Type::Chan(dir, elem)) => {
                        if dir == ChanDir::Recv {
                            let d = self.operand_string(&c);
                            self.error(&s.pos, format!("invalid operation: cannot send to receive-only channel {d}"));
                            return;
                        }
                        self.assign_to(&mut v, elem, "send");
                    }
                    _ => {
                        let d = self.operand_string(&c);
                        self.error(&s.pos, format!("invalid operation: cannot send to non-channel {d}"));
                    }
                }
            }
            StmtKind::Go(e) => self.go_defer(e, "go"),
            StmtKind::Defer(e) => self.go_defer(e, "defer"),
            StmtKind::Return(results) => self.return_stmt(&s.pos, results),
            StmtKind::Branch { kind, label } => self.branch(&s.pos, *kind, label.as_ref()),
            StmtKind::Block(b) => self.block(b),
            StmtKind::If { init, cond, then, els } => {
                self.open_scope(ScopeKind::Block);
                if let Some(init) = init {
                    self.stmt(init);
                }
                self.condition(cond, "if statement");
                self.block(then);
                if let Some(els) = els {
                    self.stmt(els);
                }
                self.close_scope();
            }
            StmtKind::For { init, cond, post, body } => {
                self.open_scope(ScopeKind::Block);
                if let Some(init) = init {
                    self.stmt(init);
                }
                if let Some(cond) = cond {
                    self.condition(cond, "for statement");
                }
                if let Some(post) = post {
                    if matches!(post.kind, StmtKind::Assign { op: AssignOp::Define, .. }) {
                        self.error(&post.pos, "cannot declare in post statement of for loop");
                    } else {
                        self.stmt(post);
                    }
                }
                self.breakable(s, true, |c| c.block(body));
                self.close_scope();
            }
            StmtKind::Range { key, value, define, x, body } => {
                self.open_scope(ScopeKind::Block);
                self.range(key.as_ref(), value.as_ref(), *define, x);
                self.breakable(s, true, |c| c.block(body));
                self.close_scope();
            }
            StmtKind::Switch { init, tag, clauses } => {
                self.open_scope(ScopeKind::Block);
                if let Some(init) = init {
                    self.stmt(init);
                }
                self.breakable(s, false, |c| c.switch(tag.as_ref(), clauses));
                self.close_scope();
            }
            StmtKind::TypeSwitch { init, bind, x, clauses } => {
                self.open_scope(ScopeKind::Block);
                if let Some(init) = init {
                    self.stmt(init);
                }
                self.breakable(s, false, |c| c.type_switch(bind.as_ref(), x, clauses));
                self.close_scope();
            }
            StmtKind::Select(clauses) => self.breakable(s, false, |c| c.select(clauses)),
            StmtKind::Labeled { label, stmt } => {
                self.labels_at.push((stmt.pos.clone(), label.name.clone()));
                self.stmt(stmt);
            }
        }
    }

    /// Runs `f` inside a statement that `break` (and, for a loop,
    /// `continue`) may leave, with the label it has.
    fn breakable(&mut self, s: &'a Stmt, is_loop: bool, f: impl FnOnce(&mut Self)) {
        let label = self.label_of(s);
        self.breakables.push(Breakable { label, is_loop });
        f(self);
        self.breakables.pop();
    }

    /// The label directly on statement `s`, if any (the labeled statement
    /// wraps `s`; we look it up by position among the labels seen).
    fn label_of(&self, s: &Stmt) -> Option<String> {
        self.labels_at.iter().rev().find(|(pos, _)| *pos == s.pos).map(|(_, n)| n.clone())
    }

    fn expr_stmt(&mut self, e: &'a Expr) {
        let x = self.expr(e);
        if x.mode == Mode::Invalid {
            return;
        }
        let inner = e.unparen();
        let is_call = matches!(inner.kind, ExprKind::Call { .. });
        let is_recv = matches!(inner.kind, ExprKind::Unary { op: ast::UnaryOp::Recv, .. });
        if is_recv {
            return;
        }
        if is_call {
            if x.mode == Mode::TypeExpr || self.info.types.get(call_fun(inner).id).is_some_and(|tv| tv.mode == Mode::TypeExpr) {
                let d = self.operand_string(&x);
                self.error(&e.pos, format!("{d} is not used"));
                return;
            }
            if let Some(b) = self.called_builtin(inner) {
                if !matches!(b, super::object::Builtin::Copy | super::object::Builtin::Panic | super::object::Builtin::Print | super::object::Builtin::Println | super::object::Builtin::Recover | super::object::Builtin::Close | super::object::Builtin::Delete) {
                    let d = self.operand_string(&x);
                    self.error(&e.pos, format!("{d} is not used"));
                }
            }
            return;
        }
        let d = self.operand_string(&x);
        self.error(&e.pos, format!("{d} is not used"));
    }

    /// The built-in a call calls, if it calls one.
    fn called_builtin(&self, call: &Expr) -> Option<super::object::Builtin> {
        match self.info.types.get(call_fun(call).unparen().id)?.mode {
            Mode::Builtin(b) => Some(b),
            _ => None,
        }
    }

    fn go_defer(&mut self, e: &'a Expr, what: &str) {
        let inner = e.unparen();
        if !matches!(inner.kind, ExprKind::Call { .. }) {
            self.expr(e);
            self.error(&e.pos, format!("expression in {what} must be function call"));
            return;
        }
        if !std::ptr::eq(inner, e) {
            self.error(&e.pos, format!("expression in {what} must not be parenthesized"));
        }
        let x = self.expr(inner);
        if x.mode == Mode::Invalid {
            return;
        }
        if x.mode == Mode::TypeExpr || self.info.types.get(call_fun(inner).id).is_some_and(|tv| tv.mode == Mode::TypeExpr) {
            self.error(&e.pos, format!("{what} requires function call, not conversion"));
            return;
        }
        if let Some(b) = self.called_builtin(inner) {
            use super::object::Builtin::*;
            if !matches!(b, Copy | Panic | Print | Println | Recover | Close | Delete) {
                // The call as an operand (gc: `len(s) (value of type int)`).
                let d = match self.info.types.get(inner.id) {
                    Some(tv) => {
                        let t = self.type_string(tv.typ);
                        format!("{} (value of type {t})", self.expr_string(inner))
                    }
                    None => self.expr_string(inner),
                };
                self.error(&e.pos, format!("{what} discards result of {d}"));
            }
        }
    }

    fn condition(&mut self, cond: &'a Expr, what: &str) {
        let x = self.expr(cond);
        if x.mode == Mode::Invalid {
            return;
        }
        if !self.w.types.basic_of(x.typ).is_some_and(Basic::is_bool) || self.w.types.is_type_param(x.typ) {
            self.error(&cond.pos, format!("non-boolean condition in {what}"));
            return;
        }
        let mut x = x;
        self.convert_untyped(&mut x, basic(Basic::Bool), what);
    }

    fn local_decl(&mut self, d: &'a ast::GenDecl) {
        match d {
            ast::GenDecl::Var(specs) => {
                for spec in specs {
                    let t = spec.typ.as_ref().map(|t| self.typ(t));
                    let before = self.errors_len();
                    let types: Vec<TypeId> = if spec.values.is_empty() {
                        vec![t.unwrap_or(self.w.invalid); spec.names.len()]
                    } else if spec.values.len() == spec.names.len() {
                        spec.values.iter().map(|v| self.var_init(v, t)).collect()
                    } else if spec.values.len() == 1 {
                        self.multi_init(&spec.values[0], spec.names.len(), t).unwrap_or_else(|| vec![self.w.invalid; spec.names.len()])
                    } else {
                        let (n, v) = (spec.names.len(), spec.values.len());
                        for e in &spec.values {
                            self.expr(e);
                        }
                        let at = spec.names.get(v).map_or_else(|| spec.values[n].pos.clone(), |n| n.pos.clone());
                        let msg = self.mismatch(&spec.values, n, v);
                        self.error(&at, msg);
                        vec![self.w.invalid; n]
                    };
                    // The names are in scope only after the whole spec.
                    // After an error in it they count as used (no
                    // follow-on `declared but not used`, as gc).
                    let failed = self.errors_len() > before;
                    for (n, t) in spec.names.iter().zip(types) {
                        let v = self.declare_local(n, t);
                        if t == self.w.invalid || failed {
                            self.w.obj_mut(v).used = true;
                        }
                    }
                }
            }
            ast::GenDecl::Const(specs) => {
                let mut last: (Option<&'a Expr>, &'a [Expr]) = (None, &[]);
                for s in specs {
                    let inherited = s.values.is_empty();
                    if !inherited {
                        last = (s.typ.as_ref(), &s.values);
                    }
                    let mut objs = vec![];
                    for (i, n) in s.names.iter().enumerate() {
                        let Some(value) = last.1.get(i) else {
                            self.error(&n.pos, "missing init expr for const declaration");
                            continue;
                        };
                        let outer = self.iota.replace(s.iota);
                        let t = last.0.map(|t| self.typ(t));
                        let at = inherited.then(|| n.pos.clone());
                        let (typ, v) = self.const_init(value, t, at.as_ref());
                        self.iota = outer;
                        let o = self.w.new_obj(&n.name, n.pos.clone(), Some(self.pkg), ObjKind::Const { value: v }, Some(typ));
                        objs.push((n, o));
                    }
                    if !inherited && s.values.len() > s.names.len() {
                        self.error(&s.values[s.names.len()].pos, "extra init expr");
                    }
                    for (n, o) in objs {
                        let scope = self.scope;
                        self.declare(scope, n, o);
                    }
                }
            }
            ast::GenDecl::Type(specs) => {
                for spec in specs {
                    if self.func.as_ref().is_some_and(|f| f.generic) {
                        // A limit of gc 1.19's (its test/typeparam/issue47631.go).
                        self.error(&spec.pos, "type declarations inside generic functions are not currently supported");
                    }
                    let obj = self.w.new_obj(&spec.name.name, spec.name.pos.clone(), Some(self.pkg), ObjKind::TypeName { alias: spec.alias }, None);
                    // Declared first: a local type may refer to itself.
                    let scope = self.scope;
                    self.declare(scope, &spec.name, obj);
                    self.local_type_decl(obj, spec);
                }
            }
        }
    }

    fn local_type_decl(&mut self, obj: ObjId, spec: &'a ast::TypeSpec) {
        if spec.alias {
            self.local_aliases.push(obj);
            let t = self.typ(&spec.typ);
            self.local_aliases.pop();
            self.w.obj_mut(obj).typ = Some(t);
            return;
        }
        let (named, rhs) = self.defined_type(obj, spec);
        let u = self.w.types.underlying(rhs);
        if u == named || matches!(self.w.types.get(u), Type::Named(_)) {
            let cycle = self.named_cycle(named);
            self.cycle_error(&cycle);
            self.w.types.named_mut(named).expect("defined").underlying = Some(self.w.invalid);
            return;
        }
        self.w.types.named_mut(named).expect("defined").underlying = Some(u);
        if spec.type_params.is_some() {
            self.w.expand_instances_of(named);
        }
        self.run_later();
        self.report_self_containing(named);
    }

    /// `a, b := x, y`: at least one new variable; the others are assigned.
    fn short_var_decl(&mut self, pos: &Pos, lhs: &'a [Expr], rhs: &'a [Expr]) {
        let mut idents = vec![];
        let mut ok = true;
        for l in lhs {
            match &l.kind {
                ExprKind::Ident(id) => idents.push(id),
                _ => {
                    let d = self.expr_string(l);
                    self.error(&l.pos, format!("non-name {d} on left side of :="));
                    ok = false;
                }
            }
        }
        let rhs_types = self.rhs_types(pos, lhs.len(), rhs);
        if !ok {
            return;
        }
        let failed = rhs_types.is_none();
        let mut any_new = false;
        let mut seen = std::collections::HashSet::new();
        let mut new_vars = vec![];
        for (i, id) in idents.iter().enumerate() {
            if id.name != "_" && !seen.insert(id.name.as_str()) {
                self.error(&id.pos, format!("{} repeated on left side of :=", id.name));
                continue;
            }
            let existing = (id.name != "_").then(|| self.w.scope(self.scope).get(&id.name)).flatten();
            let rt = rhs_types.as_ref().map_or(self.w.invalid, |ts| ts[i].0);
            match existing {
                Some(o) if matches!(self.w.obj(o).kind, ObjKind::Var { .. }) => {
                    self.info.uses.insert(id.id, o);
                    let t = self.w.obj(o).typ.unwrap_or(self.w.invalid);
                    if let Some(ts) = &rhs_types {
                        if let Some(mut x) = ts[i].1.clone() {
                            self.assign_to(&mut x, t, "assignment");
                        }
                    }
                }
                Some(_) => {
                    self.error(&id.pos, format!("cannot assign to {}", id.name));
                }
                None => {
                    any_new |= id.name != "_";
                    let t = if self.w.types.basic_of(rt) == Some(Basic::UntypedNil) {
                        self.error(&rhs.get(i).map_or(pos, |r| &r.pos).clone(), "use of untyped nil in assignment");
                        self.w.invalid
                    } else {
                        if let Some(Some(mut x)) = rhs_types.as_ref().map(|ts| ts[i].1.clone()) {
                            let d = self.default_type(x.typ);
                            if d != x.typ {
                                self.convert_untyped(&mut x, d, "assignment");
                            }
                        }
                        self.default_type(rt)
                    };
                    let v = self.new_var(id, VarKind::Local, Some(t));
                    self.w.obj_mut(v).used = failed;
                    self.info.defs.insert(id.id, v);
                    new_vars.push((*id, v));
                }
            }
        }
        for (id, v) in new_vars {
            let scope = self.scope;
            self.declare(scope, id, v);
            self.locals.push(v);
        }
        if !any_new {
            self.error(pos, "no new variables on left side of :=");
        }
    }

    /// The types of the right-hand sides of an assignment to `n`
    /// variables, with the operand of each when there is one per variable;
    /// `None` after an error (reported).
    fn rhs_types(&mut self, pos: &Pos, n: usize, rhs: &'a [Expr]) -> Option<Vec<(TypeId, Option<Operand<'a>>)>> {
        if rhs.len() == n {
            let mut out = vec![];
            let mut bad = false;
            for r in rhs {
                let x = self.expr(r);
                if x.mode == Mode::Invalid || !self.single_value_ok(&x) {
                    bad = true;
                    out.push((self.w.invalid, None));
                    continue;
                }
                out.push((x.typ, Some(x)));
            }
            return (!bad).then_some(out);
        }
        if rhs.len() == 1 {
            let x = self.expr(&rhs[0]);
            if x.mode == Mode::Invalid {
                return None;
            }
            let types = match self.w.types.get(x.typ) {
                Type::Tuple(ts) => ts.clone(),
                _ if matches!(x.mode, Mode::CommaOk | Mode::MapIndex) && n == 2 => vec![x.typ, basic(Basic::UntypedBool)],
                _ => vec![x.typ],
            };
            if types.len() != n {
                let msg = self.mismatch(rhs, n, types.len());
                self.error(&rhs[0].pos, msg);
                return None;
            }
            if matches!(x.mode, Mode::CommaOk | Mode::MapIndex) && n == 2 {
                self.record_comma_ok(&rhs[0], x.typ);
            }
            return Some(types.into_iter().map(|t| (t, None)).collect());
        }
        for r in rhs {
            self.expr(r);
        }
        let msg = self.mismatch(rhs, n, rhs.len());
        self.error(rhs.first().map_or(pos, |r| &r.pos), msg);
        None
    }

    /// gc's words for `nvars` variables given `nvals` values by `rhs`
    /// (types2's assignError): a lone call is named by its function.
    pub(super) fn mismatch(&self, rhs: &[Expr], nvars: usize, nvals: usize) -> String {
        let (vars, vals) = (format!("{nvars} variable{}", plural(nvars)), format!("{nvals} value{}", plural(nvals)));
        if let [only] = rhs {
            if let ExprKind::Call { func, .. } = &only.unparen().kind {
                return format!("assignment mismatch: {vars} but {} returns {vals}", self.expr_string(func));
            }
        }
        format!("assignment mismatch: {vars} but {vals}")
    }

    /// Records that a comma-ok expression is used for two values: its
    /// recorded type becomes the pair.
    fn record_comma_ok(&mut self, e: &Expr, t: TypeId) {
        let pair = self.w.types.tuple(vec![t, basic(Basic::Bool)]);
        let e = e.unparen();
        if let Some(tv) = self.info.types.get(e.id).cloned() {
            self.info.types.insert(e.id, TypeAndValue { typ: pair, ..tv });
        }
    }

    fn single_value_ok(&mut self, x: &Operand<'a>) -> bool {
        match x.mode {
            Mode::NoValue | Mode::TypeExpr | Mode::Builtin(_) => {
                let s = x.expr.map(|e| self.expr_string(e)).unwrap_or_default();
                let pos = x.expr.map_or(Pos::new("".into(), 0, 0), |e| e.pos.clone());
                let what = match x.mode {
                    Mode::NoValue => "(no value) used as value",
                    Mode::TypeExpr => "(type) is not an expression",
                    _ => "(built-in) must be called",
                };
                self.error(&pos, format!("{s} {what}"));
                false
            }
            _ if matches!(self.w.types.get(x.typ), Type::Tuple(_)) => {
                let s = x.expr.map(|e| self.expr_string(e)).unwrap_or_default();
                let pos = x.expr.map_or(Pos::new("".into(), 0, 0), |e| e.pos.clone());
                self.error(&pos, format!("multiple-value {s} (value of type {}) in single-value context", self.type_string(x.typ)));
                false
            }
            _ => true,
        }
    }

    /// `a, b = x, y`.
    fn assign(&mut self, pos: &Pos, lhs: &'a [Expr], rhs: &'a [Expr]) {
        let before = self.errors_len();
        self.assign_checked(pos, lhs, rhs);
        if self.errors_len() > before {
            // gc counts the variables of a wrong assignment as used.
            for l in lhs {
                if let ExprKind::Ident(id) = &l.unparen().kind {
                    if let Some(&o) = self.info.uses.get(id.id) {
                        self.w.obj_mut(o).used = true;
                    }
                }
            }
        }
    }

    fn assign_checked(&mut self, pos: &Pos, lhs: &'a [Expr], rhs: &'a [Expr]) {
        let targets: Vec<Option<TypeId>> = lhs.iter().map(|l| self.lhs(l)).collect();
        let Some(rts) = self.rhs_types(pos, lhs.len(), rhs) else { return };
        for (i, (t, x)) in rts.into_iter().enumerate() {
            let Some(target) = targets[i] else { continue };
            match x {
                Some(mut x) => {
                    self.assign_to(&mut x, target, "assignment");
                }
                None => {
                    if !self.assignable(t, target) && !self.w.types.is_untyped(t) {
                        let (ts, ls) = (self.type_string(t), self.type_string(target));
                        self.error(&rhs[0].pos, format!("cannot use {ts} value as {ls} value in assignment"));
                    }
                }
            }
        }
    }

    /// The left side of an assignment: a variable's type, or `None` for
    /// `_` (which takes any value) and after an error.
    fn lhs(&mut self, l: &'a Expr) -> Option<TypeId> {
        if let ExprKind::Ident(id) = &l.unparen().kind {
            if id.name == "_" {
                self.info.defs.insert(id.id, ObjId(u32::MAX));
                return None;
            }
            // Assigning to a variable is not using it.
            if let Some((o, _)) = self.w.lookup(self.scope, &id.name) {
                if matches!(self.w.obj(o).kind, ObjKind::Var { .. }) {
                    let used = self.w.obj(o).used;
                    let x = self.expr(l);
                    self.w.obj_mut(o).used = used;
                    return (x.mode != Mode::Invalid).then_some(x.typ);
                }
            }
        }
        let mut x = self.expr(l);
        if x.mode == Mode::Invalid {
            return None;
        }
        self.assignable_target(&mut x, l).then_some(x.typ)
    }

    /// Whether `x` may be assigned to: addressable, or a map index.
    fn assignable_target(&mut self, x: &mut Operand<'a>, l: &'a Expr) -> bool {
        match x.mode {
            Mode::Variable | Mode::MapIndex => true,
            _ => {
                let d = self.expr_string(l);
                let inner = l.unparen();
                let msg = match &inner.kind {
                    ExprKind::Selector { x: base, .. } if self.info.types.get(base.unparen().id).is_some_and(|tv| tv.mode == Mode::MapIndex) => {
                        format!("cannot assign to struct field {d} in map")
                    }
                    _ if x.mode == Mode::Constant || x.mode == Mode::Value || x.mode == Mode::CommaOk => {
                        format!("cannot assign to {d} (neither addressable nor a map index expression)")
                    }
                    _ => format!("cannot assign to {d}"),
                };
                self.error(&l.pos, msg);
                false
            }
        }
    }

    /// `x op= y`.
    fn op_assign(&mut self, op: BinaryOp, l: &'a Expr, r: &'a Expr) {
        let Some(t) = self.lhs_value(l) else {
            self.expr(r);
            return;
        };
        let y = self.binary_values(op, l, r, t);
        if let Some(mut y) = y {
            self.assign_to(&mut y, t, "assignment");
        }
    }

    /// The left side of `op=`: read and written.
    fn lhs_value(&mut self, l: &'a Expr) -> Option<TypeId> {
        let mut x = self.expr(l);
        if x.mode == Mode::Invalid {
            return None;
        }
        self.assignable_target(&mut x, l).then_some(x.typ)
    }

    fn return_stmt(&mut self, pos: &Pos, results: &'a [Expr]) {
        let Some(f) = self.func.clone() else { return };
        let want = self.w.types.sig(f.sig).map(|s| s.results.clone()).unwrap_or_default();
        if results.is_empty() {
            if !want.is_empty() && f.named_results.is_empty() {
                self.error(pos, "not enough return values\n\thave ()");
            }
            for &r in &f.named_results {
                let name = self.w.obj(r).name.clone();
                if let Some((o, _)) = self.w.lookup(self.scope, &name) {
                    if o != r {
                        self.error(pos, format!("result parameter {name} not in scope at return"));
                    }
                }
            }
            return;
        }
        if want.is_empty() {
            for r in results {
                self.expr(r);
            }
            self.error(&results[0].pos, "too many return values");
            return;
        }
        if results.len() == want.len() {
            for (r, &t) in results.iter().zip(&want) {
                let mut x = self.expr(r);
                if x.mode != Mode::Invalid && self.single_value_ok(&x) {
                    self.assign_to(&mut x, t, "return statement");
                }
            }
            return;
        }
        if results.len() == 1 {
            let x = self.expr(&results[0]);
            if x.mode == Mode::Invalid {
                return;
            }
            if let Type::Tuple(ts) = self.w.types.get(x.typ).clone() {
                if ts.len() == want.len() {
                    for (&have, &t) in ts.iter().zip(&want) {
                        if !self.assignable(have, t) {
                            let (hs, ts) = (self.type_string(have), self.type_string(t));
                            self.error(&results[0].pos, format!("cannot use {hs} value as {ts} value in return statement"));
                        }
                    }
                    return;
                }
            }
        } else {
            for r in results {
                self.expr(r);
            }
        }
        let msg = if results.len() > want.len() { "too many return values" } else { "not enough return values" };
        self.error(&results[0].pos, msg);
    }

    fn branch(&mut self, pos: &Pos, kind: BranchKind, label: Option<&ast::Ident>) {
        match kind {
            BranchKind::Goto | BranchKind::Fallthrough => {
                if kind == BranchKind::Fallthrough && !self.fallthrough_ok {
                    self.error(pos, "fallthrough statement out of place");
                }
            }
            BranchKind::Break | BranchKind::Continue => {
                let word = if kind == BranchKind::Break { "break" } else { "continue" };
                match label {
                    Some(l) => {
                        let target = self.breakables.iter().rev().find(|b| b.label.as_deref() == Some(l.name.as_str()));
                        match target {
                            Some(b) if kind == BranchKind::Continue && !b.is_loop => {
                                self.error(&l.pos, format!("invalid continue label {}", l.name));
                            }
                            Some(_) => {}
                            None => self.error(&l.pos, format!("invalid {word} label {}", l.name)),
                        }
                    }
                    None => {
                        let ok = if kind == BranchKind::Break { !self.breakables.is_empty() } else { self.breakables.iter().any(|b| b.is_loop) };
                        if !ok {
                            let msg = if kind == BranchKind::Break { "break is not in a loop, switch, or select" } else { "continue is not in a loop" };
                            self.error(pos, msg);
                        }
                    }
                }
            }
        }
    }

    fn range(&mut self, key: Option<&'a Expr>, value: Option<&'a Expr>, define: bool, x: &'a Expr) {
        let xv = self.expr(x);
        if xv.mode == Mode::Invalid {
            if define {
                for e in [key, value].into_iter().flatten() {
                    if let ExprKind::Ident(id) = &e.kind {
                        let v = self.declare_local(id, self.w.invalid);
                        self.w.obj_mut(v).used = true;
                    }
                }
            }
            return;
        }
        let core = self.w.core_type(xv.typ).unwrap_or(xv.typ);
        let (kt, vt, max_vars): (TypeId, Option<TypeId>, usize) = match self.w.types.get(core).clone() {
            Type::Basic(b) if b.is_string() => (basic(Basic::Int), Some(super::ty::RUNE), 2),
            Type::Array(e, _) | Type::Slice(e) => (basic(Basic::Int), Some(e), 2),
            Type::Pointer(p) if matches!(self.w.types.under(p), Type::Array(..)) => {
                let Type::Array(e, _) = self.w.types.under(p).clone() else { unreachable!("matched an array") };
                (basic(Basic::Int), Some(e), 2)
            }
            Type::Map(k, v) => (k, Some(v), 2),
            Type::Chan(dir, e) => {
                if dir == ChanDir::Send {
                    let d = self.operand_string(&xv);
                    self.error(&x.pos, format!("cannot range over {d} (receive from send-only channel)"));
                    return;
                }
                (e, None, 1)
            }
            _ => {
                let d = self.operand_string(&xv);
                self.error(&x.pos, format!("cannot range over {d}"));
                return;
            }
        };
        if let (Some(v), 1) = (value, max_vars) {
            let d = self.operand_string(&xv);
            self.error(&v.pos, format!("range over {d} permits only one iteration variable"));
            return;
        }
        let vars = [(key, Some(kt)), (value, vt)];
        if define {
            let mut new = vec![];
            for (e, t) in vars {
                let (Some(e), Some(t)) = (e, t) else { continue };
                match &e.kind {
                    ExprKind::Ident(id) => {
                        let v = self.new_var(id, VarKind::Local, Some(t));
                        self.info.defs.insert(id.id, v);
                        new.push((id, v));
                    }
                    _ => {
                        let d = self.expr_string(e);
                        self.error(&e.pos, format!("non-name {d} on left side of :="));
                    }
                }
            }
            for (id, v) in new {
                let scope = self.scope;
                self.declare(scope, id, v);
                self.locals.push(v);
            }
        } else {
            for (e, t) in vars {
                let (Some(e), Some(t)) = (e, t) else { continue };
                if let Some(target) = self.lhs(e) {
                    if !self.assignable(t, target) {
                        let (ts, ls) = (self.type_string(t), self.type_string(target));
                        let d = self.expr_string(e);
                        self.error(&e.pos, format!("cannot use {d} (value of type {ts}) as {ls} value in range"));
                    }
                }
            }
        }
    }

    fn switch(&mut self, tag: Option<&'a Expr>, clauses: &'a [ast::CaseClause]) {
        let tag_x = match tag {
            Some(t) => {
                let mut x = self.expr(t);
                if x.mode != Mode::Invalid && self.single_value_ok(&x) {
                    if self.w.types.is_untyped(x.typ) {
                        let d = self.default_type(x.typ);
                        self.convert_untyped(&mut x, d, "switch expression");
                        self.record_operand(&x);
                    }
                    if x.mode != Mode::Invalid && !self.comparable(x.typ) && !self.has_nil(x.typ) {
                        let d = self.operand_string(&x);
                        let ts = self.type_string(x.typ);
                        self.error(&t.pos, format!("cannot switch on {d} ({ts} is not comparable)"));
                        None
                    } else {
                        Some(x)
                    }
                } else {
                    None
                }
            }
            None => None,
        };
        self.multiple_defaults(clauses);
        let mut seen: Vec<(super::constant::Const, TypeId, Pos)> = vec![];
        for (i, c) in clauses.iter().enumerate() {
            for e in &c.exprs {
                let mut y = self.expr(e);
                if y.mode == Mode::Invalid {
                    continue;
                }
                match &tag_x {
                    Some(x) => {
                        let mut xx = x.clone();
                        if !self.case_compare(&mut xx, &mut y, e) {
                            continue;
                        }
                    }
                    None if tag.is_none() => {
                        // No tag: each case is compared with `true`.
                        if self.w.types.basic_of(y.typ).is_some_and(Basic::is_bool) {
                            self.convert_untyped(&mut y, basic(Basic::Bool), "switch case");
                        } else {
                            let mut t = Operand { mode: Mode::Constant, typ: basic(Basic::UntypedBool), value: Some(super::constant::Const::Bool(true)), expr: None };
                            if !self.assignable_either(y.typ, t.typ) || !self.case_compare(&mut t, &mut y, e) {
                                if self.assignable_either(y.typ, basic(Basic::Bool)) {
                                    continue;
                                }
                                let text = self.expr_string(e);
                                let ys = self.type_string(y.typ);
                                self.error(&e.pos, format!("invalid case {text} in switch (mismatched types {ys} and bool)"));
                                continue;
                            }
                        }
                    }
                    None => continue,
                }
                // Duplicates are looked for among numbers and strings, as
                // gc does (not booleans: `switch { case a, b: }`).
                if let (Mode::Constant, Some(v)) = (y.mode, y.value.clone().filter(|v| !matches!(v, super::constant::Const::Bool(_)))) {
                    if let Some((_, _, first)) = seen.iter().find(|(w, t, _)| *w == v && self.identical(*t, y.typ)) {
                        let first = first.clone();
                        let d = self.operand_string(&y);
                        self.error(&e.pos, format!("duplicate case {d} in expression switch\n\t{first}: previous case"));
                    } else {
                        // gc's position of a node: a call's is its `(`.
                        let at = match &e.kind {
                            ExprKind::Call { lparen, .. } => lparen.clone(),
                            _ => e.pos.clone(),
                        };
                        seen.push((v, y.typ, at));
                    }
                }
            }
            self.clause_body(&c.body, i + 1 < clauses.len(), true);
        }
    }

    /// Records an operand's final type (after it got one from its context).
    fn record_operand(&mut self, x: &Operand<'a>) {
        if let Some(e) = x.expr {
            self.info.types.insert(e.id, TypeAndValue { mode: x.mode, typ: x.typ, value: x.value.clone() });
        }
    }

    /// A case value against the switch's tag: as `tag == value`.
    fn case_compare(&mut self, x: &mut Operand<'a>, y: &mut Operand<'a>, e: &'a Expr) -> bool {
        if self.w.types.is_untyped(y.typ) {
            let t = x.typ;
            if !self.convert_untyped(y, t, "switch case") {
                return false;
            }
            self.record_operand(y);
        }
        if !self.assignable_either(x.typ, y.typ) {
            let (xs, ys) = (self.type_string(x.typ), self.type_string(y.typ));
            let text = self.expr_string(e);
            self.error(&e.pos, format!("invalid case {text} in switch on {} (mismatched types {ys} and {xs})", x.expr.map(|x| self.expr_string(x)).unwrap_or_default()));
            return false;
        }
        let nil = self.w.types.basic_of(y.typ) == Some(Basic::UntypedNil) || is_nil(e);
        // The case value first, then the tag (gc's order; the error is at
        // the case either way).
        let fault = if nil {
            None
        } else if !self.comparable(y.typ) {
            Some(y.typ)
        } else if !self.comparable(x.typ) {
            Some(x.typ)
        } else {
            None
        };
        if let Some(t) = fault {
            let text = self.expr_string(e);
            let tag = x.expr.map(|t| self.expr_string(t)).unwrap_or_default();
            let why = self.incomparable_reason(t);
            self.error(&e.pos, format!("invalid case {text} in switch on {tag} ({why})"));
            return false;
        }
        true
    }

    fn multiple_defaults(&mut self, clauses: &'a [ast::CaseClause]) {
        let mut defaults = clauses.iter().filter(|c| c.is_default);
        let first = defaults.next();
        if let (Some(first), Some(second)) = (first, defaults.next()) {
            self.error(&second.pos, format!("multiple defaults (first at {})", first.pos));
        }
    }

    /// A clause's statements in a scope of their own; `fallthrough` may
    /// end them when another clause follows in an expression switch.
    fn clause_body(&mut self, body: &'a [Stmt], has_next: bool, expr_switch: bool) {
        self.open_scope(ScopeKind::Block);
        let saved = self.fallthrough_ok;
        // The last statement that is not empty (`fallthrough; ;` ends a
        // clause as well).
        let n = body.iter().rposition(|s| !matches!(s.kind, StmtKind::Empty)).map_or(0, |i| i + 1);
        for (i, s) in body.iter().enumerate() {
            let last = i + 1 == n;
            self.fallthrough_ok = false;
            if is_fallthrough(s) {
                if expr_switch && last && !has_next {
                    self.error(&s.pos, "cannot fallthrough final case in switch");
                    continue;
                }
                if !expr_switch {
                    self.error(&s.pos, "cannot fallthrough in type switch");
                    continue;
                }
                self.fallthrough_ok = last;
            }
            crate::stack::grow(|| self.stmt(s));
        }
        self.fallthrough_ok = saved;
        self.close_scope();
    }

    fn type_switch(&mut self, bind: Option<&'a ast::Ident>, x: &'a Expr, clauses: &'a [ast::CaseClause]) {
        let xv = self.expr(x);
        self.multiple_defaults(clauses);
        let valid = xv.mode != Mode::Invalid;
        if valid && (!self.w.types.is_interface(xv.typ) || self.w.types.is_type_param(xv.typ)) {
            let d = self.operand_string(&xv);
            self.error(&x.pos, format!("{d} is not an interface"));
        }
        let iface_ok = valid && self.w.types.is_interface(xv.typ) && !self.w.types.is_type_param(xv.typ);
        let mut implicits = vec![];
        let mut any_used = false;
        let mut seen: Vec<(TypeId, Pos)> = vec![];
        for c in clauses {
            let mut single: Option<TypeId> = None;
            for e in &c.exprs {
                let t = if is_nil(e) {
                    self.expr(e);
                    Some(basic(Basic::UntypedNil))
                } else {
                    let t = self.typ(e);
                    (t != self.w.invalid).then_some(t)
                };
                let Some(t) = t else {
                    single = if c.exprs.len() == 1 { Some(self.w.invalid) } else { None };
                    continue;
                };
                if let Some((_, first)) = seen.iter().find(|(s, _)| self.identical(*s, t)) {
                    let first = first.clone();
                    let text = self.expr_string(e);
                    self.error(&e.pos, format!("duplicate case {text} in type switch\n\t{first}: previous case"));
                } else {
                    seen.push((t, e.pos.clone()));
                }
                if iface_ok && t != basic(Basic::UntypedNil) && !self.w.types.is_interface(t) && !self.w.types.is_type_param(t) {
                    if let Err(why) = self.w.implements(t, xv.typ) {
                        let d = self.operand_string(&xv);
                        let ts = self.type_string(t);
                        let why = self.missing_method_reason(t, xv.typ, &why);
                        self.error(&e.pos, format!("impossible type switch case: {d} cannot have dynamic type {ts} {why}"));
                    }
                }
                single = if c.exprs.len() == 1 { Some(t) } else { None };
            }
            self.open_scope(ScopeKind::Block);
            if let Some(b) = bind {
                let t = match single {
                    Some(t) if t != basic(Basic::UntypedNil) => t,
                    _ => xv.typ,
                };
                let v = self.w.new_obj(&b.name, b.pos.clone(), Some(self.pkg), ObjKind::Var { kind: VarKind::Local }, Some(t));
                if t == self.w.invalid {
                    self.w.obj_mut(v).used = true;
                }
                if b.name != "_" {
                    let scope = self.scope;
                    let _ = self.w.declare(scope, v);
                }
                implicits.push(v);
            }
            self.clause_body(&c.body, false, false);
            self.close_scope();
            if let Some(&v) = implicits.last() {
                any_used |= self.w.obj(v).used;
            }
        }
        if let Some(b) = bind {
            self.info.implicits.insert(b.id, implicits);
            if b.name == "_" {
                self.error(&b.pos, "no new variable on left side of :=");
            } else if !any_used {
                self.error(&b.pos, format!("{} declared but not used", b.name));
            }
        }
    }

    fn select(&mut self, clauses: &'a [ast::CommClause]) {
        let mut first_default: Option<&Pos> = None;
        for c in clauses {
            if c.comm.is_none() {
                if let Some(first) = first_default {
                    let first = first.clone();
                    self.error(&c.pos, format!("multiple defaults in select (first at {first})"));
                } else {
                    first_default = Some(&c.pos);
                }
            }
            self.open_scope(ScopeKind::Block);
            if let Some(comm) = &c.comm {
                let ok = match &comm.kind {
                    StmtKind::Send { .. } => true,
                    StmtKind::Expr(e) => is_recv(e),
                    StmtKind::Assign { rhs, .. } => rhs.len() == 1 && is_recv(&rhs[0]),
                    _ => false,
                };
                if !ok {
                    self.error(&comm.pos, "select case must be receive, send or assign recv");
                } else {
                    self.stmt(comm);
                }
            }
            self.clause_body(&c.body, false, false);
            self.close_scope();
        }
    }
}

/// The callee of a call expression.
fn call_fun(call: &Expr) -> &Expr {
    match &call.kind {
        ExprKind::Call { func, .. } => func,
        _ => call,
    }
}

fn is_fallthrough(s: &Stmt) -> bool {
    match &s.kind {
        StmtKind::Branch { kind: BranchKind::Fallthrough, .. } => true,
        StmtKind::Labeled { stmt, .. } => is_fallthrough(stmt),
        _ => false,
    }
}

fn is_nil(e: &Expr) -> bool {
    matches!(&e.unparen().kind, ExprKind::Ident(id) if id.name == "nil")
}

fn is_recv(e: &Expr) -> bool {
    matches!(e.unparen().kind, ExprKind::Unary { op: ast::UnaryOp::Recv, .. })
}
