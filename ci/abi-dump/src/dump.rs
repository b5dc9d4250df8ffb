//! Formatting one signature's assignment as Go's abiutils tests print it.

use reflect::types::parse::{ParseError, Scope};
use reflect::abi::{Arch, FuncAbi, Placement, Receiver, StepKind, AMD64, ARM64};
use reflect::types::Kind;
use std::fmt::Write;

/// Parses `name | receiver | func type` and returns its dump block.
pub fn signature_line(scope: &Scope, line: &str) -> Result<String, ParseError> {
    let mut parts = line.splitn(3, '|');
    let (Some(name), Some(recv), Some(sig)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(ParseError { col: 1, message: "expected `name | receiver | func type`".into() });
    };
    // Columns of errors inside a part are relative to the line.
    let at = |part: &str| part.as_ptr() as usize - line.as_ptr() as usize;
    let shift = |base: usize| move |e: ParseError| ParseError { col: e.col + base, ..e };

    let recv_type = match recv.trim() {
        "" => None,
        _ => Some(scope.parse_type(recv).map_err(shift(at(recv)))?),
    };
    let func_type = scope.parse_type(sig).map_err(shift(at(sig)))?;
    if func_type.kind() != Kind::Func {
        return Err(ParseError { col: at(sig) + 1, message: format!("{func_type} is not a func type") });
    }

    let mut out = format!("### {}\n", name.trim());
    if recv_type.is_some() {
        writeln!(out, "receiver: {}", recv.trim()).unwrap();
    }
    writeln!(out, "signature: {}", sig.trim()).unwrap();
    for (title, arch) in [("amd64 (intRegs=9 floatRegs=15)", &AMD64), ("arm64/riscv64 (intRegs=16 floatRegs=16)", &ARM64)] {
        let abi = FuncAbi::new(arch, func_type, recv_type.map(Receiver::ByType))
            .map_err(|e| ParseError { col: at(sig) + 1, message: e.to_string() })?;
        writeln!(out, "-- {title}").unwrap();
        out.push_str(&block(arch, &abi));
    }
    out.push('\n');
    Ok(out)
}

/// The lines of one configuration.
pub fn block(arch: &Arch, abi: &FuncAbi) -> String {
    let mut out = String::new();
    for (dir, seq) in [("IN", &abi.call), ("OUT", &abi.ret)] {
        for (i, v) in seq.values.iter().enumerate() {
            let mut regs = String::from("R{");
            for s in seq.steps_of(i) {
                match s.kind {
                    StepKind::IntReg | StepKind::Pointer => write!(regs, " I{}", s.reg).unwrap(),
                    StepKind::FloatReg => write!(regs, " F{}", s.reg).unwrap(),
                    StepKind::Stack => {}
                }
            }
            regs.push_str(" }");
            let place = match v.placement {
                Placement::Registers { spill_offset } => {
                    format!("spilloffset: {}", spill_offset.map_or(-1, i64::from))
                }
                Placement::Stack { offset } | Placement::ZeroSized { offset } => {
                    format!("offset: {}", offset as usize + arch.fixed_frame)
                }
            };
            writeln!(out, "{dir} {i}: {regs} {place} typ: {}", v.typ).unwrap();
        }
    }
    writeln!(
        out,
        "offsetToSpillArea: {} spillAreaSize: {}",
        abi.stack_size + arch.fixed_frame,
        abi.spill_size
    )
    .unwrap();
    out
}
