//! Package strings, as far as rgo provides it: the functions compiled code
//! calls for `strings.Index`, `strings.Split` and friends.
//!
//! Strings arrive by address (a pointer to a Go string header), so that no
//! function needs more than the C ABI's six integer argument registers;
//! results that are slices are written through an `out` pointer. Semantics
//! are Go's (`strings` package documentation): byte-wise searching, Unicode
//! white space and case mapping rune by rune.

use crate::heap::{go_alloc, go_alloc_noscan};
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

/// `panic(msg)` with a string value, as package strings (and strconv and
/// errors) panic.
pub(crate) fn panic_string(msg: &'static str) -> ! {
    let p = go_alloc(core::mem::size_of::<GoString>(), &reflect::types::STRING) as *mut GoString;
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
    string_slice_cap(parts, parts.len())
}

/// A new (non-nil) `[]string` holding `parts`, with capacity `cap` (at
/// least `parts.len()`).
pub(crate) fn string_slice_cap(parts: &[GoString], cap: usize) -> GoSlice {
    let cap = cap.max(parts.len());
    let p = go_alloc(cap * core::mem::size_of::<GoString>(), &reflect::types::STRING) as *mut GoString;
    // SAFETY: `p` is a fresh allocation with room for `cap` headers.
    unsafe { core::ptr::copy_nonoverlapping(parts.as_ptr(), p, parts.len()) };
    GoSlice { ptr: p as *mut u8, len: parts.len(), cap }
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
    crate::collector::safepoint();
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
    crate::collector::safepoint();
    // SAFETY: as the caller promises.
    map_runes(unsafe { b(s) }, |c| single(c.to_uppercase(), c))
}

/// `strings.ToLower(s)`.
///
/// # Safety
/// `s` points at a Go string header.
#[no_mangle]
pub unsafe extern "C" fn rgo_strings_tolower(s: *const GoString) -> GoString {
    crate::collector::safepoint();
    // SAFETY: as the caller promises.
    map_runes(unsafe { b(s) }, |c| single(c.to_lowercase(), c))
}

/// `strings.TrimSpace(s)`: a substring, no copy.
///
/// # Safety
/// `s` points at a Go string header.
#[no_mangle]
pub unsafe extern "C" fn rgo_strings_trimspace(s: *const GoString) -> GoString {
    crate::collector::safepoint();
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
    crate::collector::safepoint();
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
    crate::collector::safepoint();
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
    crate::collector::safepoint();
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
    crate::collector::safepoint();
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

// ---- strings.Builder --------------------------------------------------------
//
// rgo's Builder is its `[]byte` buffer (pointer, len, cap); `Len`, `Cap`,
// `String` and `Reset` need no runtime call.

/// Appends `s` to the buffer `b` as `append(b, s...)` does (growing as
/// `append` grows).
///
/// # Safety
/// `b` must point at a valid `[]byte` header; `s` may alias its bytes.
unsafe fn append_bytes(b: *mut GoSlice, s: &[u8]) {
    if s.is_empty() {
        return;
    }
    // SAFETY: as the caller promises.
    unsafe {
        let GoSlice { ptr, len, cap } = *b;
        let newlen = len + s.len();
        if newlen > cap {
            crate::slices::growslice(b, &reflect::types::UINT8, ptr, len, cap, newlen);
        } else {
            (*b).len = newlen;
        }
        // `s` is still readable (the old array is not freed) and, if it lies
        // in the buffer, below `len`: a memmove is enough.
        core::ptr::copy(s.as_ptr(), (*b).ptr.add(len), s.len());
    }
}

/// `(*strings.Builder).WriteString(s)` (and `WriteByte`, `Write` of a
/// string's bytes).
///
/// # Safety
/// `builder` must point at a valid `[]byte` header and `s` at a Go string.
#[no_mangle]
pub unsafe extern "C" fn rgo_builder_write(builder: *mut GoSlice, s: *const GoString) {
    crate::collector::safepoint();
    // SAFETY: as the caller promises.
    unsafe { append_bytes(builder, b(s)) }
}

/// `(*strings.Builder).WriteRune(r)`: an ASCII rune is appended as a byte;
/// otherwise, with fewer than 4 bytes free, the buffer first grows to
/// `2*cap + 4` exactly (Go's `Builder.grow`), then gets the UTF-8 encoding
/// (U+FFFD for invalid runes).
///
/// # Safety
/// `builder` must point at a valid `[]byte` header.
#[no_mangle]
pub unsafe extern "C" fn rgo_builder_writerune(builder: *mut GoSlice, r: i64) {
    crate::collector::safepoint();
    let r = r as i32;
    if (r as u32) < 0x80 {
        // SAFETY: as the caller promises.
        return unsafe { append_bytes(builder, &[r as u8]) };
    }
    let mut enc = [0u8; 4];
    let n = encode_rune(&mut enc, r);
    // SAFETY: as the caller promises; the new array has room for `len + 4`.
    unsafe {
        let GoSlice { ptr, len, cap } = *builder;
        if cap - len < 4 {
            let newcap = 2 * cap + 4;
            let p = go_alloc_noscan(newcap);
            if len != 0 {
                core::ptr::copy_nonoverlapping(ptr, p, len);
            }
            *builder = GoSlice { ptr: p, len, cap: newcap };
        }
        core::ptr::copy_nonoverlapping(enc.as_ptr(), (*builder).ptr.add(len), n);
        (*builder).len = len + n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::boxed::Box;
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

    /// Go 1.19's `strings.Builder`: (len, cap) after each write, from
    /// running the same writes through Go (rt-core/testdata/builder_gen.go).
    #[test]
    fn builder_grows_as_go() {
        enum Op {
            S(&'static str),
            R(i64),
        }
        let y40: &'static str = Box::leak("y".repeat(40).into_boxed_str());
        let digits: &'static str = Box::leak("0123456789".repeat(30).into_boxed_str());
        let ops = [
            (Op::S(""), 0, 0),
            (Op::S("a"), 1, 8),
            (Op::R(98), 2, 8),
            (Op::R(233), 4, 8),
            (Op::S("hello"), 9, 16),
            (Op::R(19990), 12, 16),
            (Op::R(128512), 16, 16),
            (Op::R(-1), 19, 36),
            (Op::R(1114112), 22, 36),
            (Op::R(55296), 25, 36),
            (Op::S("x"), 26, 36),
            (Op::S(y40), 66, 80),
            (Op::R(122), 67, 80),
            (Op::S(""), 67, 80),
            (Op::R(8364), 70, 80),
            (Op::S(digits), 370, 384),
            (Op::R(937), 372, 384),
            (Op::R(127), 373, 384),
            (Op::R(128), 375, 384),
            (Op::R(1114111), 379, 384),
        ];
        let mut b = GoSlice { ptr: core::ptr::null_mut(), len: 0, cap: 0 };
        for (i, (op, len, cap)) in ops.iter().enumerate() {
            // SAFETY: `b` is a valid []byte header; the strings are live.
            unsafe {
                match op {
                    Op::S(s) => rgo_builder_write(&mut b, &gs(s)),
                    Op::R(r) => rgo_builder_writerune(&mut b, *r),
                }
            }
            assert_eq!((b.len, b.cap), (*len, *cap), "after write {i}");
        }
        let mut want = String::from("ab\u{e9}hello\u{4e16}\u{1f600}\u{fffd}\u{fffd}\u{fffd}x");
        want.push_str(y40);
        want.push_str("z\u{20ac}");
        want.push_str(digits);
        want.push_str("\u{3a9}\u{7f}\u{80}\u{10ffff}");
        assert_eq!(text(GoString { ptr: b.ptr, len: b.len }), want);

        // 12 WriteRune('é') and 40 WriteString("abc") on new Builders.
        let progress = |f: &dyn Fn(*mut GoSlice), n: usize| {
            let mut b = GoSlice { ptr: core::ptr::null_mut(), len: 0, cap: 0 };
            (0..n)
                .map(|_| {
                    f(&mut b);
                    alloc::format!("{}/{}", b.len, b.cap)
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        // SAFETY (both): valid headers and a live string.
        assert_eq!(
            progress(&|b| unsafe { rgo_builder_writerune(b, 0xE9) }, 12),
            "2/4 4/12 6/12 8/12 10/12 12/28 14/28 16/28 18/28 20/28 22/28 24/28"
        );
        assert_eq!(
            progress(&|b| unsafe { rgo_builder_write(b, &gs("abc")) }, 40),
            "3/8 6/8 9/16 12/16 15/16 18/32 21/32 24/32 27/32 30/32 33/64 36/64 39/64 42/64 45/64 48/64 51/64 54/64 \
             57/64 60/64 63/64 66/128 69/128 72/128 75/128 78/128 81/128 84/128 87/128 90/128 93/128 96/128 99/128 \
             102/128 105/128 108/128 111/128 114/128 117/128 120/128"
        );
    }

    #[test]
    fn builder_appends_its_own_bytes() {
        let mut b = GoSlice { ptr: core::ptr::null_mut(), len: 0, cap: 0 };
        // SAFETY: valid headers; the second write reads the buffer itself.
        unsafe {
            rgo_builder_write(&mut b, &gs("abc"));
            let own = GoString { ptr: b.ptr, len: b.len };
            rgo_builder_write(&mut b, &own);
            let own = GoString { ptr: b.ptr, len: b.len };
            rgo_builder_write(&mut b, &own);
        }
        assert_eq!(text(GoString { ptr: b.ptr, len: b.len }), "abcabcabcabc");
    }
}
