//! `defer`, `panic` and `recover`, with Go 1.19's semantics
//! (`runtime/panic.go`).
//!
//! - `defer f(args)`: the compiler binds the arguments into a wrapper
//!   closure and calls [`rgo_deferproc`]`(closure, frame, landing)`, which
//!   pushes a [`Defer`] record on the goroutine's list (records come from a
//!   free list, so a `defer` in a loop allocates only until the pool is
//!   warm).
//! - Every return path of such a function loops: [`rgo_deferpop`]`(frame)`
//!   pops the frame's newest record and gives its func value, which the
//!   function calls, each to completion, until none is left (seeds
//!   001/004: no `jmpdefer`). The deferred calls are Go code called by Go
//!   code, not by the runtime: with several processors neither the push
//!   nor the pop takes the runtime lock (`*_nolock`), and no deferred call
//!   runs under it.
//! - `panic(v)` ([`gopanic`]) runs the pending records newest first, each
//!   marked started and owned by the panic, with the panic's argument
//!   pointer set to the deferred call's. A deferred call that panics again
//!   aborts the earlier panic (its started record is dropped when the new
//!   panic reaches it). When a deferred call returns and its panic was
//!   recovered, the panic (and the aborted panics it superseded) is
//!   dropped, and the frame that deferred the call resumes at its landing
//!   pad: its stack segment, `g.sys_sp` as it was at the `defer`, the
//!   frame pointer = the frame. With no records left the panics are printed (oldest first)
//!   and the program exits with status 2.
//! - `recover()` ([`rgo_gorecover`]) returns the active panic's value
//!   exactly when its caller is the deferred call the panic is running:
//!   the caller passes its argument pointer, which must equal the panic's.
//!
//! Every entry point here is called on the system stack (the lockless
//! variants on the thread's scheduler stack); the deferred calls a panic
//! runs, on the goroutine stack ([`crate::gocall`]).

use crate::fatal::fatal;
use crate::g::{current_g, Defer, Panic, G};
use crate::gocall::call_closure;
use crate::stack;
use crate::Eface;
use core::ptr;

// The assembly reads only the header of `G` (`rgo_abi.h`); the Rust fields
// after it (a `Vec` among them) never cross into it.
#[allow(improper_ctypes)]
extern "C" {
    /// Resumes Go code at `pc` with the goroutine register = `g`, the frame
    /// pointer and the stack pointer = `frame` (the landing pad recomputes
    /// the stack pointer from the frame pointer); see
    /// `rt-arch/asm/runtime/<arch>.S`.
    fn rgo_resume(g: *mut G, frame: usize, pc: usize) -> !;
}

/// `defer`: records the Go func value `fn_` (`func()`) for the function
/// whose frame pointer is `frame`; `landing` is where that function resumes
/// if a deferred call recovers a panic.
///
/// # Safety
/// `fn_` must be a Go func value of type `func()`, `frame` the frame
/// pointer of the calling Go function, `landing` its landing pad; called
/// on the system stack by compiled code of the running goroutine.
#[no_mangle]
pub unsafe extern "C" fn rgo_deferproc(fn_: *const (), frame: usize, landing: usize) {
    // SAFETY: as the caller promises.
    unsafe { push(current_g(), fn_, frame, landing) }
}

/// [`rgo_deferproc`] without the runtime lock, with several processors:
/// the list and the pool are the goroutine's own, and the record, when the
/// pool is empty, comes from the runtime's Rust allocator (locked apart).
/// Never declines (returns 1).
///
/// # Safety
/// Called by rt-arch's `rgo_rt_try` only, with the running thread's record;
/// otherwise as for [`rgo_deferproc`].
#[no_mangle]
pub unsafe extern "C" fn rgo_deferproc_nolock(thread: *const crate::g::ThreadHead, fn_: *const (), frame: usize, landing: usize) -> usize {
    // SAFETY: as the caller promises: the thread runs this goroutine.
    unsafe { push(crate::threads::running_on(thread), fn_, frame, landing) };
    1
}

/// Pushes a record of `fn_` for the frame `frame` on `g`'s list.
///
/// # Safety
/// `g` must be the running goroutine, the other arguments as for
/// [`rgo_deferproc`].
unsafe fn push(g: *mut G, fn_: *const (), frame: usize, landing: usize) {
    // SAFETY: the running goroutine, owned by this thread.
    unsafe {
        let d = (*g).defer_pool.get();
        d.write(Defer {
            fn_,
            frame,
            landing,
            sys_sp: (*g).sys_sp,
            segment: (*g).segment,
            link: (*g).defer,
            panic: ptr::null_mut(),
            started: false,
            runs: (*g).runs.len(),
        });
        (*g).defer = d;
    }
}

/// Pops the most recent deferred call of the frame `frame` and returns its
/// func value for the frame to call (nil for `defer f()` of a nil `f`: the
/// call panics), or 1 when the frame has none left
/// (the toolchain's `runtime_abi::DEFER_POP`: compiled code's loop before
/// each return of a function with `defer`).
///
/// # Safety
/// Called on the system stack by compiled code of the running goroutine,
/// with `frame` its own frame pointer.
#[no_mangle]
pub unsafe extern "C" fn rgo_deferpop(frame: usize) -> usize {
    // SAFETY: as the caller promises.
    unsafe { pop(current_g(), frame) }
}

/// [`rgo_deferpop`] without the runtime lock, with several processors (as
/// [`rgo_deferproc_nolock`]). It declines (0) only for a deferred nil func
/// value, which it leaves on the list: the locked call pops it and returns
/// it, and the frame's call of nil panics as Go's does.
///
/// # Safety
/// Called by rt-arch's `rgo_rt_try` only, with the running thread's record;
/// otherwise as for [`rgo_deferpop`].
#[no_mangle]
pub unsafe extern "C" fn rgo_deferpop_nolock(thread: *const crate::g::ThreadHead, frame: usize) -> usize {
    // SAFETY: as the caller promises: the thread runs this goroutine; its
    // records are valid.
    unsafe {
        let g = crate::threads::running_on(thread);
        let d = (*g).defer;
        if !d.is_null() && (*d).frame == frame && (*d).fn_.is_null() {
            return 0;
        }
        pop(g, frame)
    }
}

/// [`rgo_deferpop`]'s answer when the frame has no deferred call left.
const POP_DONE: usize = 1;

/// Pops `g`'s most recent record if it is the frame `frame`'s: its func
/// value, else [`POP_DONE`].
///
/// # Safety
/// `g` must be the running goroutine.
unsafe fn pop(g: *mut G, frame: usize) -> usize {
    // SAFETY: the running goroutine; records on its list are valid.
    unsafe {
        let d = (*g).defer;
        if d.is_null() || (*d).frame != frame {
            return POP_DONE;
        }
        let f = (*d).fn_;
        (*g).defer = (*d).link;
        (*g).defer_pool.put(d);
        f as usize
    }
}

/// Runs and pops every deferred call of the frame `frame`, newest first,
/// from the runtime: compiled code calls them itself ([`rgo_deferpop`]);
/// this is the same loop for code that calls the runtime's entry points by
/// hand (rt-core's assembly test programs).
///
/// # Safety
/// Called on the system stack by compiled code of the running goroutine,
/// with `frame` its own frame pointer.
#[no_mangle]
pub unsafe extern "C" fn rgo_deferreturn(frame: usize) {
    let g = current_g();
    // SAFETY: the running goroutine; a popped func value is a `func()`.
    unsafe {
        loop {
            let f = pop(g, frame);
            if f == POP_DONE {
                return;
            }
            call_closure(g, f as *const (), |_| {});
        }
    }
}

/// `recover()`: the active panic's value when called directly by the
/// deferred call that panic is running (`argp`, the caller's incoming
/// argument pointer, equals the panic's), marking it recovered; `(nil,
/// nil)` otherwise. A `panic(nil)` is recovered too, and gives nil.
///
/// # Safety
/// Called on the system stack by compiled code of the running goroutine.
#[no_mangle]
pub unsafe extern "C" fn rgo_gorecover(argp: usize) -> Eface {
    let g = current_g();
    // SAFETY: the running goroutine; its panics are valid.
    unsafe {
        let p = (*g).panic;
        if !p.is_null() && !(*p).recovered && argp == (*p).argp {
            (*p).recovered = true;
            return (*p).arg;
        }
    }
    Eface::NIL
}

/// Called by the compiler's defer wrappers before they call the deferred
/// function: when the active panic is running the wrapper (argument pointer
/// `wrapper_argp`), the wrapped function counts as the deferred call
/// (`callee_argp`), so `recover` works there.
///
/// # Safety
/// Called on the system stack by compiled code of the running goroutine.
#[no_mangle]
pub unsafe extern "C" fn rgo_defer_wrap_adjust(wrapper_argp: usize, callee_argp: usize) {
    // SAFETY: the running goroutine.
    unsafe { crate::g::pass_deferred_call(current_g(), wrapper_argp, callee_argp) }
}

/// `panic(v)`: runs the deferred calls; resumes at a landing pad if one of
/// them recovers, otherwise prints the panics and exits with status 2.
///
/// # Safety
/// Called on the system stack (directly by compiled code, or by the
/// runtime's own entry points), for the running goroutine; `arg` must be a
/// valid interface value.
pub unsafe fn gopanic(arg: Eface) -> ! {
    crate::fatal::starting_panic();
    let g = current_g();
    // The record lives in this frame, as Go's `_panic` lives in gopanic's:
    // the frame stays on the system stack while the panic is on the list
    // (deferred calls and nested panics run below it), and a recovery that
    // abandons the frame takes the record off the list first.
    // SAFETY: the running goroutine.
    let mut record = Panic::new(arg, unsafe { (*g).panic });
    let p: *mut Panic = &mut record;
    // SAFETY: the running goroutine; records and panics on its lists are
    // valid, and each is touched only here and by the entry points above.
    unsafe {
        (*g).panic = p;
        loop {
            let d = (*g).defer;
            if d.is_null() {
                break;
            }
            if (*d).started {
                // Started by an earlier panic, and we are back here: that
                // call panicked. The earlier panic will not continue.
                if !(*d).panic.is_null() {
                    (*(*d).panic).aborted = true;
                }
                (*d).panic = ptr::null_mut();
                (*g).defer = (*d).link;
                (*g).defer_pool.put(d);
                continue;
            }
            // Keep the record on the list while its call runs, so a
            // panic in the call finds it started.
            (*d).started = true;
            (*d).panic = p;
            call_closure(g, (*d).fn_, |argp| (*p).argp = argp);
            (*p).argp = 0;

            if (*g).defer != d {
                fatal("bad defer entry in panic");
            }
            (*d).panic = ptr::null_mut();
            let (frame, landing, segment, sys_sp, runs) = ((*d).frame, (*d).landing, (*d).segment, (*d).sys_sp, (*d).runs);
            (*g).defer = (*d).link;
            (*g).defer_pool.put(d);

            if (*p).recovered {
                // Drop this panic and the aborted ones it superseded
                // (aborted panics stay on the list until a recovery
                // passes them).
                (*g).panic = (*p).link;
                while !(*g).panic.is_null() && (*(*g).panic).aborted {
                    (*g).panic = (*(*g).panic).link;
                }
                if (*g).panic.is_null() {
                    (*g).sig = 0;
                }
                stack::unwind_to(g, segment);
                (*g).sys_sp = sys_sp;
                // The calls into Go made since the `defer` are abandoned.
                (*g).runs.truncate(runs);
                // Back in Go code outside the runtime: with several
                // processors rgo_resume gives the lock back once off the
                // system stack (rgo_rt_unlock: not while runtime frames
                // stay live). Given back here, another thread's
                // runtime call clobbered this frame on the system stack
                // before rgo_resume read its arguments (Go's
                // test/recover.go jumped to 0 or into data, 4 runs in 100).
                rgo_resume(g, frame, landing);
            }
        }
        crate::panic::fatal_panics(g)
    }
}

/// `panic(v)` from compiled code, with `v` the empty interface `(typ,
/// data)`.
///
/// # Safety
/// `typ` must be null or a type descriptor, and `data` the interface data
/// word of a value of that type; called on the system stack by compiled
/// code of the running goroutine.
#[no_mangle]
pub unsafe extern "C" fn rgo_gopanic(typ: *const reflect::types::Type, data: *const u8) -> ! {
    // SAFETY: as the caller promises.
    unsafe { gopanic(Eface { typ, data }) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::g::{move_argp, DeferPool};
    use alloc::vec::Vec;

    #[test]
    fn the_pool_reuses_records_up_to_its_cap() {
        let mut pool = DeferPool::new();
        let a = pool.get();
        let b = pool.get();
        assert_ne!(a, b);
        // SAFETY: both came from this pool and are not used.
        unsafe {
            pool.put(a);
            pool.put(b);
        }
        assert_eq!(pool.len(), 2);
        // Last in, first out.
        assert_eq!(pool.get(), b);
        assert_eq!(pool.get(), a);
        assert!(pool.is_empty());

        let many: Vec<_> = (0..DeferPool::CAP + 10).map(|_| pool.get()).collect();
        for &d in &many {
            // SAFETY: each came from the pool once.
            unsafe { pool.put(d) };
        }
        assert_eq!(pool.len(), DeferPool::CAP);
        // A defer in a loop of CAP iterations reuses only pooled records.
        let again: Vec<_> = (0..DeferPool::CAP).map(|_| pool.get()).collect();
        assert!(again.iter().all(|d| many.contains(d)));
        for d in again {
            // SAFETY: as above.
            unsafe { pool.put(d) };
        }
    }

    #[test]
    fn deferproc_links_records_and_recover_matches_the_argument_pointer() {
        let g = current_g();
        static F: usize = 0;
        let f = &F as *const usize as *const ();
        // SAFETY: the test thread's goroutine; the records are never run.
        unsafe {
            rgo_deferproc(f, 0x1000, 0x2000);
            rgo_deferproc(f, 0x1000, 0x2000);
            let d = (*g).defer;
            assert_eq!((*d).frame, 0x1000);
            assert_eq!((*d).segment, (*g).segment);
            assert_eq!((*(*d).link).frame, 0x1000);
            // Pop them by hand (running them needs Go code).
            (*g).defer = (*(*d).link).link;
            let second = (*d).link;
            (*g).defer_pool.put(second);
            (*g).defer_pool.put(d);

            // No panic: recover gives nil.
            assert_eq!(rgo_gorecover(0x3000), Eface::NIL);
            let v = Eface { typ: &reflect::types::INT, data: 8 as *const u8 };
            let mut record = Panic::new(v, ptr::null_mut());
            let p: *mut Panic = &mut record;
            (*p).argp = 0x3000;
            (*g).panic = p;
            // Another caller's argument pointer: not recovered.
            assert_eq!(rgo_gorecover(0x3008), Eface::NIL);
            // A wrapper passes its deferred call on to the wrapped function.
            rgo_defer_wrap_adjust(0x3000, 0x2f00);
            assert_eq!((*p).argp, 0x2f00);
            rgo_defer_wrap_adjust(0x3000, 0x2e00);
            assert_eq!((*p).argp, 0x2f00);
            // The argument area moved by morestack.
            move_argp(g, 0x2f00, 0x7f00);
            assert_eq!(rgo_gorecover(0x7f00), v);
            assert!((*p).recovered);
            // Only once.
            assert_eq!(rgo_gorecover(0x7f00), Eface::NIL);
            (*g).panic = ptr::null_mut();
        }
    }
}
