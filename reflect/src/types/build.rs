//! Constructors of type descriptors at run time (Go's `reflect.FuncOf`,
//! `StructOf`, `ArrayOf`, `SliceOf`, `PointerTo`), for Rust callers and for
//! tools such as `abi-dump` that build types from Go source text.
//!
//! Unnamed types are interned: asking twice for `[]int` gives the same
//! descriptor, so pointer comparison is a fast path for identity. Named
//! types are new each time [`named`] is called, as a Go type declaration is.
//! Descriptors are leaked on purpose: they must be `'static` (compiled code
//! and values refer to them by address), and interning bounds the leak to
//! one descriptor per distinct type.

use super::display;
use super::predeclared::type_hash;
use super::{
    ArrayType, ChanType, FuncType, MapType, InterfaceType, Kind, List, Method, PointerType, SliceType, Str, StructField, StructType, TFlag,
    Type, TypeRef, Uncommon,
};
use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use core::ptr;

/// A struct field to build with [`struct_of`].
#[derive(Clone, Debug)]
pub struct Field {
    /// Field name (`_` for a blank field). For an embedded field, its type's name.
    pub name: String,
    pub typ: TypeRef,
    pub embedded: bool,
    /// The field's tag (empty: none).
    pub tag: String,
}

impl Field {
    pub fn new(name: &str, typ: TypeRef) -> Field {
        Field { name: name.into(), typ, embedded: false, tag: String::new() }
    }

    pub fn embedded(typ: TypeRef) -> Field {
        let name = typ.string().rsplit('.').next().unwrap_or("").trim_start_matches('*').into();
        Field { name, typ, embedded: true, tag: String::new() }
    }
}

/// Identity of an unnamed type, by the addresses of its (interned) parts.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Array(usize, usize),
    Slice(usize),
    Pointer(usize),
    Map(usize, usize),
    Chan(usize, u8),
    Func(Vec<usize>, Vec<usize>, bool),
    /// The fields, and the package of their unexported names ("" when
    /// every name is exported).
    Struct(Vec<(String, usize, bool, String)>, String),
}

/// [`Key::Struct`]'s package part: `pkg_path` when some field name is
/// unexported (it is part of those names' identity), else "".
fn struct_pkg<'a>(mut names: impl Iterator<Item = &'a str>, pkg_path: &str) -> String {
    if names.any(|n| !super::is_exported(n)) {
        pkg_path.into()
    } else {
        String::new()
    }
}

static INTERNED: spin::Mutex<BTreeMap<Key, &'static Type>> = spin::Mutex::new(BTreeMap::new());

fn addr(t: TypeRef) -> usize {
    t as *const Type as usize
}

fn intern(key: Key, make: impl FnOnce() -> &'static Type) -> &'static Type {
    let mut table = INTERNED.lock();
    if let Some(t) = table.get(&key) {
        return t;
    }
    let t = make();
    table.insert(key, t);
    t
}

/// Makes the descriptors of a program image the constructors' answers for
/// the unnamed types they describe, so that a type is one descriptor
/// however it was reached (Go's rule; reflect compares types by address).
/// Named types, and a type already interned, are left alone.
pub fn seed(descriptors: impl IntoIterator<Item = TypeRef>) {
    let mut table = INTERNED.lock();
    for t in descriptors {
        if t.is_named() {
            continue;
        }
        let key = match t.kind {
            Kind::Array => {
                let a = t.as_array().expect("an array descriptor");
                Key::Array(addr(a.elem), a.len)
            }
            Kind::Slice => Key::Slice(addr(t.elem().expect("a slice descriptor"))),
            Kind::Pointer => Key::Pointer(addr(t.elem().expect("a pointer descriptor"))),
            Kind::Map => {
                let m = t.as_map().expect("a map descriptor");
                Key::Map(addr(m.key), addr(m.elem))
            }
            Kind::Chan => {
                let c = t.as_chan().expect("a chan descriptor");
                Key::Chan(addr(c.elem), c.dir)
            }
            Kind::Func => {
                let f = t.as_func().expect("a func descriptor");
                Key::Func(f.ins.as_slice().iter().map(|&t| addr(t)).collect(), f.outs.as_slice().iter().map(|&t| addr(t)).collect(), f.variadic)
            }
            Kind::Struct => {
                let st = t.as_struct().expect("a struct descriptor");
                let fields = st.fields.as_slice();
                Key::Struct(
                    fields.iter().map(|f| (String::from(f.name.as_str()), addr(f.typ), f.embedded, String::from(f.tag.as_str()))).collect(),
                    struct_pkg(fields.iter().map(|f| f.name.as_str()), st.pkg_path.as_str()),
                )
            }
            _ => continue,
        };
        table.entry(key).or_insert(t);
    }
}

fn leak_str(s: String) -> Str {
    Str::new(Box::leak(s.into_boxed_str()))
}

fn leak_list<T: 'static>(v: Vec<T>) -> List<T> {
    List::new(Box::leak(v.into_boxed_slice()))
}

fn leak<T>(v: T) -> &'static T {
    Box::leak(Box::new(v))
}

fn header(kind: Kind, string: String, size: usize, align: usize, ptrdata: usize) -> Type {
    let hash = type_hash(&string);
    Type {
        size,
        ptrdata,
        hash,
        tflag: TFlag::empty(),
        align: align as u8,
        field_align: align as u8,
        kind,
        string: leak_str(string),
        uncommon: ptr::null(),
    }
}

/// The header of a kind whose size and alignment the kind alone decides.
fn fixed_header(kind: Kind, string: String, ptrdata: usize) -> Type {
    let (size, align) = kind.size_align().expect("a kind of fixed layout");
    header(kind, string, size, align, ptrdata)
}

/// `[len]elem`.
pub fn array_of(elem: TypeRef, len: usize) -> TypeRef {
    intern(Key::Array(addr(elem), len), || {
        let size = elem.size.checked_mul(len).expect("reflect.ArrayOf: array size overflows");
        let ptrdata = if elem.ptrdata == 0 || len == 0 { 0 } else { (len - 1) * elem.size + elem.ptrdata };
        let typ = header(Kind::Array, display::array(elem, len), size, elem.align(), ptrdata);
        &leak(ArrayType { typ, elem, len }).typ
    })
}

/// `[]elem`.
pub fn slice_of(elem: TypeRef) -> TypeRef {
    intern(Key::Slice(addr(elem)), || {
        let typ = fixed_header(Kind::Slice, display::slice(elem), 8);
        &leak(SliceType { typ, elem }).typ
    })
}

/// `*elem`.
pub fn pointer_to(elem: TypeRef) -> TypeRef {
    intern(Key::Pointer(addr(elem)), || {
        let typ = fixed_header(Kind::Pointer, display::pointer(elem), 8);
        &leak(PointerType { typ, elem }).typ
    })
}

/// `map[key]elem`.
pub fn map_of(key: TypeRef, elem: TypeRef) -> TypeRef {
    intern(Key::Map(addr(key), addr(elem)), || {
        let typ = fixed_header(Kind::Map, display::map(key, elem), 8);
        &leak(MapType { typ, key, elem }).typ
    })
}

/// `chan elem` (`dir` 3), `<-chan elem` (1) or `chan<- elem` (2).
///
/// # Panics
/// When `dir` is not 1, 2 or 3.
pub fn chan_of(dir: u8, elem: TypeRef) -> TypeRef {
    assert!((1..=3).contains(&dir), "reflect.ChanOf: bad direction {dir}");
    intern(Key::Chan(addr(elem), dir), || {
        let typ = fixed_header(Kind::Chan, display::chan(dir, elem), 8);
        &leak(ChanType { typ, elem, dir }).typ
    })
}

/// `func(ins...) (outs...)`; with `variadic`, the last input must be a slice
/// and is spelled `...T`.
///
/// # Panics
/// When `variadic` is set and the last input is missing or not a slice, as
/// Go's `reflect.FuncOf` does.
pub fn func_of(ins: &[TypeRef], outs: &[TypeRef], variadic: bool) -> TypeRef {
    if variadic {
        assert!(
            ins.last().is_some_and(|t| t.kind == Kind::Slice),
            "reflect.FuncOf: last arg of variadic func must be slice"
        );
    }
    let key = Key::Func(ins.iter().copied().map(addr).collect(), outs.iter().copied().map(addr).collect(), variadic);
    intern(key, || {
        let typ = fixed_header(Kind::Func, display::func(ins, outs, variadic), 8);
        &leak(FuncType { typ, ins: leak_list(ins.to_vec()), outs: leak_list(outs.to_vec()), variadic }).typ
    })
}

/// `struct { fields... }`, laid out as Go's compiler lays structs out
/// (including the padding byte after a trailing zero-sized field).
pub fn struct_of(fields: &[Field]) -> TypeRef {
    struct_of_in(fields, "")
}

/// [`struct_of`] written in package `pkg_path`, which qualifies its
/// unexported field names (Go's `StructField.PkgPath`).
pub fn struct_of_in(fields: &[Field], pkg_path: &str) -> TypeRef {
    let pkg = struct_pkg(fields.iter().map(|f| f.name.as_str()), pkg_path);
    let key = Key::Struct(fields.iter().map(|f| (f.name.clone(), addr(f.typ), f.embedded, f.tag.clone())).collect(), pkg.clone());
    intern(key, || {
        let (offsets, size, align) = super::struct_layout(fields.iter().map(|f| (f.typ.size as u64, f.typ.field_align as u64)));
        let mut ptrdata = 0usize;
        let mut laid = Vec::with_capacity(fields.len());
        for (f, &offset) in fields.iter().zip(&offsets) {
            let offset = offset as usize;
            if f.typ.ptrdata != 0 {
                ptrdata = offset + f.typ.ptrdata;
            }
            laid.push(StructField { name: leak_str(f.name.clone()), typ: f.typ, offset, tag: leak_str(f.tag.clone()), embedded: f.embedded });
        }
        let (size, align) = (size as usize, align as usize);
        let typ = header(Kind::Struct, display::structure(fields), size, align, ptrdata);
        &leak(StructType { typ, fields: leak_list(laid), pkg_path: leak_str(pkg) }).typ
    })
}

/// A method to attach with [`named`].
pub struct MethodSpec {
    pub name: String,
    /// Signature without receiver.
    pub mtyp: TypeRef,
    /// Func value taking the receiver as one word (see [`Method::ifn`]).
    pub ifn: *const (),
    /// Func value taking the receiver by its type (see [`Method::tfn`]); may be null.
    pub tfn: *const (),
}

/// A defined type `name` with the structure of `underlying` and `methods`
/// (sorted by name here, as Go sorts them). Every call makes a new,
/// distinct type, as a `type` declaration does.
pub fn named(name: &str, underlying: TypeRef, mut methods: Vec<MethodSpec>) -> TypeRef {
    methods.sort_by(|a, b| a.name.cmp(&b.name));
    let mut typ = Type {
        size: underlying.size,
        ptrdata: underlying.ptrdata,
        hash: type_hash(name),
        tflag: underlying.tflag | TFlag::NAMED,
        align: underlying.align,
        field_align: underlying.field_align,
        kind: underlying.kind,
        string: leak_str(name.into()),
        uncommon: ptr::null(),
    };
    if !methods.is_empty() {
        let table: Vec<Method> = methods
            .into_iter()
            .map(|m| Method { name: leak_str(m.name), mtyp: m.mtyp, ifn: m.ifn, tfn: m.tfn })
            .collect();
        typ.uncommon = leak(Uncommon { pkg_path: Str::new("main"), methods: leak_list(table) });
        typ.tflag |= TFlag::UNCOMMON;
    }
    // Copy the kind-specific tail so the new descriptor reads like the old.
    match underlying.kind {
        Kind::Array => {
            let a = underlying.as_array().unwrap();
            &leak(ArrayType { typ, elem: a.elem, len: a.len }).typ
        }
        Kind::Slice => &leak(SliceType { typ, elem: underlying.as_slice_type().unwrap().elem }).typ,
        Kind::Pointer => &leak(PointerType { typ, elem: underlying.as_pointer().unwrap().elem }).typ,
        Kind::Struct => {
            let st = underlying.as_struct().unwrap();
            &leak(StructType { typ, fields: st.fields, pkg_path: st.pkg_path }).typ
        }
        Kind::Func => {
            let f = underlying.as_func().unwrap();
            &leak(FuncType { typ, ins: f.ins, outs: f.outs, variadic: f.variadic }).typ
        }
        Kind::Map => {
            let m = underlying.as_map().unwrap();
            &leak(MapType { typ, key: m.key, elem: m.elem }).typ
        }
        Kind::Chan => {
            let c = underlying.as_chan().unwrap();
            &leak(ChanType { typ, elem: c.elem, dir: c.dir }).typ
        }
        Kind::Interface => &leak(InterfaceType { typ, methods: underlying.as_interface().unwrap().methods }).typ,
        _ => leak(typ),
    }
}
