//! Assembles `asm/<arch>.S` (and with `test-fixtures`, `asm/fixtures/<arch>.S`)
//! for the target architecture into a static library linked into rt-arch.

use std::env;
use std::path::Path;

fn main() {
    let arch = env::var("CARGO_CFG_TARGET_ARCH").expect("cargo sets CARGO_CFG_TARGET_ARCH");
    // Go's names for the architectures, which the assembly files use.
    let go_arch = match arch.as_str() {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "riscv64" => "riscv64",
        other => panic!("rt-arch: unsupported target architecture {other}"),
    };

    let mut sources = vec![format!("asm/{go_arch}.S")];
    if env::var_os("CARGO_FEATURE_TEST_FIXTURES").is_some() {
        sources.push(format!("asm/fixtures/{go_arch}.S"));
    }

    let mut build = cc::Build::new();
    build.include("include").include("asm");
    for src in &sources {
        build.file(src);
    }
    if arch == "riscv64" {
        // The assembly uses the D extension (fld/fsd) and the lp64d register
        // names; say so even if the compiler's defaults differ.
        build.flag("-march=rv64gc").flag("-mabi=lp64d");
    }
    // cc derives a cross compiler from the target triple; name Debian's
    // cross compilers explicitly (unless the user picked one with CC_<target>)
    // so bare-metal targets use them too.
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
    build.compile("rgo_arch");

    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=include/rgo_abi.h");
    println!("cargo:rerun-if-changed=asm/rgo_asm.h");
    println!("cargo:rerun-if-changed=asm/{go_arch}_c_frame.h");
    println!("cargo:rerun-if-changed=asm/{go_arch}_regs.h");
    for src in &sources {
        println!("cargo:rerun-if-changed={src}");
    }
}

/// Whether `prog` is on PATH.
fn on_path(prog: &str) -> bool {
    env::var_os("PATH").is_some_and(|paths| {
        env::split_paths(&paths).any(|dir| Path::new(&dir).join(prog).is_file())
    })
}
