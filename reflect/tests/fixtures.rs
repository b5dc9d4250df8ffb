//! Calls through reflect of hand-written assembly callees that read and
//! write registers by their names in the spec (rt-arch's test fixtures).
//! A round trip cannot see a register-order mistake made the same way in
//! reflectcall and the make-func stub; these can.

mod common;

use reflect::abi::NATIVE;
use reflect::types::{self, TypeRef};
use reflect::{make_func, TypedFunc, Value};

extern "C" {
    static rgo_fixture_echo_int_regs_closure: u8;
    static rgo_fixture_echo_float_regs_closure: u8;
    static rgo_fixture_stack_args_closure: u8;
    static rgo_fixture_stack_results_closure: u8;
    static rgo_fixture_ctx_closure: u8;
    fn rgo_fixture_call_shifted();
}

fn func(ins: &[TypeRef], outs: &[TypeRef], closure: *const u8) -> Value {
    // SAFETY: each fixture closure implements the signature its test pairs
    // it with (see rt-arch/asm/fixtures/<arch>.S).
    unsafe { Value::from_func_ptr(types::func_of(ins, outs, false), closure.cast()) }
}

fn ints(n: usize) -> Vec<TypeRef> {
    vec![&types::INT; n]
}

#[test]
fn integer_registers_in_spec_order() {
    let n = NATIVE.int_reg_count();
    let f = func(&ints(n), &ints(n), &raw const rgo_fixture_echo_int_regs_closure);
    let args: Vec<Value> = (0..n).map(|i| Value::from(0x1111_0000 + i as isize)).collect();
    let got = f.call(&args);
    for (k, r) in got.iter().enumerate() {
        assert_eq!(r.int(), 0x1111_0000 + (n - 1 - k) as i64, "result register {}", NATIVE.int_regs[k]);
    }
}

#[test]
fn float_registers_in_spec_order_keep_nan_payloads() {
    let n = NATIVE.float_reg_count();
    let f64s = vec![&types::FLOAT64 as TypeRef; n];
    let f = func(&f64s, &f64s, &raw const rgo_fixture_echo_float_regs_closure);
    let bits: Vec<u64> = (0..n as u64).map(|i| 0x7ff0_0000_0000_0001 + (i << 20)).collect();
    let args: Vec<Value> = bits.iter().map(|&b| Value::from(f64::from_bits(b))).collect();
    let got = f.call(&args);
    for (k, r) in got.iter().enumerate() {
        assert_eq!(r.as_bytes(), bits[n - 1 - k].to_le_bytes(), "result register {}", NATIVE.float_regs[k]);
    }
}

#[test]
fn float32_goes_through_float_registers_as_the_target_wants() {
    // float32 arguments in, float32 results out: the fixture moves whole
    // registers, so this checks boxing (NaN-boxing on riscv64) both ways.
    let n = NATIVE.float_reg_count();
    let f32s = vec![&types::FLOAT32 as TypeRef; n];
    let f = func(&f32s, &f32s, &raw const rgo_fixture_echo_float_regs_closure);
    let bits: Vec<u32> = (0..n as u32).map(|i| 0x7f80_0001 + (i << 8)).collect();
    let args: Vec<Value> = bits.iter().map(|&b| Value::from(f32::from_bits(b))).collect();
    let got = f.call(&args);
    for (k, r) in got.iter().enumerate() {
        assert_eq!(r.as_bytes(), bits[n - 1 - k].to_le_bytes(), "result register {}", NATIVE.float_regs[k]);
    }
}

#[test]
fn stack_arguments_after_register_exhaustion() {
    let n = NATIVE.int_reg_count();
    let f = func(&ints(n + 2), &ints(2), &raw const rgo_fixture_stack_args_closure);
    let mut args: Vec<Value> = (0..n).map(|i| Value::from(i as isize)).collect();
    args.push(Value::from(-17isize));
    args.push(Value::from(0x7eed_beefisize));
    let got = f.call(&args);
    assert_eq!((got[0].int(), got[1].int()), (-17, 0x7eed_beef));
}

#[test]
fn stack_results_after_register_exhaustion() {
    let n = NATIVE.int_reg_count();
    let f = func(&ints(n + 1), &ints(n + 1), &raw const rgo_fixture_stack_results_closure);
    let mut args: Vec<Value> = (0..n).map(|i| Value::from(100 + i as isize)).collect();
    args.push(Value::from(5000isize));
    let got = f.call(&args);
    for (k, r) in got.iter().take(n).enumerate() {
        assert_eq!(r.int(), 100 + k as i64);
    }
    assert_eq!(got[n].int(), 5100);
}

#[test]
fn closure_context_register_holds_the_func_value() {
    let closure = &raw const rgo_fixture_ctx_closure;
    let f = func(&[], &[&types::UINTPTR], closure);
    assert_eq!(f.call(&[])[0].uint(), closure as u64);
    let typed: TypedFunc<(), (usize,)> = TypedFunc::new(&f).unwrap();
    assert_eq!(typed.call(()).0, closure as usize);
}

/// A Go-ABI caller (the fixture) reaching a make-func closure with a stack
/// pointer off its usual alignment: the stub must realign.
#[test]
fn make_func_stub_called_from_misaligned_go_frame() {
    let t = types::func_of(&[&types::INT, &types::FLOAT64], &[&types::FLOAT64, &types::INT], false);
    let inner = make_func(t, |a| vec![Value::from(a[1].float() * 2.0), Value::from((a[0].int() + 1) as isize)]);
    let shifted: &'static [usize; 2] = Box::leak(Box::new([rgo_fixture_call_shifted as *const () as usize, inner.pointer() as usize]));
    // SAFETY: the shim forwards register arguments and results to `inner`,
    // which has type `t` and only register arguments.
    let f = unsafe { Value::from_func_ptr(t, shifted.as_ptr().cast()) };
    let got = f.call(&[Value::from(41isize), Value::from(1.25f64)]);
    assert_eq!((got[0].float(), got[1].int()), (2.5, 42));
}
