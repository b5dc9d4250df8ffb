//! Compile-time constant values and their arithmetic.
//!
//! Go's untyped constants have arbitrary precision; rgo represents integers
//! as `i128` and floats as `f64` when they fit exactly, and other values
//! (`1 << 500`, `0.1`, `two128 - ulp32/2`) as exact rationals ([`Rat`]),
//! rounded once when the constant gets a type. Float literals beyond the
//! rationals' range (`1e646456992`) are [`Float`]s, binary floats with a
//! 128-bit mantissa and a wide exponent.

use super::bignum::Rat;
pub use super::float::Float;
use super::types::Basic;
use crate::syntax::ast::{BasicLit, BinaryOp};

#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    Bool(bool),
    Int(i128),
    Float(f64),
    Complex(f64, f64),
    String(Vec<u8>),
    /// An exact value that is not an `i128` (integer kind, `true`) or not
    /// exactly an `f64` (float kind, `false`).
    Big(Box<Rat>, bool),
    /// A complex value whose parts are not both exactly `f64`s.
    BigComplex(Box<(Rat, Rat)>),
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
            Const::BigComplex(c) if c.1.is_zero() => Const::Big(Box::new(c.0.clone()), false).as_f64(),
            // Beyond the largest f64: infinite, which callers report as
            // overflow. Rounded to zero, it is +0: constants have no -0.
            Const::Big(r, _) => Some(r.to_f64().unwrap_or(if r < &Box::new(Rat::from_i128(0)) { f64::NEG_INFINITY } else { f64::INFINITY }) + 0.0),
            // Infinite or zero: callers report overflow, or round to zero.
            Const::Huge(h) => Some(h.to_f64() + 0.0),
            _ => None,
        }
    }

    /// The exact value of a numeric constant.
    pub fn to_rat(&self) -> Option<Rat> {
        match self {
            Const::Int(i) => Some(Rat::from_i128(*i)),
            Const::Float(f) => Rat::from_f64(*f),
            Const::Complex(r, i) if *i == 0.0 => Rat::from_f64(*r),
            Const::Big(r, _) => Some((**r).clone()),
            Const::BigComplex(c) if c.1.is_zero() => Some(c.0.clone()),
            _ => None,
        }
    }

    /// The exact real and imaginary parts of a numeric constant.
    pub fn to_rat_pair(&self) -> Option<(Rat, Rat)> {
        match self {
            Const::Complex(r, i) => Some((Rat::from_f64(*r)?, Rat::from_f64(*i)?)),
            Const::BigComplex(c) => Some((**c).clone()),
            _ => Some((self.to_rat()?, Rat::from_i128(0))),
        }
    }

    /// The value as an integer constant, if it is integral (`1e100`).
    pub fn to_integer(&self) -> Option<Const> {
        match self {
            Const::Int(_) => Some(self.clone()),
            _ => {
                let r = self.to_rat()?;
                if !r.is_int() {
                    return None;
                }
                Some(match r.to_i128() {
                    Some(i) => Const::Int(i),
                    None => Const::Big(Box::new(r), true),
                })
            }
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
            Const::Big(r, _) => r.to_i128(),
            Const::BigComplex(c) if c.1.is_zero() => c.0.to_i128(),
            _ => None,
        }
    }

    pub fn as_complex(&self) -> Option<(f64, f64)> {
        match self {
            Const::Int(i) => Some((*i as f64, 0.0)),
            Const::Float(f) => Some((*f, 0.0)),
            Const::Complex(r, i) => Some((*r, *i)),
            Const::Big(..) => Some((self.as_f64()?, 0.0)),
            Const::BigComplex(c) => Some((Const::Big(Box::new(c.0.clone()), false).as_f64()?, Const::Big(Box::new(c.1.clone()), false).as_f64()?)),
            Const::Huge(h) => Some((h.to_f64(), 0.0)),
            _ => None,
        }
    }

    /// Rank for binary operations on untyped constants: int < float < complex.
    fn rank(&self) -> u8 {
        match self {
            Const::Int(_) | Const::Big(_, true) => 0,
            Const::Float(_) | Const::Big(_, false) | Const::Huge(_) => 1,
            Const::Complex(..) | Const::BigComplex(_) => 2,
            _ => 3,
        }
    }

    /// Text for diagnostics, as Go prints constants.
    pub fn describe(&self) -> String {
        match self {
            Const::Bool(b) => b.to_string(),
            Const::Int(i) => i.to_string(),
            Const::Float(f) => short_float(*f),
            Const::Complex(r, i) => format!("({} + {}i)", short_float(*r), short_float(*i)),
            Const::Huge(h) => h.describe(),
            Const::String(s) => format!("{:?}", String::from_utf8_lossy(s)),
            Const::Big(r, true) => r.describe(),
            Const::Big(r, false) => rat_float(r),
            Const::BigComplex(c) => format!("({} + {}i)", rat_float(&c.0), rat_float(&c.1)),
        }
    }
}

/// A float constant's text in diagnostics, as go/constant writes it: six
/// significant digits (`%.6g`: `1.5`, `100`, `1e+300`, `1.23457e+08`).
pub fn short_float(f: f64) -> String {
    if !f.is_finite() {
        return format!("{f}");
    }
    let sci = format!("{f:.5e}");
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let trim = |s: &str| if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s.to_string() };
    if !(-4..6).contains(&exp) {
        format!("{}e{}{:02}", trim(mant), if exp < 0 { '-' } else { '+' }, exp.unsigned_abs())
    } else {
        trim(&format!("{f:.*}", (5 - exp) as usize))
    }
}

/// A float-kind rational's text: [`short_float`] of its nearest `f64`, or
/// the exact fraction beyond `f64`'s range.
fn rat_float(r: &Rat) -> String {
    match r.to_f64() {
        Some(f) if f.is_finite() && (f != 0.0 || r.is_zero()) => short_float(f),
        _ => r.describe(),
    }
}

/// A literal's untyped kind and value; the message of gc's error for a
/// literal no constant holds.
pub fn literal(l: &BasicLit) -> Result<(Basic, Const), String> {
    Ok(match l {
        BasicLit::Int(s) => {
            let c = match parse_int(s) {
                Some(v) => Const::Int(v),
                None => parse_big_int(s).ok_or_else(|| format!("integer constant too large: {s}"))?,
            };
            (Basic::UntypedInt, c)
        }
        BasicLit::Float(s) => {
            if float_literal_overflows(s) {
                return Err(format!("malformed constant: {s}"));
            }
            (Basic::UntypedFloat, parse_float_const(s).ok_or_else(|| format!("invalid float literal {s}"))?)
        }
        BasicLit::Imag(s) => {
            let t = s.trim_end_matches('i');
            let v = if t.contains(['.', 'e', 'E', 'p', 'P']) && !t.starts_with("0x") || t.contains(['p', 'P']) {
                parse_float_const(t)
            } else {
                // Decimal digits with leading zeros are decimal here.
                let digits: String = t.chars().filter(|c| *c != '_').collect();
                if digits.starts_with("0x") || digits.starts_with("0b") || digits.starts_with("0o") {
                    parse_int(&digits).map(Const::Int).or_else(|| parse_big_int(&digits))
                } else {
                    parse_float_const(&digits)
                }
            }
            .ok_or_else(|| format!("invalid imaginary literal {s}"))?;
            let c = match v.to_rat() {
                Some(v) => normalize_complex(Rat::from_i128(0), v)?,
                // Past what complex constants keep exactly (`1e-1000i`;
                // only floats have the wide form): rounding it would
                // change exact results such as `imag(1e-1000i) == 0`.
                None => return Err(format!("rgo does not support imaginary constants beyond the exact range ({s}) yet")),
            };
            (Basic::UntypedComplex, c)
        }
        BasicLit::Char(c) => (Basic::UntypedRune, Const::Int(*c as i128)),
        BasicLit::String(s) => (Basic::UntypedString, Const::String(s.clone())),
    })
}

/// The constant of kind integer (`int`) or float holding exact value `r`:
/// an `i128` or `f64` when it is one exactly.
pub fn normalize(r: Rat, int: bool) -> Result<Const, String> {
    if int {
        // Go keeps at least 256 bits (gc 512) for untyped integers.
        if r.int_bits() > 512 {
            return Err("constant overflow".into());
        }
        return Ok(match r.to_i128() {
            Some(i) => Const::Int(i),
            None => Const::Big(Box::new(r), true),
        });
    }
    let r = if r.too_big() { r.approx(super::bignum::APPROX_BITS) } else { r };
    if r.too_big() {
        // Past what rgo keeps exactly even rounded (`1e300 * 1e300`): the
        // wide form.
        return Ok(wide_const(r.to_wide()));
    }
    Ok(match r.exact_f64() {
        Some(f) => Const::Float(f),
        None => Const::Big(Box::new(r), false),
    })
}

/// The complex constant with exact parts `re` and `im`: `f64`s when
/// both are exactly.
pub fn normalize_complex(re: Rat, im: Rat) -> Result<Const, String> {
    if re.too_big() || im.too_big() {
        let (Some(r), Some(i)) = (re.to_f64(), im.to_f64()) else { return Err("constant overflow".into()) };
        return Ok(Const::Complex(r, i));
    }
    Ok(match (re.exact_f64(), im.exact_f64()) {
        (Some(r), Some(i)) => Const::Complex(r, i),
        _ => Const::BigComplex(Box::new((re, im))),
    })
}

/// An integer literal too large for `i128`, exactly.
pub fn parse_big_int(text: &str) -> Option<Const> {
    let t: String = text.chars().filter(|c| *c != '_').collect();
    let (digits, radix) = if let Some(r) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        (r, 16)
    } else if let Some(r) = t.strip_prefix("0b").or_else(|| t.strip_prefix("0B")) {
        (r, 2)
    } else if let Some(r) = t.strip_prefix("0o").or_else(|| t.strip_prefix("0O")) {
        (r, 8)
    } else if t.len() > 1 && t.starts_with('0') {
        (&t[1..], 8)
    } else {
        (t.as_str(), 10)
    };
    normalize(Rat::parse_int(digits, radix)?, true).ok()
}

/// A float literal, exactly when rgo can hold it exactly.
pub fn parse_float_const(text: &str) -> Option<Const> {
    let t: String = text.chars().filter(|c| *c != '_').collect();
    let exact = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        let (mant, exp) = match h.find(['p', 'P']) {
            Some(i) => (&h[..i], h[i + 1..].parse::<i64>().ok()?),
            None => (h, 0),
        };
        let (ip, fp) = mant.split_once('.').unwrap_or((mant, ""));
        Rat::from_hex(&format!("{ip}{fp}"), exp - 4 * fp.len() as i64)
    } else {
        Rat::parse_decimal(&t)
    };
    match exact {
        Some(r) => normalize(r, false).ok(),
        // Beyond what is kept exactly (infinite or zero as an f64 too): the
        // wide form.
        None => {
            let v = parse_float(text)?;
            Some(match Float::parse(text) {
                Some(w) if !v.is_finite() || (v == 0.0 && !w.is_zero()) => Const::Huge(w),
                _ => Const::Float(v),
            })
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
/// Whether a decimal float literal is beyond any exact arithmetic: its
/// value overflows a binary exponent of 32 bits, which gc reports as a
/// malformed constant (`6e5518446744`). (Underflow is zero.)
pub fn float_literal_overflows(text: &str) -> bool {
    let t: String = text.chars().filter(|c| *c != '_').collect();
    if t.starts_with("0x") || t.starts_with("0X") {
        return false;
    }
    let (mant, exp) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], &t[i + 1..]),
        None => (&t[..], "0"),
    };
    // Exponents too long for i64 are surely out of range (or zero).
    let exp: i128 = exp.parse().unwrap_or(if exp.starts_with('-') { i128::MIN / 2 } else { i128::MAX / 2 });
    let (ip, fp) = mant.split_once('.').unwrap_or((mant, ""));
    // The decimal magnitude of the first significant digit.
    let mag = match ip.find(|c: char| c != '0') {
        Some(i) => (ip.len() - i) as i128 - 1,
        None => match fp.find(|c: char| c != '0') {
            Some(i) => -(i as i128) - 1,
            None => return false,
        },
    };
    // 2^(2^31 - 1) is about 10^646456992.
    exp.saturating_add(mag) > 646_456_992
}

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
    if rank <= 1 {
        if let Some(r) = exact_binary(op, x, y, rank, integer_div)? {
            return Ok(r);
        }
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
    if let (Some((ar, ai)), Some((br, bi))) = (x.to_rat_pair(), y.to_rat_pair()) {
        return Ok(match op {
            Add => normalize_complex(ar.add(&br), ai.add(&bi))?,
            Sub => normalize_complex(ar.sub(&br), ai.sub(&bi))?,
            Mul => normalize_complex(ar.mul(&br).sub(&ai.mul(&bi)), ar.mul(&bi).add(&ai.mul(&br)))?,
            Div => {
                let d = br.mul(&br).add(&bi.mul(&bi));
                if d.is_zero() {
                    return Err("invalid operation: division by zero".into());
                }
                normalize_complex(ar.mul(&br).add(&ai.mul(&bi)).div(&d), ai.mul(&br).sub(&ar.mul(&bi)).div(&d))?
            }
            Eq => Const::Bool(ar == br && ai == bi),
            Ne => Const::Bool(ar != br || ai != bi),
            _ => return Err("operator not defined on complex numbers".into()),
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

/// `x op y` computed exactly, for operands of integer or float kind, when
/// one is not an `i128` or `f64` or the operation leaves them (integer
/// overflow of `i128`, float arithmetic, which is exact for constants).
/// `None` leaves it to the `i128` arithmetic.
fn exact_binary(op: BinaryOp, x: &Const, y: &Const, rank: u8, integer_div: bool) -> Result<Option<Const>, String> {
    use BinaryOp::*;
    let big = matches!(x, Const::Big(..)) || matches!(y, Const::Big(..));
    if rank == 0 && !big {
        // i128 unless it overflows.
        let (Some(a), Some(b)) = (x.as_int(), y.as_int()) else { return Ok(None) };
        let fits = match op {
            Add => a.checked_add(b).is_some(),
            Sub => a.checked_sub(b).is_some(),
            Mul => a.checked_mul(b).is_some(),
            Shl => (0..=127).contains(&b) && a.checked_shl(b as u32).is_some_and(|r| r >> b == a),
            _ => true,
        };
        if fits {
            return Ok(None);
        }
    }
    let (Some(a), Some(b)) = (x.to_rat(), y.to_rat()) else { return Ok(None) };
    let int = rank == 0 || (integer_div && matches!(op, Div | Rem) && a.is_int() && b.is_int());
    let r = match op {
        Add => a.add(&b),
        Sub => a.sub(&b),
        Mul => a.mul(&b),
        Div | Rem => {
            if b.is_zero() {
                return Err("invalid operation: division by zero".into());
            }
            if int {
                let (q, r) = a.quo_rem(&b);
                if op == Div {
                    q
                } else {
                    r
                }
            } else if op == Div {
                a.div(&b)
            } else {
                return Err("operator % not defined on floating-point numbers".into());
            }
        }
        Shl | Shr => {
            if !a.is_int() {
                return Err("truncated".into());
            }
            let Some(n) = b.to_i128().filter(|n| *n >= 0) else { return Err("invalid shift count".into()) };
            if op == Shr {
                a.shr(n.min(1 << 20) as u64)
            } else if n > 512 && !a.is_zero() {
                return Err("constant shift overflow".into());
            } else {
                a.shl(n as u64)
            }
        }
        Eq | Ne | Lt | Le | Gt | Ge => return Ok(Some(Const::Bool(compare(op, &a, &b)))),
        And | Or | Xor | AndNot if !big => return Ok(None),
        _ => return Err("rgo does not support bitwise operations on constants beyond 128 bits yet".into()),
    };
    normalize(r, int).map(Some)
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
