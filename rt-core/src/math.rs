//! Package math, as far as rgo provides it: `Sqrt`, `Floor`, `Ceil` and
//! `Trunc`, exact as IEEE 754 defines them (Go 1.19's `math/sqrt.go`,
//! `floor.go` and their assembly give the same bits).
//!
//! `Sqrt` is the hardware's square root instruction (as gc compiles it;
//! [`crate::arch::sqrt`]); Go's portable bit-by-bit `sqrt` is kept beside
//! it ([`soft_sqrt`]) and the tests check they agree. `Trunc` clears
//! the fraction bits below the binary point; `Floor` and `Ceil` step the
//! truncated value by one when it moved the wrong way (exact: such values
//! are integers below 2^52). Zeros keep their sign, NaNs and infinities
//! come back unchanged, and values of 2^52 or more are already integers.

const MASK: u64 = 0x7FF;
const SHIFT: u32 = 64 - 11 - 1;
const BIAS: i64 = 1023;
const SIGN: u64 = 1 << 63;

/// `math.Sqrt`.
pub fn sqrt(x: f64) -> f64 {
    crate::arch::sqrt(x)
}

/// Go's portable `sqrt` (math/sqrt.go): the correctly rounded square root
/// computed bit by bit.
pub fn soft_sqrt(x: f64) -> f64 {
    if x == 0.0 || x.is_nan() || x == f64::INFINITY {
        return x;
    }
    if x < 0.0 {
        return f64::NAN;
    }
    let mut ix = x.to_bits();
    // Normalize x.
    let mut exp = ((ix >> SHIFT) & MASK) as i64;
    if exp == 0 {
        // Subnormal.
        while ix & (1 << SHIFT) == 0 {
            ix <<= 1;
            exp -= 1;
        }
        exp += 1;
    }
    exp -= BIAS;
    ix &= !(MASK << SHIFT);
    ix |= 1 << SHIFT;
    if exp & 1 == 1 {
        ix <<= 1;
    }
    exp >>= 1;
    // Generate sqrt(x) bit by bit.
    ix <<= 1;
    let (mut q, mut s) = (0u64, 0u64);
    let mut r: u64 = 1 << (SHIFT + 1);
    while r != 0 {
        let t = s + r;
        if t <= ix {
            s = t + r;
            ix -= t;
            q += r;
        }
        ix <<= 1;
        r >>= 1;
    }
    // Final rounding.
    if ix != 0 {
        q += q & 1;
    }
    let ix = (q >> 1).wrapping_add(((exp - 1 + BIAS) as u64) << SHIFT);
    f64::from_bits(ix)
}

/// `math.Trunc`: the integer part, by clearing the fraction bits.
pub fn trunc(x: f64) -> f64 {
    let b = x.to_bits();
    let e = ((b >> SHIFT) & MASK) as i64 - BIAS;
    if e >= SHIFT as i64 {
        // An integer already, or an infinity or NaN.
        return x;
    }
    if e < 0 {
        // |x| < 1: a zero of x's sign.
        return f64::from_bits(b & SIGN);
    }
    f64::from_bits(b & !((1u64 << (SHIFT as i64 - e)) - 1))
}

/// `math.Floor`.
pub fn floor(x: f64) -> f64 {
    let t = trunc(x);
    if x < 0.0 && t != x {
        t - 1.0
    } else {
        t
    }
}

/// `math.Ceil`.
pub fn ceil(x: f64) -> f64 {
    let t = trunc(x);
    if x > 0.0 && t != x {
        t + 1.0
    } else {
        t
    }
}

/// `math.Sqrt`.
///
/// # Safety
/// None beyond the C ABI (`unsafe` as every runtime entry point is).
#[no_mangle]
pub unsafe extern "C" fn rgo_math_sqrt(x: f64) -> f64 {
    sqrt(x)
}

/// The two halves of a 128-bit product, as math/bits' `Mul64` returns them
/// (in the C ABI's two result registers on every target).
#[repr(C)]
pub struct Product {
    pub hi: u64,
    pub lo: u64,
}

/// math/bits' `Mul64`: the 128-bit product of `x` and `y`.
///
/// # Safety
/// None beyond the C ABI.
#[no_mangle]
pub unsafe extern "C" fn rgo_math_mul64(x: u64, y: u64) -> Product {
    let p = (x as u128) * (y as u128);
    Product { hi: (p >> 64) as u64, lo: p as u64 }
}

/// `math.Floor`.
///
/// # Safety
/// None beyond the C ABI.
#[no_mangle]
pub unsafe extern "C" fn rgo_math_floor(x: f64) -> f64 {
    floor(x)
}

/// `math.Ceil`.
///
/// # Safety
/// None beyond the C ABI.
#[no_mangle]
pub unsafe extern "C" fn rgo_math_ceil(x: f64) -> f64 {
    ceil(x)
}

/// `math.Trunc`.
///
/// # Safety
/// None beyond the C ABI.
#[no_mangle]
pub unsafe extern "C" fn rgo_math_trunc(x: f64) -> f64 {
    trunc(x)
}

#[cfg(test)]
#[rustfmt::skip]
#[path = "math_tables.rs"]
mod tables;

#[cfg(test)]
mod tests {
    use super::*;

    /// The hardware square root's result for `x` when it is NaN or
    /// negative: `x` quieted where NaNs propagate, else the default NaN.
    fn hardware_nan(x: u64) -> u64 {
        if f64::from_bits(x).is_nan() && crate::arch::PROPAGATES_NAN {
            x | 1 << 51
        } else {
            crate::arch::DEFAULT_NAN
        }
    }

    #[test]
    fn matches_go_bit_for_bit() {
        let mut fails = alloc::vec::Vec::new();
        for &(x, want_sqrt, want_floor, want_ceil, want_trunc) in tables::MATH {
            let v = f64::from_bits(x);
            // SAFETY: the entry points have no requirements.
            let got = unsafe {
                [
                    rgo_math_sqrt(v).to_bits(),
                    soft_sqrt(v).to_bits(),
                    rgo_math_floor(v).to_bits(),
                    rgo_math_ceil(v).to_bits(),
                    rgo_math_trunc(v).to_bits(),
                ]
            };
            // The table is Go's on amd64; Sqrt's NaNs are the hardware's.
            let want_hw_sqrt = if f64::from_bits(want_sqrt).is_nan() { hardware_nan(x) } else { want_sqrt };
            let want = [want_hw_sqrt, want_sqrt, want_floor, want_ceil, want_trunc];
            for (i, name) in ["Sqrt", "soft Sqrt", "Floor", "Ceil", "Trunc"].iter().enumerate() {
                // The portable square root's NaN for negative operands is
                // the default quiet NaN's positive twin (Go's NaN()).
                let nan_ok = i == 1 && f64::from_bits(got[i]).is_nan() && f64::from_bits(want[i]).is_nan();
                if got[i] != want[i] && !nan_ok {
                    fails.push(alloc::format!("{name}({v:e} = {x:#x}) = {:#x}, want {:#x}", got[i], want[i]));
                }
            }
        }
        assert!(fails.is_empty(), "{}", fails.join("\n"));
    }

    #[test]
    fn signs_of_zero_and_specials() {
        let bits = |f: f64| f.to_bits();
        assert_eq!(bits(floor(-0.0)), bits(-0.0));
        assert_eq!(bits(ceil(-0.5)), bits(-0.0));
        assert_eq!(bits(trunc(-0.7)), bits(-0.0));
        assert_eq!(bits(floor(0.7)), bits(0.0));
        assert_eq!(floor(-0.5), -1.0);
        assert_eq!(ceil(f64::NEG_INFINITY), f64::NEG_INFINITY);
        assert_eq!(trunc(f64::INFINITY), f64::INFINITY);
        assert_eq!(bits(sqrt(-0.0)), bits(-0.0));
        assert!(sqrt(-1.0).is_nan());
        let nan = f64::from_bits(0x7ff8_0000_0000_0001);
        assert_eq!(bits(floor(nan)), bits(nan));
        assert_eq!(bits(ceil(nan)), bits(nan));
        assert_eq!(bits(trunc(nan)), bits(nan));
    }

    #[test]
    fn the_portable_root_agrees_with_sqrtsd() {
        // A seeded sweep of bit patterns (xorshift).
        let mut s = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..20000 {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            let v = f64::from_bits(s & !SIGN);
            if v.is_nan() {
                // sqrtsd quiets a signaling NaN; Go's portable code returns it.
                assert!(soft_sqrt(v).is_nan() && sqrt(v).is_nan());
                continue;
            }
            assert_eq!(soft_sqrt(v).to_bits(), sqrt(v).to_bits(), "sqrt({v:e})");
        }
    }
}
