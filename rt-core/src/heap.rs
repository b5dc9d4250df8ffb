//! Memory: the entry points of Go's heap that never collect, and the
//! allocator of the runtime's own Rust code.
//!
//! Go's heap is the collected heap of [`crate::gc`]; the functions here
//! allocate from the runtime's instance (those that may collect first,
//! `rgo_alloc`, are the collector's, a floor up). Every allocation says where its
//! pointers are: by a type descriptor ([`go_alloc`]) or by having none
//! ([`go_alloc_noscan`]).
//!
//! The runtime's Rust code (caches, reflect's call layouts) frees what it
//! allocates, so [`RtAlloc`] keeps size classes (four per doubling) with free
//! lists (carved from the same kind of chunks) and gives big blocks their
//! own mappings.

use crate::gc;
use crate::os;
use core::alloc::{GlobalAlloc, Layout};
use core::ptr;
use core::sync::atomic::{AtomicIsize, AtomicPtr, AtomicUsize, Ordering};
use reflect::types::Type;

/// Bytes mapped at a time for the runtime's small blocks.
const CHUNK: usize = 4 << 20;
/// Where pages are only backed by memory once touched (`os::LAZY_PAGES`),
/// later chunks are bigger and backed by transparent huge pages, so
/// touching fresh memory costs one page fault per 2 MiB instead of per
/// 4 KiB; a large chunk costs address space, not RAM. Elsewhere (a board,
/// whose `mmap` hands RAM out at once) every chunk is [`CHUNK`].
const BIG_CHUNK: usize = 64 << 20;
pub use crate::gc::ZEROBASE;

/// Bytes mapped for the runtime's own Rust allocations ([`RtAlloc`]):
/// runtime/metrics' `/memory/classes/other`, `MemStats.OtherSys`.
static RT_MAPPED: AtomicUsize = AtomicUsize::new(0);

/// [`RT_MAPPED`]'s bytes.
pub fn runtime_bytes() -> usize {
    RT_MAPPED.load(Ordering::Relaxed)
}

/// A region being handed out front to back.
struct Bump {
    cur: usize,
    end: usize,
}

impl Bump {
    const fn new() -> Bump {
        Bump { cur: 0, end: 0 }
    }

    /// `size` bytes aligned to `align` (a power of two), mapping a new chunk
    /// when this one is used up. The rest of an old chunk is abandoned.
    fn take(&mut self, size: usize, align: usize) -> Option<*mut u8> {
        let start = self.cur.checked_add(align - 1)? & !(align - 1);
        if self.cur != 0 && start.checked_add(size)? <= self.end {
            self.cur = start + size;
            return Some(start as *mut u8);
        }
        debug_assert!(size <= CHUNK && align <= os::PAGE_SIZE);
        let len = if self.cur == 0 || !os::LAZY_PAGES { CHUNK } else { BIG_CHUNK };
        let chunk = os::mmap(len)? as usize;
        RT_MAPPED.fetch_add(len, Ordering::Relaxed);
        if len == BIG_CHUNK {
            // SAFETY: the whole fresh mapping; the advice changes no contents.
            unsafe { os::advise_huge_pages(chunk as *mut u8, len) };
        }
        self.cur = chunk + size;
        self.end = chunk + len;
        Some(chunk as *mut u8)
    }
}

/// The memory profile's sampler (installed by crate::profile once package
/// runtime registers `MemProfileRate`): the rate's address, the bytes
/// left before the next sampled allocation, and the function that records
/// one and gives the next distance.
static SAMPLE_RATE: AtomicPtr<isize> = AtomicPtr::new(ptr::addr_of!(NO_SAMPLING) as *mut isize);
/// The rate before package runtime registers its variable: none.
static NO_SAMPLING: isize = 0;
static SAMPLE_LEFT: AtomicIsize = AtomicIsize::new(0);
static SAMPLER: AtomicUsize = AtomicUsize::new(0);

/// Installs the memory profile's sampler: `rate` is read at each
/// allocation (Go code may change it at any time), the first sample comes
/// after `first` bytes, and `sample(p, rate)` records allocation `p` and
/// returns the distance to the next.
pub fn install_sampler(rate: *const isize, first: isize, sample: fn(*mut u8, isize) -> isize) {
    SAMPLE_LEFT.store(first, Ordering::Relaxed);
    SAMPLER.store(sample as usize, Ordering::Relaxed);
    SAMPLE_RATE.store(rate as *mut isize, Ordering::Release);
}

/// `p`, a new object of `size` bytes, counted towards the next sample (a
/// few instructions on every allocation: the rate is Go's variable, which
/// the program may change at any time).
#[inline(always)]
pub fn sampled(p: *mut u8, size: usize) -> *mut u8 {
    let rate = sample_rate();
    if rate > 0 {
        // An allocation the thread's cache declined for the profile is
        // the thread's sample (gc::cache).
        if gc::cache::take_sample_due(|| take_sample(p, size, rate).unwrap_or(rate)) {
            return p;
        }
        let left = SAMPLE_LEFT.load(Ordering::Relaxed) - size as isize;
        SAMPLE_LEFT.store(left, Ordering::Relaxed);
        if left <= 0 || rate == 1 {
            if let Some(next) = take_sample(p, size, rate) {
                SAMPLE_LEFT.store(next, Ordering::Relaxed);
            }
        }
    }
    p
}

/// The memory profile's rate now (0: none).
#[inline(always)]
pub fn sample_rate() -> isize {
    // SAFETY: package runtime's `MemProfileRate` once registered (for
    // good), a static zero before.
    unsafe { ptr::read_volatile(SAMPLE_RATE.load(Ordering::Relaxed)) }
}

/// Records `p` in the memory profile; the bytes to the next sample
/// (`None`: nothing recorded).
#[cold]
#[inline(never)]
fn take_sample(p: *mut u8, size: usize, rate: isize) -> Option<isize> {
    if size == 0 {
        return None;
    }
    let f = SAMPLER.load(Ordering::Relaxed);
    if f == 0 {
        return None;
    }
    // SAFETY: stored from a `fn(*mut u8, isize) -> isize` by `install_sampler`.
    let sample = unsafe { core::mem::transmute::<usize, fn(*mut u8, isize) -> isize>(f) };
    Some(sample(p, rate))
}

/// Zeroed memory (8-aligned, 16-aligned from 16 bytes up) for `size`
/// bytes of values of type `typ` (one, or an array of `size / typ.size`);
/// null or a type without pointers: pointer-free data. Never collects (see
/// [`crate::collector`] for where collections happen); runs out of memory
/// as Go does.
#[inline]
pub fn go_alloc(size: usize, typ: *const Type) -> *mut u8 {
    // SAFETY: callers pass a descriptor (immutable, 'static) or null.
    sampled(or_die(gc::with_heap(|h| h.alloc(size, unsafe { typ.as_ref() })).flatten()), size)
}

/// Zeroed memory for `typed` bytes of values of type `typ` (one, or an
/// array) followed by `plain` pointer-free bytes, in one object.
#[inline]
pub fn go_alloc_typed_then_plain(typed: usize, typ: &Type, plain: usize) -> *mut u8 {
    sampled(or_die(gc::with_heap(|h| h.alloc_typed_then_plain(typed, typ, plain)).flatten()), typed + plain)
}

/// Zeroed memory for `size` bytes holding no pointers.
#[inline]
pub fn go_alloc_noscan(size: usize) -> *mut u8 {
    sampled(or_die(gc::with_heap(|h| h.alloc_noscan(size)).flatten()), size)
}

/// Zeroed memory the program keeps to its end and the collector never
/// frees nor scans (itabs, which interface values point at through a word
/// the collector does not follow). From the runtime's own allocator.
pub fn persistent_alloc(size: usize) -> *mut u8 {
    let layout = Layout::from_size_align(size.max(1), 16).unwrap_or_else(|_| crate::fatal::fatal("out of memory"));
    // SAFETY: a non-zero size.
    let p = unsafe { RtAlloc.alloc(layout) };
    if p.is_null() {
        crate::fatal::fatal("out of memory");
    }
    // SAFETY: a fresh block of `size` bytes.
    unsafe { p.write_bytes(0, size) };
    p
}

fn or_die(p: Option<*mut u8>) -> *mut u8 {
    match p {
        Some(p) => p,
        None => crate::fatal::fatal("out of memory"),
    }
}

/// Smallest size class of [`RtAlloc`], and the alignment of every block
/// of a class that is not a power of two.
const MIN_CLASS: usize = 16;
/// Classes up to this size are the multiples of [`MIN_CLASS`].
const FINE_MAX: usize = 128;
/// Above [`FINE_MAX`], each doubling is split in this many classes, so a
/// block wastes at most a fifth of itself: the goroutine record (272
/// bytes) takes 320, not the 512 of a power of two, and 100,000 parked
/// goroutines save 19 MB.
const STEPS: usize = 4;
const MAX_CLASS: usize = 4096;
/// 16, 32, ..., 128, then 160, 192, 224, 256, 320, ..., 4096.
const CLASSES: usize = FINE_MAX / MIN_CLASS + STEPS * (MAX_CLASS / FINE_MAX).trailing_zeros() as usize;

struct Classes {
    /// Heads of singly linked lists of free blocks, threaded through the
    /// blocks' first word.
    free: [usize; CLASSES],
    bump: Bump,
}

static RUST_HEAP: spin::Mutex<Classes> = spin::Mutex::new(Classes { free: [0; CLASSES], bump: Bump::new() });

/// The class index and block size for `layout`, or `None` for big blocks.
///
/// Blocks of a power-of-two class are aligned to their size, the others to
/// [`MIN_CLASS`]; a layout aligned above that therefore takes a
/// power-of-two class (a freed block serves any later request of its
/// class, so the rule must hold for every block of it).
fn class_of(layout: Layout) -> Option<(usize, usize)> {
    let mut size = layout.size().max(MIN_CLASS);
    if layout.align() > MIN_CLASS {
        size = size.max(layout.align()).next_power_of_two();
    }
    if size > MAX_CLASS {
        return None;
    }
    if size <= FINE_MAX {
        let index = size.div_ceil(MIN_CLASS) - 1;
        return Some((index, (index + 1) * MIN_CLASS));
    }
    // 2^k < size <= 2^(k+1): the doubling above 2^k, in STEPS steps.
    let k = (usize::BITS - 1 - (size - 1).leading_zeros()) as usize;
    let step = (1usize << k) / STEPS;
    let n = (size - 1 - (1 << k)) / step;
    let doubling = k - FINE_MAX.trailing_zeros() as usize;
    Some((FINE_MAX / MIN_CLASS + doubling * STEPS + n, (1 << k) + (n + 1) * step))
}

/// The alignment of every block of a class of `size` bytes.
fn class_align(size: usize) -> usize {
    if size.is_power_of_two() {
        size
    } else {
        MIN_CLASS
    }
}

fn page_round(size: usize) -> Option<usize> {
    Some(size.checked_add(os::PAGE_SIZE - 1)? & !(os::PAGE_SIZE - 1))
}

/// The allocator for the runtime's Rust code (installed as the global
/// allocator by the `rgo-rt` static library). Single blocks of up to 4 KiB
/// come from size-class free lists, bigger ones are mappings of their own;
/// alignments above a page are refused (null), which the contract allows.
/// Running out of memory ends the program with Go's `fatal error: out of
/// memory`.
pub struct RtAlloc;

// SAFETY: blocks come from private mappings or free lists guarded by a lock;
// a block is on a free list only after `dealloc`, so no block is handed out
// twice; each is at least `layout.size()` bytes and aligned as its class's
// blocks are (`class_align`), which `class_of` makes at least
// `layout.align()`.
unsafe impl GlobalAlloc for RtAlloc {
    /// # Safety
    /// As for [`GlobalAlloc::alloc`]: `layout` has a non-zero size.
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match class_of(layout) {
            Some((class, size)) => {
                let mut heap = RUST_HEAP.lock();
                let head = heap.free[class];
                if head != 0 {
                    // SAFETY: `head` is a free block of this class; its first
                    // word holds the next free block.
                    heap.free[class] = unsafe { *(head as *const usize) };
                    return head as *mut u8;
                }
                let got = heap.bump.take(size, class_align(size));
                drop(heap);
                or_die(got)
            }
            None if layout.align() > os::PAGE_SIZE => ptr::null_mut(),
            // Out of memory is Go's fatal error, not Rust's allocation
            // failure (a panic inside the runtime).
            None => or_die(page_round(layout.size()).and_then(|len| {
                let p = os::mmap(len)?;
                RT_MAPPED.fetch_add(len, Ordering::Relaxed);
                Some(p)
            })),
        }
    }

    /// # Safety
    /// As for [`GlobalAlloc::dealloc`]: `p` came from `alloc` with `layout`.
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        match class_of(layout) {
            Some((class, _)) => {
                let mut heap = RUST_HEAP.lock();
                // SAFETY: `p` is a block of this class no longer in use and
                // at least a word long and word aligned.
                unsafe { *(p as *mut usize) = heap.free[class] };
                heap.free[class] = p as usize;
            }
            None => {
                if let Some(len) = page_round(layout.size()) {
                    // SAFETY: big blocks are whole mappings of this length.
                    unsafe { os::munmap(p, len) };
                    RT_MAPPED.fetch_sub(len, Ordering::Relaxed);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_allocations_are_zeroed_aligned_and_distinct() {
        let a = go_alloc(32, core::ptr::null());
        let b = go_alloc(8, &reflect::types::UNSAFE_POINTER);
        let c = go_alloc_noscan(256 << 10);
        assert_eq!(a as usize % 16, 0);
        assert_eq!(b as usize % 8, 0);
        assert_eq!(c as usize % os::PAGE_SIZE, 0);
        assert_ne!(a, b);
        // SAFETY: each block is as long as asked for.
        unsafe {
            assert!(core::slice::from_raw_parts(a, 32).iter().all(|&x| x == 0));
            assert!(core::slice::from_raw_parts(c, 256 << 10).iter().all(|&x| x == 0));
            a.write_bytes(0xff, 32);
            b.write_bytes(0xee, 8);
            assert!(core::slice::from_raw_parts(a, 32).iter().all(|&x| x == 0xff));
        }
        assert_eq!(go_alloc(0, core::ptr::null()), ptr::addr_of!(ZEROBASE) as *mut u8);
    }

    #[test]
    fn rust_blocks_are_reused_after_free() {
        let a = RtAlloc;
        let l = Layout::from_size_align(40, 8).unwrap();
        // SAFETY: layouts are non-zero; blocks are freed with their layout.
        unsafe {
            let p = a.alloc(l);
            assert!(!p.is_null());
            assert_eq!(p as usize % 16, 0);
            p.write_bytes(1, 40);
            a.dealloc(p, l);
            let big = Layout::from_size_align(100_000, 64).unwrap();
            let q = a.alloc(big);
            assert!(!q.is_null());
            q.write_bytes(2, 100_000);
            a.dealloc(q, big);
            assert!(a.alloc(Layout::from_size_align(8192, 8192).unwrap()).is_null());
        }
    }

    #[test]
    fn rust_size_classes_fit_and_align() {
        let mut last = (0, 0);
        for size in 1..=MAX_CLASS {
            let (class, block) = class_of(Layout::from_size_align(size, 1).unwrap()).unwrap();
            assert!(class < CLASSES && block >= size, "{size} -> class {class} of {block}");
            // Small waste: at most a fifth above 128 bytes, 15 bytes below.
            assert!(block - size.max(MIN_CLASS) < (block / 5).max(MIN_CLASS), "{size} -> {block}");
            // Classes grow with the size, one index per block size.
            assert!(class == last.0 && block == last.1 || class == last.0 + 1 && block > last.1 || size == 1);
            last = (class, block);
        }
        assert_eq!(last, (CLASSES - 1, MAX_CLASS));
        for align in [32, 64, 256, 4096] {
            for size in [1, 24, 200, 300, 4000] {
                let (class, block) = class_of(Layout::from_size_align(size, align).unwrap()).unwrap();
                assert!(block.is_power_of_two() && block >= align && block >= size);
                assert_eq!(class_of(Layout::from_size_align(block, 1).unwrap()), Some((class, block)));
            }
        }
        assert_eq!(class_of(Layout::from_size_align(272, 8).unwrap()).unwrap().1, 320);
        assert!(class_of(Layout::from_size_align(MAX_CLASS + 1, 8).unwrap()).is_none());
    }
}
