//! The per-function builder: frame slots, instructions, labels and scopes.

use super::types::TypeId;
use crate::ir::{Addr, Body, Inst, Label, SlotId};
use std::collections::{HashMap, HashSet};

/// Where a local variable lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VarRef {
    /// The value is in this slot.
    Slot(SlotId),
    /// This slot holds a pointer to the value on the heap (the variable's
    /// address is taken or a closure captures it).
    Heap(SlotId),
}

impl VarRef {
    pub fn addr(self) -> Addr {
        match self {
            VarRef::Slot(s) => Addr::Slot(s, 0),
            VarRef::Heap(s) => Addr::Deref(s, 0),
        }
    }
}

/// A name in a local scope.
#[derive(Clone, Debug)]
pub enum Local {
    /// A variable, with a unique id (for closure captures) and its type.
    Var { id: u32, var: VarRef, ty: TypeId },
    Const(TypeId, super::constant::Const),
    Type(TypeId),
}

/// A break/continue target.
pub struct LoopCtx {
    pub label: Option<String>,
    pub brk: Label,
    pub cont: Option<Label>,
}

/// A variable captured from an enclosing function: its id in the owner and
/// where the enclosing function (one level up) keeps it.
pub struct Capture {
    pub var_id: u32,
    pub outer: VarRef,
    /// The slot in this function holding the cell pointer.
    pub slot: SlotId,
}

#[derive(Default)]
pub struct Fb {
    pub body: Body,
    pub scopes: Vec<HashMap<String, Local>>,
    /// Names that must live on the heap (see `escapes`).
    pub escaping: HashSet<String>,
    /// Names used as method-call receivers: on the heap only when their
    /// type has pointer methods (see `escapes`).
    pub receivers: HashSet<String>,
    /// Result types of the function and, for named results, their vars.
    pub result_types: Vec<TypeId>,
    pub named_results: Vec<VarRef>,
    pub loops: Vec<LoopCtx>,
    pub goto_labels: HashMap<String, Label>,
    pub captures: Vec<Capture>,
    /// Symbol of the function (for naming nested closures).
    pub sym: String,
    pub nclosures: u32,
    /// The label of a pending `fallthrough` target (next clause body).
    pub fallthrough: Option<Label>,
    /// Where the runtime resumes this function when one of its deferred
    /// calls recovers a panic; set when the body contains `defer`.
    pub landing: Option<Label>,
}

impl Fb {
    pub fn new(sym: &str) -> Fb {
        Fb { scopes: vec![HashMap::new()], sym: sym.into(), ..Default::default() }
    }

    pub fn slot(&mut self, size: u64, align: u64) -> SlotId {
        self.body.slots.push(crate::ir::Slot { size: size.max(1) as u32, align: align.clamp(1, 16) as u32 });
        (self.body.slots.len() - 1) as SlotId
    }

    pub fn label(&mut self) -> Label {
        self.body.nlabels += 1;
        self.body.nlabels - 1
    }

    pub fn emit(&mut self, i: Inst) {
        self.body.insts.push(i);
    }

    pub fn bind(&mut self, l: Label) {
        self.emit(Inst::Label(l));
    }

    pub fn push_scope(&mut self) {
        self.scopes.push(HashMap::new());
    }

    pub fn pop_scope(&mut self) {
        self.scopes.pop();
    }

    pub fn declare(&mut self, name: &str, l: Local) {
        if name == "_" {
            return;
        }
        if let Some(s) = self.scopes.last_mut() {
            s.insert(name.to_string(), l);
        }
    }

    pub fn lookup(&self, name: &str) -> Option<&Local> {
        self.scopes.iter().rev().find_map(|s| s.get(name))
    }

    /// Whether `name` is declared in the innermost scope.
    pub fn declared_here(&self, name: &str) -> bool {
        self.scopes.last().is_some_and(|s| s.contains_key(name))
    }
}

/// Collects the names that must be heap-allocated in a function body: those
/// whose address is taken (`&x`, `&x.f`, `&x[i]`) and those used inside func
/// literals (they may be captured); and, apart, the receivers of method
/// calls (a pointer method takes their address, which matters only for
/// types with pointer methods). Conservative by name.
pub fn escapes(body: &crate::syntax::ast::Block) -> (HashSet<String>, HashSet<String>) {
    use crate::syntax::ast::*;
    fn base(e: &Expr) -> Option<&str> {
        match &e.kind {
            ExprKind::Ident(i) => Some(&i.name),
            ExprKind::Selector { x, .. } => base(x),
            ExprKind::Index { x, .. } => base(x),
            ExprKind::Slice { x, .. } => base(x),
            ExprKind::Paren(x) => base(x),
            _ => None,
        }
    }
    struct W<'s> {
        out: &'s mut HashSet<String>,
        recv: &'s mut HashSet<String>,
        in_lit: u32,
    }
    impl W<'_> {
        fn expr(&mut self, e: &Expr) {
            match &e.kind {
                ExprKind::Ident(i) => {
                    if self.in_lit > 0 {
                        self.out.insert(i.name.clone());
                    }
                }
                ExprKind::BasicLit(_) | ExprKind::Bad => {}
                ExprKind::Composite { typ, elems } => {
                    if let Some(t) = typ {
                        self.expr(t);
                    }
                    for el in elems {
                        if let Some(k) = &el.key {
                            self.expr(k);
                        }
                        self.expr(&el.value);
                    }
                }
                ExprKind::FuncLit { body, .. } => {
                    self.in_lit += 1;
                    self.block(body);
                    self.in_lit -= 1;
                }
                ExprKind::Paren(x) | ExprKind::Star(x) | ExprKind::SliceType(x) => self.expr(x),
                ExprKind::Selector { x, .. } => self.expr(x),
                ExprKind::Index { x, index } => {
                    self.expr(x);
                    self.expr(index);
                }
                ExprKind::Slice { x, lo, hi, max, .. } => {
                    // Slicing an array takes its address.
                    if let Some(b) = base(x) {
                        self.out.insert(b.to_string());
                    }
                    self.expr(x);
                    for p in [lo, hi, max].into_iter().flatten() {
                        self.expr(p);
                    }
                }
                ExprKind::TypeAssert { x, typ } => {
                    self.expr(x);
                    if let Some(t) = typ {
                        self.expr(t);
                    }
                }
                ExprKind::Call { func, args, .. } => {
                    if let ExprKind::Selector { x, .. } = &func.kind {
                        if let Some(b) = base(x) {
                            self.recv.insert(b.to_string());
                        }
                    }
                    self.expr(func);
                    for a in args {
                        self.expr(a);
                    }
                }
                ExprKind::Unary { op, x } => {
                    if *op == UnaryOp::Addr {
                        if let Some(b) = base(x) {
                            self.out.insert(b.to_string());
                        }
                    }
                    self.expr(x);
                }
                ExprKind::Binary { x, y, .. } => {
                    self.expr(x);
                    self.expr(y);
                }
                ExprKind::ArrayType { len, elem } => {
                    if let Some(l) = len {
                        self.expr(l);
                    }
                    self.expr(elem);
                }
                ExprKind::MapType { key, value } => {
                    self.expr(key);
                    self.expr(value);
                }
                ExprKind::ChanType { elem, .. } => self.expr(elem),
                ExprKind::FuncType(_) | ExprKind::StructType(_) | ExprKind::InterfaceType(_) => {}
            }
        }
        fn block(&mut self, b: &Block) {
            for s in &b.stmts {
                self.stmt(s);
            }
        }
        fn stmt(&mut self, s: &Stmt) {
            match &s.kind {
                StmtKind::Empty | StmtKind::Branch { .. } => {}
                StmtKind::Expr(e) | StmtKind::Go(e) | StmtKind::Defer(e) => self.expr(e),
                StmtKind::Decl(d) => match d {
                    GenDecl::Var(specs) => {
                        for sp in specs {
                            if self.in_lit > 0 {
                                for n in &sp.names {
                                    self.out.insert(n.name.clone());
                                }
                            }
                            for v in &sp.values {
                                self.expr(v);
                            }
                        }
                    }
                    GenDecl::Const(specs) => {
                        for sp in specs {
                            for v in &sp.values {
                                self.expr(v);
                            }
                        }
                    }
                    GenDecl::Type(_) => {}
                },
                StmtKind::Assign { lhs, rhs, .. } => {
                    for e in lhs.iter().chain(rhs) {
                        self.expr(e);
                    }
                }
                StmtKind::IncDec { x, .. } => self.expr(x),
                StmtKind::Send { ch, value } => {
                    self.expr(ch);
                    self.expr(value);
                }
                StmtKind::Return(es) => {
                    for e in es {
                        self.expr(e);
                    }
                }
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
                    if let Some(i) = init {
                        self.stmt(i);
                    }
                    if let Some(c) = cond {
                        self.expr(c);
                    }
                    if let Some(p) = post {
                        self.stmt(p);
                    }
                    self.block(body);
                }
                StmtKind::Range { key, value, x, body, .. } => {
                    for e in [key, value].into_iter().flatten() {
                        self.expr(e);
                    }
                    // Ranging over an array variable reads it in place.
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
                    for c in clauses {
                        for e in &c.exprs {
                            self.expr(e);
                        }
                        for s in &c.body {
                            self.stmt(s);
                        }
                    }
                }
                StmtKind::TypeSwitch { init, bind, x, clauses } => {
                    if let Some(i) = init {
                        self.stmt(i);
                    }
                    if let (Some(b), true) = (bind, self.in_lit > 0) {
                        self.out.insert(b.name.clone());
                    }
                    self.expr(x);
                    for c in clauses {
                        for s in &c.body {
                            self.stmt(s);
                        }
                    }
                }
                StmtKind::Select(cs) => {
                    for c in cs {
                        if let Some(s) = &c.comm {
                            self.stmt(s);
                        }
                        for s in &c.body {
                            self.stmt(s);
                        }
                    }
                }
                StmtKind::Labeled { stmt, .. } => self.stmt(stmt),
            }
        }
    }
    let mut out = HashSet::new();
    let mut recv = HashSet::new();
    W { out: &mut out, recv: &mut recv, in_lit: 0 }.block(body);
    (out, recv)
}
