//! Relations between types that the spec defines for values: assignability
//! and convertibility, in terms of identity and type sets
//! ([`super::predicates`], [`super::typeset`]).

use super::check::Checker;
use super::ty::{Basic, Type, TypeId};
use crate::syntax::ast::ChanDir;

impl<'a> Checker<'a> {
    pub fn identical(&self, a: TypeId, b: TypeId) -> bool {
        self.w.identical(a, b)
    }

    /// Whether values of type `t` compare with `==`.
    pub fn comparable(&mut self, t: TypeId) -> bool {
        self.w.comparable(t)
    }

    /// Whether `nil` is a value of type `t`.
    pub fn has_nil(&mut self, t: TypeId) -> bool {
        self.w.has_nil(t)
    }

    /// Why `==` is not defined on type `t`, in gc's words.
    pub(super) fn incomparable_reason(&mut self, t: TypeId) -> String {
        let s = self.type_string(t);
        match self.w.types.under(t) {
            Type::Slice(_) => "slice can only be compared to nil".into(),
            Type::Map(..) => "map can only be compared to nil".into(),
            Type::Func(_) => "func can only be compared to nil".into(),
            Type::Struct(_) => format!("struct containing {s} cannot be compared"),
            _ => format!("operator == not defined on {s}"),
        }
    }

    /// Whether one of two comparison operands is assignable to the
    /// other's type (the spec's condition for comparing them).
    pub(super) fn assignable_either(&mut self, a: TypeId, b: TypeId) -> bool {
        let nil = super::ty::basic(Basic::UntypedNil);
        if a == nil || b == nil {
            return true;
        }
        self.assignable(a, b) || self.assignable(b, a)
    }

    /// Whether a value of (typed) type `v` may be assigned to a variable of
    /// type `t`.
    pub fn assignable(&mut self, v: TypeId, t: TypeId) -> bool {
        if v == self.w.invalid || t == self.w.invalid || self.identical(v, t) {
            return true;
        }
        let tt = &self.w.types;
        let (vp, tp) = (tt.is_type_param(v), tt.is_type_param(t));
        let (vn, tn) = (tt.is_named(v), tt.is_named(t));
        let (vu, tu) = (tt.underlying(v), tt.underlying(t));
        if !vp && !tp && (!vn || !tn) && self.identical(vu, tu) {
            return true;
        }
        if let (Type::Chan(ChanDir::Both, ve), Type::Chan(_, te)) = (tt.get(vu), tt.get(tu)) {
            if !vp && !tp && (!vn || !tn) && self.identical(*ve, *te) {
                return true;
            }
        }
        if !tp && self.w.types.is_interface(t) {
            return self.w.implements(v, t).is_ok();
        }
        // A type parameter: every type of the other's type set must be
        // assignable (only for an unnamed other side).
        if tp && !vn {
            return self.each_term(t, |c, term| c.assignable(v, term));
        }
        if vp && !tn {
            return self.each_term(v, |c, term| c.assignable(term, t));
        }
        false
    }

    /// Whether `f` holds for every type in type parameter `p`'s type set
    /// (false when the set has no specific types).
    fn each_term(&mut self, p: TypeId, mut f: impl FnMut(&mut Self, TypeId) -> bool) -> bool {
        let Some(c) = self.w.types.type_param(p).and_then(|p| p.constraint) else { return false };
        let Some(terms) = self.w.type_set(c).terms.clone() else { return false };
        terms.iter().all(|term| f(self, term.typ))
    }

    /// Whether a (non-constant) value of type `v` converts to type `t`.
    pub fn convertible(&mut self, v: TypeId, t: TypeId) -> bool {
        if self.assignable(v, t) {
            return true;
        }
        let tt = &self.w.types;
        let (vp, tp) = (tt.is_type_param(v), tt.is_type_param(t));
        if vp || tp {
            return match (vp, tp) {
                (true, true) => self.each_term(v, |c, a| c.each_term(t, |c, b| c.convertible(a, b))),
                (true, false) => self.each_term(v, |c, a| c.convertible(a, t)),
                _ => self.each_term(t, |c, b| c.convertible(v, b)),
            };
        }
        let (vu, tu) = (tt.underlying(v), tt.underlying(t));
        if self.w.identical_ignore_tags(vu, tu) {
            return true;
        }
        let tt = &self.w.types;
        if let (Type::Pointer(a), Type::Pointer(b)) = (tt.get(v), tt.get(t)) {
            if self.w.identical_ignore_tags(tt.underlying(*a), tt.underlying(*b)) {
                return true;
            }
        }
        let (vb, tb) = (tt.basic_of(v), tt.basic_of(t));
        let numeric = |b: Option<Basic>| b.is_some_and(|b| b.is_integer() || b.is_float());
        if numeric(vb) && numeric(tb) {
            return true;
        }
        if vb.is_some_and(Basic::is_complex) && tb.is_some_and(Basic::is_complex) {
            return true;
        }
        let byte_or_rune_slice = |t: TypeId| match tt.under(t) {
            Type::Slice(e) => matches!(tt.basic_of(*e), Some(Basic::Uint8 | Basic::Int32)) && !tt.is_type_param(*e),
            _ => false,
        };
        if tb.is_some_and(Basic::is_string) && (vb.is_some_and(Basic::is_integer) || byte_or_rune_slice(v)) {
            return true;
        }
        if vb.is_some_and(Basic::is_string) && byte_or_rune_slice(t) {
            return true;
        }
        let is_ptr = |t: TypeId| matches!(tt.under(t), Type::Pointer(_));
        let unsafe_ptr = |b: Option<Basic>| b == Some(Basic::UnsafePointer);
        if (unsafe_ptr(vb) && (is_ptr(t) || tb == Some(Basic::Uintptr))) || (unsafe_ptr(tb) && (is_ptr(v) || vb == Some(Basic::Uintptr))) {
            return true;
        }
        // A slice to a pointer to an array of its element type.
        if let (Type::Slice(e), Type::Pointer(p)) = (tt.under(v), tt.under(t)) {
            if let Type::Array(ae, _) = tt.under(*p) {
                return self.identical(*e, *ae);
            }
        }
        false
    }
}
