//! What Go code asks about its own stack: `runtime.Callers` (the return
//! addresses of the calling goroutine's frames, walked as the collector
//! walks them) and, for a code address, the function holding it, its name,
//! source file and line (`runtime.FuncForPC`, `Func.FileLine`), from the
//! compiler's tables (`gc_tables`: one record per function, with the line
//! of each call).

use crate::collector::{lookup, walk_frames, FAULT_TAG};
use crate::g::{current_g, Status, G};
use crate::gc_tables::{GcFunc, LogicalFrame};
use crate::print::{fmt_hex, fmt_uint, Sink};
use crate::GoString;

/// Frames a traceback prints at most, as gc's.
const MAX_FRAMES: usize = 100;

/// How much a fatal panic prints (`GOTRACEBACK`, `debug.SetTraceback`):
/// nothing after the message, the failing goroutine, or every goroutine
/// (gc's `all`, `system` and `crash` differ in runtime frames and a core
/// dump, which rgo has neither of).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    None = 0,
    Single = 1,
    All = 2,
}

impl Level {
    /// A `GOTRACEBACK` setting: `none`/`0`, `single` or empty, `all`/`1`,
    /// `system`/`2`, `crash`; `None` for anything else.
    fn parse(v: &[u8]) -> Option<Level> {
        Some(match v {
            b"none" | b"0" => Level::None,
            b"" | b"single" => Level::Single,
            b"all" | b"1" | b"system" | b"2" | b"crash" => Level::All,
            _ => return None,
        })
    }
}

/// The level `debug.SetTraceback` set (`u8::MAX`: never).
static SET_LEVEL: core::sync::atomic::AtomicU8 = core::sync::atomic::AtomicU8::new(u8::MAX);

/// The level in force: the environment's, raised (never lowered) by
/// `debug.SetTraceback`, as gc takes them.
pub fn level() -> Level {
    let env = crate::process::runtime_env("GOTRACEBACK").and_then(Level::parse).unwrap_or(Level::Single);
    let set = match SET_LEVEL.load(core::sync::atomic::Ordering::Relaxed) {
        0 => Level::None,
        1 => Level::Single,
        2 => Level::All,
        _ => return env,
    };
    env.max(set)
}

/// `debug.SetTraceback(level)`: gc takes an unknown level as `none`, and
/// so does rgo.
///
/// # Safety
/// `p` must point at `n` readable bytes (a Go string).
#[no_mangle]
pub unsafe extern "C" fn rgo_set_traceback(p: *const u8, n: usize) {
    // SAFETY: as the caller promises.
    let v = unsafe { GoString { ptr: p, len: n }.as_bytes() };
    let l = Level::parse(v).unwrap_or(Level::None);
    SET_LEVEL.store(l as u8, core::sync::atomic::Ordering::Relaxed);
}

/// Prints, after a fatal panic's message, the goroutines the level in
/// force asks for: the running one, then (at `all`) every other live one,
/// as `runtime.Stack(buf, true)` lists them.
///
/// # Safety
/// The running goroutine stands in a runtime call; no other runs.
pub(crate) unsafe fn print_dying(o: &mut crate::print::PrintBuf) {
    let level = level();
    if level == Level::None {
        return;
    }
    let me = current_g();
    o.put(b"\n");
    // SAFETY: as the caller promises.
    unsafe {
        header(o, me, b"running");
        print_frames(o, me);
        if level == Level::All {
            print_others(o, me);
        }
    }
}

/// Every live goroutine but `me`, each after a blank line.
///
/// # Safety
/// As for [`print_dying`].
unsafe fn print_others(o: &mut impl Sink, me: *mut G) {
    for &g in crate::sched::all_goroutines() {
        // SAFETY: goroutine records stay valid; the others are parked or
        // not started while this one runs.
        unsafe {
            if g == me || (*g).status == Status::Dead as u8 || (*g).system {
                continue;
            }
            let state: &[u8] = match (*g).status {
                s if s == Status::Waiting as u8 => (*g).wait_reason().as_bytes(),
                s if s == Status::Syscall as u8 => b"syscall",
                _ => b"runnable",
            };
            o.put(b"\n");
            header(o, g, state);
            print_frames(o, g);
        }
    }
}

/// Prints `g`'s Go frames, innermost first, as gc's traceback does: per
/// frame the function's name, `(...)` for its arguments (rgo does not
/// print their words), then a tab, `file:line` of the call (or fault) and
/// the offset of that code address from the function's entry. At most
/// [`MAX_FRAMES`], then `...additional frames elided...`. Functions with
/// no source file (the program's entry) are left out. A goroutine
/// standing where no compiled function is (a program of hand-written
/// assembly) prints none. A goroutine a `go` statement made ends with
/// `created by` the function and line of that statement.
///
/// # Safety
/// `g` is the running goroutine, standing in a runtime call, or a parked
/// one (its frames are not changing).
pub(crate) unsafe fn print_frames(o: &mut impl Sink, g: *mut G) {
    // SAFETY: as the caller promises.
    unsafe { print_frames_from(o, g, 0) }
}

/// [`print_frames`] without the innermost `skip` frames.
///
/// # Safety
/// As for [`print_frames`].
unsafe fn print_frames_from(o: &mut impl Sink, g: *mut G, mut skip: usize) {
    let mut n = 0;
    // SAFETY: as the caller promises.
    let _ = unsafe {
        walk_frames(g, |f, _, _, pc| {
            // A return address: the call is the instruction before it; a
            // fault's address + 1: the instruction itself.
            let ret = pc & !FAULT_TAG;
            let mut fr = [LogicalFrame { func: f, line: 0, pc: 0 }; 2];
            let count = f.logical_frames(ret.wrapping_sub(1), ret, &mut fr);
            for (k, l) in fr[..count].iter().enumerate() {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                // Code the compiler generated with no source (the program's
                // entry, rgo.main) is the runtime's, which gc's traceback hides.
                if l.func.file().is_empty() {
                    continue;
                }
                n += 1;
                if n > MAX_FRAMES {
                    return;
                }
                o.put(l.func.name());
                o.put(if l.func.no_params() { b"()\n\t" } else { b"(...)\n\t" });
                // As gc's: the offset in the compiled function's code on its
                // own frame's line only, not on an inlined call's.
                // (A faulting instruction's own offset, as gc prints the
                // signal's pc.)
                let at = if pc & FAULT_TAG != 0 { ret - 1 } else { ret };
                put_line(o, l, (k + 1 == count).then(|| at - f.start));
            }
        })
    };
    if n > MAX_FRAMES {
        o.put(b"...additional frames elided...\n");
    }
    // SAFETY: as the caller promises.
    let gopc = unsafe { (*g).gopc };
    if let Some(f) = lookup(gopc.wrapping_sub(1)).filter(|_| gopc != 0) {
        // The function with the `go` statement: the innermost there.
        let mut fr = [LogicalFrame { func: f, line: 0, pc: 0 }; 2];
        f.logical_frames(gopc - 1, gopc, &mut fr);
        o.put(b"created by ");
        o.put(fr[0].func.name());
        o.put(b"\n\t");
        put_line(o, &fr[0], Some(gopc - f.start));
    }
}

/// `file:line` of logical frame `l`, ` +0xoff` when given, and a newline.
fn put_line(o: &mut impl Sink, l: &LogicalFrame, off: Option<usize>) {
    o.put(l.func.file());
    o.put(b":");
    fmt_uint(o, u64::from(l.line));
    if let Some(off) = off {
        o.put(b" +");
        fmt_hex(o, off as u64);
    }
    o.put(b"\n");
}

/// `runtime.Stack`: the calling goroutine's traceback as a panic prints it
/// (its header, then its frames but the innermost `skip`: the Go functions
/// between this call and the one the trace is for), and with `all` every
/// other live goroutine's after a blank line (`[runnable]`, or the reason it
/// waits), into `buf` (`len` bytes, the rest cut off); the bytes written.
///
/// # Safety
/// Called by compiled Go code (the goroutine stands in this runtime call);
/// `buf` points at `len` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn rgo_stack(buf: *mut u8, len: i64, _cap: i64, all: bool, skip: i64) -> i64 {
    let me = current_g();
    let mut out: alloc::vec::Vec<u8> = alloc::vec::Vec::new();
    // SAFETY: as the caller promises; goroutine records stay valid, and
    // the others are parked or not started while this one runs.
    unsafe {
        header(&mut out, me, b"running");
        print_frames_from(&mut out, me, skip.max(0) as usize);
        if all {
            // With several processors the others stop first.
            crate::threads::with_world_stopped(|| print_others(&mut out, me));
        }
    }
    let n = out.len().min(len.max(0) as usize);
    // SAFETY: `buf` has room for `len` bytes, `n` at most.
    unsafe { core::ptr::copy_nonoverlapping(out.as_ptr(), buf, n) };
    n as i64
}

/// `goroutine N [state]:` and a newline.
///
/// # Safety
/// `g` is a goroutine record.
unsafe fn header(o: &mut impl Sink, g: *mut G, state: &[u8]) {
    o.put(b"goroutine ");
    // SAFETY: as the caller promises.
    fmt_uint(o, unsafe { (*g).goid });
    o.put(b" [");
    o.put(state);
    o.put(b"]:\n");
}

/// `runtime.Callers`: stores the code addresses of the calling goroutine's
/// frames, innermost first, into `pcs` (`len` words), the first `skip`
/// frames left out (frame 0 is the Go function that made this call); the
/// number stored. A frame stopped in a call gives the call's return
/// address; one stopped at a fault, the faulting instruction's address + 1
/// (so that `pc - 1` is in the instruction for both, as for gc). Below the
/// compiled frames come the runtime's frames gc shows at the bottom of every
/// stack ([`runtime_frames`]), so that code walking up to them (the testing
/// package's helper search) finds more frames where gc's does.
///
/// # Safety
/// Called by compiled Go code (the goroutine stands in this runtime call);
/// `pcs` points at `len` writable words.
#[no_mangle]
pub unsafe extern "C" fn rgo_callers(skip: i64, pcs: *mut usize, len: i64, _cap: i64) -> i64 {
    let (mut skip, len) = (skip.max(0) as usize, len.max(0) as usize);
    let mut n = 0;
    // SAFETY: the current goroutine stands in this call.
    unsafe {
        for_each_caller(current_g(), |pc| {
            if skip > 0 {
                skip -= 1;
            } else if n < len {
                // SAFETY: `pcs` has room for `len` words.
                *pcs.add(n) = pc;
                n += 1;
            }
        })
    };
    n as i64
}

/// Gives `put` the code address of each of `g`'s frames, innermost first,
/// as [`rgo_callers`] stores them (without its skip): the compiled
/// frames' logical frames, then the runtime's bottom frames.
///
/// # Safety
/// `g` is the running goroutine standing in a runtime call, or a parked
/// one (its frames do not change during the walk).
pub(crate) unsafe fn for_each_caller(g: *mut G, mut put: impl FnMut(usize)) {
    // SAFETY: as the caller promises; the walk reads `g`'s live frames.
    let walked = unsafe {
        walk_frames(g, |f, _, _, pc| {
            // A call inlined into the function is a frame of its own, as in
            // gc: the return address stands for it and an address in the
            // caller's code at the call's line for the caller.
            let ret = pc & !FAULT_TAG;
            let mut fr = [LogicalFrame { func: f, line: 0, pc: 0 }; 2];
            let count = f.logical_frames(ret.wrapping_sub(1), ret, &mut fr);
            for l in &fr[..count] {
                // Code the compiler generated without a source (the wrappers of
                // `go` and `defer` calls, the program's entry) is passed over,
                // as gc's Callers passes over wrappers.
                if !l.func.file().is_empty() {
                    put(l.pc);
                }
            }
        })
    };
    // SAFETY: a goroutine record.
    if walked.is_ok() && !unsafe { (*g).system } {
        let main = g == crate::g::main_g();
        for (f, addr) in runtime_frames() {
            if main || !core::ptr::eq(f, &RUNTIME_MAIN) {
                put(addr + 1);
            }
        }
    }
}

/// A runtime function gc's tracebacks show that rgo's runtime (Rust) has no
/// compiled record for: a record of its own, at a code address of the rt-core
/// function that plays its part.
struct RuntimeFrame(GcFunc);

// SAFETY: the record is never written; its pointers are to static bytes.
unsafe impl Sync for RuntimeFrame {}

impl RuntimeFrame {
    const fn new(name: &'static [u8]) -> RuntimeFrame {
        RuntimeFrame(GcFunc { name: name.as_ptr(), name_len: name.len() as u32, ..GcFunc::EMPTY })
    }
}

/// `runtime.main`, below the main goroutine's first frame in gc (rgo's
/// program entry runs the package initialisers and `main.main`).
static RUNTIME_MAIN: RuntimeFrame = RuntimeFrame::new(b"runtime.main");
/// `runtime.goexit`, the bottom frame of every goroutine in gc.
static RUNTIME_GOEXIT: RuntimeFrame = RuntimeFrame::new(b"runtime.goexit");

/// The runtime frames below a goroutine's compiled frames, innermost first,
/// each with the code address it stands for: `runtime.main` (below the main
/// goroutine's frames only) at [`crate::sched::start_main`], `runtime.goexit` at
/// `rgo_goexit`. [`rgo_callers`] gives each as the address + 1, as a return
/// address.
fn runtime_frames() -> [(&'static RuntimeFrame, usize); 2] {
    [(&RUNTIME_MAIN, crate::sched::runtime_main_pc()), (&RUNTIME_GOEXIT, crate::sched::rgo_goexit as *const () as usize)]
}

/// `runtime.FuncForPC`: the compiled function whose code holds `pc`, or
/// null. The record is static: a `*runtime.Func` is a pointer to it. The
/// code addresses [`rgo_callers`] gives the runtime's frames get those
/// frames' records.
#[no_mangle]
pub extern "C" fn rgo_func_for_pc(pc: usize) -> *const GcFunc {
    if let Some(f) = lookup(pc) {
        // The innermost function there, as gc's: an inlined call's record
        // where the compiler copied a function in.
        return f.innermost(pc);
    }
    runtime_frames().into_iter().find(|&(_, addr)| pc == addr || pc == addr + 1).map_or(core::ptr::null(), |(f, _)| &f.0)
}

/// A static byte string as a Go string.
fn go_string(b: &'static [u8]) -> GoString {
    GoString { ptr: b.as_ptr(), len: b.len() }
}

/// `(*runtime.Func).Name`.
///
/// # Safety
/// `f` is null or a record [`rgo_func_for_pc`] returned.
#[no_mangle]
pub unsafe extern "C" fn rgo_func_name(f: *const GcFunc) -> GoString {
    // SAFETY: as the caller promises.
    unsafe { f.as_ref() }.map_or(GoString::EMPTY, |f| go_string(f.name()))
}

/// The source file of `(*runtime.Func).FileLine`.
///
/// # Safety
/// As for [`rgo_func_name`].
#[no_mangle]
pub unsafe extern "C" fn rgo_func_file(f: *const GcFunc) -> GoString {
    // SAFETY: as the caller promises.
    unsafe { f.as_ref() }.map_or(GoString::EMPTY, |f| go_string(f.file()))
}

/// The line of `(*runtime.Func).FileLine` for code address `pc` of `f`.
///
/// # Safety
/// As for [`rgo_func_name`].
#[no_mangle]
pub unsafe extern "C" fn rgo_func_line(f: *const GcFunc, pc: usize) -> i64 {
    // SAFETY: as the caller promises.
    unsafe { f.as_ref() }.map_or(0, |f| f.line_at(pc) as i64)
}

/// The code address [`rgo_callers`] gives for the caller a call was inlined
/// into, when `pc` (as `rgo_callers` gives it) is in that inlined call's
/// code; 0 otherwise. runtime/pprof's `runtime_expandFinalInlineFrame`
/// adds it to a stack cut off after `pc`.
#[no_mangle]
pub extern "C" fn rgo_inline_parent(pc: usize) -> usize {
    let Some(f) = lookup(pc.wrapping_sub(1)) else { return 0 };
    let mut fr = [LogicalFrame { func: f, line: 0, pc: 0 }; 2];
    match f.logical_frames(pc.wrapping_sub(1), pc, &mut fr) {
        2 => fr[1].pc,
        _ => 0,
    }
}

/// internal/abi's `FuncPCABIInternal(f)` and `FuncPCABI0(f)` (gc's
/// compiler works them out): the code address a func value starts at,
/// the first word of the closure it points to (`f` an `any` holding a
/// func: its type, then the func value's pointer); 0 for a nil func.
///
/// # Safety
/// `f` is null or a func value (a closure's address).
#[no_mangle]
pub unsafe extern "C" fn rgo_func_pc(_typ: *const (), f: *const usize) -> usize {
    // SAFETY: as the caller promises.
    unsafe { f.as_ref() }.copied().unwrap_or(0)
}

/// `(*runtime.Func).Entry`.
///
/// # Safety
/// As for [`rgo_func_name`].
#[no_mangle]
pub unsafe extern "C" fn rgo_func_entry(f: *const GcFunc) -> usize {
    if let Some((_, addr)) = runtime_frames().into_iter().find(|&(rf, _)| core::ptr::eq(f, &rf.0)) {
        return addr;
    }
    // SAFETY: as the caller promises.
    unsafe { f.as_ref() }.map_or(0, |f| f.compiled().start)
}
