//! Go-ABI callees for the benchmarks, as reflect Values, and their direct
//! Rust counterparts (the baseline: an indirect call of a non-inlined
//! function, as Go's and libffi's baselines are).

pub mod process;

use reflect::types::{self, parse::Scope, MethodSpec, TypeRef};
use reflect::Value;

#[cfg(any(target_arch = "x86_64", target_arch = "aarch64", target_arch = "riscv64"))]
extern "C" {
    static rgo_bench_nop_closure: u8;
    static rgo_bench_add_closure: u8;
    static rgo_bench_mix_closure: u8;
    static rgo_bench_many_closure: u8;
    static rgo_bench_method_closure: u8;
    static rgo_bench_arr4_closure: u8;
}

/// A Go func value of type `sig` for the closure symbol `closure`.
fn func(sig: &str, closure: *const u8) -> Value {
    let t = Scope::default().parse_type(sig).unwrap();
    // SAFETY: each closure symbol is a func value whose code implements the
    // signature it is paired with below (see asm/<arch>.S).
    unsafe { Value::from_func_ptr(t, closure.cast()) }
}

/// The callees of ../shared/baselines/BASELINES.md §1, by letter.
#[cfg(any(target_arch = "x86_64", target_arch = "aarch64", target_arch = "riscv64"))]
pub mod go {
    use super::*;

    pub fn nop() -> Value {
        func("func()", &raw const rgo_bench_nop_closure)
    }
    pub fn add() -> Value {
        func("func(a, b int) int", &raw const rgo_bench_add_closure)
    }
    pub fn mix() -> Value {
        func(
            "func(f float64, s string, x struct{ a int32; b float32; c float64 }) (string, float64)",
            &raw const rgo_bench_mix_closure,
        )
    }
    /// The arguments of (c) for `Value::call` of [`mix`]: `1.5`, `"s"`,
    /// and the struct `{1, 2.0, 3.0}` (what `direct::mix` is given).
    pub fn mix_args(mix: &Value) -> [Value; 3] {
        let s_t = mix.typ().as_func().unwrap().ins.as_slice()[2];
        let mut s = vec![0u8; 16];
        s[0..4].copy_from_slice(&1i32.to_le_bytes());
        s[4..8].copy_from_slice(&2f32.to_le_bytes());
        s[8..16].copy_from_slice(&3f64.to_le_bytes());
        [Value::from(1.5f64), Value::from_str("s"), Value::from_bytes(s_t, &s).unwrap()]
    }
    pub fn many() -> Value {
        func("func(a, b, c, d, e, f, g, h, i, j, k, l int) (int, int)", &raw const rgo_bench_many_closure)
    }
    pub fn arr4() -> Value {
        func("func(a [4]int) [4]int", &raw const rgo_bench_arr4_closure)
    }

    /// `type P *struct{ v int }` with method `M(x int) int`.
    pub fn method_receiver_type() -> TypeRef {
        let inner = Scope::default().parse_type("*struct{ v int }").unwrap();
        let m = Scope::default().parse_type("func(x int) int").unwrap();
        types::named(
            "main.P",
            inner,
            vec![MethodSpec {
                name: "M".into(),
                mtyp: m,
                ifn: (&raw const rgo_bench_method_closure).cast(),
                tfn: std::ptr::null(),
            }],
        )
    }
}

/// Rust baselines with the same work.
pub mod direct {
    #[inline(never)]
    pub fn nop() {}
    #[inline(never)]
    pub fn add(a: isize, b: isize) -> isize {
        a + b
    }
    #[inline(never)]
    pub fn mix(f: f64, s: &'static str, x: (i32, f32, f64)) -> (&'static str, f64) {
        (s, f + x.2)
    }
    #[inline(never)]
    #[allow(clippy::too_many_arguments)]
    pub fn many(a: isize, b: isize, c: isize, d: isize, e: isize, f: isize, g: isize, h: isize, i: isize, j: isize, k: isize, l: isize) -> (isize, isize) {
        (a + b + c + d + e + f, g + h + i + j + k + l)
    }
    #[inline(never)]
    pub fn method(p: &isize, x: isize) -> isize {
        *p + x
    }
    #[inline(never)]
    pub fn arr4(a: [isize; 4]) -> [isize; 4] {
        [a[3], a[2], a[1], a[0]]
    }
}
