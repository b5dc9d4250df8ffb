//! Faults (SIGSEGV, SIGBUS) become Go's reports: a load or store through a
//! nil pointer (an address in the first page) is the runtime error
//! "invalid memory address or nil pointer dereference", running off the
//! end of the stack is a stack overflow, anything else is an unexpected
//! fault; each ends the program with status 2 after Go's `[signal ...]`
//! line (see [`crate::panic::fault`]).
//!
//! Compiled code checks for nil explicitly where it can; the handler
//! covers the rest and reports faults in the runtime too. The handler runs
//! on an alternate stack so a stack overflow can still be reported.

use crate::platform;

/// Bytes of the alternate signal stack.
const ALT_STACK: usize = 64 << 10;

/// Installs the fault handlers. Called once at startup; a failure leaves
/// the default action (the process dies of the signal).
pub fn install() {
    let Some(stack) = platform::mmap(ALT_STACK) else { return };
    // SAFETY: the mapping is fresh and is never used for anything else;
    // the handler only reads the fault's details and ends the process.
    unsafe {
        if platform::set_signal_stack(stack, ALT_STACK) {
            platform::set_fault_handler(platform::SIGSEGV, on_fault);
            platform::set_fault_handler(platform::SIGBUS, on_fault);
        }
    }
}

/// The handler: reads the fault code, address and pc, and reports.
///
/// # Safety
/// Only the kernel calls this, with a `siginfo_t` and a `ucontext_t`.
unsafe extern "C" fn on_fault(sig: i32, info: *const u8, ctx: *const u8) {
    // SAFETY: the kernel passes a siginfo (code at 8, address at 16 for
    // SIGSEGV and SIGBUS) and the interrupted context.
    let (code, addr, pc) = unsafe {
        (
            (info.add(platform::SIGINFO_CODE) as *const i32).read(),
            (info.add(platform::SIGINFO_ADDR) as *const usize).read(),
            (ctx.add(platform::UCONTEXT_RIP) as *const usize).read(),
        )
    };
    crate::panic::fault(sig, code, addr, pc)
}
