//! Labels of one function body, checked before it is lowered: `goto`
//! into a block or over a variable declaration, labels defined twice or
//! never used. (Func literals are bodies of their own.)

use crate::diag::Diag;
use crate::syntax::ast::{self, BranchKind, Stmt, StmtKind};
use std::collections::{HashMap, HashSet};

/// Where a statement sits: the blocks enclosing it, outermost first (the
/// body is block 0), and its index in the innermost one.
#[derive(Clone)]
struct Place {
    blocks: Vec<usize>,
    index: usize,
}

struct Label<'a> {
    ident: &'a ast::Ident,
    place: Place,
}

struct Goto<'a> {
    label: &'a ast::Ident,
    /// The goto's blocks, and for each of them the index of the statement
    /// that holds the goto.
    blocks: Vec<(usize, usize)>,
}

#[derive(Default)]
struct Walk<'a> {
    /// Start of each block (its `{`, or a clause's `case`).
    starts: Vec<&'a crate::diag::Pos>,
    /// The statements of each block.
    lists: Vec<&'a [Stmt]>,
    labels: Vec<Label<'a>>,
    gotos: Vec<Goto<'a>>,
    /// Labels named by break and continue.
    used: HashSet<&'a str>,
}

/// The label errors of a function body, and the names of its labels.
pub fn check(body: &ast::Block) -> (Vec<Diag>, HashSet<String>) {
    let mut w = Walk::default();
    w.block(&body.pos, &body.stmts, &mut vec![]);
    let mut errs = vec![];
    let mut by_name: HashMap<&str, &Label> = HashMap::new();
    for l in &w.labels {
        if l.ident.name == "_" {
            continue;
        }
        match by_name.get(l.ident.name.as_str()) {
            Some(first) => {
                errs.push(Diag::new(&l.ident.pos, format!("label {} already defined at {}", l.ident.name, first.ident.pos)))
            }
            None => {
                by_name.insert(&l.ident.name, l);
            }
        }
    }
    let mut goto_targets = HashSet::new();
    for g in &w.gotos {
        goto_targets.insert(g.label.name.as_str());
        let Some(l) = by_name.get(g.label.name.as_str()) else {
            // (A blank label is never defined.)
            errs.push(Diag::new(&g.label.pos, format!("label {} not defined", g.label.name)));
            continue;
        };
        let inner = *l.place.blocks.last().unwrap();
        let Some(&(_, gi)) = g.blocks.iter().find(|(b, _)| *b == inner) else {
            errs.push(Diag::new(
                &g.label.pos,
                format!("goto {} jumps into block starting at {}", g.label.name, w.starts[inner]),
            ));
            continue;
        };
        // A forward jump must not skip a variable declaration of the label's block.
        if gi < l.place.index {
            let skipped = w.lists[inner][gi + 1..l.place.index].iter().rev().find_map(declared_var);
            if let Some((v, at)) = skipped {
                errs.push(Diag::new(&g.label.pos, format!("goto {} jumps over declaration of {} at {}", g.label.name, v.name, at)));
            }
        }
    }
    for l in by_name.values() {
        let n = l.ident.name.as_str();
        if !goto_targets.contains(n) && !w.used.contains(n) {
            errs.push(Diag::new(&l.ident.pos, format!("label {n} defined and not used")));
        }
    }
    errs.sort_by_key(|d| (d.pos.line, d.pos.col));
    let names = by_name.keys().map(|s| s.to_string()).collect();
    (errs, names)
}

/// The (last) variable a statement declares, if any, and where gc says
/// it is declared (a `:=` statement's operator).
fn declared_var(s: &Stmt) -> Option<(&ast::Ident, &crate::diag::Pos)> {
    match &s.kind {
        StmtKind::Decl(ast::GenDecl::Var(specs)) => specs.iter().flat_map(|sp| sp.names.iter()).last().map(|id| (id, &id.pos)),
        StmtKind::Assign { lhs, op: ast::AssignOp::Define, op_pos, .. } => lhs.iter().rev().find_map(|e| match &e.kind {
            ast::ExprKind::Ident(id) => Some((id, op_pos)),
            _ => None,
        }),
        StmtKind::Labeled { stmt, .. } => declared_var(stmt),
        _ => None,
    }
}

impl<'a> Walk<'a> {
    /// `path` holds the enclosing blocks and, for each, the index of the
    /// statement being walked.
    fn block(&mut self, start: &'a crate::diag::Pos, stmts: &'a [Stmt], path: &mut Vec<(usize, usize)>) {
        let id = self.starts.len();
        self.starts.push(start);
        self.lists.push(stmts);
        for (i, s) in stmts.iter().enumerate() {
            path.push((id, i));
            self.stmt(s, path);
            path.pop();
        }
    }

    fn stmt(&mut self, s: &'a Stmt, path: &mut Vec<(usize, usize)>) {
        match &s.kind {
            StmtKind::Labeled { label, stmt } => {
                let index = path.last().map_or(0, |p| p.1);
                let blocks = path.iter().map(|(b, _)| *b).collect();
                self.labels.push(Label { ident: label, place: Place { blocks, index } });
                self.stmt(stmt, path);
            }
            StmtKind::Branch { kind, label: Some(l) } => match kind {
                BranchKind::Goto => self.gotos.push(Goto { label: l, blocks: path.clone() }),
                _ => {
                    self.used.insert(&l.name);
                }
            },
            StmtKind::Block(b) => self.block(&b.pos, &b.stmts, path),
            StmtKind::If { then, els, .. } => {
                self.block(&then.pos, &then.stmts, path);
                if let Some(e) = els {
                    self.stmt(e, path);
                }
            }
            StmtKind::For { body, .. } | StmtKind::Range { body, .. } => self.block(&body.pos, &body.stmts, path),
            StmtKind::Switch { clauses, .. } | StmtKind::TypeSwitch { clauses, .. } => {
                for c in clauses {
                    self.block(&c.pos, &c.body, path);
                }
            }
            StmtKind::Select(cs) => {
                for c in cs {
                    self.block(&c.pos, &c.body, path);
                }
            }
            _ => {}
        }
    }
}
