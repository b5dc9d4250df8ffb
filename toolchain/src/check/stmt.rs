//! Statements, function bodies and package initialization.

use super::facts::{Known, What};
use super::expr::{strip_parens, V, VK};
use super::func::{Fb, Local, LoopCtx, VarRef};
use super::types::{basic_id, Basic, Ty, TypeId};
use super::{Checker, FuncSym, PkgDecl};
use crate::diag::{Diag, Pos, Result};
use crate::ir::{self, Addr, BinOp, Inst, Operand, PtrMask, Scalar, SlotId, Special};
use crate::runtime_abi as rt;
use crate::syntax::ast::{self, AssignOp, BranchKind, Expr, ExprKind, Stmt, StmtKind};
use std::collections::{BTreeSet, HashMap, HashSet};

mod chan;

fn err<T>(pos: &Pos, msg: impl Into<String>) -> Result<T> {
    Err(Diag::new(pos, msg))
}

impl Checker<'_> {
    pub(super) fn lower_top_func(&mut self, fd: &ast::FuncDecl, fs: &FuncSym) -> Result<()> {
        if fd.body.is_none() {
            return Ok(());
        }
        self.lower_func(fd, &fs.sym, None)
    }

    /// With `-gcflags=-m`: the escape analysis's report for function `sym`
    /// (a function lowered again, as a variant or an instance, repeats its
    /// lines: the driver prints each once).
    pub(super) fn note_report(&mut self, sym: &str, esc: &super::escape::Escapes) {
        if !super::report::on() {
            return;
        }
        let pkg = ir::symbol_package(sym).unwrap_or("main").to_string();
        for (pos, line) in super::report::lines(esc) {
            self.prog.reports.push((pkg.clone(), pos, line));
        }
    }

    /// Lowers a declared function or method into `sym`.
    pub(super) fn lower_func(&mut self, fd: &ast::FuncDecl, sym: &str, method: Option<(u32, usize)>) -> Result<()> {
        let Some(body) = &fd.body else { return Ok(()) };
        let mut names = vec![];
        let ft = self.resolve_sig(&fd.sig, Some(&mut names))?;
        let recv = match method {
            Some((ni, mi)) => {
                let nt = self.named_type_id(ni);
                let rt_ = if self.types.named[ni as usize].methods[mi].ptr_recv { self.types.pointer(nt) } else { nt };
                let rname = fd.recv.as_ref().and_then(|r| r.names.first().cloned());
                Some((rname, rt_))
            }
            None => None,
        };
        let mut fb = Fb::new(sym);
        fb.declared = super::func::declared_names(fd);
        self.lit_escapes.clear();
        let esc = super::escape::escaping(fd.recv.as_ref(), &fd.sig, body, &self.tags, self.callees(), &mut self.lit_escapes);
        self.note_report(sym, &esc);
        self.by_value_vars.extend(esc.by_value.iter().copied());
        (fb.escaping, fb.heap_objs, fb.stack_allocs, fb.stack_boxes, fb.frame_defers, fb.addressed) =
            (esc.vars, esc.heap_objs, esc.allocs, esc.boxes, esc.frame_defers, Some(esc.addressed));
        fb.result_frames = esc.result_frames;
        // A result-frame variant: the buffer's address comes last.
        let ft = match self.result_frames.next.take() {
            Some(layout) => {
                fb.result_buffer = Some(layout);
                names.push((None, basic_id(Basic::UnsafePointer)));
                self.variant_sig(ft)
            }
            None => ft,
        };
        self.fns.push(fb);
        let r = self.lower_body(ft, &names, &fd.sig.results, body, recv.clone());
        let fb = self.fns.pop().unwrap();
        if let Err(d) = r {
            self.report(d)?;
        }
        self.check_frame_size(&fb, recv.as_ref().map(|(_, t)| *t), ft, &fd.name.pos)?;
        let abi = self.abi_of(ft, recv.map(|(_, t)| (true, t)));
        if fd.pragmas.iter().any(|p| p == "noinline") {
            self.prog.noinline.insert(sym.to_string());
        }
        self.prog.funcs.push(ir::Func { sym: sym.into(), abi, kind: ir::FuncKind::Code(fb.body), pos: Some(fd.name.pos.clone()) });
        Ok(())
    }

    /// gc's limit of 1 GB on a function's stack frame: its arguments and
    /// results, or its locals and the area of its largest call. Counted as
    /// gc lays frames out (see [`Fb::gc_locals`]), so that rgo rejects what
    /// gc rejects, at the function.
    pub(super) fn check_frame_size(&mut self, fb: &Fb, recv: Option<TypeId>, ft: TypeId, pos: &Pos) -> Result<()> {
        const MAX: u64 = 1 << 30;
        let args = self.arg_area(recv, ft);
        // rgo's own slots, beside gc's temporaries it may keep elsewhere.
        let own = |i: &usize| fb.body.params.contains(&(*i as ir::SlotId)) || fb.body.results.contains(&(*i as ir::SlotId));
        let slots: u64 = fb.body.slots.iter().enumerate().filter(|(i, _)| !own(i)).map(|(_, s)| s.size as u64).sum();
        let locals = fb.gc_locals.max(slots);
        let msg = if locals >= MAX || args >= MAX {
            format!("stack frame too large (>1GB): {} MB locals + {} MB args", locals >> 20, args >> 20)
        } else if locals + fb.gc_callee >= MAX {
            format!("stack frame too large (>1GB): {} MB locals + {} MB args + {} MB callee", locals >> 20, args >> 20, fb.gc_callee >> 20)
        } else {
            return Ok(());
        };
        self.report(Diag::new(pos, msg))
    }

    /// Lowers a body into the current builder: parameters, named results,
    /// statements, the implicit return.
    pub(super) fn lower_body(
        &mut self,
        ft: TypeId,
        names: &[(Option<ast::Ident>, TypeId)],
        results: &[ast::Param],
        body: &ast::Block,
        recv: Option<(Option<ast::Ident>, TypeId)>,
    ) -> Result<()> {
        let sig = self.types.sig(ft).cloned().unwrap();
        let mut params: Vec<(Option<ast::Ident>, TypeId)> = vec![];
        if let Some(r) = recv {
            params.push(r);
        }
        params.extend(names.iter().cloned());
        let mut pending = vec![];
        for (name, t) in &params {
            let slot = self.slot_typed(*t);
            self.fb().body.params.push(slot);
            pending.push((name.clone(), *t, slot));
        }
        for (name, t, slot) in pending {
            let Some(n) = name else { continue };
            if n.name == "_" {
                continue;
            }
            if self.fb().declared_here(&n.name) {
                return err(&n.pos, format!("duplicate argument {}", n.name));
            }
            let obj = self.var_obj(&n);
            if self.escapes_var_obj(&n.name, obj, t) {
                let v = self.declare_var_obj(&n.name, obj, t);
                self.copy(&v.addr(), &Addr::Slot(slot, 0), t);
            } else {
                let id = self.new_var_id();
                if let Some(o) = obj {
                    self.var_objs.insert(id, o);
                }
                self.fb().declare(&n.name, Local::Var { id, var: VarRef::Slot(slot), ty: t });
            }
        }
        self.fb().result_types = sig.results.clone();
        let mut result_names = vec![];
        for p in results {
            for n in &p.names {
                result_names.push(n.clone());
            }
        }
        for (i, &t) in sig.results.iter().enumerate() {
            let s = self.types.size(t);
            let slot = self.slot_typed(t);
            self.fb().body.results.push(slot);
            if let Some(n) = result_names.get(i) {
                let size = s as u32;
                let obj = self.var_obj(n);
                if self.escapes_var_obj(&n.name, obj, t) {
                    let v = self.declare_var_obj(&n.name, obj, t);
                    self.fb().named_results.push(v);
                } else {
                    self.fb().emit(Inst::Zero { dst: Addr::Slot(slot, 0), size });
                    let var = VarRef::Slot(slot);
                    let id = self.new_var_id();
                    if n.name != "_" {
                        self.fb().declare(&n.name, Local::Var { id, var, ty: t });
                    }
                    self.fb().named_results.push(var);
                }
            }
        }
        if has_defer(&body.stmts) {
            // A recovered panic returns the results as they stand: zero
            // unless set, so unnamed results start zeroed too.
            let l = self.fb().label();
            self.fb().landing = Some(l);
            let slots = self.fb().body.results.clone();
            for (i, &t) in sig.results.iter().enumerate() {
                if i >= result_names.len() {
                    let size = self.types.size(t) as u32;
                    self.fb().emit(Inst::Zero { dst: Addr::Slot(slots[i], 0), size });
                }
            }
        }
        let (label_errs, label_names) = crate::types::labels::check(body);
        self.fb().label_names = label_names;
        for d in label_errs {
            self.report(d)?;
        }
        // Parameters, results and the body share one block (Go spec).
        self.collect_labels(&body.stmts);
        self.block_stmts(&body.stmts)?;
        if !sig.results.is_empty() {
            if !crate::types::terminating::is_terminating_list(&body.stmts) {
                return err(&body.end, "missing return");
            }
        } else {
            // The implicit return is the closing brace's line, as in gc's
            // table (deferred calls run from there).
            self.fb().line(body.end.line);
            self.emit_return();
        }
        if let Some(l) = self.fb().landing {
            self.fb().emit(Inst::Landing(l));
            self.fb().line(body.end.line);
            self.emit_return();
        }
        Ok(())
    }

    /// Copies heap-held named results into the result slots and returns.
    fn emit_return(&mut self) {
        if self.fb().landing.is_some() {
            self.emit_deferred_calls();
        }
        let named = self.fb().named_results.clone();
        let slots = self.fb().body.results.clone();
        let tys = self.fb().result_types.clone();
        for (i, v) in named.iter().enumerate() {
            if let VarRef::Heap(_) = v {
                self.copy(&Addr::Slot(slots[i], 0), &v.addr(), tys[i]);
            }
        }
        self.fb().emit(Inst::Ret);
    }

    /// Runs the frame's deferred calls, most recent first: the runtime
    /// pops each from the goroutine's list and the frame calls it.
    fn emit_deferred_calls(&mut self) {
        let void = self.types.func(vec![], vec![], false);
        let abi = self.abi_of(void, None);
        let fb = self.fb();
        let (next, done) = (fb.label(), fb.label());
        let f = fb.slot_ptr();
        let finished = fb.slot_scalar(1, 1);
        fb.bind(next);
        fb.emit(Inst::CallRuntime {
            func: rt::DEFER_POP,
            args: vec![(Scalar::U64, Operand::Special(Special::FramePointer))],
            rets: vec![(Scalar::U64, Addr::Slot(f, 0))],
        });
        fb.emit(Inst::Bin {
            op: BinOp::Eq,
            ty: Scalar::U64,
            dst: Addr::Slot(finished, 0),
            a: Operand::Mem(Addr::Slot(f, 0)),
            b: Operand::Imm(rt::DEFER_POP_DONE as i64),
        });
        fb.emit(Inst::JumpIf { cond: Operand::Mem(Addr::Slot(finished, 0)), target: done });
        fb.emit(Inst::Call { callee: ir::Callee::Closure(Operand::Mem(Addr::Slot(f, 0))), abi, args: vec![], results: vec![] });
        fb.emit(Inst::Jump(next));
        fb.bind(done);
    }

    fn collect_labels(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            if let StmtKind::Labeled { label, .. } = &s.kind {
                if !self.fb().goto_labels.contains_key(&label.name) {
                    let l = self.fb().label();
                    self.fb().goto_labels.insert(label.name.clone(), l);
                }
            }
        }
    }

    /// Checks statements in order; an error is reported and checking goes
    /// on with the next statement.
    fn block_stmts(&mut self, stmts: &[Stmt]) -> Result<()> {
        for s in stmts {
            self.stmt_recover(s)?;
        }
        Ok(())
    }

    /// Checks a statement; its error is reported and checking goes on.
    fn stmt_recover(&mut self, s: &Stmt) -> Result<()> {
        if let Err(d) = self.stmt(s) {
            self.invalidate_decls(s);
            self.report(d)?;
        }
        Ok(())
    }

    /// A condition whose error is reported, so that the body it guards is
    /// checked too.
    fn cond_recover(&mut self, e: &Expr, stmt: &str) -> Result<Operand> {
        match self.cond(e, stmt) {
            Ok(c) => Ok(c),
            Err(d) => {
                self.report(d)?;
                Ok(Operand::Imm(0))
            }
        }
    }

    /// Jumps to `target` when the condition `e` of an `if` or `for` (`stmt`)
    /// is `when`, and falls through otherwise. `&&`, `||` and `!` become
    /// jumps, as gc lowers conditions: no boolean is stored, and each
    /// comparison fuses with its jump. Operands are evaluated left to right
    /// and short-circuit as the operators do.
    fn cond_jump(&mut self, e: &Expr, stmt: &str, when: bool, target: ir::Label) -> Result<()> {
        match &strip_parens(e).kind {
            ExprKind::Binary { op: op @ (ast::BinaryOp::LAnd | ast::BinaryOp::LOr), x, y } => {
                let and = *op == ast::BinaryOp::LAnd;
                if when != and {
                    // `x && y` false, `x || y` true: either operand decides.
                    self.cond_jump(x, stmt, when, target)?;
                    self.cond_jump(y, stmt, when, target)
                } else {
                    // `x && y` true, `x || y` false: both operands must.
                    let skip = self.fb().label();
                    self.cond_jump(x, stmt, !when, skip)?;
                    self.cond_jump(y, stmt, when, target)?;
                    self.fb().bind(skip);
                    Ok(())
                }
            }
            ExprKind::Unary { op: ast::UnaryOp::Not, x } => self.cond_jump(x, stmt, !when, target),
            _ => {
                let cond = self.cond_recover(e, stmt)?;
                self.fb().emit(if when { Inst::JumpIf { cond, target } } else { Inst::JumpIfNot { cond, target } });
                Ok(())
            }
        }
    }

    /// After a failed `var` or `:=` statement, declares the names it did not
    /// declare as invalid, so that their uses raise no follow-on errors.
    fn invalidate_decls(&mut self, s: &Stmt) {
        let mut names = vec![];
        match &s.kind {
            StmtKind::Decl(ast::GenDecl::Var(specs)) => names.extend(specs.iter().flat_map(|sp| sp.names.iter())),
            StmtKind::Assign { lhs, op: AssignOp::Define, .. } => {
                names.extend(lhs.iter().filter_map(|l| if let ExprKind::Ident(id) = &l.kind { Some(id) } else { None }))
            }
            _ => {}
        }
        for n in names {
            if n.name != "_" && !self.fb().declared_here(&n.name) {
                self.fb().declare(&n.name, Local::Invalid);
            }
        }
    }

    fn block(&mut self, b: &ast::Block) -> Result<()> {
        self.fb().push_scope();
        self.collect_labels(&b.stmts);
        let r = self.block_stmts(&b.stmts);
        self.fb().pop_scope();
        r
    }

    fn stmt(&mut self, s: &Stmt) -> Result<()> {
        self.stmt_labeled(s, None)
    }

    fn stmt_labeled(&mut self, s: &Stmt, label: Option<&str>) -> Result<()> {
        crate::stack::grow(|| self.stmt_labeled_inner(s, label))
    }

    fn stmt_labeled_inner(&mut self, s: &Stmt, label: Option<&str>) -> Result<()> {
        self.fb().line(s.pos.line);
        match &s.kind {
            StmtKind::Empty => Ok(()),
            StmtKind::Expr(e) => {
                let inner = strip_parens(e);
                let is_call = matches!(inner.kind, ExprKind::Call { .. });
                if let ExprKind::Unary { op: ast::UnaryOp::Recv, x } = &inner.kind {
                    // A receive statement: the value is dropped.
                    self.recv(x, &e.pos)?;
                    return Ok(());
                }
                let v = self.expr(e, None)?;
                if !is_call {
                    return err(&e.pos, format!("{} (value) is not used", self.describe_expr(e)));
                }
                if let ExprKind::Call { func, .. } = &inner.kind {
                    if let ExprKind::Ident(id) = &strip_parens(func).kind {
                        if matches!(id.name.as_str(), "len" | "cap" | "append" | "complex" | "real" | "imag" | "new" | "make")
                            && matches!(v.kind, VK::Mem { .. } | VK::Const(_))
                            && self.is_builtin(&id.name)
                        {
                            return err(&e.pos, format!("{} (value) is not used", self.describe_expr(e)));
                        }
                    }
                }
                Ok(())
            }
            StmtKind::Decl(d) => self.local_decl(d),
            StmtKind::Assign { lhs, op, rhs, .. } => self.assign(lhs, *op, rhs, &s.pos),
            StmtKind::IncDec { x, inc } => {
                let one = Expr { id: ast::SYNTHETIC, pos: s.pos.clone(), kind: ExprKind::BasicLit(ast::BasicLit::Int("1".into())) };
                let op = if *inc { ast::BinaryOp::Add } else { ast::BinaryOp::Sub };
                self.op_assign(x, op, &one, &s.pos)
            }
            StmtKind::Return(es) => self.return_stmt(es, &s.pos),
            StmtKind::Block(b) => self.block(b),
            StmtKind::If { init, cond, then, els } => {
                self.fb().push_scope();
                let r = (|| {
                    if let Some(i) = init {
                        self.stmt_recover(i)?;
                    }
                    let else_l = self.fb().label();
                    let end = self.fb().label();
                    self.cond_jump(cond, "if", false, else_l)?;
                    self.block(then)?;
                    self.fb().emit(Inst::Jump(end));
                    self.fb().bind(else_l);
                    if let Some(e) = els {
                        self.stmt(e)?;
                    }
                    self.fb().bind(end);
                    Ok(())
                })();
                self.fb().pop_scope();
                r
            }
            StmtKind::For { init, cond, post, body } => {
                self.fb().push_scope();
                let r = (|| {
                    if let Some(i) = init {
                        self.stmt_recover(i)?;
                    }
                    let top = self.fb().label();
                    let cont = self.fb().label();
                    let brk = self.fb().label();
                    self.fb().bind(top);
                    // What the loop proves holds in its condition (past
                    // its first `&&` operand) and its body.
                    let depth = self.fb().in_bounds.len();
                    let proven = self.for_bounds(init.as_deref(), cond.as_ref(), post.as_deref(), body);
                    self.fb().in_bounds.extend(proven);
                    if let Some(c) = cond {
                        self.cond_jump(c, "for", false, brk).inspect_err(|_| self.fb().in_bounds.truncate(depth))?;
                    }
                    self.fb().loops.push(LoopCtx { label: label.map(String::from), brk, cont: Some(cont) });
                    let r = self.block(body);
                    self.fb().in_bounds.truncate(depth);
                    self.fb().loops.pop();
                    r?;
                    self.fb().bind(cont);
                    if let Some(p) = post {
                        if let StmtKind::Assign { op: AssignOp::Define, .. } = p.kind {
                            return err(&p.pos, "cannot declare in post statement of for loop");
                        }
                        self.stmt_recover(p)?;
                    }
                    self.fb().emit(Inst::Jump(top));
                    self.fb().bind(brk);
                    Ok(())
                })();
                self.fb().pop_scope();
                r
            }
            StmtKind::Range { key, value, define, x, body } => {
                self.fb().push_scope();
                let r = self.range(key.as_ref(), value.as_ref(), *define, x, body, label, &s.pos);
                self.fb().pop_scope();
                r
            }
            StmtKind::Switch { init, tag, clauses } => {
                self.fb().push_scope();
                let r = self.switch(init.as_deref(), tag.as_ref(), clauses, label);
                self.fb().pop_scope();
                r
            }
            StmtKind::TypeSwitch { init, bind, x, clauses } => {
                self.fb().push_scope();
                let r = self.type_switch(init.as_deref(), bind.as_ref(), x, clauses, label);
                self.fb().pop_scope();
                r
            }
            StmtKind::Labeled { label: l, stmt } => {
                if l.name == "_" {
                    // Blank labels are never referenced; each is its own.
                    let t = self.fb().label();
                    self.fb().bind(t);
                    return self.stmt_labeled(stmt, None);
                }
                let target = match self.fb().goto_labels.get(&l.name) {
                    Some(&t) => t,
                    None => {
                        let t = self.fb().label();
                        self.fb().goto_labels.insert(l.name.clone(), t);
                        t
                    }
                };
                self.fb().bind(target);
                self.stmt_labeled(stmt, Some(&l.name))
            }
            StmtKind::Branch { kind, label: l } => self.branch(*kind, l.as_ref(), &s.pos),
            StmtKind::Go(e) => self.bind_call(e, &s.pos, true),
            StmtKind::Defer(e) => self.bind_call(e, &s.pos, false),
            StmtKind::Select(cs) => {
                self.fb().push_scope();
                let r = self.select_stmt(cs, label, &s.pos);
                self.fb().pop_scope();
                r
            }
            StmtKind::Send { ch, value } => self.send_stmt(ch, value),
        }
    }

    /// `defer f(args)`: the function value, receiver and arguments are
    /// evaluated now into fresh variables, and a no-argument closure that
    /// makes the call is registered with the runtime (as Go 1.17+ wraps
    /// deferred calls). `defer f()` of a func value without arguments or
    /// results registers `f` itself.
    ///
    /// `go f(args)` (`go_stmt`) binds the call the same way and starts a
    /// goroutine with the closure (`rgo_newproc`).
    fn bind_call(&mut self, e: &Expr, pos: &Pos, go_stmt: bool) -> Result<()> {
        let call = strip_parens(e);
        let ExprKind::Call { func, args, ellipsis, .. } = &call.kind else {
            let what = if go_stmt { "go" } else { "defer" };
            return err(&e.pos, format!("expression in {what} must be function call"));
        };
        let start = |this: &mut Self, o: Operand| {
            if go_stmt {
                this.fb().emit(Inst::CallRuntime { func: rt::NEWPROC, args: vec![(Scalar::U64, o)], rets: vec![] });
            } else {
                let landing = this.fb().landing.expect("functions with defer have a landing pad");
                this.emit_deferproc(o, landing);
            }
        };
        // `defer recover()`: recover on behalf of this function, as if it
        // called recover itself when the deferred call runs.
        if let ExprKind::Ident(id) = &strip_parens(func).kind {
            if !go_stmt && id.name == "recover" && args.is_empty() && self.is_builtin("recover") {
                let p = e.pos.clone();
                let ident = |n: &str| Expr { id: ast::SYNTHETIC, pos: p.clone(), kind: ExprKind::Ident(ast::Ident { name: n.into(), pos: p.clone(), id: ast::SYNTHETIC }) };
                let argp = Expr { id: ast::SYNTHETIC, pos: p.clone(), kind: ExprKind::Call { func: Box::new(ident("$argp")), args: vec![], ellipsis: false, lparen: p.clone(), rparen: p.clone() } };
                let rewritten = Expr {
                    id: ast::SYNTHETIC,
                    pos: p.clone(),
                    kind: ExprKind::Call { func: Box::new(ident("$recover_at")), args: vec![argp], ellipsis: false, lparen: p.clone(), rparen: p.clone() },
                };
                return self.bind_call(&rewritten, pos, false);
            }
        }
        // A deferred call that runs within this frame's life keeps its
        // closure and bound arguments in the frame.
        let in_frame = !go_stmt && self.fb().frame_defers.contains(&call.id);
        // A no-argument func value or literal: defer it directly.
        if args.is_empty() && !self.is_builtin_call(func) {
            let f = self.value_type(func);
            if let Some(t) = f {
                if self.types.sig(t).is_some_and(|s| s.params.is_empty() && s.results.is_empty()) && !self.is_method_selector(func) {
                    self.defer_in_frame_next = in_frame && matches!(strip_parens(func).kind, ExprKind::FuncLit { .. });
                    let v = self.value(func);
                    self.defer_in_frame_next = false;
                    let v = v?;
                    let o = self.operand(&v);
                    start(self, o);
                    return Ok(());
                }
            }
        }
        self.fb().push_scope();
        let r = (|| {
            let mut binds: Vec<Stmt> = vec![];
            let fresh = |this: &mut Self, x: &Expr, binds: &mut Vec<Stmt>| -> Expr {
                let name = format!("$defer{}", this.new_var_id());
                // The wrapper closure captures it: a cell on the heap, or
                // in the frame with the closure.
                if !in_frame {
                    this.fb().escaping.insert(name.clone());
                }
                let id = ast::Ident { name: name.clone(), pos: x.pos.clone(), id: ast::SYNTHETIC };
                binds.push(Stmt {
                    pos: x.pos.clone(),
                    kind: StmtKind::Assign {
                        lhs: vec![Expr { id: ast::SYNTHETIC, pos: x.pos.clone(), kind: ExprKind::Ident(id.clone()) }],
                        op: AssignOp::Define,
                        rhs: vec![x.clone()],
                        op_pos: x.pos.clone(),
                    },
                });
                Expr { id: ast::SYNTHETIC, pos: x.pos.clone(), kind: ExprKind::Ident(id) }
            };
            // The callee: builtins and top-level functions by name, method
            // calls through their receiver, anything else as a value.
            let mut recv_var = None;
            let new_func = if self.is_builtin_call(func) || self.is_top_level_func(func) {
                (**func).clone()
            } else if let ExprKind::Selector { x, sel } = &strip_parens(func).kind {
                match self.defer_receiver(x, sel)? {
                    Some(recv) => {
                        let r = fresh(self, &recv, &mut binds);
                        recv_var = Some(r.clone());
                        Expr { id: ast::SYNTHETIC, pos: func.pos.clone(), kind: ExprKind::Selector { x: Box::new(r), sel: sel.clone() } }
                    }
                    None => fresh(self, func, &mut binds),
                }
            } else {
                fresh(self, func, &mut binds)
            };
            // Arguments: constants stay in place (same value later, and
            // their untyped-ness matters); everything else is bound now.
            let mut new_args = vec![];
            // `f(g())` with g returning several values: bind them all.
            let arity = match args.as_slice() {
                [a] if !*ellipsis => match self.known(a) {
                    Ok(Known { what: What::Tuple(n), .. }) => n,
                    _ => 1,
                },
                _ => 1,
            };
            if arity > 1 {
                let p = args[0].pos.clone();
                let ids: Vec<Expr> = (0..arity)
                    .map(|_| {
                        let name = format!("$defer{}", self.new_var_id());
                        if !in_frame {
                            self.fb().escaping.insert(name.clone());
                        }
                        Expr { id: ast::SYNTHETIC, pos: p.clone(), kind: ExprKind::Ident(ast::Ident { name, pos: p.clone(), id: ast::SYNTHETIC }) }
                    })
                    .collect();
                binds.push(Stmt { pos: p.clone(), kind: StmtKind::Assign { lhs: ids.clone(), op: AssignOp::Define, rhs: vec![args[0].clone()], op_pos: p } });
                new_args = ids;
            }
            for a in args.iter().filter(|_| arity == 1) {
                if self.is_constant(a) {
                    new_args.push(a.clone());
                } else if let Some((conv, p)) = self.uintptr_of_pointer(a) {
                    // `uintptr(p)`: bind the pointer and convert when the
                    // call runs (the same bits), so that the object stays
                    // alive until then (gc's //go:uintptrescapes calls).
                    let bound = fresh(self, p, &mut binds);
                    new_args.push(Expr { id: ast::SYNTHETIC, pos: a.pos.clone(), kind: ExprKind::Call { func: Box::new(conv.clone()), args: vec![bound], ellipsis: false, lparen: a.pos.clone(), rparen: a.pos.clone() } });
                } else {
                    new_args.push(fresh(self, a, &mut binds));
                }
            }
            for b in &binds {
                self.stmt(b)?;
            }
            // The method of a nil interface is looked up (and panics) at
            // the defer statement, not when the deferred call runs.
            if let Some(r) = &recv_var {
                let v = self.value(r)?;
                if self.types.is_interface(v.ty) {
                    let a = self.to_addr(&v);
                    let tab = self.load_ptr_copy(&a);
                    self.nil_check(tab);
                }
            }
            let call = Expr {
                id: ast::SYNTHETIC,
                pos: call.pos.clone(),
                kind: ExprKind::Call { func: Box::new(new_func), args: new_args, ellipsis: *ellipsis, lparen: call.pos.clone(), rparen: call.pos.clone() },
            };
            let body = ast::Block { pos: pos.clone(), stmts: vec![Stmt { pos: pos.clone(), kind: StmtKind::Expr(call) }], end: pos.clone() };
            let sig = ast::FuncType { pos: pos.clone(), params: vec![], results: vec![] };
            self.defer_wrapper_next = !go_stmt;
            self.call_wrapper_next = true;
            self.defer_in_frame_next = in_frame;
            let v = self.func_lit(ast::SYNTHETIC, &sig, &body, pos);
            self.defer_wrapper_next = false;
            self.call_wrapper_next = false;
            self.defer_in_frame_next = false;
            let v = v?;
            let o = self.operand(&v);
            start(self, o);
            Ok(())
        })();
        self.fb().pop_scope();
        r
    }

    fn emit_deferproc(&mut self, closure: Operand, landing: crate::ir::Label) {
        self.fb().emit(Inst::CallRuntime {
            func: rt::DEFERPROC,
            args: vec![
                (Scalar::U64, closure),
                (Scalar::U64, Operand::Special(Special::FramePointer)),
                (Scalar::U64, Operand::Special(Special::Label(landing))),
            ],
            rets: vec![],
        });
    }

    /// The type of `e` if it is a value.
    fn value_type(&mut self, e: &Expr) -> Option<TypeId> {
        self.known(e).ok().filter(Known::is_value).map(|k| k.ty)
    }

    fn is_constant(&mut self, e: &Expr) -> bool {
        matches!(self.known(e), Ok(Known { what: What::Const(_) | What::Nil, .. }))
    }

    fn is_builtin_call(&mut self, f: &Expr) -> bool {
        match &strip_parens(f).kind {
            ExprKind::Ident(id) => {
                self.is_builtin(&id.name)
                    && matches!(id.name.as_str(), "print" | "println" | "panic" | "copy" | "append" | "len" | "cap" | "close" | "delete" | "recover" | "new" | "make" | "complex" | "real" | "imag" | "$recover_at")
            }
            ExprKind::Selector { x, .. } => matches!(&x.kind, ExprKind::Ident(p) if self.is_package(p)),
            _ => false,
        }
    }

    fn is_top_level_func(&mut self, f: &Expr) -> bool {
        let ExprKind::Ident(id) = &strip_parens(f).kind else { return false };
        if self.fns.iter().any(|fb| fb.lookup(&id.name).is_some()) {
            return false;
        }
        matches!(self.lookup(&id.name, &id.pos), Ok(super::expr::Named::Func(..)))
    }

    fn is_method_selector(&mut self, f: &Expr) -> bool {
        let ExprKind::Selector { x, sel } = &strip_parens(f).kind else { return false };
        match self.known(x) {
            Ok(k) if !matches!(k.what, What::Type) => {
                matches!(self.types.lookup(k.ty, &sel.name), Some(super::types::Selection { kind: super::types::SelKind::Method { .. }, .. }))
            }
            _ => false,
        }
    }

    /// For `defer x.M(...)` with `M` a method: the receiver expression to
    /// evaluate now (`&x` for a pointer method of an addressable value,
    /// promoted through embedded fields or not, so the call sees that very
    /// variable; `*x` for a value method through a pointer; else `x`).
    fn defer_receiver(&mut self, x: &Expr, sel: &ast::Ident) -> Result<Option<Expr>> {
        let Ok(v) = self.known(x) else { return Ok(None) };
        if matches!(v.what, What::Type) {
            return Ok(None);
        }
        let Some(s) = self.types.lookup(v.ty, &sel.name) else { return Ok(None) };
        let super::types::SelKind::Method { ptr_recv, iface, .. } = s.kind else { return Ok(None) };
        let is_ptr = self.types.pointer_elem(v.ty).is_some() && !self.types.is_interface(v.ty);
        let wrap = |k: ast::UnaryOp| Expr { id: ast::SYNTHETIC, pos: x.pos.clone(), kind: ExprKind::Unary { op: k, x: Box::new(x.clone()) } };
        Ok(Some(if iface.is_some() {
            x.clone()
        } else if ptr_recv && !is_ptr && matches!(v.what, What::Var) {
            wrap(ast::UnaryOp::Addr)
        } else if !ptr_recv && is_ptr {
            Expr { id: ast::SYNTHETIC, pos: x.pos.clone(), kind: ExprKind::Star(Box::new(x.clone())) }
        } else {
            x.clone()
        }))
    }

    fn is_builtin(&mut self, name: &str) -> bool {
        !self.fns.iter().any(|f| f.lookup(name).is_some()) && !self.pkg_names.contains_key(&self.key(name))
    }

    /// The condition of an `if` or `for` (`stmt`) statement.
    fn cond(&mut self, e: &Expr, stmt: &str) -> Result<Operand> {
        let v = self.value(e)?;
        if !self.types.basic(v.ty).is_some_and(|b| b.is_bool()) {
            return err(&e.pos, format!("non-boolean condition in {stmt} statement"));
        }
        Ok(self.operand(&v))
    }

    fn branch(&mut self, kind: BranchKind, label: Option<&ast::Ident>, pos: &Pos) -> Result<()> {
        match kind {
            BranchKind::Goto => {
                let l = label.unwrap();
                // `_:` declares no label (issue7538a), so `goto _` has no target.
                let t = if l.name == "_" { None } else { self.fb().goto_labels.get(&l.name).copied() };
                let Some(t) = t else {
                    if self.fb().label_names.contains(&l.name) {
                        // Into a block: reported by `labels::check`.
                        return Err(Diag::reported());
                    }
                    return err(&l.pos, format!("label {} not defined", l.name));
                };
                self.fb().emit(Inst::Jump(t));
                Ok(())
            }
            BranchKind::Fallthrough => {
                let Some(t) = self.fb().fallthrough else {
                    return err(pos, "fallthrough statement out of place");
                };
                self.fb().emit(Inst::Jump(t));
                Ok(())
            }
            BranchKind::Break | BranchKind::Continue => {
                let is_break = kind == BranchKind::Break;
                let loops = &self.fns.last().unwrap().loops;
                let target = loops.iter().rev().find(|l| match label {
                    Some(n) => l.label.as_deref() == Some(&n.name),
                    None => is_break || l.cont.is_some(),
                });
                let Some(t) = target else {
                    return match label {
                        Some(n) => err(&n.pos, format!("invalid {} label {}", if is_break { "break" } else { "continue" }, n.name)),
                        None => err(pos, format!("{} is not in a loop{}", if is_break { "break" } else { "continue" }, if is_break { ", switch, or select" } else { "" })),
                    };
                };
                let dest = if is_break {
                    t.brk
                } else {
                    match t.cont {
                        Some(c) => c,
                        None => return err(pos, format!("invalid continue label {}", label.map(|l| l.name.as_str()).unwrap_or(""))),
                    }
                };
                self.fb().emit(Inst::Jump(dest));
                Ok(())
            }
        }
    }

    fn return_stmt(&mut self, es: &[Expr], pos: &Pos) -> Result<()> {
        let rtypes = self.fb().result_types.clone();
        if es.is_empty() {
            if !rtypes.is_empty() && self.fb().named_results.is_empty() {
                return err(pos, "not enough return values\n\thave ()");
            }
            self.emit_return();
            return Ok(());
        }
        // Evaluate every value before storing any (named results may be read).
        let mut vals: Vec<V> = vec![];
        if es.len() == 1 && rtypes.len() > 1 {
            let v = self.expr(&es[0], None)?;
            let VK::Tuple(addrs) = &v.kind else {
                return err(pos, format!("not enough return values\n\thave ({})", self.types.name(v.ty)));
            };
            let Ty::Tuple(ts) = self.types.ty(v.ty).clone() else { unreachable!() };
            if ts.len() != rtypes.len() {
                return err(pos, "wrong number of return values");
            }
            for (a, t) in addrs.iter().zip(ts) {
                vals.push(V::mem(t, a.clone()));
            }
        } else {
            if es.len() != rtypes.len() {
                let msg = if es.len() > rtypes.len() { "too many return values" } else { "not enough return values" };
                return err(&es[0].pos, msg);
            }
            for (e, &t) in es.iter().zip(&rtypes) {
                let v = self.expr(e, Some(t))?;
                let v = self.single(v, e)?;
                vals.push(v);
            }
        }
        let mut conv = vec![];
        for (i, v) in vals.into_iter().enumerate() {
            let p = es.get(i).map(|e| e.pos.clone()).unwrap_or(pos.clone());
            let v = self.convert_to(v, rtypes[i], &p, "return statement")?;
            // Copy into a temporary when it may alias a result.
            let v = if es.len() > 1 && matches!(v.kind, VK::Mem { addressable: true, .. }) {
                let a = self.temp(rtypes[i]);
                self.store(&a, &v, rtypes[i]);
                V::mem(rtypes[i], a)
            } else {
                v
            };
            conv.push(v);
        }
        // Named results first (deferred calls may read or change them),
        // then the shared return sequence.
        let slots = self.fb().body.results.clone();
        let named = self.fb().named_results.clone();
        for (i, v) in conv.iter().enumerate() {
            let dst = match named.get(i) {
                Some(var) => var.addr(),
                None => Addr::Slot(slots[i], 0),
            };
            self.store(&dst, v, rtypes[i]);
        }
        self.emit_return();
        Ok(())
    }

    fn local_decl(&mut self, d: &ast::GenDecl) -> Result<()> {
        match d {
            ast::GenDecl::Var(specs) => {
                for sp in specs {
                    let t = match &sp.typ {
                        Some(te) => Some(self.resolve_type(te)?),
                        None => None,
                    };
                    if sp.values.is_empty() {
                        let t = t.unwrap();
                        for n in &sp.names {
                            let v = self.declare_var_checked(n, t)?;
                            let size = self.types.size(t) as u32;
                            self.fb().emit(Inst::Zero { dst: v.addr(), size });
                        }
                        continue;
                    }
                    let vals = self.rhs_values(&sp.values, sp.names.len(), &sp.pos, &vec![t; sp.values.len()])?;
                    let mut conv = vec![];
                    for (v, p) in vals {
                        let tt = match t {
                            Some(t) => t,
                            None => {
                                if self.is_untyped_nil(&v) {
                                    return err(&p, "use of untyped nil in variable declaration");
                                }
                                self.default_type(v.ty, &p)?
                            }
                        };
                        let v = self.convert_to(v, tt, &p, "variable declaration")?;
                        conv.push((v, tt));
                    }
                    for (n, (v, tt)) in sp.names.iter().zip(conv) {
                        if n.name == "_" {
                            self.discard(&v);
                            continue;
                        }
                        let var = self.declare_var_checked(n, tt)?;
                        self.store(&var.addr(), &v, tt);
                    }
                }
                Ok(())
            }
            ast::GenDecl::Const(specs) => {
                let mut last: (Option<&Expr>, &[Expr]) = (None, &[]);
                for sp in specs {
                    if !sp.values.is_empty() {
                        last = (sp.typ.as_ref(), &sp.values);
                    }
                    for (i, n) in sp.names.iter().enumerate() {
                        let Some(v) = last.1.get(i) else { return err(&n.pos, "missing init expr for const declaration") };
                        let r = self.const_decl(last.0, v, sp.iota);
                        // An error in a repeated value is reported at the name, as gc does.
                        let (t, c) = r.map_err(|e| if sp.values.is_empty() { Diag::new(&n.pos, e.msg) } else { e })?;
                        self.fb().declare(&n.name, Local::Const(t, c));
                    }
                }
                Ok(())
            }
            ast::GenDecl::Type(specs) => {
                for sp in specs {
                    if sp.type_params.is_some() {
                        // Made per instance where used (`generic`).
                        self.local_generic_type(sp);
                        continue;
                    }
                    if sp.alias {
                        let t = self.resolve_type(&sp.typ)?;
                        self.fb().declare(&sp.name.name, Local::Type(t));
                        continue;
                    }
                    let n = self.local_types.entry(self.cur).or_default();
                    *n += 1;
                    let n = *n;
                    let t = self.types.new_named(&format!("{}.{}", self.pkg().name(), sp.name.name), &self.sym(&format!("{}.{}", sp.name.name, n)));
                    if sp.notinheap {
                        self.notinheap.insert(t);
                    }
                    self.fb().declare(&sp.name.name, Local::Type(t));
                    self.made_named(&sp.name, t);
                    let u = self.resolve_type(&sp.typ)?;
                    if self.types.underlying(u) == t {
                        return err(&sp.name.pos, format!("invalid recursive type {}", sp.name.name));
                    }
                    self.types.set_underlying(t, u);
                    if self.types.contains_itself(t) {
                        self.types.reset_underlying(t);
                        return err(&sp.name.pos, format!("invalid recursive type {}", sp.name.name));
                    }
                }
                Ok(())
            }
        }
    }

    fn declare_var_checked(&mut self, n: &ast::Ident, t: TypeId) -> Result<VarRef> {
        if n.name != "_" && self.fb().declared_here(&n.name) {
            return err(&n.pos, format!("{} redeclared in this block", n.name));
        }
        if n.name == "_" {
            return Ok(VarRef::Slot(self.slot_typed(t)));
        }
        Ok(self.declare_local(n, t))
    }

    /// Right-hand sides for `n` targets: `n` single values or one
    /// multi-value call. `hints` are the targets' types where known (an
    /// untyped non-constant shift takes its type from them).
    fn rhs_values(&mut self, rhs: &[Expr], n: usize, pos: &Pos, hints: &[Option<TypeId>]) -> Result<Vec<(V, Pos)>> {
        if rhs.len() == 1 && n == 2 {
            if let Some(vals) = self.comma_ok_recv(&rhs[0], false)? {
                return Ok(vals);
            }
            // The comma-ok forms of a type assertion and a map index.
            if let Some((v, ok)) = self.comma_ok_value(&rhs[0])? {
                let ok = V::mem(basic_id(Basic::UntypedBool), ok);
                return Ok(vec![(v, rhs[0].pos.clone()), (ok, rhs[0].pos.clone())]);
            }
        }
        if rhs.len() == 1 && n > 1 {
            let v = self.expr(&rhs[0], None)?;
            if let VK::Tuple(addrs) = &v.kind {
                let Ty::Tuple(ts) = self.types.ty(v.ty).clone() else { unreachable!() };
                if ts.len() != n {
                    return err(pos, format!("assignment mismatch: {n} variables but {} returns {} values", self.describe_expr(&rhs[0]), ts.len()));
                }
                return Ok(addrs.iter().zip(ts).map(|(a, t)| (V::mem(t, a.clone()), rhs[0].pos.clone())).collect());
            }
            return err(pos, format!("assignment mismatch: {n} variables but 1 value"));
        }
        if rhs.len() != n {
            return err(pos, format!("assignment mismatch: {n} variable{} but {} value{}", if n == 1 { "" } else { "s" }, rhs.len(), if rhs.len() == 1 { "" } else { "s" }));
        }
        let mut out = vec![];
        for (i, e) in rhs.iter().enumerate() {
            let v = self.expr(e, hints.get(i).copied().flatten())?;
            let v = self.single(v, e)?;
            out.push((v, e.pos.clone()));
        }
        Ok(out)
    }

    fn assign(&mut self, lhs: &[Expr], op: AssignOp, rhs: &[Expr], pos: &Pos) -> Result<()> {
        match op {
            AssignOp::Op(bop) => {
                if lhs.len() != 1 || rhs.len() != 1 {
                    return err(pos, format!("assignment operation {}= requires single-valued expressions", super::expr::binop_str(bop)));
                }
                self.op_assign(&lhs[0], bop, &rhs[0], pos)
            }
            AssignOp::Define => self.define(lhs, rhs, pos),
            AssignOp::Assign => {
                // Comma-ok forms.
                if lhs.len() == 2
                    && rhs.len() == 1
                    && matches!(
                        strip_parens(&rhs[0]).kind,
                        ExprKind::TypeAssert { .. } | ExprKind::Index { .. } | ExprKind::Unary { op: ast::UnaryOp::Recv, .. }
                    )
                {
                    // Left-hand operands first (Go's order), then the value.
                    let targets = self.assign_targets(lhs)?;
                    if let Some(vals) = self.comma_ok_recv(&rhs[0], false)? {
                        return self.assign_to(targets, vals);
                    }
                    if let Some((v, ok)) = self.comma_ok_value(&rhs[0])? {
                        let okv = V::mem(basic_id(Basic::UntypedBool), ok);
                        return self.assign_to(targets, vec![(v, rhs[0].pos.clone()), (okv, rhs[0].pos.clone())]);
                    }
                    let vals = self.rhs_values(rhs, lhs.len(), pos, &[])?;
                    return self.assign_to(targets, vals);
                }
                // Left-hand addresses first, then the values.
                let hints: Vec<Option<TypeId>> = lhs
                    .iter()
                    .zip(rhs)
                    .map(|(l, r)| if super::expr::has_untyped_shift(r) && !is_blank(l) { self.known(l).ok().map(|k| k.ty) } else { None })
                    .collect();
                if lhs.len() > 1 {
                    // Go's order (spec, Assignment statements): the
                    // targets' operands (`m[f()]`, `*g()`, `a[h()]`), then
                    // the values, then the stores in order.
                    let targets = self.assign_targets(lhs)?;
                    let vals = self.rhs_values(rhs, lhs.len(), pos, &hints)?;
                    return self.assign_to(targets, vals);
                }
                let vals = self.rhs_values(rhs, lhs.len(), pos, &hints)?;
                self.assign_values(lhs, vals)
            }
        }
    }

    fn assign_values(&mut self, lhs: &[Expr], vals: Vec<(V, Pos)>) -> Result<()> {
        let targets = self.assign_targets(lhs)?;
        self.assign_to(targets, vals)
    }

    /// The first phase of an assignment: the targets' addresses (map index
    /// targets: their map and key).
    fn assign_targets(&mut self, lhs: &[Expr]) -> Result<Vec<Option<Target>>> {
        let multi = lhs.len() > 1;
        let mut targets = vec![];
        for l in lhs {
            if is_blank(l) {
                targets.push(None);
                continue;
            }
            if let Some(mt) = self.map_target(l)? {
                targets.push(Some(Target::Map(mt)));
                continue;
            }
            if multi {
                if let Some(t) = self.slice_target(l)? {
                    targets.push(Some(t));
                    continue;
                }
            }
            let v = self.expr(l, None)?;
            let v = self.single(v, l)?;
            let VK::Mem { addr, addressable: true } = &v.kind else {
                return err(&l.pos, self.cannot_assign(l));
            };
            // Go evaluates the pointer of each target before assigning any.
            let addr = match addr {
                Addr::Deref(p, off) if multi => Addr::Deref(self.load_ptr_copy(&Addr::Slot(*p, 0)), *off),
                a => a.clone(),
            };
            targets.push(Some(Target::Mem(addr, v.ty)));
        }
        Ok(targets)
    }

    /// A slice element `s[i]` among several targets: `s` and `i` now, the
    /// bounds check when its turn to be stored comes (Go's second phase:
    /// `m[2], s[1] = 2, 2` stores `m[2]` before `s[1]` panics).
    fn slice_target(&mut self, l: &Expr) -> Result<Option<Target>> {
        let ExprKind::Index { x, index, .. } = &strip_parens(l).kind else { return Ok(None) };
        let Ok(k) = self.known(x) else { return Ok(None) };
        let Ty::Slice(elem) = self.types.under(k.ty).clone() else { return Ok(None) };
        if matches!(k.what, What::Type) {
            return Ok(None);
        }
        let s = self.value(x)?;
        let sa = self.to_addr(&s);
        // The slice's data pointer and its length.
        let hdr = self.fb().slot_mask(16, 8, PtrMask::one());
        self.fb().emit(Inst::Move { ty: Scalar::U64, dst: Addr::Slot(hdr, 0), src: Operand::Mem(sa.clone()) });
        self.fb().emit(Inst::Move { ty: Scalar::I64, dst: Addr::Slot(hdr, 8), src: Operand::Mem(sa.offset(8)) });
        let i = self.index_value(index)?;
        let io = self.operand(&i);
        let idx = self.fb().slot_scalar(8, 8);
        self.fb().emit(Inst::Move { ty: Scalar::I64, dst: Addr::Slot(idx, 0), src: io });
        let proven = self.proven_in_bounds(x, index);
        Ok(Some(Target::Slice { hdr, idx, elem, proven }))
    }

    /// The second phase: converts the values and stores them.
    fn assign_to(&mut self, targets: Vec<Option<Target>>, vals: Vec<(V, Pos)>) -> Result<()> {
        let multi = targets.len() > 1;
        let mut conv = vec![];
        for (i, (v, p)) in vals.into_iter().enumerate() {
            match &targets[i] {
                Some(tg) => {
                    let t = &tg.ty();
                    let v = self.convert_to(v, *t, &p, "assignment")?;
                    let v = if multi && matches!(v.kind, VK::Mem { .. }) {
                        let a = self.temp(*t);
                        self.store(&a, &v, *t);
                        V::mem(*t, a)
                    } else {
                        v
                    };
                    conv.push(Some(v));
                }
                None => {
                    if self.is_untyped_nil(&v) {
                        return err(&p, "use of untyped nil in assignment");
                    }
                    self.discard(&v);
                    conv.push(None)
                }
            }
        }
        for (t, v) in targets.into_iter().zip(conv) {
            match (t, v) {
                (Some(Target::Mem(a, ty)), Some(v)) => self.store(&a, &v, ty),
                (Some(Target::Map(mt)), Some(v)) => self.map_store(&mt, &v),
                (Some(Target::Slice { hdr, idx, elem, proven }), Some(v)) => {
                    let i = V::mem(self.int_t(), Addr::Slot(idx, 0));
                    let io = self.index_checked_unless(proven, &i, Operand::Mem(Addr::Slot(hdr, 8)));
                    let a = self.elem_addr(Operand::Mem(Addr::Slot(hdr, 0)), io, elem);
                    self.store(&a, &v, elem);
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Why `l` cannot be assigned to, in gc's words.
    fn cannot_assign(&mut self, l: &Expr) -> String {
        // A field of a struct stored in a map (`m[k].f = v`).
        let mut base = strip_parens(l);
        let mut field = false;
        while let ExprKind::Selector { x, .. } = &base.kind {
            field = true;
            base = strip_parens(x);
        }
        if field && self.map_index_type(base).is_some() {
            return format!("cannot assign to struct field {} in map", self.describe_expr(l));
        }
        format!("cannot assign to {} (neither addressable nor a map index expression)", self.describe_expr(l))
    }

    fn define(&mut self, lhs: &[Expr], rhs: &[Expr], pos: &Pos) -> Result<()> {
        let mut idents = vec![];
        for l in lhs {
            let ExprKind::Ident(id) = &l.kind else {
                return err(&l.pos, format!("non-name {} on left side of :=", self.describe_expr(l)));
            };
            idents.push(id.clone());
        }
        let vals = if lhs.len() == 2 && rhs.len() == 1 {
            if let Some(vals) = self.comma_ok_recv(&rhs[0], true)? {
                vals
            } else if let Some((v, ok)) = self.comma_ok_value(&rhs[0])? {
                vec![(v, rhs[0].pos.clone()), (V::mem(basic_id(Basic::Bool), ok), rhs[0].pos.clone())]
            } else {
                self.rhs_values(rhs, lhs.len(), pos, &[])?
            }
        } else {
            self.rhs_values(rhs, lhs.len(), pos, &[])?
        };
        self.define_values(lhs, vals, pos)
    }

    /// `lhs := vals`, the values already evaluated.
    fn define_values(&mut self, lhs: &[Expr], vals: Vec<(V, Pos)>, pos: &Pos) -> Result<()> {
        let mut idents = vec![];
        for l in lhs {
            let ExprKind::Ident(id) = &l.kind else {
                return err(&l.pos, format!("non-name {} on left side of :=", self.describe_expr(l)));
            };
            idents.push(id.clone());
        }
        let any_new = idents.iter().any(|i| i.name != "_" && !self.fb().declared_here(&i.name));
        if !any_new {
            return err(pos, "no new variables on left side of :=");
        }
        // Values first (into temporaries when several), then declarations.
        let mut conv = vec![];
        for (id, (v, p)) in idents.iter().zip(vals) {
            if self.is_untyped_nil(&v) {
                if !(id.name != "_" && self.fb().declared_here(&id.name)) {
                    return err(&p, "use of untyped nil in assignment");
                }
            }
            let t = if id.name != "_" && self.fb().declared_here(&id.name) {
                match self.fb().lookup(&id.name) {
                    Some(Local::Var { ty, .. }) => *ty,
                    Some(Local::Invalid) => return Err(Diag::reported()),
                    _ => return err(&id.pos, format!("cannot assign to {}", id.name)),
                }
            } else {
                self.default_type(v.ty, &p)?
            };
            let v = self.convert_to(v, t, &p, "assignment")?;
            let v = if idents.len() > 1 && matches!(v.kind, VK::Mem { .. }) {
                let a = self.temp(t);
                self.store(&a, &v, t);
                V::mem(t, a)
            } else {
                v
            };
            conv.push((v, t));
        }
        let mut seen = HashSet::new();
        for (id, (v, t)) in idents.iter().zip(conv) {
            if id.name == "_" {
                continue;
            }
            if !seen.insert(id.name.clone()) {
                return err(&id.pos, format!("{} repeated on left side of :=", id.name));
            }
            let var = if self.fb().declared_here(&id.name) {
                match self.fb().lookup(&id.name) {
                    Some(Local::Var { var, .. }) => *var,
                    _ => unreachable!(),
                }
            } else {
                let var = self.declare_local(id, t);
                var
            };
            self.store(&var.addr(), &v, t);
        }
        Ok(())
    }

    fn op_assign(&mut self, l: &Expr, op: ast::BinaryOp, r: &Expr, pos: &Pos) -> Result<()> {
        if let Some(mt) = self.map_target(l)? {
            // `m[k] op= r` is `m[k] = m[k] op r` with `m` and `k` evaluated once.
            let cur = self.map_target_read(&mt);
            let VK::Mem { addr, .. } = cur.kind else { unreachable!("a map element copy is in memory") };
            let result = self.binary_with_lhs(op, LValue { addr, ty: mt.elem_t }, r, pos, l)?;
            let result = self.convert_to(result, mt.elem_t, pos, "assignment")?;
            self.map_store(&mt, &result);
            return Ok(());
        }
        let lv = self.value(l)?;
        let VK::Mem { addr, addressable: true } = lv.kind.clone() else {
            return err(&l.pos, self.cannot_assign(l));
        };
        // A right operand that may change what `l` names (a closure that
        // shares `p` of `*p op= r`, a callee given its address) is
        // evaluated first: `l` is then read and written through the same
        // address, as gc does.
        let evaluated;
        let r = if self.may_write(r) {
            // (An untyped shift takes the left operand's type, as in `l op r`.)
            let shift = matches!(op, ast::BinaryOp::Shl | ast::BinaryOp::Shr);
            let v = self.expr(r, if shift { None } else { Some(lv.ty) })?;
            let v = self.single(v, r)?;
            let v = if self.types.is_untyped(v.ty) && !shift { self.convert_to(v, lv.ty, &r.pos, "operand")? } else { v };
            let a = self.to_addr(&v);
            evaluated = self.synthetic_local(&a, v.ty, "$rhs", &r.pos);
            &evaluated
        } else {
            r
        };
        // Evaluate `l op r` with `l` read once through its address.
        let placeholder = LValue { addr: addr.clone(), ty: lv.ty };
        let result = self.binary_with_lhs(op, placeholder, r, pos, l)?;
        let result = self.convert_to(result, lv.ty, pos, "assignment")?;
        self.store(&addr, &result, lv.ty);
        Ok(())
    }

    /// `lhs op r` where the left operand is already in memory.
    fn binary_with_lhs(&mut self, op: ast::BinaryOp, lhs: LValue, r: &Expr, pos: &Pos, le: &Expr) -> Result<V> {
        // Bind the left value to a synthetic local so the generic binary
        // lowering can read it by name.
        let name = format!("$lhs{}", self.new_var_id());
        let slot_addr = lhs.addr.clone();
        let var = match slot_addr {
            Addr::Slot(s, 0) => VarRef::Slot(s),
            Addr::Deref(s, 0) => VarRef::Heap(s),
            other => {
                let p = self.slot_addr_of(&other);
                self.fb().emit(Inst::AddrOf { dst: Addr::Slot(p, 0), src: other });
                VarRef::Heap(p)
            }
        };
        let id = self.new_var_id();
        self.fb().declare(&name, Local::Var { id, var, ty: lhs.ty });
        let x = Expr { id: ast::SYNTHETIC, pos: le.pos.clone(), kind: ExprKind::Ident(ast::Ident { name, pos: le.pos.clone(), id: ast::SYNTHETIC }) };
        let e = Expr { id: ast::SYNTHETIC, pos: pos.clone(), kind: ExprKind::Binary { op, x: Box::new(x), y: Box::new(r.clone()) } };
        self.value(&e)
    }

    fn switch(&mut self, init: Option<&Stmt>, tag: Option<&Expr>, clauses: &[ast::CaseClause], label: Option<&str>) -> Result<()> {
        if let Some(i) = init {
            self.stmt(i)?;
        }
        let tagv = match tag {
            Some(t) => {
                // The tag is only compared: `switch string(b)` may read b's
                // bytes in place when no case expression can change them.
                let v = if clauses.iter().all(|c| c.exprs.iter().all(|e| !self.may_write(e))) {
                    let v = self.string_view_expr(t, None)?;
                    let v = self.single(v, t)?;
                    self.typed(v, t)?
                } else {
                    self.typed_value(t)?
                };
                // (Slices, maps and funcs compare to nil.)
                if !self.types.comparable(v.ty) && !matches!(self.types.under(v.ty), Ty::Slice(_) | Ty::Map(..) | Ty::Func(_)) {
                    return err(&t.pos, format!("cannot switch on {} (variable of type {})", self.describe_expr(t), self.types.name(v.ty)));
                }
                let a = self.temp(v.ty);
                self.store(&a, &v, v.ty);
                Some(V { ty: v.ty, kind: VK::Mem { addr: a, addressable: false } })
            }
            None => None,
        };
        let end = self.fb().label();
        let body_labels: Vec<_> = clauses.iter().map(|_| self.fb().label()).collect();
        let mut default = None;
        if let Err(d) = check_defaults(clauses) {
            self.report(d)?;
        }
        // Constant cases so far, to find duplicates.
        let mut seen: Vec<(TypeId, super::constant::Const)> = vec![];
        for (ci, c) in clauses.iter().enumerate() {
            if c.is_default {
                default = Some(body_labels[ci]);
                continue;
            }
            for e in &c.exprs {
                let matched = match &tagv {
                    Some(tv) => {
                        let ev = self.value(e)?;
                        if self.is_untyped_nil(&ev) {
                            // `case nil` for slices, maps, funcs, pointers, interfaces.
                            let d = Addr::Slot(self.fb().slot_scalar(1, 1), 0);
                            let ta = self.to_addr(tv);
                            self.fb().emit(Inst::Bin { op: BinOp::Eq, ty: Scalar::U64, dst: d.clone(), a: Operand::Mem(ta), b: Operand::Imm(0) });
                            self.fb().emit(Inst::JumpIf { cond: Operand::Mem(d), target: body_labels[ci] });
                            continue;
                        }
                        // In a switch on an interface, a constant case keeps its
                        // (default) type: the key of duplicates.
                        let before = match &ev.kind {
                            VK::Const(c) => Some((self.default_type(ev.ty, &e.pos)?, c.clone())),
                            _ => None,
                        };
                        let (x, y) = self.switch_operands(tv.clone(), ev, &e.pos, tag, e)?;
                        let key = match (&y.kind, before) {
                            (VK::Const(cv), _) => Some((y.ty, cv.clone())),
                            (_, b) => b,
                        };
                        if let Some((kt, cv)) = &key {
                            let (kt, cv) = (*kt, cv);
                            // (Allowed in generic code: `case T(0), 0:`.)
                            if seen.iter().any(|(t, c)| *t == kt && c == cv) && self.generics.bind.is_empty() {
                                let (text, val) = (self.describe_expr(e), cv.describe());
                                let what = if text == val { String::new() } else { format!(" {val}") };
                                let msg = format!("duplicate case {text} (constant{what} of type {}) in expression switch", self.types.name(kt));
                                self.report(Diag::new(&e.pos, msg))?;
                            } else {
                                seen.push((kt, cv.clone()));
                            }
                        }
                        let d = Addr::Slot(self.fb().slot_scalar(1, 1), 0);
                        let t = x.ty;
                        if !self.types.comparable(t) {
                            return err(&e.pos, format!("invalid case {} in switch (can only compare slice, map or func to nil)", self.describe_expr(e)));
                        }
                        self.equal(&x, &y, t, &d);
                        Operand::Mem(d)
                    }
                    // A switch without a tag compares with `true`: an
                    // interface case holds when it holds a true bool.
                    None if self.value_type(e).is_some_and(|t| self.types.is_interface(t)) => {
                        let iv = self.value(e)?;
                        let bt = self.bool_t();
                        let tv = self.convert_to(V { ty: bt, kind: VK::Const(super::constant::Const::Bool(true)) }, iv.ty, &e.pos, "comparison")?;
                        let d = Addr::Slot(self.fb().slot_scalar(1, 1), 0);
                        self.equal(&iv, &tv, iv.ty, &d);
                        Operand::Mem(d)
                    }
                    None => self.cond(e, "if")?,
                };
                self.fb().emit(Inst::JumpIf { cond: matched, target: body_labels[ci] });
            }
        }
        self.fb().emit(Inst::Jump(default.unwrap_or(end)));
        for (ci, c) in clauses.iter().enumerate() {
            self.fb().bind(body_labels[ci]);
            let saved = self.fb().fallthrough.take();
            // Only the clause's last statement may be `fallthrough`; trailing
            // empty statements do not count (as in gc). Any other is out of
            // place: the target is set for that one statement only.
            let n = c.body.iter().rposition(|s| !matches!(s.kind, StmtKind::Empty)).map_or(0, |i| i + 1);
            let falls = c.body[..n].last().is_some_and(is_fallthrough);
            if falls && ci + 1 == clauses.len() {
                return err(&c.body[n - 1].pos, "cannot fallthrough final case in switch");
            }
            self.fb().loops.push(LoopCtx { label: label.map(String::from), brk: end, cont: None });
            self.fb().push_scope();
            self.collect_labels(&c.body);
            let r = self.block_stmts(&c.body[..n - usize::from(falls)]).and_then(|()| {
                if falls {
                    self.fb().fallthrough = Some(body_labels[ci + 1]);
                }
                self.block_stmts(&c.body[n - usize::from(falls)..])
            });
            self.fb().pop_scope();
            self.fb().loops.pop();
            self.fb().fallthrough = saved;
            r?;
            self.fb().emit(Inst::Jump(end));
        }
        self.fb().bind(end);
        Ok(())
    }

    fn switch_operands(&mut self, tag: V, e: V, pos: &Pos, te: Option<&Expr>, ee: &Expr) -> Result<(V, V)> {
        let t = tag.ty;
        // A case compares with `==`: neither side may be a slice, map, func
        // or a struct or array holding one (only `nil` compares with those).
        for c in [e.ty, t] {
            if self.types.comparable(c) || self.types.is_untyped(c) {
                continue;
            }
            let what = match self.types.under(c) {
                Ty::Slice(_) => "slice can only be compared to nil".to_string(),
                Ty::Map(..) => "map can only be compared to nil".to_string(),
                Ty::Func(_) => "func can only be compared to nil".to_string(),
                _ => format!("{} cannot be compared", self.types.name(c)),
            };
            let on = te.map(|te| format!(" on {}", self.describe_expr(te))).unwrap_or_default();
            return err(pos, format!("invalid case {} in switch{on} ({what})", self.describe_expr(ee)));
        }
        if self.types.is_interface(t) && !self.types.is_interface(e.ty) && !self.types.is_untyped(e.ty) {
            let e = self.convert_to(e, t, pos, "switch case")?;
            return Ok((tag, e));
        }
        if self.types.is_interface(e.ty) && !self.types.is_interface(t) {
            let tag = self.convert_to(tag, e.ty, pos, "switch case")?;
            return Ok((tag, e));
        }
        let e = self.convert_to(e, t, pos, "switch case").map_err(|_| {
            Diag::new(pos, format!("invalid case in switch (mismatched types {} and {})", self.types.name(t), self.types.name(t)))
        })?;
        Ok((tag, e))
    }

    fn type_switch(&mut self, init: Option<&Stmt>, bind: Option<&ast::Ident>, x: &Expr, clauses: &[ast::CaseClause], label: Option<&str>) -> Result<()> {
        if let Some(i) = init {
            self.stmt(i)?;
        }
        let xv = self.value(x)?;
        if !self.types.is_interface(xv.ty) {
            return err(&x.pos, format!("{} (variable of type {}) is not an interface", self.describe_expr(x), self.types.name(xv.ty)));
        }
        if let Err(d) = check_defaults(clauses) {
            self.report(d)?;
        }
        let it = xv.ty;
        let xa = self.temp(it);
        self.store(&xa, &xv, it);
        let end = self.fb().label();
        let body_labels: Vec<_> = clauses.iter().map(|_| self.fb().label()).collect();
        let mut default = None;
        // Resolve each clause's types (None = nil).
        let mut clause_types: Vec<Vec<Option<TypeId>>> = vec![];
        let mut seen: Vec<(Option<TypeId>, &Pos)> = vec![];
        for c in clauses {
            let mut ts = vec![];
            for e in &c.exprs {
                let t = match &e.kind {
                    ExprKind::Ident(id) if id.name == "nil" && matches!(self.lookup(&id.name, &id.pos)?, super::expr::Named::Nil) => None,
                    _ => Some(self.resolve_type(e)?),
                };
                match seen.iter().find(|(s, _)| *s == t) {
                    Some((None, first)) => {
                        self.report(Diag::new(&e.pos, format!("multiple nil cases in type switch (first at {first})")))?;
                    }
                    // (Allowed in generic code, where a type parameter's
                    // case may be another's type: the first one matches.)
                    Some(_) if !self.generics.bind.is_empty() => {}
                    Some(_) => {
                        self.report(Diag::new(&e.pos, format!("duplicate case {} in type switch", self.describe_expr(e))))?;
                    }
                    None => seen.push((t, &e.pos)),
                }
                ts.push(t);
            }
            clause_types.push(ts);
        }
        for (ci, c) in clauses.iter().enumerate() {
            if c.is_default {
                default = Some(body_labels[ci]);
                continue;
            }
            for (ti, t) in clause_types[ci].iter().enumerate() {
                let ok = Addr::Slot(self.fb().slot_scalar(1, 1), 0);
                match t {
                    None => {
                        self.fb().emit(Inst::Bin { op: BinOp::Eq, ty: Scalar::U64, dst: ok.clone(), a: Operand::Mem(xa.clone()), b: Operand::Imm(0) });
                    }
                    Some(t) => self.assert_into(&xa, it, *t, &ok, None, &c.exprs[ti].pos)?,
                }
                self.fb().emit(Inst::JumpIf { cond: Operand::Mem(ok), target: body_labels[ci] });
            }
        }
        self.fb().emit(Inst::Jump(default.unwrap_or(end)));
        self.type_switch_bodies(clauses, bind, &clause_types, &body_labels, &xa, it, end, label)?;
        self.fb().bind(end);
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn type_switch_bodies(
        &mut self,
        clauses: &[ast::CaseClause],
        bind: Option<&ast::Ident>,
        clause_types: &[Vec<Option<TypeId>>],
        body_labels: &[ir::Label],
        xa: &Addr,
        it: TypeId,
        end: ir::Label,
        label: Option<&str>,
    ) -> Result<()> {
        let xa = xa.clone();
        for (ci, c) in clauses.iter().enumerate() {
            self.fb().bind(body_labels[ci]);
            self.fb().push_scope();
            if let Some(b) = bind {
                let single = match clause_types[ci].as_slice() {
                    [Some(t)] => Some(*t),
                    _ => None,
                };
                // Each clause's variable is an object of its own.
                let obj = self.pkg_facts().and_then(|f| f.info.implicits.get(b.id)).and_then(|objs| objs.get(ci)).copied();
                match single {
                    Some(t) => {
                        let var = self.declare_var_obj(&b.name, obj, t);
                        let ok = Addr::Slot(self.fb().slot_scalar(1, 1), 0);
                        let dst = var.addr();
                        self.assert_into(&xa, it, t, &ok, Some(&dst), &b.pos)?;
                    }
                    None => {
                        let var = self.declare_var_obj(&b.name, obj, it);
                        self.copy(&var.addr(), &xa, it);
                    }
                }
            }
            self.fb().loops.push(LoopCtx { label: label.map(String::from), brk: end, cont: None });
            self.collect_labels(&c.body);
            let r = self.block_stmts(&c.body);
            self.fb().loops.pop();
            self.fb().pop_scope();
            r?;
            self.fb().emit(Inst::Jump(end));
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn range(&mut self, key: Option<&Expr>, value: Option<&Expr>, define: bool, x: &Expr, body: &ast::Block, label: Option<&str>, pos: &Pos) -> Result<()> {
        // `range []byte(s)`: the string's bytes, not a copy of them, as gc
        // ranges over them (no one can change the unnamed slice meanwhile).
        let string_bytes = self.bytes_of_string(x)?;
        // The ranged variable, before the iteration variables may shadow it.
        let x_var = self.plain_local(x);
        let xv = self.value(string_bytes.map_or(x, |(s, _)| s))?;
        let int_t = self.int_t();
        let ut = match string_bytes {
            Some((_, bytes)) => self.types.under(bytes).clone(),
            None => self.types.under(xv.ty).clone(),
        };
        let (kt, vt, is_str) = match &ut {
            Ty::Slice(e) => (int_t, *e, false),
            Ty::Array(e, _) => (int_t, *e, false),
            Ty::Pointer(p) if matches!(self.types.under(*p), Ty::Array(..)) => {
                let Ty::Array(e, _) = self.types.under(*p).clone() else { unreachable!() };
                (int_t, e, false)
            }
            Ty::Basic(b) if b.is_string() => (int_t, basic_id(Basic::Int32), true),
            Ty::Map(k, v) => (*k, *v, false),
            Ty::Chan(..) => return self.range_chan(key, value, define, x, body, label, pos),
            _ => return err(&x.pos, format!("cannot range over {} (variable of type {})", self.describe_expr(x), self.types.name(xv.ty))),
        };
        if let Ty::Map(..) = ut {
            return self.range_map(key, value, define, &xv, (kt, vt), body, label, pos);
        }
        // The ranged value, evaluated once.
        let (base, len): (Addr, Operand) = match &ut {
            // The string's pointer and length stand for the slice's.
            Ty::Slice(_) if string_bytes.is_some() => {
                let st = basic_id(Basic::String);
                let xv2 = if self.types.is_untyped(xv.ty) { self.convert_to(xv.clone(), st, pos, "range")? } else { xv.clone() };
                let a = self.temp(st);
                self.store(&a, &xv2, st);
                (a.clone(), Operand::Mem(a.offset(8)))
            }
            Ty::Slice(_) => {
                let a = self.temp(xv.ty);
                self.store(&a, &xv, xv.ty);
                (a.clone(), Operand::Mem(a.offset(8)))
            }
            Ty::Array(_, n) => {
                let a = if value.is_some() {
                    // gc copies the array into its frame, however large.
                    if !value.is_some_and(|v| matches!(&v.kind, ExprKind::Ident(i) if i.name == "_")) {
                        let n = self.types.size(xv.ty);
                        self.fb().gc_locals += n;
                    }
                    let a = self.temp(xv.ty);
                    self.store(&a, &xv, xv.ty);
                    a
                } else {
                    self.to_addr(&xv)
                };
                (a, Operand::Imm(*n as i64))
            }
            Ty::Pointer(p) => {
                let Ty::Array(_, n) = self.types.under(*p).clone() else { unreachable!() };
                let a = self.temp(xv.ty);
                self.store(&a, &xv, xv.ty);
                (a, Operand::Imm(n as i64))
            }
            _ => {
                let st = basic_id(Basic::String);
                let xv2 = if self.types.is_untyped(xv.ty) { self.convert_to(xv.clone(), st, pos, "range")? } else { xv.clone() };
                let a = self.temp(st);
                self.store(&a, &xv2, st);
                (a.clone(), Operand::Mem(a.offset(8)))
            }
        };
        // Iteration variables (declared once, as in Go 1.19).
        let mut targets: Vec<Option<(Addr, TypeId)>> = vec![];
        for (e, t) in [(key, kt), (value, vt)] {
            let Some(e) = e else {
                targets.push(None);
                continue;
            };
            if define {
                let ExprKind::Ident(id) = &e.kind else { return err(&e.pos, "non-name on left side of :=") };
                if id.name == "_" {
                    targets.push(None);
                    continue;
                }
                let var = self.declare_local(id, t);
                targets.push(Some((var.addr(), t)));
            } else {
                // Assigned targets are evaluated on every iteration (below).
                targets.push(None);
            }
        }
        let i = Addr::Slot(self.fb().slot_scalar(8, 8), 0);
        let next = Addr::Slot(self.fb().slot_scalar(8, 8), 0);
        let rune = Addr::Slot(self.fb().slot_scalar(8, 8), 0);
        self.fb().emit(Inst::Move { ty: Scalar::I64, dst: i.clone(), src: Operand::Imm(0) });
        let top = self.fb().label();
        let cont = self.fb().label();
        let brk = self.fb().label();
        self.fb().bind(top);
        let c = Addr::Slot(self.fb().slot_scalar(1, 1), 0);
        self.fb().emit(Inst::Bin { op: BinOp::Lt, ty: Scalar::I64, dst: c.clone(), a: Operand::Mem(i.clone()), b: len.clone() });
        self.fb().emit(Inst::JumpIfNot { cond: Operand::Mem(c), target: brk });
        if is_str {
            self.fb().emit(Inst::CallRuntime {
                func: rt::DECODE_RUNE,
                args: vec![(Scalar::U64, Operand::Mem(base.clone())), (Scalar::I64, Operand::Mem(base.offset(8))), (Scalar::I64, Operand::Mem(i.clone()))],
                rets: vec![(Scalar::I64, rune.clone()), (Scalar::I64, next.clone())],
            });
        }
        let mut map_targets: [Option<super::maps::MapTarget>; 2] = [None, None];
        if !define {
            for (slot, e) in [key, value].into_iter().enumerate() {
                let Some(e) = e else { continue };
                if let ExprKind::Ident(id) = &e.kind {
                    if id.name == "_" {
                        continue;
                    }
                }
                if let Some(mt) = self.map_target(e)? {
                    map_targets[slot] = Some(mt);
                    continue;
                }
                let v = self.value(e)?;
                let VK::Mem { addr, addressable: true } = v.kind else { return err(&e.pos, format!("cannot assign to {}", self.describe_expr(e))) };
                targets[slot] = Some((addr, v.ty));
            }
        }
        if let Some(mt) = &map_targets[0] {
            let kv = self.convert_to(V::mem(int_t, i.clone()), mt.elem_t, pos, "range")?;
            self.map_store(mt, &kv);
        }
        if let Some((ka, kt2)) = &targets[0] {
            let kv = V::mem(int_t, i.clone());
            let kv = self.convert_to(kv, *kt2, pos, "range")?;
            self.store(ka, &kv, *kt2);
        }
        if targets[1].is_some() || map_targets[1].is_some() {
            let ev = if is_str {
                V::mem(basic_id(Basic::Int32), rune.clone())
            } else {
                let (ptr, es) = match &ut {
                    Ty::Slice(_) | Ty::Pointer(_) => (Operand::Mem(base.clone()), self.types.size(vt)),
                    _ => {
                        let p = Addr::Slot(self.slot_addr_of(&base), 0);
                        self.fb().emit(Inst::AddrOf { dst: p.clone(), src: base.clone() });
                        (Operand::Mem(p), self.types.size(vt))
                    }
                };
                let p = self.slot_derived(&ptr);
                self.fb().emit(Inst::Bin { op: BinOp::Mul, ty: Scalar::I64, dst: Addr::Slot(p, 0), a: Operand::Mem(i.clone()), b: Operand::Imm(es as i64) });
                self.fb().emit(Inst::Bin { op: BinOp::Add, ty: Scalar::U64, dst: Addr::Slot(p, 0), a: Operand::Mem(Addr::Slot(p, 0)), b: ptr });
                V::mem(vt, Addr::Deref(p, 0))
            };
            if let Some((va, vt2)) = &targets[1] {
                let ev = self.convert_to(ev, *vt2, pos, "range")?;
                self.store(va, &ev, *vt2);
            } else if let Some(mt) = &map_targets[1] {
                let ev = self.convert_to(ev, mt.elem_t, pos, "range")?;
                self.map_store(mt, &ev);
            }
        }
        let proven = if string_bytes.is_none() { self.range_bounds(x_var, key, define, x, body) } else { None };
        self.fb().loops.push(LoopCtx { label: label.map(String::from), brk, cont: Some(cont) });
        self.fb().in_bounds.extend(proven);
        let r = self.block(body);
        if proven.is_some() {
            self.fb().in_bounds.pop();
        }
        self.fb().loops.pop();
        r?;
        self.fb().bind(cont);
        if is_str {
            self.fb().emit(Inst::Move { ty: Scalar::I64, dst: i.clone(), src: Operand::Mem(next) });
        } else {
            self.fb().emit(Inst::Bin { op: BinOp::Add, ty: Scalar::I64, dst: i.clone(), a: Operand::Mem(i.clone()), b: Operand::Imm(1) });
        }
        self.fb().emit(Inst::Jump(top));
        self.fb().bind(brk);
        Ok(())
    }

    /// For `[]byte(s)` (a conversion of a string to a byte slice type): `s`
    /// and the slice type.
    fn bytes_of_string<'e>(&mut self, x: &'e Expr) -> Result<Option<(&'e Expr, TypeId)>> {
        let ExprKind::Call { func, args, ellipsis: false, .. } = &strip_parens(x).kind else { return Ok(None) };
        let [arg] = args.as_slice() else { return Ok(None) };
        if !matches!(self.known(func)?.what, super::facts::What::Type) {
            return Ok(None);
        }
        let to = self.known(func)?.ty;
        let is_bytes = matches!(self.types.under(to), Ty::Slice(e) if matches!(self.types.under(*e), Ty::Basic(Basic::Uint8)));
        let from = self.known(arg)?.ty;
        let is_string = matches!(self.types.under(from), Ty::Basic(b) if b.is_string());
        Ok((is_bytes && is_string).then_some((arg, to)))
    }

    /// `for k, v := range m` (or `=`, or without `v`/`k`).
    #[allow(clippy::too_many_arguments)]
    fn range_map(&mut self, key: Option<&Expr>, value: Option<&Expr>, define: bool, m: &V, (kt, vt): (TypeId, TypeId), body: &ast::Block, label: Option<&str>, pos: &Pos) -> Result<()> {
        let r = self.range_map_begin(m);
        // Iteration variables (declared once, as in Go 1.19); assigned
        // targets are evaluated on every iteration.
        let mut targets: Vec<Option<Target>> = vec![];
        for (e, t) in [(key, kt), (value, vt)] {
            let Some(e) = e.filter(|e| !is_blank(e)) else {
                targets.push(None);
                continue;
            };
            if define {
                let ExprKind::Ident(id) = &e.kind else { return err(&e.pos, "non-name on left side of :=") };
                let var = self.declare_local(id, t);
                targets.push(Some(Target::Mem(var.addr(), t)));
            } else if let Some(mt) = self.map_target(e)? {
                targets.push(Some(Target::Map(mt)));
            } else {
                let v = self.value(e)?;
                let VK::Mem { addr, addressable: true } = v.kind else { return err(&e.pos, format!("cannot assign to {}", self.describe_expr(e))) };
                targets.push(Some(Target::Mem(addr, v.ty)));
            }
        }
        for (i, t) in [kt, vt].into_iter().enumerate() {
            let Some(tg) = &targets[i] else { continue };
            let v = self.range_map_item(&r, i as i32, t);
            let v = self.convert_to(v, tg.ty(), pos, "range")?;
            match tg {
                Target::Mem(a, to) => self.store(a, &v, *to),
                Target::Map(mt) => self.map_store(mt, &v),
                Target::Slice { .. } => unreachable!("range targets are no deferred slice elements"),
            }
        }
        self.fb().loops.push(LoopCtx { label: label.map(String::from), brk: r.brk, cont: Some(r.cont) });
        let res = self.block(body);
        self.fb().loops.pop();
        res?;
        self.range_map_end(&r);
        Ok(())
    }

    // ----- package initialization -----

    /// The current package's `init`: in main, the library packages'
    /// first (in the order they import each other), then its package
    /// variables in dependency order, then its init functions.
    pub(super) fn lower_init(&mut self, inits: &[String]) -> Result<()> {
        // Units: one per var spec (all its names together). A variable
        // without an initializer is a unit too: it counts as initialized
        // only when its turn comes in declaration order.
        let mut units: Vec<(&ast::ValueSpec, Vec<usize>)> = vec![];
        let mut seen_specs: HashSet<*const ast::ValueSpec> = HashSet::new();
        for (i, d) in self.decls.iter().enumerate() {
            if self.decl_pkg[i] != self.cur {
                continue;
            }
            if let PkgDecl::Var { spec, .. } = d {
                if seen_specs.insert(*spec as *const _) {
                    units.push((spec, vec![i]));
                } else if let Some(u) = units.iter_mut().find(|u| std::ptr::eq(u.0, *spec)) {
                    u.1.push(i);
                }
            }
        }
        // The type checker's order, when it checked this package (gc's
        // and go/types' rules, by object: a method `Close` is no use of a
        // variable that a function `Close` of another package initializes).
        if let Some(order) = self.checked_init_order(&units) {
            return self.lower_init_units(&units, order, inits);
        }
        // Dependencies: package variables reachable from each unit's
        // initializer through identifiers and function bodies.
        let deps = self.init_deps(&units);
        let mut done = vec![false; units.len()];
        let mut order = vec![];
        let unit_of_var: HashMap<String, usize> = units
            .iter()
            .enumerate()
            // `_` names nothing: `_ = x` in a function is no use of `var _ = f()`.
            .flat_map(|(ui, (spec, _))| spec.names.iter().filter(|n| n.name != "_").map(move |n| (n.name.clone(), ui)))
            .collect();
        while order.len() < units.len() {
            let next = (0..units.len()).find(|&u| {
                !done[u] && deps[u].iter().all(|v| unit_of_var.get(v).is_none_or(|&d| done[d] && d != u))
            });
            let Some(u) = next else {
                let u = self.cycle_unit(&units, &deps, &unit_of_var, &done);
                let n = &units[u].0.names[0];
                return err(&n.pos, format!("initialization loop for {}", n.name));
            };
            done[u] = true;
            order.push(u);
        }
        self.lower_init_units(&units, order, inits)
    }

    /// The units of `units` in the order the type checker initializes
    /// their variables, if it checked the package and ordered every unit
    /// that has an initializer.
    fn checked_init_order(&self, units: &[(&ast::ValueSpec, Vec<usize>)]) -> Option<Vec<usize>> {
        let info = self.infos.get(self.cur)?.as_ref()?;
        let mut unit_of_obj = HashMap::new();
        for (u, (spec, _)) in units.iter().enumerate() {
            for n in &spec.names {
                if let Some(&obj) = info.defs.get(n.id) {
                    unit_of_obj.insert(obj, u);
                }
            }
        }
        let mut order = vec![];
        let mut placed = vec![false; units.len()];
        for init in &info.init_order {
            let u = *init.lhs.iter().find_map(|o| unit_of_obj.get(o))?;
            if !placed[u] {
                placed[u] = true;
                order.push(u);
            }
        }
        let complete = units.iter().enumerate().all(|(u, (spec, _))| placed[u] || spec.values.is_empty());
        complete.then_some(order)
    }

    /// The package's `init` function: the units' initializers in `order`,
    /// then the init functions `inits`.
    fn lower_init_units(&mut self, units: &[(&ast::ValueSpec, Vec<usize>)], order: Vec<usize>, inits: &[String]) -> Result<()> {
        // `//go:embed` variables: data, no code.
        for (spec, _) in units {
            if let Some(e) = spec.embed.as_deref() {
                self.embed_init(spec, e)?;
            }
        }
        let init_sym = self.sym("init");
        self.init_mutation = false;
        let mut fb = Fb::new(&init_sym);
        fb.closure_prefix = Some(self.sym("glob..func"));
        fb.escaping = HashSet::new();
        self.fns.push(fb);
        let r = (|| {
            for u in order {
                let (spec, _) = units[u];
                if spec.values.is_empty() {
                    continue;
                }
                if let Err(d) = self.init_unit(spec) {
                    self.report(d)?;
                }
            }
            Ok(())
        })();
        let mut fb = self.fns.pop().unwrap();
        r?;
        let void = self.types.func(vec![], vec![], false);
        let abi = self.abi_of(void, None);
        let libs: Vec<String> = if self.in_main() {
            self.packages[..self.cur].iter().map(|p| format!("{}.init", p.path)).collect()
        } else {
            vec![]
        };
        // Library packages' init first: package main imports them all,
        // directly or not, and each comes after those it imports.
        let mut insts: Vec<Inst> =
            libs.iter().map(|s| Inst::Call { callee: ir::Callee::Direct(s.clone()), abi: abi.clone(), args: vec![], results: vec![] }).collect();
        insts.append(&mut fb.body.insts);
        fb.body.insts = insts;
        for s in inits {
            fb.emit(Inst::Call { callee: ir::Callee::Direct(s.clone()), abi: abi.clone(), args: vec![], results: vec![] });
        }
        fb.emit(Inst::Ret);
        self.prog.funcs.push(ir::Func { sym: init_sym, abi, kind: ir::FuncKind::Code(fb.body), pos: None });
        Ok(())
    }

    /// The program's entry `sym`, `rgo.main`: registers the static itabs (when
    /// there are any: else the runtime's itab registry is not linked),
    /// runs package initialization, then `main.main`. A library's,
    /// [`super::LIBINIT`], stops after the initialization.
    pub(super) fn lower_entry(&mut self, sym: &str, has_itabs: bool, typelinks: bool, nglobals: usize) -> Result<()> {
        let void = self.types.func(vec![], vec![], false);
        let abi = self.abi_of(void, None);
        let mut entry = Fb::new(sym);
        // The collector's tables, before anything allocates. The backend
        // emits the function table and counts its records.
        entry.emit(Inst::CallRuntime {
            func: rt::GC_TABLES,
            args: vec![
                (Scalar::U64, Operand::SymAddr(rt::GC_FUNCS_START.into(), 0)),
                (Scalar::U64, Operand::SymAddr(rt::GC_FUNCS_STOP.into(), 0)),
                (Scalar::U64, Operand::SymAddr(rt::GC_GLOBALS.into(), 0)),
                (Scalar::U64, Operand::Imm(nglobals as i64)),
            ],
            rets: vec![],
        });
        if has_itabs {
            entry.emit(Inst::CallRuntime {
                func: rt::ADD_ITABS,
                args: vec![(Scalar::U64, Operand::SymAddr(super::emit::ITABLINKS.into(), 0))],
                rets: vec![],
            });
        }
        if typelinks {
            entry.emit(Inst::CallRuntime {
                func: rt::ADD_TYPELINKS,
                args: vec![(Scalar::U64, Operand::SymAddr(super::emit::TYPELINKS.into(), 0))],
                rets: vec![],
            });
        }
        entry.emit(Inst::Call { callee: ir::Callee::Direct("main.init".into()), abi: abi.clone(), args: vec![], results: vec![] });
        if self.output == super::Output::Program {
            // (Without main, an error is reported: nothing is built.)
            let Some(main_sym) = self.funcs.get("main").map(|f| f.sym.clone()) else { return Ok(()) };
            entry.emit(Inst::Call { callee: ir::Callee::Direct(main_sym), abi: abi.clone(), args: vec![], results: vec![] });
        }
        entry.emit(Inst::Ret);
        self.prog.funcs.push(ir::Func { sym: sym.into(), abi, kind: ir::FuncKind::Code(entry.body), pos: None });
        Ok(())
    }

    /// Initializes the package variables of one spec (in `main.init`), or
    /// gives the one variable of a spec its static value in the program's
    /// data (`staticinit`).
    fn init_unit(&mut self, spec: &ast::ValueSpec) -> Result<()> {
        if let ([n], [value]) = (spec.names.as_slice(), spec.values.as_slice()) {
            if n.name != "_" {
                if let super::expr::Named::Global(sym, t) = self.lookup(&n.name, &n.pos)? {
                    if self.static_init(&sym, t, value)? {
                        return Ok(());
                    }
                    if matches!(self.types.under(t), Ty::Map(..)) && self.pure_initializer(value) {
                        return self.outlined_map_init(spec, &sym);
                    }
                }
            }
        }
        // Code that may call or act can change any variable: no static
        // copy after it (`static_copy`).
        if !spec.values.iter().all(|v| self.pure_initializer(v)) {
            self.init_mutation = true;
        }
        self.init_unit_code(spec)
    }

    /// Initializes map variable `var_sym` (the one of `spec`) in a function
    /// of its own that the package's `init` calls, weakly: dead-code
    /// elimination drops the call, the function and what only it reaches
    /// when nothing else keeps the variable (`ir::Program::weak_inits`), as
    /// gc (Go 1.21) outlines a global map's initialization. unicode's
    /// tables of categories and scripts are the case that matters.
    fn outlined_map_init(&mut self, spec: &ast::ValueSpec, var_sym: &str) -> Result<()> {
        let n = self.map_inits.entry(self.cur).or_default();
        *n += 1;
        let n = *n;
        let sym = self.sym(&format!("init.map.{n}"));
        let mut fb = Fb::new(&sym);
        fb.escaping = HashSet::new();
        self.fns.push(fb);
        let r = self.init_unit_code(spec);
        let mut fb = self.fns.pop().expect("the function pushed above");
        r?;
        fb.emit(Inst::Ret);
        let void = self.types.func(vec![], vec![], false);
        let abi = self.abi_of(void, None);
        self.prog.funcs.push(ir::Func { sym: sym.clone(), abi: abi.clone(), kind: ir::FuncKind::Code(fb.body), pos: None });
        self.prog.noinline.insert(sym.clone());
        self.prog.weak_inits.push((sym.clone(), var_sym.to_string()));
        self.fb().emit(Inst::Call { callee: ir::Callee::Direct(sym), abi, args: vec![], results: vec![] });
        Ok(())
    }

    /// Initializes the package variables of one spec by code.
    fn init_unit_code(&mut self, spec: &ast::ValueSpec) -> Result<()> {
        let mut targets = vec![];
        for n in &spec.names {
            if n.name == "_" {
                targets.push(None);
                continue;
            }
            match self.lookup(&n.name, &n.pos)? {
                super::expr::Named::Global(sym, t) => targets.push(Some((Addr::Global(sym, 0), t))),
                _ => unreachable!("package variable"),
            }
        }
        let hints: Vec<Option<TypeId>> = targets.iter().map(|t| t.as_ref().map(|(_, ty)| *ty)).collect();
        let vals = self.rhs_values(&spec.values, spec.names.len(), &spec.pos, &hints)?;
        // `var _ T = v` still checks that v is assignable to T.
        let blank_t = match &spec.typ {
            Some(te) => Some(self.resolve_type(te)?),
            None => None,
        };
        for (t, (v, p)) in targets.into_iter().zip(vals) {
            if let Some((a, ty)) = t {
                let v = self.convert_to(v, ty, &p, "variable declaration")?;
                self.store(&a, &v, ty);
            } else {
                let v = match blank_t {
                    Some(ty) => self.convert_to(v, ty, &p, "variable declaration")?,
                    None => v,
                };
                self.discard(&v);
            }
        }
        Ok(())
    }

    /// The unit gc reports an initialization loop at: of the units left
    /// (none ready), those with the fewest pending dependencies first, then
    /// in source order, the first that lies on a cycle (others only depend
    /// on one).
    fn cycle_unit(
        &self,
        units: &[(&ast::ValueSpec, Vec<usize>)],
        deps: &[HashSet<String>],
        unit_of_var: &HashMap<String, usize>,
        done: &[bool],
    ) -> usize {
        let pending = |u: usize| -> BTreeSet<usize> {
            deps[u].iter().filter_map(|v| unit_of_var.get(v).copied()).filter(|&d| !done[d]).collect()
        };
        let mut left: Vec<usize> = (0..units.len()).filter(|&u| !done[u]).collect();
        left.sort_by_key(|&u| pending(u).len());
        let on_cycle = |u: usize| {
            let mut seen = HashSet::new();
            let mut stack: Vec<usize> = pending(u).into_iter().collect();
            while let Some(d) = stack.pop() {
                if d == u {
                    return true;
                }
                if seen.insert(d) {
                    stack.extend(pending(d));
                }
            }
            false
        };
        left.iter().copied().find(|&u| on_cycle(u)).unwrap_or(left[0])
    }

    fn init_deps(&self, units: &[(&ast::ValueSpec, Vec<usize>)]) -> Vec<HashSet<String>> {
        // Identifiers used by each top-level function and method (by name).
        let mut func_refs: HashMap<String, HashSet<String>> = HashMap::new();
        let mut method_refs: HashMap<String, HashSet<String>> = HashMap::new();
        for f in &self.files[self.pkg().files.clone()] {
            for d in &f.decls {
                if let ast::Decl::Func(fd) = d {
                    let mut s = HashSet::new();
                    if let Some(b) = &fd.body {
                        idents_block(b, &mut s);
                    }
                    // Parameters, results and the receiver shadow package
                    // variables of their names in the whole body.
                    for p in fd.recv.iter().chain(&fd.sig.params).chain(&fd.sig.results) {
                        for n in &p.names {
                            s.remove(&n.name);
                        }
                    }
                    if fd.recv.is_some() {
                        method_refs.entry(format!("${}", fd.name.name)).or_default().extend(s);
                    } else {
                        func_refs.insert(fd.name.name.clone(), s);
                    }
                }
            }
        }
        units
            .iter()
            .map(|(spec, _)| {
                let mut names = HashSet::new();
                for v in &spec.values {
                    idents_expr(v, &mut names);
                }
                // Transitive closure through functions and methods.
                let mut stack: Vec<String> = names.iter().cloned().collect();
                let mut visited = HashSet::new();
                while let Some(n) = stack.pop() {
                    if !visited.insert(n.clone()) {
                        continue;
                    }
                    for m in [func_refs.get(&n), method_refs.get(&n)].into_iter().flatten() {
                        for x in m {
                            if !visited.contains(x) {
                                stack.push(x.clone());
                            }
                        }
                    }
                }
                visited
            })
            .collect()
    }
}

/// A target of an assignment.
enum Target {
    /// A variable or other addressable location, of the type.
    Mem(Addr, TypeId),
    /// A map element `m[k]`.
    Map(super::maps::MapTarget),
    /// A slice element, bounds-checked when stored (unless a loop proved
    /// it in bounds: `check/bounds.rs`): the slot with the slice's pointer
    /// and length, the slot with the index.
    Slice { hdr: SlotId, idx: SlotId, elem: TypeId, proven: bool },
}

impl Target {
    fn ty(&self) -> TypeId {
        match self {
            Target::Mem(_, t) => *t,
            Target::Map(m) => m.elem_t,
            Target::Slice { elem, .. } => *elem,
        }
    }
}

/// The left value of an `op=` assignment.
struct LValue {
    addr: Addr,
    ty: TypeId,
}

fn idents_block(b: &ast::Block, out: &mut HashSet<String>) {
    // Reuse the escape walker's shape: every identifier and selector name.
    for s in &b.stmts {
        idents_stmt(s, out);
    }
}

fn idents_stmt(s: &Stmt, out: &mut HashSet<String>) {
    crate::stack::grow(|| idents_stmt_inner(s, out))
}

fn idents_stmt_inner(s: &Stmt, out: &mut HashSet<String>) {
    let mut es: Vec<&Expr> = vec![];
    let mut blocks: Vec<&ast::Block> = vec![];
    let mut stmts: Vec<&Stmt> = vec![];
    match &s.kind {
        StmtKind::Expr(e) | StmtKind::Go(e) | StmtKind::Defer(e) => es.push(e),
        StmtKind::Decl(ast::GenDecl::Var(specs)) => specs.iter().for_each(|sp| es.extend(sp.values.iter())),
        StmtKind::Decl(ast::GenDecl::Const(specs)) => specs.iter().for_each(|sp| es.extend(sp.values.iter())),
        StmtKind::Decl(_) | StmtKind::Empty | StmtKind::Branch { .. } => {}
        StmtKind::Assign { lhs, rhs, .. } => es.extend(lhs.iter().chain(rhs)),
        StmtKind::IncDec { x, .. } => es.push(x),
        StmtKind::Send { ch, value } => es.extend([ch, value]),
        StmtKind::Return(v) => es.extend(v.iter()),
        StmtKind::Block(b) => blocks.push(b),
        StmtKind::If { init, cond, then, els } => {
            stmts.extend(init.iter().map(|b| &**b));
            es.push(cond);
            blocks.push(then);
            stmts.extend(els.iter().map(|b| &**b));
        }
        StmtKind::For { init, cond, post, body } => {
            stmts.extend(init.iter().map(|b| &**b));
            es.extend(cond.iter());
            stmts.extend(post.iter().map(|b| &**b));
            blocks.push(body);
        }
        StmtKind::Range { key, value, x, body, .. } => {
            es.extend(key.iter().chain(value.iter()));
            es.push(x);
            blocks.push(body);
        }
        StmtKind::Switch { init, tag, clauses } => {
            stmts.extend(init.iter().map(|b| &**b));
            es.extend(tag.iter());
            for c in clauses {
                es.extend(c.exprs.iter());
                stmts.extend(c.body.iter());
            }
        }
        StmtKind::TypeSwitch { init, x, clauses, .. } => {
            stmts.extend(init.iter().map(|b| &**b));
            es.push(x);
            for c in clauses {
                stmts.extend(c.body.iter());
            }
        }
        StmtKind::Select(cs) => {
            for c in cs {
                stmts.extend(c.comm.iter().map(|b| &**b));
                stmts.extend(c.body.iter());
            }
        }
        StmtKind::Labeled { stmt, .. } => stmts.push(stmt),
    }
    for e in es {
        idents_expr(e, out);
    }
    for b in blocks {
        idents_block(b, out);
    }
    for s in stmts {
        idents_stmt(s, out);
    }
}

/// Whether `s` is a `fallthrough` statement, labeled or not (`L:
/// fallthrough` may end a clause too: bug495).
fn is_fallthrough(s: &Stmt) -> bool {
    match &s.kind {
        StmtKind::Branch { kind: BranchKind::Fallthrough, .. } => true,
        StmtKind::Labeled { stmt, .. } => is_fallthrough(stmt),
        _ => false,
    }
}

pub(super) fn idents_expr(e: &Expr, out: &mut HashSet<String>) {
    crate::stack::grow(|| idents_expr_inner(e, out))
}

fn idents_expr_inner(e: &Expr, out: &mut HashSet<String>) {
    match &e.kind {
        ExprKind::Ident(i) => {
            out.insert(i.name.clone());
        }
        ExprKind::Selector { x, sel } => {
            // `$M`: a field or method name, never a variable (`V.F` does not
            // use a package variable F: bug482); `init_deps` follows it to
            // the methods of that name.
            out.insert(format!("${}", sel.name));
            idents_expr(x, out);
        }
        ExprKind::FuncLit { sig, body } => {
            // Names the literal declares (parameters, results, `:=`, `var`)
            // are its own, not package variables: `var c = func() T { c :=
            // ...; return c }()` does not depend on itself (test/const4.go).
            // As for top-level functions, a declaration shadows the name in
            // the whole body.
            let mut inner = HashSet::new();
            idents_block(body, &mut inner);
            let mut declared: HashSet<&str> = sig.params.iter().chain(&sig.results).flat_map(|p| p.names.iter().map(|n| n.name.as_str())).collect();
            locals_block(body, &mut declared);
            out.extend(inner.into_iter().filter(|n| !declared.contains(n.as_str())));
        }
        ExprKind::Composite { typ, elems, .. } => {
            if let Some(t) = typ {
                idents_expr(t, out);
            }
            for el in elems {
                // A bare name as key is a struct field or (arrays, slices) a
                // constant, never a variable: `S{F: 1}` does not use a
                // package variable F (bug482). (Map keys could be, but rgo
                // has no maps.)
                if let Some(k) = el.key.as_ref().filter(|k| !matches!(k.kind, ExprKind::Ident(_))) {
                    idents_expr(k, out);
                }
                idents_expr(&el.value, out);
            }
        }
        ExprKind::Paren(x) | ExprKind::Star(x) | ExprKind::Unary { x, .. } => idents_expr(x, out),
        ExprKind::Index { x, index, .. } => {
            idents_expr(x, out);
            idents_expr(index, out);
        }
        ExprKind::Slice { x, lo, hi, max, .. } => {
            idents_expr(x, out);
            for p in [lo, hi, max].into_iter().flatten() {
                idents_expr(p, out);
            }
        }
        ExprKind::TypeAssert { x, .. } => idents_expr(x, out),
        ExprKind::Call { func, args, .. } => {
            idents_expr(func, out);
            for a in args {
                idents_expr(a, out);
            }
        }
        ExprKind::Binary { x, y, .. } => {
            idents_expr(x, out);
            idents_expr(y, out);
        }
        _ => {}
    }
}

/// The names `b` declares anywhere inside it, func literals excepted.
fn locals_block<'a>(b: &'a ast::Block, out: &mut HashSet<&'a str>) {
    for s in &b.stmts {
        locals_stmt(s, out);
    }
}

fn locals_stmt<'a>(s: &'a Stmt, out: &mut HashSet<&'a str>) {
    match &s.kind {
        StmtKind::Assign { lhs, op: AssignOp::Define, .. } => {
            out.extend(lhs.iter().filter_map(|e| match &e.kind {
                ExprKind::Ident(i) => Some(i.name.as_str()),
                _ => None,
            }))
        }
        StmtKind::Range { key, value, define: true, body, .. } => {
            out.extend(key.iter().chain(value.iter()).filter_map(|e| match &e.kind {
                ExprKind::Ident(i) => Some(i.name.as_str()),
                _ => None,
            }));
            locals_block(body, out);
        }
        StmtKind::Decl(ast::GenDecl::Var(specs)) => out.extend(specs.iter().flat_map(|sp| sp.names.iter().map(|n| n.name.as_str()))),
        StmtKind::Decl(ast::GenDecl::Const(specs)) => out.extend(specs.iter().flat_map(|sp| sp.names.iter().map(|n| n.name.as_str()))),
        StmtKind::Block(b) | StmtKind::Range { body: b, .. } => locals_block(b, out),
        StmtKind::If { init, then, els, .. } => {
            init.iter().for_each(|i| locals_stmt(i, out));
            locals_block(then, out);
            els.iter().for_each(|e| locals_stmt(e, out));
        }
        StmtKind::For { init, body, .. } => {
            init.iter().for_each(|i| locals_stmt(i, out));
            locals_block(body, out);
        }
        StmtKind::Switch { init, clauses, .. } => {
            init.iter().for_each(|i| locals_stmt(i, out));
            clauses.iter().flat_map(|c| &c.body).for_each(|s| locals_stmt(s, out));
        }
        StmtKind::TypeSwitch { init, bind, clauses, .. } => {
            init.iter().for_each(|i| locals_stmt(i, out));
            out.extend(bind.iter().map(|b| b.name.as_str()));
            clauses.iter().flat_map(|c| &c.body).for_each(|s| locals_stmt(s, out));
        }
        StmtKind::Select(cs) => cs.iter().for_each(|c| {
            c.comm.iter().for_each(|s| locals_stmt(s, out));
            c.body.iter().for_each(|s| locals_stmt(s, out));
        }),
        StmtKind::Labeled { stmt, .. } => locals_stmt(stmt, out),
        _ => {}
    }
}

/// A second `default` clause is an error at that clause.
fn check_defaults(clauses: &[ast::CaseClause]) -> Result<()> {
    match clauses.iter().filter(|c| c.is_default).nth(1) {
        Some(c) => err(&c.pos, format!("multiple defaults (first at {})", clauses.iter().find(|c| c.is_default).unwrap().pos)),
        None => Ok(()),
    }
}

/// Whether a function body contains a `defer` (not counting func literals).
fn has_defer(stmts: &[Stmt]) -> bool {
    stmts.iter().any(|s| match &s.kind {
        StmtKind::Defer(_) => true,
        StmtKind::Block(b) => has_defer(&b.stmts),
        StmtKind::If { then, els, .. } => has_defer(&then.stmts) || els.as_ref().is_some_and(|e| has_defer(std::slice::from_ref(e))),
        StmtKind::For { body, .. } | StmtKind::Range { body, .. } => has_defer(&body.stmts),
        StmtKind::Switch { clauses, .. } | StmtKind::TypeSwitch { clauses, .. } => clauses.iter().any(|c| has_defer(&c.body)),
        StmtKind::Select(cs) => cs.iter().any(|c| has_defer(&c.body)),
        StmtKind::Labeled { stmt, .. } => has_defer(std::slice::from_ref(stmt)),
        _ => false,
    })
}

/// Whether `e` is the blank identifier `_` (maybe parenthesized).
fn is_blank(e: &Expr) -> bool {
    matches!(&strip_parens(e).kind, ExprKind::Ident(id) if id.name == "_")
}

impl Checker<'_> {
    /// Whether evaluating `e` has no effect but its value: constants,
    /// names (of this package, or `pkg.Name`), composite literals and
    /// function literals of such parts, `&` of a composite literal (no
    /// calls, receives, indexing, field or method selections, operators or
    /// conversions, any of which may panic or act), so that not evaluating
    /// it changes nothing else.
    fn pure_initializer(&self, e: &Expr) -> bool {
        crate::stack::grow(|| match &e.kind {
            ExprKind::BasicLit(_) | ExprKind::Ident(_) | ExprKind::FuncLit { .. } => true,
            ExprKind::Paren(x) => self.pure_initializer(x),
            ExprKind::Selector { x, .. } => matches!(&x.kind, ExprKind::Ident(id) if self.is_package(id)),
            ExprKind::Composite { elems, .. } => elems.iter().all(|el| el.key.as_ref().is_none_or(|k| self.pure_initializer(k)) && self.pure_initializer(&el.value)),
            ExprKind::Unary { op: ast::UnaryOp::Addr, x } => matches!(x.kind, ExprKind::Composite { .. }) && self.pure_initializer(x),
            _ => false,
        })
    }
}
