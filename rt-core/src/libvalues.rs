//! Values the library packages rgo keeps in Rust (os, strconv, errors)
//! hand to Go code: a `[]string`, a panic with a string value.

use crate::heap::go_alloc;
use crate::{GoSlice, GoString};

/// `panic(msg)` with a string value, as package strconv and errors panic.
pub(crate) fn panic_string(msg: &'static str) -> ! {
    let p = go_alloc(core::mem::size_of::<GoString>(), &reflect::types::STRING) as *mut GoString;
    // SAFETY: `p` is a fresh allocation for one string header; the panic
    // value is a string, whose interface data word points at its header.
    unsafe {
        *p = GoString { ptr: msg.as_ptr(), len: msg.len() };
        crate::defer::gopanic(crate::Eface { typ: &reflect::types::STRING, data: p as *const u8 })
    }
}

/// A new (non-nil) `[]string` holding `parts` (copied headers; the bytes
/// are shared), with capacity `cap` (at least `parts.len()`).
pub(crate) fn string_slice_cap(parts: &[GoString], cap: usize) -> GoSlice {
    let cap = cap.max(parts.len());
    let p = go_alloc(cap * core::mem::size_of::<GoString>(), &reflect::types::STRING) as *mut GoString;
    // SAFETY: `p` is a fresh allocation with room for `cap` headers.
    unsafe { core::ptr::copy_nonoverlapping(parts.as_ptr(), p, parts.len()) };
    GoSlice { ptr: p as *mut u8, len: parts.len(), cap }
}
