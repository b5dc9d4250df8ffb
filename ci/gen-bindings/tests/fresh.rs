//! Fails when the committed rt-arch bindings no longer match rgo_abi.h.
//!
//! `RGO_BLESS=1 cargo nextest run -p gen-bindings` rewrites them instead.

use gen_bindings::{rt_arch_dir, stale_files, write_stale, ARCHES, REGENERATE};

#[test]
fn committed_bindings_are_fresh() {
    let rt_arch = rt_arch_dir();
    if std::env::var_os("RGO_BLESS").is_some_and(|v| v == "1") {
        let written = write_stale(&rt_arch).expect("regenerating bindings");
        for path in written {
            eprintln!("blessed {}", path.display());
        }
        return;
    }
    let stale = stale_files(&rt_arch).expect("generating bindings");
    let names: Vec<String> = stale.iter().map(|s| s.path.display().to_string()).collect();
    assert!(
        stale.is_empty(),
        "stale bindings (rgo_abi.h changed?): {names:?}\nrun `{REGENERATE}` \
         (or `RGO_BLESS=1 cargo nextest run -p gen-bindings`) and commit the result"
    );
}

#[test]
fn every_arch_gets_its_own_register_counts() {
    // The header branches on the target: a clang that ignored --target
    // would give all three files the host's counts.
    let rt_arch = rt_arch_dir();
    let mut counts = Vec::new();
    for arch in &ARCHES {
        let src = gen_bindings::generate(&rt_arch, arch).expect("generating");
        let line = src
            .lines()
            .find(|l| l.contains("RGO_INT_ARG_REGS"))
            .unwrap_or_else(|| panic!("{}: no RGO_INT_ARG_REGS", arch.name))
            .to_owned();
        counts.push((arch.name, line));
    }
    assert!(counts[0].1.ends_with("= 9;"), "{counts:?}");
    assert!(counts[1].1.ends_with("= 16;"), "{counts:?}");
    assert!(counts[2].1.ends_with("= 16;"), "{counts:?}");
}
