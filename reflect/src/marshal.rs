//! Moving values between memory and a call frame (register block + stack
//! area) by their ABI steps. Every call path uses these two functions:
//! `Value::call`, the typed fast path, and the make-func handler, so they
//! agree by construction; the assembly fixtures in the tests check that they
//! also agree with the hardware registers.

use crate::abi::{Arch, Seq, Step, StepKind};
use crate::value::{Value, Values};
use core::ptr;
use rt_arch::bindings::native::rgo_reg_args as RegArgs;
use rt_arch::direct::Regs;

/// A block of argument registers: the assembly's register block, which
/// also keeps pointer arguments where a collector looks (`ptrs`), or a
/// direct call's registers.
pub(crate) trait RegFile {
    fn set_int(&mut self, r: usize, w: u64, is_ptr: bool);
    fn set_float(&mut self, r: usize, w: u64);
    fn int(&self, r: usize) -> u64;
    fn float(&self, r: usize) -> u64;
}

impl RegFile for RegArgs {
    #[inline(always)]
    fn set_int(&mut self, r: usize, w: u64, is_ptr: bool) {
        self.ints[r] = w;
        if is_ptr {
            self.ptrs[r] = w as *mut _;
        }
    }
    #[inline(always)]
    fn set_float(&mut self, r: usize, w: u64) {
        self.floats[r] = w;
    }
    #[inline(always)]
    fn int(&self, r: usize) -> u64 {
        self.ints[r]
    }
    #[inline(always)]
    fn float(&self, r: usize) -> u64 {
        self.floats[r]
    }
}

impl RegFile for Regs {
    #[inline(always)]
    fn set_int(&mut self, r: usize, w: u64, _is_ptr: bool) {
        self.ints[r] = w;
    }
    #[inline(always)]
    fn set_float(&mut self, r: usize, w: u64) {
        self.floats[r] = w;
    }
    #[inline(always)]
    fn int(&self, r: usize) -> u64 {
        self.ints[r]
    }
    #[inline(always)]
    fn float(&self, r: usize) -> u64 {
        self.floats[r]
    }
}

/// Copies the value at `src` into its registers and stack slots.
///
/// # Safety
/// `src` must be readable for the value's size; `stack` must be writable at
/// every `Stack` step's `stack_offset .. + size` (it may be null when there
/// are no stack steps).
#[inline(always)]
pub(crate) unsafe fn store(arch: &Arch, steps: &[Step], src: *const u8, regs: &mut impl RegFile, stack: *mut u8) {
    for s in steps {
        let (off, size) = (s.offset as usize, s.size as usize);
        match s.kind {
            StepKind::Stack => {
                // SAFETY: the caller guarantees both ranges.
                unsafe { ptr::copy_nonoverlapping(src, stack.add(s.stack_offset as usize), size) }
            }
            StepKind::IntReg | StepKind::Pointer => {
                // SAFETY: `off + size` is inside the value by construction of the steps.
                let w = unsafe { read_le(src.add(off), size) };
                regs.set_int(s.reg as usize, w, s.kind == StepKind::Pointer);
            }
            StepKind::FloatReg => {
                // SAFETY: as above.
                let w = unsafe { read_le(src.add(off), size) };
                regs.set_float(s.reg as usize, if size == 4 { arch.float32_in_reg.box_bits(w as u32) } else { w });
            }
        }
    }
}

/// Copies a value from its registers and stack slots to `dst`.
///
/// # Safety
/// `dst` must be writable for the value's size; `stack` readable at every
/// `Stack` step's range.
#[inline(always)]
pub(crate) unsafe fn load(steps: &[Step], dst: *mut u8, regs: &impl RegFile, stack: *const u8) {
    for s in steps {
        let (off, size) = (s.offset as usize, s.size as usize);
        let w = match s.kind {
            StepKind::Stack => {
                // SAFETY: the caller guarantees both ranges.
                unsafe { ptr::copy_nonoverlapping(stack.add(s.stack_offset as usize), dst, size) };
                continue;
            }
            StepKind::IntReg | StepKind::Pointer => regs.int(s.reg as usize),
            // The low bytes hold a float32 on every supported target (a
            // NaN-boxed single keeps its bits in the low word).
            StepKind::FloatReg => regs.float(s.reg as usize),
        };
        // SAFETY: `off + size` is inside the value by construction of the steps.
        unsafe { write_le(dst.add(off), size, w) }
    }
}

/// Every value of `seq` as a new Value appended to `out`: the results of a
/// call.
///
/// # Safety
/// As [`load`], for every value of `seq`.
#[inline(always)]
pub(crate) unsafe fn load_values(seq: &Seq, regs: &impl RegFile, stack: *const u8, out: &mut Values) {
    out.reserve_exact(seq.values.len());
    for (i, v) in seq.values.iter().enumerate() {
        // Built in place: moving a Value just written part by part would
        // make the copy wait for those writes. A constant pushed and then
        // given its type writes nothing twice.
        if v.typ.size <= Value::INLINE_WORDS * 8 {
            out.push(Value::INVALID);
            out.last_mut().expect("just pushed").typ = Some(v.typ);
        } else {
            out.push(Value::zero(v.typ));
        }
        let v = out.last_mut().expect("just pushed");
        // SAFETY: `v` has room for its type; the caller vouches for the frame.
        unsafe { load(seq.steps_of(i), v.data_ptr_mut(), regs, stack) };
    }
}

/// Value `i` of `seq`, made whole before it is returned (a Value that fits
/// inline is filled in a local array of words first).
///
/// # Safety
/// As [`load`], for value `i` of `seq`.
#[inline(always)]
pub(crate) unsafe fn load_value(seq: &Seq, i: usize, regs: &impl RegFile, stack: *const u8) -> Value {
    let v = &seq.values[i];
    if v.typ.size <= Value::INLINE_WORDS * 8 {
        let mut w = [0u64; Value::INLINE_WORDS];
        // SAFETY: `w` has room for the value; the caller vouches for the frame.
        unsafe { load(seq.steps_of(i), w.as_mut_ptr().cast(), regs, stack) };
        Value::from_inline_words(v.typ, w)
    } else {
        let mut out = Value::zero(v.typ);
        // SAFETY: as above.
        unsafe { load(seq.steps_of(i), out.data_ptr_mut(), regs, stack) };
        out
    }
}

/// Reads `size` (1, 2, 4 or 8; other sizes up to 8 work too) bytes as a
/// zero-extended little-endian word. Fixed-size moves for the common sizes
/// keep this a single load instead of a `memcpy` call.
///
/// # Safety
/// `p` must be readable for `size` bytes.
#[inline(always)]
pub(crate) unsafe fn read_le(p: *const u8, size: usize) -> u64 {
    // SAFETY (all arms): the caller guarantees `size` readable bytes.
    unsafe {
        match size {
            8 => u64::from_le(p.cast::<u64>().read_unaligned()),
            4 => u32::from_le(p.cast::<u32>().read_unaligned()) as u64,
            2 => u16::from_le(p.cast::<u16>().read_unaligned()) as u64,
            1 => p.read() as u64,
            _ => {
                let mut w = [0u8; 8];
                ptr::copy_nonoverlapping(p, w.as_mut_ptr(), size.min(8));
                u64::from_le_bytes(w)
            }
        }
    }
}

/// Writes the low `size` bytes of `w`, little-endian.
///
/// # Safety
/// `p` must be writable for `size` bytes.
#[inline(always)]
pub(crate) unsafe fn write_le(p: *mut u8, size: usize, w: u64) {
    // SAFETY (all arms): the caller guarantees `size` writable bytes.
    unsafe {
        match size {
            8 => p.cast::<u64>().write_unaligned(w.to_le()),
            4 => p.cast::<u32>().write_unaligned((w as u32).to_le()),
            2 => p.cast::<u16>().write_unaligned((w as u16).to_le()),
            1 => p.write(w as u8),
            _ => ptr::copy_nonoverlapping(w.to_le_bytes().as_ptr(), p, size.min(8)),
        }
    }
}
