//! Calling Go code built by `rgo build --lib` from Rust (docs/host.md).
//!
//! ```ignore
//! let rt = rgo_host::Runtime::start(rgo_host::library!())?;
//! let add = rt.typed::<(isize, isize), (isize,)>("Add")?;
//! assert_eq!(add.call((2, 3)), (5,));
//! let div = rt.typed::<(isize, isize), (isize,)>("Div")?;
//! assert_eq!(div.try_call((1, 0)).unwrap_err().to_string(), "Go panic: runtime error: integer divide by zero");
//! ```
//!
//! The runtime (rt-core) starts once per process. [`Runtime`] is `Send`
//! and `Sync`: any thread may call, and calls take turns (the runtime has
//! one processor; a call from another thread waits for the one running).
//! It runs on a system stack of its own ([`SYSTEM_STACK`] bytes); each call
//! runs on the main goroutine behind a Go boundary that recovers a panic,
//! which comes back as [`Error::Panic`] with the panic's text. Goroutines
//! the Go code starts run whenever Go code blocks or yields: during later
//! calls, or [`Runtime::gosched`].
//!
//! Values Go returns that point into its heap (strings, slices, pointers in
//! structs) are valid until the next call into Go from any thread, which
//! may collect: copy what you keep ([`go_string`]). A thread that reads them
//! while other threads call holds the runtime's turn ([`Runtime::hold`])
//! from the call until the copy. Func values Go returns are kept alive by
//! [`Runtime::func_value`] (pinned until the [`GoFunc`] is dropped).

use reflect::types::{Kind, TypeRef};
use rt_core::host::LibExports;
use std::cell::Cell;
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::marker::PhantomData;
use std::sync::{Mutex, MutexGuard};

pub use reflect::typed::{GoTuple, GoType};
pub use reflect::{CallError, TypedFunc, Value, Values};

/// Bytes of the runtime's system stack (a Go program's main thread has
/// 8 MiB; the memory is touched only as used).
pub const SYSTEM_STACK: usize = 8 << 20;

/// The library's symbols: `rgo_host::library!()` in the crate that links
/// the archive `rgo build --lib` made.
#[derive(Clone, Copy, Debug)]
pub struct Library {
    exports: *const LibExports,
    libinit: *const (),
}

impl Library {
    /// # Safety
    /// `exports` must be a library's `go.libexports` and `libinit` its
    /// `rgo.libinit` ([`library!`] names them).
    pub unsafe fn new(exports: *const u8, libinit: *const ()) -> Library {
        Library {
            exports: exports.cast(),
            libinit,
        }
    }
}

/// The library linked into this program (`rgo build --lib` makes the
/// archive; link it with `cargo:rustc-link-lib=static=NAME`).
#[macro_export]
macro_rules! library {
    () => {{
        extern "C" {
            #[link_name = "go.libexports"]
            static RGO_LIBEXPORTS: u8;
            #[link_name = "rgo.libinit"]
            fn rgo_libinit();
        }
        // SAFETY: the symbols of the library rgo built.
        unsafe {
            $crate::Library::new(
                core::ptr::addr_of!(RGO_LIBEXPORTS),
                rgo_libinit as *const (),
            )
        }
    }};
}

/// Why something failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// [`Runtime::start`] was called before in this process.
    AlreadyStarted,
    /// The library exports no function of that name.
    NoSuchFunc(String),
    /// The Go signature does not match the Rust types, an argument does not
    /// match, or the value is not a func (reflect's words).
    Call(CallError),
    /// A call into Go from inside a call into Go.
    Reentered,
    /// The Go code panicked; the panic's value as `fmt.Sprint` prints it
    /// (an error's `Error()`: `runtime error: integer divide by zero`).
    Panic(String),
}

impl From<CallError> for Error {
    fn from(e: CallError) -> Error {
        Error::Call(e)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::AlreadyStarted => {
                f.write_str("the Go runtime was already started in this process")
            }
            Error::NoSuchFunc(n) => write!(f, "the Go library exports no function {n}"),
            Error::Call(e) => e.fmt(f),
            Error::Reentered => f.write_str("a call into Go from inside a call into Go"),
            Error::Panic(t) => write!(f, "Go panic: {t}"),
        }
    }
}

impl std::error::Error for Error {}

static STARTED: AtomicBool = AtomicBool::new(false);

/// The started Go runtime and its library. One per process; it stays
/// started until the process exits (dropping the handle only ends the use
/// of it from Rust).
pub struct Runtime {
    lib: &'static LibExports,
    stack: *mut u8,
    /// Held while a thread runs the runtime: calls from several threads
    /// take turns on its one stack and processor.
    processor: Mutex<()>,
}

// SAFETY: the runtime's stack and state are used only under `processor`,
// by one thread at a time; everything else is static data.
unsafe impl Send for Runtime {}
// SAFETY: as above.
unsafe impl Sync for Runtime {}

std::thread_local! {
    /// This thread is inside a call into Go (a second would be reentry).
    static IN_GO: Cell<bool> = const { Cell::new(false) };
    /// This thread has its alternate signal stack (`prepare_thread`).
    static READY: Cell<bool> = const { Cell::new(false) };
    /// This thread holds the runtime's turn ([`Runtime::hold`]).
    static HOLDING: Cell<bool> = const { Cell::new(false) };
}

/// A thread's turn on the runtime ([`Runtime::hold`]): while it lives, no
/// other thread calls into Go, so what this thread's calls return stays
/// valid until its own next call.
pub struct Turn<'rt> {
    _processor: MutexGuard<'rt, ()>,
    /// Held by the thread that took it.
    _thread: PhantomData<*mut ()>,
}

impl fmt::Debug for Turn<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Turn")
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        HOLDING.with(|h| h.set(false));
    }
}

impl fmt::Debug for Runtime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Runtime")
            .field("funcs", &self.lib.funcs().len())
            .finish()
    }
}

impl Runtime {
    /// Starts the runtime on this thread and initializes the library
    /// (package variables, `init` functions). The runtime's signal handlers
    /// (SIGSEGV, SIGBUS, SIGTRAP) replace the host's: a fault outside Go
    /// code ends the process with the runtime's report.
    pub fn start(lib: Library) -> Result<Runtime, Error> {
        if STARTED.swap(true, Ordering::SeqCst) {
            return Err(Error::AlreadyStarted);
        }
        let layout =
            std::alloc::Layout::from_size_align(SYSTEM_STACK, 4096).expect("a valid layout");
        // SAFETY: a non-zero size.
        let stack = unsafe { std::alloc::alloc(layout) };
        if stack.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        // SAFETY: `Library::new`'s contract.
        let rt = Runtime {
            lib: unsafe { &*lib.exports },
            stack,
            processor: Mutex::new(()),
        };
        // `start` installs this thread's signal stack.
        READY.with(|r| r.set(true));
        let (lo, hi) = (stack as usize, stack as usize + SYSTEM_STACK);
        let (argc, argv, envp) = args_and_env();
        // SAFETY: the first and only start, on the stack every later entry
        // uses (`Runtime::enter`).
        rt.enter(|| unsafe { rt_core::host::start(lo, hi, lib.libinit, argc, argv, envp) })?;
        Ok(rt)
    }

    /// Runs `f` on the runtime's system stack, once no other thread does.
    fn enter<R>(&self, f: impl FnOnce() -> R) -> Result<R, Error> {
        if IN_GO.with(|b| b.replace(true)) {
            return Err(Error::Reentered);
        }
        let turn = if HOLDING.with(Cell::get) { None } else { Some(self.take_turn()) };
        if !READY.with(|r| r.replace(true)) {
            rt_core::host::prepare_thread();
        }
        // SAFETY: the stack is ours (this thread's turn), 4096-aligned, a
        // multiple of 16 bytes; `f` runs the runtime, whose Rust code
        // aborts rather than unwind (its entry points are `extern "C"`),
        // and returns normally (a goroutine switch inside comes back to the
        // same frame).
        let r = unsafe { psm::on_stack(self.stack, SYSTEM_STACK, f) };
        drop(turn);
        IN_GO.with(|b| b.set(false));
        Ok(r)
    }

    /// Waits for the runtime's turn. The runtime aborts rather than
    /// unwind, so no holder panics: a poisoned lock is still a free turn.
    fn take_turn(&self) -> MutexGuard<'_, ()> {
        self.processor.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes the runtime's turn for this thread until the [`Turn`] is
    /// dropped: its calls run meanwhile, no other thread's, so the Go
    /// values they return stay valid until this thread's next call (read
    /// them, copy what you keep, then drop the turn). `Err(Reentered)` when
    /// this thread already holds it or is inside a call.
    pub fn hold(&self) -> Result<Turn<'_>, Error> {
        if HOLDING.with(Cell::get) || IN_GO.with(Cell::get) {
            return Err(Error::Reentered);
        }
        let processor = self.take_turn();
        HOLDING.with(|h| h.set(true));
        Ok(Turn { _processor: processor, _thread: PhantomData })
    }

    /// Makes the call `frame` describes, on the main goroutine.
    fn run(&self, frame: &rt_arch::rgo_call_frame) -> Result<(), Error> {
        // SAFETY: on the runtime's stack; the frame comes from reflect's
        // layout of a func value of the library (the callers').
        self.enter(|| unsafe { rt_core::host::call(self.lib, frame) })?
            .map_err(Error::Panic)
    }

    /// The names of the exported functions, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.lib.funcs().iter().map(|e| e.name())
    }

    /// The exported function `name`.
    pub fn func(&self, name: &str) -> Result<GoFunc<'_>, Error> {
        let e = self
            .lib
            .lookup(name)
            .ok_or_else(|| Error::NoSuchFunc(name.to_string()))?;
        // SAFETY: the export's descriptor and static closure (static data).
        let value = unsafe { Value::from_func_ptr(&*e.typ, e.closure) };
        Ok(GoFunc {
            rt: self,
            value,
            pinned: None,
        })
    }

    /// The exported function `name`, checked to have exactly the signature
    /// `func(A...) (R...)` (Rust scalars: `isize` for `int`, `f64` for
    /// `float64`, ...).
    pub fn typed<A: GoTuple, R: GoTuple>(
        &self,
        name: &str,
    ) -> Result<GoTypedFunc<'_, A, R>, Error> {
        self.func(name)?.into_typed()
    }

    /// A func value Go returned (a closure, a method value), kept alive for
    /// the collector until the returned [`GoFunc`] is dropped.
    pub fn func_value(&self, v: &Value) -> Result<GoFunc<'_>, Error> {
        if v.kind() != Kind::Func {
            return Err(Error::Call(CallError::WrongKind {
                method: "rgo_host::Runtime::func_value",
                kind: v.kind(),
            }));
        }
        let p = v.pointer() as *const ();
        if p.is_null() {
            return Err(Error::Call(CallError::NilFunc));
        }
        // SAFETY: on the runtime's stack; `p` is a func value Go returned
        // in the call that just ended (no safepoint since).
        self.enter(|| unsafe { rt_core::host::pin(self.lib, p) })?;
        // SAFETY: a non-nil func value of type `v.typ()`, pinned.
        let value = unsafe { Value::from_func_ptr(v.typ(), p) };
        Ok(GoFunc {
            rt: self,
            value,
            pinned: Some(p),
        })
    }

    /// Leaves a preemption request for the next call into Go, as the
    /// runtime's CPU-time tick does when it lands while Rust code runs
    /// (for tests: every call must work with one pending).
    #[doc(hidden)]
    pub fn request_preemption(&self) {
        rt_core::sched::request_preemption();
    }

    /// `runtime.Gosched()`: lets the goroutines the Go code started run
    /// until they block or yield.
    pub fn gosched(&self) -> Result<(), Error> {
        // SAFETY: on the runtime's stack.
        self.enter(|| unsafe { rt_core::host::gosched(self.lib) })
    }
}

/// `argc`, `argv` and `envp` for the runtime (package os): this process's,
/// as std sees them, leaked (the runtime keeps them).
fn args_and_env() -> (usize, *const *const u8, *const *const u8) {
    use std::os::unix::ffi::OsStringExt;
    fn leak(items: impl Iterator<Item = Vec<u8>>) -> (usize, *const *const u8) {
        let mut ptrs: Vec<*const u8> = items
            .map(|mut s| {
                s.push(0);
                Box::leak(s.into_boxed_slice()).as_ptr()
            })
            .collect();
        let n = ptrs.len();
        ptrs.push(core::ptr::null());
        (n, Box::leak(ptrs.into_boxed_slice()).as_ptr())
    }
    let (argc, argv) = leak(std::env::args_os().map(|a| a.into_vec()));
    let (_, envp) = leak(std::env::vars_os().map(|(k, v)| {
        let mut s = k.into_vec();
        s.push(b'=');
        s.extend(v.into_vec());
        s
    }));
    (argc, argv, envp)
}

/// A Go func value: an exported function, or a func value Go returned.
pub struct GoFunc<'rt> {
    rt: &'rt Runtime,
    value: Value,
    pinned: Option<*const ()>,
}

// SAFETY: its value is a func type's descriptor (static data) and a func
// value that is static (an export's) or pinned until the drop; calls and
// the unpinning go through the runtime's turns.
unsafe impl Send for GoFunc<'_> {}
// SAFETY: as above; `&GoFunc` only calls.
unsafe impl Sync for GoFunc<'_> {}

impl fmt::Debug for GoFunc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GoFunc")
            .field("type", &self.value.typ().string())
            .finish()
    }
}

impl<'rt> GoFunc<'rt> {
    /// Its type (a func type descriptor of the library).
    pub fn typ(&self) -> TypeRef {
        self.value.typ()
    }

    /// The type of its parameter `i`.
    pub fn param(&self, i: usize) -> Option<TypeRef> {
        self.typ()
            .as_func()
            .and_then(|f| f.ins.as_slice().get(i).copied())
    }

    /// Calls it with `args` (checked against its parameters as reflect's
    /// `Value.Call` checks them); the results, or the panic's text.
    pub fn try_call(&self, args: &[Value]) -> Result<Values, Error> {
        // SAFETY: `run` makes the call the frame describes, or reports the
        // panic that ended it.
        unsafe { self.value.try_call_with(args, |frame| self.rt.run(frame)) }
    }

    /// [`GoFunc::try_call`], panicking on any error (a Go panic's text
    /// included).
    pub fn call(&self, args: &[Value]) -> Values {
        self.try_call(args).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The same function checked against the Rust signature `fn(A) -> R`.
    pub fn into_typed<A: GoTuple, R: GoTuple>(self) -> Result<GoTypedFunc<'rt, A, R>, Error> {
        let f = TypedFunc::new(&self.value)?;
        Ok(GoTypedFunc { f, func: self })
    }
}

impl Drop for GoFunc<'_> {
    fn drop(&mut self) {
        if let Some(p) = self.pinned {
            // SAFETY: pinned by `func_value`. A failure (dropped during a
            // call into Go, which cannot happen from safe code) leaves it
            // pinned: a leak, not a fault.
            let _ = self
                .rt
                .enter(|| unsafe { rt_core::host::unpin(self.rt.lib, p) });
        }
    }
}

/// A Go function checked against the Rust signature `fn(A) -> R`.
pub struct GoTypedFunc<'rt, A, R> {
    f: TypedFunc<A, R>,
    func: GoFunc<'rt>,
}

// SAFETY: as for `GoFunc`; the prepared call (`TypedFunc`) is read-only
// data: its func value, a method value's receiver (kept alive by the
// pinned func value, or its own copy) and a static layout.
unsafe impl<A, R> Send for GoTypedFunc<'_, A, R> {}
// SAFETY: as above; calls take `&self` and run in the runtime's turns.
unsafe impl<A, R> Sync for GoTypedFunc<'_, A, R> {}

impl<A, R> fmt::Debug for GoTypedFunc<'_, A, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.func.fmt(f)
    }
}

impl<A: GoTuple, R: GoTuple> GoTypedFunc<'_, A, R> {
    /// Calls it; the results, or the panic's text.
    #[inline]
    pub fn try_call(&self, args: A) -> Result<R, Error> {
        // SAFETY: `run` makes the call the frame describes, or reports the
        // panic that ended it.
        unsafe { self.f.call_with(args, |frame| self.func.rt.run(frame)) }
    }

    /// [`GoTypedFunc::try_call`], panicking on any error (a Go panic's
    /// text included).
    #[inline]
    pub fn call(&self, args: A) -> R {
        self.try_call(args).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The untyped function.
    pub fn func(&self) -> &GoFunc<'_> {
        &self.func
    }
}

/// A copy of the Go string `v` holds (`None` if `v` is not a string).
pub fn go_string(v: &Value) -> Option<String> {
    if v.kind() != Kind::String {
        return None;
    }
    // SAFETY: a string Value holds a Go string, valid until the next call
    // into Go (the module's rule): copied now.
    Some(String::from_utf8_lossy(unsafe { v.string_bytes() }).into_owned())
}
