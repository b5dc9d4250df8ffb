//! Type sets of interfaces: the methods and the types an interface allows.

use super::ty::{IMethod, Term};

/// The type set of an interface: every method it requires (its own and
/// its embedded interfaces', sorted by name) and the types it allows.
#[derive(Clone, Debug, Default)]
pub struct TypeSet {
    pub methods: Vec<IMethod>,
    /// `None`: every type (no type terms); otherwise the union of these
    /// terms, normalised (no term is a subset of another).
    pub terms: Option<Vec<Term>>,
    /// Only comparable types (`comparable` embedded).
    pub comparable: bool,
}

impl TypeSet {
    /// Whether this is the type set of a basic interface (methods only),
    /// which may be the type of a variable.
    pub fn is_basic(&self) -> bool {
        self.terms.is_none() && !self.comparable
    }

    /// The empty type set: no type satisfies it.
    pub fn is_empty(&self) -> bool {
        self.terms.as_ref().is_some_and(Vec::is_empty)
    }
}
