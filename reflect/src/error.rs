//! Errors of reflect calls, worded as Go's reflect panics are.

use crate::abi::AbiError;
use crate::types::Kind;
use core::fmt;

/// Why a call (or a value operation) cannot be done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallError {
    /// A method was used on a Value of the wrong kind (Go's `ValueError`).
    WrongKind { method: &'static str, kind: Kind },
    /// The zero Value was used.
    ZeroValue { method: &'static str },
    NilFunc,
    TooFewArgs,
    TooManyArgs,
    ZeroValueArg,
    /// An argument's type is not assignable to the parameter's.
    ArgType { have: &'static str, want: &'static str },
    /// The call frame would exceed what reflectcall can reserve.
    FrameTooLarge { func: &'static str, bytes: usize },
    /// The signature contains something the ABI cannot pass.
    Abi(AbiError),
    /// A method index out of range.
    MethodIndex { index: usize, count: usize },
    /// Method values of interface-typed receivers need itabs, which
    /// descriptors do not carry yet.
    InterfaceMethod,
    /// A Value built from bytes of the wrong length.
    Size { typ: &'static str, want: usize, have: usize },
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::WrongKind { method, kind } => write!(f, "reflect: call of {method} on {kind} Value"),
            CallError::ZeroValue { method } => write!(f, "reflect: call of {method} on zero Value"),
            CallError::NilFunc => f.write_str("reflect: call of nil function"),
            CallError::TooFewArgs => f.write_str("reflect: Call with too few input arguments"),
            CallError::TooManyArgs => f.write_str("reflect: Call with too many input arguments"),
            CallError::ZeroValueArg => f.write_str("reflect: Call using zero Value argument"),
            CallError::ArgType { have, want } => write!(f, "reflect: Call using {have} as type {want}"),
            CallError::FrameTooLarge { func, bytes } => write!(
                f,
                "reflect: call of {func} needs a {bytes}-byte argument frame; the limit is {} bytes",
                rt_arch::bindings::native::RGO_CALL_MAX_FRAME
            ),
            CallError::Abi(e) => e.fmt(f),
            CallError::MethodIndex { index, count } => {
                write!(f, "reflect: Method index {index} out of range (type has {count} methods)")
            }
            CallError::InterfaceMethod => {
                f.write_str("reflect: method values of interface-typed Values are not supported yet")
            }
            CallError::Size { typ, want, have } => {
                write!(f, "reflect: {have} bytes given for a value of type {typ}, which has {want}")
            }
        }
    }
}

impl core::error::Error for CallError {}
