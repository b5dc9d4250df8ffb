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

/// A semihosting call (qemu runs with `-semihosting`): operation `op` with
/// the parameter block at `param`; the call's result.
///
/// # Safety
/// `param` must be the block `op` reads and writes.
pub unsafe fn semihost(op: u32, param: *mut usize) -> isize {
    let r: isize;
    // SAFETY: as the caller promises; on entry w0 holds the operation and
    // x1 the block's address, on exit x0 the result.
    unsafe { core::arch::asm!("hlt #0xf000", inout("x0") op as usize => r, in("x1") param, options(nostack)) };
    r
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

// ---- The timer interrupt: the EL1 virtual timer (PPI 27) through the
// GICv2 that qemu's virt board has with a Cortex-A57 (distributor at
// 0x0800_0000, CPU interface at 0x0801_0000). ----

const GICD: usize = 0x0800_0000;
const GICC: usize = 0x0801_0000;
const GICD_CTLR: usize = GICD;
const GICD_ISENABLER0: usize = GICD + 0x100;
const GICD_IPRIORITYR: usize = GICD + 0x400;
const GICC_CTLR: usize = GICC;
const GICC_PMR: usize = GICC + 0x4;
const GICC_IAR: usize = GICC + 0xc;
const GICC_EOIR: usize = GICC + 0x10;
/// The virtual timer's interrupt (a private peripheral interrupt).
const VTIMER_INTID: u32 = 27;
/// GICC_IAR's answer when nothing is pending.
const SPURIOUS: u32 = 1023;

/// Routes the virtual timer's interrupt to this core and unmasks IRQs.
pub fn interrupts_init() {
    // SAFETY: the GIC's registers on this board, mapped as device memory;
    // each access is one volatile 32-bit (or, for a priority, 8-bit) load
    // or store, as the GIC requires.
    unsafe {
        let w = |a: usize, v: u32| core::ptr::write_volatile(a as *mut u32, v);
        core::ptr::write_volatile((GICD_IPRIORITYR + VTIMER_INTID as usize) as *mut u8, 0x80);
        w(GICD_ISENABLER0, 1 << VTIMER_INTID);
        w(GICD_CTLR, 1);
        w(GICC_PMR, 0xf0);
        w(GICC_CTLR, 1);
        // The timer stays quiet until `timer_at` sets a deadline.
        core::arch::asm!("msr cntv_ctl_el0, {}", "isb", in(reg) 2u64, options(nostack));
        core::arch::asm!("msr daifclr, #2", options(nostack));
    }
}

/// Raises the timer interrupt once the counter reaches `deadline`.
pub fn timer_at(deadline: u64) {
    // SAFETY: the virtual timer's own registers: compare value, then
    // enabled and unmasked.
    unsafe { core::arch::asm!("msr cntv_cval_el0, {}", "msr cntv_ctl_el0, {}", "isb", in(reg) deadline, in(reg) 1u64, options(nostack)) };
}

/// No timer interrupt until the next [`timer_at`].
pub fn timer_stop() {
    // SAFETY: masks the virtual timer's interrupt (ENABLE set, IMASK set).
    unsafe { core::arch::asm!("msr cntv_ctl_el0, {}", "isb", in(reg) 3u64, options(nostack)) };
}

/// Waits for an interrupt (a pending one ends the wait at once).
pub fn wait_for_interrupt() {
    // SAFETY: WFI only suspends the core until an interrupt is pending.
    unsafe { core::arch::asm!("dsb sy", "wfi", options(nostack)) };
}

/// An interrupt the runtime knows, taken from the interrupt controller.
pub struct Claim(u32);

/// Takes the interrupt that vector `kind` signals from the GIC: `Some`
/// for an IRQ (end it with [`end_interrupt`]), `None` for anything else.
pub fn claim_interrupt(kind: usize, _esr: usize) -> Option<Claim> {
    if kind % 4 != 1 {
        return None;
    }
    // SAFETY: reading GICC_IAR acknowledges the highest pending interrupt.
    Some(Claim(unsafe { core::ptr::read_volatile(GICC_IAR as *const u32) } & 0x3ff))
}

/// Whether the claimed interrupt is the timer's.
pub fn is_timer(c: &Claim) -> bool {
    c.0 == VTIMER_INTID
}

/// Whether the GIC had nothing pending after all.
pub fn is_spurious(c: &Claim) -> bool {
    c.0 == SPURIOUS
}

/// Tells the GIC the interrupt has been handled.
pub fn end_interrupt(c: Claim) {
    if c.0 != SPURIOUS {
        // SAFETY: GICC_EOIR takes the id GICC_IAR gave.
        unsafe { core::ptr::write_volatile(GICC_EOIR as *mut u32, c.0) };
    }
}
