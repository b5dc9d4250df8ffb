//! Type descriptors.
//!
//! Every Go type a program uses is described by a [`Type`] header, followed
//! for composite kinds by a kind-specific tail ([`ArrayType`], [`FuncType`],
//! ...), exactly as Go's runtime lays out `rtype` and its extensions. The
//! layout is `#[repr(C)]` and stable because the toolchain emits these
//! descriptors as static data into compiled programs; reflect reads them the
//! same way whether they came from the toolchain or from the constructors in
//! [`build`].
//!
//! Descriptors are immutable once made and live for the whole program, so
//! they are handed around as `&'static Type`.

pub mod build;
pub mod display;
pub mod goflags;
pub mod parse;
pub mod predeclared;
mod sizes;

use core::fmt;
use core::marker::PhantomData;

pub use build::{array_of, chan_of, func_of, map_of, named, pointer_to, slice_of, struct_of, Field, MethodSpec};
pub use display::go_quote;
pub use predeclared::*;
pub use sizes::{align_up, struct_layout};

/// The kind of a type, numbered as Go's `reflect.Kind`.
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Invalid = 0,
    Bool,
    Int,
    Int8,
    Int16,
    Int32,
    Int64,
    Uint,
    Uint8,
    Uint16,
    Uint32,
    Uint64,
    Uintptr,
    Float32,
    Float64,
    Complex64,
    Complex128,
    Array,
    Chan,
    Func,
    Interface,
    Map,
    Pointer,
    Slice,
    String,
    Struct,
    UnsafePointer,
}

impl Kind {
    /// Go's spelling of the kind, as `reflect.Kind.String` prints it.
    pub fn name(self) -> &'static str {
        use Kind::*;
        match self {
            Invalid => "invalid",
            Bool => "bool",
            Int => "int",
            Int8 => "int8",
            Int16 => "int16",
            Int32 => "int32",
            Int64 => "int64",
            Uint => "uint",
            Uint8 => "uint8",
            Uint16 => "uint16",
            Uint32 => "uint32",
            Uint64 => "uint64",
            Uintptr => "uintptr",
            Float32 => "float32",
            Float64 => "float64",
            Complex64 => "complex64",
            Complex128 => "complex128",
            Array => "array",
            Chan => "chan",
            Func => "func",
            Interface => "interface",
            Map => "map",
            Pointer => "ptr",
            Slice => "slice",
            String => "string",
            Struct => "struct",
            UnsafePointer => "unsafe.Pointer",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

bitflags::bitflags! {
    /// Extra facts about a type (Go's `tflag`).
    #[repr(transparent)]
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct TFlag: u8 {
        /// The type has a name of its own (a defined type, or a predeclared one).
        const NAMED = 1 << 0;
        /// `Type::uncommon` points at a method table.
        const UNCOMMON = 1 << 1;
    }
}

/// A borrowed UTF-8 string in descriptor data: a Go string header.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct Str {
    ptr: *const u8,
    len: usize,
}

impl Str {
    /// Borrows a `'static` string.
    pub const fn new(s: &'static str) -> Str {
        Str { ptr: s.as_ptr(), len: s.len() }
    }

    pub fn as_str(&self) -> &'static str {
        if self.len == 0 {
            return "";
        }
        // SAFETY: a `Str` is only built from a `&'static str` (`Str::new`) or
        // by the toolchain from UTF-8 data in the program image, which lives
        // as long as the program.
        unsafe { core::str::from_utf8_unchecked(core::slice::from_raw_parts(self.ptr, self.len)) }
    }
}

// SAFETY: a `Str` borrows immutable `'static` bytes.
unsafe impl Sync for Str {}
// SAFETY: as above.
unsafe impl Send for Str {}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// A borrowed array in descriptor data (pointer and length).
#[repr(C)]
pub struct List<T: 'static> {
    ptr: *const T,
    len: usize,
    _marker: PhantomData<&'static [T]>,
}

// SAFETY: a `List` borrows an immutable `'static` array; sharing it is
// sharing `&'static [T]`, which needs `T: Sync`.
unsafe impl<T: Sync> Sync for List<T> {}
// SAFETY: as above.
unsafe impl<T: Sync> Send for List<T> {}

impl<T> Clone for List<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for List<T> {}

impl<T: 'static> List<T> {
    pub const fn new(items: &'static [T]) -> List<T> {
        List { ptr: items.as_ptr(), len: items.len(), _marker: PhantomData }
    }

    pub fn as_slice(&self) -> &'static [T] {
        if self.len == 0 {
            return &[];
        }
        // SAFETY: a `List` is only built from a `&'static [T]` (`List::new`)
        // or by the toolchain from static data, immutable for the program's life.
        unsafe { core::slice::from_raw_parts(self.ptr, self.len) }
    }
}

/// A reference to another descriptor inside descriptor data.
pub type TypeRef = &'static Type;

/// The header every type descriptor starts with.
#[repr(C)]
pub struct Type {
    /// Bytes a value occupies.
    pub size: usize,
    /// Bytes of the prefix of a value that can hold pointers (0: none).
    pub ptrdata: usize,
    /// A hash of the type's structure, used to speed up identity checks.
    pub hash: u32,
    pub tflag: TFlag,
    /// Alignment of a value of this type.
    pub align: u8,
    /// Alignment of a struct field of this type.
    pub field_align: u8,
    pub kind: Kind,
    /// How Go prints the type, e.g. `func(int) string` or `main.T`.
    pub string: Str,
    /// Methods, when `tflag` has `UNCOMMON`; otherwise null.
    pub uncommon: *const Uncommon,
}

// SAFETY: descriptors are immutable after construction and every pointer in
// them refers to other immutable `'static` data.
unsafe impl Sync for Type {}
// SAFETY: as above; nothing in a descriptor is tied to a thread.
unsafe impl Send for Type {}

/// `[N]Elem`.
#[repr(C)]
pub struct ArrayType {
    pub typ: Type,
    pub elem: TypeRef,
    pub len: usize,
}

/// `[]Elem`.
#[repr(C)]
pub struct SliceType {
    pub typ: Type,
    pub elem: TypeRef,
}

/// `*Elem`.
#[repr(C)]
pub struct PointerType {
    pub typ: Type,
    pub elem: TypeRef,
}

/// `map[Key]Elem`: one word, a pointer to the runtime's map.
#[repr(C)]
pub struct MapType {
    pub typ: Type,
    pub key: TypeRef,
    pub elem: TypeRef,
}

/// `chan Elem`: one word, a pointer to the runtime's channel.
#[repr(C)]
pub struct ChanType {
    pub typ: Type,
    pub elem: TypeRef,
    /// 1: receive only, 2: send only, 3: both (Go's `ChanDir`).
    pub dir: u8,
}

/// One field of a struct type.
#[repr(C)]
pub struct StructField {
    /// Field name; for an embedded field, the type's name.
    pub name: Str,
    pub typ: TypeRef,
    pub offset: usize,
    /// The field's tag (empty when it has none).
    pub tag: Str,
    pub embedded: bool,
}

/// `struct { ... }`.
#[repr(C)]
pub struct StructType {
    pub typ: Type,
    pub fields: List<StructField>,
    /// The import path of the package the struct type is written in, which
    /// qualifies its unexported field names (empty when it has none).
    pub pkg_path: Str,
}

/// `func(In...) (Out...)`.
#[repr(C)]
pub struct FuncType {
    pub typ: Type,
    pub ins: List<TypeRef>,
    pub outs: List<TypeRef>,
    /// The last input is `...T`, given as `[]T`.
    pub variadic: bool,
}

/// One method of an interface type.
#[repr(C)]
pub struct InterfaceMethod {
    pub name: Str,
    /// The method's signature without receiver.
    pub typ: TypeRef,
}

/// `interface { ... }`: two words (type or itab, data).
#[repr(C)]
pub struct InterfaceType {
    pub typ: Type,
    pub methods: List<InterfaceMethod>,
}

/// One method of a concrete type.
#[repr(C)]
pub struct Method {
    pub name: Str,
    /// Signature without receiver.
    pub mtyp: TypeRef,
    /// Func value (closure) of the method taking its receiver as one word: the
    /// value itself when it is pointer-shaped, otherwise a pointer to it.
    /// This is how interface and reflect method-value calls reach methods.
    pub ifn: *const (),
    /// Func value of the method taking its receiver assigned by its type, as
    /// static calls do. Null when no such entry was emitted.
    pub tfn: *const (),
}

/// Method table of a named type, sorted by name.
#[repr(C)]
pub struct Uncommon {
    pub pkg_path: Str,
    pub methods: List<Method>,
}

/// The first word of a non-empty interface value: which concrete type it
/// holds and where that type's methods are, in the interface's method order
/// (sorted by name). The toolchain emits these statically; the runtime builds
/// the others on demand. `fun` is a trailing array of code addresses that
/// take the receiver as one word (the interface data word).
#[repr(C)]
pub struct Itab {
    pub inter: *const InterfaceType,
    pub typ: *const Type,
    pub fun: [*const (); 0],
}

/// Go's `iface`: the memory layout of a non-empty interface value.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NonEmptyInterface {
    pub itab: *const Itab,
    pub data: *mut u8,
}

/// A `reflect.Value` of rgo's Go-written reflect package: `struct { typ
/// *rtype; ptr unsafe.Pointer; flag }` (flag bits in [`goflags`]).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct GoValue {
    /// The value's type; null for the zero (invalid) Value.
    pub typ: *const Type,
    /// Where the value is (flag [`goflags::INDIR`]), else the
    /// pointer-shaped value itself.
    pub ptr: *mut u8,
    pub flag: usize,
}

/// The head of a func value rgo's Go-written reflect package makes at run
/// time (`funcStub` in `toolchain/lib/reflect/makefunc.go`, field for
/// field). Its code is rt-core's `rgo_reflect_gostub`, whose handler reads
/// the rest by `kind`: a [`GoMakeFunc`] or a [`GoMethodFunc`].
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct GoFuncStub {
    /// `rgo_reflect_gostub`: what a call of the func value runs.
    pub code: *const (),
    /// The func value's type.
    pub ftyp: *const Type,
    /// One of the `goflags::STUB_*` constants.
    pub kind: usize,
    /// The call layout of `ftyp` (`&'static reflect::layout::Layout`),
    /// filled in by the runtime at the first call; 0 before.
    pub layout: usize,
}

/// A func value made by reflect.MakeFunc (`makeFuncImpl`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct GoMakeFunc {
    pub head: GoFuncStub,
    /// `reflect.Value`'s descriptor, for the `[]Value` of the arguments.
    pub vtyp: *const Type,
    /// The implementation, `func([]Value) []Value`, and its type.
    pub fn_: *const (),
    pub fntyp: *const Type,
    /// Go's checks of the implementation's results, `func(ftyp *rtype, out
    /// []Value) []Value`, returning them made exactly of the result types;
    /// and its type.
    pub check: *const (),
    pub checktyp: *const Type,
}

/// A method bound to its receiver, or a method's `Func` (`methodStub`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct GoMethodFunc {
    pub head: GoFuncStub,
    /// The receiver's dynamic type, whose method table holds `method`.
    pub recv: *const Type,
    /// A method value's receiver as an interface data word (unused for a
    /// method's `Func`).
    pub word: *mut u8,
    pub method: *const Method,
}

/// Go's `eface`: the memory layout of an empty interface value.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EmptyInterface {
    pub typ: *const Type,
    pub data: *mut u8,
}

impl Type {
    pub fn kind(&self) -> Kind {
        self.kind
    }

    pub fn size(&self) -> usize {
        self.size
    }

    pub fn align(&self) -> usize {
        self.align as usize
    }

    /// True when values of this type can hold pointers.
    pub fn has_pointers(&self) -> bool {
        self.ptrdata != 0
    }

    pub fn is_named(&self) -> bool {
        self.tflag.contains(TFlag::NAMED)
    }

    /// Go's spelling of the type.
    pub fn string(&self) -> &'static str {
        self.string.as_str()
    }

    /// Go's "pointer-shaped" test: the value is stored directly in an
    /// interface's data word (Go's `!ifaceIndir`).
    pub fn is_pointer_shaped(&self) -> bool {
        match self.kind {
            Kind::Pointer | Kind::UnsafePointer | Kind::Chan | Kind::Map | Kind::Func => true,
            Kind::Struct => {
                let fields = self.as_struct().map(|s| s.fields.as_slice()).unwrap_or(&[]);
                fields.len() == 1 && fields[0].typ.is_pointer_shaped()
            }
            Kind::Array => self.as_array().is_some_and(|a| a.len == 1 && a.elem.is_pointer_shaped()),
            _ => false,
        }
    }

    pub fn as_array(&self) -> Option<&ArrayType> {
        // SAFETY: a descriptor of kind Array is always the header of an `ArrayType`.
        (self.kind == Kind::Array).then(|| unsafe { &*(self as *const Type).cast::<ArrayType>() })
    }

    pub fn as_slice_type(&self) -> Option<&SliceType> {
        // SAFETY: a descriptor of kind Slice is always the header of a `SliceType`.
        (self.kind == Kind::Slice).then(|| unsafe { &*(self as *const Type).cast::<SliceType>() })
    }

    pub fn as_pointer(&self) -> Option<&PointerType> {
        // SAFETY: a descriptor of kind Pointer is always the header of a `PointerType`.
        (self.kind == Kind::Pointer).then(|| unsafe { &*(self as *const Type).cast::<PointerType>() })
    }

    pub fn as_map(&self) -> Option<&MapType> {
        // SAFETY: a descriptor of kind Map is always the header of a `MapType`.
        (self.kind == Kind::Map).then(|| unsafe { &*(self as *const Type).cast::<MapType>() })
    }

    pub fn as_chan(&self) -> Option<&ChanType> {
        // SAFETY: a descriptor of kind Chan is always the header of a `ChanType`.
        (self.kind == Kind::Chan).then(|| unsafe { &*(self as *const Type).cast::<ChanType>() })
    }

    pub fn as_struct(&self) -> Option<&StructType> {
        // SAFETY: a descriptor of kind Struct is always the header of a `StructType`.
        (self.kind == Kind::Struct).then(|| unsafe { &*(self as *const Type).cast::<StructType>() })
    }

    pub fn as_func(&self) -> Option<&FuncType> {
        // SAFETY: a descriptor of kind Func is always the header of a `FuncType`.
        (self.kind == Kind::Func).then(|| unsafe { &*(self as *const Type).cast::<FuncType>() })
    }

    pub fn as_interface(&self) -> Option<&InterfaceType> {
        // SAFETY: a descriptor of kind Interface is always the header of an `InterfaceType`.
        (self.kind == Kind::Interface).then(|| unsafe { &*(self as *const Type).cast::<InterfaceType>() })
    }

    /// The element type of an array, slice, pointer, map or channel.
    pub fn elem(&self) -> Option<TypeRef> {
        match self.kind {
            Kind::Array => self.as_array().map(|a| a.elem),
            Kind::Slice => self.as_slice_type().map(|s| s.elem),
            Kind::Pointer => self.as_pointer().map(|p| p.elem),
            Kind::Map => self.as_map().map(|m| m.elem),
            Kind::Chan => self.as_chan().map(|c| c.elem),
            _ => None,
        }
    }

    /// The methods of a named type (empty for other types).
    pub fn methods(&self) -> &'static [Method] {
        if !self.tflag.contains(TFlag::UNCOMMON) || self.uncommon.is_null() {
            return &[];
        }
        // SAFETY: UNCOMMON says `uncommon` points at a live `Uncommon`.
        unsafe { (*self.uncommon).methods.as_slice() }
    }

    /// Go's type identity: the same descriptor, or two unnamed types with
    /// identical structure (descriptors of one type may exist twice when
    /// some come from a program image and others from [`build`]).
    pub fn identical(&'static self, other: &'static Type) -> bool {
        if core::ptr::eq(self, other) {
            return true;
        }
        if self.kind != other.kind || self.hash != other.hash || self.size != other.size {
            return false;
        }
        if self.is_named() || other.is_named() {
            // Two descriptors of one named type are the same descriptor,
            // except predeclared types, which may be duplicated.
            return self.uncommon.is_null()
                && other.uncommon.is_null()
                && self.is_named()
                && other.is_named()
                && self.string() == other.string()
                && is_predeclared_kind(self.kind);
        }
        match self.kind {
            Kind::Array => {
                let (a, b) = (self.as_array().unwrap(), other.as_array().unwrap());
                a.len == b.len && a.elem.identical(b.elem)
            }
            Kind::Slice | Kind::Pointer => self.elem().unwrap().identical(other.elem().unwrap()),
            Kind::Map => {
                let (a, b) = (self.as_map().unwrap(), other.as_map().unwrap());
                a.key.identical(b.key) && a.elem.identical(b.elem)
            }
            Kind::Chan => {
                let (a, b) = (self.as_chan().unwrap(), other.as_chan().unwrap());
                a.dir == b.dir && a.elem.identical(b.elem)
            }
            Kind::Struct => {
                let (a, b) = (self.as_struct().unwrap().fields.as_slice(), other.as_struct().unwrap().fields.as_slice());
                a.len() == b.len()
                    && a.iter().zip(b).all(|(x, y)| {
                        x.name.as_str() == y.name.as_str()
                            && x.embedded == y.embedded
                            && x.tag.as_str() == y.tag.as_str()
                            && x.typ.identical(y.typ)
                    })
                    && (a.iter().all(|f| is_exported(f.name.as_str()))
                        || self.as_struct().unwrap().pkg_path.as_str() == other.as_struct().unwrap().pkg_path.as_str())
            }
            Kind::Func => {
                let (a, b) = (self.as_func().unwrap(), other.as_func().unwrap());
                let same = |x: &[TypeRef], y: &[TypeRef]| x.len() == y.len() && x.iter().zip(y).all(|(p, q)| p.identical(q));
                a.variadic == b.variadic && same(a.ins.as_slice(), b.ins.as_slice()) && same(a.outs.as_slice(), b.outs.as_slice())
            }
            Kind::Interface => {
                let (a, b) = (self.as_interface().unwrap().methods.as_slice(), other.as_interface().unwrap().methods.as_slice());
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.name.as_str() == y.name.as_str() && x.typ.identical(y.typ))
            }
            // Every unnamed type is one of the kinds above.
            _ => false,
        }
    }

    /// Assignability for reflect calls: identical types, or any type to the
    /// empty interface. (Go also allows a named and an unnamed type with the
    /// same underlying type, and concrete types to non-empty interfaces they
    /// implement; descriptors do not record underlying types or itabs yet.)
    pub fn assignable_to(&'static self, to: &'static Type) -> bool {
        if self.identical(to) {
            return true;
        }
        if to.kind == Kind::Interface && to.as_interface().is_some_and(|i| i.methods.len == 0) {
            return true;
        }
        false
    }
}

fn is_predeclared_kind(k: Kind) -> bool {
    !matches!(k, Kind::Array | Kind::Chan | Kind::Func | Kind::Interface | Kind::Map | Kind::Pointer | Kind::Slice | Kind::Struct)
}

impl fmt::Debug for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Type({})", self.string())
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.string())
    }
}

impl Eq for Type {}

impl PartialEq for Type {
    fn eq(&self, other: &Self) -> bool {
        core::ptr::eq(self, other)
    }
}

/// Whether a field or method name is exported (starts with an upper case
/// letter), as Go decides it.
pub fn is_exported(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase)
}
