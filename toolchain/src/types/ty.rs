//! The checker's types: Go's types as the spec defines them, type
//! parameters included, before any layout decision.
//!
//! Types live in one table per compilation ([`TypeTable`]) and are named by
//! [`TypeId`]. Structural types are interned: building `[]int` twice gives
//! one id. Two ids that differ may still be identical Go types when an
//! interface is involved (an interface's identity is its type set, which is
//! known only once its embedded interfaces are complete), so identity is a
//! predicate ([`super::predicates`]), never `==` on ids.
//!
//! Defined types ([`Named`]) and type parameters ([`TypeParam`]) are
//! created once per declaration; an instance of a generic type (`List[int]`)
//! is a `Named` whose `origin` is the generic type and whose `targs` are
//! the type arguments, made once per distinct argument list.

use super::object::ObjId;
use crate::syntax::ast::ChanDir;
// FxHash: the maps are keyed by small ids and names; SipHash was a tenth of a
// warm build's time (docs/frontend.md, Figures).
use rustc_hash::FxHashMap as HashMap;

pub use crate::check::types::Basic;

/// A type of the table. The first ids are the basic types, in the order of
/// [`BASICS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub u32);

/// A defined type: an index into [`TypeTable::named`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NamedId(pub u32);

/// A type parameter: an index into [`TypeTable::tparams`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeParamId(pub u32);

/// An interface type's elements: an index into [`TypeTable::ifaces`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IfaceId(pub u32);

/// The predeclared basic types in id order: `TypeId(i)` is `BASICS[i]`.
pub const BASICS: [Basic; 25] = {
    use Basic::*;
    [
        Bool, Int, Int8, Int16, Int32, Int64, Uint, Uint8, Uint16, Uint32, Uint64, Uintptr, Float32, Float64,
        Complex64, Complex128, String, UnsafePointer, UntypedBool, UntypedInt, UntypedRune, UntypedFloat,
        UntypedComplex, UntypedString, UntypedNil,
    ]
};

/// `byte` and `rune`: `uint8` and `int32` under their other names. They
/// are identical to those (and share their [`super::World::type_key`]) but
/// have ids of their own, so that messages name them as the source wrote
/// them, as types2's alias basic types do. Their ids follow the basic types'.
pub const BYTE: TypeId = TypeId(BASICS.len() as u32);
pub const RUNE: TypeId = TypeId(BASICS.len() as u32 + 1);

/// How many ids every table starts with: the basic types, `byte`, `rune`.
pub const PREDECLARED: usize = BASICS.len() + 2;

/// The id of a basic type.
pub fn basic(b: Basic) -> TypeId {
    TypeId(BASICS.iter().position(|x| *x == b).expect("every Basic is in BASICS") as u32)
}

/// A struct field. Unexported names carry the package that declared them:
/// two such fields of different packages are different fields.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Field {
    pub name: String,
    pub typ: TypeId,
    pub embedded: bool,
    /// The tag; empty when none was written. Part of the struct's identity.
    pub tag: String,
    /// The import path that qualifies an unexported name; empty otherwise.
    pub pkg: String,
}

/// A function type. A generic function's type parameters are not part of
/// its type: they belong to the function object (see
/// [`super::object::ObjKind::Func`]), so signatures stay internable.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Sig {
    pub params: Vec<TypeId>,
    pub results: Vec<TypeId>,
    /// The last parameter was written `...T`; its type is `[]T`.
    pub variadic: bool,
}

/// One term of a union: `T` or `~T`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Term {
    pub tilde: bool,
    pub typ: TypeId,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    Basic(Basic),
    Pointer(TypeId),
    Slice(TypeId),
    Array(TypeId, u64),
    Map(TypeId, TypeId),
    Chan(ChanDir, TypeId),
    Struct(Vec<Field>),
    Func(Sig),
    /// Each interface type written in the source is a type of its own; its
    /// type set is computed from its elements on demand.
    Interface(IfaceId),
    Named(NamedId),
    TypeParam(TypeParamId),
    /// The results of a call with several results.
    Tuple(Vec<TypeId>),
    /// A union of terms, only ever an element of an interface.
    Union(Vec<Term>),
    /// What an erroneous expression or declaration has: it silences the
    /// errors that would follow from it.
    Invalid,
}

/// A method of an interface, declared in it (not embedded).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IMethod {
    pub name: String,
    /// The import path qualifying an unexported name; empty otherwise.
    pub pkg: String,
    /// A `Func` type.
    pub sig: TypeId,
    /// The method's object (for positions and `Info::uses`).
    pub obj: ObjId,
}

/// An interface as written: its own methods and its embedded elements
/// (interfaces, other types, unions), in source order.
#[derive(Clone, Debug, Default)]
pub struct Iface {
    pub methods: Vec<IMethod>,
    pub embeds: Vec<TypeId>,
    /// Made by the checker itself (the `comparable` constraint): its type
    /// set is the comparable types.
    pub comparable: bool,
    /// Written as a bare constraint (`[T ~int]` stands for
    /// `[T interface{~int}]`): printed as its one element.
    pub implicit: bool,
    /// The type set, once computed ([`super::typeset`]); a cell so that
    /// the predicates, which only read the world, can cache it.
    pub typeset: std::cell::OnceCell<std::rc::Rc<super::typeset::TypeSet>>,
}

/// A defined type, generic or not, or an instance of a generic one.
#[derive(Clone, Debug)]
pub struct Named {
    /// Its own id in the table.
    pub id: TypeId,
    /// The type name object (for an instance, the generic type's).
    pub obj: ObjId,
    /// The generic type this is an instance of.
    pub origin: Option<NamedId>,
    /// The type arguments of an instance, one per type parameter.
    pub targs: Vec<TypeId>,
    /// The type parameters of a generic type (empty for an instance, which
    /// takes its origin's).
    pub tparams: Vec<TypeParamId>,
    /// Resolved lazily: declarations may refer to types declared later.
    pub underlying: Option<TypeId>,
    /// Methods declared on the type; empty for an instance, whose methods
    /// are its origin's (their signatures substituted where used).
    pub methods: Vec<ObjId>,
}

/// A type parameter of a generic function or type.
#[derive(Clone, Debug)]
pub struct TypeParam {
    pub id: TypeId,
    /// The type name object that declares it.
    pub obj: ObjId,
    /// Its index in its list.
    pub index: u32,
    /// Its constraint: an interface type, once resolved.
    pub constraint: Option<TypeId>,
}

/// All types of one compilation.
pub struct TypeTable {
    list: Vec<Type>,
    interned: HashMap<Type, TypeId>,
    pub named: Vec<Named>,
    pub tparams: Vec<TypeParam>,
    pub ifaces: Vec<Iface>,
    /// Instances made so far: origin and type arguments to the instance.
    instances: HashMap<(NamedId, Vec<TypeId>), TypeId>,
    /// Caches of the type-level algorithms ([`super::predicates`],
    /// [`super::subst`]); nothing else reads them.
    pub(super) memo: Memo,
}

/// What the type-level algorithms remember between calls.
#[derive(Default)]
pub(super) struct Memo {
    /// Canonical keys of types ([`super::World::type_key`]).
    pub keys: HashMap<TypeId, TypeId>,
    /// One interface per distinct type set met by `type_key`, in order.
    pub canon_ifaces: Vec<TypeId>,
    /// Interfaces whose type set is being computed: met again (a cycle,
    /// always an error), they count as the set of all types.
    pub busy_sets: std::cell::RefCell<Vec<IfaceId>>,
    /// Signatures of methods of instances, by instance and method.
    pub method_sigs: HashMap<(TypeId, ObjId), TypeId>,
}

impl Default for TypeTable {
    fn default() -> Self {
        Self::new()
    }
}

impl TypeTable {
    pub fn new() -> TypeTable {
        let mut t = TypeTable {
            list: vec![],
            interned: HashMap::default(),
            named: vec![],
            tparams: vec![],
            ifaces: vec![],
            instances: HashMap::default(),
            memo: Memo::default(),
        };
        for b in BASICS {
            t.intern(Type::Basic(b));
        }
        // Not interned: `uint8` and `int32` keep their own ids.
        t.list.push(Type::Basic(Basic::Uint8));
        t.list.push(Type::Basic(Basic::Int32));
        t
    }

    /// The type `t` is.
    pub fn get(&self, t: TypeId) -> &Type {
        &self.list[t.0 as usize]
    }

    /// The id of a structural type, made on first use.
    pub fn intern(&mut self, ty: Type) -> TypeId {
        debug_assert!(!matches!(ty, Type::Named(_) | Type::TypeParam(_) | Type::Interface(_)), "not structural");
        if let Some(&id) = self.interned.get(&ty) {
            return id;
        }
        self.push(ty)
    }

    fn push(&mut self, ty: Type) -> TypeId {
        let id = TypeId(self.list.len() as u32);
        self.list.push(ty.clone());
        if !matches!(ty, Type::Named(_) | Type::TypeParam(_) | Type::Interface(_)) {
            self.interned.insert(ty, id);
        }
        id
    }

    pub fn pointer(&mut self, elem: TypeId) -> TypeId {
        self.intern(Type::Pointer(elem))
    }

    pub fn slice(&mut self, elem: TypeId) -> TypeId {
        self.intern(Type::Slice(elem))
    }

    pub fn tuple(&mut self, ts: Vec<TypeId>) -> TypeId {
        self.intern(Type::Tuple(ts))
    }

    pub fn func(&mut self, params: Vec<TypeId>, results: Vec<TypeId>, variadic: bool) -> TypeId {
        self.intern(Type::Func(Sig { params, results, variadic }))
    }

    /// A new interface type with the given elements.
    pub fn new_interface(&mut self, iface: Iface) -> TypeId {
        let i = IfaceId(self.ifaces.len() as u32);
        self.ifaces.push(iface);
        self.push(Type::Interface(i))
    }

    /// A new defined type, its underlying type not yet known.
    pub fn new_named(&mut self, obj: ObjId) -> TypeId {
        let n = NamedId(self.named.len() as u32);
        let id = TypeId(self.list.len() as u32);
        self.named.push(Named { id, obj, origin: None, targs: vec![], tparams: vec![], underlying: None, methods: vec![] });
        self.push(Type::Named(n))
    }

    /// A new type parameter, its constraint not yet known.
    pub fn new_type_param(&mut self, obj: ObjId, index: u32) -> TypeId {
        let p = TypeParamId(self.tparams.len() as u32);
        let id = TypeId(self.list.len() as u32);
        self.tparams.push(TypeParam { id, obj, index, constraint: None });
        self.push(Type::TypeParam(p))
    }

    /// The instance of generic type `origin` with `targs` (made once per
    /// distinct list: `key` is the list in a form where identical types
    /// are equal ids, see [`super::predicates`]). Its underlying type is
    /// left for the caller to substitute.
    pub fn instance(&mut self, origin: NamedId, targs: Vec<TypeId>, key: Vec<TypeId>) -> (TypeId, bool) {
        if let Some(&t) = self.instances.get(&(origin, key.clone())) {
            return (t, false);
        }
        let obj = self.named[origin.0 as usize].obj;
        let n = NamedId(self.named.len() as u32);
        let id = TypeId(self.list.len() as u32);
        self.named.push(Named { id, obj, origin: Some(origin), targs, tparams: vec![], underlying: None, methods: vec![] });
        self.push(Type::Named(n));
        self.instances.insert((origin, key), id);
        (id, true)
    }

    pub fn named(&self, t: TypeId) -> Option<&Named> {
        match self.get(t) {
            Type::Named(n) => Some(&self.named[n.0 as usize]),
            _ => None,
        }
    }

    pub fn named_mut(&mut self, t: TypeId) -> Option<&mut Named> {
        match *self.get(t) {
            Type::Named(n) => Some(&mut self.named[n.0 as usize]),
            _ => None,
        }
    }

    pub fn type_param(&self, t: TypeId) -> Option<&TypeParam> {
        match self.get(t) {
            Type::TypeParam(p) => Some(&self.tparams[p.0 as usize]),
            _ => None,
        }
    }

    /// The index of type parameter `t` (a `TypeParam` type).
    pub fn type_param_id(&self, t: TypeId) -> TypeParamId {
        match self.get(t) {
            Type::TypeParam(p) => *p,
            other => panic!("not a type parameter: {other:?}"),
        }
    }

    pub fn iface(&self, t: TypeId) -> Option<&Iface> {
        match self.get(t) {
            Type::Interface(i) => Some(&self.ifaces[i.0 as usize]),
            _ => None,
        }
    }

    /// The underlying type: itself for every type but a defined one (a
    /// defined type whose underlying type is not resolved yet is its own).
    /// A type parameter's underlying type is its constraint interface.
    pub fn underlying(&self, t: TypeId) -> TypeId {
        match self.get(t) {
            Type::Named(n) => self.named[n.0 as usize].underlying.unwrap_or(t),
            Type::TypeParam(p) => self.tparams[p.0 as usize].constraint.map_or(t, |c| self.underlying(c)),
            _ => t,
        }
    }

    /// The underlying type, as a [`Type`].
    pub fn under(&self, t: TypeId) -> &Type {
        self.get(self.underlying(t))
    }

    /// The basic type `t` is, under any defined type.
    pub fn basic_of(&self, t: TypeId) -> Option<Basic> {
        match self.under(t) {
            Type::Basic(b) => Some(*b),
            _ => None,
        }
    }

    pub fn is_untyped(&self, t: TypeId) -> bool {
        matches!(self.get(t), Type::Basic(b) if b.is_untyped())
    }

    pub fn is_interface(&self, t: TypeId) -> bool {
        !self.is_type_param(t) && matches!(self.under(t), Type::Interface(_))
    }

    pub fn is_type_param(&self, t: TypeId) -> bool {
        matches!(self.get(t), Type::TypeParam(_))
    }

    pub fn is_named(&self, t: TypeId) -> bool {
        matches!(self.get(t), Type::Named(_) | Type::Basic(_) | Type::TypeParam(_))
    }

    /// The signature of a function type (under any defined type).
    pub fn sig(&self, t: TypeId) -> Option<&Sig> {
        match self.under(t) {
            Type::Func(s) => Some(s),
            _ => None,
        }
    }

    /// How many types the table holds (ids are below it).
    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structural_types_are_interned_and_defined_ones_are_not() {
        let mut t = TypeTable::new();
        let int = basic(Basic::Int);
        assert_eq!(t.get(int), &Type::Basic(Basic::Int));
        let a = t.slice(int);
        let b = t.slice(int);
        assert_eq!(a, b);
        let f1 = t.func(vec![a], vec![int], false);
        let f2 = t.func(vec![b], vec![int], false);
        assert_eq!(f1, f2);
        let n1 = t.new_named(ObjId(0));
        let n2 = t.new_named(ObjId(0));
        assert_ne!(n1, n2);
        assert_eq!(t.underlying(n1), n1, "unresolved: its own");
        t.named_mut(n1).unwrap().underlying = Some(a);
        assert_eq!(t.underlying(n1), a);
        let i1 = t.new_interface(Iface::default());
        let i2 = t.new_interface(Iface::default());
        assert_ne!(i1, i2, "identity of interfaces is by type set, not by id");
    }

    #[test]
    fn instances_are_made_once_per_argument_list() {
        let mut t = TypeTable::new();
        let g = t.new_named(ObjId(0));
        let Type::Named(gid) = *t.get(g) else { unreachable!() };
        let int = basic(Basic::Int);
        let s = basic(Basic::String);
        let (a, new_a) = t.instance(gid, vec![int], vec![int]);
        let (b, new_b) = t.instance(gid, vec![int], vec![int]);
        let (c, _) = t.instance(gid, vec![s], vec![s]);
        assert!(new_a && !new_b);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(t.named(a).unwrap().origin, Some(gid));
    }
}
