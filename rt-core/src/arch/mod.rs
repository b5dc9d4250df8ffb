//! The processor under the runtime: everything that differs between
//! amd64, arm64 and riscv64 on the Rust side, one file per architecture
//! exporting the same items (as corosensei's `src/arch/*.rs` do):
//!
//! - `syscall1`, `syscall3`, `syscall6`: the system call instruction, with
//!   the kernel's register convention (the call numbers are the OS's, see
//!   [`crate::os`]).
//! - `clone_thread(n, flags, stack, f, arg)`: the `clone` system call
//!   (number `n`) making a thread whose child starts on `stack` (16-aligned:
//!   its top) by calling `f(arg)`, which never returns; the parent gets the
//!   child's id or minus the error number. The parent/child thread-id and
//!   TLS arguments are 0 (`flags` asks for none of them); a board's OS
//!   layer makes no threads.
//! - [`current_sp`]: the stack pointer of the calling code.
//! - [`sqrt`]: the hardware square root (as gc compiles `math.Sqrt`), and
//!   the NaNs the hardware gives ([`DEFAULT_NAN`], [`PROPAGATES_NAN`]).
//! - `UCONTEXT_PC`, `UCONTEXT_SP`, `UCONTEXT_G`: where the interrupted
//!   pc, stack pointer and goroutine register sit in the `ucontext_t` a
//!   signal handler receives; [`inject_call`]: rewrites that context so the
//!   interrupted instruction seems to have called a routine.
//! - How a function entered through `rgo_morestack` finds its frame
//!   ([`CALL_PUSH`], [`morestack_entry`]) and how much stack `rgo_reflectcall`
//!   uses beyond its trampoline's frame ([`REFLECTCALL_OVERHEAD`]) and where
//!   the callee's argument pointer falls ([`REFLECTCALL_CALLEE_ARGP`]).
//!
//! The assembly side (the transitions between Rust and Go code, `_start`)
//! is `rt-arch/asm/runtime/<arch>.S`, assembled by rt-core's build.rs.

#[cfg(target_arch = "x86_64")]
mod amd64;
#[cfg(target_arch = "x86_64")]
pub use amd64::*;

#[cfg(target_arch = "aarch64")]
mod arm64;
#[cfg(target_arch = "aarch64")]
pub use arm64::*;

#[cfg(target_arch = "riscv64")]
mod riscv64;
#[cfg(target_arch = "riscv64")]
pub use riscv64::*;

#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64", target_arch = "riscv64")))]
compile_error!("rt-core supports amd64, arm64 and riscv64");

/// For the ISAs whose calls leave the return address in a register
/// (arm64's LR, riscv64's RA): pushes that register of the interrupted
/// context `ctx` 16 bytes below its stack pointer, for a fault in a
/// frameless leaf (`inject_call`, then `frameless_return`, read it there).
/// False, with nothing changed, when the push would go below `lo`.
///
/// # Safety
/// `ctx` must be a signal handler's `ucontext_t` whose stack pointer lies
/// in a live goroutine stack segment starting at `lo`.
#[cfg(any(target_arch = "aarch64", target_arch = "riscv64"))]
unsafe fn push_link_register(ctx: *mut u8, lo: usize) -> bool {
    // SAFETY: as the caller promises; `sp - 16` is checked to lie in the
    // segment, below the interrupted frame's stack pointer, so nothing
    // live is overwritten.
    unsafe {
        let sp = context_word(ctx, UCONTEXT_SP);
        if sp < lo + 16 {
            return false;
        }
        ((sp - 16) as *mut usize).write(context_word(ctx, UCONTEXT_LR));
        set_context_word(ctx, UCONTEXT_SP, sp - 16);
    }
    true
}

/// Reads a word of an interrupted context.
///
/// # Safety
/// `ctx` must be a `ucontext_t` and `off` one of the `UCONTEXT_*` offsets.
pub unsafe fn context_word(ctx: *const u8, off: usize) -> usize {
    // SAFETY: as the caller promises.
    unsafe { (ctx.add(off) as *const usize).read() }
}

/// Writes a word of an interrupted context.
///
/// # Safety
/// As for [`context_word`]; the context must be one the program can resume.
pub unsafe fn set_context_word(ctx: *mut u8, off: usize, v: usize) {
    // SAFETY: as the caller promises.
    unsafe { (ctx.add(off) as *mut usize).write(v) }
}
