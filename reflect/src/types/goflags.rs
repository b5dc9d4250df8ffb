//! The flag word of the `reflect.Value` of rgo's Go-written reflect
//! package (`toolchain/lib/reflect`; the layout is [`super::GoValue`]),
//! and the kinds of the func values it makes at run time
//! ([`super::GoFuncStub`]), defined once here. The runtime's fmt reads Values by them (it prints a
//! Value as the value it holds), and `toolchain/build.rs` writes them into
//! the Go package as `zflags.go`. Plain constants only: the build script
//! includes this file by path.

/// Low bits of the flag holding the value's `Kind`.
pub const KIND_WIDTH: u32 = 5;
/// Obtained through an unexported (non-embedded) field.
pub const STICKY_RO: usize = 1 << 5;
/// Obtained through an unexported embedded field.
pub const EMBED_RO: usize = 1 << 6;
/// Obtained through an unexported field, embedded or not.
pub const RO: usize = STICKY_RO | EMBED_RO;
/// `ptr` points at the value.
pub const INDIR: usize = 1 << 7;
/// The value is addressable.
pub const ADDR: usize = 1 << 8;
/// A method value: `typ`/`ptr` are the receiver's, the method's index
/// among the exported ones is the flag shifted right by [`METHOD_SHIFT`].
pub const METHOD: usize = 1 << 9;
/// Where a method value's index starts in the flag.
pub const METHOD_SHIFT: u32 = 10;

/// [`super::GoFuncStub::kind`] of a [`super::GoMakeFunc`].
pub const STUB_MAKE_FUNC: usize = 0;
/// [`super::GoFuncStub::kind`] of a [`super::GoMethodFunc`] for a method
/// value: the receiver is bound.
pub const STUB_METHOD_VALUE: usize = 1;
/// [`super::GoFuncStub::kind`] of a [`super::GoMethodFunc`] for a method's
/// `Func`: the receiver is the first argument.
pub const STUB_METHOD_EXPR: usize = 2;
