//! Objects, scopes and packages: what names denote.
//!
//! Every declared name is an [`Object`] with an identity ([`ObjId`]), owned
//! by the [`Scope`] it is declared in; every package has an identity
//! ([`PkgId`]) and a scope of its members. Nothing is keyed by strings of
//! the form `path.name`: a member is found by looking its name up in its
//! package's scope.

use super::constant::Const;
use super::ty::TypeId;
use crate::diag::Pos;
// FxHash: the maps are keyed by small ids and names; SipHash was a tenth of a
// warm build's time (docs/frontend.md, Figures).
use rustc_hash::FxHashMap as HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScopeId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PkgId(pub u32);

/// The built-in functions of the language and of package unsafe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Builtin {
    Append,
    Cap,
    Close,
    Complex,
    Copy,
    Delete,
    Imag,
    Len,
    Make,
    New,
    Panic,
    Print,
    Println,
    Real,
    Recover,
    // Package unsafe.
    Add,
    Alignof,
    Offsetof,
    Sizeof,
    Slice,
}

impl Builtin {
    pub const UNIVERSE: [(&'static str, Builtin); 15] = {
        use Builtin::*;
        [
            ("append", Append),
            ("cap", Cap),
            ("close", Close),
            ("complex", Complex),
            ("copy", Copy),
            ("delete", Delete),
            ("imag", Imag),
            ("len", Len),
            ("make", Make),
            ("new", New),
            ("panic", Panic),
            ("print", Print),
            ("println", Println),
            ("real", Real),
            ("recover", Recover),
        ]
    };
    pub const UNSAFE: [(&'static str, Builtin); 5] = {
        use Builtin::*;
        [("Add", Add), ("Alignof", Alignof), ("Offsetof", Offsetof), ("Sizeof", Sizeof), ("Slice", Slice)]
    };
}

/// What kind of variable an object is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VarKind {
    /// Declared at package level.
    Package,
    /// Declared in a function body (`var`, `:=`, range and type-switch
    /// variables).
    Local,
    Param,
    Result,
    Recv,
}

#[derive(Clone, Debug)]
pub enum ObjKind {
    /// An imported package's local name.
    PkgName { pkg: PkgId },
    /// Its value once its declaration is checked.
    Const { value: Option<Const> },
    /// A defined type, an alias (`alias`: `typ` is the aliased type), or a
    /// type parameter.
    TypeName { alias: bool },
    Var { kind: VarKind },
    /// A function or a method. `tparams` are a generic function's type
    /// parameters (`TypeParam` types); a method of a generic type has the
    /// receiver type's own, declared again by its receiver.
    Func { tparams: Vec<TypeId>, method: Option<Method> },
    Label,
    Builtin(Builtin),
    Nil,
}

/// What makes a function a method.
#[derive(Clone, Debug)]
pub struct Method {
    /// The receiver's base type (a defined type or, for an interface
    /// method, the interface).
    pub recv: TypeId,
    pub ptr_recv: bool,
}

#[derive(Clone, Debug)]
pub struct Object {
    pub name: String,
    pub pos: Pos,
    /// The package it belongs to: `None` for the universe's objects.
    pub pkg: Option<PkgId>,
    pub kind: ObjKind,
    /// Its type, once known (`None` for packages, labels and builtins).
    pub typ: Option<TypeId>,
    /// Read somewhere (variables), used (imports, labels).
    pub used: bool,
}

impl Object {
    pub fn exported(&self) -> bool {
        crate::syntax::ast::is_exported(&self.name)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Universe,
    Package,
    /// A file's imports (what it names with its import declarations).
    File,
    Func,
    Block,
}

#[derive(Clone, Debug)]
pub struct Scope {
    pub parent: Option<ScopeId>,
    pub kind: ScopeKind,
    names: HashMap<String, ObjId>,
}

impl Scope {
    pub fn new(parent: Option<ScopeId>, kind: ScopeKind) -> Scope {
        Scope { parent, kind, names: HashMap::default() }
    }

    pub fn get(&self, name: &str) -> Option<ObjId> {
        self.names.get(name).copied()
    }

    /// Declares `name`; returns the object that already has it, if any
    /// (the scope is left unchanged then).
    pub fn insert(&mut self, name: &str, obj: ObjId) -> Result<(), ObjId> {
        match self.names.get(name) {
            Some(&old) => Err(old),
            None => {
                self.names.insert(name.to_string(), obj);
                Ok(())
            }
        }
    }

    /// Every name declared here, in no particular order.
    pub fn names(&self) -> impl Iterator<Item = (&str, ObjId)> {
        self.names.iter().map(|(n, o)| (n.as_str(), *o))
    }
}

/// A package: its import path, its name, the scope of its members.
#[derive(Clone, Debug)]
pub struct Package {
    pub path: String,
    pub name: String,
    pub scope: ScopeId,
    /// Every package-level declaration checked.
    pub complete: bool,
    /// For a package of rgo's own that stands in for Go's package of the
    /// same path: the exported API of Go's (`Name`, `Type.Member`), so
    /// that a member rgo's lacks is `rgo does not support …`, not
    /// `undefined` (`load::api`).
    pub go_api: Option<std::rc::Rc<GoApi>>,
}

/// The exported API of Go's package that one of rgo's stands in for,
/// read on first use (only when an error is reported).
pub struct GoApi {
    read: Box<dyn Fn() -> std::collections::HashSet<String>>,
    names: std::cell::OnceCell<std::collections::HashSet<String>>,
}

impl GoApi {
    pub fn new(read: impl Fn() -> std::collections::HashSet<String> + 'static) -> GoApi {
        GoApi { read: Box::new(read), names: std::cell::OnceCell::new() }
    }

    /// Whether Go's package has `name` (`Name`, or `Type.Member`).
    pub fn contains(&self, name: &str) -> bool {
        self.names.get_or_init(|| (self.read)()).contains(name)
    }
}

impl std::fmt::Debug for GoApi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("GoApi")
    }
}
