//! Go source to syntax trees.
//!
//! [`lexer`] turns bytes into [`token`]s, [`parser`] turns those into an
//! [`ast::File`]. Both follow Go's own front end (`cmd/compile/internal/syntax`)
//! closely, so rgo accepts what `gc` accepts and its first error reads
//! like `gc`'s.

pub mod ast;
pub mod lexer;
pub mod parser;
pub mod token;

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
    parse_bytes(path, src.as_bytes(), ids)
}

/// Parses one Go source file given as raw bytes, as read from disk: invalid
/// UTF-8 and NUL bytes are reported (in source order among other errors)
/// rather than rejected up front.
///
/// The parser recurses once per nesting level, through
/// [`crate::stack::grow`]; it runs on a thread of its own with a roomy first
/// stack segment, whatever thread the caller is on.
pub fn parse_bytes(path: &str, src: &[u8], ids: &mut IdGen) -> Result<ast::File, Diag> {
    parse_bytes_all(path, src, ids).map_err(|mut es| es.swap_remove(0))
}

/// The package clause and imports of a Go source file: a file without
/// declarations (`rgo list`). Shallow, so parsed on the caller's thread.
pub fn parse_header(path: &str, src: &[u8], ids: &mut IdGen) -> Result<ast::File, Vec<Diag>> {
    parser::Parser::new(path, src, ids).parse_header()
}

/// [`parse_bytes`], with every syntax error (parsing goes on after one at
/// the next statement or declaration), in the order found.
pub fn parse_bytes_all(path: &str, src: &[u8], ids: &mut IdGen) -> Result<ast::File, Vec<Diag>> {
    std::thread::scope(|scope| {
        let ids = &mut *ids;
        let spawned = std::thread::Builder::new()
            .name("rgo-parser".into())
            .stack_size(PARSER_STACK)
            .spawn_scoped(scope, move || parser::Parser::new(path, src, ids).parse_file_all());
        match spawned {
            Ok(handle) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(e) => Err(vec![Diag::new(
                &crate::diag::Pos::new(path.into(), 1, 1),
                format!("cannot start the parser thread: {e}"),
            )]),
        }
    })
}

/// First stack segment of the parser thread; deeper nesting continues on
/// segments [`crate::stack::grow`] adds. Only pages used are committed.
const PARSER_STACK: usize = 128 << 20;
