//! What runtime/metrics reads that `runtime.MemStats` does not carry: the
//! heap's allocations and frees per size class, histograms of the
//! collector's pauses and of the scheduler's latencies (how long runnable
//! goroutines waited to run), and the stacks of the threads rgo started.
//! Package runtime's `readMetrics` (toolchain/lib/runtime/metrics.go) takes
//! them in one [`Snapshot`] and the rest from `MemStats`.

use crate::gc::sizeclass::{NUM_CLASSES, SIZE_CLASSES};
use crate::{gc, stack, threads};
use core::sync::atomic::{AtomicU64, Ordering};

/// Buckets of a [`TimeHistogram`]: [`SUB_BUCKETS`] linear ones below
/// `SUB_BUCKETS` ns, then `SUB_BUCKETS` per power of two up to 2^41 ns (36
/// minutes), then one for everything longer.
pub const TIME_BUCKETS: usize = SUB_BUCKETS + (MAX_SHIFT + 1 - SUB_BITS) * SUB_BUCKETS + 1;
/// Log2 of the buckets per power of two: each covers a quarter of its
/// doubling, so a duration is known within 25 %.
const SUB_BITS: usize = 2;
const SUB_BUCKETS: usize = 1 << SUB_BITS;
/// The highest power of two with buckets of its own.
const MAX_SHIFT: usize = 40;

/// A histogram of durations in nanoseconds whose counts may be added to
/// from any thread (the collector and the scheduler record while the
/// program reads).
pub struct TimeHistogram {
    counts: [AtomicU64; TIME_BUCKETS],
}

impl TimeHistogram {
    pub const fn new() -> TimeHistogram {
        TimeHistogram { counts: [const { AtomicU64::new(0) }; TIME_BUCKETS] }
    }

    /// Counts one duration of `ns` nanoseconds (a negative one as 0).
    pub fn record(&self, ns: i64) {
        self.counts[bucket(ns.max(0) as u64)].fetch_add(1, Ordering::Relaxed);
    }

    fn read(&self, out: &mut [u64; TIME_BUCKETS]) {
        for (o, c) in out.iter_mut().zip(&self.counts) {
            *o = c.load(Ordering::Relaxed);
        }
    }
}

impl Default for TimeHistogram {
    fn default() -> TimeHistogram {
        TimeHistogram::new()
    }
}

/// The bucket of a duration of `ns` nanoseconds.
fn bucket(ns: u64) -> usize {
    if ns < SUB_BUCKETS as u64 {
        return ns as usize;
    }
    let shift = 63 - ns.leading_zeros() as usize;
    if shift > MAX_SHIFT {
        return TIME_BUCKETS - 1;
    }
    let sub = (ns >> (shift - SUB_BITS)) as usize & (SUB_BUCKETS - 1);
    SUB_BUCKETS + (shift - SUB_BITS) * SUB_BUCKETS + sub
}

/// The least duration bucket `i` holds, in nanoseconds.
fn lower_bound(i: usize) -> u64 {
    if i < SUB_BUCKETS {
        return i as u64;
    }
    let (shift, sub) = ((i - SUB_BUCKETS) / SUB_BUCKETS + SUB_BITS, (i - SUB_BUCKETS) % SUB_BUCKETS);
    ((SUB_BUCKETS + sub) as u64) << (shift - SUB_BITS)
}

/// The collector's stop-the-world pauses (`/gc/pauses:seconds`).
pub static PAUSES: TimeHistogram = TimeHistogram::new();
/// How long goroutines were runnable before they ran
/// (`/sched/latencies:seconds`), sampled by crate::sched.
pub static LATENCIES: TimeHistogram = TimeHistogram::new();

/// The numbers [`rgo_read_metrics`] gives package runtime (which declares
/// the same fields in the same order).
#[repr(C)]
pub struct Snapshot {
    /// Object size of each size class.
    pub class_sizes: [u64; NUM_CLASSES],
    /// Objects allocated and freed per size class, large objects last.
    pub allocs: [u64; NUM_CLASSES + 1],
    pub frees: [u64; NUM_CLASSES + 1],
    /// The least duration of each bucket of the time histograms (ns).
    pub time_bounds: [u64; TIME_BUCKETS],
    pub pauses: [u64; TIME_BUCKETS],
    pub latencies: [u64; TIME_BUCKETS],
    /// Bytes of the threads' stacks (not goroutine stacks).
    pub os_stacks: u64,
    /// A goroutine's first stack (`/gc/stack/starting-size:bytes`).
    pub stack_start: u64,
}

/// Fills `out` (package runtime's `readMetrics`).
///
/// # Safety
/// `out` must point at a writable `Snapshot`.
#[no_mangle]
pub unsafe extern "C" fn rgo_read_metrics(out: *mut Snapshot) {
    // SAFETY: as the caller promises.
    let out = unsafe { &mut *out };
    for (o, &size) in out.class_sizes.iter_mut().zip(SIZE_CLASSES.iter()) {
        *o = size as u64;
    }
    let (allocs, frees) = gc::by_class();
    out.allocs = allocs;
    out.frees = frees;
    for (i, b) in out.time_bounds.iter_mut().enumerate() {
        *b = lower_bound(i);
    }
    PAUSES.read(&mut out.pauses);
    LATENCIES.read(&mut out.latencies);
    out.os_stacks = threads::os_stack_bytes() as u64;
    out.stack_start = stack::GOROUTINE_SIZE as u64;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_fall_in_the_bucket_whose_bounds_hold_them() {
        assert_eq!(TIME_BUCKETS, 161);
        for ns in (0..5000u64).chain([1 << 20, (1 << 20) + 1, 999_999_999, 1 << 40, (1 << 41) - 1]) {
            let b = bucket(ns);
            assert!(lower_bound(b) <= ns, "{ns} in bucket {b} from {}", lower_bound(b));
            assert!(b + 1 == TIME_BUCKETS || ns < lower_bound(b + 1), "{ns} in bucket {b} below {}", lower_bound(b + 1));
        }
        assert_eq!(bucket(1 << 41), TIME_BUCKETS - 1);
        assert_eq!(bucket(u64::MAX), TIME_BUCKETS - 1);
        assert_eq!(lower_bound(TIME_BUCKETS - 1), 1 << 41);
        // Bounds rise, and each bucket of a doubling is a quarter of it.
        assert!((1..TIME_BUCKETS).all(|i| lower_bound(i) > lower_bound(i - 1)));
        assert_eq!((lower_bound(20), lower_bound(21)), (64, 80));
    }

    #[test]
    fn a_histogram_counts_what_it_records() {
        let h = TimeHistogram::new();
        for ns in [-5, 0, 3, 4, 1_000_000, 1_000_001] {
            h.record(ns);
        }
        let mut out = [0; TIME_BUCKETS];
        h.read(&mut out);
        assert_eq!(out.iter().sum::<u64>(), 6);
        assert_eq!(out[0], 2);
        assert_eq!(out[bucket(1_000_000)], 2);
    }
}
