//! A loopback `net/http` hello server built by rgo against the same built
//! by gc, each loaded by `wrk` for a while in one run (issue 29's server
//! figure; docs/goroutines.md, "A loaded HTTP server"). Prints a markdown
//! table: requests per second, median and 99th-percentile latency, errors,
//! for gc and for rgo at each `GOMAXPROCS` asked for.
//!
//! `cargo run --release -p rgo-bench --bin http_load -- --help`

use rgo_bench::process::{check, cpu_model, find_rgo, first_line, timed, workspace};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const USAGE: &str = "usage: http_load [options]
  --duration S     seconds of load per server (default 10)
  --connections N  wrk's open connections (default 32)
  --threads N      wrk's threads (default 1: the servers get the other core)
  --procs LIST     rgo's GOMAXPROCS values, comma-separated (default 1,2)
  --go PATH        the go command (default: go)
  --rgo PATH       the rgo binary (default: target/release/rgo, built if missing)
needs wrk (Debian: apt-get install wrk)";

struct Opts {
    duration: u32,
    connections: u32,
    threads: u32,
    procs: Vec<u32>,
    go: PathBuf,
    rgo: Option<PathBuf>,
}

fn parse_args(args: &[String]) -> Result<Opts, String> {
    let mut o = Opts { duration: 10, connections: 32, threads: 1, procs: vec![1, 2], go: "go".into(), rgo: None };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{a} needs a value"));
        let number = |v: &String| v.parse::<u32>().ok().filter(|n| *n > 0).ok_or_else(|| format!("{a}: not a positive number: {v}"));
        match a.as_str() {
            "--duration" => o.duration = number(value()?)?,
            "--connections" => o.connections = number(value()?)?,
            "--threads" => o.threads = number(value()?)?,
            "--procs" => {
                o.procs = value()?.split(',').map(|p| p.parse::<u32>().ok().filter(|n| *n > 0).ok_or_else(|| format!("--procs: not a positive number: {p}"))).collect::<Result<_, _>>()?
            }
            "--go" => o.go = value()?.into(),
            "--rgo" => o.rgo = Some(value()?.into()),
            "-h" | "--help" => return Err(USAGE.into()),
            _ => return Err(format!("unknown argument {a}\n{USAGE}")),
        }
    }
    Ok(o)
}

/// What wrk measured of one server.
struct Load {
    rps: f64,
    p50: String,
    p99: String,
    errors: String,
}

/// A server started from `bin` with `GOMAXPROCS` = `procs` (none: the
/// environment's), and the address it printed.
fn start(bin: &Path, procs: Option<u32>) -> Result<(Child, String), String> {
    let mut cmd = Command::new(bin);
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::inherit());
    match procs {
        Some(p) => cmd.env("GOMAXPROCS", p.to_string()),
        None => cmd.env_remove("GOMAXPROCS"),
    };
    let mut child = cmd.spawn().map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
    let mut line = String::new();
    let read = BufReader::new(child.stdout.take().expect("piped")).read_line(&mut line);
    if read.is_err() || line.trim().is_empty() {
        let _ = child.kill();
        return Err(format!("{} printed no address", bin.display()));
    }
    Ok((child, line.trim().to_string()))
}

/// Loads the server at `addr` with wrk and reads its report.
fn load(addr: &str, o: &Opts) -> Result<Load, String> {
    let mut cmd = Command::new("wrk");
    cmd.arg(format!("-t{}", o.threads))
        .arg(format!("-c{}", o.connections))
        .arg(format!("-d{}s", o.duration))
        .arg("--latency")
        .arg(format!("http://{addr}/"));
    let (_, out) = timed(&mut cmd).map_err(|e| format!("{e} (Debian: apt-get install wrk)"))?;
    check("wrk", &out)?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let field = |prefix: &str| text.lines().map(str::trim).find_map(|l| l.strip_prefix(prefix)).map(|v| v.trim().to_string());
    let rps = field("Requests/sec:").and_then(|v| v.parse::<f64>().ok()).ok_or_else(|| format!("no Requests/sec in wrk's report:\n{text}"))?;
    let mut errors: Vec<String> = Vec::new();
    if let Some(e) = field("Socket errors:") {
        errors.push(format!("socket errors: {e}"));
    }
    if let Some(e) = field("Non-2xx or 3xx responses:") {
        errors.push(format!("{e} non-2xx"));
    }
    Ok(Load {
        rps,
        p50: field("50%").unwrap_or_else(|| "?".into()),
        p99: field("99%").unwrap_or_else(|| "?".into()),
        errors: if errors.is_empty() { "none".into() } else { errors.join(", ") },
    })
}

/// Starts the server, loads it, stops it.
fn measure(bin: &Path, procs: Option<u32>, o: &Opts) -> Result<Load, String> {
    let (mut child, addr) = start(bin, procs)?;
    let r = load(&addr, o);
    let _ = child.kill();
    let _ = child.wait();
    r
}

fn run(o: &Opts) -> Result<(), String> {
    let (rgo, how) = find_rgo(o.rgo.as_deref(), false, "http_load")?;
    let src = workspace().join("bench/go/http/hello.go");
    let work = std::env::temp_dir().join(format!("rgo-http-load-{}", std::process::id()));
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let (gc_bin, rgo_bin) = (work.join("hello-gc"), work.join("hello-rgo"));
    let mut go = Command::new(&o.go);
    go.args(["build", "-o"]).arg(&gc_bin).arg(&src).current_dir(&work).env("CGO_ENABLED", "0");
    check("go build", &timed(&mut go)?.1)?;
    let mut r = Command::new(&rgo);
    r.args(["build", "-o"]).arg(&rgo_bin).arg(&src).current_dir(&work);
    check("rgo build", &timed(&mut r)?.1)?;

    let gc = measure(&gc_bin, None, o)?;
    let mut rows = vec![(format!("gc (GOMAXPROCS {})", std::thread::available_parallelism().map_or(1, |n| n.get())), gc)];
    for &p in &o.procs {
        rows.push((format!("rgo, GOMAXPROCS {p}"), measure(&rgo_bin, Some(p), o)?));
    }
    let _ = std::fs::remove_dir_all(&work);

    println!("## A loopback net/http hello server under wrk\n");
    println!(
        "{} ({} cores); wrk -t{} -c{} -d{}s --latency; {}; rgo: {} ({how}); go: {}\n",
        cpu_model(),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        o.threads,
        o.connections,
        o.duration,
        first_line(Command::new("wrk").arg("-v")),
        rgo.display(),
        first_line(Command::new(&o.go).arg("version")),
    );
    println!("| server | requests/s | ÷ gc's | latency p50 | latency p99 | errors |");
    println!("|---|---:|---:|---:|---:|---|");
    let base = rows[0].1.rps;
    for (name, l) in &rows {
        println!("| {name} | {:.0} | {:.2}× | {} | {} | {} |", l.rps, l.rps / base, l.p50, l.p99, l.errors);
    }
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = parse_args(&args).and_then(|o| run(&o));
    match result {
        Err(e) if e == USAGE => println!("{USAGE}"),
        Err(e) => {
            eprintln!("http_load: {e}");
            std::process::exit(1);
        }
        Ok(()) => {}
    }
}
