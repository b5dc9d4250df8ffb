//! `rgo test`: builds a test binary for each package named and runs it,
//! as `go test` does (docs/testing.md).
//!
//! For each package: its `_test.go` files of the same package are built
//! into it and its external test package (`p_test`) beside it, both given
//! to the build as files (`load::Given`), so that everything that imports
//! the package in the test binary sees its test variant; `testmain`
//! generates the main package that runs what they declare through Go's own
//! `testing` package. The binary runs in the package's directory, under the
//! target's emulator for another architecture, with the test flags turned
//! into `-test.` flags. What is printed is what `go test` prints: in
//! package list mode `ok`, `FAIL` or `?` lines per package (the test's
//! output only when it fails or with `-v`), then `FAIL` when any failed;
//! with no package named (the current directory), the test's output as it
//! comes. The exit status is 2 when a test binary could not be built,
//! else 1 when a test failed.

use super::build::{self, io_msg, Target, WorkDir};
use super::test2json::Converter;
use super::testcache::{self, TestCache};
use super::testmain::{Found, In};
use super::{err, Error};
use crate::load::{Files, Given};
use std::collections::HashMap;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Flags of `go test` that the test binary takes, as `-test.NAME`: those
/// without a value, then those with one.
const TEST_BOOL_FLAGS: &[&str] = &["benchmem", "failfast", "short", "v"];
const TEST_VALUE_FLAGS: &[&str] = &[
    "bench",
    "benchtime",
    "blockprofile",
    "blockprofilerate",
    "count",
    "coverprofile",
    "cpu",
    "cpuprofile",
    "fuzz",
    "fuzzminimizetime",
    "fuzztime",
    "list",
    "memprofile",
    "memprofilerate",
    "mutexprofile",
    "mutexprofilefraction",
    "outputdir",
    "parallel",
    "run",
    "shuffle",
    "timeout",
    "trace",
];

/// `go test`'s default `-timeout`.
const DEFAULT_TIMEOUT: &str = "10m0s";

/// The command line of `rgo test`, read as `go test` reads its own.
#[derive(Debug, Default, PartialEq)]
pub struct TestCommand {
    pub patterns: Vec<String>,
    /// `--target`.
    pub target: Option<String>,
    /// `-c`: build the test binary, do not run it.
    pub compile_only: bool,
    /// `-o`: where `-c` writes the binary.
    pub output: Option<PathBuf>,
    /// The test binary's arguments: test flags as `-test.NAME=VALUE`,
    /// then flags rgo does not know and what follows `-args`.
    pub binary_args: Vec<String>,
    pub verbose: bool,
    pub bench: bool,
    /// `-timeout`, as given.
    pub timeout: Option<String>,
    /// `-json`: events as `go test -json` prints them (`test2json`).
    pub json: bool,
    /// `-p`: packages built and tested at once (default: the CPUs).
    pub parallel: Option<usize>,
    /// `-tags`: build tags besides the target's.
    pub tags: Option<String>,
    /// `-ldflags`: the linker's flags (`driver::stamp`).
    pub ldflags: Option<String>,
    /// `-gcflags` values, in order (`driver::gcflags`).
    pub gcflags: Vec<String>,
    /// `-buildvcs`, as given.
    pub buildvcs: Option<String>,
    /// `-trimpath`.
    pub trimpath: bool,
}

impl TestCommand {
    /// Reads `args` (after `test`). A flag that `go test` has and rgo does
    /// not support yet is an error naming it.
    pub fn parse(args: &[OsString]) -> Result<TestCommand, Error> {
        let mut c = TestCommand::default();
        let args: Vec<String> = args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
        let mut i = 0;
        while i < args.len() {
            let arg = &args[i];
            i += 1;
            let Some(flag) = arg.strip_prefix("--").or_else(|| arg.strip_prefix('-')).filter(|f| !f.is_empty()) else {
                c.patterns.push(arg.clone());
                continue;
            };
            let (name, inline) = match flag.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (flag, None),
            };
            let mut value = |what: &str| -> Result<String, Error> {
                if let Some(v) = &inline {
                    return Ok(v.clone());
                }
                let v = args.get(i).cloned().ok_or_else(|| Error::Driver(format!("test: flag needs an argument: -{what}")))?;
                i += 1;
                Ok(v)
            };
            match name {
                "args" => {
                    c.binary_args.extend(args[i..].iter().cloned());
                    break;
                }
                "c" => c.compile_only = bool_value(name, inline.as_deref())?,
                "o" => c.output = Some(PathBuf::from(value(name)?)),
                "target" => c.target = Some(value(name)?),
                "p" => {
                    let v = value(name)?;
                    match v.parse::<usize>() {
                        Ok(n) if n > 0 => c.parallel = Some(n),
                        _ => return err(format!("rgo test: -p must be a positive number, not {v:?}")),
                    }
                }
                // rgo has no vet to run; `-vet=off` is what it does anyway.
                "vet" => drop(value(name)?),
                "json" => c.json = bool_value(name, inline.as_deref())?,
                "tags" => c.tags = Some(value(name)?),
                "ldflags" => c.ldflags = Some(value(name)?),
                "gcflags" => c.gcflags.push(value(name)?),
                "buildvcs" => c.buildvcs = Some(inline.clone().unwrap_or_else(|| "true".into())),
                "trimpath" => c.trimpath = bool_value(name, inline.as_deref())?,
                "cover" | "covermode" | "coverpkg" | "exec" | "race" | "msan" | "asan" | "i" | "n" | "x" | "a" => {
                    return err(format!("rgo test: -{name} is not supported yet"));
                }
                n if TEST_BOOL_FLAGS.contains(&n) => {
                    let on = bool_value(n, inline.as_deref())?;
                    if n == "v" {
                        c.verbose = on;
                    }
                    c.binary_args.push(format!("-test.{n}={on}"));
                }
                n if TEST_VALUE_FLAGS.contains(&n) => {
                    let v = value(n)?;
                    match n {
                        "bench" => c.bench = !v.is_empty(),
                        "timeout" => c.timeout = Some(v.clone()),
                        "fuzz" if !v.is_empty() => return err("rgo test: fuzzing (-fuzz) is not supported yet"),
                        _ => {}
                    }
                    c.binary_args.push(format!("-test.{n}={v}"));
                }
                // As with go test, other flags are the test binary's.
                _ => c.binary_args.push(arg.clone()),
            }
        }
        Ok(c)
    }

    /// The arguments the test binary runs with: `go test`'s own first
    /// (exit(0) during a test is a failure; the default timeout).
    fn run_args(&self) -> Vec<String> {
        let mut a = vec!["-test.paniconexit0".to_string()];
        // -json reads the whole verbose output (go injects this first).
        if self.json {
            a.insert(0, "-test.v=true".to_string());
        }
        if self.timeout.is_none() {
            a.push(format!("-test.timeout={DEFAULT_TIMEOUT}"));
        }
        a.extend(self.binary_args.iter().cloned());
        a
    }
}

/// The value of boolean flag `-name` (`-v`, `-v=false`).
fn bool_value(name: &str, v: Option<&str>) -> Result<bool, Error> {
    match v {
        None | Some("true" | "1" | "t" | "T" | "TRUE" | "True") => Ok(true),
        Some("false" | "0" | "f" | "F" | "FALSE" | "False") => Ok(false),
        Some(v) => err(format!("test: invalid boolean value {v:?} for -{name}")),
    }
}

/// How one package's tests went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Passed,
    Failed,
    /// The test binary could not be built (or its tests not found).
    NotBuilt,
    NoTests,
}

/// `rgo test`: returns the exit status.
pub fn test(args: &[OsString]) -> Result<i32, Error> {
    let cmd = TestCommand::parse(args)?;
    super::stamp::set(super::stamp_flags(cmd.ldflags.clone(), cmd.buildvcs.clone(), cmd.trimpath, false)?);
    super::gcflags::set(super::gcflags_settings(&cmd.gcflags)?);
    if let Some(t) = cmd.tags.clone().or_else(super::goflags_tags) {
        crate::load::constraint::set_user_tags(crate::load::constraint::parse_tags(&t));
    }
    let target = build::target(cmd.target.as_deref())?;
    let list_mode = !cmd.patterns.is_empty();
    let patterns = if list_mode { cmd.patterns.clone() } else { vec![".".to_string()] };
    let listed = super::packages(&patterns, target)?;
    if cmd.compile_only && listed.len() > 1 && cmd.output.as_ref().is_some_and(|o| !o.is_dir()) {
        return err("rgo test: with multiple packages, -o must refer to a directory or /dev/null");
    }
    let how = if cmd.json {
        Shown::Json
    } else if !list_mode {
        Shown::Direct
    } else if cmd.bench || (cmd.verbose && listed.len() == 1) {
        Shown::Tee
    } else {
        Shown::Log
    };
    // go test's statuses: 2 when a test binary could not be built, else 1
    // when a test failed.
    let mut status = 0;
    for outcome in test_packages(&cmd, &listed, target, how) {
        status = match outcome? {
            Outcome::NotBuilt => 2,
            Outcome::Failed => status.max(1),
            Outcome::Passed | Outcome::NoTests => status,
        };
    }
    if status != 0 && list_mode && !cmd.json {
        println!("FAIL");
    }
    Ok(status)
}

/// The files of a package for its test binary: its own files with its
/// in-package test files, and its external test files.
struct TestFiles {
    package: Files,
    external: Files,
    /// The parsed test files, with the package each is in.
    parsed: Vec<(crate::syntax::ast::File, Vec<u8>, In)>,
    /// Whether any `_test.go` file exists.
    any: bool,
    /// The package's name.
    name: String,
}

/// Reads the files of package `import_path` in `dir` for a test binary.
fn test_files(import_path: &str, dir: &Path, target: Target) -> Result<TestFiles, Error> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let ctx = build::context(target);
    let goroot = crate::load::goroot();
    let in_goroot = goroot.as_ref().is_some_and(|g| dir.starts_with(g.join("src")));
    let (package, tests) = if in_goroot {
        // GOROOT's package as any build reads it (rgo's own files in or
        // in place of it), its tests named by their full paths.
        let root = goroot.clone().unwrap_or_default();
        let g = crate::load::Goroot { root, ctx: ctx.clone(), own: crate::load::Own::All };
        let pctx = ctx.for_package(import_path);
        let tests = crate::load::read_test_files(dir, &pctx, |f| f.to_path_buf())?;
        // A directory of test files only (embed/internal/embedtest) is a
        // package of them alone, as in a module.
        let tests_only = !tests.is_empty() && !g.is_own(import_path) && crate::load::read_non_test_files(dir, &pctx, |f| f.to_path_buf())?.is_empty();
        let package = if tests_only { vec![] } else { g.read(import_path)? };
        (package, tests)
    } else {
        let name = |f: &Path| crate::load::short_path(f, &cwd);
        (crate::load::read_non_test_files(dir, &ctx, name)?, crate::load::read_test_files(dir, &ctx, name)?)
    };
    let mut ids = crate::syntax::IdGen::default();
    // A package of test files only is named by them, as go test takes it
    // (an external test file's name less its `_test`).
    let own_name = match package_name(if package.is_empty() { &tests } else { &package }, &mut ids) {
        Ok(name) if package.is_empty() => name.strip_suffix("_test").map_or(name.clone(), str::to_string),
        Ok(name) => name,
        Err(_) if tests.is_empty() => return err(format!("no Go files in {}", dir.display())),
        Err(e) => return Err(e),
    };
    let mut out = TestFiles { package, external: vec![], parsed: vec![], any: !tests.is_empty(), name: own_name.clone() };
    for (path, src) in tests {
        let file = crate::syntax::parse_bytes_all(&path.display().to_string(), &src, &mut ids).map_err(Error::Source)?;
        let name = file.package.name.as_str();
        let pkg = if name == own_name {
            out.package.push((path, src.clone()));
            In::Package
        } else if name == format!("{own_name}_test") {
            out.external.push((path, src.clone()));
            In::External
        } else {
            let msg = format!("found packages {own_name} and {name} in {}", dir.display());
            return Err(Error::Source(vec![crate::diag::Diag::new(&file.package.pos, msg)]));
        };
        out.parsed.push((file, src, pkg));
    }
    Ok(out)
}

/// The package clause's name of the first of `files`.
fn package_name(files: &Files, ids: &mut crate::syntax::IdGen) -> Result<String, Error> {
    let Some((path, src)) = files.first() else { return err("no Go files") };
    let file = crate::syntax::parse_bytes_all(&path.display().to_string(), src, ids).map_err(Error::Source)?;
    Ok(file.package.name)
}

/// How many packages are built and tested at once: `-p`, else the CPUs
/// rgo may use (go's default).
fn parallelism(cmd: &TestCommand) -> usize {
    cmd.parallel.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
}

/// Tests the packages `listed`, as go test does: several at once when
/// their output is kept until they are done (not while it streams:
/// local directory mode, `-v` of one package, `-bench`), each package's
/// report printed whole and in the order listed, as soon as it and those
/// before it are done. The outcomes, in that order; an error ends the
/// run at its package.
fn test_packages(cmd: &TestCommand, listed: &[crate::load::pattern::Listed], target: Target, how: Shown) -> Vec<Result<Outcome, Error>> {
    let workers = if matches!(how, Shown::Log | Shown::Json) { parallelism(cmd).min(listed.len()) } else { 1 };
    if workers <= 1 {
        let mut outcomes = vec![];
        for l in listed {
            let r = test_package(cmd, &l.import_path, &l.dir, target, how, &mut Report::terminal());
            let stop = r.is_err();
            outcomes.push(r);
            if stop {
                break;
            }
        }
        return outcomes;
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (done, reports) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (next, done) = (&next, done.clone());
            scope.spawn(move || loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(l) = listed.get(i) else { break };
                let mut report = Report::buffered();
                let r = test_package(cmd, &l.import_path, &l.dir, target, how, &mut report);
                if done.send((i, r, report)).is_err() {
                    break;
                }
            });
        }
        drop(done);
        // Printed in order: a report waits for those before it.
        let mut waiting: HashMap<usize, (Result<Outcome, Error>, Report)> = HashMap::new();
        let mut outcomes = vec![];
        for (i, r, report) in reports {
            waiting.insert(i, (r, report));
            while let Some((r, report)) = waiting.remove(&outcomes.len()) {
                report.print();
                let stop = r.is_err();
                outcomes.push(r);
                if stop {
                    // The others finish their package; nothing more is shown.
                    next.store(listed.len(), std::sync::atomic::Ordering::Relaxed);
                    return outcomes;
                }
            }
        }
        outcomes
    })
}

/// Where a package's report goes: standard output and error as it is
/// written, or buffers printed whole when the package is done (packages
/// tested at once).
struct Report {
    out: Sink,
    err: Sink,
}

impl Report {
    fn terminal() -> Report {
        Report { out: Sink::Stdout, err: Sink::Stderr }
    }

    fn buffered() -> Report {
        Report { out: Sink::buffer(), err: Sink::buffer() }
    }

    /// A buffered report, printed: its standard error first (the build's
    /// diagnostics, which go prints before the package's `FAIL` line).
    fn print(self) {
        for (sink, mut to) in [(self.err, Box::new(std::io::stderr()) as Box<dyn Write>), (self.out, Box::new(std::io::stdout()))] {
            if let Sink::Buffer(b) = sink {
                let b = b.lock().map(|b| b.clone()).unwrap_or_default();
                let _ = to.write_all(&b);
                let _ = to.flush();
            }
        }
    }
}

/// A stream of a [`Report`].
#[derive(Clone)]
enum Sink {
    Stdout,
    Stderr,
    Buffer(std::sync::Arc<std::sync::Mutex<Vec<u8>>>),
}

impl Sink {
    fn buffer() -> Sink {
        Sink::Buffer(Default::default())
    }
}

impl Write for Sink {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Stdout => std::io::stdout().lock().write(b),
            Sink::Stderr => std::io::stderr().lock().write(b),
            Sink::Buffer(v) => {
                v.lock().map_err(|_| std::io::Error::other("a poisoned report"))?.extend_from_slice(b);
                Ok(b.len())
            }
        }
    }

    fn write_all(&mut self, b: &[u8]) -> std::io::Result<()> {
        match self {
            Sink::Stdout => std::io::stdout().lock().write_all(b),
            Sink::Stderr => std::io::stderr().lock().write_all(b),
            Sink::Buffer(_) => self.write(b).map(drop),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stdout => std::io::stdout().flush(),
            Sink::Stderr => std::io::stderr().flush(),
            Sink::Buffer(_) => Ok(()),
        }
    }
}

/// Tests one package; writes what `go test` prints for it to `report`.
fn test_package(cmd: &TestCommand, import_path: &str, dir: &Path, target: Target, how: Shown, report: &mut Report) -> Result<Outcome, Error> {
    let setup_failed = |e: Error, report: &mut Report| {
        let _ = writeln!(report.err, "# {import_path}\n{e}");
        let _ = writeln!(report.out, "FAIL\t{import_path} [setup failed]");
        Ok(Outcome::NotBuilt)
    };
    let files = match test_files(import_path, dir, target) {
        Ok(f) => f,
        Err(e) => return setup_failed(e, report),
    };
    if !files.any {
        let line = format!("?   \t{import_path}\t[no test files]\n");
        show(cmd, report, import_path, line.as_bytes(), None);
        return Ok(Outcome::NoTests);
    }
    let mut found = Found::default();
    // The package's own test files first, as the go command lists them.
    let (own, external): (Vec<_>, Vec<_>) = files.parsed.iter().partition(|(_, _, pkg)| *pkg == In::Package);
    for (file, src, pkg) in own.into_iter().chain(external) {
        if let Err(d) = found.scan(file, src, *pkg) {
            return setup_failed(d.into(), report);
        }
    }
    if files.name == "main" {
        return setup_failed(Error::Driver(format!("testing package main ({import_path}) is not supported yet")), report);
    }
    let in_goroot = crate::load::goroot().is_some_and(|g| dir.starts_with(g.join("src")));
    let module_dir = (!in_goroot).then(|| dir.to_path_buf());
    let mut given = HashMap::new();
    let external = !files.external.is_empty();
    // A package of external test files only has nothing of its own to build.
    let own = !files.package.is_empty();
    if own {
        given.insert(import_path.to_string(), Given { files: files.package, module_dir: module_dir.clone() });
    }
    if external {
        given.insert(format!("{import_path}_test"), Given { files: files.external, module_dir });
    }
    let main_src = found.main_source(import_path, own, external);
    // A passing run of the binary these inputs built last is replayed
    // without building it again (testcache.rs).
    let args = cmd.run_args();
    let root = results_root(how, target, dir);
    let results_cached = !cmd.compile_only && root.is_some() && testcache::cacheable(&args);
    let build_key = results_cached.then(|| test_build_key(import_path, dir, target, &main_src, &given));
    if let Some(binary) = build_key.as_ref().and_then(testcache::known_binary) {
        if let Some(out) = TestCache::new(&binary, &args, target.spec.name, dir, root).as_ref().and_then(TestCache::lookup) {
            show(cmd, report, import_path, &testcache::replay(&out), Some(true));
            return Ok(Outcome::Passed);
        }
    }
    let units = match build::compile_test_main(&main_src, "_testmain.go", import_path, given, target) {
        Ok(u) => u,
        Err(e) => {
            let _ = writeln!(report.err, "# {import_path} [{import_path}.test]\n{e}");
            let _ = writeln!(report.out, "FAIL\t{import_path} [build failed]");
            return Ok(Outcome::NotBuilt);
        }
    };
    let work = WorkDir::new()?;
    let name = format!("{}.test", build::Inputs { import_path: Some(import_path.to_string()), ..Default::default() }.default_output().display());
    let exe = work.path().join(&name);
    let inputs = build::Inputs { import_path: Some(import_path.to_string()), ..Default::default() };
    build::build_in(&work, &units, &inputs, target, &exe)?;
    // Hashed once, and only when the result may be cached.
    let binary = build_key.as_ref().and_then(|_| testcache::binary_hash(&exe));
    if let (Some(key), Some(binary)) = (&build_key, &binary) {
        testcache::remember_binary(key, binary, &crate::load::inputs::read_so_far());
    }
    if cmd.compile_only {
        let out = match &cmd.output {
            Some(o) if o.is_dir() => o.join(&name),
            Some(o) => o.clone(),
            None => PathBuf::from(&name),
        };
        std::fs::copy(&exe, &out).or_else(|e| err(format!("write {}: {}", out.display(), io_msg(&e))))?;
        return Ok(Outcome::Passed);
    }
    run_binary(cmd, import_path, dir, target, &exe, binary, &work, how, report)
}

/// Where the inputs of a run of the tests in `dir` are looked at when its
/// result may be cached (the package's module, or GOROOT): not when the
/// output goes straight to the terminal, nor on a board (no file system
/// for the test log).
fn results_root(how: Shown, target: Target, dir: &Path) -> Option<PathBuf> {
    if how == Shown::Direct || target.spec.goos == "none" {
        None
    } else {
        package_root(dir)
    }
}

/// What decides the test binary of package `import_path` in `dir` before
/// it is built, besides the directories its build reads: rgo, the target,
/// the Go installation, the environment's Go and rgo variables, the
/// generated main and the package's files.
fn test_build_key(import_path: &str, dir: &Path, target: Target, main_src: &str, given: &HashMap<String, Given>) -> crate::load::cache::Key {
    let mut h = blake3::Hasher::new();
    let mut part = |b: &[u8]| {
        h.update(&(b.len() as u64).to_le_bytes());
        h.update(b);
    };
    part(b"test binary 2");
    part(crate::load::cache::toolchain_id().as_bytes());
    part(target.spec.name.as_bytes());
    part(crate::load::goroot().unwrap_or_default().as_os_str().as_encoded_bytes());
    let mut env: Vec<(OsString, OsString)> = std::env::vars_os().filter(|(k, _)| ["GO", "CGO", "RGO"].iter().any(|p| k.as_encoded_bytes().starts_with(p.as_bytes()))).collect();
    env.sort();
    for (k, v) in env {
        part(k.as_encoded_bytes());
        part(v.as_encoded_bytes());
    }
    // The command line's flags that change the binary.
    part(crate::load::constraint::user_tags().join(",").as_bytes());
    part(super::stamp::get().link.given.as_bytes());
    part(&[u8::from(super::stamp::get().trimpath)]);
    part(import_path.as_bytes());
    part(dir.as_os_str().as_encoded_bytes());
    part(main_src.as_bytes());
    let mut packages: Vec<_> = given.iter().collect();
    packages.sort_by(|a, b| a.0.cmp(b.0));
    for (path, g) in packages {
        part(path.as_bytes());
        for (name, src) in &g.files {
            part(name.as_os_str().as_encoded_bytes());
            part(src);
        }
    }
    *h.finalize().as_bytes()
}

/// Writes text go test prints for a package without running its binary
/// (`[no test files]`, a cached result) to `report`: as it is, or with
/// -json as its events, ending in the package's result (`passed`, else the
/// one the text says).
fn show(cmd: &TestCommand, report: &mut Report, import_path: &str, text: &[u8], passed: Option<bool>) {
    if cmd.json {
        let mut c = Converter::new(report.out.clone(), import_path);
        c.write(text);
        if let Some(ok) = passed {
            c.exited(ok);
        }
        c.close();
    } else {
        let _ = report.out.write_all(text);
        let _ = report.out.flush();
    }
}

/// Runs the test binary `exe` in `dir` and reports as `go test` does.
/// `binary` is its hash when its result may be cached.
#[allow(clippy::too_many_arguments)]
fn run_binary(cmd: &TestCommand, import_path: &str, dir: &Path, target: Target, exe: &Path, binary: Option<crate::load::cache::Key>, work: &WorkDir, how: Shown, report: &mut Report) -> Result<Outcome, Error> {
    // A passing run of the same binary with the same flags, on inputs as
    // they were, is replayed (testcache.rs).
    let args = cmd.run_args();
    let root = results_root(how, target, dir);
    let results = binary.and_then(|b| TestCache::new(&b, &args, target.spec.name, dir, root));
    if let Some(out) = results.as_ref().and_then(TestCache::lookup) {
        show(cmd, report, import_path, &testcache::replay(&out), Some(true));
        return Ok(Outcome::Passed);
    }
    let test_log = work.path().join("testlog.txt");
    let mut args = args;
    if results.is_some() {
        let at = args.iter().position(|a| a == "-test.paniconexit0").map_or(0, |i| i + 1);
        args.insert(at, format!("-test.testlogfile={}", test_log.display()));
    }
    let mut command = super::run::command(target.spec, exe, &args)?;
    // PWD says the directory too, as go test says it (os.Getwd then gives
    // the path as named, not the one symbolic links resolve to).
    command.current_dir(dir).env("PWD", dir);
    // The binary's standard output and error both go where go test sends
    // them: to rgo's standard output as they come (and seen on the way,
    // or turned into -json's events), or to a file shown when the package
    // fails (or with -v).
    let log = work.path().join("output");
    let mut pipe = None;
    let (out, errs) = match how {
        Shown::Json | Shown::Tee => {
            let (r, w) = std::io::pipe().or_else(|e| err(format!("pipe: {}", io_msg(&e))))?;
            let w2 = w.try_clone().or_else(|e| err(format!("pipe: {}", io_msg(&e))))?;
            pipe = Some(r);
            (std::process::Stdio::from(w), std::process::Stdio::from(w2))
        }
        Shown::Direct => {
            use std::os::fd::AsFd;
            std::io::stdout().flush().ok();
            let a = std::io::stdout().as_fd().try_clone_to_owned().or_else(|e| err(format!("stdout: {}", io_msg(&e))))?;
            let b = a.try_clone().or_else(|e| err(format!("stdout: {}", io_msg(&e))))?;
            (std::process::Stdio::from(a), std::process::Stdio::from(b))
        }
        Shown::Log => {
            let f = std::fs::File::create(&log).or_else(|e| err(format!("create {}: {}", log.display(), io_msg(&e))))?;
            let g = f.try_clone().or_else(|e| err(format!("create {}: {}", log.display(), io_msg(&e))))?;
            (std::process::Stdio::from(f), std::process::Stdio::from(g))
        }
    };
    let start = Instant::now();
    let mut child = command.stdout(out).stderr(errs).spawn().or_else(|e| err(format!("run {}: {}", exe.display(), io_msg(&e))))?;
    // The command holds the pipe's write ends: gone, the reader sees the
    // end of the output when the binary exits.
    drop(command);
    let keep = results.is_some();
    let reader = pipe.map(|mut r| {
        let mut json = (how == Shown::Json).then(|| Converter::new(report.out.clone(), import_path));
        let mut out = report.out.clone();
        std::thread::spawn(move || {
            use std::io::Read;
            let mut seen = Seen { kept: keep.then(Vec::new), ..Seen::default() };
            let mut buf = [0u8; 4096];
            while let Ok(n @ 1..) = r.read(&mut buf) {
                seen.add(&buf[..n]);
                match &mut json {
                    Some(c) => c.write(&buf[..n]),
                    None => {
                        let _ = out.write_all(&buf[..n]);
                        let _ = out.flush();
                    }
                }
            }
            (seen, json)
        })
    });
    // go test's last resort for a binary that hangs past its own timeout:
    // a minute more, then it is killed.
    let timeout = cmd.timeout.as_deref().unwrap_or(DEFAULT_TIMEOUT);
    let deadline = parse_duration(timeout).filter(|d| !d.is_zero()).map(|d| d + Duration::from_secs(60));
    let mut killed = None;
    // Polled, soon at first so that a quick test's time is its own.
    let mut pause = Duration::from_micros(200);
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) => {}
            Err(e) => return err(format!("wait for {}: {}", exe.display(), io_msg(&e))),
        }
        if let Some(d) = deadline.filter(|d| start.elapsed() > *d) {
            let _ = child.kill();
            killed = Some(d);
            break child.wait().or_else(|e| err(format!("wait for {}: {}", exe.display(), io_msg(&e))))?;
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    };
    let secs = format!("{:.3}s", start.elapsed().as_secs_f64());
    let mut output = if how == Shown::Log { std::fs::read(&log).unwrap_or_default() } else { vec![] };
    let (mut seen, json) = match reader {
        Some(h) => h.join().unwrap_or_default(),
        None => (Seen::default(), None),
    };
    seen.add(&output);
    if let Some(d) = killed {
        output.extend(format!("*** Test killed: ran too long ({}).\n", format_duration(d)).into_bytes());
    }
    let passed = status.success() && killed.is_none();
    let mut stdout = Summary { json, stdout: report.out.clone() };
    let outcome = if passed {
        // What is shown is what a later cached run shows.
        let mut shown = match how {
            Shown::Log if cmd.verbose => output.clone(),
            Shown::Log => vec![],
            _ => seen.kept.take().unwrap_or_default(),
        };
        if how == Shown::Log && cmd.verbose {
            let _ = stdout.write_all(&output);
        }
        // The output shown ends its last line before the summary's.
        if (cmd.verbose || how != Shown::Log) && seen.bytes > 0 && !seen.ends_in_newline {
            let _ = stdout.write_all(b"\n");
            shown.push(b'\n');
        }
        let ok = format!("ok  \t{import_path}\t{secs}{}\n", if seen.no_tests { " [no tests to run]" } else { "" });
        let _ = stdout.write_all(ok.as_bytes());
        shown.extend_from_slice(ok.as_bytes());
        if let Some(r) = &results {
            r.store(&test_log, &shown);
        }
        Outcome::Passed
    } else {
        let _ = stdout.write_all(&output);
        // Output streamed as it came was not kept: as for go test, the
        // status then says why.
        if seen.bytes == 0 && output.is_empty() || how == Shown::Direct {
            let _ = writeln!(stdout, "{}", exit_description(&status));
        } else if !(seen.ends_in_newline || output.ends_with(b"\n")) {
            let _ = stdout.write_all(b"\n");
        }
        let _ = writeln!(stdout, "FAIL\t{import_path}\t{secs}");
        Outcome::Failed
    };
    if let Some(c) = &mut stdout.json {
        c.exited(passed);
        c.close();
    }
    Ok(outcome)
}

/// The root a package's test inputs are looked for in (go's package
/// root): GOROOT for the standard library, else the module around `dir`.
fn package_root(dir: &Path) -> Option<PathBuf> {
    if let Some(g) = crate::load::goroot().filter(|g| dir.starts_with(g.join("src"))) {
        return Some(g);
    }
    dir.ancestors().find(|d| d.join("go.mod").is_file()).map(Path::to_path_buf)
}

/// Where a test binary's output goes, as go test sends it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shown {
    /// To standard output as it comes, not kept (no package named: the
    /// current directory's tests).
    Direct,
    /// To standard output as it comes, and looked at on the way (`-v` of
    /// one package named, `-bench`).
    Tee,
    /// Into a log shown when the package fails (or with `-v`).
    Log,
    /// Into `-json`'s events.
    Json,
}

/// What the summary line needs to know of a binary's output: whether
/// there was any, whether it ended its last line, and whether `-run`
/// matched no test.
#[derive(Debug, Default)]
struct Seen {
    bytes: usize,
    ends_in_newline: bool,
    no_tests: bool,
    /// The line being read (its first bytes: enough to compare).
    line: Vec<u8>,
    /// Everything, when the result may be cached.
    kept: Option<Vec<u8>>,
}

impl Seen {
    fn add(&mut self, b: &[u8]) {
        for &c in b {
            if c == b'\n' {
                self.no_tests |= self.line == NO_TESTS[..NO_TESTS.len() - 1];
                self.line.clear();
            } else if self.line.len() <= NO_TESTS.len() {
                self.line.push(c);
            }
        }
        if let Some(k) = &mut self.kept {
            k.extend_from_slice(b);
        }
        if let Some(&last) = b.last() {
            self.bytes += b.len();
            self.ends_in_newline = last == b'\n';
        }
    }
}

/// What a test binary prints when `-run` matched nothing.
const NO_TESTS: &[u8] = b"testing: warning: no tests to run\n";

/// Where a package's summary goes: standard output, or with -json the
/// package's converter (go prints its `ok` and `FAIL` lines through it).
struct Summary {
    json: Option<Converter<Sink>>,
    stdout: Sink,
}

impl Write for Summary {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        match &mut self.json {
            Some(c) => {
                c.write(b);
                Ok(b.len())
            }
            None => self.stdout.write(b),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.stdout.flush()
    }
}

/// How a process ended, in Go's `os.ProcessState` words.
fn exit_description(status: &std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(c), _) => format!("exit status {c}"),
        (None, Some(s)) => format!("signal: {}", super::run::signal_name(s)),
        _ => "exit status unknown".into(),
    }
}

/// A Go duration (`10m0s`, `1h30m`, `1.5s`, `300ms`, `0`), if it is one.
pub fn parse_duration(s: &str) -> Option<Duration> {
    if s == "0" {
        return Some(Duration::ZERO);
    }
    let mut rest = s;
    let mut total = 0f64;
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let num_len = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        let n: f64 = rest[..num_len].parse().ok()?;
        rest = &rest[num_len..];
        let unit_len = rest.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(rest.len());
        let scale = match &rest[..unit_len] {
            "ns" => 1e-9,
            "us" | "µs" | "μs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            _ => return None,
        };
        total += n * scale;
        rest = &rest[unit_len..];
    }
    Some(Duration::from_secs_f64(total))
}

/// A whole number of seconds as Go prints a duration (`11m0s`).
fn format_duration(d: Duration) -> String {
    let s = d.as_secs();
    match (s / 3600, s / 60 % 60, s % 60) {
        (0, 0, sec) => format!("{sec}s"),
        (0, m, sec) => format!("{m}m{sec}s"),
        (h, m, sec) => format!("{h}h{m}m{sec}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<TestCommand, Error> {
        TestCommand::parse(&args.iter().map(OsString::from).collect::<Vec<_>>())
    }

    #[test]
    fn flags_are_read_as_go_test_reads_them() {
        let c = parse(&["-v", "./...", "-run", "TestA", "-count=2", "--target", "arm64", "-short", "-custom", "-args", "-x", "y"]).unwrap();
        assert_eq!(c.patterns, ["./..."]);
        assert_eq!(c.target.as_deref(), Some("arm64"));
        assert!(c.verbose && !c.compile_only);
        assert_eq!(c.binary_args, ["-test.v=true", "-test.run=TestA", "-test.count=2", "-test.short=true", "-custom", "-x", "y"]);
        assert_eq!(c.run_args()[..2], ["-test.paniconexit0", "-test.timeout=10m0s"]);
        let c = parse(&["-c", "-o", "x.test", "-timeout", "5s", "."]).unwrap();
        assert!(c.compile_only && c.output == Some(PathBuf::from("x.test")));
        assert_eq!(c.run_args(), ["-test.paniconexit0", "-test.timeout=5s"]);
        assert_eq!(parse(&["-p", "3", "./..."]).unwrap().parallel, Some(3));
        assert!(matches!(parse(&["-p=0"]), Err(Error::Driver(_))));
        let c = parse(&["-json", "-run", "X", "."]).unwrap();
        assert!(c.json);
        assert_eq!(c.run_args(), ["-test.v=true", "-test.paniconexit0", "-test.timeout=10m0s", "-test.run=X"]);
        assert!(matches!(parse(&["-cover"]), Err(Error::Driver(m)) if m == "rgo test: -cover is not supported yet"));
        assert!(matches!(parse(&["-run"]), Err(Error::Driver(m)) if m == "test: flag needs an argument: -run"));
        assert!(matches!(parse(&["-v=maybe"]), Err(Error::Driver(_))));
    }

    #[test]
    fn durations_read_and_print_as_go_does() {
        assert_eq!(parse_duration("10m0s"), Some(Duration::from_secs(600)));
        assert_eq!(parse_duration("1h30m"), Some(Duration::from_secs(5400)));
        assert_eq!(parse_duration("1.5s"), Some(Duration::from_millis(1500)));
        assert_eq!(parse_duration("0"), Some(Duration::ZERO));
        assert_eq!(parse_duration("5x"), None);
        assert_eq!(format_duration(Duration::from_secs(660)), "11m0s");
        assert_eq!(format_duration(Duration::from_secs(3661)), "1h1m1s");
    }
}
