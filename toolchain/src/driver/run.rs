//! `rgo run`: build into a temporary directory and run the program.
//!
//! The program inherits stdin, stdout and stderr, and `rgo run` exits with
//! its exit status, so scripts and tests see exactly what the program did
//! (a panic's status 2 included). Unlike `go run`, which exits 1 and
//! prints `exit status N`, nothing is added to the program's output. A
//! program killed by a signal makes `rgo run` print `signal: NAME` (as `go
//! run` does) and exit with 128 + the signal number, as a shell reports it.
//!
//! A program for another architecture runs under the target's emulator
//! (qemu-user), which passes arguments, streams and the exit status
//! through; a board image boots in qemu-system, whose standard output is
//! the board's UART and whose exit status is the program's. A missing
//! emulator is an error naming its Debian package.
//! (`RGO_EMULATE=1` uses the emulator on the host's own architecture too.)

use super::build::{build_in, compile_to_units, io_msg, require, Inputs, Target, WorkDir};
use super::{err, Error};
use rgo_targets::Emulator;
use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

/// Builds `inputs` and runs the result with `args`; returns its status.
pub fn run(inputs: &Inputs, target: Target, args: &[OsString]) -> Result<i32, Error> {
    let units = compile_to_units(inputs, target, crate::check::Output::Program)?;
    let work = WorkDir::new()?;
    let exe = work.path().join(inputs.default_output());
    let mut cmd = command(target.spec, &exe, args)?;
    build_in(&work, &units, inputs, target, &exe)?;
    let status = cmd.status().or_else(|e| err(format!("run {}: {}", exe.display(), io_msg(&e))))?;
    if let Some(code) = status.code() {
        return Ok(code);
    }
    use std::os::unix::process::ExitStatusExt;
    let sig = status.signal().unwrap_or(0);
    super::say(&format!("signal: {}", signal_name(sig)));
    Ok(128 + sig)
}

/// The command that runs the executable `exe` for `target` here with the
/// program arguments `args`: `exe` itself on its own architecture, else
/// under the target's emulator (found on `PATH`). `RGO_EMULATE=1` runs it
/// under the emulator on its own architecture too (qemu-x86_64 for amd64),
/// which tests the emulator path before other backends exist. A board gets
/// its arguments as qemu's `-append` words, which the runtime reads back by
/// semihosting (docs/boards.md): words without spaces.
pub fn command<A: AsRef<std::ffi::OsStr>>(target: &rgo_targets::Target, exe: &Path, args: &[A]) -> Result<Command, Error> {
    let forced = std::env::var_os("RGO_EMULATE").is_some_and(|v| v == "1");
    match target.runner().or(forced.then_some(&target.emulator)) {
        None => {
            let mut c = Command::new(exe);
            c.args(args);
            Ok(c)
        }
        Some(Emulator::User { tool, args: qemu_args }) => {
            let qemu = require(*tool, &format!("the emulator that runs {target} programs"))?;
            let mut c = Command::new(qemu);
            c.args(*qemu_args).arg(exe).args(args);
            Ok(c)
        }
        Some(Emulator::System { tool, args: qemu_args }) => {
            let qemu = require(*tool, &format!("the emulator that runs {target} programs"))?;
            let mut words = vec![];
            for a in args.iter().map(AsRef::as_ref) {
                match a.to_str() {
                    Some(w) if !w.is_empty() && !w.contains(char::is_whitespace) => words.push(w),
                    _ => return err(format!("a {target} program takes arguments that are words without spaces, not {a:?}")),
                }
            }
            let mut c = Command::new(qemu);
            c.args(*qemu_args).arg(exe);
            if !words.is_empty() {
                c.arg("-append").arg(words.join(" "));
            }
            Ok(c)
        }
    }
}

/// A signal's description as Go's `syscall.Signal.String` gives it for
/// the common ones, else its number.
pub(crate) fn signal_name(sig: i32) -> String {
    match sig {
        1 => "hangup".into(),
        2 => "interrupt".into(),
        3 => "quit".into(),
        4 => "illegal instruction".into(),
        5 => "trace/breakpoint trap".into(),
        6 => "aborted".into(),
        7 => "bus error".into(),
        8 => "floating point exception".into(),
        9 => "killed".into(),
        11 => "segmentation fault".into(),
        13 => "broken pipe".into(),
        15 => "terminated".into(),
        n => format!("signal {n}"),
    }
}
