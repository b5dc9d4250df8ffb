//! The Go scanner: source bytes to [`Token`]s, with automatic semicolon
//! insertion, literal decoding, `//go:` directive collection and `//line`
//! directives (which change the positions reported from then on).
//!
//! It follows the scanner of Go's `cmd/compile/internal/syntax` closely so
//! that lexical errors read (and are positioned) the way `gc` reports them.
//! Like that scanner it keeps going after an error: it records the first one
//! (see [`Lexer::error`]) and produces a best-effort token, so the parser can
//! decide which error comes first in the source.

use super::ast::BasicLit;
use super::token::{Op, Tok, Token};
use crate::diag::{Diag, Pos};
use std::sync::Arc;

/// `ch` value at the end of the input.
const EOF: i32 = -1;

/// A decoded escape sequence: `\xNN` and octal escapes denote single bytes,
/// the others denote characters.
enum Esc {
    Byte(u8),
    Char(u32),
}

pub struct Lexer<'a> {
    file: Arc<str>,
    src: &'a [u8],
    /// Offset just past the current character.
    off: usize,
    /// The current character (`EOF` at the end), its width in bytes, and its
    /// 1-based line and byte column.
    ch: i32,
    chw: usize,
    line: u32,
    col: u32,
    /// A newline (or EOF) at this point becomes a semicolon.
    nlsemi: bool,
    /// Start of the token being scanned.
    tline: u32,
    tcol: u32,
    toff: usize,
    /// Last line on which a token or block comment ended, so a `//go:` comment
    /// can tell whether it starts its line.
    content_line: u32,
    err: Option<Diag>,
    pragmas: Vec<String>,
    directives: Vec<Directive>,
    /// Position bases set by line directives, in source order.
    bases: Vec<LineBase>,
}

/// A `//go:` comment, wherever it is, for the parser to check its place.
#[derive(Clone, Debug)]
pub struct Directive {
    /// Where `go:` starts (as gc reports it).
    pub pos: Pos,
    /// The comment's text after `//`.
    pub text: String,
    /// Nothing precedes it on its line.
    pub own_line: bool,
}

/// A `//line` or `/*line*/` directive: from the physical position
/// `(at_line, at_col)` on, positions are reported as from `file` at `line`
/// (and `col`, on the directive's own line; 0 means the column is unknown
/// and left out of messages until the next directive).
struct LineBase {
    at_line: u32,
    at_col: u32,
    file: Arc<str>,
    line: u32,
    col: u32,
}

impl<'a> Lexer<'a> {
    pub fn new(file: Arc<str>, src: &'a [u8]) -> Lexer<'a> {
        let mut lx = Lexer {
            file,
            src,
            off: 0,
            ch: i32::from(b' '),
            chw: 0,
            line: 1,
            col: 1,
            nlsemi: false,
            tline: 1,
            tcol: 1,
            toff: 0,
            content_line: 0,
            err: None,
            pragmas: Vec::new(),
            directives: Vec::new(),
            bases: Vec::new(),
        };
        lx.nextch();
        lx
    }

    /// The first lexical error met so far, if any.
    pub fn error(&self) -> Option<&Diag> {
        self.err.as_ref()
    }

    /// The `//go:` directives (without `//go:`) seen since the last call to
    /// [`Lexer::take_pragmas`] or [`Lexer::clear_pragmas`]; `//go:build` is left out.
    pub fn take_pragmas(&mut self) -> Vec<String> {
        std::mem::take(&mut self.pragmas)
    }

    pub fn clear_pragmas(&mut self) {
        self.pragmas.clear();
    }

    /// Puts directives back in front of those met since.
    pub fn put_directives(&mut self, mut ds: Vec<Directive>) {
        ds.append(&mut self.directives);
        self.directives = ds;
    }

    /// Every `//go:` comment since the last call.
    pub fn take_directives(&mut self) -> Vec<Directive> {
        std::mem::take(&mut self.directives)
    }

    /// The reported position of the physical source position `(line, col)`:
    /// as is, or relative to the line directive in force there, as `gc`
    /// computes it.
    pub fn pos(&self, line: u32, col: u32) -> Pos {
        let n = self.bases.partition_point(|b| (b.at_line, b.at_col) <= (line, col));
        let Some(b) = n.checked_sub(1).and_then(|i| self.bases.get(i)) else {
            return Pos::new(self.file.clone(), line, col);
        };
        let rel_line = b.line.saturating_add(line - b.at_line);
        let rel_col = if b.col == 0 {
            0
        } else if line == b.at_line {
            b.col.saturating_add(col - b.at_col)
        } else {
            col
        };
        Pos::new(b.file.clone(), rel_line, rel_col)
    }

    /// The file name of the position base in force now (the file's own name
    /// before any line directive).
    fn base_file(&self) -> Arc<str> {
        self.bases.last().map_or_else(|| self.file.clone(), |b| b.file.clone())
    }

    /// Applies the line directive `text` (what follows `line `), whose text
    /// starts at physical `(tline, tcol)`, to positions from `(at_line,
    /// at_col)` on. `filename:line[:col]` read from the back, as `gc` does;
    /// text without a colon is no directive.
    fn line_directive(&mut self, text: &str, tline: u32, tcol: u32, at_line: u32, at_col: u32) {
        let col_at = |i: usize| tcol.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
        let Some((i, n)) = trailing_digits(text) else { return };
        let Some(n) = n else {
            self.error_at(tline, col_at(i), format!("invalid line number: {}", &text[i..]));
            return;
        };
        let head = &text[..i - 1];
        // `rest` is `filename:line`, `i` the index after its colon.
        let (line, col, i, rest) = match trailing_digits(head) {
            Some((i2, Some(n2))) => {
                if n == 0 || n > POS_MAX {
                    self.error_at(tline, col_at(i), format!("invalid column number: {}", &text[i..]));
                    return;
                }
                (n2, n, i2, head)
            }
            _ => (n, 0, i, text),
        };
        if line == 0 || line > POS_MAX {
            self.error_at(tline, col_at(i), format!("invalid line number: {}", &rest[i..]));
            return;
        }
        let name = &rest[..i - 1];
        // With a column, an empty file name keeps the current one; without,
        // it stays empty.
        let file = if name.is_empty() && col != 0 { self.base_file() } else { name.into() };
        self.bases.push(LineBase { at_line, at_col, file, line: line as u32, col: col as u32 });
    }

    fn error_at(&mut self, line: u32, col: u32, msg: String) {
        if self.err.is_none() {
            self.err = Some(Diag::new(&self.pos(line, col), msg));
        }
    }

    /// Reports an error at the current character.
    fn errorf(&mut self, msg: String) {
        self.error_at(self.line, self.col, msg);
    }

    /// Reports an error `offset` bytes into the current token.
    fn error_at_offset(&mut self, offset: usize, msg: String) {
        let col = self.tcol.saturating_add(u32::try_from(offset).unwrap_or(u32::MAX));
        self.error_at(self.tline, col, msg);
    }

    /// Offset of the current character.
    fn cur_off(&self) -> usize {
        self.off - self.chw
    }

    /// Source text of the current token so far.
    fn segment(&self) -> &'a [u8] {
        let src: &'a [u8] = self.src;
        src.get(self.toff..self.cur_off()).unwrap_or(&[])
    }

    /// Advances to the next character, skipping (after reporting) NUL bytes,
    /// invalid UTF-8 and byte order marks, as Go's source reader does.
    fn nextch(&mut self) {
        loop {
            if self.ch == i32::from(b'\n') {
                self.line = self.line.saturating_add(1);
                self.col = 1;
            } else {
                self.col = self.col.saturating_add(self.chw as u32);
            }
            let Some(&b) = self.src.get(self.off) else {
                self.ch = EOF;
                self.chw = 0;
                return;
            };
            if b < 0x80 {
                self.ch = i32::from(b);
                self.chw = 1;
                self.off += 1;
                if b == 0 {
                    self.errorf("invalid NUL character".into());
                    continue;
                }
                return;
            }
            let end = self.src.len().min(self.off + 4);
            let window = &self.src[self.off..end];
            let decoded = match std::str::from_utf8(window) {
                Ok(s) => s.chars().next(),
                Err(e) if e.valid_up_to() > 0 => {
                    std::str::from_utf8(&window[..e.valid_up_to()]).ok().and_then(|s| s.chars().next())
                }
                Err(_) => None,
            };
            match decoded {
                Some(c) => {
                    self.ch = c as i32;
                    self.chw = c.len_utf8();
                    self.off += self.chw;
                    if c == '\u{feff}' {
                        if self.line > 1 || self.col > 1 {
                            self.errorf("invalid BOM in the middle of the file".into());
                        }
                        continue;
                    }
                    return;
                }
                None => {
                    self.ch = 0xfffd;
                    self.chw = 1;
                    self.off += 1;
                    self.errorf("invalid UTF-8 encoding".into());
                    continue;
                }
            }
        }
    }

    fn is(&self, c: u8) -> bool {
        self.ch == i32::from(c)
    }

    /// Scans the next token.
    pub fn next_token(&mut self) -> Token {
        let nlsemi = self.nlsemi;
        self.nlsemi = false;
        let mut op = Op::Add;
        let mut lit = String::new();
        let mut value = None;
        let tok = 'redo: loop {
            while self.is(b' ') || self.is(b'\t') || self.is(b'\n') && !nlsemi || self.is(b'\r') {
                self.nextch();
            }
            self.tline = self.line;
            self.tcol = self.col;
            self.toff = self.cur_off();

            if is_letter(self.ch) || self.ch >= 0x80 && self.at_ident_char(true) {
                self.nextch();
                break self.ident(&mut lit);
            }

            let Ok(c) = u8::try_from(self.ch) else {
                // Only EOF gets here: non-ASCII characters were handled above.
                if nlsemi {
                    lit = "EOF".into();
                    break Tok::Semi;
                }
                break Tok::Eof;
            };
            // Operators that may be followed by `=` to form an assignment op.
            let assign_op = |lx: &mut Lexer<'_>, o: Op, op: &mut Op| {
                *op = o;
                if lx.is(b'=') {
                    lx.nextch();
                    Tok::AssignOp
                } else {
                    Tok::Operator
                }
            };
            match c {
                b'\n' => {
                    self.nextch();
                    lit = "newline".into();
                    break Tok::Semi;
                }
                b'0'..=b'9' => {
                    let (text, v) = self.number(false);
                    lit = text;
                    value = Some(v);
                    break Tok::Literal;
                }
                b'"' => {
                    let v = self.std_string();
                    lit = String::from_utf8_lossy(self.segment()).into_owned();
                    value = Some(v);
                    self.nlsemi = true;
                    break Tok::Literal;
                }
                b'`' => {
                    let v = self.raw_string();
                    lit = String::from_utf8_lossy(self.segment()).into_owned();
                    value = Some(v);
                    self.nlsemi = true;
                    break Tok::Literal;
                }
                b'\'' => {
                    let v = self.rune_lit();
                    lit = String::from_utf8_lossy(self.segment()).into_owned();
                    value = Some(v);
                    self.nlsemi = true;
                    break Tok::Literal;
                }
                b'(' => {
                    self.nextch();
                    break Tok::Lparen;
                }
                b'[' => {
                    self.nextch();
                    break Tok::Lbrack;
                }
                b'{' => {
                    self.nextch();
                    break Tok::Lbrace;
                }
                b',' => {
                    self.nextch();
                    break Tok::Comma;
                }
                b';' => {
                    self.nextch();
                    lit = "semicolon".into();
                    break Tok::Semi;
                }
                b')' => {
                    self.nextch();
                    self.nlsemi = true;
                    break Tok::Rparen;
                }
                b']' => {
                    self.nextch();
                    self.nlsemi = true;
                    break Tok::Rbrack;
                }
                b'}' => {
                    self.nextch();
                    self.nlsemi = true;
                    break Tok::Rbrace;
                }
                b':' => {
                    self.nextch();
                    if self.is(b'=') {
                        self.nextch();
                        break Tok::Define;
                    }
                    break Tok::Colon;
                }
                b'.' => {
                    if self.src.get(self.off) == Some(&b'.') && self.src.get(self.off + 1) == Some(&b'.') {
                        self.nextch();
                        self.nextch();
                        self.nextch();
                        break Tok::DotDotDot;
                    }
                    self.nextch();
                    if is_decimal(self.ch) {
                        let (text, v) = self.number(true);
                        lit = text;
                        value = Some(v);
                        break Tok::Literal;
                    }
                    break Tok::Dot;
                }
                b'+' | b'-' => {
                    self.nextch();
                    let o = if c == b'+' { Op::Add } else { Op::Sub };
                    if self.is(c) {
                        self.nextch();
                        op = o;
                        self.nlsemi = true;
                        break Tok::IncOp;
                    }
                    break assign_op(self, o, &mut op);
                }
                b'*' => {
                    self.nextch();
                    op = Op::Mul;
                    if self.is(b'=') {
                        self.nextch();
                        break Tok::AssignOp;
                    }
                    break Tok::Star;
                }
                b'/' => {
                    self.nextch();
                    if self.is(b'/') {
                        self.nextch();
                        self.line_comment();
                        continue 'redo;
                    }
                    if self.is(b'*') {
                        self.nextch();
                        self.full_comment();
                        if self.line > self.tline && nlsemi {
                            // A multi-line comment acts like a newline.
                            lit = "newline".into();
                            break Tok::Semi;
                        }
                        continue 'redo;
                    }
                    break assign_op(self, Op::Div, &mut op);
                }
                b'%' => {
                    self.nextch();
                    break assign_op(self, Op::Rem, &mut op);
                }
                b'&' => {
                    self.nextch();
                    if self.is(b'&') {
                        self.nextch();
                        op = Op::AndAnd;
                        break Tok::Operator;
                    }
                    if self.is(b'^') {
                        self.nextch();
                        break assign_op(self, Op::AndNot, &mut op);
                    }
                    break assign_op(self, Op::And, &mut op);
                }
                b'|' => {
                    self.nextch();
                    if self.is(b'|') {
                        self.nextch();
                        op = Op::OrOr;
                        break Tok::Operator;
                    }
                    break assign_op(self, Op::Or, &mut op);
                }
                b'^' => {
                    self.nextch();
                    break assign_op(self, Op::Xor, &mut op);
                }
                b'<' => {
                    self.nextch();
                    if self.is(b'=') {
                        self.nextch();
                        op = Op::Leq;
                        break Tok::Operator;
                    }
                    if self.is(b'<') {
                        self.nextch();
                        break assign_op(self, Op::Shl, &mut op);
                    }
                    if self.is(b'-') {
                        self.nextch();
                        break Tok::Arrow;
                    }
                    op = Op::Lss;
                    break Tok::Operator;
                }
                b'>' => {
                    self.nextch();
                    if self.is(b'=') {
                        self.nextch();
                        op = Op::Geq;
                        break Tok::Operator;
                    }
                    if self.is(b'>') {
                        self.nextch();
                        break assign_op(self, Op::Shr, &mut op);
                    }
                    op = Op::Gtr;
                    break Tok::Operator;
                }
                b'=' => {
                    self.nextch();
                    if self.is(b'=') {
                        self.nextch();
                        op = Op::Eql;
                        break Tok::Operator;
                    }
                    break Tok::Assign;
                }
                b'!' => {
                    self.nextch();
                    if self.is(b'=') {
                        self.nextch();
                        op = Op::Neq;
                        break Tok::Operator;
                    }
                    op = Op::Not;
                    break Tok::Operator;
                }
                b'~' => {
                    self.nextch();
                    op = Op::Tilde;
                    break Tok::Operator;
                }
                _ => {
                    self.errorf(format!("invalid character {}", fmt_unicode(self.ch)));
                    self.nextch();
                    continue 'redo;
                }
            }
        };
        // Inserted semicolons are not source text: they must not make a
        // following `//go:` comment look like it shares a line with code.
        if tok != Tok::Semi || lit == "semicolon" {
            self.content_line = self.line;
        }
        Token { tok, line: self.tline, col: self.tcol, lit, op, value }
    }

    /// Scans the rest of an identifier or keyword (first character consumed).
    fn ident(&mut self, lit: &mut String) -> Tok {
        loop {
            if is_letter(self.ch) || is_decimal(self.ch) || self.ch >= 0x80 && self.at_ident_char(false) {
                self.nextch();
                continue;
            }
            break;
        }
        let text = String::from_utf8_lossy(self.segment()).into_owned();
        if text.len() >= 2 {
            if let Some(kw) = Tok::keyword(&text) {
                self.nlsemi = matches!(kw, Tok::Break | Tok::Continue | Tok::Fallthrough | Tok::Return);
                return kw;
            }
        }
        self.nlsemi = true;
        *lit = text;
        Tok::Name
    }

    /// Whether the current (non-ASCII or ASCII) character may continue an
    /// identifier; reports the Unicode characters Go rejects but still
    /// consumes them, as `gc` does.
    fn at_ident_char(&mut self, first: bool) -> bool {
        let c = u32::try_from(self.ch).ok().and_then(char::from_u32);
        match c {
            Some(c) if c.is_alphabetic() || c == '_' => true,
            Some(c) if c.is_numeric() => {
                if first {
                    self.errorf(format!("identifier cannot begin with digit {}", fmt_unicode(self.ch)));
                }
                true
            }
            Some(_) if self.ch >= 0x80 => {
                self.errorf(format!("invalid character {} in identifier", fmt_unicode(self.ch)));
                true
            }
            _ => false,
        }
    }

    /// Accepts `{ digit | '_' }`; returns bit 0 set if there were digits and
    /// bit 1 set if there were separators. For bases up to 10 any decimal
    /// digit is accepted and the offset of the first one too large is kept.
    fn digits(&mut self, base: u32, invalid: &mut Option<usize>) -> u8 {
        let mut digsep = 0;
        if base <= 10 {
            let max = i32::from(b'0') + base as i32;
            while is_decimal(self.ch) || self.is(b'_') {
                let mut ds = 1;
                if self.is(b'_') {
                    ds = 2;
                } else if self.ch >= max && invalid.is_none() {
                    *invalid = Some(self.cur_off() - self.toff);
                }
                digsep |= ds;
                self.nextch();
            }
        } else {
            while is_hex(self.ch) || self.is(b'_') {
                digsep |= if self.is(b'_') { 2 } else { 1 };
                self.nextch();
            }
        }
        digsep
    }

    /// Scans a number; `seen_point` if a leading `.` was consumed.
    fn number(&mut self, mut seen_point: bool) -> (String, BasicLit) {
        #[derive(PartialEq)]
        enum Kind {
            Int,
            Float,
            Imag,
        }
        let mut ok = true;
        let mut kind = Kind::Int;
        let mut base = 10;
        let mut prefix = 0u8; // 0 (decimal), b'0' (0-octal), b'x', b'o' or b'b'
        let mut digsep = 0u8;
        let mut invalid = None;

        if !seen_point {
            if self.is(b'0') {
                self.nextch();
                match lower(self.ch) {
                    0x78 => {
                        self.nextch();
                        (base, prefix) = (16, b'x');
                    }
                    0x6f => {
                        self.nextch();
                        (base, prefix) = (8, b'o');
                    }
                    0x62 => {
                        self.nextch();
                        (base, prefix) = (2, b'b');
                    }
                    _ => {
                        (base, prefix) = (8, b'0');
                        digsep = 1; // the leading 0
                    }
                }
            }
            digsep |= self.digits(base, &mut invalid);
            if self.is(b'.') {
                if prefix == b'o' || prefix == b'b' {
                    self.errorf(format!("invalid radix point in {} literal", base_name(base)));
                    ok = false;
                }
                self.nextch();
                seen_point = true;
            }
        }

        if seen_point {
            kind = Kind::Float;
            digsep |= self.digits(base, &mut invalid);
        }

        if digsep & 1 == 0 && ok {
            self.errorf(format!("{} literal has no digits", base_name(base)));
            ok = false;
        }

        let e = lower(self.ch);
        if e == i32::from(b'e') || e == i32::from(b'p') {
            if ok {
                if e == i32::from(b'e') && prefix != 0 && prefix != b'0' {
                    self.errorf(format!("{} exponent requires decimal mantissa", quote_rune(self.ch)));
                    ok = false;
                } else if e == i32::from(b'p') && prefix != b'x' {
                    self.errorf(format!("{} exponent requires hexadecimal mantissa", quote_rune(self.ch)));
                    ok = false;
                }
            }
            self.nextch();
            kind = Kind::Float;
            if self.is(b'+') || self.is(b'-') {
                self.nextch();
            }
            let ds = self.digits(10, &mut None);
            digsep = ds | (digsep & 2);
            if ds & 1 == 0 && ok {
                self.errorf("exponent has no digits".into());
                ok = false;
            }
        } else if prefix == b'x' && kind == Kind::Float && ok {
            self.errorf("hexadecimal mantissa requires a 'p' exponent".into());
            ok = false;
        }

        if self.is(b'i') {
            kind = Kind::Imag;
            self.nextch();
        }
        self.nlsemi = true;

        let text = String::from_utf8_lossy(self.segment()).into_owned();
        if kind == Kind::Int && ok {
            if let Some(i) = invalid {
                let digit = text.as_bytes().get(i).copied().unwrap_or(b'0');
                self.error_at_offset(
                    i,
                    format!("invalid digit {} in {} literal", quote_rune(i32::from(digit)), base_name(base)),
                );
                ok = false;
            }
        }
        if digsep & 2 != 0 && ok {
            if let Some(i) = invalid_sep(text.as_bytes()) {
                self.error_at_offset(i, "'_' must separate successive digits".into());
            }
        }
        let value = match kind {
            Kind::Int => BasicLit::Int(text.clone()),
            Kind::Float => BasicLit::Float(text.clone()),
            Kind::Imag => BasicLit::Imag(text.clone()),
        };
        (text, value)
    }

    fn rune_lit(&mut self) -> BasicLit {
        let mut ok = true;
        self.nextch();
        let mut n = 0;
        let mut value = 0u32;
        loop {
            if self.is(b'\'') {
                if ok {
                    if n == 0 {
                        self.errorf("empty rune literal or unescaped '".into());
                        ok = false;
                    } else if n != 1 {
                        self.error_at_offset(0, "more than one character in rune literal".into());
                        ok = false;
                    }
                }
                self.nextch();
                break;
            }
            if self.is(b'\\') {
                self.nextch();
                match self.escape(b'\'') {
                    Some(Esc::Byte(b)) if n == 0 => value = u32::from(b),
                    Some(Esc::Char(c)) if n == 0 => value = c,
                    Some(_) => {}
                    None => ok = false,
                }
                n += 1;
                continue;
            }
            if self.is(b'\n') {
                if ok {
                    self.errorf("newline in rune literal".into());
                    ok = false;
                }
                break;
            }
            if self.ch < 0 {
                if ok {
                    self.error_at_offset(0, "rune literal not terminated".into());
                    ok = false;
                }
                break;
            }
            if n == 0 {
                value = self.ch as u32;
            }
            self.nextch();
            n += 1;
        }
        BasicLit::Char(if ok { value } else { 0 })
    }

    fn std_string(&mut self) -> BasicLit {
        let mut bytes = Vec::new();
        self.nextch();
        loop {
            if self.is(b'"') {
                self.nextch();
                break;
            }
            if self.is(b'\\') {
                self.nextch();
                match self.escape(b'"') {
                    Some(Esc::Byte(b)) => bytes.push(b),
                    Some(Esc::Char(c)) => push_char(&mut bytes, c),
                    None => {}
                }
                continue;
            }
            if self.is(b'\n') {
                self.errorf("newline in string".into());
                break;
            }
            if self.ch < 0 {
                self.error_at_offset(0, "string not terminated".into());
                break;
            }
            push_char(&mut bytes, self.ch as u32);
            self.nextch();
        }
        BasicLit::String(bytes)
    }

    /// A raw string's value is its text with carriage returns removed.
    fn raw_string(&mut self) -> BasicLit {
        let mut bytes = Vec::new();
        self.nextch();
        loop {
            if self.is(b'`') {
                self.nextch();
                break;
            }
            if self.ch < 0 {
                self.error_at_offset(0, "string not terminated".into());
                break;
            }
            if !self.is(b'\r') {
                push_char(&mut bytes, self.ch as u32);
            }
            self.nextch();
        }
        BasicLit::String(bytes)
    }

    /// Decodes an escape after its backslash. Returns `None` after reporting
    /// a malformed escape; at EOF it returns a dummy value and leaves the
    /// complaint to the caller.
    fn escape(&mut self, quote: u8) -> Option<Esc> {
        let simple = match u8::try_from(self.ch) {
            Ok(q) if q == quote => Some(q),
            Ok(b'a') => Some(0x07),
            Ok(b'b') => Some(0x08),
            Ok(b'f') => Some(0x0c),
            Ok(b'n') => Some(b'\n'),
            Ok(b'r') => Some(b'\r'),
            Ok(b't') => Some(b'\t'),
            Ok(b'v') => Some(0x0b),
            Ok(b'\\') => Some(b'\\'),
            _ => None,
        };
        if let Some(b) = simple {
            self.nextch();
            return Some(Esc::Byte(b));
        }
        let (n, base, max): (u32, u32, u32) = match u8::try_from(self.ch) {
            Ok(b'0'..=b'7') => (3, 8, 255),
            Ok(b'x') => {
                self.nextch();
                (2, 16, 255)
            }
            Ok(b'u') => {
                self.nextch();
                (4, 16, 0x10ffff)
            }
            Ok(b'U') => {
                self.nextch();
                (8, 16, 0x10ffff)
            }
            _ => {
                if self.ch < 0 {
                    return Some(Esc::Byte(0));
                }
                self.errorf("unknown escape".into());
                return None;
            }
        };
        let mut x: u32 = 0;
        for _ in 0..n {
            if self.ch < 0 {
                return Some(Esc::Byte(0));
            }
            let d = if is_decimal(self.ch) {
                (self.ch - i32::from(b'0')) as u32
            } else if (i32::from(b'a')..=i32::from(b'f')).contains(&lower(self.ch)) {
                (lower(self.ch) - i32::from(b'a')) as u32 + 10
            } else {
                base
            };
            if d >= base {
                self.errorf(format!("invalid character {} in {} escape", quote_rune(self.ch), base_name(base)));
                return None;
            }
            x = x.wrapping_mul(base).wrapping_add(d);
            self.nextch();
        }
        if x > max && base == 8 {
            self.errorf(format!("octal escape value {x} > 255"));
            return None;
        }
        if x > max || (0xd800..0xe000).contains(&x) {
            self.errorf(format!("escape is invalid Unicode code point {}", fmt_unicode(x as i32)));
            return None;
        }
        Some(if n == 4 || n == 8 { Esc::Char(x) } else { Esc::Byte(x as u8) })
    }

    /// Skips a `//` comment (opening consumed) up to but not including the
    /// newline, which still counts for semicolon insertion. Records `//go:`
    /// directives that start their line.
    fn line_comment(&mut self) {
        let start = self.cur_off();
        let pos = self.pos(self.line, self.col);
        let starts_line = self.content_line < self.tline;
        while self.ch >= 0 && !self.is(b'\n') {
            self.nextch();
        }
        let text = self.src.get(start..self.cur_off()).unwrap_or(&[]);
        if self.tcol == 1 {
            if let Some(directive) = text.strip_prefix(b"line ") {
                let directive = String::from_utf8_lossy(directive);
                let directive = directive.strip_suffix('\r').unwrap_or(&directive);
                // The directive gives the position of the next line's start.
                let (tline, tcol) = (self.tline, self.tcol + 7);
                self.line_directive(directive, tline, tcol, tline.saturating_add(1), 1);
                return;
            }
        }
        if let Some(directive) = text.strip_prefix(b"rgo:") {
            // rgo's own directives (library packages only, see
            // `check::library`): pragmas of the next declaration, and no
            // directive to gc, which reads them as plain comments.
            if starts_line {
                self.pragmas.push(format!("rgo:{}", String::from_utf8_lossy(directive).trim_end()));
            }
            return;
        }
        let Some(directive) = text.strip_prefix(b"go:") else { return };
        let directive = String::from_utf8_lossy(directive);
        let directive = directive.trim_end();
        let verb = directive.split_ascii_whitespace().next().unwrap_or("");
        self.directives.push(Directive { pos, text: format!("go:{directive}"), own_line: starts_line });
        if starts_line && verb != "build" {
            self.pragmas.push(directive.to_string());
        }
    }

    /// Skips a `/* */` comment (opening consumed); a `/*line ...*/` one is a
    /// line directive for the position right after it.
    fn full_comment(&mut self) {
        loop {
            if self.ch < 0 {
                self.error_at_offset(0, "comment not terminated".into());
                return;
            }
            if self.is(b'*') {
                self.nextch();
                if self.is(b'/') {
                    self.nextch();
                    self.content_line = self.line;
                    let comment = self.segment();
                    if let Some(body) = comment.strip_prefix(b"/*line ") {
                        let body = String::from_utf8_lossy(&body[..body.len() - 2]).into_owned();
                        // Like `gc`, the position after the comment is taken
                        // on the line where it starts.
                        let len = u32::try_from(comment.len()).unwrap_or(u32::MAX);
                        let (tline, tcol) = (self.tline, self.tcol);
                        self.line_directive(&body, tline, tcol + 7, tline, tcol.saturating_add(len));
                    }
                    return;
                }
                continue;
            }
            self.nextch();
        }
    }
}

/// The largest line or column a directive may give (`gc`'s `PosMax`).
const POS_MAX: u64 = 1 << 30;

/// Splits `text` at its last `:`: the index after it and, if what follows
/// is a decimal number, its value; `None` without a colon.
fn trailing_digits(text: &str) -> Option<(usize, Option<u64>)> {
    let i = text.rfind(':')? + 1;
    let digits = &text[i..];
    let ok = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    Some((i, if ok { digits.parse().ok() } else { None }))
}

/// Lower-cases an ASCII letter (anything else may come out changed, but
/// never into a letter).
fn lower(ch: i32) -> i32 {
    0x20 | ch
}

fn is_letter(ch: i32) -> bool {
    (i32::from(b'a')..=i32::from(b'z')).contains(&lower(ch)) || ch == i32::from(b'_')
}

fn is_decimal(ch: i32) -> bool {
    (i32::from(b'0')..=i32::from(b'9')).contains(&ch)
}

fn is_hex(ch: i32) -> bool {
    is_decimal(ch) || (i32::from(b'a')..=i32::from(b'f')).contains(&lower(ch))
}

fn base_name(base: u32) -> &'static str {
    match base {
        2 => "binary",
        8 => "octal",
        16 => "hexadecimal",
        _ => "decimal",
    }
}

fn push_char(bytes: &mut Vec<u8>, c: u32) {
    let c = char::from_u32(c).unwrap_or('\u{fffd}');
    let mut buf = [0; 4];
    bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
}

/// The index of the first `_` in a number literal that does not separate
/// two digits (a base prefix counts as a digit), as Go's `invalidSep`.
fn invalid_sep(x: &[u8]) -> Option<usize> {
    let mut x1 = b' '; // prefix char, we only care if it's 'x'
    let mut d = b'.'; // previous: '_', '0' (a digit) or '.' (anything else)
    let mut i = 0;
    if x.len() >= 2 && x[0] == b'0' {
        x1 = x[1] | 0x20;
        if x1 == b'x' || x1 == b'o' || x1 == b'b' {
            d = b'0';
            i = 2;
        }
    }
    while i < x.len() {
        let p = d;
        d = x[i];
        if d == b'_' {
            if p != b'0' {
                return Some(i);
            }
        } else if d.is_ascii_digit() || x1 == b'x' && d.is_ascii_hexdigit() {
            d = b'0';
        } else {
            if p == b'_' {
                return Some(i - 1);
            }
            d = b'.';
        }
        i += 1;
    }
    if d == b'_' {
        return Some(x.len() - 1);
    }
    None
}

/// Whether Go's `strconv.IsPrint` would hold, near enough for messages:
/// graphic characters and the ASCII space.
fn is_print(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    !(c.is_control()
        || c.is_whitespace()
        || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}'
            | '\u{feff}' | '\u{fff9}'..='\u{fffb}' | '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..))
}

/// Go's `%#U`: `U+0040 '@'` (the quoted form only for printable characters).
fn fmt_unicode(ch: i32) -> String {
    let code = ch.max(0) as u32;
    match char::from_u32(code) {
        Some(c) if is_print(c) => format!("U+{code:04X} '{c}'"),
        _ => format!("U+{code:04X}"),
    }
}

/// Go's `%q` for a rune: `'x'`, `'\n'`, `'\x00'`, `'\u00ad'`.
fn quote_rune(ch: i32) -> String {
    let code = ch.max(0) as u32;
    let c = char::from_u32(code).unwrap_or('\u{fffd}');
    let body = match c {
        '\'' => "\\'".to_string(),
        '\\' => "\\\\".to_string(),
        '\x07' => "\\a".to_string(),
        '\x08' => "\\b".to_string(),
        '\x0c' => "\\f".to_string(),
        '\n' => "\\n".to_string(),
        '\r' => "\\r".to_string(),
        '\t' => "\\t".to_string(),
        '\x0b' => "\\v".to_string(),
        c if is_print(c) => c.to_string(),
        c if (c as u32) < 0x20 || c == '\x7f' => format!("\\x{:02x}", c as u32),
        c if (c as u32) < 0x10000 => format!("\\u{:04x}", c as u32),
        c => format!("\\U{:08x}", c as u32),
    };
    format!("'{body}'")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Scans `src` to the end; returns (kind, text) pairs or the first error.
    fn scan(src: &str) -> Result<Vec<(Tok, String)>, String> {
        let mut lx = Lexer::new("t.go".into(), src.as_bytes());
        let mut out = Vec::new();
        loop {
            let t = lx.next_token();
            if let Some(e) = lx.error() {
                return Err(format!("{}:{}: {}", e.pos.line, e.pos.col, e.msg));
            }
            if t.tok == Tok::Eof {
                return Ok(out);
            }
            let text = match t.tok {
                Tok::Name | Tok::Literal | Tok::Semi => t.lit.clone(),
                _ => t.describe(),
            };
            out.push((t.tok, text));
        }
    }

    fn value(src: &str) -> BasicLit {
        let mut lx = Lexer::new("t.go".into(), src.as_bytes());
        let t = lx.next_token();
        assert!(lx.error().is_none(), "{src}: {:?}", lx.error());
        assert_eq!(t.tok, Tok::Literal, "{src}");
        t.value.expect("literal has a value")
    }

    fn err(src: &str) -> String {
        scan(src).expect_err(src)
    }

    #[test]
    fn semicolons_are_inserted_after_line_enders() {
        let toks = scan("x\ny)\nreturn\n+\n1 // c\nbreak /* a\nb */ z").unwrap();
        let texts: Vec<&str> = toks.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(
            texts,
            [
                "x", "newline", "y", ")", "newline", "return", "newline", "+", "1", "newline", "break", "newline", "z",
                "EOF"
            ]
        );
    }

    #[test]
    fn operators() {
        let toks = scan("a &^= b <<= c >> d &^ e <- f ... g := h != i ++ ~ &&").unwrap();
        let texts: Vec<String> = toks.into_iter().filter(|(t, _)| *t != Tok::Name).map(|(_, s)| s).collect();
        assert_eq!(texts, ["&^=", "<<=", ">>", "&^", "<-", "...", ":=", "!=", "++", "~", "&&"]);
    }

    #[test]
    fn number_literals_keep_their_text() {
        for (src, want) in [
            ("0x1F", BasicLit::Int("0x1F".into())),
            ("1_000", BasicLit::Int("1_000".into())),
            ("0o17", BasicLit::Int("0o17".into())),
            ("0b1010", BasicLit::Int("0b1010".into())),
            ("017", BasicLit::Int("017".into())),
            ("1e3", BasicLit::Float("1e3".into())),
            (".5", BasicLit::Float(".5".into())),
            ("1.", BasicLit::Float("1.".into())),
            ("0x1p-2", BasicLit::Float("0x1p-2".into())),
            ("0x1.8p1", BasicLit::Float("0x1.8p1".into())),
            ("089.5", BasicLit::Float("089.5".into())),
            ("1i", BasicLit::Imag("1i".into())),
            ("0789i", BasicLit::Imag("0789i".into())),
            ("1.5e2i", BasicLit::Imag("1.5e2i".into())),
        ] {
            assert_eq!(value(src), want);
        }
    }

    #[test]
    fn rune_and_string_escapes() {
        assert_eq!(value("'a'"), BasicLit::Char('a' as u32));
        assert_eq!(value("'ä'"), BasicLit::Char('ä' as u32));
        assert_eq!(value(r"'\n'"), BasicLit::Char(10));
        assert_eq!(value(r"'\''"), BasicLit::Char(39));
        assert_eq!(value(r"'\xff'"), BasicLit::Char(255));
        assert_eq!(value(r"'\377'"), BasicLit::Char(255));
        assert_eq!(value(r"'\u12e4'"), BasicLit::Char(0x12e4));
        assert_eq!(value(r"'\U00101234'"), BasicLit::Char(0x101234));
        assert_eq!(value(r#""a\tb\"\\""#), BasicLit::String(b"a\tb\"\\".to_vec()));
        assert_eq!(
            value(r#""\xff\000\u00e4\U0001F600""#),
            BasicLit::String(b"\xff\x00\xc3\xa4\xf0\x9f\x98\x80".to_vec())
        );
        assert_eq!(value(r#""\a\b\f\v\r""#), BasicLit::String(vec![7, 8, 12, 11, 13]));
        assert_eq!(value("`a\r\nb\\n`"), BasicLit::String(b"a\nb\\n".to_vec()));
        assert_eq!(value("\"日本\""), BasicLit::String("日本".as_bytes().to_vec()));
    }

    #[test]
    fn lexical_errors_read_like_gc() {
        assert_eq!(err("089"), "1:2: invalid digit '8' in octal literal");
        assert_eq!(err("0b12"), "1:4: invalid digit '2' in binary literal");
        assert_eq!(err("0x"), "1:3: hexadecimal literal has no digits");
        assert_eq!(err("0x1.5"), "1:6: hexadecimal mantissa requires a 'p' exponent");
        assert_eq!(err("0o1e3"), "1:4: 'e' exponent requires decimal mantissa");
        assert_eq!(err("1p3"), "1:2: 'p' exponent requires hexadecimal mantissa");
        assert_eq!(err("1e+"), "1:4: exponent has no digits");
        assert_eq!(err("1__0"), "1:3: '_' must separate successive digits");
        assert_eq!(err("0b1.0"), "1:4: invalid radix point in binary literal");
        assert_eq!(err("''"), "1:2: empty rune literal or unescaped '");
        assert_eq!(err("'ab'"), "1:1: more than one character in rune literal");
        assert_eq!(err("'a"), "1:1: rune literal not terminated");
        assert_eq!(err("'\n'"), "1:2: newline in rune literal");
        assert_eq!(err("\"ab\ncd\""), "1:4: newline in string");
        assert_eq!(err("\"ab"), "1:1: string not terminated");
        assert_eq!(err("`ab"), "1:1: string not terminated");
        assert_eq!(err(r#""\q""#), "1:3: unknown escape");
        assert_eq!(err(r#""\xg0""#), "1:4: invalid character 'g' in hexadecimal escape");
        assert_eq!(err(r#""\400""#), "1:6: octal escape value 256 > 255");
        assert_eq!(err(r#""\ud800""#), "1:8: escape is invalid Unicode code point U+D800");
        assert_eq!(err("/* x"), "1:1: comment not terminated");
        assert_eq!(err("a @"), "1:3: invalid character U+0040 '@'");
        assert_eq!(err("a·"), "1:2: invalid character U+00B7 '·' in identifier");
        assert_eq!(err("x\0"), "1:2: invalid NUL character");
        assert_eq!(err("x\u{feff}"), "1:2: invalid BOM in the middle of the file");
    }

    #[test]
    fn invalid_utf8_is_reported_where_it_occurs() {
        let mut lx = Lexer::new("t.go".into(), b"a\n  b\xff c");
        while lx.next_token().tok != Tok::Eof {}
        let e = lx.error().expect("an error");
        assert_eq!((e.pos.line, e.pos.col, e.msg.as_str()), (2, 4, "invalid UTF-8 encoding"));
    }

    #[test]
    fn leading_bom_is_skipped() {
        assert_eq!(scan("\u{feff}x").unwrap(), [(Tok::Name, "x".to_string()), (Tok::Semi, "EOF".to_string())]);
    }

    #[test]
    fn directives_are_collected_only_at_line_start() {
        let src =
            "//go:build linux\n//go:noinline\n  //go:registerparams \r\nx //go:nosplit\n/* */ //go:norace\n// go:not\n";
        let mut lx = Lexer::new("t.go".into(), src.as_bytes());
        while lx.next_token().tok != Tok::Eof {}
        assert_eq!(lx.take_pragmas(), ["noinline", "registerparams"]);
    }
}
