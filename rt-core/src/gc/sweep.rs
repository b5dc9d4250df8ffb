//! Sweeping, eagerly at the end of a collection: every span in use frees
//! its unmarked objects; an emptied span goes back to the page heap, one
//! with free slots onto its class's list. Marks are cleared on the way, so
//! the next collection starts with none.

use super::sizeclass::NUM_CLASSES;
use super::span::{FREE, INUSE, LARGE, NIL};
use super::Heap;

/// What freed objects are filled with in poison mode.
pub const POISON: u64 = 0xdead_beef_dead_beef;

impl Heap {
    pub(crate) fn sweep(&mut self) {
        // Sweeping changes the spans' `alloc` bits and frees spans: no
        // cursor may keep a word it loaded before.
        self.drop_cursors();
        for c in self.partial.iter_mut() {
            *c = NIL;
        }
        let mut live = 0usize;
        let mut s = 0;
        while s < self.frontier {
            let (state, npages) = {
                let sp = self.span(s);
                (sp.state, sp.npages as usize)
            };
            let mut next = s + npages;
            debug_assert!(state == INUSE || state == FREE);
            if state == INUSE {
                let (kept, bytes) = self.sweep_span(s);
                if kept == 0 {
                    let (start, len) = self.free_pages(s);
                    next = next.max(start + len);
                } else {
                    live += bytes;
                }
            }
            s = next;
        }
        self.heap_live = live;
    }

    /// Frees the unmarked objects of span `s`: the objects kept and their bytes.
    fn sweep_span(&mut self, s: usize) -> (usize, usize) {
        let base = self.page_addr(s);
        let poison = self.poison;
        let sp = self.span_mut(s);
        let size = sp.elem_size;
        let mut kept = 0;
        let mut freed = 0;
        for w in 0..sp.bit_words() {
            let dead = sp.alloc[w] & !sp.mark[w];
            if dead != 0 && poison {
                let mut d = dead;
                while d != 0 {
                    let idx = w * 64 + d.trailing_zeros() as usize;
                    let p = (base + idx * size) as *mut u64;
                    for k in 0..size / 8 {
                        // SAFETY: the words of an unreachable object of the span.
                        unsafe { *p.add(k) = POISON };
                    }
                    d &= d - 1;
                }
            }
            freed += dead.count_ones() as usize;
            sp.alloc[w] &= sp.mark[w];
            sp.mark[w] = 0;
            kept += sp.alloc[w].count_ones() as usize;
        }
        if freed != 0 {
            sp.needzero = true;
        }
        sp.next_word = 0;
        let (class, noscan, nelems) = (sp.class, sp.noscan, sp.nelems as usize);
        self.frees += freed as u64;
        self.class_frees[if class == LARGE { NUM_CLASSES } else { class as usize }] += freed as u64;
        if kept != 0 && kept < nelems && class != LARGE {
            let ci = class as usize * 2 + noscan as usize;
            self.span_mut(s).next = self.partial[ci];
            self.partial[ci] = s as u32;
        }
        (kept, kept * size)
    }
}
