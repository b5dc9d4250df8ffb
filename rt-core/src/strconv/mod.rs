//! Package strconv is GOROOT's, compiled from Go's source; its
//! `FormatFloat` is bound to this function (the compiler's table of
//! bodies, `check/goroot_bodies.rs`): the float formatting of
//! [`crate::fmt`], which prints `%e`, `%g`, ... with the same code.

use crate::fmt::{append_float, go_string};
use crate::libvalues::panic_string;
use crate::GoString;
use alloc::vec::Vec;

/// `strconv.FormatFloat(f, fmt, prec, bitSize)`; panics as Go does on a bit
/// size other than 32 and 64.
///
/// # Safety
/// Called on the system stack by compiled code (it may panic).
#[no_mangle]
pub unsafe extern "C" fn rgo_strconv_formatfloat(f: f64, fmt: u8, prec: i64, bits: i64) -> GoString {
    crate::collector::safepoint();
    if bits != 32 && bits != 64 {
        panic_string("strconv: illegal AppendFloat/FormatFloat bitSize");
    }
    let mut v = Vec::with_capacity(24);
    append_float(&mut v, f, fmt, prec, bits as u32);
    go_string(&v)
}

#[cfg(test)]
#[rustfmt::skip]
mod tables;
#[cfg(test)]
mod tests;
