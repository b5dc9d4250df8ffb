//! What the `front_end` fuzz target does with one input, shared with the
//! stable `tests/fuzz_corpus.rs` that replays the seed corpus.

use rgo::syntax::{parse_bytes, parse_file, IdGen};

/// Parses `data` as a Go file and, when that succeeds, type-checks it
/// (`rgo::types`, importing nothing but unsafe) and, when that succeeds,
/// lowers it for the host with the checker's facts, as a build does. Each
/// may report errors; none may panic.
pub fn run(data: &[u8]) {
    let mut ids = IdGen::default();
    let parsed = parse_bytes("fuzz.go", data, &mut ids);
    // The &str entry point must agree with the byte one on valid UTF-8, and
    // must not panic on the lossy text of anything else.
    let text = String::from_utf8_lossy(data);
    let again = parse_file("fuzz.go", &text, &mut ids);
    if std::str::from_utf8(data).is_ok() {
        match (&parsed, &again) {
            (Ok(_), Ok(_)) => {}
            (Err(a), Err(b)) => assert_eq!(a, b, "parse_bytes and parse_file disagree"),
            (a, b) => panic!("parse_bytes and parse_file disagree: {:?} vs {:?}", a.is_ok(), b.is_ok()),
        }
    }
    if let Ok(file) = parsed {
        let files = [file];
        let mut w = rgo::types::World::new();
        let mut info = rgo::types::Info::default();
        let checked = rgo::types::check_package(&mut w, &mut info, "main", &files, &mut rgo::types::InWorld);
        if checked.is_ok() {
            // The lowering reads what the checker found, as in a build.
            let [file] = files;
            let facts = rgo::check::generic::Facts { world: w, info, ..Default::default() };
            let _ = rgo::check::compile(vec![file], facts, rgo::isa::host(), "linux", &Default::default(), rgo::check::Output::Program);
        }
    }
}
