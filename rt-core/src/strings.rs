//! Strings: concatenation, comparison, conversions to and from byte and
//! rune slices, and UTF-8 decoding with Go's rules for invalid input
//! (`runtime/string.go`, `runtime/utf8.go`).
//!
//! Conversions allocate as Go's do when the result escapes: `[]byte(s)`
//! and `[]rune(s)` get the capacity of the malloc size class their bytes
//! round up to, so `cap` matches gc's for escaping slices (gc gives
//! non-escaping small conversions a 32-element stack buffer instead, which
//! rgo does not).

use crate::heap::go_alloc_noscan;
use crate::slices::roundupsize;
use crate::{GoSlice, GoString};

/// Go's `utf8.RuneError`, U+FFFD.
pub const RUNE_ERROR: i32 = 0xFFFD;
const MAX_RUNE: u32 = 0x10FFFF;
const SURROGATE_MIN: u32 = 0xD800;
const SURROGATE_MAX: u32 = 0xDFFF;

/// Decodes the rune starting at byte `k` of `s`: `(rune, index after it)`.
/// Invalid or truncated sequences, overlong forms, surrogates and values
/// past U+10FFFF give `(U+FFFD, k + 1)`, exactly as Go's `range` does; so
/// does `k >= len(s)`.
pub fn decode_rune(s: &[u8], k: usize) -> (i32, usize) {
    let err = (RUNE_ERROR, k + 1);
    if k >= s.len() {
        return err;
    }
    let s = &s[k..];
    let cont = |i: usize| s.len() > i && (0x80..=0xBF).contains(&s[i]);
    let low = |i: usize| (s[i] & 0x3F) as u32;
    let b0 = s[0];
    if b0 < 0x80 {
        return (b0 as i32, k + 1);
    }
    match b0 {
        0xC0..=0xDF if cont(1) => {
            let r = ((b0 & 0x1F) as u32) << 6 | low(1);
            if r > 0x7F {
                return (r as i32, k + 2);
            }
        }
        0xE0..=0xEF if cont(1) && cont(2) => {
            let r = ((b0 & 0x0F) as u32) << 12 | low(1) << 6 | low(2);
            if r > 0x7FF && !(SURROGATE_MIN..=SURROGATE_MAX).contains(&r) {
                return (r as i32, k + 3);
            }
        }
        0xF0..=0xF7 if cont(1) && cont(2) && cont(3) => {
            let r = ((b0 & 0x07) as u32) << 18 | low(1) << 12 | low(2) << 6 | low(3);
            if r > 0xFFFF && r <= MAX_RUNE {
                return (r as i32, k + 4);
            }
        }
        _ => {}
    }
    err
}

/// Encodes `r` as UTF-8 into `buf`, returning the length. Negative values,
/// surrogates and values past U+10FFFF encode U+FFFD, as Go does.
pub fn encode_rune(buf: &mut [u8; 4], r: i32) -> usize {
    let mut u = r as u32;
    if u <= 0x7F {
        buf[0] = u as u8;
        return 1;
    }
    if u <= 0x7FF {
        buf[0] = 0xC0 | (u >> 6) as u8;
        buf[1] = 0x80 | (u & 0x3F) as u8;
        return 2;
    }
    if u > MAX_RUNE || (SURROGATE_MIN..=SURROGATE_MAX).contains(&u) {
        u = RUNE_ERROR as u32;
    }
    if u <= 0xFFFF {
        buf[0] = 0xE0 | (u >> 12) as u8;
        buf[1] = 0x80 | ((u >> 6) & 0x3F) as u8;
        buf[2] = 0x80 | (u & 0x3F) as u8;
        return 3;
    }
    buf[0] = 0xF0 | (u >> 18) as u8;
    buf[1] = 0x80 | ((u >> 12) & 0x3F) as u8;
    buf[2] = 0x80 | ((u >> 6) & 0x3F) as u8;
    buf[3] = 0x80 | (u & 0x3F) as u8;
    4
}

/// The bytes 0 to 255, each the storage of the one-byte string of it.
static ONE_BYTE_STRINGS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = i as u8;
        i += 1;
    }
    t
};

/// A new Go string holding a copy of `b`.
pub(crate) fn new_string(b: &[u8]) -> GoString {
    if b.is_empty() {
        return GoString::EMPTY;
    }
    if let Some(s) = one_byte_string(b) {
        return s;
    }
    let p = go_alloc_noscan(b.len());
    // SAFETY: `p` is a fresh allocation of `b.len()` bytes.
    unsafe { core::ptr::copy_nonoverlapping(b.as_ptr(), p, b.len()) };
    GoString { ptr: p, len: b.len() }
}

/// A one-byte string points into a table of every byte, as gc's do (no
/// allocation: `string(b[i:i+1])`, a one-digit Sprintf).
fn one_byte_string(b: &[u8]) -> Option<GoString> {
    match b {
        [byte] => Some(GoString { ptr: &ONE_BYTE_STRINGS[*byte as usize], len: 1 }),
        _ => None,
    }
}

/// The bytes of the Go string `(ptr, len)`.
///
/// # Safety
/// `ptr` must point at `len` readable bytes (or `len` be 0).
unsafe fn bytes<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    // SAFETY: the caller passes a Go string.
    unsafe { GoString { ptr, len }.as_bytes() }
}

/// `a + b + ...` for `n` strings at `parts`. A single non-empty operand is
/// returned as is, without copying (Go does the same: strings are
/// immutable).
///
/// # Safety
/// `parts` must point at `n` Go strings.
#[no_mangle]
pub unsafe extern "C" fn rgo_concatstrings(parts: *const GoString, n: usize) -> GoString {
    // SAFETY: as the caller vouches; no buffer.
    unsafe { rgo_concatstrings_into(parts, n, core::ptr::null_mut(), 0) }
}

/// [`rgo_concatstrings`] for a sum whose string does not outlive the
/// caller's frame: a new string's bytes go to `buf` when they fit in its
/// `size` bytes.
///
/// # Safety
/// `parts` must point at `n` Go strings; `buf` be writable for `size` bytes
/// and live as long as the string (or `size` be 0).
#[no_mangle]
pub unsafe extern "C" fn rgo_concatstrings_into(parts: *const GoString, n: usize, buf: *mut u8, size: usize) -> GoString {
    crate::collector::safepoint();
    // SAFETY: the caller passes `n` strings.
    let parts = unsafe { string_parts(parts, n) };
    let Some((total, nonempty, last)) = sum_lengths(parts) else {
        crate::fatal::fatal("string concatenation too long")
    };
    // One string is the sum itself, unless its bytes are in a frame and
    // the sum may outlive that frame (no buffer): then a copy. (Escape
    // analysis counts on this: a sum's operands never escape through it.)
    let g = crate::g::current_g();
    // SAFETY: the running goroutine, whose segments do not change here.
    if nonempty == 0 || (nonempty == 1 && (!buf.is_null() || g.is_null() || !unsafe { crate::stack::in_use(g, last.ptr as usize) })) {
        return last;
    }
    let dst = if total <= size { buf } else { go_alloc_noscan(total) };
    // SAFETY: `dst` has room for the sum.
    unsafe { join_into(parts, dst, total) }
}

/// `rgo_concatstrings_nolock(thread, parts, n)`: [`rgo_concatstrings`]
/// without the runtime lock ([`rgo_concatstrings_into_nolock`]).
///
/// # Safety
/// As for [`rgo_concatstrings_into_nolock`].
#[no_mangle]
pub unsafe extern "C" fn rgo_concatstrings_nolock(thread: *const crate::g::ThreadHead, parts: *const GoString, n: usize) -> GoString {
    // SAFETY: as the caller vouches; no buffer.
    unsafe { rgo_concatstrings_into_nolock(thread, parts, n, core::ptr::null_mut(), 0) }
}

/// `rgo_concatstrings_into_nolock(thread, parts, n, buf, size)`:
/// [`rgo_concatstrings_into`] without the runtime lock
/// (`crate::collector::alloc_nolock`) for a sum of two or more non-empty
/// strings, or of one with a buffer; a null string when the locked call is
/// to make it (anything else: it knows the goroutine's stack, and dies of
/// an overlong sum).
///
/// # Safety
/// Called by rt-arch's `rgo_rt_try` only, with the running thread's
/// record; otherwise as for [`rgo_concatstrings_into`].
#[no_mangle]
pub unsafe extern "C" fn rgo_concatstrings_into_nolock(thread: *const crate::g::ThreadHead, parts: *const GoString, n: usize, buf: *mut u8, size: usize) -> GoString {
    // SAFETY: the caller passes `n` strings.
    let parts = unsafe { string_parts(parts, n) };
    match sum_lengths(parts) {
        Some((_, 1, last)) if !buf.is_null() => last,
        Some((total, 2.., _)) => {
            let dst = if total <= size {
                buf
            } else {
                // SAFETY: as the caller promises.
                unsafe { crate::collector::alloc_nolock(thread, total, core::ptr::null()) }
            };
            if dst.is_null() {
                return GoString::EMPTY;
            }
            // SAFETY: `dst` has room for the sum.
            unsafe { join_into(parts, dst, total) }
        }
        _ => GoString::EMPTY,
    }
}

/// The `n` strings at `parts`.
///
/// # Safety
/// `parts` must point at `n` Go strings (or `n` be 0).
unsafe fn string_parts<'a>(parts: *const GoString, n: usize) -> &'a [GoString] {
    // SAFETY: as the caller promises.
    if n == 0 { &[][..] } else { unsafe { core::slice::from_raw_parts(parts, n) } }
}

/// The total length of `parts`, how many are non-empty and the last
/// non-empty one; `None` when the sum is too long for a string.
fn sum_lengths(parts: &[GoString]) -> Option<(usize, usize, GoString)> {
    let (mut total, mut nonempty, mut last) = (0usize, 0, GoString::EMPTY);
    for p in parts.iter().filter(|p| p.len != 0) {
        total = total.checked_add(p.len).filter(|t| *t <= isize::MAX as usize)?;
        nonempty += 1;
        last = *p;
    }
    Some((total, nonempty, last))
}

/// Copies `parts` one after another to `dst`: the string of their sum.
///
/// # Safety
/// `dst` must be writable for `total`, the sum of the lengths.
unsafe fn join_into(parts: &[GoString], dst: *mut u8, total: usize) -> GoString {
    let mut at = 0;
    for p in parts {
        // SAFETY: `dst` has room for the sum of the lengths; each part is
        // a valid Go string (an empty one may have a nil pointer: as_bytes
        // gives no bytes for it).
        unsafe { core::ptr::copy_nonoverlapping(p.as_bytes().as_ptr(), dst.add(at), p.len) };
        at += p.len;
    }
    GoString { ptr: dst, len: total }
}

/// Compares two strings bytewise: -1, 0 or 1.
///
/// # Safety
/// Both must be Go strings.
#[no_mangle]
pub unsafe extern "C" fn rgo_cmpstring(a_ptr: *const u8, a_len: usize, b_ptr: *const u8, b_len: usize) -> i64 {
    // SAFETY: the caller passes Go strings.
    let (a, b) = unsafe { (bytes(a_ptr, a_len), bytes(b_ptr, b_len)) };
    match a.cmp(b) {
        core::cmp::Ordering::Less => -1,
        core::cmp::Ordering::Equal => 0,
        core::cmp::Ordering::Greater => 1,
    }
}

/// Whether `n` bytes at `a` and `b` are equal (1) or not (0).
///
/// # Safety
/// Both must be readable for `n` bytes.
#[no_mangle]
pub unsafe extern "C" fn rgo_memequal(a: *const u8, b: *const u8, n: usize) -> u8 {
    // SAFETY: the caller vouches for both ranges.
    unsafe { (a == b || bytes(a, n) == bytes(b, n)) as u8 }
}

/// The `copy` builtin's move: `n` bytes, the ranges may overlap.
///
/// # Safety
/// `src` must be readable and `dst` writable for `n` bytes.
#[no_mangle]
pub unsafe extern "C" fn rgo_memmove(dst: *mut u8, src: *const u8, n: usize) {
    if n != 0 {
        // SAFETY: the caller vouches for both ranges; `copy` allows overlap.
        unsafe { core::ptr::copy(src, dst, n) };
    }
}

/// `string(b)` for a byte slice: a copy.
///
/// # Safety
/// `(ptr, len)` must be readable.
#[no_mangle]
pub unsafe extern "C" fn rgo_slicebytetostring(ptr: *const u8, len: usize) -> GoString {
    crate::collector::safepoint();
    // SAFETY: the caller passes the slice's elements.
    new_string(unsafe { bytes(ptr, len) })
}

/// `string(b)` whose string does not outlive the caller's frame: the
/// bytes in `buf` when they fit in its `size` bytes, else as
/// [`rgo_slicebytetostring`].
///
/// # Safety
/// `(ptr, len)` must be readable, and `buf` writable for `size` bytes and
/// live as long as the string.
#[no_mangle]
pub unsafe extern "C" fn rgo_slicebytetostring_into(ptr: *const u8, len: usize, buf: *mut u8, size: usize) -> GoString {
    if len < 2 || len > size {
        // SAFETY: as the caller vouches.
        return unsafe { rgo_slicebytetostring(ptr, len) };
    }
    // SAFETY: `buf` has room for `len <= size` bytes; the source is the
    // slice's elements (a frame buffer is never a Go slice's array).
    unsafe { core::ptr::copy_nonoverlapping(ptr, buf, len) };
    GoString { ptr: buf, len }
}

/// `[]byte(s)`, written to `out`.
///
/// # Safety
/// `out` must be writable and `(ptr, len)` a Go string.
#[no_mangle]
pub unsafe extern "C" fn rgo_stringtoslicebyte(out: *mut GoSlice, ptr: *const u8, len: usize) {
    crate::collector::safepoint();
    let cap = roundupsize(len);
    let p = go_alloc_noscan(cap);
    // SAFETY: `p` has room for `cap >= len` bytes; the source is the string
    // (`bytes` gives no bytes for an empty one, whose pointer may be nil).
    unsafe {
        core::ptr::copy_nonoverlapping(bytes(ptr, len).as_ptr(), p, len);
        out.write(GoSlice { ptr: p, len, cap });
    }
}

/// `[]byte(s)` whose slice does not outlive the caller's frame, written to
/// `out`: `buf` zeroed and holding the bytes, with capacity `size`, when
/// they fit; else as [`rgo_stringtoslicebyte`].
///
/// # Safety
/// `out` must be writable, `(ptr, len)` a Go string, and `buf` writable for
/// `size` bytes and live as long as the slice.
#[no_mangle]
pub unsafe extern "C" fn rgo_stringtoslicebyte_into(out: *mut GoSlice, ptr: *const u8, len: usize, buf: *mut u8, size: usize) {
    if len > size {
        // SAFETY: as the caller vouches.
        return unsafe { rgo_stringtoslicebyte(out, ptr, len) };
    }
    // SAFETY: `buf` has room for `size >= len` bytes and is no string's
    // storage; `out` is writable.
    unsafe {
        core::ptr::write_bytes(buf, 0, size);
        core::ptr::copy_nonoverlapping(bytes(ptr, len).as_ptr(), buf, len);
        out.write(GoSlice { ptr: buf, len, cap: size });
    }
}

/// `rgo_slicebytetostring_nolock(thread, ptr, len)`:
/// [`rgo_slicebytetostring`] without the runtime lock
/// (`crate::collector::alloc_nolock`); a null string to decline (and for
/// an empty one, which the locked call makes as cheaply).
///
/// # Safety
/// Called by rt-arch's `rgo_rt_try` only, with the running thread's
/// record; otherwise as for [`rgo_slicebytetostring`].
#[no_mangle]
pub unsafe extern "C" fn rgo_slicebytetostring_nolock(thread: *const crate::g::ThreadHead, ptr: *const u8, len: usize) -> GoString {
    // SAFETY: as the caller promises.
    unsafe { rgo_slicebytetostring_into_nolock(thread, ptr, len, core::ptr::null_mut(), 0) }
}

/// `rgo_slicebytetostring_into_nolock(thread, ptr, len, buf, size)`:
/// [`rgo_slicebytetostring_into`] without the runtime lock.
///
/// # Safety
/// As for [`rgo_slicebytetostring_nolock`] and
/// [`rgo_slicebytetostring_into`].
#[no_mangle]
pub unsafe extern "C" fn rgo_slicebytetostring_into_nolock(thread: *const crate::g::ThreadHead, ptr: *const u8, len: usize, buf: *mut u8, size: usize) -> GoString {
    // SAFETY: as the caller vouches.
    let b = unsafe { bytes(ptr, len) };
    if let Some(s) = one_byte_string(b) {
        return s;
    }
    let dst = if len >= 2 && len <= size {
        buf
    } else {
        // SAFETY: as the caller promises (an empty string: 0 bytes, which
        // the cache declines).
        unsafe { crate::collector::alloc_nolock(thread, len, core::ptr::null()) }
    };
    if dst.is_null() {
        return GoString::EMPTY;
    }
    // SAFETY: `dst` has room for `len` bytes and is no Go slice's array.
    unsafe { core::ptr::copy_nonoverlapping(b.as_ptr(), dst, len) };
    GoString { ptr: dst, len }
}

/// `rgo_stringtoslicebyte_nolock(thread, out, ptr, len)`:
/// [`rgo_stringtoslicebyte`] without the runtime lock; 1 when done, 0 to
/// decline.
///
/// # Safety
/// Called by rt-arch's `rgo_rt_try` only, with the running thread's
/// record; otherwise as for [`rgo_stringtoslicebyte`].
#[no_mangle]
pub unsafe extern "C" fn rgo_stringtoslicebyte_nolock(thread: *const crate::g::ThreadHead, out: *mut GoSlice, ptr: *const u8, len: usize) -> usize {
    let cap = roundupsize(len);
    // SAFETY: as the caller promises.
    let p = unsafe { crate::collector::alloc_nolock(thread, cap, core::ptr::null()) };
    if p.is_null() {
        return 0;
    }
    // SAFETY: as in `rgo_stringtoslicebyte`.
    unsafe {
        core::ptr::copy_nonoverlapping(bytes(ptr, len).as_ptr(), p, len);
        out.write(GoSlice { ptr: p, len, cap });
    }
    1
}

/// `[]rune(s)`, written to `out`.
///
/// # Safety
/// `out` must be writable and `(ptr, len)` a Go string.
#[no_mangle]
pub unsafe extern "C" fn rgo_stringtoslicerune(out: *mut GoSlice, ptr: *const u8, len: usize) {
    crate::collector::safepoint();
    // SAFETY: the caller passes a Go string.
    let s = unsafe { bytes(ptr, len) };
    let mut n = 0;
    let mut k = 0;
    while k < s.len() {
        k = decode_rune(s, k).1;
        n += 1;
    }
    let mem = roundupsize(n * 4);
    let p = go_alloc_noscan(mem) as *mut i32;
    let (mut i, mut k) = (0, 0);
    while k < s.len() {
        let (r, next) = decode_rune(s, k);
        // SAFETY: `p` has room for `mem / 4 >= n` runes.
        unsafe { p.add(i).write(r) };
        i += 1;
        k = next;
    }
    // SAFETY: the caller gives a writable header.
    unsafe { out.write(GoSlice { ptr: p.cast(), len: n, cap: mem / 4 }) };
}

/// `string(runes)` for a rune slice.
///
/// # Safety
/// `ptr` must point at `len` runes (4 bytes each).
#[no_mangle]
pub unsafe extern "C" fn rgo_slicerunetostring(ptr: *const i32, len: usize) -> GoString {
    crate::collector::safepoint();
    let runes = if len == 0 {
        &[][..]
    } else {
        // SAFETY: the caller passes the slice's elements.
        unsafe { core::slice::from_raw_parts(ptr, len) }
    };
    let mut buf = [0u8; 4];
    let total: usize = runes.iter().map(|&r| encode_rune(&mut buf, r)).sum();
    if total == 0 {
        return GoString::EMPTY;
    }
    let p = go_alloc_noscan(total);
    let mut at = 0;
    for &r in runes {
        let n = encode_rune(&mut buf, r);
        // SAFETY: `p` has room for every encoding, counted above.
        unsafe { core::ptr::copy_nonoverlapping(buf.as_ptr(), p.add(at), n) };
        at += n;
    }
    GoString { ptr: p, len: total }
}

/// `string(r)` for an integer `r`: its UTF-8 encoding, U+FFFD when `r` is
/// not a valid code point (including values outside int32).
#[no_mangle]
pub extern "C" fn rgo_intstring(r: i64) -> GoString {
    crate::collector::safepoint();
    let mut buf = [0u8; 4];
    let n = encode_int_rune(&mut buf, r);
    new_string(&buf[..n])
}

/// `string(r)` whose bytes live in the caller's 4-byte `buf` (a frame
/// slot, where escape analysis found the string does not outlive it).
///
/// # Safety
/// `buf` must be valid for writes of 4 bytes, and outlive the string.
#[no_mangle]
pub unsafe extern "C" fn rgo_intstring_into(r: i64, buf: *mut [u8; 4]) -> GoString {
    // SAFETY: the caller passes 4 writable bytes.
    let n = encode_int_rune(unsafe { &mut *buf }, r);
    GoString { ptr: buf.cast(), len: n }
}

/// Encodes `string(r)`'s bytes for an integer `r` into `buf`; their count.
fn encode_int_rune(buf: &mut [u8; 4], r: i64) -> usize {
    let r = if r as i32 as i64 == r { r as i32 } else { RUNE_ERROR };
    encode_rune(buf, r)
}

/// The result of [`rgo_decoderune`]: two words, returned in registers.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuneNext {
    pub rune: i64,
    pub next: usize,
}

/// One step of `for i, r := range s`: the rune at byte `i` and the index
/// after it.
///
/// # Safety
/// `(ptr, len)` must be a Go string.
#[no_mangle]
pub unsafe extern "C" fn rgo_decoderune(ptr: *const u8, len: usize, i: usize) -> RuneNext {
    // SAFETY: the caller passes a Go string.
    let (rune, next) = decode_rune(unsafe { bytes(ptr, len) }, i);
    RuneNext { rune: rune as i64, next }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    fn runes(s: &[u8]) -> Vec<(i32, usize)> {
        let mut out = Vec::new();
        let mut k = 0;
        while k < s.len() {
            let (r, next) = decode_rune(s, k);
            out.push((r, k));
            k = next;
        }
        out
    }

    /// Each case is what `for i, r := range s` yields in Go 1.19.
    #[test]
    fn decoding_matches_go() {
        const E: i32 = RUNE_ERROR;
        assert_eq!(runes(b"a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"), [(97, 0), (0xE9, 1), (0x20AC, 3), (0x1F600, 6)]);
        // Overlong encodings.
        assert_eq!(runes(b"\xc0\x80"), [(E, 0), (E, 1)]);
        assert_eq!(runes(b"\xc1\xbf"), [(E, 0), (E, 1)]);
        assert_eq!(runes(b"\xe0\x80\x80"), [(E, 0), (E, 1), (E, 2)]);
        assert_eq!(runes(b"\xf0\x80\x80\x80"), [(E, 0), (E, 1), (E, 2), (E, 3)]);
        // Surrogates and values past U+10FFFF.
        assert_eq!(runes(b"\xed\xa0\x80"), [(E, 0), (E, 1), (E, 2)]);
        assert_eq!(runes(b"\xf4\x90\x80\x80"), [(E, 0), (E, 1), (E, 2), (E, 3)]);
        assert_eq!(runes(b"\xf4\x8f\xbf\xbf"), [(0x10FFFF, 0)]);
        // Truncated sequences, stray continuation bytes, bytes never valid.
        assert_eq!(runes(b"\xe2\x82"), [(E, 0), (E, 1)]);
        assert_eq!(runes(b"\x80x"), [(E, 0), (120, 1)]);
        assert_eq!(runes(b"\xf8\x88\x80\x80\x80"), [(E, 0), (E, 1), (E, 2), (E, 3), (E, 4)]);
        assert_eq!(runes(b"\xff"), [(E, 0)]);
        assert_eq!(runes(b"\xe2x\x82"), [(E, 0), (120, 1), (E, 2)]);
        assert_eq!(decode_rune(b"ab", 2), (E, 3));
    }

    #[test]
    fn encoding_replaces_invalid_code_points() {
        let enc = |r: i32| {
            let mut b = [0u8; 4];
            let n = encode_rune(&mut b, r);
            b[..n].to_vec()
        };
        assert_eq!(enc(0x41), b"A");
        assert_eq!(enc(0xE9), "é".as_bytes());
        assert_eq!(enc(0x1F600), "😀".as_bytes());
        assert_eq!(enc(-1), "\u{FFFD}".as_bytes());
        assert_eq!(enc(0xD800), "\u{FFFD}".as_bytes());
        assert_eq!(enc(0x110000), "\u{FFFD}".as_bytes());
        // SAFETY (below): results are Go strings from the heap.
        let s = rgo_intstring(0x1_0000_0041);
        assert_eq!(unsafe { s.as_bytes() }, "\u{FFFD}".as_bytes());
        assert_eq!(unsafe { rgo_intstring(0x263A).as_bytes() }, "☺".as_bytes());
        let mut buf = [0u8; 4];
        // SAFETY: buf is 4 writable bytes and outlives the string.
        let s = unsafe { rgo_intstring_into(0x4E16, &mut buf) };
        assert_eq!(s.ptr, buf.as_ptr());
        // SAFETY: the string points into buf, still alive.
        assert_eq!(unsafe { s.as_bytes() }, "世".as_bytes());
    }

    #[test]
    fn conversions_round_trip_with_go_capacities() {
        let s = "héllo, wörld";
        let mut out = GoSlice { ptr: core::ptr::null_mut(), len: 0, cap: 0 };
        // SAFETY: `out` is writable and `s` a string; results are read back
        // within their lengths.
        unsafe {
            rgo_stringtoslicebyte(&mut out, s.as_ptr(), s.len());
            assert_eq!((out.len, out.cap), (14, 16));
            assert_eq!(core::slice::from_raw_parts(out.ptr, out.len), s.as_bytes());
            rgo_stringtoslicerune(&mut out, s.as_ptr(), s.len());
            assert_eq!((out.len, out.cap), (12, 12));
            let back = rgo_slicerunetostring(out.ptr as *const i32, out.len);
            assert_eq!(back.as_bytes(), s.as_bytes());
            let copy = rgo_slicebytetostring(s.as_ptr(), 5);
            assert_eq!(copy.as_bytes(), "héll".as_bytes());
            assert_ne!(copy.ptr, s.as_ptr());
            rgo_stringtoslicerune(&mut out, b"\xffa".as_ptr(), 2);
            assert_eq!(core::slice::from_raw_parts(out.ptr as *const i32, 2), [RUNE_ERROR, 97]);
            assert_eq!(out.cap, 2);
        }
    }

    #[test]
    fn conversions_into_frame_buffers_when_they_fit() {
        let mut buf = [0xAAu8; 8];
        let mut out = GoSlice { ptr: core::ptr::null_mut(), len: 0, cap: 0 };
        // SAFETY: `buf` is 8 writable bytes outliving every result; `out` is
        // writable; the sources are strings.
        unsafe {
            let s = rgo_slicebytetostring_into(b"abc".as_ptr(), 3, buf.as_mut_ptr(), 8);
            assert_eq!((s.ptr, s.as_bytes()), (buf.as_ptr(), &b"abc"[..]));
            let long = rgo_slicebytetostring_into(b"0123456789".as_ptr(), 10, buf.as_mut_ptr(), 8);
            assert_ne!(long.ptr, buf.as_ptr());
            assert_eq!(long.as_bytes(), b"0123456789");
            // One byte: the table, as without a buffer.
            let one = rgo_slicebytetostring_into(b"z".as_ptr(), 1, buf.as_mut_ptr(), 8);
            assert_eq!(one.ptr, rgo_slicebytetostring(b"z".as_ptr(), 1).ptr);
            rgo_stringtoslicebyte_into(&mut out, b"hey".as_ptr(), 3, buf.as_mut_ptr(), 8);
            assert_eq!((out.ptr, out.len, out.cap), (buf.as_mut_ptr(), 3, 8));
            assert_eq!(buf, *b"hey\0\0\0\0\0");
            rgo_stringtoslicebyte_into(&mut out, b"0123456789".as_ptr(), 10, buf.as_mut_ptr(), 8);
            assert_ne!(out.ptr, buf.as_mut_ptr());
            assert_eq!((out.len, out.cap), (10, 16));
            let parts = [GoString { ptr: "ab".as_ptr(), len: 2 }, GoString { ptr: "cd".as_ptr(), len: 2 }];
            let s = rgo_concatstrings_into(parts.as_ptr(), 2, buf.as_mut_ptr(), 8);
            assert_eq!((s.ptr, s.as_bytes()), (buf.as_ptr(), &b"abcd"[..]));
            let s = rgo_concatstrings_into(parts.as_ptr(), 2, buf.as_mut_ptr(), 3);
            assert_ne!(s.ptr, buf.as_ptr());
            assert_eq!(s.as_bytes(), b"abcd");
        }
    }

    #[test]
    fn concat_and_compare() {
        let parts =
            [GoString { ptr: "ab".as_ptr(), len: 2 }, GoString::EMPTY, GoString { ptr: "cde".as_ptr(), len: 3 }];
        // SAFETY: the parts are valid strings.
        unsafe {
            let s = rgo_concatstrings(parts.as_ptr(), 3);
            assert_eq!(s.as_bytes(), b"abcde");
            let one = rgo_concatstrings(parts[1..].as_ptr(), 2);
            assert_eq!(one.ptr, parts[2].ptr);
            assert_eq!(rgo_concatstrings(parts.as_ptr(), 0), GoString::EMPTY);
            assert_eq!(rgo_cmpstring("a".as_ptr(), 1, "b".as_ptr(), 1), -1);
            assert_eq!(rgo_cmpstring("ab".as_ptr(), 2, "a".as_ptr(), 1), 1);
            assert_eq!(rgo_cmpstring("ab".as_ptr(), 2, "ab".as_ptr(), 2), 0);
            assert_eq!(rgo_cmpstring(core::ptr::null(), 0, "a".as_ptr(), 1), -1);
            assert_eq!(rgo_memequal("abc".as_ptr(), "abd".as_ptr(), 2), 1);
            assert_eq!(rgo_memequal("abc".as_ptr(), "abd".as_ptr(), 3), 0);
            let mut buf = *b"abcdef";
            rgo_memmove(buf.as_mut_ptr().add(1), buf.as_ptr(), 4);
            assert_eq!(&buf, b"aabcdf");
        }
    }
}
