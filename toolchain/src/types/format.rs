//! Types, expressions and operands as gc's messages print them.

use super::check::Checker;
use super::object::PkgId;
use super::ty::{Type, TypeId};
use super::{Mode, Operand, World};
use crate::syntax::ast::{ChanDir, Expr};

impl World {
    /// `t` as Go writes it, with defined types of package `rel` unqualified
    /// and others qualified by their package's name (gc's messages).
    pub fn type_string(&self, t: TypeId, rel: Option<PkgId>) -> String {
        let mut s = String::new();
        self.write_type(&mut s, t, rel, &mut vec![]);
        s
    }

    fn write_type(&self, s: &mut String, t: TypeId, rel: Option<PkgId>, seen: &mut Vec<TypeId>) {
        let tt = &self.types;
        match tt.get(t) {
            Type::Basic(_) if t == super::ty::BYTE => s.push_str("byte"),
            Type::Basic(_) if t == super::ty::RUNE => s.push_str("rune"),
            Type::Basic(b) => s.push_str(b.name()),
            Type::Invalid => s.push_str("invalid type"),
            Type::Pointer(e) => {
                s.push('*');
                self.write_type(s, *e, rel, seen);
            }
            Type::Slice(e) => {
                s.push_str("[]");
                self.write_type(s, *e, rel, seen);
            }
            Type::Array(e, n) => {
                s.push_str(&format!("[{n}]"));
                self.write_type(s, *e, rel, seen);
            }
            Type::Map(k, v) => {
                s.push_str("map[");
                self.write_type(s, *k, rel, seen);
                s.push(']');
                self.write_type(s, *v, rel, seen);
            }
            Type::Chan(dir, e) => {
                s.push_str(match dir {
                    ChanDir::Both => "chan ",
                    ChanDir::Send => "chan<- ",
                    ChanDir::Recv => "<-chan ",
                });
                // `chan (<-chan int)`: the parentheses keep the meaning.
                let paren = *dir == ChanDir::Both && matches!(tt.get(*e), Type::Chan(ChanDir::Recv, _));
                if paren {
                    s.push('(');
                }
                self.write_type(s, *e, rel, seen);
                if paren {
                    s.push(')');
                }
            }
            Type::Struct(fields) => {
                s.push_str("struct{");
                for (i, f) in fields.iter().enumerate() {
                    if i > 0 {
                        s.push_str("; ");
                    }
                    if !f.embedded {
                        s.push_str(&f.name);
                        s.push(' ');
                    }
                    self.write_type(s, f.typ, rel, seen);
                    if !f.tag.is_empty() {
                        s.push_str(&format!(" {:?}", f.tag));
                    }
                }
                s.push('}');
            }
            Type::Func(_) => {
                s.push_str("func");
                self.write_signature(s, t, rel, seen);
            }
            Type::Tuple(ts) => {
                s.push('(');
                for (i, e) in ts.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    self.write_type(s, *e, rel, seen);
                }
                s.push(')');
            }
            Type::Union(terms) => {
                for (i, term) in terms.iter().enumerate() {
                    if i > 0 {
                        s.push('|');
                    }
                    if term.tilde {
                        s.push('~');
                    }
                    self.write_type(s, term.typ, rel, seen);
                }
            }
            Type::Interface(_) => {
                let i = tt.iface(t).expect("an interface");
                if t == self.any {
                    s.push_str("any");
                    return;
                }
                if i.implicit && i.embeds.len() == 1 {
                    self.write_type(s, i.embeds[0], rel, seen);
                    return;
                }
                if seen.contains(&t) {
                    s.push_str("interface{...}");
                    return;
                }
                seen.push(t);
                s.push_str("interface{");
                let mut first = true;
                for m in &i.methods {
                    if !first {
                        s.push_str("; ");
                    }
                    first = false;
                    s.push_str(&m.name);
                    self.write_signature(s, m.sig, rel, seen);
                }
                for &e in &i.embeds {
                    if !first {
                        s.push_str("; ");
                    }
                    first = false;
                    self.write_type(s, e, rel, seen);
                }
                if i.comparable {
                    s.push_str("comparable");
                }
                s.push('}');
                seen.pop();
            }
            Type::Named(_) => {
                let n = tt.named(t).expect("a defined type");
                let o = self.obj(n.obj);
                if let Some(p) = o.pkg.filter(|&p| Some(p) != rel) {
                    s.push_str(&self.pkg(p).name);
                    s.push('.');
                }
                s.push_str(&o.name);
                if n.targs.is_empty() && !n.tparams.is_empty() {
                    // A generic type: its type parameters with constraints.
                    s.push('[');
                    for (i, p) in n.tparams.iter().enumerate() {
                        if i > 0 {
                            s.push_str(", ");
                        }
                        let tp = &tt.tparams[p.0 as usize];
                        s.push_str(&self.obj(tp.obj).name);
                        s.push(' ');
                        match tp.constraint {
                            Some(c) => self.write_type(s, c, rel, seen),
                            None => s.push_str("any"),
                        }
                    }
                    s.push(']');
                }
                if !n.targs.is_empty() {
                    s.push('[');
                    for (i, &a) in n.targs.iter().enumerate() {
                        if i > 0 {
                            s.push_str(", ");
                        }
                        self.write_type(s, a, rel, seen);
                    }
                    s.push(']');
                }
            }
            Type::TypeParam(_) => {
                let p = tt.type_param(t).expect("a type parameter");
                s.push_str(&self.obj(p.obj).name);
            }
        }
    }

    /// `(int, string) (bool, error)`: a func type without `func`.
    fn write_signature(&self, s: &mut String, t: TypeId, rel: Option<PkgId>, seen: &mut Vec<TypeId>) {
        let Some(sig) = self.types.sig(t).cloned() else { return };
        s.push('(');
        for (i, &p) in sig.params.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            if sig.variadic && i + 1 == sig.params.len() {
                s.push_str("...");
                let elem = match self.types.get(p) {
                    Type::Slice(e) => *e,
                    _ => p,
                };
                self.write_type(s, elem, rel, seen);
            } else {
                self.write_type(s, p, rel, seen);
            }
        }
        s.push(')');
        match sig.results.len() {
            0 => {}
            1 => {
                s.push(' ');
                self.write_type(s, sig.results[0], rel, seen);
            }
            _ => {
                s.push_str(" (");
                for (i, &r) in sig.results.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    self.write_type(s, r, rel, seen);
                }
                s.push(')');
            }
        }
    }
}

impl<'a> Checker<'a> {
    /// `t` as this package's messages print it.
    pub fn type_string(&self, t: TypeId) -> String {
        self.w.type_string(t, Some(self.pkg))
    }

    /// An expression as gc's messages print it (shortened where gc
    /// shortens: function literals, composite literals' elements).
    pub fn expr_string(&self, e: &Expr) -> String {
        crate::syntax::parser::expr_string(e)
    }

    /// An operand as gc describes it: `x (variable of type int)`,
    /// `1.5 (untyped float constant)`, `c (constant 3 of type T)`.
    pub fn operand_string(&self, x: &Operand) -> String {
        let text = x.expr.map(|e| self.expr_string(e)).unwrap_or_default();
        let t = self.type_string(x.typ);
        let what = match x.mode {
            Mode::Invalid => return format!("{text} (invalid operand)"),
            Mode::NoValue => return format!("{text} (no value)"),
            Mode::Builtin(_) => return format!("{text} (built-in)"),
            Mode::TypeExpr => return format!("{text} (type)"),
            Mode::Constant => {
                let v = x.value.as_ref().map(|v| v.describe()).unwrap_or_default();
                if self.w.types.is_untyped(x.typ) {
                    if v == text {
                        return format!("{text} ({t} constant)");
                    }
                    return format!("{text} ({t} constant {v})");
                }
                if v == text {
                    return format!("{text} (constant of type {t})");
                }
                return format!("{text} (constant {v} of type {t})");
            }
            Mode::Variable | Mode::MapIndex => "variable",
            Mode::Value | Mode::CommaOk => "value",
        };
        if self.w.types.is_untyped(x.typ) {
            return format!("{text} ({t} {what})");
        }
        if let Some(c) = self.w.types.type_param(x.typ).and_then(|p| p.constraint) {
            let cs = self.type_string(c);
            return format!("{text} ({what} of type {t} constrained by {cs})");
        }
        format!("{text} ({what} of type {t})")
    }
}
