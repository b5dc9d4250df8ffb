//! rt-arch's direct calls against the hand-written ABIInternal fixtures:
//! the register counts each shape takes (only the first `n` integer and
//! `m` float registers are operands), and what a callee that destroys
//! every register it may leaves of the caller's values.
#![cfg(feature = "test-fixtures")]

mod common;

use std::hint::black_box;

use common::*;
use rt_arch::direct::{self, Regs};
use rt_arch::fixtures;

/// What the clobber fixture leaves in every argument register.
const MARK: u64 = 0x0bad_c0de_0000_0000;

/// A register block with every register at `SENTINEL`.
fn sentinel_regs() -> Regs {
    Regs { ints: [SENTINEL; N], floats: [SENTINEL; F] }
}

/// Checks the registers after a call of the clobber fixture with the first
/// `n` integer and `m` float registers as operands: those come back with
/// the fixture's mark; the others are either left alone or (for the shapes
/// that round the counts up to groups) read back from the callee too.
fn check_counts(regs: &Regs, n: usize, m: usize, exact: bool) {
    for (i, &w) in regs.ints.iter().enumerate() {
        if i < n {
            assert_eq!(w, MARK, "int register {i} of {n}");
        } else if exact {
            assert_eq!(w, SENTINEL, "int register {i} beyond {n}: left alone");
        } else {
            assert!(w == SENTINEL || w == MARK, "int register {i} beyond {n}: {w:#x}");
        }
    }
    for (i, &w) in regs.floats.iter().enumerate() {
        if i < m {
            assert_eq!(w, MARK, "float register {i} of {m}");
        } else {
            assert!(w == SENTINEL || w == MARK, "float register {i} beyond {m}: {w:#x}");
        }
    }
}

/// Values of the caller that are live across the call, more than there
/// are registers: if a shape failed to declare a register the callee
/// destroys, the compiler could keep one of these in it.
fn live_across(call: impl FnOnce()) {
    let xs: [u64; 40] = black_box(std::array::from_fn(int_pattern));
    let fs: [f64; 40] = black_box(std::array::from_fn(|i| (i as f64 + 0.5) * 1.25));
    let (mut x2, mut f2) = (xs, fs);
    for i in 0..40 {
        x2[i] = x2[i].rotate_left(i as u32) ^ 0x5a5a;
        f2[i] = f2[i] * 3.0 - 1.0;
    }
    call();
    for i in 0..40 {
        assert_eq!(x2[i], xs[i].rotate_left(i as u32) ^ 0x5a5a, "live integer {i}");
        assert_eq!(f2[i], fs[i] * 3.0 - 1.0, "live float {i}");
    }
}

#[test]
fn call_ints_passes_and_reads_back_exactly_n_registers() {
    for n in 0..=N {
        let mut regs = sentinel_regs();
        let n_dyn = black_box(n);
        live_across(|| {
            // SAFETY: clobber is func(), uses no stack area and no spill
            // area; extra argument registers are ignored by it.
            unsafe { direct::call_ints(fixtures::clobber(), &mut regs.ints, n_dyn) }
        });
        check_counts(&regs, n, 0, true);
    }
}

#[test]
fn call_regs_passes_at_least_n_and_m_registers() {
    for n in 0..=N {
        for m in 0..=F {
            let mut regs = sentinel_regs();
            let (n_dyn, m_dyn) = black_box((n, m));
            live_across(|| {
                // SAFETY: as above.
                unsafe { direct::call_regs(fixtures::clobber(), &mut regs, n_dyn, m_dyn) }
            });
            check_counts(&regs, n, m, false);
        }
    }
}

#[test]
fn call_stack_passes_at_least_n_and_m_registers() {
    for n in 0..=N {
        for m in [0, 1, F / 2, F] {
            let mut regs = sentinel_regs();
            let mut area = [7u64, 8];
            let (n_dyn, m_dyn) = black_box((n, m));
            live_across(|| {
                // SAFETY: as above; the area is two words, far below FRAME.
                unsafe { direct::call_stack(fixtures::clobber(), &mut regs, area.as_mut_ptr(), 2, n_dyn, m_dyn) }
            });
            check_counts(&regs, n, m, false);
            // The fixture writes no stack result: the area comes back as it went.
            assert_eq!(area, [7, 8]);
        }
    }
}

#[test]
fn every_integer_register_in_order_with_all_of_them() {
    // echo_int_regs reverses all N registers; with n = N every one is an
    // operand, in the spec's order.
    let mut regs = sentinel_regs();
    for (i, w) in regs.ints.iter_mut().enumerate() {
        *w = int_pattern(i);
    }
    // SAFETY: echo_int_regs takes and returns N integer registers.
    unsafe { direct::call_ints(fixtures::echo_int_regs(), &mut regs.ints, N) };
    for k in 0..N {
        assert_eq!(regs.ints[k], int_pattern(N - 1 - k), "result register {k}");
    }
    let mut regs = sentinel_regs();
    for (i, w) in regs.floats.iter_mut().enumerate() {
        *w = float_pattern(i);
    }
    // SAFETY: echo_float_regs takes and returns F float registers.
    unsafe { direct::call_regs(fixtures::echo_float_regs(), &mut regs, 0, F) };
    for k in 0..F {
        assert_eq!(regs.floats[k], float_pattern(F - 1 - k), "float result register {k}");
    }
}
