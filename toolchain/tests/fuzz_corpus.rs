//! Replays the fuzz seed corpus (`fuzz/corpus/front_end/`) through exactly
//! what the `front_end` fuzz target does, on stable Rust: parse, then check
//! and lower. Errors are expected; a panic fails the test.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

#[path = "../fuzz/src/front_end.rs"]
mod front_end;

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        return (*s).to_string();
    }
    if let Some(s) = payload.downcast_ref::<String>() {
        return s.clone();
    }
    "non-string panic payload".to_string()
}

#[test]
fn seed_corpus_never_panics() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/front_end");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(files.len() >= 40, "only {} seeds in {}", files.len(), dir.display());

    let mut panics = Vec::new();
    for path in &files {
        let data = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if let Err(payload) = catch_unwind(AssertUnwindSafe(|| front_end::run(&data))) {
            panics.push(format!("{}: {}", path.display(), panic_text(payload.as_ref())));
        }
    }
    assert!(panics.is_empty(), "{} of {} seeds panicked:\n{}", panics.len(), files.len(), panics.join("\n"));
}
