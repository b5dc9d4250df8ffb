//! Division by a constant as a multiplication: the "magic number" of
//! Granlund and Montgomery ("Division by invariant integers using
//! multiplication", 1994), as gc's rewrite rules use it. A hardware
//! division takes 20-90 cycles; a multiplication's high half and a shift
//! take 4-5. `strconv` divides by 10 and 100 in every integer it formats.
//!
//! Every backend computes in 64 bits: the dividend `x` is widened (sign-
//! or zero-extended) from its type, `hi` is the high 64 bits of the 128-bit
//! product of `x` and [`Magic::m`], and
//!
//! - unsigned: `q = hi >> s` (logical), `x` first shifted right by
//!   [`Magic::pre`]; or, for a 65-bit multiplier ([`Magic::add`]),
//!   `q = (hi + ((x - hi) >> 1)) >> (s - 1)`;
//! - signed: `hi` of the signed product, plus `x` when `m >= 2^63`
//!   ([`Magic::add`]: the register holds `m - 2^64`), then
//!   `q = (hi >> s) - (x >> 63)` (arithmetic shifts; the second term adds
//!   1 to a negative quotient, which truncates toward zero as Go's does).
//!
//! The remainder is `x - q * d`. Only divisors of 3 or more that are no
//! power of two get a magic number (`opt::strength` made those shifts;
//! negative divisors keep the hardware division).

use super::emit::Src;
use crate::ir::Scalar;

/// [`magic`] of a division of `ty` values by the operand `b`: `None` unless
/// it is a constant with a magic number.
pub fn of_divisor(b: &Src, ty: Scalar) -> Option<Magic> {
    match b {
        Src::Imm(v) => magic(ty, *v),
        _ => None,
    }
}

/// The multiplier and shift that divide by a constant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Magic {
    pub m: u64,
    pub s: u32,
    /// A logical shift right of an unsigned dividend before the product.
    pub pre: u32,
    /// Signed: the multiplier is 2^63 or more, so the product is of `x`
    /// and `m - 2^64` (the register's signed reading of `m`), and `x` is
    /// added to its high half. Unsigned: the multiplier is `2^64 + m`, and
    /// the quotient is `(t + ((x - t) >> 1)) >> (s - 1)` for `t` the high
    /// half of `x * m`.
    pub add: bool,
    /// The divisor, as the type's value.
    pub d: u64,
}

/// The magic number that divides values of type `ty` by `d` (the IR's
/// immediate, read at `ty`'s width), or `None` for a divisor that keeps the
/// hardware division.
///
/// With `m = ceil(2^(64+s) / d)` and `e = m*d - 2^(64+s)` (`0 <= e < d`),
/// `floor(x*m / 2^(64+s)) = floor(x/d)` for every `0 <= x <= 2^n` when
/// `e * 2^n < 2^(64+s)`: writing `x = q*d + r`, the product adds
/// `x*e / (d * 2^(64+s)) < 1/d` to `q + r/d`, and `r/d <= 1 - 1/d`. `n` is
/// 64 for uint64 (63 for int64, whose magnitudes are at most 2^63) and 32
/// for narrower types (31 if signed); a negative `x` uses the same bound
/// for `-x` and the `+1` above. The smallest `s` that works is taken, and `m` must
/// fit in 64 bits.
pub fn magic(ty: Scalar, d: i64) -> Option<Magic> {
    if ty.is_float() {
        return None;
    }
    let bits = ty.size() * 8;
    let d = if bits == 64 {
        d as u64
    } else if ty.is_signed() {
        let sh = 64 - bits;
        ((d << sh) >> sh) as u64
    } else {
        (d as u64) & ((1u64 << bits) - 1)
    };
    if ty.is_signed() && (d as i64) < 3 || d < 3 || d.is_power_of_two() {
        return None;
    }
    // The magnitude bound of the widened dividend: 2^n.
    let n: u32 = match (bits, ty.is_signed()) {
        (64, true) => 63,
        (64, false) => 64,
        (_, true) => 31,
        (_, false) => 32,
    };
    let find = |d: u64, n: u32| {
        (0..64u32).find_map(|s| {
            let p: u128 = 1u128 << (64 + s);
            let m = p.div_ceil(d as u128);
            // e < 2^(64+s-n), i.e. e * 2^n < 2^(64+s) (n <= 64).
            (m < 1 << 64 && m * d as u128 - p < 1u128 << (64 + s - n)).then_some((m as u64, s))
        })
    };
    if let Some((m, s)) = find(d, n) {
        return Some(Magic { m, s, pre: 0, add: ty.is_signed() && m >= 1 << 63, d });
    }
    // An even unsigned divisor d = 2^k * d' divides x >> k by d', whose
    // smaller bound leaves room for a multiplier that fits (x / 100 is
    // (x >> 2) / 25).
    let k = d.trailing_zeros();
    if !ty.is_signed() && k > 0 {
        if let Some((m, s)) = find(d >> k, n - k) {
            return Some(Magic { m, s, pre: k, add: false, d });
        }
    }
    if ty.is_signed() {
        return None;
    }
    // A 65-bit multiplier 2^64 + m (uint64 / 7): with l = ceil(log2 d) and
    // m = floor(2^64 * (2^l - d) / d) + 1, q = (t + ((x - t) >> 1)) >> (l - 1)
    // for t the high half of x * m (Granlund and Montgomery's figure 4.1;
    // the halving keeps the sum within 64 bits).
    let l = 64 - d.leading_zeros();
    let m = ((((1u128 << l) - d as u128) << 64) / d as u128 + 1) as u64;
    Some(Magic { m, s: l, pre: 0, add: true, d })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quotient the backends compute, in 128-bit arithmetic.
    fn quotient(g: Magic, ty: Scalar, x: i64) -> i64 {
        if ty.is_signed() {
            let hi = ((x as i128 * g.m as i64 as i128) >> 64) as i64 + if g.add { x } else { 0 };
            (hi >> g.s) - (x >> 63)
        } else {
            let x = x as u64 >> g.pre;
            let t = ((x as u128 * g.m as u128) >> 64) as u64;
            if g.add {
                ((t + ((x - t) >> 1)) >> (g.s - 1)) as i64
            } else {
                (t >> g.s) as i64
            }
        }
    }

    /// Values of a type, widened to 64 bits: the extremes, around the
    /// divisor's multiples, and a spread between.
    fn samples(ty: Scalar, d: u64) -> Vec<i64> {
        let bits = ty.size() * 8;
        let (lo, hi): (i128, i128) = if ty.is_signed() {
            (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
        } else {
            (0, (1i128 << bits) - 1)
        };
        let mut v = vec![];
        for k in [lo, lo + 1, -1, 0, 1, hi - 1, hi, hi / 2, lo / 2] {
            v.push(k);
        }
        let d = d as i128;
        for q in [1i128, 2, 7, 1000, hi / d, hi / d - 1, lo / d, lo / d + 1] {
            for r in [-1i128, 0, 1] {
                v.push(q * d + r);
                v.push(-(q * d) + r);
            }
        }
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..2000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            v.push((x as i128 % (hi - lo + 1)).rem_euclid(hi - lo + 1) + lo);
        }
        v.into_iter().filter(|&k| lo <= k && k <= hi).map(|k| k as i64).collect()
    }

    #[test]
    fn quotients_match_division_at_every_width() {
        let tys = [Scalar::U8, Scalar::U16, Scalar::U32, Scalar::U64, Scalar::I8, Scalar::I16, Scalar::I32, Scalar::I64];
        let divisors: Vec<i64> = (3..300).chain([641, 1000, 10_000, 1_000_000_000, 1 << 40 | 3, i64::MAX, 0x7fff, 0xffff_fffb]).collect();
        let mut found = 0;
        for ty in tys {
            for &d in &divisors {
                let Some(g) = magic(ty, d) else { continue };
                found += 1;
                for x in samples(ty, g.d) {
                    let want = if ty.is_signed() { x.wrapping_div(g.d as i64) } else { ((x as u64) / g.d) as i64 };
                    assert_eq!(quotient(g, ty, x), want, "{ty:?} {x} / {}", g.d);
                }
            }
        }
        assert!(found > 1500, "only {found} divisors got a magic number");
    }

    #[test]
    fn the_divisors_go_formats_with_have_one() {
        for ty in [Scalar::U64, Scalar::I64, Scalar::U32, Scalar::I32] {
            for d in [10, 100, 1_000_000_000] {
                assert!(magic(ty, d).is_some(), "{ty:?} / {d}");
            }
        }
        // Powers of two, 1, 2, 0 and negative divisors are not this pass's.
        for d in [0, 1, 2, 8, 1 << 20, -3, -10] {
            assert_eq!(magic(Scalar::I64, d), None, "{d}");
        }
        assert_eq!(magic(Scalar::U8, 256 + 8), None);
        // uint64 / 7 needs a 65-bit multiplier.
        assert!(magic(Scalar::U64, 7).is_some_and(|g| g.add));
        assert_eq!(magic(Scalar::F64, 10), None);
    }
}
