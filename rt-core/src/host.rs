//! A Rust program hosting Go code built by `rgo build --lib` (feature
//! `host`; the safe API is the `rgo-host` crate, docs/host.md).
//!
//! The library carries the package's code, its descriptors, its entry
//! `rgo.libinit` (the collector's tables, the static itabs and type links,
//! package initialization) and the table `go.libexports` ([`LibExports`]);
//! the runtime is this crate, linked into the host as a Rust crate.
//!
//! The host runs the runtime on a system stack of its own (the `rgo-host`
//! crate switches to it for every entry), so that the scheduler's
//! [`crate::sched::init`] top is the same at every entry whatever the
//! depth of the host's frames: goroutines share that stack as in a Go
//! program. The main goroutine makes every call:
//!
//! ```text
//!   host thread stack      runtime system stack              main goroutine stack
//!   | Runtime::call  | --> | call(): rgo_gocall         | --> | internal/rgohost.call   |
//!   | (request)      |     | rgo_host_run (C ABI)       | <-- |   defer recover; run()  |
//!                          | reflectcall_on_goroutine   | --> | the exported function   |
//! ```
//!
//! `internal/rgohost.call` (Go, built into every library) recovers a panic
//! that reaches it and writes its text into the host's [`Request`]; the
//! abandoned runtime frames below it own nothing (a recovery resumes the
//! deferring frame, as for every runtime frame, `crate::defer`). Goroutines
//! the Go code starts run whenever the main goroutine blocks or yields:
//! during later calls, or [`gosched`].

use crate::g::current_g;
use crate::GoString;
use alloc::string::String;
use core::sync::atomic::{AtomicPtr, Ordering};
use reflect::types::Type;
use rt_arch::rgo_call_frame;

/// One exported function in [`LibExports`]: the toolchain's record
/// (`toolchain/src/check/emit.rs`, `LIBEXPORTS`).
#[repr(C)]
#[derive(Debug)]
pub struct Export {
    name: GoString,
    /// The descriptor of its signature.
    pub typ: *const Type,
    /// Its static closure: a func value of type `typ`.
    pub closure: *const (),
}

impl Export {
    /// The function's name (a Go identifier).
    pub fn name(&self) -> &str {
        // SAFETY: the toolchain emits the identifier's bytes, read-only,
        // for the life of the program; identifiers are UTF-8.
        unsafe { core::str::from_utf8_unchecked(self.name.as_bytes()) }
    }
}

/// `go.libexports`: the host boundary's func values (each taking one word),
/// then the exported functions sorted by name.
#[repr(C)]
#[derive(Debug)]
pub struct LibExports {
    call: *const (),
    gosched: *const (),
    pin: *const (),
    unpin: *const (),
    count: usize,
    funcs: [Export; 0],
}

impl LibExports {
    /// The exported functions, sorted by name.
    pub fn funcs(&self) -> &[Export] {
        // SAFETY: `count` records follow the header (the toolchain's layout).
        unsafe { core::slice::from_raw_parts(self.funcs.as_ptr(), self.count) }
    }

    /// The exported function `name`.
    pub fn lookup(&self, name: &str) -> Option<&Export> {
        let fs = self.funcs();
        fs.binary_search_by(|e| e.name().cmp(name)).ok().map(|i| &fs[i])
    }
}

/// The Go boundary's view of a call (`request` in internal/rgohost).
#[repr(C)]
struct Request {
    frame: *const rgo_call_frame,
    /// The call returned (else a panic ended it, whose text `text` holds).
    returned: u8,
    text: GoString,
}

/// The func value of `rgo.libinit` (one word: the code address).
static LIBINIT_FN: AtomicPtr<()> = AtomicPtr::new(core::ptr::null_mut());

/// Readies the calling thread to run the runtime: an alternate stack of its
/// own for the signal handlers (a fault in Go code is handled there; the
/// kernel keeps one per thread). The thread that starts the runtime has
/// one; every other thread that calls Go needs this first.
pub fn prepare_thread() -> bool {
    crate::os::prepare_signal_stack()
}

/// Starts the runtime and initializes the library: the main goroutine and
/// its first stack segment, the signal handlers (Go's nil dereferences
/// become panics; they replace the host's handlers for SIGSEGV, SIGBUS and
/// SIGTRAP), the scheduler, then `libinit` on the main goroutine.
///
/// # Safety
/// Once per process, on the stack `[sys_lo, sys_hi)` that every later entry
/// into the runtime ([`call`], [`gosched`], [`pin`], [`unpin`]) runs on,
/// all from this thread; `libinit` must be the library's `rgo.libinit`.
/// `argv` and `envp` are as for [`crate::process::set_args`].
pub unsafe fn start(sys_lo: usize, sys_hi: usize, libinit: *const (), argc: usize, argv: *const *const u8, envp: *const *const u8) {
    crate::process::set_args(argc, argv, envp);
    let g = current_g();
    // SAFETY: nothing else runs yet; `g` is the static main goroutine.
    unsafe {
        (*g).sys_hi = sys_hi;
        (*g).sys_lo = sys_lo;
        crate::stack::init_goroutine(g);
    }
    crate::signal::install();
    crate::sigqueue::init();
    crate::sched::init(sys_hi);
    LIBINIT_FN.store(libinit as *mut (), Ordering::Relaxed);
    // SAFETY: `rgo.libinit` is a `func()` (no arguments, no results, no
    // closure context); its func value is the word holding its address.
    unsafe { call_word(LIBINIT_FN.as_ptr() as *const (), 0) };
}

/// Calls the func value `f` (one word-sized parameter, `word`) on the main
/// goroutine, at the top of its stack whatever the last call left in
/// `go_sp`.
///
/// # Safety
/// As for [`crate::gocall::call_word`], with the runtime started.
unsafe fn call_word(f: *const (), word: usize) {
    let g = current_g();
    // SAFETY: the host enters only when the main goroutine runs (M:1: when
    // its last entry returned, it was running again); the runtime is on
    // its system stack.
    unsafe {
        let go_sp = (*g).go_sp;
        crate::gocall::call_word(g, f, word);
        (*g).go_sp = go_sp;
    }
}

/// Makes the call `frame` describes (a call of one of `lib`'s exported
/// functions, or of a func value one returned) on the main goroutine,
/// behind the Go boundary: a panic that reaches it comes back as its text.
///
/// # Safety
/// The runtime must be started ([`start`]) and this must run on its system
/// stack; `frame` must describe a call of a live Go func value with its
/// arguments laid out as reflect lays them out.
pub unsafe fn call(lib: &LibExports, frame: &rgo_call_frame) -> Result<(), String> {
    let mut req = Request { frame, returned: 0, text: GoString::EMPTY };
    // SAFETY: the boundary's `call` takes one pointer, to a `request` whose
    // layout `Request` mirrors.
    unsafe { call_word(lib.call, &mut req as *mut Request as usize) };
    if req.returned != 0 {
        return Ok(());
    }
    // SAFETY: the boundary stored a Go string (nothing ran since that
    // could free it: no safepoint between its return and here).
    Err(String::from_utf8_lossy(unsafe { req.text.as_bytes() }).into_owned())
}

/// `runtime.Gosched()` on the main goroutine: every goroutine runnable now
/// runs until it blocks, yields or is preempted.
///
/// # Safety
/// As for [`call`].
pub unsafe fn gosched(lib: &LibExports) {
    // SAFETY: the boundary's `gosched` takes one (unused) word.
    unsafe { call_word(lib.gosched, 0) }
}

/// Makes the Go value at `p` (a func value the host keeps) a root of the
/// collector until as many [`unpin`]s.
///
/// # Safety
/// As for [`call`]; `p` must be a pointer Go code gave the host.
pub unsafe fn pin(lib: &LibExports, p: *const ()) {
    // SAFETY: the boundary's `pin` takes one pointer.
    unsafe { call_word(lib.pin, p as usize) }
}

/// Undoes one [`pin`] of `p`.
///
/// # Safety
/// As for [`pin`].
pub unsafe fn unpin(lib: &LibExports, p: *const ()) {
    // SAFETY: the boundary's `unpin` takes one pointer.
    unsafe { call_word(lib.unpin, p as usize) }
}

/// `run` of internal/rgohost: makes the host's call on the goroutine stack;
/// a panic in it unwinds to the boundary's deferred recover.
///
/// # Safety
/// Called by compiled code on the system stack, with `frame` the pointer
/// [`call`] put in the request.
#[no_mangle]
pub unsafe extern "C" fn rgo_host_run(frame: *const rgo_call_frame) {
    // SAFETY: as [`call`]'s caller promised for the frame.
    unsafe { crate::gocall::reflectcall_on_goroutine(&*frame) }
}
