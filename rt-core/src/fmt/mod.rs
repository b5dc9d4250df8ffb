//! Go's `fmt` printing (Go 1.19's `fmt/print.go`), driven by the type
//! descriptors: `Print`, `Println`, `Printf`, their `Sprint*` forms and
//! `Errorf`, as the entry points `rgo_fmt_*` (see the toolchain's
//! `runtime_abi.rs`). The operands arrive as an array of empty interfaces,
//! the `...any` of the Go call.
//!
//! The printer follows Go's structure: `printArg` for an operand,
//! `handleMethods` for values whose type has an `Error`/`String` method
//! (called on the goroutine stack through [`crate::gocall`]), else
//! `printValue` by kind, reading the value through its descriptor (a
//! `Val`: type and address). Values reached through unexported struct
//! fields have their methods ignored, as Go's `CanInterface` does.
//!
//! It formats what it can without calling Go code and declines the rest:
//! an operand whose printing would call one of its methods (`Format`,
//! `GoString` for `%#v`, `Error` or `String` for the verbs that take
//! strings), wherever it is, makes the whole call decline, and GOROOT's
//! printer (fmt compiled from source, with rgo's file that calls here
//! first: `toolchain/lib/fmt/rgo_engine.go`) prints it instead, calling
//! the methods and catching their panics as Go does. `%w` is only
//! GOROOT's to handle (Errorf never comes here), so here it is a bad verb.
//!
//! Map keys are sorted as `internal/fmtsort` sorts them; interface keys of
//! different dynamic types order by the address of their descriptors, as
//! fmtsort orders them.

mod float;
mod format;
mod quote;

pub use float::append_float;
pub use quote::{append_quote, is_print};

use crate::heap::go_alloc_noscan;
use crate::strings::decode_rune;
use crate::{GoSlice, GoString};
use alloc::vec::Vec;
use format::{Fmt, LDIGITS, UDIGITS};
use reflect::types::{goflags, EmptyInterface, GoValue, Itab, Kind, Type, TypeRef};

/// A value to print: its type and where it is. The word of a
/// pointer-shaped value is at `p` too (a data word in memory).
#[derive(Clone, Copy)]
struct Val {
    t: TypeRef,
    p: *const u8,
    /// Reached through an unexported field: its methods are not used.
    ro: bool,
}

impl Val {
    /// # Safety
    /// `p` must hold a `T`.
    unsafe fn read<T: Copy>(&self) -> T {
        // SAFETY: as the caller promises.
        unsafe { (self.p as *const T).read_unaligned() }
    }

    fn at(&self, t: TypeRef, off: usize, ro: bool) -> Val {
        Val { t, p: self.p.wrapping_add(off), ro: self.ro || ro }
    }

    /// The same kind of value at another address.
    fn moved(self, p: *const u8) -> Val {
        Val { p, ..self }
    }
}

/// A map's (key, element) addresses with the keys in the order Go's
/// `internal/fmtsort` gives them: stable from the iteration order, by
/// [`fmtsort_compare`].
///
/// # Safety
/// `m` must be null or a map whose key type is `kt`.
unsafe fn sorted_entries(kt: TypeRef, m: *const crate::map::Map) -> Vec<(*const u8, *const u8)> {
    // SAFETY: as the caller promises.
    let mut es = unsafe { crate::map::entries(m) };
    // SAFETY: every key is a `kt`.
    es.sort_by(|a, b| unsafe { fmtsort_compare(kt, a.0, b.0) });
    es
}

/// Go's `fmtsort.compare`: ints, uints, strings and floats by value (NaN
/// first), complex by real then imaginary part, false before true,
/// pointers and channels by address, structs and arrays part by part,
/// interfaces by dynamic type (its descriptor's address), then value.
///
/// # Safety
/// `a` and `b` must point at values of type `t`.
unsafe fn fmtsort_compare(t: TypeRef, a: *const u8, b: *const u8) -> core::cmp::Ordering {
    use core::cmp::Ordering;
    fn floats(a: f64, b: f64) -> Ordering {
        match (a.is_nan(), b.is_nan()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            _ => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
        }
    }
    // SAFETY (every read): as the caller promises, laid out as the kind says.
    unsafe {
        let rd = |p: *const u8, n: usize| -> u64 {
            let mut w = [0u8; 8];
            core::ptr::copy_nonoverlapping(p, w.as_mut_ptr(), n);
            u64::from_le_bytes(w)
        };
        match t.kind {
            Kind::Int | Kind::Int64 => (a as *const i64).read_unaligned().cmp(&(b as *const i64).read_unaligned()),
            Kind::Int32 => (a as *const i32).read_unaligned().cmp(&(b as *const i32).read_unaligned()),
            Kind::Int16 => (a as *const i16).read_unaligned().cmp(&(b as *const i16).read_unaligned()),
            Kind::Int8 => (*(a as *const i8)).cmp(&*(b as *const i8)),
            Kind::Float32 => floats((a as *const f32).read_unaligned() as f64, (b as *const f32).read_unaligned() as f64),
            Kind::Float64 => floats((a as *const f64).read_unaligned(), (b as *const f64).read_unaligned()),
            Kind::Complex64 => {
                let (x, y) = ((a as *const [f32; 2]).read_unaligned(), (b as *const [f32; 2]).read_unaligned());
                floats(x[0] as f64, y[0] as f64).then(floats(x[1] as f64, y[1] as f64))
            }
            Kind::Complex128 => {
                let (x, y) = ((a as *const [f64; 2]).read_unaligned(), (b as *const [f64; 2]).read_unaligned());
                floats(x[0], y[0]).then(floats(x[1], y[1]))
            }
            Kind::String => {
                let (x, y) = ((a as *const GoString).read_unaligned(), (b as *const GoString).read_unaligned());
                x.as_bytes().cmp(y.as_bytes())
            }
            Kind::Array => {
                let at = t.as_array().expect("array kind");
                for i in 0..at.len {
                    let off = i * at.elem.size;
                    let c = fmtsort_compare(at.elem, a.add(off), b.add(off));
                    if c != Ordering::Equal {
                        return c;
                    }
                }
                Ordering::Equal
            }
            Kind::Struct => {
                for f in t.as_struct().expect("struct kind").fields.as_slice() {
                    let c = fmtsort_compare(f.typ, a.add(f.offset), b.add(f.offset));
                    if c != Ordering::Equal {
                        return c;
                    }
                }
                Ordering::Equal
            }
            Kind::Interface => {
                let (x, y) = (interface_elem(t, a), interface_elem(t, b));
                match (x, y) {
                    (None, None) => Ordering::Equal,
                    (None, Some(_)) => Ordering::Less,
                    (Some(_), None) => Ordering::Greater,
                    (Some(x), Some(y)) => {
                        let c = (x.t as *const Type as usize).cmp(&(y.t as *const Type as usize));
                        if c != Ordering::Equal {
                            return c;
                        }
                        fmtsort_compare(x.t, x.p, y.p)
                    }
                }
            }
            // Unsigned integers, booleans, pointers, channels: unsigned.
            _ => rd(a, t.size.min(8)).cmp(&rd(b, t.size.min(8))),
        }
    }
}

/// The operand of an interface stored at `e` (`None`: nil).
///
/// # Safety
/// `e` must point at an empty interface value.
unsafe fn eface_val(e: *const EmptyInterface) -> Option<Val> {
    // SAFETY: as the caller promises.
    unsafe { iface_val(e as *const u8, (*e).typ) }
}

/// The dynamic value of the interface at `p` whose type word says `typ`.
///
/// # Safety
/// `p` must point at an interface (two words) and `typ` be its dynamic
/// type (null for nil).
unsafe fn iface_val(p: *const u8, typ: *const Type) -> Option<Val> {
    // SAFETY: as the caller promises.
    unsafe {
        let t: TypeRef = typ.as_ref()?;
        let data = p.add(8);
        let p = if t.is_pointer_shaped() { data } else { *(data as *const *const u8) };
        Some(Val { t, p, ro: false })
    }
}

/// The dynamic value of an interface value of type `it` stored at `p`.
///
/// # Safety
/// `p` must point at a value of interface type `it`.
unsafe fn interface_elem(it: TypeRef, p: *const u8) -> Option<Val> {
    let empty = it.as_interface().is_none_or(|i| i.methods.as_slice().is_empty());
    // SAFETY: an interface is (type or itab, data); itabs start with the
    // interface and type descriptors.
    unsafe {
        let w0 = *(p as *const usize);
        let typ = if empty || w0 == 0 { w0 as *const Type } else { (*(w0 as *const Itab)).typ };
        iface_val(p, typ)
    }
}

/// Whether a struct field name is exported (Go's `IsExported`).
fn exported(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_uppercase())
}

/// The predeclared types printArg handles without looking for methods.
fn is_basic(t: &Type) -> bool {
    let scalar = !matches!(
        t.kind,
        Kind::Array
            | Kind::Chan
            | Kind::Func
            | Kind::Interface
            | Kind::Map
            | Kind::Pointer
            | Kind::Slice
            | Kind::Struct
            | Kind::UnsafePointer
            | Kind::Invalid
    );
    scalar && t.is_named() && t.uncommon.is_null() && t.string() == t.kind.name()
}

/// When `v` is a `reflect.Value` of package reflect (rgo's, laid out as
/// [`GoValue`]): the value it holds, or None for the zero Value.
///
/// # Safety
/// `v.p` must hold a `v.t`.
unsafe fn reflect_value(v: Val) -> Option<Option<Val>> {
    let pkg = |t: &Type| if t.uncommon.is_null() { "" } else {
        // SAFETY: a non-null `uncommon` points at the type's Uncommon.
        unsafe { (*t.uncommon).pkg_path.as_str() }
    };
    if v.t.kind != Kind::Struct || v.t.string() != "reflect.Value" || pkg(v.t) != "reflect" {
        return None;
    }
    // SAFETY: the operand is a reflect.Value.
    let gv = unsafe { (v.p as *const GoValue).read_unaligned() };
    if gv.typ.is_null() {
        return Some(None);
    }
    if gv.flag & goflags::METHOD != 0 {
        // A method value: Go prints a func by an address (its own is the
        // code of its method-value trampoline); this prints the receiver's.
        let p = v.p.wrapping_add(core::mem::offset_of!(GoValue, ptr));
        return Some(Some(Val { t: &reflect::types::UNSAFE_POINTER, p, ro: false }));
    }
    let p = if gv.flag & goflags::INDIR != 0 {
        gv.ptr as *const u8
    } else {
        // The pointer-shaped value is the Value's own `ptr` word.
        v.p.wrapping_add(core::mem::offset_of!(GoValue, ptr))
    };
    let ro = v.ro || gv.flag & (goflags::STICKY_RO | goflags::EMBED_RO) != 0;
    // SAFETY: a Value's type is a live descriptor.
    Some(Some(Val { t: unsafe { &*gv.typ }, p, ro }))
}

const PERCENT_BANG: &[u8] = b"%!";
const NIL_ANGLE: &[u8] = b"<nil>";
const NIL_PAREN: &[u8] = b"(nil)";

/// Go's `pp`: the output and the state of one call.
pub struct Printer {
    pub buf: Vec<u8>,
    fmt: Fmt,
    arg: Option<Val>,
    value: Option<Val>,
    erroring: bool,
    /// An operand has a method to call: the output is not to be used.
    pub declined: bool,
    reordered: bool,
    good_arg_num: bool,
}

impl Default for Printer {
    fn default() -> Printer {
        Printer::new()
    }
}

impl Printer {
    pub fn new() -> Printer {
        Printer {
            buf: Vec::new(),
            fmt: Fmt::default(),
            arg: None,
            value: None,
            erroring: false,
            declined: false,
            reordered: false,
            good_arg_num: true,
        }
    }

    fn write_rune(&mut self, c: char) {
        let mut b = [0u8; 4];
        self.buf.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
    }

    // ---- the verbs by kind (print.go's fmtBool ... fmtPointer) ----------

    unsafe fn bad_verb(&mut self, verb: char) {
        self.erroring = true;
        self.buf.extend_from_slice(PERCENT_BANG);
        self.write_rune(verb);
        self.buf.push(b'(');
        if let Some(a) = self.arg {
            self.buf.extend_from_slice(a.t.string().as_bytes());
            self.buf.push(b'=');
            // SAFETY: `a` is the operand being printed.
            unsafe { self.print_arg(Some(a), 'v') };
        } else if let Some(v) = self.value {
            self.buf.extend_from_slice(v.t.string().as_bytes());
            self.buf.push(b'=');
            // SAFETY: as above.
            unsafe { self.print_value(v, 'v', 0) };
        } else {
            self.buf.extend_from_slice(NIL_ANGLE);
        }
        self.buf.push(b')');
        self.erroring = false;
    }

    unsafe fn fmt_bool(&mut self, v: bool, verb: char) {
        match verb {
            't' | 'v' => self.fmt.fmt_boolean(&mut self.buf, v),
            // SAFETY: the operand being printed.
            _ => unsafe { self.bad_verb(verb) },
        }
    }

    /// `u` as hexadecimal with or without 0x (`fmt0x64`).
    fn fmt_0x64(&mut self, v: u64, leading0x: bool) {
        let sharp = self.fmt.f.sharp;
        self.fmt.f.sharp = leading0x;
        self.fmt.fmt_integer(&mut self.buf, v, 16, false, 'v', LDIGITS);
        self.fmt.f.sharp = sharp;
    }

    unsafe fn fmt_integer(&mut self, v: u64, signed: bool, verb: char) {
        let (f, b) = (&mut self.fmt, &mut self.buf);
        match verb {
            'v' if f.f.sharp_v && !signed => self.fmt_0x64(v, true),
            'v' | 'd' => f.fmt_integer(b, v, 10, signed, verb, LDIGITS),
            'b' => f.fmt_integer(b, v, 2, signed, verb, LDIGITS),
            'o' | 'O' => f.fmt_integer(b, v, 8, signed, verb, LDIGITS),
            'x' => f.fmt_integer(b, v, 16, signed, verb, LDIGITS),
            'X' => f.fmt_integer(b, v, 16, signed, verb, UDIGITS),
            'c' => f.fmt_c(b, v),
            'q' => f.fmt_qc(b, v),
            'U' => f.fmt_unicode(b, v),
            // SAFETY: the operand being printed.
            _ => unsafe { self.bad_verb(verb) },
        }
    }

    unsafe fn fmt_float(&mut self, v: f64, size: u32, verb: char) {
        let (f, b) = (&mut self.fmt, &mut self.buf);
        match verb {
            'v' => f.fmt_float(b, v, size, b'g', -1),
            'b' | 'g' | 'G' | 'x' | 'X' => f.fmt_float(b, v, size, verb as u8, -1),
            'f' | 'e' | 'E' => f.fmt_float(b, v, size, verb as u8, 6),
            'F' => f.fmt_float(b, v, size, b'f', 6),
            // SAFETY: the operand being printed.
            _ => unsafe { self.bad_verb(verb) },
        }
    }

    unsafe fn fmt_complex(&mut self, re: f64, im: f64, size: u32, verb: char) {
        match verb {
            'v' | 'b' | 'g' | 'G' | 'x' | 'X' | 'f' | 'F' | 'e' | 'E' => {
                let plus = self.fmt.f.plus;
                self.buf.push(b'(');
                // SAFETY: the verb is one fmt_float takes.
                unsafe { self.fmt_float(re, size / 2, verb) };
                // The imaginary part always has a sign.
                self.fmt.f.plus = true;
                // SAFETY: as above.
                unsafe { self.fmt_float(im, size / 2, verb) };
                self.buf.extend_from_slice(b"i)");
                self.fmt.f.plus = plus;
            }
            // SAFETY: the operand being printed.
            _ => unsafe { self.bad_verb(verb) },
        }
    }

    unsafe fn fmt_string(&mut self, s: &[u8], verb: char) {
        let (f, b) = (&mut self.fmt, &mut self.buf);
        match verb {
            'v' if f.f.sharp_v => f.fmt_q(b, s),
            'v' | 's' => f.fmt_s(b, s),
            'x' => f.fmt_sbx(b, s, LDIGITS),
            'X' => f.fmt_sbx(b, s, UDIGITS),
            'q' => f.fmt_q(b, s),
            // SAFETY: the operand being printed.
            _ => unsafe { self.bad_verb(verb) },
        }
    }

    /// `%s %q %x %X` of a byte slice or array (the other verbs print it
    /// element by element).
    fn fmt_bytes(&mut self, v: &[u8], verb: char) {
        let (f, b) = (&mut self.fmt, &mut self.buf);
        match verb {
            's' => f.fmt_s(b, v),
            'x' => f.fmt_sbx(b, v, LDIGITS),
            'X' => f.fmt_sbx(b, v, UDIGITS),
            _ => f.fmt_q(b, v),
        }
    }

    unsafe fn fmt_pointer(&mut self, v: Val, verb: char) {
        // SAFETY: `v` points at a value of its type.
        let u = unsafe {
            match v.t.kind {
                Kind::Slice | Kind::Chan | Kind::Map | Kind::Pointer | Kind::UnsafePointer => v.read::<usize>(),
                Kind::Func => {
                    // The code address, the first word of the func value.
                    let f = v.read::<usize>();
                    if f == 0 {
                        0
                    } else {
                        *(f as *const usize)
                    }
                }
                _ => return self.bad_verb(verb),
            }
        };
        match verb {
            'v' if self.fmt.f.sharp_v => {
                self.buf.push(b'(');
                self.buf.extend_from_slice(v.t.string().as_bytes());
                self.buf.extend_from_slice(b")(");
                if u == 0 {
                    self.buf.extend_from_slice(b"nil");
                } else {
                    self.fmt_0x64(u as u64, true);
                }
                self.buf.push(b')');
            }
            'v' if u == 0 => self.fmt.pad(&mut self.buf, NIL_ANGLE),
            'v' | 'p' => self.fmt_0x64(u as u64, !self.fmt.f.sharp),
            // SAFETY: an integer verb on the pointer's value.
            'b' | 'o' | 'd' | 'x' | 'X' => unsafe { self.fmt_integer(u as u64, false, verb) },
            // SAFETY: the operand being printed.
            _ => unsafe { self.bad_verb(verb) },
        }
    }

    // ---- methods ----------------------------------------------------------

    /// Go's `handleMethods`, up to calling a method: where Go would call
    /// one (a `Formatter`'s `Format` for any verb, `GoString` for `%#v`,
    /// `Error` or `String` for the verbs that accept strings), the call
    /// declines (`declined`); a method of that name with another
    /// signature makes it decline too, which costs only time. `%w` is a
    /// bad verb (see the module's comment).
    unsafe fn handle_methods(&mut self, verb: char) -> bool {
        if self.erroring {
            return false;
        }
        if verb == 'w' {
            // SAFETY: the operand being printed.
            unsafe { self.bad_verb(verb) };
            return true;
        }
        let Some(a) = self.arg else { return false };
        let has = |name: &str| a.t.methods().iter().any(|m| m.name.as_str() == name);
        let calls = has("Format")
            || if self.fmt.f.sharp_v {
                has("GoString")
            } else {
                matches!(verb, 'v' | 's' | 'x' | 'X' | 'q') && (has("Error") || has("String"))
            };
        if calls {
            self.declined = true;
        }
        calls
    }

    // ---- operands -----------------------------------------------------------

    /// Go's `printArg`: one operand (`None`: a nil interface).
    ///
    /// # Safety
    /// `arg` must be a valid value; printing may call its methods.
    unsafe fn print_arg(&mut self, arg: Option<Val>, verb: char) {
        if self.declined {
            return;
        }
        self.arg = arg;
        self.value = None;
        let Some(v) = arg else {
            match verb {
                'T' | 'v' => self.fmt.pad(&mut self.buf, NIL_ANGLE),
                // SAFETY: nothing to read.
                _ => unsafe { self.bad_verb(verb) },
            }
            return;
        };
        match verb {
            'T' => return self.fmt.fmt_s(&mut self.buf, v.t.string().as_bytes()),
            // SAFETY: the operand.
            'p' => return unsafe { self.fmt_pointer(v, 'p') },
            _ => {}
        }
        // A reflect.Value prints as the value it holds, through its
        // methods unless reached through an unexported field.
        // SAFETY: the operand.
        match unsafe { reflect_value(v) } {
            Some(None) => return self.fmt.fmt_s(&mut self.buf, b"<invalid reflect.Value>"),
            Some(Some(inner)) => {
                // SAFETY: the value the operand holds.
                unsafe {
                    if !inner.ro {
                        self.arg = Some(inner);
                        if self.handle_methods(verb) {
                            return;
                        }
                    }
                    return self.print_value(inner, verb, 0);
                }
            }
            None => {}
        }
        // SAFETY: the operand; its methods may be called.
        unsafe {
            if v.t.kind == Kind::Slice
                && !v.t.is_named()
                && v.t.elem().is_some_and(|e| e.kind == Kind::Uint8 && is_basic(e))
            {
                return self.print_list(v, verb, 0, "[]byte");
            }
            if is_basic(v.t) || !self.handle_methods(verb) {
                self.print_value(v, verb, 0);
            }
        }
    }

    /// Go's `printValue`: a value by kind; `depth` > 0 inside composites.
    ///
    /// # Safety
    /// As for [`Printer::print_arg`].
    unsafe fn print_value(&mut self, v: Val, verb: char, depth: usize) {
        if self.declined {
            return;
        }
        // SAFETY (whole body): `v` points at a value of type `v.t`, and
        // each arm reads what that kind lays out.
        unsafe {
            if depth > 0 && !v.ro {
                self.arg = if v.t.kind == Kind::Interface { interface_elem(v.t, v.p) } else { Some(v) };
                if self.handle_methods(verb) {
                    return;
                }
            }
            self.arg = None;
            self.value = Some(v);
            let sharp_v = self.fmt.f.sharp_v;
            match v.t.kind {
                Kind::Bool => self.fmt_bool(v.read::<u8>() != 0, verb),
                Kind::Int => self.fmt_integer(v.read::<i64>() as u64, true, verb),
                Kind::Int8 => self.fmt_integer(v.read::<i8>() as i64 as u64, true, verb),
                Kind::Int16 => self.fmt_integer(v.read::<i16>() as i64 as u64, true, verb),
                Kind::Int32 => self.fmt_integer(v.read::<i32>() as i64 as u64, true, verb),
                Kind::Int64 => self.fmt_integer(v.read::<i64>() as u64, true, verb),
                Kind::Uint | Kind::Uint64 | Kind::Uintptr => self.fmt_integer(v.read::<u64>(), false, verb),
                Kind::Uint8 => self.fmt_integer(v.read::<u8>() as u64, false, verb),
                Kind::Uint16 => self.fmt_integer(v.read::<u16>() as u64, false, verb),
                Kind::Uint32 => self.fmt_integer(v.read::<u32>() as u64, false, verb),
                Kind::Float32 => self.fmt_float(v.read::<f32>() as f64, 32, verb),
                Kind::Float64 => self.fmt_float(v.read::<f64>(), 64, verb),
                Kind::Complex64 => {
                    let [re, im] = v.read::<[f32; 2]>();
                    self.fmt_complex(re as f64, im as f64, 64, verb)
                }
                Kind::Complex128 => {
                    let [re, im] = v.read::<[f64; 2]>();
                    self.fmt_complex(re, im, 128, verb)
                }
                Kind::String => {
                    let s = v.read::<GoString>();
                    self.fmt_string(s.as_bytes(), verb)
                }
                Kind::Map => {
                    let m = v.read::<*const crate::map::Map>();
                    if sharp_v {
                        self.buf.extend_from_slice(v.t.string().as_bytes());
                        if m.is_null() {
                            self.buf.extend_from_slice(NIL_PAREN);
                            return;
                        }
                        self.buf.push(b'{');
                    } else {
                        self.buf.extend_from_slice(b"map[");
                    }
                    let mt = v.t.as_map().expect("map type");
                    for (i, (k, e)) in sorted_entries(mt.key, m).into_iter().enumerate() {
                        if i > 0 {
                            if sharp_v {
                                self.buf.extend_from_slice(b", ");
                            } else {
                                self.buf.push(b' ');
                            }
                        }
                        self.print_value(v.at(mt.key, 0, false).moved(k), verb, depth + 1);
                        self.buf.push(b':');
                        self.print_value(v.at(mt.elem, 0, false).moved(e), verb, depth + 1);
                    }
                    self.buf.push(if sharp_v { b'}' } else { b']' });
                }
                Kind::Struct => {
                    if sharp_v {
                        self.buf.extend_from_slice(v.t.string().as_bytes());
                    }
                    self.buf.push(b'{');
                    let fields = v.t.as_struct().map(|s| s.fields.as_slice()).unwrap_or(&[]);
                    for (i, f) in fields.iter().enumerate() {
                        if i > 0 {
                            if sharp_v {
                                self.buf.extend_from_slice(b", ");
                            } else {
                                self.buf.push(b' ');
                            }
                        }
                        let name = f.name.as_str();
                        if (self.fmt.f.plus_v || sharp_v) && !name.is_empty() {
                            self.buf.extend_from_slice(name.as_bytes());
                            self.buf.push(b':');
                        }
                        let fv = v.at(f.typ, f.offset, !exported(name));
                        // getField: a non-nil interface field prints its
                        // dynamic value.
                        let fv = match f.typ.kind {
                            Kind::Interface => match interface_elem(f.typ, fv.p) {
                                Some(e) => Val { ro: fv.ro, ..e },
                                None => fv,
                            },
                            _ => fv,
                        };
                        self.print_value(fv, verb, depth + 1);
                    }
                    self.buf.push(b'}');
                }
                Kind::Interface => match interface_elem(v.t, v.p) {
                    Some(e) => self.print_value(Val { ro: v.ro, ..e }, verb, depth + 1),
                    None if sharp_v => {
                        self.buf.extend_from_slice(v.t.string().as_bytes());
                        self.buf.extend_from_slice(NIL_PAREN);
                    }
                    None => self.buf.extend_from_slice(NIL_ANGLE),
                },
                Kind::Array | Kind::Slice => self.print_list(v, verb, depth, v.t.string()),
                Kind::Pointer => {
                    // A pointer to an array, slice, struct or map prints
                    // as &value at the top level only (no loops).
                    let p = v.read::<*const u8>();
                    let elem = v.t.elem().expect("pointer type");
                    if depth == 0
                        && !p.is_null()
                        && matches!(elem.kind, Kind::Array | Kind::Slice | Kind::Struct | Kind::Map)
                    {
                        self.buf.push(b'&');
                        return self.print_value(Val { t: elem, p, ro: v.ro }, verb, depth + 1);
                    }
                    self.fmt_pointer(v, verb)
                }
                Kind::Chan | Kind::Func | Kind::UnsafePointer => self.fmt_pointer(v, verb),
                Kind::Invalid => {
                    self.buf.push(b'?');
                    self.buf.extend_from_slice(v.t.string().as_bytes());
                    self.buf.push(b'?');
                }
            }
        }
    }

    /// An array or slice (`printValue`'s case, and `fmtBytes` for the
    /// `[]byte` operands of `printArg`, which `%#v` calls `[]byte`).
    ///
    /// # Safety
    /// As for [`Printer::print_arg`].
    unsafe fn print_list(&mut self, v: Val, verb: char, depth: usize, type_name: &str) {
        let sharp_v = self.fmt.f.sharp_v;
        let elem = v.t.elem().expect("array or slice type");
        // SAFETY (whole body): `v` points at an array or slice of `elem`.
        unsafe {
            let (base, len, nil) = if v.t.kind == Kind::Slice {
                let h = v.read::<[usize; 3]>();
                (h[0] as *const u8, h[1], h[0] == 0)
            } else {
                (v.p, v.t.as_array().map_or(0, |a| a.len), false)
            };
            if matches!(verb, 's' | 'q' | 'x' | 'X') && elem.kind == Kind::Uint8 {
                let bytes = if len == 0 { &[][..] } else { core::slice::from_raw_parts(base, len) };
                return self.fmt_bytes(bytes, verb);
            }
            if sharp_v {
                self.buf.extend_from_slice(type_name.as_bytes());
                if v.t.kind == Kind::Slice && nil {
                    self.buf.extend_from_slice(NIL_PAREN);
                    return;
                }
                self.buf.push(b'{');
            } else {
                self.buf.push(b'[');
            }
            for i in 0..len {
                if i > 0 {
                    if sharp_v {
                        self.buf.extend_from_slice(b", ");
                    } else {
                        self.buf.push(b' ');
                    }
                }
                let e = Val { t: elem, p: base.wrapping_add(i * elem.size), ro: v.ro };
                self.print_value(e, verb, depth + 1);
            }
            self.buf.push(if sharp_v { b'}' } else { b']' });
        }
    }

    // ---- Print, Println, Printf ---------------------------------------------

    /// Go's `doPrint`: spaces between operands when neither is a string.
    ///
    /// # Safety
    /// `args` must be valid interface values (printing may call methods).
    pub unsafe fn do_print(&mut self, args: &[EmptyInterface]) {
        let mut prev_string = false;
        for (i, a) in args.iter().enumerate() {
            // SAFETY: as the caller promises.
            let v = unsafe { eface_val(a) };
            let is_string = v.is_some_and(|v| v.t.kind == Kind::String);
            if i > 0 && !is_string && !prev_string {
                self.buf.push(b' ');
            }
            // SAFETY: as above.
            unsafe { self.print_arg(v, 'v') };
            prev_string = is_string;
        }
    }

    /// Go's `doPrintln`: spaces between operands, a newline after.
    ///
    /// # Safety
    /// As for [`Printer::do_print`].
    pub unsafe fn do_println(&mut self, args: &[EmptyInterface]) {
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                self.buf.push(b' ');
            }
            // SAFETY: as the caller promises.
            unsafe { self.print_arg(eface_val(a), 'v') };
        }
        self.buf.push(b'\n');
    }

    /// Go's `intFromArg`: operand `n` as a width or precision.
    unsafe fn int_from_arg(args: &[Option<Val>], n: usize) -> (i64, bool, usize) {
        let Some(a) = args.get(n) else { return (0, false, n) };
        let mut num: i64 = 0;
        let mut ok = false;
        if let Some(v) = a {
            // SAFETY: `v` is a valid operand.
            unsafe {
                match v.t.kind {
                    Kind::Int | Kind::Int64 => (num, ok) = (v.read::<i64>(), true),
                    Kind::Int8 => (num, ok) = (v.read::<i8>() as i64, true),
                    Kind::Int16 => (num, ok) = (v.read::<i16>() as i64, true),
                    Kind::Int32 => (num, ok) = (v.read::<i32>() as i64, true),
                    Kind::Uint8 => (num, ok) = (v.read::<u8>() as i64, true),
                    Kind::Uint16 => (num, ok) = (v.read::<u16>() as i64, true),
                    Kind::Uint32 => (num, ok) = (v.read::<u32>() as i64, true),
                    Kind::Uint | Kind::Uint64 | Kind::Uintptr => {
                        let u = v.read::<u64>();
                        if (u as i64) >= 0 {
                            (num, ok) = (u as i64, true);
                        }
                    }
                    _ => {}
                }
            }
        }
        if !(-1_000_000..=1_000_000).contains(&num) {
            return (0, false, n + 1);
        }
        (num, ok, n + 1)
    }

    /// `argNumber`: an explicit `[n]` index at `format[i..]`.
    fn arg_number(&mut self, arg_num: usize, format: &[u8], i: usize, num_args: usize) -> (usize, usize, bool) {
        if format.len() <= i || format[i] != b'[' {
            return (arg_num, i, false);
        }
        self.reordered = true;
        let (index, wid, ok) = parse_arg_number(&format[i..]);
        if ok && 0 <= index && (index as usize) < num_args {
            return (index as usize, i + wid, true);
        }
        self.good_arg_num = false;
        (arg_num, i + wid, ok)
    }

    /// Go's `doPrintf`.
    ///
    /// # Safety
    /// As for [`Printer::do_print`].
    pub unsafe fn do_printf(&mut self, format: &[u8], a: &[EmptyInterface]) {
        // SAFETY: as the caller promises.
        let args: Vec<Option<Val>> = a.iter().map(|e| unsafe { eface_val(e) }).collect();
        let end = format.len();
        let mut arg_num = 0usize;
        let mut after_index;
        self.reordered = false;
        let mut i = 0;
        'format: while i < end {
            self.good_arg_num = true;
            let lasti = i;
            while i < end && format[i] != b'%' {
                i += 1;
            }
            if i > lasti {
                self.buf.extend_from_slice(&format[lasti..i]);
            }
            if i >= end {
                break;
            }
            i += 1;
            self.fmt.clear_flags();
            // Flags, and the fast path of a simple lower-case verb.
            while i < end {
                let c = format[i];
                match c {
                    b'#' => self.fmt.f.sharp = true,
                    b'0' => self.fmt.f.zero = !self.fmt.f.minus,
                    b'+' => self.fmt.f.plus = true,
                    b'-' => {
                        self.fmt.f.minus = true;
                        self.fmt.f.zero = false;
                    }
                    b' ' => self.fmt.f.space = true,
                    _ => {
                        if c.is_ascii_lowercase() && arg_num < args.len() {
                            if c == b'v' {
                                self.fmt.f.sharp_v = self.fmt.f.sharp;
                                self.fmt.f.sharp = false;
                                self.fmt.f.plus_v = self.fmt.f.plus;
                                self.fmt.f.plus = false;
                            }
                            // SAFETY: as the caller promises.
                            unsafe { self.print_arg(args[arg_num], c as char) };
                            arg_num += 1;
                            i += 1;
                            continue 'format;
                        }
                        break;
                    }
                }
                i += 1;
            }
            (arg_num, i, after_index) = self.arg_number(arg_num, format, i, args.len());
            // Width.
            if i < end && format[i] == b'*' {
                i += 1;
                // SAFETY: as the caller promises.
                let (w, ok, n) = unsafe { Self::int_from_arg(&args, arg_num) };
                (self.fmt.wid, self.fmt.f.wid_present, arg_num) = (w, ok, n);
                if !ok {
                    self.buf.extend_from_slice(b"%!(BADWIDTH)");
                }
                if self.fmt.wid < 0 {
                    self.fmt.wid = -self.fmt.wid;
                    self.fmt.f.minus = true;
                    self.fmt.f.zero = false;
                }
                after_index = false;
            } else {
                let (w, ok, ni) = parse_num(format, i, end);
                (self.fmt.wid, self.fmt.f.wid_present, i) = (w, ok, ni);
                if after_index && ok {
                    self.good_arg_num = false;
                }
            }
            // Precision.
            if i + 1 < end && format[i] == b'.' {
                i += 1;
                if after_index {
                    self.good_arg_num = false;
                }
                (arg_num, i, after_index) = self.arg_number(arg_num, format, i, args.len());
                if i < end && format[i] == b'*' {
                    i += 1;
                    // SAFETY: as the caller promises.
                    let (p, ok, n) = unsafe { Self::int_from_arg(&args, arg_num) };
                    (self.fmt.prec, self.fmt.f.prec_present, arg_num) = (p, ok, n);
                    if self.fmt.prec < 0 {
                        self.fmt.prec = 0;
                        self.fmt.f.prec_present = false;
                    }
                    if !self.fmt.f.prec_present {
                        self.buf.extend_from_slice(b"%!(BADPREC)");
                    }
                    after_index = false;
                } else {
                    let (p, ok, ni) = parse_num(format, i, end);
                    (self.fmt.prec, self.fmt.f.prec_present, i) = (p, ok, ni);
                    if !ok {
                        self.fmt.prec = 0;
                        self.fmt.f.prec_present = true;
                    }
                }
            }
            if !after_index {
                (arg_num, i, _) = self.arg_number(arg_num, format, i, args.len());
            }
            if i >= end {
                self.buf.extend_from_slice(b"%!(NOVERB)");
                break;
            }
            let (verb, next) = if format[i] < 0x80 {
                (format[i] as char, i + 1)
            } else {
                let (r, next) = decode_rune(format, i);
                (char::from_u32(r as u32).unwrap_or('\u{FFFD}'), next)
            };
            i = next;
            if verb == '%' {
                self.buf.push(b'%');
            } else if !self.good_arg_num {
                self.buf.extend_from_slice(PERCENT_BANG);
                self.write_rune(verb);
                self.buf.extend_from_slice(b"(BADINDEX)");
            } else if arg_num >= args.len() {
                self.buf.extend_from_slice(PERCENT_BANG);
                self.write_rune(verb);
                self.buf.extend_from_slice(b"(MISSING)");
            } else {
                if verb == 'v' {
                    self.fmt.f.sharp_v = self.fmt.f.sharp;
                    self.fmt.f.sharp = false;
                    self.fmt.f.plus_v = self.fmt.f.plus;
                    self.fmt.f.plus = false;
                }
                // SAFETY: as the caller promises.
                unsafe { self.print_arg(args[arg_num], verb) };
                arg_num += 1;
            }
        }
        // Extra operands, unless the format reordered them.
        if !self.reordered && arg_num < args.len() {
            self.fmt.clear_flags();
            self.buf.extend_from_slice(b"%!(EXTRA ");
            for (k, &a) in args[arg_num..].iter().enumerate() {
                if k > 0 {
                    self.buf.extend_from_slice(b", ");
                }
                match a {
                    None => self.buf.extend_from_slice(NIL_ANGLE),
                    Some(v) => {
                        self.buf.extend_from_slice(v.t.string().as_bytes());
                        self.buf.push(b'=');
                        // SAFETY: as the caller promises.
                        unsafe { self.print_arg(Some(v), 'v') };
                    }
                }
            }
            self.buf.push(b')');
        }
    }
}

/// Go's `parsenum`: a decimal number at `s[start..end]`.
fn parse_num(s: &[u8], start: usize, end: usize) -> (i64, bool, usize) {
    if start >= end {
        return (0, false, end);
    }
    let (mut num, mut isnum, mut i) = (0i64, false, start);
    while i < end && s[i].is_ascii_digit() {
        if !(-1_000_000..=1_000_000).contains(&num) {
            return (0, false, end);
        }
        num = num * 10 + (s[i] - b'0') as i64;
        isnum = true;
        i += 1;
    }
    (num, isnum, i)
}

/// Go's `parseArgNumber`: `[n]` at the start of `format`, as a zero-based
/// index, the bytes consumed and whether it parsed.
fn parse_arg_number(format: &[u8]) -> (i64, usize, bool) {
    if format.len() < 3 {
        return (0, 1, false);
    }
    for i in 1..format.len() {
        if format[i] == b']' {
            let (width, ok, newi) = parse_num(format, 1, i);
            if !ok || newi != i {
                return (0, i + 1, false);
            }
            return (width - 1, i + 1, true);
        }
    }
    (0, 1, false)
}

// ---- the entry points --------------------------------------------------------

/// The operands of a call.
///
/// # Safety
/// `args` must point at `n` interface values (or `n` be 0).
unsafe fn operands<'a>(args: *const EmptyInterface, n: usize) -> &'a [EmptyInterface] {
    if n == 0 || args.is_null() {
        return &[];
    }
    // SAFETY: as the caller promises.
    unsafe { core::slice::from_raw_parts(args, n) }
}

/// The format string of a call.
///
/// # Safety
/// `(ptr, len)` must be a Go string.
unsafe fn format_bytes<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    // SAFETY: as the caller promises.
    unsafe { GoString { ptr, len }.as_bytes() }
}

/// A Go string on the Go heap holding `b`.
pub fn go_string(b: &[u8]) -> GoString {
    if b.is_empty() {
        return GoString::EMPTY;
    }
    let p = go_alloc_noscan(b.len());
    // SAFETY: a fresh allocation of `b.len()` bytes.
    unsafe { core::ptr::copy_nonoverlapping(b.as_ptr(), p, b.len()) };
    GoString { ptr: p, len: b.len() }
}

/// Appends `b` to the Go slice `*buf`, growing it as `append` does
/// (the runtime's `growslice`).
///
/// # Safety
/// `buf` must point at a `[]byte` (the memory it refers to, if any, Go's).
unsafe fn append_to(buf: *mut GoSlice, b: &[u8]) {
    // SAFETY: as the caller promises.
    let old = unsafe { *buf };
    let len = old.len + b.len();
    // SAFETY: `buf` is a `[]byte`, as the caller promises; growslice
    // writes a header of length `len` holding the old bytes.
    unsafe {
        if len > old.cap {
            crate::slices::growslice(buf, &reflect::types::UINT8, old.ptr, old.len, old.cap, len);
        } else {
            (*buf).len = len;
        }
        core::ptr::copy_nonoverlapping(b.as_ptr(), (*buf).ptr.add(old.len), b.len());
    }
}

/// The formatter's output buffer between calls, kept with its capacity (a
/// call that found it taken, which only another thread could do, makes
/// its own).
static SCRATCH: spin::Mutex<Vec<u8>> = spin::Mutex::new(Vec::new());

/// A printer writing into the kept buffer.
fn printer() -> Printer {
    let mut p = Printer::new();
    if let Some(mut kept) = SCRATCH.try_lock() {
        p.buf = core::mem::take(&mut *kept);
    }
    p
}

/// Appends what `p` printed to `*buf` unless it declined, returning 1 or
/// 0 as the entry points do, and keeps `p`'s buffer for the next call
/// (unless it grew large, as GOROOT's printer drops its).
///
/// # Safety
/// `buf` must point at a `[]byte`.
unsafe fn finish(mut p: Printer, buf: *mut GoSlice) -> u8 {
    let ok = !p.declined;
    if ok {
        // SAFETY: as the caller promises.
        unsafe { append_to(buf, &p.buf) };
    }
    if p.buf.capacity() <= 64 << 10 {
        if let Some(mut kept) = SCRATCH.try_lock() {
            p.buf.clear();
            *kept = core::mem::take(&mut p.buf);
        }
    }
    ok as u8
}

/// fmt's `doPrint` (`ln` 0) / `doPrintln` (`ln` 1): appends the operands
/// `args` (a `[]any`) to `*buf` and returns 1, or returns 0 and leaves
/// `*buf` alone when an operand has a method to call (the module's
/// comment).
///
/// # Safety
/// `buf` must point at a `[]byte`; `(args, n)` must be interface values;
/// called on the system stack by compiled code.
#[no_mangle]
pub unsafe extern "C" fn rgo_fmt_append(buf: *mut GoSlice, args: *const EmptyInterface, n: usize, _cap: usize, ln: u8) -> u8 {
    crate::collector::safepoint();
    let mut p = printer();
    // SAFETY: as the caller promises.
    unsafe {
        if ln != 0 {
            p.do_println(operands(args, n));
        } else {
            p.do_print(operands(args, n));
        }
        finish(p, buf)
    }
}

/// fmt's `doPrintf`, as [`rgo_fmt_append`] does the others.
///
/// # Safety
/// `(format_ptr, format_len)` must be a Go string; as for [`rgo_fmt_append`].
#[no_mangle]
pub unsafe extern "C" fn rgo_fmt_appendf(
    buf: *mut GoSlice,
    format_ptr: *const u8,
    format_len: usize,
    args: *const EmptyInterface,
    n: usize,
    _cap: usize,
) -> u8 {
    crate::collector::safepoint();
    let mut p = printer();
    // SAFETY: as the caller promises.
    unsafe {
        p.do_printf(format_bytes(format_ptr, format_len), operands(args, n));
        finish(p, buf)
    }
}

#[cfg(test)]
mod tests;
