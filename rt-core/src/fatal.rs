//! The ground floor of dying: Go's fatal errors (`throw`: `fatal error:
//! msg` and exit status 2), the report of a panic in the runtime's own Rust
//! code, the `[signal ...]` line, and the state machine that keeps a dying
//! program from running Go code once it started printing.
//!
//! It needs only the OS layer and the print buffer, so everything else (the
//! allocator, the stacks) can stop the program without depending on how
//! panics are printed ([`crate::panic`], which builds on this).

use crate::os;
use crate::print::{fmt_hex, fmt_uint, PrintBuf, Sink, OUT};
use core::sync::atomic::{AtomicPtr, AtomicU8, Ordering};

/// Where the program is in dying.
pub(crate) static STATE: AtomicU8 = AtomicU8::new(RUNNING);
pub(crate) const RUNNING: u8 = 0;
/// Calling the panic values' `Error` or `String` methods (Go code), which
/// may panic and recover on their own; a panic escaping them is fatal.
pub(crate) const CONVERTING: u8 = 1;
/// Printing the message; no more Go code runs.
pub(crate) const PRINTING: u8 = 2;


/// Exit status of a program that died of a panic or a fatal error.
pub const EXIT_PANIC: i32 = 2;

/// A buffer of its own for a dying message, so it does not depend on the
/// print lock (which a crash may have left held). Pending output of an
/// interrupted print statement goes out first when the lock is free.
pub(crate) fn dying_out() -> PrintBuf {
    if let Some(mut o) = OUT.try_lock() {
        o.flush();
    }
    PrintBuf::new()
}

/// What a dying program prints after its message, as [`set_last_words`]
/// installed it (null: nothing).
static LAST_WORDS: AtomicPtr<()> = AtomicPtr::new(core::ptr::null_mut());

/// Installs what [`finish`] prints after a dying message: the goroutines
/// `GOTRACEBACK` asks for, which only the scheduler's floor knows
/// (`traceback::print_dying`, installed when the scheduler starts), so this
/// floor does not reach up to them.
///
/// # Safety
/// `f` must be safe to call from [`finish`]: with the running goroutine
/// standing in a runtime call and no other running.
pub unsafe fn set_last_words(f: unsafe fn(&mut PrintBuf)) {
    LAST_WORDS.store(f as *mut (), Ordering::Release);
}

/// Ends a dying message with what [`set_last_words`] installed and exits
/// with status 2.
pub(crate) fn finish(mut o: PrintBuf) -> ! {
    let f = LAST_WORDS.load(Ordering::Acquire);
    if !f.is_null() {
        // SAFETY: `set_last_words` stored a function of this type, and
        // promised it may be called now: the running goroutine stands in
        // this runtime call.
        unsafe { core::mem::transmute::<*mut (), unsafe fn(&mut PrintBuf)>(f)(&mut o) };
    }
    o.flush();
    os::exit(EXIT_PANIC)
}

/// Marks the program as printing its last words; false when it already
/// was (a fault or panic while printing: the caller exits quietly).
pub(crate) fn start_printing() -> bool {
    STATE.swap(PRINTING, Ordering::SeqCst) != PRINTING
}

/// Go's `throw`: `fatal error: msg`, then exit status 2.
pub fn fatal(msg: &str) -> ! {
    fatal_with(msg, |_| {})
}

/// `throw(msg)` from library Go code (package sync's `fatal`, ...):
/// `fatal error: msg`, the goroutine trailer, exit status 2.
///
/// # Safety
/// `p` must point at `n` readable bytes (a Go string); called by compiled
/// code.
#[no_mangle]
pub unsafe extern "C" fn rgo_throw(p: *const u8, n: usize) -> ! {
    // SAFETY: as the caller promises.
    let msg = unsafe { crate::GoString { ptr: p, len: n }.as_bytes() };
    STATE.store(PRINTING, Ordering::SeqCst);
    let mut o = dying_out();
    o.put(b"fatal error: ");
    o.put(msg);
    o.put(b"\n");
    finish(o)
}

/// [`fatal`] with lines `before` it (`runtime: ...` explanations).
pub fn fatal_with(msg: &str, before: impl FnOnce(&mut PrintBuf)) -> ! {
    STATE.store(PRINTING, Ordering::SeqCst);
    let mut o = dying_out();
    before(&mut o);
    o.put(b"fatal error: ");
    o.put(msg.as_bytes());
    o.put(b"\n");
    finish(o)
}

/// A panic in the runtime's own Rust code (the `rgo-rt` panic handler):
/// a runtime bug, reported as a fatal error with the message when it is a
/// plain string and the source location.
pub fn rust_panic(msg: Option<&str>, location: Option<(&str, u32)>) -> ! {
    STATE.store(PRINTING, Ordering::SeqCst);
    let mut o = dying_out();
    o.put(b"fatal error: rt-core panicked: ");
    o.put(msg.unwrap_or("(formatted message not shown)").as_bytes());
    if let Some((file, line)) = location {
        o.put(b" at ");
        o.put(file.as_bytes());
        o.put(b":");
        fmt_uint(&mut o, line as u64);
    }
    o.put(b"\n");
    finish(o)
}

/// A new panic begins: a program already printing its death does not run
/// deferred calls any more (a fault in the printing code), it exits.
pub(crate) fn starting_panic() {
    if STATE.load(Ordering::SeqCst) == PRINTING {
        os::exit(EXIT_PANIC);
    }
}

/// Go's `[signal SIGSEGV: segmentation violation code=0x1 addr=0x0
/// pc=0x...]` line for a fault.
pub fn write_signal_line<S: Sink + ?Sized>(o: &mut S, sig: i32, code: i32, addr: usize, pc: usize) {
    o.put(b"[signal ");
    match sig {
        os::SIGSEGV => o.put(b"SIGSEGV: segmentation violation"),
        os::SIGBUS => o.put(b"SIGBUS: bus error"),
        _ => fmt_hex(o, sig as u64),
    }
    o.put(b" code=");
    fmt_hex(o, code as u32 as u64);
    o.put(b" addr=");
    fmt_hex(o, addr as u64);
    o.put(b" pc=");
    fmt_hex(o, pc as u64);
    o.put(b"]\n");
}
