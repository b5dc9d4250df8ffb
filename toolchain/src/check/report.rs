//! `-gcflags=-m`: the escape analysis's decisions (`escape.rs`), reported
//! in gc's words: each allocation site and each value boxed for an
//! interface, `escapes to heap` or `does not escape`, each variable
//! `moved to heap`, and each parameter's tag (`leaking param: p`, ...). The analysis records the sites only while a report is
//! asked for ([`enable`]); the lowering hands the lines out with the
//! program (`ir::Program::reports`) and the driver prints those of the
//! packages the flag names.

use super::escape::Escapes;
use crate::diag::Pos;
use crate::syntax::ast::{Expr, ExprKind, UnaryOp};
use crate::syntax::parser::{binary_op_str, expr_string};
use std::sync::atomic::{AtomicBool, Ordering};

static ON: AtomicBool = AtomicBool::new(false);

/// Asks the escape analysis to record what the report says.
pub fn enable() {
    ON.store(true, Ordering::Relaxed);
}

/// Whether a report was asked for.
pub fn on() -> bool {
    ON.load(Ordering::Relaxed)
}

/// The report's lines for one function's analysis.
pub fn lines(esc: &Escapes) -> impl Iterator<Item = (Pos, String)> + '_ {
    esc.sites.iter().map(|(pos, name, escapes)| {
        let line = match escapes {
            None => name.clone(),
            Some(true) => format!("{name} escapes to heap"),
            Some(false) => format!("{name} does not escape"),
        };
        (pos.clone(), line)
    })
}

/// An expression as gc's report names it: a composite literal's elements
/// left out (`&T{...}`), a function literal as `func literal`, a conversion
/// to a type literal with the type in parentheses (`([]byte)(s)`).
pub fn expr_text(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Composite { .. } => composite_text(e),
        ExprKind::Unary { op: UnaryOp::Addr, x } if matches!(x.kind, ExprKind::Composite { .. }) => format!("&{}", composite_text(x)),
        ExprKind::FuncLit { .. } => "func literal".into(),
        ExprKind::Paren(x) => expr_text(x),
        ExprKind::Call { func, args, .. } if func.is_type_literal() => {
            format!("({})({})", expr_string(func), args.iter().map(expr_string).collect::<Vec<_>>().join(", "))
        }
        _ => expr_string(e),
    }
}

/// A composite literal as gc's report names it: `T{...}`, or `T{}` when it
/// has no elements.
pub fn composite_text(e: &Expr) -> String {
    let ExprKind::Composite { typ, elems, .. } = &e.kind else { return expr_string(e) };
    let typ = typ.as_ref().map_or(String::new(), |t| expr_string(t));
    if elems.is_empty() {
        format!("{typ}{{}}")
    } else {
        format!("{typ}{{...}}")
    }
}

/// Where gc's report places an expression: a call at its `(`, a composite
/// literal with a type at its `{` (after the type, as written without
/// spaces), a binary expression at its operator, anything else where it
/// starts.
pub fn position(e: &Expr) -> Pos {
    match &e.kind {
        ExprKind::Call { lparen, .. } => lparen.clone(),
        ExprKind::Composite { typ: Some(t), .. } => {
            let text = expr_string(t);
            match u32::try_from(text.len()) {
                Ok(n) if !text.contains(' ') && t.pos.col > 0 => Pos { col: t.pos.col + n, ..t.pos.clone() },
                _ => e.pos.clone(),
            }
        }
        ExprKind::Paren(x) => position(x),
        ExprKind::Binary { op, x, y } => operator(x, y, binary_op_str(*op).len()).unwrap_or_else(|| e.pos.clone()),
        _ => e.pos.clone(),
    }
}

/// Where the operator of `x op y` is, as gc places a binary expression:
/// found between the operands when `x` is a name or a literal, whose
/// length is its text's, on `y`'s line (`x+y` or `x + y`).
fn operator(x: &Expr, y: &Expr, len: usize) -> Option<Pos> {
    if !matches!(x.kind, ExprKind::Ident(_) | ExprKind::BasicLit(_)) || x.pos.line != y.pos.line || x.pos.file != y.pos.file {
        return None;
    }
    let end = x.pos.col + u32::try_from(expr_string(x).len()).ok()?;
    let len = u32::try_from(len).ok()?;
    let col = match y.pos.col.checked_sub(end)? {
        gap if gap == len => end,
        gap if gap == len + 2 => end + 1,
        _ => return None,
    };
    Some(Pos { col, ..x.pos.clone() })
}
