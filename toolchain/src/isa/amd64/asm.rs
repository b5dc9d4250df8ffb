//! Spelling amd64 instructions in GNU as Intel syntax: registers, memory
//! operands, and the block moves (copy, zero) every part of the backend
//! shares.

use super::track::Track;
use std::fmt::Write;

/// A general-purpose register. All sixteen are listed, in encoding order,
/// so [`Reg::name`] can index its table by discriminant, even the ones the
/// backend never writes (R15, reserved by gc for dynamic linking).
#[allow(dead_code)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reg {
    Rax,
    Rbx,
    Rcx,
    Rdx,
    Rsi,
    Rdi,
    Rbp,
    Rsp,
    R8,
    R9,
    R10,
    R11,
    R12,
    R13,
    R14,
    R15,
}

use Reg::*;

/// ABIInternal integer argument/result registers, in assignment order
/// (`reflect::abi::AMD64.int_regs`; a test checks the two agree).
pub const INT_ARGS: [Reg; 9] = [Rax, Rbx, Rcx, Rdi, Rsi, R8, R9, R10, R11];
/// The registers a body keeps values in (`Loc::Reg(Int, n)` names
/// `BODY_INT[n]`): the argument registers by their ABI index, then R13 and
/// R15, which no argument uses (R13 is an indirect call's target, loaded
/// where no value lives in a register; R15 is gc's dynamic-linking
/// temporary, which rgo's static links never need).
pub const BODY_INT: [Reg; 11] = [Rax, Rbx, Rcx, Rdi, Rsi, R8, R9, R10, R11, R13, R15];
/// System V integer argument registers, in order.
pub const C_INT_ARGS: [Reg; 6] = [Rdi, Rsi, Rdx, Rcx, R8, R9];
/// System V integer result registers.
pub const C_INT_RETS: [Reg; 2] = [Rax, Rdx];
/// System V float argument registers are XMM0-7; results XMM0-1.
pub const C_FLOAT_ARGS: u8 = 8;
pub const C_FLOAT_RETS: u8 = 2;

impl Reg {
    /// The register's name at an access size of 1, 2, 4 or 8 bytes.
    pub fn name(self, size: u32) -> &'static str {
        const NAMES: [[&str; 4]; 16] = [
            ["al", "ax", "eax", "rax"],
            ["bl", "bx", "ebx", "rbx"],
            ["cl", "cx", "ecx", "rcx"],
            ["dl", "dx", "edx", "rdx"],
            ["sil", "si", "esi", "rsi"],
            ["dil", "di", "edi", "rdi"],
            ["bpl", "bp", "ebp", "rbp"],
            ["spl", "sp", "esp", "rsp"],
            ["r8b", "r8w", "r8d", "r8"],
            ["r9b", "r9w", "r9d", "r9"],
            ["r10b", "r10w", "r10d", "r10"],
            ["r11b", "r11w", "r11d", "r11"],
            ["r12b", "r12w", "r12d", "r12"],
            ["r13b", "r13w", "r13d", "r13"],
            ["r14b", "r14w", "r14d", "r14"],
            ["r15b", "r15w", "r15d", "r15"],
        ];
        let col = match size {
            1 => 0,
            2 => 1,
            4 => 2,
            8 => 3,
            _ => panic!("no {size}-byte general register"),
        };
        NAMES[self as usize][col]
    }

    pub fn q(self) -> &'static str {
        self.name(8)
    }

    pub fn d(self) -> &'static str {
        self.name(4)
    }
}

/// The `xmmN` register.
pub fn xmm(n: u8) -> String {
    format!("xmm{n}")
}

/// The size keyword of a memory operand.
pub fn ptr_kw(size: u32) -> &'static str {
    match size {
        1 => "byte ptr",
        2 => "word ptr",
        4 => "dword ptr",
        8 => "qword ptr",
        16 => "xmmword ptr",
        _ => panic!("no {size}-byte memory access"),
    }
}

/// What a memory operand is relative to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Base {
    Reg(Reg),
    /// A symbol, addressed RIP-relative (valid in static and PIE links).
    Sym(String),
}

/// A memory operand `[base + index*2^shift + disp]` (an index only with
/// a register base).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mem {
    pub base: Base,
    pub index: Option<(Reg, u8)>,
    pub disp: i64,
}

impl Mem {
    pub fn reg(r: Reg, disp: i64) -> Mem {
        Mem { base: Base::Reg(r), index: None, disp }
    }

    pub fn sym(s: &str, disp: i64) -> Mem {
        Mem { base: Base::Sym(s.to_string()), index: None, disp }
    }

    /// `[base + index*2^shift + disp]`.
    pub fn indexed(base: Reg, index: Reg, shift: u8, disp: i64) -> Mem {
        Mem { base: Base::Reg(base), index: Some((index, shift)), disp }
    }

    pub fn plus(&self, d: i64) -> Mem {
        Mem { disp: self.disp + d, ..self.clone() }
    }

    /// The bracketed address, as `lea` takes it.
    pub fn addr(&self) -> String {
        let d = self.disp;
        let disp = match d.cmp(&0) {
            std::cmp::Ordering::Less => format!(" - {}", d.unsigned_abs()),
            std::cmp::Ordering::Greater => format!(" + {d}"),
            std::cmp::Ordering::Equal => String::new(),
        };
        match (&self.base, self.index) {
            (Base::Reg(r), None) => format!("[{}{disp}]", r.q()),
            (Base::Reg(r), Some((i, k))) => format!("[{} + {}*{}{disp}]", r.q(), i.q(), 1u32 << k),
            (Base::Sym(s), _) if d == 0 => format!("[rip + {s}]"),
            (Base::Sym(s), _) if d < 0 => format!("[rip + {s}-{}]", d.unsigned_abs()),
            (Base::Sym(s), _) => format!("[rip + {s}+{d}]"),
        }
    }

    /// The operand for a `size`-byte access.
    pub fn at(&self, size: u32) -> String {
        format!("{} {}", ptr_kw(size), self.addr())
    }

    pub fn uses(&self, r: Reg) -> bool {
        self.base == Base::Reg(r) || self.index.is_some_and(|(i, _)| i == r)
    }
}

/// Largest block [`Asm::copy`] and [`Asm::zero`] unroll; bigger blocks
/// use `rep movsb`/`rep stosb`, which modern cores run at full bandwidth
/// once the block is a few hundred bytes (Go switches from its unrolled
/// Duff's device to `rep movs` around the same sizes).
pub const UNROLL_MAX: u32 = 256;

/// The text being assembled.
#[derive(Default)]
pub struct Asm {
    pub out: String,
    /// Which frame words the registers hold copies of (see [`Track`]):
    /// loads of them become register moves or go.
    track: Track,
    /// The last instruction, when it was `mov A, B` between two 64-bit
    /// general registers: a `mov B, A` right after it changes nothing.
    last_move: Option<(String, String)>,
}

/// The two registers of `mov A, B` between 64-bit general registers.
fn gpr_move(ins: &str) -> Option<(String, String)> {
    let (a, b) = ins.strip_prefix("mov ")?.split_once(", ")?;
    // (Not the stack and frame pointers, which the prologue and epilogue
    // move between themselves.)
    const FULL: [&str; 14] = ["rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"];
    let full = |r: &str| FULL.contains(&r);
    (full(a) && full(b)).then(|| (a.to_string(), b.to_string()))
}

impl Asm {
    /// One instruction or directive, indented (rewritten, or left out, by
    /// what the registers are known to hold).
    pub fn ins(&mut self, s: impl AsRef<str>) {
        if let Some(s) = self.track.rewrite(s.as_ref()) {
            let mv = gpr_move(&s);
            if let (Some((a, b)), Some((c, d))) = (&mv, &self.last_move) {
                if a == d && b == c {
                    return;
                }
            }
            self.last_move = mv;
            self.out.push('\t');
            self.out.push_str(&s);
            self.out.push('\n');
        }
    }

    /// Names the current address (see `Machine::mark`): a directive that
    /// changes nothing of what is known.
    pub fn mark(&mut self, l: &str) {
        let _ = writeln!(self.out, "\t.set {l}, .");
    }

    /// A label: control may arrive from elsewhere, so nothing is known.
    pub fn label(&mut self, l: &str) {
        self.track.label();
        self.last_move = None;
        let _ = writeln!(self.out, "{l}:");
    }

    /// A label reached only by jumps already emitted and, when `falls_in`,
    /// from the instruction before it: what every such path agrees the
    /// registers hold stays known.
    pub fn forward_label(&mut self, l: &str, falls_in: bool) {
        self.track.forward_label(l, falls_in);
        self.last_move = None;
        let _ = writeln!(self.out, "{l}:");
    }

    pub fn comment(&mut self, s: &str) {
        // One line per comment line; `#` starts a comment in GNU as on x86.
        for line in s.lines() {
            let _ = writeln!(self.out, "\t# {line}");
        }
    }

    /// `mov` of `size` bytes from memory into `r`, zero-extended to at
    /// least 32 bits (never a partial-register write, which would make
    /// the next use wait for the old value).
    pub fn load_zx(&mut self, r: Reg, m: &Mem, size: u32) {
        match size {
            1 | 2 => self.ins(format!("movzx {}, {}", r.d(), m.at(size))),
            4 => self.ins(format!("mov {}, {}", r.d(), m.at(4))),
            8 => self.ins(format!("mov {}, {}", r.q(), m.at(8))),
            _ => panic!("no {size}-byte load"),
        }
    }

    /// `mov` of the low `size` bytes of `r` to memory.
    pub fn store(&mut self, m: &Mem, r: Reg, size: u32) {
        self.ins(format!("mov {}, {}", m.at(size), r.name(size)));
    }

    /// Loads a register's worth of float: `movss` for 4 bytes (the
    /// float32 sits in the low 32 bits, as ABIInternal wants on amd64),
    /// `movsd` for 8.
    pub fn load_float(&mut self, x: u8, m: &Mem, size: u32) {
        match size {
            4 => self.ins(format!("movss {}, {}", xmm(x), m.at(4))),
            8 => self.ins(format!("movsd {}, {}", xmm(x), m.at(8))),
            _ => panic!("no {size}-byte float register"),
        }
    }

    pub fn store_float(&mut self, m: &Mem, x: u8, size: u32) {
        match size {
            4 => self.ins(format!("movss {}, {}", m.at(4), xmm(x))),
            8 => self.ins(format!("movsd {}, {}", m.at(8), xmm(x))),
            _ => panic!("no {size}-byte float register"),
        }
    }

    /// Copies `size` bytes from `src` to `dst` (which do not partly
    /// overlap). Clobbers RAX and XMM0, and for large blocks RCX, RSI and
    /// RDI; neither base may be RAX or RCX.
    pub fn copy(&mut self, dst: &Mem, src: &Mem, size: u32) {
        /// Copies up to this size move in 8-byte words.
        const SMALL_COPY: u32 = 64;
        debug_assert!(![Rax, Rcx].iter().any(|&r| dst.uses(r) || src.uses(r)));
        if size > UNROLL_MAX {
            // Both addresses first (the bases may be RSI/RDI themselves).
            self.ins(format!("lea rax, {}", dst.addr()));
            self.ins(format!("lea rcx, {}", src.addr()));
            self.ins("mov rdi, rax");
            self.ins("mov rsi, rcx");
            self.ins(format!("mov ecx, {size}"));
            self.ins("rep movsb");
            return;
        }
        let mut off = 0i64;
        let mut left = size;
        // Small values (struct fields, strings, interfaces) are usually
        // just written field by field; a 16-byte load of two fresh 8-byte
        // stores cannot be store-forwarded and stalls, so they move in words.
        while size > SMALL_COPY && left >= 16 {
            self.ins(format!("movups xmm0, {}", src.plus(off).at(16)));
            self.ins(format!("movups {}, xmm0", dst.plus(off).at(16)));
            off += 16;
            left -= 16;
        }
        for chunk in [8u32, 4, 2, 1] {
            while left >= chunk {
                self.load_zx(Rax, &src.plus(off), chunk);
                self.store(&dst.plus(off), Rax, chunk);
                off += chunk as i64;
                left -= chunk;
            }
        }
    }

    /// Zeroes `size` bytes at `dst`, using X15 (ABIInternal's zero
    /// register) for 16-byte stores. Large blocks clobber RAX, RCX, RDI.
    pub fn zero(&mut self, dst: &Mem, size: u32) {
        if size > UNROLL_MAX {
            debug_assert!(!dst.uses(Rax) && !dst.uses(Rcx));
            self.ins(format!("lea rdi, {}", dst.addr()));
            self.ins("xor eax, eax");
            self.ins(format!("mov ecx, {size}"));
            self.ins("rep stosb");
            return;
        }
        let mut off = 0i64;
        let mut left = size;
        while left >= 16 {
            self.ins(format!("movups {}, xmm15", dst.plus(off).at(16)));
            off += 16;
            left -= 16;
        }
        for chunk in [8u32, 4, 2, 1] {
            if left >= chunk {
                self.ins(format!("mov {}, 0", dst.plus(off).at(chunk)));
                off += chunk as i64;
                left -= chunk;
            }
        }
    }
}
