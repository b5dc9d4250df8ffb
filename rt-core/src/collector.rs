//! The collection cycle (docs/gc.md): when Go's heap ([`crate::gc`]) collects,
//! and everything that keeps its objects alive.
//!
//! **When.** Only at a *safepoint*: [`safepoint`] is the first thing the
//! runtime entry points that allocate do when compiled code calls them,
//! before any Go pointer sits in a Rust local, and `runtime.GC` is one. So
//! runtime code may hold the objects it just allocated in locals across
//! further allocations: those never collect. A cycle starts when the heap
//! has grown to the goal GOGC sets (`gc::should_collect`), or in stress
//! mode at every safepoint (`RGO_GCSTRESS=1`; `=N`: every Nth), with freed
//! memory poisoned, so a missing root shows up at once.
//!
//! **Roots.** Stop-the-world on the one thread running Go code:
//! - package-level variables, by the bitmaps the compiler emits
//!   (`go.gcglobals`, [`crate::gc_tables`]);
//! - every goroutine's stack: the walk starts at the runtime call the
//!   goroutine stands in (`g.go_pc`, `g.go_sp`: every goroutine that is not
//!   running is parked inside one), finds each function's frame by the
//!   compiler's tables (`go.gcfuncs`: frame size, the live pointer words at
//!   each call and at a fault, the frame's stack objects) and follows the
//!   frame-pointer chain, through
//!   `rgo_lessstack` into older segments, and through the runtime's calls
//!   into Go (`g.runs`) into the runs of Go frames below them;
//! - what the runtime keeps for a goroutine: the function it starts with,
//!   its deferred calls, its panics' values (in the runtime's frames on the
//!   system stack, copied away while it is parked);
//! - the pending Go timers.
//!
//! Rust code may keep a Go pointer across safepoints only through a
//! root the collector knows: the runtime's own records listed above. Memory
//! the runtime must keep for the rest of the program (itabs) is not on the
//! collected heap (`heap::persistent_alloc`).

use crate::g::{current_g, Status, G};
use crate::gc::{self, Marker};
use crate::gc_tables::{self, GcFunc};
use crate::print::{fmt_hex, Sink};
use crate::{fatal, heap, os, sched, stack};
use alloc::collections::{BTreeMap, VecDeque};
use alloc::vec::Vec;
use core::cell::UnsafeCell;
use core::ptr;
use core::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use reflect::types::{Kind, Type};
use rt_arch::RGO_FIXED_FRAME_SIZE;

/// Collections may start (the program registered its tables).
static ENABLED: AtomicBool = AtomicBool::new(false);
/// `RGO_GCSTRESS=N`: collect at every Nth safepoint (0: off).
static STRESS: AtomicU32 = AtomicU32::new(0);
/// Safepoints passed under stress.
static STRESS_COUNT: AtomicU32 = AtomicU32::new(0);
/// `runtime.GC` and `debug.FreeOSMemory` calls (`NumForcedGC`).
static FORCED: AtomicU32 = AtomicU32::new(0);
/// A cycle is running (a safepoint reached from inside one must not nest).
static RUNNING: AtomicBool = AtomicBool::new(false);

/// `rgo_gc_tables(funcs, funcs_end, globals, nglobals)`
/// (`runtime_abi::GC_TABLES`): the program's entry hands over the
/// compiler's tables ([`gc_tables::register`]); with them the collector
/// finds every root, so collections may start.
///
/// # Safety
/// As for [`gc_tables::register`].
#[no_mangle]
pub unsafe extern "C" fn rgo_gc_tables(funcs: *const GcFunc, funcs_end: *const GcFunc, globals: *const gc_tables::GcGlobal, nglobals: usize) {
    // SAFETY: as the caller promises.
    unsafe { gc_tables::register(funcs, funcs_end, globals, nglobals) };
    enable();
}

/// Live bytes from which a collection with several processors marks on
/// idle threads too ([`crate::threads::help_mark`]): below, marking takes
/// less time than waking them.
const SHARED_MARK_MIN: usize = 1 << 20;

/// Called once when the program registered its tables: reads `GOGC`,
/// `GOMEMLIMIT` and `RGO_GCSTRESS` and allows collections from then on.
pub fn enable() {
    let percent = crate::process::runtime_env("GOGC").and_then(parse_gogc);
    let limit = crate::process::runtime_env("GOMEMLIMIT").map(|v| match v {
        b"" | b"off" => i64::MAX,
        _ => parse_byte_count(v).unwrap_or_else(|| {
            crate::fatal::fatal_with("malformed GOMEMLIMIT; see `go doc runtime/debug.SetMemoryLimit`", |o| {
                o.put(b"GOMEMLIMIT=");
                o.put(v);
                o.put(b"\n");
            })
        }),
    });
    let stress = crate::process::runtime_env("RGO_GCSTRESS").map_or(0, parse_stress);
    gc::with_heap(|h| {
        h.set_clock(os::nanotime);
        h.set_wall_clock(wall_nanos);
        if let Some(p) = percent {
            h.set_gc_percent(p);
        }
        if let Some(l) = limit {
            h.set_memory_limit(l);
        }
        h.set_poison(stress != 0);
        // (It declines while one processor runs Go code.)
        h.set_mark_helpers(Some(crate::threads::help_mark), SHARED_MARK_MIN);
    });
    STRESS.store(stress, Ordering::Relaxed);
    gc::enable();
    ENABLED.store(true, Ordering::Relaxed);
}

/// The wall clock in nanoseconds since 1970.
fn wall_nanos() -> i64 {
    let (sec, nsec) = os::walltime();
    sec.saturating_mul(1_000_000_000).saturating_add(nsec)
}

/// `GOMEMLIMIT`'s byte count: decimal digits, then `B` or a binary unit
/// (`KiB`, `MiB`, `GiB`, `TiB`) or nothing; `None` when malformed or past
/// `i64::MAX`.
pub fn parse_byte_count(v: &[u8]) -> Option<i64> {
    let (digits, shift) = if let Some(rest) = v.strip_suffix(b"B") {
        match rest.split_last() {
            Some((b'i', rest)) => match rest.split_last() {
                Some((b'K', d)) => (d, 10),
                Some((b'M', d)) => (d, 20),
                Some((b'G', d)) => (d, 30),
                Some((b'T', d)) => (d, 40),
                _ => return None,
            },
            _ => (rest, 0),
        }
    } else {
        (v, 0)
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = digits.iter().try_fold(0i64, |n, &d| n.checked_mul(10)?.checked_add(i64::from(d - b'0')))?;
    n.checked_mul(1 << shift)
}

/// `GOGC`'s value as Go's `readGOGC` reads it: `off` is -1, a decimal
/// number is itself, anything else leaves the default (`None`).
pub fn parse_gogc(v: &[u8]) -> Option<i32> {
    if v == b"off" {
        return Some(-1);
    }
    let (neg, digits) = match v.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, v),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut n: i64 = 0;
    for d in digits {
        n = (n * 10 + (d - b'0') as i64).min(i32::MAX as i64);
    }
    Some(if neg { -(n as i32) } else { n as i32 })
}

/// `RGO_GCSTRESS`'s value: every how many safepoints to collect; a
/// number, or any other non-empty value for 1; `0` is off.
pub fn parse_stress(v: &[u8]) -> u32 {
    match core::str::from_utf8(v).ok().and_then(|s| s.parse::<u32>().ok()) {
        Some(n) => n,
        None => 1,
    }
}

/// A safepoint: collects if the heap reached its goal (or, under stress,
/// at every Nth one). See the module documentation for where it may be
/// called.
#[inline]
pub fn safepoint() {
    if !ENABLED.load(Ordering::Relaxed) {
        return;
    }
    let stress = STRESS.load(Ordering::Relaxed);
    let due = if stress != 0 {
        // Stress adds collections, except where GOGC=off took them away.
        STRESS_COUNT.fetch_add(1, Ordering::Relaxed) % stress == 0 && gc::with_heap(|h| h.gc_percent() >= 0).unwrap_or(false)
    } else {
        gc::should_collect()
    };
    // A pinned goroutine (package sync's pool, between procPin and
    // procUnpin) holds a processor's pool that the collection's pool
    // cleanup would empty: the collection waits for a later safepoint, as
    // gc's waits while `m.locks` is held.
    if due && !sched::pinned() {
        collect();
    }
}

/// [`heap::go_alloc`] at a safepoint (nothing of Go's held in Rust locals but
/// what the Go caller's frame holds too): when the heap has no room, a
/// collection first, then out of memory only if there is still none (a
/// board's heap is small, and may fill before it reaches its goal).
pub fn go_alloc_at_safepoint(size: usize, typ: *const Type) -> *mut u8 {
    // SAFETY: callers pass a descriptor (immutable, 'static) or null.
    if let Some(p) = gc::with_heap(|h| h.alloc(size, unsafe { typ.as_ref() })).flatten() {
        return heap::sampled(p, size);
    }
    collect();
    heap::go_alloc(size, typ)
}

/// `rgo_alloc(size, typ)`: zeroed memory for a value of `size` bytes,
/// 8-aligned. `typ` describes one element, or is null for a value without
/// pointers. A safepoint (compiled code calls it). (A safe function: every
/// caller passes a descriptor or null.)
#[no_mangle]
#[allow(clippy::not_unsafe_ptr_arg_deref)]
pub extern "C" fn rgo_alloc(size: usize, typ: *const Type) -> *mut u8 {
    safepoint();
    go_alloc_at_safepoint(size, typ)
}

/// An allocation without the runtime lock, for the lockless variants of
/// the entry points that allocate (`rgo_alloc_nolock`, `rgo_makeslice_nolock`,
/// ...; rt-arch's `rgo_rt_try` calls them on the thread's scheduler stack):
/// zeroed memory for `size` bytes of `typ`'s values (as for
/// [`go_alloc_at_safepoint`]) from `thread`'s cache ([`gc::cache`]); null
/// when the locked call is to make it: the thread has no cache (one
/// processor), its safepoint is due to collect or, under `RGO_GCSTRESS`,
/// at every other allocation, or the object is large or sampled for the
/// memory profile.
///
/// # Safety
/// Only a lockless variant calls this, with the record of the thread it
/// runs on; `typ` is a descriptor or null.
pub unsafe fn alloc_nolock(thread: *const crate::g::ThreadHead, size: usize, typ: *const Type) -> *mut u8 {
    if gc::should_collect() {
        return core::ptr::null_mut();
    }
    // SAFETY: as the caller promises: this thread's record, whose cache
    // only this thread uses.
    let Some(cache) = (unsafe { ((*thread).alloc_cache.load(Ordering::Relaxed) as *mut gc::cache::Cache).as_mut() }) else {
        return core::ptr::null_mut();
    };
    // Under stress every other allocation of a thread makes the locked
    // call, whose safepoint collects: collections still come often, and
    // the caches are in use between them.
    if STRESS.load(Ordering::Relaxed) != 0 && cache.stress_turn() {
        return core::ptr::null_mut();
    }
    // SAFETY: descriptors are immutable and 'static.
    cache.alloc(size, unsafe { typ.as_ref() }, heap::sample_rate()).unwrap_or(core::ptr::null_mut())
}

/// `rgo_alloc_nolock(thread, size, typ)`: [`rgo_alloc`] without the
/// runtime lock ([`alloc_nolock`]); null when the locked call is to make it.
///
/// # Safety
/// Called by rt-arch's `rgo_rt_try` only, with the running thread's record.
#[no_mangle]
pub unsafe extern "C" fn rgo_alloc_nolock(thread: *const crate::g::ThreadHead, size: usize, typ: *const Type) -> *mut u8 {
    // SAFETY: as the caller promises.
    unsafe { alloc_nolock(thread, size, typ) }
}

/// One whole stop-the-world cycle (`runtime.GC` and the safepoints).
pub fn collect() {
    if !ENABLED.load(Ordering::Relaxed) || RUNNING.swap(true, Ordering::Acquire) {
        return;
    }
    // With several processors, the others stop at preemption points
    // first; alone, the world is stopped already.
    // SAFETY: a safepoint inside a runtime call of the running goroutine.
    unsafe { crate::threads::with_world_stopped(collect_stopped) };
    RUNNING.store(false, Ordering::Release);
}

/// [`collect`]'s cycle, the world stopped.
fn collect_stopped() {
    crate::trace::gc_start();
    clear_pools();
    // SAFETY: the world is stopped: this thread runs every goroutine, and
    // it is inside a runtime call of the running one (a safepoint), so
    // every goroutine stands at a runtime call or has not started.
    gc::collect(
        |m| {
            // SAFETY: as above.
            unsafe { mark_roots(m) };
            mark_finalizer_roots(m);
            crate::profile::mark_roots(m);
        },
        |m| {
            queue_unreachable(m);
            // What the finalizers' objects reach is live too before the
            // memory profile counts its sampled objects' frees.
            m.drain();
            crate::profile::collected(m);
        },
    );
    if let Some(ns) = gc::with_heap(|h| h.last_pause_ns()) {
        crate::metrics::PAUSES.record(ns as i64);
    }
    if crate::trace::on() {
        let st = gc::with_heap(|h| h.stats()).unwrap_or_default();
        crate::trace::gc_done(st.heap_alloc, st.next_gc);
    }
}

/// Package sync's pool cleanup (`sync.runtime_registerPoolCleanup`): a Go
/// func value of type `func()`, or null. It is a top-level function (no
/// heap object), so it needs no root.
static POOL_CLEANUP: core::sync::atomic::AtomicUsize = core::sync::atomic::AtomicUsize::new(0);

/// `sync.runtime_registerPoolCleanup(f)`: `f` runs as each collection
/// starts (gc's `clearpools`), moving what the pools hold to their victim
/// caches and dropping the victims of the cycle before.
#[no_mangle]
pub extern "C" fn rgo_register_pool_cleanup(f: usize) {
    POOL_CLEANUP.store(f, Ordering::Relaxed);
}

/// Runs the pool cleanup, if package sync registered one, on the running
/// goroutine's stack. It only stores to package sync's variables and the
/// pools (no allocation, no call that could block or switch), and the
/// cycle is marked running, so nothing it does starts another.
fn clear_pools() {
    let f = POOL_CLEANUP.load(Ordering::Relaxed);
    if f == 0 || fatal::STATE.load(Ordering::Relaxed) != fatal::RUNNING {
        return;
    }
    // SAFETY: `f` is a `func()` value (the registering call's type); the
    // collector runs inside a runtime call of the running goroutine, on
    // the system stack, where calls into Go are made (crate::gocall).
    unsafe { crate::gocall::call_closure(current_g(), f as *const (), |_| {}) };
}

/// Marks every root.
///
/// # Safety
/// The world must be stopped (see [`collect`]).
unsafe fn mark_roots(m: &mut Marker) {
    // SAFETY: as the caller promises.
    let (all, timers) = unsafe { sched::goroutines_and_timers() };
    // Every frame's stack objects first: any root may point into one.
    for &g in all {
        // SAFETY: as the caller promises; goroutine records stay valid.
        unsafe {
            if is_walkable(g) {
                for_each_frame(g, |f, sp, _| {
                    for o in f.stack_objects() {
                        // SAFETY: the compiler's record of a live frame.
                        m.add_stack_object(sp + o.offset as usize, o.words as usize, o.bitmap);
                    }
                });
            }
        }
    }
    for gl in gc_tables::globals() {
        // SAFETY: the compiler's table describes the program's variables.
        unsafe { m.scan_bitmap(gl.addr, gl.words as usize, gl.bitmap, 0) };
    }
    for t in timers {
        m.mark(t as usize);
    }
    for &g in all {
        // SAFETY: goroutine records stay valid (dead ones are reused).
        unsafe { mark_goroutine(m, g) };
    }
}

/// Marks what goroutine `g` keeps alive.
///
/// # Safety
/// As for [`mark_roots`]; `g` a goroutine record.
unsafe fn mark_goroutine(m: &mut Marker, g: *mut G) {
    // SAFETY: as the caller promises; the runtime's records hanging off a
    // goroutine are valid while it lives.
    unsafe {
        if (*g).status == Status::Dead as u8 {
            return;
        }
        m.mark((*g).start_fn as usize);
        m.mark((*g).labels as usize);
        let mut d = (*g).defer;
        while !d.is_null() {
            m.mark((*d).fn_ as usize);
            d = (*d).link;
        }
        // Panic records live in the runtime's frames on the system stack.
        let mut p = (*g).panic;
        while !p.is_null() {
            let rec = sched::system_stack_word(g, p as usize) as *const crate::g::Panic;
            m.mark((*rec).arg.data as usize);
            m.mark((*rec).text.ptr as usize);
            p = (*rec).link;
        }
        if is_walkable(g) {
            for_each_frame(g, |f, sp, bits| {
                let frame_words = f.frame_size as usize / 8;
                m.scan_bitmap(sp, frame_words, bits, 0);
                let args = sp + f.frame_size as usize + 16 + RGO_FIXED_FRAME_SIZE as usize;
                m.scan_bitmap(args, f.args_words as usize, f.bitmap, frame_words);
            });
        }
    }
}

/// Whether `g` has Go frames to walk: it lives and has started (it stands
/// in a runtime call: parked, running this one, or in a system call, which
/// a goroutine that never parked may make without the runtime lock on
/// another thread, crate::threads::syscall_nolock).
///
/// # Safety
/// `g` must be a goroutine record.
pub(crate) unsafe fn is_walkable(g: *mut G) -> bool {
    // SAFETY: as the caller promises.
    unsafe {
        let status = (*g).status;
        status != Status::Dead as u8 && (g == current_g() || (*g).ctx_sp != 0 || status == Status::Syscall as u8)
    }
}

/// Set in a `go_pc` value (`g.go_pc`, [`crate::g::GoRun::go_pc`]) that
/// names a faulting instruction (its address + 1) rather than a call's
/// return address: the frame is stopped at no call, so the walk scans it
/// by its fault bitmap (what its landing pads read). No code address has
/// this bit.
pub const FAULT_TAG: usize = 1 << 62;

/// Whether `pc` is in compiled Go code (a lookup in the compiler's table:
/// no allocation, no lock, so a signal handler may ask).
pub fn is_go_code(pc: usize) -> bool {
    lookup(pc).is_some()
}

/// The function whose code holds `pc`.
pub(crate) fn lookup(pc: usize) -> Option<&'static GcFunc> {
    let funcs = gc_tables::funcs();
    let i = funcs.partition_point(|f| f.start <= pc);
    let f = funcs.get(i.checked_sub(1)?)?;
    (pc < f.end).then_some(f)
}

/// Walks `g`'s Go frames (see the module documentation), innermost first:
/// `frame(func, sp, bits)` for each, with the body's stack pointer and the
/// frame bitmap that holds where the frame stands.
///
/// # Safety
/// As for [`mark_goroutine`]; `g` must stand in a runtime call.
unsafe fn for_each_frame(g: *mut G, mut frame: impl FnMut(&GcFunc, usize, *const u8)) {
    // SAFETY: as the caller promises.
    if let Err(pc) = unsafe { walk_frames(g, |f, sp, bits, _| frame(f, sp, bits)) } {
        bad_pc(g, pc)
    }
}

/// [`for_each_frame`], with each frame's code address too: the return
/// address of the call it stands in, or (with [`FAULT_TAG`]) the address
/// after the faulting instruction. A goroutine standing at an address no
/// compiled function holds ends the walk: `Err(that address)`.
///
/// # Safety
/// As for [`for_each_frame`].
pub(crate) unsafe fn walk_frames(g: *mut G, mut frame: impl FnMut(&'static GcFunc, usize, *const u8, usize)) -> Result<(), usize> {
    let lessstack = stack::lessstack_pc();
    // SAFETY: the frame layout of docs/gc.md: FP + 0 the caller's FP, FP +
    // 8 the return address, the body's stack pointer FP - frame size;
    // every frame on the chain is a live Go frame on a mapped segment.
    unsafe {
        let (mut pc, mut sp, mut seg) = ((*g).go_pc, (*g).go_sp, (*g).segment);
        let mut run = (*g).runs.len();
        loop {
            if pc != 0 {
                let ret = pc & !FAULT_TAG;
                let Some(mut f) = lookup(ret.wrapping_sub(1)) else { return Err(pc) };
                let mut fp = sp + f.frame_size as usize;
                // The frame's words live at its pc: at a call, by the
                // call's safepoint; at a fault, by the fault bitmap.
                let mut bits = if pc & FAULT_TAG != 0 { f.bitmap } else { f.frame_bitmap(ret, true) };
                let mut at = pc;
                // A frameless leaf (only a fault stops in one) saved no
                // frame pointer: its caller's frame starts at the stack
                // pointer its return address gives.
                if f.frameless() {
                    frame(f, sp, bits, at);
                    let Some((mut ret, caller_sp)) = crate::arch::frameless_return(sp) else { return Err(pc) };
                    if ret == lessstack {
                        ret = (*seg).ret;
                        seg = (*seg).prev;
                    }
                    let Some(c) = lookup(ret.wrapping_sub(1)) else { return Err(pc) };
                    (f, fp, bits, at) = (c, caller_sp + c.frame_size as usize, c.frame_bitmap(ret, false), ret);
                }
                loop {
                    frame(f, fp - f.frame_size as usize, bits, at);
                    let mut ret = ((fp + 8) as *const usize).read();
                    let caller_fp = (fp as *const usize).read();
                    if ret == lessstack {
                        ret = (*seg).ret;
                        seg = (*seg).prev;
                    }
                    match lookup(ret.wrapping_sub(1)) {
                        Some(c) => {
                            f = c;
                            fp = caller_fp;
                            bits = f.frame_bitmap(ret, false);
                            at = ret;
                        }
                        // The runtime called this run of Go frames.
                        None => break,
                    }
                }
            }
            if run == 0 {
                return Ok(());
            }
            run -= 1;
            let r = (&(*g).runs)[run];
            (pc, sp, seg) = (r.go_pc, r.go_sp, r.segment);
        }
    }
}

/// A goroutine stands at a code address no compiled function holds: the
/// runtime lost track of it, and collecting now would free live memory.
fn bad_pc(g: *mut G, pc: usize) -> ! {
    fatal::fatal_with("collector: unknown goroutine pc", |o| {
        o.put(b"runtime: goroutine ");
        // SAFETY: a goroutine record.
        crate::print::fmt_uint(o, unsafe { (*g).goid });
        o.put(b" at pc=");
        fmt_hex(o, pc as u64);
        o.put(b"\n");
    })
}

// ---- finalizers ------------------------------------------------------------

/// A finalizer: the object (the start of a heap object), the Go func
/// value to call with it and the func's type (one parameter, a pointer
/// word; any results, which are dropped).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Finalizer {
    obj: usize,
    fn_: usize,
    ftyp: *const Type,
    /// The object's type when the function takes an empty interface (the
    /// object is passed as one); null when it takes the pointer itself.
    otyp: *const Type,
}

/// The finalizers set, and those whose objects were found unreachable,
/// waiting for the finalizer goroutine (`queued`, oldest first), the one
/// it runs, and that goroutine when it waits for them.
struct Finalizers {
    /// By object: setting, clearing and the duplicate check are
    /// logarithmic (a program may set a million).
    set: BTreeMap<usize, Finalizer>,
    queued: VecDeque<Finalizer>,
    running: Option<Finalizer>,
    waiter: *mut G,
    /// The finalizer goroutine, once it ran one.
    runner: *mut G,
}

struct FinCell(UnsafeCell<Finalizers>);
// SAFETY: M:1: only the thread running Go code touches it, never from a
// signal handler.
unsafe impl Sync for FinCell {}

static FINALIZERS: FinCell =
    FinCell(UnsafeCell::new(Finalizers { set: BTreeMap::new(), queued: VecDeque::new(), running: None, waiter: ptr::null_mut(), runner: ptr::null_mut() }));

/// Every finalizer: `f(object, func value, func type, object type or
/// null, queued)`, those set first, then those waiting to run (a heap
/// dump's records).
pub(crate) fn for_each_finalizer(mut f: impl FnMut(usize, usize, *const Type, *const Type, bool)) {
    let fs = finalizers();
    for e in fs.set.values() {
        f(e.obj, e.fn_, e.ftyp, e.otyp, false);
    }
    for e in fs.queued.iter().chain(fs.running.as_ref()) {
        f(e.obj, e.fn_, e.ftyp, e.otyp, true);
    }
}

fn finalizers() -> &'static mut Finalizers {
    // SAFETY: one thread; no caller keeps the reference across a switch or
    // a call that takes it again.
    unsafe { &mut *FINALIZERS.0.get() }
}

/// Roots: every finalizer's function, and the queued ones' objects. The
/// objects with finalizers keep what they reference alive (not
/// themselves), so that of two unreachable objects with finalizers where
/// one references the other, only the first is finalized in this cycle,
/// as in Go.
fn mark_finalizer_roots(m: &mut Marker) {
    let f = finalizers();
    for q in f.queued.iter().chain(&f.running) {
        m.mark(q.obj);
        m.mark(q.fn_);
    }
    for e in f.set.values() {
        m.mark(e.fn_);
        m.scan_object(e.obj);
    }
}

/// After marking: objects with finalizers that nothing reached are
/// queued (and kept, with what they reference, until the finalizer ran).
fn queue_unreachable(m: &mut Marker) {
    let f = finalizers();
    let unreachable: Vec<usize> = f.set.keys().copied().filter(|&o| !m.is_marked(o)).collect();
    let queued = !unreachable.is_empty();
    for o in unreachable {
        if let Some(e) = f.set.remove(&o) {
            m.mark(e.obj);
            f.queued.push_back(e);
        }
    }
    if queued && !f.waiter.is_null() {
        let w = core::mem::replace(&mut f.waiter, ptr::null_mut());
        // SAFETY: the finalizer goroutine parked in `rgo_run_finalizer`.
        unsafe { sched::ready(w) };
    }
}

/// Whether `g` is the finalizer goroutine running a finalizer (user code:
/// profiles list it then, as gc's).
pub fn runs_finalizer(g: *mut G) -> bool {
    let f = finalizers();
    f.running.is_some() && f.runner == g
}

/// Builds a fatal error's text.
fn throw(parts: &[&str]) -> ! {
    let msg: alloc::string::String = parts.concat();
    fatal::fatal(&msg)
}

/// `runtime.SetFinalizer(obj, finalizer)` (both as empty interfaces), with
/// gc's checks and fatal errors; true when a finalizer was recorded.
///
/// # Safety
/// The arguments must be empty interfaces' words; called by compiled code.
#[no_mangle]
pub unsafe extern "C" fn rgo_set_finalizer(otyp: *const Type, obj: usize, ftyp: *const Type, fn_: usize) -> bool {
    // SAFETY: descriptors from interface values.
    let (ot, ft) = unsafe { (otyp.as_ref(), ftyp.as_ref()) };
    let Some(ot) = ot else { throw(&["runtime.SetFinalizer: first argument is nil"]) };
    if ot.kind != Kind::Pointer {
        throw(&["runtime.SetFinalizer: first argument is ", ot.string(), ", not pointer"]);
    }
    let Some((base, _)) = gc::with_heap(|h| h.find(obj)).flatten() else {
        // Go ignores finalizers on global and zero-sized objects; rgo's
        // non-heap pointers are those.
        return false;
    };
    if base != obj {
        throw(&["runtime.SetFinalizer: pointer not at beginning of allocated block"]);
    }
    let f = finalizers();
    let Some(ft) = ft else {
        f.set.remove(&obj);
        return false;
    };
    let Some(func) = ft.as_func() else {
        throw(&["runtime.SetFinalizer: second argument is ", ft.string(), ", not a function"]);
    };
    let cannot = |why: &str| -> ! { throw(&["runtime.SetFinalizer: cannot pass ", ot.string(), " to finalizer ", ft.string(), why]) };
    if func.variadic {
        cannot(" because dotdotdot");
    }
    let ins = func.ins.as_slice();
    if ins.len() != 1 {
        cannot("");
    }
    let param = ins[0];
    let same_pointer = || {
        param.kind == Kind::Pointer && !param.is_named() && param.elem().is_some_and(|e| ptr::eq(e, ot.elem().expect("a pointer")))
    };
    let empty_interface = param.as_interface().is_some_and(|i| i.methods.as_slice().is_empty());
    if !(ptr::eq(param, ot) || same_pointer() || param.kind == Kind::UnsafePointer || empty_interface) {
        if param.kind == Kind::Interface {
            throw(&["runtime.SetFinalizer: rgo does not support finalizers taking a non-empty interface (", ft.string(), ") yet"]);
        }
        cannot("");
    }
    if f.set.contains_key(&obj) {
        throw(&["runtime.SetFinalizer: finalizer already set"]);
    }
    let otyp = if empty_interface { otyp } else { ptr::null() };
    f.set.insert(obj, Finalizer { obj, fn_, ftyp, otyp });
    true
}

/// The finalizer goroutine's step: waits (parked, wait reason `finalizer
/// wait`) until a finalizer is queued, then runs it on this goroutine's
/// stack with reflect's layout of its type (so stack-assigned results have
/// their room), its object and function kept alive meanwhile.
///
/// # Safety
/// Called by compiled code, on the finalizer goroutine only.
#[no_mangle]
pub unsafe extern "C" fn rgo_run_finalizer() {
    let e = loop {
        let f = finalizers();
        if let Some(e) = f.queued.pop_front() {
            f.running = Some(e);
            f.runner = current_g();
            break e;
        }
        f.waiter = current_g();
        // SAFETY: on the system stack of the running goroutine;
        // `queue_unreachable` readies it.
        unsafe { sched::park("finalizer wait") };
    };
    // The object, or an empty interface holding it.
    let arg = [if e.otyp.is_null() { e.obj } else { e.otyp as usize }, e.obj];
    let at = arg.as_ptr();
    // SAFETY: `rgo_set_finalizer` checked that the function takes one
    // parameter `obj` may be passed as: a pointer-shaped one (`arg[0]`, the
    // object), or an empty interface (type and object); its type is a
    // descriptor from an interface value.
    let r = unsafe { crate::gocall::call_func(&*e.ftyp, e.fn_ as *const (), &[at as *const u8], ptr::null_mut()) };
    if r.is_err() {
        fatal::fatal("runtime: cannot lay out a finalizer's call");
    }
    finalizers().running = None;
}

// ---- the API ----------------------------------------------------------------

/// `runtime.GC()`: a whole cycle; then the caller yields, so a finalizer
/// goroutine woken by it runs.
///
/// # Safety
/// Called by compiled code (a runtime call of the running goroutine).
#[no_mangle]
pub unsafe extern "C" fn rgo_gc() {
    collect();
    FORCED.fetch_add(1, Ordering::Relaxed);
    // SAFETY: as the caller promises.
    unsafe { sched::rgo_gosched() };
}

/// `debug.SetGCPercent(percent)`: the previous setting.
#[no_mangle]
pub extern "C" fn rgo_set_gc_percent(percent: i64) -> i64 {
    let p = percent.clamp(i32::MIN as i64, i32::MAX as i64) as i32;
    gc::with_heap(|h| h.set_gc_percent(p)).unwrap_or(p) as i64
}

/// `debug.SetMemoryLimit(limit)`: the previous limit (a negative one only
/// reads it).
#[no_mangle]
pub extern "C" fn rgo_set_memory_limit(limit: i64) -> i64 {
    gc::with_heap(|h| h.set_memory_limit(limit)).unwrap_or(i64::MAX)
}

/// `debug.FreeOSMemory()`.
#[no_mangle]
pub extern "C" fn rgo_free_os_memory() {
    collect();
    FORCED.fetch_add(1, Ordering::Relaxed);
    gc::with_heap(|h| h.release_free_memory());
}

/// Go 1.19's `runtime.MemStats` (package runtime's Go source declares the
/// same fields in the same order).
#[repr(C)]
pub struct MemStats {
    pub alloc: u64,
    pub total_alloc: u64,
    pub sys: u64,
    pub lookups: u64,
    pub mallocs: u64,
    pub frees: u64,
    pub heap_alloc: u64,
    pub heap_sys: u64,
    pub heap_idle: u64,
    pub heap_inuse: u64,
    pub heap_released: u64,
    pub heap_objects: u64,
    pub stack_inuse: u64,
    pub stack_sys: u64,
    pub mspan_inuse: u64,
    pub mspan_sys: u64,
    pub mcache_inuse: u64,
    pub mcache_sys: u64,
    pub buck_hash_sys: u64,
    pub gc_sys: u64,
    pub other_sys: u64,
    pub next_gc: u64,
    pub last_gc: u64,
    pub pause_total_ns: u64,
    pub pause_ns: [u64; 256],
    pub pause_end: [u64; 256],
    pub num_gc: u32,
    pub num_forced_gc: u32,
    pub gc_cpu_fraction: f64,
    pub enable_gc: bool,
    pub debug_gc: bool,
    pub by_size: [BySize; 61],
}

#[repr(C)]
pub struct BySize {
    pub size: u32,
    pub mallocs: u64,
    pub frees: u64,
}

/// `runtime.ReadMemStats(m)`.
///
/// # Safety
/// `m` must point at a `runtime.MemStats`.
#[no_mangle]
pub unsafe extern "C" fn rgo_read_memstats(m: *mut MemStats) {
    let st = gc::with_heap(|h| h.stats()).unwrap_or_default();
    // SAFETY: as the caller promises; every field is plain data.
    let m = unsafe { &mut *m };
    m.alloc = st.heap_alloc;
    m.total_alloc = st.total_alloc;
    m.sys = st.sys;
    m.mallocs = st.mallocs;
    m.frees = st.frees;
    m.heap_alloc = st.heap_alloc;
    m.heap_sys = st.heap_sys;
    m.heap_idle = st.heap_idle;
    m.heap_inuse = st.heap_inuse;
    m.heap_released = st.heap_released;
    m.heap_objects = st.heap_objects;
    m.next_gc = st.next_gc;
    m.pause_total_ns = st.pause_total_ns;
    m.num_gc = st.num_gc;
    m.num_forced_gc = FORCED.load(Ordering::Relaxed);
    m.pause_ns = st.pause_ns;
    m.pause_end = st.pause_end;
    m.last_gc = if st.num_gc == 0 { 0 } else { st.pause_end[(st.num_gc as usize + 255) % 256] };
    // Class 0 is no size (Go's `class_to_size[0]`).
    for (b, &size) in m.by_size.iter_mut().skip(1).zip(gc::sizeclass::SIZE_CLASSES.iter()) {
        b.size = size as u32;
    }
    let (allocs, frees) = gc::by_class();
    for (i, b) in m.by_size.iter_mut().enumerate().skip(1) {
        b.mallocs = allocs[i - 1];
        b.frees = frees[i - 1];
    }
    let (stack_inuse, stack_mapped) = crate::stack::usage();
    m.stack_inuse = stack_inuse as u64;
    m.stack_sys = (stack_mapped + crate::threads::os_stack_bytes()) as u64;
    m.gc_sys = st.sys - st.heap_sys;
    m.other_sys = crate::heap::runtime_bytes() as u64;
    m.sys = st.heap_sys + m.stack_sys + m.gc_sys + m.other_sys;
    m.enable_gc = true;
    m.debug_gc = false;
}

#[cfg(test)]
mod tests {
    use super::parse_gogc;

    #[test]
    fn gogc_is_read_as_go_reads_it() {
        assert_eq!(parse_gogc(b"off"), Some(-1));
        assert_eq!(parse_gogc(b"50"), Some(50));
        assert_eq!(parse_gogc(b"-1"), Some(-1));
        assert_eq!(parse_gogc(b"0"), Some(0));
        assert_eq!(parse_gogc(b"99999999999999"), Some(i32::MAX));
        assert_eq!(parse_gogc(b"abc"), None);
        assert_eq!(parse_gogc(b""), None);
        assert_eq!(parse_gogc(b"OFF"), None);
    }

    #[test]
    fn gomemlimit_is_read_as_go_reads_it() {
        use super::parse_byte_count;
        assert_eq!(parse_byte_count(b"1234"), Some(1234));
        assert_eq!(parse_byte_count(b"1234B"), Some(1234));
        assert_eq!(parse_byte_count(b"5KiB"), Some(5 << 10));
        assert_eq!(parse_byte_count(b"64MiB"), Some(64 << 20));
        assert_eq!(parse_byte_count(b"2GiB"), Some(2 << 30));
        assert_eq!(parse_byte_count(b"1TiB"), Some(1 << 40));
        assert_eq!(parse_byte_count(b"9223372036854775807"), Some(i64::MAX));
        assert_eq!(parse_byte_count(b"9223372036854775808"), None);
        assert_eq!(parse_byte_count(b"8388608TiB"), None);
        for bad in [&b""[..], b"B", b"KiB", b"1KB", b"1kiB", b"-1", b"1.5GiB", b"1 MiB", b"1iB"] {
            assert_eq!(parse_byte_count(bad), None, "{}", core::str::from_utf8(bad).unwrap());
        }
    }

    #[test]
    fn gcstress_counts_safepoints() {
        use super::parse_stress;
        assert_eq!(parse_stress(b"1"), 1);
        assert_eq!(parse_stress(b"10"), 10);
        assert_eq!(parse_stress(b"0"), 0);
        assert_eq!(parse_stress(b"yes"), 1);
    }
}
