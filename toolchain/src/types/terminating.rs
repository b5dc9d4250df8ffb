//! Terminating statements (the spec's "Terminating statements"): a
//! function with results must end in one (`missing return`).

use crate::syntax::ast::{BranchKind, ExprKind, Stmt, StmtKind};

/// Whether a statement list ends in a terminating statement (empty
/// statements after it aside).
pub fn is_terminating_list(stmts: &[Stmt]) -> bool {
    stmts.iter().rev().find(|s| !matches!(s.kind, StmtKind::Empty)).is_some_and(|s| is_terminating(s, None))
}

/// Whether `s` is terminating; `label` is the label on it, if any (a
/// `break` naming it leaves it).
fn is_terminating(s: &Stmt, label: Option<&str>) -> bool {
    match &s.kind {
        StmtKind::Return(_) => true,
        StmtKind::Branch { kind: BranchKind::Goto, .. } => true,
        StmtKind::Expr(e) => {
            if let ExprKind::Call { func, .. } = &e.unparen().kind {
                if let ExprKind::Ident(id) = &func.kind {
                    return id.name == "panic";
                }
            }
            false
        }
        StmtKind::Block(b) => is_terminating_list(&b.stmts),
        StmtKind::If { then, els: Some(e), .. } => is_terminating_list(&then.stmts) && is_terminating(e, None),
        StmtKind::For { cond: None, body, .. } => !has_break(&body.stmts, label, true),
        StmtKind::Labeled { label: l, stmt } => is_terminating(stmt, Some(&l.name)),
        StmtKind::Switch { clauses, .. } | StmtKind::TypeSwitch { clauses, .. } => {
            clauses.iter().any(|c| c.is_default)
                && clauses.iter().all(|c| {
                    !has_break(&c.body, label, true)
                        && (is_terminating_list(&c.body)
                            || c.body.last().is_some_and(|l| matches!(l.kind, StmtKind::Branch { kind: BranchKind::Fallthrough, .. })))
                })
        }
        StmtKind::Select(cs) => cs.iter().all(|c| !has_break(&c.body, label, true) && is_terminating_list(&c.body)),
        _ => false,
    }
}

/// Whether a `break` leaves the statement whose body is `stmts`: an
/// unlabeled one at this level (`top`: not inside a nested loop, switch or
/// select), or one naming the statement's `label`.
fn has_break(stmts: &[Stmt], label: Option<&str>, top: bool) -> bool {
    stmts.iter().any(|s| match &s.kind {
        StmtKind::Branch { kind: BranchKind::Break, label: None } => top,
        StmtKind::Branch { kind: BranchKind::Break, label: Some(l) } => label == Some(l.name.as_str()),
        StmtKind::Block(b) => has_break(&b.stmts, label, top),
        StmtKind::If { then, els, .. } => has_break(&then.stmts, label, top) || els.as_ref().is_some_and(|e| has_break(std::slice::from_ref(e), label, top)),
        StmtKind::Labeled { stmt, .. } => has_break(std::slice::from_ref(stmt), label, top),
        StmtKind::For { body, .. } | StmtKind::Range { body, .. } => has_break(&body.stmts, label, false),
        StmtKind::Switch { clauses, .. } | StmtKind::TypeSwitch { clauses, .. } => clauses.iter().any(|c| has_break(&c.body, label, false)),
        StmtKind::Select(cs) => cs.iter().any(|c| has_break(&c.body, label, false)),
        _ => false,
    })
}
