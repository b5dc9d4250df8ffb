//! `rgo build` and `rgo run`: compile, assemble, link with rt-core, run.

/// The `rgo` command; returns the process exit status.
pub fn main() -> i32 {
    eprintln!("rgo: driver not written yet");
    1
}
