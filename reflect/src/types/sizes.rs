//! Sizes and alignments of Go's types on rgo's 64-bit targets: the one
//! place both the compiler and reflect's descriptors take them from, so that
//! the ABI assignment and the compiled code agree on every field offset.

use super::Kind;

impl Kind {
    /// `(size, align)` of every kind whose layout the kind alone decides,
    /// as Go's `unsafe.Sizeof`/`Alignof` report them on 64-bit targets.
    /// `None` for arrays and structs, whose layout depends on their
    /// elements ([`struct_layout`]), and for `Invalid`.
    pub const fn size_align(self) -> Option<(usize, usize)> {
        use Kind::*;
        Some(match self {
            Bool | Int8 | Uint8 => (1, 1),
            Int16 | Uint16 => (2, 2),
            Int32 | Uint32 | Float32 => (4, 4),
            Int | Int64 | Uint | Uint64 | Uintptr | Float64 => (8, 8),
            // Two float32s: aligned as its parts, not as its size.
            Complex64 => (8, 4),
            Complex128 => (16, 8),
            Pointer | UnsafePointer | Chan | Func | Map => (8, 8),
            String | Interface => (16, 8),
            Slice => (24, 8),
            Array | Struct | Invalid => return None,
        })
    }
}

/// The layout of a struct whose fields have the given `(size, align)`s, in
/// order: each field's offset, then the struct's size and alignment. A
/// trailing zero-sized field after a non-empty prefix gets a padding byte,
/// so that a pointer to it stays inside the object (as gc does). Sizes
/// saturate instead of overflowing; callers reject sizes that large.
pub fn struct_layout(fields: impl IntoIterator<Item = (u64, u64)>) -> (alloc::vec::Vec<u64>, u64, u64) {
    let mut offsets = alloc::vec::Vec::new();
    let mut off = 0u64;
    let mut align = 1u64;
    let mut last_size = None;
    for (size, a) in fields {
        let a = a.max(1);
        off = align_up(off, a);
        offsets.push(off);
        off = off.saturating_add(size);
        align = align.max(a);
        last_size = Some(size);
    }
    if last_size == Some(0) && off > 0 {
        off += 1;
    }
    (offsets, align_up(off, align), align)
}

/// `x` rounded up to a multiple of the power of two `a`, saturating.
pub const fn align_up(x: u64, a: u64) -> u64 {
    match x.checked_add(a - 1) {
        Some(v) => v & !(a - 1),
        None => !(a - 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complex64_aligns_as_float32() {
        assert_eq!(Kind::Complex64.size_align(), Some((8, 4)));
        // struct{ F0 complex64; F1 int8 } is 12 bytes in Go.
        assert_eq!(struct_layout([(8, 4), (1, 1)]), (alloc::vec![0, 8], 12, 4));
        // struct{ F0 int8; F1 complex64; F2 float64 }: F1 at 4.
        assert_eq!(struct_layout([(1, 1), (8, 4), (8, 8)]), (alloc::vec![0, 4, 16], 24, 8));
    }

    #[test]
    fn trailing_zero_sized_field_is_padded() {
        assert_eq!(struct_layout([(8, 8), (0, 1)]), (alloc::vec![0, 8], 16, 8));
        assert_eq!(struct_layout([(0, 1)]), (alloc::vec![0], 0, 1));
    }
}
