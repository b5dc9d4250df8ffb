//! Error values made by the runtime for the standard library: Go's
//! `errors.New` (`*errors.errorString`) and the result of `fmt.Errorf`
//! with `%w` (`*fmt.wrapError`, which also has `Unwrap() error`); and
//! package errors' `Unwrap`, `Is` and `As`, which walk a chain of errors
//! calling their `Unwrap() error`, `Is(error) bool` and `As(any) bool`
//! methods (Go code, called through [`crate::gocall::call_method`]).
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

use crate::gocall::{call_method, is_string_method};
use crate::libvalues::panic_string;
use crate::iface::{itab_for, rgo_efaceeq, rgo_getitab};
use crate::rterror::{field, func_type, named, Static, FUNC_STRING};
use crate::GoString;
use alloc::boxed::Box;
use core::ptr;
use reflect::types::{
    type_hash, EmptyInterface, FuncType, InterfaceType, Itab, Kind, List, Method, NonEmptyInterface, PointerType, Str,
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

/// `errors.New`.
///
/// # Safety
/// `error_iface` must be the descriptor of `error` and `(ptr, len)` a Go
/// string; called on the system stack by compiled code.
#[no_mangle]
pub unsafe extern "C" fn rgo_errors_new(
    error_iface: *const InterfaceType,
    ptr: *const u8,
    len: usize,
) -> NonEmptyInterface {
    crate::collector::safepoint();
    // SAFETY: as the caller promises.
    unsafe { new_error(&*error_iface, GoString { ptr, len }) }
}

// ---- errors.Unwrap, errors.Is, errors.As ---------------------------------

/// The nil `error`.
const NIL: NonEmptyInterface = NonEmptyInterface { itab: ptr::null(), data: ptr::null_mut() };

/// Whether `t` is the predeclared `error` (whichever descriptor of it).
pub fn is_error_type(t: TypeRef) -> bool {
    t.kind == Kind::Interface
        && t.string() == "error"
        && t.as_interface().is_some_and(|i| {
            let ms = i.methods.as_slice();
            ms.len() == 1 && ms[0].name.as_str() == "Error" && is_string_method(ms[0].typ)
        })
}

fn is_bool(t: TypeRef) -> bool {
    t.kind == Kind::Bool && t.string() == "bool"
}

fn is_empty_interface(t: TypeRef) -> bool {
    t.as_interface().is_some_and(|i| i.methods.as_slice().is_empty())
}

/// The method `name` of `t` whose signature `sig` accepts: how Go's
/// assertions to `interface{ Unwrap() error }` and friends find it.
fn method_of(t: TypeRef, name: &str, sig: impl Fn(&[TypeRef], &[TypeRef]) -> bool) -> Option<&'static Method> {
    t.methods().iter().find(|m| {
        m.name.as_str() == name
            && m.mtyp.as_func().is_some_and(|f| !f.variadic && sig(f.ins.as_slice(), f.outs.as_slice()))
    })
}

/// `Unwrap() error`.
fn unwrap_method(t: TypeRef) -> Option<&'static Method> {
    method_of(t, "Unwrap", |ins, outs| ins.is_empty() && outs.len() == 1 && is_error_type(outs[0]))
}

/// `Is(error) bool`.
fn is_method(t: TypeRef) -> Option<&'static Method> {
    method_of(t, "Is", |ins, outs| ins.len() == 1 && is_error_type(ins[0]) && outs.len() == 1 && is_bool(outs[0]))
}

/// `As(any) bool`.
fn as_method(t: TypeRef) -> Option<&'static Method> {
    method_of(t, "As", |ins, outs| ins.len() == 1 && is_empty_interface(ins[0]) && outs.len() == 1 && is_bool(outs[0]))
}

/// The dynamic type of an interface value (`None`: nil).
///
/// # Safety
/// `itab` must be null or an itab.
unsafe fn dynamic_type(itab: *const Itab) -> Option<TypeRef> {
    // SAFETY: as the caller promises; an itab's type is a descriptor.
    unsafe { itab.as_ref().and_then(|i| i.typ.as_ref()) }
}

/// Go's `errors.Unwrap(err)`: the result of `err`'s `Unwrap() error`
/// method, or nil when it has none.
///
/// # Safety
/// `err` must be an `error` value; on the system stack (the method is Go
/// code).
pub unsafe fn unwrap(err: NonEmptyInterface) -> NonEmptyInterface {
    // SAFETY: as the caller promises.
    let Some(t) = (unsafe { dynamic_type(err.itab) }) else { return NIL };
    let Some(m) = unwrap_method(t) else { return NIL };
    let mut out = NIL;
    // SAFETY: `m` is `t`'s `func() error`, called with the data word; its
    // result is one interface value.
    match unsafe { call_method(m, t, err.data as usize, &[], &mut out as *mut NonEmptyInterface as *mut u8) } {
        Ok(()) => out,
        Err(_) => NIL,
    }
}

/// Go's `errors.Is(err, target)`: whether an error in `err`'s chain equals
/// `target` (when `target`'s type is comparable) or says so through its
/// `Is(error) bool` method.
///
/// # Safety
/// Both must be `error` values; on the system stack.
pub unsafe fn is(err: NonEmptyInterface, target: NonEmptyInterface) -> bool {
    // SAFETY: as the caller promises.
    let Some(tt) = (unsafe { dynamic_type(target.itab) }) else { return err.itab.is_null() };
    let comparable = crate::iface::comparable(tt);
    let mut err = err;
    // SAFETY (the loop): `err` is an `error` value throughout; the methods
    // are called as their signatures say.
    unsafe {
        while let Some(et) = dynamic_type(err.itab) {
            if comparable && (ptr::eq(et, tt) || et.identical(tt)) && rgo_efaceeq(et, err.data, target.data) != 0 {
                return true;
            }
            if let Some(m) = is_method(et) {
                let mut r = 0u8;
                let arg = &target as *const NonEmptyInterface as *const u8;
                if call_method(m, et, err.data as usize, &[arg], &mut r).is_ok() && r != 0 {
                    return true;
                }
            }
            err = unwrap(err);
        }
    }
    false
}

/// Whether values of type `t` implement `error` (have `Error() string`).
fn implements_error(t: TypeRef) -> bool {
    t.methods().iter().any(|m| m.name.as_str() == "Error" && is_string_method(m.mtyp))
}

/// Stores the error value `(et, data)` in `*target` (of type `tt`) when
/// `et` is assignable to `tt`: identical types, or an interface `tt` that
/// `et` implements.
///
/// # Safety
/// `data` must be the data word of an `et`, and `target` point at a `tt`.
unsafe fn assign(et: TypeRef, data: *mut u8, tt: TypeRef, target: *mut u8) -> bool {
    // SAFETY (each write): `target` points at a `tt`, and `data` is the
    // data word of an `et`, which is the value itself when pointer-shaped.
    unsafe {
        if et.identical(tt) {
            if et.is_pointer_shaped() {
                (target as *mut *mut u8).write_unaligned(data);
            } else {
                ptr::copy(data, target, et.size);
            }
            return true;
        }
        let Some(inter) = tt.as_interface() else { return false };
        if inter.methods.as_slice().is_empty() {
            (target as *mut EmptyInterface).write_unaligned(EmptyInterface { typ: et, data });
            return true;
        }
        match itab_for(inter, et) {
            Ok(itab) => {
                (target as *mut NonEmptyInterface).write_unaligned(NonEmptyInterface { itab, data });
                true
            }
            Err(_) => false,
        }
    }
}

/// The type `errors.As` stores into (`*target`'s), or the text of the
/// panic Go raises for the target.
///
/// # Safety
/// `target_typ` must be null or a descriptor.
unsafe fn as_target_elem(target_typ: *const Type, target: *mut u8) -> Result<TypeRef, &'static str> {
    // SAFETY: as the caller promises.
    let Some(pt) = (unsafe { target_typ.as_ref() }) else { return Err("errors: target cannot be nil") };
    let elem = match pt.as_pointer() {
        Some(p) if !target.is_null() => p.elem,
        _ => return Err("errors: target must be a non-nil pointer"),
    };
    if elem.kind != Kind::Interface && !implements_error(elem) {
        return Err("errors: *target must be interface or implement error");
    }
    Ok(elem)
}

/// Go's `errors.As(err, target)`: stores the first error in `err`'s chain
/// assignable to `*target` there, or stops at one whose `As(any) bool`
/// method says it did; panics as Go does on a bad target. `target_typ` is
/// the dynamic type of `target` (null: a nil `any`).
///
/// # Safety
/// `err` must be an `error` value, `target_typ` null or a descriptor and
/// `target` a value of it; on the system stack.
pub unsafe fn as_target(err: NonEmptyInterface, target_typ: *const Type, target: *mut u8) -> bool {
    // SAFETY: as the caller promises.
    let elem = match unsafe { as_target_elem(target_typ, target) } {
        Ok(t) => t,
        Err(msg) => panic_string(msg),
    };
    let mut err = err;
    // SAFETY (the loop): `err` is an `error` value throughout, `target` a
    // non-nil `*elem`; the methods are called as their signatures say.
    unsafe {
        while let Some(et) = dynamic_type(err.itab) {
            if assign(et, err.data, elem, target) {
                return true;
            }
            if let Some(m) = as_method(et) {
                let mut r = 0u8;
                let arg = EmptyInterface { typ: target_typ, data: target };
                let argp = &arg as *const EmptyInterface as *const u8;
                if call_method(m, et, err.data as usize, &[argp], &mut r).is_ok() && r != 0 {
                    return true;
                }
            }
            err = unwrap(err);
        }
    }
    false
}

/// `errors.Unwrap`, its result as a value of `error_iface`.
///
/// # Safety
/// `error_iface` must be the descriptor of `error` and `(err_itab,
/// err_data)` an `error`; called on the system stack by compiled code.
#[no_mangle]
pub unsafe extern "C" fn rgo_errors_unwrap(
    error_iface: *const InterfaceType,
    err_itab: *const Itab,
    err_data: *mut u8,
) -> NonEmptyInterface {
    // SAFETY: as the caller promises.
    unsafe {
        let u = unwrap(NonEmptyInterface { itab: err_itab, data: err_data });
        match dynamic_type(u.itab) {
            // An itab of another descriptor of `error`: convert.
            Some(t) if !ptr::eq((*u.itab).inter, error_iface) => {
                NonEmptyInterface { itab: rgo_getitab(error_iface, t, 0), data: u.data }
            }
            _ => u,
        }
    }
}

/// `errors.Is`.
///
/// # Safety
/// Both pairs must be `error` values; called on the system stack by
/// compiled code.
#[no_mangle]
pub unsafe extern "C" fn rgo_errors_is(
    err_itab: *const Itab,
    err_data: *mut u8,
    target_itab: *const Itab,
    target_data: *mut u8,
) -> u8 {
    // SAFETY: as the caller promises.
    unsafe {
        is(
            NonEmptyInterface { itab: err_itab, data: err_data },
            NonEmptyInterface { itab: target_itab, data: target_data },
        ) as u8
    }
}

/// `errors.As`: `(target_typ, target_ptr)` is the `any` argument.
///
/// # Safety
/// `(err_itab, err_data)` must be an `error`, `target_typ` null or a
/// descriptor and `target_ptr` a value of that type; called on the system
/// stack by compiled code.
#[no_mangle]
pub unsafe extern "C" fn rgo_errors_as(
    err_itab: *const Itab,
    err_data: *mut u8,
    target_typ: *const Type,
    target_ptr: *mut u8,
) -> u8 {
    // SAFETY: as the caller promises.
    unsafe { as_target(NonEmptyInterface { itab: err_itab, data: err_data }, target_typ, target_ptr) as u8 }
}

#[cfg(test)]
mod tests {
    //! The cases of a Go 1.19 program, rt-core/testdata/errors_cases.go
    //! (same types, same calls; its output is in the comments), with the
    //! methods as `make_func` closures.

    use super::*;
    use crate::iface::test_interface;
    use crate::testutil::{error_iface, pointer_with};
    use alloc::string::String;
    use alloc::vec::Vec;
    use reflect::types::{self, Field, MethodSpec, BOOL, INT, UNSAFE_POINTER};
    use reflect::{make_func, Value};
    use std::sync::OnceLock;

    fn gs(s: &'static str) -> GoString {
        GoString { ptr: s.as_ptr(), len: s.len() }
    }

    fn error_t() -> TypeRef {
        &error_iface().typ
    }

    /// A method `name` of signature `func(ins) outs` whose code is `f`
    /// (receiver word first among the arguments).
    fn method(
        name: &str,
        ins: &[TypeRef],
        outs: &[TypeRef],
        f: impl Fn(&[Value]) -> Vec<Value> + Send + Sync + 'static,
    ) -> MethodSpec {
        let mut all = Vec::from([&UNSAFE_POINTER as TypeRef]);
        all.extend_from_slice(ins);
        let code = make_func(types::func_of(&all, outs, false), f);
        MethodSpec {
            name: name.into(),
            mtyp: types::func_of(ins, outs, false),
            ifn: code.pointer() as *const (),
            tfn: ptr::null(),
        }
    }

    fn error_method(text: &'static str) -> MethodSpec {
        method("Error", &[], &[&STRING], move |_| Vec::from([Value::from_str(text)]))
    }

    fn truth(b: bool) -> Vec<Value> {
        Vec::from([Value::from_bytes(&BOOL, &[b as u8]).unwrap()])
    }

    /// An `error` value holding `data` of type `t`.
    fn err(t: TypeRef, data: *mut u8) -> NonEmptyInterface {
        NonEmptyInterface { itab: itab_for(error_iface(), t).expect("implements error"), data }
    }

    fn boxed<T>(v: T) -> *mut u8 {
        Box::leak(Box::new(v)) as *mut T as *mut u8
    }

    fn sentinel() -> NonEmptyInterface {
        static S: OnceLock<[usize; 2]> = OnceLock::new();
        let [i, d] = *S.get_or_init(|| {
            // SAFETY: the tests' error descriptor.
            let e = unsafe { new_error(error_iface(), gs("sentinel")) };
            [e.itab as usize, e.data as usize]
        });
        NonEmptyInterface { itab: i as *const Itab, data: d as *mut u8 }
    }

    macro_rules! once_type {
        ($name:ident, $body:expr) => {
            fn $name() -> TypeRef {
                static T: OnceLock<usize> = OnceLock::new();
                let p = *T.get_or_init(|| $body as *const Type as usize);
                // SAFETY: a leaked descriptor.
                unsafe { &*(p as *const Type) }
            }
        };
    }

    // type MyErr struct{ Code int }; func (e MyErr) Error() string
    once_type!(
        my_err,
        types::named("main.MyErr", types::struct_of(&[Field::new("Code", &INT)]), Vec::from([error_method("my")]))
    );
    // type PtrErr struct{ msg string }; func (e *PtrErr) Error() string
    once_type!(ptr_err_elem, types::named("main.PtrErr", types::struct_of(&[Field::new("msg", &STRING)]), Vec::new()));
    once_type!(ptr_err, pointer_with(ptr_err_elem(), Vec::from([error_method("p")])));
    // type Wrap struct{ inner error }; Error, Unwrap() error
    once_type!(
        wrap,
        types::named(
            "main.Wrap",
            types::struct_of(&[Field::new("inner", error_t())]),
            Vec::from([
                error_method("wrap"),
                method("Unwrap", &[], &[error_t()], |a| {
                    // SAFETY: the receiver word points at a Wrap, whose one
                    // field is an error.
                    Vec::from([unsafe { Value::from_raw(error_t(), a[0].pointer()) }])
                }),
            ]),
        )
    );
    // type IsErr struct{}; Error; func (IsErr) Is(t error) bool { return t == sentinel }
    once_type!(
        is_err,
        types::named(
            "main.IsErr",
            types::struct_of(&[]),
            Vec::from([
                error_method("iserr"),
                method("Is", &[error_t()], &[&BOOL], |a| {
                    let b = a[1].as_bytes();
                    let data = usize::from_le_bytes(b[8..16].try_into().unwrap());
                    truth(data == sentinel().data as usize)
                }),
            ]),
        )
    );
    // type AsErr struct{}; Error; func (AsErr) As(t any) bool: *MyErr targets get MyErr{42}
    once_type!(
        as_err,
        types::named(
            "main.AsErr",
            types::struct_of(&[]),
            Vec::from([
                method("As", &[&types::EMPTY_INTERFACE.typ], &[&BOOL], |a| {
                    let b = a[1].as_bytes();
                    let typ = usize::from_le_bytes(b[..8].try_into().unwrap());
                    let data = usize::from_le_bytes(b[8..16].try_into().unwrap());
                    if typ == types::pointer_to(my_err()) as *const Type as usize {
                        // SAFETY: a *MyErr target.
                        unsafe { *(data as *mut i64) = 42 };
                        return truth(true);
                    }
                    truth(false)
                }),
                error_method("aserr"),
            ]),
        )
    );
    // type Sl struct{ s []int }; Error
    once_type!(
        sl,
        types::named(
            "main.Sl",
            types::struct_of(&[Field::new("s", types::slice_of(&INT))]),
            Vec::from([error_method("sl")])
        )
    );

    fn wrapped(inner: NonEmptyInterface) -> NonEmptyInterface {
        err(wrap(), boxed(inner))
    }

    fn my(code: i64) -> NonEmptyInterface {
        err(my_err(), boxed(code))
    }

    fn zero_sized(t: TypeRef) -> NonEmptyInterface {
        err(t, ptr::addr_of!(crate::heap::ZEROBASE) as *mut u8)
    }

    fn errorf_w(inner: NonEmptyInterface) -> NonEmptyInterface {
        // SAFETY: the tests' error descriptor and an error operand.
        unsafe { new_wrap_error(error_iface(), gs("w: sentinel"), &*(*inner.itab).typ, inner.data) }
    }

    #[test]
    fn unwrap_calls_unwrap_methods() {
        // true true true
        let s = sentinel();
        // SAFETY (all): error values built above; on the test goroutine.
        unsafe {
            assert_eq!(unwrap(s), NIL);
            assert_eq!(unwrap(errorf_w(s)), s);
            assert_eq!(unwrap(wrapped(s)), s);
            assert_eq!(unwrap(NIL), NIL);
            assert_eq!(unwrap(my(1)), NIL);
            let u = rgo_errors_unwrap(error_iface(), wrapped(s).itab, wrapped(s).data);
            assert_eq!(u, s);
            assert!(ptr::eq((*u.itab).inter, error_iface()));
        }
    }

    #[test]
    fn is_compares_along_the_chain() {
        let s = sentinel();
        // SAFETY (all): error values built above; on the test goroutine.
        unsafe {
            // errors.Is(nil, nil), (sentinel, nil), (nil, sentinel): true false false
            assert!(is(NIL, NIL));
            assert!(!is(s, NIL));
            assert!(!is(NIL, s));
            // (sentinel, sentinel), (w, sentinel), (Wrap{w}, sentinel), (errors.New("sentinel"), sentinel):
            // true true true false
            assert!(is(s, s));
            assert!(is(errorf_w(s), s));
            assert!(is(wrapped(errorf_w(s)), s));
            assert!(!is(new_error(error_iface(), gs("sentinel")), s));
            // (Wrap{MyErr{1}}, MyErr{1}), (Wrap{MyErr{1}}, MyErr{2}): true false
            assert!(is(wrapped(my(1)), my(1)));
            assert!(!is(wrapped(my(1)), my(2)));
            // (Sl{}, Sl{}): false (uncomparable, no panic)
            let hdr = [0usize; 3];
            let sl_v = err(sl(), hdr.as_ptr() as *mut u8);
            assert!(!is(sl_v, sl_v));
            // (Wrap{IsErr{}}, sentinel), (IsErr{}, w): true false
            assert!(is(wrapped(zero_sized(is_err())), s));
            assert!(!is(zero_sized(is_err()), errorf_w(s)));
            // The entry point.
            assert_eq!(rgo_errors_is(wrapped(s).itab, wrapped(s).data, s.itab, s.data), 1);
        }
    }

    /// `errors.As(err, &v)` with `v` of type `t` at `target`.
    unsafe fn as_(err: NonEmptyInterface, t: TypeRef, target: *mut u8) -> bool {
        // SAFETY: as the caller promises.
        unsafe { rgo_errors_as(err.itab, err.data, types::pointer_to(t), target) != 0 }
    }

    #[test]
    fn as_assigns_along_the_chain() {
        let s = sentinel();
        // SAFETY (all): error values built above, targets of the types
        // given; on the test goroutine.
        unsafe {
            // var tp *PtrErr; errors.As(Wrap{p}, &tp), tp == p: true true
            let p = boxed(gs("p"));
            let mut tp: *mut u8 = ptr::null_mut();
            assert!(as_(wrapped(err(ptr_err(), p)), ptr_err(), &mut tp as *mut *mut u8 as *mut u8));
            assert_eq!(tp, p);
            // var m MyErr; errors.As(Wrap{MyErr{7}}, &m), m.Code: true 7
            let mut m = 0i64;
            assert!(as_(wrapped(my(7)), my_err(), &mut m as *mut i64 as *mut u8));
            assert_eq!(m, 7);
            // var e error; errors.As(w, &e), e == w: true true
            let w = errorf_w(s);
            let mut e = NIL;
            assert!(as_(w, error_t(), &mut e as *mut NonEmptyInterface as *mut u8));
            assert_eq!(e, w);
            // var e2 E2 (interface{ Error() string }): true, e2 == sentinel
            let e2_t = test_interface("main.E2", Vec::from([("Error", types::func_of(&[], &[&STRING], false))]));
            let mut e2 = NIL;
            assert!(as_(s, &e2_t.typ, &mut e2 as *mut NonEmptyInterface as *mut u8));
            assert_eq!(e2.data, s.data);
            assert!(ptr::eq((*e2.itab).inter, e2_t) && ptr::eq((*e2.itab).typ, (*s.itab).typ));
            // var fo Fooer: false
            let fooer = test_interface("main.Fooer", Vec::from([("Foo", types::func_of(&[], &[], false))]));
            let mut fo = NIL;
            assert!(!as_(s, &fooer.typ, &mut fo as *mut NonEmptyInterface as *mut u8));
            assert_eq!(fo, NIL);
            // var a any: the first error of the chain.
            let mut a = EmptyInterface { typ: ptr::null(), data: ptr::null_mut() };
            assert!(as_(wrapped(s), &types::EMPTY_INTERFACE.typ, &mut a as *mut EmptyInterface as *mut u8));
            assert!(ptr::eq(a.typ, wrap()));
            // var m2 MyErr; errors.As(Wrap{AsErr{}}, &m2), m2.Code: true 42
            let mut m2 = 0i64;
            assert!(as_(wrapped(zero_sized(as_err())), my_err(), &mut m2 as *mut i64 as *mut u8));
            assert_eq!(m2, 42);
            // errors.As(nil, &m2): false
            assert!(!as_(NIL, my_err(), &mut m2 as *mut i64 as *mut u8));
        }
    }

    #[test]
    fn as_refuses_bad_targets_as_go() {
        let check = |typ: *const Type, target: *mut u8| -> Result<String, String> {
            // SAFETY: descriptors or null.
            match unsafe { as_target_elem(typ, target) } {
                Ok(t) => Ok(String::from(t.string())),
                Err(m) => Err(String::from(m)),
            }
        };
        let mut slot = [0usize; 2];
        let here = slot.as_mut_ptr() as *mut u8;
        let nil_msg = "errors: target cannot be nil";
        let ptr_msg = "errors: target must be a non-nil pointer";
        let elem_msg = "errors: *target must be interface or implement error";
        assert_eq!(check(ptr::null(), ptr::null_mut()), Err(nil_msg.into()));
        assert_eq!(check(my_err(), here), Err(ptr_msg.into()), "a MyErr value");
        assert_eq!(check(types::pointer_to(my_err()), ptr::null_mut()), Err(ptr_msg.into()), "a nil *MyErr");
        assert_eq!(check(types::pointer_to(&INT), here), Err(elem_msg.into()), "*int");
        assert_eq!(check(types::pointer_to(ptr_err_elem()), here), Err(elem_msg.into()), "*PtrErr (pointer receiver)");
        assert_eq!(check(types::pointer_to(ptr_err()), here), Ok("*main.PtrErr".into()));
        assert_eq!(check(types::pointer_to(error_t()), here), Ok("error".into()));
    }

    #[test]
    fn methods_need_their_exact_signatures() {
        // Unwrap() string, Is(int) bool are not errors' methods.
        let t = types::named(
            "main.Odd",
            &INT,
            Vec::from([
                error_method("odd"),
                method("Is", &[&INT], &[&BOOL], |_| truth(true)),
                method("Unwrap", &[], &[&STRING], |_| Vec::from([Value::from_str("x")])),
            ]),
        );
        assert!(unwrap_method(t).is_none() && is_method(t).is_none());
        assert!(unwrap_method(wrap()).is_some() && is_method(is_err()).is_some() && as_method(as_err()).is_some());
        let odd = err(t, boxed(1i64));
        // SAFETY: error values; on the test goroutine.
        unsafe {
            assert_eq!(unwrap(odd), NIL);
            assert!(!is(odd, sentinel()));
        }
    }
}
