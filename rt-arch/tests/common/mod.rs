//! Shared helpers for rt-arch's integration tests.
#![allow(dead_code)]

use std::ffi::c_void;

use rt_arch::{
    CallFrame, RegArgs, RGO_CALL_FLOAT_ARGS, RGO_CALL_FLOAT_RESULTS, RGO_CALL_PTR_RESULTS,
    RGO_FLOAT_ARG_REGS, RGO_INT_ARG_REGS,
};

/// Integer argument registers of this target.
pub const N: usize = RGO_INT_ARG_REGS as usize;
/// Float argument registers of this target.
pub const F: usize = RGO_FLOAT_ARG_REGS as usize;
/// Every flag: the always-correct (slowest) call.
pub const ALL: u32 = RGO_CALL_FLOAT_ARGS | RGO_CALL_FLOAT_RESULTS | RGO_CALL_PTR_RESULTS;

/// A sentinel no test value equals.
pub const SENTINEL: u64 = 0xdead_beef_cafe_f00d;

/// Distinct integer patterns: every byte differs between registers.
pub fn int_pattern(i: usize) -> u64 {
    let b = i as u64 + 1;
    0x0101_0101_0101_0101u64.wrapping_mul(b) ^ (0x8000_0000_0000_0000 >> i) ^ 0x00f0_0000_0000_0f00
}

/// Distinct float bit patterns, mostly NaNs with payloads (signalling and
/// quiet, both signs) and other values a careless move would change.
pub fn float_pattern(i: usize) -> u64 {
    const SPECIAL: [u64; 8] = [
        0x7ff0_0000_0000_0001, // signalling NaN, smallest payload
        0xfff8_dead_beef_0002, // negative quiet NaN with payload
        0x7ff4_0000_0000_0003, // signalling NaN
        0x7fff_ffff_ffff_ffff, // quiet NaN, all payload bits
        0x8000_0000_0000_0000, // -0.0
        0x0000_0000_0000_0005, // subnormal
        0xfff0_0000_0000_0000, // -inf
        0x3ff0_0000_0000_0007, // 1.0000000000000016
    ];
    SPECIAL[i % SPECIAL.len()] ^ ((i as u64) << 40)
}

/// A register block holding the patterns, with sentinels in `ptrs`.
pub fn patterned_regs() -> RegArgs {
    let mut regs = RegArgs::default();
    for (i, r) in regs.ints.iter_mut().enumerate() {
        *r = int_pattern(i);
    }
    for (i, r) in regs.floats.iter_mut().enumerate() {
        *r = float_pattern(i);
    }
    for p in regs.ptrs.iter_mut() {
        *p = SENTINEL as usize as *mut c_void;
    }
    regs
}

/// A frame for `func` over `regs` and `stack`.
pub fn frame(
    func: *const c_void,
    regs: &mut RegArgs,
    stack: &mut [u8],
    stack_ret_offset: u32,
    frame_size: u32,
    flags: u32,
) -> CallFrame {
    CallFrame {
        fn_: func,
        stack_args: stack.as_mut_ptr().cast(),
        regs,
        stack_args_size: stack.len() as u32,
        stack_ret_offset,
        frame_size,
        flags,
    }
}

/// Words as native-endian bytes (the stack area's representation).
pub fn words_to_bytes(words: &[u64]) -> Vec<u8> {
    words.iter().flat_map(|w| w.to_ne_bytes()).collect()
}

/// The word at byte offset `off` of a stack area.
pub fn word_at(bytes: &[u8], off: usize) -> u64 {
    u64::from_ne_bytes(bytes[off..off + 8].try_into().unwrap())
}

/// Runs `f` on a thread with a stack big enough for the largest
/// trampoline (1 MiB of outgoing area) and propagates its panic.
pub fn with_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(16 << 20)
        .spawn(f)
        .expect("spawning a big-stack thread")
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e))
}
