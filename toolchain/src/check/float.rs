//! Untyped float constants beyond `f64`'s range: binary floating point
//! with a 128-bit mantissa and a 64-bit exponent. Go's constants have an
//! exponent range of 32 bits and more (`1e646456992 / 1e646456991` is 10);
//! an `f64` overflows at 1e308, making that `inf / inf`. 128 bits of
//! mantissa keep results that end up in a float64 correctly rounded in
//! practice.

use std::cmp::Ordering;

/// `(-1)^neg * mant * 2^exp`; `mant` has its top bit set, or is 0 for
/// zero (then `neg` is false and `exp` 0). Constants have no negative zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Float {
    neg: bool,
    mant: u128,
    exp: i64,
}

/// A 256-bit unsigned integer as (high, low) halves.
type U256 = (u128, u128);

fn shl256((hi, lo): U256, n: u32) -> U256 {
    match n {
        0 => (hi, lo),
        1..=127 => ((hi << n) | (lo >> (128 - n)), lo << n),
        128..=255 => (lo << (n - 128), 0),
        _ => (0, 0),
    }
}

/// Shifts right, folding every bit shifted out into the lowest bit
/// (sticky), which is all rounding needs to know about them.
fn shr256_sticky((hi, lo): U256, n: u32) -> U256 {
    let lost = match n {
        0 => false,
        1..=127 => lo & ((1u128 << n) - 1) != 0,
        128 => lo != 0,
        129..=255 => lo != 0 || hi & ((1u128 << (n - 128)) - 1) != 0,
        _ => hi != 0 || lo != 0,
    };
    let (h, l) = match n {
        0 => (hi, lo),
        1..=127 => (hi >> n, (lo >> n) | (hi << (128 - n))),
        128..=255 => (0, hi >> (n - 128)),
        _ => (0, 0),
    };
    (h, l | lost as u128)
}

fn mul128(a: u128, b: u128) -> U256 {
    let (a1, a0) = (a >> 64, a & u64::MAX as u128);
    let (b1, b0) = (b >> 64, b & u64::MAX as u128);
    let p00 = a0 * b0;
    let p01 = a0 * b1;
    let p10 = a1 * b0;
    let p11 = a1 * b1;
    let (mid, c1) = p01.overflowing_add(p10);
    let (lo, c2) = p00.overflowing_add(mid << 64);
    let hi = p11 + (mid >> 64) + ((c1 as u128) << 64) + c2 as u128;
    (hi, lo)
}

impl Float {
    pub const ZERO: Float = Float { neg: false, mant: 0, exp: 0 };

    /// Sign, mantissa and exponent (what [`Float::from_parts`] takes), as
    /// export data keeps a constant.
    pub fn parts(&self) -> (bool, u128, i64) {
        (self.neg, self.mant, self.exp)
    }

    /// Rounds `n * 2^exp` (half to even) to 128 bits.
    fn round(neg: bool, n: U256, exp: i64) -> Float {
        if n == (0, 0) {
            return Float::ZERO;
        }
        let lz = if n.0 != 0 { n.0.leading_zeros() } else { 128 + n.1.leading_zeros() };
        let (mut mant, rest) = shl256(n, lz);
        let mut exp = exp - lz as i64 + 128;
        const HALF: u128 = 1 << 127;
        if rest > HALF || (rest == HALF && mant & 1 == 1) {
            mant = mant.wrapping_add(1);
            if mant == 0 {
                mant = HALF;
                exp += 1;
            }
        }
        Float { neg, mant, exp }
    }

    /// `(-1)^neg * mant * 2^exp`, rounded to 128 bits.
    pub fn from_parts(neg: bool, mant: u128, exp: i64) -> Float {
        Float::round(neg, (0, mant), exp)
    }

    pub fn from_i128(v: i128) -> Float {
        Float::round(v < 0, (0, v.unsigned_abs()), 0)
    }

    pub fn from_f64(v: f64) -> Float {
        if v == 0.0 || !v.is_finite() {
            return Float::ZERO;
        }
        let bits = v.to_bits();
        let e = ((bits >> 52) & 0x7ff) as i64;
        let frac = (bits & ((1 << 52) - 1)) as u128;
        let (m, e) = if e == 0 { (frac, -1074) } else { (frac | 1 << 52, e - 1075) };
        Float::round(v < 0.0, (0, m), e)
    }

    pub fn is_zero(&self) -> bool {
        self.mant == 0
    }

    /// Rounds to the IEEE format with `mbits` mantissa bits (the implicit
    /// one included) and largest exponent `emax`; `None` on overflow.
    fn to_ieee(self, mbits: u32, emax: i64) -> Option<u64> {
        let sign = (self.neg as u64) << (mbits + ebits(emax) - 1);
        if self.is_zero() {
            return Some(0);
        }
        let emin = 1 - emax;
        // The value is in [2^e, 2^(e+1)).
        let mut e = self.exp + 127;
        let keep = if e >= emin { mbits as i64 } else { mbits as i64 - (emin - e) };
        if keep < 0 {
            return Some(0);
        }
        let shift = (128 - keep) as u32;
        let (mut m, rest, half) = if shift >= 128 {
            (0u128, self.mant, if shift == 128 { 1u128 << 127 } else { 0 })
        } else {
            (self.mant >> shift, self.mant & ((1u128 << shift) - 1), 1u128 << (shift - 1))
        };
        let round_up = if shift > 128 { false } else { rest > half || (rest == half && m & 1 == 1) };
        if round_up {
            m += 1;
            if e >= emin && m == 1 << mbits {
                m >>= 1;
                e += 1;
            }
        }
        if e > emax {
            return None;
        }
        if m == 0 {
            // Underflow: constants have no negative zero.
            return Some(0);
        }
        let frac_mask = (1u64 << (mbits - 1)) - 1;
        if e < emin {
            // Subnormal (a carry into the implicit bit makes the smallest
            // normal, which the same bits encode).
            return Some(sign | m as u64);
        }
        Some(sign | ((e + emax) as u64) << (mbits - 1) | (m as u64 & frac_mask))
    }

    /// The nearest `f64`; infinite when out of range.
    pub fn to_f64(self) -> f64 {
        match self.to_ieee(53, 1023) {
            Some(b) => f64::from_bits(b),
            None if self.neg => f64::NEG_INFINITY,
            None => f64::INFINITY,
        }
    }

    fn plus(self, o: Float) -> Float {
        if self.is_zero() {
            return o;
        }
        if o.is_zero() {
            return self;
        }
        let (a, b) = if (self.exp, self.mant) >= (o.exp, o.mant) { (self, o) } else { (o, self) };
        // Both as 256-bit numbers scaled by 2^(a.exp - 128).
        let x: U256 = (a.mant, 0);
        let d = (a.exp - b.exp).min(300) as u32;
        let y = shr256_sticky((b.mant, 0), d);
        let exp = a.exp - 128;
        if a.neg == b.neg {
            // Make room for the carry.
            let (x, y) = (shr256_sticky(x, 1), shr256_sticky(y, 1));
            let (lo, c) = x.1.overflowing_add(y.1);
            let hi = x.0 + y.0 + c as u128;
            return Float::round(a.neg, (hi, lo), exp + 1);
        }
        // |a| >= |b| unless b's exponent equals a's with a larger mantissa.
        let (big, small, neg) = if x >= y { (x, y, a.neg) } else { (y, x, b.neg) };
        let (lo, br) = big.1.overflowing_sub(small.1);
        let hi = big.0 - small.0 - br as u128;
        Float::round(neg, (hi, lo), exp)
    }

    fn times(self, o: Float) -> Float {
        if self.is_zero() || o.is_zero() {
            return Float::ZERO;
        }
        Float::round(self.neg != o.neg, mul128(self.mant, o.mant), self.exp + o.exp)
    }

    /// `self / o`; `o` must not be zero.
    fn quotient(self, o: Float) -> Float {
        if self.is_zero() {
            return Float::ZERO;
        }
        // Long division of the mantissas, 131 quotient bits (at least 128
        // significant ones, a guard bit and a sticky bit).
        const BITS: u32 = 131;
        let (mut r, b) = (self.mant, o.mant);
        let mut carry = false;
        let mut q: U256 = (0, 0);
        for _ in 0..BITS {
            q = shl256(q, 1);
            if carry || r >= b {
                r = r.wrapping_sub(b);
                q.1 |= 1;
            }
            carry = r >> 127 == 1;
            r <<= 1;
        }
        if r != 0 || carry {
            q.1 |= 1;
        }
        Float::round(self.neg != o.neg, q, self.exp - o.exp - (BITS as i64 - 1))
    }

    /// `10^n` (`n` may be negative).
    fn pow10(n: i64) -> Float {
        let mut result = Float::from_i128(1);
        let mut base = Float::from_i128(10);
        let mut k = n.unsigned_abs();
        while k > 0 {
            if k & 1 == 1 {
                result = result * base;
            }
            k >>= 1;
            if k > 0 {
                base = base * base;
            }
        }
        if n < 0 {
            Float::from_i128(1) / result
        } else {
            result
        }
    }

    /// Parses a Go float literal (decimal or hexadecimal, `_` allowed).
    pub fn parse(text: &str) -> Option<Float> {
        let t: String = text.chars().filter(|c| *c != '_').collect();
        let (hex, body) = match t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
            Some(h) => (true, h),
            None => (false, t.as_str()),
        };
        let exp_chars: &[char] = if hex { &['p', 'P'] } else { &['e', 'E'] };
        let (mant, exp) = match body.find(exp_chars) {
            Some(i) => (&body[..i], body[i + 1..].parse::<i64>().ok()?),
            None => (body, 0),
        };
        let (ip, fp) = match mant.find('.') {
            Some(i) => (&mant[..i], &mant[i + 1..]),
            None => (mant, ""),
        };
        if ip.is_empty() && fp.is_empty() {
            return None;
        }
        let radix = if hex { 16 } else { 10 };
        let mut v = Float::ZERO;
        let r = Float::from_i128(radix as i128);
        for c in ip.chars().chain(fp.chars()) {
            v = v * r + Float::from_i128(c.to_digit(radix)? as i128);
        }
        if v.is_zero() {
            return Some(v);
        }
        Some(if hex {
            let e = exp.checked_sub(4 * fp.len() as i64)?;
            Float { exp: v.exp.checked_add(e)?, ..v }
        } else {
            let e = exp.checked_sub(fp.len() as i64)?;
            if e >= 0 {
                v * Float::pow10(e)
            } else {
                v / Float::pow10(-e)
            }
        })
    }

    /// Text for diagnostics: as `f64` prints it, or `1.5e+1000` beyond its
    /// range (either way).
    pub fn describe(&self) -> String {
        let f = self.to_f64();
        if f.is_finite() && (f != 0.0 || self.is_zero()) {
            return super::constant::short_float(f);
        }
        // Decimal exponent from the binary one, then the leading digits.
        let mut e10 = ((self.exp + 127) as f64 * std::f64::consts::LOG10_2).floor() as i64;
        let mut m = (*self / Float::pow10(e10)).to_f64().abs();
        if m >= 10.0 {
            m /= 10.0;
            e10 += 1;
        }
        let sign = if self.neg { "-" } else { "" };
        let esign = if e10 < 0 { '-' } else { '+' };
        format!("{sign}{}e{esign}{}", (m * 1e5).round() / 1e5, e10.unsigned_abs())
    }
}

impl std::ops::Neg for Float {
    type Output = Float;
    fn neg(self) -> Float {
        if self.is_zero() {
            self
        } else {
            Float { neg: !self.neg, ..self }
        }
    }
}

impl std::ops::Add for Float {
    type Output = Float;
    fn add(self, o: Float) -> Float {
        self.plus(o)
    }
}

impl std::ops::Sub for Float {
    type Output = Float;
    fn sub(self, o: Float) -> Float {
        self.plus(-o)
    }
}

impl std::ops::Mul for Float {
    type Output = Float;
    fn mul(self, o: Float) -> Float {
        self.times(o)
    }
}

impl std::ops::Div for Float {
    type Output = Float;
    /// `o` must not be zero: callers report Go's division-by-zero error
    /// before dividing.
    fn div(self, o: Float) -> Float {
        assert!(!o.is_zero(), "float constant division by zero");
        self.quotient(o)
    }
}

impl PartialOrd for Float {
    fn partial_cmp(&self, o: &Float) -> Option<Ordering> {
        let d = *self - *o;
        Some(if d.is_zero() {
            Ordering::Equal
        } else if d.neg {
            Ordering::Less
        } else {
            Ordering::Greater
        })
    }
}

/// Exponent bits of the IEEE format whose largest exponent is `emax`.
fn ebits(emax: i64) -> u32 {
    64 - (emax as u64 * 2 + 1).leading_zeros()
}

#[cfg(test)]
mod tests {
    use super::Float;

    #[test]
    fn round_trips_and_arithmetic() {
        for v in [1.0, -2.5, 0.1, 1e308, 5e-324, 2.2250738585072014e-308, 123456789.0, f64::MAX, f64::MIN_POSITIVE / 3.0] {
            assert_eq!(Float::from_f64(v).to_f64(), v, "{v}");
        }
        let p = |s: &str| Float::parse(s).unwrap();
        for s in ["0.1", "1e23", "3.14159265358979323846264338327950288419716939937510582097494459", "1e-320", "0x1.8p3", "6.02214076e23", "4.9e-324", "1.7976931348623157e308"] {
            let want: f64 = if s.starts_with("0x") { 12.0 } else { s.parse().unwrap() };
            assert_eq!(p(s).to_f64(), want, "{s}");
        }
        assert_eq!((p("1e646456992") / p("1e646456991")).to_f64(), 10.0);
        assert_eq!((p("1e-646456992") * p("1e646456993")).to_f64(), 10.0);
        assert_eq!(p("1e309").to_f64(), f64::INFINITY);
        assert_eq!((-p("1e-1000")).to_f64().to_bits(), 0);
        assert_eq!((p("0.1") + p("0.2")).to_f64(), 0.3);
        assert_eq!(p("1") - p("1"), Float::ZERO);
        assert_eq!((p("3") - p("5")).to_f64(), -2.0);
        assert_eq!((Float::from_i128(-7) / Float::from_i128(2)).to_f64(), -3.5);
        assert_eq!(p("1e646456992").describe(), "1e+646456992");
        assert_eq!((-p("2.5e-1000")).describe(), "-2.5e-1000");
        assert!(p("1e1000") > p("9e999") && -p("1e1000") < Float::ZERO && p("0.5") == p("0.50"));
    }
}
