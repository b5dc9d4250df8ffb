//! Assembles rt-core's per-architecture assembly, which lives beside
//! rt-arch's (`../rt-arch/asm/runtime/<arch>.S`: the transitions between
//! the runtime and Go code, morestack/lessstack, sigpanic), and the entry
//! (`<arch>_entry.S`, Linux's process entry, or `<arch>_virt_entry.S`, a
//! virt board's reset entry: `_start`) into one static library.
//!
//! The entry sits in an object file of its own so that only programs that
//! need `_start` pull it out of the archive: host test binaries get theirs
//! from the C library's crt1.o and never see rt-core's, nor its reference
//! to the program's `rgo.main`.
//!
//! The assembly reuses rt-arch's headers (`rgo_asm.h`, `<arch>_c_frame.h`, `<arch>_regs.h`,
//! `rgo_abi.h`) so the save/restore of the C callee-saved registers is
//! written once.

use std::env;
use std::path::{Path, PathBuf};

fn main() {
    let arch = env::var("CARGO_CFG_TARGET_ARCH").expect("cargo sets CARGO_CFG_TARGET_ARCH");
    let os = env::var("CARGO_CFG_TARGET_OS").expect("cargo sets CARGO_CFG_TARGET_OS");
    println!("cargo:rerun-if-changed=build.rs");
    // Go's names for the architectures, which the assembly files use.
    let go_arch = match arch.as_str() {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "riscv64" => "riscv64",
        // src/arch says which targets exist; nothing to assemble here.
        _ => return,
    };
    // The entry: Linux's process entry, or a virt board's reset entry.
    let entry = match os.as_str() {
        "linux" => format!("asm/runtime/{go_arch}_entry.S"),
        "none" => format!("asm/runtime/{go_arch}_virt_entry.S"),
        // src/os says which systems exist.
        _ => return,
    };
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let rt_arch = manifest.join("../rt-arch");
    let sources = [format!("asm/runtime/{go_arch}.S"), entry];

    let mut build = cc::Build::new();
    build.include(rt_arch.join("include")).include(rt_arch.join("asm"));
    for src in &sources {
        let path = rt_arch.join(src);
        println!("cargo:rerun-if-changed={}", path.display());
        build.file(path);
    }
    if arch == "riscv64" {
        // The assembly uses the D extension (fld/fsd) and the lp64d register
        // names; say so even if the compiler's defaults differ.
        build.flag("-march=rv64gc").flag("-mabi=lp64d");
    }
    // cc derives a cross compiler from the target triple; name Debian's
    // cross compilers explicitly (unless the user picked one with
    // CC_<target>), as rt-arch's build.rs does.
    let target = env::var("TARGET").unwrap_or_default();
    let host = env::var("HOST").unwrap_or_default();
    let cc_override = env::var_os(format!("CC_{}", target.replace('-', "_"))).is_some()
        || env::var_os(format!("CC_{target}")).is_some();
    if target != host && !cc_override {
        let cross = match arch.as_str() {
            "aarch64" => "aarch64-linux-gnu-gcc",
            "riscv64" => "riscv64-linux-gnu-gcc",
            _ => "",
        };
        if !cross.is_empty() && on_path(cross) {
            build.compiler(cross);
        }
    }
    build.compile("rgo_core_asm");

    for header in [
        "include/rgo_abi.h".to_string(),
        "asm/rgo_asm.h".to_string(),
        format!("asm/{go_arch}_c_frame.h"),
        format!("asm/{go_arch}_regs.h"),
    ] {
        println!("cargo:rerun-if-changed={}", rt_arch.join(&header).display());
    }
}

/// Whether `prog` is on PATH.
fn on_path(prog: &str) -> bool {
    env::var_os("PATH").is_some_and(|paths| {
        env::split_paths(&paths).any(|dir| Path::new(&dir).join(prog).is_file())
    })
}
