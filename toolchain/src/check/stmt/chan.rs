//! Channels, `select` and `go` (issue 11): lowered to rt-core's entry
//! points (`runtime_abi.rs`: `rgo_makechan`, `rgo_chansend`,
//! `rgo_chanrecv`, `rgo_selectgo`, `rgo_newproc`, ...). A channel value is
//! one pointer word; values travel to and from the runtime by address (a
//! temporary in the frame, which stays put while the goroutine is parked).

use super::super::expr::{V, VK};
use super::super::types::{basic_id, Basic, Ty, TypeId};
use super::super::Checker;
use super::{err, strip_parens};
use crate::diag::{Pos, Result};
use crate::ir::{Addr, BinOp, Inst, Label, Operand, PtrMask, Scalar};
use crate::runtime_abi as rt;
use crate::syntax::ast::{self, AssignOp, CommClause, Expr, ExprKind, StmtKind, UnaryOp};

/// A channel type's direction as `Ty::Chan` stores it.
const RECV_ONLY: u8 = 1;
const SEND_ONLY: u8 = 2;

/// One case of a select, evaluated.
struct SelCase<'a> {
    clause: usize,
    send: bool,
    chan: Addr,
    elem: Addr,
    elem_ty: TypeId,
    /// For receives: the assignment or definition the value goes to.
    lhs: Option<(&'a [Expr], bool)>,
}

impl Checker<'_> {
    /// The direction and element type of channel type `t`.
    pub(in crate::check) fn chan_of(&self, t: TypeId) -> Option<(u8, TypeId)> {
        match self.types.under(t) {
            Ty::Chan(d, e) => Some((*d, *e)),
            _ => None,
        }
    }

    /// Marks temporary `a` (of type `t`) as about to be written whole by
    /// the runtime, through its address: zeroing its pointer words ends
    /// what it held before, for the collector's liveness (a receive in a
    /// loop must not keep the previous value alive while the body runs).
    fn define_for_runtime(&mut self, a: &Addr, t: TypeId) {
        if matches!(a, Addr::Slot(..)) && !self.types.ptr_mask(t).is_empty() {
            let size = self.types.size(t) as u32;
            self.fb().emit(Inst::Zero { dst: a.clone(), size });
        }
    }

    /// The address of `a` in a fresh slot, as an operand.
    fn address_of(&mut self, a: &Addr) -> Operand {
        let p = Addr::Slot(self.slot_addr_of(a), 0);
        self.fb().emit(Inst::AddrOf { dst: p.clone(), src: a.clone() });
        Operand::Mem(p)
    }

    /// The channel operand `e`, read now into a slot of its own, with its
    /// direction and element type. `op` names the operation for errors.
    fn chan_operand(&mut self, e: &Expr, op: &str) -> Result<(Addr, u8, TypeId)> {
        let v = self.value(e)?;
        let v = self.single(v, e)?;
        let Some((d, et)) = self.chan_of(v.ty) else {
            return err(&e.pos, format!("invalid operation: cannot {op} non-channel {} (variable of type {})", self.describe_expr(e), self.types.name(v.ty)));
        };
        let a = Addr::Slot(self.fb().slot_ptr(), 0);
        let o = self.operand(&v);
        self.fb().emit(Inst::Move { ty: Scalar::U64, dst: a.clone(), src: o });
        Ok((a, d, et))
    }

    /// `make(chan T[, size])`.
    pub(in crate::check) fn make_chan(&mut self, t: TypeId, et: TypeId, args: &[Expr], pos: &Pos) -> Result<V> {
        if args.len() > 2 {
            return err(pos, format!("invalid operation: make({}) expects 1 or 2 arguments; found {}", self.types.name(t), args.len()));
        }
        let size = match args.get(1) {
            Some(a) => self.size_arg(a)?,
            None => Operand::Imm(0),
        };
        let desc = self.descriptor(et);
        let dst = self.temp(t);
        self.fb().emit(Inst::CallRuntime {
            func: rt::MAKECHAN,
            args: vec![(Scalar::U64, Operand::SymAddr(desc, 0)), (Scalar::I64, size)],
            rets: vec![(Scalar::U64, dst.clone())],
        });
        Ok(V::mem(t, dst))
    }

    /// `len(c)` or `cap(c)` of the channel value `v`.
    pub(in crate::check) fn chan_len_cap(&mut self, v: &V, len: bool) -> V {
        let int_t = self.int_t();
        let o = self.operand(v);
        let dst = self.temp(int_t);
        self.fb().emit(Inst::CallRuntime {
            func: if len { rt::CHANLEN } else { rt::CHANCAP },
            args: vec![(Scalar::U64, o)],
            rets: vec![(Scalar::I64, dst.clone())],
        });
        V::mem(int_t, dst)
    }

    /// `close(c)`.
    pub(in crate::check) fn close_chan(&mut self, args: &[Expr], pos: &Pos) -> Result<V> {
        if args.len() != 1 {
            let which = if args.is_empty() { "not enough" } else { "too many" };
            return err(pos, format!("{which} arguments for close() (expected 1, found {})", args.len()));
        }
        let v = self.value(&args[0])?;
        let v = self.single(v, &args[0])?;
        let Some((d, _)) = self.chan_of(v.ty) else {
            return err(&args[0].pos, format!("invalid operation: non-chan argument {} (variable of type {}) for close", self.describe_expr(&args[0]), self.types.name(v.ty)));
        };
        if d == RECV_ONLY {
            return err(&args[0].pos, format!("invalid operation: cannot close receive-only channel {} (variable of type {})", self.describe_expr(&args[0]), self.types.name(v.ty)));
        }
        let o = self.operand(&v);
        self.fb().emit(Inst::CallRuntime { func: rt::CLOSECHAN, args: vec![(Scalar::U64, o)], rets: vec![] });
        Ok(V { ty: 0, kind: VK::Void })
    }

    /// `<-x`: the received value and the address of the `ok` byte.
    pub(in crate::check) fn recv(&mut self, x: &Expr, pos: &Pos) -> Result<(V, Addr)> {
        let (c, d, et) = self.chan_operand(x, "receive from")?;
        debug_assert!(d != SEND_ONLY, "the checker reports a receive from a send-only channel");
        let _ = pos;
        let dst = self.temp(et);
        self.define_for_runtime(&dst, et);
        let p = self.address_of(&dst);
        let ok = Addr::Slot(self.fb().slot_scalar(1, 1), 0);
        self.fb().emit(Inst::CallRuntime {
            func: rt::CHANRECV,
            args: vec![(Scalar::U64, Operand::Mem(c)), (Scalar::U64, p)],
            rets: vec![(Scalar::U8, ok.clone())],
        });
        Ok((V::mem(et, dst), ok))
    }

    /// The comma-ok receive `rhs` (`v, ok = <-c`), if it is one: the value
    /// and `ok` (typed `bool` for definitions, untyped otherwise).
    pub(in crate::check) fn comma_ok_recv(&mut self, rhs: &Expr, define: bool) -> Result<Option<Vec<(V, Pos)>>> {
        let ExprKind::Unary { op: UnaryOp::Recv, x } = &strip_parens(rhs).kind else { return Ok(None) };
        let (v, ok) = self.recv(x, &rhs.pos)?;
        let bt = basic_id(if define { Basic::Bool } else { Basic::UntypedBool });
        Ok(Some(vec![(v, rhs.pos.clone()), (V::mem(bt, ok), rhs.pos.clone())]))
    }

    /// `ch <- value`.
    pub(in crate::check) fn send_stmt(&mut self, ch: &Expr, value: &Expr) -> Result<()> {
        let (c, elem, _) = self.send_operands(ch, value)?;
        let p = self.address_of(&elem);
        self.fb().emit(Inst::CallRuntime { func: rt::CHANSEND, args: vec![(Scalar::U64, Operand::Mem(c)), (Scalar::U64, p)], rets: vec![] });
        Ok(())
    }

    /// The channel and the value (copied to a temporary) of a send.
    fn send_operands(&mut self, ch: &Expr, value: &Expr) -> Result<(Addr, Addr, TypeId)> {
        let (c, d, et) = self.chan_operand(ch, "send to")?;
        debug_assert!(d != RECV_ONLY, "the checker reports a send to a receive-only channel");
        let v = self.value_as(value, et, "send")?;
        let a = self.temp(et);
        self.store(&a, &v, et);
        Ok((c, a, et))
    }

    /// `for [v :=|=] range c`: receives until the channel is closed and
    /// drained.
    #[allow(clippy::too_many_arguments)]
    pub(in crate::check) fn range_chan(
        &mut self,
        key: Option<&Expr>,
        value: Option<&Expr>,
        define: bool,
        x: &Expr,
        body: &ast::Block,
        label: Option<&str>,
        pos: &Pos,
    ) -> Result<()> {
        if let Some(v) = value {
            return err(&v.pos, format!("range over {} permits only one iteration variable", self.describe_expr(x)));
        }
        let (c, d, et) = self.chan_operand(x, "range over")?;
        debug_assert!(d != SEND_ONLY, "the checker reports a range over a send-only channel");
        let mut target = None;
        if let (Some(e), true) = (key, define) {
            let ExprKind::Ident(id) = &e.kind else { return err(&e.pos, "non-name on left side of :=") };
            if id.name != "_" {
                let var = self.declare_local(id, et);
                target = Some((var.addr(), et));
            }
        }
        let tmp = self.temp(et);
        let p = self.address_of(&tmp);
        let ok = Addr::Slot(self.fb().slot_scalar(1, 1), 0);
        let top = self.fb().label();
        let brk = self.fb().label();
        self.fb().bind(top);
        self.fb().emit(Inst::CallRuntime {
            func: rt::CHANRECV,
            args: vec![(Scalar::U64, Operand::Mem(c)), (Scalar::U64, p)],
            rets: vec![(Scalar::U8, ok.clone())],
        });
        self.fb().emit(Inst::JumpIfNot { cond: Operand::Mem(ok), target: brk });
        if let (Some(e), false) = (key, define) {
            if !super::is_blank(e) {
                let v = self.value(e)?;
                let VK::Mem { addr, addressable: true } = v.kind else { return err(&e.pos, format!("cannot assign to {}", self.describe_expr(e))) };
                target = Some((addr, v.ty));
            }
        }
        if let Some((a, t)) = &target {
            let v = self.convert_to(V::mem(et, tmp.clone()), *t, pos, "range")?;
            self.store(a, &v, *t);
        }
        // The loop keeps the temporary's address for the next receive: it
        // must not keep the value received last alive too (as gc clears it).
        self.define_for_runtime(&tmp, et);
        self.fb().loops.push(super::LoopCtx { label: label.map(String::from), brk, cont: Some(top) });
        let r = self.block(body);
        self.fb().loops.pop();
        r?;
        self.fb().emit(Inst::Jump(top));
        self.fb().bind(brk);
        Ok(())
    }

    /// `select { ... }`: the channel operands and sent values are evaluated
    /// once, in source order; `rgo_selectgo` picks the case; the chosen
    /// clause assigns what it received and runs.
    pub(in crate::check) fn select_stmt(&mut self, clauses: &[CommClause], label: Option<&str>, _pos: &Pos) -> Result<()> {
        let mut cases: Vec<SelCase> = vec![];
        let mut default = None;
        for (ci, cl) in clauses.iter().enumerate() {
            let Some(comm) = &cl.comm else {
                if default.is_some() {
                    return err(&cl.pos, "multiple defaults in select");
                }
                default = Some(ci);
                continue;
            };
            match &comm.kind {
                StmtKind::Send { ch, value } => {
                    let (c, elem, et) = self.send_operands(ch, value)?;
                    cases.push(SelCase { clause: ci, send: true, chan: c, elem, elem_ty: et, lhs: None });
                }
                StmtKind::Expr(e) if matches!(&strip_parens(e).kind, ExprKind::Unary { op: UnaryOp::Recv, .. }) => {
                    let ExprKind::Unary { x, .. } = &strip_parens(e).kind else { unreachable!() };
                    let (c, et) = self.select_recv_chan(x, &e.pos)?;
                    let elem = self.temp(et);
                    cases.push(SelCase { clause: ci, send: false, chan: c, elem, elem_ty: et, lhs: None });
                }
                StmtKind::Assign { lhs, op, rhs, .. }
                    if rhs.len() == 1
                        && (1..=2).contains(&lhs.len())
                        && matches!(op, AssignOp::Define | AssignOp::Assign)
                        && matches!(&strip_parens(&rhs[0]).kind, ExprKind::Unary { op: UnaryOp::Recv, .. }) =>
                {
                    let ExprKind::Unary { x, .. } = &strip_parens(&rhs[0]).kind else { unreachable!() };
                    let (c, et) = self.select_recv_chan(x, &rhs[0].pos)?;
                    let elem = self.temp(et);
                    cases.push(SelCase { clause: ci, send: false, chan: c, elem, elem_ty: et, lhs: Some((lhs, *op == AssignOp::Define)) });
                }
                _ => return err(&comm.pos, "select case must be receive, send or assign recv"),
            }
        }
        // Sends first, then receives, as rgo_selectgo takes them.
        cases.sort_by_key(|c| !c.send);
        let nsend = cases.iter().filter(|c| c.send).count();
        let n = cases.len();
        // Per case the channel and the element's address: all pointers.
        let words = 2 * n.max(1) as u64;
        let arr = Addr::Slot(self.fb().slot_mask(8 * words, 8, PtrMask::all(words)), 0);
        for (k, c) in cases.iter().enumerate() {
            self.fb().emit(Inst::Move { ty: Scalar::U64, dst: arr.offset(16 * k as i32), src: Operand::Mem(c.chan.clone()) });
            self.fb().emit(Inst::AddrOf { dst: arr.offset(16 * k as i32 + 8), src: c.elem.clone() });
        }
        let arr_p = self.address_of(&arr);
        let idx = Addr::Slot(self.fb().slot_scalar(8, 8), 0);
        let ok = Addr::Slot(self.fb().slot_scalar(1, 1), 0);
        self.fb().emit(Inst::CallRuntime {
            func: rt::SELECTGO,
            args: vec![
                (Scalar::U64, arr_p),
                (Scalar::U64, Operand::Imm(nsend as i64)),
                (Scalar::U64, Operand::Imm((n - nsend) as i64)),
                (Scalar::U8, Operand::Imm(default.is_none() as i64)),
            ],
            rets: vec![(Scalar::U8, ok.clone()), (Scalar::I64, idx.clone())],
        });
        let end = self.fb().label();
        let labels: Vec<Label> = clauses.iter().map(|_| self.fb().label()).collect();
        let cond = Addr::Slot(self.fb().slot_scalar(1, 1), 0);
        for (k, c) in cases.iter().enumerate() {
            self.fb().emit(Inst::Bin { op: BinOp::Eq, ty: Scalar::I64, dst: cond.clone(), a: Operand::Mem(idx.clone()), b: Operand::Imm(k as i64) });
            self.fb().emit(Inst::JumpIf { cond: Operand::Mem(cond.clone()), target: labels[c.clause] });
        }
        self.fb().emit(Inst::Jump(default.map_or(end, |d| labels[d])));
        for (ci, cl) in clauses.iter().enumerate() {
            self.fb().bind(labels[ci]);
            self.fb().push_scope();
            let r = (|| {
                if let Some(c) = cases.iter().find(|c| c.clause == ci) {
                    if let Some((lhs, define)) = c.lhs {
                        let bt = basic_id(if define { Basic::Bool } else { Basic::UntypedBool });
                        let mut vals = vec![(V::mem(c.elem_ty, c.elem.clone()), cl.pos.clone())];
                        if lhs.len() == 2 {
                            vals.push((V::mem(bt, ok.clone()), cl.pos.clone()));
                        }
                        if define {
                            self.define_values(lhs, vals, &cl.pos)?;
                        } else {
                            self.assign_values(lhs, vals)?;
                        }
                    }
                }
                self.fb().loops.push(super::LoopCtx { label: label.map(String::from), brk: end, cont: None });
                self.collect_labels(&cl.body);
                let r = self.block_stmts(&cl.body);
                self.fb().loops.pop();
                r
            })();
            self.fb().pop_scope();
            r?;
            self.fb().emit(Inst::Jump(end));
        }
        self.fb().bind(end);
        Ok(())
    }

    /// The channel of a receive case.
    fn select_recv_chan(&mut self, x: &Expr, pos: &Pos) -> Result<(Addr, TypeId)> {
        let (c, d, et) = self.chan_operand(x, "receive from")?;
        debug_assert!(d != SEND_ONLY, "the checker reports a receive from a send-only channel");
        let _ = pos;
        Ok((c, et))
    }

    /// `runtime.NumGoroutine()`.
    pub(in crate::check) fn num_goroutine(&mut self) -> V {
        let int_t = self.int_t();
        let dst = self.temp(int_t);
        self.fb().emit(Inst::CallRuntime { func: rt::NUMGOROUTINE, args: vec![], rets: vec![(Scalar::I64, dst.clone())] });
        V::mem(int_t, dst)
    }
}
