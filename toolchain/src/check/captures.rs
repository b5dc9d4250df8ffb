//! Which variables a function literal may capture by value.
//!
//! A closure reaches the variables it names through cells on the heap, so
//! that writes on either side are seen on the other. A variable that is
//! never written after its declaration (and whose address is never taken)
//! cannot change, so a copy of its value in the closure object serves as
//! well, and the variable may stay in its frame: gc captures such
//! variables of at most 128 bytes by value (`capturevars`), and so does
//! rgo ([`BY_VALUE_MAX`]).
//!
//! [`changed_vars`] finds the variables a function body (its function
//! literals included) may change after their declaration: assignments
//! (`:=` redeclaring one included) and `++`/`--` whose target is the
//! variable or a field or array element of it, the variables of a `range`
//! (assigned each iteration), and every variable whose address is taken,
//! explicitly or by slicing an array, or that a method is called on (a
//! pointer method takes its address).

use crate::syntax::ast::*;
use crate::types::object::ObjId;
use crate::types::{Info, SelectionKind};
use std::collections::HashSet;

/// The largest variable captured by value, in bytes (gc's limit).
pub const BY_VALUE_MAX: u64 = 128;

/// The variables `body` may change after declaring them, by object.
pub fn changed_vars(body: &Block, info: &Info) -> HashSet<ObjId> {
    let mut w = Changes { info, out: HashSet::new() };
    w.block(body);
    w.out
}

struct Changes<'a> {
    info: &'a Info,
    out: HashSet<ObjId>,
}

impl Changes<'_> {
    /// Marks the variable `e` is stored in: through fields of a struct
    /// value and elements of an array value, not through pointers.
    fn root(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Paren(x) => self.root(x),
            ExprKind::Ident(id) => {
                if let Some(&o) = self.info.uses.get(id.id) {
                    self.out.insert(o);
                }
            }
            ExprKind::Selector { x, .. } => {
                if self.info.selections.get(e.id).is_some_and(|s| s.kind == SelectionKind::FieldVal && !s.indirect) {
                    self.root(x)
                }
            }
            // (An index of a slice or map changes no variable; taking it
            // for one only captures less by value.)
            ExprKind::Index { x, .. } => self.root(x),
            _ => {}
        }
    }

    fn block(&mut self, b: &Block) {
        for s in &b.stmts {
            crate::stack::grow(|| self.stmt(s));
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Empty | StmtKind::Branch { .. } => {}
            StmtKind::Expr(e) | StmtKind::Go(e) | StmtKind::Defer(e) => self.expr(e),
            StmtKind::Decl(d) => self.decl(d),
            StmtKind::Assign { lhs, op, rhs, .. } => {
                for l in lhs {
                    match (&l.kind, op) {
                        // A new variable, or one redeclared (which is an assignment).
                        (ExprKind::Ident(id), AssignOp::Define) => {
                            if let Some(&o) = self.info.uses.get(id.id) {
                                self.out.insert(o);
                            }
                        }
                        _ => {
                            self.root(l);
                            self.expr(l);
                        }
                    }
                }
                rhs.iter().for_each(|e| self.expr(e));
            }
            StmtKind::IncDec { x, .. } => {
                self.root(x);
                self.expr(x);
            }
            StmtKind::Send { ch, value } => {
                self.expr(ch);
                self.expr(value);
            }
            StmtKind::Return(es) => es.iter().for_each(|e| self.expr(e)),
            StmtKind::Block(b) => self.block(b),
            StmtKind::If { init, cond, then, els } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                self.expr(cond);
                self.block(then);
                if let Some(e) = els {
                    self.stmt(e);
                }
            }
            StmtKind::For { init, cond, post, body } => {
                for st in [init, post].into_iter().flatten() {
                    self.stmt(st);
                }
                if let Some(c) = cond {
                    self.expr(c);
                }
                self.block(body);
            }
            StmtKind::Range { key, value, define, x, body } => {
                for e in [key, value].into_iter().flatten() {
                    match (&e.kind, define) {
                        // Assigned at each iteration.
                        (ExprKind::Ident(id), true) => {
                            if let Some(&o) = self.info.defs.get(id.id) {
                                self.out.insert(o);
                            }
                        }
                        _ => {
                            self.root(e);
                            self.expr(e);
                        }
                    }
                }
                self.expr(x);
                self.block(body);
            }
            StmtKind::Switch { init, tag, clauses } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                if let Some(t) = tag {
                    self.expr(t);
                }
                self.clauses(clauses);
            }
            StmtKind::TypeSwitch { init, x, clauses, .. } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                self.expr(x);
                self.clauses(clauses);
            }
            StmtKind::Select(cs) => {
                for c in cs {
                    if let Some(comm) = &c.comm {
                        self.stmt(comm);
                    }
                    c.body.iter().for_each(|s| self.stmt(s));
                }
            }
            StmtKind::Labeled { stmt, .. } => self.stmt(stmt),
        }
    }

    fn clauses(&mut self, clauses: &[CaseClause]) {
        for c in clauses {
            c.exprs.iter().for_each(|e| self.expr(e));
            c.body.iter().for_each(|s| self.stmt(s));
        }
    }

    fn decl(&mut self, d: &GenDecl) {
        if let GenDecl::Var(specs) = d {
            specs.iter().flat_map(|v| &v.values).for_each(|e| self.expr(e));
        }
    }

    fn expr(&mut self, e: &Expr) {
        crate::stack::grow(|| self.expr_inner(e))
    }

    fn expr_inner(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Unary { op: UnaryOp::Addr, x } => {
                self.root(x);
                self.expr(x);
            }
            ExprKind::Slice { x, lo, hi, max, .. } => {
                // Slicing an array takes its address (a string or slice
                // is not changed: taking it for one only costs a copy).
                self.root(x);
                self.expr(x);
                for p in [lo, hi, max].into_iter().flatten() {
                    self.expr(p);
                }
            }
            ExprKind::Selector { x, .. } => {
                // A method value or call on a variable may take its address.
                if self.info.selections.get(e.id).is_some_and(|s| s.kind != SelectionKind::FieldVal) {
                    self.root(x);
                }
                self.expr(x);
            }
            ExprKind::FuncLit { body, .. } => self.block(body),
            ExprKind::Composite { elems, .. } => {
                for el in elems {
                    if let Some(k) = &el.key {
                        self.expr(k);
                    }
                    self.expr(&el.value);
                }
            }
            ExprKind::Paren(x) | ExprKind::Star(x) | ExprKind::Unary { x, .. } | ExprKind::TypeAssert { x, .. } => self.expr(x),
            ExprKind::Index { x, index, .. } => {
                self.expr(x);
                self.expr(index);
            }
            ExprKind::IndexList { x, indices, .. } => {
                self.expr(x);
                indices.iter().for_each(|i| self.expr(i));
            }
            ExprKind::Call { func, args, .. } => {
                self.expr(func);
                args.iter().for_each(|a| self.expr(a));
            }
            ExprKind::Binary { x, y, .. } => {
                self.expr(x);
                self.expr(y);
            }
            _ => {}
        }
    }
}
