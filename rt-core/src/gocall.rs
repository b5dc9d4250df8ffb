//! Calls from the runtime into Go code: deferred calls, the program's
//! `rgo.main`, the `Error`/`String` methods of panic values and fmt's
//! operands, and the methods package errors calls.
//!
//! The runtime runs on the system stack; Go code must run on the
//! goroutine's, where its prologue checks apply and where `recover` finds
//! the argument pointer of the deferred call. Both routines here
//! (`rt-arch/asm/runtime/<arch>.S`) therefore switch stacks:
//!
//! ```text
//!   system stack                         goroutine stack (current segment)
//!   | Rust caller                  |     | the Go frame that called the    |
//!   | saved C callee-saved regs    |     | runtime                         |
//!   | saved g.sys_sp, g.go_sp      |     +---------------------------------+ <- g.go_sp
//!   +------------------------------+     | the callee's argument area      |
//!     ^ new g.sys_sp: runtime calls      | (a word call: GOCALL_WORD_ARGS) |
//!       made by the Go code below        | (alignment)                     |
//!       run from here down               +---------------------------------+ <- argp (16-aligned)
//!                                        | (amd64: the return address)     |
//!                                        | the called Go function's frame  |
//! ```
//!
//! `argp` (the stack pointer at the call: the callee's argument pointer,
//! what `recover` compares) is chosen by the
//! Rust side ([`go_stack`]): just below `g.go_sp`, or the top of a fresh
//! segment when the current one has too little room left or the runtime
//! is itself running on it (a caller that did not switch to the system
//! stack, such as hand-written assembly). Either way the callee's incoming
//! argument area, which ABIInternal has the caller reserve above its
//! argument pointer, lies between `argp` and that top: for a function of
//! one word parameter, the fixed frame word and the parameter's spill slot
//! ([`GOCALL_WORD_ARGS`]), which the callee's prologue writes when its
//! stack check fails (a frame that does not fit, or a preemption request
//! from the scheduler's tick) and it calls `rgo_morestack`. Without the
//! room the spill landed on the word above the top: the Go caller's frame,
//! or the record of a segment whose top the call began at (docs/host.md,
//! "The spill slot of a call from the runtime").
//!
//! `rgo_gocall` passes at most one word (the first integer register) and
//! returns two (the first two):
//! enough for `func()` and for `Error`/`String` methods, whose receiver is
//! one interface word and whose string result is two words, assigned to
//! the first integer registers by reflect's ABI assignment (the one
//! implementation the compiler uses too; a test checks the assignment).
//! Calls of any other signature go through rt-arch's `rgo_reflectcall`,
//! moved to the goroutine stack by `rgo_reflectcall_g`
//! ([`reflectcall_on_goroutine`]); [`call_method`] lays such a call of a
//! method out with reflect's cached layout (errors.Is calling `Is(error)
//! bool`, errors.Unwrap calling `Unwrap() error`).

use crate::arch::{REFLECTCALL_CALLEE_ARGP, REFLECTCALL_OVERHEAD};
use crate::stack::{self, Segment};
use crate::g::{current_g, GoRun, G};
use crate::GoString;
use core::mem::MaybeUninit;
use reflect::abi::{Receiver, Step, StepKind, NATIVE};
use reflect::types::{Kind, Method, TypeRef};
use rt_arch::{rgo_call_frame, RegArgs, RGO_CALL_MIN_FRAME, RGO_FIXED_FRAME_SIZE};

/// Bytes above its argument pointer that a call through `rgo_gocall` with
/// a word argument ([`call_word`]) reserves for the callee: its incoming
/// argument area, `RGO_FIXED_FRAME_SIZE` (the fixed frame word: 8 on arm64
/// and riscv64, none on amd64, where the area starts at the argument
/// pointer, above the pushed return address) then the spill slot of the
/// one integer register parameter. The callee's prologue stores that
/// register there when it calls `rgo_morestack`, which copies the area to
/// the new segment; `rgo_lessstack` copies it back. A `func()` has no
/// argument area ([`call_go`], [`call_closure`]).
pub const GOCALL_WORD_ARGS: usize = RGO_FIXED_FRAME_SIZE as usize + 8;

/// Two result words of a Go call (the callee's first two integer
/// registers).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct Words(pub usize, pub usize);

// The assembly reads only the header of `G` (`rgo_abi.h`); the Rust fields
// after it (a `Vec` among them) never cross into it.
#[allow(improper_ctypes)]
extern "C" {
    /// Calls the Go func value `fn_` with its first integer register =
    /// `word`, the closure context register = `fn_`, the goroutine register
    /// = `g` and the stack pointer = `argp` at the call, with `g.sys_sp` set
    /// to the caller's stack for the duration; returns the callee's first
    /// two integer registers. See `rt-arch/asm/runtime/<arch>.S`.
    fn rgo_gocall(g: *mut G, fn_: *const (), argp: usize, word: usize) -> Words;
    /// `rgo_reflectcall(frame)` called with the stack pointer = `argp` on
    /// the goroutine stack and the goroutine register = `g`; see
    /// `rt-arch/asm/runtime/<arch>.S`.
    fn rgo_reflectcall_g(frame: *const rgo_call_frame, g: *mut G, argp: usize);
}

/// Runs `call`, a call from the runtime into Go code, with the run of Go
/// frames that called the runtime recorded in `g.runs` for the collector's
/// stack walk (see [`GoRun`]); `g.go_pc` is that run's again afterwards.
/// A panic recovered outside `call` never comes back here: the recovery
/// drops the record (`Defer::runs`).
///
/// # Safety
/// `g` must be the running goroutine.
pub unsafe fn into_go<R>(g: *mut G, call: impl FnOnce() -> R) -> R {
    // SAFETY: the caller vouches for `g`.
    unsafe {
        let run = GoRun { go_sp: (*g).go_sp, go_pc: (*g).go_pc, segment: (*g).segment };
        (*g).runs.push(run);
        let r = call();
        (*g).runs.pop();
        (*g).go_pc = run.go_pc;
        r
    }
}

/// Where Go code the runtime is about to call runs, given that the call
/// itself (before the callee's own prologue check) needs `need` bytes
/// below `argp` and that the callee's incoming argument area takes `args`
/// bytes above it ([`GOCALL_WORD_ARGS`] for [`call_word`], 0 for a
/// `func()` and for `rgo_reflectcall`, whose trampoline makes the area in
/// its own frame): `(argp, segment entered for the call or null)`, with
/// `argp + args` at most `g.go_sp` (the Go frame that called the runtime
/// is above) or the top of the entered segment (its record is above).
///
/// # Safety
/// `g` must be the running goroutine; a segment returned must be left with
/// [`stack::leave_call_segment`] once the call returned.
pub unsafe fn go_stack(g: *mut G, need: usize, args: usize) -> (usize, *mut Segment) {
    // SAFETY: the caller vouches for `g`.
    unsafe {
        // The real guard: `stackguard` may hold a preemption request.
        let (lo, hi) = ((*g).stack_lo, (*g).stack_hi);
        let guard = lo + stack::GUARD;
        let top = (*g).go_sp;
        let argp = top.saturating_sub(args) & !15;
        let here = crate::arch::current_sp();
        let on_goroutine = (lo..hi).contains(&here);
        if !on_goroutine && top <= hi && argp >= guard.saturating_add(need) {
            return (argp, core::ptr::null_mut());
        }
        // The segment's room above its guard covers `need` below and the
        // argument area above `argp`.
        let seg = stack::enter_call_segment(g, need + args);
        (((*seg).hi - args) & !15, seg)
    }
}

/// Calls the Go func value `fn_` (type `func()`) as goroutine `g` at
/// `argp` (see `rgo_gocall`).
///
/// # Safety
/// `fn_` must be a func value of type `func()`, `g` the running goroutine,
/// and `argp` a 16-aligned address in its current segment with everything
/// below it free.
pub unsafe fn call_go(g: *mut G, fn_: *const (), argp: usize) {
    // SAFETY: as the caller promises.
    unsafe { into_go(g, || rgo_gocall(g, fn_, argp, 0)) };
}

/// Calls the Go func value `f` (type `func()`) on the goroutine stack.
/// `at` sees the argument pointer just before the call. A nil `f` panics
/// (a nil dereference, raised by the call as gc raises it).
///
/// # Safety
/// `f` must be a func value of type `func()` or null, `g` the running goroutine,
/// and the runtime must be on the system stack or on a stack the call may
/// not disturb (see [`go_stack`]).
pub unsafe fn call_closure(g: *mut G, f: *const (), at: impl FnOnce(usize)) {
    // SAFETY: as the caller promises; the callee checks its own frame, so
    // the call needs no room beyond the guard.
    unsafe {
        into_go(g, || {
            let (argp, seg) = go_stack(g, 0, 0);
            at(argp);
            rgo_gocall(g, f, argp, 0);
            if !seg.is_null() {
                stack::leave_call_segment(g, seg);
            }
        })
    }
}

/// Whether `mtyp` is `func() string`: the signature of `Error` in `error`
/// and of `String` in `fmt.Stringer`.
pub fn is_string_method(mtyp: TypeRef) -> bool {
    mtyp.as_func().is_some_and(|f| {
        let outs = f.outs.as_slice();
        f.ins.as_slice().is_empty()
            && !f.variadic
            && outs.len() == 1
            && outs[0].kind == Kind::String
            && outs[0].string() == "string"
    })
}

/// Why a method could not be called.
#[derive(Debug, PartialEq, Eq)]
pub enum CallFail {
    /// The method table has no code for it (null `ifn`).
    NoCode,
    /// Its signature has no call layout (or the arguments do not match it).
    Layout,
}


/// Calls method `m` (of type `func() string`) of a value whose interface
/// data word is `word` on the goroutine stack, and returns the string.
///
/// # Safety
/// `m` must be in the method table of the value's type, its `ifn` a Go
/// func value taking the receiver as one interface word, and calling the
/// method must be sound (it runs arbitrary Go code). The runtime must be
/// on the system stack or on a stack the call may not disturb (see
/// [`go_stack`]).
pub unsafe fn call_string_method(m: &Method, word: usize) -> Result<GoString, CallFail> {
    debug_assert!(is_string_method(m.mtyp));
    if m.ifn.is_null() {
        return Err(CallFail::NoCode);
    }
    // SAFETY: as the caller promises; the receiver goes in the first
    // integer register and the string comes back in the first two (checked
    // against reflect's assignment by `string_methods_use_the_first_registers`).
    let r = unsafe { call_word(current_g(), m.ifn, word) };
    Ok(GoString { ptr: r.0 as *const u8, len: r.1 })
}

/// Calls the Go func value `f` on the goroutine stack with `word` in its
/// first integer register (a function of one word-sized parameter, or of
/// none), its argument area ([`GOCALL_WORD_ARGS`]) reserved above the
/// call; returns its first two integer result registers.
///
/// # Safety
/// `f` must be a func value of such a signature, `g` the running
/// goroutine, and the runtime must be on the system stack or on a stack
/// the call may not disturb (see [`go_stack`]).
pub unsafe fn call_word(g: *mut G, f: *const (), word: usize) -> Words {
    // SAFETY: as the caller promises.
    unsafe {
        into_go(g, || {
            let (argp, seg) = go_stack(g, 0, GOCALL_WORD_ARGS);
            let r = rgo_gocall(g, f, argp, word);
            if !seg.is_null() {
                stack::leave_call_segment(g, seg);
            }
            r
        })
    }
}

/// `rgo_reflectcall(frame)` on the running goroutine's stack, with room for
/// the trampoline's frame above the guard: a call of any signature, laid
/// out by reflect.
///
/// # Safety
/// As for `rgo_reflectcall`, and as for [`call_closure`].
pub unsafe fn reflectcall_on_goroutine(frame: &rgo_call_frame) {
    // SAFETY: as the caller promises.
    unsafe { reflectcall_wrapping(frame, None) }
}

/// [`reflectcall_on_goroutine`] for a call that stands for a deferred call
/// whose argument pointer was `wrapper_argp` (a func value reflect made at
/// run time, deferred): when the running panic called it, the callee counts
/// as the deferred call, so `recover` works there, as through Go's
/// wrappers.
///
/// # Safety
/// As for [`reflectcall_on_goroutine`].
pub unsafe fn reflectcall_wrapping(frame: &rgo_call_frame, wrapper_argp: Option<usize>) {
    let trampoline = (frame.frame_size.max(RGO_CALL_MIN_FRAME) as usize).next_power_of_two();
    let g = current_g();
    // SAFETY: as the caller promises.
    unsafe {
        into_go(g, || {
            let (argp, seg) = go_stack(g, trampoline + REFLECTCALL_OVERHEAD, 0);
            if let Some(w) = wrapper_argp {
                crate::g::pass_deferred_call(g, w, argp - REFLECTCALL_CALLEE_ARGP - trampoline);
            }
            rgo_reflectcall_g(frame, g, argp);
            if !seg.is_null() {
                stack::leave_call_segment(g, seg);
            }
        })
    }
}

/// Calls method `m` of a value of dynamic type `recv` whose interface data
/// word is `word`, with the arguments at `args` (one pointer per parameter,
/// to a value of the parameter's type), on the goroutine stack through
/// `rgo_reflectcall`; writes the first result, if any, to `ret`. For
/// methods whose signature `rgo_gocall` cannot carry (the `Is(error) bool`
/// and `As(any) bool` methods errors.Is and errors.As call).
///
/// # Safety
/// `m` must be in the method table of `recv`, its `ifn` a Go func value
/// taking the receiver as one interface word; `args` must match `m`'s
/// parameters and `ret` (unless null) have room for its first result.
/// Calling the method must be sound, and the runtime must be on the system
/// stack (see [`call_string_method`]).
pub unsafe fn call_method(
    m: &Method,
    recv: TypeRef,
    word: usize,
    args: &[*const u8],
    ret: *mut u8,
) -> Result<(), CallFail> {
    if m.ifn.is_null() {
        return Err(CallFail::NoCode);
    }
    let l = reflect::layout::layout(m.mtyp, Some(Receiver::InterfaceWord(recv))).map_err(|_| CallFail::Layout)?;
    let recv_word = &word as *const usize as *const u8;
    let all: alloc::vec::Vec<*const u8> = core::iter::once(recv_word).chain(args.iter().copied()).collect();
    // SAFETY: as the caller promises.
    unsafe { call_laid_out(&l, m.ifn, &all, &[ret], None) }
}

/// Calls the Go func value `f` of type `ftyp` with the arguments at `args`
/// (one pointer per parameter, to a value of its type) on the goroutine
/// stack through `rgo_reflectcall`, stack-assigned results included (their
/// room is reserved); writes the first result, if any, to `ret`.
///
/// # Safety
/// `f` must be a func value of type `ftyp` and `args` match its
/// parameters; `ret` (unless null) must have room for its first result.
/// Calling it must be sound, and the runtime must be on the system stack.
pub unsafe fn call_func(ftyp: TypeRef, f: *const (), args: &[*const u8], ret: *mut u8) -> Result<(), CallFail> {
    let l = reflect::layout::layout(ftyp, None).map_err(|_| CallFail::Layout)?;
    // SAFETY: as the caller promises.
    unsafe { call_laid_out(&l, f, args, &[ret], None) }
}

/// The call of `f` laid out by `l`, with `args` as for [`call_func`];
/// result `i` goes to `rets[i]` (null or missing: dropped). With
/// `wrapper_argp`, the call stands for that deferred call (see
/// [`reflectcall_wrapping`]).
///
/// # Safety
/// As for [`call_func`].
pub(crate) unsafe fn call_laid_out(
    l: &reflect::layout::Layout,
    f: *const (),
    args: &[*const u8],
    rets: &[*mut u8],
    wrapper_argp: Option<usize>,
) -> Result<(), CallFail> {
    let abi = &l.abi;
    if args.len() != abi.call.values.len() {
        return Err(CallFail::Layout);
    }
    // SAFETY: as the caller promises: each source holds a value of the
    // type its steps were laid out for (the receiver word included), and
    // each result pointer has room for its result.
    unsafe {
        call_with(
            l,
            f,
            wrapper_argp,
            |regs, sp| {
                for (i, &a) in args.iter().enumerate() {
                    store_value(abi.call.steps_of(i), a, regs, sp);
                }
            },
            |regs, sp| {
                for (i, &ret) in rets.iter().enumerate().take(abi.ret.values.len()) {
                    if !ret.is_null() {
                        load_value(abi.ret.steps_of(i), ret, regs, sp);
                    }
                }
            },
        );
    }
    Ok(())
}

/// The call of `f` laid out by `l`: `store` moves the arguments into the
/// register block and the stack area (each [`store_value`]), the call runs
/// on the goroutine stack, and `load` takes the results from the same
/// places (each [`load_value`]). With `wrapper_argp`, the call stands for
/// that deferred call (see [`reflectcall_wrapping`]).
///
/// # Safety
/// `f` must be a func value whose signature `l` lays out, and `store` must
/// give it arguments of its parameter types; calling it must be sound and
/// the runtime must be on the system stack.
pub(crate) unsafe fn call_with(
    l: &reflect::layout::Layout,
    f: *const (),
    wrapper_argp: Option<usize>,
    store: impl FnOnce(*mut RegArgs, *mut u8),
    load: impl FnOnce(*const RegArgs, *const u8),
) {
    let abi = &l.abi;
    // The register block is left uninitialised (the assembly loads every
    // register from it, and only those `store` sets reach the callee) and
    // is only ever touched through raw pointers: its words become
    // initialised as `store` writes them and as the call spills its result
    // registers, all of them, before `load` reads any.
    let mut block = MaybeUninit::<RegArgs>::uninit();
    let regs = block.as_mut_ptr();
    // The stack area: in this frame when small (most calls have none).
    let words = abi.stack_size.div_ceil(8);
    let mut small = [0u64; 8];
    let mut big: alloc::vec::Vec<u64>;
    let sp = if words <= small.len() {
        small.as_mut_ptr().cast::<u8>()
    } else {
        big = alloc::vec![0u64; words];
        big.as_mut_ptr().cast::<u8>()
    };
    store(regs, sp);
    // SAFETY: `regs` points at the block in this frame.
    unsafe { (*regs).return_is_ptr = (abi.out_reg_ptrs as u16).to_le_bytes() };
    let frame = rgo_call_frame {
        fn_: f.cast(),
        stack_args: sp.cast(),
        regs,
        stack_args_size: abi.stack_size as u32,
        stack_ret_offset: abi.ret_offset as u32,
        frame_size: l.frame_size,
        flags: l.flags,
    };
    // SAFETY: the frame lays out a call of `f` (as the caller promises)
    // by its layout.
    unsafe { reflectcall_wrapping(&frame, wrapper_argp) };
    load(regs, sp);
}

/// Moves the value at `src` into its registers and stack slots (reflect's
/// `marshal::store` for the native target). Only the block's words the
/// steps name are written; none is read.
///
/// # Safety
/// `src` must hold a value the steps were laid out for; `regs` must point
/// at a register block (initialised or not) and `stack` cover every
/// `Stack` step.
#[inline(always)]
pub(crate) unsafe fn store_value(steps: &[Step], src: *const u8, regs: *mut RegArgs, stack: *mut u8) {
    for s in steps {
        let (off, size, reg) = (s.offset as usize, s.size as usize, s.reg as usize);
        // SAFETY: the steps stay inside the value, the stack area and the
        // block's arrays (indexing an array place through a raw pointer
        // makes no reference to the block).
        unsafe {
            if s.kind == StepKind::Stack {
                core::ptr::copy_nonoverlapping(src, stack.add(s.stack_offset as usize), size);
                continue;
            }
            let w = read_word(src.add(off), size);
            match s.kind {
                StepKind::FloatReg => {
                    (*regs).floats[reg] = if size == 4 { NATIVE.float32_in_reg.box_bits(w as u32) } else { w };
                }
                _ => {
                    (*regs).ints[reg] = w;
                    if s.kind == StepKind::Pointer {
                        (*regs).ptrs[reg] = w as *mut _;
                    }
                }
            }
        }
    }
}

/// Moves a value from its registers and stack slots to `dst`.
///
/// # Safety
/// `dst` must have room for the value; `regs` must point at a register
/// block whose words the steps name are initialised, and `stack` cover
/// every `Stack` step.
#[inline(always)]
pub(crate) unsafe fn load_value(steps: &[Step], dst: *mut u8, regs: *const RegArgs, stack: *const u8) {
    for s in steps {
        let (off, size) = (s.offset as usize, s.size as usize);
        let w = match s.kind {
            StepKind::Stack => {
                // SAFETY: as the caller promises.
                unsafe { core::ptr::copy_nonoverlapping(stack.add(s.stack_offset as usize), dst, size) };
                continue;
            }
            // SAFETY: the register words a result's steps name were
            // written (by the store or the call's spill).
            StepKind::FloatReg => unsafe { (*regs).floats[s.reg as usize] },
            StepKind::IntReg | StepKind::Pointer => unsafe { (*regs).ints[s.reg as usize] },
        };
        // SAFETY: the step stays inside the value.
        unsafe { write_word(dst.add(off), size, w) };
    }
}

/// The `size` bytes (at most 8) at `p` as the low bytes of a register
/// word: a whole word inline, the usual case, the other sizes out of line
/// (as arms of one match they became a jump table on every step).
///
/// # Safety
/// `p` must be readable for `size` bytes.
#[inline(always)]
unsafe fn read_word(p: *const u8, size: usize) -> u64 {
    // SAFETY: as the caller promises.
    unsafe {
        if size == 8 {
            p.cast::<u64>().read_unaligned()
        } else {
            read_part(p, size)
        }
    }
}

/// [`read_word`] of fewer than 8 bytes.
///
/// # Safety
/// As for [`read_word`].
#[cold]
#[inline(never)]
unsafe fn read_part(p: *const u8, size: usize) -> u64 {
    // SAFETY: as the caller promises.
    unsafe {
        match size {
            4 => u64::from(p.cast::<u32>().read_unaligned()),
            2 => u64::from(p.cast::<u16>().read_unaligned()),
            1 => u64::from(p.read()),
            _ => {
                let mut w = [0u8; 8];
                core::ptr::copy_nonoverlapping(p, w.as_mut_ptr(), size.min(8));
                u64::from_le_bytes(w)
            }
        }
    }
}

/// Writes the low `size` bytes (at most 8) of the register word `w` to
/// `p`, as [`read_word`] reads them.
///
/// # Safety
/// `p` must be writable for `size` bytes.
#[inline(always)]
unsafe fn write_word(p: *mut u8, size: usize, w: u64) {
    // SAFETY: as the caller promises.
    unsafe {
        if size == 8 {
            p.cast::<u64>().write_unaligned(w)
        } else {
            write_part(p, size, w)
        }
    }
}

/// [`write_word`] of fewer than 8 bytes.
///
/// # Safety
/// As for [`write_word`].
#[cold]
#[inline(never)]
unsafe fn write_part(p: *mut u8, size: usize, w: u64) {
    // SAFETY: as the caller promises.
    unsafe {
        match size {
            4 => p.cast::<u32>().write_unaligned(w as u32),
            2 => p.cast::<u16>().write_unaligned(w as u16),
            1 => p.write(w as u8),
            _ => core::ptr::copy_nonoverlapping(w.to_le_bytes().as_ptr(), p, size.min(8)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;
    use alloc::vec::Vec;
    use reflect::abi::{FuncAbi, Receiver, StepKind, NATIVE};
    use reflect::types::{self, MethodSpec};
    use reflect::{make_func, Value};
    use rt_arch::RegArgs;

    /// The goroutine register seen by Go code called through the runtime:
    /// calls `closure` (a `func() uintptr`) and returns its result.
    ///
    /// # Safety
    /// `closure` must be a Go func value of type `func() uintptr`.
    unsafe fn call_uintptr(closure: *const core::ffi::c_void) -> u64 {
        // SAFETY: zero bits are a valid register block.
        let mut regs: RegArgs = unsafe { core::mem::zeroed() };
        let frame = rgo_call_frame {
            fn_: closure,
            stack_args: core::ptr::null_mut(),
            regs: &mut regs,
            stack_args_size: 0,
            stack_ret_offset: 0,
            frame_size: 0,
            flags: 0,
        };
        // SAFETY: a register-only call with no arguments and one int result.
        unsafe { reflectcall_on_goroutine(&frame) };
        regs.ints[0]
    }

    #[test]
    fn go_code_sees_the_goroutine() {
        // SAFETY: the fixture is a `func() uintptr` returning its goroutine register.
        let seen = unsafe { call_uintptr(rt_arch::fixtures::g()) };
        assert_eq!(seen as usize, current_g() as usize);
    }

    #[test]
    fn go_code_runs_on_the_goroutine_stack() {
        let g = current_g();
        // SAFETY: the fixture is a `func() uintptr` returning its argument
        // pointer (its stack pointer on entry + 8).
        let argp = unsafe { call_uintptr(rt_arch::fixtures::args_addr()) } as usize;
        // SAFETY: read only.
        let (lo, hi) = unsafe { ((*g).stack_lo, (*g).stack_hi) };
        assert!((lo..hi).contains(&argp), "argp {argp:#x} not in the goroutine's segment [{lo:#x}, {hi:#x})");
    }

    #[test]
    fn a_full_segment_moves_the_call_to_a_new_one() {
        let g = current_g();
        // SAFETY: the test thread's goroutine; pretend Go code called the
        // runtime with its stack pointer just above the guard.
        unsafe {
            let first = (*g).segment;
            let saved = (*g).go_sp;
            (*g).go_sp = (*g).stackguard + 64;
            let argp = call_uintptr(rt_arch::fixtures::args_addr()) as usize;
            assert_eq!((*g).segment, first, "the call's segment was left");
            let next = (*first).next;
            assert!(!next.is_null());
            assert!(((*next).lo..(*next).hi).contains(&argp));
            (*g).go_sp = saved;
        }
    }

    #[test]
    fn a_word_call_leaves_the_callee_s_argument_area_below_its_caller() {
        // A callee of one word parameter spills it into its argument area
        // when its prologue calls rgo_morestack (a frame that does not
        // fit, or a preemption request): that area must lie below the Go
        // frame that called the runtime (go_sp) and below the record at
        // the top of a segment. The fixture returns where its area starts.
        let g = current_g();
        // SAFETY: the test thread's goroutine; pretend Go code called the
        // runtime at each of these stack pointers (nothing is there).
        unsafe {
            let saved = (*g).go_sp;
            let first = (*g).segment;
            let (lo, hi) = ((*g).stack_lo, (*g).stack_hi);
            // The top of the segment (where the host's calls begin), a Go
            // frame's stack pointer 8-aligned only (amd64 at a call) and
            // 16-aligned, and one too close to the guard (the call moves
            // to the top of a new segment).
            for top in [hi, hi - 200, hi - 208, lo + stack::GUARD + 8] {
                (*g).go_sp = top;
                let area = call_word(g, rt_arch::fixtures::args_addr().cast(), 0).0;
                assert_eq!((*g).segment, first, "the call's segment was left");
                let limit = if (lo..hi).contains(&area) {
                    top
                } else {
                    let next = (*first).next;
                    assert!(!next.is_null() && ((*next).lo..(*next).hi).contains(&area), "{area:#x}");
                    (*next).hi
                };
                assert!(area + 8 <= limit, "go_sp {top:#x}: the spill slot at {area:#x} is not below {limit:#x}");
                assert_eq!(((*first).lo, (*first).hi), (lo, hi), "the segment's record is intact");
            }
            (*g).go_sp = saved;
        }
    }

    #[test]
    fn string_methods_are_called_with_the_receiver_word() {
        let word_t = &types::UNSAFE_POINTER;
        let sig = types::func_of(&[], &[&types::STRING], false);
        assert!(is_string_method(sig));
        assert!(!is_string_method(types::func_of(&[&types::INT], &[&types::STRING], false)));
        // `type E int` with `func (e E) Error() string`: the receiver word
        // points at the int.
        let error = make_func(types::func_of(&[word_t], &[&types::STRING], false), |a| {
            // SAFETY: the receiver word of a non-pointer-shaped E points at it.
            let n = unsafe { *(a[0].pointer() as *const i64) };
            let mut s = String::from("error ");
            s.push_str(if n == 7 { "seven" } else { "other" });
            Vec::from([Value::from_string(s)])
        });
        let e = types::named(
            "main.E",
            &types::INT,
            Vec::from([MethodSpec {
                name: "Error".into(),
                mtyp: sig,
                ifn: error.pointer() as *const (),
                tfn: core::ptr::null(),
            }]),
        );
        let seven = 7i64;
        // SAFETY: the method is E's, the word points at an E.
        let s = unsafe { call_string_method(&e.methods()[0], &seven as *const i64 as usize) }.unwrap();
        // SAFETY: the make-func closure returned a leaked Rust string.
        assert_eq!(unsafe { s.as_bytes() }, b"error seven");
    }

    #[test]
    fn string_methods_use_the_first_registers() {
        // Whatever the receiver's type, a `func() string` method called
        // through an interface word takes it in the first integer register
        // and returns the string in the first two: what rgo_gocall passes.
        let sig = types::func_of(&[], &[&types::STRING], false);
        let big = types::struct_of(&[types::Field::new("a", &types::INT), types::Field::new("b", &types::FLOAT64)]);
        for recv in [&types::INT as TypeRef, &types::STRING, big, types::pointer_to(&types::INT)] {
            let abi = FuncAbi::new(NATIVE, sig, Some(Receiver::InterfaceWord(recv))).unwrap();
            let ins: Vec<_> = abi.call.steps_of(0).iter().map(|s| (s.kind, s.reg)).collect();
            assert_eq!(ins.len(), 1);
            assert!(matches!(ins[0].0, StepKind::IntReg | StepKind::Pointer) && ins[0].1 == 0, "{ins:?}");
            let outs: Vec<_> = abi.ret.steps_of(0).iter().map(|s| (s.kind, s.reg, s.offset)).collect();
            assert_eq!(outs.len(), 2, "{outs:?}");
            assert!(matches!(outs[0].0, StepKind::IntReg | StepKind::Pointer) && outs[0].1 == 0 && outs[0].2 == 0);
            assert!(matches!(outs[1].0, StepKind::IntReg | StepKind::Pointer) && outs[1].1 == 1 && outs[1].2 == 8);
            assert_eq!(abi.stack_size, 0);
        }
    }
}
