//! `debug.WriteHeapDump`: the heap, the goroutines and the roots in gc's
//! heap dump format ("go1.7 heap dump", the format Go 1.19's runtime
//! writes and the Go wiki's "heapdump15" page describes), written while no
//! other goroutine runs (the caller stands in a runtime call; M:1).
//!
//! Every record is a tag and fields: unsigned LEB128 integers, strings and
//! byte ranges as a length and the bytes, booleans as 0 or 1, and lists of
//! pointer fields as (kind, offset) pairs ended by kind 0. What rgo writes:
//!
//! | record | from |
//! |---|---|
//! | params | byte order, word size, the heap's arena, GOARCH, the Go version, CPUs (package runtime's) |
//! | object | every allocated heap object, its bytes and its pointer words (the heap's pointer bits) |
//! | goroutine, stack frame | each goroutine that lives, then its Go frames innermost first, each with its bytes and pointer words (the collector's frame bitmaps) |
//! | defer, panic | each goroutine's deferred calls and running panics |
//! | data | each package-level variable with pointers (the collector's globals table) |
//! | finalizer, queued finalizer | the finalizers set, and those waiting to run |
//! | memstats | `runtime.MemStats`' figures, in gc's order |
//! | memory profile, alloc sample | the memory profile's buckets (stacks as function, file, line) and its sampled objects not yet freed |
//!
//! rgo's dump has no type or itab records (its heap does not record an
//! object's type: gc's has none per object either, only those of itabs and
//! finalizers) and no OS thread records; a goroutine's closure context and
//! thread are 0.

use crate::collector::{self, walk_frames};
use crate::g::{Status, G};
use crate::gc::{self, Heap};
use crate::{os, sched, GoString};
use alloc::vec::Vec;
use rt_arch::RGO_FIXED_FRAME_SIZE;

const TAG_EOF: u64 = 0;
const TAG_OBJECT: u64 = 1;
const TAG_GOROUTINE: u64 = 4;
const TAG_STACK_FRAME: u64 = 5;
const TAG_PARAMS: u64 = 6;
const TAG_FINALIZER: u64 = 7;
const TAG_MEMSTATS: u64 = 10;
const TAG_QUEUED_FINALIZER: u64 = 11;
const TAG_DATA: u64 = 12;
const TAG_DEFER: u64 = 14;
const TAG_PANIC: u64 = 15;
const TAG_MEM_PROF: u64 = 16;
const TAG_ALLOC_SAMPLE: u64 = 17;
const FIELD_EOL: u64 = 0;
const FIELD_PTR: u64 = 1;

/// gc's goroutine statuses (`_Grunnable`...), which the dump records.
fn gc_status(s: u8) -> u64 {
    match s {
        x if x == Status::Runnable as u8 => 1,
        x if x == Status::Running as u8 => 2,
        x if x == Status::Syscall as u8 => 3,
        x if x == Status::Waiting as u8 => 4,
        _ => 6,
    }
}

/// A buffered writer of the dump's encodings to a file descriptor.
struct Dump {
    fd: i32,
    buf: Vec<u8>,
}

impl Dump {
    const FLUSH_AT: usize = 64 << 10;

    fn bytes(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
        if self.buf.len() >= Self::FLUSH_AT {
            self.flush();
        }
    }

    fn flush(&mut self) {
        os::write_all(self.fd, &self.buf);
        self.buf.clear();
    }

    fn uint(&mut self, mut v: u64) {
        let mut b = [0u8; 10];
        let mut n = 0;
        while v >= 0x80 {
            b[n] = v as u8 | 0x80;
            v >>= 7;
            n += 1;
        }
        b[n] = v as u8;
        self.bytes(&b[..=n]);
    }

    fn bool(&mut self, b: bool) {
        self.uint(b as u64);
    }

    fn string(&mut self, s: &[u8]) {
        self.uint(s.len() as u64);
        self.bytes(s);
    }

    /// `len` bytes at `addr`, as a length and the bytes.
    ///
    /// # Safety
    /// `addr..addr + len` must be readable.
    unsafe fn memory(&mut self, addr: usize, len: usize) {
        // SAFETY: as the caller promises.
        self.string(unsafe { core::slice::from_raw_parts(addr as *const u8, len) });
    }

    /// The pointer fields among `words` words whose bitmap (bit `k` as in
    /// the compiler's tables) starts `first` bits in, at `offset` + 8k.
    ///
    /// # Safety
    /// `bitmap` must hold `first + words` bits.
    unsafe fn bitmap_fields(&mut self, offset: usize, words: usize, bitmap: *const u8, first: usize) {
        for k in 0..words {
            let bit = first + k;
            // SAFETY: as the caller promises.
            if unsafe { *bitmap.add(bit / 8) } >> (bit % 8) & 1 != 0 {
                self.uint(FIELD_PTR);
                self.uint((offset + 8 * k) as u64);
            }
        }
    }
}

/// The values package runtime knows and rt-core does not.
#[repr(C)]
pub struct Params {
    pub goarch: GoString,
    pub version: GoString,
    pub ncpu: i64,
}

/// `debug.WriteHeapDump(fd)`: writes the dump to `fd` (errors dropped, as
/// gc drops them), with `params` from package runtime.
///
/// # Safety
/// Called by compiled code, inside a runtime call of the running goroutine
/// (every other goroutine stands at one or has not started); `params`
/// points at a `Params` whose strings are valid.
#[no_mangle]
pub unsafe extern "C" fn rgo_write_heap_dump(fd: usize, params: *const Params) {
    let mut d = Dump { fd: fd as i32, buf: Vec::with_capacity(Dump::FLUSH_AT + 4096) };
    d.bytes(b"go1.7 heap dump\n");
    // SAFETY: as the caller promises.
    let p = unsafe { &*params };
    let (lo, hi) = gc::with_heap(|h| h.arena_range()).unwrap_or((0, 0));
    d.uint(TAG_PARAMS);
    d.bool(cfg!(target_endian = "big"));
    d.uint(8);
    d.uint(lo as u64);
    d.uint(hi as u64);
    // SAFETY: package runtime's strings, as the caller promises.
    unsafe {
        d.string(p.goarch.as_bytes());
        d.string(p.version.as_bytes());
    }
    d.uint(p.ncpu.max(1) as u64);
    gc::with_heap(|h| objects(&mut d, h));
    // SAFETY: as the caller promises: the goroutines stand still.
    unsafe { goroutines(&mut d) };
    data(&mut d);
    collector::for_each_finalizer(|obj, fn_, ftyp, otyp, queued| {
        d.uint(if queued { TAG_QUEUED_FINALIZER } else { TAG_FINALIZER });
        d.uint(obj as u64);
        d.uint(fn_ as u64);
        // SAFETY: a func value's first word is its code.
        d.uint(unsafe { *(fn_ as *const usize) } as u64);
        d.uint(ftyp as u64);
        d.uint(otyp as u64);
    });
    memstats(&mut d);
    memory_profile(&mut d);
    d.uint(TAG_EOF);
    d.flush();
}

/// Every allocated object with its pointer words.
fn objects(d: &mut Dump, h: &mut Heap) {
    h.for_each_object(|addr, size, scan| {
        d.uint(TAG_OBJECT);
        d.uint(addr as u64);
        // SAFETY: an allocated object of the heap.
        unsafe { d.memory(addr, size) };
        if scan {
            for k in 0..size / 8 {
                if h.is_pointer_word(addr + 8 * k) {
                    d.uint(FIELD_PTR);
                    d.uint((8 * k) as u64);
                }
            }
        }
        d.uint(FIELD_EOL);
    });
}

/// Each goroutine that lives, its frames, deferred calls and panics.
///
/// # Safety
/// As for [`rgo_write_heap_dump`].
unsafe fn goroutines(d: &mut Dump) {
    for &g in sched::all_goroutines() {
        // SAFETY: goroutine records stay valid; the others stand still.
        unsafe {
            if (*g).status == Status::Dead as u8 {
                continue;
            }
            d.uint(TAG_GOROUTINE);
            d.uint(g as u64);
            d.uint((*g).go_sp as u64);
            d.uint((*g).goid);
            d.uint((*g).gopc as u64);
            d.uint(gc_status((*g).status));
            d.bool((*g).system);
            d.bool(false);
            d.uint(0);
            d.string((*g).wait_reason().as_bytes());
            d.uint(0);
            d.uint((*g).locked_m as u64);
            d.uint((*g).defer as u64);
            d.uint((*g).panic as u64);
            if collector::is_walkable(g) {
                frames(d, g);
            }
            let mut p = (*g).defer;
            while !p.is_null() {
                d.uint(TAG_DEFER);
                d.uint(p as u64);
                d.uint(g as u64);
                d.uint((*p).frame as u64);
                d.uint((*p).landing as u64);
                d.uint((*p).fn_ as u64);
                d.uint(if (*p).fn_.is_null() { 0 } else { *((*p).fn_ as *const usize) } as u64);
                d.uint((*p).link as u64);
                p = (*p).link;
            }
            let mut p = (*g).panic;
            while !p.is_null() {
                // Panic records live in the runtime's frames on the system stack.
                let rec = sched::system_stack_word(g, p as usize) as *const crate::g::Panic;
                d.uint(TAG_PANIC);
                d.uint(p as u64);
                d.uint(g as u64);
                d.uint((*rec).arg.typ as u64);
                d.uint((*rec).arg.data as u64);
                d.uint(0);
                d.uint((*rec).link as u64);
                p = (*rec).link;
            }
        }
    }
}

/// `g`'s Go frames, innermost first: each one's words from its stack
/// pointer up to its arguments' end, and the pointer words among them.
///
/// # Safety
/// As for [`rgo_write_heap_dump`]; `g` lives and has started.
unsafe fn frames(d: &mut Dump, g: *mut G) {
    let mut depth = 0u64;
    let mut child_sp = 0usize;
    // SAFETY: as the caller promises: the frames stand still.
    let _ = unsafe {
        walk_frames(g, |f, sp, bits, pc| {
            let frame_words = f.frame_size as usize / 8;
            // The frame, its saved frame pointer and return address, the
            // fixed area and the incoming arguments, as the collector
            // scans them.
            let args_at = f.frame_size as usize + 16 + RGO_FIXED_FRAME_SIZE as usize;
            let len = args_at + 8 * f.args_words as usize;
            let at = pc & !collector::FAULT_TAG;
            d.uint(TAG_STACK_FRAME);
            d.uint(sp as u64);
            d.uint(depth);
            d.uint(child_sp as u64);
            d.memory(sp, len);
            d.uint(f.start as u64);
            d.uint(at as u64);
            d.uint(at as u64);
            d.string(f.name());
            d.bitmap_fields(0, frame_words, bits, 0);
            d.bitmap_fields(args_at, f.args_words as usize, f.bitmap, frame_words);
            d.uint(FIELD_EOL);
            depth += 1;
            child_sp = sp;
        })
    };
}

/// Each package-level variable with pointers: its words and pointer fields.
fn data(d: &mut Dump) {
    for gl in crate::gc_tables::globals() {
        d.uint(TAG_DATA);
        d.uint(gl.addr as u64);
        // SAFETY: the compiler's table describes the program's variables,
        // `words` words each, and their bitmaps.
        unsafe {
            d.memory(gl.addr, 8 * gl.words as usize);
            d.bitmap_fields(0, gl.words as usize, gl.bitmap, 0);
        }
        d.uint(FIELD_EOL);
    }
}

/// The memory profile: each bucket with its stack as function, file and
/// line, and the sampled objects not yet freed, by bucket.
fn memory_profile(d: &mut Dump) {
    crate::profile::for_each_mem_bucket(|id, size, stack, allocs, frees| {
        d.uint(TAG_MEM_PROF);
        d.uint(id as u64);
        d.uint(size as u64);
        d.uint(stack.len() as u64);
        for &pc in stack {
            // A code address as runtime.Callers gives it: the
            // instruction is the one before.
            let at = pc.wrapping_sub(1);
            match collector::lookup(at) {
                Some(f) => {
                    let mut fr = [crate::gc_tables::LogicalFrame { func: f, line: 0, pc: 0 }; 2];
                    f.logical_frames(at, pc, &mut fr);
                    d.string(fr[0].func.name());
                    d.string(fr[0].func.file());
                    d.uint(fr[0].line as u64);
                }
                None => {
                    // gc's form for an address no function holds.
                    let mut hex = [0u8; 20];
                    let mut n = hex.len();
                    let mut v = pc;
                    loop {
                        n -= 1;
                        hex[n] = b"0123456789abcdef"[v & 15];
                        v >>= 4;
                        if v == 0 {
                            break;
                        }
                    }
                    let mut name = alloc::vec![b'(', b'0', b'x'];
                    name.extend_from_slice(&hex[n..]);
                    name.push(b')');
                    d.string(&name);
                    d.string(b"?");
                    d.uint(0);
                }
            }
        }
        d.uint(allocs.max(0) as u64);
        d.uint(frees.max(0) as u64);
    });
    crate::profile::for_each_sampled(|obj, id| {
        d.uint(TAG_ALLOC_SAMPLE);
        d.uint(obj as u64);
        d.uint(id as u64);
    });
}

/// `runtime.MemStats`' figures in gc's order.
fn memstats(d: &mut Dump) {
    let mut m = core::mem::MaybeUninit::<collector::MemStats>::zeroed();
    // SAFETY: a zeroed MemStats (plain numbers) to fill.
    let m = unsafe {
        collector::rgo_read_memstats(m.as_mut_ptr());
        m.assume_init()
    };
    d.uint(TAG_MEMSTATS);
    for v in [
        m.alloc,
        m.total_alloc,
        m.sys,
        m.lookups,
        m.mallocs,
        m.frees,
        m.heap_alloc,
        m.heap_sys,
        m.heap_idle,
        m.heap_inuse,
        m.heap_released,
        m.heap_objects,
        m.stack_inuse,
        m.stack_sys,
        m.mspan_inuse,
        m.mspan_sys,
        m.mcache_inuse,
        m.mcache_sys,
        m.buck_hash_sys,
        m.gc_sys,
        m.other_sys,
        m.next_gc,
        m.last_gc,
        m.pause_total_ns,
    ] {
        d.uint(v);
    }
    for v in m.pause_ns {
        d.uint(v);
    }
    d.uint(m.num_gc as u64);
}
