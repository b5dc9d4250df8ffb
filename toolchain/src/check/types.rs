//! The checker's types: an interning table of Go types with their layout,
//! identity and method sets.
//!
//! Unnamed types are interned by structure, so two `TypeId`s are identical
//! types exactly when they are equal. Defined (named) types are created once
//! per declaration. For the ABI assignment a type is turned into a
//! `reflect` descriptor of the same *shape* ([`Types::shape`]): layout is
//! all the assignment looks at, and shapes break the cycles that recursive
//! Go types would otherwise need.

use crate::ir::{PtrMask, Scalar};
use reflect::types::{self as rt, Kind, TypeRef};
use std::collections::{HashMap, HashSet};

pub type TypeId = u32;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Basic {
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
    String,
    UnsafePointer,
    UntypedBool,
    UntypedInt,
    UntypedRune,
    UntypedFloat,
    UntypedComplex,
    UntypedString,
    UntypedNil,
}

impl Basic {
    pub fn name(self) -> &'static str {
        use Basic::*;
        match self {
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
            String => "string",
            UnsafePointer => "unsafe.Pointer",
            UntypedBool => "untyped bool",
            UntypedInt => "untyped int",
            UntypedRune => "untyped rune",
            UntypedFloat => "untyped float",
            UntypedComplex => "untyped complex",
            UntypedString => "untyped string",
            UntypedNil => "untyped nil",
        }
    }
    pub fn is_untyped(self) -> bool {
        use Basic::*;
        matches!(self, UntypedBool | UntypedInt | UntypedRune | UntypedFloat | UntypedComplex | UntypedString | UntypedNil)
    }
    pub fn is_integer(self) -> bool {
        use Basic::*;
        matches!(
            self,
            Int | Int8 | Int16 | Int32 | Int64 | Uint | Uint8 | Uint16 | Uint32 | Uint64 | Uintptr | UntypedInt | UntypedRune
        )
    }
    pub fn is_unsigned(self) -> bool {
        use Basic::*;
        matches!(self, Uint | Uint8 | Uint16 | Uint32 | Uint64 | Uintptr)
    }
    pub fn is_float(self) -> bool {
        matches!(self, Basic::Float32 | Basic::Float64 | Basic::UntypedFloat)
    }
    pub fn is_complex(self) -> bool {
        matches!(self, Basic::Complex64 | Basic::Complex128 | Basic::UntypedComplex)
    }
    pub fn is_numeric(self) -> bool {
        self.is_integer() || self.is_float() || self.is_complex()
    }
    pub fn is_string(self) -> bool {
        matches!(self, Basic::String | Basic::UntypedString)
    }
    pub fn is_bool(self) -> bool {
        matches!(self, Basic::Bool | Basic::UntypedBool)
    }
    /// Size in bytes of a typed basic type (0 for untyped kinds), from
    /// reflect's table, the one both sides use.
    pub fn size(self) -> u64 {
        if self.is_untyped() {
            return 0;
        }
        self.kind().size_align().map_or(0, |(s, _)| s as u64)
    }
    pub fn kind(self) -> Kind {
        use Basic::*;
        match self {
            Bool | UntypedBool => Kind::Bool,
            Int | UntypedInt => Kind::Int,
            Int8 => Kind::Int8,
            Int16 => Kind::Int16,
            Int32 | UntypedRune => Kind::Int32,
            Int64 => Kind::Int64,
            Uint => Kind::Uint,
            Uint8 => Kind::Uint8,
            Uint16 => Kind::Uint16,
            Uint32 => Kind::Uint32,
            Uint64 => Kind::Uint64,
            Uintptr => Kind::Uintptr,
            Float32 => Kind::Float32,
            Float64 | UntypedFloat => Kind::Float64,
            Complex64 => Kind::Complex64,
            Complex128 | UntypedComplex => Kind::Complex128,
            String | UntypedString => Kind::String,
            UnsafePointer => Kind::UnsafePointer,
            UntypedNil => Kind::Invalid,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FieldT {
    pub name: String,
    pub typ: TypeId,
    pub embedded: bool,
    /// The tag (empty: none); part of the type's identity, as in Go.
    pub tag: String,
    /// For an unexported name, the import path of the package the struct
    /// type is written in (names of different packages differ); empty for
    /// exported ones.
    pub pkg: String,
}

impl FieldT {
    /// A field of a struct type the compiler or runtime makes itself.
    pub fn plain(name: &str, typ: TypeId, pkg: &str) -> FieldT {
        let pkg = if crate::syntax::ast::is_exported(name) { "" } else { pkg };
        FieldT { name: name.into(), typ, embedded: false, tag: String::new(), pkg: pkg.into() }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Sig {
    pub params: Vec<TypeId>,
    pub results: Vec<TypeId>,
    /// The last parameter is `...T` (its type is `[]T`).
    pub variadic: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct IMethod {
    pub name: String,
    /// A `Func` type.
    pub sig: TypeId,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Ty {
    Basic(Basic),
    Pointer(TypeId),
    Slice(TypeId),
    Array(TypeId, u64),
    Map(TypeId, TypeId),
    Chan(u8, TypeId),
    Struct(Vec<FieldT>),
    Func(Sig),
    /// Methods sorted by name, embedded interfaces already flattened.
    Interface(Vec<IMethod>),
    /// Index into [`Types::named`].
    Named(u32),
    /// The results of a multi-value call.
    Tuple(Vec<TypeId>),
}

/// A method declared on a defined type.
#[derive(Clone, Debug)]
pub struct MethodDecl {
    pub name: String,
    /// Declared with a pointer receiver.
    pub ptr_recv: bool,
    /// The signature without receiver (a `Func` type).
    pub sig: TypeId,
}

#[derive(Clone, Debug)]
pub struct Named {
    /// Its own type id.
    pub id: TypeId,
    /// How Go prints it: `main.T`, or the bare name for predeclared `error`.
    pub name: String,
    /// Symbol-safe spelling used in symbol names.
    pub sym: String,
    pub underlying: Option<TypeId>,
    pub methods: Vec<MethodDecl>,
}

/// Where a selector found a field or method, through embedded fields.
#[derive(Clone, Debug)]
pub struct Selection {
    /// Indices of the embedded fields walked, then (for fields) the field.
    pub path: Vec<usize>,
    pub kind: SelKind,
}

#[derive(Clone, Debug)]
pub enum SelKind {
    Field(TypeId),
    /// A method declared on `named` (an index into `Types::named`), or an
    /// interface method (`named` is None, `iface` the interface type).
    Method { recv_named: Option<u32>, iface: Option<TypeId>, index: usize, ptr_recv: bool, sig: TypeId },
}

/// How [`Types`] spells a type: as Go prints it, or as symbols name it.
#[derive(Clone, Copy)]
enum Spelling {
    Go,
    /// Defined types by their symbol, unexported fields with their package.
    Link,
}

pub struct Types {
    pub list: Vec<Ty>,
    interned: HashMap<Ty, TypeId>,
    pub named: Vec<Named>,
    layout: HashMap<TypeId, (u64, u64)>,
    shapes: HashMap<TypeId, TypeRef>,
    /// The `error` type and the empty interface.
    pub error: TypeId,
    pub empty_iface: TypeId,
}

/// Predeclared basic types in a fixed order: `TypeId` = index.
pub const BASICS: [Basic; 25] = [
    Basic::Bool,
    Basic::Int,
    Basic::Int8,
    Basic::Int16,
    Basic::Int32,
    Basic::Int64,
    Basic::Uint,
    Basic::Uint8,
    Basic::Uint16,
    Basic::Uint32,
    Basic::Uint64,
    Basic::Uintptr,
    Basic::Float32,
    Basic::Float64,
    Basic::Complex64,
    Basic::Complex128,
    Basic::String,
    Basic::UnsafePointer,
    Basic::UntypedBool,
    Basic::UntypedInt,
    Basic::UntypedRune,
    Basic::UntypedFloat,
    Basic::UntypedComplex,
    Basic::UntypedString,
    Basic::UntypedNil,
];

pub fn basic_id(b: Basic) -> TypeId {
    BASICS.iter().position(|x| *x == b).unwrap() as TypeId
}

impl Types {
    pub fn new() -> Types {
        let mut t = Types {
            list: Vec::new(),
            interned: HashMap::new(),
            named: Vec::new(),
            layout: HashMap::new(),
            shapes: HashMap::new(),
            error: 0,
            empty_iface: 0,
        };
        for b in BASICS {
            t.intern(Ty::Basic(b));
        }
        t.empty_iface = t.intern(Ty::Interface(vec![]));
        let string = basic_id(Basic::String);
        let err_sig = t.intern(Ty::Func(Sig { params: vec![], results: vec![string], variadic: false }));
        let under = t.intern(Ty::Interface(vec![IMethod { name: "Error".into(), sig: err_sig }]));
        t.error = t.new_named("error", "error");
        t.set_underlying(t.error, under);
        t
    }

    pub fn intern(&mut self, ty: Ty) -> TypeId {
        if let Some(&id) = self.interned.get(&ty) {
            return id;
        }
        let id = self.list.len() as TypeId;
        self.list.push(ty.clone());
        self.interned.insert(ty, id);
        id
    }

    pub fn new_named(&mut self, name: &str, sym: &str) -> TypeId {
        let idx = self.named.len() as u32;
        let id = self.list.len() as TypeId;
        self.named.push(Named { id, name: name.into(), sym: sym.into(), underlying: None, methods: vec![] });
        self.list.push(Ty::Named(idx));
        id
    }

    pub fn set_underlying(&mut self, named: TypeId, under: TypeId) {
        let u = self.underlying(under);
        if let Ty::Named(i) = self.list[named as usize] {
            self.named[i as usize].underlying = Some(u);
        }
    }

    /// Whether `t` contains itself by value, through array elements and
    /// struct fields only (Go's invalid recursive type). Named types whose
    /// underlying type is not resolved yet are not followed: the last one
    /// of a cycle to be resolved finds the whole cycle.
    pub fn contains_itself(&self, t: TypeId) -> bool {
        let mut seen = HashSet::new();
        let mut stack = vec![self.underlying(t)];
        while let Some(u) = stack.pop() {
            let elems: Vec<TypeId> = match self.ty(u) {
                Ty::Array(e, _) => vec![*e],
                Ty::Struct(fields) => fields.iter().map(|f| f.typ).collect(),
                _ => continue,
            };
            for e in elems {
                if e == t {
                    return true;
                }
                if seen.insert(e) {
                    stack.push(self.underlying(e));
                }
            }
        }
        false
    }

    /// Forgets the underlying type of a named type found invalid, so that
    /// later passes never walk its cycle.
    pub fn reset_underlying(&mut self, named: TypeId) {
        if let Ty::Named(i) = self.list[named as usize] {
            self.named[i as usize].underlying = None;
        }
    }

    pub fn ty(&self, t: TypeId) -> &Ty {
        &self.list[t as usize]
    }

    pub fn named_info(&self, t: TypeId) -> Option<&Named> {
        match self.list[t as usize] {
            Ty::Named(i) => Some(&self.named[i as usize]),
            _ => None,
        }
    }

    pub fn named_index(&self, t: TypeId) -> Option<u32> {
        match self.list[t as usize] {
            Ty::Named(i) => Some(i),
            _ => None,
        }
    }

    /// The underlying type (itself for unnamed types). A named type whose
    /// underlying type is still being resolved yields itself.
    pub fn underlying(&self, t: TypeId) -> TypeId {
        match self.list[t as usize] {
            Ty::Named(i) => self.named[i as usize].underlying.unwrap_or(t),
            _ => t,
        }
    }

    pub fn under(&self, t: TypeId) -> &Ty {
        &self.list[self.underlying(t) as usize]
    }

    pub fn basic(&self, t: TypeId) -> Option<Basic> {
        match self.under(t) {
            Ty::Basic(b) => Some(*b),
            _ => None,
        }
    }

    pub fn pointer(&mut self, elem: TypeId) -> TypeId {
        self.intern(Ty::Pointer(elem))
    }
    pub fn slice(&mut self, elem: TypeId) -> TypeId {
        self.intern(Ty::Slice(elem))
    }
    pub fn array(&mut self, elem: TypeId, n: u64) -> TypeId {
        self.intern(Ty::Array(elem, n))
    }
    pub fn func(&mut self, params: Vec<TypeId>, results: Vec<TypeId>, variadic: bool) -> TypeId {
        self.intern(Ty::Func(Sig { params, results, variadic }))
    }
    pub fn tuple(&mut self, ts: Vec<TypeId>) -> TypeId {
        self.intern(Ty::Tuple(ts))
    }

    pub fn is_untyped(&self, t: TypeId) -> bool {
        matches!(self.list[t as usize], Ty::Basic(b) if b.is_untyped())
    }
    pub fn is_interface(&self, t: TypeId) -> bool {
        matches!(self.under(t), Ty::Interface(_))
    }
    pub fn is_named(&self, t: TypeId) -> bool {
        matches!(self.list[t as usize], Ty::Named(_)) || matches!(self.list[t as usize], Ty::Basic(b) if !b.is_untyped())
    }
    pub fn sig(&self, t: TypeId) -> Option<&Sig> {
        match self.under(t) {
            Ty::Func(s) => Some(s),
            _ => None,
        }
    }
    pub fn pointer_elem(&self, t: TypeId) -> Option<TypeId> {
        match self.under(t) {
            Ty::Pointer(e) => Some(*e),
            _ => None,
        }
    }
    pub fn iface_methods(&self, t: TypeId) -> &[IMethod] {
        match self.under(t) {
            Ty::Interface(m) => m,
            _ => &[],
        }
    }

    /// Size and alignment in bytes (amd64/arm64/riscv64 all use these).
    pub fn layout(&mut self, t: TypeId) -> (u64, u64) {
        let (s, a, _) = self.layout_of(t);
        (s, a)
    }

    /// The layout and whether it is final: a layout that involves a named
    /// type whose underlying type is still being resolved (`B` while
    /// resolving `type A struct{ p *B }; type B struct{ a A }`) is not
    /// cached, or `B` would keep `A`'s placeholder size.
    fn layout_of(&mut self, t: TypeId) -> (u64, u64, bool) {
        if let Some(&(s, a)) = self.layout.get(&t) {
            return (s, a, true);
        }
        let mut done = true;
        let (s, a) = match self.under(t).clone() {
            Ty::Basic(Basic::UntypedNil) => (8, 8),
            Ty::Basic(b) if b.is_untyped() => (0, 1),
            Ty::Basic(b) => fixed(b.kind()),
            Ty::Pointer(_) => fixed(Kind::Pointer),
            Ty::Map(..) => fixed(Kind::Map),
            Ty::Chan(..) => fixed(Kind::Chan),
            Ty::Func(_) => fixed(Kind::Func),
            Ty::Slice(_) => fixed(Kind::Slice),
            Ty::Interface(_) => fixed(Kind::Interface),
            Ty::Array(e, n) => {
                let (s, a, d) = self.layout_of(e);
                done &= d;
                (s.saturating_mul(n), a)
            }
            Ty::Struct(fields) => {
                let mut fl = Vec::with_capacity(fields.len());
                for f in &fields {
                    let (s, a, d) = self.layout_of(f.typ);
                    done &= d;
                    fl.push((s, a));
                }
                let (_, size, align) = rt::struct_layout(fl);
                (size, align)
            }
            Ty::Named(_) => {
                done = false;
                (0, 1)
            }
            Ty::Tuple(_) => (0, 1),
        };
        if done {
            self.layout.insert(t, (s, a));
        }
        (s, a, done)
    }

    pub fn size(&mut self, t: TypeId) -> u64 {
        self.layout(t).0
    }

    /// Byte offsets of a struct's fields.
    pub fn field_offsets(&mut self, t: TypeId) -> Vec<u64> {
        let Ty::Struct(fields) = self.under(t).clone() else { return vec![] };
        let fl: Vec<(u64, u64)> = fields.iter().map(|f| self.layout(f.typ)).collect();
        rt::struct_layout(fl).0
    }

    pub fn fields(&self, t: TypeId) -> Vec<FieldT> {
        match self.under(t) {
            Ty::Struct(f) => f.clone(),
            _ => vec![],
        }
    }

    /// Whether values of `t` may hold pointers (for ptrdata).
    pub fn has_pointers(&self, t: TypeId) -> bool {
        match self.under(t) {
            Ty::Basic(b) => matches!(b, Basic::String | Basic::UnsafePointer),
            Ty::Array(e, n) => *n > 0 && self.has_pointers(*e),
            Ty::Struct(f) => f.iter().any(|f| self.has_pointers(f.typ)),
            _ => true,
        }
    }

    /// Which 8-byte words of a `t` may hold a pointer the collector must
    /// follow: pointers, unsafe.Pointer, maps, channels, func values, the
    /// data word (0) of slices and strings, the data word (1) of
    /// interfaces (word 0, the type or itab, is static data), through
    /// structs and arrays. A pointer-holding type is 8-aligned, so every
    /// such word starts at a multiple of 8.
    pub fn ptr_mask(&mut self, t: TypeId) -> PtrMask {
        let mut m = PtrMask::default();
        self.add_ptrs(t, 0, &mut m);
        m
    }

    /// Adds the pointer words of a `t` that starts at word `at` to `m`.
    fn add_ptrs(&mut self, t: TypeId, at: u64, m: &mut PtrMask) {
        if !self.has_pointers(t) {
            return;
        }
        match self.under(t).clone() {
            Ty::Basic(Basic::String | Basic::UnsafePointer | Basic::UntypedNil)
            | Ty::Pointer(_)
            | Ty::Map(..)
            | Ty::Chan(..)
            | Ty::Func(_)
            | Ty::Slice(_) => m.set(at),
            Ty::Interface(_) => m.set(at + 1),
            Ty::Array(e, n) => {
                let es = self.size(e) / 8;
                let em = self.ptr_mask(e);
                if em == PtrMask::one() && es == 1 {
                    m.set_range(at, at + n);
                } else {
                    for i in 0..n {
                        m.or_shifted(&em, at + i * es);
                    }
                }
            }
            Ty::Struct(fields) => {
                let offs = self.field_offsets(t);
                for (f, off) in fields.iter().zip(offs) {
                    self.add_ptrs(f.typ, at + off / 8, m);
                }
            }
            // Basic types without pointers never get here (has_pointers);
            // a tuple or unresolved name is no value a slot holds: every
            // word may be a pointer.
            Ty::Basic(_) | Ty::Named(_) | Ty::Tuple(_) => {
                let words = self.size(t) / 8;
                m.set_range(at, at + words);
            }
        }
    }

    /// The scalar machine type of a one-register value, if `t` is one.
    pub fn scalar(&self, t: TypeId) -> Option<Scalar> {
        Some(match self.under(t) {
            Ty::Basic(b) => match b {
                Basic::Bool | Basic::UntypedBool | Basic::Uint8 => Scalar::U8,
                Basic::Int8 => Scalar::I8,
                Basic::Int16 => Scalar::I16,
                Basic::Int32 | Basic::UntypedRune => Scalar::I32,
                Basic::Int | Basic::Int64 | Basic::UntypedInt => Scalar::I64,
                Basic::Uint16 => Scalar::U16,
                Basic::Uint32 => Scalar::U32,
                Basic::Uint | Basic::Uint64 | Basic::Uintptr | Basic::UnsafePointer | Basic::UntypedNil => Scalar::U64,
                Basic::Float32 => Scalar::F32,
                Basic::Float64 | Basic::UntypedFloat => Scalar::F64,
                _ => return None,
            },
            Ty::Pointer(_) | Ty::Map(..) | Ty::Chan(..) | Ty::Func(_) => Scalar::U64,
            _ => return None,
        })
    }

    /// Go's isdirectiface: values stored directly in an interface data word.
    pub fn is_pointer_shaped(&self, t: TypeId) -> bool {
        match self.under(t) {
            Ty::Pointer(_) | Ty::Map(..) | Ty::Chan(..) | Ty::Func(_) => true,
            Ty::Basic(Basic::UnsafePointer) => true,
            Ty::Array(e, 1) => self.is_pointer_shaped(*e),
            Ty::Struct(f) if f.len() == 1 => self.is_pointer_shaped(f[0].typ),
            _ => false,
        }
    }

    pub fn comparable(&self, t: TypeId) -> bool {
        match self.under(t) {
            Ty::Slice(_) | Ty::Map(..) | Ty::Func(_) => false,
            Ty::Array(e, _) => self.comparable(*e),
            Ty::Struct(f) => f.iter().all(|f| self.comparable(f.typ)),
            _ => true,
        }
    }

    /// Go's spelling of a type, as `%T` and runtime messages print it.
    pub fn name(&self, t: TypeId) -> String {
        self.spell(t, Spelling::Go)
    }

    /// `t` spelled as `how` says.
    fn spell(&self, t: TypeId, how: Spelling) -> String {
        // Element-type chains (`[][]...T`, `**T`) are spelled prefix by
        // prefix in a loop: one pass however deep, not one string per level.
        let mut out = String::new();
        let mut t = t;
        while let Some((prefix, e)) = self.name_prefix(t, &mut out) {
            if let Some(p) = prefix {
                out.push_str(p);
            }
            t = e;
        }
        out + &crate::stack::grow(|| self.name_inner(t, how))
    }

    /// For a type spelled as a prefix and an element type (`[]E`, `*E`,
    /// `[N]E`, `chan E`): the prefix (written to `out` for arrays) and `E`.
    fn name_prefix(&self, t: TypeId, out: &mut String) -> Option<(Option<&'static str>, TypeId)> {
        Some(match self.ty(t) {
            Ty::Pointer(e) => (Some("*"), *e),
            Ty::Slice(e) => (Some("[]"), *e),
            Ty::Array(e, n) => {
                out.push_str(&format!("[{n}]"));
                (None, *e)
            }
            Ty::Chan(1, e) => (Some("<-chan "), *e),
            Ty::Chan(2, e) => (Some("chan<- "), *e),
            Ty::Chan(_, e) => (Some("chan "), *e),
            _ => return None,
        })
    }

    /// A spelling of `t` that is the same in every program and differs
    /// between distinct types: Go's spelling with defined types by their
    /// symbol, which carries their package path (and numbers local types),
    /// and unexported field names with their package. The basis of the
    /// symbols of its descriptor and itabs, so that a package's code names
    /// them alike wherever it is compiled.
    pub fn link_name(&self, t: TypeId) -> String {
        self.spell(t, Spelling::Link)
    }

    /// The first `max` or so bytes of [`Types::name`], in time bounded by
    /// `max` for element-type chains (for readable symbol names).
    pub fn short_name(&self, t: TypeId, max: usize) -> String {
        let mut out = String::new();
        let mut t = t;
        while out.len() < max {
            match self.name_prefix(t, &mut out) {
                Some((p, e)) => {
                    out.push_str(p.unwrap_or(""));
                    t = e;
                }
                None => {
                    out.push_str(&self.name(t));
                    break;
                }
            }
        }
        out
    }

    fn name_inner(&self, t: TypeId, how: Spelling) -> String {
        let name = |t: TypeId| self.spell(t, how);
        match self.ty(t) {
            Ty::Basic(b) => b.name().into(),
            Ty::Named(i) => match how {
                Spelling::Go => self.named[*i as usize].name.clone(),
                Spelling::Link => self.named[*i as usize].sym.clone(),
            },
            Ty::Pointer(e) => format!("*{}", name(*e)),
            Ty::Slice(e) => format!("[]{}", name(*e)),
            Ty::Array(e, n) => format!("[{}]{}", n, name(*e)),
            Ty::Map(k, v) => format!("map[{}]{}", name(*k), name(*v)),
            Ty::Chan(d, e) => match d {
                1 => format!("<-chan {}", name(*e)),
                2 => format!("chan<- {}", name(*e)),
                _ => format!("chan {}", name(*e)),
            },
            Ty::Struct(fields) => {
                let parts: Vec<String> = fields
                    .iter()
                    .map(|f| {
                        let field = match how {
                            Spelling::Link if !f.pkg.is_empty() => format!("{}.{}", f.pkg, f.name),
                            _ => f.name.clone(),
                        };
                        let mut s = if f.embedded { name(f.typ) } else { format!("{field} {}", name(f.typ)) };
                        if !f.tag.is_empty() {
                            s.push(' ');
                            s.push_str(&reflect::types::go_quote(f.tag.as_bytes()));
                        }
                        s
                    })
                    .collect();
                if parts.is_empty() {
                    "struct {}".into()
                } else {
                    format!("struct {{ {} }}", parts.join("; "))
                }
            }
            Ty::Func(s) => format!("func{}", self.spell_sig(s, how)),
            Ty::Interface(m) => {
                if m.is_empty() {
                    "interface {}".into()
                } else {
                    let parts: Vec<String> = m
                        .iter()
                        .map(|m| format!("{}{}", m.name, self.sig(m.sig).map(|s| self.spell_sig(s, how)).unwrap_or_default()))
                        .collect();
                    format!("interface {{ {} }}", parts.join("; "))
                }
            }
            Ty::Tuple(ts) => format!("({})", ts.iter().map(|t| name(*t)).collect::<Vec<_>>().join(", ")),
        }
    }

    /// `t` with every struct tag in it dropped, for conversions, which
    /// ignore tags. Named types stay as they are (and end the walk).
    pub fn without_tags(&mut self, t: TypeId) -> TypeId {
        crate::stack::grow(|| {
            let u = match self.ty(t).clone() {
                Ty::Struct(fs) => {
                    if fs.iter().all(|f| f.tag.is_empty()) && fs.iter().all(|f| !self.may_have_tags(f.typ)) {
                        return t;
                    }
                    let fs = fs.into_iter().map(|f| FieldT { typ: self.without_tags(f.typ), tag: String::new(), ..f }).collect();
                    Ty::Struct(fs)
                }
                Ty::Pointer(e) => Ty::Pointer(self.without_tags(e)),
                Ty::Slice(e) => Ty::Slice(self.without_tags(e)),
                Ty::Array(e, n) => Ty::Array(self.without_tags(e), n),
                Ty::Map(k, e) => Ty::Map(self.without_tags(k), self.without_tags(e)),
                Ty::Chan(d, e) => Ty::Chan(d, self.without_tags(e)),
                Ty::Func(s) => Ty::Func(Sig {
                    params: s.params.iter().map(|&p| self.without_tags(p)).collect(),
                    results: s.results.iter().map(|&r| self.without_tags(r)).collect(),
                    variadic: s.variadic,
                }),
                _ => return t,
            };
            self.intern(u)
        })
    }

    /// Whether an unnamed type `t` may hold a struct type somewhere in it.
    fn may_have_tags(&self, t: TypeId) -> bool {
        matches!(self.ty(t), Ty::Struct(_) | Ty::Pointer(_) | Ty::Slice(_) | Ty::Array(..) | Ty::Map(..) | Ty::Chan(..) | Ty::Func(_))
    }

    pub fn sig_string(&self, s: &Sig) -> String {
        self.spell_sig(s, Spelling::Go)
    }

    fn spell_sig(&self, s: &Sig, how: Spelling) -> String {
        let name = |t: TypeId| self.spell(t, how);
        let mut ps: Vec<String> = s.params.iter().map(|p| name(*p)).collect();
        if s.variadic {
            if let Some(last) = ps.last_mut() {
                *last = format!("...{}", &last[2..]);
            }
        }
        let mut out = format!("({})", ps.join(", "));
        match s.results.len() {
            0 => {}
            1 => out += &format!(" {}", name(s.results[0])),
            _ => out += &format!(" ({})", s.results.iter().map(|t| name(*t)).collect::<Vec<_>>().join(", ")),
        }
        out
    }

    /// A reflect descriptor with `t`'s layout, for the ABI assignment.
    pub fn shape(&mut self, t: TypeId) -> TypeRef {
        if let Some(&s) = self.shapes.get(&t) {
            return s;
        }
        let s: TypeRef = match self.under(t).clone() {
            Ty::Basic(b) => match b {
                Basic::Bool | Basic::UntypedBool => &rt::BOOL,
                Basic::Int | Basic::UntypedInt => &rt::INT,
                Basic::Int8 => &rt::INT8,
                Basic::Int16 => &rt::INT16,
                Basic::Int32 | Basic::UntypedRune => &rt::INT32,
                Basic::Int64 => &rt::INT64,
                Basic::Uint => &rt::UINT,
                Basic::Uint8 => &rt::UINT8,
                Basic::Uint16 => &rt::UINT16,
                Basic::Uint32 => &rt::UINT32,
                Basic::Uint64 => &rt::UINT64,
                Basic::Uintptr => &rt::UINTPTR,
                Basic::Float32 => &rt::FLOAT32,
                Basic::Float64 | Basic::UntypedFloat => &rt::FLOAT64,
                Basic::Complex64 => &rt::COMPLEX64,
                Basic::Complex128 | Basic::UntypedComplex => &rt::COMPLEX128,
                Basic::String | Basic::UntypedString => &rt::STRING,
                Basic::UnsafePointer | Basic::UntypedNil => &rt::UNSAFE_POINTER,
            },
            Ty::Pointer(_) | Ty::Map(..) | Ty::Chan(..) | Ty::Func(_) => &rt::UNSAFE_POINTER,
            Ty::Slice(_) => rt::slice_of(&rt::UINT8),
            Ty::Interface(_) => &rt::EMPTY_INTERFACE.typ,
            Ty::Array(e, n) => {
                let es = self.shape(e);
                rt::array_of(es, n as usize)
            }
            Ty::Struct(fields) => {
                let fs: Vec<rt::Field> =
                    fields.iter().enumerate().map(|(i, f)| rt::Field::new(&format!("f{i}"), self.shape(f.typ))).collect();
                rt::struct_of(&fs)
            }
            Ty::Tuple(_) | Ty::Named(_) => &rt::UINT8,
        };
        self.shapes.insert(t, s);
        s
    }

    /// Finds field or method `name` in `t` (or `*t`), searching embedded
    /// fields breadth-first as Go does. `None` if absent or ambiguous.
    pub fn lookup(&self, t: TypeId, name: &str) -> Option<Selection> {
        // A defined pointer type has fields through the pointer, no methods.
        if let (Ty::Named(_), Ty::Pointer(_)) = (self.ty(t), self.under(t)) {
            return self.lookup(self.underlying(t), name).filter(|s| !matches!(s.kind, SelKind::Method { .. }));
        }
        // A pointer to an interface has no methods either.
        if let Ty::Pointer(e) = self.ty(t) {
            if matches!(self.under(*e), Ty::Interface(_)) {
                return None;
            }
        }
        let (base, _is_ptr) = match (self.ty(t), self.under(t)) {
            (Ty::Pointer(e), _) => (*e, true),
            (Ty::Named(_), Ty::Pointer(e)) => (*e, true),
            _ => (t, false),
        };
        // Interface methods.
        if let Ty::Interface(ms) = self.under(base) {
            if let Some(i) = ms.iter().position(|m| m.name == name) {
                return Some(Selection {
                    path: vec![],
                    kind: SelKind::Method { recv_named: None, iface: Some(base), index: i, ptr_recv: false, sig: ms[i].sig },
                });
            }
            return None;
        }
        // Breadth-first over embedding depth.
        let mut level: Vec<(TypeId, Vec<usize>)> = vec![(base, vec![])];
        let mut seen: Vec<TypeId> = vec![];
        for _depth in 0..16 {
            let mut found: Vec<Selection> = vec![];
            let mut next: Vec<(TypeId, Vec<usize>)> = vec![];
            for (ty, path) in &level {
                let ty = *ty;
                if seen.contains(&ty) {
                    continue;
                }
                seen.push(ty);
                if let Ty::Named(i) = self.ty(ty) {
                    let n = &self.named[*i as usize];
                    if let Some(mi) = n.methods.iter().position(|m| m.name == name) {
                        let m = &n.methods[mi];
                        found.push(Selection {
                            path: path.clone(),
                            kind: SelKind::Method { recv_named: Some(*i), iface: None, index: mi, ptr_recv: m.ptr_recv, sig: m.sig },
                        });
                        continue;
                    }
                }
                match self.under(ty) {
                    Ty::Struct(fields) => {
                        for (fi, f) in fields.iter().enumerate() {
                            let mut p = path.clone();
                            p.push(fi);
                            if f.name == name {
                                found.push(Selection { path: p.clone(), kind: SelKind::Field(f.typ) });
                            }
                            if f.embedded {
                                let et = match self.ty(f.typ) {
                                    Ty::Pointer(e) => *e,
                                    _ => f.typ,
                                };
                                next.push((et, p));
                            }
                        }
                    }
                    Ty::Interface(ms) if !path.is_empty() => {
                        if let Some(i) = ms.iter().position(|m| m.name == name) {
                            found.push(Selection {
                                path: path.clone(),
                                kind: SelKind::Method { recv_named: None, iface: Some(ty), index: i, ptr_recv: false, sig: ms[i].sig },
                            });
                        }
                    }
                    _ => {}
                }
            }
            match found.len() {
                0 => {}
                1 => return found.pop(),
                _ => return None,
            }
            if next.is_empty() {
                return None;
            }
            level = next;
        }
        None
    }

    /// The struct field types walked by a selection path (each embedded
    /// step), with whether the step goes through a pointer.
    pub fn path_steps(&mut self, t: TypeId, path: &[usize]) -> Vec<(u64, bool, TypeId)> {
        let mut cur = match self.ty(t) {
            Ty::Pointer(e) => *e,
            _ => match self.under(t) {
                Ty::Pointer(e) => *e,
                _ => t,
            },
        };
        let mut out = vec![];
        for &i in path {
            let offs = self.field_offsets(cur);
            let fields = self.fields(cur);
            let f = &fields[i];
            let through_ptr = matches!(self.ty(f.typ), Ty::Pointer(_));
            out.push((offs[i], through_ptr, f.typ));
            cur = match self.ty(f.typ) {
                Ty::Pointer(e) => *e,
                _ => f.typ,
            };
        }
        out
    }
}

impl Default for Types {
    fn default() -> Self {
        Types::new()
    }
}

/// `(size, align)` of a kind whose layout the kind decides (reflect's table).
fn fixed(k: Kind) -> (u64, u64) {
    let (s, a) = k.size_align().expect("a kind of fixed layout");
    (s as u64, a as u64)
}

pub fn align_up(x: u64, a: u64) -> u64 {
    let a = a.max(1);
    x.div_ceil(a) * a
}
