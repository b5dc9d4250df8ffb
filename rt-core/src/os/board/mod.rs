//! qemu's `virt` boards: no operating system under the runtime (docs/boards.md).
//!
//! The devices differ per architecture ([`dev`]: the console UART, the way
//! to end the emulation with a status, the generic timer); everything
//! else is the same on both boards:
//!
//! - **Memory** is the RAM region between the end of the image and the end
//!   of RAM (`__rgo_ram_free`, `__rgo_ram_end` from the linker script).
//!   [`mmap`] hands out pages from its bottom, and reuses the blocks given
//!   back (first fit, the rest of a longer block kept);
//!   [`reserve`], the collector's arena, takes the top part once.
//! - **Time** is the architecture's counter since reset; the calendar
//!   clock ([`walltime`]) starts from the board's real-time clock.
//! - **Faults**: no signals and no guard pages. An exception (the boot
//!   code's vectors or trap handler) is a fatal error naming it and its
//!   PC, except a nil dereference, which becomes Go's panic as on Linux
//!   ([`rgo_board_trap`]). Stack overflows are caught by the prologue
//!   checks, as on Linux.
//! - **The timer interrupt** ([`timer`]) drives the scheduler's
//!   preemption tick (Linux's `SIGPROF` timer) and ends [`sleep_until`]'s
//!   wait for an interrupt (WFI), one deadline for both.

#[cfg(target_arch = "aarch64")]
#[path = "virt_arm64.rs"]
mod dev;
#[cfg(target_arch = "riscv64")]
#[path = "virt_riscv64.rs"]
mod dev;
mod pipes;

use core::sync::atomic::{AtomicUsize, Ordering};

pub const EINTR: isize = 4;
const ENOENT: isize = 2;
const EROFS: isize = 30;
const O_CREAT: usize = 0o100;

/// No page protection: stack segments have no guard pages.
pub const GUARD_PAGES: bool = false;

/// [`mmap`] hands RAM out at once (and clears it): big mappings cost what
/// they span.
pub const LAZY_PAGES: bool = false;

/// [`reserve`] hands the RAM over as it is: the collector's heap treats
/// its pages as holding old data and clears each page (or object) when it
/// first hands it out, so a program does not wait, at boot, for the whole
/// arena to be cleared.
pub const RESERVE_ZEROED: bool = false;

/// Bytes of a page (the unit of [`mmap`]).
pub const PAGE_SIZE: usize = 4096;

/// The page size package syscall reports (`Getpagesize`).
pub fn page_size() -> usize {
    PAGE_SIZE
}

/// `ENOSYS`: the call does not exist.
pub const ENOSYS: isize = 38;

/// Linux's generic call numbers (arm64 and riscv64 share them) of the
/// system calls a board answers for Go code.
mod nr {
    pub const FACCESSAT: usize = 48;
    pub const MKDIRAT: usize = 34;
    pub const UNLINKAT: usize = 35;
    pub const OPENAT: usize = 56;
    pub const NEWFSTATAT: usize = 79;
    pub const EPOLL_CREATE1: usize = 20;
    pub const EPOLL_CTL: usize = 21;
    pub const EPOLL_PWAIT: usize = 22;
    pub const FCNTL: usize = 25;
    pub const CLOSE: usize = 57;
    pub const PIPE2: usize = 59;
    pub const READ: usize = 63;
    pub const WRITE: usize = 64;
    pub const EXIT: usize = 93;
    pub const EXIT_GROUP: usize = 94;
    pub const CLOCK_GETTIME: usize = 113;
    pub const SCHED_YIELD: usize = 124;
    pub const GETPID: usize = 172;
    pub const GETRANDOM: usize = 278;
}

/// A system call of the Go program (package syscall's `RawSyscall6`, the
/// same numbers as Linux on the board's architecture): a board has no
/// kernel, so the few calls that mean something without one are answered
/// here (writes to standard output and error go to the UART, exit ends
/// the emulation, the clocks and random bytes are the runtime's, the
/// process is pid 1, pipes and epoll are [`pipes`]', the file system is
/// empty and read-only: `os.Open` says "no such file or directory") and
/// every other fails with `ENOSYS`, as a kernel without that call would:
/// `os.Getwd` returns "function not implemented".
///
/// # Safety
/// The arguments must be valid for the call as Linux defines it.
pub unsafe fn go_syscall(n: usize, a: &[usize; 6]) -> isize {
    match n {
        nr::WRITE => {
            if a[2] == 0 {
                return 0;
            }
            // SAFETY: as the caller promises, `(a[1], a[2])` is readable.
            let b = unsafe { core::slice::from_raw_parts(a[1] as *const u8, a[2]) };
            pipes::write(a[0] as i32, b).unwrap_or_else(|| write(a[0] as i32, b))
        }
        nr::READ => {
            if a[2] == 0 {
                return 0;
            }
            // SAFETY: as the caller promises, `(a[1], a[2])` is writable.
            pipes::read(a[0] as i32, unsafe { core::slice::from_raw_parts_mut(a[1] as *mut u8, a[2]) })
        }
        // The file system is empty and read-only: no path names a file,
        // and none can be made.
        nr::OPENAT if a[2] & O_CREAT != 0 => -EROFS,
        nr::OPENAT | nr::NEWFSTATAT | nr::FACCESSAT | nr::UNLINKAT => -ENOENT,
        nr::MKDIRAT => -EROFS,
        nr::CLOSE => pipes::close(a[0] as i32),
        // SAFETY: as the caller promises, `a[0]` is writable for two ints.
        nr::PIPE2 => unsafe { pipes::pipe2(a[0] as *mut [i32; 2], a[1]) },
        nr::FCNTL => pipes::fcntl(a[0] as i32, a[1], a[2]),
        nr::EPOLL_CREATE1 => pipes::epoll_create(),
        // SAFETY: as the caller promises, `a[3]` is an epoll_event.
        nr::EPOLL_CTL => unsafe { pipes::epoll_ctl(a[0] as i32, a[1], a[2] as i32, a[3] as *const u8) },
        // SAFETY: as the caller promises, `a[1]` has room for `a[2]` events.
        nr::EPOLL_PWAIT => unsafe { pipes::epoll_wait(a[0] as i32, a[1] as *mut u8, a[2]) },
        nr::EXIT | nr::EXIT_GROUP => exit(a[0] as i32),
        nr::CLOCK_GETTIME => {
            let (sec, nsec) = match a[0] {
                0 => walltime(),
                1 | 4 | 7 => {
                    let n = nanotime();
                    (n / 1_000_000_000, n % 1_000_000_000)
                }
                _ => return -22, // EINVAL
            };
            // SAFETY: as the caller promises, `a[1]` is a writable timespec.
            unsafe { (a[1] as *mut [i64; 2]).write_unaligned([sec, nsec]) };
            0
        }
        nr::SCHED_YIELD => 0,
        nr::GETPID => 1,
        nr::GETRANDOM => {
            if a[1] != 0 {
                // SAFETY: as the caller promises, `(a[0], a[1])` is writable.
                random_bytes(unsafe { core::slice::from_raw_parts_mut(a[0] as *mut u8, a[1]) });
            }
            a[1] as isize
        }
        _ => -ENOSYS,
    }
}

/// No signal reaches a board: os/signal's `Notify` waits for nothing.
pub const SIGNALS: bool = false;

/// A board has no signal actions to set.
pub fn set_signal_action(_sig: i32, _ignore: bool) {}

/// No signal is ignored on a board: none arrives.
pub fn signal_is_ignored(_sig: i32) -> bool {
    false
}

/// The runtime needs no pipe of its own on a board (it has no signals to
/// wake the scheduler with).
pub fn pipe() -> Option<(i32, i32)> {
    None
}

/// Waits until descriptor `fd` is readable or `until`. Only Go code makes
/// a board's descriptors ([`pipes`]) readable, and it does not run while
/// the scheduler waits: so either `fd` is readable now or this sleeps
/// until `until` (with [`SIGNALS`] false the scheduler never asks to wait
/// for nothing).
pub fn wait_readable(fd: i32, until: Option<i64>) {
    poll_fds(&[fd], until);
}

/// Which of `fds` (bit i for `fds[i]`) are readable now; when none is,
/// sleeps until `until` (see [`wait_readable`]) and reports none.
pub fn poll_fds(fds: &[i32], until: Option<i64>) -> u32 {
    let ready = fds.iter().enumerate().filter(|(_, &fd)| pipes::readable(fd)).fold(0, |m, (i, _)| m | 1 << i);
    if ready == 0 {
        if let Some(when) = until {
            sleep_until(when);
        }
    }
    ready
}

/// Whether `fd` is readable, waiting until `until` ([`poll_fds`]).
pub fn poll_readable(fd: i32, until: Option<i64>) -> bool {
    poll_fds(&[fd], until) != 0
}

/// A board has no descriptors to drain.
pub fn drain(_fd: i32) {}

/// A board has no signals, hence no `SIGPIPE` to catch.
pub fn catch_sigpipe() -> bool {
    true
}

/// A board has no signals: a write to a pipe whose read end is closed
/// only fails with `EPIPE`. Ends the emulation with status 2 (as a fatal
/// error does).
pub fn die_of_sigpipe() -> ! {
    exit(2)
}

/// `EPIPE`.
pub const EPIPE: isize = 32;

/// No processes to fork on a board.
///
/// # Safety
/// None.
pub unsafe fn fork_for_exec(_n: usize, _flags: usize) -> isize {
    -ENOSYS
}

/// `write(fd, b)`: standard output and standard error both go to the
/// board's UART; other descriptors do not exist.
pub fn write(fd: i32, b: &[u8]) -> isize {
    if fd != 1 && fd != 2 {
        return -9; // EBADF
    }
    // Bytes as they are: qemu's -nographic serial passes them to its
    // standard output, which scripts and tests read exactly (a terminal
    // wanting CR LF sets `onlcr`).
    for &c in b {
        dev::console_put(c);
    }
    b.len() as isize
}

/// No entropy source: bytes mixed from the counter (enough to vary map
/// iteration order and hash seeds between runs, which is all the runtime
/// asks for).
pub fn random_bytes(buf: &mut [u8]) -> bool {
    for chunk in buf.chunks_mut(8) {
        let v = random_u64().unwrap_or(0).to_le_bytes();
        chunk.copy_from_slice(&v[..chunk.len()]);
    }
    true
}

/// A 64-bit value from the counter, mixed (splitmix64).
pub fn random_u64() -> Option<u64> {
    static STATE: AtomicUsize = AtomicUsize::new(0);
    let s = STATE.fetch_add(0x9e37_79b9_7f4a_7c15_u64 as usize, Ordering::Relaxed) as u64 ^ dev::counter();
    let mut z = s.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    Some(z ^ (z >> 31))
}

/// Ends the emulation with `status` (qemu exits with it).
pub fn exit(status: i32) -> ! {
    dev::exit(status)
}

extern "C" {
    /// First free byte after the image (page aligned), from the linker script.
    static __rgo_ram_free: u8;
    /// One past the last byte of RAM.
    static __rgo_ram_end: u8;
    /// The boot stack the runtime's own frames use.
    static __rgo_boot_stack_lo: u8;
    static __rgo_boot_stack_hi: u8;
}

/// The page allocator over free RAM: `next` grows up from the image,
/// `limit` comes down when the arena is reserved. Blocks given back form a
/// list threaded through the blocks themselves (each begins with a
/// [`FreeBlock`]), so any number of them is kept.
struct Pages {
    next: usize,
    limit: usize,
    /// The first block given back (0: none).
    free: usize,
}

/// The header a free block begins with.
#[repr(C)]
struct FreeBlock {
    next: usize,
    len: usize,
}

static PAGES: spin::Mutex<Pages> = spin::Mutex::new(Pages { next: 0, limit: 0, free: 0 });

fn pages() -> spin::MutexGuard<'static, Pages> {
    let mut p = PAGES.lock();
    if p.next == 0 {
        p.next = core::ptr::addr_of!(__rgo_ram_free) as usize;
        p.limit = core::ptr::addr_of!(__rgo_ram_end) as usize;
    }
    p
}

impl Pages {
    /// `len` bytes (a multiple of the page) from the blocks given back:
    /// the first block long enough, all of it when it fits exactly, else
    /// its top `len` bytes (the rest stays on the list).
    fn take_free(&mut self, len: usize) -> Option<usize> {
        let mut link: *mut usize = &mut self.free;
        // SAFETY: the list holds blocks given back to `munmap`, each
        // starting with its header and owned by this allocator alone.
        unsafe {
            while *link != 0 {
                let b = *link as *mut FreeBlock;
                if (*b).len == len {
                    *link = (*b).next;
                    return Some(b as usize);
                }
                if (*b).len > len {
                    (*b).len -= len;
                    return Some(b as usize + (*b).len);
                }
                link = core::ptr::addr_of_mut!((*b).next);
            }
        }
        None
    }

    /// Takes `a..a+len` back: onto the list, or, when it ends where the
    /// untouched RAM starts, into it.
    ///
    /// # Safety
    /// The block must be one this allocator handed out, no longer used.
    unsafe fn give_back(&mut self, a: usize, len: usize) {
        if a + len == self.next {
            self.next = a;
            return;
        }
        // SAFETY: the block is ours again and at least a page long.
        unsafe { (a as *mut FreeBlock).write(FreeBlock { next: self.free, len }) };
        self.free = a;
    }
}

/// The default limit on one goroutine's stack: a sixteenth of the RAM
/// after the image (8 MiB of qemu's default 128), so that a runaway
/// recursion is Go's "stack overflow" rather than running out of memory.
pub fn max_stack() -> usize {
    let ram = core::ptr::addr_of!(__rgo_ram_end) as usize - core::ptr::addr_of!(__rgo_ram_free) as usize;
    ram / 16
}

/// `len` bytes of zeroed RAM, page aligned; `None` when RAM is used up.
pub fn mmap(len: usize) -> Option<*mut u8> {
    let len = len.checked_next_multiple_of(PAGE_SIZE)?.max(PAGE_SIZE);
    let mut p = pages();
    let got = match p.take_free(len) {
        Some(a) => a,
        None => {
            let a = p.next;
            if len > p.limit - a {
                return None;
            }
            p.next = a + len;
            a
        }
    };
    drop(p);
    // SAFETY: `got..got+len` is free RAM no one else holds.
    unsafe { core::ptr::write_bytes(got as *mut u8, 0, len) };
    Some(got as *mut u8)
}

/// The collector's arena: three quarters of the RAM still free, from the
/// top, once, not cleared ([`RESERVE_ZEROED`]); `None` for a larger
/// request (the heap asks for less).
pub fn reserve(len: usize) -> Option<*mut u8> {
    let mut p = pages();
    let room = (p.limit - p.next) / 4 * 3 / PAGE_SIZE * PAGE_SIZE;
    if len > room {
        return None;
    }
    p.limit -= len;
    // Not cleared: see RESERVE_ZEROED.
    Some(p.limit as *mut u8)
}

/// Gives `len` bytes at `p` back for reuse by [`mmap`].
///
/// # Safety
/// `p..p+len` must be a block [`mmap`] returned, no longer used.
pub unsafe fn munmap(p: *mut u8, len: usize) {
    let len = len.next_multiple_of(PAGE_SIZE).max(PAGE_SIZE);
    // SAFETY: as the caller promises.
    unsafe { pages().give_back(p as usize, len) };
}

/// Nothing to give back to: the pages stay with the heap (not zeroed).
///
/// # Safety
/// None needed; kept `unsafe` as on Linux.
pub unsafe fn release_pages(_p: *mut u8, _len: usize) -> bool {
    false
}

/// # Safety
/// None needed; kept `unsafe` as on Linux.
pub unsafe fn advise_huge_pages(_p: *mut u8, _len: usize) {}

/// No MMU: no guard pages.
///
/// # Safety
/// None needed; kept `unsafe` as on Linux.
pub unsafe fn protect_none(_p: *mut u8, _len: usize) -> bool {
    false
}

/// The boot stack's size (the linker script's).
pub fn stack_limit() -> Option<usize> {
    Some(core::ptr::addr_of!(__rgo_boot_stack_hi) as usize - core::ptr::addr_of!(__rgo_boot_stack_lo) as usize)
}

// No signals, but the vocabulary is the OS layer's (`super`): a nil
// dereference reaches the handler installed for SIGSEGV as Linux would
// deliver it.
use super::FaultHandler;

/// The handler [`set_fault_handler`] installed for SIGSEGV (a
/// [`FaultHandler`]; 0: none).
static FAULT_HANDLER: AtomicUsize = AtomicUsize::new(0);

/// Exception handlers run on the boot code's exception stack: nothing to
/// prepare.
pub fn prepare_signal_stack() -> bool {
    true
}

/// Installs `handler` for SIGSEGV: [`rgo_board_trap`] calls it for a
/// memory fault below the first page, with a `siginfo_t`'s code and
/// address and the interrupted registers. A board raises no other signal
/// (false).
///
/// # Safety
/// `handler` must be safe to run at any instruction of the program, and
/// any context it writes must be one the program can resume at.
pub unsafe fn set_fault_handler(sig: i32, handler: FaultHandler) -> bool {
    if sig != super::SIGSEGV {
        return false;
    }
    FAULT_HANDLER.store(handler as usize, Ordering::Release);
    true
}

/// Makes `handler` the preemption tick's, called from the timer interrupt
/// with the interrupted registers (as Linux calls a `SIGPROF` handler).
///
/// # Safety
/// `handler` must be safe to run at any instruction of the program, as a
/// signal handler must be.
pub unsafe fn set_tick_handler(_sig: i32, handler: FaultHandler) -> bool {
    timer::TICK_HANDLER.store(handler as usize, Ordering::Release);
    timer::init();
    true
}

/// Starts the tick: the handler runs every `usec` microseconds.
pub fn start_cpu_tick(usec: usize) -> bool {
    timer::start_tick(usec as u64);
    true
}

/// Stops the [`start_cpu_tick`] tick.
pub fn stop_cpu_tick() {
    timer::stop_tick();
}

/// Nothing to find at the start.
///
/// # Safety
/// None needed; kept `unsafe` as on Linux.
pub unsafe fn init(_envp: *const *const u8) {}

/// Nanoseconds since reset, from the counter.
pub fn nanotime() -> i64 {
    let (c, f) = (dev::counter() as u128, dev::counter_freq().max(1) as u128);
    (c * 1_000_000_000 / f) as i64
}

/// The calendar clock: the board's real-time clock, read once, plus the
/// counter's time since then.
pub fn walltime() -> (i64, i64) {
    static OFFSET: core::sync::atomic::AtomicI64 = core::sync::atomic::AtomicI64::new(i64::MIN);
    let mut off = OFFSET.load(Ordering::Relaxed);
    if off == i64::MIN {
        off = dev::rtc_unix_nanos() - nanotime();
        OFFSET.store(off, Ordering::Relaxed);
    }
    let n = off + nanotime();
    (n.div_euclid(1_000_000_000), n.rem_euclid(1_000_000_000))
}

/// Waits until [`nanotime`] reaches `when`, the core stopped (WFI) until
/// the timer interrupt at that time (or the tick's, or any other).
pub fn sleep_until(when: i64) {
    timer::init();
    let freq = dev::counter_freq().max(1) as u128;
    // The first counter value at which nanotime() >= when.
    let deadline = ((when.max(0) as u128 * freq).div_ceil(1_000_000_000)).min(u64::MAX as u128) as u64;
    timer::wake_at(deadline);
    while nanotime() < when {
        dev::wait_for_interrupt();
    }
    timer::wake_at(u64::MAX);
}

/// The board's timer interrupt, shared by the preemption tick and the
/// sleeps: the deadline programmed is the earlier of the next tick and
/// the wake-up a sleep asked for. The interrupt handler re-arms it, so a
/// deadline that lands early or late costs one extra interrupt, never a
/// lost tick or a missed wake-up. M:1: one core, whose interrupts are the
/// only concurrency (hence atomics, and nothing that blocks).
mod timer {
    use super::{dev, FaultHandler};
    use core::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

    /// The tick's handler (a [`FaultHandler`]; 0: none).
    pub static TICK_HANDLER: AtomicUsize = AtomicUsize::new(0);
    /// Counter ticks between preemption ticks (0: no tick).
    static PERIOD: AtomicU64 = AtomicU64::new(0);
    /// The counter value of the next preemption tick.
    static NEXT_TICK: AtomicU64 = AtomicU64::new(u64::MAX);
    /// The counter value a sleep waits for (`u64::MAX`: none).
    static WAKE_AT: AtomicU64 = AtomicU64::new(u64::MAX);
    static READY: AtomicBool = AtomicBool::new(false);

    /// Sets the interrupt up, once.
    pub fn init() {
        if !READY.swap(true, Ordering::AcqRel) {
            dev::interrupts_init();
        }
    }

    pub fn start_tick(usec: u64) {
        let period = (dev::counter_freq() * usec / 1_000_000).max(1);
        PERIOD.store(period, Ordering::Relaxed);
        NEXT_TICK.store(dev::counter().saturating_add(period), Ordering::Relaxed);
        rearm();
    }

    pub fn stop_tick() {
        PERIOD.store(0, Ordering::Relaxed);
        rearm();
    }

    pub fn wake_at(deadline: u64) {
        WAKE_AT.store(deadline, Ordering::Relaxed);
        rearm();
    }

    /// Programs the earlier deadline.
    fn rearm() {
        let tick = if PERIOD.load(Ordering::Relaxed) != 0 { NEXT_TICK.load(Ordering::Relaxed) } else { u64::MAX };
        let d = tick.min(WAKE_AT.load(Ordering::Relaxed));
        if d == u64::MAX {
            dev::timer_stop();
        } else {
            dev::timer_at(d);
        }
    }

    /// The timer interrupt: the tick when it is due, then the next
    /// deadline. (A sleep's wake-up needs nothing more: the interrupt
    /// itself ended its WFI.)
    ///
    /// # Safety
    /// Only the exception entry calls this, with the interrupted frame.
    pub unsafe fn interrupt(frame: *mut u8) {
        let now = dev::counter();
        let period = PERIOD.load(Ordering::Relaxed);
        if period != 0 && now >= NEXT_TICK.load(Ordering::Relaxed) {
            NEXT_TICK.store(now.saturating_add(period), Ordering::Relaxed);
            let h = TICK_HANDLER.load(Ordering::Acquire);
            if h != 0 {
                // SAFETY: stored from a FaultHandler by set_tick_handler.
                let h: FaultHandler = unsafe { core::mem::transmute::<usize, FaultHandler>(h) };
                // SAFETY: the handler is made to run at any instruction,
                // as a signal handler; `frame` holds the interrupted
                // registers as the Linux handler's context does.
                unsafe { h(super::super::SIGPROF, core::ptr::null(), frame) };
            }
        }
        if now >= WAKE_AT.load(Ordering::Relaxed) {
            // The sleeper is awake; it clears its deadline itself.
            WAKE_AT.store(u64::MAX, Ordering::Relaxed);
        }
        rearm();
    }
}

/// Semihosting's SYS_GET_CMDLINE: the command line qemu was given for the
/// program (`-kernel` then the words of `-append`), into a buffer.
const SYS_GET_CMDLINE: u32 = 0x15;
/// Room for the command line and for its words' pointers.
const CMDLINE_BYTES: usize = 4096;
const MAX_ARGS: usize = 256;

/// The command line, its words ended by NULs, and `argv`: written once, by
/// [`initial_stack`], before anything reads them.
struct Cmdline {
    bytes: core::cell::UnsafeCell<[u8; CMDLINE_BYTES]>,
    argv: core::cell::UnsafeCell<[*const u8; MAX_ARGS + 1]>,
}
// SAFETY: written once while the runtime starts, on its one thread, then
// only read.
unsafe impl Sync for Cmdline {}
static CMDLINE: Cmdline = Cmdline {
    bytes: core::cell::UnsafeCell::new([0; CMDLINE_BYTES]),
    argv: core::cell::UnsafeCell::new([core::ptr::null(); MAX_ARGS + 1]),
};

/// The arguments: the words of the command line that semihosting gives
/// (`rgo run --target virt-…` passes the program's arguments that way:
/// words split at spaces, at most 4 KiB and 256 of them), none if it gives
/// nothing; the environment is empty.
///
/// # Safety
/// Called once, as the runtime starts; `sp` is ignored.
pub unsafe fn initial_stack(_sp: *const usize) -> (usize, *const *const u8, *const *const u8) {
    // SAFETY: nothing else touches the buffers yet (see `Cmdline`).
    let (bytes, argv) = unsafe { (&mut *CMDLINE.bytes.get(), &mut *CMDLINE.argv.get()) };
    let mut block = [bytes.as_mut_ptr() as usize, CMDLINE_BYTES - 1];
    // SAFETY: SYS_GET_CMDLINE's block: the buffer and its size, the size
    // replaced by the command line's length.
    let ok = unsafe { dev::semihost(SYS_GET_CMDLINE, block.as_mut_ptr()) } == 0;
    let len = if ok { block[1].min(CMDLINE_BYTES - 1) } else { 0 };
    let mut argc = 0;
    let mut i = 0;
    while i < len && argc < MAX_ARGS {
        if bytes[i] == b' ' {
            bytes[i] = 0;
            i += 1;
            continue;
        }
        argv[argc] = &bytes[i];
        argc += 1;
        while i < len && bytes[i] != b' ' {
            i += 1;
        }
    }
    for b in &mut bytes[i.min(len)..=len] {
        *b = 0;
    }
    let envp = &argv[argc] as *const *const u8;
    (argc, argv.as_ptr(), envp)
}

/// The boot code's exception entry: `kind` and `cause` name the exception
/// (the vector and the syndrome on arm64, `mcause` on riscv64), `frame`
/// holds the interrupted registers at the offsets of Linux's `ucontext_t`
/// ([`crate::arch`]'s `UCONTEXT_*`), `addr` is the faulting address. A
/// nil dereference goes to the handler installed for SIGSEGV, as on Linux
/// (the runtime's: in Go code it returns with the frame rewritten to
/// enter `rgo_sigpanic`, and the boot code resumes it). Anything else is
/// fatal.
///
/// # Safety
/// Only the boot code's exception vectors call this, on the exception
/// stack, with such a frame, which they restore when this returns.
#[no_mangle]
pub unsafe extern "C" fn rgo_board_trap(kind: usize, cause: usize, frame: *mut u8, addr: usize) {
    if let Some(irq) = dev::claim_interrupt(kind, cause) {
        let (timer, spurious) = (dev::is_timer(&irq), dev::is_spurious(&irq));
        if timer {
            // SAFETY: as the caller promises.
            unsafe { timer::interrupt(frame) };
        }
        dev::end_interrupt(irq);
        if timer || spurious {
            return;
        }
        // An interrupt nothing asked for: fatal, as below.
    }
    let handler = FAULT_HANDLER.load(Ordering::Acquire);
    if dev::is_memory_fault(kind, cause) && addr < PAGE_SIZE && handler != 0 {
        // The words of a `siginfo_t` a fault handler reads.
        let mut info = [0u64; 3];
        info[super::SIGINFO_CODE / 8] = super::SEGV_MAPERR as u64;
        info[super::SIGINFO_ADDR / 8] = addr as u64;
        // SAFETY: stored from a FaultHandler by set_fault_handler; the
        // frame is as the caller promises, restored when this returns.
        unsafe { core::mem::transmute::<usize, FaultHandler>(handler)(super::SIGSEGV, info.as_ptr().cast(), frame) };
        return;
    }
    // SAFETY: as the caller promises.
    let pc = unsafe { crate::arch::context_word(frame, crate::arch::UCONTEXT_PC) };
    exception(kind, cause, pc, addr)
}

/// An exception the runtime does not handle: reports it as Go reports a
/// fatal signal, and exits with status 2.
fn exception(kind: usize, cause: usize, pc: usize, addr: usize) -> ! {
    use crate::print::Sink;
    crate::fatal::fatal_with("unexpected exception", |o| {
        o.put(b"exception: ");
        o.put(dev::exception_name(kind, cause).as_bytes());
        o.put(b" cause=");
        crate::print::fmt_hex(o, cause as u64);
        o.put(b" pc=");
        crate::print::fmt_hex(o, pc as u64);
        o.put(b" addr=");
        crate::print::fmt_hex(o, addr as u64);
        o.put(b"\n");
    })
}

/// A board runs one thread on one core: the scheduler hands its processor
/// to no other ([`spawn_thread`] always fails).
pub const THREADS: bool = false;

/// Fails: a board has no threads besides the one running.
///
/// # Safety
/// None needed; the signature is the OS layers' common one.
pub unsafe fn spawn_thread(_stack: usize, _f: unsafe extern "C" fn(usize) -> !, _arg: usize) -> Option<i32> {
    None
}

/// No signal asks a board's one thread for anything.
pub const SIG_PER_THREAD: i32 = 0;

/// The one thread's id.
pub fn process_id() -> i32 {
    1
}

/// Ends the one thread, and so the program (status 0).
pub fn exit_thread() -> ! {
    exit(0)
}

/// Fails: a board has no other thread to signal.
pub fn signal_thread(_tid: i32, _sig: i32) -> bool {
    false
}

/// Returns at once (callers look at `word` again): with one thread nothing
/// else could change it.
pub fn futex_wait(_word: &core::sync::atomic::AtomicU32, _val: u32) {}

/// One: a board runs on one core.
pub fn cpu_count() -> usize {
    1
}

/// Nothing to yield to: a board has one thread.
pub fn yield_thread() {}

/// Nothing to wake: a board has one thread.
pub fn futex_wake(_word: &core::sync::atomic::AtomicU32) {}
