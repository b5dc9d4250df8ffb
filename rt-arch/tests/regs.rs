//! rgo_spill_args / rgo_unspill_args in isolation, via rgo_regs_roundtrip.

mod common;

use common::*;
use rt_arch::{regs_roundtrip, RegArgs};

#[test]
fn every_register_survives_unspill_then_spill() {
    let input = patterned_regs();
    let mut out = RegArgs::default();
    out.ints.fill(SENTINEL);
    out.floats.fill(SENTINEL);
    out.return_is_ptr = [0xa5, 0x5a];
    regs_roundtrip(&input, &mut out);

    for i in 0..N {
        assert_eq!(out.ints[i], input.ints[i], "int register {i}");
    }
    for i in 0..F {
        // Compare bits: NaN payloads must come back untouched.
        assert_eq!(
            out.floats[i], input.floats[i],
            "float register {i}: {:#018x}",
            input.floats[i]
        );
    }
    // The block's other fields are not the spill routines' business.
    assert!(out.ptrs.iter().all(|p| p.is_null()));
    assert_eq!(out.return_is_ptr, [0xa5, 0x5a]);
}

#[test]
fn roundtrip_keeps_register_order() {
    // One register at a time carries a marker; a swapped or duplicated
    // register shows up as the marker in the wrong slot.
    for hot in 0..N.max(F) {
        let mut input = RegArgs::default();
        if hot < N {
            input.ints[hot] = 0x1234_5678_9abc_def0;
        }
        if hot < F {
            input.floats[hot] = 0x7ff8_0000_0000_0bad;
        }
        let mut out = RegArgs::default();
        out.ints.fill(SENTINEL);
        out.floats.fill(SENTINEL);
        regs_roundtrip(&input, &mut out);
        assert_eq!(out.ints, input.ints, "marker in int register {hot}");
        assert_eq!(out.floats, input.floats, "marker in float register {hot}");
    }
}

#[test]
fn roundtrip_with_all_ones_and_zeros() {
    for fill in [0u64, u64::MAX] {
        let mut input = RegArgs::default();
        input.ints.fill(fill);
        input.floats.fill(fill);
        let mut out = RegArgs::default();
        out.ints.fill(!fill);
        out.floats.fill(!fill);
        regs_roundtrip(&input, &mut out);
        assert_eq!(out.ints, input.ints);
        assert_eq!(out.floats, input.floats);
    }
}
