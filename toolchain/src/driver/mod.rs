//! `rgo build` and `rgo run`: compile, assemble, link with rt-core, run;
//! `rgo list`, `rgo env` and `rgo version` as the go command has them.
//!
//! `build` and `run` take `.go` files (package main, with GNU assembly
//! files beside them), or package patterns as the go command reads them
//! (`.`, `./cmd/app`, `./...`, import paths: `load::pattern`), the
//! main module found from the current directory (`load::module`).
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
mod clean;
pub mod gcflags;
mod generate;
mod list;
pub mod run;
pub mod runtime;
pub mod stamp;
pub mod test;
mod test2json;
mod testcache;
pub mod testmain;

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
    /// Build and run the tests of packages, as `go test` does: `rgo test
    /// [--target T] [-c] [-o OUT] [packages] [test flags] [-args ...]`.
    Test(TestArgs),
    /// Print the path of the target's runtime library, building it first
    /// if it is built on first use (other architectures) and not yet fresh.
    Runtime(RuntimeArgs),
    /// Compile packages and install the commands among them into GOBIN
    /// (else GOPATH/bin), as `go install` does.
    Install(InstallArgs),
    /// List the packages that patterns name, one import path per line.
    List(ListArgs),
    /// Run the commands of //go:generate lines in the packages' files, as
    /// go generate does.
    Generate(GenerateArgs),
    /// Remove what builds leave in package directories, and the caches
    /// named, as go clean does.
    Clean(CleanArgs),
    /// Print rgo's environment (the go command's variables it reads), or
    /// the values of the variables named.
    Env(EnvArgs),
    /// Print rgo's version and the host's GOOS/GOARCH; or, as go version
    /// does, the Go version that built each program named (directories are
    /// searched), and with -m its build information.
    Version(VersionArgs),
}

#[derive(Args, Debug)]
#[command(disable_help_flag = true)]
struct TestArgs {
    /// Package patterns, flags of go test (`-v`, `-run RE`, `-count N`,
    /// `-bench RE`, `-short`, `-timeout D`, `-c`, `-o OUT`, …), `--target T`,
    /// and after `-args` the test binary's own arguments.
    #[arg(value_name = "ARGS", trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<OsString>,
}

#[derive(Args, Debug)]
struct InstallArgs {
    /// Target: GOOS/GOARCH or a GOARCH; default $GOOS/$GOARCH, else the
    /// host. Another target's commands go to GOPATH/bin/GOOS_GOARCH.
    #[arg(long, value_name = "T")]
    target: Option<String>,
    /// Build tags to satisfy besides the target's (`-tags a,b`, as go's
    /// `-tags`; also read from `GOFLAGS`).
    #[arg(long = "tags", value_name = "TAGS")]
    tags: Option<String>,
    #[command(flatten)]
    stamp: StampArgs,
    /// Package patterns (default `.`), or `.go` files of one main package.
    #[arg(value_name = "PACKAGES")]
    packages: Vec<PathBuf>,
}

#[derive(Args, Debug)]
struct ListArgs {
    /// Target: GOOS/GOARCH or a GOARCH, for build constraints.
    #[arg(long, value_name = "T")]
    target: Option<String>,
    /// Build tags to satisfy besides the target's (`-tags a,b`, as go's
    /// `-tags`; also read from `GOFLAGS`).
    #[arg(long = "tags", value_name = "TAGS")]
    tags: Option<String>,
    /// Print each package as go list -json does (`-json`).
    #[arg(long)]
    json: bool,
    /// Print each package through a template, as go list -f does (`-f`).
    #[arg(short = 'f', value_name = "FORMAT")]
    format: Option<String>,
    /// List the packages' dependencies too, each before its importers
    /// (`-deps`).
    #[arg(long)]
    deps: bool,
    /// List modules, not packages: the main module, `all` (the build
    /// list) or the modules named (`-m`).
    #[arg(short = 'm')]
    modules: bool,
    /// Package patterns (default `.`).
    #[arg(value_name = "PACKAGES")]
    patterns: Vec<String>,
}

#[derive(Args, Debug)]
struct CleanArgs {
    /// Target: GOOS/GOARCH or a GOARCH, for build constraints and the
    /// installed commands' place.
    #[arg(long, value_name = "T")]
    target: Option<String>,
    /// Remove the installed commands too (`-i`).
    #[arg(short = 'i')]
    installed: bool,
    /// Print the remove commands, run nothing (`-n`).
    #[arg(short = 'n')]
    dry_run: bool,
    /// Print the remove commands as they run (`-x`).
    #[arg(short = 'x')]
    trace: bool,
    /// Clean the packages' dependencies too (`-r`; not supported yet).
    #[arg(short = 'r')]
    recursive: bool,
    /// Remove the whole build cache (`-cache`).
    #[arg(long)]
    cache: bool,
    /// Expire the cached test results (`-testcache`).
    #[arg(long)]
    testcache: bool,
    /// Remove the module cache (`-modcache`).
    #[arg(long)]
    modcache: bool,
    /// Package patterns (default `.` when no cache is named).
    #[arg(value_name = "PACKAGES")]
    packages: Vec<String>,
}

/// What a build writes into the program besides its code (`stamp`): the
/// flags of build, run and install.
#[derive(Args, Debug)]
struct StampArgs {
    /// Flags for the linker, as go's `-ldflags`: `-X importpath.name=value`
    /// sets a string variable, `-s` and `-w` leave out the symbol table and
    /// the debug information (also read from `GOFLAGS`).
    #[arg(long = "ldflags", value_name = "FLAGS", allow_hyphen_values = true)]
    ldflags: Option<String>,
    /// Flags for the compiler, as go's `-gcflags=[pattern=]flags`: `-l`
    /// compiles without inlining (also read from `GOFLAGS`; may be given
    /// more than once).
    #[arg(long = "gcflags", value_name = "FLAGS", allow_hyphen_values = true)]
    gcflags: Vec<String>,
    /// Whether to record the version control status in the program (`auto`,
    /// `true`, `false`), as go's `-buildvcs`.
    #[arg(long = "buildvcs", value_name = "auto|true|false", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    buildvcs: Option<String>,
    /// Leave the build machine's directories out of the program: source
    /// files named by import path, no GOROOT recorded (`-trimpath`).
    #[arg(long)]
    trimpath: bool,
}

#[derive(Args, Debug)]
struct GenerateArgs {
    /// Target: GOOS/GOARCH or a GOARCH, for build constraints and `$GOOS`,
    /// `$GOARCH`.
    #[arg(long, value_name = "T")]
    target: Option<String>,
    /// Build tags to satisfy besides the target's and `generate` (`-tags
    /// a,b`; also read from `GOFLAGS`).
    #[arg(long = "tags", value_name = "TAGS")]
    tags: Option<String>,
    /// Only the directives (trimmed) that this regular expression matches
    /// (`-run`).
    #[arg(long = "run", value_name = "REGEXP")]
    run: Option<String>,
    /// Print the commands, run nothing (`-n`).
    #[arg(short = 'n')]
    dry_run: bool,
    /// Print the commands as they run (`-x`).
    #[arg(short = 'x')]
    trace: bool,
    /// Print the names of the files as they are read (`-v`).
    #[arg(short = 'v')]
    verbose: bool,
    /// Package patterns (default `.`), or `.go` files of one package.
    #[arg(value_name = "PACKAGES")]
    packages: Vec<String>,
}

#[derive(Args, Debug)]
struct VersionArgs {
    /// Print each program's build information too (`-m`).
    #[arg(short = 'm')]
    modules: bool,
    /// Report files that are not Go programs found in directories (`-v`).
    #[arg(short = 'v')]
    verbose: bool,
    /// Programs, or directories to search for them.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
}

#[derive(Args, Debug)]
struct EnvArgs {
    /// Variables to print, one value per line (default: all, as `NAME="value"`).
    #[arg(value_name = "VAR")]
    vars: Vec<String>,
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
    /// Build tags to satisfy besides the target's (`-tags a,b`, as go's
    /// `-tags`; also read from `GOFLAGS`).
    #[arg(long = "tags", value_name = "TAGS")]
    tags: Option<String>,
    #[command(flatten)]
    stamp: StampArgs,
    /// .go files (package main) and .s/.S assembly files, or package
    /// patterns (`.`, `./cmd/app`, `./...`, import paths).
    #[arg(value_name = "FILES|PACKAGES")]
    files: Vec<PathBuf>,
}

#[derive(Args, Debug)]
struct RunArgs {
    /// Target: GOOS/GOARCH (`linux/arm64`) or a GOARCH (`arm64`); default:
    /// $GOOS/$GOARCH, else the host. Other architectures run under qemu-user.
    #[arg(long, value_name = "T")]
    target: Option<String>,
    /// Build tags to satisfy besides the target's (`-tags a,b`, as go's
    /// `-tags`; also read from `GOFLAGS`).
    #[arg(long = "tags", value_name = "TAGS")]
    tags: Option<String>,
    #[command(flatten)]
    stamp: StampArgs,
    /// .go and .s/.S files, or one package (`.`, `./cmd/app`, an import
    /// path); then the program's arguments: from the first argument that
    /// is not such a file (after the package), or after `--`.
    #[arg(value_name = "FILES|PACKAGE", trailing_var_arg = true, allow_hyphen_values = true)]
    files: Vec<OsString>,
}

/// The `rgo` command; returns the process exit status.
pub fn main() -> i32 {
    let cli = match Cli::try_parse_from(go_style_flags(std::env::args_os().collect())) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return e.exit_code();
        }
    };
    // (`rgo test` reads its own command line: `test::test`.)
    let tags = match &cli.command {
        Command::Build(a) => a.tags.clone().or_else(goflags_tags),
        Command::Run(a) => a.tags.clone().or_else(goflags_tags),
        Command::List(a) => a.tags.clone().or_else(goflags_tags),
        Command::Install(a) => a.tags.clone().or_else(goflags_tags),
        Command::Generate(a) => Some(a.tags.clone().or_else(goflags_tags).map_or("generate".into(), |t| format!("{t},generate"))),
        _ => None,
    };
    if let Some(t) = tags {
        crate::load::constraint::set_user_tags(crate::load::constraint::parse_tags(&t));
    }
    let stamp = match &cli.command {
        Command::Build(a) => Some((&a.stamp, true)),
        Command::Install(a) => Some((&a.stamp, true)),
        Command::Run(a) => Some((&a.stamp, false)),
        _ => None,
    };
    if let Some((s, records_vcs)) = stamp {
        match stamp_flags(s.ldflags.clone(), s.buildvcs.clone(), s.trimpath, records_vcs).and_then(|st| Ok((st, gcflags_settings(&s.gcflags)?))) {
            Ok((st, gc)) => {
                stamp::set(st);
                gcflags::set(gc);
            }
            Err(e) => {
                say(&e.to_string());
                return 2;
            }
        }
    }
    let result = match cli.command {
        Command::Build(a) => build_command(a),
        Command::Run(a) => run_command(a),
        Command::Test(a) => test::test(&a.args),
        Command::Runtime(a) => runtime_command(a),
        Command::List(a) => list_command(a),
        Command::Install(a) => install_command(a),
        Command::Env(a) => env_command(a),
        Command::Version(a) => version_command(a),
        Command::Generate(a) => generate_command(a),
        Command::Clean(a) => {
            if a.recursive {
                Err(Error::Driver("clean -r is not supported yet".into()))
            } else {
                build::target(a.target.as_deref()).and_then(|target| {
                    let opts = clean::Options { installed: a.installed, cache: a.cache, testcache: a.testcache, modcache: a.modcache, dry_run: a.dry_run, trace: a.trace };
                    clean::clean(&a.packages, target, &opts)
                })
            }
        }
    };
    match result {
        Ok(status) => status,
        Err(e) => {
            say(&e.to_string());
            1
        }
    }
}

/// The go command's single-dash spelling of the flags rgo takes as
/// `--NAME` (`-tags x`, `-tags=x`), made double-dash for the parser: among
/// the subcommand's leading flags only, so that a program's own arguments
/// (`rgo run main.go -tags`) stay as they are. `rgo test` reads its own.
fn go_style_flags(mut args: Vec<OsString>) -> Vec<OsString> {
    if !matches!(args.get(1).and_then(|a| a.to_str()), Some("build" | "run" | "list" | "install" | "generate" | "clean")) {
        return args;
    }
    let mut i = 2;
    while let Some(a) = args.get(i).and_then(|a| a.to_str()).map(str::to_string) {
        if a == "--" || !a.starts_with('-') {
            break;
        }
        let long = ["-tags", "-ldflags", "-gcflags", "-buildvcs", "-trimpath"].iter().any(|f| a == *f || a.strip_prefix(f).is_some_and(|r| r.starts_with('=')));
        let generate = args[1] == "generate" && (a == "-run" || a.starts_with("-run="));
        let clean = args[1] == "clean" && matches!(a.as_str(), "-cache" | "-testcache" | "-modcache");
        if long || generate || clean || matches!(a.as_str(), "-json" | "-deps") {
            args[i] = format!("-{a}").into();
        }
        // A flag whose value is the next argument: skip the value too.
        i += if matches!(a.as_str(), "-o" | "--target" | "--tags" | "-tags" | "-f" | "-ldflags" | "--ldflags" | "-gcflags" | "--gcflags" | "-run" | "--run") { 2 } else { 1 };
    }
    args
}

/// `-tags=…` in `GOFLAGS` (the go command's default flags), when the
/// command line gives none.
pub(crate) fn goflags_tags() -> Option<String> {
    goflags_value("tags")
}

/// The value of flag `-name=…` in `GOFLAGS`, if it sets it.
pub(crate) fn goflags_value(name: &str) -> Option<String> {
    let flags = std::env::var("GOFLAGS").ok()?;
    let (short, long) = (format!("-{name}="), format!("--{name}="));
    flags.split_whitespace().find_map(|w| w.strip_prefix(short.as_str()).or_else(|| w.strip_prefix(long.as_str())).map(str::to_string))
}

/// The settings of `-gcflags` (`driver::gcflags`), given in `values` or
/// else in `GOFLAGS`.
pub(crate) fn gcflags_settings(values: &[String]) -> Result<Vec<gcflags::Setting>, Error> {
    let from_env = goflags_value("gcflags");
    let values = if values.is_empty() { from_env.as_slice() } else { values };
    values.iter().map(|v| gcflags::parse(v).map_err(Error::Driver)).collect()
}

/// The stamp (`driver::stamp`) of `-ldflags`, `-buildvcs` and `-trimpath`
/// (else `GOFLAGS`' values); `records_vcs` for the commands that record
/// the version control status (build and install).
pub(crate) fn stamp_flags(ldflags: Option<String>, buildvcs: Option<String>, trimpath: bool, records_vcs: bool) -> Result<stamp::Stamp, Error> {
    let link = match ldflags.or_else(|| goflags_value("ldflags")) {
        Some(v) => stamp::LinkFlags::parse(&v).or_else(err)?,
        None => stamp::LinkFlags::default(),
    };
    let buildvcs = buildvcs.or_else(|| goflags_value("buildvcs"));
    if let Some(v) = buildvcs.as_deref().filter(|v| !matches!(*v, "auto" | "true" | "false")) {
        return err(format!("invalid value {v:?} for flag -buildvcs: want auto, true or false"));
    }
    let trimpath = trimpath || goflags_value("trimpath").is_some_and(|v| v == "true") || std::env::var("GOFLAGS").is_ok_and(|f| f.split_whitespace().any(|w| w == "-trimpath"));
    Ok(stamp::Stamp { link, buildvcs, records_vcs, trimpath })
}

/// Prints a line to stderr; a closed stderr is not worth a panic.
pub(crate) fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Whether the command line names files (`main.go`, `start.s`) rather than
/// packages: as for the go command, when the first argument is one (or is
/// a file at all, which is then refused for its kind).
fn names_files(first: Option<&Path>) -> bool {
    first.is_some_and(|f| build::Inputs::kind_of(f).is_some() || f.is_file())
}

/// The packages `patterns` name (`load::pattern`), warnings said.
pub(crate) fn packages(patterns: &[String], target: build::Target) -> Result<Vec<crate::load::pattern::Listed>, Error> {
    let root = crate::load::goroot().unwrap_or_else(|| PathBuf::from("/usr/lib/go-1.19"));
    let goroot = crate::load::Goroot { root, ctx: build::context(target), own: crate::load::Own::All };
    let modules = build::modules()?;
    let cwd = std::env::current_dir().unwrap_or_default();
    let (listed, warnings) = crate::load::pattern::expand(patterns, modules.as_ref(), &goroot, &cwd).or_else(err)?;
    for w in warnings {
        say(&format!("rgo: {w}"));
    }
    Ok(listed)
}

/// Whether the package's files are `package main`.
fn is_main(inputs: &build::Inputs) -> Result<bool, Error> {
    let first = &inputs.go[0];
    let src = std::fs::read(first).or_else(|e| err(format!("open {}: {}", first.display(), build::io_msg(&e))))?;
    let mut ids = crate::syntax::IdGen::default();
    // A syntax error is the build's to report.
    Ok(crate::syntax::parse_bytes_all(&first.to_string_lossy(), &src, &mut ids).map_or(true, |f| f.package.name == "main"))
}

fn build_command(a: BuildArgs) -> Result<i32, Error> {
    let target = build::target(a.target.as_deref())?;
    if !names_files(a.files.first().map(PathBuf::as_path)) {
        return build_packages(a, target);
    }
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

/// `rgo build` of package patterns, as `go build` does it: one main
/// package is linked into an executable (named after its import path, or
/// `-o`); other packages, or several, are compiled and the results
/// discarded, a check that they build, but main packages are written into
/// `-o` when it is a directory.
fn build_packages(a: BuildArgs, target: build::Target) -> Result<i32, Error> {
    let mut patterns: Vec<String> = a.files.iter().map(|f| f.to_string_lossy().into_owned()).collect();
    if patterns.is_empty() {
        patterns.push(".".into());
    }
    let listed = packages(&patterns, target)?;
    let output = if a.lib { check::Output::Library } else { check::Output::Program };
    if a.lib && target.spec.goos != "linux" {
        return err(format!("rgo build --lib: libraries are built for Linux targets only, not {}", target.spec));
    }
    let out_dir = a.output.as_ref().filter(|o| o.is_dir() || o.to_string_lossy().ends_with('/'));
    if listed.len() > 1 && a.output.is_some() && out_dir.is_none() {
        return err("-o names a file but several packages are built: give a directory (ending in /)".to_string());
    }
    if let Some(d) = out_dir {
        std::fs::create_dir_all(d).or_else(|e| err(format!("mkdir {}: {}", d.display(), build::io_msg(&e))))?;
    }
    for l in listed.iter().filter(|l| !l.tests_only) {
        let inputs = build::Inputs::package(&l.import_path, &l.dir, target)?;
        if a.emit_asm {
            let asm = build::compile_to_asm(&inputs, target, output)?;
            if let Some(out) = &a.output {
                std::fs::write(out, asm).or_else(|e| err(format!("write {}: {}", out.display(), build::io_msg(&e))))?;
            } else {
                print!("{asm}");
            }
            continue;
        }
        if a.lib {
            let out = a.output.clone().unwrap_or_else(|| PathBuf::from(format!("lib{}.a", inputs.default_output().display())));
            build::build_lib(&inputs, target, &out)?;
            continue;
        }
        if !is_main(&inputs)? {
            build::check_package(&l.import_path, target)?;
            continue;
        }
        let out = match (out_dir, &a.output) {
            (Some(d), _) => Some(d.join(inputs.default_output())),
            (None, Some(o)) => Some(o.clone()),
            (None, None) if listed.len() == 1 => Some(inputs.default_output()),
            (None, None) => None,
        };
        match out {
            Some(out) => build::build(&inputs, target, &out)?,
            None => {
                build::compile_to_asm(&inputs, target, output)?;
            }
        }
    }
    Ok(0)
}

/// Where `rgo install` puts the command named `name` for `target`, as go
/// install decides: GOBIN, else the first GOPATH's `bin` (another
/// target's commands in `bin/GOOS_GOARCH`, never in GOBIN).
pub(crate) fn install_path(name: &std::ffi::OsStr, target: build::Target) -> Result<PathBuf, String> {
    let host = rgo_targets::host();
    let cross = host.is_none_or(|h| h.goos != target.spec.goos || h.goarch != target.spec.goarch);
    if let Some(bin) = std::env::var_os("GOBIN").filter(|b| !b.is_empty()) {
        if cross {
            return Err("cannot install cross-compiled binaries when GOBIN is set".into());
        }
        return Ok(PathBuf::from(bin).join(name));
    }
    let Some(gopath) = crate::load::module::gopath() else {
        return Err("no install location: neither GOBIN nor GOPATH nor HOME is set".into());
    };
    let bin = gopath.join("bin");
    Ok(if cross { bin.join(format!("{}_{}", target.spec.goos, target.spec.goarch)).join(name) } else { bin.join(name) })
}

/// `rgo install`: each main package the patterns name is built and
/// written to [`install_path`], named after the last element of its import
/// path; other packages are compiled, a check that they build (go install
/// in module mode keeps nothing of them either). `.go` files name one
/// main package, installed under the first file's name when GOBIN is set,
/// as go installs them.
fn install_command(a: InstallArgs) -> Result<i32, Error> {
    let target = build::target(a.target.as_deref())?;
    if let Some(v) = a.packages.iter().filter_map(|p| p.to_str()).find(|p| p.contains('@')) {
        return err(format!("{v}: rgo install does not install module versions yet (it downloads no modules): run it in a module that requires the package"));
    }
    if names_files(a.packages.first().map(PathBuf::as_path)) {
        let inputs = build::Inputs::classify(&a.packages)?;
        if std::env::var_os("GOBIN").is_none_or(|b| b.is_empty()) {
            return err("no install location for .go files listed on command line (GOBIN not set)");
        }
        if !is_main(&inputs)? {
            return err("rgo install: the files listed are not a main package");
        }
        let out = install_path(inputs.default_output().as_os_str(), target).or_else(err)?;
        build::build(&inputs, target, &out)?;
        return Ok(0);
    }
    let mut patterns: Vec<String> = a.packages.iter().map(|f| f.to_string_lossy().into_owned()).collect();
    if patterns.is_empty() {
        patterns.push(".".into());
    }
    for l in packages(&patterns, target)?.iter().filter(|l| !l.tests_only) {
        let inputs = build::Inputs::package(&l.import_path, &l.dir, target)?;
        if !is_main(&inputs)? {
            build::check_package(&l.import_path, target)?;
            continue;
        }
        let out = install_path(inputs.default_output().as_os_str(), target).or_else(err)?;
        if let Some(dir) = out.parent() {
            std::fs::create_dir_all(dir).or_else(|e| err(format!("mkdir {}: {}", dir.display(), build::io_msg(&e))))?;
        }
        build::build(&inputs, target, &out)?;
    }
    Ok(0)
}

/// `rgo list`: each package the patterns name, as its import path, as
/// JSON (`-json`) or through a template (`-f`); `-deps` adds what they
/// import (driver/list.rs).
fn list_command(a: ListArgs) -> Result<i32, Error> {
    let target = build::target(a.target.as_deref())?;
    let raw_patterns = a.patterns.clone();
    let patterns = if a.patterns.is_empty() { vec![".".to_string()] } else { a.patterns };
    let format = match (&a.format, a.json) {
        (Some(_), true) => return err("list -f cannot be used with -json"),
        (Some(f), false) => list::Format::Template(list::Template::parse(f).or_else(err)?),
        (None, true) => list::Format::Json,
        (None, false) => list::Format::Paths,
    };
    let out = if a.modules {
        if a.deps {
            return err("list -deps cannot be used with -m");
        }
        // The patterns as given: none names the main module.
        list::list_modules(&raw_patterns, &format)?
    } else {
        list::list(&patterns, target, &format, a.deps)?
    };
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes()).and_then(|()| stdout.flush()).or_else(|e| err(format!("write: {}", build::io_msg(&e))))?;
    Ok(0)
}

/// `rgo generate`: the `//go:generate` commands of the packages named
/// (driver/generate.rs); `.go` files name their directory's package.
fn generate_command(a: GenerateArgs) -> Result<i32, Error> {
    let target = build::target(a.target.as_deref())?;
    let run = match a.run.as_deref().filter(|r| !r.is_empty()) {
        // The crate's message ends with what is wrong, after the pattern.
        Some(r) => Some(regex::Regex::new(r).or_else(|e| err(format!("generate: error parsing regexp: {}: `{r}`", e.to_string().lines().last().unwrap_or("").trim_start_matches("error: "))))?),
        None => None,
    };
    let opts = generate::Options { run, dry_run: a.dry_run, trace: a.trace, verbose: a.verbose };
    let mut patterns = a.packages;
    // Files name a package of those files alone.
    let packages = if patterns.first().is_some_and(|p| p.ends_with(".go")) {
        let files: Vec<PathBuf> = patterns.iter().map(PathBuf::from).collect();
        for f in &files {
            if !f.is_file() {
                return err(format!("stat {}: no such file or directory", f.display()));
            }
        }
        let dirs: std::collections::BTreeSet<&Path> = files.iter().map(|f| f.parent().unwrap_or(Path::new(""))).collect();
        if dirs.len() > 1 {
            return err("named files must all be in one directory");
        }
        vec![generate::Files { files, xfiles: vec![], dependency: false }]
    } else {
        if patterns.is_empty() {
            patterns.push(".".into());
        }
        list::package_files(&patterns, target)?.into_iter().map(generate::Files::from).collect()
    };
    generate::generate(packages, target, &opts)
}

/// `rgo version`: rgo's own, or that of each program named, as go
/// version prints them (`file: go1.19`, then with `-m` the build
/// information's lines after a tab). A file named that is not a Go program
/// is reported and makes the status 1; in a directory only with `-v`.
fn version_command(a: VersionArgs) -> Result<i32, Error> {
    if a.files.is_empty() {
        if a.modules || a.verbose {
            say(&format!("rgo: 'rgo version' only accepts {} flag with arguments", if a.modules { "-m" } else { "-v" }));
            return Ok(2);
        }
        let host = rgo_targets::host().map_or("unknown".to_string(), |t| format!("{}/{}", t.goos, t.goarch));
        println!("rgo version {} {host}", env!("CARGO_PKG_VERSION"));
        return Ok(0);
    }
    let mut status = 0;
    let mut out = String::new();
    let report = |file: &Path, must: bool, out: &mut String| match std::fs::metadata(file) {
        Ok(m) if m.is_file() && std::os::unix::fs::PermissionsExt::mode(&m.permissions()) & 0o111 != 0 => {
            match std::fs::read(file).map_err(|e| build::io_msg(&e)).and_then(|b| stamp::read_buildinfo(&b)) {
                Ok((version, info)) => {
                    out.push_str(&format!("{}: {version}\n", file.display()));
                    if a.modules && !info.is_empty() {
                        out.push_str(&format!("\t{}\n", info.trim_end_matches('\n').replace('\n', "\n\t")));
                    }
                }
                Err(e) if must => say(&format!("{}: {e}", file.display())),
                Err(_) => {}
            }
        }
        Ok(_) if must => say(&format!("{}: not executable file", file.display())),
        _ => {}
    };
    for f in &a.files {
        match std::fs::metadata(f) {
            Err(e) => {
                say(&format!("stat {}: {}", f.display(), build::io_msg(&e)));
                status = 1;
            }
            Ok(m) if m.is_dir() => {
                let mut files = vec![];
                walk_files(f, &mut files);
                for p in files {
                    report(&p, a.verbose, &mut out);
                }
            }
            Ok(_) => report(f, true, &mut out),
        }
    }
    print!("{out}");
    Ok(status)
}

/// The files under `dir`, in lexical order, each directory's where its
/// name sorts (as filepath.WalkDir visits them); symbolic links to
/// directories are not followed.
fn walk_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.symlink_metadata().is_ok_and(|m| m.is_dir()) {
            walk_files(&p, files);
        } else {
            files.push(p);
        }
    }
}

/// `rgo env`: the variables a build reads, with the values it uses.
fn env_command(a: EnvArgs) -> Result<i32, Error> {
    let host = rgo_targets::host();
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let spec = rgo_targets::select(None, var("GOOS").as_deref(), var("GOARCH").as_deref()).ok().or(host);
    let path = |p: Option<PathBuf>| p.map(|p| p.display().to_string()).unwrap_or_default();
    let gomod = match build::modules() {
        Ok(Some(m)) => m.dir.join("go.mod").display().to_string(),
        Ok(None) => "/dev/null".to_string(),
        Err(_) => String::new(),
    };
    let vars: Vec<(&str, String)> = vec![
        ("CGO_ENABLED", "0".into()),
        ("GO111MODULE", var("GO111MODULE").unwrap_or_default()),
        ("GOARCH", spec.map(|t| t.goarch.to_string()).unwrap_or_default()),
        ("GOBIN", var("GOBIN").unwrap_or_default()),
        ("GOCACHE", crate::load::cache::Cache::dir().map_or_else(|| "off".to_string(), |d| d.display().to_string())),
        ("GOFLAGS", var("GOFLAGS").unwrap_or_default()),
        ("GOHOSTARCH", host.map(|t| t.goarch.to_string()).unwrap_or_default()),
        ("GOHOSTOS", host.map(|t| t.goos.to_string()).unwrap_or_default()),
        ("GOMOD", gomod),
        ("GOMODCACHE", path(crate::load::module::mod_cache())),
        ("GOOS", spec.map(|t| t.goos.to_string()).unwrap_or_default()),
        ("GOPATH", path(crate::load::module::gopath())),
        ("GOROOT", path(crate::load::goroot())),
    ];
    let mut out = String::new();
    if a.vars.is_empty() {
        for (k, v) in &vars {
            out.push_str(&format!("{k}=\"{v}\"\n"));
        }
    } else {
        for name in &a.vars {
            // Unknown names print empty lines, as with the go command.
            let v = vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("");
            out.push_str(v);
            out.push('\n');
        }
    }
    print!("{out}");
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
    if let Some(first) = a.files.first().filter(|f| *f != "--" && !names_files(Some(Path::new(f)))) {
        // A package, then the program's arguments.
        let mut rest = &a.files[1..];
        if rest.first().is_some_and(|f| f == "--") {
            rest = &rest[1..];
        }
        let listed = packages(&[first.to_string_lossy().into_owned()], target)?;
        let [l] = listed.as_slice() else {
            return err(format!("rgo run: pattern {} matches {} packages; run needs one main package", first.to_string_lossy(), listed.len()));
        };
        let inputs = build::Inputs::package(&l.import_path, &l.dir, target)?;
        if !is_main(&inputs)? {
            return err(format!("package {} is not a main package", l.import_path));
        }
        return run::run(&inputs, target, rest);
    }
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
