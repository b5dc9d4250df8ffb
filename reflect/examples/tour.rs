//! A tour of rgo's reflect: build Go func types, make Go func values from
//! Rust closures (`make_func`), and call them through Go's register ABI
//! (`Value::call`, `TypedFunc`). Every call below goes Rust -> reflectcall
//! (assembly) -> the make-func stub (assembly) -> Rust and back.
//!
//! Run it with `cargo run -p reflect --example tour`.

use reflect::abi::{FuncAbi, NATIVE};
use reflect::types::parse::Scope;
use reflect::{make_func, TypedFunc, Value};

fn main() {
    let scope = Scope::default();

    // func(a, b int) int
    let add_t = scope.parse_type("func(a, b int) int").unwrap();
    let add = make_func(add_t, |args| vec![Value::from((args[0].int() + args[1].int()) as isize)]);
    let sum = add.call(&[Value::from(40isize), Value::from(2isize)]);
    println!("{add_t}: 40 + 2 = {}", sum[0].int());

    // The same function through the prepared, typed path.
    let typed: TypedFunc<(isize, isize), (isize,)> = TypedFunc::new(&add).unwrap();
    println!("typed call: 1000 + 337 = {}", typed.call((1000, 337)).0);

    // Enough arguments to run out of registers: the last ones travel on the stack.
    let many_t = scope.parse_type("func(a, b, c, d, e, f, g, h, i, j, k, l int, x, y float64) (int, float64)").unwrap();
    let abi = FuncAbi::new(NATIVE, many_t, None).unwrap();
    println!(
        "{many_t} on {}: {} int and {} float registers, {} stack bytes",
        NATIVE.name,
        abi.call.int_regs,
        abi.call.float_regs,
        abi.stack_args_size()
    );
    let many = make_func(many_t, |args| {
        let ints: i64 = args[..12].iter().map(Value::int).sum();
        vec![Value::from(ints as isize), Value::from(args[12].float() * args[13].float())]
    });
    let mut args: Vec<Value> = (1..=12).map(|i| Value::from(i as isize)).collect();
    args.push(Value::from(1.5f64));
    args.push(Value::from(-4.0f64));
    let r = many.call(&args);
    println!("sum(1..=12) = {}, 1.5 * -4 = {}", r[0].int(), r[1].float());

    // Strings and a struct mixing integer and float registers.
    let greet_t = scope.parse_type("func(name string, p struct{ n int32; w float32 }) string").unwrap();
    let greet = make_func(greet_t, |args| {
        // SAFETY: the string was built from a `&'static str` below.
        let name = String::from_utf8_lossy(unsafe { args[0].string_bytes() }).into_owned();
        let p = &args[1];
        vec![Value::from_string(format!("hello, {name}: n={} w={}", p.field(0).int(), p.field(1).float()))]
    });
    let p_t = greet_t.as_func().unwrap().ins.as_slice()[1];
    let mut p = vec![0u8; p_t.size()];
    p[..4].copy_from_slice(&7i32.to_le_bytes());
    p[4..8].copy_from_slice(&2.5f32.to_le_bytes());
    let out = greet.call(&[Value::from_str("gopher"), Value::from_bytes(p_t, &p).unwrap()]);
    // SAFETY: the closure returned a leaked Rust string.
    println!("{}", String::from_utf8_lossy(unsafe { out[0].string_bytes() }));

    // Misuse is an error, worded as Go's reflect words it.
    let err = add.try_call(&[Value::from(1isize)]).unwrap_err();
    println!("add(1): {err}");
}
