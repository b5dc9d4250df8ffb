//! Finding a function in the vDSO, the ELF image the kernel maps into every
//! process (`AT_SYSINFO_EHDR` in the auxiliary vector), so that reading
//! the clocks costs a call instead of a system call. Only what a vDSO
//! needs: its program headers, the dynamic section, the symbol table sized
//! by the SysV or GNU hash table.

/// ELF64 program header types and dynamic tags.
const PT_LOAD: u32 = 1;
const PT_DYNAMIC: u32 = 2;
const DT_NULL: i64 = 0;
const DT_HASH: i64 = 4;
const DT_STRTAB: i64 = 5;
const DT_SYMTAB: i64 = 6;
const DT_GNU_HASH: i64 = 0x6fff_fef5;
const STT_FUNC: u8 = 2;
const SYM_SIZE: usize = 24;

/// Reads a `T` at `p + off`.
///
/// # Safety
/// `p + off` must be readable for `size_of::<T>()` bytes.
unsafe fn rd<T: Copy>(p: usize, off: usize) -> T {
    // SAFETY: as the caller promises; ELF fields may be unaligned in theory.
    unsafe { ((p + off) as *const T).read_unaligned() }
}

/// The address of the function `name` in the ELF image mapped at `base`.
///
/// # Safety
/// `base` must be the vDSO's ELF header as the kernel mapped it.
pub unsafe fn lookup(base: usize, name: &[u8]) -> Option<usize> {
    // SAFETY: every read is inside the image as its own headers describe
    // it (the kernel maps the whole vDSO).
    unsafe {
        if rd::<[u8; 4]>(base, 0) != *b"\x7fELF" || rd::<u8>(base, 4) != 2 {
            return None;
        }
        let phoff: u64 = rd(base, 0x20);
        let phentsize: u16 = rd(base, 0x36);
        let phnum: u16 = rd(base, 0x38);
        let (mut bias, mut dynamic) = (None, None);
        for i in 0..phnum as usize {
            let ph = base + phoff as usize + i * phentsize as usize;
            let typ: u32 = rd(ph, 0);
            let offset: u64 = rd(ph, 8);
            let vaddr: u64 = rd(ph, 16);
            if typ == PT_LOAD && bias.is_none() {
                bias = Some((base + offset as usize).wrapping_sub(vaddr as usize));
            } else if typ == PT_DYNAMIC {
                dynamic = Some(vaddr as usize);
            }
        }
        let bias = bias?;
        let dynamic = bias.wrapping_add(dynamic?);
        let (mut hash, mut gnu_hash, mut strtab, mut symtab) = (0, 0, 0, 0);
        let mut d = dynamic;
        loop {
            let tag: i64 = rd(d, 0);
            let val: u64 = rd(d, 8);
            let addr = bias.wrapping_add(val as usize);
            match tag {
                DT_NULL => break,
                DT_HASH => hash = addr,
                DT_GNU_HASH => gnu_hash = addr,
                DT_STRTAB => strtab = addr,
                DT_SYMTAB => symtab = addr,
                _ => {}
            }
            d += 16;
        }
        if strtab == 0 || symtab == 0 {
            return None;
        }
        let count = if hash != 0 {
            // SysV: nbucket, nchain; nchain is the number of symbols.
            rd::<u32>(hash, 4) as usize
        } else if gnu_hash != 0 {
            gnu_symbol_count(gnu_hash)
        } else {
            return None;
        };
        for i in 0..count {
            let sym = symtab + i * SYM_SIZE;
            let st_name: u32 = rd(sym, 0);
            let st_info: u8 = rd(sym, 4);
            let st_shndx: u16 = rd(sym, 6);
            let st_value: u64 = rd(sym, 8);
            if st_info & 0xf != STT_FUNC || st_shndx == 0 {
                continue;
            }
            let s = strtab + st_name as usize;
            let matches = (0..name.len()).all(|k| rd::<u8>(s, k) == name[k]) && rd::<u8>(s, name.len()) == 0;
            if matches {
                return Some(bias.wrapping_add(st_value as usize));
            }
        }
        None
    }
}

/// The number of symbols a GNU hash table covers: past the highest bucket
/// start, follow its chain to the entry that ends it.
///
/// # Safety
/// `h` must be a GNU hash table of a mapped image.
unsafe fn gnu_symbol_count(h: usize) -> usize {
    // SAFETY: as the caller promises: the header, bloom words, buckets and
    // chains lie where the header says.
    unsafe {
        let nbuckets: u32 = rd(h, 0);
        let symoffset: u32 = rd(h, 4);
        let bloom_size: u32 = rd(h, 8);
        let buckets = h + 16 + bloom_size as usize * 8;
        let chains = buckets + nbuckets as usize * 4;
        let mut last = 0u32;
        for b in 0..nbuckets as usize {
            last = last.max(rd::<u32>(buckets, b * 4));
        }
        if last < symoffset {
            return symoffset as usize;
        }
        let mut i = last;
        while rd::<u32>(chains, (i - symoffset) as usize * 4) & 1 == 0 {
            i += 1;
        }
        i as usize + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// This test process's `AT_SYSINFO_EHDR`, from /proc/self/auxv.
    fn vdso_base() -> Option<usize> {
        let auxv = std::fs::read("/proc/self/auxv").ok()?;
        auxv.chunks_exact(16).find_map(|c| {
            let k = u64::from_ne_bytes(c[..8].try_into().unwrap());
            let v = u64::from_ne_bytes(c[8..].try_into().unwrap());
            (k == super::super::AT_SYSINFO_EHDR as u64).then_some(v as usize)
        })
    }

    #[test]
    fn the_vdso_clock_agrees_with_the_system_call() {
        let Some(base) = vdso_base() else { return };
        // SAFETY: the kernel's vDSO of this process.
        let f = unsafe { lookup(base, super::super::VDSO_CLOCK_GETTIME) }.expect("clock_gettime in the vDSO");
        // SAFETY: as above.
        assert_eq!(unsafe { lookup(base, b"no_such_function") }, None);
        let before = super::super::clock_gettime_syscall(1);
        // SAFETY: the vDSO's clock_gettime has the C signature used here.
        let via = unsafe { super::super::clock_gettime_vdso(f, 1) };
        let after = super::super::clock_gettime_syscall(1);
        let ns = |(s, n): (i64, i64)| s * 1_000_000_000 + n;
        assert!(ns(before) <= ns(via) && ns(via) <= ns(after), "{before:?} {via:?} {after:?}");
    }
}
