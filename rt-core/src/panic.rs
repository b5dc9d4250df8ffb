//! `panic(v)` and the runtime's own errors, printed as Go 1.19 prints an
//! unrecovered panic (`runtime/panic.go`, `runtime/error.go`), then exit
//! status 2. There is no `recover` yet: every panic ends the program.
//!
//! After the message Go prints a traceback of every goroutine. rgo has no
//! unwinder yet, so it prints the goroutine header and says so instead of
//! inventing frames.

use crate::gocall::{call_string_method, is_string_method};
use crate::platform;
use crate::print::{fmt_bool, fmt_complex, fmt_float, fmt_hex, fmt_int, fmt_uint, PrintBuf, Sink, OUT};
use crate::GoString;
use core::sync::atomic::{AtomicU8, Ordering};
use reflect::types::{InterfaceType, Kind, Type, TypeRef};

/// Where the program is in dying.
static STATE: AtomicU8 = AtomicU8::new(RUNNING);
const RUNNING: u8 = 0;
/// Calling the panic value's `Error` or `String` method (Go code).
const CONVERTING: u8 = 1;
/// Printing the message; no more Go code runs.
const PRINTING: u8 = 2;

const TRAILER: &[u8] = b"\ngoroutine 1 [running]:\n\t(no traceback: rgo has no unwinder yet)\n";

/// Exit status of a program that died of a panic or a fatal error.
pub const EXIT_PANIC: i32 = 2;

/// A buffer of its own for a dying message, so it does not depend on the
/// print lock (which a crash may have left held). Pending output of an
/// interrupted print statement goes out first when the lock is free.
fn dying_out() -> PrintBuf {
    if let Some(mut o) = OUT.try_lock() {
        o.flush();
    }
    PrintBuf::new()
}

fn finish(mut o: PrintBuf) -> ! {
    o.put(TRAILER);
    o.flush();
    platform::exit(EXIT_PANIC)
}

/// Go's `throw`: `fatal error: msg`, then exit status 2.
pub fn fatal(msg: &str) -> ! {
    STATE.store(PRINTING, Ordering::SeqCst);
    let mut o = dying_out();
    o.put(b"fatal error: ");
    o.put(msg.as_bytes());
    o.put(b"\n");
    finish(o)
}

/// A panic in the runtime's own Rust code (the `rgo-rt` panic handler):
/// a runtime bug, reported as a fatal error with the message when it is a
/// plain string and the source location.
pub fn rust_panic(msg: Option<&str>, location: Option<(&str, u32)>) -> ! {
    STATE.store(PRINTING, Ordering::SeqCst);
    let mut o = dying_out();
    o.put(b"fatal error: rt-core panicked: ");
    o.put(msg.unwrap_or("(formatted message not shown)").as_bytes());
    if let Some((file, line)) = location {
        o.put(b" at ");
        o.put(file.as_bytes());
        o.put(b":");
        fmt_uint(&mut o, line as u64);
    }
    o.put(b"\n");
    finish(o)
}

/// A panic raised while an `Error`/`String` method of the panic value ran:
/// Go reports it as a fatal error naming the new value (its text when it
/// is a string, otherwise its type).
fn nested(describe: impl FnOnce(&mut PrintBuf)) -> ! {
    STATE.store(PRINTING, Ordering::SeqCst);
    let mut o = dying_out();
    o.put(b"fatal error: panic while printing panic value: ");
    describe(&mut o);
    o.put(b"\n");
    finish(o)
}

/// Ends the program with a runtime error. `go_type` is the Go type of the
/// error value (`runtime.boundsError`...), `prefixed` says whether its
/// `Error` text starts with "runtime error: " (all but type assertions).
pub(crate) fn runtime_error(go_type: &str, prefixed: bool, msg: impl FnOnce(&mut PrintBuf)) -> ! {
    match STATE.swap(PRINTING, Ordering::SeqCst) {
        CONVERTING => nested(|o| {
            o.put(b"type ");
            o.put(go_type.as_bytes());
        }),
        PRINTING => platform::exit(EXIT_PANIC),
        _ => {}
    }
    let mut o = dying_out();
    o.put(b"panic: ");
    if prefixed {
        o.put(b"runtime error: ");
    }
    msg(&mut o);
    o.put(b"\n");
    finish(o)
}

/// Go's `[signal SIGSEGV: segmentation violation code=0x1 addr=0x0
/// pc=0x...]` line for a fault.
pub fn write_signal_line<S: Sink + ?Sized>(o: &mut S, sig: i32, code: i32, addr: usize, pc: usize) {
    o.put(b"[signal ");
    match sig {
        platform::SIGSEGV => o.put(b"SIGSEGV: segmentation violation"),
        platform::SIGBUS => o.put(b"SIGBUS: bus error"),
        _ => fmt_hex(o, sig as u64),
    }
    o.put(b" code=");
    fmt_hex(o, code as u32 as u64);
    o.put(b" addr=");
    fmt_hex(o, addr as u64);
    o.put(b" pc=");
    fmt_hex(o, pc as u64);
    o.put(b"]\n");
}

/// Reports a fault (from the signal handler) as Go does and exits with
/// status 2: an address in the first page is a nil dereference (a runtime
/// error panic), an address just below the stack a stack overflow,
/// anything else an unexpected fault.
pub fn fault(sig: i32, code: i32, addr: usize, pc: usize) -> ! {
    // SAFETY: only read; the main goroutine's bounds are set at startup.
    let (lo, hi) = unsafe {
        let g = crate::start::current_g();
        ((*g).stack_lo, (*g).stack_hi)
    };
    if addr < 0x1000 {
        match STATE.swap(PRINTING, Ordering::SeqCst) {
            CONVERTING => nested(|o| o.put(b"type runtime.errorString")),
            PRINTING => platform::exit(EXIT_PANIC),
            _ => {}
        }
        let mut o = dying_out();
        o.put(b"panic: runtime error: invalid memory address or nil pointer dereference\n");
        write_signal_line(&mut o, sig, code, addr, pc);
        finish(o)
    }
    STATE.store(PRINTING, Ordering::SeqCst);
    let mut o = dying_out();
    // The kernel leaves a guard gap below the stack; `stack_lo` is an
    // estimate, so take a generous band around it.
    let overflow = lo != 0 && addr < hi && addr >= lo.saturating_sub(crate::start::STACK_OVERFLOW_BAND);
    if overflow {
        o.put(b"runtime: goroutine stack exceeds the main thread's stack (RLIMIT_STACK; rgo has no growable stacks yet)\n");
        o.put(b"fatal error: stack overflow\n");
    } else {
        o.put(b"unexpected fault address ");
        fmt_hex(&mut o, addr as u64);
        o.put(b"\nfatal error: fault\n");
    }
    write_signal_line(&mut o, sig, code, addr, pc);
    finish(o)
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
fn string_method(t: TypeRef, name: &str) -> Option<&'static reflect::types::Method> {
    t.methods().iter().find(|m| m.name.as_str() == name && is_string_method(m.mtyp))
}

/// `panic(v)` with `v` the empty interface `(typ, data)`: prints
/// `panic: ` and the value as Go does (through its `Error` or `String`
/// method when it has one), then exits with status 2.
///
/// # Safety
/// `typ` must be null or a type descriptor, and `data` the interface data
/// word of a value of that type; calling its `Error`/`String` method must
/// be sound.
#[no_mangle]
pub unsafe extern "C" fn rgo_gopanic(typ: *const Type, data: *const u8) -> ! {
    match STATE.swap(CONVERTING, Ordering::SeqCst) {
        // SAFETY: as for this function.
        CONVERTING => nested(|o| unsafe {
            if !typ.is_null() && (*typ).kind == Kind::String && is_predeclared(&*typ) {
                print_value(o, &*typ, data);
            } else if typ.is_null() {
                o.put(b"nil");
            } else {
                o.put(b"type ");
                o.put((*typ).string().as_bytes());
            }
        }),
        PRINTING => platform::exit(EXIT_PANIC),
        _ => {}
    }
    let mut text = None;
    if !typ.is_null() {
        // SAFETY: the caller passes a descriptor.
        let t: TypeRef = unsafe { &*typ };
        // Go converts error values first, then Stringers.
        if let Some(m) = string_method(t, "Error").or_else(|| string_method(t, "String")) {
            // SAFETY: the caller vouches for the value and its methods.
            text = unsafe { call_string_method(t, m, data as usize) }.ok();
        }
    }
    STATE.store(PRINTING, Ordering::SeqCst);
    let mut o = dying_out();
    o.put(b"panic: ");
    match text {
        // SAFETY: a Go string returned by the method.
        Some(s) => o.put(unsafe { s.as_bytes() }),
        // SAFETY: as for this function.
        None => unsafe { write_panic_value(&mut o, typ, data) },
    }
    o.put(b"\n");
    finish(o)
}

/// Go's `boundsError` text for an index or slice failure (after
/// "runtime error: "). `code` is the toolchain's `SliceFail` (0-5) or
/// [`INDEX`]; indexes are taken as signed, so a negative `x` uses Go's
/// short forms.
pub fn write_bounds<S: Sink + ?Sized>(o: &mut S, code: u64, x: i64, y: i64) {
    // (text before x, text after x, whether y follows, text after y).
    let (before, after_x, with_y, after_y): (&[u8], &[u8], bool, &[u8]) = match (code, x < 0) {
        (INDEX, false) => (b"index out of range [", b"] with length ", true, b""),
        (INDEX, true) => (b"index out of range [", b"]", false, b""),
        (0, false) => (b"slice bounds out of range [:", b"] with capacity ", true, b""),
        (1, false) => (b"slice bounds out of range [:", b"] with length ", true, b""),
        (0 | 1, true) => (b"slice bounds out of range [:", b"]", false, b""),
        (2, false) => (b"slice bounds out of range [", b":", true, b"]"),
        (2, true) => (b"slice bounds out of range [", b":]", false, b""),
        (3, false) => (b"slice bounds out of range [::", b"] with capacity ", true, b""),
        (3, true) => (b"slice bounds out of range [::", b"]", false, b""),
        (4, false) => (b"slice bounds out of range [:", b":", true, b"]"),
        (4, true) => (b"slice bounds out of range [:", b":]", false, b""),
        (5, false) => (b"slice bounds out of range [", b":", true, b":]"),
        (5, true) => (b"slice bounds out of range [", b"::]", false, b""),
        _ => (b"slice bounds out of range (unknown check ", b")", false, b""),
    };
    o.put(before);
    fmt_int(o, x);
    o.put(after_x);
    if with_y {
        fmt_int(o, y);
        o.put(after_y);
    }
}

/// The `code` of [`write_bounds`] for `s[x]` with `len(s) == y`.
pub const INDEX: u64 = u64::MAX;

#[no_mangle]
pub extern "C" fn rgo_panic_index(index: i64, len: i64) -> ! {
    runtime_error("runtime.boundsError", true, |o| write_bounds(o, INDEX, index, len))
}

#[no_mangle]
pub extern "C" fn rgo_panic_slice(code: u64, x: i64, y: i64) -> ! {
    runtime_error("runtime.boundsError", true, |o| write_bounds(o, code, x, y))
}

#[no_mangle]
pub extern "C" fn rgo_panic_divide() -> ! {
    runtime_error("runtime.errorString", true, |o| o.put(b"integer divide by zero"))
}

#[no_mangle]
pub extern "C" fn rgo_panic_shift() -> ! {
    runtime_error("runtime.errorString", true, |o| o.put(b"negative shift amount"))
}

/// A nil pointer dereference found by an explicit check in compiled code.
/// Go reaches this through a signal and adds a `[signal SIGSEGV ...]` line
/// with the faulting address and pc; there was no signal here, so there is
/// no such line.
#[no_mangle]
pub extern "C" fn rgo_panic_nil() -> ! {
    runtime_error("runtime.errorString", true, |o| o.put(b"invalid memory address or nil pointer dereference"))
}

/// Go's `TypeAssertionError` text for `x.(W)` where `x` (static type
/// `iface`) holds `have` (null: nil).
///
/// For an interface `W`, Go's runtime reports what it found while building
/// the itab: `interface is nil, not W` (the word "interface", not the
/// static type) or `T is not W: missing method M`.
///
/// # Safety
/// Each pointer must be null or a type descriptor (`want` must not be null).
pub unsafe fn write_type_assert<S: Sink + ?Sized>(o: &mut S, have: *const Type, want: *const Type, iface: *const Type) {
    // SAFETY: the caller passes descriptors.
    let (have, want, iface) = unsafe { (have.as_ref(), &*want, iface.as_ref()) };
    if let Some(inter) = want.as_interface() {
        match have {
            None => {
                o.put(b"interface conversion: interface is nil, not ");
                o.put(want.string().as_bytes());
                return;
            }
            Some(h) => {
                let mut fun = alloc::vec![core::ptr::null(); inter.methods.as_slice().len()];
                if let Err(missing) = crate::iface::resolve_methods(inter, h, &mut fun) {
                    return write_missing_method(o, h, inter, missing);
                }
            }
        }
    }
    o.put(b"interface conversion: ");
    o.put(iface.map_or("interface", |i| i.string()).as_bytes());
    o.put(b" is ");
    match have {
        None => o.put(b"nil"),
        Some(h) => o.put(h.string().as_bytes()),
    }
    o.put(b", not ");
    o.put(want.string().as_bytes());
    if have.is_some_and(|h| h.string() == want.string()) {
        o.put(b" (types from different scopes)");
    }
}

/// # Safety
/// As for [`write_type_assert`].
#[no_mangle]
pub unsafe extern "C" fn rgo_panic_typeassert(have: *const Type, want: *const Type, iface: *const Type) -> ! {
    // SAFETY: the caller passes descriptors.
    runtime_error("*runtime.TypeAssertionError", false, |o| unsafe { write_type_assert(o, have, want, iface) })
}

/// `interface conversion: T is not I: missing method M`.
pub fn write_missing_method<S: Sink + ?Sized>(o: &mut S, typ: &Type, inter: &InterfaceType, method: &str) {
    o.put(b"interface conversion: ");
    o.put(typ.string().as_bytes());
    o.put(b" is not ");
    o.put(inter.typ.string().as_bytes());
    o.put(b": missing method ");
    o.put(method.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;
    use alloc::vec::Vec;
    use reflect::types::{self, Field};

    fn show(f: impl FnOnce(&mut Vec<u8>)) -> String {
        let mut v = Vec::new();
        f(&mut v);
        String::from_utf8(v).unwrap()
    }

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
    fn bounds_messages_match_go() {
        let b = |code, x, y| show(|o| write_bounds(o, code, x, y));
        assert_eq!(b(INDEX, 5, 3), "index out of range [5] with length 3");
        assert_eq!(b(INDEX, -1, 3), "index out of range [-1]");
        assert_eq!(b(0, 5, 3), "slice bounds out of range [:5] with capacity 3");
        assert_eq!(b(1, 5, 3), "slice bounds out of range [:5] with length 3");
        assert_eq!(b(1, -2, 3), "slice bounds out of range [:-2]");
        assert_eq!(b(2, 3, 2), "slice bounds out of range [3:2]");
        assert_eq!(b(2, -1, 2), "slice bounds out of range [-1:]");
        assert_eq!(b(3, 9, 4), "slice bounds out of range [::9] with capacity 4");
        assert_eq!(b(4, 3, 2), "slice bounds out of range [:3:2]");
        assert_eq!(b(4, -3, 2), "slice bounds out of range [:-3:]");
        assert_eq!(b(5, 3, 2), "slice bounds out of range [3:2:]");
        assert_eq!(b(5, -3, 2), "slice bounds out of range [-3::]");
    }

    #[test]
    fn signal_lines_match_go() {
        let line = show(|o| write_signal_line(o, platform::SIGSEGV, 1, 0, 0x457c76));
        assert_eq!(line, "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x457c76]\n");
        let line = show(|o| write_signal_line(o, platform::SIGBUS, 2, 0x10, 0x1));
        assert_eq!(line, "[signal SIGBUS: bus error code=0x2 addr=0x10 pc=0x1]\n");
    }

    #[test]
    fn type_assertion_messages_match_go() {
        let any = &types::EMPTY_INTERFACE.typ as *const Type;
        // SAFETY: every pointer passed below is null or a descriptor.
        let ta = |h: *const Type, w: *const Type, i: *const Type| show(|o| unsafe { write_type_assert(o, h, w, i) });
        assert_eq!(ta(&types::STRING, &types::INT, any), "interface conversion: interface {} is string, not int");
        assert_eq!(ta(core::ptr::null(), &types::INT, any), "interface conversion: interface {} is nil, not int");
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
            tfn: core::ptr::null(),
        };
        let t = types::named("main.T", &types::INT, Vec::from([spec]));
        assert_eq!(ta(t, &j.typ, &i.typ), "interface conversion: main.T is not main.J: missing method N");
        assert_eq!(ta(core::ptr::null(), &i.typ, any), "interface conversion: interface is nil, not main.I");
    }
}
