//! Linux through raw system calls: no C library.
//!
//! The system call instruction and its registers are the architecture's
//! ([`crate::arch`]); the call numbers are Linux's per-architecture tables
//! (amd64 has its own, arm64 and riscv64 share the generic one), and so is
//! the kernel's `struct sigaction` (with or without `sa_restorer`).

use super::FaultHandler;
use crate::arch::{syscall3, syscall6};
use core::sync::atomic::{AtomicU32, AtomicUsize, Ordering};

mod vdso;

/// Linux's call numbers on x86-64 (arch/x86/entry/syscalls/syscall_64.tbl).
#[cfg(target_arch = "x86_64")]
mod nr {
    pub const WRITE: usize = 1;
    pub const MMAP: usize = 9;
    pub const MPROTECT: usize = 10;
    pub const MUNMAP: usize = 11;
    pub const RT_SIGACTION: usize = 13;
    pub const MADVISE: usize = 28;
    pub const SIGALTSTACK: usize = 131;
    pub const EXIT_GROUP: usize = 231;
    pub const PRLIMIT64: usize = 302;
    pub const SETITIMER: usize = 38;
    pub const GETRANDOM: usize = 318;
    pub const CLOCK_GETTIME: usize = 228;
    pub const CLOCK_NANOSLEEP: usize = 230;
    pub const CLONE: usize = 56;
    pub const GETPID: usize = 39;
    pub const KILL: usize = 62;
    pub const RT_SIGPROCMASK: usize = 14;
    pub const READ: usize = 0;
    pub const PIPE2: usize = 293;
    pub const PPOLL: usize = 271;
    pub const FUTEX: usize = 202;
    pub const SCHED_YIELD: usize = 24;
    pub const SCHED_GETAFFINITY: usize = 204;
    pub const TGKILL: usize = 234;
    pub const EXIT: usize = 60;
}

/// Linux's generic call numbers (include/uapi/asm-generic/unistd.h), used
/// by arm64 and riscv64.
#[cfg(any(target_arch = "aarch64", target_arch = "riscv64"))]
mod nr {
    pub const WRITE: usize = 64;
    pub const EXIT_GROUP: usize = 94;
    pub const SIGALTSTACK: usize = 132;
    pub const RT_SIGACTION: usize = 134;
    pub const MUNMAP: usize = 215;
    pub const MMAP: usize = 222;
    pub const MPROTECT: usize = 226;
    pub const MADVISE: usize = 233;
    pub const PRLIMIT64: usize = 261;
    pub const SETITIMER: usize = 103;
    pub const GETRANDOM: usize = 278;
    pub const CLOCK_GETTIME: usize = 113;
    pub const CLOCK_NANOSLEEP: usize = 115;
    pub const CLONE: usize = 220;
    pub const GETPID: usize = 172;
    pub const KILL: usize = 129;
    pub const RT_SIGPROCMASK: usize = 135;
    pub const READ: usize = 63;
    pub const PIPE2: usize = 59;
    pub const PPOLL: usize = 73;
    pub const FUTEX: usize = 98;
    pub const SCHED_YIELD: usize = 124;
    pub const SCHED_GETAFFINITY: usize = 123;
    pub const TGKILL: usize = 131;
    pub const EXIT: usize = 93;
}

const MADV_DONTNEED: usize = 4;
const MADV_HUGEPAGE: usize = 14;

pub const EINTR: isize = 4;

const PROT_READ: usize = 1;
const PROT_WRITE: usize = 2;
const MAP_PRIVATE: usize = 0x02;
const MAP_ANONYMOUS: usize = 0x20;
const MAP_NORESERVE: usize = 0x4000;
const RLIMIT_STACK: usize = 3;

/// Pages can be made inaccessible ([`protect_none`]): stack segments get
/// guard pages.
pub const GUARD_PAGES: bool = true;

/// Mapped pages cost memory only once touched.
pub const LAZY_PAGES: bool = true;

/// [`reserve`] hands out zeroed memory (fresh anonymous pages).
pub const RESERVE_ZEROED: bool = true;

/// The default limit on one goroutine's stack: Go's, whatever the machine.
pub fn max_stack() -> usize {
    usize::MAX
}

/// Bytes of a page.
pub const PAGE_SIZE: usize = 4096;

/// `write(fd, b)`: bytes written, or `-errno`.
pub fn write(fd: i32, b: &[u8]) -> isize {
    // SAFETY: the kernel only reads `b.len()` bytes of `b`.
    unsafe { syscall3(nr::WRITE, fd as usize, b.as_ptr() as usize, b.len()) }
}

/// Fills `buf` with random bytes from the kernel (`getrandom`, which only
/// blocks early in boot until the kernel's pool is seeded). Returns false
/// when the kernel does not provide them (no such call, or an error).
pub fn random_bytes(buf: &mut [u8]) -> bool {
    let mut done = 0;
    while done < buf.len() {
        let rest = &mut buf[done..];
        // SAFETY: the kernel writes at most `rest.len()` bytes into `rest`.
        let n = unsafe { syscall3(nr::GETRANDOM, rest.as_mut_ptr() as usize, rest.len(), 0) };
        if n == -EINTR {
            continue;
        }
        if n <= 0 {
            return false;
        }
        done += n as usize;
    }
    true
}

/// Ends the process (every thread) with `status`.
pub fn exit(status: i32) -> ! {
    loop {
        // SAFETY: exit_group touches no user memory and does not return.
        unsafe { syscall3(nr::EXIT_GROUP, status as usize, 0, 0) };
    }
}

/// `len` bytes of fresh, zeroed, readable and writable memory, page
/// aligned; `None` when the kernel refuses.
pub fn mmap(len: usize) -> Option<*mut u8> {
    // SAFETY: an anonymous private mapping at an address of the kernel's
    // choosing cannot overlap memory anything else uses.
    let p = unsafe { syscall6(nr::MMAP, 0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, usize::MAX, 0) };
    // Errors are -4095..-1.
    if (-4095..0).contains(&p) {
        None
    } else {
        Some(p as *mut u8)
    }
}

/// `len` bytes of address space for the collector's arena: zeroed,
/// readable and writable, page aligned, with no swap or commit charge
/// reserved (pages cost memory only once touched); `None` when the kernel
/// refuses the size (the caller tries smaller ones).
pub fn reserve(len: usize) -> Option<*mut u8> {
    // SAFETY: as in `mmap`, a fresh anonymous private mapping at an address
    // of the kernel's choosing.
    let p = unsafe {
        syscall6(nr::MMAP, 0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, usize::MAX, 0)
    };
    if (-4095..0).contains(&p) {
        None
    } else {
        Some(p as *mut u8)
    }
}

/// Gives the memory behind `p..p+len` back to the kernel
/// (`madvise(MADV_DONTNEED)`): the range stays mapped and reads as zero
/// afterwards. False when the kernel refuses (e.g. `p` or `len` not a
/// multiple of its page size), in which case the contents are unchanged.
///
/// # Safety
/// `p..p+len` must be part of a private anonymous mapping whose contents
/// nothing needs any more.
pub unsafe fn release_pages(p: *mut u8, len: usize) -> bool {
    // SAFETY: the caller gives up the contents; the range stays mapped.
    unsafe { syscall3(nr::MADVISE, p as usize, len, MADV_DONTNEED) == 0 }
}

/// Asks the kernel to back `p..p+len` with transparent huge pages; a hint
/// (ignored where THP is disabled).
///
/// # Safety
/// `p..p+len` must be a mapping from [`mmap`].
pub unsafe fn advise_huge_pages(p: *mut u8, len: usize) {
    // SAFETY: madvise with MADV_HUGEPAGE changes no contents of the range.
    unsafe { syscall3(nr::MADVISE, p as usize, len, MADV_HUGEPAGE) };
}

/// Makes the pages of `p..p+len` inaccessible (a guard: touching them
/// faults); false when the kernel refuses.
///
/// # Safety
/// `p..p+len` must be page-aligned memory from [`mmap`] that nothing reads
/// or writes any more.
pub unsafe fn protect_none(p: *mut u8, len: usize) -> bool {
    // SAFETY: the caller gives the range up; mprotect touches no user memory.
    unsafe { syscall3(nr::MPROTECT, p as usize, len, 0) == 0 }
}

/// Returns memory obtained from [`mmap`] to the kernel.
///
/// # Safety
/// `p..p+len` must be (part of) a mapping from [`mmap`] that nothing uses
/// any more.
pub unsafe fn munmap(p: *mut u8, len: usize) {
    // SAFETY: the caller gives up the range.
    unsafe { syscall3(nr::MUNMAP, p as usize, len, 0) };
}

/// The soft limit on the main thread's stack size (RLIMIT_STACK), `None`
/// when unlimited or unknown.
pub fn stack_limit() -> Option<usize> {
    let mut lim = [0u64; 2];
    // SAFETY: prlimit64(0, RLIMIT_STACK, NULL, &old) only writes the two
    // words of `lim`.
    let r = unsafe { syscall6(nr::PRLIMIT64, 0, RLIMIT_STACK, 0, lim.as_mut_ptr() as usize, 0, 0) };
    if r != 0 || lim[0] == u64::MAX {
        None
    } else {
        Some(lim[0] as usize)
    }
}

/// The tick that drives preemption (`super::SIGPROF`): `ITIMER_PROF`
/// counts the process's CPU time, user and system (a loop polling the
/// clock spends most of its time in system calls), and delivers SIGPROF;
/// it is quiet while the process sleeps.
const ITIMER_PROF: usize = 2;

const SA_SIGINFO: u64 = 0x4;
const SA_RESTART: u64 = 0x1000_0000;
const SA_ONSTACK: u64 = 0x0800_0000;
#[cfg(not(target_arch = "riscv64"))]
const SA_RESTORER: u64 = 0x0400_0000;

/// The kernel's `struct sigaction` (not the C library's). x86-64 and arm64
/// have `sa_restorer` (x86-64 requires one; rgo gives one on arm64 too
/// rather than rely on the vDSO); riscv64 has none: its handlers return
/// through the vDSO's sigreturn.
#[repr(C)]
struct KernelSigaction {
    handler: usize,
    flags: u64,
    #[cfg(not(target_arch = "riscv64"))]
    restorer: usize,
    mask: u64,
}

/// The kernel's `stack_t`.
#[repr(C)]
struct StackT {
    sp: usize,
    flags: i32,
    size: usize,
}

#[cfg(not(target_arch = "riscv64"))]
extern "C" {
    /// Returns from a signal handler (`rt_sigreturn`); see
    /// `rt-arch/asm/runtime/<arch>.S`.
    fn rgo_sigreturn();
}

/// Bytes of the alternate signal stack.
const ALT_STACK: usize = 64 << 10;

/// Maps an alternate stack for signal handlers and makes it theirs, so
/// that a fault caused by running out of stack can still be reported.
/// False when that failed (handlers installed then would run on the stack
/// that faulted).
pub fn prepare_signal_stack() -> bool {
    let Some(stack) = mmap(ALT_STACK) else { return false };
    let ss = StackT { sp: stack as usize, flags: 0, size: ALT_STACK };
    // SAFETY: the kernel reads `ss`; the mapping is fresh and used for
    // nothing else for the life of the process.
    unsafe { syscall3(nr::SIGALTSTACK, &ss as *const StackT as usize, 0, 0) == 0 }
}

/// Installs `handler` for signal `sig` with the full siginfo, on the
/// alternate stack, with every other signal blocked while it runs. When the
/// handler returns, the interrupted code resumes with the (possibly
/// rewritten) context and its own signal mask.
///
/// # Safety
/// `handler` must be safe to run at any instruction of the program, and
/// any context it writes must be one the program can resume at.
pub unsafe fn set_fault_handler(sig: i32, handler: FaultHandler) -> bool {
    #[cfg(not(target_arch = "riscv64"))]
    let act = KernelSigaction {
        handler: handler as *const () as usize,
        flags: SA_SIGINFO | SA_ONSTACK | SA_RESTORER,
        restorer: rgo_sigreturn as *const () as usize,
        mask: u64::MAX,
    };
    #[cfg(target_arch = "riscv64")]
    let act = KernelSigaction { handler: handler as *const () as usize, flags: SA_SIGINFO | SA_ONSTACK, mask: u64::MAX };
    // SAFETY: the kernel reads `act` (8-byte signal mask size).
    unsafe { syscall6(nr::RT_SIGACTION, sig as usize, &act as *const KernelSigaction as usize, 0, 8, 0, 0) == 0 }
}

/// Installs `handler` for the asynchronous signal `sig` (the preemption
/// tick, SIGPIPE, a signal os/signal asked for) on the alternate stack with
/// every other signal blocked while it runs; interrupted system calls
/// restart (`SA_RESTART`), so such a signal never shows up as `EINTR` (but
/// `ppoll` and the sleeps return, as they always do for a handler).
///
/// # Safety
/// `handler` must be safe to run at any instruction of the program.
pub unsafe fn set_tick_handler(sig: i32, handler: FaultHandler) -> bool {
    #[cfg(not(target_arch = "riscv64"))]
    let act = KernelSigaction {
        handler: handler as *const () as usize,
        flags: SA_SIGINFO | SA_ONSTACK | SA_RESTORER | SA_RESTART,
        restorer: rgo_sigreturn as *const () as usize,
        mask: u64::MAX,
    };
    #[cfg(target_arch = "riscv64")]
    let act = KernelSigaction {
        handler: handler as *const () as usize,
        flags: SA_SIGINFO | SA_ONSTACK | SA_RESTART,
        mask: u64::MAX,
    };
    // SAFETY: the kernel reads `act` (8-byte signal mask size).
    unsafe { syscall6(nr::RT_SIGACTION, sig as usize, &act as *const KernelSigaction as usize, 0, 8, 0, 0) == 0 }
}

/// Signals reach the process: os/signal's `Notify` can be given them.
pub const SIGNALS: bool = true;

/// Sets signal `sig`'s action to the default (`ignore` false) or to
/// ignoring it.
pub fn set_signal_action(sig: i32, ignore: bool) {
    let handler = usize::from(ignore); // SIG_DFL 0, SIG_IGN 1
    #[cfg(not(target_arch = "riscv64"))]
    let act = KernelSigaction { handler, flags: SA_RESTORER, restorer: rgo_sigreturn as *const () as usize, mask: 0 };
    #[cfg(target_arch = "riscv64")]
    let act = KernelSigaction { handler, flags: 0, mask: 0 };
    // SAFETY: the kernel reads `act` (8-byte signal mask size).
    unsafe { syscall6(nr::RT_SIGACTION, sig as usize, &act as *const KernelSigaction as usize, 0, 8, 0, 0) };
}

/// Whether signal `sig`'s action is to ignore it now (`SIG_IGN`: at the
/// start, what the parent left, as `nohup` does for SIGHUP).
pub fn signal_is_ignored(sig: i32) -> bool {
    // Room for any layout of the old action (qemu-user's riscv64 writes
    // one with `sa_restorer`, 8 bytes more than `KernelSigaction`); the
    // handler is its first word.
    let mut old = [0usize; 8];
    // SAFETY: the kernel only writes the old action into `old`.
    let r = unsafe { syscall6(nr::RT_SIGACTION, sig as usize, 0, old.as_mut_ptr() as usize, 8, 0, 0) };
    r == 0 && old[0] == 1
}

/// A pipe whose ends do not block and close at exec: `(read, write)`.
pub fn pipe() -> Option<(i32, i32)> {
    const O_NONBLOCK: usize = 0o4000;
    const O_CLOEXEC: usize = 0o2000000;
    let mut fds = [0i32; 2];
    // SAFETY: the kernel writes the two descriptors.
    let r = unsafe { syscall3(nr::PIPE2, fds.as_mut_ptr() as usize, O_NONBLOCK | O_CLOEXEC, 0) };
    (r == 0).then_some((fds[0], fds[1]))
}

/// Blocks until one of `fds` (at most 4) has something to read, a signal
/// handler has run, or the monotonic clock reaches `until` (never, when
/// `None`; at once for a time already past); returns which are readable,
/// a bit per descriptor.
pub fn poll_fds(fds: &[i32], until: Option<i64>) -> u32 {
    #[repr(C)]
    #[derive(Clone, Copy)]
    struct PollFd {
        fd: i32,
        events: i16,
        revents: i16,
    }
    const POLLIN: i16 = 1;
    let mut p = [PollFd { fd: -1, events: POLLIN, revents: 0 }; 4];
    let n = fds.len().min(4);
    for (slot, &fd) in p.iter_mut().zip(&fds[..n]) {
        slot.fd = fd;
    }
    let timeout = until.map(|when| {
        let d = when.saturating_sub(nanotime()).max(0);
        Timespec { sec: d / 1_000_000_000, nsec: d % 1_000_000_000 }
    });
    let ts = timeout.as_ref().map_or(0, |t| t as *const Timespec as usize);
    // SAFETY: the kernel reads and writes the first `n` entries of `p`,
    // reads `ts`; no signal mask.
    let r = unsafe { syscall6(nr::PPOLL, p.as_mut_ptr() as usize, n, ts, 0, 8, 0) };
    if r <= 0 {
        return 0;
    }
    p[..n].iter().enumerate().filter(|(_, q)| q.revents != 0).fold(0, |m, (i, _)| m | 1 << i)
}

/// Whether `fd` has something to read (or is hung up) by `until`
/// ([`poll_fds`]).
pub fn poll_readable(fd: i32, until: Option<i64>) -> bool {
    poll_fds(&[fd], until) != 0
}

/// Blocks until `fd` has something to read, a signal handler has run, or
/// the monotonic clock reaches `until` (never, when `None`); then reads and
/// drops what `fd` holds (it must not block).
pub fn wait_readable(fd: i32, until: Option<i64>) {
    poll_fds(&[fd], until);
    drain(fd);
}

/// Reads and drops what non-blocking `fd` holds.
pub fn drain(fd: i32) {
    let mut buf = [0u8; 64];
    // SAFETY: the kernel writes at most 64 bytes into `buf`; the pipe does
    // not block, so this ends when it is empty.
    while unsafe { syscall3(nr::READ, fd as usize, buf.as_mut_ptr() as usize, buf.len()) } > 0 {}
}

/// `SIGPIPE`'s number.
const SIGPIPE: usize = 13;

/// The handler of `SIGPIPE`: nothing, so a write to a closed pipe fails
/// with `EPIPE` instead of killing the program (as in gc, which then ends
/// the program only for standard output and error: [`die_of_sigpipe`]).
extern "C" fn ignore_sigpipe(_sig: i32, _info: *const u8, _ctx: *mut u8) {}

/// Catches `SIGPIPE` with a handler that does nothing. A handler, not
/// `SIG_IGN`: programs the Go program starts get the default action back
/// at exec, as under gc.
pub fn catch_sigpipe() -> bool {
    // SAFETY: the handler does nothing, at any instruction.
    unsafe { set_tick_handler(SIGPIPE as i32, ignore_sigpipe) }
}

/// Ends the program as killed by `SIGPIPE` (gc's `dieFromSignal`): the
/// default action restored and unblocked, the signal sent to the process;
/// exit status 2 if it somehow survives.
pub fn die_of_sigpipe() -> ! {
    set_signal_action(SIGPIPE as i32, false);
    let set: u64 = 1 << (SIGPIPE - 1);
    // SAFETY: the kernel reads `set`; then the process signals itself.
    unsafe {
        syscall6(nr::RT_SIGPROCMASK, 1 /* SIG_UNBLOCK */, &set as *const u64 as usize, 0, 8, 0, 0);
        let pid = syscall3(nr::GETPID, 0, 0, 0);
        syscall3(nr::KILL, pid as usize, SIGPIPE, 0);
    }
    exit(2)
}

/// `EPIPE`: the reading end of the pipe is closed.
pub const EPIPE: isize = 32;

/// Starts a timer that sends [`super::SIGPROF`] every `usec` microseconds of
/// the process's CPU time.
pub fn start_cpu_tick(usec: usize) -> bool {
    // struct itimerval: it_interval, then it_value (each seconds, microseconds).
    let v: [usize; 4] = [usec / 1_000_000, usec % 1_000_000, usec / 1_000_000, usec % 1_000_000];
    // SAFETY: the kernel reads the itimerval; no old value is asked for.
    unsafe { syscall3(nr::SETITIMER, ITIMER_PROF, v.as_ptr() as usize, 0) == 0 }
}

/// Stops the [`start_cpu_tick`] timer.
pub fn stop_cpu_tick() {
    let v = [0usize; 4];
    // SAFETY: the kernel reads the itimerval (all zero: disarmed).
    unsafe { syscall3(nr::SETITIMER, ITIMER_PROF, v.as_ptr() as usize, 0) };
}

const CLOCK_REALTIME: usize = 0;
const CLOCK_MONOTONIC: usize = 1;
const TIMER_ABSTIME: usize = 1;

/// The kernel's `struct timespec` (64-bit: seconds, nanoseconds).
#[repr(C)]
#[derive(Clone, Copy, Default)]
struct Timespec {
    sec: i64,
    nsec: i64,
}

/// The auxiliary vector's entry for the vDSO's ELF header.
const AT_SYSINFO_EHDR: usize = 33;
const AT_PAGESZ: usize = 6;

/// The kernel's page size (`AT_PAGESZ`; 4096 until `init` read it).
static KERNEL_PAGE_SIZE: AtomicUsize = AtomicUsize::new(4096);

/// The size of the kernel's pages (64 KiB on some arm64 kernels).
pub fn page_size() -> usize {
    KERNEL_PAGE_SIZE.load(Ordering::Relaxed)
}

/// The vDSO's `clock_gettime` (each architecture's name for it).
#[cfg(target_arch = "aarch64")]
const VDSO_CLOCK_GETTIME: &[u8] = b"__kernel_clock_gettime";
#[cfg(not(target_arch = "aarch64"))]
const VDSO_CLOCK_GETTIME: &[u8] = b"__vdso_clock_gettime";

/// The vDSO's `clock_gettime`, 0 when there is none (qemu-user before 8.1
/// gives none for arm64 and riscv64; unit tests do not look).
static CLOCK_GETTIME_VDSO: AtomicUsize = AtomicUsize::new(0);

/// What the OS layer needs from the process's start: Linux looks up the
/// vDSO's clock in the auxiliary vector, which follows the environment.
///
/// # Safety
/// `envp` must be the environment pointer array of [`initial_stack`].
pub unsafe fn init(envp: *const *const u8) {
    // SAFETY: the kernel's initial stack: the environment pointers end
    // with a null, then come (key, value) word pairs ending with key 0.
    unsafe {
        let mut p = envp;
        while !(*p).is_null() {
            p = p.add(1);
        }
        let mut aux = p.add(1) as *const usize;
        while *aux != 0 {
            if *aux == AT_PAGESZ && *aux.add(1) != 0 {
                KERNEL_PAGE_SIZE.store(*aux.add(1), Ordering::Relaxed);
            }
            if *aux == AT_SYSINFO_EHDR && *aux.add(1) != 0 {
                if let Some(f) = vdso::lookup(*aux.add(1), VDSO_CLOCK_GETTIME) {
                    CLOCK_GETTIME_VDSO.store(f, Ordering::Relaxed);
                }
            }
            aux = aux.add(2);
        }
    }
}

/// `clock_gettime(clock)` through the system call.
fn clock_gettime_syscall(clock: usize) -> (i64, i64) {
    let mut ts = Timespec::default();
    // SAFETY: the kernel writes the two words of `ts`.
    unsafe { syscall3(nr::CLOCK_GETTIME, clock, &mut ts as *mut Timespec as usize, 0) };
    (ts.sec, ts.nsec)
}

/// `clock_gettime(clock)` through the vDSO's function at `f`.
///
/// # Safety
/// `f` must be the vDSO's `clock_gettime`.
unsafe fn clock_gettime_vdso(f: usize, clock: usize) -> (i64, i64) {
    let mut ts = Timespec::default();
    // SAFETY: the vDSO function has C's `int clock_gettime(clockid_t,
    // struct timespec *)` signature and writes only `ts`.
    unsafe {
        let f: unsafe extern "C" fn(usize, *mut Timespec) -> i32 = core::mem::transmute(f);
        if f(clock, &mut ts) != 0 {
            return clock_gettime_syscall(clock);
        }
    }
    (ts.sec, ts.nsec)
}

/// `clock_gettime(clock)` as (seconds, nanoseconds), through the vDSO when
/// the kernel gave one; (0, 0) if the kernel refuses (it cannot for the
/// two clocks used here).
fn clock_gettime(clock: usize) -> (i64, i64) {
    match CLOCK_GETTIME_VDSO.load(Ordering::Relaxed) {
        0 => clock_gettime_syscall(clock),
        // SAFETY: `init` stored the vDSO's clock_gettime.
        f => unsafe { clock_gettime_vdso(f, clock) },
    }
}

/// Nanoseconds of the monotonic clock (`CLOCK_MONOTONIC`: since boot, never
/// set back, stopped while the machine is suspended).
pub fn nanotime() -> i64 {
    let (s, ns) = clock_gettime(CLOCK_MONOTONIC);
    s.wrapping_mul(1_000_000_000).wrapping_add(ns)
}

/// The wall clock (`CLOCK_REALTIME`): seconds and nanoseconds since the
/// Unix epoch.
pub fn walltime() -> (i64, i64) {
    clock_gettime(CLOCK_REALTIME)
}

/// Blocks the thread until the monotonic clock ([`nanotime`]) reaches
/// `when`, without using the CPU: `clock_nanosleep` with an absolute
/// deadline, so a signal that interrupts it (`EINTR`) costs no drift.
/// Returns at once when `when` is past.
pub fn sleep_until(when: i64) {
    let ts = Timespec { sec: when.div_euclid(1_000_000_000), nsec: when.rem_euclid(1_000_000_000) };
    if ts.sec < 0 {
        return;
    }
    loop {
        // SAFETY: the kernel reads `ts`; no remainder is asked for.
        let r = unsafe {
            syscall6(nr::CLOCK_NANOSLEEP, CLOCK_MONOTONIC, TIMER_ABSTIME, &ts as *const Timespec as usize, 0, 0, 0)
        };
        if r != -EINTR {
            return;
        }
    }
}

/// Eight random bytes from the kernel (see [`random_bytes`]), or `None`
/// when it has none to give.
pub fn random_u64() -> Option<u64> {
    let mut b = [0u8; 8];
    random_bytes(&mut b).then(|| u64::from_le_bytes(b))
}

/// The program's arguments and environment from the kernel's initial
/// stack (the ELF entry's stack pointer): `argc`, then `argv[0..argc]` and
/// a null, then the environment pointers and a null. Returns `(argc, argv,
/// envp)`.
///
/// # Safety
/// `sp` must be the stack pointer the kernel started the process with.
pub unsafe fn initial_stack(sp: *const usize) -> (usize, *const *const u8, *const *const u8) {
    // SAFETY: as the caller promises, the layout above.
    unsafe {
        let argc = *sp;
        let argv = sp.add(1) as *const *const u8;
        (argc, argv, argv.add(argc + 1))
    }
}

/// A system call of the Go program (package syscall's `RawSyscall6`):
/// Linux's call number and arguments as they are; the result, or minus
/// the error number.
///
/// # Safety
/// As for [`crate::arch::syscall6`]: the program vouches for the memory
/// the call reads and writes (Go code passes its buffers as `uintptr`s).
pub unsafe fn go_syscall(n: usize, a: &[usize; 6]) -> isize {
    // SAFETY: as the caller promises.
    unsafe { syscall6(n, a[0], a[1], a[2], a[3], a[4], a[5]) }
}

/// Package syscall's `rawVforkSyscall(SYS_CLONE, flags)` as a fork with
/// the flags but `CLONE_VM`: the child gets a copy of the memory, not the
/// parent's, so the Go code it runs until `execve` (forkAndExecInChild)
/// cannot overwrite the frames the suspended parent returns through (gc
/// does it in assembly, keeping its return address in a register).
/// `CLONE_VFORK` still suspends the parent until the child execs or exits.
/// The child reports a failure through the pipe syscall gives it, never
/// through memory. Returns the child's pid (0 in the child) or minus the
/// error number.
///
/// # Safety
/// The child must only make system calls until it execs or exits.
pub unsafe fn fork_for_exec(n: usize, flags: usize) -> isize {
    const CLONE_VM: usize = 0x100;
    if n != nr::CLONE {
        return -ENOSYS;
    }
    // SAFETY: a fork: the child has memory of its own.
    unsafe { syscall6(nr::CLONE, flags & !CLONE_VM, 0, 0, 0, 0, 0) }
}

/// `ENOSYS`: the call does not exist.
pub const ENOSYS: isize = 38;

/// The process can run threads ([`spawn_thread`]).
pub const THREADS: bool = true;

/// The signal that asks a thread to make a system call of its own
/// ([`crate::threads`]' per-thread calls; gc's `sigPerThreadSyscall`).
pub const SIG_PER_THREAD: i32 = 33;

/// The calling thread's id as [`spawn_thread`] and [`signal_thread`] know
/// threads: the process id for the thread the process started on.
pub fn process_id() -> i32 {
    // SAFETY: getpid reads nothing.
    unsafe { syscall3(nr::GETPID, 0, 0, 0) as i32 }
}

/// Sends `sig` to thread `tid` of this process; false when it failed.
pub fn signal_thread(tid: i32, sig: i32) -> bool {
    // SAFETY: tgkill touches no memory.
    unsafe { syscall3(nr::TGKILL, process_id() as usize, tid as usize, sig as usize) == 0 }
}

/// Starts a thread of this process that calls `f(arg)` on the stack whose
/// top is `stack` (16-aligned); it shares memory, descriptors and signal
/// handlers with the others and inherits the caller's signal mask. Its
/// thread id, or None when the kernel refused.
///
/// # Safety
/// The stack must be mapped and the new thread's alone; `f` must be safe to
/// run there with `arg`, and must end the process rather than return.
pub unsafe fn spawn_thread(stack: usize, f: unsafe extern "C" fn(usize) -> !, arg: usize) -> Option<i32> {
    const CLONE_VM: usize = 0x100;
    const CLONE_FS: usize = 0x200;
    const CLONE_FILES: usize = 0x400;
    const CLONE_SIGHAND: usize = 0x800;
    const CLONE_THREAD: usize = 0x10000;
    const CLONE_SYSVSEM: usize = 0x40000;
    let flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM;
    // SAFETY: as the caller promises.
    let tid = unsafe { crate::arch::clone_thread(nr::CLONE, flags, stack, f, arg) };
    (tid > 0).then_some(tid as i32)
}

/// Ends the calling thread (not the process).
pub fn exit_thread() -> ! {
    loop {
        // SAFETY: exit ends this thread only and does not return.
        unsafe { syscall3(nr::EXIT, 0, 0, 0) };
    }
}

const FUTEX_WAIT_PRIVATE: usize = 128;
const FUTEX_WAKE_PRIVATE: usize = 129;

/// Blocks the calling thread while `word` holds `val`, until a
/// [`futex_wake`] of it (or a signal handler runs, or spuriously: callers
/// look at the word again).
pub fn futex_wait(word: &AtomicU32, val: u32) {
    // SAFETY: the kernel reads the word; no timeout.
    unsafe { syscall6(nr::FUTEX, word.as_ptr() as usize, FUTEX_WAIT_PRIVATE, val as usize, 0, 0, 0) };
}

/// The CPUs the process may run on (its affinity mask, as gc's `getproccount`
/// counts them; 1 when the kernel does not say).
pub fn cpu_count() -> usize {
    let mut mask = [0u8; 128];
    // SAFETY: the kernel writes at most `mask.len()` bytes into it.
    let n = unsafe { syscall3(nr::SCHED_GETAFFINITY, 0, mask.len(), mask.as_mut_ptr() as usize) };
    if n <= 0 {
        return 1;
    }
    mask[..n as usize].iter().map(|b| b.count_ones() as usize).sum::<usize>().max(1)
}

/// Gives the calling thread's core to another runnable thread, if any
/// (a spin lock whose holder may have lost its core).
pub fn yield_thread() {
    // SAFETY: no arguments, no memory.
    unsafe { syscall3(nr::SCHED_YIELD, 0, 0, 0) };
}

/// Wakes the threads blocked in [`futex_wait`] on `word`.
pub fn futex_wake(word: &AtomicU32) {
    // SAFETY: the kernel only uses the word's address.
    unsafe { syscall6(nr::FUTEX, word.as_ptr() as usize, FUTEX_WAKE_PRIVATE, i32::MAX as usize, 0, 0, 0) };
}
