//! Deep recursion without stack overflow: Go source nests as deeply as it
//! likes (`[]...[]int` ten thousand levels deep is valid), so the passes that
//! recurse over syntax trees and types run their recursive steps through
//! [`grow`], which moves onto a fresh stack segment when the current one runs
//! low (the `stacker` crate). Only segments actually used are allocated.

/// Stack that must remain before a recursive step runs on the current
/// segment: more than the largest frame sequence between two calls of
/// [`grow`] (the checker's frames are large in unoptimized builds).
const RED_ZONE: usize = 1 << 20;

/// Size of each new segment.
const SEGMENT: usize = 16 << 20;

/// Runs `f`, first moving to a new stack segment if less than [`RED_ZONE`]
/// bytes are left.
#[inline]
pub fn grow<R>(f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(RED_ZONE, SEGMENT, f)
}
