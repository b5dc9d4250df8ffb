//! The rust-host example (docs/host.md): Rust calling the Go functions of
//! app.go, built by build.rs with `rgo build --lib`, through rgo-host:
//! ints, floats, strings, a struct, a method value and a closure Go
//! returns, a goroutine fed across calls, Go panics as errors. [`demo`]
//! prints what it does (src/main.rs, checked against expected.out by the
//! tests); [`bench`] measures the figure.

use rgo_host::{go_string, Runtime, Value};
use std::io::Write;

/// Any failure of the demo.
pub type Failure = Box<dyn std::error::Error>;

/// Calls app.go's functions and prints what they return to `out`.
pub fn demo(rt: &Runtime, out: &mut dyn Write) -> Result<(), Failure> {
    writeln!(
        out,
        "exported: {}",
        rt.names().collect::<Vec<_>>().join(" ")
    )?;

    let add = rt.typed::<(isize, isize), (isize,)>("Add")?;
    writeln!(out, "Add(2, 40) = {}", add.call((2, 40)).0)?;
    let hypot = rt.typed::<(f64, f64), (f64,)>("Hypot")?;
    writeln!(out, "Hypot(3, 4) = {}", hypot.call((3.0, 4.0)).0)?;

    let greet = rt.func("Greet")?;
    let r = greet.call(&[Value::from_str("gopher")]);
    writeln!(
        out,
        "Greet(\"gopher\") = {:?}",
        go_string(&r[0]).unwrap_or_default()
    )?;

    // A struct: the Go type from the signature, the bytes laid out as Go
    // lays Point { X, Y float64; Tag string } out.
    let scale = rt.func("Scale")?;
    let point_t = scale.param(0).expect("Scale has a parameter");
    let tag = "p";
    let mut bytes = Vec::new();
    bytes.extend(1.5f64.to_le_bytes());
    bytes.extend((-2.0f64).to_le_bytes());
    bytes.extend((tag.as_ptr() as usize).to_le_bytes());
    bytes.extend(tag.len().to_le_bytes());
    assert_eq!(bytes.len(), point_t.size, "Point's layout");
    // SAFETY: `bytes` is a Point (two float64s, then a string: pointer and
    // length); its string points at static bytes Go only reads.
    let p = unsafe { Value::from_raw(point_t, bytes.as_ptr()) };
    let r = scale.call(&[p, Value::from(2.0f64)]);
    let q = &r[0];
    writeln!(
        out,
        "Scale({{1.5 -2 p}}, 2) = {{{} {} {}}} ({})",
        q.field(0).float(),
        q.field(1).float(),
        go_string(&q.field(2)).unwrap_or_default(),
        q.typ().string()
    )?;

    // A method value and a closure Go returns, kept alive while we hold them.
    let counter = rt.func("NewCounter")?.call(&[Value::from(10isize)]);
    let next = rt.func_value(&counter[0])?.into_typed::<(), (isize,)>()?;
    let (a, b) = (next.call(()).0, next.call(()).0);
    writeln!(out, "NewCounter(10): next() = {a}, next() = {b}")?;
    let adder = rt.func("Adder")?.call(&[Value::from(100isize)]);
    let add100 = rt
        .func_value(&adder[0])?
        .into_typed::<(isize,), (isize,)>()?;
    writeln!(out, "Adder(100)(23) = {}", add100.call((23,)).0)?;

    // A goroutine started by one call, fed by later ones.
    rt.typed::<(), ()>("StartSummer")?.call(());
    let feed = rt.typed::<(isize,), ()>("Feed")?;
    for x in 1..=10 {
        feed.call((x,));
    }
    writeln!(
        out,
        "the goroutine summed 1..=10: {}",
        rt.typed::<(), (isize,)>("Finish")?.call(()).0
    )?;

    // Go panics come back as errors.
    let div = rt.typed::<(isize, isize), (isize,)>("Div")?;
    writeln!(out, "Div(7, 0): {}", div.try_call((7, 0)).unwrap_err())?;
    let fail = rt.func("Fail")?;
    writeln!(
        out,
        "Fail(\"boom\"): {}",
        fail.try_call(&[Value::from_str("boom")]).unwrap_err()
    )?;
    writeln!(
        out,
        "Fail(\"error\"): {}",
        fail.try_call(&[Value::from_str("error")]).unwrap_err()
    )?;
    // A wrong Rust signature is refused before any call.
    writeln!(
        out,
        "Add as func(float64) float64: {}",
        rt.typed::<(f64,), (f64,)>("Add").unwrap_err()
    )?;
    writeln!(out, "after the panics: Add(1, 1) = {}", add.call((1, 1)).0)?;
    Ok(())
}

/// The figure of docs/host.md: a TypedFunc call of `func(int, int) int`
/// from Rust against the same call made by Go in a loop (AddLoop), and the
/// same call through Values, in ns per call; `startup` is what
/// `Runtime::start` took.
pub fn bench(rt: &Runtime, startup: std::time::Duration, out: &mut dyn Write) -> Result<(), Failure> {
    use std::time::Instant;
    let add = rt.typed::<(isize, isize), (isize,)>("Add")?;
    let add_loop = rt.typed::<(isize,), (isize,)>("AddLoop")?;
    let add_values = rt.func("Add")?;
    let n: isize = 2_000_000;
    let typed = |n: isize| {
        let mut s = 0;
        for i in 0..n {
            s = add.call((s, i)).0;
        }
        s
    };
    // Warm up both.
    typed(n / 10);
    add_loop.call((n / 10,));
    let t = Instant::now();
    let s = typed(n);
    let rust = t.elapsed().as_nanos() as f64 / n as f64;
    let t = Instant::now();
    let g = add_loop.call((n,)).0;
    let go = t.elapsed().as_nanos() as f64 / n as f64;
    assert_eq!(s, g);
    let m = n / 10;
    let t = Instant::now();
    for i in 0..m {
        let r = add_values.call(&[Value::from(i), Value::from(1isize)]);
        assert_eq!(r[0].int(), i as i64 + 1);
    }
    let values = t.elapsed().as_nanos() as f64 / m as f64;
    writeln!(out, "Runtime::start: {} us", startup.as_micros())?;
    writeln!(out, "Rust TypedFunc call of Add(int, int) int: {rust:.1} ns/call ({n} calls)")?;
    writeln!(out, "Go calling Add in a loop (AddLoop):       {go:.2} ns/call ({n} calls)")?;
    writeln!(out, "Rust Value call of Add:                   {values:.1} ns/call ({m} calls)")?;
    Ok(())
}
