//! What package sync needs from the scheduler (Go's `runtime/sema.go`):
//!
//! - Semaphores ([`rgo_semacquire`], [`rgo_semrelease`]) under
//!   `sync.Mutex`, `sync.RWMutex` and `sync.WaitGroup`: a `uint32` in Go
//!   memory counts the units; a goroutine that finds it zero waits in a
//!   FIFO queue kept for that address in a table ([`SemaTable`]). A release
//!   with waiters hands its unit straight to the first of them (the count
//!   stays zero), so a woken goroutine never has to wait again and the
//!   waiters are served in arrival order.
//! - Notify lists ([`rgo_notify_add`], ...) under `sync.Cond`: tickets as in
//!   Go's runtime. `Wait` first takes a ticket (the `wait` counter), unlocks
//!   the mutex, then waits for the ticket; `Signal` serves the oldest
//!   ticket not yet served (the `notify` counter), `Broadcast` all of them.
//!   A goroutine whose ticket was served between taking it and waiting
//!   does not wait at all.
//!
//! Waiting goroutines are threaded through [`G::sched_link`] (a parked
//! goroutine is in no run queue), so neither needs memory per waiter.
//!
//! With several processors (crate::threads) neither needs the runtime lock
//! but to park: a semaphore's count is an atomic, its waiters are in the
//! table of one of [`ROOTS`] roots, each under a lock of its own (gc's
//! `semaRoot`), and a notify list is guarded by its own `lock` word. A
//! waiter queues itself under that lock and gives it up once it is marked
//! waiting ([`crate::sched::park_unlocking`]); a release or a notification
//! readies the goroutine after giving it up. Releases, notifications and
//! acquisitions that find a unit run without the runtime lock (the
//! `*_nolock` variants).

use crate::g::{current_g, ThreadHead, G};
use crate::sched::{Parking, SCHEDULER};
use crate::threads::{SpinLock, SpinMutex};
use alloc::collections::BTreeMap;
use core::ptr;
use core::sync::atomic::{AtomicU32, Ordering};

/// A FIFO of parked goroutines threaded through `sched_link`.
#[derive(Debug, Clone, Copy)]
pub struct WaitQ {
    head: *mut G,
    tail: *mut G,
}

impl Default for WaitQ {
    fn default() -> WaitQ {
        WaitQ::new()
    }
}

impl WaitQ {
    pub const fn new() -> WaitQ {
        WaitQ { head: ptr::null_mut(), tail: ptr::null_mut() }
    }

    pub fn is_empty(&self) -> bool {
        self.head.is_null()
    }

    /// Appends `g`.
    ///
    /// # Safety
    /// `g` must be valid and in no queue.
    pub unsafe fn push(&mut self, g: *mut G) {
        // SAFETY: as the caller promises; the tail is one of ours.
        unsafe {
            (*g).sched_link = ptr::null_mut();
            if self.tail.is_null() {
                self.head = g;
            } else {
                (*self.tail).sched_link = g;
            }
        }
        self.tail = g;
    }

    /// Puts `g` first (a mutex waiter that waited before: gc's `lifo`).
    ///
    /// # Safety
    /// `g` must be valid and in no queue.
    pub unsafe fn push_front(&mut self, g: *mut G) {
        // SAFETY: as the caller promises.
        unsafe { (*g).sched_link = self.head };
        if self.tail.is_null() {
            self.tail = g;
        }
        self.head = g;
    }

    /// Takes the first goroutine out.
    pub fn pop(&mut self) -> Option<*mut G> {
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
        Some(g)
    }

    /// Takes the first goroutine for which `f` holds out.
    pub fn take_first(&mut self, f: impl Fn(*mut G) -> bool) -> Option<*mut G> {
        let mut prev: *mut G = ptr::null_mut();
        let mut g = self.head;
        while !g.is_null() {
            // SAFETY: queued goroutines are valid.
            let next = unsafe { (*g).sched_link };
            if f(g) {
                if prev.is_null() {
                    self.head = next;
                } else {
                    // SAFETY: `prev` is queued.
                    unsafe { (*prev).sched_link = next };
                }
                if self.tail == g {
                    self.tail = prev;
                }
                // SAFETY: `g` is ours.
                unsafe { (*g).sched_link = ptr::null_mut() };
                return Some(g);
            }
            prev = g;
            g = next;
        }
        None
    }
}

/// The goroutines waiting on each semaphore address (only addresses with
/// waiters have an entry).
#[derive(Debug, Default)]
pub struct SemaTable {
    waiting: BTreeMap<usize, WaitQ>,
}

impl SemaTable {
    pub const fn new() -> SemaTable {
        SemaTable { waiting: BTreeMap::new() }
    }

    /// `g` waits on `addr`, behind the others.
    ///
    /// # Safety
    /// `g` must be valid and in no queue.
    pub unsafe fn enqueue(&mut self, addr: usize, g: *mut G) {
        // SAFETY: as the caller promises.
        unsafe { self.waiting.entry(addr).or_default().push(g) };
    }

    /// `g` waits on `addr`, before the others.
    ///
    /// # Safety
    /// `g` must be valid and in no queue.
    pub unsafe fn enqueue_first(&mut self, addr: usize, g: *mut G) {
        // SAFETY: as the caller promises.
        unsafe { self.waiting.entry(addr).or_default().push_front(g) };
    }

    /// The longest waiter on `addr`, taken out.
    pub fn dequeue(&mut self, addr: usize) -> Option<*mut G> {
        let q = self.waiting.get_mut(&addr)?;
        let g = q.pop();
        if q.is_empty() {
            self.waiting.remove(&addr);
        }
        g
    }

    /// Addresses with waiters.
    pub fn addresses(&self) -> usize {
        self.waiting.len()
    }
}

/// A part of the semaphores' waiters (addresses hashed to it), under a
/// lock of its own; a cache line each.
#[repr(align(64))]
struct SemaRoot(SpinMutex<SemaTable>);

/// How many [`SemaRoot`]s there are.
const ROOTS: usize = 61;

static SEMA: [SemaRoot; ROOTS] = [const { SemaRoot(SpinMutex::new(SemaTable::new())) }; ROOTS];

/// The part of the table with the semaphore at `addr`.
fn root(addr: *mut u32) -> &'static SpinMutex<SemaTable> {
    &SEMA[(addr as usize >> 2) % ROOTS].0
}

/// The count at `addr`, as an atomic.
///
/// # Safety
/// `addr` must point at a live `uint32`.
unsafe fn count<'a>(addr: *mut u32) -> &'a AtomicU32 {
    // SAFETY: as the caller promises; `u32` and `AtomicU32` have one layout.
    unsafe { &*(addr as *const AtomicU32) }
}

/// Takes a unit of `*addr` if there is one.
///
/// # Safety
/// `addr` must point at a live `uint32`.
pub unsafe fn try_acquire(addr: *mut u32) -> bool {
    // SAFETY: as the caller promises.
    let c = unsafe { count(addr) };
    let mut v = c.load(Ordering::Relaxed);
    while v != 0 {
        match c.compare_exchange_weak(v, v - 1, Ordering::Acquire, Ordering::Relaxed) {
            Ok(_) => return true,
            Err(now) => v = now,
        }
    }
    false
}

/// Gives a unit back on `addr`: the goroutine it goes to (the first waiter,
/// taken out of the table; the count is left alone), or `None` when nobody
/// waits (the count grows).
///
/// # Safety
/// `addr` must point at a live `uint32`; the caller holds the lock of the
/// root whose table `t` is.
pub unsafe fn release(t: &mut SemaTable, addr: *mut u32) -> Option<*mut G> {
    if let Some(g) = t.dequeue(addr as usize) {
        return Some(g);
    }
    // SAFETY: as the caller promises.
    unsafe { count(addr).fetch_add(1, Ordering::Release) };
    None
}

/// [`release`] under the root's lock.
///
/// # Safety
/// As for [`release`], without the lock.
unsafe fn release_locked(addr: *mut u32) -> Option<*mut G> {
    // SAFETY: as the caller promises; the lock is held.
    root(addr).with(|t| unsafe { release(t, addr) })
}

/// `sync.runtime_Semacquire` (and `SemacquireMutex`): waits until `*addr
/// > 0`, then decrements it. Waiters are served first come, first served;
/// their wait reason is `semacquire`, as gc's.
///
/// # Safety
/// `addr` must point at a `uint32` in Go memory that stays live; called on
/// the system stack by compiled code.
#[no_mangle]
pub unsafe extern "C" fn rgo_semacquire(addr: *mut u32) {
    // SAFETY: as the caller promises.
    unsafe { acquire(addr, false, false, "semacquire") }
}

/// The wait of package runtime's network poller for a descriptor's
/// readiness (`internal/poll.runtime_pollWait`): as [`rgo_semacquire`],
/// its wait reason `IO wait`, as gc's goroutine dumps and traces show it.
///
/// # Safety
/// As for [`rgo_semacquire`].
#[no_mangle]
pub unsafe extern "C" fn rgo_semacquire_io(addr: *mut u32) {
    // SAFETY: as the caller promises.
    unsafe { acquire(addr, false, false, "IO wait") }
}

/// `sync.runtime_SemacquireMutex`: as [`rgo_semacquire`], but with `lifo`
/// the caller waits first in line (a mutex waiter woken before that lost
/// the lock again: gc's starvation rule).
///
/// # Safety
/// As for [`rgo_semacquire`].
#[no_mangle]
pub unsafe extern "C" fn rgo_semacquire_mutex(addr: *mut u32, lifo: bool) {
    // SAFETY: as the caller promises.
    unsafe { acquire(addr, lifo, true, "semacquire") }
}

/// [`rgo_semacquire_mutex`]; `mutex`: a mutex's wait, which the mutex
/// profile records when the semaphore is released (crate::profile);
/// `reason`: the wait reason while parked.
///
/// # Safety
/// As for [`rgo_semacquire`].
unsafe fn acquire(addr: *mut u32, lifo: bool, mutex: bool, reason: &'static str) {
    // SAFETY: as the caller promises.
    if unsafe { try_acquire(addr) } {
        return;
    }
    let r = root(addr);
    let took = r.lock();
    // A release that found no waiter counts its unit under the lock: one
    // made before it was taken is seen here.
    // SAFETY: as the caller promises.
    if unsafe { try_acquire(addr) } {
        r.unlock(took);
        return;
    }
    // SAFETY: the running goroutine, in no queue; rgo_semrelease finds it
    // in the table and hands it the unit before readying it.
    unsafe {
        (*current_g()).block_mutex = mutex;
        // The lock is held until the park gives it up.
        let t = r.get();
        if lifo {
            t.enqueue_first(addr as usize, current_g());
        } else {
            t.enqueue(addr as usize, current_g());
        }
        SCHEDULER.park_unlocking(reason, || r.unlock(took));
    }
}

/// [`rgo_semacquire`] (and its IO and mutex forms) without the runtime
/// lock: done (1) when a unit was there; declines (0) when the goroutine
/// must wait.
///
/// # Safety
/// As for [`rgo_semacquire`]; called by rt-arch's `rgo_rt_try` only.
#[no_mangle]
pub unsafe extern "C" fn rgo_semacquire_nolock(_thread: *const ThreadHead, addr: *mut u32) -> usize {
    // SAFETY: as the caller promises.
    unsafe { try_acquire(addr) as usize }
}

/// [`rgo_semacquire_mutex`] without the runtime lock: as
/// [`rgo_semacquire_nolock`].
///
/// # Safety
/// As for [`rgo_semacquire_nolock`].
#[no_mangle]
pub unsafe extern "C" fn rgo_semacquire_mutex_nolock(_thread: *const ThreadHead, addr: *mut u32, _lifo: bool) -> usize {
    // SAFETY: as the caller promises.
    unsafe { try_acquire(addr) as usize }
}

/// `sync.runtime_Semrelease`: increments `*addr`, or when goroutines wait
/// on it hands the unit to the first of them. With `handoff` the caller
/// then yields so that the woken goroutine runs at once (starving mutexes).
///
/// # Safety
/// As for [`rgo_semacquire`].
#[no_mangle]
pub unsafe extern "C" fn rgo_semrelease(addr: *mut u32, handoff: bool, skip: i64) {
    // SAFETY: as the caller promises.
    let Some(g) = (unsafe { release_locked(addr) }) else { return };
    // SAFETY: `g` is parked in rgo_semacquire, out of the table now.
    unsafe {
        crate::profile::mutex_released(g, skip.max(0) as usize);
        SCHEDULER.ready(g);
        // Not while pinned (package sync's pool, gc's `m.locks`): the
        // goroutine may not leave its processor until it unpins.
        if handoff && !crate::sched::pinned() {
            SCHEDULER.yield_now();
        }
    }
}

/// [`rgo_semrelease`] without the runtime lock: done (1) unless the
/// release hands off (the caller yields), the mutex profile records, or the
/// execution tracer does (then it declines: 0).
///
/// # Safety
/// As for [`rgo_semrelease`]; called by rt-arch's `rgo_rt_try` only.
#[no_mangle]
pub unsafe extern "C" fn rgo_semrelease_nolock(_thread: *const ThreadHead, addr: *mut u32, handoff: bool, _skip: i64) -> usize {
    if handoff || crate::profile::mutex_profiling() || crate::trace::on() {
        return 0;
    }
    // SAFETY: as the caller promises.
    if let Some(g) = unsafe { release_locked(addr) } {
        // SAFETY: `g` is parked in rgo_semacquire, out of the table now.
        unsafe { SCHEDULER.ready(g) };
    }
    1
}

/// Package sync's `notifyList` (`sync.Cond`'s waiters), laid out as
/// GOROOT's sync declares it: `wait` is the next ticket to hand out,
/// `notify` the next to serve; `lock` guards the rest with several
/// processors (a [`SpinLock`]'s word); `head`/`tail` are the runtime's: the
/// waiting goroutines, in ticket order.
#[repr(C)]
#[derive(Debug)]
pub struct NotifyList {
    pub wait: u32,
    pub notify: u32,
    pub lock: usize,
    pub head: *mut G,
    pub tail: *mut G,
}

impl NotifyList {
    /// The list's lock: its `lock` word's first byte as a [`SpinLock`].
    ///
    /// # Safety
    /// `l` must point at a live `notifyList`.
    unsafe fn spin_lock<'a>(l: *mut NotifyList) -> &'a SpinLock {
        // SAFETY: as the caller promises; a `SpinLock` is one byte,
        // zero when free, as package sync's zero value has it.
        unsafe { &*(ptr::addr_of!((*l).lock) as *const SpinLock) }
    }

    /// The `wait` counter as an atomic (tickets are handed out without the
    /// lock, as gc's `notifyListAdd` does).
    ///
    /// # Safety
    /// As for [`NotifyList::spin_lock`].
    unsafe fn wait_counter<'a>(l: *mut NotifyList) -> &'a AtomicU32 {
        // SAFETY: as the caller promises.
        unsafe { &*(ptr::addr_of!((*l).wait) as *const AtomicU32) }
    }

    /// Whether every ticket handed out was served, read without the lock.
    ///
    /// # Safety
    /// As for [`NotifyList::spin_lock`].
    unsafe fn all_served(l: *mut NotifyList) -> bool {
        // SAFETY: as the caller promises.
        unsafe {
            let notify = &*(ptr::addr_of!((*l).notify) as *const AtomicU32);
            NotifyList::wait_counter(l).load(Ordering::Acquire) == notify.load(Ordering::Acquire)
        }
    }

    fn queue(&self) -> WaitQ {
        WaitQ { head: self.head, tail: self.tail }
    }

    fn set_queue(&mut self, q: WaitQ) {
        self.head = q.head;
        self.tail = q.tail;
    }
}

/// Ticket `a` comes before ticket `b` (the counters wrap).
fn ticket_before(a: u32, b: u32) -> bool {
    (a.wrapping_sub(b) as i32) < 0
}

/// Hands out the next ticket: an atomic add, without the list's lock, as
/// gc's `notifyListAdd`.
///
/// # Safety
/// `l` must point at a live `notifyList`.
pub unsafe fn notify_add(l: *mut NotifyList) -> u32 {
    // SAFETY: as the caller promises.
    unsafe { NotifyList::wait_counter(l).fetch_add(1, Ordering::AcqRel) }
}

/// Serves tickets with `take` under the list's lock, unless every ticket
/// handed out was served already (`None`, without the lock: gc's fast
/// path of `notifyListNotifyOne` and `All`).
///
/// # Safety
/// As for [`notify_add`].
unsafe fn serve<R>(l: *mut NotifyList, take: impl FnOnce(&mut NotifyList) -> R) -> Option<R> {
    // SAFETY: as the caller promises; the lock makes `*l` ours.
    unsafe {
        if NotifyList::all_served(l) {
            return None;
        }
        let lock = NotifyList::spin_lock(l);
        let took = lock.lock();
        let r = take(&mut *l);
        lock.unlock(took);
        Some(r)
    }
}

/// `g` is to wait for ticket `t`: false when that ticket was already served
/// (do not wait), else `g` is queued.
///
/// # Safety
/// `g` must be valid and in no queue; the list's queue only holds waiters.
pub unsafe fn notify_enqueue(l: &mut NotifyList, t: u32, g: *mut G) -> bool {
    if ticket_before(t, l.notify) {
        return false;
    }
    let mut q = l.queue();
    // SAFETY: as the caller promises.
    unsafe {
        (*g).wait_ticket = t;
        q.push(g);
    }
    l.set_queue(q);
    true
}

/// Serves the oldest unserved ticket: its goroutine if it already waits
/// (taken out), `None` if it does not (yet) or nothing is unserved.
pub fn notify_take_one(l: &mut NotifyList) -> Option<*mut G> {
    if l.wait == l.notify {
        return None;
    }
    let t = l.notify;
    l.notify = t.wrapping_add(1);
    let mut q = l.queue();
    // SAFETY: queued goroutines are valid.
    let g = q.take_first(|g| unsafe { (*g).wait_ticket } == t);
    l.set_queue(q);
    g
}

/// Serves every ticket handed out: the waiting goroutines, in ticket order.
pub fn notify_take_all(l: &mut NotifyList) -> WaitQ {
    if l.wait == l.notify {
        return WaitQ::new();
    }
    l.notify = l.wait;
    let q = l.queue();
    l.set_queue(WaitQ::new());
    q
}

/// `sync.runtime_notifyListCheck`: package sync's `notifyList` is `size`
/// bytes, as [`NotifyList`] must be.
#[no_mangle]
pub extern "C" fn rgo_notify_check(size: usize) {
    if size != core::mem::size_of::<NotifyList>() {
        crate::fatal::fatal("bad notifyList size");
    }
}

/// `sync.runtime_notifyListAdd`: the caller's ticket.
///
/// # Safety
/// `l` must point at a live `notifyList`; called by compiled code.
#[no_mangle]
pub unsafe extern "C" fn rgo_notify_add(l: *mut NotifyList) -> u32 {
    // SAFETY: as the caller promises.
    unsafe { notify_add(l) }
}

/// `sync.runtime_notifyListWait`: waits (reason `sync.Cond.Wait`, as gc's)
/// until ticket `t` is served; returns at once if it already was.
///
/// # Safety
/// As for [`rgo_notify_add`]; on the system stack.
#[no_mangle]
pub unsafe extern "C" fn rgo_notify_wait(l: *mut NotifyList, t: u32) {
    // SAFETY: as the caller promises; the list finds the goroutine, and
    // the notifier takes it out before readying it.
    unsafe {
        let lock = NotifyList::spin_lock(l);
        let took = lock.lock();
        if notify_enqueue(&mut *l, t, current_g()) {
            SCHEDULER.park_unlocking("sync.Cond.Wait", || lock.unlock(took));
        } else {
            lock.unlock(took);
        }
    }
}

/// `sync.runtime_notifyListNotifyOne` (`Cond.Signal`).
///
/// # Safety
/// As for [`rgo_notify_add`].
#[no_mangle]
pub unsafe extern "C" fn rgo_notify_one(l: *mut NotifyList) {
    // SAFETY: as the caller promises.
    if let Some(Some(g)) = unsafe { serve(l, notify_take_one) } {
        // SAFETY: parked in rgo_notify_wait, out of the list now.
        unsafe { SCHEDULER.ready(g) };
    }
}

/// `sync.runtime_notifyListNotifyAll` (`Cond.Broadcast`).
///
/// # Safety
/// As for [`rgo_notify_add`].
#[no_mangle]
pub unsafe extern "C" fn rgo_notify_all(l: *mut NotifyList) {
    // SAFETY: as the caller promises.
    let Some(mut q) = (unsafe { serve(l, notify_take_all) }) else { return };
    while let Some(g) = q.pop() {
        // SAFETY: parked in rgo_notify_wait, out of the list now.
        unsafe { SCHEDULER.ready(g) };
    }
}

/// [`rgo_notify_add`] without the runtime lock; the ticket plus one (0
/// would decline).
///
/// # Safety
/// As for [`rgo_notify_add`]; called by rt-arch's `rgo_rt_try` only.
#[no_mangle]
pub unsafe extern "C" fn rgo_notify_add_nolock(_thread: *const ThreadHead, l: *mut NotifyList) -> usize {
    // SAFETY: as the caller promises.
    (unsafe { rgo_notify_add(l) }) as usize | NOTIFY_DONE
}

/// Beside a `u32` result of a lockless variant: it did the work.
const NOTIFY_DONE: usize = 1 << 32;

/// [`rgo_notify_one`] without the runtime lock: done (1) unless the
/// execution tracer records.
///
/// # Safety
/// As for [`rgo_notify_one`]; called by rt-arch's `rgo_rt_try` only.
#[no_mangle]
pub unsafe extern "C" fn rgo_notify_one_nolock(_thread: *const ThreadHead, l: *mut NotifyList) -> usize {
    if crate::trace::on() {
        return 0;
    }
    // SAFETY: as the caller promises.
    unsafe { rgo_notify_one(l) };
    1
}

/// [`rgo_notify_all`] without the runtime lock, as
/// [`rgo_notify_one_nolock`].
///
/// # Safety
/// As for [`rgo_notify_all`]; called by rt-arch's `rgo_rt_try` only.
#[no_mangle]
pub unsafe extern "C" fn rgo_notify_all_nolock(_thread: *const ThreadHead, l: *mut NotifyList) -> usize {
    if crate::trace::on() {
        return 0;
    }
    // SAFETY: as the caller promises.
    unsafe { rgo_notify_all(l) };
    1
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::boxed::Box;
    use alloc::vec::Vec;

    fn gs(n: u64) -> Vec<*mut G> {
        (0..n).map(|i| Box::into_raw(Box::new(G::new(i)))).collect()
    }

    fn drain(q: &mut WaitQ) -> Vec<*mut G> {
        core::iter::from_fn(|| q.pop()).collect()
    }

    #[test]
    fn semaphore_waiters_are_served_first_come_first_served_per_address() {
        let g = gs(5);
        let mut t = SemaTable::new();
        let (mut a, mut b) = (0u32, 0u32);
        let (pa, pb) = (&mut a as *mut u32, &mut b as *mut u32);
        // SAFETY: fresh goroutines in no queue; live counters.
        unsafe {
            assert!(!try_acquire(pa));
            t.enqueue(pa as usize, g[0]);
            t.enqueue(pb as usize, g[1]);
            t.enqueue(pa as usize, g[2]);
            t.enqueue(pa as usize, g[3]);
            assert_eq!(t.addresses(), 2);
            // Releases hand the unit over: the count stays 0.
            assert_eq!(release(&mut t, pa), Some(g[0]));
            assert_eq!(release(&mut t, pa), Some(g[2]));
            assert_eq!(release(&mut t, pb), Some(g[1]));
            assert_eq!(t.addresses(), 1);
            // A newcomer queues behind the remaining waiter.
            t.enqueue(pa as usize, g[4]);
            assert_eq!(release(&mut t, pa), Some(g[3]));
            assert_eq!(release(&mut t, pa), Some(g[4]));
            assert_eq!(t.addresses(), 0);
            assert_eq!(*pa, 0);
            // Nobody waits: the count grows, and acquiring takes it back.
            assert_eq!(release(&mut t, pa), None);
            assert_eq!(release(&mut t, pa), None);
            assert_eq!(*pa, 2);
            assert!(try_acquire(pa));
            assert!(try_acquire(pa));
            assert!(!try_acquire(pa));
            assert_eq!(*pb, 0);
        }
    }

    #[test]
    fn a_wait_queue_takes_from_anywhere() {
        let g = gs(4);
        let mut q = WaitQ::new();
        // SAFETY: fresh goroutines in no queue.
        unsafe {
            for &x in &g {
                q.push(x);
            }
        }
        assert_eq!(q.take_first(|x| x == g[3]), Some(g[3]));
        assert_eq!(q.take_first(|x| x == g[0]), Some(g[0]));
        assert_eq!(q.take_first(|x| x == g[3]), None);
        // SAFETY: taken out above.
        unsafe { q.push(g[3]) };
        assert_eq!(drain(&mut q), [g[1], g[2], g[3]]);
        assert!(q.is_empty());
    }

    fn list() -> NotifyList {
        NotifyList { wait: 0, notify: 0, lock: 0, head: ptr::null_mut(), tail: ptr::null_mut() }
    }

    #[test]
    fn signal_serves_the_oldest_ticket_broadcast_all() {
        let g = gs(4);
        let mut l = list();
        // Three goroutines take tickets; a Signal before any waits serves
        // ticket 0, whose goroutine then does not wait.
        // SAFETY: a live list.
        let t: Vec<u32> = (0..3).map(|_| unsafe { notify_add(&mut l) }).collect();
        assert_eq!(t, [0, 1, 2]);
        assert_eq!(notify_take_one(&mut l), None);
        // SAFETY: fresh goroutines in no queue.
        unsafe {
            assert!(!notify_enqueue(&mut l, t[0], g[0]));
            // Waiting out of order (2 before 1): served by ticket.
            assert!(notify_enqueue(&mut l, t[2], g[2]));
            assert!(notify_enqueue(&mut l, t[1], g[1]));
        }
        assert_eq!(notify_take_one(&mut l), Some(g[1]));
        assert_eq!(notify_take_one(&mut l), Some(g[2]));
        // Nothing unserved: Signal is a no-op and does not bank a wakeup.
        assert_eq!(notify_take_one(&mut l), None);
        assert_eq!((l.wait, l.notify), (3, 3));
        // SAFETY: a live list.
        let t3 = unsafe { notify_add(&mut l) };
        // SAFETY: g[3] is in no queue.
        assert!(unsafe { notify_enqueue(&mut l, t3, g[3]) });
        // Broadcast takes everyone.
        // SAFETY: a live list.
        let t4 = unsafe { notify_add(&mut l) };
        // SAFETY: g[0] is in no queue.
        assert!(unsafe { notify_enqueue(&mut l, t4, g[0]) });
        let mut q = notify_take_all(&mut l);
        assert_eq!(drain(&mut q), [g[3], g[0]]);
        assert!(l.head.is_null() && l.tail.is_null());
        assert_eq!(notify_take_all(&mut l).pop(), None);
    }

    #[test]
    fn tickets_compare_across_wraparound() {
        let g = gs(2);
        let mut l = list();
        l.wait = u32::MAX;
        l.notify = u32::MAX;
        // SAFETY: a live list.
        let (a, b) = unsafe { (notify_add(&mut l), notify_add(&mut l)) };
        assert_eq!((a, b, l.wait), (u32::MAX, 0, 1));
        assert!(ticket_before(u32::MAX, 0));
        assert!(!ticket_before(0, u32::MAX));
        // SAFETY: fresh goroutines.
        unsafe {
            assert!(notify_enqueue(&mut l, b, g[1]));
            assert!(notify_enqueue(&mut l, a, g[0]));
        }
        assert_eq!(notify_take_one(&mut l), Some(g[0]));
        // Ticket `a` is served now: a late waiter for it does not wait.
        // SAFETY: g[0] is out of the list.
        assert!(!unsafe { notify_enqueue(&mut l, a, g[0]) });
        assert_eq!(notify_take_one(&mut l), Some(g[1]));
    }
}
