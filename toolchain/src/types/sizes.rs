//! Sizes, alignments and field offsets for `unsafe.Sizeof`, `Alignof` and
//! `Offsetof`, from reflect's one table (so the constants a program
//! computes agree with the layout the compiler gives its values).

use super::ty::{Type, TypeId};
use super::World;
use reflect::types::{struct_layout, Kind};

impl World {
    /// `(size, align)` of `t`; `None` when it has no fixed size (a type
    /// parameter, or a type containing one) or is invalid.
    pub fn size_align(&self, t: TypeId) -> Option<(u64, u64)> {
        self.size_align_depth(t, 0)
    }

    fn size_align_depth(&self, t: TypeId, depth: u32) -> Option<(u64, u64)> {
        // Types that contain themselves by value are reported elsewhere;
        // never recurse without end on them.
        if depth > 10_000 {
            return None;
        }
        let kind = |k: Kind| k.size_align().map(|(s, a)| (s as u64, a as u64));
        match self.types.get(t) {
            Type::Basic(b) if b.is_untyped() => None,
            Type::Basic(b) => kind(b.kind()),
            Type::Pointer(_) => kind(Kind::Pointer),
            Type::Slice(_) => kind(Kind::Slice),
            Type::Map(..) => kind(Kind::Map),
            Type::Chan(..) => kind(Kind::Chan),
            Type::Func(_) => kind(Kind::Func),
            Type::Interface(_) => kind(Kind::Interface),
            Type::Array(e, n) => {
                let (s, a) = self.size_align_depth(*e, depth + 1)?;
                Some((s.saturating_mul(*n), a))
            }
            Type::Struct(fields) => {
                let mut parts = vec![];
                for f in fields {
                    parts.push(self.size_align_depth(f.typ, depth + 1)?);
                }
                let (_, size, align) = struct_layout(parts);
                Some((size, align))
            }
            Type::Named(_) => {
                let u = self.types.underlying(t);
                if u == t {
                    return None;
                }
                self.size_align_depth(u, depth + 1)
            }
            Type::TypeParam(_) | Type::Tuple(_) | Type::Union(_) | Type::Invalid => None,
        }
    }

    /// The offsets of the fields of struct type `t` (its underlying type).
    pub fn field_offsets(&self, t: TypeId) -> Option<Vec<u64>> {
        let Type::Struct(fields) = self.types.under(t) else { return None };
        let mut parts = vec![];
        for f in fields {
            parts.push(self.size_align(f.typ)?);
        }
        Some(struct_layout(parts).0)
    }
}
