//! The runtime side of package reflect's type constructors for Go
//! programs: `PtrTo`, `SliceOf`, `ArrayOf`, `MapOf` and `ChanOf` answer
//! with the program's own descriptor when it has the type (handed over by
//! [`rgo_addtypelinks`] at start-up) and build one otherwise, through the
//! reflect crate's interning constructors, so a type is one descriptor
//! however it was reached. The checks Go makes before building (key
//! comparable, size in range, direction valid) are made by the Go side,
//! which panics with Go's messages.

use crate::gocall::{call_func_all, call_method_all, CallFail};
use reflect::types::{self, build, Method, Type};

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

/// `(ftyp, f, args, nargs, rets, nrets)`: reflect's Value.Call after its
/// checks: calls the func value `f` of type `ftyp` on the goroutine stack
/// with argument `i` read from `args[i]` (a value of the parameter's
/// type, conversions done) and writes result `i` to `rets[i]`. A panic in
/// the callee goes on through this call to the Go caller's deferred calls.
///
/// # Safety
/// `f` must be a func value of type `ftyp`; `args` must hold `nargs`
/// pointers to values of the parameters' types and `rets` `nrets` pointers
/// to room for the results' (the Go side checked the counts and types).
#[no_mangle]
pub unsafe extern "C" fn rgo_reflect_call(
    ftyp: *const Type,
    f: *const (),
    args: *const *const u8,
    nargs: usize,
    rets: *const *mut u8,
    nrets: usize,
) {
    // SAFETY: as the caller promises (a count of 0 may come with any
    // pointer, so no slice is made of it).
    let (ftyp, args, rets) = unsafe {
        (
            &*ftyp,
            if nargs == 0 { &[][..] } else { core::slice::from_raw_parts(args, nargs) },
            if nrets == 0 { &[][..] } else { core::slice::from_raw_parts(rets, nrets) },
        )
    };
    // SAFETY: as the caller promises.
    match unsafe { call_func_all(ftyp, f, args, rets) } {
        Ok(()) => {}
        Err(CallFail::Layout | CallFail::NoCode) => crate::fatal::fatal("reflect: call of a function whose signature has no call layout"),
    }
}

/// `(recv, m, args, nargs, rets, nrets)`: Value.Call of a method value:
/// calls method `m` (an entry of `recv`'s method table) with `args[0]`
/// pointing at the receiver's interface data word and the method's
/// arguments after it; result `i` goes to `rets[i]`.
///
/// # Safety
/// `m` must be in `recv`'s method table; `args` must hold `nargs`
/// pointers (the receiver word first, then values of the parameters'
/// types) and `rets` `nrets` pointers to room for the results.
#[no_mangle]
pub unsafe extern "C" fn rgo_reflect_callmethod(
    recv: *const Type,
    m: *const Method,
    args: *const *const u8,
    nargs: usize,
    rets: *const *mut u8,
    nrets: usize,
) {
    // SAFETY: as the caller promises; the receiver word is always there.
    let (recv, m, args, rets) = unsafe {
        (
            &*recv,
            &*m,
            core::slice::from_raw_parts(args, nargs),
            if nrets == 0 { &[][..] } else { core::slice::from_raw_parts(rets, nrets) },
        )
    };
    // SAFETY: as the caller promises.
    match unsafe { call_method_all(m, recv, args, rets) } {
        Ok(()) => {}
        Err(CallFail::Layout | CallFail::NoCode) => crate::fatal::fatal("reflect: call of a method with no call layout"),
    }
}
