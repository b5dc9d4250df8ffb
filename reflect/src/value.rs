//! `Value`: a Go value of any type, as Go's `reflect.Value`.
//!
//! A Value owns a copy of its bytes (small values inline, larger ones on
//! the heap), so it never dangles; what those bytes point to (a string's
//! characters, a pointer's target) is Go memory the Value does not own.
//! Memory a Value hands to Go code (a string built from a Rust `String`, a
//! make-func closure) comes from Rust's allocator, outside Go's collected
//! heap, and is leaked on purpose, because Go code may keep it for as long
//! as it likes (the rule of docs/gc.md for Go memory Rust keeps).

use crate::error::CallError;
use crate::types::{self, EmptyInterface, Kind, Type, TypeRef};
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec;
use core::fmt;
use smallvec::SmallVec;

/// Bytes of a value stored without a heap allocation.
const INLINE: usize = 3;

#[derive(Clone)]
pub(crate) enum Data {
    Inline([u64; INLINE]),
    Heap(Box<[u64]>),
    /// A method value: the receiver and the index of the method in its
    /// type's method table.
    Method { receiver: Box<Value>, index: usize },
    /// A method value whose receiver is pointer-shaped: its type and its one
    /// word, kept inline (no allocation: `v.Method(i).Call(…)` is common).
    MethodOfWord { receiver: TypeRef, word: [u64; 1], index: usize },
}

/// The receiver of a method value: its type and its memory, as words.
pub(crate) struct MethodReceiver<'a> {
    pub typ: TypeRef,
    pub words: &'a [u64],
}

impl MethodReceiver<'_> {
    /// The receiver word of a pointer-shaped receiver: one aligned load.
    pub fn word(&self) -> u64 {
        self.words[0]
    }
}

/// Results a call returns without a heap allocation: Go functions mostly
/// return one or two.
pub const RESULTS_INLINE: usize = 2;

/// The results of a call, as Go's `Call` returns a `[]Value`: inline up to
/// [`RESULTS_INLINE`], on the heap beyond. It derefs to `[Value]`;
/// `into_vec` gives a `Vec`.
pub type Values = SmallVec<[Value; RESULTS_INLINE]>;

/// A Go value and its type. The default Value is Go's zero Value (no type).
#[derive(Clone)]
pub struct Value {
    pub(crate) typ: Option<TypeRef>,
    pub(crate) data: Data,
}

impl Default for Value {
    fn default() -> Self {
        Value::INVALID
    }
}

impl Value {
    /// Go's zero Value (no type), as a constant.
    pub(crate) const INVALID: Value = Value { typ: None, data: Data::Inline([0; INLINE]) };

    /// A value of `typ` whose memory is `words` (the type fits them).
    #[inline(always)]
    pub(crate) fn from_inline_words(typ: TypeRef, words: [u64; INLINE]) -> Value {
        debug_assert!(typ.size <= INLINE * 8);
        Value { typ: Some(typ), data: Data::Inline(words) }
    }

    /// Words a value keeps without a heap allocation.
    pub(crate) const INLINE_WORDS: usize = INLINE;

    /// The zero value of `typ` (Go's `reflect.Zero`).
    #[inline]
    pub fn zero(typ: TypeRef) -> Value {
        let words = typ.size.div_ceil(8);
        let data = if words <= INLINE { Data::Inline([0; INLINE]) } else { Data::Heap(vec![0u64; words].into_boxed_slice()) };
        Value { typ: Some(typ), data }
    }

    /// A value of `typ` copied from `bytes`, which must be exactly
    /// `typ.size()` long. Only for types without pointers: bytes from Rust
    /// cannot safely invent Go pointers (use [`Value::from_raw`] for that).
    pub fn from_bytes(typ: TypeRef, bytes: &[u8]) -> Result<Value, CallError> {
        if bytes.len() != typ.size {
            return Err(CallError::Size { typ: typ.string(), want: typ.size, have: bytes.len() });
        }
        assert!(!typ.has_pointers(), "reflect: Value::from_bytes of {typ}, which holds pointers; use from_raw");
        // SAFETY: `bytes` holds exactly `typ.size` readable bytes.
        Ok(unsafe { Value::from_raw(typ, bytes.as_ptr()) })
    }

    /// A value of `typ` copied from memory.
    ///
    /// # Safety
    /// `src` must be readable for `typ.size()` bytes, and every pointer in
    /// those bytes must be valid for whatever Go code will do with it.
    pub unsafe fn from_raw(typ: TypeRef, src: *const u8) -> Value {
        let mut v = Value::zero(typ);
        // SAFETY: `v` has room for `typ.size` bytes; the caller vouches for `src`.
        unsafe { core::ptr::copy_nonoverlapping(src, v.data_ptr_mut(), typ.size) };
        v
    }

    /// Go's `v.IsValid()`: false only for the zero Value.
    pub fn is_valid(&self) -> bool {
        self.typ.is_some()
    }

    /// The value's type.
    ///
    /// # Panics
    /// On the zero Value.
    pub fn typ(&self) -> TypeRef {
        self.typ.unwrap_or_else(|| panic!("{}", CallError::ZeroValue { method: "reflect.Value.Type" }))
    }

    pub fn kind(&self) -> Kind {
        self.typ.map_or(Kind::Invalid, |t| t.kind)
    }

    pub(crate) fn data_ptr(&self) -> *const u8 {
        match &self.data {
            Data::Inline(w) => w.as_ptr().cast(),
            Data::Heap(b) => b.as_ptr().cast(),
            Data::Method { .. } | Data::MethodOfWord { .. } => core::ptr::null(),
        }
    }

    pub(crate) fn data_ptr_mut(&mut self) -> *mut u8 {
        match &mut self.data {
            Data::Inline(w) => w.as_mut_ptr().cast(),
            Data::Heap(b) => b.as_mut_ptr().cast(),
            Data::Method { .. } | Data::MethodOfWord { .. } => core::ptr::null_mut(),
        }
    }

    /// The value's memory as words (it is 8-aligned and a whole number of
    /// words long, at least its type's size); empty for method values.
    #[inline(always)]
    pub(crate) fn words(&self) -> &[u64] {
        match &self.data {
            Data::Inline(w) => w,
            Data::Heap(b) => b,
            Data::Method { .. } | Data::MethodOfWord { .. } => &[],
        }
    }

    /// [`Value::words`], writable.
    #[inline(always)]
    pub(crate) fn words_mut(&mut self) -> &mut [u64] {
        match &mut self.data {
            Data::Inline(w) => w,
            Data::Heap(b) => b,
            Data::Method { .. } | Data::MethodOfWord { .. } => &mut [],
        }
    }

    /// The value's memory: `typ().size()` bytes, laid out as Go lays it out.
    /// Empty for method values, which have no memory of their own.
    pub fn as_bytes(&self) -> &[u8] {
        match (&self.data, self.typ) {
            (Data::Method { .. } | Data::MethodOfWord { .. }, _) | (_, None) => &[],
            // SAFETY: the buffer holds at least `size` initialized bytes.
            (_, Some(t)) => unsafe { core::slice::from_raw_parts(self.data_ptr(), t.size) },
        }
    }

    /// The value's first word, its bytes past the type's size zero: one
    /// aligned load (a value's memory is words; read as bytes, a target
    /// without fast unaligned loads would assemble it a byte at a time).
    #[inline]
    fn word(&self) -> u64 {
        let size = self.typ.map_or(0, |t| t.size);
        match self.words().first() {
            Some(&w) if size >= 8 => w,
            Some(&w) => w & ((1u64 << (size * 8)) - 1),
            None => 0,
        }
    }

    fn expect(&self, method: &'static str, ok: impl Fn(Kind) -> bool) {
        match self.typ {
            None => panic!("{}", CallError::ZeroValue { method }),
            Some(t) if !ok(t.kind) => panic!("{}", CallError::WrongKind { method, kind: t.kind }),
            _ => {}
        }
    }

    /// Go's `v.Int()`.
    pub fn int(&self) -> i64 {
        self.expect("reflect.Value.Int", |k| matches!(k, Kind::Int | Kind::Int8 | Kind::Int16 | Kind::Int32 | Kind::Int64));
        let bits = self.typ().size * 8;
        ((self.word() << (64 - bits)) as i64) >> (64 - bits)
    }

    /// Go's `v.Uint()`.
    pub fn uint(&self) -> u64 {
        self.expect("reflect.Value.Uint", |k| {
            matches!(k, Kind::Uint | Kind::Uint8 | Kind::Uint16 | Kind::Uint32 | Kind::Uint64 | Kind::Uintptr)
        });
        self.word()
    }

    /// Go's `v.Float()`.
    pub fn float(&self) -> f64 {
        self.expect("reflect.Value.Float", |k| matches!(k, Kind::Float32 | Kind::Float64));
        match self.kind() {
            Kind::Float32 => f32::from_bits(self.word() as u32) as f64,
            _ => f64::from_bits(self.word()),
        }
    }

    /// Go's `v.Complex()`: (real, imaginary).
    pub fn complex(&self) -> (f64, f64) {
        self.expect("reflect.Value.Complex", |k| matches!(k, Kind::Complex64 | Kind::Complex128));
        let b = self.as_bytes();
        if self.kind() == Kind::Complex64 {
            let part = |i: usize| f32::from_le_bytes(b[i..i + 4].try_into().unwrap()) as f64;
            (part(0), part(4))
        } else {
            let part = |i: usize| f64::from_le_bytes(b[i..i + 8].try_into().unwrap());
            (part(0), part(8))
        }
    }

    /// Go's `v.Bool()`.
    pub fn bool(&self) -> bool {
        self.expect("reflect.Value.Bool", |k| k == Kind::Bool);
        self.word() & 0xff != 0
    }

    /// Go's `v.Pointer()` for pointers, unsafe pointers, maps, chans and
    /// funcs (for a func, the closure pointer).
    #[inline]
    pub fn pointer(&self) -> *mut u8 {
        self.expect("reflect.Value.Pointer", |k| {
            matches!(k, Kind::Pointer | Kind::UnsafePointer | Kind::Map | Kind::Chan | Kind::Func | Kind::Slice)
        });
        self.word() as *mut u8
    }

    /// The bytes of a string value.
    ///
    /// # Safety
    /// The string header must point at `len` readable bytes that stay
    /// unchanged while the slice is used: true for strings built by
    /// [`Value::from_str`] and for strings Go code produced.
    pub unsafe fn string_bytes(&self) -> &[u8] {
        self.expect("reflect.Value.String", |k| k == Kind::String);
        let b = self.as_bytes();
        let ptr = u64::from_le_bytes(b[0..8].try_into().unwrap()) as *const u8;
        let len = u64::from_le_bytes(b[8..16].try_into().unwrap()) as usize;
        if len == 0 {
            return &[];
        }
        // SAFETY: the caller vouches for the string header.
        unsafe { core::slice::from_raw_parts(ptr, len) }
    }

    /// Go's `v.Len()` for arrays, slices and strings.
    pub fn len(&self) -> usize {
        self.expect("reflect.Value.Len", |k| matches!(k, Kind::Array | Kind::Slice | Kind::String));
        match self.kind() {
            Kind::Array => self.typ().as_array().unwrap().len,
            _ => u64::from_le_bytes(self.as_bytes()[8..16].try_into().unwrap()) as usize,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Go's `v.Field(i)` of a struct (a copy).
    pub fn field(&self, i: usize) -> Value {
        self.expect("reflect.Value.Field", |k| k == Kind::Struct);
        let fields = self.typ().as_struct().unwrap().fields.as_slice();
        let f = fields.get(i).unwrap_or_else(|| panic!("reflect: Field index out of range"));
        // SAFETY: the field lies inside this value's memory.
        unsafe { Value::from_raw(f.typ, self.data_ptr().add(f.offset)) }
    }

    /// Go's `v.Index(i)` of an array (a copy).
    pub fn index(&self, i: usize) -> Value {
        self.expect("reflect.Value.Index", |k| k == Kind::Array);
        let a = self.typ().as_array().unwrap();
        assert!(i < a.len, "reflect: array index out of range");
        // SAFETY: element `i < len` lies inside this value's memory.
        unsafe { Value::from_raw(a.elem, self.data_ptr().add(i * a.elem.size)) }
    }

    /// Go's `v.NumMethod()`.
    pub fn num_method(&self) -> usize {
        self.typ().methods().len()
    }

    /// Go's `v.Method(i)`: a func value with the receiver bound.
    #[inline]
    pub fn method(&self, i: usize) -> Value {
        self.try_method(i).unwrap_or_else(|e| panic!("{e}"))
    }

    #[inline]
    pub fn try_method(&self, i: usize) -> Result<Value, CallError> {
        let t = self.typ.ok_or(CallError::ZeroValue { method: "reflect.Value.Method" })?;
        if t.kind == Kind::Interface {
            return Err(CallError::InterfaceMethod);
        }
        let methods = t.methods();
        let m = methods.get(i).ok_or(CallError::MethodIndex { index: i, count: methods.len() })?;
        let data = match (t.is_pointer_shaped(), self.words()) {
            (true, &[word, ..]) => Data::MethodOfWord { receiver: t, word: [word], index: i },
            _ => Data::Method { receiver: Box::new(self.clone()), index: i },
        };
        Ok(Value { typ: Some(m.mtyp), data })
    }

    /// Go's `v.MethodByName(name)`.
    pub fn method_by_name(&self, name: &str) -> Option<Value> {
        let i = self.typ().methods().iter().position(|m| m.name.as_str() == name)?;
        Some(self.method(i))
    }

    /// The receiver and method index of a method value.
    pub(crate) fn as_method(&self) -> Option<(MethodReceiver<'_>, usize)> {
        match &self.data {
            Data::Method { receiver, index } => Some((MethodReceiver { typ: receiver.typ(), words: receiver.words() }, *index)),
            Data::MethodOfWord { receiver, word, index } => Some((MethodReceiver { typ: receiver, words: word }, *index)),
            _ => None,
        }
    }

    /// A func value calling the Go function (closure) at `closure`.
    ///
    /// # Safety
    /// `closure` must be null or a Go func value of type `typ` (its first
    /// word the code address of an ABIInternal function of that type) that
    /// stays valid while the Value is called.
    pub unsafe fn from_func_ptr(typ: TypeRef, closure: *const ()) -> Value {
        assert_eq!(typ.kind, Kind::Func, "reflect: from_func_ptr of non-func type {typ}");
        // SAFETY: a func value is one pointer-sized word.
        unsafe { Value::from_raw(typ, (&(closure as usize) as *const usize).cast()) }
    }

    /// A string value borrowing `s`.
    pub fn from_str(s: &'static str) -> Value {
        let words = [s.as_ptr() as u64, s.len() as u64];
        // SAFETY: a string is a pointer and a length; `s` lives forever.
        unsafe { Value::from_raw(&types::STRING, words.as_ptr().cast()) }
    }

    /// A string value owning (by leaking) `s`: Go code may keep the string.
    pub fn from_string(s: String) -> Value {
        Value::from_str(Box::leak(s.into_boxed_str()))
    }

    /// Go's conversion to `interface{}`: the value boxed in an empty
    /// interface (pointer-shaped values stored directly, others by a leaked
    /// heap copy, as Go's `convT` allocates).
    pub fn to_interface(&self) -> Value {
        let t = self.typ();
        let data = if t.is_pointer_shaped() {
            self.word() as *mut u8
        } else {
            Box::leak(self.as_bytes().to_vec().into_boxed_slice()).as_mut_ptr()
        };
        let e = EmptyInterface { typ: t, data };
        // SAFETY: `EmptyInterface` is exactly the two-word layout of `interface{}`.
        unsafe { Value::from_raw(&types::EMPTY_INTERFACE.typ, (&e as *const EmptyInterface).cast()) }
    }

    /// Go's `v.Elem()` of an empty interface: the dynamic value (zero Value
    /// for a nil interface).
    pub fn elem(&self) -> Value {
        self.expect("reflect.Value.Elem", |k| k == Kind::Interface);
        let b = self.as_bytes();
        let typ = u64::from_le_bytes(b[0..8].try_into().unwrap()) as *const Type;
        let data = u64::from_le_bytes(b[8..16].try_into().unwrap()) as *const u8;
        if typ.is_null() {
            return Value::default();
        }
        // SAFETY: a non-nil interface's type word points at a `'static`
        // descriptor, and its data word is the value (pointer-shaped types)
        // or points at it.
        unsafe {
            let t: TypeRef = &*typ;
            if t.is_pointer_shaped() {
                Value::from_raw(t, (&(data as usize) as *const usize).cast())
            } else {
                Value::from_raw(t, data)
            }
        }
    }
}

macro_rules! from_scalar {
    ($($rust:ty => $go:ident),* $(,)?) => {$(
        impl From<$rust> for Value {
            /// The scalar's bytes, zero-extended to a word: the Value is
            /// made whole (no copy of its bytes into a zero Value).
            #[inline]
            fn from(x: $rust) -> Value {
                const { assert!(core::mem::size_of::<$rust>() <= 8) };
                let b = x.to_le_bytes();
                let mut w = [0u8; 8];
                w[..b.len()].copy_from_slice(&b);
                debug_assert_eq!(types::$go.size, b.len());
                Value::from_inline_words(&types::$go, [u64::from_le_bytes(w), 0, 0])
            }
        }
    )*};
}

from_scalar! {
    i8 => INT8, i16 => INT16, i32 => INT32, i64 => INT64, isize => INT,
    u8 => UINT8, u16 => UINT16, u32 => UINT32, u64 => UINT64, usize => UINTPTR,
    f32 => FLOAT32, f64 => FLOAT64,
}

impl From<bool> for Value {
    #[inline]
    fn from(b: bool) -> Value {
        Value::from_inline_words(&types::BOOL, [b as u64, 0, 0])
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.typ {
            None => f.write_str("<invalid Value>"),
            Some(t) => match t.kind {
                Kind::Int | Kind::Int8 | Kind::Int16 | Kind::Int32 | Kind::Int64 => write!(f, "{}({})", t, self.int()),
                Kind::Uint | Kind::Uint8 | Kind::Uint16 | Kind::Uint32 | Kind::Uint64 | Kind::Uintptr => {
                    write!(f, "{}({})", t, self.uint())
                }
                Kind::Float32 | Kind::Float64 => write!(f, "{}({})", t, self.float()),
                Kind::Bool => write!(f, "{}({})", t, self.bool()),
                _ if self.as_method().is_some() => write!(f, "<{t} method value>"),
                _ => write!(f, "<{} Value {:02x?}>", t, self.as_bytes()),
            },
        }
    }
}
