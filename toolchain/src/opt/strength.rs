//! Strength reduction: integer division and remainder by a constant power
//! of two become shifts and masks, as gc's rewrite rules make them; the
//! runtime's square root becomes an instruction.
//!
//! A hardware division takes tens of cycles (amd64's `idiv`) where the
//! shifts take one each; `(i+j)*(i+j+1)/2` in an inner loop pays that on
//! every iteration. Go's division truncates toward zero, so a signed
//! dividend is biased by `2^k - 1` when it is negative before the
//! arithmetic shift: `bias = (x >> (w-1)) >>> (w-k)`, `x / 2^k = (x + bias)
//! >> k` and `x % 2^k = x - ((x + bias) &^ (2^k - 1))`. Unsigned ones are a
//! logical shift and a mask.

use crate::ir::{Addr, BinOp, Body, Inst, Operand, Scalar, Slot, SlotId};

/// Rewrites `Div` and `Rem` of integers by constant powers of two.
pub fn divisions_by_powers_of_two(body: &mut Body) {
    if !body.insts.iter().any(|i| reducible(i).is_some()) {
        return;
    }
    let old = std::mem::take(&mut body.insts);
    let mut out = Vec::with_capacity(old.len() + 8);
    for inst in old {
        let Some(k) = reducible(&inst) else {
            out.push(inst);
            continue;
        };
        let Inst::Bin { op, ty, dst, a, .. } = inst else { unreachable!() };
        let w = i64::from(ty.size()) * 8;
        let unsigned = unsigned_of(ty);
        if k == 0 {
            // x / 1 = x, x % 1 = 0.
            let src = if op == BinOp::Div { a } else { Operand::Imm(0) };
            out.push(Inst::Move { ty, dst, src });
            continue;
        }
        if !ty.is_signed() {
            out.push(match op {
                BinOp::Div => Inst::Bin { op: BinOp::Shr, ty, dst, a, b: Operand::Imm(k) },
                _ => Inst::Bin { op: BinOp::And, ty, dst, a, b: Operand::Imm(mask(k)) },
            });
            continue;
        }
        let mut temp = || {
            body.slots.push(Slot::scalar(ty.size(), ty.size()));
            (body.slots.len() - 1) as SlotId
        };
        let t = temp();
        let tm = || Operand::Mem(Addr::Slot(t, 0));
        // bias: 2^k - 1 when x is negative, else 0.
        if k == 1 {
            out.push(Inst::Bin { op: BinOp::Shr, ty: unsigned, dst: Addr::Slot(t, 0), a: a.clone(), b: Operand::Imm(w - 1) });
        } else {
            out.push(Inst::Bin { op: BinOp::Shr, ty, dst: Addr::Slot(t, 0), a: a.clone(), b: Operand::Imm(w - 1) });
            out.push(Inst::Bin { op: BinOp::Shr, ty: unsigned, dst: Addr::Slot(t, 0), a: tm(), b: Operand::Imm(w - k) });
        }
        out.push(Inst::Bin { op: BinOp::Add, ty, dst: Addr::Slot(t, 0), a: a.clone(), b: tm() });
        if op == BinOp::Div {
            out.push(Inst::Bin { op: BinOp::Shr, ty, dst, a: tm(), b: Operand::Imm(k) });
        } else {
            out.push(Inst::Bin { op: BinOp::AndNot, ty, dst: Addr::Slot(t, 0), a: tm(), b: Operand::Imm(mask(k)) });
            out.push(Inst::Bin { op: BinOp::Sub, ty, dst, a, b: tm() });
        }
    }
    body.insts = out;
}

/// Instructions a remainder and a quotient of one dividend may lie apart
/// for [`remainders_from_quotients`] to pair them.
const PAIR_WINDOW: usize = 8;

/// A remainder and a quotient of the same dividend by the same constant in
/// one stretch of straight-line code (`u % 100` and `u / 100`, strconv's
/// digit loops): one division serves both, the remainder being
/// `a - (a / c) * c` (Go's division truncates, so this holds for every sign
/// and, wrapping, for `MinInt / -1`), as gc's rules rewrite it. A division by
/// a constant that is no power of two costs a multiplication by a magic
/// number and shifts (isa/divmagic.rs); the remainder then costs one more
/// multiplication and a subtraction. The dividend must be a slot whose
/// address is never taken, unwritten between the two, and when the quotient
/// comes first, so must the slot it went to.
pub fn remainders_from_quotients(body: &mut Body) {
    let divides = |i: &Inst, want: BinOp| match i {
        Inst::Bin { op, ty, a: Operand::Mem(Addr::Slot(s, 0)), b: Operand::Imm(c), dst } if *op == want && !ty.is_float() && *c != 0 => {
            Some((*ty, *s, *c, dst.clone()))
        }
        _ => None,
    };
    if !body.insts.iter().any(|i| divides(i, BinOp::Rem).is_some()) {
        return;
    }
    let mut taken = vec![false; body.slots.len()];
    for inst in &body.insts {
        if let Inst::AddrOf { src: Addr::Slot(s, _), .. } = inst {
            taken[*s as usize] = true;
        }
    }
    // (remainder's index, quotient's index) pairs, each instruction in one.
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut paired = vec![false; body.insts.len()];
    for i in 0..body.insts.len() {
        let (first, other) = match &body.insts[i] {
            Inst::Bin { op: BinOp::Rem, .. } => (BinOp::Rem, BinOp::Div),
            Inst::Bin { op: BinOp::Div, .. } => (BinOp::Div, BinOp::Rem),
            _ => continue,
        };
        let Some((ty, a, c, dst)) = divides(&body.insts[i], first).filter(|_| !paired[i]) else { continue };
        if taken[a as usize] || matches!(dst, Addr::Slot(d, _) if d == a) {
            continue;
        }
        // A quotient that comes first is read from where it went.
        let kept = match (first, &dst) {
            (BinOp::Div, Addr::Slot(q, 0)) if !taken[*q as usize] && body.slots[*q as usize].size == ty.size() => Some(*q),
            (BinOp::Div, _) => continue,
            _ => None,
        };
        for j in i + 1..(i + 1 + PAIR_WINDOW).min(body.insts.len()) {
            let inst = &body.insts[j];
            if matches!(inst, Inst::Label(_) | Inst::Landing(_) | Inst::Jump(_) | Inst::JumpIf { .. } | Inst::JumpIfNot { .. } | Inst::Ret) {
                break;
            }
            if let Some((ty2, a2, c2, _)) = divides(inst, other) {
                if (ty2, a2, c2) == (ty, a, c) && !paired[j] {
                    paired[i] = true;
                    paired[j] = true;
                    pairs.push(if first == BinOp::Rem { (i, j) } else { (j, i) });
                    break;
                }
            }
            let e = crate::isa::liveness::effect(inst);
            if e.writes.iter().any(|(w, _)| *w == a || Some(*w) == kept) {
                break;
            }
        }
    }
    if pairs.is_empty() {
        return;
    }
    let temp = |body: &mut Body, size: u32| {
        body.slots.push(Slot::scalar(size, size));
        (body.slots.len() - 1) as SlotId
    };
    // Per instruction index, what replaces it.
    let mut replace: std::collections::HashMap<usize, Vec<Inst>> = std::collections::HashMap::new();
    for (r, q) in pairs {
        let Inst::Bin { ty, dst: rdst, a, b, .. } = body.insts[r].clone() else { unreachable!() };
        let Inst::Bin { dst: qdst, .. } = body.insts[q].clone() else { unreachable!() };
        let product = temp(body, ty.size());
        let p = Addr::Slot(product, 0);
        if r < q {
            // The remainder first: the quotient is computed there, into a
            // temporary the quotient's instruction then copies.
            let quotient = temp(body, ty.size());
            let t = Addr::Slot(quotient, 0);
            replace.insert(r, vec![
                Inst::Bin { op: BinOp::Div, ty, dst: t.clone(), a: a.clone(), b: b.clone() },
                Inst::Bin { op: BinOp::Mul, ty, dst: p.clone(), a: Operand::Mem(t.clone()), b },
                Inst::Bin { op: BinOp::Sub, ty, dst: rdst, a, b: Operand::Mem(p) },
            ]);
            replace.insert(q, vec![Inst::Move { ty, dst: qdst, src: Operand::Mem(t) }]);
        } else {
            replace.insert(r, vec![
                Inst::Bin { op: BinOp::Mul, ty, dst: p.clone(), a: Operand::Mem(qdst), b },
                Inst::Bin { op: BinOp::Sub, ty, dst: rdst, a, b: Operand::Mem(p) },
            ]);
        }
    }
    let old = std::mem::take(&mut body.insts);
    let mut out = Vec::with_capacity(old.len() + 2 * replace.len());
    for (k, inst) in old.into_iter().enumerate() {
        match replace.remove(&k) {
            Some(new) => out.extend(new),
            None => out.push(inst),
        }
    }
    body.insts = out;
}

/// `2^k - 1`.
fn mask(k: i64) -> i64 {
    ((1u64 << k) - 1) as i64
}

fn unsigned_of(ty: Scalar) -> Scalar {
    match ty {
        Scalar::I8 => Scalar::U8,
        Scalar::I16 => Scalar::U16,
        Scalar::I32 => Scalar::U32,
        Scalar::I64 => Scalar::U64,
        t => t,
    }
}

/// For an integer `Div` or `Rem` by a constant positive power of two `2^k`
/// (as the operation's type reads the constant), `k`.
fn reducible(inst: &Inst) -> Option<i64> {
    let Inst::Bin { op: BinOp::Div | BinOp::Rem, ty, b: Operand::Imm(v), .. } = inst else {
        return None;
    };
    if ty.is_float() {
        return None;
    }
    let w = ty.size() * 8;
    let bits = (*v as u64) & (u64::MAX >> (64 - w));
    // A signed operation reads the top bit as the sign: 2^(w-1) is negative.
    let positive = !ty.is_signed() || bits >> (w - 1) == 0;
    (positive && bits.is_power_of_two()).then(|| i64::from(bits.trailing_zeros()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Slot;

    /// `v` as type `ty` holds it (truncated, then sign- or zero-extended).
    fn norm(ty: Scalar, v: i64) -> i64 {
        let w = ty.size() * 8;
        let u = (v as u64) & (u64::MAX >> (64 - w));
        if ty.is_signed() && u >> (w - 1) == 1 {
            (u | !(u64::MAX >> (64 - w))) as i64
        } else {
            u as i64
        }
    }

    /// Runs `insts` with a tiny interpreter, slot 0 holding `x`; slot 1.
    fn eval(insts: &[Inst], nslots: usize, x: i64) -> i64 {
        let mut slots = vec![0i64; nslots];
        slots[0] = x;
        let read = |slots: &[i64], o: &Operand| match o {
            Operand::Imm(v) => *v,
            Operand::Mem(Addr::Slot(s, 0)) => slots[*s as usize],
            _ => panic!("operand {o:?}"),
        };
        for i in insts {
            match i {
                Inst::Move { ty, dst: Addr::Slot(d, 0), src } => slots[*d as usize] = norm(*ty, read(&slots, src)),
                Inst::Bin { op, ty, dst: Addr::Slot(d, 0), a, b } => {
                    let (a, b) = (norm(*ty, read(&slots, a)), read(&slots, b));
                    let r = match op {
                        BinOp::Add => a.wrapping_add(b),
                        BinOp::Sub => a.wrapping_sub(b),
                        BinOp::Mul => a.wrapping_mul(b),
                        BinOp::And => a & b,
                        BinOp::AndNot => a & !b,
                        BinOp::Shr if ty.is_signed() => a >> b,
                        BinOp::Shr => ((a as u64) >> b) as i64,
                        BinOp::Div if ty.is_signed() => a.wrapping_div(norm(*ty, b)),
                        BinOp::Div => ((a as u64) / (norm(*ty, b) as u64)) as i64,
                        BinOp::Rem if ty.is_signed() => a.wrapping_rem(norm(*ty, b)),
                        BinOp::Rem => ((a as u64) % (norm(*ty, b) as u64)) as i64,
                        _ => panic!("op {op:?}"),
                    };
                    slots[*d as usize] = norm(*ty, r);
                }
                _ => panic!("inst {i:?}"),
            }
        }
        slots[1]
    }

    #[test]
    fn matches_division_at_every_width_and_sign() {
        let types = [Scalar::I8, Scalar::I16, Scalar::I32, Scalar::I64, Scalar::U8, Scalar::U16, Scalar::U32, Scalar::U64];
        for ty in types {
            let w = ty.size() * 8;
            let limit = if ty.is_signed() { w - 1 } else { w };
            for k in 0..limit {
                let c = (1u64 << k) as i64;
                for op in [BinOp::Div, BinOp::Rem] {
                    let inst = Inst::Bin { op, ty, dst: Addr::Slot(1, 0), a: Operand::Mem(Addr::Slot(0, 0)), b: Operand::Imm(c) };
                    let mut body = Body { slots: vec![Slot::scalar(ty.size(), ty.size()); 2], insts: vec![inst.clone()], ..Body::default() };
                    divisions_by_powers_of_two(&mut body);
                    assert!(!body.insts.iter().any(|i| matches!(i, Inst::Bin { op: BinOp::Div | BinOp::Rem, .. })), "{ty:?} {op:?} {c}");
                    let min = i64::MIN >> (64 - w);
                    for x in [0, 1, -1, 2, -2, 3, -3, 7, -7, c.wrapping_sub(1), c, c.wrapping_add(1), c.wrapping_neg(), 1i64.wrapping_sub(c), (-1i64).wrapping_sub(c), min, min + 1, min.wrapping_sub(1), 12345, -12345] {
                        let x = norm(ty, x);
                        let want = eval(&[inst.clone()], 2, x);
                        assert_eq!(eval(&body.insts, body.slots.len(), x), want, "{ty:?} {op:?} {x} by {c}");
                    }
                }
            }
        }
    }

    #[test]
    fn mul64_becomes_two_multiplications_unless_a_result_overwrites_an_operand() {
        let m = |a: SlotId, b: SlotId, hi: Addr, lo: SlotId| Inst::CallRuntime {
            func: crate::runtime_abi::MATH_MUL64,
            args: vec![(Scalar::U64, Operand::Mem(Addr::Slot(a, 0))), (Scalar::U64, Operand::Mem(Addr::Slot(b, 0)))],
            rets: vec![(Scalar::U64, hi), (Scalar::U64, Addr::Slot(lo, 0))],
        };
        let mut body = Body { slots: vec![Slot::scalar(8, 8); 4], insts: vec![m(0, 1, Addr::Slot(2, 0), 3)], ..Body::default() };
        math_instructions(&mut body);
        assert!(matches!(
            body.insts.as_slice(),
            [Inst::Bin { op: BinOp::MulHigh, dst: Addr::Slot(2, 0), .. }, Inst::Bin { op: BinOp::Mul, dst: Addr::Slot(3, 0), .. }]
        ));
        // hi, lo = Mul64(hi, y), and a result through a pointer: left a call.
        for call in [m(2, 1, Addr::Slot(2, 0), 3), m(0, 1, Addr::Deref(0, 0), 3)] {
            let mut body = Body { slots: vec![Slot::scalar(8, 8); 4], insts: vec![call.clone()], ..Body::default() };
            math_instructions(&mut body);
            assert_eq!(body.insts, vec![call]);
        }
    }

    /// Runs `insts` with slot 0 holding `x` and slot 2 holding 5; every
    /// slot after.
    fn eval_all(insts: &[Inst], nslots: usize, x: i64) -> Vec<i64> {
        let mut slots = vec![0i64; nslots];
        (slots[0], slots[2]) = (x, 5);
        for i in insts {
            let read = |slots: &[i64], o: &Operand| match o {
                Operand::Imm(v) => *v,
                Operand::Mem(Addr::Slot(s, 0)) => slots[*s as usize],
                _ => panic!("operand {o:?}"),
            };
            let (d, v) = match i {
                Inst::Move { ty, dst: Addr::Slot(d, 0), src } => (*d, norm(*ty, read(&slots, src))),
                Inst::Bin { op, ty, dst: Addr::Slot(d, 0), a, b } => {
                    let (a, b) = (norm(*ty, read(&slots, a)), norm(*ty, read(&slots, b)));
                    let r = match op {
                        BinOp::Add => a.wrapping_add(b),
                        BinOp::Sub => a.wrapping_sub(b),
                        BinOp::Mul => a.wrapping_mul(b),
                        BinOp::Div if ty.is_signed() => a.wrapping_div(b),
                        BinOp::Div => (a as u64 & (u64::MAX >> (64 - ty.size() * 8))).wrapping_div(b as u64 & (u64::MAX >> (64 - ty.size() * 8))) as i64,
                        BinOp::Rem if ty.is_signed() => a.wrapping_rem(b),
                        BinOp::Rem => (a as u64 & (u64::MAX >> (64 - ty.size() * 8))).wrapping_rem(b as u64 & (u64::MAX >> (64 - ty.size() * 8))) as i64,
                        _ => panic!("op {op:?}"),
                    };
                    (*d, norm(*ty, r))
                }
                _ => panic!("inst {i:?}"),
            };
            slots[d as usize] = v;
        }
        slots
    }

    #[test]
    fn a_remainder_beside_its_quotient_takes_one_division() {
        let bin = |op, ty, d: SlotId, a: SlotId, b: Operand| Inst::Bin { op, ty, dst: Addr::Slot(d, 0), a: Operand::Mem(Addr::Slot(a, 0)), b };
        let divs = |insts: &[Inst]| insts.iter().filter(|i| matches!(i, Inst::Bin { op: BinOp::Div | BinOp::Rem, .. })).count();
        for ty in [Scalar::I64, Scalar::U64, Scalar::I32, Scalar::U8, Scalar::I16] {
            for c in [100, 10, 7, -7, -1, 3] {
                // s += a % c; a /= c (strconv's loop), and q := a / c; r := a % c.
                let rem_first = vec![bin(BinOp::Rem, ty, 1, 0, Operand::Imm(c)), bin(BinOp::Add, ty, 2, 2, Operand::Mem(Addr::Slot(1, 0))), bin(BinOp::Div, ty, 0, 0, Operand::Imm(c))];
                let div_first = vec![bin(BinOp::Div, ty, 3, 0, Operand::Imm(c)), bin(BinOp::Add, ty, 2, 2, Operand::Imm(1)), bin(BinOp::Rem, ty, 1, 0, Operand::Imm(c))];
                for insts in [rem_first, div_first] {
                    let mut body = Body { slots: vec![Slot::scalar(ty.size(), ty.size()); 4], insts: insts.clone(), ..Body::default() };
                    remainders_from_quotients(&mut body);
                    assert_eq!(divs(&body.insts), 1, "{ty:?} {c}: {:?}", body.insts);
                    let w = ty.size() * 8;
                    let min = i64::MIN >> (64 - w);
                    for x in [0, 1, -1, 99, 100, 101, -99, -100, -101, 12345, -12345, min, min + 1, !min] {
                        let x = norm(ty, x);
                        assert_eq!(eval_all(&body.insts, body.slots.len(), x)[..4], eval_all(&insts, 4, x)[..], "{ty:?} {x} by {c}");
                    }
                }
            }
        }
        // The dividend written between them, the quotient's slot written
        // before the remainder, a label between: both divisions stay.
        let ty = Scalar::I64;
        for insts in [
            vec![bin(BinOp::Rem, ty, 1, 0, Operand::Imm(10)), bin(BinOp::Add, ty, 0, 0, Operand::Imm(1)), bin(BinOp::Div, ty, 3, 0, Operand::Imm(10))],
            vec![bin(BinOp::Div, ty, 3, 0, Operand::Imm(10)), bin(BinOp::Add, ty, 3, 3, Operand::Imm(1)), bin(BinOp::Rem, ty, 1, 0, Operand::Imm(10))],
            vec![bin(BinOp::Rem, ty, 1, 0, Operand::Imm(10)), Inst::Label(0), bin(BinOp::Div, ty, 3, 0, Operand::Imm(10))],
            vec![bin(BinOp::Rem, ty, 1, 0, Operand::Imm(10)), bin(BinOp::Div, ty, 3, 0, Operand::Imm(9))],
        ] {
            let mut body = Body { slots: vec![Slot::scalar(8, 8); 4], insts: insts.clone(), ..Body::default() };
            remainders_from_quotients(&mut body);
            assert_eq!(body.insts, insts);
        }
    }

    #[test]
    fn leaves_other_divisors_and_floats() {
        for (ty, c) in [(Scalar::I64, 3), (Scalar::I64, -4), (Scalar::I8, 128), (Scalar::F64, 2), (Scalar::I32, 0)] {
            let inst = Inst::Bin { op: BinOp::Div, ty, dst: Addr::Slot(1, 0), a: Operand::Mem(Addr::Slot(0, 0)), b: Operand::Imm(c) };
            let mut body = Body { slots: vec![Slot::scalar(8, 8); 2], insts: vec![inst.clone()], ..Body::default() };
            divisions_by_powers_of_two(&mut body);
            assert_eq!(body.insts, vec![inst]);
        }
    }
}

/// Runtime calls that are instructions every target has, as gc makes them
/// intrinsics: a call, even to the runtime, keeps the values live across
/// it out of registers.
///
/// - GOROOT's `math.sqrt` is bound to `rgo_math_sqrt`: a square root
///   ([`crate::ir::UnOp::Sqrt`]); IEEE 754's square root is exact, so the
///   result is the runtime's to the bit.
/// - math/bits' `Mul64` is bound to `rgo_math_mul64`: the high half of the
///   product ([`BinOp::MulHigh`]) and the low half (`BinOp::Mul`), unless a
///   result is written where an operand is read (the second instruction
///   would read the first's result).
pub fn math_instructions(body: &mut Body) {
    let mut out = Vec::with_capacity(body.insts.len());
    for inst in std::mem::take(&mut body.insts) {
        let Inst::CallRuntime { func, args, rets } = &inst else {
            out.push(inst);
            continue;
        };
        match (*func, args.as_slice(), rets.as_slice()) {
            (crate::runtime_abi::MATH_SQRT, [(Scalar::F64, a)], [(Scalar::F64, dst)]) => {
                out.push(Inst::Un { op: crate::ir::UnOp::Sqrt, ty: Scalar::F64, dst: dst.clone(), a: a.clone() });
            }
            (crate::runtime_abi::MATH_MUL64, [(Scalar::U64, a), (Scalar::U64, b)], [(Scalar::U64, hi), (Scalar::U64, lo)])
                if !writes_operand(hi, &[a, b]) =>
            {
                out.push(Inst::Bin { op: BinOp::MulHigh, ty: Scalar::U64, dst: hi.clone(), a: a.clone(), b: b.clone() });
                out.push(Inst::Bin { op: BinOp::Mul, ty: Scalar::U64, dst: lo.clone(), a: a.clone(), b: b.clone() });
            }
            _ => out.push(inst),
        }
    }
    body.insts = out;
}

/// Whether a write to `dst` may change what one of `ops` reads: the same
/// slot, a pointer it goes through, or any memory through a pointer.
fn writes_operand(dst: &Addr, ops: &[&Operand]) -> bool {
    let slot = |a: &Addr| match a {
        Addr::Slot(s, _) | Addr::Deref(s, _) => Some(*s),
        Addr::Global(..) => None,
    };
    // Memory other than a slot's own (through a pointer, or a global) may
    // be the same memory.
    let elsewhere = |a: &Addr| !matches!(a, Addr::Slot(..));
    ops.iter().any(|o| match o {
        Operand::Mem(a) => (elsewhere(dst) && elsewhere(a)) || (slot(dst).is_some() && slot(dst) == slot(a)),
        _ => false,
    })
}
