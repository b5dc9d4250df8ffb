//! The per-function builder: frame slots, instructions, labels and scopes.

use super::expr::strip_parens;
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

/// Collects the names that must be heap-allocated in a function body: those
/// whose address is taken (`&x`, `&x.f`, `&x[i]`) and those used inside func
/// literals (they may be captured); and, apart, the receivers of method
/// calls (a pointer method takes their address, which matters only for
/// types with pointer methods). Conservative by name.
///
/// `indirect` names variables that hold a pointer or a slice (parameters
/// never redeclared in the body): `&p.f`, `&s[i]` and `s[i:j]` reach memory
/// through their value and leave the variables themselves in the frame.
///
/// The sets of every function literal in `body` are found in the same walk
/// and left in `lits` (by the address of the literal's body) for when the
/// literal is lowered: nested literals cost one walk, not one per level.
pub fn escapes(
    body: &crate::syntax::ast::Block,
    ne: &NoEscape,
    callees: Callees,
    indirect: &HashSet<String>,
    lits: &mut LitEscapes,
) -> (HashSet<String>, HashSet<String>) {
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
        /// Names whose address is taken here or used in a nested literal.
        out: HashSet<String>,
        /// Names used anywhere in the body (they escape from an enclosing
        /// function, for which this body is a literal).
        used: HashSet<String>,
        recv: HashSet<String>,
        ne: &'s NoEscape,
        callees: Callees<'s>,
        indirect: &'s HashSet<String>,
        lits: &'s mut LitEscapes,
    }
    impl W<'_> {
        /// The variable whose address `&e` (or slicing `e`) takes: none
        /// when the path leaves it through a pointer or slice it holds.
        fn addressed<'e>(&self, e: &'e Expr) -> Option<&'e str> {
            let mut cur = e;
            loop {
                let inner = match &cur.kind {
                    ExprKind::Ident(i) => return Some(&i.name),
                    ExprKind::Selector { x, .. } | ExprKind::Index { x, .. } | ExprKind::Slice { x, .. } => x,
                    ExprKind::Paren(x) => x,
                    _ => return None,
                };
                if let ExprKind::Ident(i) = &super::expr::strip_parens(inner).kind {
                    if !matches!(cur.kind, ExprKind::Paren(_)) && self.indirect.contains(&i.name) {
                        return None;
                    }
                }
                cur = inner;
            }
        }

        fn expr(&mut self, e: &Expr) {
            crate::stack::grow(|| self.expr_inner(e))
        }

        fn expr_inner(&mut self, e: &Expr) {
            match &e.kind {
                ExprKind::Ident(i) => {
                    self.used.insert(i.name.clone());
                }
                ExprKind::BasicLit(_) | ExprKind::Bad => {}
                ExprKind::Composite { typ, elems, .. } => {
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
                    let none = HashSet::new();
                    let mut lit = W { out: HashSet::new(), used: HashSet::new(), recv: HashSet::new(), ne: self.ne, callees: self.callees, indirect: &none, lits: &mut *self.lits };
                    lit.block(body);
                    let W { out, used, recv, .. } = lit;
                    self.out.extend(used.iter().cloned());
                    self.used.extend(used);
                    self.recv.extend(recv.iter().cloned());
                    self.lits.0.insert(std::ptr::from_ref(body) as usize, (out, recv));
                }
                ExprKind::Paren(x) | ExprKind::Star(x) | ExprKind::SliceType(x) | ExprKind::Tilde(x) => self.expr(x),
                ExprKind::Selector { x, .. } => {
                    // A method value `x.M` may bind x's address.
                    if let Some(b) = base(x).filter(|_| self.callees.is_method_value(e)) {
                        self.recv.insert(b.to_string());
                    }
                    self.expr(x)
                }
                ExprKind::Index { x, index, .. } => {
                    self.expr(x);
                    self.expr(index);
                }
                ExprKind::IndexList { x, indices, .. } => {
                    self.expr(x);
                    indices.iter().for_each(|i| self.expr(i));
                }
                ExprKind::Union(terms) => terms.iter().for_each(|t| self.expr(t)),
                ExprKind::Slice { x, lo, hi, max, .. } => {
                    // Slicing an array takes its address.
                    if let Some(b) = self.addressed(e) {
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
                ExprKind::Call { func, args, ellipsis, .. } => self.call(func, args, *ellipsis, false),
                ExprKind::Unary { op, x } => {
                    if *op == UnaryOp::Addr {
                        if let Some(b) = self.addressed(x) {
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
        /// A call `func(args)`; `detached` for a `go` statement's, which
        /// runs after the caller may have returned (every address it is
        /// given escapes).
        fn call(&mut self, func: &Expr, args: &[Expr], ellipsis: bool, detached: bool) {
            let callee = if detached { None } else { self.callees.callee(func) };
            if let ExprKind::Selector { x, .. } = &strip_parens(func).kind {
                // A method whose receiver stays in its frame may be called
                // on a variable that stays in the caller's.
                let kept = !matches!(callee, Some(Callee::Method(m)) if self.ne.safe_recv(m));
                if let Some(b) = base(x).filter(|_| kept) {
                    self.recv.insert(b.to_string());
                }
                self.expr(x);
            } else {
                self.expr(func);
            }
            // `f(&x)` or `f(a[:])` to a parameter that does not escape
            // leaves x or a in the frame.
            for (i, a) in args.iter().enumerate() {
                let safe = callee.as_ref().is_some_and(|c| self.ne.safe_arg(c, i, ellipsis));
                match &strip_parens(a).kind {
                    ExprKind::Unary { op: UnaryOp::Addr, x } if safe && base(x).is_some() => self.expr(x),
                    ExprKind::Slice { x, lo, hi, max, .. } if safe && base(x).is_some() => {
                        self.expr(x);
                        for p in [lo, hi, max].into_iter().flatten() {
                            self.expr(p);
                        }
                    }
                    _ => self.expr(a),
                }
            }
        }
        fn block(&mut self, b: &Block) {
            for s in &b.stmts {
                self.stmt(s);
            }
        }
        fn stmt(&mut self, s: &Stmt) {
            crate::stack::grow(|| self.stmt_inner(s))
        }

        fn stmt_inner(&mut self, s: &Stmt) {
            match &s.kind {
                StmtKind::Empty | StmtKind::Branch { .. } => {}
                StmtKind::Go(e) => match &strip_parens(e).kind {
                    ExprKind::Call { func, args, ellipsis, .. } => self.call(func, args, *ellipsis, true),
                    _ => self.expr(e),
                },
                StmtKind::Expr(e) | StmtKind::Defer(e) => self.expr(e),
                StmtKind::Decl(d) => match d {
                    GenDecl::Var(specs) => {
                        for sp in specs {
                            for n in &sp.names {
                                self.used.insert(n.name.clone());
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
                    if let Some(b) = bind {
                        self.used.insert(b.name.clone());
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
    let mut w = W { out: HashSet::new(), used: HashSet::new(), recv: HashSet::new(), ne, callees, indirect, lits };
    w.block(body);
    (w.out, w.recv)
}

/// The [`escapes`] sets of function literals, by the address of their body,
/// from the walk of the function that contains them.
#[derive(Default)]
pub struct LitEscapes(std::collections::HashMap<usize, (HashSet<String>, HashSet<String>)>);

impl LitEscapes {
    /// The sets of the literal with this body, if a walk found them (each
    /// is handed out once: a body lowered again is walked again).
    pub fn take(&mut self, body: &crate::syntax::ast::Block) -> Option<(HashSet<String>, HashSet<String>)> {
        self.0.remove(&(std::ptr::from_ref(body) as usize))
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }
}

/// What a call calls, as the escape walks need to know it.
#[derive(Clone, Copy, Debug)]
pub enum Callee {
    /// A function declared in source (not a func value).
    Func(crate::types::object::ObjId),
    /// A concrete method called on a value (`x.M(...)`): its receiver is
    /// the method's parameter 0.
    Method(crate::types::object::ObjId),
    Builtin(crate::types::object::Builtin),
    /// A conversion to a string type: it copies (or reads at once, see
    /// `Checker::string_view_expr`) the bytes or runes of its operand.
    ToString,
}

/// Resolves callees in the bodies of one package, from the type checker's
/// facts for it. Without facts (rgo's host package, the lowering's own
/// expressions) nothing resolves and every call counts as unknown.
#[derive(Clone, Copy)]
pub struct Callees<'a> {
    pub world: &'a crate::types::World,
    pub info: Option<&'a crate::types::Info>,
}

impl Callees<'_> {
    pub fn callee(&self, f: &crate::syntax::ast::Expr) -> Option<Callee> {
        use crate::syntax::ast::ExprKind;
        use crate::types::{object::ObjKind, SelectionKind};
        let info = self.info?;
        let f = super::expr::strip_parens(f);
        let obj = match &f.kind {
            ExprKind::Ident(id) => *info.uses.get(id.id)?,
            ExprKind::Selector { sel, .. } => match info.selections.get(f.id) {
                Some(s) if s.kind == SelectionKind::MethodVal => return Some(Callee::Method(s.obj?)),
                Some(_) => return None,
                None => *info.uses.get(sel.id)?,
            },
            _ => return None,
        };
        match &self.world.objs.get(obj.0 as usize)?.kind {
            ObjKind::Func { method: None, .. } => Some(Callee::Func(obj)),
            ObjKind::Builtin(b) => Some(Callee::Builtin(*b)),
            ObjKind::TypeName { .. } => {
                let tv = info.types.get(f.id)?;
                let s = self.world.types.basic_of(tv.typ).is_some_and(|b| b == crate::types::ty::Basic::String);
                s.then_some(Callee::ToString)
            }
            _ => None,
        }
    }

    /// Whether `e` (a selector) is a method value `x.M`: `x` bound into a
    /// closure. True where facts do not tell.
    fn is_method_value(&self, e: &crate::syntax::ast::Expr) -> bool {
        match self.info.map(|i| i.selections.get(e.id)) {
            Some(Some(s)) => s.kind != crate::types::SelectionKind::FieldVal,
            Some(None) => false,
            None => true,
        }
    }
}

/// Which parameters of each function and method declared in source never
/// let their value escape: they are only dereferenced, indexed, sliced,
/// ranged over, compared, used for field access, or passed on to
/// non-escaping parameters (a method's receiver included) of functions so
/// known. A caller may then pass the address of a frame variable (`f(&x)`,
/// `f(a[:])`, `x.M()`) and keep `x` in its frame: rgo's stack segments
/// never move, so the address stays valid for the call. Found by fixpoint
/// over the whole program, by syntax and the checker's facts,
/// conservatively; a call the facts do not resolve lets its arguments
/// escape.
#[derive(Debug, Default)]
pub struct NoEscape {
    /// By function object: a flag per parameter, a method's receiver first.
    params: HashMap<crate::types::object::ObjId, Vec<bool>>,
}

impl NoEscape {
    /// The table for the functions of `pkgs`: each package's files with
    /// the callees of its bodies.
    pub fn compute(pkgs: &[(&[crate::syntax::ast::File], Callees)]) -> NoEscape {
        use crate::syntax::ast::*;
        let param_names = |fd: &FuncDecl| -> Vec<Option<String>> {
            let mut v = vec![];
            let recv = fd.recv.iter();
            for p in recv.chain(&fd.sig.params) {
                if p.variadic || p.names.is_empty() {
                    // (A variadic parameter is a slice the call makes.)
                    v.extend(std::iter::repeat_n(None, p.names.len().max(1)));
                } else {
                    v.extend(p.names.iter().map(|n| Some(n.name.clone()).filter(|n| n != "_")));
                }
            }
            v
        };
        let mut ne = NoEscape::default();
        let mut funcs = vec![];
        for (files, callees) in pkgs {
            let Some(info) = callees.info else { continue };
            for f in files.iter() {
                for d in &f.decls {
                    let Decl::Func(fd) = d else { continue };
                    let Some(&obj) = info.defs.get(fd.name.id) else { continue };
                    let names = param_names(fd);
                    match &fd.body {
                        // Start optimistic (but for parameters without a
                        // name to follow); only ever flip to escaping.
                        Some(body) => {
                            ne.params.insert(obj, names.iter().map(Option::is_some).collect());
                            funcs.push((obj, body, names, *callees));
                        }
                        // `//go:noescape` on a function without a body
                        // (assembly in Go, an rt-core entry point in rgo)
                        // says none of its parameters escapes, as gc takes it.
                        None if fd.pragmas.iter().any(|p| p == "noescape") => {
                            ne.params.insert(obj, vec![true; names.len()]);
                        }
                        None => {}
                    }
                }
            }
        }
        loop {
            let mut changed = false;
            for (obj, body, names, callees) in &funcs {
                for (i, name) in names.iter().enumerate() {
                    let Some(name) = name else { continue };
                    if ne.params[obj][i] && name_escapes(body, name, &ne, *callees) {
                        ne.params.get_mut(obj).unwrap()[i] = false;
                        changed = true;
                    }
                }
            }
            // Flags only flip one way: this ends.
            if !changed {
                break;
            }
        }
        ne
    }

    /// Whether argument `i` of a call of `c` (the receiver not counted)
    /// may receive an address that does not escape.
    pub fn safe_arg(&self, c: &Callee, i: usize, ellipsis: bool) -> bool {
        use crate::types::object::Builtin as B;
        let param = |o: &crate::types::object::ObjId, k: usize| self.params.get(o).and_then(|v| v.get(k)).copied().unwrap_or(false);
        match c {
            Callee::Func(o) => param(o, i),
            Callee::Method(o) => param(o, i + 1),
            // `copy` and `append(s, t...)` copy the elements; `len` and
            // `cap` read a header. `append`'s first operand may be the
            // result's array.
            Callee::Builtin(b) => match b {
                B::Copy | B::Len | B::Cap => true,
                B::Append => i == 1 && ellipsis,
                _ => false,
            },
            Callee::ToString => i == 0,
        }
    }

    /// Whether the receiver of method `m` does not escape.
    pub fn safe_recv(&self, m: crate::types::object::ObjId) -> bool {
        self.params.get(&m).and_then(|v| v.first()).copied().unwrap_or(false)
    }
}

/// Every name a function declares (parameters, results, locals, func
/// literal parameters): calls through such names are not calls of the
/// top-level function of that name.
pub fn declared_names(fd: &crate::syntax::ast::FuncDecl) -> HashSet<String> {
    declared(fd, true)
}

/// The names declared inside a function's body (its locals and func
/// literal parameters), without its own parameters, results and receiver.
pub fn body_declared_names(fd: &crate::syntax::ast::FuncDecl) -> HashSet<String> {
    declared(fd, false)
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

/// The locals of `fd`'s body that certainly hold a pointer or a slice (or
/// a string): each declared exactly once in the function, by a `:=` or
/// `var` whose initializer or type says so syntactically (`&x`, `new(T)`,
/// `make(...)`, a slice expression or literal, another such variable or
/// one of `params`, `*T` or `[]T`). For them, as for pointer and slice
/// parameters, `&p.f`, `&s[i]` and `s[i:j]` reach memory through the
/// value and leave the variable in the frame. `builtin` says whether a
/// name (`new`, `make`) still means the builtin here.
pub fn indirect_locals(fd: &crate::syntax::ast::FuncDecl, params: &HashSet<String>, builtin: impl Fn(&str) -> bool) -> HashSet<String> {
    use crate::syntax::ast::*;
    use std::collections::HashMap;
    // name -> (declarations, initializer or type of the last one)
    let mut seen: HashMap<String, (u32, Option<Expr>, Option<Expr>)> = HashMap::new();
    // Parameters, results and the receiver are never such locals (a name
    // both a parameter and a local would be two variables).
    let mut sig_names: HashSet<String> = HashSet::new();
    for p in fd.sig.params.iter().chain(&fd.sig.results).chain(fd.recv.iter()) {
        sig_names.extend(p.names.iter().map(|n| n.name.clone()));
    }
    struct C<'a> {
        seen: &'a mut HashMap<String, (u32, Option<Expr>, Option<Expr>)>,
    }
    impl C<'_> {
        fn decl(&mut self, name: &str, init: Option<&Expr>, typ: Option<&Expr>) {
            let e = self.seen.entry(name.to_string()).or_insert((0, None, None));
            e.0 += 1;
            e.1 = init.cloned();
            e.2 = typ.cloned();
        }
        fn stmts(&mut self, ss: &[Stmt]) {
            for s in ss {
                crate::stack::grow(|| self.stmt(s));
            }
        }
        fn stmt(&mut self, s: &Stmt) {
            match &s.kind {
                StmtKind::Assign { lhs, op: AssignOp::Define, rhs, .. } => {
                    let single = lhs.len() == rhs.len();
                    for (i, l) in lhs.iter().enumerate() {
                        if let ExprKind::Ident(id) = &l.kind {
                            self.decl(&id.name, if single { rhs.get(i) } else { None }, None);
                        }
                    }
                    rhs.iter().for_each(|e| self.expr(e));
                }
                StmtKind::Decl(GenDecl::Var(specs)) => {
                    for sp in specs {
                        let single = sp.names.len() == sp.values.len();
                        for (i, n) in sp.names.iter().enumerate() {
                            self.decl(&n.name, if single { sp.values.get(i) } else { None }, sp.typ.as_ref());
                        }
                        sp.values.iter().for_each(|e| self.expr(e));
                    }
                }
                StmtKind::Decl(GenDecl::Const(specs)) => specs.iter().for_each(|sp| sp.names.iter().for_each(|n| self.decl(&n.name, None, None))),
                StmtKind::Decl(GenDecl::Type(specs)) => specs.iter().for_each(|sp| self.decl(&sp.name.name, None, None)),
                StmtKind::Range { key, value, define, body, x } => {
                    if *define {
                        for e in [key, value].into_iter().flatten() {
                            if let ExprKind::Ident(i) = &e.kind {
                                self.decl(&i.name, None, None);
                            }
                        }
                    }
                    self.expr(x);
                    self.stmts(&body.stmts);
                }
                StmtKind::Block(b) => self.stmts(&b.stmts),
                StmtKind::If { init, then, els, cond } => {
                    init.iter().for_each(|i| self.stmt(i));
                    self.expr(cond);
                    self.stmts(&then.stmts);
                    els.iter().for_each(|e| self.stmt(e));
                }
                StmtKind::For { init, post, body, cond } => {
                    init.iter().chain(post.iter()).for_each(|i| self.stmt(i));
                    cond.iter().for_each(|c| self.expr(c));
                    self.stmts(&body.stmts);
                }
                StmtKind::Switch { init, clauses, tag } => {
                    init.iter().for_each(|i| self.stmt(i));
                    tag.iter().for_each(|t| self.expr(t));
                    clauses.iter().for_each(|c| self.stmts(&c.body));
                }
                StmtKind::TypeSwitch { init, bind, clauses, x } => {
                    init.iter().for_each(|i| self.stmt(i));
                    if let Some(b) = bind {
                        self.decl(&b.name, None, None);
                    }
                    self.expr(x);
                    clauses.iter().for_each(|c| self.stmts(&c.body));
                }
                StmtKind::Select(cs) => cs.iter().for_each(|c| {
                    c.comm.iter().for_each(|s| self.stmt(s));
                    self.stmts(&c.body)
                }),
                StmtKind::Labeled { stmt: s, .. } => self.stmt(s),
                StmtKind::Expr(e) | StmtKind::Defer(e) | StmtKind::Go(e) => self.expr(e),
                StmtKind::Assign { rhs, lhs, .. } => lhs.iter().chain(rhs).for_each(|e| self.expr(e)),
                StmtKind::Return(es) => es.iter().for_each(|e| self.expr(e)),
                _ => {}
            }
        }
        /// Func literals declare names too (their parameters count as
        /// declarations without an initializer).
        fn expr(&mut self, e: &Expr) {
            crate::stack::grow(|| match &e.kind {
                ExprKind::FuncLit { sig, body } => {
                    for p in sig.params.iter().chain(&sig.results) {
                        p.names.iter().for_each(|n| self.decl(&n.name, None, None));
                    }
                    self.stmts(&body.stmts);
                }
                ExprKind::Call { func, args, .. } => {
                    self.expr(func);
                    args.iter().for_each(|a| self.expr(a));
                }
                ExprKind::Paren(x) | ExprKind::Unary { x, .. } | ExprKind::Star(x) | ExprKind::Selector { x, .. } => self.expr(x),
                ExprKind::Binary { x, y, .. } | ExprKind::Index { x, index: y, .. } => {
                    self.expr(x);
                    self.expr(y);
                }
                ExprKind::Composite { elems, .. } => elems.iter().for_each(|k| {
                    k.key.iter().for_each(|x| self.expr(x));
                    self.expr(&k.value)
                }),
                _ => {}
            })
        }
    }
    if let Some(b) = &fd.body {
        C { seen: &mut seen }.stmts(&b.stmts);
    }
    let mut out: HashSet<String> = HashSet::new();
    let known = |e: &Expr, out: &HashSet<String>| -> bool {
        match &super::expr::strip_parens(e).kind {
            ExprKind::Unary { op: UnaryOp::Addr, .. } | ExprKind::Slice { .. } => true,
            ExprKind::Composite { typ: Some(t), .. } => matches!(t.kind, ExprKind::SliceType(_)),
            ExprKind::Ident(i) => params.contains(&i.name) || out.contains(&i.name),
            ExprKind::Call { func, .. } => {
                matches!(&func.kind, ExprKind::Ident(i) if (i.name == "new" || i.name == "make") && builtin(&i.name))
            }
            _ => false,
        }
    };
    loop {
        let mut grew = false;
        for (name, (n, init, typ)) in &seen {
            if *n != 1 || out.contains(name) || params.contains(name) || sig_names.contains(name) {
                continue;
            }
            let by_type = typ.as_ref().is_some_and(|t| matches!(t.kind, ExprKind::Star(_) | ExprKind::SliceType(_)));
            if by_type || init.as_ref().is_some_and(|e| known(e, &out)) {
                out.insert(name.clone());
                grew = true;
            }
        }
        if !grew {
            return out;
        }
    }
}

/// Whether the variable `name` is used in `body` in any way that may let
/// its value escape (see [`NoEscape`]).
fn name_escapes(body: &crate::syntax::ast::Block, name: &str, ne: &NoEscape, callees: Callees) -> bool {
    use crate::syntax::ast::*;
    struct W<'a> {
        /// The variable and its aliases (see [`aliases`]).
        names: HashSet<String>,
        ne: &'a NoEscape,
        callees: Callees<'a>,
        escapes: bool,
        in_lit: bool,
    }
    impl W<'_> {
        fn is_name(&self, e: &Expr) -> bool {
            matches!(&e.kind, ExprKind::Ident(i) if self.names.contains(&i.name))
        }
        /// `r` stored to a variable, `to_name` when it is one of the names:
        /// storing to one lets no value escape, and a value derived from
        /// them stored to one neither.
        fn store(&mut self, to_name: bool, r: &Expr) {
            if to_name && !self.in_lit && derived(r, &self.names) {
                self.safe(r);
            } else {
                self.expr(r);
            }
        }
        /// `e` in a position where the name itself is harmless.
        fn safe(&mut self, e: &Expr) {
            let e = super::expr::strip_parens(e);
            if self.is_name(e) && !self.in_lit {
                return;
            }
            // A slice of the value points where the value does.
            if let ExprKind::Slice { x, lo, hi, max, .. } = &e.kind {
                if self.is_name(super::expr::strip_parens(x)) && !self.in_lit {
                    for p in [lo, hi, max].into_iter().flatten() {
                        self.expr(p);
                    }
                    return;
                }
            }
            self.expr(e);
        }
        fn expr(&mut self, e: &Expr) {
            crate::stack::grow(|| self.expr_inner(e))
        }

        fn expr_inner(&mut self, e: &Expr) {
            if self.escapes {
                return;
            }
            match &e.kind {
                ExprKind::Ident(i) => {
                    if self.names.contains(&i.name) {
                        self.escapes = true;
                    }
                }
                ExprKind::Star(x) => self.safe(x),
                ExprKind::Paren(x) => self.expr(x),
                // A method value binds `x` into a closure.
                ExprKind::Selector { x, .. } if self.callees.is_method_value(e) => self.expr(x),
                ExprKind::Selector { x, .. } => self.safe(x),
                ExprKind::Index { x, index, .. } => {
                    self.safe(x);
                    self.expr(index);
                }
                ExprKind::Binary { op: BinaryOp::Eq | BinaryOp::Ne, x, y } => {
                    self.safe(x);
                    self.safe(y);
                }
                ExprKind::Call { func, args, ellipsis, .. } => self.call(func, args, *ellipsis, false),
                ExprKind::FuncLit { body, .. } => {
                    let saved = self.in_lit;
                    self.in_lit = true;
                    self.block(body);
                    self.in_lit = saved;
                }
                _ => visit_children(e, &mut |n| self.node(n)),
            }
        }
        fn block(&mut self, b: &Block) {
            for s in &b.stmts {
                self.stmt(s);
            }
        }
        fn stmt(&mut self, s: &Stmt) {
            crate::stack::grow(|| self.stmt_inner(s))
        }

        /// A call; `detached` for a `go` statement's (see `escapes`).
        fn call(&mut self, func: &Expr, args: &[Expr], ellipsis: bool, detached: bool) {
            let callee = if detached { None } else { self.callees.callee(func) };
            match (&super::expr::strip_parens(func).kind, callee) {
                // A method whose receiver does not escape.
                (ExprKind::Selector { x, .. }, Some(Callee::Method(m))) if self.ne.safe_recv(m) => self.safe(x),
                // A method call's receiver may be kept by the method.
                (ExprKind::Selector { x, .. }, _) if self.callees.is_method_value(super::expr::strip_parens(func)) => self.expr(x),
                _ => self.expr(func),
            }
            for (i, a) in args.iter().enumerate() {
                if callee.as_ref().is_some_and(|c| self.ne.safe_arg(c, i, ellipsis)) {
                    self.safe(a);
                } else {
                    self.expr(a);
                }
            }
        }

        fn stmt_inner(&mut self, s: &Stmt) {
            match &s.kind {
                StmtKind::Go(e) => match &super::expr::strip_parens(e).kind {
                    ExprKind::Call { func, args, ellipsis, .. } => self.call(func, args, *ellipsis, true),
                    _ => self.expr(e),
                },
                // Ranging over the value reads its elements.
                StmtKind::Range { key, value, x, body, .. } => {
                    for k in [key, value].into_iter().flatten() {
                        self.expr(k);
                    }
                    self.safe(x);
                    self.block(body);
                }
                // `p = p[i:]` keeps p pointing where it pointed.
                StmtKind::Assign { lhs, rhs, .. } if lhs.len() == rhs.len() => {
                    for (l, r) in lhs.iter().zip(rhs) {
                        let to_name = self.is_name(super::expr::strip_parens(l)) && !self.in_lit;
                        if !to_name {
                            self.expr(l);
                        }
                        self.store(to_name, r);
                    }
                }
                StmtKind::Decl(GenDecl::Var(specs)) => {
                    for sp in specs {
                        let one_each = sp.names.len() == sp.values.len();
                        for (k, v) in sp.values.iter().enumerate() {
                            self.store(one_each && self.names.contains(&sp.names[k].name), v);
                        }
                    }
                }
                _ => visit_stmt(s, &mut |n| self.node(n)),
            }
        }
        fn node(&mut self, n: Node) {
            match n {
                Node::E(e) => self.expr(e),
                Node::B(b) => self.block(b),
                Node::S(s) => self.stmt(s),
            }
        }
    }
    let mut w = W { names: aliases(body, name, callees), ne, callees, escapes: false, in_lit: false };
    w.block(body);
    w.escapes
}

/// Whether `e` is one of `names` or a slice of one (`p[i:]`, `p[i:][j:]`).
fn derived(e: &crate::syntax::ast::Expr, names: &HashSet<String>) -> bool {
    use crate::syntax::ast::ExprKind;
    let mut e = strip_parens(e);
    loop {
        match &e.kind {
            ExprKind::Ident(i) => return names.contains(&i.name),
            ExprKind::Slice { x, .. } => e = strip_parens(x),
            _ => return false,
        }
    }
}

/// `name` and the local variables of `body` that may hold a value derived
/// from it (`q := p[i:]`, `var r = q`), by name, to a fixpoint: where any
/// of them escapes, `name`'s value does. Another variable of one of these
/// names is only checked more strictly; a package-level variable is never
/// an alias (a store to it is an escape).
fn aliases(body: &crate::syntax::ast::Block, name: &str, callees: Callees) -> HashSet<String> {
    use crate::syntax::ast::*;
    struct A<'a> {
        set: HashSet<String>,
        callees: Callees<'a>,
    }
    impl A<'_> {
        /// Whether `id` is a local variable of the function (never a
        /// package-level one: storing to that lets the value escape).
        fn local(&self, id: &Ident) -> bool {
            let Some(info) = self.callees.info else { return false };
            let Some(&o) = info.defs.get(id.id).or_else(|| info.uses.get(id.id)) else { return false };
            // (An identifier that declares nothing, `_`, has no object.)
            let obj = self.callees.world.objs.get(o.0 as usize);
            obj.is_some_and(|obj| matches!(obj.kind, crate::types::object::ObjKind::Var { kind: crate::types::object::VarKind::Local }))
        }
        fn add(&mut self, id: &Ident, value: &Expr) {
            if derived(value, &self.set) && self.local(id) {
                self.set.insert(id.name.clone());
            }
        }
        fn block(&mut self, b: &Block) {
            for s in &b.stmts {
                self.stmt(s);
            }
        }
        fn stmt(&mut self, s: &Stmt) {
            crate::stack::grow(|| {
                match &s.kind {
                    StmtKind::Assign { lhs, rhs, .. } if lhs.len() == rhs.len() => {
                        for (l, r) in lhs.iter().zip(rhs) {
                            if let ExprKind::Ident(i) = &strip_parens(l).kind {
                                self.add(i, r);
                            }
                        }
                    }
                    StmtKind::Decl(GenDecl::Var(specs)) => {
                        for sp in specs.iter().filter(|sp| sp.names.len() == sp.values.len()) {
                            for (n, v) in sp.names.iter().zip(&sp.values) {
                                self.add(n, v);
                            }
                        }
                    }
                    _ => {}
                }
                visit_stmt(s, &mut |n| match n {
                    Node::B(b) => self.block(b),
                    Node::S(s) => self.stmt(s),
                    // (Statements inside function literals: any use of the
                    // names there escapes anyway.)
                    Node::E(_) => {}
                });
            })
        }
    }
    let mut a = A { set: HashSet::from([name.to_string()]), callees };
    loop {
        let before = a.set.len();
        a.block(body);
        if a.set.len() == before {
            return a.set;
        }
    }
}

/// A child of a syntax node, for [`visit_children`] and [`visit_stmt`].
enum Node<'a> {
    E(&'a crate::syntax::ast::Expr),
    B(&'a crate::syntax::ast::Block),
    S(&'a crate::syntax::ast::Stmt),
}

/// Calls `f` for each child of expression `x`.
fn visit_children<'a>(x: &'a crate::syntax::ast::Expr, f: &mut dyn FnMut(Node<'a>)) {
    use crate::syntax::ast::*;
    let mut e = |y: &'a Expr| f(Node::E(y));
    match &x.kind {
        ExprKind::Ident(_) | ExprKind::BasicLit(_) | ExprKind::Bad => {}
        ExprKind::Composite { typ, elems, .. } => {
            typ.iter().for_each(|t| e(t));
            for el in elems {
                el.key.iter().for_each(|k| e(k));
                e(&el.value);
            }
        }
        ExprKind::FuncLit { body, .. } => f(Node::B(body)),
        ExprKind::Paren(y) | ExprKind::Star(y) | ExprKind::SliceType(y) => e(y),
        ExprKind::Selector { x, .. } => e(x),
        ExprKind::Index { x, index, .. } => {
            e(x);
            e(index);
        }
        ExprKind::Slice { x, lo, hi, max, .. } => {
            e(x);
            [lo, hi, max].into_iter().flatten().for_each(|p| e(p));
        }
        ExprKind::TypeAssert { x, .. } => e(x),
        ExprKind::Call { func, args, .. } => {
            e(func);
            args.iter().for_each(|a| e(a));
        }
        ExprKind::Unary { x, .. } => e(x),
        ExprKind::Binary { x, y, .. } => {
            e(x);
            e(y);
        }
        _ => {}
    }
}

/// Calls `f` for the expressions, blocks and statements directly inside
/// statement `st`.
fn visit_stmt<'a>(st: &'a crate::syntax::ast::Stmt, f: &mut dyn FnMut(Node<'a>)) {
    use crate::syntax::ast::*;
    match &st.kind {
        StmtKind::Empty | StmtKind::Branch { .. } | StmtKind::Decl(GenDecl::Type(_)) => {}
        StmtKind::Expr(x) | StmtKind::Go(x) | StmtKind::Defer(x) => f(Node::E(x)),
        StmtKind::Decl(GenDecl::Var(specs)) => specs.iter().flat_map(|sp| &sp.values).for_each(|v| f(Node::E(v))),
        StmtKind::Decl(GenDecl::Const(specs)) => specs.iter().flat_map(|sp| &sp.values).for_each(|v| f(Node::E(v))),
        StmtKind::Assign { lhs, rhs, .. } => lhs.iter().chain(rhs).for_each(|x| f(Node::E(x))),
        StmtKind::IncDec { x, .. } => f(Node::E(x)),
        StmtKind::Send { ch, value } => {
            f(Node::E(ch));
            f(Node::E(value));
        }
        StmtKind::Return(xs) => xs.iter().for_each(|x| f(Node::E(x))),
        StmtKind::Block(bl) => f(Node::B(bl)),
        StmtKind::If { init, cond, then, els } => {
            init.iter().for_each(|i| f(Node::S(i)));
            f(Node::E(cond));
            f(Node::B(then));
            els.iter().for_each(|x| f(Node::S(x)));
        }
        StmtKind::For { init, cond, post, body } => {
            init.iter().for_each(|i| f(Node::S(i)));
            cond.iter().for_each(|c| f(Node::E(c)));
            post.iter().for_each(|p| f(Node::S(p)));
            f(Node::B(body));
        }
        StmtKind::Range { key, value, x, body, .. } => {
            [key, value].into_iter().flatten().for_each(|k| f(Node::E(k)));
            f(Node::E(x));
            f(Node::B(body));
        }
        StmtKind::Switch { init, tag, clauses } => {
            init.iter().for_each(|i| f(Node::S(i)));
            tag.iter().for_each(|t| f(Node::E(t)));
            for c in clauses {
                c.exprs.iter().for_each(|x| f(Node::E(x)));
                c.body.iter().for_each(|x| f(Node::S(x)));
            }
        }
        StmtKind::TypeSwitch { init, x, clauses, .. } => {
            init.iter().for_each(|i| f(Node::S(i)));
            f(Node::E(x));
            clauses.iter().flat_map(|c| &c.body).for_each(|x| f(Node::S(x)));
        }
        StmtKind::Select(cs) => {
            for c in cs {
                c.comm.iter().for_each(|x| f(Node::S(x)));
                c.body.iter().for_each(|x| f(Node::S(x)));
            }
        }
        StmtKind::Labeled { stmt, .. } => f(Node::S(stmt)),
    }
}
