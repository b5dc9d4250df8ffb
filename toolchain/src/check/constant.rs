//! Compile-time constant values and their arithmetic.
//!
//! Go's untyped constants have arbitrary precision; rgo represents integers
//! as `i128` (enough for every program in Go's test corpus that rgo targets,
//! and overflow is reported instead of wrapping), floats as [`Float`] (a
//! 128-bit mantissa and a wide exponent: `1e1000` is a valid constant) and
//! complex numbers as two `f64`.

pub use super::float::Float;
use crate::syntax::ast::BinaryOp;

#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    Bool(bool),
    Int(i128),
    Float(Float),
    Complex(Float, Float),
    String(Vec<u8>),
}

impl Const {
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Const::Int(i) => Some(*i as f64),
            Const::Float(f) => Some(f.to_f64()),
            Const::Complex(r, i) if i.is_zero() => Some(r.to_f64()),
            _ => None,
        }
    }

    /// The value as an untyped float constant, if it is a number with no
    /// imaginary part.
    pub fn as_float(&self) -> Option<Float> {
        match self {
            Const::Int(i) => Some(Float::from_i128(*i)),
            Const::Float(f) => Some(*f),
            Const::Complex(r, i) if i.is_zero() => Some(*r),
            _ => None,
        }
    }

    /// The integer value, if this is an integer or an integral float.
    pub fn as_int(&self) -> Option<i128> {
        match self {
            Const::Int(i) => Some(*i),
            Const::Float(f) => f.to_i128(),
            Const::Complex(r, i) if i.is_zero() => r.to_i128(),
            _ => None,
        }
    }

    /// The parts, rounded to `f64`.
    pub fn as_complex(&self) -> Option<(f64, f64)> {
        self.as_complex_float().map(|(r, i)| (r.to_f64(), i.to_f64()))
    }

    /// The parts, as untyped float constants.
    pub fn as_complex_float(&self) -> Option<(Float, Float)> {
        match self {
            Const::Int(i) => Some((Float::from_i128(*i), Float::ZERO)),
            Const::Float(f) => Some((*f, Float::ZERO)),
            Const::Complex(r, i) => Some((*r, *i)),
            _ => None,
        }
    }

    /// Rank for binary operations on untyped constants: int < float < complex.
    fn rank(&self) -> u8 {
        match self {
            Const::Int(_) => 0,
            Const::Float(_) => 1,
            Const::Complex(..) => 2,
            _ => 3,
        }
    }

    /// Text for diagnostics, as Go prints constants.
    pub fn describe(&self) -> String {
        match self {
            Const::Bool(b) => b.to_string(),
            Const::Int(i) => i.to_string(),
            Const::Float(f) => f.describe(),
            Const::Complex(r, i) => format!("({} + {}i)", r.describe(), i.describe()),
            Const::String(s) => format!("{:?}", String::from_utf8_lossy(s)),
        }
    }
}

/// Parses an integer literal's source text.
pub fn parse_int(text: &str) -> Option<i128> {
    let t: String = text.chars().filter(|c| *c != '_').collect();
    let (digits, radix) = if let Some(r) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        (r.to_string(), 16)
    } else if let Some(r) = t.strip_prefix("0b").or_else(|| t.strip_prefix("0B")) {
        (r.to_string(), 2)
    } else if let Some(r) = t.strip_prefix("0o").or_else(|| t.strip_prefix("0O")) {
        (r.to_string(), 8)
    } else if t.len() > 1 && t.starts_with('0') {
        (t[1..].to_string(), 8)
    } else {
        (t, 10)
    };
    i128::from_str_radix(&digits, radix).ok()
}

/// Parses a float literal's source text (decimal or hexadecimal).
pub fn parse_float(text: &str) -> Option<Float> {
    Float::parse(text)
}

/// Applies a binary operator to two constants already converted to a
/// common kind. `Err` carries Go's message.
pub fn binary(op: BinaryOp, x: &Const, y: &Const, integer_div: bool) -> Result<Const, String> {
    use BinaryOp::*;
    match (x, y) {
        (Const::Bool(a), Const::Bool(b)) => {
            return Ok(Const::Bool(match op {
                LAnd => *a && *b,
                LOr => *a || *b,
                Eq => a == b,
                Ne => a != b,
                _ => return Err("operator not defined on bool".into()),
            }))
        }
        (Const::String(a), Const::String(b)) => {
            return Ok(match op {
                Add => Const::String([a.as_slice(), b.as_slice()].concat()),
                Eq | Ne | Lt | Le | Gt | Ge => Const::Bool(compare(op, a, b)),
                _ => return Err("operator not defined on string".into()),
            })
        }
        _ => {}
    }
    let rank = x.rank().max(y.rank());
    if rank == 3 {
        return Err("mismatched constant types".into());
    }
    if rank == 0 || (integer_div && matches!(op, Div | Rem) && x.as_int().is_some() && y.as_int().is_some()) {
        let (a, b) = (x.as_int().ok_or("truncated")?, y.as_int().ok_or("truncated")?);
        let ovf = || "constant overflow".to_string();
        return Ok(match op {
            Add => Const::Int(a.checked_add(b).ok_or_else(ovf)?),
            Sub => Const::Int(a.checked_sub(b).ok_or_else(ovf)?),
            Mul => Const::Int(a.checked_mul(b).ok_or_else(ovf)?),
            Div => {
                if b == 0 {
                    return Err("invalid operation: division by zero".into());
                }
                if integer_div || rank == 0 {
                    Const::Int(a / b)
                } else {
                    Const::Float(Float::from_i128(a) / Float::from_i128(b))
                }
            }
            Rem => {
                if b == 0 {
                    return Err("invalid operation: division by zero".into());
                }
                Const::Int(a % b)
            }
            And => Const::Int(a & b),
            Or => Const::Int(a | b),
            Xor => Const::Int(a ^ b),
            AndNot => Const::Int(a & !b),
            Shl => {
                if !(0..=127).contains(&b) {
                    return Err("invalid shift count".into());
                }
                let r = a.checked_shl(b as u32).ok_or_else(ovf)?;
                if (r >> b) != a {
                    return Err(ovf());
                }
                Const::Int(r)
            }
            Shr => {
                if b < 0 {
                    return Err("invalid shift count".into());
                }
                Const::Int(if b > 127 { if a < 0 { -1 } else { 0 } } else { a >> b })
            }
            Eq | Ne | Lt | Le | Gt | Ge => Const::Bool(compare(op, &a, &b)),
            LAnd | LOr => return Err("operator not defined on numbers".into()),
        });
    }
    if rank == 1 {
        let (a, b) = (x.as_float().unwrap(), y.as_float().unwrap());
        // Constants are exact: a zero result is +0 (`-0.0*1` is 0 in Go).
        return Ok(match op {
            Add => Const::Float(a + b),
            Sub => Const::Float(a - b),
            Mul => Const::Float(a * b),
            Div => {
                if b.is_zero() {
                    return Err("invalid operation: division by zero".into());
                }
                Const::Float(a / b)
            }
            Eq | Ne | Lt | Le | Gt | Ge => Const::Bool(compare(op, &a, &b)),
            _ => return Err("operator not defined on floating-point numbers".into()),
        });
    }
    let ((ar, ai), (br, bi)) = (x.as_complex_float().unwrap(), y.as_complex_float().unwrap());
    Ok(match op {
        Add => Const::Complex(ar + br, ai + bi),
        Sub => Const::Complex(ar - br, ai - bi),
        Mul => Const::Complex(ar * br - ai * bi, ar * bi + ai * br),
        Div => {
            let d = br * br + bi * bi;
            if d.is_zero() {
                return Err("invalid operation: division by zero".into());
            }
            Const::Complex((ar * br + ai * bi) / d, (ai * br - ar * bi) / d)
        }
        Eq => Const::Bool(ar == br && ai == bi),
        Ne => Const::Bool(ar != br || ai != bi),
        _ => return Err("operator not defined on complex numbers".into()),
    })
}

/// `a op b` for a comparison operator.
fn compare<T: PartialOrd + ?Sized>(op: BinaryOp, a: &T, b: &T) -> bool {
    match op {
        BinaryOp::Eq => a == b,
        BinaryOp::Ne => a != b,
        BinaryOp::Lt => a < b,
        BinaryOp::Le => a <= b,
        BinaryOp::Gt => a > b,
        _ => a >= b,
    }
}

/// Whether integer `v` fits the integer kind of `size` bytes and signedness.
pub fn int_fits(v: i128, size: u64, signed: bool) -> bool {
    let bits = size * 8;
    if signed {
        let min = -(1i128 << (bits - 1));
        let max = (1i128 << (bits - 1)) - 1;
        v >= min && v <= max
    } else {
        v >= 0 && v < (1i128 << bits)
    }
}
