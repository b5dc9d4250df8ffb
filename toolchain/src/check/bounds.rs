//! Bounds-check elimination for the indexing loops write most: in
//!
//! ```go
//! for i := range s { ... s[i] ... }
//! for i := 0; i < len(s); i++ { ... s[i] ... }
//! ```
//!
//! `s[i]` in the body is in bounds as long as neither `s` nor `i` changes
//! in the body, so it gets no check; so is `s[i+d]` or `s[i-d]` (a
//! constant `d`) where the loop's start and bound leave room for it
//! (`for i := 1; i < len(s)-1; i++ { s[i-1] + s[i+1] }`) (gc's prove pass finds the same facts
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

/// What a loop proves of its index variable in its body: `lo <= i` and
/// `i < len(s) - slack`, with neither `s` nor `i` changed by the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Proven {
    /// The sequence variable's id.
    pub s: u32,
    /// The index variable's id.
    pub i: u32,
    pub lo: i64,
    pub slack: i64,
}

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
    pub(super) fn range_bounds(&self, x_var: Option<u32>, key: Option<&Expr>, define: bool, x: &Expr, body: &Block) -> Option<Proven> {
        let (s, i) = (x_var?, self.plain_local(key?)?);
        let (ExprKind::Ident(sn), ExprKind::Ident(kn)) = (&strip_parens(x).kind, &strip_parens(key?).kind) else { return None };
        (define && self.indexable(s) && !assigns(&body.stmts, &[&sn.name, &kn.name])).then_some(Proven { s, i, lo: 0, slack: 0 })
    }

    /// `e` as a constant that fits an `i64`.
    fn small_const(&mut self, e: &Expr) -> Option<i64> {
        match self.known(e).ok()?.what {
            What::Const(c) => c.as_int().and_then(|k| i64::try_from(k).ok()),
            _ => None,
        }
    }

    /// For `for init; cond; post { body }`, with `init` lowered: what the
    /// loop's condition (past a first `&&` operand that is the test) and
    /// body may index without checks, for two shapes (constants `k`, `c`,
    /// `d`; the `- c` optional; `<=` and `>=` too):
    ///
    /// - `for i := k; i < len(s) - c; i++` with `k >= 0` (or `k` an index an
    ///   enclosing loop proved `k >= 0` of, plus a constant):
    ///   `k <= i < len(s) - c`;
    /// - `for j := e; j > k; j--` with `k >= -1`, where `e` is an index `i`
    ///   an enclosing loop proved `i < len(s) - c` of, or `len(s) - d` with
    ///   `d >= 1`: `k < j <= e`, so `j < len(s) - c` (or `- (d - 1)`).
    pub(super) fn for_bounds(&mut self, init: Option<&Stmt>, cond: Option<&Expr>, post: Option<&Stmt>, body: &Block) -> Option<Proven> {
        let StmtKind::Assign { lhs, op: AssignOp::Define, rhs, .. } = &init?.kind else { return None };
        let ([i], [start]) = (lhs.as_slice(), rhs.as_slice()) else { return None };
        let ExprKind::Ident(iname) = &strip_parens(i).kind else { return None };
        let StmtKind::IncDec { x: pi, inc } = &post?.kind else { return None };
        let same = |e: &Expr| matches!(&strip_parens(e).kind, ExprKind::Ident(id) if id.name == iname.name);
        // The test: the condition, or the first operand of its `&&`.
        let test = match &strip_parens(cond?).kind {
            ExprKind::Binary { op: BinaryOp::LAnd, x, .. } => &**x,
            _ => cond?,
        };
        let ExprKind::Binary { op, x: ci, y: bound } = &strip_parens(test).kind else { return None };
        if !same(ci) || !same(pi) {
            return None;
        }
        let iv = self.plain_local(i)?;
        let proven = if *inc {
            let (s, slack) = self.length_bound(bound)?;
            let slack = match op {
                BinaryOp::Lt => slack,
                // `i <= len(s) - c` is `i < len(s) - (c - 1)`.
                BinaryOp::Le => slack.checked_sub(1)?,
                _ => return None,
            };
            let lo = self.lower_bound(start)?;
            Proven { s, i: iv, lo, slack }
        } else {
            let k = self.small_const(bound)?;
            let lo = match op {
                BinaryOp::Gt => k.checked_add(1)?,
                BinaryOp::Ge => k,
                _ => return None,
            };
            if lo < 0 {
                return None;
            }
            let (s, slack) = match self.plain_local(start) {
                Some(e) => {
                    let outer = self.proof_of(e)?;
                    (outer.s, outer.slack)
                }
                None => {
                    let (s, d) = self.length_bound(start)?;
                    (s, d.checked_sub(1)?)
                }
            };
            Proven { s, i: iv, lo, slack }
        };
        if proven.slack < 0 || !self.indexable(proven.s) {
            return None;
        }
        // The names of `s` and of the start's variables, as the body must
        // not assign them (an enclosing loop's index is its body's: not
        // assigned here either).
        let mut names = vec![iname.name.as_str()];
        for e in [bound, start] {
            names.extend(variables_named(e));
        }
        (!assigns(&body.stmts, &names)).then_some(proven)
    }

    /// A lower bound, at least 0, of a loop's start: a constant, an index
    /// an enclosing loop proved things of, or either plus a constant `d >=
    /// 0` (`for j := i + 1; j < len(s); j++`; for an index, `d` at most
    /// one past the room its loop proved, so the sum cannot overflow).
    fn lower_bound(&mut self, e: &Expr) -> Option<i64> {
        // Peel `+ d` off (a loop, not recursion: the expression may nest deep).
        let mut e = e;
        let mut plus = 0i64;
        loop {
            if let Some(k) = self.small_const(e) {
                return (k >= 0).then(|| k.checked_add(plus)).flatten();
            }
            let ExprKind::Binary { op: BinaryOp::Add, x, y } = &strip_parens(e).kind else { break };
            let (base, d) = match self.small_const(y) {
                Some(d) => (&**x, d),
                None => (&**y, self.small_const(x)?),
            };
            if d < 0 {
                return None;
            }
            plus = plus.checked_add(d)?;
            e = base;
        }
        let i = self.plain_local(e)?;
        let outer = self.proof_of(i)?;
        // `i + plus` must not overflow: `i < len(s) - slack`, so `plus <=
        // slack + 1` keeps it at most `len(s)`.
        if plus > outer.slack.checked_add(1)? {
            return None;
        }
        outer.lo.checked_add(plus)
    }

    /// What the innermost enclosing loop with index variable `i` proved.
    fn proof_of(&self, i: u32) -> Option<Proven> {
        self.fns.last()?.in_bounds.iter().rev().find(|p| p.i == i).copied()
    }

    /// `len(s)` or `len(s) - c` (a constant `c`, `len` the built-in, `s` a
    /// [`Checker::plain_local`]): `s` and `c`.
    fn length_bound(&mut self, e: &Expr) -> Option<(u32, i64)> {
        let (length, c) = match &strip_parens(e).kind {
            ExprKind::Binary { op: BinaryOp::Sub, x, y } => (&**x, self.small_const(y)?),
            _ => (e, 0),
        };
        let ExprKind::Call { func, args, ellipsis: false, .. } = &strip_parens(length).kind else { return None };
        let (ExprKind::Ident(f), [s]) = (&strip_parens(func).kind, args.as_slice()) else { return None };
        if f.name != "len" || !matches!(self.known(func).ok()?.what, What::Builtin) {
            return None;
        }
        Some((self.plain_local(s)?, c))
    }

    /// Whether `x[ie]` is known in bounds here: `ie` is `i`, `i + d` or
    /// `i - d` (`d` a constant) for an index `i` a loop proved things of
    /// (see the module's doc).
    pub(super) fn proven_in_bounds(&mut self, x: &Expr, ie: &Expr) -> bool {
        if self.fns.last().is_none_or(|fb| fb.in_bounds.is_empty()) {
            return false;
        }
        let (iv, d) = match &strip_parens(ie).kind {
            ExprKind::Binary { op: BinaryOp::Add, x: a, y: b } => match (self.plain_local(a), self.plain_local(b)) {
                (Some(i), None) => (i, self.small_const(b)),
                (None, Some(i)) => (i, self.small_const(a)),
                _ => return false,
            },
            ExprKind::Binary { op: BinaryOp::Sub, x: a, y: b } => match self.plain_local(a) {
                Some(i) => (i, self.small_const(b).and_then(i64::checked_neg)),
                None => return false,
            },
            _ => match self.plain_local(ie) {
                Some(i) => (i, Some(0)),
                None => return false,
            },
        };
        let (Some(s), Some(d)) = (self.plain_local(x), d) else { return false };
        let fb = self.fns.last().expect("a function is being lowered");
        fb.in_bounds.iter().any(|p| p.s == s && p.i == iv && p.lo.checked_add(d).is_some_and(|lo| lo >= 0) && d <= p.slack)
    }
}

/// The variables a loop's start or bound names (`i`, `i + 1`, `len(s)`,
/// `len(s) - c`).
fn variables_named(e: &Expr) -> Vec<&str> {
    let mut out = vec![];
    let mut work = vec![e];
    while let Some(e) = work.pop() {
        match &strip_parens(e).kind {
            ExprKind::Ident(id) => out.push(id.name.as_str()),
            ExprKind::Binary { x, y, .. } => work.extend([&**x, &**y]),
            ExprKind::Call { args, .. } => work.extend(args),
            _ => {}
        }
    }
    out
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
