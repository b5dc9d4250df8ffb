//! Assembles the benchmark's Go-ABI callees for the target architecture.
fn main() {
    let arch = std::env::var("CARGO_CFG_TARGET_ARCH").unwrap();
    let go_arch = match arch.as_str() {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "riscv64" => "riscv64",
        _ => return,
    };
    let src = format!("asm/{go_arch}.S");
    println!("cargo:rerun-if-changed={src}");
    let mut b = cc::Build::new();
    b.file(&src);
    if arch == "riscv64" {
        b.flag("-march=rv64gc").flag("-mabi=lp64d");
    }
    b.compile("rgo_bench_callees");
}
