//! What the bench binaries that time whole processes share (`vs_gc`,
//! `test_vs_gc`): finding rgo, running and timing commands, medians and
//! ratios as the tables print them.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The workspace root (this crate is `bench/`).
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("bench/ has a parent").to_path_buf()
}

/// The median of `xs` (the mean of the middle two for an even count).
pub fn median(xs: &[Duration]) -> Duration {
    assert!(!xs.is_empty());
    let mut v = xs.to_vec();
    v.sort();
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2
    }
}

/// Milliseconds with three significant digits or so.
pub fn ms(d: Duration) -> String {
    let m = d.as_secs_f64() * 1e3;
    if m >= 100.0 {
        format!("{m:.0}")
    } else if m >= 10.0 {
        format!("{m:.1}")
    } else {
        format!("{m:.2}")
    }
}

/// `a ÷ b` as the tables print it.
pub fn ratio(a: f64, b: f64) -> String {
    if b == 0.0 {
        return "–".into();
    }
    let r = a / b;
    if r < 0.1 {
        format!("{r:.3}×")
    } else {
        format!("{r:.2}×")
    }
}

/// Runs `cmd` to completion, timing it; a failure to start is an error,
/// the exit status is the caller's business.
pub fn timed(cmd: &mut Command) -> Result<(Duration, Output), String> {
    cmd.stdin(Stdio::null());
    let t = Instant::now();
    let out = cmd.output().map_err(|e| format!("cannot run {:?}: {e}", cmd.get_program()))?;
    Ok((t.elapsed(), out))
}

/// `Ok` when `out` is a success; else the error with its output.
pub fn check(what: &str, out: &Output) -> Result<(), String> {
    if out.status.success() {
        return Ok(());
    }
    Err(format!(
        "{what} failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    ))
}

/// The rgo binary to use and how it was found: `given`, else
/// `target/release/rgo` (or under `$CARGO_TARGET_DIR`) if it exists and
/// `rebuild` is false, else one built now with `cargo build --release -p
/// rgo`. `who` names the tool in what it prints.
pub fn find_rgo(given: Option<&Path>, rebuild: bool, who: &str) -> Result<(PathBuf, String), String> {
    if let Some(p) = given {
        return Ok((p.to_path_buf(), "given with --rgo".into()));
    }
    let root = workspace();
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let rgo = target.join("release").join("rgo");
    let existed = rgo.is_file();
    if existed && !rebuild {
        return Ok((rgo, "present before this run (not rebuilt)".into()));
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    eprintln!("{who}: cargo build --release -p rgo");
    let status = Command::new(cargo)
        .args(["build", "--release", "-p", "rgo", "--manifest-path"])
        .arg(root.join("Cargo.toml"))
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() || !rgo.is_file() {
        return Err(format!("cargo build --release -p rgo failed ({status})"));
    }
    let how = if existed { "`cargo build --release -p rgo` run first (--rebuild-rgo)" } else { "built now by `cargo build --release -p rgo`" };
    Ok((rgo, how.into()))
}

/// The first line a command prints (its error, when it cannot run).
pub fn first_line(cmd: &mut Command) -> String {
    match cmd.output() {
        Ok(o) => String::from_utf8_lossy(&o.stdout).lines().next().unwrap_or("").trim().to_string(),
        Err(e) => format!("({e})"),
    }
}

/// The machine's CPU, from /proc/cpuinfo.
pub fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| c.lines().find(|l| l.starts_with("model name")).map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string()))
        .unwrap_or_else(|| "unknown CPU".into())
}
