//! `cargo run -p gen-bindings [-- --check]`
//!
//! Without arguments, (re)writes `rt-arch/src/bindings/*.rs`. With `--check`,
//! writes nothing and exits with status 1 if any file is stale.

use std::process::ExitCode;

use gen_bindings::{rt_arch_dir, stale_files, write_stale, REGENERATE};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = match args.as_slice() {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => {
            eprintln!("usage: gen-bindings [--check]");
            return ExitCode::from(2);
        }
    };
    let rt_arch = rt_arch_dir();
    if check {
        match stale_files(&rt_arch) {
            Ok(stale) if stale.is_empty() => ExitCode::SUCCESS,
            Ok(stale) => {
                for s in &stale {
                    eprintln!("stale: {}", s.path.display());
                }
                eprintln!("run `{REGENERATE}` to regenerate");
                ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("gen-bindings: {e}");
                ExitCode::FAILURE
            }
        }
    } else {
        match write_stale(&rt_arch) {
            Ok(written) => {
                for path in &written {
                    println!("wrote {}", path.display());
                }
                if written.is_empty() {
                    println!("bindings are up to date");
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("gen-bindings: {e}");
                ExitCode::FAILURE
            }
        }
    }
}
