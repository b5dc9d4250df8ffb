//! Reflect calls against direct calls, for the signatures of
//! ../shared/baselines/BASELINES.md §1. Ratios go to docs/performance.md.
//!
//! `cargo bench -p rgo-bench` (criterion; figures in target/criterion).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use reflect::types::parse::Scope;
use reflect::{make_func, TypedFunc, Value};
use rgo_bench::{direct, go};

fn bench(c: &mut Criterion) {
    // (a) func()
    let mut g = c.benchmark_group("a_nop");
    let f: fn() = black_box(direct::nop);
    g.bench_function("direct", |b| b.iter(f));
    let typed: TypedFunc<(), ()> = TypedFunc::new(&go::nop()).unwrap();
    g.bench_function("typed", |b| b.iter(|| typed.call(())));
    let v = go::nop();
    g.bench_function("value_call", |b| b.iter(|| v.call(&[])));
    g.finish();

    // (b) func(int, int) int
    let mut g = c.benchmark_group("b_add");
    let f: fn(isize, isize) -> isize = black_box(direct::add);
    g.bench_function("direct", |b| b.iter(|| f(black_box(1), black_box(2))));
    let typed: TypedFunc<(isize, isize), (isize,)> = TypedFunc::new(&go::add()).unwrap();
    g.bench_function("typed", |b| b.iter(|| typed.call((black_box(1), black_box(2)))));
    let v = go::add();
    let args = [Value::from(1isize), Value::from(2isize)];
    g.bench_function("value_call", |b| b.iter(|| v.call(black_box(&args))));
    let t = Scope::default().parse_type("func(a, b int) int").unwrap();
    // The closure returns its one result in an array (no allocation)...
    let mf = make_func(t, |a| [Value::from((a[0].int() + a[1].int()) as isize)]);
    let typed_mf: TypedFunc<(isize, isize), (isize,)> = TypedFunc::new(&mf).unwrap();
    g.bench_function("typed_to_make_func", |b| b.iter(|| typed_mf.call((black_box(1), black_box(2)))));
    // ...or in a Vec, as Go's MakeFunc closure returns a slice.
    let mf = make_func(t, |a| vec![Value::from((a[0].int() + a[1].int()) as isize)]);
    let typed_mf: TypedFunc<(isize, isize), (isize,)> = TypedFunc::new(&mf).unwrap();
    g.bench_function("typed_to_make_func_vec", |b| b.iter(|| typed_mf.call((black_box(1), black_box(2)))));
    g.finish();

    // (c) func(float64, string, S) (string, float64)
    let mut g = c.benchmark_group("c_mix");
    let f: fn(f64, &'static str, (i32, f32, f64)) -> (&'static str, f64) = black_box(direct::mix);
    g.bench_function("direct", |b| b.iter(|| f(black_box(1.5), black_box("s"), black_box((1, 2.0, 3.0)))));
    let v = go::mix();
    let args = go::mix_args(&v);
    g.bench_function("value_call", |b| b.iter(|| v.call(black_box(&args))));
    g.finish();

    // (d) 12 ints -> 2 ints (3 on the stack on amd64)
    let mut g = c.benchmark_group("d_many");
    let f: fn(isize, isize, isize, isize, isize, isize, isize, isize, isize, isize, isize, isize) -> (isize, isize) =
        black_box(direct::many);
    g.bench_function("direct", |b| b.iter(|| f(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, black_box(12))));
    type Twelve = (isize, isize, isize, isize, isize, isize, isize, isize, isize, isize, isize, isize);
    let typed: TypedFunc<Twelve, (isize, isize)> = TypedFunc::new(&go::many()).unwrap();
    g.bench_function("typed", |b| b.iter(|| typed.call(black_box((1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)))));
    let v = go::many();
    let args: Vec<Value> = (1..=12).map(|i| Value::from(i as isize)).collect();
    g.bench_function("value_call", |b| b.iter(|| v.call(black_box(&args))));
    g.finish();

    // (e) method (*T).M(int) int
    let mut g = c.benchmark_group("e_method");
    let f: fn(&isize, isize) -> isize = black_box(direct::method);
    let target: &'static isize = Box::leak(Box::new(40));
    g.bench_function("direct", |b| b.iter(|| f(black_box(target), black_box(2))));
    let p_t = go::method_receiver_type();
    let words = [target as *const isize as usize];
    // SAFETY: P is one pointer, pointing at a live struct{ v int }.
    let recv = unsafe { Value::from_raw(p_t, words.as_ptr().cast()) };
    let args = [Value::from(2isize)];
    g.bench_function("method_call", |b| b.iter(|| recv.method(0).call(black_box(&args))));
    let m = recv.method(0);
    g.bench_function("cached_method_call", |b| b.iter(|| m.call(black_box(&args))));
    let typed: TypedFunc<(isize,), (isize,)> = TypedFunc::new(&m).unwrap();
    g.bench_function("typed", |b| b.iter(|| typed.call((black_box(2),))));
    g.finish();

    // (f) func([4]int) [4]int
    let mut g = c.benchmark_group("f_arr4");
    let f: fn([isize; 4]) -> [isize; 4] = black_box(direct::arr4);
    g.bench_function("direct", |b| b.iter(|| f(black_box([1, 2, 3, 4]))));
    let v = go::arr4();
    let a_t = v.typ().as_func().unwrap().ins.as_slice()[0];
    let bytes: Vec<u8> = [1i64, 2, 3, 4].iter().flat_map(|x| x.to_le_bytes()).collect();
    let args = [Value::from_bytes(a_t, &bytes).unwrap()];
    g.bench_function("value_call", |b| b.iter(|| v.call(black_box(&args))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
