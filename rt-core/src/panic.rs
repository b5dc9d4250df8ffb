//! How a goroutine dies of a panic: Go 1.19's report of unrecovered panics
//! (`runtime/panic.go`: `preprintpanics`, `printpanics`; `runtime/error.go`:
//! `printpanicval`), on top of [`crate::fatal`] (fatal errors and the
//! state machine of a dying program).
//!
//! The panics themselves (defer processing, recover) are in
//! [`crate::defer`]; the runtime's own error values in [`crate::rterror`].
//!
//! After the message Go prints a traceback of every goroutine. rgo has no
//! unwinder yet, so it prints the goroutine header and says so instead of
//! inventing frames.

use crate::g::Panic;
use crate::gocall::{call_string_method, is_string_method};
use crate::fatal::{dying_out, finish, write_signal_line, CONVERTING, EXIT_PANIC, PRINTING, STATE};
use crate::g::G;
use crate::os;
use crate::print::{fmt_bool, fmt_complex, fmt_float, fmt_hex, fmt_int, fmt_uint, Sink};
use crate::{Eface, GoString};
use core::sync::atomic::Ordering;
use reflect::types::{Kind, Type, TypeRef};

/// The end of `gopanic` with no deferred call left: Go's `preprintpanics`
/// (each panic value with an `Error` or else `String` method is replaced
/// by its text, calling Go code), then `printpanics` (oldest first, later
/// ones indented by a tab, `[recovered]` after recovered ones), the
/// `[signal ...]` line if a signal caused a panic, and exit status 2.
///
/// A panic that escapes one of those methods ends here too, while the
/// methods are being called: Go reports it as the fatal error "panic while
/// printing panic value".
///
/// # Safety
/// `g` must be the running goroutine with at least one panic, on the
/// system stack.
pub(crate) unsafe fn fatal_panics(g: *mut G) -> ! {
    // SAFETY: the running goroutine's panics are valid.
    let newest = unsafe { (*g).panic };
    match STATE.swap(CONVERTING, Ordering::SeqCst) {
        // SAFETY: as above.
        CONVERTING => nested(unsafe { (*newest).arg }),
        PRINTING => os::exit(EXIT_PANIC),
        _ => {}
    }
    let mut p = newest;
    while !p.is_null() {
        // SAFETY: as above; converting may run Go code, which cannot
        // change older panics.
        unsafe {
            if let Some(text) = convert((*p).arg) {
                (*p).text = text;
                (*p).converted = true;
            }
            p = (*p).link;
        }
    }
    STATE.store(PRINTING, Ordering::SeqCst);
    let mut o = dying_out();
    // SAFETY: as above.
    unsafe {
        write_panics(&mut o, newest);
        if (*g).sig != 0 {
            write_signal_line(&mut o, (*g).sig, (*g).sigcode0, (*g).sigcode1, (*g).sigpc);
        }
    }
    finish(o)
}

/// The text of `v`'s `Error` method, or else its `String` method, when its
/// type has one (`preprintpanics`).
///
/// # Safety
/// `v` must be a valid interface value; calling its methods must be sound.
unsafe fn convert(v: Eface) -> Option<GoString> {
    // SAFETY: the caller passes a descriptor or null.
    let t: TypeRef = unsafe { v.typ.as_ref()? };
    if let Some(s) = crate::rterror::error_text(t, v.data) {
        return Some(s);
    }
    let m = string_method(t, "Error").or_else(|| string_method(t, "String"))?;
    // SAFETY: the caller vouches for the value and its methods.
    unsafe { call_string_method(m, v.data as usize) }.ok()
}

/// A panic escaped an `Error`/`String` method called while printing
/// panics: Go's fatal error naming the new value (its text when it is a
/// plain string, otherwise its type).
fn nested(v: Eface) -> ! {
    STATE.store(PRINTING, Ordering::SeqCst);
    let mut o = dying_out();
    o.put(b"fatal error: panic while printing panic value: ");
    // SAFETY: a panic value: a descriptor or null, and its data word.
    unsafe {
        match v.typ.as_ref() {
            None => o.put(b"nil"),
            Some(t) if t.kind == Kind::String && is_predeclared(t) => {
                print_value(&mut o, t, v.data);
            }
            Some(t) => {
                o.put(b"type ");
                o.put(t.string().as_bytes());
            }
        }
    }
    o.put(b"\n");
    finish(o)
}

/// Go's `printpanics`: the chain from `newest` printed oldest first.
///
/// # Safety
/// `newest` must start a valid chain of panics (or be null).
pub unsafe fn write_panics<S: Sink + ?Sized>(o: &mut S, newest: *const Panic) {
    let mut n = 0;
    let mut p = newest;
    while !p.is_null() {
        n += 1;
        // SAFETY: the caller vouches for the chain.
        p = unsafe { (*p).link };
    }
    // Oldest first: the i-th is i links before the end (chains are short).
    for i in 0..n {
        let mut p = newest;
        for _ in 0..n - 1 - i {
            // SAFETY: as above.
            p = unsafe { (*p).link };
        }
        if i > 0 {
            o.put(b"\t");
        }
        o.put(b"panic: ");
        // SAFETY: as above.
        let p = unsafe { &*p };
        if p.converted {
            // SAFETY: a Go string returned by the value's method.
            o.put(unsafe { p.text.as_bytes() });
        } else {
            // SAFETY: a panic value.
            unsafe { write_panic_value(o, p.arg.typ, p.arg.data) };
        }
        if p.recovered {
            o.put(b" [recovered]");
        }
        o.put(b"\n");
    }
}

/// Whether `t` is the predeclared type of its kind (`int`, not a defined
/// `type T int`): Go prints those panic values plainly.
fn is_predeclared(t: &Type) -> bool {
    t.is_named() && t.string() == t.kind.name()
}

/// Reads a value of `N` bytes.
///
/// # Safety
/// `p` must be readable for `N` bytes.
unsafe fn read<const N: usize>(p: *const u8) -> [u8; N] {
    // SAFETY: the caller vouches for `p`.
    unsafe { (p as *const [u8; N]).read_unaligned() }
}

/// Prints a scalar or string value of kind `t.kind` stored at `p`, as
/// `print` would; false when the kind is not one `print` accepts.
///
/// # Safety
/// `p` must point at a value of type `t`.
unsafe fn print_value<S: Sink + ?Sized>(o: &mut S, t: &Type, p: *const u8) -> bool {
    // SAFETY (all reads): `p` points at a value of `t`'s size.
    unsafe {
        match t.kind {
            Kind::Bool => fmt_bool(o, read::<1>(p)[0] != 0),
            Kind::Int8 => fmt_int(o, i8::from_le_bytes(read(p)) as i64),
            Kind::Int16 => fmt_int(o, i16::from_le_bytes(read(p)) as i64),
            Kind::Int32 => fmt_int(o, i32::from_le_bytes(read(p)) as i64),
            Kind::Int | Kind::Int64 => fmt_int(o, i64::from_le_bytes(read(p))),
            Kind::Uint8 => fmt_uint(o, read::<1>(p)[0] as u64),
            Kind::Uint16 => fmt_uint(o, u16::from_le_bytes(read(p)) as u64),
            Kind::Uint32 => fmt_uint(o, u32::from_le_bytes(read(p)) as u64),
            Kind::Uint | Kind::Uint64 | Kind::Uintptr => fmt_uint(o, u64::from_le_bytes(read(p))),
            Kind::Float32 => fmt_float(o, f32::from_le_bytes(read(p)) as f64),
            Kind::Float64 => fmt_float(o, f64::from_le_bytes(read(p))),
            Kind::Complex64 => {
                let b: [u8; 8] = read(p);
                let part = |i: usize| f32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as f64;
                fmt_complex(o, part(0), part(4));
            }
            Kind::Complex128 => {
                let b: [u8; 16] = read(p);
                let (re, im) = b.split_at(8);
                let word = |s: &[u8]| f64::from_le_bytes([s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]]);
                fmt_complex(o, word(re), word(im));
            }
            Kind::String => {
                let h: [usize; 2] = (p as *const [usize; 2]).read_unaligned();
                o.put(GoString { ptr: h[0] as *const u8, len: h[1] }.as_bytes());
            }
            _ => return false,
        }
    }
    true
}

/// Go's `printpanicval` for a value that has no `Error`/`String` method:
/// predeclared types print as `print` prints them, defined types with
/// such an underlying kind as `T(v)` (`T("s")` for strings), anything else
/// as `(T) data-word`.
///
/// # Safety
/// `typ` must be null or a type descriptor and `data` the interface data
/// word of a value of that type.
pub unsafe fn write_panic_value<S: Sink + ?Sized>(o: &mut S, typ: *const Type, data: *const u8) {
    if typ.is_null() {
        return o.put(b"nil");
    }
    // SAFETY: the caller passes a descriptor.
    let t = unsafe { &*typ };
    let printable = matches!(
        t.kind,
        Kind::Bool
            | Kind::Int
            | Kind::Int8
            | Kind::Int16
            | Kind::Int32
            | Kind::Int64
            | Kind::Uint
            | Kind::Uint8
            | Kind::Uint16
            | Kind::Uint32
            | Kind::Uint64
            | Kind::Uintptr
            | Kind::Float32
            | Kind::Float64
            | Kind::Complex64
            | Kind::Complex128
            | Kind::String
    );
    if printable {
        // These kinds are never pointer-shaped: the data word points at
        // the value.
        if !is_predeclared(t) {
            o.put(t.string().as_bytes());
        }
        let (open, close): (&[u8], &[u8]) = match t.kind {
            _ if is_predeclared(t) => (b"", b""),
            Kind::String => (b"(\"", b"\")"),
            Kind::Complex64 | Kind::Complex128 => (b"", b""),
            _ => (b"(", b")"),
        };
        o.put(open);
        // SAFETY: the data word of a value of a printable kind points at it.
        unsafe { print_value(o, t, data) };
        o.put(close);
        return;
    }
    o.put(b"(");
    o.put(t.string().as_bytes());
    o.put(b") ");
    fmt_hex(o, data as u64);
}

/// The method `name` of type `func() string` in `t`'s method table.
pub(crate) fn string_method(t: TypeRef, name: &str) -> Option<&'static reflect::types::Method> {
    t.methods().iter().find(|m| m.name.as_str() == name && is_string_method(m.mtyp))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;
    use alloc::vec::Vec;
    use reflect::types::{self, Field};

    use crate::testutil::show;

    fn value(t: TypeRef, p: *const u8) -> String {
        // SAFETY: the tests pass matching types and values.
        show(|o| unsafe { write_panic_value(o, t, p) })
    }

    #[test]
    fn predeclared_values_print_plainly() {
        let s = "boom";
        let h = [s.as_ptr() as usize, s.len()];
        assert_eq!(value(&types::STRING, h.as_ptr().cast()), "boom");
        assert_eq!(value(&types::INT, (&-5i64 as *const i64).cast()), "-5");
        assert_eq!(value(&types::UINT8, [200u8].as_ptr()), "200");
        assert_eq!(value(&types::BOOL, [1u8].as_ptr()), "true");
        assert_eq!(value(&types::FLOAT64, (&1.5f64 as *const f64).cast()), "+1.500000e+000");
        assert_eq!(value(&types::FLOAT32, (&0.25f32 as *const f32).cast()), "+2.500000e-001");
        assert_eq!(value(&types::COMPLEX128, [1.0f64, 2.0].as_ptr().cast()), "(+1.000000e+000+2.000000e+000i)");
        // SAFETY: a null type prints as nil without reading data.
        assert_eq!(show(|o| unsafe { write_panic_value(o, core::ptr::null(), core::ptr::null()) }), "nil");
    }

    #[test]
    fn defined_types_print_with_their_name() {
        let t = types::named("main.T", &types::INT, Vec::new());
        assert_eq!(value(t, (&5i64 as *const i64).cast()), "main.T(5)");
        let s = types::named("main.S", &types::STRING, Vec::new());
        let text = "hi";
        let h = [text.as_ptr() as usize, text.len()];
        assert_eq!(value(s, h.as_ptr().cast()), "main.S(\"hi\")");
        let c = types::named("main.C", &types::COMPLEX64, Vec::new());
        assert_eq!(value(c, [1.0f32, -2.0].as_ptr().cast()), "main.C(+1.000000e+000-2.000000e+000i)");
        let b = types::named("main.B", &types::BOOL, Vec::new());
        assert_eq!(value(b, [0u8].as_ptr()), "main.B(false)");
    }

    #[test]
    fn other_types_print_type_and_data_word() {
        let st = types::struct_of(&[Field::new("a", &types::INT), Field::new("b", &types::INT)]);
        assert_eq!(value(st, 0xc000010000usize as *const u8), "(struct { a int; b int }) 0xc000010000");
        let p = types::pointer_to(&types::INT);
        assert_eq!(value(p, 0xc000012345usize as *const u8), "(*int) 0xc000012345");
        let named_ptr = types::named("main.P", p, Vec::new());
        assert_eq!(value(named_ptr, 0x10usize as *const u8), "(main.P) 0x10");
        let sl = types::slice_of(&types::INT);
        assert_eq!(value(sl, 0x20usize as *const u8), "([]int) 0x20");
    }

    #[test]
    fn signal_lines_match_go() {
        let line = show(|o| write_signal_line(o, os::SIGSEGV, 1, 0, 0x457c76));
        assert_eq!(line, "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x457c76]\n");
        let line = show(|o| write_signal_line(o, os::SIGBUS, 2, 0x10, 0x1));
        assert_eq!(line, "[signal SIGBUS: bus error code=0x2 addr=0x10 pc=0x1]\n");
    }

    fn panic_record(arg: Eface, link: *mut Panic) -> *mut Panic {
        alloc::boxed::Box::into_raw(alloc::boxed::Box::new(Panic::new(arg, link)))
    }

    #[test]
    fn nested_panics_print_oldest_first() {
        let s = "first";
        let first_h = [s.as_ptr() as usize, s.len()];
        let first = panic_record(Eface { typ: &types::STRING, data: first_h.as_ptr().cast() }, core::ptr::null_mut());
        let t = types::named("main.T", &types::INT, Vec::new());
        let five = 5i64;
        let second = panic_record(Eface { typ: t, data: (&five as *const i64).cast() }, first);
        let third = panic_record(Eface::NIL, second);
        let text = "boom from Error";
        // SAFETY: records made above; the text is a static string.
        unsafe {
            (*first).recovered = true;
            (*third).text = GoString { ptr: text.as_ptr(), len: text.len() };
            (*third).converted = true;
            assert_eq!(
                show(|o| write_panics(o, third)),
                "panic: first [recovered]\n\tpanic: main.T(5)\n\tpanic: boom from Error\n"
            );
            assert_eq!(show(|o| write_panics(o, first)), "panic: first [recovered]\n");
            (*third).converted = false;
            assert_eq!(show(|o| write_panics(o, third)).lines().last(), Some("\tpanic: nil"));
            for p in [first, second, third] {
                drop(alloc::boxed::Box::from_raw(p));
            }
        }
    }
}
