//! Tests of the heap and the collector, each on a heap of its own.

use super::sizeclass::{roundupsize, SIZE_CLASSES};
use super::*;
use reflect::types::{
    array_of, func_of, map_of, pointer_to, slice_of, struct_of, Field, TypeRef, EMPTY_INTERFACE, INT, STRING,
    UNSAFE_POINTER,
};
use std::boxed::Box;
use std::vec::Vec;

fn test_heap() -> Heap {
    Heap::reserve(256 << 20).expect("reserving a test heap")
}

/// `struct { next unsafe.Pointer; val int }`.
fn node_type() -> TypeRef {
    struct_of(&[Field::new("next", &UNSAFE_POINTER), Field::new("val", &INT)])
}

fn set(p: *mut u8, word: usize, v: usize) {
    // SAFETY: the tests only write words of objects they allocated.
    unsafe { *(p as *mut usize).add(word) = v };
}

fn get(p: *mut u8, word: usize) -> usize {
    // SAFETY: the tests only read words of objects they allocated.
    unsafe { *(p as *const usize).add(word) }
}

fn is_zero(p: *mut u8, len: usize) -> bool {
    // SAFETY: `p..p+len` is an object (or a freed one still mapped).
    unsafe { core::slice::from_raw_parts(p, len).iter().all(|&b| b == 0) }
}

/// A collection whose roots are the words of `roots`.
fn collect_with(h: &mut Heap, roots: &[usize]) {
    // SAFETY: `roots` is a live, aligned slice of words.
    h.collect(|m| unsafe { m.scan_words(roots.as_ptr() as usize, roots.len()) }, |_| {});
}

#[test]
fn gc_allocations_are_zeroed_aligned_and_distinct_per_class() {
    let mut h = test_heap();
    let mut sizes: Vec<usize> = Vec::new();
    for &s in &SIZE_CLASSES {
        let s = s as usize;
        sizes.push(s);
        if s > 8 {
            sizes.push(s - 7);
        }
    }
    sizes.extend([32769, 100_000, 1 << 20]);
    let mut seen: Vec<(usize, usize)> = Vec::new();
    for &size in &sizes {
        for k in 0..3 {
            let p = if k == 1 { h.alloc_ptrs(size) } else { h.alloc_noscan(size) }.unwrap();
            let a = p as usize;
            // Go's classes: 16-aligned from 16 bytes up, except the 24-byte class.
            let slot = roundupsize(size);
            assert_eq!(a % if slot % 16 == 0 { 16 } else { 8 }, 0, "size {size}");
            assert!(slot == 24 || slot < 16 || a % 16 == 0, "size {size}");
            assert!(is_zero(p, size), "size {size}");
            assert_eq!(h.find(a + size - 1), Some((a, roundupsize(size))), "size {size}");
            // SAFETY: the object is `size` bytes.
            unsafe { p.write_bytes(0xab, size) };
            seen.push((a, a + size));
        }
    }
    seen.sort();
    for w in seen.windows(2) {
        assert!(w[0].1 <= w[1].0, "overlap {:x?}", w);
    }
    assert_eq!(h.alloc_noscan(0).unwrap() as usize, core::ptr::addr_of!(ZEROBASE) as usize);
    assert_eq!(h.find(core::ptr::addr_of!(ZEROBASE) as usize), None);
}

fn bits(m: &Mask) -> Vec<usize> {
    (0..m.words).filter(|&k| m.get(k)).collect()
}

#[test]
fn gc_pointer_masks_follow_the_descriptors() {
    let mut h = test_heap();
    assert_eq!(bits(&h.pointer_mask(pointer_to(&INT))), [0]);
    assert_eq!(bits(&h.pointer_mask(&STRING)), [0]);
    assert_eq!(bits(&h.pointer_mask(slice_of(&INT))), [0]);
    assert_eq!(bits(&h.pointer_mask(&EMPTY_INTERFACE.typ)), [1]);
    assert_eq!(bits(&h.pointer_mask(&crate::testutil::error_iface().typ)), [1]);
    assert_eq!(bits(&h.pointer_mask(array_of(&STRING, 3))), [0, 2, 4]);
    assert_eq!(bits(&h.pointer_mask(array_of(&INT, 4))), [] as [usize; 0]);
    let pair = struct_of(&[Field::new("x", &INT), Field::new("y", pointer_to(&INT))]);
    let t = struct_of(&[
        Field::new("a", &INT),
        Field::new("p", pointer_to(&INT)),
        Field::new("s", &STRING),
        Field::new("sl", slice_of(&INT)),
        Field::new("i", &EMPTY_INTERFACE.typ),
        Field::new("arr", array_of(pair, 2)),
        Field::new("m", map_of(&INT, &INT)),
        Field::new("f", func_of(&[], &[], false)),
        Field::new("u", &UNSAFE_POINTER),
        Field::new("z", &INT),
    ]);
    assert_eq!(t.size, 17 * 8);
    assert_eq!(bits(&h.pointer_mask(t)), [1, 2, 4, 8, 10, 12, 13, 14, 15]);
    // Cached: the same answer again.
    assert_eq!(bits(&h.pointer_mask(t)), [1, 2, 4, 8, 10, 12, 13, 14, 15]);
    // Bigger than the cache holds: 160 words, then 300.
    let big = array_of(struct_of(&[Field::new("p", pointer_to(&INT)), Field::new("x", array_of(&INT, 3))]), 40);
    assert_eq!(bits(&h.pointer_mask(big)), (0..40).map(|i| 4 * i).collect::<Vec<_>>());
    // A descriptor whose structure shows no pointers but whose ptrdata
    // says there are some: its pointer prefix is scanned conservatively.
    let hand_made = Box::leak(Box::new(reflect::types::StructType {
        typ: reflect::types::Type {
            size: 32,
            ptrdata: 16,
            hash: 0,
            tflag: reflect::types::TFlag::empty(),
            align: 8,
            field_align: 8,
            kind: reflect::types::Kind::Struct,
            string: reflect::types::Str::new("hand"),
            uncommon: core::ptr::null(),
        },
        fields: reflect::types::List::new(&[]),
        pkg_path: reflect::types::Str::new(""),
    }));
    assert_eq!(bits(&h.pointer_mask(&hand_made.typ)), [0, 1]);
    let huge = array_of(pointer_to(&INT), 300);
    assert_eq!(bits(&h.pointer_mask(huge)).len(), 300);
}

#[test]
fn gc_collect_frees_unreachable_and_keeps_reachable() {
    let mut h = test_heap();
    let node = node_type();
    let r = h.alloc(16, Some(node)).unwrap();
    let a = h.alloc(16, Some(node)).unwrap();
    let b = h.alloc(16, Some(node)).unwrap();
    let c = h.alloc(16, Some(node)).unwrap();
    let d = h.alloc(16, Some(node)).unwrap();
    // An object reached only through a non-pointer word.
    let x = h.alloc(16, Some(node)).unwrap();
    set(r, 0, a as usize);
    set(a, 0, b as usize + 8); // interior pointer
    set(b, 1, 12345);
    set(d, 0, c as usize);
    set(b, 1, x as usize);
    let before = h.stats();
    collect_with(&mut h, &[r as usize]);
    let after = h.stats();
    assert_eq!(after.frees - before.frees, 3);
    for p in [r, a, b] {
        assert!(h.find(p as usize).is_some());
    }
    for p in [c, d, x] {
        assert_eq!(h.find(p as usize), None);
    }
    assert_eq!(get(a, 0), b as usize + 8);
    assert_eq!(get(b, 1), x as usize);
    // The freed slots are handed out again, zeroed.
    let mut again = Vec::new();
    for _ in 0..3 {
        let p = h.alloc(16, Some(node)).unwrap();
        assert!(is_zero(p, 16));
        again.push(p);
    }
    again.sort();
    let mut freed = [c, d, x];
    freed.sort();
    assert_eq!(again, freed);
}

#[test]
fn gc_stack_objects_are_scanned_only_when_pointed_into() {
    let mut h = test_heap();
    let node = node_type();
    let a = h.alloc(16, Some(node)).unwrap();
    let b = h.alloc(16, Some(node)).unwrap();
    let c = h.alloc(16, Some(node)).unwrap();
    // Two "frame variables": s1 = {a, 7, &s2}, s2 = {b}; pointer words 0
    // and 2 of s1, 0 of s2. c is held by an unregistered word only.
    let mut s2 = [b as usize, 0];
    let s1 = [a as usize, 7, s2.as_mut_ptr() as usize];
    static BITS1: [u8; 1] = [0b101];
    static BITS2: [u8; 1] = [0b1];
    let c_word = [c as usize];
    let run = |h: &mut Heap, root: usize| {
        h.collect(
            |m| {
                // SAFETY: the arrays live across the collection; each bitmap
                // has as many bits as its object's words.
                unsafe {
                    m.add_stack_object(s1.as_ptr() as usize, 3, BITS1.as_ptr());
                    m.add_stack_object(s2.as_ptr() as usize, 2, BITS2.as_ptr());
                    m.mark(root);
                }
            },
            |_| {},
        )
    };
    // A root pointing into s1 (interior) reaches a, and b through s2.
    run(&mut h, s1.as_ptr() as usize + 8);
    assert!(h.find(a as usize).is_some() && h.find(b as usize).is_some());
    assert_eq!(h.find(c as usize), None);
    // A root into s2 alone keeps b; nothing points into s1 any more.
    run(&mut h, s2.as_ptr() as usize);
    assert_eq!(h.find(a as usize), None);
    assert!(h.find(b as usize).is_some());
    // No root: neither stack object is scanned.
    run(&mut h, 0);
    assert_eq!(h.find(b as usize), None);
    let _ = (c_word, &mut s2);
}

#[test]
fn gc_interface_type_words_are_not_followed() {
    let mut h = test_heap();
    let any = &EMPTY_INTERFACE.typ;
    let i = h.alloc(16, Some(any)).unwrap();
    let t = h.alloc_noscan(32).unwrap();
    let v = h.alloc_noscan(32).unwrap();
    set(i, 0, t as usize);
    set(i, 1, v as usize);
    collect_with(&mut h, &[i as usize]);
    assert!(h.find(v as usize).is_some());
    assert_eq!(h.find(t as usize), None);
}

/// Pointer bits repeated per element, across bitmap words, for small and
/// big element masks: only the pointer words keep their targets.
#[test]
fn gc_array_objects_follow_element_masks() {
    let mut h = test_heap();
    let triple = struct_of(&[Field::new("x", &INT), Field::new("p", pointer_to(&INT)), Field::new("y", &INT)]);
    let pair = struct_of(&[Field::new("x", &INT), Field::new("p", pointer_to(&INT))]);
    let wide = struct_of(&[
        Field::new("a", array_of(&INT, 70)),
        Field::new("p", pointer_to(&INT)),
        Field::new("b", array_of(&INT, 29)),
    ]);
    assert_eq!(wide.size, 100 * 8);
    for (elem, n, ptr_word) in
        [(triple, 2usize, 1usize), (triple, 5, 1), (triple, 100, 1), (pair, 1000, 1), (wide, 3, 70)]
    {
        let ew = elem.size / 8;
        let mut objs = Vec::new();
        let mut kept = Vec::new();
        let mut dropped = Vec::new();
        for _ in 0..100 {
            let o = h.alloc(n * elem.size, Some(elem)).unwrap();
            for i in 0..n {
                for k in 0..ew {
                    let t = h.alloc_noscan(8).unwrap();
                    set(o, i * ew + k, t as usize);
                    if k == ptr_word {
                        kept.push(t)
                    } else {
                        dropped.push(t)
                    }
                }
            }
            objs.push(o as usize);
        }
        collect_with(&mut h, &objs);
        assert!(kept.iter().all(|&t| h.find(t as usize).is_some()));
        assert!(dropped.iter().all(|&t| h.find(t as usize).is_none()));
        collect_with(&mut h, &[]);
    }
}

/// The pointer bits of every object a typed allocation writes (through
/// the fast path once the type's mask is cached, the general one before
/// and for bigger objects) are the element mask repeated, any partial
/// element all pointers, and nothing past `size`, even in a slot whose
/// previous object had pointers everywhere.
#[test]
fn gc_typed_bits_match_the_mask_on_every_path() {
    let mut h = test_heap();
    let triple = struct_of(&[Field::new("x", &INT), Field::new("p", pointer_to(&INT)), Field::new("y", &INT)]);
    // Around 64 and 128 words (a value's bits in one bitmap word, in
    // several), a pointer in the last word, and a wide mask.
    let wide = struct_of(&[
        Field::new("a", array_of(&INT, 70)),
        Field::new("p", pointer_to(&INT)),
        Field::new("b", array_of(&INT, 57)),
        Field::new("q", pointer_to(&INT)),
    ]);
    let types = [
        node_type(),
        triple,
        &STRING,
        &EMPTY_INTERFACE.typ,
        slice_of(&INT),
        array_of(pointer_to(&INT), 64),
        array_of(pointer_to(&INT), 65),
        wide,
        array_of(triple, 40),
    ];
    for t in types {
        let mask = Mask::of(t);
        for size in [t.size, 2 * t.size, 3 * t.size + 8, 7 * t.size, 512, 520, 4096, t.size + 8] {
            if size < t.size {
                continue;
            }
            for round in 0..3 {
                // A slot full of stale pointer bits first (freed below), so
                // the typed object is written over them.
                let junk: Vec<usize> = (0..64).map(|_| h.alloc_ptrs(size).unwrap() as usize).collect();
                drop(junk);
                collect_with(&mut h, &[]);
                let p = h.alloc(size, Some(t)).unwrap() as usize;
                let slot = h.find(p).unwrap().1;
                let w0 = h.word_index(p);
                let count = size / t.size;
                for k in 0..slot / 8 {
                    let want = if k < count * mask.words {
                        mask.get(k % mask.words)
                    } else {
                        k < size.div_ceil(8)
                    };
                    let got = h.ptr_bits_at(w0 + k, 1) != 0;
                    assert_eq!(got, want, "type {} size {size} round {round} word {k}", t.string.as_str());
                }
            }
        }
    }
}

/// Objects come out of the cursors one by one, across bitmap words and
/// spans, each once; the statistics count exactly the objects handed out
/// (not the rest of a loaded cursor), before and after collections that
/// leave spans partly free, whose free slots are then reused.
#[test]
fn gc_cursors_hand_out_every_free_object_once_and_count_exactly() {
    let mut h = test_heap();
    let node = node_type();
    // Three whole spans of the 16-byte class (one page each).
    let n = 3 * super::sizeclass::PAGE_SIZE / 16;
    let mut objs: Vec<usize> = Vec::new();
    for i in 0..n {
        objs.push(h.alloc(16, Some(node)).unwrap() as usize);
        let s = h.stats();
        assert_eq!((s.mallocs, s.heap_alloc), (i as u64 + 1, 16 * (i as u64 + 1)));
    }
    let mut sorted = objs.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), objs.len());
    // Keep every third object: every span is left partly free.
    let kept: Vec<usize> = objs.iter().copied().step_by(3).collect();
    collect_with(&mut h, &kept);
    let s = h.stats();
    assert_eq!((s.heap_objects, s.heap_alloc), (kept.len() as u64, 16 * kept.len() as u64));
    // The freed slots are handed out again, before any new span.
    let freed: std::collections::HashSet<usize> =
        objs.iter().copied().filter(|p| !kept.contains(p)).collect();
    let again: Vec<usize> = (0..freed.len()).map(|_| h.alloc(16, Some(node)).unwrap() as usize).collect();
    assert!(again.iter().all(|p| freed.contains(p)));
    assert!(again.iter().all(|&p| is_zero(p as *mut u8, 16)));
    let s = h.stats();
    assert_eq!(s.heap_objects, objs.len() as u64);
    assert_eq!(s.mallocs, (objs.len() + again.len()) as u64);
    assert_eq!(s.total_alloc, 16 * s.mallocs);
}

#[test]
fn gc_long_list_is_marked_without_recursion() {
    let mut h = test_heap();
    let node = node_type();
    const N: usize = 1_000_000;
    let mut head = 0usize;
    for i in 0..N {
        let p = h.alloc(16, Some(node)).unwrap();
        set(p, 0, head);
        set(p, 1, i);
        head = p as usize;
    }
    collect_with(&mut h, &[head]);
    let s = h.stats();
    assert_eq!(s.frees, 0);
    assert_eq!(s.heap_objects, N as u64);
    assert_eq!(s.heap_alloc, 16 * N as u64);
    let (mut p, mut n) = (head, 0);
    while p != 0 {
        assert_eq!(get(p as *mut u8, 1), N - 1 - n);
        p = get(p as *mut u8, 0);
        n += 1;
    }
    assert_eq!(n, N);
    collect_with(&mut h, &[]);
    let s = h.stats();
    assert_eq!((s.frees, s.heap_objects, s.heap_alloc), (N as u64, 0, 0));
}

#[test]
fn gc_large_objects_are_scanned_and_freed() {
    let mut h = test_heap();
    const N: usize = 100_000;
    let big = h.alloc(8 * N, Some(pointer_to(&INT))).unwrap();
    let mut small = Vec::new();
    for i in 0..N {
        let p = h.alloc_noscan(8).unwrap();
        set(p, 0, i);
        set(big, i, p as usize);
        small.push(p);
    }
    // Rooted only by an interior pointer into the middle of the big object.
    collect_with(&mut h, &[big as usize + 4 * N]);
    assert_eq!(h.stats().frees, 0);
    for (i, &p) in small.iter().enumerate() {
        assert_eq!(get(p, 0), i);
    }
    let inuse = h.stats().heap_inuse;
    collect_with(&mut h, &[]);
    let s = h.stats();
    assert_eq!(s.frees, N as u64 + 1);
    assert_eq!(s.heap_inuse, 0);
    assert!(inuse >= 8 * N as u64);
    assert_eq!(h.find(big as usize), None);
}

#[test]
fn gc_freed_spans_and_pages_are_reused() {
    let mut h = test_heap();
    for _ in 0..10_000 {
        h.alloc_noscan(48).unwrap();
    }
    let sys = h.stats().heap_sys;
    collect_with(&mut h, &[]);
    for _ in 0..10_000 {
        h.alloc_ptrs(48).unwrap();
    }
    assert_eq!(h.stats().heap_sys, sys);
    // Adjacent free runs coalesce: two freed 5-page objects make room for 10 pages.
    collect_with(&mut h, &[]);
    let a = h.alloc_noscan(5 * PAGE_SIZE).unwrap();
    let b = h.alloc_noscan(5 * PAGE_SIZE).unwrap();
    let c = h.alloc_noscan(5 * PAGE_SIZE).unwrap();
    collect_with(&mut h, &[c as usize]);
    let d = h.alloc_noscan(10 * PAGE_SIZE).unwrap();
    assert_eq!(d as usize, (a as usize).min(b as usize));
}

#[test]
fn gc_free_memory_goes_back_to_the_os() {
    let mut h = test_heap();
    let len = 16 << 20;
    let p = h.alloc_noscan(len).unwrap();
    // SAFETY: the object is `len` bytes.
    unsafe { p.write_bytes(0x55, len) };
    collect_with(&mut h, &[]);
    // Freed in this cycle: kept for now.
    assert_eq!(h.stats().heap_released, 0);
    assert_eq!(get(p, 0), 0x5555_5555_5555_5555);
    collect_with(&mut h, &[]);
    assert_eq!(h.stats().heap_released, len as u64);
    // The kernel took the pages: they read as zero again.
    assert!(is_zero(p, len));
    // Reusing released pages needs no clearing and is counted back.
    let q = h.alloc_noscan(len).unwrap();
    assert_eq!(h.stats().heap_released, 0);
    assert!(is_zero(q, len));
    // SAFETY: the object is `len` bytes.
    unsafe { q.write_bytes(0x66, len) };
    collect_with(&mut h, &[]);
    h.release_free_memory();
    assert_eq!(h.stats().heap_released, len as u64);
    assert!(is_zero(q, len));
}

#[test]
fn gc_stats_are_consistent() {
    let mut h = test_heap();
    let node = node_type();
    let mut keep = Vec::new();
    let mut live = 0u64;
    for i in 0..20_000usize {
        let size = [8, 24, 100, 3000, 40_000][i % 5];
        let p = h.alloc(size, Some(node)).unwrap();
        if i % 3 == 0 {
            keep.push(p as usize);
            live += roundupsize(size) as u64;
        }
    }
    let s = h.stats();
    assert_eq!(s.mallocs, 20_000);
    assert_eq!(s.heap_alloc, s.total_alloc);
    // Per size class: 4,000 objects of each size, the 40,000-byte ones large.
    let (allocs, frees) = h.by_class();
    let class = |size: usize| super::sizeclass::class_of(size);
    for size in [8, 24, 100, 3000] {
        assert_eq!(allocs[class(size)], 4000, "class of {size}");
    }
    assert_eq!(allocs[super::sizeclass::NUM_CLASSES], 4000);
    assert_eq!(allocs.iter().sum::<u64>(), 20_000);
    assert_eq!(frees.iter().sum::<u64>(), 0);
    collect_with(&mut h, &keep);
    let (allocs, frees) = h.by_class();
    assert_eq!(allocs.iter().sum::<u64>(), 20_000);
    // Object i is kept when i % 3 == 0: 1,334 of the sizes at i % 5 == 0
    // and 3, 1,333 of the others.
    for (size, kept) in [(8, 1334), (24, 1333), (100, 1333), (3000, 1334)] {
        assert_eq!(frees[class(size)], 4000 - kept, "class of {size}");
    }
    assert_eq!(frees[super::sizeclass::NUM_CLASSES], 4000 - 1333);
    let s = h.stats();
    assert_eq!(s.heap_alloc, live);
    assert_eq!(s.last_live, live);
    assert_eq!(s.heap_objects, keep.len() as u64);
    assert_eq!(s.mallocs - s.frees, s.heap_objects);
    assert_eq!(s.heap_sys, s.heap_idle + s.heap_inuse);
    assert!(s.heap_inuse >= live && s.sys > s.heap_sys);
    assert_eq!(s.num_gc, 1);
    assert_eq!(s.next_gc, (live * 2).max(stats::HEAP_MINIMUM));
    assert!(s.pause_total_ns > 0 && s.pause_total_ns == s.last_pause_ns);
}

#[test]
fn gc_pacing_keeps_gos_sweep_distance_after_a_collection() {
    let mut h = test_heap();
    h.set_gc_percent(1);
    let live = 2u64 << 20;
    let p = h.alloc_noscan(live as usize).unwrap();
    collect_with(&mut h, &[p as usize]);
    // 1% of the live heap would be 20 KiB of growth: Go allows 1 MiB.
    let live = h.stats().last_live;
    assert_eq!(h.next_gc(), live + stats::SWEEP_MIN_HEAP_DISTANCE);
    h.alloc_noscan(512 << 10).unwrap();
    assert!(!h.should_collect());
    // A new percentage recomputes the goal without the floor, as Go's
    // commit does once the sweep is done.
    h.set_gc_percent(1);
    assert_eq!(h.next_gc(), live * 101 / 100);
    assert!(h.should_collect());
}

#[test]
fn gc_poison_mode_fills_freed_objects() {
    let mut h = test_heap();
    h.set_poison(true);
    let a = h.alloc_ptrs(64).unwrap();
    let b = h.alloc_ptrs(64).unwrap();
    set(a, 0, b as usize + 63);
    let c = h.alloc_ptrs(64).unwrap();
    set(c, 3, 7);
    collect_with(&mut h, &[a as usize]);
    assert_eq!(get(a, 0), b as usize + 63);
    for k in 0..8 {
        assert_eq!(get(c, k) as u64, POISON);
    }
    let d = h.alloc_ptrs(64).unwrap();
    assert_eq!(d, c);
    assert!(is_zero(d, 64));
}

#[test]
fn gc_pacing_follows_the_percentage() {
    let mut h = test_heap();
    assert_eq!(h.next_gc(), stats::HEAP_MINIMUM);
    assert_eq!(h.set_gc_percent(50), 100);
    assert_eq!(h.next_gc(), stats::HEAP_MINIMUM / 2);
    assert!(!h.should_collect());
    let p = h.alloc_noscan(3 << 20).unwrap();
    assert!(h.should_collect());
    collect_with(&mut h, &[p as usize]);
    assert_eq!(h.next_gc(), (3 << 20) * 3 / 2);
    assert!(!h.should_collect());
    assert_eq!(h.set_gc_percent(-1), 50);
    h.alloc_noscan(64 << 20).unwrap();
    assert!(!h.should_collect());
    assert_eq!(h.next_gc(), u64::MAX);
}

#[test]
fn gc_roots_by_bitmap_and_type_and_finalizers() {
    let mut h = test_heap();
    let a = h.alloc_noscan(8).unwrap() as usize;
    let b = h.alloc_noscan(8).unwrap() as usize;
    let c = h.alloc_noscan(8).unwrap() as usize;
    let d = h.alloc_noscan(8).unwrap() as usize;
    let f = h.alloc_ptrs(16).unwrap();
    let g = h.alloc_noscan(8).unwrap() as usize;
    set(f, 1, g);
    // Words: a (pointer), b (an integer), then a value of type `struct { x int; p *int }`.
    let frame = [a, b, c, d];
    let bitmap = [0b01u8];
    let pair = struct_of(&[Field::new("x", &INT), Field::new("p", pointer_to(&INT))]);
    let mut f_was_marked = true;
    h.collect(
        |m| {
            // SAFETY: `frame` is live; the bitmap covers its first two words,
            // and words 2..4 are a `pair`.
            unsafe {
                m.scan_bitmap(frame.as_ptr() as usize, 2, bitmap.as_ptr(), 0);
                m.scan_typed(frame.as_ptr() as usize + 16, pair);
            }
        },
        |m| {
            // A finalizer keeps its object (and what it reaches) for one more cycle.
            f_was_marked = m.is_marked(f as usize);
            assert!(m.is_marked(&frame as *const _ as usize));
            m.mark(f as usize);
        },
    );
    assert!(!f_was_marked);
    for (p, live) in [(a, true), (b, false), (c, false), (d, true), (f as usize, true), (g, true)] {
        assert_eq!(h.find(p).is_some(), live, "{p:x}");
    }
}

#[test]
fn gc_heap_over_a_fixed_dirty_region() {
    let mut region: Vec<u64> = std::vec![0x1111_1111_1111_1111; (8 << 20) / 8];
    // SAFETY: the vector outlives the heap and nothing else touches it meanwhile.
    let mut h = unsafe { Heap::new(region.as_mut_ptr() as *mut u8, 8 << 20, false) }.unwrap();
    let node = node_type();
    let mut keep = 0usize;
    for i in 0..10_000 {
        let p = h.alloc(16, Some(node)).unwrap();
        assert!(is_zero(p, 16));
        if i % 2 == 0 {
            set(p, 0, keep);
            keep = p as usize;
        }
    }
    let big = h.alloc_noscan(100_000).unwrap();
    assert!(is_zero(big, 100_000));
    collect_with(&mut h, &[keep]);
    assert_eq!(h.stats().heap_objects, 5_000);
    h.release_free_memory();
    assert_eq!(h.stats().heap_released, 0);
    // Filling the region up fails cleanly.
    while h.alloc_noscan(1 << 20).is_some() {}
    assert!(h.alloc_noscan(1 << 20).is_none());
    drop(h);
    drop(region);
}

#[test]
fn gc_runtime_heap_never_collects_before_enable() {
    let p = crate::heap::go_alloc(40, &reflect::types::UNSAFE_POINTER);
    assert!(is_zero(p, 40));
    assert!(!enabled());
    assert!(!collect(|_| panic!("roots"), |_| panic!("finalize")));
    assert!(!should_collect());
    assert!(with_heap(|h| h.find(p as usize).is_some()).unwrap());
}

/// Random object graphs checked against a model: after each collection
/// exactly the objects reachable from the roots (through pointer words,
/// often interior) remain, with their contents, and the numbers add up.
#[test]
fn gc_random_graphs_match_a_model() {
    random_graphs_match_a_model(None);
}

/// Marking shared with three more threads ([`MarkHelpers`]), from the
/// first byte of heap: the same graphs, the same model.
#[test]
fn gc_random_graphs_match_a_model_marked_by_four_threads() {
    random_graphs_match_a_model(Some(four_threads));
}

/// A [`MarkHelpers`] of the tests: the job on this thread and three others.
fn four_threads(f: &(dyn Fn() + Sync)) -> bool {
    std::thread::scope(|s| {
        for _ in 0..3 {
            s.spawn(f);
        }
        f();
    });
    true
}

/// Long chains, wide fans and big pointer arrays, marked by four threads
/// sharing the work: everything reachable survives, nothing else does,
/// whichever thread reached it.
#[test]
fn gc_shared_marking_keeps_exactly_what_is_reachable() {
    let mut h = test_heap();
    h.set_mark_helpers(Some(four_threads), 0);
    let node = node_type();
    // A chain of 20,000 nodes (the markers pass one node at a time), a
    // pointer array of 100,000 words (scanned in chunks) whose every
    // element starts a chain of 3, and garbage between them.
    let mut head = 0usize;
    for i in 0..20_000 {
        let p = h.alloc(16, Some(node)).unwrap();
        set(p, 0, head);
        set(p, 1, i);
        head = p as usize;
        h.alloc(16, Some(node)).unwrap();
    }
    let fan = h.alloc_ptrs(8 * 100_000).unwrap();
    for k in 0..100_000 {
        let mut next = 0usize;
        for j in 0..3 {
            let p = h.alloc(16, Some(node)).unwrap();
            set(p, 0, next);
            set(p, 1, k * 3 + j);
            next = p as usize;
        }
        set(fan, k, next);
        h.alloc(32, Some(node)).unwrap();
    }
    for round in 0..3 {
        collect_with(&mut h, &[head, fan as usize]);
        assert_eq!(h.stats().heap_objects, 20_000 + 1 + 300_000, "round {round}");
        let (mut p, mut n) = (head, 20_000);
        while p != 0 {
            n -= 1;
            assert_eq!(get(p as *mut u8, 1), n);
            p = get(p as *mut u8, 0);
        }
        assert_eq!(n, 0);
        for k in 0..100_000 {
            let mut p = get(fan, k);
            for j in (0..3).rev() {
                assert_eq!(get(p as *mut u8, 1), k * 3 + j);
                p = get(p as *mut u8, 0);
            }
        }
    }
    // Half the fan dropped: its chains go.
    for k in 0..50_000 {
        set(fan, k, 0);
    }
    collect_with(&mut h, &[head, fan as usize]);
    assert_eq!(h.stats().heap_objects, 20_000 + 1 + 150_000);
}

fn random_graphs_match_a_model(helpers: Option<MarkHelpers>) {
    struct Obj {
        addr: usize,
        slot: usize,
        /// Words that may hold pointers (scanned), and the other words.
        ptr_words: Vec<usize>,
        int_words: Vec<usize>,
        /// (word, target object address, offset into it) written.
        edges: Vec<(usize, usize, usize)>,
    }
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut next = move |n: usize| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng % n as u64) as usize
    };
    let mut h = test_heap();
    h.set_mark_helpers(helpers, 0);
    let node = node_type();
    let mut objs: Vec<Obj> = Vec::new();
    // The cross stages run this under qemu-user, where the full run took
    // four to five minutes (the longest test of ci/test): the heap's code is
    // the same Rust on every target, and fewer rounds still collect grown
    // heaps of every kind of object there, poisoned and not.
    let rounds = if cfg!(target_arch = "x86_64") { 30 } else { 9 };
    for round in 0..rounds {
        h.set_poison(round % 3 == 0);
        for _ in 0..1500 {
            let size = match next(10) {
                0 => 32769 + next(200_000),
                1..=3 => 8 + 8 * next(4000),
                _ => 8 + 8 * next(40),
            };
            let (p, ptr_words, int_words) = match next(3) {
                0 => (h.alloc_noscan(size).unwrap(), Vec::new(), (0..size / 8).collect()),
                1 => (h.alloc_ptrs(size).unwrap(), (0..size / 8).collect(), Vec::new()),
                _ => {
                    let size = size.div_ceil(16) * 16;
                    let p = h.alloc(size, Some(node)).unwrap();
                    ((p), (0..size / 16).map(|i| 2 * i).collect(), (0..size / 16).map(|i| 2 * i + 1).collect())
                }
            };
            assert!(is_zero(p, size));
            let slot = h.find(p as usize).unwrap().1;
            objs.push(Obj { addr: p as usize, slot, ptr_words, int_words, edges: Vec::new() });
        }
        // Random edges: pointer words (kept) and integer words (not followed).
        for _ in 0..4000 {
            let from = next(objs.len());
            let to = next(objs.len());
            let off = next(objs[to].slot);
            let target = objs[to].addr;
            let o = &mut objs[from];
            let words = if next(4) != 0 { &o.ptr_words } else { &o.int_words };
            if words.is_empty() {
                continue;
            }
            let w = words[next(words.len())];
            o.edges.retain(|e| e.0 != w);
            o.edges.push((w, target, off));
            set(o.addr as *mut u8, w, target + off);
        }
        let root_objs: Vec<usize> = (0..20).map(|_| next(objs.len())).collect();
        let roots: Vec<usize> = root_objs.iter().map(|&i| objs[i].addr + next(objs[i].slot)).collect();
        collect_with(&mut h, &roots);
        // The model's reachability.
        let index: std::collections::HashMap<usize, usize> =
            objs.iter().enumerate().map(|(i, o)| (o.addr, i)).collect();
        let mut live = std::vec![false; objs.len()];
        let mut stack = root_objs;
        while let Some(i) = stack.pop() {
            if std::mem::replace(&mut live[i], true) {
                continue;
            }
            for &(w, target, _) in &objs[i].edges {
                if objs[i].ptr_words.binary_search(&w).is_ok() {
                    stack.push(index[&target]);
                }
            }
        }
        let mut kept = Vec::new();
        for (o, l) in objs.into_iter().zip(live) {
            if l {
                assert_eq!(h.find(o.addr + o.slot - 1), Some((o.addr, o.slot)));
                for &(w, target, off) in &o.edges {
                    assert_eq!(get(o.addr as *mut u8, w), target + off);
                }
                kept.push(o);
            } else {
                assert_eq!(h.find(o.addr), None, "round {round}");
            }
        }
        objs = kept;
        let s = h.stats();
        assert_eq!(s.heap_objects, objs.len() as u64);
        assert_eq!(s.heap_alloc, objs.iter().map(|o| o.slot as u64).sum::<u64>());
        assert_eq!(s.heap_sys, s.heap_idle + s.heap_inuse);
        assert!(s.heap_released <= s.heap_idle);
        // Stale edges into freed objects would dangle: drop them from the
        // model (the words keep their old values, which is what Go allows
        // only for unreachable memory, so clear them).
        let alive: std::collections::HashSet<usize> = objs.iter().map(|o| o.addr).collect();
        for o in &mut objs {
            o.edges.retain(|&(w, target, _)| {
                let ok = alive.contains(&target);
                if !ok {
                    set(o.addr as *mut u8, w, 0);
                }
                ok
            });
        }
    }
}

/// `cargo test --release -p rt-core gc_bench -- --ignored --nocapture`:
/// allocation in steady state (into memory a collection just freed, as a
/// running program does) and marking.
#[test]
#[ignore]
fn gc_bench() {
    use std::time::Instant;
    let mut h = Heap::reserve(4 << 30).unwrap();
    let node = node_type();
    const N: usize = 2_000_000;
    // `count` allocations of `size` bytes, timed on their second round.
    let time = |name: &str, h: &mut Heap, size: usize, f: &dyn Fn(&mut Heap) -> Option<*mut u8>| {
        let count = N.min((64 << 20) / size);
        for _ in 0..count {
            f(h).unwrap();
        }
        collect_with(h, &[]);
        let t = Instant::now();
        for _ in 0..count {
            std::hint::black_box(f(h).unwrap());
        }
        std::println!("{name}: {:.1} ns", t.elapsed().as_nanos() as f64 / count as f64);
        collect_with(h, &[]);
    };
    time("alloc_noscan(16)", &mut h, 16, &|h| h.alloc_noscan(16));
    time("alloc(16, node)", &mut h, 16, &|h| h.alloc(16, Some(node)));
    time("alloc_ptrs(16)", &mut h, 16, &|h| h.alloc_ptrs(16));
    time("alloc(96, [6]node)", &mut h, 96, &|h| h.alloc(96, Some(node)));
    time("alloc_noscan(4000)", &mut h, 4000, &|h| h.alloc_noscan(4000));
    time("alloc_noscan(100_000)", &mut h, 100_000, &|h| h.alloc_noscan(100_000));
    let t = Instant::now();
    for _ in 0..N {
        std::hint::black_box(crate::heap::go_alloc_noscan(16));
    }
    std::println!(
        "heap::go_alloc_noscan(16), global heap under its lock: {:.1} ns",
        t.elapsed().as_nanos() as f64 / N as f64
    );
    // Marking: a list (each node a dependent load) and a tree-ish fan-out.
    let mut head = 0usize;
    for _ in 0..N {
        let p = h.alloc(16, Some(node)).unwrap();
        set(p, 0, head);
        head = p as usize;
    }
    let arr = h.alloc(8 * N, Some(pointer_to(&INT))).unwrap();
    for i in 0..N {
        set(arr, i, h.alloc_noscan(8).unwrap() as usize);
    }
    for _ in 0..N {
        h.alloc_noscan(16).unwrap();
    }
    let t = Instant::now();
    let mut marked = t;
    let roots = [head, arr as usize];
    // SAFETY: `roots` is live.
    h.collect(|m| unsafe { m.scan_words(roots.as_ptr() as usize, 2) }, |_| marked = Instant::now());
    std::println!(
        "mark: {:.1} ns per live object (list + array of pointers); sweep: {:.1} ns per object swept; pause {:.1} ms",
        (marked - t).as_nanos() as f64 / (2 * N) as f64,
        marked.elapsed().as_nanos() as f64 / (3 * N) as f64,
        t.elapsed().as_secs_f64() * 1e3
    );
    assert_eq!(h.stats().heap_objects, 2 * N as u64 + 1);
}
