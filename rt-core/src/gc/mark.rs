//! Marking: every candidate pointer is validated against the heap (inside
//! the arena, in a span in use, inside an allocated object; interior
//! pointers count for their object), new objects are marked and queued on
//! a gray stack, and draining scans queued objects by their pointer bits.
//! Nothing recurses: a list of a million nodes needs one stack entry at a
//! time, and big objects are scanned a chunk per stack entry.
//!
//! Stack objects (frame variables whose address is taken) are scanned the
//! same way, on demand: the roots register them first, and a candidate
//! that is no heap object but points into one of them queues it, once.

use super::sizeclass::PAGE_SHIFT;
use super::span::INUSE;
use super::Heap;
use alloc::vec::Vec;
use reflect::types::Type;

/// Words of a big object scanned per gray-stack entry (128 KiB).
const CHUNK_WORDS: usize = 16 * 1024;

/// The marking phase of one collection, handed to the roots and
/// finalization callbacks of [`Heap::collect`]. It borrows the heap: the
/// callbacks must not allocate from it.
pub struct Marker<'h> {
    pub(crate) heap: &'h mut Heap,
}

impl Marker<'_> {
    /// Marks the object holding address `p`, if any (any word is a valid
    /// candidate: what is no heap object is ignored).
    #[inline]
    pub fn mark(&mut self, p: usize) {
        self.heap.mark(p);
    }

    /// Registers a stack object for this cycle: `words` words at `addr`,
    /// word k a candidate when bit k of `bitmap` is set. It is scanned
    /// only if some candidate marked from now on points into it. Every
    /// stack object must be registered before the first candidate that may
    /// point into it is marked; objects must not overlap.
    ///
    /// # Safety
    /// `addr..addr + 8*words` must be readable, 8-aligned and stay so for
    /// the cycle, and `bitmap` must have `words` bits.
    pub unsafe fn add_stack_object(&mut self, addr: usize, words: usize, bitmap: *const u8) {
        self.heap.stack_objs.add(StackObject { addr, words, bitmap, found: false });
    }

    /// Marks the candidates among `words` words at `base`: word k is one
    /// when bit `first_bit + k` of `bitmap` is set (bit b is
    /// `bitmap[b / 8] >> (b % 8) & 1`: the compiler's tables, whose frame
    /// and argument bits share one bitmap).
    ///
    /// # Safety
    /// `base..base + 8*words` must be readable and 8-aligned, and `bitmap`
    /// must have `first_bit + words` bits.
    pub unsafe fn scan_bitmap(&mut self, base: usize, words: usize, bitmap: *const u8, first_bit: usize) {
        // SAFETY: as the caller promises.
        unsafe { self.heap.scan_bits(base, words, bitmap, first_bit) }
    }

    /// Marks the candidates among `words` words at `base`, every word being one.
    ///
    /// # Safety
    /// `base..base + 8*words` must be readable and 8-aligned.
    pub unsafe fn scan_words(&mut self, base: usize, words: usize) {
        for k in 0..words {
            // SAFETY: the caller vouches for the range.
            self.mark(unsafe { *((base + 8 * k) as *const usize) });
        }
    }

    /// Marks what a value of type `typ` at `base` points to.
    ///
    /// # Safety
    /// `base` must be an 8-aligned, readable value of type `typ`.
    pub unsafe fn scan_typed(&mut self, base: usize, typ: &Type) {
        if typ.ptrdata == 0 {
            return;
        }
        let mask = self.heap.masks.get(typ);
        for (j, &m) in mask.bits().iter().enumerate() {
            let mut m = m;
            while m != 0 {
                let k = j * 64 + m.trailing_zeros() as usize;
                // SAFETY: k < typ.size / 8 words of the caller's value.
                self.mark(unsafe { *((base + 8 * k) as *const usize) });
                m &= m - 1;
            }
        }
    }

    /// Queues the object holding `p` for scanning without marking it: what
    /// it points to survives, the object itself only if something else
    /// reaches it (objects with finalizers, as Go treats them).
    pub fn scan_object(&mut self, p: usize) {
        let Some((s, idx)) = self.heap.find_object(p) else { return };
        let base = self.heap.page_addr(s);
        let sp = self.heap.span(s);
        if !sp.noscan {
            let size = sp.elem_size;
            self.heap.gray.push((base + idx * size, size / 8));
        }
    }

    /// Whether `p` points into an object marked in this collection.
    /// Addresses outside the heap's objects count as marked: they are
    /// never freed.
    pub fn is_marked(&self, p: usize) -> bool {
        self.heap.is_marked(p)
    }

    /// Scans everything queued until nothing is left.
    pub fn drain(&mut self) {
        self.heap.drain();
    }
}

impl Heap {
    /// The span (first page) and object index holding `p`, if `p` is inside
    /// an allocated object.
    #[inline]
    pub(crate) fn find_object(&self, p: usize) -> Option<(usize, usize)> {
        let off = p.wrapping_sub(self.arena);
        if off >= self.frontier << PAGE_SHIFT {
            return None;
        }
        let page = off >> PAGE_SHIFT;
        let s = self.page_entry(page);
        if s > page {
            return None;
        }
        let sp = self.span(s);
        if sp.state != INUSE || page >= s + sp.npages as usize {
            return None;
        }
        let idx = sp.index_of(off - (s << PAGE_SHIFT));
        if idx >= sp.nelems as usize || sp.alloc[idx / 64] >> (idx % 64) & 1 == 0 {
            return None;
        }
        Some((s, idx))
    }

    /// See [`Marker::scan_bitmap`].
    ///
    /// # Safety
    /// As for [`Marker::scan_bitmap`].
    unsafe fn scan_bits(&mut self, base: usize, words: usize, bitmap: *const u8, first_bit: usize) {
        let mut k = 0;
        while k < words {
            let b = first_bit + k;
            // SAFETY: bit b is within the caller's bitmap.
            let byte = unsafe { *bitmap.add(b / 8) } >> (b % 8);
            if byte == 0 {
                // The rest of this byte is clear.
                k += 8 - b % 8;
                continue;
            }
            if byte & 1 != 0 {
                // SAFETY: word k < words of the caller's readable range.
                self.mark(unsafe { *((base + 8 * k) as *const usize) });
            }
            k += 1;
        }
    }

    #[inline]
    pub(crate) fn mark(&mut self, p: usize) {
        let Some((s, idx)) = self.find_object(p) else {
            if self.stack_objs.may_hold(p) {
                self.stack_objs.find(p);
            }
            return;
        };
        let base = self.page_addr(s);
        let sp = self.span_mut(s);
        let bit = 1u64 << (idx % 64);
        if sp.mark[idx / 64] & bit != 0 {
            return;
        }
        sp.mark[idx / 64] |= bit;
        if !sp.noscan {
            let size = sp.elem_size;
            self.gray.push((base + idx * size, size / 8));
        }
    }

    pub(crate) fn is_marked(&self, p: usize) -> bool {
        match self.find_object(p) {
            Some((s, idx)) => self.span(s).mark[idx / 64] >> (idx % 64) & 1 != 0,
            None => true,
        }
    }

    pub(crate) fn drain(&mut self) {
        loop {
            while let Some((addr, words)) = self.gray.pop() {
                let n = if words > CHUNK_WORDS {
                    self.gray.push((addr + 8 * CHUNK_WORDS, words - CHUNK_WORDS));
                    CHUNK_WORDS
                } else {
                    words
                };
                self.scan_object(addr, n);
            }
            let Some(o) = self.stack_objs.gray.pop() else { return };
            // SAFETY: `add_stack_object`'s caller vouched for the object.
            unsafe { self.scan_bits(o.addr, o.words, o.bitmap, 0) };
        }
    }

    /// Marks the candidates among `words` heap words at `addr` by their
    /// pointer bits.
    fn scan_object(&mut self, addr: usize, words: usize) {
        let w0 = (addr - self.arena) / 8;
        let mut i = 0;
        while i < words {
            let n = (64 - (w0 + i) % 64).min(words - i);
            let mut bits = self.ptr_bits_at(w0 + i, n);
            while bits != 0 {
                let k = i + bits.trailing_zeros() as usize;
                // SAFETY: word k of an allocated heap object.
                let v = unsafe { *((addr + 8 * k) as *const usize) };
                self.mark(v);
                bits &= bits - 1;
            }
            i += n;
        }
    }
}

/// A stack object registered for one cycle.
#[derive(Clone, Copy, Debug)]
pub(crate) struct StackObject {
    addr: usize,
    words: usize,
    bitmap: *const u8,
    /// A candidate pointed into it (it is queued or scanned).
    found: bool,
}

/// The stack objects of one cycle, sorted by address once marking asks.
pub(crate) struct StackObjects {
    objs: Vec<StackObject>,
    sorted: bool,
    /// The bounds of every object: most candidates that are no heap object
    /// (pointers to static data) fall outside at once.
    lo: usize,
    hi: usize,
    /// Found and not yet scanned.
    gray: Vec<StackObject>,
}

impl StackObjects {
    pub(crate) const fn new() -> StackObjects {
        StackObjects { objs: Vec::new(), sorted: true, lo: usize::MAX, hi: 0, gray: Vec::new() }
    }

    fn add(&mut self, o: StackObject) {
        if o.words == 0 {
            return;
        }
        self.lo = self.lo.min(o.addr);
        self.hi = self.hi.max(o.addr + 8 * o.words);
        self.sorted &= self.objs.last().is_none_or(|l| l.addr < o.addr);
        self.objs.push(o);
    }

    #[inline]
    fn may_hold(&self, p: usize) -> bool {
        self.lo <= p && p < self.hi
    }

    /// Queues the object holding `p`, if any and not found before.
    #[inline(never)]
    fn find(&mut self, p: usize) {
        if !self.sorted {
            self.objs.sort_unstable_by_key(|o| o.addr);
            self.sorted = true;
        }
        let i = self.objs.partition_point(|o| o.addr <= p);
        let Some(o) = i.checked_sub(1).map(|i| &mut self.objs[i]) else { return };
        if p < o.addr + 8 * o.words && !o.found {
            o.found = true;
            self.gray.push(*o);
        }
    }

    /// Forgets this cycle's objects (keeping the vectors' memory).
    pub(crate) fn clear(&mut self) {
        self.objs.clear();
        self.gray.clear();
        self.sorted = true;
        (self.lo, self.hi) = (usize::MAX, 0);
    }
}
