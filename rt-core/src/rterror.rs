//! Runtime errors as Go values (`runtime/error.go`): the checks of compiled
//! code (`rgo_panic_index`, ...) and the runtime's own failures panic with
//! a value of one of Go's `runtime.Error` types, so `recover` gets it and
//! `%T` will name it as Go does:
//!
//! | type                          | for                                         |
//! |-------------------------------|---------------------------------------------|
//! | `runtime.boundsError`         | index and slice bounds, slice-to-array-pointer conversion |
//! | `runtime.errorString`         | divide by zero, negative shift, nil pointer, makeslice, uncomparable |
//! | `*runtime.TypeAssertionError` | failed type assertions and conversions      |
//!
//! Each type's descriptor is a static here, laid out as reflect's
//! (`reflect::types`), with a method table holding `Error() string` and
//! `RuntimeError()`. A method's `ifn` is a static func value whose code is
//! an assembly shim (`rt-arch/asm/runtime/<arch>.S`, `rgo_error_shim`):
//! ABIInternal receiver word in the first integer register, switch to the
//! system stack, call the Rust text function here with the C ABI, string
//! back in the first two (amd64: X15 zeroed again).

use crate::defer::gopanic;
use crate::heap::{go_alloc, go_alloc_noscan};
use crate::print::{fmt_int, fmt_uint, Sink};
use crate::{Eface, GoString};
use core::ptr;
use reflect::types::{
    type_hash, FuncType, InterfaceType, Kind, List, Method, PointerType, Str, StructField, StructType, TFlag, Type,
    TypeRef, Uncommon, STRING,
};

/// Makes descriptor data with raw pointers usable in statics.
#[repr(transparent)]
pub(crate) struct Static<T>(pub(crate) T);

// SAFETY: every `Static` here is immutable descriptor data pointing at other
// immutable statics.
unsafe impl<T> Sync for Static<T> {}

pub(crate) const fn named(
    name: &'static str,
    kind: Kind,
    size: usize,
    ptrdata: usize,
    uncommon: *const Uncommon,
) -> Type {
    let mut tflag = TFlag::NAMED;
    if !uncommon.is_null() {
        tflag = TFlag::NAMED.union(TFlag::UNCOMMON);
    }
    Type {
        size,
        ptrdata,
        hash: type_hash(name),
        tflag,
        align: if size >= 8 { 8 } else { size as u8 },
        field_align: if size >= 8 { 8 } else { size as u8 },
        kind,
        string: Str::new(name),
        uncommon,
    }
}

pub(crate) const fn field(name: &'static str, typ: TypeRef, offset: usize) -> StructField {
    StructField { name: Str::new(name), typ, offset, tag: Str::new(""), embedded: false }
}

pub(crate) const fn func_type(name: &'static str, outs: &'static [TypeRef]) -> FuncType {
    FuncType {
        typ: Type {
            size: 8,
            ptrdata: 8,
            hash: type_hash(name),
            tflag: TFlag::empty(),
            align: 8,
            field_align: 8,
            kind: Kind::Func,
            string: Str::new(name),
            uncommon: ptr::null(),
        },
        ins: List::new(&[]),
        outs: List::new(outs),
        variadic: false,
    }
}

static STRING_OUT: [TypeRef; 1] = [&STRING];
pub(crate) static FUNC_STRING: FuncType = func_type("func() string", &STRING_OUT);
static FUNC_VOID: FuncType = func_type("func()", &[]);

extern "C" {
    // The ABIInternal shims of the methods (`rt-arch/asm/runtime/<arch>.S`); only their
    // addresses are used.
    fn rgo_bounds_error_error();
    fn rgo_error_string_error();
    fn rgo_type_assertion_error_error();
    fn rgo_runtime_error_method();
}

// The methods' func values: one word, the code address.
static BOUNDS_ERROR_FN: unsafe extern "C" fn() = rgo_bounds_error_error;
static ERROR_STRING_FN: unsafe extern "C" fn() = rgo_error_string_error;
static TYPE_ASSERTION_FN: unsafe extern "C" fn() = rgo_type_assertion_error_error;
static RUNTIME_ERROR_FN: unsafe extern "C" fn() = rgo_runtime_error_method;

const fn methods(error_fn: &'static unsafe extern "C" fn()) -> [Method; 2] {
    [
        Method {
            name: Str::new("Error"),
            mtyp: &FUNC_STRING.typ,
            ifn: error_fn as *const unsafe extern "C" fn() as *const (),
            tfn: ptr::null(),
        },
        Method {
            name: Str::new("RuntimeError"),
            mtyp: &FUNC_VOID.typ,
            ifn: &RUNTIME_ERROR_FN as *const unsafe extern "C" fn() as *const (),
            tfn: ptr::null(),
        },
    ]
}

// ---- runtime.boundsError -------------------------------------------------

/// Go's `runtime.boundsError`: `x` (signed or not as `signed` says) failed
/// a bounds check against `y`; `code` says which check (Go's
/// `boundsErrorCode`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BoundsError {
    pub x: i64,
    pub y: i64,
    pub signed: bool,
    pub code: u8,
}

/// Go's `boundsErrorCode` values.
pub const BOUNDS_INDEX: u8 = 0;
pub const BOUNDS_SLICE_ALEN: u8 = 1;
pub const BOUNDS_SLICE_ACAP: u8 = 2;
pub const BOUNDS_SLICE_B: u8 = 3;
pub const BOUNDS_SLICE3_ALEN: u8 = 4;
pub const BOUNDS_SLICE3_ACAP: u8 = 5;
pub const BOUNDS_SLICE3_B: u8 = 6;
pub const BOUNDS_SLICE3_C: u8 = 7;
pub const BOUNDS_CONVERT: u8 = 8;

/// Go's `boundsErrorFmt` and `boundsNegErrorFmt`: `%x` and `%y` stand for
/// the operands.
const BOUNDS_FMT: [&str; 9] = [
    "index out of range [%x] with length %y",
    "slice bounds out of range [:%x] with length %y",
    "slice bounds out of range [:%x] with capacity %y",
    "slice bounds out of range [%x:%y]",
    "slice bounds out of range [::%x] with length %y",
    "slice bounds out of range [::%x] with capacity %y",
    "slice bounds out of range [:%x:%y]",
    "slice bounds out of range [%x:%y:]",
    "cannot convert slice with length %y to pointer to array with length %x",
];
const BOUNDS_NEG_FMT: [&str; 9] = [
    "index out of range [%x]",
    "slice bounds out of range [:%x]",
    "slice bounds out of range [:%x]",
    "slice bounds out of range [%x:]",
    "slice bounds out of range [::%x]",
    "slice bounds out of range [::%x]",
    "slice bounds out of range [:%x:]",
    "slice bounds out of range [%x::]",
    "",
];

/// The Go code for the toolchain's `SliceFail` code of `rgo_panic_slice`
/// (`toolchain/src/runtime_abi.rs`), `None` for codes it does not define.
pub fn slice_code(rgo_code: u64) -> Option<u8> {
    Some(match rgo_code {
        0 => BOUNDS_SLICE_ACAP,  // [:x] with capacity y
        1 => BOUNDS_SLICE_ALEN,  // [:x] with length y
        2 => BOUNDS_SLICE_B,     // [x:y]
        3 => BOUNDS_SLICE3_ACAP, // [::x] with capacity y
        4 => BOUNDS_SLICE3_B,    // [:x:y]
        5 => BOUNDS_SLICE3_C,    // [x:y:]
        _ => return None,
    })
}

/// `boundsError.Error()` without its "runtime error: " prefix.
pub fn write_bounds<S: Sink + ?Sized>(o: &mut S, e: &BoundsError) {
    let code = (e.code as usize).min(BOUNDS_FMT.len() - 1);
    let fmt = if e.signed && e.x < 0 { BOUNDS_NEG_FMT[code] } else { BOUNDS_FMT[code] };
    let mut rest = fmt.as_bytes();
    while let Some(i) = rest.iter().position(|&c| c == b'%') {
        o.put(&rest[..i]);
        match rest.get(i + 1) {
            Some(b'x') if e.signed => fmt_int(o, e.x),
            Some(b'x') => fmt_uint(o, e.x as u64),
            _ => fmt_int(o, e.y),
        }
        rest = rest.get(i + 2..).unwrap_or(&[]);
    }
    o.put(rest);
}

static BOUNDS_CODE_TYPE: Type = named("runtime.boundsErrorCode", Kind::Uint8, 1, 0, ptr::null());
static BOUNDS_FIELDS: [StructField; 4] = [
    field("x", &reflect::types::INT64, 0),
    field("y", &reflect::types::INT, 8),
    field("signed", &reflect::types::BOOL, 16),
    field("code", &BOUNDS_CODE_TYPE, 17),
];
static BOUNDS_METHODS: Static<[Method; 2]> = Static(methods(&BOUNDS_ERROR_FN));
static BOUNDS_UNCOMMON: Static<Uncommon> =
    Static(Uncommon { pkg_path: Str::new("runtime"), methods: List::new(&BOUNDS_METHODS.0) });
/// `runtime.boundsError`.
pub static BOUNDS_ERROR_TYPE: StructType = StructType {
    typ: named("runtime.boundsError", Kind::Struct, 24, 0, &BOUNDS_UNCOMMON.0),
    fields: List::new(&BOUNDS_FIELDS),
    pkg_path: Str::new("runtime"),
};

// ---- runtime.errorString -------------------------------------------------

static ERROR_STRING_METHODS: Static<[Method; 2]> = Static(methods(&ERROR_STRING_FN));
static ERROR_STRING_UNCOMMON: Static<Uncommon> =
    Static(Uncommon { pkg_path: Str::new("runtime"), methods: List::new(&ERROR_STRING_METHODS.0) });
/// `runtime.errorString` (`type errorString string`; `Error` adds the
/// "runtime error: " prefix).
pub static ERROR_STRING_TYPE: Type = named("runtime.errorString", Kind::String, 16, 8, &ERROR_STRING_UNCOMMON.0);

/// A static `errorString` value: the data word of the interface.
struct StaticText(GoString);
// SAFETY: immutable, pointing at a static string.
unsafe impl Sync for StaticText {}

const fn text(s: &'static str) -> StaticText {
    StaticText(GoString { ptr: s.as_ptr(), len: s.len() })
}

// ---- runtime.plainError -------------------------------------------------

extern "C" {
    // Returns the string its receiver points at (`rt-arch/asm/runtime/<arch>.S`).
    fn rgo_error_text_method();
}
static PLAIN_ERROR_FN: unsafe extern "C" fn() = rgo_error_text_method;
static PLAIN_ERROR_METHODS: Static<[Method; 2]> = Static(methods(&PLAIN_ERROR_FN));
static PLAIN_ERROR_UNCOMMON: Static<Uncommon> =
    Static(Uncommon { pkg_path: Str::new("runtime"), methods: List::new(&PLAIN_ERROR_METHODS.0) });
/// `runtime.plainError` (`type plainError string`): a runtime error whose
/// text has no "runtime error: " prefix.
pub static PLAIN_ERROR_TYPE: Type = named("runtime.plainError", Kind::String, 16, 8, &PLAIN_ERROR_UNCOMMON.0);

static DIVIDE_ERROR: StaticText = text("integer divide by zero");
static SHIFT_ERROR: StaticText = text("negative shift amount");
static MEMORY_ERROR: StaticText = text("invalid memory address or nil pointer dereference");

// ---- *runtime.TypeAssertionError -----------------------------------------

/// Go's `runtime.TypeAssertionError`: asserting `asserted` on a value of
/// static type `interface` (null: an interface-to-interface assertion)
/// holding `concrete` (null: nil) failed; `missing_method` names what
/// `concrete` lacks when `asserted` is an interface.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct TypeAssertionError {
    pub interface: *const Type,
    pub concrete: *const Type,
    pub asserted: *const Type,
    pub missing_method: GoString,
}

// What the collector needs of a [`TypeAssertionError`]: the descriptors
// are static or immortal; the missing method's name may be on the heap.
crate::one_pointer_struct!(static TYPE_ASSERTION_ERROR_HEAP: TypeAssertionError = "runtime.TypeAssertionError", pointer at core::mem::offset_of!(TypeAssertionError, missing_method));

/// `runtime._type`: what the descriptor pointers in a
/// `TypeAssertionError` point at, opaque here (its fields are reflect's
/// `Type`).
static RTYPE: StructType = StructType {
    typ: named("runtime._type", Kind::Struct, core::mem::size_of::<Type>(), 0, ptr::null()),
    fields: List::new(&[]),
    pkg_path: Str::new("runtime"),
};
static RTYPE_PTR: PointerType = PointerType {
    typ: Type {
        size: 8,
        ptrdata: 8,
        hash: type_hash("*runtime._type"),
        tflag: TFlag::empty(),
        align: 8,
        field_align: 8,
        kind: Kind::Pointer,
        string: Str::new("*runtime._type"),
        uncommon: ptr::null(),
    },
    elem: &RTYPE.typ,
};
static TYPE_ASSERTION_FIELDS: [StructField; 4] = [
    field("_interface", &RTYPE_PTR.typ, 0),
    field("concrete", &RTYPE_PTR.typ, 8),
    field("asserted", &RTYPE_PTR.typ, 16),
    field("missingMethod", &STRING, 24),
];
static TYPE_ASSERTION_STRUCT: StructType = StructType {
    typ: named("runtime.TypeAssertionError", Kind::Struct, 40, 32, ptr::null()),
    fields: List::new(&TYPE_ASSERTION_FIELDS),
    pkg_path: Str::new("runtime"),
};
static TYPE_ASSERTION_METHODS: Static<[Method; 2]> = Static(methods(&TYPE_ASSERTION_FN));
static TYPE_ASSERTION_UNCOMMON: Static<Uncommon> =
    Static(Uncommon { pkg_path: Str::new("runtime"), methods: List::new(&TYPE_ASSERTION_METHODS.0) });
/// `*runtime.TypeAssertionError` (the methods have pointer receivers, so
/// the pointer type carries them; the interface holds the pointer).
pub static TYPE_ASSERTION_ERROR_TYPE: PointerType = PointerType {
    typ: Type {
        size: 8,
        ptrdata: 8,
        hash: type_hash("*runtime.TypeAssertionError"),
        tflag: TFlag::UNCOMMON,
        align: 8,
        field_align: 8,
        kind: Kind::Pointer,
        string: Str::new("*runtime.TypeAssertionError"),
        uncommon: &TYPE_ASSERTION_UNCOMMON.0,
    },
    elem: &TYPE_ASSERTION_STRUCT.typ,
};

/// `(*TypeAssertionError).Error()`.
///
/// # Safety
/// The descriptor pointers must be null or descriptors (`asserted` not
/// null) and `missing_method` a valid Go string.
pub unsafe fn write_type_assertion<S: Sink + ?Sized>(o: &mut S, e: &TypeAssertionError) {
    // SAFETY: the caller passes descriptors.
    let (inter, concrete, asserted) = unsafe { (e.interface.as_ref(), e.concrete.as_ref(), &*e.asserted) };
    let inter = inter.map_or("interface", |i| i.string());
    o.put(b"interface conversion: ");
    let Some(c) = concrete else {
        o.put(inter.as_bytes());
        o.put(b" is nil, not ");
        o.put(asserted.string().as_bytes());
        return;
    };
    if e.missing_method.len == 0 {
        o.put(inter.as_bytes());
        o.put(b" is ");
        o.put(c.string().as_bytes());
        o.put(b", not ");
        o.put(asserted.string().as_bytes());
        if c.string() == asserted.string() {
            // Go tells packages apart by path; rgo compiles one package.
            o.put(b" (types from different scopes)");
        }
        return;
    }
    o.put(c.string().as_bytes());
    o.put(b" is not ");
    o.put(asserted.string().as_bytes());
    o.put(b": missing method ");
    // SAFETY: the caller passes a valid string.
    o.put(unsafe { e.missing_method.as_bytes() });
}

/// The `TypeAssertionError` of `x.(W)` where `x` (static type `iface`)
/// holds `have` (null: nil): for an interface `W` Go's runtime reports
/// what it found while building the itab (`interface is nil` with no
/// static type, or the missing method); for a concrete `W`, the static
/// type.
///
/// # Safety
/// Each pointer must be null or a type descriptor (`want` not null).
pub unsafe fn type_assertion(have: *const Type, want: *const Type, iface: *const Type) -> TypeAssertionError {
    // SAFETY: the caller passes descriptors.
    let (have_t, want_t) = unsafe { (have.as_ref(), &*want) };
    let mut e =
        TypeAssertionError { interface: iface, concrete: have, asserted: want, missing_method: GoString::EMPTY };
    if let Some(inter) = want_t.as_interface() {
        e.interface = ptr::null();
        if let Some(h) = have_t {
            let mut fun = alloc::vec![ptr::null(); inter.methods.as_slice().len()];
            if let Err(missing) = crate::iface::resolve_methods(inter, h, &mut fun) {
                e.missing_method = GoString { ptr: missing.as_ptr(), len: missing.len() };
            }
        }
    }
    e
}

/// The `TypeAssertionError` of a failed conversion to interface `inter`:
/// `typ` (null: nil) lacks method `missing`.
pub fn conversion_error(inter: &'static InterfaceType, typ: *const Type, missing: &'static str) -> TypeAssertionError {
    TypeAssertionError {
        interface: ptr::null(),
        concrete: typ,
        asserted: &inter.typ,
        missing_method: GoString { ptr: missing.as_ptr(), len: missing.len() },
    }
}

// ---- the Error methods ---------------------------------------------------

/// Counts the bytes written to it.
struct Count(usize);

impl Sink for Count {
    fn put(&mut self, b: &[u8]) {
        self.0 += b.len();
    }
}

/// Writes into `len` bytes at `p`, dropping what does not fit.
struct Fill {
    p: *mut u8,
    len: usize,
    at: usize,
}

impl Sink for Fill {
    fn put(&mut self, b: &[u8]) {
        let n = b.len().min(self.len - self.at);
        // SAFETY: `at + n <= len`, inside the buffer `p` points at.
        unsafe { ptr::copy_nonoverlapping(b.as_ptr(), self.p.add(self.at), n) };
        self.at += n;
    }
}

/// A new Go string holding what `write` writes (it is run twice: once to
/// measure, once to fill), without the runtime's own allocator.
pub fn go_string_with(write: impl Fn(&mut dyn Sink)) -> GoString {
    let mut count = Count(0);
    write(&mut count);
    let mut fill = Fill { p: go_alloc_noscan(count.0), len: count.0, at: 0 };
    write(&mut fill);
    GoString { ptr: fill.p, len: fill.at }
}

fn bounds_text(e: &BoundsError) -> GoString {
    go_string_with(|o| {
        o.put(b"runtime error: ");
        write_bounds(o, e);
    })
}

/// # Safety
/// `s` must be a valid Go string.
unsafe fn error_string_text(s: &GoString) -> GoString {
    // SAFETY: as the caller promises.
    let b = unsafe { s.as_bytes() };
    go_string_with(|o| {
        o.put(b"runtime error: ");
        o.put(b);
    })
}

/// # Safety
/// As for [`write_type_assertion`].
unsafe fn type_assertion_text(e: &TypeAssertionError) -> GoString {
    // SAFETY: as the caller promises.
    go_string_with(|o| unsafe { write_type_assertion(o, e) })
}

/// `boundsError.Error`, called by its shim with the receiver word (a
/// pointer to the value).
///
/// # Safety
/// `recv` must point at a `BoundsError`.
#[no_mangle]
pub unsafe extern "C" fn rgo_bounds_error_text(recv: *const BoundsError) -> GoString {
    // SAFETY: as the caller promises.
    bounds_text(unsafe { &*recv })
}

/// `errorString.Error`, called by its shim with the receiver word (a
/// pointer to the string header).
///
/// # Safety
/// `recv` must point at a valid Go string.
#[no_mangle]
pub unsafe extern "C" fn rgo_error_string_text(recv: *const GoString) -> GoString {
    // SAFETY: as the caller promises.
    unsafe { error_string_text(&*recv) }
}

/// `(*TypeAssertionError).Error`, called by its shim with the receiver.
///
/// # Safety
/// `recv` must point at a valid `TypeAssertionError`.
#[no_mangle]
pub unsafe extern "C" fn rgo_type_assertion_error_text(recv: *const TypeAssertionError) -> GoString {
    // SAFETY: as the caller promises.
    unsafe { type_assertion_text(&*recv) }
}

/// The `Error()` text of a value of one of the runtime's error types
/// (what its method would return, without a trip through Go code); `None`
/// for other types.
///
/// # Safety
/// `data` must be the interface data word of a value of type `t`.
pub unsafe fn error_text(t: TypeRef, data: *const u8) -> Option<GoString> {
    // SAFETY: each arm reads the data word of a value of the type it checked.
    unsafe {
        if ptr::eq(t, &BOUNDS_ERROR_TYPE.typ) {
            Some(bounds_text(&*(data as *const BoundsError)))
        } else if ptr::eq(t, &ERROR_STRING_TYPE) {
            Some(error_string_text(&*(data as *const GoString)))
        } else if ptr::eq(t, &PLAIN_ERROR_TYPE) {
            Some(*(data as *const GoString))
        } else if ptr::eq(t, &TYPE_ASSERTION_ERROR_TYPE.typ) {
            Some(type_assertion_text(&*(data as *const TypeAssertionError)))
        } else {
            None
        }
    }
}

// ---- panicking with them -------------------------------------------------

/// Panics with a `boundsError`.
///
/// # Safety
/// As for [`gopanic`]: on the system stack of the running goroutine.
pub unsafe fn panic_bounds(e: BoundsError) -> ! {
    let p = go_alloc_noscan(core::mem::size_of::<BoundsError>()) as *mut BoundsError;
    // SAFETY: a fresh allocation of the right size (8-aligned); the caller
    // vouches for the rest.
    unsafe {
        p.write(e);
        gopanic(Eface { typ: &BOUNDS_ERROR_TYPE.typ, data: p as *const u8 })
    }
}

/// Panics with `errorString(msg)`.
///
/// # Safety
/// As for [`gopanic`].
pub unsafe fn panic_error_string(msg: &'static str) -> ! {
    let p = go_alloc(core::mem::size_of::<GoString>(), &STRING) as *mut GoString;
    // SAFETY: a fresh allocation of a string header; as the caller promises.
    unsafe {
        p.write(GoString { ptr: msg.as_ptr(), len: msg.len() });
        gopanic(Eface { typ: &ERROR_STRING_TYPE, data: p as *const u8 })
    }
}

/// Panics with `errorString` of the text `write` produces (copied to the
/// Go heap).
///
/// # Safety
/// As for [`gopanic`].
pub unsafe fn panic_error_text(write: impl Fn(&mut dyn Sink)) -> ! {
    let s = go_string_with(write);
    let p = go_alloc(core::mem::size_of::<GoString>(), &STRING) as *mut GoString;
    // SAFETY: a fresh allocation of a string header; as the caller promises.
    unsafe {
        p.write(s);
        gopanic(Eface { typ: &ERROR_STRING_TYPE, data: p as *const u8 })
    }
}

/// Panics with `plainError(msg)`: a runtime error printed without the
/// `runtime error: ` prefix (`assignment to entry in nil map`).
///
/// # Safety
/// As for [`gopanic`].
pub unsafe fn panic_plain(msg: &'static str) -> ! {
    let p = go_alloc(core::mem::size_of::<GoString>(), &STRING) as *mut GoString;
    // SAFETY: a fresh allocation of a string header; as the caller promises.
    unsafe {
        p.write(GoString { ptr: msg.as_ptr(), len: msg.len() });
        gopanic(Eface { typ: &PLAIN_ERROR_TYPE, data: p as *const u8 })
    }
}

/// Panics with `plainError` of the text `write` produces (copied to the
/// Go heap): printed as is, without the `runtime error: ` prefix.
///
/// # Safety
/// As for [`gopanic`].
pub unsafe fn panic_plain_text(write: impl Fn(&mut dyn Sink)) -> ! {
    let s = go_string_with(write);
    let p = go_alloc(core::mem::size_of::<GoString>(), &STRING) as *mut GoString;
    // SAFETY: a fresh allocation of a string header; as the caller promises.
    unsafe {
        p.write(s);
        gopanic(Eface { typ: &PLAIN_ERROR_TYPE, data: p as *const u8 })
    }
}

/// Panics with one of the static `errorString`s.
///
/// # Safety
/// As for [`gopanic`].
unsafe fn panic_static(e: &'static StaticText) -> ! {
    // SAFETY: a static string header; as the caller promises.
    unsafe { gopanic(Eface { typ: &ERROR_STRING_TYPE, data: &e.0 as *const GoString as *const u8 }) }
}

/// Package runtime's `errorAddressString` (gc's name: a message and the
/// faulting address, with `Addr() uintptr`), whose descriptor its
/// initializer registers ([`rgo_register_fault_error`]): the value of a
/// panic on a fault at a non-nil address.
#[repr(C)]
struct ErrorAddressString {
    msg: GoString,
    addr: usize,
}

static FAULT_ERROR_TYPE: core::sync::atomic::AtomicPtr<Type> = core::sync::atomic::AtomicPtr::new(ptr::null_mut());
/// [`panic_with_address`], stored by the registration: a program that
/// never registers the type (one without package runtime: rt-core's asm
/// programs) does not link the allocation it makes.
static FAULT_PANIC: core::sync::atomic::AtomicUsize = core::sync::atomic::AtomicUsize::new(0);

/// Package runtime's initializer gives `errorAddressString{}` as an empty
/// interface: its type word is the descriptor.
#[no_mangle]
pub extern "C" fn rgo_register_fault_error(typ: *const Type, _data: *const u8) {
    FAULT_ERROR_TYPE.store(typ as *mut Type, core::sync::atomic::Ordering::Relaxed);
    FAULT_PANIC.store(panic_with_address as unsafe fn(usize) -> ! as usize, core::sync::atomic::Ordering::Release);
}

/// Panics with gc's `errorAddressString` for a fault at `addr`
/// (`debug.SetPanicOnFault`): "invalid memory address or nil pointer
/// dereference", and the address from its `Addr` method; with the plain
/// memory error when package runtime registered no such type.
///
/// # Safety
/// As for [`gopanic`].
pub unsafe fn panic_fault_address(addr: usize) -> ! {
    let f = FAULT_PANIC.load(core::sync::atomic::Ordering::Acquire);
    // SAFETY: as the caller promises; a non-zero word was stored from an
    // `unsafe fn(usize) -> !` by `rgo_register_fault_error`.
    unsafe {
        if f == 0 {
            panic_memory()
        }
        core::mem::transmute::<usize, unsafe fn(usize) -> !>(f)(addr)
    }
}

/// [`panic_fault_address`] once the type is registered.
///
/// # Safety
/// As for [`gopanic`].
unsafe fn panic_with_address(addr: usize) -> ! {
    let typ = FAULT_ERROR_TYPE.load(core::sync::atomic::Ordering::Relaxed);
    let p = go_alloc(core::mem::size_of::<ErrorAddressString>(), typ) as *mut ErrorAddressString;
    // SAFETY: a fresh allocation typed by the registered descriptor, whose
    // layout package runtime declares as this struct's; as the caller promises.
    unsafe {
        p.write(ErrorAddressString { msg: MEMORY_ERROR.0, addr });
        gopanic(Eface { typ, data: p as *const u8 })
    }
}

/// Panics with a `*TypeAssertionError`.
///
/// # Safety
/// As for [`gopanic`].
pub unsafe fn panic_type_assertion(e: TypeAssertionError) -> ! {
    let p = go_alloc(core::mem::size_of::<TypeAssertionError>(), &TYPE_ASSERTION_ERROR_HEAP.typ) as *mut TypeAssertionError;
    // SAFETY: a fresh allocation of the right size; as the caller promises.
    unsafe {
        p.write(e);
        gopanic(Eface { typ: &TYPE_ASSERTION_ERROR_TYPE.typ, data: p as *const u8 })
    }
}

/// The nil-dereference error of a fault (Go's `memoryError`).
///
/// # Safety
/// As for [`gopanic`].
pub unsafe fn panic_memory() -> ! {
    // SAFETY: as the caller promises.
    unsafe { panic_static(&MEMORY_ERROR) }
}

// ---- the entry points of compiled code's checks --------------------------

/// `s[index]` with `len(s) == len` failed.
///
/// # Safety
/// Called on the system stack by compiled code of the running goroutine.
#[no_mangle]
pub unsafe extern "C" fn rgo_panic_index(index: i64, len: i64) -> ! {
    // SAFETY: as the caller promises.
    unsafe { panic_bounds(BoundsError { x: index, y: len, signed: true, code: BOUNDS_INDEX }) }
}

/// A slice expression's bounds check `code` (the toolchain's `SliceFail`)
/// failed with operands `x` and `y`.
///
/// # Safety
/// As for [`rgo_panic_index`].
#[no_mangle]
pub unsafe extern "C" fn rgo_panic_slice(code: u64, x: i64, y: i64) -> ! {
    match slice_code(code) {
        // SAFETY: as the caller promises.
        Some(code) => unsafe { panic_bounds(BoundsError { x, y, signed: true, code }) },
        // SAFETY: as the caller promises.
        None => unsafe {
            panic_error_text(|o| {
                o.put(b"slice bounds out of range (unknown check ");
                fmt_uint(o, code);
                o.put(b")");
            })
        },
    }
}

/// `(*[n]T)(s)` with `len(s) == len < n` failed: "cannot convert slice
/// with length len to pointer to array with length n".
///
/// # Safety
/// As for [`rgo_panic_index`].
#[no_mangle]
pub unsafe extern "C" fn rgo_panic_sliceconvert(len: i64, n: i64) -> ! {
    // SAFETY: as the caller promises.
    unsafe { panic_bounds(BoundsError { x: n, y: len, signed: true, code: BOUNDS_CONVERT }) }
}

/// # Safety
/// As for [`rgo_panic_index`].
#[no_mangle]
pub unsafe extern "C" fn rgo_panic_divide() -> ! {
    // SAFETY: as the caller promises.
    unsafe { panic_static(&DIVIDE_ERROR) }
}

/// # Safety
/// As for [`rgo_panic_index`].
#[no_mangle]
pub unsafe extern "C" fn rgo_panic_shift() -> ! {
    // SAFETY: as the caller promises.
    unsafe { panic_static(&SHIFT_ERROR) }
}

/// A nil pointer dereference found by an explicit check in compiled code.
/// Go reaches this through a signal and adds a `[signal SIGSEGV ...]` line
/// with the faulting address and pc; there was no signal here, so there is
/// no such line.
///
/// # Safety
/// As for [`rgo_panic_index`].
#[no_mangle]
pub unsafe extern "C" fn rgo_panic_nil() -> ! {
    // SAFETY: as the caller promises.
    unsafe { panic_memory() }
}

/// The method wrapper `(*T).M` of a value method `T.M` got a nil
/// receiver: panics with `plainError(msg)`, where `msg` is Go's "value
/// method P.T.M called using nil *T pointer", spelled by the compiler.
///
/// # Safety
/// `ptr` must point at `len` bytes of static text; as for
/// [`rgo_panic_index`].
#[no_mangle]
pub unsafe extern "C" fn rgo_panicwrap(ptr: *const u8, len: usize) -> ! {
    let p = go_alloc(core::mem::size_of::<GoString>(), &STRING) as *mut GoString;
    // SAFETY: a fresh allocation of a string header; as the caller promises.
    unsafe {
        p.write(GoString { ptr, len });
        gopanic(Eface { typ: &PLAIN_ERROR_TYPE, data: p as *const u8 })
    }
}

/// `x.(W)` failed: `x` (static type `iface`) holds `have` (null: nil).
///
/// # Safety
/// Each pointer must be null or a type descriptor (`want` not null); as
/// for [`rgo_panic_index`].
#[no_mangle]
pub unsafe extern "C" fn rgo_panic_typeassert(have: *const Type, want: *const Type, iface: *const Type) -> ! {
    // SAFETY: as the caller promises.
    unsafe { panic_type_assertion(type_assertion(have, want, iface)) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;
    use alloc::vec::Vec;
    use reflect::types;

    use crate::testutil::show;

    fn bounds(code: u8, x: i64, y: i64) -> String {
        show(|o| write_bounds(o, &BoundsError { x, y, signed: true, code }))
    }

    fn slice(rgo_code: u64, x: i64, y: i64) -> String {
        bounds(slice_code(rgo_code).unwrap(), x, y)
    }

    #[test]
    fn bounds_messages_match_go() {
        assert_eq!(bounds(BOUNDS_INDEX, 5, 3), "index out of range [5] with length 3");
        assert_eq!(bounds(BOUNDS_INDEX, -1, 3), "index out of range [-1]");
        assert_eq!(slice(0, 5, 3), "slice bounds out of range [:5] with capacity 3");
        assert_eq!(slice(1, 5, 3), "slice bounds out of range [:5] with length 3");
        assert_eq!(slice(1, -2, 3), "slice bounds out of range [:-2]");
        assert_eq!(slice(2, 3, 2), "slice bounds out of range [3:2]");
        assert_eq!(slice(2, -1, 2), "slice bounds out of range [-1:]");
        assert_eq!(slice(3, 9, 4), "slice bounds out of range [::9] with capacity 4");
        assert_eq!(slice(4, 3, 2), "slice bounds out of range [:3:2]");
        assert_eq!(slice(4, -3, 2), "slice bounds out of range [:-3:]");
        assert_eq!(slice(5, 3, 2), "slice bounds out of range [3:2:]");
        assert_eq!(slice(5, -3, 2), "slice bounds out of range [-3::]");
        assert_eq!(slice_code(6), None);
        // Unsigned operands print as unsigned.
        let e = BoundsError { x: -1, y: 3, signed: false, code: BOUNDS_INDEX };
        assert_eq!(show(|o| write_bounds(o, &e)), "index out of range [18446744073709551615] with length 3");
        assert_eq!(
            bounds(BOUNDS_CONVERT, 4, 3),
            "cannot convert slice with length 3 to pointer to array with length 4"
        );
    }

    #[test]
    fn runtime_error_texts_have_go_prefixes() {
        let e = BoundsError { x: 5, y: 3, signed: true, code: BOUNDS_INDEX };
        // SAFETY: each data word points at a value of the type.
        unsafe {
            let s = error_text(&BOUNDS_ERROR_TYPE.typ, &e as *const BoundsError as *const u8).unwrap();
            assert_eq!(s.as_bytes(), b"runtime error: index out of range [5] with length 3");
            let s = error_text(&ERROR_STRING_TYPE, &DIVIDE_ERROR.0 as *const GoString as *const u8).unwrap();
            assert_eq!(s.as_bytes(), b"runtime error: integer divide by zero");
            assert!(error_text(&types::INT, ptr::null()).is_none());
            // panicwrap's plainError has no prefix.
            let msg = GoString { ptr: b"value method main.T.M called using nil *T pointer".as_ptr(), len: 49 };
            let s = error_text(&PLAIN_ERROR_TYPE, &msg as *const GoString as *const u8).unwrap();
            assert_eq!(s.as_bytes(), b"value method main.T.M called using nil *T pointer");
            assert_eq!(PLAIN_ERROR_TYPE.string(), "runtime.plainError");
            assert_eq!(PLAIN_ERROR_TYPE.methods().len(), 2);
            // The shims' Rust halves give the same.
            let s = rgo_bounds_error_text(&e);
            assert_eq!(s.as_bytes(), b"runtime error: index out of range [5] with length 3");
        }
    }

    #[test]
    fn descriptors_look_like_go_types() {
        let b = &BOUNDS_ERROR_TYPE.typ;
        assert_eq!(b.string(), "runtime.boundsError");
        assert_eq!(b.size, core::mem::size_of::<BoundsError>());
        let names: Vec<_> = b.methods().iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["Error", "RuntimeError"]);
        assert!(crate::gocall::is_string_method(b.methods()[0].mtyp));
        let fields = b.as_struct().unwrap().fields.as_slice();
        assert_eq!(fields[3].offset, core::mem::offset_of!(BoundsError, code));
        assert_eq!(ERROR_STRING_TYPE.string(), "runtime.errorString");
        assert_eq!(ERROR_STRING_TYPE.methods().len(), 2);
        let t = &TYPE_ASSERTION_ERROR_TYPE.typ;
        assert_eq!(t.string(), "*runtime.TypeAssertionError");
        assert!(t.is_pointer_shaped());
        assert_eq!(t.elem().unwrap().size, core::mem::size_of::<TypeAssertionError>());
        assert_eq!(t.methods()[0].name.as_str(), "Error");
        // The func values hold the shims' code addresses.
        // SAFETY: each ifn points at a static holding a function pointer.
        let code = unsafe { *(b.methods()[0].ifn as *const usize) };
        assert_eq!(code, rgo_bounds_error_error as *const () as usize);
    }

    #[test]
    fn type_assertion_messages_match_go() {
        let any = &types::EMPTY_INTERFACE.typ as *const Type;
        let ta = |h: *const Type, w: *const Type, i: *const Type| {
            // SAFETY: every pointer passed below is null or a descriptor.
            show(|o| unsafe { write_type_assertion(o, &type_assertion(h, w, i)) })
        };
        assert_eq!(ta(&types::STRING, &types::INT, any), "interface conversion: interface {} is string, not int");
        assert_eq!(ta(ptr::null(), &types::INT, any), "interface conversion: interface {} is nil, not int");
        let t1 = types::named("main.T", &types::INT, Vec::new());
        let t2 = types::named("main.T", &types::INT, Vec::new());
        assert_eq!(
            ta(t1, t2, any),
            "interface conversion: interface {} is main.T, not main.T (types from different scopes)"
        );
        // An interface target: the missing method, or "interface is nil".
        let m = types::func_of(&[], &[], false);
        let n = types::func_of(&[&types::INT], &[], false);
        let i = crate::iface::test_interface("main.I", Vec::from([("M", m)]));
        let j = crate::iface::test_interface("main.J", Vec::from([("M", m), ("N", n)]));
        static CODE: usize = 0x1234;
        let spec = reflect::types::MethodSpec {
            name: "M".into(),
            mtyp: m,
            ifn: &CODE as *const usize as *const (),
            tfn: ptr::null(),
        };
        let t = types::named("main.T", &types::INT, Vec::from([spec]));
        assert_eq!(ta(t, &j.typ, &i.typ), "interface conversion: main.T is not main.J: missing method N");
        assert_eq!(ta(ptr::null(), &i.typ, any), "interface conversion: interface is nil, not main.I");
        let e = conversion_error(j, t, "N");
        assert_eq!(
            // SAFETY: descriptors and a static string.
            show(|o| unsafe { write_type_assertion(o, &e) }),
            "interface conversion: main.T is not main.J: missing method N"
        );
    }
}
