//! Descriptors of Go's predeclared types, as statics.

use super::{InterfaceType, Kind, List, Str, TFlag, Type};
use core::ptr;

/// FNV-1a over a type's printed form: a cheap structural hash that is the
/// same whether computed here, in [`super::build`] or by the toolchain.
pub const fn type_hash(s: &str) -> u32 {
    let b = s.as_bytes();
    let mut h: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < b.len() {
        h ^= b[i] as u32;
        h = h.wrapping_mul(0x0100_0193);
        i += 1;
    }
    h
}

/// The descriptor of a predeclared type; its size and alignment come from
/// [`Kind::size_align`], the layout the compiler uses too.
const fn scalar(name: &'static str, kind: Kind, pointers: bool) -> Type {
    let Some((size, align)) = kind.size_align() else { panic!("not a predeclared kind") };
    let align = align as u8;
    Type {
        size,
        ptrdata: if pointers { 8 } else { 0 },
        hash: type_hash(name),
        tflag: TFlag::NAMED,
        align,
        field_align: align,
        kind,
        string: Str::new(name),
        uncommon: ptr::null(),
    }
}

pub static BOOL: Type = scalar("bool", Kind::Bool, false);
pub static INT: Type = scalar("int", Kind::Int, false);
pub static INT8: Type = scalar("int8", Kind::Int8, false);
pub static INT16: Type = scalar("int16", Kind::Int16, false);
pub static INT32: Type = scalar("int32", Kind::Int32, false);
pub static INT64: Type = scalar("int64", Kind::Int64, false);
pub static UINT: Type = scalar("uint", Kind::Uint, false);
pub static UINT8: Type = scalar("uint8", Kind::Uint8, false);
pub static UINT16: Type = scalar("uint16", Kind::Uint16, false);
pub static UINT32: Type = scalar("uint32", Kind::Uint32, false);
pub static UINT64: Type = scalar("uint64", Kind::Uint64, false);
pub static UINTPTR: Type = scalar("uintptr", Kind::Uintptr, false);
pub static FLOAT32: Type = scalar("float32", Kind::Float32, false);
pub static FLOAT64: Type = scalar("float64", Kind::Float64, false);
pub static COMPLEX64: Type = scalar("complex64", Kind::Complex64, false);
pub static COMPLEX128: Type = scalar("complex128", Kind::Complex128, false);
pub static UNSAFE_POINTER: Type = scalar("unsafe.Pointer", Kind::UnsafePointer, true);

/// `string`: a pointer and a length.
pub static STRING: Type = scalar("string", Kind::String, true);

/// `interface {}` (also spelled `any`): type word and data word.
pub static EMPTY_INTERFACE: InterfaceType = InterfaceType {
    typ: Type {
        size: 16,
        ptrdata: 16,
        hash: type_hash("interface {}"),
        tflag: TFlag::empty(),
        align: 8,
        field_align: 8,
        kind: Kind::Interface,
        string: Str::new("interface {}"),
        uncommon: ptr::null(),
    },
    methods: List::new(&[]),
};

/// Looks a predeclared type up by its Go name (`byte`, `rune` and `any`
/// included).
pub fn predeclared(name: &str) -> Option<&'static Type> {
    Some(match name {
        "bool" => &BOOL,
        "int" => &INT,
        "int8" => &INT8,
        "int16" => &INT16,
        "int32" | "rune" => &INT32,
        "int64" => &INT64,
        "uint" => &UINT,
        "uint8" | "byte" => &UINT8,
        "uint16" => &UINT16,
        "uint32" => &UINT32,
        "uint64" => &UINT64,
        "uintptr" => &UINTPTR,
        "float32" => &FLOAT32,
        "float64" => &FLOAT64,
        "complex64" => &COMPLEX64,
        "complex128" => &COMPLEX128,
        "string" => &STRING,
        "unsafe.Pointer" => &UNSAFE_POINTER,
        "any" => &EMPTY_INTERFACE.typ,
        _ => return None,
    })
}
