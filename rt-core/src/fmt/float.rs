//! Floating-point conversion: Go's `strconv.AppendFloat` for the formats
//! fmt uses (`e E f g G b x X`), with Go's layout of the digits.
//!
//! The decimal digits themselves come from `core::fmt` (the only use of its
//! float machinery in the runtime): `{:e}` gives the shortest digits that
//! round-trip (for `f32` when the value is a `float32`, as Go's `bitSize`
//! 32 does), `{:.N e}` and `{:.N}` correctly rounded digits (ties to even,
//! as Go's exact conversions). They are then laid out exactly as
//! `strconv/ftoa.go`'s `formatDigits` lays out its decimal: the exponent
//! notation switch of `%g`, two-digit exponents, trailing zeros trimmed
//! and restored.

use alloc::vec::Vec;
use core::fmt::Write;

/// Decimal digits `0.d[0]d[1]... x 10^dp`, without trailing zeros (zero
/// has no digits and `dp` 0), as strconv's `decimalSlice`.
struct Digits {
    d: Vec<u8>,
    dp: i64,
}

/// A `core::fmt` sink into a byte vector.
struct Out<'a>(&'a mut Vec<u8>);

impl Write for Out<'_> {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

impl Digits {
    /// Parses `core::fmt`'s `{:e}` output of a non-negative finite value
    /// (`D[.DDD]e[-]X`).
    fn from_exp(s: &[u8]) -> Digits {
        let e = s.iter().position(|&c| c == b'e').unwrap_or(s.len());
        let mut d: Vec<u8> = s[..e].iter().copied().filter(|c| c.is_ascii_digit()).collect();
        let mut exp: i64 = 0;
        let mut neg = false;
        for &c in &s[(e + 1).min(s.len())..] {
            match c {
                b'-' => neg = true,
                b'0'..=b'9' => exp = exp * 10 + (c - b'0') as i64,
                _ => {}
            }
        }
        if neg {
            exp = -exp;
        }
        Digits::trimmed(&mut d, exp + 1)
    }

    /// Parses `core::fmt`'s `{:.N}` output of a non-negative finite value
    /// (`III[.FFF]`).
    fn from_fixed(s: &[u8]) -> Digits {
        let int_len = s.iter().position(|&c| c == b'.').unwrap_or(s.len());
        let mut d: Vec<u8> = s.iter().copied().filter(|c| c.is_ascii_digit()).collect();
        let lead = d.iter().take_while(|&&c| c == b'0').count();
        d.drain(..lead);
        Digits::trimmed(&mut d, int_len as i64 - lead as i64)
    }

    fn trimmed(d: &mut Vec<u8>, dp: i64) -> Digits {
        while d.last() == Some(&b'0') {
            d.pop();
        }
        let dp = if d.is_empty() { 0 } else { dp };
        Digits { d: core::mem::take(d), dp }
    }

    fn nd(&self) -> i64 {
        self.d.len() as i64
    }
}

/// Shortest digits that read back as `v` (a float32 when `bits` is 32).
///
/// When two such decimals are equally close to `v` (a tie, possible only
/// with 16 or more digits for a float64, 8 for a float32), `core::fmt`
/// may pick the one above while Go rounds to even: the correctly rounded
/// decimal of the same length is used instead when it reads back as `v`.
fn shortest(v: f64, bits: u32) -> Digits {
    let mut s = Vec::new();
    let _ = if bits == 32 { write!(Out(&mut s), "{:e}", v as f32) } else { write!(Out(&mut s), "{:e}", v) };
    let d = Digits::from_exp(&s);
    if d.d.len() >= if bits == 32 { 8 } else { 16 } {
        let mut r = Vec::new();
        let n = d.d.len() - 1;
        let _ =
            if bits == 32 { write!(Out(&mut r), "{:.*e}", n, v as f32) } else { write!(Out(&mut r), "{:.*e}", n, v) };
        let reads_back = core::str::from_utf8(&r).is_ok_and(|t| {
            if bits == 32 {
                t.parse::<f32>() == Ok(v as f32)
            } else {
                t.parse::<f64>() == Ok(v)
            }
        });
        let rd = Digits::from_exp(&r);
        if reads_back && rd.d.len() == d.d.len() {
            return rd;
        }
    }
    d
}

/// `n` (at least 1) significant digits, correctly rounded.
fn significant(v: f64, n: usize) -> Digits {
    let mut s = Vec::new();
    let _ = write!(Out(&mut s), "{:.*e}", n - 1, v);
    Digits::from_exp(&s)
}

/// The digits of `v` rounded to `prec` decimals.
fn fixed(v: f64, prec: usize) -> Digits {
    let mut s = Vec::new();
    let _ = write!(Out(&mut s), "{:.*}", prec, v);
    Digits::from_fixed(&s)
}

/// Appends Go's `strconv.AppendFloat(dst, v, fmt, prec, bits)`.
pub fn append_float(dst: &mut Vec<u8>, v: f64, fmt: u8, prec: i64, bits: u32) {
    let (raw, mantbits, expbits, bias): (u64, u32, u32, i64) =
        if bits == 32 { ((v as f32).to_bits() as u64, 23, 8, -127) } else { (v.to_bits(), 52, 11, -1023) };
    let neg = raw >> (expbits + mantbits) != 0;
    let mut exp = ((raw >> mantbits) & ((1 << expbits) - 1)) as i64;
    let mut mant = raw & ((1u64 << mantbits) - 1);
    if exp == (1 << expbits) - 1 {
        dst.extend_from_slice(match () {
            _ if mant != 0 => b"NaN",
            _ if neg => b"-Inf",
            _ => b"+Inf",
        });
        return;
    }
    if exp == 0 {
        exp += 1; // denormal
    } else {
        mant |= 1u64 << mantbits;
    }
    exp += bias;
    match fmt {
        b'b' => return fmt_b(dst, neg, mant, exp - mantbits as i64),
        b'x' | b'X' => return fmt_x(dst, prec, fmt, neg, mant, exp, mantbits),
        _ => {}
    }
    // A float32 is formatted as the float32 nearest `v` (exact as an f64).
    let a = if bits == 32 { (v as f32).abs() as f64 } else { v.abs() };
    let shortest_mode = prec < 0;
    let mut prec = prec;
    let digs = if shortest_mode {
        let d = shortest(a, bits);
        prec = match fmt {
            b'e' | b'E' => (d.nd() - 1).max(0),
            b'f' => (d.nd() - d.dp).max(0),
            _ => d.nd(),
        };
        d
    } else {
        match fmt {
            b'e' | b'E' => significant(a, prec as usize + 1),
            b'f' => fixed(a, prec as usize),
            b'g' | b'G' => {
                if prec == 0 {
                    prec = 1;
                }
                significant(a, prec as usize)
            }
            _ => {
                dst.push(b'%');
                dst.push(fmt);
                return;
            }
        }
    };
    format_digits(dst, shortest_mode, neg, &digs, prec, fmt);
}

fn format_digits(dst: &mut Vec<u8>, shortest: bool, neg: bool, digs: &Digits, prec: i64, fmt: u8) {
    match fmt {
        b'e' | b'E' => fmt_e(dst, neg, digs, prec, fmt),
        b'f' => fmt_f(dst, neg, digs, prec),
        b'g' | b'G' => {
            let mut prec = prec;
            let mut eprec = prec;
            if eprec > digs.nd() && digs.nd() >= digs.dp {
                eprec = digs.nd();
            }
            // %e is used if the exponent is less than -4 or at least the
            // precision; shortest output decides with precision 6.
            if shortest {
                eprec = 6;
            }
            let exp = digs.dp - 1;
            if exp < -4 || exp >= eprec {
                if prec > digs.nd() {
                    prec = digs.nd();
                }
                return fmt_e(dst, neg, digs, prec - 1, fmt + b'e' - b'g');
            }
            if prec > digs.dp {
                prec = digs.nd();
            }
            fmt_f(dst, neg, digs, (prec - digs.dp).max(0))
        }
        _ => {
            dst.push(b'%');
            dst.push(fmt);
        }
    }
}

/// `-d.ddddde±dd`
fn fmt_e(dst: &mut Vec<u8>, neg: bool, d: &Digits, prec: i64, fmt: u8) {
    if neg {
        dst.push(b'-');
    }
    dst.push(d.d.first().copied().unwrap_or(b'0'));
    if prec > 0 {
        dst.push(b'.');
        let m = d.nd().min(prec + 1);
        if m > 1 {
            dst.extend_from_slice(&d.d[1..m as usize]);
        }
        for _ in m.max(1)..=prec {
            dst.push(b'0');
        }
    }
    dst.push(fmt);
    let mut exp = if d.d.is_empty() { 0 } else { d.dp - 1 };
    if exp < 0 {
        dst.push(b'-');
        exp = -exp;
    } else {
        dst.push(b'+');
    }
    if exp < 10 {
        dst.extend_from_slice(&[b'0', b'0' + exp as u8]);
    } else if exp < 100 {
        dst.extend_from_slice(&[b'0' + (exp / 10) as u8, b'0' + (exp % 10) as u8]);
    } else {
        dst.extend_from_slice(&[b'0' + (exp / 100) as u8, b'0' + (exp / 10 % 10) as u8, b'0' + (exp % 10) as u8]);
    }
}

/// `-ddddd.ddd`
fn fmt_f(dst: &mut Vec<u8>, neg: bool, d: &Digits, prec: i64) {
    if neg {
        dst.push(b'-');
    }
    if d.dp > 0 {
        let m = d.nd().min(d.dp);
        dst.extend_from_slice(&d.d[..m as usize]);
        for _ in m..d.dp {
            dst.push(b'0');
        }
    } else {
        dst.push(b'0');
    }
    if prec > 0 {
        dst.push(b'.');
        for i in 0..prec {
            let j = d.dp + i;
            dst.push(if 0 <= j && j < d.nd() { d.d[j as usize] } else { b'0' });
        }
    }
}

fn push_decimal(dst: &mut Vec<u8>, mut u: u64) {
    let mut b = [0u8; 20];
    let mut i = b.len();
    loop {
        i -= 1;
        b[i] = b'0' + (u % 10) as u8;
        u /= 10;
        if u == 0 {
            break;
        }
    }
    dst.extend_from_slice(&b[i..]);
}

/// `-ddddp±ddd`: the mantissa and binary exponent.
fn fmt_b(dst: &mut Vec<u8>, neg: bool, mant: u64, exp: i64) {
    if neg {
        dst.push(b'-');
    }
    push_decimal(dst, mant);
    dst.push(b'p');
    if exp >= 0 {
        dst.push(b'+');
    } else {
        dst.push(b'-');
    }
    push_decimal(dst, exp.unsigned_abs());
}

/// `-0x1.yyyyp±dd`: hexadecimal mantissa, decimal binary exponent.
fn fmt_x(dst: &mut Vec<u8>, prec: i64, fmt: u8, neg: bool, mut mant: u64, mut exp: i64, mantbits: u32) {
    if mant == 0 {
        exp = 0;
    }
    // The leading 1 (if any) at bit 60.
    mant <<= 60 - mantbits;
    while mant != 0 && mant & (1 << 60) == 0 {
        mant <<= 1;
        exp -= 1;
    }
    if (0..15).contains(&prec) {
        let shift = (prec * 4) as u32;
        let extra = (mant << shift) & ((1 << 60) - 1);
        mant >>= 60 - shift;
        if extra | (mant & 1) > 1 << 59 {
            mant += 1;
        }
        mant <<= 60 - shift;
        if mant & (1 << 61) != 0 {
            mant >>= 1;
            exp += 1;
        }
    }
    let hex: &[u8; 16] = if fmt == b'X' { b"0123456789ABCDEF" } else { b"0123456789abcdef" };
    if neg {
        dst.push(b'-');
    }
    dst.extend_from_slice(&[b'0', fmt, b'0' + ((mant >> 60) & 1) as u8]);
    mant <<= 4;
    if prec < 0 && mant != 0 {
        dst.push(b'.');
        while mant != 0 {
            dst.push(hex[((mant >> 60) & 15) as usize]);
            mant <<= 4;
        }
    } else if prec > 0 {
        dst.push(b'.');
        for _ in 0..prec {
            dst.push(hex[((mant >> 60) & 15) as usize]);
            mant <<= 4;
        }
    }
    dst.push(if fmt == b'X' { b'P' } else { b'p' });
    if exp < 0 {
        dst.push(b'-');
        exp = -exp;
    } else {
        dst.push(b'+');
    }
    if exp < 100 {
        dst.extend_from_slice(&[b'0' + (exp / 10) as u8, b'0' + (exp % 10) as u8]);
    } else if exp < 1000 {
        dst.extend_from_slice(&[b'0' + (exp / 100) as u8, b'0' + (exp / 10 % 10) as u8, b'0' + (exp % 10) as u8]);
    } else {
        dst.extend_from_slice(&[
            b'0' + (exp / 1000) as u8,
            b'0' + (exp / 100 % 10) as u8,
            b'0' + (exp / 10 % 10) as u8,
            b'0' + (exp % 10) as u8,
        ]);
    }
}
