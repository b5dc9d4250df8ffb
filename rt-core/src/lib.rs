//! rt-core: the runtime that programs compiled by rgo link against.
//!
//! What compiled Go code calls is listed in the toolchain's
//! `runtime_abi.rs`; every entry point there is a `#[no_mangle] extern "C"`
//! function in one of these modules (or an assembly routine in rt-arch's
//! `asm/runtime/<arch>.S`), called through the C ABI on the system stack
//! from Go code running on a goroutine stack with the goroutine register
//! set (see [`start`] for how a program begins, [`stack`] for the two
//! stacks and [`gocall`] for calls back into Go).
//!
//! - [`arch`]: what differs between amd64, arm64 and riscv64 (the system
//!   call instruction, signal contexts, how `rgo_morestack` hands over a
//!   frame, the square root instruction); [`os`]: Linux through raw system
//!   calls (no C library): memory, output, exit, signals, the process's
//!   arguments. No other module names an architecture or an OS.
//! - The modules stand in floors that never name a module above their own
//!   (docs/runtime.md, "Floors", which `tests/floors.rs` checks). On the
//!   ground floor with [`arch`] and [`os`]: [`print`], [`process`] (what the
//!   process entry recorded: arguments, environment, the main thread's
//!   stack) and [`fatal`], fatal errors and the state of a dying program,
//!   so anything above can give up without depending on how panics are
//!   printed. Above it [`g`], the goroutine record and the records hanging
//!   off it (deferred calls, panics, stack segments).
//! - [`gc`]: Go's heap and its collector (size-classed spans over a
//!   reserved arena, pointer bits from the type descriptors, stop-the-world
//!   mark-sweep); [`heap`]: the allocation entry points over it, and the
//!   allocator Rust code in the runtime uses; [`rtypes`]: descriptors of
//!   the runtime's own structures on it.
//! - [`print`]: the `print`/`println` builtins, formatted as Go's runtime
//!   formats them.
//! - [`stack`]: growable goroutine stacks (segments, `rgo_morestack`);
//!   [`gocall`]: the runtime calling Go code on the goroutine stack.
//! - [`sched`]: goroutines (`go`), the M:1 scheduler, parking and
//!   preemption; [`chan`]: channels and `select` (docs/goroutines.md);
//!   [`timers`]: the clocks, `time.Sleep` and the timer heap the scheduler
//!   runs; [`sema`]: the semaphores and notify lists under package sync;
//!   [`sigqueue`]: the signals os/signal asked for, queued for its
//!   goroutine.
//! - [`collector`]: when a collection runs and its roots (globals and
//!   frames by the compiler's tables, [`gc_tables`]; goroutines, timers,
//!   finalizers), above the scheduler whose goroutines it walks.
//! - [`defer`]: `defer`, `panic` and `recover`; [`rterror`]: the runtime's
//!   error values (`runtime.boundsError`, ...); [`panic`](mod@panic):
//!   printing the panics that killed the program as Go does, then exit
//!   status 2; [`signal`]: faults in Go code become panics (nil
//!   dereference), `runtime.Breakpoint`.
//! - [`strings`], [`slices`], [`iface`]: the helpers behind string
//!   conversion and concatenation, `make`/`append`, interface conversion and
//!   comparison; [`map`]: Go's maps (a Swiss table hashed through the
//!   type descriptors).
//! - [`fmt`](mod@fmt): Go's `fmt` printing (`Print*`, `Sprint*`, `Errorf`),
//!   driven by the type descriptors; [`errors`]: the error values of
//!   `errors.New` and `fmt.Errorf`, and `errors.Unwrap`/`Is`/`As`.
//! - The standard library's runtime side: [`goos`] (package os: `Args`,
//!   `Environ`, `Getenv`, `Exit`), [`strconv`] (`FormatInt`, `ParseInt`/`Atoi` with
//!   `*strconv.NumError`, `FormatFloat`, `Quote`), [`math`] (`Sqrt`,
//!   `Floor`, `Ceil`, `Trunc`), and [`libvalues`], the values they make
//!   for Go code. Package strings is GOROOT's, compiled from Go.
//!
//! The crate is `no_std` so it links into static executables without a C
//! library; the packaging for that (global allocator, panic handler, the
//! `mem*` functions) is the `rgo-rt` static library in `staticlib/`. Unit
//! tests run on the host with std.
#![no_std]

extern crate alloc;
#[cfg(test)]
extern crate std;

pub mod arch;
pub mod chan;
pub mod collector;
pub mod defer;
pub mod fatal;
pub mod fmt;
pub mod g;
pub mod gc;
pub mod gc_tables;
pub mod gocall;
pub mod goos;
pub mod libvalues;
pub mod heap;
#[cfg(feature = "host")]
pub mod host;
pub mod iface;
pub mod map;
pub mod math;
pub mod netpoll;
pub mod xorbytes;
pub mod os;
pub mod panic;
pub mod print;
pub mod process;
pub mod heapdump;
pub mod metrics;
pub mod profile;
pub mod reflectrt;
pub mod rterror;
pub mod rtypes;
pub mod sched;
pub mod sema;
pub mod signal;
pub mod sigqueue;
pub mod slices;
pub mod stack;
pub mod start;
pub mod strconv;
pub mod strings;
pub mod threads;
pub mod timers;
pub mod trace;
pub mod traceback;

pub use g::G;

/// A Go string header as it crosses the C ABI (two words).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GoString {
    pub ptr: *const u8,
    pub len: usize,
}

impl GoString {
    pub const EMPTY: GoString = GoString { ptr: core::ptr::null(), len: 0 };

    /// The string's bytes.
    ///
    /// # Safety
    /// `ptr` must point at `len` readable bytes that stay unchanged while the
    /// slice is used (Go strings are immutable), or `len` must be 0.
    pub unsafe fn as_bytes<'a>(&self) -> &'a [u8] {
        if self.len == 0 {
            return &[];
        }
        // SAFETY: the caller vouches for `ptr` and `len`.
        unsafe { core::slice::from_raw_parts(self.ptr, self.len) }
    }
}

/// A Go empty interface (`any`): type word and data word. It crosses the C
/// ABI as two words (the first two integer registers when returned).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Eface {
    pub typ: *const reflect::types::Type,
    pub data: *const u8,
}

impl Eface {
    pub const NIL: Eface = Eface { typ: core::ptr::null(), data: core::ptr::null() };
}

/// A Go slice header (three words), written through an `out` pointer.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GoSlice {
    pub ptr: *mut u8,
    pub len: usize,
    pub cap: usize,
}

/// Helpers shared by the unit tests.
#[cfg(test)]
mod testutil {
    use alloc::boxed::Box;
    use alloc::string::String;
    use alloc::vec::Vec;
    use reflect::types::{
        InterfaceType, List, Method, MethodSpec, Str, TypeRef, Uncommon,
    };

    /// The `error` interface of the tests (one descriptor, as a program
    /// has one).
    pub fn error_iface() -> &'static InterfaceType {
        static E: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
        let p = *E.get_or_init(|| {
            let sig = reflect::types::func_of(&[], &[&reflect::types::STRING], false);
            crate::iface::test_interface("error", Vec::from([("Error", sig)])) as *const InterfaceType as usize
        });
        // SAFETY: a leaked descriptor.
        unsafe { &*(p as *const InterfaceType) }
    }

    /// `*elem` with methods of its own (what `pointer_to` cannot give).
    pub fn pointer_with(elem: TypeRef, methods: Vec<MethodSpec>) -> TypeRef {
        let ms: Vec<Method> = methods
            .into_iter()
            .map(|m| Method {
                name: Str::new(Box::leak(m.name.into_boxed_str())),
                mtyp: m.mtyp,
                ifn: m.ifn,
                tfn: m.tfn,
            })
            .collect();
        let name: &'static str = Box::leak(alloc::format!("*{}", elem.string()).into_boxed_str());
        let uncommon = Box::leak(Box::new(Uncommon {
            pkg_path: Str::new("main"),
            methods: List::new(Box::leak(ms.into_boxed_slice())),
        }));
        let p = Box::leak(Box::new(reflect::types::PointerType {
            typ: reflect::types::Type {
                size: 8,
                ptrdata: 8,
                hash: reflect::types::type_hash(name),
                tflag: reflect::types::TFlag::UNCOMMON,
                align: 8,
                field_align: 8,
                kind: reflect::types::Kind::Pointer,
                string: Str::new(name),
                uncommon,
            },
            elem,
        }));
        &p.typ
    }

    /// What `f` writes, as text.
    pub fn show(f: impl FnOnce(&mut Vec<u8>)) -> String {
        let mut v = Vec::new();
        f(&mut v);
        String::from_utf8(v).unwrap()
    }
}
