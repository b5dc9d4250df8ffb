//! Error values made by the runtime for `fmt.Errorf` (rgo's fmt engine is
//! Rust): without `%w` an `*errors.errorString` as `errors.New` makes, with
//! it a `*fmt.wrapError` (which also has `Unwrap() error`). Package errors
//! itself is GOROOT's, compiled; its `Is`, `As` and `Unwrap` walk these as
//! any errors.
//!
//! Their descriptors are laid out as reflect's, like the runtime's own
//! error types ([`crate::rterror`]), so `%T`, `%#v`, type switches and
//! method calls through itabs see them as Go's. The methods' func values
//! point at assembly leaves (`rt-arch/asm/runtime/<arch>.S`) that only load fields: `Error`
//! returns the string at the start of the pointed-to struct (both types
//! begin with their message), `Unwrap` the interface after it. They run on
//! the goroutine stack without touching it, so they need no stack switch.
//!
//! `*errors.errorString` is static. `*fmt.wrapError`'s `Unwrap` returns an
//! `error` and its `err` field is one, which must be the program's own
//! descriptor of `error` for method signatures to match (named types are
//! identical only to themselves), so that type is built on the first
//! `Errorf` that wraps, from the descriptor the compiled call passes.

use crate::iface::rgo_getitab;
use crate::rterror::{field, func_type, named, Static, FUNC_STRING};
use crate::GoString;
use alloc::boxed::Box;
use core::ptr;
use reflect::types::{
    type_hash, FuncType, InterfaceType, Kind, List, Method, NonEmptyInterface, PointerType, Str,
    StructField, StructType, TFlag, Type, TypeRef, Uncommon, STRING,
};

extern "C" {
    // ABIInternal leaves (`rt-arch/asm/runtime/<arch>.S`); only their addresses are used.
    fn rgo_error_text_method();
    fn rgo_wrap_error_unwrap_method();
}

static ERROR_FN: unsafe extern "C" fn() = rgo_error_text_method;
static UNWRAP_FN: unsafe extern "C" fn() = rgo_wrap_error_unwrap_method;

pub(crate) const fn error_method() -> Method {
    Method {
        name: Str::new("Error"),
        mtyp: &FUNC_STRING.typ,
        ifn: &ERROR_FN as *const unsafe extern "C" fn() as *const (),
        tfn: ptr::null(),
    }
}

pub(crate) const fn pointer_type(name: &'static str, elem: TypeRef, uncommon: *const Uncommon) -> PointerType {
    PointerType {
        typ: Type {
            size: 8,
            ptrdata: 8,
            hash: type_hash(name),
            tflag: TFlag::UNCOMMON,
            align: 8,
            field_align: 8,
            kind: Kind::Pointer,
            string: Str::new(name),
            uncommon,
        },
        elem,
    }
}

// ---- *errors.errorString ----------------------------------------------------

static ERROR_STRING_FIELDS: [StructField; 1] = [field("s", &STRING, 0)];
static ERROR_STRING_STRUCT: StructType = StructType {
    typ: named("errors.errorString", Kind::Struct, 16, 8, ptr::null()),
    fields: List::new(&ERROR_STRING_FIELDS),
    pkg_path: Str::new("errors"),
};
static ERROR_STRING_METHODS: Static<[Method; 1]> = Static([error_method()]);
static ERROR_STRING_UNCOMMON: Static<Uncommon> =
    Static(Uncommon { pkg_path: Str::new("errors"), methods: List::new(&ERROR_STRING_METHODS.0) });
/// `*errors.errorString`: what `errors.New` returns.
pub static ERROR_STRING_PTR: PointerType =
    pointer_type("*errors.errorString", &ERROR_STRING_STRUCT.typ, &ERROR_STRING_UNCOMMON.0);

/// `fmt.wrapError`'s layout.
#[repr(C)]
struct WrapError {
    msg: GoString,
    err: NonEmptyInterface,
}

/// The `*fmt.wrapError` built for one `error` descriptor.
static WRAP_ERROR: spin::Mutex<(usize, usize)> = spin::Mutex::new((0, 0));

/// What the pointer type `t` points at (the struct the runtime allocates
/// for a `*T` error value, described to the collector).
pub(crate) fn pointee(t: TypeRef) -> &'static Type {
    t.elem().expect("a pointer type")
}

pub(crate) fn leak<T>(v: T) -> &'static T {
    Box::leak(Box::new(v))
}

/// `*fmt.wrapError` with `error` described by `error_iface`.
fn wrap_error_type(error_iface: &'static InterfaceType) -> TypeRef {
    let key = error_iface as *const InterfaceType as usize;
    let mut cache = WRAP_ERROR.lock();
    if cache.0 == key {
        // SAFETY: the cache holds a leaked descriptor.
        return unsafe { &*(cache.1 as *const Type) };
    }
    let error_t: TypeRef = &error_iface.typ;
    let outs: &'static [TypeRef; 1] = leak([error_t]);
    let unwrap_sig = leak(FuncType { ins: List::new(&[]), outs: List::new(outs), ..func_type("func() error", &[]) });
    let fields: &'static [StructField; 2] = leak([field("msg", &STRING, 0), field("err", error_t, 16)]);
    let elem =
        leak(StructType { typ: named("fmt.wrapError", Kind::Struct, 32, 32, ptr::null()), fields: List::new(fields), pkg_path: Str::new("fmt") });
    let methods: &'static [Method; 2] = leak([
        error_method(),
        Method {
            name: Str::new("Unwrap"),
            mtyp: &unwrap_sig.typ,
            ifn: &UNWRAP_FN as *const unsafe extern "C" fn() as *const (),
            tfn: ptr::null(),
        },
    ]);
    let uncommon = leak(Uncommon { pkg_path: Str::new("fmt"), methods: List::new(methods) });
    let t = &leak(pointer_type("*fmt.wrapError", &elem.typ, uncommon)).typ;
    *cache = (key, t as *const Type as usize);
    t
}

/// Whether `t` is a `*fmt.wrapError` built here.
fn is_wrap_error(t: TypeRef) -> bool {
    let w = WRAP_ERROR.lock().1;
    w != 0 && ptr::eq(t, w as *const Type)
}

/// The `Error()` text of a value of one of the runtime's error types
/// (these and [`crate::rterror`]'s) without calling Go code; `None` for
/// other types.
///
/// # Safety
/// `data` must be the interface data word of a value of type `t`.
pub unsafe fn error_text(t: TypeRef, data: *const u8) -> Option<GoString> {
    if ptr::eq(t, &ERROR_STRING_PTR.typ) || is_wrap_error(t) {
        // SAFETY: both types point at a struct starting with the message.
        return Some(unsafe { *(data as *const GoString) });
    }
    // SAFETY: as the caller promises.
    unsafe { crate::rterror::error_text(t, data) }
}

/// A value of the interface `inter` holding `data` of dynamic type `t`.
///
/// # Safety
/// `t` must implement `inter`; on the system stack (a failure panics).
unsafe fn as_interface(inter: &'static InterfaceType, t: TypeRef, data: *mut u8) -> NonEmptyInterface {
    // SAFETY: descriptors; as the caller promises.
    let itab = unsafe { rgo_getitab(inter, t, 0) };
    NonEmptyInterface { itab, data }
}

/// `errors.New(msg)` as an `inter` (`error`): a new `*errors.errorString`
/// each time, so two are never equal.
///
/// # Safety
/// `msg` must be a Go string and `inter` the descriptor of `error`; on the
/// system stack.
pub unsafe fn new_error(inter: &'static InterfaceType, msg: GoString) -> NonEmptyInterface {
    let p = crate::heap::go_alloc(core::mem::size_of::<GoString>(), &ERROR_STRING_STRUCT.typ) as *mut GoString;
    // SAFETY: fresh memory for the struct; as the caller promises.
    unsafe {
        p.write(msg);
        as_interface(inter, &ERROR_STRING_PTR.typ, p as *mut u8)
    }
}

/// `&fmt.wrapError{msg, err}` as an `inter` (`error`), where `err` is the
/// wrapped operand (dynamic type `t`, data word `data`).
///
/// # Safety
/// As for [`new_error`]; `t` must implement `error`.
pub unsafe fn new_wrap_error(
    inter: &'static InterfaceType,
    msg: GoString,
    t: TypeRef,
    data: *mut u8,
) -> NonEmptyInterface {
    let wt = wrap_error_type(inter);
    let p = crate::heap::go_alloc(core::mem::size_of::<WrapError>(), pointee(wt)) as *mut WrapError;
    // SAFETY: fresh memory for the struct; as the caller promises.
    unsafe {
        let err = as_interface(inter, t, data);
        p.write(WrapError { msg, err });
        as_interface(inter, wt, p as *mut u8)
    }
}
