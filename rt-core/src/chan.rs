//! Channels and `select`, with Go 1.19's semantics (`runtime/chan.go`,
//! `runtime/select.go`); the design is in docs/goroutines.md.
//!
//! A channel value is one pointer word to a [`Chan`] (Go's `*hchan`; nil is
//! the nil channel). Its first two words are the count of buffered elements
//! and the capacity, as in gc. Goroutines blocked on a channel wait in its
//! send or receive queue, each as a [`Sudog`] pointing at the value to send
//! or the place to receive into (on the goroutine's stack, which does not
//! move while it is parked). Whoever completes a blocked operation copies
//! the element directly between the two goroutines and readies the parked
//! one ([`Parking::ready`]); the woken goroutine learns from
//! [`G::wake_ok`] whether the operation completed or a `close` woke it.
//!
//! `select` polls its cases in a random order (a uniform choice among the
//! ready ones), and when none is ready and there is no `default`, queues a
//! `Sudog` on every case's channel and parks; the first channel to reach it
//! decides the select ([`G::select_done`]), the other sudogs are taken out
//! when it wakes.
//!
//! With several processors (crate::threads), a channel has a lock of its
//! own, as gc's `hchan.lock`: a send or receive that completes at once (a
//! buffer with room or values, a waiting partner) runs without the runtime
//! lock (the `*_nolock` variants, docs/goroutines.md "Channels without the
//! runtime lock"), and one that must park takes the runtime lock, then the
//! channel's, and gives the channel's up only once its goroutine is marked
//! waiting ([`crate::sched::park_unlocking`]). A `select` takes its channels'
//! locks in address order. The goroutine an operation completes is readied
//! after the channel's lock is given up ([`Woken`]).
//!
//! Errors panic with Go's `runtime.plainError` messages, recoverably.

use crate::g::{current_g, ThreadHead, G};
use crate::sched::{Parking, SCHEDULER};
use crate::threads::SpinLock;
use alloc::boxed::Box;
use alloc::vec::Vec;
use core::ptr;
use reflect::types::Type;
use core::sync::atomic::{AtomicBool, AtomicPtr, AtomicU64, Ordering};

/// Go's channel (`hchan`).
#[repr(C)]
#[derive(Debug)]
pub struct Chan {
    /// Elements in the buffer (`len(c)`, read by compiled code too).
    pub count: usize,
    /// Size of the buffer (`cap(c)`).
    pub cap: usize,
    buf: *mut u8,
    elem_size: usize,
    /// Ring buffer positions: where the next send goes, the next receive
    /// comes from.
    sendx: usize,
    recvx: usize,
    closed: bool,
    recvq: WaitQ,
    sendq: WaitQ,
    /// Guards every field above but `cap`, `buf` and `elem_size` (which
    /// never change) with several processors; `len(c)` reads `count`
    /// without it, as gc's does.
    lock: SpinLock,
}

/// A goroutine waiting on a channel (Go's `sudog`).
#[derive(Debug)]
pub struct Sudog {
    g: *mut G,
    /// The value to send, or where to receive into (null: discard).
    elem: *mut u8,
    next: *mut Sudog,
    prev: *mut Sudog,
    /// In a select: the case, and that the goroutine's `select_done`
    /// arbitrates between its sudogs.
    is_select: bool,
    case: usize,
    /// Still in its channel's queue.
    queued: bool,
}

/// A doubly linked queue of sudogs.
#[derive(Debug)]
struct WaitQ {
    first: *mut Sudog,
    last: *mut Sudog,
}

impl WaitQ {
    const fn new() -> WaitQ {
        WaitQ { first: ptr::null_mut(), last: ptr::null_mut() }
    }

    /// # Safety
    /// `s` must be valid and in no queue.
    unsafe fn enqueue(&mut self, s: *mut Sudog) {
        // SAFETY: as the caller promises; queued sudogs are valid.
        unsafe {
            (*s).next = ptr::null_mut();
            (*s).prev = self.last;
            if self.last.is_null() {
                self.first = s;
            } else {
                (*self.last).next = s;
            }
            (*s).queued = true;
        }
        self.last = s;
    }

    /// Takes `s` out.
    ///
    /// # Safety
    /// `s` must be in this queue.
    unsafe fn remove(&mut self, s: *mut Sudog) {
        // SAFETY: as the caller promises.
        unsafe {
            let (p, n) = ((*s).prev, (*s).next);
            if p.is_null() {
                self.first = n;
            } else {
                (*p).next = n;
            }
            if n.is_null() {
                self.last = p;
            } else {
                (*n).prev = p;
            }
            (*s).next = ptr::null_mut();
            (*s).prev = ptr::null_mut();
            (*s).queued = false;
        }
    }

    /// The first waiter that can still take part: sudogs of a select that
    /// another channel already decided are dropped from the queue; a
    /// select's sudog taken here decides it.
    fn dequeue(&mut self) -> Option<*mut Sudog> {
        loop {
            let s = self.first;
            if s.is_null() {
                return None;
            }
            // SAFETY: queued sudogs and their goroutines are valid.
            unsafe {
                self.remove(s);
                // The select's other channels may reach it at the same
                // time, each under its own lock: one swap decides.
                if (*s).is_select && select_done((*s).g).swap(true, Ordering::AcqRel) {
                    continue;
                }
            }
            return Some(s);
        }
    }
}

/// `g.select_done` as an atomic: a select's channels decide it under
/// their own locks (see [`WaitQ::dequeue`]).
///
/// # Safety
/// `g` must be a goroutine record.
unsafe fn select_done<'a>(g: *mut G) -> &'a AtomicBool {
    // SAFETY: as the caller promises; `bool` and `AtomicBool` have one
    // layout, and every access that may race goes through this.
    unsafe { &*(ptr::addr_of!((*g).select_done) as *const AtomicBool) }
}

/// What a lockless variant's result carries beside a `bool` result (the
/// compiled code stores the low byte): 0 alone would mean it declined.
const DONE: usize = 0x100;

/// The goroutine an operation completed, to ready once the channel's lock
/// is given up (null: none).
#[must_use]
struct Woken(*mut G);

impl Woken {
    const NONE: Woken = Woken(ptr::null_mut());

    /// Readies the goroutine, if any.
    ///
    /// # Safety
    /// Called without the channel's lock; the goroutine is parked.
    unsafe fn ready(self) {
        if !self.0.is_null() {
            // SAFETY: as the caller promises.
            unsafe { SCHEDULER.ready(self.0) }
        }
    }
}

/// How a send that does not block went ([`Chan::try_send`]).
#[must_use]
enum Sent {
    Done(Woken),
    /// No waiting receiver and no room: the sender blocks.
    Full,
    /// The channel is closed: the sender panics.
    Closed,
}

/// Go's limit on a channel's buffer (`maxAlloc` minus the header).
const MAX_BUF: usize = 1 << 47;

/// Panics with `runtime.plainError(msg)` (no "runtime error: " prefix), as
/// Go's channel errors do.
fn panic_plain(msg: &'static str) -> ! {
    // SAFETY: static text; called on the system stack for the running
    // goroutine.
    unsafe { crate::rterror::rgo_panicwrap(msg.as_ptr(), msg.len()) }
}

// What the collector needs of a [`Chan`]: the only word pointing into Go's
// heap is the buffer (the wait queues hold the runtime's own records).
crate::one_pointer_struct!(static CHAN_HEADER: Chan = "runtime.hchan", pointer at core::mem::offset_of!(Chan, buf));

/// `make(chan T, size)`: `elem` is `T`'s descriptor.
///
/// # Safety
/// Called on the system stack by compiled code (it may panic).
#[no_mangle]
pub unsafe extern "C" fn rgo_makechan(elem: *const Type, size: i64) -> *mut Chan {
    crate::collector::safepoint();
    // SAFETY: compiled code passes the element's descriptor.
    let elem_size = unsafe { (*elem).size };
    let Some(bytes) = usize::try_from(size).ok().and_then(|n| n.checked_mul(elem_size)).filter(|&b| b <= MAX_BUF) else {
        panic_plain("makechan: size out of range")
    };
    let c = crate::heap::go_alloc(core::mem::size_of::<Chan>(), &CHAN_HEADER.typ) as *mut Chan;
    let buf = if bytes == 0 { ptr::null_mut() } else { crate::heap::go_alloc(bytes, elem) };
    // SAFETY: fresh memory for the header.
    unsafe {
        c.write(Chan {
            count: 0,
            cap: size as usize,
            buf,
            elem_size,
            sendx: 0,
            recvx: 0,
            closed: false,
            recvq: WaitQ::new(),
            sendq: WaitQ::new(),
            lock: SpinLock::new(),
        })
    };
    c
}

/// `len(c)`.
///
/// # Safety
/// `c` must be null or a channel.
#[no_mangle]
pub unsafe extern "C" fn rgo_chanlen(c: *const Chan) -> i64 {
    // SAFETY: as the caller promises.
    if c.is_null() { 0 } else { unsafe { (*c).count as i64 } }
}

/// `cap(c)`.
///
/// # Safety
/// `c` must be null or a channel.
#[no_mangle]
pub unsafe extern "C" fn rgo_chancap(c: *const Chan) -> i64 {
    // SAFETY: as the caller promises.
    if c.is_null() { 0 } else { unsafe { (*c).cap as i64 } }
}

impl Chan {
    /// Copies one element from `src` to `dst` (either may be null when the
    /// value is discarded or zero-sized).
    ///
    /// # Safety
    /// Non-null places must hold an element each.
    unsafe fn copy(&self, dst: *mut u8, src: *const u8) {
        if self.elem_size == 0 || dst.is_null() || ptr::eq(dst, src) {
            return;
        }
        // SAFETY: the caller gives element-sized places, distinct ones
        // (a value is never sent to itself: senders copy into temporaries).
        unsafe {
            if self.elem_size == 8 {
                // The common word-sized element, without a memcpy call.
                (dst as *mut u64).write_unaligned((src as *const u64).read_unaligned());
            } else {
                ptr::copy_nonoverlapping(src, dst, self.elem_size);
            }
        }
    }

    /// Zeroes the element at `dst` (null: nothing).
    ///
    /// # Safety
    /// A non-null `dst` must hold an element.
    unsafe fn zero(&self, dst: *mut u8) {
        if self.elem_size == 8 && !dst.is_null() {
            // SAFETY: an element-sized place.
            unsafe { (dst as *mut u64).write_unaligned(0) }
        } else if self.elem_size != 0 && !dst.is_null() {
            // SAFETY: an element-sized place.
            unsafe { ptr::write_bytes(dst, 0, self.elem_size) }
        }
    }

    /// The ring buffer position after `i` (no division).
    fn next_index(&self, i: usize) -> usize {
        if i + 1 == self.cap {
            0
        } else {
            i + 1
        }
    }

    fn slot(&self, i: usize) -> *mut u8 {
        // SAFETY: `i < cap` (callers), inside the buffer.
        unsafe { self.buf.add(i * self.elem_size) }
    }

    /// A send that can complete now: to a waiting receiver or into the
    /// buffer.
    ///
    /// # Safety
    /// `src` must hold an element; the caller holds the channel's lock.
    unsafe fn try_send(&mut self, src: *const u8) -> Sent {
        if self.closed {
            return Sent::Closed;
        }
        if let Some(s) = self.recvq.dequeue() {
            // SAFETY: the receiver's place and goroutine are valid while it
            // is parked.
            unsafe {
                self.copy((*s).elem, src);
                return Sent::Done(wake(s, true));
            }
        }
        if self.count < self.cap {
            // SAFETY: a buffer slot.
            unsafe { self.copy(self.slot(self.sendx), src) };
            self.sendx = self.next_index(self.sendx);
            self.count += 1;
            return Sent::Done(Woken::NONE);
        }
        Sent::Full
    }

    /// A receive that can complete now: `Some(ok)`, and the sender it
    /// completed.
    ///
    /// # Safety
    /// `dst` must be null or hold an element; the caller holds the
    /// channel's lock.
    unsafe fn try_recv(&mut self, dst: *mut u8) -> Option<(bool, Woken)> {
        if let Some(s) = self.sendq.dequeue() {
            // SAFETY: the sender's value and goroutine are valid while it is
            // parked.
            unsafe {
                if self.cap == 0 {
                    self.copy(dst, (*s).elem);
                } else {
                    // Full buffer: take its head, the sender's value goes to
                    // the tail (the same slot).
                    let slot = self.slot(self.recvx);
                    self.copy(dst, slot);
                    self.copy(slot, (*s).elem);
                    self.recvx = self.next_index(self.recvx);
                    self.sendx = self.recvx;
                }
                return Some((true, wake(s, true)));
            }
        }
        if self.count > 0 {
            // SAFETY: a buffer slot.
            unsafe {
                let slot = self.slot(self.recvx);
                self.copy(dst, slot);
                self.zero(slot);
            }
            self.recvx = self.next_index(self.recvx);
            self.count -= 1;
            return Some((true, Woken::NONE));
        }
        if self.closed {
            // SAFETY: an element-sized place or null.
            unsafe { self.zero(dst) };
            return Some((false, Woken::NONE));
        }
        None
    }

    /// Takes the channel's lock (several processors: see [`SpinLock`]).
    ///
    /// # Safety
    /// `c` must be a channel.
    unsafe fn lock(c: *mut Chan) -> bool {
        // SAFETY: as the caller promises.
        unsafe { (*c).lock.lock() }
    }

    /// Runs `f` on `c` under its lock.
    ///
    /// # Safety
    /// As for [`Chan::lock`]; `f` must not park nor panic.
    unsafe fn locked<R>(c: *mut Chan, f: impl FnOnce(&mut Chan) -> R) -> R {
        // SAFETY: as the caller promises; the lock makes `*c` ours.
        unsafe {
            let took = Chan::lock(c);
            let r = f(&mut *c);
            Chan::unlock(c, took);
            r
        }
    }

    /// Gives back what [`Chan::lock`] took.
    ///
    /// # Safety
    /// As for [`Chan::lock`].
    unsafe fn unlock(c: *mut Chan, took: bool) {
        // SAFETY: as the caller promises.
        unsafe { (*c).lock.unlock(took) }
    }
}

/// Tells the goroutine waiting as `s` how its operation went (`ok` false:
/// the channel was closed), to be readied once the lock is given up.
///
/// # Safety
/// `s` must be a sudog just taken out of its queue, its goroutine parked.
unsafe fn wake(s: *mut Sudog, ok: bool) -> Woken {
    // SAFETY: the sudog and its goroutine are valid while it is parked.
    unsafe {
        let g = (*s).g;
        (*g).wake_ok = ok;
        (*g).wake_case = (*s).case;
        Woken(g)
    }
}

/// Free sudogs, threaded through `next`: one list, touched only under the
/// runtime lock (the lockless variants never park, so never need one).
static SUDOG_FREE: AtomicPtr<Sudog> = AtomicPtr::new(ptr::null_mut());

fn new_sudog(g: *mut G, elem: *mut u8, is_select: bool, case: usize) -> *mut Sudog {
    let s = Sudog { g, elem, next: ptr::null_mut(), prev: ptr::null_mut(), is_select, case, queued: false };
    let p = SUDOG_FREE.load(Ordering::Relaxed);
    if p.is_null() {
        return Box::into_raw(Box::new(s));
    }
    // SAFETY: free sudogs are unused allocations linked through `next`.
    unsafe {
        SUDOG_FREE.store((*p).next, Ordering::Relaxed);
        p.write(s);
    }
    p
}

fn free_sudog(s: *mut Sudog) {
    // SAFETY: the caller gives the sudog up (out of every queue).
    unsafe { (*s).next = SUDOG_FREE.load(Ordering::Relaxed) };
    SUDOG_FREE.store(s, Ordering::Relaxed);
}

/// Blocks forever (a nil channel, an empty select).
///
/// # Safety
/// As for [`Parking::park`].
unsafe fn block_forever(reason: &'static str) -> ! {
    loop {
        // SAFETY: nobody will ever ready this goroutine.
        unsafe { SCHEDULER.park(reason) };
    }
}

/// `c <- *elem`.
///
/// # Safety
/// `c` must be null or a channel, `elem` point at a value of its element
/// type (stays valid while blocked: the caller's frame); called on the
/// system stack by compiled code.
#[no_mangle]
pub unsafe extern "C" fn rgo_chansend(c: *mut Chan, elem: *const u8) {
    // SAFETY: as the caller promises.
    unsafe {
        if c.is_null() {
            block_forever("chan send (nil chan)");
        }
        let took = Chan::lock(c);
        match (*c).try_send(elem) {
            Sent::Done(w) => {
                Chan::unlock(c, took);
                return w.ready();
            }
            Sent::Closed => {
                Chan::unlock(c, took);
                panic_plain("send on closed channel");
            }
            Sent::Full => {}
        }
        let g = current_g();
        let s = new_sudog(g, elem as *mut u8, false, 0);
        (*c).sendq.enqueue(s);
        SCHEDULER.park_unlocking("chan send", || Chan::unlock(c, took));
        let ok = (*g).wake_ok;
        free_sudog(s);
        if !ok {
            panic_plain("send on closed channel");
        }
    }
}

/// `*elem = <-c`, or `*elem, ok = <-c`: returns `ok` (false: closed and
/// drained, `*elem` zeroed). `elem` may be null (the value is discarded).
///
/// # Safety
/// As for [`rgo_chansend`].
#[no_mangle]
pub unsafe extern "C" fn rgo_chanrecv(c: *mut Chan, elem: *mut u8) -> bool {
    // SAFETY: as the caller promises.
    unsafe {
        if c.is_null() {
            block_forever("chan receive (nil chan)");
        }
        let took = Chan::lock(c);
        if let Some((ok, w)) = (*c).try_recv(elem) {
            Chan::unlock(c, took);
            w.ready();
            return ok;
        }
        let g = current_g();
        let s = new_sudog(g, elem, false, 0);
        (*c).recvq.enqueue(s);
        SCHEDULER.park_unlocking("chan receive", || Chan::unlock(c, took));
        let ok = (*g).wake_ok;
        free_sudog(s);
        ok
    }
}

/// `close(c)`: wakes every waiting receiver (with the zero value and
/// `ok` false) and every waiting sender (which panics).
///
/// # Safety
/// As for [`rgo_chansend`].
#[no_mangle]
pub unsafe extern "C" fn rgo_closechan(c: *mut Chan) {
    if c.is_null() {
        panic_plain("close of nil channel");
    }
    // SAFETY: a channel; its waiters are valid, and stay parked until
    // readied below.
    unsafe {
        let took = Chan::lock(c);
        if (*c).closed {
            Chan::unlock(c, took);
            panic_plain("close of closed channel");
        }
        (*c).closed = true;
        // Every waiter, chained through their records' run-queue links
        // (they are parked: in no queue), readied once the lock is given up.
        let mut woken: *mut G = ptr::null_mut();
        loop {
            let s = match (*c).recvq.dequeue() {
                Some(s) => {
                    (*c).zero((*s).elem);
                    s
                }
                None => match (*c).sendq.dequeue() {
                    Some(s) => s,
                    None => break,
                },
            };
            let Woken(g) = wake(s, false);
            (*g).sched_link = woken;
            woken = g;
        }
        Chan::unlock(c, took);
        while !woken.is_null() {
            let g = woken;
            woken = (*g).sched_link;
            (*g).sched_link = ptr::null_mut();
            Woken(g).ready();
        }
    }
}

/// [`rgo_chansend`] without the runtime lock (several processors): done
/// (1) when the send completes at once; declines (0) for a nil channel, a
/// closed one (the locked call panics), one it would block on, and while
/// the execution tracer records (wake-ups are traced under the lock).
///
/// # Safety
/// As for [`rgo_chansend`]; called by rt-arch's `rgo_rt_try` only.
#[no_mangle]
pub unsafe extern "C" fn rgo_chansend_nolock(_thread: *const ThreadHead, c: *mut Chan, elem: *const u8) -> usize {
    if c.is_null() || crate::trace::on() {
        return 0;
    }
    // SAFETY: as the caller promises; `try_send` neither parks nor panics.
    match unsafe { Chan::locked(c, |c| c.try_send(elem)) } {
        Sent::Done(w) => {
            // SAFETY: the lock is given up; the goroutine is parked.
            unsafe { w.ready() };
            1
        }
        Sent::Full | Sent::Closed => 0,
    }
}

/// [`rgo_chanrecv`] without the runtime lock: `ok` with [`DONE`] beside it
/// when the receive completes at once; declines (0) as
/// [`rgo_chansend_nolock`] does.
///
/// # Safety
/// As for [`rgo_chanrecv`]; called by rt-arch's `rgo_rt_try` only.
#[no_mangle]
pub unsafe extern "C" fn rgo_chanrecv_nolock(_thread: *const ThreadHead, c: *mut Chan, elem: *mut u8) -> usize {
    if c.is_null() || crate::trace::on() {
        return 0;
    }
    // SAFETY: as the caller promises; `try_recv` neither parks nor panics.
    match unsafe { Chan::locked(c, |c| c.try_recv(elem)) } {
        Some((ok, w)) => {
            // SAFETY: the lock is given up; the goroutine is parked.
            unsafe { w.ready() };
            DONE | ok as usize
        }
        None => 0,
    }
}

/// One case of a select as compiled code lays it out (Go's `scase`).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct Case {
    pub c: *mut Chan,
    /// The value to send, or where to receive into (may be null).
    pub elem: *mut u8,
}

/// The result of [`rgo_selectgo`]: for a receive, whether it got a value
/// (false: closed), and the case chosen (-1: the default). `recv_ok` comes
/// first so that the lockless variant's result ([`DONE`] beside it) is
/// never 0 when it did the work.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selected {
    pub recv_ok: u64,
    pub case: i64,
}

/// Selects with at most this many cases keep their bookkeeping on the
/// stack.
const SMALL_SELECT: usize = 16;

static RAND: AtomicU64 = AtomicU64::new(0);

/// A pseudo-random number below `n` (xorshift64*, seeded from the
/// kernel's random bytes, or the stack address when there are none). With
/// several processors two threads may step from one state: no harm.
fn rand_below(n: usize) -> usize {
    let mut x = RAND.load(Ordering::Relaxed);
    if x == 0 {
        let seed = crate::os::random_u64().unwrap_or(crate::arch::current_sp() as u64);
        x = (seed ^ 0x9e37_79b9_7f4a_7c15) | 1;
    }
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    RAND.store(x, Ordering::Relaxed);
    ((x.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 32) as usize * n) >> 32
}

/// A slice of `n` items, on the stack when `n` is small (`n` may shrink
/// after: the items stay where they were).
struct SmallVec<T: Copy> {
    small: [T; SMALL_SELECT],
    big: Vec<T>,
    n: usize,
}

impl<T: Copy> SmallVec<T> {
    fn new(zero: T, n: usize) -> SmallVec<T> {
        let mut big = Vec::new();
        if n > SMALL_SELECT {
            big.resize(n, zero);
        }
        SmallVec { small: [zero; SMALL_SELECT], big, n }
    }

    fn as_mut(&mut self) -> &mut [T] {
        if self.big.is_empty() {
            &mut self.small[..self.n]
        } else {
            &mut self.big[..self.n]
        }
    }
}

/// The locks of a select's channels (several processors), taken in address
/// order, each once.
struct SelectLocks {
    chans: SmallVec<*mut Chan>,
    took: bool,
}

impl SelectLocks {
    /// The locks of `cases`' channels (none when one processor runs Go
    /// code: no lock is taken then).
    fn new(cases: &[Case]) -> SelectLocks {
        if !crate::threads::parallel() {
            return SelectLocks { chans: SmallVec::new(ptr::null_mut(), 0), took: false };
        }
        SelectLocks { chans: distinct_channels(cases), took: false }
    }

    /// Takes every lock.
    fn lock(&mut self) {
        let mut took = false;
        for &c in self.chans.as_mut().iter() {
            // SAFETY: a channel of the select.
            took |= unsafe { Chan::lock(c) };
        }
        self.took = took;
    }

    /// Gives every lock back.
    fn unlock(&mut self) {
        let took = core::mem::replace(&mut self.took, false);
        for &c in self.chans.as_mut().iter() {
            // SAFETY: a channel of the select, locked by [`SelectLocks::lock`].
            unsafe { Chan::unlock(c, took) };
        }
    }
}

/// The channels of `cases`, sorted by address, without nil or repeated
/// ones: the order a select takes their locks in.
fn distinct_channels(cases: &[Case]) -> SmallVec<*mut Chan> {
    let mut chans = SmallVec::new(ptr::null_mut(), cases.len());
    let v = chans.as_mut();
    for (d, k) in v.iter_mut().zip(cases) {
        *d = k.c;
    }
    v.sort_unstable();
    let mut n = 0;
    for i in 0..v.len() {
        if !v[i].is_null() && (n == 0 || v[n - 1] != v[i]) {
            v[n] = v[i];
            n += 1;
        }
    }
    chans.n = n;
    chans
}

/// What [`poll_select`] found.
enum Polled {
    /// A case completed: the select's answer, and whom it completed.
    Done(Selected, Woken),
    /// A send case's channel is closed: the select panics (once every lock
    /// is given up).
    SendOnClosed,
}

/// Polls the cases in a random order (Fisher-Yates) for one that completes
/// now.
///
/// # Safety
/// As for [`rgo_selectgo`], with every channel's lock held.
unsafe fn poll_select(cases: &[Case], nsend: usize) -> Option<Polled> {
    let n = cases.len();
    let mut order = SmallVec::new(0usize, n);
    let order = order.as_mut();
    for (i, o) in order.iter_mut().enumerate() {
        *o = i;
    }
    for i in (1..n).rev() {
        order.swap(i, rand_below(i + 1));
    }
    // SAFETY: the channels are null or valid, and locked.
    unsafe {
        for &i in order.iter() {
            let k = cases[i];
            if k.c.is_null() {
                continue;
            }
            if i < nsend {
                match (*k.c).try_send(k.elem) {
                    Sent::Done(w) => return Some(Polled::Done(Selected { recv_ok: 0, case: i as i64 }, w)),
                    Sent::Closed => return Some(Polled::SendOnClosed),
                    Sent::Full => {}
                }
            } else if let Some((ok, w)) = (*k.c).try_recv(k.elem) {
                return Some(Polled::Done(Selected { recv_ok: ok as u64, case: i as i64 }, w));
            }
        }
    }
    None
}

/// `select`: `cases` holds `nsend` send cases, then `nrecv` receive cases,
/// in source order; `block` is false when the select has a `default`.
/// Returns the case that ran (its index in `cases`) or -1 for the default.
///
/// # Safety
/// `cases` must point at `nsend + nrecv` cases whose channels are null or
/// channels and whose elements are as for [`rgo_chansend`] and
/// [`rgo_chanrecv`]; called on the system stack by compiled code.
#[no_mangle]
pub unsafe extern "C" fn rgo_selectgo(cases: *const Case, nsend: usize, nrecv: usize, block: bool) -> Selected {
    let n = nsend + nrecv;
    // SAFETY: as the caller promises.
    let cases: &[Case] = if n == 0 { &[] } else { unsafe { core::slice::from_raw_parts(cases, n) } };
    let mut locks = SelectLocks::new(cases);
    locks.lock();
    // SAFETY: the channels are null or valid, and locked.
    match unsafe { poll_select(cases, nsend) } {
        Some(Polled::Done(sel, w)) => {
            locks.unlock();
            // SAFETY: the locks are given up; the goroutine is parked.
            unsafe { w.ready() };
            return sel;
        }
        Some(Polled::SendOnClosed) => {
            locks.unlock();
            panic_plain("send on closed channel");
        }
        None => {}
    }
    if !block {
        locks.unlock();
        return Selected { recv_ok: 0, case: -1 };
    }
    if cases.iter().all(|k| k.c.is_null()) {
        locks.unlock();
        // SAFETY: nobody can wake it.
        unsafe { block_forever(if n == 0 { "select (no cases)" } else { "select" }) };
    }
    let g = current_g();
    let mut waiting = SmallVec::new(ptr::null_mut::<Sudog>(), n);
    let waiting = waiting.as_mut();
    let mut nwaiting = 0;
    // SAFETY: the running goroutine; the channels are valid and locked;
    // the sudogs stay valid until taken out below.
    unsafe {
        (*g).select_done = false;
        for (i, k) in cases.iter().enumerate() {
            if k.c.is_null() {
                continue;
            }
            let s = new_sudog(g, k.elem, true, i);
            if i < nsend {
                (*k.c).sendq.enqueue(s);
            } else {
                (*k.c).recvq.enqueue(s);
            }
            waiting[nwaiting] = s;
            nwaiting += 1;
        }
        SCHEDULER.park_unlocking("select", || locks.unlock());
        let (case, ok) = ((*g).wake_case, (*g).wake_ok);
        // The sudogs the other channels still hold come out under their
        // locks.
        locks.lock();
        for &s in &waiting[..nwaiting] {
            if (*s).queued {
                let c = cases[(*s).case].c;
                if (*s).case < nsend {
                    (*c).sendq.remove(s);
                } else {
                    (*c).recvq.remove(s);
                }
            }
        }
        locks.unlock();
        for &s in &waiting[..nwaiting] {
            free_sudog(s);
        }
        if case < nsend && !ok {
            panic_plain("send on closed channel");
        }
        Selected { recv_ok: ok as u64, case: case as i64 }
    }
}

/// [`rgo_selectgo`] without the runtime lock: its answer, with [`DONE`]
/// beside `recv_ok`, when a case completes at once or the select has a
/// default; declines (0) when it would block or panic, and while the
/// execution tracer records.
///
/// # Safety
/// As for [`rgo_selectgo`]; called by rt-arch's `rgo_rt_try` only.
#[no_mangle]
pub unsafe extern "C" fn rgo_selectgo_nolock(_thread: *const ThreadHead, cases: *const Case, nsend: usize, nrecv: usize, block: bool) -> Selected {
    let declined = Selected { recv_ok: 0, case: 0 };
    if crate::trace::on() {
        return declined;
    }
    let n = nsend + nrecv;
    // SAFETY: as the caller promises.
    let cases: &[Case] = if n == 0 { &[] } else { unsafe { core::slice::from_raw_parts(cases, n) } };
    let mut locks = SelectLocks::new(cases);
    locks.lock();
    // SAFETY: the channels are null or valid, and locked.
    let polled = unsafe { poll_select(cases, nsend) };
    locks.unlock();
    match polled {
        Some(Polled::SendOnClosed) => declined,
        Some(Polled::Done(sel, w)) => {
            // SAFETY: the locks are given up; the goroutine is parked.
            unsafe { w.ready() };
            Selected { recv_ok: sel.recv_ok | DONE as u64, case: sel.case }
        }
        None if !block => Selected { recv_ok: DONE as u64, case: -1 },
        None => declined,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether a send that does not block completed (no goroutine waits in
    /// these tests).
    ///
    /// # Safety
    /// `c` must be a channel of u64.
    unsafe fn send(c: *mut Chan, v: &u64) -> bool {
        // SAFETY: as the caller promises.
        matches!(unsafe { (*c).try_send(v as *const u64 as *const u8) }, Sent::Done(Woken(w)) if w.is_null())
    }

    /// A receive that does not block: `Some(ok)` when it completed.
    ///
    /// # Safety
    /// As for [`send`]; `dst` null or a u64.
    unsafe fn recv(c: *mut Chan, dst: *mut u64) -> Option<bool> {
        // SAFETY: as the caller promises.
        unsafe { (*c).try_recv(dst as *mut u8) }.map(|(ok, Woken(w))| {
            assert!(w.is_null());
            ok
        })
    }

    fn chan(elem: usize, cap: i64) -> *mut Chan {
        assert_eq!(elem, 8, "the tests' channels carry 8-byte elements");
        // SAFETY: a descriptor; no panic.
        unsafe { rgo_makechan(&reflect::types::UINT64, cap) }
    }

    #[test]
    fn a_buffered_channel_is_a_ring() {
        let c = chan(8, 3);
        // SAFETY: a channel of u64; no operation here blocks.
        unsafe {
            assert_eq!((rgo_chanlen(c), rgo_chancap(c)), (0, 3));
            for round in 0..4u64 {
                for v in 0..3u64 {
                    let x = round * 10 + v;
                    assert!(send(c, &x));
                }
                assert!(!send(c, &0u64), "full");
                assert_eq!(rgo_chanlen(c), 3);
                for v in 0..3u64 {
                    let mut y = 0u64;
                    assert_eq!(recv(c, &mut y), Some(true));
                    assert_eq!(y, round * 10 + v);
                }
                assert_eq!(recv(c, ptr::null_mut()), None, "empty");
            }
            // Closed: the buffered values first, then zero values.
            let x = 7u64;
            assert!(send(c, &x));
            rgo_closechan(c);
            let mut y = 0u64;
            assert_eq!(recv(c, &mut y), Some(true));
            assert_eq!(y, 7);
            assert_eq!(recv(c, &mut y), Some(false));
            assert_eq!(y, 0);
        }
    }

    #[test]
    fn nil_channels_have_no_length() {
        // SAFETY: null is the nil channel.
        unsafe {
            assert_eq!(rgo_chanlen(ptr::null()), 0);
            assert_eq!(rgo_chancap(ptr::null()), 0);
        }
    }

    #[test]
    fn select_chooses_among_ready_cases_at_random() {
        let (a, b) = (chan(8, 1000), chan(8, 1000));
        let mut counts = [0usize; 2];
        // SAFETY: channels of u64; every select has a ready case or a
        // default, so none blocks.
        unsafe {
            for i in 0..1000u64 {
                send(a, &i);
                send(b, &i);
            }
            let mut x = 0u64;
            let mut y = 0u64;
            for _ in 0..1000 {
                let cases = [
                    Case { c: a, elem: &mut x as *mut u64 as *mut u8 },
                    Case { c: b, elem: &mut y as *mut u64 as *mut u8 },
                ];
                let r = rgo_selectgo(cases.as_ptr(), 0, 2, false);
                assert_eq!(r.recv_ok, 1);
                counts[r.case as usize] += 1;
            }
            // Both fire about half the time (binomial: 5 sigma is 80).
            assert!(counts[0] > 400 && counts[1] > 400, "{counts:?}");
            // A send case to a channel with room and nothing else ready.
            let e = chan(8, 1);
            let v = 5u64;
            let cases = [Case { c: e, elem: &v as *const u64 as *mut u8 }, Case { c: ptr::null_mut(), elem: ptr::null_mut() }];
            assert_eq!(rgo_selectgo(cases.as_ptr(), 1, 1, false), Selected { case: 0, recv_ok: 0 });
            assert_eq!(rgo_selectgo(cases.as_ptr(), 1, 1, false), Selected { case: -1, recv_ok: 0 }, "full: default");
            // More cases than the stack buffers hold.
            let many: Vec<*mut Chan> = (0..SMALL_SELECT + 4).map(|_| chan(8, 1)).collect();
            let last = *many.last().unwrap();
            send(last, &v);
            let mut got = 0u64;
            let cases: Vec<Case> = many.iter().map(|&c| Case { c, elem: &mut got as *mut u64 as *mut u8 }).collect();
            let r = rgo_selectgo(cases.as_ptr(), 0, cases.len(), false);
            assert_eq!(r, Selected { case: (SMALL_SELECT + 3) as i64, recv_ok: 1 });
            assert_eq!(got, 5);
        }
    }

    #[test]
    fn a_select_locks_each_channel_once_in_address_order() {
        let chans: Vec<*mut Chan> = (0..3).map(|_| chan(8, 0)).collect();
        let mut sorted = chans.clone();
        sorted.sort_unstable();
        // More cases than the stack buffer holds, over three channels and nil.
        let mut cases: Vec<Case> = (0..SMALL_SELECT + 5).map(|i| Case { c: chans[(i * 7) % 3], elem: ptr::null_mut() }).collect();
        cases[4].c = ptr::null_mut();
        assert_eq!(distinct_channels(&cases).as_mut(), &sorted[..]);
        let few = [Case { c: chans[2], elem: ptr::null_mut() }, Case { c: chans[2], elem: ptr::null_mut() }, Case { c: ptr::null_mut(), elem: ptr::null_mut() }];
        assert_eq!(distinct_channels(&few).as_mut(), &[chans[2]]);
    }

    #[test]
    fn waiting_selects_are_skipped_once_decided() {
        let c = chan(8, 0);
        let g = current_g();
        // SAFETY: sudogs of this thread's goroutine, never parked; only
        // the queue logic runs.
        unsafe {
            let s1 = new_sudog(g, ptr::null_mut(), true, 0);
            let s2 = new_sudog(g, ptr::null_mut(), true, 1);
            (*g).select_done = false;
            (*c).recvq.enqueue(s1);
            (*c).recvq.enqueue(s2);
            // The first sudog decides the select; the second is dropped.
            assert_eq!((*c).recvq.dequeue(), Some(s1));
            assert!((*g).select_done);
            assert_eq!((*c).recvq.dequeue(), None);
            assert!(!(*s2).queued);
            // Removal from the middle keeps the links.
            let (a, b, d) = (new_sudog(g, ptr::null_mut(), false, 0), new_sudog(g, ptr::null_mut(), false, 0), new_sudog(g, ptr::null_mut(), false, 0));
            (*c).sendq.enqueue(a);
            (*c).sendq.enqueue(b);
            (*c).sendq.enqueue(d);
            (*c).sendq.remove(b);
            assert_eq!((*c).sendq.dequeue(), Some(a));
            assert_eq!((*c).sendq.dequeue(), Some(d));
            assert_eq!((*c).sendq.dequeue(), None);
        }
    }
}
