//! rgo against Go's own toolchain (gc, `go build`) on the Go programs of
//! `bench/go/`: compile time, run time and stripped binary size, measured
//! in one run on one machine, printed as a markdown table with rgo ÷ gc
//! ratios (`docs/performance-toolchain.md`).
//!
//! ```sh
//! cargo run --release -p rgo-bench --bin vs_gc -- [--runs N] [--builds N] [PROGRAM...]
//! ```
//!
//! A plain binary rather than a criterion benchmark: what it times are whole
//! processes (`go build`, `rgo build`, the programs), seconds each, a handful
//! of times, with the median taken here; it needs its own arguments, and
//! `cargo bench -p rgo-bench` stays the reflect-call benchmark.
//!
//! Per program, each repetition interleaves the contenders so that drift in
//! the machine's load hits both alike:
//! - compile: `go build` with an empty `GOCACHE` (cold), `go build` with a
//!   `GOCACHE` that already holds this program's build (warm), `rgo build`.
//!   Go 1.19 ships the standard library precompiled in `$GOROOT/pkg`, so a
//!   cold build compiles `main` and links; a warm one only links (a fresh
//!   output path every time, or `go build` would find the old one up to
//!   date and do nothing). `rgo build` likewise with its own cache
//!   (`GOCACHE`): cold, every build checks, compiles and assembles every
//!   package and links them with the prebuilt runtime library; warm, the
//!   cache holds this program's objects (and the standard library's export
//!   data), so the build checks and compiles but assembles nothing.
//! - run: the gc binary and the rgo binary (which goes first alternates),
//!   output (stdout and stderr) captured; all runs of both must print the
//!   same thing and exit 0.
//! - size: a copy of each binary, stripped with `strip`.
//!
//! With `--target GOOS/GOARCH` (a row of the target table, `rgo-targets`)
//! both compilers build for that target (`GOOS`/`GOARCH` for gc, `--target`
//! for rgo); binaries for another architecture run under the table's
//! emulator, once each, only to check that both print the same thing:
//! emulated run times say nothing about the machine, so the run table is
//! left out, and sizes are taken with the target's `strip`.
//!
//! The rgo used is `--rgo PATH`, else `target/release/rgo` (or under
//! `$CARGO_TARGET_DIR`) if it exists, else one built now with
//! `cargo build --release -p rgo`; `--rebuild-rgo` runs that build even when
//! the binary exists (a no-op when it is up to date). The header says which.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use rgo_bench::process::{check, cpu_model, first_line, median, ms, ratio, timed, workspace};

/// The programs of `bench/go/`, in table order.
const PROGRAMS: &[&str] =
    &["fib", "methods", "iface", "iface_index", "structs", "hello", "defer_loop", "panic_recover", "recurse_100k", "recurse_1m", "fmt_hello", "sprintf", "map_insert", "map_lookup_int", "map_lookup_string", "go_spawn", "chan_pingpong", "chan_buffered", "select2", "parked_100k", "mutex", "timers", "gc_binarytree", "gc_tree", "gc_peano", "gc_churn", "gc_pause", "reflect_call", "reflect_call12", "reflect_method", "reflect_makefunc", "generic_sort", "special_sort", "generic_mapreduce", "special_mapreduce", "generic_container", "special_container", "nbody", "fannkuch", "spectral_norm", "mandelbrot", "dither", "digits", "parallel_sum", "parallel_mandelbrot", "parallel_binarytrees", "parallel_fannkuch", "parallel_spectral_norm"];

const USAGE: &str = "usage: vs_gc [--runs N] [--builds N] [--rgo PATH] [--go PATH] [--rebuild-rgo] [--keep] [PROGRAM...]
  --runs N       runs of each binary (median; default 5, at least 1)
  --builds N     builds by each compiler and mode (median; default 5)
  --rgo PATH     the rgo binary (default: target/release/rgo, built if missing)
  --go PATH      the go command (default: go)
  --rebuild-rgo  run `cargo build --release -p rgo` first even if the binary exists
  --keep         keep the work directory (binaries, caches) and print its path
  --target T     build for target T of rgo's table (e.g. linux/arm64; default: the host)
  PROGRAM        some of: fib methods iface iface_index structs hello defer_loop
                 panic_recover recurse_100k recurse_1m fmt_hello sprintf map_insert
                 map_lookup_int map_lookup_string go_spawn chan_pingpong chan_buffered
                 select2 parked_100k mutex timers gc_binarytree gc_tree gc_peano
                 gc_churn gc_pause reflect_call reflect_call12 reflect_method reflect_makefunc
                 generic_sort special_sort generic_mapreduce special_mapreduce
                 generic_container special_container nbody fannkuch spectral_norm
                 mandelbrot dither digits parallel_sum parallel_mandelbrot parallel_binarytrees
                 parallel_fannkuch parallel_spectral_norm
                 (default: all)";

struct Opts {
    runs: usize,
    builds: usize,
    rgo: Option<PathBuf>,
    go: PathBuf,
    rebuild_rgo: bool,
    keep: bool,
    target: &'static rgo_targets::Target,
    programs: Vec<String>,
}

impl Opts {
    /// Whether the binaries run under an emulator (then only once, untimed).
    fn emulated(&self) -> bool {
        self.target.runner().is_some()
    }
}

fn parse_args(args: &[String]) -> Result<Opts, String> {
    let mut o = Opts {
        runs: 5,
        builds: 5,
        rgo: None,
        go: PathBuf::from("go"),
        rebuild_rgo: false,
        keep: false,
        target: rgo_targets::host().ok_or("no target of rgo's table runs on this machine")?,
        programs: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("{name} needs a value"));
        match a.as_str() {
            "--runs" | "--builds" => {
                let v = value(a)?;
                let n: usize = v.parse().map_err(|_| format!("{a}: not a count: {v}"))?;
                if n == 0 {
                    return Err(format!("{a} must be at least 1"));
                }
                if a == "--runs" {
                    o.runs = n;
                } else {
                    o.builds = n;
                }
            }
            "--rgo" => o.rgo = Some(PathBuf::from(value(a)?)),
            "--go" => o.go = PathBuf::from(value(a)?),
            "--rebuild-rgo" => o.rebuild_rgo = true,
            "--keep" => o.keep = true,
            "--target" => o.target = rgo_targets::parse(&value(a)?, None).map_err(|e| e.to_string())?,
            "-h" | "--help" => return Err(String::new()),
            p if PROGRAMS.contains(&p) => {
                if !o.programs.iter().any(|q| q == p) {
                    o.programs.push(p.to_string());
                }
            }
            other => return Err(format!("unknown argument or program: {other}")),
        }
    }
    if o.programs.is_empty() {
        o.programs = PROGRAMS.iter().map(|p| p.to_string()).collect();
    }
    Ok(o)
}

/// The workspace root (this crate is `bench/`).
/// Bytes with thin-space thousands separators, as in BASELINES.md.
fn bytes(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// The rgo binary to use and how it was found.
fn find_rgo(o: &Opts) -> Result<(PathBuf, String), String> {
    rgo_bench::process::find_rgo(o.rgo.as_deref(), o.rebuild_rgo, "vs_gc")
}

/// The contenders' figures for one program.
#[derive(Default)]
struct Row {
    name: String,
    gc_cold: Vec<Duration>,
    gc_warm: Vec<Duration>,
    rgo_cold: Vec<Duration>,
    rgo_warm: Vec<Duration>,
    gc_run: Vec<Duration>,
    rgo_run: Vec<Duration>,
    output: String,
    gc_size: (u64, u64),
    rgo_size: (u64, u64),
}

struct Bench<'a> {
    o: &'a Opts,
    rgo: PathBuf,
    work: PathBuf,
}

impl Bench<'_> {
    fn go_build(&self, src: &Path, cache: &Path, out: &Path) -> Result<Duration, String> {
        let mut cmd = Command::new(&self.o.go);
        cmd.args(["build", "-o"])
            .arg(out)
            .arg(src)
            .current_dir(&self.work)
            .env("GOOS", self.o.target.goos)
            .env("GOARCH", self.o.target.goarch)
            .env("GOCACHE", cache)
            .env("CGO_ENABLED", "0")
            .env("GOFLAGS", "");
        let (t, res) = timed(&mut cmd)?;
        check(&format!("go build {}", src.display()), &res)?;
        Ok(t)
    }

    fn rgo_build(&self, src: &Path, cache: &Path, out: &Path) -> Result<Duration, String> {
        let mut cmd = Command::new(&self.rgo);
        cmd.args(["build", "--target", self.o.target.name, "-o"]).arg(out).arg(src).current_dir(&self.work).env("GOCACHE", cache);
        let (t, res) = timed(&mut cmd)?;
        check(&format!("rgo build {}", src.display()), &res)?;
        Ok(t)
    }

    /// Runs `bin`, returning its time and its combined output.
    fn run(&self, bin: &Path) -> Result<(Duration, String), String> {
        let mut cmd = match self.o.target.runner() {
            Some(rgo_targets::Emulator::User { tool, args } | rgo_targets::Emulator::System { tool, args }) => {
                let mut c = Command::new(tool.command);
                c.args(*args).arg(bin);
                c
            }
            None => Command::new(bin),
        };
        let (t, res) = timed(&mut cmd)?;
        check(&bin.display().to_string(), &res)?;
        let mut s = String::from_utf8_lossy(&res.stdout).into_owned();
        s.push_str(&String::from_utf8_lossy(&res.stderr));
        Ok((t, s))
    }

    /// (unstripped, stripped) sizes of `bin`.
    fn sizes(&self, bin: &Path) -> Result<(u64, u64), String> {
        let len = |p: &Path| std::fs::metadata(p).map(|m| m.len()).map_err(|e| format!("{}: {e}", p.display()));
        let stripped = bin.with_extension("stripped");
        let strip = if self.o.target.is_host() { "strip".to_string() } else { format!("{}-strip", self.o.target.gnu_triple) };
        let (_, res) = timed(Command::new(&strip).arg("-o").arg(&stripped).arg(bin))?;
        check(&format!("strip {}", bin.display()), &res)?;
        Ok((len(bin)?, len(&stripped)?))
    }

    fn program(&self, name: &str) -> Result<Row, String> {
        let src = workspace().join("bench").join("go").join(format!("{name}.go"));
        let dir = self.work.join(name);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let mut row = Row { name: name.into(), ..Row::default() };

        // The warm cache: this program built once, untimed.
        let warm = dir.join("gocache-warm");
        self.go_build(&src, &warm, &dir.join("prime.gc"))?;
        let rgo_warm = dir.join("rgocache-warm");
        self.rgo_build(&src, &rgo_warm, &dir.join("prime.rgo"))?;
        for i in 0..self.o.builds {
            let cold = dir.join(format!("gocache-cold-{i}"));
            row.gc_cold.push(self.go_build(&src, &cold, &dir.join(format!("cold{i}.gc")))?);
            let _ = std::fs::remove_dir_all(&cold);
            row.gc_warm.push(self.go_build(&src, &warm, &dir.join(format!("warm{i}.gc")))?);
            let rgo_cold = dir.join(format!("rgocache-cold-{i}"));
            row.rgo_cold.push(self.rgo_build(&src, &rgo_cold, &dir.join(format!("b{i}.rgo")))?);
            let _ = std::fs::remove_dir_all(&rgo_cold);
            row.rgo_warm.push(self.rgo_build(&src, &rgo_warm, &dir.join(format!("warm{i}.rgo")))?);
        }
        let gc = dir.join("cold0.gc");
        let rgo = dir.join("b0.rgo");

        let runs = if self.o.emulated() { 1 } else { self.o.runs };
        for i in 0..runs {
            let order: [(&Path, bool); 2] = if i % 2 == 0 { [(&gc, true), (&rgo, false)] } else { [(&rgo, false), (&gc, true)] };
            for (bin, is_gc) in order {
                let (t, out) = self.run(bin)?;
                if row.output.is_empty() && i == 0 {
                    row.output = out.clone();
                }
                if out != row.output {
                    return Err(format!(
                        "{name}: outputs differ\n--- {}:\n{}--- first run:\n{}",
                        bin.display(),
                        out,
                        row.output
                    ));
                }
                if is_gc {
                    row.gc_run.push(t);
                } else {
                    row.rgo_run.push(t);
                }
            }
        }
        row.gc_size = self.sizes(&gc)?;
        row.rgo_size = self.sizes(&rgo)?;
        Ok(row)
    }
}

fn tables(rows: &[Row], o: &Opts) -> String {
    let mut s = String::new();
    let f = |d: &[Duration]| median(d).as_secs_f64();
    let range = |d: &[Duration]| {
        let (lo, hi) = (d.iter().min().unwrap(), d.iter().max().unwrap());
        format!("{}–{}", ms(*lo), ms(*hi))
    };
    let _ = writeln!(s, "### Compile time (ms, median of {} builds each)\n", o.builds);
    let _ = writeln!(s, "| program | gc cold | gc warm (link only) | rgo cold | rgo warm | rgo ÷ gc cold | rgo ÷ gc warm (warm builds) |");
    let _ = writeln!(s, "|---|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} |",
            r.name,
            ms(median(&r.gc_cold)),
            ms(median(&r.gc_warm)),
            ms(median(&r.rgo_cold)),
            ms(median(&r.rgo_warm)),
            ratio(f(&r.rgo_cold), f(&r.gc_cold)),
            ratio(f(&r.rgo_warm), f(&r.gc_warm)),
        );
    }
    if o.emulated() {
        let _ = writeln!(s, "\n### Output (each binary run once under `{}`: emulated times are not measured)\n", o.target.runner().map_or("", |e| e.tool().command));
        let _ = writeln!(s, "| program | output (both) |");
        let _ = writeln!(s, "|---|---|");
        for r in rows {
            let _ = writeln!(s, "| {} | `{}` |", r.name, r.output.trim_end().replace('\n', " ⏎ "));
        }
    } else {
        let _ = writeln!(s, "\n### Run time (ms, median of {} runs each; min–max)\n", o.runs);
        let _ = writeln!(s, "| program | gc | rgo | rgo ÷ gc | gc min–max | rgo min–max | output (both) |");
        let _ = writeln!(s, "|---|---:|---:|---:|---:|---:|---|");
        for r in rows {
            let _ = writeln!(
                s,
                "| {} | {} | {} | **{}** | {} | {} | `{}` |",
                r.name,
                ms(median(&r.gc_run)),
                ms(median(&r.rgo_run)),
                ratio(f(&r.rgo_run), f(&r.gc_run)),
                range(&r.gc_run),
                range(&r.rgo_run),
                r.output.trim_end().replace('\n', " ⏎ "),
            );
        }
        // Generic code against the same code written for its types
        // (`generic_X` and `special_X`), per compiler.
        let pairs: Vec<(&Row, &Row)> = rows
            .iter()
            .filter_map(|g| {
                let base = g.name.strip_prefix("generic_")?;
                Some((g, rows.iter().find(|r| r.name.strip_prefix("special_") == Some(base))?))
            })
            .collect();
        if !pairs.is_empty() {
            let _ = writeln!(s, "\n### Generic code against hand-specialised (run time, the medians above)\n");
            let _ = writeln!(s, "| programs | gc generic ÷ specialised | rgo generic ÷ specialised |");
            let _ = writeln!(s, "|---|---:|---:|");
            for (g, sp) in pairs {
                let _ = writeln!(
                    s,
                    "| {} ÷ {} | {} | **{}** |",
                    g.name,
                    sp.name,
                    ratio(f(&g.gc_run), f(&sp.gc_run)),
                    ratio(f(&g.rgo_run), f(&sp.rgo_run)),
                );
            }
        }
    }
    let _ = writeln!(s, "\n### Binary size (bytes; `strip`ped copy, unstripped in brackets)\n");
    let _ = writeln!(s, "| program | gc | rgo | rgo ÷ gc |");
    let _ = writeln!(s, "|---|---:|---:|---:|");
    for r in rows {
        let _ = writeln!(
            s,
            "| {} | {} ({}) | {} ({}) | {} |",
            r.name,
            bytes(r.gc_size.1),
            bytes(r.gc_size.0),
            bytes(r.rgo_size.1),
            bytes(r.rgo_size.0),
            ratio(r.rgo_size.1 as f64, r.gc_size.1 as f64),
        );
    }
    s
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let o = match parse_args(&args) {
        Ok(o) => o,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("vs_gc: {e}");
            }
            eprintln!("{USAGE}");
            std::process::exit(if e.is_empty() { 0 } else { 2 });
        }
    };
    let (rgo, how) = match find_rgo(&o) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("vs_gc: {e}");
            std::process::exit(1);
        }
    };
    let work = std::env::temp_dir().join(format!("rgo-vs-gc-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&work) {
        eprintln!("vs_gc: {}: {e}", work.display());
        std::process::exit(1);
    }
    let nproc = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!("## rgo vs gc\n");
    let shown: String = args.iter().map(|a| format!(" {a}")).collect();
    println!("- command: `vs_gc{shown}` (`cargo run --release -p rgo-bench --bin vs_gc --{shown}`)");
    println!("- machine: {} × {nproc} ({})", cpu_model(), first_line(Command::new("uname").args(["-sr"])));
    println!("- gc: `{}` (`go build`, `CGO_ENABLED=0`, `GOFLAGS=`)", first_line(Command::new(&o.go).arg("version")));
    println!("- target: {}{}", o.target.name, o.target.runner().map_or(String::new(), |e| format!(" (binaries run under `{}`)", e.tool().command)));
    println!(
        "- rgo: `{}`, {how}; binary from {}; tree at git {}",
        rgo.display(),
        first_line(Command::new("date").arg("-r").arg(&rgo).arg("+%F %T %Z")),
        first_line(Command::new("git").arg("-C").arg(workspace()).args(["rev-parse", "--short", "HEAD"])),
    );
    println!("- programs: `bench/go/{{{}}}.go`\n", o.programs.join(","));

    let bench = Bench { o: &o, rgo, work: work.clone() };
    let total = Instant::now();
    let mut rows = Vec::new();
    let mut failed = false;
    for p in &o.programs {
        let t = Instant::now();
        match bench.program(p) {
            Ok(r) => {
                eprintln!("vs_gc: {p} done in {:.1} s", t.elapsed().as_secs_f64());
                rows.push(r);
            }
            Err(e) => {
                eprintln!("vs_gc: {p}: {e}");
                failed = true;
            }
        }
    }
    if !rows.is_empty() {
        print!("{}", tables(&rows, &o));
    }
    println!("\nTotal wall time: {:.0} s.", total.elapsed().as_secs_f64());
    if o.keep {
        eprintln!("vs_gc: work directory kept: {}", work.display());
    } else {
        let _ = std::fs::remove_dir_all(&work);
    }
    if failed {
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_odd_and_even() {
        let d = |v: &[u64]| v.iter().map(|&m| Duration::from_millis(m)).collect::<Vec<_>>();
        assert_eq!(median(&d(&[5, 1, 3])), Duration::from_millis(3));
        assert_eq!(median(&d(&[4, 1, 3, 2])), Duration::from_micros(2500));
    }

    #[test]
    fn formats() {
        assert_eq!(bytes(786432), "786 432");
        assert_eq!(bytes(999), "999");
        assert_eq!(ms(Duration::from_micros(1234)), "1.23");
        assert_eq!(ms(Duration::from_millis(456)), "456");
        assert_eq!(ratio(3.0, 2.0), "1.50×");
        assert_eq!(ratio(13240.0, 784600.0), "0.017×");
    }

    #[test]
    fn args() {
        let a = |v: &[&str]| parse_args(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        let o = a(&[]).unwrap();
        assert_eq!((o.runs, o.builds, o.programs.len()), (5, 5, PROGRAMS.len()));
        let o = a(&["--runs", "7", "fib", "hello", "fib"]).unwrap();
        assert_eq!((o.runs, o.programs), (7, vec!["fib".to_string(), "hello".to_string()]));
        assert!(a(&["--runs", "0"]).is_err());
        assert!(a(&["nope"]).is_err());
        let o = a(&["--target", "linux/riscv64", "fib"]).unwrap();
        assert_eq!((o.target.goarch, o.emulated()), ("riscv64", rgo_targets::host_goarch() != Some("riscv64")));
        assert!(a(&["--target", "plan9/386"]).is_err());
        assert!(!a(&[]).unwrap().emulated(), "the default target is the host's");
    }
}
