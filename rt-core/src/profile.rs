//! Profiles, kept as gc's runtime keeps them for runtime/pprof
//! (`runtime/mprof.go`, `runtime/cpuprof.go`), and the goroutine labels
//! they carry:
//!
//! - **Memory**: one allocation in about `runtime.MemProfileRate` bytes is
//!   sampled (a random distance with that mean after each sample, drawn
//!   from an exponential distribution as gc's; every allocation at rate 1):
//!   its stack and size go into a bucket, and the object onto a list the
//!   collector looks through after marking, counting the unmarked ones as
//!   freed. A collection publishes what happened since the one before, so
//!   `runtime.MemProfile` reports the heap as of the last collection, as
//!   gc's does (before any, everything sampled so far).
//! - **Block and mutex**: a goroutine parked on a channel, in select, on a
//!   semaphore or in `sync.Cond.Wait` notes when it parked; woken, it
//!   records the wait in the block profile (sampled by
//!   `SetBlockProfileRate`'s rate in nanoseconds, as gc's `blocksampled`).
//!   A mutex waiter's wait is recorded by the goroutine that releases the
//!   mutex, with its stack (`SetMutexProfileFraction`: one event in
//!   `rate` on average). Cycles are nanoseconds:
//!   `runtime/pprof.runtime_cyclesPerSecond` is 1e9.
//! - **CPU**: the scheduler's CPU-time tick (SIGPROF, or a board's timer)
//!   runs at the profile's rate while one is taken, and each tick asks the
//!   running goroutine to yield at its next safepoint (a prologue's stack
//!   check or a loop's poll), as for preemption; there the goroutine's
//!   stack is walked as the collector walks it, and the ticks since the last
//!   sample are recorded with it and its labels. Taking samples at
//!   safepoints, not in the signal handler, means no stack is ever walked
//!   half-built; the cost is that a sample names the function that reached
//!   the next safepoint (within a few instructions of a call or a loop's
//!   back edge), and time in the runtime counts for the goroutine that
//!   called it. The records are laid out as gc's profile buffer gives them
//!   to runtime/pprof's `readProfile`: a header `[3, 0, hz]`, then per sample
//!   `[3 + depth, time, count, pcs...]` with one tag (the labels) each.
//!
//! Floor: scheduling (it walks goroutines' stacks; the scheduler and the
//! collector call it; the heap's allocation entry points reach it through
//! the sampler it installs).

use crate::g::{current_g, Status, G};
use crate::gc::{self, Marker};
use crate::print::Sink;
use crate::{collector, heap, os, sched, traceback};
use alloc::collections::BTreeMap;
use alloc::vec::Vec;
use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, AtomicUsize, Ordering};

/// Frames a profile record keeps: `runtime.StackRecord`'s `Stack0`.
pub const RECORD_FRAMES: usize = 32;
/// Frames a CPU sample keeps (gc's `maxCPUProfStack`).
const CPU_FRAMES: usize = 64;
/// Words the CPU profile holds before runtime/pprof reads them; samples
/// past it are counted as lost (an overflow record, as gc's).
const CPU_WORDS: usize = 1 << 16;

/// The profiles' state. Only the thread holding the processor touches it
/// (allocation, the collector, the scheduler's safepoints and the profile
/// entry points all run there), never a signal handler.
struct Profiles {
    mem: Vec<MemBucket>,
    mem_index: BTreeMap<(usize, [usize; RECORD_FRAMES]), usize>,
    /// Sampled objects not yet found unreachable: address, bucket.
    sampled: Vec<(usize, usize)>,
    block: Events,
    mutex: Events,
    cpu: CpuLog,
    rand: u64,
}

struct Cell(UnsafeCell<Profiles>);
// SAFETY: see `Profiles`.
unsafe impl Sync for Cell {}

static PROFILES: Cell = Cell(UnsafeCell::new(Profiles {
    mem: Vec::new(),
    mem_index: BTreeMap::new(),
    sampled: Vec::new(),
    block: Events::new(),
    mutex: Events::new(),
    cpu: CpuLog::new(),
    rand: 0,
}));

fn profiles() -> &'static mut Profiles {
    // SAFETY: one thread (see `Profiles`); no caller keeps the reference
    // across a call that takes it again.
    unsafe { &mut *PROFILES.0.get() }
}

impl Profiles {
    /// A pseudo-random 64-bit number (wyrand, seeded from the OS).
    fn next_random(&mut self) -> u64 {
        if self.rand == 0 {
            self.rand = os::random_u64().unwrap_or(0x9e37_79b9_7f4a_7c15) | 1;
        }
        self.rand = self.rand.wrapping_add(0xa076_1d64_78bd_642f);
        let m = (self.rand as u128).wrapping_mul((self.rand ^ 0xe703_7ed1_a0b4_28db) as u128);
        (m >> 64) as u64 ^ m as u64
    }
}

/// The code addresses of `g`'s frames, innermost first (return addresses,
/// as `runtime.Callers` gives them), into `out`: `leaf` first when not 0,
/// and with `from_caller` the leading frames of package runtime's own Go
/// code left out (the wrappers through which library code reaches here:
/// gc's records start at the caller of the runtime's entry too), then
/// `skip` more. The number stored.
///
/// # Safety
/// `g` is the running goroutine standing in a runtime call, or a parked one.
unsafe fn stack_of(g: *mut G, leaf: usize, from_caller: bool, out: &mut [usize]) -> usize {
    // SAFETY: as the caller promises.
    unsafe { stack_skipping(g, leaf, from_caller, 0, out) }
}

/// [`stack_of`], `skip` frames more left out after the runtime's.
///
/// # Safety
/// As for [`stack_of`].
unsafe fn stack_skipping(g: *mut G, leaf: usize, from_caller: bool, mut skip: usize, out: &mut [usize]) -> usize {
    let mut n = 0;
    let mut leading = from_caller;
    if leaf != 0 && !out.is_empty() {
        out[0] = leaf;
        n = 1;
        leading = false;
    }
    // SAFETY: as the caller promises.
    unsafe {
        traceback::for_each_caller(g, |pc| {
            if leading {
                let f = traceback::rgo_func_for_pc(pc.wrapping_sub(1));
                // SAFETY: a static record or null.
                if !f.is_null() && (*f).name().starts_with(b"runtime.") {
                    return;
                }
                leading = false;
            }
            if skip > 0 {
                skip -= 1;
            } else if n < out.len() {
                out[n] = pc;
                n += 1;
            }
        })
    };
    n
}

/// `out` (a profile record's stack) from `stk`, zero after it.
fn store_stack(out: &mut [usize; RECORD_FRAMES], stk: &[usize]) {
    out.fill(0);
    out[..stk.len()].copy_from_slice(stk);
}

// ---- labels -----------------------------------------------------------------

/// `runtime/pprof.runtime_setProfLabel`: the running goroutine's labels.
///
/// # Safety
/// Called by compiled code; `labels` is null or a Go heap object.
#[no_mangle]
pub unsafe extern "C" fn rgo_set_prof_label(labels: *const ()) {
    // SAFETY: the running goroutine's record.
    unsafe { (*current_g()).labels = labels };
}

/// `runtime/pprof.runtime_getProfLabel`: the running goroutine's labels.
#[no_mangle]
pub extern "C" fn rgo_get_prof_label() -> *const () {
    // SAFETY: the running goroutine's record.
    unsafe { (*current_g()).labels }
}

/// What the profiles keep alive for the collector: the labels the CPU
/// profile's samples carry until runtime/pprof reads them.
pub fn mark_roots(m: &mut Marker) {
    for &t in &profiles().cpu.tags {
        m.mark(t as usize);
    }
}

// ---- goroutines ---------------------------------------------------------------

/// `runtime.GoroutineProfile` and runtime/pprof's
/// `runtime_goroutineProfileWithLabels`: the number of goroutines
/// (`runtime.NumGoroutine`'s), and when `recs` (`nrecs` records of
/// [`RECORD_FRAMES`] words) has room for them all, each one's stack there
/// (the caller's own first, from the caller of the runtime's entry) and
/// its labels in `labels` (`nlabels` words, may be fewer).
///
/// # Safety
/// Called by compiled code; `recs` and `labels` point at as many writable
/// records and words as they say.
#[no_mangle]
pub unsafe extern "C" fn rgo_goroutine_profile(
    recs: *mut [usize; RECORD_FRAMES],
    nrecs: i64,
    _rcap: i64,
    labels: *mut *const (),
    nlabels: i64,
    _lcap: i64,
) -> i64 {
    // SAFETY: a runtime call of the running goroutine; with several
    // processors the others stop first.
    unsafe { crate::threads::with_world_stopped(|| goroutine_profile(recs, nrecs, labels, nlabels)) }
}

/// [`rgo_goroutine_profile`], the world stopped.
///
/// # Safety
/// As for [`rgo_goroutine_profile`].
unsafe fn goroutine_profile(recs: *mut [usize; RECORD_FRAMES], nrecs: i64, labels: *mut *const (), nlabels: i64) -> i64 {
    let me = current_g();
    // SAFETY: goroutine records stay valid; the others are parked, not
    // started, or in a system call (their Go frames do not change).
    unsafe {
        // The finalizer goroutine counts while it runs a finalizer.
        let counted = |g: *mut G| (*g).status != Status::Dead as u8 && (!(*g).system || collector::runs_finalizer(g));
        let others = sched::all_goroutines().iter().filter(|&&g| g != me && counted(g)).count();
        let n = others + usize::from(counted(me));
        if n > nrecs.max(0) as usize {
            return n as i64;
        }
        let mut i = 0;
        let mut stk = [0usize; RECORD_FRAMES];
        let mut record = |g: *mut G, from_caller: bool| {
            let d = stack_of(g, 0, from_caller, &mut stk);
            store_stack(&mut *recs.add(i), &stk[..d]);
            if (i as i64) < nlabels {
                *labels.add(i) = (*g).labels;
            }
            i += 1;
        };
        if counted(me) {
            record(me, true);
        }
        for &g in sched::all_goroutines() {
            if g != me && counted(g) {
                record(g, false);
            }
        }
        n as i64
    }
}

// ---- memory -----------------------------------------------------------------

/// Allocations and frees at one stack and size: those published by the
/// last collection, and those since.
struct MemBucket {
    stack: [usize; RECORD_FRAMES],
    size: usize,
    published: MemCounts,
    pending: MemCounts,
}

#[derive(Clone, Copy, Default)]
struct MemCounts {
    allocs: i64,
    frees: i64,
    alloc_bytes: i64,
    free_bytes: i64,
}

impl MemCounts {
    fn add(&mut self, o: &MemCounts) {
        self.allocs += o.allocs;
        self.frees += o.frees;
        self.alloc_bytes += o.alloc_bytes;
        self.free_bytes += o.free_bytes;
    }
}

/// `runtime.MemProfileRecord`, as package runtime declares it.
#[repr(C)]
pub struct MemRecord {
    alloc_bytes: i64,
    free_bytes: i64,
    alloc_objects: i64,
    free_objects: i64,
    stack: [usize; RECORD_FRAMES],
}

/// Package runtime registers `MemProfileRate` (its initializer): from now
/// on allocations are sampled at the rate it holds.
///
/// # Safety
/// `rate` is the address of package runtime's `MemProfileRate`, which
/// lives as long as the program.
#[no_mangle]
pub unsafe extern "C" fn rgo_mem_profile_rate_at(rate: *const isize) {
    // SAFETY: as the caller promises.
    let first = next_distance(unsafe { *rate });
    heap::install_sampler(rate, first, sample_alloc);
}

/// The bytes to the next sampled allocation at `rate`: exponentially
/// distributed with mean `rate` (gc's `fastexprand`), 0 at rate 1.
fn next_distance(rate: isize) -> isize {
    if rate <= 1 {
        return 0;
    }
    // A uniform number in (0, 1], then -ln of it times the mean.
    let u = ((profiles().next_random() >> 11) + 1) as f64 / (1u64 << 53) as f64;
    let d = neg_ln(u) * rate as f64;
    if d >= isize::MAX as f64 { isize::MAX } else { d as isize }
}

/// -ln(u) for `u` in (0, 1]: the exponent from the float's bits, the
/// mantissa (taken into [1/sqrt 2, sqrt 2)) by its series in
/// z = (m - 1) / (m + 1) (|z| < 0.18: within about 1e-9, far past what
/// sampling needs).
fn neg_ln(u: f64) -> f64 {
    const LN2: f64 = core::f64::consts::LN_2;
    let bits = u.to_bits();
    let mut exp = ((bits >> 52) & 0x7ff) as i64 - 1023;
    let mut m = f64::from_bits((bits & ((1 << 52) - 1)) | (1023 << 52));
    if m > core::f64::consts::SQRT_2 {
        m /= 2.0;
        exp += 1;
    }
    let z = (m - 1.0) / (m + 1.0);
    let z2 = z * z;
    let ln_m = 2.0 * z * (1.0 + z2 * (1.0 / 3.0 + z2 * (1.0 / 5.0 + z2 * (1.0 / 7.0 + z2 / 9.0))));
    -(exp as f64 * LN2 + ln_m)
}

/// The heap's sampler: records the allocation at `p` with the running
/// goroutine's stack; the distance to the next sample at `rate`.
fn sample_alloc(p: *mut u8, rate: isize) -> isize {
    let Some((addr, size)) = gc::with_heap(|h| h.find(p as usize)).flatten() else { return next_distance(rate) };
    let mut stk = [0usize; RECORD_FRAMES];
    // SAFETY: allocation happens inside a runtime call of the running
    // goroutine (the collector walks it at the same points).
    unsafe { stack_of(current_g(), 0, true, &mut stk) };
    let Profiles { mem, mem_index, sampled, .. } = profiles();
    let b = *mem_index.entry((size, stk)).or_insert_with(|| {
        mem.push(MemBucket { stack: stk, size, published: MemCounts::default(), pending: MemCounts::default() });
        mem.len() - 1
    });
    let c = &mut mem[b].pending;
    c.allocs += 1;
    c.alloc_bytes += size as i64;
    sampled.push((addr, b));
    next_distance(rate)
}

/// After a collection's marking (finalizers' objects included): sampled
/// objects left unmarked are freed; then what happened since the last
/// collection is published.
pub fn collected(m: &Marker) {
    let Profiles { mem, sampled, .. } = profiles();
    sampled.retain(|&(addr, b)| {
        if m.is_marked(addr) {
            return true;
        }
        let bucket = &mut mem[b];
        bucket.pending.frees += 1;
        bucket.pending.free_bytes += bucket.size as i64;
        false
    });
    publish(mem);
}

fn publish(mem: &mut [MemBucket]) {
    for b in mem {
        let p = core::mem::take(&mut b.pending);
        b.published.add(&p);
    }
}

/// `runtime.MemProfile(p, inuseZero)`: the number of buckets to report
/// (all with `inuse_zero`, else those with bytes in use), written to `p`
/// (`n` records) when they fit.
///
/// # Safety
/// Called by compiled code; `p` points at `n` writable records.
#[no_mangle]
pub unsafe extern "C" fn rgo_mem_profile(p: *mut MemRecord, n: i64, _cap: i64, inuse_zero: bool) -> i64 {
    let ps = profiles();
    // Nothing published yet (no collection, or GOGC=off from the start):
    // everything sampled so far, as gc's.
    if ps.mem.iter().all(|b| b.published.allocs == 0 && b.published.frees == 0) {
        publish(&mut ps.mem);
    }
    let shown = |b: &&MemBucket| inuse_zero || b.published.alloc_bytes != b.published.free_bytes;
    let count = ps.mem.iter().filter(shown).count();
    if count <= n.max(0) as usize {
        for (i, b) in ps.mem.iter().filter(shown).enumerate() {
            // SAFETY: `p` has room for `n` records, `count` at most.
            let r = unsafe { &mut *p.add(i) };
            r.alloc_bytes = b.published.alloc_bytes;
            r.free_bytes = b.published.free_bytes;
            r.alloc_objects = b.published.allocs;
            r.free_objects = b.published.frees;
            r.stack = b.stack;
        }
    }
    count as i64
}

// ---- blocking and mutexes -------------------------------------------------------

/// `SetBlockProfileRate`'s rate (nanoseconds; 0: off) and
/// `SetMutexProfileFraction`'s (0: off).
static BLOCK_RATE: AtomicI64 = AtomicI64::new(0);
static MUTEX_RATE: AtomicI64 = AtomicI64::new(0);

/// The recorders of the block, mutex and CPU profiles (0 until a program
/// first sets the profile's rate, which stores its function here): the
/// scheduler's calls reach them only through these, so a program that never
/// profiles links neither them nor the stack walk they share (the asm
/// programs' size test: rt-core's part of a minimal program stays small).
static BLOCK_RECORDER: AtomicUsize = AtomicUsize::new(0);
static MUTEX_RECORDER: AtomicUsize = AtomicUsize::new(0);
static CPU_RECORDER: AtomicUsize = AtomicUsize::new(0);

/// Blocking events per stack: how many were recorded (a float: a sampled
/// short wait stands for several) and their cycles.
struct Events {
    buckets: Vec<([usize; RECORD_FRAMES], f64, i64)>,
    index: BTreeMap<[usize; RECORD_FRAMES], usize>,
}

impl Events {
    const fn new() -> Events {
        Events { buckets: Vec::new(), index: BTreeMap::new() }
    }

    fn add(&mut self, stack: [usize; RECORD_FRAMES], count: f64, cycles: i64) {
        let buckets = &mut self.buckets;
        let i = *self.index.entry(stack).or_insert_with(|| {
            buckets.push((stack, 0.0, 0));
            buckets.len() - 1
        });
        self.buckets[i].1 += count;
        self.buckets[i].2 += cycles;
    }
}

/// `runtime.BlockProfileRecord`, as package runtime declares it.
#[repr(C)]
pub struct BlockRecord {
    count: i64,
    cycles: i64,
    stack: [usize; RECORD_FRAMES],
}

/// `runtime.SetBlockProfileRate(rate)`: the rate in nanoseconds (gc's
/// ticks are nanoseconds here); at most 0 turns the profile off.
#[no_mangle]
pub extern "C" fn rgo_set_block_profile_rate(rate: i64) {
    BLOCK_RECORDER.store(record_block_wait as unsafe fn(i64) as usize, Ordering::Relaxed);
    BLOCK_RATE.store(rate.max(0), Ordering::Relaxed);
}

/// `runtime.SetMutexProfileFraction(rate)`: the previous fraction; a
/// negative rate only reads it.
#[no_mangle]
pub extern "C" fn rgo_set_mutex_profile_fraction(rate: i64) -> i64 {
    let old = MUTEX_RATE.load(Ordering::Relaxed);
    if rate >= 0 {
        MUTEX_RECORDER.store(record_mutex_wait as unsafe fn(*mut G, usize) as usize, Ordering::Relaxed);
        MUTEX_RATE.store(rate, Ordering::Relaxed);
    }
    old
}

/// The memory profile's buckets for a heap dump: `f(id, object size,
/// stack, allocations, frees)` with the published counts (the stack's
/// code addresses as `runtime.Callers` gives them).
pub fn for_each_mem_bucket(mut f: impl FnMut(usize, usize, &[usize], i64, i64)) {
    for (id, b) in profiles().mem.iter().enumerate() {
        let depth = b.stack.iter().position(|&pc| pc == 0).unwrap_or(b.stack.len());
        f(id, b.size, &b.stack[..depth], b.published.allocs, b.published.frees);
    }
}

/// The sampled objects not yet found freed, with their buckets' ids.
pub fn for_each_sampled(mut f: impl FnMut(usize, usize)) {
    for &(obj, id) in &profiles().sampled {
        f(obj, id);
    }
}

/// A goroutine parks, waiting for `reason`: when that wait is one the
/// block or mutex profile records and either is on, the time (else 0).
pub fn block_begins(reason: &str) -> i64 {
    // Every park asks: two loads when neither profile is on.
    let block = BLOCK_RATE.load(Ordering::Relaxed) > 0;
    let mutex = MUTEX_RATE.load(Ordering::Relaxed) > 0;
    if !block && !mutex {
        return 0;
    }
    let recorded = if block {
        matches!(reason, "chan receive" | "chan send" | "select" | "semacquire" | "sync.Cond.Wait")
    } else {
        reason == "semacquire"
    };
    if recorded { os::nanotime().max(1) } else { 0 }
}

/// The running goroutine `g`, parked since `since`, runs again: its wait,
/// in the block profile if sampled.
///
/// # Safety
/// `g` is the running goroutine, back in the runtime call that parked it.
pub unsafe fn block_ends(g: *mut G, since: i64) {
    // SAFETY: as the caller promises.
    unsafe { (*g).block_since = 0 };
    let f = BLOCK_RECORDER.load(Ordering::Relaxed);
    if f != 0 {
        // SAFETY: stored from an `unsafe fn(i64)` by
        // `rgo_set_block_profile_rate`; `g` is running, as the caller promises.
        unsafe { core::mem::transmute::<usize, unsafe fn(i64)>(f)((os::nanotime() - since).max(1)) }
    }
}

/// [`block_ends`]' recorder: a wait of `cycles` by the running goroutine.
///
/// # Safety
/// As for [`block_ends`].
unsafe fn record_block_wait(cycles: i64) {
    // SAFETY: as the caller promises.
    unsafe { block_event(cycles, 0) }
}

/// A wait of `cycles` by the running goroutine, in the block profile if
/// sampled (gc's `blocksampled`: every wait of at least the rate, a
/// shorter one with probability cycles / rate, counted as rate / cycles
/// waits of the rate's length so that the sampling does not bias the
/// totals), with its stack but the runtime's frames and `skip` more.
///
/// # Safety
/// The running goroutine stands in a runtime call.
unsafe fn block_event(cycles: i64, skip: usize) {
    let rate = BLOCK_RATE.load(Ordering::Relaxed);
    if rate <= 0 || (rate > cycles && (profiles().next_random() >> 1) as i64 % rate > cycles) {
        return;
    }
    let mut stk = [0usize; RECORD_FRAMES];
    // SAFETY: as the caller promises.
    unsafe { stack_skipping(current_g(), 0, true, skip, &mut stk) };
    let (count, cycles) = if cycles < rate { (rate as f64 / cycles as f64, rate) } else { (1.0, cycles) };
    profiles().block.add(stk, count, cycles);
}

/// `runtime.blockevent(cycles, skip)`, which runtime/pprof's tests take by
/// `//go:linkname`: a wait of `cycles` (at least 1) as [`block_event`]
/// records one, with the stack from the caller's `skip`th caller (1: the
/// caller's own frame).
///
/// # Safety
/// Called by compiled code.
#[no_mangle]
pub unsafe extern "C" fn rgo_block_event(cycles: i64, skip: i64) {
    // SAFETY: as the caller promises.
    unsafe { block_event(cycles.max(1), (skip - 1).max(0) as usize) };
}

/// Whether the mutex profile records (then [`mutex_released`] must run
/// under the runtime lock).
pub fn mutex_profiling() -> bool {
    MUTEX_RECORDER.load(Ordering::Relaxed) != 0
}

/// The running goroutine hands a mutex's semaphore to `waiter`: the
/// waiter's wait, in the mutex profile if sampled, with the releaser's
/// stack (what held the mutex) but its first `skip` frames, as gc's.
///
/// # Safety
/// Called inside the running goroutine's runtime call; `waiter` a parked
/// goroutine's record.
pub unsafe fn mutex_released(waiter: *mut G, skip: usize) {
    let f = MUTEX_RECORDER.load(Ordering::Relaxed);
    if f != 0 {
        // SAFETY: stored from an `unsafe fn(*mut G, usize)` by
        // `rgo_set_mutex_profile_fraction`; the arguments as the caller promises.
        unsafe { core::mem::transmute::<usize, unsafe fn(*mut G, usize)>(f)(waiter, skip) }
    }
}

/// [`mutex_released`]' recorder.
///
/// # Safety
/// As for [`mutex_released`].
unsafe fn record_mutex_wait(waiter: *mut G, skip: usize) {
    // SAFETY: as the caller promises.
    let (since, mutex) = unsafe { ((*waiter).block_since, (*waiter).block_mutex) };
    let rate = MUTEX_RATE.load(Ordering::Relaxed);
    if since == 0 || !mutex || rate <= 0 || profiles().next_random() % rate as u64 != 0 {
        return;
    }
    let mut stk = [0usize; RECORD_FRAMES];
    // SAFETY: as the caller promises.
    unsafe { stack_skipping(current_g(), 0, true, skip, &mut stk) };
    profiles().mutex.add(stk, 1.0, (os::nanotime() - since).max(0));
}

/// `runtime.BlockProfile` (`mutex` false) and `runtime.MutexProfile`: the
/// number of records, written to `p` (`n` records) when they fit.
///
/// # Safety
/// Called by compiled code; `p` points at `n` writable records.
#[no_mangle]
pub unsafe extern "C" fn rgo_block_profile(mutex: bool, p: *mut BlockRecord, n: i64, _cap: i64) -> i64 {
    let ps = profiles();
    let ev = if mutex { &ps.mutex } else { &ps.block };
    if ev.buckets.len() <= n.max(0) as usize {
        for (i, &(stack, count, cycles)) in ev.buckets.iter().enumerate() {
            // At least 1, so that callers need not fear dividing by it.
            let count = (count as i64).max(1);
            // SAFETY: `p` has room for `n` records.
            unsafe { p.add(i).write(BlockRecord { count, cycles, stack }) };
        }
    }
    ev.buckets.len() as i64
}

// ---- CPU ------------------------------------------------------------------------

/// The CPU profile's rate in Hz while one is taken (0: none).
static CPU_HZ: AtomicI64 = AtomicI64::new(0);
/// Ticks since the last sample was taken.
static CPU_TICKS: AtomicU64 = AtomicU64::new(0);
/// A profile was stopped and runtime/pprof has not read its end yet.
static CPU_CLOSED: AtomicBool = AtomicBool::new(false);

/// The samples runtime/pprof has not read yet, as gc's profile buffer
/// gives them: records of words, one tag each.
struct CpuLog {
    words: Vec<u64>,
    tags: Vec<*const ()>,
    /// Samples dropped for want of room since the last overflow record.
    lost: u64,
}

impl CpuLog {
    const fn new() -> CpuLog {
        CpuLog { words: Vec::new(), tags: Vec::new(), lost: 0 }
    }
}

/// The scheduler's tick: while a CPU profile is taken, one more tick for
/// the next sample. Async-signal-safe (one atomic add).
pub fn tick() {
    if CPU_HZ.load(Ordering::Relaxed) > 0 {
        CPU_TICKS.fetch_add(1, Ordering::Relaxed);
    }
}

/// `runtime.SetCPUProfileRate(hz)`: starts a profile at `hz` samples a
/// second (at most a million), or with 0 stops the one taken; starting
/// while one is taken or not yet read to its end is gc's message and
/// nothing else. The scheduler's tick runs at the rate meanwhile.
#[no_mangle]
pub extern "C" fn rgo_set_cpu_profile_rate(hz: i64) {
    let hz = hz.clamp(0, 1_000_000);
    let ps = profiles();
    if hz > 0 {
        if CPU_HZ.load(Ordering::Relaxed) > 0 || CPU_CLOSED.load(Ordering::Relaxed) {
            crate::print::with_out(|o| o.put(b"runtime: cannot set cpu profile rate until previous profile has finished.\n"));
            return;
        }
        ps.cpu.words.clear();
        ps.cpu.tags.clear();
        ps.cpu.lost = 0;
        ps.cpu.words.extend_from_slice(&[3, 0, hz as u64]);
        ps.cpu.tags.push(core::ptr::null());
        CPU_TICKS.store(0, Ordering::Relaxed);
        CPU_RECORDER.store(record_cpu_sample as unsafe fn(u64, usize) as usize, Ordering::Relaxed);
        CPU_HZ.store(hz, Ordering::Relaxed);
        sched::set_tick_period(Some((1_000_000 / hz).max(1) as usize));
    } else if CPU_HZ.swap(0, Ordering::Relaxed) > 0 {
        sched::set_tick_period(None);
        CPU_CLOSED.store(true, Ordering::Relaxed);
    }
}

/// A safepoint the tick asked for (crate::sched's `preempted`): the ticks
/// since the last sample, with the running goroutine's stack (`leaf`
/// first, when not 0: the function whose prologue stopped) and labels.
///
/// # Safety
/// The running goroutine stands in a runtime call (its `go_pc` and `go_sp`
/// locate its innermost Go frame).
pub unsafe fn cpu_sample(leaf: usize) {
    let ticks = CPU_TICKS.swap(0, Ordering::Relaxed);
    if ticks == 0 || CPU_HZ.load(Ordering::Relaxed) == 0 {
        return;
    }
    let f = CPU_RECORDER.load(Ordering::Relaxed);
    // SAFETY: a rate is set, which stored the recorder from an
    // `unsafe fn(u64, usize)`; the goroutine as the caller promises.
    unsafe { core::mem::transmute::<usize, unsafe fn(u64, usize)>(f)(ticks, leaf) }
}

/// [`cpu_sample`]'s recorder: `ticks` ticks with the running goroutine's
/// stack.
///
/// # Safety
/// As for [`cpu_sample`].
unsafe fn record_cpu_sample(ticks: u64, leaf: usize) {
    let g = current_g();
    let mut stk = [0usize; CPU_FRAMES];
    // SAFETY: as the caller promises.
    let d = unsafe { stack_of(g, leaf, false, &mut stk) };
    let log = &mut profiles().cpu;
    let overflow = if log.lost > 0 { 4 } else { 0 };
    if log.words.len() + overflow + 3 + d > CPU_WORDS {
        log.lost += ticks;
        return;
    }
    let now = os::nanotime() as u64;
    if log.lost > 0 {
        // gc's overflow record: count 0 and one "pc", the samples lost.
        log.words.extend_from_slice(&[4, now, 0, log.lost]);
        log.tags.push(core::ptr::null());
        log.lost = 0;
    }
    log.words.extend_from_slice(&[3 + d as u64, now, ticks]);
    log.words.extend(stk[..d].iter().map(|&pc| pc as u64));
    crate::trace::cpu_sample(ticks, now, &stk[..d]);
    // SAFETY: the running goroutine's record.
    log.tags.push(unsafe { (*g).labels });
}

/// How much of the CPU profile runtime/pprof may read: the words waiting
/// (then [`rgo_cpu_profile_records`] records), 0 while a profile runs and
/// nothing waits, -1 at its end (stopped and all read; a new profile may
/// start after that).
#[no_mangle]
pub extern "C" fn rgo_cpu_profile_words() -> i64 {
    let n = profiles().cpu.words.len();
    if n == 0 && CPU_CLOSED.swap(false, Ordering::Relaxed) {
        return -1;
    }
    n as i64
}

/// The records waiting in the CPU profile (the tags
/// [`rgo_cpu_profile_take`] gives).
#[no_mangle]
pub extern "C" fn rgo_cpu_profile_records() -> i64 {
    profiles().cpu.tags.len() as i64
}

/// Moves the oldest whole records of the CPU profile that fit into `data`
/// (`ndata` words) and `tags` (`ntags`); the records moved.
///
/// # Safety
/// Called by compiled code; the pointers are to that many writable words.
#[no_mangle]
pub unsafe extern "C" fn rgo_cpu_profile_take(data: *mut u64, ndata: i64, _dcap: i64, tags: *mut *const (), ntags: i64, _tcap: i64) -> i64 {
    let log = &mut profiles().cpu;
    let (mut words, mut records) = (0usize, 0usize);
    while records < log.tags.len() && (records as i64) < ntags {
        let len = log.words[words] as usize;
        if (words + len) as i64 > ndata {
            break;
        }
        words += len;
        records += 1;
    }
    // SAFETY: `data` has room for `ndata` words and `tags` for `ntags`,
    // `words` and `records` at most.
    unsafe {
        core::ptr::copy_nonoverlapping(log.words.as_ptr(), data, words);
        core::ptr::copy_nonoverlapping(log.tags.as_ptr(), tags, records);
    }
    log.words.drain(..words);
    log.tags.drain(..records);
    records as i64
}

#[cfg(test)]
mod tests {
    use super::neg_ln;

    #[test]
    fn neg_ln_is_the_natural_logarithm_negated() {
        for u in [1.0, 0.5, 0.25, 0.1, 1e-3, 1e-9, 0.999, 0.7071, 1.0 / (1u64 << 53) as f64] {
            let want = -u.ln();
            assert!((neg_ln(u) - want).abs() < 1e-6 * want.abs().max(1.0), "{u}: {} vs {want}", neg_ln(u));
        }
    }
}
