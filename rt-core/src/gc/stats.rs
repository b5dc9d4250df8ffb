//! The heap's statistics (what `runtime.ReadMemStats` reports) and the
//! core of pacing: when the next collection is due.

use super::pages::META_PER_PAGE;
use super::sizeclass::PAGE_SIZE;
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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
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
        }
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

    /// Goal = live after the last collection grown by the percentage, at
    /// least the (scaled) minimum and the floor the last collection left.
    pub(crate) fn update_goal(&mut self) {
        self.next_gc = if self.gc_percent < 0 {
            u64::MAX
        } else {
            let p = self.gc_percent as u64;
            let grown = (self.last_live as u64).saturating_mul(100 + p) / 100;
            grown.max(HEAP_MINIMUM * p / 100).max(self.goal_floor)
        };
        super::DUE.store(self.should_collect(), core::sync::atomic::Ordering::Relaxed);
    }
}
