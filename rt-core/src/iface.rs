//! Interfaces: building itabs (`runtime/iface.go`) and comparing the
//! dynamic values of two interfaces (`runtime/alg.go`).

use crate::heap::persistent_alloc;
use crate::rterror::{conversion_error, panic_error_text, panic_type_assertion};
use crate::GoString;
use alloc::collections::BTreeMap;
use reflect::types::{EmptyInterface, InterfaceType, Itab, Kind, NonEmptyInterface, Type, TypeRef};

/// Itabs built so far, by `(interface, type)` descriptor address; 0 marks
/// a type known to lack a method (Go caches those too).
static ITABS: spin::Mutex<BTreeMap<(usize, usize), usize>> = spin::Mutex::new(BTreeMap::new());

/// The answers [`cached`] gave last, direct-mapped by a hash of the pair:
/// a program asks about few pairs over and over (fmt asserts each operand
/// to `Formatter`, `error` and `Stringer`), and the tree of every static
/// itab costs a dozen comparisons per question.
static RECENT: spin::Mutex<[(usize, usize, usize); RECENT_SLOTS]> = spin::Mutex::new([(0, 0, 0); RECENT_SLOTS]);
const RECENT_SLOTS: usize = 64;

fn recent_slot(key: (usize, usize)) -> usize {
    (key.0 ^ key.1.rotate_left(17)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (usize::BITS - RECENT_SLOTS.trailing_zeros())
}

/// Fills `fun` with the code of each of `inter`'s methods in `typ`'s method
/// table, or returns the name of the first method `typ` lacks.
///
/// Both tables are sorted by name, so one merge pass finds every method: a
/// method matches when the name is the same and the signatures are
/// identical. (Unexported names from other packages would also need the
/// same package path; every Go package rgo compiles is `main`.)
pub fn resolve_methods(inter: &InterfaceType, typ: &Type, fun: &mut [*const ()]) -> Result<(), &'static str> {
    let want = inter.methods.as_slice();
    let have = typ.methods();
    let mut j = 0;
    'wanted: for (k, im) in want.iter().enumerate() {
        while j < have.len() {
            let m = &have[j];
            j += 1;
            if m.name.as_str() == im.name.as_str() && m.mtyp.identical(im.typ) {
                // The code address is the first word of the method's
                // one-word-receiver closure.
                fun[k] = if m.ifn.is_null() {
                    core::ptr::null()
                } else {
                    // SAFETY: a non-null `ifn` is a Go func value, whose
                    // first word is its code address.
                    unsafe { *(m.ifn as *const *const ()) }
                };
                continue 'wanted;
            }
        }
        return Err(im.name.as_str());
    }
    Ok(())
}

/// What the cache knows of `(inter, typ)`: `Some(0)` for a type that
/// lacks a method, `Some(itab)`, or `None` when the pair is new.
fn cached(inter: &InterfaceType, typ: &Type) -> Option<usize> {
    let key = (inter as *const InterfaceType as usize, typ as *const Type as usize);
    let slot = recent_slot(key);
    let (i, t, p) = RECENT.lock()[slot];
    if (i, t) == key {
        return Some(p);
    }
    let found = ITABS.lock().get(&key).copied()?;
    RECENT.lock()[slot] = (key.0, key.1, found);
    Some(found)
}

/// The itab pairing `typ` with the non-empty interface `inter`, built once
/// and cached; `None` when `typ` lacks one of the methods (with its name).
/// A pair found lacking is cached too, so a failing assertion repeated
/// (fmt's `arg.(Formatter)`) builds nothing.
pub fn itab_for(inter: &'static InterfaceType, typ: &'static Type) -> Result<*const Itab, &'static str> {
    let key = (inter as *const InterfaceType as usize, typ as *const Type as usize);
    let known = cached(inter, typ);
    if let Some(p) = known.filter(|&p| p != 0) {
        return Ok(p as *const Itab);
    }
    let n = inter.methods.as_slice().len();
    let mut fun = alloc::vec![core::ptr::null(); n];
    resolve_methods(inter, typ, &mut fun).inspect_err(|_| {
        if known.is_none() {
            ITABS.lock().insert(key, 0);
        }
    })?;
    let size = core::mem::size_of::<Itab>() + n * core::mem::size_of::<*const ()>();
    // Itabs live for the rest of the program (compiled code keeps them in
    // interface values, whose itab word the collector does not follow), so
    // they are never on the collected heap.
    let p = persistent_alloc(size) as *mut Itab;
    // SAFETY: `p` is fresh memory for the header and `n` code words.
    unsafe {
        p.write(Itab { inter, typ, fun: [] });
        core::ptr::copy_nonoverlapping(fun.as_ptr(), core::ptr::addr_of_mut!((*p).fun) as *mut *const (), n);
    }
    // Another thread may have built the pair meanwhile: the first stays.
    Ok(*ITABS.lock().entry(key).or_insert(p as usize) as *const Itab)
}

/// `rgo_getitab(inter, typ, canfail)`: the itab for storing a `typ` in an
/// `inter`; null when `typ` is null (a nil interface) or lacks a method
/// and `canfail` is set, otherwise a panic with Go's text.
///
/// # Safety
/// `inter` must be an interface type descriptor and `typ` null or a type
/// descriptor.
#[no_mangle]
pub unsafe extern "C" fn rgo_getitab(inter: *const InterfaceType, typ: *const Type, canfail: u8) -> *const Itab {
    // SAFETY: the caller passes descriptors.
    let (inter, typ) = unsafe { (&*inter, typ.as_ref()) };
    let Some(typ) = typ else {
        if canfail != 0 {
            return core::ptr::null();
        }
        // SAFETY: runtime entry points run on the system stack.
        unsafe { panic_type_assertion(conversion_error(inter, core::ptr::null(), "")) };
    };
    // The common case answered by the cache alone: a built itab, or (when
    // the caller can take a failure) a pair known to lack a method.
    match cached(inter, typ) {
        Some(0) if canfail != 0 => return core::ptr::null(),
        Some(p) if p != 0 => return p as *const Itab,
        _ => {}
    }
    match itab_for(inter, typ) {
        Ok(p) => p,
        Err(_) if canfail != 0 => core::ptr::null(),
        // SAFETY: runtime entry points run on the system stack.
        Err(missing) => unsafe { panic_type_assertion(conversion_error(inter, typ, missing)) },
    }
}

/// `rgo_getitab_nolock(thread, inter, typ, canfail)`: [`rgo_getitab`]
/// without the runtime lock, for a pair whose itab the cache holds (the
/// caches are under spin locks of their own); null to decline (a new pair,
/// a failing one, a nil type: the locked call builds, fails or panics).
///
/// # Safety
/// Called by rt-arch's `rgo_rt_try` only; otherwise as for
/// [`rgo_getitab`].
#[no_mangle]
pub unsafe extern "C" fn rgo_getitab_nolock(_: *const crate::g::ThreadHead, inter: *const InterfaceType, typ: *const Type, canfail: u8) -> *const Itab {
    let _ = canfail;
    // SAFETY: the caller passes descriptors.
    let (inter, typ) = unsafe { (&*inter, typ.as_ref()) };
    match typ.and_then(|t| cached(inter, t)) {
        Some(p) => p as *const Itab,
        None => core::ptr::null(),
    }
}

/// `rgo_additabs(links)`: records the program's static itabs as the itabs
/// of their pairs, as Go's `itabsinit` does, so that an itab the runtime
/// looks up is the same object compiled code compares interface type words
/// with (type assertions, type switches and `==` compare itab addresses).
///
/// # Safety
/// `links` must point at a count `n` followed by `n` addresses of itabs
/// whose method tables are complete.
#[no_mangle]
pub unsafe extern "C" fn rgo_additabs(links: *const usize) {
    // SAFETY: as the caller promises.
    let tabs = unsafe { core::slice::from_raw_parts(links.add(1) as *const *const Itab, *links) };
    let mut map = ITABS.lock();
    for &p in tabs {
        // SAFETY: each entry is a static itab.
        let tab = unsafe { &*p };
        let key = (tab.inter as usize, tab.typ as usize);
        map.entry(key).or_insert(p as usize);
    }
}

/// Whether `==` is defined on values of `t` (no slices, maps or funcs
/// inside, except behind interfaces, which are checked when compared).
pub fn comparable(t: &Type) -> bool {
    match t.kind {
        Kind::Slice | Kind::Map | Kind::Func => false,
        Kind::Array => t.as_array().is_some_and(|a| comparable(a.elem)),
        Kind::Struct => t.as_struct().is_some_and(|s| s.fields.as_slice().iter().all(|f| comparable(f.typ))),
        _ => true,
    }
}

/// `==` failed because the dynamic type is not comparable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Uncomparable(pub TypeRef);

/// Go's `efaceeq`: equality of two interface data words `x` and `y`
/// holding values of dynamic type `t`.
///
/// # Safety
/// `x` and `y` must be interface data words of values of type `t`.
pub unsafe fn efaceeq(t: TypeRef, x: *const u8, y: *const u8) -> Result<bool, Uncomparable> {
    if !comparable(t) {
        return Err(Uncomparable(t));
    }
    if t.is_pointer_shaped() {
        return Ok(x == y);
    }
    // SAFETY: non-pointer-shaped data words point at the values.
    unsafe { mem_eq(t, x, y) }
}

/// Reads a `T` at a possibly unaligned address.
///
/// # Safety
/// `p` must be readable for `size_of::<T>()` bytes holding a valid `T`.
unsafe fn rd<T: Copy>(p: *const u8) -> T {
    // SAFETY: as the caller promises.
    unsafe { (p as *const T).read_unaligned() }
}

/// Whether the two interface type words denote the same dynamic type.
fn same_type(a: *const Type, b: *const Type) -> bool {
    // SAFETY: non-null type words are descriptors.
    a == b || unsafe { matches!((a.as_ref(), b.as_ref()), (Some(a), Some(b)) if a.identical(b)) }
}

/// Equality of two values of the comparable type `t` stored at `x`, `y`.
///
/// # Safety
/// `x` and `y` must point at values of type `t`.
pub(crate) unsafe fn mem_eq(t: TypeRef, x: *const u8, y: *const u8) -> Result<bool, Uncomparable> {
    // SAFETY (every read below): `x` and `y` point at values of `t`, and
    // each arm reads the parts that `t`'s kind lays out.
    unsafe {
        Ok(match t.kind {
            Kind::Float32 => rd::<f32>(x) == rd::<f32>(y),
            Kind::Float64 => rd::<f64>(x) == rd::<f64>(y),
            Kind::Complex64 => rd::<[f32; 2]>(x) == rd::<[f32; 2]>(y),
            Kind::Complex128 => rd::<[f64; 2]>(x) == rd::<[f64; 2]>(y),
            Kind::String => {
                let (a, b) = (rd::<GoString>(x), rd::<GoString>(y));
                a.len == b.len && (a.ptr == b.ptr || a.as_bytes() == b.as_bytes())
            }
            Kind::Interface => {
                let empty = t.as_interface().is_some_and(|i| i.methods.as_slice().is_empty());
                let (tx, dx, ty, dy) = if empty {
                    let (a, b) = (rd::<EmptyInterface>(x), rd::<EmptyInterface>(y));
                    (a.typ, a.data, b.typ, b.data)
                } else {
                    let (a, b) = (rd::<NonEmptyInterface>(x), rd::<NonEmptyInterface>(y));
                    let typ_of = |i: *const Itab| if i.is_null() { core::ptr::null() } else { (*i).typ };
                    (typ_of(a.itab), a.data, typ_of(b.itab), b.data)
                };
                if !same_type(tx, ty) {
                    return Ok(false);
                }
                match tx.as_ref() {
                    None => true,
                    Some(dt) => efaceeq(dt, dx, dy)?,
                }
            }
            Kind::Array => {
                let a = t.as_array().expect("array kind");
                for i in 0..a.len {
                    let off = i * a.elem.size;
                    if !mem_eq(a.elem, x.add(off), y.add(off))? {
                        return Ok(false);
                    }
                }
                true
            }
            Kind::Struct => {
                for f in t.as_struct().expect("struct kind").fields.as_slice() {
                    // Blank fields take no part in comparisons.
                    if f.name.as_str() == "_" {
                        continue;
                    }
                    if !mem_eq(f.typ, x.add(f.offset), y.add(f.offset))? {
                        return Ok(false);
                    }
                }
                true
            }
            Kind::Slice | Kind::Map | Kind::Func => return Err(Uncomparable(t)),
            // Booleans, integers, pointers, channels: their bytes.
            _ => core::slice::from_raw_parts(x, t.size) == core::slice::from_raw_parts(y, t.size),
        })
    }
}

/// `rgo_efaceeq(typ, x, y)`: 1 when the interface data words `x` and `y`
/// of two values of dynamic type `typ` are equal; panics "comparing
/// uncomparable type T" for slices, maps and funcs.
///
/// # Safety
/// `typ` must be null or a type descriptor, and `x`, `y` interface data
/// words of values of that type.
#[no_mangle]
pub unsafe extern "C" fn rgo_efaceeq(typ: *const Type, x: *const u8, y: *const u8) -> u8 {
    // SAFETY: the caller passes a descriptor or null.
    let Some(t) = (unsafe { typ.as_ref() }) else { return 1 };
    // SAFETY: the caller passes data words of `t` values.
    match unsafe { efaceeq(t, x, y) } {
        Ok(eq) => eq as u8,
        // SAFETY: runtime entry points run on the system stack.
        Err(Uncomparable(u)) => unsafe {
            panic_error_text(|o| {
                o.put(b"comparing uncomparable type ");
                o.put(u.string().as_bytes());
            })
        },
    }
}

/// An interface type `name` with the given methods (sorted by name), for
/// tests.
#[cfg(test)]
pub(crate) fn test_interface(
    name: &'static str,
    methods: alloc::vec::Vec<(&'static str, TypeRef)>,
) -> &'static InterfaceType {
    use alloc::boxed::Box;
    use reflect::types::{type_hash, InterfaceMethod, List, Str, TFlag};
    let ms: alloc::vec::Vec<InterfaceMethod> =
        methods.into_iter().map(|(n, t)| InterfaceMethod { name: Str::new(n), typ: t }).collect();
    let typ = Type {
        size: 16,
        ptrdata: 16,
        hash: type_hash(name),
        tflag: TFlag::NAMED,
        align: 8,
        field_align: 8,
        kind: Kind::Interface,
        string: Str::new(name),
        uncommon: core::ptr::null(),
    };
    Box::leak(Box::new(InterfaceType { typ, methods: List::new(Box::leak(ms.into_boxed_slice())) }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;
    use reflect::types::{self, Field, MethodSpec};

    fn eq<T>(t: TypeRef, a: &T, b: &T) -> Result<bool, Uncomparable> {
        // SAFETY: the tests pass values of type `t` (by pointer, as non-
        // pointer-shaped interface data words are).
        unsafe { efaceeq(t, a as *const T as *const u8, b as *const T as *const u8) }
    }

    #[test]
    fn scalars_and_strings() {
        assert_eq!(eq(&types::INT, &5i64, &5i64), Ok(true));
        assert_eq!(eq(&types::INT, &5i64, &6i64), Ok(false));
        assert_eq!(eq(&types::FLOAT64, &0.0f64, &-0.0f64), Ok(true));
        assert_eq!(eq(&types::FLOAT64, &f64::NAN, &f64::NAN), Ok(false));
        assert_eq!(eq(&types::COMPLEX64, &[1.0f32, f32::NAN], &[1.0f32, f32::NAN]), Ok(false));
        let (a, b) = ("hello".as_bytes(), "hello world".as_bytes());
        let s1 = GoString { ptr: a.as_ptr(), len: 5 };
        let s2 = GoString { ptr: b.as_ptr(), len: 5 };
        let s3 = GoString { ptr: b.as_ptr(), len: 11 };
        assert_eq!(eq(&types::STRING, &s1, &s2), Ok(true));
        assert_eq!(eq(&types::STRING, &s1, &s3), Ok(false));
    }

    #[test]
    fn pointers_compare_their_words() {
        let p = types::pointer_to(&types::INT);
        // SAFETY: pointer-shaped values are the data words themselves.
        unsafe {
            assert_eq!(efaceeq(p, 0x10 as *const u8, 0x10 as *const u8), Ok(true));
            assert_eq!(efaceeq(p, 0x10 as *const u8, 0x18 as *const u8), Ok(false));
        }
    }

    #[test]
    fn structs_arrays_and_nested_interfaces() {
        // struct { a int8; _ int32; f float64; e interface{} }
        let any = &types::EMPTY_INTERFACE.typ;
        let st = types::struct_of(&[
            Field::new("a", &types::INT8),
            Field::new("_", &types::INT32),
            Field::new("f", &types::FLOAT64),
            Field::new("e", any),
        ]);
        assert_eq!(st.size, 32);
        #[repr(C)]
        struct S {
            a: i8,
            blank: i32,
            f: f64,
            e: EmptyInterface,
        }
        let five = 5i64;
        let five2 = 5i64;
        let six = 6i64;
        let boxed = |v: &i64| EmptyInterface { typ: &types::INT, data: v as *const i64 as *mut u8 };
        let x = S { a: 1, blank: 7, f: 2.0, e: boxed(&five) };
        let y = S { a: 1, blank: 9, f: 2.0, e: boxed(&five2) };
        let z = S { a: 1, blank: 7, f: 2.0, e: boxed(&six) };
        assert_eq!(eq(st, &x, &y), Ok(true), "blank fields are skipped, nested values compared");
        assert_eq!(eq(st, &x, &z), Ok(false));
        let nil =
            S { a: 1, blank: 0, f: 2.0, e: EmptyInterface { typ: core::ptr::null(), data: core::ptr::null_mut() } };
        assert_eq!(eq(st, &nil, &nil), Ok(true));
        assert_eq!(eq(st, &x, &nil), Ok(false));

        let arr = types::array_of(&types::STRING, 2);
        let g = |s: &'static str| GoString { ptr: s.as_ptr(), len: s.len() };
        assert_eq!(eq(arr, &[g("a"), g("b")], &[g("a"), g("b")]), Ok(true));
        assert_eq!(eq(arr, &[g("a"), g("b")], &[g("a"), g("c")]), Ok(false));

        // A nested interface holding a slice cannot be compared.
        let sl = types::slice_of(&types::INT);
        let hdr = [0usize; 3];
        let w = S { a: 1, blank: 0, f: 2.0, e: EmptyInterface { typ: sl, data: hdr.as_ptr() as *mut u8 } };
        assert_eq!(eq(st, &w, &w), Err(Uncomparable(sl)));
    }

    #[test]
    fn uncomparable_types_are_refused() {
        let sl = types::slice_of(&types::INT);
        let st = types::struct_of(&[Field::new("s", sl)]);
        let hdr = [0usize; 3];
        assert_eq!(eq(sl, &hdr, &hdr), Err(Uncomparable(sl)));
        assert_eq!(eq(st, &hdr, &hdr), Err(Uncomparable(st)));
        assert!(!comparable(types::map_of(&types::INT, &types::INT)));
        assert!(comparable(types::array_of(&types::INT, 3)));
    }

    #[test]
    fn itabs_are_built_from_method_tables() {
        let sig_a = types::func_of(&[], &[&types::INT], false);
        let sig_b = types::func_of(&[&types::INT], &[], false);
        // Closure objects: one word each, the "code address".
        static CODE_A: usize = 0x1111;
        static CODE_B: usize = 0x2222;
        static CODE_C: usize = 0x3333;
        let spec = |n: &str, t, code: &'static usize| MethodSpec {
            name: n.into(),
            mtyp: t,
            ifn: code as *const usize as *const (),
            tfn: core::ptr::null(),
        };
        let t = types::named(
            "main.T",
            &types::INT,
            Vec::from([spec("B", sig_b, &CODE_B), spec("A", sig_a, &CODE_A), spec("C", sig_a, &CODE_C)]),
        );
        let ab = test_interface("main.AB", Vec::from([("A", sig_a), ("B", sig_b)]));
        let p = itab_for(ab, t).unwrap();
        // SAFETY: an itab for a two-method interface has two code words.
        unsafe {
            assert_eq!((*p).inter, ab as *const InterfaceType);
            assert_eq!((*p).typ, t as *const Type);
            let fun = core::slice::from_raw_parts(core::ptr::addr_of!((*p).fun) as *const usize, 2);
            assert_eq!(fun, [0x1111, 0x2222]);
            assert_eq!(rgo_getitab(ab, t, 0), p, "cached");
        }
        // A method with the right name but another signature does not count.
        let bad = test_interface("main.Bad", Vec::from([("B", sig_a)]));
        assert_eq!(itab_for(bad, t), Err("B"));
        let missing = test_interface("main.D", Vec::from([("A", sig_a), ("D", sig_a)]));
        assert_eq!(itab_for(missing, t), Err("D"));
        // SAFETY: descriptors from above.
        unsafe {
            assert!(rgo_getitab(missing, t, 1).is_null());
            assert!(rgo_getitab(missing, core::ptr::null(), 1).is_null());
            assert!(rgo_getitab(ab, &types::INT, 1).is_null());
        }
        let mut msg = Vec::new();
        // SAFETY: descriptors and a static string.
        unsafe { crate::rterror::write_type_assertion(&mut msg, &conversion_error(missing, t, "D")) };
        assert_eq!(msg, b"interface conversion: main.T is not main.D: missing method D");
    }
}
