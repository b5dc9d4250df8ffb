//! Escape analysis: which variables of a function must live on the heap,
//! and what each function does with the pointers it is given.
//!
//! It reads the syntax and the type checker's facts, before lowering, in
//! the shape of gc's: per function, a graph whose nodes are locations (the
//! function's variables, temporaries, its results, and one node for the
//! heap) and whose edges say that a value flows from one location into
//! another after some dereferences (`p = &x` is an edge from `x` with -1,
//! `y = *p` one from `p` with 1). Walking the edges backwards from a
//! location gives, for every other, the fewest dereferences with which its
//! value reaches it; a negative count means its *address* does. A variable
//! whose address reaches the heap, a result, or a variable of an outer
//! loop (where each iteration's variable must stay distinct) lives on the
//! heap; a variable that does becomes such a root in turn.
//!
//! Across functions, each parameter gets a tag: how many dereferences of
//! its value reach the heap and each result ([`Leaks`]). A call applies
//! its callee's tags; a call whose callee is not known statically (a func
//! value, an interface method, a function without a body) lets every
//! argument's value reach the heap. Tags are found for the whole program
//! by a worklist to the least fixpoint, starting from "nothing leaks"
//! (`//go:noescape` says so of a function without a body, as gc takes it).
//!
//! rgo's stack segments never move, so a pointer into a frame stays valid
//! for as long as the frame does: the analysis only has to keep addresses
//! from outliving their frame (or their loop iteration). Allocations the
//! lowering makes (`new`, `&T{}`, slices, maps, closures, boxes) are on the
//! heap, but for `new(T)` and `&T{...}` of a struct or array type, the
//! array of a slice literal, of a call's variadic arguments and of a
//! constant-size `make`, and the bytes of `string(r)`, `string(b)`,
//! `[]byte(s)` and string sums: an object of those whose address does not
//! escape is in the frame ([`Escapes::allocs`]); so is the box of a value
//! converted to an interface as a call's argument or by `I(x)`
//! ([`Escapes::boxes`]). Variables a function literal refers to live on
//! the heap (the closure holds cells).

use super::expr::strip_parens;
use crate::diag::Pos;
use crate::syntax::ast::*;
use crate::types::object::{Builtin, ObjId, ObjKind, VarKind};
use crate::types::ty::Type;
use crate::types::ty::TypeId;
use crate::types::{Info, Mode, SelectionKind, World};
use std::collections::{HashMap, HashSet, VecDeque};

/// Dereference counts past this one are all alike (what lies far behind a
/// pointer).
const MAX_DEREFS: i32 = 3;

/// Past this many locations, loop-depth roots are not walked one by one:
/// every variable of a loop body whose address is taken escapes.
const MAX_WALKED_ROOTS: usize = 4000;

/// What a function does with the value of one parameter: the fewest
/// dereferences of it that reach the heap, and each result (`None`: none
/// does). 0 is the value itself (the pointer it is), 1 what it points to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Leaks {
    heap: Option<u8>,
    results: Vec<Option<u8>>,
}

impl Leaks {
    fn add_heap(&mut self, d: i32) {
        let d = d.clamp(0, MAX_DEREFS) as u8;
        self.heap = Some(self.heap.map_or(d, |h| h.min(d)));
    }

    fn add_result(&mut self, k: usize, d: i32) {
        if self.results.len() <= k {
            self.results.resize(k + 1, None);
        }
        let d = d.clamp(0, MAX_DEREFS) as u8;
        self.results[k] = Some(self.results[k].map_or(d, |h| h.min(d)));
    }
}

/// The tags of every function of the program declared in source, by its
/// object: one [`Leaks`] per parameter, a method's receiver first.
#[derive(Debug, Default)]
pub struct Tags {
    funcs: HashMap<ObjId, Vec<Leaks>>,
    /// The objects each function returns fresh ([`ResultObject`]), for
    /// the functions that return any.
    fresh: HashMap<ObjId, Vec<ResultObject>>,
}

/// An object a function makes and returns (its address is a result's
/// value, or is held by another such object), which escapes for no other
/// reason: nothing else keeps its address, not the heap, not a variable
/// of an outer loop. A caller that
/// keeps none of the call's results past its own frame may give the
/// function the memory for it: the function's result-frame variant
/// (docs/toolchain.md, "Objects in the caller's frame") takes the address
/// of a buffer in the caller's frame and puts the object there.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultObject {
    pub site: FreshSite,
    /// What holds its address.
    pub into: Vec<Holder>,
    pub ty: ObjectType,
}

/// What holds the address of a [`ResultObject`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holder {
    /// The value of a result.
    Result(usize),
    /// Another object the function returns fresh (by its index).
    Object(usize),
}

/// Where the object is made.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FreshSite {
    /// `new(T)`, `&T{...}` or a constant-size `make([]T, n)`, by the id
    /// [`Escapes::allocs`] names it by.
    Alloc(ExprId),
    /// A local variable whose address is returned, by its name (the only
    /// variable of the function with that name).
    Var(String),
}

/// The object's type (the checker's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObjectType {
    Value(TypeId),
    /// The array of a `make([]T, n, c)` of constant `c`: `[c]T`.
    Array(TypeId, u64),
    /// The frame buffer of `string(b)`, `[]byte(s)` or a string sum
    /// (`Checker::frame_buffer`): the bytes when they fit.
    Buffer,
}

/// Resolves names in the bodies of one package from the type checker's
/// facts for it. Without facts (rgo's host package, bodies the lowering
/// writes itself) names are taken by spelling and every call is unknown.
#[derive(Clone, Copy)]
pub struct Callees<'a> {
    pub world: &'a World,
    pub info: Option<&'a Info>,
}

/// What the lowering of one function needs to know.
#[derive(Debug, Default)]
pub struct Escapes {
    /// The variables (receiver, parameters, results, locals) that must
    /// live on the heap, by object.
    pub heap_objs: HashSet<ObjId>,
    /// Those the facts name no object for (rgo's host package, the
    /// lowering's own names), by name.
    pub vars: HashSet<String>,
    /// The variables closures capture by value (`captures`): copies in
    /// the closure objects, no cells.
    pub by_value: HashSet<ObjId>,
    /// The `new(T)` and `make([]T, n)` (by the id of `T`), `&T{...}` and
    /// `[]T{...}` (by the literal's id), `string(r)` of an integer,
    /// `string(b)` and `[]byte(s)` (by the conversion's id), the slice of a
    /// call's variadic arguments (by the call's id) and `s + t` of strings
    /// (by the sum's id) whose objects may live in the frame. Each
    /// expression makes one object at most, so the ids name them apart.
    pub allocs: HashSet<ExprId>,
    /// The values converted to an interface (by the id of the expression
    /// converted: a call's argument, or the operand of `I(x)`) whose box
    /// may live in the frame: nothing keeps the interface value past the
    /// call (gc's non-escaping `convT`).
    pub boxes: HashSet<ExprId>,
    /// The `defer` statements (by their call's id) that run at most once
    /// per call of the function (in no loop, after no label a `goto`
    /// names): their closure and its cells may live in the frame, which
    /// outlives every deferred call.
    pub frame_defers: HashSet<ExprId>,
    /// The names of variables whose address the function takes anywhere
    /// (`&x`, a pointer method called on `x`, a slice of array `x`),
    /// wherever the address goes: a variable not among them (nor on the
    /// heap) changes only by assignments that name it, which is what
    /// bounds-check elimination relies on.
    pub addressed: HashSet<String>,
    /// The objects the function returns fresh ([`ResultObject`]): what
    /// its result-frame variant puts in the caller's buffer.
    pub result_objects: Vec<ResultObject>,
    /// The calls (by id) of functions returning fresh objects whose
    /// results this function keeps no longer than its frame: each may call
    /// the callee's result-frame variant, with a buffer in this frame.
    pub result_frames: HashMap<ExprId, ObjId>,
    /// With `-gcflags=-m`: what the report says (`super::report`): each
    /// allocation site and boxed value (where, how gc names it, whether it
    /// escapes), and lines said as they are (`None`): each variable moved
    /// to the heap, each parameter's tag.
    pub sites: Vec<(Pos, String, Option<bool>)>,
}

/// The escape sets of function literals, by the address of their body,
/// from the analysis of the function that contains them.
#[derive(Default)]
pub struct LitEscapes(HashMap<usize, Escapes>);

impl LitEscapes {
    /// The set of the literal with this body, if an analysis found it
    /// (each is handed out once: a body lowered again is analysed again).
    pub fn take(&mut self, body: &Block) -> Option<Escapes> {
        self.0.remove(&(std::ptr::from_ref(body) as usize))
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }
}

impl Tags {
    /// The objects function `f` returns fresh (empty for most).
    pub fn fresh(&self, f: ObjId) -> &[ResultObject] {
        self.fresh.get(&f).map_or(&[], Vec::as_slice)
    }

    /// The tags of the functions of `pkgs` (each package's files with the
    /// facts for their bodies).
    pub fn compute(pkgs: &[(&[File], Callees)]) -> Tags {
        let mut tags = Tags::default();
        let mut funcs: Vec<(ObjId, &FuncDecl, Callees)> = vec![];
        // Generic bodies are lowered per instance: no variants of them.
        let mut generic: HashSet<ObjId> = HashSet::new();
        for (files, callees) in pkgs {
            let Some(info) = callees.info else { continue };
            for fd in files.iter().flat_map(|f| &f.decls).filter_map(|d| if let Decl::Func(fd) = d { Some(fd) } else { None }) {
                let Some(&obj) = info.defs.get(fd.name.id) else { continue };
                let n = fd.recv.iter().chain(&fd.sig.params).map(|p| p.names.len().max(1)).sum();
                if fd.type_params.is_some() || fd.recv.as_ref().is_some_and(generic_receiver) {
                    generic.insert(obj);
                }
                if fd.body.is_some() {
                    // Optimistic: only ever grows towards leaking.
                    tags.funcs.insert(obj, vec![Leaks::default(); n]);
                    funcs.push((obj, fd, *callees));
                } else if fd.pragmas.iter().any(|p| p == "noescape") {
                    tags.funcs.insert(obj, vec![Leaks::default(); n]);
                }
            }
        }
        let index: HashMap<ObjId, usize> = funcs.iter().enumerate().map(|(i, f)| (f.0, i)).collect();
        let mut callers: Vec<HashSet<usize>> = vec![HashSet::new(); funcs.len()];
        let mut queued = vec![true; funcs.len()];
        let mut todo: VecDeque<usize> = (0..funcs.len()).collect();
        while let Some(i) = todo.pop_front() {
            queued[i] = false;
            let (obj, fd, callees) = funcs[i];
            let mut lits = LitEscapes::default();
            let out = Walker::new(callees, &tags, &mut lits).run(fd.recv.as_ref(), &fd.sig, fd.body.as_ref().expect("has a body"));
            for c in &out.called {
                if let Some(&j) = index.get(c) {
                    callers[j].insert(i);
                }
            }
            // The last analysis of a function sees its callees' final
            // tags: its fresh objects are those of the fixpoint.
            if out.escaping.result_objects.is_empty() || generic.contains(&obj) {
                tags.fresh.remove(&obj);
            } else {
                tags.fresh.insert(obj, out.escaping.result_objects.clone());
            }
            let old = &tags.funcs[&obj];
            // Monotone: the new tags leak at least as much.
            let merged: Vec<Leaks> = old.iter().zip(out.params.iter().chain(std::iter::repeat(&Leaks::default()))).map(|(a, b)| merge(a, b)).collect();
            if merged != *old {
                tags.funcs.insert(obj, merged);
                for &c in &callers[i] {
                    if !queued[c] {
                        queued[c] = true;
                        todo.push_back(c);
                    }
                }
            }
        }
        tags
    }
}

/// Whether a method's receiver is of a generic type (`func (l *List[T])`).
fn generic_receiver(recv: &Param) -> bool {
    let mut t = &recv.typ;
    loop {
        match &t.kind {
            ExprKind::Paren(x) | ExprKind::Star(x) => t = x,
            ExprKind::Index { .. } | ExprKind::IndexList { .. } => return true,
            _ => return false,
        }
    }
}

fn merge(a: &Leaks, b: &Leaks) -> Leaks {
    let min = |x: Option<u8>, y: Option<u8>| match (x, y) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    };
    let n = a.results.len().max(b.results.len());
    Leaks {
        heap: min(a.heap, b.heap),
        results: (0..n).map(|k| min(a.results.get(k).copied().flatten(), b.results.get(k).copied().flatten())).collect(),
    }
}

/// What escapes in a function; the sets of the function literals in its
/// body are left in `lits`.
pub fn escaping(recv: Option<&Param>, sig: &FuncType, body: &Block, tags: &Tags, callees: Callees, lits: &mut LitEscapes) -> Escapes {
    Walker::new(callees, tags, lits).run(recv, sig, body).escaping
}

type NodeId = usize;
const HEAP: NodeId = 0;

/// Where an expression's value goes: a location after `derefs`
/// dereferences (-1: the expression's address), or nowhere.
#[derive(Clone, Copy, Debug)]
struct Hole {
    dst: Option<NodeId>,
    derefs: i32,
}

impl Hole {
    const DISCARD: Hole = Hole { dst: None, derefs: 0 };
    const HEAP: Hole = Hole { dst: Some(HEAP), derefs: 0 };

    fn to(n: NodeId) -> Hole {
        Hole { dst: Some(n), derefs: 0 }
    }

    fn addr(self) -> Hole {
        self.shift(-1)
    }

    fn deref(self) -> Hole {
        self.shift(1)
    }

    fn shift(self, by: i32) -> Hole {
        Hole { derefs: (self.derefs + by).clamp(-1, MAX_DEREFS), ..self }
    }
}

/// A variable by its object, or by its spelling where there are no facts.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Obj(ObjId),
    Name(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NodeKind {
    Heap,
    Result(usize),
    Param(usize),
    Var,
    Temp,
    /// An object the lowering makes, by the id [`Escapes::allocs`] names
    /// it by.
    Alloc(ExprId),
    /// The box of a value converted to an interface, by the id
    /// [`Escapes::boxes`] names it by.
    Box(ExprId),
    /// One of the objects a call (by its id) returns fresh
    /// ([`ResultObject`]), as if the caller made it.
    Fresh(ExprId),
}

struct Node {
    kind: NodeKind,
    /// The variable's name, for the escape set.
    name: Option<String>,
    /// How many loops enclose the declaration.
    depth: u32,
    /// Incoming edges: the source and the dereferences on the way.
    edges: Vec<(NodeId, i32)>,
}

/// What the analysis of one function found.
struct Outcome {
    escaping: Escapes,
    params: Vec<Leaks>,
    /// Variables of enclosing functions the body refers to.
    outer: HashSet<Key>,
    outer_names: HashSet<String>,
    /// What the body does with those (by object) beyond reading and
    /// writing them: the fewest dereferences of the variable's value that
    /// reach the heap or a result (-1: its address). The enclosing
    /// function applies it where the closure captures the variable.
    outer_leaks: HashMap<Key, i32>,
    /// The functions it calls statically.
    called: HashSet<ObjId>,
}

struct Walker<'a> {
    callees: Callees<'a>,
    tags: &'a Tags,
    lits: &'a mut LitEscapes,
    nodes: Vec<Node>,
    vars: HashMap<Key, NodeId>,
    by_name: HashMap<String, Vec<NodeId>>,
    results: Vec<NodeId>,
    depth: u32,
    /// Labels a `goto` names: a backward jump makes a loop.
    goto_labels: HashSet<String>,
    outer: HashSet<Key>,
    outer_names: HashSet<String>,
    called: HashSet<ObjId>,
    frame_defers: HashSet<ExprId>,
    addressed: HashSet<String>,
    /// The types of the objects a result-frame variant could hold: the
    /// allocations that have one, and local variables by their object.
    object_types: HashMap<NodeId, ObjectType>,
    /// The variables of named results (their slots are the results').
    result_vars: HashSet<NodeId>,
    /// The calls returning fresh objects: the callee and the objects' nodes.
    fresh_calls: Vec<(ExprId, ObjId, Vec<NodeId>)>,
    /// With `-gcflags=-m` ([`super::report`]): where each allocation site
    /// and each boxed value is, and how gc's report names it.
    alloc_sites: HashMap<ExprId, (Pos, String)>,
    box_sites: HashMap<ExprId, (Pos, String)>,
    /// The `make` sites among them, whose object is in the frame only at a
    /// constant size (an array type recorded in `object_types`).
    sized_sites: HashSet<ExprId>,
    /// With `-gcflags=-m`: the `(` of the call whose operands are being
    /// walked.
    operand_of: Option<Pos>,
    /// With `-gcflags=-m`: each parameter's name, where it is declared and
    /// its node (none for an unnamed one), and the results' names.
    param_names: Vec<Option<(Pos, String, NodeId)>>,
    result_names: Vec<String>,
    /// The objects of this function's variables, by node.
    node_objs: HashMap<NodeId, ObjId>,
    /// The variables function literals in the body refer to, with the
    /// closure object that holds them (None: one the lowering makes, on
    /// the heap).
    captured: Vec<(NodeId, Option<NodeId>)>,
    /// The nodes of enclosing functions' variables (by object), which
    /// live outside this body: roots from the start (what is stored in
    /// them escapes), whose leaks `Outcome::outer_leaks` reports.
    outer_nodes: HashMap<NodeId, Key>,
    /// The variables the body may change after declaring them
    /// (`captures::changed_vars`).
    changed: HashSet<ObjId>,
}

/// How a call's callee resolved.
enum Target<'e> {
    Conversion,
    Builtin(Builtin),
    Func(ObjId),
    /// A method called on `x` (the receiver expression).
    Method(ObjId, &'e Expr),
    /// A method of an interface, or one the facts do not name.
    UnknownMethod(&'e Expr),
    Unknown,
}

impl<'a> Walker<'a> {
    fn new(callees: Callees<'a>, tags: &'a Tags, lits: &'a mut LitEscapes) -> Walker<'a> {
        let heap = Node { kind: NodeKind::Heap, name: None, depth: 0, edges: vec![] };
        Walker {
            callees,
            tags,
            lits,
            nodes: vec![heap],
            vars: HashMap::new(),
            by_name: HashMap::new(),
            results: vec![],
            depth: 0,
            goto_labels: HashSet::new(),
            outer: HashSet::new(),
            outer_names: HashSet::new(),
            called: HashSet::new(),
            frame_defers: HashSet::new(),
            addressed: HashSet::new(),
            object_types: HashMap::new(),
            result_vars: HashSet::new(),
            fresh_calls: vec![],
            alloc_sites: HashMap::new(),
            box_sites: HashMap::new(),
            sized_sites: HashSet::new(),
            operand_of: None,
            param_names: vec![],
            result_names: vec![],
            node_objs: HashMap::new(),
            captured: vec![],
            outer_nodes: HashMap::new(),
            changed: HashSet::new(),
        }
    }

    /// `x`'s address goes to `k` (see [`Escapes::addressed`]).
    fn address_of(&mut self, x: &Expr, k: Hole) {
        self.note_addressed(x);
        self.expr(x, k.addr())
    }

    /// The function takes `x`'s address, if `x` names a variable.
    fn note_addressed(&mut self, x: &Expr) {
        if let ExprKind::Ident(id) = &strip_parens(x).kind {
            self.addressed.insert(id.name.clone());
        }
    }

    fn run(mut self, recv: Option<&Param>, sig: &FuncType, body: &Block) -> Outcome {
        let mut k = 0;
        let report = super::report::on();
        for p in recv.into_iter().chain(&sig.params) {
            if p.names.is_empty() {
                self.node(NodeKind::Param(k), None);
                if report {
                    self.param_names.push(None);
                }
                k += 1;
            }
            for n in &p.names {
                let node = self.declare(n, NodeKind::Param(k));
                if report {
                    self.param_names.push(Some((n.pos.clone(), n.name.clone(), node)));
                }
                k += 1;
            }
        }
        let nparams = k;
        let mut r = 0;
        for p in &sig.results {
            for i in 0..p.names.len().max(1) {
                if report {
                    self.result_names.push(p.names.get(i).map_or_else(|| format!("~r{r}"), |n| n.name.clone()));
                }
                let res = self.node(NodeKind::Result(r), None);
                self.results.push(res);
                if let Some(n) = p.names.get(i) {
                    let v = self.declare(n, NodeKind::Var);
                    self.result_vars.insert(v);
                    self.flow(Hole::to(res), v);
                }
                r += 1;
            }
        }
        collect_gotos(&body.stmts, &mut self.goto_labels);
        self.block(&body.stmts);
        // (Only a body whose literals capture something needs to know.)
        if let (Some(info), false) = (self.callees.info, self.captured.is_empty()) {
            self.changed = super::captures::changed_vars(body, info);
        }
        self.solve(nparams)
    }

    fn node(&mut self, kind: NodeKind, name: Option<String>) -> NodeId {
        self.nodes.push(Node { kind, name, depth: self.depth, edges: vec![] });
        self.nodes.len() - 1
    }

    fn temp(&mut self) -> NodeId {
        self.node(NodeKind::Temp, None)
    }

    /// With `-gcflags=-m`: what gc says of each parameter holding pointers
    /// and not moved to the heap, from its tag: `p does not escape`,
    /// `leaking param: p` (to the heap), `leaking param content: p` (what
    /// it points to), `leaking param: p to result r level=n` (a result at
    /// a longer path than any to the heap).
    fn param_lines(&self, params: &[Leaks], escapes: &[bool]) -> Vec<(Pos, String, Option<bool>)> {
        let mut lines = vec![];
        for (k, named) in self.param_names.iter().enumerate() {
            let (Some((pos, name, node)), Some(leaks)) = (named, params.get(k)) else { continue };
            let typ = self.node_objs.get(node).and_then(|o| self.callees.world.objs.get(o.0 as usize)).and_then(|o| o.typ);
            if name == "_" || escapes[*node] || !typ.is_some_and(|t| self.holds_pointers(t, 0)) {
                continue;
            }
            let heap = leaks.heap;
            let results: Vec<(usize, u8)> =
                leaks.results.iter().enumerate().filter_map(|(r, d)| d.filter(|&d| heap.map_or(true, |h| d < h)).map(|d| (r, d))).collect();
            let mut say = |line: String| lines.push((pos.clone(), line, None));
            if heap.is_none() && results.is_empty() {
                say(format!("{name} does not escape"));
            }
            match heap {
                Some(0) => say(format!("leaking param: {name}")),
                Some(_) => say(format!("leaking param content: {name}")),
                None => {}
            }
            for (r, d) in results {
                let result = self.result_names.get(r).cloned().unwrap_or_else(|| format!("~r{r}"));
                say(format!("leaking param: {name} to result {result} level={d}"));
            }
        }
        lines
    }

    /// Whether a value of type `t` holds pointers (gc tags only such
    /// parameters).
    fn holds_pointers(&self, t: TypeId, depth: u32) -> bool {
        use crate::check::types::Basic as B;
        if depth > 32 {
            return true;
        }
        match self.under(t) {
            Type::Basic(b) => matches!(b, B::String | B::UnsafePointer | B::UntypedString),
            Type::Array(e, n) => *n > 0 && self.holds_pointers(*e, depth + 1),
            Type::Struct(fields) => fields.iter().any(|f| self.holds_pointers(f.typ, depth + 1)),
            _ => true,
        }
    }

    /// With `-gcflags=-m`: whether the object of node `n` (made by `site`)
    /// goes to the heap though it does not escape, as the lowering decides:
    /// bigger than a frame object may be (`call::MAX_IMPLICIT_STACK_VAR_SIZE`,
    /// gc's limit too), or a `make` whose size is no constant.
    fn heap_anyway(&self, n: NodeId, site: ExprId) -> bool {
        let size = |t: TypeId| self.callees.world.size_align(t).map(|(s, _)| s);
        match self.object_types.get(&n) {
            Some(ObjectType::Value(t)) => size(*t).is_some_and(|s| s > super::call::MAX_IMPLICIT_STACK_VAR_SIZE),
            Some(ObjectType::Array(e, c)) => size(*e).is_some_and(|s| s.saturating_mul(*c) > super::call::MAX_IMPLICIT_STACK_VAR_SIZE),
            Some(ObjectType::Buffer) => false,
            None => self.sized_sites.contains(&site),
        }
    }

    /// With `-gcflags=-m`: the object `site` makes is reported at `at`'s
    /// position as `name()` names it.
    fn site(&mut self, site: ExprId, at: &Expr, name: impl FnOnce() -> String) {
        if super::report::on() && site != SYNTHETIC {
            self.alloc_sites.entry(site).or_insert_with(|| (super::report::position(at), name()));
        }
    }

    /// With `-gcflags=-m`: the array a call to a variadic function packs
    /// its arguments into (known by the call's id, if the callee is one).
    fn variadic_site(&mut self, call: &Expr) {
        if matches!(&call.kind, ExprKind::Call { args, ellipsis: false, .. } if !args.is_empty()) {
            self.site(call.id, call, || "... argument".into());
        }
    }

    /// The object expression `site` makes, whose address goes to `k`: an
    /// allocation the frame may hold ([`Escapes::allocs`]). None for an
    /// expression the lowering wrote (its object stays on the heap).
    fn new_object(&mut self, site: ExprId, k: Hole) -> Option<NodeId> {
        if site == SYNTHETIC {
            return None;
        }
        let a = self.node(NodeKind::Alloc(site), None);
        self.flow(k.addr(), a);
        Some(a)
    }

    /// `x` goes to `k` as a value of type `to`: converted to an interface,
    /// a value that is not pointer-shaped is copied into a new box, known
    /// by `x`'s id ([`Escapes::boxes`]), whose address goes to `k`.
    fn assigned(&mut self, x: &Expr, to: Option<TypeId>, k: Hole) {
        let to_iface = to.is_some_and(|t| matches!(self.under(t), Type::Interface(_)));
        match self.ty(x) {
            Some(t) if to_iface && x.id != SYNTHETIC && self.boxed(t) => {
                if super::report::on() {
                    // gc places a boxed name at the call (or conversion) it is
                    // an operand of.
                    let at = match (&strip_parens(x).kind, &self.operand_of) {
                        (ExprKind::Ident(_), Some(call)) => call.clone(),
                        _ => super::report::position(x),
                    };
                    self.box_sites.insert(x.id, (at, super::report::expr_text(x)));
                }
                let b = self.node(NodeKind::Box(x.id), None);
                self.flow(k.addr(), b);
                self.expr(x, Hole::to(b));
            }
            _ => self.expr(x, k),
        }
    }

    /// Whether a value of type `t` converted to an interface is copied into
    /// a box: it is no interface, and not a pointer, map, channel or func.
    /// (A struct or array of one such is not boxed either; taking it for
    /// boxed only makes the analysis keep more.)
    fn boxed(&self, t: TypeId) -> bool {
        use crate::check::types::Basic as B;
        !matches!(self.under(t), Type::Interface(_) | Type::Pointer(_) | Type::Map(..) | Type::Chan(..) | Type::Func(_) | Type::Basic(B::UnsafePointer | B::UntypedNil))
    }

    /// A value flows from `src` into the hole.
    fn flow(&mut self, k: Hole, src: NodeId) {
        if let Some(d) = k.dst {
            if d != src || k.derefs != 0 {
                self.nodes[d].edges.push((src, k.derefs));
            }
        }
    }

    fn key(&self, id: &Ident, defining: bool) -> Option<Key> {
        match self.callees.info {
            None => Some(Key::Name(id.name.clone())),
            Some(info) => {
                let o = if defining { info.defs.get(id.id).or_else(|| info.uses.get(id.id)) } else { info.uses.get(id.id).or_else(|| info.defs.get(id.id)) };
                o.map(|&o| Key::Obj(o))
            }
        }
    }

    /// Declares the variable `id` defines (a name without facts is
    /// declared by its spelling).
    fn declare(&mut self, id: &Ident, kind: NodeKind) -> NodeId {
        let key = self.key(id, true).unwrap_or_else(|| Key::Name(id.name.clone()));
        if let Some(&n) = self.vars.get(&key) {
            return n;
        }
        let n = self.node(kind, (id.name != "_").then(|| id.name.clone()));
        if let Key::Obj(o) = &key {
            self.node_objs.insert(n, *o);
        }
        if let (Key::Obj(o), NodeKind::Var) = (&key, kind) {
            if let Some(t) = self.callees.world.objs.get(o.0 as usize).and_then(|obj| obj.typ) {
                self.object_types.insert(n, ObjectType::Value(t));
            }
        }
        self.vars.insert(key, n);
        self.by_name.entry(id.name.clone()).or_default().push(n);
        n
    }

    /// The location of the variable `id` names, if it is one of this
    /// function's; a variable of an enclosing function is noted (it lives
    /// on the heap, as package-level variables do).
    fn var(&mut self, id: &Ident) -> Option<NodeId> {
        match self.key(id, false) {
            Some(key) => {
                if let Some(&n) = self.vars.get(&key) {
                    return Some(n);
                }
                match &key {
                    Key::Obj(o) => {
                        let local = self.callees.world.objs.get(o.0 as usize).is_some_and(|obj| matches!(obj.kind, ObjKind::Var { kind } if kind != VarKind::Package));
                        if !local {
                            // Package-level: on the heap already.
                            return None;
                        }
                        self.outer.insert(key.clone());
                    }
                    Key::Name(n) => {
                        self.outer_names.insert(n.clone());
                    }
                }
                Some(self.outer_var(key, &id.name))
            }
            // An identifier the facts do not cover (the lowering's own):
            // by its spelling.
            None => {
                if let Some(ns) = self.by_name.get(&id.name) {
                    return ns.last().copied();
                }
                self.outer_names.insert(id.name.clone());
                None
            }
        }
    }

    /// A variable this function does not declare: an enclosing function's,
    /// which lives in a cell on the heap (what flows into it escapes).
    fn outer_var(&mut self, key: Key, name: &str) -> NodeId {
        let n = self.node(NodeKind::Var, Some(name.to_string()));
        match &key {
            Key::Obj(o) => {
                self.node_objs.insert(n, *o);
                self.outer_nodes.insert(n, key.clone());
            }
            Key::Name(_) => self.escape(n),
        }
        self.vars.insert(key, n);
        self.by_name.entry(name.to_string()).or_default().push(n);
        n
    }

    fn tv(&self, e: &Expr) -> Option<&'a crate::types::TypeAndValue> {
        self.callees.info?.types.get(e.id)
    }

    fn ty(&self, e: &Expr) -> Option<TypeId> {
        self.tv(e).map(|tv| tv.typ)
    }

    fn under(&self, t: TypeId) -> &'a Type {
        self.callees.world.types.under(t)
    }

    fn under_of(&self, e: &Expr) -> Option<&'a Type> {
        self.ty(e).map(|t| self.under(t))
    }

    fn is_type(&self, e: &Expr) -> bool {
        self.tv(e).is_some_and(|tv| tv.mode == Mode::TypeExpr)
    }

    /// Whether `t`'s underlying type is `byte`.
    fn is_byte(&self, t: TypeId) -> bool {
        matches!(self.under(t), Type::Basic(crate::check::types::Basic::Uint8))
    }

    /// Whether values of `t` hold no pointers.
    fn pointer_free(&self, t: TypeId) -> bool {
        self.pointer_free_depth(t, 0)
    }

    fn pointer_free_depth(&self, t: TypeId, depth: u32) -> bool {
        use crate::check::types::Basic as B;
        if depth > 16 {
            return false;
        }
        match self.under(t) {
            Type::Basic(b) => !matches!(b, B::String | B::UnsafePointer | B::UntypedString | B::UntypedNil),
            Type::Array(e, n) => *n == 0 || self.pointer_free_depth(*e, depth + 1),
            Type::Struct(fs) => fs.iter().all(|f| self.pointer_free_depth(f.typ, depth + 1)),
            Type::Tuple(ts) => ts.iter().all(|t| self.pointer_free_depth(*t, depth + 1)),
            _ => false,
        }
    }

    /// Whether `e`'s value cannot carry an address: a type, a constant, a
    /// value of a type without pointers.
    fn valueless(&self, e: &Expr) -> bool {
        match self.tv(e) {
            Some(tv) => match tv.mode {
                Mode::TypeExpr | Mode::Constant | Mode::NoValue | Mode::Builtin(_) => true,
                _ => self.pointer_free(tv.typ),
            },
            None => false,
        }
    }

    fn expr(&mut self, e: &Expr, k: Hole) {
        crate::stack::grow(|| self.expr_inner(e, k))
    }

    fn expr_inner(&mut self, e: &Expr, k: Hole) {
        // (Its address is another matter.)
        let k = if k.derefs >= 0 && self.valueless(e) { Hole::DISCARD } else { k };
        match &e.kind {
            ExprKind::Ident(id) => {
                if let Some(n) = self.var(id) {
                    self.flow(k, n);
                }
            }
            ExprKind::BasicLit(_) | ExprKind::Bad => {}
            ExprKind::Composite { elems, .. } => self.composite(e, elems, k, false),
            ExprKind::FuncLit { sig, body } => {
                self.site(e.id, e, || "func literal".into());
                self.func_lit(e.id, sig, body, k)
            }
            ExprKind::Paren(x) => self.expr(x, k),
            ExprKind::Selector { x, sel } => self.selector(e, x, sel, k),
            ExprKind::Index { x, index, .. } => {
                match self.under_of(x) {
                    Some(Type::Array(..)) => self.expr(x, k),
                    Some(Type::Slice(_) | Type::Pointer(_)) => self.expr(x, k.deref()),
                    Some(Type::Basic(_) | Type::Map(..)) => self.expr(x, Hole::DISCARD),
                    _ => self.expr(x, k),
                }
                self.expr(index, Hole::DISCARD);
            }
            ExprKind::IndexList { x, .. } => self.expr(x, Hole::DISCARD),
            ExprKind::Slice { x, lo, hi, max, .. } => {
                match self.under_of(x) {
                    Some(Type::Slice(_) | Type::Pointer(_) | Type::Basic(_)) => self.expr(x, k),
                    // An array's elements are the variable's own.
                    _ => self.address_of(x, k),
                }
                for p in [lo, hi, max].into_iter().flatten() {
                    self.expr(p, Hole::DISCARD);
                }
            }
            ExprKind::TypeAssert { x, .. } => self.expr(x, k),
            ExprKind::Call { .. } => self.call(e, &[k]),
            ExprKind::Star(x) => self.expr(x, k.deref()),
            ExprKind::Unary { op, x } => match op {
                UnaryOp::Addr => match &strip_parens(x).kind {
                    // `&T{...}`: a new object on the heap.
                    ExprKind::Composite { elems, .. } => {
                        let lit = strip_parens(x);
                        self.site(lit.id, e, || format!("&{}", super::report::composite_text(lit)));
                        let object = if matches!(self.under_of(lit), Some(Type::Struct(_) | Type::Array(..))) { self.new_object(lit.id, k) } else { None };
                        if let (Some(a), Some(t)) = (object, self.ty(lit)) {
                            self.object_types.insert(a, ObjectType::Value(t));
                        }
                        match object {
                            Some(a) => self.composite(lit, elems, Hole::to(a), false),
                            None => self.composite(lit, elems, Hole::DISCARD, true),
                        }
                    }
                    _ => self.address_of(x, k),
                },
                UnaryOp::Recv => self.expr(x, Hole::DISCARD),
                _ => self.expr(x, Hole::DISCARD),
            },
            // Comparisons and arithmetic carry nothing (valueless above);
            // a concatenation is a new string, in a frame buffer if it
            // stays there (by the expression's id), or one of its operands,
            // which the runtime copies if its bytes are in a frame and the
            // sum may outlive it (`rgo_concatstrings_into`): the operands
            // go nowhere, as gc's.
            ExprKind::Binary { op, x, y } => {
                let sum = *op == BinaryOp::Add && matches!(self.under_of(e), Some(Type::Basic(b)) if b.is_string());
                if sum {
                    self.site(e.id, e, || super::report::expr_text(e));
                    if let Some(a) = self.new_object(e.id, k) {
                        self.object_types.insert(a, ObjectType::Buffer);
                    }
                }
                let k = if sum { Hole::DISCARD } else { k };
                self.expr(x, k);
                self.expr(y, k);
            }
            // Types.
            _ => debug_assert!(e.is_type_literal()),
        }
    }

    /// A composite literal whose value goes to `k`; `new_object` for
    /// `&T{...}`.
    fn composite(&mut self, e: &Expr, elems: &[KeyedElement], k: Hole, new_object: bool) {
        let t = self.under_of(e);
        // Struct and array values hold their elements; a slice's array is
        // a new object, in the frame if its address stays there; everything
        // else (maps, pointed-to objects) is a new object on the heap.
        let inline = !new_object && matches!(t, Some(Type::Struct(_) | Type::Array(..)));
        let array = if !new_object && matches!(t, Some(Type::Slice(_))) {
            self.site(e.id, e, || super::report::composite_text(e));
            self.new_object(e.id, k)
        } else {
            None
        };
        let kv = match array {
            _ if inline => k,
            Some(a) => Hole::to(a),
            None => Hole::HEAP,
        };
        let is_struct = matches!(t, Some(Type::Struct(_)));
        for el in elems {
            if let Some(key) = &el.key {
                // A field name is no value; a map's key is stored.
                if !is_struct {
                    let kk = if matches!(t, Some(Type::Map(..)) | None) { Hole::HEAP } else { Hole::DISCARD };
                    self.expr(key, kk);
                }
            }
            match &el.value.kind {
                // An elided `&T` in a literal of pointers.
                ExprKind::Composite { elems: inner, .. } if matches!(self.under_of(&el.value), Some(Type::Pointer(_))) => {
                    self.composite(&el.value, inner, Hole::DISCARD, true)
                }
                _ => self.expr(&el.value, kv),
            }
        }
    }

    /// The literal `site` whose closure goes to `k`: the closure object
    /// (in the frame if it stays there, `Escapes::allocs`) holds the cells
    /// or copies of the variables it captures, and what the body does with
    /// them flows from them (`Outcome::outer_leaks`).
    fn func_lit(&mut self, site: ExprId, sig: &FuncType, body: &Block, k: Hole) {
        let out = crate::stack::grow(|| Walker::new(self.callees, self.tags, &mut *self.lits).run(None, sig, body));
        self.lits.0.insert(std::ptr::from_ref(body) as usize, out.escaping);
        self.called.extend(out.called);
        let object = if out.outer.is_empty() { None } else { self.new_object(site, k) };
        // The closure reaches the variables it names through cells, or
        // holds copies of their values (decided in `solve`).
        for key in out.outer {
            let n = match self.vars.get(&key) {
                Some(&n) => n,
                // An enclosing function's: its node here carries the
                // literal's effects up.
                None => {
                    self.outer.insert(key.clone());
                    let Key::Obj(o) = key else { continue };
                    let name = self.callees.world.objs.get(o.0 as usize).map(|obj| obj.name.to_string()).unwrap_or_default();
                    self.outer_var(key.clone(), &name)
                }
            };
            if let Some(&d) = out.outer_leaks.get(&key) {
                self.flow(Hole::HEAP.shift(d), n);
            }
            self.captured.push((n, object));
        }
        for name in out.outer_names {
            for n in self.by_name.get(&name).cloned().unwrap_or_default() {
                self.escape(n);
            }
            self.outer_names.insert(name);
        }
    }

    /// `n` lives on the heap.
    fn escape(&mut self, n: NodeId) {
        self.nodes[HEAP].edges.push((n, -1));
    }

    fn selector(&mut self, e: &Expr, x: &Expr, sel: &Ident, k: Hole) {
        let Some(info) = self.callees.info else {
            // Without facts, a method value may bind `x`'s address.
            self.address_of(x, Hole::HEAP);
            return;
        };
        match info.selections.get(e.id) {
            Some(s) => match s.kind {
                SelectionKind::FieldVal if s.indirect => self.expr(x, k.deref()),
                SelectionKind::FieldVal => self.expr(x, k),
                // A method value: the receiver goes into a closure.
                SelectionKind::MethodVal => {
                    let m = s.obj;
                    self.receiver(x, m, s.index.len() > 1, Hole::HEAP)
                }
                _ => {}
            },
            // A qualified identifier.
            None => {
                if let Some(n) = self.var(sel) {
                    self.flow(k, n);
                }
            }
        }
    }

    /// The receiver `x` of method `m` (`None`: not known) goes to `k`: its
    /// address for a pointer method of an addressable value, what it points
    /// to for a value method of a pointer.
    fn receiver(&mut self, x: &Expr, m: Option<ObjId>, promoted: bool, k: Hole) {
        let ptr_recv = m.and_then(|m| self.callees.world.objs.get(m.0 as usize)).is_some_and(|o| matches!(&o.kind, ObjKind::Func { method: Some(mm), .. } if mm.ptr_recv));
        let x_ptr = matches!(self.under_of(x), Some(Type::Pointer(_)));
        if m.is_none() && !x_ptr {
            // Perhaps a pointer method, whose call takes `x`'s address.
            self.note_addressed(x);
        }
        if ptr_recv && !x_ptr {
            self.address_of(x, k)
        } else if !ptr_recv && x_ptr && !promoted {
            self.expr(x, k.deref())
        } else {
            self.expr(x, k)
        }
    }

    fn target<'e>(&self, func: &'e Expr) -> Target<'e> {
        let f = strip_parens(func);
        if self.is_type(f) {
            return Target::Conversion;
        }
        let Some(info) = self.callees.info else { return Target::Unknown };
        let obj = match &f.kind {
            ExprKind::Ident(id) => info.uses.get(id.id).copied(),
            ExprKind::Selector { x, sel } => match info.selections.get(f.id) {
                Some(s) if s.kind == SelectionKind::MethodVal => {
                    return match s.obj.filter(|m| self.tags.funcs.contains_key(m)) {
                        Some(m) => Target::Method(m, x),
                        None => Target::UnknownMethod(x),
                    };
                }
                Some(_) => return Target::Unknown,
                None => info.uses.get(sel.id).copied(),
            },
            // An explicit instantiation `F[int]`.
            ExprKind::Index { x, .. } | ExprKind::IndexList { x, .. } => match &strip_parens(x).kind {
                ExprKind::Ident(id) => info.uses.get(id.id).copied(),
                ExprKind::Selector { sel, .. } => info.uses.get(sel.id).copied(),
                _ => None,
            },
            _ => None,
        };
        match obj.and_then(|o| Some((o, &self.callees.world.objs.get(o.0 as usize)?.kind))) {
            Some((o, ObjKind::Func { method: None, .. })) => Target::Func(o),
            Some((_, ObjKind::Builtin(b))) => Target::Builtin(*b),
            Some((_, ObjKind::TypeName { .. })) => Target::Conversion,
            _ => Target::Unknown,
        }
    }

    /// A call, its results going to `ks` (one hole per result; fewer when
    /// some are dropped).
    fn call(&mut self, e: &Expr, ks: &[Hole]) {
        let ExprKind::Call { func, args, ellipsis, lparen, .. } = &e.kind else { return };
        let outer = if super::report::on() { self.operand_of.replace(lparen.clone()) } else { None };
        self.call_operands(e, func, args, *ellipsis, ks);
        if super::report::on() {
            self.operand_of = outer;
        }
    }

    /// [`Walker::call`] of `func(args...)`.
    fn call_operands(&mut self, e: &Expr, func: &Expr, args: &[Expr], ellipsis: bool, ks: &[Hole]) {
        let k0 = ks.first().copied().unwrap_or(Hole::DISCARD);
        match self.target(func) {
            Target::Conversion => {
                let to = self.ty(e);
                if let Some(x) = args.first() {
                    self.site(e.id, e, || super::report::expr_text(e));
                    self.conversion(e.id, to, x, k0);
                }
            }
            Target::Builtin(b) => {
                if let (Builtin::New | Builtin::Make, Some(t)) = (b, args.first()) {
                    self.site(t.id, e, || super::report::expr_text(e));
                    if b == Builtin::Make && super::report::on() {
                        self.sized_sites.insert(t.id);
                    }
                }
                self.builtin(b, args, ellipsis, k0)
            }
            Target::Func(o) => {
                self.called.insert(o);
                self.variadic_site(e);
                self.args(e.id, o, None, args, ellipsis, ks)
            }
            Target::Method(o, x) => {
                self.called.insert(o);
                self.variadic_site(e);
                self.args(e.id, o, Some(x), args, ellipsis, ks)
            }
            Target::UnknownMethod(x) => {
                let m = self.method_obj(func);
                self.receiver(x, m, true, Hole::HEAP);
                self.unknown_args(args);
            }
            Target::Unknown => {
                self.expr(func, Hole::DISCARD);
                self.unknown_args(args);
            }
        }
    }

    /// The method a selector `x.M` names, by the facts.
    fn method_obj(&self, func: &Expr) -> Option<ObjId> {
        self.callees.info.and_then(|i| i.selections.get(strip_parens(func).id)).and_then(|s| s.obj)
    }

    fn unknown_args(&mut self, args: &[Expr]) {
        for a in args {
            match &strip_parens(a).kind {
                ExprKind::Call { .. } if args.len() == 1 => {
                    let n = self.results_of(a);
                    self.call(strip_parens(a), &vec![Hole::HEAP; n.max(1)])
                }
                _ => self.expr(a, Hole::HEAP),
            }
        }
    }

    /// How many results the call `e` has.
    fn results_of(&self, e: &Expr) -> usize {
        match self.under_of(e) {
            Some(Type::Tuple(ts)) => ts.len(),
            _ => 1,
        }
    }

    /// The arguments of a call `site` of `f` (a method's receiver `recv`),
    /// by `f`'s tags.
    fn args(&mut self, site: ExprId, f: ObjId, recv: Option<&Expr>, args: &[Expr], ellipsis: bool, ks: &[Hole]) {
        let Some(leaks) = self.tags.funcs.get(&f) else {
            if let Some(x) = recv {
                self.receiver(x, Some(f), true, Hole::HEAP);
            }
            self.unknown_args(args);
            return;
        };
        let leaks = leaks.clone();
        // The objects it returns fresh, as if made here (not for a
        // deferred call: the lowering makes it elsewhere).
        if !self.tags.fresh(f).is_empty() && !self.frame_defers.contains(&site) {
            let fresh = self.tags.fresh(f).to_vec();
            let objects: Vec<NodeId> = fresh.iter().map(|_| self.node(NodeKind::Fresh(site), None)).collect();
            for (o, &n) in fresh.iter().zip(&objects) {
                for h in &o.into {
                    match *h {
                        Holder::Result(r) => {
                            if let Some(k) = ks.get(r) {
                                self.flow(k.addr(), n);
                            }
                        }
                        Holder::Object(j) => self.flow(Hole::to(objects[j]).addr(), n),
                    }
                }
            }
            self.fresh_calls.push((site, f, objects));
        }
        let sig = self.callees.world.objs.get(f.0 as usize).and_then(|o| o.typ).and_then(|t| match self.under(t) {
            Type::Func(s) => Some((s.params.clone(), s.variadic)),
            _ => None,
        });
        let Some((params, variadic)) = sig else {
            if let Some(x) = recv {
                self.receiver(x, Some(f), true, Hole::HEAP);
            }
            self.unknown_args(args);
            return;
        };
        let nparams = params.len();
        // The type each argument is assigned to (a variadic slice's
        // element for those packed into it).
        let param_t = |this: &Self, i: usize| -> Option<TypeId> {
            if variadic && !ellipsis && i + 1 >= nparams {
                return match this.under(*params.last()?) {
                    Type::Slice(e) => Some(*e),
                    _ => None,
                };
            }
            params.get(i).copied()
        };
        let first = usize::from(recv.is_some());
        let sink = |this: &mut Self, i: usize| -> NodeId {
            let t = this.temp();
            if let Some(l) = leaks.get(i) {
                if let Some(d) = l.heap {
                    this.flow(Hole::HEAP.shift(d as i32), t);
                }
                for (r, d) in l.results.iter().enumerate() {
                    if let (Some(d), Some(k)) = (d, ks.get(r)) {
                        this.flow(k.shift(*d as i32), t);
                    }
                }
            } else {
                this.flow(Hole::HEAP, t);
            }
            t
        };
        if let Some(x) = recv {
            let t = sink(self, 0);
            self.receiver(x, Some(f), false, Hole::to(t));
        }
        // `f(g())` with g's results the arguments.
        if args.len() == 1 && nparams > 1 {
            if let ExprKind::Call { .. } = &strip_parens(&args[0]).kind {
                let holes: Vec<Hole> = (0..nparams).map(|i| Hole::to(sink(self, first + i))).collect();
                self.call(strip_parens(&args[0]), &holes);
                return;
            }
        }
        // The arguments past the last parameter but one, packed into a new
        // array (known by the call's id): in the frame if the callee keeps
        // no pointer to the slice.
        let mut packed = None;
        for (i, a) in args.iter().enumerate() {
            if variadic && !ellipsis && i + 1 >= nparams {
                let array = match packed {
                    Some(n) => n,
                    None => {
                        let t = sink(self, first + nparams - 1);
                        self.new_object(site, Hole::to(t)).unwrap_or(HEAP)
                    }
                };
                packed = Some(array);
                let to = param_t(self, i);
                self.assigned(a, to, Hole::to(array));
                continue;
            }
            let t = sink(self, first + i);
            let to = param_t(self, i);
            self.assigned(a, to, Hole::to(t));
        }
    }

    /// The conversion `site` (the call's id) of `x` to `to`.
    fn conversion(&mut self, site: ExprId, to: Option<TypeId>, x: &Expr, k: Hole) {
        use crate::check::types::Basic as B;
        let Some(to) = to else { return self.expr(x, Hole::HEAP) };
        let from = self.ty(x).map(|t| self.under(t));
        match (self.under(to), from) {
            // `string(r)`: a new object, in the frame if it stays there.
            (Type::Basic(B::String), Some(Type::Basic(b))) if b.is_integer() => {
                self.new_object(site, k);
                self.expr(x, Hole::DISCARD)
            }
            // Copies of the bytes or runes; of bytes, in a frame buffer if
            // the copy stays there.
            (Type::Basic(B::String), Some(Type::Slice(_) | Type::Basic(_))) if !matches!(from, Some(Type::Basic(B::String | B::UntypedString))) => {
                if matches!(from, Some(Type::Slice(e)) if self.is_byte(*e)) {
                    if let Some(a) = self.new_object(site, k) {
                        self.object_types.insert(a, ObjectType::Buffer);
                    }
                }
                self.expr(x, Hole::DISCARD)
            }
            (Type::Slice(e), Some(Type::Basic(B::String | B::UntypedString))) => {
                if self.is_byte(*e) {
                    if let Some(a) = self.new_object(site, k) {
                        self.object_types.insert(a, ObjectType::Buffer);
                    }
                }
                self.expr(x, Hole::DISCARD)
            }
            // A pointer made from an integer: the pointers that integer
            // arithmetic was done on.
            (Type::Basic(B::UnsafePointer), Some(Type::Basic(b))) if *b != B::UnsafePointer => self.unsafe_value(x, k),
            _ => self.assigned(x, Some(to), k),
        }
    }

    /// The pointers converted to integers in the `uintptr` expression `e`
    /// flow to `k` (`unsafe.Pointer(uintptr(p) + off)`).
    fn unsafe_value(&mut self, e: &Expr, k: Hole) {
        use crate::check::types::Basic as B;
        let e = strip_parens(e);
        match &e.kind {
            ExprKind::Call { func, args, .. } if self.is_type(strip_parens(func)) && args.len() == 1 => {
                if matches!(self.under_of(&args[0]), Some(Type::Basic(B::UnsafePointer))) {
                    self.expr(&args[0], k)
                } else {
                    self.unsafe_value(&args[0], k)
                }
            }
            ExprKind::Binary { op: BinaryOp::Shl | BinaryOp::Shr, x, y } => {
                self.unsafe_value(x, k);
                self.expr(y, Hole::DISCARD);
            }
            ExprKind::Binary { x, y, .. } => {
                self.unsafe_value(x, k);
                self.unsafe_value(y, k);
            }
            ExprKind::Unary { x, .. } => self.unsafe_value(x, k),
            _ => self.expr(e, Hole::DISCARD),
        }
    }

    fn builtin(&mut self, b: Builtin, args: &[Expr], ellipsis: bool, k: Hole) {
        use Builtin as B;
        match b {
            B::Append => {
                for (i, a) in args.iter().enumerate() {
                    match i {
                        // The result may be the first operand's array.
                        0 => self.expr(a, k),
                        // `append(s, t...)` copies t's elements.
                        _ if ellipsis => self.expr(a, Hole::HEAP.deref()),
                        _ => self.expr(a, Hole::HEAP),
                    }
                }
            }
            B::Copy => {
                if let [dst, src] = args {
                    self.expr(dst, Hole::DISCARD);
                    self.expr(src, Hole::HEAP.deref());
                }
            }
            B::Panic => args.iter().for_each(|a| self.expr(a, Hole::HEAP)),
            // `unsafe.Add(p, n)`, `unsafe.Slice(p, n)`: made from p.
            B::Add | B::Slice => {
                for (i, a) in args.iter().enumerate() {
                    self.expr(a, if i == 0 { k } else { Hole::DISCARD });
                }
            }
            B::New => {
                if let Some(t) = args.first() {
                    if let (Some(a), Some(ty)) = (self.new_object(t.id, k), self.ty(t)) {
                        self.object_types.insert(a, ObjectType::Value(ty));
                    }
                }
            }
            // A slice's array, by the id of the type as for `new`: in the
            // frame if it stays there and its size is a constant.
            B::Make => {
                if let Some(t) = args.first().filter(|t| matches!(self.under_of(t), Some(Type::Slice(_)))) {
                    let a = self.new_object(t.id, k);
                    // `[c]T` for a constant capacity (or length).
                    let cap = args.get(2).or(args.get(1)).and_then(|c| self.tv(c)?.value.as_ref()?.as_int()).and_then(|c| u64::try_from(c).ok());
                    if let (Some(a), Some(Type::Slice(e)), Some(c)) = (a, self.under_of(t), cap) {
                        self.object_types.insert(a, ObjectType::Array(*e, c));
                    }
                }
                args.iter().skip(1).for_each(|a| self.expr(a, Hole::DISCARD))
            }
            B::Cap | B::Close | B::Complex | B::Delete | B::Imag | B::Len | B::Print | B::Println | B::Real | B::Recover => {
                args.iter().for_each(|a| self.expr(a, Hole::DISCARD))
            }
            B::Alignof | B::Offsetof | B::Sizeof => {}
        }
    }

    /// Where an assignment to `l` puts the value.
    fn lhs(&mut self, l: &Expr, define: bool) -> Hole {
        let l = strip_parens(l);
        match &l.kind {
            ExprKind::Ident(id) if id.name == "_" => Hole::DISCARD,
            ExprKind::Ident(id) => {
                let new = define && self.callees.info.is_none_or(|i| i.defs.get(id.id).is_some());
                if new {
                    return Hole::to(self.declare(id, NodeKind::Var));
                }
                match self.var(id) {
                    Some(n) => Hole::to(n),
                    None => Hole::HEAP,
                }
            }
            ExprKind::Index { x, index, .. } => match self.under_of(x) {
                Some(Type::Array(..)) => {
                    self.expr(index, Hole::DISCARD);
                    self.lhs(x, false)
                }
                Some(Type::Map(..)) | None => {
                    self.expr(x, Hole::DISCARD);
                    self.expr(index, Hole::HEAP);
                    Hole::HEAP
                }
                _ => {
                    self.expr(x, Hole::DISCARD);
                    self.expr(index, Hole::DISCARD);
                    Hole::HEAP
                }
            },
            ExprKind::Selector { x, .. } => {
                let sel = self.callees.info.and_then(|i| i.selections.get(l.id));
                match sel {
                    Some(s) if s.kind == SelectionKind::FieldVal && !s.indirect => self.lhs(x, false),
                    _ => {
                        self.expr(x, Hole::DISCARD);
                        Hole::HEAP
                    }
                }
            }
            _ => {
                self.expr(l, Hole::DISCARD);
                Hole::HEAP
            }
        }
    }

    fn block(&mut self, stmts: &[Stmt]) {
        let depth = self.depth;
        for s in stmts {
            // A label a `goto` names may start a loop.
            if let StmtKind::Labeled { label, .. } = &s.kind {
                if self.goto_labels.contains(&label.name) {
                    self.depth += 1;
                }
            }
            self.stmt(s);
        }
        self.depth = depth;
    }

    fn stmt(&mut self, s: &Stmt) {
        crate::stack::grow(|| self.stmt_inner(s))
    }

    fn stmt_inner(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Empty | StmtKind::Branch { .. } | StmtKind::Decl(GenDecl::Type(_) | GenDecl::Const(_)) => {}
            StmtKind::Expr(e) => self.expr(e, Hole::DISCARD),
            StmtKind::Decl(GenDecl::Var(specs)) => {
                for sp in specs {
                    let holes: Vec<Hole> = sp.names.iter().map(|n| if n.name == "_" { Hole::DISCARD } else { Hole::to(self.declare(n, NodeKind::Var)) }).collect();
                    self.assign_values(&holes, &sp.values);
                }
            }
            StmtKind::Assign { lhs, op, rhs, .. } => {
                let define = *op == AssignOp::Define;
                let holes: Vec<Hole> = lhs.iter().map(|l| self.lhs(l, define)).collect();
                // `d.buf = d.buf[1:]`, `v.x = v.y`: the value stays in the
                // object it came from (gc's self-assignments).
                let holes: Vec<Hole> = if lhs.len() == rhs.len() {
                    holes.into_iter().zip(lhs.iter().zip(rhs)).map(|(k, (l, r))| if self.self_assignment(l, r) { Hole::DISCARD } else { k }).collect()
                } else {
                    holes
                };
                self.assign_values(&holes, rhs);
            }
            StmtKind::IncDec { x, .. } => self.expr(x, Hole::DISCARD),
            StmtKind::Send { ch, value } => {
                self.expr(ch, Hole::DISCARD);
                self.expr(value, Hole::HEAP);
            }
            StmtKind::Go(e) => self.detached(e),
            // A deferred call runs before the frame goes, but a loop's
            // defers may see variables of iterations since gone.
            StmtKind::Defer(e) if self.depth > 0 => self.detached(e),
            StmtKind::Defer(e) => {
                let call = strip_parens(e);
                if call.id != SYNTHETIC {
                    self.frame_defers.insert(call.id);
                }
                self.expr(e, Hole::DISCARD)
            }
            StmtKind::Return(es) => {
                let holes: Vec<Hole> = self.results.iter().map(|&r| Hole::to(r)).collect();
                if !es.is_empty() {
                    self.assign_values(&holes, es);
                }
            }
            StmtKind::Block(b) => self.block(&b.stmts),
            StmtKind::If { init, cond, then, els } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                self.expr(cond, Hole::DISCARD);
                self.block(&then.stmts);
                if let Some(e) = els {
                    self.stmt(e);
                }
            }
            StmtKind::For { init, cond, post, body } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                self.depth += 1;
                if let Some(c) = cond {
                    self.expr(c, Hole::DISCARD);
                }
                if let Some(p) = post {
                    self.stmt(p);
                }
                self.block(&body.stmts);
                self.depth -= 1;
            }
            StmtKind::Range { key, value, define, x, body } => {
                let hole = |this: &mut Self, e: &Option<Expr>| match e {
                    None => Hole::DISCARD,
                    Some(e) => this.lhs(e, *define),
                };
                let kk = hole(self, key);
                let kv = hole(self, value);
                match self.under_of(x) {
                    Some(Type::Slice(_) | Type::Pointer(_)) => self.expr(x, kv.deref()),
                    Some(Type::Array(..)) => self.expr(x, kv),
                    Some(Type::Basic(_) | Type::Map(..) | Type::Chan(..)) => self.expr(x, Hole::DISCARD),
                    _ => {
                        self.expr(x, kv);
                        self.expr(x, kk);
                    }
                }
                self.depth += 1;
                self.block(&body.stmts);
                self.depth -= 1;
            }
            StmtKind::Switch { init, tag, clauses } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                if let Some(t) = tag {
                    self.expr(t, Hole::DISCARD);
                }
                for c in clauses {
                    c.exprs.iter().for_each(|e| self.expr(e, Hole::DISCARD));
                    self.block(&c.body);
                }
            }
            StmtKind::TypeSwitch { init, bind, x, clauses } => {
                if let Some(i) = init {
                    self.stmt(i);
                }
                let t = self.temp();
                let x = match &strip_parens(x).kind {
                    ExprKind::TypeAssert { x, .. } => x,
                    _ => x,
                };
                self.expr(x, Hole::to(t));
                if let Some(b) = bind {
                    let objs = self.callees.info.and_then(|i| i.implicits.get(b.id)).cloned();
                    match objs {
                        Some(objs) => {
                            for o in objs {
                                let n = self.node(NodeKind::Var, Some(b.name.clone()));
                                self.node_objs.insert(n, o);
                                self.vars.insert(Key::Obj(o), n);
                                self.by_name.entry(b.name.clone()).or_default().push(n);
                                self.flow(Hole::to(n), t);
                            }
                        }
                        None => {
                            let n = self.declare(b, NodeKind::Var);
                            self.flow(Hole::to(n), t);
                        }
                    }
                }
                for c in clauses {
                    self.block(&c.body);
                }
            }
            StmtKind::Select(cs) => {
                for c in cs {
                    if let Some(comm) = &c.comm {
                        self.stmt(comm);
                    }
                    self.block(&c.body);
                }
            }
            StmtKind::Labeled { stmt, .. } => self.stmt(stmt),
        }
    }

    /// `holes = values`: one value each, or one call (map index, type
    /// assertion, receive) giving them all.
    /// Whether `l = r` moves a value within one object, as gc's
    /// `isSelfAssign` finds: `r` slices `l` (`b.buf = b.buf[n:]`), or both
    /// are fields of the same path of fields from one variable
    /// (`v.x = v.y`). Such an assignment makes nothing reachable from
    /// anywhere new.
    fn self_assignment(&self, l: &Expr, r: &Expr) -> bool {
        let (l, r) = (strip_parens(l), strip_parens(r));
        if !matches!(l.kind, ExprKind::Selector { .. } | ExprKind::Star(_)) {
            return false;
        }
        match (&l.kind, &r.kind) {
            (_, ExprKind::Slice { x, .. }) if self.same_path(l, x) => true,
            (ExprKind::Selector { x: lx, .. }, ExprKind::Selector { x: rx, .. }) => self.same_path(lx, rx),
            _ => false,
        }
    }

    /// Whether `a` and `b` name the same variable through the same fields
    /// and dereferences (no calls, no indexes).
    fn same_path(&self, a: &Expr, b: &Expr) -> bool {
        let (a, b) = (strip_parens(a), strip_parens(b));
        match (&a.kind, &b.kind) {
            (ExprKind::Ident(x), ExprKind::Ident(y)) => {
                x.name == y.name && x.name != "_" && self.callees.info.is_some_and(|i| i.uses.get(x.id).is_some() && i.uses.get(x.id) == i.uses.get(y.id))
            }
            (ExprKind::Selector { x, sel: s }, ExprKind::Selector { x: y, sel: t }) => {
                s.name == t.name && self.selection_is_field(a) && self.selection_is_field(b) && self.same_path(x, y)
            }
            (ExprKind::Star(x), ExprKind::Star(y)) => self.same_path(x, y),
            _ => false,
        }
    }

    /// Whether selector `e` selects a field (not a method or a package's
    /// member).
    fn selection_is_field(&self, e: &Expr) -> bool {
        self.callees.info.and_then(|i| i.selections.get(e.id)).is_some_and(|s| s.kind == SelectionKind::FieldVal)
    }

    fn assign_values(&mut self, holes: &[Hole], values: &[Expr]) {
        if values.len() == holes.len() {
            for (k, v) in holes.iter().zip(values) {
                self.expr(v, *k);
            }
            return;
        }
        for v in values {
            match &strip_parens(v).kind {
                ExprKind::Call { .. } => self.call(strip_parens(v), holes),
                _ => self.expr(v, holes.first().copied().unwrap_or(Hole::DISCARD)),
            }
        }
    }

    /// A `go` statement's call (or a `defer`'s in a loop): everything it
    /// is given may outlive the frame.
    fn detached(&mut self, e: &Expr) {
        let ExprKind::Call { func, args, .. } = &strip_parens(e).kind else {
            return self.expr(e, Hole::HEAP);
        };
        let f = strip_parens(func);
        match (&f.kind, self.target(func)) {
            (_, Target::Builtin(_) | Target::Conversion) => args.iter().for_each(|a| self.expr(a, Hole::HEAP)),
            (ExprKind::Selector { x, .. }, Target::Method(m, _)) => {
                self.called.insert(m);
                self.receiver(x, Some(m), true, Hole::HEAP);
                self.unknown_args(args);
            }
            (ExprKind::Selector { x, .. }, Target::UnknownMethod(_)) => {
                let m = self.method_obj(func);
                self.receiver(x, m, true, Hole::HEAP);
                self.unknown_args(args);
            }
            (_, t) => {
                if let Target::Func(o) = t {
                    self.called.insert(o);
                }
                self.expr(func, Hole::HEAP);
                self.unknown_args(args);
            }
        }
    }

    /// Walks the graph from its roots: which variables escape, and the
    /// tags of the parameters.
    fn solve(mut self, nparams: usize) -> Outcome {
        // A captured variable in a cell lives on the heap; one captured by
        // value is copied into the closure, which may outlive the frame.
        let mut by_value = HashSet::new();
        for (c, object) in std::mem::take(&mut self.captured) {
            let into = object.map_or(Hole::HEAP, Hole::to);
            match self.captured_by_value(c) {
                Some(o) => {
                    by_value.insert(o);
                    self.flow(into, c);
                }
                // The closure holds its address: a call of it may change
                // the variable (`Escapes::addressed`).
                None => {
                    self.flow(into.addr(), c);
                    if let Some(name) = self.nodes[c].name.clone() {
                        self.addressed.insert(name);
                    }
                }
            }
        }
        let n = self.nodes.len();
        let mut escapes = vec![false; n];
        escapes[HEAP] = true;
        // Enclosing functions' variables outlive this body.
        for &o in self.outer_nodes.keys() {
            escapes[o] = true;
        }
        let mut outer_leaks: HashMap<Key, i32> = HashMap::new();
        let mut params = vec![Leaks::default(); nparams];
        let max_depth = self.nodes.iter().map(|x| x.depth).max().unwrap_or(0);
        let walk_vars = n <= MAX_WALKED_ROOTS;
        if !walk_vars {
            // Every loop variable whose address is taken, on the heap.
            for node in &self.nodes {
                for &(src, d) in &node.edges {
                    if d < 0 && self.nodes[src].depth > 0 {
                        escapes[src] = true;
                    }
                }
            }
        }
        let mut todo: VecDeque<NodeId> = (0..n)
            .filter(|&r| {
                escapes[r]
                    || matches!(self.nodes[r].kind, NodeKind::Result(_))
                    || (walk_vars
                        && matches!(self.nodes[r].kind, NodeKind::Var | NodeKind::Param(_) | NodeKind::Alloc(_) | NodeKind::Box(_))
                        && self.nodes[r].depth < max_depth
                        && !self.nodes[r].edges.is_empty())
            })
            .collect();
        // The roots whose walks reach a location's address where they
        // outlive it: the reasons it escapes (see `ResultObject`).
        let mut causes: Vec<Vec<NodeId>> = vec![vec![]; n];
        let note = |causes: &mut Vec<Vec<NodeId>>, l: NodeId, root: NodeId| {
            if !causes[l].contains(&root) {
                causes[l].push(root);
            }
        };
        let mut dist = vec![i32::MAX; n];
        let mut seen_in: Vec<u32> = vec![0; n];
        let mut generation = 0u32;
        let mut queue = VecDeque::new();
        let mut queued = vec![false; n];
        while let Some(root) = todo.pop_front() {
            generation += 1;
            dist[root] = 0;
            seen_in[root] = generation;
            queue.push_back(root);
            queued[root] = true;
            while let Some(l) = queue.pop_front() {
                queued[l] = false;
                let mut d = dist[l];
                let address_of = d < 0;
                if address_of {
                    // `root = &l; l = x`: l's address reaches root, x's
                    // does not.
                    d = 0;
                }
                if l != root && self.outlives(root, l, &escapes) {
                    if let NodeKind::Param(i) = self.nodes[l].kind {
                        match self.nodes[root].kind {
                            NodeKind::Result(k) if !escapes[root] => params[i].add_result(k, d),
                            _ => params[i].add_heap(d),
                        }
                    }
                    if address_of {
                        note(&mut causes, l, root);
                    }
                    if address_of && !escapes[l] {
                        escapes[l] = true;
                        todo.push_back(l);
                        continue;
                    }
                }
                for &(src, ed) in &self.nodes[l].edges {
                    if escapes[src] && src != HEAP {
                        if d + ed < 0 && src != root && self.outlives(root, src, &escapes) {
                            note(&mut causes, src, root);
                        }
                        if let Some(key) = self.outer_nodes.get(&src) {
                            if src != root && (escapes[root] || matches!(self.nodes[root].kind, NodeKind::Result(_))) {
                                let leak = outer_leaks.entry(key.clone()).or_insert(i32::MAX);
                                *leak = (*leak).min((d + ed).clamp(-1, MAX_DEREFS));
                            }
                        }
                        // Walked as a root of its own.
                        if let NodeKind::Param(i) = self.nodes[src].kind {
                            params[i].add_heap(0);
                        }
                        continue;
                    }
                    let nd = (d + ed).clamp(-1, MAX_DEREFS);
                    if seen_in[src] != generation || nd < dist[src] {
                        seen_in[src] = generation;
                        dist[src] = nd;
                        if !queued[src] {
                            queued[src] = true;
                            queue.push_back(src);
                        }
                    }
                }
            }
        }
        for (i, node) in self.nodes.iter().enumerate() {
            if let NodeKind::Param(p) = node.kind {
                if escapes[i] {
                    params[p].add_heap(0);
                }
            }
        }
        let escaping_vars = || self.nodes.iter().enumerate().filter(|(i, node)| escapes[*i] && matches!(node.kind, NodeKind::Var | NodeKind::Param(_)));
        // By object where the facts name one; by name where not.
        let heap_objs = escaping_vars().filter_map(|(i, _)| self.node_objs.get(&i).copied()).collect();
        let vars = escaping_vars().filter(|(i, _)| !self.node_objs.contains_key(i)).filter_map(|(_, node)| node.name.clone()).collect();
        // The objects and boxes that stay in the frame.
        let (mut allocs, mut boxes) = (HashSet::new(), HashSet::new());
        for (node, _) in self.nodes.iter().zip(&escapes).filter(|(_, &e)| !e) {
            match node.kind {
                NodeKind::Alloc(id) => allocs.insert(id),
                NodeKind::Box(id) => boxes.insert(id),
                _ => false,
            };
        }
        let mut sites = vec![];
        if super::report::on() {
            for (i, (node, &escapes)) in self.nodes.iter().zip(&escapes).enumerate() {
                let found = match node.kind {
                    NodeKind::Alloc(id) => self.alloc_sites.get(&id).map(|s| (s, self.heap_anyway(i, id))),
                    NodeKind::Box(id) => self.box_sites.get(&id).map(|s| (s, false)),
                    _ => None,
                };
                if let Some(((pos, name), heap)) = found {
                    sites.push((pos.clone(), name.clone(), Some(escapes || heap)));
                }
            }
            // Variables closures copy stay where they are; an enclosing
            // function's are its report's.
            let own = |o: &ObjId| !by_value.contains(o) && !self.outer.contains(&Key::Obj(*o));
            for (i, _) in escaping_vars().filter(|(i, _)| self.node_objs.get(i).map_or(true, own)) {
                if let Some(obj) = self.node_objs.get(&i).and_then(|o| self.callees.world.objs.get(o.0 as usize)) {
                    sites.push((obj.pos.clone(), format!("moved to heap: {}", obj.name), None));
                }
            }
            sites.extend(self.param_lines(&params, &escapes));
        }
        let result_objects = if walk_vars { self.result_objects(&escapes, &causes) } else { vec![] };
        let result_frames = self
            .fresh_calls
            .iter()
            .filter(|(_, _, objects)| objects.iter().all(|&o| !escapes[o]))
            .map(|&(site, f, _)| (site, f))
            .collect();
        let escaping =
            Escapes { vars, heap_objs, by_value, allocs, boxes, frame_defers: self.frame_defers, addressed: self.addressed, result_objects, result_frames, sites };
        Outcome { escaping, params, outer: self.outer, outer_names: self.outer_names, outer_leaks, called: self.called }
    }

    /// The variable of node `n`, if closures may capture it by value: one
    /// of this function's, not a named result, never changed after its
    /// declaration nor its address taken, of at most
    /// [`super::captures::BY_VALUE_MAX`] bytes.
    fn captured_by_value(&self, n: NodeId) -> Option<ObjId> {
        let &o = self.node_objs.get(&n)?;
        let node = &self.nodes[n];
        if !matches!(node.kind, NodeKind::Var | NodeKind::Param(_)) || self.result_vars.contains(&n) || self.changed.contains(&o) {
            return None;
        }
        if node.name.as_ref().is_some_and(|name| self.addressed.contains(name)) {
            return None;
        }
        let world = self.callees.world;
        let obj = world.objs.get(o.0 as usize)?;
        // Not an enclosing function's (reached through this one's cells).
        if !matches!(obj.kind, ObjKind::Var { kind } if kind != VarKind::Package) || self.outer.contains(&Key::Obj(o)) {
            return None;
        }
        let (size, _) = world.size_align(obj.typ?)?;
        (size <= super::captures::BY_VALUE_MAX).then_some(o)
    }

    /// The objects whose only reasons to escape are results and other
    /// such objects ([`ResultObject`]).
    fn result_objects(&self, escapes: &[bool], causes: &[Vec<NodeId>]) -> Vec<ResultObject> {
        let site = |i: NodeId| -> Option<FreshSite> {
            let node = &self.nodes[i];
            match (node.kind, &node.name) {
                (NodeKind::Alloc(id), _) => Some(FreshSite::Alloc(id)),
                // A variable known by a name no other one has.
                (NodeKind::Var, Some(name)) if !self.result_vars.contains(&i) && self.by_name.get(name).is_some_and(|ns| ns.len() == 1) => {
                    Some(FreshSite::Var(name.clone()))
                }
                _ => None,
            }
        };
        let mut fresh: Vec<bool> =
            (0..self.nodes.len()).map(|i| escapes[i] && !causes[i].is_empty() && self.object_types.contains_key(&i) && site(i).is_some()).collect();
        // The largest set whose members' causes are results or members.
        loop {
            let mut changed = false;
            for i in 0..fresh.len() {
                if fresh[i] && !causes[i].iter().all(|&c| fresh[c] || matches!(self.nodes[c].kind, NodeKind::Result(_))) {
                    fresh[i] = false;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let index: HashMap<NodeId, usize> = (0..fresh.len()).filter(|&i| fresh[i]).enumerate().map(|(k, i)| (i, k)).collect();
        let mut out = vec![];
        for i in (0..fresh.len()).filter(|&i| fresh[i]) {
            let into = causes[i]
                .iter()
                .map(|&c| match self.nodes[c].kind {
                    NodeKind::Result(k) => Holder::Result(k),
                    _ => Holder::Object(index[&c]),
                })
                .collect();
            out.push(ResultObject { site: site(i).expect("a site"), into, ty: self.object_types[&i] });
        }
        out
    }

    /// Whether a value at `root` may outlive location `l`.
    fn outlives(&self, root: NodeId, l: NodeId, escapes: &[bool]) -> bool {
        if escapes[root] {
            return true;
        }
        match self.nodes[root].kind {
            NodeKind::Result(_) => true,
            // A variable of an outer loop outlives one iteration's.
            _ => self.nodes[root].depth < self.nodes[l].depth,
        }
    }
}

/// The labels `goto` statements name.
fn collect_gotos(stmts: &[Stmt], out: &mut HashSet<String>) {
    for s in stmts {
        crate::stack::grow(|| match &s.kind {
            StmtKind::Branch { kind: BranchKind::Goto, label: Some(l) } => {
                out.insert(l.name.clone());
            }
            StmtKind::Block(b) => collect_gotos(&b.stmts, out),
            StmtKind::If { then, els, .. } => {
                collect_gotos(&then.stmts, out);
                if let Some(e) = els {
                    collect_gotos(std::slice::from_ref(e), out);
                }
            }
            StmtKind::For { body, .. } | StmtKind::Range { body, .. } => collect_gotos(&body.stmts, out),
            StmtKind::Switch { clauses, .. } | StmtKind::TypeSwitch { clauses, .. } => clauses.iter().for_each(|c| collect_gotos(&c.body, out)),
            StmtKind::Select(cs) => cs.iter().for_each(|c| collect_gotos(&c.body, out)),
            StmtKind::Labeled { stmt, .. } => collect_gotos(std::slice::from_ref(&**stmt), out),
            _ => {}
        });
    }
}
