//! The execution tracer: `runtime.StartTrace`, `StopTrace` and `ReadTrace`,
//! and package runtime/trace's annotations (tasks, regions, logs), writing
//! Go 1.19's trace format, which `go tool trace` and internal/trace read
//! (docs/goroutines.md, "Execution traces").
//!
//! While a trace runs, the scheduler, the collector and the system-call
//! hand-off report what happens to goroutines ([`go_create`], [`go_start`],
//! [`go_park`], [`go_unpark`], ...). Each report is an event appended to the
//! batch being filled: a type byte (with how many values follow), the time
//! since the batch's previous event, the arguments, and for most events the
//! id of the reporting goroutine's stack in a table written at the end. A
//! full batch goes to a queue that the reader goroutine (runtime/trace's,
//! parked in [`rgo_trace_read`] while there is nothing to read) hands to
//! its writer a batch at a time. One processor runs Go code, so every event
//! is on processor 0 and in order, and only the thread holding it writes
//! (crate::threads): the state needs no lock.
//!
//! Timestamps are `nanotime` readings (a frequency of 10^9 ticks per second
//! in the footer). CPU profile samples are events too while a profile runs,
//! with the stacks the profile records. Not recorded yet: the collector's
//! phases inside a cycle (its start and end are), and the `Local` forms of
//! gc's events, which only help a parser order several processors' batches.
//!
//! Floor: scheduling (it reads goroutines' stacks and is called by the
//! scheduler).

use crate::g::{current_g, Status, G};
use crate::os;
use crate::GoString;
use alloc::collections::{BTreeMap, VecDeque};
use alloc::vec::Vec;
use core::cell::UnsafeCell;
use core::ptr;
use core::sync::atomic::{AtomicBool, AtomicPtr, Ordering};

/// Event types of Go 1.19's format (internal/trace's `Ev*` numbers).
const EV_BATCH: u8 = 1;
const EV_FREQUENCY: u8 = 2;
const EV_STACK: u8 = 3;
const EV_GOMAXPROCS: u8 = 4;
const EV_PROC_START: u8 = 5;
const EV_GC_START: u8 = 7;
const EV_GC_DONE: u8 = 8;
const EV_GO_CREATE: u8 = 13;
const EV_GO_START: u8 = 14;
const EV_GO_END: u8 = 15;
const EV_GO_STOP: u8 = 16;
const EV_GO_SCHED: u8 = 17;
const EV_GO_PREEMPT: u8 = 18;
const EV_GO_SLEEP: u8 = 19;
const EV_GO_BLOCK: u8 = 20;
const EV_GO_UNBLOCK: u8 = 21;
const EV_GO_BLOCK_SEND: u8 = 22;
const EV_GO_BLOCK_RECV: u8 = 23;
const EV_GO_BLOCK_SELECT: u8 = 24;
const EV_GO_BLOCK_SYNC: u8 = 25;
const EV_GO_BLOCK_COND: u8 = 26;
const EV_GO_BLOCK_NET: u8 = 27;
const EV_GO_SYSCALL: u8 = 28;
const EV_GO_SYSEXIT: u8 = 29;
const EV_GO_SYSBLOCK: u8 = 30;
const EV_GO_WAITING: u8 = 31;
const EV_GO_IN_SYSCALL: u8 = 32;
const EV_HEAP_ALLOC: u8 = 33;
const EV_HEAP_GOAL: u8 = 34;
const EV_STRING: u8 = 37;
const EV_USER_TASK_CREATE: u8 = 45;
const EV_USER_TASK_END: u8 = 46;
const EV_USER_REGION: u8 = 47;
const EV_USER_LOG: u8 = 48;
const EV_CPU_SAMPLE: u8 = 49;

/// The type byte's top two bits: how many values follow, less one (3: a
/// length in bytes comes first).
const ARG_COUNT_SHIFT: u8 = 6;
/// A batch is handed to the reader once it holds this many bytes.
const BATCH_BYTES: usize = 64 << 10;
/// Frames kept of a stack (gc's `traceStackSize`).
const STACK_FRAMES: usize = 128;
/// What `ReadTrace` returns first.
const HEADER: &[u8; 16] = b"go 1.19 trace\0\0\0";

struct Tracer {
    /// Events are being recorded.
    enabled: bool,
    /// `StopTrace` ran: the reader drains what is left, then the footer.
    shutdown: bool,
    header_written: bool,
    footer_written: bool,
    /// The batch being filled (empty: none begun).
    batch: Vec<u8>,
    /// The time of the batch's latest event.
    last_ticks: u64,
    /// Full batches, oldest first, for the reader.
    full: VecDeque<Vec<u8>>,
    /// The bytes the latest `ReadTrace` returned: kept until its next call.
    reading: Vec<u8>,
    /// The reader, parked until there is something to read.
    reader: *mut G,
    /// A full batch waits while the reader is parked: the scheduler wakes
    /// it ([`reader_to_wake`]).
    wake_reader: bool,
    /// `StopTrace`'s goroutine, parked until the reader took everything.
    stopper: *mut G,
    /// Strings and stacks written so far, by id (0 stands for none).
    strings: BTreeMap<Vec<u8>, u64>,
    stacks: BTreeMap<Vec<usize>, u64>,
    /// Collections started since the trace began.
    gc_seq: u64,
    /// The goroutine the latest start event started, until it stops
    /// running: events of the scheduler's own (a timer's wake-up) have no
    /// goroutine and no stack.
    running: *mut G,
}

struct TracerCell(UnsafeCell<Tracer>);

// SAFETY: only the thread holding the processor runs Go code, the
// scheduler and the collector (crate::threads), and only those call in.
unsafe impl Sync for TracerCell {}

static TRACER: TracerCell = TracerCell(UnsafeCell::new(Tracer {
    enabled: false,
    shutdown: false,
    header_written: false,
    footer_written: false,
    batch: Vec::new(),
    last_ticks: 0,
    full: VecDeque::new(),
    reading: Vec::new(),
    reader: ptr::null_mut(),
    wake_reader: false,
    stopper: ptr::null_mut(),
    strings: BTreeMap::new(),
    stacks: BTreeMap::new(),
    gc_seq: 0,
    running: ptr::null_mut(),
}));

/// Events are being recorded: what every hook looks at first.
static ENABLED: AtomicBool = AtomicBool::new(false);

fn tracer() -> &'static mut Tracer {
    // SAFETY: one thread at a time (see TracerCell); no caller keeps the
    // reference across a park or a call that takes it again.
    unsafe { &mut *TRACER.0.get() }
}

/// Whether a trace is being recorded.
#[inline]
pub fn on() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

fn put_uvarint(b: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        b.push(v as u8 | 0x80);
        v >>= 7;
    }
    b.push(v as u8);
}

impl Tracer {
    /// The batch to append to, a new one begun (and a full one queued for
    /// the reader) when needed.
    fn batch(&mut self) -> &mut Vec<u8> {
        if self.batch.len() >= BATCH_BYTES {
            let full = core::mem::take(&mut self.batch);
            self.full.push_back(full);
            if !self.reader.is_null() {
                self.wake_reader = true;
            }
        }
        if self.batch.is_empty() {
            let now = os::nanotime() as u64;
            self.batch.push(EV_BATCH | 1 << ARG_COUNT_SHIFT);
            put_uvarint(&mut self.batch, 0);
            put_uvarint(&mut self.batch, now);
            self.last_ticks = now;
        }
        &mut self.batch
    }

    /// Appends event `ev` with `args`, then the stack id when `stack` is
    /// given (the events whose description has a stack; 0: none).
    fn event(&mut self, ev: u8, args: &[u64], stack: Option<u64>) {
        self.batch();
        // Strictly later than the batch's previous event, as gc's ticks.
        let now = (os::nanotime() as u64).max(self.last_ticks + 1);
        let diff = now - self.last_ticks;
        self.last_ticks = now;
        let values = (args.len() + usize::from(stack.is_some())).min(3) as u8;
        let b = &mut self.batch;
        b.push(ev | values << ARG_COUNT_SHIFT);
        let len_at = b.len();
        if values == 3 {
            b.push(0);
        }
        put_uvarint(b, diff);
        for &a in args {
            put_uvarint(b, a);
        }
        if let Some(id) = stack {
            put_uvarint(b, id);
        }
        if values == 3 {
            // The bytes after the length byte; an event is far below 128.
            b[len_at] = (b.len() - len_at - 1) as u8;
        }
    }

    /// The id of string `s`, written as an `EvString` the first time (0 for
    /// the empty string, which the format cannot hold).
    fn string(&mut self, s: &[u8]) -> u64 {
        if s.is_empty() {
            return 0;
        }
        if let Some(&id) = self.strings.get(s) {
            return id;
        }
        let id = self.strings.len() as u64 + 1;
        self.strings.insert(s.to_vec(), id);
        let b = self.batch();
        b.push(EV_STRING);
        put_uvarint(b, id);
        put_uvarint(b, s.len() as u64);
        b.extend_from_slice(s);
        id
    }

    /// The id of the stack `pcs` (innermost first; 0 for none).
    fn stack(&mut self, pcs: &[usize]) -> u64 {
        if pcs.is_empty() {
            return 0;
        }
        if let Some(&id) = self.stacks.get(pcs) {
            return id;
        }
        let id = self.stacks.len() as u64 + 1;
        self.stacks.insert(pcs.to_vec(), id);
        id
    }

    /// The id of the running goroutine's stack, from the Go code that
    /// called the runtime; 0 when no goroutine runs (the scheduler's own
    /// events).
    fn current_stack(&mut self) -> u64 {
        let g = current_g();
        if g != self.running {
            return 0;
        }
        let mut pcs = Vec::new();
        // SAFETY: the running goroutine stands in a runtime call.
        unsafe {
            crate::traceback::for_each_caller(g, |pc| pcs.push(pc));
            // Without the runtime's bottom frames, as gc's trace stacks:
            // `runtime.goexit`, and `runtime.main` below the main goroutine.
            if !(*g).system {
                pcs.pop();
                if g == crate::g::main_g() {
                    pcs.pop();
                }
            }
        }
        // Nor the runtime's own frames on top (rgo's Go glue between the
        // call the program made and the park), which gc's skip counts hide.
        let inner = pcs.iter().take_while(|&&pc| symbolize(pc).1.starts_with(b"runtime.")).count();
        if inner < pcs.len() {
            pcs.drain(..inner);
        }
        pcs.truncate(STACK_FRAMES);
        self.stack(&pcs)
    }

    /// The footer: the tick frequency, then the stack table with the names
    /// of its functions and files.
    fn footer(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        out.push(EV_FREQUENCY);
        put_uvarint(&mut out, 1_000_000_000);
        let stacks = core::mem::take(&mut self.stacks);
        self.batch.clear();
        for (pcs, id) in &stacks {
            let mut body = Vec::new();
            put_uvarint(&mut body, *id);
            put_uvarint(&mut body, pcs.len() as u64);
            for &pc in pcs {
                let (pc, name, file, line) = symbolize(pc);
                let (name, file) = (self.string(name), self.string(file));
                put_uvarint(&mut body, pc as u64);
                put_uvarint(&mut body, name);
                put_uvarint(&mut body, file);
                put_uvarint(&mut body, line);
            }
            // The strings `string` wrote land in `batch`: before the stack.
            out.append(&mut self.batch);
            out.push(EV_STACK | 3 << ARG_COUNT_SHIFT);
            put_uvarint(&mut out, body.len() as u64);
            out.extend_from_slice(&body);
        }
        out
    }
}

/// The frame a stack's code address stands for, as `runtime.CallersFrames`
/// gives it: the address of the call (a return address less one; a
/// function's entry as it is), its function, file and line.
fn symbolize(pc: usize) -> (usize, &'static [u8], &'static [u8], u64) {
    let mut f = crate::traceback::rgo_func_for_pc(pc);
    // SAFETY: null or a record rgo_func_for_pc returned.
    if f.is_null() || unsafe { crate::traceback::rgo_func_entry(f) } != pc {
        f = crate::traceback::rgo_func_for_pc(pc.wrapping_sub(1));
        // SAFETY: as above.
        return match unsafe { f.as_ref() } {
            Some(r) => (pc - 1, r.name(), r.file(), r.line_at(pc - 1) as u64),
            None => (pc - 1, b"", b"", 0),
        };
    }
    // SAFETY: as above: not null.
    let r = unsafe { &*f };
    (pc, r.name(), r.file(), r.line_at(pc) as u64)
}

/// The recording side of the hooks below, reached only through [`HOOKS`]:
/// a program that never starts a trace links none of it (rt-core's size
/// counts in every program).
struct Hooks {
    go_create: unsafe fn(*mut G),
    go_start: unsafe fn(*mut G),
    go_end: fn(),
    go_sched: fn(bool),
    go_park: fn(&str),
    go_unpark: unsafe fn(*mut G),
    go_syscall: fn(),
    go_sysblock: fn(),
    go_sysexit: unsafe fn(*mut G),
    gc_start: fn(),
    gc_done: fn(u64, u64),
    reader_to_wake: fn() -> Option<*mut G>,
    cpu_sample: fn(u64, u64, &[usize]),
}

static HOOKS: Hooks = Hooks {
    go_create: record_go_create,
    go_start: record_go_start,
    go_end: record_go_end,
    go_sched: record_go_sched,
    go_park: record_go_park,
    go_unpark: record_go_unpark,
    go_syscall: record_go_syscall,
    go_sysblock: record_go_sysblock,
    go_sysexit: record_go_sysexit,
    gc_start: record_gc_start,
    gc_done: record_gc_done,
    reader_to_wake: record_reader_to_wake,
    cpu_sample: record_cpu_sample,
};

/// [`HOOKS`], once a trace has started.
static INSTALLED: AtomicPtr<Hooks> = AtomicPtr::new(ptr::null_mut());

/// The hooks while a trace is being recorded.
#[inline]
fn hooks() -> Option<&'static Hooks> {
    if !on() {
        return None;
    }
    // SAFETY: null or the address of the static HOOKS.
    unsafe { INSTALLED.load(Ordering::Relaxed).as_ref() }
}

/// A `go` statement made `g` (its start function set).
///
/// # Safety
/// `g` is the new goroutine's record; called inside the creating
/// goroutine's runtime call.
#[inline]
pub unsafe fn go_create(g: *mut G) {
    if let Some(h) = hooks() {
        // SAFETY: as the caller promises.
        unsafe { (h.go_create)(g) }
    }
}

/// The scheduler switches to `g`.
///
/// # Safety
/// `g` is a goroutine record, runnable.
#[inline]
pub unsafe fn go_start(g: *mut G) {
    if let Some(h) = hooks() {
        // SAFETY: as the caller promises.
        unsafe { (h.go_start)(g) }
    }
}

/// The running goroutine ends.
#[inline]
pub fn go_end() {
    if let Some(h) = hooks() {
        (h.go_end)()
    }
}

/// The running goroutine yields (`runtime.Gosched`), or is preempted.
#[inline]
pub fn go_sched(preempted: bool) {
    if let Some(h) = hooks() {
        (h.go_sched)(preempted)
    }
}

/// The running goroutine parks, waiting for `reason` (`sched::park`'s).
#[inline]
pub fn go_park(reason: &str) {
    if let Some(h) = hooks() {
        (h.go_park)(reason)
    }
}

/// Parked goroutine `g` becomes runnable.
///
/// # Safety
/// `g` is a goroutine record, parked.
#[inline]
pub unsafe fn go_unpark(g: *mut G) {
    if let Some(h) = hooks() {
        // SAFETY: as the caller promises.
        unsafe { (h.go_unpark)(g) }
    }
}

/// The running goroutine enters a system call that may block.
#[inline]
pub fn go_syscall() {
    if let Some(h) = hooks() {
        (h.go_syscall)()
    }
}

/// The goroutine in a system call lost the processor to another thread.
#[inline]
pub fn go_sysblock() {
    if let Some(h) = hooks() {
        (h.go_sysblock)()
    }
}

/// `g`, back from a system call whose processor was taken, is runnable.
///
/// # Safety
/// `g` is a goroutine record.
#[inline]
pub unsafe fn go_sysexit(g: *mut G) {
    if let Some(h) = hooks() {
        // SAFETY: as the caller promises.
        unsafe { (h.go_sysexit)(g) }
    }
}

/// A collection starts, in a runtime call of the running goroutine.
#[inline]
pub fn gc_start() {
    if let Some(h) = hooks() {
        (h.gc_start)()
    }
}

/// The collection ends, leaving `live` bytes of heap and the next one due
/// at `goal`.
#[inline]
pub fn gc_done(live: u64, goal: u64) {
    if let Some(h) = hooks() {
        (h.gc_done)(live, goal)
    }
}

/// The parked reader, when a batch filled up for it: the scheduler readies
/// it.
#[inline]
pub fn reader_to_wake() -> Option<*mut G> {
    hooks().and_then(|h| (h.reader_to_wake)())
}

/// The CPU profiler took `ticks` samples of the running goroutine at time
/// `now` (`nanotime`), its stack `pcs` as the profile records it.
#[inline]
pub fn cpu_sample(ticks: u64, now: u64, pcs: &[usize]) {
    if let Some(h) = hooks() {
        (h.cpu_sample)(ticks, now, pcs)
    }
}

/// Where goroutine `g` starts: the code of its `go` statement's function
/// value ([`crate::sched::start_main`] for the main goroutine, gc's
/// `runtime.main`).
///
/// # Safety
/// `g` is a goroutine record.
unsafe fn start_pc(g: *mut G) -> usize {
    // SAFETY: a func value's first word is its code address.
    match unsafe { (*g).start_fn.cast::<usize>().as_ref() } {
        Some(&pc) => pc,
        None => crate::sched::runtime_main_pc(),
    }
}

/// The next of `g`'s starts and wakes in the trace: its id and the count.
///
/// # Safety
/// `g` is a goroutine record.
unsafe fn next_seq(g: *mut G) -> (u64, u64) {
    // SAFETY: as the caller promises.
    unsafe {
        (*g).trace_seq += 1;
        ((*g).goid, (*g).trace_seq)
    }
}

/// Records [`go_create`].
///
/// # Safety
/// As for [`go_create`].
unsafe fn record_go_create(g: *mut G) {
    let t = tracer();
    let stack = t.current_stack();
    // SAFETY: as the caller promises.
    unsafe { created(t, g, stack) };
}

/// `g` comes into the trace, made by the code of stack `stack`: its
/// count starts again, and its stack in the trace is its start function.
///
/// # Safety
/// `g` is a goroutine record.
unsafe fn created(t: &mut Tracer, g: *mut G, stack: u64) {
    // SAFETY: as the caller promises.
    let (goid, start) = unsafe {
        (*g).trace_seq = 0;
        ((*g).goid, t.stack(&[start_pc(g) + 1]))
    };
    t.event(EV_GO_CREATE, &[goid, start], Some(stack));
}

/// Records [`go_start`].
///
/// # Safety
/// As for [`go_start`].
unsafe fn record_go_start(g: *mut G) {
    let t = tracer();
    // SAFETY: as the caller promises.
    let (goid, seq) = unsafe { next_seq(g) };
    t.event(EV_GO_START, &[goid, seq], None);
    t.running = g;
}

/// Records [`go_end`].
fn record_go_end() {
    let t = tracer();
    t.event(EV_GO_END, &[], None);
    t.running = ptr::null_mut();
}

/// Records [`go_sched`].
fn record_go_sched(preempted: bool) {
    let t = tracer();
    let stack = t.current_stack();
    t.event(if preempted { EV_GO_PREEMPT } else { EV_GO_SCHED }, &[], Some(stack));
    t.running = ptr::null_mut();
}

/// Records [`go_park`].
fn record_go_park(reason: &str) {
    let ev = match reason {
        "chan receive" => EV_GO_BLOCK_RECV,
        "chan send" => EV_GO_BLOCK_SEND,
        "select" => EV_GO_BLOCK_SELECT,
        // Blocked for good: gc stops such a goroutine.
        "chan receive (nil chan)" | "chan send (nil chan)" | "select (no cases)" => EV_GO_STOP,
        "semacquire" => EV_GO_BLOCK_SYNC,
        "sync.Cond.Wait" => EV_GO_BLOCK_COND,
        "sleep" => EV_GO_SLEEP,
        "IO wait" => EV_GO_BLOCK_NET,
        _ => EV_GO_BLOCK,
    };
    let t = tracer();
    let stack = t.current_stack();
    t.event(ev, &[], Some(stack));
    t.running = ptr::null_mut();
}

/// Records [`go_unpark`].
///
/// # Safety
/// As for [`go_unpark`].
unsafe fn record_go_unpark(g: *mut G) {
    let t = tracer();
    // SAFETY: as the caller promises.
    let (goid, seq) = unsafe { next_seq(g) };
    let stack = t.current_stack();
    t.event(EV_GO_UNBLOCK, &[goid, seq], Some(stack));
}

/// Records [`go_syscall`].
fn record_go_syscall() {
    let t = tracer();
    let stack = t.current_stack();
    t.event(EV_GO_SYSCALL, &[], Some(stack));
}

/// Records [`go_sysblock`].
fn record_go_sysblock() {
    let t = tracer();
    t.event(EV_GO_SYSBLOCK, &[], None);
    t.running = ptr::null_mut();
}

/// Records [`go_sysexit`].
///
/// # Safety
/// As for [`go_sysexit`].
unsafe fn record_go_sysexit(g: *mut G) {
    let t = tracer();
    // SAFETY: as the caller promises.
    let (goid, seq) = unsafe { next_seq(g) };
    t.event(EV_GO_SYSEXIT, &[goid, seq, 0], None);
}

/// Records [`gc_start`].
fn record_gc_start() {
    let t = tracer();
    let stack = t.current_stack();
    let seq = t.gc_seq;
    t.gc_seq += 1;
    t.event(EV_GC_START, &[seq], Some(stack));
}

/// Records [`gc_done`].
fn record_gc_done(live: u64, goal: u64) {
    let t = tracer();
    t.event(EV_GC_DONE, &[], None);
    t.event(EV_HEAP_ALLOC, &[live], None);
    t.event(EV_HEAP_GOAL, &[goal], None);
}

/// Records [`reader_to_wake`].
fn record_reader_to_wake() -> Option<*mut G> {
    let t = tracer();
    if !t.wake_reader {
        return None;
    }
    t.wake_reader = false;
    Some(core::mem::replace(&mut t.reader, ptr::null_mut()))
}

/// Records [`cpu_sample`]: one event per sample, as the profile counts
/// them.
fn record_cpu_sample(ticks: u64, now: u64, pcs: &[usize]) {
    let t = tracer();
    let stack = t.stack(pcs);
    // SAFETY: the running goroutine's record.
    let goid = unsafe { (*current_g()).goid };
    for _ in 0..ticks {
        t.event(EV_CPU_SAMPLE, &[now, 0, goid], Some(stack));
    }
}

/// `runtime.StartTrace`: false when a trace is already being recorded (or
/// its reader still drains one). Describes every goroutine as it stands
/// (created; waiting or in a system call), then the running one starting
/// on processor 0.
///
/// # Safety
/// Called by compiled Go code (the goroutine stands in this runtime call).
#[no_mangle]
pub unsafe extern "C" fn rgo_trace_start() -> bool {
    let t = tracer();
    if t.enabled || t.shutdown {
        return false;
    }
    let me = current_g();
    t.header_written = false;
    t.footer_written = false;
    t.gc_seq = 0;
    t.running = me;
    // Opaque to the optimizer: knowing HOOKS is the only value stored, it
    // would call the recorders directly and link them into every program.
    INSTALLED.store(core::hint::black_box(&HOOKS as *const Hooks as *mut Hooks), Ordering::Relaxed);
    ENABLED.store(true, Ordering::Relaxed);
    t.enabled = true;
    let stack = t.current_stack();
    t.running = ptr::null_mut();
    for &g in crate::sched::all_goroutines() {
        // SAFETY: every record stays valid; the others are parked, queued
        // or in a system call while this one runs.
        unsafe {
            let status = (*g).status;
            if status == Status::Dead as u8 {
                continue;
            }
            created(t, g, stack);
            if status == Status::Waiting as u8 {
                (*g).trace_seq += 1;
                t.event(EV_GO_WAITING, &[(*g).goid], None);
            } else if status == Status::Syscall as u8 {
                (*g).trace_seq += 1;
                t.event(EV_GO_IN_SYSCALL, &[(*g).goid], None);
            }
        }
    }
    t.event(EV_PROC_START, &[crate::threads::holder_tid() as u64], None);
    // SAFETY: the running goroutine, just described as created.
    unsafe { record_go_start(me) };
    let t = tracer();
    let stack = t.current_stack();
    t.event(EV_GOMAXPROCS, &[1], Some(stack));
    true
}

/// `runtime.StopTrace`: the running goroutine is described as yielding,
/// recording stops, and this returns once the reader has read everything
/// (the footer included).
///
/// # Safety
/// As for [`rgo_trace_start`].
#[no_mangle]
pub unsafe extern "C" fn rgo_trace_stop() {
    if !tracer().enabled {
        return;
    }
    record_go_sched(false);
    let t = tracer();
    ENABLED.store(false, Ordering::Relaxed);
    t.enabled = false;
    t.shutdown = true;
    t.running = ptr::null_mut();
    t.wake_reader = false;
    let last = core::mem::take(&mut t.batch);
    if !last.is_empty() {
        t.full.push_back(last);
    }
    t.stopper = current_g();
    let reader = core::mem::replace(&mut t.reader, ptr::null_mut());
    // SAFETY: the reader parked in rgo_trace_read, in no queue; this
    // goroutine parks until the reader readies it after the footer.
    unsafe {
        if !reader.is_null() {
            crate::sched::ready(reader);
        }
        crate::sched::park("trace shutdown");
    }
}

/// `runtime.ReadTrace`: the next bytes of the trace (the header, batches
/// as they fill, after `StopTrace` the rest and the footer), parking while
/// there are none yet; null when the trace is over (or another goroutine
/// reads already). The bytes stay valid until the next call; their length
/// goes to `*n`.
///
/// # Safety
/// As for [`rgo_trace_start`]; `n` points at a writable word.
#[no_mangle]
pub unsafe extern "C" fn rgo_trace_read(n: *mut i64) -> *const u8 {
    let t = tracer();
    t.reading = Vec::new();
    let reading_header = !t.header_written;
    // SAFETY: as the caller promises.
    unsafe { *n = 0 };
    if !t.reader.is_null() {
        crate::print::with_out(|o| crate::print::Sink::put(o, b"runtime: ReadTrace called from multiple goroutines simultaneously\n"));
        return ptr::null();
    }
    if !t.enabled && !t.shutdown {
        return ptr::null();
    }
    if reading_header {
        t.header_written = true;
        t.reading = HEADER.to_vec();
    } else {
        loop {
            let t = tracer();
            if let Some(b) = t.full.pop_front() {
                t.reading = b;
                break;
            }
            if t.shutdown {
                break;
            }
            t.reader = current_g();
            // SAFETY: the reader is found through `reader` by whoever fills
            // a batch or stops the trace.
            unsafe { crate::sched::park("trace reader (blocked)") };
        }
    }
    let t = tracer();
    if t.reading.is_empty() && !t.footer_written {
        t.footer_written = true;
        t.reading = t.footer();
    }
    if t.reading.is_empty() {
        // Everything was read: the trace is over.
        t.shutdown = false;
        t.strings.clear();
        let stopper = core::mem::replace(&mut t.stopper, ptr::null_mut());
        if !stopper.is_null() {
            // SAFETY: StopTrace's goroutine, parked until now.
            unsafe { crate::sched::ready(stopper) };
        }
        return ptr::null();
    }
    // SAFETY: as the caller promises.
    unsafe { *n = t.reading.len() as i64 };
    t.reading.as_ptr()
}

/// Records user annotation `ev` with `args`, then the id of string `name`
/// when given, and the caller's stack; the tracer, when a trace runs (a
/// log's message follows the event).
fn annotation(ev: u8, args: &[u64], name: Option<&[u8]>) -> Option<&'static mut Tracer> {
    if !on() {
        return None;
    }
    let t = tracer();
    let mut all = args.to_vec();
    if let Some(name) = name {
        all.push(t.string(name));
    }
    let stack = t.current_stack();
    t.event(ev, &all, Some(stack));
    Some(t)
}

/// The bytes of the Go string `(p, n)`.
///
/// # Safety
/// As for [`GoString::as_bytes`].
unsafe fn go_bytes<'a>(p: *const u8, n: usize) -> &'a [u8] {
    // SAFETY: as the caller promises.
    unsafe { GoString { ptr: p, len: n }.as_bytes() }
}

/// `runtime/trace.userTaskCreate`: task `id` (child of `parent`, 0: none)
/// of type `name` begins.
///
/// # Safety
/// As for [`rgo_trace_start`]; `name` a Go string.
#[no_mangle]
pub unsafe extern "C" fn rgo_trace_user_task_create(id: u64, parent: u64, name: *const u8, name_len: usize) {
    // SAFETY: as the caller promises.
    annotation(EV_USER_TASK_CREATE, &[id, parent], Some(unsafe { go_bytes(name, name_len) }));
}

/// `runtime/trace.userTaskEnd`: task `id` ends.
///
/// # Safety
/// As for [`rgo_trace_start`].
#[no_mangle]
pub unsafe extern "C" fn rgo_trace_user_task_end(id: u64) {
    annotation(EV_USER_TASK_END, &[id], None);
}

/// `runtime/trace.userRegion`: region `name` of task `id` starts (`mode`
/// 0) or ends (1).
///
/// # Safety
/// As for [`rgo_trace_user_task_create`].
#[no_mangle]
pub unsafe extern "C" fn rgo_trace_user_region(id: u64, mode: u64, name: *const u8, name_len: usize) {
    // SAFETY: as the caller promises.
    annotation(EV_USER_REGION, &[id, mode], Some(unsafe { go_bytes(name, name_len) }));
}

/// `runtime/trace.userLog`: a message of `category` in task `id`.
///
/// # Safety
/// As for [`rgo_trace_user_task_create`]; both strings Go strings.
#[no_mangle]
pub unsafe extern "C" fn rgo_trace_user_log(id: u64, category: *const u8, category_len: usize, message: *const u8, message_len: usize) {
    // SAFETY: as the caller promises.
    let (category, message) = unsafe { (go_bytes(category, category_len), go_bytes(message, message_len)) };
    if let Some(t) = annotation(EV_USER_LOG, &[id], Some(category)) {
        // The message follows the event, outside its length.
        put_uvarint(&mut t.batch, message.len() as u64);
        t.batch.extend_from_slice(message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_unsigned_base_128() {
        let mut b = Vec::new();
        put_uvarint(&mut b, 0);
        put_uvarint(&mut b, 127);
        put_uvarint(&mut b, 128);
        put_uvarint(&mut b, 1_000_000_000);
        assert_eq!(b, [0, 127, 0x80, 1, 0x80, 0x94, 0xeb, 0xdc, 0x03]);
    }
}
