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
//!
//! With helpers ([`MarkHelpers`]: other threads, the world stopped), a big
//! heap's gray objects are drained by several threads at once
//! ([`SharedMark`]): each marks with an atomic OR of the object's bit and
//! scans what it marked from a stack of its own, and hands half of that
//! stack to a common pool when the pool is empty (gc's work buffers, in
//! small). Marking ends when no marker holds work and the pool is empty.

use super::sizeclass::PAGE_SHIFT;
use super::span::{Span, INUSE};
use super::Heap;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
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

/// An object marked and not yet scanned: its address and its words (a
/// big object's next chunk, after the first).
type Work = (usize, usize);

/// Runs a marking job on the calling thread and on the helpers it can find
/// at once, returning once every one of them returned; false, with the job
/// not run, when there is no helper to be had (the scheduler's
/// [`crate::threads::help_mark`]; a test's threads).
pub type MarkHelpers = fn(&(dyn Fn() + Sync)) -> bool;

/// What marking reads of a heap: copied out of it, so that several threads
/// can mark at once while the world is stopped (nothing else changes the
/// page table, the span records or the pointer bits then; the mark bits
/// are set with atomic ORs by markers that share them).
#[derive(Clone, Copy)]
pub(crate) struct Layout {
    arena: usize,
    frontier: usize,
    page_table: *const u32,
    spans: *mut Span,
    ptr_bits: *const u64,
}

// SAFETY: the pointers are into the heap's own region, which outlives every
// marking job; markers only read through them, but for the mark bits,
// which markers sharing a layout set atomically.
unsafe impl Sync for Layout {}
// SAFETY: as above.
unsafe impl Send for Layout {}

impl Layout {
    /// The span (first page) and object index holding `p`, if `p` is inside
    /// an allocated object.
    #[inline(always)]
    fn find_object(&self, p: usize) -> Option<(usize, usize)> {
        let off = p.wrapping_sub(self.arena);
        if off >= self.frontier << PAGE_SHIFT {
            return None;
        }
        let page = off >> PAGE_SHIFT;
        // SAFETY: pages below the frontier have page table entries.
        let s = unsafe { *self.page_table.add(page) } as usize;
        if s > page {
            return None;
        }
        // SAFETY: `s` starts a run below the frontier: its record is written.
        let sp = unsafe { &*self.spans.add(s) };
        if sp.state != INUSE || page >= s + sp.npages as usize {
            return None;
        }
        let idx = sp.index_of(off - (s << PAGE_SHIFT));
        if idx >= sp.nelems as usize || sp.alloc[idx / 64] >> (idx % 64) & 1 == 0 {
            return None;
        }
        Some((s, idx))
    }

    /// Marks the object holding `p`, queuing it on `gray` when it may hold
    /// pointers and was not marked before; false when `p` is in no heap
    /// object. `SHARED`: other markers set mark bits at the same time.
    #[inline(always)]
    fn mark<const SHARED: bool>(&self, p: usize, gray: &mut Vec<Work>) -> bool {
        let Some((s, idx)) = self.find_object(p) else { return false };
        // SAFETY: as in `find_object`; the mark bits are written only by
        // markers, atomically when they share them.
        unsafe {
            let sp = self.spans.add(s);
            let word = core::ptr::addr_of_mut!((*sp).mark[idx / 64]);
            let bit = 1u64 << (idx % 64);
            if SHARED {
                let w = AtomicU64::from_ptr(word);
                if w.load(Ordering::Relaxed) & bit != 0 || w.fetch_or(bit, Ordering::Relaxed) & bit != 0 {
                    return true;
                }
            } else {
                if *word & bit != 0 {
                    return true;
                }
                *word |= bit;
            }
            if !(*sp).noscan {
                let size = (*sp).elem_size;
                gray.push((self.arena + (s << PAGE_SHIFT) + idx * size, size / 8));
            }
        }
        true
    }

    /// Calls `f` with each word among `words` heap words at `addr` that
    /// the pointer bits call a pointer.
    #[inline(always)]
    fn for_each_pointer(&self, addr: usize, words: usize, mut f: impl FnMut(usize)) {
        let w0 = (addr - self.arena) / 8;
        let mut i = 0;
        while i < words {
            let n = (64 - (w0 + i) % 64).min(words - i);
            // SAFETY: the words of an allocated object have pointer bits.
            let mut bits = unsafe { super::ptrmask::bits_at(self.ptr_bits, w0 + i, n) };
            while bits != 0 {
                let k = i + bits.trailing_zeros() as usize;
                // SAFETY: word k of an allocated heap object.
                f(unsafe { *((addr + 8 * k) as *const usize) });
                bits &= bits - 1;
            }
            i += n;
        }
    }
}

/// The first chunk of gray object `w` to scan now; what is left of a big
/// object goes back on `gray` first.
#[inline(always)]
fn next_chunk((addr, words): Work, gray: &mut Vec<Work>) -> Work {
    if words > CHUNK_WORDS {
        gray.push((addr + 8 * CHUNK_WORDS, words - CHUNK_WORDS));
        (addr, CHUNK_WORDS)
    } else {
        (addr, words)
    }
}

impl Heap {
    /// What marking reads of this heap.
    #[inline(always)]
    pub(crate) fn layout(&self) -> Layout {
        Layout {
            arena: self.arena,
            frontier: self.frontier,
            page_table: self.page_table,
            spans: self.spans,
            ptr_bits: self.ptr_bits,
        }
    }

    /// The span (first page) and object index holding `p`, if `p` is inside
    /// an allocated object.
    #[inline]
    pub(crate) fn find_object(&self, p: usize) -> Option<(usize, usize)> {
        self.layout().find_object(p)
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
        if !self.layout().mark::<false>(p, &mut self.gray) && self.stack_objs.may_hold(p) {
            self.stack_objs.find(p);
        }
    }

    pub(crate) fn is_marked(&self, p: usize) -> bool {
        match self.find_object(p) {
            Some((s, idx)) => self.span(s).mark[idx / 64] >> (idx % 64) & 1 != 0,
            None => true,
        }
    }

    /// Whether a drain is worth handing to helpers: they are set, and the
    /// heap is big enough for marking to take longer than waking them.
    fn shares_marking(&self) -> Option<MarkHelpers> {
        let (helpers, min_live) = self.mark_helpers?;
        (self.heap_live >= min_live && !self.gray.is_empty()).then_some(helpers)
    }

    pub(crate) fn drain(&mut self) {
        loop {
            if let Some(helpers) = self.shares_marking() {
                self.drain_shared(helpers);
            }
            // What no helper took (none was to be had), or all of it alone.
            let layout = self.layout();
            while let Some(w) = self.gray.pop() {
                let (addr, n) = next_chunk(w, &mut self.gray);
                layout.for_each_pointer(addr, n, |v| self.mark(v));
            }
            let Some(o) = self.stack_objs.gray.pop() else { return };
            // SAFETY: `add_stack_object`'s caller vouched for the object.
            unsafe { self.scan_bits(o.addr, o.words, o.bitmap, 0) };
        }
    }

    /// Drains the gray stack on this thread and the helpers together; the
    /// candidates they met that point into stack objects are queued here
    /// after.
    fn drain_shared(&mut self, helpers: MarkHelpers) {
        let shared = SharedMark {
            layout: self.layout(),
            pooled: AtomicUsize::new(self.gray.len()),
            pool: spin::Mutex::new(core::mem::take(&mut self.gray)),
            state: AtomicU64::new(0),
            stack_bounds: (self.stack_objs.lo, self.stack_objs.hi),
            found: spin::Mutex::new(Vec::new()),
            stacks: spin::Mutex::new(core::mem::take(&mut self.mark_stacks)),
        };
        helpers(&|| shared.work());
        self.gray = shared.pool.into_inner();
        self.mark_stacks = shared.stacks.into_inner();
        for p in shared.found.into_inner() {
            self.stack_objs.find(p);
        }
    }
}

/// Gray objects a marker holds before it hands half to an empty pool:
/// fewer are soon scanned, and handing them over costs more than that.
const SHARE_MIN: usize = 32;
/// Pauses between a waiting marker's offers of its core.
const PAUSES_BEFORE_YIELD: u32 = 1024;

/// Markers at work in [`SharedMark::state`] (its low 32 bits).
const ACTIVE: u64 = u32::MAX as u64;
/// [`SharedMark::state`]: marking is over (no marker held work and the
/// pool was empty).
const DONE: u64 = 1 << 32;
/// [`SharedMark::state`]: added each time a marker starts work, so that a
/// marker that saw no one at work and nothing pooled can tell whether that
/// is still so (the generation changed otherwise).
const GENERATION: u64 = 1 << 33;

/// A drain that several threads run at once (see the module's comment).
pub(crate) struct SharedMark {
    layout: Layout,
    /// Gray objects handed between markers, and how many (read without
    /// the lock).
    pool: spin::Mutex<Vec<Work>>,
    pooled: AtomicUsize,
    /// Markers at work ([`ACTIVE`]), [`DONE`] and the [`GENERATION`].
    state: AtomicU64,
    /// The bounds of the cycle's stack objects, and the candidates inside
    /// them the markers met (the coordinator finds their objects).
    stack_bounds: (usize, usize),
    found: spin::Mutex<Vec<usize>>,
    /// The markers' own gray stacks, kept by the heap from drain to drain
    /// (the runtime's Rust allocator maps and unmaps every block over 4 KiB).
    stacks: spin::Mutex<Vec<Vec<Work>>>,
}

impl SharedMark {
    /// One marker's part: from the pool until marking is over (at once if
    /// it was over before this marker came).
    pub(crate) fn work(&self) {
        if !self.start(self.state.load(Ordering::SeqCst)) {
            return;
        }
        let mut gray = self.stacks.lock().pop().unwrap_or_default();
        let mut found = Vec::new();
        let (lo, hi) = self.stack_bounds;
        loop {
            while let Some(w) = gray.pop() {
                let (addr, n) = next_chunk(w, &mut gray);
                self.layout.for_each_pointer(addr, n, |v| {
                    if !self.layout.mark::<true>(v, &mut gray) && lo <= v && v < hi {
                        found.push(v);
                    }
                });
                if gray.len() >= SHARE_MIN && self.pooled.load(Ordering::Relaxed) == 0 {
                    self.share(&mut gray);
                }
            }
            if !self.take(&mut gray) && !self.wait_for_work() {
                break;
            }
        }
        if !found.is_empty() {
            self.found.lock().extend_from_slice(&found);
        }
        self.stacks.lock().push(gray);
    }

    /// Counts this marker at work, unless marking is over; `seen` is the
    /// state it last read.
    fn start(&self, mut seen: u64) -> bool {
        loop {
            if seen & DONE != 0 {
                return false;
            }
            match self.state.compare_exchange_weak(seen, seen.wrapping_add(1 + GENERATION), Ordering::SeqCst, Ordering::SeqCst) {
                Ok(_) => return true,
                Err(s) => seen = s,
            }
        }
    }

    /// Moves the older half of `gray` to the pool (unless another marker
    /// is at the pool just now).
    fn share(&self, gray: &mut Vec<Work>) {
        let Some(mut pool) = self.pool.try_lock() else { return };
        pool.extend(gray.drain(..gray.len() / 2));
        self.pooled.store(pool.len(), Ordering::SeqCst);
    }

    /// Takes half the pool (at least one object) onto `gray`; false when
    /// it was empty.
    fn take(&self, gray: &mut Vec<Work>) -> bool {
        if self.pooled.load(Ordering::SeqCst) == 0 {
            return false;
        }
        let mut pool = self.pool.lock();
        let n = pool.len().div_ceil(2);
        let from = pool.len() - n;
        gray.extend(pool.drain(from..));
        self.pooled.store(pool.len(), Ordering::SeqCst);
        n != 0
    }

    /// With nothing to scan: stops counting this marker at work and waits
    /// until the pool holds work (true: counted again) or marking is over
    /// (false). It is over when no marker is at work and the pool is
    /// empty: only a marker at work adds to the pool.
    fn wait_for_work(&self) -> bool {
        self.state.fetch_sub(1, Ordering::SeqCst);
        let mut spins = 0u32;
        loop {
            let s = self.state.load(Ordering::SeqCst);
            if s & DONE != 0 {
                return false;
            }
            if self.pooled.load(Ordering::SeqCst) != 0 {
                if self.start(s) {
                    return true;
                }
                continue;
            }
            if s & ACTIVE == 0 {
                // Nothing pooled with no one at work since `s` was read:
                // the generation would have changed.
                if self.state.compare_exchange(s, s | DONE, Ordering::SeqCst, Ordering::SeqCst).is_ok() {
                    return false;
                }
                continue;
            }
            spins += 1;
            if spins % PAUSES_BEFORE_YIELD == 0 {
                crate::os::yield_thread();
            } else {
                core::hint::spin_loop();
            }
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
    pub(crate) lo: usize,
    pub(crate) hi: usize,
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
