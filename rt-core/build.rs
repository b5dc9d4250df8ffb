//! Assembles rt-core's per-architecture assembly (`asm/<arch>.S`: the
//! transitions between the runtime and Go code) and the process entry
//! (`asm/<arch>_entry.S`: `_start`) into one static library.
//!
//! The entry sits in an object file of its own so that only programs that
//! need `_start` pull it out of the archive: host test binaries get theirs
//! from the C library's crt1.o and never see rt-core's, nor its reference
//! to the program's `rgo.main`.
//!
//! The assembly reuses rt-arch's headers (`rgo_asm.h`, `<arch>_c_frame.h`,
//! `rgo_abi.h`) so the save/restore of the C callee-saved registers is
//! written once.

use std::env;
use std::path::PathBuf;

fn main() {
    let arch = env::var("CARGO_CFG_TARGET_ARCH").expect("cargo sets CARGO_CFG_TARGET_ARCH");
    let os = env::var("CARGO_CFG_TARGET_OS").expect("cargo sets CARGO_CFG_TARGET_OS");
    println!("cargo:rerun-if-changed=build.rs");
    if arch != "x86_64" || os != "linux" {
        // src/platform says which targets exist; nothing to assemble here.
        return;
    }
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let rt_arch = manifest.join("../rt-arch");
    let sources = ["asm/amd64.S", "asm/amd64_entry.S"];

    let mut build = cc::Build::new();
    build.include(rt_arch.join("include")).include(rt_arch.join("asm"));
    for src in sources {
        build.file(src);
        println!("cargo:rerun-if-changed={src}");
    }
    build.compile("rgo_core_asm");

    for header in ["include/rgo_abi.h", "asm/rgo_asm.h", "asm/amd64_c_frame.h"] {
        println!("cargo:rerun-if-changed={}", rt_arch.join(header).display());
    }
}
