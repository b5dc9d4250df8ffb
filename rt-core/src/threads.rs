//! Threads under the scheduler: the one processor (gc's P, as with
//! `GOMAXPROCS=1`), the OS threads that take turns holding it (gc's Ms),
//! and a monitor thread (gc's sysmon) that hands it to another thread when
//! its holder has been blocked in a system call for a while, so the other
//! goroutines run meanwhile (gc's `entersyscall`, `retake`, `handoffp`,
//! `exitsyscall`). docs/goroutines.md, "System calls that block".
//!
//! Only the thread holding the processor runs Go code and touches the
//! runtime's state (scheduler, heap, collector), so all of that stays as on
//! one thread. Threads meet only here, through atomics:
//!
//! - A goroutine in a system call that may block (package syscall's
//!   `Syscall`, between `entersyscall` and `exitsyscall`) saves its context
//!   as a park does (`rgo_ctx_park`) and makes the call on its thread's own
//!   stack, the processor marked [`SYSCALL`]. Back from the kernel it takes
//!   the processor back ([`SYSCALL`] to [`RUNNING`]) and returns where it
//!   stood: its runtime frames on the system stack were never touched.
//! - The monitor finds the processor in the same call (the call's number
//!   unchanged) on two looks 20 µs to 10 ms apart: it takes it ([`SYSCALL`]
//!   to [`TAKEN`]) and wakes an idle thread (starting one when none
//!   waits). That thread copies the blocked goroutine's part of the system
//!   stack away, as the scheduler does for a parked goroutine, and
//!   schedules the others on the system stack.
//! - A call that returns to a taken processor queues its goroutine on the
//!   returned list, wakes the holder if it sleeps for want of work, and its
//!   thread waits, idle, to be handed the processor some other time.
//!
//! Nothing here runs on a board (one core, no threads: `os::THREADS`) or in
//! a Rust host (`rgo build --lib`: the host's threads call Go, and a Go call
//! must return on the thread that made it); there every system call is
//! made in place, as before.
//!
//! Floor: scheduling (it hands the scheduler from thread to thread).

use crate::g::{current_g, Status, G};
use crate::print::Sink;
use crate::{os, sched};
use core::ptr;
use core::sync::atomic::{AtomicBool, AtomicI32, AtomicI64, AtomicIsize, AtomicPtr, AtomicU32, AtomicU64, AtomicUsize, Ordering};

/// The processor's holder runs Go code or the runtime.
const RUNNING: u64 = 0;
/// Its holder is in a system call that may block: the monitor may take it.
const SYSCALL: u64 = 1;
/// The monitor took it from a thread in a system call.
const TAKEN: u64 = 2;
/// Several processors: a thread's call is being taken (the taker has yet
/// to stop counting the thread as active, [`take_from_call`]).
const TAKING: u64 = 3;

/// The processor's state ([`RUNNING`], [`SYSCALL`], [`TAKEN`]) in the low
/// two bits, above them the number of the latest blocking system call:
/// a call takes the processor back, and the monitor takes it, only from
/// the call that released it (a thread back from a taken call must not
/// mistake a later call, on the new holder, for its own).
static STATE: AtomicU64 = AtomicU64::new(RUNNING);
/// The state bits of [`STATE`].
const KIND: u64 = 3;
/// The goroutine in the system call while the state is [`SYSCALL`].
static IN_CALL: AtomicPtr<G> = AtomicPtr::new(ptr::null_mut());
/// Goroutines in system calls whose processor was taken, not yet on the
/// returned list: while there are any, the holder waits rather than
/// reporting a deadlock.
static OUT: AtomicIsize = AtomicIsize::new(0);
/// Goroutines back from such calls, newest first (through `sched_link`),
/// for the holder's run queue.
static RETURNED: AtomicPtr<G> = AtomicPtr::new(ptr::null_mut());
/// The pipe a returning call writes a byte to, waking the holder from its
/// idle wait (read end, write end; -1 until the monitor starts).
static WAKE_READ: AtomicI32 = AtomicI32::new(-1);
static WAKE_WRITE: AtomicI32 = AtomicI32::new(-1);
/// Hand-offs are allowed: a program started by the process entry on Linux.
static ENABLED: AtomicBool = AtomicBool::new(false);
/// The monitor thread runs.
static MONITOR: AtomicBool = AtomicBool::new(false);

/// An OS thread that can hold the processor: the stack the scheduler and
/// its system calls run on, and the word it waits on while idle.
#[repr(C)]
pub struct M {
    /// The top of its scheduler stack and its allocation cache (what the
    /// floors below and rt-arch's stubs read of a thread).
    head: crate::g::ThreadHead,
    /// 1 when the monitor handed it the processor (it clears it on waking).
    handed: AtomicU32,
    /// The next idle thread.
    next: AtomicPtr<M>,
    /// Its thread id, and the thread started before it (for per-thread
    /// calls; the main thread's record is on no list).
    tid: AtomicI32,
    all: AtomicPtr<M>,
    /// What to do when handed the processor: [`TAKE_OVER`] from the
    /// goroutine in a system call (the monitor's hand-off), or the
    /// goroutine to run (a holder's hand-off: the goroutine is locked to
    /// this thread, or the holder may run no other).
    run: AtomicUsize,
    /// The goroutine `runtime.LockOSThread` wired to this thread (null:
    /// none): the only one it runs, and it runs nowhere else.
    locked: AtomicPtr<G>,
    /// Its locked goroutine ended still locked: the thread runs no
    /// goroutine again, and ends (gc's rule: what the goroutine changed in
    /// the thread stays with it).
    retiring: AtomicBool,
    /// The goroutine it runs (null: none), for preemption requests with
    /// several processors.
    running: AtomicPtr<G>,
    /// Counted in [`ACTIVE`] (several processors).
    counted: AtomicBool,
    /// The processor id a goroutine pinned on it took last
    /// ([`take_processor_id`]): tried first next time.
    last_id: AtomicU32,
    /// Several processors: its system call without the lock, as [`STATE`]
    /// is for the one processor (kind [`RUNNING`], [`SYSCALL`], [`TAKING`]
    /// or [`TAKEN`], above it the call's number; [`syscall_nolock`]), and
    /// the state the monitor saw at its last look.
    call_state: AtomicU64,
    seen_state: AtomicU64,
}

/// [`M::run`]: take over from the goroutine in the system call.
const TAKE_OVER: usize = 0;

impl M {
    /// A thread's record, its scheduler stack's top `sched_top`.
    const fn new(sched_top: usize) -> M {
        M {
            head: crate::g::ThreadHead::new(sched_top),
            handed: AtomicU32::new(0),
            next: AtomicPtr::new(ptr::null_mut()),
            tid: AtomicI32::new(0),
            all: AtomicPtr::new(ptr::null_mut()),
            run: AtomicUsize::new(TAKE_OVER),
            locked: AtomicPtr::new(ptr::null_mut()),
            retiring: AtomicBool::new(false),
            running: AtomicPtr::new(ptr::null_mut()),
            counted: AtomicBool::new(false),
            last_id: AtomicU32::new(0),
            call_state: AtomicU64::new(RUNNING),
            seen_state: AtomicU64::new(RUNNING),
        }
    }

    /// Hands this waiting thread the processor, with what to do
    /// ([`M::run`]), and wakes it ([`wait_for_processor`]). What the giver
    /// wrote before is seen by this thread.
    fn give(&self, run: usize) {
        self.run.store(run, Ordering::Relaxed);
        self.handed.store(1, Ordering::Release);
        os::futex_wake(&self.handed);
    }
}

/// The thread the process started on (counted in [`ACTIVE`] from the
/// start).
static M0: M = M { counted: AtomicBool::new(true), ..M::new(0) };
/// The processor's holder (null: the main thread's [`M0`]).
static HOLDER: AtomicPtr<M> = AtomicPtr::new(ptr::null_mut());
/// Threads waiting to be handed the processor, locked to no goroutine
/// (through `next`), under [`IDLE_LOCK`].
static IDLE: AtomicPtr<M> = AtomicPtr::new(ptr::null_mut());
static IDLE_LOCK: AtomicBool = AtomicBool::new(false);
/// Every thread started for the processor, newest first (through `all`).
static ALL: AtomicPtr<M> = AtomicPtr::new(ptr::null_mut());
/// Threads that run for Go, gc's `mcount`: the main thread, the monitor
/// and those started for the processor, less those that ended.
static THREADS: AtomicI64 = AtomicI64::new(1);
/// `debug.SetMaxThreads`' limit on [`THREADS`] (gc's `sched.maxmcount`).
static MAX_THREADS: AtomicI64 = AtomicI64::new(10_000);
/// The monitor's thread id (0 until it starts).
static MONITOR_TID: AtomicI32 = AtomicI32::new(0);
/// Held while a thread starts and while a per-thread call goes round, so
/// that no thread starts unseen by the call (it would inherit its
/// starter's state from before the call).
static STARTING: AtomicBool = AtomicBool::new(false);

/// Bytes of each thread's scheduler stack (the main thread's too); a
/// thread's record sits at its top.
const STACK: usize = 64 << 10;
/// Bytes mapped for threads' stacks (never unmapped: thread records live
/// for the process).
static STACKS_MAPPED: AtomicUsize = AtomicUsize::new(0);

/// A thread's stack, counted.
fn map_stack() -> Option<*mut u8> {
    let p = os::mmap(STACK)?;
    STACKS_MAPPED.fetch_add(STACK, Ordering::Relaxed);
    Some(p)
}

/// Bytes of the stacks of the threads rgo started and of their scheduler
/// stacks (runtime/metrics' `/memory/classes/os-stacks`).
pub fn os_stack_bytes() -> usize {
    STACKS_MAPPED.load(Ordering::Relaxed)
}

/// The monitor's first and longest sleeps between looks, in nanoseconds,
/// and how many idle looks it takes at the first before it doubles them.
const LOOK_MIN: i64 = 20_000;
const LOOK_MAX: i64 = 10_000_000;
const LOOKS_BEFORE_BACKOFF: u32 = 50;

extern "C" {
    /// `rgo_ctx_park` (crate::sched) whose `f` may return: then it returns
    /// too, as an ordinary call (rt-arch `asm/runtime/<arch>.S`).
    fn rgo_ctx_call(save: *mut usize, stack: usize, f: unsafe extern "C" fn(usize), arg: usize);
    fn rgo_call_on(stack: usize, f: unsafe extern "C" fn(usize) -> !, arg: usize) -> !;
}

/// Allows hand-offs: the process entry calls it on Linux before Go runs.
pub fn enable() {
    ENABLED.store(os::THREADS, Ordering::Relaxed);
}

/// The thread holding the processor.
fn holder() -> &'static M {
    let m = HOLDER.load(Ordering::Relaxed);
    // SAFETY: thread records are mapped for the life of the process.
    if m.is_null() { &M0 } else { unsafe { &*m } }
}

/// The top of the holder's scheduler stack, where the scheduler runs
/// (mapped on first use for the main thread).
pub fn sched_stack() -> usize {
    let m = holder();
    let top = m.head.sched_top.load(Ordering::Relaxed);
    if top != 0 {
        return top;
    }
    let Some(p) = map_stack() else { crate::fatal::fatal("out of memory allocating the scheduler stack") };
    let top = p as usize + STACK;
    m.head.sched_top.store(top, Ordering::Relaxed);
    top
}

/// The id of the thread holding the processor (0 for the main thread): the
/// execution tracer's processor start names it (crate::trace).
pub fn holder_tid() -> i32 {
    holder().tid.load(Ordering::Relaxed)
}

/// `runtime.entersyscall` (package syscall's `Syscall`, before its raw
/// call): the running goroutine's system calls may block until
/// [`rgo_exitsyscall`].
#[no_mangle]
pub extern "C" fn rgo_entersyscall() {
    // SAFETY: the running goroutine's own record.
    unsafe { (*current_g()).in_syscall = true };
}

/// `runtime.exitsyscall`: undoes [`rgo_entersyscall`].
#[no_mangle]
pub extern "C" fn rgo_exitsyscall() {
    // SAFETY: as above.
    unsafe { (*current_g()).in_syscall = false };
}

/// [`rgo_entersyscall`] without the runtime lock (several processors);
/// returns 1 (done).
///
/// # Safety
/// Called by rt-arch's `rgo_rt_try` only, with the running thread's record.
#[no_mangle]
pub unsafe extern "C" fn rgo_entersyscall_nolock(thread: *const crate::g::ThreadHead) -> usize {
    // SAFETY: as the caller promises: the goroutine it runs.
    unsafe { (*running_on(thread)).in_syscall = true };
    1
}

/// [`rgo_exitsyscall`] without the runtime lock; returns 1 (done).
///
/// # Safety
/// As for [`rgo_entersyscall_nolock`].
#[no_mangle]
pub unsafe extern "C" fn rgo_exitsyscall_nolock(thread: *const crate::g::ThreadHead) -> usize {
    // SAFETY: as the caller promises.
    unsafe { (*running_on(thread)).in_syscall = false };
    1
}

/// Makes system call `n` with arguments `a` for the running goroutine;
/// the result, or minus the error number. Between `entersyscall` and
/// `exitsyscall` the call is made on the thread's own stack, where the
/// processor can be handed on meanwhile (the module's documentation);
/// otherwise in place.
///
/// # Safety
/// As for `os::go_syscall`; called on the system stack inside a runtime
/// call of the running goroutine, holding no reference into the scheduler.
pub unsafe fn syscall(n: usize, a: &[usize; 6]) -> isize {
    let g = current_g();
    // SAFETY: the running goroutine's record.
    if !unsafe { (*g).in_syscall } || !ENABLED.load(Ordering::Relaxed) || !start_monitor() {
        // SAFETY: as the caller promises.
        return unsafe { os::go_syscall(n, a) };
    }
    // SAFETY: as for a park (sched::park): `g` saves its context below its
    // runtime frames, which stay put until the call returns or the new
    // holder copies them away (and later resumes `g` from that context).
    crate::trace::go_syscall();
    let call = if parallel() { call_parallel } else { call_on_thread };
    unsafe {
        (*g).call = [n, a[0], a[1], a[2], a[3], a[4], a[5]];
        (*g).status = Status::Syscall as u8;
        rgo_ctx_call(ptr::addr_of_mut!((*g).ctx_sp), sched_stack(), call, g as usize);
        (*g).status = Status::Running as u8;
        (*g).call_ret
    }
}

/// Makes the call `g` asked for, on the holder's scheduler stack, with the
/// processor free to be taken; then returns to `g` (still holding it) or
/// hands `g` to whoever took it and waits idle.
///
/// # Safety
/// Only [`syscall`] calls this, through `rgo_ctx_call`.
unsafe extern "C" fn call_on_thread(g: usize) {
    let g = g as *mut G;
    let m = holder();
    IN_CALL.store(g, Ordering::Relaxed);
    // Only the holder changes the number; everything it wrote is seen by
    // the thread that takes over.
    let released = ((STATE.load(Ordering::Relaxed) & !KIND) + (KIND + 1)) | SYSCALL;
    STATE.store(released, Ordering::Release);
    // SAFETY: `g`'s call, as its goroutine asked (crate::goos). Its record
    // stays valid; the new holder reads and writes none of `call`.
    unsafe {
        let c = ptr::read(ptr::addr_of!((*g).call));
        let r = os::go_syscall(c[0], &[c[1], c[2], c[3], c[4], c[5], c[6]]);
        ptr::write(ptr::addr_of_mut!((*g).call_ret), r);
        if STATE.compare_exchange(released, released & !KIND | RUNNING, Ordering::Acquire, Ordering::Relaxed).is_ok() {
            // Nobody took the processor: `g`'s frames are where it left them.
            return;
        }
        // Taken: the new holder runs `g` again when it finds it returned.
        let mut head = RETURNED.load(Ordering::Relaxed);
        loop {
            (*g).sched_link = head;
            match RETURNED.compare_exchange_weak(head, g, Ordering::Release, Ordering::Relaxed) {
                Ok(_) => break,
                Err(h) => head = h,
            }
        }
    }
    OUT.fetch_sub(1, Ordering::SeqCst);
    os::write(WAKE_WRITE.load(Ordering::Relaxed), &[1]);
    // A thread locked to `g` waits for it alone; any other is idle.
    if m.locked.load(Ordering::Relaxed).is_null() {
        push_idle(m);
    }
    // SAFETY: `m` is this thread's record, its stack this one.
    unsafe { wait_for_processor(m as *const M as usize) }
}

/// A thread without the processor: waits until it is handed it, then
/// takes over from the goroutine in the system call (its system stack
/// part copied away) and schedules, or runs the goroutine it was handed.
///
/// # Safety
/// `m` must be the calling thread's record, running on its stack.
unsafe extern "C" fn wait_for_processor(m: usize) -> ! {
    // SAFETY: thread records are mapped for the life of the process.
    let m = unsafe { &*(m as *const M) };
    let top = m.head.sched_top.load(Ordering::Relaxed);
    let run = loop {
        while m.handed.load(Ordering::Acquire) == 0 {
            os::futex_wait(&m.handed, 0);
        }
        m.handed.store(0, Ordering::Relaxed);
        let run = m.run.swap(TAKE_OVER, Ordering::Relaxed);
        if run == HELP {
            help(m);
            continue;
        }
        if run != SPIN {
            break run;
        }
        if spin(m) {
            // SAFETY: this thread's own stack, nothing of it live; it
            // holds the lock, counted active.
            unsafe { rgo_call_on(top, sched::schedule, 0) }
        }
    };
    if run == SCHEDULE || run != TAKE_OVER && parallel() {
        // Woken for runnable goroutines or handed one (several
        // processors): the lock first, as the scheduler of no goroutine.
        acquire(crate::g::sched_g());
        HOLDER.store(m as *const M as *mut M, Ordering::Relaxed);
        // SAFETY: this thread's own stack; nothing of it is live; a
        // handed goroutine is runnable, off the run queue, saved.
        unsafe {
            if run == SCHEDULE {
                rgo_call_on(top, sched::schedule, 0)
            }
            rgo_call_on(top, sched::run_handed, run)
        }
    }
    HOLDER.store(m as *const M as *mut M, Ordering::Relaxed);
    STATE.store(STATE.load(Ordering::Relaxed) & !KIND | RUNNING, Ordering::Relaxed);
    match run {
        TAKE_OVER => {
            let g = IN_CALL.load(Ordering::Relaxed);
            crate::trace::go_sysblock();
            // SAFETY: `g` saved its context when it entered its call and
            // its frames on the system stack are intact: its thread runs
            // on its own stack and nothing else ran since.
            unsafe {
                sched::save_sys_stack(g);
                rgo_call_on(top, sched::schedule, 0)
            }
        }
        // SAFETY: a runnable goroutine the holder took off its run queue
        // for this thread, its system stack part saved.
        g => unsafe { rgo_call_on(top, sched::run_handed, g) },
    }
}

/// The thread to hand goroutine `g` to: its own if `runtime.LockOSThread`
/// wired it to one (that thread waits for it alone), else an idle one
/// (started now when none waits).
fn thread_for(g: *mut G) -> &'static M {
    // SAFETY: a goroutine record; thread records are mapped for good.
    let want = unsafe { (*g).locked_m };
    if want != 0 {
        // SAFETY: as above.
        return unsafe { &*(want as *const M) };
    }
    match idle_thread() {
        Some(m) => m,
        None => crate::fatal::fatal("runtime: cannot start a thread for a goroutine"),
    }
}

/// Whether the holder may run `next`: a goroutine locked to a thread runs
/// only there, and a thread locked to a goroutine (or retiring) runs no
/// other.
pub fn may_run(next: *mut G) -> bool {
    let h = holder();
    // SAFETY: a goroutine record.
    let want = unsafe { (*next).locked_m };
    if want != 0 {
        return want == h as *const M as usize;
    }
    h.locked.load(Ordering::Relaxed).is_null() && !h.retiring.load(Ordering::Relaxed)
}

/// Hands the processor to the thread that must run `next` (its locked
/// thread, else an idle one, started now when none waits); then this
/// thread waits: for its own locked goroutine, idle, or, retiring, ends.
///
/// # Safety
/// Called by the scheduler on the holder's stack, with `next` off the run
/// queue, `may_run(next)` false, and every goroutine's system stack part
/// saved (nothing of this thread's may run on the system stack again).
pub unsafe fn hand_to_other(next: *mut G) -> ! {
    let h = holder();
    let target = thread_for(next);
    if parallel() {
        // Several processors: the target takes the lock itself once it
        // wakes (it may be in the scheduler's idle wait, not waiting to be
        // handed anything), and counts as active from now on.
        count_active(target);
        uncount_active(h);
        h.running.store(ptr::null_mut(), Ordering::Relaxed);
        target.give(next as usize);
        if SLEEPING.load(Ordering::SeqCst) {
            os::write(WAKE_WRITE.load(Ordering::Relaxed), &[1]);
        }
        release();
    } else {
        target.give(next as usize);
    }
    if h.retiring.load(Ordering::Relaxed) {
        if ptr::eq(h, &M0) {
            // The process's first thread cannot end alone: it waits for
            // good (gc wedges it too).
            loop {
                os::futex_wait(&h.handed, 0);
            }
        }
        THREADS.fetch_sub(1, Ordering::Relaxed);
        os::exit_thread();
    }
    if h.locked.load(Ordering::Relaxed).is_null() {
        push_idle(h);
    }
    // SAFETY: `h` is this thread's record, its stack this one.
    unsafe { wait_for_processor(h as *const M as usize) }
}

/// `runtime.LockOSThread`: wires the running goroutine to the thread
/// holding the processor, until as many [`rgo_unlock_os_thread`] calls.
#[no_mangle]
pub extern "C" fn rgo_lock_os_thread() {
    let g = current_g();
    let m = holder();
    // SAFETY: the running goroutine's own record.
    unsafe {
        (*g).lock_count = (*g).lock_count.saturating_add(1);
        (*g).locked_m = m as *const M as usize;
    }
    m.locked.store(g, Ordering::Relaxed);
}

/// `runtime.UnlockOSThread`: undoes one [`rgo_lock_os_thread`] (none left:
/// nothing).
#[no_mangle]
pub extern "C" fn rgo_unlock_os_thread() {
    let g = current_g();
    // SAFETY: as above.
    unsafe {
        if (*g).lock_count == 0 {
            return;
        }
        (*g).lock_count -= 1;
        if (*g).lock_count == 0 {
            (*g).locked_m = 0;
            holder().locked.store(ptr::null_mut(), Ordering::Relaxed);
        }
    }
}

/// The running goroutine `g` ends: if still locked to its thread, the
/// thread retires (it runs no goroutine again).
///
/// # Safety
/// `g` must be the running goroutine, ending.
pub unsafe fn goroutine_ends(g: *mut G) {
    // SAFETY: as the caller promises.
    unsafe {
        if (*g).lock_count == 0 {
            return;
        }
        (*g).lock_count = 0;
        (*g).locked_m = 0;
    }
    let h = holder();
    h.locked.store(ptr::null_mut(), Ordering::Relaxed);
    if os::THREADS && ENABLED.load(Ordering::Relaxed) {
        h.retiring.store(true, Ordering::Relaxed);
    }
}

/// Moves the goroutines back from taken system calls to the run queue
/// (`push`), oldest first. Called by the holder.
pub fn take_returned(mut push: impl FnMut(*mut G)) {
    if RETURNED.load(Ordering::Relaxed).is_null() {
        return;
    }
    let mut g = RETURNED.swap(ptr::null_mut(), Ordering::Acquire);
    // Newest first: reverse.
    let mut oldest = ptr::null_mut();
    while !g.is_null() {
        // SAFETY: goroutines on the list are valid and only the holder
        // takes them off.
        unsafe {
            let next = (*g).sched_link;
            (*g).sched_link = oldest;
            oldest = g;
            g = next;
        }
    }
    while !oldest.is_null() {
        // SAFETY: as above.
        unsafe {
            let next = (*oldest).sched_link;
            push(oldest);
            oldest = next;
        }
    }
}

/// While some goroutine is in a system call whose processor was taken (or
/// back from one, not yet queued), or, with several processors, another
/// worker is active: the descriptor its return (or the other worker's
/// goroutines) makes readable, for the holder's idle wait. None: no such
/// goroutine, so nothing but the others can end the wait. (A thread back
/// from a call taken without the lock counts itself active before it
/// leaves `OUT`: a look at `OUT` then at `ACTIVE` cannot miss it.)
pub fn call_out_fd() -> Option<i32> {
    let out = OUT.load(Ordering::SeqCst) > 0 || !RETURNED.load(Ordering::SeqCst).is_null();
    (out || parallel() && ACTIVE.load(Ordering::SeqCst) > 1).then(|| WAKE_READ.load(Ordering::Relaxed))
}

/// Starts the monitor thread on first use; false when it cannot run (then
/// system calls are made in place).
fn start_monitor() -> bool {
    if MONITOR.load(Ordering::Relaxed) {
        return true;
    }
    let Some((r, w)) = os::pipe() else { return false };
    WAKE_READ.store(r, Ordering::Relaxed);
    WAKE_WRITE.store(w, Ordering::Relaxed);
    let Some(p) = map_stack() else { return false };
    lock(&STARTING);
    count_new_thread();
    // SAFETY: the mapping is the monitor's alone.
    let tid = unsafe { os::spawn_thread(p as usize + STACK, monitor, 0) };
    if let Some(tid) = tid {
        MONITOR_TID.store(tid, Ordering::Relaxed);
        MONITOR.store(true, Ordering::Relaxed);
    } else {
        THREADS.fetch_sub(1, Ordering::Relaxed);
    }
    unlock(&STARTING);
    tid.is_some()
}

/// The monitor thread: looks at the processor, sleeping 20 µs between
/// looks and, after 50 looks that took nothing, twice as long each time up
/// to 10 ms (gc's sysmon), and takes it from a system call it finds on two
/// looks in a row.
///
/// # Safety
/// Only [`start_monitor`] starts it, on a stack of its own.
unsafe extern "C" fn monitor(_: usize) -> ! {
    os::prepare_signal_stack();
    let mut seen = None;
    let mut idle_looks = 0u32;
    let mut delay = LOOK_MIN;
    loop {
        os::sleep_until(os::nanotime() + delay);
        let mut took = parallel() && take_long_calls();
        let state = STATE.load(Ordering::Acquire);
        if state & KIND == SYSCALL {
            if seen == Some(state) {
                took = hand_off(state);
                seen = None;
            } else {
                seen = Some(state);
            }
        } else {
            seen = None;
        }
        if took {
            idle_looks = 0;
            delay = LOOK_MIN;
        } else {
            idle_looks += 1;
            if idle_looks > LOOKS_BEFORE_BACKOFF {
                delay = (delay * 2).min(LOOK_MAX);
            }
        }
    }
}

/// Takes the processor from the thread in the system call that released it
/// as `state` and hands it to an idle thread (started now when none
/// waits); false when the call returned first or no thread could be had.
fn hand_off(state: u64) -> bool {
    let Some(m) = idle_thread() else { return false };
    if STATE.compare_exchange(state, state & !KIND | TAKEN, Ordering::Acquire, Ordering::Relaxed).is_err() {
        push_idle(m);
        return false;
    }
    OUT.fetch_add(1, Ordering::SeqCst);
    m.give(TAKE_OVER);
    true
}

/// An idle thread: one that lost the processor earlier, or a new one.
fn idle_thread() -> Option<&'static M> {
    if let Some(m) = pop_idle() {
        return Some(m);
    }
    let p = map_stack()? as usize;
    let at = (p + STACK - core::mem::size_of::<M>()) & !63;
    // SAFETY: fresh memory of this mapping, aligned for an M; the stack
    // below it is the new thread's.
    unsafe {
        let m = at as *mut M;
        ptr::write(m, M::new(at & !15));
        lock(&STARTING);
        count_new_thread();
        let Some(tid) = os::spawn_thread(at & !15, start_thread, at) else {
            THREADS.fetch_sub(1, Ordering::Relaxed);
            unlock(&STARTING);
            os::munmap(p as *mut u8, STACK);
            return None;
        };
        (*m).tid.store(tid, Ordering::Relaxed);
        (*m).all.store(ALL.load(Ordering::Relaxed), Ordering::Relaxed);
        ALL.store(m, Ordering::Release);
        unlock(&STARTING);
        Some(&*m)
    }
}

/// Counts a thread about to start: past [`MAX_THREADS`], gc's fatal error.
fn count_new_thread() {
    check_thread_limit(THREADS.fetch_add(1, Ordering::Relaxed) + 1);
}

/// gc's `checkmcount`: `n` threads are more than the limit allows.
fn check_thread_limit(n: i64) {
    let max = MAX_THREADS.load(Ordering::Relaxed);
    if n > max {
        crate::fatal::fatal_with("thread exhaustion", |o| {
            o.put(b"runtime: program exceeds ");
            crate::print::fmt_int(o, max);
            o.put(b"-thread limit\n");
        });
    }
}

/// The threads that run for Go now (gc's `mcount`):
/// `runtime.ThreadCreateProfile`'s records.
#[no_mangle]
pub extern "C" fn rgo_thread_count() -> i64 {
    THREADS.load(Ordering::Relaxed)
}

/// `debug.SetMaxThreads(n)`: the limit from now on (at most `i32::MAX`,
/// as gc keeps it), checked at once against the threads running; the
/// previous limit.
#[no_mangle]
pub extern "C" fn rgo_set_max_threads(n: i64) -> i64 {
    let old = MAX_THREADS.swap(n.min(i32::MAX as i64), Ordering::Relaxed);
    check_thread_limit(THREADS.load(Ordering::Relaxed));
    old
}

/// Takes a thread off the idle list, if one waits there.
fn pop_idle() -> Option<&'static M> {
    lock(&IDLE_LOCK);
    let head = IDLE.load(Ordering::Relaxed);
    if !head.is_null() {
        // SAFETY: records on the list are mapped for good.
        IDLE.store(unsafe { (*head).next.load(Ordering::Relaxed) }, Ordering::Relaxed);
    }
    unlock(&IDLE_LOCK);
    // SAFETY: as above.
    unsafe { head.as_ref() }
}

/// Puts `m` back on the idle list.
fn push_idle(m: &'static M) {
    lock(&IDLE_LOCK);
    m.next.store(IDLE.load(Ordering::Relaxed), Ordering::Relaxed);
    IDLE.store(m as *const M as *mut M, Ordering::Relaxed);
    unlock(&IDLE_LOCK);
}

/// A new thread's start: a signal stack of its own, then the wait for the
/// processor.
///
/// # Safety
/// Only [`idle_thread`] starts it, with its record `m` on its stack's top.
unsafe extern "C" fn start_thread(m: usize) -> ! {
    os::prepare_signal_stack();
    // SAFETY: as the caller promises.
    unsafe { wait_for_processor(m) }
}

/// Takes a spin lock (held for a few instructions, or while a thread
/// starts).
fn lock(l: &AtomicBool) {
    while l.compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed).is_err() {
        core::hint::spin_loop();
    }
}

/// Releases a spin lock.
fn unlock(l: &AtomicBool) {
    l.store(false, Ordering::Release);
}

/// A lock of the runtime's own structures that several threads change
/// without the runtime lock (the run queue, a channel), taken only while
/// several processors run Go code ([`parallel`]): its holder keeps it for a
/// few hundred instructions and never parks, so a waiter spins, giving its
/// core away now and then in case the holder lost its own (this machine's
/// cores are shared).
#[derive(Debug)]
pub struct SpinLock(AtomicBool);

/// Spins between a [`SpinLock`] waiter's offers of its core.
const SPINS_BEFORE_YIELD: u32 = 128;

/// One round of a short spinning wait: a pause, and every
/// [`SPINS_BEFORE_YIELD`] rounds the core given away (its holder may have
/// lost its own: this machine's cores are shared).
#[inline]
fn spin_round(spins: &mut u32) {
    *spins += 1;
    if *spins % SPINS_BEFORE_YIELD == 0 {
        os::yield_thread();
    } else {
        core::hint::spin_loop();
    }
}

impl SpinLock {
    pub const fn new() -> SpinLock {
        SpinLock(AtomicBool::new(false))
    }

    /// Takes the lock when several processors run Go code; true when it
    /// took it (hand that to [`SpinLock::unlock`]).
    #[inline]
    pub fn lock(&self) -> bool {
        if !parallel() {
            return false;
        }
        let mut spins = 0;
        while self.0.swap(true, Ordering::Acquire) {
            while self.0.load(Ordering::Relaxed) {
                spin_round(&mut spins);
            }
        }
        true
    }

    /// Releases the lock if `took` (what [`SpinLock::lock`] returned).
    #[inline]
    pub fn unlock(&self, took: bool) {
        if took {
            self.0.store(false, Ordering::Release);
        }
    }
}

impl Default for SpinLock {
    fn default() -> SpinLock {
        SpinLock::new()
    }
}

/// A value of the runtime's changed only under a [`SpinLock`] of its own
/// (the run queue, the dead goroutines, a part of the semaphores' table).
#[derive(Debug)]
pub struct SpinMutex<T> {
    lock: SpinLock,
    value: core::cell::UnsafeCell<T>,
}

// SAFETY: the value is reached only under the lock (or on the one thread
// running Go code, when the lock is not taken); what it holds are the
// runtime's records, which any thread may use under it.
unsafe impl<T> Sync for SpinMutex<T> {}

impl<T> SpinMutex<T> {
    pub const fn new(value: T) -> SpinMutex<T> {
        SpinMutex { lock: SpinLock::new(), value: core::cell::UnsafeCell::new(value) }
    }

    /// Runs `f` on the value under the lock.
    #[inline]
    pub fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        let took = self.lock.lock();
        // SAFETY: the lock (or one thread) makes this the only reference.
        let r = f(unsafe { &mut *self.value.get() });
        self.lock.unlock(took);
        r
    }

    /// Takes the lock for longer than a call of [`SpinMutex::with`] (a
    /// goroutine parking gives it up once it is marked waiting); hand the
    /// answer to [`SpinMutex::unlock`].
    pub fn lock(&self) -> bool {
        self.lock.lock()
    }

    pub fn unlock(&self, took: bool) {
        self.lock.unlock(took)
    }

    /// The value, while the caller holds the lock.
    ///
    /// # Safety
    /// The caller holds the lock ([`SpinMutex::lock`]) and keeps no other
    /// reference from this call or another.
    #[allow(clippy::mut_from_ref)]
    pub unsafe fn get(&self) -> &mut T {
        // SAFETY: as the caller promises.
        unsafe { &mut *self.value.get() }
    }
}

/// The per-thread call going round: its number and arguments, the result
/// every thread must get, how many threads have yet to make it, and
/// whether one got another result.
static PER_THREAD_CALL: [AtomicUsize; 7] = [const { AtomicUsize::new(0) }; 7];
static PER_THREAD_RESULT: AtomicIsize = AtomicIsize::new(0);
static PER_THREAD_PENDING: AtomicU32 = AtomicU32::new(0);
static PER_THREAD_DIFFERS: AtomicBool = AtomicBool::new(false);
static PER_THREAD_HANDLER: AtomicBool = AtomicBool::new(false);

/// Package syscall's `AllThreadsSyscall` (`setuid`, `setgid`, ... which
/// Linux applies to the calling thread only): makes the call on this
/// thread and, when it succeeds, on every other thread of the process, as
/// gc does, so no goroutine later runs with the old state. A thread makes
/// it in the handler of [`os::SIG_PER_THREAD`]. The first thread's result,
/// or minus the error number; a thread that got another result is fatal
/// (gc's message).
///
/// # Safety
/// As for [`syscall`].
pub unsafe fn all_threads_syscall(n: usize, a: &[usize; 6]) -> isize {
    // SAFETY: as the caller promises.
    let r = unsafe { os::go_syscall(n, a) };
    if (-4095..0).contains(&r) || !MONITOR.load(Ordering::Relaxed) {
        return r;
    }
    lock(&STARTING);
    if !PER_THREAD_HANDLER.load(Ordering::Relaxed) {
        // SAFETY: the handler makes one system call and touches only
        // atomics.
        unsafe { os::set_tick_handler(os::SIG_PER_THREAD, per_thread_call) };
        PER_THREAD_HANDLER.store(true, Ordering::Relaxed);
    }
    for (w, v) in PER_THREAD_CALL.iter().zip([n, a[0], a[1], a[2], a[3], a[4], a[5]]) {
        w.store(v, Ordering::Relaxed);
    }
    PER_THREAD_RESULT.store(r, Ordering::Relaxed);
    PER_THREAD_DIFFERS.store(false, Ordering::Relaxed);
    // The other threads: the main one unless it holds the processor, the
    // monitor, and every thread started for the processor but its holder.
    let me = holder() as *const M;
    let mut others = [0i32; 2];
    let mut n_others = 0;
    if me != &M0 as *const M {
        others[n_others] = os::process_id();
        n_others += 1;
    }
    others[n_others] = MONITOR_TID.load(Ordering::Relaxed);
    n_others += 1;
    let mut count = n_others as u32;
    let mut m = ALL.load(Ordering::Acquire);
    while !m.is_null() {
        if m as *const M != me {
            count += 1;
        }
        // SAFETY: thread records are mapped for good.
        m = unsafe { (*m).all.load(Ordering::Relaxed) };
    }
    PER_THREAD_PENDING.store(count, Ordering::SeqCst);
    let signal = |tid: i32| {
        if !os::signal_thread(tid, os::SIG_PER_THREAD) {
            PER_THREAD_PENDING.fetch_sub(1, Ordering::SeqCst);
        }
    };
    others[..n_others].iter().for_each(|&t| signal(t));
    let mut m = ALL.load(Ordering::Acquire);
    while !m.is_null() {
        // SAFETY: as above.
        unsafe {
            if m as *const M != me {
                signal((*m).tid.load(Ordering::Relaxed));
            }
            m = (*m).all.load(Ordering::Relaxed);
        }
    }
    loop {
        let left = PER_THREAD_PENDING.load(Ordering::Acquire);
        if left == 0 {
            break;
        }
        os::futex_wait(&PER_THREAD_PENDING, left);
    }
    unlock(&STARTING);
    if PER_THREAD_DIFFERS.load(Ordering::Relaxed) {
        crate::fatal::fatal("AllThreadsSyscall6 results differ between threads; runtime corrupted");
    }
    r
}

/// The handler of [`os::SIG_PER_THREAD`]: this thread's part of
/// [`all_threads_syscall`].
///
/// # Safety
/// Only the kernel calls this.
unsafe extern "C" fn per_thread_call(_sig: i32, _info: *const u8, _ctx: *mut u8) {
    let c: [usize; 7] = core::array::from_fn(|i| PER_THREAD_CALL[i].load(Ordering::Relaxed));
    // SAFETY: the call the holder made successfully on its own thread.
    let r = unsafe { os::go_syscall(c[0], &[c[1], c[2], c[3], c[4], c[5], c[6]]) };
    if r != PER_THREAD_RESULT.load(Ordering::Relaxed) {
        PER_THREAD_DIFFERS.store(true, Ordering::Relaxed);
    }
    PER_THREAD_PENDING.fetch_sub(1, Ordering::Release);
    os::futex_wake(&PER_THREAD_PENDING);
}

// ---- Several processors ------------------------------------------------
//
// With `GOMAXPROCS` above 1 (docs/goroutines.md, "Several processors"),
// up to that many threads run Go code at once. The runtime stays what it
// is for one thread: its state, the system stack and the scheduler belong
// to whichever thread holds the *runtime lock*, the word `g::current_word`
// (the goroutine of the runtime call that holds it). Go code runs without
// it: compiled code takes it before each runtime call switches to the
// system stack and gives it back after (rt-arch's `rgo_rt_enter` and
// `rgo_rt_exit`, called only while [`rgo_parallel`] is set), unless the
// call is nested in Go code the runtime called (its frames are live on the
// system stack: the lock is already this goroutine's). Since a goroutine's
// own Go code leaves nothing on the system stack (`sched::start_main`),
// a goroutine that parked on one thread resumes on any.
//
// Workers: a thread with nothing to run while others are active goes idle
// ([`M::give`] wakes it, [`SCHEDULE`]); a goroutine made runnable wakes
// one while fewer than `GOMAXPROCS` are active ([`wakep`]). A collection
// stops the world by parking until every other worker idles
// ([`stop_the_world`]). A system call that may block leaves the runtime
// lock for its duration, its goroutine's frames saved as for a park.

/// Not 0 while several threads may run Go code: compiled code and rt-arch's
/// stubs test it before calling the runtime lock's gates.
#[no_mangle]
#[allow(non_upper_case_globals)]
pub static rgo_parallel: core::sync::atomic::AtomicU8 = core::sync::atomic::AtomicU8::new(0);

/// `GOMAXPROCS`: how many threads may run goroutines at once.
static MAXPROCS: AtomicU32 = AtomicU32::new(1);
/// The most `GOMAXPROCS` may be.
const MAX_PROCS: usize = 256;
/// The processor ids pinned goroutines hold (`sync.runtime_procPin`): no
/// processor has a record of its own here, so a pin takes an id below
/// `GOMAXPROCS` that no other pinned goroutine holds, for the time it is
/// pinned (package sync's pool indexes its per-processor parts by it).
/// (A cache line each: two threads pinning at once must not write one line,
/// a pin per HTTP request's `sync.Pool` use.)
static PROCESSOR_IDS: [IdSlot; MAX_PROCS] = [const { IdSlot(AtomicBool::new(false)) }; MAX_PROCS];

/// One flag of [`PROCESSOR_IDS`].
#[repr(align(64))]
struct IdSlot(AtomicBool);
/// Workers running a goroutine (in Go code, in the runtime or waiting for
/// its lock) or the scheduler: not idle, not in a system call.
static ACTIVE: AtomicU32 = AtomicU32::new(1);
/// Threads waiting for the runtime lock, and the word they wait on.
static LOCK_WAITERS: AtomicU32 = AtomicU32::new(0);
static LOCK_SEQ: AtomicU32 = AtomicU32::new(0);
/// A collection waits for the other workers to stop ([`stop_the_world`]);
/// the goroutine that waits.
static STOPPING: AtomicBool = AtomicBool::new(false);
static GC_WAITER: AtomicPtr<G> = AtomicPtr::new(ptr::null_mut());
/// The goroutine whose collection stopped the world: the Go code the
/// collection runs (package sync's pool cleanup) is not preempted.
static STOPPER: AtomicPtr<G> = AtomicPtr::new(ptr::null_mut());
/// A thread waits in the scheduler's idle wait without the lock: what
/// becomes runnable meanwhile must wake it (the pipe of [`call_out_fd`]).
static SLEEPING: AtomicBool = AtomicBool::new(false);

/// [`M::run`]: take the runtime lock and schedule.
const SCHEDULE: usize = 1;
/// [`M::run`]: spin, watching the run queue without the lock, before
/// sleeping ([`spin`]).
const SPIN: usize = 2;

/// [`M::run`]: mark beside the collection ([`help_mark`]).
const HELP: usize = 3;

/// The marking job a collection hands idle threads ([`help_mark`]): the
/// address of a `&(dyn Fn() + Sync)` on the collection's stack; whether it
/// is open ([`JOB_OPEN`]) and how many threads run it (below).
static HELP_JOB: AtomicUsize = AtomicUsize::new(0);
static HELP_STATE: AtomicU32 = AtomicU32::new(0);
/// [`HELP_STATE`]: threads handed [`HELP`] may still join the job.
const JOB_OPEN: u32 = 1 << 31;

/// Runs the collection's marking job `f` here and on idle threads, up to
/// `GOMAXPROCS` in all (gc's mark workers; the world is stopped, so every
/// thread but this one is idle, in a system call or waiting for the world
/// to start); returns once `f` returned here and on each helper that
/// joined (false, `f` not run, when no thread is idle and none can be
/// started; threads started for it stay, idle, as gc's mark workers do).
/// A helper that wakes after `f` returned here joins no more (a small job
/// is over before a woken thread runs): it goes back on the idle list, as
/// each helper does after the job.
pub fn help_mark(f: &(dyn Fn() + Sync)) -> bool {
    if MAXPROCS.load(Ordering::Relaxed) < 2 {
        return false;
    }
    let Some(first) = idle_thread() else { return false };
    HELP_JOB.store(&f as *const &(dyn Fn() + Sync) as usize, Ordering::Relaxed);
    HELP_STATE.store(JOB_OPEN, Ordering::SeqCst);
    first.give(HELP);
    for _ in 2..MAXPROCS.load(Ordering::Relaxed) {
        let Some(m) = idle_thread() else { break };
        m.give(HELP);
    }
    f();
    HELP_STATE.fetch_and(!JOB_OPEN, Ordering::SeqCst);
    let mut spins = 0;
    while HELP_STATE.load(Ordering::Acquire) != 0 {
        spin_round(&mut spins);
    }
    true
}

/// An idle thread handed [`HELP`]: runs the collection's marking job if it
/// is still open, and goes back on the idle list (before it stops counting
/// itself in the job: the collection, which waits for that, may wake it
/// for its next job or start the world, which may wake it for goroutines).
fn help(m: &'static M) {
    let mut s = HELP_STATE.load(Ordering::SeqCst);
    let joined = loop {
        if s & JOB_OPEN == 0 {
            break false;
        }
        match HELP_STATE.compare_exchange_weak(s, s + 1, Ordering::SeqCst, Ordering::SeqCst) {
            Ok(_) => break true,
            Err(now) => s = now,
        }
    };
    if joined {
        // SAFETY: the job lives on the collection's stack until
        // HELP_STATE, which counts this thread now, drops to 0.
        let f = unsafe { *(HELP_JOB.load(Ordering::Relaxed) as *const &(dyn Fn() + Sync)) };
        f();
    }
    push_idle(m);
    if joined {
        HELP_STATE.fetch_sub(1, Ordering::Release);
    }
}

/// Workers spinning ([`spin`], gc's spinning Ms): out of the idle list,
/// they watch the run queue without the lock; [`wakep`] wakes no other
/// while one spins.
static SPINNING: AtomicU32 = AtomicU32::new(0);
/// A spinner reads the run queue's counts once every this many pauses.
const SPIN_PAUSES: u32 = 8;
/// Reads after which a spinner stops and sleeps (about 220 µs on this
/// machine's cores: 27 ns a pause). Reading every 64 pauses instead, to
/// write less to the line the spinner reads, was no faster.
const SPIN_READS: u32 = 1000;
/// Nanoseconds for which a queued goroutine must stay untaken before a
/// spinner takes it (gc waits 3 µs before stealing a `runnext`): a
/// goroutine that readied another and is about to block runs it on its own
/// thread, hot in its cache, rather than the pair moving from thread to
/// thread. (Eight reads, about 2 µs with this machine's 27 ns pauses, let
/// a channel's ping-pong move between four threads; with the clock's 4 µs
/// `bench/go/chan_pingpong.go` ran 323 ms against 382 ms, medians of five.)
const SPIN_GRACE_NS: i64 = 4_000;

/// Whether several threads may run Go code.
#[inline]
pub fn parallel() -> bool {
    rgo_parallel.load(Ordering::Relaxed) != 0
}

/// `runtime.GOMAXPROCS(n)`: the setting before; `n` above 0 changes it.
/// Above 1 only where threads run Go code (Linux, a program started by the
/// process entry); elsewhere it stays 1. Lowering it stops the world, as
/// gc's does: when it returns, no more than `n` threads run goroutines, the
/// others' goroutines queued (workers are woken only while fewer than
/// `GOMAXPROCS` are active).
///
/// # Safety
/// A runtime call of the running goroutine (a safepoint).
#[no_mangle]
pub unsafe extern "C" fn rgo_gomaxprocs(n: i64) -> i64 {
    let old = MAXPROCS.load(Ordering::Relaxed);
    match settable(n) {
        Some(n) if n < old && parallel() => {
            // SAFETY: as the caller promises.
            unsafe { with_world_stopped(|| MAXPROCS.store(n, Ordering::Relaxed)) };
        }
        Some(n) => raise_maxprocs(n),
        None => {}
    }
    old as i64
}

/// `n` as a `GOMAXPROCS` this program may take, if it may change it.
fn settable(n: i64) -> Option<u32> {
    (n > 0 && ENABLED.load(Ordering::Relaxed) && crate::arch::PARALLEL).then(|| n.min(MAX_PROCS as i64) as u32)
}

/// Sets `GOMAXPROCS` to `n`, the first time above 1 starting what several
/// processors need; not for lowering it with several (see
/// [`rgo_gomaxprocs`]). (The start-up's setting links none of the
/// stopping of the world.)
fn raise_maxprocs(n: u32) {
    MAXPROCS.store(n, Ordering::Relaxed);
    if n > 1 && !parallel() {
        // The running goroutine holds the lock from now on (one thread
        // ran everything so far): its runtime call's exit gives it back.
        let g = current_g();
        crate::g::set_current_g(g);
        let h = holder();
        // SAFETY: the running goroutine's own record.
        unsafe { (*g).m = h as *const M as usize };
        h.running.store(g, Ordering::Relaxed);
        sched_stack();
        // The wake pipe (and the monitor, idle with several processors).
        if !start_monitor() {
            MAXPROCS.store(1, Ordering::Relaxed);
            return;
        }
        rgo_parallel.store(1, Ordering::SeqCst);
        // The running goroutine may never park (and pass `runs` again):
        // its thread's cache now.
        give_cache(h);
    }
    wakep();
}

/// `GOMAXPROCS` at start-up, as gc sets it: the environment's when it is a
/// number above 0, else the CPUs the process may use.
pub fn init_maxprocs() {
    let from_env = crate::process::runtime_env("GOMAXPROCS").and_then(|v| {
        let mut n: i64 = 0;
        for &b in v {
            if !b.is_ascii_digit() || n > 1 << 20 {
                return None;
            }
            n = n * 10 + (b - b'0') as i64;
        }
        (n > 0).then_some(n)
    });
    if let Some(n) = settable(from_env.unwrap_or_else(|| os::cpu_count() as i64)) {
        raise_maxprocs(n);
    }
}

/// With several processors, the descriptor a thread waiting in the
/// scheduler's idle wait watches (the pipe [`wakep`] and returning system
/// calls write).
pub fn parallel_wake_fd() -> Option<i32> {
    let fd = WAKE_READ.load(Ordering::Relaxed);
    (parallel() && fd >= 0).then_some(fd)
}

/// Takes the runtime lock for `owner`, waiting for it.
fn acquire(owner: *mut G) {
    let word = crate::g::current_word();
    let mut spins = 0;
    loop {
        if word.compare_exchange(ptr::null_mut(), owner, Ordering::Acquire, Ordering::Relaxed).is_ok() {
            return;
        }
        if spins < 100 {
            spins += 1;
            core::hint::spin_loop();
            continue;
        }
        LOCK_WAITERS.fetch_add(1, Ordering::SeqCst);
        let seq = LOCK_SEQ.load(Ordering::SeqCst);
        if !word.load(Ordering::SeqCst).is_null() {
            os::futex_wait(&LOCK_SEQ, seq);
        }
        LOCK_WAITERS.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Gives the runtime lock back.
fn release() {
    // A swap, not a store: the free word must be visible before the load
    // of LOCK_WAITERS below (a waiter adds itself, then reads the word).
    // A sequentially consistent store then load orders that on every ISA,
    // but qemu-aarch64 on an x86 host lets the load pass arm64's STLR, and
    // a waiter slept for good on a free lock; a swap is one atomic
    // read-modify-write there (and what x86 makes of the store anyway).
    crate::g::current_word().swap(ptr::null_mut(), Ordering::SeqCst);
    if LOCK_WAITERS.load(Ordering::SeqCst) != 0 {
        LOCK_SEQ.fetch_add(1, Ordering::SeqCst);
        os::futex_wake(&LOCK_SEQ);
    }
}

/// rt-arch's `rgo_rt_enter`: goroutine `g`, running Go code on its thread,
/// is about to call the runtime: takes the lock unless `g` holds it
/// already (a call made by Go code the runtime called, or while pinned).
///
/// # Safety
/// Only `rgo_rt_enter` calls this, on the scheduler stack of `g.m`.
#[no_mangle]
pub unsafe extern "C" fn rgo_rt_lock(g: *mut G) {
    if crate::g::current_word().load(Ordering::Relaxed) == g {
        return;
    }
    acquire(g);
    // SAFETY: `g.m` is the record of this thread (the scheduler set it).
    HOLDER.store(unsafe { (*g).m } as *mut M, Ordering::Relaxed);
}

/// rt-arch's `rgo_rt_exit`: `g`'s runtime call returned to Go code: the
/// lock goes back unless runtime frames of `g` are still live (Go code the
/// runtime called) or `g` is pinned (`sync.runtime_procPin`: the lock
/// stands for the one processor's pool until `procUnpin`).
///
/// # Safety
/// Only `rgo_rt_exit` and `rgo_resume` (a recovered panic resuming Go
/// code) call this, as for [`rgo_rt_lock`].
#[no_mangle]
pub unsafe extern "C" fn rgo_rt_unlock(g: *mut G) {
    // SAFETY: the running goroutine's record.
    if unsafe { (*g).sys_sp } != sched::sys_top() || sched::holds_runtime() {
        return;
    }
    release();
}

/// The running goroutine leaves the runtime for Go code without returning
/// through a runtime call's exit (a new goroutine starts, a recovered
/// panic resumes a frame): with several processors the lock goes back.
pub fn leave_for_go() {
    if parallel() && !sched::holds_runtime() {
        release();
    }
}

/// Records that this thread runs `g` (the scheduler, before it runs it).
///
/// # Safety
/// `g` is a goroutine record.
pub unsafe fn runs(g: *mut G) {
    let h = holder();
    // SAFETY: as the caller promises.
    unsafe { (*g).m = h as *const M as usize };
    h.running.store(g, Ordering::Relaxed);
    if parallel() {
        give_cache(h);
    }
}

/// A processor id for a goroutine being pinned on thread `thread` (its
/// record; `None`: the lock's holder): the id the thread's goroutines took
/// last when it is free, else the first free one below `GOMAXPROCS`. When
/// every one is held (more threads run Go code than `GOMAXPROCS` for a
/// moment, after system calls), it waits for one: pinned goroutines
/// neither park nor yield, so one comes back soon.
///
/// # Safety
/// `thread`, if given, must be the calling thread's record.
pub unsafe fn take_processor_id(thread: Option<*const crate::g::ThreadHead>) -> u32 {
    // SAFETY: as the caller promises (a thread record starts with its head).
    let m = match thread {
        Some(t) => unsafe { &*(t as *const M) },
        None => holder(),
    };
    let last = m.last_id.load(Ordering::Relaxed);
    loop {
        let n = MAXPROCS.load(Ordering::Relaxed).max(1);
        for i in 0..n {
            let id = (last + i) % n;
            let slot = &PROCESSOR_IDS[id as usize].0;
            if !slot.load(Ordering::Relaxed) && slot.compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed).is_ok() {
                m.last_id.store(id, Ordering::Relaxed);
                return id;
            }
        }
        core::hint::spin_loop();
    }
}

/// Gives back a processor id [`take_processor_id`] gave.
pub fn give_processor_id(id: u32) {
    PROCESSOR_IDS[id as usize].0.store(false, Ordering::Release);
}

/// The goroutine thread `thread` runs (several processors: what a
/// lockless runtime call, which is handed its thread's record, works for).
///
/// # Safety
/// `thread` must be the record of the calling thread, running a goroutine.
pub unsafe fn running_on(thread: *const crate::g::ThreadHead) -> *mut G {
    // SAFETY: a thread record starts with its head (`M` is `repr(C)`).
    unsafe { (*(thread as *const M)).running.load(Ordering::Relaxed) }
}

/// Gives thread `m` an allocation cache unless it has one: its goroutines
/// allocate small objects without the lock (gc::cache). Called by the
/// lock's holder (the list of caches grows).
fn give_cache(m: &M) {
    if m.head.alloc_cache.load(Ordering::Relaxed).is_null() {
        // SAFETY: this thread holds the runtime lock.
        let c = unsafe { crate::gc::cache::new_cache(crate::heap::sample_rate()) };
        m.head.alloc_cache.store(c as *mut u8, Ordering::Relaxed);
    }
}

/// Counts `m` in [`ACTIVE`] unless it is (the lock's holder).
///
/// Sequentially consistent: a thread back from a system call taken without
/// the lock counts itself and then looks at [`STOPPING`], while a stopping
/// collection raises it and then looks at the count ([`return_from_call`]).
fn count_active(m: &M) {
    if !m.counted.swap(true, Ordering::SeqCst) {
        ACTIVE.fetch_add(1, Ordering::SeqCst);
    }
}

/// Stops counting `m` in [`ACTIVE`] (the lock's holder, or the taker of
/// its system call).
fn uncount_active(m: &M) {
    if m.counted.swap(false, Ordering::SeqCst) {
        ACTIVE.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A goroutine another thread handed this one (several processors) while
/// it waited in the scheduler's idle wait: it runs next.
pub fn take_handed() -> Option<*mut G> {
    if !parallel() {
        return None;
    }
    let m = holder();
    if m.handed.load(Ordering::Acquire) == 0 {
        return None;
    }
    m.handed.store(0, Ordering::Relaxed);
    match m.run.swap(TAKE_OVER, Ordering::Relaxed) {
        TAKE_OVER | SCHEDULE | SPIN => None,
        g => Some(g as *mut G),
    }
}

/// Asks every goroutine running Go code to yield at its next check (the
/// tick, with several processors, and a collection stopping the world).
pub fn preempt_all() {
    for_each_thread(|m| {
        let g = m.running.load(Ordering::Relaxed);
        if !g.is_null() {
            // SAFETY: goroutine records are mapped for good (dead ones
            // are reused): a stale request is cleared when the goroutine
            // runs again.
            unsafe { ptr::write_volatile(ptr::addr_of_mut!((*g).stackguard), sched::STACK_PREEMPT) };
        }
    });
}

/// Calls `f` with every thread's record: the main thread's, then those
/// started since, newest first.
fn for_each_thread(mut f: impl FnMut(&'static M)) {
    f(&M0);
    let mut m = ALL.load(Ordering::Acquire);
    while !m.is_null() {
        // SAFETY: thread records are mapped for good.
        let r = unsafe { &*m };
        f(r);
        m = r.all.load(Ordering::Relaxed);
    }
}

/// Wakes (or starts) a spinning worker ([`spin`]) for runnable goroutines
/// while fewer than `GOMAXPROCS` are active and none spins; called by the
/// lock's holder after it made goroutines runnable.
pub fn wakep() {
    if !parallel() || sched::runnable_count() == 0 {
        return;
    }
    wake_worker();
}

/// [`wakep`] past its look at the run queue (the monitor, which does not
/// hold the lock, looks at the spinners' count instead).
fn wake_worker() {
    if STOPPING.load(Ordering::Relaxed) {
        return;
    }
    if ACTIVE.load(Ordering::Relaxed) >= MAXPROCS.load(Ordering::Relaxed) {
        return;
    }
    if SLEEPING.load(Ordering::SeqCst) {
        // A thread in the idle wait picks it up.
        os::write(WAKE_WRITE.load(Ordering::Relaxed), &[1]);
        return;
    }
    if SPINNING.load(Ordering::SeqCst) != 0 {
        // The spinner sees the queue (it reads it after it stops
        // counting itself, so it cannot miss this goroutine).
        return;
    }
    let Some(m) = idle_thread() else { return };
    SPINNING.fetch_add(1, Ordering::SeqCst);
    m.give(SPIN);
}

/// A spinning worker (gc's spinning M), handed [`SPIN`] by [`wakep`] or
/// idle after its goroutines ran out ([`go_idle`]): for a while it watches
/// the run queue without the lock, and takes the lock to run a goroutine
/// that stayed queued for [`SPIN_GRACE_NS`]; when none did, it goes on
/// the idle list. True when it holds the lock, counted active, for the
/// scheduler; false when it is idle again (to wait for [`M::give`]).
fn spin(m: &'static M) -> bool {
    let (_, mut taken) = sched::queue_watch();
    // Since when the queue has held goroutines with none taken (0: it
    // has not).
    let mut since = 0;
    let mut found = false;
    for _ in 0..SPIN_READS {
        for _ in 0..SPIN_PAUSES {
            core::hint::spin_loop();
        }
        let (queued, t) = sched::queue_watch();
        if queued == 0 || t != taken {
            (taken, since) = (t, 0);
            continue;
        }
        let now = os::nanotime();
        if since == 0 {
            since = now;
        } else if now - since >= SPIN_GRACE_NS {
            found = true;
            break;
        }
    }
    // A swap before the last look at the queue: a goroutine queued after
    // it made `wakep` wake another worker.
    SPINNING.fetch_sub(1, Ordering::SeqCst);
    if !found && sched::queue_watch().0 == 0 {
        push_idle(m);
        return false;
    }
    acquire(crate::g::sched_g());
    HOLDER.store(m as *const M as *mut M, Ordering::Relaxed);
    if STOPPING.load(Ordering::Relaxed) || ACTIVE.load(Ordering::Relaxed) >= MAXPROCS.load(Ordering::Relaxed) || sched::runnable_count() == 0 {
        push_idle(m);
        release();
        return false;
    }
    count_active(m);
    if sched::runnable_count() > 1 {
        // More than this worker takes: another spins.
        wakep();
    }
    true
}

/// The scheduler of a worker found nothing to run (`prev` saved). With
/// other workers active it goes idle and never returns; alone, it returns
/// and the scheduler waits as with one processor (timers, I/O, system
/// calls), without the lock meanwhile ([`idle_wait`]).
///
/// # Safety
/// Called by the scheduler on the holder's scheduler stack, no goroutine's
/// frames on the system stack.
pub unsafe fn nothing_to_run() {
    if !parallel() {
        return;
    }
    if ACTIVE.load(Ordering::Relaxed) > 1 {
        // SAFETY: as the caller promises.
        unsafe { go_idle() }
    }
}

/// This worker idles until [`wakep`] hands it [`SPIN`] (or
/// [`keep_one_worker`] [`SCHEDULE`]).
///
/// # Safety
/// As for [`nothing_to_run`].
unsafe fn go_idle() -> ! {
    let m = holder();
    m.running.store(ptr::null_mut(), Ordering::Relaxed);
    uncount_active(m);
    if m.locked.load(Ordering::Relaxed).is_null() {
        if STOPPING.load(Ordering::Relaxed) {
            push_idle(m);
        } else {
            // It spins first ([`spin`]): a goroutine readied soon runs
            // without a thread woken for it.
            SPINNING.fetch_add(1, Ordering::SeqCst);
            m.run.store(SPIN, Ordering::Relaxed);
            m.handed.store(1, Ordering::Release);
        }
    }
    if SLEEPING.load(Ordering::SeqCst) {
        // The thread in the idle wait chose its deadline before this
        // one's goroutines added timers or made work: it looks again.
        os::write(WAKE_WRITE.load(Ordering::Relaxed), &[1]);
    }
    release();
    // SAFETY: `m` is this thread's record, its stack this one.
    unsafe { wait_for_processor(m as *const M as usize) }
}

/// The scheduler's idle wait without the lock, with several processors:
/// `wait` sleeps (for a timer, I/O, a signal or a system call's return);
/// a goroutine made runnable meanwhile writes the wake pipe.
pub fn idle_wait<R>(wait: impl FnOnce() -> R) -> R {
    if !parallel() {
        return wait();
    }
    let m = HOLDER.load(Ordering::Relaxed);
    SLEEPING.store(true, Ordering::SeqCst);
    release();
    let r = wait();
    SLEEPING.store(false, Ordering::SeqCst);
    acquire(crate::g::sched_g());
    HOLDER.store(m, Ordering::Relaxed);
    r
}

/// Runs `f` with the world stopped ([`stop_the_world`]): a collection,
/// or a walk of every goroutine's stack (runtime/pprof's goroutine
/// profile, `runtime.Stack(buf, true)`).
///
/// # Safety
/// As for [`stop_the_world`].
pub unsafe fn with_world_stopped<R>(f: impl FnOnce() -> R) -> R {
    // SAFETY: as the caller promises.
    let stopped = unsafe { stop_the_world() };
    let r = f();
    if stopped {
        start_the_world();
    }
    r
}

/// Stops the world: returns once no other worker runs a goroutine (each
/// parked at a preemption point, or idle, or in a system call with its
/// frames saved); whether this call stopped it (not with one processor,
/// nor when the world stood stopped already), and then [`start_the_world`]
/// starts it again. The running goroutine parks until then (unless no
/// other worker is active: then it only raises the flag).
///
/// # Safety
/// Called inside a runtime call of the running goroutine (a safepoint),
/// holding no reference into the scheduler.
unsafe fn stop_the_world() -> bool {
    while STOPPING.load(Ordering::Relaxed) {
        // Another goroutine stops the world: this one stops with the
        // others (it stands at a safepoint), then stops it in turn.
        // SAFETY: as the caller promises.
        unsafe { sched::rgo_gosched() };
    }
    if !parallel() {
        return false;
    }
    // The flag stands even when this worker runs alone: a thread back from
    // a system call taken without the lock waits for the world to start
    // rather than run Go code through the collection (return_from_call).
    STOPPING.store(true, Ordering::SeqCst);
    STOPPER.store(current_g(), Ordering::Relaxed);
    if ACTIVE.load(Ordering::SeqCst) == 1 {
        return true;
    }
    GC_WAITER.store(current_g(), Ordering::Relaxed);
    preempt_all();
    // Threads in system calls without the lock stop counting now: their
    // goroutines stand at the call, walkable, and stay there until the
    // world starts again.
    for_each_thread(|m| {
        let state = m.call_state.load(Ordering::Acquire);
        if state & KIND == SYSCALL {
            take_from_call(m, state);
        }
    });
    // SAFETY: as the caller promises; the last worker to stop resumes it.
    unsafe { sched::park_for_stop() };
    true
}

/// After [`stop_the_world`]: the other workers may run again.
fn start_the_world() {
    if STOPPING.swap(false, Ordering::SeqCst) {
        STOPPER.store(ptr::null_mut(), Ordering::Relaxed);
        if START_WAITERS.load(Ordering::SeqCst) != 0 {
            START_SEQ.fetch_add(1, Ordering::SeqCst);
            os::futex_wake(&START_SEQ);
        }
        wakep();
    }
}

/// Threads back from a system call taken while the world stopped, waiting
/// for it to start ([`wait_for_start`]), and the word they wait on.
static START_WAITERS: AtomicU32 = AtomicU32::new(0);
static START_SEQ: AtomicU32 = AtomicU32::new(0);

/// Waits until no collection stops the world.
fn wait_for_start() {
    START_WAITERS.fetch_add(1, Ordering::SeqCst);
    let seq = START_SEQ.load(Ordering::SeqCst);
    if STOPPING.load(Ordering::SeqCst) {
        os::futex_wait(&START_SEQ, seq);
    }
    START_WAITERS.fetch_sub(1, Ordering::SeqCst);
}

/// Whether a collection is stopping the world.
#[inline]
pub fn stopping() -> bool {
    STOPPING.load(Ordering::Relaxed)
}

/// Whether the running goroutine `g` must not yield now: it stopped the
/// world for its collection, which runs on.
pub fn stopped_the_world(g: *mut G) -> bool {
    stopping() && STOPPER.load(Ordering::Relaxed) == g
}

/// The scheduler of a worker while the world stops (its goroutine parked
/// or queued, frames saved): the last worker to stop resumes the
/// collection's goroutine (returned); the others idle.
///
/// # Safety
/// As for [`nothing_to_run`].
pub unsafe fn stop_here() -> *mut G {
    // Against a thread back from a system call taken without the lock,
    // which counts itself active and then looks at STOPPING
    // ([`return_from_call`]): one of the two sees the other.
    core::sync::atomic::fence(Ordering::SeqCst);
    if ACTIVE.load(Ordering::SeqCst) == 1 {
        return GC_WAITER.swap(ptr::null_mut(), Ordering::Relaxed);
    }
    // SAFETY: as the caller promises.
    unsafe { go_idle() }
}

/// A worker stopped counting itself active in a system call, rather than
/// at a preemption point: when the world stops and it was the last one
/// running, the goroutine that stops the world goes on, on another thread
/// (without this, every thread idled: e2e netpoll_parallel under
/// RGO_GCSTRESS).
fn resume_stopper_if_last() {
    if !STOPPING.load(Ordering::SeqCst) || ACTIVE.load(Ordering::SeqCst) != 0 {
        return;
    }
    let s = GC_WAITER.swap(ptr::null_mut(), Ordering::Relaxed);
    if !s.is_null() {
        let t = thread_for(s);
        count_active(t);
        t.give(s as usize);
        if SLEEPING.load(Ordering::SeqCst) {
            os::write(WAKE_WRITE.load(Ordering::Relaxed), &[1]);
        }
    }
}

/// A system call made without the runtime lock by the goroutine thread
/// `thread` runs, with several processors (docs/goroutines.md, "System
/// calls without the lock"). Outside `entersyscall`/`exitsyscall` it is
/// made in place, as gc's `RawSyscall` (such calls do not block). Inside
/// them the thread's call state says [`SYSCALL`] meanwhile, and the
/// goroutine's status `syscall`: the monitor, finding the same call on two
/// looks, or a collection stopping the world, takes the call
/// ([`take_from_call`]): the thread stops counting as active, so another
/// runs the other goroutines. Back from the kernel, a thread whose call was
/// taken counts itself active again before Go code runs
/// ([`return_from_call`]). The result, or minus the error number; `None`
/// when it declines: the goroutine holds the runtime lock (its runtime
/// frames are live on the system stack), or the execution tracer records
/// the call (under the lock).
///
/// # Safety
/// `thread` must be the calling thread's record, running a goroutine in a
/// lockless runtime call (rt-arch's `rgo_rt_try`); as for `os::go_syscall`.
pub unsafe fn syscall_nolock(thread: *const crate::g::ThreadHead, n: usize, a: &[usize; 6]) -> Option<isize> {
    // SAFETY: as the caller promises (a thread record starts with its head).
    let m = unsafe { &*(thread as *const M) };
    let g = m.running.load(Ordering::Relaxed);
    // SAFETY: the goroutine this thread runs; the call as the caller
    // promises.
    unsafe {
        if !(*g).in_syscall {
            return Some(os::go_syscall(n, a));
        }
        if crate::g::current_word().load(Ordering::Relaxed) == g || crate::trace::on() {
            return None;
        }
        let state = ((m.call_state.load(Ordering::Relaxed) & !KIND) + (KIND + 1)) | SYSCALL;
        (*g).status = Status::Syscall as u8;
        // A swap: the state is visible before the call (and before a
        // stopping collection's walk of the threads, which needs it).
        m.call_state.swap(state, Ordering::SeqCst);
        let r = os::go_syscall(n, a);
        if m.call_state.compare_exchange(state, state & !KIND | RUNNING, Ordering::Acquire, Ordering::Relaxed).is_err() {
            return_from_call(m, state);
        }
        (*g).status = Status::Running as u8;
        Some(r)
    }
}

/// Takes thread `m`'s system call without the lock, found in `state`
/// ([`syscall_nolock`]): the thread stops counting as active; false when
/// the call returned first. (The monitor, and a collection stopping the
/// world, which then need no word from the thread.)
fn take_from_call(m: &M, state: u64) -> bool {
    if m.call_state.compare_exchange(state, state & !KIND | TAKING, Ordering::Acquire, Ordering::Relaxed).is_err() {
        return false;
    }
    // A goroutine in a call that may return: not a deadlock.
    OUT.fetch_add(1, Ordering::SeqCst);
    uncount_active(m);
    m.call_state.store(state & !KIND | TAKEN, Ordering::Release);
    resume_stopper_if_last();
    keep_one_worker();
    true
}

/// After a take left no worker active (the others idle, counting on this
/// one): one is woken to run the scheduler, which, alone, waits for
/// timers, I/O and signals as with one processor (gc's `handoffp` when the
/// last processor leaves a thread in a system call). Not while the world
/// stops: its goroutines wait for the collection anyway.
fn keep_one_worker() {
    if STOPPING.load(Ordering::SeqCst) || ACTIVE.load(Ordering::SeqCst) != 0 {
        return;
    }
    let Some(t) = idle_thread() else { crate::fatal::fatal("runtime: cannot start a thread for a goroutine") };
    count_active(t);
    t.give(SCHEDULE);
}

/// Thread `m` is back from its system call `state`, which was taken: it
/// counts itself active again (beyond `GOMAXPROCS` for a while if others
/// took the places meanwhile, as a locked call back from the kernel does),
/// except while a collection stops the world, whose end it waits for.
fn return_from_call(m: &M, state: u64) {
    while m.call_state.load(Ordering::Acquire) & KIND == TAKING {
        core::hint::spin_loop();
    }
    loop {
        count_active(m);
        if !STOPPING.load(Ordering::SeqCst) {
            break;
        }
        // The world stops: not counted after all, and the last one out
        // lets the collection go on.
        uncount_active(m);
        resume_stopper_if_last();
        wait_for_start();
    }
    m.call_state.store(state & !KIND | RUNNING, Ordering::Relaxed);
    OUT.fetch_sub(1, Ordering::SeqCst);
}

/// The monitor's look at the threads' system calls without the lock (with
/// several processors): it takes each it finds in the same call as at its
/// last look, and wakes a worker for the goroutines queued meanwhile;
/// whether it took one.
fn take_long_calls() -> bool {
    let mut took = false;
    for_each_thread(|m| {
        let state = m.call_state.load(Ordering::Acquire);
        if state & KIND == SYSCALL && m.seen_state.load(Ordering::Relaxed) == state {
            took |= take_from_call(m, state);
        }
        m.seen_state.store(state, Ordering::Relaxed);
    });
    if took && sched::queue_watch().0 != 0 {
        wake_worker();
    }
    took
}

/// A system call that may block, made with several processors: `g`'s
/// frames are saved as for a park and the lock goes back for its duration;
/// then this thread takes it again and `g` goes on, or, while a
/// collection stops the world, `g` is queued and the thread idles.
///
/// # Safety
/// As for [`call_on_thread`]: only [`syscall`] calls this, through
/// `rgo_ctx_call`.
unsafe extern "C" fn call_parallel(g: usize) {
    let g = g as *mut G;
    let m = holder();
    // SAFETY: `g` saved its context; nothing else runs on the system
    // stack while this thread holds the lock.
    unsafe { sched::save_sys_stack(g) };
    OUT.fetch_add(1, Ordering::SeqCst);
    uncount_active(m);
    m.running.store(ptr::null_mut(), Ordering::Relaxed);
    resume_stopper_if_last();
    wakep();
    release();
    // SAFETY: `g`'s call, as its goroutine asked (crate::goos).
    unsafe {
        let c = ptr::read(ptr::addr_of!((*g).call));
        let r = os::go_syscall(c[0], &[c[1], c[2], c[3], c[4], c[5], c[6]]);
        ptr::write(ptr::addr_of_mut!((*g).call_ret), r);
    }
    if SLEEPING.load(Ordering::SeqCst) {
        os::write(WAKE_WRITE.load(Ordering::Relaxed), &[1]);
    }
    acquire(g);
    HOLDER.store(m as *const M as *mut M, Ordering::Relaxed);
    OUT.fetch_sub(1, Ordering::SeqCst);
    if STOPPING.load(Ordering::Relaxed) {
        // The world stops: `g` waits in the run queue like a preempted one.
        // SAFETY: `g` is parked in its call, frames saved.
        unsafe { sched::requeue(g) };
        m.running.store(ptr::null_mut(), Ordering::Relaxed);
        // SAFETY: this thread's record and stack; nothing of it on the
        // system stack.
        unsafe { go_idle() }
    }
    count_active(m);
    // SAFETY: `g` is this thread's again: its frames go back where they were.
    unsafe {
        sched::runs_again(g);
    }
}
