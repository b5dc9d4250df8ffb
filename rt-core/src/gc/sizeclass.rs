//! Go 1.19's malloc size classes: the one table of object sizes of the
//! runtime. The heap carves spans into these sizes, and `append` rounds
//! capacities up to them ([`crate::slices`]) so `cap()` matches gc's.

/// Log2 of the heap's page size.
pub const PAGE_SHIFT: usize = 13;
/// The heap's page (Go's runtime page, not the OS page): spans are runs of
/// these.
pub const PAGE_SIZE: usize = 1 << PAGE_SHIFT;
/// The largest small object; bigger ones get spans of their own.
pub const MAX_SMALL_SIZE: usize = 32768;
/// Number of small size classes (Go's class 0, "large", is not one here).
pub const NUM_CLASSES: usize = 67;

/// Object size of each class (Go's `class_to_size` without class 0).
pub const SIZE_CLASSES: [u16; NUM_CLASSES] = [
    8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352, 384, 416, 448, 480,
    512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864,
    5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480,
    21760, 24576, 27264, 28672, 32768,
];

/// Pages of one span of each class (Go's `class_to_allocnpages`).
pub const CLASS_PAGES: [u8; NUM_CLASSES] = [
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 2, 1,
    2, 1, 3, 2, 3, 1, 3, 2, 3, 4, 5, 6, 1, 7, 6, 5, 4, 3, 5, 7, 2, 9, 7, 5, 8, 3, 10, 7, 4,
];

/// Objects per span of each class.
pub const CLASS_OBJECTS: [u16; NUM_CLASSES] = {
    let mut t = [0u16; NUM_CLASSES];
    let mut c = 0;
    while c < NUM_CLASSES {
        t[c] = (CLASS_PAGES[c] as usize * PAGE_SIZE / SIZE_CLASSES[c] as usize) as u16;
        c += 1;
    }
    t
};

/// The most objects a span holds (8-byte objects on one page).
pub const MAX_SPAN_OBJECTS: usize = PAGE_SIZE / 8;

/// `offset / size` as `(offset * CLASS_DIV[c]) >> 32`: exact for every
/// offset inside a span of the class (spans are at most 80 KiB).
pub const CLASS_DIV: [u32; NUM_CLASSES] = {
    let mut t = [0u32; NUM_CLASSES];
    let mut c = 0;
    while c < NUM_CLASSES {
        t[c] = (u32::MAX / SIZE_CLASSES[c] as u32).wrapping_add(1);
        c += 1;
    }
    t
};

/// Class of sizes 1..=1024 by `(size + 7) / 8`.
const SMALL_STEP: usize = 8;
const SMALL_MAX: usize = 1024;
/// Class of sizes 1025..=32768 by `(size - 1024 + 127) / 128`.
const LARGE_STEP: usize = 128;

const fn first_class_fitting(size: usize) -> u8 {
    let mut c = 0;
    while (SIZE_CLASSES[c] as usize) < size {
        c += 1;
    }
    c as u8
}

static SMALL_LOOKUP: [u8; SMALL_MAX / SMALL_STEP + 1] = {
    let mut t = [0u8; SMALL_MAX / SMALL_STEP + 1];
    let mut i = 0;
    while i < t.len() {
        t[i] = first_class_fitting(i * SMALL_STEP);
        i += 1;
    }
    t
};

static LARGE_LOOKUP: [u8; (MAX_SMALL_SIZE - SMALL_MAX) / LARGE_STEP + 1] = {
    let mut t = [0u8; (MAX_SMALL_SIZE - SMALL_MAX) / LARGE_STEP + 1];
    let mut i = 0;
    while i < t.len() {
        t[i] = first_class_fitting(SMALL_MAX + i * LARGE_STEP);
        i += 1;
    }
    t
};

/// The class of the smallest objects holding `size` bytes
/// (`1..=MAX_SMALL_SIZE`).
#[inline]
pub fn class_of(size: usize) -> usize {
    debug_assert!((1..=MAX_SMALL_SIZE).contains(&size));
    if size <= SMALL_MAX {
        SMALL_LOOKUP[size.div_ceil(SMALL_STEP)] as usize
    } else {
        LARGE_LOOKUP[(size - SMALL_MAX).div_ceil(LARGE_STEP)] as usize
    }
}

/// Go's `roundupsize`: the bytes malloc really hands out for `size`: the
/// smallest size class that fits, or whole pages for large objects.
pub fn roundupsize(size: usize) -> usize {
    if size == 0 {
        return 0;
    }
    if size <= MAX_SMALL_SIZE {
        return SIZE_CLASSES[class_of(size)] as usize;
    }
    match size.checked_add(PAGE_SIZE - 1) {
        Some(s) => s & !(PAGE_SIZE - 1),
        None => size,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gc_size_class_tables_agree() {
        for size in 1..=MAX_SMALL_SIZE {
            let c = class_of(size);
            assert!(SIZE_CLASSES[c] as usize >= size, "size {size}");
            assert!(c == 0 || (SIZE_CLASSES[c - 1] as usize) < size, "size {size}");
        }
        // Go's table: 1408-byte objects on 2 pages make 11 per span.
        assert_eq!(CLASS_OBJECTS[class_of(1408)], 11);
        assert_eq!(CLASS_OBJECTS[0] as usize, MAX_SPAN_OBJECTS);
        for c in 0..NUM_CLASSES {
            let size = SIZE_CLASSES[c] as usize;
            let span = CLASS_PAGES[c] as usize * PAGE_SIZE;
            for i in 0..CLASS_OBJECTS[c] as usize {
                for off in [i * size, i * size + size - 1] {
                    assert_eq!(((off as u64 * CLASS_DIV[c] as u64) >> 32) as usize, i, "class {c} off {off}");
                }
            }
            assert!(span / size >= 1);
        }
        assert_eq!(roundupsize(MAX_SMALL_SIZE + 1), MAX_SMALL_SIZE + PAGE_SIZE);
        assert_eq!(roundupsize(33), 48);
    }
}
