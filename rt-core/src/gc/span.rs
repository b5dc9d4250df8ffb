//! Span records: one per heap page, meaningful for the first page of a run
//! (a span in use, or a run of free pages). A span in use holds objects of
//! one size class, or one large object; its allocation and mark bits are
//! per object and live in the record. Objects are handed out through the
//! heap's cursors ([`super::Cursor`]), which claim them in the `alloc` bits.

use super::sizeclass::{CLASS_DIV, MAX_SPAN_OBJECTS};

/// "No span": the end of a list, an empty slot.
pub(crate) const NIL: u32 = u32::MAX;

/// A page that starts no run (inside one, or beyond the frontier).
pub(crate) const NONE: u8 = 0;
/// The first page of a run of free pages.
pub(crate) const FREE: u8 = 1;
/// The first page of a span in use.
pub(crate) const INUSE: u8 = 2;

/// `Span::class` of a span holding one large object.
pub(crate) const LARGE: u8 = u8::MAX;

/// Words of a per-object bitmap.
pub(crate) const BITS_WORDS: usize = MAX_SPAN_OBJECTS / 64;

#[repr(C)]
pub(crate) struct Span {
    pub npages: u32,
    /// [`NONE`], [`FREE`] or [`INUSE`].
    pub state: u8,
    /// Size class, or [`LARGE`].
    pub class: u8,
    /// The objects hold no pointers (never scanned).
    pub noscan: bool,
    /// Free slots may hold old data: zero each object as it is handed out.
    pub needzero: bool,
    pub nelems: u32,
    /// While the span is its class's current one: the next word of `alloc`
    /// the class's cursor has not loaded yet.
    pub next_word: u32,
    /// Bytes of one object (the whole span for a large one).
    pub elem_size: usize,
    /// Links of the list the run is on (free lists are doubly linked, the
    /// per-class lists of spans with free slots use `next` only).
    pub next: u32,
    pub prev: u32,
    /// For a free run: the collection cycle in which it became free.
    pub free_since: u32,
    /// Bit i: object i is allocated.
    pub alloc: [u64; BITS_WORDS],
    /// Bit i: object i was reached in this collection (all clear outside one).
    pub mark: [u64; BITS_WORDS],
}

impl Span {
    /// Makes this record an empty span of `npages` pages holding objects of
    /// `class` (or one large object).
    pub fn init_objects(&mut self, npages: usize, class: u8, noscan: bool) {
        self.state = INUSE;
        self.npages = npages as u32;
        self.class = class;
        self.noscan = noscan;
        self.needzero = false;
        let span_bytes = npages << super::sizeclass::PAGE_SHIFT;
        if class == LARGE {
            self.elem_size = span_bytes;
            self.nelems = 1;
        } else {
            self.elem_size = super::sizeclass::SIZE_CLASSES[class as usize] as usize;
            self.nelems = (span_bytes / self.elem_size) as u32;
        }
        self.next_word = 0;
        let words = self.bit_words();
        self.alloc[..words].fill(0);
        self.mark[..words].fill(0);
        self.next = NIL;
        self.prev = NIL;
    }

    /// Words of `alloc` and `mark` in use.
    #[inline]
    pub fn bit_words(&self) -> usize {
        (self.nelems as usize).div_ceil(64)
    }

    /// The free objects among `64 * w .. 64 * w + 64` (bit i: object
    /// `64 * w + i`), none past the last object.
    #[inline]
    pub fn free_in_word(&self, w: usize) -> u64 {
        let left = self.nelems as usize - 64 * w;
        let valid = if left >= 64 { u64::MAX } else { (1 << left) - 1 };
        !self.alloc[w] & valid
    }

    /// The index of the object holding byte `off` of the span.
    #[inline]
    pub fn index_of(&self, off: usize) -> usize {
        if self.class == LARGE {
            0
        } else {
            ((off as u64 * CLASS_DIV[self.class as usize] as u64) >> 32) as usize
        }
    }
}
