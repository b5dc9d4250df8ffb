//! Go maps: a Swiss table (open addressing over groups of eight slots,
//! each with a control byte), hashed and compared through the key's type
//! descriptor. docs/maps.md explains the design and why it was chosen.
//!
//! A map value is one word, a pointer to a [`Map`] (nil for a nil map);
//! compiled code reads `len(m)` from the first word of the [`Map`]. Its
//! table is one array of groups, each laid out as the Go struct
//!
//! ```text
//! struct { ctrl uint64; keys [8]K; elems [8]V }
//! ```
//!
//! whose descriptor ([`group_type`]) is what the table is allocated as,
//! so a precise collector can scan it. Control byte `i` (byte `i` of
//! `ctrl`, little-endian) says what slot `i` holds: [`EMPTY`], [`DELETED`]
//! (a tombstone), or the low seven bits of the key's hash (full).
//!
//! Iteration follows Go's rules under mutation: entries present for the
//! whole loop are produced once each, deleted entries not yet reached are
//! not produced, inserted entries may or may not be. A table is never
//! rearranged in place: growing (or clearing tombstones) moves the entries
//! into a new array, and an iterator that started on the old array keeps
//! walking it, looking each key up in the current table to see whether it
//! is still there and what its value is now.

use crate::g::ThreadHead;
use crate::heap::{go_alloc, persistent_alloc};
use crate::iface::{comparable, mem_eq};
use crate::rterror::panic_error_text;
use crate::GoString;
use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use core::ptr;
use core::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use reflect::types::{
    ArrayType, EmptyInterface, Kind, List, MapType, NonEmptyInterface, Str, StructField, StructType, TFlag, Type,
    TypeRef, UINT64,
};

/// Slots per group.
const SLOTS: usize = 8;
/// Control byte of a slot that never held an entry since the table was made.
pub const EMPTY: u8 = 0x80;
/// Control byte of a slot whose entry was deleted (a tombstone: lookups
/// probe past it).
pub const DELETED: u8 = 0xFE;
const LSB: u64 = 0x0101_0101_0101_0101;
const MSB: u64 = 0x8080_8080_8080_8080;

/// How keys of a map type are hashed and compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
enum KeyClass {
    /// Booleans, integers, pointers, channels: their bytes.
    Bytes,
    /// Strings: their contents.
    Str,
    /// Anything else (floats, complex, interfaces, arrays, structs):
    /// walked through the descriptor.
    Typed,
}

/// The runtime's map (Go's `hmap`).
#[repr(C)]
pub struct Map {
    /// Live entries: `len(m)`. Compiled code reads this word.
    pub count: usize,
    /// The array of `mask + 1` groups; null until the first insert.
    groups: *mut u8,
    /// Number of groups minus one (a power of two minus one).
    mask: usize,
    /// Inserts into empty slots left before the table must grow.
    growth_left: usize,
    /// This map's hash seed.
    seed: u64,
    typ: &'static MapType,
    /// The group layout (from [`group_type`]).
    group: &'static Type,
    /// Sizes of a group, a key and an element, and where a group's
    /// elements start (kept here: every probe uses them).
    group_size: usize,
    key_size: usize,
    elem_size: usize,
    elems_off: usize,
    class: KeyClass,
    /// Concurrent use (gc's `hashWriting`): [`WRITING`] while a write runs,
    /// and what a lockless operation saw of another thread's ([`SAW_WRITE`],
    /// ...), for the next locked one to throw.
    flags: AtomicU8,
}

/// [`Map::flags`]: a write (insert or delete) is under way.
const WRITING: u8 = 1;
/// [`Map::flags`]: a lockless write met another thread's.
const SAW_WRITE: u8 = 2;
/// [`Map::flags`]: a lockless read met a write of another thread.
const SAW_READ: u8 = 4;
/// [`Map::flags`]: a lockless iteration step met a write of another thread.
const SAW_ITERATE: u8 = 8;

/// What an operation does to a map, for the detection of concurrent use
/// (gc's messages).
#[derive(Clone, Copy)]
enum Use {
    Read,
    Write,
    Iterate,
}

impl Use {
    /// The [`Map::flags`] bit a lockless operation of this kind sets when
    /// it meets a write of another thread.
    fn saw(self) -> u8 {
        match self {
            Use::Read => SAW_READ,
            Use::Write => SAW_WRITE,
            Use::Iterate => SAW_ITERATE,
        }
    }
}

/// Throws gc's fatal error for a map used by two threads at once: what a
/// lockless operation saw (`flags`), else a write under way that `u` met.
#[cold]
#[inline(never)]
fn concurrent_use(flags: u8, u: Use) -> ! {
    let seen = if flags & SAW_WRITE != 0 {
        Use::Write
    } else if flags & SAW_READ != 0 {
        Use::Read
    } else if flags & SAW_ITERATE != 0 {
        Use::Iterate
    } else {
        u
    };
    crate::fatal::fatal(match seen {
        Use::Read => "concurrent map read and map write",
        Use::Write => "concurrent map writes",
        Use::Iterate => "concurrent map iteration and map write",
    })
}

/// An iteration in progress (Go's `hiter`): compiled code reserves
/// [`ITER_SIZE`] bytes for it in its frame and reads `key` and `elem`.
#[repr(C)]
pub struct Iter {
    /// The current key, null when the iteration is over.
    pub key: *const u8,
    /// The current element.
    pub elem: *const u8,
    map: *mut Map,
    /// The group array being walked (the map's at the start).
    groups: *mut u8,
    mask: usize,
    /// First slot visited: a random group and a random slot in it.
    start_group: usize,
    start_slot: usize,
    /// Slots visited so far.
    done: usize,
}

/// Bytes compiled code reserves for an [`Iter`] (toolchain's
/// `runtime_abi::MAP_ITER_SIZE`).
pub const ITER_SIZE: usize = 64;
const _: () = assert!(core::mem::size_of::<Iter>() == ITER_SIZE);

// ---- randomness ------------------------------------------------------------

/// The process's random state (0: not seeded yet).
static RAND: AtomicU64 = AtomicU64::new(0);
const P0: u64 = 0xa076_1d64_78bd_642f;
const P1: u64 = 0xe703_7ed1_a0b4_28db;
const P2: u64 = 0x8ebc_6af0_9c88_c6e3;

/// The folded 128-bit product: the mixing step of every hash here.
#[inline(always)]
fn fold(a: u64, b: u64) -> u64 {
    let r = (a as u128).wrapping_mul(b as u128);
    (r as u64) ^ ((r >> 64) as u64)
}

/// A seed for the process from the kernel (a fixed one mixed with an
/// address when the kernel gives none, so that ASLR still varies it).
fn seed_from_os() -> u64 {
    let mut b = [0u8; 8];
    let s = if crate::os::random_bytes(&mut b) { u64::from_le_bytes(b) } else { &b as *const _ as u64 ^ P2 };
    s | 1
}

/// A random number (Go's `fastrand`): a counter stepped by an odd
/// constant, mixed; seeded from the kernel on first use.
pub fn fastrand() -> u64 {
    let mut s = RAND.load(Ordering::Relaxed);
    if s == 0 {
        let _ = RAND.compare_exchange(0, seed_from_os(), Ordering::Relaxed, Ordering::Relaxed);
    }
    s = RAND.fetch_add(P0, Ordering::Relaxed).wrapping_add(P0);
    fold(s, s ^ P1)
}

// ---- hashing -----------------------------------------------------------------

/// Hash of one 64-bit word.
#[inline(always)]
fn hash_word(x: u64, seed: u64) -> u64 {
    fold(x ^ seed ^ P1, P0 ^ seed.rotate_left(29))
}

/// Reads `n` bytes (1 to 8) at `p` as one word without a byte loop: two
/// overlapping 4-byte reads from 4 bytes up, else the first, middle and
/// last byte (every byte of a 1-3 byte string is one of them).
///
/// # Safety
/// `p` must be readable for `n` bytes, `1 <= n <= 8`.
#[inline(always)]
unsafe fn tail_word(p: *const u8, n: usize) -> u64 {
    // SAFETY: every read is within the `n` bytes at `p`.
    unsafe {
        if n >= 4 {
            let lo = (p as *const u32).read_unaligned() as u64;
            let hi = (p.add(n - 4) as *const u32).read_unaligned() as u64;
            lo | hi << 32
        } else {
            (*p as u64) | (*p.add(n / 2) as u64) << 8 | (*p.add(n - 1) as u64) << 16
        }
    }
}

/// Whether the `n` bytes at `a` and `b` are equal; short runs without a
/// call to `memcmp`.
///
/// # Safety
/// Both must be readable for `n` bytes.
#[inline(always)]
unsafe fn bytes_eq(a: *const u8, b: *const u8, n: usize) -> bool {
    // SAFETY: every read is within the `n` bytes at `a` and `b`.
    unsafe {
        match n {
            0 => true,
            1..=8 => tail_word(a, n) == tail_word(b, n),
            9..=16 => {
                let rd = |p: *const u8, i: usize| (p.add(i) as *const u64).read_unaligned();
                rd(a, 0) == rd(b, 0) && rd(a, n - 8) == rd(b, n - 8)
            }
            _ => core::slice::from_raw_parts(a, n) == core::slice::from_raw_parts(b, n),
        }
    }
}

/// Whether the Go string at `slot` is the `len` bytes at `ptr`.
///
/// # Safety
/// `slot` must point at a Go string, `ptr` be readable for `len` bytes.
#[inline(always)]
unsafe fn str_eq(slot: *const u8, ptr: *const u8, len: usize) -> bool {
    // SAFETY: as the caller promises; a string's bytes are readable.
    unsafe {
        let s = (slot as *const GoString).read_unaligned();
        s.len == len && (s.ptr == ptr || bytes_eq(s.ptr, ptr, len))
    }
}

/// Copies a key or element of `n` bytes; one move for the common sizes.
///
/// # Safety
/// As for `ptr::copy_nonoverlapping`.
#[inline(always)]
unsafe fn copy_value(src: *const u8, dst: *mut u8, n: usize) {
    // SAFETY: as the caller promises.
    unsafe {
        match n {
            8 => (dst as *mut u64).write_unaligned((src as *const u64).read_unaligned()),
            16 => (dst as *mut u128).write_unaligned((src as *const u128).read_unaligned()),
            _ => ptr::copy_nonoverlapping(src, dst, n),
        }
    }
}

/// Hash of `n` bytes at `p`: short keys (up to 8 bytes, most string keys
/// of a program) inline, longer ones in [`hash_long`].
///
/// # Safety
/// `p` must be readable for `n` bytes.
#[inline(always)]
unsafe fn hash_bytes(p: *const u8, n: usize, seed: u64) -> u64 {
    // SAFETY (reads): within the `n` bytes the caller vouches for.
    unsafe {
        match n {
            0 => hash_word(0, seed ^ P2),
            1..=8 => hash_word(tail_word(p, n), seed ^ (n as u64).wrapping_mul(P2)),
            _ => hash_long(p, n, seed),
        }
    }
}

/// [`hash_bytes`] of more than 8 bytes.
///
/// # Safety
/// `p` must be readable for `n` bytes, `n > 8`.
unsafe fn hash_long(p: *const u8, n: usize, seed: u64) -> u64 {
    // SAFETY (reads): within the `n` bytes the caller vouches for.
    unsafe {
        let mut h = seed ^ (n as u64).wrapping_mul(P2);
        let mut i = 0;
        while i + 16 <= n {
            let a = (p.add(i) as *const u64).read_unaligned();
            let b = (p.add(i + 8) as *const u64).read_unaligned();
            h = fold(a ^ h ^ P0, b ^ P1);
            i += 16;
        }
        if i < n {
            // The last 1-16 bytes: two words, overlapping what came before
            // when fewer than 16 are left.
            let (a, b) = if n - i > 8 {
                ((p.add(i) as *const u64).read_unaligned(), (p.add(n - 8) as *const u64).read_unaligned())
            } else {
                ((p.add(n - 8) as *const u64).read_unaligned(), 0)
            };
            h = fold(a ^ h ^ P0, b ^ P1);
        }
        hash_word(h, seed)
    }
}

fn hash_f64(v: f64, seed: u64) -> u64 {
    if v == 0.0 {
        // +0 and -0 are one key.
        hash_word(0, seed)
    } else if v.is_nan() {
        // NaN never equals itself: each one goes anywhere.
        hash_word(fastrand(), seed)
    } else {
        hash_word(v.to_bits(), seed)
    }
}

fn hash_f32(v: f32, seed: u64) -> u64 {
    if v == 0.0 {
        hash_word(0, seed)
    } else if v.is_nan() {
        hash_word(fastrand(), seed)
    } else {
        hash_word(v.to_bits() as u64, seed)
    }
}

/// A key whose dynamic type has no `==` (`hash of unhashable type T`).
#[derive(Clone, Copy, Debug)]
pub struct Unhashable(pub TypeRef);

/// The dynamic type and data word of the interface of type `it` at `p`.
///
/// # Safety
/// `p` must point at an interface value of type `it`.
unsafe fn iface_parts(it: TypeRef, p: *const u8) -> (*const Type, *const u8) {
    let empty = it.as_interface().is_none_or(|i| i.methods.as_slice().is_empty());
    // SAFETY: an interface is two words; an itab starts with its interface
    // and type descriptors.
    unsafe {
        if empty {
            let e = (p as *const EmptyInterface).read();
            (e.typ, e.data)
        } else {
            let e = (p as *const NonEmptyInterface).read();
            let t = if e.itab.is_null() { ptr::null() } else { (*e.itab).typ };
            (t, e.data)
        }
    }
}

/// Hash of the value of type `t` at `p`, as Go's `typehash`: consistent
/// with `==` (floats by value, strings by contents, interfaces by dynamic
/// type and value, structs and arrays by their parts, blank fields left
/// out).
///
/// # Safety
/// `p` must point at a value of type `t`.
pub unsafe fn hash_value(t: TypeRef, p: *const u8, seed: u64) -> Result<u64, Unhashable> {
    // SAFETY (every read): `p` holds a `t`, laid out as its kind says.
    unsafe {
        Ok(match t.kind {
            Kind::Float32 => hash_f32((p as *const f32).read_unaligned(), seed),
            Kind::Float64 => hash_f64((p as *const f64).read_unaligned(), seed),
            Kind::Complex64 => {
                let h = hash_f32((p as *const f32).read_unaligned(), seed);
                hash_f32((p.add(4) as *const f32).read_unaligned(), h)
            }
            Kind::Complex128 => {
                let h = hash_f64((p as *const f64).read_unaligned(), seed);
                hash_f64((p.add(8) as *const f64).read_unaligned(), h)
            }
            Kind::String => {
                let s = (p as *const GoString).read_unaligned();
                hash_bytes(s.ptr, s.len, seed)
            }
            Kind::Interface => {
                let (dt, data) = iface_parts(t, p);
                let Some(dt) = dt.as_ref() else { return Ok(hash_word(0, seed ^ P2)) };
                if !comparable(dt) {
                    return Err(Unhashable(dt));
                }
                let seed = seed ^ (dt.hash as u64).wrapping_mul(P1);
                if dt.is_pointer_shaped() {
                    hash_word(data as u64, seed)
                } else {
                    hash_value(dt, data, seed)?
                }
            }
            Kind::Array => {
                let a = t.as_array().expect("array kind");
                let mut h = seed;
                for i in 0..a.len {
                    h = hash_value(a.elem, p.add(i * a.elem.size), h)?;
                }
                h
            }
            Kind::Struct => {
                let mut h = seed;
                for f in t.as_struct().expect("struct kind").fields.as_slice() {
                    if f.name.as_str() != "_" {
                        h = hash_value(f.typ, p.add(f.offset), h)?;
                    }
                }
                h
            }
            Kind::Slice | Kind::Map | Kind::Func => return Err(Unhashable(t)),
            _ => hash_bytes(p, t.size, seed),
        })
    }
}

// ---- layout ------------------------------------------------------------------

/// Group descriptors made so far, by map descriptor address.
static GROUPS: spin::Mutex<BTreeMap<usize, usize>> = spin::Mutex::new(BTreeMap::new());

fn align_up(x: usize, a: usize) -> usize {
    (x + a - 1) & !(a - 1)
}

/// A descriptor header of a composite type the runtime makes.
fn header(kind: Kind, name: &'static str, size: usize, ptrdata: usize, align: u8) -> Type {
    Type {
        size,
        ptrdata,
        hash: reflect::types::type_hash(name),
        tflag: TFlag::empty(),
        align,
        field_align: align,
        kind,
        string: Str::new(name),
        uncommon: ptr::null(),
    }
}

/// `[8]t`, built here (reflect's `array_of` formats its name, and the
/// runtime links no formatting machinery).
fn slots_of(t: TypeRef) -> &'static Type {
    let ptrdata = if t.ptrdata == 0 { 0 } else { (SLOTS - 1) * t.size + t.ptrdata };
    let typ = header(Kind::Array, "[8]mapslot", SLOTS * t.size, ptrdata, t.align);
    &Box::leak(Box::new(ArrayType { typ, elem: t, len: SLOTS })).typ
}

/// The group layout of map type `mt`: `struct { ctrl uint64; keys [8]K;
/// elems [8]V }`, made once per map type.
pub fn group_type(mt: &'static MapType) -> &'static Type {
    if let Some(g) = made_group_type(mt) {
        return g;
    }
    let id = mt as *const MapType as usize;
    let (keys, elems) = (slots_of(mt.key), slots_of(mt.elem));
    let keys_off = 8;
    let elems_off = align_up(keys_off + keys.size, (elems.align as usize).max(1));
    let size = align_up(elems_off + elems.size, 8);
    let ptrdata = if elems.ptrdata != 0 {
        elems_off + elems.ptrdata
    } else if keys.ptrdata != 0 {
        keys_off + keys.ptrdata
    } else {
        0
    };
    let fields: &'static [StructField] = Box::leak(Box::new([
        StructField { name: Str::new("ctrl"), typ: &UINT64, offset: 0, tag: Str::new(""), embedded: false },
        StructField { name: Str::new("keys"), typ: keys, offset: keys_off, tag: Str::new(""), embedded: false },
        StructField { name: Str::new("elems"), typ: elems, offset: elems_off, tag: Str::new(""), embedded: false },
    ]));
    let typ = header(Kind::Struct, "map.group", size, ptrdata, 8);
    let g = &Box::leak(Box::new(StructType { typ, fields: List::new(fields), pkg_path: Str::new("runtime") })).typ;
    GROUPS.lock().insert(id, g as *const Type as usize);
    g
}

/// [`group_type`] if it was made already.
fn made_group_type(mt: &'static MapType) -> Option<&'static Type> {
    let id = mt as *const MapType as usize;
    // SAFETY: only descriptors (which live forever) are recorded.
    GROUPS.lock().get(&id).map(|&g| unsafe { &*(g as *const Type) })
}

fn key_class(t: &Type) -> KeyClass {
    match t.kind {
        Kind::Bool
        | Kind::Int
        | Kind::Int8
        | Kind::Int16
        | Kind::Int32
        | Kind::Int64
        | Kind::Uint
        | Kind::Uint8
        | Kind::Uint16
        | Kind::Uint32
        | Kind::Uint64
        | Kind::Uintptr
        | Kind::Pointer
        | Kind::UnsafePointer
        | Kind::Chan => KeyClass::Bytes,
        Kind::String => KeyClass::Str,
        _ => KeyClass::Typed,
    }
}

/// Bit `8i + 7` set for each byte `i` of `w` equal to `b` (and possibly for
/// a byte just above one that is: callers check each candidate).
#[inline(always)]
fn match_byte(w: u64, b: u8) -> u64 {
    let x = w ^ (LSB * b as u64);
    x.wrapping_sub(LSB) & !x & MSB
}

/// Bit `8i + 7` set exactly for the empty bytes of `w` (`EMPTY` has bit 7
/// set and bit 1 clear; `DELETED` and full bytes do not).
#[inline(always)]
fn match_empty(w: u64) -> u64 {
    w & !(w << 6) & MSB
}

/// Slots that are empty or deleted (bit 7 set).
#[inline(always)]
fn match_free(w: u64) -> u64 {
    w & MSB
}

/// Entries a table of `groups` groups holds before it grows (7/8 full).
fn capacity(groups: usize) -> usize {
    groups * SLOTS * 7 / 8
}

/// What keys hash to for the lookup and the probe: `h1` picks the first
/// group, `h2` is the control byte.
#[inline(always)]
fn split(hash: u64) -> (usize, u8) {
    ((hash >> 7) as usize, (hash & 0x7f) as u8)
}

impl Map {
    /// A locked operation's check for concurrent use: throws when a write
    /// of another thread is under way or a lockless operation saw one.
    /// (Several threads race on `flags` only in a racy program: its words
    /// are atomic so that they may, and plain loads and stores, as gc's.)
    #[inline(always)]
    fn check_locked(&self, u: Use) {
        let f = self.flags.load(Ordering::Relaxed);
        if f != 0 {
            concurrent_use(f, u)
        }
    }

    /// A lockless operation's check: false when the locked call is to
    /// follow (and throw), a write of another thread being under way or
    /// seen before.
    #[inline(always)]
    fn check_nolock(&self, u: Use) -> bool {
        let f = self.flags.load(Ordering::Relaxed);
        if f & WRITING != 0 {
            self.flags.fetch_or(u.saw(), Ordering::Relaxed);
        }
        f == 0
    }

    /// Marks a write under way (a flip, as gc's: a write of another thread
    /// that started meanwhile finds it cleared when it ends).
    #[inline(always)]
    fn start_write(&self) {
        self.flags.store(self.flags.load(Ordering::Relaxed) ^ WRITING, Ordering::Relaxed);
    }

    /// Ends a write; false when another thread's write ended it first.
    #[inline(always)]
    fn end_write(&self) -> bool {
        let f = self.flags.load(Ordering::Relaxed);
        self.flags.store(f & !WRITING, Ordering::Relaxed);
        f & WRITING != 0
    }

    /// Ends a locked operation's write: throws when another thread's
    /// write ended it first.
    #[inline(always)]
    fn end_write_locked(&self) {
        if !self.end_write() {
            concurrent_use(0, Use::Write);
        }
    }

    /// Ends a lockless operation's write; when another thread's write
    /// ended it first, records that for the map's next locked operation,
    /// which throws (this write is done).
    #[inline(always)]
    fn end_write_nolock(&self) {
        if !self.end_write() {
            self.flags.fetch_or(SAW_WRITE, Ordering::Relaxed);
        }
    }

    #[inline(always)]
    fn group_at(&self, groups: *mut u8, g: usize) -> *mut u8 {
        groups.wrapping_add(g * self.group_size)
    }

    #[inline(always)]
    fn key_at(&self, group: *mut u8, s: usize) -> *mut u8 {
        group.wrapping_add(8 + s * self.key_size)
    }

    #[inline(always)]
    fn elem_at(&self, group: *mut u8, s: usize) -> *mut u8 {
        group.wrapping_add(self.elems_off + s * self.elem_size)
    }

    /// Hash of the key at `k`.
    ///
    /// # Safety
    /// `k` must point at a key of this map's key type.
    #[inline(always)]
    unsafe fn hash(&self, k: *const u8) -> Result<u64, Unhashable> {
        // SAFETY: as the caller promises.
        unsafe {
            match self.class {
                KeyClass::Bytes if self.key_size == 8 => Ok(hash_word((k as *const u64).read_unaligned(), self.seed)),
                KeyClass::Bytes => Ok(hash_bytes(k, self.key_size, self.seed)),
                KeyClass::Str => {
                    let s = (k as *const GoString).read_unaligned();
                    Ok(hash_bytes(s.ptr, s.len, self.seed))
                }
                KeyClass::Typed => hash_value(self.typ.key, k, self.seed),
            }
        }
    }

    /// Whether the keys at `a` and `b` are equal.
    ///
    /// # Safety
    /// Both must point at keys of this map's (hashable) key type.
    #[inline(always)]
    unsafe fn key_eq(&self, a: *const u8, b: *const u8) -> bool {
        // SAFETY: as the caller promises.
        unsafe {
            match self.class {
                KeyClass::Bytes if self.key_size == 8 => {
                    (a as *const u64).read_unaligned() == (b as *const u64).read_unaligned()
                }
                KeyClass::Bytes => bytes_eq(a, b, self.key_size),
                KeyClass::Str => {
                    let x = (a as *const GoString).read_unaligned();
                    str_eq(b, x.ptr, x.len)
                }
                // Keys in a map hashed, so they compare without failing.
                KeyClass::Typed => mem_eq(self.typ.key, a, b).unwrap_or(false),
            }
        }
    }

    /// The (group address, slot) holding key `k` with hash `hash` in the group
    /// array `groups` of `mask + 1` groups.
    ///
    /// # Safety
    /// `groups` must be null or a group array of this map with that mask;
    /// `k` must point at a key of the map's type.
    #[inline(always)]
    unsafe fn find_in(&self, groups: *mut u8, mask: usize, k: *const u8, hash: u64) -> Option<(*mut u8, usize)> {
        // SAFETY: as the caller promises; full slots hold keys of the
        // map's type, as `k` is.
        unsafe { self.probe(groups, mask, hash, |slot| self.key_eq(k, slot)) }
    }

    /// The (group address, slot) of the first full slot on hash `hash`'s
    /// probe sequence whose control byte matches and whose key `eq` accepts
    /// (given the slot key's address), in the group array `groups` of
    /// `mask + 1` groups (null: none).
    ///
    /// # Safety
    /// `groups` must be null or a group array of this map with that mask.
    #[inline(always)]
    unsafe fn probe(&self, groups: *mut u8, mask: usize, hash: u64, eq: impl Fn(*const u8) -> bool) -> Option<(*mut u8, usize)> {
        if groups.is_null() {
            return None;
        }
        let (h1, h2) = split(hash);
        let mut g = h1 & mask;
        let mut stride = 0;
        loop {
            let group = self.group_at(groups, g);
            // SAFETY: every group starts with its 8 control bytes, 8-aligned.
            let w = u64::from_le(unsafe { *(group as *const u64) });
            let mut m = match_byte(w, h2);
            while m != 0 {
                let s = m.trailing_zeros() as usize / 8;
                m &= m - 1;
                // Slot `s` is full when its control byte is a hash byte, so
                // it holds a key.
                if (w >> (s * 8)) as u8 == h2 && eq(self.key_at(group, s)) {
                    return Some((group, s));
                }
            }
            if match_empty(w) != 0 || stride >= mask {
                return None;
            }
            stride += 1;
            g = (g + stride) & mask;
        }
    }

    /// What the first group of hash `hash`'s probe sequence in the map's
    /// current table says: the slot whose key `eq` accepts, that the key is
    /// absent (the group has an empty slot, so no probe went past it), or
    /// that the probe must go on. In a table at most 7/8 full most keys
    /// sit in their first group, so this is a lookup's fast path.
    ///
    /// # Safety
    /// The map must have a table (`groups` not null).
    #[inline(always)]
    unsafe fn probe_first(&self, hash: u64, eq: impl Fn(*const u8) -> bool) -> FirstGroup {
        let (h1, h2) = split(hash);
        let group = self.group_at(self.groups, h1 & self.mask);
        // SAFETY: every group starts with its 8 control bytes, 8-aligned.
        let w = u64::from_le(unsafe { *(group as *const u64) });
        let mut m = match_byte(w, h2);
        while m != 0 {
            let s = m.trailing_zeros() as usize / 8;
            m &= m - 1;
            if (w >> (s * 8)) as u8 == h2 && eq(self.key_at(group, s)) {
                return FirstGroup::Found(group, s);
            }
        }
        if match_empty(w) != 0 {
            FirstGroup::Absent
        } else {
            FirstGroup::Further
        }
    }

    /// The slot holding key `k` in the map's current table.
    ///
    /// # Safety
    /// As for [`Map::find_in`].
    #[inline(always)]
    unsafe fn find(&self, k: *const u8, hash: u64) -> Option<(*mut u8, usize)> {
        // SAFETY: the map's own table; as the caller promises.
        unsafe { self.find_in(self.groups, self.mask, k, hash) }
    }

    /// A free slot for hash `hash` in a table known to have one.
    fn free_slot(&self, groups: *mut u8, mask: usize, hash: u64) -> (*mut u8, usize) {
        let (h1, _) = split(hash);
        let mut g = h1 & mask;
        let mut stride = 0;
        loop {
            let group = self.group_at(groups, g);
            // SAFETY: every group starts with its control word.
            let w = u64::from_le(unsafe { *(group as *const u64) });
            let m = match_free(w);
            if m != 0 {
                return (group, m.trailing_zeros() as usize / 8);
            }
            stride += 1;
            g = (g + stride) & mask;
        }
    }

    fn alloc_groups(&self, n: usize) -> *mut u8 {
        let size = n.checked_mul(self.group_size).unwrap_or_else(|| crate::fatal::fatal("out of memory"));
        let p = go_alloc(size, self.group);
        self.mark_empty(p, n);
        p
    }

    /// Marks the `n` fresh groups at `p` empty.
    fn mark_empty(&self, p: *mut u8, n: usize) {
        for g in 0..n {
            // SAFETY: `p` holds `n` groups; each control word starts it.
            unsafe { *(p.add(g * self.group_size) as *mut u64) = u64::from_le(LSB * EMPTY as u64) };
        }
    }

    /// The number of groups [`Map::grow`] makes the table.
    fn grown_groups(&self) -> usize {
        if self.groups.is_null() {
            1
        } else if (self.count + 1) * 2 <= capacity(self.mask + 1) {
            self.mask + 1
        } else {
            (self.mask + 1) * 2
        }
    }

    /// [`Map::grow`] without the runtime lock, the new table from
    /// `thread`'s allocation cache; false (nothing changed) when the cache
    /// declines it.
    ///
    /// # Safety
    /// As for `crate::collector::alloc_nolock`.
    unsafe fn grow_nolock(&mut self, thread: *const ThreadHead) -> bool {
        let groups = self.grown_groups();
        let Some(size) = groups.checked_mul(self.group_size) else { return false };
        // SAFETY: as the caller promises; the group type is a descriptor.
        let p = unsafe { crate::collector::alloc_nolock(thread, size, self.group) };
        if p.is_null() {
            return false;
        }
        self.mark_empty(p, groups);
        self.move_into(p, groups);
        true
    }

    /// Moves every entry into a new table of `groups` groups (a power of
    /// two). The old array is left as it was, for iterators walking it.
    fn resize(&mut self, groups: usize) {
        let new = self.alloc_groups(groups);
        self.move_into(new, groups);
    }

    /// [`Map::resize`] into the empty table `new` of `groups` groups.
    fn move_into(&mut self, new: *mut u8, groups: usize) {
        let mask = groups - 1;
        let (ks, es) = (self.key_size, self.elem_size);
        if !self.groups.is_null() {
            for g in 0..=self.mask {
                let group = self.group_at(self.groups, g);
                // SAFETY: a group of the old table.
                let w = u64::from_le(unsafe { *(group as *const u64) });
                let mut full = !w & MSB;
                while full != 0 {
                    let s = full.trailing_zeros() as usize / 8;
                    full &= full - 1;
                    let k = self.key_at(group, s);
                    // SAFETY: a full slot holds a key that hashed before.
                    let hash = unsafe { self.hash(k) }.unwrap_or(0);
                    let (ng, ns) = self.free_slot(new, mask, hash);
                    // SAFETY: distinct slots of the two tables, of the
                    // key and element sizes; control byte `ns` of `ng`.
                    unsafe {
                        copy_value(k, self.key_at(ng, ns), ks);
                        copy_value(self.elem_at(group, s), self.elem_at(ng, ns), es);
                        *ng.add(ns) = split(hash).1;
                    }
                }
            }
        }
        self.groups = new;
        self.mask = mask;
        self.growth_left = capacity(groups) - self.count;
    }

    /// Makes room for one more entry: doubles the table, or rebuilds it
    /// at its size when tombstones take most of the room.
    fn grow(&mut self) {
        self.resize(self.grown_groups());
    }

    /// The element slot of key `k`, inserting it (zero element) if absent
    /// (the unit tests' shorthand).
    ///
    /// # Safety
    /// `k` must point at a key of the map's type.
    #[cfg(test)]
    unsafe fn assign(&mut self, k: *const u8) -> Result<*mut u8, Unhashable> {
        // SAFETY: as the caller promises.
        let hash = unsafe { self.hash(k)? };
        // SAFETY: as the caller promises; it may grow.
        Ok(unsafe { self.assign_hashed(k, hash, true) }.expect("a map that may grow has room"))
    }

    /// [`Map::assign`] of key `k` whose hash is `hash`; `None` when the
    /// table must grow first and `may_grow` is false (nothing changed).
    ///
    /// # Safety
    /// As for [`Map::assign`].
    #[inline(always)]
    unsafe fn assign_hashed(&mut self, k: *const u8, hash: u64, may_grow: bool) -> Option<*mut u8> {
        // SAFETY: as the caller promises.
        if let Some((group, s)) = unsafe { self.find(k, hash) } {
            if self.class != KeyClass::Bytes {
                // Go keeps the latest key (-0 after +0, a new string).
                // SAFETY: an equal key of the same type overwrites it.
                unsafe { copy_value(k, self.key_at(group, s), self.key_size) };
            }
            return Some(self.elem_at(group, s));
        }
        if self.growth_left == 0 {
            if !may_grow {
                return None;
            }
            self.grow();
        }
        let (group, s) = self.free_slot(self.groups, self.mask, hash);
        // SAFETY: a free slot of the current table; its element is zero
        // (fresh, or cleared when deleted).
        unsafe {
            if *group.add(s) == EMPTY {
                self.growth_left -= 1;
            }
            *group.add(s) = split(hash).1;
            copy_value(k, self.key_at(group, s), self.key_size);
        }
        self.count += 1;
        Some(self.elem_at(group, s))
    }

    /// Removes key `k` if present.
    ///
    /// # Safety
    /// `k` must point at a key of the map's type.
    unsafe fn delete(&mut self, k: *const u8) -> Result<(), Unhashable> {
        if self.count == 0 {
            // Go still hashes the key (an unhashable one panics).
            // SAFETY: as the caller promises.
            unsafe { self.hash(k)? };
            return Ok(());
        }
        // SAFETY: as the caller promises.
        let hash = unsafe { self.hash(k)? };
        // SAFETY: as the caller promises.
        let Some((group, s)) = (unsafe { self.find(k, hash) }) else { return Ok(()) };
        // SAFETY: slot `s` of `group` is full; clearing it drops what it
        // references.
        unsafe {
            // A group with an empty slot never filled up, so no probe went
            // past it: the slot can be empty again. Otherwise a tombstone
            // keeps the probe sequences through it going.
            let w = u64::from_le(*(group as *const u64));
            if match_empty(w) != 0 {
                *group.add(s) = EMPTY;
                self.growth_left += 1;
            } else {
                *group.add(s) = DELETED;
            }
            ptr::write_bytes(self.key_at(group, s), 0, self.key_size);
            ptr::write_bytes(self.elem_at(group, s), 0, self.elem_size);
        }
        self.count -= 1;
        Ok(())
    }
}

// What the collector needs of a [`Map`]: the only word pointing into Go's
// heap is `groups` (the descriptors `typ` and `group` are static or
// immortal, the rest are numbers).
crate::one_pointer_struct!(static MAP_HEADER: Map = "runtime.hmap", pointer at core::mem::offset_of!(Map, groups));

/// Makes a map of type `mt` with room for `hint` entries (negative or
/// huge hints count as 0, as Go 1.19's `makemap` takes them).
pub fn make_map(mt: &'static MapType, hint: i64) -> *mut Map {
    let group = group_type(mt);
    let m = go_alloc(core::mem::size_of::<Map>(), &MAP_HEADER.typ) as *mut Map;
    // SAFETY: fresh memory for a `Map`.
    unsafe { init_map(m, mt, group) };
    if let Some(groups) = groups_for_hint(group, hint) {
        // SAFETY: `m` was just initialized.
        unsafe { (*m).resize(groups) };
    }
    m
}

/// Writes an empty map of type `mt` (groups of type `group`) at `m`.
///
/// # Safety
/// `m` must be fresh memory for a `Map`.
unsafe fn init_map(m: *mut Map, mt: &'static MapType, group: &'static Type) {
    let elems_off = group.as_struct().expect("group struct").fields.as_slice()[2].offset;
    let map = Map {
        count: 0,
        groups: ptr::null_mut(),
        mask: 0,
        growth_left: 0,
        seed: fastrand(),
        typ: mt,
        group,
        group_size: group.size,
        key_size: mt.key.size,
        elem_size: mt.elem.size,
        elems_off,
        class: key_class(mt.key),
        flags: AtomicU8::new(0),
    };
    // SAFETY: as the caller promises.
    unsafe { m.write(map) };
}

/// The groups a map made with `make(map[K]V, hint)` starts with; `None`:
/// none until the first insertion. Go 1.19 ignores a hint whose table
/// would pass `maxAlloc` (2^48 bytes on 64-bit Linux); a smaller one that
/// memory cannot back is fatal, as in Go.
fn groups_for_hint(group: &Type, hint: i64) -> Option<usize> {
    let hint = usize::try_from(hint).unwrap_or(0);
    let too_big = hint.checked_mul(group.size / SLOTS).is_none_or(|b| b > 1 << 48);
    if hint <= SLOTS - 1 || too_big {
        return None;
    }
    let mut groups = 1;
    while capacity(groups) < hint {
        groups *= 2;
    }
    Some(groups)
}

// ---- the zero value -----------------------------------------------------------

/// Where a missing key's element reads from (Go's `zeroVal`).
static ZERO: [u64; 128] = [0; 128];
/// A larger zero block for bigger elements (address, size).
static BIG_ZERO: spin::Mutex<(usize, usize)> = spin::Mutex::new((0, 0));

/// Address of at least `size` zero bytes that nothing writes.
fn zero_value(size: usize) -> *const u8 {
    if let Some(z) = zero_small(size) {
        return z;
    }
    let mut z = BIG_ZERO.lock();
    if z.1 < size {
        *z = (persistent_alloc(size) as usize, size);
    }
    z.0 as *const u8
}

/// [`zero_value`] of an element that fits the static block (none when it
/// does not: the larger block is made under the runtime lock).
#[inline(always)]
fn zero_small(size: usize) -> Option<*const u8> {
    (size <= core::mem::size_of_val(&ZERO)).then_some(ZERO.as_ptr() as *const u8)
}

// ---- entry points ---------------------------------------------------------------

/// The map descriptor behind a map type word.
///
/// # Safety
/// `typ` must be a map type descriptor.
unsafe fn map_type(typ: *const Type) -> &'static MapType {
    // SAFETY: as the caller promises.
    unsafe { (*typ).as_map().expect("a map type descriptor") }
}

/// Panics `hash of unhashable type T` (a `runtime.errorString`).
///
/// # Safety
/// On the system stack of the running goroutine (a runtime entry point).
unsafe fn panic_unhashable(u: Unhashable) -> ! {
    // SAFETY: as the caller promises.
    unsafe {
        panic_error_text(|o| {
            o.put(b"hash of unhashable type ");
            o.put(u.0.string().as_bytes());
        })
    }
}

/// A key of a map of type `mt` at `k`: hashes it for a lookup in a nil or
/// empty map, where Go still panics for an unhashable key.
///
/// # Safety
/// As for the entry points.
unsafe fn check_hashable(mt: &MapType, k: *const u8) {
    // Only keys walked through their descriptor can hold an interface.
    if key_class(mt.key) == KeyClass::Typed {
        // SAFETY: `k` holds a key of `mt`.
        if let Err(u) = unsafe { hash_value(mt.key, k, 0) } {
            // SAFETY: as the caller promises.
            unsafe { panic_unhashable(u) }
        }
    }
}

/// `runtime.memhash(p, seed, n)`: the maps' hash of `n` bytes at `p`
/// with `seed` (hash/maphash's, which seeds it per process).
///
/// # Safety
/// `p` must be readable for `n` bytes.
#[no_mangle]
pub unsafe extern "C" fn rgo_memhash(p: *const u8, seed: usize, n: usize) -> usize {
    // SAFETY: as the caller promises.
    unsafe { hash_bytes(p, n, seed as u64) as usize }
}

/// `rgo_makemap(typ, hint)`: `make(map[K]V, hint)`.
///
/// # Safety
/// `typ` must be a map type descriptor.
#[no_mangle]
pub unsafe extern "C" fn rgo_makemap(typ: *const Type, hint: i64) -> *mut Map {
    crate::collector::safepoint();
    // SAFETY: as the caller promises.
    make_map(unsafe { map_type(typ) }, hint)
}

/// [`rgo_makemap`] without the runtime lock (several processors): the map
/// and its first table from the thread's allocation cache; declines (null)
/// when the cache does (a collection due), and for a map type none was made
/// of yet (its groups' descriptor is made under the lock).
///
/// # Safety
/// As for [`rgo_makemap`]; called by rt-arch's `rgo_rt_try` only, with the
/// running thread's record.
#[no_mangle]
pub unsafe extern "C" fn rgo_makemap_nolock(thread: *const ThreadHead, typ: *const Type, hint: i64) -> *mut Map {
    // SAFETY: as the caller promises.
    let mt = unsafe { map_type(typ) };
    let Some(group) = made_group_type(mt) else { return ptr::null_mut() };
    // SAFETY: as the caller promises.
    unsafe {
        let m = crate::collector::alloc_nolock(thread, core::mem::size_of::<Map>(), &MAP_HEADER.typ) as *mut Map;
        if m.is_null() {
            return m;
        }
        init_map(m, mt, group);
        if let Some(groups) = groups_for_hint(group, hint) {
            // The header is garbage if this declines: the locked call
            // makes another.
            let size = groups.checked_mul(group.size).unwrap_or(usize::MAX);
            let p = if size == usize::MAX { ptr::null_mut() } else { crate::collector::alloc_nolock(thread, size, group) };
            if p.is_null() {
                return ptr::null_mut();
            }
            (*m).mark_empty(p, groups);
            (*m).move_into(p, groups);
        }
        m
    }
}

/// Looks key `k` up.
///
/// # Safety
/// `m` null or a map of type `typ`, `k` pointing at a key; on the system
/// stack.
unsafe fn lookup(typ: *const Type, m: *mut Map, k: *const u8) -> Option<*mut u8> {
    // SAFETY: as the caller promises.
    unsafe {
        let Some(map) = m.as_ref() else {
            check_hashable(map_type(typ), k);
            return None;
        };
        if map.count == 0 {
            check_hashable(map.typ, k);
            return None;
        }
        let hash = match map.hash(k) {
            Ok(h) => h,
            Err(u) => panic_unhashable(u),
        };
        map.find(k, hash).map(|(g, s)| map.elem_at(g, s))
    }
}

/// `rgo_mapaccess1(typ, m, key)`: the address of `m[*key]`'s element, or
/// of a zero value when the key is missing (or `m` is nil).
///
/// # Safety
/// `typ` must be a map type descriptor, `m` null or a map of that type,
/// `key` a pointer to a key; called from compiled code (system stack).
#[no_mangle]
pub unsafe extern "C" fn rgo_mapaccess1(typ: *const Type, m: *mut Map, key: *const u8) -> *const u8 {
    // SAFETY: as the caller promises.
    unsafe {
        check_read(m);
        elem_or_zero(typ, lookup(typ, m, key))
    }
}

/// A locked read's check for concurrent use ([`Map::check_locked`]).
///
/// # Safety
/// `m` null or a map.
#[inline(always)]
unsafe fn check_read(m: *mut Map) {
    // SAFETY: as the caller promises.
    if let Some(map) = unsafe { m.as_ref() } {
        map.check_locked(Use::Read);
    }
}

/// The answer of [`Map::probe_first`].
enum FirstGroup {
    Found(*mut u8, usize),
    Absent,
    Further,
}

/// `m[k]`'s element: the one found, or the element type's zero value.
///
/// # Safety
/// `typ` must be a map type descriptor.
#[inline(always)]
unsafe fn elem_or_zero(typ: *const Type, found: Option<*mut u8>) -> *const u8 {
    match found {
        Some(p) => p,
        // SAFETY: as the caller promises.
        None => zero_value(unsafe { map_type(typ) }.elem.size),
    }
}

/// `v, ok := m[k]`: the element found and 1, or the zero value and 0.
///
/// # Safety
/// `typ` must be a map type descriptor.
#[inline(always)]
unsafe fn elem_ok(typ: *const Type, found: Option<*mut u8>) -> ElemOk {
    // SAFETY: as the caller promises.
    ElemOk { elem: unsafe { elem_or_zero(typ, found) }, ok: found.is_some() as usize }
}

/// Two words back in the C result registers.
#[repr(C)]
pub struct ElemOk {
    pub elem: *const u8,
    pub ok: usize,
}

/// Looks the string `ptr[..len]` up in `m`, a map whose keys are strings
/// (Go's `mapaccess1_faststr`): the key comes by value, and the hash and
/// the comparison are the string ones, with no dispatch on the key's kind.
/// A key of up to 8 bytes found in (or missing from) its first group,
/// the common case, takes the inline path, which needs few registers and
/// so saves none; everything else goes to [`lookup_str_rest`].
///
/// # Safety
/// `m` null or a map of type `typ` with string keys, `ptr` readable for
/// `len` bytes; on the system stack.
#[inline(always)]
unsafe fn lookup_str(typ: *const Type, m: *mut Map, ptr: *const u8, len: usize) -> Option<*mut u8> {
    // SAFETY: as the caller promises.
    unsafe {
        let map = m.as_ref()?;
        if map.count == 0 {
            return None;
        }
        if map.class == KeyClass::Str && len <= 8 && !map.groups.is_null() {
            let hash = hash_bytes(ptr, len, map.seed);
            match map.probe_first(hash, |slot| str_eq(slot, ptr, len)) {
                FirstGroup::Found(g, s) => return Some(map.elem_at(g, s)),
                FirstGroup::Absent => return None,
                FirstGroup::Further => {}
            }
        }
        lookup_str_rest(typ, m, ptr, len)
    }
}

/// [`lookup_str`] past its fast path: longer keys, probes past the first
/// group, and maps whose keys are not plain strings after all.
///
/// # Safety
/// As for [`lookup_str`], with `m` not null.
#[inline(never)]
unsafe fn lookup_str_rest(typ: *const Type, m: *mut Map, ptr: *const u8, len: usize) -> Option<*mut u8> {
    // SAFETY: as the caller promises.
    unsafe {
        let map = &*m;
        if map.class != KeyClass::Str {
            // Not a string-keyed map after all: the general path.
            let key = GoString { ptr, len };
            return lookup(typ, m, &key as *const GoString as *const u8);
        }
        let hash = hash_bytes(ptr, len, map.seed);
        let found = map.probe(map.groups, map.mask, hash, |slot| str_eq(slot, ptr, len));
        found.map(|(g, s)| map.elem_at(g, s))
    }
}

/// Looks the 8-byte key `key` up in `m`, a map whose keys are 8-byte
/// integers, pointers or channels (Go's `mapaccess1_fast64`).
///
/// # Safety
/// As for [`lookup_str`], for such a map.
#[inline(always)]
unsafe fn lookup_64(typ: *const Type, m: *mut Map, key: u64) -> Option<*mut u8> {
    // SAFETY: as the caller promises.
    unsafe {
        let map = m.as_ref()?;
        if map.count == 0 {
            return None;
        }
        if map.class != KeyClass::Bytes || map.key_size != 8 {
            return lookup(typ, m, &key as *const u64 as *const u8);
        }
        let hash = hash_word(key, map.seed);
        let found = map.probe(map.groups, map.mask, hash, |slot| (slot as *const u64).read_unaligned() == key);
        found.map(|(g, s)| map.elem_at(g, s))
    }
}

/// `rgo_mapaccess1_faststr(typ, m, ptr, len)`: [`rgo_mapaccess1`] for a
/// map with string keys, the key `ptr[..len]` by value.
///
/// # Safety
/// `typ` must be a map type descriptor with string keys, `m` null or a map
/// of that type, `ptr` readable for `len` bytes; called from compiled code.
#[no_mangle]
pub unsafe extern "C" fn rgo_mapaccess1_faststr(typ: *const Type, m: *mut Map, ptr: *const u8, len: usize) -> *const u8 {
    // SAFETY: as the caller promises.
    unsafe {
        check_read(m);
        elem_or_zero(typ, lookup_str(typ, m, ptr, len))
    }
}

/// `rgo_mapaccess2_faststr(typ, m, ptr, len)`: [`rgo_mapaccess2`] for a
/// map with string keys.
///
/// # Safety
/// As for [`rgo_mapaccess1_faststr`].
#[no_mangle]
pub unsafe extern "C" fn rgo_mapaccess2_faststr(typ: *const Type, m: *mut Map, ptr: *const u8, len: usize) -> ElemOk {
    // SAFETY: as the caller promises.
    unsafe {
        check_read(m);
        elem_ok(typ, lookup_str(typ, m, ptr, len))
    }
}

/// `rgo_mapaccess1_fast64(typ, m, key)`: [`rgo_mapaccess1`] for a map
/// with 8-byte integer, pointer or channel keys, the key by value.
///
/// # Safety
/// `typ` must be a map type descriptor with such keys, `m` null or a map
/// of that type; called from compiled code.
#[no_mangle]
pub unsafe extern "C" fn rgo_mapaccess1_fast64(typ: *const Type, m: *mut Map, key: u64) -> *const u8 {
    // SAFETY: as the caller promises.
    unsafe {
        check_read(m);
        elem_or_zero(typ, lookup_64(typ, m, key))
    }
}

/// `rgo_mapaccess2_fast64(typ, m, key)`: [`rgo_mapaccess2`] for such a map.
///
/// # Safety
/// As for [`rgo_mapaccess1_fast64`].
#[no_mangle]
pub unsafe extern "C" fn rgo_mapaccess2_fast64(typ: *const Type, m: *mut Map, key: u64) -> ElemOk {
    // SAFETY: as the caller promises.
    unsafe {
        check_read(m);
        elem_ok(typ, lookup_64(typ, m, key))
    }
}


/// `rgo_mapaccess2(typ, m, key)`: as [`rgo_mapaccess1`], and whether the
/// key was there (`v, ok := m[k]`).
///
/// # Safety
/// As for [`rgo_mapaccess1`].
#[no_mangle]
pub unsafe extern "C" fn rgo_mapaccess2(typ: *const Type, m: *mut Map, key: *const u8) -> ElemOk {
    // SAFETY: as the caller promises.
    unsafe {
        check_read(m);
        elem_ok(typ, lookup(typ, m, key))
    }
}

/// `rgo_mapassign(typ, m, key)`: the address to store `m[*key]`'s element
/// at, inserting the key with a zero element if absent. Panics
/// `assignment to entry in nil map` when `m` is nil.
///
/// # Safety
/// As for [`rgo_mapaccess1`]. The address is valid until the map changes.
#[no_mangle]
pub unsafe extern "C" fn rgo_mapassign(typ: *const Type, m: *mut Map, key: *const u8) -> *mut u8 {
    crate::collector::safepoint();
    // SAFETY: as the caller promises.
    unsafe {
        let Some(map) = m.as_mut() else {
            crate::rterror::panic_plain("assignment to entry in nil map");
        };
        let _ = typ;
        map.check_locked(Use::Write);
        // As gc's, the key is hashed before the write starts (a panic
        // leaves no write under way).
        let hash = match map.hash(key) {
            Ok(h) => h,
            Err(u) => panic_unhashable(u),
        };
        map.start_write();
        let p = map.assign_hashed(key, hash, true).expect("a map that may grow has room");
        map.end_write_locked();
        p
    }
}

/// `rgo_mapdelete(typ, m, key)`: `delete(m, *key)` (nothing for a nil map
/// or a missing key).
///
/// # Safety
/// As for [`rgo_mapaccess1`].
#[no_mangle]
pub unsafe extern "C" fn rgo_mapdelete(typ: *const Type, m: *mut Map, key: *const u8) {
    // SAFETY: as the caller promises.
    unsafe {
        let Some(map) = m.as_mut() else {
            check_hashable(map_type(typ), key);
            return;
        };
        map.check_locked(Use::Write);
        map.start_write();
        let r = map.delete(key);
        map.end_write_locked();
        if let Err(u) = r {
            panic_unhashable(u)
        }
    }
}

/// `rgo_mapiterinit(typ, m, it)`: starts a `range` over `m` at a random
/// slot and moves to the first entry (`it.key` null: none).
///
/// # Safety
/// `it` must point at [`ITER_SIZE`] writable bytes; otherwise as for
/// [`rgo_mapaccess1`].
#[no_mangle]
pub unsafe extern "C" fn rgo_mapiterinit(typ: *const Type, m: *mut Map, it: *mut Iter) {
    let _ = typ;
    // SAFETY: as the caller promises.
    unsafe {
        if iter_start(m, it) {
            (*m).check_locked(Use::Iterate);
            iter_step(&mut *it);
        }
    }
}

/// `rgo_mapiternext(it)`: moves to the next entry (`it.key` null: done).
///
/// # Safety
/// `it` must have been set up by [`rgo_mapiterinit`].
#[no_mangle]
pub unsafe extern "C" fn rgo_mapiternext(it: *mut Iter) {
    // SAFETY: as the caller promises.
    unsafe {
        if let Some(map) = (*it).map.as_ref() {
            map.check_locked(Use::Iterate);
        }
        iter_step(&mut *it);
    }
}

/// Sets `it` up for a `range` over `m` at a random slot; whether there is
/// a table to walk.
///
/// # Safety
/// As for [`rgo_mapiterinit`].
unsafe fn iter_start(m: *mut Map, it: *mut Iter) -> bool {
    // SAFETY: as the caller promises.
    unsafe {
        let (groups, mask) = match m.as_ref() {
            Some(map) if map.count > 0 => (map.groups, map.mask),
            _ => (ptr::null_mut(), 0),
        };
        let r = if groups.is_null() { 0 } else { fastrand() };
        it.write(Iter {
            key: ptr::null(),
            elem: ptr::null(),
            map: m,
            groups,
            mask,
            start_group: (r >> 3) as usize & mask,
            start_slot: r as usize & 7,
            done: 0,
        });
        !groups.is_null()
    }
}

/// Moves `it` to the next entry (`it.key` null: done).
///
/// # Safety
/// As for [`rgo_mapiternext`].
unsafe fn iter_step(it: &mut Iter) {
    // SAFETY: as the caller promises: `it` and its map are valid, and the
    // walked group array stays as it was when the map moved off it.
    unsafe {
        let total = (it.mask + 1) * SLOTS;
        let map = &*it.map;
        while it.done < total {
            let i = it.done;
            it.done += 1;
            let g = (it.start_group + i / SLOTS) & it.mask;
            let s = (it.start_slot + i) & (SLOTS - 1);
            let group = map.group_at(it.groups, g);
            if *group.add(s) & 0x80 != 0 {
                continue;
            }
            let k = map.key_at(group, s);
            if it.groups == map.groups {
                it.key = k;
                it.elem = map.elem_at(group, s);
                return;
            }
            // The map moved to a new table since the loop began: the entry
            // counts if it is still in the map, with its current value.
            if !map.key_eq(k, k) {
                // NaN keys cannot be looked up (nor deleted): yield as is.
                it.key = k;
                it.elem = map.elem_at(group, s);
                return;
            }
            let Ok(hash) = map.hash(k) else { continue };
            if let Some((ng, ns)) = map.find(k, hash) {
                it.key = map.key_at(ng, ns);
                it.elem = map.elem_at(ng, ns);
                return;
            }
        }
        it.key = ptr::null();
        it.elem = ptr::null();
    }
}

// ---- without the runtime lock ---------------------------------------------------
//
// With several processors compiled code tries these first (rt-arch's
// `rgo_rt_try`, on the thread's scheduler stack, without the runtime lock;
// docs/maps.md, "Several processors"): each does what its entry point does,
// or declines (a null result, 0 for those without one) and the locked call
// follows. They decline what needs the runtime: a panic (a nil map's
// assignment, an unhashable key), a table to grow, the larger zero block,
// and a map that another thread's write is under way in or was seen in
// (the locked call throws gc's fatal error then).

/// A lockless read: the element of the key `find` looks up in `m` (or the
/// zero value when missing) and whether it was there; `None` to decline.
///
/// # Safety
/// `m` null or a map.
#[inline(always)]
unsafe fn read_nolock(m: *mut Map, find: impl FnOnce(&Map) -> Option<Option<*mut u8>>) -> Option<(*const u8, bool)> {
    // SAFETY: as the caller promises.
    let map = unsafe { m.as_ref()? };
    if !map.check_nolock(Use::Read) {
        return None;
    }
    match find(map)? {
        Some(p) => Some((p, true)),
        None => Some((zero_small(map.elem_size)?, false)),
    }
}

/// [`read_nolock`] for a result of one word (`m[k]`).
#[inline(always)]
fn elem_nolock(r: Option<(*const u8, bool)>) -> *const u8 {
    r.map_or(ptr::null(), |(p, _)| p)
}

/// [`read_nolock`] for a result of two (`v, ok := m[k]`).
#[inline(always)]
fn elem_ok_nolock(r: Option<(*const u8, bool)>) -> ElemOk {
    r.map_or(ElemOk { elem: ptr::null(), ok: 0 }, |(elem, ok)| ElemOk { elem, ok: ok as usize })
}

impl Map {
    /// The key at `k`'s element for a lockless read: `None` to decline (an
    /// unhashable key, or an empty map whose keys may be).
    ///
    /// # Safety
    /// `k` must point at a key of this map's key type.
    #[inline(always)]
    unsafe fn find_nolock(&self, k: *const u8) -> Option<Option<*mut u8>> {
        if self.count == 0 {
            return (self.class != KeyClass::Typed).then_some(None);
        }
        // SAFETY: as the caller promises.
        let hash = unsafe { self.hash(k) }.ok()?;
        // SAFETY: as the caller promises.
        Some(unsafe { self.find(k, hash) }.map(|(g, s)| self.elem_at(g, s)))
    }
}

/// `rgo_mapaccess1_nolock(thread, typ, m, key)`: [`rgo_mapaccess1`]
/// without the runtime lock; null to decline.
///
/// # Safety
/// Called by rt-arch's `rgo_rt_try` only; otherwise as for
/// [`rgo_mapaccess1`].
#[no_mangle]
pub unsafe extern "C" fn rgo_mapaccess1_nolock(_: *const ThreadHead, typ: *const Type, m: *mut Map, key: *const u8) -> *const u8 {
    let _ = typ;
    // SAFETY: as the caller promises.
    elem_nolock(unsafe { read_nolock(m, |map| map.find_nolock(key)) })
}

/// `rgo_mapaccess2_nolock(thread, typ, m, key)`: [`rgo_mapaccess2`]
/// without the runtime lock; a null element to decline.
///
/// # Safety
/// As for [`rgo_mapaccess1_nolock`].
#[no_mangle]
pub unsafe extern "C" fn rgo_mapaccess2_nolock(_: *const ThreadHead, typ: *const Type, m: *mut Map, key: *const u8) -> ElemOk {
    let _ = typ;
    // SAFETY: as the caller promises.
    elem_ok_nolock(unsafe { read_nolock(m, |map| map.find_nolock(key)) })
}

/// `rgo_mapaccess1_faststr_nolock(thread, typ, m, ptr, len)`:
/// [`rgo_mapaccess1_faststr`] without the runtime lock; null to decline.
///
/// # Safety
/// Called by rt-arch's `rgo_rt_try` only; otherwise as for
/// [`rgo_mapaccess1_faststr`].
#[no_mangle]
pub unsafe extern "C" fn rgo_mapaccess1_faststr_nolock(_: *const ThreadHead, typ: *const Type, m: *mut Map, ptr: *const u8, len: usize) -> *const u8 {
    // SAFETY: as the caller promises; a map of string keys takes no
    // locked path in `lookup_str`.
    elem_nolock(unsafe { read_nolock(m, |map| (map.class == KeyClass::Str).then(|| lookup_str(typ, m, ptr, len))) })
}

/// `rgo_mapaccess2_faststr_nolock(thread, typ, m, ptr, len)`:
/// [`rgo_mapaccess2_faststr`] without the runtime lock.
///
/// # Safety
/// As for [`rgo_mapaccess1_faststr_nolock`].
#[no_mangle]
pub unsafe extern "C" fn rgo_mapaccess2_faststr_nolock(_: *const ThreadHead, typ: *const Type, m: *mut Map, ptr: *const u8, len: usize) -> ElemOk {
    // SAFETY: as the caller promises.
    elem_ok_nolock(unsafe { read_nolock(m, |map| (map.class == KeyClass::Str).then(|| lookup_str(typ, m, ptr, len))) })
}

/// Whether [`lookup_64`] takes no locked path for `map`.
fn plain_64(map: &Map) -> bool {
    map.class == KeyClass::Bytes && map.key_size == 8
}

/// `rgo_mapaccess1_fast64_nolock(thread, typ, m, key)`:
/// [`rgo_mapaccess1_fast64`] without the runtime lock; null to decline.
///
/// # Safety
/// Called by rt-arch's `rgo_rt_try` only; otherwise as for
/// [`rgo_mapaccess1_fast64`].
#[no_mangle]
pub unsafe extern "C" fn rgo_mapaccess1_fast64_nolock(_: *const ThreadHead, typ: *const Type, m: *mut Map, key: u64) -> *const u8 {
    // SAFETY: as the caller promises.
    elem_nolock(unsafe { read_nolock(m, |map| plain_64(map).then(|| lookup_64(typ, m, key))) })
}

/// `rgo_mapaccess2_fast64_nolock(thread, typ, m, key)`:
/// [`rgo_mapaccess2_fast64`] without the runtime lock.
///
/// # Safety
/// As for [`rgo_mapaccess1_fast64_nolock`].
#[no_mangle]
pub unsafe extern "C" fn rgo_mapaccess2_fast64_nolock(_: *const ThreadHead, typ: *const Type, m: *mut Map, key: u64) -> ElemOk {
    // SAFETY: as the caller promises.
    elem_ok_nolock(unsafe { read_nolock(m, |map| plain_64(map).then(|| lookup_64(typ, m, key))) })
}

/// `rgo_mapassign_nolock(thread, typ, m, key)`: [`rgo_mapassign`] without
/// the runtime lock, into a table with room or one the thread's allocation
/// cache grows; null to decline.
///
/// # Safety
/// Called by rt-arch's `rgo_rt_try` only; otherwise as for
/// [`rgo_mapassign`].
#[no_mangle]
pub unsafe extern "C" fn rgo_mapassign_nolock(thread: *const ThreadHead, typ: *const Type, m: *mut Map, key: *const u8) -> *mut u8 {
    let _ = typ;
    // SAFETY: as the caller promises.
    unsafe {
        let Some(map) = m.as_mut() else { return ptr::null_mut() };
        if !map.check_nolock(Use::Write) {
            return ptr::null_mut();
        }
        let Ok(hash) = map.hash(key) else { return ptr::null_mut() };
        map.start_write();
        let mut p = if map.groups.is_null() { None } else { map.assign_hashed(key, hash, false) };
        if p.is_none() && map.grow_nolock(thread) {
            p = map.assign_hashed(key, hash, false);
        }
        map.end_write_nolock();
        p.unwrap_or(ptr::null_mut())
    }
}

/// `rgo_mapdelete_nolock(thread, typ, m, key)`: [`rgo_mapdelete`] without
/// the runtime lock; 1 when done, 0 to decline.
///
/// # Safety
/// As for [`rgo_mapassign_nolock`].
#[no_mangle]
pub unsafe extern "C" fn rgo_mapdelete_nolock(_: *const ThreadHead, typ: *const Type, m: *mut Map, key: *const u8) -> usize {
    let _ = typ;
    // SAFETY: as the caller promises.
    unsafe {
        let Some(map) = m.as_mut() else { return 0 };
        if !map.check_nolock(Use::Write) {
            return 0;
        }
        map.start_write();
        // An unhashable key changes nothing: the locked call panics.
        let r = map.delete(key);
        map.end_write_nolock();
        r.is_ok() as usize
    }
}

/// `rgo_mapiterinit_nolock(thread, typ, m, it)`: [`rgo_mapiterinit`]
/// without the runtime lock; 1 when done, 0 to decline.
///
/// # Safety
/// Called by rt-arch's `rgo_rt_try` only; otherwise as for
/// [`rgo_mapiterinit`].
#[no_mangle]
pub unsafe extern "C" fn rgo_mapiterinit_nolock(_: *const ThreadHead, typ: *const Type, m: *mut Map, it: *mut Iter) -> usize {
    let _ = typ;
    // SAFETY: as the caller promises.
    unsafe {
        if m.as_ref().is_some_and(|map| !map.check_nolock(Use::Iterate)) {
            return 0;
        }
        if iter_start(m, it) {
            iter_step(&mut *it);
        }
    }
    1
}

/// `rgo_mapiternext_nolock(thread, it)`: [`rgo_mapiternext`] without the
/// runtime lock; 1 when done, 0 to decline.
///
/// # Safety
/// Called by rt-arch's `rgo_rt_try` only; otherwise as for
/// [`rgo_mapiternext`].
#[no_mangle]
pub unsafe extern "C" fn rgo_mapiternext_nolock(_: *const ThreadHead, it: *mut Iter) -> usize {
    // SAFETY: as the caller promises.
    unsafe {
        if (*it).map.as_ref().is_some_and(|map| !map.check_nolock(Use::Iterate)) {
            return 0;
        }
        iter_step(&mut *it);
    }
    1
}

/// Every (key, element) address pair of `m`, in table order.
///
/// # Safety
/// `m` must be null or a map; the addresses are valid until it changes.
pub unsafe fn entries(m: *const Map) -> alloc::vec::Vec<(*const u8, *const u8)> {
    let mut out = alloc::vec::Vec::new();
    // SAFETY: as the caller promises.
    let Some(map) = (unsafe { m.as_ref() }) else { return out };
    if map.groups.is_null() {
        return out;
    }
    for g in 0..=map.mask {
        let group = map.group_at(map.groups, g);
        for s in 0..SLOTS {
            // SAFETY: a control byte of the map's table.
            if unsafe { *group.add(s) } & 0x80 == 0 {
                out.push((map.key_at(group, s) as *const u8, map.elem_at(group, s) as *const u8));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
