//! Diagnostics: every error rgo reports is `file:line:col: message`.

use std::fmt;
use std::sync::Arc;

/// A source position. `file` is shared by every position in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
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
}

impl fmt::Display for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.pos, self.msg)
    }
}

impl std::error::Error for Diag {}

pub type Result<T> = std::result::Result<T, Diag>;
