//! Go's heap and its collector: precise, non-moving, stop-the-world
//! mark-sweep (docs: the design of issue 12).
//!
//! A [`Heap`] manages one region of address space: the runtime's is a big
//! reservation (up to 64 GiB of `MAP_NORESERVE` address space, which costs
//! memory only where touched); a bare-metal board can hand it a fixed
//! region; tests make small ones. The region is cut into 8 KiB pages
//! ([`pages`]), grouped into spans that each hold objects of one size class
//! ([`sizeclass`], Go 1.19's) or one large object (over 32 KiB), with
//! separate spans for objects without pointers ("noscan"), which are never
//! scanned. Every heap word has a pointer bit, written at allocation from
//! the type descriptor ([`ptrmask`]). A collection ([`Heap::collect`])
//! marks from the roots the caller gives ([`Marker`]), then sweeps every
//! span ([`sweep`]); free pages go back to the OS once they stayed free for
//! a whole cycle. [`stats`] keeps `runtime.MemStats`'s numbers and the heap
//! goal that paces collections.
//!
//! Allocation never collects: collections happen only when the runtime
//! calls [`collect`] at a safepoint, and only after [`enable`] (so nothing
//! in the unit tests of other modules ever collects).

pub mod cache;
mod mark;
mod pages;
pub mod ptrmask;
pub mod sizeclass;
mod span;
pub mod stats;
mod sweep;

#[cfg(test)]
mod tests;

pub use mark::{MarkHelpers, Marker};
pub use ptrmask::Mask;
pub use stats::MemStats;
pub use sweep::POISON;

use crate::os;
use alloc::vec::Vec;
use core::mem::MaybeUninit;
use core::sync::atomic::{AtomicBool, Ordering};
use pages::EXACT_LISTS;
use ptrmask::MaskCache;
use reflect::types::Type;
use sizeclass::{class_of, CLASS_PAGES, MAX_SMALL_SIZE, NUM_CLASSES, PAGE_SHIFT, PAGE_SIZE};
use span::{Span, LARGE, NIL};

/// Objects of at most this many bytes have their pointer bits in one
/// bitmap word's worth of bits (64 words), which the fast path of
/// [`Heap::alloc`] writes at once.
const FAST_MAX: usize = 64 * 8;

/// The allocation cursor of one class and kind (Go's `mspan.allocCache`,
/// kept in the heap beside the others rather than in the span): the free
/// objects among 64 consecutive objects of the class's current span, so
/// that handing one out reads and writes nothing else. Loaded by
/// [`Heap::advance`], emptied by every sweep.
#[derive(Clone, Copy)]
pub(crate) struct Cursor {
    /// Bit i: object `base + i * size` is free and not handed out yet.
    free: u64,
    /// Address of the first of the 64 objects.
    base: usize,
    /// The span's `alloc` word for them: claiming an object sets its bit.
    alloc: *mut u64,
    /// Bytes of one object (the class's size).
    size: usize,
    /// The span's free objects may hold old data ([`Span::needzero`]).
    needzero: bool,
}

impl Cursor {
    const EMPTY: Cursor =
        Cursor { free: 0, base: 0, alloc: core::ptr::null_mut(), size: 0, needzero: false };

    /// Hands out the next free object (there is one): the lowest free bit,
    /// claimed in the span's `alloc` word, the object zeroed if the span
    /// held freed ones; its address and size.
    #[inline(always)]
    fn take(&mut self) -> (usize, usize) {
        let bit = self.free & self.free.wrapping_neg();
        self.free ^= bit;
        // SAFETY: `alloc` points at a word of the span's record (records
        // live in the heap's metadata and never move), which only this
        // cursor's owner writes until the next sweep empties the cursor.
        unsafe { *self.alloc |= bit };
        let (p, size) = (self.base + bit.trailing_zeros() as usize * self.size, self.size);
        if self.needzero {
            zero_object(p, size);
        }
        (p, size)
    }
}

/// Where zero-sized allocations point (Go's `zerobase`): a valid,
/// non-nil address that is never written and is no heap object.
pub static ZEROBASE: u64 = 0;

/// A garbage-collected heap over one region of memory.
pub struct Heap {
    /// Address of page 0.
    arena: usize,
    /// Pages the region holds.
    max_pages: usize,
    /// Pages `0..frontier` are tiled by runs; the rest were never used.
    frontier: usize,
    page_table: *mut u32,
    spans: *mut Span,
    ptr_bits: *mut u64,
    dirty: *mut u64,
    /// Free pages may be handed back to the OS (`madvise`).
    releasable: bool,
    /// The mapping to unmap when the heap is dropped (heaps from [`Heap::reserve`]).
    mapping: Option<(usize, usize)>,
    /// Free runs: index n <= EXACT_LISTS holds runs of n pages, 0 longer ones.
    free_heads: [u32; EXACT_LISTS + 1],
    free_nonempty: [u64; (EXACT_LISTS + 1).div_ceil(64)],
    /// Per class and kind (index `class * 2 + noscan`): the heap's own
    /// cursor, the span it is loaded from (the threads' caches, [`cache`],
    /// have theirs), and the spans with free slots.
    cursors: [Cursor; 2 * NUM_CLASSES],
    current: [u32; 2 * NUM_CLASSES],
    partial: [u32; 2 * NUM_CLASSES],
    /// Collections started (free runs remember the cycle they were freed in).
    cycle: u32,
    poison: bool,
    masks: MaskCache,
    /// Objects (address, words) marked and not yet scanned.
    gray: Vec<(usize, usize)>,
    /// This cycle's stack objects (see [`Marker::add_stack_object`]).
    stack_objs: mark::StackObjects,
    /// Who marks beside this thread, and the live bytes from which they
    /// are asked to ([`Heap::set_mark_helpers`]).
    mark_helpers: Option<(MarkHelpers, usize)>,
    /// The gray stacks of the markers that share a drain, kept for the next.
    mark_stacks: Vec<Vec<(usize, usize)>>,
    clock: Option<fn() -> i64>,
    /// The wall clock (nanoseconds since 1970) that dates each collection's
    /// end (`MemStats.PauseEnd`, `LastGC`).
    wall_clock: Option<fn() -> i64>,
    // Statistics.
    heap_live: usize,
    total_alloc: u64,
    mallocs: u64,
    frees: u64,
    /// `mallocs` and `frees` per size class, large objects last
    /// (`MemStats.BySize`, runtime/metrics' size histograms).
    class_mallocs: [u64; NUM_CLASSES + 1],
    class_frees: [u64; NUM_CLASSES + 1],
    inuse_pages: usize,
    idle_pages: usize,
    released_pages: usize,
    last_live: usize,
    num_gc: u32,
    pause_total_ns: u64,
    last_pause_ns: u64,
    /// The last 256 collections' pauses and wall-clock ends, the latest at
    /// `(num_gc + 255) % 256`, as in Go's `MemStats`.
    pause_ns: [u64; 256],
    pause_end: [u64; 256],
    gc_percent: i32,
    /// `debug.SetMemoryLimit`'s soft limit in bytes (`i64::MAX`: none).
    memory_limit: i64,
    next_gc: u64,
    /// The least goal a collection leaves: its live bytes plus Go's sweep
    /// distance ([`stats::SWEEP_MIN_HEAP_DISTANCE`]); 0 once the percentage
    /// changes.
    goal_floor: u64,
}

// SAFETY: the heap owns its region; the raw pointers are into it and are
// used only through `&mut Heap` (or `&Heap` for reads).
unsafe impl Send for Heap {}

impl Heap {
    /// A heap over `len` bytes at `base` (its metadata takes about 5%);
    /// `None` when the region is too small for one page. `zeroed`: the
    /// region reads as zero (then fresh pages need no clearing).
    ///
    /// # Safety
    /// `base..base+len` must be readable and writable memory that nothing
    /// else uses while the heap exists.
    pub unsafe fn new(base: *mut u8, len: usize, zeroed: bool) -> Option<Heap> {
        let l = pages::layout(base as usize, len)?;
        let dirty = l.dirty as *mut u64;
        if !zeroed {
            for i in 0..l.pages.div_ceil(64) {
                // SAFETY: the dirty bitmap is inside the caller's region.
                unsafe { *dirty.add(i) = u64::MAX };
            }
        }
        let mut h = Heap {
            arena: l.arena,
            max_pages: l.pages.min(u32::MAX as usize - 1),
            frontier: 0,
            page_table: l.page_table as *mut u32,
            spans: l.spans as *mut Span,
            ptr_bits: l.ptr_bits as *mut u64,
            dirty,
            releasable: false,
            mapping: None,
            free_heads: [NIL; EXACT_LISTS + 1],
            free_nonempty: [0; (EXACT_LISTS + 1).div_ceil(64)],
            cursors: [Cursor::EMPTY; 2 * NUM_CLASSES],
            current: [NIL; 2 * NUM_CLASSES],
            partial: [NIL; 2 * NUM_CLASSES],
            cycle: 1,
            poison: false,
            masks: MaskCache::new(),
            gray: Vec::new(),
            stack_objs: mark::StackObjects::new(),
            mark_helpers: None,
            mark_stacks: Vec::new(),
            clock: None,
            wall_clock: None,
            heap_live: 0,
            total_alloc: 0,
            mallocs: 0,
            frees: 0,
            class_mallocs: [0; NUM_CLASSES + 1],
            class_frees: [0; NUM_CLASSES + 1],
            inuse_pages: 0,
            idle_pages: 0,
            released_pages: 0,
            last_live: 0,
            num_gc: 0,
            pause_total_ns: 0,
            last_pause_ns: 0,
            pause_ns: [0; 256],
            pause_end: [0; 256],
            gc_percent: stats::DEFAULT_GC_PERCENT,
            memory_limit: i64::MAX,
            next_gc: 0,
            goal_floor: 0,
        };
        h.update_goal();
        Some(h)
    }

    /// A heap over a fresh reservation of `len` bytes of address space from
    /// the OS, whose free pages go back to the OS; unmapped when dropped.
    pub fn reserve(len: usize) -> Option<Heap> {
        let base = os::reserve(len)?;
        // SAFETY: a fresh region of `len` bytes, owned by the heap, zeroed
        // where the OS layer says so.
        match unsafe { Heap::new(base, len, os::RESERVE_ZEROED) } {
            Some(mut h) => {
                h.releasable = true;
                h.mapping = Some((base as usize, len));
                h.clock = Some(os::nanotime);
                Some(h)
            }
            None => {
                // SAFETY: the mapping just made, unused.
                unsafe { os::munmap(base, len) };
                None
            }
        }
    }

    /// Sets the clock collections measure their pause with (nanoseconds).
    /// Marking from now on shares its work with `helpers` (other threads,
    /// while the world is stopped) once the heap holds `min_live` bytes or
    /// more; `None`: this thread marks alone.
    pub fn set_mark_helpers(&mut self, helpers: Option<MarkHelpers>, min_live: usize) {
        self.mark_helpers = helpers.map(|h| (h, min_live));
    }

    pub fn set_clock(&mut self, clock: fn() -> i64) {
        self.clock = Some(clock);
    }

    /// Sets the wall clock that dates collections (nanoseconds since 1970).
    pub fn set_wall_clock(&mut self, clock: fn() -> i64) {
        self.wall_clock = Some(clock);
    }

    /// Poison mode (a debugging aid): freed objects are filled with
    /// [`POISON`] words instead of being left as they were.
    pub fn set_poison(&mut self, on: bool) {
        self.poison = on;
    }

    // ----- allocation -----

    /// Zeroed memory for `size` bytes holding values of `typ` (one, or an
    /// array of `size / typ.size`), or pointer-free data when `typ` is
    /// `None` or has no pointers. `None` when the heap is exhausted.
    ///
    /// The common case, at most 64 words of values of a type whose pointer
    /// mask is cached, is a cursor's next object and one read-modify-write
    /// of the pointer bits (two when they straddle a bitmap word);
    /// everything else takes [`Heap::alloc_typed`].
    #[inline(always)]
    pub fn alloc(&mut self, size: usize, typ: Option<&Type>) -> Option<*mut u8> {
        match typ {
            // Values of a small type in at most FAST_MAX (> 0) bytes.
            Some(t) if size.wrapping_sub(1) < FAST_MAX && t.ptrdata != 0 => match self.masks.lookup_small(t) {
                Some(m) => {
                    let v = if size == t.size { m } else { ptrmask::array_bits(m, t.size / 8, size) };
                    let (p, slot) = self.alloc_small(class_of(size), false)?;
                    // A class size of at most FAST_MAX bytes: its bits fit
                    // one word's worth.
                    self.put_object_bits(p, slot, v);
                    Some(p as *mut u8)
                }
                None => self.alloc_typed(size, t),
            },
            Some(t) if t.ptrdata != 0 && t.size != 0 && size != 0 => self.alloc_typed(size, t),
            _ => self.alloc_noscan(size),
        }
    }

    /// Zeroed memory for `typed` bytes of values of `t` (with pointers; one,
    /// or an array) followed by `plain` bytes holding no pointers: two
    /// allocations' worth in one, for a caller that keeps them together
    /// (reflect's boxed arguments and their []Value).
    pub fn alloc_typed_then_plain(&mut self, typed: usize, t: &Type, plain: usize) -> Option<*mut u8> {
        let size = typed + plain;
        if typed == 0 || t.ptrdata == 0 || t.size == 0 {
            return self.alloc_noscan(size);
        }
        // As in `alloc`: a small object whose type's mask is cached takes
        // one write of its bits; the mask covers `typed` bytes and the rest
        // of the slot stays clear.
        if size <= FAST_MAX {
            if let Some(m) = self.masks.lookup_small(t) {
                let (p, slot) = self.alloc_small(class_of(size), false)?;
                self.put_object_bits(p, slot, ptrmask::array_bits(m, t.size / 8, typed));
                return Some(p as *mut u8);
            }
        }
        let (p, slot) = self.alloc_object(size, false)?;
        self.write_typed_bits(p, slot, typed, t);
        Some(p as *mut u8)
    }

    /// [`Heap::alloc`] of `size` (> 0) bytes of values of `t` (with
    /// pointers), any size, caching `t`'s mask on the way.
    #[inline(never)]
    fn alloc_typed(&mut self, size: usize, t: &Type) -> Option<*mut u8> {
        let (p, slot) = self.alloc_object(size, false)?;
        self.write_typed_bits(p, slot, size, t);
        Some(p as *mut u8)
    }

    /// Zeroed memory for `size` bytes, every word of which may hold a
    /// pointer (runtime structures without a type descriptor).
    #[inline]
    pub fn alloc_ptrs(&mut self, size: usize) -> Option<*mut u8> {
        if size == 0 {
            return Some(core::ptr::addr_of!(ZEROBASE) as *mut u8);
        }
        let (p, slot) = self.alloc_object(size, false)?;
        self.write_all_ptr_bits(p, slot, size);
        Some(p as *mut u8)
    }

    /// Zeroed memory for `size` bytes holding no pointers (never scanned).
    #[inline(always)]
    pub fn alloc_noscan(&mut self, size: usize) -> Option<*mut u8> {
        if size == 0 {
            return Some(core::ptr::addr_of!(ZEROBASE) as *mut u8);
        }
        self.alloc_object(size, true).map(|(p, _)| p as *mut u8)
    }

    /// A zeroed object of at least `size` (> 0) bytes: its address and
    /// the bytes it really occupies.
    #[inline(always)]
    fn alloc_object(&mut self, size: usize, noscan: bool) -> Option<(usize, usize)> {
        if size <= MAX_SMALL_SIZE {
            self.alloc_small(class_of(size), noscan)
        } else {
            self.alloc_large(size, noscan)
        }
    }

    /// Counts `n` objects of `size` bytes as allocated, and flags the
    /// collection due when the heap reaches its goal.
    ///
    /// Small objects are counted when their cursor is loaded, all of its
    /// free objects at once (as Go counts a span's free objects when an
    /// `mcache` takes it), and those still in a cursor when it is dropped
    /// are taken back ([`Heap::drop_cursors`]); [`Heap::stats`] leaves them
    /// out. So the statistics are exact, and the heap reaches its goal at
    /// most one cursor's worth of objects per class early.
    #[inline]
    fn count_alloc(&mut self, n: usize, size: usize) {
        self.mallocs += n as u64;
        self.total_alloc += (n * size) as u64;
        self.heap_live += n * size;
        if self.heap_live as u64 >= self.next_gc {
            DUE.store(true, Ordering::Relaxed);
        }
    }

    /// Objects counted as allocated that are still in cursors (the heap's
    /// and the threads' caches'), and their bytes.
    pub(crate) fn in_cursors(&self) -> (u64, usize) {
        let mut class = [0u64; NUM_CLASSES];
        self.in_cursors_by_class(&mut class);
        let mut t = (0, 0);
        for (c, &k) in class.iter().enumerate() {
            t.0 += k;
            t.1 += k as usize * sizeclass::SIZE_CLASSES[c] as usize;
        }
        t
    }

    /// Adds the objects still in cursors per class to `class`.
    pub(crate) fn in_cursors_by_class(&self, class: &mut [u64; NUM_CLASSES]) {
        for (ci, c) in self.cursors.iter().enumerate() {
            class[ci / 2] += c.free.count_ones() as u64;
        }
        cache::in_caches(class);
    }

    /// The next free object of `class` (its address and size): the lowest
    /// free bit of the cursor, claimed in the span's `alloc` word.
    #[inline(always)]
    fn alloc_small(&mut self, class: usize, noscan: bool) -> Option<(usize, usize)> {
        let ci = class * 2 + noscan as usize;
        if self.cursors[ci].free == 0 {
            self.advance(ci)?;
        }
        Some(self.cursors[ci].take())
    }

    /// Loads the cursor of class-and-kind `ci` (found empty) with the next
    /// word of its span that has free objects ([`Heap::take_cursor`]).
    /// `None` when the heap is exhausted.
    #[cold]
    #[inline(never)]
    fn advance(&mut self, ci: usize) -> Option<()> {
        let (c, s) = self.take_cursor(ci, self.current[ci])?;
        self.cursors[ci] = c;
        self.current[ci] = s;
        Some(())
    }

    /// A cursor over the next word of span `s` (of class-and-kind `ci`, or
    /// [`NIL`]) that has free objects, taking a span with free objects (or
    /// a new one) when `s` has none left, and the span it is in (the
    /// caller's current span from then on); its objects are counted as
    /// allocated. `None` when the heap is exhausted. Each current span
    /// has one owner (the heap's own cursors, or one thread's cache): two
    /// threads allocating from one span would write the same cache lines
    /// of its record and bitmap.
    pub(crate) fn take_cursor(&mut self, ci: usize, mut s: u32) -> Option<(Cursor, u32)> {
        loop {
            if s != NIL {
                let base = self.page_addr(s as usize);
                let sp = self.span_mut(s as usize);
                while (sp.next_word as usize) < sp.bit_words() {
                    let w = sp.next_word as usize;
                    sp.next_word += 1;
                    let free = sp.free_in_word(w);
                    if free != 0 {
                        let size = sp.elem_size;
                        let cursor = Cursor {
                            free,
                            base: base + 64 * w * size,
                            alloc: core::ptr::addr_of_mut!(sp.alloc[w]),
                            size,
                            needzero: sp.needzero,
                        };
                        self.class_mallocs[ci / 2] += free.count_ones() as u64;
                        self.count_alloc(free.count_ones() as usize, size);
                        return Some((cursor, s));
                    }
                }
            }
            s = self.refill(ci)? as u32;
        }
    }

    /// A span with free slots for class-and-kind `ci`: one that has some
    /// after the last sweep, or a new one.
    fn refill(&mut self, ci: usize) -> Option<usize> {
        let s = match self.partial[ci] {
            NIL => {
                let class = ci / 2;
                let npages = CLASS_PAGES[class] as usize;
                let (s, dirty) = self.alloc_pages(npages, false)?;
                let sp = self.span_mut(s);
                sp.init_objects(npages, class as u8, ci % 2 == 1);
                sp.needzero = dirty;
                s
            }
            s => {
                self.partial[ci] = self.span(s as usize).next;
                s as usize
            }
        };
        Some(s)
    }

    /// Forgets every cursor, the threads' caches' too (a sweep is about
    /// to change the spans; the world is stopped, so no cache is in use),
    /// uncounting the objects they still hold.
    fn drop_cursors(&mut self) {
        for ci in 0..2 * NUM_CLASSES {
            let c = self.cursors[ci];
            self.uncount_cursor(ci, &c);
        }
        self.cursors = [Cursor::EMPTY; 2 * NUM_CLASSES];
        self.current = [NIL; 2 * NUM_CLASSES];
        cache::drop_all(self);
    }

    /// Takes back the objects counted for cursor `c` of class-and-kind
    /// `ci` that it never handed out.
    pub(crate) fn uncount_cursor(&mut self, ci: usize, c: &Cursor) {
        let n = c.free.count_ones() as usize;
        self.class_mallocs[ci / 2] -= n as u64;
        self.mallocs -= n as u64;
        self.total_alloc -= (n * c.size) as u64;
        self.heap_live -= n * c.size;
    }

    #[cold]
    fn alloc_large(&mut self, size: usize, noscan: bool) -> Option<(usize, usize)> {
        let npages = size.checked_add(PAGE_SIZE - 1)? >> PAGE_SHIFT;
        let (s, _) = self.alloc_pages(npages, true)?;
        let sp = self.span_mut(s);
        sp.init_objects(npages, LARGE, noscan);
        sp.alloc[0] = 1;
        self.class_mallocs[NUM_CLASSES] += 1;
        self.count_alloc(1, npages << PAGE_SHIFT);
        Some((self.page_addr(s), npages << PAGE_SHIFT))
    }

    /// The object holding `p`: its address and size in bytes, or `None`
    /// when `p` points into no allocated object.
    pub fn find(&self, p: usize) -> Option<(usize, usize)> {
        let (s, idx) = self.find_object(p)?;
        let size = self.span(s).elem_size;
        Some((self.page_addr(s) + idx * size, size))
    }

    // ----- collection -----

    /// One stop-the-world collection: `roots` marks what the program holds
    /// (through [`Marker::mark`] and the scans), then everything reachable
    /// from there is marked; `finalize` may then ask [`Marker::is_marked`]
    /// and mark more (objects with finalizers), which is followed in turn;
    /// finally every unmarked object is freed. Neither callback may
    /// allocate from this heap.
    pub fn collect(&mut self, roots: impl FnOnce(&mut Marker<'_>), finalize: impl FnOnce(&mut Marker<'_>)) {
        let start = self.clock.map(|c| c());
        self.cycle += 1;
        {
            let mut m = Marker { heap: self };
            roots(&mut m);
            m.drain();
            finalize(&mut m);
            m.drain();
        }
        self.stack_objs.clear();
        self.sweep();
        self.release(false);
        self.last_live = self.heap_live;
        self.goal_floor = self.last_live as u64 + stats::SWEEP_MIN_HEAP_DISTANCE;
        self.update_goal();
        self.num_gc += 1;
        let slot = (self.num_gc as usize + 255) % 256;
        if let (Some(start), Some(clock)) = (start, self.clock) {
            let pause = clock().saturating_sub(start).max(0) as u64;
            self.last_pause_ns = pause;
            self.pause_total_ns += pause;
            self.pause_ns[slot] = pause;
        }
        self.pause_end[slot] = self.wall_clock.map_or(0, |c| c().max(0) as u64);
    }

    /// Gives the memory of every free page back to the OS
    /// (`debug.FreeOSMemory`, after a collection).
    pub fn release_free_memory(&mut self) {
        self.release(true);
    }
}

/// Clears a free object (8-aligned, a multiple of 8 bytes) being handed
/// out: up to 64 bytes by a branch on the size and inline stores, bigger
/// ones through `memset`.
#[inline(always)]
fn zero_object(p: usize, size: usize) {
    /// Clears `N` words at `p` (a constant-size `memset`, which LLVM
    /// expands into a few stores).
    #[inline(always)]
    fn words<const N: usize>(p: usize) {
        // SAFETY: the caller's object is at least `N` words, 8-aligned.
        unsafe { core::ptr::write_bytes(p as *mut [u64; N], 0, 1) };
    }
    match size / 8 {
        1 => words::<1>(p),
        2 => words::<2>(p),
        3 => words::<3>(p),
        4 => words::<4>(p),
        5 => words::<5>(p),
        6 => words::<6>(p),
        7 => words::<7>(p),
        8 => words::<8>(p),
        // SAFETY: the object is `size` bytes.
        _ => unsafe { core::ptr::write_bytes(p as *mut u8, 0, size) },
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        if let Some((base, len)) = self.mapping {
            // SAFETY: the heap's own mapping; the heap and its objects are gone.
            unsafe { os::munmap(base as *mut u8, len) };
        }
    }
}

// ----- the runtime's heap -----

/// The runtime's heap, made at its first use. (Not an `Option<Heap>`: that
/// would put a 14 KiB initializer into every program's data; this is zero
/// bytes, in .bss.)
struct Global {
    ready: bool,
    heap: MaybeUninit<Heap>,
}

static GLOBAL: spin::Mutex<Global> = spin::Mutex::new(Global { ready: false, heap: MaybeUninit::uninit() });
/// Collections of the runtime's heap are allowed (see [`enable`]).
static ENABLED: AtomicBool = AtomicBool::new(false);

/// Sizes tried for the runtime's reservation, biggest first: address
/// space on Linux; on a board, RAM (most of a 128 MiB board's goes to the
/// heap, the rest to stacks and the runtime's own memory).
const RESERVE_SIZES: [usize; 9] = [64 << 30, 16 << 30, 4 << 30, 1 << 30, 256 << 20, 128 << 20, 96 << 20, 80 << 20, 64 << 20];

/// The runtime heap's objects allocated and freed per size class, large
/// objects last ([`Heap::by_class`]; none before the heap exists).
pub fn by_class() -> ([u64; NUM_CLASSES + 1], [u64; NUM_CLASSES + 1]) {
    with_heap(|h| h.by_class()).unwrap_or(([0; NUM_CLASSES + 1], [0; NUM_CLASSES + 1]))
}

/// Runs `f` on the runtime's heap (under its lock; `f` must not use the
/// runtime's heap again). `None` when no address space could be reserved.
#[inline(always)]
pub fn with_heap<R>(f: impl FnOnce(&mut Heap) -> R) -> Option<R> {
    let mut g = GLOBAL.lock();
    if !g.ready {
        make_heap(&mut g)?;
    }
    // SAFETY: `ready` says `heap` was written (and it is never taken out).
    Some(f(unsafe { g.heap.assume_init_mut() }))
}

/// Makes the runtime's heap (at its first use). Out of line: the heap is
/// built on the stack, which the callers' fast paths should not pay for.
#[cold]
#[inline(never)]
fn make_heap(g: &mut Global) -> Option<()> {
    let h = RESERVE_SIZES.iter().find_map(|&len| Heap::reserve(len))?;
    g.heap.write(h);
    g.ready = true;
    Some(())
}

/// Allows collections of the runtime's heap (once the runtime can find
/// all its roots).
pub fn enable() {
    ENABLED.store(true, Ordering::Release);
}

pub fn enabled() -> bool {
    ENABLED.load(Ordering::Acquire)
}

/// A collection of the runtime's heap ([`Heap::collect`]); false (and
/// nothing done) before [`enable`].
pub fn collect(roots: impl FnOnce(&mut Marker<'_>), finalize: impl FnOnce(&mut Marker<'_>)) -> bool {
    if !enabled() {
        return false;
    }
    with_heap(|h| h.collect(roots, finalize)).is_some()
}

/// Set when an allocation takes a heap past its goal, cleared when the
/// goal is set again: the safepoints' test, without taking the heap's lock.
/// (Any heap sets it; only the runtime's is ever collected through it.)
static DUE: AtomicBool = AtomicBool::new(false);

/// Whether a collection of the runtime's heap is enabled and due.
#[inline]
pub fn should_collect() -> bool {
    DUE.load(Ordering::Relaxed) && enabled()
}
