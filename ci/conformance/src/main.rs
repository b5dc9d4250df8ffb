//! `conformance`: runs every single-file program of Go 1.19's test tree
//! (`test/*.go` and each directory below `test/` that holds single-file
//! programs: `fixedbugs`, `ken`, `chan`, `interface`, `typeparam`, `abi`,
//! …; not the `*.dir` directories of multi-file tests) under rgo, by the
//! kind its recipe names, and writes a markdown report
//! (`docs/conformance.md`).
//!
//! ```text
//! cargo build --release -p rgo
//! cargo run --release -p conformance -- --jobs 2 --out docs/conformance.md
//! ```
//!
//! Options: `--rgo PATH` (default `target/release/rgo`), `--go-test-dir DIR`
//! (default `/usr/lib/go-1.19/test`), `--jobs N` (default 2), `--out FILE`
//! (default: standard output), `--goarch LIST` (or `--target LIST`:
//! targets of the table `rgo-targets`, as `linux/arm64` or `arm64`,
//! comma-separated; default: the host's), and program names (`helloworld`,
//! `fixedbugs/bug215`) to run only those.
//!
//! `--gcstress N` runs every program with `RGO_GCSTRESS=N` (rgo's collector
//! stress mode: a collection at every Nth safepoint, freed memory
//! poisoned; rgo itself never gets the variable) and judges only the
//! `// run` programs, the only ones that run. `--expect REPORT` checks the
//! run against a checked-in report (see [`expect`]): the exit status is 1,
//! and the programs are named, when one that the report lists as passing on
//! a target does not pass here (under `--gcstress`, running out of time is
//! accepted and named). With `--expect`, the report of the run is written
//! only when `--out` names a file. CI's stage `conformance-gcstress` runs
//! `--goarch amd64 --gcstress N --expect docs/conformance.md`.
//!
//! Every program is judged on every target: built with `rgo build --target`
//! and, for another architecture, run under the target's emulator
//! (qemu-user). With several targets the report has a column per
//! architecture and lists the programs whose verdicts differ.
//!
//! - `// run`: judged as Go's test runner judges it (see
//!   `../shared/corpus/CORPUS.md`): built with `rgo build`, run with no
//!   arguments in a fresh temporary directory with stdin from /dev/null for
//!   at most 30 s (10 s under `--gcstress`); it passes when it exits 0 and its stdout and stderr, as
//!   one stream, equal `NAME.out` (or are empty when there is none).
//! - `// compile` and `// build`: passes when rgo builds it.
//! - `// errorcheck`: see [`errorcheck`]; rgo must reject it with its
//!   diagnostics on the lines marked `// ERROR`; gc's wording is measured
//!   on the side.
//! - any other recipe (`rundir`, `compiledir`, `errorcheckdir`,
//!   `runoutput`, `asmcheck`, …): counted, not measured.
//!
//! `// compile` and `// errorcheck` programs are copied and built as
//! commands (see [`rewrite`]). A crash or hang of rgo (panic, signal, stack
//! overflow, more than 20 s) is its own verdict for every kind.

mod compare;
mod errorcheck;
mod expect;
mod header;
mod report;
mod rewrite;
mod run;

use header::Kind;
use rgo_targets::Target;
use run::{End, Outcome};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The command that regenerates docs/conformance.md.
pub const COMMAND: &str =
    "cargo build --release -p rgo && cargo run --release -p conformance -- --jobs 2 --out docs/conformance.md";

const USAGE: &str = "usage: conformance [--rgo PATH] [--go-test-dir DIR] [--jobs N] [--out FILE] \
     [--goarch amd64,arm64,riscv64,virt-arm64,virt-riscv64] [--gcstress N] [--expect REPORT] [NAME...]";

struct Options {
    rgo: PathBuf,
    test_dir: PathBuf,
    jobs: usize,
    out: Option<PathBuf>,
    targets: Vec<&'static Target>,
    only: Vec<String>,
    /// `RGO_GCSTRESS` for the programs run.
    gcstress: Option<u32>,
    /// The report to check the run against.
    expect: Option<PathBuf>,
}

/// The name of a target's column in the report (and of its verdicts in
/// `--expect`): the GOARCH for a target whose programs run as processes
/// (the Linux targets, one per architecture), the table's name for a board
/// (`virt-arm64`), which shares its GOARCH with a Linux target.
pub trait Column {
    fn column(&self) -> &'static str;
}

impl Column for Target {
    fn column(&self) -> &'static str {
        match self.emulator {
            rgo_targets::Emulator::System { .. } => self.name,
            rgo_targets::Emulator::User { .. } => self.goarch,
        }
    }
}

/// `--goarch` / `--target`: comma-separated names or GOARCHes of the table.
fn parse_targets(list: &str) -> Result<Vec<&'static Target>, String> {
    let mut out: Vec<&'static Target> = Vec::new();
    for spec in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let t = rgo_targets::parse(spec, None).map_err(|e| format!("{e}\n{USAGE}"))?;
        if !out.contains(&t) {
            out.push(t);
        }
    }
    if out.is_empty() {
        return Err(format!("--goarch needs at least one target\n{USAGE}"));
    }
    Ok(out)
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        rgo: PathBuf::from("target/release/rgo"),
        test_dir: PathBuf::from("/usr/lib/go-1.19/test"),
        jobs: 2,
        out: None,
        targets: Vec::new(),
        only: Vec::new(),
        gcstress: None,
        expect: None,
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
            "--goarch" | "--target" => o.targets = parse_targets(&value("--goarch")?)?,
            "--gcstress" => {
                let v = value("--gcstress")?;
                // 0 would be the runtime's "off": leave the option out instead.
                let n = v.parse().ok().filter(|&n: &u32| n > 0);
                o.gcstress = Some(n.ok_or_else(|| format!("bad --gcstress value {v:?} (a number from 1)\n{USAGE}"))?);
            }
            "--expect" => o.expect = Some(PathBuf::from(value("--expect")?)),
            "--help" | "-h" => return Err(USAGE.to_string()),
            f if f.starts_with('-') => return Err(format!("unknown option {f}\n{USAGE}")),
            name => o.only.push(name.trim_end_matches(".go").to_string()),
        }
    }
    if o.targets.is_empty() {
        o.targets = vec![rgo_targets::host().ok_or_else(|| format!("this host is not a target of rgo: pass --goarch\n{USAGE}"))?];
    }
    Ok(o)
}

/// One single-file test program.
pub struct Program {
    /// `abi/fibish.go` or `helloworld.go`: the path under the test directory.
    pub rel: String,
    /// Its directory: an index into the list of directories.
    pub dir: usize,
    pub path: PathBuf,
    pub recipe: header::Recipe,
    /// The packages it imports.
    pub imports: Vec<String>,
    /// gc 1.19 itself fails it: Go's runner skips it (`test/run.go`'s
    /// `go118Failures`, for the compiler gc 1.19 builds by default).
    pub gc_fails: bool,
}

impl Program {
    pub fn kind(&self) -> Kind {
        self.recipe.kind()
    }

    /// Whether the table judges it on `t` (a measured kind, not excluded
    /// there by its build constraints).
    pub fn judged(&self, t: &Target) -> bool {
        self.kind() != Kind::Other && !self.gc_fails && self.recipe.unsatisfied(t.goos, t.goarch).is_empty()
    }
}

/// The verdict on one program.
pub struct Judged {
    pub outcome: Outcome,
    /// (errorcheck) Go's `test/run.go` check of gc's wording: `Err` with
    /// the first problem. `None` when not measured.
    pub gc: Option<Result<(), String>>,
    /// (errorcheck, rejected on the right lines) every marked line got a
    /// diagnostic (or rgo reported as many errors as it reports at most).
    pub all_lines: bool,
}

impl From<Outcome> for Judged {
    fn from(outcome: Outcome) -> Judged {
        Judged { outcome, gc: None, all_lines: false }
    }
}

/// The directories under `test_dir` that hold single-file test programs
/// (files with a recipe), as paths relative to it (`""` for `test/`
/// itself), sorted; the `*.dir` directories of multi-file tests and what
/// is under them are left out.
fn directories(test_dir: &Path) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut todo = vec![String::new()];
    while let Some(sub) = todo.pop() {
        let dir = test_dir.join(&sub);
        let rd = std::fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        let mut has_program = false;
        for entry in rd {
            let entry = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let Ok(ft) = entry.file_type() else { continue };
            if ft.is_dir() {
                // test/bench holds benchmarks, not tests: Go's run.go never
                // runs them, and bench/garbage's programs share stats.go, so
                // none builds alone (bench/go has them as rgo benchmarks).
                let bench = sub.is_empty() && name == "bench";
                if !name.ends_with(".dir") && !name.starts_with('.') && name != "testdata" && !bench {
                    todo.push(if sub.is_empty() { name } else { format!("{sub}/{name}") });
                }
            } else if ft.is_file() && name.ends_with(".go") && !has_program {
                let src = std::fs::read(entry.path()).unwrap_or_default();
                has_program = header::recipe(&String::from_utf8_lossy(&src)).is_some();
            }
        }
        if has_program {
            out.push(sub);
        }
    }
    out.sort();
    Ok(out)
}

/// How a directory is shown: `test/*.go`, `test/fixedbugs`.
pub fn dir_name(sub: &str) -> String {
    if sub.is_empty() {
        "test/*.go".to_string()
    } else {
        format!("test/{sub}")
    }
}

/// The programs (files with a recipe) of `dir` (`*.go`, not recursive),
/// sorted by name.
fn programs_in(test_dir: &Path, sub: &str, index: usize, gc_fails: &[String]) -> Result<Vec<Program>, String> {
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
        if let Some(recipe) = header::recipe(&src) {
            let rel = if sub.is_empty() { name } else { format!("{sub}/{name}") };
            let gc_fails = gc_fails.contains(&rel);
            out.push(Program { rel, dir: index, path, recipe, imports: header::imports(&src), gc_fails });
        }
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(out)
}

/// rgo's diagnostic for a function declared without a body.
const BODYLESS: &str = "missing function body";

/// Judges one program in its own scratch directory under `root`; a
/// `// run` program runs with `RGO_GCSTRESS=gcstress` if given.
fn judge(rgo: &Path, t: &Target, p: &Program, root: &Path, index: usize, gcstress: Option<u32>) -> Judged {
    let args = match p.kind() {
        Kind::Run => match p.recipe.run_arguments() {
            Ok(a) => a,
            Err(why) => return Outcome::NotSupported(why).into(),
        },
        _ => vec![],
    };
    if !args.is_empty() && matches!(t.emulator, rgo_targets::Emulator::System { .. }) {
        return Outcome::NotSupported("program arguments: a board has no command line".to_string()).into();
    }
    if p.kind() == Kind::ErrorCheck {
        if let Some(why) = p.recipe.errorcheck_unmeasured() {
            return Outcome::NotMeasured(why).into();
        }
    }
    let dir = root.join(format!("{index}-{}-{}", t.column(), p.rel.replace('/', "-").trim_end_matches(".go")));
    let scratch = run::Scratch(dir.clone());
    if let Err(e) = std::fs::create_dir_all(&dir) {
        return Outcome::FailBuild(format!("harness: cannot create {}: {e}", dir.display())).into();
    }
    let j = match p.kind() {
        Kind::Run => judge_run(rgo, t, p, &args, &dir, gcstress),
        _ => judge_built(rgo, t, p, &dir),
    };
    drop(scratch);
    j
}

fn judge_run(rgo: &Path, t: &Target, p: &Program, args: &[String], dir: &Path, gcstress: Option<u32>) -> Judged {
    let out_file = p.path.with_extension("out");
    let expected = match std::fs::read(&out_file) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Outcome::FailBuild(format!("harness: cannot read {}: {e}", out_file.display())).into(),
    };
    run::build_and_run(rgo, t, &p.path, args, &expected, dir, gcstress)
        .unwrap_or_else(|e| Outcome::FailBuild(format!("harness: cannot run: {e}")))
        .into()
}

/// A `// compile` or `// errorcheck` program: copied into `dir` as a
/// command (same file name, same line numbers) and built there.
fn judge_built(rgo: &Path, t: &Target, p: &Program, dir: &Path) -> Judged {
    let src = match std::fs::read(&p.path) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => return Outcome::FailBuild(format!("harness: cannot read {}: {e}", p.path.display())).into(),
    };
    let short = p.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let build_as = |with_main: bool| -> Result<(End, Vec<u8>), String> {
        let text = rewrite::as_command(&src, with_main).unwrap_or_else(|| src.clone());
        std::fs::write(dir.join(&short), text).map_err(|e| format!("cannot write into {}: {e}", dir.display()))?;
        run::build(rgo, t, Path::new(&short), &dir.join("prog.exe"), dir).map_err(|e| format!("cannot run rgo: {e}"))
    };
    let (mut end, mut out) = match build_as(true) {
        Ok(r) => r,
        Err(e) => return Outcome::FailBuild(format!("harness: {e}")).into(),
    };
    if p.kind() == Kind::ErrorCheck {
        // A diagnostic past the file's last line is about the appended
        // `func main() {}` (after an unfinished declaration): judge the
        // file as it is, without it.
        let last = src.lines().count();
        let text = String::from_utf8_lossy(&out).into_owned();
        if errorcheck::diagnostics(&text).iter().any(|d| d.file == short && d.line > last) {
            match build_as(false) {
                Ok(r) => (end, out) = r,
                Err(e) => return Outcome::FailBuild(format!("harness: {e}")).into(),
            }
        }
    }
    let built = matches!(end, End::Exited(s) if s.success());
    if let Some(c) = run::crash(&out, &end) {
        let gc = (p.kind() == Kind::ErrorCheck).then(|| Err("rgo crashed".to_string()));
        return Judged { outcome: Outcome::Crash(c), gc, all_lines: false };
    }
    let text = String::from_utf8_lossy(&out).replace(&format!("{}/", dir.display()), "");
    // gc compiles these files as a package, where a function may have no
    // body (its code in assembly); a command must have them all, so rgo's
    // `missing function body` is right for the copy and not judged, except
    // on a marked line.
    let allowed = errorcheck::allowed_lines(&src);
    // Positioned messages about other files (the assembler's, on rgo's
    // output) are not diagnostics of the program.
    let mut diags = errorcheck::diagnostics(&text);
    diags.retain(|d| d.file.ends_with(".go"));
    let any = !diags.is_empty();
    diags.retain(|d| d.message != BODYLESS || allowed.contains(&d.line));
    if !built && any && diags.is_empty() {
        return Outcome::NotMeasured(format!("declares a function without a body (`{BODYLESS}` in a command)")).into();
    }
    if p.kind() == Kind::Compile {
        return match diags.first() {
            _ if built => Outcome::Pass,
            Some(d) if d.message.starts_with("rgo does not support") => {
                Outcome::NotSupported(compare::show(d.message.as_bytes()))
            }
            Some(d) => Outcome::FailCompile(compare::show(d.message.as_bytes())),
            None => run::build_failure(&out, &end),
        }
        .into();
    }

    // errorcheck
    if built && errorcheck::only_gc_errors(&src) {
        return Outcome::NotMeasured("only `// GC_ERROR` marks: gc's own limits, in valid Go (rgo built it)".into()).into();
    }
    if built {
        return Judged { outcome: Outcome::Accepted, gc: Some(Err("rgo built it".into())), all_lines: false };
    }
    if diags.is_empty() {
        return Judged { outcome: run::build_failure(&out, &end), gc: Some(Err("no diagnostic".into())), all_lines: false };
    }
    let lines = errorcheck::judge_lines(&diags, &allowed, &errorcheck::marked_lines(&src), &short);
    let (outcome, all_lines) = match lines {
        errorcheck::Lines::Right { all } => (Outcome::Pass, all),
        errorcheck::Lines::NotSupported(m) => (Outcome::NotSupported(compare::show(m.as_bytes())), false),
        errorcheck::Lines::Wrong(m) => (Outcome::WrongLines(compare::show(m.as_bytes())), false),
    };
    let raw: Vec<String> = diags.iter().map(|d| d.raw.clone()).collect();
    let gc = errorcheck::gc_wording(&raw, &errorcheck::wanted_errors(&src, &short), &short);
    Judged { outcome, gc: Some(gc), all_lines }
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
    let dirs = match directories(&test_dir) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("conformance: {e} (is Go 1.19's test tree installed? see ci/setup, or pass --go-test-dir)");
            return ExitCode::FAILURE;
        }
    };
    // What Go's runner knows gc 1.19 fails (none if it is not there).
    let gc_fails = std::fs::read_to_string(test_dir.join("run.go")).map(|s| header::run_go_set(&s, "go118Failures")).unwrap_or_default();
    let mut programs = Vec::new();
    for (index, sub) in dirs.iter().enumerate() {
        match programs_in(&test_dir, sub, index, &gc_fails) {
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
            eprintln!("conformance: no test program is named {}", o.only.join(", "));
            return ExitCode::FAILURE;
        }
    }
    // Stress concerns programs that run; the others only build.
    if o.gcstress.is_some() {
        programs.retain(|p| p.kind() == Kind::Run);
    }
    // The report to check against, read before the run takes minutes.
    let expected = match &o.expect {
        Some(path) => match std::fs::read_to_string(path).map_err(|e| e.to_string()).and_then(|t| expect::Expected::parse(&t)) {
            Ok(e) => Some(e),
            Err(e) => {
                eprintln!("conformance: --expect {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        },
        None => None,
    };

    let root = std::env::temp_dir().join(format!("rgo-conformance-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&root) {
        eprintln!("conformance: cannot create {}: {e}", root.display());
        return ExitCode::FAILURE;
    }
    let root_guard = run::Scratch(root.clone());

    // Every target's emulator and runtime library before anything runs.
    for t in &o.targets {
        if let Err(e) = run::emulator(t).map(drop).and_then(|()| run::prepare_runtime(&rgo, t)) {
            eprintln!("conformance: {e}");
            return ExitCode::FAILURE;
        }
    }

    // Programs that Go's runner skips on a target are listed, not run;
    // other recipes are counted. Work items: (program, target), a
    // program's targets one after the other.
    let nt = o.targets.len();
    let start = std::time::Instant::now();
    let results: Vec<Vec<Mutex<Option<Judged>>>> =
        o.targets.iter().map(|_| programs.iter().map(|_| Mutex::new(None)).collect()).collect();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let total: usize = o.targets.iter().map(|t| programs.iter().filter(|p| p.judged(t)).count()).sum();
    std::thread::scope(|s| {
        for _ in 0..o.jobs {
            s.spawn(|| loop {
                let k = next.fetch_add(1, Ordering::Relaxed);
                let (i, ti) = (k / nt, k % nt);
                let Some(p) = programs.get(i) else { break };
                let t = o.targets[ti];
                if !p.judged(t) {
                    continue;
                }
                let j = judge(&rgo, t, p, &root, i, o.gcstress);
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                let detail = j.outcome.detail();
                let sep = if detail.is_empty() { "" } else { ": " };
                let gc = match &j.gc {
                    Some(Ok(())) => " [gc wording: match]",
                    _ => "",
                };
                let on = if nt > 1 { format!(" ({})", t.column()) } else { String::new() };
                eprintln!("[{n}/{total}] {}{on} {}{sep}{detail}{gc}", p.rel, j.outcome.category(p.kind()));
                *results[ti][i].lock().unwrap() = Some(j);
            });
        }
    });
    drop(root_guard);

    let elapsed = start.elapsed();
    let results: Vec<Vec<Option<Judged>>> =
        results.into_iter().map(|r| r.into_iter().map(|m| m.into_inner().unwrap()).collect()).collect();
    let doc = report::markdown(&programs, &o.targets, &results, &dirs, &o.test_dir, &o.only, o.gcstress);
    eprintln!("conformance: {total} programs judged in {} s", elapsed.as_secs());
    match &o.out {
        Some(path) => {
            if let Err(e) = std::fs::write(path, doc) {
                eprintln!("conformance: cannot write {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
            eprintln!("conformance: wrote {}", path.display());
        }
        // With --expect the check is the output.
        None if expected.is_some() => {}
        None => print!("{doc}"),
    }
    let (Some(expected), Some(path)) = (&expected, &o.expect) else { return ExitCode::SUCCESS };
    let shown = path.display().to_string();
    match expect::check(expected, &programs, &o.targets, &results, o.gcstress.is_some()) {
        Ok(c) => {
            let limit = if o.gcstress.is_some() { run::STRESS_RUN_TIMEOUT } else { run::RUN_TIMEOUT }.as_secs();
            eprint!("{}", expect::summary(&c, &shown, o.gcstress, limit));
            if c.failed() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            eprintln!("conformance: --expect {shown}: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_targets;

    #[test]
    fn goarch_lists() {
        let names = |l: &str| parse_targets(l).map(|ts| ts.iter().map(|t| t.name).collect::<Vec<_>>());
        assert_eq!(names("amd64,arm64,riscv64").unwrap(), ["linux/amd64", "linux/arm64", "linux/riscv64"]);
        assert_eq!(names("linux/riscv64, arm64,riscv64").unwrap(), ["linux/riscv64", "linux/arm64"]);
        assert!(names("mips").unwrap_err().starts_with("unsupported GOOS/GOARCH pair linux/mips (supported: "));
        assert!(names(",").is_err());
    }
}
