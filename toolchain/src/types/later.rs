//! Checks of types that need the types they name complete: made once the
//! package-level declarations are (a map key type declared in terms of a
//! type still being defined is only then known to be comparable).

use super::check::Checker;
use super::ty::{Basic, Type, TypeId};
use crate::diag::Pos;
use crate::syntax::ast::{Expr, ExprKind};

/// A check left for later.
#[derive(Clone, Debug)]
pub(super) enum Later {
    /// A map key type must be comparable.
    MapKey(TypeId, Pos),
    /// An embedded field's type (without the `*` written, which the flag
    /// tells) must be neither a pointer, nor unsafe.Pointer, nor an
    /// interface under `*`.
    Embedded(TypeId, bool, Pos),
}

impl<'a> Checker<'a> {
    pub(super) fn later_map_key(&mut self, key: TypeId, pos: &Pos) {
        self.later.push(Later::MapKey(key, pos.clone()));
    }

    pub(super) fn later_embedded(&mut self, t: TypeId, e: &Expr) {
        let (base, written_ptr) = match (&e.kind, self.w.types.get(t)) {
            (ExprKind::Star(_), Type::Pointer(b)) => (*b, true),
            _ => (t, false),
        };
        self.later.push(Later::Embedded(base, written_ptr, e.pos.clone()));
    }

    /// Makes the checks left for later.
    pub(super) fn run_later(&mut self) {
        for c in std::mem::take(&mut self.later) {
            match c {
                Later::MapKey(k, pos) => {
                    if k != self.w.invalid && !self.w.types.is_type_param(k) && !self.comparable(k) {
                        let s = self.type_string(k);
                        self.error(&pos, format!("invalid map key type {s}"));
                    }
                }
                Later::Embedded(base, written_ptr, pos) => {
                    let why = match self.w.types.under(base) {
                        Type::Basic(Basic::UnsafePointer) => Some("unsafe.Pointer"),
                        Type::Pointer(_) => Some("a pointer"),
                        Type::Interface(_) if written_ptr => Some("a pointer to an interface"),
                        _ if self.w.types.is_type_param(base) => Some("a (pointer to a) type parameter"),
                        _ => None,
                    };
                    if let Some(why) = why {
                        self.error(&pos, format!("embedded field type cannot be {why}"));
                    }
                }
            }
        }
    }
}
