//! Growable goroutine stacks: segmented stacks (docs/stacks.md has the
//! design, the diagrams and why segments rather than copying).
//!
//! A goroutine's stack is a chain of segments. Compiled prologues compare
//! their lowest stack address with `g.stackguard`; when a frame does not
//! fit they call `rgo_morestack` (`rt-arch/asm/runtime/<arch>.S`), which switches to the
//! system stack and calls [`rgo_morestack_rs`]: that picks the next segment
//! (the cached one if it is big enough, else a new mapping), copies the
//! function's incoming argument area to the top of it, and puts
//! `rgo_lessstack` where the function will find its return address. When
//! the function returns, `rgo_lessstack` calls [`rgo_lessstack_rs`], which
//! copies the argument area (results included) back and makes the previous
//! segment current again; the segment just left stays cached for the next
//! call that needs it.
//!
//! Every segment is one anonymous mapping:
//!
//! ```text
//!   base + PAGE + size  +------------------------------+
//!                       | Segment record (RECORD bytes)|
//!   hi                  +------------------------------+
//!                       | frames ...                   |
//!                       |                              |
//!   lo + GUARD          +------------------------------+ <- g.stackguard
//!                       | RGO_STACK_GUARD bytes for    |
//!                       | leaf functions without check |
//!   lo = base + PAGE    +------------------------------+
//!                       | guard page (PROT_NONE)       |
//!   base                +------------------------------+
//! ```

use crate::fatal::fatal;
pub use crate::g::Segment;
use crate::g::G;
use crate::print::{fmt_hex, fmt_uint, Sink};
use crate::{arch, os};
use core::ptr;
use core::sync::atomic::{AtomicUsize, Ordering};
use rt_arch::{RGO_FIXED_FRAME_SIZE, RGO_STACK_GUARD, RGO_STACK_MAX, RGO_STACK_MIN};

/// Bytes kept free at the bottom of every segment for leaf functions that
/// do not check (`RGO_STACK_GUARD`).
pub const GUARD: usize = RGO_STACK_GUARD as usize;
/// Size of the first segment, the smallest size there is.
pub const MIN_SIZE: usize = RGO_STACK_MIN as usize;
/// Go's limit on a goroutine's stack (`maxstacksize` on 64-bit systems):
/// the sum of the segments in use may not exceed it.
pub const MAX_TOTAL: usize = RGO_STACK_MAX as usize;
/// The limit in force: 0 for the default (Go's [`MAX_TOTAL`], or less
/// where the OS layer says memory is scarcer: a board), until
/// `debug.SetMaxStack` changes it.
static MAX_STACK: core::sync::atomic::AtomicUsize = core::sync::atomic::AtomicUsize::new(0);

fn max_stack() -> usize {
    match MAX_STACK.load(core::sync::atomic::Ordering::Relaxed) {
        0 => os::max_stack().min(MAX_TOTAL),
        n => n,
    }
}

/// `debug.SetMaxStack(n)`: the limit on any one goroutine's stack from now
/// on (a stack already past it fails at its next growth); the previous
/// limit.
#[no_mangle]
pub extern "C" fn rgo_set_max_stack(n: i64) -> i64 {
    // 0 would read as "the default": a limit of 0 bytes fails alike at 1.
    let n = n.clamp(1, isize::MAX as i64) as usize;
    let old = max_stack();
    MAX_STACK.store(n, core::sync::atomic::Ordering::Relaxed);
    old as i64
}
/// Bytes at the top of each segment holding its [`Segment`] record.
pub const RECORD: usize = 128;
/// Room a morestack-entered segment needs above the copied argument area:
/// the `rgo_lessstack` word and alignment padding.
const ENTRY: usize = 32;
/// Segments left behind stay mapped for reuse while the cached chain
/// beyond the active ones stays this small; bigger ones are unmapped when
/// the stack shrinks past them.
pub const CACHE_KEEP: usize = 64 << 10;

const _: () = assert!(core::mem::size_of::<Segment>() <= RECORD);
const _: () = assert!(MIN_SIZE.is_power_of_two() && MIN_SIZE >= 4 * RECORD);

/// Bytes of mapping (above the guard page) a segment must have so a
/// function needing `need` bytes below its entry stack pointer, with an
/// argument area of `args` bytes copied to the top, passes its stack check
/// there. `None` when that overflows a word.
pub fn required_size(need: usize, args: usize) -> Option<usize> {
    need.checked_add(args)?.checked_add(ENTRY + GUARD + RECORD)
}

/// The size of a new segment entered from one of `current` bytes: twice
/// the current (geometric growth: few segments however deep the stack,
/// and a function at a segment boundary meets the next boundary only
/// after twice as much stack), and a power of two at least as big as the
/// frame needs.
pub fn next_size(current: usize, need: usize, args: usize) -> Option<usize> {
    let required = required_size(need, args)?.checked_next_power_of_two()?;
    Some(current.checked_mul(2)?.max(required).max(MIN_SIZE))
}

impl Segment {
    /// Maps a segment of `size` bytes (a power of two) plus its guard page.
    fn map(size: usize) -> Option<*mut Segment> {
        let len = size.checked_add(os::PAGE_SIZE)?;
        let spare = SPARE.lock().take(size);
        let base = match spare {
            Some(base) => base,
            None => Self::map_new(len)?,
        };
        let lo = base + os::PAGE_SIZE;
        let hi = lo + size - RECORD;
        let seg = hi as *mut Segment;
        // SAFETY: the record's bytes lie inside the mapping, aligned; the
        // mapping is ours (fresh, or a spare one nobody uses).
        unsafe {
            seg.write(Segment {
                lo,
                hi,
                size,
                total: size,
                prev: ptr::null_mut(),
                next: ptr::null_mut(),
                entry_sp: 0,
                ret: 0,
                args: 0,
                base,
            })
        };
        Some(seg)
    }

    /// A new mapping of `len` bytes whose first page is the guard page;
    /// its base.
    fn map_new(len: usize) -> Option<usize> {
        let base = os::mmap(len)?;
        // SAFETY: the first page of a fresh mapping is ours; nothing uses it.
        // Without the guard a frame that skipped its check would silently
        // run into whatever lies below, so refuse the segment instead
        // (where the OS has guard pages: a board has no MMU protection, and
        // only the prologue checks and the RGO_STACK_GUARD room stand).
        if os::GUARD_PAGES && !unsafe { os::protect_none(base, os::PAGE_SIZE) } {
            // SAFETY: the mapping was just made and is not used.
            unsafe { os::munmap(base, len) };
            return None;
        }
        MAPPED.fetch_add(len, Ordering::Relaxed);
        Some(base as usize)
    }

    /// Gives up `seg` and every segment cached after it: unmapped, or kept
    /// mapped for reuse ([`SPARE`]).
    ///
    /// # Safety
    /// Nothing may use these segments any more (they are not in use by the
    /// goroutine: newer than its current segment).
    unsafe fn free_chain(mut seg: *mut Segment) {
        while !seg.is_null() {
            // SAFETY: the caller gives the chain up; read before unmapping.
            let (next, base, size, lo) = unsafe { ((*seg).next, (*seg).base, (*seg).size, (*seg).lo) };
            if base == 0 {
                // A first segment from the pool.
                POOL.lock().put(lo);
            } else if !SPARE.lock().put(base, size) {
                // SAFETY: the whole mapping of an unused segment.
                unsafe { os::munmap(base as *mut u8, size + os::PAGE_SIZE) };
                MAPPED.fetch_sub(size + os::PAGE_SIZE, Ordering::Relaxed);
            }
            seg = next;
        }
    }
}

/// Makes `seg` the goroutine's current segment.
///
/// # Safety
/// `g` and `seg` must be valid; the goroutine must really be running on
/// (or about to run on) `seg`.
pub unsafe fn enter(g: *mut G, seg: *mut Segment) {
    // SAFETY: the caller vouches for both.
    unsafe {
        (*g).segment = seg;
        (*g).stack_lo = (*seg).lo;
        (*g).stack_hi = (*seg).hi;
        (*g).stackguard = (*seg).lo + GUARD;
    }
}

/// Whether `addr` lies in a segment goroutine `g` is using: its current
/// one or one below it (a frame's memory, which its frame outlives).
///
/// # Safety
/// `g` must be valid, and its segments not change meanwhile (it is the
/// running goroutine, or stopped).
pub unsafe fn in_use(g: *mut G, addr: usize) -> bool {
    // SAFETY: the caller vouches for `g`; its segments link down to null.
    let mut seg = unsafe { (*g).segment };
    while !seg.is_null() {
        // SAFETY: a segment of `g`'s chain.
        let (lo, hi, prev) = unsafe { ((*seg).lo, (*seg).hi, (*seg).prev) };
        if (lo..hi).contains(&addr) {
            return true;
        }
        seg = prev;
    }
    false
}

/// Gives a fresh goroutine its first segment ([`MIN_SIZE`] bytes) and
/// sets `go_sp` to its top, where the goroutine's first function is called.
///
/// # Safety
/// `g` must be valid and have no stack yet.
pub unsafe fn init_goroutine(g: *mut G) {
    let Some(seg) = Segment::map(MIN_SIZE) else { fatal("out of memory allocating the goroutine stack") };
    // SAFETY: a fresh segment for the caller's goroutine.
    unsafe {
        enter(g, seg);
        (*g).go_sp = (*seg).hi;
    }
}

/// Size of the first segment of a goroutine started by `go` (gc's
/// `_StackMin`, 2 KiB), carved from [`POOL`]'s chunks: no mapping and no
/// guard page of its own, so 100,000 goroutines cost 100,000 blocks of a
/// few big mappings (Linux limits a process to 65,530 mappings). Frames
/// never run past `stackguard` without checking, and the guard area
/// (`RGO_STACK_GUARD`) covers the leaf functions that do not check.
pub const GOROUTINE_SIZE: usize = 2048;
const _: () = assert!(GOROUTINE_SIZE >= 4 * RECORD && GOROUTINE_SIZE.is_power_of_two());
/// Bytes mapped at a time for first segments.
const POOL_CHUNK: usize = 1 << 20;

/// Free first segments (a list threaded through their first word) and the
/// rest of the chunk being carved; `idle`, the bytes of both.
struct Pool {
    free: usize,
    cur: usize,
    end: usize,
    idle: usize,
}

impl Pool {
    fn get(&mut self) -> Option<usize> {
        if self.free != 0 {
            let b = self.free;
            // SAFETY: free blocks hold the next free block in their first word.
            self.free = unsafe { *(b as *const usize) };
            self.idle -= GOROUTINE_SIZE;
            return Some(b);
        }
        if self.cur == self.end {
            let chunk = os::mmap(POOL_CHUNK)? as usize;
            MAPPED.fetch_add(POOL_CHUNK, Ordering::Relaxed);
            self.idle += POOL_CHUNK;
            self.cur = chunk;
            self.end = chunk + POOL_CHUNK;
        }
        let b = self.cur;
        self.cur += GOROUTINE_SIZE;
        self.idle -= GOROUTINE_SIZE;
        Some(b)
    }

    fn put(&mut self, b: usize) {
        // SAFETY: the block is unused and ours again.
        unsafe { *(b as *mut usize) = self.free };
        self.free = b;
        self.idle += GOROUTINE_SIZE;
    }
}

static POOL: spin::Mutex<Pool> = spin::Mutex::new(Pool { free: 0, cur: 0, end: 0, idle: 0 });

/// Segments given up (a dead goroutine's, or beyond what a stack's cache
/// keeps) left mapped, guard page and all, for the next segment of their
/// size, while they add up to at most [`SPARE_KEEP`] bytes (Linux only).
/// A short-lived goroutine whose stack grows past its first segment
/// (net/http's background read, started for each request) otherwise maps
/// a segment and unmaps it each time, and with several threads each
/// unmapping interrupts the other cores to flush their TLBs (5 % of a
/// loaded HTTP server's samples with two processors).
struct Spare {
    /// Per size, [`MIN_SIZE`] shifted left by the index: the mappings'
    /// bases, a list threaded through the first word above the guard page.
    free: [usize; SPARE_SIZES],
    /// Bytes mapped for them, guard pages included.
    bytes: usize,
}

/// Sizes kept: 8 KiB to 1 MiB.
const SPARE_SIZES: usize = 8;
/// Bytes of spare segments kept at most.
const SPARE_KEEP: usize = 4 << 20;

impl Spare {
    /// The list for segments of `size` bytes, if it has one.
    fn index(size: usize) -> Option<usize> {
        if !os::THREADS || !size.is_power_of_two() || size < MIN_SIZE {
            return None;
        }
        let i = (size / MIN_SIZE).trailing_zeros() as usize;
        (i < SPARE_SIZES).then_some(i)
    }

    /// A spare mapping for a segment of `size` bytes: its base.
    fn take(&mut self, size: usize) -> Option<usize> {
        let i = Self::index(size)?;
        let base = self.free[i];
        if base == 0 {
            return None;
        }
        // SAFETY: a spare mapping holds the next one's base in its first
        // word above the guard page.
        self.free[i] = unsafe { *((base + os::PAGE_SIZE) as *const usize) };
        self.bytes -= size + os::PAGE_SIZE;
        Some(base)
    }

    /// Keeps the unused mapping at `base` of a segment of `size` bytes;
    /// false when it is not kept (then the caller unmaps it).
    fn put(&mut self, base: usize, size: usize) -> bool {
        let Some(i) = Self::index(size) else { return false };
        if self.bytes + size + os::PAGE_SIZE > SPARE_KEEP {
            return false;
        }
        // SAFETY: the mapping is unused and ours again; the word above its
        // guard page is writable.
        unsafe { *((base + os::PAGE_SIZE) as *mut usize) = self.free[i] };
        self.free[i] = base;
        self.bytes += size + os::PAGE_SIZE;
        true
    }
}

static SPARE: spin::Mutex<Spare> = spin::Mutex::new(Spare { free: [0; SPARE_SIZES], bytes: 0 });

/// Bytes mapped for goroutine stacks: segments with their guard pages
/// (spare ones too), and the pool's chunks.
static MAPPED: AtomicUsize = AtomicUsize::new(0);

/// Goroutine stack memory (`MemStats.StackInuse` and `StackSys`): the bytes
/// of segments goroutines hold (cached ones included, as gc counts its
/// stack spans; spare ones not), and every byte mapped for stacks.
pub fn usage() -> (usize, usize) {
    let mapped = MAPPED.load(Ordering::Relaxed);
    let idle = POOL.lock().idle + SPARE.lock().bytes;
    (mapped.saturating_sub(idle), mapped)
}

/// Gives a goroutine started by `go` its first segment, a
/// [`GOROUTINE_SIZE`] block of the pool, and sets `go_sp` to its top.
///
/// # Safety
/// `g` must be valid and have no stack yet.
pub unsafe fn init_pooled(g: *mut G) {
    let Some(lo) = POOL.lock().get() else { fatal("out of memory allocating the goroutine stack") };
    let hi = lo + GOROUTINE_SIZE - RECORD;
    let seg = hi as *mut Segment;
    // SAFETY: the block is ours; its record fits at the top, aligned.
    unsafe {
        seg.write(Segment {
            lo,
            hi,
            size: GOROUTINE_SIZE,
            total: GOROUTINE_SIZE,
            prev: ptr::null_mut(),
            next: ptr::null_mut(),
            entry_sp: 0,
            ret: 0,
            args: 0,
            base: 0,
        });
        enter(g, seg);
        (*g).go_sp = hi;
    }
}

/// A dead goroutine gives its stack back: every segment, the first one
/// included.
///
/// # Safety
/// Nothing may run on the goroutine's stack any more.
pub unsafe fn release(g: *mut G) {
    // SAFETY: as the caller promises; the chain is the goroutine's.
    unsafe {
        let mut first = (*g).segment;
        if first.is_null() {
            return;
        }
        while !(*first).prev.is_null() {
            first = (*first).prev;
        }
        Segment::free_chain(first);
        (*g).segment = ptr::null_mut();
        (*g).stack_lo = 0;
        (*g).stack_hi = 0;
        (*g).stackguard = 0;
    }
}

/// Trims the cache after the stack shrank back below `left` (the segment
/// just left, which stays cached): the segments cached beyond it are kept
/// while they add up to at most [`CACHE_KEEP`] bytes, the rest unmapped.
///
/// # Safety
/// `left` and every segment after it must be unused.
unsafe fn trim(left: *mut Segment) {
    let mut kept = 0usize;
    let mut s = left;
    // SAFETY: walking the unused cached chain the caller gave.
    unsafe {
        while !(*s).next.is_null() {
            let n = (*s).next;
            kept += (*n).size;
            if kept > CACHE_KEEP {
                (*s).next = ptr::null_mut();
                Segment::free_chain(n);
                return;
            }
            s = n;
        }
    }
}

/// The segment to enter from the current one for a frame of `need` bytes
/// with `args` bytes of arguments: the cached next segment when it is big
/// enough, else a new one (replacing a too-small cache). Checks the
/// goroutine's stack limit; `sp` is the stack pointer reported if it is
/// exceeded.
///
/// # Safety
/// `g` must be the running goroutine, with a current segment.
unsafe fn next_segment(g: *mut G, need: usize, args: usize, sp: usize) -> *mut Segment {
    // SAFETY: the caller vouches for `g`; its segments are ours.
    unsafe {
        let cur = (*g).segment;
        let Some(required) = required_size(need, args) else { overflow(g, sp) };
        let cached = (*cur).next;
        let seg = if !cached.is_null() && (*cached).size >= required {
            cached
        } else {
            let Some(size) = next_size((*cur).size, need, args) else { overflow(g, sp) };
            if (*cur).total.saturating_add(size) > max_stack() {
                overflow(g, sp);
            }
            if !cached.is_null() {
                Segment::free_chain(cached);
            }
            let Some(seg) = Segment::map(size) else { fatal("out of memory allocating a goroutine stack segment") };
            (*cur).next = seg;
            seg
        };
        (*seg).prev = cur;
        (*seg).total = (*cur).total + (*seg).size;
        if (*seg).total > max_stack() {
            overflow(g, sp);
        }
        seg
    }
}

/// Go's report when a goroutine's stack would pass the limit, then exit
/// status 2 (`runtime/stack.go`, `newstack`).
fn overflow(g: *const G, sp: usize) -> ! {
    // SAFETY: only read.
    let (lo, hi) = unsafe { ((*g).stack_lo, (*g).stack_hi) };
    crate::fatal::fatal_with("stack overflow", |o| {
        o.put(b"runtime: goroutine stack exceeds ");
        fmt_uint(o, max_stack() as u64);
        o.put(b"-byte limit\nruntime: sp=");
        fmt_hex(o, sp as u64);
        o.put(b" stack=[");
        fmt_hex(o, lo as u64);
        o.put(b", ");
        fmt_hex(o, hi as u64);
        o.put(b"]\n");
    })
}

/// A stack pointer and a code address: what `rgo_morestack` and
/// `rgo_lessstack` continue with (the two result registers of the C ABI).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpPc {
    pub sp: usize,
    pub pc: usize,
}

extern "C" {
    /// Where a function entered through `rgo_morestack` returns to
    /// (`rt-arch/asm/runtime/<arch>.S`; never called from Rust).
    fn rgo_lessstack();
}

/// The return address of every function entered through `rgo_morestack`
/// (the real one is in its segment's record, [`Segment::ret`]).
pub fn lessstack_pc() -> usize {
    rgo_lessstack as *const () as usize
}

/// Bytes between a function's entry stack pointer and its argument area:
/// the return address a call pushes ([`arch::CALL_PUSH`]) and the caller's
/// fixed frame word (`RGO_FIXED_FRAME_SIZE`); 8 on every architecture so
/// far.
const ARGS_ABOVE_ENTRY: usize = arch::CALL_PUSH + RGO_FIXED_FRAME_SIZE as usize;

/// Stack growth, the usual work of `rgo_morestack` (whose Rust half is
/// the scheduler's `rgo_morestack_rs`: a prologue's stack check also
/// catches its requests to yield). A function F found its frame does not
/// fit: `entry_sp` is its stack
/// pointer on entry (on the old segment), `ret` its return address,
/// `cont` where its prologue continues, `need` the bytes it needs below
/// its entry stack pointer, and `entry_sp + ARGS_ABOVE_ENTRY ..` its
/// incoming argument area of `args` bytes (stack arguments and results,
/// then the spill area, the register arguments already spilled). The
/// assembly gathers these from where the architecture keeps them (amd64:
/// the continuation and F's return address on the stack; arm64 and
/// riscv64: in registers).
///
/// Picks the next segment, copies the argument area to its top, and
/// returns the stack pointer F continues with there ([`arch::morestack_entry`]
/// lays it out: F's return address is `rgo_lessstack` from now on) and
/// `cont`. Also moves the argument pointer of a panic's running deferred
/// call (see `rgo_gorecover`) when it was F's old one.
///
/// # Safety
/// Only `rgo_morestack`'s Rust half calls this, with `g` the running
/// goroutine and the argument area as described.
pub unsafe fn grow(g: *mut G, entry_sp: usize, ret: usize, cont: usize, need: usize, args: usize) -> SpPc {
    // SAFETY: the argument area lies on the old segment above `entry_sp`;
    // the new segment is fresh or cached, unused above its guard.
    unsafe {
        let seg = next_segment(g, need, args, entry_sp);
        (*seg).entry_sp = entry_sp;
        (*seg).ret = ret;
        (*seg).args = args;
        let new_sp = arch::morestack_entry((*seg).hi, args, rgo_lessstack as *const () as usize);
        debug_assert!(new_sp - need >= (*seg).lo + GUARD);
        ptr::copy_nonoverlapping(
            (entry_sp + ARGS_ABOVE_ENTRY) as *const u8,
            (new_sp + ARGS_ABOVE_ENTRY) as *mut u8,
            args,
        );
        crate::g::move_argp(g, entry_sp + arch::CALL_PUSH, new_sp + arch::CALL_PUSH);
        enter(g, seg);
        SpPc { sp: new_sp, pc: cont }
    }
}

/// The Rust half of `rgo_lessstack`, on the system stack: the function
/// entered through morestack has returned, and `args_at` points at its
/// argument area (results included) on the dying segment. Copies that area
/// back to the older segment, makes it current, and returns where the
/// function's caller continues: the stack pointer a normal return would
/// have left, and the original return address.
///
/// # Safety
/// Only `rgo_lessstack` calls this, with `g` the running goroutine.
#[no_mangle]
pub unsafe extern "C" fn rgo_lessstack_rs(g: *mut G, args_at: usize) -> SpPc {
    // SAFETY: the current segment was entered by morestack (lessstack is
    // only ever a return address morestack planted), so its record says
    // where the argument area came from; both areas are mapped.
    unsafe {
        let seg = (*g).segment;
        let prev = (*seg).prev;
        if prev.is_null() || (*seg).entry_sp == 0 {
            fatal("rgo_lessstack on a segment morestack did not enter");
        }
        let entry_sp = (*seg).entry_sp;
        ptr::copy_nonoverlapping(args_at as *const u8, (entry_sp + ARGS_ABOVE_ENTRY) as *mut u8, (*seg).args);
        enter(g, prev);
        trim(seg);
        SpPc { sp: entry_sp + arch::CALL_PUSH, pc: (*seg).ret }
    }
}

/// Enters a new segment for Go code the runtime is about to call when the
/// current one lacks `need` bytes above its guard (or the runtime is
/// running on it). Returns the segment; [`leave_call_segment`] undoes it.
///
/// # Safety
/// `g` must be the running goroutine.
pub unsafe fn enter_call_segment(g: *mut G, need: usize) -> *mut Segment {
    // SAFETY: as for `next_segment`.
    unsafe {
        let seg = next_segment(g, need, 0, (*g).go_sp);
        (*seg).entry_sp = 0;
        (*seg).ret = 0;
        (*seg).args = 0;
        enter(g, seg);
        seg
    }
}

/// Makes the segment older than `seg` current again after the Go code
/// called on `seg` returned.
///
/// # Safety
/// `seg` must be the goroutine's current segment, entered by
/// [`enter_call_segment`], and nothing may run on it any more.
pub unsafe fn leave_call_segment(g: *mut G, seg: *mut Segment) {
    // SAFETY: as the caller promises.
    unsafe {
        debug_assert!((*g).segment == seg);
        enter(g, (*seg).prev);
        trim(seg);
    }
}

/// Makes `seg` (holding the frame a recovered panic resumes in) current
/// again; the newer segments become the cache.
///
/// # Safety
/// `seg` must be one of the goroutine's segments in use, and nothing may
/// run on the newer ones any more.
pub unsafe fn unwind_to(g: *mut G, seg: *mut Segment) {
    // SAFETY: as the caller promises.
    unsafe {
        enter(g, seg);
        if !(*seg).next.is_null() {
            trim((*seg).next);
        }
    }
}

/// Whether `addr` lies in the guard page below the segment `[lo, hi)`.
pub fn in_guard_page(lo: usize, addr: usize) -> bool {
    lo != 0 && addr < lo && addr >= lo - os::PAGE_SIZE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_grow_geometrically_from_the_minimum() {
        // A small frame: doubling.
        assert_eq!(next_size(MIN_SIZE, 200, 16), Some(2 * MIN_SIZE));
        assert_eq!(next_size(64 << 10, 200, 16), Some(128 << 10));
        // A frame bigger than twice the current segment gets a power of two
        // that holds it with its arguments, guard and record.
        let big = next_size(MIN_SIZE, 100_000, 4096).unwrap();
        assert_eq!(big, 128 << 10);
        assert!(big >= required_size(100_000, 4096).unwrap());
        // Exactly at a power of two.
        let need = (32 << 10) - (ENTRY + GUARD + RECORD);
        assert_eq!(next_size(MIN_SIZE, need, 0), Some(32 << 10));
        assert_eq!(next_size(MIN_SIZE, need + 1, 0), Some(64 << 10));
        // Overflowing sizes are refused, not wrapped.
        assert_eq!(next_size(MIN_SIZE, usize::MAX - 8, 16), None);
        assert_eq!(next_size(usize::MAX / 2 + 1, 16, 0), None);
    }

    #[test]
    fn the_limit_is_reached_where_go_reaches_it() {
        // Doubling from 8 KiB, the segments in use add up to 8 KiB * (2^n - 1):
        // the 16th fits (about 512 MiB in all), the 17th would pass 1e9, as
        // Go's copying stack fails growing from 512 MiB to 1 GiB.
        let mut total = 0usize;
        let mut size = MIN_SIZE;
        let mut n = 0;
        while total + size <= MAX_TOTAL {
            total += size;
            size = next_size(size, 128, 0).unwrap();
            n += 1;
        }
        assert_eq!(n, 16);
        assert_eq!(total, MIN_SIZE * ((1 << 16) - 1));
    }

    #[test]
    fn segments_are_mapped_with_a_guard_page_and_cached() {
        let g = crate::g::current_g();
        // SAFETY: the test thread's goroutine; its segments are only used
        // by this test (nothing runs on them).
        unsafe {
            let first = (*g).segment;
            assert_eq!((*first).size, MIN_SIZE);
            assert_eq!((*first).hi - (*first).lo, MIN_SIZE - RECORD);
            assert_eq!((*g).stackguard, (*first).lo + GUARD);
            assert!(in_guard_page((*g).stack_lo, (*first).lo - 1));
            assert!(in_guard_page((*g).stack_lo, (*first).lo - os::PAGE_SIZE));
            assert!(!in_guard_page((*g).stack_lo, (*first).lo));
            assert!(!in_guard_page((*g).stack_lo, (*first).lo - os::PAGE_SIZE - 1));

            let a = enter_call_segment(g, 100);
            assert_eq!((*a).size, 2 * MIN_SIZE);
            assert_eq!((*a).total, 3 * MIN_SIZE);
            assert_eq!((*g).segment, a);
            assert_eq!((*g).stack_hi, (*a).hi);
            // Writable from lo to hi.
            ptr::write_bytes((*a).lo as *mut u8, 0xAA, (*a).hi - (*a).lo);
            leave_call_segment(g, a);
            assert_eq!((*g).segment, first);
            // Cached and reused.
            assert_eq!((*first).next, a);
            let b = enter_call_segment(g, 100);
            assert_eq!(a, b);
            // A bigger need replaces the cache.
            leave_call_segment(g, b);
            let c = enter_call_segment(g, 1 << 20);
            assert!((*c).size >= required_size(1 << 20, 0).unwrap());
            assert_eq!((*first).next, c);
            // Nested: a second level, then unwinding both at once keeps the
            // small one cached and drops the big tail.
            let d = enter_call_segment(g, 100);
            assert_eq!((*d).prev, c);
            assert_eq!((*d).size, 2 * (*c).size);
            unwind_to(g, first);
            assert_eq!((*g).segment, first);
            assert_eq!((*first).next, c);
            assert!((*c).next.is_null(), "the big segment beyond the cache is unmapped");
        }
    }
}
