//! Package variables whose initial value the program's data holds, as gc's
//! static initialization (`staticinit`) makes them: a constant, a composite
//! literal of constants, `&T{…}`, a slice literal, nil, a package-level
//! function of the package, nested. Such a
//! variable needs no code in its package's `init`, and its value is there
//! before any init runs. GOROOT's `unicode` tables are the case that
//! matters: lowered to code they were 680 KB of `unicode.init`.
//!
//! Anything else (calls, other variables, maps, interfaces, closures,
//! methods, functions of other packages) is
//! initialized by code, as before. The type checker has accepted the
//! initializer: anything unexpected here only means "not static", and the
//! code path reports what it reports.

use super::constant::Const;
use super::facts::What;
use super::types::{Basic, Ty, TypeId};
use super::Checker;
use crate::diag::Result;
use crate::ir::{Data, Reloc};
use crate::syntax::ast::{self, Expr, ExprKind};

/// The largest variable given its value in data, and the largest array a
/// slice literal gets there: larger ones are initialized by code.
const MAX_STATIC_SIZE: usize = 1 << 20;

/// Bytes being laid out: a variable's, or an anonymous array's or
/// struct's that it points to.
struct Image {
    bytes: Vec<u8>,
    relocs: Vec<Reloc>,
}

/// An anonymous symbol made for a static value, committed only when the
/// whole initializer is static.
struct Pending {
    sym: String,
    ty: TypeId,
    image: Image,
}

impl Checker<'_> {
    /// Gives package variable `sym` of type `t` the value of `value` in
    /// the program's data, when the value is static; false otherwise
    /// (nothing is emitted then).
    pub(super) fn static_init(&mut self, sym: &str, t: TypeId, value: &Expr) -> Result<bool> {
        if self.pkg_facts().is_none() {
            return Ok(false);
        }
        let size = self.types.size(t) as usize;
        if size > MAX_STATIC_SIZE {
            // Mostly zeros, as a rule (`[1 << 30]byte{42}`): a few stores.
            return Ok(false);
        }
        let mut image = Image { bytes: vec![0; size], relocs: vec![] };
        let mut pending = vec![];
        if !self.static_value(value, t, &mut image, 0, &mut pending)? {
            return Ok(false);
        }
        self.commit(pending);
        let Some(d) = self.prog.data.iter_mut().find(|d| d.sym == sym) else { return Ok(false) };
        d.init = Some(image.bytes);
        d.relocs = image.relocs;
        Ok(true)
    }

    /// Emits the anonymous symbols a static value points to.
    fn commit(&mut self, pending: Vec<Pending>) {
        for p in pending {
            let (_, align) = self.types.layout(p.ty);
            if self.types.has_pointers(p.ty) {
                // Written through by the program like any variable: the
                // collector must see what it points to.
                self.gc_globals.push((p.sym.clone(), p.ty));
            }
            self.prog.data.push(Data {
                sym: p.sym,
                align: align as u32,
                size: p.image.bytes.len() as u32,
                init: Some(p.image.bytes),
                relocs: p.image.relocs,
                readonly: false,
            });
        }
    }

    /// A new read-only array of the values `exprs`, each of type `t`, in
    /// the program's data, when every one is static (a map literal's keys
    /// or elements, `maps::map_literal`); its symbol.
    pub(super) fn static_array(&mut self, t: TypeId, exprs: &[&Expr]) -> Result<Option<String>> {
        if self.pkg_facts().is_none() {
            return Ok(None);
        }
        let (size, align) = self.types.layout(t);
        let total = size as usize * exprs.len();
        if total > MAX_STATIC_SIZE {
            return Ok(None);
        }
        let mut image = Image { bytes: vec![0; total.max(1)], relocs: vec![] };
        let mut pending = vec![];
        for (i, e) in exprs.iter().enumerate() {
            if !self.static_value(e, t, &mut image, i * size as usize, &mut pending)? {
                return Ok(None);
            }
        }
        self.commit(pending);
        Ok(Some(self.push_readonly(image, align)))
    }

    /// `image` as a new read-only anonymous symbol of the program's data,
    /// aligned to `align`; its symbol.
    fn push_readonly(&mut self, image: Image, align: u64) -> String {
        let sym = self.static_sym();
        let data = Data { sym: sym.clone(), align: align as u32, size: image.bytes.len() as u32, init: Some(image.bytes), relocs: image.relocs, readonly: true };
        self.prog.data.push(data);
        sym
    }

    /// A read-only copy of constant `c` (already of type `t`) in the
    /// program's data, its symbol: what an interface value of the constant
    /// points to, so that converting it allocates nothing (gc's read-only
    /// data for a constant's `convT`). None for a type without bytes or
    /// whose constants are not laid out here.
    pub(super) fn static_box(&mut self, c: &Const, t: TypeId) -> Option<String> {
        let b = self.types.basic(t)?;
        let (size, align) = self.types.layout(t);
        if size == 0 {
            return None;
        }
        let mut image = Image { bytes: vec![0; size as usize], relocs: vec![] };
        if !self.static_const(c, b, &mut image, 0) {
            return None;
        }
        Some(self.push_readonly(image, align))
    }

    /// The value of `//go:embed` variable `spec` (one name, no value; its
    /// type checked) in the program's data, laid out as gc lays it out: a
    /// string or byte slice of its one file (the bytes writable), or for
    /// `embed.FS` a pointer to a read-only slice of its files and their
    /// directories (package embed's `file`: name, data, hash), in the order
    /// package embed searches them.
    pub(super) fn embed_init(&mut self, spec: &ast::ValueSpec, e: &ast::Embed) -> Result<()> {
        let n = &spec.names[0];
        if n.name == "_" {
            return Ok(());
        }
        let super::expr::Named::Global(sym, t) = self.lookup(&n.name, &n.pos)? else { return Ok(()) };
        let mut image = Image { bytes: vec![0; self.types.size(t) as usize], relocs: vec![] };
        let word = |bytes: &mut [u8], off: usize, v: usize| bytes[off..off + 8].copy_from_slice(&(v as u64).to_le_bytes());
        if self.types.named_info(t).is_some_and(|n| n.name == "embed.FS") {
            let list = embed_fs_list(&e.files);
            let files = self.static_sym();
            let mut slice = Image { bytes: vec![0; 24 + EMBED_FILE_SIZE * list.len()], relocs: vec![] };
            // The slice header, then the array it points to.
            slice.relocs.push(Reloc { offset: 0, sym: files.clone(), addend: 24 });
            word(&mut slice.bytes, 8, list.len());
            word(&mut slice.bytes, 16, list.len());
            for (i, (name, data)) in list.iter().enumerate() {
                let off = 24 + EMBED_FILE_SIZE * i;
                let name_sym = self.string_sym(name.as_bytes());
                slice.relocs.push(Reloc { offset: off as u32, sym: name_sym, addend: 0 });
                word(&mut slice.bytes, off + 8, name.len());
                let Some(data) = data else { continue };
                if !data.is_empty() {
                    let data_sym = self.string_sym(data);
                    slice.relocs.push(Reloc { offset: off as u32 + 16, sym: data_sym, addend: 0 });
                }
                word(&mut slice.bytes, off + 24, data.len());
                // gc's hash: SHA-256 with every bit inverted, the first 16 bytes.
                let sum = <sha2::Sha256 as sha2::Digest>::digest(data);
                for (b, s) in slice.bytes[off + 32..off + 48].iter_mut().zip(sum.iter()) {
                    *b = !s;
                }
            }
            let size = slice.bytes.len() as u32;
            self.prog.data.push(Data { sym: files.clone(), align: 8, size, init: Some(slice.bytes), relocs: slice.relocs, readonly: true });
            image.relocs.push(Reloc { offset: 0, sym: files, addend: 0 });
        } else {
            let Some(file) = e.files.first() else { return Ok(()) };
            let data = file.data.clone();
            if self.types.basic(t) == Some(Basic::String) {
                if !data.is_empty() {
                    let data_sym = self.string_sym(&data);
                    image.relocs.push(Reloc { offset: 0, sym: data_sym, addend: 0 });
                }
            } else {
                // A slice the program may write to, never nil.
                let bytes_sym = self.static_sym();
                let mut bytes = data.to_vec();
                bytes.resize(data.len().max(1), 0);
                self.prog.data.push(Data { sym: bytes_sym.clone(), align: 1, size: bytes.len() as u32, init: Some(bytes), relocs: vec![], readonly: false });
                image.relocs.push(Reloc { offset: 0, sym: bytes_sym, addend: 0 });
                word(&mut image.bytes, 16, data.len());
            }
            word(&mut image.bytes, 8, data.len());
        }
        let Some(d) = self.prog.data.iter_mut().find(|d| d.sym == sym) else { return Ok(()) };
        d.init = Some(image.bytes);
        d.relocs = image.relocs;
        Ok(())
    }

    /// Lays out `e`, of type `t` (its context's), at `off` in `image`;
    /// false when it is not static.
    fn static_value(&mut self, e: &Expr, t: TypeId, image: &mut Image, off: usize, pending: &mut Vec<Pending>) -> Result<bool> {
        // Literals nest as deep as a program writes them.
        crate::stack::grow(|| self.static_value_inner(e, t, image, off, pending))
    }

    fn static_value_inner(&mut self, e: &Expr, t: TypeId, image: &mut Image, off: usize, pending: &mut Vec<Pending>) -> Result<bool> {
        match &e.kind {
            ExprKind::Paren(x) => return self.static_value(x, t, image, off, pending),
            ExprKind::Composite { typ, elems, .. } => {
                let lt = match typ {
                    Some(te) => self.composite_type(te, elems)?,
                    None => t,
                };
                // `{…}` for an element of type `*T`: `&T{…}`.
                if typ.is_none() {
                    if let Some(pt) = self.types.pointer_elem(lt) {
                        return self.static_pointer(elems, pt, image, off, pending);
                    }
                }
                // (The lowering makes each type once: one type, one id.)
                if lt != t {
                    return Ok(false);
                }
                return self.static_composite(lt, elems, image, off, pending);
            }
            // A package-level function as a value (`var lstat = Lstat`):
            // its static closure, so that the function is kept only if the
            // variable is.
            ExprKind::Ident(id) if id.name != "_" => match self.lookup(&id.name, &id.pos) {
                Ok(super::expr::Named::Func(sym, ty)) => {
                    if ty != t {
                        return Ok(false);
                    }
                    let clo = self.static_closure(&sym);
                    image.relocs.push(Reloc { offset: off as u32, sym: clo, addend: 0 });
                    return Ok(true);
                }
                Ok(super::expr::Named::Global(sym, ty)) if ty == t => return Ok(self.static_copy(&sym, t, image, off)),
                _ => {}
            },
            ExprKind::Unary { op: ast::UnaryOp::Addr, x } => {
                let ExprKind::Composite { typ: Some(te), elems, .. } = &x.kind else { return Ok(false) };
                let pt = self.composite_type(te, elems)?;
                if self.types.pointer_elem(t) != Some(pt) {
                    return Ok(false);
                }
                return self.static_pointer(elems, pt, image, off, pending);
            }
            _ => {}
        }
        let known = self.known(e)?;
        match known.what {
            What::Nil => Ok(matches!(self.types.under(t), Ty::Pointer(_) | Ty::Slice(_) | Ty::Map(..) | Ty::Func(_) | Ty::Basic(Basic::UnsafePointer))),
            What::Const(c) => {
                let Some(b) = self.types.basic(t) else { return Ok(false) };
                if b.is_untyped() {
                    return Ok(false);
                }
                let c = self.convert_const(&c, t, &e.pos)?;
                Ok(self.static_const(&c, b, image, off))
            }
            _ => Ok(false),
        }
    }

    /// Another variable `sym` of this package, of type `t`, copied at `off`
    /// (`var Upper = _Lu`), as gc's static copy: when `sym` has a static
    /// value and no initializer lowered to code before could have changed
    /// it (none that may call or act: `init_mutation`); never a string,
    /// which `-X` may set.
    fn static_copy(&mut self, sym: &str, t: TypeId, image: &mut Image, off: usize) -> bool {
        if self.init_mutation || matches!(self.types.under(t), Ty::Basic(Basic::String)) || crate::ir::symbol_package(sym) != Some(self.pkg().path) {
            return false;
        }
        let Some(d) = self.prog.data.iter().find(|d| d.sym == sym) else { return false };
        let Some(bytes) = &d.init else { return false };
        let size = self.types.size(t) as usize;
        if bytes.len() != size || off + size > image.bytes.len() {
            return false;
        }
        image.bytes[off..off + size].copy_from_slice(bytes);
        image.relocs.extend(d.relocs.iter().map(|r| Reloc { offset: r.offset + off as u32, sym: r.sym.clone(), addend: r.addend }));
        true
    }

    /// A pointer at `off` to a new anonymous `pt` holding the literal `elems`.
    fn static_pointer(&mut self, elems: &[ast::KeyedElement], pt: TypeId, image: &mut Image, off: usize, pending: &mut Vec<Pending>) -> Result<bool> {
        let size = self.types.size(pt) as usize;
        if size > MAX_STATIC_SIZE {
            return Ok(false);
        }
        let mut inner = Image { bytes: vec![0; size.max(1)], relocs: vec![] };
        if !self.static_composite(pt, elems, &mut inner, 0, pending)? {
            return Ok(false);
        }
        let sym = self.static_sym();
        image.relocs.push(Reloc { offset: off as u32, sym: sym.clone(), addend: 0 });
        pending.push(Pending { sym, ty: pt, image: inner });
        Ok(true)
    }

    /// A new anonymous symbol of the current package (gc's `stmp`).
    fn static_sym(&mut self) -> String {
        let n = self.static_syms.entry(self.cur).or_default();
        *n += 1;
        let n = *n;
        self.sym(&format!(".stmp_{n}"))
    }

    /// The composite literal `elems` of type `t` at `off`.
    fn static_composite(&mut self, t: TypeId, elems: &[ast::KeyedElement], image: &mut Image, off: usize, pending: &mut Vec<Pending>) -> Result<bool> {
        match self.types.under(t).clone() {
            Ty::Struct(fields) => {
                let offs = self.types.field_offsets(t);
                for (i, el) in elems.iter().enumerate() {
                    let fi = match &el.key {
                        Some(k) => {
                            let ExprKind::Ident(id) = &k.kind else { return Ok(false) };
                            let Some(fi) = fields.iter().position(|f| f.name == id.name) else { return Ok(false) };
                            fi
                        }
                        None => i,
                    };
                    let Some(f) = fields.get(fi) else { return Ok(false) };
                    if f.name == "_" {
                        // Evaluated and dropped: static only if constant.
                        if !matches!(self.known(&el.value)?.what, What::Const(_)) {
                            return Ok(false);
                        }
                        continue;
                    }
                    if !self.static_value(&el.value, f.typ, image, off + offs[fi] as usize, pending)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            Ty::Array(et, n) => {
                let es = self.types.size(et) as usize;
                let Some(indices) = self.static_indices(elems)? else { return Ok(false) };
                for (el, idx) in elems.iter().zip(indices) {
                    if idx >= n || !self.static_value(&el.value, et, image, off + idx as usize * es, pending)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            Ty::Slice(et) => {
                let Some(indices) = self.static_indices(elems)? else { return Ok(false) };
                // (An empty literal is a slice that is not nil: it points at
                // a byte of its own.)
                let n = indices.iter().map(|i| i + 1).max().unwrap_or(0);
                let at = self.types.array(et, n);
                let es = self.types.size(et) as usize;
                if n as usize * es > MAX_STATIC_SIZE {
                    return Ok(false);
                }
                let mut inner = Image { bytes: vec![0; (n as usize * es).max(1)], relocs: vec![] };
                for (el, idx) in elems.iter().zip(indices) {
                    if !self.static_value(&el.value, et, &mut inner, idx as usize * es, pending)? {
                        return Ok(false);
                    }
                }
                let sym = self.static_sym();
                image.relocs.push(Reloc { offset: off as u32, sym: sym.clone(), addend: 0 });
                image.bytes[off + 8..off + 16].copy_from_slice(&n.to_le_bytes());
                image.bytes[off + 16..off + 24].copy_from_slice(&n.to_le_bytes());
                pending.push(Pending { sym, ty: at, image: inner });
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// The index of each element of an array or slice literal (keys are
    /// constants); `None` if a key is not.
    fn static_indices(&mut self, elems: &[ast::KeyedElement]) -> Result<Option<Vec<u64>>> {
        let mut out = vec![];
        let mut next: i128 = 0;
        for el in elems {
            if let Some(k) = &el.key {
                let What::Const(c) = self.known(k)?.what else { return Ok(None) };
                next = c.as_int().unwrap_or(-1);
            }
            if next < 0 {
                return Ok(None);
            }
            out.push(next as u64);
            next += 1;
        }
        Ok(Some(out))
    }

    /// Constant `c`, already of basic type `b`, at `off`.
    fn static_const(&mut self, c: &Const, b: Basic, image: &mut Image, off: usize) -> bool {
        let bytes = &mut image.bytes;
        match c {
            Const::Bool(v) => bytes[off] = *v as u8,
            Const::String(s) => {
                if !s.is_empty() {
                    let sym = self.string_sym(s);
                    image.relocs.push(Reloc { offset: off as u32, sym, addend: 0 });
                }
                bytes[off + 8..off + 16].copy_from_slice(&(s.len() as u64).to_le_bytes());
            }
            _ if b.is_complex() => {
                let Some((r, i)) = c.as_complex() else { return false };
                if b == Basic::Complex64 {
                    bytes[off..off + 4].copy_from_slice(&(r as f32).to_le_bytes());
                    bytes[off + 4..off + 8].copy_from_slice(&(i as f32).to_le_bytes());
                } else {
                    bytes[off..off + 8].copy_from_slice(&r.to_le_bytes());
                    bytes[off + 8..off + 16].copy_from_slice(&i.to_le_bytes());
                }
            }
            _ if b.is_float() => {
                let Some(f) = c.as_f64() else { return false };
                if b == Basic::Float32 {
                    bytes[off..off + 4].copy_from_slice(&(f as f32).to_le_bytes());
                } else {
                    bytes[off..off + 8].copy_from_slice(&f.to_le_bytes());
                }
            }
            _ if b.is_integer() || b == Basic::UnsafePointer => {
                let Some(v) = c.as_int() else { return false };
                let size = self.types.size(super::types::basic_id(b)) as usize;
                bytes[off..off + size].copy_from_slice(&(v as u64).to_le_bytes()[..size]);
            }
            _ => return false,
        }
        true
    }
}

/// The size of package embed's `file`: name and data strings, a 16-byte hash.
const EMBED_FILE_SIZE: usize = 48;

/// An `embed.FS`'s entries: its files and every directory above them (as
/// `dir/`, without data), sorted by directory and then name, the order
/// package embed's searches expect.
fn embed_fs_list(files: &[ast::EmbeddedFile]) -> Vec<(String, Option<std::sync::Arc<[u8]>>)> {
    let mut dirs = std::collections::HashSet::new();
    let mut list = vec![];
    for f in files {
        list.push((f.name.clone(), Some(f.data.clone())));
        let mut dir = f.name.as_str();
        while let Some((up, _)) = dir.rsplit_once('/') {
            if !dirs.insert(up) {
                break;
            }
            list.push((format!("{up}/"), None));
            dir = up;
        }
    }
    let split = |name: &str| {
        let name = name.strip_suffix('/').unwrap_or(name);
        match name.rsplit_once('/') {
            Some((dir, elem)) => (dir.to_string(), elem.to_string()),
            None => (".".to_string(), name.to_string()),
        }
    };
    list.sort_by_cached_key(|(name, _)| split(name));
    list
}
