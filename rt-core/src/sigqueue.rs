//! Signals a Go program asked for (os/signal's `Notify`, `Ignore`, `Stop`,
//! `Reset`), queued for the goroutine that delivers them, as gc's
//! `runtime/sigqueue.go` does.
//!
//! os/signal's goroutine loops on `signal_recv` (here
//! [`rgo_signal_recv`]), which returns the next signal that arrived or
//! parks. A wanted signal's handler only sets its bit in [`PENDING`] and
//! writes a byte to a pipe (async-signal-safe). The scheduler readies the
//! parked receiver when it sees a pending bit ([`poll`]: one atomic load,
//! each time it schedules), and when nothing else can run it waits in
//! `ppoll` on the pipe ([`can_arrive`], `os::wait_readable`): a signal
//! that arrives between its check and its wait has left a byte there. A
//! receiver that waits for a signal is not a deadlock, as in gc.
//!
//! Signals the runtime handles itself (faults, the trap, the preemption
//! tick) and those no process can catch are recorded as wanted but never
//! delivered. On the boards no signal arrives ([`os::SIGNALS`]): a
//! receiver waits like any blocked goroutine.

use crate::g::{current_g, G};
use crate::os;
use crate::sched;
use core::sync::atomic::{AtomicBool, AtomicI32, AtomicPtr, AtomicU64, Ordering};

/// Signals arrived and not yet received (bit `sig - 1`).
static PENDING: AtomicU64 = AtomicU64::new(0);
/// Signals the program asked for.
static WANTED: AtomicU64 = AtomicU64::new(0);
/// Signals the program ignores.
static IGNORED: AtomicU64 = AtomicU64::new(0);
/// SIGHUP and SIGINT when the process started with them ignored (`nohup`):
/// gc leaves them so, and gives them back that action after `Stop`.
static IGNORED_AT_START: AtomicU64 = AtomicU64::new(0);
/// The receiver while it is parked in [`rgo_signal_recv`].
static RECEIVER: AtomicPtr<G> = AtomicPtr::new(core::ptr::null_mut());
/// A signal was received and is being delivered (the receiver has not
/// asked for the next one yet).
static DELIVERING: AtomicBool = AtomicBool::new(false);
/// The pipe's ends: the handler writes, the scheduler's wait reads (-1
/// until the first signal is wanted).
static WAKE_READ: AtomicI32 = AtomicI32::new(-1);
static WAKE_WRITE: AtomicI32 = AtomicI32::new(-1);

/// The signals a process cannot catch (SIGKILL, SIGSTOP) and the ones the
/// runtime keeps (SIGILL, SIGTRAP, SIGBUS, SIGFPE, SIGSEGV, SIGPROF).
fn runtime_owned(sig: u32) -> bool {
    matches!(sig, 4 | 5 | 7 | 8 | 9 | 11 | 19) || sig == os::SIGPROF as u32
}

/// Signals a Go program catches and drops while it does not want them
/// (os/signal's "other signals will be caught but no action will be
/// taken"), where the kernel's default would end the process: SIGUSR1,
/// SIGUSR2, SIGALRM, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGIO, SIGPWR and the
/// real-time signals the runtime does not use itself (34 to 64).
fn dropped_unless_wanted(sig: u32) -> bool {
    matches!(sig, 10 | 12 | 14 | 24 | 25 | 26 | 29 | 30) || (34..=64).contains(&sig)
}

/// The handler of a signal nobody wants ([`dropped_unless_wanted`]).
extern "C" fn drop_signal(_sig: i32, _info: *const u8, _ctx: *mut u8) {}

/// The bit of signal `sig` (1..=64), if it has one.
fn bit(sig: u32) -> Option<u64> {
    (1..=64).contains(&sig).then(|| 1u64 << (sig - 1))
}

/// The handler of a wanted signal: queues it and wakes the scheduler.
extern "C" fn on_signal(sig: i32, _info: *const u8, _ctx: *mut u8) {
    if let Some(b) = bit(sig as u32) {
        PENDING.fetch_or(b, Ordering::SeqCst);
    }
    let fd = WAKE_WRITE.load(Ordering::SeqCst);
    if fd >= 0 {
        os::write(fd, b"s");
    }
}

/// gc's `sigsend` for a signal the runtime raises itself (package os's
/// `sigpipe`): queued as if it had arrived when the program wants it;
/// whether it does.
pub fn send(sig: u32) -> bool {
    let wanted = bit(sig).is_some_and(|b| WANTED.load(Ordering::SeqCst) & b != 0);
    if wanted {
        on_signal(sig as i32, core::ptr::null(), core::ptr::null_mut());
    }
    wanted
}

/// The scheduler's check: readies the parked receiver when a signal is
/// pending.
pub fn poll() {
    if PENDING.load(Ordering::Relaxed) == 0 {
        return;
    }
    let g = RECEIVER.swap(core::ptr::null_mut(), Ordering::SeqCst);
    if !g.is_null() {
        // SAFETY: the receiver parked in rgo_signal_recv and is in no
        // queue; only this swap takes it.
        unsafe { sched::ready(g) }
    }
}

/// Whether a signal may still come for a parked receiver: then a program
/// with nothing else to run waits for it (in `os::wait_readable` on
/// [`wake_fd`]) instead of being deadlocked.
pub fn can_arrive() -> bool {
    os::SIGNALS && !RECEIVER.load(Ordering::Relaxed).is_null() && WAKE_READ.load(Ordering::Relaxed) >= 0
}

/// The pipe end a signal's handler makes readable.
pub fn wake_fd() -> i32 {
    WAKE_READ.load(Ordering::Relaxed)
}

/// What gc's `initsig` does for os/signal at the start: SIGHUP and SIGINT
/// stay ignored when the process started with them ignored (so
/// `signal.Ignored(SIGHUP)` is true under `nohup`), and the signals a Go
/// program drops ([`dropped_unless_wanted`]) get a handler that drops
/// them. Called once by the process entry.
pub fn init() {
    if !os::SIGNALS {
        return;
    }
    for sig in [1u32, 2] {
        if os::signal_is_ignored(sig as i32) {
            let b = 1u64 << (sig - 1);
            IGNORED.fetch_or(b, Ordering::SeqCst);
            IGNORED_AT_START.fetch_or(b, Ordering::SeqCst);
        }
    }
    for sig in (1..=64).filter(|&s| dropped_unless_wanted(s)) {
        // SAFETY: the handler does nothing, at any instruction.
        unsafe { os::set_tick_handler(sig as i32, drop_signal) };
    }
}

/// `signal_enable(sig)`: signal `sig` is delivered to the receiver from now
/// on instead of taking its default action.
#[no_mangle]
pub extern "C" fn rgo_signal_enable(sig: u32) {
    let Some(b) = bit(sig) else { return };
    WANTED.fetch_or(b, Ordering::SeqCst);
    IGNORED.fetch_and(!b, Ordering::SeqCst);
    if runtime_owned(sig) || !os::SIGNALS {
        return;
    }
    if WAKE_WRITE.load(Ordering::SeqCst) < 0 {
        let Some((r, w)) = os::pipe() else { return };
        WAKE_READ.store(r, Ordering::SeqCst);
        WAKE_WRITE.store(w, Ordering::SeqCst);
    }
    // SAFETY: the handler only sets an atomic bit and writes to a pipe
    // that does not block, at any instruction.
    unsafe { os::set_tick_handler(sig as i32, on_signal) };
}

/// `signal_disable(sig)`: signal `sig` takes its default action again
/// (SIGPIPE: the runtime's own handling).
#[no_mangle]
pub extern "C" fn rgo_signal_disable(sig: u32) {
    let Some(b) = bit(sig) else { return };
    WANTED.fetch_and(!b, Ordering::SeqCst);
    restore(sig);
}

/// The action the runtime gives signal `sig` when the program does not
/// want it: dropping it ([`dropped_unless_wanted`]), else the default, or
/// ignoring it for SIGHUP and SIGINT when the process started so.
fn restore(sig: u32) {
    if runtime_owned(sig) {
        return;
    }
    if sig == 13 {
        os::catch_sigpipe();
    } else if dropped_unless_wanted(sig) {
        // SAFETY: as in `init`.
        unsafe { os::set_tick_handler(sig as i32, drop_signal) };
    } else {
        let ignored = bit(sig).is_some_and(|b| IGNORED_AT_START.load(Ordering::SeqCst) & b != 0);
        os::set_signal_action(sig as i32, ignored);
    }
}

/// `signal_ignore(sig)`: signal `sig` is ignored from now on.
#[no_mangle]
pub extern "C" fn rgo_signal_ignore(sig: u32) {
    let Some(b) = bit(sig) else { return };
    WANTED.fetch_and(!b, Ordering::SeqCst);
    IGNORED.fetch_or(b, Ordering::SeqCst);
    if !runtime_owned(sig) {
        os::set_signal_action(sig as i32, true);
    }
}

/// `signal_ignored(sig)`: whether the program ignores signal `sig`.
#[no_mangle]
pub extern "C" fn rgo_signal_ignored(sig: u32) -> bool {
    bit(sig).is_some_and(|b| IGNORED.load(Ordering::SeqCst) & b != 0)
}

/// `signal_recv()`: the next signal that arrived while wanted, lowest
/// number first; parks the calling goroutine (wait reason `signal
/// wait`) until one has.
///
/// # Safety
/// Called on the system stack by compiled code, by one goroutine only
/// (os/signal's loop).
#[no_mangle]
pub unsafe extern "C" fn rgo_signal_recv() -> u32 {
    DELIVERING.store(false, Ordering::SeqCst);
    loop {
        let p = PENDING.load(Ordering::SeqCst);
        if p != 0 {
            let b = p & p.wrapping_neg();
            PENDING.fetch_and(!b, Ordering::SeqCst);
            // Delivered even when no longer wanted, as gc's signal_recv
            // does: it arrived while wanted, and a channel `Stop` is
            // removing still gets it (os/signal's `stopping` list); else a
            // SIGINT sent just before `Stop` would neither reach the
            // channel nor end the process (TestAtomicStop).
            DELIVERING.store(true, Ordering::SeqCst);
            return b.trailing_zeros() + 1;
        }
        // A signal that comes after the load above is seen by the
        // scheduler's `poll` once this goroutine has parked (one thread
        // runs Go code: nothing readies it before).
        RECEIVER.store(current_g(), Ordering::SeqCst);
        // SAFETY: `poll` readies the receiver.
        unsafe { sched::park("signal wait") };
    }
}

/// Whether every signal that arrived has been delivered (os/signal's
/// `signalWaitUntilIdle`, which `Stop` and `Reset` wait for). A signal
/// that arrived while wanted counts even when `Stop` has just made it
/// unwanted: the channel being stopped still gets it (TestAtomicStop).
#[no_mangle]
pub extern "C" fn rgo_signal_idle() -> bool {
    PENDING.load(Ordering::SeqCst) == 0 && !DELIVERING.load(Ordering::SeqCst)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signal_bits_and_the_runtimes_own() {
        assert_eq!(bit(1), Some(1));
        assert_eq!(bit(64), Some(1 << 63));
        assert_eq!(bit(0), None);
        assert_eq!(bit(65), None);
        for sig in [2, 1, 10, 12, 15, 17, 28] {
            assert!(!runtime_owned(sig), "{sig}");
        }
        for sig in [4, 5, 7, 8, 9, 11, 19, 27] {
            assert!(runtime_owned(sig), "{sig}");
        }
    }
}
