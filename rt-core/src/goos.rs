//! Package os, as far as rgo provides it: `os.Args`, `os.Environ`,
//! `os.Getenv` and `os.Exit` (Go 1.19's `os/proc.go`, `os/env.go` and
//! `syscall/env_unix.go`), over what [`crate::start`] recorded from the
//! kernel's initial stack.
//!
//! The strings point at the kernel's argument and environment bytes
//! without copying them, as Go's runtime does (`gostringnocopy`); nothing
//! writes to them.

use crate::libvalues::string_slice_cap as string_slice;
use crate::slices::grow_cap;
use crate::{GoSlice, GoString};
use alloc::vec::Vec;

/// The NUL-terminated string at `p` as a Go string.
///
/// # Safety
/// `p` must point at a NUL-terminated string that stays unchanged.
unsafe fn c_string(p: *const u8) -> GoString {
    let mut n = 0;
    // SAFETY: as the caller promises, the bytes up to the NUL are readable.
    unsafe {
        while *p.add(n) != 0 {
            n += 1;
        }
    }
    if n == 0 {
        return GoString::EMPTY;
    }
    GoString { ptr: p, len: n }
}

/// The strings of the null-terminated array `v` (at most `max`).
///
/// # Safety
/// `v` must be null or a null-terminated array of C strings.
unsafe fn c_strings(v: *const *const u8, max: usize) -> Vec<GoString> {
    let mut out = Vec::new();
    if v.is_null() {
        return out;
    }
    // SAFETY: as the caller promises.
    unsafe {
        let mut i = 0;
        while i < max && !(*v.add(i)).is_null() {
            out.push(c_string(*v.add(i)));
            i += 1;
        }
    }
    out
}

/// The program's arguments (empty before the runtime started, as in tests).
fn args() -> Vec<GoString> {
    let (argc, argv) = crate::start::args();
    // SAFETY: `start` recorded the kernel's argv (or nothing).
    unsafe { c_strings(argv, argc) }
}

/// The environment as the kernel passed it.
fn envs() -> Vec<GoString> {
    // SAFETY: `start` recorded the kernel's envp (or nothing).
    unsafe { c_strings(crate::start::environ(), usize::MAX) }
}

/// Go's `os.Args`: `append([]string{}, argv...)`, so its capacity is what
/// that append gives.
fn args_slice(parts: &[GoString]) -> GoSlice {
    let cap = grow_cap(core::mem::size_of::<GoString>(), 0, parts.len()).map_or(parts.len(), |c| c.0);
    string_slice(parts, if parts.is_empty() { 0 } else { cap })
}

/// The key of an environment entry: what precedes the first `=` (`None`
/// when there is none).
fn env_key(kv: &[u8]) -> Option<&[u8]> {
    kv.iter().position(|&c| c == b'=').map(|j| &kv[..j])
}

/// Go's `syscall.Environ`: every entry except later duplicates of a key
/// (Go's `copyenv` clears them) and empty ones; the capacity is the number
/// of entries.
fn environ_of(envs: &[GoString]) -> GoSlice {
    let mut keep: Vec<GoString> = Vec::with_capacity(envs.len());
    let mut seen: Vec<&[u8]> = Vec::new();
    for e in envs {
        // SAFETY: the kernel's strings.
        let kv = unsafe { e.as_bytes() };
        if let Some(k) = env_key(kv) {
            if seen.contains(&k) {
                continue;
            }
            seen.push(k);
        }
        if !kv.is_empty() {
            keep.push(*e);
        }
    }
    string_slice(&keep, envs.len())
}

/// Go's `syscall.Getenv`: the value of the first entry whose key is `key`,
/// "" when none (or `key` is empty).
fn getenv_in(envs: &[GoString], key: &[u8]) -> GoString {
    if key.is_empty() {
        return GoString::EMPTY;
    }
    for e in envs {
        // SAFETY: the kernel's strings.
        let kv = unsafe { e.as_bytes() };
        if env_key(kv) == Some(key) {
            let v = &kv[key.len() + 1..];
            return if v.is_empty() { GoString::EMPTY } else { GoString { ptr: v.as_ptr(), len: v.len() } };
        }
    }
    GoString::EMPTY
}

/// The value of the environment variable `key` as the runtime reads its
/// settings (`GOGC`, ...): the kernel's bytes, `None` when unset or empty.
pub fn runtime_env(key: &str) -> Option<&'static [u8]> {
    let v = getenv_in(&envs(), key.as_bytes());
    // SAFETY: the kernel's environment strings live as long as the process.
    (v.len != 0).then(|| unsafe { core::slice::from_raw_parts(v.ptr, v.len) })
}

/// `os.Args` as a new `[]string`.
///
/// # Safety
/// `out` must be writable.
#[no_mangle]
pub unsafe extern "C" fn rgo_os_args(out: *mut GoSlice) {
    // SAFETY: as the caller promises.
    unsafe { out.write(args_slice(&args())) };
}

/// `os.Environ()`.
///
/// # Safety
/// `out` must be writable.
#[no_mangle]
pub unsafe extern "C" fn rgo_os_environ(out: *mut GoSlice) {
    // SAFETY: as the caller promises.
    unsafe { out.write(environ_of(&envs())) };
}

/// `os.Getenv(key)`.
///
/// # Safety
/// `key` must point at a Go string.
#[no_mangle]
pub unsafe extern "C" fn rgo_os_getenv(key: *const GoString) -> GoString {
    // SAFETY: as the caller promises.
    getenv_in(&envs(), unsafe { (*key).as_bytes() })
}

/// `os.Exit(code)`: ends the process at once (deferred calls do not run,
/// nothing is flushed; Go's exit status is the low byte, as the kernel
/// keeps it).
///
/// # Safety
/// None beyond the C ABI.
#[no_mangle]
pub unsafe extern "C" fn rgo_os_exit(code: i64) -> ! {
    crate::os::exit(code as i32)
}

/// `(*os.File).Write(b)` to descriptor `fd`: writes all of `b`, returns
/// the bytes written.
///
/// # Safety
/// `(p, n)` must be the data and length of a Go `[]byte` (`p` may be nil
/// when `n` is 0).
#[no_mangle]
pub unsafe extern "C" fn rgo_os_write(fd: i64, p: *const u8, n: usize) -> i64 {
    if n == 0 {
        return 0;
    }
    // SAFETY: as the caller promises.
    let b = unsafe { core::slice::from_raw_parts(p, n) };
    crate::fmt::write_fd(fd, b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

    fn gs(s: &'static str) -> GoString {
        GoString { ptr: s.as_ptr(), len: s.len() }
    }

    fn list(v: GoSlice) -> Vec<String> {
        // SAFETY: a []string the functions built.
        let parts = unsafe { core::slice::from_raw_parts(v.ptr as *const GoString, v.len) };
        // SAFETY: Go strings.
        parts.iter().map(|s| String::from_utf8(unsafe { s.as_bytes() }.to_vec()).unwrap()).collect()
    }

    fn text(s: GoString) -> String {
        // SAFETY: a Go string.
        String::from_utf8(unsafe { s.as_bytes() }.to_vec()).unwrap()
    }

    #[test]
    fn c_strings_become_go_strings() {
        let a = b"prog\0-v\0\0";
        let ptrs = [a.as_ptr(), a[5..].as_ptr(), a[8..].as_ptr(), core::ptr::null()];
        // SAFETY: a null-terminated array of NUL-terminated strings.
        let v = unsafe { c_strings(ptrs.as_ptr(), usize::MAX) };
        assert_eq!(v.len(), 3);
        assert_eq!(v[0].ptr, a.as_ptr(), "not copied");
        // SAFETY: as above, limited to argc.
        assert_eq!(unsafe { c_strings(ptrs.as_ptr(), 2) }.len(), 2);
        assert_eq!(list(string_slice(&v, 3)), ["prog", "-v", ""]);
    }

    #[test]
    fn args_capacity_is_appends() {
        // Go 1.19: cap(os.Args) for 1, 2, 3, 5, 17 arguments (append to
        // an empty []string, 16-byte elements, size classes).
        for (n, cap) in [(1, 1), (2, 2), (3, 3), (5, 5), (17, 18)] {
            let v: Vec<GoString> = (0..n).map(|_| gs("x")).collect();
            let s = args_slice(&v);
            assert_eq!((s.len, s.cap), (n, cap), "{n} arguments");
        }
        // Before the runtime started there are none.
        let mut out = GoSlice { ptr: core::ptr::null_mut(), len: 9, cap: 9 };
        // SAFETY: a writable header.
        unsafe { rgo_os_args(&mut out) };
        assert_eq!(out.len, 0);
    }

    #[test]
    fn environment_as_go_sees_it() {
        // As syscall's copyenv: the first of duplicate keys wins, later
        // ones are dropped from Environ; entries without '=' stay.
        let envs = [gs("A=1"), gs("B="), gs("A=2"), gs("NOEQ"), gs(""), gs("C=x=y"), gs("=z")];
        let e = environ_of(&envs);
        assert_eq!(list(e), ["A=1", "B=", "NOEQ", "C=x=y", "=z"]);
        assert_eq!(e.cap, envs.len());
        assert_eq!(text(getenv_in(&envs, b"A")), "1");
        assert_eq!(text(getenv_in(&envs, b"B")), "");
        assert_eq!(text(getenv_in(&envs, b"C")), "x=y");
        assert_eq!(text(getenv_in(&envs, b"NOEQ")), "");
        assert_eq!(text(getenv_in(&envs, b"C=x")), "");
        assert_eq!(text(getenv_in(&envs, b"")), "");
        assert_eq!(text(getenv_in(&envs, b"D")), "");
    }
}
