//! Building one program with rgo and running it, as Go's test runner runs a
//! `// run` program: no arguments, stdin from /dev/null, stdout and stderr
//! captured as one stream, compared byte for byte with `NAME.out` (or with
//! nothing). Also the verdicts of every kind, and how a failed build is
//! classified (a crash or hang of rgo, a diagnostic, a later step).

use crate::compare;
use crate::header::Kind;
use rgo_targets::{Emulator, Target};
use std::fs::File;
use std::io::{self, Read};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// How long a program may run. Generous: a few programs run gc's own tools
/// (nosplit.go takes 8-9 s under gc itself here), and a loaded machine
/// must not fail them; a hang costs this once.
pub const RUN_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a program may run under `--gcstress`, where running out of
/// time is accepted (a collection at every allocation is slow by design).
pub const STRESS_RUN_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a program may run under an emulator (qemu-user is several
/// times slower).
pub const EMULATED_RUN_TIMEOUT: Duration = Duration::from_secs(40);
/// How long rgo may take to build one program: longer is a hang (the test
/// programs are small; rgo builds most in well under a second).
pub const BUILD_TIMEOUT: Duration = Duration::from_secs(20);
/// More output than this is cut off (the program is killed).
const OUTPUT_LIMIT: u64 = 16 << 20;

/// The verdict on one program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Pass,
    /// It built but ran wrongly: the first difference, the exit status or
    /// signal, or a timeout.
    Fail(String),
    /// rgo's assembly or link step failed, or rgo failed without a
    /// positioned diagnostic: an rgo bug.
    FailBuild(String),
    /// rgo panicked, overflowed its stack, died of a signal or exceeded
    /// [`BUILD_TIMEOUT`]: an rgo bug.
    Crash(String),
    /// (errorcheck) rgo built the invalid program: an rgo bug.
    Accepted,
    /// (errorcheck) rgo rejected the program with a diagnostic on a line
    /// not marked `// ERROR`: an rgo bug.
    WrongLines(String),
    /// The recipe asks for what this table does not judge (gc flags).
    NotMeasured(String),
    /// rgo rejected the program with a diagnostic other than "rgo does not
    /// support …": the program is valid Go (gc runs it), so an rgo bug.
    FailCompile(String),
    /// rgo rejected the program (the message, without `file:line:col: `), or
    /// the recipe needs what this table does not do (flags, arguments).
    NotSupported(String),
}

impl Outcome {
    /// The column of the summary table, named for the kind of program.
    pub fn category(&self, kind: Kind) -> &'static str {
        match (self, kind) {
            (Outcome::Pass, Kind::Compile) => "builds",
            (Outcome::Pass, Kind::ErrorCheck) => "rejected (right lines)",
            (Outcome::Pass, _) => "pass",
            (Outcome::Fail(_), _) => "fail",
            (Outcome::FailBuild(_), _) => "fail (build)",
            (Outcome::FailCompile(_), Kind::Compile) => "fails (compile)",
            (Outcome::FailCompile(_), _) => "fail (compile)",
            (Outcome::Crash(_), _) => "crash",
            (Outcome::Accepted, _) => "accepted",
            (Outcome::WrongLines(_), _) => "wrong lines",
            (Outcome::NotSupported(_), _) => "not supported",
            (Outcome::NotMeasured(_), _) => "not measured",
        }
    }

    pub fn detail(&self) -> &str {
        match self {
            Outcome::Pass => "",
            Outcome::Accepted => "rgo built it",
            Outcome::Fail(d)
            | Outcome::FailBuild(d)
            | Outcome::FailCompile(d)
            | Outcome::Crash(d)
            | Outcome::WrongLines(d)
            | Outcome::NotSupported(d)
            | Outcome::NotMeasured(d) => d,
        }
    }

    /// Whether the outcome is an rgo bug.
    pub fn is_bug(&self) -> bool {
        !matches!(self, Outcome::Pass | Outcome::NotSupported(_) | Outcome::NotMeasured(_))
    }

    /// A `// run` program killed after `limit`.
    pub fn timeout(limit: Duration) -> Outcome {
        Outcome::Fail(format!("{TIMEOUT} ({} s)", limit.as_secs()))
    }

    /// Whether the program was killed for running too long (and nothing
    /// else: every other failure of a run starts with the first
    /// difference or the exit status).
    pub fn is_timeout(&self) -> bool {
        matches!(self, Outcome::Fail(d) if d.strip_prefix(TIMEOUT).is_some_and(|r| r.starts_with(" (")))
    }
}

/// How [`Outcome::timeout`]'s detail starts.
const TIMEOUT: &str = "timeout";

/// How a child process ended.
pub enum End {
    Exited(ExitStatus),
    TimedOut,
    TooMuchOutput,
}

/// Runs `cmd` in its own process group with stdin from /dev/null and
/// stdout and stderr both into `log` (one stream, in order), for at most
/// `limit`; returns how it ended and what it wrote.
pub fn run_captured(cmd: &mut Command, log: &Path, limit: Duration) -> io::Result<(End, Vec<u8>)> {
    let file = File::create(log)?;
    cmd.stdin(Stdio::null()).stdout(file.try_clone()?).stderr(file).process_group(0);
    let mut child = cmd.spawn()?;
    let start = Instant::now();
    let end = loop {
        if let Some(status) = child.try_wait()? {
            break End::Exited(status);
        }
        let over = if start.elapsed() > limit {
            Some(End::TimedOut)
        } else if std::fs::metadata(log).map(|m| m.len()).unwrap_or(0) > OUTPUT_LIMIT {
            Some(End::TooMuchOutput)
        } else {
            None
        };
        if let Some(over) = over {
            // The whole group: the program may have started others.
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", child.id())])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
            let _ = child.kill();
            let _ = child.wait();
            break over;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let mut out = Vec::new();
    File::open(log)?.take(OUTPUT_LIMIT).read_to_end(&mut out)?;
    Ok((end, out))
}

/// `exit status N` or `killed by signal N (SIGNAME)`.
pub fn describe_status(s: ExitStatus) -> String {
    if let Some(sig) = s.signal() {
        let name = match sig {
            1 => " (SIGHUP)",
            2 => " (SIGINT)",
            4 => " (SIGILL)",
            5 => " (SIGTRAP)",
            6 => " (SIGABRT)",
            7 => " (SIGBUS)",
            8 => " (SIGFPE)",
            9 => " (SIGKILL)",
            11 => " (SIGSEGV)",
            13 => " (SIGPIPE)",
            15 => " (SIGTERM)",
            31 => " (SIGSYS)",
            _ => "",
        };
        format!("killed by signal {sig}{name}")
    } else {
        format!("exit status {}", s.code().unwrap_or(-1))
    }
}

/// The emulator (program and its arguments before the executable) that
/// runs `t`'s programs here, as `rgo run` picks it: none on the host's
/// architecture unless `RGO_EMULATE=1`; an error naming the Debian package
/// when it is not installed.
pub fn emulator(t: &Target) -> Result<Option<(PathBuf, &'static [&'static str])>, String> {
    let forced = std::env::var_os("RGO_EMULATE").is_some_and(|v| v == "1");
    let Some(Emulator::User { tool, args } | Emulator::System { tool, args }) = t.runner().or(forced.then_some(&t.emulator)) else {
        return Ok(None);
    };
    let found = std::env::var_os("PATH")
        .and_then(|path| std::env::split_paths(&path).map(|d| d.join(tool.command)).find(|p| p.is_file()));
    match found {
        Some(p) => Ok(Some((p, *args))),
        None => Err(format!(
            "{} (runs {t} programs) is not installed: install the Debian package {}",
            tool.command, tool.debian_package
        )),
    }
}

/// The command that runs the executable `exe` of target `t`.
pub fn program_command(t: &Target, exe: &Path) -> io::Result<Command> {
    Ok(match emulator(t).map_err(io::Error::other)? {
        None => Command::new(exe),
        Some((qemu, args)) => {
            let mut c = Command::new(qemu);
            c.args(args).arg(exe);
            c
        }
    })
}

/// The environment variable of rgo's collector stress mode: a compiled
/// program collects at every Nth safepoint (see docs/gc.md).
pub const GCSTRESS: &str = "RGO_GCSTRESS";

/// Builds `src` with `rgo` for `t` and runs it with `args` in `dir` (a fresh
/// directory the caller removes); `expected` is the content of `NAME.out`,
/// or empty.
/// `gcstress`: the program runs with [`GCSTRESS`] set to it; without, the
/// variable is removed from its environment, so a verdict depends only on
/// the options.
pub fn build_and_run(
    rgo: &Path,
    t: &Target,
    src: &Path,
    args: &[String],
    expected: &[u8],
    dir: &Path,
    gcstress: Option<u32>,
) -> io::Result<Outcome> {
    let exe = dir.join("prog.exe");
    let (end, out) = build(rgo, t, src, &exe, dir)?;
    match end {
        End::Exited(s) if s.success() && exe.is_file() => {}
        _ => return Ok(build_failure(&out, &end)),
    }

    let log = dir.join("run.log");
    let limit = match (emulator(t).is_ok_and(|e| e.is_some()), gcstress) {
        (true, _) => EMULATED_RUN_TIMEOUT,
        (false, Some(_)) => STRESS_RUN_TIMEOUT,
        (false, None) => RUN_TIMEOUT,
    };
    let mut run = program_command(t, &exe)?;
    run.args(args);
    // As Go's test runner does: the programs may check them (test/env.go).
    run.current_dir(dir).env("PWD", dir).env("GOOS", t.goos).env("GOARCH", t.goarch);
    match gcstress {
        // qemu-user hands its environment to the program it emulates.
        Some(n) => run.env(GCSTRESS, n.to_string()),
        None => run.env_remove(GCSTRESS),
    };
    let (end, out) = run_captured(&mut run, &log, limit)?;
    let diff = compare::first_difference(expected, &out);
    Ok(match end {
        End::TimedOut => Outcome::timeout(limit),
        End::TooMuchOutput => Outcome::Fail(format!("more than {} MiB of output", OUTPUT_LIMIT >> 20)),
        End::Exited(s) if s.success() => match diff {
            None => Outcome::Pass,
            Some(d) => Outcome::Fail(d),
        },
        End::Exited(s) => match runtime_unsupported(&out) {
            Some(msg) => Outcome::NotSupported(msg),
            None => Outcome::Fail(match diff {
                None => format!("{} (output as expected)", describe_status(s)),
                Some(d) => format!("{}; {d}", describe_status(s)),
            }),
        },
    })
}

/// The message of a panic by which rgo's runtime says it lacks a feature
/// the program used (`panic: reflect: rgo does not support … yet`), if the
/// program died of one.
fn runtime_unsupported(out: &[u8]) -> Option<String> {
    String::from_utf8_lossy(out)
        .lines()
        .filter_map(|l| l.strip_prefix("panic: "))
        .find_map(|msg| msg.find("rgo does not support ").map(|i| msg[i..].trim_end().to_string()))
}

/// Runs `rgo runtime --target T`, which builds the target's runtime
/// library if rgo builds it on first use (minutes: not within a program's
/// [`BUILD_TIMEOUT`]).
pub fn prepare_runtime(rgo: &Path, t: &Target) -> Result<(), String> {
    let out = Command::new(rgo)
        .args(["runtime", "--target", t.name])
        .stdout(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", rgo.display()))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("no runtime library for {t}: {}", String::from_utf8_lossy(&out.stderr).trim_end()))
    }
}

/// Runs `rgo build --target T -o EXE SRC` in `dir`; returns how it ended
/// and what it printed.
pub fn build(rgo: &Path, t: &Target, src: &Path, exe: &Path, dir: &Path) -> io::Result<(End, Vec<u8>)> {
    let log = dir.join("build.log");
    let mut build = Command::new(rgo);
    build
        .arg("build")
        .args(["--target", t.name])
        .arg("-o")
        .arg(exe)
        .arg(src)
        .current_dir(dir)
        .env_remove("RGO_KEEP_WORK")
        // Stress is for the programs, not for rgo (a Rust program; the
        // variable is removed so that nothing rgo may start sees it).
        .env_remove(GCSTRESS);
    let r = run_captured(&mut build, &log, BUILD_TIMEOUT);
    let _ = std::fs::remove_file(&log);
    r
}

/// When rgo crashed or hung: what happened (a panic and its message, a
/// stack overflow, a signal, an exit status other than 0 and 1, a timeout).
pub fn crash(out: &[u8], end: &End) -> Option<String> {
    let status = match end {
        End::TimedOut => return Some(format!("rgo timed out ({} s)", BUILD_TIMEOUT.as_secs())),
        End::TooMuchOutput => return Some(format!("rgo wrote more than {} MiB", OUTPUT_LIMIT >> 20)),
        End::Exited(s) => *s,
    };
    let text = String::from_utf8_lossy(out);
    let lines: Vec<&str> = text.lines().map(str::trim_end).filter(|l| !l.is_empty()).collect();
    let what = if let Some(i) = lines.iter().position(|l| l.contains("panicked at")) {
        // thread '…' panicked at FILE:LINE:COL:\nMESSAGE
        let msg = lines.get(i + 1).filter(|m| !m.starts_with("note:")).copied().unwrap_or(lines[i]);
        Some(format!("compiler panic: {msg}"))
    } else {
        // (`thread '…' (TID) has overflowed its stack`: the id varies.)
        lines.iter().any(|l| l.contains("overflowed its stack")).then(|| "stack overflow".to_string())
    };
    let signal = status.signal().is_some() || !matches!(status.code(), Some(0 | 1));
    match (what, signal) {
        (Some(w), true) => Some(compare::show(format!("rgo {}: {w}", describe_status(status)).as_bytes())),
        (Some(w), false) => Some(compare::show(w.as_bytes())),
        (None, true) => {
            let first = lines.first().map(|l| format!(": {}", without_work_paths(l))).unwrap_or_default();
            Some(compare::show(format!("rgo {}{first}", describe_status(status)).as_bytes()))
        }
        (None, false) => None,
    }
}

/// Classifies rgo's failure from how it ended and what it printed: a crash
/// or hang (see [`crash`]); a positioned diagnostic (`file:line:col:
/// message`) saying `rgo does not support …` is "not supported" with the
/// message; any other diagnostic is a compile failure; anything else (the
/// assembler, the linker) is a build failure. All but "not supported" are
/// rgo bugs.
pub fn build_failure(out: &[u8], end: &End) -> Outcome {
    if let Some(c) = crash(out, end) {
        return Outcome::Crash(c);
    }
    let status = match end {
        End::Exited(s) => Some(*s),
        _ => None,
    };
    let text = String::from_utf8_lossy(out);
    let lines: Vec<&str> = text.lines().map(str::trim_end).filter(|l| !l.is_empty()).collect();
    if status.is_some_and(|s| s.code() == Some(1)) {
        if let Some(msg) = lines.iter().find_map(|l| diagnostic_message(l)) {
            let msg = compare::show(msg.as_bytes());
            return if msg.starts_with("rgo does not support") {
                Outcome::NotSupported(msg)
            } else {
                Outcome::FailCompile(msg)
            };
        }
    }
    let first = if let Some(l) = lines.iter().find(|l| {
        l.contains("Error:")
            || l.contains("error:")
            || l.contains("undefined reference")
            || l.contains("multiple definition")
    }) {
        without_work_paths(l)
    } else if let Some(l) = lines.first() {
        without_work_paths(l)
    } else {
        match status {
            Some(s) => format!("rgo: {} without a message", describe_status(s)),
            None => "rgo: too much output".to_string(),
        }
    };
    Outcome::FailBuild(format!("build failed: {}", compare::show(first.as_bytes())))
}

/// The message of `PATH:LINE:COL: message`, if `line` is one.
pub fn diagnostic_message(line: &str) -> Option<&str> {
    // The path may hold colons; find `:digits:digits: ` from the left.
    let b = line.as_bytes();
    let mut i = 0;
    while let Some(off) = line[i..].find(':') {
        let c = i + off;
        let digits = |from: usize| {
            let n = b[from..].iter().take_while(|x| x.is_ascii_digit()).count();
            (n > 0).then_some(from + n)
        };
        if let Some(e1) = digits(c + 1) {
            if b.get(e1) == Some(&b':') {
                if let Some(e2) = digits(e1 + 1) {
                    if line[e2..].starts_with(": ") && c > 0 {
                        return Some(&line[e2 + 2..]);
                    }
                }
            }
        }
        i = c + 1;
    }
    None
}

/// `line` with paths into rgo's temporary work directory cut to file names.
fn without_work_paths(line: &str) -> String {
    line.split(' ')
        .map(|w| match w.find("rgo-build-") {
            Some(p) => match w[p..].find('/') {
                Some(s) => w[p + s + 1..].to_string(),
                None => w.to_string(),
            },
            None => w.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A scratch directory for one program, removed on drop.
pub struct Scratch(pub PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exit(code: i32) -> End {
        End::Exited(ExitStatus::from_raw(code << 8))
    }

    #[test]
    fn diagnostics() {
        assert_eq!(
            diagnostic_message("/usr/lib/go-1.19/test/append.go:12:2: rgo does not support package \"fmt\" yet"),
            Some("rgo does not support package \"fmt\" yet")
        );
        assert_eq!(diagnostic_message("a:b.go:3:4: x: y"), Some("x: y"));
        assert_eq!(diagnostic_message("rgo: assembling x failed"), None);
        assert_eq!(diagnostic_message("main.s:12: Error: bad"), None);
    }

    #[test]
    fn build_failures() {
        assert_eq!(
            runtime_unsupported(b"x\npanic: reflect: rgo does not support Interface of a method value yet\n\ngoroutine 1 [running]:\n"),
            Some("rgo does not support Interface of a method value yet".into())
        );
        assert_eq!(runtime_unsupported(b"panic: boom\nrgo does not support x\n"), None);
        let o = build_failure(b"/t/235.go:15:7: rgo does not support channels yet\n", &exit(1));
        assert_eq!(o, Outcome::NotSupported("rgo does not support channels yet".into()));
        let o = build_failure(b"/t/print.go:14:10: use of untyped nil in argument to built-in print\n", &exit(1));
        assert_eq!(o, Outcome::FailCompile("use of untyped nil in argument to built-in print".into()));
        let o = build_failure(
            b"/tmp/rgo-build-ab12/main.s: Assembler messages:\n/tmp/rgo-build-ab12/main.s:7: Error: no such instruction\nrgo: assembling failed\n",
            &exit(1),
        );
        assert_eq!(o, Outcome::FailBuild("build failed: main.s:7: Error: no such instruction".into()));
        let o = build_failure(b"\nthread 'main' panicked at toolchain/src/x.rs:1:2:\nindex out of bounds\nnote: run with RUST_BACKTRACE\nrgo: internal error: the compiler panicked\n", &exit(1));
        assert_eq!(o, Outcome::Crash("compiler panic: index out of bounds".into()));
        // A panic after some diagnostics is still a crash.
        let o = build_failure(b"t.go:1:2: x\nthread 'main' panicked at a.rs:1:2:\nboom\n", &exit(101));
        assert_eq!(o, Outcome::Crash("rgo exit status 101: compiler panic: boom".into()));
        let o = build_failure(b"\nthread 'main' has overflowed its stack\nfatal runtime error: stack overflow\n", &End::Exited(ExitStatus::from_raw(6)));
        assert_eq!(o, Outcome::Crash("rgo killed by signal 6 (SIGABRT): stack overflow".into()));
        assert_eq!(build_failure(b"t.go:1:2: x\n", &End::TimedOut), Outcome::Crash("rgo timed out (20 s)".into()));
        assert_eq!(build_failure(b"", &End::Exited(ExitStatus::from_raw(11))), Outcome::Crash("rgo killed by signal 11 (SIGSEGV)".into()));
    }

    #[test]
    fn timeouts() {
        let t = Outcome::timeout(RUN_TIMEOUT);
        assert_eq!(t, Outcome::Fail("timeout (30 s)".into()));
        assert!(t.is_timeout());
        assert!(!Outcome::Fail("line 1: expected `timeout (1 s)`, got <EOF>".into()).is_timeout());
        assert!(!Outcome::Fail("exit status 2 (output as expected)".into()).is_timeout());
        assert!(!Outcome::Crash("rgo timed out (20 s)".into()).is_timeout());
        assert!(!Outcome::Pass.is_timeout());
    }
}
