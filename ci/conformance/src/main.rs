//! `conformance`: runs every `// run` program of Go 1.19's `test/abi/*.go`
//! and `test/*.go` under rgo and writes a markdown table of the results
//! (`docs/conformance.md`).
//!
//! ```text
//! cargo build --release -p rgo
//! cargo run --release -p conformance -- --out docs/conformance.md
//! ```
//!
//! Options: `--rgo PATH` (default `target/release/rgo`), `--go-test-dir DIR`
//! (default `/usr/lib/go-1.19/test`), `--jobs N` (default 2), `--out FILE`
//! (default: standard output), and program names (`helloworld`,
//! `abi/fibish`) to run only those.
//!
//! A program is judged as Go's test runner judges it (see
//! `../shared/corpus/CORPUS.md`): built with `rgo build`, run with no
//! arguments in a fresh temporary directory with stdin from /dev/null for
//! at most 10 s; it passes when it exits 0 and its stdout and stderr, as one
//! stream, equal `NAME.out` (or are empty when there is none).

mod compare;
mod header;
mod report;
mod run;

use run::Outcome;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The command that regenerates docs/conformance.md.
pub const COMMAND: &str =
    "cargo build --release -p rgo && cargo run --release -p conformance -- --out docs/conformance.md";

const USAGE: &str = "usage: conformance [--rgo PATH] [--go-test-dir DIR] [--jobs N] [--out FILE] [NAME...]";

struct Options {
    rgo: PathBuf,
    test_dir: PathBuf,
    jobs: usize,
    out: Option<PathBuf>,
    only: Vec<String>,
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        rgo: PathBuf::from("target/release/rgo"),
        test_dir: PathBuf::from("/usr/lib/go-1.19/test"),
        jobs: 2,
        out: None,
        only: Vec::new(),
    };
    let mut args = std::env::args_os().skip(1);
    while let Some(a) = args.next() {
        let a = a.to_string_lossy().into_owned();
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            match inline.clone() {
                Some(v) => Ok(v),
                None => args
                    .next()
                    .map(|v| v.to_string_lossy().into_owned())
                    .ok_or_else(|| format!("{name} needs a value\n{USAGE}")),
            }
        };
        match flag.as_str() {
            "--rgo" => o.rgo = PathBuf::from(value("--rgo")?),
            "--go-test-dir" => o.test_dir = PathBuf::from(value("--go-test-dir")?),
            "--out" | "-o" => o.out = Some(PathBuf::from(value("--out")?)),
            "--jobs" | "-j" => {
                let v = value("--jobs")?;
                o.jobs = v.parse().ok().filter(|&n| n > 0).ok_or_else(|| format!("bad --jobs value {v:?}\n{USAGE}"))?;
            }
            "--help" | "-h" => return Err(USAGE.to_string()),
            f if f.starts_with('-') => return Err(format!("unknown option {f}\n{USAGE}")),
            name => o.only.push(name.trim_end_matches(".go").to_string()),
        }
    }
    Ok(o)
}

/// One `// run` program.
pub struct Program {
    /// `abi/fibish.go` or `helloworld.go`: the path under the test directory.
    pub rel: String,
    /// Which table: 0 for test/abi, 1 for test/*.go.
    pub group: usize,
    pub path: PathBuf,
    pub header: header::RunHeader,
    /// The packages it imports.
    pub imports: Vec<String>,
}

pub const GROUPS: [&str; 2] = ["test/abi", "test/*.go"];

/// The `// run` programs of `dir` (`*.go`, not recursive), sorted by name.
fn programs_in(test_dir: &Path, sub: &str, group: usize) -> Result<Vec<Program>, String> {
    let dir = test_dir.join(sub);
    let rd = std::fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut out = Vec::new();
    for entry in rd {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".go") || !entry.file_type().map(|t| t.is_file()).unwrap_or(false) {
            continue;
        }
        let path = entry.path();
        let src = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let src = String::from_utf8_lossy(&src);
        if let Some(header) = header::run_header(&src) {
            let rel = if sub.is_empty() { name } else { format!("{sub}/{name}") };
            out.push(Program { rel, group, path, header, imports: header::imports(&src) });
        }
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(out)
}

/// Judges one program in its own scratch directory under `root`.
fn judge(rgo: &Path, p: &Program, root: &Path, index: usize) -> Outcome {
    if !p.header.extra.is_empty() {
        return Outcome::NotSupported(format!("needs run flags: `// run {}`", p.header.extra.join(" ")));
    }
    let out_file = p.path.with_extension("out");
    let expected = match std::fs::read(&out_file) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Outcome::FailBuild(format!("harness: cannot read {}: {e}", out_file.display())),
    };
    let dir = root.join(format!("{index}-{}", p.rel.replace('/', "-").trim_end_matches(".go")));
    let scratch = run::Scratch(dir.clone());
    if let Err(e) = std::fs::create_dir_all(&dir) {
        return Outcome::FailBuild(format!("harness: cannot create {}: {e}", dir.display()));
    }
    let o = run::build_and_run(rgo, &p.path, &expected, &dir)
        .unwrap_or_else(|e| Outcome::FailBuild(format!("harness: cannot run: {e}")));
    drop(scratch);
    o
}

fn main() -> ExitCode {
    let o = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if !o.rgo.is_file() {
        eprintln!(
            "conformance: no rgo binary at {}: build it first with `cargo build --release -p rgo` \
             (from the workspace root), or pass --rgo PATH",
            o.rgo.display()
        );
        return ExitCode::FAILURE;
    }
    // The scratch directories' programs run elsewhere: give them an absolute path.
    let rgo = match std::fs::canonicalize(&o.rgo) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("conformance: {}: {e}", o.rgo.display());
            return ExitCode::FAILURE;
        }
    };
    let test_dir = std::fs::canonicalize(&o.test_dir).unwrap_or(o.test_dir.clone());
    let mut programs = Vec::new();
    for (group, sub) in ["abi", ""].into_iter().enumerate() {
        match programs_in(&test_dir, sub, group) {
            Ok(mut p) => programs.append(&mut p),
            Err(e) => {
                eprintln!("conformance: {e} (is Go 1.19's test tree installed? see ci/setup, or pass --go-test-dir)");
                return ExitCode::FAILURE;
            }
        }
    }
    if !o.only.is_empty() {
        programs.retain(|p| o.only.iter().any(|n| p.rel.trim_end_matches(".go") == n));
        if programs.is_empty() {
            eprintln!("conformance: no `// run` program is named {}", o.only.join(", "));
            return ExitCode::FAILURE;
        }
    }

    let root = std::env::temp_dir().join(format!("rgo-conformance-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&root) {
        eprintln!("conformance: cannot create {}: {e}", root.display());
        return ExitCode::FAILURE;
    }
    let root_guard = run::Scratch(root.clone());

    // Programs that Go's runner skips on linux/amd64 are listed, not run.
    let results: Vec<Mutex<Option<Outcome>>> = programs.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let total = programs.iter().filter(|p| p.header.unsatisfied.is_empty()).count();
    std::thread::scope(|s| {
        for _ in 0..o.jobs {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(p) = programs.get(i) else { break };
                if !p.header.unsatisfied.is_empty() {
                    continue;
                }
                let outcome = judge(&rgo, p, &root, i);
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                let detail = outcome.detail();
                let sep = if detail.is_empty() { "" } else { ": " };
                eprintln!("[{n}/{total}] {} {}{sep}{detail}", p.rel, outcome.category());
                *results[i].lock().unwrap() = Some(outcome);
            });
        }
    });
    drop(root_guard);

    let results: Vec<Option<Outcome>> = results.into_iter().map(|m| m.into_inner().unwrap()).collect();
    let doc = report::markdown(&programs, &results, &o.test_dir, &o.only);
    match &o.out {
        Some(path) => {
            if let Err(e) = std::fs::write(path, doc) {
                eprintln!("conformance: cannot write {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
            eprintln!("conformance: wrote {}", path.display());
        }
        None => print!("{doc}"),
    }
    ExitCode::SUCCESS
}
