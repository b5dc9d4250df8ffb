//! The goroutines' floor (docs/runtime.md, "Floors"): the goroutine record and the records
//! hanging off it (Go's `runtime2.go`): [`G`], its pending deferred calls
//! ([`Defer`], [`DeferPool`]), its panics ([`Panic`]) and its stack
//! segments ([`Segment`]). The modules that work on them ([`crate::defer`],
//! [`crate::stack`], [`crate::start`]) build on this one; it depends on
//! none of them (except the unit tests' goroutines, which get a first
//! stack segment from [`crate::stack`]).

use crate::Eface;
use alloc::boxed::Box;
use alloc::vec::Vec;
#[cfg(not(test))]
use core::cell::UnsafeCell;
use core::ptr;

/// A goroutine as the runtime and compiled code see it. Compiled code finds
/// the current one in the goroutine register.
///
/// The first nine words are the header of `rgo_abi.h` ("the goroutine"):
/// compiled prologues read `stackguard`, runtime calls read and write
/// `sys_sp`, `go_sp` and `go_pc`, rt-core's assembly reads the rest. Their offsets
/// are checked against the generated bindings below. The fields after the
/// header are the runtime's own.
#[repr(C)]
#[derive(Debug)]
pub struct G {
    /// `stack_lo + RGO_STACK_GUARD`: a frame whose lowest byte would fall
    /// below this needs a new segment (`rgo_morestack`).
    pub stackguard: usize,
    /// The current stack segment: `[stack_lo, stack_hi)`.
    pub stack_lo: usize,
    pub stack_hi: usize,
    /// Where runtime calls switch to: the system stack below every live
    /// runtime frame (16-aligned).
    pub sys_sp: usize,
    /// The goroutine stack pointer saved by the latest switch to the system
    /// stack: Go code the runtime calls runs below it.
    pub go_sp: usize,
    /// Innermost pending `defer` record.
    pub defer: *mut Defer,
    /// Innermost active panic.
    pub panic: *mut Panic,
    /// The current stack segment's record.
    pub segment: *mut Segment,
    /// The return address of the latest runtime call made by Go code
    /// (stored with `go_sp`): with `go_sp` it locates the innermost Go
    /// frame, where the collector's stack walk starts.
    pub go_pc: usize,
    /// The thread record (`crate::threads::M`) that runs it, set by the
    /// scheduler whenever it runs the goroutine: with several threads
    /// running Go code, the runtime lock's slow paths run on that thread's
    /// scheduler stack (rt-arch's `rgo_rt_enter_slow`).
    pub m: usize,

    /// Go's goroutine id (1 for the main goroutine).
    pub goid: u64,
    /// The system stack: `[sys_lo, sys_hi)` (an estimate of the main
    /// thread's stack from RLIMIT_STACK), for reporting its overflow.
    pub sys_lo: usize,
    pub sys_hi: usize,
    /// The signal that caused the current panic (0: none), its `si_code`,
    /// fault address and pc: Go's `g.sig`, `sigcode0`, `sigcode1`, `sigpc`,
    /// printed as the `[signal ...]` line of an unrecovered panic.
    pub sig: i32,
    pub sigcode0: i32,
    pub sigcode1: usize,
    pub sigpc: usize,
    /// Free defer records (Go's per-P `deferpool`).
    pub defer_pool: DeferPool,

    // The scheduler's fields (crate::sched).
    /// [`Status`] as a byte.
    pub status: u8,
    /// Why a waiting goroutine waits (Go's `waitReason`, printed in the
    /// `goroutine N [reason]:` line of a deadlock).
    /// (A static string's pointer and length: the record crosses the C ABI.)
    pub wait_reason: *const u8,
    pub wait_reason_len: usize,
    /// The next goroutine in the run queue or on the free list.
    pub sched_link: *mut G,
    /// Where `rgo_ctx_park` saved this goroutine's callee-saved registers
    /// on the system stack (0: it has not run yet).
    pub ctx_sp: usize,
    /// A parked goroutine's part of the system stack (`ctx_sp` up to the
    /// scheduler's top), copied away while others run: kept at `saved_at`
    /// (on its own goroutine stack when there is room below `go_sp`, else
    /// in the buffer `saved_buf` of `saved_cap` bytes) for `saved_len` bytes.
    pub saved_at: usize,
    pub saved_len: usize,
    pub saved_buf: *mut u8,
    pub saved_cap: usize,
    /// The `func()` value a new goroutine starts with.
    pub start_fn: *const (),
    /// The code address of the `go` statement that created it (the return
    /// address of its runtime call; 0 for main): tracebacks' `created by`.
    pub gopc: usize,
    /// What woke a parked goroutine up (set by the waker): for channel
    /// operations whether the operation completed (not by a close), and
    /// for select the case that fired.
    pub wake_ok: bool,
    pub wake_case: usize,
    /// Whether a select this goroutine waits in has been decided (the
    /// first channel to reach it wins).
    pub select_done: bool,
    /// The ticket a goroutine waiting in a `sync.Cond` notify list waits
    /// for (crate::sema).
    pub wait_ticket: u32,
    /// The runs of Go frames outside the innermost one, innermost last:
    /// each call from the runtime into Go code ([`crate::gocall`]) pushes
    /// where the Go code that called the runtime stood, so the collector's
    /// stack walk can go on past the runtime's frames.
    pub runs: Vec<GoRun>,
    /// A goroutine of the runtime's (the finalizer goroutine): not counted
    /// by `runtime.NumGoroutine` nor listed in a deadlock report, as gc's
    /// system goroutines.
    pub system: bool,
    /// Between package syscall's `entersyscall` and `exitsyscall`: its
    /// system calls may block, so they are made where the processor can be
    /// handed on meanwhile (crate::threads).
    pub in_syscall: bool,
    /// Such a call while it is made: its number and six arguments, then its
    /// result (minus the error number on failure).
    pub call: [usize; 7],
    pub call_ret: isize,
    /// `runtime.LockOSThread` calls not yet undone, and the thread they
    /// wired the goroutine to (crate::threads' record; 0: none).
    pub lock_count: u32,
    /// `sync.runtime_procPin` calls not yet undone, and the processor id
    /// the first took (crate::sched::rgo_proc_pin).
    pub pins: u32,
    pub pin_id: u32,
    pub locked_m: usize,
    /// runtime/pprof's labels (`*labelMap`, a Go heap object the collector
    /// keeps alive through this word; null: none), inherited by the
    /// goroutines this one starts (crate::profile).
    pub labels: *const (),
    /// When the goroutine parked in a wait the block or mutex profile
    /// records (`os::nanotime`; 0: none), and whether the wait is for a
    /// mutex (`sync.runtime_SemacquireMutex`), whose releaser records it.
    pub block_since: i64,
    pub block_mutex: bool,
    /// When the goroutine became runnable, for runtime/metrics' scheduler
    /// latencies (`os::nanotime`; 0: not sampled, see crate::sched).
    pub runnable_since: i64,
    /// `debug.SetPanicOnFault(true)`: a fault at a non-nil address in this
    /// goroutine's Go code panics (crate::signal) instead of ending the
    /// program. New goroutines start without it, as in gc.
    pub panic_on_fault: bool,
    /// The execution tracer's count of this goroutine's starts and wakes
    /// since the trace began (gc's `traceseq`, crate::trace).
    pub trace_seq: u64,
}

/// Where a run of Go frames stood when the runtime, called from its
/// innermost frame, called Go code again: the collector walks the run from
/// `go_pc` and `go_sp` (as `g.go_pc`/`g.go_sp` were then) on `segment`.
/// `go_pc` 0: there is no such run (the goroutine's first call into Go).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GoRun {
    pub go_sp: usize,
    pub go_pc: usize,
    pub segment: *mut Segment,
}

impl G {
    /// Why the goroutine waits ("" when it does not).
    pub fn wait_reason(&self) -> &'static str {
        if self.wait_reason.is_null() {
            return "";
        }
        // SAFETY: set from a `&'static str` by `set_wait_reason`.
        unsafe { core::str::from_utf8_unchecked(core::slice::from_raw_parts(self.wait_reason, self.wait_reason_len)) }
    }

    pub fn set_wait_reason(&mut self, r: &'static str) {
        self.wait_reason = r.as_ptr();
        self.wait_reason_len = r.len();
    }
}

/// The states of a goroutine ([`G::status`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Status {
    /// Created, or woken, and waiting in the run queue.
    Runnable = 0,
    Running = 1,
    /// Parked: blocked on a channel, in select, ...
    Waiting = 2,
    /// Returned (or called `runtime.Goexit`); kept for reuse.
    Dead = 3,
    /// In a system call that may block, made on its thread's own stack
    /// (crate::threads): its processor may be handed to another thread.
    Syscall = 4,
}

/// The start of a thread record (`crate::threads::M`): what compiled
/// code's stubs and the floors below the scheduler read of the thread that
/// runs a goroutine (`G::m` points at it).
#[repr(C)]
pub struct ThreadHead {
    /// The top of its scheduler stack (16-aligned; 0 for the main thread's
    /// until first used), where the runtime lock's slow paths and the
    /// allocation fast path run.
    pub sched_top: core::sync::atomic::AtomicUsize,
    /// Its allocation cache (`crate::gc::cache::Cache`, gc's `mcache`),
    /// made when the thread first runs Go code with several processors;
    /// null before, and with one processor.
    pub alloc_cache: core::sync::atomic::AtomicPtr<u8>,
}

impl ThreadHead {
    pub const fn new(sched_top: usize) -> ThreadHead {
        ThreadHead {
            sched_top: core::sync::atomic::AtomicUsize::new(sched_top),
            alloc_cache: core::sync::atomic::AtomicPtr::new(ptr::null_mut()),
        }
    }
}

/// The head of the thread record running the running goroutine (none
/// before the scheduler first ran it).
pub fn current_thread() -> Option<&'static ThreadHead> {
    // SAFETY: `m` is 0 or a thread record, mapped for the life of the process.
    unsafe { ((*current_g()).m as *const ThreadHead).as_ref() }
}

const _: () = {
    use core::mem::offset_of;
    use rt_arch::*;
    assert!(offset_of!(ThreadHead, sched_top) == RGO_M_SCHED_TOP as usize);
    assert!(offset_of!(ThreadHead, alloc_cache) == RGO_M_ALLOC_CACHE as usize);
    assert!(offset_of!(G, stackguard) == RGO_G_STACKGUARD as usize);
    assert!(offset_of!(G, stack_lo) == RGO_G_STACK_LO as usize);
    assert!(offset_of!(G, stack_hi) == RGO_G_STACK_HI as usize);
    assert!(offset_of!(G, sys_sp) == RGO_G_SYS_SP as usize);
    assert!(offset_of!(G, go_sp) == RGO_G_GO_SP as usize);
    assert!(offset_of!(G, defer) == RGO_G_DEFER as usize);
    assert!(offset_of!(G, panic) == RGO_G_PANIC as usize);
    assert!(offset_of!(G, segment) == RGO_G_SEGMENT as usize);
    assert!(offset_of!(G, go_pc) == RGO_G_GO_PC as usize);
    assert!(offset_of!(G, m) == RGO_G_M as usize);
    assert!(offset_of!(G, goid) == RGO_G_HEADER_SIZE as usize);
};

impl G {
    /// A goroutine with no stack yet.
    pub const fn new(goid: u64) -> G {
        G {
            stackguard: 0,
            stack_lo: 0,
            stack_hi: 0,
            sys_sp: 0,
            go_sp: 0,
            defer: ptr::null_mut(),
            panic: ptr::null_mut(),
            segment: ptr::null_mut(),
            go_pc: 0,
            m: 0,
            goid,
            sys_lo: 0,
            sys_hi: 0,
            sig: 0,
            sigcode0: 0,
            sigcode1: 0,
            sigpc: 0,
            defer_pool: DeferPool::new(),
            status: Status::Running as u8,
            wait_reason: ptr::null(),
            wait_reason_len: 0,
            sched_link: ptr::null_mut(),
            ctx_sp: 0,
            saved_at: 0,
            saved_len: 0,
            saved_buf: ptr::null_mut(),
            saved_cap: 0,
            start_fn: ptr::null(),
            gopc: 0,
            wake_ok: false,
            wake_case: 0,
            select_done: false,
            wait_ticket: 0,
            runs: Vec::new(),
            system: false,
            in_syscall: false,
            trace_seq: 0,
            call: [0; 7],
            call_ret: 0,
            lock_count: 0,
            pins: 0,
            pin_id: 0,
            locked_m: 0,
            labels: ptr::null(),
            block_since: 0,
            block_mutex: false,
            runnable_since: 0,
            panic_on_fault: false,
        }
    }
}

#[cfg(not(test))]
struct GCell(UnsafeCell<G>);

// SAFETY: the main goroutine is only touched by the one thread that runs
// Go code (and its signal handlers), and by Go code through the goroutine
// register.
#[cfg(not(test))]
unsafe impl Sync for GCell {}

#[cfg(not(test))]
static MAIN_G: GCell = GCell(UnsafeCell::new(G::new(1)));

/// The record standing for the scheduler of a thread that runs no
/// goroutine yet, as the runtime lock's owner (crate::threads): no
/// goroutine is ever it.
#[cfg(not(test))]
static SCHED_G: GCell = GCell(UnsafeCell::new(G::new(0)));

/// See [`SCHED_G`].
#[cfg(not(test))]
pub fn sched_g() -> *mut G {
    SCHED_G.0.get()
}

/// Unit tests never run the runtime lock.
#[cfg(test)]
pub fn sched_g() -> *mut G {
    ptr::null_mut()
}

/// The goroutine running now (null: the main goroutine, before the
/// scheduler switched for the first time). Set by [`set_current_g`].
#[cfg(not(test))]
static CURRENT: core::sync::atomic::AtomicPtr<G> = core::sync::atomic::AtomicPtr::new(ptr::null_mut());

/// The main goroutine (id 1).
#[cfg(not(test))]
pub fn main_g() -> *mut G {
    MAIN_G.0.get()
}

/// The goroutine Go code runs as (the scheduler's choice; in Go code also
/// the goroutine register).
#[cfg(not(test))]
pub fn current_g() -> *mut G {
    let g = CURRENT.load(core::sync::atomic::Ordering::Relaxed);
    if g.is_null() {
        MAIN_G.0.get()
    } else {
        g
    }
}

/// Makes `g` the running goroutine (the scheduler, before it switches).
#[cfg(not(test))]
pub fn set_current_g(g: *mut G) {
    CURRENT.store(g, core::sync::atomic::Ordering::Relaxed);
}

/// The word [`current_g`] reads. With several threads running Go code it
/// is also the runtime lock (`crate::threads`): null while no thread runs
/// the runtime, else the goroutine whose runtime call (or whose scheduler)
/// holds it.
#[cfg(not(test))]
pub fn current_word() -> &'static core::sync::atomic::AtomicPtr<G> {
    &CURRENT
}

/// Unit tests never run the runtime lock: a word of its own.
#[cfg(test)]
pub fn current_word() -> &'static core::sync::atomic::AtomicPtr<G> {
    static WORD: core::sync::atomic::AtomicPtr<G> = core::sync::atomic::AtomicPtr::new(ptr::null_mut());
    &WORD
}

/// In unit tests every test thread has a goroutine of its own (tests run in
/// parallel), with a first stack segment, so runtime code that calls Go
/// can be tested on the host.
#[cfg(test)]
pub fn current_g() -> *mut G {
    std::thread_local! {
        static TEST_G: *mut G = {
            let g = alloc::boxed::Box::leak(alloc::boxed::Box::new(G::new(1)));
            // SAFETY: a fresh goroutine of this thread only.
            unsafe { crate::stack::init_goroutine(g) };
            g
        };
    }
    TEST_G.with(|g| *g)
}

/// In unit tests the test thread's goroutine is the main one.
#[cfg(test)]
pub fn main_g() -> *mut G {
    current_g()
}

/// Unit tests never switch goroutines.
#[cfg(test)]
pub fn set_current_g(_g: *mut G) {}

/// A pending deferred call.
#[repr(C)]
#[derive(Debug)]
pub struct Defer {
    /// The Go func value to call (`func()`).
    pub fn_: *const (),
    /// The frame pointer of the function that deferred it.
    pub frame: usize,
    /// Where that function resumes after a recovered panic.
    pub landing: usize,
    /// `g.sys_sp` when the call was deferred: the system stack below the
    /// runtime frames live while that function runs.
    pub sys_sp: usize,
    /// The stack segment holding `frame`.
    pub segment: *mut Segment,
    /// The next older record.
    pub link: *mut Defer,
    /// The panic running this call (null when none, or when that panic
    /// was aborted).
    pub panic: *mut Panic,
    /// A panic has started this call.
    pub started: bool,
    /// `g.runs.len()` when the call was deferred: a recovery resuming the
    /// deferring function drops the runs of Go frames newer than its own.
    pub runs: usize,
}

impl Defer {
    const EMPTY: Defer = Defer {
        fn_: ptr::null(),
        frame: 0,
        landing: 0,
        sys_sp: 0,
        segment: ptr::null_mut(),
        link: ptr::null_mut(),
        panic: ptr::null_mut(),
        started: false,
        runs: 0,
    };
}

/// Free defer records, threaded through `link` (Go's `deferpool`).
#[repr(C)]
#[derive(Debug)]
pub struct DeferPool {
    head: *mut Defer,
    len: usize,
}

impl DeferPool {
    /// Records kept for reuse; more are returned to the allocator.
    pub const CAP: usize = 128;

    pub const fn new() -> DeferPool {
        DeferPool { head: ptr::null_mut(), len: 0 }
    }

    /// Free records held.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// A record (contents unspecified), from the pool when it has one.
    pub fn get(&mut self) -> *mut Defer {
        let d = self.head;
        if d.is_null() {
            return Box::into_raw(Box::new(Defer::EMPTY));
        }
        // SAFETY: pooled records are valid and owned by the pool.
        self.head = unsafe { (*d).link };
        self.len -= 1;
        d
    }

    /// Takes `d` back.
    ///
    /// # Safety
    /// `d` must come from [`DeferPool::get`] and be used by nothing else.
    pub unsafe fn put(&mut self, d: *mut Defer) {
        if self.len >= Self::CAP {
            // SAFETY: records are boxes (see `get`), and the caller gives
            // this one up.
            drop(unsafe { Box::from_raw(d) });
            return;
        }
        // SAFETY: the caller gives the record up.
        unsafe { (*d).link = self.head };
        self.head = d;
        self.len += 1;
    }
}

impl Default for DeferPool {
    fn default() -> DeferPool {
        DeferPool::new()
    }
}

/// An active panic.
#[repr(C)]
#[derive(Debug)]
pub struct Panic {
    /// The value passed to `panic`.
    pub arg: Eface,
    /// The value's `Error`/`String` text, once converted for printing
    /// (`converted`).
    pub text: crate::GoString,
    pub converted: bool,
    /// The next older panic.
    pub link: *mut Panic,
    /// The argument pointer of the deferred call this panic is running (0
    /// between calls); `recover` compares its caller's with it.
    pub argp: usize,
    pub recovered: bool,
    /// A newer panic raised in one of this panic's deferred calls went on
    /// past that call's frame: this one will never continue.
    pub aborted: bool,
}

impl Panic {
    pub fn new(arg: Eface, link: *mut Panic) -> Panic {
        Panic { arg, text: crate::GoString::EMPTY, converted: false, link, argp: 0, recovered: false, aborted: false }
    }
}

/// One stack segment (at the top of its own mapping).
#[repr(C)]
#[derive(Debug)]
pub struct Segment {
    /// Usable stack: `[lo, hi)`.
    pub lo: usize,
    pub hi: usize,
    /// Bytes of the mapping above the guard page (a power of two):
    /// `hi - lo + RECORD`.
    pub size: usize,
    /// Bytes of this segment and every older one in use: what the stack
    /// limit is checked against.
    pub total: usize,
    /// The older segment this one was entered from (null for the first).
    pub prev: *mut Segment,
    /// The newer segment entered from this one, or the one cached after
    /// the stack shrank back (null: none).
    pub next: *mut Segment,
    /// How the segment was entered by `rgo_morestack`: the function's stack
    /// pointer on entry (on the older segment), its return address, and
    /// the bytes of its argument
    /// area. `entry_sp` is 0 for a segment the runtime entered to call Go
    /// code (no `rgo_lessstack` returns from it).
    pub entry_sp: usize,
    pub ret: usize,
    pub args: usize,
    /// The mapping: `base .. base + PAGE + size`.
    pub(crate) base: usize,
}

/// A deferred call passed on by its wrapper: when the active panic is
/// running the wrapper (argument pointer `wrapper_argp`), the wrapped
/// function counts as the deferred call (`callee_argp`), so `recover` works
/// there (`rgo_defer_wrap_adjust`, and reflect's calls of wrapped deferred
/// functions).
///
/// # Safety
/// `g` must be the running goroutine.
pub unsafe fn pass_deferred_call(g: *mut G, wrapper_argp: usize, callee_argp: usize) {
    // SAFETY: the goroutine's panics are valid.
    unsafe {
        let p = (*g).panic;
        if !p.is_null() && (*p).argp == wrapper_argp {
            (*p).argp = callee_argp;
        }
    }
}

/// A function's argument area moved from `from` to `to` (morestack):
/// panics whose running deferred call it was follow it.
///
/// # Safety
/// `g` must be the running goroutine.
pub unsafe fn move_argp(g: *mut G, from: usize, to: usize) {
    // SAFETY: the goroutine's panics are valid.
    unsafe {
        let mut p = (*g).panic;
        while !p.is_null() {
            if (*p).argp == from {
                (*p).argp = to;
            }
            p = (*p).link;
        }
    }
}
