//! Spelling arm64 instructions for GNU as: registers, memory operands
//! (any offset: scaled, unscaled, or through the offset register X27),
//! constants of any size, and the block moves (copy, zero) every part of
//! the backend shares.

use std::fmt::Write;

/// A general-purpose register `x0`-`x30`, the stack pointer or the zero
/// register. Which name `sp`/`xzr` takes depends on the instruction, so
/// the two are distinct values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reg(u8);

pub const SP: Reg = Reg(31);
pub const ZR: Reg = Reg(32);
/// Frame pointer and link register.
pub const FP: Reg = Reg(29);
pub const LR: Reg = Reg(30);
/// The closure context (ABIInternal).
pub const CTX: Reg = Reg(26);
/// The current goroutine (ABIInternal, callee-saved in C).
pub const G: Reg = Reg(28);
/// The assembler's temporary: offsets and addresses that do not fit an
/// instruction are built here, used by the very next instruction and
/// never kept (Go's REGTMP is the same register).
pub const TMP: Reg = Reg(27);

impl Reg {
    /// `xN` (0-30).
    pub const fn x(n: u8) -> Reg {
        assert!(n <= 30);
        Reg(n)
    }

    /// The 64-bit name (`sp` and `xzr` for the special ones).
    pub fn q(self) -> String {
        match self.0 {
            31 => "sp".into(),
            32 => "xzr".into(),
            n => format!("x{n}"),
        }
    }

    /// The 32-bit name.
    pub fn w(self) -> String {
        match self.0 {
            31 => "wsp".into(),
            32 => "wzr".into(),
            n => format!("w{n}"),
        }
    }

    /// The name at an operation width of 4 or 8 bytes.
    pub fn name(self, width: u32) -> String {
        if width == 8 {
            self.q()
        } else {
            self.w()
        }
    }
}

/// ABIInternal integer argument/result registers: x0-x15
/// (`reflect::abi::ARM64.int_regs`; a test checks the two agree).
pub fn int_arg(n: u8) -> Option<Reg> {
    (n < 16).then_some(Reg(n))
}

/// AAPCS64 passes up to eight integer and eight float arguments in x0-x7
/// and d0-d7, and returns up to two of each in x0, x1 and d0, d1.
pub const C_INT_ARGS: usize = 8;
pub const C_FLOAT_ARGS: u8 = 8;
pub const C_INT_RETS: usize = 2;
pub const C_FLOAT_RETS: u8 = 2;

/// The float register `n` viewed at `size` bytes (`s` or `d`, `q` for 16).
pub fn fr(n: u8, size: u32) -> String {
    match size {
        4 => format!("s{n}"),
        8 => format!("d{n}"),
        16 => format!("q{n}"),
        _ => panic!("no {size}-byte float register view"),
    }
}

/// Whether `v` (its low `width` bytes, 4 or 8) is an immediate of the
/// logical instructions (`and`, `orr`, `eor`): a pattern of 2, 4, ..., 64
/// bits repeated over the width, each copy a rotated run of ones (neither
/// all zeros nor all ones).
pub fn logical_imm(v: u64, width: u32) -> bool {
    let bits = width * 8;
    let v = if bits == 32 { v & 0xffff_ffff } else { v };
    let all = if bits == 64 { u64::MAX } else { (1u64 << bits) - 1 };
    if v == 0 || v == all {
        return false;
    }
    let mut e = 2;
    while e <= bits {
        let mask = if e == 64 { u64::MAX } else { (1u64 << e) - 1 };
        let elem = v & mask;
        let repeats = (0..bits / e).all(|k| (v >> (k * e)) & mask == elem);
        if repeats {
            // Some rotation of the element is a run of low ones.
            let rot = |x: u64, r: u32| if r == 0 { x } else { ((x >> r) | (x << (e - r))) & mask };
            return (0..e).any(|r| {
                let y = rot(elem, r);
                y & y.wrapping_add(1) & mask == 0
            });
        }
        e *= 2;
    }
    false
}

/// A memory operand `[base + off]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mem {
    pub base: Reg,
    pub off: i64,
}

impl Mem {
    pub fn new(base: Reg, off: i64) -> Mem {
        Mem { base, off }
    }

    pub fn plus(&self, d: i64) -> Mem {
        Mem { base: self.base, off: self.off + d }
    }
}

/// Largest block [`Asm::copy`] and [`Asm::zero`] unroll; bigger ones loop
/// over 16-byte pairs.
pub const UNROLL_MAX: u32 = 128;

/// The text being assembled.
pub struct Asm {
    pub out: String,
    /// The function's index, for local labels.
    fi: usize,
    next_local: u32,
    /// The store just emitted, as (address operand, register), when
    /// nothing has run since: a load of the same whole register from the
    /// same address would change nothing and is left out, and one into
    /// another register of the kind becomes a register move. The
    /// memory-based IR makes store-then-reload the commonest pair (a
    /// result becomes the next instruction's operand).
    just_stored: Option<(String, String)>,
}

impl Asm {
    pub fn new(fi: usize) -> Asm {
        Asm { out: String::new(), fi, next_local: 0, just_stored: None }
    }

    /// A fresh label for a branch inside one primitive's sequence.
    pub fn local(&mut self) -> String {
        self.next_local += 1;
        format!(".L{}_i{}", self.fi, self.next_local)
    }

    /// One instruction or directive, indented.
    pub fn ins(&mut self, s: impl AsRef<str>) {
        self.just_stored = None;
        self.out.push('\t');
        self.out.push_str(s.as_ref());
        self.out.push('\n');
    }

    /// Names the current address (see `Machine::mark`): a directive that
    /// changes nothing of what is known.
    pub fn mark(&mut self, l: &str) {
        let _ = writeln!(self.out, "\t.set {l}, .");
    }

    /// A label: control may arrive from elsewhere, so nothing is known.
    pub fn label(&mut self, l: &str) {
        self.just_stored = None;
        let _ = writeln!(self.out, "{l}:");
    }

    pub fn comment(&mut self, s: &str) {
        self.just_stored = None;
        // `//` starts a comment anywhere on a line in GNU as for AArch64.
        for line in s.lines() {
            let _ = writeln!(self.out, "\t// {line}");
        }
    }

    /// The prologue of a frame of `size` bytes below the saved pair:
    ///
    /// ```text
    ///   stp x29, x30, [sp, #-16]!     x30 at entry SP - 8, x29 at - 16
    ///   mov x29, sp
    ///   sub sp, sp, #size
    /// ```
    pub fn enter(&mut self, size: u32) {
        self.ins("stp x29, x30, [sp, #-16]!");
        self.ins(".cfi_def_cfa_offset 16");
        self.ins(".cfi_offset x29, -16");
        self.ins(".cfi_offset x30, -8");
        self.ins("mov x29, sp");
        self.ins(".cfi_def_cfa_register x29");
        if size > 0 {
            self.add_imm(SP, SP, -(size as i64));
        }
    }

    /// The epilogue: `mov sp, x29; ldp x29, x30, [sp], #16; ret`. The
    /// unwind state after it is the body's again (code may follow).
    pub fn leave(&mut self) {
        self.ins(".cfi_remember_state");
        self.ins("mov sp, x29");
        self.ins("ldp x29, x30, [sp], #16");
        self.ins(".cfi_def_cfa sp, 0");
        self.ins(".cfi_restore x29");
        self.ins(".cfi_restore x30");
        self.ins("ret");
        self.ins(".cfi_restore_state");
    }

    /// `r = v` (all 64 bits), in as few `movz`/`movn`/`movk` as the
    /// 16-bit chunks of `v` allow.
    pub fn mov_imm(&mut self, r: Reg, v: i64) {
        let u = v as u64;
        let chunks: Vec<u64> = (0..4).map(|i| (u >> (16 * i)) & 0xffff).collect();
        let zeros = chunks.iter().filter(|&&c| c == 0).count();
        let ones = chunks.iter().filter(|&&c| c == 0xffff).count();
        let x = r.q();
        let shifted = |c: u64, i: usize| if i == 0 { format!("#{c}") } else { format!("#{c}, lsl #{}", 16 * i) };
        // Start from all ones (movn) or all zeros (movz) and patch the
        // other chunks in.
        let fill = if ones > zeros { 0xffff } else { 0 };
        let Some(first) = chunks.iter().position(|&c| c != fill) else {
            self.ins(format!("mov {x}, #{v}"));
            return;
        };
        if fill == 0xffff {
            self.ins(format!("movn {x}, {}", shifted(!chunks[first] & 0xffff, first)));
        } else {
            self.ins(format!("movz {x}, {}", shifted(chunks[first], first)));
        }
        for (j, &c) in chunks.iter().enumerate().skip(first + 1) {
            if c != fill {
                self.ins(format!("movk {x}, {}", shifted(c, j)));
            }
        }
    }

    /// `dst = src + v` (64-bit; `src` may be `sp`, `dst` too).
    pub fn add_imm(&mut self, dst: Reg, src: Reg, v: i64) {
        let (mn, a) = if v < 0 { ("sub", v.unsigned_abs()) } else { ("add", v as u64) };
        if a == 0 {
            if dst != src {
                self.ins(format!("mov {}, {}", dst.q(), src.q()));
            }
        } else if a < 4096 {
            self.ins(format!("{mn} {}, {}, #{a}", dst.q(), src.q()));
        } else if a < 1 << 24 && a & 0xfff == 0 {
            self.ins(format!("{mn} {}, {}, #{}, lsl #12", dst.q(), src.q(), a >> 12));
        } else {
            // The offset register never is `sp`; the extended-register
            // form takes `sp` on either side.
            assert!(dst != TMP && src != TMP, "the offset register is in use");
            self.mov_imm(TMP, v);
            self.ins(format!("add {}, {}, {}", dst.q(), src.q(), TMP.q()));
        }
    }

    /// The address expression of `m` for an access of `size` bytes by an
    /// instruction with a scaled 12-bit offset: `[base, #off]`, or an
    /// unscaled one for `ldur`-style forms (second result true), or the
    /// register-offset form through [`TMP`].
    fn addr(&mut self, m: &Mem, size: u32) -> (String, bool) {
        let (b, off) = (m.base.q(), m.off);
        let size = size as i64;
        if off == 0 {
            (format!("[{b}]"), false)
        } else if off > 0 && off % size == 0 && off / size < 4096 {
            (format!("[{b}, #{off}]"), false)
        } else if (-256..256).contains(&off) {
            (format!("[{b}, #{off}]"), true)
        } else {
            assert!(m.base != TMP, "the offset register is in use");
            self.mov_imm(TMP, off);
            (format!("[{b}, {}]", TMP.q()), false)
        }
    }

    /// A load or store `mn` (`ldr`, `strb`, `ldrsh`, ...) of `size` bytes
    /// between `rt` and `m`, with whatever offset form `m` needs.
    pub fn access(&mut self, mn: &str, rt: &str, m: &Mem, size: u32) {
        let (a, unscaled) = self.addr(m, size);
        // Only whole registers are known equal to what was stored: a
        // 64-bit integer register, or a float one (whose write by any
        // scalar instruction clears the rest of the vector register, as a
        // load does). A narrower integer store says nothing of the upper
        // bits a reload would clear.
        let whole = rt.starts_with(['x', 'd', 's']);
        if let (true, "ldr", Some((sa, sr))) = (whole, mn, &self.just_stored) {
            // The same kind of register: a register move instead (none
            // at all into the register that was stored).
            if *sa == a && sr[..1] == rt[..1] {
                if sr != rt {
                    let mv = if rt.starts_with('x') { "mov" } else { "fmov" };
                    let line = format!("{mv} {rt}, {sr}");
                    self.ins(line);
                }
                return;
            }
        }
        if unscaled {
            // ldr -> ldur, strb -> sturb, ldrsw -> ldursw.
            self.ins(format!("{}u{} {rt}, {a}", &mn[..2], &mn[2..]));
        } else {
            self.ins(format!("{mn} {rt}, {a}"));
        }
        if mn == "str" && whole {
            self.just_stored = Some((a, rt.to_string()));
        }
    }

    /// Loads `size` bytes into `r`, zero-extended to 64 bits.
    pub fn load_zx(&mut self, r: Reg, m: &Mem, size: u32) {
        match size {
            1 => self.access("ldrb", &r.w(), m, 1),
            2 => self.access("ldrh", &r.w(), m, 2),
            4 => self.access("ldr", &r.w(), m, 4),
            8 => self.access("ldr", &r.q(), m, 8),
            _ => panic!("no {size}-byte load"),
        }
    }

    /// Loads `size` bytes into `r`, sign-extended to 64 bits.
    pub fn load_sx(&mut self, r: Reg, m: &Mem, size: u32) {
        match size {
            1 => self.access("ldrsb", &r.q(), m, 1),
            2 => self.access("ldrsh", &r.q(), m, 2),
            4 => self.access("ldrsw", &r.q(), m, 4),
            8 => self.access("ldr", &r.q(), m, 8),
            _ => panic!("no {size}-byte load"),
        }
    }

    /// Stores the low `size` bytes of `r` (which may be [`ZR`]).
    pub fn store(&mut self, m: &Mem, r: Reg, size: u32) {
        match size {
            1 => self.access("strb", &r.w(), m, 1),
            2 => self.access("strh", &r.w(), m, 2),
            4 => self.access("str", &r.w(), m, 4),
            8 => self.access("str", &r.q(), m, 8),
            _ => panic!("no {size}-byte store"),
        }
    }

    /// Loads a float register (`s` for 4 bytes, `d` for 8).
    pub fn load_float(&mut self, f: u8, m: &Mem, size: u32) {
        self.access("ldr", &fr(f, size), m, size);
    }

    pub fn store_float(&mut self, m: &Mem, f: u8, size: u32) {
        self.access("str", &fr(f, size), m, size);
    }

    /// Touches the byte at `[r]`, so that a nil `r` faults here.
    pub fn touch(&mut self, r: Reg) {
        self.ins(format!("ldrb wzr, [{}]", r.q()));
    }

    /// Copies `size` bytes from `src` to `dst` (which do not partly
    /// overlap). Data moves through the pair `t0`, `t1`, 16 bytes at a
    /// time with `ldp`/`stp`, then in smaller pieces. Operands whose
    /// offsets the pair form cannot reach, and large blocks (a loop with
    /// the counter `n`), first become plain addresses in `sa` and `da`.
    /// Of the five registers only `sa` may be the base of `src` and only
    /// `da` the base of `dst`.
    pub fn copy(&mut self, dst: &Mem, src: &Mem, size: u32, regs: CopyRegs) {
        let CopyRegs { sa, da, t0, t1, n } = regs;
        let (t0q, t1q) = (t0.q(), t1.q());
        let pair_reach = |m: &Mem| m.off % 8 == 0 && m.off >= -512 && m.off + size as i64 <= 504 + 16;
        let (mut s, mut d) = (*src, *dst);
        if size > UNROLL_MAX || !pair_reach(src) || !pair_reach(dst) {
            self.add_imm(sa, src.base, src.off);
            self.add_imm(da, dst.base, dst.off);
            (s, d) = (Mem::new(sa, 0), Mem::new(da, 0));
        }
        let mut left = size;
        if size > UNROLL_MAX {
            let top = self.local();
            self.mov_imm(n, (size / 16) as i64);
            self.label(&top);
            self.ins(format!("ldp {t0q}, {t1q}, [{}], #16", sa.q()));
            self.ins(format!("stp {t0q}, {t1q}, [{}], #16", da.q()));
            self.ins(format!("subs {0}, {0}, #1", n.q()));
            self.ins(format!("b.ne {top}"));
            left = size % 16;
        } else {
            while left >= 16 {
                self.access_pair("ldp", &t0q, &t1q, &s);
                self.access_pair("stp", &t0q, &t1q, &d);
                (s, d) = (s.plus(16), d.plus(16));
                left -= 16;
            }
        }
        for chunk in [8u32, 4, 2, 1] {
            while left >= chunk {
                self.load_zx(t0, &s, chunk);
                self.store(&d, t0, chunk);
                (s, d) = (s.plus(chunk as i64), d.plus(chunk as i64));
                left -= chunk;
            }
        }
    }

    /// Zeroes `size` bytes at `dst`; `da` takes the address and `n` the
    /// loop count (large blocks).
    pub fn zero(&mut self, dst: &Mem, size: u32, da: Reg, n: Reg) {
        let mut off = 0i64;
        let mut left = size;
        let base = if size <= 16 && dst.off % 8 == 0 && (-256..=240).contains(&dst.off) {
            // Small: straight from the operand's base.
            off = dst.off;
            dst.base
        } else {
            self.add_imm(da, dst.base, dst.off);
            da
        };
        if size > UNROLL_MAX {
            let top = self.local();
            self.mov_imm(n, (size / 16) as i64);
            self.label(&top);
            self.ins(format!("stp xzr, xzr, [{}], #16", da.q()));
            self.ins(format!("subs {0}, {0}, #1", n.q()));
            self.ins(format!("b.ne {top}"));
            left = size % 16;
        } else {
            while left >= 16 {
                self.access_pair("stp", "xzr", "xzr", &Mem::new(base, off));
                off += 16;
                left -= 16;
            }
        }
        for chunk in [8u32, 4, 2, 1] {
            if left >= chunk {
                self.store(&Mem::new(base, off), ZR, chunk);
                off += chunk as i64;
                left -= chunk;
            }
        }
    }

    /// `ldp`/`stp` of two 8-byte registers at `m` (offsets that fit the
    /// pair form only: -512..=504, multiples of 8).
    fn access_pair(&mut self, mn: &str, r1: &str, r2: &str, m: &Mem) {
        debug_assert!((-512..=504).contains(&m.off) && m.off % 8 == 0, "pair offset {}", m.off);
        if m.off == 0 {
            self.ins(format!("{mn} {r1}, {r2}, [{}]", m.base.q()));
        } else {
            self.ins(format!("{mn} {r1}, {r2}, [{}, #{}]", m.base.q(), m.off));
        }
    }
}

/// The registers [`Asm::copy`] may use.
#[derive(Clone, Copy, Debug)]
pub struct CopyRegs {
    pub sa: Reg,
    pub da: Reg,
    pub t0: Reg,
    pub t1: Reg,
    pub n: Reg,
}
