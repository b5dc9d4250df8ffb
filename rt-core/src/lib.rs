//! rt-core: the runtime that programs compiled by rgo link against.
//!
//! What compiled Go code calls is listed in the toolchain's
//! `runtime_abi.rs`; every entry point there is a `#[no_mangle] extern "C"`
//! function in one of these modules, called through the C ABI from Go code
//! running with the goroutine register set (see [`start`] for how a
//! program begins and [`gocall`] for calls back into Go).
//!
//! - [`platform`]: raw Linux system calls (no C library).
//! - [`heap`]: Go's heap (bump allocation in big chunks, no collector yet)
//!   and the allocator Rust code in the runtime uses.
//! - [`print`]: the `print`/`println` builtins, formatted as Go's runtime
//!   formats them.
//! - [`panic`]: `panic(v)` and the runtime errors, printed as Go prints them,
//!   then exit status 2 (no `recover` yet); [`signal`]: faults reported the
//!   same way (nil dereference, stack overflow).
//! - [`strings`], [`slices`], [`iface`]: the helpers behind string
//!   conversion and concatenation, `make`/`append`, interface conversion and
//!   comparison.
//!
//! The crate is `no_std` so it links into static executables without a C
//! library; the packaging for that (global allocator, panic handler, the
//! `mem*` functions) is the `rgo-rt` static library in `staticlib/`. Unit
//! tests run on the host with std.
#![no_std]

extern crate alloc;
#[cfg(test)]
extern crate std;

pub mod gocall;
pub mod heap;
pub mod iface;
pub mod panic;
pub mod platform;
pub mod print;
pub mod signal;
pub mod slices;
pub mod start;
pub mod strings;

pub use start::G;

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

/// A Go slice header (three words), written through an `out` pointer.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GoSlice {
    pub ptr: *mut u8,
    pub len: usize,
    pub cap: usize,
}
