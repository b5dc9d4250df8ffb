//! rgo's reflect: Go's ABIInternal assignment, type descriptors, and
//! dynamic calls of Go functions (`Value::call`, `make_func`).
//!
//! Layers, lowest first:
//! - [`abi`]: the register assignment, shared with the compiler.
//! - [`types`]: `#[repr(C)]` type descriptors as compiled programs carry them.
//! - [`value`], [`call`], [`make_func`]: Go's `reflect.Value` and calls.
#![no_std]

extern crate alloc;

pub mod abi;
pub mod types;
