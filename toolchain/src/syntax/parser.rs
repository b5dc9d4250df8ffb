//! The Go parser: tokens to an [`ast::File`].
//!
//! A recursive-descent parser modelled on Go's `cmd/compile/internal/syntax`
//! parser, so that it accepts exactly Go's syntax and its first error reads
//! like `gc`'s. Unlike `gc` it stops at the first error.
//!
//! Expression and statement positions are those of their first token (what
//! Go's type checker reports errors at), so `a + b` is at `a`.

use reflect::types::go_quote;
use super::ast::*;
use super::lexer::Lexer;
use super::token::{Op, Tok, Token};
use super::IdGen;
use crate::diag::{Diag, Pos};
use std::sync::Arc;

type PResult<T> = Result<T, Diag>;

/// A simple statement, before its context decides what it may be.
enum Simple {
    /// `gopos` is where `gc` positions the statement in header errors (the
    /// operator of an assignment, else the start).
    Stmt { stmt: Box<Stmt>, gopos: Pos },
    /// `[lhs (= | :=)] range x`, only in a `for` header.
    Range { lhs: Vec<Expr>, define: bool, x: Expr },
    /// `v := x.(type)`, only in a `switch` header; `guard` is the `x.(type)`.
    Guard { bind: Ident, guard: Expr },
}

/// The condition part of an `if`/`for`/`switch` header.
enum Cond {
    Expr(Expr),
    Guard { bind: Ident, guard: Expr },
}

/// Which list [`Parser::param_list`] parses.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ListOf {
    /// A signature's parameters: `...T` may end them.
    Params,
    /// Results, or a receiver.
    Results,
    /// `[P any, Q ~int | string]`: each must be named.
    TypeParams,
    /// `[A, B]` after an interface element's name: type arguments, or a
    /// method's type parameters (which gc rejects).
    TypeArgs,
}

impl ListOf {
    fn close(self) -> Tok {
        match self {
            ListOf::Params | ListOf::Results => Tok::Rparen,
            ListOf::TypeParams | ListOf::TypeArgs => Tok::Rbrack,
        }
    }
}

/// One item of a parameter list before names and types are distributed.
struct ParamItem {
    pos: Pos,
    name: Option<Ident>,
    typ: Option<Expr>,
    /// Position of `...` for a variadic item.
    dots: Option<Pos>,
}

/// The directives only the standard library may use (gc's `-std`): the
/// parser reports them in other code, and the loader of GOROOT's packages
/// drops these reports ([`std_only`]).
const STD_ONLY_CGO: &str = "only allowed in cgo-generated code";
const STD_ONLY_RUNTIME: &str = "only allowed in runtime";
const STD_ONLY: &str = "is only allowed in the standard library";

/// Whether `d` is the report of a directive only the standard library
/// (or the runtime, or cgo's generated code, which GOROOT has) may use.
pub fn std_only(d: &Diag) -> bool {
    d.msg.starts_with("//go:") && [STD_ONLY_CGO, STD_ONLY_RUNTIME, STD_ONLY].iter().any(|m| d.msg.ends_with(m))
}

/// The patterns of a `//go:embed` directive whose `go:` is at `at`, from
/// `args`, the text after `go:embed`: separated by spaces, each bare or a
/// Go string literal (quoted or raw), each with its position (gc's columns
/// count runes here, as the go command's reading of the directive does).
/// The patterns before a malformed one, and the go command's message for it.
fn embed_patterns(args: &str, at: &Pos) -> (Vec<EmbedPattern>, Option<String>) {
    let mut list = vec![];
    let mut rest = args;
    let mut col = at.col.saturating_add("go:embed".len() as u32);
    let advance = |rest: &mut &str, col: &mut u32, n: usize| {
        *col = col.saturating_add(rest[..n].chars().count() as u32);
        *rest = &rest[n..];
    };
    let bad = |rest: &str| format!("invalid quoted string in //go:embed: {rest}");
    loop {
        let space = rest.len() - rest.trim_start().len();
        advance(&mut rest, &mut col, space);
        if rest.is_empty() {
            return (list, None);
        }
        let pos = Pos::new(at.file.clone(), at.line, col);
        let text = match rest.as_bytes()[0] {
            b'`' => {
                let Some(end) = rest[1..].find('`') else { return (list, Some(bad(rest))) };
                let text = rest[1..1 + end].to_string();
                advance(&mut rest, &mut col, end + 2);
                text
            }
            b'"' => {
                let mut i = 1;
                let bytes = rest.as_bytes();
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if i >= bytes.len() {
                    return (list, Some(bad(rest)));
                }
                let quoted = &rest[..=i];
                let mut lex = Lexer::new(at.file.clone(), quoted.as_bytes());
                let tok = lex.next_token();
                let text = match (&tok.value, lex.error()) {
                    (Some(BasicLit::String(b)), None) if tok.lit.len() == quoted.len() => String::from_utf8(b.clone()).ok(),
                    _ => None,
                };
                let Some(text) = text else { return (list, Some(bad(quoted))) };
                advance(&mut rest, &mut col, i + 1);
                text
            }
            _ => {
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                let text = rest[..end].to_string();
                advance(&mut rest, &mut col, end);
                text
            }
        };
        if rest.chars().next().is_some_and(|c| !c.is_whitespace()) {
            return (list, Some(bad(rest)));
        }
        list.push(EmbedPattern { text, pos });
    }
}

pub struct Parser<'a, 'i> {
    lex: Lexer<'a>,
    tok: Token,
    file: Arc<str>,
    ids: &'i mut IdGen,
    /// Expression nesting as Go counts it to resolve `T{` in statement
    /// headers: -1 directly in a header, >= 0 inside any bracket.
    xnest: i32,
    /// Start positions of `x.(type)` expressions not (yet) claimed by a type
    /// switch header; any left at the end is an error.
    guards: Vec<Pos>,
    /// Errors Go's type checker (not its parser) reports: they only count
    /// if the file has no syntax error, so they wait for the end.
    deferred: Vec<Diag>,
    /// Misplaced or forbidden `//go:` directives (see [`Parser::directives`]).
    directive_errs: Vec<Diag>,
    /// Directives a declaration took but does not accept (see `File::decl_directive_errors`).
    decl_directive_errs: Vec<Diag>,
    /// The file imports package embed: `//go:embed` may stand on its vars.
    imports_embed: bool,
    /// The `//go:embed` directives above the declaration being parsed,
    /// which a variable takes ([`ValueSpec::embed`]).
    embed: Option<Box<Embed>>,
    /// `//go:linkname` directives (see [`File::linknames`]).
    linknames: Vec<(Pos, String, Option<String>)>,
    /// Syntax errors parsing went on after.
    syntax_errs: Vec<Diag>,
    /// A statement failed and parsing went on (see [`Parser::recover`]).
    recovered_in_body: bool,
    /// The error that stopped parsing is an echo of an earlier one.
    echo: bool,
    /// Braces open before the current token. (Recovery skips to a `;` or
    /// `}` at the level a statement started, whatever parentheses are open,
    /// as an unclosed call is the most common error.)
    level: u32,
}

/// Keywords that start a statement (where recovery from a list stops).
fn starts_statement(t: Tok) -> bool {
    matches!(
        t,
        Tok::If
            | Tok::For
            | Tok::Return
            | Tok::Var
            | Tok::Const
            | Tok::Type
            | Tok::Switch
            | Tok::Select
            | Tok::Go
            | Tok::Defer
            | Tok::Goto
            | Tok::Break
            | Tok::Continue
            | Tok::Fallthrough
    )
}

/// See [`Parser::save`].
#[derive(Clone, Copy)]
struct Saved {
    xnest: i32,
    guards: usize,
    level: u32,
}

/// Which `//go:` directives a declaration takes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Takes {
    /// Above the package clause: `//go:build` only.
    Header,
    /// Not taken by a declaration (in a statement list, before a group's
    /// parenthesis, after a declaration): a flag is misplaced at once.
    Nothing,
    /// Taken by a declaration that accepts no flags (import, const, alias).
    Decl,
    Func,
    Type,
    Var,
}

/// gc's directives that set flags: function ones, and `notinheap` for types.
const FUNC_DIRECTIVES: &[&str] = &[
    "go:noescape",
    "go:norace",
    "go:nosplit",
    "go:noinline",
    "go:nocheckptr",
    "go:systemstack",
    "go:nowritebarrier",
    "go:nowritebarrierrec",
    "go:yeswritebarrierrec",
    "go:cgo_unsafe_args",
    "go:uintptrkeepalive",
    "go:uintptrescapes",
    "go:registerparams",
];

impl<'a, 'i> Parser<'a, 'i> {
    pub fn new(path: &str, src: &'a [u8], ids: &'i mut IdGen) -> Parser<'a, 'i> {
        let file: Arc<str> = path.into();
        let mut lex = Lexer::new(file.clone(), src);
        let tok = lex.next_token();
        Parser {
            lex,
            tok,
            file,
            ids,
            xnest: 0,
            guards: Vec::new(),
            deferred: Vec::new(),
            directive_errs: Vec::new(),
            decl_directive_errs: Vec::new(),
            imports_embed: false,
            embed: None,
            linknames: Vec::new(),
            syntax_errs: Vec::new(),
            recovered_in_body: false,
            echo: false,
            level: 0,
        }
    }

    /// Checks the `//go:` directives met since the last call against the
    /// declaration they precede, which `takes` some, as gc does: a directive
    /// must be alone on its line, set a flag the declaration accepts, and
    /// some are for the runtime, the standard library or cgo only.
    fn directives(&mut self, takes: Takes) {
        for d in self.lex.take_directives() {
            // What a declaration took but does not accept is reported after
            // type checking, as gc's noder reports it; the rest at once.
            let mut report = |taken: bool, msg: String| {
                let errs = if taken && takes != Takes::Nothing { &mut self.decl_directive_errs } else { &mut self.directive_errs };
                errs.push(Diag::new(&d.pos, msg));
            };
            let mut err = |msg: String| report(false, msg);
            if !d.own_line {
                err("misplaced compiler directive".into());
                continue;
            }
            let fields: Vec<&str> = d.text.split_ascii_whitespace().collect();
            let verb = fields[0];
            match verb {
                "go:build" => {
                    if takes != Takes::Header {
                        report(true, "misplaced compiler directive".into());
                    }
                    continue;
                }
                "go:linkname" => {
                    if (2..=3).contains(&fields.len()) {
                        self.linknames.push((d.pos.clone(), fields[1].to_string(), fields.get(2).map(|t| t.to_string())));
                    } else {
                        err("usage: //go:linkname localname [linkname]".into());
                    }
                    continue;
                }
                "go:embed" => {
                    if takes != Takes::Var {
                        report(true, "misplaced go:embed directive".into());
                    } else if !self.imports_embed {
                        report(true, "go:embed only allowed in Go files that import \"embed\"".into());
                    } else {
                        // Malformed arguments are syntax errors to gc.
                        let (patterns, bad) = embed_patterns(&d.text["go:embed".len()..], &d.pos);
                        if let Some(msg) = bad {
                            self.syntax_errs.push(Diag::new(&d.pos, msg));
                        }
                        if patterns.is_empty() {
                            self.syntax_errs.push(Diag::new(&d.pos, "usage: //go:embed pattern..."));
                        } else {
                            let e = self.embed.get_or_insert_with(|| Box::new(Embed { pos: d.pos.clone(), patterns: vec![], files: vec![] }));
                            e.patterns.extend(patterns);
                        }
                    }
                    continue;
                }
                "go:cgo_import_dynamic" if fields.len() >= 4 => continue,
                v if v.starts_with("go:cgo_") => err(format!("//{} {STD_ONLY_CGO}", d.text)),
                "go:systemstack" | "go:nowritebarrier" | "go:nowritebarrierrec" | "go:yeswritebarrierrec" => {
                    err(format!("//{verb} {STD_ONLY_RUNTIME}"))
                }
                "go:uintptrkeepalive" => err(format!("//{verb} {STD_ONLY}")),
                _ => {}
            }
            let allowed = match takes {
                Takes::Func => FUNC_DIRECTIVES.contains(&verb),
                Takes::Type => verb == "go:notinheap",
                _ => false,
            };
            if !allowed && (FUNC_DIRECTIVES.contains(&verb) || verb == "go:notinheap") {
                report(true, "misplaced compiler directive".into());
            }
        }
    }

    // ------------------------------------------------------------------
    // Tokens and errors

    /// The current token's position, as line directives make it.
    fn pos(&self) -> Pos {
        self.lex.pos(self.tok.line, self.tok.col)
    }

    fn is(&self, t: Tok) -> bool {
        self.tok.tok == t
    }

    fn is_op(&self, op: Op) -> bool {
        matches!(self.tok.tok, Tok::Operator | Tok::Star) && self.tok.op == op
    }

    /// Moves to the next token. A lexical error in the token being left is
    /// reported now: everything the parser could still complain about lies
    /// after it.
    fn next(&mut self) -> PResult<()> {
        if let Some(e) = self.lex.error() {
            return Err(e.clone());
        }
        match self.tok.tok {
            Tok::Lbrace => self.level += 1,
            Tok::Rbrace => self.level = self.level.saturating_sub(1),
            _ => {}
        }
        self.tok = self.lex.next_token();
        Ok(())
    }

    fn got(&mut self, t: Tok) -> PResult<bool> {
        if self.is(t) {
            self.next()?;
            return Ok(true);
        }
        Ok(false)
    }

    fn want(&mut self, t: Tok) -> PResult<()> {
        if !self.got(t)? {
            return Err(self.syntax_error(&format!("expecting {}", t.describe())));
        }
        Ok(())
    }

    /// An error at `pos`, unless the scanner already found one no later in
    /// the source (`gc` lists errors in source order).
    fn error_at(&self, pos: &Pos, msg: impl Into<String>) -> Diag {
        if let Some(e) = self.lex.error() {
            if (e.pos.line, e.pos.col) <= (pos.line, pos.col) {
                return e.clone();
            }
        }
        Diag::new(pos, msg)
    }

    fn error(&self, msg: impl Into<String>) -> Diag {
        self.error_at(&self.pos(), msg)
    }

    /// A `syntax error: ...` as Go words it: messages starting with `in`,
    /// `at`, `after` or `expecting` are prefixed by the unexpected token.
    fn syntax_error_at(&self, pos: &Pos, msg: &str) -> Diag {
        let tail = if msg.starts_with("in ") || msg.starts_with("at ") || msg.starts_with("after ") {
            format!(" {msg}")
        } else if msg.starts_with("expecting ") {
            format!(", {msg}")
        } else {
            return self.error_at(pos, format!("syntax error: {msg}"));
        };
        self.error_at(pos, format!("syntax error: unexpected {}{tail}", self.tok.describe()))
    }

    fn syntax_error(&self, msg: &str) -> Diag {
        self.syntax_error_at(&self.pos(), msg)
    }

    /// Runs `f` one nesting level deeper: on a fresh stack segment when
    /// this one runs low, so that nesting is bounded by memory only.
    fn nest<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        crate::stack::grow(|| f(self))
    }

    /// Records an error Go reports only once the syntax is known to be fine.
    fn defer_error(&mut self, pos: &Pos, msg: impl Into<String>) {
        self.deferred.push(Diag::new(pos, msg));
    }

    fn expr_node(&mut self, pos: Pos, kind: ExprKind) -> Expr {
        Expr { id: self.ids.next(), pos, kind }
    }

    // ------------------------------------------------------------------
    // Files and declarations

    /// Parses the file; the first error if any.
    pub fn parse_file(self) -> PResult<File> {
        self.parse_file_all().map_err(|mut es| es.swap_remove(0))
    }

    /// Parses the file, going on after a syntax error at the next statement
    /// or declaration as gc does (one error per line); all the errors, in
    /// the order found, if any.
    pub fn parse_file_all(mut self) -> Result<File, Vec<Diag>> {
        match self.source_file() {
            Ok(f) => Ok(f),
            Err(e) => {
                let mut es = std::mem::take(&mut self.syntax_errs);
                // Running into the end after an error says nothing new (gc).
                let eof_after_error = !es.is_empty() && self.tok.tok == Tok::Eof;
                if !es.contains(&e) && !eof_after_error && !self.echo {
                    es.push(e);
                }
                Err(es)
            }
        }
    }

    /// The package clause and imports only (what `rgo list` reads of most
    /// files, as go/build reads them): a file without declarations.
    pub fn parse_header(mut self) -> Result<File, Vec<Diag>> {
        match self.package_and_imports() {
            Ok((package, imports)) => {
                Ok(File { path: self.file.to_string(), package, imports, decls: vec![], errors: vec![], decl_directive_errors: vec![], linknames: vec![] })
            }
            Err(e) => Err(vec![e]),
        }
    }

    /// PackageClause ";" { ImportDecl ";" }: the package's name and the imports.
    fn package_and_imports(&mut self) -> PResult<(Ident, Vec<Import>)> {
        if !self.got(Tok::Package)? {
            return Err(self.syntax_error("package statement must be first"));
        }
        // Directives above the package clause are the file's, not a function's.
        self.lex.clear_pragmas();
        self.directives(Takes::Header);
        let package = self.name()?;
        self.want(Tok::Semi)?;
        let mut imports = Vec::new();
        while self.got(Tok::Import)? {
            self.group(|p| {
                imports.push(p.import_spec()?);
                Ok(())
            })?;
            self.want(Tok::Semi)?;
        }
        Ok((package, imports))
    }

    /// SourceFile = PackageClause ";" { ImportDecl ";" } { TopLevelDecl ";" } .
    fn source_file(&mut self) -> PResult<File> {
        let (package, imports) = self.package_and_imports()?;
        self.imports_embed = imports.iter().any(|i| i.path == "embed");

        let mut decls: Vec<Decl> = Vec::new();
        while !self.is(Tok::Eof) {
            let saved = self.save();
            if let Err(e) = self.top_decl(&mut decls) {
                self.recover(e, saved, true)?;
            }
        }
        if let Some(e) = self.lex.error() {
            return Err(e.clone());
        }
        if !self.syntax_errs.is_empty() {
            // The errors are in `syntax_errs` (see `parse_file_all`), with
            // the directives' that do not stop parsing.
            let directive_errs = std::mem::take(&mut self.directive_errs);
            self.syntax_errs.extend(directive_errs);
            return Err(self.syntax_errs[0].clone());
        }
        for pos in std::mem::take(&mut self.guards) {
            self.deferred.push(Diag::new(&pos, "invalid AST: use of .(type) outside type switch"));
        }
        self.directives(Takes::Nothing);
        if let Some(e) = std::mem::take(&mut self.deferred).into_iter().min_by_key(|e| (e.pos.line, e.pos.col)) {
            return Err(e);
        }
        let errors = std::mem::take(&mut self.directive_errs);
        let decl_directive_errors = std::mem::take(&mut self.decl_directive_errs);
        let linknames = std::mem::take(&mut self.linknames);
        Ok(File { path: self.file.to_string(), package, imports, decls, errors, decl_directive_errors, linknames })
    }

    /// One top-level declaration and the `;` after it.
    fn top_decl(&mut self, decls: &mut Vec<Decl>) -> PResult<()> {
        match self.tok.tok {
            Tok::Const => {
                self.next()?;
                let mut specs = Vec::new();
                self.group(|p| {
                    let iota = specs.len() as u32;
                    specs.push(p.const_spec(iota)?);
                    Ok(())
                })?;
                decls.push(Decl::Gen(GenDecl::Const(specs)));
            }
            Tok::Type => {
                self.next()?;
                let mut specs = Vec::new();
                self.group(|p| {
                    specs.push(p.type_spec()?);
                    Ok(())
                })?;
                decls.push(Decl::Gen(GenDecl::Type(specs)));
            }
            Tok::Var => {
                self.next()?;
                let mut specs = Vec::new();
                self.group(|p| {
                    specs.push(p.var_spec(true)?);
                    Ok(())
                })?;
                decls.push(Decl::Gen(GenDecl::Var(specs)));
            }
            Tok::Func => {
                let pos = self.pos();
                self.next()?;
                decls.push(Decl::Func(self.func_decl(pos)?));
            }
            _ => {
                let bodiless = matches!(decls.last(), Some(Decl::Func(f)) if f.body.is_none());
                if self.is(Tok::Lbrace) && bodiless {
                    return Err(self.syntax_error("unexpected semicolon or newline before {"));
                }
                return Err(self.syntax_error("non-declaration statement outside function body"));
            }
        }
        // Directives seen from here on belong to the next declaration.
        self.lex.clear_pragmas();
        self.directives(Takes::Nothing);
        if !self.is(Tok::Eof) && !self.got(Tok::Semi)? {
            return Err(self.syntax_error("after top level declaration"));
        }
        Ok(())
    }

    /// Parser state to go back to when a statement or declaration fails.
    fn save(&self) -> Saved {
        Saved { xnest: self.xnest, guards: self.guards.len(), level: self.level }
    }

    /// After a syntax error `e` in the statement or (`top`) declaration that
    /// started at `saved`: records it and skips to the end of that
    /// statement or declaration. Lexical errors stop parsing; so does an
    /// eleventh error.
    fn recover(&mut self, e: Diag, saved: Saved, top: bool) -> PResult<()> {
        if self.lex.error().is_some() || !e.msg.starts_with("syntax error") || self.level < saved.level {
            return Err(e);
        }
        // After going on in a function body, a statement outside a function
        // or a block that does not close is most likely an earlier error's
        // echo (a brace lost): stop, without it.
        if self.recovered_in_body && (e.msg.ends_with("outside function body") || e.msg.ends_with("expecting }")) {
            self.echo = true;
            return Err(e);
        }
        self.xnest = saved.xnest;
        self.guards.truncate(saved.guards);
        let eof_after_error = self.tok.tok == Tok::Eof && !self.syntax_errs.is_empty();
        if !eof_after_error && !self.syntax_errs.iter().any(|d| d.pos.line == e.pos.line) {
            self.syntax_errs.push(e.clone());
        }
        if !top {
            self.recovered_in_body = true;
        }
        // In a list (arguments, a literal), gc skips to the list's closer or
        // to a keyword that starts a statement, and takes the list as
        // closed: an unclosed call or a missing comma.
        if e.msg.contains("possibly missing comma or") && !top {
            loop {
                match self.tok.tok {
                    Tok::Eof => return Ok(()),
                    Tok::Rparen | Tok::Rbrack => {
                        self.next()?;
                        break;
                    }
                    Tok::Rbrace => {
                        if self.level > saved.level {
                            self.next()?;
                        }
                        break;
                    }
                    Tok::Lbrace => return Err(e),
                    t if starts_statement(t) => {
                        // The statement ends there without its `;` (gc's words).
                        let pos = self.pos();
                        if !self.syntax_errs.iter().any(|d| d.pos.line == pos.line) {
                            let e2 = self.syntax_error("at end of statement");
                            self.syntax_errs.push(e2);
                        }
                        return Ok(());
                    }
                    _ => self.next()?,
                }
            }
            if self.level == saved.level && (self.tok.tok == Tok::Rbrace || starts_statement(self.tok.tok)) {
                return Ok(());
            }
        }
        // gc stops at the eleventh.
        if self.syntax_errs.len() > 10 {
            return Err(e);
        }
        loop {
            let at_level = self.level == saved.level;
            // Skipping into a block inside a function loses track of the
            // blocks: what would follow is likely noise, so stop there.
            if !top && self.tok.tok == Tok::Lbrace {
                return Err(e);
            }
            match self.tok.tok {
                Tok::Eof => return Ok(()),
                Tok::Semi if at_level => {
                    self.next()?;
                    // A declaration goes on to the next keyword that starts one.
                    if !top || matches!(self.tok.tok, Tok::Const | Tok::Type | Tok::Var | Tok::Func | Tok::Import | Tok::Eof) {
                        return Ok(());
                    }
                    continue;
                }
                Tok::Rbrace | Tok::Case | Tok::Default if at_level && !top => return Ok(()),
                _ if self.level < saved.level => return Ok(()),
                _ => {}
            }
            self.next()?;
        }
    }

    /// `f | "(" { f ";" } ")"`, the shape of every declaration.
    fn group(&mut self, mut f: impl FnMut(&mut Self) -> PResult<()>) -> PResult<()> {
        if self.is(Tok::Lparen) {
            self.lex.clear_pragmas();
            self.directives(Takes::Nothing);
            self.next()?;
            self.list("grouped declaration", Tok::Semi, Tok::Rparen, |p| {
                f(p)?;
                Ok(false)
            })?;
            Ok(())
        } else {
            f(self)
        }
    }

    /// `[ f { sep f } [sep] ] close`: calls `f` for each element until it
    /// returns true; returns the position of `close`.
    fn list(
        &mut self,
        context: &str,
        sep: Tok,
        close: Tok,
        mut f: impl FnMut(&mut Self) -> PResult<bool>,
    ) -> PResult<Pos> {
        let mut done = false;
        while !self.is(Tok::Eof) && !self.is(close) && !done {
            done = f(self)?;
            if !self.got(sep)? && !self.is(close) {
                return Err(self.syntax_error(&format!(
                    "in {context}; possibly missing {} or {}",
                    sep.describe(),
                    close.describe()
                )));
            }
        }
        let pos = self.pos();
        self.want(close)?;
        Ok(pos)
    }

    /// ImportSpec = [ "." | PackageName ] ImportPath .
    fn import_spec(&mut self) -> PResult<Import> {
        self.lex.clear_pragmas();
        self.directives(Takes::Decl);
        let pos = self.pos();
        let name = match self.tok.tok {
            Tok::Name => Some(self.name()?),
            Tok::Dot => {
                let id = Ident { name: ".".into(), pos: self.pos(), id: self.ids.next() };
                self.next()?;
                Some(id)
            }
            _ => None,
        };
        if !self.is(Tok::Literal) {
            return Err(self.syntax_error("missing import path"));
        }
        let value = self.tok.value.clone();
        let text = self.tok.lit.clone();
        self.next()?;
        let Some(BasicLit::String(bytes)) = value else {
            return Err(self.syntax_error("import path must be a string"));
        };
        let path = match String::from_utf8(bytes) {
            Ok(p) => p,
            Err(e) => {
                self.defer_error(&pos, format!("import path contains invalid UTF-8 sequence: {text}"));
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        };
        Ok(Import { name, path, pos })
    }

    /// ConstSpec = IdentifierList [ [ Type ] "=" ExpressionList ] .
    fn const_spec(&mut self, iota: u32) -> PResult<ConstSpec> {
        self.directives(Takes::Decl);
        let pos = self.pos();
        let first = self.name()?;
        let names = self.name_list(first)?;
        let mut typ = None;
        let mut values = Vec::new();
        if !self.is(Tok::Eof) && !self.is(Tok::Semi) && !self.is(Tok::Rparen) {
            typ = self.type_or_nil()?;
            if self.got_assign()? {
                values = self.expr_list()?;
            }
        }
        Ok(ConstSpec { pos, names, typ, values, iota })
    }

    /// TypeSpec = identifier [ TypeParams ] [ "=" ] Type .
    fn type_spec(&mut self) -> PResult<TypeSpec> {
        // (Checked once an alias, which takes none, is told apart.)
        let directives = self.lex.take_directives();
        let pos = self.pos();
        let name = self.name()?;
        let mut alias = false;
        let mut type_params = None;
        let typ = if self.is(Tok::Lbrack) {
            // An array or slice type, or a type parameter list.
            let lbrack = self.pos();
            self.next()?;
            match self.tok.tok {
                Tok::Name => {
                    // Parse an expression and see whether it reads as a
                    // type parameter and its constraint (`P any`, `P *C,`)
                    // or as an array length (`N`, `P * C`), as gc does. A
                    // name followed by `[` starts a constraint (`P []E`):
                    // an index is never a constant.
                    let id = self.name()?;
                    let mut x = self.ident_expr(id);
                    let mut star = self.pos();
                    if !self.is(Tok::Lbrack) {
                        self.xnest += 1;
                        let px = self.pexpr(Some(x))?;
                        star = self.pos();
                        x = self.binary_expr(Some(px), 0)?;
                        self.xnest -= 1;
                    }
                    match self.split_tparam(&mut x, self.is(Tok::Comma), &star) {
                        Some((pname, ptype)) if ptype.is_some() || !self.is(Tok::Rbrack) => {
                            let list = self.param_list(ListOf::TypeParams, Some((pname, ptype)))?;
                            type_params = Some(TypeParams { lbrack, list });
                            alias = self.got_assign()?;
                            self.type_or_nil()?
                        }
                        _ => Some(self.array_type(lbrack, Some(x))?),
                    }
                }
                Tok::Rbrack => {
                    self.next()?;
                    Some(self.slice_type(lbrack)?)
                }
                _ => Some(self.array_type(lbrack, None)?),
            }
        } else {
            alias = self.got_assign()?;
            self.type_or_nil()?
        };
        let Some(typ) = typ else {
            return Err(self.syntax_error("in type declaration"));
        };
        let later = self.lex.take_directives();
        let notinheap = !alias && directives.iter().any(|d| d.own_line && d.text.split_ascii_whitespace().next() == Some("go:notinheap"));
        self.lex.put_directives(directives);
        self.directives(if alias { Takes::Decl } else { Takes::Type });
        self.lex.put_directives(later);
        Ok(TypeSpec { pos, name, type_params, alias, typ, notinheap })
    }

    /// gc's `extractName` for `type T[x ...`: splits `x` into a type
    /// parameter's name and constraint (`None` for a bare name) if it reads
    /// as one; `None` leaves `x` whole, an array length. `force` takes an
    /// ambiguous `P *C` or `P(C)` as a constraint. `star` is where the token
    /// after the name is (the `*` of `P *C`). `x` is left a husk only when
    /// a constraint is split off.
    fn split_tparam(&mut self, x: &mut Expr, force: bool, star: &Pos) -> Option<(Ident, Option<Expr>)> {
        match &mut x.kind {
            ExprKind::Ident(name) => Some((name.clone(), None)),
            ExprKind::Binary { op: BinaryOp::Mul, x: l, y } => {
                let ExprKind::Ident(name) = &l.kind else { return None };
                if !force && !is_type_elem(y) {
                    return None;
                }
                let name = name.clone();
                let elem = take_expr(y);
                Some((name, Some(self.expr_node(star.clone(), ExprKind::Star(Box::new(elem))))))
            }
            ExprKind::Binary { op: BinaryOp::Or, x: l, y } => {
                let force = force || is_type_elem(y);
                // A bare name before `|` makes an array length (`N | M`).
                let (name, lhs) = crate::stack::grow(|| self.split_tparam(l, force, star))?;
                let mut lhs = lhs?;
                let term = take_expr(y);
                if let ExprKind::Union(terms) = &mut lhs.kind {
                    terms.push(term);
                    return Some((name, Some(lhs)));
                }
                let pos = lhs.pos.clone();
                Some((name, Some(self.expr_node(pos, ExprKind::Union(vec![lhs, term])))))
            }
            ExprKind::Call { func, args, ellipsis: false, .. } if args.len() == 1 => {
                let ExprKind::Ident(name) = &func.kind else { return None };
                if !force && !is_type_elem(&args[0]) {
                    return None;
                }
                let name = name.clone();
                Some((name, Some(args.pop()?)))
            }
            _ => None,
        }
    }

    /// VarSpec = IdentifierList ( Type [ "=" ExpressionList ] | "=" ExpressionList ) .
    fn var_spec(&mut self, top: bool) -> PResult<ValueSpec> {
        self.directives(Takes::Var);
        let embed = self.embed.take();
        let pos = self.pos();
        let first = self.name()?;
        let names = self.name_list(first)?;
        let mut typ = None;
        let mut values = Vec::new();
        if self.got_assign()? {
            values = self.expr_list()?;
        } else {
            typ = Some(self.type_()?);
            if self.got_assign()? {
                values = self.expr_list()?;
            }
        }
        // gc's checks, in its order, after type checking.
        let misuse = if names.len() > 1 {
            Some("go:embed cannot apply to multiple vars")
        } else if !values.is_empty() {
            Some("go:embed cannot apply to var with initializer")
        } else if !top {
            Some("go:embed cannot apply to var inside func")
        } else {
            None
        };
        let embed = match (embed, misuse) {
            (Some(e), Some(msg)) => {
                self.decl_directive_errs.push(Diag::new(&e.pos, msg));
                None
            }
            (e, _) => e,
        };
        Ok(ValueSpec { pos, names, typ, values, embed })
    }

    /// `=`; a `:=` in its place gets Go's error.
    fn got_assign(&mut self) -> PResult<bool> {
        match self.tok.tok {
            Tok::Define => Err(self.syntax_error("expecting =")),
            Tok::Assign => {
                self.next()?;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// FunctionDecl / MethodDecl after `func` (at `pos`).
    fn func_decl(&mut self, pos: Pos) -> PResult<FuncDecl> {
        let pragmas = self.lex.take_pragmas();
        self.directives(Takes::Func);
        let mut recv = None;
        if self.got(Tok::Lparen)? {
            let mut params = self.param_list(ListOf::Results, None)?;
            let fields: usize = params.iter().map(|p| p.names.len().max(1)).sum();
            match fields {
                0 => return Err(self.error("method has no receiver")),
                1 => recv = params.pop(),
                _ => return Err(self.error("method has multiple receivers")),
            }
        }
        if !self.is(Tok::Name) {
            return Err(self.syntax_error("expecting name or ("));
        }
        let name = self.name()?;
        let mut type_params = None;
        if self.is(Tok::Lbrack) {
            if recv.is_some() {
                return Err(self.syntax_error("method must have no type parameters"));
            }
            let lbrack = self.pos();
            self.next()?;
            if self.is(Tok::Rbrack) {
                return Err(self.syntax_error("empty type parameter list"));
            }
            let list = self.param_list(ListOf::TypeParams, None)?;
            type_params = Some(TypeParams { lbrack, list });
        }
        let sig = self.signature(pos.clone(), None)?;
        let body = if self.is(Tok::Lbrace) { Some(self.block_stmt("")?) } else { None };
        Ok(FuncDecl { pos, recv, name, type_params, sig, body, pragmas })
    }

    // ------------------------------------------------------------------
    // Expressions

    fn expr(&mut self) -> PResult<Expr> {
        self.binary_expr(None, 0)
    }

    /// Expression = UnaryExpr | Expression binary_op Expression .
    fn binary_expr(&mut self, x: Option<Expr>, prec: u8) -> PResult<Expr> {
        let mut x = match x {
            Some(x) => x,
            None => self.unary_expr()?,
        };
        while matches!(self.tok.tok, Tok::Operator | Tok::Star) && self.tok.op.prec() > prec {
            let op = self.tok.op;
            self.next()?;
            let y = self.binary_expr(None, op.prec())?;
            let Some(op) = op.binary() else {
                return Err(self.error("invalid binary operator"));
            };
            let pos = x.pos.clone();
            x = self.expr_node(pos, ExprKind::Binary { op, x: Box::new(x), y: Box::new(y) });
        }
        Ok(x)
    }

    /// UnaryExpr = PrimaryExpr | unary_op UnaryExpr .
    fn unary_expr(&mut self) -> PResult<Expr> {
        self.nest(Self::unary_expr_inner)
    }

    fn unary_expr_inner(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        match self.tok.tok {
            Tok::Operator | Tok::Star => {
                let op = match self.tok.op {
                    Op::Mul => None,
                    Op::Add => Some(UnaryOp::Plus),
                    Op::Sub => Some(UnaryOp::Neg),
                    Op::Not => Some(UnaryOp::Not),
                    Op::Xor => Some(UnaryOp::Com),
                    Op::And => Some(UnaryOp::Addr),
                    Op::Tilde => {
                        // Go parses `~x` anywhere and lets its checker object
                        // outside constraints.
                        self.next()?;
                        let x = self.unary_expr()?;
                        return Ok(self.expr_node(pos, ExprKind::Tilde(Box::new(x))));
                    }
                    _ => return self.pexpr(None),
                };
                self.next()?;
                let x = self.unary_expr()?;
                let kind = match op {
                    None => ExprKind::Star(Box::new(x)),
                    // `&(T{})` is `&T{}`: parentheses only get in the way.
                    Some(UnaryOp::Addr) => ExprKind::Unary { op: UnaryOp::Addr, x: Box::new(unparen(x)) },
                    Some(op) => ExprKind::Unary { op, x: Box::new(x) },
                };
                Ok(self.expr_node(pos, kind))
            }
            Tok::Arrow => {
                // A receive `<-x`, or a receive-only channel type `<-chan T`.
                self.next()?;
                let mut x = self.unary_expr()?;
                if !matches!(x.kind, ExprKind::ChanType { .. }) {
                    return Ok(self.expr_node(pos, ExprKind::Unary { op: UnaryOp::Recv, x: Box::new(x) }));
                }
                // Re-associate: <-(chan E) => (<-chan E), <-(chan<- E) => (<-chan (<-E)).
                // First find how many channel levels the `<-` applies to...
                let mut dir = ChanDir::Send;
                let mut levels = 0;
                let mut t: &Expr = &x;
                while dir == ChanDir::Send {
                    let ExprKind::ChanType { dir: d, elem } = &t.kind else { break };
                    dir = *d;
                    if dir == ChanDir::Recv {
                        return Err(self.syntax_error("unexpected <-, expecting chan"));
                    }
                    levels += 1;
                    t = elem;
                }
                if dir == ChanDir::Send {
                    return Err(self.syntax_error(&format!("unexpected {}, expecting chan", expr_string(t))));
                }
                // ...then make each of them receive-only.
                let mut t: &mut Expr = &mut x;
                for _ in 0..levels {
                    let ExprKind::ChanType { dir, elem } = &mut t.kind else { break };
                    *dir = ChanDir::Recv;
                    t = elem;
                }
                x.pos = pos;
                Ok(x)
            }
            _ => self.pexpr(None),
        }
    }

    /// Operand = Literal | OperandName | "(" Expression ")" | FunctionLit | type .
    fn operand(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        match self.tok.tok {
            Tok::Name => {
                let id = self.name()?;
                Ok(self.ident_expr(id))
            }
            Tok::Literal => {
                let lit = self.tok.value.clone().unwrap_or_else(|| BasicLit::Int(self.tok.lit.clone()));
                self.next()?;
                Ok(self.expr_node(pos, ExprKind::BasicLit(lit)))
            }
            Tok::Lparen => {
                self.next()?;
                self.xnest += 1;
                let x = self.expr()?;
                self.xnest -= 1;
                self.want(Tok::Rparen)?;
                Ok(self.expr_node(pos, ExprKind::Paren(Box::new(x))))
            }
            Tok::Func => {
                self.next()?;
                let sig = self.signature(pos.clone(), Some("function type"))?;
                if self.is(Tok::Lbrace) {
                    self.xnest += 1;
                    let body = self.block_stmt("")?;
                    self.xnest -= 1;
                    return Ok(self.expr_node(pos, ExprKind::FuncLit { sig, body }));
                }
                Ok(self.expr_node(pos, ExprKind::FuncType(sig)))
            }
            Tok::Lbrack | Tok::Chan | Tok::Map | Tok::Struct | Tok::Interface => self.type_(),
            _ => Err(self.syntax_error("expecting expression")),
        }
    }

    /// PrimaryExpr: an operand (or `x` if given) followed by selectors,
    /// indices, slices, type assertions, calls and composite literal bodies.
    fn pexpr(&mut self, x: Option<Expr>) -> PResult<Expr> {
        let mut x = match x {
            Some(x) => x,
            None => self.operand()?,
        };
        loop {
            let start = x.pos.clone();
            let kind = match self.tok.tok {
                Tok::Dot => {
                    self.next()?;
                    match self.tok.tok {
                        Tok::Name => {
                            let sel = self.name()?;
                            ExprKind::Selector { x: Box::new(x), sel }
                        }
                        Tok::Lparen => {
                            self.next()?;
                            let kind = if self.got(Tok::Type)? {
                                self.guards.push(start.clone());
                                ExprKind::TypeAssert { x: Box::new(x), typ: None }
                            } else {
                                let t = self.type_()?;
                                ExprKind::TypeAssert { x: Box::new(x), typ: Some(Box::new(t)) }
                            };
                            self.want(Tok::Rparen)?;
                            kind
                        }
                        _ => return Err(self.syntax_error("expecting name or (")),
                    }
                }
                Tok::Lbrack => {
                    let lbrack = self.pos();
                    self.next()?;
                    if self.is(Tok::Rbrack) {
                        return Err(self.syntax_error("expecting operand"));
                    }
                    let mut lo = None;
                    let mut index = None;
                    if !self.is(Tok::Colon) {
                        let (mut list, comma) = self.type_list()?;
                        if comma || self.is(Tok::Rbrack) {
                            // x[i], x[i,], or type arguments x[A, B].
                            self.want(Tok::Rbrack)?;
                            index = Some(list);
                        } else {
                            lo = list.pop().map(Box::new);
                        }
                    }
                    if let Some(list) = index {
                        index_kind(x, list, lbrack)
                    } else {
                        if !self.got(Tok::Colon)? {
                            return Err(self.syntax_error("expecting comma, : or ]"));
                        }
                        self.xnest += 1;
                        let mut hi = None;
                        let mut max = None;
                        let mut three = false;
                        if !self.is(Tok::Colon) && !self.is(Tok::Rbrack) {
                            hi = Some(Box::new(self.expr()?));
                        }
                        if self.is(Tok::Colon) {
                            three = true;
                            if hi.is_none() {
                                return Err(self.error("middle index required in 3-index slice"));
                            }
                            self.next()?;
                            if self.is(Tok::Rbrack) {
                                return Err(self.error("final index required in 3-index slice"));
                            }
                            max = Some(Box::new(self.expr()?));
                        }
                        self.xnest -= 1;
                        self.want(Tok::Rbrack)?;
                        ExprKind::Slice { x: Box::new(x), lo, hi, max, three }
                    }
                }
                Tok::Lparen => {
                    let lparen = self.pos();
                    self.next()?;
                    let (args, ellipsis, rparen) = self.arg_list()?;
                    ExprKind::Call { func: Box::new(x), args, ellipsis, lparen, rparen }
                }
                Tok::Lbrace => {
                    // A composite literal, or the block of a statement?
                    let t = unparen_ref(&x);
                    let complit_ok = match &t.kind {
                        ExprKind::Ident(_) | ExprKind::Selector { .. } => self.xnest >= 0,
                        ExprKind::Index { .. } | ExprKind::IndexList { .. } => self.xnest >= 0 && !is_value(t),
                        ExprKind::ArrayType { .. }
                        | ExprKind::SliceType(_)
                        | ExprKind::StructType(_)
                        | ExprKind::MapType { .. } => true,
                        _ => false,
                    };
                    if !complit_ok {
                        break;
                    }
                    if matches!(x.kind, ExprKind::Paren(_)) {
                        return Err(self.syntax_error("cannot parenthesize type in composite literal"));
                    }
                    x = self.complit(Some(x))?;
                    continue;
                }
                _ => break,
            };
            x = self.expr_node(start, kind);
        }
        Ok(x)
    }

    /// Element = Expression | LiteralValue .
    fn bare_complit_expr(&mut self) -> PResult<Expr> {
        if self.is(Tok::Lbrace) {
            return self.complit(None);
        }
        self.expr()
    }

    /// LiteralValue = "{" [ ElementList [ "," ] ] "}" .
    fn complit(&mut self, typ: Option<Expr>) -> PResult<Expr> {
        self.nest(|p| {
            let pos = typ.as_ref().map_or_else(|| p.pos(), |t| t.pos.clone());
            p.xnest += 1;
            p.want(Tok::Lbrace)?;
            let mut elems = Vec::new();
            let rbrace = p.list("composite literal", Tok::Comma, Tok::Rbrace, |p| {
                let e = p.bare_complit_expr()?;
                if p.is(Tok::Colon) {
                    let colon = p.pos();
                    p.next()?;
                    let value = p.bare_complit_expr()?;
                    elems.push(KeyedElement { key: Some(e), value, colon: Some(colon) });
                } else {
                    elems.push(KeyedElement { key: None, value: e, colon: None });
                }
                Ok(false)
            })?;
            p.xnest -= 1;
            Ok(p.expr_node(pos, ExprKind::Composite { typ: typ.map(Box::new), elems, rbrace }))
        })
    }

    /// Arguments after `(`: `[ arg { "," arg } [ "..." ] [ "," ] ] ")"`.
    /// The arguments of a call, whether the last has `...`, and where the
    /// closing parenthesis is.
    fn arg_list(&mut self) -> PResult<(Vec<Expr>, bool, Pos)> {
        self.xnest += 1;
        let mut args = Vec::new();
        let mut dots = false;
        let rparen = self.list("argument list", Tok::Comma, Tok::Rparen, |p| {
            args.push(p.expr()?);
            dots = p.got(Tok::DotDotDot)?;
            Ok(dots)
        })?;
        self.xnest -= 1;
        Ok((args, dots, rparen))
    }

    fn name(&mut self) -> PResult<Ident> {
        if self.is(Tok::Name) {
            let id = Ident { name: self.tok.lit.clone(), pos: self.pos(), id: self.ids.next() };
            self.next()?;
            return Ok(id);
        }
        Err(self.syntax_error("expecting name"))
    }

    fn ident_expr(&mut self, id: Ident) -> Expr {
        let pos = id.pos.clone();
        self.expr_node(pos, ExprKind::Ident(id))
    }

    /// IdentifierList = identifier { "," identifier } .
    fn name_list(&mut self, first: Ident) -> PResult<Vec<Ident>> {
        let mut names = vec![first];
        while self.got(Tok::Comma)? {
            names.push(self.name()?);
        }
        Ok(names)
    }

    /// TypeName = identifier | identifier "." identifier (the first may be given).
    fn qualified_name(&mut self, name: Option<Ident>) -> PResult<Expr> {
        let name = match name {
            Some(n) => n,
            None if self.is(Tok::Name) => self.name()?,
            None => return Err(self.syntax_error("expecting name")),
        };
        let mut x = self.ident_expr(name);
        if self.is(Tok::Dot) {
            self.next()?;
            let sel = self.name()?;
            let pos = x.pos.clone();
            x = self.expr_node(pos, ExprKind::Selector { x: Box::new(x), sel });
        }
        if self.is(Tok::Lbrack) {
            // T[A, ...]: an instantiated generic type.
            let lbrack = self.pos();
            self.next()?;
            if self.is(Tok::Rbrack) {
                return Err(self.syntax_error("expecting type"));
            }
            let (list, _) = self.type_list()?;
            self.want(Tok::Rbrack)?;
            let pos = x.pos.clone();
            let kind = index_kind(x, list, lbrack);
            x = self.expr_node(pos, kind);
        }
        Ok(x)
    }

    /// After `[`: an index or type arguments, `expr { "," type } [ "," ]`
    /// (only the first may be a value); whether a comma was seen.
    fn type_list(&mut self) -> PResult<(Vec<Expr>, bool)> {
        self.xnest += 1;
        let mut list = vec![self.expr()?];
        let comma = self.got(Tok::Comma)?;
        if comma {
            while let Some(t) = self.type_or_nil()? {
                list.push(t);
                if !self.got(Tok::Comma)? {
                    break;
                }
            }
        }
        self.xnest -= 1;
        Ok((list, comma))
    }

    /// ExpressionList = Expression { "," Expression } .
    fn expr_list(&mut self) -> PResult<Vec<Expr>> {
        let mut list = vec![self.expr()?];
        while self.got(Tok::Comma)? {
            list.push(self.expr()?);
        }
        Ok(list)
    }

    // ------------------------------------------------------------------
    // Types

    fn type_(&mut self) -> PResult<Expr> {
        match self.type_or_nil()? {
            Some(t) => Ok(t),
            None => Err(self.syntax_error("expecting type")),
        }
    }

    /// Type = TypeName | TypeLit | "(" Type ")" ; `None` if no type starts here.
    fn type_or_nil(&mut self) -> PResult<Option<Expr>> {
        self.nest(Self::type_or_nil_inner)
    }

    fn type_or_nil_inner(&mut self) -> PResult<Option<Expr>> {
        let pos = self.pos();
        let kind = match self.tok.tok {
            Tok::Star => {
                self.next()?;
                ExprKind::Star(Box::new(self.type_()?))
            }
            Tok::Arrow => {
                self.next()?;
                self.want(Tok::Chan)?;
                ExprKind::ChanType { dir: ChanDir::Recv, elem: Box::new(self.chan_elem()?) }
            }
            Tok::Func => {
                self.next()?;
                ExprKind::FuncType(self.signature(pos.clone(), Some("function type"))?)
            }
            Tok::Lbrack => {
                self.next()?;
                if self.got(Tok::Rbrack)? {
                    return Ok(Some(self.slice_type(pos)?));
                }
                return Ok(Some(self.array_type(pos, None)?));
            }
            Tok::Chan => {
                self.next()?;
                let dir = if self.got(Tok::Arrow)? { ChanDir::Send } else { ChanDir::Both };
                ExprKind::ChanType { dir, elem: Box::new(self.chan_elem()?) }
            }
            Tok::Map => {
                self.next()?;
                self.want(Tok::Lbrack)?;
                let key = self.type_()?;
                self.want(Tok::Rbrack)?;
                let value = self.type_()?;
                ExprKind::MapType { key: Box::new(key), value: Box::new(value) }
            }
            Tok::Struct => return Ok(Some(self.struct_type()?)),
            Tok::Interface => return Ok(Some(self.interface_type()?)),
            Tok::Name => return Ok(Some(self.qualified_name(None)?)),
            Tok::Lparen => {
                self.next()?;
                let t = self.type_()?;
                self.want(Tok::Rparen)?;
                ExprKind::Paren(Box::new(t))
            }
            _ => return Ok(None),
        };
        Ok(Some(self.expr_node(pos, kind)))
    }

    /// After `[` (at `pos`): `len "]" elem` or `"..." "]" elem`; `len` may
    /// already have been parsed.
    fn array_type(&mut self, pos: Pos, len: Option<Expr>) -> PResult<Expr> {
        let len = match len {
            Some(l) => Some(l),
            None if self.got(Tok::DotDotDot)? => None,
            None => {
                self.xnest += 1;
                let l = self.expr()?;
                self.xnest -= 1;
                Some(l)
            }
        };
        if self.is(Tok::Comma) {
            return Err(self.syntax_error("unexpected comma; expecting ]"));
        }
        self.want(Tok::Rbrack)?;
        let elem = self.type_()?;
        Ok(self.expr_node(pos, ExprKind::ArrayType { len: len.map(Box::new), elem: Box::new(elem) }))
    }

    /// After `[]` (with `[` at `pos`).
    fn slice_type(&mut self, pos: Pos) -> PResult<Expr> {
        let elem = self.type_()?;
        Ok(self.expr_node(pos, ExprKind::SliceType(Box::new(elem))))
    }

    fn chan_elem(&mut self) -> PResult<Expr> {
        match self.type_or_nil()? {
            Some(t) => Ok(t),
            None => Err(self.syntax_error("missing channel element type")),
        }
    }

    /// After `func` (at `pos`), or after a method name: Signature =
    /// Parameters [ Result ] . `context` names what may have no type
    /// parameters (`function type`), if a `[` here is to be reported so.
    fn signature(&mut self, pos: Pos, context: Option<&str>) -> PResult<FuncType> {
        if let (true, Some(what)) = (self.is(Tok::Lbrack), context) {
            return Err(self.syntax_error(&format!("{what} must have no type parameters")));
        }
        self.want(Tok::Lparen)?;
        let params = self.param_list(ListOf::Params, None)?;
        let results = self.func_result()?;
        Ok(FuncType { pos, params, results })
    }

    /// Result = Parameters | Type .
    fn func_result(&mut self) -> PResult<Vec<Param>> {
        if self.got(Tok::Lparen)? {
            return self.param_list(ListOf::Results, None);
        }
        Ok(match self.type_or_nil()? {
            Some(typ) => vec![Param { pos: typ.pos.clone(), names: Vec::new(), typ, variadic: false }],
            None => Vec::new(),
        })
    }

    /// A parameter list after its `(` or `[` through its closer; `a, b int`
    /// becomes one [`Param`]. `first` is a first parameter already parsed
    /// (a name, and maybe its type), from `type T[P ...`.
    fn param_list(&mut self, of: ListOf, first: Option<(Ident, Option<Expr>)>) -> PResult<Vec<Param>> {
        let close = of.close();
        let mut items = Vec::new();
        let end = match first {
            // `[P *C]`: complete already.
            Some((name, Some(typ))) if self.is(close) => {
                items.push(ParamItem { pos: name.pos.clone(), name: Some(name), typ: Some(typ), dots: None });
                let end = self.pos();
                self.next()?;
                end
            }
            mut first => {
                self.list("parameter list", Tok::Comma, close, |p| {
                    let item = match first.take() {
                        Some((name, Some(typ))) => ParamItem { pos: name.pos.clone(), name: Some(name), typ: Some(typ), dots: None },
                        Some((name, None)) => p.param_decl(Some(name), close)?,
                        None => p.param_decl(None, close)?,
                    };
                    items.push(item);
                    Ok(false)
                })?
            }
        };
        let named = items.iter().filter(|i| i.name.is_some() && i.typ.is_some()).count();
        let typed = items.iter().filter(|i| i.typ.is_some()).count();

        let mut params = Vec::new();
        if named == 0 && of != ListOf::TypeParams {
            // All unnamed: a lone name is a type name.
            for item in items {
                let typ = match (item.typ, item.name) {
                    (Some(t), _) => t,
                    (None, Some(n)) => self.ident_expr(n),
                    (None, None) => continue,
                };
                params
                    .push((Param { pos: item.pos, names: Vec::new(), typ, variadic: item.dots.is_some() }, item.dots));
            }
        } else {
            // Some named: all must have names and types; a run of bare
            // names shares the type that follows it.
            let mut err: Option<Pos> = None;
            let mut typed_follows = false;
            for item in items.iter().rev() {
                match (&item.name, &item.typ) {
                    (None, Some(t)) => {
                        err = Some(t.pos.clone());
                        typed_follows = true;
                    }
                    (_, Some(_)) => typed_follows = true,
                    (Some(n), None) if !typed_follows => err = Some(n.pos.clone()),
                    _ => {}
                }
            }
            if let Some(pos) = err {
                return Err(match of {
                    ListOf::TypeParams if named == typed => self.syntax_error_at(&end, "missing type constraint"),
                    ListOf::TypeParams => self.syntax_error_at(&pos, "type parameters must be named"),
                    _ => self.syntax_error_at(&pos, "mixed named and unnamed parameters"),
                });
            }
            let mut names: Vec<Ident> = Vec::new();
            let mut first_pos = None;
            for item in items {
                if first_pos.is_none() {
                    first_pos = Some(item.pos.clone());
                }
                if let Some(n) = item.name {
                    names.push(n);
                }
                if let Some(typ) = item.typ {
                    let pos = first_pos.take().unwrap_or_else(|| typ.pos.clone());
                    let variadic = item.dots.is_some();
                    if variadic && names.len() > 1 && close == Tok::Rparen {
                        if let Some(d) = &item.dots {
                            self.defer_error(d, "can only use ... with final parameter in list");
                        }
                    }
                    params.push((Param { pos, names: std::mem::take(&mut names), typ, variadic }, item.dots));
                }
            }
        }
        let n = params.len();
        let mut out = Vec::with_capacity(n);
        for (i, (param, dots)) in params.into_iter().enumerate() {
            if let Some(d) = dots {
                if close == Tok::Rbrack {
                    // No variadic type parameters or arguments (gc's checker's words).
                    self.defer_error(&d, "invalid use of '...'");
                } else if of != ListOf::Params || i + 1 != n {
                    self.defer_error(&d, "can only use ... with final parameter in list");
                }
            }
            out.push(param);
        }
        Ok(out)
    }

    /// ParameterDecl = [ IdentifierList ] [ "..." ] Type, one name at a
    /// time; `name` may already be parsed. In a list closed by `]`, a
    /// constraint may be a union or `~T` term (`[P ~int | string]`).
    fn param_decl(&mut self, name: Option<Ident>, close: Tok) -> PResult<ParamItem> {
        let type_sets = close == Tok::Rbrack;
        let pos = name.as_ref().map_or_else(|| self.pos(), |n| n.pos.clone());
        let mut item = ParamItem { pos, name: None, typ: None, dots: None };
        if name.is_none() && type_sets && self.is_op(Op::Tilde) {
            item.typ = Some(self.embedded_elem(None)?);
            return Ok(item);
        }
        let name = match name {
            Some(n) => Some(n),
            None if self.is(Tok::Name) => Some(self.name()?),
            None => None,
        };
        if let Some(name) = name {
            if self.is(Tok::Lbrack) {
                // name [n]E, name []E, or an instantiated type name[A].
                let (name, typ) = self.array_or_targs(name)?;
                item.name = name;
                item.typ = Some(self.union_if_bar(typ, type_sets)?);
                return Ok(item);
            }
            if self.is(Tok::Dot) {
                let typ = self.qualified_name(Some(name))?;
                item.typ = Some(self.union_if_bar(typ, type_sets)?);
                return Ok(item);
            }
            if type_sets && self.is_op(Op::Or) {
                // A union starting with a type name: `[int | string]`.
                let typ = self.ident_expr(name);
                item.typ = Some(self.embedded_elem(Some(typ))?);
                return Ok(item);
            }
            item.name = Some(name);
        }
        if self.is(Tok::DotDotDot) {
            item.dots = Some(self.pos());
            self.next()?;
            match self.type_or_nil()? {
                Some(t) => item.typ = Some(t),
                None => return Err(self.syntax_error("... is missing type")),
            }
            return Ok(item);
        }
        if type_sets && self.is_op(Op::Tilde) {
            item.typ = Some(self.embedded_elem(None)?);
            return Ok(item);
        }
        item.typ = match self.type_or_nil()? {
            Some(t) => Some(self.union_if_bar(t, type_sets)?),
            None => None,
        };
        if item.name.is_some() || item.typ.is_some() {
            return Ok(item);
        }
        Err(self.syntax_error(&format!("expecting {}", close.describe())))
    }

    /// `typ`, or the union it starts when a `|` follows and `type_sets`
    /// allows one.
    fn union_if_bar(&mut self, typ: Expr, type_sets: bool) -> PResult<Expr> {
        if type_sets && self.is_op(Op::Or) {
            return self.embedded_elem(Some(typ));
        }
        Ok(typ)
    }

    /// After a name, at `[`: an array or slice type (the name then names a
    /// parameter or field), or the name's type arguments (an instantiated
    /// type). Returns the name if it was not taken into the type.
    fn array_or_targs(&mut self, name: Ident) -> PResult<(Option<Ident>, Expr)> {
        let lbrack = self.pos();
        self.want(Tok::Lbrack)?;
        if self.got(Tok::Rbrack)? {
            return Ok((Some(name), self.slice_type(lbrack)?));
        }
        let (mut list, comma) = self.type_list()?;
        self.want(Tok::Rbrack)?;
        if !comma {
            if let Some(elem) = self.type_or_nil()? {
                let len = list.pop().map(Box::new);
                let t = self.expr_node(lbrack, ExprKind::ArrayType { len, elem: Box::new(elem) });
                return Ok((Some(name), t));
            }
        }
        let base = self.ident_expr(name);
        let pos = base.pos.clone();
        let kind = index_kind(base, list, lbrack);
        Ok((None, self.expr_node(pos, kind)))
    }

    /// EmbeddedElem = EmbeddedTerm { "|" EmbeddedTerm } ; `first` may be
    /// parsed already.
    fn embedded_elem(&mut self, first: Option<Expr>) -> PResult<Expr> {
        let first = match first {
            Some(t) => t,
            None => self.embedded_term()?,
        };
        if !self.is_op(Op::Or) {
            return Ok(first);
        }
        let pos = first.pos.clone();
        let mut terms = vec![first];
        while self.is_op(Op::Or) {
            self.next()?;
            terms.push(self.embedded_term()?);
        }
        Ok(self.expr_node(pos, ExprKind::Union(terms)))
    }

    /// EmbeddedTerm = [ "~" ] Type .
    fn embedded_term(&mut self) -> PResult<Expr> {
        if self.is_op(Op::Tilde) {
            let pos = self.pos();
            self.next()?;
            let t = self.type_()?;
            return Ok(self.expr_node(pos, ExprKind::Tilde(Box::new(t))));
        }
        match self.type_or_nil()? {
            Some(t) => Ok(t),
            None => Err(self.syntax_error("expecting ~ term or type")),
        }
    }

    /// StructType = "struct" "{" { FieldDecl ";" } "}" .
    fn struct_type(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        self.want(Tok::Struct)?;
        self.want(Tok::Lbrace)?;
        let mut fields = Vec::new();
        self.list("struct type", Tok::Semi, Tok::Rbrace, |p| {
            fields.push(p.field_decl()?);
            Ok(false)
        })?;
        Ok(self.expr_node(pos, ExprKind::StructType(fields)))
    }

    /// FieldDecl = (IdentifierList Type | EmbeddedField) [ Tag ] .
    fn field_decl(&mut self) -> PResult<Field> {
        let pos = self.pos();
        match self.tok.tok {
            Tok::Name => {
                let name = self.name()?;
                if matches!(self.tok.tok, Tok::Dot | Tok::Literal | Tok::Semi | Tok::Rbrace) {
                    // Embedded T or pkg.T (or pkg.T[A]).
                    let typ = self.qualified_name(Some(name))?;
                    let tag = self.tag()?;
                    return Ok(Field { pos, names: Vec::new(), typ, tag });
                }
                if self.is(Tok::Lbrack) {
                    // `a [N]T`, or an embedded instantiated type `T[A]`.
                    let (name, typ) = self.array_or_targs(name)?;
                    let tag = self.tag()?;
                    return Ok(Field { pos, names: name.into_iter().collect(), typ, tag });
                }
                let names = self.name_list(name)?;
                let typ = self.type_()?;
                let tag = self.tag()?;
                Ok(Field { pos, names, typ, tag })
            }
            Tok::Star => {
                self.next()?;
                if self.is(Tok::Lparen) {
                    return Err(self.syntax_error("cannot parenthesize embedded type"));
                }
                let t = self.qualified_name(None)?;
                let typ = self.expr_node(pos.clone(), ExprKind::Star(Box::new(t)));
                let tag = self.tag()?;
                Ok(Field { pos, names: Vec::new(), typ, tag })
            }
            Tok::Lparen => Err(self.syntax_error("cannot parenthesize embedded type")),
            _ => Err(self.syntax_error("expecting field name or embedded type")),
        }
    }

    /// An optional field tag. Tags are kept as text (lossily if a `\x`
    /// escape made them invalid UTF-8).
    fn tag(&mut self) -> PResult<Option<String>> {
        if !self.is(Tok::Literal) {
            return Ok(None);
        }
        let pos = self.pos();
        let value = self.tok.value.clone();
        let text = self.tok.lit.clone();
        self.next()?;
        match value {
            Some(BasicLit::String(bytes)) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
            _ => {
                self.defer_error(&pos, format!("invalid AST: incorrect tag syntax: {}", go_quote(text.as_bytes())));
                Ok(None)
            }
        }
    }

    /// InterfaceType = "interface" "{" { ( MethodSpec | EmbeddedElem ) ";" } "}" .
    fn interface_type(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        self.want(Tok::Interface)?;
        self.want(Tok::Lbrace)?;
        let mut elems = Vec::new();
        self.list("interface type", Tok::Semi, Tok::Rbrace, |p| {
            let elem = if p.is(Tok::Name) {
                let name = p.name()?;
                match p.tok.tok {
                    Tok::Lparen => {
                        let sig = p.signature(name.pos.clone(), Some("interface method"))?;
                        InterfaceElem::Method { name, sig }
                    }
                    Tok::Lbrack => p.method_or_instance(name)?,
                    _ => {
                        let t = p.qualified_name(Some(name))?;
                        InterfaceElem::Embed(p.embedded_elem(Some(t))?)
                    }
                }
            } else {
                InterfaceElem::Embed(p.embedded_elem(None)?)
            };
            elems.push(elem);
            Ok(false)
        })?;
        Ok(self.expr_node(pos, ExprKind::InterfaceType(elems)))
    }

    /// An interface element `name[...`: an embedded instantiated type
    /// `name[A, B]` (perhaps starting a union); a method with type
    /// parameters or an empty list is an error (not a syntax error).
    fn method_or_instance(&mut self, name: Ident) -> PResult<InterfaceElem> {
        let lbrack = self.pos();
        self.next()?;
        if self.is(Tok::Rbrack) {
            let rbrack = self.pos();
            self.next()?;
            let what = if self.is(Tok::Lparen) { "empty type parameter list" } else { "empty type argument list" };
            return Err(self.error_at(&rbrack, what));
        }
        let list = self.param_list(ListOf::TypeArgs, None)?;
        if list.iter().any(|p| !p.names.is_empty()) {
            return Err(self.error_at(&lbrack, "interface method must have no type parameters"));
        }
        let base = self.ident_expr(name);
        let pos = base.pos.clone();
        let kind = index_kind(base, list.into_iter().map(|p| p.typ).collect(), lbrack);
        let t = self.expr_node(pos, kind);
        Ok(InterfaceElem::Embed(self.embedded_elem(Some(t))?))
    }

    // ------------------------------------------------------------------
    // Statements

    /// StatementList = { Statement ";" } .
    fn stmt_list(&mut self) -> PResult<Vec<Stmt>> {
        let mut list = Vec::new();
        while !matches!(self.tok.tok, Tok::Eof | Tok::Rbrace | Tok::Case | Tok::Default) {
            // Declarations check their own directives.
            if !matches!(self.tok.tok, Tok::Type | Tok::Var | Tok::Const) {
                self.directives(Takes::Nothing);
            }
            let saved = self.save();
            let s = match self.stmt_or_nil() {
                Ok(Some(s)) => s,
                Ok(None) => break,
                Err(e) => {
                    self.recover(e, saved, false)?;
                    continue;
                }
            };
            list.push(s);
            // ";" is optional before "}"
            if !self.got(Tok::Semi)? && !self.is(Tok::Rbrace) {
                let e = self.syntax_error("at end of statement");
                self.recover(e, saved, false)?;
            }
        }
        Ok(list)
    }

    fn stmt_or_nil(&mut self) -> PResult<Option<Stmt>> {
        self.nest(Self::stmt_or_nil_inner)
    }

    fn stmt_or_nil_inner(&mut self) -> PResult<Option<Stmt>> {
        let pos = self.pos();
        if self.is(Tok::Name) {
            let lhs = self.expr_list()?;
            if self.is(Tok::Colon) && lhs.len() == 1 {
                if let ExprKind::Ident(label) = &lhs[0].kind {
                    let label = label.clone();
                    return self.labeled_stmt(label).map(Some);
                }
            }
            return self.simple_stmt(Some(lhs), None).map(|s| Some(self.simple_to_stmt(s)));
        }
        let kind = match self.tok.tok {
            Tok::Var | Tok::Const | Tok::Type => StmtKind::Decl(self.decl_stmt()?),
            Tok::Lbrace => StmtKind::Block(self.block_stmt("")?),
            Tok::Operator | Tok::Star => {
                if !matches!(self.tok.op, Op::Add | Op::Sub | Op::Mul | Op::And | Op::Xor | Op::Not) {
                    return Ok(None);
                }
                let s = self.simple_stmt(None, None)?;
                return Ok(Some(self.simple_to_stmt(s)));
            }
            Tok::Literal
            | Tok::Func
            | Tok::Lparen
            | Tok::Lbrack
            | Tok::Struct
            | Tok::Map
            | Tok::Chan
            | Tok::Interface
            | Tok::Arrow => {
                let s = self.simple_stmt(None, None)?;
                return Ok(Some(self.simple_to_stmt(s)));
            }
            Tok::For => return self.for_stmt().map(Some),
            Tok::Switch => return self.switch_stmt().map(Some),
            Tok::Select => return self.select_stmt().map(Some),
            Tok::If => return self.if_stmt().map(Some),
            Tok::Fallthrough => {
                self.next()?;
                StmtKind::Branch { kind: BranchKind::Fallthrough, label: None }
            }
            Tok::Break | Tok::Continue => {
                let kind = if self.is(Tok::Break) { BranchKind::Break } else { BranchKind::Continue };
                self.next()?;
                let label = if self.is(Tok::Name) { Some(self.name()?) } else { None };
                StmtKind::Branch { kind, label }
            }
            Tok::Go | Tok::Defer => return self.call_stmt().map(Some),
            Tok::Goto => {
                self.next()?;
                StmtKind::Branch { kind: BranchKind::Goto, label: Some(self.name()?) }
            }
            Tok::Return => {
                self.next()?;
                let mut results = Vec::new();
                if !self.is(Tok::Semi) && !self.is(Tok::Rbrace) {
                    results = self.expr_list()?;
                }
                StmtKind::Return(results)
            }
            Tok::Semi => StmtKind::Empty,
            _ => return Ok(None),
        };
        Ok(Some(Stmt { pos, kind }))
    }

    fn labeled_stmt(&mut self, label: Ident) -> PResult<Stmt> {
        let colon = self.pos();
        self.want(Tok::Colon)?;
        let pos = label.pos.clone();
        if self.is(Tok::Rbrace) {
            // A label right before "}" labels an empty statement.
            let empty = Stmt { pos: self.pos(), kind: StmtKind::Empty };
            return Ok(Stmt { pos, kind: StmtKind::Labeled { label, stmt: Box::new(empty) } });
        }
        match self.stmt_or_nil()? {
            Some(s) => Ok(Stmt { pos, kind: StmtKind::Labeled { label, stmt: Box::new(s) } }),
            None => Err(self.syntax_error_at(&colon, "missing statement after label")),
        }
    }

    /// `var`/`const`/`type` inside a function.
    fn decl_stmt(&mut self) -> PResult<GenDecl> {
        let keyword = self.tok.tok;
        self.next()?;
        Ok(match keyword {
            Tok::Var => {
                let mut specs = Vec::new();
                self.group(|p| {
                    specs.push(p.var_spec(false)?);
                    Ok(())
                })?;
                GenDecl::Var(specs)
            }
            Tok::Const => {
                let mut specs = Vec::new();
                self.group(|p| {
                    let iota = specs.len() as u32;
                    specs.push(p.const_spec(iota)?);
                    Ok(())
                })?;
                GenDecl::Const(specs)
            }
            _ => {
                let mut specs = Vec::new();
                self.group(|p| {
                    specs.push(p.type_spec()?);
                    Ok(())
                })?;
                GenDecl::Type(specs)
            }
        })
    }

    /// Block = "{" StatementList "}" ; `context` names what needs the block.
    fn block_stmt(&mut self, context: &str) -> PResult<Block> {
        let pos = self.pos();
        if !self.got(Tok::Lbrace)? {
            return Err(self.syntax_error(&format!("expecting {{ after {context}")));
        }
        let stmts = self.stmt_list()?;
        let end = self.pos();
        self.want(Tok::Rbrace)?;
        Ok(Block { pos, stmts, end })
    }

    /// `go` or `defer` with its call.
    fn call_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        let is_go = self.is(Tok::Go);
        let word = if is_go { "go" } else { "defer" };
        self.next()?;
        let x = self.pexpr(None)?;
        if matches!(x.kind, ExprKind::Paren(_)) {
            return Err(self.error_at(&x.pos, format!("expression in {word} must not be parenthesized")));
        }
        if !matches!(x.kind, ExprKind::Call { .. }) {
            return Err(self.error_at(&x.pos, format!("expression in {word} must be function call")));
        }
        Ok(Stmt { pos, kind: if is_go { StmtKind::Go(x) } else { StmtKind::Defer(x) } })
    }

    /// SimpleStmt = EmptyStmt | ExpressionStmt | SendStmt | IncDecStmt |
    /// Assignment | ShortVarDecl, plus a range clause after `for` and a
    /// type switch guard after `switch` (`keyword`).
    fn simple_stmt(&mut self, lhs: Option<Vec<Expr>>, keyword: Option<Tok>) -> PResult<Simple> {
        if keyword == Some(Tok::For) && self.is(Tok::Range) {
            self.next()?;
            let x = self.expr()?;
            return Ok(Simple::Range { lhs: Vec::new(), define: false, x });
        }
        let mut lhs = match lhs {
            Some(l) => l,
            None => self.expr_list()?,
        };
        let pos = lhs.first().map_or_else(|| self.pos(), |e| e.pos.clone());
        if lhs.len() == 1 && !self.is(Tok::Assign) && !self.is(Tok::Define) {
            let gopos = self.pos();
            let Some(x) = lhs.pop() else { return Err(self.syntax_error("expecting expression")) };
            let kind = match self.tok.tok {
                Tok::AssignOp => {
                    let Some(op) = self.tok.op.binary() else {
                        return Err(self.syntax_error("expecting := or = or comma"));
                    };
                    self.next()?;
                    let rhs = self.expr()?;
                    StmtKind::Assign { lhs: vec![x], op: AssignOp::Op(op), rhs: vec![rhs], op_pos: gopos.clone() }
                }
                Tok::IncOp => {
                    let inc = self.tok.op == Op::Add;
                    self.next()?;
                    StmtKind::IncDec { x, inc }
                }
                Tok::Arrow => {
                    self.next()?;
                    let value = self.expr()?;
                    StmtKind::Send { ch: x, value }
                }
                _ => {
                    let gopos = x.pos.clone();
                    return Ok(Simple::Stmt { stmt: Box::new(Stmt { pos, kind: StmtKind::Expr(x) }), gopos });
                }
            };
            return Ok(Simple::Stmt { stmt: Box::new(Stmt { pos, kind }), gopos });
        }
        match self.tok.tok {
            Tok::Assign | Tok::Define => {
                let gopos = self.pos();
                let define = self.is(Tok::Define);
                self.next()?;
                if keyword == Some(Tok::For) && self.is(Tok::Range) {
                    self.next()?;
                    let x = self.expr()?;
                    return Ok(Simple::Range { lhs, define, x });
                }
                let mut rhs = self.expr_list()?;
                if keyword == Some(Tok::Switch) && define && lhs.len() == 1 && rhs.len() == 1 {
                    if let (ExprKind::Ident(bind), ExprKind::TypeAssert { typ: None, .. }) =
                        (&lhs[0].kind, &rhs[0].kind)
                    {
                        let bind = bind.clone();
                        if let Some(guard) = rhs.pop() {
                            return Ok(Simple::Guard { bind, guard });
                        }
                    }
                }
                let op = if define { AssignOp::Define } else { AssignOp::Assign };
                Ok(Simple::Stmt { stmt: Box::new(Stmt { pos, kind: StmtKind::Assign { lhs, op, rhs, op_pos: gopos.clone() } }), gopos })
            }
            _ => Err(self.syntax_error("expecting := or = or comma")),
        }
    }

    /// A simple statement where only a statement can stand (range clauses
    /// and guards are produced only for `for` and `switch` headers).
    fn simple_to_stmt(&mut self, s: Simple) -> Stmt {
        match s {
            Simple::Stmt { stmt, .. } => *stmt,
            Simple::Guard { bind, guard } => {
                let pos = bind.pos.clone();
                let lhs = self.ident_expr(bind);
                Stmt { pos: pos.clone(), kind: StmtKind::Assign { lhs: vec![lhs], op: AssignOp::Define, rhs: vec![guard], op_pos: pos } }
            }
            Simple::Range { x, .. } => Stmt { pos: x.pos.clone(), kind: StmtKind::Expr(x) },
        }
    }

    /// The header of `if`, `for` or `switch` (`keyword`), up to its `{`:
    /// returns the init statement (or range clause), condition and post
    /// statement. Composite literals of bare type names are not allowed at
    /// its top level (`xnest = -1`), as in Go.
    fn header(&mut self, keyword: Tok) -> PResult<(Option<Simple>, Option<Cond>, Option<Stmt>)> {
        self.want(keyword)?;
        if self.is(Tok::Lbrace) {
            if keyword == Tok::If {
                return Err(self.syntax_error("missing condition in if statement"));
            }
            return Ok((None, None, None));
        }
        let outer = self.xnest;
        self.xnest = -1;

        let mut init = None;
        if !self.is(Tok::Semi) {
            if self.got(Tok::Var)? {
                return Err(
                    self.syntax_error(&format!("var declaration not allowed in {} initializer", keyword.describe()))
                );
            }
            let s = self.simple_stmt(None, Some(keyword))?;
            if let Simple::Range { .. } = s {
                self.xnest = outer;
                return Ok((Some(s), None, None));
            }
            init = Some(s);
        }

        let mut cond_stmt = None;
        let mut semi: Option<(Pos, String)> = None;
        let mut post = None;
        if !self.is(Tok::Lbrace) {
            if self.is(Tok::Semi) {
                semi = Some((self.pos(), self.tok.lit.clone()));
                self.next()?;
            } else {
                return Err(self.syntax_error("expecting {"));
            }
            if keyword == Tok::For {
                if !self.is(Tok::Semi) {
                    if self.is(Tok::Lbrace) {
                        return Err(self.syntax_error("expecting for loop condition"));
                    }
                    cond_stmt = Some(self.simple_stmt(None, None)?);
                }
                self.want(Tok::Semi)?;
                if !self.is(Tok::Lbrace) {
                    let s = self.simple_stmt(None, None)?;
                    if let Simple::Stmt { stmt, gopos } = &s {
                        if matches!(stmt.kind, StmtKind::Assign { op: AssignOp::Define, .. }) {
                            return Err(self.syntax_error_at(gopos, "cannot declare in post statement of for loop"));
                        }
                    }
                    post = Some(self.simple_to_stmt(s));
                }
            } else if !self.is(Tok::Lbrace) {
                cond_stmt = Some(self.simple_stmt(None, Some(keyword))?);
            }
        } else {
            cond_stmt = init.take();
        }

        let cond = match cond_stmt {
            None => {
                if keyword == Tok::If {
                    if let Some((pos, lit)) = semi {
                        if lit != "semicolon" {
                            return Err(
                                self.syntax_error_at(&pos, &format!("unexpected {lit}, expecting {{ after if clause"))
                            );
                        }
                        return Err(self.syntax_error_at(&pos, "missing condition in if statement"));
                    }
                }
                None
            }
            Some(Simple::Guard { bind, guard }) => Some(Cond::Guard { bind, guard }),
            Some(Simple::Stmt { mut stmt, gopos }) => match std::mem::replace(&mut stmt.kind, StmtKind::Empty) {
                StmtKind::Expr(x) => Some(Cond::Expr(x)),
                kind => {
                    let other = Stmt { pos: stmt.pos.clone(), kind };
                    let what = match &other.kind {
                        StmtKind::Assign { lhs, op: AssignOp::Assign, rhs, .. } => {
                            format!("assignment ({}) = ({})", list_string(lhs), list_string(rhs))
                        }
                        _ => stmt_string(&other),
                    };
                    return Err(self.syntax_error_at(&gopos, &format!("cannot use {what} as value")));
                }
            },
            Some(Simple::Range { x, .. }) => {
                return Err(self.syntax_error_at(&x.pos, "cannot use range clause as value"));
            }
        };
        self.xnest = outer;
        Ok((init, cond, post))
    }

    fn init_stmt(&mut self, init: Option<Simple>) -> Option<Box<Stmt>> {
        init.map(|s| Box::new(self.simple_to_stmt(s)))
    }

    /// An `if` condition or `for` condition: a plain expression.
    fn cond_expr(&mut self, cond: Cond) -> Expr {
        match cond {
            Cond::Expr(x) => x,
            Cond::Guard { bind, guard } => {
                // Not reachable for `if`/`for` (guards come from switch
                // headers only); keep the guard so it is reported as misplaced.
                let _ = bind;
                guard
            }
        }
    }

    fn if_stmt(&mut self) -> PResult<Stmt> {
        self.nest(|p| {
            let pos = p.pos();
            let (init, cond, _) = p.header(Tok::If)?;
            let Some(cond) = cond else {
                return Err(p.syntax_error("missing condition in if statement"));
            };
            let init = p.init_stmt(init);
            let cond = p.cond_expr(cond);
            let then = p.block_stmt("if clause")?;
            let mut els = None;
            if p.got(Tok::Else)? {
                els = Some(Box::new(match p.tok.tok {
                    Tok::If => p.if_stmt()?,
                    Tok::Lbrace => {
                        let b = p.block_stmt("")?;
                        Stmt { pos: b.pos.clone(), kind: StmtKind::Block(b) }
                    }
                    _ => return Err(p.syntax_error("else must be followed by if or statement block")),
                }));
            }
            Ok(Stmt { pos, kind: StmtKind::If { init, cond, then, els } })
        })
    }

    fn for_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        let (init, cond, post) = self.header(Tok::For)?;
        if let Some(Simple::Range { mut lhs, define, x }) = init {
            if lhs.len() > 2 {
                let pos = lhs[2].pos.clone();
                self.defer_error(&pos, "range clause permits at most two iteration variables");
                lhs.truncate(2);
            }
            let value = if lhs.len() == 2 { lhs.pop() } else { None };
            let key = lhs.pop();
            let body = self.block_stmt("for clause")?;
            return Ok(Stmt { pos, kind: StmtKind::Range { key, value, define, x, body } });
        }
        let init = self.init_stmt(init);
        let cond = cond.map(|c| self.cond_expr(c));
        let body = self.block_stmt("for clause")?;
        Ok(Stmt { pos, kind: StmtKind::For { init, cond, post: post.map(Box::new), body } })
    }

    fn switch_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        let (init, cond, _) = self.header(Tok::Switch)?;
        let init = self.init_stmt(init);
        // Decide between an expression and a type switch before the body,
        // whose own `.(type)` guards come later in `self.guards`.
        let (bind, guard, tag) = match cond {
            Some(Cond::Guard { bind, guard }) => (Some(bind), Some(guard), None),
            Some(Cond::Expr(x)) if matches!(x.kind, ExprKind::TypeAssert { typ: None, .. }) => (None, Some(x), None),
            Some(Cond::Expr(x)) => (None, None, Some(x)),
            None => (None, None, None),
        };
        if guard.is_some() {
            self.guards.pop();
        }
        if !self.got(Tok::Lbrace)? {
            return Err(self.syntax_error("missing { after switch clause"));
        }
        let mut clauses = Vec::new();
        while !self.is(Tok::Eof) && !self.is(Tok::Rbrace) {
            clauses.push(self.case_clause()?);
        }
        self.want(Tok::Rbrace)?;
        let kind = match guard.map(|mut g| std::mem::replace(&mut g.kind, ExprKind::Bad)) {
            Some(ExprKind::TypeAssert { x, .. }) => StmtKind::TypeSwitch { init, bind, x: *x, clauses },
            _ => StmtKind::Switch { init, tag, clauses },
        };
        Ok(Stmt { pos, kind })
    }

    fn case_clause(&mut self) -> PResult<CaseClause> {
        let pos = self.pos();
        let mut exprs = Vec::new();
        let mut is_default = false;
        match self.tok.tok {
            Tok::Case => {
                self.next()?;
                exprs = self.expr_list()?;
            }
            Tok::Default => {
                self.next()?;
                is_default = true;
            }
            _ => return Err(self.syntax_error("expecting case or default or }")),
        }
        self.want(Tok::Colon)?;
        let body = self.stmt_list()?;
        Ok(CaseClause { pos, exprs, is_default, body })
    }

    fn select_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        self.want(Tok::Select)?;
        if !self.got(Tok::Lbrace)? {
            return Err(self.syntax_error("missing { after select clause"));
        }
        let mut clauses = Vec::new();
        while !self.is(Tok::Eof) && !self.is(Tok::Rbrace) {
            clauses.push(self.comm_clause()?);
        }
        self.want(Tok::Rbrace)?;
        Ok(Stmt { pos, kind: StmtKind::Select(clauses) })
    }

    fn comm_clause(&mut self) -> PResult<CommClause> {
        let pos = self.pos();
        let comm = match self.tok.tok {
            Tok::Case => {
                self.next()?;
                let s = self.simple_stmt(None, None)?;
                Some(Box::new(self.simple_to_stmt(s)))
            }
            Tok::Default => {
                self.next()?;
                None
            }
            _ => return Err(self.syntax_error("expecting case or default or }")),
        };
        self.want(Tok::Colon)?;
        let body = self.stmt_list()?;
        Ok(CommClause { pos, comm, body })
    }
}

/// `x[list]`: an index or one type argument, or several type arguments.
fn index_kind(x: Expr, list: Vec<Expr>, lbrack: Pos) -> ExprKind {
    match <[Expr; 1]>::try_from(list) {
        Ok([index]) => ExprKind::Index { x: Box::new(x), index: Box::new(index), lbrack },
        Err(indices) => ExprKind::IndexList { x: Box::new(x), indices, lbrack },
    }
}

/// Whether `x` can only be a type element (not a value).
fn is_type_elem(x: &Expr) -> bool {
    crate::stack::grow(|| match &x.kind {
        ExprKind::ArrayType { .. }
        | ExprKind::StructType(_)
        | ExprKind::FuncType(_)
        | ExprKind::InterfaceType(_)
        | ExprKind::SliceType(_)
        | ExprKind::MapType { .. }
        | ExprKind::ChanType { .. }
        | ExprKind::Tilde(_)
        | ExprKind::Union(_) => true,
        ExprKind::Binary { x, y, .. } => is_type_elem(x) || is_type_elem(y),
        ExprKind::Unary { x, .. } | ExprKind::Star(x) | ExprKind::Paren(x) => is_type_elem(x),
        _ => false,
    })
}

/// Whether `x` must be a value (and so cannot be a composite literal type).
fn is_value(x: &Expr) -> bool {
    match &x.kind {
        ExprKind::BasicLit(_)
        | ExprKind::Composite { .. }
        | ExprKind::FuncLit { .. }
        | ExprKind::Slice { .. }
        | ExprKind::TypeAssert { .. }
        | ExprKind::Call { .. }
        | ExprKind::Unary { .. }
        | ExprKind::Binary { .. }
        | ExprKind::Tilde(_) => true,
        ExprKind::Paren(x) => crate::stack::grow(|| is_value(x)),
        ExprKind::Index { x, index, .. } => crate::stack::grow(|| is_value(x) || is_value(index)),
        ExprKind::IndexList { x, .. } => crate::stack::grow(|| is_value(x)),
        _ => false,
    }
}

/// `*e`, leaving a `Bad` husk in its place.
fn take_expr(e: &mut Expr) -> Expr {
    let husk = Expr { id: 0, pos: e.pos.clone(), kind: ExprKind::Bad };
    std::mem::replace(e, husk)
}

fn unparen(mut x: Expr) -> Expr {
    while let ExprKind::Paren(inner) = &mut x.kind {
        let inner = std::mem::replace(&mut **inner, Expr { id: 0, pos: x.pos.clone(), kind: ExprKind::Bad });
        x = inner;
    }
    x
}

fn unparen_ref(mut x: &Expr) -> &Expr {
    while let ExprKind::Paren(inner) = &x.kind {
        x = inner;
    }
    x
}

// ----------------------------------------------------------------------
// Printing, for the few errors that quote source constructs.

fn list_string(list: &[Expr]) -> String {
    list.iter().map(expr_string).collect::<Vec<_>>().join(", ")
}

fn stmt_string(s: &Stmt) -> String {
    match &s.kind {
        StmtKind::Expr(x) => expr_string(x),
        StmtKind::Assign { lhs, op, rhs, .. } => {
            let op = match op {
                AssignOp::Assign => "=".to_string(),
                AssignOp::Define => ":=".to_string(),
                AssignOp::Op(op) => format!("{}=", binary_op_str(*op)),
            };
            format!("{} {op} {}", list_string(lhs), list_string(rhs))
        }
        StmtKind::IncDec { x, inc } => format!("{}{}", expr_string(x), if *inc { "++" } else { "--" }),
        StmtKind::Send { ch, value } => format!("{} <- {}", expr_string(ch), expr_string(value)),
        _ => "statement".to_string(),
    }
}

/// How a unary operator is written.
pub(crate) fn unary_op_str(op: UnaryOp) -> &'static str {
    match op {
        UnaryOp::Plus => "+",
        UnaryOp::Neg => "-",
        UnaryOp::Not => "!",
        UnaryOp::Com => "^",
        UnaryOp::Addr => "&",
        UnaryOp::Recv => "<-",
    }
}

pub(crate) fn binary_op_str(op: BinaryOp) -> &'static str {
    match op {
        BinaryOp::Add => "+",
        BinaryOp::Sub => "-",
        BinaryOp::Mul => "*",
        BinaryOp::Div => "/",
        BinaryOp::Rem => "%",
        BinaryOp::And => "&",
        BinaryOp::Or => "|",
        BinaryOp::Xor => "^",
        BinaryOp::Shl => "<<",
        BinaryOp::Shr => ">>",
        BinaryOp::AndNot => "&^",
        BinaryOp::LAnd => "&&",
        BinaryOp::LOr => "||",
        BinaryOp::Eq => "==",
        BinaryOp::Ne => "!=",
        BinaryOp::Lt => "<",
        BinaryOp::Le => "<=",
        BinaryOp::Gt => ">",
        BinaryOp::Ge => ">=",
    }
}


fn params_string(params: &[Param]) -> String {
    params
        .iter()
        .map(|p| {
            let names = p.names.iter().map(|n| n.name.as_str()).collect::<Vec<_>>().join(", ");
            let dots = if p.variadic { "..." } else { "" };
            let typ = expr_string(&p.typ);
            if names.is_empty() {
                format!("{dots}{typ}")
            } else {
                format!("{names} {dots}{typ}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn sig_string(sig: &FuncType) -> String {
    let results = match sig.results.as_slice() {
        [] => String::new(),
        [r] if r.names.is_empty() => format!(" {}", expr_string(&r.typ)),
        rs => format!(" ({})", params_string(rs)),
    };
    format!("({}){results}", params_string(&sig.params))
}

/// Source-like text of an expression, as Go's syntax printer renders it.
pub(crate) fn expr_string(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Ident(id) => id.name.clone(),
        ExprKind::BasicLit(lit) => match lit {
            BasicLit::Int(s) | BasicLit::Float(s) | BasicLit::Imag(s) => s.clone(),
            BasicLit::Char(c) => {
                let c = char::from_u32(*c).unwrap_or('\u{fffd}');
                format!("{c:?}")
            }
            BasicLit::String(b) => go_quote(b),
        },
        ExprKind::Composite { typ, elems, .. } => {
            let elems = elems
                .iter()
                .map(|k| match &k.key {
                    Some(key) => format!("{}: {}", expr_string(key), expr_string(&k.value)),
                    None => expr_string(&k.value),
                })
                .collect::<Vec<_>>()
                .join(", ");
            format!("{}{{{elems}}}", typ.as_ref().map_or(String::new(), |t| expr_string(t)))
        }
        ExprKind::FuncLit { sig, .. } => format!("func{} {{…}}", sig_string(sig)),
        ExprKind::Paren(x) => format!("({})", expr_string(x)),
        ExprKind::Selector { x, sel } => format!("{}.{}", expr_string(x), sel.name),
        ExprKind::Index { x, index, .. } => format!("{}[{}]", expr_string(x), expr_string(index)),
        ExprKind::IndexList { x, indices, .. } => format!("{}[{}]", expr_string(x), list_string(indices)),
        ExprKind::Slice { x, lo, hi, max, three } => {
            let part = |p: &Option<Box<Expr>>| p.as_ref().map_or(String::new(), |e| expr_string(e));
            let mut s = format!("{}[{}:{}", expr_string(x), part(lo), part(hi));
            if *three {
                s.push(':');
                s.push_str(&part(max));
            }
            s.push(']');
            s
        }
        ExprKind::TypeAssert { x, typ } => {
            format!("{}.({})", expr_string(x), typ.as_ref().map_or("type".to_string(), |t| expr_string(t)))
        }
        ExprKind::Call { func, args, ellipsis, .. } => {
            format!("{}({}{})", expr_string(func), list_string(args), if *ellipsis { "..." } else { "" })
        }
        ExprKind::Star(x) => format!("*{}", expr_string(x)),
        ExprKind::Unary { op, x } => format!("{}{}", unary_op_str(*op), expr_string(x)),
        ExprKind::Binary { op, x, y } => format!("{} {} {}", expr_string(x), binary_op_str(*op), expr_string(y)),
        ExprKind::ArrayType { len, elem } => {
            format!("[{}]{}", len.as_ref().map_or("...".to_string(), |l| expr_string(l)), expr_string(elem))
        }
        ExprKind::SliceType(elem) => format!("[]{}", expr_string(elem)),
        ExprKind::MapType { key, value } => format!("map[{}]{}", expr_string(key), expr_string(value)),
        ExprKind::ChanType { dir, elem } => {
            let kw = match dir {
                ChanDir::Both => "chan ",
                ChanDir::Send => "chan<- ",
                ChanDir::Recv => "<-chan ",
            };
            format!("{kw}{}", expr_string(elem))
        }
        ExprKind::FuncType(sig) => format!("func{}", sig_string(sig)),
        ExprKind::StructType(fields) => {
            let fields = fields
                .iter()
                .map(|f| {
                    let names = f.names.iter().map(|n| n.name.as_str()).collect::<Vec<_>>().join(", ");
                    if names.is_empty() {
                        expr_string(&f.typ)
                    } else {
                        format!("{names} {}", expr_string(&f.typ))
                    }
                })
                .collect::<Vec<_>>()
                .join("; ");
            format!("struct{{{fields}}}")
        }
        ExprKind::InterfaceType(elems) => {
            let elems = elems
                .iter()
                .map(|e| match e {
                    InterfaceElem::Method { name, sig } => format!("{}{}", name.name, sig_string(sig)),
                    InterfaceElem::Embed(t) => expr_string(t),
                })
                .collect::<Vec<_>>()
                .join("; ");
            format!("interface{{{elems}}}")
        }
        ExprKind::Tilde(x) => format!("~{}", expr_string(x)),
        ExprKind::Union(terms) => terms.iter().map(expr_string).collect::<Vec<_>>().join(" | "),
        ExprKind::Bad => "BadExpr".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Result<File, String> {
        let mut ids = IdGen::default();
        crate::syntax::parse_file("t.go", src, &mut ids).map_err(|e| format!("{}:{}: {}", e.pos.line, e.pos.col, e.msg))
    }

    fn parse_ok(src: &str) -> File {
        parse(src).unwrap_or_else(|e| panic!("{e}\n{src}"))
    }

    /// The statements of `func f() { <body> }`.
    fn body(stmts: &str) -> Vec<Stmt> {
        let f = parse_ok(&format!("package p\nfunc f() {{\n{stmts}\n}}\n"));
        match f.decls.into_iter().next() {
            Some(Decl::Func(FuncDecl { body: Some(b), .. })) => b.stmts,
            d => panic!("not a function: {d:?}"),
        }
    }

    fn one_stmt(src: &str) -> StmtKind {
        let mut stmts = body(src);
        assert_eq!(stmts.len(), 1, "{src}: {stmts:?}");
        stmts.remove(0).into_kind()
    }

    /// The expression of `var _ = <src>`.
    fn expr(src: &str) -> Expr {
        let f = parse_ok(&format!("package p\nvar _ = {src}\n"));
        match f.decls.into_iter().next() {
            Some(Decl::Gen(GenDecl::Var(mut specs))) => specs.remove(0).values.remove(0),
            d => panic!("not a var: {d:?}"),
        }
    }

    /// The type of `type T <src>`.
    fn typ(src: &str) -> Expr {
        let f = parse_ok(&format!("package p\ntype T {src}\n"));
        match f.decls.into_iter().next() {
            Some(Decl::Gen(GenDecl::Type(mut specs))) => specs.remove(0).typ,
            d => panic!("not a type: {d:?}"),
        }
    }

    fn err(src: &str) -> String {
        match parse(src) {
            Ok(_) => panic!("parsed: {src}"),
            Err(e) => e,
        }
    }

    fn err_in_body(stmts: &str) -> String {
        err(&format!("package p\nfunc f() {{\n{stmts}\n}}\n"))
    }

    #[test]
    fn file_structure() {
        let f = parse_ok("package main\n\nimport (\n\t\"fmt\"\n\tm \"math\"\n\t. \"os\"\n\t_ \"io\"\n)\nimport \"strings\"\n\nfunc main() {}\n");
        assert_eq!(f.package.name, "main");
        let imports: Vec<(Option<&str>, &str)> =
            f.imports.iter().map(|i| (i.name.as_ref().map(|n| n.name.as_str()), i.path.as_str())).collect();
        assert_eq!(
            imports,
            [(None, "fmt"), (Some("m"), "math"), (Some("."), "os"), (Some("_"), "io"), (None, "strings")]
        );
        assert_eq!((f.imports[1].pos.line, f.imports[1].pos.col), (5, 2));
        assert_eq!(f.decls.len(), 1);
    }

    #[test]
    fn const_groups_number_their_specs() {
        let f = parse_ok("package p\nconst (\n\tA T = iota\n\tB\n\tC, D = 1, 2\n)\nconst E = 5\n");
        let Decl::Gen(GenDecl::Const(specs)) = &f.decls[0] else { panic!() };
        let shape: Vec<(usize, bool, usize, u32)> =
            specs.iter().map(|s| (s.names.len(), s.typ.is_some(), s.values.len(), s.iota)).collect();
        assert_eq!(shape, [(1, true, 1, 0), (1, false, 0, 1), (2, false, 2, 2)]);
        let Decl::Gen(GenDecl::Const(specs)) = &f.decls[1] else { panic!() };
        assert_eq!(specs[0].iota, 0);
    }

    #[test]
    fn pragmas_attach_to_the_next_function_only() {
        let src = "//go:build amd64\n//go:generate stringer\n\npackage p\n\n//go:noinline\nfunc a() {}\n\n//go:registerparams\n//go:noinline\n// A comment.\nfunc b() {\n\t//go:nosplit\n}\n\nvar x int\n\nfunc c() {}\n";
        let f = parse_ok(src);
        let pragmas: Vec<Vec<String>> = f
            .decls
            .iter()
            .filter_map(|d| match d {
                Decl::Func(f) => Some(f.pragmas.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(pragmas, [vec!["noinline".to_string()], vec!["registerparams".into(), "noinline".into()], vec![]]);
    }

    #[test]
    fn functions_methods_and_parameters() {
        let f = parse_ok(
            "package p\nfunc (r *T) M(a, b int, c ...string) (x int, err error) { return }\nfunc (T) N(int, string) bool\nfunc g(f func(int) int, xs ...interface{}) {}\n",
        );
        let Decl::Func(m) = &f.decls[0] else { panic!() };
        let recv = m.recv.as_ref().expect("receiver");
        assert_eq!(recv.names[0].name, "r");
        assert!(matches!(recv.typ.kind, ExprKind::Star(_)));
        let params: Vec<(usize, bool)> = m.sig.params.iter().map(|p| (p.names.len(), p.variadic)).collect();
        assert_eq!(params, [(2, false), (1, true)]);
        assert_eq!(m.sig.results.len(), 2);
        let Decl::Func(n) = &f.decls[1] else { panic!() };
        assert!(n.body.is_none());
        assert!(n.recv.as_ref().is_some_and(|r| r.names.is_empty()));
        assert_eq!(n.sig.params.len(), 2);
        assert!(n.sig.params.iter().all(|p| p.names.is_empty()));
        let Decl::Func(g) = &f.decls[2] else { panic!() };
        assert!(matches!(g.sig.params[0].typ.kind, ExprKind::FuncType(_)));
        assert!(g.sig.params[1].variadic);
        assert!(matches!(g.sig.params[1].typ.kind, ExprKind::InterfaceType(_)));
    }

    #[test]
    fn composite_literal_versus_block_in_headers() {
        // A bare type name before `{` in a header opens the block...
        let StmtKind::If { cond, then, .. } = one_stmt("if x == y {\n}") else { panic!() };
        assert!(matches!(cond.kind, ExprKind::Binary { .. }));
        assert!(then.stmts.is_empty());
        // ...unless parenthesized, or inside brackets of any kind.
        let StmtKind::If { cond, .. } = one_stmt("if x == (T{}) {\n}") else { panic!() };
        let ExprKind::Binary { y, .. } = cond.into_kind() else { panic!() };
        assert!(matches!(y.kind, ExprKind::Paren(ref c) if matches!(c.kind, ExprKind::Composite { .. })));
        let StmtKind::For { cond: Some(cond), .. } = one_stmt("for f(T{1}) {\n}") else { panic!() };
        assert!(matches!(cond.kind, ExprKind::Call { .. }));
        // Literal types other than names are never ambiguous.
        let StmtKind::Range { x, .. } = one_stmt("for _, v := range []int{1, 2} {\n\t_ = v\n}") else { panic!() };
        assert!(matches!(x.kind, ExprKind::Composite { .. }));
        // In a function literal body inside a header, names are fine again.
        let StmtKind::Switch { tag: Some(tag), .. } = one_stmt("switch func() T { return T{} }() {\n}") else {
            panic!()
        };
        assert!(matches!(tag.kind, ExprKind::Call { .. }));
    }

    #[test]
    fn type_switches() {
        let StmtKind::TypeSwitch { init, bind, x, clauses } =
            one_stmt("switch y := f(); v := y.(type) {\ncase int, *T:\ncase nil:\ndefault:\n}")
        else {
            panic!()
        };
        assert!(init.is_some());
        assert_eq!(bind.map(|b| b.name), Some("v".to_string()));
        assert!(matches!(x.kind, ExprKind::Ident(ref i) if i.name == "y"));
        assert_eq!(clauses.len(), 3);
        assert_eq!(clauses[0].exprs.len(), 2);
        assert!(clauses[2].is_default);
        let StmtKind::TypeSwitch { bind: None, .. } = one_stmt("switch x.(type) {\n}") else { panic!() };
        // Nested type switches each claim their own guard.
        let StmtKind::TypeSwitch { clauses, .. } =
            one_stmt("switch a := x.(type) {\ncase int:\n\tswitch b := a.(type) {\n\t}\n}")
        else {
            panic!()
        };
        assert!(matches!(clauses[0].body[0].kind, StmtKind::TypeSwitch { .. }));
    }

    #[test]
    fn statements() {
        let stmts = body(
            "L:\n\tfor i := 0; i < 10; i++ {\n\t\tif i == 5 {\n\t\t\tcontinue L\n\t\t}\n\t\tbreak L\n\t}\n\tgoto M\nM:\n\tselect {\n\tcase v, ok := <-c:\n\t\t_, _ = v, ok\n\tcase c <- 1:\n\tcase <-c:\n\tdefault:\n\t}\n\tgo f(x)\n\tdefer func() { recover() }()\n\tx, y = y, x\n\tx += 2\n\tx <<= 1\n\tx--\n\tc <- x\n\tvar a, b = 1, 2\n\tconst k = 1\n\ttype U int\n\t{\n\t}\n\t;\n\tswitch {\n\tcase x > 1:\n\t\tfallthrough\n\tdefault:\n\t}\n\tfor {\n\t}\n\tfor range c {\n\t}\n\tfor k = range m {\n\t}\n\treturn",
        );
        let kinds: Vec<&str> = stmts
            .iter()
            .map(|s| match &s.kind {
                StmtKind::Labeled { .. } => "labeled",
                StmtKind::Branch { kind: BranchKind::Goto, .. } => "goto",
                StmtKind::Go(_) => "go",
                StmtKind::Defer(_) => "defer",
                StmtKind::Assign { op: AssignOp::Assign, .. } => "=",
                StmtKind::Assign { op: AssignOp::Op(BinaryOp::Add), .. } => "+=",
                StmtKind::Assign { op: AssignOp::Op(BinaryOp::Shl), .. } => "<<=",
                StmtKind::IncDec { inc: false, .. } => "--",
                StmtKind::Send { .. } => "send",
                StmtKind::Decl(GenDecl::Var(_)) => "var",
                StmtKind::Decl(GenDecl::Const(_)) => "const",
                StmtKind::Decl(GenDecl::Type(_)) => "type",
                StmtKind::Block(_) => "block",
                StmtKind::Empty => "empty",
                StmtKind::Switch { .. } => "switch",
                StmtKind::For { init: None, cond: None, post: None, .. } => "for",
                StmtKind::Range { key: None, .. } => "range",
                StmtKind::Range { key: Some(_), define: false, .. } => "range=",
                StmtKind::Return(r) if r.is_empty() => "return",
                _ => "other",
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "labeled", "goto", "labeled", "go", "defer", "=", "+=", "<<=", "--", "send", "var", "const", "type",
                "block", "empty", "switch", "for", "range", "range=", "return"
            ]
        );
        let StmtKind::Labeled { stmt, .. } = &stmts[2].kind else { panic!() };
        let StmtKind::Select(clauses) = &stmt.kind else { panic!() };
        assert_eq!(clauses.len(), 4);
        assert!(matches!(
            clauses[0].comm.as_deref(),
            Some(Stmt { kind: StmtKind::Assign { op: AssignOp::Define, .. }, .. })
        ));
        assert!(matches!(clauses[1].comm.as_deref(), Some(Stmt { kind: StmtKind::Send { .. }, .. })));
        assert!(clauses[3].comm.is_none());
    }

    #[test]
    fn if_else_chains() {
        let StmtKind::If { init, els: Some(els), .. } = one_stmt("if x := f(); x {\n} else if y {\n} else {\n}") else {
            panic!()
        };
        assert!(init.is_some());
        let StmtKind::If { els: Some(last), .. } = els.into_kind() else { panic!() };
        assert!(matches!(last.kind, StmtKind::Block(_)));
    }

    #[test]
    fn expressions() {
        // Precedence: * binds tighter than +, + tighter than ==, == than &&.
        let e = expr("a + b*c == d && !e");
        let ExprKind::Binary { op: BinaryOp::LAnd, x, .. } = e.into_kind() else { panic!() };
        let ExprKind::Binary { op: BinaryOp::Eq, x, .. } = x.into_kind() else { panic!() };
        let ExprKind::Binary { op: BinaryOp::Add, y, .. } = x.into_kind() else { panic!() };
        assert!(matches!(y.kind, ExprKind::Binary { op: BinaryOp::Mul, .. }));
        // Method expressions and conversions to pointer types.
        let e = expr("(*T).M");
        let ExprKind::Selector { x, sel } = e.into_kind() else { panic!() };
        assert_eq!(sel.name, "M");
        assert!(matches!(x.kind, ExprKind::Paren(ref s) if matches!(s.kind, ExprKind::Star(_))));
        let e = expr("(*T)(x)");
        assert!(matches!(e.kind, ExprKind::Call { ref func, .. } if matches!(func.kind, ExprKind::Paren(_))));
        let e = expr("(<-chan int)(c)");
        let ExprKind::Call { func, .. } = e.into_kind() else { panic!() };
        let ExprKind::Paren(t) = func.into_kind() else { panic!() };
        assert!(matches!(t.kind, ExprKind::ChanType { dir: ChanDir::Recv, .. }));
        assert!(matches!(expr("<-c").kind, ExprKind::Unary { op: UnaryOp::Recv, .. }));
        // Slices, index, assertions, variadic calls.
        let e = expr("s[1:2:3]");
        assert!(matches!(e.kind, ExprKind::Slice { three: true, max: Some(_), .. }));
        let e = expr("s[:]");
        assert!(matches!(e.kind, ExprKind::Slice { lo: None, hi: None, three: false, .. }));
        assert!(matches!(expr("m[k]").kind, ExprKind::Index { .. }));
        assert!(matches!(expr("x.(T)").kind, ExprKind::TypeAssert { typ: Some(_), .. }));
        assert!(matches!(expr("f(a, b...)").kind, ExprKind::Call { ellipsis: true, .. }));
        // Address-of strips parentheses, as Go does.
        let e = expr("&(T{})");
        assert!(
            matches!(e.kind, ExprKind::Unary { op: UnaryOp::Addr, ref x } if matches!(x.kind, ExprKind::Composite { .. }))
        );
        let lit = expr("func(x int) int { return x }");
        assert!(matches!(lit.kind, ExprKind::FuncLit { .. }));
    }

    #[test]
    fn composite_literals() {
        let e = expr("[...]T{{1, 2}, {X: 3}, 5: {}}");
        let ExprKind::Composite { typ: Some(t), elems, .. } = e.into_kind() else { panic!() };
        assert!(matches!(t.kind, ExprKind::ArrayType { len: None, .. }));
        assert_eq!(elems.len(), 3);
        assert!(matches!(elems[0].value.kind, ExprKind::Composite { typ: None, .. }));
        let ExprKind::Composite { typ: None, elems: inner, .. } = &elems[1].value.kind else { panic!() };
        assert!(inner[0].key.is_some());
        assert!(elems[2].key.is_some());
        let e = expr("map[string][]int{\"a\": {1}, \"b\": nil,}");
        let ExprKind::Composite { typ: Some(t), elems, .. } = e.into_kind() else { panic!() };
        assert!(matches!(t.kind, ExprKind::MapType { .. }));
        assert_eq!(elems.len(), 2);
        let e = expr("&pkg.T{A: 1}");
        let ExprKind::Unary { x, .. } = e.into_kind() else { panic!() };
        assert!(
            matches!(x.kind, ExprKind::Composite { typ: Some(ref t), .. } if matches!(t.kind, ExprKind::Selector { .. }))
        );
    }

    #[test]
    fn struct_and_interface_types() {
        let t = typ("struct {\n\ta, b int `json:\"a\"`\n\tT\n\t*U\n\tpkg.V \"tag\"\n\tf func()\n\tarr [4]byte\n}");
        let ExprKind::StructType(fields) = t.into_kind() else { panic!() };
        let shape: Vec<(usize, Option<&str>)> = fields.iter().map(|f| (f.names.len(), f.tag.as_deref())).collect();
        assert_eq!(shape, [(2, Some("json:\"a\"")), (0, None), (0, None), (0, Some("tag")), (1, None), (1, None)]);
        assert!(matches!(fields[2].typ.kind, ExprKind::Star(_)));
        assert!(matches!(fields[3].typ.kind, ExprKind::Selector { .. }));
        assert!(matches!(fields[5].typ.kind, ExprKind::ArrayType { len: Some(_), .. }));
        let t = typ("interface {\n\tM(int) (string, error)\n\tio.Reader\n\tStringer\n}");
        let ExprKind::InterfaceType(elems) = t.into_kind() else { panic!() };
        assert!(matches!(&elems[0], InterfaceElem::Method { name, .. } if name.name == "M"));
        assert!(matches!(&elems[1], InterfaceElem::Embed(e) if matches!(e.kind, ExprKind::Selector { .. })));
        assert!(matches!(&elems[2], InterfaceElem::Embed(e) if matches!(e.kind, ExprKind::Ident(_))));
        let t = typ("chan<- <-chan map[K]*[]func() error");
        let ExprKind::ChanType { dir: ChanDir::Send, elem } = t.into_kind() else { panic!() };
        assert!(matches!(elem.kind, ExprKind::ChanType { dir: ChanDir::Recv, .. }));
        let f = parse_ok("package p\ntype A = B\ntype N [2 * K]int\n");
        let Decl::Gen(GenDecl::Type(specs)) = &f.decls[0] else { panic!() };
        assert!(specs[0].alias);
        let Decl::Gen(GenDecl::Type(specs)) = &f.decls[1] else { panic!() };
        assert!(matches!(specs[0].typ.kind, ExprKind::ArrayType { len: Some(_), .. }));
    }

    #[test]
    fn positions_are_start_positions_and_ids_are_unique() {
        let e = expr("a.b(c) + d[e]");
        assert_eq!((e.pos.line, e.pos.col), (2, 9));
        let ExprKind::Binary { x, y, .. } = &e.kind else { panic!() };
        assert_eq!((x.pos.col, y.pos.col), (9, 18));
        let f = parse_ok("package p\nvar a, b = f(x)[0], []int{1, 2}\n");
        let Decl::Gen(GenDecl::Var(specs)) = &f.decls[0] else { panic!() };
        let mut ids = Vec::new();
        fn collect(e: &Expr, ids: &mut Vec<ExprId>) {
            ids.push(e.id);
            match &e.kind {
                ExprKind::Call { func, args, .. } => {
                    collect(func, ids);
                    args.iter().for_each(|a| collect(a, ids));
                }
                ExprKind::Index { x, index, .. } => {
                    collect(x, ids);
                    collect(index, ids);
                }
                ExprKind::Composite { typ, elems, .. } => {
                    typ.iter().for_each(|t| collect(t, ids));
                    elems.iter().for_each(|k| collect(&k.value, ids));
                }
                ExprKind::SliceType(t) => collect(t, ids),
                _ => {}
            }
        }
        specs[0].values.iter().for_each(|v| collect(v, &mut ids));
        assert_eq!(ids.len(), 10);
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len());
    }

    /// Each expected message was checked against `go tool compile` (Go 1.19).
    #[test]
    fn syntax_errors_read_like_gc() {
        let cases: &[(&str, &str)] = &[
            ("func f() {}\n", "1:1: syntax error: package statement must be first"),
            ("package p\nx := 1\n", "2:1: syntax error: non-declaration statement outside function body"),
            ("package p\nfunc f()\n{\n}\n", "3:1: syntax error: unexpected semicolon or newline before {"),
            ("package p\nimport 5\n", "2:9: syntax error: import path must be a string"),
            ("package p\nimport\n", "3:1: syntax error: missing import path"),
            (
                "package p\nimport \"a\"\nvar x int\nimport \"b\"\n",
                "4:1: syntax error: non-declaration statement outside function body",
            ),
            ("package p\nconst (\n\ta := 1\n)\n", "3:4: syntax error: unexpected :=, expecting ="),
            ("package p\nvar x = [2]int{1, 2,\n", "3:1: syntax error: unexpected EOF, expecting }"),
            (
                "package p\nfunc f(a int b int) {}\n",
                "2:14: syntax error: unexpected b in parameter list; possibly missing comma or )",
            ),
            ("package p\nfunc f(a int, b) {}\n", "2:15: syntax error: mixed named and unnamed parameters"),
            ("package p\nfunc () f() {}\n", "2:9: method has no receiver"),
            ("package p\ntype T struct {\n\t*(T)\n}\n", "3:3: syntax error: cannot parenthesize embedded type"),
            ("package p\ntype T interface {\n\tM() int\n\tN(\n}\n", "5:1: syntax error: unexpected }, expecting )"),
            ("package p\nfunc (r T) M[P any]() {}\n", "2:13: syntax error: method must have no type parameters"),
            ("package p\nvar f = func[T any]() {}\n", "2:13: syntax error: function type must have no type parameters"),
            ("package p\ntype T [N]\n", "2:11: syntax error: unexpected newline, expecting type"),
        ];
        for (src, want) in cases {
            assert_eq!(err(src), *want, "{src}");
        }
        let in_body: &[(&str, &str)] = &[
            (
                "\tx := []int{1, 2\n\t}",
                "3:17: syntax error: unexpected newline in composite literal; possibly missing comma or }",
            ),
            ("\tx := 1 y", "3:9: syntax error: unexpected y at end of statement"),
            ("\tf(1, 2\n", "3:8: syntax error: unexpected newline in argument list; possibly missing comma or )"),
            ("\tif x := 1 {\n\t}", "3:7: syntax error: cannot use x := 1 as value"),
            ("\tif x = 1 {\n\t}", "3:7: syntax error: cannot use assignment (x) = (1) as value"),
            ("\tif {\n\t}", "3:5: syntax error: missing condition in if statement"),
            ("\tif x\n\t{\n\t}", "3:6: syntax error: unexpected newline, expecting { after if clause"),
            ("\tif x;\n\t{\n\t}", "3:6: syntax error: missing condition in if statement"),
            ("\tfor i := 0; i < 1; j := 1 {\n\t}", "3:23: syntax error: cannot declare in post statement of for loop"),
            ("\tfor var i = 0; ; {\n\t}", "3:10: syntax error: var declaration not allowed in for initializer"),
            ("\tfor i := 0; {\n\t}", "3:14: syntax error: unexpected {, expecting for loop condition"),
            ("\tdefer (g())", "3:8: expression in defer must not be parenthesized"),
            ("\tgo g", "3:5: expression in go must be function call"),
            ("\tdefer\n", "5:1: syntax error: unexpected }, expecting expression"),
            ("\tx := s[1::3]", "3:11: middle index required in 3-index slice"),
            ("\tx := s[1:2:]", "3:13: final index required in 3-index slice"),
            ("\tif x == T{} {\n\t}", "3:14: syntax error: unexpected { at end of statement"),
            ("\tx := (T){}", "3:10: syntax error: cannot parenthesize type in composite literal"),
            ("\tvar x int := 1", "3:12: syntax error: unexpected :=, expecting ="),
            ("\telse {}", "3:2: syntax error: unexpected else, expecting }"),
            ("\tif true {} else for {}", "3:18: syntax error: else must be followed by if or statement block"),
            ("\tswitch x := 1 {\n\t}", "3:11: syntax error: cannot use x := 1 as value"),
            ("\tswitch x\n", "5:1: syntax error: unexpected }, expecting expression"),
            ("\tswitch x; y z", "3:14: syntax error: missing { after switch clause"),
            ("\tselect x", "3:9: syntax error: missing { after select clause"),
            ("\tx++ = 3", "3:6: syntax error: unexpected = at end of statement"),
            ("\ta, b += 1, 2", "3:7: syntax error: unexpected +=, expecting := or = or comma"),
            ("\tgoto\n", "5:1: syntax error: unexpected }, expecting name"),
            ("\tx := 1 +\n", "5:1: syntax error: unexpected }, expecting expression"),
            ("\tf(a..., b)", "3:10: syntax error: unexpected b, expecting )"),
            ("\tx := [] {}", "3:10: syntax error: unexpected {, expecting type"),
            ("\tx = <-<-chan int(nil)\n\tx = <-chan<- int", "4:18: syntax error: unexpected int, expecting chan"),
            ("\tif x {\n\t} else if {\n\t}", "4:12: syntax error: missing condition in if statement"),
            ("\tfor i := range {\n\t}", "3:17: syntax error: unexpected {, expecting expression"),
            ("\tx := func() {\n", "6:1: syntax error: unexpected EOF, expecting }"),
            ("\tx = y ~ z", "3:8: syntax error: unexpected ~ at end of statement"),
            ("\treturn 1,", "4:1: syntax error: unexpected }, expecting expression"),
        ];
        for (stmts, want) in in_body {
            assert_eq!(err_in_body(stmts), *want, "{stmts}");
        }
    }

    #[test]
    fn checker_level_errors_wait_for_the_syntax() {
        assert_eq!(err_in_body("\tx := 1\n\tx.(type)"), "4:2: invalid AST: use of .(type) outside type switch");
        assert_eq!(
            err_in_body("\tif x := y.(type); x {\n\t}"),
            "3:10: invalid AST: use of .(type) outside type switch"
        );
        assert_eq!(
            err_in_body("\tfor a, b, c := range x {\n\t}"),
            "3:12: range clause permits at most two iteration variables"
        );
        assert_eq!(
            err("package p\nfunc f(a ...int, b int) {}\n"),
            "2:10: can only use ... with final parameter in list"
        );
        assert_eq!(err("package p\nfunc f(a, b ...int) {}\n"), "2:13: can only use ... with final parameter in list");
        assert_eq!(err("package p\nfunc f() (a ...int) {}\n"), "2:13: can only use ... with final parameter in list");
        assert_eq!(err("package p\ntype T struct {\n\ta int 5\n}\n"), "3:8: invalid AST: incorrect tag syntax: \"5\"");
        // A later syntax error wins, as with gc.
        assert_eq!(err_in_body("\tx.(type)\n\t_ = x ~ x"), "4:8: syntax error: unexpected ~ at end of statement");
    }

    /// An expression's kinds in brief, for asserting shapes.
    fn shape(e: &Expr) -> String {
        let list = |xs: &[Expr]| xs.iter().map(shape).collect::<Vec<_>>().join(", ");
        match &e.kind {
            ExprKind::Ident(i) => i.name.clone(),
            ExprKind::Selector { x, sel } => format!("{}.{}", shape(x), sel.name),
            ExprKind::Star(x) => format!("Star({})", shape(x)),
            ExprKind::Paren(x) => format!("Paren({})", shape(x)),
            ExprKind::Tilde(x) => format!("Tilde({})", shape(x)),
            ExprKind::Union(terms) => format!("Union({})", list(terms)),
            ExprKind::Index { x, index, .. } => format!("Index({}, {})", shape(x), shape(index)),
            ExprKind::IndexList { x, indices, .. } => format!("IndexList({}, {})", shape(x), list(indices)),
            ExprKind::Call { func, args, .. } => format!("Call({}; {})", shape(func), list(args)),
            ExprKind::Binary { op, x, y } => format!("Binary({} {} {})", shape(x), binary_op_str(*op), shape(y)),
            ExprKind::ArrayType { len, elem } => {
                format!("Array({}, {})", len.as_ref().map_or("...".to_string(), |l| shape(l)), shape(elem))
            }
            ExprKind::SliceType(x) => format!("Slice({})", shape(x)),
            ExprKind::Composite { typ, .. } => format!("Composite({})", typ.as_ref().map_or(String::new(), |t| shape(t))),
            _ => expr_string(e),
        }
    }

    /// The first declaration's type parameter list (of a func or a type):
    /// where its `[` is, and each group as `names constraint-shape`.
    fn tparams(src: &str) -> ((u32, u32), Vec<String>) {
        let f = parse_ok(&format!("package p\n{src}\n"));
        let tp = match f.decls.into_iter().next() {
            Some(Decl::Func(fd)) => fd.type_params,
            Some(Decl::Gen(GenDecl::Type(mut specs))) => specs.remove(0).type_params,
            d => panic!("not a func or type: {d:?}"),
        };
        let tp = tp.unwrap_or_else(|| panic!("no type parameters: {src}"));
        let groups = tp
            .list
            .iter()
            .map(|p| {
                assert!(!p.variadic, "{src}");
                let names = p.names.iter().map(|n| n.name.as_str()).collect::<Vec<_>>().join(",");
                format!("{names} {}", shape(&p.typ))
            })
            .collect();
        ((tp.lbrack.line, tp.lbrack.col), groups)
    }

    #[test]
    fn type_parameter_lists() {
        let (at, list) = tparams("func F[T any, P *Q, Q ~int | string](x T) {}");
        assert_eq!(at, (2, 7));
        assert_eq!(list, ["T any", "P Star(Q)", "Q Union(Tilde(int), string)"]);
        let (_, list) = tparams("func G[K comparable, V any, _ interface{ M() }]() {}");
        assert_eq!(list, ["K comparable", "V any", "_ interface{M()}"]);
        let (_, list) = tparams("func H[A, B any, C interface{ ~[]byte | ~string }, D p.C[A]]() {}");
        assert_eq!(list, ["A,B any", "C interface{~[]byte | ~string}", "D Index(p.C, A)"]);
        let (_, list) = tparams("func I[T any,]() {}");
        assert_eq!(list, ["T any"]);
        let (at, list) = tparams("type List[T any] struct {\n\tnext *List[T]\n\tval  T\n}");
        assert_eq!((at, list), ((2, 10), vec!["T any".to_string()]));
        let (_, list) = tparams("type M[K comparable, V any] map[K]V");
        assert_eq!(list, ["K comparable", "V any"]);
        // The tree keeps what gc's parser takes, for the checker to judge.
        let f = parse_ok("package p\ntype A[P any] = int\nfunc F(x T) {}\n");
        let Decl::Gen(GenDecl::Type(specs)) = &f.decls[0] else { panic!() };
        assert!(specs[0].alias && specs[0].type_params.is_some());
        let Decl::Func(fd) = &f.decls[1] else { panic!() };
        assert!(fd.type_params.is_none());
        let t = typ("struct {\n\tnext *List[T]\n}");
        let ExprKind::StructType(fields) = t.into_kind() else { panic!() };
        assert_eq!(shape(&fields[0].typ), "Star(Index(List, T))");
    }

    /// gc reads `type A[x ...` as an array type or a type parameter list by
    /// the shape of `x` and the token after it.
    #[test]
    fn array_lengths_versus_type_parameters() {
        for (src, want) in [
            ("[N]int", "Array(N, int)"),
            ("[N * 2]int", "Array(Binary(N * 2), int)"),
            ("[P *C]int", "Array(Binary(P * C), int)"),
            ("[P (C)]int", "Array(Call(P; C), int)"),
            ("[N | M]int", "Array(Binary(N | M), int)"),
            ("[P *C|D]int", "Array(Binary(Binary(P * C) | D), int)"),
            ("[]int", "Slice(int)"),
        ] {
            assert_eq!(shape(&typ(src)), want, "{src}");
        }
        for (src, want) in [
            ("type A[P any] int", vec!["P any"]),
            ("type A[P *C,] int", vec!["P Star(C)"]),
            ("type A[P *C, Q any] int", vec!["P Star(C)", "Q any"]),
            ("type A[P *[]int] int", vec!["P Star(Slice(int))"]),
            ("type A[P ([]int)] int", vec!["P Slice(int)"]),
            ("type A[P (C),] int", vec!["P C"]),
            ("type A[P *C | ~int] int", vec!["P Union(Star(C), Tilde(int))"]),
            ("type A[P *C|D,] int", vec!["P Union(Star(C), D)"]),
            ("type A[P *C|D|E,] int", vec!["P Union(Star(C), D, E)"]),
            ("type A[P ~int | string | ~[]byte] int", vec!["P Union(Tilde(int), string, Tilde(Slice(byte)))"]),
            ("type A[P []int] int", vec!["P Slice(int)"]),
            ("type A[P [2]int] int", vec!["P Array(2, int)"]),
            ("type A[P interface{}] int", vec!["P interface{}"]),
            ("type A[P, Q any] int", vec!["P,Q any"]),
            ("type A[P *~int] int", vec!["P Star(Tilde(int))"]),
            ("type A[P C[int]] int", vec!["P Index(C, int)"]),
            ("type A[P p.C[K, V], Q int | p.D] int", vec!["P IndexList(p.C, K, V)", "Q Union(int, p.D)"]),
            ("type A[_ any]int", vec!["_ any"]),
        ] {
            assert_eq!(tparams(src).1, want, "{src}");
        }
        // A constraint split off `P *C` starts at its `*`, a union at its first term.
        let f = parse_ok("package p\ntype A[P  *C | D,] int\n");
        let Decl::Gen(GenDecl::Type(specs)) = &f.decls[0] else { panic!() };
        let c = &specs[0].type_params.as_ref().expect("type parameters").list[0].typ;
        let ExprKind::Union(terms) = &c.kind else { panic!("{c:?}") };
        assert_eq!([(c.pos.line, c.pos.col), (terms[0].pos.line, terms[0].pos.col)], [(2, 11), (2, 11)]);
    }

    #[test]
    fn instantiations_and_index_lists() {
        for (src, want) in [
            ("f[int, string](x)", "Call(IndexList(f, int, string); x)"),
            ("a[b](c)", "Call(Index(a, b); c)"),
            ("x[i,]", "Index(x, i)"),
            ("f[int, ](x)", "Call(Index(f, int); x)"),
            ("m[K, V]{}", "Composite(IndexList(m, K, V))"),
            ("pkg.F[int, []string]", "IndexList(pkg.F, int, Slice(string))"),
            ("f[a+b, T]", "IndexList(f, Binary(a + b), T)"),
            ("&List[int]{}", "&List[int]{}"),
        ] {
            assert_eq!(shape(&expr(src)), want, "{src}");
        }
        let ExprKind::IndexList { lbrack, .. } = expr("f [int, string]").into_kind() else { panic!() };
        assert_eq!((lbrack.line, lbrack.col), (2, 11));
        let ExprKind::Index { lbrack, .. } = expr("a[b]").into_kind() else { panic!() };
        assert_eq!((lbrack.line, lbrack.col), (2, 10));
        for (src, want) in [
            ("List[int]", "Index(List, int)"),
            ("p.Map[string, []int]", "IndexList(p.Map, string, Slice(int))"),
            ("[]List[int]", "Slice(Index(List, int))"),
            ("map[L[int]]L[int, string]", "map[L[int]]L[int, string]"),
            ("func(L[int]) L[N+1]", "func(L[int]) L[N + 1]"),
        ] {
            assert_eq!(shape(&typ(src)), want, "{src}");
        }
        let t = typ("struct {\n\tL[int]\n\t*M[int]\n\tp.N[int, string] `tag`\n\ta [2]int\n\tb, c [N]int\n\td L[int]\n\tO[int,] \"t\"\n}");
        let ExprKind::StructType(fields) = t.into_kind() else { panic!() };
        let got: Vec<(usize, String, Option<&str>)> =
            fields.iter().map(|f| (f.names.len(), shape(&f.typ), f.tag.as_deref())).collect();
        let want: Vec<(usize, String, Option<&str>)> = [
            (0, "Index(L, int)", None),
            (0, "Star(Index(M, int))", None),
            (0, "IndexList(p.N, int, string)", Some("tag")),
            (1, "Array(2, int)", None),
            (2, "Array(N, int)", None),
            (1, "Index(L, int)", None),
            (0, "Index(O, int)", Some("t")),
        ]
        .into_iter()
        .map(|(n, s, t)| (n, s.to_string(), t))
        .collect();
        assert_eq!(got, want);
        let f = parse_ok("package p\nfunc f(x L[int], y p.L[int, string], z [2]int) (L[int], error)\nfunc g(L[int], p.L[K, V])\n");
        let sigs: Vec<Vec<(usize, String)>> = f
            .decls
            .iter()
            .map(|d| match d {
                Decl::Func(fd) => fd.sig.params.iter().chain(&fd.sig.results).map(|p| (p.names.len(), shape(&p.typ))).collect(),
                _ => panic!(),
            })
            .collect();
        let s = |n: usize, t: &str| (n, t.to_string());
        assert_eq!(
            sigs,
            [
                vec![s(1, "Index(L, int)"), s(1, "IndexList(p.L, int, string)"), s(1, "Array(2, int)"), s(0, "Index(L, int)"), s(0, "error")],
                vec![s(0, "Index(L, int)"), s(0, "IndexList(p.L, K, V)")],
            ]
        );
    }

    #[test]
    fn constraint_elements_in_interfaces() {
        let elems = |src: &str| -> Vec<String> {
            let ExprKind::InterfaceType(elems) = typ(src).into_kind() else { panic!("{src}") };
            elems
                .iter()
                .map(|e| match e {
                    InterfaceElem::Method { name, .. } => format!("method {}", name.name),
                    InterfaceElem::Embed(t) => shape(t),
                })
                .collect()
        };
        assert_eq!(elems("interface{ ~int | ~string; M() }"), ["Union(Tilde(int), Tilde(string))", "method M"]);
        assert_eq!(elems("interface{ int; ~string; comparable }"), ["int", "Tilde(string)", "comparable"]);
        assert_eq!(
            elems("interface{ L[int]; M[K, V] | ~[]byte; io.Reader; p.L[int] | int }"),
            ["Index(L, int)", "Union(IndexList(M, K, V), Tilde(Slice(byte)))", "io.Reader", "Union(Index(p.L, int), int)"]
        );
        assert_eq!(
            elems("interface{ ~int | ~[]byte | func() | chan int | *T | (int) }"),
            ["Union(Tilde(int), Tilde(Slice(byte)), func(), chan int, Star(T), Paren(int))"]
        );
        // A union is at its first term, a `~T` at its `~`.
        let t = typ("interface{ int | ~string }");
        let ExprKind::InterfaceType(elems) = &t.kind else { panic!() };
        let InterfaceElem::Embed(u) = &elems[0] else { panic!() };
        let ExprKind::Union(terms) = &u.kind else { panic!() };
        assert_eq!([(u.pos.col), terms[1].pos.col], [19, 25]);
    }

    #[test]
    fn methods_of_generic_types() {
        let f = parse_ok(
            "package p\nfunc (l *List[T]) Push(v T) {}\nfunc (p Pair[K, V]) String() string { return \"\" }\nfunc (List[T]) Len() int { return 0 }\nfunc (_ G[_, _,]) M() {}\nfunc (p *(Pair[K, V])) N() {}\n",
        );
        let recvs: Vec<(Vec<&str>, String)> = f
            .decls
            .iter()
            .map(|d| match d {
                Decl::Func(FuncDecl { recv: Some(r), type_params: None, .. }) => {
                    (r.names.iter().map(|n| n.name.as_str()).collect(), shape(&r.typ))
                }
                d => panic!("{d:?}"),
            })
            .collect();
        let r = |names: &[&'static str], t: &str| (names.to_vec(), t.to_string());
        assert_eq!(
            recvs,
            [
                r(&["l"], "Star(Index(List, T))"),
                r(&["p"], "IndexList(Pair, K, V)"),
                r(&[], "Index(List, T)"),
                r(&["_"], "IndexList(G, _, _)"),
                r(&["p"], "Star(Paren(IndexList(Pair, K, V)))"),
            ]
        );
    }

    /// Each expected message was checked against `go tool compile` (Go 1.19).
    #[test]
    fn generic_syntax_errors_read_like_gc() {
        for (src, want) in [
            ("func F[T any, U]() {}", "2:16: syntax error: missing type constraint"),
            ("func F[T]() {}", "2:9: syntax error: missing type constraint"),
            ("func F[T any, int]() {}", "2:18: syntax error: missing type constraint"),
            ("func F[*int]() {}", "2:8: syntax error: type parameters must be named"),
            ("func F[]() {}", "2:8: syntax error: empty type parameter list"),
            ("func F[T any][U any]() {}", "2:14: syntax error: unexpected [, expecting ("),
            ("func F[T int | ]() {}", "2:16: syntax error: unexpected ], expecting ~ term or type"),
            ("func F[T ~]() {}", "2:11: syntax error: unexpected ], expecting type"),
            ("func F[T ...int]() {}", "2:10: invalid use of '...'"),
            ("type T[P,] int", "2:10: syntax error: missing type constraint"),
            ("type T[P, Q] int", "2:12: syntax error: missing type constraint"),
            ("type T[P *C, Q] int", "2:15: syntax error: missing type constraint"),
            ("type T[P any, Q] = int", "2:16: syntax error: missing type constraint"),
            ("type T[P *C D] int", "2:13: syntax error: unexpected D, expecting ]"),
            ("type T[P any]", "2:14: syntax error: unexpected newline in type declaration"),
            ("var _ = f[]", "2:11: syntax error: unexpected ], expecting operand"),
            ("var x L[]", "2:9: syntax error: unexpected ], expecting type"),
            ("var _ = x[a, b:c]", "2:15: syntax error: unexpected :, expecting ]"),
            ("var _ = x[1:2, 3]", "2:14: syntax error: unexpected comma, expecting ]"),
            ("var _ = f[int, 3]", "2:16: syntax error: unexpected literal 3, expecting ]"),
            ("func (p Pair[]) f() {}", "2:14: syntax error: unexpected ], expecting type"),
            ("type I interface{ ~ }", "2:21: syntax error: unexpected }, expecting type"),
            ("type I interface{ | int }", "2:19: syntax error: unexpected |, expecting ~ term or type"),
            ("type I interface{ int | }", "2:25: syntax error: unexpected }, expecting ~ term or type"),
            ("type I interface{ m[T any]() }", "2:20: interface method must have no type parameters"),
            ("type I interface{ m[T any] }", "2:20: interface method must have no type parameters"),
            ("type I interface{ L[]() }", "2:21: empty type parameter list"),
            ("type I interface{ L[] }", "2:21: empty type argument list"),
            ("func (S) _[_ any]() {}", "2:11: syntax error: method must have no type parameters"),
        ] {
            assert_eq!(err(&format!("package p\n{src}\n")), want, "{src}");
        }
        // `~x` outside a constraint is the checker's to reject.
        assert!(matches!(expr("~x").kind, ExprKind::Tilde(_)));
    }

    #[test]
    fn bad_bytes_are_errors_in_source_order() {
        let mut ids = IdGen::default();
        let mut parse = |src: &[u8]| crate::syntax::parse_bytes("t.go", src, &mut ids).unwrap_err();
        let e = parse(b"package p\nvar s = \"a\xffb\"\n");
        assert_eq!(e.to_string(), "t.go:2:11: invalid UTF-8 encoding");
        let e = parse(b"package p\nvar s = 1\x00\n");
        assert_eq!(e.to_string(), "t.go:2:10: invalid NUL character");
        // A syntax error before the bad byte comes first.
        let e = parse(b"package p\nvar = \"\xff\"\n");
        assert_eq!(e.to_string(), "t.go:2:5: syntax error: unexpected =, expecting name");
    }

    #[test]
    fn nesting_is_bounded_by_memory_only() {
        // Far deeper than any fixed stack allows in a debug build; the tree
        // also drops on the test thread's small stack.
        let depth = 20_000;
        for deep in [
            format!("package p\nvar x = {}1{}\n", "(".repeat(depth), ")".repeat(depth)),
            format!("package p\nvar x = {}1\n", "- ".repeat(depth)),
            format!("package p\nvar x {}int\n", "*".repeat(depth)),
            format!("package p\nvar x {}int\n", "[]".repeat(depth)),
            format!("package p\nvar x = {}{}\n", "[]T{".repeat(depth), "}".repeat(depth)),
            format!("package p\nvar x = 1{}\n", " + 1".repeat(depth * 5)),
            format!("package p\nvar x = a{}\n", ".b".repeat(depth)),
            format!("package p\nfunc f() {{{}{}}}\n", "{".repeat(depth), "}".repeat(depth)),
            format!("package p\nfunc f() {{ if a {{}}{} }}\n", " else if a {}".repeat(depth)),
            format!("package p\nvar x {}int{}\n", "L[".repeat(depth), "]".repeat(depth)),
            format!("package p\nvar x = f{}\n", "[int, T]".repeat(depth)),
            format!("package p\nvar x = {}x\n", "~".repeat(depth)),
            format!("package p\ntype A[P *C{},] int\n", " | D".repeat(depth * 5)),
            format!("package p\ntype I interface{{ int{} }}\n", " | ~int".repeat(depth * 5)),
            format!("package p\nfunc F[T {}int{}]() {{}}\n", "interface{ ~[]".repeat(depth), " }".repeat(depth)),
        ] {
            parse_ok(&deep);
        }
    }
}
