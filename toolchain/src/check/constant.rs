//! Compile-time constant values and their arithmetic.
//!
//! Go's untyped constants have arbitrary precision; rgo represents integers
//! as `i128` (enough for every program in Go's test corpus that rgo targets,
//! and overflow is reported instead of wrapping) and floats as `f64`, or as
//! [`Float`] (a wide exponent) beyond `f64`'s range.

pub use super::float::Float;
use crate::syntax::ast::BinaryOp;

#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    Bool(bool),
    Int(i128),
    Float(f64),
    Complex(f64, f64),
    String(Vec<u8>),
    /// An untyped float constant beyond `f64`'s range (`1e646456992`,
    /// `1e-400`, `1e300 * 1e300`), which Go's constants hold too.
    Huge(Float),
}

impl Const {
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Const::Int(i) => Some(*i as f64),
            Const::Float(f) => Some(*f),
            Const::Complex(r, i) if *i == 0.0 => Some(*r),
            // Infinite or zero: callers report overflow, or round to zero.
            Const::Huge(h) => Some(h.to_f64()),
            _ => None,
        }
    }

    /// A float constant's value with the exponent range of [`Float`].
    fn as_wide(&self) -> Option<Float> {
        match self {
            Const::Huge(h) => Some(*h),
            _ => self.as_f64().map(Float::from_f64),
        }
    }

    /// The integer value, if this is an integer or an integral float.
    pub fn as_int(&self) -> Option<i128> {
        match self {
            Const::Int(i) => Some(*i),
            Const::Float(f) if f.fract() == 0.0 && f.abs() < 1.7e38 => Some(*f as i128),
            Const::Complex(r, i) if *i == 0.0 && r.fract() == 0.0 && r.abs() < 1.7e38 => Some(*r as i128),
            _ => None,
        }
    }

    pub fn as_complex(&self) -> Option<(f64, f64)> {
        match self {
            Const::Int(i) => Some((*i as f64, 0.0)),
            Const::Float(f) => Some((*f, 0.0)),
            Const::Complex(r, i) => Some((*r, *i)),
            Const::Huge(h) => Some((h.to_f64(), 0.0)),
            _ => None,
        }
    }

    /// Rank for binary operations on untyped constants: int < float < complex.
    fn rank(&self) -> u8 {
        match self {
            Const::Int(_) => 0,
            Const::Float(_) | Const::Huge(_) => 1,
            Const::Complex(..) => 2,
            _ => 3,
        }
    }

    /// Text for diagnostics, as Go prints constants.
    pub fn describe(&self) -> String {
        match self {
            Const::Bool(b) => b.to_string(),
            Const::Int(i) => i.to_string(),
            Const::Float(f) => {
                if f.fract() == 0.0 && f.abs() < 1e21 {
                    format!("{}", *f as i128)
                } else {
                    format!("{f}")
                }
            }
            Const::Complex(r, i) => format!("({r} + {i}i)"),
            Const::Huge(h) => h.describe(),
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
pub fn parse_float(text: &str) -> Option<f64> {
    let t: String = text.chars().filter(|c| *c != '_').collect();
    if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        let (mant, exp) = match h.find(['p', 'P']) {
            Some(i) => (&h[..i], h[i + 1..].parse::<i32>().ok()?),
            None => (h, 0),
        };
        let (ip, fp) = match mant.find('.') {
            Some(i) => (&mant[..i], &mant[i + 1..]),
            None => (mant, ""),
        };
        let mut v = 0f64;
        for c in ip.chars().chain(fp.chars()) {
            v = v * 16.0 + c.to_digit(16)? as f64;
        }
        let e = exp - 4 * fp.len() as i32;
        return Some(v * 2f64.powi(e));
    }
    t.parse::<f64>().ok()
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
                    Const::Float(a as f64 / b as f64)
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
    if rank == 1 && (matches!(x, Const::Huge(_)) || matches!(y, Const::Huge(_))) {
        return wide_binary(op, x.as_wide().unwrap(), y.as_wide().unwrap());
    }
    if rank == 1 {
        let (a, b) = (x.as_f64().unwrap(), y.as_f64().unwrap());
        // Beyond f64's range (an infinite result, or zero from non-zero
        // factors): the wide exponent of `Float`.
        let overflows = |r: f64| !r.is_finite() || (r == 0.0 && matches!(op, Mul | Div) && a != 0.0);
        if matches!(op, Add | Sub | Mul | Div) && b != 0.0 {
            let r = match op {
                Add => a + b,
                Sub => a - b,
                Mul => a * b,
                _ => a / b,
            };
            if overflows(r) {
                return wide_binary(op, Float::from_f64(a), Float::from_f64(b));
            }
        }
        // Constants are exact: a zero result is +0 (`-0.0*1` is 0 in Go).
        return Ok(match op {
            Add => Const::Float(a + b + 0.0),
            Sub => Const::Float(a - b + 0.0),
            Mul => Const::Float(a * b + 0.0),
            Div => {
                if b == 0.0 {
                    return Err("invalid operation: division by zero".into());
                }
                Const::Float(a / b + 0.0)
            }
            Eq | Ne | Lt | Le | Gt | Ge => Const::Bool(compare(op, &a, &b)),
            _ => return Err("operator not defined on floating-point numbers".into()),
        });
    }
    let ((ar, ai), (br, bi)) = (x.as_complex().unwrap(), y.as_complex().unwrap());
    Ok(match op {
        Add => Const::Complex(ar + br, ai + bi),
        Sub => Const::Complex(ar - br, ai - bi),
        Mul => Const::Complex(ar * br - ai * bi, ar * bi + ai * br),
        Div => {
            let d = br * br + bi * bi;
            if d == 0.0 {
                return Err("invalid operation: division by zero".into());
            }
            Const::Complex((ar * br + ai * bi) / d, (ai * br - ar * bi) / d)
        }
        Eq => Const::Bool(ar == br && ai == bi),
        Ne => Const::Bool(ar != br || ai != bi),
        _ => return Err("operator not defined on complex numbers".into()),
    })
}

/// Arithmetic or comparison of float constants of which one is beyond
/// `f64`'s range; a result back in range is an ordinary `f64` constant.
fn wide_binary(op: BinaryOp, a: Float, b: Float) -> Result<Const, String> {
    use BinaryOp::*;
    let r = match op {
        Add => a + b,
        Sub => a - b,
        Mul => a * b,
        Div => {
            if b.is_zero() {
                return Err("invalid operation: division by zero".into());
            }
            a / b
        }
        Eq | Ne | Lt | Le | Gt | Ge => return Ok(Const::Bool(compare(op, &a, &b))),
        _ => return Err("operator not defined on floating-point numbers".into()),
    };
    Ok(wide_const(r))
}

/// The constant for float value `v`: an `f64` when within its normal
/// range, else [`Const::Huge`].
fn wide_const(v: Float) -> Const {
    let f = v.to_f64();
    if v.is_zero() || (f.is_finite() && f.abs() >= f64::MIN_POSITIVE) {
        Const::Float(f)
    } else {
        Const::Huge(v)
    }
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
