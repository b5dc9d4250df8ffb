//! What the lowering asks of an expression before lowering it (is it a
//! type, a constant, a variable; what is its type), answered from the type
//! checker's facts (docs/frontend.md, step 3). The answers used to come
//! from `probe`, which lowered the expression into a scratch builder and
//! threw the code away. `probe` still answers where there are no facts: in
//! rgo's host package (`internal/rgohost`) and for expressions the
//! lowering writes itself ([`ast::SYNTHETIC`]).

use super::constant::Const;
use super::expr::VK;
use super::types::{basic_id, Basic, TypeId};
use super::Checker;
use crate::diag::{Diag, Result};
use crate::syntax::ast::{self, Expr};
use crate::types::{self as checked, Mode};

/// What an expression is.
#[derive(Clone, Debug)]
pub(super) enum What {
    Type,
    Const(Const),
    Nil,
    /// An addressable variable.
    Var,
    /// Any other single value (a map index, a call's result, a function).
    Value,
    /// A call without results.
    Void,
    /// A call with several results: how many.
    Tuple(usize),
    Builtin,
}

/// An expression's kind and type (for `Void` and `Builtin`, an empty tuple).
#[derive(Clone, Debug)]
pub(super) struct Known {
    pub ty: TypeId,
    pub what: What,
}

impl Known {
    /// A value the program computes (not a type, constant, nil, built-in
    /// or void call).
    pub fn is_value(&self) -> bool {
        matches!(self.what, What::Var | What::Value)
    }
}

impl<'a> Checker<'a> {
    /// The checker's record of `e`, if the package being lowered has facts
    /// and `e` is the program's (not the lowering's own).
    fn recorded(&self, e: &Expr) -> Option<&'a checked::TypeAndValue> {
        self.pkg_facts()?.info.types.get(e.id)
    }

    /// Whether the checker recorded `e` as a type (the callee of a
    /// conversion); false where there are no facts.
    pub(super) fn is_type_expr(&self, e: &Expr) -> bool {
        self.recorded(e).is_some_and(|tv| matches!(tv.mode, Mode::TypeExpr))
    }

    /// What `e` is, without lowering it.
    pub(super) fn known(&mut self, e: &Expr) -> Result<Known> {
        let Some(tv) = self.recorded(e) else { return self.probed(e) };
        let what = match tv.mode {
            Mode::Invalid => return Err(Diag::new(&e.pos, "internal error: an invalid expression was recorded")),
            Mode::TypeExpr => What::Type,
            Mode::Constant => What::Const(tv.value.clone().ok_or_else(|| Diag::new(&e.pos, "internal error: a constant without a value"))?),
            Mode::Variable => What::Var,
            Mode::NoValue => What::Void,
            Mode::Builtin(_) => What::Builtin,
            // (`nil` is recorded with the type it is converted to.)
            _ if self.is_nil(e) => What::Nil,
            Mode::MapIndex | Mode::Value | Mode::CommaOk => match self.world.types.get(tv.typ) {
                checked::ty::Type::Tuple(ts) => What::Tuple(ts.len()),
                _ => What::Value,
            },
        };
        let ty = match what {
            What::Void | What::Builtin => self.types.tuple(vec![]),
            What::Nil => basic_id(Basic::UntypedNil),
            _ => match self.translate(tv.typ, &e.pos) {
                Ok(t) => t,
                // A type the lowering has no counterpart for: one of the
                // API of GOROOT's `log`, which the program was checked
                // against, where rgo's differs (`log.Writer()` is an
                // `io.Writer` there, an `*os.File` in rgo's).
                Err(_) => return self.probed(e),
            },
        };
        Ok(Known { ty, what })
    }

    /// `e`'s value and type as the checker computed them, when it is a
    /// constant: exact, as Go's constants are, where the lowering's own
    /// arithmetic would take an imported constant such as `math.Pi` as an
    /// `f64` (`float64(100000 * math.Pi)` was an ulp off).
    pub(super) fn recorded_const(&mut self, e: &Expr) -> Option<super::expr::V> {
        let tv = self.recorded(e)?;
        if !matches!(tv.mode, Mode::Constant) {
            return None;
        }
        let value = tv.value.clone()?;
        let ty = self.translate(tv.typ, &e.pos).ok()?;
        Some(super::expr::V { ty, kind: VK::Const(value) })
    }

    /// Whether `e` is the predeclared `nil` (facts exist).
    fn is_nil(&self, e: &Expr) -> bool {
        let ast::ExprKind::Ident(id) = &super::expr::strip_parens(e).kind else { return false };
        let Some(f) = self.pkg_facts() else { return false };
        f.info.uses.get(id.id).is_some_and(|&o| matches!(f.world.obj(o).kind, checked::object::ObjKind::Nil))
    }

    /// [`Checker::known`] without facts: the expression lowered into a
    /// scratch builder.
    fn probed(&mut self, e: &Expr) -> Result<Known> {
        let v = self.probe(e)?;
        let what = match v.kind {
            VK::Const(c) => What::Const(c),
            VK::Mem { addressable: true, .. } => What::Var,
            VK::Mem { .. } | VK::Func(_) => What::Value,
            VK::Void => What::Void,
            VK::Tuple(ts) => What::Tuple(ts.len()),
            VK::Type => What::Type,
            VK::Nil => What::Nil,
            VK::Builtin(_) => What::Builtin,
        };
        Ok(Known { ty: v.ty, what })
    }

    /// The type of the object that identifier `name` declares, if the
    /// package being lowered has facts and the lowering has that type
    /// (see [`Checker::known`] for one it lacks).
    pub(super) fn declared_type(&mut self, name: &ast::Ident) -> Option<TypeId> {
        let f = self.pkg_facts()?;
        let obj = *f.info.defs.get(name.id)?;
        let t = f.world.obj(obj).typ?;
        self.translate(t, &name.pos).ok()
    }
}
