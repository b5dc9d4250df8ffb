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
pub mod call;
mod error;
pub mod layout;
pub mod make_func;
mod marshal;
pub mod typed;
pub mod value;

pub use error::CallError;
pub use make_func::{make_func, try_make_func};
pub use typed::TypedFunc;
pub use value::{Value, Values, RESULTS_INLINE};
