//! The runtime side of packages os and syscall, which rgo compiles from
//! GOROOT: the arguments and environment [`crate::process`] recorded from
//! the kernel's initial stack, the system calls (on a board, the OS layer's
//! answers), the fork for exec, exit, SIGPIPE. rgo's runtime package binds
//! each entry and gives it to os and syscall by `//go:linkname`, as gc's
//! runtime does (`toolchain/lib/runtime/syscall.go`).
//!
//! The strings point at the kernel's argument and environment bytes
//! without copying them, as Go's runtime does (`gostringnocopy`); nothing
//! writes to them.

use crate::libvalues::string_slice_cap as string_slice;
use crate::process::c_string;
use crate::slices::grow_cap;
use crate::{GoSlice, GoString};
use alloc::vec::Vec;

/// The strings of the null-terminated array `v` (at most `max`).
///
/// # Safety
/// `v` must be null or a null-terminated array of C strings.
unsafe fn c_strings(v: *const *const u8, max: usize) -> Vec<GoString> {
    let mut out = Vec::new();
    if v.is_null() {
        return out;
    }
    // SAFETY: as the caller promises.
    unsafe {
        let mut i = 0;
        while i < max && !(*v.add(i)).is_null() {
            out.push(c_string(*v.add(i)));
            i += 1;
        }
    }
    out
}

/// The program's arguments (empty before the runtime started, as in tests).
fn args() -> Vec<GoString> {
    let (argc, argv) = crate::process::args();
    // SAFETY: the entry recorded the kernel's argv (or nothing).
    unsafe { c_strings(argv, argc) }
}

/// The environment as the kernel passed it.
fn envs() -> Vec<GoString> {
    // SAFETY: the entry recorded the kernel's envp (or nothing).
    unsafe { c_strings(crate::process::environ(), usize::MAX) }
}

/// Go's `os.Args`: `append([]string{}, argv...)`, so its capacity is what
/// that append gives.
fn args_slice(parts: &[GoString]) -> GoSlice {
    let cap = grow_cap(core::mem::size_of::<GoString>(), 0, parts.len()).map_or(parts.len(), |c| c.0);
    string_slice(parts, if parts.is_empty() { 0 } else { cap })
}

/// `os.Args` as a new `[]string`.
///
/// # Safety
/// `out` must be writable.
#[no_mangle]
pub unsafe extern "C" fn rgo_os_args(out: *mut GoSlice) {
    // SAFETY: as the caller promises.
    unsafe { out.write(args_slice(&args())) };
}

/// `os.Exit(code)`: ends the process at once (deferred calls do not run,
/// nothing is flushed; Go's exit status is the low byte, as the kernel
/// keeps it).
///
/// # Safety
/// None beyond the C ABI.
#[no_mangle]
pub unsafe extern "C" fn rgo_os_exit(code: i64) -> ! {
    crate::os::exit(code as i32)
}

/// The environment as the kernel passed it, every entry (package
/// syscall's `runtime_envs`: syscall's `copyenv` drops duplicates itself).
///
/// # Safety
/// `out` must be writable.
#[no_mangle]
pub unsafe extern "C" fn rgo_envs(out: *mut GoSlice) {
    let e = envs();
    // SAFETY: as the caller promises.
    unsafe { out.write(string_slice(&e, e.len())) };
}

/// What a system call returns to package syscall: the result and the
/// error number (0 for none); on an error the result is all ones, as gc's
/// `Syscall6` gives it.
#[repr(C)]
pub struct SyscallResult {
    pub r1: usize,
    pub errno: usize,
}

impl SyscallResult {
    /// From a raw result: minus the error number in -4095..-1.
    fn of(r: isize) -> SyscallResult {
        if (-4095..0).contains(&r) {
            SyscallResult { r1: usize::MAX, errno: r.unsigned_abs() }
        } else {
            SyscallResult { r1: r as usize, errno: 0 }
        }
    }
}

/// Package syscall's `RawSyscall6(trap, args…)` (rgo's runtime binds it
/// with the six arguments in an array: C passes six integers in registers,
/// and the call number makes seven), its results stored in `*out` (see
/// [`SyscallResult`]). On a board, the OS layer answers (`os::go_syscall`).
///
/// # Safety
/// `args` must point at six words and `out` at two writable ones; the
/// call's own arguments must be valid for it as Linux defines it.
#[no_mangle]
pub unsafe extern "C" fn rgo_syscall(trap: usize, args: *const [usize; 6], out: *mut SyscallResult) {
    // SAFETY: as the caller promises; a runtime call of the running
    // goroutine (between `entersyscall` and `exitsyscall` the call may
    // block: crate::threads makes it where the processor can be handed on).
    unsafe { out.write(SyscallResult::of(crate::threads::syscall(trap, &*args))) }
}

/// [`rgo_syscall`] without the runtime lock, with several processors
/// (`crate::threads::syscall_nolock`): 1 when it made the call, 0 when it
/// declines (the goroutine holds the runtime lock, or the execution tracer
/// records the call).
///
/// # Safety
/// Called by rt-arch's `rgo_rt_try` only, with the running thread's record;
/// otherwise as for [`rgo_syscall`].
#[no_mangle]
pub unsafe extern "C" fn rgo_syscall_nolock(thread: *const crate::g::ThreadHead, trap: usize, args: *const [usize; 6], out: *mut SyscallResult) -> usize {
    // SAFETY: as the caller promises.
    match unsafe { crate::threads::syscall_nolock(thread, trap, &*args) } {
        Some(r) => {
            // SAFETY: as the caller promises.
            unsafe { out.write(SyscallResult::of(r)) };
            1
        }
        None => 0,
    }
}

/// Package syscall's `AllThreadsSyscall6(trap, args…)` (gc's
/// `runtime.syscall_runtime_doAllThreadsSyscall`): the call made on every
/// thread of the process (crate::threads).
///
/// # Safety
/// As for [`rgo_syscall`].
#[no_mangle]
pub unsafe extern "C" fn rgo_all_threads_syscall(trap: usize, args: *const [usize; 6]) -> SyscallResult {
    // SAFETY: as the caller promises.
    SyscallResult::of(unsafe { crate::threads::all_threads_syscall(trap, &*args) })
}

/// Package syscall's `rawSyscallNoError(trap, a1, a2, a3)`: calls that
/// cannot fail (`getuid`); the second word is 0.
///
/// # Safety
/// As for [`rgo_syscall`].
#[no_mangle]
pub unsafe extern "C" fn rgo_syscall_noerror(trap: usize, a1: usize, a2: usize, a3: usize) -> SyscallResult {
    // SAFETY: as the caller promises.
    let r = unsafe { crate::os::go_syscall(trap, &[a1, a2, a3, 0, 0, 0]) };
    SyscallResult { r1: r as usize, errno: 0 }
}

/// Package syscall's `rawVforkSyscall(SYS_CLONE, flags)`, which
/// `os.StartProcess` forks with (`os::fork_for_exec`).
///
/// # Safety
/// The child must only make system calls until it execs or exits, as
/// syscall's `forkAndExecInChild1` does.
#[no_mangle]
pub unsafe extern "C" fn rgo_vfork_syscall(trap: usize, flags: usize) -> SyscallResult {
    // SAFETY: as the caller promises.
    SyscallResult::of(unsafe { crate::os::fork_for_exec(trap, flags) })
}

/// Package syscall's `gettimeofday(tv)` (assembly calling the vDSO in gc
/// on amd64): the runtime's wall clock as seconds and microseconds.
///
/// # Safety
/// `tv` must point at a writable `syscall.Timeval` (two 64-bit words).
#[no_mangle]
pub unsafe extern "C" fn rgo_gettimeofday(tv: *mut [i64; 2]) -> usize {
    let (sec, nsec) = crate::os::walltime();
    // SAFETY: as the caller promises.
    unsafe { tv.write([sec, nsec / 1000]) };
    0
}

/// The runtime's `fastrand` as package os pulls it (`os.fastrand`, for
/// temporary file names): wyrand over one state seeded from the OS's
/// random bytes. M:1, so one state serves every goroutine.
///
/// # Safety
/// None beyond the C ABI.
#[no_mangle]
pub unsafe extern "C" fn rgo_fastrand() -> u32 {
    use core::sync::atomic::{AtomicU64, Ordering};
    static STATE: AtomicU64 = AtomicU64::new(0);
    let mut s = STATE.load(Ordering::Relaxed);
    if s == 0 {
        s = crate::os::random_u64().unwrap_or(0x853c_49e6_748f_ea9b) | 1;
    }
    s = s.wrapping_add(0xa076_1d64_78bd_642f);
    STATE.store(s, Ordering::Relaxed);
    let m = (s as u128).wrapping_mul((s ^ 0xe703_7ed1_a0b4_28db) as u128);
    ((m >> 64) as u64 ^ m as u64) as u32
}

/// Package os's `sigpipe()`: a write to standard output or error found
/// its pipe closed; the program ends killed by `SIGPIPE`, as under gc,
/// unless it ignores `SIGPIPE` or asked for it (`signal.Notify`: then the
/// signal is queued for it and the write only fails with `EPIPE`).
///
/// # Safety
/// None beyond the C ABI.
#[no_mangle]
pub unsafe extern "C" fn rgo_sigpipe() {
    const SIGPIPE: u32 = 13;
    if crate::sigqueue::rgo_signal_ignored(SIGPIPE) || crate::sigqueue::send(SIGPIPE) {
        return;
    }
    crate::os::die_of_sigpipe()
}

/// Package syscall's `Getpagesize()`.
///
/// # Safety
/// None beyond the C ABI.
#[no_mangle]
pub unsafe extern "C" fn rgo_page_size() -> usize {
    crate::os::page_size()
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

    fn gs(s: &'static str) -> GoString {
        GoString { ptr: s.as_ptr(), len: s.len() }
    }

    fn list(v: GoSlice) -> Vec<String> {
        // SAFETY: a []string the functions built.
        let parts = unsafe { core::slice::from_raw_parts(v.ptr as *const GoString, v.len) };
        // SAFETY: Go strings.
        parts.iter().map(|s| String::from_utf8(unsafe { s.as_bytes() }.to_vec()).unwrap()).collect()
    }

    #[test]
    fn c_strings_become_go_strings() {
        let a = b"prog\0-v\0\0";
        let ptrs = [a.as_ptr(), a[5..].as_ptr(), a[8..].as_ptr(), core::ptr::null()];
        // SAFETY: a null-terminated array of NUL-terminated strings.
        let v = unsafe { c_strings(ptrs.as_ptr(), usize::MAX) };
        assert_eq!(v.len(), 3);
        assert_eq!(v[0].ptr, a.as_ptr(), "not copied");
        // SAFETY: as above, limited to argc.
        assert_eq!(unsafe { c_strings(ptrs.as_ptr(), 2) }.len(), 2);
        assert_eq!(list(string_slice(&v, 3)), ["prog", "-v", ""]);
    }

    #[test]
    fn args_capacity_is_appends() {
        // Go 1.19: cap(os.Args) for 1, 2, 3, 5, 17 arguments (append to
        // an empty []string, 16-byte elements, size classes).
        for (n, cap) in [(1, 1), (2, 2), (3, 3), (5, 5), (17, 18)] {
            let v: Vec<GoString> = (0..n).map(|_| gs("x")).collect();
            let s = args_slice(&v);
            assert_eq!((s.len, s.cap), (n, cap), "{n} arguments");
        }
        // Before the runtime started there are none.
        let mut out = GoSlice { ptr: core::ptr::null_mut(), len: 9, cap: 9 };
        // SAFETY: a writable header.
        unsafe { rgo_os_args(&mut out) };
        assert_eq!(out.len, 0);
    }
}
