//! The runtime side of package reflect's type constructors for Go
//! programs: `PtrTo`, `SliceOf`, `ArrayOf`, `MapOf` and `ChanOf` answer
//! with the program's own descriptor when it has the type (handed over by
//! [`rgo_addtypelinks`] at start-up) and build one otherwise, through the
//! reflect crate's interning constructors, so a type is one descriptor
//! however it was reached. The checks Go makes before building (key
//! comparable, size in range, direction valid) are made by the Go side,
//! which panics with Go's messages.

use reflect::types::{self, build, Type};

/// `(links)`: a count, then that many descriptor addresses: the program's
/// descriptors become the constructors' answers for their types.
///
/// # Safety
/// `links` must point at a count `n` followed by `n` addresses of
/// descriptors that live as long as the program.
#[no_mangle]
pub unsafe extern "C" fn rgo_addtypelinks(links: *const usize) {
    // SAFETY: as the caller promises.
    let descs = unsafe { core::slice::from_raw_parts(links.add(1) as *const &'static Type, *links) };
    build::seed(descs.iter().copied());
}

/// `*elem`.
///
/// # Safety
/// `elem` must be a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn rgo_reflect_ptrto(elem: *const Type) -> *const Type {
    // SAFETY: as the caller promises.
    types::pointer_to(unsafe { &*elem })
}

/// `[]elem`.
///
/// # Safety
/// `elem` must be a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn rgo_reflect_sliceof(elem: *const Type) -> *const Type {
    // SAFETY: as the caller promises.
    types::slice_of(unsafe { &*elem })
}

/// `[len]elem`; the caller has checked that its size fits.
///
/// # Safety
/// `elem` must be a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn rgo_reflect_arrayof(len: usize, elem: *const Type) -> *const Type {
    // SAFETY: as the caller promises.
    types::array_of(unsafe { &*elem }, len)
}

/// `map[key]elem`; the caller has checked that `key` is comparable.
///
/// # Safety
/// `key` and `elem` must be live descriptors.
#[no_mangle]
pub unsafe extern "C" fn rgo_reflect_mapof(key: *const Type, elem: *const Type) -> *const Type {
    // SAFETY: as the caller promises.
    types::map_of(unsafe { &*key }, unsafe { &*elem })
}

/// `chan elem` in direction `dir` (1 receive, 2 send, 3 both; checked by
/// the caller).
///
/// # Safety
/// `elem` must be a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn rgo_reflect_chanof(dir: u8, elem: *const Type) -> *const Type {
    // SAFETY: as the caller promises.
    types::chan_of(dir, unsafe { &*elem })
}
