//! The intrinsic parts of packages math, runtime and unsafe:
//! the compiler knows their members and lowers calls to rt-core entry
//! points (`runtime_abi`) or inline IR.

use super::facts::What;
use super::constant::Const;
use super::expr::{V, VK};
use super::types::{basic_id, Basic, TypeId};
use super::{Builtin, Checker};
use crate::diag::{Diag, Pos, Result};
use crate::ir::{Addr, BinOp, Inst, Operand, Scalar};
use crate::runtime_abi as rt;
use crate::syntax::ast::{self, Expr, ExprKind};

/// The package-qualified name of an intrinsic library function, and
/// whether it can be a func value (its Go signature uses only types rgo
/// has): `fmt.Fprintln` takes an `io.Writer`, the functions of unsafe and
/// `runtime.Breakpoint` are built-ins that must be called.
fn intrinsic_name(b: Builtin) -> Option<(String, bool)> {
    use LibFn::*;
    Some(match b {
        Builtin::Lib(f) => {
            let name = match f {
                MathInf => "math.Inf",
                MathNaN => "math.NaN",
                MathIsInf => "math.IsInf",
                MathIsNaN => "math.IsNaN",
                MathAbs => "math.Abs",
                MathSqrt => "math.Sqrt",
                MathFloor => "math.Floor",
                MathCeil => "math.Ceil",
                MathTrunc => "math.Trunc",
                MathSignbit => "math.Signbit",
                MathCopysign => "math.Copysign",
                MathFloat64bits => "math.Float64bits",
                MathFloat64frombits => "math.Float64frombits",
                MathFloat32bits => "math.Float32bits",
                MathFloat32frombits => "math.Float32frombits",
                UnsafeSizeof => "unsafe.Sizeof",
                UnsafeAlignof => "unsafe.Alignof",
                UnsafeOffsetof => "unsafe.Offsetof",
                UnsafeAdd => "unsafe.Add",
                UnsafeSlice => "unsafe.Slice",
                RuntimeGosched => "runtime.Gosched",
                RuntimeGC => "runtime.GC",
                RuntimeNumGoroutine => "runtime.NumGoroutine",
                RuntimeGoexit => "runtime.Goexit",
                RuntimeGomaxprocs => "runtime.GOMAXPROCS",
            };
            (name.into(), !matches!(f, UnsafeSizeof | UnsafeAlignof | UnsafeOffsetof | UnsafeAdd | UnsafeSlice))
        }
        Builtin::Breakpoint => ("runtime.Breakpoint".into(), false),
        _ => return None,
    })
}

/// A library function the compiler lowers itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LibFn {
    MathInf,
    MathNaN,
    MathIsInf,
    MathIsNaN,
    MathAbs,
    MathSqrt,
    MathFloor,
    MathCeil,
    MathTrunc,
    MathSignbit,
    MathCopysign,
    MathFloat64bits,
    MathFloat64frombits,
    MathFloat32bits,
    MathFloat32frombits,
    UnsafeSizeof,
    UnsafeAlignof,
    UnsafeOffsetof,
    UnsafeAdd,
    UnsafeSlice,
    RuntimeGosched,
    RuntimeGC,
    RuntimeNumGoroutine,
    RuntimeGoexit,
    RuntimeGomaxprocs,
}

fn err<T>(pos: &Pos, msg: impl Into<String>) -> Result<T> {
    Err(Diag::new(pos, msg))
}

impl Checker<'_> {
    /// Lowers a generated wrapper with signature `sig` (a library function
    /// or method used as a value, at `e`) into `fb`'s function: `call`
    /// computes the results from the parameters, passed as identifiers.
    fn emit_wrapper(
        &mut self,
        mut fb: super::func::Fb,
        sig: TypeId,
        e: &Expr,
        call: impl FnOnce(&mut Self, &[Expr]) -> Result<V>,
    ) -> Result<()> {
        let s = self.types.sig(sig).cloned().expect("a func type");
        let (args, results) = self.wrapper_params(&mut fb, &s, e);
        let sym = fb.sym.clone();
        self.fns.push(fb);
        let r = (|| -> Result<()> {
            let v = call(self, &args)?;
            self.store_results(v, &s.results, &results, &e.pos)?;
            self.fb().emit(Inst::Ret);
            Ok(())
        })();
        let fb = self.fns.pop().expect("the wrapper's builder");
        r?;
        let abi = self.abi_of(sig, None);
        self.prog.funcs.push(crate::ir::Func { sym, abi, kind: crate::ir::FuncKind::Code(fb.body), pos: None });
        Ok(())
    }

    /// The parameters and results of a generated wrapper with signature
    /// `s`: frame slots in `fb`, the parameters as identifiers to pass on,
    /// the results' addresses.
    fn wrapper_params(&mut self, fb: &mut super::func::Fb, s: &super::types::Sig, e: &Expr) -> (Vec<Expr>, Vec<Addr>) {
        let mut args = vec![];
        for (i, &p) in s.params.iter().enumerate() {
            let slot = fb.slot_typed(&mut self.types, p);
            fb.body.params.push(slot);
            let pname = format!("$p{i}");
            let id = self.new_var_id();
            fb.declare(&pname, super::func::Local::Var { id, var: super::func::VarRef::Slot(slot), ty: p });
            args.push(Expr { id: ast::SYNTHETIC, pos: e.pos.clone(), kind: ExprKind::Ident(ast::Ident { name: pname, pos: e.pos.clone(), id: ast::SYNTHETIC }) });
        }
        for &r in &s.results {
            let slot = fb.slot_typed(&mut self.types, r);
            fb.body.results.push(slot);
        }
        let results = fb.body.results.iter().map(|&r| Addr::Slot(r, 0)).collect();
        (args, results)
    }

    /// `pkg.Name` for math, runtime and unsafe.
    pub fn stdlib_member(&mut self, path: &str, sel: &ast::Ident) -> Result<V> {
        use LibFn::*;
        let f = |l: LibFn| Ok(V { ty: 0, kind: VK::Builtin(Builtin::Lib(l)) });
        let name = sel.name.as_str();
        if path == "math" {
            if let Some(c) = math_const(name) {
                return Ok(c);
            }
        }
        match (path, name) {
            ("math", "Inf") => f(MathInf),
            ("math", "NaN") => f(MathNaN),
            ("math", "IsInf") => f(MathIsInf),
            ("math", "IsNaN") => f(MathIsNaN),
            ("math", "Abs") => f(MathAbs),
            ("math", "Sqrt") => f(MathSqrt),
            ("math", "Floor") => f(MathFloor),
            ("math", "Ceil") => f(MathCeil),
            ("math", "Trunc") => f(MathTrunc),
            ("math", "Signbit") => f(MathSignbit),
            ("math", "Copysign") => f(MathCopysign),
            ("math", "Float64bits") => f(MathFloat64bits),
            ("math", "Float64frombits") => f(MathFloat64frombits),
            ("math", "Float32bits") => f(MathFloat32bits),
            ("math", "Float32frombits") => f(MathFloat32frombits),
            ("unsafe", "Pointer") => Ok(V { ty: basic_id(Basic::UnsafePointer), kind: VK::Type }),
            ("unsafe", "Sizeof") => f(UnsafeSizeof),
            ("unsafe", "Alignof") => f(UnsafeAlignof),
            ("unsafe", "Offsetof") => f(UnsafeOffsetof),
            ("unsafe", "Add") => f(UnsafeAdd),
            ("unsafe", "Slice") => f(UnsafeSlice),
            ("runtime", "Gosched") => f(RuntimeGosched),
            ("runtime", "GC") => f(RuntimeGC),
            ("runtime", "NumGoroutine") => f(RuntimeNumGoroutine),
            ("runtime", "Goexit") => f(RuntimeGoexit),
            ("runtime", "GOMAXPROCS") => f(RuntimeGomaxprocs),
            _ => Err(super::gonames::unknown_member(path, sel)),
        }
    }

    /// The Go signature of intrinsic library function `b` (one that can be
    /// a func value, see [`intrinsic_name`]).
    fn intrinsic_sig(&mut self, b: Builtin) -> TypeId {
        use LibFn::*;
        let int_t = self.int_t();
        let bool_t = self.bool_t();
        let f64t = basic_id(Basic::Float64);
        let (params, results, variadic) = match b {
            Builtin::Lib(f) => match f {
                MathInf => (vec![int_t], vec![f64t], false),
                MathNaN => (vec![], vec![f64t], false),
                MathIsInf => (vec![f64t, int_t], vec![bool_t], false),
                MathIsNaN | MathSignbit => (vec![f64t], vec![bool_t], false),
                MathCopysign => (vec![f64t, f64t], vec![f64t], false),
                MathAbs | MathSqrt | MathFloor | MathCeil | MathTrunc => (vec![f64t], vec![f64t], false),
                MathFloat64bits => (vec![f64t], vec![basic_id(Basic::Uint64)], false),
                MathFloat64frombits => (vec![basic_id(Basic::Uint64)], vec![f64t], false),
                MathFloat32bits => (vec![basic_id(Basic::Float32)], vec![basic_id(Basic::Uint32)], false),
                MathFloat32frombits => (vec![basic_id(Basic::Uint32)], vec![basic_id(Basic::Float32)], false),
                RuntimeGosched | RuntimeGC | RuntimeGoexit => (vec![], vec![], false),
                RuntimeNumGoroutine => (vec![], vec![int_t], false),
                RuntimeGomaxprocs => (vec![int_t], vec![int_t], false),
                UnsafeSizeof | UnsafeAlignof | UnsafeOffsetof | UnsafeAdd | UnsafeSlice => unreachable!("unsafe functions are not values"),
            },
            _ => unreachable!("not an intrinsic library function"),
        };
        self.types.func(params, results, variadic)
    }

    /// Built-in or intrinsic function `b` (named by `e`) used as a value
    /// rather than called: an intrinsic library function becomes an
    /// ordinary func value, a function generated once with its Go
    /// signature that calls the intrinsic; built-ins proper must be called.
    pub fn builtin_value(&mut self, b: Builtin, e: &Expr) -> Result<V> {
        let what = self.describe_expr(e);
        let Some((name, true)) = intrinsic_name(b) else {
            return err(&e.pos, format!("{what} (built-in) must be called"));
        };
        // A package of GOROOT's compiled from source (math) has the
        // function. (rgo's runtime declares its intrinsics without bodies.)
        if let Some((path, member)) = name.split_once('.').filter(|(p, _)| *p != "runtime" && self.from_source(p)) {
            let path = self.known_package(path).expect("compiled from source");
            let sel = ast::Ident { name: member.to_string(), pos: e.pos.clone(), id: ast::SYNTHETIC };
            return self.library_member(path, &sel);
        }
        let sig = self.intrinsic_sig(b);
        if !self.emitted.insert(name.clone()) {
            return Ok(V { ty: sig, kind: VK::Func(name) });
        }
        let fb = super::func::Fb::new(&name);
        let variadic = self.types.sig(sig).is_some_and(|s| s.variadic);
        self.emit_wrapper(fb, sig, e, |c, args| c.builtin(b, args, variadic, &e.pos))?;
        Ok(V { ty: sig, kind: VK::Func(name) })
    }

    /// Stores the value `v` of an intrinsic call into a wrapper's result
    /// slots (`types`, at `results`).
    fn store_results(&mut self, v: V, types: &[TypeId], results: &[Addr], pos: &Pos) -> Result<()> {
        match (&v.kind, types.len()) {
            (_, 0) => {}
            (VK::Tuple(addrs), n) if addrs.len() == n => {
                for ((src, dst), &t) in addrs.iter().zip(results).zip(types) {
                    self.copy(dst, src, t);
                }
            }
            (_, 1) => {
                let v = self.convert_to(v, types[0], pos, "return statement")?;
                self.store(&results[0], &v, types[0]);
            }
            _ => unreachable!("an intrinsic's results do not match its signature"),
        }
        Ok(())
    }

    /// Calls of [`LibFn`]s.
    pub fn lib_call(&mut self, f: LibFn, args: &[Expr], pos: &Pos) -> Result<V> {
        use LibFn::*;
        let int_t = self.int_t();
        let f64t = basic_id(Basic::Float64);
        let nargs = |n: usize| -> Result<()> {
            if args.len() != n {
                let m = if args.len() < n { "not enough" } else { "too many" };
                return err(pos, format!("{m} arguments in call to {f:?}"));
            }
            Ok(())
        };
        let int_arg = |this: &mut Self, e: &Expr, t: TypeId| -> Result<Operand> {
            let v = this.value_as(e, t, "argument")?;
            let v = this.to_int(v)?;
            Ok(this.operand(&v))
        };
        let f64_arg = |this: &mut Self, e: &Expr| -> Result<Operand> {
            let v = this.value_as(e, f64t, "argument")?;
            Ok(this.operand(&v))
        };
        let ret_f64 = |this: &mut Self, func: &'static str, a: Operand| -> V {
            let d = this.temp(f64t);
            this.fb().emit(Inst::CallRuntime { func, args: vec![(Scalar::F64, a)], rets: vec![(Scalar::F64, d.clone())] });
            V::mem(f64t, d)
        };
        let bool_t = self.bool_t();
        Ok(match f {
            MathInf => {
                nargs(1)?;
                let s = int_arg(self, &args[0], int_t)?;
                let d = self.temp(f64t);
                let neg = Addr::Slot(self.fb().slot_scalar(1, 1), 0);
                let done = self.fb().label();
                self.fb().emit(Inst::Move { ty: Scalar::F64, dst: d.clone(), src: Operand::Float(f64::INFINITY) });
                self.fb().emit(Inst::Bin { op: BinOp::Lt, ty: Scalar::I64, dst: neg.clone(), a: s, b: Operand::Imm(0) });
                self.fb().emit(Inst::JumpIfNot { cond: Operand::Mem(neg), target: done });
                self.fb().emit(Inst::Move { ty: Scalar::F64, dst: d.clone(), src: Operand::Float(f64::NEG_INFINITY) });
                self.fb().bind(done);
                V::mem(f64t, d)
            }
            MathNaN => {
                nargs(0)?;
                let d = self.temp(f64t);
                // Go's NaN bits: 0x7FF8000000000001.
                self.fb().emit(Inst::Move { ty: Scalar::U64, dst: d.clone(), src: Operand::Imm(0x7FF8_0000_0000_0001) });
                V::mem(f64t, d)
            }
            MathIsNaN => {
                nargs(1)?;
                let x = f64_arg(self, &args[0])?;
                let d = self.temp(bool_t);
                self.fb().emit(Inst::Bin { op: BinOp::Ne, ty: Scalar::F64, dst: d.clone(), a: x.clone(), b: x });
                V::mem(bool_t, d)
            }
            MathIsInf => {
                nargs(2)?;
                let x = f64_arg(self, &args[0])?;
                let s = int_arg(self, &args[1], int_t)?;
                // sign >= 0 && x == +Inf || sign <= 0 && x == -Inf
                let d = self.temp(bool_t);
                let t1 = Addr::Slot(self.fb().slot_scalar(1, 1), 0);
                let t2 = Addr::Slot(self.fb().slot_scalar(1, 1), 0);
                self.fb().emit(Inst::Bin { op: BinOp::Ge, ty: Scalar::I64, dst: t1.clone(), a: s.clone(), b: Operand::Imm(0) });
                self.fb().emit(Inst::Bin { op: BinOp::Eq, ty: Scalar::F64, dst: t2.clone(), a: x.clone(), b: Operand::Float(f64::INFINITY) });
                self.fb().emit(Inst::Bin { op: BinOp::And, ty: Scalar::U8, dst: d.clone(), a: Operand::Mem(t1.clone()), b: Operand::Mem(t2.clone()) });
                self.fb().emit(Inst::Bin { op: BinOp::Le, ty: Scalar::I64, dst: t1.clone(), a: s, b: Operand::Imm(0) });
                self.fb().emit(Inst::Bin { op: BinOp::Eq, ty: Scalar::F64, dst: t2.clone(), a: x, b: Operand::Float(f64::NEG_INFINITY) });
                self.fb().emit(Inst::Bin { op: BinOp::And, ty: Scalar::U8, dst: t1.clone(), a: Operand::Mem(t1.clone()), b: Operand::Mem(t2) });
                self.fb().emit(Inst::Bin { op: BinOp::Or, ty: Scalar::U8, dst: d.clone(), a: Operand::Mem(d.clone()), b: Operand::Mem(t1) });
                V::mem(bool_t, d)
            }
            MathAbs | MathSignbit => {
                nargs(1)?;
                let x = match f64_arg(self, &args[0])? {
                    // A constant moves as its bits.
                    Operand::Float(c) => Operand::Imm(c.to_bits() as i64),
                    o => o,
                };
                let bits = self.temp(basic_id(Basic::Uint64));
                self.fb().emit(Inst::Move { ty: Scalar::U64, dst: bits.clone(), src: x });
                if f == MathAbs {
                    let d = self.temp(f64t);
                    self.fb().emit(Inst::Bin { op: BinOp::And, ty: Scalar::U64, dst: d.clone(), a: Operand::Mem(bits), b: Operand::Imm(i64::MAX) });
                    V::mem(f64t, d)
                } else {
                    let d = self.temp(bool_t);
                    self.fb().emit(Inst::Bin { op: BinOp::Lt, ty: Scalar::I64, dst: d.clone(), a: Operand::Mem(bits), b: Operand::Imm(0) });
                    V::mem(bool_t, d)
                }
            }
            MathCopysign => {
                // x's magnitude bits with y's sign bit.
                nargs(2)?;
                let mut bits = vec![];
                for a in args {
                    let o = match f64_arg(self, a)? {
                        Operand::Float(c) => Operand::Imm(c.to_bits() as i64),
                        o => o,
                    };
                    let b = self.temp(basic_id(Basic::Uint64));
                    self.fb().emit(Inst::Move { ty: Scalar::U64, dst: b.clone(), src: o });
                    bits.push(b);
                }
                let (mag, sign, d) = (self.temp(f64t), self.temp(f64t), self.temp(f64t));
                self.fb().emit(Inst::Bin { op: BinOp::And, ty: Scalar::U64, dst: mag.clone(), a: Operand::Mem(bits[0].clone()), b: Operand::Imm(i64::MAX) });
                self.fb().emit(Inst::Bin { op: BinOp::And, ty: Scalar::U64, dst: sign.clone(), a: Operand::Mem(bits[1].clone()), b: Operand::Imm(i64::MIN) });
                self.fb().emit(Inst::Bin { op: BinOp::Or, ty: Scalar::U64, dst: d.clone(), a: Operand::Mem(mag), b: Operand::Mem(sign) });
                V::mem(f64t, d)
            }
            MathSqrt | MathFloor | MathCeil | MathTrunc => {
                nargs(1)?;
                let x = f64_arg(self, &args[0])?;
                let func = match f {
                    MathSqrt => rt::MATH_SQRT,
                    MathFloor => rt::MATH_FLOOR,
                    MathCeil => rt::MATH_CEIL,
                    _ => rt::MATH_TRUNC,
                };
                ret_f64(self, func, x)
            }
            MathFloat64bits | MathFloat64frombits | MathFloat32bits | MathFloat32frombits => {
                nargs(1)?;
                // Reinterpret the bits: a move between types of one size.
                let (from, to, sc) = match f {
                    MathFloat64bits => (f64t, basic_id(Basic::Uint64), Scalar::U64),
                    MathFloat64frombits => (basic_id(Basic::Uint64), f64t, Scalar::U64),
                    MathFloat32bits => (basic_id(Basic::Float32), basic_id(Basic::Uint32), Scalar::U32),
                    _ => (basic_id(Basic::Uint32), basic_id(Basic::Float32), Scalar::U32),
                };
                let v = self.value_as(&args[0], from, "argument")?;
                let a = self.to_addr(&v);
                let d = self.temp(to);
                self.fb().emit(Inst::Move { ty: sc, dst: d.clone(), src: Operand::Mem(a) });
                V::mem(to, d)
            }
            UnsafeSizeof | UnsafeAlignof | UnsafeOffsetof => {
                nargs(1)?;
                let up = basic_id(Basic::Uintptr);
                let n = if f == UnsafeOffsetof {
                    self.offsetof(&args[0])?
                } else {
                    let v = self.value_default_type(&args[0])?;
                    let (size, align) = self.types.layout(v);
                    if f == UnsafeSizeof { size } else { align }
                };
                V { ty: up, kind: VK::Const(Const::Int(n as i128)) }
            }
            UnsafeAdd => {
                // ptr + int(len), for a len of any integer type.
                nargs(2)?;
                let up = basic_id(Basic::UnsafePointer);
                let p = self.value_as(&args[0], up, "argument to unsafe.Add")?;
                let n = self.typed_value(&args[1])?;
                if !self.types.basic(n.ty).is_some_and(|b| b.is_integer()) {
                    return err(&args[1].pos, format!("cannot use {} (value of type {}) as int value in argument to unsafe.Add", self.describe_expr(&args[1]), self.types.name(n.ty)));
                }
                let n = self.to_int(n)?;
                let (po, no) = (self.operand(&p), self.operand(&n));
                let d = self.temp(up);
                self.fb().emit(Inst::Bin { op: BinOp::Add, ty: Scalar::U64, dst: d.clone(), a: po, b: no });
                V::mem(up, d)
            }
            UnsafeSlice => {
                // The slice {ptr, len, len} once the runtime has checked
                // that its memory fits the address space (Go's walk does
                // the same checks inline).
                nargs(2)?;
                let p = self.value(&args[0])?;
                let Some(et) = self.types.pointer_elem(p.ty) else {
                    return err(&args[0].pos, format!("invalid argument: {} is not a pointer", self.describe_expr(&args[0])));
                };
                let len = self.size_arg(&args[1])?;
                let po = self.operand(&p);
                let st = self.types.slice(et);
                let size = self.types.size(et) as i64;
                self.fb().emit(Inst::CallRuntime {
                    func: rt::UNSAFE_SLICE,
                    args: vec![(Scalar::U64, Operand::Imm(size)), (Scalar::U64, po.clone()), (Scalar::I64, len.clone())],
                    rets: vec![],
                });
                let dst = self.temp(st);
                self.fb().emit(Inst::Move { ty: Scalar::U64, dst: dst.clone(), src: po });
                self.fb().emit(Inst::Move { ty: Scalar::I64, dst: dst.offset(8), src: len.clone() });
                self.fb().emit(Inst::Move { ty: Scalar::I64, dst: dst.offset(16), src: len });
                V::mem(st, dst)
            }
            RuntimeGosched => {
                nargs(0)?;
                self.fb().emit(Inst::CallRuntime { func: rt::GOSCHED, args: vec![], rets: vec![] });
                V { ty: 0, kind: VK::Void }
            }
            RuntimeGoexit => {
                nargs(0)?;
                self.fb().emit(Inst::CallRuntime { func: rt::GOEXIT, args: vec![], rets: vec![] });
                V { ty: 0, kind: VK::Void }
            }
            RuntimeNumGoroutine => {
                nargs(0)?;
                self.num_goroutine()
            }
            RuntimeGomaxprocs => {
                // rt-core's threads.rs: above 1 where threads may run Go
                // code (docs/goroutines.md, "Several processors").
                nargs(1)?;
                let int_t = self.int_t();
                let v = self.value_as(&args[0], int_t, "argument to runtime.GOMAXPROCS")?;
                let n = self.operand(&v);
                let dst = self.temp(int_t);
                self.fb().emit(Inst::CallRuntime { func: rt::GOMAXPROCS, args: vec![(Scalar::I64, n)], rets: vec![(Scalar::I64, dst.clone())] });
                V::mem(int_t, dst)
            }
            RuntimeGC => {
                nargs(0)?;
                self.fb().emit(Inst::CallRuntime { func: rt::GC, args: vec![], rets: vec![] });
                V { ty: 0, kind: VK::Void }
            }
        })
    }

    /// The (default) type of an expression.
    fn value_default_type(&mut self, e: &Expr) -> Result<TypeId> {
        let k = self.known(e)?;
        if let What::Type = k.what {
            return err(&e.pos, format!("{} (type) is not an expression", self.types.name(k.ty)));
        }
        self.default_type(k.ty, &e.pos)
    }

    /// `unsafe.Offsetof(x.f)`: the field's offset within its struct (not
    /// through embedded pointers).
    fn offsetof(&mut self, e: &Expr) -> Result<u64> {
        let ExprKind::Selector { x, sel } = &super::expr::strip_parens(e).kind else {
            return err(&e.pos, "invalid argument: unsafe.Offsetof requires a selector expression");
        };
        let t = self.value_default_type(x)?;
        let Some(s) = self.types.lookup(t, &sel.name) else {
            return err(&sel.pos, format!("{} has no field {}", self.types.name(t), sel.name));
        };
        let super::types::SelKind::Field(_) = s.kind else {
            return err(&sel.pos, format!("invalid argument: {} is a method value", sel.name));
        };
        let steps = self.types.path_steps(t, &s.path);
        if steps[..steps.len() - 1].iter().any(|st| st.1) {
            return err(&sel.pos, "invalid argument: field is embedded via a pointer");
        }
        Ok(steps.iter().map(|st| st.0).sum())
    }
}

fn math_const(name: &str) -> Option<V> {
    let ui = basic_id(Basic::UntypedInt);
    let uf = basic_id(Basic::UntypedFloat);
    let i = |v: i128| Some(V { ty: ui, kind: VK::Const(Const::Int(v)) });
    let f = |v: f64| Some(V { ty: uf, kind: VK::Const(Const::Float(v)) });
    match name {
        "MaxInt8" => i(i8::MAX as i128),
        "MinInt8" => i(i8::MIN as i128),
        "MaxInt16" => i(i16::MAX as i128),
        "MinInt16" => i(i16::MIN as i128),
        "MaxInt32" => i(i32::MAX as i128),
        "MinInt32" => i(i32::MIN as i128),
        "MaxInt64" | "MaxInt" => i(i64::MAX as i128),
        "MinInt64" | "MinInt" => i(i64::MIN as i128),
        "MaxUint8" => i(u8::MAX as i128),
        "MaxUint16" => i(u16::MAX as i128),
        "MaxUint32" => i(u32::MAX as i128),
        "MaxUint64" | "MaxUint" => i(u64::MAX as i128),
        "Pi" => f(std::f64::consts::PI),
        "E" => f(std::f64::consts::E),
        "Sqrt2" => f(std::f64::consts::SQRT_2),
        "Ln2" => f(std::f64::consts::LN_2),
        "Log2E" => f(std::f64::consts::LOG2_E),
        "Ln10" => f(std::f64::consts::LN_10),
        "Log10E" => f(std::f64::consts::LOG10_E),
        "Phi" => f(1.618_033_988_749_895),
        "SqrtE" => f(1.648_721_270_700_128_2),
        "SqrtPi" => f(1.772_453_850_905_516),
        "SqrtPhi" => f(1.272_019_649_514_069),
        "MaxFloat32" => f(f32::MAX as f64),
        "SmallestNonzeroFloat32" => f(1.401_298_464_324_817e-45),
        "MaxFloat64" => f(f64::MAX),
        "SmallestNonzeroFloat64" => f(4.940_656_458_412_465_4e-324),
        _ => None,
    }
}
