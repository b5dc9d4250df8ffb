//! The heap's statistics (what `runtime.ReadMemStats` reports) and the
//! core of pacing: when the next collection is due.

use super::pages::META_PER_PAGE;
use super::sizeclass::{NUM_CLASSES, PAGE_SIZE};
use super::Heap;

/// Go's default `GOGC`.
pub const DEFAULT_GC_PERCENT: i32 = 100;
/// The smallest heap goal at `GOGC=100` (Go's `defaultHeapMinimum`); it
/// scales with the percentage.
pub const HEAP_MINIMUM: u64 = 4 << 20;
/// The least growth allowed after a collection (Go's
/// `sweepMinHeapDistance`). Go leaves its sweeper this much heap before the
/// next cycle may start, so its goal after a collection is at least the
/// live heap plus 1 MiB; rgo sweeps inside the collection, and keeps the
/// same floor so that a small `GOGC` paces as in Go (at `GOGC=1`, one
/// collection per MiB allocated, not one per 1% of a small heap).
pub const SWEEP_MIN_HEAP_DISTANCE: u64 = 1 << 20;

/// A snapshot of the heap's numbers, in Go's `runtime.MemStats` terms.
/// Object bytes are size-class bytes (what the objects occupy).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemStats {
    /// Bytes of allocated objects: live at the last sweep plus allocated
    /// since (`Alloc`, `HeapAlloc`).
    pub heap_alloc: u64,
    /// Bytes ever allocated.
    pub total_alloc: u64,
    /// Address space the heap uses: its pages below the frontier plus their
    /// metadata.
    pub sys: u64,
    pub mallocs: u64,
    pub frees: u64,
    /// Pages below the frontier (`HeapIdle + HeapInuse`).
    pub heap_sys: u64,
    /// Free pages below the frontier.
    pub heap_idle: u64,
    /// Pages of spans in use.
    pub heap_inuse: u64,
    /// Free pages whose memory went back to the OS.
    pub heap_released: u64,
    /// Objects allocated (`Mallocs - Frees`).
    pub heap_objects: u64,
    /// The heap goal: the next collection is due when `heap_alloc` reaches it.
    pub next_gc: u64,
    /// Bytes marked live by the last collection.
    pub last_live: u64,
    pub num_gc: u32,
    pub pause_total_ns: u64,
    pub last_pause_ns: u64,
    /// The last 256 collections' pauses and wall-clock ends (nanoseconds
    /// since 1970), the latest at `(num_gc + 255) % 256`.
    pub pause_ns: [u64; 256],
    pub pause_end: [u64; 256],
}

impl Default for MemStats {
    fn default() -> MemStats {
        MemStats {
            heap_alloc: 0,
            total_alloc: 0,
            sys: 0,
            mallocs: 0,
            frees: 0,
            heap_sys: 0,
            heap_idle: 0,
            heap_inuse: 0,
            heap_released: 0,
            heap_objects: 0,
            next_gc: 0,
            last_live: 0,
            num_gc: 0,
            pause_total_ns: 0,
            last_pause_ns: 0,
            pause_ns: [0; 256],
            pause_end: [0; 256],
        }
    }
}

impl Heap {
    pub fn stats(&self) -> MemStats {
        let page = PAGE_SIZE as u64;
        // Objects in the allocation cursors are counted already (see
        // `Heap::count_alloc`), and not handed out yet.
        let (n, bytes) = self.in_cursors();
        let mallocs = self.mallocs - n;
        MemStats {
            heap_alloc: (self.heap_live - bytes) as u64,
            total_alloc: self.total_alloc - bytes as u64,
            sys: (self.frontier * (PAGE_SIZE + META_PER_PAGE)) as u64,
            mallocs,
            frees: self.frees,
            heap_sys: self.frontier as u64 * page,
            heap_idle: self.idle_pages as u64 * page,
            heap_inuse: self.inuse_pages as u64 * page,
            heap_released: self.released_pages as u64 * page,
            heap_objects: mallocs - self.frees,
            next_gc: self.next_gc,
            last_live: self.last_live as u64,
            num_gc: self.num_gc,
            pause_total_ns: self.pause_total_ns,
            last_pause_ns: self.last_pause_ns,
            pause_ns: self.pause_ns,
            pause_end: self.pause_end,
        }
    }

    /// Objects allocated and freed per size class, large objects last (the
    /// objects still in allocation cursors not counted, as in [`Heap::stats`]).
    pub fn by_class(&self) -> ([u64; NUM_CLASSES + 1], [u64; NUM_CLASSES + 1]) {
        let mut mallocs = self.class_mallocs;
        let mut held = [0u64; NUM_CLASSES];
        self.in_cursors_by_class(&mut held);
        for (m, h) in mallocs.iter_mut().zip(held) {
            *m -= h;
        }
        (mallocs, self.class_frees)
    }

    /// Every allocated object, in address order: `f(address, size, scan)`,
    /// `scan` false for an object known to hold no pointers (a heap dump's
    /// walk, `debug.WriteHeapDump`).
    pub fn for_each_object(&self, mut f: impl FnMut(usize, usize, bool)) {
        let mut s = 0;
        while s < self.frontier {
            let sp = self.span(s);
            if sp.state == super::span::INUSE {
                let base = self.page_addr(s);
                for w in 0..sp.bit_words() {
                    let mut bits = sp.alloc[w];
                    while bits != 0 {
                        let i = 64 * w + bits.trailing_zeros() as usize;
                        f(base + i * sp.elem_size, sp.elem_size, !sp.noscan);
                        bits &= bits - 1;
                    }
                }
            }
            s += (sp.npages as usize).max(1);
        }
    }

    /// Whether the heap word at `addr` (8-aligned, in an allocated object)
    /// holds a pointer, by the heap's pointer bits.
    pub fn is_pointer_word(&self, addr: usize) -> bool {
        self.ptr_bits_at(self.word_index(addr), 1) != 0
    }

    /// The heap's reserved address range.
    pub fn arena_range(&self) -> (usize, usize) {
        (self.arena, self.arena + self.max_pages * PAGE_SIZE)
    }

    /// The last collection's pause in nanoseconds.
    pub fn last_pause_ns(&self) -> u64 {
        self.last_pause_ns
    }

    /// Sets the collection percentage (`GOGC`, `debug.SetGCPercent`; negative
    /// turns collection off) and returns the previous one.
    pub fn set_gc_percent(&mut self, percent: i32) -> i32 {
        let old = self.gc_percent;
        self.gc_percent = percent;
        // Go recomputes the goal with the sweep done by now: no floor.
        self.goal_floor = 0;
        self.update_goal();
        old
    }

    pub fn gc_percent(&self) -> i32 {
        self.gc_percent
    }

    /// The heap goal in bytes (`u64::MAX` when collection is off).
    pub fn next_gc(&self) -> u64 {
        self.next_gc
    }

    /// Whether the heap has grown to its goal.
    #[inline]
    pub fn should_collect(&self) -> bool {
        self.heap_live as u64 >= self.next_gc
    }

    /// Sets the soft memory limit (`debug.SetMemoryLimit`, `GOMEMLIMIT`;
    /// `i64::MAX` for none) and returns the previous one; a negative limit
    /// changes nothing.
    pub fn set_memory_limit(&mut self, limit: i64) -> i64 {
        let old = self.memory_limit;
        if limit >= 0 {
            self.memory_limit = limit;
            self.update_goal();
        }
        old
    }

    /// Goal = live after the last collection grown by the percentage, at
    /// least the (scaled) minimum and the floor the last collection left;
    /// or, when less, what the memory limit leaves for objects once the
    /// heap's other mapped bytes (metadata, free pages not yet returned,
    /// the unused ends of spans) are counted, never below the live heap
    /// plus the sweep distance (a limit below that collects once per
    /// [`SWEEP_MIN_HEAP_DISTANCE`] allocated: gc bounds that thrashing by
    /// CPU time instead).
    pub(crate) fn update_goal(&mut self) {
        let percent_goal = if self.gc_percent < 0 {
            u64::MAX
        } else {
            let p = self.gc_percent as u64;
            let grown = (self.last_live as u64).saturating_mul(100 + p) / 100;
            grown.max(HEAP_MINIMUM * p / 100).max(self.goal_floor)
        };
        self.next_gc = if self.memory_limit == i64::MAX {
            percent_goal
        } else {
            let mapped = (self.frontier.saturating_sub(self.released_pages) * (PAGE_SIZE + META_PER_PAGE)) as u64;
            let overhead = mapped.saturating_sub(self.heap_live as u64);
            let limit_goal = (self.memory_limit as u64).saturating_sub(overhead);
            percent_goal.min(limit_goal.max(self.last_live as u64 + SWEEP_MIN_HEAP_DISTANCE))
        };
        super::DUE.store(self.should_collect(), core::sync::atomic::Ordering::Relaxed);
    }
}
