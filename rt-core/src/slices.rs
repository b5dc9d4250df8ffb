//! `make([]T, len, cap)` and `append`'s growth (`runtime/slice.go`),
//! rounding up to the heap's size classes ([`crate::gc::sizeclass`]) so
//! that `cap()` after an append is the capacity gc's runtime would give.

use crate::defer::gopanic;
use crate::heap::{go_alloc, ZEROBASE};
use crate::rterror::{panic_plain_text, Static};
use crate::{Eface, GoSlice, GoString};
use reflect::types::Type;

/// Go's `maxAlloc` on linux/amd64: the largest allocation (2^48 bytes).
pub const MAX_ALLOC: usize = 1 << 48;

pub use crate::gc::sizeclass::roundupsize;

/// Panics with `runtime.errorString(msg)`.
fn errorstring(msg: &'static str) -> ! {
    // SAFETY: only the runtime entry points below call this, and they run
    // on the system stack of the running goroutine.
    unsafe { crate::rterror::panic_error_string(msg) }
}

/// Checks `make([]T, len, cap)` for an element of `elem_size` bytes:
/// the bytes to allocate, or Go's error text.
pub fn makeslice_size(elem_size: usize, len: i64, cap: i64) -> Result<usize, &'static str> {
    let bytes = |n: i64| -> Option<usize> {
        let n = usize::try_from(n).ok()?;
        elem_size.checked_mul(n).filter(|&m| m <= MAX_ALLOC)
    };
    match bytes(cap) {
        Some(mem) if len >= 0 && len <= cap => Ok(mem),
        // Go blames len when len alone is already too big.
        _ if bytes(len).is_none() => Err("makeslice: len out of range"),
        _ => Err("makeslice: cap out of range"),
    }
}

/// Checks `unsafe.Slice(ptr, len)` for an element of `elem_size` bytes at
/// address `ptr`: the slice's memory must not wrap around the address
/// space, so a nil `ptr` allows only a slice of no bytes (Go 1.19 lets
/// `unsafe.Slice((*struct{})(nil), 5)` be). Go's error text otherwise.
pub fn unsafeslice_check(elem_size: usize, ptr: usize, len: i64) -> Result<(), &'static str> {
    let Ok(n) = usize::try_from(len) else { return Err("unsafe.Slice: len out of range") };
    match elem_size.checked_mul(n) {
        Some(mem) if mem <= ptr.wrapping_neg() => Ok(()),
        _ if ptr == 0 => Err("unsafe.Slice: ptr is nil and len is not zero"),
        _ => Err("unsafe.Slice: len out of range"),
    }
}

/// `unsafe.Slice(ptr, len)`'s check (the slice itself is built by the
/// caller): returns when the slice is valid, panics with Go's
/// `runtime.errorString` otherwise.
///
/// # Safety
/// Called from compiled Go code on the goroutine's stack.
#[no_mangle]
pub unsafe extern "C" fn rgo_unsafeslice(elem_size: usize, ptr: usize, len: i64) {
    if let Err(msg) = unsafeslice_check(elem_size, ptr, len) {
        errorstring(msg)
    }
}

/// The backing array of `make([]T, len, cap)`, zeroed.
///
/// # Safety
/// `elem` must be a type descriptor.
#[no_mangle]
pub unsafe extern "C" fn rgo_makeslice(elem: *const Type, len: i64, cap: i64) -> *mut u8 {
    // SAFETY: the caller passes a descriptor.
    let size = unsafe { (*elem).size };
    match makeslice_size(size, len, cap) {
        Ok(mem) => {
            crate::collector::safepoint();
            crate::collector::go_alloc_at_safepoint(mem, elem)
        }
        Err(msg) => errorstring(msg),
    }
}

/// `rgo_makeslice_nolock(thread, elem, len, cap)`: [`rgo_makeslice`]
/// without the runtime lock (`crate::collector::alloc_nolock`); null when
/// the locked call is to make it (or to panic).
///
/// # Safety
/// Called by rt-arch's `rgo_rt_try` only, with the running thread's
/// record; `elem` must be a type descriptor.
#[no_mangle]
pub unsafe extern "C" fn rgo_makeslice_nolock(thread: *const crate::g::ThreadHead, elem: *const Type, len: i64, cap: i64) -> *mut u8 {
    // SAFETY: the caller passes a descriptor.
    match makeslice_size(unsafe { (*elem).size }, len, cap) {
        // SAFETY: as the caller promises.
        Ok(mem) => unsafe { crate::collector::alloc_nolock(thread, mem, elem) },
        Err(_) => core::ptr::null_mut(),
    }
}

/// Go 1.19's growth policy: the capacity `append` picks for a slice of
/// capacity `old_cap` that must hold `needed` elements of `elem_size`
/// bytes, before and after rounding up to a size class. `None` when the
/// result would be too big.
pub fn grow_cap(elem_size: usize, old_cap: usize, needed: usize) -> Option<(usize, usize)> {
    let mut newcap = old_cap;
    let doublecap = newcap.wrapping_add(newcap);
    if needed > doublecap {
        newcap = needed;
    } else {
        const THRESHOLD: usize = 256;
        if old_cap < THRESHOLD {
            newcap = doublecap;
        } else {
            // Go works in signed ints here and stops when newcap overflows.
            let mut n = newcap as isize;
            while 0 < n && (n as usize) < needed {
                n = n.wrapping_add((n.wrapping_add(3 * THRESHOLD as isize)) / 4);
            }
            newcap = if n <= 0 { needed } else { n as usize };
        }
    }
    if newcap > MAX_ALLOC / elem_size {
        return None;
    }
    let capmem = roundupsize(newcap * elem_size);
    if capmem > MAX_ALLOC {
        return None;
    }
    Some((capmem / elem_size, capmem))
}

/// The array and capacity [`rgo_growslice`] returns (in two registers: the
/// length is the caller's `newlen`).
#[repr(C)]
pub struct Grown {
    pub ptr: *mut u8,
    pub cap: usize,
}

/// `append` past the capacity: a new backing array for at least `newlen`
/// elements holding the `len` old ones, for a slice of length `newlen`.
/// The new elements beyond `len` are zero. Returning the header's two
/// changed words in registers lets the compiled caller keep its slice in
/// registers (no address taken).
///
/// # Safety
/// `elem` must be a type descriptor, and `(ptr, len, cap)` a slice of such
/// elements.
/// A safepoint (compiled code calls it); the runtime's own callers use
/// [`growslice`].
#[no_mangle]
pub unsafe extern "C" fn rgo_growslice(elem: *const Type, ptr: *const u8, len: usize, cap: usize, newlen: usize) -> Grown {
    crate::collector::safepoint();
    let mut out = GoSlice { ptr: core::ptr::null_mut(), len: 0, cap: 0 };
    // SAFETY: as the caller promises; the old array is the Go caller's
    // operand, which its frame keeps alive through a collection.
    unsafe { grow(&mut out, elem, ptr, len, cap, newlen, crate::collector::go_alloc_at_safepoint) };
    Grown { ptr: out.ptr, cap: out.cap }
}

/// [`rgo_growslice`] without the safepoint, for the runtime's own callers
/// (which may hold Go pointers in locals).
///
/// # Safety
/// As for [`rgo_growslice`].
pub unsafe fn growslice(out: *mut GoSlice, elem: *const Type, ptr: *const u8, len: usize, cap: usize, newlen: usize) {
    // SAFETY: as the caller promises.
    unsafe { grow(out, elem, ptr, len, cap, newlen, go_alloc) }
}

/// [`growslice`] with the new array from `alloc`.
///
/// # Safety
/// As for [`rgo_growslice`].
unsafe fn grow(out: *mut GoSlice, elem: *const Type, ptr: *const u8, len: usize, cap: usize, newlen: usize, alloc: fn(usize, *const Type) -> *mut u8) {
    // SAFETY: the caller passes a descriptor.
    let size = unsafe { (*elem).size };
    let grown = match grown_size(size, cap, newlen) {
        Ok(Some((newcap, capmem))) => {
            let p = alloc(capmem, elem);
            // SAFETY: as the caller promises; `p` is fresh.
            unsafe { copy_old(p, ptr, len * size) };
            GoSlice { ptr: p, len: newlen, cap: newcap }
        }
        Ok(None) => GoSlice { ptr: core::ptr::addr_of!(ZEROBASE) as *mut u8, len: newlen, cap: newlen },
        Err(msg) => errorstring(msg),
    };
    // SAFETY: the caller gives a writable header.
    unsafe { out.write(grown) };
}

/// The capacity and bytes of the array `append` grows a slice of capacity
/// `cap` into to hold `newlen` elements of `size` bytes (`None`: zero-sized
/// elements, which need no array), or the panic's message.
fn grown_size(size: usize, cap: usize, newlen: usize) -> Result<Option<(usize, usize)>, &'static str> {
    if newlen < cap || (newlen as isize) < 0 {
        return Err("growslice: cap out of range");
    }
    if size == 0 {
        return Ok(None);
    }
    grow_cap(size, cap, newlen).map(Some).ok_or("growslice: cap out of range")
}

/// Copies a grown slice's old elements (`n` bytes) to its new array `p`.
///
/// # Safety
/// `old` readable and `p` writable for `n` bytes, not overlapping.
unsafe fn copy_old(p: *mut u8, old: *const u8, n: usize) {
    if n != 0 {
        // SAFETY: as the caller promises.
        unsafe { core::ptr::copy_nonoverlapping(old, p, n) };
    }
}

/// `rgo_growslice_nolock(thread, elem, ptr, len, cap, newlen)`:
/// [`rgo_growslice`] without the runtime lock
/// (`crate::collector::alloc_nolock`); a null array when the locked call
/// is to make it (or to panic).
///
/// # Safety
/// Called by rt-arch's `rgo_rt_try` only, with the running thread's
/// record; otherwise as for [`rgo_growslice`].
#[no_mangle]
pub unsafe extern "C" fn rgo_growslice_nolock(thread: *const crate::g::ThreadHead, elem: *const Type, ptr: *const u8, len: usize, cap: usize, newlen: usize) -> Grown {
    // SAFETY: the caller passes a descriptor.
    let size = unsafe { (*elem).size };
    let declined = Grown { ptr: core::ptr::null_mut(), cap: 0 };
    let Ok(Some((newcap, capmem))) = grown_size(size, cap, newlen) else { return declined };
    // SAFETY: as the caller promises.
    let p = unsafe { crate::collector::alloc_nolock(thread, capmem, elem) };
    if p.is_null() {
        return declined;
    }
    // SAFETY: as the caller promises; `p` is fresh.
    unsafe { copy_old(p, ptr, len * size) };
    Grown { ptr: p, cap: newcap }
}

/// The slice header inside the `any` that `sort.Slice` got, and its
/// element size; panics as gc's `reflectlite.Swapper` does when it is no
/// slice: `reflect: call of Swapper on int Value` (`zero Value` for nil).
/// (gc's panic value is a `*reflectlite.ValueError`; rgo's is a
/// `runtime.plainError` with the same text.)
///
/// # Safety
/// `typ`/`data` must be an interface's two words; on the system stack.
unsafe fn swapper_slice(typ: *const Type, data: *const u8) -> (*mut GoSlice, usize) {
    // SAFETY: a non-null type word is a descriptor.
    let t = unsafe { typ.as_ref() };
    match t.and_then(|t| t.as_slice_type()) {
        // SAFETY: a slice is not pointer-shaped: the data word points at
        // its header.
        Some(st) => (data as *mut GoSlice, st.elem.size()),
        None => {
            let kind = t.map(|t| t.kind().name());
            // SAFETY: as the caller promises.
            unsafe {
                panic_plain_text(|o| {
                    o.put(b"reflect: call of Swapper on ");
                    o.put(kind.unwrap_or("zero").as_bytes());
                    o.put(b" Value");
                })
            }
        }
    }
}

/// `len(x)` for `sort.Slice(x, less)`, `x` an `any` that must hold a slice
/// (see [`swapper_slice`] for the panic otherwise).
///
/// # Safety
/// `typ`/`data` must be an interface's two words; called by compiled code.
#[no_mangle]
pub unsafe extern "C" fn rgo_slice_len(typ: *const Type, data: *const u8) -> i64 {
    // SAFETY: as the caller promises.
    unsafe {
        let (s, _) = swapper_slice(typ, data);
        (*s).len as i64
    }
}

/// The element size of the slice in `x` (an `any`), for `sort.Slice`'s
/// swapper, which moves elements of common sizes itself (a runtime call
/// per swap made sorting 6x slower than gc); panics as [`swapper_slice`]
/// when `x` holds no slice.
///
/// # Safety
/// As for [`rgo_slice_len`].
#[no_mangle]
pub unsafe extern "C" fn rgo_slice_elem_size(typ: *const Type, data: *const u8) -> i64 {
    // SAFETY: as the caller promises.
    unsafe { swapper_slice(typ, data).1 as i64 }
}

/// Swaps elements `i` and `j` of the slice in `x` (an `any`), as the
/// function `reflectlite.Swapper(x)` returns does; an index out of range
/// panics `reflect: slice index out of range`, a non-slice as
/// [`swapper_slice`].
///
/// # Safety
/// As for [`rgo_slice_len`].
#[no_mangle]
pub unsafe extern "C" fn rgo_slice_swap(typ: *const Type, data: *const u8, i: i64, j: i64) {
    // SAFETY: as the caller promises.
    let (s, size) = unsafe { swapper_slice(typ, data) };
    // SAFETY: `s` is the slice's header.
    let GoSlice { ptr: p, len, .. } = unsafe { *s };
    if i as u64 >= len as u64 || j as u64 >= len as u64 {
        // gc panics with the string itself.
        static MSG: Static<GoString> = Static(GoString { ptr: b"reflect: slice index out of range".as_ptr(), len: 33 });
        // SAFETY: a static string value; on the system stack.
        unsafe { gopanic(Eface { typ: &reflect::types::STRING, data: &MSG.0 as *const GoString as *const u8 }) }
    }
    if i == j || size == 0 {
        return;
    }
    // SAFETY: both indices are in range of the slice's elements, and
    // distinct, so the two elements do not overlap.
    unsafe { core::ptr::swap_nonoverlapping(p.add(i as usize * size), p.add(j as usize * size), size) };
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;
    use reflect::types::{self, Field};

    #[test]
    fn sort_slice_swaps_whole_elements_of_any_size() {
        // A 2-byte and a 16-byte element type.
        let mut shorts: Vec<i16> = Vec::from([1, 2, 3, 4]);
        let hdr = GoSlice { ptr: shorts.as_mut_ptr() as *mut u8, len: 4, cap: 4 };
        let t = types::slice_of(&types::INT16);
        // SAFETY: an interface holding a []int16: the data word points at
        // its header, which points at live elements.
        unsafe {
            let data = &hdr as *const GoSlice as *const u8;
            assert_eq!(rgo_slice_len(t, data), 4);
            assert_eq!(rgo_slice_elem_size(t, data), 2);
            rgo_slice_swap(t, data, 0, 3);
            rgo_slice_swap(t, data, 1, 1);
        }
        assert_eq!(shorts, [4, 2, 3, 1]);
        let mut strs: Vec<GoString> = ["x", "yy", "zzz"].iter().map(|s| GoString { ptr: s.as_ptr(), len: s.len() }).collect();
        let hdr = GoSlice { ptr: strs.as_mut_ptr() as *mut u8, len: 2, cap: 3 };
        let t = types::slice_of(&types::STRING);
        // SAFETY: as above, a []string of length 2.
        unsafe {
            let data = &hdr as *const GoSlice as *const u8;
            assert_eq!(rgo_slice_len(t, data), 2);
            rgo_slice_swap(t, data, 1, 0);
        }
        let lens: Vec<usize> = strs.iter().map(|s| s.len).collect();
        assert_eq!(lens, [2, 1, 3]);
    }

    #[test]
    fn size_classes_round_like_go() {
        let cases = [
            (0, 0),
            (1, 8),
            (8, 8),
            (9, 16),
            (33, 48),
            (1016, 1024),
            (1017, 1024),
            (1025, 1152),
            (3073, 3200),
            (32767, 32768),
            (32768, 32768),
            (32769, 40960),
            (100_000, 106_496),
        ];
        for (size, want) in cases {
            assert_eq!(roundupsize(size), want, "roundupsize({size})");
        }
    }

    /// The capacities Go 1.19 reports after appending one element at a
    /// time to a nil slice (`s = append(s, x)` in a loop, printing `cap(s)`
    /// at each change), for several element sizes.
    #[test]
    fn append_growth_matches_go() {
        fn caps(elem: usize, upto: usize) -> Vec<usize> {
            let (mut len, mut cap) = (0usize, 0usize);
            let mut seen = Vec::new();
            while len < upto {
                if len == cap {
                    cap = grow_cap(elem, cap, len + 1).unwrap().0;
                    seen.push(cap);
                }
                len += 1;
            }
            seen
        }
        assert_eq!(caps(8, 5000), [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 848, 1280, 1792, 2560, 3408, 5120]);
        assert_eq!(caps(1, 3000), [8, 16, 32, 64, 128, 256, 512, 896, 1408, 2048, 3072]);
        assert_eq!(caps(24, 1000), [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 853, 1365]);
        assert_eq!(caps(12, 100), [1, 2, 4, 8, 16, 32, 64, 128]);
    }

    #[test]
    fn appending_several_at_once() {
        // append(make([]int, 3, 3), 1, 2, 3, 4): needed 7 > 2*3.
        assert_eq!(grow_cap(8, 3, 7), Some((8, 64)));
        // append([]byte{}, "hello"...): 5 bytes round up to 8.
        assert_eq!(grow_cap(1, 0, 5), Some((8, 8)));
        assert_eq!(grow_cap(8, 1 << 46, 1 << 47), None);
    }

    #[test]
    fn makeslice_errors_match_go() {
        assert_eq!(makeslice_size(8, 2, 4), Ok(32));
        assert_eq!(makeslice_size(8, -1, 4), Err("makeslice: len out of range"));
        assert_eq!(makeslice_size(8, 5, 4), Err("makeslice: cap out of range"));
        assert_eq!(makeslice_size(8, 1 << 62, 1 << 62), Err("makeslice: len out of range"));
        assert_eq!(makeslice_size(8, 1, 1 << 62), Err("makeslice: cap out of range"));
        assert_eq!(makeslice_size(0, 1 << 62, 1 << 62), Ok(0));
    }

    #[test]
    fn unsafeslice_errors_match_go() {
        assert_eq!(unsafeslice_check(8, 0x1000, 4), Ok(()));
        assert_eq!(unsafeslice_check(8, 0, 0), Ok(()));
        assert_eq!(unsafeslice_check(0, 0, 5), Ok(()));
        assert_eq!(unsafeslice_check(8, 0, 1), Err("unsafe.Slice: ptr is nil and len is not zero"));
        assert_eq!(unsafeslice_check(8, 0x1000, -1), Err("unsafe.Slice: len out of range"));
        assert_eq!(unsafeslice_check(8, 0x1000, 1 << 62), Err("unsafe.Slice: len out of range"));
        assert_eq!(unsafeslice_check(1, usize::MAX - 15, 16), Ok(()));
        assert_eq!(unsafeslice_check(1, usize::MAX - 15, 17), Err("unsafe.Slice: len out of range"));
        assert_eq!(unsafeslice_check(0, 0x1000, i64::MAX), Ok(()));
    }

    #[test]
    fn growslice_copies_and_zeroes() {
        let t = types::struct_of(&[Field::new("a", &types::INT), Field::new("b", &types::INT8)]);
        assert_eq!(t.size, 16);
        let old: [u64; 4] = [1, 2, 3, 4];
        // SAFETY: `old` holds two 16-byte elements.
        unsafe {
            let out = rgo_growslice(t, old.as_ptr().cast(), 2, 2, 3);
            assert_eq!(out.cap, 4);
            let words = core::slice::from_raw_parts(out.ptr as *const u64, 8);
            assert_eq!(words, [1, 2, 3, 4, 0, 0, 0, 0]);
        }
    }
}
