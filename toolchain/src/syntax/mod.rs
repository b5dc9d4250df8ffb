//! Go source to syntax trees.

pub mod ast;

use crate::diag::Diag;

/// Hands out expression ids unique across the files of one compilation.
#[derive(Debug, Default)]
pub struct IdGen {
    next: ast::ExprId,
}

impl IdGen {
    pub fn next(&mut self) -> ast::ExprId {
        let id = self.next;
        self.next += 1;
        id
    }
}

/// Parses one Go source file. `path` is used in positions as given.
pub fn parse_file(path: &str, src: &str, ids: &mut IdGen) -> Result<ast::File, Diag> {
    let _ = (src, ids);
    Err(Diag::new(&crate::diag::Pos::new(path.into(), 1, 1), "parser not written yet"))
}
