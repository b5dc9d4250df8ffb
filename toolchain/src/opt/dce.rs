//! Dead-code elimination over the whole program, as gc's linker does it
//! (`cmd/link/internal/ld/deadcode.go`): what the entry cannot reach through
//! calls, symbol addresses and data relocations is dropped, functions and
//! data alike. A program that imports `os` compiles every function of os,
//! syscall, time and io/fs; most are never called.
//!
//! The three link tables the entry hands to the runtime list every static
//! itab, every type descriptor (for reflect's constructors) and every
//! package variable that holds pointers (the collector's roots). Their
//! entries are weak: an entry keeps nothing alive, and an entry whose
//! symbol is dropped is taken out of its table, since nothing live can
//! reach what it describes.
//!
//! A method is kept only if something could call it: code that names it,
//! or, for an entry of a method table, an interface call of its name in
//! live code, or reflect reaching methods by index or name ([`dead_code`]),
//! as gc's linker decides it.

use crate::ir::{Addr, Callee, Data, FuncKind, Inst, Operand, Program};
use crate::syntax::ast::is_exported;
use std::collections::{HashMap, HashSet};
use std::io::Write;

/// The link tables whose entries are weak (`TYPELINKS` and `ITABLINKS`: a
/// count, then one address per entry), and
/// the collector's table of globals (records of `GLOBAL_RECORD` bytes).
const COUNTED_TABLES: [&str; 2] = [crate::check::TYPELINKS, crate::check::ITABLINKS];
const GLOBALS_TABLE: &str = crate::runtime_abi::GC_GLOBALS;
const GLOBAL_RECORD: u32 = rt_arch::bindings::amd64::RGO_GCGLOBAL_SIZE;
const GLOBAL_ADDR: u32 = rt_arch::bindings::amd64::RGO_GCGLOBAL_ADDR;
const GLOBAL_WORDS: u32 = rt_arch::bindings::amd64::RGO_GCGLOBAL_WORDS;

/// The names of the methods the runtime calls through method tables, with
/// no interface call in Go code: a panic value's `Error` or `String` when
/// a panic is printed (rt-core's `panic::convert`).
const RUNTIME_CALLED_METHODS: [&str; 2] = ["Error", "String"];

/// Functions that reach methods by index or name through the method
/// tables, and the names of the interface methods that do (reflect's
/// `Type.Method`, `Type.MethodByName`): with any live, every exported
/// method of a live type is kept (gc's linker's `ReflectMethod`).
const REFLECT_METHOD_FUNCS: [&str; 2] = ["reflect.Value.Method", "reflect.Value.MethodByName"];
const REFLECT_METHOD_NAMES: [&str; 2] = ["Method", "MethodByName"];

/// Drops every function and data symbol of `prog` that its entry cannot
/// reach, `extra` (symbols other code refers to: the program's own
/// assembly) and the library exports counting as reached.
///
/// A method reached only through a type descriptor's method table is kept
/// when some live code calls an interface method of that name (or the
/// runtime does, [`RUNTIME_CALLED_METHODS`]), when reflect can reach
/// methods by index or name and it is exported, and always when
/// `all_methods` (a library: its Rust host may call any method through
/// reflect); else its table entry is left without code, as gc's linker
/// leaves it.
pub fn dead_code(prog: &mut Program, extra: &HashSet<String>, all_methods: bool) {
    dead_code_dumping(prog, extra, all_methods, None)
}

/// [`dead_code`], writing each edge by which a symbol was first reached
/// (`from -> to`) to `dump`, as gc's linker's `-dumpdep` does.
pub fn dead_code_dumping(prog: &mut Program, extra: &HashSet<String>, all_methods: bool, mut dump: Option<&mut dyn std::io::Write>) {
    let weak: HashSet<&str> = COUNTED_TABLES.iter().copied().chain([GLOBALS_TABLE]).collect();
    let funcs: HashMap<&str, usize> = prog.funcs.iter().enumerate().map(|(i, f)| (f.sym.as_str(), i)).collect();
    let datas: HashMap<&str, usize> = prog.data.iter().enumerate().map(|(i, d)| (d.sym.as_str(), i)).collect();
    let mut live: HashSet<String> = HashSet::new();
    let mut work: Vec<String> = vec![prog.entry.clone(), crate::check::LIBEXPORTS.to_string()];
    work.extend(weak.iter().map(|s| s.to_string()));
    work.extend(extra.iter().cloned());
    // Assembly calls these Go functions by their ABI0 names.
    work.extend(prog.funcs.iter().filter(|f| matches!(f.kind, FuncKind::FromAbi0 { .. })).map(|f| f.sym.clone()));
    let mut ties: HashMap<&str, Vec<&str>> = HashMap::new();
    for (a, b) in &prog.ties {
        ties.entry(a.as_str()).or_default().push(b.as_str());
    }
    // Per method table, its entries: offset -> (name, code).
    // Per method table, its entries: offset -> (name, whether the entry is
    // the method's type rather than its code).
    let mut slots: HashMap<&str, HashMap<u32, (&str, bool)>> = HashMap::new();
    for m in &prog.method_slots {
        slots.entry(m.table.as_str()).or_default().insert(m.offset, (m.name.as_str(), m.ty));
    }
    let mut called: HashSet<&str> = RUNTIME_CALLED_METHODS.into_iter().collect();
    let mut reflect_methods = all_methods;
    // The code of entries of live tables not kept yet, by method name.
    let mut waiting: HashMap<&str, Vec<&str>> = HashMap::new();
    // Calls of weak initializers are followed once their variable is live.
    let weak_inits: HashSet<&str> = prog.weak_inits.iter().map(|(f, _)| f.as_str()).collect();
    loop {
    while let Some(sym) = work.pop() {
        if live.contains(&sym) {
            continue;
        }
        let reflected = reflect_methods;
        let mut refs: Vec<&str> = ties.get(sym.as_str()).cloned().unwrap_or_default();
        let mut names: &[String] = &[];
        if let Some(&i) = funcs.get(sym.as_str()) {
            func_refs(&prog.funcs[i].kind, &mut refs);
            refs.retain(|r| !weak_inits.contains(r));
            if let FuncKind::Code(body) = &prog.funcs[i].kind {
                names = &body.iface_calls;
            }
            if REFLECT_METHOD_FUNCS.contains(&sym.as_str()) {
                reflect_methods = true;
            }
        } else if let Some(&i) = datas.get(sym.as_str()) {
            if !weak.contains(sym.as_str()) {
                let d = &prog.data[i];
                match slots.get(d.sym.as_str()) {
                    None => refs.extend(d.relocs.iter().map(|r| r.sym.as_str())),
                    Some(entries) => {
                        for r in &d.relocs {
                            match entries.get(&r.offset).map(|(name, _)| name) {
                                Some(name) if !all_methods && !called.contains(name) && !(reflect_methods && is_exported(name)) => {
                                    waiting.entry(name).or_default().push(r.sym.as_str());
                                }
                                _ => refs.push(r.sym.as_str()),
                            }
                        }
                    }
                }
            }
        }
        for name in names {
            if called.insert(name.as_str()) {
                refs.extend(waiting.remove(name.as_str()).unwrap_or_default());
            }
            if REFLECT_METHOD_NAMES.contains(&name.as_str()) {
                reflect_methods = true;
            }
        }
        if reflect_methods && !reflected {
            let exported: Vec<&str> = waiting.keys().copied().filter(|n| is_exported(n)).collect();
            for n in exported {
                refs.extend(waiting.remove(n).unwrap_or_default());
            }
        }
        let next: Vec<String> = refs.into_iter().filter(|r| !live.contains(*r)).map(str::to_string).collect();
        if let Some(out) = dump.as_mut() {
            for n in &next {
                let _ = writeln!(out, "{sym} -> {n}");
            }
        }
        live.insert(sym);
        work.extend(next);
    }
    let woken: Vec<String> = prog.weak_inits.iter().filter(|(f, v)| live.contains(v) && !live.contains(f)).map(|(f, _)| f.clone()).collect();
    if woken.is_empty() {
        break;
    }
    if let Some(out) = dump.as_mut() {
        for f in &woken {
            let _ = writeln!(out, "<weak init> -> {f}");
        }
    }
    work.extend(woken);
    }
    // The bitmaps of the globals' table stay with the records that name
    // them.
    if let Some(&i) = datas.get(GLOBALS_TABLE) {
        for r in &prog.data[i].relocs {
            if r.offset % GLOBAL_RECORD != GLOBAL_ADDR {
                live.insert(r.sym.clone());
            }
        }
    }
    // A method's type that nothing else keeps is the unreachable type.
    let unreachable_types = prog.data.iter().any(|d| {
        live.contains(&d.sym) && slots.get(d.sym.as_str()).is_some_and(|e| d.relocs.iter().any(|r| e.get(&r.offset).is_some_and(|s| s.1) && !live.contains(&r.sym)))
    });
    if unreachable_types {
        live.insert(crate::check::UNREACHABLE_TYPE.to_string());
    }
    prog.funcs.retain(|f| live.contains(&f.sym));
    prog.data.retain(|d| live.contains(&d.sym));
    // The calls of the weak initializers dropped go too.
    let dropped: HashSet<&str> = prog.weak_inits.iter().map(|(f, _)| f.as_str()).filter(|f| !live.contains(*f)).collect();
    if !dropped.is_empty() {
        for f in &mut prog.funcs {
            if let FuncKind::Code(body) = &mut f.kind {
                body.insts.retain(|i| !matches!(i, Inst::Call { callee: Callee::Direct(s), .. } if dropped.contains(s.as_str())));
            }
        }
    }
    prog.weak_inits.retain(|(f, _)| live.contains(f));
    for d in &mut prog.data {
        // Method table entries whose code was not kept are left without
        // it; their types, when not kept either, are the unreachable type.
        if let Some(entries) = slots.get(d.sym.as_str()) {
            d.relocs.retain_mut(|r| match entries.get(&r.offset) {
                None => true,
                Some((_, false)) => live.contains(&r.sym),
                Some((_, true)) => {
                    if !live.contains(&r.sym) {
                        r.sym = crate::check::UNREACHABLE_TYPE.to_string();
                    }
                    true
                }
            });
        }
        if COUNTED_TABLES.contains(&d.sym.as_str()) {
            prune_counted(d, &live);
        } else if d.sym == GLOBALS_TABLE {
            prune_globals(d, &live);
        }
    }
}

/// The symbols function `kind` refers to.
fn func_refs<'a>(kind: &'a FuncKind, out: &mut Vec<&'a str>) {
    match kind {
        FuncKind::Code(body) => {
            for inst in &body.insts {
                inst_refs(inst, out);
            }
        }
        FuncKind::TailWrapper { target, nil_target, .. } => {
            out.push(target);
            out.extend(nil_target.as_deref());
        }
        FuncKind::ToAbi0 { target } | FuncKind::FromAbi0 { target } => out.push(target),
    }
}

fn addr_refs<'a>(a: &'a Addr, out: &mut Vec<&'a str>) {
    if let Addr::Global(s, _) = a {
        out.push(s);
    }
}

fn op_refs<'a>(o: &'a Operand, out: &mut Vec<&'a str>) {
    match o {
        Operand::SymAddr(s, _) => out.push(s),
        Operand::Mem(a) => addr_refs(a, out),
        _ => {}
    }
}

/// The symbols instruction `inst` refers to.
fn inst_refs<'a>(inst: &'a Inst, out: &mut Vec<&'a str>) {
    match inst {
        Inst::Label(_) | Inst::Landing(_) | Inst::Jump(_) | Inst::Ret | Inst::Poll | Inst::Comment(_) | Inst::Line(_) | Inst::InlineMark(_) | Inst::InlineResume(_) | Inst::InlineEnd(_) => {}
        Inst::JumpIf { cond, .. } | Inst::JumpIfNot { cond, .. } => op_refs(cond, out),
        Inst::Move { dst, src, .. } => {
            op_refs(src, out);
            addr_refs(dst, out);
        }
        Inst::Copy { dst, src, .. } => {
            addr_refs(src, out);
            addr_refs(dst, out);
        }
        Inst::Zero { dst, .. } => addr_refs(dst, out),
        Inst::AddrOf { dst, src } => {
            addr_refs(dst, out);
            addr_refs(src, out);
        }
        Inst::Bin { dst, a, b, .. } => {
            op_refs(a, out);
            op_refs(b, out);
            addr_refs(dst, out);
        }
        Inst::Un { dst, a, .. } | Inst::Convert { dst, src: a, .. } => {
            op_refs(a, out);
            addr_refs(dst, out);
        }
        Inst::Call { callee, args, results, .. } => {
            match callee {
                Callee::Direct(s) => out.push(s),
                Callee::Closure(o) | Callee::Indirect(o) => op_refs(o, out),
            }
            for a in args.iter().chain(results) {
                addr_refs(a, out);
            }
        }
        Inst::Atomic { addr, val, old, dst, .. } => {
            for o in std::iter::once(addr).chain(val).chain(old) {
                op_refs(o, out);
            }
            if let Some(d) = dst {
                addr_refs(d, out);
            }
        }
        Inst::VolatileLoad { addr, dst, .. } => {
            op_refs(addr, out);
            addr_refs(dst, out);
        }
        Inst::VolatileStore { addr, val, .. } => {
            op_refs(addr, out);
            op_refs(val, out);
        }
        Inst::CallRuntime { args, rets, .. } => {
            for (_, a) in args {
                op_refs(a, out);
            }
            for (_, r) in rets {
                addr_refs(r, out);
            }
        }
    }
}

/// Rewrites a counted table (a count, then one address per entry) to hold
/// only the entries whose symbols are live.
fn prune_counted(d: &mut Data, live: &HashSet<String>) {
    let mut relocs: Vec<_> = d.relocs.iter().filter(|r| live.contains(&r.sym)).cloned().collect();
    relocs.sort_by_key(|r| r.offset);
    for (i, r) in relocs.iter_mut().enumerate() {
        r.offset = 8 * (i as u32 + 1);
    }
    let size = 8 * (relocs.len() + 1);
    let mut init = vec![0u8; size];
    init[..8].copy_from_slice(&(relocs.len() as u64).to_le_bytes());
    d.init = Some(init);
    d.size = size as u32;
    d.relocs = relocs;
}

/// In the collector's table of globals, turns each record of a dropped
/// variable into one that describes no words (the entry passes the
/// record count to the runtime as a constant, so records stay), at the
/// table's own address.
fn prune_globals(d: &mut Data, live: &HashSet<String>) {
    let table = d.sym.clone();
    let mut emptied = vec![];
    for r in &mut d.relocs {
        if r.offset % GLOBAL_RECORD == GLOBAL_ADDR && !live.contains(&r.sym) {
            r.sym = table.clone();
            r.addend = 0;
            emptied.push(r.offset - GLOBAL_ADDR);
        }
    }
    if let Some(init) = &mut d.init {
        for at in emptied {
            let w = (at + GLOBAL_WORDS) as usize;
            init[w..w + 8].copy_from_slice(&0u64.to_le_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Body, Reloc};
    use reflect::abi::FuncAbi;
    use std::sync::Arc;

    fn void() -> Arc<FuncAbi> {
        Arc::new(FuncAbi::from_parts(&reflect::abi::arch::AMD64, None, &[], &[]).unwrap())
    }

    fn code(sym: &str, insts: Vec<Inst>) -> crate::ir::Func {
        crate::ir::Func {
            sym: sym.into(),
            abi: void(),
            kind: FuncKind::Code(Body { insts, ..Body::default() }),
            pos: None,
        }
    }

    fn data(sym: &str, size: u32, relocs: &[(u32, &str)]) -> Data {
        Data {
            sym: sym.into(),
            align: 8,
            size,
            init: Some(vec![0; size as usize]),
            relocs: relocs.iter().map(|&(offset, s)| Reloc { offset, sym: s.into(), addend: 0 }).collect(),
            readonly: true,
        }
    }

    fn call(s: &str) -> Inst {
        Inst::Call { callee: Callee::Direct(s.into()), abi: void(), args: vec![], results: vec![] }
    }

    #[test]
    fn drops_what_the_entry_cannot_reach() {
        let mut prog = Program {
            funcs: vec![
                code("main", vec![call("a"), Inst::Move { ty: crate::ir::Scalar::U64, dst: Addr::Global("v".into(), 0), src: Operand::SymAddr("s".into(), 0) }]),
                code("a", vec![]),
                code("dead", vec![call("a"), call("deader")]),
                code("deader", vec![]),
            ],
            data: vec![
                data("v", 8, &[]),
                data("s", 16, &[(0, "t")]),
                data("t", 8, &[]),
                data("unused", 8, &[(0, "a")]),
                data("go.typelinks", 24, &[(8, "t"), (16, "unused")]),
                data(GLOBALS_TABLE, 2 * GLOBAL_RECORD, &[(GLOBAL_ADDR, "v"), (GLOBAL_RECORD + GLOBAL_ADDR, "gone")]),
                data("gone", 8, &[]),
            ],
            entry: "main".into(),
            ties: vec![],
            method_slots: vec![],
            noinline: Default::default(),
            link_data: vec![],
            weak_inits: vec![],
            reports: vec![],
        };
        if let Some(init) = &mut prog.data[5].init {
            init[(GLOBAL_RECORD + GLOBAL_WORDS) as usize] = 1;
        }
        dead_code(&mut prog, &HashSet::new(), false);
        let funcs: Vec<&str> = prog.funcs.iter().map(|f| f.sym.as_str()).collect();
        assert_eq!(funcs, ["main", "a"]);
        let datas: Vec<&str> = prog.data.iter().map(|d| d.sym.as_str()).collect();
        assert_eq!(datas, ["v", "s", "t", "go.typelinks", GLOBALS_TABLE]);
        // The type links keep only live descriptors, counted.
        let links = &prog.data[3];
        assert_eq!((links.size, &links.init.as_ref().unwrap()[..8]), (16, &1u64.to_le_bytes()[..]));
        assert_eq!(links.relocs, [Reloc { offset: 8, sym: "t".into(), addend: 0 }]);
        // The dropped global's record describes nothing.
        let g = &prog.data[4];
        assert_eq!(g.relocs[1].sym, GLOBALS_TABLE);
        assert_eq!(g.init.as_ref().unwrap()[(GLOBAL_RECORD + GLOBAL_WORDS) as usize], 0);
    }

    #[test]
    fn extra_roots_assembly_entries_and_ties_stay() {
        let mut prog = Program {
            funcs: vec![
                code("main", vec![Inst::Move { ty: crate::ir::Scalar::U64, dst: Addr::Global("v".into(), 0), src: Operand::SymAddr("t".into(), 0) }]),
                code("called.from.asm", vec![]),
                code("kept", vec![call("leaf")]),
                code("leaf", vec![]),
            ],
            data: vec![data("t", 8, &[]), data("ptr.t", 8, &[])],
            entry: "main".into(),
            ties: vec![("t".into(), "ptr.t".into())],
            method_slots: vec![],
            noinline: Default::default(),
            link_data: vec![],
            weak_inits: vec![],
            reports: vec![],
        };
        prog.funcs.push(crate::ir::Func {
            sym: "f.abi0".into(),
            abi: void(),
            kind: FuncKind::FromAbi0 { target: "called.from.asm".into() },
            pos: None,
        });
        dead_code(&mut prog, &HashSet::from(["kept".to_string()]), false);
        let funcs: Vec<&str> = prog.funcs.iter().map(|f| f.sym.as_str()).collect();
        assert_eq!(funcs, ["main", "called.from.asm", "kept", "leaf", "f.abi0"]);
        let datas: Vec<&str> = prog.data.iter().map(|d| d.sym.as_str()).collect();
        assert_eq!(datas, ["t", "ptr.t"]);
    }

    /// A method table `type.T.methods` of three entries (16 bytes each,
    /// code at 8), with main making `v` point at the descriptor.
    fn methods_program(main: crate::ir::Func, extra: Vec<crate::ir::Func>) -> Program {
        let slot = |k: u32, name: &str| crate::ir::MethodSlot { table: "type.T.methods".into(), offset: 16 * k + 8, name: name.into(), ty: false };
        let mut funcs = vec![main, code("T.String", vec![]), code("T.Len", vec![]), code("T.hidden", vec![])];
        funcs.extend(extra);
        Program {
            funcs,
            data: vec![data("type.T", 8, &[(0, "type.T.methods")]), data("type.T.methods", 48, &[(8, "T.String"), (24, "T.Len"), (40, "T.hidden")])],
            entry: "main".into(),
            ties: vec![],
            method_slots: vec![slot(0, "String"), slot(1, "Len"), slot(2, "hidden")],
            noinline: Default::default(),
            link_data: vec![],
            weak_inits: vec![],
            reports: vec![],
        }
    }

    /// A method's type is kept with its code, or when something else keeps
    /// it; else its entry points at the unreachable type.
    #[test]
    fn method_types_stay_with_their_code_or_when_kept_anyway() {
        let run = |main_refs: &str| {
            let slot = |off: u32, name: &str, ty: bool| crate::ir::MethodSlot { table: "type.T.methods".into(), offset: off, name: name.into(), ty };
            let mut main = uses_t(vec![]);
            if let FuncKind::Code(body) = &mut main.kind {
                body.insts.push(Inst::Move { ty: crate::ir::Scalar::U64, dst: Addr::Global("w".into(), 0), src: Operand::SymAddr(main_refs.into(), 0) });
            }
            let mut prog = Program {
                funcs: vec![main, code("T.String", vec![]), code("T.Len", vec![])],
                data: vec![
                    data("type.T", 8, &[(0, "type.T.methods")]),
                    data("type.T.methods", 32, &[(0, "type.func.string"), (8, "T.String"), (16, "type.func.int"), (24, "T.Len")]),
                    data("type.func.string", 8, &[]),
                    data("type.func.int", 8, &[]),
                    data("type.other", 8, &[]),
                    data(crate::check::UNREACHABLE_TYPE, 8, &[]),
                ],
                entry: "main".into(),
                method_slots: vec![slot(0, "String", true), slot(8, "String", false), slot(16, "Len", true), slot(24, "Len", false)],
                ..Program::default()
            };
            dead_code(&mut prog, &HashSet::new(), false);
            let table = prog.data.iter().find(|d| d.sym == "type.T.methods").unwrap();
            let relocs: Vec<(u32, String)> = table.relocs.iter().map(|r| (r.offset, r.sym.clone())).collect();
            let datas: Vec<String> = prog.data.iter().map(|d| d.sym.clone()).collect();
            (relocs, datas)
        };
        // Len is not called and its type is kept by nothing else.
        let (relocs, datas) = run("type.other");
        assert_eq!(relocs, vec![(0, "type.func.string".into()), (8, "T.String".into()), (16, crate::check::UNREACHABLE_TYPE.into())]);
        assert!(datas.contains(&crate::check::UNREACHABLE_TYPE.to_string()) && !datas.contains(&"type.func.int".to_string()));
        // Kept by main, Len's type stays (an interface could match it).
        let (relocs, datas) = run("type.func.int");
        assert_eq!(relocs, vec![(0, "type.func.string".into()), (8, "T.String".into()), (16, "type.func.int".into())]);
        assert!(!datas.contains(&crate::check::UNREACHABLE_TYPE.to_string()));
    }

    fn uses_t(mut calls: Vec<&str>) -> crate::ir::Func {
        let mut f = code("main", vec![Inst::Move { ty: crate::ir::Scalar::U64, dst: Addr::Global("v".into(), 0), src: Operand::SymAddr("type.T".into(), 0) }]);
        if let FuncKind::Code(body) = &mut f.kind {
            body.iface_calls = calls.drain(..).map(str::to_string).collect();
        }
        f
    }

    #[test]
    fn methods_stay_for_interface_calls_of_their_names_the_runtime_and_reflect() {
        let kept = |prog: &Program| -> (Vec<String>, Vec<u32>) {
            let funcs = prog.funcs.iter().map(|f| f.sym.clone()).filter(|s| s.starts_with("T.")).collect();
            let table = prog.data.iter().find(|d| d.sym == "type.T.methods").unwrap();
            (funcs, table.relocs.iter().map(|r| r.offset).collect())
        };
        // Only String, which the runtime calls on a panic value.
        let mut prog = methods_program(uses_t(vec![]), vec![]);
        dead_code(&mut prog, &HashSet::new(), false);
        assert_eq!(kept(&prog), (vec!["T.String".to_string()], vec![8]));
        // An interface call of Len keeps Len.
        let mut prog = methods_program(uses_t(vec!["Len"]), vec![]);
        dead_code(&mut prog, &HashSet::new(), false);
        assert_eq!(kept(&prog), (vec!["T.String".to_string(), "T.Len".to_string()], vec![8, 24]));
        // The call may come from code reached only later.
        let mut main = uses_t(vec![]);
        if let FuncKind::Code(body) = &mut main.kind {
            body.insts.push(call("sorter"));
        }
        let mut sorter = code("sorter", vec![]);
        if let FuncKind::Code(body) = &mut sorter.kind {
            body.iface_calls = vec!["Len".into()];
        }
        let mut prog = methods_program(main, vec![sorter]);
        dead_code(&mut prog, &HashSet::new(), false);
        assert_eq!(kept(&prog).1, [8, 24]);
        // reflect's Value.Method keeps the exported ones.
        let mut main = uses_t(vec![]);
        if let FuncKind::Code(body) = &mut main.kind {
            body.insts.push(call("reflect.Value.Method"));
        }
        let mut prog = methods_program(main, vec![code("reflect.Value.Method", vec![])]);
        dead_code(&mut prog, &HashSet::new(), false);
        assert_eq!(kept(&prog).1, [8, 24]);
        // A library keeps all.
        let mut prog = methods_program(uses_t(vec![]), vec![]);
        dead_code(&mut prog, &HashSet::new(), true);
        assert_eq!(kept(&prog).1, [8, 24, 40]);
    }
}
