//! Helpers shared by reflect's integration tests.
#![allow(dead_code)]

use reflect::types::parse::Scope;
use reflect::types::{Kind, TypeRef};
use reflect::Value;

/// A parser scope holding the named types of Go's tests.
pub fn go_test_scope() -> Scope {
    let mut scope = Scope::default();
    for line in include_str!("../../../ci/abi-dump/go-test-types.txt").lines() {
        if line.starts_with("type ") {
            scope.declare(line).unwrap();
        }
    }
    scope
}

/// A small deterministic generator (xorshift64*), so failures replay.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// Float bit patterns worth pushing through float registers: NaNs with
/// payloads (quiet and signalling), infinities, negative zero, denormals.
const F64_SPECIAL: [u64; 6] =
    [0x7ff0_0000_0000_0001, 0xfff8_dead_beef_0001, 0x7ff0_0000_0000_0000, 0x8000_0000_0000_0000, 0x0000_0000_0000_0001, 0x7ff4_0000_1234_5678];
const F32_SPECIAL: [u32; 6] = [0x7f80_0001, 0xffc0_dead, 0x7f80_0000, 0x8000_0000, 0x0000_0001, 0x7fa0_1234];

/// Fills `out` (a value of type `t`) with random bits, floats often special.
pub fn fill(rng: &mut Rng, t: TypeRef, out: &mut [u8]) {
    match t.kind() {
        Kind::Float32 => {
            let r = rng.next();
            let bits = if r % 3 == 0 { F32_SPECIAL[(r >> 8) as usize % 6] } else { (r >> 16) as u32 };
            out.copy_from_slice(&bits.to_le_bytes());
        }
        Kind::Float64 => {
            let r = rng.next();
            let bits = if r % 3 == 0 { F64_SPECIAL[(r >> 8) as usize % 6] } else { rng.next() };
            out.copy_from_slice(&bits.to_le_bytes());
        }
        Kind::Complex64 => {
            fill(rng, &reflect::types::FLOAT32, &mut out[..4]);
            fill(rng, &reflect::types::FLOAT32, &mut out[4..]);
        }
        Kind::Complex128 => {
            fill(rng, &reflect::types::FLOAT64, &mut out[..8]);
            fill(rng, &reflect::types::FLOAT64, &mut out[8..]);
        }
        Kind::Array => {
            let a = t.as_array().unwrap();
            for i in 0..a.len {
                fill(rng, a.elem, &mut out[i * a.elem.size..(i + 1) * a.elem.size]);
            }
        }
        Kind::Struct => {
            for f in t.as_struct().unwrap().fields.as_slice() {
                fill(rng, f.typ, &mut out[f.offset..f.offset + f.typ.size]);
            }
        }
        _ => {
            for b in out.iter_mut() {
                *b = rng.next() as u8;
            }
        }
    }
}

/// A random value of `t`. Pointers hold random bits: the calls under test
/// move them and never dereference them.
pub fn random_value(rng: &mut Rng, t: TypeRef) -> Value {
    let mut bytes = vec![0u8; t.size()];
    fill(rng, t, &mut bytes);
    // SAFETY: the bytes have `t`'s size; nothing dereferences the pointers.
    unsafe { Value::from_raw(t, bytes.as_ptr()) }
}

/// Marks the bytes of a `t` that carry data (not padding).
pub fn significant(t: TypeRef, mask: &mut [bool]) {
    match t.kind() {
        Kind::Array => {
            let a = t.as_array().unwrap();
            for i in 0..a.len {
                significant(a.elem, &mut mask[i * a.elem.size..(i + 1) * a.elem.size]);
            }
        }
        Kind::Struct => {
            for f in t.as_struct().unwrap().fields.as_slice() {
                significant(f.typ, &mut mask[f.offset..f.offset + f.typ.size]);
            }
        }
        _ => mask.iter_mut().for_each(|m| *m = true),
    }
}

/// Asserts two values of one type are equal bit for bit, padding aside.
pub fn assert_same(what: &str, got: &Value, want: &Value) {
    let t = want.typ();
    assert!(got.typ().identical(t), "{what}: type {} != {}", got.typ(), t);
    let mut mask = vec![false; t.size()];
    significant(t, &mut mask);
    for (i, m) in mask.iter().enumerate() {
        if *m && got.as_bytes()[i] != want.as_bytes()[i] {
            panic!("{what} ({t}): byte {i} differs\n got {:02x?}\nwant {:02x?}", got.as_bytes(), want.as_bytes());
        }
    }
}
