//! Package strings, as far as rgo provides it: the functions compiled code
//! calls for `strings.Index`, `strings.Split` and friends.
//!
//! Strings arrive by address (a pointer to a Go string header), so that no
//! function needs more than the C ABI's six integer argument registers;
//! results that are slices are written through an `out` pointer. Semantics
//! are Go's (`strings` package documentation): byte-wise searching, Unicode
//! white space and case mapping rune by rune.

use crate::heap::go_alloc;
use crate::strings::{decode_rune, encode_rune, new_string};
use crate::{GoSlice, GoString};
use alloc::vec::Vec;

/// The bytes of the string at `s`.
///
/// # Safety
/// `s` must point at a Go string header whose bytes stay valid.
unsafe fn b<'a>(s: *const GoString) -> &'a [u8] {
    // SAFETY: as the caller promises.
    unsafe { (*s).as_bytes() }
}

/// The rune at byte `i` of `s` and its width in bytes (1 for an invalid
/// byte, which decodes as U+FFFD).
fn rune_at(s: &[u8], i: usize) -> (i32, usize) {
    let (r, next) = decode_rune(s, i);
    (r, next - i)
}

/// `panic(msg)` with a string value, as package strings panics.
fn panic_string(msg: &'static str) -> ! {
    let p = go_alloc(core::mem::size_of::<GoString>()) as *mut GoString;
    // SAFETY: `p` is a fresh allocation for one string header; the panic
    // value is a string, whose interface data word points at its header.
    unsafe {
        *p = GoString { ptr: msg.as_ptr(), len: msg.len() };
        crate::defer::gopanic(crate::Eface { typ: &reflect::types::STRING, data: p as *const u8 })
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Go's `unicode.IsSpace`.
fn is_space(r: i32) -> bool {
    match r {
        0x09..=0x0D | 0x20 | 0x85 | 0xA0 => true,
        _ if r < 0x100 => false,
        _ => char::from_u32(r as u32).is_some_and(char::is_whitespace),
    }
}

/// A new `[]string` holding `parts` (copied headers; the bytes are shared).
fn string_slice(parts: &[GoString]) -> GoSlice {
    if parts.is_empty() {
        return GoSlice { ptr: core::ptr::null_mut(), len: 0, cap: 0 };
    }
    let size = parts.len() * core::mem::size_of::<GoString>();
    let p = go_alloc(size) as *mut GoString;
    // SAFETY: `p` is a fresh allocation with room for every header.
    unsafe { core::ptr::copy_nonoverlapping(parts.as_ptr(), p, parts.len()) };
    GoSlice { ptr: p as *mut u8, len: parts.len(), cap: parts.len() }
}

/// A substring of `s` (shares its bytes, as Go's slicing does).
fn sub(s: &[u8], from: usize, to: usize) -> GoString {
    if from == to {
        return GoString::EMPTY;
    }
    GoString { ptr: s[from..].as_ptr(), len: to - from }
}

/// `strings.Index(s, substr)`.
///
/// # Safety
/// Both arguments point at Go string headers.
#[no_mangle]
pub unsafe extern "C" fn rgo_strings_index(s: *const GoString, substr: *const GoString) -> i64 {
    // SAFETY: as the caller promises.
    let (s, t) = unsafe { (b(s), b(substr)) };
    find(s, t).map_or(-1, |i| i as i64)
}

/// `strings.Contains(s, substr)`.
///
/// # Safety
/// Both arguments point at Go string headers.
#[no_mangle]
pub unsafe extern "C" fn rgo_strings_contains(s: *const GoString, substr: *const GoString) -> u8 {
    // SAFETY: as the caller promises.
    unsafe { (rgo_strings_index(s, substr) >= 0) as u8 }
}

/// `strings.HasPrefix(s, prefix)`.
///
/// # Safety
/// Both arguments point at Go string headers.
#[no_mangle]
pub unsafe extern "C" fn rgo_strings_hasprefix(s: *const GoString, prefix: *const GoString) -> u8 {
    // SAFETY: as the caller promises.
    unsafe { b(s).starts_with(b(prefix)) as u8 }
}

/// `strings.HasSuffix(s, suffix)`.
///
/// # Safety
/// Both arguments point at Go string headers.
#[no_mangle]
pub unsafe extern "C" fn rgo_strings_hassuffix(s: *const GoString, suffix: *const GoString) -> u8 {
    // SAFETY: as the caller promises.
    unsafe { b(s).ends_with(b(suffix)) as u8 }
}

/// `strings.Repeat(s, count)`; panics as Go does on a negative count or
/// an overflowing result.
///
/// # Safety
/// `s` points at a Go string header.
#[no_mangle]
pub unsafe extern "C" fn rgo_strings_repeat(s: *const GoString, count: i64) -> GoString {
    // SAFETY: as the caller promises.
    let s = unsafe { b(s) };
    if count < 0 {
        panic_string("strings: negative Repeat count");
    }
    let Some(total) = s.len().checked_mul(count as usize).filter(|t| *t <= isize::MAX as usize) else {
        panic_string("strings: Repeat output length overflow");
    };
    let mut v = Vec::with_capacity(total);
    for _ in 0..count {
        v.extend_from_slice(s);
    }
    new_string(&v)
}

/// Maps every rune of `s` through `f` (invalid bytes stay U+FFFD, as Go's
/// `strings.Map` writes them).
fn map_runes(s: &[u8], f: impl Fn(char) -> char) -> GoString {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let (r, n) = rune_at(s, i);
        let c = char::from_u32(r as u32).map(&f).unwrap_or('\u{FFFD}');
        let mut buf = [0u8; 4];
        let k = encode_rune(&mut buf, c as i32);
        out.extend_from_slice(&buf[..k]);
        i += n;
    }
    new_string(&out)
}

/// Go maps each rune to one rune; Rust's multi-rune mappings keep the
/// rune itself.
fn single(mut it: impl Iterator<Item = char>, c: char) -> char {
    match (it.next(), it.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

/// `strings.ToUpper(s)`.
///
/// # Safety
/// `s` points at a Go string header.
#[no_mangle]
pub unsafe extern "C" fn rgo_strings_toupper(s: *const GoString) -> GoString {
    // SAFETY: as the caller promises.
    map_runes(unsafe { b(s) }, |c| single(c.to_uppercase(), c))
}

/// `strings.ToLower(s)`.
///
/// # Safety
/// `s` points at a Go string header.
#[no_mangle]
pub unsafe extern "C" fn rgo_strings_tolower(s: *const GoString) -> GoString {
    // SAFETY: as the caller promises.
    map_runes(unsafe { b(s) }, |c| single(c.to_lowercase(), c))
}

/// `strings.TrimSpace(s)`: a substring, no copy.
///
/// # Safety
/// `s` points at a Go string header.
#[no_mangle]
pub unsafe extern "C" fn rgo_strings_trimspace(s: *const GoString) -> GoString {
    // SAFETY: as the caller promises.
    let s = unsafe { b(s) };
    let mut start = 0;
    while start < s.len() {
        let (r, n) = rune_at(s, start);
        if !is_space(r) {
            break;
        }
        start += n;
    }
    let mut end = s.len();
    while end > start {
        // Step back to the start of the last rune.
        let mut k = end - 1;
        while k > start && s[k] & 0xC0 == 0x80 && end - k < 4 {
            k -= 1;
        }
        let (r, n) = rune_at(s, k);
        if k + n != end || !is_space(r) {
            break;
        }
        end = k;
    }
    sub(s, start, end)
}

/// `strings.Replace(s, old, new, n)` (`n` < 0: every occurrence).
///
/// # Safety
/// The string arguments point at Go string headers.
#[no_mangle]
pub unsafe extern "C" fn rgo_strings_replace(s: *const GoString, old: *const GoString, new: *const GoString, n: i64) -> GoString {
    // SAFETY: as the caller promises.
    let (s_h, s, old, new) = unsafe { (*s, b(s), b(old), b(new)) };
    if n == 0 || (old == new) {
        return s_h;
    }
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    let mut done = 0i64;
    while n < 0 || done < n {
        let at = if old.is_empty() {
            // Go inserts `new` before each rune and at the end.
            if i > s.len() || (done > 0 && i == s.len() && s.is_empty()) {
                break;
            }
            if done > 0 {
                if i >= s.len() {
                    break;
                }
                let (_, w) = rune_at(s, i);
                out.extend_from_slice(&s[i..i + w]);
                i += w;
            }
            out.extend_from_slice(new);
            done += 1;
            continue;
        } else {
            match find(&s[i..], old) {
                Some(k) => i + k,
                None => break,
            }
        };
        out.extend_from_slice(&s[i..at]);
        out.extend_from_slice(new);
        i = at + old.len();
        done += 1;
    }
    if i < s.len() {
        out.extend_from_slice(&s[i..]);
    }
    new_string(&out)
}

/// `strings.Split(s, sep)` into `*out`.
///
/// # Safety
/// `out` is writable; the string arguments point at Go string headers.
#[no_mangle]
pub unsafe extern "C" fn rgo_strings_split(out: *mut GoSlice, s: *const GoString, sep: *const GoString) {
    // SAFETY: as the caller promises.
    let (s, sep) = unsafe { (b(s), b(sep)) };
    let mut parts = Vec::new();
    if sep.is_empty() {
        let mut i = 0;
        while i < s.len() {
            let (_, w) = rune_at(s, i);
            parts.push(sub(s, i, i + w));
            i += w;
        }
    } else {
        let mut i = 0;
        while let Some(k) = find(&s[i..], sep) {
            parts.push(sub(s, i, i + k));
            i += k + sep.len();
        }
        parts.push(sub(s, i, s.len()));
    }
    // SAFETY: as the caller promises.
    unsafe { *out = string_slice(&parts) };
}

/// `strings.Fields(s)` into `*out`.
///
/// # Safety
/// `out` is writable; `s` points at a Go string header.
#[no_mangle]
pub unsafe extern "C" fn rgo_strings_fields(out: *mut GoSlice, s: *const GoString) {
    // SAFETY: as the caller promises.
    let s = unsafe { b(s) };
    let mut parts = Vec::new();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < s.len() {
        let (r, w) = rune_at(s, i);
        match (is_space(r), start) {
            (true, Some(st)) => {
                parts.push(sub(s, st, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
        i += w;
    }
    if let Some(st) = start {
        parts.push(sub(s, st, s.len()));
    }
    // SAFETY: as the caller promises.
    unsafe { *out = string_slice(&parts) };
}

/// `strings.Join(elems, sep)`.
///
/// # Safety
/// `elems` points at a `[]string` header, `sep` at a Go string header.
#[no_mangle]
pub unsafe extern "C" fn rgo_strings_join(elems: *const GoSlice, sep: *const GoString) -> GoString {
    // SAFETY: as the caller promises: a slice of `len` string headers.
    let (elems, sep) = unsafe {
        let e = &*elems;
        let parts: &[GoString] = if e.len == 0 { &[] } else { core::slice::from_raw_parts(e.ptr as *const GoString, e.len) };
        (parts, b(sep))
    };
    match elems {
        [] => GoString::EMPTY,
        [one] => *one,
        _ => {
            let mut out = Vec::new();
            for (k, e) in elems.iter().enumerate() {
                if k > 0 {
                    out.extend_from_slice(sep);
                }
                // SAFETY: every element is a Go string.
                out.extend_from_slice(unsafe { e.as_bytes() });
            }
            new_string(&out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

    fn gs(s: &str) -> GoString {
        GoString { ptr: s.as_ptr(), len: s.len() }
    }

    fn text(g: GoString) -> String {
        // SAFETY: every GoString here points at live bytes.
        String::from_utf8(unsafe { g.as_bytes() }.to_vec()).unwrap()
    }

    fn list(v: GoSlice) -> Vec<String> {
        // SAFETY: built by `string_slice` from live strings.
        let parts: &[GoString] = if v.len == 0 { &[] } else { unsafe { core::slice::from_raw_parts(v.ptr as *const GoString, v.len) } };
        parts.iter().map(|p| text(*p)).collect()
    }

    #[test]
    fn searching() {
        // SAFETY: the headers point at live strings.
        unsafe {
            assert_eq!(rgo_strings_index(&gs("chicken"), &gs("ken")), 4);
            assert_eq!(rgo_strings_index(&gs("chicken"), &gs("dmr")), -1);
            assert_eq!(rgo_strings_index(&gs("x"), &gs("")), 0);
            assert_eq!(rgo_strings_contains(&gs("seafood"), &gs("foo")), 1);
            assert_eq!(rgo_strings_hasprefix(&gs("Gopher"), &gs("Go")), 1);
            assert_eq!(rgo_strings_hassuffix(&gs("Amigo"), &gs("go")), 1);
        }
    }

    #[test]
    fn building() {
        // SAFETY: the headers point at live strings.
        unsafe {
            assert_eq!(text(rgo_strings_repeat(&gs("na"), 3)), "nanana");
            assert_eq!(text(rgo_strings_toupper(&gs("Gopher é"))), "GOPHER É");
            assert_eq!(text(rgo_strings_tolower(&gs("Gopher É"))), "gopher é");
            assert_eq!(text(rgo_strings_trimspace(&gs(" \t\n Hello, Gophers \n\t\r\n"))), "Hello, Gophers");
            assert_eq!(text(rgo_strings_replace(&gs("oink oink oink"), &gs("k"), &gs("ky"), 2)), "oinky oinky oink");
            assert_eq!(text(rgo_strings_replace(&gs("oink oink oink"), &gs("oink"), &gs("moo"), -1)), "moo moo moo");
            assert_eq!(text(rgo_strings_replace(&gs("ab"), &gs(""), &gs("-"), -1)), "-a-b-");
            let mut out = GoSlice { ptr: core::ptr::null_mut(), len: 0, cap: 0 };
            rgo_strings_split(&mut out, &gs("a,b,c"), &gs(","));
            assert_eq!(list(out), ["a", "b", "c"]);
            rgo_strings_split(&mut out, &gs("abc"), &gs(""));
            assert_eq!(list(out), ["a", "b", "c"]);
            rgo_strings_fields(&mut out, &gs("  foo bar  baz   "));
            assert_eq!(list(out), ["foo", "bar", "baz"]);
            let parts = [gs("foo"), gs("bar"), gs("baz")];
            let sl = GoSlice { ptr: parts.as_ptr() as *mut u8, len: 3, cap: 3 };
            assert_eq!(text(rgo_strings_join(&sl, &gs(", "))), "foo, bar, baz");
        }
    }
}
