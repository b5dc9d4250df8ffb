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
