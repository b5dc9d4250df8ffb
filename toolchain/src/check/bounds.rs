//! Bounds-check elimination for the indexing loops write most: in
//!
//! ```go
//! for i := range s { ... s[i] ... }
//! for i := 0; i < len(s); i++ { ... s[i] ... }
//! ```
//!
//! `s[i]` in the body is in bounds as long as neither `s` nor `i` changes
//! in the body, so it gets no check (gc's prove pass finds the same facts
//! on its SSA form). rgo proves it on the syntax, conservatively: `s` and
//! `i` are local variables in the frame (no closure captures them), the
//! function never takes either's address (escape analysis'
//! [`super::escape::Escapes::addressed`]), and no statement of the body
//! assigns a variable of either name (`=`, `op=`, `:=`, `++`, `--`, a
//! `range` with `=`). Then only the loop itself changes `i`, from a
//! non-negative start up by one (or to the next rune's index for a string)
//! while it is below `len(s)`, which stays what it was when the loop began.
//! Shadowing needs no care: the index expression must name the very
//! variables the loop recorded (by their ids).

use super::expr::strip_parens;
use super::facts::What;
use super::func::{Local, VarRef};
use super::types::Ty;
use super::Checker;
use crate::syntax::ast::{AssignOp, BinaryOp, Block, Expr, ExprKind, Stmt, StmtKind};

impl Checker<'_> {
    /// The id of the local variable `e` names when it lives in a frame slot
    /// and the function never takes its address.
    pub(super) fn plain_local(&self, e: &Expr) -> Option<u32> {
        let ExprKind::Ident(id) = &strip_parens(e).kind else { return None };
        let fb = self.fns.last()?;
        if id.name == "_" || fb.addressed.as_ref()?.contains(&id.name) {
            return None;
        }
        match fb.lookup(&id.name)? {
            Local::Var { id, var: VarRef::Slot(_), .. } => Some(*id),
            _ => None,
        }
    }

    /// Whether `s[i]` may index in bounds whatever `i` is below `len(s)`:
    /// `s` a slice, string, array or pointer to an array.
    fn indexable(&self, s: u32) -> bool {
        let Some(fb) = self.fns.last() else { return false };
        let Some(ty) = fb.scopes.iter().rev().flat_map(|sc| sc.values()).find_map(|l| match l {
            Local::Var { id, ty, .. } if *id == s => Some(*ty),
            _ => None,
        }) else {
            return false;
        };
        match self.types.under(ty) {
            Ty::Slice(_) | Ty::Array(..) => true,
            Ty::Basic(b) => b.is_string(),
            Ty::Pointer(p) => matches!(self.types.under(*p), Ty::Array(..)),
            _ => false,
        }
    }

    /// For `for key := range x { body }`, with `x_var` what
    /// [`Checker::plain_local`] said of `x` before the key was declared:
    /// the pair the body may index without checks.
    pub(super) fn range_bounds(&self, x_var: Option<u32>, key: Option<&Expr>, define: bool, x: &Expr, body: &Block) -> Option<(u32, u32)> {
        let (s, i) = (x_var?, self.plain_local(key?)?);
        let (ExprKind::Ident(sn), ExprKind::Ident(kn)) = (&strip_parens(x).kind, &strip_parens(key?).kind) else { return None };
        (define && self.indexable(s) && !assigns(&body.stmts, &[&sn.name, &kn.name])).then_some((s, i))
    }

    /// For `for init; cond; post { body }`, with `init` lowered: the pair
    /// the body may index without checks when the loop is `for i := k;
    /// i < len(s); i++` with a constant `k >= 0`.
    pub(super) fn for_bounds(&mut self, init: Option<&Stmt>, cond: Option<&Expr>, post: Option<&Stmt>, body: &Block) -> Option<(u32, u32)> {
        let StmtKind::Assign { lhs, op: AssignOp::Define, rhs, .. } = &init?.kind else { return None };
        let ([i], [start]) = (lhs.as_slice(), rhs.as_slice()) else { return None };
        let ExprKind::Ident(iname) = &strip_parens(i).kind else { return None };
        let ExprKind::Binary { op: BinaryOp::Lt, x: ci, y: bound } = &strip_parens(cond?).kind else { return None };
        let ExprKind::Call { func, args, ellipsis: false, .. } = &strip_parens(bound).kind else { return None };
        let (ExprKind::Ident(f), [s]) = (&strip_parens(func).kind, args.as_slice()) else { return None };
        let ExprKind::Ident(sname) = &strip_parens(s).kind else { return None };
        let StmtKind::IncDec { x: pi, inc: true } = &post?.kind else { return None };
        let same = |e: &Expr| matches!(&strip_parens(e).kind, ExprKind::Ident(id) if id.name == iname.name);
        if f.name != "len" || !same(ci) || !same(pi) {
            return None;
        }
        if !matches!(self.known(func).ok()?.what, What::Builtin) {
            return None;
        }
        let What::Const(k) = self.known(start).ok()?.what else { return None };
        if k.as_int().is_none_or(|k| k < 0) {
            return None;
        }
        let (i, s) = (self.plain_local(i)?, self.plain_local(s)?);
        (self.indexable(s) && !assigns(&body.stmts, &[&iname.name, &sname.name])).then_some((s, i))
    }

    /// Whether `x[i]` is known in bounds here (see the module's doc).
    pub(super) fn proven_in_bounds(&self, x: &Expr, i: &Expr) -> bool {
        let Some(fb) = self.fns.last() else { return false };
        if fb.in_bounds.is_empty() {
            return false;
        }
        match (self.plain_local(x), self.plain_local(i)) {
            (Some(s), Some(i)) => fb.in_bounds.contains(&(s, i)),
            _ => false,
        }
    }
}

/// Whether a statement of `stmts` (at any depth, outside function
/// literals) assigns a variable spelled as one of `names`. Function
/// literals can only assign variables they capture, which live on the heap
/// and so are never the frame variables this is asked about.
pub(super) fn assigns(stmts: &[Stmt], names: &[&str]) -> bool {
    let named = |e: &Expr| matches!(&strip_parens(e).kind, ExprKind::Ident(id) if names.contains(&id.name.as_str()));
    let mut work: Vec<&Stmt> = stmts.iter().collect();
    while let Some(s) = work.pop() {
        match &s.kind {
            StmtKind::Assign { lhs, .. } => {
                if lhs.iter().any(named) {
                    return true;
                }
            }
            StmtKind::IncDec { x, .. } => {
                if named(x) {
                    return true;
                }
            }
            StmtKind::Range { key, value, define, body, .. } => {
                if !define && key.iter().chain(value.iter()).any(named) {
                    return true;
                }
                work.extend(&body.stmts);
            }
            StmtKind::Block(b) => work.extend(&b.stmts),
            StmtKind::If { init, then, els, .. } => {
                work.extend(init.as_deref());
                work.extend(&then.stmts);
                work.extend(els.as_deref());
            }
            StmtKind::For { init, post, body, .. } => {
                work.extend(init.as_deref());
                work.extend(post.as_deref());
                work.extend(&body.stmts);
            }
            StmtKind::Switch { init, clauses, .. } | StmtKind::TypeSwitch { init, clauses, .. } => {
                work.extend(init.as_deref());
                for c in clauses {
                    work.extend(&c.body);
                }
            }
            StmtKind::Select(clauses) => {
                for c in clauses {
                    work.extend(c.comm.as_deref());
                    work.extend(&c.body);
                }
            }
            StmtKind::Labeled { stmt, .. } => work.push(stmt),
            StmtKind::Empty
            | StmtKind::Expr(_)
            | StmtKind::Decl(_)
            | StmtKind::Send { .. }
            | StmtKind::Go(_)
            | StmtKind::Defer(_)
            | StmtKind::Return(_)
            | StmtKind::Branch { .. } => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::assigns;
    use crate::syntax::ast::Stmt;

    fn body_of(src: &str) -> Vec<Stmt> {
        let mut ids = crate::syntax::IdGen::default();
        let file = crate::syntax::parse_file("t.go", &format!("package p\nfunc f() {{\n{src}\n}}\n"), &mut ids).expect("parses");
        let crate::syntax::ast::Decl::Func(fd) = &file.decls[0] else { panic!("a function") };
        fd.body.as_ref().expect("a body").stmts.clone()
    }

    #[test]
    fn finds_assignments_at_any_depth() {
        for src in [
            "s = nil",
            "s, t = t, s",
            "(s) = nil",
            "i++",
            "i += 2",
            "if x { for { switch { case y: s = nil } } }",
            "select { case s = <-c: }",
            "for i = range t {}",
            "L: i--",
            "{ s := t; _ = s }",
        ] {
            assert!(assigns(&body_of(src), &["s", "i"]), "{src}");
        }
        for src in ["s[0] = 1", "t = s", "x.s = nil", "for i := range t { _ = i }", "f(func() { s = nil })", "var s []int; _ = s", "*p = nil"] {
            assert!(!assigns(&body_of(src), &["s", "i"]), "{src}");
        }
    }
}
