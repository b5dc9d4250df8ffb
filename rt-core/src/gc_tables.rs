//! The collector's tables, as the compiler emits them (`go.gcfuncs`,
//! `go.gcglobals`; layouts `RGO_GCFUNC_*` and `RGO_GCGLOBAL_*` of
//! `rgo_abi.h`): which words of each compiled function's frame and of each
//! package-level variable may hold pointers. The program's entry function
//! hands them over with `rgo_gc_tables` ([`register`]) before anything allocates; the
//! collector reads them through [`funcs`] and [`globals`].

use core::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

/// One compiled function (`RGO_GCFUNC_*`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct GcFunc {
    /// Its first instruction.
    pub start: usize,
    /// One past its last instruction.
    pub end: usize,
    /// Bytes of its frame below the frame pointer (the body's stack
    /// pointer is `FP - frame_size`).
    pub frame_size: u32,
    /// Words of the incoming stack argument area the bitmap describes
    /// (from `FP + 16 + fixed_frame`).
    pub args_words: u32,
    /// `frame_size / 8` frame bits (from the body's stack pointer), then
    /// `args_words` bits; bit `k` is `bitmap[k / 8] >> (k % 8) & 1`. The
    /// frame bits are for a frame stopped at a fault (what a recovery may
    /// still read); the argument bits hold for the whole body.
    pub bitmap: *const u8,
    /// Records in `safe`.
    pub nsafe: usize,
    /// One record per call of the body, by address (null when none).
    pub safe: *const GcSafepoint,
    /// Records in `objs`.
    pub nobj: usize,
    /// The frame's stack objects, by offset (null when none).
    pub objs: *const GcStackObject,
    /// Its Go name (`main.(*T).M`), `name_len` bytes.
    pub name: *const u8,
    pub name_len: u32,
    /// The line it is declared at.
    pub line: u32,
    /// Its source file's path, `file_len` bytes.
    pub file: *const u8,
    pub file_len: u32,
    /// `RGO_GCFUNC_NO_PARAMS`.
    pub flags: u32,
    /// Records in `lines`.
    pub nlines: usize,
    /// The line of each stretch of its code, by address (null when none).
    pub lines: *const GcLine,
    /// Records in `inl` (a compiled function's).
    pub ninl: u32,
    /// 0 for a compiled function; for the record of a call inlined into
    /// one, its index in that function's `inl` + 1.
    pub inl_index: u32,
    /// A compiled function's records of the calls inlined into it (same
    /// layout: the inlined function's name, file, line and flags; `start`
    /// the call site, an instruction of the caller at the call's line;
    /// `end` and `lines` the caller's); an inlined call's record: its
    /// compiled function's.
    pub inl: *const GcFunc,
}

/// Where a source line's code starts in a compiled function (`RGO_GCLINE_*`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct GcLine {
    /// The first instruction of the line's code (up to the next record's).
    pub pc: usize,
    /// The source line.
    pub line: u32,
    /// 0: a line of the function; `k + 1`: of the function its `k`th
    /// inlined call copied in ([`GcFunc::inl`]).
    pub inl: u32,
}

/// One frame as Go sees it at a code address: a compiled function's, or
/// that of a call inlined into it ([`GcFunc::logical_frames`]).
#[derive(Clone, Copy, Debug)]
pub struct LogicalFrame {
    /// The function (a compiled function's record or an inlined call's).
    pub func: &'static GcFunc,
    /// Its source line there.
    pub line: u32,
    /// The code address that stands for the frame in `runtime.Callers`
    /// (a return address: the frame's instruction is the one before it).
    pub pc: usize,
}

impl GcFunc {
    /// A record of no code, no frame and no name: what a record made in
    /// Rust starts from.
    pub const EMPTY: GcFunc = GcFunc {
        start: 0,
        end: 0,
        frame_size: 0,
        args_words: 0,
        bitmap: core::ptr::null(),
        nsafe: 0,
        safe: core::ptr::null(),
        nobj: 0,
        objs: core::ptr::null(),
        name: core::ptr::null(),
        name_len: 0,
        line: 0,
        file: core::ptr::null(),
        file_len: 0,
        flags: 0,
        nlines: 0,
        lines: core::ptr::null(),
        ninl: 0,
        inl_index: 0,
        inl: core::ptr::null(),
    };

    /// The frame's stack objects (see [`GcStackObject`]).
    pub fn stack_objects(&self) -> &'static [GcStackObject] {
        if self.nobj == 0 || self.objs.is_null() {
            return &[];
        }
        // SAFETY: `register` was given records whose `objs` points at
        // `nobj` static records.
        unsafe { core::slice::from_raw_parts(self.objs, self.nobj) }
    }

    /// Its Go name.
    pub fn name(&self) -> &'static [u8] {
        // SAFETY: the compiler's record points at `name_len` static bytes.
        unsafe { static_bytes(self.name, self.name_len as usize) }
    }

    /// Whether it takes no parameters (its receiver included).
    pub fn no_params(&self) -> bool {
        self.flags & rt_arch::RGO_GCFUNC_NO_PARAMS != 0
    }

    /// Whether it keeps no frame (`RGO_GCFUNC_FRAMELESS`): a leaf only a
    /// fault stops in, whose return address is where the call left it
    /// ([`crate::arch::frameless_return`]).
    pub fn frameless(&self) -> bool {
        self.flags & rt_arch::RGO_GCFUNC_FRAMELESS != 0
    }

    /// Its source file's path.
    pub fn file(&self) -> &'static [u8] {
        // SAFETY: the compiler's record points at `file_len` static bytes.
        unsafe { static_bytes(self.file, self.file_len as usize) }
    }

    /// The line record in force at code address `pc` (the last at or
    /// before it), if any: before the first, the prologue is the
    /// declaration's line.
    fn line_record(&self, pc: usize) -> Option<&'static GcLine> {
        if self.nlines == 0 || self.lines.is_null() {
            return None;
        }
        // SAFETY: `register` was given records whose `lines` points
        // at `nlines` static records (an inlined call's are its function's).
        let lines = unsafe { core::slice::from_raw_parts(self.lines, self.nlines) };
        let i = lines.partition_point(|l| l.pc <= pc);
        i.checked_sub(1).map(|i| &lines[i])
    }

    /// The record of the compiled function (itself, unless it is an
    /// inlined call's).
    pub fn compiled(&'static self) -> &'static GcFunc {
        if self.inl_index == 0 || self.inl.is_null() {
            self
        } else {
            // SAFETY: an inlined call's `inl` points at its function's
            // static record.
            unsafe { &*self.inl }
        }
    }

    /// The record of the `k`th call inlined into this compiled function.
    fn inlined(&self, k: u32) -> Option<&'static GcFunc> {
        if k >= self.ninl || self.inl.is_null() || self.inl_index != 0 {
            return None;
        }
        // SAFETY: a compiled function's `inl` points at `ninl` static records.
        Some(unsafe { &*self.inl.add(k as usize) })
    }

    /// The frames Go sees at code address `at` of this compiled function
    /// (the instruction there), innermost first: one per inlined call the
    /// instruction is in, then the function's own; `ret` is what stands for
    /// the innermost in `runtime.Callers` (`at + 1`, or the return address
    /// the walk found). Calls are inlined one level deep, so there are at
    /// most two; `out` has room for those.
    pub fn logical_frames(&'static self, at: usize, ret: usize, out: &mut [LogicalFrame; 2]) -> usize {
        let own = |f: &'static GcFunc, at: usize, pc: usize| {
            let line = f.line_record(at).filter(|l| l.inl == 0).map_or(f.line, |l| l.line);
            LogicalFrame { func: f, line, pc }
        };
        match self.line_record(at).filter(|l| l.inl != 0).and_then(|l| Some((l, self.inlined(l.inl - 1)?))) {
            Some((l, call)) => {
                out[0] = LogicalFrame { func: call, line: l.line, pc: ret };
                // The call site: an instruction of the caller's, before the
                // inlined code, at the line of the call.
                out[1] = own(self, call.start, call.start + 1);
                2
            }
            None => {
                out[0] = own(self, at, ret);
                1
            }
        }
    }

    /// The innermost function at code address `at` of this compiled
    /// function: the inlined call's whose code holds it, else itself.
    pub fn innermost(&'static self, at: usize) -> &'static GcFunc {
        let mut fr = [LogicalFrame { func: self, line: 0, pc: 0 }; 2];
        self.logical_frames(at, at + 1, &mut fr);
        fr[0].func
    }

    /// The source line of the instruction at code address `pc` in this
    /// function: for a compiled function, that of its own code there (the
    /// call's line if `pc` is in a call inlined into it); for an inlined
    /// call's record, the inlined function's line there (its declaration's
    /// line if `pc` is not in its code).
    pub fn line_at(&'static self, pc: usize) -> u32 {
        let f = self.compiled();
        let mut fr = [LogicalFrame { func: f, line: 0, pc: 0 }; 2];
        let n = f.logical_frames(pc, pc + 1, &mut fr);
        fr[..n].iter().find(|l| core::ptr::eq(l.func, self)).map_or(self.line, |l| l.line)
    }

    /// The safepoint records.
    fn safepoints(&self) -> &'static [GcSafepoint] {
        if self.nsafe == 0 || self.safe.is_null() {
            return &[];
        }
        // SAFETY: `register` was given records whose `safe` points at
        // `nsafe` static records.
        unsafe { core::slice::from_raw_parts(self.safe, self.nsafe) }
    }

    /// The frame bitmap for a frame stopped in a call whose return address
    /// is `ret`: that of the first safepoint at or after `ret`, else the
    /// fault bitmap. `in_call`: the frame is the innermost of its run of
    /// Go frames (it stands in a runtime call, or in the prologue of a Go
    /// callee that has no frame yet), so the call's operands count.
    pub fn frame_bitmap(&self, ret: usize, in_call: bool) -> *const u8 {
        let safe = self.safepoints();
        let i = safe.partition_point(|s| s.pc < ret);
        safe.get(i).map_or(self.bitmap, |s| if in_call { s.call_bitmap } else { s.bitmap })
    }
}

/// One call of a compiled function (`RGO_GCSAFE_*`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct GcSafepoint {
    /// The code address right after the call's instruction sequence: the
    /// call's return address lies at or before it, after the previous
    /// safepoint's.
    pub pc: usize,
    /// `frame_size / 8` frame bits (as in [`GcFunc::bitmap`]): the words
    /// that may hold pointers still needed after the call, for a frame
    /// whose callee runs in a frame of its own.
    pub bitmap: *const u8,
    /// Those of `bitmap` and the call's operands: the callee has no frame
    /// (a runtime call, or a Go callee stopped in its prologue), so its
    /// arguments exist only in this frame.
    pub call_bitmap: *const u8,
}

/// `len` bytes at `ptr` (none when null).
///
/// # Safety
/// `ptr` must be null or point at `len` bytes that live and do not change
/// for the rest of the program.
unsafe fn static_bytes(ptr: *const u8, len: usize) -> &'static [u8] {
    if ptr.is_null() || len == 0 {
        return &[];
    }
    // SAFETY: as the caller promises.
    unsafe { core::slice::from_raw_parts(ptr, len) }
}

/// One stack object of a compiled function (`RGO_GCOBJ_*`): a variable of
/// its frame whose address is taken. The safepoint bitmaps describe it
/// only where the code still reads it directly; elsewhere the collector
/// scans it when a pointer it follows points into it, as gc does, so that
/// an object reachable only from it dies when the last pointer to the
/// variable does.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct GcStackObject {
    /// Its first byte, from the body's stack pointer.
    pub offset: u32,
    /// Its size in words (rounded up), as many bits in `bitmap`.
    pub words: u32,
    /// `words` bits, bit `k` as in [`GcFunc::bitmap`].
    pub bitmap: *const u8,
}

/// One package-level variable that can hold pointers (`RGO_GCGLOBAL_*`).
#[repr(C)]
#[derive(Debug)]
pub struct GcGlobal {
    /// The variable's address.
    pub addr: usize,
    /// Words the bitmap describes (the variable's words up to its last
    /// pointer word).
    pub words: u64,
    /// `words` bits, bit `k` as in [`GcFunc::bitmap`].
    pub bitmap: *const u8,
}

const _: () = {
    use core::mem::{offset_of, size_of};
    use rt_arch::*;
    assert!(offset_of!(GcFunc, start) == RGO_GCFUNC_START as usize);
    assert!(offset_of!(GcFunc, end) == RGO_GCFUNC_END as usize);
    assert!(offset_of!(GcFunc, frame_size) == RGO_GCFUNC_FRAME_SIZE as usize);
    assert!(offset_of!(GcFunc, args_words) == RGO_GCFUNC_ARGS_WORDS as usize);
    assert!(offset_of!(GcFunc, bitmap) == RGO_GCFUNC_BITMAP as usize);
    assert!(offset_of!(GcFunc, nsafe) == RGO_GCFUNC_NSAFE as usize);
    assert!(offset_of!(GcFunc, safe) == RGO_GCFUNC_SAFE as usize);
    assert!(offset_of!(GcFunc, nobj) == RGO_GCFUNC_NOBJ as usize);
    assert!(offset_of!(GcFunc, objs) == RGO_GCFUNC_OBJS as usize);
    assert!(offset_of!(GcFunc, name) == RGO_GCFUNC_NAME as usize);
    assert!(offset_of!(GcFunc, name_len) == RGO_GCFUNC_NAME_LEN as usize);
    assert!(offset_of!(GcFunc, line) == RGO_GCFUNC_LINE as usize);
    assert!(offset_of!(GcFunc, file) == RGO_GCFUNC_FILE as usize);
    assert!(offset_of!(GcFunc, file_len) == RGO_GCFUNC_FILE_LEN as usize);
    assert!(offset_of!(GcFunc, flags) == RGO_GCFUNC_FLAGS as usize);
    assert!(offset_of!(GcFunc, nlines) == RGO_GCFUNC_NLINES as usize);
    assert!(offset_of!(GcFunc, lines) == RGO_GCFUNC_LINES as usize);
    assert!(offset_of!(GcFunc, ninl) == RGO_GCFUNC_NINL as usize);
    assert!(offset_of!(GcFunc, inl_index) == RGO_GCFUNC_INL_INDEX as usize);
    assert!(offset_of!(GcFunc, inl) == RGO_GCFUNC_INL as usize);
    assert!(offset_of!(GcLine, pc) == RGO_GCLINE_PC as usize);
    assert!(offset_of!(GcLine, line) == RGO_GCLINE_LINE as usize);
    assert!(offset_of!(GcLine, inl) == RGO_GCLINE_INL as usize);
    assert!(size_of::<GcLine>() == RGO_GCLINE_SIZE as usize);
    assert!(size_of::<GcFunc>() == RGO_GCFUNC_SIZE as usize);
    assert!(offset_of!(GcStackObject, offset) == RGO_GCOBJ_OFFSET as usize);
    assert!(offset_of!(GcStackObject, words) == RGO_GCOBJ_WORDS as usize);
    assert!(offset_of!(GcStackObject, bitmap) == RGO_GCOBJ_BITMAP as usize);
    assert!(size_of::<GcStackObject>() == RGO_GCOBJ_SIZE as usize);
    assert!(offset_of!(GcSafepoint, pc) == RGO_GCSAFE_PC as usize);
    assert!(offset_of!(GcSafepoint, bitmap) == RGO_GCSAFE_BITMAP as usize);
    assert!(offset_of!(GcSafepoint, call_bitmap) == RGO_GCSAFE_CALL_BITMAP as usize);
    assert!(size_of::<GcSafepoint>() == RGO_GCSAFE_SIZE as usize);
    assert!(offset_of!(GcGlobal, addr) == RGO_GCGLOBAL_ADDR as usize);
    assert!(offset_of!(GcGlobal, words) == RGO_GCGLOBAL_WORDS as usize);
    assert!(offset_of!(GcGlobal, bitmap) == RGO_GCGLOBAL_BITMAP as usize);
    assert!(size_of::<GcGlobal>() == RGO_GCGLOBAL_SIZE as usize);
};

static FUNCS: AtomicPtr<GcFunc> = AtomicPtr::new(core::ptr::null_mut());
static NFUNCS: AtomicUsize = AtomicUsize::new(0);
static GLOBALS: AtomicPtr<GcGlobal> = AtomicPtr::new(core::ptr::null_mut());
static NGLOBALS: AtomicUsize = AtomicUsize::new(0);

/// Records the program's tables (for `rgo_gc_tables`, the entry point in
/// [`crate::collector`], which then lets collections start). The function
/// records are an array the linker gathers from every object of the
/// program, from `funcs` up to `funcs_end`.
///
/// # Safety
/// `funcs` must point at the records up to `funcs_end` (a whole number of
/// them; the two equal when there are none) and `globals` at `nglobals`
/// (dangling when that is 0), static and never written again, their bitmaps as long as the records say, each function's
/// safepoint records `nsafe` static ones sorted by `pc`, its stack objects
/// `nobj` static ones inside its frame.
pub unsafe fn register(funcs: *const GcFunc, funcs_end: *const GcFunc, globals: *const GcGlobal, nglobals: usize) {
    let nfuncs = (funcs_end as usize - funcs as usize) / core::mem::size_of::<GcFunc>();
    // The counts are published after the pointers: a reader that sees a
    // count sees its table (Release here, Acquire in the accessors).
    // The collector looks functions up by address: the compiler emits them
    // in the order of its text, which the linker keeps; should it not,
    // a sorted copy serves.
    let mut funcs = funcs;
    if nfuncs > 1 {
        // SAFETY: as the caller promises.
        let given = unsafe { core::slice::from_raw_parts(funcs, nfuncs) };
        if !given.windows(2).all(|w| w[0].start <= w[1].start) {
            let mut v = given.to_vec();
            v.sort_unstable_by_key(|f| f.start);
            funcs = alloc::boxed::Box::leak(v.into_boxed_slice()).as_ptr();
        }
    }
    FUNCS.store(funcs.cast_mut(), Ordering::Relaxed);
    GLOBALS.store(globals.cast_mut(), Ordering::Relaxed);
    NFUNCS.store(nfuncs, Ordering::Release);
    NGLOBALS.store(nglobals, Ordering::Release);
}

/// The compiled functions' records (empty before [`register`]).
pub fn funcs() -> &'static [GcFunc] {
    let n = NFUNCS.load(Ordering::Acquire);
    let p = FUNCS.load(Ordering::Relaxed);
    if n == 0 || p.is_null() {
        return &[];
    }
    // SAFETY: `register` was given `n` static records at `p`.
    unsafe { core::slice::from_raw_parts(p, n) }
}

/// The package-level variables' records (empty before [`register`]).
pub fn globals() -> &'static [GcGlobal] {
    let n = NGLOBALS.load(Ordering::Acquire);
    let p = GLOBALS.load(Ordering::Relaxed);
    if n == 0 || p.is_null() {
        return &[];
    }
    // SAFETY: `register` was given `n` static records at `p`.
    unsafe { core::slice::from_raw_parts(p, n) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_the_tables() {
        static BITS: [u8; 1] = [0b101];
        let f = [GcFunc { start: 0x1000, end: 0x1040, frame_size: 16, args_words: 1, bitmap: BITS.as_ptr(), ..GcFunc::EMPTY }];
        let f: &'static [GcFunc] = alloc::boxed::Box::leak(alloc::boxed::Box::new(f));
        // SAFETY: a leaked (static) record; no globals.
        unsafe { register(f.as_ptr(), f.as_ptr_range().end, core::ptr::null(), 0) };
        assert_eq!(funcs().len(), 1);
        assert_eq!(funcs()[0].end, 0x1040);
        assert!(globals().is_empty());
    }

    #[test]
    fn frame_bitmap_by_safepoint() {
        static WHOLE: [u8; 1] = [0b11];
        static A: [u8; 1] = [0b01];
        static B: [u8; 1] = [0b10];
        struct Safe([GcSafepoint; 2]);
        // SAFETY: the pointers are to immutable statics.
        unsafe impl Sync for Safe {}
        static SAFE: Safe = Safe([
            GcSafepoint { pc: 0x1010, bitmap: A.as_ptr(), call_bitmap: WHOLE.as_ptr() },
            GcSafepoint { pc: 0x1020, bitmap: B.as_ptr(), call_bitmap: WHOLE.as_ptr() },
        ]);
        struct Lines([GcLine; 2]);
        static LINES: Lines = Lines([GcLine { pc: 0x1008, line: 7, inl: 0 }, GcLine { pc: 0x1018, line: 9, inl: 0 }]);
        let f: &'static GcFunc = alloc::boxed::Box::leak(alloc::boxed::Box::new(GcFunc {
            start: 0x1000,
            end: 0x1040,
            frame_size: 16,
            args_words: 0,
            bitmap: WHOLE.as_ptr(),
            nsafe: 2,
            safe: SAFE.0.as_ptr(),
            nobj: 0,
            objs: core::ptr::null(),
            name: b"main.f".as_ptr(),
            name_len: 6,
            line: 5,
            file: b"/src/f.go".as_ptr(),
            file_len: 9,
            flags: 0,
            nlines: 2,
            lines: LINES.0.as_ptr(),
            ..GcFunc::EMPTY
        }));
        assert_eq!((f.name(), f.file()), (&b"main.f"[..], &b"/src/f.go"[..]));
        // The prologue is the declaration's line; then each record's from its pc on.
        assert_eq!((f.line_at(0x1000), f.line_at(0x1008), f.line_at(0x1017), f.line_at(0x1018), f.line_at(0x1030)), (5, 7, 7, 9, 9));
        assert_eq!(f.frame_bitmap(0x1008, false), A.as_ptr());
        assert_eq!(f.frame_bitmap(0x1010, false), A.as_ptr());
        assert_eq!(f.frame_bitmap(0x1011, false), B.as_ptr());
        assert_eq!(f.frame_bitmap(0x1020, false), B.as_ptr());
        assert_eq!(f.frame_bitmap(0x1020, true), WHOLE.as_ptr());
        // Past the last call: no safepoint covers it.
        assert_eq!(f.frame_bitmap(0x1021, false), WHOLE.as_ptr());
    }

    /// A call inlined into `main.f` at 0x1010..0x1020 (call site: the nop
    /// at 0x100c, line 7): its code is `main.g`'s lines 20 and 21, then
    /// `main.f`'s line 8 again.
    #[test]
    fn inlined_calls_are_frames_of_their_own() {
        struct Lines([GcLine; 4]);
        static LINES: Lines = Lines([
            GcLine { pc: 0x1008, line: 7, inl: 0 },
            GcLine { pc: 0x1010, line: 20, inl: 1 },
            GcLine { pc: 0x1018, line: 21, inl: 1 },
            GcLine { pc: 0x1020, line: 8, inl: 0 },
        ]);
        let f: &'static mut GcFunc = alloc::boxed::Box::leak(alloc::boxed::Box::new(GcFunc {
            start: 0x1000,
            end: 0x1040,
            name: b"main.f".as_ptr(),
            name_len: 6,
            line: 5,
            nlines: 4,
            lines: LINES.0.as_ptr(),
            ninl: 1,
            ..GcFunc::EMPTY
        }));
        let g: &'static GcFunc = alloc::boxed::Box::leak(alloc::boxed::Box::new(GcFunc {
            start: 0x100c,
            end: 0x1040,
            name: b"main.g".as_ptr(),
            name_len: 6,
            line: 19,
            nlines: 4,
            lines: LINES.0.as_ptr(),
            inl_index: 1,
            inl: f as *const GcFunc,
            ..GcFunc::EMPTY
        }));
        f.inl = g;
        let f: &'static GcFunc = f;
        let mut fr = [LogicalFrame { func: f, line: 0, pc: 0 }; 2];
        // In the inlined code: g's frame (the return address), then f's at
        // the call site (the nop's address + 1), on the call's line.
        assert_eq!(f.logical_frames(0x1019, 0x101a, &mut fr), 2);
        assert!(core::ptr::eq(fr[0].func, g) && fr[0].line == 21 && fr[0].pc == 0x101a);
        assert!(core::ptr::eq(fr[1].func, f) && fr[1].line == 7 && fr[1].pc == 0x100d);
        // Outside it: f's own frame.
        assert_eq!(f.logical_frames(0x1022, 0x1023, &mut fr), 1);
        assert!(core::ptr::eq(fr[0].func, f) && fr[0].line == 8);
        assert_eq!(f.logical_frames(0x100c, 0x100d, &mut fr), 1);
        assert!(core::ptr::eq(fr[0].func, f) && fr[0].line == 7);
        // FuncForPC's innermost function, and each record's lines.
        assert!(core::ptr::eq(f.innermost(0x1010), g) && core::ptr::eq(f.innermost(0x1020), f));
        assert_eq!((g.line_at(0x1010), g.line_at(0x1018), g.line_at(0x1030)), (20, 21, 19));
        assert_eq!((f.line_at(0x1010), f.line_at(0x1030)), (7, 8));
        assert!(core::ptr::eq(g.compiled(), f) && core::ptr::eq(f.compiled(), f));
    }
}
