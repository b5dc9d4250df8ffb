//! Per-thread allocation caches (gc's `mcache`): with several processors,
//! small objects are handed out without the runtime lock.
//!
//! A thread running Go code with `GOMAXPROCS` above 1 gets a [`Cache`]
//! (`ThreadHead::alloc_cache`): a span per class and kind that is its own,
//! a cursor over it loaded as the heap's own are ([`Heap::take_cursor`]:
//! 64 objects at a time, counted as allocated when loaded), and the
//! pointer masks of the types it allocated. Compiled code tries it first
//! (rt-arch's `rgo_rt_try` runs `rgo_alloc_nolock` and the other lockless
//! variants that allocate, on the thread's scheduler stack) and makes the
//! locked runtime call only when it declines ([`Cache::alloc`]).
//!
//! Nothing of a cache is shared while its thread runs: its spans (their
//! `alloc` words, the pointer bitmap words of their pages) belong to it
//! alone, and the heap is touched only to load a cursor, under the heap's
//! own lock. (A first version loaded cursors from the spans the heap's own
//! cursors used, 64 objects to each in turn: two threads then wrote
//! neighbouring words of one span record and one bitmap line, and most of
//! the fast path's time went to moving that cache line between cores.) A
//! collection stops the world first, and then empties every cache
//! ([`drop_all`]).

use super::ptrmask::{array_bits, put_object_bits_at, SmallMasks};
use super::sizeclass::{class_of, MAX_SMALL_SIZE, NUM_CLASSES};
use super::span::NIL;
use super::{Cursor, Heap, FAST_MAX};
use core::ptr;
use core::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};
use reflect::types::Type;

/// Entries of a cache's table of pointer masks (by descriptor address).
const MASKS: usize = 64;

/// One thread's allocation cache.
pub struct Cache {
    /// Per class and kind (`class * 2 + noscan`), as the heap's: the
    /// cursor, and the span it is loaded from (this cache's alone).
    cursors: [Cursor; 2 * NUM_CLASSES],
    spans: [u32; 2 * NUM_CLASSES],
    /// The masks of the types of at most 64 words it allocated.
    masks: SmallMasks<MASKS>,
    /// The heap's first page and pointer bitmap (fixed for its life).
    arena: usize,
    ptr_bits: *mut u64,
    /// Bytes left before the memory profile's next sample on this thread.
    sample_left: isize,
    /// The next allocation of this thread is to be sampled: the fast path
    /// declined it for that ([`take_sample_due`]).
    sample_due: bool,
    /// Under `RGO_GCSTRESS`: the next allocation makes the locked call.
    stress_flip: bool,
    /// The next cache of [`CACHES`].
    next: *mut Cache,
}

/// Every cache made, newest first (never freed: a thread's record is not
/// either).
static CACHES: AtomicPtr<Cache> = AtomicPtr::new(ptr::null_mut());

/// A new cache for a thread, on the list of all caches; null when the heap
/// could not be made. `sample_left`: the bytes before its first sample.
///
/// # Safety
/// Called with the runtime lock held (the list changes under it).
pub unsafe fn new_cache(sample_left: isize) -> *mut Cache {
    let Some((arena, ptr_bits)) = super::with_heap(|h| (h.arena, h.ptr_bits)) else {
        return ptr::null_mut();
    };
    let c = alloc::boxed::Box::into_raw(alloc::boxed::Box::new(Cache {
        cursors: [Cursor::EMPTY; 2 * NUM_CLASSES],
        spans: [NIL; 2 * NUM_CLASSES],
        masks: SmallMasks::new(),
        arena,
        ptr_bits,
        sample_left,
        sample_due: false,
        stress_flip: false,
        next: CACHES.load(Ordering::Relaxed),
    }));
    CACHES.store(c, Ordering::Release);
    c
}

/// Caches whose thread's next locked allocation is a memory-profile
/// sample (`sample_due`): while there are none, the locked allocations'
/// path reads nothing of the caches ([`take_sample_due`]).
static SAMPLES_DUE: AtomicUsize = AtomicUsize::new(0);

impl Cache {
    /// Zeroed memory for `size` bytes of values of `typ` (see
    /// [`Heap::alloc`]), from this cache; `None` when the locked call is to
    /// make it: zero-sized, large or typed beyond 64 words, the heap
    /// exhausted, or the memory profile's sample (then `sample_due` is
    /// set). `sample_rate`: the memory profile's rate (0: none).
    #[inline(always)]
    pub fn alloc(&mut self, size: usize, typ: Option<&Type>, sample_rate: isize) -> Option<*mut u8> {
        if size.wrapping_sub(1) >= MAX_SMALL_SIZE {
            return None;
        }
        let mask = match typ {
            Some(t) if t.ptrdata != 0 => {
                if size > FAST_MAX || t.size == 0 || t.size > FAST_MAX {
                    return None;
                }
                let m = self.masks.get(t);
                Some(if size == t.size { m } else { array_bits(m, t.size / 8, size) })
            }
            _ => None,
        };
        if sample_rate > 0 {
            let left = self.sample_left - size as isize;
            if left <= 0 || sample_rate == 1 {
                if !self.sample_due {
                    self.sample_due = true;
                    SAMPLES_DUE.fetch_add(1, Ordering::Relaxed);
                }
                return None;
            }
            self.sample_left = left;
        }
        let ci = class_of(size) * 2 + mask.is_none() as usize;
        if self.cursors[ci].free == 0 && !self.refill(ci) {
            return None;
        }
        // The span is this cache's alone (module documentation) until a
        // collection, which stops the world and empties the cache first.
        let (p, slot) = self.cursors[ci].take();
        if let Some(v) = mask {
            // SAFETY: the bitmap words of this cache's objects are its
            // alone (module documentation); the object lies in the heap.
            unsafe { put_object_bits_at(self.ptr_bits, (p - self.arena) / 8, slot, v) };
        }
        Some(p as *mut u8)
    }

    /// Under `RGO_GCSTRESS`: whether this allocation is the locked call's
    /// (every other one).
    pub fn stress_turn(&mut self) -> bool {
        self.stress_flip = !self.stress_flip;
        self.stress_flip
    }

    /// Loads the cursor of class-and-kind `ci` from the heap, under the
    /// heap's lock (out of line: the fast path's frame stays small). False
    /// when the heap is exhausted.
    #[cold]
    #[inline(never)]
    fn refill(&mut self, ci: usize) -> bool {
        match super::with_heap(|h| h.take_cursor(ci, self.spans[ci])).flatten() {
            Some((c, s)) => {
                (self.cursors[ci], self.spans[ci]) = (c, s);
                true
            }
            None => false,
        }
    }
}

/// The running thread's cache, when it has one.
fn current() -> Option<&'static mut Cache> {
    let c = crate::g::current_thread()?.alloc_cache.load(Ordering::Relaxed) as *mut Cache;
    // SAFETY: a cache is used by its thread only, and this is its thread.
    unsafe { c.as_mut() }
}

/// Whether the running thread's cache declined an allocation for the
/// memory profile (`sample_due`); clears it. The allocation the
/// locked call makes then is the sample, and `next(distance)` sets the
/// bytes to the thread's next.
#[inline(always)]
pub fn take_sample_due(next: impl FnOnce() -> isize) -> bool {
    if SAMPLES_DUE.load(Ordering::Relaxed) == 0 {
        return false;
    }
    match current() {
        Some(c) if c.sample_due => {
            c.sample_due = false;
            SAMPLES_DUE.fetch_sub(1, Ordering::Relaxed);
            c.sample_left = next();
            true
        }
        _ => false,
    }
}

/// Adds the objects the caches hold per class to `class` (for the
/// statistics: they are counted as allocated and not handed out yet). Read
/// while other threads may be allocating, a figure can be off by what they
/// allocate meanwhile, as gc's (which stops the world for `ReadMemStats`).
pub(crate) fn in_caches(class: &mut [u64; NUM_CLASSES]) {
    let mut c = CACHES.load(Ordering::Acquire);
    while !c.is_null() {
        // SAFETY: caches are never freed; a word read while its thread
        // changes it is the old or the new value (an aligned word).
        unsafe {
            for (ci, cur) in (*c).cursors.iter().enumerate() {
                class[ci / 2] += ptr::read_volatile(&cur.free).count_ones() as u64;
            }
            c = (*c).next;
        }
    }
}

/// Empties every cache into heap `h` (a sweep is about to change the
/// spans).
///
/// # Safety-relevant
/// The world is stopped: no thread allocates from its cache meanwhile.
pub(crate) fn drop_all(h: &mut Heap) {
    let mut c = CACHES.load(Ordering::Acquire);
    while !c.is_null() {
        // SAFETY: as the function says: no other user now.
        let cache = unsafe { &mut *c };
        for ci in 0..2 * NUM_CLASSES {
            let cur = cache.cursors[ci];
            h.uncount_cursor(ci, &cur);
        }
        cache.cursors = [Cursor::EMPTY; 2 * NUM_CLASSES];
        cache.spans = [NIL; 2 * NUM_CLASSES];
        c = cache.next;
    }
}
