//! What the registers hold: a record of which 8-byte frame words
//! (`[rsp + N]`) are known to equal which register, read off each
//! instruction as it is emitted, so that a load of such a word becomes a
//! register move (or nothing), and a memory operand a register operand.
//!
//! Every value of the memory-based IR is stored to its slot and read back
//! by the next instruction that uses it; the store stays (the collector,
//! landing pads and the runtime read slots), only the reload goes, which
//! takes a store-forwarding round trip (4-5 cycles) off the dependency
//! chain. Memory stays the truth at every instruction, so nothing that
//! reads frames changes.
//!
//! The record is conservative: an instruction the tables below do not know
//! to write only its first operand (calls, string operations, `lock`ed and
//! implicit-operand instructions, anything without operands) forgets
//! everything, and so does any store that is not to a frame word at a known
//! offset (it may write a slot whose address was taken). A label forgets
//! everything unless the driver says every path into it has been seen
//! ([`Track::forward_label`]): then it keeps what all those paths agree on.

use std::collections::HashMap;

/// A register that can hold a copy of a frame word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    /// General register by encoding number (RAX = 0 ... R15 = 15).
    Gpr(u8),
    /// XMM register (only its low 64 bits are meant).
    Xmm(u8),
}

/// General registers' names, by encoding number, at 8, 4, 2 and 1 bytes.
const GPR_NAMES: [[&str; 4]; 16] = [
    ["rax", "eax", "ax", "al"],
    ["rcx", "ecx", "cx", "cl"],
    ["rdx", "edx", "dx", "dl"],
    ["rbx", "ebx", "bx", "bl"],
    ["rsp", "esp", "sp", "spl"],
    ["rbp", "ebp", "bp", "bpl"],
    ["rsi", "esi", "si", "sil"],
    ["rdi", "edi", "di", "dil"],
    ["r8", "r8d", "r8w", "r8b"],
    ["r9", "r9d", "r9w", "r9b"],
    ["r10", "r10d", "r10w", "r10b"],
    ["r11", "r11d", "r11w", "r11b"],
    ["r12", "r12d", "r12w", "r12b"],
    ["r13", "r13d", "r13w", "r13b"],
    ["r14", "r14d", "r14w", "r14b"],
    ["r15", "r15d", "r15w", "r15b"],
];
const RSP: u8 = 4;

impl Family {
    /// The register an operand names (any width; AH-style high bytes too).
    fn of(op: &str) -> Option<Family> {
        if let Some(n) = op.strip_prefix("xmm") {
            return n.parse().ok().filter(|&n: &u8| n < 16).map(Family::Xmm);
        }
        if let Some(i) = ["ah", "ch", "dh", "bh"].iter().position(|&h| h == op) {
            return Some(Family::Gpr(i as u8));
        }
        GPR_NAMES.iter().position(|names| names.contains(&op)).map(|i| Family::Gpr(i as u8))
    }

    /// The whole register whose value a held word equals: the 64-bit name,
    /// or `xmmN`.
    fn whole(self) -> String {
        match self {
            Family::Gpr(n) => GPR_NAMES[n as usize][0].to_string(),
            Family::Xmm(n) => format!("xmm{n}"),
        }
    }

    /// An operand naming exactly this register at 64 bits (`rax`), or an
    /// XMM register.
    fn of_whole(op: &str) -> Option<Family> {
        match Family::of(op)? {
            f @ Family::Gpr(n) if GPR_NAMES[n as usize][0] == op => Some(f),
            f @ Family::Xmm(_) => Some(f),
            Family::Gpr(_) => None,
        }
    }
}

/// A memory operand: a frame word at a known offset from RSP, or anything
/// else.
#[derive(Clone, Copy, Debug, PartialEq)]
enum MemOp {
    /// `[rsp + off]` accessed at `size` bytes (`None`: no size keyword).
    Frame { off: i64, size: Option<u32> },
    Other,
}

/// Parses `kw ptr [base + disp]` / `[base]` (None: not a memory operand).
fn mem_op(op: &str) -> Option<MemOp> {
    let open = op.find('[')?;
    let close = op.rfind(']')?;
    let size = match op[..open].trim() {
        "byte ptr" => Some(1),
        "word ptr" => Some(2),
        "dword ptr" => Some(4),
        "qword ptr" => Some(8),
        "xmmword ptr" => Some(16),
        _ => None,
    };
    let inner = op[open + 1..close].trim();
    let off = if inner == "rsp" {
        Some(0)
    } else if let Some(d) = inner.strip_prefix("rsp + ") {
        d.parse::<i64>().ok()
    } else if let Some(d) = inner.strip_prefix("rsp - ") {
        d.parse::<i64>().ok().map(|d| -d)
    } else {
        None
    };
    Some(match off {
        Some(off) => MemOp::Frame { off, size },
        None => MemOp::Other,
    })
}

/// One fact: the 8-byte word at `[rsp + off]` equals the register.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Held {
    off: i64,
    reg: Family,
}

/// Instructions that write no operand (only flags).
const READ_ONLY: &[&str] = &["cmp", "test", "ucomisd", "ucomiss", "comisd", "comiss", "bt"];
/// Instructions whose writes are not just their first operand (or that
/// change RSP, transfer control or touch memory implicitly).
const FORGET_ALL: &[&str] = &[
    "call", "ret", "syscall", "ud2", "lock", "rep", "xchg", "cmpxchg", "xadd", "mul", "div", "idiv", "push", "pop", "leave",
    "enter", "cpuid", "rdtsc", "int3", "hlt", "loop",
];
/// Integer instructions where a 64-bit memory source may be a register.
const INT_SUBST: &[&str] = &["mov", "add", "sub", "and", "or", "xor", "cmp", "imul", "test", "adc", "sbb"];
/// Float instructions where a 64-bit memory source may be an XMM register.
const FLOAT_SUBST: &[&str] = &["movsd", "addsd", "subsd", "mulsd", "divsd", "ucomisd", "comisd"];

/// The record (see the module comment).
#[derive(Default)]
pub struct Track {
    held: Vec<Held>,
    /// What held at each jump to a label not yet placed, agreed over all
    /// the jumps seen.
    at_jumps: HashMap<String, Vec<Held>>,
    /// False after an unconditional transfer: nothing falls into the next
    /// label.
    dead: bool,
}

impl Track {
    /// Forgets everything (a label any path may reach).
    pub fn label(&mut self) {
        self.held.clear();
        self.dead = false;
    }

    /// A label that only jumps already emitted reach, and the code before
    /// it when `falls_in`: keeps what every such path agrees on.
    pub fn forward_label(&mut self, l: &str, falls_in: bool) {
        let jumps = self.at_jumps.remove(l);
        let fall = falls_in && !self.dead;
        self.held = match (fall, jumps) {
            (true, Some(j)) => agree(&self.held, &j),
            (true, None) => std::mem::take(&mut self.held),
            (false, Some(j)) => j,
            (false, None) => Vec::new(),
        };
        self.dead = false;
    }

    fn holder(&self, off: i64, class_xmm: bool) -> Option<Family> {
        self.held.iter().find(|h| h.off == off && matches!(h.reg, Family::Xmm(_)) == class_xmm).map(|h| h.reg)
    }

    fn forget_reg(&mut self, f: Family) {
        self.held.retain(|h| h.reg != f);
    }

    fn forget_mem(&mut self, off: i64, size: u32) {
        self.held.retain(|h| h.off + 8 <= off || off + size as i64 <= h.off);
    }

    fn hold(&mut self, off: i64, reg: Family) {
        self.held.retain(|h| !(h.off == off && h.reg == reg));
        self.held.push(Held { off, reg });
    }

    fn forget_all(&mut self) {
        self.held.clear();
    }

    /// Notes instruction `ins` (one line, no indentation) and returns what
    /// to emit instead: the same text, a register form of a memory source,
    /// or nothing for a load of what the register already holds.
    pub fn rewrite(&mut self, ins: &str) -> Option<String> {
        if ins.starts_with('.') || ins.is_empty() {
            // A directive.
            return Some(ins.to_string());
        }
        let (mn, rest) = ins.split_once(' ').unwrap_or((ins, ""));
        let mut ops: Vec<String> = if rest.trim().is_empty() { Vec::new() } else { rest.split(", ").map(|s| s.trim().to_string()).collect() };
        if mn == "jmp" {
            self.note_jump(&ops);
            self.forget_all();
            self.dead = true;
            return Some(ins.to_string());
        }
        if mn.starts_with('j') {
            self.note_jump(&ops);
            return Some(ins.to_string());
        }
        if ops.is_empty() || FORGET_ALL.contains(&mn) || (mn == "imul" && ops.len() == 1) {
            self.forget_all();
            if matches!(mn, "ret" | "ud2") {
                self.dead = true;
            }
            return Some(ins.to_string());
        }
        // A 64-bit memory source held in a register of the right class.
        let float = FLOAT_SUBST.contains(&mn);
        let first_src = READ_ONLY.contains(&mn);
        if float || INT_SUBST.contains(&mn) {
            for i in usize::from(!first_src)..ops.len() {
                if let Some(MemOp::Frame { off, size: Some(8) }) = mem_op(&ops[i]) {
                    if let Some(r) = self.holder(off, float) {
                        if matches!(mn, "mov" | "movsd") && i == 1 {
                            if Family::of_whole(&ops[0]) == Some(r) {
                                return None;
                            }
                            // A whole-register copy (the upper lanes of an
                            // XMM register are never read by scalar code).
                            let mn = if float { "movaps" } else { "mov" };
                            let (dst, src) = (ops[0].clone(), r.whole());
                            self.note_write(&dst);
                            if let Some(d) = Family::of_whole(&dst) {
                                self.hold(off, d);
                            }
                            return Some(format!("{mn} {dst}, {src}"));
                        }
                        ops[i] = r.whole();
                    }
                }
            }
        }
        let out = format!("{mn} {}", ops.join(", "));
        if !READ_ONLY.contains(&mn) {
            self.note_write(&ops[0]);
            if mn == "mov" || mn == "movsd" {
                // A whole load or store of a frame word: the two are equal.
                let (d, s) = (&ops[0], ops.get(1).map(String::as_str).unwrap_or(""));
                match (mem_op(d), mem_op(s)) {
                    (Some(MemOp::Frame { off, size: Some(8) }), None) => {
                        if let Some(r) = Family::of_whole(s).filter(|r| matches!(r, Family::Xmm(_)) == (mn == "movsd")) {
                            self.hold(off, r);
                        }
                    }
                    (None, Some(MemOp::Frame { off, size: Some(8) })) => {
                        if let Some(r) = Family::of_whole(d).filter(|r| matches!(r, Family::Xmm(_)) == (mn == "movsd")) {
                            self.hold(off, r);
                        }
                    }
                    _ => {}
                }
            }
        }
        Some(out)
    }

    /// What an instruction's write to its first operand `dst` undoes.
    fn note_write(&mut self, dst: &str) {
        match mem_op(dst) {
            Some(MemOp::Frame { off, size: Some(size) }) => self.forget_mem(off, size),
            // Unknown size, or memory that may be a frame slot whose
            // address was taken.
            Some(_) => self.forget_all(),
            None => match Family::of(dst) {
                Some(Family::Gpr(RSP)) => self.forget_all(),
                Some(f) => self.forget_reg(f),
                // Not a register we know: assume the worst.
                None => self.forget_all(),
            },
        }
    }

    fn note_jump(&mut self, ops: &[String]) {
        match ops.first() {
            Some(l) if l.starts_with('.') && !l.contains(' ') => {
                let now = self.held.clone();
                let agreed = match self.at_jumps.get(l) {
                    Some(prev) => agree(prev, &now),
                    None => now,
                };
                self.at_jumps.insert(l.clone(), agreed);
            }
            // An indirect jump: the target's label forgets anyway.
            _ => {}
        }
    }
}

/// The facts two paths share.
fn agree(a: &[Held], b: &[Held]) -> Vec<Held> {
    a.iter().filter(|h| b.contains(h)).copied().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(t: &mut Track, lines: &[&str]) -> Vec<String> {
        lines.iter().filter_map(|l| t.rewrite(l)).collect()
    }

    #[test]
    fn reload_of_a_stored_word_goes_and_other_registers_copy() {
        let mut t = Track::default();
        let out = run(
            &mut t,
            &["mov qword ptr [rsp + 8], rax", "mov rax, qword ptr [rsp + 8]", "mov rsi, qword ptr [rsp + 8]", "add rcx, qword ptr [rsp + 8]"],
        );
        assert_eq!(out, ["mov qword ptr [rsp + 8], rax", "mov rsi, rax", "add rcx, rax"]);
    }

    #[test]
    fn writes_forget_what_they_change() {
        let mut t = Track::default();
        // A partial write of the register, of the word, and an unknown store.
        let out = run(
            &mut t,
            &[
                "mov qword ptr [rsp + 8], rax",
                "setne al",
                "mov rcx, qword ptr [rsp + 8]",
                "mov dword ptr [rsp + 12], 0",
                "mov rdx, qword ptr [rsp + 8]",
                "mov qword ptr [rsp + 16], rdx",
                "mov qword ptr [rsi], rax",
                "mov rdx, qword ptr [rsp + 16]",
            ],
        );
        assert_eq!(out[2], "mov rcx, qword ptr [rsp + 8]");
        assert_eq!(out[4], "mov rdx, qword ptr [rsp + 8]");
        assert_eq!(out[7], "mov rdx, qword ptr [rsp + 16]");
    }

    #[test]
    fn calls_stack_switches_and_locked_operations_forget_everything() {
        for forget in ["call f", "mov rsp, r12", "lock xadd dword ptr [rsi], eax", "rep movsb", "cqo", "xchg rax, rcx", "imul rcx"] {
            let mut t = Track::default();
            let out = run(&mut t, &["mov qword ptr [rsp + 8], rbx", forget, "mov rbx, qword ptr [rsp + 8]"]);
            assert_eq!(out.last().unwrap(), "mov rbx, qword ptr [rsp + 8]", "after {forget}");
        }
    }

    #[test]
    fn only_whole_words_of_the_same_class_are_reused() {
        let mut t = Track::default();
        let out = run(
            &mut t,
            &[
                "mov dword ptr [rsp + 8], eax",
                "mov eax, dword ptr [rsp + 8]",
                "movsd qword ptr [rsp + 16], xmm1",
                "mov rax, qword ptr [rsp + 16]",
                "movsd xmm0, qword ptr [rsp + 16]",
                "lea rax, [rsp + 16]",
            ],
        );
        assert_eq!(out, [
            "mov dword ptr [rsp + 8], eax",
            "mov eax, dword ptr [rsp + 8]",
            "movsd qword ptr [rsp + 16], xmm1",
            "mov rax, qword ptr [rsp + 16]",
            "movaps xmm0, xmm1",
            "lea rax, [rsp + 16]",
        ]);
    }

    #[test]
    fn labels_forget_unless_every_path_in_was_seen() {
        let mut t = Track::default();
        run(&mut t, &["mov qword ptr [rsp + 8], rax", "mov qword ptr [rsp + 16], rcx", "jb .L0_3"]);
        // The fall-through path changes RCX, then ends in a call that
        // never returns.
        run(&mut t, &["mov ecx, 1", "call rgo_panic_index"]);
        t.forward_label(".L0_3", false);
        let out = run(&mut t, &["mov rsi, qword ptr [rsp + 16]", "mov rdx, qword ptr [rsp + 8]"]);
        assert_eq!(out, ["mov rsi, rcx", "mov rdx, rax"]);
        // Two paths that disagree about RCX (RSI and RDX now hold copies).
        run(&mut t, &["jne .L0_4", "mov rcx, qword ptr [rsp + 24]"]);
        t.forward_label(".L0_4", true);
        let out = run(&mut t, &["mov r8, qword ptr [rsp + 16]", "mov r9, qword ptr [rsp + 24]", "mov rsi, qword ptr [rsp + 8]"]);
        assert_eq!(out, ["mov r8, rsi", "mov r9, qword ptr [rsp + 24]", "mov rsi, rax"]);
        // Any other label.
        t.label();
        let out = run(&mut t, &["mov rdx, qword ptr [rsp + 8]"]);
        assert_eq!(out, ["mov rdx, qword ptr [rsp + 8]"]);
    }

    #[test]
    fn compare_reads_its_first_operand() {
        let mut t = Track::default();
        let out = run(&mut t, &["mov qword ptr [rsp + 8], rax", "cmp qword ptr [rsp + 8], 5", "mov qword ptr [rsp + 8], 7"]);
        assert_eq!(out[1], "cmp rax, 5");
        let out = run(&mut t, &["mov rcx, qword ptr [rsp + 8]"]);
        assert_eq!(out, ["mov rcx, qword ptr [rsp + 8]"]);
    }
}
