//! Exact rational numbers for untyped constants that `i128` and `f64` cannot
//! hold: integers such as `1 << 500`, and float results that are not exactly
//! an `f64` (`two128 - ulp32/2 + ulp32/two64`). Go evaluates constant
//! expressions exactly and rounds once, when a constant gets a type.

use std::cmp::Ordering;

/// A natural number: little-endian 32-bit limbs without trailing zeros.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Nat(Vec<u32>);

impl Nat {
    pub fn from_u128(mut v: u128) -> Nat {
        let mut l = vec![];
        while v != 0 {
            l.push(v as u32);
            v >>= 32;
        }
        Nat(l)
    }

    pub fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    fn trim(mut self) -> Nat {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
        self
    }

    /// The number of significant bits.
    pub fn bits(&self) -> u64 {
        match self.0.last() {
            None => 0,
            Some(&top) => 32 * (self.0.len() as u64 - 1) + (32 - top.leading_zeros() as u64),
        }
    }

    fn bit(&self, i: u64) -> bool {
        self.0.get((i / 32) as usize).is_some_and(|l| l >> (i % 32) & 1 == 1)
    }

    pub fn to_u128(&self) -> Option<u128> {
        if self.0.len() > 4 {
            return None;
        }
        Some(self.0.iter().rev().fold(0u128, |acc, &l| (acc << 32) | l as u128))
    }

    fn add(&self, o: &Nat) -> Nat {
        let mut r = Vec::with_capacity(self.0.len().max(o.0.len()) + 1);
        let mut carry = 0u64;
        for i in 0..self.0.len().max(o.0.len()) {
            let s = *self.0.get(i).unwrap_or(&0) as u64 + *o.0.get(i).unwrap_or(&0) as u64 + carry;
            r.push(s as u32);
            carry = s >> 32;
        }
        r.push(carry as u32);
        Nat(r).trim()
    }

    /// `self - o`; `o` must not be larger.
    fn sub(&self, o: &Nat) -> Nat {
        let mut r = Vec::with_capacity(self.0.len());
        let mut borrow = 0i64;
        for i in 0..self.0.len() {
            let mut d = self.0[i] as i64 - *o.0.get(i).unwrap_or(&0) as i64 - borrow;
            borrow = 0;
            if d < 0 {
                d += 1 << 32;
                borrow = 1;
            }
            r.push(d as u32);
        }
        debug_assert_eq!(borrow, 0, "Nat::sub underflow");
        Nat(r).trim()
    }

    fn mul(&self, o: &Nat) -> Nat {
        if self.is_zero() || o.is_zero() {
            return Nat::default();
        }
        let mut r = vec![0u32; self.0.len() + o.0.len()];
        for (i, &a) in self.0.iter().enumerate() {
            let mut carry = 0u64;
            for (j, &b) in o.0.iter().enumerate() {
                let t = a as u64 * b as u64 + r[i + j] as u64 + carry;
                r[i + j] = t as u32;
                carry = t >> 32;
            }
            r[i + o.0.len()] = carry as u32;
        }
        Nat(r).trim()
    }

    pub fn shl(&self, n: u64) -> Nat {
        if self.is_zero() {
            return Nat::default();
        }
        let (limbs, bits) = ((n / 32) as usize, (n % 32) as u32);
        let mut r = vec![0u32; limbs];
        let mut carry = 0u32;
        for &l in &self.0 {
            r.push(if bits == 0 { l } else { (l << bits) | carry });
            carry = if bits == 0 { 0 } else { l >> (32 - bits) };
        }
        r.push(carry);
        Nat(r).trim()
    }

    pub fn shr(&self, n: u64) -> Nat {
        let limbs = (n / 32) as usize;
        if limbs >= self.0.len() {
            return Nat::default();
        }
        let bits = (n % 32) as u32;
        let src = &self.0[limbs..];
        let r = (0..src.len())
            .map(|i| if bits == 0 { src[i] } else { (src[i] >> bits) | src.get(i + 1).map_or(0, |h| h << (32 - bits)) })
            .collect();
        Nat(r).trim()
    }

    /// Quotient and remainder (long division by 32-bit digits, Knuth's
    /// algorithm D).
    fn divrem(&self, d: &Nat) -> (Nat, Nat) {
        assert!(!d.is_zero(), "division by zero");
        if self.cmp(d) == Ordering::Less {
            return (Nat::default(), self.clone());
        }
        if let [dl] = d.0[..] {
            let mut q = self.clone();
            let r = q.div_small(dl);
            return (q, Nat::from_u128(r as u128));
        }
        // Normalize so the divisor's top digit has its high bit set.
        let shift = d.0.last().expect("nonzero").leading_zeros() as u64;
        let v = d.shl(shift).0;
        let mut u = self.shl(shift).0;
        u.push(0);
        let n = v.len();
        let m = u.len() - n - 1;
        let base: u128 = 1 << 32;
        let mut q = vec![0u32; m + 1];
        for j in (0..=m).rev() {
            let num = ((u[j + n] as u128) << 32) | u[j + n - 1] as u128;
            let mut qhat = num / v[n - 1] as u128;
            let mut rhat = num % v[n - 1] as u128;
            while qhat >= base || qhat * v[n - 2] as u128 > ((rhat << 32) | u[j + n - 2] as u128) {
                qhat -= 1;
                rhat += v[n - 1] as u128;
                if rhat >= base {
                    break;
                }
            }
            // u[j..=j+n] -= qhat * v
            let mut borrow = 0i64;
            let mut carry = 0u64;
            for i in 0..n {
                let p = qhat as u64 * v[i] as u64 + carry;
                carry = p >> 32;
                let t = u[i + j] as i64 - borrow - (p & 0xffff_ffff) as i64;
                u[i + j] = t as u32;
                borrow = (t < 0) as i64;
            }
            let t = u[j + n] as i64 - borrow - carry as i64;
            u[j + n] = t as u32;
            if t < 0 {
                // qhat was one too large: add v back.
                qhat -= 1;
                let mut c = 0u64;
                for i in 0..n {
                    let s = u[i + j] as u64 + v[i] as u64 + c;
                    u[i + j] = s as u32;
                    c = s >> 32;
                }
                u[j + n] = u[j + n].wrapping_add(c as u32);
            }
            q[j] = qhat as u32;
        }
        u.truncate(n);
        (Nat(q).trim(), Nat(u).trim().shr(shift))
    }

    /// Divides by a small number in place, returning the remainder.
    fn div_small(&mut self, d: u32) -> u32 {
        let mut rem = 0u64;
        for l in self.0.iter_mut().rev() {
            let cur = (rem << 32) | *l as u64;
            *l = (cur / d as u64) as u32;
            rem = cur % d as u64;
        }
        let r = std::mem::take(self).trim();
        *self = r;
        rem as u32
    }

    fn trailing_zeros(&self) -> u64 {
        let i = self.0.iter().position(|&l| l != 0).unwrap_or(0);
        32 * i as u64 + self.0.get(i).map_or(0, |l| l.trailing_zeros() as u64)
    }

    /// Greatest common divisor (binary, in place: no division, no
    /// allocation per step).
    fn gcd(&self, o: &Nat) -> Nat {
        if self.is_zero() {
            return o.clone();
        }
        if o.is_zero() {
            return self.clone();
        }
        let (za, zb) = (self.trailing_zeros(), o.trailing_zeros());
        let mut a = self.shr(za);
        let mut b = o.shr(zb);
        loop {
            match a.cmp(&b) {
                Ordering::Equal => break,
                Ordering::Less => std::mem::swap(&mut a, &mut b),
                Ordering::Greater => {}
            }
            a.sub_assign(&b);
            let z = a.trailing_zeros();
            a.shr_assign(z);
        }
        a.shl(za.min(zb))
    }

    /// `self -= o`; `o` must not be larger.
    fn sub_assign(&mut self, o: &Nat) {
        let mut borrow = 0u64;
        for i in 0..self.0.len() {
            let d = (self.0[i] as u64).wrapping_sub(*o.0.get(i).unwrap_or(&0) as u64).wrapping_sub(borrow);
            self.0[i] = d as u32;
            borrow = (d >> 63) & 1;
        }
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    /// `self >>= n`.
    fn shr_assign(&mut self, n: u64) {
        let limbs = ((n / 32) as usize).min(self.0.len());
        self.0.drain(..limbs);
        let bits = (n % 32) as u32;
        if bits != 0 {
            for i in 0..self.0.len() {
                let hi = self.0.get(i + 1).map_or(0, |h| h << (32 - bits));
                self.0[i] = (self.0[i] >> bits) | hi;
            }
        }
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn pow(base: u32, mut e: u32) -> Nat {
        let mut r = Nat::from_u128(1);
        let mut b = Nat::from_u128(base as u128);
        while e > 0 {
            if e & 1 == 1 {
                r = r.mul(&b);
            }
            b = b.mul(&b);
            e >>= 1;
        }
        r
    }

    fn decimal(&self) -> String {
        if self.is_zero() {
            return "0".into();
        }
        let mut n = self.clone();
        let mut parts = vec![];
        while !n.is_zero() {
            parts.push(n.div_small(1_000_000_000));
        }
        let mut s = parts.pop().unwrap().to_string();
        for p in parts.iter().rev() {
            s.push_str(&format!("{p:09}"));
        }
        s
    }
}

impl PartialOrd for Nat {
    fn partial_cmp(&self, o: &Nat) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for Nat {
    fn cmp(&self, o: &Nat) -> Ordering {
        self.0.len().cmp(&o.0.len()).then_with(|| self.0.iter().rev().cmp(o.0.iter().rev()))
    }
}

/// A rational number in lowest terms with a positive denominator (zero is
/// `0/1` and not negative), so equal numbers are equal structurally.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rat {
    neg: bool,
    num: Nat,
    den: Nat,
}

/// The largest numerator or denominator kept exact, in bits; beyond it a
/// float result is rounded to [`APPROX_BITS`] significant bits (as Go
/// keeps 512 bits of mantissa), which bounds the cost of each operation.
const MAX_BITS: u64 = 1280;

/// Significant bits kept of a float constant too large to keep exactly.
pub const APPROX_BITS: u64 = 512;

impl Rat {
    /// Sign, numerator and denominator limbs (32 bits each, least
    /// significant first), as export data keeps a constant.
    pub fn parts(&self) -> (bool, &[u32], &[u32]) {
        (self.neg, &self.num.0, &self.den.0)
    }

    /// The number [`Rat::parts`] gave; `None` for a zero denominator.
    pub fn from_parts(neg: bool, num: Vec<u32>, den: Vec<u32>) -> Option<Rat> {
        let den = Nat(den).trim();
        (!den.is_zero()).then(|| Rat::new(neg, Nat(num).trim(), den))
    }

    fn new(neg: bool, num: Nat, den: Nat) -> Rat {
        let one = Nat::from_u128(1);
        if num.is_zero() {
            return Rat { neg: false, num, den: one };
        }
        if den == one {
            return Rat { neg, num, den };
        }
        let g = num.gcd(&den);
        let (num, den) = if g.to_u128() == Some(1) { (num, den) } else { (num.divrem(&g).0, den.divrem(&g).0) };
        Rat { neg: neg && !num.is_zero(), num, den }
    }

    pub fn from_i128(v: i128) -> Rat {
        Rat { neg: v < 0, num: Nat::from_u128(v.unsigned_abs()), den: Nat::from_u128(1) }
    }

    /// The exact value of a finite `f64`.
    pub fn from_f64(f: f64) -> Option<Rat> {
        if !f.is_finite() {
            return None;
        }
        let bits = f.to_bits();
        let exp = ((bits >> 52) & 0x7ff) as i64;
        let frac = bits & ((1 << 52) - 1);
        let (mant, e) = if exp == 0 { (frac, -1074) } else { (frac | 1 << 52, exp - 1075) };
        let m = Nat::from_u128(mant as u128);
        Some(if e >= 0 { Rat::new(f < 0.0, m.shl(e as u64), Nat::from_u128(1)) } else { Rat::new(f < 0.0, m, Nat::from_u128(1).shl((-e) as u64)) })
    }

    /// An integer literal's digits in `radix`.
    pub fn parse_int(digits: &str, radix: u32) -> Option<Rat> {
        let mut n = Nat::default();
        let r = Nat::from_u128(radix as u128);
        for c in digits.chars() {
            n = n.mul(&r).add(&Nat::from_u128(c.to_digit(radix)? as u128));
            if n.bits() > MAX_BITS {
                return None;
            }
        }
        Some(Rat { neg: false, num: n, den: Nat::from_u128(1) })
    }

    /// A decimal float literal (underscores removed), exactly; `None` for
    /// exponents too large to hold exactly.
    pub fn parse_decimal(t: &str) -> Option<Rat> {
        let (mant, exp) = match t.find(['e', 'E']) {
            Some(i) => (&t[..i], t[i + 1..].parse::<i64>().ok()?),
            None => (t, 0),
        };
        let (ip, fp) = mant.split_once('.').unwrap_or((mant, ""));
        let digits = format!("{ip}{fp}");
        let exp = exp - fp.len() as i64;
        if exp.abs() > 600 || digits.len() > 600 {
            return None;
        }
        let n = Rat::parse_int(if digits.is_empty() { "0" } else { &digits }, 10)?;
        let p = Nat::pow(10, exp.unsigned_abs() as u32);
        Some(if exp >= 0 { Rat::new(false, n.num.mul(&p), Nat::from_u128(1)) } else { Rat::new(false, n.num, p) })
    }

    /// A hexadecimal float literal's mantissa digits (without `0x` and
    /// the point) and binary exponent.
    pub fn from_hex(digits: &str, exp: i64) -> Option<Rat> {
        if exp.abs() > MAX_BITS as i64 {
            return None;
        }
        let n = Rat::parse_int(if digits.is_empty() { "0" } else { digits }, 16)?;
        let one = Nat::from_u128(1);
        Some(if exp >= 0 { Rat::new(false, n.num.shl(exp as u64), one) } else { Rat::new(false, n.num, one.shl((-exp) as u64)) })
    }

    pub fn is_int(&self) -> bool {
        self.den.to_u128() == Some(1)
    }

    pub fn is_zero(&self) -> bool {
        self.num.is_zero()
    }

    /// Whether the numerator or denominator has grown past what is kept.
    pub fn too_big(&self) -> bool {
        self.num.bits() > MAX_BITS || self.den.bits() > MAX_BITS
    }

    /// Bits of the integer part's magnitude (for Go's 512-bit limit).
    pub fn int_bits(&self) -> u64 {
        self.num.bits().saturating_sub(self.den.bits())
    }

    pub fn to_i128(&self) -> Option<i128> {
        if !self.is_int() {
            return None;
        }
        let m = self.num.to_u128()?;
        if self.neg {
            if m <= i128::MAX as u128 + 1 {
                Some((m as i128).wrapping_neg())
            } else {
                None
            }
        } else {
            i128::try_from(m).ok()
        }
    }

    pub fn neg(&self) -> Rat {
        Rat { neg: !self.neg && !self.is_zero(), ..self.clone() }
    }

    pub fn add(&self, o: &Rat) -> Rat {
        let a = self.num.mul(&o.den);
        let b = o.num.mul(&self.den);
        let den = self.den.mul(&o.den);
        if self.neg == o.neg {
            return Rat::new(self.neg, a.add(&b), den);
        }
        match a.cmp(&b) {
            Ordering::Less => Rat::new(o.neg, b.sub(&a), den),
            _ => Rat::new(self.neg, a.sub(&b), den),
        }
    }

    pub fn sub(&self, o: &Rat) -> Rat {
        self.add(&o.neg())
    }

    pub fn mul(&self, o: &Rat) -> Rat {
        Rat::new(self.neg != o.neg, self.num.mul(&o.num), self.den.mul(&o.den))
    }

    /// `self / o`; `o` must not be zero.
    pub fn div(&self, o: &Rat) -> Rat {
        Rat::new(self.neg != o.neg, self.num.mul(&o.den), self.den.mul(&o.num))
    }

    /// Integer division truncated toward zero, and its remainder (both
    /// operands integers, `o` not zero).
    pub fn quo_rem(&self, o: &Rat) -> (Rat, Rat) {
        let (q, r) = self.num.divrem(&o.num);
        let one = Nat::from_u128(1);
        (Rat::new(self.neg != o.neg, q, one.clone()), Rat::new(self.neg, r, one))
    }

    /// `self << n` for an integer.
    pub fn shl(&self, n: u64) -> Rat {
        Rat::new(self.neg, self.num.shl(n), self.den.clone())
    }

    /// `self >> n` for an integer: floor division by 2^n, as Go shifts
    /// negative constants.
    pub fn shr(&self, n: u64) -> Rat {
        let q = self.num.shr(n);
        let exact = q.shl(n) == self.num;
        let q = if self.neg && !exact { q.add(&Nat::from_u128(1)) } else { q };
        Rat::new(self.neg, q, Nat::from_u128(1))
    }

    /// The nearest float with `prec` mantissa bits whose smallest
    /// subnormal is 2^`emin` (ties to even), as raw IEEE bits; `None` when
    /// the value rounds beyond the largest finite float.
    fn round_bits(&self, prec: u64, emin: i64, inf_bits: u64) -> Option<u64> {
        if self.is_zero() {
            return Some(0);
        }
        let (q, e) = self.round_mant(prec, emin);
        let q = q.to_u128()? as u64;
        let bits = (((e - emin) as u64) << (prec - 1)).checked_add(q)?;
        if bits >= inf_bits {
            return None;
        }
        Some(bits)
    }

    /// The value rounded to `prec` significant bits (ties to even), an
    /// approximation with a short numerator and denominator when its
    /// magnitude is moderate.
    pub fn approx(&self, prec: u64) -> Rat {
        if self.is_zero() {
            return self.clone();
        }
        let (q, e) = self.round_mant(prec, i64::MIN);
        let one = Nat::from_u128(1);
        if e >= 0 {
            Rat::new(self.neg, q.shl(e as u64), one)
        } else {
            Rat::new(self.neg, q, one.shl(e.unsigned_abs()))
        }
    }

    /// The magnitude as `q·2^e` with `q` of at most `prec` bits, rounded to
    /// nearest (ties to even), `e` not below `emin`. Not for zero.
    fn round_mant(&self, prec: u64, emin: i64) -> (Nat, i64) {
        // x = num/den; find e with 2^(prec-1) <= x/2^e < 2^prec.
        let mut e = self.num.bits() as i64 - self.den.bits() as i64 - prec as i64;
        let quo = |e: i64| -> (Nat, Nat, Nat) {
            let (n, d) = if e >= 0 { (self.num.clone(), self.den.shl(e as u64)) } else { (self.num.shl((-e) as u64), self.den.clone()) };
            let (q, r) = n.divrem(&d);
            (q, r, d)
        };
        let (mut q, mut r, mut d) = quo(e);
        if q.bits() > prec {
            e += 1;
            (q, r, d) = quo(e);
        }
        if e < emin {
            e = emin;
            (q, r, d) = quo(e);
        }
        // Round half to even.
        let twice = r.shl(1);
        let q = match twice.cmp(&d) {
            Ordering::Greater => q.add(&Nat::from_u128(1)),
            Ordering::Equal if q.bit(0) => q.add(&Nat::from_u128(1)),
            _ => q,
        };
        if q.bits() > prec {
            (q.shr(1), e + 1)
        } else {
            (q, e)
        }
    }

    /// The nearest `f64` (`None` if it overflows).
    /// The value with [`Float`](super::float::Float)'s 128-bit mantissa and
    /// wide exponent, for magnitudes past what is kept exactly.
    pub fn to_wide(&self) -> super::float::Float {
        use super::float::Float;
        // The top 128 bits of each part (truncated: the quotient is then
        // within a few units of the 128th bit).
        let top = |n: &Nat| {
            let s = n.bits().saturating_sub(128);
            (n.shr(s).to_u128().unwrap_or(0), s as i64)
        };
        let (nm, ne) = top(&self.num);
        let (dm, de) = top(&self.den);
        Float::from_parts(self.neg, nm, ne) / Float::from_parts(false, dm, de)
    }

    pub fn to_f64(&self) -> Option<f64> {
        let b = self.round_bits(53, -1074, 0x7ff << 52)?;
        let f = f64::from_bits(b);
        Some(if self.neg { -f } else { f })
    }

    /// The nearest `f32`, rounded once from the exact value.
    pub fn to_f32(&self) -> Option<f32> {
        let b = self.round_bits(24, -149, 0xff << 23)?;
        let f = f32::from_bits(b as u32);
        Some(if self.neg { -f } else { f })
    }

    /// The value if it is exactly an `f64`.
    pub fn exact_f64(&self) -> Option<f64> {
        let f = self.to_f64()?;
        (Rat::from_f64(f).as_ref() == Some(self)).then_some(f)
    }

    /// Text for diagnostics: an integer in decimal, else its nearest float.
    pub fn describe(&self) -> String {
        if self.is_int() {
            return format!("{}{}", if self.neg { "-" } else { "" }, self.num.decimal());
        }
        match self.to_f64() {
            Some(f) => format!("{f}"),
            None => format!("{}{}/{}", if self.neg { "-" } else { "" }, self.num.decimal(), self.den.decimal()),
        }
    }
}

impl PartialOrd for Rat {
    fn partial_cmp(&self, o: &Rat) -> Option<Ordering> {
        let d = self.sub(o);
        Some(if d.is_zero() {
            Ordering::Equal
        } else if d.neg {
            Ordering::Less
        } else {
            Ordering::Greater
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Numbers of `limbs` pseudo-random digits (a fixed LCG: reproducible).
    fn numbers(seed: &mut u64, limbs: usize) -> Nat {
        let mut l = vec![];
        for _ in 0..limbs {
            *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            l.push((*seed >> 32) as u32);
        }
        Nat(l).trim()
    }

    #[test]
    fn long_division_and_gcd_agree_with_multiplication() {
        let mut seed = 1;
        for (nl, dl) in [(2, 2), (5, 2), (9, 3), (40, 17), (64, 63), (3, 1), (70, 35)] {
            for _ in 0..20 {
                let n = numbers(&mut seed, nl);
                let d = numbers(&mut seed, dl);
                if d.is_zero() {
                    continue;
                }
                let (q, r) = n.divrem(&d);
                assert!(r < d);
                assert_eq!(q.mul(&d).add(&r), n);
                let g = numbers(&mut seed, 3);
                let (a, b) = (n.mul(&g), d.mul(&g));
                let h = a.gcd(&b);
                assert!(a.divrem(&h).1.is_zero() && b.divrem(&h).1.is_zero());
                let (a2, b2) = (a.divrem(&h).0, b.divrem(&h).0);
                assert_eq!(a2.gcd(&b2).to_u128(), Some(1));
            }
        }
        // A quotient digit estimate that needs the add-back step.
        let n = Nat(vec![0, 0, 0x8000_0000]);
        let d = Nat(vec![1, 0x8000_0000]);
        let (q, r) = n.divrem(&d);
        assert_eq!(q.mul(&d).add(&r), n);
    }

    #[test]
    fn rounds_to_f32_and_f64_once() {
        let two = |n: u64| Rat::from_i128(1).shl(n);
        // max32 + ulp32/2 - ulp32/2^64: just below the halfway point to 2^128.
        let ulp32 = two(104);
        let max32 = two(128).sub(&ulp32);
        let below = max32.add(&ulp32.div(&Rat::from_i128(2))).sub(&ulp32.div(&two(64)));
        assert_eq!(below.to_f32(), Some(f32::MAX));
        assert_eq!(max32.add(&ulp32.div(&Rat::from_i128(2))).to_f32(), None);
        assert_eq!(two(1024).to_f64(), None);
        assert_eq!(two(1024).sub(&two(971)).to_f64(), Some(f64::MAX));
        // Halfway between f64::MAX and 2^1024 rounds (to even) up: overflow.
        assert_eq!(two(1024).sub(&two(970)).to_f64(), None);
        assert_eq!(Rat::from_i128(1).div(&two(1074)).to_f64(), Some(f64::from_bits(1)));
        assert_eq!(Rat::from_i128(1).div(&two(1075)).to_f64(), Some(0.0));
        assert_eq!(Rat::parse_decimal("0.1").unwrap().to_f64(), Some(0.1));
        assert_eq!(Rat::parse_decimal("0.1").unwrap().to_f32(), Some(0.1f32));
        assert_eq!(Rat::parse_decimal("1e23").unwrap().to_f64(), Some(1e23));
        assert_eq!(Rat::from_i128(-7).shr(1).to_i128(), Some(-4));
        assert_eq!(two(100).describe(), "1267650600228229401496703205376");
    }
}
