//! What the process entry recorded: the arguments and environment the
//! kernel (or a host program, or a board's boot code) passed, and the
//! extent of the main thread's stack. On the ground floor, so that the
//! floors above can read the runtime's settings (`GOGC`, `GOTRACEBACK`,
//! `RGO_GCSTRESS`) without reaching up to package os's side
//! ([`crate::goos`]) or to the entry ([`crate::start`]). Nothing here
//! allocates.

use crate::GoString;
use core::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

/// Assumed size of the main thread's stack when RLIMIT_STACK is unlimited.
pub const DEFAULT_STACK: usize = 8 << 20;
/// Slack between the initial stack pointer and the true top of the stack
/// mapping, which holds the argument and environment strings.
pub const ARGS_SLACK: usize = 256 << 10;
/// How far below the estimated bottom of the main thread's stack a fault
/// still counts as an overflow of it: the slack above plus the kernel's
/// guard gap (256 pages) and a margin.
pub const STACK_OVERFLOW_BAND: usize = ARGS_SLACK + (4 << 20);

static ARGC: AtomicUsize = AtomicUsize::new(0);
static ARGV: AtomicPtr<*const u8> = AtomicPtr::new(core::ptr::null_mut());
static ENVP: AtomicPtr<*const u8> = AtomicPtr::new(core::ptr::null_mut());

/// The program's arguments as the kernel passed them: `argc` and `argv`
/// (NUL-terminated strings; `argv[argc]` is null). Zero and null before the
/// runtime started (as in tests).
pub fn args() -> (usize, *const *const u8) {
    (ARGC.load(Ordering::Relaxed), ARGV.load(Ordering::Relaxed))
}

/// The environment: a null-terminated array of `NAME=value` strings (null
/// before the runtime started).
pub fn environ() -> *const *const u8 {
    ENVP.load(Ordering::Relaxed)
}

/// Records the program's arguments and environment (`argv` and `envp`
/// null-terminated arrays of NUL-terminated strings) where [`args`] and
/// [`environ`] find them: the process entry's job, done by a host program
/// for the runtime it starts (`crate::host`).
pub fn set_args(argc: usize, argv: *const *const u8, envp: *const *const u8) {
    ARGC.store(argc, Ordering::Relaxed);
    ARGV.store(argv as *mut *const u8, Ordering::Relaxed);
    ENVP.store(envp as *mut *const u8, Ordering::Relaxed);
}

/// The bottom of the main thread's stack, estimated from its top `hi` (the
/// initial stack pointer) and its size limit (`None`: unlimited).
pub fn main_stack_lo(hi: usize, limit: Option<usize>) -> usize {
    hi.saturating_sub(limit.unwrap_or(DEFAULT_STACK).saturating_sub(ARGS_SLACK))
}

/// The NUL-terminated string at `p` as a Go string (not copied).
///
/// # Safety
/// `p` must point at a NUL-terminated string that stays unchanged.
pub unsafe fn c_string(p: *const u8) -> GoString {
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

/// The key of an environment entry: what precedes the first `=` (`None`
/// when there is none).
pub fn env_key(kv: &[u8]) -> Option<&[u8]> {
    kv.iter().position(|&c| c == b'=').map(|j| &kv[..j])
}

/// The value of the environment variable `key` as the runtime reads its
/// settings (`GOGC`, ...): the first entry's, the kernel's bytes; `None`
/// when unset or empty.
pub fn runtime_env(key: &str) -> Option<&'static [u8]> {
    // SAFETY: `set_args` recorded such an array (or nothing), which lives
    // as long as the process.
    unsafe { lookup(environ(), key.as_bytes()) }
}

/// The value of the first entry of `envp` whose key is `key`; `None` when
/// there is none or it is empty (or `key` is empty).
///
/// # Safety
/// `envp` must be null or a null-terminated array of NUL-terminated
/// strings that stay unchanged for `'a`.
unsafe fn lookup<'a>(envp: *const *const u8, key: &[u8]) -> Option<&'a [u8]> {
    if envp.is_null() || key.is_empty() {
        return None;
    }
    let mut i = 0;
    loop {
        // SAFETY: as the caller promises.
        let kv = unsafe {
            let p = *envp.add(i);
            if p.is_null() {
                return None;
            }
            c_string(p).as_bytes()
        };
        if env_key(kv) == Some(key) {
            let v = &kv[key.len() + 1..];
            return (!v.is_empty()).then_some(v);
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_entries() {
        assert_eq!(env_key(b"A=1"), Some(&b"A"[..]));
        assert_eq!(env_key(b"C=x=y"), Some(&b"C"[..]));
        assert_eq!(env_key(b"=z"), Some(&b""[..]));
        assert_eq!(env_key(b"NOEQ"), None);
    }

    #[test]
    fn settings_from_the_environment() {
        let entries: [&[u8]; 6] = [b"A=1\0", b"B=\0", b"A=2\0", b"NOEQ\0", b"C=x=y\0", b"=z\0"];
        let mut envp: [*const u8; 7] = [core::ptr::null(); 7];
        for (p, e) in envp.iter_mut().zip(entries) {
            *p = e.as_ptr();
        }
        // SAFETY: a null-terminated array of NUL-terminated strings.
        let get = |k: &[u8]| unsafe { lookup(envp.as_ptr(), k) };
        assert_eq!(get(b"A"), Some(&b"1"[..]), "the first entry wins");
        assert_eq!(get(b"B"), None, "empty is unset");
        assert_eq!(get(b"C"), Some(&b"x=y"[..]));
        assert_eq!(get(b"NOEQ"), None);
        assert_eq!(get(b""), None);
        assert_eq!(get(b"D"), None);
        // SAFETY: null is no environment.
        assert_eq!(unsafe { lookup(core::ptr::null(), b"A") }, None);
    }

    #[test]
    fn main_stack_estimate() {
        let hi = 0x7fff_0000_0000;
        assert_eq!(main_stack_lo(hi, Some(8 << 20)), hi - (8 << 20) + ARGS_SLACK);
        assert_eq!(main_stack_lo(hi, None), main_stack_lo(hi, Some(DEFAULT_STACK)));
        assert_eq!(main_stack_lo(0x1000, Some(1 << 40)), 0);
    }
}
