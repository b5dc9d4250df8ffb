//! The raw formatter behind the printer (Go's `fmt/format.go`): flags,
//! width and precision applied to integers, strings, byte strings, runes
//! and floats, appending to the printer's buffer.

use super::float::append_float;
use super::quote::{append_quote, append_quote_rune, can_backquote, is_print, rune_count};
use crate::strings::{decode_rune, encode_rune, RUNE_ERROR};
use alloc::vec::Vec;

pub const LDIGITS: &[u8; 17] = b"0123456789abcdefx";
pub const UDIGITS: &[u8; 17] = b"0123456789ABCDEFX";

/// One verb's flags (Go's `fmtFlags`).
#[derive(Clone, Copy, Default, Debug)]
pub struct Flags {
    pub wid_present: bool,
    pub prec_present: bool,
    pub minus: bool,
    pub plus: bool,
    pub sharp: bool,
    pub space: bool,
    pub zero: bool,
    /// `%+v`: field names.
    pub plus_v: bool,
    /// `%#v`: Go syntax.
    pub sharp_v: bool,
}

/// Go's `fmt` struct without the buffer (the printer passes its own).
#[derive(Clone, Copy, Default, Debug)]
pub struct Fmt {
    pub f: Flags,
    pub wid: i64,
    pub prec: i64,
}

impl Fmt {
    pub fn clear_flags(&mut self) {
        self.f = Flags::default();
    }

    /// `n` bytes of padding: zeros with the `0` flag, else spaces.
    pub fn write_padding(&self, buf: &mut Vec<u8>, n: i64) {
        if n <= 0 {
            return;
        }
        let c = if self.f.zero { b'0' } else { b' ' };
        buf.resize(buf.len() + n as usize, c);
    }

    /// Appends `b` padded to the width, on the left unless `-`.
    pub fn pad(&self, buf: &mut Vec<u8>, b: &[u8]) {
        if !self.f.wid_present || self.wid == 0 {
            buf.extend_from_slice(b);
            return;
        }
        let width = self.wid - rune_count(b) as i64;
        if !self.f.minus {
            self.write_padding(buf, width);
            buf.extend_from_slice(b);
        } else {
            buf.extend_from_slice(b);
            self.write_padding(buf, width);
        }
    }

    /// [`Fmt::pad`] with the zero flag off.
    fn pad_spaces(&mut self, buf: &mut Vec<u8>, b: &[u8]) {
        let zero = self.f.zero;
        self.f.zero = false;
        self.pad(buf, b);
        self.f.zero = zero;
    }

    pub fn fmt_boolean(&self, buf: &mut Vec<u8>, v: bool) {
        self.pad(buf, if v { b"true" } else { b"false" });
    }

    /// `U+0078`, with `#` `U+0078 'x'`.
    pub fn fmt_unicode(&mut self, buf: &mut Vec<u8>, u: u64) {
        let mut prec: i64 = 4;
        if self.f.prec_present && self.prec > 4 {
            prec = self.prec;
        }
        let mut digits = Vec::new();
        let mut v = u;
        loop {
            digits.push(UDIGITS[(v & 0xF) as usize]);
            v >>= 4;
            if v == 0 {
                break;
            }
        }
        while (digits.len() as i64) < prec {
            digits.push(b'0');
        }
        let mut out = Vec::with_capacity(digits.len() + 8);
        out.extend_from_slice(b"U+");
        out.extend(digits.iter().rev());
        if self.f.sharp && u <= 0x10FFFF && is_print(u as i32) {
            out.extend_from_slice(b" '");
            let mut tmp = [0u8; 4];
            let n = encode_rune(&mut tmp, u as i32);
            out.extend_from_slice(&tmp[..n]);
            out.push(b'\'');
        }
        self.pad_spaces(buf, &out);
    }

    /// Signed and unsigned integers in base 2, 8, 10 or 16 (Go's
    /// `fmtInteger`).
    pub fn fmt_integer(&mut self, buf: &mut Vec<u8>, u: u64, base: u64, signed: bool, verb: char, digits: &[u8; 17]) {
        let negative = signed && (u as i64) < 0;
        let mut u = if negative { (u as i64).unsigned_abs() } else { u };
        // Leading zeros asked for by %.3d or %03d; with both, the 0 flag is
        // ignored and the padding is spaces.
        let mut prec: i64 = 0;
        if self.f.prec_present {
            prec = self.prec;
            if prec == 0 && u == 0 {
                let zero = self.f.zero;
                self.f.zero = false;
                self.write_padding(buf, self.wid);
                self.f.zero = zero;
                return;
            }
        } else if self.f.zero && self.f.wid_present {
            prec = self.wid;
            if negative || self.f.plus || self.f.space {
                prec -= 1;
            }
        }
        // Right to left.
        let mut rev: Vec<u8> = Vec::with_capacity(24);
        loop {
            rev.push(digits[(u % base) as usize]);
            u /= base;
            if u == 0 {
                break;
            }
        }
        while (rev.len() as i64) < prec {
            rev.push(b'0');
        }
        if self.f.sharp {
            match base {
                2 => rev.extend_from_slice(b"b0"),
                8 if rev.last() != Some(&b'0') => rev.push(b'0'),
                16 => rev.extend_from_slice(&[digits[16], b'0']),
                _ => {}
            }
        }
        if verb == 'O' {
            rev.extend_from_slice(b"o0");
        }
        if negative {
            rev.push(b'-');
        } else if self.f.plus {
            rev.push(b'+');
        } else if self.f.space {
            rev.push(b' ');
        }
        rev.reverse();
        self.pad_spaces(buf, &rev);
    }

    /// The string cut to the precision, in runes.
    fn truncate<'a>(&self, s: &'a [u8]) -> &'a [u8] {
        if self.f.prec_present {
            let mut n = self.prec;
            let mut i = 0;
            while i < s.len() {
                n -= 1;
                if n < 0 {
                    return &s[..i];
                }
                i = if s[i] < 0x80 { i + 1 } else { decode_rune(s, i).1 };
            }
        }
        s
    }

    /// `%s`.
    pub fn fmt_s(&self, buf: &mut Vec<u8>, s: &[u8]) {
        let s = self.truncate(s);
        self.pad(buf, s);
    }

    /// `%x`/`%X` of a string or byte slice: two hex digits per byte, with
    /// `#` a leading 0x, with space flag separated (each with 0x under `#`).
    pub fn fmt_sbx(&self, buf: &mut Vec<u8>, s: &[u8], digits: &[u8; 17]) {
        let mut length = s.len() as i64;
        if self.f.prec_present && self.prec < length {
            length = self.prec;
        }
        let mut width = 2 * length;
        if width > 0 {
            if self.f.space {
                if self.f.sharp {
                    width *= 2;
                }
                width += length - 1;
            } else if self.f.sharp {
                width += 2;
            }
        } else {
            if self.f.wid_present {
                self.write_padding(buf, self.wid);
            }
            return;
        }
        if self.f.wid_present && self.wid > width && !self.f.minus {
            self.write_padding(buf, self.wid - width);
        }
        if self.f.sharp {
            buf.extend_from_slice(&[b'0', digits[16]]);
        }
        for (i, &c) in s[..length as usize].iter().enumerate() {
            if self.f.space && i > 0 {
                buf.push(b' ');
                if self.f.sharp {
                    buf.extend_from_slice(&[b'0', digits[16]]);
                }
            }
            buf.extend_from_slice(&[digits[(c >> 4) as usize], digits[(c & 0xF) as usize]]);
        }
        if self.f.wid_present && self.wid > width && self.f.minus {
            self.write_padding(buf, self.wid - width);
        }
    }

    /// `%q` of a string: a Go string literal (raw with `#` when possible,
    /// ASCII only with `+`).
    pub fn fmt_q(&self, buf: &mut Vec<u8>, s: &[u8]) {
        let s = self.truncate(s);
        let mut out = Vec::with_capacity(s.len() + 2);
        if self.f.sharp && can_backquote(s) {
            out.push(b'`');
            out.extend_from_slice(s);
            out.push(b'`');
        } else {
            append_quote(&mut out, s, self.f.plus);
        }
        self.pad(buf, &out);
    }

    /// `%c`: the character (U+FFFD when not valid).
    pub fn fmt_c(&self, buf: &mut Vec<u8>, c: u64) {
        let r = if c > 0x10FFFF { RUNE_ERROR } else { c as i32 };
        let mut tmp = [0u8; 4];
        let n = encode_rune(&mut tmp, r);
        self.pad(buf, &tmp[..n]);
    }

    /// `%q` of an integer: a Go character literal.
    pub fn fmt_qc(&self, buf: &mut Vec<u8>, c: u64) {
        let r = if c > 0x10FFFF { RUNE_ERROR } else { c as i32 };
        let mut out = Vec::with_capacity(8);
        append_quote_rune(&mut out, r, self.f.plus);
        self.pad(buf, &out);
    }

    /// Go's `fmt.fmtFloat`: `strconv.AppendFloat` with the precision
    /// (`prec` is the verb's default), then sign, `#` and padding rules.
    pub fn fmt_float(&mut self, buf: &mut Vec<u8>, v: f64, size: u32, verb: u8, prec: i64) {
        let prec = if self.f.prec_present { self.prec } else { prec };
        let mut num: Vec<u8> = Vec::with_capacity(32);
        num.push(b'+');
        append_float(&mut num, v, verb, prec, size);
        if num[1] == b'-' || num[1] == b'+' {
            num.remove(0);
        } else {
            num[0] = b'+';
        }
        if self.f.space && num[0] == b'+' && !self.f.plus {
            num[0] = b' ';
        }
        // Infinities and NaN are not padded with zeros.
        if num[1] == b'I' || num[1] == b'N' {
            let zero = self.f.zero;
            self.f.zero = false;
            let start = if num[1] == b'N' && !self.f.space && !self.f.plus { 1 } else { 0 };
            self.pad(buf, &num[start..]);
            self.f.zero = zero;
            return;
        }
        // `#`: always a decimal point, and %g keeps its trailing zeros.
        if self.f.sharp && verb != b'b' {
            let mut digits: i64 = 0;
            if matches!(verb, b'v' | b'g' | b'G' | b'x') {
                digits = if prec == -1 { 6 } else { prec };
            }
            let mut tail: Vec<u8> = Vec::new();
            let mut has_point = false;
            let mut saw_nonzero = false;
            let mut i = 1;
            while i < num.len() {
                match num[i] {
                    b'.' => has_point = true,
                    b'p' | b'P' => {
                        tail.extend_from_slice(&num[i..]);
                        num.truncate(i);
                        break;
                    }
                    b'e' | b'E' if verb != b'x' && verb != b'X' => {
                        tail.extend_from_slice(&num[i..]);
                        num.truncate(i);
                        break;
                    }
                    c => {
                        if c != b'0' {
                            saw_nonzero = true;
                        }
                        if saw_nonzero {
                            digits -= 1;
                        }
                    }
                }
                i += 1;
            }
            if !has_point {
                if num.len() == 2 && num[1] == b'0' {
                    digits -= 1;
                }
                num.push(b'.');
            }
            while digits > 0 {
                num.push(b'0');
                digits -= 1;
            }
            num.extend_from_slice(&tail);
        }
        if self.f.plus || num[0] != b'+' {
            // Zero padding goes between the sign and the digits.
            if self.f.zero && self.f.wid_present && self.wid > num.len() as i64 {
                buf.push(num[0]);
                self.write_padding(buf, self.wid - num.len() as i64);
                buf.extend_from_slice(&num[1..]);
                return;
            }
            self.pad(buf, &num);
            return;
        }
        self.pad(buf, &num[1..]);
    }
}
