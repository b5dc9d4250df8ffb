//! Assembles the benchmark's Go-ABI callees for the host architecture.
fn main() {
    let arch = std::env::var("CARGO_CFG_TARGET_ARCH").unwrap();
    println!("cargo:rerun-if-changed=asm/amd64.S");
    if arch == "x86_64" {
        cc::Build::new().file("asm/amd64.S").compile("rgo_bench_callees");
    }
}
