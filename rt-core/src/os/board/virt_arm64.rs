//! qemu's arm64 `virt` board: a PL011 UART at 0x0900_0000, a PL031
//! real-time clock at 0x0901_0000, semihosting to end the emulation (qemu
//! runs with `-semihosting`), the generic timer.

/// The PL011's data register and flag register.
const UART_DR: usize = 0x0900_0000;
const UART_FR: usize = 0x0900_0018;
/// FR: the transmit FIFO is full.
const FR_TXFF: u32 = 1 << 5;

/// Sends one byte, waiting while the transmit FIFO is full.
pub fn console_put(c: u8) {
    // SAFETY: the PL011's registers on this board, mapped as device memory
    // by the boot code; volatile so that every access happens, in order.
    unsafe {
        while core::ptr::read_volatile(UART_FR as *const u32) & FR_TXFF != 0 {}
        core::ptr::write_volatile(UART_DR as *mut u32, c as u32);
    }
}

/// Semihosting's SYS_EXIT_EXTENDED with ADP_Stopped_ApplicationExit:
/// qemu exits with `status`.
pub fn exit(status: i32) -> ! {
    let block: [u64; 2] = [0x20026, status as u32 as u64];
    loop {
        // SAFETY: the semihosting call reads the two-word block; with
        // semihosting off it is an undefined-instruction exception, which
        // the boot code's vectors report.
        unsafe {
            core::arch::asm!("hlt #0xf000", in("w0") 0x20u32, in("x1") block.as_ptr(), options(nostack));
        }
    }
}

/// The virtual counter (CNTVCT_EL0).
pub fn counter() -> u64 {
    let v: u64;
    // SAFETY: reading the counter has no side effect.
    unsafe { core::arch::asm!("isb", "mrs {}, cntvct_el0", out(reg) v, options(nomem, nostack)) };
    v
}

/// The counter's frequency in Hz (CNTFRQ_EL0).
pub fn counter_freq() -> u64 {
    let v: u64;
    // SAFETY: reading the register has no side effect.
    unsafe { core::arch::asm!("mrs {}, cntfrq_el0", out(reg) v, options(nomem, nostack)) };
    v
}

/// A pause in a wait loop.
pub fn relax() {
    core::hint::spin_loop();
}

/// What the vector `kind` (0..16, VBAR_EL1's order) and ESR_EL1 `esr` say.
pub fn exception_name(kind: usize, esr: usize) -> &'static str {
    if kind % 4 != 0 {
        return ["", "IRQ", "FIQ", "SError"][kind % 4];
    }
    match esr >> 26 {
        0x00 => "unknown instruction",
        0x0e => "illegal execution state",
        0x15 => "supervisor call",
        0x20 | 0x21 => "instruction abort",
        0x22 => "misaligned pc",
        0x24 | 0x25 => "data abort",
        0x26 => "misaligned stack pointer",
        0x3c => "breakpoint",
        _ => "synchronous exception",
    }
}

/// Whether a synchronous exception (vector `kind`, syndrome `esr`) is a
/// translation or permission fault of a data access or an instruction
/// fetch: what Linux reports as SIGSEGV.
pub fn is_memory_fault(kind: usize, esr: usize) -> bool {
    kind % 4 == 0 && matches!(esr >> 26, 0x20 | 0x21 | 0x24 | 0x25)
}

/// The PL031's data register: seconds since the Unix epoch.
const RTC_DR: usize = 0x0901_0000;

/// The real-time clock, in nanoseconds since the Unix epoch.
pub fn rtc_unix_nanos() -> i64 {
    // SAFETY: the PL031's register on this board, mapped as device memory.
    let secs = unsafe { core::ptr::read_volatile(RTC_DR as *const u32) };
    secs as i64 * 1_000_000_000
}
