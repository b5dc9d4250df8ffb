//! The network poller's wait (issue 29's poller, on one thread). rgo's
//! runtime package (toolchain/lib/runtime/netpoll.go) keeps internal/poll's
//! descriptors in an epoll set and runs a system goroutine that, while some
//! goroutine waits for I/O, asks for the set's events; when there are none
//! yet it parks here ([`rgo_netpoll_block`]) until the epoll descriptor is
//! readable. The scheduler looks at the descriptor ([`poll`]) as it fires
//! timers, and with nothing else to run sleeps on it (with os/signal's
//! pipe and until the earliest timer) instead of reporting a deadlock.
//!
//! Floor: scheduling (beside the timers and the signal queue).

use crate::g::{current_g, G};
use crate::os;
use crate::sched;
use core::sync::atomic::{AtomicI32, AtomicPtr, Ordering};

/// The poller goroutine while it waits for events; null otherwise.
static WAITER: AtomicPtr<G> = AtomicPtr::new(core::ptr::null_mut());
/// The epoll descriptor it waits on.
static FD: AtomicI32 = AtomicI32::new(-1);

/// The descriptor to wait on when a goroutine waits for I/O.
pub fn waiting_fd() -> Option<i32> {
    (!WAITER.load(Ordering::Relaxed).is_null()).then(|| FD.load(Ordering::Relaxed))
}

/// Readies the poller goroutine if its descriptor has events. `wait`:
/// first waits for them until `until` (never, when `None`), or until a
/// signal that os/signal waits for arrives (its pipe is drained then).
/// True when the poller was readied.
pub fn poll(wait: bool, until: Option<i64>) -> bool {
    let Some(fd) = waiting_fd() else { return false };
    let ready = if wait && crate::sigqueue::can_arrive() {
        let wake = crate::sigqueue::wake_fd();
        let r = os::poll_fds(&[fd, wake], until);
        if r & 2 != 0 {
            os::drain(wake);
        }
        r & 1 != 0
    } else {
        os::poll_readable(fd, if wait { until } else { Some(0) })
    };
    if !ready {
        return false;
    }
    let g = WAITER.swap(core::ptr::null_mut(), Ordering::SeqCst);
    if !g.is_null() {
        // SAFETY: `g` parked in `rgo_netpoll_block` and nothing else
        // readies it (it was taken out of WAITER).
        unsafe { sched::ready(g) }
    }
    true
}

/// Parks the calling goroutine (the runtime's poller) until epoll
/// descriptor `fd` is readable.
///
/// # Safety
/// Called by compiled code on a goroutine, as any parking entry point.
#[no_mangle]
pub unsafe extern "C" fn rgo_netpoll_block(fd: i32) {
    FD.store(fd, Ordering::SeqCst);
    WAITER.store(current_g(), Ordering::SeqCst);
    // SAFETY: a goroutine parks itself; `poll` readies it.
    unsafe { sched::park("IO wait") };
}
