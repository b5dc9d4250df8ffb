//! The per-function builder: frame slots, instructions, labels and scopes.

use super::types::{TypeId, Types};
use crate::ir::{Addr, Body, Inst, Label, PtrMask, SlotId};
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
    /// A variable whose declaration failed: its uses fail silently (the
    /// declaration's error is reported), as gc's invalid type does.
    Invalid,
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
    /// The slot in this function holding the cell pointer (for a copy, its
    /// address in the closure object).
    pub slot: SlotId,
    pub ty: TypeId,
    /// The closure object holds a copy of the value, not a cell pointer
    /// (`super::captures`).
    pub by_value: bool,
}

#[derive(Default)]
pub struct Fb {
    pub body: Body,
    pub scopes: Vec<HashMap<String, Local>>,
    /// Names that must live on the heap (see [`super::escape`]).
    pub escaping: HashSet<String>,
    /// Variables that must live on the heap, by object (see
    /// [`super::escape::Escapes::heap_objs`]).
    pub heap_objs: HashSet<crate::types::object::ObjId>,
    /// The `new(T)` and `&T{...}` whose objects live in the frame (see
    /// [`super::escape::Escapes::allocs`]).
    pub stack_allocs: HashSet<crate::syntax::ast::ExprId>,
    /// The values converted to an interface whose boxes live in the frame
    /// (see [`super::escape::Escapes::boxes`]).
    pub stack_boxes: HashSet<crate::syntax::ast::ExprId>,
    /// The `defer` statements whose closures live in the frame (see
    /// [`super::escape::Escapes::frame_defers`]).
    pub frame_defers: HashSet<crate::syntax::ast::ExprId>,
    /// The names whose address the function takes (see
    /// [`super::escape::Escapes::addressed`]); `None` where no analysis
    /// ran, and then no bounds check is left out.
    pub addressed: Option<HashSet<String>>,
    /// What the loops around the code being lowered prove of their index
    /// variables (`check/bounds.rs`), innermost last.
    pub in_bounds: Vec<super::bounds::Proven>,
    /// Result types of the function and, for named results, their vars.
    pub result_types: Vec<TypeId>,
    pub named_results: Vec<VarRef>,
    pub loops: Vec<LoopCtx>,
    pub goto_labels: HashMap<String, Label>,
    /// Every label of the body (see `labels::check`).
    pub label_names: HashSet<String>,
    pub captures: Vec<Capture>,
    /// Symbol of the function (for naming nested closures).
    pub sym: String,
    /// The source line of the last [`Inst::Line`] emitted (0: none yet).
    pub line: u32,
    /// The lines of the calls being lowered, innermost last: the calls
    /// emitted meanwhile are on the innermost one's line.
    pub call_lines: Vec<u32>,
    /// How the function's closures are named, as gc names them: `None`
    /// for `sym.funcN`; `Some(prefix)` for `prefixN` (`outer.closure.N` in
    /// a closure, `pkg.glob..funcN` in package initialisers).
    pub closure_prefix: Option<String>,
    pub nclosures: u32,
    /// The label of a pending `fallthrough` target (next clause body).
    pub fallthrough: Option<Label>,
    /// Where the runtime resumes this function when one of its deferred
    /// calls recovers a panic; set when the body contains `defer`.
    pub landing: Option<Label>,
    /// Names the enclosing declared function declares (see
    /// [`declared_names`]).
    pub declared: HashSet<String>,
    /// Bytes of the temporaries gc keeps in this function's stack frame
    /// whatever their size (a copied array being ranged over, a call's
    /// results passed on to another call), for gc's 1 GB frame limit;
    /// rgo itself may place them on the heap.
    pub gc_locals: u64,
    /// The largest argument and result area of a call this function makes.
    pub gc_callee: u64,
    /// Slots holding the address of a slice element, computed once after
    /// its bounds check: never nil (a nil slice has no element), so taking
    /// the element's address needs no nil check (gc makes none either).
    pub elem_ptrs: HashSet<SlotId>,
    /// The calls that may pass a buffer in this frame to the callee's
    /// result-frame variant (see [`super::escape::Escapes::result_frames`]).
    pub result_frames: HashMap<crate::syntax::ast::ExprId, crate::types::object::ObjId>,
    /// In a result-frame variant, where the objects it returns go in the
    /// caller's buffer (`super::result_frame`).
    pub result_buffer: Option<std::rc::Rc<super::result_frame::ResultLayout>>,
}

impl Fb {
    pub fn new(sym: &str) -> Fb {
        Fb { scopes: vec![HashMap::new()], sym: sym.into(), ..Default::default() }
    }

    /// A slot of `size` bytes whose words in `ptrs` may hold pointers
    /// (see [`crate::ir::Slot::ptrs`]). Every slot says what it holds: the
    /// collector reads frames by these masks.
    pub fn slot_mask(&mut self, size: u64, align: u64, ptrs: PtrMask) -> SlotId {
        let align = align.clamp(1, 16);
        // Only whole, aligned words can hold a pointer.
        debug_assert!(ptrs.is_empty() || (align >= 8 && ptrs.len() * 8 <= size), "pointer words outside slot");
        self.body.slots.push(crate::ir::Slot { size: size.max(1) as u32, align: align as u32, ptrs });
        (self.body.slots.len() - 1) as SlotId
    }

    /// A slot that never holds a pointer: integers, bools, lengths, type
    /// words and itabs (static data).
    pub fn slot_scalar(&mut self, size: u64, align: u64) -> SlotId {
        self.slot_mask(size, align, PtrMask::default())
    }

    /// An 8-byte slot holding one pointer (or an address that may be one).
    pub fn slot_ptr(&mut self) -> SlotId {
        self.slot_mask(8, 8, PtrMask::one())
    }

    /// A slot for a value of type `t`, with its precise pointer mask.
    pub fn slot_typed(&mut self, types: &mut Types, t: TypeId) -> SlotId {
        let (size, align) = types.layout(t);
        let ptrs = types.ptr_mask(t);
        self.slot_mask(size, align, ptrs)
    }

    pub fn label(&mut self) -> Label {
        self.body.nlabels += 1;
        self.body.nlabels - 1
    }

    pub fn emit(&mut self, i: Inst) {
        if let (Inst::Call { .. } | Inst::CallRuntime { .. }, Some(&l)) = (&i, self.call_lines.last()) {
            self.line(l);
        }
        self.body.insts.push(i);
    }

    /// Marks the code that follows as source line `l`'s ([`Inst::Line`]),
    /// unless the last mark in code order says so already.
    pub fn line(&mut self, l: u32) {
        if l != 0 && l != self.line {
            self.line = l;
            self.emit(Inst::Line(l));
        }
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

/// Every name a function declares (parameters, results, locals, func
/// literal parameters): calls through such names are not calls of the
/// top-level function of that name.
pub fn declared_names(fd: &crate::syntax::ast::FuncDecl) -> HashSet<String> {
    declared(fd, true)
}

fn declared(fd: &crate::syntax::ast::FuncDecl, with_sig: bool) -> HashSet<String> {
    use crate::syntax::ast::*;
    let mut out = HashSet::new();
    fn sig(f: &FuncType, out: &mut HashSet<String>) {
        for p in f.params.iter().chain(&f.results) {
            out.extend(p.names.iter().map(|n| n.name.clone()));
        }
    }
    if with_sig {
        sig(&fd.sig, &mut out);
        if let Some(r) = &fd.recv {
            out.extend(r.names.iter().map(|n| n.name.clone()));
        }
    }
    fn stmts(ss: &[Stmt], out: &mut HashSet<String>) {
        for s in ss {
            stmt(s, out);
        }
    }
    fn stmt(s: &Stmt, out: &mut HashSet<String>) {
        crate::stack::grow(|| stmt_inner(s, out))
    }

    fn stmt_inner(s: &Stmt, out: &mut HashSet<String>) {
        match &s.kind {
            StmtKind::Assign { lhs, op: AssignOp::Define, rhs, .. } => {
                for l in lhs {
                    if let ExprKind::Ident(i) = &l.kind {
                        out.insert(i.name.clone());
                    }
                }
                rhs.iter().for_each(|e| expr(e, out));
            }
            StmtKind::Decl(GenDecl::Var(specs)) => specs.iter().for_each(|sp| out.extend(sp.names.iter().map(|n| n.name.clone()))),
            StmtKind::Decl(GenDecl::Const(specs)) => specs.iter().for_each(|sp| out.extend(sp.names.iter().map(|n| n.name.clone()))),
            StmtKind::Decl(GenDecl::Type(specs)) => out.extend(specs.iter().map(|sp| sp.name.name.clone())),
            StmtKind::Range { key, value, define: true, body, .. } => {
                for e in [key, value].into_iter().flatten() {
                    if let ExprKind::Ident(i) = &e.kind {
                        out.insert(i.name.clone());
                    }
                }
                stmts(&body.stmts, out);
            }
            StmtKind::Range { body, .. } => stmts(&body.stmts, out),
            StmtKind::Block(b) => stmts(&b.stmts, out),
            StmtKind::If { init, then, els, cond } => {
                init.iter().for_each(|i| stmt(i, out));
                expr(cond, out);
                stmts(&then.stmts, out);
                els.iter().for_each(|e| stmt(e, out));
            }
            StmtKind::For { init, post, body, .. } => {
                init.iter().chain(post.iter()).for_each(|i| stmt(i, out));
                stmts(&body.stmts, out);
            }
            StmtKind::Switch { init, clauses, .. } => {
                init.iter().for_each(|i| stmt(i, out));
                clauses.iter().for_each(|c| stmts(&c.body, out));
            }
            StmtKind::TypeSwitch { init, bind, clauses, .. } => {
                init.iter().for_each(|i| stmt(i, out));
                if let Some(b) = bind {
                    out.insert(b.name.clone());
                }
                clauses.iter().for_each(|c| stmts(&c.body, out));
            }
            StmtKind::Select(cs) => cs.iter().for_each(|c| {
                c.comm.iter().for_each(|s| stmt(s, out));
                stmts(&c.body, out)
            }),
            StmtKind::Labeled { stmt: s, .. } => stmt(s, out),
            StmtKind::Expr(e) | StmtKind::Defer(e) | StmtKind::Go(e) => expr(e, out),
            StmtKind::Assign { rhs, .. } => rhs.iter().for_each(|e| expr(e, out)),
            StmtKind::Return(es) => es.iter().for_each(|e| expr(e, out)),
            _ => {}
        }
    }
    // Func literals declare their parameters and locals too.
    fn expr(e: &Expr, out: &mut HashSet<String>) {
        crate::stack::grow(|| expr_inner(e, out))
    }

    fn expr_inner(e: &Expr, out: &mut HashSet<String>) {
        if let ExprKind::FuncLit { sig: s, body } = &e.kind {
            sig(s, out);
            stmts(&body.stmts, out);
        }
        if let ExprKind::Call { func, args, .. } = &e.kind {
            expr(func, out);
            args.iter().for_each(|a| expr(a, out));
        }
    }
    if let Some(b) = &fd.body {
        stmts(&b.stmts, &mut out);
    }
    out
}
