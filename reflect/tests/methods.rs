//! Method values: `v.method(i).call(args)` passes the receiver as one word
//! (Go's interface convention) to the method table's `ifn` entry.

use reflect::types::{self, Field, MethodSpec, TypeRef};
use reflect::{make_func, TypedFunc, Value};

/// `type T struct { a, b int }` with `func (t T) Sum(x int) int` and
/// `func (t T) Scale(f float64) (float64, int)`, implemented by make-func
/// closures that take the receiver word first.
fn type_t() -> TypeRef {
    let word = &types::UNSAFE_POINTER;
    let sum_t = types::func_of(&[&types::INT], &[&types::INT], false);
    let scale_t = types::func_of(&[&types::FLOAT64], &[&types::FLOAT64, &types::INT], false);
    let read = |w: &Value| -> (i64, i64) {
        let p = w.pointer() as *const i64;
        // SAFETY: the receiver word of a non-pointer-shaped T points at a T.
        unsafe { (*p, *p.add(1)) }
    };
    let sum = make_func(types::func_of(&[word, &types::INT], &[&types::INT], false), move |a| {
        let (x, y) = read(&a[0]);
        vec![Value::from((x + y + a[1].int()) as isize)]
    });
    let scale = make_func(types::func_of(&[word, &types::FLOAT64], &[&types::FLOAT64, &types::INT], false), move |a| {
        let (x, _) = read(&a[0]);
        vec![Value::from(x as f64 * a[1].float()), Value::from(x as isize)]
    });
    let underlying = types::struct_of(&[Field::new("a", &types::INT), Field::new("b", &types::INT)]);
    types::named(
        "main.T",
        underlying,
        vec![
            MethodSpec { name: "Sum".into(), mtyp: sum_t, ifn: sum.pointer() as *const (), tfn: std::ptr::null() },
            MethodSpec { name: "Scale".into(), mtyp: scale_t, ifn: scale.pointer() as *const (), tfn: std::ptr::null() },
        ],
    )
}

fn t_value(t: TypeRef, a: i64, b: i64) -> Value {
    let words = [a, b];
    // SAFETY: T is two ints.
    unsafe { Value::from_raw(t, words.as_ptr().cast()) }
}

#[test]
fn method_values_bind_the_receiver() {
    let t = type_t();
    let v = t_value(t, 30, 12);
    assert_eq!(v.num_method(), 2);
    // Sorted by name: Scale, Sum.
    let sum = v.method_by_name("Sum").unwrap();
    assert_eq!(sum.typ().string(), "func(int) int");
    assert_eq!(sum.call(&[Value::from(100isize)])[0].int(), 142);
    let r = v.method(0).call(&[Value::from(0.5f64)]);
    assert_eq!((r[0].float(), r[1].int()), (15.0, 30));
    assert!(v.method_by_name("Missing").is_none());
    assert_eq!(v.try_method(2).unwrap_err().to_string(), "reflect: Method index 2 out of range (type has 2 methods)");
}

#[test]
fn pointer_receivers_pass_the_pointer_itself() {
    // `func (p *P) Get() int` on `type P *int`-like pointer-shaped receiver.
    let target: &'static i64 = Box::leak(Box::new(77));
    let get = make_func(types::func_of(&[&types::UNSAFE_POINTER], &[&types::INT], false), |a| {
        // SAFETY: the word is the receiver pointer itself.
        vec![Value::from(unsafe { *(a[0].pointer() as *const i64) } as isize)]
    });
    let p = types::named(
        "main.P",
        types::pointer_to(&types::INT),
        vec![MethodSpec {
            name: "Get".into(),
            mtyp: types::func_of(&[], &[&types::INT], false),
            ifn: get.pointer() as *const (),
            tfn: std::ptr::null(),
        }],
    );
    let words = [target as *const i64 as usize];
    // SAFETY: P is one pointer, pointing at a live int.
    let v = unsafe { Value::from_raw(p, words.as_ptr().cast()) };
    assert_eq!(v.method(0).call(&[])[0].int(), 77);
}

#[test]
fn typed_calls_of_method_values() {
    let t = type_t();
    let v = t_value(t, 30, 12);
    // A receiver that is not pointer-shaped: the prepared call keeps a copy
    // and passes a pointer to it.
    let sum: TypedFunc<(isize,), (isize,)> = TypedFunc::new(&v.method_by_name("Sum").unwrap()).unwrap();
    drop(v);
    assert_eq!(sum.call((100,)).0, 142);
    assert_eq!(sum.call((-42,)).0, 0);
    let scale: TypedFunc<(f64,), (f64, isize)> = TypedFunc::new(&t_value(t, 3, 4).method(0)).unwrap();
    assert_eq!(scale.call((0.5,)), (1.5, 3));
    // The signature is checked as for plain func values.
    let wrong = TypedFunc::<(f64,), (isize,)>::new(&t_value(t, 1, 2).method(1));
    assert_eq!(wrong.err().unwrap().to_string(), "reflect: Call using func(int) int as type func(float64) int");

    // A pointer-shaped receiver: the word is the pointer itself.
    let target: &'static i64 = Box::leak(Box::new(77));
    let get = make_func(types::func_of(&[&types::UNSAFE_POINTER, &types::INT], &[&types::INT], false), |a| {
        // SAFETY: the word is the receiver pointer itself.
        vec![Value::from(unsafe { *(a[0].pointer() as *const i64) } as isize + a[1].int() as isize)]
    });
    let p = types::named(
        "main.P",
        types::pointer_to(&types::INT),
        vec![MethodSpec {
            name: "Add".into(),
            mtyp: types::func_of(&[&types::INT], &[&types::INT], false),
            ifn: get.pointer() as *const (),
            tfn: std::ptr::null(),
        }],
    );
    let words = [target as *const i64 as usize];
    // SAFETY: P is one pointer, pointing at a live int.
    let pv = unsafe { Value::from_raw(p, words.as_ptr().cast()) };
    let add: TypedFunc<(isize,), (isize,)> = TypedFunc::new(&pv.method(0)).unwrap();
    assert_eq!(add.call((23,)).0, 100);
}

/// A method value passed as an argument has no memory of its own: the
/// callee gets a func value that calls the method (it used to be read
/// through a null pointer).
#[test]
fn method_values_as_arguments() {
    let t = type_t();
    let sum = t_value(t, 30, 12).method_by_name("Sum").unwrap();
    let ft = sum.typ();
    let apply = make_func(types::func_of(&[ft, &types::INT], &[&types::INT], false), |a| {
        vec![Value::from(a[0].call(&[a[1].clone()])[0].int() as isize)]
    });
    assert_eq!(apply.call(&[sum.clone(), Value::from(100isize)])[0].int(), 142);
    // Through the checked path too (an argument that needs converting).
    let iface = make_func(types::func_of(&[ft, &types::EMPTY_INTERFACE.typ], &[&types::INT], false), |a| {
        vec![Value::from(a[0].call(&[Value::from(1isize)])[0].int() as isize)]
    });
    assert_eq!(iface.call(&[sum, Value::from(5isize)])[0].int(), 43);

    // Returned by a make-func closure.
    let sum2 = t_value(t, 1, 2).method_by_name("Sum").unwrap();
    let getter = make_func(types::func_of(&[], &[ft], false), move |_| vec![sum2.clone()]);
    let got = getter.call(&[]);
    assert_eq!(got[0].call(&[Value::from(10isize)])[0].int(), 13);
}
