//! Pointer masks: which words of a value may hold a pointer the collector
//! follows, computed from the type descriptor, cached per descriptor, and
//! written into the heap's pointer bits (one per heap word) when an object
//! is allocated.

use super::Heap;
use alloc::vec::Vec;
use reflect::types::{Kind, Type};

/// Mask words kept inline (types of up to 256 words, 2 KiB, are cached).
pub(crate) const INLINE_WORDS: usize = 4;
/// Entries of the direct-mapped cache.
pub(crate) const CACHE_ENTRIES: usize = 256;

/// The pointer mask of one value: bit k (of `bits()[k / 64]`) set when
/// word k may hold a pointer.
#[derive(Clone)]
pub struct Mask {
    /// Words of one value (`size / 8`).
    pub words: usize,
    inline: [u64; INLINE_WORDS],
    big: Vec<u64>,
}

impl Mask {
    fn new(words: usize) -> Mask {
        let big = if words > INLINE_WORDS * 64 { alloc::vec![0; words.div_ceil(64)] } else { Vec::new() };
        Mask { words, inline: [0; INLINE_WORDS], big }
    }

    pub fn bits(&self) -> &[u64] {
        if self.big.is_empty() {
            &self.inline[..self.words.div_ceil(64)]
        } else {
            &self.big
        }
    }

    fn bits_mut(&mut self) -> &mut [u64] {
        if self.big.is_empty() {
            &mut self.inline[..self.words.div_ceil(64)]
        } else {
            &mut self.big
        }
    }

    /// True when word k may hold a pointer.
    pub fn get(&self, k: usize) -> bool {
        k < self.words && self.bits()[k / 64] >> (k % 64) & 1 != 0
    }

    /// Every word may hold a pointer (`*T`, `[N]*T`, ...).
    fn all_ones(&self) -> bool {
        let full = self.words / 64;
        let bits = self.bits();
        bits[..full].iter().all(|&w| w == u64::MAX)
            && (self.words % 64 == 0 || bits[full] == (1 << (self.words % 64)) - 1)
    }

    /// The mask of `t`.
    pub fn of(t: &Type) -> Mask {
        let words = t.size / 8;
        let mut m = Mask::new(words);
        let bits = m.bits_mut();
        let mut found = false;
        walk(t, 0, &mut |k| {
            if k < words {
                bits[k / 64] |= 1 << (k % 64);
                found = true;
            }
        });
        if !found && t.ptrdata != 0 {
            // The descriptor claims pointers its structure does not show
            // (a hand-made runtime descriptor, say): keep everything in
            // its pointer prefix rather than free what it points to.
            for k in 0..t.ptrdata.div_ceil(8).min(words) {
                bits[k / 64] |= 1 << (k % 64);
            }
        }
        m
    }
}

/// Calls `f(k)` for each word k (counted from `at`) of a value of `t` that
/// may hold a pointer. Recursion follows the type's nesting only.
fn walk(t: &Type, at: usize, f: &mut impl FnMut(usize)) {
    if t.ptrdata == 0 {
        return;
    }
    match t.kind {
        Kind::Pointer | Kind::UnsafePointer | Kind::Map | Kind::Chan | Kind::Func | Kind::Slice | Kind::String => f(at),
        // Word 0 is the type or itab, static data the collector leaves alone.
        Kind::Interface => f(at + 1),
        Kind::Array => {
            if let Some(a) = t.as_array() {
                if a.elem.ptrdata != 0 {
                    let ew = a.elem.size / 8;
                    for i in 0..a.len {
                        walk(a.elem, at + i * ew, f);
                    }
                }
            }
        }
        Kind::Struct => {
            if let Some(s) = t.as_struct() {
                for field in s.fields.as_slice() {
                    walk(field.typ, at + field.offset / 8, f);
                }
            }
        }
        _ => {}
    }
}

/// The pointer bits of `size` bytes (at most 64 words) of values whose
/// mask is `m`, `words` words long: the mask at every whole element (no
/// division), then any partial element as all pointers.
#[inline]
pub(crate) fn array_bits(m: u64, words: usize, size: usize) -> u64 {
    debug_assert!(size <= 64 * 8);
    let (mut v, mut k) = (0u64, 0);
    if words != 0 {
        while (k + words) * 8 <= size {
            v |= m << k;
            k += words;
        }
    }
    let total = size.div_ceil(8);
    if k < total {
        v |= (u64::MAX >> (64 - (total - k))) << k;
    }
    v
}

/// One cached mask of a type of 65 to 256 words.
#[derive(Clone, Copy)]
pub(crate) struct CacheEntry {
    key: usize,
    words: usize,
    bits: [u64; INLINE_WORDS],
}

/// The entry of descriptor address `key` in a direct-mapped table of `n`.
#[inline(always)]
fn slot(key: usize, n: usize) -> usize {
    (key >> 4 ^ key >> 12) % n
}

/// A direct-mapped table of the masks of types of at most 64 words (one
/// word each) by descriptor address: the heap's ([`MaskCache`]) and each
/// thread's allocation cache's (`super::cache`).
#[derive(Clone, Copy)]
pub(crate) struct SmallMasks<const N: usize> {
    /// (descriptor address, mask); 0: empty.
    table: [(usize, u64); N],
}

impl<const N: usize> SmallMasks<N> {
    pub const fn new() -> Self {
        SmallMasks { table: [(0, 0); N] }
    }

    /// The mask of `t` when the table holds it.
    #[inline(always)]
    pub fn lookup(&self, t: &Type) -> Option<u64> {
        let key = t as *const Type as usize;
        let (k, m) = self.table[slot(key, N)];
        (k == key).then_some(m)
    }

    /// The mask of `t` (at most 64 words), from the table or worked out
    /// and kept.
    #[inline(always)]
    pub fn get(&mut self, t: &Type) -> u64 {
        let key = t as *const Type as usize;
        let e = &mut self.table[slot(key, N)];
        if e.0 != key {
            *e = (key, small_mask(t));
        }
        e.1
    }
}

/// The mask of a type of at most 64 words (out of line: the type walk's
/// frame is big, and the allocation fast paths stay small).
#[cold]
#[inline(never)]
fn small_mask(t: &Type) -> u64 {
    Mask::of(t).bits().first().copied().unwrap_or(0)
}

/// The masks of the types allocated, by descriptor address, in two
/// direct-mapped tables: types of at most 64 words (a mask of one word;
/// the fast path of allocation reads only this table), and bigger ones of
/// up to 256 words. Bigger types are not cached.
pub(crate) struct MaskCache {
    small: SmallMasks<CACHE_ENTRIES>,
    entries: [CacheEntry; CACHE_ENTRIES],
}

impl MaskCache {
    pub const fn new() -> MaskCache {
        MaskCache {
            small: SmallMasks::new(),
            entries: [CacheEntry { key: 0, words: 0, bits: [0; INLINE_WORDS] }; CACHE_ENTRIES],
        }
    }

    /// The mask of `t`, a type of at most 64 words, when the cache holds
    /// it (the fast path of allocation; a miss takes the slow one, which
    /// fills the cache).
    #[inline(always)]
    pub fn lookup_small(&self, t: &Type) -> Option<u64> {
        self.small.lookup(t)
    }

    /// The mask of a type of at most 64 words as (words, bits), from the
    /// cache; `None` for bigger types.
    #[inline]
    pub fn get_small(&mut self, t: &Type) -> Option<(usize, u64)> {
        let words = t.size / 8;
        if words > 64 {
            return None;
        }
        Some((words, self.small.get(t)))
    }

    /// The mask of a type of 65 to 256 words as (words, bits), from the
    /// cache (filled on a miss); `None` for other types.
    #[inline]
    pub fn get_medium(&mut self, t: &Type) -> Option<(usize, [u64; INLINE_WORDS])> {
        let words = t.size / 8;
        if words <= 64 || words > INLINE_WORDS * 64 {
            return None;
        }
        let key = t as *const Type as usize;
        let e = &mut self.entries[slot(key, CACHE_ENTRIES)];
        if e.key != key {
            let m = Mask::of(t);
            *e = CacheEntry { key, words: m.words, bits: m.inline };
        }
        Some((e.words, e.bits))
    }

    /// The mask of `t`, from the cache when its descriptor is there.
    pub fn get(&mut self, t: &Type) -> Mask {
        if let Some((words, m)) = self.get_small(t) {
            let mut inline = [0; INLINE_WORDS];
            inline[0] = m;
            return Mask { words, inline, big: Vec::new() };
        }
        if let Some((words, inline)) = self.get_medium(t) {
            return Mask { words, inline, big: Vec::new() };
        }
        Mask::of(t)
    }
}

/// [`Heap::put_object_bits`] on the bitmap at `ptr_bits`, for the object
/// whose first word is the heap's word `w`.
///
/// # Safety
/// `ptr_bits` is the heap's pointer bitmap, the object's words lie in the
/// heap, and nothing else writes their bitmap words meanwhile.
#[inline(always)]
pub(crate) unsafe fn put_object_bits_at(ptr_bits: *mut u64, w: usize, slot: usize, v: u64) {
    let n = slot / 8;
    debug_assert!((1..=64).contains(&n) && (n == 64 || v >> n == 0));
    let sh = w % 64;
    let ones = u64::MAX >> (64 - n);
    // SAFETY: as the caller promises.
    unsafe {
        let lo = ptr_bits.add(w / 64);
        *lo = *lo & !(ones << sh) | v << sh;
        if sh + n > 64 {
            // Then 0 < sh < 64: both shifts are in range.
            let hi = ptr_bits.add(w / 64 + 1);
            *hi = *hi & !(ones >> (64 - sh)) | v >> (64 - sh);
        }
    }
}

impl Heap {
    /// The pointer-bit word holding heap word `w` (counted from the arena).
    #[inline(always)]
    fn bits_word(&mut self, i: usize) -> &mut u64 {
        debug_assert!(i < self.max_pages * (super::sizeclass::PAGE_SIZE / 512));
        // SAFETY: the pointer bitmap has one bit per word of `max_pages` pages.
        unsafe { &mut *self.ptr_bits.add(i) }
    }

    /// The pointer bits of words `w..w+n` as a u64 (n <= 64).
    #[inline]
    pub(crate) fn ptr_bits_at(&self, w: usize, n: usize) -> u64 {
        // SAFETY: as in `bits_word`; `&self` excludes writers.
        unsafe { bits_at(self.ptr_bits, w, n) }
    }

    /// ORs the low `n` bits of `v` (n <= 64, higher bits clear) into the
    /// bits of words `w..w+n`.
    #[inline]
    fn or_bits(&mut self, w: usize, v: u64, n: usize) {
        let sh = w % 64;
        *self.bits_word(w / 64) |= v << sh;
        if sh != 0 && sh + n > 64 {
            *self.bits_word(w / 64 + 1) |= v >> (64 - sh);
        }
    }

    /// Makes the bits of words `w..w+n` (n <= 64) the low `n` bits of `v`
    /// (higher bits clear).
    #[inline(always)]
    pub(crate) fn put_bits(&mut self, w: usize, v: u64, n: usize) {
        let sh = w % 64;
        let ones = if n == 64 { u64::MAX } else { (1u64 << n) - 1 };
        let lo = self.bits_word(w / 64);
        *lo = *lo & !(ones << sh) | v << sh;
        if sh != 0 && sh + n > 64 {
            let hi = self.bits_word(w / 64 + 1);
            *hi = *hi & !(ones >> (64 - sh)) | v >> (64 - sh);
        }
    }

    /// The pointer bits of a fresh small object at `addr` of `slot` bytes
    /// (a class size of at most 64 words): the low `slot / 8` bits of `v`
    /// (higher bits clear). [`Heap::put_bits`] for the allocation fast
    /// path, where `slot` is never 0.
    #[inline(always)]
    pub(crate) fn put_object_bits(&mut self, addr: usize, slot: usize, v: u64) {
        let w = self.word_index(addr);
        debug_assert!(w / 64 < self.max_pages * (super::sizeclass::PAGE_SIZE / 512));
        // SAFETY: the bitmap has one bit per word of `max_pages` pages, and
        // the object lies in them; `&mut self` excludes other writers.
        unsafe { put_object_bits_at(self.ptr_bits, w, slot, v) }
    }

    /// Sets (or clears) the bits of words `w..w+n`.
    fn fill_bits(&mut self, mut w: usize, n: usize, set: bool) {
        let end = w + n;
        while w < end {
            let sh = w % 64;
            let k = (64 - sh).min(end - w);
            let m = if k == 64 { u64::MAX } else { ((1u64 << k) - 1) << sh };
            let word = self.bits_word(w / 64);
            if set {
                *word |= m;
            } else {
                *word &= !m;
            }
            w += k;
        }
    }

    #[inline(always)]
    pub(crate) fn word_index(&self, addr: usize) -> usize {
        (addr - self.arena) / 8
    }

    /// Pointer bits of a fresh object at `addr` (`slot` bytes) holding
    /// values of `t` in its first `size` bytes: the mask repeated for each
    /// whole element, any partial one treated as all pointers.
    #[inline]
    pub(crate) fn write_typed_bits(&mut self, addr: usize, slot: usize, size: usize, t: &Type) {
        let w0 = self.word_index(addr);
        let slot_words = slot / 8;
        if slot_words <= 64 {
            if let Some((ew, m)) = self.masks.get_small(t) {
                self.put_bits(w0, array_bits(m, ew, size), slot_words);
                return;
            }
        } else if size == t.size {
            if let Some((words, bits)) = self.masks.get_medium(t) {
                // One value of 65 to 256 words: its mask a word at a time,
                // then the rest of the slot clear.
                for (j, &m) in bits.iter().enumerate().take(words.div_ceil(64)) {
                    self.put_bits(w0 + 64 * j, m, (words - 64 * j).min(64));
                }
                self.fill_bits(w0 + words, slot_words - words, false);
                return;
            }
        }
        self.write_typed_bits_slow(w0, slot, size, t);
    }

    fn write_typed_bits_slow(&mut self, w0: usize, slot: usize, size: usize, t: &Type) {
        self.fill_bits(w0, slot / 8, false);
        let mask = self.masks.get(t);
        let ew = mask.words;
        let count = size / t.size;
        if mask.all_ones() {
            self.fill_bits(w0, count * ew, true);
        } else if ew <= 64 {
            // The bits repeat every `ew` words, so every `ew` bitmap words:
            // lay out one such period (64 elements), then copy it a word
            // at a time.
            let m = mask.bits()[0];
            let mut period = [0u64; 64];
            for e in 0..64 {
                let (i, sh) = (e * ew / 64, e * ew % 64);
                period[i] |= m << sh;
                if sh != 0 && sh + ew > 64 {
                    period[i + 1] |= m >> (64 - sh);
                }
            }
            let total = count * ew;
            for j in 0..total.div_ceil(64) {
                let n = (total - j * 64).min(64);
                let v = if n == 64 { period[j % ew] } else { period[j % ew] & ((1 << n) - 1) };
                self.or_bits(w0 + j * 64, v, n);
            }
        } else {
            for i in 0..count {
                for (j, &m) in mask.bits().iter().enumerate() {
                    if m != 0 {
                        self.or_bits(w0 + i * ew + j * 64, m, (ew - j * 64).min(64));
                    }
                }
            }
        }
        let rest = size - count * t.size;
        if rest != 0 {
            self.fill_bits(w0 + count * ew, rest.div_ceil(8), true);
        }
    }

    /// Pointer bits of a fresh object at `addr` (`slot` bytes) whose first
    /// `size` bytes are all pointer candidates.
    #[inline]
    pub(crate) fn write_all_ptr_bits(&mut self, addr: usize, slot: usize, size: usize) {
        let w0 = self.word_index(addr);
        let words = size.div_ceil(8);
        if slot <= 64 * 8 {
            self.put_bits(w0, if words == 64 { u64::MAX } else { (1 << words) - 1 }, slot / 8);
            return;
        }
        self.fill_bits(w0, slot / 8, false);
        self.fill_bits(w0, size.div_ceil(8), true);
    }

    /// The pointer mask of `t` (through the cache).
    pub fn pointer_mask(&mut self, t: &Type) -> Mask {
        self.masks.get(t)
    }
}

/// The bits of words `w..w+n` (n <= 64) of the pointer bitmap at `bits`, as
/// a u64.
///
/// # Safety
/// The bitmap must have bits for words `w..w+n` (the words of an allocated
/// object have), and no one may write them meanwhile.
#[inline(always)]
pub(crate) unsafe fn bits_at(bits: *const u64, w: usize, n: usize) -> u64 {
    let sh = w % 64;
    // SAFETY: as the caller promises.
    let lo = unsafe { *bits.add(w / 64) } >> sh;
    let v = if sh != 0 && sh + n > 64 {
        // SAFETY: as above: the range lies inside the bitmap.
        lo | unsafe { *bits.add(w / 64 + 1) } << (64 - sh)
    } else {
        lo
    };
    if n < 64 {
        v & ((1 << n) - 1)
    } else {
        v
    }
}
