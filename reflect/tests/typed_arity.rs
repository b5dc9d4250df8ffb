//! Typed calls of every arity: each passes only the registers its plan
//! uses (rt-arch's direct calls take the counts), so every count, of
//! integer and float registers, in and out, is called here against a
//! make-func closure that reads its arguments by the layout and writes its
//! results the same way.

use reflect::types::{self, TypeRef};
use reflect::{make_func, TypedFunc, Value};

/// A make-func of `ins -> outs` whose result `k` is argument `ins.len() - 1
/// - k` (same types by construction of the callers) or, for results beyond
/// the arguments, `k` as an int.
fn reverser(ins: &[TypeRef], outs: &[TypeRef]) -> Value {
    let n_out = outs.len();
    let t = types::func_of(ins, outs, false);
    make_func(t, move |a| {
        (0..n_out)
            .map(|k| if k < a.len() { a[a.len() - 1 - k].clone() } else { Value::from(k as isize) })
            .collect::<Vec<_>>()
    })
}

macro_rules! ints_both_ways {
    ($($n:literal: [$($i:tt)*]),* $(,)?) => {$({
        let ts = vec![&types::INT as TypeRef; $n];
        let f = reverser(&ts, &ts);
        let typed: TypedFunc<($(ints_both_ways!(@int $i),)*), ($(ints_both_ways!(@int $i),)*)> =
            TypedFunc::new(&f).unwrap();
        let args: [isize; $n] = std::array::from_fn(|i| 1000 + i as isize);
        #[allow(unused_variables)]
        let got = typed.call(($(args[$i],)*));
        let got: [isize; $n] = [$(got.$i),*];
        let mut want = args;
        want.reverse();
        assert_eq!(got, want, "{} ints in, {} out", $n, $n);
    })*};
    (@int $i:tt) => { isize };
}

type I = isize;
type I7 = (I, I, I, I, I, I, I);
type Mixed = (I, f64, f32, I, f64);
type MixedOut = (f64, I, f32, f64, I);

#[test]
fn integer_signatures_of_every_arity() {
    ints_both_ways! {
        0: [],
        1: [0],
        2: [0 1],
        3: [0 1 2],
        4: [0 1 2 3],
        5: [0 1 2 3 4],
        6: [0 1 2 3 4 5],
        7: [0 1 2 3 4 5 6],
        8: [0 1 2 3 4 5 6 7],
        9: [0 1 2 3 4 5 6 7 8],
        10: [0 1 2 3 4 5 6 7 8 9],
        11: [0 1 2 3 4 5 6 7 8 9 10],
        12: [0 1 2 3 4 5 6 7 8 9 10 11],
    }
}

#[test]
fn more_results_than_arguments_and_the_reverse() {
    // Registers used by the results only, and by the arguments only.
    let f = reverser(&[&types::INT], &[&types::INT as TypeRef; 7]);
    let t: TypedFunc<(I,), I7> = TypedFunc::new(&f).unwrap();
    assert_eq!(t.call((42,)), (42, 1, 2, 3, 4, 5, 6));
    let g = reverser(&[&types::INT as TypeRef; 7], &[&types::INT]);
    let t: TypedFunc<I7, (I,)> = TypedFunc::new(&g).unwrap();
    assert_eq!(t.call((1, 2, 3, 4, 5, 6, 7)), (7,));
}

#[test]
fn float_and_mixed_signatures() {
    let f64t: TypeRef = &types::FLOAT64;
    let f32t: TypeRef = &types::FLOAT32;
    let int: TypeRef = &types::INT;

    let f = reverser(&[f64t], &[f64t]);
    let t: TypedFunc<(f64,), (f64,)> = TypedFunc::new(&f).unwrap();
    assert_eq!(t.call((2.5,)), (2.5,));

    let f = reverser(&[int, f64t, f32t, int, f64t], &[f64t, int, f32t, f64t, int]);
    let t: TypedFunc<Mixed, MixedOut> = TypedFunc::new(&f).unwrap();
    assert_eq!(t.call((1, 2.5, 3.25, 4, 5.75)), (5.75, 4, 3.25, 2.5, 1));

    let fs = vec![f64t; 12];
    let f = reverser(&fs, &fs);
    type F12 = (f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64);
    let t: TypedFunc<F12, F12> = TypedFunc::new(&f).unwrap();
    let got = t.call((0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5));
    assert_eq!(got, (11.5, 10.5, 9.5, 8.5, 7.5, 6.5, 5.5, 4.5, 3.5, 2.5, 1.5, 0.5));

    // Only floats out, from integers in: the float count comes from the results.
    let f = make_func(types::func_of(&[int, int, int], &[f64t, f64t, f64t], false), |a| {
        a.iter().map(|v| Value::from(v.int() as f64 * 0.5)).collect::<Vec<_>>()
    });
    let t: TypedFunc<(I, I, I), (f64, f64, f64)> = TypedFunc::new(&f).unwrap();
    assert_eq!(t.call((1, 2, 3)), (0.5, 1.0, 1.5));
}
