//! Diagnostics: every error rgo reports is `file:line:col: message`.

use std::fmt;
use std::sync::Arc;

/// A source position. `file` is shared by every position in one file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Pos {
    pub file: Arc<str>,
    /// 1-based line and column (column counts bytes, as Go's does); column
    /// 0 is unknown (after a `//line file:line` directive) and not shown.
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub fn new(file: Arc<str>, line: u32, col: u32) -> Pos {
        Pos { file, line, col }
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.col == 0 {
            return write!(f, "{}:{}", self.file, self.line);
        }
        write!(f, "{}:{}:{}", self.file, self.line, self.col)
    }
}

/// One error in a Go program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diag {
    pub pos: Pos,
    pub msg: String,
}

impl Diag {
    pub fn new(pos: &Pos, msg: impl Into<String>) -> Diag {
        Diag { pos: pos.clone(), msg: msg.into() }
    }

    /// An error already reported, or one that follows from it (an
    /// expression naming an invalid variable): it stops the statement or
    /// declaration at hand without a message of its own, as gc's invalid
    /// type silences follow-on errors.
    pub fn reported() -> Diag {
        Diag { pos: Pos::new("".into(), 0, 0), msg: String::new() }
    }

    pub fn is_reported(&self) -> bool {
        self.msg.is_empty()
    }

    /// A feature rgo lacks: the program is out of scope, so checking
    /// stops there rather than going on to more errors.
    pub fn is_unsupported(&self) -> bool {
        self.msg.contains("rgo does not support") || self.msg.starts_with("rgo supports only")
    }
}

impl fmt::Display for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.pos, self.msg)
    }
}

impl std::error::Error for Diag {}

pub type Result<T> = std::result::Result<T, Diag>;
