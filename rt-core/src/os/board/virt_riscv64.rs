//! qemu's riscv64 `virt` board in M-mode (`-bios none`): an NS16550A UART
//! at 0x1000_0000, the `sifive,test` device at 0x10_0000 to end the
//! emulation, the CLINT's `mtime` at 10 MHz, a Goldfish real-time clock at
//! 0x10_1000.

/// The 16550's transmit holding register and line status register.
const UART_THR: usize = 0x1000_0000;
const UART_LSR: usize = 0x1000_0005;
/// LSR: the transmit holding register is empty.
const LSR_THRE: u8 = 1 << 5;
/// The `sifive,test` finisher.
const FINISHER: usize = 0x10_0000;
/// The CLINT's machine timer.
const MTIME: usize = 0x0200_bff8;
/// `timebase-frequency` of qemu's virt board.
const MTIME_HZ: u64 = 10_000_000;

/// Sends one byte, waiting until the transmitter has room.
pub fn console_put(c: u8) {
    // SAFETY: the 16550's registers on this board (no MMU in M-mode);
    // volatile so that every access happens, in order.
    unsafe {
        while core::ptr::read_volatile(UART_LSR as *const u8) & LSR_THRE == 0 {}
        core::ptr::write_volatile(UART_THR as *mut u8, c);
    }
}

/// Ends the emulation: the finisher's FAIL code with `status` in the upper
/// half, or PASS for 0 (qemu exits with the status either way).
pub fn exit(status: i32) -> ! {
    let v: u32 = if status == 0 { 0x5555 } else { ((status as u32 & 0xffff) << 16) | 0x3333 };
    loop {
        // SAFETY: the finisher's register on this board.
        unsafe { core::ptr::write_volatile(FINISHER as *mut u32, v) };
    }
}

/// A semihosting call (qemu runs with `-semihosting`): operation `op` with
/// the parameter block at `param`; the call's result. RISC-V's semihosting
/// trap is `ebreak` between two marker instructions, uncompressed, which
/// qemu recognises together.
///
/// # Safety
/// `param` must be the block `op` reads and writes.
pub unsafe fn semihost(op: u32, param: *mut usize) -> isize {
    let r: isize;
    // SAFETY: as the caller promises; on entry a0 holds the operation and
    // a1 the block's address, on exit a0 the result.
    unsafe {
        core::arch::asm!(
            ".option push",
            ".option norvc",
            ".balign 16",
            "slli zero, zero, 0x1f",
            "ebreak",
            "srai zero, zero, 0x7",
            ".option pop",
            inout("a0") op as usize => r,
            in("a1") param,
            options(nostack),
        )
    };
    r
}

/// The machine timer.
pub fn counter() -> u64 {
    // SAFETY: the CLINT's `mtime` register on this board.
    unsafe { core::ptr::read_volatile(MTIME as *const u64) }
}

pub fn counter_freq() -> u64 {
    MTIME_HZ
}

/// What `mcause` says (`kind` is unused: one trap vector).
pub fn exception_name(_kind: usize, mcause: usize) -> &'static str {
    if mcause >> 63 != 0 {
        return "interrupt";
    }
    match mcause {
        0 => "misaligned instruction address",
        1 => "instruction access fault",
        2 => "illegal instruction",
        3 => "breakpoint",
        4 => "misaligned load",
        5 => "load access fault",
        6 => "misaligned store",
        7 => "store access fault",
        11 => "environment call",
        12 => "instruction page fault",
        13 => "load page fault",
        15 => "store page fault",
        _ => "exception",
    }
}

/// Whether `mcause` is an access fault of a fetch, load or store: nothing
/// answers at the address (what Linux reports as SIGSEGV).
pub fn is_memory_fault(_kind: usize, mcause: usize) -> bool {
    matches!(mcause, 1 | 5 | 7)
}

/// The Goldfish RTC's time registers (nanoseconds since the Unix epoch;
/// reading the low half latches the high one).
const RTC_TIME_LOW: usize = 0x10_1000;
const RTC_TIME_HIGH: usize = 0x10_1004;

/// The real-time clock, in nanoseconds since the Unix epoch.
pub fn rtc_unix_nanos() -> i64 {
    // SAFETY: the Goldfish RTC's registers on this board, low half first.
    unsafe {
        let lo = core::ptr::read_volatile(RTC_TIME_LOW as *const u32) as u64;
        let hi = core::ptr::read_volatile(RTC_TIME_HIGH as *const u32) as u64;
        (hi << 32 | lo) as i64
    }
}

// ---- The timer interrupt: the CLINT's machine timer interrupt (hart 0's
// `mtimecmp` at 0x0200_4000), in M-mode. ----

const MTIMECMP: usize = 0x0200_4000;
/// `mie.MTIE` and `mstatus.MIE`.
const MIE_MTIE: usize = 1 << 7;
const MSTATUS_MIE: usize = 1 << 3;
/// `mcause` of the machine timer interrupt.
const CAUSE_TIMER: usize = 1 << 63 | 7;

/// Enables the machine timer interrupt (quiet until [`timer_at`]).
pub fn interrupts_init() {
    timer_stop();
    // SAFETY: enabling an interrupt whose deadline is "never".
    unsafe { core::arch::asm!("csrs mie, {}", "csrs mstatus, {}", in(reg) MIE_MTIE, in(reg) MSTATUS_MIE, options(nostack)) };
}

/// Raises the timer interrupt once `mtime` reaches `deadline`.
pub fn timer_at(deadline: u64) {
    // SAFETY: hart 0's compare register on this board.
    unsafe { core::ptr::write_volatile(MTIMECMP as *mut u64, deadline) };
}

/// No timer interrupt until the next [`timer_at`].
pub fn timer_stop() {
    timer_at(u64::MAX);
}

/// Waits for an interrupt (a pending one ends the wait at once).
pub fn wait_for_interrupt() {
    // SAFETY: WFI only suspends the hart until an enabled interrupt is
    // pending.
    unsafe { core::arch::asm!("wfi", options(nostack)) };
}

/// An interrupt the runtime knows.
pub struct Claim(usize);

/// `Some` when `mcause` is an interrupt (no controller to acknowledge:
/// the timer's ends when its deadline moves).
pub fn claim_interrupt(_kind: usize, mcause: usize) -> Option<Claim> {
    (mcause >> 63 != 0).then_some(Claim(mcause))
}

/// Whether the interrupt is the machine timer's.
pub fn is_timer(c: &Claim) -> bool {
    c.0 == CAUSE_TIMER
}

/// No controller to ask: never.
pub fn is_spurious(_c: &Claim) -> bool {
    false
}

/// Nothing to tell: the CLINT needs no end of interrupt.
pub fn end_interrupt(_c: Claim) {}
