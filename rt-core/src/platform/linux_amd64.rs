//! Linux on x86-64 through the `syscall` instruction: no C library.
//!
//! Kernel convention: RAX = call number (result on return, `-errno` on
//! failure), arguments in RDI RSI RDX R10 R8 R9; the instruction destroys
//! RCX and R11.

use core::arch::asm;

const SYS_WRITE: usize = 1;
const SYS_MMAP: usize = 9;
const SYS_MPROTECT: usize = 10;
const SYS_MUNMAP: usize = 11;
const SYS_MADVISE: usize = 28;
const MADV_HUGEPAGE: usize = 14;
const SYS_RT_SIGACTION: usize = 13;
const SYS_SIGALTSTACK: usize = 131;
const SYS_EXIT_GROUP: usize = 231;
const SYS_PRLIMIT64: usize = 302;

pub const EINTR: isize = 4;

const PROT_READ: usize = 1;
const PROT_WRITE: usize = 2;
const MAP_PRIVATE: usize = 0x02;
const MAP_ANONYMOUS: usize = 0x20;
const RLIMIT_STACK: usize = 3;

/// Bytes of a page.
pub const PAGE_SIZE: usize = 4096;

/// A system call with up to three arguments.
///
/// # Safety
/// The call must be one whose effects on memory the caller has made sound
/// (buffers valid for what the kernel reads or writes).
#[inline]
unsafe fn syscall3(n: usize, a1: usize, a2: usize, a3: usize) -> isize {
    let ret: isize;
    // SAFETY: the caller vouches for the call's memory effects; the kernel
    // preserves every register but RAX, RCX and R11, and uses no user stack.
    unsafe {
        asm!(
            "syscall",
            inlateout("rax") n as isize => ret,
            in("rdi") a1,
            in("rsi") a2,
            in("rdx") a3,
            lateout("rcx") _,
            lateout("r11") _,
            options(nostack),
        );
    }
    ret
}

/// A system call with six arguments.
///
/// # Safety
/// As for [`syscall3`].
#[inline]
unsafe fn syscall6(n: usize, a1: usize, a2: usize, a3: usize, a4: usize, a5: usize, a6: usize) -> isize {
    let ret: isize;
    // SAFETY: as in `syscall3`.
    unsafe {
        asm!(
            "syscall",
            inlateout("rax") n as isize => ret,
            in("rdi") a1,
            in("rsi") a2,
            in("rdx") a3,
            in("r10") a4,
            in("r8") a5,
            in("r9") a6,
            lateout("rcx") _,
            lateout("r11") _,
            options(nostack),
        );
    }
    ret
}

/// `write(fd, b)`: bytes written, or `-errno`.
pub fn write(fd: i32, b: &[u8]) -> isize {
    // SAFETY: the kernel only reads `b.len()` bytes of `b`.
    unsafe { syscall3(SYS_WRITE, fd as usize, b.as_ptr() as usize, b.len()) }
}

/// Ends the process (every thread) with `status`.
pub fn exit(status: i32) -> ! {
    loop {
        // SAFETY: exit_group touches no user memory and does not return.
        unsafe { syscall3(SYS_EXIT_GROUP, status as usize, 0, 0) };
    }
}

/// `len` bytes of fresh, zeroed, readable and writable memory, page
/// aligned; `None` when the kernel refuses.
pub fn mmap(len: usize) -> Option<*mut u8> {
    // SAFETY: an anonymous private mapping at an address of the kernel's
    // choosing cannot overlap memory anything else uses.
    let p = unsafe { syscall6(SYS_MMAP, 0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, usize::MAX, 0) };
    // Errors are -4095..-1.
    if (-4095..0).contains(&p) {
        None
    } else {
        Some(p as *mut u8)
    }
}

/// Asks the kernel to back `p..p+len` with transparent huge pages; a hint
/// (ignored where THP is disabled).
///
/// # Safety
/// `p..p+len` must be a mapping from [`mmap`].
pub unsafe fn advise_huge_pages(p: *mut u8, len: usize) {
    // SAFETY: madvise with MADV_HUGEPAGE changes no contents of the range.
    unsafe { syscall3(SYS_MADVISE, p as usize, len, MADV_HUGEPAGE) };
}

/// Makes the pages of `p..p+len` inaccessible (a guard: touching them
/// faults); false when the kernel refuses.
///
/// # Safety
/// `p..p+len` must be page-aligned memory from [`mmap`] that nothing reads
/// or writes any more.
pub unsafe fn protect_none(p: *mut u8, len: usize) -> bool {
    // SAFETY: the caller gives the range up; mprotect touches no user memory.
    unsafe { syscall3(SYS_MPROTECT, p as usize, len, 0) == 0 }
}

/// Returns memory obtained from [`mmap`] to the kernel.
///
/// # Safety
/// `p..p+len` must be (part of) a mapping from [`mmap`] that nothing uses
/// any more.
pub unsafe fn munmap(p: *mut u8, len: usize) {
    // SAFETY: the caller gives up the range.
    unsafe { syscall3(SYS_MUNMAP, p as usize, len, 0) };
}

/// The soft limit on the main thread's stack size (RLIMIT_STACK), `None`
/// when unlimited or unknown.
pub fn stack_limit() -> Option<usize> {
    let mut lim = [0u64; 2];
    // SAFETY: prlimit64(0, RLIMIT_STACK, NULL, &old) only writes the two
    // words of `lim`.
    let r = unsafe { syscall6(SYS_PRLIMIT64, 0, RLIMIT_STACK, 0, lim.as_mut_ptr() as usize, 0, 0) };
    if r != 0 || lim[0] == u64::MAX {
        None
    } else {
        Some(lim[0] as usize)
    }
}

pub const SIGTRAP: i32 = 5;
pub const SIGBUS: i32 = 7;
pub const SIGSEGV: i32 = 11;

/// `si_code` values of the faults Go turns into panics.
pub const SEGV_MAPERR: i32 = 1;
pub const SEGV_ACCERR: i32 = 2;
pub const BUS_ADRERR: i32 = 2;

const SA_SIGINFO: u64 = 0x4;
const SA_ONSTACK: u64 = 0x0800_0000;
const SA_RESTORER: u64 = 0x0400_0000;

/// The kernel's `struct sigaction` on x86-64 (not the C library's).
#[repr(C)]
struct KernelSigaction {
    handler: usize,
    flags: u64,
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

/// The parts of `siginfo_t` a fault handler reads: `si_code` at 8 and, for
/// SIGSEGV and SIGBUS, the faulting address at 16.
pub const SIGINFO_CODE: usize = 8;
pub const SIGINFO_ADDR: usize = 16;
/// Offsets of interrupted registers in `ucontext_t`: `uc_mcontext` (after
/// `uc_flags`, `uc_link` and the 24-byte `uc_stack`) at 40, then
/// `gregs[]` in the kernel's order (R8..R15 = 0..7, RDI 8, RSI 9, RBP 10,
/// RBX 11, RDX 12, RAX 13, RCX 14, RSP 15, RIP 16). A handler that
/// changes them changes where the interrupted code resumes.
pub const UCONTEXT_R14: usize = 40 + 6 * 8;
pub const UCONTEXT_RSP: usize = 40 + 15 * 8;
pub const UCONTEXT_RIP: usize = 40 + 16 * 8;

/// The handler type of [`set_fault_handler`]: `(signal, siginfo,
/// ucontext)`; the handler may rewrite the context (see [`UCONTEXT_RIP`]).
pub type FaultHandler = unsafe extern "C" fn(i32, *const u8, *mut u8);

extern "C" {
    /// Returns from a signal handler (`rt_sigreturn`); see asm/amd64.S.
    fn rgo_sigreturn();
}

/// Makes `stack` (`size` bytes) the alternate stack signal handlers run on,
/// so that a fault caused by running out of stack can still be reported.
///
/// # Safety
/// `stack..stack+size` must be memory used for nothing else, for the life
/// of the process.
pub unsafe fn set_signal_stack(stack: *mut u8, size: usize) -> bool {
    let ss = StackT { sp: stack as usize, flags: 0, size };
    // SAFETY: the kernel reads `ss`; the caller gives the memory up.
    unsafe { syscall3(SYS_SIGALTSTACK, &ss as *const StackT as usize, 0, 0) == 0 }
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
    let act = KernelSigaction {
        handler: handler as *const () as usize,
        flags: SA_SIGINFO | SA_ONSTACK | SA_RESTORER,
        restorer: rgo_sigreturn as *const () as usize,
        mask: u64::MAX,
    };
    // SAFETY: the kernel reads `act` (8-byte signal mask size).
    unsafe { syscall6(SYS_RT_SIGACTION, sig as usize, &act as *const KernelSigaction as usize, 0, 8, 0, 0) == 0 }
}
