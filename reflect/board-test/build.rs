//! Links the program the way rgo links a program for the same target: the
//! link flags and, for a board, the linker script of its row in the table
//! of targets (`targets/src/lib.rs`), found by the Rust target triple
//! cargo builds for. The linker itself (the target's C compiler driver)
//! and the standard crates come from `rgo-targets cargo`.

use std::env;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let triple = env::var("TARGET").expect("cargo sets TARGET");
    let Some(target) = rgo_targets::TARGETS.iter().find(|t| t.rust_triple == triple) else {
        let known: Vec<&str> = rgo_targets::TARGETS.iter().map(|t| t.rust_triple).collect();
        panic!(
            "reflect-board-test: {triple} is no target of rgo's table (targets/src/lib.rs has {}); build it with \
             `rgo-targets cargo virt-arm64 build ...`",
            known.join(", ")
        );
    };
    for flag in target.link.flags {
        println!("cargo:rustc-link-arg={flag}");
    }
    if let Some(script) = target.link.script {
        let path = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("link.ld");
        std::fs::write(&path, script).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        println!("cargo:rustc-link-arg=-Wl,-T,{}", path.display());
    }
}
