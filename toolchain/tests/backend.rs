//! The backends on hand-built IR: one table of tests run against every
//! instruction set rgo emits for ([`ISAS`]), natively or under qemu-user.
//!
//! Each test is written once as `fn test(isa: &Isa)`; [`isa_tests!`] makes
//! a `#[test]` of it per ISA, named `<isa>::<test>` (so
//! `cargo test -p rgo --test backend arm64::` runs one ISA's share).
//!
//! Golden tests compare the emitted assembly with `tests/golden/<isa>/*.s`
//! (regenerate with `RGO_BLESS=1 cargo test -p rgo --test backend`; never
//! silently). Execution tests assemble and link the output with the ISA's
//! stand-in runtime `tests/harness/<isa>_start.S` (with the C compiler and
//! link flags of the Linux target of the table of targets, `rgo_targets`),
//! run it as `rgo run` would (under the target's qemu-user emulator unless
//! it is the host's architecture) and compare what it prints; expected
//! values of the arithmetic tables come from a reference model of Go's
//! semantics written with Rust's wrapping/float operations, plus
//! hand-written edge cases. `RGO_EMULATE=1` runs the host's ISA under its
//! emulator too (amd64 under qemu-x86_64).
//!
//! Adding an ISA: its backend in `rgo::isa`, a harness, an [`Isa`]
//! constant in [`ISAS`] and a module in the `isa_tests!` line; then
//! `RGO_BLESS=1` writes its golden files (review them).
//!
//! Nothing here depends on the front end or the runtime.

use reflect::abi::{Arch, FuncAbi, Receiver};
use reflect::types::{array_of, named, pointer_to, struct_of, Field, TypeRef};
use reflect::types::{BOOL, FLOAT32, FLOAT64, INT, INT16, INT64, INT8, UINT32, UINT64};
use rgo::ir::*;
use rgo::isa::Target;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

mod common;

// ---- the instruction sets ---------------------------------------------------

/// One instruction set the table runs on. How to assemble, link and run
/// a program for it comes from the table of targets (`rgo_targets`: C
/// compiler, link flags, emulator); what is here is what the tests expect
/// of its backend and harness.
struct Isa {
    /// `rgo::isa::by_name` name (the GOARCH), the harness's and the
    /// golden folder's.
    name: &'static str,
    /// Integer arguments a C call can take in registers.
    c_int_args: usize,
    /// The harness's exit statuses for broken invariants, for messages.
    statuses: &'static str,
    /// A symbol the assembler would read as something else, if any.
    reserved_sym: Option<&'static str>,
    /// Go's float-to-integer conversion of a value out of the target
    /// type's range (or NaN) on this ISA, as gc compiles it: the result is
    /// implementation-specific in Go, and rgo gives gc's.
    f2i: fn(f64, Scalar) -> i64,
    /// The instructions of a tail wrapper with a nil target and a `Load`
    /// step to `main.S.M$ptr` (from `main.T$p.M$nil`).
    nil_wrapper: &'static [&'static str],
}

impl Isa {
    fn target(&self) -> &'static dyn Target {
        rgo::isa::by_name(self.name).unwrap_or_else(|| panic!("rgo has no {} backend", self.name))
    }

    fn arch(&self) -> &'static Arch {
        self.target().arch()
    }

    /// The Linux target of the table with this GOARCH.
    fn linux(&self) -> &'static rgo_targets::Target {
        rgo_targets::find("linux", self.name).unwrap_or_else(|e| panic!("{e}"))
    }
}

const AMD64: Isa = Isa {
    name: "amd64",
    c_int_args: 6,
    statuses: "96: morestack reached, 97: R14 changed, 98: misaligned C call",
    reserved_sym: Some("rax"),
    f2i: f2i_amd64,
    nil_wrapper: &["test rax, rax", "jz main.T$p.M$nil", "mov rax, qword ptr [rax]", "jmp main.S.M$ptr"],
};

const ARM64: Isa = Isa {
    name: "arm64",
    c_int_args: 8,
    statuses: "96: morestack reached, 97: x28 changed, 98: misaligned C call",
    reserved_sym: Some("x1"),
    f2i: f2i_arm64,
    nil_wrapper: &["cbnz x0, .L0_i1", "b main.T$p.M$nil", "ldr x0, [x0]", "b main.S.M$ptr"],
};

/// x86's truncating conversions give the "integer indefinite" (the
/// minimum) for NaN and out-of-range values; gc converts to uint64 by
/// subtracting 2^63 from values at or above it, to uint32 through int64 and
/// to the narrower types through int32.
fn f2i_amd64(x: f64, to: Scalar) -> i64 {
    const TWO63: f64 = 9223372036854775808.0;
    let cvt64 = |x: f64| if (-TWO63..TWO63).contains(&x) { x as i64 } else { i64::MIN };
    let cvt32 = |x: f64| if (-2147483648.0..2147483648.0).contains(&x) { x as i32 } else { i32::MIN };
    match to {
        Scalar::U64 if x >= TWO63 => cvt64(x - TWO63) | i64::MIN,
        Scalar::U64 | Scalar::I64 | Scalar::U32 => cvt64(x),
        _ => cvt32(x) as i64,
    }
}

/// arm64's fcvtzs/fcvtzu saturate and give 0 for NaN, as Rust's `as`
/// does; gc uses fcvtzu for uint64, int64 for uint32 and int32 for the
/// narrower types.
fn f2i_arm64(x: f64, to: Scalar) -> i64 {
    match to {
        Scalar::U64 => x as u64 as i64,
        Scalar::I64 | Scalar::U32 => x as i64,
        _ => x as i32 as i64,
    }
}

const RISCV64: Isa = Isa {
    name: "riscv64",
    c_int_args: 8,
    statuses: "96: morestack reached, 97: s11 (X27) changed, 98: misaligned C call",
    reserved_sym: Some("a0"),
    f2i: f2i_riscv64,
    nil_wrapper: &["bnez a0, .L0_i1", "tail main.T$p.M$nil", "ld a0, 0(a0)", "tail main.S.M$ptr"],
};

/// RISC-V's fcvt saturates and gives the maximum for NaN; gc converts to
/// uint64 by subtracting 2^63 from values not below it (NaN included),
/// to uint32 through int64 and to the narrower types through int32.
fn f2i_riscv64(x: f64, to: Scalar) -> i64 {
    const TWO63: f64 = 9223372036854775808.0;
    let cvt64 = |x: f64| if x.is_nan() { i64::MAX } else { x as i64 };
    let cvt32 = |x: f64| if x.is_nan() { i32::MAX } else { x as i32 };
    match to {
        Scalar::U64 if x.is_nan() || x >= TWO63 => cvt64(x - TWO63) | i64::MIN,
        Scalar::U64 | Scalar::I64 | Scalar::U32 => cvt64(x),
        _ => cvt32(x) as i64,
    }
}

/// Every ISA of the table.
const ISAS: &[&Isa] = &[&AMD64, &ARM64, &RISCV64];

/// `isa_tests!(isa, ...; (test, ...))`: module `isa` with a `#[test]` per
/// test calling `test(&ISA)` (the ISA's constant is the module name in
/// capitals).
macro_rules! isa_tests {
    ($($isa:ident = $konst:ident),*; $tests:tt) => {
        $( isa_tests!(@one $isa $konst $tests); )*
    };
    (@one $isa:ident $konst:ident ($($test:ident),* $(,)?)) => {
        mod $isa {
            $(
                #[test]
                fn $test() {
                    super::$test(&super::$konst)
                }
            )*
        }
    };
}

isa_tests!(amd64 = AMD64, arm64 = ARM64, riscv64 = RISCV64; (
    golden_method_wrapper,
    tail_wrapper_nil_target,
    units_fingerprinted,
    golden_abi0_wrappers,
    golden_code,
    exec_fib_and_loops,
    exec_calls,
    exec_method_wrappers,
    exec_method_wrapper_nil_faults,
    exec_abi0_wrappers,
    exec_memory,
    exec_frames,
    exec_long_function,
    exec_int_arith,
    exec_shifts_and_unary,
    exec_float_arith,
    exec_convert,
    exec_convert_out_of_range,
    exec_fused_jumps,
    exec_loop_polls,
    emit_errors,
    golden_atomic,
    exec_atomic,
    exec_atomic_nil_faults,
    atomic_emit_errors,
    golden_volatile,
    exec_volatile,
    exec_volatile_nil_faults,
    volatile_emit_errors,
));

#[test]
fn every_isa_is_in_the_table() {
    let names: Vec<&str> = ISAS.iter().map(|i| i.name).collect();
    for isa in ISAS {
        assert_eq!(isa.target().goarch(), isa.name);
    }
    assert_eq!(names.len(), names.iter().collect::<std::collections::BTreeSet<_>>().len(), "{names:?}");
}

// ---- building IR ------------------------------------------------------------

#[derive(Default)]
struct B {
    body: Body,
    /// A slot for widening a reported value.
    wide: Option<SlotId>,
}

fn sl(s: SlotId) -> Addr {
    Addr::Slot(s, 0)
}

fn m(s: SlotId) -> Operand {
    Operand::Mem(sl(s))
}

fn imm(v: i64) -> Operand {
    Operand::Imm(v)
}

impl B {
    fn slot(&mut self, size: u32) -> SlotId {
        let align = size.clamp(1, 8).next_power_of_two().min(8);
        self.body.slots.push(Slot::scalar(size, align));
        (self.body.slots.len() - 1) as SlotId
    }

    fn slot_of(&mut self, t: TypeRef) -> SlotId {
        self.body.slots.push(Slot::scalar(t.size as u32, t.align().max(1) as u32));
        (self.body.slots.len() - 1) as SlotId
    }

    fn label(&mut self) -> Label {
        self.body.nlabels += 1;
        self.body.nlabels - 1
    }

    fn i(&mut self, inst: Inst) {
        self.body.insts.push(inst);
    }

    fn mov(&mut self, ty: Scalar, dst: SlotId, src: Operand) {
        self.i(Inst::Move { ty, dst: sl(dst), src });
    }

    /// Prints a value as the harness does: signed types in signed
    /// decimal, everything else unsigned.
    fn report(&mut self, ty: Scalar, op: Operand) {
        let func = if ty.is_signed() { "rgo_test_report" } else { "rgo_test_report_u" };
        // The harness's functions take 64-bit values, and a C uint32
        // argument need not arrive zero-extended (riscv64's LP64 passes it
        // sign-extended): widen it first.
        let (ty, op) = if ty == Scalar::U32 {
            let t = *self.wide.get_or_insert_with(|| {
                self.body.slots.push(Slot::scalar(8, 8));
                (self.body.slots.len() - 1) as SlotId
            });
            self.i(Inst::Convert { from: Scalar::U32, to: Scalar::U64, dst: sl(t), src: op });
            (Scalar::U64, m(t))
        } else {
            (ty, op)
        };
        self.i(Inst::CallRuntime { func, args: vec![(ty, op)], rets: vec![] });
    }

    fn call(&mut self, sym: &str, abi: &Arc<FuncAbi>, args: Vec<Addr>, results: Vec<Addr>) {
        self.i(Inst::Call { callee: Callee::Direct(sym.into()), abi: abi.clone(), args, results });
    }

    fn func(mut self, sym: &str, abi: &Arc<FuncAbi>) -> Func {
        if !matches!(self.body.insts.last(), Some(Inst::Ret)) {
            self.i(Inst::Ret);
        }
        Func { sym: sym.into(), abi: abi.clone(), kind: FuncKind::Code(self.body), pos: None }
    }
}

fn abi(isa: &Isa, ins: &[TypeRef], outs: &[TypeRef]) -> Arc<FuncAbi> {
    Arc::new(FuncAbi::from_parts(isa.arch(), None, ins, outs).unwrap())
}

fn method_abi(isa: &Isa, recv: TypeRef, ins: &[TypeRef], outs: &[TypeRef]) -> Arc<FuncAbi> {
    Arc::new(FuncAbi::from_parts(isa.arch(), Some(Receiver::ByType(recv)), ins, outs).unwrap())
}

fn no_abi(isa: &Isa) -> Arc<FuncAbi> {
    abi(isa, &[], &[])
}

fn program(funcs: Vec<Func>, data: Vec<Data>) -> Program {
    Program { funcs, data, entry: "rgo_test_main".into(), ties: vec![], method_slots: vec![], noinline: Default::default(), link_data: vec![], weak_inits: vec![], reports: vec![] }
}

fn data(sym: &str, init: Vec<u8>, relocs: Vec<Reloc>, readonly: bool) -> Data {
    Data { sym: sym.into(), align: 8, size: init.len() as u32, init: Some(init), relocs, readonly }
}

fn words(ws: &[i64]) -> Vec<u8> {
    ws.iter().flat_map(|w| w.to_le_bytes()).collect()
}

fn reloc(offset: u32, sym: &str, addend: i64) -> Reloc {
    Reloc { offset, sym: sym.into(), addend }
}

// ---- golden files -------------------------------------------------------------

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn golden(isa: &Isa, name: &str, prog: &Program) {
    let got = isa.target().emit_asm(prog, isa.linux()).unwrap_or_else(|e| panic!("{}/{name}: emit_asm: {e}", isa.name));
    assemble_only(isa, name, &got);
    common::check_golden(&manifest().join("tests/golden").join(isa.name).join(format!("{name}.s")), &got);
}

// ---- assembling and running ------------------------------------------------

fn work_dir(isa: &Isa, name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("backend").join(isa.name).join(name);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Runs a tool of the target, naming its Debian package when it is missing.
fn tool(tool: rgo_targets::Tool, cmd: &mut Command) -> std::process::Output {
    cmd.output().unwrap_or_else(|e| {
        panic!("cannot run {} ({e}); install the Debian package {}", tool.command, tool.debian_package)
    })
}

fn assemble_only(isa: &Isa, name: &str, asm: &str) {
    let dir = work_dir(isa, &format!("golden_{name}"));
    std::fs::write(dir.join("prog.s"), asm).unwrap();
    let cc = isa.linux().c_compiler();
    let out = tool(cc, Command::new(cc.command).args(["-c", "prog.s", "-o", "prog.o"]).current_dir(&dir));
    assert!(
        out.status.success(),
        "{}/{name}: the emitted assembly does not assemble:\n{}",
        isa.name,
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Emits, assembles, links with the harness (with the target's link
/// flags) and runs `prog` (under the target's emulator if need be, as
/// `rgo run` does); returns its exit status and stdout.
fn run_raw(isa: &Isa, name: &str, prog: &Program) -> (std::process::ExitStatus, String) {
    let asm = isa.target().emit_asm(prog, isa.linux()).unwrap_or_else(|e| panic!("{}/{name}: emit_asm: {e}", isa.name));
    let dir = work_dir(isa, name);
    std::fs::write(dir.join("prog.s"), &asm).unwrap();
    let harness = manifest().join(format!("tests/harness/{}_start.S", isa.name));
    let linux = isa.linux();
    let cc = linux.c_compiler();
    let out = tool(
        cc,
        Command::new(cc.command)
            .args(linux.link.flags)
            .args(["-o", "prog"])
            .arg(&harness)
            .arg("prog.s")
            .current_dir(&dir),
    );
    assert!(
        out.status.success(),
        "{}/{name}: assembling/linking {} failed:\n{}",
        isa.name,
        dir.join("prog.s").display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let mut cmd =
        rgo::driver::run::command(linux, &dir.join("prog"), &[] as &[&str]).unwrap_or_else(|e| panic!("{}/{name}: {e}", isa.name));
    let out = cmd.output().unwrap_or_else(|e| panic!("{}/{name}: cannot run {cmd:?}: {e}", isa.name));
    (out.status, String::from_utf8(out.stdout).unwrap())
}

fn run(isa: &Isa, name: &str, prog: &Program) -> String {
    let (status, stdout) = run_raw(isa, name, prog);
    assert!(
        status.success(),
        "{}/{name}: exited with {status} ({}); stdout so far:\n{stdout}\nassembly: {}",
        isa.name,
        isa.statuses,
        work_dir(isa, name).join("prog.s").display()
    );
    stdout
}

/// Compares printed lines with expectations, naming the first mismatch.
fn check_lines(name: &str, got: &str, want: &[(String, String)]) {
    let got: Vec<&str> = got.lines().collect();
    for (k, (what, w)) in want.iter().enumerate() {
        let g = got.get(k).copied().unwrap_or("<missing>");
        assert_eq!(g, w, "{name}: line {} ({what})", k + 1);
    }
    assert_eq!(got.len(), want.len(), "{name}: number of lines");
}

// ---- method wrappers (Go's test/abi/method_wrapper.go) ---------------------------------

/// `type S int; func (s *S) M(a int, x [2]int, b float64, y [2]float64)
/// (S, int, [2]int, float64, [2]float64)`, and its ABI as a method of
/// `*S` (the wrappers' ABI is the same: the receiver is one pointer).
struct MethodM {
    abi: Arc<FuncAbi>,
}

fn method_m(isa: &Isa) -> MethodM {
    let s = named("main.S", &INT, vec![]);
    let a2i = array_of(&INT, 2);
    let a2f = array_of(&FLOAT64, 2);
    let abi = method_abi(isa, pointer_to(s), &[&INT, a2i, &FLOAT64, a2f], &[s, &INT, a2i, &FLOAT64, a2f]);
    MethodM { abi }
}

/// `(*S).M`: returns `*s, a, x, b, y`.
fn s_m_body(mm: &MethodM) -> Func {
    let mut b = B::default();
    let recv = b.slot(8);
    let a = b.slot(8);
    let x = b.slot(16);
    let f = b.slot(8);
    let y = b.slot(16);
    let (r0, r1, r2, r3, r4) = (b.slot(8), b.slot(8), b.slot(16), b.slot(8), b.slot(16));
    b.body.params = vec![recv, a, x, f, y];
    b.body.results = vec![r0, r1, r2, r3, r4];
    b.i(Inst::Move { ty: Scalar::I64, dst: sl(r0), src: Operand::Mem(Addr::Deref(recv, 0)) });
    b.mov(Scalar::I64, r1, m(a));
    b.i(Inst::Copy { dst: sl(r2), src: sl(x), size: 16 });
    b.mov(Scalar::F64, r3, m(f));
    b.i(Inst::Copy { dst: sl(r4), src: sl(y), size: 16 });
    b.func("main.S.M$ptr", &mm.abi)
}

fn tail(sym: &str, mm: &MethodM, recv_path: Vec<RecvStep>) -> Func {
    Func {
        sym: sym.into(),
        abi: mm.abi.clone(),
        kind: FuncKind::TailWrapper { recv_path, target: "main.S.M$ptr".into(), nil_target: None },
        pos: None,
    }
}

fn golden_method_wrapper(isa: &Isa) {
    let mm = method_m(isa);
    let prog = program(
        vec![
            // T{a int; S}: S at offset 8.
            tail("main.T.M$ptr", &mm, vec![RecvStep::Offset(8)]),
            // T2{a int; *S}: the pointer at 8, loaded.
            tail("main.T2.M$ptr", &mm, vec![RecvStep::Offset(8), RecvStep::Load]),
            // S embedded at offset 0 and through a far field: explicit checks.
            tail("main.T0.M$ptr", &mm, vec![RecvStep::Offset(0)]),
            tail("main.T3.M$ptr", &mm, vec![RecvStep::Offset(5000), RecvStep::Load, RecvStep::Offset(16)]),
        ],
        vec![],
    );
    golden(isa, "method_wrapper", &prog);
}

/// A value method reached through a pointer (`RecvStep::Load`) with a
/// `nil_target`: a nil receiver jumps there (Go's panicwrap) before the
/// load would fault.
fn tail_wrapper_nil_target(isa: &Isa) {
    let mm = method_m(isa);
    let mut f = tail("main.T$p.M", &mm, vec![RecvStep::Load]);
    f.kind = FuncKind::TailWrapper { recv_path: vec![RecvStep::Load], target: "main.S.M$ptr".into(), nil_target: Some("main.T$p.M$nil".into()) };
    let asm = isa.target().emit_asm(&program(vec![f], vec![]), isa.linux()).unwrap();
    let start = asm.find("main.T$p.M:\n").expect("the wrapper is emitted");
    let n = isa.nil_wrapper.len();
    let body: Vec<&str> = asm[start..].lines().skip(1).map(str::trim).filter(|l| !l.starts_with('.')).take(n).collect();
    assert_eq!(body, isa.nil_wrapper, "{asm}");
}

/// A unit's fingerprint (what keys its object in the build cache) is its
/// functions' and data's: equal programs give equal fingerprints, a
/// changed float constant or data byte another; a unit the cache holds
/// is not emitted, the others are.
fn units_fingerprinted(isa: &Isa) {
    use rgo::isa::emit::{Fingerprint, UnitCache};
    let prog = |k: f64, byte: u8| {
        let fabi = abi(isa, &[&FLOAT64], &[&FLOAT64]);
        let mut b = B::default();
        let (x, r) = (b.slot(8), b.slot(8));
        b.body.params = vec![x];
        b.body.results = vec![r];
        b.i(Inst::Bin { op: BinOp::Mul, ty: Scalar::F64, dst: sl(r), a: m(x), b: Operand::Float(k) });
        b.i(Inst::Ret);
        let f = b.func("main.scale", &fabi);
        let mut g = fib_func(isa, "fmt.fib");
        g.pos = Some(rgo::diag::Pos::new("/src/fib.go".into(), 3, 6));
        program(vec![f, g], vec![data("fmt.table", vec![byte; 8], vec![], true)])
    };
    let emit = |p: &Program, cached: &[Fingerprint]| {
        let fingerprints = rgo::isa::emit::fingerprints(p, isa.name, isa.linux(), b"test");
        let cached = fingerprints.iter().filter(|(_, f)| cached.contains(f)).map(|(u, _)| u.clone()).collect();
        let cache = UnitCache { fingerprints, cached };
        let units = isa.target().emit_units(p, isa.linux(), Some(&cache)).unwrap();
        units.into_iter().map(|u| (u.name, u.fingerprint.expect("fingerprinted"), u.text)).collect::<Vec<_>>()
    };
    let one = emit(&prog(2.5, 1), &[]);
    assert_eq!(one.iter().map(|u| u.0.as_str()).collect::<Vec<_>>(), ["main", "fmt"]);
    assert!(one.iter().all(|u| u.2.contains(".globl")), "every unit is emitted");
    let again = emit(&prog(2.5, 1), &[]);
    assert_eq!(one.iter().map(|u| u.1).collect::<Vec<_>>(), again.iter().map(|u| u.1).collect::<Vec<_>>());
    let float = emit(&prog(3.5, 1), &[]);
    assert_ne!(float[0].1, one[0].1, "a float constant changed main");
    assert_eq!(float[1].1, one[1].1, "fmt did not change");
    let byte = emit(&prog(2.5, 2), &[]);
    assert_eq!(byte[0].1, one[0].1);
    assert_ne!(byte[1].1, one[1].1, "a data byte changed fmt");
    // The cache holds fmt's object: only main is emitted.
    let warm = emit(&prog(3.5, 1), &[one[1].1]);
    assert!(warm[0].2.contains("main.scale:") && warm[1].2.is_empty(), "{warm:?}");
}

fn wrappers_for(isa: &Isa, mm: &MethodM) -> Vec<Func> {
    vec![
        Func {
            sym: "main.M.abi0".into(),
            abi: mm.abi.clone(),
            kind: FuncKind::ToAbi0 { target: "main.M_asm".into() },
            pos: None,
        },
        Func {
            sym: "main.M.abi0entry".into(),
            abi: mm.abi.clone(),
            kind: FuncKind::FromAbi0 { target: "main.S.M$ptr".into() },
            pos: None,
        },
        Func {
            sym: "main.f.abi0".into(),
            abi: no_abi(isa),
            kind: FuncKind::ToAbi0 { target: "main.f_asm".into() },
            pos: None,
        },
        Func {
            sym: "main.g.abi0entry".into(),
            abi: no_abi(isa),
            kind: FuncKind::FromAbi0 { target: "main.g".into() },
            pos: None,
        },
    ]
}

fn golden_abi0_wrappers(isa: &Isa) {
    let mm = method_m(isa);
    golden(isa, "abi0_wrappers", &program(wrappers_for(isa, &mm), vec![]));
}

fn fib_func(isa: &Isa, sym: &str) -> Func {
    let int1 = abi(isa, &[&INT], &[&INT]);
    let mut b = B::default();
    let (n, r, t, a, x, y) = (b.slot(8), b.slot(8), b.slot(1), b.slot(8), b.slot(8), b.slot(8));
    b.body.params = vec![n];
    b.body.results = vec![r];
    let big = b.label();
    b.i(Inst::Bin { op: BinOp::Lt, ty: Scalar::I64, dst: sl(t), a: m(n), b: imm(2) });
    b.i(Inst::JumpIfNot { cond: m(t), target: big });
    b.mov(Scalar::I64, r, m(n));
    b.i(Inst::Ret);
    b.i(Inst::Label(big));
    b.i(Inst::Bin { op: BinOp::Sub, ty: Scalar::I64, dst: sl(a), a: m(n), b: imm(1) });
    b.call(sym, &int1, vec![sl(a)], vec![sl(x)]);
    b.i(Inst::Bin { op: BinOp::Sub, ty: Scalar::I64, dst: sl(a), a: m(n), b: imm(2) });
    b.call(sym, &int1, vec![sl(a)], vec![sl(y)]);
    b.i(Inst::Bin { op: BinOp::Add, ty: Scalar::I64, dst: sl(r), a: m(x), b: m(y) });
    b.func(sym, &int1)
}

fn golden_code(isa: &Isa) {
    // fib, and a function showing closures, floats, globals and C calls.
    let fabi = abi(isa, &[&FLOAT64, &INT8], &[&FLOAT64]);
    let mut b = B::default();
    let (x, k, r, ctx) = (b.slot(8), b.slot(1), b.slot(8), b.slot(8));
    b.body.params = vec![x, k];
    b.body.results = vec![r];
    b.body.ctx = Some(ctx);
    b.i(Inst::Comment("r = x * 2.5 + float64(k) + captured".into()));
    b.i(Inst::Bin { op: BinOp::Mul, ty: Scalar::F64, dst: sl(r), a: m(x), b: Operand::Float(2.5) });
    b.i(Inst::Convert { from: Scalar::I8, to: Scalar::F64, dst: sl(x), src: m(k) });
    b.i(Inst::Bin { op: BinOp::Add, ty: Scalar::F64, dst: sl(r), a: m(r), b: m(x) });
    b.i(Inst::Bin { op: BinOp::Add, ty: Scalar::F64, dst: sl(r), a: m(r), b: Operand::Mem(Addr::Deref(ctx, 8)) });
    b.i(Inst::Move { ty: Scalar::I64, dst: Addr::Global("main.counter".into(), 0), src: imm(1) });
    b.i(Inst::CallRuntime { func: "rgo_print_float", args: vec![(Scalar::F64, m(r))], rets: vec![] });
    let f = b.func("main.scale.func1", &fabi);
    let counter = Data { sym: "main.counter".into(), align: 8, size: 8, init: None, relocs: vec![], readonly: false };
    let clo =
        data("main.scale.func1.f", words(&[0, 0x4000_0000_0000_0000]), vec![reloc(0, "main.scale.func1", 0)], true);
    let s = data("go.string.hello", b"hello, world\n".to_vec(), vec![], true);
    let mut fib = fib_func(isa, "main.fib");
    fib.pos = Some(rgo::diag::Pos::new("/src/fib.go".into(), 3, 6));
    golden(isa, "code", &program(vec![fib, f], vec![counter, clo, s]));
}

// ---- execution: calls ------------------------------------------------------------

fn exec_fib_and_loops(isa: &Isa) {
    let int1 = abi(isa, &[&INT], &[&INT]);
    let mut b = B::default();
    let (a, r) = (b.slot(8), b.slot(8));
    let mut want = Vec::new();
    let fib = |n: i64| -> i64 {
        let (mut x, mut y) = (0i64, 1i64);
        for _ in 0..n {
            (x, y) = (y, x + y);
        }
        x
    };
    for n in [0, 1, 2, 10, 20, 25] {
        b.mov(Scalar::I64, a, imm(n));
        b.call("t.fib", &int1, vec![sl(a)], vec![sl(r)]);
        b.report(Scalar::I64, m(r));
        want.push((format!("fib({n})"), fib(n).to_string()));
    }
    // sum := 0; for i := 1; i <= 100; i++ { sum += i }
    let (sum, i, c) = (b.slot(8), b.slot(8), b.slot(1));
    let (top, done) = (b.label(), b.label());
    b.mov(Scalar::I64, sum, imm(0));
    b.mov(Scalar::I64, i, imm(1));
    b.i(Inst::Label(top));
    b.i(Inst::Bin { op: BinOp::Gt, ty: Scalar::I64, dst: sl(c), a: m(i), b: imm(100) });
    b.i(Inst::JumpIf { cond: m(c), target: done });
    b.i(Inst::Bin { op: BinOp::Add, ty: Scalar::I64, dst: sl(sum), a: m(sum), b: m(i) });
    b.i(Inst::Bin { op: BinOp::Add, ty: Scalar::I64, dst: sl(i), a: m(i), b: imm(1) });
    b.i(Inst::Jump(top));
    b.i(Inst::Label(done));
    b.report(Scalar::I64, m(sum));
    want.push(("sum 1..100".into(), "5050".into()));
    // var x uint8 = 250; for n := 0; n != 10; n++ { x++ }: wraps to 4.
    let (x, n) = (b.slot(1), b.slot(8));
    let (top, done) = (b.label(), b.label());
    b.mov(Scalar::U8, x, imm(250));
    b.mov(Scalar::I64, n, imm(0));
    b.i(Inst::Label(top));
    b.i(Inst::Bin { op: BinOp::Eq, ty: Scalar::I64, dst: sl(c), a: m(n), b: imm(10) });
    b.i(Inst::JumpIf { cond: m(c), target: done });
    b.i(Inst::Bin { op: BinOp::Add, ty: Scalar::U8, dst: sl(x), a: m(x), b: imm(1) });
    b.i(Inst::Bin { op: BinOp::Add, ty: Scalar::I64, dst: sl(n), a: m(n), b: imm(1) });
    // The unfused form: the condition read back from memory.
    b.i(Inst::Bin { op: BinOp::Ne, ty: Scalar::I64, dst: sl(c), a: m(n), b: imm(10) });
    b.i(Inst::Comment("not fused".into()));
    b.i(Inst::JumpIf { cond: m(c), target: top });
    b.i(Inst::Label(done));
    b.report(Scalar::U8, m(x));
    want.push(("uint8 wraparound".into(), "4".into()));
    let main = b.func("rgo_test_main", &no_abi(isa));
    let out = run(isa, "fib_and_loops", &program(vec![fib_func(isa, "t.fib"), main], vec![]));
    check_lines("fib_and_loops", &out, &want);
}

fn exec_calls(isa: &Isa) {
    let mut funcs = Vec::new();
    let mut b = B::default();
    let mut want: Vec<(String, String)> = Vec::new();

    // 11 ints: 9 in registers, 2 on the stack. Returns sum(a_i * (i+1)).
    let ints: Vec<TypeRef> = vec![&INT64; 11];
    let many = abi(isa, &ints, &[&INT64]);
    {
        let mut f = B::default();
        let ps: Vec<SlotId> = (0..11).map(|_| f.slot(8)).collect();
        let (r, t) = (f.slot(8), f.slot(8));
        f.body.params = ps.clone();
        f.body.results = vec![r];
        f.mov(Scalar::I64, r, imm(0));
        for (k, &p) in ps.iter().enumerate() {
            f.i(Inst::Bin { op: BinOp::Mul, ty: Scalar::I64, dst: sl(t), a: m(p), b: imm(k as i64 + 1) });
            f.i(Inst::Bin { op: BinOp::Add, ty: Scalar::I64, dst: sl(r), a: m(r), b: m(t) });
        }
        funcs.push(f.func("t.many", &many));
    }
    let args: Vec<SlotId> = (0..11).map(|_| b.slot(8)).collect();
    let r = b.slot(8);
    for (k, &a) in args.iter().enumerate() {
        b.mov(Scalar::I64, a, imm(1000 * (k as i64 + 1) + 7));
    }
    let expect: i64 = (0..11).map(|k| (1000 * (k + 1) + 7) * (k + 1)).sum();
    b.call("t.many", &many, args.iter().map(|&a| sl(a)).collect(), vec![sl(r)]);
    b.report(Scalar::I64, m(r));
    want.push(("11 int args".into(), expect.to_string()));
    // The same through a code pointer (an interface-style call).
    let fp = b.slot(8);
    b.mov(Scalar::U64, fp, Operand::SymAddr("t.many".into(), 0));
    b.i(Inst::Call {
        callee: Callee::Indirect(m(fp)),
        abi: many.clone(),
        args: args.iter().map(|&a| sl(a)).collect(),
        results: vec![sl(r)],
    });
    b.report(Scalar::I64, m(r));
    want.push(("indirect call".into(), expect.to_string()));

    // 16 float64s: 15 in X0-X14, one on the stack; and a float32.
    let mut fl: Vec<TypeRef> = vec![&FLOAT64; 16];
    fl.push(&FLOAT32);
    let floats = abi(isa, &fl, &[&FLOAT64, &FLOAT32]);
    {
        let mut f = B::default();
        let ps: Vec<SlotId> = (0..16).map(|_| f.slot(8)).collect();
        let p32 = f.slot(4);
        let (r, r32, t) = (f.slot(8), f.slot(4), f.slot(8));
        f.body.params = ps.iter().copied().chain([p32]).collect();
        f.body.results = vec![r, r32];
        f.mov(Scalar::F64, r, Operand::Float(0.0));
        for (k, &p) in ps.iter().enumerate() {
            f.i(Inst::Bin { op: BinOp::Mul, ty: Scalar::F64, dst: sl(t), a: m(p), b: Operand::Float(k as f64 + 1.0) });
            f.i(Inst::Bin { op: BinOp::Add, ty: Scalar::F64, dst: sl(r), a: m(r), b: m(t) });
        }
        f.i(Inst::Bin { op: BinOp::Mul, ty: Scalar::F32, dst: sl(r32), a: m(p32), b: Operand::Float(2.0) });
        funcs.push(f.func("t.floats", &floats));
    }
    let fargs: Vec<SlotId> = (0..16).map(|_| b.slot(8)).collect();
    let f32arg = b.slot(4);
    for (k, &a) in fargs.iter().enumerate() {
        b.mov(Scalar::F64, a, Operand::Float(k as f64 + 0.5));
    }
    b.mov(Scalar::F32, f32arg, Operand::Float(1.25));
    let (fr, fr32, ir) = (b.slot(8), b.slot(4), b.slot(8));
    b.call("t.floats", &floats, fargs.iter().chain([&f32arg]).map(|&a| sl(a)).collect(), vec![sl(fr), sl(fr32)]);
    b.i(Inst::Convert { from: Scalar::F64, to: Scalar::I64, dst: sl(ir), src: m(fr) });
    b.report(Scalar::I64, m(ir));
    let fexpect: f64 = (0..16).map(|k| (k as f64 + 0.5) * (k as f64 + 1.0)).sum();
    want.push(("16 float args".into(), (fexpect as i64).to_string()));
    b.report(Scalar::U32, m(fr32));
    want.push(("float32 result".into(), (2.5f32).to_bits().to_string()));

    // Arrays and structs: a [3]int64 on the stack, a pointer, a float32;
    // results [2]int64 on the stack, a float64 and an int8 in registers.
    let a3 = array_of(&INT64, 3);
    let a2 = array_of(&INT64, 2);
    let arr = abi(isa, &[a3, &FLOAT64, pointer_to(&INT64), &FLOAT32], &[a2, &FLOAT64, &INT8]);
    {
        let mut f = B::default();
        let (pa, px, pp, pf) = (f.slot(24), f.slot(8), f.slot(8), f.slot(4));
        let (r, g, h, t) = (f.slot(16), f.slot(8), f.slot(1), f.slot(8));
        f.body.params = vec![pa, px, pp, pf];
        f.body.results = vec![r, g, h];
        // r = {a[0] + a[2], a[1] + *p}; g = x + float64(f); h = int8(a[0])
        f.i(Inst::Bin { op: BinOp::Add, ty: Scalar::I64, dst: sl(r), a: m(pa), b: Operand::Mem(Addr::Slot(pa, 16)) });
        f.i(Inst::Bin {
            op: BinOp::Add,
            ty: Scalar::I64,
            dst: Addr::Slot(r, 8),
            a: Operand::Mem(Addr::Slot(pa, 8)),
            b: Operand::Mem(Addr::Deref(pp, 0)),
        });
        f.i(Inst::Convert { from: Scalar::F32, to: Scalar::F64, dst: sl(t), src: m(pf) });
        f.i(Inst::Bin { op: BinOp::Add, ty: Scalar::F64, dst: sl(g), a: m(px), b: m(t) });
        f.i(Inst::Convert { from: Scalar::I64, to: Scalar::I8, dst: sl(h), src: m(pa) });
        funcs.push(f.func("t.arr", &arr));
    }
    let (va, vx, vp, vf, target) = (b.slot(24), b.slot(8), b.slot(8), b.slot(4), b.slot(8));
    let (rr, rg, rh, pva) = (b.slot(16), b.slot(8), b.slot(1), b.slot(8));
    b.i(Inst::Move { ty: Scalar::I64, dst: Addr::Slot(va, 0), src: imm(0x1ff) });
    b.i(Inst::Move { ty: Scalar::I64, dst: Addr::Slot(va, 8), src: imm(20) });
    b.i(Inst::Move { ty: Scalar::I64, dst: Addr::Slot(va, 16), src: imm(30) });
    b.mov(Scalar::F64, vx, Operand::Float(0.25));
    b.mov(Scalar::I64, target, imm(5));
    b.i(Inst::AddrOf { dst: sl(vp), src: sl(target) });
    b.mov(Scalar::F32, vf, Operand::Float(0.5));
    // The array argument through a pointer (Deref), to a stack slot.
    b.i(Inst::AddrOf { dst: sl(pva), src: sl(va) });
    b.call("t.arr", &arr, vec![Addr::Deref(pva, 0), sl(vx), sl(vp), sl(vf)], vec![sl(rr), sl(rg), sl(rh)]);
    b.report(Scalar::I64, m(rr));
    b.report(Scalar::I64, Operand::Mem(Addr::Slot(rr, 8)));
    b.i(Inst::Bin { op: BinOp::Mul, ty: Scalar::F64, dst: sl(rg), a: m(rg), b: imm(4) });
    b.i(Inst::Convert { from: Scalar::F64, to: Scalar::I64, dst: sl(ir), src: m(rg) });
    b.report(Scalar::I64, m(ir));
    b.report(Scalar::I8, m(rh));
    for (w, v) in [("r[0]", 0x1ff + 30), ("r[1]", 25), ("g*4", 3), ("h", -1)] {
        want.push((w.into(), v.to_string()));
    }

    // A struct of mixed small fields in registers, round trip.
    let st = struct_of(&[
        Field::new("a", &INT8),
        Field::new("b", &INT16),
        Field::new("c", &FLOAT32),
        Field::new("d", &INT64),
        Field::new("e", &FLOAT64),
    ]);
    let ident = abi(isa, &[st], &[st]);
    {
        let mut f = B::default();
        let (p, r) = (f.slot_of(st), f.slot_of(st));
        f.body.params = vec![p];
        f.body.results = vec![r];
        f.i(Inst::Copy { dst: sl(r), src: sl(p), size: st.size as u32 });
        funcs.push(f.func("t.ident", &ident));
    }
    let (sv, sr) = (b.slot_of(st), b.slot_of(st));
    b.i(Inst::Zero { dst: sl(sr), size: st.size as u32 });
    b.i(Inst::Move { ty: Scalar::I8, dst: Addr::Slot(sv, 0), src: imm(-5) });
    b.i(Inst::Move { ty: Scalar::I16, dst: Addr::Slot(sv, 2), src: imm(-300) });
    b.i(Inst::Move { ty: Scalar::F32, dst: Addr::Slot(sv, 4), src: Operand::Float(1.5) });
    b.i(Inst::Move { ty: Scalar::I64, dst: Addr::Slot(sv, 8), src: imm(1 << 40) });
    b.i(Inst::Move { ty: Scalar::F64, dst: Addr::Slot(sv, 16), src: Operand::Float(-2.0) });
    b.call("t.ident", &ident, vec![sl(sv)], vec![sl(sr)]);
    b.report(Scalar::I8, Operand::Mem(Addr::Slot(sr, 0)));
    b.report(Scalar::I16, Operand::Mem(Addr::Slot(sr, 2)));
    b.report(Scalar::U32, Operand::Mem(Addr::Slot(sr, 4)));
    b.report(Scalar::I64, Operand::Mem(Addr::Slot(sr, 8)));
    b.report(Scalar::U64, Operand::Mem(Addr::Slot(sr, 16)));
    for (w, v) in [
        ("s.a", "-5".to_string()),
        ("s.b", "-300".into()),
        ("s.c", 1.5f32.to_bits().to_string()),
        ("s.d", (1i64 << 40).to_string()),
        ("s.e", (-2.0f64).to_bits().to_string()),
    ] {
        want.push((w.into(), v));
    }

    // Closures: t.clo is {code: t.addc, captured: 40}; t.addc(y) = y + captured.
    let int1 = abi(isa, &[&INT64], &[&INT64]);
    {
        let mut f = B::default();
        let (y, r, c) = (f.slot(8), f.slot(8), f.slot(8));
        f.body.params = vec![y];
        f.body.results = vec![r];
        f.body.ctx = Some(c);
        f.i(Inst::Bin { op: BinOp::Add, ty: Scalar::I64, dst: sl(r), a: m(y), b: Operand::Mem(Addr::Deref(c, 8)) });
        funcs.push(f.func("t.addc", &int1));
    }
    let (fv, y) = (b.slot(8), b.slot(8));
    b.mov(Scalar::I64, y, imm(2));
    b.mov(Scalar::U64, fv, Operand::SymAddr("t.clo".into(), 0));
    b.i(Inst::Call { callee: Callee::Closure(m(fv)), abi: int1.clone(), args: vec![sl(y)], results: vec![sl(r)] });
    b.report(Scalar::I64, m(r));
    want.push(("closure".into(), "42".into()));
    b.i(Inst::Call {
        callee: Callee::Closure(Operand::SymAddr("t.clo".into(), 0)),
        abi: int1.clone(),
        args: vec![sl(r)],
        results: vec![sl(r)],
    });
    b.report(Scalar::I64, m(r));
    want.push(("static closure".into(), "82".into()));

    // C calls: mixed int/float arguments, two results, a float result.
    let (c1, c2) = (b.slot(8), b.slot(8));
    b.i(Inst::CallRuntime {
        func: "rgo_test_mix",
        args: vec![
            (Scalar::I64, imm(100)),
            (Scalar::F64, Operand::Float(2.5)),
            (Scalar::I8, imm(-3)),
            (Scalar::F32, Operand::Float(0.5)),
            (Scalar::I64, imm(30)),
        ],
        rets: vec![(Scalar::I64, sl(c1)), (Scalar::I64, sl(c2))],
    });
    b.report(Scalar::I64, m(c1));
    b.report(Scalar::I64, m(c2));
    want.push(("mix a-c+x+y".into(), "73".into()));
    want.push(("mix b extended".into(), "-3".into()));
    let (i8v, xf) = (b.slot(1), b.slot(8));
    b.mov(Scalar::I8, i8v, imm(-7));
    b.mov(Scalar::F64, xf, Operand::Float(1.5));
    b.i(Inst::CallRuntime {
        func: "rgo_test_mix",
        args: vec![
            (Scalar::I64, imm(1)),
            (Scalar::F64, m(xf)),
            (Scalar::I8, m(i8v)),
            (Scalar::F32, imm(2)),
            (Scalar::I64, imm(0)),
        ],
        rets: vec![(Scalar::I64, sl(c1)), (Scalar::I8, sl(i8v))],
    });
    b.report(Scalar::I64, m(c1));
    b.report(Scalar::I8, m(i8v));
    want.push(("mix from memory".into(), "4".into()));
    want.push(("mix narrow result".into(), "-7".into()));
    b.i(Inst::CallRuntime {
        func: "rgo_test_fma",
        args: vec![(Scalar::F64, Operand::Float(1.5)), (Scalar::I64, imm(4)), (Scalar::F32, Operand::Float(0.25))],
        rets: vec![(Scalar::F64, sl(xf))],
    });
    b.report(Scalar::U64, m(xf));
    want.push(("fma".into(), 6.25f64.to_bits().to_string()));

    // X15 is garbage after every harness call: Zero must not use it as is.
    let z = b.slot(40);
    for k in 0..5 {
        b.i(Inst::Move { ty: Scalar::I64, dst: Addr::Slot(z, k * 8), src: imm(-1) });
    }
    b.report(Scalar::I64, imm(0));
    want.push(("marker".into(), "0".into()));
    b.i(Inst::Zero { dst: Addr::Slot(z, 0), size: 33 });
    for k in 0..5 {
        b.report(Scalar::I64, Operand::Mem(Addr::Slot(z, k * 8)));
        want.push((format!("zeroed word {k}"), if k < 4 { "0" } else { "-256" }.into()));
    }

    funcs.push(b.func("rgo_test_main", &no_abi(isa)));
    let clo = data("t.clo", words(&[0, 40]), vec![reloc(0, "t.addc", 0)], true);
    let out = run(isa, "calls", &program(funcs, vec![clo]));
    check_lines("calls", &out, &want);
}

fn exec_method_wrappers(isa: &Isa) {
    let mm = method_m(isa);
    let mut want = Vec::new();
    let mut b = B::default();
    let (a, x, f, y) = (b.slot(8), b.slot(16), b.slot(8), b.slot(16));
    let (r0, r1, r2, r3, r4) = (b.slot(8), b.slot(8), b.slot(16), b.slot(8), b.slot(16));
    let recv = b.slot(8);
    b.mov(Scalar::I64, a, imm(123));
    b.i(Inst::Move { ty: Scalar::I64, dst: Addr::Slot(x, 0), src: imm(456) });
    b.i(Inst::Move { ty: Scalar::I64, dst: Addr::Slot(x, 8), src: imm(789) });
    b.mov(Scalar::F64, f, Operand::Float(1.25));
    b.i(Inst::Move { ty: Scalar::F64, dst: Addr::Slot(y, 0), src: Operand::Float(3.5) });
    b.i(Inst::Move { ty: Scalar::F64, dst: Addr::Slot(y, 8), src: Operand::Float(5.75) });
    for (wrapper, global, s) in [("t.T.M", "t.t", 42), ("t.T2.M", "t.t2", 77), ("t.T3.M", "t.t3", 99)] {
        b.mov(Scalar::U64, recv, Operand::SymAddr(global.into(), 0));
        b.call(
            wrapper,
            &mm.abi,
            vec![sl(recv), sl(a), sl(x), sl(f), sl(y)],
            vec![sl(r0), sl(r1), sl(r2), sl(r3), sl(r4)],
        );
        b.report(Scalar::I64, m(r0));
        b.report(Scalar::I64, m(r1));
        b.report(Scalar::I64, m(r2));
        b.report(Scalar::I64, Operand::Mem(Addr::Slot(r2, 8)));
        b.report(Scalar::U64, m(r3));
        b.report(Scalar::U64, m(r4));
        b.report(Scalar::U64, Operand::Mem(Addr::Slot(r4, 8)));
        for (w, v) in [
            ("s", s.to_string()),
            ("a", "123".into()),
            ("x[0]", "456".into()),
            ("x[1]", "789".into()),
            ("b", 1.25f64.to_bits().to_string()),
            ("y[0]", 3.5f64.to_bits().to_string()),
            ("y[1]", 5.75f64.to_bits().to_string()),
        ] {
            want.push((format!("{wrapper} {w}"), v));
        }
    }
    let main = b.func("rgo_test_main", &no_abi(isa));
    let mut m_body = s_m_body(&mm);
    m_body.sym = "t.S.M".into();
    let tail = |sym: &str, path: Vec<RecvStep>| Func {
        sym: sym.into(),
        abi: mm.abi.clone(),
        kind: FuncKind::TailWrapper { recv_path: path, target: "t.S.M".into(), nil_target: None },
        pos: None,
    };
    let mut t3 = vec![0u8; 5016];
    t3[5008..5016].copy_from_slice(&99i64.to_le_bytes());
    let prog = program(
        vec![
            m_body,
            tail("t.T.M", vec![RecvStep::Offset(8)]),
            tail("t.T2.M", vec![RecvStep::Offset(8), RecvStep::Load]),
            // T3{pad [5000]byte; p *T4}, T4{x int; S}: far offset, load, offset.
            tail("t.T3.M", vec![RecvStep::Offset(5000), RecvStep::Load, RecvStep::Offset(8)]),
            main,
        ],
        vec![
            data("t.t", words(&[1, 42]), vec![], false),
            data("t.s", words(&[77]), vec![], false),
            data("t.t2", words(&[2, 0]), vec![reloc(8, "t.s", 0)], false),
            // t.t3.p points 8 bytes before the 99 at 5008, at a T4.
            Data {
                sym: "t.t3".into(),
                align: 8,
                size: 5016,
                init: Some(t3),
                relocs: vec![reloc(5000, "t.t3", 5000)],
                readonly: false,
            },
        ],
    );
    let out = run(isa, "method_wrappers", &prog);
    check_lines("method_wrappers", &out, &want);
}

fn exec_method_wrapper_nil_faults(isa: &Isa) {
    use std::os::unix::process::ExitStatusExt;
    let mm = method_m(isa);
    for (name, path) in
        [("nil_offset", vec![RecvStep::Offset(8)]), ("nil_load", vec![RecvStep::Offset(8), RecvStep::Load])]
    {
        let mut b = B::default();
        let slots: Vec<SlotId> = [8, 8, 16, 8, 16].iter().map(|&s| b.slot(s)).collect();
        let res: Vec<SlotId> = [8, 8, 16, 8, 16].iter().map(|&s| b.slot(s)).collect();
        for &s in &slots {
            b.i(Inst::Zero { dst: sl(s), size: 8 });
        }
        b.report(Scalar::I64, imm(1));
        b.call("t.T.M", &mm.abi, slots.iter().map(|&s| sl(s)).collect(), res.iter().map(|&s| sl(s)).collect());
        b.report(Scalar::I64, imm(2));
        let mut m_body = s_m_body(&mm);
        m_body.sym = "t.S.M".into();
        let w = Func {
            sym: "t.T.M".into(),
            abi: mm.abi.clone(),
            kind: FuncKind::TailWrapper { recv_path: path, target: "t.S.M".into(), nil_target: None },
            pos: None,
        };
        let (status, out) = run_raw(isa, name, &program(vec![m_body, w, b.func("rgo_test_main", &no_abi(isa))], vec![]));
        assert_eq!(status.signal(), Some(11), "{name}: a nil receiver must fault in the wrapper ({status})");
        assert_eq!(out, "1\n", "{name}");
    }
}

fn exec_abi0_wrappers(isa: &Isa) {
    let mut want = Vec::new();
    let mut funcs = Vec::new();
    // ABIInternal -> ABI0: t.callee is the ABIInternal face of the
    // harness's rgo_test_abi0_callee.
    let a2 = array_of(&INT64, 2);
    let cabi = abi(isa, &[&INT64, &FLOAT64, a2, &INT8], &[&INT64, &FLOAT64, a2]);
    funcs.push(Func {
        sym: "t.callee".into(),
        abi: cabi.clone(),
        kind: FuncKind::ToAbi0 { target: "rgo_test_abi0_callee".into() },
        pos: None,
    });
    let mut b = B::default();
    let (a, f, c, d) = (b.slot(8), b.slot(8), b.slot(16), b.slot(1));
    let (r1, r2, r3) = (b.slot(8), b.slot(8), b.slot(16));
    b.mov(Scalar::I64, a, imm(1000));
    b.mov(Scalar::F64, f, Operand::Float(1.75));
    b.i(Inst::Move { ty: Scalar::I64, dst: Addr::Slot(c, 0), src: imm(10) });
    b.i(Inst::Move { ty: Scalar::I64, dst: Addr::Slot(c, 8), src: imm(20) });
    b.mov(Scalar::I8, d, imm(-2));
    b.call("t.callee", &cabi, vec![sl(a), sl(f), sl(c), sl(d)], vec![sl(r1), sl(r2), sl(r3)]);
    // The callee left X15 and R14 garbage; the wrapper restored them
    // (Zero below uses X15; the harness checks R14 at exit).
    let z = b.slot(16);
    b.i(Inst::Move { ty: Scalar::I64, dst: Addr::Slot(z, 0), src: imm(-1) });
    b.i(Inst::Move { ty: Scalar::I64, dst: Addr::Slot(z, 8), src: imm(-1) });
    b.i(Inst::Zero { dst: sl(z), size: 16 });
    b.report(Scalar::I64, m(r1));
    b.report(Scalar::U64, m(r2));
    b.report(Scalar::I64, m(r3));
    b.report(Scalar::I64, Operand::Mem(Addr::Slot(r3, 8)));
    b.report(Scalar::I64, m(z));
    b.report(Scalar::I64, Operand::Mem(Addr::Slot(z, 8)));
    for (w, v) in [
        ("r1", "980".to_string()),
        ("r2", 3.5f64.to_bits().to_string()),
        ("r3[0]", "18".into()),
        ("r3[1]", "8".into()),
        ("X15 zero", "0".into()),
        ("X15 zero", "0".into()),
    ] {
        want.push((w.into(), v));
    }
    // A no-argument ABI0 function through ToAbi0: rgo_test_abi0_callee is
    // not it, so use a tiny ABI0 function of our own: t.nop_asm is
    // FromAbi0 of t.nop, which makes a wrapper chain
    // ABIInternal -> ABI0 -> ABIInternal with no values at all.
    funcs.push(Func {
        sym: "t.nop.abi0".into(),
        abi: no_abi(isa),
        kind: FuncKind::ToAbi0 { target: "t.nop.abi0entry".into() },
        pos: None,
    });
    funcs.push(Func {
        sym: "t.nop.abi0entry".into(),
        abi: no_abi(isa),
        kind: FuncKind::FromAbi0 { target: "t.nop".into() },
        pos: None,
    });
    {
        let mut f = B::default();
        f.report(Scalar::I64, imm(7));
        funcs.push(f.func("t.nop", &no_abi(isa)));
    }
    b.call("t.nop.abi0", &no_abi(isa), vec![], vec![]);
    want.push(("no-value wrapper chain".into(), "7".into()));

    // ABI0 -> ABIInternal: the harness's rgo_test_abi0_caller calls
    // rgo_test_from_abi0 (FromAbi0 of t.target) through ABI0.
    let tabi = abi(isa, &[&INT64, a2, &FLOAT64, &FLOAT32], &[&INT64, &FLOAT64, a2]);
    {
        let mut f = B::default();
        let (pa, pb, pc, pd) = (f.slot(8), f.slot(16), f.slot(8), f.slot(4));
        let (q1, q2, q3, t, z) = (f.slot(8), f.slot(8), f.slot(16), f.slot(8), f.slot(16));
        f.body.params = vec![pa, pb, pc, pd];
        f.body.results = vec![q1, q2, q3];
        // X15 must be zero on entry although the ABI0 caller dirtied it.
        f.i(Inst::Move { ty: Scalar::I64, dst: Addr::Slot(z, 0), src: imm(-1) });
        f.i(Inst::Move { ty: Scalar::I64, dst: Addr::Slot(z, 8), src: imm(-1) });
        f.i(Inst::Zero { dst: sl(z), size: 16 });
        f.report(Scalar::I64, m(z));
        f.report(Scalar::I64, Operand::Mem(Addr::Slot(z, 8)));
        // q1 = a + b[0]; q2 = c + float64(d); q3 = {b[1], a}
        f.i(Inst::Bin { op: BinOp::Add, ty: Scalar::I64, dst: sl(q1), a: m(pa), b: m(pb) });
        f.i(Inst::Convert { from: Scalar::F32, to: Scalar::F64, dst: sl(t), src: m(pd) });
        f.i(Inst::Bin { op: BinOp::Add, ty: Scalar::F64, dst: sl(q2), a: m(pc), b: m(t) });
        f.i(Inst::Move { ty: Scalar::I64, dst: Addr::Slot(q3, 0), src: Operand::Mem(Addr::Slot(pb, 8)) });
        f.i(Inst::Move { ty: Scalar::I64, dst: Addr::Slot(q3, 8), src: m(pa) });
        funcs.push(f.func("t.target", &tabi));
    }
    funcs.push(Func {
        sym: "rgo_test_from_abi0".into(),
        abi: tabi.clone(),
        kind: FuncKind::FromAbi0 { target: "t.target".into() },
        pos: None,
    });
    b.i(Inst::CallRuntime {
        func: "rgo_test_abi0_caller",
        args: vec![
            (Scalar::I64, imm(5)),
            (Scalar::I64, imm(6)),
            (Scalar::I64, imm(7)),
            (Scalar::F64, Operand::Float(0.5)),
            (Scalar::F32, Operand::Float(0.25)),
        ],
        rets: vec![],
    });
    for (w, v) in [
        ("X15 zero in target", "0".to_string()),
        ("X15 zero in target", "0".into()),
        ("q1", "11".into()),
        ("q2", 0.75f64.to_bits().to_string()),
        ("q3[0]", "7".into()),
        ("q3[1]", "5".into()),
    ] {
        want.push((w.into(), v));
    }
    funcs.push(b.func("rgo_test_main", &no_abi(isa)));
    let out = run(isa, "abi0_wrappers", &program(funcs, vec![]));
    check_lines("abi0_wrappers", &out, &want);
}

/// Frames and offsets beyond what one instruction reaches (slots past
/// 64 KiB, odd and negative offsets, a 5000-byte stack argument), the
/// frame's special addresses, and a landing pad entered as the runtime's
/// `rgo_resume` enters it (through the harness's `rgo_test_resume`).
fn exec_frames(isa: &Isa) {
    let mut want: Vec<(String, String)> = Vec::new();
    let mut funcs = Vec::new();
    // t.argp(x) = ArgPointer == x; t.fpp(x) = *FramePointer == x (the
    // caller's frame pointer is saved where the frame pointer points).
    for (sym, sp) in [("t.argp", Special::ArgPointer), ("t.fpp", Special::FramePointer)] {
        let mut f = B::default();
        let (x, r, t) = (f.slot(8), f.slot(1), f.slot(8));
        f.body.params = vec![x];
        f.body.results = vec![r];
        f.mov(Scalar::U64, t, Operand::Special(sp));
        if sp == Special::FramePointer {
            f.mov(Scalar::U64, t, Operand::Mem(Addr::Deref(t, 0)));
        }
        f.i(Inst::Bin { op: BinOp::Eq, ty: Scalar::U64, dst: sl(r), a: m(t), b: m(x) });
        let bool1 = abi(isa, &[&INT64], &[&reflect::types::BOOL]);
        funcs.push(f.func(sym, &bool1));
    }
    // t.big(a [5000]uint8, k int64) = a[0] + a[4999] + k, from far offsets
    // of its incoming area.
    let a5000 = array_of(&reflect::types::UINT8, 5000);
    let bigabi = abi(isa, &[a5000, &INT64], &[&INT64]);
    {
        let mut f = B::default();
        let (a, k, r, t) = (f.slot(5000), f.slot(8), f.slot(8), f.slot(8));
        f.body.params = vec![a, k];
        f.body.results = vec![r];
        f.i(Inst::Convert { from: Scalar::U8, to: Scalar::I64, dst: sl(r), src: m(a) });
        f.i(Inst::Convert { from: Scalar::U8, to: Scalar::I64, dst: sl(t), src: Operand::Mem(Addr::Slot(a, 4999)) });
        f.i(Inst::Bin { op: BinOp::Add, ty: Scalar::I64, dst: sl(r), a: m(r), b: m(t) });
        f.i(Inst::Bin { op: BinOp::Add, ty: Scalar::I64, dst: sl(r), a: m(r), b: m(k) });
        funcs.push(f.func("t.big", &bigabi));
    }
    let mut b = B::default();
    let big = b.slot(70000);
    let (p, r, t, fp, pc) = (b.slot(8), b.slot(8), b.slot(8), b.slot(8), b.slot(8));
    let at = |o: i32| Addr::Slot(big, o);
    let cases: [(Scalar, i32, i64); 6] = [
        (Scalar::I64, 69992, 0x1234_5678_9abc_def0),
        (Scalar::I8, 38001, -3),
        (Scalar::I16, 50003, -30000),
        (Scalar::U32, 60004, 0xfedc_ba98),
        (Scalar::I64, 33000, -1 << 40),
        (Scalar::U16, 4095, 65535),
    ];
    for (ty, o, v) in cases {
        b.i(Inst::Move { ty, dst: at(o), src: imm(v) });
        b.report(ty, Operand::Mem(at(o)));
        want.push((format!("{ty:?} at {o}"), v.to_string()));
    }
    // Float at a far offset, through a register-sized move and arithmetic.
    b.i(Inst::Move { ty: Scalar::F64, dst: at(65000), src: Operand::Float(1.5) });
    b.i(Inst::Bin { op: BinOp::Mul, ty: Scalar::F64, dst: at(65008), a: Operand::Mem(at(65000)), b: Operand::Float(3.0) });
    b.report(Scalar::U64, Operand::Mem(at(65008)));
    want.push(("float at 65008".into(), 4.5f64.to_bits().to_string()));
    // Copy and zero between far offsets, sizes below and above the unroll.
    for (k, size) in [(0, 24u32), (1, 304)] {
        let (from, to) = (40000 + k * 1000, 66000 + k * 1000);
        for w in 0..(size as i32 / 8) {
            b.i(Inst::Move { ty: Scalar::I64, dst: at(from + w * 8), src: imm(w as i64 * 3 + 1) });
        }
        b.i(Inst::Copy { dst: at(to), src: at(from), size });
        b.report(Scalar::I64, Operand::Mem(at(to + size as i32 - 8)));
        want.push((format!("far copy {size}"), ((size as i64 / 8 - 1) * 3 + 1).to_string()));
        b.i(Inst::Zero { dst: at(to + 8), size: size - 16 });
        b.report(Scalar::I64, Operand::Mem(at(to + size as i32 - 16)));
        b.report(Scalar::I64, Operand::Mem(at(to + size as i32 - 8)));
        want.push((format!("far zero {size}"), "0".into()));
        want.push((format!("far zero {size} end"), ((size as i64 / 8 - 1) * 3 + 1).to_string()));
    }
    // Through pointers: a far Deref offset touches the base first.
    b.i(Inst::AddrOf { dst: sl(p), src: at(0) });
    b.report(Scalar::I64, Operand::Mem(Addr::Deref(p, 69992)));
    want.push(("deref +69992".into(), 0x1234_5678_9abc_def0i64.to_string()));
    b.i(Inst::AddrOf { dst: sl(p), src: at(69992) });
    b.report(Scalar::I8, Operand::Mem(Addr::Deref(p, 38001 - 69992)));
    want.push(("deref negative".into(), "-3".into()));
    // A 5000-byte stack argument from far in the frame.
    b.i(Inst::Move { ty: Scalar::U8, dst: at(20000), src: imm(11) });
    b.i(Inst::Move { ty: Scalar::U8, dst: at(24999), src: imm(200) });
    b.mov(Scalar::I64, t, imm(1000));
    b.call("t.big", &bigabi, vec![at(20000), sl(t)], vec![sl(r)]);
    b.report(Scalar::I64, m(r));
    want.push(("5000-byte argument".into(), "1211".into()));
    // Special addresses.
    let bool1 = abi(isa, &[&INT64], &[&reflect::types::BOOL]);
    let check_specials = |b: &mut B, want: &mut Vec<(String, String)>, when: &str| {
        b.mov(Scalar::U64, t, Operand::Special(Special::CallArea));
        b.call("t.argp", &bool1, vec![sl(t)], vec![sl(r)]);
        b.report(Scalar::U8, m(r));
        want.push((format!("CallArea is the callee's ArgPointer {when}"), "1".into()));
        b.mov(Scalar::U64, t, Operand::Special(Special::FramePointer));
        b.call("t.fpp", &bool1, vec![sl(t)], vec![sl(r)]);
        b.report(Scalar::U8, m(r));
        want.push((format!("the callee saves FramePointer {when}"), "1".into()));
    };
    check_specials(&mut b, &mut want, "before");
    // Resume at a landing pad with only the frame pointer right.
    let landing = b.label();
    b.mov(Scalar::U64, fp, Operand::Special(Special::FramePointer));
    b.mov(Scalar::U64, pc, Operand::Special(Special::Label(landing)));
    b.i(Inst::CallRuntime { func: "rgo_test_resume", args: vec![(Scalar::U64, m(fp)), (Scalar::U64, m(pc))], rets: vec![] });
    b.report(Scalar::I64, imm(-1));
    b.i(Inst::Landing(landing));
    b.report(Scalar::I64, imm(2));
    want.push(("landed".into(), "2".into()));
    check_specials(&mut b, &mut want, "after landing");
    b.report(Scalar::I64, Operand::Mem(at(69992)));
    want.push(("frame intact after landing".into(), 0x1234_5678_9abc_def0i64.to_string()));
    funcs.push(b.func("rgo_test_main", &no_abi(isa)));
    let out = run(isa, "frames", &program(funcs, vec![]));
    check_lines("frames", &out, &want);
}

/// A function longer than a conditional branch reaches on some ISAs
/// (arm64: 1 MiB): a loop whose exit test jumps forward over 90 000
/// stores and whose back edge spans them, a condition tested by value
/// (`JumpIf` on a stored bool), and a landing pad's address taken across
/// the whole body.
fn exec_long_function(isa: &Isa) {
    let mut b = B::default();
    let (i, c, t, sum, pc) = (b.slot(8), b.slot(1), b.slot(8), b.slot(8), b.slot(8));
    let (top, done, skip, far) = (b.label(), b.label(), b.label(), b.label());
    b.mov(Scalar::I64, i, imm(0));
    b.mov(Scalar::I64, sum, imm(0));
    b.mov(Scalar::I64, t, imm(0));
    b.mov(Scalar::U64, pc, Operand::Special(Special::Label(far)));
    b.i(Inst::Label(top));
    b.i(Inst::Bin { op: BinOp::Ge, ty: Scalar::I64, dst: sl(c), a: m(i), b: imm(3) });
    b.i(Inst::JumpIf { cond: m(c), target: done });
    b.i(Inst::Bin { op: BinOp::Eq, ty: Scalar::I64, dst: sl(c), a: m(i), b: imm(1) });
    b.i(Inst::Comment("tested by value, not fused".into()));
    b.i(Inst::JumpIfNot { cond: m(c), target: skip });
    for k in 0..90_000i64 {
        b.mov(Scalar::I64, t, imm(0x1234_5678 + k));
    }
    b.i(Inst::Label(skip));
    b.i(Inst::Bin { op: BinOp::Add, ty: Scalar::I64, dst: sl(sum), a: m(sum), b: m(t) });
    b.i(Inst::Bin { op: BinOp::Add, ty: Scalar::I64, dst: sl(i), a: m(i), b: imm(1) });
    b.i(Inst::Jump(top));
    b.i(Inst::Label(done));
    b.report(Scalar::I64, m(i));
    b.report(Scalar::I64, m(sum));
    // The landing pad is never entered; its address must still resolve.
    b.i(Inst::Jump(far));
    b.i(Inst::Landing(far));
    b.i(Inst::Bin { op: BinOp::Ne, ty: Scalar::U64, dst: sl(c), a: m(pc), b: imm(0) });
    b.report(Scalar::U8, m(c));
    let out = run(isa, "long_function", &program(vec![b.func("rgo_test_main", &no_abi(isa))], vec![]));
    // t holds 0 until the one pass (i == 1) through the stores.
    let want = [("i", "3".to_string()), ("sum", (2 * (0x1234_5678 + 89_999)).to_string()), ("label", "1".into())];
    check_lines("long_function", &out, &want.map(|(w, v)| (w.to_string(), v)));
}

// ---- execution: memory ------------------------------------------------------------

fn exec_memory(isa: &Isa) {
    let mut want = Vec::new();
    let mut b = B::default();
    let pattern: Vec<u8> = (0..600u32).map(|i| (i % 251) as u8 + 1).collect();
    let word = |bytes: &[u8], at: usize| i64::from_le_bytes(bytes[at..at + 8].try_into().unwrap());
    let g = |s: &str, off: i32| Addr::Global(s.into(), off);
    // Copies of every size class: unrolled (1..=256 bytes) and rep movsb.
    for (k, size) in [1u32, 3, 7, 8, 15, 16, 17, 31, 40, 255, 256, 257, 600].into_iter().enumerate() {
        let dst = format!("t.dst{k}");
        b.i(Inst::Copy { dst: g(&dst, 0), src: g("t.src", 0), size });
        // Sum the copied bytes plus the one past the end (must stay 0).
        let (sum, i, c, t, p) = (b.slot(8), b.slot(8), b.slot(1), b.slot(8), b.slot(8));
        let (top, done) = (b.label(), b.label());
        b.mov(Scalar::I64, sum, imm(0));
        b.mov(Scalar::I64, i, imm(0));
        b.i(Inst::Label(top));
        b.i(Inst::Bin { op: BinOp::Gt, ty: Scalar::I64, dst: sl(c), a: m(i), b: imm(size as i64) });
        b.i(Inst::JumpIf { cond: m(c), target: done });
        b.i(Inst::AddrOf { dst: sl(p), src: g(&dst, 0) });
        b.i(Inst::Bin { op: BinOp::Add, ty: Scalar::U64, dst: sl(p), a: m(p), b: m(i) });
        b.i(Inst::Convert { from: Scalar::U8, to: Scalar::I64, dst: sl(t), src: Operand::Mem(Addr::Deref(p, 0)) });
        b.i(Inst::Bin { op: BinOp::Mul, ty: Scalar::I64, dst: sl(t), a: m(t), b: m(i) });
        b.i(Inst::Bin { op: BinOp::Add, ty: Scalar::I64, dst: sl(sum), a: m(sum), b: m(t) });
        b.i(Inst::Bin { op: BinOp::Add, ty: Scalar::I64, dst: sl(i), a: m(i), b: imm(1) });
        b.i(Inst::Jump(top));
        b.i(Inst::Label(done));
        b.report(Scalar::I64, m(sum));
        let expect: i64 = (0..size as usize).map(|j| pattern[j] as i64 * j as i64).sum();
        want.push((format!("copy {size}"), expect.to_string()));
    }
    // Zero of every size class in a 700-byte block of 0xff, then the
    // words around the end.
    for size in [5u32, 16, 24, 33, 256, 300, 650] {
        b.i(Inst::Copy { dst: g("t.ff", 0), src: g("t.ff_init", 0), size: 708 });
        b.i(Inst::Zero { dst: g("t.ff", 0), size });
        let last = (size as i32 - 8).max(0);
        b.report(Scalar::I64, Operand::Mem(g("t.ff", 0)));
        b.report(Scalar::I64, Operand::Mem(g("t.ff", last)));
        b.report(Scalar::I64, Operand::Mem(g("t.ff", size as i32)));
        let mut img = vec![0xffu8; 708];
        img[..size as usize].fill(0);
        for at in [0, last as usize, size as usize] {
            want.push((format!("zero {size} at {at}"), word(&img, at).to_string()));
        }
    }
    // A Copy through pointers (Deref on both sides) and AddrOf of a Deref.
    let (ps, pd, pq) = (b.slot(8), b.slot(8), b.slot(8));
    b.mov(Scalar::U64, ps, Operand::SymAddr("t.src".into(), 8));
    b.i(Inst::AddrOf { dst: sl(pd), src: g("t.dst0", 0) });
    b.i(Inst::Copy { dst: Addr::Deref(pd, 4), src: Addr::Deref(ps, 2), size: 12 });
    b.i(Inst::AddrOf { dst: sl(pq), src: Addr::Deref(pd, 4) });
    b.report(Scalar::I64, Operand::Mem(Addr::Deref(pq, 0)));
    want.push(("deref copy".into(), word(&pattern, 10).to_string()));
    // Globals with relocations: t.ptrs = {&t.src + 3, &t.src - 0 + 600 - 8}.
    let pp = b.slot(8);
    b.mov(Scalar::U64, pp, Operand::Mem(g("t.ptrs", 0)));
    b.report(Scalar::U8, Operand::Mem(Addr::Deref(pp, 0)));
    want.push(("reloc +3".into(), pattern[3].to_string()));
    b.mov(Scalar::U64, pp, Operand::Mem(g("t.ptrs", 8)));
    b.report(Scalar::I64, Operand::Mem(Addr::Deref(pp, -8)));
    want.push(("reloc negative".into(), word(&pattern, 592).to_string()));
    // Read-only string data.
    b.report(Scalar::U8, Operand::Mem(g("t.hello", 4)));
    want.push(("rodata".into(), (b'o').to_string()));

    let mut datas = vec![
        data("t.src", pattern.clone(), vec![], true),
        data("t.ff_init", vec![0xff; 708], vec![], true),
        Data { sym: "t.ff".into(), align: 16, size: 708, init: None, relocs: vec![], readonly: false },
        Data {
            sym: "t.ptrs".into(),
            align: 8,
            size: 16,
            init: None,
            relocs: vec![reloc(0, "t.src", 3), reloc(8, "t.src", 600)],
            readonly: true,
        },
        Data {
            sym: "t.hello".into(),
            align: 1,
            size: 5,
            init: Some(b"hello".to_vec()),
            relocs: vec![],
            readonly: true,
        },
    ];
    for k in 0..13 {
        datas.push(Data { sym: format!("t.dst{k}"), align: 8, size: 608, init: None, relocs: vec![], readonly: false });
    }
    let out = run(isa, "memory", &program(vec![b.func("rgo_test_main", &no_abi(isa))], datas));
    check_lines("memory", &out, &want);
}

// ---- execution: arithmetic against a reference model ---------------------------------

const INTS: [Scalar; 8] =
    [Scalar::I8, Scalar::I16, Scalar::I32, Scalar::I64, Scalar::U8, Scalar::U16, Scalar::U32, Scalar::U64];

/// `v` truncated to `ty` and extended by its signedness.
fn norm(ty: Scalar, v: i128) -> i128 {
    let v = v as i64;
    match ty {
        Scalar::I8 => v as i8 as i128,
        Scalar::I16 => v as i16 as i128,
        Scalar::I32 => v as i32 as i128,
        Scalar::I64 => v as i128,
        Scalar::U8 => v as u8 as i128,
        Scalar::U16 => v as u16 as i128,
        Scalar::U32 => v as u32 as i128,
        Scalar::U64 => v as u64 as i128,
        _ => unreachable!(),
    }
}

fn min_of(ty: Scalar) -> i64 {
    match ty {
        Scalar::I8 => i8::MIN as i64,
        Scalar::I16 => i16::MIN as i64,
        Scalar::I32 => i32::MIN as i64,
        Scalar::I64 => i64::MIN,
        _ => 0,
    }
}

fn max_of(ty: Scalar) -> i64 {
    match ty {
        Scalar::I8 => i8::MAX as i64,
        Scalar::I16 => i16::MAX as i64,
        Scalar::I32 => i32::MAX as i64,
        Scalar::U8 => u8::MAX as i64,
        Scalar::U16 => u16::MAX as i64,
        Scalar::U32 => u32::MAX as i64,
        _ => i64::MAX,
    }
}

/// Go's result of `a op b` at type `ty` (comparisons give 0/1).
fn go_bin(op: BinOp, ty: Scalar, a: i64, b: i64) -> i128 {
    let bits = ty.size() as u64 * 8;
    let (x, y) = (norm(ty, a as i128), norm(ty, b as i128));
    let r = match op {
        BinOp::Add => x.wrapping_add(y),
        BinOp::Sub => x.wrapping_sub(y),
        BinOp::Mul => x.wrapping_mul(y),
        // (U64 only: both operands are non-negative here.)
        BinOp::MulHigh => ((x as u128 * y as u128) >> 64) as i128,
        BinOp::Div => x / y,
        BinOp::Rem => x % y,
        BinOp::And => x & y,
        BinOp::Or => x | y,
        BinOp::Xor => x ^ y,
        BinOp::AndNot => x & !y,
        BinOp::Shl => {
            if b as u64 >= bits {
                0
            } else {
                x << (b as u64)
            }
        }
        BinOp::Shr => {
            if b as u64 >= bits {
                if x < 0 {
                    -1
                } else {
                    0
                }
            } else {
                x >> (b as u64)
            }
        }
        BinOp::Eq => return (x == y) as i128,
        BinOp::Ne => return (x != y) as i128,
        BinOp::Lt => return (x < y) as i128,
        BinOp::Le => return (x <= y) as i128,
        BinOp::Gt => return (x > y) as i128,
        BinOp::Ge => return (x >= y) as i128,
    };
    norm(ty, r)
}

/// Builds `main` for a table of cases: each case stores its operands to
/// memory, computes, and reports; `want` collects the expected lines.
struct Table<'a> {
    isa: &'a Isa,
    b: B,
    want: Vec<(String, String)>,
    sa: SlotId,
    sb: SlotId,
    sd: SlotId,
}

impl Table<'_> {
    fn new(isa: &Isa) -> Table<'_> {
        let mut b = B::default();
        let (sa, sb, sd) = (b.slot(8), b.slot(8), b.slot(8));
        Table { isa, b, want: Vec::new(), sa, sb, sd }
    }

    fn report(&mut self, ty: Scalar, what: String, want: String) {
        self.b.report(ty, m(self.sd));
        self.want.push((what, want));
    }

    fn run(self, name: &str) {
        let Table { isa, b, want, .. } = self;
        let out = run(isa, name, &program(vec![b.func("rgo_test_main", &no_abi(isa))], vec![]));
        check_lines(name, &out, &want);
    }
}

fn exec_int_arith(isa: &Isa) {
    use BinOp::*;
    let mut t = Table::new(isa);
    for ty in INTS {
        let xs = [1, -1, min_of(ty), max_of(ty), -7, 5, 0];
        let ys = [1, -1, 3, min_of(ty), max_of(ty), -7];
        for op in [Add, Sub, Mul, MulHigh, Div, Rem, And, Or, Xor, AndNot, Eq, Ne, Lt, Le, Gt, Ge] {
            // The high half of a product is of unsigned 64-bit values only.
            if op == MulHigh && ty != Scalar::U64 {
                continue;
            }
            for &x in &xs {
                for &y in &ys {
                    let y = norm(ty, y as i128) as i64;
                    if y == 0 {
                        continue;
                    }
                    let want = go_bin(op, ty, x, y).to_string();
                    let rty = if matches!(op, Eq | Ne | Lt | Le | Gt | Ge) { Scalar::U8 } else { ty };
                    let what = format!("{ty:?} {x} {op:?} {y}");
                    // Both operands from memory, then the immediate form,
                    // then the first operand an immediate.
                    t.b.mov(ty, t.sa, imm(x));
                    t.b.mov(ty, t.sb, imm(y));
                    let (sa, sb, sd) = (t.sa, t.sb, t.sd);
                    t.b.i(Inst::Bin { op, ty, dst: sl(sd), a: m(sa), b: m(sb) });
                    t.report(rty, format!("{what} (mem)"), want.clone());
                    t.b.i(Inst::Bin { op, ty, dst: sl(sd), a: m(sa), b: imm(y) });
                    t.report(rty, format!("{what} (imm)"), want.clone());
                    t.b.i(Inst::Bin { op, ty, dst: sl(sd), a: imm(x), b: m(sb) });
                    t.report(rty, format!("{what} (imm a)"), want);
                }
            }
        }
    }
    // Hand-written edge cases, independent of the model.
    let hand: &[(BinOp, Scalar, i64, i64, &str)] = &[
        (Div, Scalar::I64, i64::MIN, -1, "-9223372036854775808"),
        (Rem, Scalar::I64, i64::MIN, -1, "0"),
        (Div, Scalar::I32, i32::MIN as i64, -1, "-2147483648"),
        (Rem, Scalar::I32, i32::MIN as i64, -1, "0"),
        (Div, Scalar::I8, -128, -1, "-128"),
        (Rem, Scalar::I8, -128, -1, "0"),
        (Div, Scalar::I64, 7, -2, "-3"),
        (Rem, Scalar::I64, 7, -2, "1"),
        (Rem, Scalar::I64, -7, 2, "-1"),
        (Div, Scalar::U64, -1, 3, "6148914691236517205"),
        (Rem, Scalar::U8, 200, 7, "4"),
        (Add, Scalar::I8, 127, 1, "-128"),
        (Add, Scalar::U8, 255, 1, "0"),
        (Add, Scalar::I16, 32767, 1, "-32768"),
        (Mul, Scalar::I8, -128, -1, "-128"),
        (Mul, Scalar::U32, 0x10000, 0x10000, "0"),
        // Powers of two (a shift on some ISAs), up to the top bit and past
        // the width (an immediate wider than the type).
        (Mul, Scalar::I64, -5, 16, "-80"),
        (Mul, Scalar::I64, 3, 1 << 62, "-4611686018427387904"),
        (Mul, Scalar::U32, 3, 1 << 31, "2147483648"),
        (Mul, Scalar::U32, 3, 1 << 33, "0"),
        (Mul, Scalar::I8, -3, 16, "-48"),
        (Mul, Scalar::U8, 3, 128, "128"),
        (Mul, Scalar::I16, 7, 2, "14"),
        (AndNot, Scalar::I64, 0b1100, 0b1010, "4"),
        (Lt, Scalar::I64, -1, 1, "1"),
        (Lt, Scalar::U64, -1, 1, "0"),
        (Lt, Scalar::I8, -1, 0, "1"),
        (Gt, Scalar::U8, 255, 0, "1"),
    ];
    for &(op, ty, x, y, want) in hand {
        let rty = if matches!(op, Eq | Ne | Lt | Le | Gt | Ge) { Scalar::U8 } else { ty };
        let (sa, sb, sd) = (t.sa, t.sb, t.sd);
        t.b.mov(ty, sa, imm(x));
        t.b.mov(ty, sb, imm(y));
        t.b.i(Inst::Bin { op, ty, dst: sl(sd), a: m(sa), b: m(sb) });
        t.report(rty, format!("hand: {ty:?} {x} {op:?} {y}"), want.into());
        t.b.i(Inst::Bin { op, ty, dst: sl(sd), a: m(sa), b: imm(y) });
        t.report(rty, format!("hand: {ty:?} {x} {op:?} {y} (imm)"), want.into());
    }
    t.run("int_arith");
}

fn exec_shifts_and_unary(isa: &Isa) {
    use BinOp::*;
    let mut t = Table::new(isa);
    let counts: [i64; 12] = [0, 1, 7, 8, 15, 16, 31, 32, 63, 64, 100, -1];
    for ty in INTS {
        for x in [1, -1, min_of(ty), max_of(ty), 0x5a, -0x81] {
            for &c in &counts {
                for op in [Shl, Shr] {
                    let want = go_bin(op, ty, x, c).to_string();
                    let what = format!("{ty:?} {x} {op:?} {}", c as u64);
                    let (sa, sb, sd) = (t.sa, t.sb, t.sd);
                    t.b.mov(ty, sa, imm(x));
                    // The count is always an unsigned 64-bit value.
                    t.b.mov(Scalar::U64, sb, imm(c));
                    t.b.i(Inst::Bin { op, ty, dst: sl(sd), a: m(sa), b: m(sb) });
                    t.report(ty, format!("{what} (mem)"), want.clone());
                    t.b.i(Inst::Bin { op, ty, dst: sl(sd), a: m(sa), b: imm(c) });
                    t.report(ty, format!("{what} (imm)"), want);
                }
            }
            // Unary: -x, ^x.
            let (sa, sd) = (t.sa, t.sd);
            t.b.mov(ty, sa, imm(x));
            t.b.i(Inst::Un { op: UnOp::Neg, ty, dst: sl(sd), a: m(sa) });
            t.report(ty, format!("-{x} {ty:?}"), norm(ty, -norm(ty, x as i128)).to_string());
            t.b.i(Inst::Un { op: UnOp::Com, ty, dst: sl(sd), a: m(sa) });
            t.report(ty, format!("^{x} {ty:?}"), norm(ty, !norm(ty, x as i128)).to_string());
        }
    }
    for v in [0, 1] {
        let (sa, sd) = (t.sa, t.sd);
        t.b.mov(Scalar::U8, sa, imm(v));
        t.b.i(Inst::Un { op: UnOp::Not, ty: Scalar::U8, dst: sl(sd), a: m(sa) });
        t.report(Scalar::U8, format!("!{v}"), (1 - v).to_string());
    }
    t.run("shifts_and_unary");
}

fn exec_float_arith(isa: &Isa) {
    use BinOp::*;
    let mut t = Table::new(isa);
    let f64s = [0.0, -0.0, 1.5, -2.25, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e300, 3.0];
    for &x in &f64s {
        for &y in &f64s {
            for op in [Add, Sub, Mul, Div, Eq, Ne, Lt, Le, Gt, Ge] {
                let (sa, sb, sd) = (t.sa, t.sb, t.sd);
                let what = format!("{x} {op:?} {y}");
                t.b.mov(Scalar::F64, sa, Operand::Float(x));
                t.b.mov(Scalar::F64, sb, Operand::Float(y));
                t.b.i(Inst::Bin { op, ty: Scalar::F64, dst: sl(sd), a: m(sa), b: m(sb) });
                let (r, rty) = match op {
                    Add => (Some(x + y), Scalar::U64),
                    Sub => (Some(x - y), Scalar::U64),
                    Mul => (Some(x * y), Scalar::U64),
                    Div => (Some(x / y), Scalar::U64),
                    Eq => (None, Scalar::U8),
                    Ne => (None, Scalar::U8),
                    _ => (None, Scalar::U8),
                };
                let cmp = match op {
                    Eq => x == y,
                    Ne => x != y,
                    Lt => x < y,
                    Le => x <= y,
                    Gt => x > y,
                    Ge => x >= y,
                    _ => false,
                };
                match r {
                    // A NaN's payload is not Go's business: check NaN-ness.
                    Some(r) if r.is_nan() => {
                        t.b.i(Inst::Bin { op: Ne, ty: Scalar::F64, dst: sl(sd), a: m(sd), b: m(sd) });
                        t.report(Scalar::U8, format!("{what} is NaN"), "1".into());
                    }
                    Some(r) => t.report(rty, what, r.to_bits().to_string()),
                    None => {
                        t.report(rty, what.clone(), (cmp as u8).to_string());
                        // Immediate (constant pool) operand too.
                        t.b.i(Inst::Bin { op, ty: Scalar::F64, dst: sl(sd), a: m(sa), b: Operand::Float(y) });
                        t.report(rty, format!("{what} (const)"), (cmp as u8).to_string());
                    }
                }
            }
        }
    }
    let f32s = [0.0f32, -0.0, 1.5, -2.25, f32::NAN, f32::INFINITY, 3.0, 1e30];
    for &x in &f32s {
        for &y in &f32s {
            for op in [Add, Mul, Div, Eq, Ne, Lt, Ge] {
                let (sa, sb, sd) = (t.sa, t.sb, t.sd);
                let what = format!("f32 {x} {op:?} {y}");
                t.b.mov(Scalar::F32, sa, Operand::Float(x as f64));
                t.b.mov(Scalar::F32, sb, Operand::Float(y as f64));
                t.b.i(Inst::Bin { op, ty: Scalar::F32, dst: sl(sd), a: m(sa), b: m(sb) });
                let r = match op {
                    Add => Some(x + y),
                    Mul => Some(x * y),
                    Div => Some(x / y),
                    _ => None,
                };
                match r {
                    Some(r) if r.is_nan() => {
                        t.b.i(Inst::Bin { op: Ne, ty: Scalar::F32, dst: sl(sd), a: m(sd), b: m(sd) });
                        t.report(Scalar::U8, format!("{what} is NaN"), "1".into());
                    }
                    Some(r) => t.report(Scalar::U32, what, r.to_bits().to_string()),
                    None => {
                        let c = match op {
                            Eq => x == y,
                            Ne => x != y,
                            Lt => x < y,
                            _ => x >= y,
                        };
                        t.report(Scalar::U8, what, (c as u8).to_string());
                    }
                }
            }
        }
    }
    // Negation flips the sign bit, NaNs included.
    for bits in [0u64, 0x8000_0000_0000_0000, 1.5f64.to_bits(), f64::INFINITY.to_bits(), 0x7ff8_0000_0000_0001] {
        let (sa, sd) = (t.sa, t.sd);
        t.b.mov(Scalar::U64, sa, imm(bits as i64));
        t.b.i(Inst::Un { op: UnOp::Neg, ty: Scalar::F64, dst: sl(sd), a: m(sa) });
        t.report(Scalar::U64, format!("-bits({bits:#x})"), (bits ^ 1 << 63).to_string());
    }
    for bits in [0u32, 0x8000_0000, 1.5f32.to_bits(), 0x7fc0_0001] {
        let (sa, sd) = (t.sa, t.sd);
        t.b.mov(Scalar::U32, sa, imm(bits as i64));
        t.b.i(Inst::Un { op: UnOp::Neg, ty: Scalar::F32, dst: sl(sd), a: m(sa) });
        t.report(Scalar::U32, format!("-bits32({bits:#x})"), (bits ^ 1 << 31).to_string());
    }
    let sd = t.sd;
    t.b.i(Inst::Un { op: UnOp::Neg, ty: Scalar::F64, dst: sl(sd), a: Operand::Float(0.0) });
    t.report(Scalar::U64, "-0.0 const".into(), (1u64 << 63).to_string());
    t.run("float_arith");
}

fn exec_convert(isa: &Isa) {
    let mut t = Table::new(isa);
    // Integer to integer, every pair.
    for from in INTS {
        for x in [1, -1, min_of(from), max_of(from), 0x1ff, -0x1234_5678_9abc] {
            for to in INTS {
                let x = norm(from, x as i128) as i64;
                let want = norm(to, norm(from, x as i128)).to_string();
                let (sa, sd) = (t.sa, t.sd);
                t.b.mov(from, sa, imm(x));
                t.b.i(Inst::Convert { from, to, dst: sl(sd), src: m(sa) });
                t.report(to, format!("{to:?}({from:?} {x})"), want.clone());
                t.b.i(Inst::Convert { from, to, dst: sl(sd), src: imm(x) });
                t.report(to, format!("{to:?}({from:?} {x}) (imm)"), want);
            }
        }
    }
    // Integer to float.
    let i2f: &[(Scalar, i64)] = &[
        (Scalar::I64, -3),
        (Scalar::I64, i64::MIN),
        (Scalar::I8, -128),
        (Scalar::U8, 255),
        (Scalar::U32, u32::MAX as i64),
        (Scalar::I32, i32::MIN as i64),
        (Scalar::U64, 1 << 62),
        (Scalar::U64, i64::MIN),        // 2^63
        (Scalar::U64, i64::MIN + 2048), // 2^63 + 2048, exact
        (Scalar::U64, i64::MIN + 1025), // rounds up (needs the sticky bit)
        (Scalar::U64, i64::MIN + 1024), // a tie: rounds to even (down)
        (Scalar::U64, -1),              // 2^64 - 1 rounds to 2^64
        (Scalar::I64, 16_777_217),      // not exact in float32
    ];
    for &(from, x) in i2f {
        let (sa, sd) = (t.sa, t.sd);
        t.b.mov(from, sa, imm(x));
        let v = norm(from, x as i128);
        t.b.i(Inst::Convert { from, to: Scalar::F64, dst: sl(sd), src: m(sa) });
        let want64 = if from == Scalar::U64 { (v as u64 as f64).to_bits() } else { (v as i64 as f64).to_bits() };
        t.report(Scalar::U64, format!("float64({from:?} {v})"), want64.to_string());
        t.b.i(Inst::Convert { from, to: Scalar::F32, dst: sl(sd), src: m(sa) });
        let want32 = if from == Scalar::U64 { (v as u64 as f32).to_bits() } else { (v as i64 as f32).to_bits() };
        t.report(Scalar::U32, format!("float32({from:?} {v})"), want32.to_string());
    }
    // Float to integer (in range: out-of-range results are
    // implementation-specific in Go).
    let f2i: &[(f64, Scalar, &str)] = &[
        (-3.7, Scalar::I64, "-3"),
        (3.99, Scalar::I8, "3"),
        (-128.5, Scalar::I8, "-128"),
        (300.0, Scalar::U8, "44"), // through int32, truncated, as gc does
        (65535.9, Scalar::U16, "65535"),
        (4294967295.0, Scalar::U32, "4294967295"),
        (-2147483648.0, Scalar::I32, "-2147483648"),
        (9223372036854775808.0, Scalar::U64, "9223372036854775808"),
        (18000000000000000000.0, Scalar::U64, "18000000000000000000"),
        (9223372036854777856.0, Scalar::U64, "9223372036854777856"),
        (9.5, Scalar::U64, "9"),
        (-9.0e18, Scalar::I64, "-9000000000000000000"),
    ];
    for &(x, to, want) in f2i {
        let (sa, sd) = (t.sa, t.sd);
        t.b.mov(Scalar::F64, sa, Operand::Float(x));
        t.b.i(Inst::Convert { from: Scalar::F64, to, dst: sl(sd), src: m(sa) });
        t.report(to, format!("{to:?}(float64 {x})"), want.into());
        if (x as f32) as f64 == x {
            // The same value as a float32 converts the same.
            t.b.mov(Scalar::F32, sa, Operand::Float(x));
            t.b.i(Inst::Convert { from: Scalar::F32, to, dst: sl(sd), src: m(sa) });
            t.report(to, format!("{to:?}(float32 {x})"), want.into());
        }
    }
    // uint64 -> float64 -> uint64 round trips above 2^63.
    for x in [i64::MIN + 1025, -4096, i64::MIN] {
        let (sa, sb, sd) = (t.sa, t.sb, t.sd);
        t.b.mov(Scalar::U64, sa, imm(x));
        t.b.i(Inst::Convert { from: Scalar::U64, to: Scalar::F64, dst: sl(sb), src: m(sa) });
        t.b.i(Inst::Convert { from: Scalar::F64, to: Scalar::U64, dst: sl(sd), src: m(sb) });
        t.report(Scalar::U64, format!("round trip {}", x as u64), ((x as u64 as f64) as u64).to_string());
    }
    // float32 <-> float64.
    for x in [0.1f64, -0.0, 1e300, f64::INFINITY, 16777217.0] {
        let (sa, sb, sd) = (t.sa, t.sb, t.sd);
        t.b.mov(Scalar::F64, sa, Operand::Float(x));
        t.b.i(Inst::Convert { from: Scalar::F64, to: Scalar::F32, dst: sl(sb), src: m(sa) });
        t.b.i(Inst::Move { ty: Scalar::U64, dst: sl(sd), src: imm(0) });
        t.b.i(Inst::Move { ty: Scalar::U32, dst: sl(sd), src: m(sb) });
        t.report(Scalar::U64, format!("float32({x})"), (x as f32).to_bits().to_string());
        t.b.i(Inst::Convert { from: Scalar::F32, to: Scalar::F64, dst: sl(sd), src: m(sb) });
        t.report(Scalar::U64, format!("float64(float32({x}))"), ((x as f32) as f64).to_bits().to_string());
    }
    // Identity float conversion.
    let (sa, sd) = (t.sa, t.sd);
    t.b.mov(Scalar::F64, sa, Operand::Float(2.5));
    t.b.i(Inst::Convert { from: Scalar::F64, to: Scalar::F64, dst: sl(sd), src: m(sa) });
    t.report(Scalar::U64, "float64(2.5)".into(), 2.5f64.to_bits().to_string());
    t.run("convert");
}

/// Float-to-integer conversions out of range and of NaN, each ISA against
/// its model of what gc produces there ([`Isa::f2i`]).
fn exec_convert_out_of_range(isa: &Isa) {
    let mut t = Table::new(isa);
    let xs = [
        f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -0.5, 1e10, -1e10, 3e9, 5e9, -3e9, 1e19, 2e19, -1e19, 300.0, -300.0,
        70000.0, 4294967296.0, -2147483649.0, 2147483648.0, 9223372036854775808.0, -9223372036854777856.0,
    ];
    for x in xs {
        for to in INTS {
            for from in [Scalar::F64, Scalar::F32] {
                let v = if from == Scalar::F32 { x as f32 as f64 } else { x };
                let (sa, sd) = (t.sa, t.sd);
                t.b.mov(from, sa, Operand::Float(v));
                t.b.i(Inst::Convert { from, to, dst: sl(sd), src: m(sa) });
                let want = norm(to, (isa.f2i)(v, to) as i128).to_string();
                t.report(to, format!("{to:?}({from:?} {v})"), want);
            }
        }
    }
    t.run("convert_out_of_range");
}

/// Float to integer conversions out of range and of NaN: not specified
/// by Go, so the backend gives what gc gives on riscv64 (saturating
/// `fcvt` with round-toward-zero, gc's uint64 sequence). The expected
/// lines are the output of a Go program built with `GOARCH=riscv64 go
/// build` (Go 1.19) run under qemu-riscv64: for each x, the float64 row
/// then the float32(x) row of int8..int64, uint8..uint64 conversions.
#[test]
fn riscv64_convert_out_of_range_as_gc() {
    let isa = &RISCV64;
    let xs = [
        f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e10, -1e10, 3e9, -3e9, 1e19, 2e19, -1.0, -1.5, 4294967296.5,
        70000.7, -70000.7, 9.3e18,
    ];
    let gc: &[&str] = &[
        "-1 -1 2147483647 9223372036854775807 255 65535 4294967295 18446744073709551615",
        "-1 -1 2147483647 9223372036854775807 255 65535 4294967295 18446744073709551615",
        "-1 -1 2147483647 9223372036854775807 255 65535 4294967295 18446744073709551615",
        "-1 -1 2147483647 9223372036854775807 255 65535 4294967295 18446744073709551615",
        "0 0 -2147483648 -9223372036854775808 0 0 0 9223372036854775808",
        "0 0 -2147483648 -9223372036854775808 0 0 0 9223372036854775808",
        "-1 -1 2147483647 10000000000 255 65535 1410065408 10000000000",
        "-1 -1 2147483647 10000000000 255 65535 1410065408 10000000000",
        "0 0 -2147483648 -10000000000 0 0 2884901888 18446744063709551616",
        "0 0 -2147483648 -10000000000 0 0 2884901888 18446744063709551616",
        "-1 -1 2147483647 3000000000 255 65535 3000000000 3000000000",
        "-1 -1 2147483647 3000000000 255 65535 3000000000 3000000000",
        "0 0 -2147483648 -3000000000 0 0 1294967296 18446744070709551616",
        "0 0 -2147483648 -3000000000 0 0 1294967296 18446744070709551616",
        "-1 -1 2147483647 9223372036854775807 255 65535 4294967295 10000000000000000000",
        "-1 -1 2147483647 9223372036854775807 255 65535 4294967295 9999999980506447872",
        "-1 -1 2147483647 9223372036854775807 255 65535 4294967295 18446744073709551615",
        "-1 -1 2147483647 9223372036854775807 255 65535 4294967295 18446744073709551615",
        "-1 -1 -1 -1 255 65535 4294967295 18446744073709551615",
        "-1 -1 -1 -1 255 65535 4294967295 18446744073709551615",
        "-1 -1 -1 -1 255 65535 4294967295 18446744073709551615",
        "-1 -1 -1 -1 255 65535 4294967295 18446744073709551615",
        "-1 -1 2147483647 4294967296 255 65535 0 4294967296",
        "-1 -1 2147483647 4294967296 255 65535 0 4294967296",
        "112 4464 70000 70000 112 4464 70000 70000",
        "112 4464 70000 70000 112 4464 70000 70000",
        "-112 -4464 -70000 -70000 144 61072 4294897296 18446744073709481616",
        "-112 -4464 -70000 -70000 144 61072 4294897296 18446744073709481616",
        "-1 -1 2147483647 9223372036854775807 255 65535 4294967295 9300000000000000000",
        "-1 -1 2147483647 9223372036854775807 255 65535 4294967295 9300000300729368576",
    ];
    let mut t = Table::new(isa);
    let tos = [Scalar::I8, Scalar::I16, Scalar::I32, Scalar::I64, Scalar::U8, Scalar::U16, Scalar::U32, Scalar::U64];
    for (k, &x) in xs.iter().enumerate() {
        for (row, from) in [Scalar::F64, Scalar::F32].into_iter().enumerate() {
            let want: Vec<&str> = gc[2 * k + row].split(' ').collect();
            for (j, &to) in tos.iter().enumerate() {
                let (sa, sd) = (t.sa, t.sd);
                t.b.mov(from, sa, Operand::Float(x));
                t.b.i(Inst::Convert { from, to, dst: sl(sd), src: m(sa) });
                t.report(to, format!("{to:?}({from:?} {x})"), want[j].into());
            }
        }
    }
    t.run("convert_out_of_range_gc");
}

/// A loop whose values live in registers (an integer, a float, a pointer
/// dereferenced), with the harness's standing preemption request: every
/// back edge's poll ([`rgo::opt::loop_polls`]) takes its out-of-line path,
/// where the harness's `rgo_poll` clobbers every register a body may use.
/// The results come out right only if the path stores and reloads them.
fn exec_loop_polls(isa: &Isa) {
    let mut b = B::default();
    let (i, acc, f, p, t, c, n) = (b.slot(8), b.slot(8), b.slot(8), b.slot(8), b.slot(8), b.slot(1), b.slot(8));
    let top = b.label();
    b.i(Inst::CallRuntime { func: "rgo_test_preempt", args: vec![], rets: vec![] });
    b.mov(Scalar::I64, i, imm(0));
    b.mov(Scalar::I64, acc, imm(0));
    b.mov(Scalar::F64, f, Operand::Float(0.0));
    b.i(Inst::AddrOf { dst: sl(p), src: Addr::Global("main.seven".into(), 0) });
    b.i(Inst::Label(top));
    b.i(Inst::Bin { op: BinOp::Add, ty: Scalar::I64, dst: sl(acc), a: m(acc), b: m(i) });
    b.i(Inst::Bin { op: BinOp::Add, ty: Scalar::F64, dst: sl(f), a: m(f), b: Operand::Float(1.5) });
    b.mov(Scalar::I64, t, Operand::Mem(Addr::Deref(p, 0)));
    b.i(Inst::Bin { op: BinOp::Add, ty: Scalar::I64, dst: sl(acc), a: m(acc), b: m(t) });
    b.i(Inst::Bin { op: BinOp::Add, ty: Scalar::I64, dst: sl(i), a: m(i), b: imm(1) });
    b.i(Inst::Bin { op: BinOp::Lt, ty: Scalar::I64, dst: sl(c), a: m(i), b: imm(10) });
    b.i(Inst::JumpIf { cond: m(c), target: top });
    b.i(Inst::CallRuntime { func: "rgo_test_unpreempt", args: vec![], rets: vec![(Scalar::I64, sl(n))] });
    b.report(Scalar::I64, m(acc));
    b.i(Inst::CallRuntime { func: "rgo_test_report_bits", args: vec![(Scalar::F64, m(f))], rets: vec![] });
    b.report(Scalar::I64, m(n));
    rgo::opt::loop_polls(&mut b.body);
    // The poll goes before the comparison the back edge tests, not
    // between the two (the backend fuses them).
    let at = b.body.insts.iter().position(|i| matches!(i, Inst::Poll)).expect("a poll on the back edge");
    assert!(matches!(b.body.insts[at + 1], Inst::Bin { op: BinOp::Lt, .. }) && matches!(b.body.insts[at + 2], Inst::JumpIf { .. }));
    assert_eq!(b.body.insts.iter().filter(|i| matches!(i, Inst::Poll)).count(), 1);
    let seven = data("main.seven", words(&[7]), vec![], false);
    let prog = program(vec![b.func("rgo_test_main", &no_abi(isa))], vec![seven]);
    let asm = isa.target().emit_asm(&prog, isa.linux()).unwrap();
    assert!(asm.contains("rgo_poll"), "{}: no out-of-line poll path", isa.name);
    // 0+1+...+9 and ten times 7; ten times 1.5; ten polls.
    check_lines(
        "loop_polls",
        &run(isa, "loop_polls", &prog),
        &[("sum".into(), "115".into()), ("float bits".into(), 15.0f64.to_bits().to_string()), ("polls".into(), "10".into())],
    );
}

fn exec_fused_jumps(isa: &Isa) {
    // A comparison directly followed by a jump on its result branches on
    // the flags; check every condition code and its inverse, NaNs included.
    use BinOp::*;
    let mut t = Table::new(isa);
    let mut cases: Vec<(Scalar, Operand, Operand, bool, BinOp)> = Vec::new();
    for ty in [Scalar::I64, Scalar::U64, Scalar::I8, Scalar::U8, Scalar::U32] {
        for x in [-1i64, 0, 1, min_of(ty)] {
            for y in [-1i64, 0, 1] {
                for op in [Eq, Ne, Lt, Le, Gt, Ge] {
                    let r = go_bin(op, ty, x, y) != 0;
                    cases.push((ty, imm(x), imm(y), r, op));
                }
            }
        }
    }
    for ty in [Scalar::F64, Scalar::F32] {
        for x in [-1.0, 0.0, 1.0, f64::NAN] {
            for y in [0.0, 1.0, f64::NAN] {
                for op in [Eq, Ne, Lt, Le, Gt, Ge] {
                    let r = match op {
                        Eq => x == y,
                        Ne => x != y,
                        Lt => x < y,
                        Le => x <= y,
                        Gt => x > y,
                        _ => x >= y,
                    };
                    cases.push((ty, Operand::Float(x), Operand::Float(y), r, op));
                }
            }
        }
    }
    for (ty, x, y, r, op) in cases {
        let (sa, sb, sd) = (t.sa, t.sb, t.sd);
        let what = format!("{ty:?} {x:?} {op:?} {y:?}");
        t.b.mov(ty, sa, x);
        t.b.mov(ty, sb, y);
        for when in [true, false] {
            let (taken, done) = (t.b.label(), t.b.label());
            t.b.i(Inst::Bin { op, ty, dst: sl(sd), a: m(sa), b: m(sb) });
            t.b.i(if when {
                Inst::JumpIf { cond: m(sd), target: taken }
            } else {
                Inst::JumpIfNot { cond: m(sd), target: taken }
            });
            t.b.report(Scalar::I64, imm(0));
            t.b.i(Inst::Jump(done));
            t.b.i(Inst::Label(taken));
            t.b.report(Scalar::I64, imm(1));
            t.b.i(Inst::Label(done));
            t.want.push((format!("{what} jump-if-{when}"), ((r == when) as u8).to_string()));
        }
    }
    t.run("fused_jumps");
}

fn emit_errors(isa: &Isa) {
    // Bad symbols and impossible C calls are errors, not bad assembly.
    let t = isa.target();
    if let Some(sym) = isa.reserved_sym {
        let bad = program(vec![B::default().func(sym, &no_abi(isa))], vec![]);
        assert!(t.emit_asm(&bad, isa.linux()).unwrap_err().msg.contains("register"));
    }
    let bad = program(vec![B::default().func("1x", &no_abi(isa))], vec![]);
    assert!(t.emit_asm(&bad, isa.linux()).unwrap_err().msg.contains("bad symbol"));
    let mut b = B::default();
    let n = isa.c_int_args as i64 + 1;
    b.i(Inst::CallRuntime { func: "f", args: (0..n).map(|k| (Scalar::I64, imm(k))).collect(), rets: vec![] });
    let err = t.emit_asm(&program(vec![b.func("t.f", &no_abi(isa))], vec![]), isa.linux()).unwrap_err();
    assert!(err.msg.contains(&format!("more than {} integer arguments", isa.c_int_args)), "{err}");
    let mut b = B::default();
    b.i(Inst::Jump(3));
    assert!(t.emit_asm(&program(vec![b.func("t.g", &no_abi(isa))], vec![]), isa.linux()).is_err());
}

// ---- atomics (sync/atomic) -----------------------------------------------------------

const ATOMIC_OPS: [AtomicOp; 5] = [AtomicOp::Load, AtomicOp::Store, AtomicOp::Add, AtomicOp::Swap, AtomicOp::Cas];

/// The symbol of the function [`atomic_func`] builds: `t.Add32`.
fn atomic_sym(op: AtomicOp, size: u32) -> String {
    format!("t.{op:?}{}", size * 8)
}

/// The signature of the sync/atomic function of `op` on a `size`-byte
/// unsigned integer T: `load(addr *T) T`, `store(addr *T, v T)`,
/// `add(addr *T, d T) (new T)`, `swap(addr *T, new T) (old T)`,
/// `cas(addr *T, old, new T) (swapped bool)`.
fn atomic_abi(isa: &Isa, op: AtomicOp, size: u32) -> Arc<FuncAbi> {
    let t: TypeRef = if size == 4 { &UINT32 } else { &UINT64 };
    let p = pointer_to(t);
    match op {
        AtomicOp::Load => abi(isa, &[p], &[t]),
        AtomicOp::Store => abi(isa, &[p, t], &[]),
        AtomicOp::Add | AtomicOp::Swap => abi(isa, &[p, t], &[t]),
        AtomicOp::Cas => abi(isa, &[p, t, t], &[&BOOL]),
    }
}

/// A sync/atomic function as the `//rgo:atomic OP` lowering builds it: one
/// `Inst::Atomic` on the parameter slots, the result to the result slot.
fn atomic_func(isa: &Isa, op: AtomicOp, size: u32) -> Func {
    let mut b = B::default();
    let p = b.slot(8);
    let (mut params, mut results) = (vec![p], vec![]);
    let (mut val, mut old, mut dst) = (None, None, None);
    match op {
        AtomicOp::Load => {}
        AtomicOp::Cas => {
            let (o, n) = (b.slot(size), b.slot(size));
            params.extend([o, n]);
            (old, val) = (Some(m(o)), Some(m(n)));
        }
        _ => {
            let v = b.slot(size);
            params.push(v);
            val = Some(m(v));
        }
    }
    if op != AtomicOp::Store {
        let r = b.slot(if op == AtomicOp::Cas { 1 } else { size });
        results.push(r);
        dst = Some(sl(r));
    }
    b.body.params = params;
    b.body.results = results;
    b.i(Inst::Atomic { op, size, addr: m(p), val, old, dst });
    b.func(&atomic_sym(op, size), &atomic_abi(isa, op, size))
}

fn atomic_funcs(isa: &Isa) -> Vec<Func> {
    [4, 8].iter().flat_map(|&size| ATOMIC_OPS.map(|op| atomic_func(isa, op, size))).collect()
}

/// The emitted code of every sync/atomic body. The golden files also pin
/// that the atomic instruction is the first access through the pointer
/// (the pointer is loaded into a register and used by nothing else
/// before), so that a nil pointer faults at it.
fn golden_atomic(isa: &Isa) {
    golden(isa, "atomic", &program(atomic_funcs(isa), vec![]));
}

/// How an atomic step of [`exec_atomic`] names its operands.
#[derive(Clone, Copy, Debug)]
enum AtomicForm {
    /// A call of the [`atomic_func`] function (arguments in registers).
    Call,
    /// `addr` a symbol's address, constants, the result to a slot.
    Direct,
    /// `addr`, `val`, `old` read from globals, the result to a global.
    Globals,
    /// Everything through pointers held in slots (`Deref`).
    Derefs,
    /// As `Direct`, with no destination (but for `Load`).
    NoDst,
}

/// Go's semantics of the atomic operations on `size` bytes at `off` of
/// `mem`: the result the operation gives, if any.
fn atomic_model(mem: &mut [u8], op: AtomicOp, size: u32, off: usize, val: u64, old: u64) -> Option<u64> {
    let n = size as usize;
    let mask = if size == 4 { u32::MAX as u64 } else { u64::MAX };
    let mut cur = [0u8; 8];
    cur[..n].copy_from_slice(&mem[off..off + n]);
    let cur = u64::from_le_bytes(cur);
    let (val, old) = (val & mask, old & mask);
    let (new, res) = match op {
        AtomicOp::Load => (cur, Some(cur)),
        AtomicOp::Store => (val, None),
        AtomicOp::Add => (cur.wrapping_add(val) & mask, Some(cur.wrapping_add(val) & mask)),
        AtomicOp::Swap => (val, Some(cur)),
        AtomicOp::Cas if cur == old => (val, Some(1)),
        AtomicOp::Cas => (cur, Some(0)),
    };
    mem[off..off + n].copy_from_slice(&new.to_le_bytes()[..n]);
    res
}

/// Every atomic operation at both sizes, in every operand form, against
/// [`atomic_model`]: a 4-byte cell in the middle of a word and an 8-byte
/// one between two others, so any write beyond the cell shows in the
/// neighbours (each step prints the three words around). The values hit
/// wrap-around both ways, negative deltas, compare-and-swap success and
/// failure (also failing by the top bit alone) and 32-bit values with the
/// top bit set (sign-extended by riscv64's `lr.w`/`amoadd.w`, arm64's
/// `ldaxr` zero-extends).
fn exec_atomic(isa: &Isa) {
    let mut b = B::default();
    let mut want: Vec<(String, String)> = Vec::new();
    let init: Vec<u8> = (0..24u8).map(|i| 0xa0 ^ i.wrapping_mul(37)).collect();
    let mut mem = init.clone();
    let (pa, pv, po, r) = (b.slot(8), b.slot(8), b.slot(8), b.slot(8));
    let (pp, ppv, ppo, ppd) = (b.slot(8), b.slot(8), b.slot(8), b.slot(8));
    let g = |s: &str| Addr::Global(s.into(), 0);
    b.i(Inst::AddrOf { dst: sl(ppv), src: g("t.vals") });
    b.i(Inst::AddrOf { dst: sl(ppo), src: g("t.olds") });
    b.i(Inst::AddrOf { dst: sl(ppd), src: g("t.out") });
    const JUNK: i64 = 0x5a5a_5a5a_5a5a_5a5a;
    let forms = [AtomicForm::Call, AtomicForm::Direct, AtomicForm::Globals, AtomicForm::Derefs, AtomicForm::NoDst];
    for size in [4u32, 8] {
        let ty = if size == 4 { Scalar::U32 } else { Scalar::U64 };
        let off = size as usize;
        let bits = size * 8;
        let mask = if size == 4 { u32::MAX as u64 } else { u64::MAX };
        let top = 1u64 << (bits - 1);
        let f0 = mask & !0xf;
        let neg = |v: i64| v as u64;
        let steps: Vec<(AtomicOp, u64, u64)> = vec![
            (AtomicOp::Store, top | 1, 0),
            (AtomicOp::Load, 0, 0),
            (AtomicOp::Add, 5, 0),
            (AtomicOp::Add, neg(-7), 0),
            (AtomicOp::Store, mask, 0),
            (AtomicOp::Add, 2, 0),
            (AtomicOp::Add, neg(-1), 0),
            (AtomicOp::Add, neg(-1), 0),
            (AtomicOp::Add, top, 0),
            (AtomicOp::Swap, top | 0x71, 0),
            (AtomicOp::Swap, f0, 0),
            (AtomicOp::Cas, mask >> 1, f0),
            (AtomicOp::Cas, 5, f0),
            (AtomicOp::Cas, f0, mask >> 1),
            (AtomicOp::Cas, 1, f0 ^ top),
            (AtomicOp::Cas, 1, neg(-16)),
            (AtomicOp::Cas, 3, 1 | (0x1234 << 32)),
            (AtomicOp::Load, 0, 0),
            (AtomicOp::Store, 0, 0),
            (AtomicOp::Cas, top, 0),
            (AtomicOp::Load, 0, 0),
        ];
        let ptr = format!("t.ptr{size}");
        b.i(Inst::AddrOf { dst: sl(pp), src: g(&ptr) });
        for form in forms {
            for &(op, val, old) in &steps {
                let what = format!("{form:?} {op:?}{bits}({val:#x}, {old:#x})");
                let dst_ty = if op == AtomicOp::Cas { Scalar::U8 } else { ty };
                // Stale results must not pass for new ones.
                b.mov(Scalar::U64, r, imm(JUNK));
                b.i(Inst::Move { ty: Scalar::U64, dst: g("t.out"), src: imm(JUNK) });
                let has = |o: AtomicOp| o == op;
                let (v, o) = (
                    (!has(AtomicOp::Load)).then_some(val as i64),
                    has(AtomicOp::Cas).then_some(old as i64),
                );
                let reported = match form {
                    AtomicForm::Call => {
                        b.mov(Scalar::U64, pa, Operand::SymAddr("t.cells".into(), off as i32));
                        let mut args = vec![sl(pa)];
                        if let Some(o) = o {
                            b.mov(ty, po, imm(o));
                            args.push(sl(po));
                        }
                        if let Some(v) = v {
                            b.mov(ty, pv, imm(v));
                            args.push(sl(pv));
                        }
                        let results = if op == AtomicOp::Store { vec![] } else { vec![sl(r)] };
                        b.call(&atomic_sym(op, size), &atomic_abi(isa, op, size), args, results);
                        (op != AtomicOp::Store).then(|| m(r))
                    }
                    AtomicForm::Direct | AtomicForm::NoDst => {
                        let keep = matches!(form, AtomicForm::Direct) || op == AtomicOp::Load;
                        let dst = (keep && op != AtomicOp::Store).then(|| sl(r));
                        b.i(Inst::Atomic {
                            op,
                            size,
                            addr: Operand::SymAddr("t.cells".into(), off as i32),
                            val: v.map(imm),
                            old: o.map(imm),
                            dst: dst.clone(),
                        });
                        dst.map(Operand::Mem)
                    }
                    AtomicForm::Globals => {
                        if let Some(v) = v {
                            b.i(Inst::Move { ty, dst: g("t.vals"), src: imm(v) });
                        }
                        if let Some(o) = o {
                            b.i(Inst::Move { ty, dst: g("t.olds"), src: imm(o) });
                        }
                        let dst = (op != AtomicOp::Store).then(|| g("t.out"));
                        b.i(Inst::Atomic {
                            op,
                            size,
                            addr: Operand::Mem(g(&ptr)),
                            val: v.map(|_| Operand::Mem(g("t.vals"))),
                            old: o.map(|_| Operand::Mem(g("t.olds"))),
                            dst: dst.clone(),
                        });
                        dst.map(Operand::Mem)
                    }
                    AtomicForm::Derefs => {
                        if let Some(v) = v {
                            b.i(Inst::Move { ty, dst: g("t.vals"), src: imm(v) });
                        }
                        if let Some(o) = o {
                            b.i(Inst::Move { ty, dst: g("t.olds"), src: imm(o) });
                        }
                        let dst = (op != AtomicOp::Store).then_some(Addr::Deref(ppd, 0));
                        b.i(Inst::Atomic {
                            op,
                            size,
                            addr: Operand::Mem(Addr::Deref(pp, 0)),
                            val: v.map(|_| Operand::Mem(Addr::Deref(ppv, 0))),
                            old: o.map(|_| Operand::Mem(Addr::Deref(ppo, 0))),
                            dst: dst.clone(),
                        });
                        dst.map(Operand::Mem)
                    }
                };
                let res = atomic_model(&mut mem, op, size, off, val, old);
                if let Some(got) = reported {
                    b.report(dst_ty, got);
                    want.push((format!("{what} result"), res.expect("the operation has a result").to_string()));
                }
                for w in 0..3 {
                    b.report(Scalar::U64, Operand::Mem(Addr::Global("t.cells".into(), w * 8)));
                    let word = u64::from_le_bytes(mem[w as usize * 8..][..8].try_into().unwrap());
                    want.push((format!("{what} word {w}"), word.to_string()));
                }
            }
        }
    }
    let mut funcs = atomic_funcs(isa);
    funcs.push(b.func("rgo_test_main", &no_abi(isa)));
    let cell = |sym: &str| Data { sym: sym.into(), align: 8, size: 8, init: None, relocs: vec![], readonly: false };
    let datas = vec![
        Data { sym: "t.cells".into(), align: 8, size: 24, init: Some(init), relocs: vec![], readonly: false },
        Data { sym: "t.ptr4".into(), align: 8, size: 8, init: None, relocs: vec![reloc(0, "t.cells", 4)], readonly: false },
        Data { sym: "t.ptr8".into(), align: 8, size: 8, init: None, relocs: vec![reloc(0, "t.cells", 8)], readonly: false },
        cell("t.vals"),
        cell("t.olds"),
        cell("t.out"),
    ];
    let out = run(isa, "atomic", &program(funcs, datas));
    check_lines("atomic", &out, &want);
}

/// Every sync/atomic function called with a nil pointer faults in the
/// function (the runtime makes that Go's nil-dereference panic) before
/// anything else happens.
fn exec_atomic_nil_faults(isa: &Isa) {
    use std::os::unix::process::ExitStatusExt;
    for size in [4u32, 8] {
        for op in ATOMIC_OPS {
            let name = format!("atomic_nil_{}", atomic_sym(op, size).trim_start_matches("t."));
            let fabi = atomic_abi(isa, op, size);
            let mut b = B::default();
            let args: Vec<SlotId> = (0..fabi.call.values.len()).map(|_| b.slot(8)).collect();
            let res: Vec<SlotId> = (0..fabi.ret.values.len()).map(|_| b.slot(8)).collect();
            for &a in &args {
                b.mov(Scalar::U64, a, imm(0));
            }
            b.report(Scalar::I64, imm(1));
            b.call(&atomic_sym(op, size), &fabi, args.iter().map(|&s| sl(s)).collect(), res.iter().map(|&s| sl(s)).collect());
            b.report(Scalar::I64, imm(2));
            let prog = program(vec![atomic_func(isa, op, size), b.func("rgo_test_main", &no_abi(isa))], vec![]);
            let (status, out) = run_raw(isa, &name, &prog);
            assert_eq!(status.signal(), Some(11), "{name}: a nil address must fault in the function ({status})");
            assert_eq!(out, "1\n", "{name}");
        }
    }
}

/// A malformed `Inst::Atomic` is an emit error, not bad code.
fn atomic_emit_errors(isa: &Isa) {
    let p = Operand::SymAddr("t.x".into(), 0);
    let bad = [
        (AtomicOp::Load, 2, None, None, true, "2 bytes"),
        (AtomicOp::Load, 8, Some(imm(1)), None, true, "with a value"),
        (AtomicOp::Load, 8, None, None, false, "without a destination"),
        (AtomicOp::Store, 4, None, None, false, "without a value"),
        (AtomicOp::Store, 4, Some(imm(1)), None, true, "with a destination"),
        (AtomicOp::Add, 4, Some(imm(1)), Some(imm(1)), true, "with an expected"),
        (AtomicOp::Cas, 8, Some(imm(1)), None, true, "without an expected"),
    ];
    for (op, size, val, old, has_dst, msg) in bad {
        let mut b = B::default();
        let r = b.slot(8);
        let dst = has_dst.then(|| sl(r));
        b.i(Inst::Atomic { op, size, addr: p.clone(), val, old, dst });
        let err = isa.target().emit_asm(&program(vec![b.func("t.f", &no_abi(isa))], vec![]), isa.linux()).unwrap_err();
        assert!(err.msg.contains(msg), "{op:?} {size}: {err}");
    }
}

// ---- volatile accesses (runtime/volatile) ------------------------------------------------

const VOLATILE_SIZES: [u32; 4] = [1, 2, 4, 8];

/// The unsigned integer type of `size` bytes.
fn uint_of(size: u32) -> (Scalar, TypeRef) {
    match size {
        1 => (Scalar::U8, &reflect::types::UINT8),
        2 => (Scalar::U16, &reflect::types::UINT16),
        4 => (Scalar::U32, &UINT32),
        _ => (Scalar::U64, &UINT64),
    }
}

/// The symbol of the function [`volatile_func`] builds: `t.Store16`.
fn volatile_sym(store: bool, size: u32) -> String {
    format!("t.{}{}", if store { "Store" } else { "Load" }, size * 8)
}

/// `load(addr *T) T` or `store(addr *T, v T)` of a `size`-byte unsigned T.
fn volatile_abi(isa: &Isa, store: bool, size: u32) -> Arc<FuncAbi> {
    let t = uint_of(size).1;
    let p = pointer_to(t);
    if store {
        abi(isa, &[p, t], &[])
    } else {
        abi(isa, &[p], &[t])
    }
}

/// A runtime/volatile function as the `//rgo:volatile OP` lowering builds
/// it: one volatile access on the parameter slots.
fn volatile_func(isa: &Isa, store: bool, size: u32) -> Func {
    let mut b = B::default();
    let p = b.slot(8);
    let v = b.slot(size);
    b.body.params = if store { vec![p, v] } else { vec![p] };
    if store {
        b.i(Inst::VolatileStore { size, addr: m(p), val: m(v) });
    } else {
        b.body.results = vec![v];
        b.i(Inst::VolatileLoad { size, addr: m(p), dst: sl(v) });
    }
    b.func(&volatile_sym(store, size), &volatile_abi(isa, store, size))
}

fn volatile_funcs(isa: &Isa) -> Vec<Func> {
    VOLATILE_SIZES.iter().flat_map(|&size| [false, true].map(|store| volatile_func(isa, store, size))).collect()
}

/// The emitted code of every runtime/volatile body, and of a store, a load
/// of the same address and a second load whose result goes unread: the
/// golden files pin one access instruction of the exact width per
/// volatile access (none elided, none merged), the first through the
/// pointer.
fn golden_volatile(isa: &Isa) {
    let mut funcs = volatile_funcs(isa);
    let mut b = B::default();
    let (p, v, r) = (b.slot(8), b.slot(4), b.slot(4));
    b.body.params = vec![p, v];
    b.i(Inst::VolatileStore { size: 4, addr: m(p), val: m(v) });
    b.i(Inst::VolatileLoad { size: 4, addr: m(p), dst: sl(r) });
    b.i(Inst::VolatileLoad { size: 4, addr: m(p), dst: sl(r) });
    funcs.push(b.func("t.StoreLoadLoad", &abi(isa, &[pointer_to(&UINT32), &UINT32], &[])));
    golden(isa, "volatile", &program(funcs, vec![]));
}

/// Every volatile access at every width, through a call of its function,
/// with a symbol's address and a constant, and through pointers held in
/// globals and slots: the value read back, and the three words around the
/// cell, so that a byte written beyond it shows. A store followed by a
/// plain store to the same memory (another path to it, as a device would
/// change a register) and a volatile load: the load reads memory, not the
/// value the volatile store had in a register.
fn exec_volatile(isa: &Isa) {
    let mut b = B::default();
    let mut want: Vec<(String, String)> = Vec::new();
    let init: Vec<u8> = (0..24u8).map(|i| 0xa0 ^ i.wrapping_mul(37)).collect();
    let mut mem = init.clone();
    let (pa, pv, r, pp) = (b.slot(8), b.slot(8), b.slot(8), b.slot(8));
    let g = |s: &str| Addr::Global(s.into(), 0);
    const JUNK: i64 = 0x5a5a_5a5a_5a5a_5a5a;
    for size in VOLATILE_SIZES {
        let (ty, _) = uint_of(size);
        let n = size as usize;
        // The cell: in the middle word, at an offset of its own alignment.
        let off = 8 + n % 8;
        let cell = Operand::SymAddr("t.cells".into(), off as i32);
        let vals: [u64; 4] = [0x8182_8384_8586_8788, 0x0102_0304_0506_0708, u64::MAX, 0x7f];
        for (form, &val) in ["Call", "Direct", "Globals", "Derefs"].iter().zip(&vals) {
            let what = format!("{form} {}-byte", size);
            let val = val & (u64::MAX >> (64 - 8 * size));
            b.mov(Scalar::U64, r, imm(JUNK));
            match *form {
                "Call" => {
                    b.mov(Scalar::U64, pa, cell.clone());
                    b.mov(ty, pv, imm(val as i64));
                    b.call(&volatile_sym(true, size), &volatile_abi(isa, true, size), vec![sl(pa), sl(pv)], vec![]);
                    b.call(&volatile_sym(false, size), &volatile_abi(isa, false, size), vec![sl(pa)], vec![sl(r)]);
                }
                "Direct" => {
                    b.i(Inst::VolatileStore { size, addr: cell.clone(), val: imm(val as i64) });
                    b.i(Inst::VolatileLoad { size, addr: cell.clone(), dst: sl(r) });
                }
                "Globals" => {
                    b.i(Inst::Move { ty: Scalar::U64, dst: g("t.ptr"), src: cell.clone() });
                    b.i(Inst::Move { ty, dst: g("t.val"), src: imm(val as i64) });
                    b.i(Inst::VolatileStore { size, addr: Operand::Mem(g("t.ptr")), val: Operand::Mem(g("t.val")) });
                    b.i(Inst::VolatileLoad { size, addr: Operand::Mem(g("t.ptr")), dst: sl(r) });
                }
                _ => {
                    // The pointer, the value and the result all behind
                    // pointers held in slots.
                    b.i(Inst::Move { ty: Scalar::U64, dst: g("t.ptr"), src: cell.clone() });
                    b.i(Inst::AddrOf { dst: sl(pp), src: g("t.ptr") });
                    b.i(Inst::AddrOf { dst: sl(pv), src: g("t.val") });
                    b.i(Inst::Move { ty, dst: Addr::Deref(pv, 0), src: imm(val as i64) });
                    b.i(Inst::AddrOf { dst: sl(pa), src: g("t.out") });
                    b.i(Inst::VolatileStore { size, addr: Operand::Mem(Addr::Deref(pp, 0)), val: Operand::Mem(Addr::Deref(pv, 0)) });
                    b.i(Inst::Move { ty: Scalar::U64, dst: g("t.out"), src: imm(JUNK) });
                    b.i(Inst::VolatileLoad { size, addr: Operand::Mem(Addr::Deref(pp, 0)), dst: Addr::Deref(pa, 0) });
                    b.i(Inst::Move { ty, dst: sl(r), src: Operand::Mem(g("t.out")) });
                }
            }
            mem[off..off + n].copy_from_slice(&val.to_le_bytes()[..n]);
            b.report(ty, m(r));
            want.push((format!("{what} load"), val.to_string()));
            for w in 0..3 {
                b.report(Scalar::U64, Operand::Mem(Addr::Global("t.cells".into(), w * 8)));
                let word = u64::from_le_bytes(mem[w as usize * 8..][..8].try_into().unwrap());
                want.push((format!("{what} word {w}"), word.to_string()));
            }
        }
        // Stored, changed by a plain store, loaded: the plain store's value.
        let other = 0x5au64 & (u64::MAX >> (64 - 8 * size));
        b.i(Inst::VolatileStore { size, addr: cell.clone(), val: imm(1) });
        b.i(Inst::Move { ty, dst: Addr::Global("t.cells".into(), off as i32), src: imm(other as i64) });
        b.i(Inst::VolatileLoad { size, addr: cell.clone(), dst: sl(r) });
        mem[off..off + n].copy_from_slice(&other.to_le_bytes()[..n]);
        b.report(ty, m(r));
        want.push((format!("{size}-byte store, plain store, load"), other.to_string()));
    }
    let mut funcs = volatile_funcs(isa);
    funcs.push(b.func("rgo_test_main", &no_abi(isa)));
    let cell = |sym: &str| Data { sym: sym.into(), align: 8, size: 8, init: None, relocs: vec![], readonly: false };
    let datas = vec![
        Data { sym: "t.cells".into(), align: 8, size: 24, init: Some(init), relocs: vec![], readonly: false },
        cell("t.ptr"),
        cell("t.val"),
        cell("t.out"),
    ];
    let out = run(isa, "volatile", &program(funcs, datas));
    check_lines("volatile", &out, &want);
}

/// Every runtime/volatile function called with a nil pointer faults in the
/// function (the runtime makes that Go's nil-dereference panic) before
/// anything else happens.
fn exec_volatile_nil_faults(isa: &Isa) {
    use std::os::unix::process::ExitStatusExt;
    for size in VOLATILE_SIZES {
        for store in [false, true] {
            let name = format!("volatile_nil_{}", volatile_sym(store, size).trim_start_matches("t."));
            let fabi = volatile_abi(isa, store, size);
            let mut b = B::default();
            let args: Vec<SlotId> = (0..fabi.call.values.len()).map(|_| b.slot(8)).collect();
            let res: Vec<SlotId> = (0..fabi.ret.values.len()).map(|_| b.slot(8)).collect();
            for &a in &args {
                b.mov(Scalar::U64, a, imm(0));
            }
            b.report(Scalar::I64, imm(1));
            b.call(&volatile_sym(store, size), &fabi, args.iter().map(|&s| sl(s)).collect(), res.iter().map(|&s| sl(s)).collect());
            b.report(Scalar::I64, imm(2));
            let prog = program(vec![volatile_func(isa, store, size), b.func("rgo_test_main", &no_abi(isa))], vec![]);
            let (status, out) = run_raw(isa, &name, &prog);
            assert_eq!(status.signal(), Some(11), "{name}: a nil address must fault in the function ({status})");
            assert_eq!(out, "1\n", "{name}");
        }
    }
}

/// A volatile access of another width is an emit error, not bad code.
fn volatile_emit_errors(isa: &Isa) {
    let p = Operand::SymAddr("t.x".into(), 0);
    for size in [0, 3, 16] {
        for store in [false, true] {
            let mut b = B::default();
            let r = b.slot(8);
            b.i(if store {
                Inst::VolatileStore { size, addr: p.clone(), val: imm(1) }
            } else {
                Inst::VolatileLoad { size, addr: p.clone(), dst: sl(r) }
            });
            let err = isa.target().emit_asm(&program(vec![b.func("t.f", &no_abi(isa))], vec![]), isa.linux()).unwrap_err();
            assert!(err.msg.contains(&format!("volatile access of {size} bytes")), "{size}: {err}");
        }
    }
}

/// fib(35) through the backend's calling sequence, for comparison with
/// Go's gc (`docs/codegen-amd64.md` has figures). Run with
/// `cargo test -p rgo --test backend -- --ignored perf_`.
#[test]
#[ignore]
fn perf_fib35() {
    let isa = &AMD64;
    let int1 = abi(isa, &[&INT], &[&INT]);
    let mut b = B::default();
    let (a, r) = (b.slot(8), b.slot(8));
    b.mov(Scalar::I64, a, imm(35));
    b.call("t.fib", &int1, vec![sl(a)], vec![sl(r)]);
    b.report(Scalar::I64, m(r));
    let main = b.func("rgo_test_main", &no_abi(isa));
    let prog = program(vec![fib_func(isa, "t.fib"), main], vec![]);
    run(isa, "perf_fib35", &prog);
    let exe = work_dir(isa, "perf_fib35").join("prog");
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = std::time::Instant::now();
        let out = Command::new(&exe).output().unwrap();
        best = best.min(t.elapsed().as_secs_f64());
        assert_eq!(String::from_utf8(out.stdout).unwrap(), "9227465\n");
    }
    eprintln!("fib(35): best of 5 runs {:.1} ms", best * 1e3);
}
