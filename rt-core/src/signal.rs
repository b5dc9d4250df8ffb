//! Signals: faults and traps, handled as Go 1.19 handles them
//! (`runtime/signal_unix.go`, `runtime/signal_<arch>.go`).
//!
//! - SIGSEGV/SIGBUS at an address in the first page, in Go code (the
//!   interrupted stack pointer is in the goroutine's current segment and
//!   the goroutine register holds the goroutine): a nil dereference. The
//!   handler records the signal in the goroutine and rewrites the
//!   interrupted context so that the faulting instruction seems to have
//!   called `rgo_sigpanic` (`rt-arch/asm/runtime/<arch>.S`) with the
//!   goroutine register set ([`arch::inject_call`]: the faulting pc
//!   becomes the return address, pushed on the stack or put in the link
//!   register as the architecture's calls do). When the
//!   handler returns, `rgo_sigpanic` switches to the system stack and
//!   panics with Go's `runtime error: invalid memory address or nil
//!   pointer dereference`, so deferred calls run and `recover` works; an
//!   unrecovered one prints the `[signal SIGSEGV: ...]` line.
//! - The same fault in the runtime (any other stack): Go's fatal error
//!   "unexpected signal during runtime execution".
//! - Any other address: "unexpected fault address" and the fatal error
//!   "fault", or "stack overflow" when the address is in the guard page
//!   below the goroutine's segment (compiled prologues check their frames,
//!   so that needs a frame that skipped its check) or just below the
//!   system stack (a runtime routine that recursed too deep).
//! - SIGTRAP (`runtime.Breakpoint`, `rgo_breakpoint`): Go's
//!   `SIGTRAP: trace trap` report, exit status 2.
//!
//! Handlers run on an alternate stack so a stack overflow can still be
//! reported.

use crate::fatal::{dying_out, finish, start_printing, write_signal_line, EXIT_PANIC};
use crate::{arch, os};
use crate::print::{fmt_hex, fmt_int, PrintBuf, Sink};
use crate::g::current_g;
use crate::process::STACK_OVERFLOW_BAND;

extern "C" {
    /// Entered as if called by a faulting instruction
    /// (`rt-arch/asm/runtime/<arch>.S`).
    fn rgo_sigpanic();
}

/// Installs the signal handlers. Called once at startup; a failure leaves
/// the default action (the process dies of the signal).
pub fn install() {
    // SAFETY: the handlers only read the signal's details and either end
    // the process or resume Go code at rgo_sigpanic on its own stack.
    unsafe {
        if os::prepare_signal_stack() {
            os::set_fault_handler(os::SIGSEGV, on_fault);
            os::set_fault_handler(os::SIGBUS, on_fault);
            os::set_fault_handler(os::SIGTRAP, on_trap);
        }
    }
    os::catch_sigpipe();
}

/// Whether a fault is a nil dereference in Go's sense (`sigpanic`'s test).
pub fn is_nil_fault(sig: i32, code: i32, addr: usize) -> bool {
    addr < 0x1000
        && match sig {
            os::SIGSEGV => code == 0 || code == os::SEGV_MAPERR || code == os::SEGV_ACCERR,
            os::SIGBUS => code == os::BUS_ADRERR,
            _ => false,
        }
}

/// The fault handler.
///
/// # Safety
/// Only the kernel calls this, with a `siginfo_t` and a `ucontext_t`.
unsafe extern "C" fn on_fault(sig: i32, info: *const u8, ctx: *mut u8) {
    // SAFETY: the kernel passes a siginfo (code at 8, address at 16 for
    // SIGSEGV and SIGBUS) and the interrupted context.
    unsafe {
        let code = (info.add(os::SIGINFO_CODE) as *const i32).read();
        let addr = (info.add(os::SIGINFO_ADDR) as *const usize).read();
        handle_fault(sig, code, addr, ctx)
    }
}

/// A fault `sig` (`code`, at `addr`) that interrupted the context `ctx`:
/// a nil dereference in Go code resumes at `rgo_sigpanic` (the context is
/// rewritten and the caller returns into it), and so does any fault in the
/// Go code of a goroutine that asked for it (`debug.SetPanicOnFault`);
/// anything else is fatal. A
/// board's exception handler calls this too, with a context laid out as
/// Linux's `ucontext_t` for the fields [`arch`] names.
///
/// # Safety
/// `ctx` must be such a context of the running thread's interrupted code,
/// resumed from its (possibly rewritten) contents when this returns.
pub unsafe fn handle_fault(sig: i32, code: i32, addr: usize, ctx: *mut u8) {
    // SAFETY: as the caller promises.
    let (pc, sp, greg) = unsafe {
        (
            arch::context_word(ctx, arch::UCONTEXT_PC),
            arch::context_word(ctx, arch::UCONTEXT_SP),
            arch::context_word(ctx, arch::UCONTEXT_G),
        )
    };
    // With several processors the runtime's running goroutine is the
    // lock holder's: a fault in Go code is the goroutine in the goroutine
    // register's.
    let g = if crate::threads::parallel() && crate::collector::is_go_code(pc) { greg as *mut crate::g::G } else { current_g() };
    // SAFETY: read only; the goroutine's fields are plain words.
    let (lo, hi, sys_lo, sys_hi) = unsafe { ((*g).stack_lo, (*g).stack_hi, (*g).sys_lo, (*g).sys_hi) };

    if crate::stack::in_guard_page(lo, addr) {
        fatal_fault("stack overflow", sig, code, addr, pc, |o| {
            o.put(b"runtime: fault in the guard page below goroutine stack segment [");
            fmt_hex(o, lo as u64);
            o.put(b", ");
            fmt_hex(o, hi as u64);
            o.put(b"): a frame skipped its stack check\n");
        });
    }

    let in_go = lo != 0 && greg == g as usize && sp > lo && sp <= hi;
    let nil = is_nil_fault(sig, code, addr);
    // SAFETY: read only, a plain flag of the running goroutine.
    let panics = nil || (in_go && unsafe { (*g).panic_on_fault });
    if panics {
        if in_go {
            // SAFETY: the goroutine is this thread's and the interrupted
            // stack pointer is inside its current segment (checked); the
            // context resumes at rgo_sigpanic with a valid goroutine stack
            // (`inject_call` refuses a push that would leave the segment).
            // A call through a nil func value faults at pc 0 with its
            // return address already saved: Go adds no frame then, and
            // neither does rgo.
            let injected = unsafe {
                (*g).sig = sig;
                (*g).sigcode0 = code;
                (*g).sigcode1 = addr;
                (*g).sigpc = pc;
                // For the collector's stack walk, as a runtime call would
                // leave it: a code address inside the faulting function
                // (its return address for a call through nil; the walk
                // looks up `go_pc - 1`).
                // A nil func value the runtime calls (a nil deferred call)
                // faults in rt-arch's call routine or returns into it: no
                // Go frame then. A faulting instruction is no call: its
                // `go_pc` carries `FAULT_TAG`, so that the frame is scanned
                // by its fault bitmap rather than a call's.
                let (at, tag) = if pc != 0 { (pc + 1, crate::collector::FAULT_TAG) } else { (arch::fault_return_address(ctx), 0) };
                (*g).go_pc = if crate::collector::is_go_code(at.wrapping_sub(1)) { at | tag } else { 0 };
                let frameless = crate::collector::lookup(pc).is_some_and(|f| f.frameless());
                arch::inject_call(ctx, rgo_sigpanic as *const () as usize, g as usize, lo, frameless)
            };
            if injected {
                return;
            }
        }
        if nil {
            fatal_fault("unexpected signal during runtime execution", sig, code, addr, pc, |_| {});
        }
    }

    // The kernel leaves a guard gap below the main thread's stack, and
    // `sys_lo` is an estimate, so take a generous band around it.
    let system_overflow = sys_lo != 0 && addr < sys_hi && addr >= sys_lo.saturating_sub(STACK_OVERFLOW_BAND);
    if system_overflow && !in_go {
        fatal_fault("stack overflow", sig, code, addr, pc, |o| {
            o.put(b"runtime: the system stack (the main thread's, RLIMIT_STACK) overflowed in the runtime\n");
        });
    }
    if in_go && crate::collector::is_go_code(pc) {
        // The traceback starts at the faulting instruction, as gc's does
        // from the signal's context (the goroutine's `go_pc` and `go_sp`
        // are still its last runtime call's): its frame as the collector
        // would see it there.
        // SAFETY: the running goroutine, which dies here.
        unsafe {
            (*g).go_sp = sp;
            (*g).go_pc = (pc + 1) | crate::collector::FAULT_TAG;
        }
    }
    fatal_fault("fault", sig, code, addr, pc, |o| {
        o.put(b"unexpected fault address ");
        fmt_hex(o, addr as u64);
        o.put(b"\n");
    })
}

/// A fatal fault: the lines `before`, `fatal error: msg`, the `[signal
/// ...]` line, and exit status 2. A fault while already printing exits
/// quietly.
fn fatal_fault(msg: &str, sig: i32, code: i32, addr: usize, pc: usize, before: impl FnOnce(&mut PrintBuf)) -> ! {
    if !start_printing() {
        os::exit(EXIT_PANIC);
    }
    let mut o = dying_out();
    before(&mut o);
    o.put(b"fatal error: ");
    o.put(msg.as_bytes());
    o.put(b"\n");
    write_signal_line(&mut o, sig, code, addr, pc);
    finish(o)
}

/// Where `rgo_sigpanic` lands, on the system stack: the recorded fault was
/// a nil dereference in Go code.
///
/// # Safety
/// Only `rgo_sigpanic` calls this, for the running goroutine.
#[no_mangle]
pub unsafe extern "C" fn rgo_sigpanic_rs() -> ! {
    // SAFETY: on the system stack of the running goroutine, which faulted
    // in Go code; `rgo_sigpanic` saved the stack pointer as it was after
    // the injected call, which pushed `arch::CALL_PUSH` bytes: `go_sp` is
    // the faulting frame's own then, as after a runtime call.
    unsafe {
        let g = current_g();
        (*g).go_sp += arch::CALL_PUSH;
        // Below the first page: a nil dereference. Above it the goroutine
        // asked for a panic on faults (crate::signal's `handle_fault`
        // injected this call only then): gc's error with the address.
        if (*g).sigcode1 < 0x1000 {
            crate::rterror::panic_memory()
        }
        crate::rterror::panic_fault_address((*g).sigcode1)
    }
}

/// `debug.SetPanicOnFault(enabled)`: whether a fault at a non-nil address
/// in the running goroutine panics; the previous setting.
#[no_mangle]
pub extern "C" fn rgo_set_panic_on_fault(enabled: bool) -> bool {
    let g = current_g();
    // SAFETY: the running goroutine's own flag.
    unsafe { core::mem::replace(&mut (*g).panic_on_fault, enabled) }
}

/// The SIGTRAP handler: Go's report for a trap it did not set
/// (`runtime.Breakpoint`): `SIGTRAP: trace trap`, the pc and signal code,
/// and exit status 2.
///
/// # Safety
/// Only the kernel calls this, with a `siginfo_t` and a `ucontext_t`.
unsafe extern "C" fn on_trap(_sig: i32, info: *const u8, ctx: *mut u8) {
    // SAFETY: the kernel passes a siginfo and the interrupted context.
    let (code, pc) =
        unsafe { ((info.add(os::SIGINFO_CODE) as *const i32).read(), arch::context_word(ctx, arch::UCONTEXT_PC)) };
    if !start_printing() {
        os::exit(EXIT_PANIC);
    }
    let mut o = dying_out();
    o.put(b"SIGTRAP: trace trap\nPC=");
    fmt_hex(&mut o, pc as u64);
    o.put(b" m=0 sigcode=");
    fmt_int(&mut o, code as i64);
    o.put(b"\n");
    finish(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nil_faults_are_go_s() {
        assert!(is_nil_fault(os::SIGSEGV, os::SEGV_MAPERR, 0));
        assert!(is_nil_fault(os::SIGSEGV, os::SEGV_ACCERR, 0xfff));
        assert!(is_nil_fault(os::SIGSEGV, 0, 8));
        assert!(!is_nil_fault(os::SIGSEGV, os::SEGV_MAPERR, 0x1000));
        assert!(!is_nil_fault(os::SIGSEGV, 128, 0));
        assert!(is_nil_fault(os::SIGBUS, os::BUS_ADRERR, 0));
        assert!(!is_nil_fault(os::SIGBUS, 1, 0));
        assert!(!is_nil_fault(os::SIGTRAP, 0, 0));
    }
}
