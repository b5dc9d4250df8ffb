//! crypto/cipher's `xorBytes`, whose loop GOROOT has in assembly only for
//! amd64 and arm64 (`xorBytesSSE2`, `xorBytesARM64`): the body rgo gives
//! both (toolchain/src/check/goroot_bodies.rs).

/// `dst[i] = a[i] ^ b[i]` for `i < n`, a word at a time where it can.
///
/// # Safety
/// `dst`, `a` and `b` must each be valid for `n` bytes (GOROOT's caller
/// checks the slices' lengths); `dst` may be `a` or `b` exactly, but not
/// overlap them otherwise.
#[no_mangle]
pub unsafe extern "C" fn rgo_xor_bytes(dst: *mut u8, a: *const u8, b: *const u8, n: i64) {
    let n = n.max(0) as usize;
    let mut i = 0;
    while i + 8 <= n {
        // SAFETY: `i + 8 <= n`, as the caller promises each is valid for
        // `n` bytes; unaligned accesses.
        unsafe {
            let x = (a.add(i) as *const u64).read_unaligned() ^ (b.add(i) as *const u64).read_unaligned();
            (dst.add(i) as *mut u64).write_unaligned(x);
        }
        i += 8;
    }
    while i < n {
        // SAFETY: `i < n`, as above.
        unsafe { *dst.add(i) = *a.add(i) ^ *b.add(i) };
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn xors_every_byte() {
        for n in [0usize, 1, 7, 8, 9, 31] {
            let a: alloc::vec::Vec<u8> = (0..n as u8).collect();
            let b: alloc::vec::Vec<u8> = (0..n as u8).map(|x| x.wrapping_mul(37)).collect();
            let mut d = alloc::vec![0u8; n];
            // SAFETY: three buffers of `n` bytes.
            unsafe { super::rgo_xor_bytes(d.as_mut_ptr(), a.as_ptr(), b.as_ptr(), n as i64) };
            assert!(d.iter().enumerate().all(|(i, &x)| x == a[i] ^ b[i]), "n = {n}");
        }
    }
}
