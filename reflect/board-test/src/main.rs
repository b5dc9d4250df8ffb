//! reflect on bare metal: a `no_std` Rust program, booted on qemu's virt
//! boards by rt-core's boot code, that builds Go types and calls Go
//! functions through reflect's three ways in, checking every result:
//!
//! - `Value::call` of hand-written assembly callees (rt-arch's fixtures,
//!   which read and write registers by the spec's names) and of make-func
//!   closures: integers, floats, mixed scalars, structs and arrays that go
//!   to registers and to the stack, more arguments and results than there
//!   are registers, variadic, interface and method calls;
//! - `TypedFunc`, the prepared typed path;
//! - `make_func` closures called from Go-ABI code: from reflectcall, from a
//!   hand-written Go-style caller, and from inside another closure.
//!
//! Expected values are computed here from the arguments, never taken from
//! the call. Each check prints one line on the UART (`ok   NAME: ...` or
//! `FAIL NAME: ...`), then a summary in libtest's words (`test result:
//! ok. N passed; 0 failed; 0 ignored`, which ci/test counts); the exit
//! status is 0 when every check passed, 1 otherwise, and 2 after a panic.
//!
//! rt-core supplies everything below the program (its `rust-main`
//! feature, rt-core/src/start.rs): the reset entry, the UART, the exit
//! device, the page allocator under the Rust heap; `rgo.main` below is the
//! program, called on the 1 MiB boot stack.
#![no_std]
#![no_main]

extern crate alloc;

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt::{self, Write};
use reflect::abi::{FuncAbi, NATIVE};
use reflect::types::parse::Scope;
use reflect::types::{self, Field, Kind, MethodSpec, TypeRef};
use reflect::{make_func, CallError, TypedFunc, Value};

#[global_allocator]
static ALLOC: rt_core::heap::RtAlloc = rt_core::heap::RtAlloc;

/// The board's console (the UART; qemu's standard output).
struct Console;

impl Write for Console {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        rt_core::os::write_all(1, s.as_bytes());
        Ok(())
    }
}

macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(Console, $($arg)*);
    }};
}

/// A Rust panic (reflect's misuse panics, a failed `expect`) ends the
/// program with status 2, its message and location on the console.
#[panic_handler]
fn panic(info: &core::panic::PanicInfo<'_>) -> ! {
    match info.location() {
        Some(l) => say!("reflect-board-test: panic: {} at {}:{}", info.message(), l.file(), l.line()),
        None => say!("reflect-board-test: panic: {}", info.message()),
    }
    rt_core::os::exit(2)
}

/// The tally of checks.
#[derive(Default)]
struct Checks {
    passed: u32,
    failed: u32,
}

impl Checks {
    fn check(&mut self, name: &str, ok: bool, detail: fmt::Arguments<'_>) {
        if ok {
            self.passed += 1;
            say!("ok   {name}: {detail}");
        } else {
            self.failed += 1;
            say!("FAIL {name}: {detail}");
        }
    }

    fn eq<T: PartialEq + fmt::Debug>(&mut self, name: &str, got: T, want: T) {
        let ok = got == want;
        if ok {
            self.check(name, true, format_args!("{got:?}"));
        } else {
            self.check(name, false, format_args!("got {got:?}, want {want:?}"));
        }
    }
}

/// The program's main, called by rt-core's `rgo_rt_start` on the boot
/// stack (the `rust-main` feature); returns the exit status.
#[export_name = "rgo.main"]
extern "C" fn board_main() -> i32 {
    say!("reflect-board-test: reflect's dynamic calls on {} ({} integer, {} float argument registers)",
        NATIVE.name, NATIVE.int_reg_count(), NATIVE.float_reg_count());
    let mut c = Checks::default();
    types_built(&mut c);
    fixtures(&mut c);
    scalars(&mut c);
    aggregates(&mut c);
    spilling(&mut c);
    more_kinds(&mut c);
    closures_from_go(&mut c);
    typed(&mut c);
    errors(&mut c);
    let verdict = if c.failed == 0 { "ok" } else { "FAILED" };
    say!("test result: {verdict}. {} passed; {} failed; 0 ignored", c.passed, c.failed);
    i32::from(c.failed != 0)
}

// ---- helpers ----

fn int() -> TypeRef {
    &types::INT
}

fn f64t() -> TypeRef {
    &types::FLOAT64
}

/// A value of the pointer-free aggregate `t` (struct or array) from the
/// values of its fields or elements, each written at its offset.
fn aggregate(t: TypeRef, parts: &[Value]) -> Value {
    let mut bytes = vec![0u8; t.size()];
    let offsets: Vec<usize> = match (t.as_struct(), t.as_array()) {
        (Some(s), _) => s.fields.as_slice().iter().map(|f| f.offset).collect(),
        (_, Some(a)) => (0..a.len).map(|i| i * a.elem.size()).collect(),
        _ => panic!("aggregate of {t}, which is neither a struct nor an array"),
    };
    assert_eq!(offsets.len(), parts.len(), "parts of {t}");
    for (off, p) in offsets.iter().zip(parts) {
        bytes[*off..*off + p.as_bytes().len()].copy_from_slice(p.as_bytes());
    }
    Value::from_bytes(t, &bytes).expect("the parts fill the aggregate")
}

fn complex128(re: f64, im: f64) -> Value {
    let mut b = [0u8; 16];
    b[..8].copy_from_slice(&re.to_le_bytes());
    b[8..].copy_from_slice(&im.to_le_bytes());
    Value::from_bytes(&types::COMPLEX128, &b).expect("complex128 is 16 bytes")
}

fn string_of(v: &Value) -> String {
    // SAFETY: every string in this program is built from Rust strings
    // (`Value::from_str`, `Value::from_string`), which are leaked and valid.
    String::from_utf8_lossy(unsafe { v.string_bytes() }).into_owned()
}

/// Bits of a float result, to compare exactly (NaN payloads, -0).
fn bits(v: &Value) -> u64 {
    v.float().to_bits()
}

// ---- the checks ----

/// Type descriptors built at run time: names, layouts, interning.
fn types_built(c: &mut Checks) {
    let f = types::func_of(&[int(), f64t()], &[&types::STRING, &types::BOOL], false);
    c.eq("types/func_of", f.string(), "func(int, float64) (string, bool)");
    let again = types::func_of(&[int(), f64t()], &[&types::STRING, &types::BOOL], false);
    c.eq("types/func_of interned", core::ptr::eq(f, again), true);
    let s = types::struct_of(&[
        Field::new("a", &types::INT8),
        Field::new("b", &types::INT64),
        Field::new("c", &types::FLOAT32),
    ]);
    let offsets: Vec<usize> = s.as_struct().unwrap().fields.as_slice().iter().map(|f| f.offset).collect();
    c.eq("types/struct_of layout", (s.string(), s.size(), s.align(), offsets), (
        "struct { a int8; b int64; c float32 }",
        24,
        8,
        vec![0, 8, 16],
    ));
    let a = types::array_of(&types::INT32, 3);
    c.eq("types/array_of", (a.string(), a.size()), ("[3]int32", 12));
    let parsed = Scope::default().parse_type("func(a, b int) int").expect("parse");
    c.eq("types/parse identical", parsed.identical(types::func_of(&[int(), int()], &[int()], false)), true);
}

extern "C" {
    static rgo_fixture_echo_int_regs_closure: u8;
    static rgo_fixture_echo_float_regs_closure: u8;
    static rgo_fixture_stack_args_closure: u8;
    static rgo_fixture_stack_results_closure: u8;
    static rgo_fixture_ctx_closure: u8;
    fn rgo_fixture_call_shifted();
}

/// A func value for a fixture's static closure.
///
/// # Safety
/// The fixture must implement the signature `func(ins) (outs)` (see
/// rt-arch/asm/fixtures/<arch>.S).
unsafe fn fixture(ins: &[TypeRef], outs: &[TypeRef], closure: *const u8) -> Value {
    // SAFETY: the caller's guarantee.
    unsafe { Value::from_func_ptr(types::func_of(ins, outs, false), closure.cast()) }
}

/// `Value::call` of the hand-written assembly callees: registers in the
/// spec's order, stack arguments and results, the closure context.
fn fixtures(c: &mut Checks) {
    let n = NATIVE.int_reg_count();
    let ints = vec![int(); n];
    // SAFETY: echo_int_regs is func(n ints) (n ints).
    let f = unsafe { fixture(&ints, &ints, &raw const rgo_fixture_echo_int_regs_closure) };
    let args: Vec<Value> = (0..n).map(|i| Value::from(0x1111_0000 + i as isize)).collect();
    let got: Vec<i64> = f.call(&args).iter().map(Value::int).collect();
    let want: Vec<i64> = (0..n).rev().map(|i| 0x1111_0000 + i as i64).collect();
    c.eq("fixture/every integer register, reversed", got, want);

    let nf = NATIVE.float_reg_count();
    let f64s = vec![f64t(); nf];
    // SAFETY: echo_float_regs is func(nf float64s) (nf float64s).
    let f = unsafe { fixture(&f64s, &f64s, &raw const rgo_fixture_echo_float_regs_closure) };
    let nans: Vec<u64> = (0..nf as u64).map(|i| 0x7ff0_0000_0000_0001 + (i << 20)).collect();
    let got: Vec<u64> = f.call(&nans.iter().map(|&b| Value::from(f64::from_bits(b))).collect::<Vec<_>>())
        .iter()
        .map(bits)
        .collect();
    c.eq("fixture/every float register, NaN payloads kept", got, nans.iter().rev().copied().collect());

    let f32s = vec![&types::FLOAT32 as TypeRef; nf];
    // SAFETY: the same fixture moves whole registers: float32s in, out.
    let f = unsafe { fixture(&f32s, &f32s, &raw const rgo_fixture_echo_float_regs_closure) };
    let want: Vec<u32> = (0..nf as u32).map(|i| 0x3f80_0000 + (i << 12)).collect();
    let got: Vec<u32> = f.call(&want.iter().map(|&b| Value::from(f32::from_bits(b))).collect::<Vec<_>>())
        .iter()
        .map(|v| u32::from_le_bytes(v.as_bytes().try_into().unwrap()))
        .collect();
    c.eq("fixture/float32 in float registers", got, want.iter().rev().copied().collect());

    let mut ins = vec![int(); n + 2];
    // SAFETY: stack_args is func(n ints, s0, s1 int) (int, int).
    let f = unsafe { fixture(&ins, &[int(), int()], &raw const rgo_fixture_stack_args_closure) };
    let mut args: Vec<Value> = (0..n).map(|i| Value::from(i as isize)).collect();
    args.push(Value::from(-17isize));
    args.push(Value::from(0x7eed_beefisize));
    let got: Vec<i64> = f.call(&args).iter().map(Value::int).collect();
    c.eq("fixture/stack arguments after the registers", got, vec![-17, 0x7eed_beef]);

    ins.truncate(n + 1);
    // SAFETY: stack_results is func(n ints, s0 int) (n ints, t0 int).
    let f = unsafe { fixture(&ins, &ins, &raw const rgo_fixture_stack_results_closure) };
    let mut args: Vec<Value> = (0..n).map(|i| Value::from(100 + i as isize)).collect();
    args.push(Value::from(5000isize));
    let got: Vec<i64> = f.call(&args).iter().map(Value::int).collect();
    let mut want: Vec<i64> = (0..n).map(|i| 100 + i as i64).collect();
    want.push(5000 + 100);
    c.eq("fixture/stack results after the registers", got, want);

    let closure = &raw const rgo_fixture_ctx_closure;
    // SAFETY: ctx is func() uintptr.
    let f = unsafe { fixture(&[], &[&types::UINTPTR], closure) };
    c.eq("fixture/closure context register", f.call(&[])[0].uint(), closure as u64);
}

/// `Value::call` of make-func closures with scalar arguments.
fn scalars(c: &mut Checks) {
    let add = make_func(types::func_of(&[int(), int()], &[int()], false), |a| {
        vec![Value::from((a[0].int() + a[1].int()) as isize)]
    });
    c.eq("call/ints", add.call(&[Value::from(40isize), Value::from(2isize)])[0].int(), 42);

    let (x, y) = (1.0e300_f64, -0.375_f32);
    let ft = types::func_of(&[f64t(), &types::FLOAT32], &[f64t(), &types::FLOAT32], false);
    let fl = make_func(ft, |a| {
        let (x, y) = (a[0].float(), a[1].float() as f32);
        vec![Value::from(x * y as f64), Value::from(y / 2.0)]
    });
    let r = fl.call(&[Value::from(x), Value::from(y)]);
    c.eq("call/floats", (bits(&r[0]), r[1].float() as f32), ((x * y as f64).to_bits(), y / 2.0));

    // Integers, floats and a string interleaved: each kind takes the next
    // register of its own class.
    let ins = [&types::INT8 as TypeRef, f64t(), &types::STRING, &types::UINT16, &types::FLOAT32, &types::INT64];
    let outs = [&types::STRING as TypeRef, &types::INT64, f64t()];
    let mixed = make_func(types::func_of(&ins, &outs, false), |a| {
        let s = string_of(&a[2]);
        vec![
            Value::from_string(alloc::format!("{s}, {}!", a[0].int())),
            Value::from(a[0].int() + a[3].uint() as i64 + a[5].int()),
            Value::from(a[1].float() + a[4].float()),
        ]
    });
    let r = mixed.call(&[
        Value::from(-5i8),
        Value::from(2.5f64),
        Value::from_str("hello"),
        Value::from(65535u16),
        Value::from(0.25f32),
        Value::from(1i64 << 40),
    ]);
    c.eq("call/mixed", (string_of(&r[0]), r[1].int(), bits(&r[2])), (
        String::from("hello, -5!"),
        -5 + 65535 + (1i64 << 40),
        (2.5f64 + 0.25).to_bits(),
    ));
}

/// Structs and arrays: in registers when they fit, on the stack when not
/// (Go's rule: all of an aggregate's fields in registers, or none; arrays
/// longer than one element always on the stack).
fn aggregates(c: &mut Checks) {
    let s_t = types::struct_of(&[
        Field::new("n", &types::INT32),
        Field::new("w", &types::FLOAT32),
        Field::new("k", &types::INT64),
    ]);
    let f_t = types::func_of(&[s_t, int()], &[s_t], false);
    let abi = FuncAbi::new(NATIVE, f_t, None).expect("abi");
    c.eq("abi/small struct in registers", abi.stack_args_size(), 0);
    let f = make_func(f_t, move |a| {
        let (s, m) = (&a[0], a[1].int());
        let (n, w, k) = (s.field(0).int(), s.field(1).float() as f32, s.field(2).int());
        vec![aggregate(s_t, &[Value::from((n * m) as i32), Value::from(w * 2.0), Value::from(k + n)])]
    });
    let arg = aggregate(s_t, &[Value::from(-7i32), Value::from(1.5f32), Value::from(1000i64)]);
    let r = &f.call(&[arg, Value::from(6isize)])[0];
    c.eq("call/struct in registers", (r.field(0).int(), r.field(1).float(), r.field(2).int()), (-42, 3.0, 993));

    // More integer fields than integer registers: the whole struct goes
    // to the stack, as argument and as result.
    let nbig = NATIVE.int_reg_count() + 4;
    let fields: Vec<Field> = (0..nbig).map(|i| Field::new(&alloc::format!("f{i}"), int())).collect();
    let big_t = types::struct_of(&fields);
    let f_t = types::func_of(&[&types::INT8, big_t], &[int(), big_t], false);
    let abi = FuncAbi::new(NATIVE, f_t, None).expect("abi");
    c.eq("abi/big struct on the stack", abi.stack_args_size() >= big_t.size(), true);
    let f = make_func(f_t, move |a| {
        let d = a[0].int();
        let vals: Vec<i64> = (0..nbig).map(|i| a[1].field(i).int()).collect();
        let next: Vec<Value> = vals.iter().map(|v| Value::from((v * d) as isize)).collect();
        vec![Value::from(vals.iter().sum::<i64>() as isize), aggregate(big_t, &next)]
    });
    let vals: Vec<i64> = (0..nbig as i64).map(|i| i * i - 50).collect();
    let arg = aggregate(big_t, &vals.iter().map(|&v| Value::from(v as isize)).collect::<Vec<_>>());
    let r = f.call(&[Value::from(-3i8), arg]);
    let got: Vec<i64> = (0..nbig).map(|i| r[1].field(i).int()).collect();
    c.eq("call/struct on the stack", (r[0].int(), got), (vals.iter().sum(), vals.iter().map(|v| v * -3).collect()));

    // [1]float64 is assigned like its element (a register); [4]int32 goes
    // to the stack; [0]int takes nothing.
    let a1 = types::array_of(f64t(), 1);
    let a4 = types::array_of(&types::INT32, 4);
    let a0 = types::array_of(int(), 0);
    let f = make_func(types::func_of(&[a1, a4, a0], &[a4, f64t()], false), move |a| {
        let x = a[0].index(0).float();
        let rev: Vec<Value> = (0..4).rev().map(|i| Value::from(a[1].index(i).int() as i32 + 1)).collect();
        vec![aggregate(a4, &rev), Value::from(x * 4.0)]
    });
    let arr = aggregate(a4, &[Value::from(10i32), Value::from(-20i32), Value::from(30i32), Value::from(i32::MAX - 1)]);
    let r = f.call(&[aggregate(a1, &[Value::from(0.125f64)]), arr, Value::zero(a0)]);
    let got: Vec<i64> = (0..4).map(|i| r[0].index(i).int()).collect();
    c.eq("call/arrays", (got, r[1].float()), (vec![i32::MAX as i64, 31, -19, 11], 0.5));
}

/// More arguments and results than registers: the rest travel on the
/// stack in both directions.
fn spilling(c: &mut Checks) {
    let (ni, nf) = (NATIVE.int_reg_count() + 3, NATIVE.float_reg_count() + 3);
    let mut ins = vec![int(); ni];
    ins.extend(vec![f64t(); nf]);
    let f_t = types::func_of(&ins, &[int(), f64t()], false);
    let abi = FuncAbi::new(NATIVE, f_t, None).expect("abi");
    c.eq("abi/many arguments spill", abi.stack_args_size(), 8 * (3 + 3));
    let f = make_func(f_t, move |a| {
        // Weighted, so a swapped pair shows.
        let s: i64 = a[..ni].iter().enumerate().map(|(i, v)| (i as i64 + 1) * v.int()).sum();
        let x: f64 = a[ni..].iter().enumerate().map(|(i, v)| (i as f64 + 1.0) * v.float()).sum();
        vec![Value::from(s as isize), Value::from(x)]
    });
    let iv: Vec<i64> = (0..ni as i64).map(|i| 1000 - 37 * i).collect();
    let fv: Vec<f64> = (0..nf).map(|i| 0.5 + i as f64 * 0.25).collect();
    let mut args: Vec<Value> = iv.iter().map(|&v| Value::from(v as isize)).collect();
    args.extend(fv.iter().map(|&v| Value::from(v)));
    let r = f.call(&args);
    let want_s: i64 = iv.iter().enumerate().map(|(i, v)| (i as i64 + 1) * v).sum();
    let want_x: f64 = fv.iter().enumerate().map(|(i, v)| (i as f64 + 1.0) * v).sum();
    c.eq("call/many arguments", (r[0].int(), bits(&r[1])), (want_s, want_x.to_bits()));

    let (ri, rf) = (NATIVE.int_reg_count() + 2, NATIVE.float_reg_count() + 2);
    let mut outs = vec![int(); ri];
    outs.extend(vec![f64t(); rf]);
    let f = make_func(types::func_of(&[int()], &outs, false), move |a| {
        let n = a[0].int();
        let mut r: Vec<Value> = (0..ri as i64).map(|i| Value::from((n * i - i) as isize)).collect();
        r.extend((0..rf).map(|i| Value::from(n as f64 / (i as f64 + 2.0))));
        r
    });
    let r = f.call(&[Value::from(9isize)]);
    let got_i: Vec<i64> = r[..ri].iter().map(Value::int).collect();
    let got_f: Vec<u64> = r[ri..].iter().map(bits).collect();
    let want_i: Vec<i64> = (0..ri as i64).map(|i| 9 * i - i).collect();
    let want_f: Vec<u64> = (0..rf).map(|i| (9.0 / (i as f64 + 2.0)).to_bits()).collect();
    c.eq("call/many results", (got_i, got_f), (want_i, want_f));
}

/// complex and bool, variadic, interface arguments, method values.
fn more_kinds(c: &mut Checks) {
    let f = make_func(
        types::func_of(&[&types::COMPLEX128, &types::BOOL], &[&types::COMPLEX128, &types::BOOL], false),
        |a| {
            let (re, im) = a[0].complex();
            // z * i
            vec![complex128(-im, re), Value::from(!a[1].bool())]
        },
    );
    let r = f.call(&[complex128(3.0, -4.5), Value::from(false)]);
    c.eq("call/complex128 and bool", (r[0].complex(), r[1].bool()), ((4.5, 3.0), true));

    let f = make_func(types::func_of(&[int(), types::slice_of(int())], &[int()], true), |a| {
        let base = a[0].int();
        let s = a[1].as_bytes();
        let (ptr, len) = (u64::from_le_bytes(s[..8].try_into().unwrap()) as *const i64, a[1].len());
        let xs: &[i64] = if len == 0 {
            &[]
        } else {
            // SAFETY: a slice of int: `len` elements at `ptr` (packed by
            // Value::call from the variadic arguments).
            unsafe { core::slice::from_raw_parts(ptr, len) }
        };
        vec![Value::from((base * 1000 + xs.iter().enumerate().map(|(i, x)| (i as i64 + 1) * x).sum::<i64>()) as isize)]
    });
    let args: Vec<Value> = [7isize, 1, 2, 3, 4].into_iter().map(Value::from).collect();
    let r = f.call(&args);
    c.eq("call/variadic", r[0].int(), 7000 + 1 + 2 * 2 + 3 * 3 + 4 * 4);

    let iface = &types::EMPTY_INTERFACE.typ as TypeRef;
    let f = make_func(types::func_of(&[iface], &[&types::STRING, int()], false), |a| {
        let e = a[0].elem();
        vec![Value::from_string(String::from(e.typ().string())), Value::from((e.int() * 2) as isize)]
    });
    let r = f.call(&[Value::from(21i32)]);
    c.eq("call/interface argument", (string_of(&r[0]), r[1].int()), (String::from("int32"), 42));

    // `type T struct { a, b int }` with `func (t T) Sum(x int) int`: the
    // method table entry takes the receiver as one word (a pointer to a
    // copy of T).
    let sum = make_func(types::func_of(&[&types::UNSAFE_POINTER, int()], &[int()], false), |a| {
        let p = a[0].pointer() as *const i64;
        // SAFETY: the receiver word of a non-pointer-shaped T points at a T.
        let (x, y) = unsafe { (*p, *p.add(1)) };
        vec![Value::from((x * 100 + y + a[1].int()) as isize)]
    });
    let t = types::named(
        "main.T",
        types::struct_of(&[Field::new("a", int()), Field::new("b", int())]),
        vec![MethodSpec {
            name: "Sum".into(),
            mtyp: types::func_of(&[int()], &[int()], false),
            ifn: sum.pointer() as *const (),
            tfn: core::ptr::null(),
        }],
    );
    let v = aggregate(t, &[Value::from(3isize), Value::from(4isize)]);
    let m = v.method_by_name("Sum").expect("T has Sum");
    c.eq("call/method value", (m.typ().string(), m.call(&[Value::from(5isize)])[0].int()), ("func(int) int", 309));
}

/// make-func closures called by Go-ABI code other than reflectcall: a
/// hand-written Go-style caller, and another closure.
fn closures_from_go(c: &mut Checks) {
    let t = types::func_of(&[int(), f64t()], &[f64t(), int()], false);
    let inner = make_func(t, |a| vec![Value::from(a[1].float() * 2.0), Value::from((a[0].int() + 1) as isize)]);
    let words = [rgo_fixture_call_shifted as *const () as usize, inner.pointer() as usize];
    let shifted: &'static [usize; 2] = alloc::boxed::Box::leak(alloc::boxed::Box::new(words));
    // SAFETY: the shim forwards register arguments and results to `inner`,
    // which has type `t` and only register arguments.
    let f = unsafe { Value::from_func_ptr(t, shifted.as_ptr().cast()) };
    let r = f.call(&[Value::from(41isize), Value::from(1.25f64)]);
    c.eq("make_func/called from a Go frame", (r[0].float(), r[1].int()), (2.5, 42));

    let triple = make_func(types::func_of(&[int()], &[int()], false), |a| vec![Value::from((a[0].int() * 3) as isize)]);
    let outer = make_func(types::func_of(&[int(), f64t()], &[int()], false), move |a| {
        let t = triple.call(&[a[0].clone()])[0].int();
        vec![Value::from((t + a[1].float() as i64) as isize)]
    });
    let r = outer.call(&[Value::from(14isize), Value::from(-2.0f64)]);
    c.eq("make_func/calls another through Value::call", r[0].int(), 40);
}

/// The prepared typed path.
fn typed(c: &mut Checks) {
    let add = make_func(types::func_of(&[int(), int()], &[int()], false), |a| {
        vec![Value::from((a[0].int() + a[1].int()) as isize)]
    });
    let t: TypedFunc<(isize, isize), (isize,)> = TypedFunc::new(&add).expect("typed add");
    c.eq("typed/ints", t.call((1000, 337)).0, 1337);
    let total: isize = (0..500).map(|i| t.call((i, 2 * i)).0).sum();
    c.eq("typed/500 calls", total, (0..500).map(|i| 3 * i).sum());

    let ins = [&types::INT8 as TypeRef, f64t(), &types::UINT16, &types::FLOAT32, &types::INT64];
    let outs = [f64t(), &types::INT32, &types::FLOAT32];
    let f = make_func(types::func_of(&ins, &outs, false), |a| {
        vec![
            Value::from(a[1].float() - a[0].int() as f64),
            Value::from((a[2].uint() as i64 - a[4].int()) as i32),
            Value::from(a[3].float() as f32 * -1.0),
        ]
    });
    let t: TypedFunc<(i8, f64, u16, f32, i64), (f64, i32, f32)> = TypedFunc::new(&f).expect("typed mixed");
    c.eq("typed/mixed", t.call((-128, 0.5, 65000, 2.75, 70000)), (128.5, -5000, -2.75));

    // Twelve arguments, the most a typed call takes: the integer ones
    // exceed amd64's nine registers.
    type Twelve = (isize, f64, isize, f32, isize, u8, isize, f64, i16, isize, u32, isize);
    let ins12 = [
        int(), f64t(), int(), &types::FLOAT32, int(), &types::UINT8,
        int(), f64t(), &types::INT16, int(), &types::UINT32, int(),
    ];
    let f = make_func(types::func_of(&ins12, &[int(), f64t()], false), |a| {
        // The integers weighted by their rank among the integers, the
        // floats summed.
        let (mut s, mut x, mut rank) = (0i64, 0f64, 0i64);
        for v in a {
            match v.kind() {
                Kind::Float32 | Kind::Float64 => x += v.float(),
                Kind::Uint8 | Kind::Uint32 => (rank, s) = (rank + 1, s + (rank + 1) * v.uint() as i64),
                _ => (rank, s) = (rank + 1, s + (rank + 1) * v.int()),
            }
        }
        vec![Value::from(s as isize), Value::from(x)]
    });
    let t: TypedFunc<Twelve, (isize, f64)> = TypedFunc::new(&f).expect("typed twelve");
    let got = t.call((1, 0.5, -2, 0.25, 3, 200, -4, 8.0, -300, 5, 4_000_000_000, -6));
    let want_s = 1 - 2 * 2 + 3 * 3 + 4 * 200 - 5 * 4 - 6 * 300 + 7 * 5 + 8 * 4_000_000_000 - 9 * 6;
    c.eq("typed/twelve arguments", got, (want_s, 8.75));

    let closure = &raw const rgo_fixture_ctx_closure;
    // SAFETY: ctx is func() uintptr.
    let f = unsafe { fixture(&[], &[&types::UINTPTR], closure) };
    let t: TypedFunc<(), (usize,)> = TypedFunc::new(&f).expect("typed ctx");
    c.eq("typed/assembly callee", t.call(()).0, closure as usize);

    let err = TypedFunc::<(f64,), (isize,)>::new(&add).err().map(|e| alloc::string::ToString::to_string(&e));
    let want = "reflect: Call using func(int, int) int as type func(float64) int";
    c.eq("typed/wrong signature refused", err.as_deref(), Some(want));
}

/// Misuse is an error worded as Go's reflect words it.
fn errors(c: &mut Checks) {
    let id = make_func(types::func_of(&[int()], &[int()], false), |a| a.to_vec());
    c.eq("error/too few arguments", id.try_call(&[]).err(), Some(CallError::TooFewArgs));
    let e = id.try_call(&[Value::from(1.5f64)]).err().map(|e| alloc::string::ToString::to_string(&e));
    c.eq("error/wrong argument type", e.as_deref(), Some("reflect: Call using float64 as type int"));
    // SAFETY: a nil func value is valid to hold; calling it must fail cleanly.
    let nil = unsafe { Value::from_func_ptr(types::func_of(&[int()], &[int()], false), core::ptr::null()) };
    let e = nil.try_call(&[Value::from(1isize)]).err().map(|e| alloc::string::ToString::to_string(&e));
    c.eq("error/nil function", e.as_deref(), Some("reflect: call of nil function"));
}
