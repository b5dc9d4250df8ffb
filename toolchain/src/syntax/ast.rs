//! The Go syntax tree: what the parser produces and the checker reads.
//!
//! Every node that can be the subject of a diagnostic carries a [`Pos`].
//! Expressions carry an [`ExprId`] so the checker can record facts about them
//! (type, constant value) in side tables without mutating the tree.

use crate::diag::Pos;

/// Identifies an expression node within one package (unique across its
/// files).
pub type ExprId = u32;

/// The id of an expression or identifier that a later stage writes itself
/// (the lowering's rewrites of `defer` and `go` statements): no parse made
/// it, so the checker recorded nothing under it.
pub const SYNTHETIC: ExprId = ExprId::MAX;

/// A name, where it is declared or used. Its id (from the same [`IdGen`]
/// as expressions', so unique in the compilation) keys what the type
/// checker records about it: the object it declares or denotes.
///
/// [`IdGen`]: super::IdGen
#[derive(Clone, Debug)]
pub struct Ident {
    pub name: String,
    pub pos: Pos,
    pub id: ExprId,
}

#[derive(Clone, Debug)]
pub struct File {
    pub path: String,
    pub package: Ident,
    pub imports: Vec<Import>,
    pub decls: Vec<Decl>,
    /// Errors that do not stop parsing (`//go:` directives out of place in
    /// a body or on a line with code, or not allowed outside the runtime or
    /// the standard library), reported with the type checker's.
    pub errors: Vec<crate::diag::Diag>,
    /// Directives a declaration took but does not accept (a function's on
    /// a variable, `//go:build` after the package clause): reported once
    /// the program type-checks, with the `//go:linkname` checks, as gc's
    /// noder reports them.
    pub decl_directive_errors: Vec<crate::diag::Diag>,
    /// `//go:linkname` directives: position, local name, and the name it
    /// links to when given (`//go:linkname overflowError runtime.overflowError`).
    pub linknames: Vec<(crate::diag::Pos, String, Option<String>)>,
}

#[derive(Clone, Debug)]
pub struct Import {
    /// Local name (`import f "fmt"`), `.` or `_`, if given.
    pub name: Option<Ident>,
    pub path: String,
    pub pos: Pos,
}

#[derive(Clone, Debug)]
pub enum Decl {
    Func(FuncDecl),
    /// A `var`, `const` or `type` declaration (grouped or not).
    Gen(GenDecl),
}

#[derive(Clone, Debug)]
pub struct FuncDecl {
    pub pos: Pos,
    /// A method's receiver; a generic type's methods name its type
    /// parameters there (`(l *List[T])`), as an `Index`/`IndexList` type.
    pub recv: Option<Param>,
    pub name: Ident,
    /// `func F[T any]`: `None` without a list (methods never have one).
    pub type_params: Option<TypeParams>,
    pub sig: FuncType,
    /// `None` for a function declared without a body (implemented in assembly).
    pub body: Option<Block>,
    /// `//go:` directives in the comment lines right above the declaration,
    /// without the `//go:` prefix, e.g. `noinline`.
    pub pragmas: Vec<String>,
}

impl FuncDecl {
    /// The name of a method's receiver type (`List` of `(l *List[T])`).
    pub fn receiver_name(&self) -> Option<&str> {
        let mut t = self.recv.as_ref()?.typ.unparen();
        if let ExprKind::Star(x) = &t.kind {
            t = x.unparen();
        }
        if let ExprKind::Index { x, .. } | ExprKind::IndexList { x, .. } = &t.kind {
            t = x.unparen();
        }
        match &t.kind {
            ExprKind::Ident(id) => Some(&id.name),
            _ => None,
        }
    }
}

#[derive(Clone, Debug)]
pub enum GenDecl {
    Var(Vec<ValueSpec>),
    /// `values` is empty when a spec omits them (the checker repeats the
    /// previous spec's); `iota` is the spec's index in its group.
    Const(Vec<ConstSpec>),
    Type(Vec<TypeSpec>),
}

#[derive(Clone, Debug)]
pub struct ValueSpec {
    pub pos: Pos,
    pub names: Vec<Ident>,
    pub typ: Option<Expr>,
    pub values: Vec<Expr>,
    /// The `//go:embed` directives above a package variable (one name, a
    /// type, no value: the parser has checked that much).
    pub embed: Option<Box<Embed>>,
}

/// A package variable's `//go:embed` directives, and the files they name.
#[derive(Clone, Debug)]
pub struct Embed {
    /// The first directive's `go:` (where gc reports the variable's misuse).
    pub pos: Pos,
    /// Every directive's patterns, in order.
    pub patterns: Vec<EmbedPattern>,
    /// The regular files the patterns match, each once, in the order the
    /// go command lists them (each pattern's sorted, the patterns in
    /// order): filled by the loader (`load::embed`), as the go command
    /// resolves the patterns for the compiler.
    pub files: Vec<EmbeddedFile>,
}

#[derive(Clone, Debug)]
pub struct EmbedPattern {
    /// The pattern, unquoted (`all:static`, `*.txt`).
    pub text: String,
    pub pos: Pos,
}

#[derive(Clone, Debug)]
pub struct EmbeddedFile {
    /// Its slash-separated path from the package's directory.
    pub name: String,
    pub data: std::sync::Arc<[u8]>,
}

#[derive(Clone, Debug)]
pub struct ConstSpec {
    pub pos: Pos,
    pub names: Vec<Ident>,
    pub typ: Option<Expr>,
    /// Empty when omitted (the checker repeats the previous spec's list).
    pub values: Vec<Expr>,
    /// Index of this spec in its `const (...)` group.
    pub iota: u32,
}

#[derive(Clone, Debug)]
pub struct TypeSpec {
    pub pos: Pos,
    pub name: Ident,
    /// `type List[T any] ...`: `None` without a list. (gc's parser also
    /// takes one on an alias; its checker rejects that.)
    pub type_params: Option<TypeParams>,
    /// `type A = B`.
    pub alias: bool,
    pub typ: Expr,
    /// Marked `//go:notinheap`: pointers to other types do not convert to
    /// pointers to it.
    pub notinheap: bool,
}

/// A parameter or result group, or a receiver: `a, b int`, `int`, `xs ...T`.
#[derive(Clone, Debug)]
pub struct Param {
    pub pos: Pos,
    /// Empty for an unnamed parameter.
    pub names: Vec<Ident>,
    pub typ: Expr,
    /// The last parameter was written `...T` (`typ` is `T`).
    pub variadic: bool,
}

/// A type parameter list, `[K comparable, V any]`; never empty.
#[derive(Clone, Debug)]
pub struct TypeParams {
    /// The `[`.
    pub lbrack: Pos,
    /// Each group's `names` (never empty) share its constraint `typ`: a
    /// type, a [`ExprKind::Tilde`] or a [`ExprKind::Union`]. Never variadic.
    pub list: Vec<Param>,
}

#[derive(Clone, Debug)]
pub struct FuncType {
    pub pos: Pos,
    pub params: Vec<Param>,
    pub results: Vec<Param>,
}

#[derive(Clone, Debug)]
pub struct Field {
    pub pos: Pos,
    /// Empty for an embedded field (`typ` is then `T`, `*T`, or a qualified name).
    pub names: Vec<Ident>,
    pub typ: Expr,
    pub tag: Option<String>,
}

#[derive(Clone, Debug)]
pub enum InterfaceElem {
    Method { name: Ident, sig: FuncType },
    /// An embedded element: an interface name or, since Go 1.18, any type
    /// term of a constraint (a type, a [`ExprKind::Tilde`], an
    /// [`ExprKind::Union`] of those).
    Embed(Expr),
}

#[derive(Debug)]
pub struct Expr {
    pub id: ExprId,
    /// Where the expression starts (its first token: `a` in `a + b`), which
    /// is where Go's type checker reports errors about it.
    pub pos: Pos,
    pub kind: ExprKind,
}

// Expressions nest as deeply as the source does (`1 + 2 + ... + n` is a
// left-leaning tree n levels deep): cloning and dropping them recurse
// through `stack::grow`, and binary chains are unlinked iteratively.
impl Clone for Expr {
    fn clone(&self) -> Expr {
        crate::stack::grow(|| Expr { id: self.id, pos: self.pos.clone(), kind: self.kind.clone() })
    }
}

impl Expr {
    /// Whether it is written as a type literal or constraint term
    /// (`[]T`, `map[K]V`, `func()`, `~T`, ...), never a value.
    pub fn is_type_literal(&self) -> bool {
        matches!(
            self.kind,
            ExprKind::ArrayType { .. }
                | ExprKind::SliceType(_)
                | ExprKind::MapType { .. }
                | ExprKind::ChanType { .. }
                | ExprKind::FuncType(_)
                | ExprKind::StructType(_)
                | ExprKind::InterfaceType(_)
                | ExprKind::Tilde(_)
                | ExprKind::Union(_)
        )
    }

    /// The expression inside any parentheses.
    pub fn unparen(&self) -> &Expr {
        let mut e = self;
        while let ExprKind::Paren(x) = &e.kind {
            e = x;
        }
        e
    }

    /// The node's kind, by value (an `Expr` cannot be destructured, as it
    /// implements `Drop`).
    pub fn into_kind(mut self) -> ExprKind {
        std::mem::replace(&mut self.kind, ExprKind::Bad)
    }
}

impl Drop for Expr {
    fn drop(&mut self) {
        // Detach the left spine of a binary chain so that each link drops
        // with a shallow tree.
        let mut spine = Vec::new();
        let mut kind = std::mem::replace(&mut self.kind, ExprKind::Bad);
        while let ExprKind::Binary { x, .. } = &mut kind {
            let next = std::mem::replace(&mut x.kind, ExprKind::Bad);
            spine.push(kind);
            kind = next;
        }
        spine.push(kind);
        for k in spine {
            crate::stack::grow(move || drop(k));
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BasicLit {
    /// The literal's source text (e.g. `0x1F`, `1_000`, `0o7`, `1e3`, `1i`).
    Int(String),
    Float(String),
    Imag(String),
    /// The rune's value, already unescaped.
    Char(u32),
    /// The string's bytes, already unescaped (may be invalid UTF-8 from `\xNN`).
    String(Vec<u8>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add, Sub, Mul, Div, Rem,
    And, Or, Xor, Shl, Shr, AndNot,
    LAnd, LOr,
    Eq, Ne, Lt, Le, Gt, Ge,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `+x`
    Plus,
    /// `-x`
    Neg,
    /// `!x`
    Not,
    /// `^x`
    Com,
    /// `&x`
    Addr,
    /// `<-x`
    Recv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChanDir {
    Both,
    Send,
    Recv,
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    Ident(Ident),
    BasicLit(BasicLit),
    /// `T{...}`; `typ` is `None` for an elided type inside another literal;
    /// `rbrace` is the closing brace (where gc reports missing values).
    Composite { typ: Option<Box<Expr>>, elems: Vec<KeyedElement>, rbrace: Pos },
    FuncLit { sig: FuncType, body: Block },
    Paren(Box<Expr>),
    /// `x.sel` (also qualified identifiers `pkg.Name`).
    Selector { x: Box<Expr>, sel: Ident },
    /// `x[index]`: an index, or an instantiation with one type argument
    /// (only the checker can tell which); `lbrack` is the `[`.
    Index { x: Box<Expr>, index: Box<Expr>, lbrack: Pos },
    /// `x[A, B, ...]`: an instantiation with two or more type arguments.
    IndexList { x: Box<Expr>, indices: Vec<Expr>, lbrack: Pos },
    /// `x[lo:hi]` or `x[lo:hi:max]` (`three` says which form was written).
    Slice { x: Box<Expr>, lo: Option<Box<Expr>>, hi: Option<Box<Expr>>, max: Option<Box<Expr>>, three: bool },
    /// `x.(T)`; `typ` is `None` for `x.(type)` in a type switch header.
    TypeAssert { x: Box<Expr>, typ: Option<Box<Expr>> },
    /// `f(args)`, `f(args...)`; also conversions `T(x)` and builtin calls.
    /// `lparen` and `rparen` are the parentheses (where gc reports what is
    /// wrong with the arguments as a whole).
    Call { func: Box<Expr>, args: Vec<Expr>, ellipsis: bool, lparen: Pos, rparen: Pos },
    /// `*x`: a dereference, or a pointer type in type context.
    Star(Box<Expr>),
    Unary { op: UnaryOp, x: Box<Expr> },
    Binary { op: BinaryOp, x: Box<Expr>, y: Box<Expr> },
    /// `key: value` only appears inside composite literals (see [`KeyedElement`]).
    // Types in expression position:
    /// `[N]T`, or `[...]T` when `len` is `None` (only in composite literals).
    ArrayType { len: Option<Box<Expr>>, elem: Box<Expr> },
    SliceType(Box<Expr>),
    MapType { key: Box<Expr>, value: Box<Expr> },
    ChanType { dir: ChanDir, elem: Box<Expr> },
    FuncType(FuncType),
    StructType(Vec<Field>),
    InterfaceType(Vec<InterfaceElem>),
    /// `~T`: the types whose underlying type is `T`, a constraint's term
    /// (the parser takes `~x` in any expression, as gc does).
    Tilde(Box<Expr>),
    /// `A | ~B | C`: a union of two or more constraint terms, none a union;
    /// it is at its first term.
    Union(Vec<Expr>),
    /// `...T` as the element type of a variadic parameter is not an
    /// expression; the parser records it in [`Param::variadic`] instead.
    Bad,
}

#[derive(Clone, Debug)]
pub struct KeyedElement {
    pub key: Option<Expr>,
    pub value: Expr,
    /// The `:` after a key (where gc reports a duplicate index or field).
    pub colon: Option<Pos>,
}

#[derive(Clone, Debug)]
pub struct Block {
    pub pos: Pos,
    pub stmts: Vec<Stmt>,
    /// Position of the closing brace.
    pub end: Pos,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssignOp {
    /// `=`
    Assign,
    /// `:=`
    Define,
    /// `op=`
    Op(BinaryOp),
}

#[derive(Debug)]
pub struct Stmt {
    /// Where the statement starts (its keyword, label or first operand).
    pub pos: Pos,
    pub kind: StmtKind,
}

// Blocks nest as deeply as the source does: see `Expr`'s impls.
impl Clone for Stmt {
    fn clone(&self) -> Stmt {
        crate::stack::grow(|| Stmt { pos: self.pos.clone(), kind: self.kind.clone() })
    }
}

impl Stmt {
    /// The statement's kind, by value (see [`Expr::into_kind`]).
    pub fn into_kind(mut self) -> StmtKind {
        std::mem::replace(&mut self.kind, StmtKind::Empty)
    }
}

impl Drop for Stmt {
    fn drop(&mut self) {
        let kind = std::mem::replace(&mut self.kind, StmtKind::Empty);
        crate::stack::grow(move || drop(kind));
    }
}

#[derive(Clone, Debug)]
pub enum StmtKind {
    Empty,
    Expr(Expr),
    Decl(GenDecl),
    /// `op_pos`: where the operator is (gc's position of the statement).
    Assign { lhs: Vec<Expr>, op: AssignOp, rhs: Vec<Expr>, op_pos: Pos },
    /// `x++` (`inc`) or `x--`.
    IncDec { x: Expr, inc: bool },
    Send { ch: Expr, value: Expr },
    Go(Expr),
    Defer(Expr),
    Return(Vec<Expr>),
    /// `break`/`continue` with an optional label; `goto L`; `fallthrough`.
    Branch { kind: BranchKind, label: Option<Ident> },
    Block(Block),
    If { init: Option<Box<Stmt>>, cond: Expr, then: Block, els: Option<Box<Stmt>> },
    /// `for init; cond; post {}`; all optional.
    For { init: Option<Box<Stmt>>, cond: Option<Expr>, post: Option<Box<Stmt>>, body: Block },
    /// `for k, v := range x {}` / `for k, v = range x` / `for range x`.
    Range { key: Option<Expr>, value: Option<Expr>, define: bool, x: Expr, body: Block },
    Switch { init: Option<Box<Stmt>>, tag: Option<Expr>, clauses: Vec<CaseClause> },
    /// `switch [init;] [v :=] x.(type) {}`.
    TypeSwitch { init: Option<Box<Stmt>>, bind: Option<Ident>, x: Expr, clauses: Vec<CaseClause> },
    Select(Vec<CommClause>),
    Labeled { label: Ident, stmt: Box<Stmt> },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BranchKind {
    Break,
    Continue,
    Goto,
    Fallthrough,
}

#[derive(Clone, Debug)]
pub struct CaseClause {
    pub pos: Pos,
    /// Empty for `default`. In a type switch, each is a type (or `nil`).
    pub exprs: Vec<Expr>,
    pub is_default: bool,
    pub body: Vec<Stmt>,
}

#[derive(Clone, Debug)]
pub struct CommClause {
    pub pos: Pos,
    /// `None` for `default`; otherwise a send or receive statement.
    pub comm: Option<Box<Stmt>>,
    pub body: Vec<Stmt>,
}

/// Whether `name` is exported: it begins with an upper-case letter.
pub fn is_exported(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase)
}
