//! Go's quoting (`strconv.Quote`, `QuoteToASCII`, `QuoteRune`,
//! `CanBackquote`) and `strconv.IsPrint`.
//!
//! `IsPrint` is Go's "letter, mark, number, punctuation, symbol or ASCII
//! space". Rust's notion of a printable character (what `escape_debug`
//! leaves alone) is the same definition (everything but the categories
//! Cc, Cf, Cs, Co, Cn, Zs, Zl, Zp, ASCII space excepted), computed from a
//! newer Unicode version than Go 1.19's 13.0: characters assigned since
//! then count as printable here and are escaped by Go. `escape_debug`
//! also escapes grapheme extenders (combining marks, printable in Go), but
//! only at the start of a string, so the test looks at the character after
//! an `a`.

use crate::strings::{decode_rune, encode_rune, RUNE_ERROR};
use alloc::vec::Vec;

const LOWERHEX: &[u8; 16] = b"0123456789abcdef";

/// Go's `strconv.IsPrint` (see the module comment for the approximation).
pub fn is_print(r: i32) -> bool {
    if (0..0x80).contains(&r) {
        return (0x20..0x7f).contains(&r);
    }
    let Some(c) = char::from_u32(r as u32) else { return false };
    let mut b = [b'a'; 5];
    let n = c.encode_utf8(&mut b[1..]).len();
    let Ok(s) = core::str::from_utf8(&b[..1 + n]) else { return false };
    let mut it = s.escape_debug();
    it.next();
    it.next() != Some('\\')
}

/// Appends `r` as it appears between `quote`s in a Go literal.
fn append_escaped_rune(buf: &mut Vec<u8>, r: i32, quote: u8, ascii_only: bool) {
    if r == quote as i32 || r == '\\' as i32 {
        buf.push(b'\\');
        buf.push(r as u8);
        return;
    }
    if ascii_only {
        if r < 0x80 && is_print(r) {
            buf.push(r as u8);
            return;
        }
    } else if is_print(r) {
        let mut tmp = [0u8; 4];
        let n = encode_rune(&mut tmp, r);
        buf.extend_from_slice(&tmp[..n]);
        return;
    }
    let esc: &[u8] = match r {
        0x07 => b"\\a",
        0x08 => b"\\b",
        0x0c => b"\\f",
        0x0a => b"\\n",
        0x0d => b"\\r",
        0x09 => b"\\t",
        0x0b => b"\\v",
        _ => b"",
    };
    if !esc.is_empty() {
        buf.extend_from_slice(esc);
        return;
    }
    let mut r = r;
    if (0..0x20).contains(&r) || r == 0x7f {
        buf.extend_from_slice(&[b'\\', b'x', LOWERHEX[(r >> 4) as usize & 15], LOWERHEX[r as usize & 15]]);
        return;
    }
    if char::from_u32(r as u32).is_none() {
        r = RUNE_ERROR;
    }
    let (lead, digits): (&[u8], u32) = if r < 0x10000 { (b"\\u", 4) } else { (b"\\U", 8) };
    buf.extend_from_slice(lead);
    for k in (0..digits).rev() {
        buf.push(LOWERHEX[((r as u32) >> (4 * k)) as usize & 15]);
    }
}

/// Go's `strconv.AppendQuote` (`ascii_only`: `AppendQuoteToASCII`).
pub fn append_quote(buf: &mut Vec<u8>, s: &[u8], ascii_only: bool) {
    buf.push(b'"');
    let mut i = 0;
    while i < s.len() {
        let (r, next) = decode_rune(s, i);
        if next == i + 1 && r == RUNE_ERROR {
            buf.extend_from_slice(&[b'\\', b'x', LOWERHEX[(s[i] >> 4) as usize], LOWERHEX[(s[i] & 15) as usize]]);
        } else {
            append_escaped_rune(buf, r, b'"', ascii_only);
        }
        i = next;
    }
    buf.push(b'"');
}

/// Go's `strconv.AppendQuoteRune` (`ascii_only`: `...ToASCII`).
pub fn append_quote_rune(buf: &mut Vec<u8>, r: i32, ascii_only: bool) {
    let r = if char::from_u32(r as u32).is_some() { r } else { RUNE_ERROR };
    buf.push(b'\'');
    append_escaped_rune(buf, r, b'\'', ascii_only);
    buf.push(b'\'');
}

/// Go's `strconv.CanBackquote`: one line, no control characters but tab,
/// no backquote, valid UTF-8, no byte order mark.
pub fn can_backquote(s: &[u8]) -> bool {
    let mut i = 0;
    while i < s.len() {
        let (r, next) = decode_rune(s, i);
        if next - i > 1 {
            if r == 0xFEFF {
                return false;
            }
        } else if r == RUNE_ERROR || (r < 0x20 && r != 0x09) || r == 0x60 || r == 0x7f {
            return false;
        }
        i = next;
    }
    true
}

/// Go's `utf8.RuneCount`: invalid bytes count one each.
pub fn rune_count(s: &[u8]) -> usize {
    let (mut i, mut n) = (0, 0);
    while i < s.len() {
        i = if s[i] < 0x80 { i + 1 } else { decode_rune(s, i).1 };
        n += 1;
    }
    n
}
