//! rgo_reflectcall against the hand-written ABIInternal fixtures.
#![cfg(feature = "test-fixtures")]

mod common;

use std::ffi::c_void;

use common::*;
use rt_arch::{
    fixtures, reflectcall, trampoline_size, RegArgs, RGO_CALL_FLOAT_ARGS, RGO_CALL_FLOAT_RESULTS,
    RGO_CALL_MAX_FRAME, RGO_CALL_MIN_FRAME, RGO_CALL_PTR_RESULTS,
};

/// Calls `func` with `regs` and `stack`.
fn call(
    func: *const c_void,
    regs: &mut RegArgs,
    stack: &mut [u8],
    ret_off: u32,
    frame_size: u32,
    flags: u32,
) {
    let f = frame(func, regs, stack, ret_off, frame_size, flags);
    // SAFETY: the fixtures follow ABIInternal for the layouts each test
    // builds; regs and stack outlive the call; frame sizes cover the
    // fixtures' stack use, and tests with big frames run on big stacks.
    unsafe { reflectcall(&f) }
}

#[test]
fn echo_int_regs_reverses_every_integer_register() {
    let mut regs = patterned_regs();
    let input = regs.ints;
    call(fixtures::echo_int_regs(), &mut regs, &mut [], 0, 16, ALL);
    for k in 0..N {
        assert_eq!(regs.ints[k], input[N - 1 - k], "result register {k}");
    }
}

#[test]
fn echo_float_regs_reverses_every_float_register_bitwise() {
    let mut regs = patterned_regs();
    let input = regs.floats;
    call(fixtures::echo_float_regs(), &mut regs, &mut [], 0, 16, ALL);
    for k in 0..F {
        assert_eq!(
            regs.floats[k],
            input[F - 1 - k],
            "result register {k}: {:#018x} vs {:#018x}",
            regs.floats[k],
            input[F - 1 - k]
        );
    }
}

#[test]
fn float_results_are_not_stored_without_the_flag() {
    let mut regs = patterned_regs();
    let before = regs.floats;
    call(
        fixtures::echo_float_regs(),
        &mut regs,
        &mut [],
        0,
        16,
        RGO_CALL_FLOAT_ARGS,
    );
    assert_eq!(
        regs.floats, before,
        "float results written without RGO_CALL_FLOAT_RESULTS"
    );
    // Integer results are always stored: echo_float_regs leaves the int
    // argument registers alone, so they come back as they went in.
    assert_eq!(regs.ints, patterned_regs().ints);
}

#[test]
fn float_args_are_loaded_only_with_the_flag() {
    // With only FLOAT_RESULTS, the callee sees whatever the float registers
    // held rather than the block, so the echoed results are not the block
    // reversed (the block's NaN payloads cannot appear there by chance).
    let mut regs = patterned_regs();
    let input = regs.floats;
    call(
        fixtures::echo_float_regs(),
        &mut regs,
        &mut [],
        0,
        16,
        RGO_CALL_FLOAT_RESULTS,
    );
    let reversed: Vec<u64> = input.iter().rev().copied().collect();
    assert_ne!(regs.floats.to_vec(), reversed);
    // And with both flags the same call does reverse the block.
    let mut regs = patterned_regs();
    call(
        fixtures::echo_float_regs(),
        &mut regs,
        &mut [],
        0,
        16,
        RGO_CALL_FLOAT_ARGS | RGO_CALL_FLOAT_RESULTS,
    );
    assert_eq!(regs.floats.to_vec(), reversed);
}

#[test]
fn closure_context_register_holds_the_func_value() {
    let mut regs = patterned_regs();
    let func = fixtures::ctx();
    call(func, &mut regs, &mut [], 0, 16, ALL);
    assert_eq!(regs.ints[0], func as u64);
}

/// Stack arguments s0, s1 after the N register arguments.
fn check_stack_args(frame_size: u32) {
    let (s0, s1) = (
        0x5eed_0000_0000_0001u64 ^ frame_size as u64,
        0x5eed_0000_0000_0002u64,
    );
    let mut stack = words_to_bytes(&[s0, s1]);
    let mut regs = patterned_regs();
    call(
        fixtures::stack_args(),
        &mut regs,
        &mut stack,
        16,
        frame_size,
        ALL,
    );
    assert_eq!(regs.ints[0], s0, "s0 (frame_size {frame_size})");
    assert_eq!(regs.ints[1], s1, "s1 (frame_size {frame_size})");
    // No stack results: the area is left as it was.
    assert_eq!(stack, words_to_bytes(&[s0, s1]));
}

#[test]
fn stack_args_reach_their_slots_for_every_trampoline_size() {
    with_big_stack(|| {
        for frame_size in [16, 100, 5000, 65536, 1 << 20] {
            check_stack_args(frame_size);
        }
    });
}

#[test]
fn stack_results_are_copied_back() {
    with_big_stack(|| {
        for frame_size in [16, 100, 5000, 1 << 20] {
            let s0 = 0x0100_0000_0000_0000u64 + frame_size as u64;
            let mut stack = words_to_bytes(&[s0, SENTINEL]);
            let mut regs = patterned_regs();
            let a = regs.ints;
            call(
                fixtures::stack_results(),
                &mut regs,
                &mut stack,
                8,
                frame_size,
                ALL,
            );
            assert_eq!(regs.ints, a, "register results r_k = a_k");
            assert_eq!(word_at(&stack, 0), s0);
            assert_eq!(word_at(&stack, 8), s0.wrapping_add(a[0]), "t0 = s0 + a0");
        }
    });
}

#[test]
fn partial_word_stack_results_copy_exactly_their_bytes() {
    // stack_args_size = 13: only bytes 8..13 of the result word come back.
    let s0 = 0x1111_2222_3333_4444u64;
    let mut area = words_to_bytes(&[s0, SENTINEL]);
    let mut regs = patterned_regs();
    let t0 = s0.wrapping_add(regs.ints[0]).to_ne_bytes();
    call(
        fixtures::stack_results(),
        &mut regs,
        &mut area[..13],
        8,
        32,
        ALL,
    );
    assert_eq!(word_at(&area, 0), s0);
    assert_eq!(&area[8..13], &t0[..5]);
    assert_eq!(
        &area[13..16],
        &SENTINEL.to_ne_bytes()[5..8],
        "bytes past the area were written"
    );
}

#[test]
fn pointer_results_follow_return_is_ptr() {
    let mut regs = patterned_regs();
    let bits = [0usize, 3, N - 1];
    let mut mask = 0u16;
    for b in bits {
        mask |= 1 << b;
    }
    regs.return_is_ptr = mask.to_le_bytes();
    call(fixtures::echo_int_regs(), &mut regs, &mut [], 0, 16, ALL);
    for i in 0..N {
        let want = if bits.contains(&i) {
            regs.ints[i]
        } else {
            SENTINEL
        };
        assert_eq!(regs.ptrs[i] as u64, want, "ptrs[{i}]");
    }

    // Without the flag, ptrs stay untouched.
    let mut regs = patterned_regs();
    regs.return_is_ptr = mask.to_le_bytes();
    call(
        fixtures::echo_int_regs(),
        &mut regs,
        &mut [],
        0,
        16,
        ALL & !RGO_CALL_PTR_RESULTS,
    );
    assert!(regs.ptrs.iter().all(|&p| p as u64 == SENTINEL));
}

#[test]
fn return_is_ptr_bits_beyond_the_registers_are_ignored() {
    let mut regs = patterned_regs();
    regs.return_is_ptr = [0xff, 0xff];
    call(fixtures::echo_int_regs(), &mut regs, &mut [], 0, 16, ALL);
    for i in 0..N {
        assert_eq!(regs.ptrs[i] as u64, regs.ints[i], "ptrs[{i}]");
    }
    assert_eq!(regs.return_is_ptr, [0xff, 0xff], "wrote past ptrs[]");
}

/// The outgoing-area address the callee sees for `frame_size`. Always
/// called from this one place so the caller's SP is the same every time.
#[inline(never)]
fn args_addr(frame_size: u32) -> u64 {
    let mut regs = patterned_regs();
    call(
        fixtures::args_addr(),
        &mut regs,
        &mut [],
        0,
        frame_size,
        ALL,
    );
    regs.ints[0]
}

#[test]
fn dispatch_picks_the_smallest_trampoline_that_fits() {
    with_big_stack(|| {
        let base = args_addr(RGO_CALL_MIN_FRAME);
        assert_eq!(base % 8, 0);
        for frame_size in [
            0,
            1,
            15,
            16,
            17,
            32,
            33,
            100,
            128,
            129,
            4095,
            4096,
            4097,
            5000,
            65536,
            65537,
            RGO_CALL_MAX_FRAME - 1,
            RGO_CALL_MAX_FRAME,
        ] {
            let n = trampoline_size(frame_size).unwrap();
            assert!(n >= frame_size && n >= RGO_CALL_MIN_FRAME && n.is_power_of_two());
            let addr = args_addr(frame_size);
            assert_eq!(
                base - addr,
                u64::from(n - RGO_CALL_MIN_FRAME),
                "frame_size {frame_size} should use rgo_call{n}"
            );
        }
    });
    assert_eq!(trampoline_size(RGO_CALL_MAX_FRAME + 1), None);
}

#[test]
fn sp_is_16_byte_aligned_at_the_go_call() {
    // arm64 needs SP 16-aligned at the call; elsewhere it is our choice,
    // and the trampolines keep it too: the area starts 8 bytes above SP on
    // arm64/riscv64 (fixed frame) and at SP on amd64 (after the return
    // address the callee sees its args at SP + 8).
    let addr = args_addr(16);
    let fixed = rt_arch::RGO_FIXED_FRAME_SIZE as u64;
    let sp_at_call = if fixed == 0 { addr } else { addr - fixed };
    assert_eq!(sp_at_call % 16, 0, "SP at the call: {sp_at_call:#x}");
}

#[test]
fn callee_saved_registers_survive_a_clobbering_callee() {
    let mut regs = patterned_regs();
    let f = frame(fixtures::clobber(), &mut regs, &mut [], 0, 16, ALL);
    // SAFETY: clobber is func() with no stack use.
    let lost = unsafe { fixtures::test_callee_saved(&f) };
    assert_eq!(lost, 0, "callee-saved registers lost: mask {lost:#x}");

    // The fixture really clobbers: every result register carries its mark.
    for i in 0..N {
        assert_eq!(
            regs.ints[i], 0x0bad_c0de_0000_0000,
            "int result register {i}"
        );
    }
    for i in 0..F {
        assert_eq!(
            regs.floats[i], 0x0bad_c0de_0000_0000,
            "float result register {i}"
        );
    }
}

#[test]
fn callee_saved_registers_survive_every_fixture() {
    with_big_stack(|| {
        let mut stack = words_to_bytes(&[1, 2]);
        for func in [
            fixtures::echo_int_regs(),
            fixtures::echo_float_regs(),
            fixtures::stack_args(),
            fixtures::ctx(),
        ] {
            for frame_size in [16, 5000, 1 << 20] {
                let mut regs = patterned_regs();
                let f = frame(func, &mut regs, &mut stack, 16, frame_size, ALL);
                // SAFETY: all four fixtures accept this layout (extra
                // arguments are ignored) and the stack is big.
                let lost = unsafe { fixtures::test_callee_saved(&f) };
                assert_eq!(lost, 0, "mask {lost:#x} (frame_size {frame_size})");
            }
        }
    });
}

/// Calls rgo_reflectcall with the goroutine register set to `g` and returns
/// the register's value after the call.
fn call_with_g(frame: &rt_arch::CallFrame, g: u64) -> u64 {
    let after: u64;
    // SAFETY: rgo_reflectcall is a C-ABI function; clobber_abi("C") covers
    // every register it may change, and the goroutine register is a
    // callee-saved register it restores. The frame describes fixtures::g.
    unsafe {
        #[cfg(target_arch = "x86_64")]
        core::arch::asm!(
            "call {f}",
            f = sym rt_arch::rgo_reflectcall,
            in("rdi") frame as *const _,
            inout("r14") g => after,
            clobber_abi("C"),
        );
        #[cfg(target_arch = "aarch64")]
        core::arch::asm!(
            "bl {f}",
            f = sym rt_arch::rgo_reflectcall,
            in("x0") frame as *const _,
            inout("x28") g => after,
            clobber_abi("C"),
        );
        #[cfg(target_arch = "riscv64")]
        core::arch::asm!(
            "call {f}",
            f = sym rt_arch::rgo_reflectcall,
            in("a0") frame as *const _,
            inout("s11") g => after,
            clobber_abi("C"),
        );
    }
    after
}

#[test]
fn goroutine_register_passes_through() {
    const G: u64 = 0x6060_6060_0000_0042;
    let mut regs = patterned_regs();
    let f = frame(fixtures::g(), &mut regs, &mut [], 0, 16, ALL);
    let after = call_with_g(&f, G);
    assert_eq!(after, G, "goroutine register not preserved");
    assert_eq!(
        regs.ints[0], G,
        "callee did not see the caller's goroutine register"
    );
}
