//! Terminating statements (the spec's "Terminating statements"): a
//! function with results must end in one (`missing return`).

use crate::syntax::ast::{BranchKind, ExprKind, Stmt, StmtKind};

/// Go's terminating statements (spec: "Terminating statements").
pub fn is_terminating_list(stmts: &[Stmt]) -> bool {
    stmts.iter().rev().find(|s| !matches!(s.kind, StmtKind::Empty)).is_some_and(is_terminating)
}

fn is_terminating(s: &Stmt) -> bool {
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
        StmtKind::If { then, els, .. } => match els {
            Some(e) => is_terminating_list(&then.stmts) && is_terminating(e),
            None => false,
        },
        StmtKind::For { cond: None, body, .. } => !has_break(&body.stmts, true),
        StmtKind::Labeled { stmt, .. } => is_terminating(stmt),
        StmtKind::Switch { clauses, .. } | StmtKind::TypeSwitch { clauses, .. } => {
            clauses.iter().any(|c| c.is_default)
                && clauses.iter().all(|c| {
                    !has_break(&c.body, true)
                        && (is_terminating_list(&c.body)
                            || c.body.last().is_some_and(|l| matches!(l.kind, StmtKind::Branch { kind: BranchKind::Fallthrough, .. })))
                })
        }
        StmtKind::Select(cs) => cs.iter().all(|c| !has_break(&c.body, true) && is_terminating_list(&c.body)),
        _ => false,
    }
}

/// Whether an unlabeled `break` (at this level) or any labeled break occurs.
fn has_break(stmts: &[Stmt], top: bool) -> bool {
    stmts.iter().any(|s| match &s.kind {
        StmtKind::Branch { kind: BranchKind::Break, label } => top || label.is_some(),
        StmtKind::Block(b) => has_break(&b.stmts, top),
        StmtKind::If { then, els, .. } => has_break(&then.stmts, top) || els.as_ref().is_some_and(|e| has_break(std::slice::from_ref(e), top)),
        StmtKind::Labeled { stmt, .. } => has_break(std::slice::from_ref(stmt), top),
        StmtKind::For { body, .. } | StmtKind::Range { body, .. } => has_break(&body.stmts, false),
        StmtKind::Switch { clauses, .. } | StmtKind::TypeSwitch { clauses, .. } => clauses.iter().any(|c| has_break(&c.body, false)),
        StmtKind::Select(cs) => cs.iter().any(|c| has_break(&c.body, false)),
        _ => false,
    })
}

