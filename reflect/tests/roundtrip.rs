//! `call(make_func(f))` round trips: every argument goes through reflect's
//! call path and the assembly into the make-func stub and back out as the
//! closure's argument; every result takes the way back. Checked bit for bit.

mod common;

use common::{assert_same, go_test_scope, random_value, Rng};
use proptest::prelude::*;
use reflect::types::{self, Field, TypeRef};
use reflect::{make_func, Value};
use std::sync::{Arc, Mutex};

/// Calls a make-func'd function of type `ft` with random arguments; the
/// closure checks it saw them and returns random results, which the caller
/// checks in turn.
fn roundtrip(ft: TypeRef, seed: u64) {
    let f = ft.as_func().unwrap();
    let mut rng = Rng(seed | 1);
    let args: Vec<Value> = f.ins.as_slice().iter().map(|&t| random_value(&mut rng, t)).collect();
    let results: Vec<Value> = f.outs.as_slice().iter().map(|&t| random_value(&mut rng, t)).collect();

    // What the closure saw, checked outside it: a panic inside would abort.
    let seen: Arc<Mutex<Option<Vec<Value>>>> = Arc::default();
    let (seen2, results2) = (seen.clone(), results.clone());
    let g = make_func(ft, move |a| {
        *seen2.lock().unwrap() = Some(a.to_vec());
        results2.clone()
    });
    let got = g.call(&args);

    let seen = seen.lock().unwrap().take().expect("the closure ran");
    assert_eq!(seen.len(), args.len());
    for (i, (s, a)) in seen.iter().zip(&args).enumerate() {
        assert_same(&format!("{ft}: argument {i}"), s, a);
    }
    assert_eq!(got.len(), results.len());
    for (i, (g, r)) in got.iter().zip(&results).enumerate() {
        assert_same(&format!("{ft}: result {i}"), g, r);
    }
}

#[test]
fn every_reflect_signature_of_sigs_txt() {
    let sigs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/abi-vectors/sigs.txt"))
        .expect("../shared/abi-vectors/sigs.txt beside the repository");
    let scope = go_test_scope();
    let mut n = 0;
    for line in sigs.lines().filter(|l| l.starts_with("reflect ")) {
        let parts: Vec<&str> = line.split('|').collect();
        let mut ft = scope.parse_type(parts[2]).unwrap();
        if !parts[1].trim().is_empty() {
            // A method: call it as its method expression (receiver first).
            let recv = scope.parse_type(parts[1]).unwrap();
            let f = ft.as_func().unwrap();
            let ins: Vec<TypeRef> = std::iter::once(recv).chain(f.ins.as_slice().iter().copied()).collect();
            ft = types::func_of(&ins, f.outs.as_slice(), false);
        }
        for seed in 0..4 {
            roundtrip(ft, seed * 7919 + n);
        }
        n += 1;
    }
    assert_eq!(n, 48, "sigs.txt has 48 reflect signatures");
}

/// A type tree for property tests.
#[derive(Clone, Debug)]
enum Spec {
    Scalar(u8),
    Array(Box<Spec>, usize),
    Struct(Vec<Spec>),
}

const SCALARS: [&str; 21] = [
    "bool", "int", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "uintptr", "float32",
    "float64", "complex64", "complex128", "string", "*int", "[]byte", "interface{}", "map[int]int", "struct{}",
];

fn spec() -> impl Strategy<Value = Spec> {
    let leaf = (0..SCALARS.len() as u8).prop_map(Spec::Scalar);
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            (inner.clone(), 0usize..4).prop_map(|(e, n)| Spec::Array(Box::new(e), n)),
            prop::collection::vec(inner, 0..5).prop_map(Spec::Struct),
        ]
    })
}

fn build(s: &Spec, scope: &reflect::types::parse::Scope) -> TypeRef {
    match s {
        Spec::Scalar(i) => scope.parse_type(SCALARS[*i as usize]).unwrap(),
        Spec::Array(e, n) => types::array_of(build(e, scope), *n),
        Spec::Struct(fs) => {
            let fields: Vec<Field> =
                fs.iter().enumerate().map(|(i, f)| Field::new(&format!("f{i}"), build(f, scope))).collect();
            types::struct_of(&fields)
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Random signatures: many small values exhaust the registers and
    /// spill onto the stack; aggregates mix integer and float registers.
    #[test]
    fn random_signatures(ins in prop::collection::vec(spec(), 0..24), outs in prop::collection::vec(spec(), 0..24), seed: u64) {
        let scope = reflect::types::parse::Scope::default();
        let ins: Vec<TypeRef> = ins.iter().map(|s| build(s, &scope)).collect();
        let outs: Vec<TypeRef> = outs.iter().map(|s| build(s, &scope)).collect();
        roundtrip(types::func_of(&ins, &outs, false), seed);
    }
}

/// `Value::call` makes a direct call when the signature's frame fits
/// rt-arch's direct frame, and goes through `rgo_reflectcall` otherwise:
/// one signature of each kind, with stack arguments and results, both
/// round trips checked bit for bit.
#[test]
fn frames_on_both_sides_of_the_direct_call_limit() {
    let scope = go_test_scope();
    for (sig, direct) in [
        ("func(a [4]int, f float64, s string) ([4]int, float64)", true),
        ("func(a [40]int, f float64, s string) ([40]int, float64)", false),
    ] {
        let ft = scope.parse_type(sig).unwrap();
        let l = reflect::layout::layout(ft, None).unwrap();
        assert_eq!((l.frame_size as usize) <= rt_arch::direct::FRAME, direct, "{sig}: frame {}", l.frame_size);
        for seed in 0..4 {
            roundtrip(ft, seed);
        }
    }
}
