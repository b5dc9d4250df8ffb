//! Reflect calls against direct calls in guest instructions, for targets
//! timed only under emulation (arm64 and riscv64 under qemu-user, where
//! timings mean little): the figures of docs/performance.md's other
//! architectures.
//!
//! ```sh
//! reflect_insns run CASE N                        # on the target: CASE, N times
//! reflect_insns count [--iters N] -- EMULATOR...  # on the host
//! ```
//!
//! `count` runs this same binary (the one built for the target, named at
//! the end of the emulator command line) once per case with `run CASE N`
//! and `run CASE 2N` under the emulator with `-singlestep -d exec,nochain`:
//! qemu then logs one `Trace` line per guest instruction executed (qemu
//! 7.2 has no TCG plugins here; this is the count `boot_insns` checked
//! against `-icount`). The difference of the two counts divided by N is
//! the case's instructions per call, without the process's start and exit;
//! the table is printed as markdown, each path against the direct call of
//! its signature.

use cases::run;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

/// The cases, by signature letter and path, as in benches/reflect_call.rs.
const CASES: &[&str] = &[
    "a_nop/direct",
    "a_nop/typed",
    "a_nop/value_call",
    "b_add/direct",
    "b_add/typed",
    "b_add/value_call",
    "b_add/typed_to_make_func",
    "b_add/typed_to_make_func_vec",
    "c_mix/direct",
    "c_mix/value_call",
    "d_many/direct",
    "d_many/typed",
    "d_many/value_call",
    "e_method/direct",
    "e_method/typed",
    "e_method/cached_method_call",
    "f_arr4/direct",
    "f_arr4/value_call",
];

/// The calls behind the cases (built once, outside the counted loop).
mod cases {
    use reflect::types::parse::Scope;
    use reflect::{make_func, TypedFunc, Value};
    use rgo_bench::{direct, go};
    use std::hint::black_box;

    pub type Twelve = (isize, isize, isize, isize, isize, isize, isize, isize, isize, isize, isize, isize);

    /// Runs `case` `n` times; false for an unknown case.
    pub fn run(case: &str, n: usize) -> bool {
        macro_rules! times {
            ($body:expr) => {{
                for _ in 0..n {
                    black_box($body);
                }
                true
            }};
        }
        match case {
            "a_nop/direct" => {
                let f: fn() = black_box(direct::nop);
                times!(f())
            }
            "a_nop/typed" => {
                let t: TypedFunc<(), ()> = TypedFunc::new(&go::nop()).unwrap();
                times!(t.call(()))
            }
            "a_nop/value_call" => {
                let v = go::nop();
                times!(v.call(&[]))
            }
            "b_add/direct" => {
                let f: fn(isize, isize) -> isize = black_box(direct::add);
                times!(f(black_box(1), black_box(2)))
            }
            "b_add/typed" => {
                let t: TypedFunc<(isize, isize), (isize,)> = TypedFunc::new(&go::add()).unwrap();
                times!(t.call((black_box(1), black_box(2))))
            }
            "b_add/value_call" => {
                let v = go::add();
                let args = [Value::from(1isize), Value::from(2isize)];
                times!(v.call(black_box(&args)))
            }
            "b_add/typed_to_make_func" => {
                let t = Scope::default().parse_type("func(a, b int) int").unwrap();
                let mf = make_func(t, |a| [Value::from((a[0].int() + a[1].int()) as isize)]);
                let t: TypedFunc<(isize, isize), (isize,)> = TypedFunc::new(&mf).unwrap();
                times!(t.call((black_box(1), black_box(2))))
            }
            "b_add/typed_to_make_func_vec" => {
                let t = Scope::default().parse_type("func(a, b int) int").unwrap();
                let mf = make_func(t, |a| vec![Value::from((a[0].int() + a[1].int()) as isize)]);
                let t: TypedFunc<(isize, isize), (isize,)> = TypedFunc::new(&mf).unwrap();
                times!(t.call((black_box(1), black_box(2))))
            }
            "c_mix/direct" => {
                let f: fn(f64, &'static str, (i32, f32, f64)) -> (&'static str, f64) = black_box(direct::mix);
                times!(f(black_box(1.5), black_box("s"), black_box((1, 2.0, 3.0))))
            }
            "c_mix/value_call" => {
                let v = go::mix();
                let args = go::mix_args(&v);
                times!(v.call(black_box(&args)))
            }
            "d_many/direct" => {
                let f: fn(isize, isize, isize, isize, isize, isize, isize, isize, isize, isize, isize, isize) -> (isize, isize) =
                    black_box(direct::many);
                times!(f(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, black_box(12)))
            }
            "d_many/typed" => {
                let t: TypedFunc<Twelve, (isize, isize)> = TypedFunc::new(&go::many()).unwrap();
                times!(t.call(black_box((1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12))))
            }
            "d_many/value_call" => {
                let v = go::many();
                let args: Vec<Value> = (1..=12).map(|i| Value::from(i as isize)).collect();
                times!(v.call(black_box(&args)))
            }
            "e_method/direct" => {
                let f: fn(&isize, isize) -> isize = black_box(direct::method);
                let target: &'static isize = Box::leak(Box::new(40));
                times!(f(black_box(target), black_box(2)))
            }
            "e_method/typed" | "e_method/cached_method_call" => {
                let target: &'static isize = Box::leak(Box::new(40));
                let words = [target as *const isize as usize];
                // SAFETY: P is one pointer, pointing at a live struct{ v int }.
                let recv = unsafe { Value::from_raw(go::method_receiver_type(), words.as_ptr().cast()) };
                let m = recv.method(0);
                if case == "e_method/typed" {
                    let t: TypedFunc<(isize,), (isize,)> = TypedFunc::new(&m).unwrap();
                    times!(t.call((black_box(2),)))
                } else {
                    let args = [Value::from(2isize)];
                    times!(m.call(black_box(&args)))
                }
            }
            "f_arr4/direct" => {
                let f: fn([isize; 4]) -> [isize; 4] = black_box(direct::arr4);
                times!(f(black_box([1, 2, 3, 4])))
            }
            "f_arr4/value_call" => {
                let v = go::arr4();
                let a_t = v.typ().as_func().unwrap().ins.as_slice()[0];
                let bytes: Vec<u8> = [1i64, 2, 3, 4].iter().flat_map(|x| x.to_le_bytes()).collect();
                let args = [Value::from_bytes(a_t, &bytes).unwrap()];
                times!(v.call(black_box(&args)))
            }
            _ => false,
        }
    }
}

/// Guest instructions of `emulator... run CASE n`.
fn count(emulator: &[String], case: &str, n: usize) -> Result<u64, String> {
    let (prog, rest) = emulator.split_first().ok_or("no emulator command")?;
    let (bin, qemu_args) = rest.split_last().ok_or("no binary after the emulator")?;
    let mut child = Command::new(prog)
        .args(qemu_args)
        .args(["-singlestep", "-d", "exec,nochain"])
        .arg(bin)
        .args(["run", case, &n.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{prog}: {e}"))?;
    let mut lines = 0u64;
    let reader = BufReader::with_capacity(1 << 20, child.stderr.take().expect("piped"));
    for line in reader.split(b'\n') {
        if line.map_err(|e| e.to_string())?.starts_with(b"Trace") {
            lines += 1;
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("{case}: {status}"));
    }
    Ok(lines)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("run") if args.len() == 3 => {
            let n = args[2].parse().expect("N is a number");
            if !run(&args[1], n) {
                eprintln!("reflect_insns: unknown case {}", args[1]);
                std::process::exit(2);
            }
        }
        Some("count") => {
            let mut iters = 1000usize;
            let mut i = 1;
            while i < args.len() && args[i] != "--" {
                if args[i] == "--iters" {
                    iters = args[i + 1].parse().expect("--iters N");
                    i += 1;
                }
                i += 1;
            }
            let emulator = &args[(i + 1).min(args.len())..];
            println!("| case | instructions per call | ÷ direct |");
            println!("|---|---:|---:|");
            let mut direct = 0f64;
            for case in CASES {
                let per_call = count(emulator, case, iters)
                    .and_then(|c1| count(emulator, case, 2 * iters).map(|c2| (c2 as f64 - c1 as f64) / iters as f64));
                match per_call {
                    Ok(x) => {
                        if case.ends_with("/direct") {
                            direct = x;
                        }
                        println!("| {case} | {x:.1} | {:.1}× |", x / direct);
                    }
                    Err(e) => {
                        eprintln!("reflect_insns: {e}");
                        std::process::exit(1);
                    }
                }
            }
        }
        _ => {
            eprintln!("usage: reflect_insns run CASE N | reflect_insns count [--iters N] -- EMULATOR... BINARY");
            std::process::exit(2);
        }
    }
}
