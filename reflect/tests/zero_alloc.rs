//! A prepared call of a register-only signature allocates nothing, nor does
//! a `Value::call` of one or two results (narrow values included), nor a
//! make-func closure returning an array.

use reflect::types;
use reflect::{TypedFunc, Value};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

std::thread_local! {
    /// Allocations made by this thread: the test harness's other threads
    /// allocate on their own schedule, and must not count.
    static ALLOCS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards to the system allocator, counting calls.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        // A thread being torn down has no counter left; it is not a test's.
        let _ = ALLOCS.try_with(|n| n.set(n.get() + 1));
        // SAFETY: same contract as ours.
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(p, l) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

extern "C" {
    static rgo_fixture_ctx_closure: u8;
    #[cfg(target_arch = "x86_64")]
    static rgo_fixture_echo_int_regs_closure: u8;
}

/// Allocations made by `f` on this thread.
fn allocations(f: impl FnOnce()) -> usize {
    let before = ALLOCS.with(Cell::get);
    f();
    ALLOCS.with(Cell::get) - before
}

#[test]
fn typed_register_only_calls_do_not_allocate() {
    let t = types::func_of(&[], &[&types::UINTPTR], false);
    let closure = &raw const rgo_fixture_ctx_closure;
    // SAFETY: the fixture has type func() uintptr.
    let f = unsafe { Value::from_func_ptr(t, closure.cast()) };
    let typed: TypedFunc<(), (usize,)> = TypedFunc::new(&f).unwrap();
    typed.call(()); // warm up
    let n = allocations(|| {
        for _ in 0..1000 {
            assert_eq!(typed.call(()).0, closure as usize);
        }
    });
    assert_eq!(n, 0, "allocations in 1000 calls");
}

#[cfg(target_arch = "x86_64")]
#[test]
fn typed_calls_filling_every_integer_register_do_not_allocate() {
    type Nine = (isize, isize, isize, isize, isize, isize, isize, isize, isize);
    let t = types::func_of(&[&types::INT; 9], &[&types::INT; 9], false);
    // SAFETY: the fixture has type func(9 ints) (9 ints).
    let f = unsafe { Value::from_func_ptr(t, (&raw const rgo_fixture_echo_int_regs_closure).cast()) };
    let typed: TypedFunc<Nine, Nine> = TypedFunc::new(&f).unwrap();
    let n = allocations(|| {
        for i in 0..1000isize {
            assert_eq!(typed.call((i, 1, 2, 3, 4, 5, 6, 7, 8)), (8, 7, 6, 5, 4, 3, 2, 1, i));
        }
    });
    assert_eq!(n, 0, "allocations in 1000 calls");
}

#[test]
fn the_counter_sees_allocations() {
    // Guards the test above against a counter that never counts.
    assert!(allocations(|| drop(std::hint::black_box(vec![1u8; 64]))) > 0);
}

#[test]
fn layout_cache_hits_do_not_allocate() {
    let t = types::func_of(&[&types::INT, &types::FLOAT64], &[&types::STRING], false);
    let first = reflect::layout::layout(t, None).unwrap() as *const _;
    let n = allocations(|| {
        for _ in 0..1000 {
            assert_eq!(reflect::layout::layout(t, None).unwrap() as *const _, first);
        }
    });
    assert_eq!(n, 0, "allocations in 1000 lookups");
}

#[test]
fn value_calls_of_one_or_two_results_do_not_allocate() {
    // func() uintptr: one result Value, kept inline in the returned Values;
    // the arguments, the frame and the layout lookup allocate nothing.
    let t = types::func_of(&[], &[&types::UINTPTR], false);
    let closure = &raw const rgo_fixture_ctx_closure;
    // SAFETY: the fixture has type func() uintptr.
    let f = unsafe { Value::from_func_ptr(t, closure.cast()) };
    f.call(&[]); // warm up
    let n = allocations(|| {
        for _ in 0..1000 {
            assert_eq!(f.call(&[])[0].uint(), closure as u64);
        }
    });
    assert_eq!(n, 0, "allocations in 1000 calls");
}

#[cfg(target_arch = "x86_64")]
#[test]
fn value_calls_of_more_results_allocate_only_their_results() {
    // Nine results: more than the Values keep inline, so one allocation per
    // call, and nothing else.
    let t = types::func_of(&[&types::INT; 9], &[&types::INT; 9], false);
    // SAFETY: the fixture has type func(9 ints) (9 ints).
    let f = unsafe { Value::from_func_ptr(t, (&raw const rgo_fixture_echo_int_regs_closure).cast()) };
    let args: Vec<Value> = (0..9isize).map(Value::from).collect();
    f.call(&args); // warm up
    let n = allocations(|| {
        for _ in 0..1000 {
            let r = f.call(&args);
            assert_eq!((r.len(), r[0].int(), r[8].int()), (9, 8, 0));
        }
    });
    assert_eq!(n, 1000, "allocations in 1000 calls");
}

#[cfg(target_arch = "x86_64")]
#[test]
fn value_calls_of_narrow_values_do_not_allocate() {
    // func(7 ints, int8, int32) (int32, int8): the narrow values go by
    // their steps into the same buffer as the words, with nothing
    // allocated; the echo returns the last two registers in reverse.
    let mut ins = vec![&types::INT as types::TypeRef; 7];
    ins.extend([&types::INT8 as types::TypeRef, &types::INT32]);
    let t = types::func_of(&ins, &[&types::INT32, &types::INT8], false);
    // SAFETY: the fixture has type func(9 ints) (9 ints), and each narrow
    // value is read from the low bytes of its register.
    let f = unsafe { Value::from_func_ptr(t, (&raw const rgo_fixture_echo_int_regs_closure).cast()) };
    let mut args: Vec<Value> = (0..7isize).map(Value::from).collect();
    args.extend([Value::from(-3i8), Value::from(-70000i32)]);
    f.call(&args); // warm up
    let n = allocations(|| {
        for _ in 0..1000 {
            let r = f.call(&args);
            assert_eq!((r.len(), r[0].int(), r[1].int()), (2, -70000, -3));
        }
    });
    assert_eq!(n, 0, "allocations in 1000 calls");
}

#[test]
fn typed_calls_of_a_make_func_returning_an_array_do_not_allocate() {
    let t = types::func_of(&[&types::INT, &types::INT], &[&types::INT], false);
    let f = reflect::make_func(t, |a| [Value::from((a[0].int() - a[1].int()) as isize)]);
    let typed: TypedFunc<(isize, isize), (isize,)> = TypedFunc::new(&f).unwrap();
    typed.call((1, 2)); // warm up
    let n = allocations(|| {
        for i in 0..1000isize {
            assert_eq!(typed.call((i, 2)).0, i - 2);
        }
    });
    assert_eq!(n, 0, "allocations in 1000 calls");
}
