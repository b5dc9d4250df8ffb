//! rgo_make_func_stub: Go-ABI calls into a Rust handler, made through
//! rgo_reflectcall (and through a forwarding fixture that misaligns SP).
#![cfg(feature = "test-fixtures")]

mod common;

use std::cell::UnsafeCell;
use std::ffi::c_void;

use common::*;
use rt_arch::{fixtures, make_func_stub, reflectcall, CallFrame, MakeFuncClosureHeader, RegArgs};

/// What the handler observed on its last call.
#[derive(Default)]
struct Seen {
    calls: u32,
    closure: usize,
    stack_args: usize,
    regs_addr: usize,
    sp: usize,
    regs: RegArgs,
    stack: Vec<u64>,
}

/// A make-func closure: the header the stub reads, then the handler's data.
#[repr(C)]
struct Closure {
    header: MakeFuncClosureHeader,
    /// Stack argument words to read, then stack result words to write.
    arg_words: usize,
    ret_words: usize,
    seen: UnsafeCell<Seen>,
}

impl Closure {
    fn new(arg_words: usize, ret_words: usize) -> Box<Closure> {
        Box::new(Closure {
            header: MakeFuncClosureHeader {
                code: make_func_stub(),
                handler: Some(handler),
            },
            arg_words,
            ret_words,
            seen: UnsafeCell::new(Seen::default()),
        })
    }

    fn func(&self) -> *const c_void {
        (self as *const Closure).cast()
    }

    fn seen(&self) -> &Seen {
        // SAFETY: the handler only runs inside reflectcall, never while this
        // shared borrow is alive.
        unsafe { &*self.seen.get() }
    }
}

fn int_result(i: usize, arg: u64) -> u64 {
    !arg ^ (i as u64)
}

fn float_result(arg: u64) -> u64 {
    arg ^ 0x000f_0000_0000_00f0
}

fn stack_result(i: usize) -> u64 {
    0xfeed_0000_0000_0000 | i as u64
}

/// The current stack pointer.
#[inline(always)]
fn current_sp() -> usize {
    let sp: usize;
    // SAFETY: reads SP into a register; no memory or flags are touched.
    unsafe {
        #[cfg(target_arch = "x86_64")]
        core::arch::asm!("mov {}, rsp", out(reg) sp, options(nomem, nostack, preserves_flags));
        #[cfg(target_arch = "aarch64")]
        core::arch::asm!("mov {}, sp", out(reg) sp, options(nomem, nostack, preserves_flags));
        #[cfg(target_arch = "riscv64")]
        core::arch::asm!("mv {}, sp", out(reg) sp, options(nomem, nostack, preserves_flags));
    }
    sp
}

/// Records its arguments and answers with results derived from them. Must
/// not panic (it is called through the C ABI from assembly).
unsafe extern "C" fn handler(closure: *const c_void, stack_args: *mut c_void, regs: *mut RegArgs) {
    let sp = current_sp();
    // SAFETY: the stub passes the closure it was called through, which the
    // tests build as a `Closure`; no other reference to `seen` is live.
    let c = unsafe { &*closure.cast::<Closure>() };
    let seen = unsafe { &mut *c.seen.get() };
    // SAFETY: the stub passes its own 16-aligned, fully written block.
    let regs = unsafe { &mut *regs };
    let words = stack_args.cast::<u64>();
    seen.calls += 1;
    seen.closure = closure as usize;
    seen.stack_args = stack_args as usize;
    seen.regs_addr = regs as *mut RegArgs as usize;
    seen.sp = sp;
    seen.regs = *regs;
    // SAFETY: each test's frame has arg_words + ret_words words of stack
    // area, which the stub points at.
    seen.stack = (0..c.arg_words)
        .map(|i| unsafe { words.add(i).read_unaligned() })
        .collect();
    for i in 0..c.ret_words {
        // SAFETY: as above.
        unsafe { words.add(c.arg_words + i).write_unaligned(stack_result(i)) };
    }
    for (i, r) in regs.ints.iter_mut().enumerate() {
        *r = int_result(i, *r);
    }
    for r in regs.floats.iter_mut() {
        *r = float_result(*r);
    }
}

/// Makes every call of a test from one place, so the caller's SP (and with
/// it the trampoline's outgoing area) is the same for each.
#[inline(never)]
fn call_at(frame: &CallFrame) {
    // SAFETY: the frames built by the tests describe the handler's or the
    // fixture's layout; regs and stack outlive the call.
    unsafe { reflectcall(frame) }
}

fn check_round_trip(frame_size: u32) {
    let closure = Closure::new(2, 2);
    let (s0, s1) = (0x5151_0000_0000_0000u64, 0x5252_0000_0000_0000u64);
    let mut stack = words_to_bytes(&[s0, s1, SENTINEL, SENTINEL]);
    let mut regs = patterned_regs();
    let input = patterned_regs();
    call_at(&frame(
        closure.func(),
        &mut regs,
        &mut stack,
        16,
        frame_size,
        ALL,
    ));

    let seen = closure.seen();
    assert_eq!(seen.calls, 1);
    assert_eq!(seen.closure, closure.func() as usize, "closure context");
    assert_eq!(seen.regs.ints, input.ints, "register arguments (ints)");
    assert_eq!(
        seen.regs.floats, input.floats,
        "register arguments (floats)"
    );
    assert_eq!(seen.stack, [s0, s1], "stack arguments");
    assert_eq!(seen.regs_addr % 16, 0, "register block alignment");
    assert_eq!(seen.sp % 16, 0, "handler ran on a misaligned stack");

    // The stub's stack_args is the caller's outgoing area: exactly where a
    // Go callee finds its first stack argument.
    let mut probe = patterned_regs();
    call_at(&frame(
        fixtures::args_addr(),
        &mut probe,
        &mut [],
        0,
        frame_size,
        ALL,
    ));
    assert_eq!(seen.stack_args as u64, probe.ints[0], "stack_args pointer");

    for i in 0..N {
        assert_eq!(regs.ints[i], int_result(i, input.ints[i]), "int result {i}");
    }
    for i in 0..F {
        assert_eq!(
            regs.floats[i],
            float_result(input.floats[i]),
            "float result {i}"
        );
    }
    assert_eq!(word_at(&stack, 0), s0);
    assert_eq!(word_at(&stack, 8), s1);
    assert_eq!(word_at(&stack, 16), stack_result(0), "stack result 0");
    assert_eq!(word_at(&stack, 24), stack_result(1), "stack result 1");
}

#[test]
fn handler_sees_arguments_and_its_results_come_back() {
    check_round_trip(32);
}

#[test]
fn handler_round_trip_in_large_frames() {
    with_big_stack(|| {
        for frame_size in [100, 5000, 1 << 20] {
            check_round_trip(frame_size);
        }
    });
}

#[test]
fn register_only_make_func() {
    let closure = Closure::new(0, 0);
    let mut regs = patterned_regs();
    let input = patterned_regs();
    call_at(&frame(closure.func(), &mut regs, &mut [], 0, 16, ALL));
    let seen = closure.seen();
    assert_eq!(seen.regs.ints, input.ints);
    assert_eq!(seen.regs.floats, input.floats);
    for i in 0..N {
        assert_eq!(regs.ints[i], int_result(i, input.ints[i]), "int result {i}");
    }
}

#[test]
fn stub_realigns_a_misaligned_go_stack() {
    // call_shifted calls the make-func closure from an SP 8 bytes off the
    // trampoline's alignment on amd64/riscv64 (and, on arm64, checks the
    // stub leaves the word below its entry SP alone).
    let closure = Closure::new(0, 0);
    let shifted: [*const c_void; 2] = [fixtures::call_shifted_code(), closure.func()];
    for _ in 0..2 {
        let mut regs = patterned_regs();
        let input = patterned_regs();
        call_at(&frame(
            shifted.as_ptr().cast(),
            &mut regs,
            &mut [],
            0,
            16,
            ALL,
        ));
        let seen = closure.seen();
        assert_eq!(seen.closure, closure.func() as usize, "closure context");
        assert_eq!(seen.sp % 16, 0, "handler ran on a misaligned stack");
        assert_eq!(seen.regs_addr % 16, 0, "register block alignment");
        assert_eq!(seen.regs.ints, input.ints);
        assert_eq!(seen.regs.floats, input.floats);
        for i in 0..N {
            assert_eq!(regs.ints[i], int_result(i, input.ints[i]), "int result {i}");
        }
        for i in 0..F {
            assert_eq!(
                regs.floats[i],
                float_result(input.floats[i]),
                "float result {i}"
            );
        }
    }
    assert_eq!(closure.seen().calls, 2);
}

#[test]
fn stub_preserves_callers_callee_saved_registers() {
    // The stub is reached from rgo_reflectcall, inside the pattern-checking
    // helper: nothing the stub or the handler does may leak out.
    let closure = Closure::new(2, 2);
    let mut stack = words_to_bytes(&[1, 2, 3, 4]);
    let mut regs = patterned_regs();
    let f = frame(closure.func(), &mut regs, &mut stack, 16, 64, ALL);
    // SAFETY: the frame describes the handler's layout.
    let lost = unsafe { fixtures::test_callee_saved(&f) };
    assert_eq!(lost, 0, "callee-saved registers lost: mask {lost:#x}");
    assert_eq!(closure.seen().calls, 1);
}
