//! librgo_rt.a: rt-core with what a `no_std` static library needs to stand
//! alone in a program without a C library: the global allocator, the panic
//! handler and the `mem*` functions the compiler emits calls to.
//!
//! Every `#[no_mangle]` entry point of rt-core (the runtime ABI, `_start`'s
//! `rgo_rt_start`) is exported from here; the linker keeps what a program
//! uses (`--gc-sections`).
#![no_std]

// Linked for its exported entry points.
extern crate rt_core;

mod mem;

#[global_allocator]
static ALLOC: rt_core::heap::RtAlloc = rt_core::heap::RtAlloc;

/// A panic in the runtime's own Rust code is a runtime bug: report it as a
/// fatal error (message and location, without `core::fmt`, which would
/// grow every program) and exit with status 2.
#[panic_handler]
fn panic(info: &core::panic::PanicInfo<'_>) -> ! {
    rt_core::fatal::rust_panic(info.message().as_str(), info.location().map(|l| (l.file(), l.line())))
}
