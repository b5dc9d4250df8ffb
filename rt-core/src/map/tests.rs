//! The table against std's `HashMap`, and iteration under mutation.

use super::*;
use reflect::types::{map_of, slice_of, INT, INT64, FLOAT64, STRING};
use std::collections::{HashMap, HashSet};
use std::vec::Vec;

fn int_map() -> *mut Map {
    let mt = map_of(&INT, &INT64).as_map().unwrap();
    make_map(mt, 0)
}

/// A small deterministic generator (xorshift).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

unsafe fn get(m: *mut Map, k: i64) -> Option<i64> {
    let m = unsafe { &*m };
    let h = unsafe { m.hash(&k as *const i64 as *const u8) }.unwrap();
    unsafe { m.find(&k as *const i64 as *const u8, h).map(|(g, s)| *(m.elem_at(g, s) as *const i64)) }
}

unsafe fn put(m: *mut Map, k: i64, v: i64) {
    unsafe { *((*m).assign(&k as *const i64 as *const u8).unwrap() as *mut i64) = v };
}

unsafe fn del(m: *mut Map, k: i64) {
    unsafe { (*m).delete(&k as *const i64 as *const u8).unwrap() };
}

/// Every (key, value) an iteration yields.
unsafe fn iterate(m: *mut Map, mut during: impl FnMut(i64)) -> Vec<(i64, i64)> {
    let mut it = core::mem::MaybeUninit::<Iter>::uninit();
    let mut out = Vec::new();
    unsafe {
        rgo_mapiterinit(ptr::null(), m, it.as_mut_ptr());
        let it = it.as_mut_ptr();
        while !(*it).key.is_null() {
            let k = *((*it).key as *const i64);
            out.push((k, *((*it).elem as *const i64)));
            during(k);
            rgo_mapiternext(it);
        }
    }
    out
}

#[test]
fn randomized_against_std() {
    let m = int_map();
    let mut want: HashMap<i64, i64> = HashMap::new();
    let mut r = Rng(0x1234_5678_9abc_def1);
    for step in 0..200_000 {
        let k = (r.next() % 5000) as i64 - 2500;
        match r.next() % 4 {
            0 | 1 => {
                unsafe { put(m, k, step) };
                want.insert(k, step);
            }
            2 => {
                unsafe { del(m, k) };
                want.remove(&k);
            }
            _ => assert_eq!(unsafe { get(m, k) }, want.get(&k).copied()),
        }
        assert_eq!(unsafe { (*m).count }, want.len());
    }
    let mut got = unsafe { iterate(m, |_| {}) };
    got.sort();
    let mut all: Vec<(i64, i64)> = want.into_iter().collect();
    all.sort();
    assert_eq!(got, all);
}

#[test]
fn grows_from_hint_and_from_empty() {
    for hint in [0, 1, 7, 8, 100, 10_000] {
        let mt = map_of(&INT, &INT64).as_map().unwrap();
        let m = make_map(mt, hint);
        for k in 0..20_000 {
            unsafe { put(m, k, k * 2) };
        }
        for k in 0..20_000 {
            assert_eq!(unsafe { get(m, k) }, Some(k * 2));
        }
        assert_eq!(unsafe { get(m, 20_000) }, None);
    }
    // Negative and huge hints make an empty map, as Go 1.19 does.
    let mt = map_of(&INT, &INT64).as_map().unwrap();
    assert_eq!(unsafe { (*make_map(mt, -5)).count }, 0);
    assert!(unsafe { (*make_map(mt, i64::MAX)).groups.is_null() });
}

#[test]
fn tombstones_do_not_grow_forever() {
    let m = int_map();
    for k in 0..1_000_000 {
        unsafe { put(m, k, k) };
        unsafe { del(m, k) };
    }
    assert_eq!(unsafe { (*m).count }, 0);
    assert!(unsafe { (*m).mask } < 16);
}

#[test]
fn iteration_order_varies() {
    let m = int_map();
    for k in 0..50 {
        unsafe { put(m, k, k) };
    }
    let first = unsafe { iterate(m, |_| {}) };
    let differs = (0..50).any(|_| unsafe { iterate(m, |_| {}) } != first);
    assert!(differs, "50 iterations all in one order");
}

#[test]
fn delete_during_iteration_skips_unreached() {
    for round in 0..50 {
        let m = int_map();
        for k in 0..100 {
            unsafe { put(m, k, k) };
        }
        let mut deleted = HashSet::new();
        let mut seen = Vec::new();
        let got = unsafe {
            iterate(m, |k| {
                seen.push(k);
                // Delete a key not seen yet (and so never to be produced).
                let victim = (k * 7 + round) % 100;
                if !seen.contains(&victim) {
                    del(m, victim);
                    deleted.insert(victim);
                }
            })
        };
        let keys: Vec<i64> = got.iter().map(|e| e.0).collect();
        let unique: HashSet<i64> = keys.iter().copied().collect();
        assert_eq!(unique.len(), keys.len(), "a key produced twice");
        for k in 0..100 {
            assert_eq!(unique.contains(&k), !deleted.contains(&k), "key {k}");
        }
    }
}

#[test]
fn insert_and_grow_during_iteration() {
    for _ in 0..20 {
        let m = int_map();
        for k in 0..64 {
            unsafe { put(m, k, k) };
        }
        let mut next = 1000;
        let got = unsafe {
            iterate(m, |k| {
                // Inserting grows the table several times over; updating
                // an old key must show through.
                for _ in 0..20 {
                    put(m, next, next);
                    next += 1;
                }
                if k < 64 {
                    put(m, 63 - k, -1);
                }
            })
        };
        let mut seen = HashSet::new();
        for (k, v) in &got {
            assert!(seen.insert(*k), "key {k} twice");
            if *k < 64 {
                assert!(*v == *k || *v == -1);
            }
        }
        for k in 0..64 {
            assert!(seen.contains(&k), "old key {k} not produced");
        }
    }
}

#[test]
fn deleted_after_growth_is_not_produced() {
    let m = int_map();
    for k in 0..7 {
        unsafe { put(m, k, k) };
    }
    let mut first = None;
    let got = unsafe {
        iterate(m, |k| {
            if first.is_none() {
                first = Some(k);
                // Grow, then delete every other old key.
                for j in 100..200 {
                    put(m, j, j);
                }
                for j in 0..7 {
                    if j != k {
                        del(m, j);
                    }
                }
            }
        })
    };
    let old: Vec<i64> = got.iter().map(|e| e.0).filter(|k| *k < 7).collect();
    assert_eq!(old, [first.unwrap()]);
}

#[test]
fn string_keys() {
    let mt = map_of(&STRING, &INT64).as_map().unwrap();
    let m = make_map(mt, 0);
    let keys: Vec<std::string::String> = (0..3000).map(|i| std::format!("key-{i}-{}", "x".repeat(i % 40))).collect();
    for (i, k) in keys.iter().enumerate() {
        let gs = GoString { ptr: k.as_ptr(), len: k.len() };
        unsafe { *((*m).assign(&gs as *const GoString as *const u8).unwrap() as *mut i64) = i as i64 };
    }
    assert_eq!(unsafe { (*m).count }, 3000);
    for (i, k) in keys.iter().enumerate() {
        // A different copy of the same bytes finds the entry.
        let copy = k.clone();
        let gs = GoString { ptr: copy.as_ptr(), len: copy.len() };
        let p = unsafe { rgo_mapaccess1(&mt.typ, m, &gs as *const GoString as *const u8) };
        assert_eq!(unsafe { *(p as *const i64) }, i as i64);
    }
    let gs = GoString { ptr: b"nope".as_ptr(), len: 4 };
    let r = unsafe { rgo_mapaccess2(&mt.typ, m, &gs as *const GoString as *const u8) };
    assert_eq!((r.ok, unsafe { *(r.elem as *const i64) }), (0, 0));
    // The by-value lookups agree with the general ones, for every length
    // (short keys hash inline, long ones do not) and for a missing key.
    for (i, k) in keys.iter().enumerate() {
        let copy = k.clone();
        let p = unsafe { rgo_mapaccess1_faststr(&mt.typ, m, copy.as_ptr(), copy.len()) };
        assert_eq!(unsafe { *(p as *const i64) }, i as i64);
        let r = unsafe { rgo_mapaccess2_faststr(&mt.typ, m, k.as_ptr(), k.len() - 1) };
        assert_eq!(r.ok, 0, "{k} without its last byte");
    }
    let r = unsafe { rgo_mapaccess2_faststr(&mt.typ, m, b"".as_ptr(), 0) };
    assert_eq!((r.ok, unsafe { *(r.elem as *const i64) }), (0, 0));
    // A nil map, and a map whose keys are not strings (the general path).
    let r = unsafe { rgo_mapaccess2_faststr(&mt.typ, core::ptr::null_mut(), b"x".as_ptr(), 1) };
    assert_eq!(r.ok, 0);
}

/// Keys of 0 to 8 bytes take the by-value lookup's inline path (the
/// first group of the probe); with thousands of them in a table up to 7/8
/// full, many probes go past their first group, and misses must still be
/// misses.
#[test]
fn short_string_keys_by_value() {
    let mt = map_of(&STRING, &INT64).as_map().unwrap();
    let m = make_map(mt, 0);
    let keys: Vec<std::string::String> = (0..5000u32).map(|i| std::format!("{:x}", i.wrapping_mul(2654435761))).map(|k| std::string::String::from(&k[..k.len().min(1 + k.len() % 8)])).collect();
    let mut want = std::collections::HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        let gs = GoString { ptr: k.as_ptr(), len: k.len() };
        unsafe { *((*m).assign(&gs as *const GoString as *const u8).unwrap() as *mut i64) = i as i64 };
        want.insert(k.clone(), i as i64);
    }
    assert_eq!(unsafe { (*m).count }, want.len());
    for (k, &v) in &want {
        let copy = k.clone();
        let r = unsafe { rgo_mapaccess2_faststr(&mt.typ, m, copy.as_ptr(), copy.len()) };
        assert_eq!((r.ok, unsafe { *(r.elem as *const i64) }), (1, v), "{k}");
    }
    for i in 0..5000u32 {
        let k = std::format!("~{i}");
        let k = &k[..k.len().min(8)];
        if !want.contains_key(k) {
            let r = unsafe { rgo_mapaccess2_faststr(&mt.typ, m, k.as_ptr(), k.len()) };
            assert_eq!(r.ok, 0, "{k}");
        }
    }
}

#[test]
fn word_keys_by_value() {
    let m = int_map();
    for k in -500i64..500 {
        unsafe { put(m, k * 7919, k) };
    }
    let mt = unsafe { (*m).typ };
    for k in -500i64..500 {
        let p = unsafe { rgo_mapaccess1_fast64(&mt.typ, m, (k * 7919) as u64) };
        assert_eq!(unsafe { *(p as *const i64) }, k);
        let r = unsafe { rgo_mapaccess2_fast64(&mt.typ, m, (k * 7919 + 1) as u64) };
        assert_eq!((r.ok, unsafe { *(r.elem as *const i64) }), (0, 0));
    }
    let r = unsafe { rgo_mapaccess2_fast64(&mt.typ, core::ptr::null_mut(), 1) };
    assert_eq!(r.ok, 0);
    // A float-keyed map takes the general path (0.0 and -0.0 are one key).
    let ft = map_of(&FLOAT64, &INT64).as_map().unwrap();
    let f = make_map(ft, 0);
    unsafe { *((*f).assign(&0.0f64 as *const f64 as *const u8).unwrap() as *mut i64) = 5 };
    let r = unsafe { rgo_mapaccess2_fast64(&ft.typ, f, (-0.0f64).to_bits()) };
    assert_eq!((r.ok, unsafe { *(r.elem as *const i64) }), (1, 5));
}

#[test]
fn float_keys_zero_and_nan() {
    let mt = map_of(&FLOAT64, &INT64).as_map().unwrap();
    let m = make_map(mt, 0);
    let put_f = |k: f64, v: i64| unsafe { *((*m).assign(&k as *const f64 as *const u8).unwrap() as *mut i64) = v };
    put_f(0.0, 1);
    put_f(-0.0, 2);
    assert_eq!(unsafe { (*m).count }, 1);
    put_f(f64::NAN, 3);
    put_f(f64::NAN, 4);
    assert_eq!(unsafe { (*m).count }, 3);
    let nan = f64::NAN;
    let r = unsafe { rgo_mapaccess2(&mt.typ, m, &nan as *const f64 as *const u8) };
    assert_eq!(r.ok, 0);
    // The latest zero key is kept (-0), as Go does.
    let z = 0.0f64;
    let r = unsafe { rgo_mapaccess2(&mt.typ, m, &z as *const f64 as *const u8) };
    assert_eq!((r.ok, unsafe { *(r.elem as *const i64) }), (1, 2));
    // Range yields the NaN entries too.
    assert_eq!(unsafe { entries(m) }.len(), 3);
    // Growing keeps them.
    for i in 1..100 {
        put_f(i as f64, i);
    }
    assert_eq!(unsafe { entries(m) }.len(), 102);
}

#[test]
fn interface_keys_hash_their_dynamic_value() {
    let e = reflect::types::parse::Scope::default().parse_type("interface {}").unwrap();
    let mt = map_of(e, &INT64).as_map().unwrap();
    let m = make_map(mt, 0);
    let a: i64 = 7;
    let b: i64 = 7;
    let ka = EmptyInterface { typ: &INT64, data: &a as *const i64 as *mut u8 };
    let kb = EmptyInterface { typ: &INT64, data: &b as *const i64 as *mut u8 };
    unsafe { *((*m).assign(&ka as *const _ as *const u8).unwrap() as *mut i64) = 5 };
    let r = unsafe { rgo_mapaccess2(&mt.typ, m, &kb as *const _ as *const u8) };
    assert_eq!((r.ok, unsafe { *(r.elem as *const i64) }), (1, 5));
    // A different dynamic type with the same bits is another key.
    let kc = EmptyInterface { typ: &INT, data: &b as *const i64 as *mut u8 };
    let r = unsafe { rgo_mapaccess2(&mt.typ, m, &kc as *const _ as *const u8) };
    assert_eq!(r.ok, 0);
    // A slice is not hashable.
    let st = slice_of(&INT);
    let s = [0usize; 3];
    let ks = EmptyInterface { typ: st, data: s.as_ptr() as *mut u8 };
    let err = unsafe { (*m).assign(&ks as *const _ as *const u8) }.err().unwrap();
    assert_eq!(err.0.string(), "[]int");
    assert_eq!(unsafe { (*m).count }, 1);
}

#[test]
fn struct_keys_ignore_padding() {
    let st = reflect::types::parse::Scope::default().parse_type("struct { a int8; b int64; _ int32 }").unwrap();
    let mt = map_of(st, &INT64).as_map().unwrap();
    let m = make_map(mt, 0);
    let mut k1 = [0xffu8; 24];
    let mut k2 = [0x00u8; 24];
    for k in [&mut k1, &mut k2] {
        k[0] = 3;
        k[8..16].copy_from_slice(&9i64.to_le_bytes());
    }
    unsafe { *((*m).assign(k1.as_ptr()).unwrap() as *mut i64) = 1 };
    let r = unsafe { rgo_mapaccess2(&mt.typ, m, k2.as_ptr()) };
    assert_eq!(r.ok, 1);
}

#[test]
fn group_layout_matches_its_descriptor() {
    let st = reflect::types::parse::Scope::default().parse_type("struct { a int8; b int64 }").unwrap();
    let mt = map_of(&STRING, st).as_map().unwrap();
    let g = group_type(mt);
    let f = g.as_struct().unwrap().fields.as_slice();
    assert_eq!((f[0].offset, f[1].offset, f[2].offset), (0, 8, 8 + 8 * 16));
    assert_eq!(g.size, 8 + 8 * 16 + 8 * 16);
    assert!(g.ptrdata > 0);
}

#[test]
fn seeds_come_from_the_kernel() {
    let (mut a, mut b) = ([0u8; 16], [0u8; 16]);
    assert!(crate::os::random_bytes(&mut a) && crate::os::random_bytes(&mut b));
    assert_ne!(a, b);
    // Every map gets its own seed.
    let mt = map_of(&INT, &INT64).as_map().unwrap();
    let (m1, m2) = (make_map(mt, 0), make_map(mt, 0));
    assert_ne!(unsafe { (*m1).seed }, unsafe { (*m2).seed });
}
