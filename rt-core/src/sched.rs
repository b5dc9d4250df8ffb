//! Goroutines and the scheduler: M:1, every goroutine on the one OS thread
//! (docs/goroutines.md has the design and the diagrams).
//!
//! - `go f(x)`: the compiler binds the call into a `func()` closure and
//!   calls [`rgo_newproc`], which gives a goroutine record (reused from
//!   the dead ones when there are) a first stack segment from the pool
//!   ([`stack::init_pooled`], 2 KiB) and queues it.
//! - A goroutine only ever blocks inside a runtime call (a channel
//!   operation, `select`, `runtime.Gosched`, a preemption request in
//!   `rgo_morestack_rs`), on the system stack. [`park`] saves the C
//!   callee-saved registers there (`rgo_ctx_park`, rt-arch's
//!   `asm/runtime/<arch>.S`) and enters the scheduler on a stack of its own,
//!   which copies the goroutine's part of the system stack (from the saved
//!   registers up to [`Sched::sys_top`]) away: onto the goroutine's own
//!   stack below its stack pointer when it fits there, else into a buffer.
//!   Resuming copies it back and returns from `rgo_ctx_park`
//!   (`rgo_ctx_resume`), so the runtime call continues as if it had never
//!   stopped. The copy is what lets every goroutine use the same system
//!   stack, including a goroutine blocked inside a deferred call the
//!   runtime is running.
//! - The run queue is behind [`RunQueue`]; the M:1 scheduler uses a FIFO
//!   list threaded through the goroutines ([`Fifo`]).
//! - Preemption as gc before Go 1.14: a CPU-time tick (SIGPROF every
//!   10 ms, started with the second goroutine) sets the running
//!   goroutine's `stackguard` to [`STACK_PREEMPT`], so the next prologue
//!   stack check fails and calls `rgo_morestack`, whose Rust half
//!   recognizes the value and yields ([`preempted`]) instead of growing. A
//!   loop polls the same request on its back edge ([`rgo_poll`]), so
//!   loops that call no function are preempted too.
//! - Timers ([`crate::timers`]): the heap of pending timers and sleeping
//!   goroutines is the scheduler's ([`Sched::timers`]). When the scheduler
//!   looks for work (each `Gosched` and preemption, each [`schedule`] that
//!   finds nothing runnable, and every [`TIMER_POLL_SWITCHES`]th one
//!   otherwise) it fires what is due: a Go timer goes to the runtime's
//!   timer goroutine, a sleeper is readied. When nothing is runnable but timers are pending,
//!   the thread sleeps until the earliest is due ([`os::sleep_until`]: no
//!   CPU, and the CPU-time tick is quiet meanwhile).
//! - When nothing is runnable and no timer is pending, every goroutine is
//!   blocked for good (rgo has no I/O waits yet), unless one waits for a
//!   signal ([`crate::sigqueue`]): Go's deadlock report, exit status 2.

use crate::fatal::{dying_out, EXIT_PANIC, STATE, PRINTING};
use crate::g::{current_g, main_g, set_current_g, Status, G};
use crate::print::{fmt_uint, Sink};
use crate::threads::SpinMutex;
use crate::timers::{Target, TimerHeap};
use crate::{gocall, os, stack};
use alloc::boxed::Box;
use alloc::vec::Vec;
use core::alloc::Layout;
use core::cell::UnsafeCell;
use core::ptr;
use core::sync::atomic::{AtomicUsize, Ordering};

/// The `stackguard` that makes every prologue check fail: a preemption
/// request (gc's `stackPreempt`). Above any stack address.
pub const STACK_PREEMPT: usize = 0xffff_ffff_ffff_fade;

/// Microseconds of CPU time between preemption requests (gc's
/// `forcePreemptNS` is 10 ms).
const TICK_USEC: usize = 10_000;

/// With goroutines runnable, the scheduler looks at the clock for due
/// timers on every this many switches (and on every `Gosched` and
/// preemption, and whenever nothing is runnable): reading the clock is a
/// system call, several times the cost of a switch, and a timer firing a
/// few dozen switches (microseconds) late is not noticeable.
const TIMER_POLL_SWITCHES: u32 = 32;

/// Go's goroutine ids: 1 is main; gc's runtime starts a few goroutines of
/// its own before `main.main` runs, so a program's first `go` statement
/// usually creates goroutine 17 there. rgo numbers from there too.
const FIRST_GOID: u64 = 17;

/// Where runnable goroutines wait for their turn. A scheduler with several
/// threads would keep one per thread and steal between them; M:1 needs
/// one.
pub trait RunQueue {
    /// Appends `g`.
    ///
    /// # Safety
    /// `g` must be a valid goroutine in no queue.
    unsafe fn push(&mut self, g: *mut G);
    /// Makes `g` the next to run (gc's `runnext`: a goroutine just woken
    /// or created runs before the queued ones, so a producer and a
    /// consumer hand over directly); the one it displaces goes to the tail.
    ///
    /// # Safety
    /// As for [`RunQueue::push`].
    unsafe fn push_next(&mut self, g: *mut G);
    /// The goroutine to run next.
    fn pop(&mut self) -> Option<*mut G>;
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What channels (and later sync and timers) need from a scheduler:
/// blocking the running goroutine and making a blocked one runnable. The
/// M:1 scheduler is [`M1`] ([`SCHEDULER`]); one with several threads would
/// implement the same operations with per-thread run queues and locks.
pub trait Parking {
    /// Blocks the running goroutine for `reason` until [`Parking::ready`]
    /// is called for it; returns then.
    ///
    /// # Safety
    /// As for [`park`].
    unsafe fn park(&self, reason: &'static str);
    /// [`Parking::park`], giving up the lock the waker takes (`unlock`)
    /// once the goroutine is marked waiting.
    ///
    /// # Safety
    /// As for [`park_unlocking`].
    unsafe fn park_unlocking(&self, reason: &'static str, unlock: impl FnOnce());
    /// Makes the parked goroutine `g` runnable.
    ///
    /// # Safety
    /// As for [`ready`].
    unsafe fn ready(&self, g: *mut G);
    /// Lets other runnable goroutines run first.
    ///
    /// # Safety
    /// As for [`rgo_gosched`].
    unsafe fn yield_now(&self);
}

/// The M:1 scheduler of this module.
#[derive(Debug)]
pub struct M1;

/// The scheduler the runtime uses.
pub static SCHEDULER: M1 = M1;

impl Parking for M1 {
    unsafe fn park(&self, reason: &'static str) {
        // SAFETY: as the caller promises.
        unsafe { park(reason) }
    }

    unsafe fn park_unlocking(&self, reason: &'static str, unlock: impl FnOnce()) {
        // SAFETY: as the caller promises.
        unsafe { park_unlocking(reason, unlock) }
    }

    unsafe fn ready(&self, g: *mut G) {
        // SAFETY: as the caller promises.
        unsafe { ready(g) }
    }

    unsafe fn yield_now(&self) {
        // SAFETY: as the caller promises.
        unsafe { rgo_gosched() }
    }
}

/// A FIFO run queue threaded through [`G::sched_link`] (no allocation),
/// with a `next` slot in front of it. It samples how long goroutines wait
/// in it (runtime/metrics' `/sched/latencies:seconds`): one goroutine in
/// [`LATENCY_PERIOD`] that becomes runnable is timed until it runs, as gc
/// times one status change in eight, so the clock is read twice per
/// eight wake-ups.
#[derive(Debug)]
pub struct Fifo {
    next: *mut G,
    head: *mut G,
    tail: *mut G,
    len: usize,
    /// Goroutines queued since the last one timed.
    untimed: u32,
}

/// See [`Fifo`].
const LATENCY_PERIOD: u32 = 8;

impl Fifo {
    pub const fn new() -> Fifo {
        Fifo { next: ptr::null_mut(), head: ptr::null_mut(), tail: ptr::null_mut(), len: 0, untimed: 0 }
    }

    /// `g` became runnable: timed if its turn to be sampled has come.
    ///
    /// # Safety
    /// `g` must be a valid goroutine.
    unsafe fn became_runnable(&mut self, g: *mut G) {
        self.untimed += 1;
        if self.untimed == LATENCY_PERIOD {
            self.untimed = 0;
            // SAFETY: as the caller promises.
            unsafe { (*g).runnable_since = os::nanotime().max(1) };
        }
    }

    /// Appends `g`, keeping whether it is timed.
    ///
    /// # Safety
    /// As for [`RunQueue::push`].
    unsafe fn append(&mut self, g: *mut G) {
        // SAFETY: the caller gives a valid goroutine that is in no queue;
        // the tail is one of ours.
        unsafe {
            (*g).sched_link = ptr::null_mut();
            if self.tail.is_null() {
                self.head = g;
            } else {
                (*self.tail).sched_link = g;
            }
        }
        self.tail = g;
        self.len += 1;
    }

    /// `g` is about to run: its wait, if timed.
    fn runs(g: *mut G) -> *mut G {
        // SAFETY: queued goroutines are valid.
        unsafe {
            let since = (*g).runnable_since;
            if since != 0 {
                (*g).runnable_since = 0;
                crate::metrics::LATENCIES.record(os::nanotime() - since);
            }
        }
        g
    }
}

impl Default for Fifo {
    fn default() -> Fifo {
        Fifo::new()
    }
}

impl RunQueue for Fifo {
    unsafe fn push(&mut self, g: *mut G) {
        // SAFETY: as the caller promises.
        unsafe {
            self.became_runnable(g);
            self.append(g);
        }
    }

    unsafe fn push_next(&mut self, g: *mut G) {
        // SAFETY: as the caller promises.
        unsafe { self.became_runnable(g) };
        let old = core::mem::replace(&mut self.next, g);
        self.len += 1;
        if !old.is_null() {
            self.len -= 1;
            // SAFETY: the displaced goroutine is valid and now in no queue.
            unsafe { self.append(old) };
        }
    }

    fn pop(&mut self) -> Option<*mut G> {
        if !self.next.is_null() {
            self.len -= 1;
            return Some(Fifo::runs(core::mem::replace(&mut self.next, ptr::null_mut())));
        }
        let g = self.head;
        if g.is_null() {
            return None;
        }
        // SAFETY: queued goroutines are valid.
        unsafe {
            self.head = (*g).sched_link;
            (*g).sched_link = ptr::null_mut();
        }
        if self.head.is_null() {
            self.tail = ptr::null_mut();
        }
        self.len -= 1;
        Some(Fifo::runs(g))
    }

    fn len(&self) -> usize {
        self.len
    }
}

/// The scheduler's state.
struct Sched {
    /// Every goroutine ever created (dead ones are reused), for the
    /// deadlock report.
    all: Vec<*mut G>,
    /// The top of the system stack part goroutines use: the stack pointer
    /// of `rgo_rt_start` when it entered Go. Everything below it on the
    /// system stack belongs to the running goroutine.
    sys_top: usize,
    /// `runtime.Goexit` ended the main goroutine.
    main_exited: bool,
    /// Switches since the scheduler last looked for due timers.
    since_poll: u32,
    /// Pending timers and sleeping goroutines. The collector takes the Go
    /// timers in it (and through them their `f`) as roots.
    timers: TimerHeap,
}

struct SchedCell(UnsafeCell<Sched>);

// SAFETY: M:1: only the one thread running Go code touches the scheduler
// (the tick's signal handler only writes the running goroutine's
// stackguard).
unsafe impl Sync for SchedCell {}

static SCHED: SchedCell = SchedCell(UnsafeCell::new(Sched {
    all: Vec::new(),
    sys_top: 0,
    main_exited: false,
    since_poll: 0,
    timers: TimerHeap::new(),
}));

/// Dead goroutines, threaded through `sched_link`, under a lock of their
/// own: a `go` statement takes one without the runtime lock
/// ([`rgo_newproc_nolock`]).
static FREE: SpinMutex<*mut G> = SpinMutex::new(ptr::null_mut());

/// A dead goroutine record to reuse, off the free list.
fn pop_free() -> Option<*mut G> {
    FREE.with(|head| {
        let g = *head;
        if !g.is_null() {
            // SAFETY: dead goroutines on the list are valid.
            unsafe {
                *head = (*g).sched_link;
                (*g).sched_link = ptr::null_mut();
            }
        }
        (!g.is_null()).then_some(g)
    })
}

/// Puts the dead goroutine `g` on the free list.
///
/// # Safety
/// `g` must be dead, its stack released, in no queue.
unsafe fn push_free(g: *mut G) {
    FREE.with(|head| {
        // SAFETY: as the caller promises.
        unsafe { (*g).sched_link = *head };
        *head = g;
    })
}

/// Goroutines not dead (`runtime.NumGoroutine`).
static LIVE: AtomicUsize = AtomicUsize::new(1);
/// The next goroutine's id.
static NEXT_GOID: core::sync::atomic::AtomicU64 = core::sync::atomic::AtomicU64::new(FIRST_GOID);
/// The preemption tick runs (started with the second goroutine).
static TICKING: core::sync::atomic::AtomicBool = core::sync::atomic::AtomicBool::new(false);

/// The scheduler. Callers keep the reference short: never across a park.
/// Every goroutine record (dead ones too: they are reused), for
/// `runtime.Stack(buf, true)`.
pub(crate) fn all_goroutines() -> &'static [*mut G] {
    &sched().all
}

/// The top of the system stack part goroutines use ([`Sched::sys_top`]).
pub fn sys_top() -> usize {
    sched().sys_top
}

/// Goroutines waiting in the run queue (a snapshot: with several
/// processors, other threads may queue goroutines without the runtime lock).
pub fn runnable_count() -> usize {
    QUEUED.load(Ordering::SeqCst)
}

/// The run queue. Goroutines join it without the runtime lock too (a
/// channel operation's lockless variant readies the goroutine it
/// completes): with several processors it has a lock of its own, taken
/// inside the runtime lock and inside a channel's, never the other way
/// round. Goroutines leave it only under the runtime lock (the scheduler).
static RUNQ: SpinMutex<Fifo> = SpinMutex::new(Fifo::new());

/// The run queue's length and how many goroutines were taken off it so
/// far, kept beside it for the workers that spin without the runtime lock
/// (crate::threads, "spinning") and read them only.
/// (A cache line of their own: the spinners' reads must not slow down the
/// lock's word or anything else the holder writes.)
#[repr(align(64))]
struct QueueWatch {
    queued: AtomicUsize,
    taken: AtomicUsize,
}
static WATCH: QueueWatch = QueueWatch { queued: AtomicUsize::new(0), taken: AtomicUsize::new(0) };
const QUEUED: &AtomicUsize = &WATCH.queued;
const TAKEN: &AtomicUsize = &WATCH.taken;

/// [`QUEUED`] and [`TAKEN`], read without the lock: whether goroutines
/// wait, and a count that moves whenever one is taken.
pub fn queue_watch() -> (usize, usize) {
    (QUEUED.load(Ordering::SeqCst), TAKEN.load(Ordering::Relaxed))
}

/// Queues `g` behind the others.
///
/// # Safety
/// As for [`RunQueue::push`].
unsafe fn enqueue(g: *mut G) {
    RUNQ.with(|q| {
        // SAFETY: as the caller promises.
        unsafe { q.push(g) };
        note_queued(q);
    })
}

/// Updates [`QUEUED`] after a push. With several processors, a swap: the
/// length is visible before `threads::wakep` reads the spinners' count,
/// even under qemu-aarch64 (see `threads::release`); with one, a plain
/// store (no spinner reads it).
fn note_queued(q: &Fifo) {
    if crate::threads::parallel() {
        QUEUED.swap(q.len(), Ordering::SeqCst);
    } else {
        QUEUED.store(q.len(), Ordering::Relaxed);
    }
}

/// Makes `g` the next to run ([`RunQueue::push_next`]).
///
/// # Safety
/// As for [`RunQueue::push`].
unsafe fn enqueue_next(g: *mut G) {
    RUNQ.with(|q| {
        // SAFETY: as the caller promises.
        unsafe { q.push_next(g) };
        note_queued(q);
    })
}

/// The goroutine to run next, off the queue (the runtime lock's holder).
fn dequeue() -> Option<*mut G> {
    RUNQ.with(|q| {
        let g = q.pop()?;
        QUEUED.store(q.len(), Ordering::Relaxed);
        // One writer (the runtime lock's holder): no read-modify-write
        // needed.
        TAKEN.store(TAKEN.load(Ordering::Relaxed).wrapping_add(1), Ordering::Relaxed);
        Some(g)
    })
}

/// Whether no goroutine waits in the run queue (a snapshot, as for
/// [`runnable_count`]).
fn queue_empty() -> bool {
    runnable_count() == 0
}

fn sched() -> &'static mut Sched {
    // SAFETY: one thread (see SchedCell), and no caller holds the
    // reference across a switch or a call that takes it again.
    unsafe { &mut *SCHED.0.get() }
}

/// The pending timers ([`crate::timers`]). Callers keep the reference
/// short, as for the scheduler's.
pub(crate) fn timers() -> &'static mut TimerHeap {
    &mut sched().timers
}

/// Fires every timer due by now: a Go timer goes to the timer goroutine's
/// queue (and a periodic one is re-armed), a sleeping goroutine becomes
/// runnable; what is readied goes to the run queue's next slot, as gc's
/// `goready` does.
fn run_timers() {
    sched().since_poll = 0;
    if sched().timers.is_empty() {
        return;
    }
    let now = os::nanotime();
    while let Some(t) = sched().timers.pop_due(now) {
        match t {
            // The timer goroutine calls its f.
            Target::Timer(t) => {
                if let Some(g) = sched().timers.fire(t) {
                    // SAFETY: the timer goroutine parked in rgo_timer_next,
                    // in no queue.
                    unsafe { ready(g) }
                }
            }
            // SAFETY: a sleeper is parked in rgo_sleep, in no queue.
            Target::Sleeper(g) => unsafe { ready(g) },
        }
    }
}

// The assembly reads only the header of `G` (`rgo_abi.h`).
#[allow(improper_ctypes)]
extern "C" {
    /// Saves the C callee-saved registers on the current stack, stores the
    /// stack pointer at `save` and calls `f(arg)` on `stack`; returns when
    /// `rgo_ctx_resume(*save)` is called (rt-arch `asm/runtime/<arch>.S`).
    fn rgo_ctx_park(save: *mut usize, stack: usize, f: unsafe extern "C" fn(usize) -> !, arg: usize);
    /// Returns from the `rgo_ctx_park` that saved `sp`.
    fn rgo_ctx_resume(sp: usize) -> !;
    /// Calls `f(arg)` on `stack`, abandoning the current one.
    fn rgo_call_on(stack: usize, f: unsafe extern "C" fn(usize) -> !, arg: usize) -> !;
    /// Enters the Go func value `fn_` (type `func()`) as goroutine `g` at
    /// `argp` on its stack, returning to rt-arch's `rgo_go_exit`; abandons
    /// the current stack.
    fn rgo_go_start(g: *mut G, fn_: *const (), argp: usize) -> !;
}

/// Records where goroutines' part of the system stack begins. Called once
/// by `rgo_rt_start` before it enters Go.
pub fn init(sys_top: usize) {
    // SAFETY: a dying program calls it from a runtime call of the running
    // goroutine, while no other runs (M:1).
    unsafe { crate::fatal::set_last_words(crate::traceback::print_dying) };
    let s = sched();
    s.sys_top = sys_top & !15;
    s.all.push(main_g());
}

/// `go f()`: a new goroutine that calls the Go func value `fn_` (type
/// `func()`, the arguments bound by the compiler).
///
/// # Safety
/// `fn_` must be a Go func value of type `func()`; called on the system
/// stack by compiled code.
#[no_mangle]
pub unsafe extern "C" fn rgo_newproc(fn_: *const ()) {
    // SAFETY: as the caller promises.
    unsafe { newproc(fn_, false) }
}

/// A goroutine of the runtime's (see [`G::system`]) running `fn_`: the
/// finalizer goroutine, not counted by `runtime.NumGoroutine` from its
/// start (it may wait in the run queue long after its creation).
///
/// # Safety
/// As for [`rgo_newproc`].
#[no_mangle]
pub unsafe extern "C" fn rgo_newproc_system(fn_: *const ()) {
    // SAFETY: as the caller promises.
    unsafe { newproc(fn_, true) }
}

/// [`rgo_newproc`], of a system goroutine when `system`.
///
/// # Safety
/// As for [`rgo_newproc`].
unsafe fn newproc(fn_: *const (), system: bool) {
    let g = pop_free().unwrap_or_else(|| {
        let g = Box::into_raw(Box::new(G::new(0)));
        sched().all.push(g);
        g
    });
    // SAFETY: `g` is fresh or dead (unused); the running goroutine creates
    // it.
    unsafe {
        init_goroutine(g, fn_, system, crate::g::current_g());
        crate::trace::go_create(g);
        enqueue_next(g);
    }
    crate::threads::wakep();
    if !TICKING.swap(true, Ordering::Relaxed) {
        start_tick();
    }
}

/// Makes the unused record `g` a runnable goroutine that calls the Go
/// func value `fn_` (of the runtime's when `system`), created by `creator`
/// (standing in its `go` statement's runtime call: its profile labels go
/// to the new goroutine), counted by `runtime.NumGoroutine` unless
/// `system`.
///
/// # Safety
/// `g` must be fresh or dead; `fn_` as for [`rgo_newproc`].
unsafe fn init_goroutine(g: *mut G, fn_: *const (), system: bool, creator: *mut G) {
    let main = main_g();
    // SAFETY: as the caller promises; main is valid.
    unsafe {
        stack::init_pooled(g);
        (*g).goid = NEXT_GOID.fetch_add(1, Ordering::Relaxed);
        (*g).sys_lo = (*main).sys_lo;
        (*g).sys_hi = (*main).sys_hi;
        (*g).sys_sp = sys_top();
        (*g).defer = ptr::null_mut();
        (*g).panic = ptr::null_mut();
        (*g).sig = 0;
        (*g).start_fn = fn_;
        (*g).gopc = (*creator).go_pc;
        (*g).labels = (*creator).labels;
        (*g).block_since = 0;
        (*g).runnable_since = 0;
        (*g).panic_on_fault = false;
        // No Go frames yet: the collector's walk ends at the first call.
        (*g).go_pc = 0;
        (*g).runs.clear();
        (*g).system = system;
        (*g).ctx_sp = 0;
        (*g).saved_len = 0;
        (*g).status = Status::Runnable as u8;
    }
    if !system {
        LIVE.fetch_add(1, Ordering::Relaxed);
    }
}

/// [`rgo_newproc`] without the runtime lock (several processors): done (1)
/// with a dead goroutine's record to reuse; declines (0) when there is
/// none (a new record joins the list of all under the lock), while the
/// execution tracer records, and before the preemption tick runs.
///
/// # Safety
/// As for [`rgo_newproc`]; called by rt-arch's `rgo_rt_try` only, with the
/// running thread's record.
#[no_mangle]
pub unsafe extern "C" fn rgo_newproc_nolock(thread: *const crate::g::ThreadHead, fn_: *const ()) -> usize {
    if crate::trace::on() || !TICKING.load(Ordering::Relaxed) {
        return 0;
    }
    let Some(g) = pop_free() else { return 0 };
    // SAFETY: as the caller promises: the thread runs the creator.
    unsafe {
        init_goroutine(g, fn_, false, crate::threads::running_on(thread));
        enqueue_next(g);
    }
    crate::threads::wakep();
    1
}

/// Starts the preemption tick.
fn start_tick() {
    // SAFETY: the handler only stores a word into the running goroutine
    // and adds to an atomic counter.
    unsafe {
        if os::set_tick_handler(os::SIGPROF, on_tick) {
            os::start_cpu_tick(tick_usec());
        }
    }
}

/// The tick's period while a CPU profile is taken (microseconds; 0: none,
/// the preemption tick's own [`TICK_USEC`]).
static PROFILE_TICK_USEC: core::sync::atomic::AtomicUsize = core::sync::atomic::AtomicUsize::new(0);

fn tick_usec() -> usize {
    match PROFILE_TICK_USEC.load(core::sync::atomic::Ordering::Relaxed) {
        0 => TICK_USEC,
        p => p,
    }
}

/// A CPU profile starts (`Some(period)` in microseconds) or ends (`None`):
/// the tick runs at its period meanwhile, from now on even with one
/// goroutine, and at [`TICK_USEC`] after.
pub fn set_tick_period(usec: Option<usize>) {
    PROFILE_TICK_USEC.store(usec.unwrap_or(0), core::sync::atomic::Ordering::Relaxed);
    if TICKING.swap(true, Ordering::Relaxed) {
        os::start_cpu_tick(tick_usec());
    } else {
        start_tick();
    }
}

/// `syscall.Exec`'s `runtime_BeforeExec`: stops the preemption tick. An
/// interval timer outlives `execve`, and the new program, which has no
/// handler yet, would end at its first SIGPROF (the default action): slow
/// starts, as under an emulator, met it (syscall's TestExec).
#[no_mangle]
pub extern "C" fn rgo_before_exec() {
    if TICKING.load(Ordering::Relaxed) {
        os::stop_cpu_tick();
    }
}

/// `runtime_AfterExec`: the exec failed; the tick starts again.
#[no_mangle]
pub extern "C" fn rgo_after_exec() {
    if TICKING.load(Ordering::Relaxed) {
        os::start_cpu_tick(tick_usec());
    }
}

/// The tick: asks the running goroutine to yield at its next stack check.
///
/// # Safety
/// Only the kernel calls this.
unsafe extern "C" fn on_tick(_sig: i32, _info: *const u8, _ctx: *mut u8) {
    crate::profile::tick();
    request_preemption();
}

/// Asks the running goroutine to yield at its next prologue stack check
/// (what the tick does, wherever it lands: in Go code, in the runtime, or
/// in a Rust host between its calls into Go, where the request waits for
/// the next call's first check).
pub fn request_preemption() {
    if crate::threads::parallel() {
        return crate::threads::preempt_all();
    }
    let g = current_g();
    // SAFETY: a plain store into the running goroutine's first word; its
    // owner restores the real guard when it sees the request (or the
    // scheduler does when it resumes the goroutine).
    unsafe { ptr::write_volatile(ptr::addr_of_mut!((*g).stackguard), STACK_PREEMPT) };
}

/// How deep the running goroutine holds the runtime (package runtime's
/// `lockRuntime`, for its own state in Go: the poller's descriptor table,
/// a timer's fields while they change, the metrics): with several processors the runtime lock
/// stays taken until `unlockRuntime` (crate::threads), and meanwhile no
/// preemption and no collection. Only the lock's holder counts here.
static HELD: core::sync::atomic::AtomicU32 = core::sync::atomic::AtomicU32::new(0);

/// Whether the running goroutine may not be preempted nor collect now: it
/// holds the runtime ([`rgo_lock_runtime`]) or is pinned to its processor
/// ([`rgo_proc_pin`]).
pub fn pinned() -> bool {
    // SAFETY: the running goroutine's own record.
    holds_runtime() || unsafe { (*current_g()).pins != 0 }
}

/// Whether the running goroutine holds the runtime ([`rgo_lock_runtime`]).
pub fn holds_runtime() -> bool {
    HELD.load(core::sync::atomic::Ordering::Relaxed) != 0
}

/// Package runtime's `lockRuntime` (see [`HELD`]).
#[no_mangle]
pub extern "C" fn rgo_lock_runtime() {
    HELD.fetch_add(1, core::sync::atomic::Ordering::Relaxed);
}

/// Package runtime's `unlockRuntime`: undoes one [`rgo_lock_runtime`].
#[no_mangle]
pub extern "C" fn rgo_unlock_runtime() {
    HELD.fetch_sub(1, core::sync::atomic::Ordering::Relaxed);
}

/// `sync.runtime_procPin`: pins the running goroutine to its processor
/// (gc's `m.locks`): no preemption and no collection until the matching
/// [`rgo_proc_unpin`], so package sync's per-processor pool and its
/// lock-free queue change under no other goroutine. Returns the
/// processor's id plus one (0 is a lockless variant's refusal): an id
/// below `GOMAXPROCS` that no other pinned goroutine has
/// (crate::threads::take_processor_id).
#[no_mangle]
pub extern "C" fn rgo_proc_pin() -> i64 {
    // SAFETY: the running goroutine.
    unsafe { pin(current_g(), None) }
}

/// [`rgo_proc_pin`] without the runtime lock, with several processors.
///
/// # Safety
/// Called by rt-arch's `rgo_rt_try` only, with the running thread's record.
#[no_mangle]
pub unsafe extern "C" fn rgo_proc_pin_nolock(thread: *const crate::g::ThreadHead) -> i64 {
    // SAFETY: as the caller promises: the thread runs this goroutine.
    unsafe { pin(crate::threads::running_on(thread), Some(thread)) }
}

/// `sync.runtime_procUnpin`: undoes one [`rgo_proc_pin`].
#[no_mangle]
pub extern "C" fn rgo_proc_unpin() {
    // SAFETY: the running goroutine.
    unsafe { unpin(current_g()) }
}

/// [`rgo_proc_unpin`] without the runtime lock; returns 1 (done).
///
/// # Safety
/// As for [`rgo_proc_pin_nolock`].
#[no_mangle]
pub unsafe extern "C" fn rgo_proc_unpin_nolock(thread: *const crate::g::ThreadHead) -> usize {
    // SAFETY: as the caller promises.
    unsafe { unpin(crate::threads::running_on(thread)) };
    1
}

/// One pin more for `g`, the first taking a processor id (`thread`: the
/// record of the thread running it, for the id it used last).
///
/// # Safety
/// `g` must be the running goroutine.
unsafe fn pin(g: *mut G, thread: Option<*const crate::g::ThreadHead>) -> i64 {
    // SAFETY: as the caller promises.
    unsafe {
        (*g).pins += 1;
        if (*g).pins == 1 {
            (*g).pin_id = crate::threads::take_processor_id(thread);
        }
        (*g).pin_id as i64 + 1
    }
}

/// One pin less for `g`; the last gives its processor id back and, while
/// a collection waits for the world to stop, asks `g` to yield at its next
/// check (the request it turned down while pinned).
///
/// # Safety
/// `g` must be the running goroutine, pinned.
unsafe fn unpin(g: *mut G) {
    // SAFETY: as the caller promises.
    unsafe {
        (*g).pins -= 1;
        if (*g).pins == 0 {
            crate::threads::give_processor_id((*g).pin_id);
            if crate::threads::stopping() {
                ptr::write_volatile(ptr::addr_of_mut!((*g).stackguard), STACK_PREEMPT);
            }
        }
    }
}

/// The code address standing for gc's `runtime.main` in tracebacks and
/// traces: [`start_main`]'s, where rt-core's main goroutine begins.
pub(crate) fn runtime_main_pc() -> usize {
    start_main as *const () as usize
}

/// Starts the main goroutine at the program's Go entry `fn_` (a func value
/// of type `func()`), as the scheduler starts every goroutine: on its first
/// segment, with nothing of it on the system stack (rt-arch's
/// `rgo_go_start`). Its return ends the program ([`rgo_go_exit_rs`]).
///
/// # Safety
/// Called once, by the process entry on the system stack after [`init`],
/// with the main goroutine current and its first segment made; the
/// caller's frames are abandoned.
pub unsafe fn start_main(fn_: *const ()) -> ! {
    let g = main_g();
    // SAFETY: as the caller promises.
    unsafe {
        (*g).sys_sp = sched().sys_top;
        (*g).start_fn = ptr::null();
        stack::enter(g, (*g).segment);
        rgo_go_start(g, fn_, (*g).go_sp)
    }
}

/// Where every goroutine's function returns (rt-arch's `rgo_go_exit`, on
/// the system stack as a runtime call): the main goroutine's return ends
/// the program, with status 0, whatever the others are doing; any other
/// goroutine ends.
///
/// # Safety
/// Only `rgo_go_exit` calls this, for the running goroutine, whose Go
/// frames are all gone.
#[no_mangle]
pub unsafe extern "C" fn rgo_go_exit_rs() -> ! {
    if current_g() == main_g() {
        crate::print::with_out(|o| o.flush());
        os::exit(0)
    }
    // SAFETY: as the caller promises.
    unsafe { exit_current() }
}

/// The running goroutine is done (returned, or `runtime.Goexit` ran its
/// deferred calls): its stack goes back to the pool, the record to the free
/// list, and the scheduler picks the next goroutine.
///
/// # Safety
/// Called on the system stack; nothing may run on the goroutine's stack any
/// more.
pub unsafe fn exit_current() -> ! {
    let g = current_g();
    crate::trace::go_end();
    // SAFETY: the goroutine is ours and done.
    unsafe {
        crate::threads::goroutine_ends(g);
        if !(*g).system {
            LIVE.fetch_sub(1, Ordering::Relaxed);
        }
        (*g).status = Status::Dead as u8;
        free_saved(g);
        if g == main_g() {
            sched().main_exited = true;
        } else {
            stack::release(g);
            push_free(g);
        }
        rgo_call_on(sched_stack(), schedule, 0)
    }
}

/// The top of the scheduler's stack: the stack of the thread holding the
/// processor (crate::threads).
fn sched_stack() -> usize {
    crate::threads::sched_stack()
}

/// Parks the running goroutine, blocked for `reason` (Go's wait reason:
/// "chan receive", "select", ...), until [`ready`] queues it again and the
/// scheduler resumes it: then returns.
///
/// # Safety
/// Called on the system stack inside a runtime call of the running
/// goroutine, holding no lock and no reference into the scheduler; whoever
/// will wake it must already be able to find it.
pub unsafe fn park(reason: &'static str) {
    // SAFETY: as the caller promises.
    unsafe { park_unlocking(reason, || ()) }
}

/// [`park`], for a goroutine whose waker finds it under a lock of its own
/// (a channel's): `unlock` gives that lock up once the goroutine is marked
/// waiting. A waker on another thread may then ready it before it has left
/// its thread: it stays queued until this thread, which holds the runtime
/// lock until the goroutine is saved, schedules.
///
/// # Safety
/// As for [`park`], except that `unlock` may hold the lock its waker takes.
pub unsafe fn park_unlocking(reason: &'static str, unlock: impl FnOnce()) {
    let g = current_g();
    let since = crate::profile::block_begins(reason);
    crate::trace::go_park(reason);
    // SAFETY: the running goroutine.
    unsafe {
        (*g).block_since = since;
        (*g).status = Status::Waiting as u8;
        (*g).set_wait_reason(reason);
        unlock();
        switch_out(g);
        if since != 0 {
            crate::profile::block_ends(g, since);
        }
    }
}

/// Saves the running goroutine `g` and enters the scheduler; returns when
/// `g` is resumed.
///
/// # Safety
/// As for [`park`]; `g` must be the running goroutine, already marked
/// waiting or queued.
unsafe fn switch_out(g: *mut G) {
    // A pinned goroutine (`sync.runtime_procPin`) holds a processor id that
    // no other may take until it unpins: it must not leave its thread.
    // SAFETY: the running goroutine's record.
    if unsafe { (*g).pins } != 0 {
        crate::fatal::fatal("schedule: holding locks");
    }
    let top = sched_stack();
    // SAFETY: `g` is the running goroutine; the scheduler saves its part
    // of the system stack before anything else uses it.
    unsafe { rgo_ctx_park(ptr::addr_of_mut!((*g).ctx_sp), top, schedule, g as usize) };
}

/// Makes the parked goroutine `g` runnable, to run next (see
/// [`RunQueue::push_next`]).
///
/// # Safety
/// `g` must be a parked goroutine (not queued, not running).
#[inline]
pub unsafe fn ready(g: *mut G) {
    // SAFETY: as the caller promises.
    unsafe {
        crate::trace::go_unpark(g);
        (*g).status = Status::Runnable as u8;
        enqueue_next(g);
    }
    crate::threads::wakep();
}

/// Queues `g`, parked in a runtime call with its frames saved, behind the
/// others (a system call back while the world stops, crate::threads).
///
/// # Safety
/// `g` must be parked (not queued, not running), its system stack part
/// saved.
pub(crate) unsafe fn requeue(g: *mut G) {
    // SAFETY: as the caller promises.
    unsafe {
        (*g).status = Status::Runnable as u8;
        enqueue(g);
    }
}

/// `g`, whose system stack part was saved for a system call
/// (crate::threads), goes on on this thread: its frames come back where
/// they were.
///
/// # Safety
/// The caller holds the runtime lock on its scheduler stack; `g` is the
/// goroutine of the call.
pub(crate) unsafe fn runs_again(g: *mut G) {
    set_current_g(g);
    // SAFETY: as the caller promises; the saved bytes are what was there.
    unsafe {
        crate::threads::runs(g);
        copy_words((*g).ctx_sp, (*g).saved_at, (*g).saved_len);
    }
}

/// Parks the running goroutine, a collection's, until every other
/// processor stopped (crate::threads::stop_the_world).
///
/// # Safety
/// As for [`park`].
pub(crate) unsafe fn park_for_stop() {
    let g = current_g();
    // SAFETY: the running goroutine; the scheduler does not queue it, and
    // the last processor to stop runs it.
    unsafe {
        (*g).status = Status::Waiting as u8;
        (*g).set_wait_reason("garbage collection");
        switch_out(g);
    }
}

/// `runtime.Gosched`: lets the other runnable goroutines run first.
///
/// # Safety
/// Called on the system stack by compiled code.
#[no_mangle]
pub unsafe extern "C" fn rgo_gosched() {
    // SAFETY: as the caller promises.
    unsafe { yield_running(false) }
}

/// [`rgo_gosched`], or a yield asked for by a preemption request
/// (`preempted`): the execution tracer tells them apart.
///
/// # Safety
/// As for [`rgo_gosched`].
unsafe fn yield_running(preempted: bool) {
    run_timers();
    if queue_empty() && !crate::threads::stopping() {
        // What only the scheduler's loop gathers could be runnable: with
        // none of it, a goroutine yielding in a loop would keep the others
        // waiting for I/O, a signal or a system call's return for good
        // (gc's sysmon polls the network for the same reason).
        gather_ready(true);
        if queue_empty() {
            // It runs on at once; a trace shows the yield all the same, as
            // gc's scheduler does.
            crate::trace::go_sched(preempted);
            // SAFETY: the running goroutine.
            unsafe { crate::trace::go_start(current_g()) };
            return;
        }
    }
    crate::trace::go_sched(preempted);
    let g = current_g();
    // SAFETY: the running goroutine, queued behind the others.
    unsafe {
        (*g).status = Status::Runnable as u8;
        enqueue(g);
        switch_out(g);
    }
}

/// A loop's preemption point (compiled code's `Inst::Poll`) found a
/// request in the stack guard: the real guard comes back and the goroutine
/// yields, as at a prologue (`rgo_morestack_rs`), unless the program is
/// dying or the goroutine is pinned (the next tick asks again). Unlike a
/// prologue, a poll stands in a body whose frame is built, at a safepoint
/// of its own: the collector walks the goroutine from there.
///
/// # Safety
/// Called on the system stack by compiled code, as a runtime call (which
/// records the goroutine's `go_sp` and `go_pc`).
#[no_mangle]
pub unsafe extern "C" fn rgo_poll() {
    let g = current_g();
    // SAFETY: the running goroutine, on the segment it runs on.
    unsafe {
        if ptr::read_volatile(ptr::addr_of!((*g).stackguard)) != STACK_PREEMPT {
            return;
        }
        stack::enter(g, (*g).segment);
        if STATE.load(Ordering::Relaxed) == crate::fatal::RUNNING && !pinned() {
            crate::profile::cpu_sample(0);
            preempted();
        }
    }
}

/// The Rust half of `rgo_morestack`, on the system stack (arguments as
/// for [`stack::grow`]): a prologue's stack check failed, because F's frame
/// does not fit on its segment (the stack grows), or because the
/// scheduler asked for a yield ([`STACK_PREEMPT`]).
///
/// # Safety
/// Only `rgo_morestack` calls this, with `g` the running goroutine and the
/// argument area as [`stack::grow`] describes.
#[no_mangle]
pub unsafe extern "C" fn rgo_morestack_rs(g: *mut G, entry_sp: usize, ret: usize, cont: usize, need: usize, args: usize) -> stack::SpPc {
    // SAFETY: the running goroutine, stopped in a prologue as described.
    unsafe {
        if (*g).stackguard == STACK_PREEMPT {
            // The scheduler's tick asked for a yield (crate::sched): the
            // real guard comes back, and a frame that fits continues on
            // this segment after other goroutines had their turn.
            stack::enter(g, (*g).segment);
            if entry_sp.checked_sub(need).is_some_and(|lo| lo >= (*g).stackguard) {
                // A dying program (converting its panic values, Go code
                // the runtime calls) lets no other goroutine run.
                // A function just entered through morestack (returning
                // to `rgo_lessstack`) is not preempted: its caller's frame
                // is on the older segment, which the collector's walk
                // could not start from. Nor is a compiled function the
                // runtime called (the first of a run of Go frames, see
                // crate::collector): the walk starts at a Go caller's call
                // site, where the caller's bitmap holds the call's operands,
                // and without one the arguments the runtime passed in
                // registers (reflect's []Value of a MakeFunc call, say)
                // would be seen by nothing. Nor is a pinned goroutine
                // (`sync.runtime_procPin`). The next tick asks again.
                let running = crate::fatal::STATE.load(core::sync::atomic::Ordering::Relaxed) == crate::fatal::RUNNING;
                let go_caller = crate::collector::is_go_code(ret.wrapping_sub(1));
                let runtime_called = !go_caller && crate::collector::is_go_code(cont.wrapping_sub(1));
                if running && ret != stack::lessstack_pc() && !runtime_called && !pinned() {
                    // While others run (and may collect), the innermost
                    // Go frame is the caller's, stopped at its call; none
                    // for code the collector has no record of.
                    (*g).go_sp = entry_sp + crate::arch::CALL_PUSH;
                    (*g).go_pc = if go_caller { ret } else { 0 };
                    // A CPU profile's sample names the function stopped in
                    // its prologue first: `cont`, its code after the check.
                    crate::profile::cpu_sample(cont);
                    preempted();
                }
                return stack::SpPc { sp: entry_sp, pc: cont };
            }
        }
        stack::grow(g, entry_sp, ret, cont, need, args)
    }
}

/// A preemption request reached a prologue (`rgo_morestack_rs`): yield.
///
/// # Safety
/// As for [`rgo_gosched`].
pub unsafe fn preempted() {
    if crate::threads::stopped_the_world(current_g()) {
        // The collection's own Go code (with several processors): it runs
        // while the others stand stopped.
        return;
    }
    // SAFETY: as the caller promises.
    unsafe { yield_running(true) }
}

/// Every goroutine record (dead ones included) and the pending Go timers:
/// what the collector walks.
///
/// # Safety
/// The scheduler must not change while the results are in use (the world
/// is stopped: the collector runs on the running goroutine).
pub unsafe fn goroutines_and_timers() -> (&'static [*mut G], impl Iterator<Item = *mut crate::timers::RTimer>) {
    let s = sched();
    (&s.all, s.timers.timers())
}

/// Where a word of `g`'s part of the system stack is now: a parked
/// goroutine's part (`ctx_sp` up to the scheduler's top) is copied away
/// while others run (see [`park`]); the running goroutine's is in place.
/// Records the runtime keeps in its frames (panics) are read through it.
pub fn system_stack_word(g: *mut G, addr: usize) -> usize {
    // SAFETY: a goroutine record; reads only.
    unsafe {
        let parked = g != current_g() && (*g).ctx_sp != 0 && (*g).saved_len != 0;
        if parked && addr >= (*g).ctx_sp && addr < (*g).ctx_sp + (*g).saved_len {
            (*g).saved_at + (addr - (*g).ctx_sp)
        } else {
            addr
        }
    }
}

/// `runtime.NumGoroutine()`.
#[no_mangle]
pub extern "C" fn rgo_numgoroutine() -> i64 {
    LIVE.load(Ordering::Relaxed) as i64
}

/// `runtime.Goexit()`: runs every pending deferred call of the goroutine
/// (`recover` returns nil in them: no panic is running), then ends it. The
/// main goroutine's end does not end the program then: the others go on,
/// and when none is left Go reports a deadlock.
///
/// # Safety
/// Called on the system stack by compiled code.
#[no_mangle]
pub unsafe extern "C" fn rgo_goexit() -> ! {
    let g = current_g();
    // SAFETY: the running goroutine; its defer records are valid.
    unsafe {
        loop {
            let d = (*g).defer;
            if d.is_null() {
                break;
            }
            let f = (*d).fn_;
            (*g).defer = (*d).link;
            (*g).defer_pool.put(d);
            gocall::call_closure(g, f, |_| {});
        }
        exit_current()
    }
}

/// The scheduler, on its own stack: `prev` (0: none) was running and has
/// saved its registers (parked, yielded) or died. Fires the timers due (see
/// [`TIMER_POLL_SWITCHES`]) and readies os/signal's receiver for a signal
/// that arrived ([`crate::sigqueue::poll`]), then runs the next runnable
/// goroutine; with none, sleeps until the earliest pending timer (or a
/// signal, when a goroutine waits for one) and tries again; with no timer
/// pending and no signal awaited, the program is deadlocked.
///
/// # Safety
/// Only `rgo_ctx_park` (from [`switch_out`]) and `rgo_call_on` (from
/// [`exit_current`]) call this, on the scheduler's stack.
pub(crate) unsafe extern "C" fn schedule(prev: usize) -> ! {
    let mut prev = prev as *mut G;
    let next = loop {
        if crate::threads::stopping() {
            // A collection stops the world (several processors): this
            // processor stops, or, the last, runs the collection on.
            // SAFETY: `prev` saved its context or died.
            unsafe { save_prev(&mut prev) };
            // SAFETY: nothing of this thread's is on the system stack.
            let g = unsafe { crate::threads::stop_here() };
            if !g.is_null() {
                break g;
            }
            continue;
        }
        if let Some(g) = crate::threads::take_handed() {
            // SAFETY: `prev` saved its context or died.
            unsafe { save_prev(&mut prev) };
            break g;
        }
        let s = sched();
        s.since_poll += 1;
        if s.since_poll >= TIMER_POLL_SWITCHES || queue_empty() {
            run_timers();
        }
        // With the timers: a goroutine whose I/O is ready runs soon.
        gather_ready(sched().since_poll == 0 || queue_empty());
        if let Some(g) = dequeue() {
            if !queue_empty() {
                // More to run: another processor may take it.
                crate::threads::wakep();
            }
            break g;
        }
        if crate::threads::parallel() {
            // Nothing to run here: with other processors running, this
            // one idles (and never returns).
            // SAFETY: `prev` saved its context or died; then nothing of
            // this thread's is on the system stack.
            unsafe {
                save_prev(&mut prev);
                crate::threads::nothing_to_run();
            }
        }
        let earliest = sched().timers.earliest();
        let out = crate::threads::call_out_fd();
        if out.is_none() && crate::netpoll::waiting_fd().is_none() && !crate::sigqueue::can_arrive() && earliest.is_none() {
            deadlock();
        }
        // With several processors, whatever becomes runnable meanwhile
        // (another thread's goroutine, a system call's return) writes the
        // wake pipe: the wait always watches it.
        if let Some(wake) = out.or_else(crate::threads::parallel_wake_fd) {
            // A goroutine's system call may still return: not a deadlock.
            // Wait for that, for I/O, for a signal or for the earliest
            // timer, whichever comes first; the loop then looks at each.
            let net = crate::netpoll::waiting_fd();
            let sig = crate::sigqueue::can_arrive().then(crate::sigqueue::wake_fd);
            let fds = [Some(wake), net, sig];
            let mut list = [-1; 3];
            let mut n = 0;
            for fd in fds.into_iter().flatten() {
                list[n] = fd;
                n += 1;
            }
            let ready = crate::threads::idle_wait(|| os::poll_fds(&list[..n], earliest));
            for (i, &fd) in list[..n].iter().enumerate() {
                if ready & (1 << i) != 0 && Some(fd) != net {
                    os::drain(fd);
                }
            }
            continue;
        }
        if crate::netpoll::waiting_fd().is_some() {
            // A goroutine waits for I/O: not a deadlock. (A signal that
            // arrives meanwhile ends the wait: ppoll is interrupted.)
            crate::netpoll::poll(true, earliest);
            continue;
        }
        if crate::sigqueue::can_arrive() {
            // A goroutine waits for a signal: not a deadlock.
            os::wait_readable(crate::sigqueue::wake_fd(), earliest);
            continue;
        }
        match earliest {
            Some(when) => os::sleep_until(when),
            None => deadlock(),
        }
    };
    // SAFETY: `prev` saved its context (or is dead); `next` is runnable.
    unsafe {
        if !crate::threads::may_run(next) {
            // `next` is locked to another thread, or this one is locked
            // to another goroutine (runtime.LockOSThread): the processor
            // goes to a thread that may run it.
            if !prev.is_null() && (*prev).status != Status::Dead as u8 {
                save_sys_stack(prev);
            }
            crate::threads::hand_to_other(next);
        }
        if next == prev {
            // Nothing else ran: its system stack part is still in place.
            crate::threads::runs(next);
            crate::trace::go_start(next);
            (*next).status = Status::Running as u8;
            stack::enter(next, (*next).segment);
            rgo_ctx_resume((*next).ctx_sp);
        }
        if !prev.is_null() && (*prev).status != Status::Dead as u8 {
            save_sys_stack(prev);
        }
        run(next)
    }
}

/// Saves `prev`'s system stack part (unless it died or is saved) and
/// forgets it, so that the scheduler may give the system stack up.
///
/// # Safety
/// `*prev` is null, dead, or saved its context just now (not yet its
/// system stack part).
unsafe fn save_prev(prev: &mut *mut G) {
    let g = core::mem::replace(prev, ptr::null_mut());
    // SAFETY: as the caller promises.
    unsafe {
        if !g.is_null() && (*g).status != Status::Dead as u8 {
            save_sys_stack(g);
        }
    }
}

/// Queues the goroutines that became runnable outside the scheduler: those
/// back from system calls whose processor was taken (crate::threads; behind
/// the others, as in gc), the execution tracer's reader when a batch filled
/// up, os/signal's receiver when a signal arrived, and with `poll_net` the
/// goroutines whose I/O is ready (a system call, so not at every switch).
#[inline]
fn gather_ready(poll_net: bool) {
    crate::threads::take_returned(|g| {
        // SAFETY: a goroutine back from its call, in no queue.
        unsafe {
            crate::trace::go_sysexit(g);
            (*g).status = Status::Runnable as u8;
            enqueue(g);
        }
    });
    if let Some(reader) = crate::trace::reader_to_wake() {
        // SAFETY: the execution tracer's reader, parked for want of a full
        // batch, which there is now.
        unsafe { ready(reader) };
    }
    crate::sigqueue::poll();
    if poll_net {
        crate::netpoll::poll(false, None);
    }
}

/// Runs `g`, which the previous holder of the processor handed to this
/// thread (crate::threads).
///
/// # Safety
/// `g` must be runnable, off the run queue, its system stack part saved;
/// called on this thread's scheduler stack.
pub(crate) unsafe extern "C" fn run_handed(g: usize) -> ! {
    // SAFETY: as the caller promises.
    unsafe { run(g as *mut G) }
}

/// Copies the parked goroutine's part of the system stack away.
///
/// # Safety
/// `g` must have just saved its context (`ctx_sp`), and the scheduler must
/// run on its own stack.
pub(crate) unsafe fn save_sys_stack(g: *mut G) {
    let top = sched().sys_top;
    // SAFETY: `[ctx_sp, top)` is the goroutine's live system stack; the
    // room below its goroutine stack pointer is unused while it is parked.
    unsafe {
        let len = top - (*g).ctx_sp;
        let (lo, sp) = ((*g).stack_lo, (*g).go_sp);
        let on_stack = sp.checked_sub(len + 64).map(|a| a & !15).filter(|&a| lo != 0 && a >= lo && sp <= (*g).stack_hi);
        let at = match on_stack {
            Some(a) => a,
            None => {
                if (*g).saved_cap < len {
                    free_saved(g);
                    let cap = len.next_power_of_two();
                    let p = alloc::alloc::alloc(Layout::from_size_align_unchecked(cap, 16));
                    if p.is_null() {
                        crate::fatal::fatal("out of memory saving a goroutine's system stack");
                    }
                    (*g).saved_buf = p;
                    (*g).saved_cap = cap;
                }
                (*g).saved_buf as usize
            }
        };
        copy_words(at, (*g).ctx_sp, len);
        (*g).saved_at = at;
        (*g).saved_len = len;
    }
}

/// Copies `len` bytes (a multiple of 8; both addresses 8-aligned, the
/// ranges disjoint) word by word. The parts of the system stack copied at a
/// switch are a few hundred bytes, where the start-up cost of the `memcpy`
/// (`rep movsb`) dominated goroutine switches; volatile accesses keep the
/// compiler from turning the loop back into a `memcpy` call.
///
/// # Safety
/// As described; both ranges valid.
unsafe fn copy_words(dst: usize, src: usize, len: usize) {
    let (d, s) = (dst as *mut u64, src as *const u64);
    for i in 0..len / 8 {
        // SAFETY: as the caller promises.
        unsafe { ptr::write_volatile(d.add(i), ptr::read_volatile(s.add(i))) };
    }
}

/// Frees the buffer `g`'s system stack part was saved in, if any.
///
/// # Safety
/// `g` must be valid and not parked on that buffer.
unsafe fn free_saved(g: *mut G) {
    // SAFETY: the buffer was allocated with this layout (save_sys_stack).
    unsafe {
        if !(*g).saved_buf.is_null() {
            alloc::alloc::dealloc((*g).saved_buf, Layout::from_size_align_unchecked((*g).saved_cap, 16));
            (*g).saved_buf = ptr::null_mut();
            (*g).saved_cap = 0;
        }
    }
}

/// Switches to `next`: a fresh goroutine starts at its function, a parked
/// one gets its system stack part back and returns from its park.
///
/// # Safety
/// `next` must be runnable and taken off the run queue; the scheduler must
/// run on its own stack.
unsafe fn run(next: *mut G) -> ! {
    set_current_g(next);
    // SAFETY: as the caller promises; the saved bytes are exactly what was
    // at `[ctx_sp, sys_top)` when `next` parked.
    unsafe {
        crate::trace::go_start(next);
        crate::threads::runs(next);
        (*next).status = Status::Running as u8;
        stack::enter(next, (*next).segment);
        if (*next).ctx_sp == 0 {
            // A new goroutine: nothing of it is on the system stack, and
            // with several processors the runtime lock goes back.
            crate::threads::leave_for_go();
            rgo_go_start(next, (*next).start_fn, (*next).go_sp);
        }
        copy_words((*next).ctx_sp, (*next).saved_at, (*next).saved_len);
        rgo_ctx_resume((*next).ctx_sp)
    }
}

/// Nothing can run and no timer is pending: Go's `checkdead` report (each goroutine's line, with
/// no traceback yet), exit status 2.
fn deadlock() -> ! {
    let s = sched();
    STATE.store(PRINTING, Ordering::SeqCst);
    let mut o = dying_out();
    if s.main_exited && LIVE.load(Ordering::Relaxed) == 0 {
        o.put(b"fatal error: no goroutines (main called runtime.Goexit) - deadlock!\n");
    } else {
        o.put(b"fatal error: all goroutines are asleep - deadlock!\n");
    }
    for &g in &s.all {
        // SAFETY: every record in `all` stays valid.
        let (status, goid, reason) = unsafe { ((*g).status, (*g).goid, (*g).wait_reason()) };
        // SAFETY: as above.
        if status != Status::Waiting as u8 || unsafe { (*g).system } {
            continue;
        }
        o.put(b"\ngoroutine ");
        fmt_uint(&mut o, goid);
        o.put(b" [");
        o.put(reason.as_bytes());
        o.put(b"]:\n");
        // SAFETY: a parked goroutine, standing in a runtime call.
        unsafe { crate::traceback::print_frames(&mut o, g) };
    }
    o.flush();
    os::exit(EXIT_PANIC)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_run_queue_is_first_in_first_out_after_its_next_slot() {
        let gs: Vec<*mut G> = (0..4).map(|i| Box::into_raw(Box::new(G::new(i)))).collect();
        let mut q = Fifo::new();
        assert!(q.is_empty());
        // SAFETY: fresh goroutines in no queue.
        unsafe {
            q.push(gs[0]);
            q.push(gs[1]);
            assert_eq!(q.pop(), Some(gs[0]));
            q.push(gs[2]);
            q.push(gs[0]);
        }
        assert_eq!(q.len(), 3);
        assert_eq!(q.pop(), Some(gs[1]));
        assert_eq!(q.pop(), Some(gs[2]));
        assert_eq!(q.pop(), Some(gs[0]));
        assert_eq!(q.pop(), None);
        assert!(q.is_empty());
        // SAFETY: pushing again after it emptied: the tail was reset.
        unsafe { q.push(gs[3]) };
        assert_eq!(q.pop(), Some(gs[3]));
        // The next slot goes first; a displaced next goes to the tail.
        // SAFETY: goroutines in no queue.
        unsafe {
            q.push(gs[0]);
            q.push_next(gs[1]);
            q.push_next(gs[2]);
        }
        assert_eq!(q.len(), 3);
        assert_eq!(q.pop(), Some(gs[2]));
        assert_eq!(q.pop(), Some(gs[0]));
        assert_eq!(q.pop(), Some(gs[1]));
        assert_eq!(q.pop(), None);
        for g in gs {
            // SAFETY: boxes made above, in no queue any more.
            drop(unsafe { Box::from_raw(g) });
        }
    }
}
