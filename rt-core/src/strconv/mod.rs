//! Package strconv, as far as rgo provides it: `FormatInt` (and `Itoa`),
//! `ParseInt` (and `Atoi`) with Go's `*strconv.NumError` values,
//! `FormatFloat` and `Quote` (Go 1.19's `strconv/itoa.go`, `atoi.go`,
//! `ftoa.go`, `quote.go`).
//!
//! Float formatting and quoting are [`crate::fmt`]'s (the same code prints
//! `%e`, `%q`, ...). Strings arrive by address (a pointer to a Go string header).
//!
//! `*strconv.NumError` is laid out as Go's (`Func`, `Num`, `Err`), so `%#v`
//! and `errors.As` see Go's struct; its `Error` method is an assembly shim
//! that calls [`rgo_num_error_text`] on the system stack, its `Unwrap` an
//! assembly leaf that loads `Err`. Its descriptor is built on first use from
//! the program's `error` descriptor (method signatures mention `error`), as
//! `*fmt.wrapError`'s is. `Err` is `strconv.ErrSyntax` or `ErrRange` (one
//! value each, so `errors.Is` can compare them) or a new `errors.New` value
//! for a bad base or bit size.

use crate::errors::{error_method, leak, new_error, pointer_type, ERROR_STRING_PTR};
use crate::fmt::{append_float, append_quote, go_string};
use crate::libvalues::panic_string;
use crate::iface::rgo_getitab;
use crate::rterror::{field, func_type, named};
use crate::GoString;
use alloc::vec::Vec;
use core::ptr;
use reflect::types::{
    FuncType, InterfaceType, Kind, List, Method, NonEmptyInterface, Str, StructField, StructType, Type, TypeRef,
    Uncommon, STRING,
};

// ---- FormatInt -------------------------------------------------------------

const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

/// Appends `i` in `base` (2 to 36), as Go's `formatBits`.
pub fn append_int(dst: &mut Vec<u8>, i: i64, base: u32) {
    debug_assert!((2..=36).contains(&base));
    let mut buf = [0u8; 65];
    let mut at = buf.len();
    let mut u = i.unsigned_abs();
    let b = base as u64;
    loop {
        at -= 1;
        buf[at] = DIGITS[(u % b) as usize];
        u /= b;
        if u == 0 {
            break;
        }
    }
    if i < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    dst.extend_from_slice(&buf[at..]);
}

/// `strconv.FormatInt(i, base)`; panics as Go does on a base outside 2..36.
///
/// # Safety
/// Called on the system stack by compiled code (it may panic).
#[no_mangle]
pub unsafe extern "C" fn rgo_strconv_formatint(i: i64, base: i64) -> GoString {
    crate::collector::safepoint();
    if !(2..=36).contains(&base) {
        panic_string("strconv: illegal AppendInt/FormatInt base");
    }
    let mut v = Vec::new();
    append_int(&mut v, i, base as u32);
    go_string(&v)
}

// ---- ParseInt --------------------------------------------------------------

/// Why a parse failed: the `Err` of Go's `NumError`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumErr {
    /// `strconv.ErrSyntax`: "invalid syntax".
    Syntax,
    /// `strconv.ErrRange`: "value out of range".
    Range,
    /// "invalid base N".
    Base(i64),
    /// "invalid bit size N".
    BitSize(i64),
}

fn lower(c: u8) -> u8 {
    c | (b'x' - b'X')
}

/// Go's `underscoreOK`: underscores only between digits (a base prefix
/// counting as a digit), in a base-0 literal `s` (sign allowed).
fn underscore_ok(s: &[u8]) -> bool {
    // The class of the last character: '^' start, '0' digit or base
    // prefix, '_' underscore, '!' anything else.
    let mut saw = b'^';
    let mut s = s;
    if !s.is_empty() && (s[0] == b'-' || s[0] == b'+') {
        s = &s[1..];
    }
    let mut i = 0;
    let mut hex = false;
    if s.len() >= 2 && s[0] == b'0' && matches!(lower(s[1]), b'b' | b'o' | b'x') {
        i = 2;
        saw = b'0';
        hex = lower(s[1]) == b'x';
    }
    while i < s.len() {
        let c = s[i];
        i += 1;
        if c.is_ascii_digit() || hex && (b'a'..=b'f').contains(&lower(c)) {
            saw = b'0';
            continue;
        }
        if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
            continue;
        }
        if saw == b'_' {
            return false;
        }
        saw = b'!';
    }
    saw != b'_'
}

/// Go's `ParseUint(s, base, bits)` (the sign already taken off by the
/// caller): the value, or the error with the value Go returns beside it
/// (the bit size's maximum for a range error, else 0).
pub fn parse_uint(s: &[u8], base: i64, bits: i64) -> Result<u64, (u64, NumErr)> {
    if s.is_empty() {
        return Err((0, NumErr::Syntax));
    }
    let s0 = s;
    let base0 = base == 0;
    let mut s = s;
    let base: u64 = match base {
        2..=36 => base as u64,
        0 => {
            if s[0] == b'0' {
                match s.get(1).map(|&c| lower(c)) {
                    Some(b'b') if s.len() >= 3 => {
                        s = &s[2..];
                        2
                    }
                    Some(b'o') if s.len() >= 3 => {
                        s = &s[2..];
                        8
                    }
                    Some(b'x') if s.len() >= 3 => {
                        s = &s[2..];
                        16
                    }
                    _ => {
                        s = &s[1..];
                        8
                    }
                }
            } else {
                10
            }
        }
        _ => return Err((0, NumErr::Base(base))),
    };
    let bits = match bits {
        0 => 64,
        1..=64 => bits as u32,
        _ => return Err((0, NumErr::BitSize(bits))),
    };
    // The smallest n for which n*base overflows.
    let cutoff = u64::MAX / base + 1;
    let max_val = if bits == 64 { u64::MAX } else { (1u64 << bits) - 1 };
    let mut underscores = false;
    let mut n: u64 = 0;
    for &c in s {
        let d = match c {
            b'_' if base0 => {
                underscores = true;
                continue;
            }
            b'0'..=b'9' => c - b'0',
            _ if lower(c).is_ascii_lowercase() => lower(c) - b'a' + 10,
            _ => return Err((0, NumErr::Syntax)),
        };
        if d as u64 >= base {
            return Err((0, NumErr::Syntax));
        }
        if n >= cutoff {
            return Err((max_val, NumErr::Range));
        }
        n *= base;
        let n1 = n.wrapping_add(d as u64);
        if n1 < n || n1 > max_val {
            return Err((max_val, NumErr::Range));
        }
        n = n1;
    }
    if underscores && !underscore_ok(s0) {
        return Err((0, NumErr::Syntax));
    }
    Ok(n)
}

/// Go's `ParseInt(s, base, bits)` (and `Atoi`, which is `ParseInt(s, 10,
/// 0)` with another name in its errors): the value, or the error with the
/// value Go returns beside it (clamped to the bit size for range errors).
pub fn parse_int(s: &[u8], base: i64, bits: i64) -> Result<i64, (i64, NumErr)> {
    if s.is_empty() {
        return Err((0, NumErr::Syntax));
    }
    let (neg, digits) = match s[0] {
        b'+' => (false, &s[1..]),
        b'-' => (true, &s[1..]),
        _ => (false, s),
    };
    // A range error leaves the bit size's maximum, clamped below.
    let un = match parse_uint(digits, base, bits) {
        Ok(u) | Err((u, NumErr::Range)) => u,
        Err((_, e)) => return Err((0, e)),
    };
    let bits = if bits == 0 { 64 } else { bits as u32 };
    let cutoff = 1u64 << (bits - 1);
    if !neg && un >= cutoff {
        return Err(((cutoff - 1) as i64, NumErr::Range));
    }
    if neg && un > cutoff {
        return Err(((cutoff as i64).wrapping_neg(), NumErr::Range));
    }
    // (With bit size 1, "-2" gets here as -1 with no error, as in Go.)
    let n = un as i64;
    Ok(if neg { n.wrapping_neg() } else { n })
}

// ---- *strconv.NumError -----------------------------------------------------

/// Go's `strconv.NumError`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct NumError {
    /// The failing function (`ParseInt`, `Atoi`, ...).
    pub func: GoString,
    /// The input.
    pub num: GoString,
    /// Why it failed.
    pub err: NonEmptyInterface,
}

extern "C" {
    // ABIInternal code (`rt-arch/asm/runtime/<arch>.S`); only their addresses are used.
    fn rgo_num_error_error();
    fn rgo_num_error_unwrap_method();
}

static NUM_ERROR_FN: unsafe extern "C" fn() = rgo_num_error_error;
static NUM_UNWRAP_FN: unsafe extern "C" fn() = rgo_num_error_unwrap_method;

/// The `*strconv.NumError` built for one `error` descriptor.
static NUM_ERROR: spin::Mutex<(usize, usize)> = spin::Mutex::new((0, 0));

/// `*strconv.NumError` with `error` described by `error_iface`.
fn num_error_type(error_iface: &'static InterfaceType) -> TypeRef {
    let key = error_iface as *const InterfaceType as usize;
    let mut cache = NUM_ERROR.lock();
    if cache.0 == key {
        // SAFETY: the cache holds a leaked descriptor.
        return unsafe { &*(cache.1 as *const Type) };
    }
    let error_t: TypeRef = &error_iface.typ;
    let outs: &'static [TypeRef; 1] = leak([error_t]);
    let unwrap_sig = leak(FuncType { ins: List::new(&[]), outs: List::new(outs), ..func_type("func() error", &[]) });
    let fields: &'static [StructField; 3] =
        leak([field("Func", &STRING, 0), field("Num", &STRING, 16), field("Err", error_t, 32)]);
    let elem = leak(StructType {
        typ: named("strconv.NumError", Kind::Struct, 48, 48, ptr::null()),
        fields: List::new(fields),
        // Every field is exported.
        pkg_path: Str::new(""),
    });
    let mut error = error_method();
    error.ifn = &NUM_ERROR_FN as *const unsafe extern "C" fn() as *const ();
    let methods: &'static [Method; 2] = leak([
        error,
        Method {
            name: Str::new("Unwrap"),
            mtyp: &unwrap_sig.typ,
            ifn: &NUM_UNWRAP_FN as *const unsafe extern "C" fn() as *const (),
            tfn: ptr::null(),
        },
    ]);
    let uncommon = leak(Uncommon { pkg_path: Str::new("strconv"), methods: List::new(methods) });
    let t = &leak(pointer_type("*strconv.NumError", &elem.typ, uncommon)).typ;
    *cache = (key, t as *const Type as usize);
    t
}

/// Whether `t` is a `*strconv.NumError` built here.
pub fn is_num_error(t: TypeRef) -> bool {
    let n = NUM_ERROR.lock().1;
    n != 0 && ptr::eq(t, n as *const Type)
}

/// A static `*errors.errorString` value: the struct its pointer points at.
struct ErrorString(GoString);
// SAFETY: immutable, pointing at a static string.
unsafe impl Sync for ErrorString {}

/// `strconv.ErrSyntax` and `strconv.ErrRange`.
static ERR_SYNTAX: ErrorString = ErrorString(GoString { ptr: "invalid syntax".as_ptr(), len: 14 });
static ERR_RANGE: ErrorString = ErrorString(GoString { ptr: "value out of range".as_ptr(), len: 18 });

/// The `Err` of a `NumError` for `e`, as an `inter` (`error`).
///
/// # Safety
/// `inter` must be the descriptor of `error`; on the system stack.
unsafe fn num_err_value(inter: &'static InterfaceType, e: NumErr) -> NonEmptyInterface {
    let fixed = |s: &'static ErrorString| NonEmptyInterface {
        // SAFETY: `*errors.errorString` implements `error`.
        itab: unsafe { rgo_getitab(inter, &ERROR_STRING_PTR.typ, 0) },
        data: &s.0 as *const GoString as *mut u8,
    };
    let with_int = |what: &[u8], n: i64| {
        let mut v = Vec::from(what);
        append_int(&mut v, n, 10);
        // SAFETY: as the caller promises.
        unsafe { new_error(inter, go_string(&v)) }
    };
    match e {
        NumErr::Syntax => fixed(&ERR_SYNTAX),
        NumErr::Range => fixed(&ERR_RANGE),
        NumErr::Base(b) => with_int(b"invalid base ", b),
        NumErr::BitSize(b) => with_int(b"invalid bit size ", b),
    }
}

/// `&strconv.NumError{func, num, err}` as an `inter` (`error`).
///
/// # Safety
/// `inter` must be the descriptor of `error` and `func`, `num` Go strings;
/// on the system stack.
pub unsafe fn new_num_error(
    inter: &'static InterfaceType,
    func: GoString,
    num: GoString,
    e: NumErr,
) -> NonEmptyInterface {
    let t = num_error_type(inter);
    let p = crate::heap::go_alloc(core::mem::size_of::<NumError>(), crate::errors::pointee(t)) as *mut NumError;
    // SAFETY: fresh memory for the struct; as the caller promises.
    unsafe {
        p.write(NumError { func, num, err: num_err_value(inter, e) });
        NonEmptyInterface { itab: rgo_getitab(inter, t, 0), data: p as *mut u8 }
    }
}

/// The text of `(*NumError).Error`: `strconv.` Func `: parsing ` Quote(Num)
/// `: ` Err.Error().
///
/// # Safety
/// `e` must point at a valid `NumError`; on the system stack (the error's
/// own `Error` may be Go code).
pub unsafe fn num_error_text(e: *const NumError) -> GoString {
    // SAFETY: as the caller promises.
    unsafe {
        if e.is_null() {
            crate::rterror::panic_memory();
        }
        let e = &*e;
        let mut v = Vec::from(&b"strconv."[..]);
        v.extend_from_slice(e.func.as_bytes());
        v.extend_from_slice(b": parsing ");
        append_quote(&mut v, e.num.as_bytes(), false);
        v.extend_from_slice(b": ");
        let Some(t) = e.err.itab.as_ref().and_then(|i| i.typ.as_ref()) else { crate::rterror::panic_memory() };
        let text = match crate::errors::error_text(t, e.err.data) {
            Some(s) => s,
            None => match crate::panic::string_method(t, "Error") {
                Some(m) => crate::gocall::call_string_method(m, e.err.data as usize).unwrap_or(GoString::EMPTY),
                None => GoString::EMPTY,
            },
        };
        v.extend_from_slice(text.as_bytes());
        go_string(&v)
    }
}

/// `(*NumError).Error`, called by its shim with the receiver.
///
/// # Safety
/// `recv` must point at a valid `NumError`; on the system stack.
#[no_mangle]
pub unsafe extern "C" fn rgo_num_error_text(recv: *const NumError) -> GoString {
    // SAFETY: as the caller promises.
    unsafe { num_error_text(recv) }
}

/// `strconv.ParseInt` (`fn_name` "ParseInt") and `strconv.Atoi` ("Atoi",
/// base 10, bits 64): the value in `*out`, the error as the result.
///
/// # Safety
/// `error_iface` must be the descriptor of `error`, `s` and `fn_name` point
/// at Go strings, `out` be writable; called on the system stack by compiled
/// code.
#[no_mangle]
pub unsafe extern "C" fn rgo_strconv_parseint(
    error_iface: *const InterfaceType,
    s: *const GoString,
    base: i64,
    bits: i64,
    fn_name: *const GoString,
    out: *mut i64,
) -> NonEmptyInterface {
    crate::collector::safepoint();
    // SAFETY: as the caller promises.
    unsafe {
        match parse_int((*s).as_bytes(), base, bits) {
            Ok(v) => {
                out.write(v);
                NonEmptyInterface { itab: ptr::null(), data: ptr::null_mut() }
            }
            Err((v, e)) => {
                out.write(v);
                new_num_error(&*error_iface, *fn_name, *s, e)
            }
        }
    }
}

// ---- FormatFloat, Quote ----------------------------------------------------

/// `strconv.FormatFloat(f, fmt, prec, bitSize)`; panics as Go does on a bit
/// size other than 32 and 64.
///
/// # Safety
/// Called on the system stack by compiled code (it may panic).
#[no_mangle]
pub unsafe extern "C" fn rgo_strconv_formatfloat(f: f64, fmt: u8, prec: i64, bits: i64) -> GoString {
    crate::collector::safepoint();
    if bits != 32 && bits != 64 {
        panic_string("strconv: illegal AppendFloat/FormatFloat bitSize");
    }
    let mut v = Vec::with_capacity(24);
    append_float(&mut v, f, fmt, prec, bits as u32);
    go_string(&v)
}

/// `strconv.Quote(s)`.
///
/// # Safety
/// `s` must point at a Go string.
#[no_mangle]
pub unsafe extern "C" fn rgo_strconv_quote(s: *const GoString) -> GoString {
    crate::collector::safepoint();
    let mut v = Vec::new();
    // SAFETY: as the caller promises.
    append_quote(&mut v, unsafe { (*s).as_bytes() }, false);
    go_string(&v)
}

#[cfg(test)]
#[rustfmt::skip]
mod tables;
#[cfg(test)]
mod tests;
