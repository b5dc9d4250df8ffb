//! Architecture descriptions: what the assignment algorithm needs to know
//! about a target. Register counts and the fixed frame come from rt-arch's
//! generated bindings of `rgo_abi.h`, the header the assembly includes, so
//! the assembly and the assignment cannot disagree.

use rt_arch::bindings::{amd64, arm64, riscv64};

/// How a `float32` sits in a 64-bit float register block slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Float32InReg {
    /// The low 32 bits hold the float32 bits (amd64 X registers, arm64 S registers).
    LowBits,
    /// The low 32 bits hold the value and the high 32 bits are all ones
    /// (RISC-V's NaN-boxing: an unboxed single reads as the canonical NaN).
    NanBoxed,
}

impl Float32InReg {
    /// The register-block word for a float32's bits.
    pub const fn box_bits(self, bits: u32) -> u64 {
        match self {
            Float32InReg::LowBits => bits as u64,
            Float32InReg::NanBoxed => 0xffff_ffff_0000_0000 | bits as u64,
        }
    }
}

/// A target's ABIInternal parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Arch {
    /// Go's name for the target (`amd64`, `arm64`, `riscv64`).
    pub name: &'static str,
    /// Integer argument registers, in assignment order.
    pub int_regs: &'static [&'static str],
    /// Floating-point argument registers, in assignment order.
    pub float_regs: &'static [&'static str],
    /// Bytes below the stack arguments at a call (the saved link register
    /// slot on arm64 and riscv64); stack offsets in the assignment do not
    /// include it.
    pub fixed_frame: usize,
    pub ptr_size: usize,
    /// Bytes of one float register slot in the register block.
    pub float_reg_size: usize,
    pub float32_in_reg: Float32InReg,
}

impl Arch {
    pub const fn int_reg_count(&self) -> usize {
        self.int_regs.len()
    }

    pub const fn float_reg_count(&self) -> usize {
        self.float_regs.len()
    }

    /// The same target with no argument registers: Go's stack-only ABI0.
    pub const fn abi0(self) -> Arch {
        Arch { int_regs: &[], float_regs: &[], ..self }
    }
}

const fn checked<const N: usize>(names: &'static [&'static str; N], from_header: u32) -> &'static [&'static str] {
    assert!(N == from_header as usize, "register names disagree with rgo_abi.h");
    names
}

pub static AMD64: Arch = Arch {
    name: "amd64",
    int_regs: checked(&["RAX", "RBX", "RCX", "RDI", "RSI", "R8", "R9", "R10", "R11"], amd64::RGO_INT_ARG_REGS),
    float_regs: checked(
        &["X0", "X1", "X2", "X3", "X4", "X5", "X6", "X7", "X8", "X9", "X10", "X11", "X12", "X13", "X14"],
        amd64::RGO_FLOAT_ARG_REGS,
    ),
    fixed_frame: amd64::RGO_FIXED_FRAME_SIZE as usize,
    ptr_size: amd64::RGO_PTR_SIZE as usize,
    float_reg_size: amd64::RGO_FLOAT_REG_SIZE as usize,
    float32_in_reg: Float32InReg::LowBits,
};

pub static ARM64: Arch = Arch {
    name: "arm64",
    int_regs: checked(
        &["R0", "R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15"],
        arm64::RGO_INT_ARG_REGS,
    ),
    float_regs: checked(
        &["F0", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12", "F13", "F14", "F15"],
        arm64::RGO_FLOAT_ARG_REGS,
    ),
    fixed_frame: arm64::RGO_FIXED_FRAME_SIZE as usize,
    ptr_size: arm64::RGO_PTR_SIZE as usize,
    float_reg_size: arm64::RGO_FLOAT_REG_SIZE as usize,
    float32_in_reg: Float32InReg::LowBits,
};

pub static RISCV64: Arch = Arch {
    name: "riscv64",
    int_regs: checked(
        &["X10", "X11", "X12", "X13", "X14", "X15", "X16", "X17", "X8", "X9", "X18", "X19", "X20", "X21", "X22", "X23"],
        riscv64::RGO_INT_ARG_REGS,
    ),
    float_regs: checked(
        &["F10", "F11", "F12", "F13", "F14", "F15", "F16", "F17", "F8", "F9", "F18", "F19", "F20", "F21", "F22", "F23"],
        riscv64::RGO_FLOAT_ARG_REGS,
    ),
    fixed_frame: riscv64::RGO_FIXED_FRAME_SIZE as usize,
    ptr_size: riscv64::RGO_PTR_SIZE as usize,
    float_reg_size: riscv64::RGO_FLOAT_REG_SIZE as usize,
    float32_in_reg: Float32InReg::NanBoxed,
};

/// The architecture this crate is compiled for.
#[cfg(target_arch = "x86_64")]
pub static NATIVE: &Arch = &AMD64;
#[cfg(target_arch = "aarch64")]
pub static NATIVE: &Arch = &ARM64;
#[cfg(target_arch = "riscv64")]
pub static NATIVE: &Arch = &RISCV64;

/// Looks an architecture up by Go's name for it.
pub fn by_name(name: &str) -> Option<&'static Arch> {
    [&AMD64, &ARM64, &RISCV64].into_iter().find(|a| a.name == name)
}
