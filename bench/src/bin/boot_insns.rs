//! Boot cost on the bare-metal boards, in guest instructions: how many
//! instructions qemu executes from reset to the first instruction of
//! `main.main`, split at the boot code's milestones, for `bench/go/hello.go`
//! (`println`) and `bench/go/fmt_hello.go` (`fmt.Println`), printed as a
//! markdown table (docs/boards.md, "Boot cost").
//!
//! ```sh
//! cargo run --release -p rgo-bench --bin boot_insns -- [--rgo PATH] [--keep] [TARGET...] [-- PROGRAM.go...]
//! ```
//!
//! The boards are the rows of the target table (`rgo_targets::TARGETS`)
//! with GOOS `none`, run with the table's `qemu-system-*` command and
//! arguments; their C toolchain's `nm` (`<gnu-triple>-nm`) reads the
//! milestones' addresses from the image. qemu 7.2 has no TCG plugins here;
//! the count is qemu's own instruction counter: with `-icount shift=0` it
//! counts every guest instruction executed, and in record mode
//! (`rr=record`, to a scratch file) QMP's `query-replay` reports it. qemu
//! starts stopped (`-S`); through its gdbstub this program sets a
//! breakpoint at each milestone in turn and continues, and reads the count
//! when qemu stops there, before the milestone's first instruction runs.
//! Checked against a count of the execution log of `-singlestep -d
//! exec,nochain` (one line per instruction; minutes instead of seconds):
//! the same figures to the instruction.
//!
//! Milestones, in boot order (each the first time its PC is reached):
//! reset (the first logged instruction: the board's reset code, qemu's
//! ROM on riscv64), `_start` (the image's entry, rt-arch's
//! `<arch>_virt_entry.S`), `rgo_rt_start` (rt-core's start, after the
//! boot code), `rgo.main` (the program's entry the runtime calls on the
//! main goroutine: package initialization, then `main.main`) and
//! `main.main`.
//!
//! The rgo used is `--rgo PATH`, else `target/release/rgo` (or under
//! `$CARGO_TARGET_DIR`), which must exist (`cargo build --release -p rgo`).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const USAGE: &str = "usage: boot_insns [--rgo PATH] [--keep] [TARGET...] [-- PROGRAM.go...]
  --rgo PATH   the rgo binary (default: target/release/rgo)
  --keep       keep the work directory (images, FIFO) and print its path
  TARGET       boards of rgo's table (default: every target with GOOS none)
  PROGRAM.go   Go programs (default: bench/go/hello.go bench/go/fmt_hello.go)";

/// The milestones, in the order the boot reaches them; `main.main` last.
const MILESTONES: &[&str] = &["_start", "rgo_rt_start", "rgo.main", "main.main"];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("bench/ has a parent").to_path_buf()
}

struct Opts {
    rgo: PathBuf,
    keep: bool,
    targets: Vec<&'static rgo_targets::Target>,
    programs: Vec<PathBuf>,
}

fn parse_args() -> Result<Opts, String> {
    let mut rgo = None;
    let mut keep = false;
    let mut targets = vec![];
    let mut programs = vec![];
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--rgo" => rgo = Some(PathBuf::from(args.next().ok_or("--rgo needs a path")?)),
            "--keep" => keep = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            "--" => programs.extend(args.by_ref().map(PathBuf::from)),
            t => {
                let t = rgo_targets::parse(t, None).map_err(|e| e.to_string())?;
                if t.goos != "none" {
                    return Err(format!("{}: not a board (GOOS {})", t.name, t.goos));
                }
                targets.push(t);
            }
        }
    }
    if targets.is_empty() {
        targets = rgo_targets::TARGETS.iter().filter(|t| t.goos == "none").collect();
    }
    if programs.is_empty() {
        programs = ["hello.go", "fmt_hello.go"].iter().map(|p| workspace().join("bench/go").join(p)).collect();
    }
    let rgo = match rgo {
        Some(p) => p,
        None => {
            let dir = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| workspace().join("target"), PathBuf::from);
            dir.join("release").join("rgo")
        }
    };
    if !rgo.is_file() {
        return Err(format!("{}: no rgo there (cargo build --release -p rgo, or --rgo PATH)", rgo.display()));
    }
    Ok(Opts { rgo, keep, targets, programs })
}

/// The address of each milestone in `elf`, by the target's `nm`.
fn milestones(t: &rgo_targets::Target, elf: &Path) -> Result<Vec<u64>, String> {
    let nm = format!("{}-nm", t.gnu_triple);
    let out = Command::new(&nm).arg(elf).output().map_err(|e| format!("cannot run {nm}: {e}"))?;
    if !out.status.success() {
        return Err(format!("{nm} {}: {}", elf.display(), String::from_utf8_lossy(&out.stderr)));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    MILESTONES
        .iter()
        .map(|m| {
            text.lines()
                .find_map(|l| {
                    let mut f = l.split_whitespace();
                    let (addr, _kind, name) = (f.next()?, f.next()?, f.next()?);
                    (name == *m).then(|| u64::from_str_radix(addr, 16).ok()).flatten()
                })
                .ok_or_else(|| format!("{}: no symbol {m}", elf.display()))
        })
        .collect()
}

/// A connection to qemu's gdbstub (GDB's remote serial protocol).
struct Gdb {
    r: BufReader<TcpStream>,
    w: TcpStream,
}

impl Gdb {
    /// Sends one packet and returns the reply's payload.
    fn ask(&mut self, payload: &str) -> Result<String, String> {
        let sum = payload.bytes().fold(0u8, |a, b| a.wrapping_add(b));
        write!(self.w, "${payload}#{sum:02x}").map_err(|e| format!("gdbstub: {e}"))?;
        let mut reply = vec![];
        loop {
            let mut b = [0u8];
            self.r.read_exact(&mut b).map_err(|e| format!("gdbstub: {e}"))?;
            match (b[0], reply.is_empty()) {
                (b'+', true) => {}
                (b'$', true) => reply.push(b'$'),
                (b'#', false) => {
                    let mut sum = [0u8; 2];
                    self.r.read_exact(&mut sum).map_err(|e| format!("gdbstub: {e}"))?;
                    self.w.write_all(b"+").map_err(|e| format!("gdbstub: {e}"))?;
                    return Ok(String::from_utf8_lossy(&reply[1..]).into_owned());
                }
                (c, false) => reply.push(c),
                (c, true) => return Err(format!("gdbstub: unexpected byte {c:#x}")),
            }
        }
    }
}

/// A connection to qemu's QMP socket.
struct Qmp {
    r: BufReader<UnixStream>,
    w: UnixStream,
}

impl Qmp {
    /// Runs `command` and returns its `"return"` line (events before it
    /// are skipped).
    fn run(&mut self, command: &str) -> Result<String, String> {
        writeln!(self.w, "{{\"execute\":\"{command}\"}}").map_err(|e| format!("QMP: {e}"))?;
        let mut line = String::new();
        loop {
            line.clear();
            if self.r.read_line(&mut line).map_err(|e| format!("QMP: {e}"))? == 0 {
                return Err("QMP: closed".into());
            }
            if line.contains("\"return\"") || line.contains("\"error\"") {
                return Ok(line);
            }
        }
    }

    /// The number of guest instructions executed so far.
    fn icount(&mut self) -> Result<u64, String> {
        let r = self.run("query-replay")?;
        let n = r.split_once("\"icount\":").map(|(_, rest)| rest.trim_start().chars().take_while(char::is_ascii_digit).collect::<String>());
        n.and_then(|n| n.parse().ok()).ok_or_else(|| format!("QMP query-replay: {}", r.trim()))
    }
}

/// Retries `f` for up to five seconds while qemu starts listening.
fn connect<T>(what: &str, f: impl Fn() -> std::io::Result<T>) -> Result<T, String> {
    let start = Instant::now();
    loop {
        match f() {
            Ok(t) => return Ok(t),
            Err(e) if start.elapsed() > Duration::from_secs(5) => return Err(format!("{what}: {e}")),
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

/// Boots `elf` on `t`, stopped at each milestone by a breakpoint; returns
/// the number of instructions executed before each was first reached.
fn count(t: &rgo_targets::Target, elf: &Path, work: &Path) -> Result<Vec<u64>, String> {
    let addrs = milestones(t, elf)?;
    let rgo_targets::Emulator::System { tool, args } = t.emulator else {
        return Err(format!("{}: its emulator is no qemu-system machine", t.name));
    };
    // A free port for the gdbstub (free when asked; qemu takes it next).
    let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map_err(|e| format!("no free port: {e}"))?.port();
    let qmp_sock = work.join("qmp.sock");
    let _ = std::fs::remove_file(&qmp_sock);
    let mut qemu = Command::new(tool.command)
        .arg("-icount")
        .arg(format!("shift=0,rr=record,rrfile={}", work.join("boot.rr").display()))
        .args(["-S", "-gdb", &format!("tcp:127.0.0.1:{port}"), "-qmp"])
        .arg(format!("unix:{},server=on,wait=off", qmp_sock.display()))
        // The table's arguments end with `-kernel`: the image follows them.
        .args(args)
        .arg(elf)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {} (Debian package {}): {e}", tool.command, tool.debian_package))?;
    let result = (|| {
        let g = connect("gdbstub", || TcpStream::connect(("127.0.0.1", port)))?;
        let mut gdb = Gdb { r: BufReader::new(g.try_clone().map_err(|e| e.to_string())?), w: g };
        let q = connect("QMP", || UnixStream::connect(&qmp_sock))?;
        let mut qmp = Qmp { r: BufReader::new(q.try_clone().map_err(|e| e.to_string())?), w: q };
        let mut greeting = String::new();
        qmp.r.read_line(&mut greeting).map_err(|e| format!("QMP: {e}"))?;
        qmp.run("qmp_capabilities")?;
        let mut at = vec![];
        for (&a, m) in addrs.iter().zip(MILESTONES) {
            // One breakpoint at a time: each milestone is first reached
            // after the one before it.
            let r = gdb.ask(&format!("Z0,{a:x},4"))?;
            if r != "OK" {
                return Err(format!("gdbstub: breakpoint at {m}: {r:?}"));
            }
            let stop = gdb.ask("c")?;
            if !stop.starts_with('T') && !stop.starts_with('S') {
                return Err(format!("{m} never ran: qemu stopped with {stop:?}"));
            }
            // The PC is GDB's register 32 on aarch64 (after x0-x30 and sp)
            // and on riscv64 (after x0-x31), 8 bytes each, little-endian.
            let regs = gdb.ask("g")?;
            let pc = regs.get(32 * 16..33 * 16).and_then(|h| u64::from_str_radix(h, 16).ok()).map(u64::swap_bytes);
            let pc = pc.ok_or_else(|| format!("gdbstub: registers {regs:?}"))?;
            if pc != a {
                return Err(format!("stopped at {pc:#x}, not at {m} ({a:#x})"));
            }
            gdb.ask(&format!("z0,{a:x},4"))?;
            at.push(qmp.icount()?);
        }
        Ok(at)
    })();
    let _ = qemu.kill();
    let out = qemu.wait_with_output().map_err(|e| format!("waiting for qemu: {e}"))?;
    let _ = std::fs::remove_file(&qmp_sock);
    let _ = std::fs::remove_file(work.join("boot.rr"));
    result.map_err(|e| format!("{}: {e} (qemu: {})", elf.display(), String::from_utf8_lossy(&out.stderr).trim()))
}

fn qemu_version(cmd: &str) -> String {
    Command::new(cmd)
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).lines().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn run() -> Result<(), String> {
    let o = parse_args()?;
    let work = std::env::temp_dir().join(format!("rgo-boot-insns-{}", std::process::id()));
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let mut rows = vec![];
    for t in &o.targets {
        for p in &o.programs {
            let stem = p.file_stem().map_or("prog".into(), |s| s.to_string_lossy().into_owned());
            let elf = work.join(format!("{stem}-{}.elf", t.name));
            let out = Command::new(&o.rgo)
                .args(["build", "--target", t.name, "-o"])
                .arg(&elf)
                .arg(p)
                .output()
                .map_err(|e| format!("cannot run {}: {e}", o.rgo.display()))?;
            if !out.status.success() {
                return Err(format!("rgo build --target {} {}: {}", t.name, p.display(), String::from_utf8_lossy(&out.stderr)));
            }
            eprintln!("boot_insns: {} {}", t.name, p.display());
            let at = count(t, &elf, &work)?;
            rows.push((t, p.strip_prefix(workspace()).unwrap_or(p).display().to_string(), at));
        }
    }
    let mut emulators: Vec<String> = o
        .targets
        .iter()
        .map(|t| format!("{} ({})", t.emulator.tool().command, qemu_version(t.emulator.tool().command)))
        .collect();
    emulators.dedup();
    println!("Guest instructions from reset to `main.main` ({}):", emulators.join(", "));
    println!();
    println!("| board | program | reset → `_start` | boot code → `rgo_rt_start` | runtime start → `rgo.main` | package init → `main.main` | total |");
    println!("|---|---|---:|---:|---:|---:|---:|");
    for (t, p, at) in &rows {
        let mut cells = vec![thousands(at[0])];
        cells.extend(at.windows(2).map(|w| thousands(w[1] - w[0])));
        cells.push(thousands(*at.last().expect("milestones")));
        println!("| {} | `{p}` | {} |", t.name, cells.join(" | "));
    }
    if o.keep {
        eprintln!("boot_insns: kept {}", work.display());
    } else {
        let _ = std::fs::remove_dir_all(&work);
    }
    Ok(())
}

fn main() {
    if let Err(e) = run() {
        eprintln!("boot_insns: {e}");
        std::process::exit(1);
    }
}
