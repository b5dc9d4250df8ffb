//! The directories builds in this process read Go files, `go.mod`,
//! `go.sum` and `vendor/modules.txt` from, and the files and directories
//! `//go:embed` read (`load::embed`): what `rgo test` looks at
//! before it replays a cached result without building the test binary
//! (driver/testcache.rs), as the go command looks a result up from its
//! build's inputs.
//!
//! The set only grows: a build that takes it when it ends has every
//! directory it read in it (and perhaps others' from builds running beside
//! it, which only makes the check stricter).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

static READ: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// Notes that a build read from directory `dir` (or read file `dir`).
pub fn note(dir: &Path) {
    if let Ok(mut read) = READ.lock() {
        if !read.contains(dir) {
            read.insert(dir.to_path_buf());
        }
    }
}

/// Every directory noted so far.
pub fn read_so_far() -> Vec<PathBuf> {
    READ.lock().map(|r| r.iter().cloned().collect()).unwrap_or_default()
}
