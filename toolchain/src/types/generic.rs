//! Instantiation as the checker uses it: instances of generic types, the
//! verification of type arguments against constraints, and the messages
//! gc gives when they do not satisfy them.

use super::check::Checker;
use super::lookup::{Missing, NotImplemented};
use super::ty::TypeId;
use crate::diag::Pos;

impl<'a> Checker<'a> {
    /// The instance of generic type `generic` with `targs` (made once per
    /// distinct list).
    pub(super) fn instantiate(&mut self, generic: TypeId, targs: &[TypeId], pos: &Pos) -> TypeId {
        let tparams = self.type_params_of(generic);
        self.record_flows(&tparams, targs, pos);
        self.w.instantiate_named(generic, targs.to_vec())
    }

    /// `t` with type parameters `from` replaced by `to`.
    pub(super) fn subst_params(&mut self, t: TypeId, from: &[TypeId], to: &[TypeId]) -> TypeId {
        let m = self.w.subst_map(from, to);
        self.w.subst(t, &m)
    }

    /// The type parameters of a generic defined type, as types.
    pub(super) fn type_params_of(&self, generic: TypeId) -> Vec<TypeId> {
        let Some(n) = self.w.types.named(generic) else { return vec![] };
        n.tparams.iter().map(|p| self.w.types.tparams[p.0 as usize].id).collect()
    }

    /// Checks `targs` against the constraints of `tparams`, reporting the
    /// first that fails at its position (`at[i]`, or the last position
    /// given when there are fewer, as for inferred arguments).
    pub(super) fn verify_targs(&mut self, tparams: &[TypeId], targs: &[TypeId], at: &[Pos]) -> bool {
        if targs.contains(&self.w.invalid) {
            return false;
        }
        // A constraint that names an invalid type was reported where it is
        // written; no argument is checked against it.
        let broken = tparams.iter().any(|&p| {
            let c = self.w.types.type_param(p).and_then(|p| p.constraint);
            c.is_some_and(|c| self.mentions_invalid(c, &mut vec![]))
        });
        if broken {
            return true;
        }
        match self.w.verify(tparams, targs) {
            Ok(()) => true,
            Err((i, why)) => {
                let Some(pos) = at.get(i).or(at.last()).cloned() else { return false };
                let constraint = self.w.types.type_param(tparams[i]).and_then(|p| p.constraint).unwrap_or(self.w.any);
                let m = self.w.subst_map(tparams, targs);
                let constraint = self.w.subst(constraint, &m);
                let msg = self.not_implemented(targs[i], constraint, &why);
                self.error(&pos, msg);
                false
            }
        }
    }

    /// Whether the invalid type occurs in `t` (through composite types,
    /// interface methods and embeddings; defined types are not entered).
    fn mentions_invalid(&self, t: TypeId, seen: &mut Vec<TypeId>) -> bool {
        use super::ty::Type;
        if t == self.w.invalid {
            return true;
        }
        if seen.contains(&t) {
            return false;
        }
        seen.push(t);
        match self.w.types.get(t) {
            Type::Pointer(e) | Type::Slice(e) | Type::Array(e, _) | Type::Chan(_, e) => self.mentions_invalid(*e, seen),
            Type::Map(k, v) => self.mentions_invalid(*k, seen) || self.mentions_invalid(*v, seen),
            Type::Struct(fs) => fs.iter().any(|f| self.mentions_invalid(f.typ, seen)),
            Type::Func(s) => s.params.iter().chain(&s.results).any(|&p| self.mentions_invalid(p, seen)),
            Type::Tuple(ts) => ts.iter().any(|&p| self.mentions_invalid(p, seen)),
            Type::Union(terms) => terms.iter().any(|term| self.mentions_invalid(term.typ, seen)),
            Type::Interface(_) => {
                let i = self.w.types.iface(t).expect("an interface");
                let (ms, es): (Vec<TypeId>, Vec<TypeId>) = (i.methods.iter().map(|m| m.sig).collect(), i.embeds.clone());
                ms.into_iter().chain(es).any(|x| self.mentions_invalid(x, seen))
            }
            _ => false,
        }
    }

    /// Verifies the type arguments of an instance of generic type
    /// `generic`, written at `at`.
    pub(super) fn verify_instance(&mut self, generic: TypeId, targs: &[TypeId], at: Vec<Pos>) {
        let tparams = self.type_params_of(generic);
        self.verify_targs(&tparams, targs, &at);
    }

    /// gc's message for `v` not implementing (or not satisfying) `t`.
    pub(super) fn not_implemented(&mut self, v: TypeId, t: TypeId, why: &NotImplemented) -> String {
        let vs = self.type_string(v);
        let ts = self.type_string(t);
        match why {
            NotImplemented::NotAnInterface { ptr: true } => format!("{vs} does not implement {ts} (type {ts} is pointer to interface, not interface)"),
            NotImplemented::NotAnInterface { ptr: false } => format!("{vs} does not implement {ts} ({ts} is not an interface)"),
            NotImplemented::EmptyTypeSet => format!("cannot implement {ts} (empty type set)"),
            NotImplemented::NotComparable => format!("{vs} does not implement comparable"),
            NotImplemented::NotSubset => format!("{vs} does not implement {ts}"),
            NotImplemented::MissingTilde { alt } => {
                let a = self.type_string(*alt);
                format!("{vs} does not implement {ts} (possibly missing ~ for {a} in constraint {ts})")
            }
            NotImplemented::NotInTypeSet { terms } => {
                // A term list, as gc writes one in this message: ` | `.
                let us = terms
                    .iter()
                    .map(|term| format!("{}{}", if term.tilde { "~" } else { "" }, self.type_string(term.typ)))
                    .collect::<Vec<_>>()
                    .join(" | ");
                format!("{vs} does not implement {ts} ({vs} missing in {us})")
            }
            NotImplemented::Method(_) => {
                let reason = self.missing_method_reason(v, t, why);
                format!("{vs} does not implement {ts} {reason}")
            }
        }
    }

    /// The parenthesised reason gc gives after "X does not implement Y"
    /// or "cannot have dynamic type X" when a method is the problem.
    pub(super) fn missing_method_reason(&mut self, _v: TypeId, _t: TypeId, why: &NotImplemented) -> String {
        let NotImplemented::Method(m) = why else { return String::new() };
        let sig = |c: &Self, t: TypeId| {
            let s = c.type_string(t);
            s.strip_prefix("func").unwrap_or(&s).to_string()
        };
        match &m.kind {
            Missing::NotFound => format!("(missing {} method)", m.name),
            Missing::PtrRecv => format!("(method {} has pointer receiver)", m.name),
            Missing::WrongType { have } => {
                let (h, w) = (sig(self, *have), sig(self, m.want));
                format!("(wrong type for method {})\n\t\thave {}{h}\n\t\twant {}{w}", m.name, m.name, m.name)
            }
            Missing::WrongName { have_name, have } => {
                let (h, w) = (sig(self, *have), sig(self, m.want));
                format!("(missing method {})\n\t\thave {have_name}{h}\n\t\twant {}{w}", m.name, m.name)
            }
        }
    }
}
