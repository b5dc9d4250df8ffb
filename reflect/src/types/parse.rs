//! A parser for Go type syntax, enough to write any function signature:
//! predeclared and named types, pointers, arrays, slices, maps, channels,
//! structs (named, blank and embedded fields), interfaces and funcs with
//! Go's parameter grouping (`a, b int`). Tools (`abi-dump`) and tests use it
//! to build descriptors from Go text with the constructors of [`super::build`].

use crate::types::{self, Field, Kind, TypeRef};
use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

/// A parse error at a byte column (1-based) of the line being parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub col: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.col, self.message)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Ident(String),
    Int(u64),
    Punct(&'static str),
    Eof,
}

impl fmt::Display for Tok {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tok::Ident(s) => write!(f, "{s:?}"),
            Tok::Int(n) => write!(f, "{n}"),
            Tok::Punct(p) => write!(f, "{p:?}"),
            Tok::Eof => f.write_str("end of input"),
        }
    }
}

fn lex(src: &str) -> Result<Vec<(Tok, usize)>, ParseError> {
    const PUNCT: [&str; 12] = ["...", "<-", "*", "[", "]", "{", "}", "(", ")", ",", ";", "."];
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push((Tok::Ident(src[start..i].to_string()), start + 1));
        } else if c.is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let n = src[start..i]
                .parse()
                .map_err(|_| ParseError { col: start + 1, message: "array length out of range".into() })?;
            out.push((Tok::Int(n), start + 1));
        } else if let Some(p) = PUNCT.iter().find(|p| src[i..].starts_with(**p)) {
            out.push((Tok::Punct(p), i + 1));
            i += p.len();
        } else {
            let ch = src[i..].chars().next().unwrap_or('?');
            return Err(ParseError { col: i + 1, message: format!("unexpected character {ch:?}") });
        }
    }
    out.push((Tok::Eof, src.len() + 1));
    Ok(out)
}

fn is_keyword(word: &str) -> bool {
    matches!(word, "struct" | "func" | "interface" | "map" | "chan")
}

/// Named types known to the parser.
#[derive(Default)]
pub struct Scope {
    names: BTreeMap<String, TypeRef>,
}

impl Scope {
    /// Parses `type Name T` and makes `Name` a new named type.
    pub fn declare(&mut self, line: &str) -> Result<(), ParseError> {
        let mut p = Parser::new(line, self)?;
        p.expect_ident("type")?;
        let (name, _) = p.ident()?;
        let underlying = p.typ()?;
        p.expect_eof()?;
        let t = types::named(&name, underlying, Vec::new());
        self.names.insert(name, t);
        Ok(())
    }

    /// Parses one type.
    pub fn parse_type(&self, src: &str) -> Result<TypeRef, ParseError> {
        let mut p = Parser::new(src, self)?;
        let t = p.typ()?;
        p.expect_eof()?;
        Ok(t)
    }
}

struct Parser<'a> {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    scope: &'a Scope,
}

impl<'a> Parser<'a> {
    fn new(src: &str, scope: &'a Scope) -> Result<Parser<'a>, ParseError> {
        Ok(Parser { toks: lex(src)?, pos: 0, scope })
    }

    fn peek(&self) -> &Tok {
        &self.toks[self.pos].0
    }

    fn peek_at(&self, n: usize) -> &Tok {
        &self.toks[(self.pos + n).min(self.toks.len() - 1)].0
    }

    fn col(&self) -> usize {
        self.toks[self.pos].1
    }

    fn next(&mut self) -> Tok {
        let t = self.toks[self.pos].0.clone();
        if self.pos + 1 < self.toks.len() {
            self.pos += 1;
        }
        t
    }

    fn err<T>(&self, message: impl Into<String>) -> Result<T, ParseError> {
        Err(ParseError { col: self.col(), message: message.into() })
    }

    fn is(&self, p: &str) -> bool {
        matches!(self.peek(), Tok::Punct(q) if *q == p)
    }

    fn eat(&mut self, p: &str) -> bool {
        let yes = self.is(p);
        if yes {
            self.next();
        }
        yes
    }

    fn expect(&mut self, p: &str) -> Result<(), ParseError> {
        if self.eat(p) {
            Ok(())
        } else {
            self.err(format!("expected {p:?}, found {}", self.peek()))
        }
    }

    fn expect_eof(&mut self) -> Result<(), ParseError> {
        match self.peek() {
            Tok::Eof => Ok(()),
            t => self.err(format!("unexpected {t} after type")),
        }
    }

    fn ident(&mut self) -> Result<(String, usize), ParseError> {
        let col = self.col();
        match self.next() {
            Tok::Ident(s) => Ok((s, col)),
            t => Err(ParseError { col, message: format!("expected a name, found {t}") }),
        }
    }

    fn expect_ident(&mut self, word: &str) -> Result<(), ParseError> {
        let col = self.col();
        match self.ident()? {
            (s, _) if s == word => Ok(()),
            (s, _) => Err(ParseError { col, message: format!("expected {word:?}, found {s:?}") }),
        }
    }

    /// A (possibly qualified) type name.
    fn type_name(&mut self, first: String, col: usize) -> Result<TypeRef, ParseError> {
        let mut name = first;
        if self.eat(".") {
            let (sel, _) = self.ident()?;
            name = format!("{name}.{sel}");
        }
        if let Some(t) = self.scope.names.get(&name) {
            return Ok(t);
        }
        if name == "error" {
            return Err(ParseError { col, message: "type error is not supported: write interface{}".into() });
        }
        types::predeclared(&name).ok_or(ParseError { col, message: format!("undefined type {name}") })
    }

    fn typ(&mut self) -> Result<TypeRef, ParseError> {
        let col = self.col();
        match self.next() {
            Tok::Ident(word) => match word.as_str() {
                "struct" => self.struct_body(),
                "func" => self.signature(),
                "interface" => {
                    self.expect("{")?;
                    if !self.eat("}") {
                        return self.err("only interface{} is supported (methods do not change the layout)");
                    }
                    Ok(&types::EMPTY_INTERFACE.typ)
                }
                "map" => {
                    self.expect("[")?;
                    let key = self.typ()?;
                    self.expect("]")?;
                    Ok(types::map_of(key, self.typ()?))
                }
                "chan" => {
                    let dir = if self.eat("<-") { 2 } else { 3 };
                    Ok(types::chan_of(dir, self.typ()?))
                }
                _ => self.type_name(word, col),
            },
            Tok::Punct("*") => Ok(types::pointer_to(self.typ()?)),
            Tok::Punct("<-") => {
                self.expect_ident("chan")?;
                Ok(types::chan_of(1, self.typ()?))
            }
            Tok::Punct("(") => {
                let t = self.typ()?;
                self.expect(")")?;
                Ok(t)
            }
            Tok::Punct("[") => {
                if self.eat("]") {
                    return Ok(types::slice_of(self.typ()?));
                }
                let len_col = self.col();
                let len = match self.next() {
                    Tok::Int(n) => n,
                    t => return Err(ParseError { col: len_col, message: format!("expected an array length, found {t}") }),
                };
                self.expect("]")?;
                let elem = self.typ()?;
                let len = usize::try_from(len)
                    .ok()
                    .filter(|&n| elem.size().checked_mul(n).is_some_and(|s| s < 1 << 40))
                    .ok_or(ParseError { col: len_col, message: format!("array length {len} is too large") })?;
                Ok(types::array_of(elem, len))
            }
            t => Err(ParseError { col, message: format!("expected a type, found {t}") }),
        }
    }

    fn struct_body(&mut self) -> Result<TypeRef, ParseError> {
        self.expect("{")?;
        let mut fields = Vec::new();
        while !self.eat("}") {
            let embedded_ptr = self.eat("*");
            let (first, col) = self.ident()?;
            // `Name`, `*Name`, `pkg.Name`: an embedded field.
            if embedded_ptr || matches!(self.peek(), Tok::Punct(";" | "}" | ".")) {
                let mut t = self.type_name(first, col)?;
                if embedded_ptr {
                    t = types::pointer_to(t);
                }
                fields.push(Field::embedded(t));
            } else {
                let mut names = vec![first];
                while self.eat(",") {
                    names.push(self.ident()?.0);
                }
                let t = self.typ()?;
                fields.extend(names.iter().map(|n| Field::new(n, t)));
            }
            if !self.eat(";") && !self.is("}") {
                return self.err(format!("expected \";\" or \"}}\", found {}", self.peek()));
            }
        }
        let mut seen = BTreeSet::new();
        for f in &fields {
            if f.name != "_" && !seen.insert(f.name.clone()) {
                return self.err(format!("duplicate field {}", f.name));
            }
        }
        Ok(types::struct_of(&fields))
    }

    /// `(params) results` after `func`.
    fn signature(&mut self) -> Result<TypeRef, ParseError> {
        let (ins, variadic) = self.params(true)?;
        let outs = if self.is("(") {
            self.params(false)?.0
        } else if matches!(self.peek(), Tok::Eof | Tok::Punct(")" | "," | ";" | "}" | "]")) {
            Vec::new()
        } else {
            vec![self.typ()?]
        };
        Ok(types::func_of(&ins, &outs, variadic))
    }

    /// A parenthesized parameter list, named (`a, b int`) or not (`int, int`).
    fn params(&mut self, allow_variadic: bool) -> Result<(Vec<TypeRef>, bool), ParseError> {
        self.expect("(")?;
        // Each entry: an optional name and an optional type; a lone name is
        // a type in an unnamed list, or a name sharing the next type.
        let mut entries: Vec<(Option<(String, usize)>, Option<TypeRef>, bool)> = Vec::new();
        while !self.eat(")") {
            let dots_col = self.col();
            let dots = self.eat("...");
            let entry = match (self.peek().clone(), self.peek_at(1).clone()) {
                (Tok::Ident(name), next) if !dots && !is_keyword(&name) && !matches!(next, Tok::Punct("," | ")" | ".")) => {
                    let col = self.col();
                    self.next();
                    let dots2 = self.eat("...");
                    (Some((name, col)), Some(self.typ()?), dots2)
                }
                (Tok::Ident(name), Tok::Punct("," | ")")) if !dots && !is_keyword(&name) => {
                    let col = self.col();
                    self.next();
                    (Some((name, col)), None, false)
                }
                _ => (None, Some(self.typ()?), dots),
            };
            if entry.2 && !allow_variadic {
                return Err(ParseError { col: dots_col, message: "cannot use ... in results".into() });
            }
            entries.push(entry);
            if !self.eat(",") && !self.is(")") {
                return self.err(format!("expected \",\" or \")\", found {}", self.peek()));
            }
        }
        let named = entries.iter().any(|(n, t, _)| n.is_some() && t.is_some());
        let mut types_out = Vec::new();
        let mut variadic = false;
        let mut pending = 0usize;
        for (i, (name, typ, dots)) in entries.iter().enumerate() {
            if *dots && i + 1 != entries.len() {
                return self.err("can only use ... with final parameter");
            }
            let t = match (named, name, typ) {
                (true, Some(_), None) => {
                    pending += 1;
                    continue;
                }
                (true, None, Some(_)) => return self.err("mixed named and unnamed parameters"),
                (false, Some((n, col)), None) => self.type_name(n.clone(), *col)?,
                (_, _, Some(t)) => t,
                (_, None, None) => unreachable!("an entry has a name or a type"),
            };
            let t = if *dots {
                variadic = true;
                types::slice_of(t)
            } else {
                t
            };
            for _ in 0..=pending {
                types_out.push(t);
            }
            pending = 0;
        }
        if pending > 0 {
            return self.err("missing parameter type");
        }
        if variadic && types_out.last().is_some_and(|t| t.kind() != Kind::Slice) {
            return self.err("bad variadic parameter");
        }
        Ok((types_out, variadic))
    }
}
