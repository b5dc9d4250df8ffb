//! The example's Go functions called through rgo-host. Each test starts
//! the runtime (once per process): run them with `cargo nextest`, which
//! gives every test a process of its own.

use rgo_host::{go_string, CallError, Error, Runtime, Value};

fn start() -> Runtime {
    Runtime::start(rgo_host::library!()).expect("the runtime starts")
}

#[test]
fn the_example_prints_what_it_should() {
    let rt = start();
    let mut out = vec![];
    rust_host::demo(&rt, &mut out).expect("the demo runs");
    assert_eq!(
        String::from_utf8_lossy(&out),
        include_str!("../expected.out")
    );
}

#[test]
fn typed_calls_of_ints_and_floats() {
    let rt = start();
    let add = rt.typed::<(isize, isize), (isize,)>("Add").unwrap();
    assert_eq!(
        add.call((i64::MAX as isize, 1)).0,
        i64::MIN as isize,
        "Go's int wraps"
    );
    assert_eq!(add.call((-5, 3)).0, -2);
    let hypot = rt.typed::<(f64, f64), (f64,)>("Hypot").unwrap();
    assert_eq!(hypot.call((5.0, 12.0)).0, 13.0);
    assert_eq!(
        rt.typed::<(), (isize,)>("Inits").unwrap().call(()).0,
        1,
        "init ran once"
    );
    assert_eq!(
        rt.typed::<(isize,), (f64,)>("Areas").unwrap().call((4,)).0,
        20.0
    );
    // A variadic function through Values: the extra arguments packed.
    let mean = rt.func("Mean").unwrap();
    let r = mean.call(&[
        Value::from(1.0f32),
        Value::from(2.0f32),
        Value::from(6.0f32),
    ]);
    assert_eq!(r[0].float(), 3.0);
}

#[test]
fn signatures_and_names_are_checked() {
    let rt = start();
    assert_eq!(
        rt.func("NoSuch").unwrap_err(),
        Error::NoSuchFunc("NoSuch".into())
    );
    assert_eq!(
        rt.func("add").unwrap_err(),
        Error::NoSuchFunc("add".into()),
        "names are case-sensitive"
    );
    let e = rt.typed::<(isize,), (isize,)>("Add").unwrap_err();
    assert_eq!(
        e.to_string(),
        "reflect: Call using func(int, int) int as type func(int) int"
    );
    let e = rt.typed::<(i32, i32), (i32,)>("Add").unwrap_err();
    assert_eq!(
        e.to_string(),
        "reflect: Call using func(int, int) int as type func(int32, int32) int32"
    );
    assert!(
        matches!(rt.typed::<(f32,), (f32,)>("Mean"), Err(Error::Call(_))),
        "variadic"
    );
    let greet = rt.func("Greet").unwrap();
    assert_eq!(
        greet.try_call(&[Value::from(1isize)]).unwrap_err(),
        Error::Call(CallError::ArgType {
            have: "int",
            want: "string"
        })
    );
    assert_eq!(
        greet.try_call(&[]).unwrap_err(),
        Error::Call(CallError::TooFewArgs)
    );
    assert_eq!(
        Runtime::start(rgo_host::library!()).unwrap_err(),
        Error::AlreadyStarted
    );
}

#[test]
fn strings_and_structs() {
    let rt = start();
    let greet = rt.func("Greet").unwrap();
    let r = greet.call(&[Value::from_string("héllo".to_string())]);
    assert_eq!(go_string(&r[0]).unwrap(), "hello, HÉLLO (6 bytes)");
    assert_eq!(go_string(&Value::from(1isize)), None);
    let scale = rt.func("Scale").unwrap();
    let pt = scale.param(0).unwrap();
    assert_eq!((pt.string(), pt.size), ("main.Point", 32));
    let zero = Value::zero(pt);
    let r = scale.call(&[zero, Value::from(3.0f64)]);
    assert_eq!((r[0].field(0).float(), r[0].field(1).float()), (0.0, 0.0));
    assert_eq!(go_string(&r[0].field(2)).unwrap(), "'");
}

#[test]
fn go_panics_are_errors() {
    let rt = start();
    let div = rt.typed::<(isize, isize), (isize,)>("Div").unwrap();
    assert_eq!(
        div.try_call((1, 0)),
        Err(Error::Panic("runtime error: integer divide by zero".into()))
    );
    let index = rt.typed::<(isize,), (isize,)>("Index").unwrap();
    assert_eq!(
        index.try_call((5,)),
        Err(Error::Panic(
            "runtime error: index out of range [5] with length 3".into()
        ))
    );
    assert_eq!(index.call((2,)).0, 3);
    let nil = rt.typed::<(), (isize,)>("NilDeref").unwrap();
    assert_eq!(
        nil.try_call(()),
        Err(Error::Panic(
            "runtime error: invalid memory address or nil pointer dereference".into()
        ))
    );
    let fail = rt.func("Fail").unwrap();
    assert_eq!(
        fail.try_call(&[Value::from_str("boom")]).unwrap_err(),
        Error::Panic("boom".into())
    );
    assert_eq!(
        fail.try_call(&[Value::from_str("error")]).unwrap_err(),
        Error::Panic("an error value".into())
    );
    // After every panic, calls work as before.
    for i in 0..100 {
        assert_eq!(
            div.try_call((i, 0)).unwrap_err(),
            Error::Panic("runtime error: integer divide by zero".into())
        );
        assert_eq!(div.call((i * 7, 7)).0, i);
    }
}

#[test]
#[should_panic(expected = "Go panic: runtime error: integer divide by zero")]
fn the_plain_form_panics_in_rust() {
    let rt = start();
    rt.typed::<(isize, isize), (isize,)>("Div")
        .unwrap()
        .call((1, 0));
}

#[test]
fn deep_recursion_grows_the_goroutine_stack() {
    let rt = start();
    let depth = rt.typed::<(isize,), (isize,)>("Depth").unwrap();
    assert_eq!(depth.call((200_000,)).0, 200_000);
    assert_eq!(depth.call((10,)).0, 10);
}

#[test]
fn func_values_go_returns_survive_collections() {
    let rt = start();
    let adder = rt.func("Adder").unwrap().call(&[Value::from(100isize)]);
    let add100 = rt
        .func_value(&adder[0])
        .unwrap()
        .into_typed::<(isize,), (isize,)>()
        .unwrap();
    let counter = rt.func("NewCounter").unwrap().call(&[Value::from(0isize)]);
    let next = rt
        .func_value(&counter[0])
        .unwrap()
        .into_typed::<(), (isize,)>()
        .unwrap();
    let collect = rt.typed::<(), ()>("Collect").unwrap();
    for i in 1..=20 {
        collect.call(());
        assert_eq!(add100.call((i,)).0, 100 + i);
        assert_eq!(next.call(()).0, i);
    }
    assert!(matches!(
        rt.func_value(&Value::from(1isize)),
        Err(Error::Call(CallError::WrongKind { .. }))
    ));
    let typ = rt
        .func("Adder")
        .unwrap()
        .typ()
        .as_func()
        .unwrap()
        .outs
        .as_slice()[0];
    // SAFETY: a nil func value of the right type.
    let nil = unsafe { Value::from_func_ptr(typ, core::ptr::null()) };
    assert_eq!(
        rt.func_value(&nil).unwrap_err(),
        Error::Call(CallError::NilFunc)
    );
}

#[test]
fn goroutines_run_when_go_code_blocks_or_yields() {
    let rt = start();
    rt.typed::<(), ()>("StartSummer").unwrap().call(());
    let feed = rt.typed::<(isize,), ()>("Feed").unwrap();
    for x in 1..=1000 {
        feed.call((x,));
    }
    assert_eq!(
        rt.typed::<(), (isize,)>("Finish").unwrap().call(()).0,
        500_500
    );
    let flag = rt.typed::<(), (bool,)>("Flag").unwrap();
    rt.typed::<(), ()>("Spawn").unwrap().call(());
    assert!(!flag.call(()).0, "the goroutine has not run yet");
    rt.gosched().unwrap();
    assert!(flag.call(()).0, "it ran at the Gosched");
}

#[test]
fn calls_work_with_a_preemption_request_pending() {
    // The preemption tick (SIGPROF every 10 ms of CPU time once a second
    // goroutine exists) often lands in Rust code between calls: the next
    // call's first prologue check then fails and calls rgo_morestack,
    // spilling the boundary's argument into the argument area the runtime
    // reserved for it (docs/host.md). Here every call finds a request.
    let rt = start();
    rt.request_preemption();
    rt.typed::<(), ()>("StartSummer").unwrap().call(());
    let feed = rt.typed::<(isize,), ()>("Feed").unwrap();
    let add = rt.typed::<(isize, isize), (isize,)>("Add").unwrap();
    let depth = rt.typed::<(isize,), (isize,)>("Depth").unwrap();
    for x in 1..=100 {
        rt.request_preemption();
        feed.call((x,));
        rt.request_preemption();
        assert_eq!(add.call((x, 1)).0, x + 1);
        rt.request_preemption();
        assert_eq!(depth.call((x * 50,)).0, x * 50);
    }
    rt.request_preemption();
    assert_eq!(rt.typed::<(), (isize,)>("Finish").unwrap().call(()).0, 5050);
    let div = rt.typed::<(isize, isize), (isize,)>("Div").unwrap();
    rt.request_preemption();
    assert!(matches!(div.try_call((1, 0)), Err(Error::Panic(_))));
    rt.request_preemption();
    assert_eq!(div.call((84, 2)).0, 42);
}

#[test]
fn the_go_code_sees_the_host_arguments() {
    let rt = start();
    let n = rt.typed::<(), (isize,)>("NArgs").unwrap().call(()).0;
    assert_eq!(n as usize, std::env::args_os().count());
}

#[test]
fn calls_from_several_threads_take_turns() {
    let rt = start();
    let add = rt.typed::<(isize, isize), (isize,)>("Add").unwrap();
    let greet = rt.func("Greet").unwrap();
    // A goroutine started by one call, fed by calls from every thread.
    rt.typed::<(), ()>("StartSummer").unwrap().call(());
    {
        let _turn = rt.hold().unwrap();
        assert_eq!(rt.hold().unwrap_err(), Error::Reentered, "one turn per thread");
    }
    let feed = rt.typed::<(isize,), ()>("Feed").unwrap();
    std::thread::scope(|s| {
        for t in 0..4isize {
            let (add, greet, feed, rt) = (&add, &greet, &feed, &rt);
            s.spawn(move || {
                for i in 0..500isize {
                    assert_eq!(add.call((t, i)).0, t + i);
                    // The string Go returns is read in this thread's turn:
                    // another thread's call could collect it.
                    let name = ["ann", "bob", "cyd", "dot"][t as usize];
                    let turn = rt.hold().unwrap();
                    let r = greet.call(&[Value::from_str(name)]);
                    let got = go_string(&r[0]).unwrap();
                    drop(turn);
                    assert_eq!(got, format!("hello, {} (3 bytes)", name.to_uppercase()));
                    feed.call((1,));
                }
                // A fault in Go code on this thread is handled on its own
                // signal stack.
                let nil = rt.typed::<(), (isize,)>("NilDeref").unwrap();
                assert_eq!(
                    nil.try_call(()),
                    Err(Error::Panic(
                        "runtime error: invalid memory address or nil pointer dereference".into()
                    ))
                );
            });
        }
    });
    assert_eq!(rt.typed::<(), (isize,)>("Finish").unwrap().call(()).0, 2000);
}
