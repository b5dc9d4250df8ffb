//! Type descriptors of the runtime's own structures on Go's heap (a
//! channel's header, a map's header), so the collector finds their
//! pointers the way it finds a Go value's: through the descriptor passed to
//! the allocator. Such a header has exactly one word that points into Go's
//! heap; every other word is a number or points elsewhere (type
//! descriptors, the runtime's Rust heap), which the collector must not
//! follow.

/// `static $name: StructType` describing `$rust` (a `#[repr(C)]` struct
/// whose size is a multiple of 8) to the collector: the word at byte
/// offset `$ptr` is a pointer into Go's heap, the rest are not. Shown by
/// `%T` as `$go_name`.
#[macro_export]
macro_rules! one_pointer_struct {
    ($vis:vis static $name:ident: $rust:ty = $go_name:literal, pointer at $ptr:expr) => {
        $vis static $name: reflect::types::StructType = {
            use reflect::types::{ArrayType, Kind, List, Str, StructField, StructType, TFlag, Type, UINTPTR, UNSAFE_POINTER};
            const SIZE: usize = core::mem::size_of::<$rust>();
            const PTR: usize = $ptr;
            const _: () = assert!(SIZE % 8 == 0 && PTR % 8 == 0 && PTR < SIZE);
            const fn words(name: &'static str, n: usize) -> ArrayType {
                ArrayType {
                    typ: Type {
                        size: n * 8,
                        ptrdata: 0,
                        hash: reflect::types::type_hash(name),
                        tflag: TFlag::empty(),
                        align: 8,
                        field_align: 8,
                        kind: Kind::Array,
                        string: Str::new(name),
                        uncommon: core::ptr::null(),
                    },
                    elem: &UINTPTR,
                    len: n,
                }
            }
            static BEFORE: ArrayType = words(concat!($go_name, ".before"), PTR / 8);
            static AFTER: ArrayType = words(concat!($go_name, ".after"), (SIZE - PTR - 8) / 8);
            static FIELDS: [StructField; 3] = [
                StructField { name: Str::new("before"), typ: &BEFORE.typ, offset: 0, tag: Str::new(""), embedded: false },
                StructField { name: Str::new("ptr"), typ: &UNSAFE_POINTER, offset: PTR, tag: Str::new(""), embedded: false },
                StructField { name: Str::new("after"), typ: &AFTER.typ, offset: PTR + 8, tag: Str::new(""), embedded: false },
            ];
            StructType {
                typ: Type {
                    size: SIZE,
                    ptrdata: PTR + 8,
                    hash: reflect::types::type_hash($go_name),
                    tflag: TFlag::empty(),
                    align: 8,
                    field_align: 8,
                    kind: Kind::Struct,
                    string: Str::new($go_name),
                    uncommon: core::ptr::null(),
                },
                fields: List::new(&FIELDS),
                pkg_path: Str::new("runtime"),
            }
        };
    };
}
