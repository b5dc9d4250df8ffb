//! `rgo build` and `rgo run`: compile, assemble, link with rt-core, run.
//!
//! Exit statuses: 0 on success; 1 for an error in the Go program (printed
//! `file:line:col: message`) or of the driver (printed `rgo: message`:
//! missing files, no `.go` files, an unknown target, the assembler or
//! linker failing); 2 for a malformed command line (clap's usage message).
//! `rgo run` exits with the program's own status instead (see [`run`]).
//!
//! The target is `--target` (`linux/arm64`, or a bare GOARCH such as
//! `arm64`), else `GOOS`/`GOARCH` from the environment as `go` reads them,
//! else the host; the table of targets (`rgo-targets`) says how to
//! assemble, link and run for it (see [`build::target`]).
//!
//! `RGO_KEEP_WORK=1` keeps the temporary work directory (generated
//! assembly, objects) and prints its path, as `go build -work` does.

mod asm_scan;
pub mod build;
pub mod run;
pub mod runtime;

use crate::check;
use crate::diag::Diag;
use clap::{Args, Parser, Subcommand};
use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

pub use asm_scan::scan as scan_asm;

/// Why a command failed.
#[derive(Debug)]
pub enum Error {
    /// Errors in the Go program, one per line (gc reports up to 10).
    Source(Vec<Diag>),
    /// Anything else: printed after `rgo: `.
    Driver(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Source(ds) => {
                for (i, d) in ds.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{d}")?;
                }
                Ok(())
            }
            Error::Driver(m) => write!(f, "rgo: {m}"),
        }
    }
}

impl From<Diag> for Error {
    fn from(d: Diag) -> Error {
        Error::Source(vec![d])
    }
}

impl From<Vec<Diag>> for Error {
    fn from(ds: Vec<Diag>) -> Error {
        Error::Source(ds)
    }
}

/// Shorthand for a driver error.
pub(crate) fn err<T>(msg: impl Into<String>) -> Result<T, Error> {
    Err(Error::Driver(msg.into()))
}

#[derive(Parser, Debug)]
#[command(name = "rgo", version, about = "Compiles Go programs to native code with Go's register ABI")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Compile and link Go files (package main) and assembly files into an executable.
    Build(BuildArgs),
    /// Build into a temporary directory and run the program.
    Run(RunArgs),
    /// Print the path of the target's runtime library, building it first
    /// if it is built on first use (other architectures) and not yet fresh.
    Runtime(RuntimeArgs),
}

#[derive(Args, Debug)]
struct RuntimeArgs {
    /// Target: GOOS/GOARCH (`linux/arm64`) or a GOARCH (`arm64`); default:
    /// $GOOS/$GOARCH, else the host.
    #[arg(long, value_name = "T")]
    target: Option<String>,
}

#[derive(Args, Debug)]
struct BuildArgs {
    /// Output file (default: the first .go file's name without `.go`).
    #[arg(short = 'o', value_name = "OUT")]
    output: Option<PathBuf>,
    /// Target: GOOS/GOARCH (`linux/arm64`) or a GOARCH (`arm64`); default:
    /// $GOOS/$GOARCH, else the host.
    #[arg(long, value_name = "T")]
    target: Option<String>,
    /// Only generate assembly: write it to OUT, or to standard output.
    #[arg(short = 'S', long = "emit-asm")]
    emit_asm: bool,
    /// Build a static library (`ar` archive, default `lib<first file>.a`)
    /// for a Rust host program instead of an executable: the package (any
    /// name) is initialized by `rgo.libinit` and its exported functions are
    /// listed in `go.libexports`; the runtime comes from the host's rt-core
    /// crate (docs/host.md). Linux targets only.
    #[arg(long)]
    lib: bool,
    /// .go files (package main) and .s/.S assembly files.
    #[arg(value_name = "FILES")]
    files: Vec<PathBuf>,
}

#[derive(Args, Debug)]
struct RunArgs {
    /// Target: GOOS/GOARCH (`linux/arm64`) or a GOARCH (`arm64`); default:
    /// $GOOS/$GOARCH, else the host. Other architectures run under qemu-user.
    #[arg(long, value_name = "T")]
    target: Option<String>,
    /// .go and .s/.S files, then the program's arguments: from the first
    /// argument that is not such a file, or after `--`.
    #[arg(value_name = "FILES", trailing_var_arg = true, allow_hyphen_values = true)]
    files: Vec<OsString>,
}

/// The `rgo` command; returns the process exit status.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return e.exit_code();
        }
    };
    let result = match cli.command {
        Command::Build(a) => build_command(a),
        Command::Run(a) => run_command(a),
        Command::Runtime(a) => runtime_command(a),
    };
    match result {
        Ok(status) => status,
        Err(e) => {
            say(&e.to_string());
            1
        }
    }
}

/// Prints a line to stderr; a closed stderr is not worth a panic.
pub(crate) fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

fn build_command(a: BuildArgs) -> Result<i32, Error> {
    let target = build::target(a.target.as_deref())?;
    let inputs = build::Inputs::classify(&a.files)?;
    let output = if a.lib { check::Output::Library } else { check::Output::Program };
    if a.lib && target.spec.goos != "linux" {
        return err(format!("rgo build --lib: libraries are built for Linux targets only, not {}", target.spec));
    }
    if a.emit_asm {
        let asm = build::compile_to_asm(&inputs, target, output)?;
        match &a.output {
            Some(out) => {
                std::fs::write(out, asm).or_else(|e| err(format!("write {}: {}", out.display(), build::io_msg(&e))))?
            }
            None => {
                use std::io::Write;
                let mut stdout = std::io::stdout().lock();
                stdout
                    .write_all(asm.as_bytes())
                    .and_then(|()| stdout.flush())
                    .or_else(|e| err(format!("write: {}", build::io_msg(&e))))?;
            }
        }
        return Ok(0);
    }
    if a.lib {
        let out = a.output.clone().unwrap_or_else(|| inputs.default_lib_output());
        build::build_lib(&inputs, target, &out)?;
        return Ok(0);
    }
    let out = a.output.clone().unwrap_or_else(|| inputs.default_output());
    build::build(&inputs, target, &out)?;
    Ok(0)
}

fn runtime_command(a: RuntimeArgs) -> Result<i32, Error> {
    // The runtime needs no compiler backend: the table's target will do.
    let var = |k: &str| std::env::var(k).ok();
    let spec = rgo_targets::select(a.target.as_deref(), var("GOOS").as_deref(), var("GOARCH").as_deref())
        .or_else(|e| err(e.to_string()))?;
    let lib = runtime::runtime_lib(spec)?;
    println!("{}", lib.display());
    Ok(0)
}

fn run_command(a: RunArgs) -> Result<i32, Error> {
    let target = build::target(a.target.as_deref())?;
    // Files first; the first argument that is not a source file (or `--`)
    // starts the program's arguments, as with `go run`.
    let split = a
        .files
        .iter()
        .position(|f| f == "--" || build::Inputs::kind_of(Path::new(f)).is_none())
        .unwrap_or(a.files.len());
    let files: Vec<PathBuf> = a.files[..split].iter().map(PathBuf::from).collect();
    let mut rest = &a.files[split..];
    if rest.first().is_some_and(|f| f == "--") {
        rest = &rest[1..];
    }
    let inputs = build::Inputs::classify(&files)?;
    run::run(&inputs, target, rest)
}
