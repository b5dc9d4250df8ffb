//! The type checker: syntax trees of a package to facts about them.
//!
//! This is go/types' (and gc's types2') job, and only that: it resolves
//! names to objects, gives every expression its type and constant value,
//! checks the program against the spec, generics included, and reports
//! errors with gc's positions and wording. It emits no IR; lowering reads
//! the facts it records ([`Info`]). docs/frontend.md says how the pieces
//! fit and how the compiler moves onto this checker.
//!
//! - [`ty`]: the types (interned structural types, defined types with
//!   their package, origin and type arguments, type parameters);
//! - [`object`]: objects, scopes, packages, each with an identity;
//! - [`World`]: all of those for one compilation, with the universe.

mod access;
mod call;
mod check;
mod decl;
mod export;
mod expr;
mod format;
mod generic;
mod initorder;
pub mod labels;
mod literal;
mod mono;
mod later;
pub mod lookup;
pub mod object;
pub mod predicates;
mod relations;
mod sizes;
mod stmt;
pub mod subst;
pub mod terminating;
#[cfg(test)]
mod testing;
#[cfg(test)]
mod source_tests;
pub mod ty;
pub mod typeset;
pub mod unify;
mod typexpr;

pub use check::{check_package, ImportError, Importer, InWorld, MAX_ERRORS};
pub use export::{read as read_export, refs as export_refs, write as write_export};

pub use crate::check::constant;

use crate::diag::Pos;
use crate::syntax::ast::ExprId;
use constant::Const;
use object::{Builtin, ObjId, ObjKind, Object, Package, PkgId, Scope, ScopeId, ScopeKind};
use ty::{basic, Basic, IMethod, Iface, Type, TypeId, TypeTable};

/// Every package, object, scope and type of one compilation. Packages are
/// checked one at a time (each after those it imports) into the same world,
/// so an imported package's objects are the very objects its importers use.
pub struct World {
    pub types: TypeTable,
    pub objs: Vec<Object>,
    pub scopes: Vec<Scope>,
    pub pkgs: Vec<Package>,
    pub universe: ScopeId,
    /// Package unsafe, the one package the checker knows by name.
    pub unsafe_pkg: PkgId,
    /// Predeclared types that are not basic: `error`, `any`,
    /// `comparable`'s constraint interface, and the invalid type (what an
    /// expression has after an error, silencing follow-on errors).
    pub error: TypeId,
    pub any: TypeId,
    pub comparable: TypeId,
    pub invalid: TypeId,
    /// Package main's import path in its module (`example.com/app/cmd/app`),
    /// when it has one: the go command's rule for `internal` packages reads
    /// it (package main itself is checked as `main`).
    pub main_import_path: Option<String>,
    /// Package main is the generated main of a test binary (`rgo test`),
    /// which imports internal packages of any tree (the package under test,
    /// `testing/internal/testdeps`), as the go command's test main does.
    pub main_is_test: bool,
}

impl Default for World {
    fn default() -> Self {
        Self::new()
    }
}

impl World {
    /// A world holding the universe and package unsafe.
    pub fn new() -> World {
        let mut types = TypeTable::new();
        let invalid = types.intern(Type::Invalid);
        let mut w = World {
            types,
            objs: vec![],
            scopes: vec![Scope::new(None, ScopeKind::Universe)],
            pkgs: vec![],
            universe: ScopeId(0),
            unsafe_pkg: PkgId(0),
            error: invalid,
            any: invalid,
            comparable: invalid,
            invalid,
            main_import_path: None,
            main_is_test: false,
        };
        w.fill_universe();
        w
    }

    pub fn obj(&self, o: ObjId) -> &Object {
        &self.objs[o.0 as usize]
    }

    pub fn obj_mut(&mut self, o: ObjId) -> &mut Object {
        &mut self.objs[o.0 as usize]
    }

    pub fn scope(&self, s: ScopeId) -> &Scope {
        &self.scopes[s.0 as usize]
    }

    pub fn pkg(&self, p: PkgId) -> &Package {
        &self.pkgs[p.0 as usize]
    }

    pub fn pkg_mut(&mut self, p: PkgId) -> &mut Package {
        &mut self.pkgs[p.0 as usize]
    }

    pub fn new_obj(&mut self, name: &str, pos: Pos, pkg: Option<PkgId>, kind: ObjKind, typ: Option<TypeId>) -> ObjId {
        let id = ObjId(self.objs.len() as u32);
        self.objs.push(Object { name: name.to_string(), pos, pkg, kind, typ, used: false });
        id
    }

    pub fn new_scope(&mut self, parent: Option<ScopeId>, kind: ScopeKind) -> ScopeId {
        let id = ScopeId(self.scopes.len() as u32);
        self.scopes.push(Scope::new(parent, kind));
        id
    }

    /// Declares `obj` in `scope` under its name; the object already
    /// declared there under it, if any (then nothing changes).
    pub fn declare(&mut self, scope: ScopeId, obj: ObjId) -> Result<(), ObjId> {
        let name = self.objs[obj.0 as usize].name.clone();
        self.scopes[scope.0 as usize].insert(&name, obj)
    }

    /// Looks `name` up from `scope` outwards: the object and the scope that
    /// declares it.
    pub fn lookup(&self, mut scope: ScopeId, name: &str) -> Option<(ObjId, ScopeId)> {
        loop {
            let s = self.scope(scope);
            if let Some(o) = s.get(name) {
                return Some((o, scope));
            }
            scope = s.parent?;
        }
    }

    /// A new package with an empty scope whose parent is the universe.
    pub fn new_package(&mut self, path: &str, name: &str) -> PkgId {
        let scope = self.new_scope(Some(self.universe), ScopeKind::Package);
        let id = PkgId(self.pkgs.len() as u32);
        self.pkgs.push(Package { path: path.to_string(), name: name.to_string(), scope, complete: false, go_api: None });
        id
    }

    /// The package with import path `path`, if it is in the world.
    pub fn package_by_path(&self, path: &str) -> Option<PkgId> {
        self.pkgs.iter().position(|p| p.path == path).map(|i| PkgId(i as u32))
    }

    fn universe_obj(&mut self, name: &str, kind: ObjKind, typ: Option<TypeId>) -> ObjId {
        let o = self.new_obj(name, Pos::new("<universe>".into(), 0, 0), None, kind, typ);
        self.declare(self.universe, o).expect("universe names are distinct");
        o
    }

    fn fill_universe(&mut self) {
        let universe_types = [
            ("bool", Basic::Bool),
            ("int", Basic::Int),
            ("int8", Basic::Int8),
            ("int16", Basic::Int16),
            ("int32", Basic::Int32),
            ("int64", Basic::Int64),
            ("uint", Basic::Uint),
            ("uint8", Basic::Uint8),
            ("uint16", Basic::Uint16),
            ("uint32", Basic::Uint32),
            ("uint64", Basic::Uint64),
            ("uintptr", Basic::Uintptr),
            ("float32", Basic::Float32),
            ("float64", Basic::Float64),
            ("complex64", Basic::Complex64),
            ("complex128", Basic::Complex128),
            ("string", Basic::String),
        ];
        for (name, b) in universe_types {
            self.universe_obj(name, ObjKind::TypeName { alias: false }, Some(basic(b)));
        }
        self.universe_obj("byte", ObjKind::TypeName { alias: true }, Some(ty::BYTE));
        self.universe_obj("rune", ObjKind::TypeName { alias: true }, Some(ty::RUNE));

        // type error interface{ Error() string }
        let err_obj = self.universe_obj("error", ObjKind::TypeName { alias: false }, None);
        let error = self.types.new_named(err_obj);
        self.obj_mut(err_obj).typ = Some(error);
        let sig = self.types.func(vec![], vec![basic(Basic::String)], false);
        let m = self.new_obj("Error", Pos::new("<universe>".into(), 0, 0), None, ObjKind::Func { tparams: vec![], method: None }, Some(sig));
        let under = self.types.new_interface(Iface {
            methods: vec![IMethod { name: "Error".into(), pkg: String::new(), sig, obj: m }],
            ..Iface::default()
        });
        if let ObjKind::Func { method, .. } = &mut self.obj_mut(m).kind {
            *method = Some(object::Method { recv: under, ptr_recv: false });
        }
        self.types.named_mut(error).expect("error is defined").underlying = Some(under);
        self.error = error;

        // any = interface{}
        self.any = self.types.new_interface(Iface::default());
        self.universe_obj("any", ObjKind::TypeName { alias: true }, Some(self.any));

        // comparable: a defined type whose underlying interface's type set
        // is the comparable types.
        let cmp_obj = self.universe_obj("comparable", ObjKind::TypeName { alias: false }, None);
        let comparable = self.types.new_named(cmp_obj);
        self.obj_mut(cmp_obj).typ = Some(comparable);
        let under = self.types.new_interface(Iface { comparable: true, ..Iface::default() });
        self.types.named_mut(comparable).expect("comparable is defined").underlying = Some(under);
        self.comparable = comparable;

        self.universe_obj("true", ObjKind::Const { value: Some(Const::Bool(true)) }, Some(basic(Basic::UntypedBool)));
        self.universe_obj("false", ObjKind::Const { value: Some(Const::Bool(false)) }, Some(basic(Basic::UntypedBool)));
        self.universe_obj("iota", ObjKind::Const { value: Some(Const::Int(0)) }, Some(basic(Basic::UntypedInt)));
        self.universe_obj("nil", ObjKind::Nil, Some(basic(Basic::UntypedNil)));
        for (name, b) in Builtin::UNIVERSE {
            self.universe_obj(name, ObjKind::Builtin(b), None);
        }

        // package unsafe: Pointer and its builtins.
        let unsafe_pkg = self.new_package("unsafe", "unsafe");
        let scope = self.pkg(unsafe_pkg).scope;
        let pos = Pos::new("<unsafe>".into(), 0, 0);
        let p = self.new_obj("Pointer", pos.clone(), Some(unsafe_pkg), ObjKind::TypeName { alias: false }, Some(basic(Basic::UnsafePointer)));
        self.declare(scope, p).expect("unsafe names are distinct");
        for (name, b) in Builtin::UNSAFE {
            let o = self.new_obj(name, pos.clone(), Some(unsafe_pkg), ObjKind::Builtin(b), None);
            self.declare(scope, o).expect("unsafe names are distinct");
        }
        self.pkgs[unsafe_pkg.0 as usize].complete = true;
        self.unsafe_pkg = unsafe_pkg;
    }
}

/// What an expression is, beyond its type (go/types' operand modes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// An erroneous expression (reported): never recorded.
    Invalid,
    /// A call of a function without results.
    NoValue,
    /// A built-in function (only ever called).
    Builtin(Builtin),
    /// A type.
    TypeExpr,
    /// A constant; its value is recorded with it.
    Constant,
    /// An addressable variable.
    Variable,
    /// A map index expression (assignable, not addressable).
    MapIndex,
    /// Any other value.
    Value,
    /// A value that may also be used in a two-value context (`v, ok`): map
    /// index, type assertion, receive.
    CommaOk,
}

/// An expression being checked: what it is, its type, its constant value.
#[derive(Clone, Debug)]
pub struct Operand<'e> {
    pub mode: Mode,
    pub typ: TypeId,
    pub value: Option<Const>,
    /// The expression (for messages and for recording facts).
    pub expr: Option<&'e crate::syntax::ast::Expr>,
}

/// What the checker records of one expression.
#[derive(Clone, Debug)]
pub struct TypeAndValue {
    pub mode: Mode,
    pub typ: TypeId,
    pub value: Option<Const>,
}

/// How a selector `x.f` resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelectionKind {
    /// A field of `x`'s struct type (or of a struct embedded in it).
    FieldVal,
    /// A method value: `x.M` where `x` is a value.
    MethodVal,
    /// A method expression: `T.M` where `T` is a type.
    MethodExpr,
}

#[derive(Clone, Debug)]
pub struct Selection {
    pub kind: SelectionKind,
    /// The type of `x` (for a method expression, the type `T`).
    pub recv: TypeId,
    /// The field's or method's object (fields: the index path's last
    /// element names it; `obj` is the method for methods).
    pub obj: Option<ObjId>,
    /// The path through embedded fields: field indices, then (for a field)
    /// the field's own index, or (for a method) the method's index in its
    /// type's method list.
    pub index: Vec<u32>,
    /// A pointer was followed on the way (through an embedded pointer, or
    /// `x` itself a pointer).
    pub indirect: bool,
    /// The type of the selector expression.
    pub typ: TypeId,
}

/// The type arguments of a generic function or type used at an identifier
/// (written or inferred), and the instantiated type.
#[derive(Clone, Debug)]
pub struct Instance {
    pub targs: Vec<TypeId>,
    pub typ: TypeId,
}

/// A table keyed by expression or identifier ids, which are dense in a
/// compilation.
#[derive(Clone, Debug)]
pub struct IdMap<T> {
    slots: Vec<Option<T>>,
}

impl<T> Default for IdMap<T> {
    fn default() -> Self {
        IdMap { slots: vec![] }
    }
}

impl<T> IdMap<T> {
    pub fn get(&self, id: ExprId) -> Option<&T> {
        self.slots.get(id as usize).and_then(Option::as_ref)
    }

    pub fn insert(&mut self, id: ExprId, v: T) {
        let i = id as usize;
        if i >= self.slots.len() {
            self.slots.resize_with(i + 1, || None);
        }
        self.slots[i] = Some(v);
    }

    pub fn len(&self) -> usize {
        self.slots.iter().filter(|s| s.is_some()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The facts the checker records; lowering reads nothing else.
#[derive(Default)]
pub struct Info {
    /// Every expression (types included): its mode, type, constant value.
    pub types: IdMap<TypeAndValue>,
    /// Identifiers that declare an object, by identifier id.
    pub defs: IdMap<ObjId>,
    /// Identifiers that denote an object, by identifier id (the selected
    /// identifier of a qualified identifier `pkg.Name` included).
    pub uses: IdMap<ObjId>,
    /// Selector expressions other than qualified identifiers, by
    /// expression id.
    pub selections: IdMap<Selection>,
    /// Identifiers naming a generic function or type that is instantiated
    /// there, by identifier id.
    pub instances: IdMap<Instance>,
    /// The variable a type switch declares in each clause, by the id of the
    /// bound identifier: one object per clause, in clause order.
    pub implicits: IdMap<Vec<ObjId>>,
    /// Package-level variables in initialization order, with the
    /// left-hand sides each initializer assigns.
    pub init_order: Vec<Initializer>,
}

/// One package-level initialization: `lhs = rhs`, `lhs` in source order
/// (several for `var a, b = f()`).
#[derive(Clone, Debug)]
pub struct Initializer {
    pub lhs: Vec<ObjId>,
    pub rhs: ExprId,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_universe_declares_gos_predeclared_names() {
        let w = World::new();
        for name in ["int", "byte", "rune", "error", "any", "comparable", "true", "iota", "nil", "append", "println"] {
            assert!(w.lookup(w.universe, name).is_some(), "{name}");
        }
        // byte is uint8 under its own name: identical, one key, printed as written.
        let (byte, _) = w.lookup(w.universe, "byte").unwrap();
        let t = w.obj(byte).typ.unwrap();
        assert!(w.identical(t, basic(Basic::Uint8)));
        assert_eq!(w.type_string(t, None), "byte");
        assert_eq!(w.type_string(basic(Basic::Uint8), None), "uint8");
        let err = w.types.named(w.error).unwrap();
        assert_eq!(w.obj(err.obj).name, "error");
        assert!(w.types.is_interface(w.error));
        let u = w.pkg(w.unsafe_pkg);
        assert_eq!(u.path, "unsafe");
        assert!(w.scope(u.scope).get("Pointer").is_some() && w.scope(u.scope).get("Sizeof").is_some());
        assert!(w.lookup(w.universe, "Pointer").is_none());
    }

    #[test]
    fn lookups_go_outwards_and_redeclarations_are_refused() {
        let mut w = World::new();
        let p = w.new_package("example.com/p", "p");
        let ps = w.pkg(p).scope;
        let f = w.new_scope(Some(ps), ScopeKind::Func);
        let pos = Pos::new("a.go".into(), 1, 1);
        let x = w.new_obj("x", pos.clone(), Some(p), ObjKind::Var { kind: object::VarKind::Package }, Some(basic(Basic::Int)));
        w.declare(ps, x).unwrap();
        let x2 = w.new_obj("x", pos, Some(p), ObjKind::Var { kind: object::VarKind::Local }, Some(basic(Basic::Int)));
        assert_eq!(w.declare(ps, x2), Err(x));
        w.declare(f, x2).unwrap();
        assert_eq!(w.lookup(f, "x"), Some((x2, f)));
        assert_eq!(w.lookup(ps, "x"), Some((x, ps)));
        assert_eq!(w.lookup(f, "int").map(|(_, s)| s), Some(w.universe));
        assert_eq!(w.package_by_path("example.com/p"), Some(p));
    }
}
