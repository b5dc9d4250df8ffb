//! End-to-end: compile Go programs with `rgo build`, run them, and judge
//! them as Go's test runner does (stdout and stderr as one stream equal to
//! the expected output, or empty when there is none; exit status 0).
//!
//! The programs are rgo's examples (expected output checked in beside
//! them, produced by Go 1.19's `go run`) and the Go 1.19 test programs of
//! ../shared/corpus/CORPUS.md that use only the language rgo compiles so far.
//!
//! `RGO_TEST_TARGET` (`linux/arm64`, or a GOARCH such as `riscv64`) builds
//! every program for that target of the table (`rgo build --target`) and
//! runs it as `rgo run` would, under its emulator when it is not the host's
//! architecture; the judgement is the same. Unset: the host.
//! `RGO_EMULATE=1` runs host programs under their emulator too.

use std::path::{Path, PathBuf};
use std::process::Command;

const GO_TEST: &str = "/usr/lib/go-1.19/test";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The target the programs are built for and judged on.
fn target() -> &'static rgo_targets::Target {
    match std::env::var("RGO_TEST_TARGET") {
        Ok(t) if !t.is_empty() => rgo_targets::parse(&t, None).unwrap_or_else(|e| panic!("RGO_TEST_TARGET: {e}")),
        _ => rgo_targets::host().expect("the tests run on a host of the table of targets"),
    }
}

/// Builds `files` into a temporary directory and runs the program; returns
/// (combined output, exit status).
fn build_and_run(name: &str, files: &[PathBuf]) -> (String, i32) {
    for f in files {
        assert!(f.exists(), "{} is missing (Go 1.19's test programs come with golang-go: run ci/setup)", f.display());
    }
    build_and_run_in(name, None, files)
}

/// [`build_and_run`] of `args` (files or package patterns), with rgo run in
/// directory `cwd` when given (a module's).
fn build_and_run_in(name: &str, cwd: Option<&Path>, args: &[PathBuf]) -> (String, i32) {
    let dir = std::env::temp_dir().join(format!("rgo-e2e-{}-{}", name, std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let exe = dir.join(name);
    let target = target();
    let mut rgo = Command::new(env!("CARGO_BIN_EXE_rgo"));
    if let Some(cwd) = cwd {
        rgo.current_dir(cwd);
    }
    let out = rgo
        .arg("build")
        .args(["--target", target.name])
        .arg("-o")
        .arg(&exe)
        .args(args)
        .output()
        .expect("run rgo");
    assert!(
        out.status.success(),
        "rgo build {name} failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // One stream for stdout and stderr, as Go's test runner captures them;
    // GOOS and GOARCH set, as it sets them (test/env.go checks). The
    // program runs as `rgo run` runs it (under an emulator if need be).
    let cmd = rgo::driver::run::command(target, &exe, &[] as &[&str]).unwrap_or_else(|e| panic!("{e}"));
    let run = Command::new("sh")
        .arg("-c")
        .arg("exec \"$@\" 2>&1")
        .arg("sh")
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .env("GOOS", target.goos)
        .env("GOARCH", target.goarch)
        .output()
        .expect("run program");
    let _ = std::fs::remove_dir_all(&dir);
    (String::from_utf8_lossy(&run.stdout).into_owned(), run.status.code().unwrap_or(-1))
}

fn judge(name: &str, files: &[PathBuf], expected: Option<PathBuf>) {
    judge_output(name, build_and_run(name, files), expected)
}

fn judge_output(name: &str, (got, status): (String, i32), expected: Option<PathBuf>) {
    let want = match expected {
        Some(p) => std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())),
        None => String::new(),
    };
    assert_eq!(status, 0, "{name} exited with status {status}; output:\n{got}");
    if got != want {
        let line = got.lines().zip(want.lines()).position(|(a, b)| a != b).unwrap_or(got.lines().count().min(want.lines().count()));
        panic!(
            "{name}: output differs from Go's at line {}\n--- got ---\n{got}\n--- want ---\n{want}",
            line + 1
        );
    }
}

/// A program from Go's test directory, judged by its `.out` file if any.
fn go_test(rel: &str) {
    let path = Path::new(GO_TEST).join(format!("{rel}.go"));
    let out = Path::new(GO_TEST).join(format!("{rel}.out"));
    let name = rel.replace('/', "_");
    judge(&name, &[path], out.exists().then_some(out));
}

fn example(files: &[&str], expected: &str) {
    let r = repo();
    let paths: Vec<PathBuf> = files.iter().map(|f| r.join(f)).collect();
    let name = Path::new(files[0]).file_stem().unwrap().to_string_lossy().into_owned();
    judge(&name, &paths, Some(r.join(expected)));
}

/// `rgo test` of toolchain/tests/modules/tested, judged by what gc's `go
/// test` prints for it (`test.out` beside it: `go test -count=1 ./...`,
/// then `go test -count=1 -v -short ./calc`, every time made `T`): tests of the package
/// and of its external test package, subtests, examples, TestMain, a
/// failing test and example, a package whose test does not compile, one
/// without tests, packages of test files only (in-package and external), and
/// t.Helper in helpers and in a subtest's function (`-count=1` each time, as
/// go ran). `-json`'s events for the
/// package with TestMain and failures are go's (`test.json`: `go test -count=1
/// -json ./failing`, times dropped). On the boards, the packages that need no
/// files (`test_board.out`: `go test -count=1 ./failing ./none ./onlyexternal
/// ./onlytests`).
#[test]
fn rgo_test_module() {
    let module = repo().join("toolchain/tests/modules/tested");
    let target = target();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_rgo"))
            .current_dir(&module)
            .arg("test")
            .args(["--target", target.name, "-count=1"])
            .args(args)
            .output()
            .expect("run rgo test");
        (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned(), out.status.code())
    };
    let (json, stderr, status) = run(&["-json", "./failing"]);
    assert_eq!((stderr.as_str(), status), ("", Some(1)));
    let want = std::fs::read_to_string(module.join("test.json")).unwrap();
    let got = json_without_times(&json);
    assert!(got == want, "rgo test -json output differs from go test's\n--- got ---\n{got}\n--- want ---\n{want}");
    if target.goos == "none" {
        let (out, stderr, status) = run(&["./failing", "./none", "./onlyexternal", "./onlytests"]);
        assert_eq!((stderr.as_str(), status), ("", Some(1)));
        let want = std::fs::read_to_string(module.join("test_board.out")).unwrap();
        let got = without_times(&out);
        assert!(got == want, "rgo test output on the board differs from go test's\n--- got ---\n{got}\n--- want ---\n{want}");
        return;
    }
    let (all, stderr, status) = run(&["./..."]);
    assert_eq!(status, Some(2), "a test binary that does not build makes status 2; stdout:\n{all}");
    assert_eq!(
        stderr,
        "# example.com/tested/broken [example.com/tested/broken.test]\nbroken/broken_test.go:6:2: undefined: undefinedHelper\n"
    );
    let (verbose, stderr, status) = run(&["-v", "-short", "./calc"]);
    assert_eq!((stderr.as_str(), status), ("", Some(0)));
    let got = without_times(&(all + &verbose));
    let want = std::fs::read_to_string(module.join("test.out")).unwrap();
    assert!(got == want, "rgo test output differs from go test's\n--- got ---\n{got}\n--- want ---\n{want}");
}

/// `go test -json` events without their times: no `Time`, every `Elapsed`
/// `E`, and the durations in `Output` (after an escaped tab, in
/// parentheses) `T`.
fn json_without_times(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut l = line.to_string();
        if let Some(at) = l.find("\"Time\":\"") {
            if let Some(end) = l[at + 8..].find("\",") {
                l.replace_range(at..at + 8 + end + 2, "");
            }
        }
        if let Some(at) = l.find("\"Elapsed\":") {
            let from = at + 10;
            let end = l[from..].find([',', '}']).map_or(l.len(), |e| from + e);
            l.replace_range(from..end, "E");
        }
        out.push_str(&without_times(&l.replace("\\t", "\t")).replace('\t', "\\t"));
        out.push('\n');
    }
    out
}

/// A passing package's result is cached as go caches it: the same run again
/// prints `(cached)` for its time, with its output (`-v`); another flag set, a
/// changed input file, source file or embedded file, or `-count=1` runs it. Not on the boards (no file system
/// for the test log).
#[test]
fn rgo_test_caches_results() {
    let target = target();
    let dir = tempfile::tempdir().unwrap();
    let module = dir.path().join("m");
    std::fs::create_dir_all(module.join("testdata")).unwrap();
    let test = "package m\n\nimport (\n\t\"os\"\n\t\"testing\"\n)\n\nfunc TestRead(t *testing.T) {\n\tb, err := os.ReadFile(\"testdata/in.txt\")\n\tt.Log(string(b), err, Word, Embedded)\n}\n";
    let m_go = |word: &str| format!("package m\n\nimport _ \"embed\"\n\nconst Word = \"{word}\"\n\n//go:embed word.txt\nvar Embedded string\n");
    // Files written a minute ago, as an editor's are by the next run: a
    // file changed in the last two seconds is never trusted.
    let write_old = |path: &std::path::Path, text: &str| {
        std::fs::write(path, text).unwrap();
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        std::fs::File::options().write(true).open(path).unwrap().set_modified(old).unwrap();
    };
    write_old(&module.join("go.mod"), "module example.com/m\n\ngo 1.19\n");
    write_old(&module.join("m.go"), &m_go("alpha"));
    write_old(&module.join("m_test.go"), test);
    write_old(&module.join("word.txt"), "embedded-1");
    let input = module.join("testdata/in.txt");
    let write_input = |text: &str| write_old(&input, text);
    write_input("one");
    // The directories too, whose times their new entries set: however
    // fast the first run, what it read is old enough to be recorded.
    for d in [module.join("testdata"), module.clone()] {
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        std::fs::File::open(&d).unwrap().set_modified(old).unwrap();
    }
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_rgo"))
            .current_dir(&module)
            .env("GOCACHE", dir.path().join("cache"))
            .arg("test")
            .args(["--target", target.name])
            .args(args)
            .output()
            .expect("run rgo test");
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let cached = |out: &str| out.ends_with("\t(cached)\n");
    assert!(!cached(&run(&["."])));
    let again = run(&["."]);
    assert_eq!(cached(&again), target.goos != "none", "{again}");
    if target.goos == "none" {
        return;
    }
    let verbose = run(&["-v", "."]);
    assert!(!cached(&verbose) && verbose.contains("one <nil> alpha embedded-1"), "{verbose}");
    let replayed = run(&["-v", "."]);
    assert!(cached(&replayed) && replayed.contains("one <nil> alpha embedded-1"), "{replayed}");
    write_input("three");
    let changed = run(&["-v", "."]);
    assert!(!cached(&changed) && changed.contains("three <nil> alpha"), "{changed}");
    // The result is looked up before the binary is built, from what the
    // build read: a source edit of the same size and time runs again.
    write_old(&module.join("m.go"), &m_go("gamma"));
    let edited = run(&["-v", "."]);
    assert!(!cached(&edited) && edited.contains("three <nil> gamma"), "{edited}");
    let edited_again = run(&["-v", "."]);
    assert!(cached(&edited_again) && edited_again.contains("three <nil> gamma"), "{edited_again}");
    // So is an embedded file's.
    write_old(&module.join("word.txt"), "embedded-2");
    let embedded = run(&["-v", "."]);
    assert!(!cached(&embedded) && embedded.contains("three <nil> gamma embedded-2"), "{embedded}");
    assert!(!cached(&run(&["-count=1", "."])));
}

/// `text` with every duration Go's testing prints (`0.002s`, `(0.00s)`) as `T`.
fn without_times(text: &str) -> String {
    let mut out = String::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        if j > start && j + 1 < bytes.len() && bytes[j] == b'.' && bytes[j + 1].is_ascii_digit() {
            let mut k = j + 1;
            while k < bytes.len() && bytes[k].is_ascii_digit() {
                k += 1;
            }
            let boundary = start == 0 || matches!(bytes[start - 1], b'\t' | b'(' | b' ');
            if boundary && k < bytes.len() && bytes[k] == b's' {
                out.push('T');
                i = k + 1;
                continue;
            }
        }
        let ch = text[i..].chars().next().unwrap();
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

/// A module of several packages with a vendored dependency
/// (toolchain/tests/modules/app: an internal package, a generic type,
/// init order across packages, a file for linux only, one that is never
/// built and a test file), built as `rgo build ./cmd/app` in the module.
#[test]
fn module_vendored() {
    let module = repo().join("toolchain/tests/modules/app");
    let out = build_and_run_in("module_app", Some(&module), &[PathBuf::from("./cmd/app")]);
    judge_output("module_app", out, Some(module.join("cmd/app/main.out")));
}

/// A module whose packages embed files (toolchain/tests/modules/embedded):
/// `//go:embed` into a string, a byte slice, and `embed.FS` trees (a
/// directory with and without `all:`, globs, quoted patterns, an alias),
/// read through io/fs and text/template; the layout and hashes are gc's.
#[test]
fn module_embed() {
    let module = repo().join("toolchain/tests/modules/embedded");
    let out = build_and_run_in("module_embed", Some(&module), &[PathBuf::from(".")]);
    judge_output("module_embed", out, Some(module.join("main.out")));
}

#[test]
fn example_hello() {
    example(&["examples/hello.go"], "examples/hello.out");
}

#[test]
fn example_tour() {
    example(&["examples/tour.go"], "examples/tour.out");
}

/// Generic code with no imports: it builds without a Go installation too.
#[test]
fn example_generics() {
    example(&["examples/generics.go"], "examples/generics.out");
}

#[test]
fn example_asm() {
    let asm = format!("examples/asm/add_{}.S", target().goarch);
    example(&["examples/asm/add.go", &asm], "examples/asm/add.out");
}

/// runtime/volatile driving the board's UART through its registers
/// (docs/boards.md, "Device registers"): run and judged on the boards. A
/// Linux target has no such device at those addresses: there the program
/// is only built (so it keeps compiling everywhere), not run.
#[test]
fn example_board_uart() {
    // A module of its own: the files for a board and for Linux are chosen
    // by the build tag `baremetal`, which applies to a package's files, not
    // to files named on the command line (as with go).
    let module = repo().join("examples/board");
    if target().goos != "none" {
        let dir = std::env::temp_dir().join(format!("rgo-e2e-board_uart-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_rgo"))
            .current_dir(&module)
            .args(["build", "--target", target().name, "-o"])
            .arg(dir.join("uart"))
            .arg(".")
            .output()
            .expect("run rgo");
        let _ = std::fs::remove_dir_all(&dir);
        assert!(out.status.success(), "rgo build failed:\n{}", String::from_utf8_lossy(&out.stderr));
        eprintln!("example_board_uart: built for {}; runs on the virt boards only", target().name);
        return;
    }
    let out = build_and_run_in("board_uart", Some(&module), &[PathBuf::from(".")]);
    judge_output("board_uart", out, Some(module.join("uart.out")));
}

macro_rules! go_tests {
    ($($name:ident => $rel:expr,)*) => {
        $(
            #[test]
            fn $name() {
                go_test($rel);
            }
        )*
    };
}

// Tier T1 of test/abi without defer.
go_tests! {
    abi_fuzz_trailing_zero_field => "abi/fuzz_trailing_zero_field",
    abi_method_wrapper => "abi/method_wrapper",
    abi_result_regalloc => "abi/result_regalloc",
    abi_store_reg_args => "abi/store_reg_args",
    abi_zombie_struct_select => "abi/zombie_struct_select",
}

// test/*.go candidates with no imports, defer, recover, maps or goroutines.
go_tests! {
    go_helloworld => "helloworld",
    go_printbig => "printbig",
    go_func6 => "func6",
    go_closure1 => "closure1",
    go_compos => "compos",
    go_func7 => "func7",
    go_varinit => "varinit",
    go_method3 => "method3",
    go_escape3 => "escape3",
    go_decl => "decl",
    go_func8 => "func8",
    go_alias1 => "alias1",
    go_for => "for",
    go_turing => "turing",
    go_method7 => "method7",
    go_simassign => "simassign",
    go_func => "func",
    go_if => "if",
    go_closure2 => "closure2",
    go_ddd => "ddd",
    go_issue52278 => "fixedbugs/issue52278",
    go_issue34395 => "fixedbugs/issue34395",
}

mod common;

/// Seed 000: the wrapper rgo generates for `(*T).M`, promoted from the
/// embedded `S` whose `M` has a pointer receiver, adjusts the receiver and
/// tail-jumps with every argument still in its register.
#[test]
fn golden_method_wrapper_tail_call() {
    let src = Path::new(GO_TEST).join("abi/method_wrapper.go");
    let out = Command::new(env!("CARGO_BIN_EXE_rgo")).arg("build").arg("-S").arg(&src).output().expect("run rgo");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let asm = String::from_utf8(out.stdout).unwrap();
    // The wrapper's lines, from its label to its `.size` directive.
    let start = asm.find("\nmain.T$p.M:\n").expect("the (*T).M wrapper is emitted") + 1;
    let end = start + asm[start..].find(".size").unwrap();
    let wrapper = &asm[start..end];
    assert!(wrapper.contains("jmp main.S$p.M") && !wrapper.contains("call"), "not a tail call:\n{wrapper}");
    common::check_golden(&repo().join("toolchain/tests/golden/method_wrapper_compiled.s"), wrapper);
}

/// A program of `toolchain/tests/programs/`, judged by its `.out` file
/// (produced by Go 1.19's `go run`).
fn program(name: &str) {
    let dir = repo().join("toolchain/tests/programs");
    judge(name, &[dir.join(format!("{name}.go"))], Some(dir.join(format!("{name}.out"))));
}

/// Builds and runs a program expected to die: its exit status and the
/// start of its output (Go's tracebacks differ after that).
fn dies(name: &str, status: i32, prefix: &str) {
    let dir = repo().join("toolchain/tests/programs");
    let (got, st) = build_and_run(name, &[dir.join(format!("{name}.go"))]);
    assert_eq!(st, status, "{name}: exit status; output:\n{got}");
    assert!(got.starts_with(prefix), "{name}: output should start with\n{prefix}\n--- got ---\n{got}");
}

/// A nil dereference in a leaf without a frame (`RGO_GCFUNC_FRAMELESS`):
/// recovered by its caller, whose frame the walk from the fault finds by
/// the return address (on arm64 and riscv64, the LR or RA the fault handler
/// pushed; a collection during the panic keeps the caller's list alive;
/// runtime.Callers names the leaf); gc's output.
#[test]
fn program_frameless_fault() {
    program("frameless_fault");
}

/// Values converted to interfaces whose boxes stay in the frame
/// (`Escapes::boxes`): call arguments, variadic arguments, conversions and
/// `sync.Map.Load`'s key allocate nothing, a box the callee keeps is on the
/// heap, constants point to read-only copies (`Checker::static_box`), and
/// a frame box holding the only pointers to its strings survives a
/// collection in the callee; gc's output (allocation counts included).
#[test]
fn program_iface_boxes() {
    program("iface_boxes");
}

/// Parameters of two to four words whose words arrive in registers and
/// live in slots of their own (`opt::sroa`, `Body::param_words`): value
/// receivers, strings, slices, interfaces, structs with floats, one with
/// two values in a word (not split at the entry), reassigned and captured
/// parameters, and the only pointer to a list in a receiver's word while
/// the collector runs; gc's output.
#[test]
fn program_value_params() {
    program("value_params");
}

/// Values in registers between calls (isa/regs.rs): every class, a
/// pointer walked through a list, values live across atomics, copies and
/// calls, parameters, a nil dereference through a register recovered by
/// the caller.
#[test]
fn program_register_slots() {
    program("register_slots");
}

/// Values in registers across calls (isa/regs.rs: written through to
/// their slots and reloaded after each call): pointers across allocating
/// calls and collections, values across parking channel operations, stack
/// growth, panics recovered in the callee, interface and method-value
/// calls; gc's output.
#[test]
fn program_across_calls() {
    program("across_calls");
}

/// A goroutine blocked in a system call (a read of an empty pipe outside
/// the poller) lets the others run, sleep and collect, and so does the
/// main goroutine blocked in one; gc's output.
#[test]
fn program_syscall_block() {
    program("syscall_block");
}

/// Goroutines on several processors (`runtime.GOMAXPROCS(2)`; one where
/// the runtime runs one thread): trees allocated while others collect,
/// channels, a mutex, atomics, a sleep, a blocking read, ping-pong and
/// recovered panics; gc's output.
#[test]
fn program_parallel_runtime() {
    program("parallel_runtime");
}

/// sync.Pool and defer on several processors: pooled buffers never held
/// by two goroutines at once (each pin has a processor id of its own),
/// fmt's printer pool, collections emptying the pools while others use
/// them, deferred unlocks and recovers; gc's output.
#[test]
fn program_parallel_pool() {
    program("parallel_pool");
}

/// Marking shared with idle threads: a live heap of megabytes (trees, a
/// list, a big pointer slice, maps, interfaces) collected again and again
/// while goroutines wait, its checksums unchanged; gc's output.
#[test]
fn program_parallel_mark() {
    program("parallel_mark");
}

/// `syscall.Exec` stops the runtime's CPU-time tick first: the shell that
/// replaces the program (it would die of SIGPROF's default action) spends
/// many ticks of CPU and prints; gc's output.
#[test]
fn program_exec_tick() {
    program("exec_tick");
}

/// `syscall.Setgid` reaches the runtime's other threads: goroutines that
/// run on them later see the new group (as root; otherwise the group it
/// has); gc's output.
#[test]
fn program_all_threads_syscall() {
    program("all_threads_syscall");
}

/// A net/http server on the loopback interface answers 20 clients at
/// once; a quarter of the requests read a pipe that blocks outside the
/// poller while another goroutine writes it (which hangs without the
/// hand-off of the processor); gc's output.
#[test]
fn program_http_loopback() {
    program("http_loopback");
}

/// Echo clients and servers on two processors: the poller's descriptors,
/// waits, wake-ups and deadline timers change on several threads at once
/// (the runtime package's Go state under `lockRuntime`); a read on a
/// silent connection times out; gc's output.
#[test]
fn program_netpoll_parallel() {
    program("netpoll_parallel");
}

/// Two goroutines writing one map without a lock on two processors: the
/// runtime dies as gc does (the lockless map writes of several processors
/// flag a write under way, and the next locked call throws); the writers
/// loop until then.
#[test]
fn program_map_concurrent_writes() {
    dies("map_concurrent_writes", 2, "fatal error: concurrent map writes\n\ngoroutine ");
}

/// A goroutine reading a map while another writes it, on two processors:
/// gc's fatal error for a read that meets a write under way.
#[test]
fn program_map_concurrent_read() {
    dies("map_concurrent_read", 2, "fatal error: concurrent map read and map write\n\ngoroutine ");
}

/// `runtime.LockOSThread`: a locked goroutine keeps its thread through
/// channel operations and blocking reads (which hand the processor on),
/// no other goroutine runs there, a goroutine that ends locked takes its
/// thread with it, and main locked in init stays on the main thread; gc's
/// output.
#[test]
fn program_lock_os_thread() {
    program("lock_os_thread");
}

/// Signals nobody asked for whose default would end the program (SIGUSR1,
/// SIGUSR2, SIGALRM, a real-time signal) are dropped, before `Notify` and
/// after `Stop`, and a SIGINT sent while another goroutine stops a channel
/// for it is neither lost nor fatal (nothing printed depends on when the
/// signal is delivered: under qemu-user it may come after `Stop`); gc's
/// output.
#[test]
fn program_signal_dropped() {
    program("signal_dropped");
}

/// Loops preempted on their back edges (`Inst::Poll`): a loop of a
/// non-blocking select, a goto loop of leaf calls, and a list walked
/// through registers while other goroutines collect (issue 29's example).
#[test]
fn program_loop_preemption() {
    program("loop_preemption");
}

/// Small functions copied into their callers and divisions by powers of
/// two as shifts, at every width and sign (opt/inline.rs,
/// opt/strength.rs), against gc's output.
#[test]
fn program_inline_leaves() {
    program("inline_leaves");
}

/// Division and remainder by constants that are no power of two, at every
/// width and sign (a multiply-and-shift: isa/divmagic.rs), against gc's
/// output.
#[test]
fn program_div_constants() {
    program("div_constants");
}

/// `&&`, `||` and `!` in the conditions of `if` and `for` lowered as jumps
/// (check/stmt.rs, `cond_jump`): order and short-circuits, against gc.
#[test]
fn program_cond_jumps() {
    program("cond_jumps");
}

/// math/bits.Mul64 as the high and low halves of a product, at the
/// edges of the range, through bits.Mul and a func value; gc's output.
#[test]
fn program_mul64() {
    program("mul64");
}

#[test]
fn program_math_sqrt() {
    program("math_sqrt");
}

/// Indexing loops without bounds checks where the loop proves them needless
/// (check/bounds.rs), and with them wherever the slice or index changes in
/// the body (assigned, through a pointer, a pointer method, a closure, or a
/// shadowing variable): gc's output, panics included.
#[test]
fn program_bounds_loops() {
    program("bounds_loops");
}

/// Aggregates split into words (opt/sroa.rs), copies read from their
/// sources (opt/copies.rs) and panic paths after the body (opt/cold.rs):
/// values swapped and reassigned in loops, copies whose source changes,
/// panics from moved paths with the lines recover sees; gc's output.
#[test]
fn program_aggregates_split() {
    program("aggregates_split");
}

/// Inlined calls are frames of their own in runtime.Caller, Callers,
/// FuncForPC and the lines of panics raised in them (the function tables'
/// inline records), against gc's output.
#[test]
fn program_inline_frames() {
    program("inline_frames");
}

/// Goroutines on channels, a mutex-guarded map, WaitGroup, select, the
/// allocator and runtime.GC at once, with a spinner that yields only at its
/// loops' back edges (issue 29's stress test, on one thread for now).
#[test]
fn program_goroutine_stress() {
    program("goroutine_stress");
}

/// reflect's members that Go's standard library uses: the Can*/Overflow*
/// predicates, Slice3, FieldByIndexErr, FieldByNameFunc, InterfaceData.
#[test]
fn program_reflect_api() {
    program("reflect_api");
}

/// time.Time's binary form as Go writes it (MarshalBinary, GobEncode and
/// back), AddDate, ParseError's messages.
#[test]
fn program_time_binary() {
    program("time_binary");
}

/// What the lowering reads from the checker's facts: types of packages the
/// file does not import, package-level variables without a written type,
/// constants among deferred arguments, interface map keys.
#[test]
fn program_facts_lowering() {
    program("facts_lowering");
}

/// GOROOT's hashes (crypto/md5, sha1, sha256, sha512, hash/crc32, …)
/// with the bodies check/goroot_bodies.rs gives their assembly.
#[test]
fn program_goroot_hashes() {
    program("goroot_hashes");
}

/// A generic type of another package (sync/atomic's Pointer[T]).
/// `range []byte(s)` without a copy.
#[test]
fn program_range_string_bytes() {
    program("range_string_bytes");
}

/// runtime.Stack and debug.Stack from the traceback of rt-core.
#[test]
fn program_runtime_stack() {
    program("runtime_stack");
}

/// encoding/json, encoding/xml, regexp and net/netip from GOROOT.
#[test]
fn program_goroot_json_regexp() {
    program("goroot_json_regexp");
}

/// strconv compiled from GOROOT, FormatFloat bound to rt-core's.
#[test]
fn program_goroot_strconv() {
    program("goroot_strconv");
}

/// runtime.Caller, Callers, CallersFrames and FuncForPC from the tables
/// of each call's line (issue 26).
#[test]
fn program_callers() {
    program("callers");
}

#[test]
fn program_compiler_name() {
    program("compiler_name");
}

#[test]
fn program_callers_bottom() {
    program("callers_bottom");
}

#[test]
fn program_atomic_pointer() {
    program("atomic_pointer");
}

/// GOROOT's math and math/rand compiled from Go's source, with the
/// bodies rgo gives math (check/goroot_bodies.rs).
#[test]
fn program_goroot_math() {
    program("goroot_math");
}

/// Package variables initialized in the program's data, not by code
/// (check/staticinit.rs), and heap pointers stored into that data.
#[test]
fn program_static_init() {
    program("static_init");
}

/// Packages of GOROOT's compiled from Go's source (unicode/utf8,
/// unicode/utf16, math/bits with its `//go:linkname`ed runtime errors,
/// path over rgo's internal/bytealg).
#[test]
fn program_goroot_packages() {
    program("goroot_packages");
}

/// Package runtime's API declared in Go (toolchain/lib/runtime/extern.go):
/// its constants, `runtime.Error`, the profile records' methods.
#[test]
fn program_runtime_api() {
    program("runtime_api");
}

/// Generic code: inference (from arguments, constants, constraints),
/// generic containers and their methods through interfaces, instance names
/// as `%T` and reflect print them, type switches on type parameters,
/// generic closures, and the collector on a generic list (under
/// RGO_GCSTRESS=1 in ci/test's stress stage).
#[test]
fn program_generics() {
    program("generics");
}

/// Aliases that lead back to a type definition, and bytes of constant
/// strings or unsafe.Pointer conversions that are no constants (issue 9).
#[test]
fn program_valid_decls() {
    program("valid_decls");
}

/// Interfaces embedding one another through their methods (bug250) and
/// untyped rune shifts (rune.go).
#[test]
fn program_recursive_iface() {
    program("recursive_iface");
}

#[test]
fn program_stacks() {
    program("stacks");
}

#[test]
fn program_panics() {
    program("panics");
}

/// Fallthrough before empty statements, line directives in code, repeated
/// constant specs: valid Go whose diagnostics issue 9 moved.
#[test]
fn program_lines() {
    program("lines");
}

/// `true && x < y` is an untyped boolean, assignable to a defined bool type.
#[test]
fn program_logical_untyped() {
    program("logical_untyped");
}

/// Comparisons of a bidirectional channel with a directional one.
#[test]
fn program_chan_compare() {
    program("chan_compare");
}

/// `import . "os"` next to other imports of os: `File` is `os.File`.
#[test]
fn program_dot_import_types() {
    program("dot_import_types");
}

#[test]
fn program_unrecovered_nested_panics() {
    dies("unrecovered", 2, "panic: first\n\tpanic: second\n\ngoroutine 1 [running]:\n");
}

#[test]
fn program_runaway_recursion() {
    let dir = repo().join("toolchain/tests/programs");
    let (got, st) = build_and_run("runaway", &[dir.join("runaway.go")]);
    assert_eq!(st, 2, "exit status; output:\n{got}");
    // Go's limit on Linux; a board's depends on its RAM (docs/boards.md).
    let limit = if target().goos == "linux" { "1000000000" } else { "" };
    let rest = got.strip_prefix(&format!("runtime: goroutine stack exceeds {limit}")).unwrap_or_else(|| panic!("{got}"));
    assert!(rest.trim_start_matches(|c: char| c.is_ascii_digit()).starts_with("-byte limit\n"), "{got}");
    assert!(got.contains("\nfatal error: stack overflow"), "{got}");
}

// The corpus programs of the runtime issue: defer, recover, runtime errors,
// growable stacks.
go_tests! {
    abi_defer_aggregate => "abi/defer_aggregate",
    abi_defer_recover_results => "abi/defer_recover_results",
    abi_open_defer_1 => "abi/open_defer_1",
    abi_wrapdefer_largetmp => "abi/wrapdefer_largetmp",
    go_closure4 => "closure4",
    go_defernil => "defernil",
    go_nilptr2 => "nilptr2",
    go_method => "method",
    go_method5 => "method5",
    go_recover1 => "recover1",
    go_convert4 => "convert4",
    go_peano => "peano",
    go_recover3 => "recover3",
    abi_many_intstar_input => "abi/many_intstar_input",
    abi_more_intstar_input => "abi/more_intstar_input",
    abi_fibish => "abi/fibish",
    abi_uglyfib => "abi/uglyfib",
    go_divide => "divide",
}

#[test]
fn program_escape() {
    program("escape");
}

#[test]
fn program_stdlib() {
    program("stdlib");
}

#[test]
fn program_strings() {
    program("strings");
}

/// Sizes, alignments and offsets of every predeclared type and of sample
/// structs (complex64 fields among them), compared with gc's: the compiler
/// and reflect's ABI assignment share one layout table.
#[test]
fn program_layout() {
    program("layout");
}

/// Valid recursive types, and a layout computed while a type it holds is
/// still being resolved.
#[test]
fn program_recursive_types() {
    program("recursive_types");
}

/// Identifiers with non-ASCII letters (mangled symbols).
#[test]
fn program_unicode_names() {
    program("unicode_names");
}

/// Locals and literals too large for a frame, a 1 GB global, blank labels.
#[test]
fn program_big_values() {
    program("big_values");
}

// Tiers T2a and T2b of test/abi (fmt), and the test/*.go candidates that
// need the standard library.
go_tests! {
    abi_double_nested_addressed_struct => "abi/double_nested_addressed_struct",
    abi_double_nested_struct => "abi/double_nested_struct",
    abi_leaf => "abi/leaf",
    abi_leaf2 => "abi/leaf2",
    abi_s_sif_sif => "abi/s_sif_sif",
    abi_spills3 => "abi/spills3",
    abi_spills4 => "abi/spills4",
    abi_struct_3_string_input => "abi/struct_3_string_input",
    abi_f_ret_z_not => "abi/f_ret_z_not",
    abi_fibish_closure => "abi/fibish_closure",
    abi_many_int_input => "abi/many_int_input",
    abi_named_results => "abi/named_results",
    abi_named_return_stuff => "abi/named_return_stuff",
    abi_return_stuff => "abi/return_stuff",
    abi_too_big_to_ssa => "abi/too_big_to_ssa",
    abi_convf_criteria => "abi/convF_criteria",
    abi_convt64_criteria => "abi/convT64_criteria",
    abi_struct_lower_1 => "abi/struct_lower_1",
    go_const3 => "const3",
    go_defer => "defer",
    go_typeswitch1 => "typeswitch1",
}

// Valid Go that rgo used to reject (issue 9).
go_tests! {
    fixedbugs_issue2615 => "fixedbugs/issue2615",
    fixedbugs_issue45242 => "fixedbugs/issue45242",
    fixedbugs_issue50854 => "fixedbugs/issue50854",
    fixedbugs_bug184 => "fixedbugs/bug184",
    fixedbugs_issue53619 => "fixedbugs/issue53619",
    fixedbugs_bug291 => "fixedbugs/bug291",
    fixedbugs_issue5793 => "fixedbugs/issue5793",
    fixedbugs_issue19911 => "fixedbugs/issue19911",
    fixedbugs_issue23545 => "fixedbugs/issue23545",
    fixedbugs_issue7050 => "fixedbugs/issue7050",
    fixedbugs_bug336 => "fixedbugs/bug336",
    fixedbugs_bug446 => "fixedbugs/bug446",
    go_const => "const",
    go_float_lit2 => "float_lit2",
    fixedbugs_issue14651 => "fixedbugs/issue14651",
    fixedbugs_issue30243 => "fixedbugs/issue30243",
    fixedbugs_bug420 => "fixedbugs/bug420",
}

/// Untyped constants shifted by a non-constant count take the type of
/// their context: the other operand, the assigned variable, the result.
#[test]
fn program_shift_context() {
    program("shift_context");
}

/// Multi-value calls as the arguments of built-in and library functions,
/// comma-ok type assertions in variable declarations.
#[test]
fn program_multi_value() {
    program("multi_value");
}

/// Typed nils compared with interfaces, comparisons of a named and an
/// unnamed type with one underlying type, `(*os.File).Write`.
#[test]
fn program_valid_misc() {
    program("valid_misc");
}

/// Functions of the intrinsic packages (fmt, strings, strconv, math, ...)
/// as func values: locals, package variables, arguments, compared to nil.
#[test]
fn program_func_values() {
    program("func_values");
}

/// Named types declared as named types still being resolved (through
/// pointers), and package variables initialized through methods and
/// functions whose parameters shadow package variables.
#[test]
fn program_recursive_decls() {
    program("recursive_decls");
}

/// Untyped constants beyond i128 and f64, evaluated exactly and rounded
/// once when they get a type.
#[test]
fn program_big_constants() {
    program("big_constants");
}

/// Dot imports of intrinsic packages; a parenthesized blank identifier as
/// an assignment target.
#[test]
fn program_dot_import() {
    program("dot_import");
}

// Programs that call runtime.GC (issue 11 ran them when it did nothing).
go_tests! {
    go_gc => "gc",
    go_stackobj2 => "stackobj2",
    fixedbugs_bug484 => "fixedbugs/bug484",
    fixedbugs_bug500 => "fixedbugs/bug500",
    fixedbugs_issue14591 => "fixedbugs/issue14591",
    fixedbugs_issue16095 => "fixedbugs/issue16095",
    fixedbugs_issue16515 => "fixedbugs/issue16515",
    fixedbugs_issue21963 => "fixedbugs/issue21963",
    fixedbugs_issue6055 => "fixedbugs/issue6055",
    fixedbugs_issue7944 => "fixedbugs/issue7944",
    fixedbugs_issue8036 => "fixedbugs/issue8036",
    fixedbugs_issue8048 => "fixedbugs/issue8048",
    fixedbugs_issue8132 => "fixedbugs/issue8132",
    fixedbugs_issue8155 => "fixedbugs/issue8155",
    fixedbugs_issue21887 => "fixedbugs/issue21887",
    fixedbugs_issue6899 => "fixedbugs/issue6899",
    fixedbugs_issue23522 => "fixedbugs/issue23522",
    fixedbugs_issue48536 => "fixedbugs/issue48536",
}

// Issue 12: Go's programs of the collector (runtime.GC, SetFinalizer,
// ReadMemStats), run under RGO_GCSTRESS=1 too by ci/test.
go_tests! {
    go_gc1 => "gc1",
    go_gc2 => "gc2",
    go_mallocfin => "mallocfin",
    go_deferfin => "deferfin",
    go_tinyfin => "tinyfin",
    go_gcstring => "gcstring",
    abi_part_live => "abi/part_live",
    abi_part_live_2 => "abi/part_live_2",
    // Stack objects and liveness as precise as gc's: an object dies with
    // the last live pointer to the variable holding it.
    go_stackobj => "stackobj",
    go_stackobj3 => "stackobj3",
    fixedbugs_issue15277 => "fixedbugs/issue15277",
    fixedbugs_issue15281 => "fixedbugs/issue15281",
    fixedbugs_issue27518b => "fixedbugs/issue27518b",
    fixedbugs_issue32477 => "fixedbugs/issue32477",
    fixedbugs_issue46725 => "fixedbugs/issue46725",
    // A closure without captures is static, and its parameters stay in
    // its frame: calling it allocates nothing.
    go_closure => "closure",
    // SetMaxStack, and a big composite literal kept off the stack as gc
    // keeps it (implicit variables above 64 KiB go to the heap).
    fixedbugs_issue18636 => "fixedbugs/issue18636",
    // //go:uintptrescapes: a uintptr(p) argument keeps p's object alive
    // until the call returns, for calls, go and defer statements.
    go_uintptrescapes3 => "uintptrescapes3",
    fixedbugs_issue24491a => "fixedbugs/issue24491a",
    fixedbugs_issue24491b => "fixedbugs/issue24491b",
}

/// Go memory only the runtime holds survives collections (timers, new
/// goroutines, defer and panic records, finalizers).
#[test]
fn program_gc_roots() {
    program("gc_roots");
}

/// debug.SetMaxStack sets the limit a growing stack may not pass. The
/// first limit is Go's on Linux (a board's depends on its RAM:
/// docs/boards.md).
#[test]
fn program_max_stack() {
    let dir = repo().join("toolchain/tests/programs");
    let (got, st) = build_and_run("max_stack", &[dir.join("max_stack.go")]);
    assert_eq!(st, 2, "exit status; output:\n{got}");
    let (first, rest) = got.split_once('\n').unwrap_or_default();
    if target().goos == "linux" {
        assert_eq!(first, "1000000000");
    } else {
        assert!(first.parse::<u64>().is_ok_and(|n| n > 1 << 20), "{got}");
    }
    let want = "1048576\n5050\nruntime: goroutine stack exceeds 1048576-byte limit\n";
    assert!(rest.starts_with(want), "output should go on with\n{want}\n--- got ---\n{got}");
}

/// runtime.GC, ReadMemStats, SetFinalizer, KeepAlive, debug.SetGCPercent
/// and FreeOSMemory.
#[test]
fn program_gc_api() {
    program("gc_api");
}

/// runtime/debug's SetMaxThreads, SetMemoryLimit, ReadGCStats and
/// ParseBuildInfo, ending in gc's fatal error for a thread limit below the
/// threads running: `debug_api.out` is the start of gc's output, up to its
/// traceback.
#[test]
fn program_debug_api() {
    let dir = repo().join("toolchain/tests/programs");
    let want = std::fs::read_to_string(dir.join("debug_api.out")).unwrap();
    dies("debug_api", 2, &want);
}

/// runtime's memory, goroutine, block, mutex and thread profiles, and
/// runtime/pprof's CPU profile with labels (crate::profile of rt-core).
#[test]
fn program_profiles() {
    program("profiles");
}

/// debug.WriteHeapDump in gc's format, read back by a parser of it
/// (rt-core's crate::heapdump).
#[test]
fn program_heap_dump() {
    program("heap_dump");
}

/// debug.SetPanicOnFault: faults at non-nil addresses panic with gc's
/// `runtime.errorAddressString` in the goroutine that asked, a copying loop
/// stops at the exact element (rt-core's crate::signal).
#[test]
fn program_panic_on_fault() {
    program("panic_on_fault");
}

/// runtime/metrics: every metric Go 1.19 describes, its values consistent
/// with each other (rt-core's crate::metrics, package runtime's metrics.go).
#[test]
fn program_metrics() {
    program("metrics");
}

/// math.Copysign, strconv.IntSize, runtime.GC (called and as values),
/// unsafe.Add.
#[test]
fn program_stdlib_more() {
    program("stdlib_more");
}

// Issue 9: programs of Go's test tree that rgo compiled but that ran
// wrongly.
go_tests! {
    go_nilptr => "nilptr",
    go_env => "env",
    go_interface_convert => "interface/convert",
    go_ken_interfun => "ken/interfun",
    go_fixedbugs_issue18595 => "fixedbugs/issue18595",
    go_fixedbugs_issue45851 => "fixedbugs/issue45851",
    go_fixedbugs_bug142 => "fixedbugs/bug142",
    go_fixedbugs_bug491 => "fixedbugs/bug491",
    go_fixedbugs_issue43444 => "fixedbugs/issue43444",
    go_fixedbugs_issue54467 => "fixedbugs/issue54467",
    go_fixedbugs_issue19246 => "fixedbugs/issue19246",
    go_fixedbugs_issue23837 => "fixedbugs/issue23837",
    go_fixedbugs_issue38496 => "fixedbugs/issue38496",
    go_fixedbugs_issue43835 => "fixedbugs/issue43835",
    go_fixedbugs_issue15975 => "fixedbugs/issue15975",
    go_fixedbugs_issue19040 => "fixedbugs/issue19040",
    go_fixedbugs_issue11326b => "fixedbugs/issue11326b",
    go_ken_rob2 => "ken/rob2",
}

#[test]
fn program_nilchecks() {
    program("nilchecks");
}

#[test]
fn program_float_consts() {
    program("float_consts");
}

#[test]
fn program_runtime_misc() {
    program("runtime_misc");
}

/// Methods of the intrinsic types (`strings.Builder`, `*os.File`) as
/// method values.
#[test]
fn program_method_values() {
    program("method_values");
}

// Issue 11: maps. The programs of Go's test tree that use maps and need
// nothing else rgo lacks (channels, reflect, ...).
go_tests! {
    go_bigmap => "bigmap",
    go_deferprint => "deferprint",
    go_fixedbugs_bug047 => "fixedbugs/bug047",
    go_fixedbugs_bug048 => "fixedbugs/bug048",
    go_fixedbugs_bug058 => "fixedbugs/bug058",
    go_fixedbugs_bug059 => "fixedbugs/bug059",
    go_fixedbugs_bug060 => "fixedbugs/bug060",
    go_fixedbugs_bug075 => "fixedbugs/bug075",
    go_fixedbugs_bug194 => "fixedbugs/bug194",
    go_fixedbugs_bug227 => "fixedbugs/bug227",
    go_fixedbugs_bug244 => "fixedbugs/bug244",
    go_fixedbugs_bug262 => "fixedbugs/bug262",
    go_fixedbugs_bug263 => "fixedbugs/bug263",
    go_fixedbugs_bug311 => "fixedbugs/bug311",
    go_fixedbugs_bug343 => "fixedbugs/bug343",
    go_fixedbugs_bug442 => "fixedbugs/bug442",
    go_fixedbugs_bug499 => "fixedbugs/bug499",
    go_fixedbugs_gcc61258 => "fixedbugs/gcc61258",
    go_fixedbugs_issue11286 => "fixedbugs/issue11286",
    go_fixedbugs_issue15992 => "fixedbugs/issue15992",
    go_fixedbugs_issue17640 => "fixedbugs/issue17640",
    go_fixedbugs_issue17752 => "fixedbugs/issue17752",
    go_fixedbugs_issue19275 => "fixedbugs/issue19275",
    go_fixedbugs_issue19359 => "fixedbugs/issue19359",
    go_fixedbugs_issue19710 => "fixedbugs/issue19710",
    go_fixedbugs_issue20029 => "fixedbugs/issue20029",
    go_fixedbugs_issue21687 => "fixedbugs/issue21687",
    go_fixedbugs_issue23734 => "fixedbugs/issue23734",
    go_fixedbugs_issue28390 => "fixedbugs/issue28390",
    go_fixedbugs_issue29013b => "fixedbugs/issue29013b",
    go_fixedbugs_issue4585 => "fixedbugs/issue4585",
    go_fixedbugs_issue4620 => "fixedbugs/issue4620",
    go_fixedbugs_issue5607 => "fixedbugs/issue5607",
    go_fixedbugs_issue9691 => "fixedbugs/issue9691",
    go_fixedbugs_issue23017 => "fixedbugs/issue23017",
    go_indirect => "indirect",
    go_ken_complit => "ken/complit",
    go_ken_range => "ken/range",
    go_map => "map",
    go_mapclear => "mapclear",
    go_print => "print",
    go_recover2 => "recover2",
}

/// Maps end to end: make, literals, index, comma-ok, op-assignment,
/// delete, len, range, nil maps, maps in structs and as arguments, fmt.
#[test]
fn program_maps() {
    program("maps");
}

/// Every comparable key type, +0/-0 and NaN keys, interface keys and the
/// unhashable-key panic.
#[test]
fn program_map_keys() {
    program("map_keys");
}

/// The order of range varies within a run, every entry comes once.
#[test]
fn program_map_order() {
    program("map_order");
}

/// Deleting, inserting (growing) and updating during range, with Go's
/// guarantees.
#[test]
fn program_map_mutation() {
    program("map_mutation");
}

/// The order of range varies between runs (the seed and the start of each
/// range are random per process): five runs are not all alike.
#[test]
fn program_map_order_between_runs() {
    let dir = repo().join("toolchain/tests/programs");
    let runs: Vec<String> = (0..5)
        .map(|i| {
            let (out, st) = build_and_run(&format!("map_first_order{i}"), &[dir.join("map_first_order.go")]);
            assert_eq!(st, 0, "{out}");
            let mut keys: Vec<u32> = out.split_whitespace().map(|k| k.parse().unwrap()).collect();
            let order = out.clone();
            keys.sort();
            assert_eq!(keys, (0..64).collect::<Vec<u32>>(), "every key once: {out}");
            order
        })
        .collect();
    assert!(runs.iter().any(|r| *r != runs[0]), "five runs ranged in one order:\n{}", runs[0]);
}

#[test]
fn program_map_nil_assign() {
    dies("map_nil_assign", 2, "0 0\ndeferred runs\npanic: assignment to entry in nil map\n\ngoroutine 1 [running]:\n");
}

/// A switch without a tag and an interface case (reached by test/switch.go
/// once maps compiled).
#[test]
fn program_switch_iface_true() {
    program("switch_iface_true");
}

/// Map keys and elements of zero, small and large sizes.
#[test]
fn program_map_values() {
    program("map_values");
}

/// Goroutines and channels (issue 11): go of closures, method values and
/// functions, ping-pong, buffered channels, range, select, Gosched,
/// NumGoroutine, Goexit, a goroutine blocked inside a deferred call.
#[test]
fn program_goroutines() {
    program("goroutines");
}

/// Channel errors are recoverable panics with Go's messages.
#[test]
fn program_chan_errors() {
    program("chan_errors");
}

/// Preemption: goroutines that only call functions still let main run.
#[test]
fn program_preempt() {
    program("preempt");
}

/// 100,000 goroutines parked at once.
#[test]
fn program_many_goroutines() {
    program("many_goroutines");
}

/// select's choice among ready cases is uniform (spread checked, no order).
#[test]
fn program_select_fair() {
    program("select_fair");
}

/// A select of 18 cases over three channels, blocking and polling (each
/// channel's lock taken once with several processors).
#[test]
fn program_select_many_cases() {
    program("select_many_cases");
}

/// runtime.GOMAXPROCS(1) after two processors ran: from its return on,
/// one thread runs goroutines (CPU time within the wall time of four
/// spinning goroutines); gc's output.
#[test]
fn program_gomaxprocs_lower() {
    program("gomaxprocs_lower");
}

/// GOMAXPROCS at start-up: the environment's, else the CPU count (as gc's).
#[test]
fn program_gomaxprocs_default() {
    program("gomaxprocs_default");
}

#[test]
fn program_deadlock() {
    dies(
        "deadlock",
        2,
        "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan receive]:\n",
    );
}

#[test]
fn program_goroutine_panic() {
    dies("goroutine_panic", 2, "panic: boom\n\ngoroutine ");
}

#[test]
fn program_goexit_main() {
    dies("goexit_main", 2, "deferred in main\nother\nfatal error: no goroutines (main called runtime.Goexit) - deadlock!\n");
}

/// Channels as map keys, directly and inside interfaces (by identity).
#[test]
fn program_map_chan_keys() {
    program("map_chan_keys");
}

// Programs of Go's test tree that got past maps and channels and showed
// bugs elsewhere: interface == interface by assignability (cmp), a package
// variable whose func literal declares a local of its name (const4),
// concatenation keeping a named string type (named), the order of
// multiple assignment (bug242) and map stores whose value faults
// (issue22881).
go_tests! {
    go_cmp => "cmp",
    go_const4 => "const4",
    go_named => "named",
    go_fixedbugs_bug242 => "fixedbugs/bug242",
    go_fixedbugs_issue22881 => "fixedbugs/issue22881",
}

// Issue 11: the library packages written in Go (toolchain/lib).

/// sort: Ints, Strings, Float64s (NaN first), Slice, SliceStable, Sort,
/// Stable, Search and the Slice types, against gc's results.
#[test]
fn program_lib_sort() {
    program("lib_sort");
}

/// sync: Mutex, RWMutex, WaitGroup, Once, Cond, Pool, Map from many
/// goroutines; ends at gc's `fatal error: sync: unlock of unlocked mutex`.
#[test]
fn program_lib_sync() {
    let dir = repo().join("toolchain/tests/programs");
    let want = std::fs::read_to_string(dir.join("lib_sync.out")).unwrap();
    dies("lib_sync", 2, &want);
}

/// Cond.Broadcast and Mutex hand-over order, as gc with GOMAXPROCS=1.
#[test]
fn program_lib_sync_order() {
    program("lib_sync_order");
}

/// A WaitGroup never done: Go's deadlock report, the goroutine in
/// `semacquire`.
#[test]
fn program_lib_sync_deadlock() {
    dies("lib_sync_deadlock", 2, "locked\nfatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [semacquire]:\n");
}

/// sync/atomic: every function and type, from many goroutines; Value's
/// panics; a nil address is Go's nil-dereference panic.
#[test]
fn program_lib_atomic() {
    program("lib_atomic");
}

/// runtime/volatile (TinyGo's API): every function and Register method at
/// every width on ordinary memory, no byte beyond the register written,
/// func and method values, nil addresses panicking.
#[test]
fn program_lib_volatile() {
    program("lib_volatile");
}

/// time: Duration's String and arithmetic, Sleep, timers, tickers, After,
/// AfterFunc.
#[test]
fn program_lib_time() {
    program("lib_time");
}

/// Sleeping goroutines wake in deadline order and the process sleeps
/// meanwhile.
#[test]
fn program_lib_sleep() {
    program("lib_sleep");
}

/// container/list and container/heap.
#[test]
fn program_lib_container() {
    program("lib_container");
}

/// container/ring (test/chan/sieve2.go uses it).
#[test]
fn program_lib_ring() {
    program("lib_ring");
}

/// time's calendar fields, time.Date normalisation, Format's layout
/// elements, locations.
#[test]
fn program_lib_time_format() {
    program("lib_time_format");
}

/// os, log, flag, context, sort and container/list from GOROOT's source:
/// *os.File as an io.Writer and io.Reader, files made, read and removed.
#[test]
fn program_goroot_os() {
    program("goroot_os");
}

/// fmt from GOROOT with rt-core's formatter in front: what the formatter
/// prints, what GOROOT's printer does (methods, Formatter, panics in
/// String, %w), writers, Append, scanning, math/big through fmt.State.
#[test]
fn program_goroot_fmt() {
    program("goroot_fmt");
}

/// Map literals of more than 25 entries with static keys, filled by a
/// loop over arrays: static and evaluated elements, their order, a panic
/// among them, unicode's tables.
#[test]
fn program_map_literals() {
    program("map_literals");
}

/// os/signal from GOROOT: signals the program sends itself reach Notify's
/// channels; Ignore, Stop, Reset, NotifyContext.
#[test]
fn program_goroot_signal() {
    program("goroot_signal");
}

/// The network poller: pipes and loopback TCP and HTTP of GOROOT's os,
/// net and net/http, with deadlines; blocked I/O parks one goroutine.
#[test]
fn program_goroot_netpoll() {
    program("goroot_netpoll");
}

/// defer and go of methods promoted through embedded fields act on the
/// variable itself (os/signal's `defer handlers.Unlock()` unlocked a copy).
#[test]
fn program_defer_promoted() {
    program("defer_promoted");
}

/// Frame variables whose address a call receives: kept in the frame only
/// where no callee (a method through its receiver, a go statement, a method
/// value, a local alias) can keep it; the cases that need no heap allocate
/// nothing (string(b) compared or looked up in place included).
#[test]
fn program_escape_calls() {
    program("escape_calls");
}

/// Slice literals, variadic slices, `string(b)`, `[]byte(s)` and string
/// sums: in the frame unless they can outlive it (returned, stored, kept by
/// a callee or a goroutine, carried across loop iterations), each case
/// checked after the stack is overwritten and collected; the cases that
/// need no heap allocate what gc's do (gc's output).
#[test]
fn program_escape_slices() {
    program("escape_slices");
}

/// Addresses that outlive their frame or loop iteration through results,
/// method results, stores, goto loops, deferred calls in loops, closures,
/// method values and unsafe arithmetic: each variable on the heap.
#[test]
fn program_escape_flows() {
    program("escape_flows");
}

/// Addresses that stay within their frame (pointers held in locals, passed
/// to parameters that do not keep them, returned by a callee into a local):
/// no allocation, gc's counts.
#[test]
fn program_escape_stack() {
    program("escape_stack");
}

/// Objects a function makes and returns (`new(T).Set(x)`, a constant
/// `make`, a variable whose address a callee returns, two results,
/// objects the returned object holds, `string(b)` concatenated by the
/// caller), in the
/// caller's buffer through the function's result-frame variant when the
/// caller keeps them no longer than its frame; on the heap when kept,
/// appended, saved by the callee or chained across loop iterations, and
/// a held object the caller keeps; a sum whose only non-empty operand is
/// in the frame, copied by the runtime; a
/// collection while the buffer holds the only pointer to a string; the
/// variant's name as `runtime.FuncForPC` gives it; calls through defer,
/// go, func and method values. gc's output (allocation counts included).
#[test]
fn program_escape_results() {
    program("escape_results");
}

/// Variables closures capture by value (`check/captures.rs`): parameters
/// and locals nothing changes after their declaration are copied into the
/// closure; those a closure or the function changes later (a counter, a
/// variable assigned after the closure is made, a field set, a pointer
/// method's receiver, loop and range variables) stay in shared cells; a
/// captured pointer to a frame variable that the closure stores globally,
/// goroutines reading their copies; closures in the frame (called at
/// once, passed to a function that only calls them: no allocation, as
/// gc's) and the ways their variables still leave it (an address the
/// closure returns, an inner closure returned, a closure kept through a
/// struct); `*p op= f()` where f changes p, through a frame closure or an
/// address; gc's output.
#[test]
fn program_closure_values() {
    program("closure_values");
}

/// The execution tracer (rt-core's trace.rs): runtime/trace around
/// goroutines, a channel, a sleep, a collection and user annotations; the
/// program decodes its own trace and prints what every Go runtime records.
/// gc's output.
#[test]
fn program_runtime_trace() {
    program("runtime_trace");
}

/// Deferred calls outside loops keep their closures and bound arguments in
/// the frame: no allocation, and a collection before the call runs keeps
/// what only the bound argument holds.
#[test]
fn program_defer_frame() {
    program("defer_frame");
}

/// os.Pipe read by a goroutine waiting in the network poller (the runtime's
/// own pipes and epoll on the boards).
#[test]
fn program_pipe_poll() {
    program("pipe_poll");
}

/// hash/maphash from GOROOT: the runtime's memhash and fastrand64.
#[test]
fn program_goroot_maphash() {
    program("goroot_maphash");
}

/// time from GOROOT: Parse and Format, zones, timers, tickers, AfterFunc,
/// Stop and Reset through the runtime's timer goroutine (nothing printed
/// depends on how late the machine is).
#[test]
fn program_goroot_time() {
    program("goroot_time");
}

/// unsafe.Slice: its slice, its length of any integer type, Go 1.19's
/// panics.
#[test]
fn program_unsafe_slice() {
    program("unsafe_slice");
}

/// Methods reached only through method tables (dead-code elimination
/// keeps them for interface calls of their names and for reflect).
#[test]
fn program_method_pruning() {
    program("method_pruning");
}

/// A panic value's Error and String, called only by the runtime as it
/// prints the panic.
#[test]
fn program_panic_error_method() {
    dies("panic_error_method", 2, "panic: stringer\n\tpanic: failure 7\n");
}

/// log's standard logger.
#[test]
fn program_lib_log() {
    program("lib_log");
}

/// log.Fatalf exits with status 1 without running deferred calls.
#[test]
fn program_lib_log_fatal() {
    dies("lib_log_fatal", 1, "fatal: before\nfatal: exiting with 1\n");
}

/// flag: FlagSet parsing, errors, usage, Values of the program's own, the
/// command-line set.
#[test]
fn program_lib_flag() {
    program("lib_flag");
}

/// flag.Float64: values parsed as strconv.ParseFloat does.
#[test]
fn program_lib_flag_float() {
    program("lib_flag_float");
}

/// -help on the command-line set prints the usage and exits 0.
#[test]
fn program_lib_flag_help() {
    program("lib_flag_help");
}

/// An undefined flag on the command-line set: message, usage, exit status 2.
#[test]
fn program_lib_flag_exit() {
    dies("lib_flag_exit", 2, "flag provided but not defined: -x\nUsage of cmd:\n  -n count\n    \ta count (default 10)\n  -v\tverbose\n");
}

// Go's programs that need the library packages.
go_tests! {
    go_chan_sieve2 => "chan/sieve2",
    go_chan_doubleselect => "chan/doubleselect",
    go_chan_select2 => "chan/select2",
    go_goprint => "goprint",
    go_fixedbugs_issue19182 => "fixedbugs/issue19182",
    go_fixedbugs_issue32187 => "fixedbugs/issue32187",
}

/// reflect's Type side: every Type method rgo has, on every kind of type,
/// Go's panics for misuse, StructTag, the string and slice headers.
#[test]
fn program_reflect_types() {
    program("reflect_types");
}

/// reflect's Value side: reading, setting, assignability, Zero, Copy,
/// misuse panics, and fmt printing Values.
#[test]
fn program_reflect_values() {
    program("reflect_values");
}

/// reflect on maps and DeepEqual.
#[test]
fn program_reflect_maps() {
    program("reflect_maps");
}

/// reflect's VisibleFields (promotion and hiding by depth, embedding
/// cycles), SetPointer, and SetIterKey/SetIterValue with their panics.
#[test]
fn program_reflect_visible() {
    program("reflect_visible");
}

/// reflect's type constructors and the values made of them.
#[test]
fn program_reflect_ctor() {
    program("reflect_ctor");
}

/// reflect's Value.Call and CallSlice, method values included.
#[test]
fn program_reflect_call() {
    program("reflect_call");
}

/// reflect's functions made at run time: MakeFunc, method values as func
/// values, Type.Method's Func, FuncOf.
#[test]
fn program_reflect_makefunc() {
    program("reflect_makefunc");
}

/// reflect.StructOf and Swapper.
#[test]
fn program_reflect_structof() {
    program("reflect_structof");
}

/// reflect's calls allocate no more than gc's (BASELINES §1).
#[test]
fn program_reflect_allocs() {
    program("reflect_allocs");
}

/// reflect on channels: Send, Recv, TrySend, TryRecv, Close, Select.
#[test]
fn program_reflect_chans() {
    program("reflect_chans");
}

/// reflect's Convert, CanConvert and ConvertibleTo over Go's table.
#[test]
fn program_reflect_convert() {
    program("reflect_convert");
}

// Go's programs that need reflect's Type and Value sides or its headers.
go_tests! {
    go_strcopy => "strcopy",
    go_convert => "convert",
    go_fixedbugs_issue8004 => "fixedbugs/issue8004",
    go_fixedbugs_issue45045 => "fixedbugs/issue45045",
    go_fixedbugs_bug444 => "fixedbugs/bug444",
    go_fixedbugs_gcc65755 => "fixedbugs/gcc65755",
    go_fixedbugs_bug177 => "fixedbugs/bug177",
    go_fixedbugs_bug461 => "fixedbugs/bug461",
    go_fixedbugs_issue15329 => "fixedbugs/issue15329",
    go_fixedbugs_issue15439 => "fixedbugs/issue15439",
    go_fixedbugs_issue31546 => "fixedbugs/issue31546",
    go_interface_fake => "interface/fake",
    go_ken_cplx3 => "ken/cplx3",
    go_append => "append",
    go_initialize => "initialize",
    go_fixedbugs_issue16870 => "fixedbugs/issue16870",
    go_fixedbugs_issue42076 => "fixedbugs/issue42076",
    go_fixedbugs_issue7044 => "fixedbugs/issue7044",
    go_fixedbugs_issue48357 => "fixedbugs/issue48357",
    go_fixedbugs_issue10332 => "fixedbugs/issue10332",
    go_fixedbugs_issue44830 => "fixedbugs/issue44830",
    go_fixedbugs_issue22605 => "fixedbugs/issue22605",
    go_fixedbugs_issue37716 => "fixedbugs/issue37716",
    go_fixedbugs_issue26335 => "fixedbugs/issue26335",
    go_fixedbugs_issue19113 => "fixedbugs/issue19113",
}

// Go's programs that need functions made at run time (MakeFunc, method
// values as func values, Type.Method's Func), recover through wrappers, or
// StructOf.
go_tests! {
    go_recover => "recover",
    go_reflectmethod1 => "reflectmethod1",
    go_reflectmethod2 => "reflectmethod2",
    go_reflectmethod3 => "reflectmethod3",
    go_reflectmethod4 => "reflectmethod4",
    go_reflectmethod5 => "reflectmethod5",
    go_reflectmethod6 => "reflectmethod6",
    go_reflectmethod7 => "reflectmethod7",
    go_fixedbugs_issue16331 => "fixedbugs/issue16331",
    go_fixedbugs_issue25897a => "fixedbugs/issue25897a",
    go_fixedbugs_issue25897b => "fixedbugs/issue25897b",
    go_fixedbugs_issue27695 => "fixedbugs/issue27695",
    go_fixedbugs_issue27695b => "fixedbugs/issue27695b",
    go_fixedbugs_issue28748 => "fixedbugs/issue28748",
    go_fixedbugs_issue30041 => "fixedbugs/issue30041",
    go_fixedbugs_issue39541 => "fixedbugs/issue39541",
    go_fixedbugs_issue52788 => "fixedbugs/issue52788",
    go_fixedbugs_issue52788a => "fixedbugs/issue52788a",
    go_fixedbugs_issue57184 => "fixedbugs/issue57184",
    go_fixedbugs_issue30606 => "fixedbugs/issue30606",
    go_fixedbugs_issue30606b => "fixedbugs/issue30606b",
    go_fixedbugs_issue49110 => "fixedbugs/issue49110",
}
