//! `rgo test` against gc's `go test` on the standard library's own tests
//! (issue 27's figures, docs/testing.md), in one run on one machine:
//!
//! ```sh
//! cargo run --release -p rgo-bench --bin test_vs_gc -- [--runs N] [--rgo PATH] [--go PATH]
//! ```
//!
//! - **Test time, warm**: `go test -count=1 PKG` and `rgo test -count=1
//!   PKG` of small packages, each with a build cache of its own (`GOCACHE`)
//!   that a first, untimed run fills: the time is then building the test
//!   binary from cached packages, linking and running it (`-count=1` keeps
//!   gc from reusing a cached result). Median of `--runs` (default 5), the
//!   contenders interleaved so that the machine's load hits both alike.
//! - **Cached results**: `go test PKG` and `rgo test PKG` again with a
//!   result each tool cached (the first, untimed run stores it): gc looks
//!   the result up from its build's inputs before linking; rgo builds the
//!   test binary first and looks it up by the binary's hash. Median of
//!   `--runs`; each output must say `(cached)`.
//! - **Benchmarks**: `go test -run=^$ -bench=^NAME$ -cpu=1 PKG` and the
//!   same with rgo, the ns/op each prints; median of `--runs` runs.
//!
//! A plain binary rather than a criterion benchmark: what it times are
//! whole processes, and the benchmarks time themselves (`testing.B`).

use rgo_bench::process::{check, cpu_model, find_rgo, first_line, median, ms, ratio, timed, workspace};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// Small packages whose tests are timed whole.
const PACKAGES: &[&str] = &["errors", "container/list", "unicode/utf8", "encoding/hex", "hash/crc32"];

/// The benchmarks: package, benchmark (`Name/Sub` for a sub-benchmark).
const BENCHMARKS: &[(&str, &str)] = &[
    ("sort", "BenchmarkSortInt1K"),
    ("strconv", "BenchmarkFormatInt"),
    ("crypto/sha256", "BenchmarkHash1K/New"),
    ("unicode/utf8", "BenchmarkRuneCountTenJapaneseChars"),
    ("encoding/binary", "BenchmarkReadStruct"),
];

const USAGE: &str = "usage: test_vs_gc [--runs N] [--rgo PATH] [--go PATH] [--rebuild-rgo]
  --runs N       timed runs of each test and benchmark (median; default 5)
  --rgo PATH     the rgo binary (default: target/release/rgo, built if missing)
  --go PATH      the go command (default: go)
  --rebuild-rgo  run `cargo build --release -p rgo` first even if the binary exists";

struct Tools {
    rgo: PathBuf,
    go: PathBuf,
    work: PathBuf,
}

impl Tools {
    /// `go test ARGS` or `rgo test ARGS` (`rgo`), in the work directory
    /// with the tool's own cache.
    fn test(&self, rgo: bool, args: &[&str]) -> Result<(Duration, String), String> {
        let (tool, cache) = if rgo { (&self.rgo, "rgo-cache") } else { (&self.go, "go-cache") };
        let mut cmd = Command::new(tool);
        cmd.arg("test").args(args).current_dir(&self.work).env("GOCACHE", self.work.join(cache)).env("GOFLAGS", "").env("CGO_ENABLED", "0");
        let (t, out) = timed(&mut cmd)?;
        let what = format!("{} test {}", if rgo { "rgo" } else { "go" }, args.join(" "));
        check(&what, &out)?;
        Ok((t, String::from_utf8_lossy(&out.stdout).into_owned()))
    }
}

/// The ns/op of benchmark `name` in `go test -bench` output.
fn ns_per_op(out: &str, name: &str) -> Option<f64> {
    out.lines().filter(|l| l.split_whitespace().next() == Some(name)).find_map(|l| {
        let w: Vec<&str> = l.split_whitespace().collect();
        let i = w.iter().position(|x| *x == "ns/op")?;
        w.get(i.checked_sub(1)?)?.parse().ok()
    })
}

fn median_f(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn run(runs: usize, t: &Tools) -> Result<String, String> {
    let mut md = String::new();
    md.push_str("| package | go test (ms) | rgo test (ms) | rgo ÷ gc | go, cached (ms) | rgo, cached (ms) | rgo ÷ gc |\n|---|---:|---:|---:|---:|---:|---:|\n");
    for p in PACKAGES {
        let mut row = format!("| `{p}` |");
        for args in [&["-count=1", *p][..], &[*p][..]] {
            let cached = args.len() == 1;
            // Fill both caches (with -count=1 the build's; else the result's too).
            t.test(false, args)?;
            t.test(true, args)?;
            let (mut g, mut r) = (vec![], vec![]);
            for i in 0..runs {
                for rgo in if i % 2 == 0 { [false, true] } else { [true, false] } {
                    let (d, out) = t.test(rgo, args)?;
                    if cached && !out.contains("(cached)") {
                        return Err(format!("{} test {p} did not reuse its cached result:\n{out}", if rgo { "rgo" } else { "go" }));
                    }
                    if rgo { r.push(d) } else { g.push(d) }
                }
            }
            let (g, r) = (median(&g), median(&r));
            row.push_str(&format!(" {} | {} | {} |", ms(g), ms(r), ratio(r.as_secs_f64(), g.as_secs_f64())));
        }
        md.push_str(&row);
        md.push('\n');
        eprintln!("test_vs_gc: {p} done");
    }
    md.push_str("\n| benchmark | gc ns/op | rgo ns/op | rgo ÷ gc |\n|---|---:|---:|---:|\n");
    for (p, b) in BENCHMARKS {
        let pattern: Vec<String> = b.split('/').map(|part| format!("^{part}$")).collect();
        let bench = format!("-bench={}", pattern.join("/"));
        let args = ["-run=^$", &bench, "-cpu=1", "-count=1", p];
        let (mut g, mut r) = (vec![], vec![]);
        for i in 0..runs {
            for rgo in if i % 2 == 0 { [false, true] } else { [true, false] } {
                let out = t.test(rgo, &args)?.1;
                let ns = ns_per_op(&out, b).ok_or_else(|| format!("no ns/op for {b} in:\n{out}"))?;
                if rgo { r.push(ns) } else { g.push(ns) }
            }
        }
        let (g, r) = (median_f(&g), median_f(&r));
        md.push_str(&format!("| `{p}.{b}` | {g:.1} | {r:.1} | {} |\n", ratio(r, g)));
        eprintln!("test_vs_gc: {b} done");
    }
    Ok(md)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mut runs, mut rgo, mut go, mut rebuild) = (5usize, None, PathBuf::from("go"), false);
    let mut it = args.iter();
    let usage = |e: &str| -> ! {
        if !e.is_empty() {
            eprintln!("test_vs_gc: {e}");
        }
        eprintln!("{USAGE}");
        std::process::exit(if e.is_empty() { 0 } else { 2 })
    };
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned().unwrap_or_else(|| usage(&format!("{a} needs a value")));
        match a.as_str() {
            "--runs" => runs = value().parse().ok().filter(|&n| n > 0).unwrap_or_else(|| usage("--runs needs a count of at least 1")),
            "--rgo" => rgo = Some(PathBuf::from(value())),
            "--go" => go = PathBuf::from(value()),
            "--rebuild-rgo" => rebuild = true,
            "-h" | "--help" => usage(""),
            other => usage(&format!("unknown argument: {other}")),
        }
    }
    let (rgo, how) = find_rgo(rgo.as_deref(), rebuild, "test_vs_gc").unwrap_or_else(|e| {
        eprintln!("test_vs_gc: {e}");
        std::process::exit(1)
    });
    let work = std::env::temp_dir().join(format!("rgo-test-vs-gc-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&work) {
        eprintln!("test_vs_gc: {}: {e}", work.display());
        std::process::exit(1);
    }
    let nproc = std::thread::available_parallelism().map_or(0, |n| n.get());
    let shown: String = args.iter().map(|a| format!(" {a}")).collect();
    println!("- command: `cargo run --release -p rgo-bench --bin test_vs_gc --{shown}`");
    println!("- machine: {} × {nproc} ({})", cpu_model(), first_line(Command::new("uname").args(["-sr"])));
    println!("- gc: `{}`", first_line(Command::new(&go).arg("version")));
    println!(
        "- rgo: `{}`, {how}; tree at git {}\n",
        rgo.display(),
        first_line(Command::new("git").arg("-C").arg(workspace()).args(["rev-parse", "--short", "HEAD"]))
    );
    let r = run(runs, &Tools { rgo, go, work: work.clone() });
    let _ = std::fs::remove_dir_all(Path::new(&work));
    match r {
        Ok(md) => print!("{md}"),
        Err(e) => {
            eprintln!("test_vs_gc: {e}");
            std::process::exit(1);
        }
    }
}
