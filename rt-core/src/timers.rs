//! Time and timers for package time (`time.Now`, `time.Since`,
//! `time.Sleep`, `time.AfterFunc`, `time.NewTimer`, `time.NewTicker`):
//! the clocks, and the heap of pending timers the scheduler
//! ([`crate::sched`]) runs.
//!
//! A timer is Go memory: GOROOT's package time's `runtimeTimer` struct,
//! [`RTimer`] here. When its time comes, the scheduler moves it to the
//! queue of fired timers and readies the runtime's timer goroutine
//! (rgo's `runtime.runTimers`, waiting in [`rgo_timer_next`]), which calls
//! its `f(arg, seq)`, as gc's runtime calls it from the scheduler; a
//! periodic timer is put back at the next multiple of its period after now.
//! `time.Sleep` needs no Go timer: the sleeping goroutine itself waits in
//! the heap ([`Target::Sleeper`]) and is readied when its time comes.
//!
//! The heap is a binary min-heap ordered by (when, order of arming), kept in
//! a Rust `Vec` of entries that point at the timers; each timer's `pp` (a
//! field gc's runtime owns) is its place there plus one (0: not pending),
//! so stopping and resetting one is O(log n) without a search. Timers due
//! at the same instant fire in the order they were armed.
//!
//! The collector marks every [`Target::Timer`] and every fired timer not yet
//! run (and through them the timer's `f` and `arg`) as roots
//! ([`TimerHeap::timers`]): the heap lives in Rust memory, and a pending
//! timer may be reachable from nowhere else (`time.AfterFunc` whose result
//! is dropped).

use crate::g::{current_g, G};
use crate::os;
use crate::sched::{self, Parking, SCHEDULER};
use alloc::collections::VecDeque;
use alloc::vec::Vec;

/// Package time's `runtimeTimer` as Go 1.19 declares it: `struct { pp
/// uintptr; when int64; period int64; f func(any, uintptr); arg any; seq
/// uintptr; nextwhen int64; status uint32 }`. rt-core reads `pp`, `when`
/// and `period`; rgo's runtime package calls `f(arg, seq)`.
#[repr(C)]
#[derive(Debug)]
pub struct RTimer {
    /// Its place in the heap plus one; 0 when not pending (a new timer's
    /// zero value).
    pub pp: usize,
    /// When it fires, in [`os::nanotime`] nanoseconds.
    pub when: i64,
    /// > 0: it fires again every `period` nanoseconds.
    pub period: i64,
    /// The Go `func(any, uintptr)` value the timer goroutine calls.
    pub f: *const (),
    /// Its first argument, an `any` (type word, data word).
    pub arg: [*const (); 2],
    /// Its second argument.
    pub seq: usize,
    /// gc's runtime's; unused here.
    pub nextwhen: i64,
    /// gc's runtime's; unused here.
    pub status: u32,
}

#[cfg(test)]
impl RTimer {
    /// A timer not pending, due at `when`, with no function.
    fn new(when: i64, period: i64) -> RTimer {
        RTimer { pp: 0, when, period, f: core::ptr::null(), arg: [core::ptr::null(); 2], seq: 0, nextwhen: 0, status: 0 }
    }
}

/// What waits in the timer heap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A Go timer: fired by starting `go t.f()`.
    Timer(*mut RTimer),
    /// A goroutine parked in `time.Sleep`: fired by readying it.
    Sleeper(*mut G),
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    when: i64,
    /// Arming order, to break ties between equal `when`s.
    seq: u64,
    target: Target,
}

impl Entry {
    fn before(&self, o: &Entry) -> bool {
        (self.when, self.seq) < (o.when, o.seq)
    }
}

/// The pending timers and sleepers, earliest first, and the timers fired
/// but not yet run.
#[derive(Debug)]
pub struct TimerHeap {
    v: Vec<Entry>,
    seq: u64,
    /// Fired timers, in firing order, for the timer goroutine.
    fired: VecDeque<*mut RTimer>,
    /// The timer goroutine while it waits in [`rgo_timer_next`].
    waiter: *mut G,
}

/// The next time a periodic timer that was due at `when` fires: the first
/// `when + k*period` (k >= 1) after `now` (saturating at the end of time).
pub fn next_period(when: i64, period: i64, now: i64) -> i64 {
    let late = if now > when { (now - when) / period } else { 0 };
    late.checked_add(1).and_then(|k| k.checked_mul(period)).and_then(|d| when.checked_add(d)).unwrap_or(i64::MAX)
}

/// A `when` package time computed by an addition that overflowed (a huge
/// duration) means "never": the end of time, as Go's runtime takes it.
fn clamp_when(when: i64) -> i64 {
    if when < 0 {
        i64::MAX
    } else {
        when
    }
}

impl TimerHeap {
    pub const fn new() -> TimerHeap {
        TimerHeap { v: Vec::new(), seq: 0, fired: VecDeque::new(), waiter: core::ptr::null_mut() }
    }

    /// The pending and the fired Go timers (objects on Go's heap, roots
    /// of the collector: a timer may be referenced by nothing else).
    pub fn timers(&self) -> impl Iterator<Item = *mut RTimer> + '_ {
        let pending = self.v.iter().filter_map(|e| match e.target {
            Target::Timer(t) => Some(t),
            Target::Sleeper(_) => None,
        });
        pending.chain(self.fired.iter().copied())
    }

    /// Queues the fired timer `t` for the timer goroutine; returns that
    /// goroutine if it is waiting, to be readied.
    pub fn fire(&mut self, t: *mut RTimer) -> Option<*mut G> {
        self.fired.push_back(t);
        let g = core::mem::replace(&mut self.waiter, core::ptr::null_mut());
        (!g.is_null()).then_some(g)
    }

    /// Timers and sleepers pending.
    pub fn len(&self) -> usize {
        self.v.len()
    }

    pub fn is_empty(&self) -> bool {
        self.v.is_empty()
    }

    /// When the earliest pending one is due.
    pub fn earliest(&self) -> Option<i64> {
        self.v.first().map(|e| e.when)
    }

    /// Whether `t` is pending (in this heap).
    ///
    /// # Safety
    /// `t` must be a valid timer.
    pub unsafe fn pending(&self, t: *mut RTimer) -> bool {
        // SAFETY: as the caller promises.
        let pp = unsafe { (*t).pp };
        pp >= 1 && pp - 1 < self.v.len() && self.v[pp - 1].target == Target::Timer(t)
    }

    /// Records entry `i`'s place in its timer.
    fn placed(&mut self, i: usize) {
        if let Target::Timer(t) = self.v[i].target {
            // SAFETY: timers in the heap are valid (rgo_timer_add's caller
            // keeps them alive while pending).
            unsafe { (*t).pp = i + 1 };
        }
    }

    /// Moves entry `i` up to its place; returns that place.
    fn sift_up(&mut self, mut i: usize) -> usize {
        while i > 0 {
            let p = (i - 1) / 2;
            if !self.v[i].before(&self.v[p]) {
                break;
            }
            self.v.swap(i, p);
            self.placed(i);
            i = p;
        }
        self.placed(i);
        i
    }

    fn sift_down(&mut self, mut i: usize) {
        let n = self.v.len();
        loop {
            let (l, r) = (2 * i + 1, 2 * i + 2);
            let mut m = i;
            if l < n && self.v[l].before(&self.v[m]) {
                m = l;
            }
            if r < n && self.v[r].before(&self.v[m]) {
                m = r;
            }
            if m == i {
                break;
            }
            self.v.swap(i, m);
            self.placed(i);
            i = m;
        }
        self.placed(i);
    }

    fn push(&mut self, when: i64, target: Target) {
        self.seq += 1;
        self.v.push(Entry { when, seq: self.seq, target });
        self.sift_up(self.v.len() - 1);
    }

    /// Takes entry `i` out, keeping the heap order.
    fn remove_at(&mut self, i: usize) -> Entry {
        let e = self.v.swap_remove(i);
        if i < self.v.len() {
            // The former last entry now at `i` may belong above or below.
            if self.sift_up(i) == i {
                self.sift_down(i);
            }
        }
        if let Target::Timer(t) = e.target {
            // SAFETY: the timer was in the heap, so it is valid.
            unsafe { (*t).pp = 0 };
        }
        e
    }

    /// Arms `t` at `t.when`.
    ///
    /// # Safety
    /// `t` must be a valid timer, not pending, that stays valid while it is.
    pub unsafe fn add_timer(&mut self, t: *mut RTimer) {
        // SAFETY: as the caller promises.
        let when = unsafe {
            (*t).when = clamp_when((*t).when);
            (*t).when
        };
        self.push(when, Target::Timer(t));
    }

    /// Parks-to-be: `g` is readied at `when`.
    pub fn add_sleeper(&mut self, when: i64, g: *mut G) {
        self.push(clamp_when(when), Target::Sleeper(g));
    }

    /// Stops `t`; true when it was pending.
    ///
    /// # Safety
    /// `t` must be a valid timer.
    pub unsafe fn del_timer(&mut self, t: *mut RTimer) -> bool {
        // SAFETY: as the caller promises.
        if !unsafe { self.pending(t) } {
            return false;
        }
        // SAFETY: pending, so pp is its place plus one.
        let i = unsafe { (*t).pp - 1 };
        self.remove_at(i);
        true
    }

    /// Re-arms `t` at `when` with `period` (arming it if it was not
    /// pending); true when it was pending.
    ///
    /// # Safety
    /// As for [`TimerHeap::add_timer`], except that `t` may be pending.
    pub unsafe fn mod_timer(&mut self, t: *mut RTimer, when: i64, period: i64) -> bool {
        // SAFETY: as the caller promises.
        unsafe {
            let was = self.del_timer(t);
            (*t).when = when;
            (*t).period = period;
            self.add_timer(t);
            was
        }
    }

    /// The earliest entry if it is due at `now`: a one-shot timer or a
    /// sleeper leaves the heap, a periodic timer is put back at its next
    /// time ([`next_period`]).
    pub fn pop_due(&mut self, now: i64) -> Option<Target> {
        let top = *self.v.first()?;
        if top.when > now {
            return None;
        }
        if let Target::Timer(t) = top.target {
            // SAFETY: a timer in the heap is valid.
            let period = unsafe { (*t).period };
            if period > 0 {
                let when = next_period(top.when, period, now);
                // SAFETY: as above.
                unsafe { (*t).when = when };
                self.seq += 1;
                self.v[0].when = when;
                self.v[0].seq = self.seq;
                self.sift_down(0);
                return Some(top.target);
            }
        }
        Some(self.remove_at(0).target)
    }
}

/// `runtime.nanotime`: the monotonic clock in nanoseconds.
#[no_mangle]
pub extern "C" fn rgo_nanotime() -> i64 {
    os::nanotime()
}

/// `runtime.walltime`: seconds and nanoseconds since the Unix epoch.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WallTime {
    pub sec: i64,
    pub nsec: i64,
}

/// `runtime.walltime` (time.Now's wall part).
#[no_mangle]
pub extern "C" fn rgo_walltime() -> WallTime {
    let (sec, nsec) = os::walltime();
    WallTime { sec, nsec }
}

/// `time.Sleep(ns)`: parks the running goroutine (wait reason `sleep`)
/// until `ns` nanoseconds have passed; returns at once when `ns <= 0`.
///
/// # Safety
/// Called on the system stack by compiled code.
#[no_mangle]
pub unsafe extern "C" fn rgo_sleep(ns: i64) {
    if ns <= 0 {
        return;
    }
    let when = os::nanotime().saturating_add(ns);
    sched::timers().add_sleeper(when, current_g());
    // SAFETY: the heap finds the goroutine; the scheduler readies it.
    unsafe { SCHEDULER.park("sleep") };
}

/// Arms the timer `t` at `t.when` (package time's `startTimer`).
///
/// # Safety
/// `t` must point at a `runtimeTimer` with a `func(any, uintptr)` value in
/// `f`, kept alive by the caller until it is armed; called by compiled
/// code.
#[no_mangle]
pub unsafe extern "C" fn rgo_timer_add(t: *mut RTimer) {
    let h = sched::timers();
    // SAFETY: as the caller promises.
    unsafe {
        if h.pending(t) {
            crate::fatal::fatal("addtimer called with initialized timer");
        }
        h.add_timer(t);
    }
}

/// Stops the timer `t` (package time's `stopTimer`); true when it was
/// pending.
///
/// # Safety
/// `t` must point at a `runtimeTimer`; called by compiled code.
#[no_mangle]
pub unsafe extern "C" fn rgo_timer_del(t: *mut RTimer) -> bool {
    // SAFETY: as the caller promises.
    unsafe { sched::timers().del_timer(t) }
}

/// Re-arms the timer `t` at `when` with `period`, pending or not (package
/// time's `resetTimer`/`modTimer`); true when it was pending.
///
/// # Safety
/// As for [`rgo_timer_del`].
#[no_mangle]
pub unsafe extern "C" fn rgo_timer_mod(t: *mut RTimer, when: i64, period: i64) -> bool {
    // SAFETY: as the caller promises.
    unsafe { sched::timers().mod_timer(t, when, period) }
}

/// The next fired timer, for the timer goroutine to call its `f(arg,
/// seq)`: parks the calling goroutine (wait reason `timer goroutine
/// (idle)`) until one has fired.
///
/// # Safety
/// Called on the system stack by compiled code, by one goroutine only.
#[no_mangle]
pub unsafe extern "C" fn rgo_timer_next() -> *mut RTimer {
    loop {
        let h = sched::timers();
        if let Some(t) = h.fired.pop_front() {
            return t;
        }
        h.waiter = current_g();
        // SAFETY: `fire` readies the waiter.
        unsafe { SCHEDULER.park("timer goroutine (idle)") };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::boxed::Box;

    fn timer(when: i64, period: i64) -> *mut RTimer {
        Box::into_raw(Box::new(RTimer::new(when, period)))
    }

    /// Every timer's pp is its place plus one, and the heap order holds.
    fn check(h: &TimerHeap) {
        for (i, e) in h.v.iter().enumerate() {
            if let Target::Timer(t) = e.target {
                // SAFETY: test timers are leaked boxes.
                assert_eq!(unsafe { (*t).pp }, i + 1);
                assert_eq!(unsafe { (*t).when }, e.when);
            }
            if i > 0 {
                assert!(!e.before(&h.v[(i - 1) / 2]), "entry {i} is before its parent");
            }
        }
    }

    fn drain(h: &mut TimerHeap, now: i64) -> Vec<Target> {
        let mut out = Vec::new();
        while let Some(t) = h.pop_due(now) {
            check(h);
            out.push(t);
        }
        out
    }

    #[test]
    fn timers_fire_in_time_order_ties_in_arming_order() {
        let mut h = TimerHeap::new();
        let whens = [50, 10, 40, 10, 30, 20, 60, 10, 5, 45];
        let ts: Vec<_> = whens.iter().map(|&w| timer(w, 0)).collect();
        for &t in &ts {
            // SAFETY: fresh timers.
            unsafe { h.add_timer(t) };
            check(&h);
        }
        assert_eq!(h.earliest(), Some(5));
        assert_eq!(h.pop_due(4), None);
        let fired = drain(&mut h, 30);
        let want: Vec<_> = [8, 1, 3, 7, 5, 4].iter().map(|&i| Target::Timer(ts[i])).collect();
        assert_eq!(fired, want);
        for &i in &[8, 1, 3, 7, 5, 4] {
            // SAFETY: test timers.
            assert_eq!(unsafe { (*ts[i]).pp }, 0);
        }
        assert_eq!(h.len(), 4);
        let fired = drain(&mut h, i64::MAX);
        let want: Vec<_> = [2, 9, 0, 6].iter().map(|&i| Target::Timer(ts[i])).collect();
        assert_eq!(fired, want);
        assert!(h.is_empty());
    }

    #[test]
    fn stopping_and_resetting_timers_keeps_the_order() {
        let mut h = TimerHeap::new();
        let ts: Vec<_> = (0..20).map(|i| timer((i * 37 % 20) as i64 * 10, 0)).collect();
        for &t in &ts {
            // SAFETY: fresh timers.
            unsafe { h.add_timer(t) };
        }
        // SAFETY: test timers throughout.
        unsafe {
            // Stop every third one, some twice.
            for i in (0..20).step_by(3) {
                assert!(h.del_timer(ts[i]));
                check(&h);
                assert!(!h.del_timer(ts[i]));
                assert_eq!((*ts[i]).pp, 0);
            }
            // Move some later, some earlier, re-arm a stopped one.
            assert!(h.mod_timer(ts[1], 1000, 0));
            check(&h);
            assert!(h.mod_timer(ts[2], -5 + 6, 0));
            check(&h);
            assert!(!h.mod_timer(ts[0], 500, 0));
            check(&h);
        }
        assert_eq!(h.len(), 20 - 7 + 1);
        let mut last = i64::MIN;
        let mut n = 0;
        while let Some(Target::Timer(t)) = h.pop_due(i64::MAX) {
            // SAFETY: a test timer.
            let w = unsafe { (*t).when };
            assert!(w >= last);
            last = w;
            n += 1;
            check(&h);
        }
        assert_eq!(n, 14);
        // SAFETY: test timers.
        unsafe {
            assert_eq!((*ts[2]).when, 1);
            assert_eq!((*ts[1]).when, 1000);
        }
    }

    #[test]
    fn a_periodic_timer_rearms_after_now() {
        let mut h = TimerHeap::new();
        let t = timer(100, 30);
        let other = timer(150, 0);
        // SAFETY: fresh timers.
        unsafe {
            h.add_timer(t);
            h.add_timer(other);
        }
        assert_eq!(h.pop_due(100), Some(Target::Timer(t)));
        // SAFETY: a test timer.
        assert_eq!(unsafe { (*t).when }, 130);
        assert_eq!(h.pop_due(100), None);
        check(&h);
        // Late by several periods: skips the missed ones, fires once.
        assert_eq!(h.pop_due(200), Some(Target::Timer(t)));
        // SAFETY: a test timer.
        assert_eq!(unsafe { (*t).when }, 220);
        assert_eq!(h.pop_due(200), Some(Target::Timer(other)));
        assert_eq!(h.pop_due(200), None);
        // SAFETY: test timers.
        assert!(unsafe { h.pending(t) && !h.pending(other) });
        assert_eq!(next_period(100, 30, 130), 160);
        assert_eq!(next_period(100, 30, 129), 130);
        assert_eq!(next_period(100, 30, 50), 130);
        assert_eq!(next_period(i64::MAX - 10, 30, i64::MAX - 5), i64::MAX);
    }

    #[test]
    fn fired_timers_wait_for_the_timer_goroutine_and_stay_roots() {
        let mut h = TimerHeap::new();
        let (a, b) = (timer(10, 0), timer(20, 0));
        // SAFETY: fresh timers.
        unsafe {
            h.add_timer(a);
            h.add_timer(b);
        }
        let Some(Target::Timer(t)) = h.pop_due(15) else { panic!("a is due") };
        // No goroutine waits yet: nothing to ready.
        assert_eq!(h.fire(t), None);
        let g = Box::into_raw(Box::new(G::new(7)));
        h.waiter = g;
        let Some(Target::Timer(t)) = h.pop_due(25) else { panic!("b is due") };
        assert_eq!(h.fire(t), Some(g));
        assert!(h.waiter.is_null());
        // Both fired ones are still roots, in firing order, until run.
        assert_eq!(h.timers().collect::<Vec<_>>(), [a, b]);
        assert_eq!(h.fired.pop_front(), Some(a));
        assert_eq!(h.timers().collect::<Vec<_>>(), [b]);
    }

    #[test]
    fn sleepers_share_the_heap_and_overflowing_whens_mean_never() {
        let mut h = TimerHeap::new();
        let g = Box::into_raw(Box::new(G::new(5)));
        let t = timer(-7, 0);
        // SAFETY: a fresh timer.
        unsafe { h.add_timer(t) };
        h.add_sleeper(70, g);
        h.add_sleeper(-1, g);
        check(&h);
        // SAFETY: a test timer.
        assert_eq!(unsafe { (*t).when }, i64::MAX);
        assert_eq!(h.earliest(), Some(70));
        assert_eq!(h.pop_due(69), None);
        assert_eq!(h.pop_due(70), Some(Target::Sleeper(g)));
        assert_eq!(h.pop_due(i64::MAX - 1), None);
        // Ties at the end of time: arming order.
        assert_eq!(h.pop_due(i64::MAX), Some(Target::Timer(t)));
        assert_eq!(h.pop_due(i64::MAX), Some(Target::Sleeper(g)));
        assert!(h.is_empty());
    }

    #[test]
    fn the_monotonic_clock_moves_forward_and_sleep_until_waits() {
        let a = rgo_nanotime();
        os::sleep_until(a + 2_000_000);
        let b = rgo_nanotime();
        assert!(b >= a + 2_000_000, "{a} {b}");
        // A past deadline returns at once.
        os::sleep_until(a);
        let w = rgo_walltime();
        // After 2020 and a valid nanosecond count.
        assert!(w.sec > 1_577_836_800 && (0..1_000_000_000).contains(&w.nsec));
    }
}
