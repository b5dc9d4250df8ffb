//! Go tokens, shaped like those of Go's own `cmd/compile/internal/syntax`
//! scanner so that error messages can name tokens the way `gc` does.

use super::ast::{BasicLit, BinaryOp};

/// Token kinds. Operators are folded into a few kinds (with the concrete
/// [`Op`] alongside) because the grammar treats them alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    Eof,
    Name,
    Literal,
    /// Any operator except `*`, `=`, `:=`, `<-` (see [`Token::op`]).
    Operator,
    /// `op=` (see [`Token::op`]).
    AssignOp,
    /// `++` or `--` (see [`Token::op`]).
    IncOp,
    Assign,
    Define,
    Arrow,
    /// `*` is separate: it is both a binary operator and a pointer/deref prefix.
    Star,
    Lparen,
    Lbrack,
    Lbrace,
    Rparen,
    Rbrack,
    Rbrace,
    Comma,
    /// An explicit `;`, or one inserted at a newline or at EOF.
    Semi,
    Colon,
    Dot,
    DotDotDot,
    Break,
    Case,
    Chan,
    Const,
    Continue,
    Default,
    Defer,
    Else,
    Fallthrough,
    For,
    Func,
    Go,
    Goto,
    If,
    Import,
    Interface,
    Map,
    Package,
    Range,
    Return,
    Select,
    Struct,
    Switch,
    Type,
    Var,
}

impl Tok {
    /// The keyword spelled `s`, if any.
    pub fn keyword(s: &str) -> Option<Tok> {
        Some(match s {
            "break" => Tok::Break,
            "case" => Tok::Case,
            "chan" => Tok::Chan,
            "const" => Tok::Const,
            "continue" => Tok::Continue,
            "default" => Tok::Default,
            "defer" => Tok::Defer,
            "else" => Tok::Else,
            "fallthrough" => Tok::Fallthrough,
            "for" => Tok::For,
            "func" => Tok::Func,
            "go" => Tok::Go,
            "goto" => Tok::Goto,
            "if" => Tok::If,
            "import" => Tok::Import,
            "interface" => Tok::Interface,
            "map" => Tok::Map,
            "package" => Tok::Package,
            "range" => Tok::Range,
            "return" => Tok::Return,
            "select" => Tok::Select,
            "struct" => Tok::Struct,
            "switch" => Tok::Switch,
            "type" => Tok::Type,
            "var" => Tok::Var,
            _ => return None,
        })
    }

    /// The token as `gc` names it in "expecting X" (its `tokstring`).
    pub fn describe(self) -> &'static str {
        match self {
            Tok::Eof => "EOF",
            Tok::Name => "name",
            Tok::Literal => "literal",
            Tok::Operator => "op",
            Tok::AssignOp => "op=",
            Tok::IncOp => "opop",
            Tok::Assign => "=",
            Tok::Define => ":=",
            Tok::Arrow => "<-",
            Tok::Star => "*",
            Tok::Lparen => "(",
            Tok::Lbrack => "[",
            Tok::Lbrace => "{",
            Tok::Rparen => ")",
            Tok::Rbrack => "]",
            Tok::Rbrace => "}",
            Tok::Comma => "comma",
            Tok::Semi => "semicolon or newline",
            Tok::Colon => ":",
            Tok::Dot => ".",
            Tok::DotDotDot => "...",
            Tok::Break => "break",
            Tok::Case => "case",
            Tok::Chan => "chan",
            Tok::Const => "const",
            Tok::Continue => "continue",
            Tok::Default => "default",
            Tok::Defer => "defer",
            Tok::Else => "else",
            Tok::Fallthrough => "fallthrough",
            Tok::For => "for",
            Tok::Func => "func",
            Tok::Go => "go",
            Tok::Goto => "goto",
            Tok::If => "if",
            Tok::Import => "import",
            Tok::Interface => "interface",
            Tok::Map => "map",
            Tok::Package => "package",
            Tok::Range => "range",
            Tok::Return => "return",
            Tok::Select => "select",
            Tok::Struct => "struct",
            Tok::Switch => "switch",
            Tok::Type => "type",
            Tok::Var => "var",
        }
    }
}

/// Operators carried by [`Tok::Operator`], [`Tok::AssignOp`], [`Tok::IncOp`]
/// and [`Tok::Star`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Not,
    Tilde,
    OrOr,
    AndAnd,
    Eql,
    Neq,
    Lss,
    Leq,
    Gtr,
    Geq,
    Add,
    Sub,
    Or,
    Xor,
    Mul,
    Div,
    Rem,
    And,
    AndNot,
    Shl,
    Shr,
}

impl Op {
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Not => "!",
            Op::Tilde => "~",
            Op::OrOr => "||",
            Op::AndAnd => "&&",
            Op::Eql => "==",
            Op::Neq => "!=",
            Op::Lss => "<",
            Op::Leq => "<=",
            Op::Gtr => ">",
            Op::Geq => ">=",
            Op::Add => "+",
            Op::Sub => "-",
            Op::Or => "|",
            Op::Xor => "^",
            Op::Mul => "*",
            Op::Div => "/",
            Op::Rem => "%",
            Op::And => "&",
            Op::AndNot => "&^",
            Op::Shl => "<<",
            Op::Shr => ">>",
        }
    }

    /// Binary precedence (5 binds tightest); 0 for the unary-only `!` and `~`.
    pub fn prec(self) -> u8 {
        match self {
            Op::Not | Op::Tilde => 0,
            Op::OrOr => 1,
            Op::AndAnd => 2,
            Op::Eql | Op::Neq | Op::Lss | Op::Leq | Op::Gtr | Op::Geq => 3,
            Op::Add | Op::Sub | Op::Or | Op::Xor => 4,
            Op::Mul | Op::Div | Op::Rem | Op::And | Op::AndNot | Op::Shl | Op::Shr => 5,
        }
    }

    /// The AST operator, for everything that can be binary.
    pub fn binary(self) -> Option<BinaryOp> {
        Some(match self {
            Op::OrOr => BinaryOp::LOr,
            Op::AndAnd => BinaryOp::LAnd,
            Op::Eql => BinaryOp::Eq,
            Op::Neq => BinaryOp::Ne,
            Op::Lss => BinaryOp::Lt,
            Op::Leq => BinaryOp::Le,
            Op::Gtr => BinaryOp::Gt,
            Op::Geq => BinaryOp::Ge,
            Op::Add => BinaryOp::Add,
            Op::Sub => BinaryOp::Sub,
            Op::Or => BinaryOp::Or,
            Op::Xor => BinaryOp::Xor,
            Op::Mul => BinaryOp::Mul,
            Op::Div => BinaryOp::Div,
            Op::Rem => BinaryOp::Rem,
            Op::And => BinaryOp::And,
            Op::AndNot => BinaryOp::AndNot,
            Op::Shl => BinaryOp::Shl,
            Op::Shr => BinaryOp::Shr,
            Op::Not | Op::Tilde => return None,
        })
    }
}

/// One token with its start position.
#[derive(Clone, Debug)]
pub struct Token {
    pub tok: Tok,
    pub line: u32,
    pub col: u32,
    /// The name for [`Tok::Name`]; the source text for [`Tok::Literal`];
    /// `semicolon`, `newline` or `EOF` for [`Tok::Semi`]; empty otherwise.
    pub lit: String,
    /// The operator for [`Tok::Operator`], [`Tok::AssignOp`], [`Tok::IncOp`], [`Tok::Star`].
    pub op: Op,
    /// The decoded value of a [`Tok::Literal`].
    pub value: Option<BasicLit>,
}

impl Token {
    /// The token as it appears after "unexpected" in `gc`'s syntax errors.
    pub fn describe(&self) -> String {
        match self.tok {
            Tok::Name | Tok::Semi => self.lit.clone(),
            Tok::Literal => format!("literal {}", self.lit),
            Tok::Operator | Tok::Star => self.op.as_str().to_string(),
            Tok::AssignOp => format!("{}=", self.op.as_str()),
            Tok::IncOp => format!("{0}{0}", self.op.as_str()),
            t => t.describe().to_string(),
        }
    }
}
