//! The page heap: a region of address space cut into 8 KiB pages, tiled
//! from its start up to a frontier by runs (spans in use and runs of free
//! pages); pages past the frontier were never used. Free runs coalesce with
//! their neighbours and sit on lists by length.
//!
//! The region starts with the heap's metadata (one entry per page in each
//! table), then the pages:
//! - the page table: for each page, the first page of the run holding it
//!   (exact for every page of a span in use and for the first and last page
//!   of a free run; stale elsewhere, which is why every lookup checks that
//!   the run found covers the page);
//! - the span records ([`Span`]), one per page;
//! - the pointer bits: one per heap word;
//! - the dirty bits: one per page, set when the page may hold non-zero
//!   bytes (fresh and released pages read as zero).

use super::sizeclass::{PAGE_SHIFT, PAGE_SIZE};
use super::span::{Span, FREE, INUSE, NIL, NONE};
use super::Heap;
use crate::os;

/// Free runs of up to this many pages sit on a list per length; longer
/// ones share one list (index 0).
pub(crate) const EXACT_LISTS: usize = 128;

/// Metadata bytes per page: page table entry, span record, pointer bits
/// (one per word) and the dirty bit, rounded up.
pub(crate) const META_PER_PAGE: usize = 4 + core::mem::size_of::<Span>() + PAGE_SIZE / 64 + 1;

/// Where the heap's tables and pages sit inside a region.
pub(crate) struct Layout {
    pub page_table: usize,
    pub spans: usize,
    pub ptr_bits: usize,
    pub dirty: usize,
    pub arena: usize,
    pub pages: usize,
}

fn align_up(x: usize, a: usize) -> usize {
    (x + a - 1) & !(a - 1)
}

/// The most pages a region of `len` bytes at `base` holds beside their
/// metadata, and where everything goes; `None` when not even one page fits.
pub(crate) fn layout(base: usize, len: usize) -> Option<Layout> {
    let end = base.checked_add(len)?;
    let mut pages = len / (PAGE_SIZE + META_PER_PAGE);
    loop {
        if pages == 0 {
            return None;
        }
        let page_table = align_up(base, 8);
        let spans = align_up(page_table + 4 * pages, 8);
        let ptr_bits = align_up(spans + core::mem::size_of::<Span>() * pages, 8);
        let dirty = align_up(ptr_bits + pages * (PAGE_SIZE / 64), 8);
        let arena = align_up(dirty + pages.div_ceil(64) * 8, PAGE_SIZE);
        if arena.checked_add(pages * PAGE_SIZE).is_some_and(|e| e <= end) {
            return Some(Layout { page_table, spans, ptr_bits, dirty, arena, pages });
        }
        pages -= 1;
    }
}

impl Heap {
    #[inline]
    pub(crate) fn span(&self, s: usize) -> &Span {
        debug_assert!(s < self.max_pages);
        // SAFETY: `spans` holds `max_pages` records, all written before use
        // (pages below the frontier), and `&self` excludes writers.
        unsafe { &*self.spans.add(s) }
    }

    #[inline]
    pub(crate) fn span_mut(&mut self, s: usize) -> &mut Span {
        debug_assert!(s < self.max_pages);
        // SAFETY: as in `span`, with `&mut self` for exclusive access.
        unsafe { &mut *self.spans.add(s) }
    }

    #[inline]
    pub(crate) fn page_entry(&self, page: usize) -> usize {
        debug_assert!(page < self.max_pages);
        // SAFETY: the page table has `max_pages` entries.
        unsafe { *self.page_table.add(page) as usize }
    }

    #[inline]
    fn set_page_entry(&mut self, page: usize, start: usize) {
        debug_assert!(page < self.max_pages);
        // SAFETY: as in `page_entry`.
        unsafe { *self.page_table.add(page) = start as u32 };
    }

    #[inline]
    pub(crate) fn page_addr(&self, page: usize) -> usize {
        self.arena + (page << PAGE_SHIFT)
    }

    fn dirty_word(&mut self, i: usize) -> &mut u64 {
        debug_assert!(i < self.max_pages.div_ceil(64));
        // SAFETY: the dirty bitmap has a bit for each of `max_pages` pages.
        unsafe { &mut *self.dirty.add(i) }
    }

    fn is_dirty(&mut self, page: usize) -> bool {
        *self.dirty_word(page / 64) >> (page % 64) & 1 != 0
    }

    fn set_dirty(&mut self, page: usize, dirty: bool) {
        let w = self.dirty_word(page / 64);
        if dirty {
            *w |= 1 << (page % 64);
        } else {
            *w &= !(1 << (page % 64));
        }
    }

    /// Calls `f(first, end)` for each maximal range of dirty pages in
    /// `start..end`.
    fn dirty_ranges(&mut self, start: usize, end: usize, mut f: impl FnMut(&mut Heap, usize, usize)) {
        let mut p = start;
        while p < end {
            if p % 64 == 0 && end - p >= 64 && *self.dirty_word(p / 64) == 0 {
                p += 64;
                continue;
            }
            if !self.is_dirty(p) {
                p += 1;
                continue;
            }
            let q = p;
            while p < end && self.is_dirty(p) {
                p += 1;
            }
            f(self, q, p);
        }
    }

    // ----- free lists -----

    fn list_of(npages: usize) -> usize {
        if npages <= EXACT_LISTS {
            npages
        } else {
            0
        }
    }

    fn push_free(&mut self, s: usize) {
        let l = Self::list_of(self.span(s).npages as usize);
        let head = self.free_heads[l];
        {
            let sp = self.span_mut(s);
            sp.prev = NIL;
            sp.next = head;
        }
        if head != NIL {
            self.span_mut(head as usize).prev = s as u32;
        }
        self.free_heads[l] = s as u32;
        self.free_nonempty[l / 64] |= 1 << (l % 64);
    }

    fn unlink_free(&mut self, s: usize) {
        let (prev, next, npages) = {
            let sp = self.span(s);
            (sp.prev, sp.next, sp.npages as usize)
        };
        let l = Self::list_of(npages);
        if prev == NIL {
            self.free_heads[l] = next;
            if next == NIL {
                self.free_nonempty[l / 64] &= !(1 << (l % 64));
            }
        } else {
            self.span_mut(prev as usize).next = next;
        }
        if next != NIL {
            self.span_mut(next as usize).prev = prev;
        }
    }

    /// Records `start..start+npages` as a free run (not yet on a list).
    fn make_free_run(&mut self, start: usize, npages: usize, since: u32) {
        let sp = self.span_mut(start);
        sp.state = FREE;
        sp.npages = npages as u32;
        sp.free_since = since;
        self.set_page_entry(start, start);
        self.set_page_entry(start + npages - 1, start);
    }

    /// A free run of at least `npages` pages, unlinked: the shortest exact
    /// list that has one, else the best fit among the long runs.
    fn find_free(&mut self, npages: usize) -> Option<usize> {
        if npages <= EXACT_LISTS {
            let mut l = npages;
            while l <= EXACT_LISTS {
                let word = self.free_nonempty[l / 64] >> (l % 64);
                if word != 0 {
                    l += word.trailing_zeros() as usize;
                    if l <= EXACT_LISTS {
                        let s = self.free_heads[l] as usize;
                        self.unlink_free(s);
                        return Some(s);
                    }
                    break;
                }
                l = (l / 64 + 1) * 64;
            }
        }
        let mut best = NIL;
        let mut best_len = usize::MAX;
        let mut s = self.free_heads[0];
        while s != NIL {
            let sp = self.span(s as usize);
            let n = sp.npages as usize;
            if n >= npages && n < best_len {
                best = s;
                best_len = n;
            }
            s = sp.next;
        }
        if best == NIL {
            return None;
        }
        self.unlink_free(best as usize);
        Some(best as usize)
    }

    /// Takes `npages` pages for a new span: from a free run (splitting off
    /// the rest) or by moving the frontier, mapped to their new span in the
    /// page table; the caller initializes the record. With `zero`, pages
    /// that may hold old data are cleared; without, the result says whether
    /// there were any (the span then clears each object as it hands it out,
    /// just before the program writes it, rather than all of them now).
    pub(crate) fn alloc_pages(&mut self, npages: usize, zero: bool) -> Option<(usize, bool)> {
        if npages == 0 || npages > self.max_pages {
            return None;
        }
        // `was_free`: pages of the new span that were free below the frontier.
        let (start, was_free) = match self.find_free(npages) {
            Some(s) => {
                let (have, since) = (self.span(s).npages as usize, self.span(s).free_since);
                if have > npages {
                    self.make_free_run(s + npages, have - npages, since);
                    self.push_free(s + npages);
                }
                (s, npages)
            }
            None => {
                // Extend the free run ending at the frontier, if there is
                // one (it is shorter than `npages`, or it would have been found).
                let mut start = self.frontier;
                if self.frontier > 0 {
                    let last = self.page_entry(self.frontier - 1);
                    if last < self.frontier {
                        let sp = self.span(last);
                        if sp.state == FREE && last + sp.npages as usize == self.frontier {
                            start = last;
                        }
                    }
                }
                if start.checked_add(npages)? > self.max_pages {
                    return None;
                }
                let have = self.frontier - start;
                if have > 0 {
                    self.unlink_free(start);
                }
                for p in self.frontier..start + npages {
                    self.span_mut(p).state = NONE;
                }
                self.frontier = start + npages;
                (start, have)
            }
        };
        // They leave the idle set; the clean ones were counted as released.
        self.idle_pages -= was_free;
        let mut clean = 0;
        for p in start..start + was_free {
            if !self.is_dirty(p) {
                clean += 1;
            }
        }
        self.released_pages -= clean;
        // Zero what may hold old data; everything is dirty from now on.
        let mut dirty = false;
        self.dirty_ranges(start, start + npages, |h, a, b| {
            dirty = true;
            if zero {
                // SAFETY: pages a..b are inside the arena and belong to no span.
                unsafe { core::ptr::write_bytes(h.page_addr(a) as *mut u8, 0, (b - a) << PAGE_SHIFT) };
            }
        });
        for p in start..start + npages {
            self.set_dirty(p, true);
            self.set_page_entry(p, start);
        }
        {
            let sp = self.span_mut(start);
            sp.state = INUSE;
            sp.npages = npages as u32;
        }
        for p in start + 1..start + npages {
            self.span_mut(p).state = NONE;
        }
        self.inuse_pages += npages;
        Some((start, dirty && !zero))
    }

    /// Returns the pages of span `s` to the free runs, merging with free
    /// neighbours; the merged run's first page and length.
    pub(crate) fn free_pages(&mut self, s: usize) -> (usize, usize) {
        let mut start = s;
        let mut npages = self.span(s).npages as usize;
        self.inuse_pages -= npages;
        self.idle_pages += npages;
        self.span_mut(s).state = NONE;
        if start > 0 {
            let left = self.page_entry(start - 1);
            if left < start {
                let sp = self.span(left);
                if sp.state == FREE && left + sp.npages as usize == start {
                    self.unlink_free(left);
                    npages += self.span(left).npages as usize;
                    start = left;
                }
            }
        }
        let right = start + npages;
        if right < self.frontier {
            let sp = self.span(right);
            if sp.state == FREE && self.page_entry(right) == right {
                let n = sp.npages as usize;
                self.unlink_free(right);
                self.span_mut(right).state = NONE;
                npages += n;
            }
        }
        self.make_free_run(start, npages, self.cycle);
        self.push_free(start);
        (start, npages)
    }

    /// Gives the memory of free pages `a..b` back to the OS. Kernels with
    /// pages bigger than ours (16 or 64 KiB on some arm64 systems) refuse
    /// ranges not aligned to theirs: then what is aligned inside goes.
    fn release_range(&mut self, a: usize, b: usize) {
        for os_page in [os::PAGE_SIZE, 16 << 10, 64 << 10] {
            let lo = align_up(self.page_addr(a), os_page.max(PAGE_SIZE));
            let hi = self.page_addr(b) & !(os_page.max(PAGE_SIZE) - 1);
            if lo >= hi {
                continue;
            }
            // SAFETY: the range is inside free pages a..b of the region's
            // private mapping; nothing uses their contents.
            if unsafe { os::release_pages(lo as *mut u8, hi - lo) } {
                let (pa, pb) = ((lo - self.arena) >> PAGE_SHIFT, (hi - self.arena) >> PAGE_SHIFT);
                for p in pa..pb {
                    self.set_dirty(p, false);
                }
                self.released_pages += pb - pa;
                return;
            }
        }
    }

    /// Gives the memory of free runs back to the OS: those free since an
    /// earlier cycle, or all of them.
    pub(crate) fn release(&mut self, all: bool) {
        if !self.releasable {
            return;
        }
        for l in 0..=EXACT_LISTS {
            let mut s = self.free_heads[l];
            while s != NIL {
                let (next, npages, since) = {
                    let sp = self.span(s as usize);
                    (sp.next, sp.npages as usize, sp.free_since)
                };
                if all || since < self.cycle {
                    let s = s as usize;
                    self.dirty_ranges(s, s + npages, |h, a, b| h.release_range(a, b));
                }
                s = next;
            }
        }
    }
}
