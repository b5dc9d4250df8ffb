//! Misuse of reflect is an error (try_ forms) or a panic with Go's wording
//! (plain forms), before any assembly runs.

use reflect::types::{self, TypeRef};
use reflect::{make_func, try_make_func, CallError, TypedFunc, Value};

fn int_to_int() -> TypeRef {
    types::func_of(&[&types::INT], &[&types::INT], false)
}

fn identity() -> Value {
    make_func(int_to_int(), |a| a.to_vec())
}

#[test]
fn wrong_argument_count() {
    let f = identity();
    assert_eq!(f.try_call(&[]).unwrap_err(), CallError::TooFewArgs);
    assert_eq!(f.try_call(&[Value::from(1isize), Value::from(2isize)]).unwrap_err(), CallError::TooManyArgs);
    assert_eq!(CallError::TooFewArgs.to_string(), "reflect: Call with too few input arguments");
}

#[test]
fn wrong_argument_type() {
    let err = identity().try_call(&[Value::from(1.5f64)]).unwrap_err();
    assert_eq!(err.to_string(), "reflect: Call using float64 as type int");
    let err = identity().try_call(&[Value::default()]).unwrap_err();
    assert_eq!(err.to_string(), "reflect: Call using zero Value argument");
}

#[test]
#[should_panic(expected = "reflect: Call using int32 as type int")]
fn plain_call_panics_with_go_wording() {
    identity().call(&[Value::from(1i32)]);
}

#[test]
fn nil_func_and_non_func() {
    // SAFETY: a nil func value is valid to hold; calling it must fail cleanly.
    let nil = unsafe { Value::from_func_ptr(int_to_int(), std::ptr::null()) };
    assert_eq!(nil.try_call(&[Value::from(1isize)]).unwrap_err().to_string(), "reflect: call of nil function");
    let err = Value::from(3isize).try_call(&[]).unwrap_err();
    assert_eq!(err.to_string(), "reflect: call of reflect.Value.Call on int Value");
    let err = Value::default().try_call(&[]).unwrap_err();
    assert_eq!(err.to_string(), "reflect: call of reflect.Value.Call on zero Value");
    assert!(matches!(try_make_func(&types::INT, |a| a.to_vec()), Err(CallError::WrongKind { .. })));
    assert!(matches!(TypedFunc::<(isize,), (isize,)>::new(&nil), Err(CallError::NilFunc)));
}

#[test]
fn signature_too_large_for_reflectcall() {
    let huge = types::array_of(&types::UINT8, 2 << 20);
    let ft = types::func_of(&[huge], &[], false);
    let err = try_make_func(ft, |_| vec![]).unwrap_err();
    assert!(matches!(err, CallError::FrameTooLarge { bytes, .. } if bytes == 2 << 20), "{err}");
    assert!(err.to_string().contains("the limit is 1048576 bytes"), "{err}");
}

#[test]
fn typed_func_checks_the_signature() {
    let err = TypedFunc::<(isize,), (f64,)>::new(&identity()).err().unwrap();
    assert_eq!(err.to_string(), "reflect: Call using func(int) int as type func(int) float64");
    let add = TypedFunc::<(isize,), (isize,)>::new(&identity()).unwrap();
    assert_eq!(add.call((41,)), (41,));
}

#[test]
fn wrong_kind_accessors_panic_like_go() {
    let r = std::panic::catch_unwind(|| Value::from(1.0f64).int());
    let msg = *r.unwrap_err().downcast::<String>().unwrap();
    assert_eq!(msg, "reflect: call of reflect.Value.Int on float64 Value");
}

#[test]
fn variadic_arguments_are_packed_into_a_slice() {
    let ints = types::slice_of(&types::INT);
    let ft = types::func_of(&[&types::INT, ints], &[&types::INT], true);
    let sum = make_func(ft, |a| {
        let (n, xs) = (a[0].int(), &a[1]);
        let b = xs.as_bytes();
        let (ptr, len) = (u64::from_le_bytes(b[..8].try_into().unwrap()) as *const i64, xs.len());
        // SAFETY: reflect packed `len` ints behind `ptr` for this call.
        let s: i64 = (0..len).map(|i| unsafe { *ptr.add(i) }).sum();
        vec![Value::from((n * 1000 + s) as isize)]
    });
    let got = sum.call(&[Value::from(7isize), Value::from(1isize), Value::from(2isize), Value::from(3isize)]);
    assert_eq!(got[0].int(), 7006);
    assert_eq!(sum.call(&[Value::from(7isize)])[0].int(), 7000);
    assert_eq!(sum.try_call(&[]).unwrap_err(), CallError::TooFewArgs);
}
